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

static AF_INLINE_CALL int params_valid(actfast_op op, actfast_form form, const af_params *p)
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

int actfast__overlap(const void *a, size_t a_bytes, const void *b, size_t b_bytes)
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
    return a != b && actfast__overlap(a, bytes, b, bytes);
}

/* The most bytes an array can span. No C object is larger than PTRDIFF_MAX,
 * and no 64-bit architecture gives a process more than 2^56 bytes of
 * addresses (x86-64 with 5-level paging: 2^56; AArch64: 2^52, 2^56 with
 * LVA3), so a larger n is a caller's error even where p + n does not wrap:
 * in place (y = x) nothing else would catch it. The size alone is checked,
 * not p + bytes against the top of the user range: tagged pointers (AArch64
 * TBI, x86 LAM) carry high bits that are no part of the address. */
#if UINTPTR_MAX > 0xFFFFFFFFu
#define AF_MAX_ARRAY_BYTES ((size_t)1 << 56)
#else
#define AF_MAX_ARRAY_BYTES ((size_t)PTRDIFF_MAX)
#endif

int actfast__too_large(const void *p, size_t bytes)
{
    return bytes > AF_MAX_ARRAY_BYTES || (p && (uintptr_t)p > UINTPTR_MAX - bytes);
}

size_t actfast__dtype_size(actfast_dtype dtype)
{
    return dtype == ACTFAST_F64 ? sizeof(double) : dtype == ACTFAST_F32 ? sizeof(float) : sizeof(uint16_t);
}

static AF_INLINE_CALL actfast_status check_arrays(actfast_dtype dtype, const void *in, const void *dy, void *out,
                                                  size_t n, int with_dy)
{
    const size_t size = actfast__dtype_size(dtype);
    if (n > 0 && (in == NULL || out == NULL || (with_dy && dy == NULL)))
        return ACTFAST_ERR_NULL_POINTER;
    if (n > SIZE_MAX / size || actfast__too_large(in, n * size) || actfast__too_large(out, n * size) ||
        (with_dy && actfast__too_large(dy, n * size)))
        return ACTFAST_ERR_SIZE_OVERFLOW;
    if (partial_overlap(in, out, n * size) || (with_dy && partial_overlap(dy, out, n * size)))
        return ACTFAST_ERR_OVERLAP;
    return ACTFAST_OK;
}

actfast_status actfast__check_arrays(actfast_dtype dtype, const void *in, const void *dy, void *out, size_t n,
                                     int with_dy)
{
    return check_arrays(dtype, in, dy, out, n, with_dy);
}

/* v rounded to float, as a double. The fence between the two conversions
 * keeps GCC 12 at -O2 from compiling two adjacent (double)(float) round
 * trips (p[0], p[1]) into a plain copy of the doubles, which its SLP
 * vectorizer does: a double beta of 1e-50 stayed 1e-50 instead of a float 0. */
static double rounded_to_float(double v)
{
    float f = (float)v;
    af_fpenv_fence(f);
    return f;
}

/* The parameters as the kernels read them: doubles that hold values of the
 * arrays' type (float for the 16-bit arrays), so that what is validated is what the kernels use (a double
 * beta of 1e-50 is a float 0). Call in the default mode only: the
 * conversions round, and read subnormals. */
static AF_INLINE_CALL void params_in_default_mode(actfast_dtype dtype, const af_args *args, af_params *p)
{
    p->cols = args->cols;
    p->slopes = NULL;
    if (args->single) {
        float f0 = args->f[0], f1 = args->f[1];
        af_fpenv_fence(f0); /* no conversion before the mode is entered */
        af_fpenv_fence(f1);
        p->p[0] = f0;
        p->p[1] = f1;
    } else {
        double d0 = args->d[0], d1 = args->d[1];
        af_fpenv_fence(d0);
        af_fpenv_fence(d1);
        p->p[0] = dtype != ACTFAST_F64 ? rounded_to_float(d0) : d0;
        p->p[1] = dtype != ACTFAST_F64 ? rounded_to_float(d1) : d1;
    }
}

/* Everything but the kernel's own work: checks, the FP mode, the
 * parameters, the ISA. With a runner, the kernel runs on its tasks
 * (src/parallel.c), after all of that. Inline in each typed entry point,
 * where op, form and dtype are constants: the switches over them fold away
 * (AF_INLINE_CALL says what that saves per call). */
