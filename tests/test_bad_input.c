/* Bad input returns its status code and writes nothing (docs/contract.md).
 *
 * Every status of actfast.h is provoked through actfast_apply for every (op,
 * form, dtype) of the table, and through a few typed functions. All arrays of
 * a call lie in one arena, so "nothing written" is one comparison of the whole
 * arena with a snapshot taken just before the call.
 *
 * usage: test_bad_input <isa>
 *        test_bad_input env unknown|unsupported|valid
 *          (ACTFAST_ISA set by CTest: a first force that may fail) */
#include "harness.h"

enum { N = 16 }; /* elements per call */
/* Arrays N apart with room on both sides for overlapping and adjacent
 * placements that stay inside the arena. */
enum { IN = N, DY = 4 * N, OUT = 7 * N, GATE = 10 * N, DGATE = 13 * N, ARENA = 15 * N };

static union {
    float f[ARENA];
    double d[ARENA];
    unsigned char b[ARENA * sizeof(double)];
} arena;
static unsigned char snapshot[sizeof arena];

static void take_snapshot(void) { memcpy(snapshot, &arena, sizeof arena); }

/* got == want, and after an error the arena is as the snapshot left it. */
static void expect(actfast_status got, actfast_status want, int line, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    h_check(got == want, __FILE__, line, "%s: status %d (%s), expected %d", what, (int)got,
            actfast_status_string(got), (int)want);
    if (want != ACTFAST_OK)
        h_check(memcmp(snapshot, &arena, sizeof arena) == 0, __FILE__, line, "%s: wrote on error", what);
}

/* Snapshot, call, check: the comma sequences the snapshot before the call. */
#define EXPECT(want, call, ...) (take_snapshot(), expect((call), (want), __LINE__, __VA_ARGS__))

/* Element i of the arena in the dtype of c, as apply takes it. */
static void *at(const h_case *c, ptrdiff_t i) { return arena.b + i * (ptrdiff_t)c->size; }

/* Parameter values (of the op's parameter number `param`) that only some ops
 * or forms refuse. */
static const struct {
    const char *op;
    int param;
    double value;
    int refused_by_forms; /* bit per actfast_form */
} special_params[] = {
    {"softplus", 0, 0.0, ~0},
    {"softplus", 0, -2.0, 0},
    {"leaky_relu", 0, -0.5, 1 << ACTFAST_BACKWARD_FROM_Y},
    {"elu", 0, -1.0, 1 << ACTFAST_BACKWARD_FROM_Y},
    {"hardtanh", 0, 2.0, ~0}, /* lo > hi */
    {"hardshrink", 0, -0.5, ~0},
    {"softshrink", 0, -0.5, ~0},
    {"selu", 0, -1.0, 1 << ACTFAST_BACKWARD_FROM_Y},
    {"selu", 1, 0.0, 1 << ACTFAST_BACKWARD_FROM_Y},
    {"celu", 0, 0.0, ~0},
    {"celu", 0, -1.0, ~0},
    {"celu", 0, INFINITY, ~0},
    {"swish", 0, INFINITY, ~0},
    {"swish", 0, 0.0, 0},
    {"prelu", 0, -1.0, 0},
    {"rrelu", 0, 0.5, ~0}, /* lower > upper */
    {"rrelu", 1, 0.125, 0}, /* lower = upper */
    {"rrelu", 0, -INFINITY, ~0}, /* an infinite bound: slopes of inf or NaN */
    {"rrelu", 1, INFINITY, ~0},
};

