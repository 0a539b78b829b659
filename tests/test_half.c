/* The 16-bit accuracy test: one op, one 16-bit type, one ISA, every form.
 *
 *   test_half <isa> <op> <bf16|f16>
 *
 * Elementwise ops, at their default parameters and at the records' others:
 *  - forward and f' are correctly rounded for every one of the 65,536 inputs
 *    (the result's bits are MPFR's value rounded to nearest even; NaN for NaN,
 *    the sign of a zero too for the forward function);
 *  - backward: every input x with a pseudo-random dy (test_ulp.c's), within
 *    actfast_ulp_bound() (1 ULP of the type, counted as test_ulp.c counts,
 *    at max(|dy f'|, |dy| scale) near a root of f');
 *  - backward_from_y: every y that the forward gives, with such a dy, likewise;
 * row-wise ops: rows of several lengths (past the 384 staged on the stack
 * too), forward correctly rounded and backward within its bound.
 * Every form returns the bits of the scalar ISA (NaNs alike).
 *
 * Exit 77 (skipped) when the CPU cannot run the ISA. ACTFAST_TEST_SCALE
 * below 1 keeps every 8th input only (sanitizers, qemu). */
#include "harness.h"

#include "record.h"
#include "reference.h"

static const char *isa;
static actfast_dtype dtype;
static int digits, min_exponent; /* of the 16-bit type: 8, -126 (bf16); 11, -14 (f16) */
static size_t stride = 1;        /* every stride-th input */

/* ---- the 16-bit types, by their definition -------------------------------- */

/* The value of bits h, exactly. */
static double half_value(uint16_t h)
{
    const int sign = h >> 15, fraction_bits = digits - 1, exponent_bits = 15 - fraction_bits;
    const int biased = (h >> fraction_bits) & ((1 << exponent_bits) - 1), bias = (1 << (exponent_bits - 1)) - 1;
    const unsigned fraction = h & ((1u << fraction_bits) - 1);
    double v;
    if (biased == (1 << exponent_bits) - 1)
        v = fraction ? NAN : INFINITY;
    else if (biased == 0)
        v = ldexp(fraction, min_exponent - fraction_bits);
    else
        v = ldexp((1u << fraction_bits) | fraction, biased - bias - fraction_bits);
    return sign ? -v : v;
}

/* The bits of a value that the type holds (or an infinity). */
static uint16_t half_bits(double v)
{
    const int fraction_bits = digits - 1, bias = -min_exponent + 1;
    const uint16_t sign = signbit(v) ? 0x8000 : 0;
    const uint16_t inf = (uint16_t)(((1u << (15 - fraction_bits)) - 1) << fraction_bits);
    const double a = fabs(v);
    if (isinf(a))
        return sign | inf;
    if (a < ldexp(1, min_exponent))
        return sign | (uint16_t)ldexp(a, fraction_bits - min_exponent);
    int e;
    const double m = frexp(a, &e); /* a = m 2^e, m in [1/2, 1) */
    return sign | (uint16_t)((unsigned)(e - 1 + bias) << fraction_bits) |
           (uint16_t)(ldexp(m, digits) - ldexp(1, fraction_bits));
}

/* v rounded to nearest even to the type (the largest finite value and up
 * beyond it by half an ulp: inf), as bits; NaN as the quiet NaN. */
static uint16_t rounded_half(const mpfr_t v)
{
    if (mpfr_nan_p(v))
        return 0x7FFF;
    if (mpfr_inf_p(v) || mpfr_zero_p(v))
        return half_bits(mpfr_get_d(v, MPFR_RNDN));
    mpfr_t t;
    mpfr_init2(t, REF_PREC);
    long lead = mpfr_get_exp(v) - 1;
    if (lead < min_exponent)
        lead = min_exponent;
    const long place = lead - (digits - 1);
    mpfr_mul_2si(t, v, -place, MPFR_RNDN);
    mpfr_rint(t, t, MPFR_RNDN); /* ties to even */
    mpfr_mul_2si(t, t, place, MPFR_RNDN);
    const double r = mpfr_get_d(t, MPFR_RNDN);
    mpfr_clear(t);
    const double max = ldexp(2 - ldexp(1, 1 - digits), dtype == ACTFAST_BF16 ? 127 : 15);
    return half_bits(fabs(r) > max ? copysign(INFINITY, r) : r);
}

