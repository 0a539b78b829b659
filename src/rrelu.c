/* rrelu: eval mode is the table op (leaky_relu with (lower + upper)/2);
 * training mode draws element i's slope from U(lower, upper) with Philox
 * (src/philox.h) keyed by the seed, at counter offset + i, and runs the
 * slopes kernels over a chunk of draws at a time. The draws are portable C,
 * so the slopes are the same on every ISA, and they depend on offset + i
 * alone: a tensor cut into blocks (threads, tiles) gets the same slopes when
 * each block passes its own offset. */
#include <math.h>
#include <stdint.h>

#include "actfast.h"
#include "api_internal.h"
#include "parallel.h"
#include "philox.h"
#include "vec/half_bits.h"

/* u in [0, 1) from 24 (float) or 53 (double) random bits, and the slope
 * lower (1 - u) + upper u: no overflow for any finite bounds, rounded to T,
 * and clamped so that rounding never leaves [lower, upper]. */
static double slope_of(double u, double lower, double upper) { return lower * (1 - u) + upper * u; }

static void draw_slopes_f32(float *s, size_t len, uint64_t index, float lower, float upper, uint64_t seed)
{
    uint32_t words[4];
    for (size_t j = 0; j < len; j++, index++) {
        if (j == 0 || index % 4 == 0) {
            const uint32_t counter[4] = {(uint32_t)(index / 4), (uint32_t)(index / 4 >> 32), 0, 0};
            af_philox4x32_10(counter, seed, words);
        }
        float v = (float)slope_of((words[index % 4] >> 8) * 0x1p-24, lower, upper);
        s[j] = v < lower ? lower : v > upper ? upper : v;
    }
}

static void draw_slopes_f64(double *s, size_t len, uint64_t index, double lower, double upper, uint64_t seed)
{
    uint32_t words[4];
    for (size_t j = 0; j < len; j++, index++) {
        if (j == 0 || index % 2 == 0) {
            const uint32_t counter[4] = {(uint32_t)(index / 2), (uint32_t)(index / 2 >> 32), 0, 0};
            af_philox4x32_10(counter, seed, words);
        }
        const uint32_t hi = words[2 * (index % 2)], lo = words[2 * (index % 2) + 1];
        double v = slope_of((double)((uint64_t)(hi >> 5) << 26 | lo >> 6) * 0x1p-53, lower, upper);
        s[j] = v < lower ? lower : v > upper ? upper : v;
    }
}

/* The 16-bit forms draw their slopes in the type: the float draws, each
 * rounded once to it (within half an ulp of [lower, upper]), so that the
 * slopes that actfast_rrelu_slopes_bf16 writes are those the kernels use
 * (computed as floats: draw_compute_slopes_*), and a product x s of two
 * halves is exact in float. */
#define AF_DRAW_HALVES(DT)                                                                      \
    static void draw_slopes_##DT(uint16_t *s, size_t len, uint64_t index, float lower, float upper, uint64_t seed) \
    {                                                                                           \
        float f[256];                                                                           \
        for (size_t i = 0; i < len; i += 256) {                                                 \
            const size_t part = len - i < 256 ? len - i : 256;                                  \
            draw_slopes_f32(f, part, index + i, lower, upper, seed);                            \
            for (size_t j = 0; j < part; j++)                                                   \
                s[i + j] = af_float_to_##DT(f[j]);                                              \
        }                                                                                       \
    }                                                                                           \
    static void draw_compute_slopes_##DT(float *s, size_t len, uint64_t index, float lower, float upper,      \
                                         uint64_t seed)                                         \
    {                                                                                           \
        draw_slopes_f32(s, len, index, lower, upper, seed);                                     \
        for (size_t j = 0; j < len; j++)                                                        \
            s[j] = af_##DT##_to_float(af_float_to_##DT(s[j]));                                  \
    }
AF_DRAW_HALVES(bf16)
AF_DRAW_HALVES(f16)
#define draw_compute_slopes_f32 draw_slopes_f32
#define draw_compute_slopes_f64 draw_slopes_f64

#define AF_TYPED_FILE "rrelu_typed.h"
#define AF_TYPED_HALVES
#include "for_each_dtype.h"
