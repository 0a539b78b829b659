/* Constants of the kernel bodies, one per dtype (AF_K(NAME) picks NAME_f32 or
 * NAME_f64), as exact hex literals so that every ISA and compiler sees the
 * same bits. */
#ifndef ACTFAST_ACT_CONSTANTS_H
#define ACTFAST_ACT_CONSTANTS_H

/* The coefficient tables of both dtypes are defined here; a kernel
 * translation unit is compiled for one dtype and leaves the other's unused. */
#define AF_POLY_TABLE static const __attribute__((unused))

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
/* 1/6 = HI + LO to twice the working precision (the hard* functions). */
#define SIXTH_HI_f32 0x1.555556p-3f
#define SIXTH_LO_f32 -0x1.555556p-28f
#define SIXTH_HI_f64 0x1.5555555555555p-3
#define SIXTH_LO_f64 0x1.5555555555555p-57
/* 2/sqrt(pi), rounded to nearest. */
#define TWO_OVER_SQRTPI_f32 0x1.20dd76p+0f
#define TWO_OVER_SQRTPI_f64 0x1.20dd750429b6dp+0

#define MAX_FINITE_f32 0x1.fffffep+127f
#define MAX_FINITE_f64 0x1.fffffffffffffp+1023
#define MIN_NORMAL_f32 0x1p-126f
#define MIN_NORMAL_f64 0x1p-1022
/* -log2 MIN_NORMAL: a subnormal times 2^NORMAL_SHIFT is normal and below 1. */
#define NORMAL_SHIFT_f32 126
#define NORMAL_SHIFT_f64 1022

/* af_exp_tail: below EXP_TAIL e^a is computed as e = 2^EXP_TAIL_SHIFT e^a
 * and scaled back by EXP_TAIL_SCALE in the callers' last product. EXP_TAIL
 * keeps e^a above 2^-102 (2^-969), so that the low parts of the callers'
 * double words (eps e^a) stay normal; 2^SHIFT e^EXP_TAIL < 1, so that m e
 * cannot overflow for any m. Down to EXP_TAIL_MIN the low parts of 2^SHIFT e^a
 * are normal too; below it e is 0: every product m c e^a of the catalog rounds
 * to 0 there unless |m c| > 1e13 (1e119). Subnormal operands and results cost
 * up to 30x per operation on some cores (this one among them). */
#define EXP_TAIL_f32 -64.0f
#define EXP_TAIL_f64 -670.0
#define EXP_TAIL_SHIFT_f32 92.0f
#define EXP_TAIL_SHIFT_f64 512.0
#define EXP_TAIL_SCALE_f32 0x1p-92f
#define EXP_TAIL_SCALE_f64 0x1p-512
#define EXP_TAIL_MIN_f32 -134.0f
#define EXP_TAIL_MIN_f64 -1020.0
/* log_softmax's backward, dx = dy - e^y S, below y = EXP_TAIL: e^y is
 * below 2^-92 (2^-966) there, and where |S| < |dy| TAIL_DY_KEPT
 * (2^(92 - p - 3), 2^(966 - p - 3), p = 24, 53 the precision) e^y S is
 * below 2^-(p + 3) |dy|, under a quarter of dy's ulp however dy's exponent
 * lies: dx rounds to dy, with a factor 2 of margin for the test's own
 * rounding and for exp's error. */
#define TAIL_DY_KEPT_f32 0x1p65f
#define TAIL_DY_KEPT_f64 0x1p910
/* Below a = BESIDE_ONE_ARG e^a leaves 1 + e^a (af_exp_value_beside_one): it
 * is far below half an ulp of 1 there (e^-39 = 2^-56.3, e^-340 = 2^-490.5),
 * and above it its square, which the corrected divisions by 1 + e^a form, is
 * normal (2^-113, 2^-981). */
#define BESIDE_ONE_ARG_f32 -39.0f
#define BESIDE_ONE_ARG_f64 -340.0
/* Above this x gelu takes e^(-x^2/2) as at it, e^-45.1 (e^-450): Phi rounds
 * to 1 there and x phi(x) is below 2^-50 (2^-630) for any x up to the clamp
 * 1e4; and the low parts of the products of e^(-x^2/2) stay normal. */
