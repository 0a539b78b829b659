/* leaky_relu(x) = x > 0 ? x : s x (s = slope); leaky_relu'(0) = s. */

/* s x, where s = 0 gives 0 (not 0 * -inf = NaN) and a flat region. */
static inline V leaky_relu_scaled(V x, V s)
{
    M flat = v_eq(s, v_set((T)0));
    return af_mul_small(s, v_sel(flat, v_max(x, v_set(-AF_K(MAX_FINITE))), x));
}

static inline V leaky_relu_forward(V x, const VP *k)
{
    return v_sel(v_gt(x, v_set((T)0)), x, leaky_relu_scaled(x, leaky_relu_slope(k)));
}
#define leaky_relu_forward_streams 1

static inline V leaky_relu_grad_times(V x, V m, const VP *k)
{
    M flat = v_eq(leaky_relu_slope(k), v_set((T)0));
    V below = v_sel(flat, v_set((T)0), af_mul_small(m, leaky_relu_slope(k)));
    return af_pass_nan(x, v_sel(v_gt(x, v_set((T)0)), m, below));
}
#define leaky_relu_grad_times_takes_infinite_m 1
#define leaky_relu_grad_times_streams 1

/* With s >= 0 (checked by the API), y > 0 exactly where x > 0. */
static inline V leaky_relu_grad_y_times(V y, V m, const VP *k)
{
    return leaky_relu_grad_times(y, m, k);
}
#define leaky_relu_grad_y_times_takes_infinite_m 1
#define leaky_relu_grad_y_times_streams 1
