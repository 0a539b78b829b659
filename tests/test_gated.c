/* The gated units' test: one op, one dtype, one ISA, both forms.
 *
 *   test_gated <isa> <op> <f32|f64|bf16|f16>
 *
 * Pairs (a, gate): every gate of test_ulp's elementwise inputs (float and
 * double) or every 16-bit pattern (bf16, f16; every k-th for an
 * ACTFAST_TEST_SCALE of 1/k), each with an a from a cycle of magnitudes and
 * special values and, in a second pass, with a random a (for the 16-bit
 * types, k passes of random a for an ACTFAST_TEST_SCALE of k > 1);
 * dy from test_ulp's distribution. Against MPFR, a act(g) with act the gate
 * activation's record (tests/ops/<act>.c), exactly:
 *  - forward y = a act(g), backward da = dy act(g) and dgate = dy a act'(g)
 *    (measured against the size of act''s terms near its roots, SPEC 4)
 *    within actfast_ulp_bound (the backward bound holds for both);
 *  - special values as the IEEE value of the expression with act exact:
 *    glu(inf, -inf) = inf * 0 = NaN; dgate 0 where act' is 0 on a region
 *    (reglu's gate <= 0) whatever dy a is;
 *  - y may be a or gate, da a or dy, dgate gate: the same bits in place;
 *  - the forced ISA returns the same bits as the scalar one.
 * Results whose act(g) or act'(g) lies past the kernels' exp tails are not
 * counted (beyond_tail: the header's documented limit).
 *
 * Exit 77 (skipped) when the CPU cannot run the ISA. ACTFAST_TEST_SCALE
 * scales the input sets. */
#include "harness.h"

#include "dtype_ulp.h"
#include "inputs.h"
#include "record.h"
#include "reference.h"

static const char *isa;
static actfast_dtype dtype;
static actfast_op op, act;
static actfast_params act_params;

/* ---- references ---------------------------------------------------------- */

/* m v for a double m and an exact v, with IEEE's infinities: inf times a
 * nonzero v is +-inf, inf times 0 is NaN. */
static void times(mpfr_t out, double m, const mpfr_t v)
{
    if (isnan(m) || mpfr_nan_p(v)) {
        mpfr_set_nan(out);
    } else if (isinf(m)) {
        if (mpfr_zero_p(v))
            mpfr_set_nan(out);
        else
            mpfr_set_inf(out, (m > 0) == (mpfr_sgn(v) > 0) ? 1 : -1);
    } else {
        mpfr_mul_d(out, v, m, MPFR_RNDN);
    }
}

/* act(g) or act'(g) where the kernels' exp tails end and they are 0 (the
 * header's limit): below 2^-1440 for double arrays; for the others, whose
 * kernels' formulas end at e^-250, below 2^-300, which matters only where an
 * infinite multiplier makes that 0 a NaN (any float a or dy times 2^-300
 * rounds to 0 anyway). */
static int beyond_tail(const mpfr_t v, int multiplier_infinite)
{
    if (mpfr_zero_p(v) || !mpfr_number_p(v))
        return 0;
    if (dtype == ACTFAST_F64)
        return mpfr_get_exp(v) < -1440;
    return multiplier_infinite && mpfr_get_exp(v) < -300;
}

/* act(g) and act'(g) with its terms' scale; a value that underflowed MPFR's
 * exponent range (act(-4e18)) is not 0 but below any double: the smallest
 * positive MPFR number with its sign stands for it. */
static void act_refs(double g, mpfr_t v, mpfr_t d, mpfr_t scale)
{
    mpfr_clear_underflow();
    ref_forward(act, &act_params, g, v);
    if (mpfr_underflow_p() && mpfr_zero_p(v))
        mpfr_set_si_2exp(v, mpfr_signbit(v) ? -1 : 1, mpfr_get_emin() - 1, MPFR_RNDN);
    mpfr_clear_underflow();
    ref_grad(act, &act_params, g, d, scale);
    if (mpfr_underflow_p() && mpfr_zero_p(d))
        mpfr_set_si_2exp(d, mpfr_signbit(d) ? -1 : 1, mpfr_get_emin() - 1, MPFR_RNDN);
}

