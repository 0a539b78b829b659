/* hardshrink(x) = |x| > l ? x : 0 (l = lambd >= 0): +0 on the band, which is
 * defined as the constant 0; hardshrink' = 0 at +-l. */

static inline V hardshrink_forward(V x, const VP *k)
{
    return af_pass_nan(x, v_sel(v_gt(v_abs(x), hardshrink_lambd(k)), x, v_set((T)0)));
}
#define hardshrink_forward_streams 1

static inline V hardshrink_grad_times(V x, V m, const VP *k)
{
    return af_pass_nan(x, v_sel(v_gt(v_abs(x), hardshrink_lambd(k)), m, v_set((T)0)));
}
#define hardshrink_grad_times_takes_infinite_m 1
#define hardshrink_grad_times_streams 1
