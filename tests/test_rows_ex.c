/* The row-wise ops' _ex forms (include/actfast.h, "attention rows"): one
 * dtype, one ISA, softmax, log_softmax and softmin, forward and backward.
 *
 *   test_rows_ex <isa> <f32|f64|bf16|f16>
 *
 *  - accuracy against MPFR references written here: z = s x + mask formed
 *    exactly (ZPREC bits), then e^(z - m) and the sums at REF_PREC; the
 *    backward is s times the op's record's rows_backward over the live
 *    entries, measured against |s| times its scale (test_ulp's conventions).
 *    Rows of 1 to 1000 entries, seven scales (1, 0.125, 1/sqrt(96), -0.7, 3,
 *    2^-16, 2^16), masks (none, ALiBi, -1e4 or -inf on random halves, -inf
 *    all but one, fully masked rows, one row broadcast with ldmask 0), causal
 *    offsets (0, -1, -3, +2, cols - rows, one below every row), strided and
 *    contiguous arrays, in place, x of several spreads, NaN, +inf, two +inf,
 *    -inf, neighbouring values, rows guard_where one entry dominates by a gap
 *    (subnormal tails); all values of the dtype. Within actfast_ulp_bound
 *    for |z| <= 2^16; rows with a larger finite |z| (entries of 1e6, masks
 *    of -1e9 or the dtype's lowest value, as frameworks mask) are reported
 *    apart, not asserted. The backward's exact zeros must come out 0 (test_ulp's
 *    convention), a verdict of their own beside the bound over the rest;
 *    ACTFAST_ROWS_EX_DUMP=1 prints the row of each op's worst backward result;
 *  - special values: fully masked rows 0 (-inf for log_softmax), NaN rows,
 *    +inf rows, causal entries exactly 0 / -inf / dx 0, and causal entries,
 *    gaps between rows of the inputs never read (NaN there changes nothing);
 *  - bits: o == NULL gives the plain function's bits (contiguous, and row by
 *    row when strided); scale 1 without mask or causal mask too, but for rows
 *    of -inf; a causal mask alone gives the plain function of the live
 *    prefix; the typed entry points and actfast_apply_rows agree; in place
 *    equals out of place; the forced ISA equals scalar;
 *  - memory: outputs never written in the gaps between rows nor past the last
 *    row, inputs never changed, nothing read past an array's end nor before
 *    its start (guard pages);
 *  - bad input: every status of the contract, nothing written.
 *
 * Exit 77 (skipped) when the CPU cannot run the ISA. ACTFAST_TEST_SCALE
 * scales the accuracy sweep. */
#include "harness.h"

#include "dtype_ulp.h"
#include "guard_pages.h"
#include "inputs.h"
#include "record.h"
#include "reference.h"

static const char *isa;
static actfast_dtype dtype;
static size_t esz; /* sizeof an element */

enum { NOPS = 3, NFORMS = 2, MAXC = 1024 };
static const actfast_op ops[NOPS] = {ACTFAST_OP_SOFTMAX, ACTFAST_OP_LOG_SOFTMAX, ACTFAST_OP_SOFTMIN};
static const actfast_form forms[NFORMS] = {ACTFAST_FORWARD, ACTFAST_BACKWARD_FROM_Y};
static const char *const form_names[NFORMS] = {"forward", "backward"};

static const char *op_name(int k) { return actfast_get_op_info(ops[k])->name; }
static int is_log(int k) { return ops[k] == ACTFAST_OP_LOG_SOFTMAX; }
/* What a masked forward entry holds: 0, -inf for log_softmax. */
static double masked_value(int k) { return is_log(k) ? -INFINITY : 0.0; }

/* ---- the entry points ----------------------------------------------------- */

typedef actfast_status (*ex_fwd_fn)(const void *x, size_t ldx, void *y, size_t ldy, size_t rows, size_t cols,
                                    const actfast_rows_opts *o);
typedef actfast_status (*ex_bwd_fn)(const void *y, size_t ldy, const void *dy, size_t lddy, void *dx, size_t lddx,
                                    size_t rows, size_t cols, const actfast_rows_opts *o);
typedef actfast_status (*plain_fwd_fn)(const void *x, void *y, size_t rows, size_t cols);
typedef actfast_status (*plain_bwd_fn)(const void *y, const void *dy, void *dx, size_t rows, size_t cols);

#define WRAP_DT(name, T, dt)                                                                                       \
    static actfast_status w_##name##_ex_##dt(const void *x, size_t ldx, void *y, size_t ldy, size_t rows,         \
                                             size_t cols, const actfast_rows_opts *o)                             \
    {                                                                                                              \
        return actfast_##name##_ex_##dt((const T *)x, ldx, (T *)y, ldy, rows, cols, o);                           \
    }                                                                                                              \
    static actfast_status w_##name##_backward_ex_##dt(const void *y, size_t ldy, const void *dy, size_t lddy,     \
                                                      void *dx, size_t lddx, size_t rows, size_t cols,            \
                                                      const actfast_rows_opts *o)                                  \
    {                                                                                                              \
        return actfast_##name##_backward_ex_##dt((const T *)y, ldy, (const T *)dy, lddy, (T *)dx, lddx, rows,     \
                                                 cols, o);                                                         \
    }                                                                                                              \
    static actfast_status w_##name##_##dt(const void *x, void *y, size_t rows, size_t cols)                       \
    {                                                                                                              \
        return actfast_##name##_##dt((const T *)x, (T *)y, rows, cols);                                           \
    }                                                                                                              \
    static actfast_status w_##name##_backward_##dt(const void *y, const void *dy, void *dx, size_t rows,          \
                                                   size_t cols)                                                    \
    {                                                                                                              \
        return actfast_##name##_backward_##dt((const T *)y, (const T *)dy, (T *)dx, rows, cols);                  \
    }
#define WRAP_OP(name)                                                                                              \
    WRAP_DT(name, float, f32) WRAP_DT(name, double, f64) WRAP_DT(name, actfast_bf16, bf16)                        \
        WRAP_DT(name, actfast_f16, f16)
WRAP_OP(softmax)
WRAP_OP(log_softmax)
WRAP_OP(softmin)
#define TABLE(prefix, suffix)                                                                                      \
    {                                                                                                              \
        {w_softmax##prefix##_f32, w_softmax##prefix##_f64, w_softmax##prefix##_bf16, w_softmax##prefix##_f16},    \
            {w_log_softmax##prefix##_f32, w_log_softmax##prefix##_f64, w_log_softmax##prefix##_bf16,               \
             w_log_softmax##prefix##_f16},                                                                         \
            {w_softmin##prefix##_f32, w_softmin##prefix##_f64, w_softmin##prefix##_bf16, w_softmin##prefix##_f16}  \
    }
static const ex_fwd_fn ex_fwd[NOPS][H_DTYPE_COUNT] = TABLE(_ex, );
static const ex_bwd_fn ex_bwd[NOPS][H_DTYPE_COUNT] = TABLE(_backward_ex, );
static const plain_fwd_fn plain_fwd[NOPS][H_DTYPE_COUNT] = TABLE(, );
static const plain_bwd_fn plain_bwd[NOPS][H_DTYPE_COUNT] = TABLE(_backward, );

/* One call of op k: forward (in = x) or backward (in = y, with dy), through
 * the typed entry point (via 0) or actfast_apply_rows (via 1). */
static actfast_status call(int k, int backward, int via, const void *in, size_t ldin, const void *dy, size_t lddy,
                           void *out, size_t ldout, size_t rows, size_t cols, const actfast_rows_opts *o)
{
    if (via)
        return actfast_apply_rows(ops[k], forms[backward], dtype, in, ldin, dy, lddy, out, ldout, rows, cols, o);
    return backward ? ex_bwd[k][dtype](in, ldin, dy, lddy, out, ldout, rows, cols, o)
                    : ex_fwd[k][dtype](in, ldin, out, ldout, rows, cols, o);
}

/* The same call on the scalar ISA. */
static actfast_status call_scalar(int k, int backward, const void *in, size_t ldin, const void *dy, size_t lddy,
                                  void *out, size_t ldout, size_t rows, size_t cols, const actfast_rows_opts *o)
{
    actfast_force_isa("scalar");
    const actfast_status st = call(k, backward, 0, in, ldin, dy, lddy, out, ldout, rows, cols, o);
    actfast_force_isa(isa);
    return st;
}

/* ---- arrays of the dtype with a leading dimension -------------------------- */

static const unsigned char SENTINEL = 0xCD; /* output gaps: a finite value of every dtype */

static void *new_elems(size_t n)
{
    unsigned char *p = malloc(n * esz + 16);
    memset(p, SENTINEL, n * esz + 16);
    return p;
}

static void *dup_elems(const void *p, size_t n)
{
    void *q = malloc(n * esz + 16);
    memcpy(q, p, n * esz + 16);
    return q;
}

static double val(const void *p, size_t i) { return h_get(dtype, p, i); }

/* v rounded to the dtype (what an array of it holds). */
static double in_dtype(double v)
{
    unsigned char b[8];
    h_set(dtype, b, 0, v);
    return h_get(dtype, b, 0);
}

/* rows x cols logical values (row i at v + i cols) as an array of rows x ld:
 * entries at or past live[i] (causally masked; live NULL: none) hold dead,
 * the gaps between rows (and after the last) gap. */
static void *layout(const double *v, size_t rows, size_t cols, size_t ld, const size_t *live, double dead,
                    double gap)
{
    void *p = new_elems(rows * ld);
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < ld; j++)
            h_set(dtype, p, i * ld + j, j >= cols ? gap : live && j >= live[i] ? dead : v[i * cols + j]);
    return p;
}

/* Entries of the rows (first cols of each) that differ, NaNs alike. */
static size_t count_differ(const void *a, size_t lda, const void *b, size_t ldb, size_t rows, size_t cols)
{
    size_t n = 0;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) {
            const double x = val(a, i * lda + j), y = val(b, i * ldb + j);
            if (isnan(x) && isnan(y))
                continue;
            n += memcmp((const char *)a + (i * lda + j) * esz, (const char *)b + (i * ldb + j) * esz, esz) != 0;
        }
    return n;
}

/* Entries guard_where both are NaN but of other bits (sign, payload). */
static size_t count_nan_bits(const void *a, size_t lda, const void *b, size_t ldb, size_t rows, size_t cols)
{
    size_t n = 0;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++)
            n += isnan(val(a, i * lda + j)) && isnan(val(b, i * ldb + j)) &&
                 memcmp((const char *)a + (i * lda + j) * esz, (const char *)b + (i * ldb + j) * esz, esz) != 0;
    return n;
}

