/* gelu(x) = x Phi(x), Phi(x) = erfc(u)/2 with u = -x/sqrt 2, a = |u|.
 *
 * u is not representable: u = u_hi + u_lo, u_lo exact from an FMA and the low
 * half of 1/sqrt 2. erfc's condition number is 2u^2 (200 at x = -14), so the
 * rounding of u alone would cost 100 ulp. That condition is all in the factor
 * e^(-u^2) = e^(-x^2/2), which af_gauss_arg takes from x itself, accurately; what
 * is left is erfcx(a) = erfc(a) e^(a^2), whose condition number is below 1:
 *   a <= 1/2    Phi = 1/2 - erf(u)/2, erf inline (gelu_erf_middle);
 *   a > 1/2     erfc(a) = e^(-x^2/2) erfcx(a) (gelu_erfcx_dw), and Phi is
 *               erfc(a)/2 for u > 0, 1 - erfc(a)/2 < 0.24 cancelling nothing
 *               for u < 0 (Fast2Sum).
 * Each is a double word; u_lo moves Phi by -+(1/sqrt pi) e^(-u^2) u_lo, a's
 * low part moves erfcx by erfcx'(a) a_lo, and both join the low part.
 *
 * Phi and phi(x) = e^(-x^2/2)/sqrt(2 pi) come in af_exp_tail's scale: far
 * below 0 e^(-x^2/2) heads for the subnormals while gelu = x Phi and
 * gelu' = Phi + x phi are still normal; the scale is applied to the result,
 * rounded once. Far above 0, where Phi = 1 - erfc/2 rounds to 1 and x phi is
 * far below ulp(1), x is taken as GELU_GAUSS_MAX in e^(-x^2/2), which then
 * never needs the scale (nor computes a subnormal). Below TINY gelu is x/2
 * and gelu' 1/2, and x is taken as 0 (subnormal operands are slow). */

/* c phi(x) = c e^(-x^2/2)/sqrt(2 pi) as hi + *lo, in af_exp_tail's scale,
 * for a factor c given exactly and finite (x clamped): c e is finite, and
 * so is every part (or NaN, for a NaN x). */
static inline V gelu_phi_dw(af_exp_parts g, V c, V *lo)
{
    V a_lo, a = af_mul_dw_finite(c, g.e, g.lo, &a_lo);
    V b = v_mul(a, v_set(AF_K(INV_SQRT2PI_HI)));
    V b_lo = v_fma(a, v_set(AF_K(INV_SQRT2PI_HI)), v_neg(b));
    *lo = v_fma(a, v_set(AF_K(INV_SQRT2PI_LO)), v_fma(a_lo, v_set(AF_K(INV_SQRT2PI_HI)), b_lo));
    return b;
}

/* erf(u) for |u| <= 1/2: u (C0_HI + (C0_LO + t Q(t))), rounded once by the
 * last FMA; Q's error is 2^-28.7 (2^-58.3) relative. */
static inline V gelu_erf_middle(V u)
{
    V t = v_mul(u, u);
    V q = af_poly(t, AF_K(GELU_ERF_POLY), AF_K(GELU_ERF_DEGREE));
    return v_fma(u, v_set(AF_K(GELU_ERF_C0_HI)), v_mul(u, v_fma(t, q, v_set(AF_K(GELU_ERF_C0_LO)))));
}

/* erfcx(a) = erfc(a) e^(a^2) for a >= 1/2 (or a NaN), as hi + *lo:
 *   erfcx(a) = P(t)/(1 + 2a),  t = (a - K)/(a + K),
 * P = C0 + t Q(t) in [1.128, 1.232] from tools/erfc_poly.py (P's error as
 * evaluated here 2^-24.9 (2^-53.7) relative, t's rounding included). t Q is
 * at most a fifth of P and joins C0 as a double word. 1 + 2a = d + d_lo
 * exactly (1 - d is exact below 2^24), the quotient is corrected once
 * (af_div_dw_parts), and erfcx' = 2a erfcx - 2/sqrt pi carries a_lo. */
