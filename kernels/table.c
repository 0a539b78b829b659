/* One ISA's kernels of one dtype: every op of src/ops.def, every form.
 *
 * This file is compiled once per ISA and dtype (cmake/isa.cmake), with that
 * ISA's flags, one AF_ISA_* and one AF_DTYPE_* definition, so that the bodies
 * of kernels/act/ carry plain names (sigmoid_forward) in each object.
 * Everything in it is static except the table, actfast__kernels_<isa>_<dtype>,
 * whose name carries ISA and dtype, so that code of one ISA can never be
 * linked into another's path. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(AF_ISA_AVX512)
#include "vec/vec_avx512.h"
#define AF_ISA_TAG avx512
#elif defined(AF_ISA_AVX2)
#include "vec/vec_avx2.h"
#define AF_ISA_TAG avx2
#elif defined(AF_ISA_NEON)
#include "vec/vec_neon.h"
#define AF_ISA_TAG neon
#elif defined(AF_ISA_SCALAR_FMA)
#define AF_SCALAR_FMA 1
#include "vec/vec_scalar.h"
#define AF_ISA_TAG scalar_fma
#elif defined(AF_ISA_SCALAR)
#define AF_SCALAR_FMA 0
#include "vec/vec_scalar.h"
#define AF_ISA_TAG scalar
#else
#error "define one AF_ISA_* (see cmake/isa.cmake)"
#endif

#if defined(AF_DTYPE_F32)
#include "vec/dtype_f32.h"
#elif defined(AF_DTYPE_F64)
#include "vec/dtype_f64.h"
#else
#error "define AF_DTYPE_F32 or AF_DTYPE_F64 (see cmake/isa.cmake)"
#endif

#include "kernel_table.h"
#include "vec/generic.h"
#include "act/constants.h"
#include "act/all.h"
#include "elementwise.h"
#include "wide.h"
#include "gated.h"
#include "rows_ex.h"
#if !AF_IS_F64
#include "half.h"
#endif

/* actfast__kernels_<isa>_<dtype>, e.g. actfast__kernels_avx2_f32, of type af_kernels_<dtype>. */
#define AF_TABLE_NAME_(isa, suffix) actfast__kernels_##isa##suffix
#define AF_TABLE_NAME(isa, suffix) AF_TABLE_NAME_(isa, suffix)
#define AF_TABLE_TYPE_(suffix) af_kernels##suffix
#define AF_TABLE_TYPE(suffix) AF_TABLE_TYPE_(suffix)

