/* The 16-bit arrays (bf16, f16): each call staged through float a block at
 * a time, so that the halves cross memory once and the float kernels run on
 * blocks that stay in L1: widen (exact), the float kernel, narrow (rounded to
 * nearest even).
 *
 * Correct rounding of forward and f'. The float result r is within 3 float
 * ulps of the exact value (src/ops.def), and a half has 16 (bf16) or 13
 * (normal f16) bits fewer: r rounds to the half that the exact value rounds
 * to unless a tie of the half format lies between the two. narrow flags the
 * results within the float form's error bound of a tie (tie_ulps_of,
 * kernels/vec/half_bits.h): about 9 in 2^16 of bf16 results and 9 in 2^13 of
 * f16 ones for a bound of 3 ulps. Those are computed
 * again by the same ISA's double kernel, whose error (a few 2^-53) is far
 * below the distance of any of these exact values to a tie, and rounded from
 * double to the half directly. The backward forms are rounded once more
 * from float, within 1 ULP of the half (actfast_ulp_bound).
 *
 * Same bits on every ISA: the float and double kernels give the same bits on
 * every ISA, and so do widen and narrow (half_bits.h).
 *
 * The elementwise ops whose float kernels are the float bodies have kernels
 * over the 16-bit arrays themselves (af_half_kernel, kernels/half.h): the
 * same widening, body and rounding per vector, with no float arrays between
 * them, and the ties noted as bits; they run a chunk at a time
 * (half_direct_run), and only the few flagged x are widened here to be
 * settled. The others (the wide ones of kernels/wide.h, the row-wise and
 * gated ones) are staged. Once a staged elementwise forward or f' has run
 * long enough, its results for all 65,536 inputs are kept and looked up
 * (src/half_table.c). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api_internal.h"
#include "vec/half_bits.h"

/* Elements staged at a time (x, dy, y as floats: 6 KiB of stack; blocks of
 * 256 cost relu's 16-bit forward 25% more in calls), and the doubles that
 * settle the near ties (6 KiB): AF_HALF_TIES of them at a time elementwise,
 * or a row of up to AF_HALF_ROW twice (x and y). Longer rows are staged one
 * by one in memory allocated for the call. */
enum { AF_HALF_BLOCK = 512, AF_HALF_TIES = 256, AF_HALF_ROW = 3 * AF_HALF_TIES / 2 };
/* Elements per call of a 16-bit kernel (half_direct_run: 16 KiB of stack
 * with what settles its ties). */
enum { AF_HALF_CHUNK = 1024 };

/* 2^e as a double, for e in [-1022, 1023], from its bits. */
static double power_of_two(int e)
{
    const uint64_t bits = (uint64_t)(e + 1023) << 52;
    double p;
    memcpy(&p, &bits, sizeof p);
    return p;
}

/* v (finite) rounded to nearest even to a multiple of the last place of
 * the half format at v's magnitude (a subnormal half's below 2^min): with
 * c = 1.5 2^(place + 52), whose ulp is 2^place, v + c rounds to that
 * multiple and - c is exact (|v| < 2^(place + 51)); in the default mode that
 * every call runs in; *unit = 2^place. Far past the halves' range (2^200)
 * v is returned as it is, an inf once in float. Plain double operations,
 * no libm calls: the ties of some ops are many (rrelu of bf16 x: 4%). */
static double half_rounded(double v, int format, double *unit)
{
    const int digits = format == AF_HALF_BF16 ? 8 : 11, min_exponent = format == AF_HALF_BF16 ? -126 : -14;
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    const int exponent = (int)(bits >> 52 & 0x7FF) - 1023;
    *unit = 0;
    if (exponent > 200)
        return v;
    const int place = (exponent < min_exponent ? min_exponent : exponent) - (digits - 1);
    const double c = 1.5 * power_of_two(place + 52);
    *unit = power_of_two(place);
    return copysign((v + c) - c, v); /* -0 for a negative v that rounds to 0 */
}

/* v rounded to nearest even to the half format, once (a power of 2 past the
 * format, which overflows to inf). */
