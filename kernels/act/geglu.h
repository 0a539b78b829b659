/* geglu(a, g) = a gelu(g) (erf form): gelu's double word g Phi(g), in its
 * exp tail's scale, times a and rounded once (gelu_times). */
#if AF_IS_F64
static inline V geglu_product(V a, V g, const VP *k)
{
    (void)k;
    return gelu_times(a, g, 1);
}
static inline V geglu_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward(a, g, k, geglu_product, af_x_times_positive_sign);
}
#define geglu_gate_grad_times gelu_grad_times

/* Float arrays: a times gelu's float formula in double (kernels/wide.h),
 * and gelu's float f'; below GELU_FLOAT_TAIL, where that formula clamps its
 * argument, the double bodies (rare, tested per vector). */
static inline M geglu_float_tail(V g) { return v_lt(g, v_set(GELU_FLOAT_TAIL)); }
static inline V geglu_float_product(V a, V g, const VP *k)
{
    M tail = geglu_float_tail(g);
    if (AF_RARELY(m_any(tail)))
        return v_sel(tail, gelu_times(a, g, 1), v_mul(a, gelu_float_forward(g, k)));
    return v_mul(a, gelu_float_forward(g, k));
}
static inline V geglu_float_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward_of_float(a, g, k, geglu_float_product, af_x_times_positive_sign);
}
static inline V geglu_float_gate_grad_times(V g, V m, const VP *k)
{
    M tail = geglu_float_tail(g);
    if (AF_RARELY(m_any(tail)))
        return v_sel(tail, gelu_grad_times(g, m, k), gelu_float_grad_times(g, m, k));
    return gelu_float_grad_times(g, m, k);
}
/* no _takes_infinite_m: the tail's double body folds m into a correction,
 * and an infinite m there takes the frame's probe (kernels/elementwise.h) */
#endif
