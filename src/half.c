/* The 16-bit arrays (bf16, f16): each call staged through float a block at
 * a time, so that the halves cross memory once and the float kernels run on
 * blocks that stay in L1: widen (exact), the float kernel, narrow (rounded to
 * nearest even).
 *
 * Correct rounding of forward and f'. The float result r is within 3 float
 * ulps of the exact value (src/ops.def), and a half has 16 (bf16) or 13
 * (normal f16) bits fewer: r rounds to the half that the exact value rounds
 * to unless a tie of the half format lies between the two. narrow flags the
 * results within AF_HALF_TIE_ULPS of a tie (kernels/vec/half_bits.h): about
 * 9 in 2^16 of bf16 results and 9 in 2^13 of f16 ones. Those are computed
 * again by the same ISA's double kernel, whose error (a few 2^-53) is far
 * below the distance of any of these exact values to a tie, and rounded from
 * double to the half directly. The backward forms are rounded once more
 * from float, within 1 ULP of the half (actfast_ulp_bound).
 *
 * Same bits on every ISA: the float and double kernels give the same bits on
 * every ISA, and so do widen and narrow (half_bits.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "api_internal.h"
#include "vec/half_bits.h"

/* Elements staged at a time: 3 float blocks and 3 double ones for the ties,
 * 9.5 KiB of stack with the indices. Row-wise ops stage whole rows: rows up
 * to this long share the block, longer ones are staged one by one in memory
 * allocated for the call. */
enum { AF_HALF_BLOCK = 256 };

/* The exponent of the last place of the half nearest v (finite, nonzero). */
static int half_place(double v, int format)
{
    const int digits = format == AF_HALF_BF16 ? 8 : 11, min_exponent = format == AF_HALF_BF16 ? -126 : -14;
    int e;
    (void)frexp(v, &e);
    return (e - 1 < min_exponent ? min_exponent : e - 1) - (digits - 1);
}

/* v rounded to nearest even to the half format, once: v scaled to the
 * half's last place (exact), rounded to an integer there, scaled back (exact,
 * or a power of 2 past the format, which overflows to inf). */
static uint16_t double_to_half(double v, int format)
{
    if (isfinite(v) && v != 0) {
        const int place = half_place(v, format);
        v = ldexp(nearbyint(ldexp(v, -place)), place);
    }
    const float f = (float)v; /* exact: a half, or inf */
    return format == AF_HALF_BF16 ? af_float_to_bf16(f) : af_float_to_f16(f);
}

