/* hardtanh(x) = min(max(x, lo), hi) (p0 = lo, p1 = hi, lo <= hi); hardtanh' = 0
 * at both bounds. */

static inline V AF_FN(hardtanh_forward)(V x, const VP *k) { return v_min(v_max(x, k->p0), k->p1); }

static inline V AF_FN(hardtanh_grad_times)(V x, V m, const VP *k)
{
    V zero = v_set((T)0);
    return AF_FN(af_pass_nan)(x, v_sel(v_gt(x, k->p0), v_sel(v_lt(x, k->p1), m, zero), zero));
}

/* lo < y < hi exactly where lo < x < hi. */
static inline V AF_FN(hardtanh_grad_y_times)(V y, V m, const VP *k) { return AF_FN(hardtanh_grad_times)(y, m, k); }
