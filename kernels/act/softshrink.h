/* softshrink(x) = x > l ? x - l : x < -l ? x + l : 0 (l = lambd >= 0): one
 * rounding outside the band, +0 on it. */

static inline V softshrink_forward(V x, const VP *k)
{
    V zero = v_set((T)0);
    V below = v_sel(v_lt(x, v_neg(softshrink_lambd(k))), v_add(x, softshrink_lambd(k)), zero);
    return af_pass_nan(x, v_sel(v_gt(x, softshrink_lambd(k)), v_sub(x, softshrink_lambd(k)), below));
}
#define softshrink_forward_streams 1

/* The same derivative as hardshrink: 1 outside the band, 0 on it and at +-l. */
static inline V softshrink_grad_times(V x, V m, const VP *k) { return hardshrink_grad_times(x, m, k); }
#define softshrink_grad_times_takes_infinite_m 1
#define softshrink_grad_times_streams 1