static AF_INLINE_CALL actfast_status run_on(const actfast_runner *runner, actfast_op op, actfast_form form,
                                            actfast_dtype dtype, const void *in, const void *dy, void *out, size_t n,
                                            const af_args *args)
{
    const int with_dy = form == ACTFAST_BACKWARD || form == ACTFAST_BACKWARD_FROM_Y;
    actfast_status st = check_arrays(dtype, in, dy, out, n, with_dy);
    if (st != ACTFAST_OK)
        return st;
    af_call call;
    af_call_enter(&call);
    af_params p;
    params_in_default_mode(dtype, args, &p);
    p.stream = af_stream_output(dtype, in, dy, out, n * actfast__dtype_size(dtype));
    if (!params_valid(op, form, &p))
        st = ACTFAST_ERR_INVALID_PARAMETER;
    else
        st = af_call_kernels(&call);
    if (st == ACTFAST_OK && n > 0 && runner)
        st = actfast__run_split(runner, call.kernels, op, form, dtype, in, dy, out, n, &p);
    else if (st == ACTFAST_OK && n > 0)
        st = actfast__run_kernel(call.kernels, op, form, dtype, in, dy, out, n, &p);
    return af_call_leave(&call, st);
}

actfast_status actfast__run_on(const actfast_runner *runner, actfast_op op, actfast_form form, actfast_dtype dtype,
                               const void *in, const void *dy, void *out, size_t n, const af_args *args)
{
    return run_on(runner, op, form, dtype, in, dy, out, n, args);
}

void actfast__run_slopes(const af_kernel_set *k, actfast_form form, actfast_dtype dtype, const void *in,
                         const void *dy, void *out, size_t n, const void *slopes)
{
    const af_params p = {.slopes = slopes};
    if (dtype == ACTFAST_F32)
        k->f32->slopes[form]((const float *)in, (const float *)dy, (float *)out, n, &p);
    else if (dtype == ACTFAST_F64)
        k->f64->slopes[form]((const double *)in, (const double *)dy, (double *)out, n, &p);
    else
        actfast__half_slopes(k, form, dtype, in, dy, out, n, (const float *)slopes);
}

void actfast__run_param_grad(const af_kernel_set *k, actfast_op op, actfast_dtype dtype, const void *x,
                             const void *dy, void *terms, size_t n, const af_params *p)
{
    if (dtype == ACTFAST_F32)
        k->f32->param_grad[op]((const float *)x, (const float *)dy, (float *)terms, n, p);
    else if (dtype == ACTFAST_F64)
        k->f64->param_grad[op]((const double *)x, (const double *)dy, (double *)terms, n, p);
    else
        actfast__half_param_grad(k, op, dtype, x, dy, (float *)terms, n, p);
}

actfast_status actfast__run_kernel(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                                   const void *in, const void *dy, void *out, size_t n, const af_params *p)
{
    if (dtype == ACTFAST_F32)
        k->f32->op[op][form]((const float *)in, (const float *)dy, (float *)out, n, p);
    else if (dtype == ACTFAST_F64)
        k->f64->op[op][form]((const double *)in, (const double *)dy, (double *)out, n, p);
    else
        return actfast__half_run(k, op, form, dtype, in, dy, out, n, p);
    return ACTFAST_OK;
}

static actfast_status run_rows(actfast_op op, actfast_form form, actfast_dtype dtype, const void *in, const void *dy,
                               void *out, size_t rows, size_t cols)
{
    if (rows > 0 && cols == 0)
        return ACTFAST_ERR_INVALID_PARAMETER;
    if (cols > 0 && rows > SIZE_MAX / cols)
        return ACTFAST_ERR_SIZE_OVERFLOW;
    const af_args a = af_args_f64(0, 0, cols);
    return run_on(NULL, op, form, dtype, in, dy, out, rows * cols, &a);
}

/* ---- the gated units ----------------------------------------------------- */

/* The checks of a gated call: every array it reads or writes (dy and dgate
 * for backward only) present when n > 0, of a size that can exist; an output
 * that shares a byte with an input only as the same array; da and dgate
 * apart. */
static actfast_status check_gated(actfast_dtype dtype, int backward, const void *a, const void *gate, const void *dy,
                                  void *out, void *dgate, size_t n)
{
    const size_t size = actfast__dtype_size(dtype);
    const void *const inputs[3] = {a, gate, backward ? dy : NULL};
    void *const outputs[2] = {out, backward ? dgate : NULL};
    if (n > 0 && (!a || !gate || !out || (backward && (!dy || !dgate))))
        return ACTFAST_ERR_NULL_POINTER;
    if (n > SIZE_MAX / size)
        return ACTFAST_ERR_SIZE_OVERFLOW;
    const size_t bytes = n * size;
    for (int i = 0; i < 3; i++)
        if (actfast__too_large(inputs[i], bytes) || (i < 2 && actfast__too_large(outputs[i], bytes)))
            return ACTFAST_ERR_SIZE_OVERFLOW;
    for (int o = 0; o < 2; o++)
        for (int i = 0; i < 3; i++)
            if (outputs[o] && partial_overlap(inputs[i], outputs[o], bytes))
                return ACTFAST_ERR_OVERLAP;
    if (backward && actfast__overlap(out, bytes, dgate, bytes))
        return ACTFAST_ERR_OVERLAP;
    return ACTFAST_OK;
}

