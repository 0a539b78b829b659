/* The accuracy test: one op, one dtype, one ISA, every form.
 *
 *   test_ulp <isa> <op> <f32|f64>
 *
 * For every form the op has, and for its default parameters and a few others:
 *  - the maximum error in ULPs against MPFR (the op's record, tests/ops/) over
 *    the input sets of tests/inputs.c must not exceed actfast_ulp_bound()
 *    (src/ops.def);
 *  - special values are exact: NaN for NaN, infinities, zeros (with their sign
 *    for the forward function), and dx = 0 whatever dy where f' is 0 on a region;
 *  - the forced ISA returns the same bits as the scalar one;
 * and for the forward function, ranges hold after rounding and monotone
 * functions stay non-decreasing over sorted inputs.
 *
 * Exit 77 (skipped) when the CPU cannot run the ISA. ACTFAST_TEST_SCALE
 * scales the input sets (0.05 under sanitizers and qemu). */
#include "harness.h"

#include "dtype_ulp.h"
#include "inputs.h"
#include "record.h"
#include "reference.h"

static const char *isa;
static actfast_dtype dtype;


/* ---- arrays of the dtype, held as double -------------------------------- */

static size_t elem(void) { return dtype == ACTFAST_F32 ? sizeof(float) : sizeof(double); }

static void *to_dtype(const double *x, size_t n)
{
    void *p = malloc(n * elem() + 1);
    for (size_t i = 0; i < n; i++)
        h_set(dtype, p, i, x[i]);
    return p;
}

static double at(const void *p, size_t i) { return h_get(dtype, p, i); }

/* The worst error of a run of comparisons and where it happened. */
typedef struct tally {
    double worst;
    double worst_x, worst_got, worst_ref;
    size_t differ_from_scalar;
} tally;

static void tally_add(tally *t, double err, double x, double got, const mpfr_t ref)
{
    if (err > t->worst || (isinf(err) && !isinf(t->worst))) {
        t->worst = err;
        t->worst_x = x;
        t->worst_got = got;
        t->worst_ref = mpfr_get_d(ref, MPFR_RNDN);
    }
}

static void report(actfast_op op, actfast_form form, const char *params, const tally *t)
{
    double bound = actfast_ulp_bound(op, form, dtype);
    h_verdict(t->worst <= bound, "%s %s %s %s%s: max %.3g ulp (bound %g) at x=%.17g: got %.17g, exact %.17g",
            actfast_get_op_info(op)->name, h_form_names[form], dtype == ACTFAST_F32 ? "f32" : "f64", isa, params,
            t->worst, bound, t->worst_x, t->worst_got, t->worst_ref);
    if (strcmp(isa, "scalar") != 0)
        h_verdict(t->differ_from_scalar == 0, "%s %s %s %s%s: %zu elements differ from scalar in some bit",
                actfast_get_op_info(op)->name, h_form_names[form], dtype == ACTFAST_F32 ? "f32" : "f64", isa, params,
                t->differ_from_scalar);
}

/* Runs one form on the forced ISA and on scalar; counts differing bits. */
static void run_form(actfast_op op, actfast_form form, const void *in, const void *dy, void *out, size_t n,
                     const actfast_params *p, tally *t)
{
    actfast_status st = actfast_apply(op, form, dtype, in, dy, out, n, p);
    if (st != ACTFAST_OK) {
        h_verdict(0, "actfast_apply: %s", actfast_status_string(st));
        exit(1);
    }
    if (strcmp(isa, "scalar") == 0)
        return;
    void *ref = malloc(n * elem() + 1);
    actfast_force_isa("scalar");
    actfast_apply(op, form, dtype, in, dy, ref, n, p);
    actfast_force_isa(isa);
    for (size_t i = 0; i < n; i++)
        t->differ_from_scalar += !h_same(dtype, out, ref, i);
    free(ref);
}

/* ---- elementwise ops ----------------------------------------------------- */

