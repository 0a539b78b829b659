/* A call computes in the IEEE default mode whatever the caller's mode, and
 * gives the caller its mode, its exception flags and errno back
 * (docs/contract.md).
 *
 * For every (op, form, dtype) and every caller mode (each rounding direction,
 * alone and with flush-to-zero / denormals-are-zero or with exceptions
 * unmasked), the results must be the bits of the default mode, subnormals
 * kept, and the control register, the exception flags (none, all, or some set
 * by the caller before the call), the rounding direction and errno must be as
 * the caller left them, after successful calls and after refused ones. The
 * inputs make intermediates overflow and results underflow, and NaN and inf
 * raise invalid in the kernels. Parameters too are converted and validated
 * in the default mode: parameters that are subnormal, or that round to 0 or
 * to another float depending on the rounding direction, give the status and
 * the bits of the default mode in every caller mode, through the generic
 * entry and through the typed functions (whose float parameters a caller's
 * DAZ would read as 0).
 *
 * usage: test_fpenv <isa> */
#include "harness.h"

#include <errno.h>
#include <fenv.h>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>

/* MXCSR: DAZ, the exception masks, rounding, FTZ. The six status flags below
 * them are not the caller's mode: a call may raise them. */
typedef unsigned ctl_t;
#define CTL_MASK 0xFFC0u
static ctl_t ctl_read(void) { return _mm_getcsr() & CTL_MASK; }
static void ctl_write(ctl_t v) { _mm_setcsr((_mm_getcsr() & ~CTL_MASK) | v); }
static const struct {
    const char *name;
    ctl_t set, clear;
} arch_modes[] = {
    {"", 0, 0},
    {"+FTZ+DAZ", 0x8040u, 0},
    {"+exceptions unmasked", 0, 0x1F80u}, /* a stray exception would trap */
};
/* The six exception flags: written directly, since raising one with its
 * exception unmasked would trap (SSE has no pending exceptions: a flag set
 * by LDMXCSR traps nothing). */
typedef unsigned flags_t;
#define FLAGS_ALL 0x3Fu
#define FLAGS_SOME 0x28u /* inexact, overflow */
static flags_t flags_read(void) { return _mm_getcsr() & FLAGS_ALL; }
static void flags_write(flags_t f) { _mm_setcsr((_mm_getcsr() & ~FLAGS_ALL) | f); }

#elif defined(__aarch64__)
#include <stdint.h>

/* FPCR is all control. Trap enables are ignored by CPUs without trapping. */
typedef uint64_t ctl_t;
static ctl_t ctl_read(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}
static void ctl_write(ctl_t v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static const struct {
    const char *name;
    ctl_t set, clear;
} arch_modes[] = {
    {"", 0, 0},
    {"+FZ", 1u << 24, 0},
    {"+DN", 1u << 25, 0},
    {"+traps enabled", 0x9F00u, 0},
};
/* FPSR: IOC, DZC, OFC, UFC, IXC (bits 0-4) and IDC (bit 7). */
typedef uint64_t flags_t;
#define FLAGS_ALL 0x9Fu
#define FLAGS_SOME 0x14u /* inexact, overflow */
static flags_t flags_read(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v & FLAGS_ALL;
}
static void flags_write(flags_t f)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    v = (v & ~(uint64_t)FLAGS_ALL) | f;
    __asm__ volatile("msr fpsr, %0" : : "r"(v));
}

#else
/* Only the rounding direction is portable. */
typedef unsigned ctl_t;
static ctl_t ctl_read(void) { return 0; }
static void ctl_write(ctl_t v) { (void)v; }
static const struct {
    const char *name;
    ctl_t set, clear;
} arch_modes[] = {{"", 0, 0}};
/* <fenv.h>'s flags (raising them traps nothing: no trap is enabled here). */
typedef int flags_t;
#define FLAGS_ALL FE_ALL_EXCEPT
#define FLAGS_SOME 0
static flags_t flags_read(void) { return fetestexcept(FE_ALL_EXCEPT); }
static void flags_write(flags_t f)
{
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(f);
}
#endif

