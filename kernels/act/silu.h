/* silu(x) = x sigmoid(x) = x/(1 + e) for x >= 0 and x e/(1 + e) below, with
 * e = e^-|x| <= 1: no overflow, no cancellation. The product x e is carried as
 * a double word into the corrected quotient (af_div_one_plus_signed: x = -0
 * gives -0, x = +inf gives +inf), and e^-|x| comes
 * from af_exp_tail, so that silu(-100.0f) = -3.7e-42 is rounded once. */

static inline V silu_forward_of(V x, af_exp_parts e)
{
    M pos = v_ge(x, v_set((T)0));
    V n_lo, n = af_two_prod(af_clamp_x_below(x), e.e, &n_lo);
    n = v_sel(pos, x, n);
    n_lo = v_sel(pos, v_set((T)0), n_lo);
    V q = af_div_one_plus_signed(n, n_lo, af_exp_value_beside_one(e));
    return af_unscale_by(e, q, v_sel(pos, v_set((T)1), e.scale));
}

/* factor sigmoid(arg) (small_x.h) */
static inline V silu_forward_at(V factor, V arg, const VP *k)
{
    (void)k;
    V a = v_nabs(arg);
    return AF_WITH_EXP_NONPOS(a, silu_forward_of, factor);
}

static inline V silu_forward(V x, const VP *k) { return af_times_small_x(x, k, silu_forward_at, (T)0.5); }
/* The path of a vector with no tiny lane and every e^-|x| near 1
 * (kernels/elementwise.h: AF_NEAR). */
static inline V silu_forward_near(V x, const VP *k)
{
    (void)k;
    return silu_forward_of(x, af_exp_near_nonpos(v_nabs(x)));
}
/* The path of a vector with no tiny lane (kernels/elementwise.h: AF_FAR). */
static inline V silu_forward_far(V x, const VP *k)
{
    (void)k;
    return silu_forward_of(x, af_exp_tail_nonpos(v_nabs(x)));
}
#define silu_forward_leaves_far af_small_x_leaves
#define silu_forward_has_far 1
#define silu_forward_leaves_near af_small_x_leaves_near
#define silu_forward_has_near 1
#define silu_forward_interleaves 1

/* silu' = sigmoid(x) (1 + x (1 - sigmoid(x))) = (1 + e (1 + x))/d^2 for x >= 0
 * and e ((1 + x) + e)/d^2 below, d = 1 + e. (1 + x) is exact near the root
 * x = -1.278, so what cancels there is e's rounding alone. */
static inline V silu_grad_times_of(V x, V m, af_exp_parts e)
{
    V one = v_set((T)1);
    M pos = v_ge(x, v_set((T)0));
    V ev = af_exp_value_beside_one(e);
    V d_lo, d = af_one_plus(ev, &d_lo);
    V dd_lo, dd = af_square_dw(d, d_lo, &dd_lo);
    V one_x = v_add(one, af_clamp_x(x));
    V n_lo, n = af_two_prod(v_add(one_x, ev), e.e, &n_lo);
    n = v_sel(pos, v_fma(ev, one_x, one), n);
    n_lo = v_sel(pos, v_set((T)0), n_lo);
    return af_unscale_by(e, af_div_dw_times_finite(m, n, n_lo, dd, dd_lo), v_sel(pos, one, e.scale));
}

static inline V silu_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V a = v_nabs(x);
    return AF_WITH_EXP_NONPOS(a, silu_grad_times_of, x, m);
}
/* The path of a vector whose every e^a is near 1 (kernels/elementwise.h: AF_NEAR). */
static inline V silu_grad_times_near(V x, V m, const VP *k)
{
    (void)k;
    return silu_grad_times_of(x, m, af_exp_near_nonpos(v_nabs(x)));
}
static inline V silu_grad_times_far(V x, V m, const VP *k)
{
    (void)k;
    return silu_grad_times_of(x, m, af_exp_tail_nonpos(v_nabs(x)));
}
#define silu_grad_times_leaves_far af_never_rare
#define silu_grad_times_has_far 1
#define silu_grad_times_leaves_near af_nabs_leaves_near
#define silu_grad_times_has_near 1
#define silu_grad_times_interleaves 1
