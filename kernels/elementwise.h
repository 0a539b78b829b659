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

/* Non-temporal stores, for an output too large to stay in the caches
 * (p->stream: src/stream.c) on the ISAs that have them (AF_HAS_STREAM): a
 * store that does not read the line it fills first, which saves a third of
 * the memory traffic of y = f(x). Only kernels that run at memory speed use
 * them; a body says so with #define <body>_streams 1 beside it
 * (AF_STREAMS(body)): those below about 0.1 ns per float in L1 on AVX2,
 * half the time the y = 2x stream takes per float from memory (the
 * piecewise-linear ones, the from-y forms of a few instructions). At 16 Mi
 * elements (Zen 5, best of 5, the same build with and without) these ran
 * 1.22x and 1.23x faster with them at the median of two runs (AVX2 and
 * AVX-512; the kernels that do not stream moved by up to 2% and 14%).
 * The kernels whose arithmetic hides the memory time behind plain stores
 * lost: sigmoid, silu and tanh for doubles 0.78-0.92x (floats 0.95-1.03x),
 * and on AVX2 hardswish, hardsigmoid's forward and selu's and celu's
 * from-y forms 0.78-0.98x. The first elements, up to out's first vector
 * boundary, go as a partial vector, as the tail does; an out not aligned
 * to its element type (no C object is) is written as always.
 * af_stream_start gives that first boundary's index, or SIZE_MAX for no
 * streaming. */
#define AF_STREAMS(body) AF_IS_ONE(body##_streams)
static inline size_t af_stream_start(const af_params *p, const void *out, size_t size, size_t n)
{
    const uintptr_t at = (uintptr_t)out, vector = AF_LANES * size;
    if (!AF_HAS_STREAM || !p->stream || at % size != 0)
        return SIZE_MAX;
    const size_t start = (size_t)((vector - at % vector) % vector / size);
    return start < n ? start : n;
}
/* The whole-vector stores of a streaming loop. The float kernels that run in
 * double (kernels/wide.h) are all transcendental, and never stream. */
#define af_stream_store v_stream
#define af_stream_store_f32 v_store_f32

/* The loops over arrays of S, the type of the arrays: T for the plain
 * kernels, float for the wide ones (kernels/wide.h). io names the loads and
 * stores: none for v_load etc., _f32 for v_load_f32 etc., which widen floats
 * to T and round back. head is the kernel's storage class, type and name.
 * Four vectors per iteration: the kernels of a few instructions (relu, the
 * from-y forms) ran 9-24% faster for floats at n = 4096 (Zen 5, AVX2 and
 * AVX-512), the others within noise.
 *
 * A body whose common path is long says so with #define <body>_interleaves
 * 1 beside it (AF_INTERLEAVES: the group's size, 4, or 2 for a marker of
 * 2), and on AVX2 and AVX-512 its kernels load a group's vectors before any
 * store (in and out may alias: a store ahead of the next load would order
 * the bodies), test them for rare lanes once, and are compiled with GCC's
 * instruction scheduler on (AF_INTERLEAVED), which then interleaves the
 * group's bodies. Their chains of dependent instructions are longer than
 * the core's out-of-order window overlaps one after another: tanh's forward
 * ran 1.37x (AVX-512) and 1.34x (AVX2) faster, mish's float forward 1.47x,
 * sigmoid's 1.14-1.20x, the float forms of softplus in double 1.31x (Zen 5,
 * n = 4096, interleaved runs). The rare lanes are the frame's (a subnormal
 * x or dy, an infinite dy) and, where the body's common path is a branch of
 * its own (every lane's e^a near 1, say), those of its other path: such a
 * body gives its common path alone as <body>_near and
 * <body>_leaves_near(x, k), 1 where a lane of x needs the other (k: the
 * parameters, where they set e^a: softplus's and swish's z = b x), and says
 * so with #define <body>_has_near 1. Four bodies with branches between them
 * gained nothing and lost 5-15% (their vectors stay live across the
 * branches). A group with such a lane runs the other path, and where that
 * path has a branch of its own (the per-vector test of e^a's tail and its
 * scaling: sigmoid, silu, swish, mish, softplus, logsigmoid, tanh', elu',
 * selu'), the body gives it without that test as <body>_far, with
 * <body>_leaves_far(x, k), 1 where a lane needs the body itself (a tiny x
 * of a small_x.h body), and #define <body>_has_far 1: then a group with no
 * such lane and none rare to the frame runs the far paths, interleaved as
 * the near ones. On floats in [-100, -20] (mixed vectors) they ran
 * 1.05-1.67x faster, geomean 1.16, and 1.07 in [-104, -88] (all in the
 * tail; Zen 5, AVX2 and AVX-512); sigmoid's forward for doubles, whose far
 * path divides where the body's all-far vectors do not, lost on AVX2
 * (0.85x) and is marked AF_IN_FLOAT.
 *
 * The marked bodies are those that gained on both ISAs. The
 * piecewise-linear ones, which run at the speed of their loads and
 * stores, lost up to 1.4x; the scalar ISA, whose selects are branches,
 * lost up to 2x (hardswish'). For doubles the backward forms of elu,
 * mish, selu and sigmoid ran 0.82-0.94x interleaved four at a time
 * (AVX-512) where their floats gained 1.12-1.54x: their double-word
 * bodies do not fit four to the registers. Two at a time (a marker of 2:
 * AF_IN_PAIRS_IN_DOUBLE) sigmoid', mish' and selu' for doubles ran
 * 1.11-1.18x, 1.03-1.12x and 1.02-1.06x faster than one at a time (both
 * ISAs); elu' (0.99-1.06x) and mish's forward (0.99-1.05x) did not gain
 * and interleave in floats only (AF_IN_FLOAT); the bodies interleaved four
 * at a time lost up to 0.82x in pairs. The scheduler is switched on for
 * the marked kernels only: on for the whole unit, it made softmax's
 * backward 0.88x. NEON, not measured here, keeps one vector at a time. */