static void check_parameters(const h_case *c, const actfast_params *ok)
{
    const void *in = at(c, IN), *dy = at(c, DY);
    void *out = at(c, OUT);
    for (int i = 0; i < c->info->nparams; i++) {
        actfast_params p = *ok;
        *h_param_field(&p, c->info, i) = NAN;
        EXPECT(ACTFAST_ERR_INVALID_PARAMETER, h_apply(c, in, dy, out, N, &p), "%s %s = NaN", c->name,
               c->info->param_names[i]);
    }
    for (size_t i = 0; i < sizeof special_params / sizeof special_params[0]; i++) {
        if (strcmp(c->info->name, special_params[i].op) != 0)
            continue;
        actfast_params p = *ok;
        *h_param_field(&p, c->info, special_params[i].param) = special_params[i].value;
        EXPECT(special_params[i].refused_by_forms >> c->form & 1 ? ACTFAST_ERR_INVALID_PARAMETER : ACTFAST_OK,
               h_apply(c, in, dy, out, N, &p), "%s %s = %g", c->name,
               c->info->param_names[special_params[i].param], special_params[i].value);
    }
    if (!c->info->rowwise)
        return;
    const size_t bad_cols[] = {0, 3, 2 * N};
    for (size_t i = 0; i < sizeof bad_cols / sizeof bad_cols[0]; i++) {
        actfast_params p = *ok;
        p.cols = bad_cols[i];
        EXPECT(ACTFAST_ERR_INVALID_PARAMETER, h_apply(c, in, dy, out, N, &p), "%s n=%d cols=%zu", c->name, N,
               p.cols);
    }
    actfast_params p = *ok;
    p.cols = 0;
    EXPECT(ACTFAST_OK, h_apply(c, NULL, NULL, NULL, 0, &p), "%s n=0 cols=0", c->name);
    EXPECT(ACTFAST_OK, h_apply(c, in, dy, out, N, NULL), "%s params NULL: one row", c->name);
}

static void check_pointers(const h_case *c, const actfast_params *p)
{
    const void *in = at(c, IN), *dy = at(c, DY);
    void *out = at(c, OUT);
    const actfast_op op = c->op;
    const actfast_form form = c->form;
    const actfast_dtype dt = c->dtype;
    const char *name = c->name;

    EXPECT(ACTFAST_ERR_NULL_POINTER, actfast_apply(op, form, dt, NULL, dy, out, N, p), "%s in NULL", name);
    EXPECT(ACTFAST_ERR_NULL_POINTER, actfast_apply(op, form, dt, in, dy, NULL, N, p), "%s out NULL", name);
    EXPECT(c->with_dy ? ACTFAST_ERR_NULL_POINTER : ACTFAST_OK, actfast_apply(op, form, dt, in, NULL, out, N, p),
           "%s dy NULL", name);
    EXPECT(ACTFAST_OK, actfast_apply(op, form, dt, NULL, NULL, NULL, 0, p), "%s n=0, NULLs", name);
    EXPECT(ACTFAST_OK, actfast_apply(op, form, dt, NULL, NULL, NULL, 0, NULL), "%s n=0, NULLs, no params", name);

    /* Partial overlap by one element either way, by the last element, and by
     * a single byte; adjacent arrays do not overlap. */
    const ptrdiff_t shifts[] = {1, -1, N - 1, -(N - 1), N, -N};
    for (size_t i = 0; i < sizeof shifts / sizeof shifts[0]; i++) {
        const actfast_status want = shifts[i] == N || shifts[i] == -N ? ACTFAST_OK : ACTFAST_ERR_OVERLAP;
        EXPECT(want, actfast_apply(op, form, dt, in, dy, at(c, IN + shifts[i]), N, p), "%s out = in %+td", name,
               shifts[i]);
        if (c->with_dy)
            EXPECT(want, actfast_apply(op, form, dt, in, dy, at(c, DY + shifts[i]), N, p), "%s out = dy %+td",
                   name, shifts[i]);
    }
    EXPECT(ACTFAST_ERR_OVERLAP, actfast_apply(op, form, dt, in, dy, arena.b + (IN + N) * c->size - 1, N, p),
           "%s out on the last byte of in", name);
    EXPECT(ACTFAST_OK, actfast_apply(op, form, dt, in, dy, at(c, IN), N, p), "%s out = in", name);
    EXPECT(ACTFAST_OK, actfast_apply(op, form, dt, in, in, out, N, p), "%s dy = in", name);
    if (c->with_dy)
        EXPECT(ACTFAST_OK, actfast_apply(op, form, dt, in, dy, at(c, DY), N, p), "%s out = dy", name);

    /* n * sizeof(T) past SIZE_MAX, and a byte count that fits but wraps the
     * address space from where the arrays are. One row of one element per
     * row keeps a row-wise op's n valid. */
    actfast_params one_col = *p;
    one_col.cols = 1;
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_apply(op, form, dt, in, dy, out, SIZE_MAX / c->size + 1, &one_col),
           "%s n * size > SIZE_MAX", name);
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_apply(op, form, dt, in, dy, out, SIZE_MAX / c->size, &one_col),
           "%s p + n wraps", name);
    /* In place, where no address wraps: an n that no array can have (more
     * than PTRDIFF_MAX bytes, or more than 2^56 bytes, the most any 64-bit
     * architecture maps) is refused, not run into a crash. */
    void *same = at(c, IN);
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW,
           actfast_apply(op, form, dt, same, same, same, (size_t)PTRDIFF_MAX / c->size + 1, &one_col),
           "%s in place, n * size > PTRDIFF_MAX", name);