/* ---- one run ------------------------------------------------------------ */

typedef struct pairs {
    double *a, *g, *dy;
    size_t n;
} pairs;

typedef struct tally {
    double worst;
    double worst_a, worst_g, worst_got, worst_ref;
    size_t skipped;
} tally;

static void tally_add(tally *t, double err, double a, double g, double got, const mpfr_t ref)
{
    if (err > t->worst || (isinf(err) && !isinf(t->worst))) {
        t->worst = err;
        t->worst_a = a;
        t->worst_g = g;
        t->worst_got = got;
        t->worst_ref = mpfr_get_d(ref, MPFR_RNDN);
    }
}

static void report(const char *what, actfast_form form, const char *set, const tally *t)
{
    const double bound = actfast_ulp_bound(op, form, dtype);
    h_verdict(t->worst <= bound,
            "%s %s %s %s (%s): max %.3g ulp (bound %g) at a=%.17g gate=%.17g: got %.17g, exact %.17g%s",
            actfast_get_op_info(op)->name, what, h_dtype_names[dtype], isa, set, t->worst, bound, t->worst_a,
            t->worst_g, t->worst_got, t->worst_ref, t->skipped ? " (tail limit skipped some)" : "");
}

static void *array_of(const double *v, size_t n)
{
    void *p = malloc(n * h_size(dtype) + 1);
    for (size_t i = 0; i < n; i++)
        h_set(dtype, p, i, v[i]);
    return p;
}

/* The call, on the forced ISA; counts the elements where scalar differs. */
static size_t run(actfast_form form, const void *a, const void *g, const void *dy, void *out, void *dgate, size_t n)
{
    CHECK(actfast_apply_gated(op, form, dtype, a, g, dy, out, dgate, n) == ACTFAST_OK, "apply_gated");
    if (strcmp(isa, "scalar") == 0)
        return 0;
    const size_t bytes = n * h_size(dtype) + 1;
    void *out_s = malloc(bytes), *dgate_s = malloc(bytes);
    actfast_force_isa("scalar");
    actfast_apply_gated(op, form, dtype, a, g, dy, out_s, dgate_s, n);
    actfast_force_isa(isa);
    size_t differ = 0;
    for (size_t i = 0; i < n; i++)
        differ += !h_same(dtype, out, out_s, i) || (form == ACTFAST_BACKWARD && !h_same(dtype, dgate, dgate_s, i));
    free(out_s);
    free(dgate_s);
    return differ;
}

/* In place: y over a and over gate, da over dy and dgate over gate give the
 * bits of the separate arrays. */
static void check_in_place(const void *a, const void *g, const void *dy, const void *y, const void *da,
                           const void *dgate, size_t n)
{
    const size_t bytes = n * h_size(dtype) + 1;
    void *c1 = malloc(bytes), *c2 = malloc(bytes);
    memcpy(c1, a, bytes);
    actfast_apply_gated(op, ACTFAST_FORWARD, dtype, c1, g, NULL, c1, NULL, n);
    size_t bad = h_mismatch(dtype, c1, y, n) != n;
    memcpy(c1, g, bytes);
    actfast_apply_gated(op, ACTFAST_FORWARD, dtype, a, c1, NULL, c1, NULL, n);
    bad += h_mismatch(dtype, c1, y, n) != n;
    memcpy(c1, dy, bytes);
    memcpy(c2, g, bytes);
    actfast_apply_gated(op, ACTFAST_BACKWARD, dtype, a, c2, c1, c1, c2, n);
    bad += h_mismatch(dtype, c1, da, n) != n;
    bad += h_mismatch(dtype, c2, dgate, n) != n;
    h_verdict(bad == 0, "%s %s %s: in place (y = a, y = gate, da = dy, dgate = gate) gives the same bits",
            actfast_get_op_info(op)->name, h_dtype_names[dtype], isa);
    free(c1);
    free(c2);
}