#define GELU_GAUSS_MAX_f32 9.5f
#define GELU_GAUSS_MAX_f64 30.0
/* Below e^-100 (e^-700), where e^(-x^2/2) in af_exp_tail's scale is below
 * 2^-52 (2^-497), gelu scales it by 2^GELU_DEEP_SHIFT more: the low parts of
 * its products with erfcx (2^-48 of them, 2^-106 of them) would be subnormal
 * down to EXP_TAIL_MIN, and are normal in [2^-61, 2^-12] ([2^-660, 2^-197]). */
#define GELU_DEEP_E_f32 0x1p-52f
#define GELU_DEEP_E_f64 0x1p-497
#define GELU_DEEP_SHIFT_f32 40
#define GELU_DEEP_SHIFT_f64 300
/* gelu_tanh's z = C x (1 + K x^2) and x z'(x) = C x (1 + 3K x^2): C = 2 sqrt(2/pi),
 * K = 0.044715 (the decimal of the formula) and 3K as HI + LO to twice the
 * working precision. */
#define GELU_TANH_C_HI_f32 0x1.988454p+0f
#define GELU_TANH_C_LO_f32 -0x1.857936p-25f
#define GELU_TANH_C_HI_f64 0x1.9884533d43651p+0
#define GELU_TANH_C_LO_f64 -0x1.cbc0d30ebfd15p-54
#define GELU_TANH_K_HI_f32 0x1.6e4e26p-5f
#define GELU_TANH_K_LO_f32 0x1.a9003ep-30f
#define GELU_TANH_K_HI_f64 0x1.6e4e26d4801f7p-5
#define GELU_TANH_K_LO_f64 0x1.441355475a31ap-59
#define GELU_TANH_K3_HI_f32 0x1.12ba9ep-3f
#define GELU_TANH_K3_LO_f32 -0x1.c13fdp-28f
#define GELU_TANH_K3_HI_f64 0x1.12ba9d1f60179p-3
#define GELU_TANH_K3_LO_f64 0x1.f30e7ff583a54p-57

/* tanhshrink on |x| < 1: (x - tanh x)/x^3 = 1/3 + t Q(t), t = x^2, with 1/3
 * = THIRD_HI + THIRD_LO and Q highest degree first (tools/tanhshrink_poly.py). */
/* f32: Q of degree 7, error 2^-28.3 relative to the result */
#define TANHSHRINK_THIRD_HI_f32 0x1.555556p-2f
#define TANHSHRINK_THIRD_LO_f32 -0x1.555556p-27f
#define TANHSHRINK_DEGREE_f32 7
AF_POLY_TABLE float TANHSHRINK_POLY_f32[TANHSHRINK_DEGREE_f32 + 1] = {
    0x1.e576f4p-15f, -0x1.88763cp-12f, 0x1.54b342p-10f, -0x1.ce0abp-9f,
    0x1.21e66cp-7f, -0x1.66470ep-6f, 0x1.ba1b7p-5f, -0x1.11111p-3f};
/* f64: Q of degree 16, error 2^-60.3 relative to the result */
#define TANHSHRINK_THIRD_HI_f64 0x1.5555555555555p-2
#define TANHSHRINK_THIRD_LO_f64 0x1.5555555555555p-56
/* Below this |x|, tanhshrink(x) = x^3/3 (1 + O(x^2)) rounds to 0: |x|^3/3 is
 * below half the least subnormal, 2^-150 (2^-1075). */
#define TANHSHRINK_ZERO_f32 0x1p-50f
#define TANHSHRINK_ZERO_f64 0x1p-358
/* Between TANHSHRINK_ZERO and TANHSHRINK_SCALED x^3 is formed from
 * 2^TANHSHRINK_SCALE_SHIFT x, in [2^-28, 2^-2) ([2^-260, 2^-2)): its cube and
 * the low parts of the cube (2^-48 (2^-106) of it) are normal. */