static uint16_t double_to_half(double v, int format)
{
    double unit;
    if (isfinite(v) && v != 0)
        v = half_rounded(v, format, &unit);
    const float f = (float)v; /* exact: a half, or inf */
    return format == AF_HALF_BF16 ? af_float_to_bf16(f) : af_float_to_f16(f);
}

/* v lies on a tie of the half format to double's precision (4 ulps): its
 * distance to the nearest half is half the unit. */
static int double_on_tie(double v, int format)
{
    if (!isfinite(v) || v == 0)
        return 0;
    double unit;
    const double distance = fabs(v - half_rounded(v, format, &unit));
    return unit != 0 && fabs(0.5 * unit - distance) <= 0x1p-50 * fabs(v);
}

/* log_softmax's y_i = (z_i - m) - L where its double y lies on a tie t of
 * the half format: double rounds (z_i - m) - L to t when it lies within
 * half a double ulp of it, and the side is lost: bf16 {0.125, -58.5} has
 * y_1 = -58.625 - 3.5e-26, the tie -58.625 in double. The side is the sign
 * of ((z_i - m) - t) - L, with z_i - m a double word from z's words (z_lo
 * NULL: z exact; or words of z - m itself, whose maximum is 0) and L = -y at
 * the row's maximum; the result is t moved one double ulp to that side
 * (undecided within 2^-50 of the terms: y as it is). */
static double log_softmax_off_tie(const double *y, const double *z_hi, const double *z_lo, size_t live, size_t i,
                                  int format)
{
    if (!double_on_tie(y[i], format))
        return y[i];
    size_t top = 0;
    for (size_t k = 1; k < live; k++) {
        const double lo_k = z_lo ? z_lo[k] : 0, lo_top = z_lo ? z_lo[top] : 0;
        if (z_hi[k] > z_hi[top] || (z_hi[k] == z_hi[top] && lo_k > lo_top))
            top = k;
    }
    double unit;
    const double nearest = half_rounded(y[i], format, &unit);
    const double t = nearest + copysign(0.5 * unit, y[i] - nearest);
    const double m = z_hi[top], m_lo = z_lo ? z_lo[top] : 0, L = -y[top];
    const double d = z_hi[i] - m, bb = d - z_hi[i];
    const double d_err = (z_hi[i] - (d - bb)) + (-m - bb);
    const double ahead = (d - t) + (d_err + ((z_lo ? z_lo[i] : 0) - m_lo)); /* d - t exact: both near y */
    const double side = ahead - L;
    if (!isfinite(side) || fabs(side) <= 0x1p-50 * fmax(fabs(ahead), fabs(L)))
        return y[i];
    return nextafter(t, side > 0 ? INFINITY : -INFINITY);
}

/* f(x) for a tiny x whose f(x) in double lies on a tie: bf16's subnormal
 * results of the ops near 0 of slope 1/2 (gelu, silu, hardswish, elu with
 * alpha 1/2): f(x) = c x + d x^2 + ... and c x is the tie, while the d x^2
 * that decides the side lies 2^-128 below it, far past double's 2^-53.
 * f(x 2^k) 2^-k = c x + d x^2 2^k + ... has the same side and shows it:
 * at x 2^k = 2^-40 that term is 2^-40 of the result, and the next one 2^-40
 * of it again. The scalings by 2^k are exact. Only where f(0) = 0: y
 * tiny. */
static double second_order_side(af_kernel_f64 f, double x, const af_params *p)
{
    const int k = -40 - ilogb(x);
    const double scaled = ldexp(x, k);
    double y;
    f(&scaled, NULL, &y, 1, p);
    return ldexp(y, -k);
}

/* What a block needs: the float kernel's arrays, and for the near ties
 * their indices and the doubles to recompute them in. */
typedef struct half_stage {
    float *x, *dy, *y;
    double *wide;
    uint16_t *near; /* AF_HALF_BLOCK of them */
} half_stage;

/* One call: the float kernel and its double twin, the parameters, and for
 * the slopes kernels the call's float slopes. */
typedef struct half_job {
    af_half_kernel half; /* NULL: staged through f32 */
    af_kernel_f32 f32;
    af_kernel_f64 f64;
    const af_kernels_f32 *isa;
    int format;
    const af_params *p;
    const float *slopes;
    int correctly_rounded; /* forward and f': the ties are recomputed */
    int log_softmax;       /* log_softmax's forward: its ties' sides (log_softmax_off_tie) */
    unsigned tie_ulps;     /* within this many float ulps of a tie (tie_ulps_of) */
    int forward;
} half_job;

