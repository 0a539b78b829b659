/* tanhshrink(x) = x - tanh x, odd.
 *
 * |x| < 1: x and tanh x agree in their leading digits (the result is x^3/3
 * near 0), so the difference is never formed: x - tanh x = x^3 P(x^2),
 * P(t) = 1/3 + t Q(t) with Q the polynomial of tools/tanhshrink_poly.py, and
 * x^2, P and t P carried as double words into one final product.
 * |x| >= 1: x - tanh x = (|x| - 1) + 2e/(1 + e) with e = e^-2|x|, two terms of
 * the same sign (|x| - 1 >= 0), so nothing cancels; |x| - 1 is a double word
 * (TwoSum) and 2e/(1 + e) a corrected quotient. */

/* Q is evaluated at t taken at least 2^-60, where Q is its constant term
 * either way (Q's next term is below half its ulp): the powers of t up to
 * t^16 in Estrin's scheme (af_poly, double) stay normal, which for t = x^2
 * itself they would not from x = 2^-32 on. */
static inline V tanhshrink_p(V t, V *p_lo)
{
    V q = af_poly(v_max(t, v_set((T)0x1p-60)), AF_K(TANHSHRINK_POLY), AF_K(TANHSHRINK_DEGREE));
    /* P = 1/3 + t Q as a double word (Fast2Sum: 1/3 > |t Q|). */
    V tq = v_mul(t, q);
    V p = v_add(v_set(AF_K(TANHSHRINK_THIRD_HI)), tq);
    *p_lo = v_add(v_add(v_sub(v_set(AF_K(TANHSHRINK_THIRD_HI)), p), tq),
                  v_fma(t, q, v_sub(v_set(AF_K(TANHSHRINK_THIRD_LO)), tq)));
    return p;
}

/* x^3 P = x (t P) rounded once, for x^2 = t + t_lo and P = p + p_lo. */
static inline V tanhshrink_cube(V x, V t, V t_lo, V p, V p_lo)
{
    V u_lo, u = af_mul_dw(t, p, p_lo, &u_lo);
    u_lo = v_fma(t_lo, p, u_lo);
    return v_fma(x, u, af_mul_small(x, u_lo));
}

/* x^3 P(x^2) for a vector with no lane below TANHSHRINK_SCALED (nor, for
 * f', TINY): the path of such vectors, interleaved (kernels/elementwise.h:
 * AF_NEAR), and its test. The forward four at a time ran 1.21-1.41x faster
 * than one vector at a time, f' and the backward in pairs 1.03-1.40x (floats
 * 1.19-1.40x; Zen 5, n = 4096, AVX2 and AVX-512); vectors of small x, which
 * take the body, 0.97-1.04x. */
static inline V tanhshrink_small_near(V x)
{
    V t_lo, t = af_square_dw(x, v_set((T)0), &t_lo);
    V p_lo, p = tanhshrink_p(t, &p_lo);
    return tanhshrink_cube(x, t, t_lo, p, p_lo);
}
static inline int tanhshrink_leaves_near(V x, const VP *k)
{
    (void)k;
    return m_any(v_lt(v_abs(x), v_set(AF_K(TANHSHRINK_SCALED)))) | m_any(af_below_lanes(x, AF_K(TINY)));
}

/* x^3 P(x^2) for |x| < 1, x at least TANHSHRINK_ZERO (the callers put 1 in
 * the lanes below it, 0 among them, and take another result there). Below
 * TANHSHRINK_SCALED (2^-24, 2^-100) the cube's products and their low parts
 * are, or reach, the subnormals (x u_lo from x = 2^-26 in float): the cube is
 * formed from X = 2^TANHSHRINK_SCALE_SHIFT x, normal and below 1/4, and
 * scaled back by integer operations (exact where x^3 P is normal), with P at
 * x^2 itself, which is normal there. A vector with such a lane is rare,
 * tested per vector. */
