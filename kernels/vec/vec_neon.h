/* The AArch64 Advanced SIMD (NEON) vocabulary: 4 floats / 2 doubles per
 * vector; a mask is a vector whose lanes are all ones or all zeros.
 *
 * Every operation here has the exact semantics of its twin in vec_scalar.h.
 * Hence no vmaxq/vminq: they return NaN for a NaN in either operand and order
 * -0 below +0. fnma is an FMA of -a, as the scalar one is (the compiler
 * emits FMLS, the same operation; SIMDe 0.7 has no vfmsq).
 *
 * AF_NEON_SIMDE builds the same code on another architecture through SIMDe's
 * NEON implementation (test builds only: cmake -DACTFAST_SIMDE_NEON=ON).
 * There SLEEF has no advsimd functions; its purecfma scalar ones, applied
 * lane by lane, are the same algorithm with the same FMAs and give the same
 * bits. */
#ifndef ACTFAST_VEC_NEON_H
#define ACTFAST_VEC_NEON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(AF_NEON_SIMDE)
#if !defined(__FMA__)
/* SIMDe's vfmaq is an unfused multiply and add without it. */
#error "vec_neon.h through SIMDe needs -mfma"
#endif
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/arm/neon.h>
/* sleef.h declares its purecfma functions only under FP_FAST_FMA, which
 * clang does not define for -mfma. */
#ifndef FP_FAST_FMA
#define FP_FAST_FMA 1
#endif
#elif defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
#else
#error "vec_neon.h needs AArch64 with Advanced SIMD, or AF_NEON_SIMDE"
#endif

#include <sleef.h>

#include "half_bits.h"


#if defined(AF_NEON_SIMDE)
#define AF_SLEEF_F(fn, u, a) af_neon_lanes_f(Sleef_##fn##f1_##u##purecfma, a)
#define AF_SLEEF_D(fn, u, a) af_neon_lanes_d(Sleef_##fn##d1_##u##purecfma, a)
/* SIMDe 0.7 has no vdivq: IEEE division lane by lane is the same operation. */
#define AF_NEON_DIV_F(a, b) af_neon_div_f(a, b)
#define AF_NEON_DIV_D(a, b) af_neon_div_d(a, b)
#else
#define AF_SLEEF_F(fn, u, a) Sleef_##fn##f4_##u##advsimd(a)
#define AF_SLEEF_D(fn, u, a) Sleef_##fn##d2_##u##advsimd(a)
#define AF_NEON_DIV_F(a, b) vdivq_f32(a, b)
#define AF_NEON_DIV_D(a, b) vdivq_f64(a, b)
#endif

/* ---- float ---------------------------------------------------------------- */
typedef float32x4_t vf;
typedef uint32x4_t mf;
#define VF_LANES 4

#if defined(AF_NEON_SIMDE)
static inline vf af_neon_lanes_f(float (*f)(float), vf a)
{
    float l[VF_LANES];
    vst1q_f32(l, a);
    for (int i = 0; i < VF_LANES; i++)
        l[i] = f(l[i]);
    return vld1q_f32(l);
}
static inline vf af_neon_div_f(vf a, vf b)
{
    float x[VF_LANES], y[VF_LANES];
    vst1q_f32(x, a);
    vst1q_f32(y, b);
    for (int i = 0; i < VF_LANES; i++)
        x[i] /= y[i];
    return vld1q_f32(x);
}
#endif

/* n <= 4: the tail of a loop over whole vectors. */
static inline mf mf_first(size_t n)
{
    static const uint32_t lane[VF_LANES] = {0, 1, 2, 3};
    return vcltq_u32(vld1q_u32(lane), vdupq_n_u32((uint32_t)n));
}
static inline int mf_any(mf m) { return vmaxvq_u32(m) != 0; }
static inline vf vf_load(const float *p) { return vld1q_f32(p); }
static inline void vf_store(float *p, vf v) { vst1q_f32(p, v); }
/* NEON has no masked load or store: the n < 4 elements go through a buffer,
 * so that nothing past p + n is touched (the missing lanes read 0, as in
 * vec_scalar.h). */
static inline vf vf_load_part(const float *p, size_t n)
{
    float buf[VF_LANES] = {0};
    memcpy(buf, p, n * sizeof *p);
    return vld1q_f32(buf);
}
static inline void vf_store_part(float *p, vf v, size_t n)
{
    float buf[VF_LANES];
    vst1q_f32(buf, v);
    memcpy(p, buf, n * sizeof *p);
}
static inline vf vf_set(float x) { return vdupq_n_f32(x); }