static uint16_t rounded_half_d(double v)
{
    mpfr_t t;
    mpfr_init2(t, 53);
    mpfr_set_d(t, v, MPFR_RNDN);
    const uint16_t h = rounded_half(t);
    mpfr_clear(t);
    return h;
}

static int same_bits(uint16_t a, uint16_t b, int zero_sign_matters)
{
    const double va = half_value(a), vb = half_value(b);
    if (isnan(va) || isnan(vb))
        return isnan(va) && isnan(vb);
    return zero_sign_matters ? a == b : va == vb;
}

/* |got - ref| in ULPs of the type at max(|ref|, scale), the ULP of the
 * smallest normal exponent below it; exact (0 or INFINITY) for NaN, where ref
 * rounds to an infinity, and where ref is exactly 0. */
static double half_ulp_error(const mpfr_t ref, const mpfr_t scale, uint16_t got)
{
    const double g = half_value(got);
    if (mpfr_nan_p(ref) || isnan(g))
        return mpfr_nan_p(ref) && isnan(g) ? 0 : INFINITY;
    const double expected = half_value(rounded_half(ref));
    if (isinf(expected) || isinf(g))
        return g == expected ? 0 : INFINITY;
    if (mpfr_zero_p(ref))
        return g == 0 ? 0 : INFINITY;
    mpfr_t mag, diff;
    mpfr_inits2(REF_PREC, mag, diff, (mpfr_ptr)0);
    mpfr_abs(mag, ref, MPFR_RNDN);
    if (mpfr_cmpabs(scale, mag) > 0)
        mpfr_abs(mag, scale, MPFR_RNDN);
    long lead = mpfr_get_exp(mag) - 1;
    if (lead < min_exponent)
        lead = min_exponent;
    mpfr_set_d(diff, g, MPFR_RNDN);
    mpfr_sub(diff, diff, ref, MPFR_RNDN);
    mpfr_abs(diff, diff, MPFR_RNDN);
    mpfr_mul_2si(diff, diff, -(lead - (digits - 1)), MPFR_RNDN);
    const double err = mpfr_get_d(diff, MPFR_RNDU);
    mpfr_clears(mag, diff, (mpfr_ptr)0);
    return err;
}

/* ---- the library's side ---------------------------------------------------- */

static void run(actfast_op op, actfast_form form, const char *on, const uint16_t *in, const uint16_t *dy, uint16_t *out,
                size_t n, const actfast_params *p)
{
    CHECK(actfast_force_isa(on) == ACTFAST_OK, "force_isa(%s)", on);
    const actfast_status st = actfast_apply(op, form, dtype, in, dy, out, n, p);
    CHECK(st == ACTFAST_OK, "%s form %d on %s: %s", actfast_get_op_info(op)->name, (int)form, on,
          actfast_status_string(st));
    CHECK(actfast_force_isa(isa) == ACTFAST_OK, "force_isa(%s)", isa);
}

/* got has the scalar ISA's bits. */
static void check_same_as_scalar(actfast_op op, actfast_form form, const char *what, const uint16_t *in,
                                 const uint16_t *dy, const uint16_t *got, size_t n, const actfast_params *p)
{
    if (strcmp(isa, "scalar") == 0)
        return;
    uint16_t *scalar = malloc(n * sizeof *scalar);
    run(op, form, "scalar", in, dy, scalar, n, p);
    size_t differ = 0;
    for (size_t i = 0; i < n; i++)
        if (!same_bits(got[i], scalar[i], 1) && differ++ < 3)
            printf("     %s: in %#06x: %s %#06x, scalar %#06x\n", what, in[i], isa, got[i], scalar[i]);
    CHECK(differ == 0, "%s: %zu of %zu results differ from scalar's bits", what, differ, n);
    free(scalar);
}

/* The parameters as the 16-bit API takes them: floats. */
static actfast_params as_floats(actfast_op op, actfast_params p)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    for (int i = 0; i < info->nparams; i++) {
        double *field = (double *)((char *)&p + info->param_offsets[i]);
        *field = (float)*field;
    }
    return p;
}

