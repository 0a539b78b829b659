/* hardshrink(x) = |x| > l ? x : 0 (p0 = l >= 0): +0 on the band, which is
 * defined as the constant 0; hardshrink' = 0 at +-l. */

static inline V AF_FN(hardshrink_forward)(V x, const VP *k)
{
    return AF_FN(af_pass_nan)(x, v_sel(v_gt(v_abs(x), k->p0), x, v_set((T)0)));
}

static inline V AF_FN(hardshrink_grad_times)(V x, V m, const VP *k)
{
    return AF_FN(af_pass_nan)(x, v_sel(v_gt(v_abs(x), k->p0), m, v_set((T)0)));
}