static inline vf vf_add(vf a, vf b) { return vaddq_f32(a, b); }
static inline vf vf_sub(vf a, vf b) { return vsubq_f32(a, b); }
static inline vf vf_mul(vf a, vf b) { return vmulq_f32(a, b); }
static inline vf vf_div(vf a, vf b) { return AF_NEON_DIV_F(a, b); }
static inline vf vf_fma(vf a, vf b, vf c) { return vfmaq_f32(c, a, b); }
static inline vf vf_fnma(vf a, vf b, vf c) { return vfmaq_f32(c, vnegq_f32(a), b); }
static inline vf vf_neg(vf a) { return vnegq_f32(a); }
static inline vf vf_abs(vf a) { return vabsq_f32(a); }
static inline vf vf_nabs(vf a) { return vnegq_f32(vabsq_f32(a)); }
/* (b > a) ? b : a, and (b < a) ? b : a: a NaN in a is kept, max(-0, +0) = -0. */
static inline vf vf_max(vf a, vf b) { return vbslq_f32(vcgtq_f32(b, a), b, a); }
static inline vf vf_min(vf a, vf b) { return vbslq_f32(vcltq_f32(b, a), b, a); }

/* The NEON comparisons are ordered: false when either operand is NaN. */
static inline mf vf_lt(vf a, vf b) { return vcltq_f32(a, b); }
static inline mf vf_le(vf a, vf b) { return vcleq_f32(a, b); }
static inline mf vf_gt(vf a, vf b) { return vcgtq_f32(a, b); }
static inline mf vf_ge(vf a, vf b) { return vcgeq_f32(a, b); }
static inline mf vf_eq(vf a, vf b) { return vceqq_f32(a, b); }
static inline mf vf_isnan(vf a) { return vmvnq_u32(vceqq_f32(a, a)); }
static inline mf vf_subnormal(vf a)
{
    const vf m = vabsq_f32(a);
    return vandq_u32(vcltq_f32(m, vdupq_n_f32(0x1p-126f)), vcgtq_f32(m, vdupq_n_f32(0.0f)));
}
static inline mf vf_subnormal_or_inf(vf a) { return vorrq_u32(vf_subnormal(a), vceqq_f32(vabsq_f32(a), vdupq_n_f32(INFINITY))); }
static inline vf vf_sel(mf m, vf a, vf b) { return vbslq_f32(m, a, b); }
/* Lanes j and j ^ d exchanged (d a power of 2 below the lane count, a
 * constant after inlining), and lane 0: the steps of a horizontal tree. */
static inline vf vf_swap_lanes(vf v, int d) { return d == 2 ? vextq_f32(v, v, 2) : vrev64q_f32(v); }
static inline float vf_first_lane(vf v) { return vgetq_lane_f32(v, 0); }