/* The near ties of an elementwise block (near[0..count)), recomputed in
 * double: AF_HALF_TIES at a time, in one call on the gathered x (and slopes). */
static void settle_elementwise(const half_job *j, half_stage *s, const uint16_t *near, size_t count,
                               const float *slopes, uint16_t *out)
{
    double *x_wide = s->wide, *y_wide = x_wide + AF_HALF_TIES, *slopes_wide = y_wide + AF_HALF_TIES;
    af_params p = *j->p;
    p.slopes = slopes ? slopes_wide : NULL;
    for (size_t done = 0; done < count; done += AF_HALF_TIES) {
        const size_t part = count - done < AF_HALF_TIES ? count - done : AF_HALF_TIES;
        for (size_t q = 0; q < part; q++) {
            x_wide[q] = s->x[near[done + q]];
            if (slopes)
                slopes_wide[q] = slopes[near[done + q]];
        }
        j->f64(x_wide, NULL, y_wide, part, &p);
        for (size_t q = 0; q < part; q++) {
            const double x = x_wide[q];
            double y = y_wide[q];
            if (j->forward && !slopes && fabs(x) < 0x1p-40 && x != 0 && fabs(y) < 0x1p-100 &&
                double_on_tie(y, j->format))
                y = second_order_side(j->f64, x, &p);
            out[near[done + q]] = double_to_half(y, j->format);
        }
    }
}

/* The near ties of a block of whole rows of `cols`, each row that holds one
 * recomputed in double, whole. */
static void settle_rows(const half_job *j, half_stage *s, size_t at, size_t count, size_t cols, size_t *wide_row,
                        uint16_t *out)
{
    double *x_wide = s->wide, *y_wide = x_wide + cols;
    for (size_t q = 0; q < count; q++) {
        const size_t i = at + s->near[q], row = i / cols;
        if (row != *wide_row) {
            for (size_t c = 0; c < cols; c++)
                x_wide[c] = s->x[row * cols + c];
            j->f64(x_wide, NULL, y_wide, cols, j->p);
            *wide_row = row;
        }
        const size_t c = i - row * cols;
        out[i] = double_to_half(j->log_softmax ? log_softmax_off_tie(y_wide, x_wide, NULL, cols, c, j->format)
                                               : y_wide[c],
                                j->format);
    }
}

/* Elements [0, len) of the call from offset on (len <= the stage's size, a
 * multiple of unit, the row length or 1): widened, computed in float,
 * narrowed AF_HALF_BLOCK at a time, the near ties settled. */
static void half_block(const half_job *j, half_stage *s, size_t unit, size_t offset, const uint16_t *in,
                       const uint16_t *dy, uint16_t *out, size_t len)
{
    const af_widen_kernel widen = j->isa->widen[j->format];
    const float *slopes = j->slopes ? j->slopes + offset : NULL;
    af_params p = *j->p;
    p.slopes = slopes;
    widen(in, s->x, len);
    if (dy)
        widen(dy, s->dy, len);
    j->f32(s->x, dy ? s->dy : NULL, s->y, len, &p);
    size_t wide_row = SIZE_MAX;
    for (size_t at = 0; at < len; at += AF_HALF_BLOCK) {
        const size_t part = len - at < AF_HALF_BLOCK ? len - at : AF_HALF_BLOCK;
        const size_t count =
            j->isa->narrow[j->format](s->y + at, out + at, part, j->correctly_rounded ? s->near : NULL, j->tie_ulps);
        if (count == 0)
            continue;
        if (unit == 1)
            settle_elementwise(j, s, s->near, count, slopes, out); /* len <= AF_HALF_BLOCK: at is 0 */
        else
            settle_rows(j, s, at, count, unit, &wide_row, out);
    }
}

static float half_to_float(uint16_t h, int format) { return format == AF_HALF_BF16 ? af_bf16_to_float(h) : af_f16_to_float(h); }

