/* swish(x) = x sigmoid(beta x) (beta trainable): times_sigmoid.h with
 * z = beta x as an exact double word (FMA), clamped to +-1e4, past which
 * sigmoid is 0 or 1 in both dtypes. x = +-inf enters z as +-MAX_FINITE, so
 * that beta = 0 gives z = 0 (swish = x/2), not 0 * inf. beta = 1 is silu. */

static inline V swish_z(V x, const VP *k, V *z_lo)
{
    V xf = v_min(v_max(x, v_set(-AF_K(MAX_FINITE))), v_set(AF_K(MAX_FINITE)));
    V z = af_mul_small(swish_beta(k), xf);
    *z_lo = af_finite_or_zero(v_fma(swish_beta(k), xf, v_neg(z)));
    return af_clamp_x(z);
}

static inline V swish_forward(V x, const VP *k)
{
    V z_lo, z = swish_z(x, k, &z_lo);
    return af_times_sigmoid(x, z, z_lo);
}
/* a subnormal x is the first-order term (kernels/elementwise.h) */
#define swish_forward_first_order_x 1

/* x z'(x) = beta x = z: g = 1 + z + z_lo, a double word by TwoSum. */
static inline V swish_grad_times(V x, V m, const VP *k)
{
    V z_lo, z = swish_z(x, k, &z_lo);
    V g_lo, g = af_two_sum(v_set((T)1), z, &g_lo);
    return af_times_sigmoid_grad_times(g, v_add(g_lo, z_lo), z, z_lo, m);
}
/* a subnormal x is the first-order term (kernels/elementwise.h) */
#define swish_grad_times_first_order_x 1

/* dy d swish/d beta = dy x^2 sigmoid'(z) = dy x^2 e/(1 + e)^2, e = e^-|z|: x^2 e
 * as a double word (two exact products), one corrected quotient. */
static inline V swish_param_grad_times_of(V x, V m, V z, V z_lo, af_exp_parts e)
{
    V d, d_lo;
    e = af_sigmoid_denominator(e, z, z_lo, &d, &d_lo);
    V dd_lo, dd = af_square_dw(d, d_lo, &dd_lo);
    V xf = v_min(v_max(x, v_set(-AF_K(MAX_FINITE))), v_set(AF_K(MAX_FINITE)));
    V a_lo, a = af_mul_dw(xf, e.e, e.lo, &a_lo);
    V b_lo, b = af_mul_dw(xf, a, a_lo, &b_lo);
    return af_pass_nan(x, af_unscale_by(e, af_div_dw_times(m, b, b_lo, dd, dd_lo), e.scale));
}

static inline V swish_param_grad_times(V x, V m, const VP *k)
{
    V z_lo, z = swish_z(x, k, &z_lo), a = v_nabs(z);
    return AF_WITH_EXP_NONPOS(a, swish_param_grad_times_of, x, m, z, z_lo);
}
