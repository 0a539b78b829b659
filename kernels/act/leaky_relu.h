/* leaky_relu(x) = x > 0 ? x : s x (s = slope); leaky_relu'(0) = s. */

/* s x, where s = 0 gives 0 (not 0 * -inf = NaN) and a flat region: x is
 * raised to lb, -MAX_FINITE for s = 0 and -inf (no bound) for any other s.
 * lb depends on s alone, so that a call with one slope computes it once and
 * each vector pays one max; choosing x per vector with a mask of s = 0 cost
 * the loop a merge-masked max, 1.5x its time in L1 (Zen 5, AVX-512). */
static inline V leaky_relu_scaled(V x, V s)
{
    V lb = v_sel(v_eq(s, v_set((T)0)), v_set(-AF_K(MAX_FINITE)), v_set((T)-INFINITY));
    return af_mul_small(s, v_max(x, lb));
}

static inline V leaky_relu_forward(V x, const VP *k)
{
    return v_sel(v_gt(x, v_set((T)0)), x, leaky_relu_scaled(x, leaky_relu_slope(k)));
}
#define leaky_relu_forward_streams 1

/* A slope of 0 makes a flat region, 0 whatever m is (m 0 would be NaN for
 * an infinite m). The test is per vector: with one slope per call it is the
 * same every time, and the select it guards, taken in every vector, cost
 * the loop 1.3x its time in L1 (Zen 5, AVX-512); per element (prelu's
 * channels) the slopes may differ from lane to lane. */
static inline V leaky_relu_grad_times(V x, V m, const VP *k)
{
    M flat = v_eq(leaky_relu_slope(k), v_set((T)0));
    V below = af_mul_small(m, leaky_relu_slope(k));
    if (m_any(flat))
        below = v_sel(flat, v_set((T)0), below);
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
