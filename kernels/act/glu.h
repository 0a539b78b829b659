/* glu(a, g) = a sigmoid(g) (PyTorch's glu with a and g its halves):
 * times_sigmoid.h with x = a and z = g, clamped to +-1e4, past which sigmoid
 * is 0 or 1: one corrected quotient, as swish's. */
#if AF_IS_F64
static inline V glu_product(V a, V g, const VP *k)
{
    (void)k;
    return af_times_sigmoid(a, af_clamp_x(g), v_set(0.0));
}
static inline V glu_gated_forward(V a, V g, const VP *k) { return af_gated_forward(a, g, k, glu_product, af_sigmoid_sign); }
#define glu_gate_grad_times sigmoid_grad_times

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
static inline V glu_float_gate_grad_times(V g, V m, const VP *k)
{
    (void)k;
    V e = af_exp_of_float(v_nabs(g)), d = v_add(v_set(1.0), e);
    return v_div(v_mul(m, e), v_mul(d, d));
}
#define glu_float_gate_grad_times_takes_infinite_m 1
#endif
