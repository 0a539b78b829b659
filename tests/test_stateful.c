/* The entry points beyond the op table: prelu's channel layouts and weight
 * gradient, rrelu's training draws, swish's beta gradient, and the Philox
 * generator behind rrelu.
 *
 *   test_stateful <isa>
 *
 * The table's single-weight prelu and eval-mode rrelu are ULP-tested by
 * test_ulp; here each layout must give the bits of that table op channel by
 * channel, the parameter gradients must be the exact sum (MPFR) to within
 * one rounding plus the terms' own error, the draws must depend on seed and
 * index alone (any blocking), and every ISA must agree with scalar. */
#include "harness.h"

#include <mpfr.h>

#include "../src/philox.h"

static const char *isa;

/* ---- arrays of either dtype, as in test_ulp ------------------------------ */

/* Half the ULP at 1 and the smallest subnormal of each dtype; the slopes and
 * parameters of the 16-bit forms are floats. */
static const double half_ulp[H_DTYPE_COUNT] = {0x1p-24, 0x1p-53, 0x1p-8, 0x1p-11},
                    true_min[H_DTYPE_COUNT] = {FLT_TRUE_MIN, DBL_TRUE_MIN, 0x1p-133, 0x1p-24},
                    largest[H_DTYPE_COUNT] = {FLT_MAX, DBL_MAX, 0x1.fep127, 65504};
static double param_of(actfast_dtype dt, double v) { return dt == ACTFAST_F64 ? v : (float)v; }
static void *alloc(actfast_dtype dt, size_t n) { return calloc(n + 1, h_size(dt)); }

static unsigned long long rng = 12345;
static double uniform(void) /* [0, 1), 53 bits */
{
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(rng >> 11) * 0x1p-53;
}

/* x: specials of the pool, then values in [-8, 8] at every few magnitudes. */
static void fill_x(actfast_dtype dt, void *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h_set(dt, x, i, i % 5 == 0 ? h_pool((int)(i / 5 % H_POOL), dt) : (uniform() * 16 - 8) * pow(2, -(double)(i % 7)));
}

static void fill_uniform(actfast_dtype dt, void *p, size_t n, double lo, double hi)
{
    for (size_t i = 0; i < n; i++)
        h_set(dt, p, i, lo + (hi - lo) * uniform());
}

static size_t count_differences(actfast_dtype dt, const void *a, const void *b, size_t n)
{
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        d += !h_same(dt, a, b, i);
    return d;
}

/* ---- the typed entry points by dtype ------------------------------------- */

