/* threshold(x) = x > t ? x : v (p0 = t, p1 = v); threshold'(t) = 0. */

static inline V AF_FN(threshold_forward)(V x, const VP *k)
{
    return AF_FN(af_pass_nan)(x, v_sel(v_gt(x, k->p0), x, k->p1));
}

static inline V AF_FN(threshold_grad_times)(V x, V m, const VP *k)
{
    return AF_FN(af_pass_nan)(x, v_sel(v_gt(x, k->p0), m, v_set((T)0)));
}