#define AF_FROM_Y_ENTRY_0(name) NULL
#define AF_FROM_Y_ENTRY_1(name) name##_backward_from_y_kernel
#define AF_ENTRY_ELEMENTWISE(name, from_y)                                                      \
    {name##_forward_kernel, name##_grad_kernel, name##_backward_kernel, AF_FROM_Y_ENTRY_##from_y(name)}
#define AF_ENTRY_ELEMENTWISE_OWN_API(name, from_y) AF_ENTRY_ELEMENTWISE(name, from_y)
#define AF_ENTRY_ROWWISE(name, from_y) {name##_forward_kernel, NULL, NULL, name##_backward_from_y_kernel}
#define AF_ENTRY_GATED(name, from_y) {NULL}
/* The gated units' kernels: the double unit's own, or for floats its
 * kernels over float arrays (kernels/gated.h). */
#if AF_IS_F64
#define AF_GATED_ENTRY_GATED(name, ENUM)                                                        \
    [ACTFAST_OP_##ENUM] = {[ACTFAST_FORWARD] = name##_gated_forward_kernel,                    \
                           [ACTFAST_BACKWARD] = name##_gated_backward_kernel},
#else
#define AF_GATED_ENTRY_GATED(name, ENUM)                                                        \
    [ACTFAST_OP_##ENUM] = {[ACTFAST_FORWARD] = AF_GATED_NAME(name, forward),                   \
                           [ACTFAST_BACKWARD] = AF_GATED_NAME(name, backward)},
#endif
#define AF_GATED_ENTRY_ELEMENTWISE(name, ENUM)
#define AF_GATED_ENTRY_ELEMENTWISE_OWN_API(name, ENUM)
#define AF_GATED_ENTRY_ROWWISE(name, ENUM)
#define AF_ROWS_EX_ENTRY_ROWWISE(name, ENUM)                                                    \
    [ACTFAST_OP_##ENUM] = {[ACTFAST_FORWARD] = name##_ex_forward_row,                          \
                           [ACTFAST_BACKWARD_FROM_Y] = name##_ex_backward_row},
#define AF_ROWS_EX_ENTRY_ELEMENTWISE(name, ENUM)
#define AF_ROWS_EX_ENTRY_ELEMENTWISE_OWN_API(name, ENUM)
#define AF_ROWS_EX_ENTRY_GATED(name, ENUM)
/* The float table's 16-bit kernels (kernels/half.h), by format. */
#define AF_HALF_FROM_Y_ENTRY_0(name, fmt) NULL
#define AF_HALF_FROM_Y_ENTRY_1(name, fmt) AF_HALF_NAME(name##_grad_y_times, name##_backward_from_y_##fmt##_kernel)
#define AF_HALF_ENTRY_ELEMENTWISE(name, ENUM, from_y, fmt)                                      \
    [ACTFAST_OP_##ENUM] = {AF_HALF_NAME(name##_forward, name##_forward_##fmt##_kernel),        \
                           AF_HALF_NAME(name##_grad_times, name##_grad_##fmt##_kernel),        \
                           AF_HALF_NAME(name##_grad_times, name##_backward_##fmt##_kernel),    \
                           AF_HALF_FROM_Y_ENTRY_##from_y(name, fmt)},
#define AF_HALF_ENTRY_ELEMENTWISE_OWN_API(name, ENUM, from_y, fmt) AF_HALF_ENTRY_ELEMENTWISE(name, ENUM, from_y, fmt)
#define AF_HALF_ENTRY_ROWWISE(name, ENUM, from_y, fmt)
#define AF_HALF_ENTRY_GATED(name, ENUM, from_y, fmt)
/* none for the ops whose float kernels are wide (their float bodies' 16-bit
 * kernels would not give the float kernels' bits): src/half.c stages them */
#define AF_HALF_ENTRY_WIDE(name, ENUM) [ACTFAST_OP_##ENUM] = {NULL},

/* The float table takes the wide kernels of kernels/wide.h for its ops in
 * place of the float bodies' (a later designated initializer wins). */
#define AF_ENTRY_WIDE(name, ENUM)                                                                \
    [ACTFAST_OP_##ENUM] = {AF_WIDE_NAME(name, forward), AF_WIDE_NAME(name, grad), AF_WIDE_NAME(name, backward), NULL},

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init" /* AF_ENTRY_WIDE's, on purpose */
const AF_TABLE_TYPE(AF_SUFFIX) AF_TABLE_NAME(AF_ISA_TAG, AF_SUFFIX) = {
    .op = {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    [ACTFAST_OP_##ENUM] = AF_ENTRY_##kind(name, from_y),
#include "ops.def"
#undef AF_OP
#if !AF_IS_F64
        AF_WIDE_OPS(AF_ENTRY_WIDE)
#endif
    },
    .slopes = {slopes_forward_kernel, slopes_grad_kernel, slopes_backward_kernel},
    .param_grad = {[ACTFAST_OP_SWISH] = swish_param_grad_kernel, [ACTFAST_OP_PRELU] = prelu_param_grad_kernel},
    .gated = {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_GATED_ENTRY_##kind(name, ENUM)
#include "ops.def"
#undef AF_OP
    },
    .rows_ex = {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_ROWS_EX_ENTRY_##kind(name, ENUM)
#include "ops.def"
#undef AF_OP
    },
#if !AF_IS_F64
    .widen = {[AF_HALF_BF16] = widen_bf16_kernel, [AF_HALF_F16] = widen_f16_kernel},
    .narrow = {[AF_HALF_BF16] = narrow_bf16_kernel, [AF_HALF_F16] = narrow_f16_kernel},
    .half = {
        [AF_HALF_BF16] = {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_HALF_ENTRY_##kind(name, ENUM, from_y, bf16)
#include "ops.def"
#undef AF_OP
            AF_WIDE_OPS(AF_HALF_ENTRY_WIDE)
        },
        [AF_HALF_F16] = {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_HALF_ENTRY_##kind(name, ENUM, from_y, f16)
#include "ops.def"
#undef AF_OP
            AF_WIDE_OPS(AF_HALF_ENTRY_WIDE)
        },
    },
    .half_slopes = {[AF_HALF_BF16] = {AF_HALF_NAME(slopes, slopes_forward_bf16_kernel),
                                      AF_HALF_NAME(slopes, slopes_grad_bf16_kernel),
                                      AF_HALF_NAME(slopes, slopes_backward_bf16_kernel)},
                    [AF_HALF_F16] = {AF_HALF_NAME(slopes, slopes_forward_f16_kernel),
                                     AF_HALF_NAME(slopes, slopes_grad_f16_kernel),
                                     AF_HALF_NAME(slopes, slopes_backward_f16_kernel)}},
    .lanes = AF_LANES,
#endif
};
#pragma GCC diagnostic pop
