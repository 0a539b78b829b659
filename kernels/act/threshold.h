/* threshold(x) = x > t ? x : v (t = threshold, v = value); threshold'(t) = 0. */

static inline V threshold_forward(V x, const VP *k)
{
    return af_pass_nan(x, v_sel(v_gt(x, threshold_threshold(k)), x, threshold_value(k)));
}
#define threshold_forward_streams 1

static inline V threshold_grad_times(V x, V m, const VP *k)
{
    return af_pass_nan(x, v_sel(v_gt(x, threshold_threshold(k)), m, v_set((T)0)));
}
#define threshold_grad_times_takes_infinite_m 1
#define threshold_grad_times_streams 1
