/* The row-wise ops' _ex forms (include/actfast.h): strided rows, a scale, an
 * additive mask and a causal mask. Checks, then the active kernel set's row
 * kernels (kernels/rows_ex.h) one row at a time, or for the 16-bit arrays
 * src/half.c's staging of them. Nothing is written unless every check passes. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "actfast.h"
#include "api_internal.h"
#include "parallel.h"

/* Elements spanned by `rows` rows of `cols`, ld apart: 0 for no rows;
 * SIZE_MAX when the count overflows. */
static size_t span_of(size_t rows, size_t cols, size_t ld)
{
    if (rows == 0 || cols == 0)
        return 0;
    if (ld > 0 && rows - 1 > (SIZE_MAX - cols) / ld)
        return SIZE_MAX;
    return (rows - 1) * ld + cols;
}

/* The bytes of an array of that span: SIZE_MAX when it cannot exist. */
static size_t span_bytes(const void *p, size_t span, size_t size)
{
    if (span > SIZE_MAX / size || actfast__too_large(p, span * size))
        return SIZE_MAX;
    return span * size;
}

/* An output that shares a byte with an input is allowed only as the very
 * same array (same start, same ld): every row then reads its entries
 * before it writes them. */
static int bad_overlap(const void *out, size_t ldout, size_t out_bytes, const void *in, size_t ldin,
                       size_t in_bytes)
{
    return actfast__overlap(out, out_bytes, in, in_bytes) && !(out == in && ldout == ldin);
}

static actfast_status check_rows(const af_rows_job *j)
{
    const int backward = j->form == ACTFAST_BACKWARD_FROM_Y;
    const size_t size = actfast__dtype_size(j->dtype), rows = j->rows, cols = j->cols;
    if (rows > 0 && cols == 0)
        return ACTFAST_ERR_INVALID_PARAMETER;
    if (cols > 0 && rows > SIZE_MAX / cols)
        return ACTFAST_ERR_SIZE_OVERFLOW;
    if (rows == 0)
        return ACTFAST_OK;
    if (!j->in || !j->out || (backward && !j->dy))
        return ACTFAST_ERR_NULL_POINTER;
    const void *mask = backward ? NULL : j->mask;
    if (j->ldin < cols || j->ldout < cols || (backward && j->lddy < cols) ||
        (mask && j->ldmask != 0 && j->ldmask < cols))
        return ACTFAST_ERR_INVALID_ARGUMENT;
    const size_t in_bytes = span_bytes(j->in, span_of(rows, cols, j->ldin), size);
    const size_t out_bytes = span_bytes(j->out, span_of(rows, cols, j->ldout), size);
    const size_t dy_bytes = backward ? span_bytes(j->dy, span_of(rows, cols, j->lddy), size) : 0;
    const size_t mask_bytes = mask ? span_bytes(mask, span_of(rows, cols, j->ldmask), size) : 0;
    if (in_bytes == SIZE_MAX || out_bytes == SIZE_MAX || dy_bytes == SIZE_MAX || mask_bytes == SIZE_MAX)
        return ACTFAST_ERR_SIZE_OVERFLOW;
    if (bad_overlap(j->out, j->ldout, out_bytes, j->in, j->ldin, in_bytes) ||
        (backward && bad_overlap(j->out, j->ldout, out_bytes, j->dy, j->lddy, dy_bytes)) ||
        actfast__overlap(j->out, out_bytes, mask, mask_bytes))
        return ACTFAST_ERR_OVERLAP;
    return ACTFAST_OK;
}

size_t actfast__rows_live(const af_rows_job *j, size_t row)
{
    if (!j->causal)
        return j->cols;
    const ptrdiff_t offset = j->causal_offset;
    if (offset >= 0) {
        const size_t ahead = (size_t)offset; /* live = row + ahead + 1 */
        return ahead >= j->cols || row >= j->cols - ahead - 1 ? j->cols : row + ahead + 1;
    }
    const size_t behind = (size_t)(-(offset + 1)) + 1; /* live = row + 1 - behind */
    const size_t live = row + 1 > behind ? row + 1 - behind : 0;
    return live < j->cols ? live : j->cols;
}