/* ---- elementwise ----------------------------------------------------------- */

static uint16_t *all_inputs(size_t *n)
{
    uint16_t *x = malloc(65536 * sizeof *x);
    *n = 0;
    for (size_t h = 0; h < 65536; h += stride)
        x[(*n)++] = (uint16_t)h;
    return x;
}

/* Uniform in [0, 1), from a 64-bit LCG. */
static double uniform(uint64_t *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(*state >> 11) * 0x1p-53;
}

/* A dy as test_ulp.c's: varied magnitudes (2^-4 to 2^4) and signs. */
static uint16_t random_dy(uint64_t *state)
{
    const double v = (uniform(state) * 4 - 2) * ldexp(1, (int)floor(uniform(state) * 8) - 4);
    return rounded_half_d(v);
}

static void test_correctly_rounded(actfast_op op, actfast_form form, const actfast_params *p, const char *pname,
                                   const uint16_t *x, size_t n)
{
    const char *fname = form == ACTFAST_FORWARD ? "forward" : "grad";
    uint16_t *got = malloc(n * sizeof *got);
    run(op, form, isa, x, NULL, got, n, p);
    mpfr_t ref, scale;
    mpfr_inits2(REF_PREC, ref, scale, (mpfr_ptr)0);
    size_t wrong = 0;
    for (size_t i = 0; i < n; i++) {
        const double xv = half_value(x[i]);
        if (form == ACTFAST_FORWARD)
            ref_forward(op, p, xv, ref);
        else
            ref_grad(op, p, xv, ref, scale);
        const uint16_t expected = rounded_half(ref);
        if (!same_bits(got[i], expected, form == ACTFAST_FORWARD) && wrong++ < 5)
            printf("     %s %s%s x=%a: got %#06x (%a), correctly rounded %#06x (%a)\n", actfast_get_op_info(op)->name,
                   fname, pname, xv, got[i], half_value(got[i]), expected, half_value(expected));
    }
    printf("%s %s %s %s%s: %zu of %zu inputs not correctly rounded\n", wrong ? "FAIL" : "ok  ",
           actfast_get_op_info(op)->name, fname, isa, pname, wrong, n);
    CHECK(wrong == 0, "%s %s%s: correctly rounded", actfast_get_op_info(op)->name, fname, pname);
    check_same_as_scalar(op, form, fname, x, NULL, got, n, p);
    /* in place: the kernels write over x before the results near a tie are
     * computed again from it (src/half.c keeps it) */
    uint16_t *in_place = malloc(n * sizeof *in_place);
    memcpy(in_place, x, n * sizeof *in_place);
    run(op, form, isa, in_place, NULL, in_place, n, p);
    size_t differ = 0;
    for (size_t i = 0; i < n; i++)
        if (!same_bits(in_place[i], got[i], 1) && differ++ < 3)
            printf("     %s in place: x %#06x: %#06x, out of place %#06x\n", fname, x[i], in_place[i], got[i]);
    CHECK(differ == 0, "%s in place: %zu of %zu results differ from out of place", fname, differ, n);
    free(in_place);
    mpfr_clears(ref, scale, (mpfr_ptr)0);
    free(got);
}