static inline V gelu_erfcx_dw(V a, V a_lo, V *lo)
{
    V one = v_set((T)1), two = v_set((T)2), k = v_set(AF_K(GELU_ERFC_K));
    V t = v_div(v_sub(a, k), v_add(a, k));
    V q = af_poly(t, AF_K(GELU_ERFC_POLY), AF_K(GELU_ERFC_DEGREE));
    V tq = v_mul(t, q), c0 = v_set(AF_K(GELU_ERFC_C0_HI));
    V p = v_add(c0, tq);
    V p_lo = v_add(v_add(v_sub(c0, p), tq), v_set(AF_K(GELU_ERFC_C0_LO)));
    V d = v_fma(a, two, one);
    V d_lo = v_fma(a, two, v_sub(one, d));
    V r, rem, e = af_div_dw_parts(p, p_lo, d, d_lo, &r, &rem);
    V e_lo = v_mul(rem, r);
    *lo = v_fma(a_lo, v_fma(v_add(a, a), e, v_set(-AF_K(TWO_OVER_SQRTPI))), e_lo);
    return e;
}

/* -x^2/2 = a + *a_lo for x taken at most GELU_GAUSS_MAX: e^a's parts come
 * from AF_WITH_EXP_NONPOS, and gelu_gauss makes them e^(-x^2/2)'s. */
static inline V gelu_gauss_arg(V x, V *a_lo) { return af_gauss_arg(v_min(x, v_set(AF_K(GELU_GAUSS_MAX))), a_lo); }

/* e^(-x^2/2) as af_exp_tail parts, for gelu, from e^a's parts g: in the
 * lanes of *deep (constants.h: GELU_DEEP_E) e and lo scaled by
 * 2^GELU_DEEP_SHIFT more, exactly (scale keeps EXP_TAIL_SCALE there:
 * gelu_unscale reads deep); a vector with no lane in the tail has none. */
static inline af_exp_parts gelu_gauss(af_exp_parts g, V a_lo, M *deep)
{
    g = af_exp_with_lo(g, a_lo);
    *deep = m_first(0);
    if (!AF_RARELY(m_any(g.tail)))
        return g;
    *deep = v_lt(v_sel(g.tail, g.e, v_set((T)1)), v_set(AF_K(GELU_DEEP_E)));
    V up = v_sel(*deep, v_ldexp(v_set((T)1), v_set((T)AF_K(GELU_DEEP_SHIFT))), v_set((T)1));
    g.e = v_mul(g.e, up);
    g.lo = v_mul(g.lo, up);
    return g;
}

/* v times gelu_gauss's scale, rounded once by integer operations where it is
 * below 1 (af_unscale_by). */
static inline V gelu_unscale(V v, af_exp_parts g, M deep)
{
    if (!AF_RARELY(m_any(g.tail)))
        return v;
    const int shift = (int)AF_K(EXP_TAIL_SHIFT);
    V deep_v = v_ldexp_down(v, shift + AF_K(GELU_DEEP_SHIFT));
    return v_sel(deep, deep_v, af_unscale_lanes(v, g.tail));
}

/* Phi(x) = (hi + *lo) * g.scale, g = gelu_gauss's parts at x. */
static inline V gelu_cdf_dw(V x, af_exp_parts g, V *lo)
{
    V half = v_set((T)0.5), one = v_set((T)1);
    V xc = af_clamp_x(x);
    V u_hi = v_mul(xc, v_set(-AF_K(INV_SQRT2_HI)));
    V u_lo = v_fma(xc, v_set(-AF_K(INV_SQRT2_LO)), v_fma(xc, v_set(-AF_K(INV_SQRT2_HI)), v_neg(u_hi)));
    V a = v_abs(u_hi);
    M middle = v_le(a, half), left = v_lt(u_hi, v_neg(half));
    /* a <= 1/2 */
    V h = v_mul(half, gelu_erf_middle(v_min(v_max(u_hi, v_neg(half)), half)));
    V from_erf = v_sub(half, h);
    V corr = v_mul(v_mul(u_lo, v_set(-AF_K(TWO_OVER_SQRTPI) / 2)), af_exp_value_beside_one(g));
    V middle_lo = v_add(v_sub(v_sub(half, from_erf), h), corr);
    /* a > 1/2: erfc(a)/2 = (e + e_lo) (c + c_lo) / 2, in g's scale */
    V c_lo, c = gelu_erfcx_dw(v_max(a, half), v_sel(left, v_neg(u_lo), u_lo), &c_lo);
    V hc = v_mul(v_mul(half, g.e), c);
    V hc_lo = v_mul(half, v_fma(g.e, c_lo, v_fma(g.lo, c, v_fma(g.e, c, v_neg(v_add(hc, hc))))));
    /* u < -1/2: 1 - erfc(a)/2 (g.scale = 1) */
    V from_erfc = v_sub(one, hc);
    V left_lo = v_sub(v_sub(v_sub(one, from_erfc), hc), hc_lo);
    *lo = v_sel(middle, middle_lo, v_sel(left, left_lo, hc_lo));
    return v_sel(middle, from_erf, v_sel(left, from_erfc, hc));
}