#define TANHSHRINK_SCALED_f32 0x1p-24f
#define TANHSHRINK_SCALED_f64 0x1p-100
#define TANHSHRINK_SCALE_SHIFT_f32 22.0f
#define TANHSHRINK_SCALE_SHIFT_f64 98.0
/* tanhshrink' below TINY (kernels/act/tanhshrink.h): for m within
 * [TANHSHRINK_TINY_DY_MIN, TANHSHRINK_TINY_DY_MAX] m x^2 is formed from
 * 2^TANHSHRINK_TINY_SHIFT x for x down to TANHSHRINK_TINY_ZERO, below which it
 * rounds to 0 (2^20 2^-220 < 2^-150, 2^100 2^-1320 < 2^-1075). */
#define TANHSHRINK_TINY_DY_MIN_f32 0x1p-20f
#define TANHSHRINK_TINY_DY_MAX_f32 0x1p20f
#define TANHSHRINK_TINY_ZERO_f32 0x1p-110f
#define TANHSHRINK_TINY_SHIFT_f32 70.0f
#define TANHSHRINK_TINY_DY_MIN_f64 0x1p-100
#define TANHSHRINK_TINY_DY_MAX_f64 0x1p100
#define TANHSHRINK_TINY_ZERO_f64 0x1p-660
#define TANHSHRINK_TINY_SHIFT_f64 360.0
#define TANHSHRINK_DEGREE_f64 16
AF_POLY_TABLE double TANHSHRINK_POLY_f64[TANHSHRINK_DEGREE_f64 + 1] = {
    -0x1.db978852e4582p-29, 0x1.46001e44406c8p-25, -0x1.bddb2a5b6e47fp-23, 0x1.a222374b79e44p-21,
    -0x1.3a46399bc3318p-19, 0x1.a34b82affbbaep-18, -0x1.0920539c1786cp-16, 0x1.4911530f41a40p-15,
    -0x1.966c650db36c9p-14, 0x1.f57b514b2d879p-13, -0x1.35580c55bcd17p-11, 0x1.7da362d6c9103p-10,
    -0x1.d6d3d0d1e48a0p-9, 0x1.226e355e3b2bfp-7, -0x1.664f4882c06bcp-6, 0x1.ba1ba1ba1ba0ep-5,
    -0x1.1111111111111p-3};

/* e^a (kernels/act/exp.h): k = round(a log2 e) by the magic constant
 * 1.5 2^23 (2^52), r = a - k ln 2 with ln 2 = LN2_HI + LN2_LO, LN2_HI of 16
 * (42) bits so that k LN2_HI is exact for |k| < 2^8 (2^11). Outside
 * [EXP_MIN, EXP_MAX] e^a rounds to 0 or overflows, as it does at the bounds. */
#define EXP_MAGIC_f32 0x1.8p23f
#define EXP_MAGIC_f64 0x1.8p52
#define LOG2E_f32 0x1.715476p+0f
#define LOG2E_f64 0x1.71547652b82fep+0
#define LN2_HI_f32 0x1.62e4p-1f
#define LN2_LO_f32 0x1.7f7d1cp-20f
#define LN2_HI_f64 0x1.62e42fefa38p-1
#define LN2_LO_f64 0x1.ef35793c7673p-45
#define EXP_MIN_f32 -104.0f
#define EXP_MAX_f32 89.0f
#define EXP_MIN_f64 -746.0
#define EXP_MAX_f64 710.0
/* Below TINY in magnitude e^a rounds to 1, e^a - 1 and tanh a to a, and every
 * f(x) of the catalog to its first-order term (the next is below 2^-29 of
 * it): kernels keep such x, subnormals among them, out of the arithmetic. */
#define TINY_f32 0x1p-30f
#define TINY_f64 0x1p-60
/* A subnormal x taken by the frame (kernels/elementwise.h) is evaluated by f'
 * at +-FIRST_ORDER_ARG instead: f'(x) there differs from f'(0) by 2^-40
 * (2^-100) of f''/f', far below an ulp of f', as at x; and its square and
 * cube, which bodies form, stay normal (2^-120, 2^-300). */
