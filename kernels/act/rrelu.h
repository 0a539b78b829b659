/* rrelu in eval mode: leaky_relu with the slope
 * (lower + upper)/2, rounded once (an FMA over the halves, exact unless
 * subnormal). Training mode draws a slope per element in src/rrelu.c and runs
 * the slopes kernels. */

static inline VP rrelu_eval_slope(const VP *k)
{
    VP s = *k;
    V half = v_set((T)0.5);
    s.p0 = v_fma(half, rrelu_lower(k), v_mul(half, rrelu_upper(k)));
    return s;
}

static inline V rrelu_forward(V x, const VP *k)
{
    VP s = rrelu_eval_slope(k);
    return leaky_relu_forward(x, &s);
}
#define rrelu_forward_streams 1

static inline V rrelu_grad_times(V x, V m, const VP *k)
{
    VP s = rrelu_eval_slope(k);
    return leaky_relu_grad_times(x, m, &s);
}
#define rrelu_grad_times_takes_infinite_m 1
#define rrelu_grad_times_streams 1