#if SIZE_MAX > 0xFFFFFFFFu
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW,
           actfast_apply(op, form, dt, same, same, same, ((size_t)1 << 56) / c->size + 1, &one_col),
           "%s in place, n * size > 2^56", name);
#endif
}

static void check_generic(void)
{
    H_FOR_EACH_CASE(c) {
        h_fill(c.dtype, arena.b, ARENA, (unsigned)c.index);
        const actfast_params p = h_params(&c, c.info->rowwise ? 4 : 0);
        check_pointers(&c, &p);
        check_parameters(&c, &p);
    }
    /* Ops, forms and dtypes that do not exist. */
    const actfast_params p = actfast_default_params(ACTFAST_OP_RELU);
    float *x = arena.f + IN, *y = arena.f + OUT;
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT, actfast_apply(ACTFAST_OP_COUNT, ACTFAST_FORWARD, ACTFAST_F32, x, NULL, y, N, &p),
           "op = ACTFAST_OP_COUNT");
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT, actfast_apply((actfast_op)-1, ACTFAST_FORWARD, ACTFAST_F32, x, NULL, y, N, &p),
           "op = -1");
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT,
           actfast_apply(ACTFAST_OP_RELU, ACTFAST_FORM_COUNT, ACTFAST_F32, x, NULL, y, N, &p), "form = COUNT");
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT,
           actfast_apply(ACTFAST_OP_RELU, (actfast_form)-1, ACTFAST_F32, x, NULL, y, N, &p), "form = -1");
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT,
           actfast_apply(ACTFAST_OP_RELU, ACTFAST_FORWARD, (actfast_dtype)4, x, NULL, y, N, &p), "dtype = 4");
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT,
           actfast_apply(ACTFAST_OP_RELU, ACTFAST_FORWARD, (actfast_dtype)-1, x, NULL, y, N, &p), "dtype = -1");
    for (int op = 0; op < ACTFAST_OP_COUNT; op++)
        for (int form = 0; form < ACTFAST_FORM_COUNT; form++) {
            const actfast_op_info *info = actfast_get_op_info((actfast_op)op);
            if (info->has_form[form])
                continue;
            const actfast_params q = actfast_default_params((actfast_op)op);
            EXPECT(ACTFAST_ERR_INVALID_ARGUMENT,
                   actfast_apply((actfast_op)op, (actfast_form)form, ACTFAST_F32, x, y, y + N, N, &q),
                   "%s lacks form %s", info->name, h_form_names[form]);
        }
}

/* The typed entry points share run() with apply, but have their own
 * parameter packing and the rows x cols product. */