static inline V tanhshrink_small(V x)
{
    M scaled = v_lt(v_abs(x), v_set(AF_K(TANHSHRINK_SCALED)));
    if (!AF_RARELY(m_any(scaled)))
        return tanhshrink_small_near(x);
    V t_lo, t = af_square_dw(x, v_set((T)0), &t_lo);
    V p_lo, p = tanhshrink_p(t, &p_lo);
    const int shift = (int)AF_K(TANHSHRINK_SCALE_SHIFT);
    V X = v_sel(scaled, v_ldexp_normal(x, v_set((T)shift)), x);
    V X2_lo, X2 = af_square_dw(X, v_set((T)0), &X2_lo);
    V r = tanhshrink_cube(X, X2, X2_lo, p, p_lo);
    return v_sel(scaled, v_ldexp_down(r, 3 * shift), r);
}

/* 2e/(1 + e) = 1 - tanh|x| for e = e^-2|x| (<= 0.24 for |x| >= 1), corrected
 * quotient. Below e^BESIDE_ONE_ARG (|x| > 19.5, 170) e is 0: 2e is below
 * 2^-55 of |x| - 1 and 1, and would go subnormal further on. */
static inline V tanhshrink_q(V x)
{
    V a = v_nabs(v_add(x, x)), lo = v_set(AF_K(BESIDE_ONE_ARG));
    V e = v_sel(v_lt(a, lo), v_set((T)0), af_exp_nonpos_above(a, lo));
    return af_div_one_plus(v_add(e, e), e);
}

static inline V tanhshrink_large(V x)
{
    V s_lo, s = af_two_sum(v_abs(x), v_set((T)-1), &s_lo);
    V r = v_add(s, v_add(tanhshrink_q(x), af_finite_or_zero(s_lo)));
    return v_sel(v_lt(x, v_set((T)0)), v_neg(r), r);
}

/* Below TANHSHRINK_ZERO x^3/3 rounds to 0: x is taken as 1 for the
 * polynomial (its x^2 would underflow, slow), and the zero gets x's sign. */
static inline V tanhshrink_forward(V x, const VP *k)
{
    (void)k;
    M zero = v_lt(v_abs(x), v_set(AF_K(TANHSHRINK_ZERO)));
    V small = tanhshrink_small(v_sel(zero, v_set((T)1), x));
    return v_sel(zero, af_mul_small(x, v_set((T)0)), v_sel(v_lt(v_abs(x), v_set((T)1)), small, tanhshrink_large(x)));
}
/* a subnormal x is the first-order term (kernels/elementwise.h) */
#define tanhshrink_forward_first_order_x 1
static inline V tanhshrink_forward_near(V x, const VP *k)
{
    (void)k;
    return v_sel(v_lt(v_abs(x), v_set((T)1)), tanhshrink_small_near(x), tanhshrink_large(x));
}
#define tanhshrink_forward_leaves_near tanhshrink_leaves_near
#define tanhshrink_forward_has_near 1
#define tanhshrink_forward_interleaves 1

/* tanhshrink' = 1 - sech^2 x = tanh^2 x, no cancellation, from tanh x as a
 * double word built of the forward's pieces (x - x^3 P(x^2) below 1, 1 - q
 * above; Fast2Sum residuals): m t^2 is then (m t) t, rounded once at the
 * end, also where t^2 alone would be subnormal. Below TINY tanh x is x: the
 * x^3 P(x^2) of the forward is taken at 0, and the products of m x are fused
 * (af_mul_small), where they are subnormal. */
static inline V tanhshrink_grad_times_of(V x, V m, V s)
{
    M small = v_lt(v_abs(x), v_set((T)1));
    V one = v_set((T)1);
    M neg = v_lt(x, v_set((T)0));
    V q = tanhshrink_q(x);
    V ts = v_sub(x, s), tl = v_sub(one, q);
    V tl_lo = v_sub(v_sub(one, tl), q);
    V t = v_sel(small, ts, v_sel(neg, v_neg(tl), tl));
    V t_lo = v_sel(small, v_sub(v_sub(x, ts), s), v_sel(neg, v_neg(tl_lo), tl_lo));
    V mt = af_mul_small(m, t);
    V mt_lo = af_finite_or_zero(v_fma(m, t_lo, v_fma(m, t, v_neg(mt))));
    return v_fma(mt, t, v_fma(mt, t_lo, af_mul_small(mt_lo, t)));
}
static inline V tanhshrink_grad_times_normal(V x, V m)
{
    M tiny = af_is_tiny(x);
    return tanhshrink_grad_times_of(x, m, v_sel(tiny, v_set((T)0), tanhshrink_small(v_sel(tiny, v_set((T)1), x))));
}