/* backward from x, or from the y = f(x) that the forward gives. */
static void test_backward(actfast_op op, actfast_form form, const actfast_params *p, const char *pname,
                          const uint16_t *x, size_t n)
{
    const int from_y = form == ACTFAST_BACKWARD_FROM_Y;
    const char *fname = from_y ? "backward_from_y" : "backward";
    uint16_t *in = malloc(n * sizeof *in), *dy = malloc(n * sizeof *dy), *got = malloc(n * sizeof *got);
    uint64_t state = 0x9E3779B97F4A7C15ull ^ (uint64_t)op;
    for (size_t i = 0; i < n; i++)
        dy[i] = random_dy(&state);
    if (from_y)
        run(op, ACTFAST_FORWARD, "scalar", x, NULL, in, n, p);
    else
        memcpy(in, x, n * sizeof *in);
    run(op, form, isa, in, dy, got, n, p);
    const double bound = actfast_ulp_bound(op, form, dtype);
    mpfr_t ref, scale;
    mpfr_inits2(REF_PREC, ref, scale, (mpfr_ptr)0);
    double worst = 0;
    size_t wrong = 0;
    for (size_t i = 0; i < n; i++) {
        const double v = half_value(in[i]), d = half_value(dy[i]);
        mpfr_set_zero(scale, 1);
        if (from_y)
            ref_grad_from_y(op, p, v, ref);
        else
            ref_grad(op, p, v, ref, scale);
        mpfr_mul_d(ref, ref, d, MPFR_RNDN);
        mpfr_mul_d(scale, scale, fabs(d), MPFR_RNDN);
        if (mpfr_nan_p(ref) && !isnan(v)) /* 0 * inf of the reference's f' at an infinite input */
            mpfr_set_zero(ref, 1);
        const double err = half_ulp_error(ref, scale, got[i]);
        worst = err > worst ? err : worst;
        if (!(err <= bound) && wrong++ < 5)
            printf("     %s %s%s in=%a dy=%a: got %a, %.3g ULP\n", actfast_get_op_info(op)->name, fname, pname, v, d,
                   half_value(got[i]), err);
    }
    printf("%s %s %s %s%s: max %.3g ULP (bound %g) over %zu inputs\n", wrong ? "FAIL" : "ok  ",
           actfast_get_op_info(op)->name, fname, isa, pname, worst, bound, n);
    CHECK(wrong == 0, "%s %s%s: within %g ULP", actfast_get_op_info(op)->name, fname, pname, bound);
    check_same_as_scalar(op, form, fname, in, dy, got, n, p);
    mpfr_clears(ref, scale, (mpfr_ptr)0);
    free(in);
    free(dy);
    free(got);
}

static void test_elementwise(actfast_op op, const actfast_params *given, const char *pname)
{
    const actfast_params p = as_floats(op, *given);
    const actfast_op_info *info = actfast_get_op_info(op);
    size_t n;
    uint16_t *x = all_inputs(&n);
    test_correctly_rounded(op, ACTFAST_FORWARD, &p, pname, x, n);
    test_correctly_rounded(op, ACTFAST_GRAD, &p, pname, x, n);
    test_backward(op, ACTFAST_BACKWARD, &p, pname, x, n);
    if (info->has_form[ACTFAST_BACKWARD_FROM_Y]) {
        /* from y where the op's parameters allow it (actfast_apply says) */
        uint16_t probe = 0, out;
        if (actfast_apply(op, ACTFAST_BACKWARD_FROM_Y, dtype, &probe, &probe, &out, 1, &p) == ACTFAST_OK)
            test_backward(op, ACTFAST_BACKWARD_FROM_Y, &p, pname, x, n);
    }
    free(x);
}

/* ---- row-wise -------------------------------------------------------------- */