void actfast__run_gated_kernel(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                               const void *a, const void *gate, const void *dy, void *out, void *dgate, size_t n)
{
    if (dtype == ACTFAST_F32)
        k->f32->gated[op][form]((const float *)a, (const float *)gate, (const float *)dy, (float *)out,
                                (float *)dgate, n);
    else if (dtype == ACTFAST_F64)
        k->f64->gated[op][form]((const double *)a, (const double *)gate, (const double *)dy, (double *)out,
                                (double *)dgate, n);
    else
        actfast__half_gated(k, op, form, dtype, a, gate, dy, out, dgate, n);
}

actfast_status actfast__run_gated_on(const actfast_runner *runner, actfast_op op, actfast_form form,
                                     actfast_dtype dtype, const void *a, const void *gate, const void *dy, void *out,
                                     void *dgate, size_t n)
{
    const int backward = form == ACTFAST_BACKWARD;
    actfast_status st = check_gated(dtype, backward, a, gate, dy, out, dgate, n);
    if (st != ACTFAST_OK)
        return st;
    af_call call;
    af_call_enter(&call);
    st = af_call_kernels(&call);
    if (st == ACTFAST_OK && n > 0 && runner)
        st = actfast__run_gated_split(runner, call.kernels, op, form, dtype, a, gate, dy, out, dgate, n);
    else if (st == ACTFAST_OK && n > 0)
        actfast__run_gated_kernel(call.kernels, op, form, dtype, a, gate, dy, out, dgate, n);
    return af_call_leave(&call, st);
}

static actfast_status run_gated(actfast_op op, actfast_form form, actfast_dtype dtype, const void *a,
                                const void *gate, const void *dy, void *out, void *dgate, size_t n)
{
    return actfast__run_gated_on(NULL, op, form, dtype, a, gate, dy, out, dgate, n);
}

actfast_status actfast__apply_gated_on(const actfast_runner *runner, actfast_op op, actfast_form form,
                                       actfast_dtype dtype, const void *a, const void *gate, const void *dy,
                                       void *out, void *dgate, size_t n)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    if (!info || !info->gated || (form != ACTFAST_FORWARD && form != ACTFAST_BACKWARD) ||
        (unsigned)dtype > ACTFAST_F16)
        return ACTFAST_ERR_INVALID_ARGUMENT;
    return actfast__run_gated_on(runner, op, form, dtype, a, gate, dy, out, dgate, n);
}

actfast_status actfast_apply_gated(actfast_op op, actfast_form form, actfast_dtype dtype, const void *a,
                                   const void *gate, const void *dy, void *out, void *dgate, size_t n)
{
    return actfast__apply_gated_on(NULL, op, form, dtype, a, gate, dy, out, dgate, n);
}

/* ---- the typed API ------------------------------------------------------- */

/* params is (count, name0, default0, name1, default1). */
#define AF_SIG(count, n0, d0, n1, d1) AF_SIG_##count(n0, n1)
#define AF_SIG_0(n0, n1)
#define AF_SIG_1(n0, n1) , PT n0
#define AF_SIG_2(n0, n1) , PT n0, PT n1
/* The parameters in their own type (floats for f32 and the 16-bit types): no
 * conversion here, in the caller's FP mode (af_args). */
#define AF_PACK(count, n0, d0, n1, d1) AF_PACK_##count(n0, n1)
#define AF_PACK_0(n0, n1) AF_CAT(af_args_, DT)(0, 0, 0)
#define AF_PACK_1(n0, n1) AF_CAT(af_args_, DT)(n0, 0, 0)
#define AF_PACK_2(n0, n1) AF_CAT(af_args_, DT)(n0, n1, 0)

