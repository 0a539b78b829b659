/* glu(a, g) = a sigmoid(g) (PyTorch's glu with a and g its halves):
 * times_sigmoid.h with x = a and z = g, clamped to +-1e4, past which sigmoid
 * is 0 or 1: one corrected quotient, as swish's. */
#if AF_IS_F64
/* Just above exp's scaled tail (600 <= |g| < -EXP_TAIL = 670, e^-|g| down
 * to 2^-966) the quotient's low parts are about 2^-53 e |a| and go
 * subnormal for |a| < 1; there a is taken times 2^64 and the result scaled
 * back, both exactly: for |a| >= 2^-30 every part stays normal and so does
 * the result (above 2^-998). */
static inline V glu_product(V a, V g, const VP *k)
{
    (void)k;
    const V abs_g = v_abs(g), far = v_set(1e300);
    /* |g| where in [600, 670) and 2^-30 <= |a| < 2^900, else far */
    V band = v_sel(v_ge(abs_g, v_set(600.0)), abs_g, far);
    band = v_sel(v_lt(v_abs(a), v_set(0x1p900)), band, far);
    band = v_sel(v_ge(v_abs(a), v_set(0x1p-30)), band, far);
    const M near = v_lt(band, v_set(-(double)AF_K(EXP_TAIL)));
    if (!AF_RARELY(m_any(near)))
        return af_times_sigmoid(a, af_clamp_x(g), v_set(0.0));
    const V y = af_times_sigmoid(v_mul(a, v_sel(near, v_set(0x1p64), v_set(1.0))), af_clamp_x(g), v_set(0.0));
    return v_sel(near, v_mul(y, v_set(0x1p-64)), y);
}
static inline V glu_gated_forward(V a, V g, const VP *k) { return af_gated_forward(a, g, k, glu_product, af_sigmoid_sign); }
#define glu_gate_grad_times sigmoid_grad_times
AF_GATED_COMPOSED_BACKWARD(glu)

/* Float arrays: a (g > 0 ? 1 : e)/(1 + e) and sigmoid' = e/(1 + e)^2 with
 * e = e^-|g| (af_exp_of_float, 0 past g = -250, where a sigmoid(g) < 2^-232
 * for any float a). */
static inline V glu_float_product(V a, V g, const VP *k)
{
    (void)k;
    return af_sigmoid_times_of_float(a, g);
}
static inline V glu_float_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward_of_float(a, g, k, glu_float_product, af_sigmoid_sign);
}
/* One e and one quotient r = 1/(1 + e) for both: da = dy s, s = (g > 0 ? 1
 * : e) r, and dgate = (dy a) e r^2 (dy a exact, nothing to overflow). */
static inline V glu_float_gated_backward(V a, V g, V dy, const VP *k, V *dgate)
{
    (void)k;
    V e = af_exp_of_float(v_nabs(g)), r = v_div(v_set(1.0), v_add(v_set(1.0), e));
    V s = v_mul(v_sel(v_gt(g, v_set(0.0)), v_set(1.0), e), r);
    *dgate = v_mul(v_mul(v_mul(dy, a), e), v_mul(r, r));
    return af_gated_infinite_a(dy, g, v_mul(dy, s), af_sigmoid_sign);
}
#define glu_float_gated_interleaves 1
#endif
