/* No slow inputs: in the subnormal-counting build (ACTFAST_COUNT_SUBNORMALS,
 * kernels/vec/subnormal_events.h) every op, form and dtype runs on the scalar
 * kernels over the inputs that meet subnormals, and the instructions that
 * took or made one are counted. Intel cores take a microcode assist of about
 * 150 cycles for each; the vector ISAs run the same kernel text, so a count
 * of 0 here is a proof for them too.
 *
 * The inputs, per class:
 *   tails      each op's saturated and deep ranges, down to where the true
 *              output is subnormal (sigmoid(-100) in float): no event at all;
 *   subnormal  x (or y) subnormal, and dy subnormal: where the op is its
 *              first-order term the one product that forms it may take the
 *              subnormal, so one event per element at most (each element is
 *              a call of its own);
 *   small_x    x (or y) normal and small, 2^-1 down to the least normal, in
 *              steps of about 2^-20 (2^-8 in float): the powers of a small
 *              argument in a polynomial (t^16 of t = x^2) reach the
 *              subnormals long before x does; one event per element at
 *              most, as for subnormal x (gelu(x) = x/2 below 2^-1021);
 *   rows       softmax-like rows with half the entries at -1e4, at -inf, one
 *              dominant entry, and outputs down in the subnormals: no event,
 *              but in the backward from y the products with the given y's
 *              own subnormal entries (two per such entry: dx and the sum);
 *              and the same rows through the _ex forms, scaled by 0.3 (an
 *              inexact scale: z's double word), with a finite mask and a
 *              causal one;
 *   gate_tails the gated units with the gate over the tails, a and dy
 *              ordinary: no event at all.
 *
 * Usage: test_subnormals scalar [--report] (--report: one line per case past
 * its budget, and exit 0). */
#include "harness.h"

#include "vec/subnormal_events.h"

static int report_only;

/* The events of one (op, form, dtype) and input class, over its calls. */
typedef struct tally {
    const h_case *c;
    const char *cls;
    unsigned long by[AF_EV_COUNT];
    size_t calls, over;    /* calls, and calls past their budget */
    double worst_input;    /* the first input of the call most past it */
    unsigned long worst;   /* its events past the budget */
} tally;

static tally start(const h_case *c, const char *cls)
{
    tally t = {.c = c, .cls = cls};
    return t;
}

/* The events of the call just made (its counters reset before it) into t,
 * against its budget. */
static void tally_call(tally *t, actfast_status st, unsigned long budget, double first_input)
{
    unsigned long total = 0;
    for (int e = 0; e < AF_EV_COUNT; e++) {
        t->by[e] += actfast__subnormal_events[e];
        total += actfast__subnormal_events[e];
    }
    CHECK(st == ACTFAST_OK, "%s %s: status %d", t->c->name, t->cls, (int)st);
    t->calls++;
    if (total > budget) {
        t->over++;
        if (total - budget > t->worst) {
            t->worst = total - budget;
            t->worst_input = first_input;
        }
    }
}

/* One call, its events against budget: the op through h_apply, or with
 * rows_ex its _ex form on one row of n. */
static void measure(tally *t, const void *in, const void *dy, size_t n, const actfast_params *p,
                    const actfast_rows_opts *rows_ex, unsigned long budget, double first_input)
{
    void *out = malloc(n * t->c->size);
    actfast__subnormal_events_reset();
    const actfast_status st = rows_ex ? actfast_apply_rows(t->c->op, t->c->form, t->c->dtype, in, n, dy, n, out, n,
                                                           1, n, rows_ex)
                                      : h_apply(t->c, in, dy, out, n, p);
    free(out);
    tally_call(t, st, budget, first_input);
}

static size_t cases_over, cases_all;

static void finish(const tally *t)
{
    char what[256];
    size_t used = 0;
    what[0] = '\0';
    for (int e = 0; e < AF_EV_COUNT && used < sizeof what; e++)
        if (t->by[e])
            used += (size_t)snprintf(what + used, sizeof what - used, " %s %lu", actfast__subnormal_event_name(e),
                                     t->by[e]);
    cases_all++;
    cases_over += t->over > 0;
    if (report_only) {
        if (t->over)
            printf("%-36s %-13s %zu of %zu calls past their budget (worst +%lu at %a); events:%s\n", t->c->name,
                   t->cls, t->over, t->calls, t->worst, t->worst_input, what);
        return;
    }
    CHECK(t->over == 0, "%s %s: %zu of %zu calls met more subnormals than allowed (worst +%lu at input %a); events:%s",
          t->c->name, t->cls, t->over, t->calls, t->worst, t->worst_input, what);
}

static double get(actfast_dtype dt, const void *p, size_t i)
{
    return dt == ACTFAST_F32 ? (double)((const float *)p)[i] : ((const double *)p)[i];
}

/* y = f(x), the input of the backward from y (counted apart, not here). */
static void *forward_of(const h_case *c, const void *x, size_t n, const actfast_params *p)
{
    void *y = malloc(n * c->size);
    CHECK(actfast_apply(c->op, ACTFAST_FORWARD, c->dtype, x, NULL, y, n, p) == ACTFAST_OK, "%s: forward for y",
          c->name);
    return y;
}