/* dy of the backward tests: varied magnitudes and signs, exactly representable. */
static double *make_dy(size_t n)
{
    double *dy = malloc(n * sizeof(double));
    unsigned long long state = 42;
    for (size_t i = 0; i < n; i++) {
        double v = (inputs_uniform(&state) * 4 - 2) * pow(2.0, floor(inputs_uniform(&state) * 8) - 4);
        dy[i] = dtype == ACTFAST_F32 ? (double)(float)v : v;
    }
    return dy;
}

/* The parameters as the kernels of this dtype see them: a float kernel gets
 * float parameters, and the reference must use the same values. */
static actfast_params in_dtype(actfast_op op, const actfast_params *p)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    actfast_params r = *p;
    for (int i = 0; dtype == ACTFAST_F32 && i < info->nparams; i++) {
        double *field = h_param_field(&r, info, i);
        *field = (float)*field;
    }
    return r;
}

/* dy = +-inf (SPEC 3): the IEEE value of dy f'(x) with f'(x) exact, so
 * +-inf with the sign of dy f'(x) where f'(x) != 0, 0 on a flat region, NaN
 * at an exact root of f' (hardswish'(-1.5), tanhshrink'(0)). Checked where
 * |f'(x)| >= 2^-170 (2^-1440 in double); below, in the far exp tails only
 * (past e^EXP_TAIL_MIN, kernels/act/constants.h), the kernels' f' is 0 and
 * dx is NaN, as the header says. From y, a zero f' is a flat region or a
 * rounded y at saturation, and either 0 or NaN is accepted there. */
static void test_infinite_dy(actfast_op op, const actfast_params *p, const char *pname, const input_set *in,
                             const void *x, void *out)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    const size_t n = in->n;
    const long smallest_exp = dtype == ACTFAST_F32 ? -170 : -1440;
    double *inf_dy = malloc(n * sizeof(double)), *yd = malloc(n * sizeof(double));
    mpfr_t ref, scale;
    mpfr_inits2(REF_PREC, ref, scale, (mpfr_ptr)0);
    for (size_t i = 0; i < n; i++)
        inf_dy[i] = i % 2 ? INFINITY : -INFINITY;
    void *dy = to_dtype(inf_dy, n);
    for (int form = ACTFAST_BACKWARD; form <= ACTFAST_BACKWARD_FROM_Y; form++) {
        if (!info->has_form[form])
            continue;
        const void *input = x;
        void *y = NULL;
        if (form == ACTFAST_BACKWARD_FROM_Y) {
            for (size_t i = 0; i < n; i++) {
                ref_forward(op, p, in->x[i], ref);
                yd[i] = rounded(dtype, ref);
            }
            input = y = to_dtype(yd, n);
        }
        actfast_apply(op, form, dtype, input, dy, out, n, p);
        size_t checked = 0, wrong = 0;
        for (size_t i = 0; i < n; i++) {
            if (isnan(in->x[i]) || (form == ACTFAST_BACKWARD_FROM_Y && isnan(yd[i])))
                continue;
            const double got = at(out, i);
            int ok;
            if (form == ACTFAST_BACKWARD && test_records[op]->flat && test_records[op]->flat(in->x[i], p)) {
                ok = got == 0;
            } else {
                if (form == ACTFAST_BACKWARD)
                    ref_grad(op, p, in->x[i], ref, scale);
                else
                    ref_grad_from_y(op, p, yd[i], ref);
                if (mpfr_zero_p(ref))
                    ok = form == ACTFAST_BACKWARD ? isnan(got) : isnan(got) || got == 0;
                else if (mpfr_get_exp(ref) < smallest_exp)
                    continue;
                else
                    ok = isinf(got) && (got > 0) == ((mpfr_sgn(ref) > 0) == (inf_dy[i] > 0));
            }
            checked++;
            if (!ok && wrong++ < 3)
                printf("     %s %s x=%.17g dy=%g: got %.17g\n", info->name, form == ACTFAST_BACKWARD ? "backward" : "backward_from_y",
                       in->x[i], inf_dy[i], got);
        }
        h_verdict(wrong == 0, "%s %s %s%s: dy = +-inf gives dy f'(x) (%zu of %zu wrong)", info->name,
                form == ACTFAST_BACKWARD ? "backward" : "backward_from_y", isa, pname, wrong, checked);
        free(y);
    }
    mpfr_clears(ref, scale, (mpfr_ptr)0);
    free(dy);
    free(inf_dy);
    free(yd);
}