/* Gap elements (past cols in each of the rows x ld) whose bytes changed. */
static size_t gaps_changed(const void *now, const void *before, size_t rows, size_t cols, size_t ld)
{
    size_t n = 0;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = cols; j < ld; j++)
            n += memcmp((const char *)now + (i * ld + j) * esz, (const char *)before + (i * ld + j) * esz, esz) != 0;
    return n;
}

/* Entries before live in row i of a causal mask with this offset. */
static size_t live_of(const actfast_rows_opts *o, size_t i, size_t cols)
{
    if (!o || !o->causal)
        return cols;
    const ptrdiff_t off = o->causal_offset;
    if (off >= 0) {
        const size_t ahead = (size_t)off;
        return ahead >= cols ? cols : i + 1 + ahead < cols ? i + 1 + ahead : cols;
    }
    const size_t behind = (size_t)(-(off + 1)) + 1; /* -off, without overflow */
    if (i + 1 <= behind)
        return 0;
    return i + 1 - behind < cols ? i + 1 - behind : cols;
}

/* ---- the references ------------------------------------------------------ */

/* z = s x + mask exactly: a product of two doubles and a double, for the
 * inputs here (|x|, |mask| within 2^-1100 .. 2^1024) */
enum { ZPREC = 4400, DPREC = 2 * REF_PREC };
static mpfr_t zs[MAXC], ys[MAXC], dxs[MAXC], scs[MAXC], dtmp, rest, one_plus;
static size_t inexact_z; /* z that ZPREC could not hold: must stay 0 */

/* z_j of op k (softmin: mask - s x) with IEEE's rules for the specials:
 * NaN for a NaN term or for inf - inf. */
static void exact_z(mpfr_t z, int k, double s, double x, const double *mk)
{
    const double se = ops[k] == ACTFAST_OP_SOFTMIN ? -s : s;
    const double m = mk ? *mk : 0;
    if (isnan(x) || isnan(m)) {
        mpfr_set_nan(z);
        return;
    }
    if (isinf(x)) {
        const int sign = (x > 0) == (se > 0) ? 1 : -1;
        if (isinf(m) && (m > 0) != (sign > 0))
            mpfr_set_nan(z);
        else
            mpfr_set_inf(z, sign);
        return;
    }
    if (isinf(m)) {
        mpfr_set_inf(z, m > 0 ? 1 : -1);
        return;
    }
    int t = mpfr_set_d(z, x, MPFR_RNDN);
    t |= mpfr_mul_d(z, z, se, MPFR_RNDN);
    t |= mpfr_add_d(z, z, m, MPFR_RNDN);
    inexact_z += t != 0;
}

/* ys[0..live) = op k of zs[0..live) (set by the caller); the largest finite
 * |z| of the row in *zmax. */
static void ref_forward_row(int k, size_t live, double *zmax)
{
    size_t nans = 0, infs = 0;
    long top = -1;
    *zmax = 0;
    for (size_t j = 0; j < live; j++) {
        if (mpfr_nan_p(zs[j]))
            nans++;
        else if (mpfr_inf_p(zs[j]))
            infs += mpfr_sgn(zs[j]) > 0;
        else {
            const double a = fabs(mpfr_get_d(zs[j], MPFR_RNDN));
            *zmax = a > *zmax ? a : *zmax;
            if (top < 0 || mpfr_cmp(zs[j], zs[top]) > 0)
                top = (long)j;
        }
    }
    for (size_t j = 0; j < live; j++) {
        if (nans) {
            mpfr_set_nan(ys[j]);
        } else if (infs) {
            if (mpfr_inf_p(zs[j]) && mpfr_sgn(zs[j]) > 0) {
                mpfr_set_ui(ys[j], infs, R);
                if (is_log(k)) {
                    mpfr_log(ys[j], ys[j], R);
                    mpfr_neg(ys[j], ys[j], R);
                } else {
                    mpfr_ui_div(ys[j], 1, ys[j], R);
                }
            } else if (is_log(k)) {
                mpfr_set_inf(ys[j], -1);
            } else {
                mpfr_set_zero(ys[j], 1);
            }
        } else if (top < 0) { /* every z is -inf: fully masked */
            if (is_log(k))
                mpfr_set_inf(ys[j], -1);
            else
                mpfr_set_zero(ys[j], 1);
        }
    }
    if (nans || infs || top < 0)
        return;
    /* e_j = e^(z_j - m) in ys, the sum of all but the top's 1 in rest */
    mpfr_set_zero(rest, 1);
    for (size_t j = 0; j < live; j++) {
        mpfr_sub(dtmp, zs[j], zs[top], R);
        mpfr_exp(ys[j], dtmp, R);
        if ((long)j != top)
            mpfr_add(rest, rest, ys[j], R);
    }
    if (is_log(k)) {
        mpfr_log1p(rest, rest, R);
        for (size_t j = 0; j < live; j++) {
            mpfr_sub(dtmp, zs[j], zs[top], R);
            mpfr_sub(ys[j], dtmp, rest, R);
        }
    } else {
        mpfr_add_ui(one_plus, rest, 1, R);
        for (size_t j = 0; j < live; j++)
            mpfr_div(ys[j], ys[j], one_plus, R);
    }
}

/* dxs[0..live) = s times the plain backward of y, dy over the live entries,
 * with the scale of each (|s| times the record's). */
static void ref_backward_row(int k, double s, const double *y, const double *dy, size_t live)
{
    if (live == 0)
        return;
    test_records[ops[k]]->rows_backward(y, dy, live, dxs, scs);
    for (size_t j = 0; j < live; j++) {
        mpfr_mul_d(dxs[j], dxs[j], s, R);
        mpfr_mul_d(scs[j], scs[j], fabs(s), R);
    }
}

/* ---- tallies --------------------------------------------------------------- */

typedef struct tally {
    double worst;
    size_t count;
    char guard_where[400];
} tally;

static int worse(const tally *t, double err) { return err > t->worst || (isinf(err) && !isinf(t->worst)); }

static const double scale_list[] = {1, 0.125, 0 /* 1/sqrt(96), set in main */, -0.7, 3.0, 0x1p-16, 0x1p16};
enum { NSCALES = sizeof scale_list / sizeof scale_list[0] };
static double scales[NSCALES];

static tally acc_fwd[NOPS], beyond[NOPS]; /* forward: |z| <= 2^16 and beyond */
/* backward results whose exact value is 0 but that came out nonzero (an
 * infinite error by test_ulp's convention), and their size in ulps of the
 * terms; the error of all the other results */
static tally zero_missed[NOPS], acc_others[NOPS];
/* The row of the worst backward result, for a reproduction (printed with
 * ACTFAST_ROWS_EX_DUMP set): y, dy, the live entries and the scale. */
static double worst_row_y[NOPS][MAXC], worst_row_dy[NOPS][MAXC], worst_row_s[NOPS];
static size_t worst_row_live[NOPS], worst_row_j[NOPS];
static double worst_by_scale[NOPS][NFORMS][NSCALES];
/* bit checks of the sweep: differ from scalar, typed vs apply_rows, in place
 * or unread entries changing the result, gaps or inputs written, statuses */
static size_t n_scalar[NOPS][NFORMS], n_via[NOPS][NFORMS], n_unread[NOPS][NFORMS], n_gaps[NOPS][NFORMS],
    n_inputs[NOPS][NFORMS], n_status[NOPS][NFORMS];

/* ---- the sweep's inputs ------------------------------------------------------ */

static double uni(unsigned long long *st) { return inputs_uniform(st); }
static size_t pick(unsigned long long *st, size_t n) { return n ? (size_t)(uni(st) * (double)n) % n : 0; }

/* The last two mask as frameworks often do, with a finite value far below
 * any z (|z| > 2^16: reported apart, not asserted). */
enum { MASK_NONE, MASK_ALIBI, MASK_HALF_1E4, MASK_HALF_INF, MASK_ALL_BUT_ONE, MASK_FULL_ROWS, MASK_BROADCAST,
       MASK_HALF_1E9, MASK_HALF_LOWEST, MASK_KINDS };
static const char *const mask_names[MASK_KINDS] = {"none",         "alibi",        "-1e4 on half",
                                                   "-inf on half", "-inf but one", "fully -inf rows",
                                                   "broadcast (ldmask 0)", "-1e9 on half", "lowest finite on half"};
enum { CAUSAL_OFF, CAUSAL_0, CAUSAL_M1, CAUSAL_M3, CAUSAL_P2, CAUSAL_NONE_LIVE, CAUSAL_KV, CAUSAL_KINDS };
static const char *const causal_names[CAUSAL_KINDS] = {"off", "0", "-1", "-3", "+2", "below every row", "cols-rows"};

enum { ROW_KINDS = 12 };
static const char *const row_names[ROW_KINDS] = {"spread 1",   "spread 10", "spread 100", "spread 1e4",
                                                 "spread 1e-3", "NaN",      "+inf",       "two +inf",
                                                 "-inf",       "dominant",  "|z| beyond 2^16", "neighbours"};

/* One row of x for op k (s_eff: the sign of z in x, -s for softmin). Random
 * entries keep |s x| <= 2^15, so that with the masks' |mask| <= 1e4, |z|
 * stays below 2^16 except in rows of kind 10. */
