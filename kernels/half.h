/* The 16-bit storage kernels of the float unit: halves widened to floats,
 * and floats rounded to halves with the test that tells src/half.c which
 * results a float evaluation cannot round correctly. Whole vectors, then the
 * tail through a buffer of one vector (never a read or write past n).
 * Included by kernels/table.c in the float unit of every ISA. */

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
    static size_t narrow_##fmt##_kernel(const float *in, uint16_t *out, size_t n, uint16_t *near) \
    {                                                                                           \
        size_t i = 0, count = 0;                                                                \
        for (; i < n; i += AF_LANES) {                                                          \
            const size_t len = n - i < AF_LANES ? n - i : AF_LANES;                             \
            const vf v = len == AF_LANES ? vf_load(in + i) : vf_load_part(in + i, len);         \
            unsigned lanes = vf_near_tie_##fmt(v) & (unsigned)((1ull << len) - 1);              \
            if (len == AF_LANES) {                                                              \
                vf_store_##fmt(out + i, v);                                                     \
            } else {                                                                            \
                uint16_t buf[AF_LANES];                                                         \
                vf_store_##fmt(buf, v);                                                         \
                memcpy(out + i, buf, len * sizeof *out);                                        \
            }                                                                                   \
            for (; lanes; lanes &= lanes - 1)                                                   \
                near[count++] = (uint16_t)(i + (size_t)__builtin_ctz(lanes));                   \
        }                                                                                       \
        return count;                                                                           \
    }

AF_HALF_KERNELS(bf16)
AF_HALF_KERNELS(f16)