static void test_elementwise(actfast_op op, const actfast_params *params, const char *pname, const input_set *in)
{
    const actfast_params params_in_dtype = in_dtype(op, params), *p = &params_in_dtype;
    const actfast_op_info *info = actfast_get_op_info(op);
    const size_t n = in->n;
    void *x = to_dtype(in->x, n), *out = malloc(n * elem() + 1);
    double *dyd = make_dy(n);
    void *dy = to_dtype(dyd, n);
    mpfr_t ref, scale;
    mpfr_inits2(REF_PREC, ref, scale, (mpfr_ptr)0);

    for (int form = 0; form < ACTFAST_FORM_COUNT; form++) {
        if (!info->has_form[form])
            continue;
        tally t = {0};
        const void *input = x;
        void *y = NULL;
        if (form == ACTFAST_BACKWARD_FROM_Y) { /* y = f(x) correctly rounded */
            double *yd = malloc(n * sizeof(double));
            for (size_t i = 0; i < n; i++) {
                ref_forward(op, p, in->x[i], ref);
                yd[i] = rounded(dtype, ref);
            }
            input = y = to_dtype(yd, n);
            free(yd);
        }
        run_form(op, form, input, dy, out, n, p, &t);
        for (size_t i = 0; i < n; i++) {
            const double got = at(out, i);
            switch (form) {
            case ACTFAST_FORWARD:
                ref_forward(op, p, in->x[i], ref);
                mpfr_set_zero(scale, 1);
                break;
            case ACTFAST_GRAD:
                ref_grad(op, p, in->x[i], ref, scale);
                break;
            case ACTFAST_BACKWARD:
                ref_grad(op, p, in->x[i], ref, scale);
                mpfr_mul_d(ref, ref, dyd[i], MPFR_RNDN);
                mpfr_mul_d(scale, scale, fabs(dyd[i]), MPFR_RNDN);
                break;
            case ACTFAST_BACKWARD_FROM_Y:
                ref_grad_from_y(op, p, at(y, i), ref);
                mpfr_mul_d(ref, ref, dyd[i], MPFR_RNDN);
                mpfr_set_zero(scale, 1);
                break;
            }
            tally_add(&t, ulp_error(dtype, ref, scale, got, form == ACTFAST_FORWARD), in->x[i], got, ref);
        }
        report(op, form, pname, &t);
        free(y);
    }

    /* dx = 0 on flat regions even where dy is NaN or inf (a select, not a product). */
    int (*const flat_region)(double x, const actfast_params *p) = test_records[op]->flat;
    size_t flat = 0, wrong = 0;
    double *nan_dy = calloc(n, sizeof(double)); /* calloc: GCC 12 warns of a malloc filled in a loop */
    for (size_t i = 0; i < n; i++)
        nan_dy[i] = i % 2 ? NAN : -INFINITY;
    void *bad_dy = to_dtype(nan_dy, n);
    actfast_apply(op, ACTFAST_BACKWARD, dtype, x, bad_dy, out, n, p);
    for (size_t i = 0; i < n; i++) {
        if (flat_region && flat_region(in->x[i], p)) {
            flat++;
            wrong += at(out, i) != 0;
        }
    }
    if (flat)
        h_verdict(wrong == 0, "%s backward %s%s: dx = 0 for NaN/inf dy on the flat region (%zu of %zu wrong)",
                info->name, isa, pname, wrong, flat);
    free(nan_dy);
    free(bad_dy);
    test_infinite_dy(op, p, pname, in, x, out);
    mpfr_clears(ref, scale, (mpfr_ptr)0);
    free(x);
    free(out);
    free(dy);
    free(dyd);
}