/* m x / 2 rounded once: m / 2 is exact where m is normal, x / 2 where m is
 * not (then x is normal, or m x / 2 rounds to 0 anyway). */
static inline V af_times_half(V m, V x)
{
    V half = v_set((T)0.5);
    return v_sel(v_ge(v_abs(m), v_set(AF_K(MIN_NORMAL))), af_mul_small(v_mul(m, half), x),
                 af_mul_small(m, v_mul(x, half)));
}

/* m gelu(x), the double word x Phi(x) times m rounded once (the gated geglu,
 * kernels/act/geglu.h); has_m 0 (m unused) compiles to gelu(x) itself.
 * x = -inf is taken as -1e4 (Phi is 0 there, not inf * 0). m x Phi, in
 * gelu_gauss's scale, cannot overflow unless m gelu(x) does: x Phi is gelu(x)
 * itself for x >= 0, and below 1 in magnitude for x < 0, scaled or not. */
static inline V gelu_times_of(V m, V x, int has_m, V xs, V a_lo, af_exp_parts e)
{
    M tiny = af_is_tiny(x), deep;
    af_exp_parts g = gelu_gauss(e, a_lo, &deep);
    V cdf_lo, cdf = gelu_cdf_dw(xs, g, &cdf_lo);
    V p_lo, p = af_mul_dw(v_max(xs, v_set((T)-1e4)), cdf, cdf_lo, &p_lo);
    V first_order = af_mul_small(x, v_set((T)0.5));
    if (has_m) {
        p = af_mul_dw(m, p, p_lo, &p_lo);
        first_order = af_times_half(m, x);
    }
    return v_sel(tiny, first_order, gelu_unscale(af_round_dw(p, p_lo), g, deep));
}

static inline V gelu_times(V m, V x, int has_m)
{
    V xs = af_zero_if_tiny(x), a_lo, a = gelu_gauss_arg(xs, &a_lo);
    return AF_WITH_EXP_NONPOS(a, gelu_times_of, m, x, has_m, xs, a_lo);
}

static inline V gelu_forward(V x, const VP *k)
{
    (void)k;
    return gelu_times(x, x, 0);
}

/* gelu' = Phi + x phi, a double word until m times it is rounded once.
 * Phi and x phi are formed from the clamped x, so sum_lo is finite (NaN
 * for a NaN x) and far below sum: m sum_lo is finite for a finite m, and
 * for an infinite m (dy) the frame keeps the result only where
 * body(x, +-MAX_FINITE) is 0, where sum and sum_lo are both 0 and
 * inf * 0 is NaN with or without a test (kernels/elementwise.h). */
static inline V gelu_grad_times_of(V x, V m, V a_lo, af_exp_parts e)
{
    M deep;
    af_exp_parts g = gelu_gauss(e, a_lo, &deep);
    V cdf_lo, cdf = gelu_cdf_dw(x, g, &cdf_lo);
    V xphi_lo, xphi = gelu_phi_dw(g, af_clamp_x(x), &xphi_lo);
    V err, sum = af_two_sum(cdf, xphi, &err);
    V sum_lo = v_add(err, v_add(cdf_lo, xphi_lo));
    return gelu_unscale(v_fma(m, sum, v_mul(m, sum_lo)), g, deep);
}

static inline V gelu_grad_times(V x, V m, const VP *k)
{
    (void)k;
    x = af_zero_if_tiny(x);
    V a_lo, a = gelu_gauss_arg(x, &a_lo);
    return AF_WITH_EXP_NONPOS(a, gelu_grad_times_of, x, m, a_lo);
}