/* An elementwise call through its 16-bit kernel, AF_HALF_CHUNK at a time:
 * the flagged results' x widened (at their own index in x) and settled. In
 * place, the chunk's x are kept first (the kernel writes over them). */
static void half_direct_run(const half_job *j, const uint16_t *in, const uint16_t *dy, uint16_t *out, size_t n)
{
    uint16_t ties[AF_HALF_CHUNK]; /* one per vector: AF_HALF_CHUNK / lanes of them */
    uint16_t kept[AF_HALF_CHUNK], near[AF_HALF_CHUNK];
    float x[AF_HALF_CHUNK];
    double wide[3 * AF_HALF_TIES];
    half_stage s = {x, NULL, NULL, wide, near};
    const size_t lanes = j->isa->lanes;
    for (size_t i = 0; i < n; i += AF_HALF_CHUNK) {
        const size_t len = n - i < AF_HALF_CHUNK ? n - i : AF_HALF_CHUNK;
        const float *slopes = j->slopes ? j->slopes + i : NULL;
        af_params p = *j->p;
        p.slopes = slopes;
        p.ties = j->correctly_rounded ? ties : NULL;
        p.tie_ulps = j->tie_ulps;
        const uint16_t *x_half = in + i;
        if (p.ties && in == out) {
            memcpy(kept, in + i, len * sizeof *kept);
            x_half = kept;
        }
        j->half(in + i, dy ? dy + i : NULL, out + i, len, &p);
        if (!p.ties)
            continue;
        size_t count = 0;
        for (size_t v = 0; v * lanes < len; v++)
            count = af_note_near(near, count, v * lanes, ties[v]);
        for (size_t q = 0; q < count; q++)
            x[near[q]] = half_to_float(x_half[near[q]], j->format);
        if (count)
            settle_elementwise(j, &s, near, count, slopes, out + i);
    }
}

/* The call in blocks: rows up to AF_HALF_ROW long share the stack's block,
 * longer rows are staged one by one in memory allocated here. */
static actfast_status half_job_run(const half_job *j, size_t unit, const uint16_t *in, const uint16_t *dy,
                                   uint16_t *out, size_t n)
{
    /* aligned to the cache line (a whole AVX-512 vector): where the stack
     * left them unaligned, every vector of the widen, kernel and narrow
     * loops straddled two lines, 1.1-1.5x slower (relu's bf16 forward when
     * it was staged, tanh's f'; Zen 5, AVX-512) */
    _Alignas(64) float x[AF_HALF_BLOCK];
    _Alignas(64) float d[AF_HALF_BLOCK];
    _Alignas(64) float y[AF_HALF_BLOCK];
    double wide[3 * AF_HALF_TIES];
    uint16_t near[AF_HALF_BLOCK]; /* written before it is read: no 1 KiB of zeros per call */
    half_stage s = {x, d, y, wide, near};
    size_t step = AF_HALF_BLOCK / unit * unit;
    void *heap = NULL;
    if (unit > AF_HALF_ROW) {
        /* one row: two double rows, three float rows */
        const size_t per_element = 3 * sizeof(float) + 2 * sizeof(double);
        if (unit > SIZE_MAX / per_element || !(heap = malloc(unit * per_element)))
            return ACTFAST_ERR_OUT_OF_MEMORY;
        s.wide = heap;
        s.x = (float *)(s.wide + 2 * unit);
        s.dy = s.x + unit;
        s.y = s.dy + unit;
        step = unit;
    }
    for (size_t i = 0; i < n; i += step) {
        const size_t len = n - i < step ? n - i : step;
        half_block(j, &s, unit, i, in + i, dy ? dy + i : NULL, out + i, len);
    }
    free(heap);
    return ACTFAST_OK;
}

/* How near a tie a float result of a form must lie to be computed again: a
 * result within `bound` ulps of the exact value (src/ops.def) can only be on
 * the tie's wrong side within that many bit patterns, one more where the
 * ulp halves at a power of 2; a correctly rounded one (0.5: leaky_relu, the
 * slopes kernels) only on the tie itself, which it then equals, both being
 * floats. Fewer flags matter: bf16 results of x 0.0100000002 (float) lie
 * within 4 ulps of a tie 1 time in 23. */
