/* softsign(x) = x/(1 + |x|) with 1 + |x| carried exactly (TwoSum) into the
 * corrected division; softsign(+-inf) = +-1 (not inf/inf). Below TINY it is
 * x, and x is kept out of the division (slow on subnormals). */

static inline V softsign_forward(V x, const VP *k)
{
    (void)k;
    M tiny = af_is_tiny(x);
    V xs = v_sel(tiny, v_set((T)0), x);
    V one = v_set((T)1), a = v_abs(xs), d_lo;
    V d = af_two_sum(one, a, &d_lo);
    V y = af_div_dw_any(xs, v_set((T)0), d, af_finite_or_zero(d_lo));
    return v_sel(tiny, x, v_sel(v_eq(a, v_set((T)INFINITY)), v_sel(v_gt(xs, v_set((T)0)), one, v_neg(one)), y));
}
/* 16-bit arrays staged (kernels/half.h): the direct bf16 kernel ran
 * 0.84x (Zen 5, AVX-512, n = 4096). */
#define softsign_forward_staged_in_halves 1

/* softsign' = 1/(1 + |x|)^2 as (m/d)/d: no d^2 to overflow, so the result
 * stays right (a subnormal) up to |x| = 1e19 and beyond in float. Below TINY
 * it is m, with |x| taken as 0. */
static inline V softsign_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V a = af_zero_if_tiny(v_abs(x));
    V d_lo, d = af_two_sum(v_set((T)1), a, &d_lo);
    d_lo = af_finite_or_zero(d_lo);
    V q = af_div_dw_times_any(m, v_set((T)1), v_set((T)0), d, d_lo);
    return af_div_dw_any(q, v_set((T)0), d, d_lo);
}
#define softsign_grad_times_interleaves 1
