/* Points the generic vocabulary (generic.h) at double: the dtype of the kernel
 * translation unit that includes it (kernels/table.c with AF_DTYPE_F64). */
#ifndef ACTFAST_VEC_DTYPE_H
#define ACTFAST_VEC_DTYPE_H

#define AF_VT vd
#define AF_MT md
#define AF_T double
#define AF_VP vd_
#define AF_MP md_
#define AF_SUFFIX _f64
#define AF_LANES VD_LANES
/* A fused multiply-add of scalars of type T, for the per-row scalar code of
 * the row-wise ops (correctly rounded on every ISA, in hardware or libm). */
#define t_fma fma
#define AF_IS_F64 1

#endif
