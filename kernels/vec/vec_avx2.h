/* The AVX2+FMA vocabulary: 8 floats / 4 doubles per vector; a mask is a
 * vector whose lanes are all ones or all zeros.
 *
 * Every operation here has the exact semantics of its twin in vec_scalar.h. */
#ifndef ACTFAST_VEC_AVX2_H
#define ACTFAST_VEC_AVX2_H

#if !defined(__AVX2__) || !defined(__FMA__)
#error "vec_avx2.h needs -mavx2 -mfma"
#endif

#include <immintrin.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <sleef.h>

#include "half_bits.h"


/* ---- float ---------------------------------------------------------------- */
typedef __m256 vf;
typedef __m256 mf;
#define VF_LANES 8

static inline __m256i af_avx2_first32(size_t n)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
static inline mf mf_first(size_t n) { return _mm256_castsi256_ps(af_avx2_first32(n)); }
static inline int mf_any(mf m) { return _mm256_movemask_ps(m) != 0; }
static inline vf vf_load(const float *p) { return _mm256_loadu_ps(p); }
static inline void vf_store(float *p, vf v) { _mm256_storeu_ps(p, v); }
/* vmaskmov neither reads nor writes masked-off lanes (no fault past the end). */
static inline vf vf_load_part(const float *p, size_t n) { return _mm256_maskload_ps(p, af_avx2_first32(n)); }
static inline void vf_store_part(float *p, vf v, size_t n) { _mm256_maskstore_ps(p, af_avx2_first32(n), v); }
/* Non-temporal (kernels/elementwise.h, AF_STREAMS): p aligned to the vector. */
#define AF_HAS_STREAM 1
static inline void vf_stream(float *p, vf v) { _mm256_stream_ps(p, v); }
static inline void af_stream_fence(void) { _mm_sfence(); }
static inline vf vf_set(float x) { return _mm256_set1_ps(x); }

static inline vf vf_add(vf a, vf b) { return _mm256_add_ps(a, b); }
static inline vf vf_sub(vf a, vf b) { return _mm256_sub_ps(a, b); }
static inline vf vf_mul(vf a, vf b) { return _mm256_mul_ps(a, b); }
static inline vf vf_div(vf a, vf b) { return _mm256_div_ps(a, b); }
static inline vf vf_fma(vf a, vf b, vf c) { return _mm256_fmadd_ps(a, b, c); }
static inline vf vf_fnma(vf a, vf b, vf c) { return _mm256_fnmadd_ps(a, b, c); }
/* A sign flip written as negation, which GCC folds into an FMA or a sum that
 * takes it (fmsub, sub), where it cannot see through an xor. */
