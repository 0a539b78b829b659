/* bfloat16 and IEEE binary16 to and from float, by integer operations on
 * the bit patterns: the reference semantics of the 16-bit loads and stores of
 * every vocabulary (vec_scalar.h is these; the SIMD headers reproduce them bit
 * for bit, with the CPU's conversions where it has them), and the test of a
 * float result that lies too near a 16-bit tie to be rounded from float.
 *
 * Widening is exact. Narrowing rounds to nearest even, keeps -0 and the
 * subnormal halves, overflows to +-inf, and turns a NaN into the quiet NaN
 * with the top bits of its payload (as F16C's vcvtps2ph and AArch64's fcvt do). */
#ifndef ACTFAST_VEC_HALF_BITS_H
#define ACTFAST_VEC_HALF_BITS_H

#include <stdint.h>
#include <string.h>

static inline uint32_t af_float_bits(float f)
{
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
}

static inline float af_bits_float(uint32_t b)
{
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

static inline float af_bf16_to_float(uint16_t h) { return af_bits_float((uint32_t)h << 16); }

static inline uint16_t af_float_to_bf16(float f)
{
    const uint32_t b = af_float_bits(f);
    if ((b & 0x7FFFFFFFu) > 0x7F800000u)
        return (uint16_t)((b >> 16) | 0x40u);
    return (uint16_t)((b + 0x7FFFu + ((b >> 16) & 1u)) >> 16);
}

static inline float af_f16_to_float(uint16_t h)
{
    const uint32_t sign = (uint32_t)(h & 0x8000u) << 16, exponent = (h >> 10) & 0x1Fu, mantissa = h & 0x3FFu;
    if (exponent == 0x1F)
        return af_bits_float(sign | 0x7F800000u | mantissa << 13);
    if (exponent != 0)
        return af_bits_float(sign | (exponent + 112) << 23 | mantissa << 13);
    /* a subnormal half is m 2^-24, a normal float: exact */
    const float magnitude = (float)mantissa * 0x1p-24f;
    return af_bits_float(sign | af_float_bits(magnitude));
}

/* Where a float's bits a (no sign) are rounded to a half: the number of low
 * bits of its significand (implicit bit included) below the half's last
 * place, 13 for the normal halves (|f| >= 2^-14), more below, at most 26 (past
 * 25 every such float rounds to 0 and lies far from a tie). */
static inline uint32_t af_f16_dropped_bits(uint32_t a)
{
    const int32_t exponent = (int32_t)(a >> 23), below = 126 - exponent;
    return below < 13 ? 13u : below > 26 ? 26u : (uint32_t)below;
}

static inline uint16_t af_float_to_f16(float f)
{
    const uint32_t b = af_float_bits(f), a = b & 0x7FFFFFFFu, sign = (b >> 16) & 0x8000u;
    if (a > 0x7F800000u)
        return (uint16_t)(sign | 0x7E00u | (a & 0x7FFFFFu) >> 13);
    if (a >= 0x477FF000u) /* 65520 = 65504 + half its ulp, and up: inf */
        return (uint16_t)(sign | 0x7C00u);
    const uint32_t s = af_f16_dropped_bits(a);
    if (s == 13) /* the exponent moves down by 127 - 15 */
        return (uint16_t)(sign | (((a + 0xFFFu + ((a >> 13) & 1u)) >> 13) - (112u << 10)));
    if (s > 25)
        return (uint16_t)sign;
    const uint32_t m = (a & 0x7FFFFFu) | 0x800000u; /* a subnormal half: m 2^-s rounded */
    return (uint16_t)(sign | (m + (1u << (s - 1)) - 1u + ((m >> s) & 1u)) >> s);
}

/* A float result within `ulps` float ulps (bit patterns apart) of a 16-bit
 * tie may round to the wrong 16-bit neighbour, where the float kernel's
 * error bound is that many ulps: the exact value can lie on the tie's other
 * side (src/half.c chooses ulps). 1 if f lies so near a tie of bf16: its low
 * 16 bits within ulps of 0x8000, as one unsigned comparison. Infinities
 * (low bits 0) never are; a NaN may be, and is computed again as NaN. */
static inline int af_bf16_near_tie(float f, uint32_t ulps)
{
    return ((af_float_bits(f) - (0x8000u - ulps)) & 0xFFFFu) <= 2 * ulps;
}

/* The same for f16's ties: the low af_f16_dropped_bits(a) bits of the
 * significand (13 for the normal halves) within ulps of the tie. */
static inline int af_f16_near_tie(float f, uint32_t ulps)
{
    const uint32_t a = af_float_bits(f) & 0x7FFFFFFFu, s = af_f16_dropped_bits(a);
    const uint32_t m = (a & 0x7FFFFFu) | 0x800000u, tie = 1u << (s - 1);
    return ((m - (tie - ulps)) & ((1u << s) - 1u)) <= 2 * ulps;
}

/* The indices i + k of the lanes k set in `lanes` (the near ties of a
 * vector at i), appended to near[count...]; returns the new count. */
static inline size_t af_note_near(uint16_t *near, size_t count, size_t i, unsigned lanes)
{
    for (; lanes; lanes &= lanes - 1)
        near[count++] = (uint16_t)(i + (size_t)__builtin_ctz(lanes));
    return count;
}

#endif
