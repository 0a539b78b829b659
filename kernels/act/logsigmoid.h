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
