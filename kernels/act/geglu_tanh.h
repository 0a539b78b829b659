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
AF_GATED_COMPOSED_BACKWARD(geglu_tanh)

/* Float arrays: a times gelu_tanh's float formula in double (its e^-|z| is
 * 0 only past z = -250, g < -15, where a gelu_tanh(g) < 2^-228 for any float
 * a), and its float f'. */
static inline V geglu_tanh_float_product(V a, V g, const VP *k) { return v_mul(a, gelu_tanh_float_forward(g, k)); }
static inline V geglu_tanh_float_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward_of_float(a, g, k, geglu_tanh_float_product, af_x_times_positive_sign);
}
/* One z, e = e^-|z| and r = 1/(1 + e) for both: da = dy (z >= 0 ? g : g e)
 * r, dgate = (dy a) n r^2 as gelu_tanh_float_grad_times' n, near its root
 * the double body's f'. */
static inline V geglu_tanh_float_gated_backward(V a, V g, V dy, const VP *k, V *dgate)
{
    V one = v_set(1.0), xc = af_clamp_x(g), z = gelu_tanh_float_z(xc, v_set(GELU_TANH_K_HI_f64));
    V xdz = gelu_tanh_float_z(xc, v_set(GELU_TANH_K3_HI_f64));
    V e = af_exp_of_float(v_nabs(z)), d = v_add(one, e), r = v_div(one, d);
    M positive = v_ge(z, v_set(0.0));
    V n = v_sel(positive, v_fma(xdz, e, d), v_mul(e, v_add(d, xdz)));
    V m = v_mul(dy, a);
    *dgate = af_grad_near_root_from_double(g, m, v_mul(v_mul(m, n), v_mul(r, r)), GELU_TANH_GRAD_ROOT,
                                           gelu_tanh_grad_times, k);
    V da = v_mul(dy, v_mul(v_sel(positive, g, v_mul(xc, e)), r));
    return af_gated_infinite_a(dy, g, da, af_x_times_positive_sign);
}
#define geglu_tanh_float_gated_interleaves 1
#endif
