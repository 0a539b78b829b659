/* rrelu in eval mode (p0 = lower, p1 = upper): leaky_relu with the slope
 * (lower + upper)/2, rounded once (an FMA over the halves, exact unless
 * subnormal). Training mode draws a slope per element in src/rrelu.c and runs
 * the slopes kernels. */

static inline VP AF_FN(rrelu_eval_slope)(const VP *k)
{
    VP s = *k;
    V half = v_set((T)0.5);
    s.p0 = v_fma(half, k->p0, v_mul(half, k->p1));
    return s;
}

static inline V AF_FN(rrelu_forward)(V x, const VP *k)
{
    VP s = AF_FN(rrelu_eval_slope)(k);
    return AF_FN(leaky_relu_forward)(x, &s);
}

static inline V AF_FN(rrelu_grad_times)(V x, V m, const VP *k)
{
    VP s = AF_FN(rrelu_eval_slope)(k);
    return AF_FN(leaky_relu_grad_times)(x, m, &s);
}
