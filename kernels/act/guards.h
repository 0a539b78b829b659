/* Guards of the bodies against inputs that a formula would mishandle. */
/* r, except NaN where x is NaN: for results chosen by a comparison of x,
 * which a NaN fails silently. */
static inline V af_pass_nan(V x, V r) { return v_sel(v_isnan(x), x, r); }

/* x clamped to +-1e4: past it every e^-|x| and e^(-x^2/2) of the catalog is
 * 0 in both dtypes, and the clamp keeps products like x e^x from 0 * inf.
 * af_clamp_x_below clamps from below only, for an x used where it is < 0. */
static inline V af_clamp_x_below(V x) { return v_max(x, v_set((T)-1e4)); }

static inline V af_clamp_x(V x) { return v_min(af_clamp_x_below(x), v_set((T)1e4)); }