/* The scale as the row kernels take it (kernel_table.h), for float words
 * (float, bf16, f16) or double ones: s_hi + s_lo, s_lo dropped below 2^-60
 * s_hi (kernels/act/rows.h's products stay normal above it). In the
 * default mode only: the conversions round. */
static af_rows_ex row_options(double s, int transform, int negate, int plain, int floats)
{
    af_rows_ex o = {s, 0, transform, negate, plain};
    if (floats) {
        float hi = (float)s;
        af_fpenv_fence(hi);
        float lo = (float)(s - hi);
        af_fpenv_fence(lo);
        o.scale_hi = hi;
        o.scale_lo = fabs(lo) < 0x1p-60 * fabs(hi) ? 0 : lo;
    }
    return o;
}

/* Rows [begin, end) of f32 and f64 arrays; scratch: 2 cols elements, or
 * NULL where the rows need none (kernel_table.h). */
static void run_rows(const af_rows_job *j, size_t begin, size_t end, void *scratch)
{
    const size_t size = actfast__dtype_size(j->dtype);
    const char *in = j->in, *dy = j->dy, *mask = j->mask;
    char *out = j->out;
    for (size_t r = begin; r < end; r++) {
        const size_t live = actfast__rows_live(j, r);
        const void *row_in = in + r * j->ldin * size, *row_dy = dy ? dy + r * j->lddy * size : NULL;
        const void *row_mask = mask ? mask + r * j->ldmask * size : NULL;
        void *row_out = out + r * j->ldout * size;
        if (j->dtype == ACTFAST_F32)
            j->kernels->f32->rows_ex[j->op][j->form](row_in, row_mask, row_dy, row_out, j->cols, live, &j->o32,
                                                     scratch);
        else
            j->kernels->f64->rows_ex[j->op][j->form](row_in, row_mask, row_dy, row_out, j->cols, live, &j->o64,
                                                     scratch);
    }
}

actfast_status actfast__rows_ex_range(const af_rows_job *j, size_t begin, size_t end)
{
    if (j->dtype != ACTFAST_F32 && j->dtype != ACTFAST_F64)
        return actfast__half_rows_ex(j, begin, end);
    /* the forward rows with a scale or mask keep z in 2 cols elements: on
     * the stack up to 1024 doubles or 2048 floats a row */
    _Alignas(64) unsigned char stack[16384];
    const size_t size = actfast__dtype_size(j->dtype);
    const int needed = j->o64.transform && j->form == ACTFAST_FORWARD;
    if (!needed || j->cols <= sizeof stack / (2 * size)) {
        run_rows(j, begin, end, needed ? stack : NULL);
        return ACTFAST_OK;
    }
    void *heap = j->cols <= SIZE_MAX / (2 * size) ? malloc(2 * size * j->cols) : NULL;
    if (!heap)
        return ACTFAST_ERR_OUT_OF_MEMORY;
    run_rows(j, begin, end, heap);
    free(heap);
    return ACTFAST_OK;
}

actfast_status actfast__run_rows_ex(const actfast_runner *runner, af_rows_job *j, const actfast_rows_opts *o)
{
    const actfast_op_info *info = actfast_get_op_info(j->op);
    if (!info || !info->rowwise || (j->form != ACTFAST_FORWARD && j->form != ACTFAST_BACKWARD_FROM_Y) ||
        (unsigned)j->dtype > ACTFAST_F16)
        return ACTFAST_ERR_INVALID_ARGUMENT;
    const int backward = j->form == ACTFAST_BACKWARD_FROM_Y;
    j->mask = o && !backward ? o->mask : NULL;
    j->ldmask = o ? o->ldmask : 0;
    j->causal = o && o->causal;
    j->causal_offset = o ? o->causal_offset : 0;
    actfast_status st = check_rows(j);
    if (st != ACTFAST_OK)
        return st;
    af_call call;
    af_call_enter(&call);
    double s = 1;
    if (o) {
        s = o->scale;
        af_fpenv_fence(s);
        if (!(fabs(s) >= 0x1p-16 && fabs(s) <= 0x1p16))
            return af_call_leave(&call, ACTFAST_ERR_INVALID_PARAMETER);
    }
    const int negate = j->op == ACTFAST_OP_SOFTMIN;
    /* softmin's z = mask - s x: the forward's scale negated, so that the
     * mask still masks; its backward negates in the kernel */
    const int transform = s != 1 || j->mask != NULL;
    const double kernel_scale = negate && !backward && transform ? -s : s;
    j->o32 = row_options(kernel_scale, transform, negate, !o, 1);
    j->o64 = row_options(kernel_scale, transform, negate, !o, 0);
    st = af_call_kernels(&call);
    j->kernels = call.kernels;
    if (st == ACTFAST_OK && j->rows * j->cols > 0)
        st = runner ? actfast__rows_ex_split(runner, j) : actfast__rows_ex_range(j, 0, j->rows);
    return af_call_leave(&call, st);
}