static void check_typed(void)
{
    h_fill(ACTFAST_F32, arena.f, ARENA, 1);
    float *x = arena.f + IN, *dy = arena.f + DY, *y = arena.f + OUT;
    EXPECT(ACTFAST_ERR_NULL_POINTER, actfast_sigmoid_f32(NULL, y, N), "sigmoid_f32 x NULL");
    EXPECT(ACTFAST_ERR_NULL_POINTER, actfast_sigmoid_f32(x, NULL, N), "sigmoid_f32 y NULL");
    EXPECT(ACTFAST_OK, actfast_sigmoid_f32(NULL, NULL, 0), "sigmoid_f32 n=0 NULLs");
    EXPECT(ACTFAST_ERR_NULL_POINTER, actfast_gelu_backward_f32(x, NULL, y, N), "gelu_backward_f32 dy NULL");
    EXPECT(ACTFAST_ERR_OVERLAP, actfast_tanh_f32(x, x + 1, N), "tanh_f32 y = x + 1");
    EXPECT(ACTFAST_OK, actfast_tanh_f32(x, x, N), "tanh_f32 in place");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_leaky_relu_f32(x, y, N, NAN), "leaky_relu_f32 slope NaN");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_elu_backward_from_y_f32(x, dy, y, N, -1.0f),
           "elu_backward_from_y_f32 alpha < 0");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_softplus_f32(x, y, N, 0.0f, 20.0f), "softplus_f32 beta = 0");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_softplus_backward_f32(x, dy, y, N, NAN, 20.0f),
           "softplus_backward_f32 beta NaN");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_softmax_f32(x, y, 3, 0), "softmax_f32 cols = 0");
    /* rrelu's bounds, in training mode and for the slopes alone. */
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_rrelu_f32(x, y, N, -INFINITY, 0.3f, 1, 7, 0),
           "rrelu_f32 training lower = -inf");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_rrelu_backward_f32(x, dy, y, N, 0.1f, INFINITY, 1, 7, 0),
           "rrelu_backward_f32 training upper = inf");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_rrelu_slopes_f32(y, N, -INFINITY, INFINITY, 7, 0),
           "rrelu_slopes_f32 (-inf, inf)");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_rrelu_grad_f32(x, y, N, 0.1f, INFINITY, 0, 7, 0),
           "rrelu_grad_f32 eval upper = inf");
    EXPECT(ACTFAST_OK, actfast_rrelu_slopes_f32(y, N, -FLT_MAX, FLT_MAX, 7, 0), "rrelu_slopes_f32 (-FLT_MAX, FLT_MAX)");
#if SIZE_MAX > 0xFFFFFFFFu
    /* The hand-written entry points, in place with n = 2^60 (2^62 bytes:
     * no address wraps, no machine has them). */
    const size_t huge = (size_t)1 << 60;
    const float one = 1.0f;
    float dbeta;
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_relu_f32(x, x, huge), "relu_f32(x, x, 2^60)");
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_softmax_f32(x, x, huge, 1), "softmax_f32(x, x, 2^60 rows, 1)");
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_prelu_f32(x, x, huge, &one, 1, 1), "prelu_f32(x, x, 2^60)");
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_rrelu_f32(x, x, huge, 0.1f, 0.3f, 1, 7, 0),
           "rrelu_f32 training (x, x, 2^60)");
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_rrelu_slopes_f32(x, huge, 0.1f, 0.3f, 7, 0), "rrelu_slopes_f32(2^60)");
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_swish_backward_beta_f32(x, x, x, huge, 1.0f, &dbeta),
           "swish_backward_beta_f32(x, x, x, 2^60)");
#endif
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_softmax_backward_f32(x, dy, y, SIZE_MAX / 2 + 1, 2),
           "softmax_backward_f32 rows * cols overflows");

    h_fill(ACTFAST_F64, arena.d, ARENA, 2);
    double *xd = arena.d + IN, *dyd = arena.d + DY, *yd = arena.d + OUT;
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_sigmoid_f64(xd, yd, SIZE_MAX / sizeof(double) + 1),
           "sigmoid_f64 n * 8 overflows");
    EXPECT(ACTFAST_ERR_OVERLAP, actfast_relu_backward_f64(xd, dyd, dyd + 1, N), "relu_backward_f64 dx = dy + 1");
    EXPECT(ACTFAST_ERR_OVERLAP, actfast_relu_backward_f64(xd, dyd, xd - 1, N), "relu_backward_f64 dx = x - 1");
    EXPECT(ACTFAST_OK, actfast_relu_backward_f64(xd, dyd, dyd, N), "relu_backward_f64 dx = dy");
    EXPECT(ACTFAST_OK, actfast_relu_backward_f64(xd, dyd, xd, N), "relu_backward_f64 dx = x");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_leaky_relu_backward_from_y_f64(xd, dyd, yd, N, -0.01),
           "leaky_relu_backward_from_y_f64 slope < 0");
    EXPECT(ACTFAST_OK, actfast_leaky_relu_backward_f64(xd, dyd, yd, N, -0.01), "leaky_relu_backward_f64 slope < 0");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_elu_grad_f64(xd, yd, N, NAN), "elu_grad_f64 alpha NaN");
    EXPECT(ACTFAST_ERR_INVALID_PARAMETER, actfast_softplus_grad_f64(xd, yd, N, 1.0, NAN),
           "softplus_grad_f64 threshold NaN");
    EXPECT(ACTFAST_OK, actfast_softmax_f64(xd, yd, 0, 0), "softmax_f64 0 x 0");
    EXPECT(ACTFAST_OK, actfast_softmax_f64(NULL, NULL, 0, 5), "softmax_f64 0 x 5 NULLs");
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, actfast_softmax_f64(xd, yd, SIZE_MAX / sizeof(double), 1),
           "softmax_f64 rows * cols * 8 overflows");
    EXPECT(ACTFAST_ERR_OVERLAP, actfast_softmax_backward_f64(xd, dyd, dyd - 1, 2, N / 2),
           "softmax_backward_f64 dx = dy - 1");
}