/* The flags a caller has set before a call: none (so that any flag a call
 * leaves shows), all (so that any flag a call clears shows), some. */
static const flags_t caller_flags[] = {0, FLAGS_ALL, FLAGS_SOME};
enum { CALLER_FLAGS = sizeof caller_flags / sizeof caller_flags[0] };

enum { ARCH_MODES = sizeof arch_modes / sizeof arch_modes[0] };

static const struct {
    const char *name;
    int mode;
} roundings[] = {
    {"nearest", FE_TONEAREST},
#ifdef FE_TOWARDZERO
    {"toward zero", FE_TOWARDZERO},
#endif
#ifdef FE_UPWARD
    {"upward", FE_UPWARD},
#endif
#ifdef FE_DOWNWARD
    {"downward", FE_DOWNWARD},
#endif
};
enum { ROUNDINGS = sizeof roundings / sizeof roundings[0] };

enum { SHAPE = 500, MAX_N = 600, ERRNO_MARK = 12345 };

static ctl_t default_ctl;

/* Caller mode m: rounding m / ARCH_MODES, arch mode m % ARCH_MODES. */
static void enter_mode(int m)
{
    fesetround(roundings[m / ARCH_MODES].mode);
    ctl_write((ctl_read() | arch_modes[m % ARCH_MODES].set) & ~arch_modes[m % ARCH_MODES].clear);
}

static void leave_mode(void)
{
    fesetround(FE_TONEAREST);
    ctl_write(default_ctl);
}

static double in[MAX_N], dy[MAX_N], ref[MAX_N], out[MAX_N];
static long subnormal_results[H_DTYPE_COUNT];

/* What a call made in caller mode m left of the caller's state. */
typedef struct {
    actfast_status status;
    ctl_t ctl_before, ctl;
    flags_t flags_before, flags;
    int rounding, err;
} after_call;

/* A call of some entry point on in, dy and out (n elements). */
typedef actfast_status (*call_fn)(const void *ctx, const void *in, const void *dy, void *out, size_t n);

/* The flags the caller has set in mode m: every pattern meets every arch
 * mode, over the rounding directions. */
static flags_t caller_flags_of(int m) { return caller_flags[(m / ARCH_MODES + m % ARCH_MODES) % CALLER_FLAGS]; }

/* Calls f in caller mode m, with the caller's flags caller_flags_of(m). */
static after_call call_fn_in_mode(int m, call_fn f, const void *ctx, const void *x, size_t n)
{
    after_call a;
    errno = ERRNO_MARK;
    flags_write(caller_flags_of(m));
    enter_mode(m);
    a.ctl_before = ctl_read();
    a.flags_before = flags_read();
    a.status = f(ctx, x, dy, out, n);
    /* Read before any other code can touch the state. */
    a.ctl = ctl_read();
    a.flags = flags_read();
    a.rounding = fegetround();
    a.err = errno;
    leave_mode();
    flags_write(0);
    return a;
}

typedef struct {
    const h_case *c;
    const actfast_params *p;
} apply_ctx;

static actfast_status call_apply(const void *ctx, const void *x, const void *dyv, void *o, size_t n)
{
    const apply_ctx *a = ctx;
    return h_apply(a->c, x, dyv, o, n, a->p);
}

static after_call call_in_mode(int m, const h_case *c, const void *x, size_t n, const actfast_params *p)
{
    const apply_ctx ctx = {c, p};
    return call_fn_in_mode(m, call_apply, &ctx, x, n);
}