#define FIRST_ORDER_ARG_f32 0x1p-40f
#define FIRST_ORDER_ARG_f64 0x1p-100
/* x 2^SQUARE_SHIFT of a subnormal x has a normal square: 2^-57 and 2^-474
 * at the least (tanhshrink', m x^2). */
#define SQUARE_SHIFT_f32 92
#define SQUARE_SHIFT_f64 600
/* Below EXPM1_MIN e^a - 1 rounds to -1 (e^a < ulp(1)/4). */
#define EXPM1_MIN_f32 -18.0f
#define EXPM1_MIN_f64 -38.0
/* e^r = 1 + r + r^2 P(r) on |r| <= 0.35, P highest degree first (tools/exp_poly.py). */
/* f32: P of degree 5, error 2^-30.2 relative to e^r */
#define EXP_DEGREE_f32 5
AF_POLY_TABLE float EXP_POLY_f32[EXP_DEGREE_f32 + 1] = {
    0x1.a12a34p-13f, 0x1.6d491p-10f, 0x1.1110ep-7f, 0x1.5554e4p-5f, 0x1.555556p-3f, 0x1p-1f};
/* f64: P of degree 10, error 2^-61.2 relative to e^r */
#define EXP_DEGREE_f64 10
AF_POLY_TABLE double EXP_POLY_f64[EXP_DEGREE_f64 + 1] = {
    0x1.1f75a3caadff5p-29, 0x1.af5282aacdb2ep-26, 0x1.27e4da1e12fb1p-22, 0x1.71ddfff6573d6p-19,
    0x1.a01a01a74077ap-16, 0x1.a01a01ac9de9ep-13, 0x1.6c16c16c16214p-10, 0x1.111111110ff8bp-7,
    0x1.5555555555556p-5, 0x1.5555555555557p-3, 0x1p-1};

/* e^r = 1 + r + r^2 P(r) for the float kernels that run in double
 * (kernels/wide.h, af_exp_of_float), P of degree 6, error 2^-37.6 relative
 * to e^r (r + r^2 P: 2^-36.4 relative to e^r - 1) (tools/exp_poly.py). */
#define EXP_OF_FLOAT_DEGREE 6
AF_POLY_TABLE double EXP_OF_FLOAT_POLY[EXP_OF_FLOAT_DEGREE + 1] = {
    0x1.a11807c893ad9p-16, 0x1.a1579c303d902p-13, 0x1.6c16832a27f13p-10, 0x1.1110c338a41bep-7,
    0x1.5555555cf5f4ep-5,  0x1.55555568687a2p-3,  0x1p-1};
/* The domain of af_exp_of_float's argument: past -250 every float result of
 * the catalog built from e^a is 0 (e^-250 = 2^-360.7, times any float), and
 * 2^k stays a normal double on [-250, 90]. */
#define EXP_OF_FLOAT_MIN -250.0
#define EXP_OF_FLOAT_MAX 90.0

/* gelu's erf on |u| <= 1/2: erf(u) = u (C0 + t Q(t)), t = u^2, C0 = 2/sqrt(pi)
 * = HI + LO, Q highest degree first (tools/erf_poly.py). */
/* f32: Q of degree 4, error 2^-28.7 relative to erf(u) */
#define GELU_ERF_C0_HI_f32 0x1.20dd76p+0f
#define GELU_ERF_C0_LO_f32 -0x1.f7ac92p-25f
#define GELU_ERF_DEGREE_f32 4
AF_POLY_TABLE float GELU_ERF_POLY_f32[GELU_ERF_DEGREE_f32 + 1] = {
    -0x1.9a9748p-11f, 0x1.5558e2p-8f, -0x1.b82726p-6f, 0x1.ce2f16p-4f, -0x1.812746p-2f};