/* An f32 call validates what the kernels use: its double parameters (the
 * generic entry's) rounded to float. So an f32 call with v is the call with
 * (float)v, status and bits: softplus' beta = 1e-50 is a float 0 and is
 * refused, swish's beta = 1e39 a float inf and is refused, though both are
 * fine in f64; hardtanh's lo = 1e-50 > hi = -1e-50 is refused in f64 and is
 * +0 <= -0 in f32. */
static float to_float(double v)
{
    volatile float f = (float)v; /* one rounding, which no optimizer may fold away */
    return f;
}

static void check_f32_conversion(void)
{
    static const double values[] = {1e-50, -1e-50, 1e-46, 1e-45, 1e-40, 0.1, 1e39, -1e39, 3.5e38, -3.5e38};
    enum { VALUES = sizeof values / sizeof values[0] };
    static float x[N], dyv[N], o1[N], o2[N];
    H_FOR_EACH_CASE(c) {
        if (c.dtype != ACTFAST_F32 || c.info->nparams == 0)
            continue;
        h_fill(ACTFAST_F32, x, N, (unsigned)c.index);
        h_fill(ACTFAST_F32, dyv, N, (unsigned)c.index + 1);
        /* Each parameter alone, then (for two) both at once. */
        for (int a = 0; a < VALUES * (c.info->nparams == 2 ? VALUES + 2 : 2); a++) {
            const int k = a < 2 * VALUES ? a / VALUES : -1;
            actfast_params p = h_params(&c, 0), q;
            if (k >= 0) {
                *h_param_field(&p, c.info, k) = values[a % VALUES];
            } else {
                *h_param_field(&p, c.info, 0) = values[(a - 2 * VALUES) / VALUES];
                *h_param_field(&p, c.info, 1) = values[a % VALUES];
            }
            if (k == 1 && c.info->nparams < 2)
                continue;
            q = p;
            for (int i = 0; i < c.info->nparams; i++)
                *h_param_field(&q, c.info, i) = to_float(*h_param_field(&p, c.info, i));
            memset(o1, 0, sizeof o1);
            memset(o2, 0, sizeof o2);
            const actfast_status s1 = h_apply(&c, x, dyv, o1, N, &p), s2 = h_apply(&c, x, dyv, o2, N, &q);
            char what[128];
            snprintf(what, sizeof what, "%s = %g, %s = %g", c.info->param_names[0], *h_param_field(&p, c.info, 0),
                     c.info->nparams > 1 ? c.info->param_names[1] : "-",
                     c.info->nparams > 1 ? *h_param_field(&p, c.info, 1) : 0.0);
            CHECK(s1 == s2, "%s %s: status %d, but %d with the parameters rounded to float", c.name, what, (int)s1,
                  (int)s2);
            CHECK_SAME(&c, o1, o2, N, what);
        }
    }
    /* The cases, by name. */
    float xs[4] = {-2, -1, 1, 2}, ys[4];
    double xd[4] = {-2, -1, 1, 2}, yd[4];
    actfast_params p = actfast_default_params(ACTFAST_OP_SOFTPLUS);
    p.beta = 1e-50;
    CHECK(actfast_apply(ACTFAST_OP_SOFTPLUS, ACTFAST_FORWARD, ACTFAST_F32, xs, NULL, ys, 4, &p) ==
              ACTFAST_ERR_INVALID_PARAMETER,
          "softplus f32 beta = 1e-50 (a float 0) accepted");
    CHECK(actfast_apply(ACTFAST_OP_SOFTPLUS, ACTFAST_FORWARD, ACTFAST_F64, xd, NULL, yd, 4, &p) == ACTFAST_OK,
          "softplus f64 beta = 1e-50 refused");
    p = actfast_default_params(ACTFAST_OP_SWISH);
    p.beta = 1e39;
    CHECK(actfast_apply(ACTFAST_OP_SWISH, ACTFAST_FORWARD, ACTFAST_F32, xs, NULL, ys, 4, &p) ==
              ACTFAST_ERR_INVALID_PARAMETER,
          "swish f32 beta = 1e39 (a float inf) accepted");
    CHECK(actfast_apply(ACTFAST_OP_SWISH, ACTFAST_FORWARD, ACTFAST_F64, xd, NULL, yd, 4, &p) == ACTFAST_OK,
          "swish f64 beta = 1e39 refused");
}

