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

/* Float arrays: (a g) sigmoid(g), a g exact in double (g = -inf taken as
 * -1e4, where sigmoid is 0: a silu(-inf) = a (-0)); silu' = (1 + e (1 + g))
 * / d^2 for g >= 0 and e (1 + g + e)/d^2 below, d = 1 + e, e = e^-|g|, and
 * the double body's near silu''s root. */
static inline V swiglu_float_product(V a, V g, const VP *k)
{
    (void)k;
    return af_sigmoid_times_of_float(v_mul(a, af_clamp_x_below(g)), g);
}
static inline V swiglu_float_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward_of_float(a, g, k, swiglu_float_product, af_x_times_positive_sign);
}
static inline V swiglu_float_gate_grad_times(V g, V m, const VP *k)
{
    V one = v_set(1.0), gc = af_clamp_x(g);
    V e = af_exp_of_float(v_nabs(g)), d = v_add(one, e), one_g = v_add(one, gc);
    V n = v_sel(v_ge(g, v_set(0.0)), v_fma(e, one_g, one), v_mul(e, v_add(one_g, e)));
    V r = v_div(v_mul(m, n), v_mul(d, d));
    return af_grad_near_root_from_double(g, m, r, SILU_GRAD_ROOT, silu_grad_times, k);
}
#define swiglu_float_gate_grad_times_takes_infinite_m 1
#endif