static inline vf vf_neg(vf a) { return -a; }
static inline vf vf_abs(vf a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
/* -|a| in one instruction. */
static inline vf vf_nabs(vf a) { return _mm256_or_ps(a, _mm256_set1_ps(-0.0f)); }
/* (b > a) ? b : a, and (b < a) ? b : a: a NaN in a is kept, max(-0, +0) = -0. */
static inline vf vf_max(vf a, vf b) { return _mm256_max_ps(b, a); }
static inline vf vf_min(vf a, vf b) { return _mm256_min_ps(b, a); }

static inline mf vf_lt(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
static inline mf vf_le(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_LE_OQ); }
static inline mf vf_gt(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
static inline mf vf_ge(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_GE_OQ); }
static inline mf vf_eq(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
static inline mf vf_isnan(vf a) { return _mm256_cmp_ps(a, a, _CMP_UNORD_Q); }
static inline mf vf_subnormal(vf a)
{
    const vf m = vf_abs(a);
    return _mm256_and_ps(_mm256_cmp_ps(m, _mm256_set1_ps(0x1p-126f), _CMP_LT_OQ), _mm256_cmp_ps(m, _mm256_setzero_ps(), _CMP_NEQ_OQ));
}
static inline mf vf_subnormal_or_inf(vf a)
{
    return _mm256_or_ps(vf_subnormal(a), _mm256_cmp_ps(vf_abs(a), _mm256_set1_ps(INFINITY), _CMP_EQ_OQ));
}
static inline vf vf_sel(mf m, vf a, vf b) { return _mm256_blendv_ps(b, a, m); }
/* Lanes j and j ^ d exchanged (d a power of 2 below the lane count, a
 * constant after inlining), and lane 0: the steps of a horizontal tree. */
static inline vf vf_swap_lanes(vf v, int d)
{
    switch (d) {
    case 4: return _mm256_permute2f128_ps(v, v, 1);
    case 2: return _mm256_permute_ps(v, _MM_SHUFFLE(1, 0, 3, 2));
    default: return _mm256_permute_ps(v, _MM_SHUFFLE(2, 3, 0, 1));
    }
}
static inline float vf_first_lane(vf v) { return _mm256_cvtss_f32(v); }

/* x 2^k as in vec_scalar.h: 2^j for integral j in [-126, 127] is (j + 127) << 23,
 * read off the low bits of j + 1.5 2^23. */
static inline vf af_avx2_pow2f(vf j)
{
    __m256i bits = _mm256_castps_si256(_mm256_add_ps(j, _mm256_set1_ps(0x1.8p23f)));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(bits, _mm256_set1_epi32(127)), 23));
}
/* The last product through an FMA with -0 (same bits): a subnormal result
 * of a multiply takes a microcode assist on Zen 5 (kernels/act/double_word.h). */
static inline vf vf_ldexp(vf x, vf k)
{
    vf magic = _mm256_set1_ps(0x1.8p23f);
    vf k1 = _mm256_sub_ps(_mm256_add_ps(_mm256_fmadd_ps(k, _mm256_set1_ps(0.5f), _mm256_set1_ps(-0.25f)), magic), magic);
    return _mm256_fmadd_ps(_mm256_mul_ps(x, af_avx2_pow2f(k1)), af_avx2_pow2f(_mm256_sub_ps(k, k1)), _mm256_set1_ps(-0.0f));
}
/* x 2^k for k in [-126, 127] (vec_scalar.h): one product. */
static inline vf vf_ldexp_normal(vf x, vf k) { return _mm256_fmadd_ps(x, af_avx2_pow2f(k), _mm256_set1_ps(-0.0f)); }
/* x 2^-s, rounded once to nearest even as the product would be (vec_scalar.h),
 * for a constant s in [24, 253], with no floating-point operation meeting a
 * subnormal. Where the result is normal (|x| >= 2^(s - 126)) it is x's bits
 * less s in the exponent. Below, the result's bits are its multiple q of
 * 2^-149, which one FMA rounds: |x| 2^(149 - s) + 2^23 lies in [2^23, 2^24],
 * where floats are the integers, so the FMA rounds |x| 2^(149 - s) to q
 * (ties to even, as q's parity is the sum's) and its bits less 2^23's are q
 * (2^23 itself, the smallest normal, where q rounds up to it). |x| is raised
 * to 2^-126 first: a subnormal operand would take an assist on Intel, and
 * for s >= 24 both round to q = 0. Infinities and NaNs pass. The same
 * bits as vec_scalar.h's integer version for every float at s = 92, 126,
 * 132 and 184 (checked once, all 2^32); its variable shifts made the tail
 * input classes slow (Zen 3, n = 4096, ratio to uniform inputs: sigmoid's
 * forward 2.4 -> 1.65, tanh's and elu's backward 1.9 -> 1.4-1.5). */
