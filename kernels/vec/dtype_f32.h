/* Points the generic vocabulary (generic.h) at float: the dtype of the kernel
 * translation unit that includes it (kernels/table.c with AF_DTYPE_F32). */
#ifndef ACTFAST_VEC_DTYPE_H
#define ACTFAST_VEC_DTYPE_H

#define AF_VT vf
#define AF_MT mf
#define AF_T float
#define AF_VP vf_
#define AF_MP mf_
#define AF_SUFFIX _f32
#define AF_LANES VF_LANES
/* A fused multiply-add of scalars of type T, for the per-row scalar code of
 * the row-wise ops (correctly rounded on every ISA, in hardware or libm). */
#define t_fma fmaf
#define AF_IS_F64 0

#endif
