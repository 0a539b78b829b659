/* The AVX-512 vocabulary: 16 floats / 8 doubles per vector, __mmask masks.
 *
 * Every operation here has the exact semantics of its twin in vec_scalar.h;
 * that is what makes the kernels give the same bits on every ISA. */
#ifndef ACTFAST_VEC_AVX512_H
#define ACTFAST_VEC_AVX512_H

#if !defined(__AVX512F__) || !defined(__AVX512DQ__) || !defined(__AVX512BW__) || \
    !defined(__AVX512VL__) || !defined(__FMA__)
#error "vec_avx512.h needs -mavx512f -mavx512dq -mavx512bw -mavx512vl -mfma"
#endif

#include <immintrin.h>
#include <stddef.h>
#include <sleef.h>

#include "half_bits.h"


/* ---- float ---------------------------------------------------------------- */
typedef __m512 vf;
typedef __mmask16 mf;
#define VF_LANES 16

/* n <= 16: the tail of a loop over whole vectors. */
static inline mf mf_first(size_t n) { return (mf)((1u << n) - 1u); }
static inline int mf_any(mf m) { return m != 0; }
static inline vf vf_load(const float *p) { return _mm512_loadu_ps(p); }
static inline void vf_store(float *p, vf v) { _mm512_storeu_ps(p, v); }
/* Masked-off lanes are neither read nor written (no fault past the end). */
static inline vf vf_load_part(const float *p, size_t n) { return _mm512_maskz_loadu_ps(mf_first(n), p); }
static inline void vf_store_part(float *p, vf v, size_t n) { _mm512_mask_storeu_ps(p, mf_first(n), v); }
/* dy as the streaming backward loops load it (kernels/elementwise.h): the
 * empty asm keeps GCC 12 from folding the load into a body's select (relu's
 * x > 0 ? dy : 0) as a load masked by x's compare, which then waits for x
 * to come from memory. relu's backward for floats at 16 Mi elements, with
 * non-temporal stores, ran 1.65x faster without that fold (Zen 5). */
#define v_keep_load(v) __asm__("" : "+v"(v))
/* Non-temporal (kernels/elementwise.h, AF_STREAMS): p aligned to the vector. */
#define AF_HAS_STREAM 1
static inline void vf_stream(float *p, vf v) { _mm512_stream_ps(p, v); }
static inline void af_stream_fence(void) { _mm_sfence(); }
static inline vf vf_set(float x) { return _mm512_set1_ps(x); }

static inline vf vf_add(vf a, vf b) { return _mm512_add_ps(a, b); }
static inline vf vf_sub(vf a, vf b) { return _mm512_sub_ps(a, b); }
static inline vf vf_mul(vf a, vf b) { return _mm512_mul_ps(a, b); }
static inline vf vf_div(vf a, vf b) { return _mm512_div_ps(a, b); }
static inline vf vf_fma(vf a, vf b, vf c) { return _mm512_fmadd_ps(a, b, c); }
static inline vf vf_fnma(vf a, vf b, vf c) { return _mm512_fnmadd_ps(a, b, c); }
/* A sign flip written as negation, which GCC folds into an FMA or a sum that
 * takes it (fmsub, sub), where it cannot see through an xor. */
static inline vf vf_neg(vf a) { return -a; }
static inline vf vf_abs(vf a) { return _mm512_andnot_ps(_mm512_set1_ps(-0.0f), a); }
/* -|a| in one instruction. */
static inline vf vf_nabs(vf a) { return _mm512_or_ps(a, _mm512_set1_ps(-0.0f)); }
/* (b > a) ? b : a, and (b < a) ? b : a: a NaN in a is kept, max(-0, +0) = -0. */
static inline vf vf_max(vf a, vf b) { return _mm512_max_ps(b, a); }
static inline vf vf_min(vf a, vf b) { return _mm512_min_ps(b, a); }

static inline mf vf_lt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
static inline mf vf_le(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_LE_OQ); }
static inline mf vf_gt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
static inline mf vf_ge(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ); }
static inline mf vf_eq(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ); }
static inline mf vf_isnan(vf a) { return _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q); }
/* The lanes that are subnormal, and those that are subnormal or infinite: one
 * vfpclass (AVX-512DQ) where the other ISAs compare two or three times. */
