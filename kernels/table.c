/* One ISA's kernel set: every op of src/ops.def, every form, both dtypes.
 *
 * This file is compiled once per ISA with that ISA's flags (cmake/isa.cmake)
 * and one AF_ISA_* definition. Everything in it is static except the table,
 * whose name carries the ISA, so that code of one ISA can never be linked into
 * another's path. */
#include <math.h>
#include <stddef.h>

#if defined(AF_ISA_AVX512)
#include "vec/vec_avx512.h"
#define AF_TABLE af_kernels_avx512
#elif defined(AF_ISA_AVX2)
#include "vec/vec_avx2.h"
#define AF_TABLE af_kernels_avx2
#elif defined(AF_ISA_NEON)
#include "vec/vec_neon.h"
#define AF_TABLE af_kernels_neon
#elif defined(AF_ISA_SCALAR_FMA)
#define AF_SCALAR_FMA 1
#include "vec/vec_scalar.h"
#define AF_TABLE af_kernels_scalar_fma
#elif defined(AF_ISA_SCALAR)
#define AF_SCALAR_FMA 0
#include "vec/vec_scalar.h"
#define AF_TABLE af_kernels_scalar
#else
#error "define one AF_ISA_* (see cmake/isa.cmake)"
#endif

#include "kernel_table.h"
#include "vec/generic.h"
#include "act/constants.h"

#include "vec/dtype_f32.h"
#include "act/all.h"
#include "elementwise.h"

#include "vec/dtype_f64.h"
#include "act/all.h"
#include "elementwise.h"

#define AF_FROM_Y_ENTRY_0(name, sfx) NULL
#define AF_FROM_Y_ENTRY_1(name, sfx) name##_backward_from_y_kernel##sfx
#define AF_ENTRY_ELEMENTWISE(name, from_y, sfx)                                                 \
    {name##_forward_kernel##sfx, name##_grad_kernel##sfx, name##_backward_kernel##sfx,          \
     AF_FROM_Y_ENTRY_##from_y(name, sfx)}
#define AF_ENTRY_ELEMENTWISE_OWN_API(name, from_y, sfx) AF_ENTRY_ELEMENTWISE(name, from_y, sfx)
#define AF_ENTRY_ROWWISE(name, from_y, sfx) {name##_forward_kernel##sfx, NULL, NULL, name##_backward_from_y_kernel##sfx}

const af_kernel_set AF_TABLE = {
    .isa = AF_ISA_NAME,
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    [ACTFAST_OP_##ENUM] = AF_ENTRY_##kind(name, from_y, _f32),
    .f32 = {
#include "ops.def"
    },
#undef AF_OP
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    [ACTFAST_OP_##ENUM] = AF_ENTRY_##kind(name, from_y, _f64),
    .f64 = {
#include "ops.def"
    },
#undef AF_OP
    .slopes_f32 = {slopes_forward_kernel_f32, slopes_grad_kernel_f32, slopes_backward_kernel_f32},
    .slopes_f64 = {slopes_forward_kernel_f64, slopes_grad_kernel_f64, slopes_backward_kernel_f64},
    .param_grad_f32 = {[ACTFAST_OP_SWISH] = swish_param_grad_kernel_f32, [ACTFAST_OP_PRELU] = prelu_param_grad_kernel_f32},
    .param_grad_f64 = {[ACTFAST_OP_SWISH] = swish_param_grad_kernel_f64, [ACTFAST_OP_PRELU] = prelu_param_grad_kernel_f64},
};