static inline vf vf_ldexp_down(vf x, int s)
{
    const vf a = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), x);
    const vf below = _mm256_cmp_ps(a, _mm256_castsi256_ps(_mm256_set1_epi32((s + 1) << 23)), _CMP_LT_OQ);
    const vf special = _mm256_cmp_ps(a, _mm256_set1_ps(INFINITY), _CMP_NLT_UQ);
    const vf t = _mm256_fmadd_ps(_mm256_max_ps(a, _mm256_set1_ps(0x1p-126f)),
                                 _mm256_castsi256_ps(_mm256_set1_epi32((127 + 149 - s) << 23)), _mm256_set1_ps(0x1p23f));
    const __m256i b = _mm256_castps_si256(x);
    const __m256i q = _mm256_or_si256(_mm256_sub_epi32(_mm256_castps_si256(t), _mm256_set1_epi32(0x4B000000)),
                                      _mm256_and_si256(b, _mm256_set1_epi32((int)0x80000000u)));
    const vf normal = _mm256_blendv_ps(_mm256_castsi256_ps(_mm256_sub_epi32(b, _mm256_set1_epi32(s << 23))), x, special);
    return _mm256_blendv_ps(normal, _mm256_castsi256_ps(q), below);
}
/* a y rounded once, no subnormal result (vec_scalar.h). */
static inline vf vf_mul_tiny(vf a, vf y)
{
    const vf big_y = _mm256_mul_ps(_mm256_fmadd_ps(vf_abs(y), _mm256_set1_ps(0x1p127f), _mm256_set1_ps(-0.0f)), _mm256_set1_ps(0x1p22f));
    const vf t = _mm256_fmadd_ps(vf_abs(a), big_y, _mm256_set1_ps(0x1p23f));
    const vf small = _mm256_cmp_ps(t, _mm256_set1_ps(0x1p24f), _CMP_LT_OQ);
    const __m256i sign = _mm256_and_si256(_mm256_castps_si256(_mm256_xor_ps(a, y)), _mm256_set1_epi32((int)0x80000000u));
    const __m256i r = _mm256_or_si256(_mm256_sub_epi32(_mm256_castps_si256(t), _mm256_set1_epi32(0x4B000000)), sign);
    return _mm256_blendv_ps(_mm256_mul_ps(a, _mm256_andnot_ps(small, y)), _mm256_castsi256_ps(r), small);
}
static inline vf vf_log1p(vf a) { return Sleef_log1pf8_u10avx2(a); }

/* 16-bit storage (vec_scalar.h, half_bits.h): 8 halves in, 8 out. binary16
 * through F16C (the AVX2 set requires it: src/cpu_x86.c); bfloat16 by
 * integer operations, rounding as half_bits.h does. */
static inline vf vf_load_bf16(const uint16_t *p)
{
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)p)), 16));
}
static inline vf vf_load_f16(const uint16_t *p) { return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p)); }
static inline void vf_store_bf16(uint16_t *p, vf v)
{
    const __m256i b = _mm256_castps_si256(v);
    const __m256i nan = _mm256_cmpgt_epi32(_mm256_and_si256(b, _mm256_set1_epi32(0x7FFFFFFF)), _mm256_set1_epi32(0x7F800000));
    const __m256i odd = _mm256_and_si256(_mm256_srli_epi32(b, 16), _mm256_set1_epi32(1));
    const __m256i rounded = _mm256_srli_epi32(_mm256_add_epi32(_mm256_add_epi32(b, _mm256_set1_epi32(0x7FFF)), odd), 16);
    const __m256i quiet = _mm256_or_si256(_mm256_srli_epi32(b, 16), _mm256_set1_epi32(0x40));
    const __m256i h = _mm256_blendv_epi8(rounded, quiet, nan);
    /* 32 -> 16 bits within each 128-bit half, then the halves' results joined */
    const __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi32(h, h), 0x08);
    _mm_storeu_si128((__m128i *)p, _mm256_castsi256_si128(packed));
}
static inline void vf_store_f16(uint16_t *p, vf v)
{
    _mm_storeu_si128((__m128i *)p, _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}
/* The lanes (bit i for lane i) whose bits m lie within `ulps` of the tie
 * below `mask` (half_bits.h): (m - (tie - ulps)) & mask <= 2 ulps, signed
 * compares of values >= 0. */
static inline unsigned af_avx2_near(__m256i m, __m256i tie, __m256i mask, unsigned ulps)
{
    const __m256i d = _mm256_and_si256(_mm256_sub_epi32(m, _mm256_sub_epi32(tie, _mm256_set1_epi32((int)ulps))), mask);
    return (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(2 * (int)ulps + 1), d)));
}
static inline unsigned vf_near_tie_bf16(vf v, unsigned ulps)
{
    return af_avx2_near(_mm256_castps_si256(v), _mm256_set1_epi32(0x8000), _mm256_set1_epi32(0xFFFF), ulps);
}
/* Below the normal halves (0 < |v| < 2^-14, rare) the tie's place moves
 * with v's exponent: variable shifts (af_f16_dropped_bits). */
