/* The array loops of the elementwise ops: whole vectors, then one masked
 * partial vector for the tail (never a read or write past n). One kernel per
 * op and form, stamped from src/ops.def over the bodies of kernels/act/.
 * Included once per dtype section of kernels/table.c. */

#define AF_KERNEL_UNARY(kernel, body)                                                          \
    static void kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)         \
    {                                                                                          \
        const VP k = AF_FN(af_vparams_make)(p);                                                \
        size_t i = 0;                                                                          \
        (void)dy;                                                                              \
        for (; i + AF_LANES <= n; i += AF_LANES)                                               \
            v_store(out + i, body(v_load(in + i), &k));                                        \
        if (i < n)                                                                             \
            v_store_part(out + i, body(v_load_part(in + i, n - i), &k), n - i);                \
    }

#define AF_KERNEL_BINARY(kernel, body)                                                         \
    static void kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)         \
    {                                                                                          \
        const VP k = AF_FN(af_vparams_make)(p);                                                \
        size_t i = 0;                                                                          \
        for (; i + AF_LANES <= n; i += AF_LANES)                                               \
            v_store(out + i, body(v_load(in + i), v_load(dy + i), &k));                        \
        if (i < n)                                                                             \
            v_store_part(out + i, body(v_load_part(in + i, n - i), v_load_part(dy + i, n - i), &k), n - i); \
    }

#define AF_STAMP_FROM_Y_0(name)
#define AF_STAMP_FROM_Y_1(name) AF_KERNEL_BINARY(AF_FN(name##_backward_from_y_kernel), AF_FN(name##_grad_y_times))
/* grad is grad_times with m = 1; backward is grad_times with m = dy. */
#define AF_STAMP_ELEMENTWISE(name, from_y)                                                     \
    static inline V AF_FN(name##_grad)(V x, const VP *k) { return AF_FN(name##_grad_times)(x, v_set((T)1), k); } \
    AF_KERNEL_UNARY(AF_FN(name##_forward_kernel), AF_FN(name##_forward))                       \
    AF_KERNEL_UNARY(AF_FN(name##_grad_kernel), AF_FN(name##_grad))                             \
    AF_KERNEL_BINARY(AF_FN(name##_backward_kernel), AF_FN(name##_grad_times))                  \
    AF_STAMP_FROM_Y_##from_y(name)
/* Row-wise ops write their own kernels (kernels/act/softmax.h). */
#define AF_STAMP_ROWWISE(name, from_y)

#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_STAMP_##kind(name, from_y)
#include "ops.def"
#undef AF_OP
