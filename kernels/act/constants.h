/* Constants of the kernel bodies, one per dtype (AF_K(NAME) picks NAME_f32 or
 * NAME_f64), as exact hex literals so that every ISA and compiler sees the
 * same bits. */
#ifndef ACTFAST_ACT_CONSTANTS_H
#define ACTFAST_ACT_CONSTANTS_H

/* 1/sqrt(2) = HI + LO to twice the working precision. */
#define INV_SQRT2_HI_f32 0x1.6a09e6p-1f
#define INV_SQRT2_LO_f32 0x1.9fcef4p-27f
#define INV_SQRT2_HI_f64 0x1.6a09e667f3bcdp-1
#define INV_SQRT2_LO_f64 -0x1.bdd3413b26456p-55
/* 2/sqrt(pi) and 1/sqrt(2 pi), rounded to nearest. */
#define TWO_OVER_SQRTPI_f32 0x1.20dd76p+0f
#define TWO_OVER_SQRTPI_f64 0x1.20dd750429b6dp+0
#define INV_SQRT2PI_f32 0x1.988454p-2f
#define INV_SQRT2PI_f64 0x1.9884533d43651p-2

#define MAX_FINITE_f32 0x1.fffffep+127f
#define MAX_FINITE_f64 0x1.fffffffffffffp+1023

/* Below this x, e^x is close to leaving the normal range (e^-80 = 1.8e-35,
 * e^-700 = 9.9e-305) while 1 + e^x has long been 1: products such as x*e^x
 * are then formed as (x*e^(x/2))*e^(x/2), so that only the final result is
 * rounded to a subnormal. */
#define EXP_TAIL_f32 -80.0f
#define EXP_TAIL_f64 -700.0
/* |x| above which tanh'(x) = 4 e^-2|x| exactly in the dtype (1 + e^-2|x| = 1)
 * and is formed as (2 e^-|x|)^2 for the same reason. */
#define TANH_TAIL_f32 40.0f
#define TANH_TAIL_f64 350.0
/* x below which gelu uses the asymptotic series of erfc: erfc(-x/sqrt 2)
 * itself would be subnormal (x < -12.9 in float, -37.5 in double). */
#define GELU_ASYM_f32 -12.5f
#define GELU_ASYM_f64 -37.0
/* |x| beyond which e^(-x^2/2) is 0 in both dtypes: clamping there keeps x^2
 * and its rounding error finite. */
#define GAUSS_CLAMP_f32 1.0e4f
#define GAUSS_CLAMP_f64 1.0e4

#endif