static void test_pairs(const pairs *in, const char *set)
{
    const size_t n = in->n;
    void *a = array_of(in->a, n), *g = array_of(in->g, n), *dy = array_of(in->dy, n);
    const size_t bytes = n * h_size(dtype) + 1;
    void *y = malloc(bytes), *da = malloc(bytes), *dgate = malloc(bytes);
    const size_t differ = run(ACTFAST_FORWARD, a, g, NULL, y, NULL, n) + run(ACTFAST_BACKWARD, a, g, dy, da, dgate, n);
    const test_record *act_record = test_records[act];
    tally ty = {0}, tda = {0}, tdg = {0};
    mpfr_t v, d, scale, ref, m_scale;
    mpfr_inits2(REF_PREC, v, d, scale, ref, m_scale, (mpfr_ptr)0);
    for (size_t i = 0; i < n; i++) {
        /* the values the library saw */
        const double ai = h_get(dtype, a, i), gi = h_get(dtype, g, i), dyi = h_get(dtype, dy, i);
        act_refs(gi, v, d, scale);
        /* y = a act(g), da = dy act(g) */
        if (beyond_tail(v, 0)) {
            ty.skipped++;
            tda.skipped++;
        } else {
            times(ref, ai, v);
            tally_add(&ty, ulp_error(dtype, ref, ref, h_get(dtype, y, i), 1), ai, gi, h_get(dtype, y, i), ref);
            times(ref, dyi, v);
            tally_add(&tda, ulp_error(dtype, ref, ref, h_get(dtype, da, i), 0), ai, gi, h_get(dtype, da, i), ref);
        }
        /* dgate = dy a act'(g): 0 on a flat region of act, whatever dy a */
        const double got = h_get(dtype, dgate, i);
        if (act_record->flat && !isnan(gi) && act_record->flat(gi, &act_params)) {
            mpfr_set_zero(ref, 1);
            tally_add(&tdg, got == 0 ? 0 : INFINITY, ai, gi, got, ref);
            continue;
        }
        if (beyond_tail(d, isinf(ai))) {
            tdg.skipped++;
            continue;
        }
        /* dy is finite here; a may be anything */
        times(ref, dyi, d);
        times(ref, ai, ref);
        times(m_scale, dyi, scale);
        times(m_scale, isfinite(ai) ? ai : 1, m_scale);
        tally_add(&tdg, ulp_error(dtype, ref, m_scale, got, 0), ai, gi, got, ref);
    }
    report("forward", ACTFAST_FORWARD, set, &ty);
    report("backward da", ACTFAST_BACKWARD, set, &tda);
    report("backward dgate", ACTFAST_BACKWARD, set, &tdg);
    if (strcmp(isa, "scalar") != 0)
        h_verdict(differ == 0, "%s %s %s (%s): %zu elements differ from scalar in some bit", actfast_get_op_info(op)->name,
                h_dtype_names[dtype], isa, set, differ);
    check_in_place(a, g, dy, y, da, dgate, n);
    mpfr_clears(v, d, scale, ref, m_scale, (mpfr_ptr)0);
    free(a);
    free(g);
    free(dy);
    free(y);
    free(da);
    free(dgate);
}

/* ---- inputs -------------------------------------------------------------- */

/* a for pair i: a cycle of magnitudes, signs and special values (the dtype's
 * own extremes from the harness's pool), or a random value of any magnitude
 * the dtype has. */
