/* The portable scalar vocabulary: one element per "vector".
 *
 * This file is the reference semantics of every operation of the vocabulary;
 * the SIMD headers reproduce it bit for bit. SLEEF's scalar functions are the
 * same algorithms as its vector ones: with hardware FMA (AF_SCALAR_FMA, the
 * `purecfma` symbols) they return the same bits as the AVX2/AVX-512/NEON
 * versions; without it (`purec`) they may differ in the last bit. */
#ifndef ACTFAST_VEC_SCALAR_H
#define ACTFAST_VEC_SCALAR_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if AF_SCALAR_FMA
#if !defined(__FMA__) && !defined(__aarch64__)
#error "the FMA flavour of vec_scalar.h needs -mfma"
#endif
/* sleef.h declares its purecfma functions only under FP_FAST_FMA, which
 * clang does not define for -mfma. */
#ifndef FP_FAST_FMA
#define FP_FAST_FMA 1
#endif
#endif
#include <sleef.h>

#include "half_bits.h"

/* AF_CF(event, r, a, b, c): the result r of an operation, counted as an
 * event of subnormal_events.h when r or one of the operands a, b, c that
 * Intel's assists meet is subnormal (0 for an operand that does not count,
 * as the addends of add and sub), in the counting build
 * (cmake -DACTFAST_COUNT_SUBNORMALS=ON); else r itself. */
#if AF_COUNT_SUBNORMALS
#include "subnormal_events.h"
#define AF_CF(event, r, a, b, c) af_counted_f(AF_EV_##event, (af_underflow_clear(), (r)), a, b, c)
#define AF_CD(event, r, a, b, c) af_counted_d(AF_EV_##event, (af_underflow_clear(), (r)), a, b, c)
#else
#define AF_CF(event, r, a, b, c) (r)
#define AF_CD(event, r, a, b, c) (r)
#endif

#if AF_SCALAR_FMA
#define AF_SLEEF_F(fn, u) Sleef_##fn##f1_##u##purecfma
#define AF_SLEEF_D(fn, u) Sleef_##fn##d1_##u##purecfma
#else
#define AF_SLEEF_F(fn, u) Sleef_##fn##f1_##u##purec
#define AF_SLEEF_D(fn, u) Sleef_##fn##d1_##u##purec
#endif

/* ---- float ---------------------------------------------------------------- */
typedef float vf;
typedef int mf;
#define VF_LANES 1

static inline mf mf_first(size_t n) { return n > 0; }
static inline int mf_any(mf m) { return m; }
static inline vf vf_load(const float *p) { return *p; }
static inline void vf_store(float *p, vf v) { *p = v; }
static inline vf vf_load_part(const float *p, size_t n) { return n ? *p : 0.0f; }
static inline void vf_store_part(float *p, vf v, size_t n) { if (n) *p = v; }
static inline vf vf_set(float x) { return x; }

static inline vf vf_add(vf a, vf b) { return AF_CF(add, a + b, 0, 0, 0); }
static inline vf vf_sub(vf a, vf b) { return AF_CF(sub, a - b, 0, 0, 0); }
static inline vf vf_mul(vf a, vf b) { return AF_CF(mul, a * b, a, b, 0); }
static inline vf vf_div(vf a, vf b) { return AF_CF(div, a / b, a, b, 0); }
static inline vf vf_fma(vf a, vf b, vf c) { return AF_CF(fma, fmaf(a, b, c), a, b, c); }
static inline vf vf_fnma(vf a, vf b, vf c) { return vf_fma(-a, b, c); }
static inline vf vf_neg(vf a) { return -a; }
static inline vf vf_abs(vf a) { return fabsf(a); }
static inline vf vf_nabs(vf a) { return -fabsf(a); }
/* x86's maxps(b, a): a NaN in a is kept, max(-0, +0) = -0. */
static inline vf vf_max(vf a, vf b) { return b > a ? b : a; }
static inline vf vf_min(vf a, vf b) { return b < a ? b : a; }

static inline mf vf_lt(vf a, vf b) { return a < b; }
static inline mf vf_le(vf a, vf b) { return a <= b; }
static inline mf vf_gt(vf a, vf b) { return a > b; }
static inline mf vf_ge(vf a, vf b) { return a >= b; }
static inline mf vf_eq(vf a, vf b) { return a == b; }
static inline mf vf_isnan(vf a) { return a != a; }
/* The magnitude's bits: subnormals are 1 to 2^23 - 1, infinity 0x7F800000
 * (integer compares: the float ones made GCC branch on NaN's parity). */