static void make_x_row(double *x, size_t cols, size_t live, double s_eff, int rk, unsigned long long *st)
{
    static const double spreads[] = {1, 10, 100, 1e4, 1e-3};
    static const double gaps[H_DTYPE_COUNT][3] = {{100, 80, 30}, {740, 700, 30}, {100, 80, 30}, {17, 12, 6}};
    const double cap = 0x1p15 / fabs(s_eff), inv = 1 / fabs(s_eff);
    double spread = rk < 5 ? spreads[rk] : rk == 5 || rk == 8 ? 10 : 1;
    spread = spread < cap ? spread : cap;
    if (rk == 9)
        spread = inv;
    for (size_t j = 0; j < cols; j++)
        x[j] = (uni(st) * 2 - 1) * spread;
    const size_t n = live ? live : cols, pos = pick(st, n), pos2 = n > 1 ? (pos + 1 + pick(st, n - 1)) % n : pos;
    const double pinf = s_eff > 0 ? INFINITY : -INFINITY;
    switch (rk) {
    case 5: x[pos] = NAN; break;
    case 6: x[pos] = pinf; break;
    case 7: x[pos] = x[pos2] = pinf; break;
    case 8: x[pos] = -pinf; break;
    case 9: x[pos] = (1 + gaps[dtype][pick(st, 3)]) / s_eff; break;
    case 10: x[pos] = (uni(st) < 0.5 ? -1e6 : 1e6) / s_eff; break;
    case 11: { /* a few neighbouring values of the dtype: z_hi ties broken by z_lo */
        const double c = in_dtype((uni(st) * 2 - 1) * (100 < cap ? 100 : cap));
        const double step = c == 0 ? 0x1p-20 : ldexp(fabs(c), 1 - format_of(dtype).precision);
        for (size_t j = 0; j < cols; j++)
            x[j] = c + (double)(j % 4) * step;
        break;
    }
    }
    for (size_t j = 0; j < cols; j++)
        x[j] = in_dtype(x[j]);
}

static void make_mask_row(double *m, size_t cols, size_t i, size_t live, int kind, unsigned long long *st)
{
    if (kind == MASK_FULL_ROWS)
        kind = i % 2 == 0 ? -1 : MASK_HALF_INF;
    const size_t keep = pick(st, live ? live : cols);
    for (size_t j = 0; j < cols; j++) {
        double v = 0;
        switch (kind) {
        case -1: v = -INFINITY; break;
        case MASK_ALIBI: v = -0.5 * fabs((double)i - (double)j); break;
        case MASK_HALF_1E4: v = uni(st) < 0.5 ? -1e4 : uni(st) * 2 - 1; break;
        case MASK_HALF_INF: v = uni(st) < 0.5 ? -INFINITY : (uni(st) - 0.5) / 2; break;
        case MASK_ALL_BUT_ONE: v = j == keep ? uni(st) * 2 - 1 : -INFINITY; break;
        case MASK_BROADCAST: v = j % 4 == 3 ? -INFINITY : -0.125 * (double)(cols - 1 - j); break;
        case MASK_HALF_1E9: v = uni(st) < 0.5 ? -1e9 : uni(st) * 2 - 1; break;
        case MASK_HALF_LOWEST: {
            static const double lowest[H_DTYPE_COUNT] = {-FLT_MAX, -DBL_MAX, -0x1.fep127, -65504};
            v = uni(st) < 0.5 ? lowest[dtype] : uni(st) * 2 - 1;
            break;
        }
        }
        m[j] = in_dtype(v);
    }
}

static double make_dy_value(unsigned long long *st)
{
    const double v = (uni(st) * 4 - 2) * pow(2.0, floor(uni(st) * 8) - 4);
    return in_dtype(v);
}

/* ---- one configuration of the sweep ------------------------------------------- */

typedef struct config {
    size_t rows, cols, ld;
    int scale_index, mask_kind, causal_kind, strided, in_place_fwd, in_place_bwd;
    unsigned long long seed;
    char desc[200];
} config;

static void describe(config *c)
{
    static const char *const ip_bwd[] = {"no", "dx = dy", "dx = y"};
    snprintf(c->desc, sizeof c->desc, "%zu x %zu, scale %.17g, mask %s, causal %s, ld %zu, in place %s/%s", c->rows,
             c->cols, scales[c->scale_index], mask_names[c->mask_kind], causal_names[c->causal_kind], c->ld,
             c->in_place_fwd ? "y = x" : "no", ip_bwd[c->in_place_bwd]);
}

static actfast_rows_opts opts_of(const config *c, const void *mask)
{
    actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT;
    o.scale = scales[c->scale_index];
    o.mask = mask;
    o.ldmask = c->mask_kind == MASK_BROADCAST ? 0 : c->ld;
    static const ptrdiff_t offsets[] = {0, 0, -1, -3, 2, 0, 0};
    o.causal = c->causal_kind != CAUSAL_OFF;
    o.causal_offset = offsets[c->causal_kind];
    if (c->causal_kind == CAUSAL_NONE_LIVE)
        o.causal_offset = -(ptrdiff_t)c->rows - 1;
    if (c->causal_kind == CAUSAL_KV)
        o.causal_offset = (ptrdiff_t)c->cols - (ptrdiff_t)c->rows;
    return o;
}