static void check_state(const after_call *a, int m, const char *what, actfast_status want)
{
    const char *r = roundings[m / ARCH_MODES].name, *arch = arch_modes[m % ARCH_MODES].name;
    CHECK(a->status == want, "%s, %s%s: status %d, expected %d", what, r, arch, (int)a->status, (int)want);
    CHECK(a->ctl == a->ctl_before, "%s, %s%s: control %#llx, was %#llx", what, r, arch, (unsigned long long)a->ctl,
          (unsigned long long)a->ctl_before);
    CHECK(a->flags == a->flags_before, "%s, %s%s: exception flags %#llx, the caller's were %#llx", what, r, arch,
          (unsigned long long)a->flags, (unsigned long long)a->flags_before);
    CHECK(a->rounding == roundings[m / ARCH_MODES].mode, "%s, %s%s: rounding %d", what, r, arch, a->rounding);
    CHECK(a->err == ERRNO_MARK, "%s, %s%s: errno %d", what, r, arch, a->err);
}

static void count_subnormals(const h_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        subnormal_results[c->dtype] += c->dtype == ACTFAST_F64 ? fpclassify(ref[i]) == FP_SUBNORMAL
                                       : c->dtype == ACTFAST_F16 ? fpclassify(h_get(c->dtype, ref, i)) != FP_ZERO &&
                                                                       fabs(h_get(c->dtype, ref, i)) < 0x1p-14
                                                                 : fpclassify((float)h_get(c->dtype, ref, i)) == FP_SUBNORMAL;
}

/* Parameter values whose conversion or comparison depends on the FP mode:
 * subnormal as floats (1e-40) or as doubles (1e-310), which DAZ reads as 0;
 * rounding to a float that depends on the rounding direction (1e-50: 0 to
 * nearest, the smallest subnormal upward; 0.1). */
static const double mode_sensitive[] = {1e-40, -1e-40, 1e-50, -1e-50, 1e-310, -1e-310, 0.1, -0.1};
enum { MODE_SENSITIVE = sizeof mode_sensitive / sizeof mode_sensitive[0], PARAM_N = 64 };

/* Each parameter of the op at each mode-sensitive value, the other at its
 * value in p: in every caller mode, the status and the bits of the default
 * mode (where the value may be refused: softplus' beta = 1e-50 is a float 0). */
static void check_mode_sensitive_params(const h_case *c, const actfast_params *p)
{
    if (c->info->rowwise)
        return;
    for (int k = 0; k < c->info->nparams; k++)
        for (int v = 0; v < MODE_SENSITIVE; v++) {
            actfast_params q = *p;
            *h_param_field(&q, c->info, k) = mode_sensitive[v];
            const actfast_status want = h_apply(c, in, dy, ref, PARAM_N, &q);
            char what[128];
            snprintf(what, sizeof what, "%s %s = %g", c->name, c->info->param_names[k], mode_sensitive[v]);
            for (int m = 0; m < ROUNDINGS * ARCH_MODES; m++) {
                after_call a = call_in_mode(m, c, in, PARAM_N, &q);
                check_state(&a, m, what, want);
                if (want == ACTFAST_OK && a.status == ACTFAST_OK) {
                    char where[192];
                    snprintf(where, sizeof where, "%s, %s%s", what, roundings[m / ARCH_MODES].name,
                             arch_modes[m % ARCH_MODES].name);
                    CHECK_SAME(c, out, ref, PARAM_N, where);
                }
            }
        }
}

/* The typed functions with float (or double) parameters that DAZ would read
 * as 0 if they were converted or compared before the call enters the default
 * mode; each pair of bounds is ordered one way exactly and the other way
 * under DAZ. */
static float dbeta_f32;
static double dbeta_f64;
#define TYPED_F32(name, call)                                                                               \
    static actfast_status name(const void *ctx, const void *x_, const void *dy_, void *out_, size_t n)      \
    {                                                                                                       \
        const float *x = x_, *dyf = dy_;                                                                    \
        float *o = out_;                                                                                    \
        (void)ctx;                                                                                          \
        (void)x;                                                                                            \
        (void)dyf;                                                                                          \
        return call;                                                                                        \
    }
