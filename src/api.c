/* The public entry points, stamped from src/ops.def: validate, then one call
 * through the active kernel set. Nothing is written unless every check
 * passes. */
#include <math.h>
#include <stdint.h>

#include "actfast.h"
#include "api_internal.h"
#include "kernel_table.h"
#include "parallel.h"

/* The enum in the header is generated from the table (scripts/run header);
 * a header not regenerated after a table change stops the build here. */
enum {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_ROW_##ENUM,
#include "ops.def"
#undef AF_OP
    AF_ROW_COUNT
};
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    _Static_assert(ACTFAST_OP_##ENUM == (int)AF_ROW_##ENUM, "include/actfast.h is stale: scripts/run header");
#include "ops.def"
#undef AF_OP
_Static_assert(ACTFAST_OP_COUNT == (int)AF_ROW_COUNT, "include/actfast.h is stale: scripts/run header");

static int params_valid(actfast_op op, actfast_form form, const af_params *p)
{
    const double p0 = p->p[0], p1 = p->p[1];
    (void)p0;
    (void)p1;
    switch (op) {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    case ACTFAST_OP_##ENUM:                                                                         \
        return (valid) && (form != ACTFAST_BACKWARD_FROM_Y || (valid_from_y));
#include "ops.def"
#undef AF_OP
    default:
        return 0;
    }
}

int af_overlap(const void *a, size_t a_bytes, const void *b, size_t b_bytes)
{
    uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
    if (a == NULL || b == NULL || a_bytes == 0 || b_bytes == 0)
        return 0;
    return x < y ? y - x < a_bytes : x - y < b_bytes;
}

/* [a, a + bytes) and [b, b + bytes) share a byte but do not start together
 * (in place, a = b, is allowed). */
static int partial_overlap(const void *a, const void *b, size_t bytes)
{
    return a != b && af_overlap(a, bytes, b, bytes);
}

int af_wraps(const void *p, size_t bytes) { return p && (uintptr_t)p > UINTPTR_MAX - bytes; }

actfast_status af_check_arrays(actfast_dtype dtype, const void *in, const void *dy, void *out, size_t n, int with_dy)
{
    const size_t size = dtype == ACTFAST_F32 ? sizeof(float) : sizeof(double);
    if (n > 0 && (in == NULL || out == NULL || (with_dy && dy == NULL)))
        return ACTFAST_ERR_NULL_POINTER;
    if (n > SIZE_MAX / size || af_wraps(in, n * size) || af_wraps(out, n * size) || (with_dy && af_wraps(dy, n * size)))
        return ACTFAST_ERR_SIZE_OVERFLOW;
    if (partial_overlap(in, out, n * size) || (with_dy && partial_overlap(dy, out, n * size)))
        return ACTFAST_ERR_OVERLAP;
    return ACTFAST_OK;
}

/* Everything but the kernel's own work: checks, the ISA, the FP mode. With a
 * runner, the kernel runs on its tasks (src/parallel.c), after the checks. */
actfast_status actfast__run_on(const actfast_runner *runner, actfast_op op, actfast_form form, actfast_dtype dtype,
                               const void *in, const void *dy, void *out, size_t n, const af_params *p)
{
    const int with_dy = form == ACTFAST_BACKWARD || form == ACTFAST_BACKWARD_FROM_Y;
    actfast_status checked = af_check_arrays(dtype, in, dy, out, n, with_dy);
    if (checked != ACTFAST_OK)
        return checked;
    if (!params_valid(op, form, p))
        return ACTFAST_ERR_INVALID_PARAMETER;
    af_call call;
    actfast_status status = af_call_begin(&call);
    if (status != ACTFAST_OK)
        return status;
    if (n > 0 && runner)
        status = actfast__run_split(runner, call.kernels, op, form, dtype, in, dy, out, n, p);
    else if (n > 0 && dtype == ACTFAST_F32)
        call.kernels->f32->op[op][form]((const float *)in, (const float *)dy, (float *)out, n, p);
    else if (n > 0)
        call.kernels->f64->op[op][form]((const double *)in, (const double *)dy, (double *)out, n, p);
    af_call_end(&call);
    return status;
}

actfast_status af_run(actfast_op op, actfast_form form, actfast_dtype dtype, const void *in, const void *dy,
                      void *out, size_t n, const af_params *p)
{
    return actfast__run_on(NULL, op, form, dtype, in, dy, out, n, p);
}

static actfast_status run_rows(actfast_op op, actfast_form form, actfast_dtype dtype, const void *in, const void *dy,
                               void *out, size_t rows, size_t cols)
{
    if (rows > 0 && cols == 0)
        return ACTFAST_ERR_INVALID_PARAMETER;
    if (cols > 0 && rows > SIZE_MAX / cols)
        return ACTFAST_ERR_SIZE_OVERFLOW;
    af_params p = {{0, 0}, cols, NULL};
    return af_run(op, form, dtype, in, dy, out, rows * cols, &p);
}

/* ---- the typed API ------------------------------------------------------- */

/* params is (count, name0, default0, name1, default1). */
#define AF_SIG(count, n0, d0, n1, d1) AF_SIG_##count(n0, n1)
#define AF_SIG_0(n0, n1)
#define AF_SIG_1(n0, n1) , T n0
#define AF_SIG_2(n0, n1) , T n0, T n1
#define AF_PACK(count, n0, d0, n1, d1) AF_PACK_##count(n0, n1)
#define AF_PACK_0(n0, n1) {{0, 0}, 0, NULL}
#define AF_PACK_1(n0, n1) {{(double)n0, 0}, 0, NULL}
#define AF_PACK_2(n0, n1) {{(double)n0, (double)n1}, 0, NULL}

#define AF_TYPED_FROM_Y_0(name, ENUM, params)
#define AF_TYPED_FROM_Y_1(name, ENUM, params)                                                          \
    actfast_status AF_CAT(actfast_##name##_backward_from_y_, DT)(const T *y, const T *dy, T *dx,          \
                                                                  size_t n AF_SIG params)             \
    {                                                                                                  \
        af_params p = AF_PACK params;                                                                  \
        return af_run(ACTFAST_OP_##ENUM, ACTFAST_BACKWARD_FROM_Y, DTYPE, y, dy, dx, n, &p);               \
    }

#define AF_TYPED_ELEMENTWISE(name, ENUM, params, from_y)                                               \
    actfast_status AF_CAT(actfast_##name##_, DT)(const T *x, T *y, size_t n AF_SIG params)             \
    {                                                                                                  \
        af_params p = AF_PACK params;                                                                  \
        return af_run(ACTFAST_OP_##ENUM, ACTFAST_FORWARD, DTYPE, x, NULL, y, n, &p);                      \
    }                                                                                                  \
    actfast_status AF_CAT(actfast_##name##_grad_, DT)(const T *x, T *g, size_t n AF_SIG params)        \
    {                                                                                                  \
        af_params p = AF_PACK params;                                                                  \
        return af_run(ACTFAST_OP_##ENUM, ACTFAST_GRAD, DTYPE, x, NULL, g, n, &p);                         \
    }                                                                                                  \
    actfast_status AF_CAT(actfast_##name##_backward_, DT)(const T *x, const T *dy, T *dx,              \
                                                          size_t n AF_SIG params)                     \
    {                                                                                                  \
        af_params p = AF_PACK params;                                                                  \
        return af_run(ACTFAST_OP_##ENUM, ACTFAST_BACKWARD, DTYPE, x, dy, dx, n, &p);                      \
    }                                                                                                  \
    AF_TYPED_FROM_Y_##from_y(name, ENUM, params)

/* prelu and rrelu: src/prelu.c, src/rrelu.c. */
#define AF_TYPED_ELEMENTWISE_OWN_API(name, ENUM, params, from_y)

#define AF_TYPED_ROWWISE(name, ENUM, params, from_y)                                                   \
    actfast_status AF_CAT(actfast_##name##_, DT)(const T *x, T *y, size_t rows, size_t cols)           \
    {                                                                                                  \
        return run_rows(ACTFAST_OP_##ENUM, ACTFAST_FORWARD, DTYPE, x, NULL, y, rows, cols);            \
    }                                                                                                  \
    actfast_status AF_CAT(actfast_##name##_backward_, DT)(const T *y, const T *dy, T *dx, size_t rows, \
                                                          size_t cols)                                \
    {                                                                                                  \
        return run_rows(ACTFAST_OP_##ENUM, ACTFAST_BACKWARD_FROM_Y, DTYPE, y, dy, dx, rows, cols);     \
    }

#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_TYPED_##kind(name, ENUM, params, from_y)
#define AF_TYPED_FILE "ops.def"
#include "for_each_dtype.h"
#undef AF_OP

/* ---- the generic entry --------------------------------------------------- */

#define AF_FROM_STRUCT(count, n0, d0, n1, d1) AF_FROM_STRUCT_##count(n0, n1)
#define AF_FROM_STRUCT_0(n0, n1) {{0, 0}, 0, NULL}
#define AF_FROM_STRUCT_1(n0, n1) {{ps->n0, 0}, 0, NULL}
#define AF_FROM_STRUCT_2(n0, n1) {{ps->n0, ps->n1}, 0, NULL}

static af_params params_of(actfast_op op, const actfast_params *ps)
{
    switch (op) {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    case ACTFAST_OP_##ENUM: {                                                                       \
        af_params p = AF_FROM_STRUCT params;                                                        \
        return p;                                                                                   \
    }
#include "ops.def"
#undef AF_OP
    default: {
        af_params none = {{0, 0}, 0, NULL};
        return none;
    }
    }
}

actfast_status actfast__apply_on(const actfast_runner *runner, actfast_op op, actfast_form form, actfast_dtype dtype,
                                 const void *in, const void *dy, void *out, size_t n, const actfast_params *params)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    if (!info || (unsigned)form >= ACTFAST_FORM_COUNT || !info->has_form[form] ||
        (dtype != ACTFAST_F32 && dtype != ACTFAST_F64))
        return ACTFAST_ERR_INVALID_ARGUMENT;
    actfast_params defaults = actfast_default_params(op);
    const actfast_params *ps = params ? params : &defaults;
    af_params p = params_of(op, ps);
    if (info->rowwise) {
        p.cols = params ? ps->cols : n;
        if (n > 0 && (p.cols == 0 || n % p.cols != 0))
            return ACTFAST_ERR_INVALID_PARAMETER;
    }
    return actfast__run_on(runner, op, form, dtype, in, dy, out, n, &p);
}

actfast_status actfast_apply(actfast_op op, actfast_form form, actfast_dtype dtype, const void *in,
                             const void *dy, void *out, size_t n, const actfast_params *params)
{
    return actfast__apply_on(NULL, op, form, dtype, in, dy, out, n, params);
}
