/* The array loops of the elementwise ops: whole vectors, then one masked
 * partial vector for the tail (never a read or write past n). One kernel per
 * op and form, stamped from src/ops.def over the bodies of kernels/act/.
 * Included by kernels/table.c, once per ISA and dtype. */

/* refresh(k, p, i, len) updates the parameters for elements [i, i + len)
 * before each vector: nothing for most kernels, the slope of each element for
 * the slopes kernels (leaky_relu_slope, the first parameter). */
#define AF_FIXED_PARAMS(k, p, i, len)
#define AF_SLOPE_PER_ELEMENT(k, p, i, len)                                                      \
    ((k).p0 = (len) == AF_LANES ? v_load((const T *)(p)->slopes + (i))                          \
                                : v_load_part((const T *)(p)->slopes + (i), (len)))

/* The loops over arrays of S, the type of the arrays: T for the plain
 * kernels, float for the wide ones (kernels/wide.h). io names the loads and
 * stores: none for v_load etc., _f32 for v_load_f32 etc., which widen floats
 * to T and round back. head is the kernel's storage class, type and name.
 * Four vectors per iteration: the kernels of a few instructions (relu, the
 * from-y forms) ran 9-24% faster for floats at n = 4096 (Zen 5, AVX2 and
 * AVX-512), the others within noise. */
/* One whole vector at element j, with the loop's k, p, in, dy and out. */
#define AF_UNARY_STEP(io, body, refresh, j)                                                     \
    refresh(k, p, (j), AF_LANES);                                                               \
    v_store##io(out + (j), body(v_load##io(in + (j)), &k))
#define AF_LOOP_UNARY(head, S, io, make_params, body, refresh)                                  \
    head(const S *in, const S *dy, S *out, size_t n, const af_params *p)                        \
    {                                                                                           \
        VP k = make_params(p);                                                                  \
        size_t i = 0;                                                                           \
        (void)dy;                                                                               \
        for (; i + 4 * AF_LANES <= n; i += 4 * AF_LANES)                                        \
            for (int u = 0; u < 4; u++) {                                                       \
                AF_UNARY_STEP(io, body, refresh, i + u * AF_LANES);                             \
            }                                                                                   \
        for (; i + AF_LANES <= n; i += AF_LANES) {                                              \
            AF_UNARY_STEP(io, body, refresh, i);                                                \
        }                                                                                       \
        if (i < n) {                                                                            \
            refresh(k, p, i, n - i);                                                            \
            v_store_part##io(out + i, body(v_load_part##io(in + i, n - i), &k), n - i);         \
        }                                                                                       \
    }

#define AF_KERNEL_UNARY(kernel, body, refresh) AF_LOOP_UNARY(static void kernel, T, , af_vparams_make, body, refresh)

/* The (x or y, dy) kernels. body(in, m, k) is m f'(x), with m folded into
 * correction terms where m * 0 is NaN for an infinite m; the IEEE value of
 * dy f'(x), with f'(x) exact, is +-inf for f'(x) != 0 (SPEC 3). Vectors
 * with an infinite dy lane, which are rare and tested per vector, take for
 * those lanes g = body(in, +-MAX_FINITE): its sign is f'(x)'s times dy's
 * wherever f'(x) != 0 down to 2^-276 (2^-2098), past every exp tail, and
 * g * inf is the result; where g is 0, body(in, dy) is: 0 on a flat region
 * (a select), NaN at an exact root of f' (0 * inf). */
static inline V af_backward_infinite_dy(V in, V dy, V r, V (*body)(V, V, const VP *), const VP *k)
{
    M infinite = v_eq(v_abs(dy), v_set((T)INFINITY));
    if (!m_any(infinite))
        return r;
    V max = v_set(AF_K(MAX_FINITE));
    V g = body(in, v_sel(v_gt(dy, v_set((T)0)), max, v_neg(max)), k);
    V at_inf = v_sel(v_eq(g, v_set((T)0)), r, v_mul(g, v_set((T)INFINITY)));
    return v_sel(infinite, at_inf, r);
}

/* A body whose m enters only through selects and one final product gives
 * the IEEE dy f'(x) for an infinite dy as it is; it says so with
 * #define <body>_takes_infinite_m 1 beside it, and its kernels skip the probe
 * (a cost that matters next to a select). AF_TAKES_INFINITE_M(body) is that
 * definition's 1, or 0 where there is none. */
