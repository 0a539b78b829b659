/* hardswish(x) = x hardsigmoid(x): -0 for x <= -3 (x times 0), x for x >= 3
 * (so hardswish(FLT_MAX) = FLT_MAX: x (x + 3) is never formed there), and
 * x (x + 3)/6 between, carried to twice the working precision and rounded
 * once (af_sum_three, af_sixth): correctly rounded up to O(eps^2).
 * hardswish'(-3) = -1/2, hardswish'(3) = 1. Below TINY hardswish is x/2 and
 * hardswish' 1/2, and x is taken as 0 in the arithmetic (x^2, a term of the
 * low part, would be subnormal). */

/* x (x + 3)/6 between the kinks, -0 and x past them. */
static inline V hardswish_kinks(V x)
{
    V e, s = af_sum_three(x, &e);
    /* x (x + 3) = p + p_lo: x s exactly by FMA, plus x e */
    V p = v_mul(x, s);
    V p_lo = v_fma(x, e, v_fma(x, s, v_neg(p)));
    V three = v_set((T)3);
    return v_sel(v_le(x, v_neg(three)), v_set((T)-0.0), v_sel(v_ge(x, three), x, af_sixth(p, p_lo)));
}

/* One test and one branch per vector: a vector with a tiny lane takes the
 * whole of its other path (a branch per select made every vector 20%
 * slower on AVX-512, Zen 5), and one of tiny lanes only (subnormal x, say)
 * none of it. */
static inline V hardswish_forward(V x, const VP *k)
{
    (void)k;
    M tiny = af_is_tiny(x);
    if (AF_RARELY(m_any(tiny))) {
        V half_x = af_mul_small(x, v_set((T)0.5));
        return af_every_lane(tiny) ? half_x : v_sel(tiny, half_x, hardswish_kinks(v_sel(tiny, v_set((T)0), x)));
    }
    return hardswish_kinks(x);
}
/* 16-bit arrays staged (kernels/half.h): the direct bf16 kernel ran
 * 0.86x on AVX2 (Zen 5, n = 4096; 1.02x on AVX-512). */
#define hardswish_forward_staged_in_halves 1

/* (2x + 3)/6 on [-3, 3): 2x + 3 exact as a sum and its error (2x is exact),
 * times m in one rounding; a select, not a product, below -3. */
static inline V hardswish_grad_times(V x, V m, const VP *k)
{
    (void)k;
    x = af_zero_if_tiny(x);
    V t_lo, t = af_sum_three(v_add(x, x), &t_lo);
    V three = v_set((T)3);
    return v_sel(v_lt(x, v_neg(three)), v_set((T)0), v_sel(v_ge(x, three), m, af_sixth_times(m, t, t_lo)));
}
#define hardswish_grad_times_interleaves 1