/* m x^2 for TANHSHRINK_TINY_ZERO <= |x| < TINY and m within
 * TANHSHRINK_TINY_DY: the normal formula's (m x) x, m x a double word, at
 * X = 2^TANHSHRINK_TINY_SHIFT x, within 2^+-40 (2^+-300), where every product
 * and low part is normal, and scaled back by integer operations (the same
 * bits where m x^2 is normal, rounded twice where it is subnormal). */
static inline V tanhshrink_tiny_grad_times(V x, V m)
{
    const int shift = (int)AF_K(TANHSHRINK_TINY_SHIFT);
    V X = v_ldexp_normal(x, v_set((T)shift));
    V a_lo, a = af_two_prod(m, X, &a_lo);
    return v_ldexp_down(v_fma(a, X, af_mul_small(a_lo, X)), 2 * shift);
}

/* Below TINY tanh x rounds as x and m tanh^2 x as m x^2 (not the frame's
 * first-order term: f'(0) = 0), whose products and low parts reach the
 * subnormals (from x = 2^-51 in float for m = 1). For m within
 * TANHSHRINK_TINY_DY (2^+-20, 2^+-100: any dy of ordinary size) it is
 * tanhshrink_tiny_grad_times' scaled m x^2, or 0 below TANHSHRINK_TINY_ZERO,
 * where m x^2 rounds to 0 (its sign is m's). Another m, rarer still, takes
 * the unscaled formula, and a subnormal x with it (m X) X at
 * X = 2^SQUARE_SHIFT x, scaled back: the scaling is the one product that
 * meets the subnormal. A vector with a tiny lane is rare, tested per vector
 * (x = 0 is none). */
static inline V tanhshrink_grad_times(V x, V m, const VP *k)
{
    (void)k;
    if (!AF_RARELY(m_any(af_below_lanes(x, AF_K(TINY)))))
        return tanhshrink_grad_times_normal(x, m);
    V zero = v_set((T)0), one = v_set((T)1), am = v_abs(m);
    M ordinary = v_lt(v_sel(v_lt(am, v_set(AF_K(TANHSHRINK_TINY_DY_MIN))), v_set((T)INFINITY), am),
                      v_set(AF_K(TANHSHRINK_TINY_DY_MAX)));
    M scaled = af_below_lanes(v_sel(ordinary, x, one), AF_K(TINY));
    M zeroed = v_lt(v_abs(x), v_set(AF_K(TANHSHRINK_TINY_ZERO)));
    V tiny = tanhshrink_tiny_grad_times(v_sel(scaled, v_sel(zeroed, one, x), one), v_sel(scaled, m, one));
    tiny = v_sel(zeroed, af_mul_small(m, zero), tiny);
    x = v_sel(scaled, zero, x);
    M subnormal = v_subnormal(x);
    const int shift = AF_K(SQUARE_SHIFT);
    V X = af_mul_small(v_sel(subnormal, x, zero), v_ldexp(one, v_set((T)shift)));
    V mxx = v_ldexp_down(af_mul_small(af_mul_small(m, X), X), 2 * shift);
    V rest = v_sel(subnormal, mxx, tanhshrink_grad_times_normal(v_sel(subnormal, zero, x), m));
    return v_sel(scaled, tiny, rest);
}
static inline V tanhshrink_grad_times_near(V x, V m, const VP *k)
{
    (void)k;
    return tanhshrink_grad_times_of(x, m, tanhshrink_small_near(x));
}
#define tanhshrink_grad_times_leaves_near tanhshrink_leaves_near
#define tanhshrink_grad_times_has_near 1
#define tanhshrink_grad_times_interleaves 2