/* A failed force leaves the ISA in use as it was. */
static void check_force(const char *isa)
{
    const char *before = actfast_active_isa();
    CHECK(actfast_force_isa("sse9") == ACTFAST_ERR_UNKNOWN_ISA, "force_isa(sse9)");
    CHECK(strcmp(actfast_active_isa(), before) == 0, "active %s after failed force, was %s", actfast_active_isa(),
          before);
    CHECK(!actfast_isa_supported("sse9") && !actfast_isa_supported(NULL), "isa_supported(sse9 or NULL)");
    for (int i = 0; i < H_ISA_COUNT; i++) {
        if (actfast_isa_supported(h_isas[i]))
            continue;
        actfast_status st = actfast_force_isa(h_isas[i]);
        CHECK(st == ACTFAST_ERR_UNSUPPORTED_ISA, "force_isa(%s) = %d, expected UNSUPPORTED_ISA", h_isas[i], (int)st);
        CHECK(strcmp(actfast_active_isa(), before) == 0, "active %s after force_isa(%s), was %s",
              actfast_active_isa(), h_isas[i], before);
    }
    CHECK(actfast_force_isa(NULL) == ACTFAST_OK && strcmp(actfast_active_isa(), h_best_isa()) == 0,
          "force_isa(NULL) gave %s", actfast_active_isa());
    CHECK(actfast_force_isa(isa) == ACTFAST_OK, "force_isa(%s) again", isa);
    CHECK(actfast_force_isa("auto") == ACTFAST_OK && strcmp(actfast_active_isa(), h_best_isa()) == 0,
          "force_isa(auto) gave %s", actfast_active_isa());
    CHECK(actfast_force_isa(isa) == ACTFAST_OK, "force_isa(%s) again", isa);
}

/* The stream threshold (src/stream.c): a default above 0 that reads the
 * same each time, and any size set read back as it was. */
static void check_stream_threshold(void)
{
    const size_t initial = actfast_stream_threshold();
    CHECK(initial > 0 && actfast_stream_threshold() == initial, "default stream threshold %zu, then %zu", initial,
          actfast_stream_threshold());
    const size_t sizes[] = {0, 1, 12345, (size_t)1 << 40, SIZE_MAX};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        actfast_set_stream_threshold(sizes[i]);
        CHECK(actfast_stream_threshold() == sizes[i], "stream threshold %zu read back as %zu", sizes[i],
              actfast_stream_threshold());
    }
    actfast_set_stream_threshold(initial);
}

static void check_status_strings(void)
{
    for (int s = ACTFAST_OK; s <= ACTFAST_ERR_INVALID_ARGUMENT; s++) {
        const char *str = actfast_status_string((actfast_status)s);
        if (!CHECK(str && *str, "status_string(%d) is empty", s))
            continue;
        for (int t = ACTFAST_OK; t < s; t++)
            CHECK(strcmp(str, actfast_status_string((actfast_status)t)) != 0, "status_string(%d) = (%d)", s, t);
    }
    CHECK(actfast_status_string((actfast_status)99) != NULL, "status_string(99) is NULL");
}