/* x 2^k as in vec_scalar.h. */
static inline vf af_neon_pow2f(vf j)
{
    int32x4_t bits = vreinterpretq_s32_f32(vaddq_f32(j, vdupq_n_f32(0x1.8p23f)));
    return vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(bits, vdupq_n_s32(127)), 23));
}
static inline vf vf_ldexp(vf x, vf k)
{
    vf magic = vdupq_n_f32(0x1.8p23f);
    vf k1 = vsubq_f32(vaddq_f32(vfmaq_f32(vdupq_n_f32(-0.25f), k, vdupq_n_f32(0.5f)), magic), magic);
    return vmulq_f32(vmulq_f32(x, af_neon_pow2f(k1)), af_neon_pow2f(vsubq_f32(k, k1)));
}
/* x 2^k for k in [-126, 127] (vec_scalar.h): one product. */
static inline vf vf_ldexp_normal(vf x, vf k) { return vmulq_f32(x, af_neon_pow2f(k)); }
/* x 2^-s with integer operations (vec_scalar.h); vshlq by -sh shifts right. */
static inline vf vf_ldexp_down(vf x, int s)
{
    const uint32x4_t b = vreinterpretq_u32_f32(x), mag = vandq_u32(b, vdupq_n_u32(0x7FFFFFFFu));
    const uint32x4_t e = vshrq_n_u32(mag, 23), one = vdupq_n_u32(1);
    const uint32x4_t m = vorrq_u32(vandq_u32(mag, vdupq_n_u32(0x7FFFFFu)),
                                   vandq_u32(vcgtq_u32(e, vdupq_n_u32(0)), vdupq_n_u32(0x800000u)));
    const uint32x4_t sh = vminq_u32(vsubq_u32(vdupq_n_u32((uint32_t)s + 1), vmaxq_u32(e, one)), vdupq_n_u32(26));
    const int32x4_t right = vnegq_s32(vreinterpretq_s32_u32(sh));
    const uint32x4_t half = vsubq_u32(vshlq_u32(one, vreinterpretq_s32_u32(vsubq_u32(sh, one))), one);
    const uint32x4_t odd = vandq_u32(vshlq_u32(m, right), one);
    const uint32x4_t q = vshlq_u32(vaddq_u32(vaddq_u32(m, half), odd), right);
    const uint32x4_t below = vorrq_u32(veorq_u32(b, mag), q);
    const uint32x4_t normal = vsubq_u32(b, vdupq_n_u32((uint32_t)s << 23));
    uint32x4_t r = vbslq_u32(vcgtq_u32(e, vdupq_n_u32((uint32_t)s)), normal, below);
    r = vbslq_u32(vceqq_u32(e, vdupq_n_u32(0xFFu)), b, r);
    return vreinterpretq_f32_u32(r);
}
/* a y rounded once, no subnormal result (vec_scalar.h). */
static inline vf vf_mul_tiny(vf a, vf y)
{
    const vf big_y = vmulq_f32(vfmaq_f32(vdupq_n_f32(-0.0f), vabsq_f32(y), vdupq_n_f32(0x1p127f)), vdupq_n_f32(0x1p22f));
    const vf t = vfmaq_f32(vdupq_n_f32(0x1p23f), vabsq_f32(a), big_y);
    const uint32x4_t small = vcltq_f32(t, vdupq_n_f32(0x1p24f));
    const uint32x4_t sign = vandq_u32(veorq_u32(vreinterpretq_u32_f32(a), vreinterpretq_u32_f32(y)), vdupq_n_u32(0x80000000u));
    const uint32x4_t r = vorrq_u32(vsubq_u32(vreinterpretq_u32_f32(t), vdupq_n_u32(0x4B000000u)), sign);
    const vf big = vmulq_f32(a, vreinterpretq_f32_u32(vbicq_u32(vreinterpretq_u32_f32(y), small)));
    return vbslq_f32(small, vreinterpretq_f32_u32(r), big);
}
static inline vf vf_log1p(vf a) { return AF_SLEEF_F(log1p, u10, a); }

/* 16-bit storage (vec_scalar.h, half_bits.h): 4 halves in, 4 out. binary16
 * through fcvtl and fcvtn (round to nearest even in the default FPCR that
 * every call runs in; SIMDe 0.7 has no half type: half_bits.h lane by lane
 * there). bfloat16 by integer operations: its conversions are ARMv8.6's. */
static inline vf vf_load_bf16(const uint16_t *p) { return vreinterpretq_f32_u32(vshlq_n_u32(vmovl_u16(vld1_u16(p)), 16)); }
static inline void vf_store_bf16(uint16_t *p, vf v)
{
    const uint32x4_t b = vreinterpretq_u32_f32(v);
    const uint32x4_t nan = vcgtq_u32(vandq_u32(b, vdupq_n_u32(0x7FFFFFFFu)), vdupq_n_u32(0x7F800000u));
    const uint32x4_t odd = vandq_u32(vshrq_n_u32(b, 16), vdupq_n_u32(1));
    const uint32x4_t rounded = vshrq_n_u32(vaddq_u32(vaddq_u32(b, vdupq_n_u32(0x7FFFu)), odd), 16);
    const uint32x4_t quiet = vorrq_u32(vshrq_n_u32(b, 16), vdupq_n_u32(0x40u));
    vst1_u16(p, vmovn_u32(vbslq_u32(nan, quiet, rounded)));
}
#if defined(AF_NEON_SIMDE)
static inline vf vf_load_f16(const uint16_t *p)
{
    float l[VF_LANES];
    for (int i = 0; i < VF_LANES; i++)
        l[i] = af_f16_to_float(p[i]);
    return vld1q_f32(l);
}
static inline void vf_store_f16(uint16_t *p, vf v)
{
    float l[VF_LANES];
    vst1q_f32(l, v);
    for (int i = 0; i < VF_LANES; i++)
        p[i] = af_float_to_f16(l[i]);
}
#else
static inline vf vf_load_f16(const uint16_t *p) { return vcvt_f32_f16(vreinterpret_f16_u16(vld1_u16(p))); }
static inline void vf_store_f16(uint16_t *p, vf v) { vst1_u16(p, vreinterpret_u16_f16(vcvt_f16_f32(v))); }
#endif
/* The lanes (bit i for lane i) whose bits m lie within `ulps` of the tie
 * below mask (half_bits.h): (m - (tie - ulps)) & mask <= 2 ulps. */