/* f64: Q of degree 9, error 2^-58.3 relative to erf(u) */
#define GELU_ERF_C0_HI_f64 0x1.20dd750429b6dp+0
#define GELU_ERF_C0_LO_f64 0x1.1ae3a914fed8p-56
#define GELU_ERF_DEGREE_f64 9
AF_POLY_TABLE double GELU_ERF_POLY_f64[GELU_ERF_DEGREE_f64 + 1] = {
    0x1.cac885b9d0bf4p-27, -0x1.5dd2fcc1206e6p-23, 0x1.b9d7967f8dcd5p-20, -0x1.f4d2063d89718p-17,
    0x1.f9a325cbffcaap-14, -0x1.c02db3fdbb984p-11, 0x1.565bcd0e673b1p-8, -0x1.b82ce31288b13p-6,
    0x1.ce2f21a042be2p-4, -0x1.812746b0379e7p-2};

/* gelu's erfc for u >= 1/2: erfc(u) = e^(-u^2) (C0 + t Q(t))/(1 + 2u),
 * t = (u - K)/(u + K), C0 = HI + LO, Q highest degree first
 * (tools/erfc_poly.py). */
/* f32: K = 2.0, Q of degree 11, error 2^-24.9 relative to P */
#define GELU_ERFC_K_f32 0x1p+1f
#define GELU_ERFC_C0_HI_f32 0x1.46e80ep+0f
#define GELU_ERFC_C0_LO_f32 0x1.1485fcp-27f
#define GELU_ERFC_DEGREE_f32 11
AF_POLY_TABLE float GELU_ERFC_POLY_f32[GELU_ERFC_DEGREE_f32 + 1] = {
    -0x1.2a782ap-14f, 0x1.34d82ep-13f, 0x1.17eabcp-12f, -0x1.efec78p-12f, -0x1.832ee4p-10f,
    0x1.4fc8bep-10f, 0x1.1deaeap-7f, -0x1.075132p-7f, -0x1.bc2be4p-5f, 0x1.4ffa3p-3f,
    -0x1.5407bep-3f, -0x1.7bf5ecp-4f};
/* f64: K = 3.75, Q of degree 23, error 2^-53.7 relative to P */
#define GELU_ERFC_K_f64 0x1.e000000000000p+1
#define GELU_ERFC_C0_HI_f64 0x1.3ccda0b5d5dc2p+0
#define GELU_ERFC_C0_LO_f64 0x1.e6f81250bc309p-54
#define GELU_ERFC_DEGREE_f64 23
AF_POLY_TABLE double GELU_ERFC_POLY_f64[GELU_ERFC_DEGREE_f64 + 1] = {
    0x1.90062de357a2fp-34, 0x1.2c048f51d85edp-30, -0x1.3176cdf832846p-28,
    -0x1.bff391961135ap-28, 0x1.4a0ebe9c1d2d2p-25, 0x1.da6c54eab88f7p-26,
    -0x1.1691c97fdefa9p-22, -0x1.06c3bb7358b6bp-24, 0x1.d6836cdb7b62ep-20,
    -0x1.04b77efee3463p-20, -0x1.80074239f3defp-17, 0x1.7787b1434a735p-16,
    0x1.b144460ec6c39p-15, -0x1.303f943a3758ap-12, 0x1.33fb24081fb75p-12, 0x1.cc3a0dc6ba822p-10,
    -0x1.3f603c330041cp-7, 0x1.d0b0037e565c7p-6, -0x1.e0d0fa6e04e37p-5, 0x1.7a14188a97e12p-4,
    -0x1.bda9309a2873ep-4, 0x1.510169d0968bap-4, 0x1.d5f2948159c80p-9, -0x1.1f367683f89a8p-3};

/* The float gelu that runs in double (kernels/wide.h, gelu_float_cdf): the
 * same P(t) = erfcx(u) (1 + 2u), halved, on all of a = |x| in
 * [0, GELU_FLOAT_A_MAX], one polynomial of double coefficients, with t
 * formed from a and KA = K sqrt 2 (tools/erfc_poly.py --float).
 * float in double: KA = 3 sqrt 2, a in [0, 15], P/2 of degree 10, error
 * 2^-28.1 relative. */