static inline unsigned vf_near_tie_f16(vf v, unsigned ulps)
{
    const __m256i a = _mm256_and_si256(_mm256_castps_si256(v), _mm256_set1_epi32(0x7FFFFFFF));
    const __m256i subnormal = _mm256_and_si256(_mm256_cmpgt_epi32(_mm256_set1_epi32(0x38800000), a),
                                               _mm256_cmpgt_epi32(a, _mm256_setzero_si256()));
    if (_mm256_testz_si256(subnormal, subnormal))
        return af_avx2_near(a, _mm256_set1_epi32(0x1000), _mm256_set1_epi32(0x1FFF), ulps);
    const __m256i below = _mm256_sub_epi32(_mm256_set1_epi32(126), _mm256_srli_epi32(a, 23));
    const __m256i s = _mm256_min_epi32(_mm256_max_epi32(below, _mm256_set1_epi32(13)), _mm256_set1_epi32(26));
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i m = _mm256_or_si256(_mm256_and_si256(a, _mm256_set1_epi32(0x7FFFFF)), _mm256_set1_epi32(0x800000));
    return af_avx2_near(m, _mm256_sllv_epi32(one, _mm256_sub_epi32(s, one)), _mm256_sub_epi32(_mm256_sllv_epi32(one, s), one),
                        ulps);
}

/* ---- double --------------------------------------------------------------- */
typedef __m256d vd;
typedef __m256d md;
#define VD_LANES 4

static inline __m256i af_avx2_first64(size_t n)
{
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)n), _mm256_setr_epi64x(0, 1, 2, 3));
}
static inline md md_first(size_t n) { return _mm256_castsi256_pd(af_avx2_first64(n)); }
static inline int md_any(md m) { return _mm256_movemask_pd(m) != 0; }
static inline vd vd_load(const double *p) { return _mm256_loadu_pd(p); }
static inline void vd_store(double *p, vd v) { _mm256_storeu_pd(p, v); }
static inline vd vd_load_part(const double *p, size_t n) { return _mm256_maskload_pd(p, af_avx2_first64(n)); }
static inline void vd_store_part(double *p, vd v, size_t n) { _mm256_maskstore_pd(p, af_avx2_first64(n), v); }
static inline void vd_stream(double *p, vd v) { _mm256_stream_pd(p, v); }
/* VD_LANES floats widened to doubles, and doubles rounded to nearest floats:
 * the loads and stores of the float kernels that run the double bodies
 * (kernels/wide.h). */
static inline __m128i af_avx2_first32x4(size_t n)
{
    return _mm_cmpgt_epi32(_mm_set1_epi32((int)n), _mm_setr_epi32(0, 1, 2, 3));
}
/* Rounded to float, a result below the float normals but 0 by integer
 * operations (vec_scalar.h); the high halves of the doubles give the masks
 * and signs. The lanes 0 < |v| < 2^-126 are those whose bits b, doubled (no
 * sign), have 2b - 2 below 2 bits(2^-126) - 3 as unsigned integers (0 wraps
 * to the top); AVX2 compares signed, so both sides are offset by 2^63:
 * three integer instructions, one fewer than two compares of doubles
 * (hardswish's forward 0.42 -> 0.38 ns per element, Zen 3). */