static size_t subnormals_in(actfast_dtype dt, const void *v, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += dt == ACTFAST_F32 ? fpclassify(((const float *)v)[i]) == FP_SUBNORMAL
                               : fpclassify(((const double *)v)[i]) == FP_SUBNORMAL;
    return k;
}

/* ---- elementwise --------------------------------------------------------- */

/* Uniform over [-L, L] (L = 120 in float, 800 in double: past every
 * saturation), and dense where e^x reaches the subnormals. */
static size_t tail_inputs(actfast_dtype dt, double *x)
{
    const int f = dt == ACTFAST_F32;
    const double L = f ? 120 : 800, lo = f ? -105 : -746, hi = f ? -85 : -700;
    size_t n = 0;
    for (int i = 0; i <= 2000; i++)
        x[n++] = -L + 2 * L * i / 2000.0;
    for (int i = 0; i <= 2000; i++)
        x[n++] = lo + (hi - lo) * i / 2000.0;
    return n;
}

/* Subnormals of both signs, from the smallest to just below the normals. */
static size_t subnormal_inputs(actfast_dtype dt, double *x)
{
    const double tiny = dt == ACTFAST_F32 ? FLT_TRUE_MIN : DBL_TRUE_MIN, min = dt == ACTFAST_F32 ? FLT_MIN : DBL_MIN;
    const double mags[] = {tiny, 3 * tiny, 1025 * tiny, min / 1024 + tiny, min / 3, min / 2, min - tiny};
    size_t n = 0;
    for (size_t i = 0; i < sizeof mags / sizeof mags[0]; i++) {
        x[n++] = mags[i];
        x[n++] = -mags[i];
    }
    return n;
}

/* Normal magnitudes of both signs from 2^-1 down to the least normal, a
 * few mantissas each. */
static size_t small_inputs(actfast_dtype dt, double *x)
{
    const int f = dt == ACTFAST_F32;
    const int least = f ? -126 : -1022, step = f ? 8 : 20;
    static const double mantissas[] = {1.0, 1.37, 1.9};
    size_t n = 0;
    for (int e = -1; e >= least; e -= step)
        for (size_t i = 0; i < sizeof mantissas / sizeof mantissas[0]; i++) {
            x[n++] = ldexp(mantissas[i], e);
            x[n++] = -ldexp(mantissas[i], e);
        }
    x[n++] = f ? FLT_MIN : DBL_MIN;
    x[n++] = f ? -FLT_MIN : -DBL_MIN;
    return n;
}

/* One element per call, each with its budget of events, with dy = 1.25
 * and, for the backward forms, dy = 2^-19 and 2^19 too: the products of dy
 * with a small f'(x) go subnormal sooner or later with dy. */
static void per_element(const h_case *c, const char *name, const double *vx, size_t n, void *x, void *dy,
                        actfast_params *p)
{
    static const double dys[] = {1.25, 0x1p-19, 0x1p19};
    const int from_y = c->form == ACTFAST_BACKWARD_FROM_Y;
    tally t = start(c, name);
    for (size_t d = 0; d < (c->with_dy ? 3u : 1u); d++)
        for (size_t i = 0; i < n; i++) {
            h_set(c->dtype, x, 0, vx[i]);
            h_set(c->dtype, dy, 0, dys[d]);
            void *in = from_y ? forward_of(c, x, 1, p) : x;
            measure(&t, in, dy, 1, p, NULL, 1, vx[i]);
            if (from_y)
                free(in);
        }
    finish(&t);
}

static void elementwise(const h_case *c)
{
    const actfast_dtype dt = c->dtype;
    actfast_params p = h_params(c, 0);
    enum { MAX_N = 4100 };
    double vx[MAX_N];
    void *x = malloc(MAX_N * c->size), *dy = malloc(MAX_N * c->size);

    /* tails: no event at all */
    size_t n = tail_inputs(dt, vx);
    for (size_t i = 0; i < n; i++) {
        h_set(dt, x, i, vx[i]);
        h_set(dt, dy, i, 0.5 + fmod(0.618 * (double)i, 1.5));
    }
    const int from_y = c->form == ACTFAST_BACKWARD_FROM_Y;
    void *in = from_y ? forward_of(c, x, n, &p) : x;
    tally t = start(c, "tails");
    measure(&t, in, dy, n, &p, NULL, from_y ? 2 * subnormals_in(dt, in, n) : 0, vx[0]);
    finish(&t);
    if (from_y)
        free(in);

    /* subnormal x (y), dy normal; then x normal, dy subnormal: one event
     * per element at most, each element a call */
    per_element(c, "small_x", vx, small_inputs(dt, vx), x, dy, &p);
    n = subnormal_inputs(dt, vx);
    per_element(c, "subnormal_x", vx, n, x, dy, &p);
    static const double ordinary[] = {-30, -3, -0.5, 0.5, 3, 30};
    t = start(c, "subnormal_dy");
    for (size_t i = 0; c->with_dy && i < sizeof ordinary / sizeof ordinary[0]; i++)
        for (size_t j = 0; j < n; j++) {
            h_set(dt, x, 0, ordinary[i]);
            h_set(dt, dy, 0, vx[j]);
            in = from_y ? forward_of(c, x, 1, &p) : x;
            measure(&t, in, dy, 1, &p, NULL, 1 + (unsigned long)(from_y && subnormals_in(dt, in, 1)), vx[j]);
            if (from_y)
                free(in);
        }
    if (c->with_dy)
        finish(&t);
    free(x);
    free(dy);
}