/* ACTFAST_ISA names an ISA that cannot be used (want: its status) or one that
 * can (want = ACTFAST_OK): calls fail until a valid force, or run on it. */
static void check_env(actfast_status want)
{
    const char *env = getenv("ACTFAST_ISA");
    if (!env) {
        fprintf(stderr, "ACTFAST_ISA is not set\n");
        exit(2);
    }
    const char *expected_active = want == ACTFAST_OK ? env : "none";
    CHECK(strcmp(actfast_active_isa(), expected_active) == 0, "ACTFAST_ISA=%s: active %s, expected %s", env,
          actfast_active_isa(), expected_active);
    H_FOR_EACH_CASE(c) {
        h_fill(c.dtype, arena.b, ARENA, (unsigned)c.index);
        const actfast_params p = h_params(&c, c.info->rowwise ? 4 : 0);
        EXPECT(want, h_apply(&c, at(&c, IN), at(&c, DY), at(&c, OUT), N, &p), "ACTFAST_ISA=%s %s", env, c.name);
        EXPECT(want, h_apply(&c, NULL, NULL, NULL, 0, &p), "ACTFAST_ISA=%s %s n=0", env, c.name);
    }
    EXPECT(want, actfast_gelu_f32(arena.f + IN, arena.f + OUT, N), "ACTFAST_ISA=%s gelu_f32", env);
    /* The hand-written entry points, the slopes alone (which need no kernel) too. */
    const double w[1] = {0.25};
    EXPECT(want, actfast_rrelu_slopes_f32(arena.f + OUT, N, 0.1f, 0.3f, 7, 0), "ACTFAST_ISA=%s rrelu_slopes_f32", env);
    EXPECT(want, actfast_rrelu_slopes_f64(arena.d + OUT, N, 0.1, 0.3, 7, 0), "ACTFAST_ISA=%s rrelu_slopes_f64", env);
    EXPECT(want, actfast_rrelu_f32(arena.f + IN, arena.f + OUT, N, 0.1f, 0.3f, 1, 7, 0),
           "ACTFAST_ISA=%s rrelu_f32 training", env);
    EXPECT(want, actfast_prelu_f64(arena.d + IN, arena.d + OUT, N, w, 1, 1), "ACTFAST_ISA=%s prelu_f64", env);
    EXPECT(want, actfast_swish_backward_beta_f32(arena.f + IN, arena.f + DY, arena.f + OUT, N, 1.0f, arena.f + 1),
           "ACTFAST_ISA=%s swish_backward_beta_f32", env);
    EXPECT(want, actfast_swiglu_backward_f64(arena.d + IN, arena.d + GATE, arena.d + DY, arena.d + OUT, arena.d + DGATE, N),
           "ACTFAST_ISA=%s swiglu_backward_f64", env);
    if (want != ACTFAST_OK) {
        /* Failed forces keep the error; only a valid one ends it. */
        CHECK(actfast_force_isa("sse9") == ACTFAST_ERR_UNKNOWN_ISA, "force_isa(sse9)");
        EXPECT(want, actfast_relu_f64(arena.d + IN, arena.d + OUT, N), "after a failed force");
        CHECK(strcmp(actfast_active_isa(), "none") == 0, "active %s after a failed force", actfast_active_isa());
    }
    CHECK(actfast_force_isa("auto") == ACTFAST_OK, "force_isa(auto)");
    CHECK(strcmp(actfast_active_isa(), h_best_isa()) == 0, "force_isa(auto) gave %s, expected %s",
          actfast_active_isa(), h_best_isa());
    EXPECT(ACTFAST_OK, actfast_gelu_f32(arena.f + IN, arena.f + OUT, N), "gelu_f32 after force_isa(auto)");
}

/* The gated units (actfast_apply_gated): a at IN, gate at GATE, dy at DY,
 * out at OUT, dgate at DGATE. */
