/* What the gated linear units share (glu, swiglu, geglu, geglu_tanh, reglu:
 * y = a act(g), elementwise over a and the gate g). Each unit's file gives
 *   <name>_gated_forward(a, g, k)        a act(g), rounded once from the
 *                                        activation's own double word where
 *                                        it has one (times_sigmoid.h,
 *                                        gelu_times), for double arrays
 *   <name>_gated_backward(a, g, dy, k, &dgate)  da = dy act(g) and
 *                                        dgate = dy a act'(g): the forward
 *                                        with dy in a's place and the
 *                                        activation's backward at m = dy a
 *                                        (AF_GATED_COMPOSED_BACKWARD)
 *   <name>_float_gated_forward, <name>_float_gated_backward  the same for
 *                                        float arrays
 * and kernels/gated.h, which includes them, stamps the loops.
 *
 * Double only: every dtype's gated kernels run in double, so the float unit
 * compiles none of this. On float arrays (and the 16-bit ones, staged
 * through float) a g and dy a are exact, and the float bodies are lean
 * formulas, as kernels/wide.h's: e^x from af_exp_of_float (2^-37.6), a few
 * double roundings, within 0.5 + 2^-12 ulp of float once rounded (geglu's
 * 0.5 + 2^-4: gelu's erfc of 2^-28), one
 * e^-|g| and one quotient shared by da and dgate; near a root of act' and in
 * the tails that formula does not reach (geglu's gate below GELU_FLOAT_TAIL)
 * the double body takes the lanes (rare, tested per vector). */
#if AF_IS_F64

/* sigmoid(g) > 0 but at g = -inf; NaN stays NaN. */
static inline V af_sigmoid_sign(V g)
{
    V positive = v_sel(v_eq(g, v_set(-INFINITY)), v_set(0), v_set(1));
    return v_sel(v_isnan(g), g, positive);
}

/* g act(g) with act > 0 (silu, gelu, gelu_tanh): the sign of g, -0 at
 * g = -inf (act(-inf) = -0 for each). */
static inline V af_x_times_positive_sign(V g) { return v_sel(v_eq(g, v_set(-INFINITY)), v_set(-0.0), g); }

/* a g sigmoid(z), z = z + z_lo the activation's argument (g itself, or
 * gelu_tanh's cubic): a g = p + p_lo exactly (where it neither overflows
 * nor underflows) into one corrected quotient. g = -inf enters the product
 * as -MAX_FINITE, so that a = 0 gives -0 (0 act(-inf) = 0 (-0)), not NaN.
 * Where a g overflows and the result need not (g <= 1.28, or any g < 0,
 * where sigmoid(g) is small), a vector with such a lane (rare) takes a 2^-64
 * in those lanes and scales back by 2^64: exact, as the scaled result is
 * normal wherever the exact one is at least 2^-958. */
static inline V af_gated_x_sigmoid(V a, V g, V z, V z_lo)
{
    V x = v_max(g, v_set(-AF_K(MAX_FINITE)));
    V p_lo, p = af_two_prod(a, x, &p_lo);
    V y = af_times_sigmoid_dw(p, af_finite_or_zero(p_lo), 1, z, z_lo);
    M over = v_eq(v_abs(p), v_set(INFINITY));
    if (!AF_RARELY(m_any(over)))
        return y;
    p = af_two_prod(v_mul(a, v_set(0x1p-64)), x, &p_lo);
    V scaled = af_times_sigmoid_dw(p, af_finite_or_zero(p_lo), 1, z, z_lo);
    return v_sel(over, v_mul(scaled, v_set(0x1p64)), y);
}

/* y, or a s in the lanes of an infinite a (rare, tested per vector), s with
 * the sign and the zeros of act(g): act(g) may have rounded to 0 in its
 * tail where a act(g) is +-inf. */
static inline V af_gated_infinite_a(V a, V g, V y, V (*sign_of_act)(V))
{
    M infinite = v_eq(v_abs(a), v_set(INFINITY));
    return AF_RARELY(m_any(infinite)) ? v_sel(infinite, v_mul(a, sign_of_act(g)), y) : y;
}

/* a act(g) from the unit's product(a, g), rounded once, for double arrays.
 * Where |a| is below 2^-900 (not 0) the low parts of a's products would be
 * subnormal (1.84 ulp measured for glu at a = 2^-992): a vector with such a
 * lane (rare) takes the product of a 2^64 there, scaled back by integer
 * operations (v_ldexp_down), one rounding where the result is subnormal (the
 * scaled one is normal wherever a act(g) is at least 2^-1086, below which
 * both round to 0). */
static inline V af_gated_forward(V a, V g, const VP *k, V (*product)(V, V, const VP *), V (*sign_of_act)(V))
{
    V y = product(a, g, k);
    M small = v_lt(v_abs(v_sel(v_eq(a, v_set(0.0)), v_set(1.0), a)), v_set(0x1p-900));
    if (AF_RARELY(m_any(small)))
        y = v_sel(small, v_ldexp_down(product(v_mul(a, v_set(0x1p64)), g, k), 64), y);
    return af_gated_infinite_a(a, g, y, sign_of_act);
}

/* The same on float arrays, whose a (at least 2^-149) is never that small. */
static inline V af_gated_forward_of_float(V a, V g, const VP *k, V (*product)(V, V, const VP *),
                                          V (*sign_of_act)(V))
{
    return af_gated_infinite_a(a, g, product(a, g, k), sign_of_act);
}
#endif