static inline mf vf_subnormal(vf a) { return _mm512_fpclass_ps_mask(a, 0x20); }
static inline mf vf_subnormal_or_inf(vf a) { return _mm512_fpclass_ps_mask(a, 0x38); }
static inline vf vf_sel(mf m, vf a, vf b) { return _mm512_mask_blend_ps(m, b, a); }
/* Lanes j and j ^ d exchanged (d a power of 2 below the lane count, a
 * constant after inlining), and lane 0: the steps of a horizontal tree. */
static inline vf vf_swap_lanes(vf v, int d)
{
    switch (d) {
    case 8: return _mm512_shuffle_f32x4(v, v, _MM_SHUFFLE(1, 0, 3, 2));
    case 4: return _mm512_shuffle_f32x4(v, v, _MM_SHUFFLE(2, 3, 0, 1));
    case 2: return _mm512_permute_ps(v, _MM_SHUFFLE(1, 0, 3, 2));
    default: return _mm512_permute_ps(v, _MM_SHUFFLE(2, 3, 0, 1));
    }
}
static inline float vf_first_lane(vf v) { return _mm512_cvtss_f32(v); }

/* x 2^k for integral k, rounded once (vec_scalar.h states the domain). */
static inline vf vf_ldexp(vf x, vf k) { return _mm512_scalef_ps(x, k); }
static inline vf vf_ldexp_normal(vf x, vf k) { return _mm512_scalef_ps(x, k); }
/* x 2^-s rounded once, as vec_avx2.h's: the FMA rounds |x| 2^(149 - s) to
 * an integer beside 2^23 and its bits less 2^23's are the subnormal result's;
 * the same bits as the integer shifts of vec_scalar.h, in 9 instructions
 * instead of 17 (a tail vector's cost is its instruction count here). */
static inline vf vf_ldexp_down(vf x, int s)
{
    const vf a = vf_abs(x);
    const mf below = _mm512_cmp_ps_mask(a, _mm512_castsi512_ps(_mm512_set1_epi32((s + 1) << 23)), _CMP_LT_OQ);
    const mf special = _mm512_cmp_ps_mask(a, _mm512_set1_ps(INFINITY), _CMP_NLT_UQ);
    const vf t = _mm512_fmadd_ps(_mm512_max_ps(a, _mm512_set1_ps(0x1p-126f)),
                                 _mm512_castsi512_ps(_mm512_set1_epi32((127 + 149 - s) << 23)), _mm512_set1_ps(0x1p23f));
    const __m512i b = _mm512_castps_si512(x);
    const __m512i q = _mm512_ternarylogic_epi32(_mm512_sub_epi32(_mm512_castps_si512(t), _mm512_set1_epi32(0x4B000000)),
                                                b, _mm512_set1_epi32((int)0x80000000u), 0xF8);
    const __m512i normal = _mm512_mask_sub_epi32(_mm512_sub_epi32(b, _mm512_set1_epi32(s << 23)), special, b,
                                                 _mm512_setzero_si512());
    return _mm512_castsi512_ps(_mm512_mask_blend_epi32(below, normal, q));
}
/* a y rounded once, no subnormal result (vec_scalar.h):
 * |y| 2^149 by one vscalef, the normal products masked. */
static inline vf vf_mul_tiny(vf a, vf y)
{
    const vf t = _mm512_fmadd_ps(vf_abs(a), _mm512_scalef_ps(vf_abs(y), _mm512_set1_ps(149.0f)), _mm512_set1_ps(0x1p23f));
    const mf small = _mm512_cmp_ps_mask(t, _mm512_set1_ps(0x1p24f), _CMP_LT_OQ);
    const __m512i r = _mm512_ternarylogic_epi32(_mm512_sub_epi32(_mm512_castps_si512(t), _mm512_set1_epi32(0x4B000000)),
                                                _mm512_castps_si512(_mm512_xor_ps(a, y)),
                                                _mm512_set1_epi32((int)0x80000000u), 0xF8);
    return _mm512_mask_blend_ps(small, _mm512_maskz_mul_ps((mf)~small, a, y), _mm512_castsi512_ps(r));
}
static inline vf vf_log1p(vf a) { return Sleef_log1pf16_u10avx512f(a); }

