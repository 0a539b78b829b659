/* gelu(x) = x Phi(x), Phi(x) = erfc(u)/2 with u = -x/sqrt 2.
 *
 * u is not representable: u = u_hi + u_lo, u_lo exact from an FMA and the low
 * half of 1/sqrt 2. erfc's condition number is 2u^2 (200 at x = -14), so the
 * rounding of u alone would cost 100 ulp; to first order
 *   erfc(u_hi + u_lo) = erfc(u_hi) - u_lo (2/sqrt pi) e^(-x^2/2),
 * and e^(-x^2/2) comes from af_gauss, itself accurate.
 *
 * Below GELU_ASYM erfc(u) is (nearly) subnormal while gelu is not; there
 *   Phi(x) = phi(x)/|x| (1 + t(w)),  w = 1/x^2,  1 + t = sum_k (-1)^k (2k-1)!! w^k,
 * the asymptotic series, whose first omitted term (34459425 w^9 < 1e-20 for
 * x < -12.5) is below both dtypes' precision. Then gelu = -phi(x) (1 + t) and
 * gelu' = Phi + x phi = -phi(x) |x| (1 - w (1 + t)), with phi = e^(-x^2/2)/sqrt(2 pi)
 * carried as a double word and scaled as in af_exp_tail. */

/* t(w) = -w + 3w^2 - 15w^3 + ... (Horner). */
static inline V AF_FN(gelu_series_tail)(V w)
{
    V s = v_set((T)2027025);
    s = v_fma(s, w, v_set((T)-135135));
    s = v_fma(s, w, v_set((T)10395));
    s = v_fma(s, w, v_set((T)-945));
    s = v_fma(s, w, v_set((T)105));
    s = v_fma(s, w, v_set((T)-15));
    s = v_fma(s, w, v_set((T)3));
    s = v_fma(s, w, v_set((T)-1));
    return v_mul(s, w);
}

/* c phi(x) = c e^(-x^2/2)/sqrt(2 pi) as hi + *lo, in af_exp_tail's scale,
 * for a factor c given exactly. */
static inline V AF_FN(gelu_phi_dw)(AF_FN(af_exp_parts) g, V c, V *lo)
{
    V a_lo, a = AF_FN(af_mul_dw)(c, g.e, g.lo, &a_lo);
    V b = v_mul(a, v_set(AF_K(INV_SQRT2PI_HI)));
    V b_lo = v_fma(a, v_set(AF_K(INV_SQRT2PI_HI)), v_neg(b));
    *lo = AF_FN(af_finite_or_zero)(v_fma(a, v_set(AF_K(INV_SQRT2PI_LO)), v_fma(a_lo, v_set(AF_K(INV_SQRT2PI_HI)), b_lo)));
    return b;
}

/* erf(u) for |u| <= 1/2: u (C0_HI + (C0_LO + t Q(t))), rounded once by the
 * last FMA; Q's error is 2^-28.7 (2^-58.3) relative. */
static inline V AF_FN(gelu_erf_middle)(V u)
{
    V t = v_mul(u, u);
    const T *c = AF_K(GELU_ERF_POLY);
    V q = v_set(c[0]);
    for (int i = 1; i <= AF_K(GELU_ERF_DEGREE); i++)
        q = v_fma(q, t, v_set(c[i]));
    return v_fma(u, v_set(AF_K(GELU_ERF_C0_HI)), v_mul(u, v_fma(t, q, v_set(AF_K(GELU_ERF_C0_LO)))));
}

/* Phi(x) away from the far tail as hi + *lo, given e^(-x^2/2), with one
 * erfc (of |u|, for |u| > 1/2) rather than an erf and an erfc:
 *   |u| <= 1/2  Phi = 1/2 - erf(u)/2 with erf inline (gelu_erf_middle),
 *   u < -1/2    Phi = 1 - erfc(|u|)/2, erfc(|u|) < 0.48: its error is at
 *               most 3/8 ulp of Phi,
 *   u > 1/2     Phi = erfc(u)/2,
 * the two differences formed exactly (Fast2Sum). All move by
 * -+(2/sqrt pi) e^(-u^2) u_lo, which joins the low part. */