static unsigned tie_ulps_of(double bound) { return bound <= 0.5 ? 0 : (unsigned)ceil(bound) + 1; }

actfast_status actfast__half_compute(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                                     const void *in, const void *dy, void *out, size_t n, const af_params *p)
{
    const half_job j = {.half = k->f32->half[af_half_format(dtype)][op][form],
                        .f32 = k->f32->op[op][form],
                        .f64 = k->f64->op[op][form],
                        .isa = k->f32,
                        .format = af_half_format(dtype),
                        .p = p,
                        .correctly_rounded = form == ACTFAST_FORWARD || form == ACTFAST_GRAD,
                        .log_softmax = op == ACTFAST_OP_LOG_SOFTMAX && form == ACTFAST_FORWARD,
                        .tie_ulps = tie_ulps_of(actfast_ulp_bound(op, form, ACTFAST_F32)),
                        .forward = form == ACTFAST_FORWARD};
    if (j.half) {
        half_direct_run(&j, in, dy, out, n);
        return ACTFAST_OK;
    }
    return half_job_run(&j, actfast_get_op_info(op)->rowwise ? p->cols : 1, in, dy, out, n);
}

actfast_status actfast__half_run(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                                 const void *in, const void *dy, void *out, size_t n, const af_params *p)
{
    const uint16_t *table = actfast__half_table(k, op, form, dtype, p, n);
    if (!table)
        return actfast__half_compute(k, op, form, dtype, in, dy, out, n, p);
    const uint16_t *x = in;
    uint16_t *y = out;
    for (size_t i = 0; i < n; i++)
        y[i] = table[x[i]];
    return ACTFAST_OK;
}

void actfast__half_slopes(const af_kernel_set *k, actfast_form form, actfast_dtype dtype, const void *in,
                          const void *dy, void *out, size_t n, const float *slopes)
{
    const af_params p = {.slopes = NULL};
    const half_job j = {.half = k->f32->half_slopes[af_half_format(dtype)][form],
                        .f32 = k->f32->slopes[form],
                        .f64 = k->f64->slopes[form],
                        .isa = k->f32,
                        .format = af_half_format(dtype),
                        .p = &p,
                        .slopes = slopes,
                        .correctly_rounded = form == ACTFAST_FORWARD || form == ACTFAST_GRAD,
                        .tie_ulps = tie_ulps_of(actfast_ulp_bound(ACTFAST_OP_LEAKY_RELU, form, ACTFAST_F32)),
                        .forward = form == ACTFAST_FORWARD};
    if (j.half)
        half_direct_run(&j, in, dy, out, n);
    else
        (void)half_job_run(&j, 1, in, dy, out, n); /* elementwise: nothing to allocate */
}

void actfast__half_param_grad(const af_kernel_set *k, actfast_op op, actfast_dtype dtype, const void *x,
                              const void *dy, float *terms, size_t n, const af_params *p)
{
    const af_widen_kernel widen = k->f32->widen[af_half_format(dtype)];
    _Alignas(64) float xs[AF_HALF_BLOCK];
    _Alignas(64) float dys[AF_HALF_BLOCK];
    for (size_t i = 0; i < n; i += AF_HALF_BLOCK) {
        const size_t len = n - i < AF_HALF_BLOCK ? n - i : AF_HALF_BLOCK;
        widen((const uint16_t *)x + i, xs, len);
        widen((const uint16_t *)dy + i, dys, len);
        k->f32->param_grad[op](xs, dys, terms + i, len, p);
    }
}

/* a act(g) on a tie of double, for a tie of the exact value's: two cases
 * where the deciding term lies past double. A tiny g, as in
 * second_order_side: with act(0) != 0 (glu: sigmoid(0) = 1/2) y = a act(0)
 * + a act'(0) g + ..., act'(0) > 0 for every unit, so the sign of a g is the
 * side and one step of double off the tie shows it; with act(0) = 0 (the
 * others) a (g/2 + c g^2 + ...) is scaled as there. And a saturated act:
 * where act(g) rounds to g (silu, gelu, gelu_tanh) or to 1 (sigmoid) for a
 * finite g, the exact act is below it, and so is |a act(g)|. Not for an
 * exact unit (reglu), whose double results are the exact products. */
