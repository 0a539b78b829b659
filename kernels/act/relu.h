/* relu(x) = max(x, 0). max keeps -0 and NaN of x (vec_scalar.h); relu'(0) = 0. */

static inline V relu_forward(V x, const VP *k)
{
    (void)k;
    return v_max(x, v_set((T)0));
}
#define relu_forward_streams 1

/* A select, not m * 0: dx is 0 on x <= 0 even where dy is inf or NaN. */
static inline V relu_grad_times(V x, V m, const VP *k)
{
    (void)k;
    return af_pass_nan(x, v_sel(v_gt(x, v_set((T)0)), m, v_set((T)0)));
}
#define relu_grad_times_takes_infinite_m 1
#define relu_grad_times_streams 1

/* y > 0 exactly where x > 0. */
static inline V relu_grad_y_times(V y, V m, const VP *k) { return relu_grad_times(y, m, k); }
#define relu_grad_y_times_takes_infinite_m 1
#define relu_grad_y_times_streams 1