static void check_gated(const h_case *c)
{
    const int bwd = c->with_dy;
    void *a = at(c, IN), *g = at(c, GATE), *d = at(c, DY), *out = at(c, OUT), *dg = at(c, DGATE);
#define GATED(a_, g_, d_, out_, dg_, n_) actfast_apply_gated(c->op, c->form, c->dtype, a_, g_, d_, out_, dg_, n_)
    EXPECT(ACTFAST_OK, GATED(a, g, d, out, dg, N), "%s: valid", c->name);
    EXPECT(ACTFAST_OK, GATED(NULL, NULL, NULL, NULL, NULL, 0), "%s: n = 0, NULL arrays", c->name);
    EXPECT(ACTFAST_ERR_NULL_POINTER, GATED(NULL, g, d, out, dg, N), "%s: a NULL", c->name);
    EXPECT(ACTFAST_ERR_NULL_POINTER, GATED(a, NULL, d, out, dg, N), "%s: gate NULL", c->name);
    EXPECT(ACTFAST_ERR_NULL_POINTER, GATED(a, g, d, NULL, dg, N), "%s: out NULL", c->name);
    if (bwd) {
        EXPECT(ACTFAST_ERR_NULL_POINTER, GATED(a, g, NULL, out, dg, N), "%s: dy NULL", c->name);
        EXPECT(ACTFAST_ERR_NULL_POINTER, GATED(a, g, d, out, NULL, N), "%s: dgate NULL", c->name);
    }
    EXPECT(ACTFAST_ERR_SIZE_OVERFLOW, GATED(a, g, d, out, dg, SIZE_MAX / 2), "%s: n = SIZE_MAX / 2", c->name);
    EXPECT(ACTFAST_ERR_OVERLAP, GATED(a, g, d, at(c, IN + 1), dg, N), "%s: out = a + 1", c->name);
    EXPECT(ACTFAST_ERR_OVERLAP, GATED(a, g, d, at(c, GATE - 1), dg, N), "%s: out = gate - 1", c->name);
    EXPECT(ACTFAST_OK, GATED(a, g, d, a, dg, N), "%s: out = a (in place)", c->name);
    EXPECT(ACTFAST_OK, GATED(a, g, d, g, dg, N), "%s: out = gate (in place)", c->name);
    if (bwd) {
        EXPECT(ACTFAST_ERR_OVERLAP, GATED(a, g, d, out, at(c, DY + 3), N), "%s: dgate = dy + 3", c->name);
        EXPECT(ACTFAST_ERR_OVERLAP, GATED(a, g, d, out, out, N), "%s: dgate = da", c->name);
        EXPECT(ACTFAST_ERR_OVERLAP, GATED(a, g, d, out, at(c, OUT + N - 1), N), "%s: dgate = da + N - 1", c->name);
        EXPECT(ACTFAST_OK, GATED(a, g, d, d, g, N), "%s: da = dy, dgate = gate (in place)", c->name);
    }
#undef GATED
    /* the other entries refuse what is not theirs */
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT, actfast_apply(c->op, c->form, c->dtype, a, d, out, N, NULL),
           "%s: through actfast_apply", c->name);
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT,
           actfast_apply_gated(c->op, ACTFAST_GRAD, c->dtype, a, g, d, out, dg, N), "%s: form grad", c->name);
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT,
           actfast_apply_gated(ACTFAST_OP_SIGMOID, c->form, c->dtype, a, g, d, out, dg, N),
           "%s: sigmoid through actfast_apply_gated", c->name);
    EXPECT(ACTFAST_ERR_INVALID_ARGUMENT,
           actfast_apply_gated(c->op, c->form, (actfast_dtype)7, a, g, d, out, dg, N), "%s: dtype 7", c->name);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "env") == 0) {
        const char *modes[] = {"valid", "unknown", "unsupported"};
        const actfast_status wants[] = {ACTFAST_OK, ACTFAST_ERR_UNKNOWN_ISA, ACTFAST_ERR_UNSUPPORTED_ISA};
        for (int i = 0; i < 3; i++)
            if (strcmp(argv[2], modes[i]) == 0) {
                check_env(wants[i]);
                return h_finish();
            }
        fprintf(stderr, "usage: %s env valid|unknown|unsupported\n", argv[0]);
        return 2;
    }
    const char *isa = h_use_isa(argc, argv);
    check_generic();
    H_FOR_EACH_GATED_CASE(c) {
        check_gated(&c);
    }
    check_typed();
    check_f32_conversion();
    check_force(isa);
    check_stream_threshold();
    check_status_strings();
    return h_finish();
}