static double a_of(size_t i, int random, unsigned long long *state)
{
    static const double cycle[] = {1, -1, 0.75, -3.5, 1e-3, -7e4, 0.0, -0.0};
    if (!random) {
        const size_t k = i % (sizeof cycle / sizeof cycle[0] + 14);
        return k < sizeof cycle / sizeof cycle[0] ? cycle[k] : h_pool(22 + (int)(k - sizeof cycle / sizeof cycle[0]), dtype);
    }
    const double max_exponent = dtype == ACTFAST_F64 ? 1000 : dtype == ACTFAST_F16 ? 14 : 120;
    const double e = (inputs_uniform(state) * 2 - 1) * max_exponent;
    return (inputs_uniform(state) < 0.5 ? -1 : 1) * (1 + inputs_uniform(state)) * pow(2, floor(e));
}

/* dy: varied magnitudes and signs, as test_ulp's. */
static double dy_of(unsigned long long *state)
{
    return (inputs_uniform(state) * 4 - 2) * pow(2.0, floor(inputs_uniform(state) * 8) - 4);
}

/* pass 0: a from the cycle; pass k > 0: random a from seed k. */
static pairs make_pairs(const double *gates, size_t count, int pass)
{
    const int random_a = pass > 0;
    pairs p = {malloc(count * sizeof(double)), malloc(count * sizeof(double)), malloc(count * sizeof(double)), count};
    unsigned long long state = 3 + 4 * (unsigned long long)pass;
    for (size_t i = 0; i < count; i++) {
        p.g[i] = gates[i];
        p.a[i] = a_of(i, random_a, &state);
        p.dy[i] = dy_of(&state);
    }
    return p;
}

static void pairs_free(pairs *p)
{
    free(p->a);
    free(p->g);
    free(p->dy);
}

int main(int argc, char **argv)
{
    op = argc == 4 ? actfast_op_from_name(argv[2]) : ACTFAST_OP_COUNT;
    int dt = H_DTYPE_COUNT;
    for (int i = 0; argc == 4 && i < H_DTYPE_COUNT; i++)
        if (strcmp(argv[3], h_dtype_names[i]) == 0)
            dt = i;
    if (op == ACTFAST_OP_COUNT || dt == H_DTYPE_COUNT || !actfast_get_op_info(op)->gated) {
        fprintf(stderr, "usage: %s <isa> <gated op> <f32|f64|bf16|f16>\n", argv[0]);
        return 2;
    }
    dtype = (actfast_dtype)dt;
    isa = h_use_isa(argc, argv);
    ref_init();
    for (int i = 0; i < ACTFAST_OP_COUNT; i++)
        if (test_records[i] == test_records[op]->gate_act)
            act = (actfast_op)i;
    act_params = actfast_default_params(act);

    double *gates;
    size_t count;
    input_set in = {NULL, 0};
    const char *scale_env = getenv("ACTFAST_TEST_SCALE");
    const double scale = scale_env ? atof(scale_env) : 1.0;
    const int half = dtype == ACTFAST_BF16 || dtype == ACTFAST_F16;
    if (half) {
        /* every pattern, or every k-th under a scale below 1 */
        const size_t step = scale > 0 && scale < 1 ? (size_t)(1 / scale) : 1;
        count = (65536 + step - 1) / step;
        gates = malloc(count * sizeof(double));
        for (size_t i = 0; i < count; i++) {
            const uint16_t bits = (uint16_t)(i * step);
            gates[i] = dtype == ACTFAST_BF16 ? af_bf16_to_float(bits) : af_f16_to_float(bits);
        }
    } else {
        in = inputs_elementwise(dtype, scale);
        gates = in.x;
        count = in.n;
    }
    /* the 16-bit types: one pass of random a per unit of a scale above 1
     * (ACTFAST_TEST_SCALE=64: 64 random a for every gate) */
    const int passes = 1 + (half && scale > 1 ? (int)scale : 1);
    for (int pass = 0; pass < passes; pass++) {
        pairs p = make_pairs(gates, count, pass);
        char set[64];
        snprintf(set, sizeof set, pass ? "random a, seed %d" : "a of every magnitude and special value", pass);
        test_pairs(&p, set);
        pairs_free(&p);
    }
    if (in.x)
        inputs_free(&in);
    else
        free(gates);
    mpfr_free_cache();
    return h_finish();
}