static inline unsigned af_neon_near(uint32x4_t m, uint32x4_t tie, uint32x4_t mask, unsigned ulps)
{
    static const uint32_t bit[VF_LANES] = {1, 2, 4, 8};
    const uint32x4_t d = vandq_u32(vsubq_u32(m, vsubq_u32(tie, vdupq_n_u32(ulps))), mask);
    return vaddvq_u32(vandq_u32(vcleq_u32(d, vdupq_n_u32(2 * ulps)), vld1q_u32(bit)));
}
static inline unsigned vf_near_tie_bf16(vf v, unsigned ulps)
{
    return af_neon_near(vreinterpretq_u32_f32(v), vdupq_n_u32(0x8000u), vdupq_n_u32(0xFFFFu), ulps);
}
/* The tie's place by af_f16_dropped_bits, lane by lane. */
static inline unsigned vf_near_tie_f16(vf v, unsigned ulps)
{
    const uint32x4_t a = vandq_u32(vreinterpretq_u32_f32(v), vdupq_n_u32(0x7FFFFFFFu)), one = vdupq_n_u32(1);
    const int32x4_t below = vsubq_s32(vdupq_n_s32(126), vreinterpretq_s32_u32(vshrq_n_u32(a, 23)));
    const int32x4_t s = vminq_s32(vmaxq_s32(below, vdupq_n_s32(13)), vdupq_n_s32(26));
    const uint32x4_t m = vorrq_u32(vandq_u32(a, vdupq_n_u32(0x7FFFFFu)), vdupq_n_u32(0x800000u));
    return af_neon_near(m, vshlq_u32(one, vsubq_s32(s, vdupq_n_s32(1))), vsubq_u32(vshlq_u32(one, s), one), ulps);
}

/* ---- double --------------------------------------------------------------- */
typedef float64x2_t vd;
typedef uint64x2_t md;
#define VD_LANES 2

#if defined(AF_NEON_SIMDE)
static inline vd af_neon_lanes_d(double (*f)(double), vd a)
{
    double l[VD_LANES];
    vst1q_f64(l, a);
    for (int i = 0; i < VD_LANES; i++)
        l[i] = f(l[i]);
    return vld1q_f64(l);
}
static inline vd af_neon_div_d(vd a, vd b)
{
    double x[VD_LANES], y[VD_LANES];
    vst1q_f64(x, a);
    vst1q_f64(y, b);
    for (int i = 0; i < VD_LANES; i++)
        x[i] /= y[i];
    return vld1q_f64(x);
}
#endif

static inline md md_first(size_t n)
{
    static const uint64_t lane[VD_LANES] = {0, 1};
    return vcltq_u64(vld1q_u64(lane), vdupq_n_u64((uint64_t)n));
}
static inline int md_any(md m) { return vmaxvq_u32(vreinterpretq_u32_u64(m)) != 0; }
static inline vd vd_load(const double *p) { return vld1q_f64(p); }
static inline void vd_store(double *p, vd v) { vst1q_f64(p, v); }
static inline vd vd_load_part(const double *p, size_t n)
{
    double buf[VD_LANES] = {0};
    memcpy(buf, p, n * sizeof *p);
    return vld1q_f64(buf);
}
static inline void vd_store_part(double *p, vd v, size_t n)
{
    double buf[VD_LANES];
    vst1q_f64(buf, v);
    memcpy(p, buf, n * sizeof *p);
}
/* VD_LANES floats widened to doubles, and doubles rounded to nearest floats:
 * the loads and stores of the float kernels that run the double bodies
 * (kernels/wide.h). */