/* Runs op k on one configuration, both forms, and adds to the tallies. */
static void run_config(int k, const config *c)
{
    const size_t rows = c->rows, cols = c->cols, ld = c->ld, n = rows * cols;
    const double s = scales[c->scale_index], s_eff = ops[k] == ACTFAST_OP_SOFTMIN ? -s : s;
    unsigned long long st = c->seed * 7919 + (unsigned long long)k * 104729 + 1;
    actfast_rows_opts o = opts_of(c, NULL);
    size_t *live = malloc(rows * sizeof *live);
    for (size_t i = 0; i < rows; i++)
        live[i] = live_of(&o, i, cols);

    /* the logical values */
    double *xl = malloc(n * sizeof *xl), *dyl = malloc(n * sizeof *dyl), *yl = malloc(n * sizeof *yl);
    const size_t mrows = c->mask_kind == MASK_NONE ? 0 : c->mask_kind == MASK_BROADCAST ? 1 : rows;
    double *ml = mrows ? malloc(mrows * cols * sizeof *ml) : NULL;
    int *row_kind = malloc(rows * sizeof *row_kind);
    for (size_t i = 0; i < rows; i++) {
        row_kind[i] = (int)((c->seed * 5 + i) % ROW_KINDS);
        make_x_row(xl + i * cols, cols, live[i], s_eff, row_kind[i], &st);
        if (i < mrows)
            make_mask_row(ml + i * cols, cols, i, live[i], c->mask_kind, &st);
        for (size_t j = 0; j < cols; j++)
            dyl[i * cols + j] = make_dy_value(&st);
    }

    /* forward: the causal entries and the gaps of x are NaN (never read) */
    const size_t ldm = c->mask_kind == MASK_BROADCAST ? cols : ld;
    void *mask = mrows ? layout(ml, mrows, cols, ldm, NULL, 0, NAN) : NULL;
    void *mask0 = mask ? dup_elems(mask, mrows * ldm) : NULL;
    o.mask = mask;
    void *x = layout(xl, rows, cols, ld, live, NAN, NAN), *x0 = dup_elems(x, rows * ld);
    void *y = c->in_place_fwd ? x : new_elems(rows * ld), *y0 = dup_elems(y, rows * ld);
    n_status[k][0] += call(k, 0, 0, y == x ? y : x, ld, NULL, 0, y, ld, rows, cols, &o) != ACTFAST_OK;
    n_gaps[k][0] += gaps_changed(y, y0, rows, cols, ld);
    if (y != x)
        n_inputs[k][0] += memcmp(x, x0, rows * ld * esz) != 0;
    if (mask)
        n_inputs[k][0] += memcmp(mask, mask0, mrows * ldm * esz) != 0;
    /* out of place, the causal entries and the gaps of x finite: the same bits */
    void *xf = layout(xl, rows, cols, ld, live, 0.25, 0.75), *yf = new_elems(rows * ld);
    n_status[k][0] += call(k, 0, 0, xf, ld, NULL, 0, yf, ld, rows, cols, &o) != ACTFAST_OK;
    n_unread[k][0] += count_differ(y, ld, yf, ld, rows, cols);
    /* through actfast_apply_rows, and on scalar */
    void *yv = new_elems(rows * ld);
    n_status[k][0] += call(k, 0, 1, x0, ld, NULL, 0, yv, ld, rows, cols, &o) != ACTFAST_OK;
    n_via[k][0] += count_differ(y, ld, yv, ld, rows, cols);
    if (strcmp(isa, "scalar") != 0) {
        n_status[k][0] += call_scalar(k, 0, x0, ld, NULL, 0, yv, ld, rows, cols, &o) != ACTFAST_OK;
        n_scalar[k][0] += count_differ(y, ld, yv, ld, rows, cols);
    }

    mpfr_t zero;
    mpfr_init2(zero, 32);
    mpfr_set_zero(zero, 1);
    for (size_t i = 0; i < rows; i++) {
        const double *mrow = ml ? ml + (c->mask_kind == MASK_BROADCAST ? 0 : i * cols) : NULL;
        for (size_t j = 0; j < live[i]; j++)
            exact_z(zs[j], k, s, xl[i * cols + j], mrow ? mrow + j : NULL);
        double zmax;
        ref_forward_row(k, live[i], &zmax);
        tally *t = zmax > 0x1p16 ? &beyond[k] : &acc_fwd[k];
        for (size_t j = 0; j < cols; j++) {
            const double got = val(y, i * ld + j);
            double err;
            if (j < live[i]) {
                err = ulp_error(dtype, ys[j], zero, got, 1);
                yl[i * cols + j] = rounded(dtype, ys[j]);
            } else {
                err = got == masked_value(k) && !signbit(got) == !signbit(masked_value(k)) ? 0 : INFINITY;
                yl[i * cols + j] = NAN;
            }
            t->count++;
            if (t == &acc_fwd[k] && err > worst_by_scale[k][0][c->scale_index])
                worst_by_scale[k][0][c->scale_index] = err;
            if (worse(t, err)) {
                t->worst = err;
                const double z = j < live[i] ? mpfr_get_d(zs[j], MPFR_RNDN) : NAN;
                snprintf(t->guard_where, sizeof t->guard_where,
                         "[%s] row %zu (%s, live %zu) entry %zu: x=%.17g mask=%.17g z=%.17g: got %.17g, exact "
                         "%.17g%s",
                         c->desc, i, row_names[row_kind[i]], live[i], j, xl[i * cols + j], mrow ? mrow[j] : 0.0, z,
                         got, j < live[i] ? mpfr_get_d(ys[j], MPFR_RNDN) : masked_value(k),
                         j < live[i] ? "" : " (causally masked)");
            }
        }
    }

    /* backward from the correctly rounded y; y and dy NaN guard_where causal */
    void *yb = layout(yl, rows, cols, ld, live, NAN, NAN), *yb0 = dup_elems(yb, rows * ld);
    void *dy = layout(dyl, rows, cols, ld, live, NAN, NAN), *dy0 = dup_elems(dy, rows * ld);
    void *dx = c->in_place_bwd == 1 ? dy : c->in_place_bwd == 2 ? yb : new_elems(rows * ld);
    void *dx0 = dup_elems(dx, rows * ld);
    n_status[k][1] += call(k, 1, 0, yb, ld, dy, ld, dx, ld, rows, cols, &o) != ACTFAST_OK;
    n_gaps[k][1] += gaps_changed(dx, dx0, rows, cols, ld);
    if (dx != yb)
        n_inputs[k][1] += memcmp(yb, yb0, rows * ld * esz) != 0;
    if (dx != dy)
        n_inputs[k][1] += memcmp(dy, dy0, rows * ld * esz) != 0;
    void *yf2 = layout(yl, rows, cols, ld, live, 0.5, 0.75), *dyf = layout(dyl, rows, cols, ld, live, -2, 3);
    void *dxf = new_elems(rows * ld);
    n_status[k][1] += call(k, 1, 0, yf2, ld, dyf, ld, dxf, ld, rows, cols, &o) != ACTFAST_OK;
    n_unread[k][1] += count_differ(dx, ld, dxf, ld, rows, cols);
    void *dxv = new_elems(rows * ld);
    n_status[k][1] += call(k, 1, 1, yb0, ld, dy0, ld, dxv, ld, rows, cols, &o) != ACTFAST_OK;
    n_via[k][1] += count_differ(dx, ld, dxv, ld, rows, cols);
    if (strcmp(isa, "scalar") != 0) {
        n_status[k][1] += call_scalar(k, 1, yb0, ld, dy0, ld, dxv, ld, rows, cols, &o) != ACTFAST_OK;
        n_scalar[k][1] += count_differ(dx, ld, dxv, ld, rows, cols);
    }
    for (size_t i = 0; i < rows; i++) {
        ref_backward_row(k, s, yl + i * cols, dyl + i * cols, live[i]);
        for (size_t j = 0; j < cols; j++) {
            const double got = val(dx, i * ld + j);
            const double err = j < live[i] ? ulp_error(dtype, dxs[j], scs[j], got, 0) : got == 0 ? 0 : INFINITY;
            if (j < live[i] && mpfr_zero_p(dxs[j]) && got != 0 && !isnan(got)) {
                /* |got| in ulps of the terms, as if the exact value were a hair above 0 */
                mpfr_set_si_2exp(dtmp, 1, mpfr_get_emin() + 8, R);
                const double size = ulp_error(dtype, dtmp, scs[j], got, 0);
                zero_missed[k].count++;
                if (worse(&zero_missed[k], size)) {
                    zero_missed[k].worst = size;
                    snprintf(zero_missed[k].guard_where, sizeof zero_missed[k].guard_where,
                             "[%s] row %zu (%s, live %zu) entry %zu: y=%.17g dy=%.17g: got %.17g, exact 0 (terms %.3g)",
                             c->desc, i, row_names[row_kind[i]], live[i], j, yl[i * cols + j], dyl[i * cols + j], got,
                             mpfr_get_d(scs[j], MPFR_RNDN));
                }
            } else {
                acc_others[k].count++;
                if (err > worst_by_scale[k][1][c->scale_index])
                    worst_by_scale[k][1][c->scale_index] = err;
                if (worse(&acc_others[k], err)) {
                    acc_others[k].worst = err;
                    memcpy(worst_row_y[k], yl + i * cols, live[i] * sizeof(double));
                    memcpy(worst_row_dy[k], dyl + i * cols, live[i] * sizeof(double));
                    worst_row_s[k] = s;
                    worst_row_live[k] = live[i];
                    worst_row_j[k] = j;
                    snprintf(acc_others[k].guard_where, sizeof acc_others[k].guard_where,
                             "[%s] row %zu (%s, live %zu) entry %zu: y=%a dy=%a: got %a, exact %.17g (terms %.3g)%s",
                             c->desc, i, row_names[row_kind[i]], live[i], j, yl[i * cols + j], dyl[i * cols + j], got,
                             j < live[i] ? mpfr_get_d(dxs[j], MPFR_RNDN) : 0.0,
                             j < live[i] ? mpfr_get_d(scs[j], MPFR_RNDN) : 0.0, j < live[i] ? "" : " (causally masked)");
                }
            }
        }
    }

    mpfr_clear(zero);
    if (y != x)
        free(y);
    if (dx != dy && dx != yb)
        free(dx);
    void *frees[] = {x, x0, y0, xf, yf, yv, yb, yb0, dy, dy0, dx0, yf2, dyf, dxf, dxv, mask, mask0,
                     xl, dyl, yl, ml, live, row_kind};
    for (size_t i = 0; i < sizeof frees / sizeof frees[0]; i++)
        free(frees[i]);
}

static void sweep(void)
{
    static const size_t lengths[] = {1, 2, 7, 16, 17, 37, 64, 100, 257, 1000};
    const size_t variants = h_scaled(24, 1);
    unsigned long long index = 0;
    for (size_t li = 0; li < sizeof lengths / sizeof lengths[0]; li++)
        for (int si = 0; si < NSCALES; si++)
            for (size_t v = 0; v < variants; v++, index++) {
                const size_t cols = lengths[li];
                config c = {0};
                c.cols = cols;
                /* whole causal triangles up to 37 columns */
                c.rows = cols <= 37 ? (cols > 6 ? cols : 6) : cols <= 100 ? 5 : cols <= 257 ? 4 : 3;
                c.scale_index = si;
                /* every (mask, causal) pair once in MASK_KINDS x CAUSAL_KINDS configurations */
                c.mask_kind = (int)(index % MASK_KINDS);
                c.causal_kind = (int)((index + index / MASK_KINDS) % CAUSAL_KINDS);
                c.strided = index % 4 >= 2;
                c.ld = c.strided ? cols + 3 : cols;
                c.in_place_fwd = index % 3 == 1;
                c.in_place_bwd = (int)(index % 5 % 3);
                c.seed = index;
                describe(&c);
                for (int k = 0; k < NOPS; k++)
                    run_config(k, &c);
            }

    for (int k = 0; k < NOPS; k++) {
        for (int f = 0; f < NFORMS; f++) {
            const double bound = actfast_ulp_bound(ops[k], forms[f], dtype);
            const tally *t = f ? &acc_others[k] : &acc_fwd[k];
            /* the backward's exact zeros apart (the next verdict), so that a
             * bound exceeded elsewhere shows too */
            h_verdict(t->worst <= bound, "%s %s %s %s: max %.3g ulp (bound %g) over %zu results%s; worst at %s",
                      op_name(k), form_names[f], h_dtype_names[dtype], isa, t->worst, bound, t->count,
                      f ? " (but exact zeros)" : "", t->guard_where);
            if (f)
                h_verdict(zero_missed[k].count == 0,
                          "%s backward %s %s: exact zeros returned as 0: %zu nonzero (largest %.3g ulp of the "
                          "terms)%s%s",
                          op_name(k), h_dtype_names[dtype], isa, zero_missed[k].count, zero_missed[k].worst,
                          zero_missed[k].count ? ", worst at " : "", zero_missed[k].guard_where);
            char by_scale[400] = "";
            for (int si = 0; si < NSCALES; si++) {
                char part[48];
                snprintf(part, sizeof part, "%s%g: %.3g", si ? ", " : "", scales[si], worst_by_scale[k][f][si]);
                strncat(by_scale, part, sizeof by_scale - strlen(by_scale) - 1);
            }
            printf("     %s %s %s %s: max by scale: %s\n", op_name(k), form_names[f], h_dtype_names[dtype], isa,
                   by_scale);
            h_verdict(n_status[k][f] == 0 && n_gaps[k][f] == 0 && n_inputs[k][f] == 0,
                      "%s %s %s %s: every call OK (%zu not), output gaps untouched (%zu written), inputs kept "
                      "(%zu changed)",
                      op_name(k), form_names[f], h_dtype_names[dtype], isa, n_status[k][f], n_gaps[k][f],
                      n_inputs[k][f]);
            h_verdict(n_unread[k][f] == 0,
                      "%s %s %s %s: causal entries and gaps unread, in place = out of place: %zu entries differ",
                      op_name(k), form_names[f], h_dtype_names[dtype], isa, n_unread[k][f]);
            h_verdict(n_via[k][f] == 0, "%s %s %s %s: typed entry = actfast_apply_rows: %zu entries differ",
                      op_name(k), form_names[f], h_dtype_names[dtype], isa, n_via[k][f]);
            if (strcmp(isa, "scalar") != 0)
                h_verdict(n_scalar[k][f] == 0, "%s %s %s %s: %zu entries differ from scalar in some bit", op_name(k),
                          form_names[f], h_dtype_names[dtype], isa, n_scalar[k][f]);
        }
        if (getenv("ACTFAST_ROWS_EX_DUMP")) {
            printf("dump %s backward %s: scale %a, entry %zu of a row of %zu; y, dy:\n", op_name(k),
                   h_dtype_names[dtype], worst_row_s[k], worst_row_j[k], worst_row_live[k]);
            for (size_t j = 0; j < worst_row_live[k]; j++)
                printf("%a %a\n", worst_row_y[k][j], worst_row_dy[k][j]);
        }
        printf("info %s forward %s %s, rows with a finite |z| > 2^16 (not asserted): max %.3g ulp over %zu results%s%s\n",
               op_name(k), h_dtype_names[dtype], isa, beyond[k].worst, beyond[k].count,
               beyond[k].count ? "; worst at " : "", beyond[k].count ? beyond[k].guard_where : "");
    }
    h_verdict(inexact_z == 0, "%s: every z exact in the reference (%zu inexact)", h_dtype_names[dtype], inexact_z);
}

