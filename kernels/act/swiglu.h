/* swiglu(a, g) = a silu(g) = a g sigmoid(g): the product a g as an exact
 * double word into silu's corrected quotient (af_gated_x_sigmoid), so that
 * a silu(g) is rounded once. */
#if AF_IS_F64
static inline V swiglu_product(V a, V g, const VP *k)
{
    (void)k;
    return af_gated_x_sigmoid(a, g, af_clamp_x(g), v_set(0.0));
}
static inline V swiglu_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward(a, g, k, swiglu_product, af_x_times_positive_sign);
}
#define swiglu_gate_grad_times silu_grad_times
AF_GATED_COMPOSED_BACKWARD(swiglu)

/* Float arrays: (a g) sigmoid(g), a g exact in double (g = -inf taken as
 * -1e4, where sigmoid is 0: a silu(-inf) = a (-0)). */
static inline V swiglu_float_product(V a, V g, const VP *k)
{
    (void)k;
    return af_sigmoid_times_of_float(v_mul(a, af_clamp_x_below(g)), g);
}
static inline V swiglu_float_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward_of_float(a, g, k, swiglu_float_product, af_x_times_positive_sign);
}
/* One e = e^-|g| and r = 1/(1 + e) for both: da = (dy g) s with s = (g > 0 ?
 * 1 : e) r, and dgate = (dy a) n r^2 with silu' = (1 + e (1 + g)) r^2 for
 * g >= 0 and e (1 + g + e) r^2 below; near silu''s root the double body. */
static inline V swiglu_float_gated_backward(V a, V g, V dy, const VP *k, V *dgate)
{
    V one = v_set(1.0), zero = v_set(0.0), gc = af_clamp_x(g);
    V e = af_exp_of_float(v_nabs(g)), r = v_div(one, v_add(one, e)), one_g = v_add(one, gc);
    V s = v_mul(v_sel(v_gt(g, zero), one, e), r);
    V n = v_sel(v_ge(g, zero), v_fma(e, one_g, one), v_mul(e, v_add(one_g, e)));
    V m = v_mul(dy, a);
    *dgate = af_grad_near_root_from_double(g, m, v_mul(v_mul(m, n), v_mul(r, r)), SILU_GRAD_ROOT, silu_grad_times, k);
    V da = v_mul(v_mul(dy, af_clamp_x_below(g)), s);
    return af_gated_infinite_a(dy, g, da, af_x_times_positive_sign);
}
#define swiglu_float_gated_interleaves 1
#endif
