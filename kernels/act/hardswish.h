/* hardswish(x) = x hardsigmoid(x): -0 for x <= -3 (x times 0), x for x >= 3
 * (so hardswish(FLT_MAX) = FLT_MAX: x (x + 3) is never formed there), and
 * x (x + 3)/6 between, with x + 3 and the product carried exactly into the
 * product by 1/6 (af_sixth_times). hardswish'(-3) = -1/2, hardswish'(3) = 1.
 * Below TINY hardswish is x/2 and hardswish' 1/2, and x is taken as 0 in the
 * arithmetic (subnormal operands are slow). */

static inline V hardswish_forward(V x, const VP *k)
{
    (void)k;
    M tiny = af_is_tiny(x);
    V xs = v_sel(tiny, v_set((T)0), x);
    V three = v_set((T)3), s_lo, p_lo;
    V s = af_two_sum(xs, three, &s_lo);
    V p = af_mul_dw(xs, s, af_finite_or_zero(s_lo), &p_lo);
    V mid = af_sixth_times(v_set((T)1), p, p_lo);
    return v_sel(tiny, af_mul_small(x, v_set((T)0.5)), v_sel(v_le(xs, v_neg(three)), v_set((T)-0.0), v_sel(v_ge(xs, three), xs, mid)));
}

/* (2x + 3)/6 on [-3, 3), 2x + 3 exact by TwoSum (its root -3/2 is exact); a
 * select, not a product, below -3. */
static inline V hardswish_grad_times(V x, V m, const VP *k)
{
    (void)k;
    x = af_zero_if_tiny(x);
    V three = v_set((T)3), t_lo;
    V t = af_two_sum(v_add(x, x), three, &t_lo);
    V mid = af_sixth_times(m, t, t_lo);
    return af_pass_nan(x, v_sel(v_lt(x, v_neg(three)), v_set((T)0), v_sel(v_ge(x, three), m, mid)));
}

#if AF_IS_F64
/* For float arrays (kernels/wide.h), in double: x = max(x, -3) (so -inf
 * gives -0, not -inf * 0), t = min(x + 3, 6) exact, and x t / 6 as
 * (x t) * (1/6): three roundings of 2^-53 at most, within 0.5 ulp + 2^-29 of
 * the float result, and x t = 6x, then x (1 + 2^-54) at most, rounds to x
 * for x >= 3. A float that is subnormal is a normal double: no slow path,
 * and x/2 below TINY is rounded once, as in float. */
static inline V hardswish_float_forward(V x, const VP *k)
{
    (void)k;
    V xc = v_max(x, v_set(-3.0));
    return v_mul(v_mul(xc, v_min(v_add(xc, v_set(3.0)), v_set(6.0))), v_set(AF_K(SIXTH_HI)));
}

/* m (2x + 3)/6 on [-3, 3): 2x + 3 exact, m times it and the product by 1/6
 * rounded in double. A select below -3, m itself from 3 on. */
static inline V hardswish_float_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V three = v_set(3.0);
    V mid = v_mul(v_mul(m, v_add(v_add(x, x), three)), v_set(AF_K(SIXTH_HI)));
    return af_pass_nan(x, v_sel(v_lt(x, v_neg(three)), v_set(0.0), v_sel(v_ge(x, three), m, mid)));
}
#define hardswish_float_grad_times_takes_infinite_m 1
#endif