/* Rounded to float, a result below the float normals but 0 by integer
 * operations (vec_scalar.h). */
static inline float32x2_t af_neon_to_f32(vd v)
{
    const float64x2_t a = vabsq_f64(v);
    const uint64x2_t tiny = vandq_u64(vcltq_f64(a, vdupq_n_f64(0x1p-126)), vcgtzq_f64(a));
    if (!(vgetq_lane_u64(tiny, 0) | vgetq_lane_u64(tiny, 1)))
        return vcvt_f32_f64(v);
    const uint32x2_t sign = vand_u32(vshrn_n_u64(vreinterpretq_u64_f64(v), 32), vdup_n_u32(0x80000000u));
    const float64x2_t magic = vdupq_n_f64(0x1.8p52); /* rounds to an integer, to nearest even */
    const float64x2_t m = vsubq_f64(vaddq_f64(vmulq_f64(a, vdupq_n_f64(0x1p149)), magic), magic);
    const uint32x2_t q = vreinterpret_u32_s32(vmovn_s64(vcvtq_s64_f64(m)));
    const float32x2_t normal = vcvt_f32_f64(vbslq_f64(tiny, vdupq_n_f64(0), v));
    return vbsl_f32(vmovn_u64(tiny), vreinterpret_f32_u32(vorr_u32(q, sign)), normal);
}
static inline vd vd_load_f32(const float *p) { return vcvt_f64_f32(vld1_f32(p)); }
static inline void vd_store_f32(float *p, vd v) { vst1_f32(p, af_neon_to_f32(v)); }
static inline vd vd_load_part_f32(const float *p, size_t n)
{
    float buf[VD_LANES] = {0};
    memcpy(buf, p, n * sizeof *p);
    return vcvt_f64_f32(vld1_f32(buf));
}
static inline void vd_store_part_f32(float *p, vd v, size_t n)
{
    float buf[VD_LANES];
    vst1_f32(buf, af_neon_to_f32(v));
    memcpy(p, buf, n * sizeof *p);
}
static inline vd vd_set(double x) { return vdupq_n_f64(x); }

static inline vd vd_add(vd a, vd b) { return vaddq_f64(a, b); }
static inline vd vd_sub(vd a, vd b) { return vsubq_f64(a, b); }
static inline vd vd_mul(vd a, vd b) { return vmulq_f64(a, b); }
static inline vd vd_div(vd a, vd b) { return AF_NEON_DIV_D(a, b); }
static inline vd vd_fma(vd a, vd b, vd c) { return vfmaq_f64(c, a, b); }
static inline vd vd_fnma(vd a, vd b, vd c) { return vfmaq_f64(c, vnegq_f64(a), b); }
static inline vd vd_neg(vd a) { return vnegq_f64(a); }
static inline vd vd_abs(vd a) { return vabsq_f64(a); }
static inline vd vd_nabs(vd a) { return vnegq_f64(vabsq_f64(a)); }
static inline vd vd_max(vd a, vd b) { return vbslq_f64(vcgtq_f64(b, a), b, a); }
static inline vd vd_min(vd a, vd b) { return vbslq_f64(vcltq_f64(b, a), b, a); }

static inline md vd_lt(vd a, vd b) { return vcltq_f64(a, b); }
static inline md vd_le(vd a, vd b) { return vcleq_f64(a, b); }
static inline md vd_gt(vd a, vd b) { return vcgtq_f64(a, b); }
static inline md vd_ge(vd a, vd b) { return vcgeq_f64(a, b); }
static inline md vd_eq(vd a, vd b) { return vceqq_f64(a, b); }
/* There is no vmvnq_u64; the bits are the same through u32 lanes. */
static inline md vd_isnan(vd a) { return vreinterpretq_u64_u32(vmvnq_u32(vreinterpretq_u32_u64(vceqq_f64(a, a)))); }
static inline md vd_subnormal(vd a)
{
    const vd m = vabsq_f64(a);
    return vandq_u64(vcltq_f64(m, vdupq_n_f64(0x1p-1022)), vcgtq_f64(m, vdupq_n_f64(0.0)));
}
static inline md vd_subnormal_or_inf(vd a) { return vorrq_u64(vd_subnormal(a), vceqq_f64(vabsq_f64(a), vdupq_n_f64(INFINITY))); }
static inline vd vd_sel(md m, vd a, vd b) { return vbslq_f64(m, a, b); }
static inline vd vd_swap_lanes(vd v, int d)
{
    (void)d;
    return vextq_f64(v, v, 1);
}
static inline double vd_first_lane(vd v) { return vgetq_lane_f64(v, 0); }