/* ---- special values, exactly ------------------------------------------------- */

/* Runs op k forward on one row of cols with opts o and checks every entry
 * against want (NaN: any NaN; others bit for bit, zeros with sign). */
static void expect_row(int k, const char *what, const double *x, const double *mask, size_t cols, double scale,
                       const double *want)
{
    void *xa = layout(x, 1, cols, cols, NULL, 0, 0), *ma = mask ? layout(mask, 1, cols, cols, NULL, 0, 0) : NULL;
    void *y = new_elems(cols);
    actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT;
    o.scale = scale;
    o.mask = ma;
    const actfast_status st = call(k, 0, 0, xa, cols, NULL, 0, y, cols, 1, cols, &o);
    size_t bad = st != ACTFAST_OK, at = 0;
    for (size_t j = 0; j < cols && st == ACTFAST_OK; j++) {
        const double got = val(y, j), w = in_dtype(want[j]);
        /* exact values bit for bit (zeros with their sign); -log 2 within 4 ulps */
        const int exact = isinf(w) || w == 0 || w == 1 || w == 0.5 || w == in_dtype(1.0 / 3);
        const int ok = isnan(w)  ? isnan(got)
                       : exact ? got == w && !signbit(got) == !signbit(w)
                               : fabs(got - w) <= fabs(w) * ldexp(1, 2 - format_of(dtype).precision);
        if (!ok && !bad++)
            at = j;
    }
    CHECK(bad == 0, "%s %s %s %s: status %d, entry %zu = %a, expected %a", op_name(k), h_dtype_names[dtype], isa,
          what, (int)st, at, val(y, at), in_dtype(want[at]));
    free(xa);
    free(ma);
    free(y);
}

static void test_specials(void)
{
    const double I = INFINITY, N = NAN;
    size_t failed_before = (size_t)atomic_load(&h_failed);
    for (int k = 0; k < NOPS; k++) {
        const int lg = is_log(k), mn = ops[k] == ACTFAST_OP_SOFTMIN;
        const double Z = lg ? -I : 0; /* a masked entry */
        /* -log(count) at +inf entries: -0 for one (test_ulp's record says so too) */
        const double half = lg ? -log(2.0) : 0.5, whole = lg ? -0.0 : 1;
        /* +inf in z: x = +inf (-inf for softmin or a negative scale) */
        const double pinf = mn ? -I : I;
        {
            const double x[] = {1, 2, 3, 4, 5}, m[] = {-I, -I, -I, -I, -I}, w[] = {Z, Z, Z, Z, Z};
            expect_row(k, "mask -inf everywhere", x, m, 5, 0.5, w);
            expect_row(k, "mask -inf everywhere, scale -3", x, m, 5, -3, w);
        }
        {
            const double x[] = {-I, -I, -I}, w[] = {Z, Z, Z}, wn[] = {N, N, N};
            if (!mn) {
                expect_row(k, "x all -inf, scale 2", x, NULL, 3, 2, w);
                expect_row(k, "x all -inf, scale 1 (opts)", x, NULL, 3, 1, w);
            } else {
                const double third[] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
                expect_row(k, "softmin of x all -inf: z all +inf", x, NULL, 3, 1, third);
            }
            const double xn[] = {-I, N, -I};
            expect_row(k, "x -inf and NaN", xn, NULL, 3, 2, wn);
        }
        {
            const double x[] = {1, 2, 3, 4}, m[] = {0, N, -I, 0}, w[] = {N, N, N, N};
            expect_row(k, "NaN in the mask", x, m, 4, 1, w);
            const double x2[] = {1, N, 3, 4}, m2[] = {0, -I, 0, 0};
            expect_row(k, "NaN x guard_where the mask is -inf", x2, m2, 4, 1, w);
        }
        {
            const double x[] = {pinf, 1, pinf, -3}, m[] = {-5, 0, 7, 0}, w[] = {half, Z, half, Z};
            expect_row(k, "two +inf z among finite mask", x, m, 4, 0.3, w);
            const double x1[] = {2, pinf, 1}, w1[] = {Z, whole, Z};
            expect_row(k, "one +inf z", x1, NULL, 3, 3, w1);
            const double xneg[] = {2, -pinf, 1}, wneg[] = {Z, whole, Z};
            expect_row(k, "+inf z from a negative scale", xneg, NULL, 3, -0.5, wneg);
            const double xm[] = {2, 5, 1}, mm[] = {0, I, -I}, wm[] = {Z, whole, Z};
            expect_row(k, "mask +inf", xm, mm, 3, 1, wm);
        }
        {
            const double x[] = {pinf, 1}, m[] = {-I, 0}, w[] = {N, N};
            expect_row(k, "+inf x s + -inf mask = NaN", x, m, 2, 1, w);
        }
        {
            const double x[] = {1e4, -1e4, 7}, m[] = {-I, 0, -I}, w[] = {Z, lg ? 0.0 : 1, Z};
            expect_row(k, "-inf but one", x, m, 3, 1, w);
        }
    }

    /* causal: masked entries exactly 0 / -inf (dx 0), whatever x, y, dy hold
     * there; offsets at the ends of ptrdiff_t */
    for (int k = 0; k < NOPS; k++) {
        const size_t rows = 5, cols = 6;
        const ptrdiff_t offsets[] = {PTRDIFF_MIN, -100, -6, -5, -1, 0, 3, 5, 6, 100, PTRDIFF_MAX};
        double xl[30], dyl[30];
        unsigned long long st = 99;
        for (size_t i = 0; i < rows * cols; i++) {
            xl[i] = in_dtype(uni(&st) * 8 - 4);
            dyl[i] = make_dy_value(&st);
        }
        for (size_t q = 0; q < sizeof offsets / sizeof offsets[0]; q++) {
            actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT;
            o.causal = 1;
            o.causal_offset = offsets[q];
            o.scale = q % 2 ? 1 : -0.375;
            size_t live[5];
            for (size_t i = 0; i < rows; i++)
                live[i] = live_of(&o, i, cols);
            void *x = layout(xl, rows, cols, cols, live, NAN, NAN), *y = new_elems(rows * cols);
            void *dy = layout(dyl, rows, cols, cols, live, NAN, NAN), *dx = new_elems(rows * cols);
            CHECK(call(k, 0, 0, x, cols, NULL, 0, y, cols, rows, cols, &o) == ACTFAST_OK, "causal forward");
            for (size_t i = 0; i < rows; i++)
                for (size_t j = live[i]; j < cols; j++)
                    h_set(dtype, y, i * cols + j, NAN); /* masked y: not read either */
            CHECK(call(k, 1, 0, y, cols, dy, cols, dx, cols, rows, cols, &o) == ACTFAST_OK, "causal backward");
            void *yy = new_elems(rows * cols);
            call(k, 0, 0, x, cols, NULL, 0, yy, cols, rows, cols, &o);
            size_t bad = 0, nan_live = 0;
            for (size_t i = 0; i < rows; i++)
                for (size_t j = 0; j < cols; j++) {
                    const double yv = val(yy, i * cols + j), dv = val(dx, i * cols + j);
                    if (j >= live[i])
                        bad += !(yv == masked_value(k) && !signbit(yv) == !signbit(masked_value(k))) || dv != 0;
                    else
                        nan_live += isnan(yv) || isnan(dv);
                }
            CHECK(bad == 0 && nan_live == 0,
                  "%s %s %s causal offset %td: %zu masked entries not exactly %g / dx 0, %zu live NaN", op_name(k),
                  h_dtype_names[dtype], isa, offsets[q], bad, masked_value(k), nan_live);
            free(x);
            free(y);
            free(yy);
            free(dy);
            free(dx);
        }
    }
    /* rows of -inf with the default options: 0 / -inf guard_where the plain op gives NaN */
    for (int k = 0; k < NOPS; k++) {
        const double x[] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY};
        const double w[] = {masked_value(k), masked_value(k), masked_value(k), masked_value(k)};
        if (ops[k] != ACTFAST_OP_SOFTMIN) {
            actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT;
            void *xa = layout(x, 1, 4, 4, NULL, 0, 0), *y = new_elems(4), *yp = new_elems(4);
            call(k, 0, 0, xa, 4, NULL, 0, y, 4, 1, 4, &o);
            plain_fwd[k][dtype](xa, yp, 1, 4);
            size_t bad = 0;
            for (int j = 0; j < 4; j++)
                bad += val(y, j) != w[j] || signbit(val(y, j)) != signbit(w[j]) || !isnan(val(yp, j));
            CHECK(bad == 0, "%s %s: a row of -inf is %g with the default options, NaN with the plain op", op_name(k),
                  h_dtype_names[dtype], w[0]);
            free(xa);
            free(y);
            free(yp);
        }
    }
    h_verdict((size_t)atomic_load(&h_failed) == failed_before,
              "%s %s: special values (fully masked, NaN, +inf, causal ends) exact", h_dtype_names[dtype], isa);
}

/* ---- bits: the plain functions, the default options, the causal prefix ---- */

/* x: rows of the harness's special pool, then random rows of a few spreads,
 * a row of -inf (the only difference the default options make) and a row of
 * -inf and NaN. */
static double *bits_inputs(size_t rows, size_t cols, unsigned seed)
{
    double *x = malloc(rows * cols * sizeof *x);
    unsigned long long st = seed;
    void *tmp = new_elems(cols);
    for (size_t i = 0; i < rows; i++) {
        h_fill(dtype, tmp, cols, seed + (unsigned)i);
        for (size_t j = 0; j < cols; j++) {
            const double spread = i % 3 == 1 ? 30 : 3;
            x[i * cols + j] = i == 0 ? val(tmp, j) : i == rows - 2 ? -INFINITY
                              : i == rows - 1                     ? (j == cols / 2 ? NAN : -INFINITY)
                                                                  : in_dtype((uni(&st) * 2 - 1) * spread);
        }
    }
    free(tmp);
    return x;
}