#define AF_HAS_NEAR(body) AF_IS_ONE(body##_has_near)
#define AF_NEAR_1(body) body##_near
#define AF_NEAR_0(body) body
#define AF_NEAR(body) AF_CAT(AF_NEAR_, AF_HAS_NEAR(body))(body)
#define AF_LEAVES_NEAR_1(body) body##_leaves_near
#define AF_LEAVES_NEAR_0(body) af_never_rare
#define AF_LEAVES_NEAR(body) AF_CAT(AF_LEAVES_NEAR_, AF_HAS_NEAR(body))(body)
#define AF_HAS_FAR(body) AF_IS_ONE(body##_has_far)
#define AF_FAR_1(body) body##_far
#define AF_FAR_0(body) body
#define AF_FAR(body) AF_CAT(AF_FAR_, AF_HAS_FAR(body))(body)
#define AF_LEAVES_FAR_1(body) body##_leaves_far
#define AF_LEAVES_FAR_0(body) af_always_rare
#define AF_LEAVES_FAR(body) AF_CAT(AF_LEAVES_FAR_, AF_HAS_FAR(body))(body)
#if AF_IS_F64
#define AF_IN_FLOAT 0
#define AF_IN_PAIRS_IN_DOUBLE 2
#else
#define AF_IN_FLOAT 1
#define AF_IN_PAIRS_IN_DOUBLE 1
#endif
/* The group's size: 4 for a marker of 1, 2 for one of 2, 0 for none. */
#define AF_GROUP_PROBE_1 ~, 4
#define AF_GROUP_PROBE_2 ~, 2
#if defined(AF_ISA_AVX2) || defined(AF_ISA_AVX512)
#define AF_INTERLEAVES(body) AF_SECOND(AF_CAT(AF_GROUP_PROBE_, body##_interleaves))
#else
#define AF_INTERLEAVES(body) 0
#endif
#if defined(__GNUC__) && !defined(__clang__)
#define AF_INTERLEAVED_4 __attribute__((optimize("schedule-insns", "sched-pressure")))
#else
#define AF_INTERLEAVED_4
#endif
#define AF_INTERLEAVED_2 AF_INTERLEAVED_4
#define AF_INTERLEAVED_0
#define AF_INTERLEAVED(interleaves) AF_CAT(AF_INTERLEAVED_, interleaves)

