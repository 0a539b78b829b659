/* Checks the fast references of the exhaustive sweep (tests/fast_reference.c)
 * against MPFR (tests/reference.c): for every elementwise op, every parameter
 * set of the sweep and both forms, on random floats of every magnitude and
 * around the points where the formulas switch, cancel or underflow, each fast
 * result must lie within the error bound it states, of its value and of its
 * scale; for the forward function it must have MPFR's sign (zeros included);
 * where it says float infinity, MPFR's value must round to it. And the
 * sweep's errors from them (tests/ulp_error.c) must agree with MPFR's
 * wherever they decide, for results a few ULPs around the exact one and for
 * zeros of both signs: within ULP_TOL, never below, on the same side of the
 * bound. The sweep's verdicts are exact only if this holds.
 *
 *   test_fast_reference [op [inputs per op]]   (default: every op, 2^21 inputs each)
 *
 * Every line says how much of its stated bound the worst input used.
 * ACTFAST_TEST_SCALE scales the inputs (0.05 under sanitizers and qemu). */
#include "harness.h"

#include "fast_reference.h"
#include "parallel.h"
#include "reference.h"
#include "sweep_params.h"
#include "ulp_error.h"

enum { THREADS = 2, SHOWN = 5, MAX_SPECIALS = 256 };

/* Where the formulas switch branch, cancel, underflow or overflow, and the
 * roots of f': 0.5 and 1 (tanhshrink's series), the roots of gelu', mish'
 * and silu', the kinks at 3 and 6, where float results underflow (14.3,
 * 88.7, 103.97), where double's erfc and exp underflow or overflow (38.5,
 * 708.4, 709.8, 745.1), and where MPFR's own exponent range ends (its
 * e^-x is exactly 0 beyond 3.2e18: the sign of zero starts to matter). */
static const double base_points[] = {
    0.5, 0.751791524693564, 1, 1.19, 1.2784645427610738, 1.5, 3, 6, 14.3, 20,
    38.5, 88.7, 103.97, 708.4, 709.8, 745.1, 2.5e9, 3.2e18, 1e30, 3.4e38,
};

typedef struct failure {
    float x, got; /* got: a result whose error was misjudged, else NaN */
    double v, err;
} failure;

typedef struct part {
    size_t failed, untrusted, judged, decided;
    double worst;
    float worst_x;
    int shown;
    failure first[SHOWN];
} part;

typedef struct check {
    actfast_op op;
    actfast_form form;
    const sweep_params *ps;
    size_t n;
    uint64_t seed;
    double specials[MAX_SPECIALS];
    int nspecials;
    part parts[THREADS];
} check;