#define AF_TYPED_FROM_Y_0(name, ENUM, params)
#define AF_TYPED_FROM_Y_1(name, ENUM, params)                                                          \
    actfast_status AF_CAT(actfast_##name##_backward_from_y_, DT)(const T *y, const T *dy, T *dx,          \
                                                                  size_t n AF_SIG params)             \
    {                                                                                                  \
        const af_args p = AF_PACK params;                                                                  \
        return run_on(NULL, ACTFAST_OP_##ENUM, ACTFAST_BACKWARD_FROM_Y, DTYPE, y, dy, dx, n, &p);               \
    }

#define AF_TYPED_ELEMENTWISE(name, ENUM, params, from_y)                                               \
    actfast_status AF_CAT(actfast_##name##_, DT)(const T *x, T *y, size_t n AF_SIG params)             \
    {                                                                                                  \
        const af_args p = AF_PACK params;                                                                  \
        return run_on(NULL, ACTFAST_OP_##ENUM, ACTFAST_FORWARD, DTYPE, x, NULL, y, n, &p);                      \
    }                                                                                                  \
    actfast_status AF_CAT(actfast_##name##_grad_, DT)(const T *x, T *g, size_t n AF_SIG params)        \
    {                                                                                                  \
        const af_args p = AF_PACK params;                                                                  \
        return run_on(NULL, ACTFAST_OP_##ENUM, ACTFAST_GRAD, DTYPE, x, NULL, g, n, &p);                         \
    }                                                                                                  \
    actfast_status AF_CAT(actfast_##name##_backward_, DT)(const T *x, const T *dy, T *dx,              \
                                                          size_t n AF_SIG params)                     \
    {                                                                                                  \
        const af_args p = AF_PACK params;                                                                  \
        return run_on(NULL, ACTFAST_OP_##ENUM, ACTFAST_BACKWARD, DTYPE, x, dy, dx, n, &p);                      \
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

#define AF_TYPED_GATED(name, ENUM, params, from_y)                                                     \
    actfast_status AF_CAT(actfast_##name##_, DT)(const T *a, const T *gate, T *y, size_t n)            \
    {                                                                                                  \
        return run_gated(ACTFAST_OP_##ENUM, ACTFAST_FORWARD, DTYPE, a, gate, NULL, y, NULL, n);        \
    }                                                                                                  \
    actfast_status AF_CAT(actfast_##name##_backward_, DT)(const T *a, const T *gate, const T *dy, T *da, \
                                                          T *dgate, size_t n)                          \
    {                                                                                                  \
        return run_gated(ACTFAST_OP_##ENUM, ACTFAST_BACKWARD, DTYPE, a, gate, dy, da, dgate, n);       \
    }

#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_TYPED_##kind(name, ENUM, params, from_y)
#define AF_TYPED_FILE "ops.def"
#define AF_TYPED_HALVES
#include "for_each_dtype.h"
#undef AF_OP

/* ---- the generic entry --------------------------------------------------- */

#define AF_FROM_STRUCT(count, n0, d0, n1, d1) AF_FROM_STRUCT_##count(n0, n1)
#define AF_FROM_STRUCT_0(n0, n1) af_args_f64(0, 0, 0)
#define AF_FROM_STRUCT_1(n0, n1) af_args_f64(ps->n0, 0, 0)
#define AF_FROM_STRUCT_2(n0, n1) af_args_f64(ps->n0, ps->n1, 0)

/* The op's fields of the struct, as doubles (converted to the arrays' type
 * by run_on, in the default mode). */
static af_args params_of(actfast_op op, const actfast_params *ps)
{
    switch (op) {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    case ACTFAST_OP_##ENUM:                                                                         \
        return AF_FROM_STRUCT params;
#include "ops.def"
#undef AF_OP
    default:
        return af_args_f64(0, 0, 0);
    }
}

actfast_status actfast__apply_on(const actfast_runner *runner, actfast_op op, actfast_form form, actfast_dtype dtype,
                                 const void *in, const void *dy, void *out, size_t n, const actfast_params *params)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    if (!info || info->gated || (unsigned)form >= ACTFAST_FORM_COUNT || !info->has_form[form] ||
        (unsigned)dtype > ACTFAST_F16)
        return ACTFAST_ERR_INVALID_ARGUMENT;
    actfast_params defaults = actfast_default_params(op);
    const actfast_params *ps = params ? params : &defaults;
    af_args p = params_of(op, ps);
    if (info->rowwise) {
        p.cols = params ? ps->cols : n;
        if (n > 0 && (p.cols == 0 || n % p.cols != 0))
            return ACTFAST_ERR_INVALID_PARAMETER;
    }
    return run_on(runner, op, form, dtype, in, dy, out, n, &p);
}

actfast_status actfast_apply(actfast_op op, actfast_form form, actfast_dtype dtype, const void *in,
                             const void *dy, void *out, size_t n, const actfast_params *params)
{
    return actfast__apply_on(NULL, op, form, dtype, in, dy, out, n, params);
}
