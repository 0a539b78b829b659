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
AF_GATED_COMPOSED_BACKWARD(geglu)

/* Float arrays: a times gelu's float formula in double (kernels/wide.h),
 * and gelu's float f'; below GELU_FLOAT_TAIL, where that formula clamps its
 * argument, the double bodies (rare, tested per vector). */
static inline M geglu_float_tail(V g) { return v_lt(g, v_set(GELU_FLOAT_TAIL)); }
static inline M geglu_float_zero(V g) { return v_lt(g, v_set(GELU_FLOAT_ZERO)); }
static inline V geglu_float_product(V a, V g, const VP *k)
{
    M tail = geglu_float_tail(g);
    if (AF_RARELY(m_any(tail))) {
        M zero = geglu_float_zero(g);
        V r = v_sel(tail, gelu_times(a, v_sel(zero, v_set(GELU_FLOAT_ZERO), g), 1), v_mul(a, gelu_float_forward(g, k)));
        return v_sel(zero, v_mul(a, v_set(-0.0)), r);
    }
    return v_mul(a, gelu_float_forward(g, k));
}
static inline V geglu_float_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward_of_float(a, g, k, geglu_float_product, af_x_times_positive_sign);
}
/* One Phi(g) and e^(-g^2/2) for both: da = dy (g Phi), dgate = (dy a) (Phi +
 * g phi), near gelu''s root the double body's f'; in the tail the double
 * bodies with the elementwise frame (an infinite dy a takes its probe). */
static inline V geglu_float_gated_backward(V a, V g, V dy, const VP *k, V *dgate)
{
    V m = v_mul(dy, a), gauss, cdf = gelu_float_cdf(g, &gauss);
    V grad = v_fma(v_mul(af_clamp_x(g), v_set(INV_SQRT2PI_HI_f64)), gauss, cdf);
    *dgate = af_grad_near_root_from_double(g, m, v_mul(m, grad), GELU_GRAD_ROOT, gelu_grad_times, k);
    V da = v_mul(dy, v_mul(af_clamp_x_below(g), cdf));
    M tail = geglu_float_tail(g);
    if (AF_RARELY(m_any(tail))) {
        M zero = geglu_float_zero(g);
        V g_kept = v_sel(zero, v_set(GELU_FLOAT_ZERO), g);
        *dgate = v_sel(tail, AF_BACKWARD_VALUE(g_kept, m, gelu_grad_times, k), *dgate);
        da = v_sel(tail, gelu_times(dy, g_kept, 1), da);
        *dgate = v_sel(zero, v_mul(m, v_set(-0.0)), *dgate);
        da = v_sel(zero, v_mul(dy, v_set(-0.0)), da);
    }
    return af_gated_infinite_a(dy, g, da, af_x_times_positive_sign);
}
#endif
