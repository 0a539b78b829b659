/* geglu_tanh(a, g) = a gelu_tanh(g) = a g sigmoid(z(g)): gelu_tanh's
 * double-word z, and the product a g as an exact double word into the
 * corrected quotient (af_gated_x_sigmoid), rounded once. */
#if AF_IS_F64
static inline V geglu_tanh_product(V a, V g, const VP *k)
{
    (void)k;
    V z_lo, z = gelu_tanh_z(g, &z_lo);
    return af_gated_x_sigmoid(a, g, z, z_lo);
}
static inline V geglu_tanh_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward(a, g, k, geglu_tanh_product, af_x_times_positive_sign);
}
#define geglu_tanh_gate_grad_times gelu_tanh_grad_times

/* Float arrays: a times gelu_tanh's float formula in double (its e^-|z| is
 * 0 only past z = -250, g < -15, where a gelu_tanh(g) < 2^-228 for any float
 * a), and its float f'. */
static inline V geglu_tanh_float_product(V a, V g, const VP *k) { return v_mul(a, gelu_tanh_float_forward(g, k)); }
static inline V geglu_tanh_float_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward_of_float(a, g, k, geglu_tanh_float_product, af_x_times_positive_sign);
}
#define geglu_tanh_float_gate_grad_times gelu_tanh_float_grad_times
#endif