static inline uint32_t af_magnitude_bits_f(vf a)
{
    uint32_t b;
    memcpy(&b, &a, sizeof b);
    return b & 0x7FFFFFFFu;
}
static inline mf vf_subnormal(vf a) { return af_magnitude_bits_f(a) - 1u < 0x7FFFFFu; }
static inline mf vf_subnormal_or_inf(vf a) { return vf_subnormal(a) | (af_magnitude_bits_f(a) == 0x7F800000u); }
static inline vf vf_sel(mf m, vf a, vf b) { return m ? a : b; }
/* Lanes j and j ^ d exchanged, and lane 0: the steps of a horizontal tree
 * (d below the lane count: never called with one lane). */
static inline vf vf_swap_lanes(vf v, int d)
{
    (void)d;
    return v;
}
static inline float vf_first_lane(vf v) { return v; }

/* x 2^k for an integral k with |k| <= 2^8 and 1/2 <= |x| < 2 (or x = 0, inf,
 * NaN), rounded once: (x 2^j) 2^(k - j) with j = floor(k/2), whose first
 * product is exact. floor(k/2) is k/2 - 1/4 rounded to an integer by the
 * magic constant 1.5 2^23 (never a tie); 2^j for j in [-126, 127] is
 * (j + 127) << 23, read off the low bits of j + 1.5 2^23. */
static inline vf af_scalar_pow2f(vf j)
{
    uint32_t bits;
    vf shifted = j + 0x1.8p23f;
    memcpy(&bits, &shifted, sizeof bits);
    bits = (bits + 127u) << 23;
    memcpy(&shifted, &bits, sizeof bits);
    return shifted;
}
static inline vf vf_ldexp(vf x, vf k)
{
    vf k1 = (fmaf(k, 0.5f, -0.25f) + 0x1.8p23f) - 0x1.8p23f;
#if AF_SCALAR_FMA
    return AF_CF(ldexp, fmaf(x * af_scalar_pow2f(k1), af_scalar_pow2f(k - k1), -0.0f), x, 0, 0); /* as in vec_avx2.h */
#else
    return AF_CF(ldexp, (x * af_scalar_pow2f(k1)) * af_scalar_pow2f(k - k1), x, 0, 0);
#endif
}
/* x 2^k for an integral k in [-126, 127], where 2^k is a normal float: one
 * product, rounded once, the same bits as vf_ldexp (whose first product is
 * exact). */
static inline vf vf_ldexp_normal(vf x, vf k)
{
#if AF_SCALAR_FMA
    return AF_CF(ldexp, fmaf(x, af_scalar_pow2f(k), -0.0f), x, 0, 0);
#else
    return AF_CF(ldexp, x * af_scalar_pow2f(k), x, 0, 0);
#endif
}
/* x 2^-s for a constant s in [1, 149], rounded once to nearest even, as the
 * product would be, with integer operations only: where the result is
 * subnormal the product takes a microcode assist on Intel. The significand
 * m (its implicit bit included) of a result below the normals is m >> sh
 * rounded: (m + 2^(sh-1) - 1 + the quotient's last bit) >> sh, sh at most 26
 * (past it the result is 0 as at 26). Infinities and NaNs pass. */
static inline vf vf_ldexp_down(vf x, int s)
{
    uint32_t b;
    memcpy(&b, &x, sizeof b);
    const uint32_t mag = b & 0x7FFFFFFFu, e = mag >> 23;
    if (e > (uint32_t)s && e != 0xFFu)
        b -= (uint32_t)s << 23;
    else if (e <= (uint32_t)s) {
        const uint32_t m = (mag & 0x7FFFFFu) | (e ? 0x800000u : 0);
        uint32_t sh = (uint32_t)s + 1 - (e ? e : 1);
        sh = sh < 26 ? sh : 26;
        b = (b & 0x80000000u) | ((m + (1u << (sh - 1)) - 1 + ((m >> sh) & 1)) >> sh);
    }
    memcpy(&x, &b, sizeof b);
    return x;
}
/* a y rounded once, for any a and y, with no subnormal result, for the
 * products that may be subnormal: t = 2^23 + |a y| 2^149 rounded to an
 * integer (one FMA, whose sum lies in [2^23, 2^24) where the product is
 * below the normals, so that t's last place is the subnormals' 2^-149 and
 * its ties go to even as theirs do) holds the bits of |a y| in t - 2^23.
 * |y| 2^149 is exact below 2^-21 (two products: 2^149 is no float), the
 * first an FMA: it is the one operation that meets a subnormal y, and a
 * multiply with a subnormal operand is slow on some cores where an FMA is
 * not (AVX2 on Zen 5: sigmoid's backward from y on tail inputs ran at 10x
 * the uniform inputs' time with a multiply there, 3.4x with the FMA). Where
 * t reaches 2^24 (or is inf or NaN, past 2^-21) the product is normal,
 * infinite or NaN, and is formed as it is. */