/* Ranges after rounding, and monotonicity where x is sorted. */
static void test_shape(actfast_op op, const input_set *in)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    actfast_params p = actfast_default_params(op);
    void *x = to_dtype(in->x, in->n), *y = malloc(in->n * elem() + 1);
    actfast_apply(op, ACTFAST_FORWARD, dtype, x, NULL, y, in->n, &p);
    size_t out_of_range = 0, decreasing = 0;
    for (size_t i = 0; i < in->n; i++) {
        double v = at(y, i);
        out_of_range += !isnan(v) && (v < info->range_lo || v > info->range_hi);
        if (i > 0 && in->x[i] >= in->x[i - 1] && at(y, i) < at(y, i - 1)) {
            if (info->monotone && decreasing++ == 0)
                printf("     first decrease: f(%.17g) = %.17g > f(%.17g) = %.17g\n", in->x[i - 1], at(y, i - 1),
                       in->x[i], at(y, i));
        }
    }
    h_verdict(out_of_range == 0, "%s %s %s: %zu results outside [%g, %g]", info->name, isa,
            dtype == ACTFAST_F32 ? "f32" : "f64", out_of_range, info->range_lo, info->range_hi);
    if (info->monotone)
        h_verdict(decreasing == 0, "%s %s %s: %zu decreases over sorted inputs", info->name, isa,
                dtype == ACTFAST_F32 ? "f32" : "f64", decreasing);
    free(x);
    free(y);
}

/* ---- row-wise ops -------------------------------------------------------- */

typedef struct rows {
    double *x;
    size_t rows, cols;
} rows;

/* Rows of one length: random values of a few spreads, then rows with -inf,
 * +inf (one and two), NaN, huge and tiny entries, and rows where one entry
 * dominates by a gap that leaves the others' e^(x_k - m) subnormal, near the
 * subnormals, or moderate (log_softmax's y = -log1p(t) ~ -t there). */
static rows make_rows(size_t cols, size_t count, unsigned long long seed)
{
    rows r = {malloc(cols * count * sizeof(double)), count, cols};
    const double spreads[] = {1, 10, 100, 1e4, 1e-3};
    for (size_t k = 0; k < count; k++) {
        double *row = r.x + k * cols;
        for (size_t j = 0; j < cols; j++) {
            double v = (inputs_uniform(&seed) * 2 - 1) * spreads[k % 5];
            row[j] = dtype == ACTFAST_F32 ? (double)(float)v : v;
        }
        const size_t j = (size_t)(inputs_uniform(&seed) * (double)cols), j2 = (j + cols / 2) % cols;
        switch (k % 10) {
        case 5: row[j] = -INFINITY; break;
        case 6: row[j] = INFINITY; break;
        case 7: row[j] = INFINITY; row[j2] = INFINITY; break;
        case 8: row[j] = NAN; break;
        case 9: row[j] = dtype == ACTFAST_F32 ? 3e38 : 1.7e308; row[j2] = -row[j]; break;
        case 0:
            if (k > 0) {
                const double gaps_f32[] = {100, 80, 30}, gaps_f64[] = {740, 700, 30};
                const size_t g = (k / 10 - 1) % 3;
                row[j] = spreads[0] + (dtype == ACTFAST_F32 ? gaps_f32[g] : gaps_f64[g]);
            }
            break;
        }
    }
    return r;
}