static void test_bits(void)
{
    static const size_t lengths[] = {1, 2, 3, 7, 16, 17, 37, 100, 385, 1000};
    size_t bad_null = 0, bad_default = 0, bad_causal = 0, bad_mask_bwd = 0, nan_bits = 0;
    char first_null[300] = "", first_default[300] = "", first_causal[300] = "";
    for (int k = 0; k < NOPS; k++)
        for (size_t li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
            const size_t cols = lengths[li], rows = 6, n = rows * cols, ld = cols + 3, ldo = cols + 1;
            double *xl = bits_inputs(rows, cols, (unsigned)(cols * 3 + (size_t)k));
            double *dyl = malloc(n * sizeof *dyl);
            unsigned long long st = cols;
            for (size_t i = 0; i < n; i++)
                dyl[i] = make_dy_value(&st);
            void *x = layout(xl, rows, cols, cols, NULL, 0, 0), *xs = layout(xl, rows, cols, ld, NULL, 0, NAN);
            void *dy = layout(dyl, rows, cols, cols, NULL, 0, 0), *dys = layout(dyl, rows, cols, ld, NULL, 0, NAN);
            void *yp = new_elems(n), *dxp = new_elems(n), *out = new_elems(rows * ldo);
            plain_fwd[k][dtype](x, yp, rows, cols);
            void *ystr = new_elems(rows * ld);
            for (size_t i = 0; i < rows; i++) /* y row by row, strided, for the backward */
                memcpy((char *)ystr + i * ld * esz, (char *)yp + i * cols * esz, cols * esz);
            plain_bwd[k][dtype](yp, dy, dxp, rows, cols);
            for (int b = 0; b < 2; b++) {
                const void *want = b ? dxp : yp;
                const void *in = b ? yp : x, *ins = b ? ystr : xs;
                for (int via = 0; via < 2; via++) {
                    /* o == NULL: contiguous, then strided (each row the plain row's bits) */
                    memset(out, SENTINEL, rows * ldo * esz);
                    call(k, b, via, in, cols, dy, cols, out, cols, rows, cols, NULL);
                    for (int strided = 0; strided < 2; strided++) {
                        if (strided) {
                            memset(out, SENTINEL, rows * ldo * esz);
                            call(k, b, via, ins, ld, dys, ld, out, ldo, rows, cols, NULL);
                        }
                        const size_t ldout = strided ? ldo : cols;
                        nan_bits += count_nan_bits(out, ldout, want, cols, rows, cols);
                        for (size_t i = 0; i < rows; i++)
                            for (size_t j = 0; j < cols; j++)
                                if (count_differ((char *)out + (i * ldout + j) * esz, 1,
                                                 (const char *)want + (i * cols + j) * esz, 1, 1, 1) &&
                                    !bad_null++)
                                    snprintf(first_null, sizeof first_null,
                                             "%s %s cols %zu via %d%s row %zu entry %zu (x=%g): o NULL %a, plain %a",
                                             op_name(k), form_names[b], cols, via, strided ? " strided" : "", i, j,
                                             xl[i * cols + j], val(out, i * ldout + j), val(want, i * cols + j));
                    }
                    /* the default options: the same bits, but rows of -inf */
                    actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT;
                    memset(out, SENTINEL, rows * ldo * esz);
                    call(k, b, via, ins, ld, dys, ld, out, ldo, rows, cols, &o);
                    for (size_t i = 0; i < rows; i++) {
                        int all_minf = !b;
                        for (size_t j = 0; j < cols; j++)
                            all_minf &= xl[i * cols + j] == (ops[k] == ACTFAST_OP_SOFTMIN ? INFINITY : -INFINITY);
                        if (!all_minf)
                            nan_bits += count_nan_bits((char *)out + i * ldo * esz, 0,
                                                       (const char *)want + i * cols * esz, 0, 1, cols);
                        for (size_t j = 0; j < cols; j++) {
                            const double got = val(out, i * ldo + j);
                            const int ok = all_minf ? got == masked_value(k) && !signbit(got) == !signbit(masked_value(k))
                                                    : count_differ((char *)out + (i * ldo + j) * esz, 1,
                                                                   (const char *)want + (i * cols + j) * esz, 1, 1,
                                                                   1) == 0;
                            if (!ok && !bad_default++)
                                snprintf(first_default, sizeof first_default,
                                         "%s %s cols %zu via %d row %zu entry %zu: default options %a, plain %a",
                                         op_name(k), form_names[b], cols, via, i, j, got, val(want, i * cols + j));
                        }
                    }
                }
            }
            /* the backward ignores a mask */
            {
                actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT, om = ACTFAST_ROWS_OPTS_DEFAULT;
                o.scale = om.scale = -0.7;
                om.mask = xs;
                om.ldmask = ld;
                void *out2 = new_elems(rows * ldo);
                call(k, 1, 0, ystr, ld, dys, ld, out, ldo, rows, cols, &o);
                call(k, 1, 0, ystr, ld, dys, ld, out2, ldo, rows, cols, &om);
                bad_mask_bwd += count_differ(out, ldo, out2, ldo, rows, cols);
                free(out2);
            }
            /* a causal mask alone: the live prefix is the plain op's on it */
            for (ptrdiff_t off = -2; off <= 1; off++) {
                actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT;
                o.causal = 1;
                o.causal_offset = off * (ptrdiff_t)(cols / 4 + 1);
                memset(out, SENTINEL, rows * ldo * esz);
                call(k, 0, 0, xs, ld, NULL, 0, out, ldo, rows, cols, &o);
                void *pre = new_elems(cols);
                for (size_t i = 0; i < rows; i++) {
                    const size_t live = live_of(&o, i, cols);
                    int all_minf = 1;
                    for (size_t j = 0; j < live; j++)
                        all_minf &= xl[i * cols + j] == (ops[k] == ACTFAST_OP_SOFTMIN ? INFINITY : -INFINITY);
                    if (live == 0 || all_minf)
                        continue; /* fully masked: the specials' test */
                    plain_fwd[k][dtype]((const char *)x + i * cols * esz, pre, 1, live);
                    nan_bits += count_nan_bits((char *)out + i * ldo * esz, 0, pre, 0, 1, live);
                    if (count_differ((char *)out + i * ldo * esz, 0, pre, 0, 1, live) != 0 && !bad_causal++)
                        snprintf(first_causal, sizeof first_causal, "%s cols %zu causal offset %td row %zu: prefix of %zu differs",
                                 op_name(k), cols, o.causal_offset, i, live);
                }
                free(pre);
            }
            void *frees[] = {xl, dyl, x, xs, dy, dys, yp, dxp, out, ystr};
            for (size_t i = 0; i < sizeof frees / sizeof frees[0]; i++)
                free(frees[i]);
        }
    h_verdict(bad_null == 0, "%s %s: o == NULL gives the plain functions' bits, contiguous and strided (%zu cases off)%s%s",
              h_dtype_names[dtype], isa, bad_null, bad_null ? ": " : "", bad_null ? first_null : "");
    h_verdict(bad_default == 0,
              "%s %s: the default options give the plain bits but 0 / -inf for rows of -inf (%zu entries off)%s%s",
              h_dtype_names[dtype], isa, bad_default, bad_default ? ": " : "", bad_default ? first_default : "");
    h_verdict(bad_causal == 0, "%s %s: a causal mask alone gives the plain op of the live prefix (%zu rows off)%s%s",
              h_dtype_names[dtype], isa, bad_causal, bad_causal ? ": " : "", bad_causal ? first_causal : "");
    h_verdict(bad_mask_bwd == 0, "%s %s: the backward ignores the mask (%zu entries differ)", h_dtype_names[dtype],
              isa, bad_mask_bwd);
    printf("info %s %s: NaN results of other bits (sign, payload) than the plain op's (not asserted: every NaN "
           "alike): %zu\n",
           h_dtype_names[dtype], isa, nan_bits);
}

/* ---- guard pages ---------------------------------------------------------------- */

typedef struct slot {
    unsigned char *rw, *backup;
    size_t len;
} slot;

static slot slot_new(size_t bytes)
{
    slot s;
    s.rw = guarded_new(bytes, &s.len);
    s.backup = malloc(s.len);
    return s;
}


enum { SLOT_IN, SLOT_DY, SLOT_MASK, SLOT_OUT, SLOTS };
static slot slots[SLOTS];

/* The array of span elements in slot s: flush against the upper guard, or
 * right after the lower one. */
static unsigned char *place(int s, int at_end, size_t span)
{
    return at_end ? slots[s].rw + slots[s].len - span * esz : slots[s].rw;
}

static size_t span_of(size_t rows, size_t cols, size_t ld) { return rows ? (rows - 1) * ld + cols : 0; }

/* Copies rows x cols of a plain rows x ld array into p (gaps as they are). */
static void put_rows(unsigned char *p, const void *src, size_t rows, size_t cols, size_t ld)
{
    for (size_t i = 0; i < rows; i++)
        memcpy(p + i * ld * esz, (const char *)src + i * ld * esz, cols * esz);
}

