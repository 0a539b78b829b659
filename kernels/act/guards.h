/* Guards of the bodies against inputs that a formula would mishandle. */
/* r, except NaN where x is NaN: for results chosen by a comparison of x,
 * which a NaN fails silently. */
static inline V af_pass_nan(V x, V r) { return v_sel(v_isnan(x), x, r); }

/* m is set in every lane of among (a NaN lane fails the comparison that
 * made m): for a rare path that can skip work none of those lanes needs. */
static inline int af_every_lane_of(M m, M among)
{
    V zero = v_set((T)0);
    return !m_any(v_gt(v_sel(among, v_sel(m, zero, v_set((T)1)), zero), zero));
}

static inline int af_every_lane(M m) { return af_every_lane_of(m, m_first(AF_LANES)); }

/* x clamped to +-1e4: past it every e^-|x| and e^(-x^2/2) of the catalog is
 * 0 in both dtypes, and the clamp keeps products like x e^x from 0 * inf.
 * af_clamp_x_below clamps from below only, for an x used where it is < 0. */
static inline V af_clamp_x_below(V x) { return v_max(x, v_set((T)-1e4)); }

static inline V af_clamp_x(V x) { return v_min(af_clamp_x_below(x), v_set((T)1e4)); }

#if AF_IS_F64
/* r, the m f'(x) of a float kernel that runs in double (kernels/wide.h),
 * except within ROOT_WINDOW of f''s root, where f' cancels that kernel's
 * few 2^-38 of error: there m times the double body's f' (grad_times at
 * m = 1), whose error is relative to f' itself (rare, tested per vector). */
static inline V af_grad_near_root_from_double(V x, V m, V r, double root, V (*grad_times)(V, V, const VP *),
                                              const VP *k)
{
    M near_root = v_lt(v_abs(v_sub(x, v_set(root))), v_set(ROOT_WINDOW));
    if (!AF_RARELY(m_any(near_root)))
        return r;
    return v_sel(near_root, v_mul(m, grad_times(x, v_set(1.0), k)), r);
}
#endif