static uint64_t mix(uint64_t z)
{
    z += 0x9E3779B97F4A7C15u;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static double unit(uint64_t h) { return (double)(h >> 11) * 0x1p-53; }

/* The base points, divided by every nonzero parameter too (beta x, x/alpha
 * and threshold/beta switch there), and the parameters themselves, both signs. */
static void add_specials(check *c)
{
    const actfast_op_info *info = actfast_get_op_info(c->op);
    actfast_params p = c->ps->p;
    double scales[3] = {1, 0, 0};
    int nscales = 1;
    for (int i = 0; i < info->nparams; i++) {
        const double v = fabs(*h_param_field(&p, info, i));
        if (v != 0 && isfinite(v)) {
            scales[nscales++] = v;
            c->specials[c->nspecials++] = v;
        }
    }
    for (size_t b = 0; b < sizeof base_points / sizeof base_points[0]; b++)
        for (int s = 0; s < nscales; s++)
            if (base_points[b] / scales[s] < 3.4e38)
                c->specials[c->nspecials++] = base_points[b] / scales[s];
}

static float from_bits(uint32_t b)
{
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

/* Input i of a check: random bit patterns (every magnitude), uniform on
 * [-40, 40], log-uniform on 2^[-30, 10], and next to a special point (up to
 * 64 floats away, or a relative 2^-k for k up to 40); finite and nonzero, as
 * the fast references take. */
static float input(const check *c, uint64_t i)
{
    for (uint64_t h = mix(c->seed ^ i);; h = mix(h)) {
        const uint64_t h2 = mix(h);
        const double sign = h2 & 1 ? -1 : 1;
        float x;
        switch (h % 8) {
        case 0:
        case 1:
        case 2:
            x = from_bits((uint32_t)(h2 >> 32));
            break;
        case 3:
            x = (float)(unit(h2) * 80 - 40);
            break;
        case 4:
            x = (float)(sign * exp2(unit(h2) * 40 - 30));
            break;
        default: {
            const float point = (float)(sign * c->specials[(h2 >> 1) % (uint64_t)c->nspecials]);
            if (h2 & 2) {
                x = point;
                for (int steps = (int)((h2 >> 32) % 129) - 64; steps != 0; steps += steps < 0 ? 1 : -1)
                    x = nextafterf(x, steps < 0 ? -INFINITY : INFINITY);
            } else {
                x = (float)(point * (1 + (unit(h2 >> 8) * 2 - 1) * exp2(-(double)((h2 >> 40) % 40) - 1)));
            }
            break;
        }
        }
        if (isfinite(x) && x != 0)
            return x;
    }
}

static void fail(part *pt, float x, float got, const fr_result *r)
{
    if (pt->shown < SHOWN)
        pt->first[pt->shown++] = (failure){x, got, r->v, r->err};
    pt->failed++;
}

/* The sweep's error of results near the exact one, and of zeros, where the
 * fast reference decides it: never below MPFR's, at most ULP_TOL above, on
 * MPFR's side of the bound. */
static void check_judgement(const check *c, part *pt, float x, const fr_result *r, const mpfr_t ref, const mpfr_t scale)
{
    const int forward = c->form == ACTFAST_FORWARD;
    const double bound = actfast_ulp_bound(c->op, c->form, ACTFAST_F32);
    const float near = mpfr_get_flt(ref, MPFR_RNDN);
    float got[9] = {0.0f, -0.0f, near, near, near, near, near, near, near};
    for (int k = 1; k <= 3; k++) { /* k ULPs below and above */
        for (int i = 0; i < k; i++) {
            got[1 + 2 * k] = nextafterf(got[1 + 2 * k], -INFINITY);
            got[2 + 2 * k] = nextafterf(got[2 + 2 * k], INFINITY);
        }
    }
    for (int i = 0; i < 9; i++) {
        double fast;
        pt->judged++;
        if (!ulp_error_fast(r, got[i], forward, bound, &fast))
            continue;
        pt->decided++;
        const double exact = ulp_error_mpfr(ref, scale, got[i], forward);
        if (!(fast == exact || (fast > exact && fast - exact <= ULP_TOL)) || (fast > bound) != (exact > bound))
            fail(pt, x, got[i], r);
    }
}

/* One input: records the share of its stated bound that the fast result
 * used, and whether it broke the bound or the sign. */
static void check_input(const check *c, part *pt, float x, mpfr_t ref, mpfr_t scale, mpfr_t d)
{
    const int forward = c->form == ACTFAST_FORWARD;
    const fr_fn f = forward ? fr_table[c->op].forward : fr_table[c->op].grad;
    const fr_result r = f(x, &c->ps->p);
    if (forward) {
        ref_forward(c->op, &c->ps->p, x, ref);
        mpfr_set_zero(scale, 1);
    } else {
        ref_grad(c->op, &c->ps->p, x, ref, scale);
    }
    check_judgement(c, pt, x, &r, ref, scale);
    int bad;
    double used = 0;
    if (isinf(r.v)) {
        bad = mpfr_get_flt(ref, MPFR_RNDN) != r.v;
    } else if (isinf(r.err)) {
        pt->untrusted++;
        bad = 0;
    } else {
        /* the value, then max(|v|, scale) against max(|ref|, |scale|) */
        mpfr_set_d(d, r.v, MPFR_RNDN);
        mpfr_sub(d, d, ref, MPFR_RNDN);
        mpfr_abs(d, d, MPFR_RNDN);
        bad = mpfr_cmp_d(d, r.err) > 0;
        used = mpfr_zero_p(d) ? 0 : mpfr_get_d(d, MPFR_RNDU) / r.err;
        mpfr_abs(scale, scale, MPFR_RNDN);
        mpfr_abs(d, ref, MPFR_RNDN);
        mpfr_max(scale, scale, d, MPFR_RNDN);
        mpfr_set_d(d, fmax(fabs(r.v), r.scale), MPFR_RNDN);
        mpfr_sub(d, d, scale, MPFR_RNDN);
        mpfr_abs(d, d, MPFR_RNDN);
        bad |= mpfr_cmp_d(d, r.err) > 0;
        used = fmax(used, mpfr_zero_p(d) ? 0 : mpfr_get_d(d, MPFR_RNDU) / r.err);
        bad |= forward && !signbit(r.v) != !mpfr_signbit(ref);
    }
    if (used > pt->worst) {
        pt->worst = used;
        pt->worst_x = x;
    }
    if (bad)
        fail(pt, x, NAN, &r);
}

static void run_part(void *arg, int thread)
{
    check *c = arg;
    part *pt = &c->parts[thread];
    ref_init(); /* MPFR's exponent range is per thread */
    mpfr_t ref, scale, d;
    mpfr_inits2(REF_PREC, ref, scale, d, (mpfr_ptr)0);
    for (size_t i = (size_t)thread; i < c->n; i += THREADS)
        check_input(c, pt, input(c, i), ref, scale, d);
    mpfr_clears(ref, scale, d, (mpfr_ptr)0);
    mpfr_free_cache();
}

static void run_check(check *c)
{
    parallel_run(THREADS, run_part, c);
    part all = c->parts[0];
    for (int t = 1; t < THREADS; t++) {
        const part *pt = &c->parts[t];
        all.failed += pt->failed;
        all.untrusted += pt->untrusted;
        all.judged += pt->judged;
        all.decided += pt->decided;
        if (pt->worst > all.worst) {
            all.worst = pt->worst;
            all.worst_x = pt->worst_x;
        }
    }
    const char *name = actfast_get_op_info(c->op)->name, *form = h_form_names[c->form];
    CHECK(all.failed == 0, "%s %s %s: %zu fast results outside their stated bound or misjudged", name, form,
          c->ps->name, all.failed);
    printf("%s %-11s %-7s %-22s %8zu inputs, worst used %.3g of its stated bound (x = %a), %zu untrusted, "
           "%.4f%% of errors decided\n",
           all.failed ? "FAIL" : "ok  ", name, form, c->ps->name, c->n, all.worst, all.worst_x, all.untrusted,
           100.0 * (double)all.decided / (double)all.judged);
    for (int t = 0; t < THREADS; t++) {
        for (int k = 0; k < c->parts[t].shown; k++) {
            const failure *e = &c->parts[t].first[k];
            printf("     x = %a: fast %a +- %a", e->x, e->v, e->err);
            if (!isnan(e->got))
                printf(", error of %a misjudged", e->got);
            printf("\n");
        }
    }
    fflush(stdout); /* a long check shows its progress */
}

int main(int argc, char **argv)
{
    const actfast_op only = argc > 1 ? actfast_op_from_name(argv[1]) : ACTFAST_OP_COUNT;
    if (argc > 3 || (argc > 1 && only == ACTFAST_OP_COUNT)) {
        fprintf(stderr, "usage: %s [op [inputs per op]]\n", argv[0]);
        return 2;
    }
    const size_t per_op = argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : h_scaled((size_t)1 << 21, 20000);
    fr_init();
    for (int op = 0; op < ACTFAST_OP_COUNT; op++) {
        const actfast_op_info *info = actfast_get_op_info((actfast_op)op);
        if (info->rowwise || info->gated || (only != ACTFAST_OP_COUNT && op != (int)only))
            continue;
        sweep_params sets[SWEEP_MAX_SETS];
        const int nsets = sweep_param_sets((actfast_op)op, sets);
        for (int s = 0; s < nsets; s++) {
            for (int form = ACTFAST_FORWARD; form <= ACTFAST_GRAD; form++) {
                check c = {.op = (actfast_op)op, .form = (actfast_form)form, .ps = &sets[s]};
                c.n = per_op / (size_t)(2 * nsets);
                c.seed = mix(((uint64_t)op << 16) ^ ((uint64_t)s << 8) ^ (uint64_t)form);
                add_specials(&c);
                run_check(&c);
            }
        }
    }
    mpfr_free_cache();
    return h_finish();
}