static void test_rowwise(actfast_op op, size_t cols, size_t count)
{
    rows r = make_rows(cols, count, 7 + cols);
    const size_t n = r.rows * r.cols;
    actfast_params p = actfast_default_params(op);
    p.cols = cols;
    void *x = to_dtype(r.x, n), *y = malloc(n * elem() + 1), *dx = malloc(n * elem() + 1);
    double *dyd = make_dy(n), *yd = malloc(n * sizeof(double));
    void *dy = to_dtype(dyd, n);
    mpfr_t *ref = malloc(cols * sizeof(mpfr_t)), *scale = malloc(cols * sizeof(mpfr_t));
    for (size_t j = 0; j < cols; j++)
        mpfr_inits2(REF_PREC, ref[j], scale[j], (mpfr_ptr)0);
    char pname[48];
    snprintf(pname, sizeof pname, " (%zu rows of %zu)", count, cols);

    tally fwd = {0}, bwd = {0};
    const actfast_op_info *info = actfast_get_op_info(op);
    run_form(op, ACTFAST_FORWARD, x, NULL, y, n, &p, &fwd);
    size_t out_of_range = 0;
    for (size_t k = 0; k < r.rows; k++) {
        test_records[op]->rows_forward(r.x + k * cols, cols, ref);
        for (size_t j = 0; j < cols; j++) {
            const size_t i = k * cols + j;
            mpfr_set_zero(scale[j], 1);
            tally_add(&fwd, ulp_error(dtype, ref[j], scale[j], at(y, i), 1), r.x[i], at(y, i), ref[j]);
            out_of_range += at(y, i) < info->range_lo || at(y, i) > info->range_hi;
            yd[i] = rounded(dtype, ref[j]);
        }
    }
    report(op, ACTFAST_FORWARD, pname, &fwd);
    h_verdict(out_of_range == 0, "%s %s%s: %zu entries outside [%g, %g]", info->name, isa, pname, out_of_range,
            info->range_lo, info->range_hi);

    /* backward from the correctly rounded y */
    void *yr = to_dtype(yd, n);
    run_form(op, ACTFAST_BACKWARD_FROM_Y, yr, dy, dx, n, &p, &bwd);
    for (size_t k = 0; k < r.rows; k++) {
        test_records[op]->rows_backward(yd + k * cols, dyd + k * cols, cols, ref, scale);
        for (size_t j = 0; j < cols; j++) {
            const size_t i = k * cols + j;
            tally_add(&bwd, ulp_error(dtype, ref[j], scale[j], at(dx, i), 0), yd[i], at(dx, i), ref[j]);
        }
    }
    report(op, ACTFAST_BACKWARD_FROM_Y, pname, &bwd);

    for (size_t j = 0; j < cols; j++)
        mpfr_clears(ref[j], scale[j], (mpfr_ptr)0);
    free(ref);
    free(scale);
    free(x);
    free(y);
    free(yr);
    free(dx);
    free(dy);
    free(dyd);
    free(yd);
    free(r.x);
}

/* ---- main ---------------------------------------------------------------- */

int main(int argc, char **argv)
{
    const actfast_op op = argc == 4 ? actfast_op_from_name(argv[2]) : ACTFAST_OP_COUNT;
    if (op == ACTFAST_OP_COUNT || (strcmp(argv[3], "f32") != 0 && strcmp(argv[3], "f64") != 0)) {
        fprintf(stderr, "usage: %s <isa> <op> <f32|f64>\n", argv[0]);
        return 2;
    }
    dtype = strcmp(argv[3], "f32") == 0 ? ACTFAST_F32 : ACTFAST_F64;
    isa = h_use_isa(argc, argv);
    ref_init();
    const char *scale_env = getenv("ACTFAST_TEST_SCALE");
    const double scale = scale_env ? atof(scale_env) : 1.0;

    if (actfast_get_op_info(op)->rowwise) {
        const size_t lengths[] = {1, 2, 3, 17, 1000, 4097};
        for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
            test_rowwise(op, lengths[i], lengths[i] > 1000 ? 10 : lengths[i] > 100 ? 20 : 40);
        test_rowwise(op, scale < 1 ? 65536 : 1 << 20, 1);
    } else {
        input_set in = inputs_elementwise(dtype, scale);
        const actfast_params defaults = actfast_default_params(op);
        test_elementwise(op, &defaults, "", &in);
        const param_set *extra = test_records[op]->extra_params;
        for (int i = 0; i < RECORD_EXTRA_PARAMS && extra[i].name; i++)
            test_elementwise(op, &extra[i].params, extra[i].name, &in);
        inputs_free(&in);
        if (dtype == ACTFAST_F64) {
            input_set near = inputs_around(test_records[op]->sweep_worst, 2, scale);
            if (near.n > 0)
                test_elementwise(op, &defaults, " near the float sweep's worst", &near);
            inputs_free(&near);
        }
        input_set sorted = inputs_sorted(dtype, scale);
        test_shape(op, &sorted);
        inputs_free(&sorted);
    }
    mpfr_free_cache();
    return h_finish();
}