#define TYPED_F64(name, call)                                                                               \
    static actfast_status name(const void *ctx, const void *x_, const void *dy_, void *out_, size_t n)      \
    {                                                                                                       \
        const double *x = x_, *dyd = dy_;                                                                   \
        double *o = out_;                                                                                   \
        (void)ctx;                                                                                          \
        (void)x;                                                                                            \
        (void)dyd;                                                                                          \
        return call;                                                                                        \
    }
static const float one_weight_f32[1] = {1e-40f};
TYPED_F32(leaky_relu_f32, actfast_leaky_relu_f32(x, o, n, 1e-40f))
TYPED_F32(leaky_relu_from_y_f32, actfast_leaky_relu_backward_from_y_f32(x, dyf, o, n, -1e-40f))
TYPED_F32(softplus_f32, actfast_softplus_f32(x, o, n, 1e-40f, 20.0f))
TYPED_F32(softplus_grad_f32, actfast_softplus_grad_f32(x, o, n, -1e-40f, 20.0f))
TYPED_F32(hardtanh_f32, actfast_hardtanh_f32(x, o, n, -1e-40f, 1e-40f))
TYPED_F32(hardtanh_reversed_f32, actfast_hardtanh_f32(x, o, n, 2e-45f, 1e-45f))
TYPED_F32(celu_f32, actfast_celu_f32(x, o, n, 1e-40f))
TYPED_F32(swish_f32, actfast_swish_f32(x, o, n, 1e-40f))
TYPED_F32(selu_from_y_f32, actfast_selu_backward_from_y_f32(x, dyf, o, n, 1.6732632f, 1e-40f))
TYPED_F32(rrelu_eval_f32, actfast_rrelu_f32(x, o, n, 1e-40f, 2e-40f, 0, 7, 0))
TYPED_F32(rrelu_eval_reversed_f32, actfast_rrelu_f32(x, o, n, 2e-45f, 1e-45f, 0, 7, 0))
TYPED_F32(rrelu_train_f32, actfast_rrelu_backward_f32(x, dyf, o, n, 1e-40f, 3e-40f, 1, 7, 5))
TYPED_F32(rrelu_train_reversed_f32, actfast_rrelu_f32(x, o, n, 3e-40f, 1e-40f, 1, 7, 5))
TYPED_F32(rrelu_slopes_f32, actfast_rrelu_slopes_f32(o, n, 1e-40f, 3e-40f, 7, 5))
TYPED_F32(rrelu_slopes_reversed_f32, actfast_rrelu_slopes_f32(o, n, 3e-40f, 1e-40f, 7, 5))
TYPED_F32(prelu_f32, actfast_prelu_f32(x, o, n, one_weight_f32, 1, 1))
TYPED_F32(swish_beta_f32, actfast_swish_backward_beta_f32(x, dyf, o, n, 1e-40f, &dbeta_f32))
TYPED_F64(leaky_relu_f64, actfast_leaky_relu_f64(x, o, n, 1e-310))
TYPED_F64(softplus_f64, actfast_softplus_f64(x, o, n, 1e-310, 20.0))
TYPED_F64(hardtanh_reversed_f64, actfast_hardtanh_f64(x, o, n, 2e-320, 1e-320))
TYPED_F64(rrelu_slopes_reversed_f64, actfast_rrelu_slopes_f64(o, n, 3e-310, 1e-310, 7, 5))
TYPED_F64(swish_beta_f64, actfast_swish_backward_beta_f64(x, dyd, o, n, 1e-310, &dbeta_f64))

