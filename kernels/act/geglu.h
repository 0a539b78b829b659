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

/* Float arrays, in double (kernels/wide.h), by the gate's range
 * (constants.h): a (-0) below GELU_FLOAT_ZERO, gelu_float_tail's series
 * below GELU_FLOAT_TAIL, a g above GELU_FLOAT_ONE, and gelu's float formula
 * and f' between. A vector computes only the pieces its lanes need, so
 * that a gate of large values (saturated, far negative) costs no more than
 * a uniform one. */
/* The main range [GELU_FLOAT_TAIL, GELU_FLOAT_ONE] and the series' range
 * [GELU_FLOAT_ZERO, GELU_FLOAT_TAIL] as a centre +- a radius (g minus a
 * centre of -1 or -16 is exact for a float g). A NaN is at distance 0 from
 * the main range's centre (v_max keeps its first operand against a NaN): it
 * takes the main formula, as a lane by itself would. */
#define GELU_FLOAT_MAIN_CENTRE ((GELU_FLOAT_TAIL + GELU_FLOAT_ONE) / 2)
#define GELU_FLOAT_MAIN_RADIUS ((GELU_FLOAT_ONE - GELU_FLOAT_TAIL) / 2)
static inline V geglu_float_main_distance(V g)
{
    return v_max(v_set(0.0), v_abs(v_sub(g, v_set(GELU_FLOAT_MAIN_CENTRE))));
}
static inline M geglu_float_main_lanes(V g) { return v_le(geglu_float_main_distance(g), v_set(GELU_FLOAT_MAIN_RADIUS)); }
static inline M geglu_float_outside_main(V g) { return v_gt(geglu_float_main_distance(g), v_set(GELU_FLOAT_MAIN_RADIUS)); }
static inline M geglu_float_series_lanes(V g)
{
    return v_le(v_abs(v_sub(g, v_set((GELU_FLOAT_ZERO + GELU_FLOAT_TAIL) / 2))),
                v_set((GELU_FLOAT_TAIL - GELU_FLOAT_ZERO) / 2));
}
/* gelu(g) and, in *grad, gelu'(g) by the series, g clamped to its range */
static inline V geglu_float_tail_values(V g, V *grad)
{
    return gelu_float_tail(v_min(v_max(g, v_set(GELU_FLOAT_ZERO)), v_set(GELU_FLOAT_TAIL)), grad);
}
static inline V geglu_float_product(V a, V g, const VP *k)
{
    if (!AF_RARELY(m_any(geglu_float_outside_main(g))))
        return v_mul(a, gelu_float_forward(g, k));
    M main = geglu_float_main_lanes(g), series = geglu_float_series_lanes(g);
    V r = v_mul(a, v_sel(v_lt(g, v_set(GELU_FLOAT_ZERO)), v_set(-0.0), g));
    if (m_any(series)) {
        V grad;
        r = v_sel(series, v_mul(a, geglu_float_tail_values(g, &grad)), r);
    }
    if (m_any(main))
        r = v_sel(main, v_mul(a, gelu_float_forward(g, k)), r);
    return r;
}
static inline V geglu_float_gated_forward(V a, V g, const VP *k)
{
    return af_gated_forward_of_float(a, g, k, geglu_float_product, af_x_times_positive_sign);
}
/* One Phi(g) and e^(-g^2/2) for both: da = dy (g Phi), dgate = (dy a) (Phi +
 * g phi), near gelu''s root the double body's f'. */
static inline V geglu_float_main_backward(V g, V dy, V m, const VP *k, V *dgate)
{
    V gauss, cdf = gelu_float_cdf(g, &gauss);
    V grad = v_fma(v_mul(af_clamp_x(g), v_set(INV_SQRT2PI_HI_f64)), gauss, cdf);
    *dgate = af_grad_near_root_from_double(g, m, v_mul(m, grad), GELU_GRAD_ROOT, gelu_grad_times, k);
    return v_mul(dy, v_mul(af_clamp_x_below(g), cdf));
}
static inline V geglu_float_gated_backward(V a, V g, V dy, const VP *k, V *dgate)
{
    V m = v_mul(dy, a), da;
    if (!AF_RARELY(m_any(geglu_float_outside_main(g)))) {
        da = geglu_float_main_backward(g, dy, m, k, dgate);
    } else {
        /* above GELU_FLOAT_ONE gelu = g and gelu' = 1; below GELU_FLOAT_ZERO -0 */
        M main = geglu_float_main_lanes(g), zero = v_lt(g, v_set(GELU_FLOAT_ZERO)), series = geglu_float_series_lanes(g);
        da = v_mul(dy, v_sel(zero, v_set(-0.0), g));
        *dgate = v_mul(m, v_sel(zero, v_set(-0.0), v_set(1.0)));
        if (m_any(series)) {
            V grad, value = geglu_float_tail_values(g, &grad);
            da = v_sel(series, v_mul(dy, value), da);
            *dgate = v_sel(series, v_mul(m, grad), *dgate);
        }
        if (m_any(main)) {
            V main_dgate, main_da = geglu_float_main_backward(g, dy, m, k, &main_dgate);
            da = v_sel(main, main_da, da);
            *dgate = v_sel(main, main_dgate, *dgate);
        }
    }
    return af_gated_infinite_a(dy, g, da, af_x_times_positive_sign);
}
#endif