static inline vf vf_mul_tiny(vf a, vf y)
{
    const vf t = vf_fma(fabsf(a), vf_mul(vf_fma(fabsf(y), 0x1p127f, -0.0f), 0x1p22f), 0x1p23f);
    const int small = t < 0x1p24f;
    uint32_t bits, ab, yb;
    memcpy(&bits, &t, sizeof bits);
    memcpy(&ab, &a, sizeof ab);
    memcpy(&yb, &y, sizeof yb);
    bits = (bits - 0x4B000000u) | ((ab ^ yb) & 0x80000000u);
    vf r;
    memcpy(&r, &bits, sizeof r);
    return small ? r : vf_mul(a, y);
}
static inline vf vf_log1p(vf a) { return AF_CF(log1p, AF_SLEEF_F(log1p, u10)(a), a, 0, 0); }

/* 16-bit storage: one half in, one out (half_bits.h). */
static inline vf vf_load_bf16(const uint16_t *p) { return af_bf16_to_float(*p); }
static inline vf vf_load_f16(const uint16_t *p) { return af_f16_to_float(*p); }
static inline void vf_store_bf16(uint16_t *p, vf v) { *p = af_float_to_bf16(v); }
static inline void vf_store_f16(uint16_t *p, vf v) { *p = af_float_to_f16(v); }
/* 1 (bit 0: the lane) if v lies within `ulps` of a 16-bit tie. */
static inline unsigned vf_near_tie_bf16(vf v, unsigned ulps) { return (unsigned)af_bf16_near_tie(v, ulps); }
static inline unsigned vf_near_tie_f16(vf v, unsigned ulps) { return (unsigned)af_f16_near_tie(v, ulps); }

/* ---- double --------------------------------------------------------------- */
typedef double vd;
typedef int md;
#define VD_LANES 1

static inline md md_first(size_t n) { return n > 0; }
static inline int md_any(md m) { return m; }
static inline vd vd_load(const double *p) { return *p; }
static inline void vd_store(double *p, vd v) { *p = v; }
static inline vd vd_load_part(const double *p, size_t n) { return n ? *p : 0.0; }
static inline void vd_store_part(double *p, vd v, size_t n) { if (n) *p = v; }
/* VD_LANES floats widened to doubles, and doubles rounded to nearest floats:
 * the loads and stores of the float kernels that run the double bodies
 * (kernels/wide.h). */
/* A result below the float normals is made with integer operations, as the
 * conversion would take a microcode assist on Intel: |v| 2^149 (exact)
 * rounded to an integer by the magic constant 1.5 2^52 is the subnormal's
 * bit pattern (2^23 for the smallest normal, where it rounds up). An exact
 * 0, common (hardswish below -3, any f' on a flat region), converts as it
 * is: on the slow path it made the branch unpredictable (hardswish's
 * forward on AVX2, x uniform in [-8, 8]: 1.7-2.1x slower, Zen 3). */
static inline float af_scalar_to_f32(vd v)
{
    if (!(fabs(v) < 0x1p-126) || v == 0)
        return AF_CF(convert, (float)v, 0, 0, 0);
    const uint32_t bits = (uint32_t)((fabs(v) * 0x1p149 + 0x1.8p52) - 0x1.8p52) | (signbit(v) ? 0x80000000u : 0);
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}
static inline vd vd_load_f32(const float *p) { return AF_CF(convert, *p, 0, 0, 0); }
static inline void vd_store_f32(float *p, vd v) { *p = af_scalar_to_f32(v); }
static inline vd vd_load_part_f32(const float *p, size_t n) { return n ? AF_CF(convert, *p, 0, 0, 0) : 0.0; }
static inline void vd_store_part_f32(float *p, vd v, size_t n) { if (n) *p = af_scalar_to_f32(v); }
static inline vd vd_set(double x) { return x; }

static inline vd vd_add(vd a, vd b) { return AF_CD(add, a + b, 0, 0, 0); }
static inline vd vd_sub(vd a, vd b) { return AF_CD(sub, a - b, 0, 0, 0); }
static inline vd vd_mul(vd a, vd b) { return AF_CD(mul, a * b, a, b, 0); }
static inline vd vd_div(vd a, vd b) { return AF_CD(div, a / b, a, b, 0); }
static inline vd vd_fma(vd a, vd b, vd c) { return AF_CD(fma, fma(a, b, c), a, b, c); }
static inline vd vd_fnma(vd a, vd b, vd c) { return vd_fma(-a, b, c); }
static inline vd vd_neg(vd a) { return -a; }
static inline vd vd_abs(vd a) { return fabs(a); }
static inline vd vd_nabs(vd a) { return -fabs(a); }
static inline vd vd_max(vd a, vd b) { return b > a ? b : a; }
static inline vd vd_min(vd a, vd b) { return b < a ? b : a; }