#define GELU_FLOAT_ERFC_KA 0x1.0f876ccdf6cd9p+2
#define GELU_FLOAT_A_MAX 15.0
/* geglu of float arrays (kernels/act/geglu.h) takes gelu_float_tail's
 * series below GELU_FLOAT_TAIL (where gelu itself heads below the floats
 * but a gelu(g), with a up to 2^128, does not), gelu_float_cdf's formula up
 * to GELU_FLOAT_ONE, and a g above it, where Phi(g) = 1 - 1e-19 and
 * g phi(g) < 1e-17 round to 1 and 0 beside 1 in double (that formula's
 * value there, bit for bit). */
#define GELU_FLOAT_TAIL -11.0
#define GELU_FLOAT_ONE 9.0
/* Below this gate geglu of float arrays is a (-0) (dy (-0), dy a (-0)):
 * |gelu(g)| and |gelu'(g)| < e^(-g^2/2) = 2^-318 there, so that a product
 * with any float rounds to -0 times its sign; the double bodies would pass
 * through double's subnormals near g = -38. */
#define GELU_FLOAT_ZERO -21.0
/* Between GELU_FLOAT_ZERO and GELU_FLOAT_TAIL, Phi(g) = phi(g) S(z)/|g|,
 * z = 1/g^2, with Mills' ratio's asymptotic series S(z) = sum over k of
 * (-1)^k (2k - 1)!! z^k to k = 12 (highest degree first, exact integers):
 * its partial sums bracket the value, so the error is below the first term
 * left out, 25!! z^13 = 2^-47.1 at g = -11 (gelu_float_tail). */
#define GELU_FLOAT_TAIL_DEGREE 12
AF_POLY_TABLE double GELU_FLOAT_TAIL_POLY[GELU_FLOAT_TAIL_DEGREE + 1] = {
    316234143225.0, -13749310575.0, 654729075.0, -34459425.0, 2027025.0, -135135.0, 10395.0,
    -945.0, 105.0, -15.0, 3.0, -1.0, 1.0};
#define GELU_FLOAT_ERFC_DEGREE 10
AF_POLY_TABLE double GELU_FLOAT_ERFC_POLY[GELU_FLOAT_ERFC_DEGREE + 1] = {
    -0x1.1dda21d480872p-13, -0x1.9bcefd8a87e76p-12, 0x1.069cfbf4b4257p-10, 0x1.51a6c64166eb7p-10,
    -0x1.85def2afe65bbp-7,  0x1.17ba5686601a7p-5,   -0x1.e889757937221p-5, 0x1.09843bfedefabp-4,
    -0x1.85a16f0aee8efp-6,  -0x1.15c08ab09f8b0p-4,  0x1.40c522d7ba64fp-1};

/* The roots of f' for gelu, gelu_tanh and silu (rounded to double). Near a
 * root f' cancels the few 2^-38 of error of a float kernel that runs in
 * double; within ROOT_WINDOW of it those kernels take f' from the double
 * body, whose error is relative to f' itself (rare, tested per vector).
 * Outside, |f'| > 0.2 ROOT_WINDOW and the error stays below 2^-30 of f'. */
#define GELU_GRAD_ROOT -0x1.80ead197f00b4p-1
#define GELU_TANH_GRAD_ROOT -0x1.81429f9e97e4dp-1
#define SILU_GRAD_ROOT -0x1.474973c84120bp+0
#define ROOT_WINDOW 0x1p-6

/* log(1 + e) on [0, 1] (af_log1p_unit): ln 2 = LN2_FULL_HI + LN2_FULL_LO, and
 * 2 atanh(s) = 2s + s^3 R(s^2), R highest degree first (tools/log1p_poly.py). */
#define LN2_FULL_HI_f32 0x1.62e43p-1f
#define LN2_FULL_LO_f32 -0x1.05c61p-29f
#define LN2_FULL_HI_f64 0x1.62e42fefa39efp-1
#define LN2_FULL_LO_f64 0x1.abc9e3b39803fp-56
#define SQRT2_f32 0x1.6a09e6p+0f
#define SQRT2_f64 0x1.6a09e667f3bcdp+0
/* f32: R of degree 3, error 2^-31.6 relative to log(1 + f) */
#define LOG1P_DEGREE_f32 3
AF_POLY_TABLE float LOG1P_POLY_f32[LOG1P_DEGREE_f32 + 1] = {
    0x1.ddd00cp-3f, 0x1.245c3ep-2f, 0x1.9999ecp-2f, 0x1.555556p-1f};