static void test_guard(void)
{
    static const size_t col_list[] = {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100};
    size_t bad_bits = 0, bad_bytes = 0, bad_status = 0, calls = 0;
    char first[sizeof guard_where + 100] = "";
    for (int k = 0; k < NOPS; k++)
        for (size_t ci = 0; ci < sizeof col_list / sizeof col_list[0]; ci++)
            for (size_t rows = 1; rows <= 3; rows += 2)
                for (int variant = 0; variant < 4; variant++) {
                    const size_t cols = col_list[ci], n = rows * cols;
                    const size_t ldx = cols + (size_t)(variant % 3 == 0 ? 0 : variant == 1 ? 1 : 3);
                    const size_t ldy = cols + (size_t)(variant == 2 ? 0 : variant == 3 ? 1 : 3);
                    const size_t lddy = cols + (size_t)(variant == 1 ? 0 : 2), ldm = variant == 2 ? 0 : cols + 1;
                    unsigned long long st = cols * 17 + rows + (size_t)variant * 3 + (size_t)k;
                    double *xl = malloc(n * sizeof *xl), *ml = malloc(n * sizeof *ml), *dyl = malloc(n * sizeof *dyl);
                    for (size_t i = 0; i < n; i++) {
                        xl[i] = in_dtype(uni(&st) * 20 - 10);
                        ml[i] = in_dtype(uni(&st) < 0.3 ? -INFINITY : -uni(&st) * 3);
                        dyl[i] = make_dy_value(&st);
                    }
                    actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT;
                    const actfast_rows_opts *op = &o;
                    if (variant == 0)
                        op = NULL;
                    if (variant >= 1)
                        o.scale = variant == 3 ? 1 : -0.3;
                    if (variant == 1 || variant == 2) {
                        o.mask = (void *)1; /* placed below */
                        o.ldmask = ldm;
                    }
                    if (variant >= 2) {
                        o.causal = 1;
                        o.causal_offset = variant == 2 ? 0 : (ptrdiff_t)cols / 2 - 1;
                    }
                    const size_t mrows = ldm == 0 ? 1 : rows;
                    /* the plain buffers and the reference results */
                    void *xp = layout(xl, rows, cols, ldx, NULL, 0, NAN), *mp = layout(ml, mrows, cols, ldm ? ldm : cols, NULL, 0, NAN);
                    void *dyp = layout(dyl, rows, cols, lddy, NULL, 0, NAN);
                    void *yref = new_elems(rows * ldy), *dxref = new_elems(rows * ldy);
                    if (o.mask)
                        o.mask = mp;
                    call(k, 0, 0, xp, ldx, NULL, 0, yref, ldy, rows, cols, op);
                    /* the backward's y: yref laid out at ldx (as saved in place) */
                    void *yb = new_elems(rows * ldx);
                    for (size_t i = 0; i < rows; i++)
                        memcpy((char *)yb + i * ldx * esz, (char *)yref + i * ldy * esz, cols * esz);
                    call(k, 1, 0, yb, ldx, dyp, lddy, dxref, ldy, rows, cols, op);
                    for (int b = 0; b < 2; b++)
                        for (int alias = 0; alias < (b ? 3 : 2); alias++)
                            for (int at_end = 0; at_end < 2; at_end++) {
                                /* alias: forward 1 y = x; backward 1 dx = dy, 2 dx = y (ld of the input) */
                                const size_t ld_in = ldx, ld_out = alias == 0 ? ldy : alias == 1 && b ? lddy : ldx;
                                for (int s = 0; s < SLOTS; s++)
                                    memset(slots[s].rw, SENTINEL, slots[s].len);
                                unsigned char *in = place(SLOT_IN, at_end, span_of(rows, cols, ld_in));
                                unsigned char *d = place(SLOT_DY, at_end, span_of(rows, cols, lddy));
                                unsigned char *m = place(SLOT_MASK, at_end, span_of(mrows, cols, ldm ? ldm : cols));
                                put_rows(in, b ? yb : xp, rows, cols, ld_in);
                                put_rows(d, dyp, rows, cols, lddy);
                                put_rows(m, mp, mrows, cols, ldm ? ldm : cols);
                                unsigned char *out = alias == 0 ? place(SLOT_OUT, at_end, span_of(rows, cols, ld_out))
                                                     : alias == 1 && b ? d
                                                                       : in;
                                actfast_rows_opts oo = o;
                                if (oo.mask)
                                    oo.mask = m;
                                for (int s = 0; s < SLOTS; s++)
                                    memcpy(slots[s].backup, slots[s].rw, slots[s].len);
                                snprintf(guard_where, sizeof guard_where, "%s %s %s %zu x %zu variant %d alias %d %s",
                                         op_name(k), form_names[b], h_dtype_names[dtype], rows, cols, variant, alias,
                                         at_end ? "at the upper guard" : "after the lower guard");
                                const actfast_status status =
                                    call(k, b, 0, in, ld_in, d, lddy, out, ld_out, rows, cols, op ? &oo : NULL);
                                calls++;
                                bad_status += status != ACTFAST_OK;
                                const void *want = b ? dxref : yref;
                                const size_t dif = count_differ(out, ld_out, want, ldy, rows, cols);
                                /* every byte but the output's entries as before */
                                int slot_of_out = alias == 0 ? SLOT_OUT : alias == 1 && b ? SLOT_DY : SLOT_IN;
                                size_t bytes_bad = 0;
                                for (int s = 0; s < SLOTS; s++) {
                                    for (size_t at = 0; at < slots[s].len; at++) {
                                        if (slots[s].rw[at] == slots[s].backup[at])
                                            continue;
                                        int inside = 0;
                                        if (s == slot_of_out && slots[s].rw + at >= out) {
                                            const size_t e = (size_t)(slots[s].rw + at - out) / esz;
                                            inside = e / ld_out < rows && e % ld_out < cols;
                                        }
                                        bytes_bad += !inside;
                                    }
                                }
                                bad_bits += dif != 0;
                                bad_bytes += bytes_bad != 0;
                                if ((dif || bytes_bad || status != ACTFAST_OK) && !first[0])
                                    snprintf(first, sizeof first, "%s: status %d, %zu entries differ, %zu bytes written outside",
                                             guard_where, (int)status, dif, bytes_bad);
                            }
                    void *frees[] = {xl, ml, dyl, xp, mp, dyp, yref, dxref, yb};
                    for (size_t i = 0; i < sizeof frees / sizeof frees[0]; i++)
                        free(frees[i]);
                }
    h_verdict(bad_status == 0 && bad_bits == 0 && bad_bytes == 0,
              "%s %s: guard pages, %zu calls (strided, masked, causal, in place, at both guards): %zu statuses, %zu "
              "results off, %zu writes outside the outputs' entries%s%s",
              h_dtype_names[dtype], isa, calls, bad_status, bad_bits, bad_bytes, first[0] ? "; first: " : "", first);
}

/* ---- bad input --------------------------------------------------------------------- */

static size_t bad_checks, bad_fails;
static char bad_first[300];

/* A failing call: its status, and out (out_elems) unchanged. */
static void expect_status(const char *what, actfast_status want, actfast_status got, const void *out, const void *before,
                          size_t out_elems)
{
    const int kept = out == NULL || memcmp(out, before, out_elems * esz) == 0;
    bad_checks++;
    if ((got != want || !kept) && !bad_fails++)
        snprintf(bad_first, sizeof bad_first, "%s: status %d (%s), expected %d (%s)%s", what, (int)got,
                 actfast_status_string(got), (int)want, actfast_status_string(want),
                 kept ? "" : ", and it wrote the output");
}

