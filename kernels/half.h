/* The 16-bit storage kernels of the float unit: halves widened to floats,
 * and floats rounded to halves with the test that tells src/half.c which
 * results a float evaluation cannot round correctly. Whole vectors, then the
 * tail through a buffer of one vector (never a read or write past n).
 * Included by kernels/table.c in the float unit of every ISA. */

/* A vector's 16-bit loads and stores as the array loops name them (io _bf16,
 * _f16): widen's tail and the kernels over 16-bit arrays below. The stores
 * also note the lanes near a tie where the kernel's k.ties is set. */
static inline void af_half_note_ties(uint16_t *ties, size_t at, unsigned lanes)
{
    ties[at / AF_LANES] = (uint16_t)lanes;
}

static inline VP af_vparams_make_half(const af_params *p)
{
    VP k = af_vparams_make(p);
    k.ties = p->ties;
    k.tie_ulps = p->tie_ulps;
    return k;
}

#define AF_HALF_IO(fmt)                                                                          \
    static inline V v_load_##fmt(const uint16_t *at) { return vf_load_##fmt(at); }               \
    static inline V v_load_part_##fmt(const uint16_t *at, size_t len)                           \
    {                                                                                           \
        uint16_t buf[AF_LANES] = {0};                                                           \
        memcpy(buf, at, len * sizeof *at);                                                      \
        return vf_load_##fmt(buf);                                                              \
    }                                                                                           \
    static inline void af_half_store_##fmt(uint16_t *at, V v, const uint16_t *out, const VP *k)  \
    {                                                                                           \
        if (k->ties)                                                                            \
            af_half_note_ties(k->ties, (size_t)(at - out), vf_near_tie_##fmt(v, k->tie_ulps));  \
        vf_store_##fmt(at, v);                                                                  \
    }                                                                                           \
    static inline void af_half_store_part_##fmt(uint16_t *at, V v, size_t len, const uint16_t *out, \
                                                const VP *k)                                    \
    {                                                                                           \
        uint16_t buf[AF_LANES];                                                                 \
        if (k->ties)                                                                            \
            af_half_note_ties(k->ties, (size_t)(at - out), vf_near_tie_##fmt(v, k->tie_ulps) & ((1u << len) - 1)); \
        vf_store_##fmt(buf, v);                                                                 \
        memcpy(at, buf, len * sizeof *at);                                                      \
    }

AF_HALF_IO(bf16)
AF_HALF_IO(f16)
#define v_store_bf16(at, v) af_half_store_bf16((at), (v), out, &k)
#define v_store_part_bf16(at, v, len) af_half_store_part_bf16((at), (v), (len), out, &k)
#define v_store_f16(at, v) af_half_store_f16((at), (v), out, &k)
#define v_store_part_f16(at, v, len) af_half_store_part_f16((at), (v), (len), out, &k)
/* the frame's streaming branch, never taken here (streams 0) */
#define af_stream_store_bf16 v_store_bf16
#define af_stream_store_f16 v_store_f16

#define AF_HALF_KERNELS(fmt)                                                                    \
    static void widen_##fmt##_kernel(const uint16_t *in, float *out, size_t n)                  \
    {                                                                                           \
        size_t i = 0;                                                                           \
        for (; i + AF_LANES <= n; i += AF_LANES)                                                \
            vf_store(out + i, vf_load_##fmt(in + i));                                           \
        if (i < n)                                                                              \
            vf_store_part(out + i, v_load_part_##fmt(in + i, n - i), n - i);                    \
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

/* ---- the elementwise kernels over 16-bit arrays (af_half_kernel) ----------
 *
 * The frame of kernels/elementwise.h with io _bf16 or _f16: each vector of
 * halves is widened in registers, goes through the op's float body, and is
 * rounded to the format as narrow rounds it, so that the results are those
 * of widen, the float kernel and narrow, bit for bit, without the float
 * arrays between them: the staging cost relu's bf16 forward 3x the float
 * kernel's time at n = 65536 (Zen 5, AVX-512), most of it in narrow's and
 * widen's loads and stores. Where params->ties is set, each store also
 * notes the lanes near a tie (narrow's test) in its own entry of ties[],
 * one per vector, which src/half.c reads to settle them in double: a
 * plain store (bits or-ed into a shared word made each vector wait for the
 * previous one's store). The partial vector goes
 * through a buffer of one vector (never a read or write past n). The stores
 * are macros: they take the kernel's out and its parameters k. */
/* Which forms have them: those whose body is short, on the vector ISAs.
 * Against the staged path (Zen 5, n = 4096, interleaved runs) the short
 * bodies' direct kernels ran 1.1-2.3x faster (relu's bf16 forward 1.7x on
 * AVX-512, its f16 forms 1.4-2.0x, tanh's from y 1.4-1.9x). A long body
 * (marked <body>_interleaves, elementwise.h) spends its time in its
 * arithmetic and gained nothing (sigmoid's bf16 forward 0.94-1.0x), and a
 * few short ones that lost for bf16 say so with #define
 * <body>_staged_in_halves 1 beside them. On the scalar ISAs, whose staged
 * loops the compiler vectorizes (widen, relu's kernel, narrow) and these
 * loops with their test per element it does not, relu's bf16 forward ran
 * 0.3x. AF_HALF_DIRECT is 0 for a body that has them, nonzero otherwise;
 * AF_HALF_IF(body)(code) keeps code for 0, AF_HALF_NAME(body, kernel) is
 * kernel, or NULL. */
#if defined(AF_ISA_SCALAR) || defined(AF_ISA_SCALAR_FMA)
#define AF_HALF_DIRECT(body) 1
#else
#define AF_HALF_STAGED_1(body) 1
#define AF_HALF_STAGED_0(body) AF_SECOND(AF_CAT(AF_GROUP_PROBE_, body##_interleaves))
#define AF_HALF_DIRECT(body) AF_CAT(AF_HALF_STAGED_, AF_IS_ONE(body##_staged_in_halves))(body)
#endif
#define AF_HALF_IF_0(...) __VA_ARGS__
#define AF_HALF_IF_1(...)
#define AF_HALF_IF_2(...)
#define AF_HALF_IF_4(...)
#define AF_HALF_IF(body) AF_CAT(AF_HALF_IF_, AF_HALF_DIRECT(body))
#define AF_HALF_NAME_0(kernel) kernel
#define AF_HALF_NAME_1(kernel) NULL
#define AF_HALF_NAME_2(kernel) NULL
#define AF_HALF_NAME_4(kernel) NULL
#define AF_HALF_NAME(body, kernel) AF_CAT(AF_HALF_NAME_, AF_HALF_DIRECT(body))(kernel)

/* The kernels of an op of elementwise.h's AF_STAMP_ELEMENTWISE, from the
 * same paths, in one format: <name>_<form>_<fmt>_kernel. */
#define AF_HALF_FROM_Y_0(name, fmt)
#define AF_HALF_FROM_Y_1(name, fmt)                                                              \
    AF_HALF_IF(name##_grad_y_times)(AF_LOOP_BINARY(static void name##_backward_from_y_##fmt##_kernel, uint16_t, \
                                                   _##fmt, af_vparams_make_half, name##_grad_y_times, \
                                                   AF_FIXED_PARAMS, 0))
#define AF_HALF_STAMP_FORMAT(name, from_y, fmt)                                                 \
    AF_HALF_IF(name##_forward)(AF_LOOP_UNARY(static void name##_forward_##fmt##_kernel, uint16_t, _##fmt, \
                                             af_vparams_make_half, name##_forward_value, AF_NEAR(name##_forward), \
                                             name##_forward_off_near, AF_FAR(name##_forward),     \
                                             name##_forward_off_far, AF_INTERLEAVES(name##_forward), \
                                             AF_FIXED_PARAMS, 0))                               \
    AF_HALF_IF(name##_grad_times)(AF_LOOP_UNARY(static void name##_grad_##fmt##_kernel, uint16_t, _##fmt, \
                                                af_vparams_make_half, name##_grad_value, name##_grad_near, \
                                                name##_grad_off_near, name##_grad_far, name##_grad_off_far, \
                                                AF_INTERLEAVES(name##_grad_times), AF_FIXED_PARAMS, 0) \
                                  AF_LOOP_BINARY(static void name##_backward_##fmt##_kernel, uint16_t, _##fmt, \
                                                 af_vparams_make_half, name##_grad_times, AF_FIXED_PARAMS, 0)) \
    AF_HALF_FROM_Y_##from_y(name, fmt)
#define AF_HALF_STAMP_ELEMENTWISE(name, from_y)                                                 \
    AF_HALF_STAMP_FORMAT(name, from_y, bf16)                                                    \
    AF_HALF_STAMP_FORMAT(name, from_y, f16)
#define AF_HALF_STAMP_ELEMENTWISE_OWN_API(name, from_y) AF_HALF_STAMP_ELEMENTWISE(name, from_y)
#define AF_HALF_STAMP_ROWWISE(name, from_y)
#define AF_HALF_STAMP_GATED(name, from_y)

#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_HALF_STAMP_##kind(name, from_y)
#include "ops.def"
#undef AF_OP

/* leaky_relu with one slope per element (elementwise.h's slopes kernels). */
#define AF_HALF_STAMP_SLOPES(fmt)                                                                \
    AF_LOOP_UNARY(static void slopes_forward_##fmt##_kernel, uint16_t, _##fmt, af_vparams_make_half,  \
                  leaky_relu_forward, leaky_relu_forward, af_never_rare, leaky_relu_forward,    \
                  af_always_rare, 0, AF_SLOPE_PER_ELEMENT, 0)                                   \
    AF_LOOP_UNARY(static void slopes_grad_##fmt##_kernel, uint16_t, _##fmt, af_vparams_make_half,     \
                  leaky_relu_grad, leaky_relu_grad, af_never_rare, leaky_relu_grad, af_always_rare, 0, \
                  AF_SLOPE_PER_ELEMENT, 0)                                                      \
    AF_LOOP_BINARY(static void slopes_backward_##fmt##_kernel, uint16_t, _##fmt, af_vparams_make_half, \
                   leaky_relu_grad_times, AF_SLOPE_PER_ELEMENT, 0)
AF_HALF_IF(slopes)(AF_HALF_STAMP_SLOPES(bf16) AF_HALF_STAMP_SLOPES(f16))