/* The typed call of a form: its _f32, _f64, _bf16 or _f16 entry point. */
#define AF_BY_FORM(dt, form, name, x, dy, out, ...)                                                             \
    ((form) == ACTFAST_FORWARD ? actfast_##name##_##dt(x, out, __VA_ARGS__)                                    \
     : (form) == ACTFAST_GRAD  ? actfast_##name##_grad_##dt(x, out, __VA_ARGS__)                               \
                               : actfast_##name##_backward_##dt(x, dy, out, __VA_ARGS__))

static actfast_status prelu(actfast_dtype dt, actfast_form form, const void *x, const void *dy, void *out, size_t n,
                            const void *w, size_t channels, size_t inner, void *dw)
{
    if (dt == ACTFAST_BF16 && form == ACTFAST_BACKWARD)
        return actfast_prelu_backward_bf16(x, dy, out, n, w, channels, inner, dw);
    if (dt == ACTFAST_BF16)
        return form == ACTFAST_FORWARD ? actfast_prelu_bf16(x, out, n, w, channels, inner)
                                       : actfast_prelu_grad_bf16(x, out, n, w, channels, inner);
    if (dt == ACTFAST_F16 && form == ACTFAST_BACKWARD)
        return actfast_prelu_backward_f16(x, dy, out, n, w, channels, inner, dw);
    if (dt == ACTFAST_F16)
        return form == ACTFAST_FORWARD ? actfast_prelu_f16(x, out, n, w, channels, inner)
                                       : actfast_prelu_grad_f16(x, out, n, w, channels, inner);
    if (dt == ACTFAST_F32) {
        if (form == ACTFAST_FORWARD)
            return actfast_prelu_f32(x, out, n, w, channels, inner);
        if (form == ACTFAST_GRAD)
            return actfast_prelu_grad_f32(x, out, n, w, channels, inner);
        return actfast_prelu_backward_f32(x, dy, out, n, w, channels, inner, dw);
    }
    if (form == ACTFAST_FORWARD)
        return actfast_prelu_f64(x, out, n, w, channels, inner);
    if (form == ACTFAST_GRAD)
        return actfast_prelu_grad_f64(x, out, n, w, channels, inner);
    return actfast_prelu_backward_f64(x, dy, out, n, w, channels, inner, dw);
}

typedef struct rrelu_args {
    double lower, upper;
    int training;
    uint64_t seed, offset;
} rrelu_args;

static actfast_status rrelu(actfast_dtype dt, actfast_form form, const void *x, const void *dy, void *out, size_t n,
                            rrelu_args a)
{
    const float l = (float)a.lower, u = (float)a.upper;
    if (dt == ACTFAST_BF16)
        return AF_BY_FORM(bf16, form, rrelu, x, dy, out, n, l, u, a.training, a.seed, a.offset);
    if (dt == ACTFAST_F16)
        return AF_BY_FORM(f16, form, rrelu, x, dy, out, n, l, u, a.training, a.seed, a.offset);
    if (dt == ACTFAST_F32) {
        if (form == ACTFAST_FORWARD)
            return actfast_rrelu_f32(x, out, n, l, u, a.training, a.seed, a.offset);
        if (form == ACTFAST_GRAD)
            return actfast_rrelu_grad_f32(x, out, n, l, u, a.training, a.seed, a.offset);
        return actfast_rrelu_backward_f32(x, dy, out, n, l, u, a.training, a.seed, a.offset);
    }
    if (form == ACTFAST_FORWARD)
        return actfast_rrelu_f64(x, out, n, a.lower, a.upper, a.training, a.seed, a.offset);
    if (form == ACTFAST_GRAD)
        return actfast_rrelu_grad_f64(x, out, n, a.lower, a.upper, a.training, a.seed, a.offset);
    return actfast_rrelu_backward_f64(x, dy, out, n, a.lower, a.upper, a.training, a.seed, a.offset);
}

static actfast_status rrelu_slopes(actfast_dtype dt, void *s, size_t n, rrelu_args a)
{
    if (dt == ACTFAST_BF16)
        return actfast_rrelu_slopes_bf16(s, n, (float)a.lower, (float)a.upper, a.seed, a.offset);
    if (dt == ACTFAST_F16)
        return actfast_rrelu_slopes_f16(s, n, (float)a.lower, (float)a.upper, a.seed, a.offset);
    if (dt == ACTFAST_F32)
        return actfast_rrelu_slopes_f32(s, n, (float)a.lower, (float)a.upper, a.seed, a.offset);
    return actfast_rrelu_slopes_f64(s, n, a.lower, a.upper, a.seed, a.offset);
}

static actfast_status swish_beta(actfast_dtype dt, const void *x, const void *dy, void *dx, size_t n, double beta,
                                 void *dbeta)
{
    if (dt == ACTFAST_BF16)
        return actfast_swish_backward_beta_bf16(x, dy, dx, n, (float)beta, dbeta);
    if (dt == ACTFAST_F16)
        return actfast_swish_backward_beta_f16(x, dy, dx, n, (float)beta, dbeta);
    if (dt == ACTFAST_F32)
        return actfast_swish_backward_beta_f32(x, dy, dx, n, (float)beta, dbeta);
    return actfast_swish_backward_beta_f64(x, dy, dx, n, beta, dbeta);
}

/* SCALAR_DIFFERENCES(dt, out, n, call): with the forced ISA's result of
 * `call` in out, runs `call` again on scalar and returns how many elements
 * differ; out keeps the forced ISA's result. */
static void *saved_result;
static void save_result(actfast_dtype dt, const void *out, size_t n)
{
    saved_result = alloc(dt, n);
    memcpy(saved_result, out, n * h_size(dt));
}
static size_t compare_and_restore(actfast_dtype dt, void *out, size_t n)
{
    size_t d = count_differences(dt, saved_result, out, n);
    memcpy(out, saved_result, n * h_size(dt));
    free(saved_result);
    return d;
}
#define SCALAR_DIFFERENCES(dt, out, n, call)                                                                 \
    (save_result(dt, out, n), actfast_force_isa("scalar"), (void)(call), actfast_force_isa(isa),            \
     compare_and_restore(dt, out, n))

/* ---- Philox -------------------------------------------------------------- */

/* Random123's known-answer vectors (kat_vectors: philox4x32 10). */
static void test_philox(void)
{
    static const struct {
        uint32_t counter[4];
        uint64_t key;
        uint32_t out[4];
    } kat[] = {
        {{0, 0, 0, 0}, 0, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
        {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, 0xffffffffffffffffull,
         {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
        {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, 0x299f31d0a4093822ull,
         {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
    };
    for (size_t k = 0; k < sizeof kat / sizeof kat[0]; k++) {
        uint32_t out[4];
        af_philox4x32_10(kat[k].counter, kat[k].key, out);
        CHECK(memcmp(out, kat[k].out, sizeof out) == 0, "philox4x32-10 known answer %zu: %08x %08x %08x %08x", k,
              out[0], out[1], out[2], out[3]);
    }
}

/* ---- prelu --------------------------------------------------------------- */

/* |got - exact| <= half an ulp of exact (the final rounding) + `rel` times
 * sum |terms| (what the rounded terms and the compensation may cost). */
static void check_sum(const char *what, double got, const mpfr_t exact, double abs_sum, double rel,
                      actfast_dtype dt)
{
    mpfr_t diff;
    mpfr_init2(diff, 4096);
    mpfr_set_d(diff, got, MPFR_RNDN);
    mpfr_sub(diff, diff, exact, MPFR_RNDN);
    const double err = fabs(mpfr_get_d(diff, MPFR_RNDN)), ex = mpfr_get_d(exact, MPFR_RNDN);
    const double allowed = fabs(ex) * half_ulp[dt] + rel * abs_sum + true_min[dt];
    CHECK(err <= allowed, "%s: got %.17g, exact %.17g, error %.3g > %.3g", what, got, ex, err, allowed);
    mpfr_clear(diff);
}

/* One layout: every form against the table op (one weight) run channel block
 * by channel block, dw against MPFR, and every ISA against scalar. */
static void test_prelu_layout(actfast_dtype dt, size_t outer, size_t channels, size_t inner)
{
    const size_t n = outer * channels * inner, sz = h_size(dt);
    void *x = alloc(dt, n), *dy = alloc(dt, n), *w = alloc(dt, channels), *out = alloc(dt, n), *want = alloc(dt, n);
    void *dw = alloc(dt, channels);
    fill_x(dt, x, n);
    fill_uniform(dt, dy, n, -2, 2);
    for (size_t c = 0; c < channels; c++)
        h_set(dt, w, c, c % 4 == 0 ? 0.25 : c % 4 == 1 ? 0.0 : c % 4 == 2 ? -0.75 : uniform());
    char what[96];
    for (int form = ACTFAST_FORWARD; form <= ACTFAST_BACKWARD; form++) {
        snprintf(what, sizeof what, "prelu %s %s %s (%zu, %zu, %zu)", h_form_names[form], h_dtype_names[dt], isa, outer,
                 channels, inner);
        CHECK(prelu(dt, form, x, dy, out, n, w, channels, inner, dw) == ACTFAST_OK, "%s: status", what);
        for (size_t b = 0; b < outer * channels; b++) {
            actfast_params p = actfast_default_params(ACTFAST_OP_PRELU);
            p.weight = h_get(dt, w, b % channels);
            const size_t at = b * inner * sz;
            actfast_apply(ACTFAST_OP_PRELU, form, dt, (char *)x + at, (char *)dy + at, (char *)want + at, inner, &p);
        }
        CHECK(count_differences(dt, out, want, n) == 0, "%s: %zu elements differ from the one-weight op", what,
              count_differences(dt, out, want, n));
        CHECK(SCALAR_DIFFERENCES(dt, out, n, prelu(dt, form, x, dy, out, n, w, channels, inner, dw)) == 0,
              "%s: differs from scalar", what);
    }
    /* dw[c] = sum of dy x over x <= 0, exactly (products of two floats or
     * doubles are exact at 4096 bits; so is their sum) */
    mpfr_t exact, t;
    mpfr_inits2(4096, exact, t, (mpfr_ptr)0);
    const double max = largest[dt];
    for (size_t c = 0; c < channels; c++) {
        double abs_sum = 0;
        int term_overflows = 0, nan_term = 0;
        mpfr_set_zero(exact, 1);
        for (size_t o = 0; o < outer; o++)
            for (size_t i = 0; i < inner; i++) {
                const size_t k = (o * channels + c) * inner + i;
                const double xv = h_get(dt, x, k), dv = h_get(dt, dy, k);
                nan_term |= isnan(xv) || (xv <= 0 && isnan(dv));
                if (!(xv <= 0))
                    continue;
                mpfr_set_d(t, xv, MPFR_RNDN);
                mpfr_mul_d(t, t, dv, MPFR_RNDN);
                mpfr_add(exact, exact, t, MPFR_RNDN);
                abs_sum += fabs(xv * dv);
                term_overflows |= !(fabs(xv * dv) <= max);
            }
        snprintf(what, sizeof what, "prelu dw[%zu] %s %s (%zu, %zu, %zu)", c, h_dtype_names[dt], isa, outer, channels,
                 inner);
        const double got = h_get(dt, dw, c);
        if (nan_term) /* NaN in, NaN out */
            CHECK(isnan(got), "%s: got %g from a NaN term", what, got);
        else if (term_overflows) /* the pool's huge inputs: a term dy x rounds to inf */
            CHECK(!isfinite(got) || fabs(got) > max / 4, "%s: got %g with an overflowing term", what, got);
        else
            check_sum(what, got, exact, abs_sum, dt == ACTFAST_F32 ? 0x1p-24 : 0x1p-53, dt);
    }
    mpfr_clears(exact, t, (mpfr_ptr)0);
    /* dx in place over dy and over x: the same as out of place, dw too */
    void *copy = alloc(dt, n), *dw2 = alloc(dt, channels);
    prelu(dt, ACTFAST_BACKWARD, x, dy, want, n, w, channels, inner, dw);
    memcpy(copy, dy, n * sz);
    prelu(dt, ACTFAST_BACKWARD, x, copy, copy, n, w, channels, inner, dw2);
    CHECK(count_differences(dt, copy, want, n) == 0 && count_differences(dt, dw, dw2, channels) == 0,
          "prelu backward in place over dy (%zu, %zu, %zu)", outer, channels, inner);
    memcpy(copy, x, n * sz);
    prelu(dt, ACTFAST_BACKWARD, copy, dy, copy, n, w, channels, inner, dw2);
    CHECK(count_differences(dt, copy, want, n) == 0 && count_differences(dt, dw, dw2, channels) == 0,
          "prelu backward in place over x (%zu, %zu, %zu)", outer, channels, inner);
    free(copy);
    free(dw2);
    free(x);
    free(dy);
    free(w);
    free(out);
    free(want);
    free(dw);
}

/* A long channel of terms 0.1: a plain float loop is off by ~1e-3 relative. */
static void test_prelu_long_channel(actfast_dtype dt)
{
    const size_t n = h_scaled(1 << 22, 1 << 16);
    void *x = alloc(dt, n), *dy = alloc(dt, n), *dx = alloc(dt, n), *w = alloc(dt, 1), *dw = alloc(dt, 1);
    for (size_t i = 0; i < n; i++) {
        h_set(dt, x, i, -1);
        h_set(dt, dy, i, dt == ACTFAST_F16 ? 0.01 : 0.1); /* f16: a sum below its 65504 */
    }
    h_set(dt, w, 0, 0.25);
    prelu(dt, ACTFAST_BACKWARD, x, dy, dx, n, w, 1, 1, dw);
    mpfr_t exact;
    mpfr_init2(exact, 256);
    mpfr_set_d(exact, -h_get(dt, dy, 0), MPFR_RNDN);
    mpfr_mul_ui(exact, exact, n, MPFR_RNDN);
    char what[64];
    snprintf(what, sizeof what, "prelu dw %s %s, one channel of %zu", h_dtype_names[dt], isa, n);
    check_sum(what, h_get(dt, dw, 0), exact, 0, 0, dt);
    mpfr_clear(exact);
    free(x);
    free(dy);
    free(dx);
    free(w);
    free(dw);
}

/* Bad layouts and arrays: the status, and nothing written. */
static void test_prelu_errors(actfast_dtype dt)
{
    enum { N = 24 };
    char arena[4 * N * sizeof(double)], before[sizeof arena];
    void *x = arena, *dy = arena + N * 8, *out = arena + 2 * N * 8, *w = arena + 3 * N * 8;
    memset(arena, 0, sizeof arena);
    for (size_t i = 0; i < 4; i++)
        h_set(dt, w, i, 0.5);
    const struct {
        const char *what;
        const void *x;
        void *out;
        size_t n, channels, inner;
        const void *w;
        void *dw;
        actfast_status want;
    } cases[] = {
        {"channels = 0", x, out, N, 0, 1, w, NULL, ACTFAST_ERR_INVALID_PARAMETER},
        {"inner = 0", x, out, N, 4, 0, w, NULL, ACTFAST_ERR_INVALID_PARAMETER},
        {"n not a multiple", x, out, N, 5, 1, w, NULL, ACTFAST_ERR_INVALID_PARAMETER},
        {"channels * inner overflows", x, out, N, SIZE_MAX / 2, 3, w, NULL, ACTFAST_ERR_SIZE_OVERFLOW},
        {"w NULL", x, out, N, 4, 3, NULL, NULL, ACTFAST_ERR_NULL_POINTER},
        {"out over w", x, (char *)w - 8, N, 4, 3, w, NULL, ACTFAST_ERR_OVERLAP},
        {"dw over x", x, out, N, 4, 3, w, (char *)x + 8, ACTFAST_ERR_OVERLAP},
        {"dw = w", x, out, N, 4, 3, w, (void *)w, ACTFAST_ERR_OVERLAP},
        {"dx partly over x", x, (char *)x + 8, N, 4, 3, w, NULL, ACTFAST_ERR_OVERLAP},
        {"n = 0, NULLs", NULL, NULL, 0, 4, 3, NULL, NULL, ACTFAST_OK},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        memcpy(before, arena, sizeof arena);
        actfast_status st = prelu(dt, ACTFAST_BACKWARD, cases[k].x, dy, cases[k].out, cases[k].n, cases[k].w,
                                  cases[k].channels, cases[k].inner, cases[k].dw);
        CHECK(st == cases[k].want, "prelu %s %s: status %d, expected %d", cases[k].what, h_dtype_names[dt], st,
              cases[k].want);
        CHECK(memcmp(before, arena, sizeof arena) == 0, "prelu %s %s: wrote on error", cases[k].what, h_dtype_names[dt]);
    }
    h_set(dt, w, 2, NAN);
    memcpy(before, arena, sizeof arena);
    CHECK(prelu(dt, ACTFAST_FORWARD, x, NULL, out, N, w, 4, 3, NULL) == ACTFAST_ERR_INVALID_PARAMETER,
          "prelu NaN weight %s", h_dtype_names[dt]);
    CHECK(memcmp(before, arena, sizeof arena) == 0, "prelu NaN weight %s: wrote on error", h_dtype_names[dt]);
}

/* ---- rrelu --------------------------------------------------------------- */

static void test_rrelu(actfast_dtype dt)
{
    const size_t n = 5000;
    const rrelu_args train = {0.125, 1.0 / 3, 1, 0x1234abcd5678ull, 1000};
    void *x = alloc(dt, n), *dy = alloc(dt, n), *s = alloc(dt, n), *out = alloc(dt, n), *want = alloc(dt, n);
    fill_x(dt, x, n);
    fill_uniform(dt, dy, n, -2, 2);
    const double lower = param_of(dt, train.lower), upper = param_of(dt, train.upper);
    /* the 16-bit slopes are the draws rounded to the type: within half an ulp */
    const double slack = dt == ACTFAST_BF16 || dt == ACTFAST_F16 ? upper * half_ulp[dt] : 0;

    /* the slopes: inside [lower, upper], spread like U(lower, upper), and a
     * different seed draws other ones */
    CHECK(rrelu_slopes(dt, s, n, train) == ACTFAST_OK, "rrelu_slopes status");
    double mean = 0;
    size_t outside = 0;
    for (size_t i = 0; i < n; i++) {
        const double v = h_get(dt, s, i);
        outside += !(v >= lower - slack && v <= upper + slack);
        mean += v / (double)n;
    }
    const double sd = (upper - lower) / sqrt(12.0 * (double)n);
    CHECK(outside == 0, "rrelu %s: %zu slopes outside [lower, upper]", h_dtype_names[dt], outside);
    CHECK(fabs(mean - (lower + upper) / 2) < 5 * sd, "rrelu %s: slope mean %.6f, expected %.6f +- %.2g",
          h_dtype_names[dt], mean, (lower + upper) / 2, 5 * sd);
    rrelu_args other = train;
    other.seed++;
    rrelu_slopes(dt, want, n, other);
    CHECK(count_differences(dt, s, want, n) > n / 2, "rrelu %s: another seed draws other slopes", h_dtype_names[dt]);

    /* forward, grad, backward use those slopes: prelu with one weight per element */
    char what[64];
    for (int form = ACTFAST_FORWARD; form <= ACTFAST_BACKWARD; form++) {
        snprintf(what, sizeof what, "rrelu training %s %s %s", h_form_names[form], h_dtype_names[dt], isa);
        CHECK(rrelu(dt, form, x, dy, out, n, train) == ACTFAST_OK, "%s: status", what);
        prelu(dt, form, x, dy, want, n, s, n, 1, NULL);
        CHECK(count_differences(dt, out, want, n) == 0, "%s: %zu elements differ from prelu with the drawn slopes",
              what, count_differences(dt, out, want, n));
        CHECK(SCALAR_DIFFERENCES(dt, out, n, rrelu(dt, form, x, dy, out, n, train)) == 0, "%s: differs from scalar",
              what);
        /* any blocking: pieces with their own offsets give the same bits */
        const size_t pieces[] = {1, 7, 100, 256, 1000};
        for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
            for (size_t at = 0; at < n; at += pieces[k]) {
                rrelu_args a = train;
                a.offset += at;
                const size_t len = n - at < pieces[k] ? n - at : pieces[k];
                const size_t b = at * h_size(dt);
                rrelu(dt, form, (char *)x + b, (char *)dy + b, (char *)want + b, len, a);
            }
            CHECK(count_differences(dt, out, want, n) == 0, "%s: blocks of %zu differ from one call", what, pieces[k]);
        }
    }
    /* eval mode is the table op */
    rrelu_args eval = train;
    eval.training = 0;
    actfast_params p = actfast_default_params(ACTFAST_OP_RRELU);
    p.lower = lower;
    p.upper = upper;
    rrelu(dt, ACTFAST_FORWARD, x, NULL, out, n, eval);
    actfast_apply(ACTFAST_OP_RRELU, ACTFAST_FORWARD, dt, x, NULL, want, n, &p);
    CHECK(count_differences(dt, out, want, n) == 0, "rrelu eval %s: differs from the table op", h_dtype_names[dt]);

    rrelu_args bad = train;
    bad.lower = 0.5;
    memcpy(want, out, n * h_size(dt));
    CHECK(rrelu(dt, ACTFAST_FORWARD, x, NULL, out, n, bad) == ACTFAST_ERR_INVALID_PARAMETER &&
              count_differences(dt, out, want, n) == 0,
          "rrelu %s lower > upper: refused, nothing written", h_dtype_names[dt]);
    bad.lower = NAN;
    CHECK(rrelu_slopes(dt, out, n, bad) == ACTFAST_ERR_INVALID_PARAMETER && count_differences(dt, out, want, n) == 0,
          "rrelu_slopes %s NaN lower: refused, nothing written", h_dtype_names[dt]);
    CHECK(rrelu_slopes(dt, NULL, n, train) == ACTFAST_ERR_NULL_POINTER, "rrelu_slopes %s NULL", h_dtype_names[dt]);
    free(x);
    free(dy);
    free(s);
    free(out);
    free(want);
}

/* ---- swish's beta --------------------------------------------------------- */

/* dbeta against the exact sum of dy x^2 sigmoid'(beta x), each term within a
 * few ulp: |error| <= ulp/2 + 4 eps sum |terms|. */
static void test_swish_beta(actfast_dtype dt, double beta)
{
    const size_t n = 3001;
    void *x = alloc(dt, n), *dy = alloc(dt, n), *dx = alloc(dt, n), *want = alloc(dt, n), *dbeta = alloc(dt, 1);
    for (size_t i = 0; i < n; i++)
        h_set(dt, x, i, (uniform() * 24 - 12) * (i % 3 ? 1 : 0.01));
    fill_uniform(dt, dy, n, -2, 2);
    char what[64];
    snprintf(what, sizeof what, "swish dbeta %s %s beta=%g", h_dtype_names[dt], isa, beta);
    CHECK(swish_beta(dt, x, dy, dx, n, beta, dbeta) == ACTFAST_OK, "%s: status", what);
    actfast_params p = actfast_default_params(ACTFAST_OP_SWISH);
    p.beta = param_of(dt, beta);
    actfast_apply(ACTFAST_OP_SWISH, ACTFAST_BACKWARD, dt, x, dy, want, n, &p);
    CHECK(count_differences(dt, dx, want, n) == 0, "%s: dx differs from swish_backward", what);
    mpfr_t exact, z, e, t;
    mpfr_inits2(256, exact, z, e, t, (mpfr_ptr)0);
    mpfr_set_zero(exact, 1);
    double abs_sum = 0;
    for (size_t i = 0; i < n; i++) { /* x^2 e/(1 + e)^2, e = e^-|beta x| */
        mpfr_set_d(z, h_get(dt, x, i), MPFR_RNDN);
        mpfr_mul_d(z, z, p.beta, MPFR_RNDN);
        mpfr_abs(e, z, MPFR_RNDN);
        mpfr_neg(e, e, MPFR_RNDN);
        mpfr_exp(e, e, MPFR_RNDN);
        mpfr_add_ui(t, e, 1, MPFR_RNDN);
        mpfr_sqr(t, t, MPFR_RNDN);
        mpfr_div(t, e, t, MPFR_RNDN);
        mpfr_mul_d(t, t, h_get(dt, x, i), MPFR_RNDN);
        mpfr_mul_d(t, t, h_get(dt, x, i), MPFR_RNDN);
        mpfr_mul_d(t, t, h_get(dt, dy, i), MPFR_RNDN);
        mpfr_add(exact, exact, t, MPFR_RNDN);
        abs_sum += fabs(mpfr_get_d(t, MPFR_RNDN));
    }
    /* the terms' own error: a few ulp of float (of the float the 16-bit types compute in) */
    check_sum(what, h_get(dt, dbeta, 0), exact, abs_sum, 4 * (dt == ACTFAST_F64 ? 0x1p-53 : 0x1p-24), dt);
    mpfr_clears(exact, z, e, t, (mpfr_ptr)0);
    double got = h_get(dt, dbeta, 0);
    CHECK(SCALAR_DIFFERENCES(dt, dbeta, 1, swish_beta(dt, x, dy, dx, n, beta, dbeta)) == 0,
          "%s: %g differs from scalar", what, got);
    CHECK(swish_beta(dt, x, dy, dx, n, beta, NULL) == ACTFAST_ERR_NULL_POINTER, "%s: dbeta NULL", what);
    CHECK(swish_beta(dt, x, dy, dx, n, beta, (char *)x + h_size(dt)) == ACTFAST_ERR_OVERLAP, "%s: dbeta in x", what);
    CHECK(swish_beta(dt, x, dy, dx, n, INFINITY, dbeta) == ACTFAST_ERR_INVALID_PARAMETER, "%s: beta = inf", what);
    free(x);
    free(dy);
    free(dx);
    free(want);
    free(dbeta);
}

int main(int argc, char **argv)
{
    isa = h_use_isa(argc, argv);
    test_philox();
    for (int d = 0; d < H_DTYPE_COUNT; d++) {
        const actfast_dtype dt = (actfast_dtype)d;
        const size_t layouts[][3] = {{3, 5, 7}, {2, 64, 1}, {1, 1, 1000}, {4, 3, 33}, {1, 7, 1}, {2, 2, 300}, {0, 3, 4}};
        for (size_t k = 0; k < sizeof layouts / sizeof layouts[0]; k++)
            test_prelu_layout(dt, layouts[k][0], layouts[k][1], layouts[k][2]);
        test_prelu_long_channel(dt);
        test_prelu_errors(dt);
        test_rrelu(dt);
        test_swish_beta(dt, 1);
        test_swish_beta(dt, 1.702);
        test_swish_beta(dt, -0.5);
    }
    mpfr_free_cache();
    return h_finish();
}