/* v lies on a tie of the half format to double's precision (4 ulps). */
static int double_on_tie(double v, int format)
{
    if (!isfinite(v) || v == 0)
        return 0;
    const double t = fabs(ldexp(v, -half_place(v, format)));
    return fabs(t - floor(t) - 0.5) <= 0x1p-50 * t;
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
 * their indices and double arrays to recompute them in. */
typedef struct half_stage {
    float *x, *dy, *y;
    double *x_wide, *y_wide, *slopes_wide;
    uint16_t near[AF_HALF_BLOCK];
} half_stage;

/* One call: the float kernel and its double twin, the parameters, and for
 * the slopes kernels the call's float slopes. */
typedef struct half_job {
    af_kernel_f32 f32;
    af_kernel_f64 f64;
    const af_kernels_f32 *isa;
    int format;
    const af_params *p;
    const float *slopes;
    int correctly_rounded; /* forward and f': the ties are recomputed */
    int forward;
} half_job;

/* The near ties of an elementwise block, recomputed in double: all in one
 * call on the gathered x (and slopes). */
static void settle_elementwise(const half_job *j, half_stage *s, size_t count, const float *slopes, uint16_t *out)
{
    af_params p = *j->p;
    for (size_t q = 0; q < count; q++) {
        s->x_wide[q] = s->x[s->near[q]];
        if (slopes)
            s->slopes_wide[q] = slopes[s->near[q]];
    }
    p.slopes = slopes ? s->slopes_wide : NULL;
    j->f64(s->x_wide, NULL, s->y_wide, count, &p);
    for (size_t q = 0; q < count; q++) {
        const double x = s->x_wide[q];
        double y = s->y_wide[q];
        if (j->forward && !slopes && double_on_tie(y, j->format) && x != 0 && fabs(x) < 0x1p-40 &&
            fabs(y) < 0x1p-100)
            y = second_order_side(j->f64, x, &p);
        out[s->near[q]] = double_to_half(y, j->format);
    }
}

/* The near ties of a block of whole rows of `cols`, each row that holds one
 * recomputed in double, whole. */
static void settle_rows(const half_job *j, half_stage *s, size_t at, size_t count, size_t cols, size_t *wide_row,
                        uint16_t *out)
{
    for (size_t q = 0; q < count; q++) {
        const size_t i = at + s->near[q], row = i / cols;
        if (row != *wide_row) {
            for (size_t c = 0; c < cols; c++)
                s->x_wide[c] = s->x[row * cols + c];
            j->f64(s->x_wide, NULL, s->y_wide, cols, j->p);
            *wide_row = row;
        }
        out[i] = double_to_half(s->y_wide[i - row * cols], j->format);
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
        const size_t count = j->isa->narrow[j->format](s->y + at, out + at, part, s->near);
        if (!j->correctly_rounded || count == 0)
            continue;
        if (unit == 1)
            settle_elementwise(j, s, count, slopes, out); /* len <= AF_HALF_BLOCK: at is 0 */
        else
            settle_rows(j, s, at, count, unit, &wide_row, out);
    }
}

/* The call in blocks: rows up to AF_HALF_BLOCK long share the stack's block,
 * longer rows are staged one by one in memory allocated here. */
static actfast_status half_job_run(const half_job *j, size_t unit, const uint16_t *in, const uint16_t *dy,
                                   uint16_t *out, size_t n)
{
    float x[AF_HALF_BLOCK], d[AF_HALF_BLOCK], y[AF_HALF_BLOCK];
    double x_wide[AF_HALF_BLOCK], y_wide[AF_HALF_BLOCK], slopes_wide[AF_HALF_BLOCK];
    half_stage s = {x, d, y, x_wide, y_wide, slopes_wide, {0}};
    size_t step = AF_HALF_BLOCK / unit * unit;
    void *heap = NULL;
    if (unit > AF_HALF_BLOCK) {
        /* one row: three float rows, two double rows */
        const size_t per_element = 3 * sizeof(float) + 2 * sizeof(double);
        if (unit > SIZE_MAX / per_element || !(heap = malloc(unit * per_element)))
            return ACTFAST_ERR_OUT_OF_MEMORY;
        s.x_wide = heap;
        s.y_wide = s.x_wide + unit;
        s.x = (float *)(s.y_wide + unit);
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

static int format_of(actfast_dtype dtype) { return dtype == ACTFAST_BF16 ? AF_HALF_BF16 : AF_HALF_F16; }

actfast_status actfast__half_run(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                                 const void *in, const void *dy, void *out, size_t n, const af_params *p)
{
    const half_job j = {k->f32->op[op][form], k->f64->op[op][form], k->f32, format_of(dtype), p, NULL,
                        form == ACTFAST_FORWARD || form == ACTFAST_GRAD, form == ACTFAST_FORWARD};
    return half_job_run(&j, actfast_get_op_info(op)->rowwise ? p->cols : 1, in, dy, out, n);
}

void actfast__half_slopes(const af_kernel_set *k, actfast_form form, actfast_dtype dtype, const void *in,
                          const void *dy, void *out, size_t n, const float *slopes)
{
    const af_params p = {{0, 0}, 0, NULL};
    const half_job j = {k->f32->slopes[form], k->f64->slopes[form], k->f32, format_of(dtype), &p, slopes,
                        form == ACTFAST_FORWARD || form == ACTFAST_GRAD, form == ACTFAST_FORWARD};
    (void)half_job_run(&j, 1, in, dy, out, n); /* elementwise: nothing to allocate */
}

void actfast__half_param_grad(const af_kernel_set *k, actfast_op op, actfast_dtype dtype, const void *x,
                              const void *dy, float *terms, size_t n, const af_params *p)
{
    const af_widen_kernel widen = k->f32->widen[format_of(dtype)];
    float xs[AF_HALF_BLOCK], dys[AF_HALF_BLOCK];
    for (size_t i = 0; i < n; i += AF_HALF_BLOCK) {
        const size_t len = n - i < AF_HALF_BLOCK ? n - i : AF_HALF_BLOCK;
        widen((const uint16_t *)x + i, xs, len);
        widen((const uint16_t *)dy + i, dys, len);
        k->f32->param_grad[op](xs, dys, terms + i, len, p);
    }
}

uint16_t actfast__double_to_half(double v, actfast_dtype dtype) { return double_to_half(v, format_of(dtype)); }