static double gated_tie_side(af_gated_kernel_f64 f, double a, double g, double y)
{
    const double zero = 0, one = 1;
    double at_zero, act;
    if (fabs(g) < 0x1p-40 && g != 0) {
        f(&a, &zero, NULL, &at_zero, NULL, 1);
        if (at_zero != 0)
            return nextafter(y, a * g > 0 ? INFINITY : -INFINITY);
        const double scaled = ldexp(g, -40 - ilogb(g));
        f(&a, &scaled, NULL, &y, NULL, 1);
        return ldexp(y, 40 + ilogb(g));
    }
    f(&one, &g, NULL, &act, NULL, 1);
    return isfinite(g) && (act == g || act == 1) ? nextafter(y, 0) : y;
}

/* The near ties of a gated forward block, recomputed by the double kernel
 * on the gathered a and gate. */
static void settle_gated(af_gated_kernel_f64 f, int format, int exact, const float *a, const float *g,
                         const uint16_t *near, size_t count, uint16_t *out)
{
    double a_wide[AF_HALF_TIES], g_wide[AF_HALF_TIES], y_wide[AF_HALF_TIES];
    for (size_t done = 0; done < count; done += AF_HALF_TIES) {
        const size_t part = count - done < AF_HALF_TIES ? count - done : AF_HALF_TIES;
        for (size_t q = 0; q < part; q++) {
            a_wide[q] = a[near[done + q]];
            g_wide[q] = g[near[done + q]];
        }
        f(a_wide, g_wide, NULL, y_wide, NULL, part);
        for (size_t q = 0; q < part; q++) {
            double y = y_wide[q];
            if (!exact && double_on_tie(y, format))
                y = gated_tie_side(f, a_wide[q], g_wide[q], y);
            out[near[done + q]] = double_to_half(y, format);
        }
    }
}

void actfast__half_gated(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype, const void *a,
                         const void *gate, const void *dy, void *out, void *dgate, size_t n)
{
    const int format = af_half_format(dtype), backward = form == ACTFAST_BACKWARD;
    const af_widen_kernel widen = k->f32->widen[format];
    const af_narrow_kernel narrow = k->f32->narrow[format];
    const af_gated_kernel_f32 f = k->f32->gated[op][form];
    const unsigned tie_ulps = tie_ulps_of(actfast_ulp_bound(op, form, ACTFAST_F32));
    /* a bound of 0.5 in double: the product itself, rounded once (reglu) */
    const int exact = actfast_ulp_bound(op, ACTFAST_FORWARD, ACTFAST_F64) <= 0.5;
    /* aligned as half_job_run's */
    _Alignas(64) float as[AF_HALF_BLOCK];
    _Alignas(64) float gs[AF_HALF_BLOCK];
    _Alignas(64) float dys[AF_HALF_BLOCK];
    _Alignas(64) float ys[AF_HALF_BLOCK];
    _Alignas(64) float dgs[AF_HALF_BLOCK];
    uint16_t near[AF_HALF_BLOCK];
    for (size_t i = 0; i < n; i += AF_HALF_BLOCK) {
        const size_t len = n - i < AF_HALF_BLOCK ? n - i : AF_HALF_BLOCK;
        widen((const uint16_t *)a + i, as, len);
        widen((const uint16_t *)gate + i, gs, len);
        if (backward)
            widen((const uint16_t *)dy + i, dys, len);
        f(as, gs, backward ? dys : NULL, ys, backward ? dgs : NULL, len);
        /* the backward forms are rounded once more from float (within 1 ULP) */
        const size_t count = narrow(ys, (uint16_t *)out + i, len, backward ? NULL : near, tie_ulps);
        if (backward)
            (void)narrow(dgs, (uint16_t *)dgate + i, len, NULL, 0);
        else if (count)
            settle_gated(k->f64->gated[op][form], format, exact, as, gs, near, count, (uint16_t *)out + i);
    }
}

uint16_t actfast__double_to_half(double v, actfast_dtype dtype) { return double_to_half(v, af_half_format(dtype)); }

/* ---- the row-wise ops' _ex forms ----------------------------------------- */

