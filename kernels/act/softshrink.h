/* softshrink(x) = x > l ? x - l : x < -l ? x + l : 0 (p0 = l >= 0): one
 * rounding outside the band, +0 on it. */

static inline V AF_FN(softshrink_forward)(V x, const VP *k)
{
    V zero = v_set((T)0);
    V below = v_sel(v_lt(x, v_neg(k->p0)), v_add(x, k->p0), zero);
    return AF_FN(af_pass_nan)(x, v_sel(v_gt(x, k->p0), v_sub(x, k->p0), below));
}

/* The same derivative as hardshrink: 1 outside the band, 0 on it and at +-l. */
static inline V AF_FN(softshrink_grad_times)(V x, V m, const VP *k) { return AF_FN(hardshrink_grad_times)(x, m, k); }
