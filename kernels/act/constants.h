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
/* 1/sqrt(2 pi) = HI + LO likewise. */
#define INV_SQRT2PI_HI_f32 0x1.988454p-2f
#define INV_SQRT2PI_LO_f32 -0x1.857936p-27f
#define INV_SQRT2PI_HI_f64 0x1.9884533d43651p-2
#define INV_SQRT2PI_LO_f64 -0x1.cbc0d30ebfd15p-56
/* 2/sqrt(pi), rounded to nearest. */
#define TWO_OVER_SQRTPI_f32 0x1.20dd76p+0f
#define TWO_OVER_SQRTPI_f64 0x1.20dd750429b6dp+0

#define MAX_FINITE_f32 0x1.fffffep+127f
#define MAX_FINITE_f64 0x1.fffffffffffffp+1023

/* Below this argument e^a takes the shifted path of af_exp_tail (e^-80 =
 * 1.8e-35 and e^-700 = 9.9e-305 are still normal; 1 + e^a has long been 1).
 * 64 ln 2 = LN2X64_HI + LN2X64_LO. */
#define EXP_TAIL_f32 -80.0f
#define EXP_TAIL_f64 -700.0
#define LN2X64_HI_f32 0x1.62e43p+5f
#define LN2X64_LO_f32 -0x1.05c61p-23f
#define LN2X64_HI_f64 0x1.62e42fefa39efp+5
#define LN2X64_LO_f64 0x1.abc9e3b39803fp-50
/* x below which gelu uses the asymptotic series of erfc: erfc(-x/sqrt 2)
 * itself would be subnormal (x < -12.9 in float, -37.5 in double). */
#define GELU_ASYM_f32 -12.5f
#define GELU_ASYM_f64 -37.0

#endif
