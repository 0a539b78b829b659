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

/* phi(x) c (1 + u) for a factor c >= 0 given exactly, in af_exp_tail's scale:
 * e^(-x^2/2) c / sqrt(2 pi) as a double word, the small u applied last. */
static inline V AF_FN(gelu_phi_times)(AF_FN(af_exp_parts) g, V c, V u)
{
    V a_lo, a = AF_FN(af_mul_dw)(c, g.e, g.lo, &a_lo);
    V b = v_mul(a, v_set(AF_K(INV_SQRT2PI_HI)));
    V b_lo = v_fma(a, v_set(AF_K(INV_SQRT2PI_HI)), v_neg(b));
    b_lo = v_fma(a, v_set(AF_K(INV_SQRT2PI_LO)), v_fma(a_lo, v_set(AF_K(INV_SQRT2PI_HI)), b_lo));
    return v_add(b, v_fma(b, u, AF_FN(af_finite_or_zero)(b_lo)));
}

/* c Phi(x) away from the far tail, given e^(-x^2/2). Phi(x) = 1/2 - erf(u)/2
 * for u <= 1/2, where erf is small and 1/2 - erf/2 is formed exactly (erfc's
 * own 1.2 ulp near 1 would show), else erfc(u)/2; as a double word times c,
 * plus c times the correction for u_lo, rounded once (0 stays signed). Both
 * functions move by -+(2/sqrt pi) e^(-u^2) u_lo. */
static inline V AF_FN(gelu_cdf_times)(V x, V c, V gauss)
{
    V half = v_set((T)0.5);
    V u_hi = v_mul(x, v_set(-AF_K(INV_SQRT2_HI)));
    V u_lo = v_fma(x, v_set(-AF_K(INV_SQRT2_LO)), v_fma(x, v_set(-AF_K(INV_SQRT2_HI)), v_neg(u_hi)));
    u_lo = AF_FN(af_finite_or_zero)(u_lo); /* x = +-inf: inf - inf */
    V corr = v_mul(v_mul(u_lo, v_set(-AF_K(TWO_OVER_SQRTPI) / 2)), gauss);
    M small = v_le(u_hi, half);
    V h = v_mul(half, v_erf(u_hi));
    V from_erf = v_sub(half, h);
    V cdf = v_sel(small, from_erf, v_mul(half, v_erfc(u_hi)));
    V cdf_lo = v_sel(small, v_sub(v_sub(half, from_erf), h), v_set((T)0));
    V p_lo, p = AF_FN(af_mul_dw)(c, cdf, cdf_lo, &p_lo);
    V rest = v_fma(AF_FN(af_clamp_x)(c), corr, p_lo);
    return v_sel(v_eq(rest, v_set((T)0)), p, v_add(p, rest));
}

static inline V AF_FN(gelu_forward)(V x, const VP *k)
{
    (void)k;
    AF_FN(af_exp_parts) g = AF_FN(af_gauss)(x);
    V near = AF_FN(gelu_cdf_times)(x, x, AF_FN(af_exp_value)(g));
    V xc = AF_FN(af_clamp_x)(x);
    V t = AF_FN(gelu_series_tail)(v_div(v_set((T)1), v_mul(xc, xc)));
    V far = v_neg(v_mul(AF_FN(gelu_phi_times)(g, v_set((T)1), t), g.scale));
    return v_sel(v_lt(x, v_set(AF_K(GELU_ASYM))), far, near);
}

static inline V AF_FN(gelu_grad_times)(V x, V m, const VP *k)
{
    (void)k;
    AF_FN(af_exp_parts) g = AF_FN(af_gauss)(x);
    V gauss = AF_FN(af_exp_value)(g);
    V xc = AF_FN(af_clamp_x)(x); /* x phi(x) = inf * 0 otherwise */
    V phi = v_mul(gauss, v_set(AF_K(INV_SQRT2PI_HI)));
    V near = v_mul(m, v_fma(xc, phi, AF_FN(gelu_cdf_times)(x, v_set((T)1), gauss)));
    V w = v_div(v_set((T)1), v_mul(xc, xc));
    V u = v_neg(v_fma(w, AF_FN(gelu_series_tail)(w), w)); /* -w (1 + t) */
    V far = v_neg(v_mul(v_mul(m, AF_FN(gelu_phi_times)(g, v_abs(xc), u)), g.scale));
    return v_sel(v_lt(x, v_set(AF_K(GELU_ASYM))), far, near);
}