#if AF_IS_F64
/* For float arrays (kernels/wide.h), in double, where x^2 is exact and the
 * 29 extra bits absorb what the float formula carries in double words:
 * Phi(x) = h for x < 0 and 1 - h above, h = erfc(u)/2 = e^(-x^2/2) erfcx(u)/2,
 * u = a/sqrt 2, a = |x| up to GELU_FLOAT_A_MAX, past which gelu rounds to 0
 * or x anyway; erfcx(u)/2 = (P(t)/2)/(1 + 2u) with t = (a - KA)/(a + KA)
 * and 1 + 2u = 1 + a sqrt 2, both quotients from one division. A float
 * result needs h to about 2^-26, not 2^-53: h is within 2^-28 of itself
 * (P 2^-28.1, e^a 2^-37.6, the roundings 2^-50), and Phi, then
 * gelu = x Phi, within 0.5 + 2^-4 ulp of float. Against P of degree 14
 * (2^-40.4) and K applied to u, this is four FMAs and three products fewer
 * per vector. *gauss is e^(-x^2/2) for f'. */
static inline V gelu_float_cdf(V x, V *gauss)
{
    V one = v_set(1.0), ka = v_set(GELU_FLOAT_ERFC_KA);
    V a = v_min(v_abs(x), v_set(GELU_FLOAT_A_MAX));
    V d = v_fma(a, v_set(SQRT2_f64), one), ak = v_add(a, ka);
    V r = v_div(one, v_mul(ak, d));
    V t = v_mul(v_mul(v_sub(a, ka), d), r);
    V half_erfcx = v_mul(af_horner_even_odd(t, GELU_FLOAT_ERFC_POLY, GELU_FLOAT_ERFC_DEGREE), v_mul(ak, r));
    *gauss = af_exp_of_float(v_mul(v_set(-0.5), v_mul(x, x)));
    V h = v_mul(*gauss, half_erfcx);
    return v_sel(v_ge(x, v_set(0.0)), v_sub(one, h), h);
}

/* x Phi(x), with x = -inf taken as -1e4 (Phi is 0 there). */
static inline V gelu_float_forward(V x, const VP *k)
{
    (void)k;
    V gauss, cdf = gelu_float_cdf(x, &gauss);
    return v_mul(af_clamp_x_below(x), cdf);
}
#define gelu_float_forward_interleaves 1

/* gelu' = Phi + x phi, phi = e^(-x^2/2)/sqrt(2 pi); near its root the double
 * body's f' (ROOT_WINDOW). */
static inline V gelu_float_grad_times(V x, V m, const VP *k)
{
    V gauss, cdf = gelu_float_cdf(x, &gauss);
    V r = v_mul(m, v_fma(v_mul(af_clamp_x(x), v_set(INV_SQRT2PI_HI_f64)), gauss, cdf));
    return af_grad_near_root_from_double(x, m, r, GELU_GRAD_ROOT, gelu_grad_times, k);
}
#define gelu_float_grad_times_takes_infinite_m 1
#define gelu_float_grad_times_interleaves 1

/* gelu(g) = g Phi(g) = -phi(g) S(z) and gelu'(g) = Phi + g phi =
 * g phi(g) (1 - z S(z)), z = 1/g^2, for g in [GELU_FLOAT_ZERO,
 * GELU_FLOAT_TAIL] (geglu's float tail, kernels/act/geglu.h), in double:
 * S's truncation 2^-47.1 (constants.h), phi's e^(-g^2/2) 2^-37.6
 * (af_exp_of_float; g^2 is exact), z S below 1/120 (nothing cancels). Both
 * are normal doubles there (down to 2^-323), where gelu itself heads below
 * the floats. */
static inline V gelu_float_tail(V g, V *grad)
{
    V q = v_mul(g, g);
    V z = v_div(v_set(1.0), q);
    V s = af_poly(z, GELU_FLOAT_TAIL_POLY, GELU_FLOAT_TAIL_DEGREE);
    V phi = v_mul(af_exp_of_float(v_mul(v_set(-0.5), q)), v_set(INV_SQRT2PI_HI_f64));
    *grad = v_mul(v_mul(g, phi), v_fnma(z, s, v_set(1.0)));
    return v_neg(v_mul(phi, s));
}
#endif