static inline md vd_lt(vd a, vd b) { return a < b; }
static inline md vd_le(vd a, vd b) { return a <= b; }
static inline md vd_gt(vd a, vd b) { return a > b; }
static inline md vd_ge(vd a, vd b) { return a >= b; }
static inline md vd_eq(vd a, vd b) { return a == b; }
static inline md vd_isnan(vd a) { return a != a; }
static inline uint64_t af_magnitude_bits_d(vd a)
{
    uint64_t b;
    memcpy(&b, &a, sizeof b);
    return b & 0x7FFFFFFFFFFFFFFFu;
}
static inline md vd_subnormal(vd a) { return af_magnitude_bits_d(a) - 1u < 0xFFFFFFFFFFFFFu; }
static inline md vd_subnormal_or_inf(vd a) { return vd_subnormal(a) | (af_magnitude_bits_d(a) == 0x7FF0000000000000u); }
static inline vd vd_sel(md m, vd a, vd b) { return m ? a : b; }
static inline vd vd_swap_lanes(vd v, int d)
{
    (void)d;
    return v;
}
static inline double vd_first_lane(vd v) { return v; }

/* The same with |k| <= 2^11, 1.5 2^52 and (j + 1023) << 52. */
static inline vd af_scalar_pow2d(vd j)
{
    uint64_t bits;
    vd shifted = j + 0x1.8p52;
    memcpy(&bits, &shifted, sizeof bits);
    bits = (bits + 1023u) << 52;
    memcpy(&shifted, &bits, sizeof bits);
    return shifted;
}
static inline vd vd_ldexp(vd x, vd k)
{
    vd k1 = (fma(k, 0.5, -0.25) + 0x1.8p52) - 0x1.8p52;
#if AF_SCALAR_FMA
    return AF_CD(ldexp, fma(x * af_scalar_pow2d(k1), af_scalar_pow2d(k - k1), -0.0), x, 0, 0);
#else
    return AF_CD(ldexp, (x * af_scalar_pow2d(k1)) * af_scalar_pow2d(k - k1), x, 0, 0);
#endif
}
/* The same for k in [-1022, 1023]. */
static inline vd vd_ldexp_normal(vd x, vd k)
{
#if AF_SCALAR_FMA
    return AF_CD(ldexp, fma(x, af_scalar_pow2d(k), -0.0), x, 0, 0);
#else
    return AF_CD(ldexp, x * af_scalar_pow2d(k), x, 0, 0);
#endif
}
/* The same for s in [1, 1074], sh at most 55. */
static inline vd vd_ldexp_down(vd x, int s)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    const uint64_t mag = b & 0x7FFFFFFFFFFFFFFFu, e = mag >> 52;
    if (e > (uint64_t)s && e != 0x7FFu)
        b -= (uint64_t)s << 52;
    else if (e <= (uint64_t)s) {
        const uint64_t m = (mag & 0xFFFFFFFFFFFFFu) | (e ? 0x10000000000000u : 0);
        uint64_t sh = (uint64_t)s + 1 - (e ? e : 1);
        sh = sh < 55 ? sh : 55;
        b = (b & 0x8000000000000000u) | ((m + ((uint64_t)1 << (sh - 1)) - 1 + ((m >> sh) & 1)) >> sh);
    }
    memcpy(&x, &b, sizeof b);
    return x;
}
/* The same with 2^52 + |a y| 2^1074. */
static inline vd vd_mul_tiny(vd a, vd y)
{
    const vd t = vd_fma(fabs(a), vd_mul(vd_fma(fabs(y), 0x1p1023, -0.0), 0x1p51), 0x1p52);
    const int small = t < 0x1p53;
    uint64_t bits, ab, yb;
    memcpy(&bits, &t, sizeof bits);
    memcpy(&ab, &a, sizeof ab);
    memcpy(&yb, &y, sizeof yb);
    bits = (bits - 0x4330000000000000u) | ((ab ^ yb) & 0x8000000000000000u);
    vd r;
    memcpy(&r, &bits, sizeof r);
    return small ? r : vd_mul(a, y);
}
static inline vd vd_log1p(vd a) { return AF_CD(log1p, AF_SLEEF_D(log1p, u10)(a), a, 0, 0); }

#endif