#define AF_PROBE_1 ~, 1
#define AF_SECOND_(a, b, ...) b
#define AF_SECOND(...) AF_SECOND_(__VA_ARGS__, 0, ~)
#define AF_IS_ONE(x) AF_SECOND(AF_CAT(AF_PROBE_, x))
#define AF_TAKES_INFINITE_M(body) AF_IS_ONE(body##_takes_infinite_m)
/* A subnormal dy would meet every product that folds m into a body's
 * corrections, each an assist on Intel. A vector with such a lane (rare, and
 * tested per vector; dy = 0 is none) takes those lanes at dy 2^NORMAL_SHIFT,
 * exact, normal and below 1 (so that no m f' overflows), where the low parts
 * of m f' stay normal down to f' = 2^-55 (2^-864), and scales the result
 * back by integer operations (v_ldexp_down): the scaling is the one product
 * that meets the subnormal (af_subnormal_lanes: kernels/act/exp.h). A body
 * that takes an infinite m as it is meets m in one product already, and
 * skips the test (it would cost the piecewise-linear kernels 25-50%). */
static inline V af_backward_plain(V x, V d, const VP *k, V (*body)(V, V, const VP *))
{
    return af_backward_infinite_dy(x, d, body(x, d, k), body, k);
}

/* A subnormal x (or y) is the op's first-order term f(0) + f'(0) x, and
 * would meet a body's every product, each an assist on Intel. A body that
 * lets it in says so with #define <body>_first_order_x 1 beside it, and its
 * kernels take a vector with such a lane (rare, tested per vector; x = 0 is
 * none) this way: f' (and dy f') at +-FIRST_ORDER_ARG, where it rounds as at
 * x (constants.h), and f as f(+-0) + x f'(+-0) in one FMA, the one
 * operation that meets the subnormal, with f'(+-0) made once per call (in
 * the call's VP) so that such a vector costs about what any other does.
 * AF_FIRST_ORDER_X(body) is that 1, or 0. */
#define AF_FIRST_ORDER_X(body) AF_IS_ONE(body##_first_order_x)

/* x, its subnormal lanes moved to +-FIRST_ORDER_ARG: the argument of f'. */
static inline V af_first_order_arg(V x)
{
    M subnormal = af_subnormal_lanes(x);
    if (!AF_RARELY(m_any(subnormal)))
        return x;
    V arg = v_set(AF_K(FIRST_ORDER_ARG));
    return v_sel(subnormal, v_sel(v_lt(x, v_set((T)0)), v_neg(arg), arg), x);
}
static inline V af_grad_value(V x, const VP *k, V (*grad)(V, const VP *), int first_order_x)
{
    return grad(first_order_x ? af_first_order_arg(x) : x, k);
}
static inline V af_forward_value(V x, VP *k, V (*f)(V, const VP *), V (*grad)(V, const VP *), int first_order_x)
{
    if (first_order_x) {
        M subnormal = af_subnormal_lanes(x);
        if (AF_RARELY(m_any(subnormal))) {
            V zero = v_set((T)0), arg = v_set(AF_K(FIRST_ORDER_ARG));
            M negative = v_lt(x, zero);
            if (!k->slopes_made) {
                k->slope_neg = grad(v_neg(arg), k);
                k->slope_pos = grad(arg, k);
                k->slopes_made = 1;
            }
            /* f(+-0) in the subnormal lanes */
            V f_x = f(v_sel(subnormal, v_sel(negative, v_set(-(T)0), zero), x), k);
            V term = v_fma(v_sel(subnormal, x, zero), v_sel(negative, k->slope_neg, k->slope_pos), f_x);
            return v_sel(subnormal, term, f_x);
        }
    }
    return f(x, k);
}

#define AF_BACKWARD_VALUE(x, d, body, k)                                                        \
    af_backward_value(x, d, k, body, AF_TAKES_INFINITE_M(body), AF_FIRST_ORDER_X(body))
static inline V af_backward_value(V x, V d, const VP *k, V (*body)(V, V, const VP *), int takes_infinite_m,
                                  int first_order_x)
{
    if (first_order_x)
        x = af_first_order_arg(x);
    if (takes_infinite_m)
        return body(x, d, k);
    M small = af_subnormal_lanes(d);
    if (!AF_RARELY(m_any(small)))
        return af_backward_plain(x, d, k, body);
    V scaled = v_sel(small, af_mul_small(d, v_set((T)1 / AF_K(MIN_NORMAL))), d);
    V r = af_backward_plain(x, scaled, k, body);
    return v_sel(small, v_ldexp_down(r, AF_K(NORMAL_SHIFT)), r);
}

