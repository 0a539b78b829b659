/* logsigmoid(x) = log sigmoid(x) = -(log1p(e^-|x|) - min(x, 0)): no overflow,
 * nothing cancels (both terms have the same sign), and logsigmoid(+inf) = -0,
 * the limit from below. Where e is negligible beside 1 log1p(e) = e, in the
 * tail kept scaled so that the subnormal result is rounded once. */

static inline V logsigmoid_forward_of(V x, af_exp_parts e)
{
    M pos = v_ge(x, v_set((T)0));
    V log1p_e = af_log1p_unit(af_exp_value_beside_one(e), af_zero_addend());
    V log_term = v_sel(e.negligible, af_unscale_by(e, v_add(e.e, e.lo), e.scale), log1p_e);
    /* for x >= 0 -log_term itself, which may be subnormal: kept out of the
     * subtraction */
    V below = v_neg(v_sub(v_sel(pos, v_set((T)0), log_term), v_min(x, v_set((T)0))));
    return v_sel(pos, v_neg(log_term), below);
}

static inline V logsigmoid_forward(V x, const VP *k)
{
    (void)k;
    V a = v_nabs(x);
    return AF_WITH_EXP_NONPOS(a, logsigmoid_forward_of, x);
}
/* The paths of a vector whose every e^-|x| is near 1, or not
 * (kernels/elementwise.h: AF_NEAR, AF_FAR). The float arrays take
 * logsigmoid_float_forward (kernels/wide.h). For doubles in pairs the
 * forward ran 1.02-1.09x faster than one vector at a time, f' and the
 * backward 1.10-1.18x (Zen 5, n = 4096, AVX2 and AVX-512), 0.96-1.06x in
 * the far tail (x in [-800, -30]); four at a time up to 1.09x and 0.98x. */
static inline V logsigmoid_forward_near(V x, const VP *k)
{
    (void)k;
    return logsigmoid_forward_of(x, af_exp_near_nonpos(v_nabs(x)));
}
static inline V logsigmoid_forward_far(V x, const VP *k)
{
    (void)k;
    return logsigmoid_forward_of(x, af_exp_tail_nonpos(v_nabs(x)));
}
#define logsigmoid_forward_leaves_far af_never_rare
#define logsigmoid_forward_has_far 1
#define logsigmoid_forward_leaves_near af_nabs_leaves_near
#define logsigmoid_forward_has_near 1
#define logsigmoid_forward_interleaves AF_IN_PAIRS_IN_DOUBLE

/* logsigmoid' = sigmoid(-x) = (x >= 0 ? e : 1)/(1 + e), e = e^-|x|, with the
 * double-word quotient and scaled tail of sigmoid'. */
static inline V logsigmoid_grad_times_of(V x, V m, af_exp_parts e)
{
    V one = v_set((T)1);
    M pos = v_ge(x, v_set((T)0));
    V ev = af_exp_value(e); /* 1 + e = 1 below TINY, and e^2 would be subnormal */
    V q = af_div_one_plus_times(m, v_sel(pos, e.e, one), af_zero_if_tiny(ev));
    return af_unscale_by(e, q, v_sel(pos, e.scale, one));
}

static inline V logsigmoid_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V a = v_nabs(x);
    return AF_WITH_EXP_NONPOS(a, logsigmoid_grad_times_of, x, m);
}
static inline V logsigmoid_grad_times_near(V x, V m, const VP *k)
{
    (void)k;
    return logsigmoid_grad_times_of(x, m, af_exp_near_nonpos(v_nabs(x)));
}
static inline V logsigmoid_grad_times_far(V x, V m, const VP *k)
{
    (void)k;
    return logsigmoid_grad_times_of(x, m, af_exp_tail_nonpos(v_nabs(x)));
}
#define logsigmoid_grad_times_leaves_far af_never_rare
#define logsigmoid_grad_times_has_far 1
#define logsigmoid_grad_times_leaves_near af_nabs_leaves_near
#define logsigmoid_grad_times_has_near 1
#define logsigmoid_grad_times_interleaves AF_IN_PAIRS_IN_DOUBLE

#if AF_IS_F64
/* For float arrays (kernels/wide.h), in double, as softplus_float_forward:
 * -(log1p(e^-|x|) - min(x, 0)). */
static inline V logsigmoid_float_forward(V x, const VP *k)
{
    (void)k;
    return v_neg(v_sub(af_log1p_of_unit_float(af_exp_of_float(v_nabs(x))), v_min(x, v_set(0.0))));
}
#define logsigmoid_float_forward_interleaves 1

/* m sigmoid(-x). */
static inline V logsigmoid_float_grad_times(V x, V m, const VP *k)
{
    (void)k;
    return af_sigmoid_times_of_float(m, v_neg(x));
}
#define logsigmoid_float_grad_times_takes_infinite_m 1
#define logsigmoid_float_grad_times_interleaves 1
#endif