/* f64: R of degree 8, error 2^-60.7 relative to log(1 + f) */
#define LOG1P_DEGREE_f64 8
AF_POLY_TABLE double LOG1P_POLY_f64[LOG1P_DEGREE_f64 + 1] = {
    0x1.e6b2d29e10ceap-4, 0x1.debe85c9b376dp-4, 0x1.111d29291fef6p-3, 0x1.3b137b291cc0dp-3,
    0x1.745d17d378427p-3, 0x1.c71c71c64c4b9p-3, 0x1.249249249295bp-2, 0x1.9999999999998p-2,
    0x1.5555555555555p-1};
/* For the float kernels that run in double (af_log1p_of_unit_float):
 * log(1 + e) = e Q(e) on e in [0, 1], Q of degree 11, error 2^-32.8
 * relative to log(1 + e). */
#define LOG1P_FLOAT_DEGREE 11
AF_POLY_TABLE double LOG1P_FLOAT_POLY[LOG1P_FLOAT_DEGREE + 1] = {
    -0x1.485b92f1b086cp-10, 0x1.2479645773dd0p-7,  -0x1.e83ede92f9363p-6, 0x1.041b9d37b5255p-4,
    -0x1.9cf362ab000afp-4,  0x1.1280b7cb11a24p-3,  -0x1.50ca34d85fbddp-3, 0x1.98da7a153f7f8p-3,
    -0x1.ffed11a34c352p-3,  0x1.5554d749ee965p-2,  -0x1.fffffd65a9343p-2, 0x1.fffffffed8c7bp-1};

#endif
/* The _ex rows' z = s x + mask (kernels/act/rows.h): a term s x or mask
 * below Z_TINY in magnitude moves e^(z - m) by less than 2^-40 (2^-200)
 * relative, far below an ulp, and leaves z, so that every part of z's
 * double word stays normal for any scale the API takes (2^-16 <= |s| <=
 * 2^16): s x above Z_TINY has a nonzero low part above Z_TINY 2^-48
 * (2^-106). Float arrays carry s as s_hi + s_lo; x s_lo, below 2^-24 |s x|,
 * is added only where |s x| >= Z_LO_TERM, below which it is beneath 2^-44. */
#define Z_TINY_f32 0x1p-40f
#define Z_TINY_f64 0x1p-200
#define Z_LO_TERM_f32 0x1p-20f
/* In e^d d_lo of a word row (kernels/act/softmax.h's softmax_lo_for_exp),
 * a d_lo below D_LO_MIN moves e^(d + d_lo) by less than 2^-34 (2^-100)
 * relative, far below an ulp, and is dropped, so that e d_lo stays normal
 * for every e the rows keep (>= 2^-92, 2^-969 unscaled; scaled, >= 2^-81
 * above D_NO_LO). Below d = D_NO_LO the entry's softmax is beneath the
 * type's smallest subnormal (e^-120 = 2^-173) and the low part is dropped
 * there too. log_softmax's y = d + d_lo - L keeps d_lo whole. */
#define D_LO_MIN_f32 0x1p-34f
#define D_LO_MIN_f64 0x1p-100
#define D_NO_LO_f32 -120.0f
#define D_NO_LO_f64 -740.0
/* Below |s v| = LO_TERM_MIN a scaled backward term's low part is 0
 * (kernels/act/rows.h's row_scaled_word): above it the residual of s_hi v
 * (>= 2^-48 |s v|) and v s_lo (>= 2^-60 |s v|) are normal. A gradient term
 * below it is rounded once more (half an ulp). */
#define LO_TERM_MIN_f32 0x1p-66f
#define LO_TERM_MIN_f64 0x1p-900