static inline __m128 af_avx2_to_f32(vd v)
{
    const __m256i twice = _mm256_slli_epi64(_mm256_castpd_si256(v), 1);
    const __m256i offset = _mm256_add_epi64(twice, _mm256_set1_epi64x(INT64_MAX - 1));
    const vd tiny = _mm256_castsi256_pd(
        _mm256_cmpgt_epi64(_mm256_set1_epi64x(0x3810000000000000 * 2 - 3 + INT64_MIN), offset));
    if (!_mm256_movemask_pd(tiny))
        return _mm256_cvtpd_ps(v);
    const vd a = _mm256_andnot_pd(_mm256_set1_pd(-0.0), v);
    const __m256i high = _mm256_setr_epi32(1, 3, 5, 7, 0, 2, 4, 6);
    const __m128i tiny32 = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(tiny), high));
    const __m128i sign = _mm_and_si128(_mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(v), high)),
                                       _mm_set1_epi32((int)0x80000000u));
    const __m128i q = _mm256_cvtpd_epi32(_mm256_mul_pd(a, _mm256_set1_pd(0x1p149))); /* rounds to nearest even */
    const __m128 normal = _mm256_cvtpd_ps(_mm256_andnot_pd(tiny, v));
    return _mm_blendv_ps(normal, _mm_castsi128_ps(_mm_or_si128(q, sign)), _mm_castsi128_ps(tiny32));
}
static inline vd vd_load_f32(const float *p) { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }
static inline void vd_store_f32(float *p, vd v) { _mm_storeu_ps(p, af_avx2_to_f32(v)); }
static inline vd vd_load_part_f32(const float *p, size_t n) { return _mm256_cvtps_pd(_mm_maskload_ps(p, af_avx2_first32x4(n))); }
static inline void vd_store_part_f32(float *p, vd v, size_t n) { _mm_maskstore_ps(p, af_avx2_first32x4(n), af_avx2_to_f32(v)); }
static inline vd vd_set(double x) { return _mm256_set1_pd(x); }

static inline vd vd_add(vd a, vd b) { return _mm256_add_pd(a, b); }
static inline vd vd_sub(vd a, vd b) { return _mm256_sub_pd(a, b); }
static inline vd vd_mul(vd a, vd b) { return _mm256_mul_pd(a, b); }
static inline vd vd_div(vd a, vd b) { return _mm256_div_pd(a, b); }
static inline vd vd_fma(vd a, vd b, vd c) { return _mm256_fmadd_pd(a, b, c); }
static inline vd vd_fnma(vd a, vd b, vd c) { return _mm256_fnmadd_pd(a, b, c); }
static inline vd vd_neg(vd a) { return -a; }
static inline vd vd_abs(vd a) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), a); }
static inline vd vd_nabs(vd a) { return _mm256_or_pd(a, _mm256_set1_pd(-0.0)); }
static inline vd vd_max(vd a, vd b) { return _mm256_max_pd(b, a); }
static inline vd vd_min(vd a, vd b) { return _mm256_min_pd(b, a); }