static const struct {
    const char *name;
    actfast_dtype dtype;
    call_fn call;
} typed_calls[] = {
    {"leaky_relu_f32(slope 1e-40f)", ACTFAST_F32, leaky_relu_f32},
    {"leaky_relu_backward_from_y_f32(slope -1e-40f)", ACTFAST_F32, leaky_relu_from_y_f32},
    {"softplus_f32(beta 1e-40f)", ACTFAST_F32, softplus_f32},
    {"softplus_grad_f32(beta -1e-40f)", ACTFAST_F32, softplus_grad_f32},
    {"hardtanh_f32(-1e-40f, 1e-40f)", ACTFAST_F32, hardtanh_f32},
    {"hardtanh_f32(2e-45f, 1e-45f)", ACTFAST_F32, hardtanh_reversed_f32},
    {"celu_f32(alpha 1e-40f)", ACTFAST_F32, celu_f32},
    {"swish_f32(beta 1e-40f)", ACTFAST_F32, swish_f32},
    {"selu_backward_from_y_f32(lambd 1e-40f)", ACTFAST_F32, selu_from_y_f32},
    {"rrelu_f32 eval (1e-40f, 2e-40f)", ACTFAST_F32, rrelu_eval_f32},
    {"rrelu_f32 eval (2e-45f, 1e-45f)", ACTFAST_F32, rrelu_eval_reversed_f32},
    {"rrelu_backward_f32 training (1e-40f, 3e-40f)", ACTFAST_F32, rrelu_train_f32},
    {"rrelu_f32 training (3e-40f, 1e-40f)", ACTFAST_F32, rrelu_train_reversed_f32},
    {"rrelu_slopes_f32(1e-40f, 3e-40f)", ACTFAST_F32, rrelu_slopes_f32},
    {"rrelu_slopes_f32(3e-40f, 1e-40f)", ACTFAST_F32, rrelu_slopes_reversed_f32},
    {"prelu_f32(w 1e-40f)", ACTFAST_F32, prelu_f32},
    {"swish_backward_beta_f32(beta 1e-40f)", ACTFAST_F32, swish_beta_f32},
    {"leaky_relu_f64(slope 1e-310)", ACTFAST_F64, leaky_relu_f64},
    {"softplus_f64(beta 1e-310)", ACTFAST_F64, softplus_f64},
    {"hardtanh_f64(2e-320, 1e-320)", ACTFAST_F64, hardtanh_reversed_f64},
    {"rrelu_slopes_f64(3e-310, 1e-310)", ACTFAST_F64, rrelu_slopes_reversed_f64},
    {"swish_backward_beta_f64(beta 1e-310)", ACTFAST_F64, swish_beta_f64},
};

static void check_typed_params(void)
{
    for (size_t i = 0; i < sizeof typed_calls / sizeof typed_calls[0]; i++) {
        h_case c = {.dtype = typed_calls[i].dtype};
        snprintf(c.name, sizeof c.name, "%s", typed_calls[i].name);
        h_fill(c.dtype, in, PARAM_N, (unsigned)i);
        h_fill(c.dtype, dy, PARAM_N, (unsigned)i + 1);
        dbeta_f32 = 0;
        dbeta_f64 = 0;
        const actfast_status want = typed_calls[i].call(NULL, in, dy, ref, PARAM_N);
        const float dbeta_f32_want = dbeta_f32;
        const double dbeta_f64_want = dbeta_f64;
        for (int m = 0; m < ROUNDINGS * ARCH_MODES; m++) {
            after_call a = call_fn_in_mode(m, typed_calls[i].call, NULL, in, PARAM_N);
            check_state(&a, m, c.name, want);
            char where[160];
            snprintf(where, sizeof where, "%s%s", roundings[m / ARCH_MODES].name, arch_modes[m % ARCH_MODES].name);
            if (want == ACTFAST_OK && a.status == ACTFAST_OK) {
                CHECK_SAME(&c, out, ref, PARAM_N, where);
                CHECK(memcmp(&dbeta_f32, &dbeta_f32_want, sizeof dbeta_f32) == 0 &&
                          memcmp(&dbeta_f64, &dbeta_f64_want, sizeof dbeta_f64) == 0,
                      "%s, %s: dbeta %a / %a, expected %a / %a", c.name, where, (double)dbeta_f32, dbeta_f64,
                      (double)dbeta_f32_want, dbeta_f64_want);
            }
        }
    }
}

