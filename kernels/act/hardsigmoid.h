/* hardsigmoid(x) = min(max(x + 3, 0), 6)/6. Between the kinks x + 3 is carried
 * exactly (af_sum_three) into the product by 1/6 (af_sixth): correctly
 * rounded up to O(eps^2). hardsigmoid'(+-3) = 0. Below TINY it is 1/2, and x is taken as
 * 0 (subnormal operands are slow). */

static inline V hardsigmoid_forward(V x, const VP *k)
{
    (void)k;
    x = af_zero_if_tiny(x);
    V three = v_set((T)3), lo;
    V s = af_sum_three(x, &lo);
    V mid = af_sixth(s, lo);
    return v_sel(v_le(x, v_neg(three)), v_set((T)0), v_sel(v_ge(x, three), v_set((T)1), mid));
}
/* 16-bit arrays staged (kernels/half.h): the direct bf16 kernel ran
 * 0.90x on AVX2 (Zen 5, n = 4096; 1.0x on AVX-512). */
#define hardsigmoid_forward_staged_in_halves 1

static inline V hardsigmoid_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V three = v_set((T)3), zero = v_set((T)0);
    V mid = v_div(m, v_set((T)6));
    return af_pass_nan(x, v_sel(v_gt(x, v_neg(three)), v_sel(v_lt(x, three), mid, zero), zero));
}
#define hardsigmoid_grad_times_takes_infinite_m 1
#define hardsigmoid_grad_times_streams 1
