/* f(x) = x g(x) for small x, where g(x) is a function of e^z, z = O(x)
 * (silu, mish, gelu_tanh; selu and swish use the pieces below). Below TINY
 * in magnitude e^z rounds to 1 (af_exp_clamp_nonpos), so the kernel's g(x)
 * is g(0) there to the bit; below EXP_TAIL_SCALE (2^-92, 2^-512) the products
 * of x and their low parts (x e, x n as a double word, a quotient's
 * correction) are subnormal long before x is (mish's from 2^-104 in float),
 * each a microcode assist on Intel. A body written as body(factor, arg, k) =
 * factor g(arg) is evaluated below TINY at arg = 0 (no z, no low part of z
 * to go subnormal), with the factor
 *   x itself down to EXP_TAIL_SCALE;
 *   X = 2^EXP_TAIL_SHIFT x below it, normal and below 1, and X g(0) scaled
 *     back by integer operations (af_unscale_lanes): exact where f(x) is
 *     normal, so the bits are the unscaled formula's;
 *   +-1 for a subnormal x, and x g(0) as |x| times that rounded +-g(0), one
 *     product, the one operation that meets the subnormal: rounded once
 *     (the frame's first-order term, kernels/elementwise.h, which this test
 *     replaces for such bodies at the same cost).
 * A vector with a lane below TINY is rare, tested per vector (x = 0 is
 * none). One of subnormal lanes only is x g0 in one product, g0 the body's
 * own rounded g(0) (body(1, 0) = g0, body(-1, 0) = -g0: 1/2 for silu and
 * gelu_tanh, 3/5 rounded once for mish), the same bits as the body's path
 * without the body: 0.1-0.4x a uniform vector's time, not 1.6-2.1x (Zen 5,
 * AVX2 and AVX-512). */

/* The normal lanes of x below EXP_TAIL_SCALE, given its subnormal lanes. */
static inline M af_scaled_lanes(V x, M subnormal) { return af_tiny_value_lanes(v_sel(subnormal, v_set((T)1), x)); }

/* X = 2^EXP_TAIL_SHIFT x in the lanes of scaled, x elsewhere. */
static inline V af_scaled_x(V x, M scaled) { return v_sel(scaled, af_upscale_lanes(x, scaled), x); }

/* The factor: X in the scaled lanes, +-1 (x's sign) in the subnormal ones. */
static inline V af_small_x_factor(V x, M subnormal, M scaled)
{
    V unit = v_sel(v_lt(x, v_set((T)0)), v_set((T)-1), v_set((T)1));
    return af_scaled_x(v_sel(subnormal, unit, x), scaled);
}

/* f(x) from r, the body at that factor. */
static inline V af_small_x_result(V x, V r, M subnormal, M scaled)
{
    return v_sel(subnormal, af_mul_small(v_abs(x), r), af_unscale_lanes(r, scaled));
}

static inline V af_times_small_x(V x, const VP *k, V (*body)(V, V, const VP *), T g0)
{
    M tiny = af_below_lanes(x, AF_K(TINY));
    if (!AF_RARELY(m_any(tiny)))
        return body(x, x, k);
    M subnormal = v_subnormal(x);
    if (af_every_lane(subnormal))
        return af_mul_small(x, v_set(g0));
    M scaled = af_scaled_lanes(x, subnormal);
    V r = body(af_small_x_factor(x, subnormal, scaled), v_sel(tiny, v_set((T)0), x), k);
    return af_small_x_result(x, r, subnormal, scaled);
}

/* The lanes of x that a body over af_times_small_x whose e^a is e^-|x|
 * takes through af_times_small_x itself: a tiny x (they leave its far path,
 * kernels/elementwise.h: AF_FAR); and those that leave its near path
 * (AF_NEAR): a tiny x, or an e^-|x| not near 1. */
static inline int af_small_x_leaves(V x, const VP *k)
{
    (void)k;
    return m_any(af_below_lanes(x, AF_K(TINY)));
}
static inline int af_small_x_leaves_near(V x, const VP *k) { return af_small_x_leaves(x, k) | af_nabs_leaves_near(x, k); }
/* The same test for the bodies that take x below EXP_TAIL_SCALE apart
 * (selu's and swish's forward, af_tiny_value_lanes): a vector with such a
 * lane leaves their near and far paths. */
static inline int af_tiny_value_leaves(V x, const VP *k)
{
    (void)k;
    return m_any(af_tiny_value_lanes(x));
}