static void test_rows(actfast_op op, size_t cols, size_t count)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    const size_t n = cols * count;
    uint16_t *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *dy = malloc(n * sizeof *dy),
             *dx = malloc(n * sizeof *dx);
    double *xd = malloc(n * sizeof *xd), *yd = malloc(n * sizeof *yd), *dyd = malloc(n * sizeof *dyd);
    mpfr_t *ref = malloc(cols * sizeof *ref), *scale = malloc(cols * sizeof *scale);
    for (size_t j = 0; j < cols; j++) {
        mpfr_init2(ref[j], REF_PREC);
        mpfr_init2(scale[j], REF_PREC);
    }
    uint64_t state = 12345 + cols;
    for (size_t i = 0; i < n; i++) {
        /* entries of a few spreads: [-8, 8] mostly, some far below the maximum */
        const double u = uniform(&state);
        const double v = i % 7 == 3 ? -60 * u : 16 * u - 8;
        x[i] = rounded_half_d(v);
        xd[i] = half_value(x[i]);
        dy[i] = random_dy(&state);
        dyd[i] = half_value(dy[i]);
    }
    run(op, ACTFAST_FORWARD, isa, x, NULL, y, n, &(actfast_params){.cols = cols});
    size_t wrong = 0;
    for (size_t k = 0; k < count; k++) {
        test_records[op]->rows_forward(xd + k * cols, cols, ref);
        for (size_t j = 0; j < cols; j++) {
            const size_t i = k * cols + j;
            const uint16_t expected = rounded_half(ref[j]);
            if (!same_bits(y[i], expected, 1) && wrong++ < 5)
                printf("     %s row %zu of %zu, entry %zu: got %a, correctly rounded %a\n", info->name, k, cols, j,
                       half_value(y[i]), half_value(expected));
            yd[i] = half_value(y[i]);
        }
    }
    printf("%s %s forward %s (%zu rows of %zu): %zu of %zu not correctly rounded\n", wrong ? "FAIL" : "ok  ",
           info->name, isa, count, cols, wrong, n);
    CHECK(wrong == 0, "%s rows of %zu: correctly rounded", info->name, cols);
    check_same_as_scalar(op, ACTFAST_FORWARD, "rows forward", x, NULL, y, n, &(actfast_params){.cols = cols});

    run(op, ACTFAST_BACKWARD_FROM_Y, isa, y, dy, dx, n, &(actfast_params){.cols = cols});
    const double bound = actfast_ulp_bound(op, ACTFAST_BACKWARD_FROM_Y, dtype);
    double worst = 0;
    wrong = 0;
    for (size_t k = 0; k < count; k++) {
        test_records[op]->rows_backward(yd + k * cols, dyd + k * cols, cols, ref, scale);
        for (size_t j = 0; j < cols; j++) {
            const double err = half_ulp_error(ref[j], scale[j], dx[k * cols + j]);
            worst = err > worst ? err : worst;
            if (!(err <= bound) && wrong++ < 5)
                printf("     %s backward row %zu of %zu, entry %zu: got %a, %.3g ULP\n", info->name, k, cols, j,
                       half_value(dx[k * cols + j]), err);
        }
    }
    printf("%s %s backward %s (%zu rows of %zu): max %.3g ULP (bound %g)\n", wrong ? "FAIL" : "ok  ", info->name, isa,
           count, cols, worst, bound);
    CHECK(wrong == 0, "%s backward rows of %zu: within %g ULP", info->name, cols, bound);
    check_same_as_scalar(op, ACTFAST_BACKWARD_FROM_Y, "rows backward", y, dy, dx, n, &(actfast_params){.cols = cols});

    for (size_t j = 0; j < cols; j++) {
        mpfr_clear(ref[j]);
        mpfr_clear(scale[j]);
    }
    free(ref);
    free(scale);
    free(x);
    free(y);
    free(dy);
    free(dx);
    free(xd);
    free(yd);
    free(dyd);
}

int main(int argc, char **argv)
{
    const actfast_op op = argc == 4 ? actfast_op_from_name(argv[2]) : ACTFAST_OP_COUNT;
    if (op == ACTFAST_OP_COUNT || (strcmp(argv[3], "bf16") != 0 && strcmp(argv[3], "f16") != 0)) {
        fprintf(stderr, "usage: %s <isa> <op> <bf16|f16>\n", argv[0]);
        return 2;
    }
    dtype = strcmp(argv[3], "bf16") == 0 ? ACTFAST_BF16 : ACTFAST_F16;
    digits = dtype == ACTFAST_BF16 ? 8 : 11;
    min_exponent = dtype == ACTFAST_BF16 ? -126 : -14;
    isa = h_use_isa(argc, argv);
    ref_init();
    const char *scale_env = getenv("ACTFAST_TEST_SCALE");
    if (scale_env && atof(scale_env) < 1)
        stride = 8;

    if (actfast_get_op_info(op)->rowwise) {
        const size_t lengths[] = {1, 3, 17, 100, 383, 384, 385, 1500};
        for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
            test_rows(op, lengths[i], lengths[i] > 500 ? 3 : 20);
    } else {
        const actfast_params defaults = actfast_default_params(op);
        test_elementwise(op, &defaults, "");
        const param_set *extra = test_records[op]->extra_params;
        for (int i = 0; i < RECORD_EXTRA_PARAMS && extra[i].name; i++)
            test_elementwise(op, &extra[i].params, extra[i].name);
    }
    mpfr_free_cache();
    return h_finish();
}