/* One whole vector at element j, with the loop's k, p, in, dy and out. */
#define AF_BINARY_STEP(io, body, refresh, j)                                                    \
    refresh(k, p, (j), AF_LANES);                                                               \
    V x = v_load##io(in + (j)), d = v_load##io(dy + (j));                                       \
    v_store##io(out + (j), AF_BACKWARD_VALUE(x, d, body, &k))
#define AF_LOOP_BINARY(head, S, io, make_params, body, refresh)                                 \
    head(const S *in, const S *dy, S *out, size_t n, const af_params *p)                        \
    {                                                                                           \
        VP k = make_params(p);                                                                  \
        size_t i = 0;                                                                           \
        for (; i + 4 * AF_LANES <= n; i += 4 * AF_LANES)                                        \
            for (int u = 0; u < 4; u++) {                                                       \
                AF_BINARY_STEP(io, body, refresh, i + u * AF_LANES);                            \
            }                                                                                   \
        for (; i + AF_LANES <= n; i += AF_LANES) {                                              \
            AF_BINARY_STEP(io, body, refresh, i);                                               \
        }                                                                                       \
        if (i < n) {                                                                            \
            refresh(k, p, i, n - i);                                                            \
            V x = v_load_part##io(in + i, n - i), d = v_load_part##io(dy + i, n - i);           \
            v_store_part##io(out + i, AF_BACKWARD_VALUE(x, d, body, &k), n - i);                \
        }                                                                                       \
    }

#define AF_KERNEL_BINARY(kernel, body, refresh) AF_LOOP_BINARY(static void kernel, T, , af_vparams_make, body, refresh)

#define AF_STAMP_FROM_Y_0(name)
#define AF_STAMP_FROM_Y_1(name) AF_KERNEL_BINARY(name##_backward_from_y_kernel, name##_grad_y_times, AF_FIXED_PARAMS)
/* grad is grad_times with m = 1; backward is grad_times with m = dy. */
#define AF_STAMP_ELEMENTWISE(name, from_y)                                                      \
    static inline V name##_grad(V x, const VP *k) { return name##_grad_times(x, v_set((T)1), k); } \
    static inline V name##_forward_value(V x, VP *k)                                            \
    {                                                                                           \
        return af_forward_value(x, k, name##_forward, name##_grad, AF_FIRST_ORDER_X(name##_forward)); \
    }                                                                                           \
    static inline V name##_grad_value(V x, const VP *k)                                         \
    {                                                                                           \
        return af_grad_value(x, k, name##_grad, AF_FIRST_ORDER_X(name##_grad_times));           \
    }                                                                                           \
    AF_KERNEL_UNARY(name##_forward_kernel, name##_forward_value, AF_FIXED_PARAMS)               \
    AF_KERNEL_UNARY(name##_grad_kernel, name##_grad_value, AF_FIXED_PARAMS)                     \
    AF_KERNEL_BINARY(name##_backward_kernel, name##_grad_times, AF_FIXED_PARAMS)                \
    AF_STAMP_FROM_Y_##from_y(name)
#define AF_STAMP_ELEMENTWISE_OWN_API(name, from_y) AF_STAMP_ELEMENTWISE(name, from_y)
/* Row-wise ops write their own kernels (kernels/act/softmax.h). */
#define AF_STAMP_ROWWISE(name, from_y)
/* The gated units have loops of their own (kernels/gated.h). */
#define AF_STAMP_GATED(name, from_y)

#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_STAMP_##kind(name, from_y)
#include "ops.def"
#undef AF_OP

/* leaky_relu with one slope per element: prelu's channels, rrelu's draws. */
AF_KERNEL_UNARY(slopes_forward_kernel, leaky_relu_forward, AF_SLOPE_PER_ELEMENT)
AF_KERNEL_UNARY(slopes_grad_kernel, leaky_relu_grad, AF_SLOPE_PER_ELEMENT)
AF_KERNEL_BINARY(slopes_backward_kernel, leaky_relu_grad_times, AF_SLOPE_PER_ELEMENT)

/* The terms dy df/dp of the trainable parameters. */
AF_KERNEL_BINARY(swish_param_grad_kernel, swish_param_grad_times, AF_FIXED_PARAMS)
AF_KERNEL_BINARY(prelu_param_grad_kernel, prelu_param_grad_times, AF_FIXED_PARAMS)