static inline V AF_FN(gelu_cdf_dw)(V x, V gauss, V *lo)
{
    V half = v_set((T)0.5), one = v_set((T)1);
    V u_hi = v_mul(x, v_set(-AF_K(INV_SQRT2_HI)));
    V u_lo = v_fma(x, v_set(-AF_K(INV_SQRT2_LO)), v_fma(x, v_set(-AF_K(INV_SQRT2_HI)), v_neg(u_hi)));
    u_lo = AF_FN(af_finite_or_zero)(u_lo); /* x = +-inf: inf - inf */
    V corr = v_mul(v_mul(u_lo, v_set(-AF_K(TWO_OVER_SQRTPI) / 2)), gauss);
    V a = v_abs(u_hi);
    M middle = v_le(a, half), left = v_lt(u_hi, v_neg(half));
    V h = v_mul(half, AF_FN(gelu_erf_middle)(v_min(v_max(u_hi, v_neg(half)), half)));
    V from_erf = v_sub(half, h);
    V hc = v_mul(half, v_erfc(v_max(a, half)));
    V from_erfc = v_sub(one, hc);
    V side_lo = v_sel(left, v_sub(v_sub(one, from_erfc), hc), v_set((T)0));
    *lo = v_add(v_sel(middle, v_sub(v_sub(half, from_erf), h), side_lo), corr);
    return v_sel(middle, from_erf, v_sel(left, from_erfc, hc));
}

/* hi + lo rounded once; an exact 0 of hi keeps its sign. */
static inline V AF_FN(gelu_round)(V hi, V lo)
{
    return v_sel(v_eq(lo, v_set((T)0)), hi, v_add(hi, lo));
}

static inline V AF_FN(gelu_forward)(V x, const VP *k)
{
    (void)k;
    AF_FN(af_exp_parts) g = AF_FN(af_gauss)(x);
    /* near: x Phi(x) */
    V cdf_lo, cdf = AF_FN(gelu_cdf_dw)(x, AF_FN(af_exp_value)(g), &cdf_lo);
    V p_lo, p = AF_FN(af_mul_dw)(x, cdf, cdf_lo, &p_lo);
    V near = AF_FN(gelu_round)(p, p_lo);
    /* far: -phi(x) (1 + t) */
    V xc = AF_FN(af_clamp_x)(x);
    V t = AF_FN(gelu_series_tail)(v_div(v_set((T)1), v_mul(xc, xc)));
    V phi_lo, phi = AF_FN(gelu_phi_dw)(g, v_set((T)1), &phi_lo);
    V far = v_neg(v_mul(v_add(phi, v_fma(phi, t, phi_lo)), g.scale));
    return v_sel(v_lt(x, v_set(AF_K(GELU_ASYM))), far, near);
}

/* gelu' = Phi + x phi near, -|x| phi (1 - w (1 + t)) far; each a double word
 * until m times it is rounded once. */
static inline V AF_FN(gelu_grad_times)(V x, V m, const VP *k)
{
    (void)k;
    AF_FN(af_exp_parts) g = AF_FN(af_gauss)(x);
    V xc = AF_FN(af_clamp_x)(x); /* x phi(x) = inf * 0 otherwise */
    /* near */
    V cdf_lo, cdf = AF_FN(gelu_cdf_dw)(x, AF_FN(af_exp_value)(g), &cdf_lo);
    V xphi_lo, xphi = AF_FN(gelu_phi_dw)(g, xc, &xphi_lo);
    V err, sum = AF_FN(af_two_sum)(cdf, xphi, &err);
    V sum_lo = v_add(err, v_add(cdf_lo, xphi_lo));
    V near = v_fma(m, sum, v_mul(m, AF_FN(af_finite_or_zero)(sum_lo)));
    /* far */
    V w = v_div(v_set((T)1), v_mul(xc, xc));
    V u = v_neg(v_fma(w, AF_FN(gelu_series_tail)(w), w)); /* -w (1 + t) */
    V b_lo, b = AF_FN(gelu_phi_dw)(g, v_abs(xc), &b_lo);
    V far_lo = v_fma(b, u, b_lo);
    V far = v_neg(v_mul(v_fma(m, b, v_mul(m, far_lo)), g.scale));
    return v_sel(v_lt(x, v_set(AF_K(GELU_ASYM))), far, near);
}