static inline vd af_neon_pow2d(vd j)
{
    int64x2_t bits = vreinterpretq_s64_f64(vaddq_f64(j, vdupq_n_f64(0x1.8p52)));
    return vreinterpretq_f64_s64(vshlq_n_s64(vaddq_s64(bits, vdupq_n_s64(1023)), 52));
}
static inline vd vd_ldexp(vd x, vd k)
{
    vd magic = vdupq_n_f64(0x1.8p52);
    vd k1 = vsubq_f64(vaddq_f64(vfmaq_f64(vdupq_n_f64(-0.25), k, vdupq_n_f64(0.5)), magic), magic);
    return vmulq_f64(vmulq_f64(x, af_neon_pow2d(k1)), af_neon_pow2d(vsubq_f64(k, k1)));
}
static inline vd vd_ldexp_normal(vd x, vd k) { return vmulq_f64(x, af_neon_pow2d(k)); }
/* No 64-bit min or max either: compare and select. */
static inline vd vd_ldexp_down(vd x, int s)
{
    const uint64x2_t b = vreinterpretq_u64_f64(x), mag = vandq_u64(b, vdupq_n_u64(0x7FFFFFFFFFFFFFFFu));
    const uint64x2_t e = vshrq_n_u64(mag, 52), one = vdupq_n_u64(1);
    const uint64x2_t has_implicit = vcgtq_u64(e, vdupq_n_u64(0));
    const uint64x2_t m = vorrq_u64(vandq_u64(mag, vdupq_n_u64(0xFFFFFFFFFFFFFu)),
                                   vandq_u64(has_implicit, vdupq_n_u64(0x10000000000000u)));
    uint64x2_t sh = vsubq_u64(vdupq_n_u64((uint64_t)s + 1), vbslq_u64(has_implicit, e, one));
    sh = vbslq_u64(vcgtq_u64(sh, vdupq_n_u64(55)), vdupq_n_u64(55), sh);
    const int64x2_t right = vnegq_s64(vreinterpretq_s64_u64(sh));
    const uint64x2_t half = vsubq_u64(vshlq_u64(one, vreinterpretq_s64_u64(vsubq_u64(sh, one))), one);
    const uint64x2_t odd = vandq_u64(vshlq_u64(m, right), one);
    const uint64x2_t q = vshlq_u64(vaddq_u64(vaddq_u64(m, half), odd), right);
    const uint64x2_t below = vorrq_u64(veorq_u64(b, mag), q);
    const uint64x2_t normal = vsubq_u64(b, vdupq_n_u64((uint64_t)s << 52));
    uint64x2_t r = vbslq_u64(vcgtq_u64(e, vdupq_n_u64((uint64_t)s)), normal, below);
    r = vbslq_u64(vceqq_u64(e, vdupq_n_u64(0x7FFu)), b, r);
    return vreinterpretq_f64_u64(r);
}
static inline vd vd_mul_tiny(vd a, vd y)
{
    const vd big_y = vmulq_f64(vfmaq_f64(vdupq_n_f64(-0.0), vabsq_f64(y), vdupq_n_f64(0x1p1023)), vdupq_n_f64(0x1p51));
    const vd t = vfmaq_f64(vdupq_n_f64(0x1p52), vabsq_f64(a), big_y);
    const uint64x2_t small = vcltq_f64(t, vdupq_n_f64(0x1p53));
    const uint64x2_t sign = vandq_u64(veorq_u64(vreinterpretq_u64_f64(a), vreinterpretq_u64_f64(y)),
                                      vdupq_n_u64(0x8000000000000000u));
    const uint64x2_t r = vorrq_u64(vsubq_u64(vreinterpretq_u64_f64(t), vdupq_n_u64(0x4330000000000000u)), sign);
    const vd big = vmulq_f64(a, vreinterpretq_f64_u64(vbicq_u64(vreinterpretq_u64_f64(y), small)));
    return vbslq_f64(small, vreinterpretq_f64_u64(r), big);
}
static inline vd vd_log1p(vd a) { return AF_SLEEF_D(log1p, u10, a); }

#endif