static void test_bad_input(void)
{
    enum { ROWS = 3, COLS = 5, LD = 5, N = 64 };
    for (int k = 0; k < NOPS; k++)
        for (int via = 0; via < 2; via++)
            for (int b = 0; b < 2; b++) {
                char what[200];
                unsigned char *in = new_elems(N), *dy = new_elems(N), *mask = new_elems(N), *out = new_elems(N);
                for (size_t i = 0; i < N; i++) {
                    h_set(dtype, in, i, b ? 0.1 : (double)(i % 7));
                    h_set(dtype, dy, i, 0.5);
                    h_set(dtype, mask, i, -(double)(i % 3));
                }
                void *saved = dup_elems(out, N), *saved_in = dup_elems(in, N), *saved_dy = dup_elems(dy, N);
                actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT;
#define BAD(want, desc, i_, ldi, d_, ldd, o_, ldo, r_, c_, opts, watch)                                              \
    do {                                                                                                          \
        snprintf(what, sizeof what, "%s %s via %d: %s", op_name(k), form_names[b], via, desc);                    \
        void *w_before = (watch) ? dup_elems(watch, N) : NULL;                                                    \
        const actfast_status s_ = call(k, b, via, i_, ldi, d_, ldd, o_, ldo, r_, c_, opts);                       \
        expect_status(what, want, s_, watch, w_before, N);                                                        \
        free(w_before);                                                                                           \
    } while (0)
                /* the scale */
                const double bad_scales[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0, 0x1p-17, -0x1p-17, 0x1p17,
                                             nextafter(0x1p16, 1e300), -nextafter(0x1p16, 1e300),
                                             nextafter(0x1p-16, 0), 1e300, -1e-300};
                for (size_t q = 0; q < sizeof bad_scales / sizeof bad_scales[0]; q++) {
                    o.scale = bad_scales[q];
                    char desc[64];
                    snprintf(desc, sizeof desc, "scale %a", bad_scales[q]);
                    BAD(ACTFAST_ERR_INVALID_PARAMETER, desc, in, LD, dy, LD, out, LD, ROWS, COLS, &o, out);
                }
                const double good_scales[] = {0x1p-16, -0x1p-16, 0x1p16, -0x1p16, 1, -1};
                for (size_t q = 0; q < sizeof good_scales / sizeof good_scales[0]; q++) {
                    o.scale = good_scales[q];
                    bad_checks++;
                    if (call(k, b, via, in, LD, dy, LD, out, LD, ROWS, COLS, &o) != ACTFAST_OK && !bad_fails++)
                        snprintf(bad_first, sizeof bad_first, "%s %s: scale %a refused", op_name(k), form_names[b],
                                 good_scales[q]);
                }
                memcpy(out, saved, N * esz);
                o.scale = 0.5;
                /* shapes and leading dimensions */
                BAD(ACTFAST_ERR_INVALID_PARAMETER, "rows 3, cols 0, o NULL", in, LD, dy, LD, out, LD, ROWS, 0, NULL, out);
                BAD(ACTFAST_ERR_INVALID_PARAMETER, "rows 3, cols 0", in, LD, dy, LD, out, LD, ROWS, 0, &o, out);
                BAD(ACTFAST_ERR_INVALID_ARGUMENT, "ld in < cols", in, COLS - 1, dy, LD, out, LD, ROWS, COLS, &o, out);
                BAD(ACTFAST_ERR_INVALID_ARGUMENT, "ld out < cols", in, LD, dy, LD, out, COLS - 1, ROWS, COLS, &o, out);
                BAD(ACTFAST_ERR_INVALID_ARGUMENT, "ld in 0", in, 0, dy, LD, out, LD, ROWS, COLS, &o, out);
                BAD(ACTFAST_ERR_INVALID_ARGUMENT, "ld out < cols, o NULL", in, LD, dy, LD, out, 1, ROWS, COLS, NULL,
                    out);
                if (b) {
                    BAD(ACTFAST_ERR_INVALID_ARGUMENT, "lddy < cols", in, LD, dy, COLS - 1, out, LD, ROWS, COLS, &o, out);
                    BAD(ACTFAST_ERR_NULL_POINTER, "dy NULL", in, LD, NULL, LD, out, LD, ROWS, COLS, &o, out);
                } else {
                    o.mask = mask;
                    o.ldmask = COLS - 1;
                    BAD(ACTFAST_ERR_INVALID_ARGUMENT, "ldmask < cols", in, LD, dy, LD, out, LD, ROWS, COLS, &o, out);
                    o.ldmask = 0;
                    bad_checks++;
                    if (call(k, b, via, in, LD, dy, LD, out, LD, ROWS, COLS, &o) != ACTFAST_OK && !bad_fails++)
                        snprintf(bad_first, sizeof bad_first, "%s: ldmask 0 refused", op_name(k));
                    memcpy(out, saved, N * esz);
                    /* the mask overlapping y at all */
                    o.ldmask = LD;
                    BAD(ACTFAST_ERR_OVERLAP, "y = mask", in, LD, dy, LD, mask, LD, ROWS, COLS, &o, mask);
                    BAD(ACTFAST_ERR_OVERLAP, "y = mask + 2", in, LD, dy, LD, mask + 2 * esz, LD, ROWS, COLS, &o, mask);
                    BAD(ACTFAST_ERR_OVERLAP, "mask = y + 11 (inside y)", in, LD, dy, LD, mask, LD, ROWS, COLS,
                        (&(actfast_rows_opts){0.5, mask + 11 * esz, LD, 0, 0}), mask);
                    BAD(ACTFAST_ERR_OVERLAP, "broadcast mask inside y's last row", in, LD, dy, LD, mask, LD, ROWS,
                        COLS, (&(actfast_rows_opts){0.5, mask + 10 * esz, 0, 0, 0}), mask);
                    BAD(ACTFAST_ERR_OVERLAP, "mask = x = y", mask, LD, dy, LD, mask, LD, ROWS, COLS, &o, mask);
                    o.mask = NULL;
                    o.ldmask = 0;
                }
                /* NULL arrays */
                BAD(ACTFAST_ERR_NULL_POINTER, "in NULL", NULL, LD, dy, LD, out, LD, ROWS, COLS, &o, out);
                BAD(ACTFAST_ERR_NULL_POINTER, "out NULL", in, LD, dy, LD, NULL, LD, ROWS, COLS, &o, in);
                BAD(ACTFAST_ERR_NULL_POINTER, "in NULL, o NULL", NULL, LD, dy, LD, out, LD, ROWS, COLS, NULL, out);
                BAD(ACTFAST_OK, "rows 0, NULL arrays", NULL, 0, NULL, 0, NULL, 0, 0, COLS, &o, NULL);
                BAD(ACTFAST_OK, "rows 0, cols 0, NULL arrays", NULL, 0, NULL, 0, NULL, 0, 0, 0, &o, NULL);
                /* overlaps of the output with its inputs */
                BAD(ACTFAST_ERR_OVERLAP, "out = in + 1", in, LD, dy, LD, in + esz, LD, ROWS, COLS, &o, in);
                BAD(ACTFAST_ERR_OVERLAP, "out = in - 1", in + esz, LD, dy, LD, in, LD, ROWS, COLS, &o, in);
                BAD(ACTFAST_ERR_OVERLAP, "out = in, ld out = ld in + 1", in, LD, dy, LD, in, LD + 1, ROWS, COLS, &o,
                    in);
                BAD(ACTFAST_ERR_OVERLAP, "out = in + ld (the next row)", in, LD, dy, LD, in + LD * esz, LD, ROWS, COLS,
                    &o, in);
                if (b) {
                    BAD(ACTFAST_ERR_OVERLAP, "dx = dy + 1", in, LD, dy, LD, dy + esz, LD, ROWS, COLS, &o, dy);
                    BAD(ACTFAST_ERR_OVERLAP, "dx = dy, lddx = lddy + 2", in, LD, dy, LD, dy, LD + 2, ROWS, COLS, &o,
                        dy);
                    BAD(ACTFAST_ERR_OVERLAP, "dx = dy - 3", in, LD, dy + 3 * esz, LD, dy, LD, ROWS, COLS, &o, dy);
                }
                /* sizes */
                BAD(ACTFAST_ERR_SIZE_OVERFLOW, "rows x cols overflows", in, LD, dy, LD, out, LD, SIZE_MAX / 4, 8, &o,
                    out);
                BAD(ACTFAST_ERR_SIZE_OVERFLOW, "rows x cols overflows, o NULL", in, SIZE_MAX / 2, dy, SIZE_MAX / 2,
                    out, SIZE_MAX / 2, SIZE_MAX / 2 + 2, 2, NULL, out);
                {
                    /* rows x cols fits, the span rows x ld does not: any error, nothing written */
                    snprintf(what, sizeof what, "%s %s via %d: span (rows - 1) ld overflows", op_name(k), form_names[b],
                             via);
                    const actfast_status s_ = call(k, b, via, in, SIZE_MAX / 8, dy, SIZE_MAX / 8, out, SIZE_MAX / 8,
                                                   1024, 2, &o);
                    bad_checks++;
                    if ((s_ == ACTFAST_OK || memcmp(out, saved, N * esz) != 0) && !bad_fails++)
                        snprintf(bad_first, sizeof bad_first, "%s: status %d", what, (int)s_);
                }
                /* nothing of the inputs changed by the failing calls */
                bad_checks++;
                if ((memcmp(in, saved_in, N * esz) != 0 || memcmp(dy, saved_dy, N * esz) != 0) && !bad_fails++)
                    snprintf(bad_first, sizeof bad_first, "%s %s via %d: an input changed", op_name(k), form_names[b],
                             via);
#undef BAD
                free(in);
                free(dy);
                free(mask);
                free(out);
                free(saved);
                free(saved_in);
                free(saved_dy);
            }
    /* the generic entry: ops that are not row-wise, forms other than the two */
    {
        unsigned char *in = new_elems(16), *dy = new_elems(16), *out = new_elems(16);
        void *saved = dup_elems(out, 16);
        for (size_t i = 0; i < 16; i++) {
            h_set(dtype, in, i, 0.25 * (double)i);
            h_set(dtype, dy, i, 1);
        }
        const actfast_op bad_ops[] = {ACTFAST_OP_SIGMOID, ACTFAST_OP_RELU, ACTFAST_OP_GLU, ACTFAST_OP_PRELU,
                                      ACTFAST_OP_COUNT, (actfast_op)-1};
        for (size_t q = 0; q < sizeof bad_ops / sizeof bad_ops[0]; q++) {
            char what[100];
            snprintf(what, sizeof what, "apply_rows op %d", (int)bad_ops[q]);
            expect_status(what, ACTFAST_ERR_INVALID_ARGUMENT,
                          actfast_apply_rows(bad_ops[q], ACTFAST_FORWARD, dtype, in, 4, dy, 4, out, 4, 4, 4, NULL), out,
                          saved, 16);
        }
        const actfast_form bad_forms[] = {ACTFAST_GRAD, ACTFAST_BACKWARD, ACTFAST_FORM_COUNT, (actfast_form)-1};
        for (int k = 0; k < NOPS; k++)
            for (size_t q = 0; q < sizeof bad_forms / sizeof bad_forms[0]; q++) {
                char what[100];
                snprintf(what, sizeof what, "apply_rows %s form %d", op_name(k), (int)bad_forms[q]);
                expect_status(what, ACTFAST_ERR_INVALID_ARGUMENT,
                              actfast_apply_rows(ops[k], bad_forms[q], dtype, in, 4, dy, 4, out, 4, 4, 4, NULL), out,
                              saved, 16);
            }
        free(in);
        free(dy);
        free(out);
        free(saved);
    }
    h_verdict(bad_fails == 0, "%s %s: bad input, %zu checks: every status as the contract says, nothing written%s%s",
              h_dtype_names[dtype], isa, bad_checks, bad_fails ? "; first wrong: " : "", bad_first);
}

/* ---- main ---------------------------------------------------------------- */

int main(int argc, char **argv)
{
    int dt = H_DTYPE_COUNT;
    for (int i = 0; argc == 3 && i < H_DTYPE_COUNT; i++)
        if (strcmp(argv[2], h_dtype_names[i]) == 0)
            dt = i;
    if (dt == H_DTYPE_COUNT) {
        fprintf(stderr, "usage: %s <isa> <f32|f64|bf16|f16>\n", argv[0]);
        return 2;
    }
    dtype = (actfast_dtype)dt;
    esz = h_size(dtype);
    isa = h_use_isa(argc, argv);
    ref_init();
    for (int si = 0; si < NSCALES; si++)
        scales[si] = si == 2 ? 1 / sqrt(96.0) : scale_list[si];
    for (int j = 0; j < MAXC; j++) {
        mpfr_init2(zs[j], ZPREC);
        mpfr_inits2(REF_PREC, ys[j], dxs[j], scs[j], (mpfr_ptr)0);
    }
    mpfr_init2(dtmp, DPREC);
    mpfr_inits2(REF_PREC, rest, one_plus, (mpfr_ptr)0);

    /* the guard pages' slots, and the fault handler */
    for (int s = 0; s < SLOTS; s++)
        slots[s] = slot_new(3 * 103 * sizeof(double) + 4096);
    guard_install_handler();

    test_bad_input();
    test_specials();
    test_bits();
    test_guard();
    sweep();

    for (int j = 0; j < MAXC; j++)
        mpfr_clears(zs[j], ys[j], dxs[j], scs[j], (mpfr_ptr)0);
    mpfr_clears(dtmp, rest, one_plus, (mpfr_ptr)0);
    mpfr_free_cache();
    return h_finish();
}