/* The examples of the issue that made flags visible: in the default mode, a
 * call raises no flag (invalid from a row's inf - inf, overflow from an
 * intermediate). */
static void check_no_flags_raised(void)
{
    const float row[2] = {1.0f, 2.0f}, big[1] = {FLT_MAX};
    float y[2];
    flags_write(0);
    CHECK(actfast_softmax_f32(row, y, 1, 2) == ACTFAST_OK, "softmax_f32({1, 2})");
    CHECK(flags_read() == 0, "softmax_f32({1, 2}) left flags %#llx", (unsigned long long)flags_read());
    flags_write(0);
    CHECK(actfast_hardswish_f32(big, y, 1) == ACTFAST_OK && y[0] == FLT_MAX, "hardswish_f32(FLT_MAX)");
    CHECK(flags_read() == 0, "hardswish_f32(FLT_MAX) left flags %#llx", (unsigned long long)flags_read());
    flags_write(0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == 0, "fetestexcept after the calls: %#x", fetestexcept(FE_ALL_EXCEPT));
}

static void check_case(const h_case *c)
{
    actfast_params p;
    const size_t n = h_fixed_shape(c, SHAPE, &p);
    h_make_inputs(c, in, dy, n, &p, (unsigned)c->index);
    CHECK(h_apply(c, in, dy, ref, n, &p) == ACTFAST_OK, "%s: default mode", c->name);
    count_subnormals(c, n);

    for (int m = 0; m < ROUNDINGS * ARCH_MODES; m++) {
        after_call a = call_in_mode(m, c, in, n, &p);
        check_state(&a, m, c->name, ACTFAST_OK);
        char what[96];
        snprintf(what, sizeof what, "%s%s", roundings[m / ARCH_MODES].name, arch_modes[m % ARCH_MODES].name);
        CHECK_SAME(c, out, ref, n, what);
        /* A refused call leaves the state alone too, and a NaN parameter
         * must not trap while the caller has exceptions unmasked. */
        a = call_in_mode(m, c, NULL, n, &p);
        check_state(&a, m, "NULL in", ACTFAST_ERR_NULL_POINTER);
        for (int k = 0; k < c->info->nparams; k++) {
            actfast_params bad = p;
            *h_param_field(&bad, c->info, k) = NAN;
            a = call_in_mode(m, c, in, n, &bad);
            check_state(&a, m, "NaN parameter", ACTFAST_ERR_INVALID_PARAMETER);
        }
    }
    check_mode_sensitive_params(c, &p);
}

/* The ISA calls, refused or not, leave errno alone as well. */
static void check_isa_calls(const char *isa)
{
    errno = ERRNO_MARK;
    int ok = actfast_force_isa("sse9") == ACTFAST_ERR_UNKNOWN_ISA;
    ok &= actfast_force_isa(isa) == ACTFAST_OK;
    ok &= actfast_isa_supported(isa) && strcmp(actfast_active_isa(), isa) == 0;
    CHECK(ok && errno == ERRNO_MARK, "ISA calls: errno %d", errno);
}

int main(int argc, char **argv)
{
    const char *isa = h_use_isa(argc, argv);
    default_ctl = ctl_read();
    H_FOR_EACH_CASE(c)
        check_case(&c);
    check_typed_params();
    check_no_flags_raised();
    check_isa_calls(isa);
    /* The inputs must reach the subnormal range, or FTZ would go unnoticed. */
    for (int dt = 0; dt < H_DTYPE_COUNT; dt++)
        CHECK(subnormal_results[dt] > 0, "subnormal results of %s: none", h_dtype_names[dt]);
    printf("fpenv %s: %d rounding directions x %d modes, %ld + %ld + %ld + %ld subnormal results (f32, f64, bf16, f16)\n",
           isa, ROUNDINGS, ARCH_MODES, subnormal_results[ACTFAST_F32], subnormal_results[ACTFAST_F64],
           subnormal_results[ACTFAST_BF16], subnormal_results[ACTFAST_F16]);
    return h_finish();
}