static inline md vd_lt(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
static inline md vd_le(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_LE_OQ); }
static inline md vd_gt(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
static inline md vd_ge(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_GE_OQ); }
static inline md vd_eq(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
static inline md vd_isnan(vd a) { return _mm256_cmp_pd(a, a, _CMP_UNORD_Q); }
static inline md vd_subnormal(vd a)
{
    const vd m = vd_abs(a);
    return _mm256_and_pd(_mm256_cmp_pd(m, _mm256_set1_pd(0x1p-1022), _CMP_LT_OQ), _mm256_cmp_pd(m, _mm256_setzero_pd(), _CMP_NEQ_OQ));
}
static inline md vd_subnormal_or_inf(vd a)
{
    return _mm256_or_pd(vd_subnormal(a), _mm256_cmp_pd(vd_abs(a), _mm256_set1_pd(INFINITY), _CMP_EQ_OQ));
}
static inline vd vd_sel(md m, vd a, vd b) { return _mm256_blendv_pd(b, a, m); }
static inline vd vd_swap_lanes(vd v, int d)
{
    return d == 2 ? _mm256_permute2f128_pd(v, v, 1) : _mm256_permute_pd(v, 0x5);
}
static inline double vd_first_lane(vd v) { return _mm256_cvtsd_f64(v); }

static inline vd af_avx2_pow2d(vd j)
{
    __m256i bits = _mm256_castpd_si256(_mm256_add_pd(j, _mm256_set1_pd(0x1.8p52)));
    return _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(bits, _mm256_set1_epi64x(1023)), 52));
}
static inline vd vd_ldexp(vd x, vd k)
{
    vd magic = _mm256_set1_pd(0x1.8p52);
    vd k1 = _mm256_sub_pd(_mm256_add_pd(_mm256_fmadd_pd(k, _mm256_set1_pd(0.5), _mm256_set1_pd(-0.25)), magic), magic);
    return _mm256_fmadd_pd(_mm256_mul_pd(x, af_avx2_pow2d(k1)), af_avx2_pow2d(_mm256_sub_pd(k, k1)), _mm256_set1_pd(-0.0));
}
static inline vd vd_ldexp_normal(vd x, vd k) { return _mm256_fmadd_pd(x, af_avx2_pow2d(k), _mm256_set1_pd(-0.0)); }
/* The same for a constant s in [53, 2045]: 2^(1074 - s) and 2^52. */
static inline vd vd_ldexp_down(vd x, int s)
{
    const vd a = _mm256_andnot_pd(_mm256_set1_pd(-0.0), x);
    const vd below = _mm256_cmp_pd(a, _mm256_castsi256_pd(_mm256_set1_epi64x((long long)(s + 1) << 52)), _CMP_LT_OQ);
    const vd special = _mm256_cmp_pd(a, _mm256_set1_pd(INFINITY), _CMP_NLT_UQ);
    const vd t = _mm256_fmadd_pd(_mm256_max_pd(a, _mm256_set1_pd(0x1p-1022)),
                                 _mm256_castsi256_pd(_mm256_set1_epi64x((long long)(1023 + 1074 - s) << 52)),
                                 _mm256_set1_pd(0x1p52));
    const __m256i b = _mm256_castpd_si256(x);
    const __m256i q = _mm256_or_si256(_mm256_sub_epi64(_mm256_castpd_si256(t), _mm256_set1_epi64x(0x4330000000000000)),
                                      _mm256_and_si256(b, _mm256_set1_epi64x(INT64_MIN)));
    const vd normal = _mm256_blendv_pd(_mm256_castsi256_pd(_mm256_sub_epi64(b, _mm256_set1_epi64x((long long)s << 52))), x, special);
    return _mm256_blendv_pd(normal, _mm256_castsi256_pd(q), below);
}
static inline vd vd_mul_tiny(vd a, vd y)
{
    const vd big_y = _mm256_mul_pd(_mm256_fmadd_pd(vd_abs(y), _mm256_set1_pd(0x1p1023), _mm256_set1_pd(-0.0)), _mm256_set1_pd(0x1p51));
    const vd t = _mm256_fmadd_pd(vd_abs(a), big_y, _mm256_set1_pd(0x1p52));
    const vd small = _mm256_cmp_pd(t, _mm256_set1_pd(0x1p53), _CMP_LT_OQ);
    const __m256i sign = _mm256_and_si256(_mm256_castpd_si256(_mm256_xor_pd(a, y)), _mm256_set1_epi64x(INT64_MIN));
    const __m256i r = _mm256_or_si256(_mm256_sub_epi64(_mm256_castpd_si256(t), _mm256_set1_epi64x(0x4330000000000000)), sign);
    return _mm256_blendv_pd(_mm256_mul_pd(a, _mm256_andnot_pd(small, y)), _mm256_castsi256_pd(r), small);
}
static inline vd vd_log1p(vd a) { return Sleef_log1pd4_u10avx2(a); }

#endif
