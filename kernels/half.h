/* The 16-bit storage kernels of the float unit: halves widened to floats,
 * and floats rounded to halves with the test that tells src/half.c which
 * results a float evaluation cannot round correctly. Whole vectors, then the
 * tail through a buffer of one vector (never a read or write past n).
 * Included by kernels/table.c in the float unit of every ISA. */

/* The indices i + k of the lanes k set in `lanes`, appended to near[count...];
 * returns the new count. */
static inline size_t af_note_near(uint16_t *near, size_t count, size_t i, unsigned lanes)
{
    for (; lanes; lanes &= lanes - 1)
        near[count++] = (uint16_t)(i + (size_t)__builtin_ctz(lanes));
    return count;
}

#define AF_HALF_KERNELS(fmt)                                                                    \
    static void widen_##fmt##_kernel(const uint16_t *in, float *out, size_t n)                  \
    {                                                                                           \
        size_t i = 0;                                                                           \
        for (; i + AF_LANES <= n; i += AF_LANES)                                                \
            vf_store(out + i, vf_load_##fmt(in + i));                                           \
        if (i < n) {                                                                            \
            uint16_t buf[AF_LANES] = {0};                                                       \
            memcpy(buf, in + i, (n - i) * sizeof *in);                                          \
            vf_store_part(out + i, vf_load_##fmt(buf), n - i);                                  \
        }                                                                                       \
    }                                                                                           \
    static size_t narrow_##fmt##_kernel(const float *in, uint16_t *out, size_t n, uint16_t *near, unsigned ulps) \
    {                                                                                           \
        size_t i = 0, count = 0;                                                                \
        unsigned any = 0;                                                                       \
        if (!near)                                                                              \
            for (; i + AF_LANES <= n; i += AF_LANES)                                            \
                vf_store_##fmt(out + i, vf_load(in + i));                                       \
        /* the near ties only noticed here (no call in the loop: it would cost                  \
         * the loop its constants' registers), and collected by a second pass */                \
        for (; i + AF_LANES <= n; i += AF_LANES) {                                              \
            const vf v = vf_load(in + i);                                                       \
            any |= vf_near_tie_##fmt(v, ulps);                                                  \
            vf_store_##fmt(out + i, v);                                                         \
        }                                                                                       \
        if (AF_RARELY(any != 0))                                                                \
            for (size_t j = 0; j < i; j += AF_LANES)                                            \
                count = af_note_near(near, count, j, vf_near_tie_##fmt(vf_load(in + j), ulps)); \
        if (i < n) {                                                                            \
            uint16_t buf[AF_LANES];                                                             \
            const vf v = vf_load_part(in + i, n - i);                                           \
            vf_store_##fmt(buf, v);                                                             \
            memcpy(out + i, buf, (n - i) * sizeof *out);                                        \
            if (near)                                                                           \
                count = af_note_near(near, count, i, vf_near_tie_##fmt(v, ulps) & ((1u << (n - i)) - 1)); \
        }                                                                                       \
        return count;                                                                           \
    }

AF_HALF_KERNELS(bf16)
AF_HALF_KERNELS(f16)