/* o == NULL: the plain op, whose bits the _ex forms promise then. */
static actfast_status run(const actfast_runner *runner, actfast_op op, actfast_form form, actfast_dtype dtype,
                          const void *in, size_t ldin, const void *dy, size_t lddy, void *out, size_t ldout,
                          size_t rows, size_t cols, const actfast_rows_opts *o)
{
    af_rows_job j = {.op = op, .form = form, .dtype = dtype, .in = in, .ldin = ldin, .dy = dy, .lddy = lddy,
                     .out = out, .ldout = ldout, .rows = rows, .cols = cols};
    return actfast__run_rows_ex(runner, &j, o);
}

actfast_status actfast_apply_rows(actfast_op op, actfast_form form, actfast_dtype dtype, const void *in, size_t ldin,
                                  const void *dy, size_t lddy, void *out, size_t ldout, size_t rows, size_t cols,
                                  const actfast_rows_opts *o)
{
    return run(NULL, op, form, dtype, in, ldin, form == ACTFAST_BACKWARD_FROM_Y ? dy : NULL, lddy, out, ldout, rows,
               cols, o);
}

actfast_status actfast_apply_rows_parallel(const actfast_runner *runner, actfast_op op, actfast_form form,
                                           actfast_dtype dtype, const void *in, size_t ldin, const void *dy,
                                           size_t lddy, void *out, size_t ldout, size_t rows, size_t cols,
                                           const actfast_rows_opts *o)
{
    const actfast_status st = af_runner_valid(runner);
    return st != ACTFAST_OK ? st
                            : run(runner, op, form, dtype, in, ldin, form == ACTFAST_BACKWARD_FROM_Y ? dy : NULL,
                                  lddy, out, ldout, rows, cols, o);
}

#define AF_TYPED_ELEMENTWISE(name, ENUM, params, from_y)
#define AF_TYPED_ELEMENTWISE_OWN_API(name, ENUM, params, from_y)
#define AF_TYPED_GATED(name, ENUM, params, from_y)
#define AF_TYPED_ROWWISE(name, ENUM, params, from_y)                                                    \
    actfast_status AF_CAT(actfast_##name##_ex_, DT)(const T *x, size_t ldx, T *y, size_t ldy, size_t rows, \
                                                    size_t cols, const actfast_rows_opts *o)            \
    {                                                                                                   \
        return run(NULL, ACTFAST_OP_##ENUM, ACTFAST_FORWARD, DTYPE, x, ldx, NULL, 0, y, ldy, rows, cols, o);  \
    }                                                                                                   \
    actfast_status AF_CAT(actfast_##name##_backward_ex_, DT)(const T *y, size_t ldy, const T *dy,        \
                                                             size_t lddy, T *dx, size_t lddx,            \
                                                             size_t rows, size_t cols,                   \
                                                             const actfast_rows_opts *o)                 \
    {                                                                                                   \
        return run(NULL, ACTFAST_OP_##ENUM, ACTFAST_BACKWARD_FROM_Y, DTYPE, y, ldy, dy, lddy, dx, lddx, rows,  \
                   cols, o);                                                                            \
    }

#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_TYPED_##kind(name, ENUM, params, from_y)
#define AF_TYPED_FILE "ops.def"
#define AF_TYPED_HALVES
#include "for_each_dtype.h"
#undef AF_OP
