/* relu6(x) = min(max(x, 0), 6); relu6' = 0 at both kinks, 0 and 6. */

static inline V relu6_forward(V x, const VP *k)
{
    (void)k;
    return v_min(v_max(x, v_set((T)0)), v_set((T)6));
}
#define relu6_forward_streams 1

/* Selects, not products: dx is 0 outside (0, 6) whatever dy is. */
static inline V relu6_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V zero = v_set((T)0);
    return af_pass_nan(x, v_sel(v_gt(x, zero), v_sel(v_lt(x, v_set((T)6)), m, zero), zero));
}
#define relu6_grad_times_takes_infinite_m 1
#define relu6_grad_times_streams 1

/* 0 < y < 6 exactly where 0 < x < 6. */
static inline V relu6_grad_y_times(V y, V m, const VP *k) { return relu6_grad_times(y, m, k); }
#define relu6_grad_y_times_takes_infinite_m 1
#define relu6_grad_y_times_streams 1