/* ---- row-wise ------------------------------------------------------------ */

enum { COLS = 64 };

static void rowwise(const h_case *c)
{
    const actfast_dtype dt = c->dtype;
    const int f = dt == ACTFAST_F32;
    actfast_params p = h_params(c, COLS);
    void *x = malloc(COLS * c->size), *dy = malloc(COLS * c->size), *mask = malloc(COLS * c->size);
    static const char *const classes[] = {"half_-1e4", "half_-inf", "dominant", "subnormal_out"};
    static const char *const ex_classes[] = {"ex_half_-1e4", "ex_half_-inf", "ex_dominant", "ex_subnormal_out"};
    for (size_t j = 0; j < COLS; j++)
        h_set(dt, mask, j, -0.0625 * (double)(j % 7)); /* a bias, as ALiBi's */
    for (int k = 0; k < 4; k++) {
        for (size_t j = 0; j < COLS; j++) {
            const double u = fmod(0.618 * (double)(j + 1), 1.0); /* in [0, 1) */
            double v = -5 + 10 * u;
            if (k == 0 && j % 2)
                v = -1e4;
            else if (k == 1 && j % 2)
                v = -INFINITY;
            else if (k == 2)
                v = j == 0 ? (f ? 100 : 700) : -20 + 40 * u;
            else if (k == 3)
                v = -(f ? 110 : 760) * u;
            h_set(dt, x, j, v);
            h_set(dt, dy, j, 2 * u - 1);
        }
        /* softmin mirrors softmax: the same rows negated */
        if (c->op == ACTFAST_OP_SOFTMIN)
            for (size_t j = 0; j < COLS; j++)
                h_set(dt, x, j, -get(dt, x, j));
        const int from_y = c->form == ACTFAST_BACKWARD_FROM_Y;
        void *in = from_y ? forward_of(c, x, COLS, &p) : x;
        tally t = start(c, classes[k]);
        measure(&t, in, dy, COLS, &p, NULL, from_y ? 2 * subnormals_in(dt, in, COLS) : 0, get(dt, x, 0));
        finish(&t);
        tally ex = start(c, ex_classes[k]);
        const actfast_rows_opts o = {0.3, mask, 0, 1, COLS - 9};
        measure(&ex, in, dy, COLS, &p, &o, from_y ? 2 * subnormals_in(dt, in, COLS) : 0, get(dt, x, 0));
        finish(&ex);
        if (from_y)
            free(in);
    }
    free(x);
    free(dy);
    free(mask);
}

/* ---- gated units ---------------------------------------------------------- */

/* The gate over the tails, a and dy ordinary: no event at all. */
static void gated(const h_case *c)
{
    const actfast_dtype dt = c->dtype;
    enum { MAX_N = 4100 };
    double vx[MAX_N];
    void *a = malloc(MAX_N * c->size), *g = malloc(MAX_N * c->size), *dy = malloc(MAX_N * c->size);
    void *out = malloc(MAX_N * c->size), *dgate = malloc(MAX_N * c->size);
    const size_t n = tail_inputs(dt, vx);
    for (size_t i = 0; i < n; i++) {
        h_set(dt, g, i, vx[i]);
        h_set(dt, a, i, (i % 2 ? -1 : 1) * (0.5 + fmod(0.618 * (double)i, 1.5)));
        h_set(dt, dy, i, 0.5 + fmod(0.382 * (double)i, 1.5));
    }
    tally t = start(c, "gate_tails");
    actfast__subnormal_events_reset();
    tally_call(&t, h_apply_gated(c, a, g, dy, out, dgate, n), 0, vx[0]);
    finish(&t);
    free(a);
    free(g);
    free(dy);
    free(out);
    free(dgate);
}

int main(int argc, char **argv)
{
    h_use_isa(argc, argv);
    report_only = argc > 2 && strcmp(argv[2], "--report") == 0;
    if (strcmp(argv[1], "scalar") != 0) {
        printf("SKIP: only the scalar kernels count (the others share their text)\n");
        return H_SKIP;
    }
    H_FOR_EACH_CASE(c)
    {
        if (c.info->rowwise)
            rowwise(&c);
        else
            elementwise(&c);
    }
    H_FOR_EACH_GATED_CASE(c)
    {
        gated(&c);
    }
    printf("%zu of %zu (op, form, dtype, input class) cases met more subnormals than allowed\n", cases_over,
           cases_all);
    return report_only ? 0 : h_finish();
}
