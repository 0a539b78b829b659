/* What the library says about itself: status strings, version, and the op
 * table (names, parameters, forms, ranges, ULP bounds) as data. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "actfast.h"

#define AF_STR_(x) #x
#define AF_STR(x) AF_STR_(x)

const char *actfast_version(void)
{
    return AF_STR(ACTFAST_VERSION_MAJOR) "." AF_STR(ACTFAST_VERSION_MINOR) "." AF_STR(ACTFAST_VERSION_PATCH);
}

const char *actfast_status_string(actfast_status status)
{
    switch (status) {
    case ACTFAST_OK:
        return "success";
    case ACTFAST_ERR_NULL_POINTER:
        return "a required array is NULL while n > 0";
    case ACTFAST_ERR_OVERLAP:
        return "the output array partially overlaps an input (only exact in-place is allowed)";
    case ACTFAST_ERR_INVALID_PARAMETER:
        return "invalid parameter (NaN, beta = 0, negative alpha or slope for backward_from_y, cols = 0, ...)";
    case ACTFAST_ERR_SIZE_OVERFLOW:
        return "the array size overflows the address space";
    case ACTFAST_ERR_UNKNOWN_ISA:
        return "unknown ISA name (ACTFAST_ISA or actfast_force_isa): use avx512, avx2, neon, scalar or auto";
    case ACTFAST_ERR_UNSUPPORTED_ISA:
        return "the requested ISA cannot run on this CPU or OS";
    case ACTFAST_ERR_INVALID_ARGUMENT:
        return "unknown op, form or dtype, or a form that the op does not have";
    case ACTFAST_ERR_RUNNER:
        return "the parallel runner failed or did not run every task (outputs may be partly written)";
    case ACTFAST_ERR_OUT_OF_MEMORY:
        return "no memory to stage a row of a 16-bit row-wise call (rows longer than 384)";
    }
    return "unknown status";
}

/* (count, name0, default0, name1, default1) as info fields. */
#define AF_INFO_PARAMS(count, n0, d0, n1, d1)                                                       \
    count, {AF_NAME_##count##_0(n0), AF_NAME_##count##_1(n1)}, {d0, d1},                             \
        {AF_OFFSET_##count##_0(n0), AF_OFFSET_##count##_1(n1)}
#define AF_NAME_0_0(n) NULL
#define AF_NAME_0_1(n) NULL
#define AF_NAME_1_0(n) #n
#define AF_NAME_1_1(n) NULL
#define AF_NAME_2_0(n) #n
#define AF_NAME_2_1(n) #n
#define AF_OFFSET_0_0(n) 0
#define AF_OFFSET_0_1(n) 0
#define AF_OFFSET_1_0(n) offsetof(actfast_params, n)
#define AF_OFFSET_1_1(n) 0
#define AF_OFFSET_2_0(n) offsetof(actfast_params, n)
#define AF_OFFSET_2_1(n) offsetof(actfast_params, n)
#define AF_FORMS_ELEMENTWISE(from_y) {1, 1, 1, from_y}
#define AF_FORMS_ROWWISE(from_y) {1, 0, 0, from_y}
#define AF_FORMS_ELEMENTWISE_OWN_API(from_y) AF_FORMS_ELEMENTWISE(from_y)
#define AF_FORMS_GATED(from_y) {1, 0, 1, 0}

static const actfast_op_info infos[ACTFAST_OP_COUNT] = {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    [ACTFAST_OP_##ENUM] = {#name, AF_ROWWISE_##kind, AF_GATED_##kind, AF_INFO_PARAMS params, AF_FORMS_##kind(from_y), \
                           mono, lo, hi},
#define AF_ROWWISE_ELEMENTWISE 0
#define AF_ROWWISE_ROWWISE 1
#define AF_ROWWISE_ELEMENTWISE_OWN_API 0
#define AF_ROWWISE_GATED 0
#define AF_GATED_ELEMENTWISE 0
#define AF_GATED_ROWWISE 0
#define AF_GATED_ELEMENTWISE_OWN_API 0
#define AF_GATED_GATED 1
#include "ops.def"
#undef AF_OP
};

const actfast_op_info *actfast_get_op_info(actfast_op op)
{
    return (unsigned)op < ACTFAST_OP_COUNT ? &infos[op] : NULL;
}

actfast_op actfast_op_from_name(const char *name)
{
    for (int op = 0; name && op < ACTFAST_OP_COUNT; op++)
        if (strcmp(infos[op].name, name) == 0)
            return (actfast_op)op;
    return ACTFAST_OP_COUNT;
}

#define AF_DEFAULTS(count, n0, d0, n1, d1) AF_DEFAULTS_##count(n0, d0, n1, d1)
#define AF_DEFAULTS_0(n0, d0, n1, d1)
#define AF_DEFAULTS_1(n0, d0, n1, d1) p.n0 = d0;
#define AF_DEFAULTS_2(n0, d0, n1, d1) p.n0 = d0; p.n1 = d1;

actfast_params actfast_default_params(actfast_op op)
{
    actfast_params p = {0};
    switch (op) {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    case ACTFAST_OP_##ENUM:                                                                         \
        AF_DEFAULTS params break;
#include "ops.def"
#undef AF_OP
    default:
        break;
    }
    return p;
}

#define AF_ULP_ARRAY(fwd, grad, bwd, from_y) {fwd, grad, bwd, from_y}
static const double ulp_bounds[ACTFAST_OP_COUNT][2][ACTFAST_FORM_COUNT] = {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    [ACTFAST_OP_##ENUM] = {AF_ULP_ARRAY ulp_f32, AF_ULP_ARRAY ulp_f64},
#include "ops.def"
#undef AF_OP
};

/* The 16-bit forms are computed in float (src/half.c): forward and f'
 * correctly rounded (the results near a tie computed again in double), the
 * backward forms rounded once more from a float within a few float ulps,
 * below 1 ULP of the 16-bit type; exact where the float form is exact and
 * its results are values of the inputs (no parameter: relu's 0, 1, x, dy),
 * which a parameter such as leaky_relu's slope 0.01 is not. */
double actfast_ulp_bound(actfast_op op, actfast_form form, actfast_dtype dtype)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    if (!info || (unsigned)form >= ACTFAST_FORM_COUNT || !info->has_form[form] ||
        (unsigned)dtype > ACTFAST_F16)
        return -1;
    if (dtype == ACTFAST_F32 || dtype == ACTFAST_F64)
        return ulp_bounds[op][dtype == ACTFAST_F64][form];
    if (ulp_bounds[op][0][form] == 0 && info->nparams == 0)
        return 0;
    return form == ACTFAST_FORWARD || form == ACTFAST_GRAD ? 0.5 : 1;
}
