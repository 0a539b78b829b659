/* swish(x) = x sigmoid(beta x) (beta trainable): times_sigmoid.h with
 * z = beta x as an exact double word (FMA), clamped to +-1e4, past which
 * sigmoid is 0 or 1 in both dtypes. x = +-inf enters z as +-MAX_FINITE, so
 * that beta = 0 gives z = 0 (swish = x/2), not 0 * inf. beta = 1 is silu. */

static inline V swish_z_unclamped(V x, const VP *k, V *z_lo)
{
    V xf = v_min(v_max(x, v_set(-AF_K(MAX_FINITE))), v_set(AF_K(MAX_FINITE)));
    V z = af_mul_small(swish_beta(k), xf);
    *z_lo = af_finite_or_zero(v_fma(swish_beta(k), xf, v_neg(z)));
    return z;
}

static inline V swish_z(V x, const VP *k, V *z_lo) { return af_clamp_x(swish_z_unclamped(x, k, z_lo)); }

/* z for x in the lanes of small (small_x.h) given as X = 2^EXP_TAIL_SHIFT x:
 * beta X and its low part scaled back by integer operations, the same bits
 * as beta x's wherever they are normal. beta x need not be small (beta =
 * 1e30), so sigmoid(z) is not sigmoid(0) as small_x.h would have it; but
 * below TINY it rounds as sigmoid(0), and z is taken as 0 there (z and its
 * low part would be subnormal further down). */
static inline V swish_z_of_scaled(V X, M small, const VP *k, V *z_lo)
{
    V z = af_unscale_lanes(swish_z_unclamped(X, k, z_lo), small);
    M negligible = af_is_tiny(v_sel(small, z, v_set((T)1)));
    *z_lo = v_sel(negligible, v_set((T)0), af_unscale_lanes(*z_lo, small));
    return af_clamp_x(v_sel(negligible, v_set((T)0), z));
}

/* x sigmoid(beta x); for small x (small_x.h) X sigmoid(z) from X, scaled
 * back: the rare vector. One of subnormal lanes only, with |beta| <= 2^64,
 * has |beta x| < 2^-62 (2^-958), below TINY, where z is taken as 0: x/2,
 * one product, the bits of X sigmoid(0) = X/2 scaled back, at 0.1-0.3x
 * the uniform vector's time, not 2x (Zen 5, AVX2 and AVX-512). */
static inline V swish_forward(V x, const VP *k)
{
    M small = af_tiny_value_lanes(x);
    V z_lo, z;
    if (!AF_RARELY(m_any(small))) {
        z = swish_z(x, k, &z_lo);
        return af_times_sigmoid(x, z, z_lo);
    }
    if (af_every_lane(v_subnormal(x)) && af_every_lane(v_le(v_abs(swish_beta(k)), v_set((T)0x1p64))))
        return af_mul_small(x, v_set((T)0.5));
    V X = af_scaled_x(x, small);
    z = swish_z_of_scaled(X, small, k, &z_lo);
    return af_unscale_lanes(af_times_sigmoid(X, z, z_lo), small);
}
/* The paths of a vector with no small lane: every e^-|z| near 1, or not
 * (kernels/elementwise.h: AF_NEAR, AF_FAR), and their tests, on z as
 * swish_z rounds it. In pairs, floats ran 1.24x faster than one vector at
 * a time and doubles 1.25-1.28x (Zen 5, n = 4096, AVX2 and AVX-512), and
 * floats in [-100, -20] 1.00-1.11x. Four at a time floats ran 1.37-1.42x
 * but 0.90x in that tail (AVX-512), where the far paths' double words do
 * not fit four to the registers. f', whose body is twice as long, did not
 * gain (0.95-1.03x) and keeps one at a time. */
static inline V swish_forward_near(V x, const VP *k)
{
    V z_lo, z = swish_z(x, k, &z_lo);
    return af_times_sigmoid_dw_of(x, x, 0, z, z_lo, af_exp_near_nonpos(v_nabs(z)));
}
static inline V swish_forward_far(V x, const VP *k)
{
    V z_lo, z = swish_z(x, k, &z_lo);
    return af_times_sigmoid_dw_of(x, x, 0, z, z_lo, af_exp_tail_nonpos(v_nabs(z)));
}
static inline int swish_forward_leaves_near(V x, const VP *k)
{
    V z_lo, z = swish_z(x, k, &z_lo);
    return af_tiny_value_leaves(x, k) | af_nabs_leaves_near(z, k);
}
#define swish_forward_leaves_far af_tiny_value_leaves
#define swish_forward_has_far 1
#define swish_forward_has_near 1
#define swish_forward_interleaves 2

/* x z'(x) = beta x = z: g = 1 + z + z_lo, a double word by TwoSum; z of a
 * small x from X, as in the forward. */
static inline V swish_grad_times(V x, V m, const VP *k)
{
    M small = af_tiny_value_lanes(x);
    V z_lo, z = !AF_RARELY(m_any(small)) ? swish_z(x, k, &z_lo)
                                          : swish_z_of_scaled(af_scaled_x(x, small), small, k, &z_lo);
    V g_lo, g = af_two_sum(v_set((T)1), z, &g_lo);
    return af_times_sigmoid_grad_times(g, v_add(g_lo, z_lo), z, z_lo, m);
}
/* 16-bit arrays staged (kernels/half.h): the direct bf16 kernels ran
 * 0.87x (Zen 5, AVX-512 and AVX2, n = 4096). */
#define swish_grad_times_staged_in_halves 1

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