/* What one 16-bit _ex row is staged in: x (or y), the mask and dy widened to
 * float, the float result and the float kernel's scratch; x, the mask, the
 * result and the scratch in double for a row with near ties. */
typedef struct half_row_stage {
    float *x, *mask, *dy, *y, *scratch;
    double *x_wide, *mask_wide, *y_wide, *scratch_wide;
    uint16_t near[AF_HALF_BLOCK];
} half_row_stage;

/* One row: widened up to `live` (the causal rest is not read), the float
 * row kernel, narrowed AF_HALF_BLOCK at a time; a forward row with a near
 * tie is computed again by the double row kernel, once. */
static void half_row_ex(const af_rows_job *j, half_row_stage *s, const uint16_t *in, const uint16_t *mask,
                        const uint16_t *dy, uint16_t *out, size_t live)
{
    const af_kernels_f32 *k = j->kernels->f32;
    const int format = af_half_format(j->dtype), forward = j->form == ACTFAST_FORWARD;
    const size_t cols = j->cols;
    k->widen[format](in, s->x, live);
    if (mask)
        k->widen[format](mask, s->mask, live);
    if (dy)
        k->widen[format](dy, s->dy, live);
    k->rows_ex[j->op][j->form](s->x, mask ? s->mask : NULL, dy ? s->dy : NULL, s->y, cols, live, &j->o32,
                               s->scratch);
    const unsigned tie_ulps = tie_ulps_of(actfast_ulp_bound(j->op, j->form, ACTFAST_F32));
    int wide = 0;
    for (size_t at = 0; at < cols; at += AF_HALF_BLOCK) {
        const size_t part = cols - at < AF_HALF_BLOCK ? cols - at : AF_HALF_BLOCK;
        const size_t count = k->narrow[format](s->y + at, out + at, part, forward ? s->near : NULL, tie_ulps);
        if (count > 0 && !wide) {
            for (size_t c = 0; c < live; c++) {
                s->x_wide[c] = s->x[c];
                if (mask)
                    s->mask_wide[c] = s->mask[c];
            }
            j->kernels->f64->rows_ex[j->op][j->form](s->x_wide, mask ? s->mask_wide : NULL, NULL, s->y_wide, cols,
                                                     live, &j->o64, s->scratch_wide);
            wide = 1;
        }
        /* after a log_softmax row with transform, the double kernel's
         * scratch holds z - m as words (kernel_table.h) */
        const int words = j->o64.transform;
        for (size_t q = 0; q < count; q++) {
            const size_t i = at + s->near[q];
            const double y = j->op == ACTFAST_OP_LOG_SOFTMAX && i < live
                                 ? log_softmax_off_tie(s->y_wide, words ? s->scratch_wide : s->x_wide,
                                                       words ? s->scratch_wide + cols : NULL, live, i, format)
                                 : s->y_wide[i];
            out[i] = double_to_half(y, format);
        }
    }
}

actfast_status actfast__half_rows_ex(const af_rows_job *j, size_t begin, size_t end)
{
    const size_t cols = j->cols, per_element = 6 * sizeof(float) + 5 * sizeof(double);
    half_row_stage s;
    void *heap = cols <= SIZE_MAX / per_element ? malloc(cols * per_element) : NULL;
    if (!heap)
        return ACTFAST_ERR_OUT_OF_MEMORY;
    s.x_wide = heap;
    s.mask_wide = s.x_wide + cols;
    s.y_wide = s.mask_wide + cols;
    s.scratch_wide = s.y_wide + cols;
    s.x = (float *)(s.scratch_wide + 2 * cols);
    s.mask = s.x + cols;
    s.dy = s.mask + cols;
    s.y = s.dy + cols;
    s.scratch = s.y + cols;
    const uint16_t *in = j->in, *dy = j->dy, *mask = j->mask;
    uint16_t *out = j->out;
    for (size_t r = begin; r < end; r++)
        half_row_ex(j, &s, in + r * j->ldin, mask ? mask + r * j->ldmask : NULL, dy ? dy + r * j->lddy : NULL,
                    out + r * j->ldout, actfast__rows_live(j, r));
    free(heap);
    return ACTFAST_OK;
}