/* One whole vector at element j, with the loop's k, p, in and out. */
#define AF_UNARY_STEP(io, body, refresh, j, store)                                              \
    refresh(k, p, (j), AF_LANES);                                                               \
    store(out + (j), body(v_load##io(in + (j)), &k))
/* y_[u] = value for each vector u of a group (value names u), after
 * refreshing the parameters for it. */
#define AF_GROUP_EACH(group, refresh, value)                                                    \
    for (int u = 0; u < (group); u++) {                                                         \
        refresh(k, p, i + (v0_ + u) * AF_LANES, AF_LANES);                                      \
        y_[u] = value;                                                                          \
    }
/* Four whole vectors at i in groups of group (4 or 2), each interleaved:
 * common where rare(x) is 0 for all of the group (common is what body
 * reduces to without rare lanes), else far where leaves_far(x, k) is 0 for
 * all of it, else body. */
#define AF_UNARY_GROUP(io, body, common, rare, far, leaves_far, group, refresh, store)          \
    for (int v0_ = 0; v0_ < 4; v0_ += (group)) {                                                \
        V x_[4], y_[4];                                                                         \
        int rare_ = 0;                                                                          \
        for (int u = 0; u < (group); u++) {                                                     \
            x_[u] = v_load##io(in + i + (v0_ + u) * AF_LANES);                                  \
            rare_ |= rare(x_[u], &k);                                                           \
        }                                                                                       \
        if (AF_RARELY(rare_)) {                                                                 \
            int far_ = 1;                                                                       \
            for (int u = 0; u < (group); u++)                                                   \
                far_ &= !leaves_far(x_[u], &k);                                                 \
            if (far_) {                                                                         \
                AF_GROUP_EACH(group, refresh, far(x_[u], &k));                                  \
            } else {                                                                            \
                AF_GROUP_EACH(group, refresh, body(x_[u], &k));                                 \
            }                                                                                   \
        } else {                                                                                \
            AF_GROUP_EACH(group, refresh, common(x_[u], &k));                                   \
        }                                                                                       \
        for (int u = 0; u < (group); u++)                                                       \
            store(out + i + (v0_ + u) * AF_LANES, y_[u]);                                       \
    }
/* The whole vectors from i on, stored by store. */
#define AF_UNARY_WHOLE(io, body, common, rare, far, leaves_far, interleaves, refresh, store)    \
    for (; i + 4 * AF_LANES <= n; i += 4 * AF_LANES)                                            \
        if (interleaves) {                                                                      \
            AF_UNARY_GROUP(io, body, common, rare, far, leaves_far, interleaves, refresh, store) \
        } else {                                                                                \
            for (int u = 0; u < 4; u++) {                                                       \
                AF_UNARY_STEP(io, body, refresh, i + u * AF_LANES, store);                      \
            }                                                                                   \
        }                                                                                       \
    for (; i + AF_LANES <= n; i += AF_LANES) {                                                  \
        AF_UNARY_STEP(io, body, refresh, i, store);                                             \
    }
/* A partial vector: len < AF_LANES elements at j. */
#define AF_UNARY_PART(io, body, refresh, j, len)                                                \
    refresh(k, p, (j), (len));                                                                  \
    v_store_part##io(out + (j), body(v_load_part##io(in + (j), (len)), &k), (len))
/* streams: the body's AF_STREAMS. Each store has its own loop: a test per
 * vector made GCC 12 keep the flag on the stack and the unrolled loop's
 * addresses in registers (tanh's from-y form 1.3x slower in L1). */
#define AF_LOOP_UNARY(head, S, io, make_params, body, common, rare, far, leaves_far, interleaves, refresh, streams) \
    AF_INTERLEAVED(interleaves) head(const S *in, const S *dy, S *out, size_t n, const af_params *p) \
    {                                                                                           \
        VP k = make_params(p);                                                                  \
        const size_t start = (streams) ? af_stream_start(p, out, sizeof(S), n) : SIZE_MAX;      \
        size_t i = 0;                                                                           \
        (void)dy;                                                                               \
        if (start != SIZE_MAX) {                                                                \
            if (start > 0) {                                                                    \
                AF_UNARY_PART(io, body, refresh, 0, start);                                     \
                i = start;                                                                      \
            }                                                                                   \
            AF_UNARY_WHOLE(io, body, common, rare, far, leaves_far, interleaves, refresh, af_stream_store##io) \
        } else {                                                                                \
            AF_UNARY_WHOLE(io, body, common, rare, far, leaves_far, interleaves, refresh, v_store##io) \
        }                                                                                       \
        if (i < n) {                                                                            \
            AF_UNARY_PART(io, body, refresh, i, n - i);                                         \
        }                                                                                       \
        if (start != SIZE_MAX)                                                                  \
            af_stream_fence();                                                                  \
    }

/* A kernel with no rare lanes to test for: its body has no frame. */
static inline int af_never_rare(V x, const VP *k)
{
    (void)x;
    (void)k;
    return 0;
}
/* A kernel with no far path: every rare group takes the body. */
static inline int af_always_rare(V x, const VP *k)
{
    (void)x;
    (void)k;
    return 1;
}

#define AF_KERNEL_UNARY(kernel, body, common, rare, far, leaves_far, interleaves, refresh, streams) \
    AF_LOOP_UNARY(static void kernel, T, , af_vparams_make, body, common, rare, far, leaves_far, interleaves, refresh, streams)

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
 * that meets the subnormal (v_subnormal: kernels/vec/). A body
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
    M subnormal = v_subnormal(x);
    if (!AF_RARELY(m_any(subnormal)))
        return x;
    V arg = v_set(AF_K(FIRST_ORDER_ARG));
    return v_sel(subnormal, v_sel(v_lt(x, v_set((T)0)), v_neg(arg), arg), x);
}
/* af_forward_value and af_grad_value are f(x, k) and grad(x, k) themselves
 * unless this is 1. */
static inline int af_first_order_rare(V x, int first_order_x) { return first_order_x && m_any(v_subnormal(x)); }
static inline V af_grad_value(V x, const VP *k, V (*grad)(V, const VP *), int first_order_x)
{
    return grad(first_order_x ? af_first_order_arg(x) : x, k);
}
static inline V af_forward_value(V x, VP *k, V (*f)(V, const VP *), V (*grad)(V, const VP *), int first_order_x)
{
    if (first_order_x) {
        M subnormal = v_subnormal(x);
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
/* af_backward_value is body(x, d, k) itself unless this is 1. */
#define AF_BACKWARD_RARE(x, d, body) af_backward_rare(x, d, AF_TAKES_INFINITE_M(body), AF_FIRST_ORDER_X(body))
static inline int af_backward_rare(V x, V d, int takes_infinite_m, int first_order_x)
{
    return (first_order_x && m_any(v_subnormal(x))) | (!takes_infinite_m && m_any(v_subnormal_or_inf(d)));
}
static inline V af_backward_value(V x, V d, const VP *k, V (*body)(V, V, const VP *), int takes_infinite_m,
                                  int first_order_x)
{
    if (first_order_x)
        x = af_first_order_arg(x);
    if (takes_infinite_m)
        return body(x, d, k);
    /* One test for both rare kinds of dy: on AVX-512 one vfpclass where
     * the two tests took six instructions and two branches. The backward
     * forms of elu, selu, softsign and hardswish ran 1.15-1.43x faster on
     * AVX-512, mish's and celu's 1.07-1.18x, the scalar ISA's 1.02-1.20x
     * (Zen 5, n = 4096, interleaved runs); AVX2, which still compares
     * three times, and the long bodies moved within noise. */
    if (!AF_RARELY(m_any(v_subnormal_or_inf(d))))
        return body(x, d, k);
    M small = v_subnormal(d);
    if (!m_any(small))
        return af_backward_plain(x, d, k, body);
    V scaled = v_sel(small, af_mul_small(d, v_set((T)1 / AF_K(MIN_NORMAL))), d);
    V r = af_backward_plain(x, scaled, k, body);
    return v_sel(small, v_ldexp_down(r, AF_K(NORMAL_SHIFT)), r);
}

/* One whole vector at element j, with the loop's k, p, in, dy and out;
 * keep(d) is v_keep_load (vec/generic.h) in the streaming loop, whose
 * arrays come from memory, and nothing in the other: in L1 (n = 4096) the
 * masked load that it prevents saves an instruction, and relu's backward
 * ran about 10% faster with it. */
#define AF_NO_KEEP(v) ((void)0)
#define AF_BINARY_STEP(io, body, refresh, j, store, keep)                                       \
    refresh(k, p, (j), AF_LANES);                                                               \
    V x = v_load##io(in + (j)), d = v_load##io(dy + (j));                                       \
    keep(d);                                                                                    \
    store(out + (j), AF_BACKWARD_VALUE(x, d, body, &k))
/* Four whole vectors at i, in groups interleaved as AF_UNARY_GROUP's. */
#define AF_BINARY_GROUP(io, body, group, refresh, store, keep)                                  \
    for (int v0_ = 0; v0_ < 4; v0_ += (group)) {                                                \
        V x_[4], d_[4], y_[4];                                                                  \
        int rare_ = 0;                                                                          \
        for (int u = 0; u < (group); u++) {                                                     \
            x_[u] = v_load##io(in + i + (v0_ + u) * AF_LANES);                                  \
            d_[u] = v_load##io(dy + i + (v0_ + u) * AF_LANES);                                  \
            keep(d_[u]);                                                                        \
            rare_ |= AF_BACKWARD_RARE(x_[u], d_[u], body) | AF_LEAVES_NEAR(body)(x_[u], &k);    \
        }                                                                                       \
        if (AF_RARELY(rare_)) {                                                                 \
            int far_ = 1;                                                                       \
            for (int u = 0; u < (group); u++)                                                   \
                far_ &= !(AF_BACKWARD_RARE(x_[u], d_[u], body) | AF_LEAVES_FAR(body)(x_[u], &k)); \
            if (far_) {                                                                         \
                AF_GROUP_EACH(group, refresh, AF_FAR(body)(x_[u], d_[u], &k));                  \
            } else {                                                                            \
                AF_GROUP_EACH(group, refresh, AF_BACKWARD_VALUE(x_[u], d_[u], body, &k));       \
            }                                                                                   \
        } else {                                                                                \
            AF_GROUP_EACH(group, refresh, AF_NEAR(body)(x_[u], d_[u], &k));                     \
        }                                                                                       \
        for (int u = 0; u < (group); u++)                                                       \
            store(out + i + (v0_ + u) * AF_LANES, y_[u]);                                       \
    }
#define AF_BINARY_WHOLE(io, body, refresh, store, keep)                                         \
    for (; i + 4 * AF_LANES <= n; i += 4 * AF_LANES)                                            \
        if (AF_INTERLEAVES(body)) {                                                             \
            AF_BINARY_GROUP(io, body, AF_INTERLEAVES(body), refresh, store, keep)               \
        } else {                                                                                \
            for (int u = 0; u < 4; u++) {                                                       \
                AF_BINARY_STEP(io, body, refresh, i + u * AF_LANES, store, keep);               \
            }                                                                                   \
        }                                                                                       \
    for (; i + AF_LANES <= n; i += AF_LANES) {                                                  \
        AF_BINARY_STEP(io, body, refresh, i, store, keep);                                      \
    }
#define AF_BINARY_PART(io, body, refresh, j, len)                                               \
    refresh(k, p, (j), (len));                                                                  \
    V x = v_load_part##io(in + (j), (len)), d = v_load_part##io(dy + (j), (len));               \
    v_store_part##io(out + (j), AF_BACKWARD_VALUE(x, d, body, &k), (len))
#define AF_LOOP_BINARY(head, S, io, make_params, body, refresh, streams)                        \
    AF_INTERLEAVED(AF_INTERLEAVES(body)) head(const S *in, const S *dy, S *out, size_t n, const af_params *p) \
    {                                                                                           \
        VP k = make_params(p);                                                                  \
        const size_t start = (streams) ? af_stream_start(p, out, sizeof(S), n) : SIZE_MAX;      \
        size_t i = 0;                                                                           \
        if (start != SIZE_MAX) {                                                                \
            if (start > 0) {                                                                    \
                AF_BINARY_PART(io, body, refresh, 0, start);                                    \
                i = start;                                                                      \
            }                                                                                   \
            AF_BINARY_WHOLE(io, body, refresh, af_stream_store##io, v_keep_load)                \
        } else {                                                                                \
            AF_BINARY_WHOLE(io, body, refresh, v_store##io, AF_NO_KEEP)                         \
        }                                                                                       \
        if (i < n) {                                                                            \
            AF_BINARY_PART(io, body, refresh, i, n - i);                                        \
        }                                                                                       \
        if (start != SIZE_MAX)                                                                  \
            af_stream_fence();                                                                  \
    }

#define AF_KERNEL_BINARY(kernel, body, refresh, streams)                                        \
    AF_LOOP_BINARY(static void kernel, T, , af_vparams_make, body, refresh, streams)

#define AF_STAMP_FROM_Y_0(name)
#define AF_STAMP_FROM_Y_1(name)                                                                 \
    AF_KERNEL_BINARY(name##_backward_from_y_kernel, name##_grad_y_times, AF_FIXED_PARAMS, AF_STREAMS(name##_grad_y_times))
/* For the near or the far path of forward and grad (AF_NEAR, AF_FAR): the
 * test of a vector that cannot take it (a lane rare to the frame, or one
 * that leaves the path), and grad's path, grad_times's at m = 1. */
#define AF_STAMP_PATH(name, path, PATH)                                                         \
    static inline int name##_forward_off_##path(V x, const VP *k)                               \
    {                                                                                           \
        return af_first_order_rare(x, AF_FIRST_ORDER_X(name##_forward)) | AF_LEAVES_##PATH(name##_forward)(x, k); \
    }                                                                                           \
    static inline int name##_grad_off_##path(V x, const VP *k)                                  \
    {                                                                                           \
        return af_first_order_rare(x, AF_FIRST_ORDER_X(name##_grad_times)) | AF_LEAVES_##PATH(name##_grad_times)(x, k); \
    }                                                                                           \
    static inline V name##_grad_##path(V x, const VP *k) { return AF_##PATH(name##_grad_times)(x, v_set((T)1), k); }
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
    AF_STAMP_PATH(name, near, NEAR)                                                             \
    AF_STAMP_PATH(name, far, FAR)                                                               \
    AF_KERNEL_UNARY(name##_forward_kernel, name##_forward_value, AF_NEAR(name##_forward), name##_forward_off_near, \
                    AF_FAR(name##_forward), name##_forward_off_far, AF_INTERLEAVES(name##_forward), \
                    AF_FIXED_PARAMS, AF_STREAMS(name##_forward))                                \
    AF_KERNEL_UNARY(name##_grad_kernel, name##_grad_value, name##_grad_near, name##_grad_off_near, \
                    name##_grad_far, name##_grad_off_far, AF_INTERLEAVES(name##_grad_times),    \
                    AF_FIXED_PARAMS, AF_STREAMS(name##_grad_times))                             \
    AF_KERNEL_BINARY(name##_backward_kernel, name##_grad_times, AF_FIXED_PARAMS, AF_STREAMS(name##_grad_times)) \
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
AF_KERNEL_UNARY(slopes_forward_kernel, leaky_relu_forward, leaky_relu_forward, af_never_rare, leaky_relu_forward,
                af_always_rare, 0, AF_SLOPE_PER_ELEMENT, 0)
AF_KERNEL_UNARY(slopes_grad_kernel, leaky_relu_grad, leaky_relu_grad, af_never_rare, leaky_relu_grad, af_always_rare, 0,
                AF_SLOPE_PER_ELEMENT, 0)
AF_KERNEL_BINARY(slopes_backward_kernel, leaky_relu_grad_times, AF_SLOPE_PER_ELEMENT, 0)

/* The terms dy df/dp of the trainable parameters. */
AF_KERNEL_BINARY(swish_param_grad_kernel, swish_param_grad_times, AF_FIXED_PARAMS, 0)
AF_KERNEL_BINARY(prelu_param_grad_kernel, prelu_param_grad_times, AF_FIXED_PARAMS, 0)