/* 16-bit storage (vec_scalar.h, half_bits.h): 16 halves in, 16 out.
 * binary16 through AVX-512F's vcvtph2ps and vcvtps2ph. bfloat16 by integer
 * operations: AVX-512 BF16's vcvtneps2bf16 treats subnormal floats as 0,
 * which loses the subnormal bf16 results that half_bits.h keeps; with the
 * test that sends those vectors elsewhere it narrowed 0.06 ns an element
 * against these 0.07 (Zen 5, in L1), too little for a kernel set of its own
 * behind a CPU check. */
static inline vf vf_load_bf16(const uint16_t *p)
{
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)p)), 16));
}
static inline vf vf_load_f16(const uint16_t *p) { return _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)p)); }
static inline void vf_store_bf16(uint16_t *p, vf v)
{
    const __m512i b = _mm512_castps_si512(v);
    const __mmask16 nan = _mm512_cmpgt_epu32_mask(_mm512_and_si512(b, _mm512_set1_epi32(0x7FFFFFFF)),
                                                  _mm512_set1_epi32(0x7F800000));
    const __m512i odd = _mm512_and_si512(_mm512_srli_epi32(b, 16), _mm512_set1_epi32(1));
    const __m512i rounded = _mm512_srli_epi32(_mm512_add_epi32(_mm512_add_epi32(b, _mm512_set1_epi32(0x7FFF)), odd), 16);
    const __m512i quiet = _mm512_or_si512(_mm512_srli_epi32(b, 16), _mm512_set1_epi32(0x40));
    _mm256_storeu_si256((__m256i *)p, _mm512_cvtepi32_epi16(_mm512_mask_blend_epi32(nan, rounded, quiet)));
}
static inline void vf_store_f16(uint16_t *p, vf v)
{
    _mm256_storeu_si256((__m256i *)p, _mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}
/* The lanes whose bits m lie within `ulps` of the tie below mask
 * (half_bits.h): (m - (tie - ulps)) & mask <= 2 ulps. The lanes are moved to
 * a general register by the empty asm: where the value had to live across
 * a call, GCC 12 (-fsanitize=thread) spilled the mask register with kmovw to
 * a 4-byte stack slot and read it back 32 bits wide, the upper half another
 * value's (the narrow kernel then noted ties at indices n..n+15, and
 * test_guard caught their writes past the array). */
static inline unsigned af_avx512_near(__m512i m, __m512i tie, __m512i mask, unsigned ulps)
{
    const __m512i d = _mm512_and_si512(_mm512_sub_epi32(m, _mm512_sub_epi32(tie, _mm512_set1_epi32((int)ulps))), mask);
    unsigned lanes = _cvtmask16_u32(_mm512_cmple_epu32_mask(d, _mm512_set1_epi32(2 * (int)ulps)));
    __asm__("" : "+r"(lanes));
    return lanes;
}
static inline unsigned vf_near_tie_bf16(vf v, unsigned ulps)
{
    return af_avx512_near(_mm512_castps_si512(v), _mm512_set1_epi32(0x8000), _mm512_set1_epi32(0xFFFF), ulps);
}
/* Below the normal halves (0 < |v| < 2^-14, rare) the tie's place moves
 * with v's exponent: variable shifts (af_f16_dropped_bits). */
static inline unsigned vf_near_tie_f16(vf v, unsigned ulps)
{
    const __m512i a = _mm512_and_si512(_mm512_castps_si512(v), _mm512_set1_epi32(0x7FFFFFFF)), one = _mm512_set1_epi32(1);
    if (!_mm512_mask_cmplt_epi32_mask(_mm512_test_epi32_mask(a, a), a, _mm512_set1_epi32(0x38800000)))
        return af_avx512_near(a, _mm512_set1_epi32(0x1000), _mm512_set1_epi32(0x1FFF), ulps);
    const __m512i below = _mm512_sub_epi32(_mm512_set1_epi32(126), _mm512_srli_epi32(a, 23));
    const __m512i s = _mm512_min_epi32(_mm512_max_epi32(below, _mm512_set1_epi32(13)), _mm512_set1_epi32(26));
    const __m512i m = _mm512_or_si512(_mm512_and_si512(a, _mm512_set1_epi32(0x7FFFFF)), _mm512_set1_epi32(0x800000));
    return af_avx512_near(m, _mm512_sllv_epi32(one, _mm512_sub_epi32(s, one)), _mm512_sub_epi32(_mm512_sllv_epi32(one, s), one),
                          ulps);
}

/* ---- double --------------------------------------------------------------- */
typedef __m512d vd;
typedef __mmask8 md;
#define VD_LANES 8

static inline md md_first(size_t n) { return (md)((1u << n) - 1u); }
static inline int md_any(md m) { return m != 0; }
static inline vd vd_load(const double *p) { return _mm512_loadu_pd(p); }
static inline void vd_store(double *p, vd v) { _mm512_storeu_pd(p, v); }
static inline vd vd_load_part(const double *p, size_t n) { return _mm512_maskz_loadu_pd(md_first(n), p); }
static inline void vd_store_part(double *p, vd v, size_t n) { _mm512_mask_storeu_pd(p, md_first(n), v); }
static inline void vd_stream(double *p, vd v) { _mm512_stream_pd(p, v); }
/* VD_LANES floats widened to doubles, and doubles rounded to nearest floats:
 * the loads and stores of the float kernels that run the double bodies
 * (kernels/wide.h). */
/* Rounded to float, a result below the float normals by integer operations
 * (vec_scalar.h). */
static inline __m256 af_avx512_to_f32(vd v)
{
    const vd a = _mm512_abs_pd(v);
    const __mmask8 tiny = _mm512_mask_cmp_pd_mask(_mm512_cmp_pd_mask(a, _mm512_set1_pd(0x1p-126), _CMP_LT_OQ), a,
                                                  _mm512_setzero_pd(), _CMP_GT_OQ); /* 0 converts as it is */
    if (!tiny)
        return _mm512_cvtpd_ps(v);
    const __m256i sign = _mm256_and_si256(_mm512_cvtepi64_epi32(_mm512_srli_epi64(_mm512_castpd_si512(v), 32)),
                                          _mm256_set1_epi32((int)0x80000000u));
    const __m256i q = _mm512_cvtpd_epi32(_mm512_mul_pd(a, _mm512_set1_pd(0x1p149))); /* rounds to nearest even */
    const __m256 normal = _mm512_cvtpd_ps(_mm512_maskz_mov_pd((__mmask8)~tiny, v));
    return _mm256_mask_blend_ps(tiny, normal, _mm256_castsi256_ps(_mm256_or_si256(q, sign)));
}
static inline vd vd_load_f32(const float *p) { return _mm512_cvtps_pd(_mm256_loadu_ps(p)); }
static inline void vd_store_f32(float *p, vd v) { _mm256_storeu_ps(p, af_avx512_to_f32(v)); }
static inline vd vd_load_part_f32(const float *p, size_t n) { return _mm512_cvtps_pd(_mm256_maskz_loadu_ps(md_first(n), p)); }
static inline void vd_store_part_f32(float *p, vd v, size_t n) { _mm256_mask_storeu_ps(p, md_first(n), af_avx512_to_f32(v)); }
static inline vd vd_set(double x) { return _mm512_set1_pd(x); }

static inline vd vd_add(vd a, vd b) { return _mm512_add_pd(a, b); }
static inline vd vd_sub(vd a, vd b) { return _mm512_sub_pd(a, b); }
static inline vd vd_mul(vd a, vd b) { return _mm512_mul_pd(a, b); }
static inline vd vd_div(vd a, vd b) { return _mm512_div_pd(a, b); }
static inline vd vd_fma(vd a, vd b, vd c) { return _mm512_fmadd_pd(a, b, c); }
static inline vd vd_fnma(vd a, vd b, vd c) { return _mm512_fnmadd_pd(a, b, c); }
static inline vd vd_neg(vd a) { return -a; }
static inline vd vd_abs(vd a) { return _mm512_andnot_pd(_mm512_set1_pd(-0.0), a); }
static inline vd vd_nabs(vd a) { return _mm512_or_pd(a, _mm512_set1_pd(-0.0)); }
static inline vd vd_max(vd a, vd b) { return _mm512_max_pd(b, a); }
static inline vd vd_min(vd a, vd b) { return _mm512_min_pd(b, a); }

static inline md vd_lt(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
static inline md vd_le(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_LE_OQ); }
static inline md vd_gt(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
static inline md vd_ge(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_GE_OQ); }
static inline md vd_eq(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
static inline md vd_isnan(vd a) { return _mm512_cmp_pd_mask(a, a, _CMP_UNORD_Q); }
static inline md vd_subnormal(vd a) { return _mm512_fpclass_pd_mask(a, 0x20); }
static inline md vd_subnormal_or_inf(vd a) { return _mm512_fpclass_pd_mask(a, 0x38); }
static inline vd vd_sel(md m, vd a, vd b) { return _mm512_mask_blend_pd(m, b, a); }
static inline vd vd_swap_lanes(vd v, int d)
{
    switch (d) {
    case 4: return _mm512_shuffle_f64x2(v, v, _MM_SHUFFLE(1, 0, 3, 2));
    case 2: return _mm512_shuffle_f64x2(v, v, _MM_SHUFFLE(2, 3, 0, 1));
    default: return _mm512_permute_pd(v, 0x55);
    }
}
static inline double vd_first_lane(vd v) { return _mm512_cvtsd_f64(v); }

static inline vd vd_ldexp(vd x, vd k) { return _mm512_scalef_pd(x, k); }
static inline vd vd_ldexp_normal(vd x, vd k) { return _mm512_scalef_pd(x, k); }
/* The same for a constant s in [53, 2045]: 2^(1074 - s) and 2^52. */
static inline vd vd_ldexp_down(vd x, int s)
{
    const vd a = vd_abs(x);
    const md below = _mm512_cmp_pd_mask(a, _mm512_castsi512_pd(_mm512_set1_epi64((long long)(s + 1) << 52)), _CMP_LT_OQ);
    const md special = _mm512_cmp_pd_mask(a, _mm512_set1_pd(INFINITY), _CMP_NLT_UQ);
    const vd t = _mm512_fmadd_pd(_mm512_max_pd(a, _mm512_set1_pd(0x1p-1022)),
                                 _mm512_castsi512_pd(_mm512_set1_epi64((long long)(1023 + 1074 - s) << 52)),
                                 _mm512_set1_pd(0x1p52));
    const __m512i b = _mm512_castpd_si512(x);
    const __m512i q = _mm512_ternarylogic_epi64(_mm512_sub_epi64(_mm512_castpd_si512(t), _mm512_set1_epi64(0x4330000000000000)),
                                                b, _mm512_set1_epi64(INT64_MIN), 0xF8);
    const __m512i normal = _mm512_mask_sub_epi64(_mm512_sub_epi64(b, _mm512_set1_epi64((long long)s << 52)), special, b,
                                                 _mm512_setzero_si512());
    return _mm512_castsi512_pd(_mm512_mask_blend_epi64(below, normal, q));
}
static inline vd vd_mul_tiny(vd a, vd y)
{
    const vd t = _mm512_fmadd_pd(vd_abs(a), _mm512_scalef_pd(vd_abs(y), _mm512_set1_pd(1074.0)), _mm512_set1_pd(0x1p52));
    const md small = _mm512_cmp_pd_mask(t, _mm512_set1_pd(0x1p53), _CMP_LT_OQ);
    const __m512i r = _mm512_ternarylogic_epi64(_mm512_sub_epi64(_mm512_castpd_si512(t), _mm512_set1_epi64(0x4330000000000000)),
                                                _mm512_castpd_si512(_mm512_xor_pd(a, y)), _mm512_set1_epi64(INT64_MIN), 0xF8);
    return _mm512_mask_blend_pd(small, _mm512_maskz_mul_pd((md)~small, a, y), _mm512_castsi512_pd(r));
}
static inline vd vd_log1p(vd a) { return Sleef_log1pd8_u10avx512f(a); }

#endif
