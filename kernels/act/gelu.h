/* gelu(x) = x Phi(x), Phi(x) = erfc(u)/2 with u = -x/sqrt 2.
 *
 * u is not representable: u = u_hi + u_lo, u_lo exact from an FMA and the low
 * half of 1/sqrt 2. erfc's condition number is 2u^2 (200 at x = -14), so the
 * rounding of u alone would cost 100 ulp; to first order
 *   erfc(u_hi + u_lo) = erfc(u_hi) - u_lo (2/sqrt pi) e^(-x^2/2),
 * and e^(-x^2/2) comes from af_gauss, itself accurate.
 *
 * Below GELU_ASYM erfc(u) is subnormal while gelu is not; there
 *   Phi(x) = phi(x)/|x| S(w),  w = 1/x^2,  S = sum_k (-1)^k (2k-1)!! w^k,
 * the asymptotic series, whose first omitted term (w^9 * 34459425 < 1e-20 for
 * x < -12.5) is below both dtypes' precision. Then gelu = -phi(x) S and
 * gelu' = Phi + x phi = -phi(x) |x| (1 - w S). */

static inline V AF_FN(gelu_series)(V w)
{
    V s = v_set((T)2027025);
    s = v_fma(s, w, v_set((T)-135135));
    s = v_fma(s, w, v_set((T)10395));
    s = v_fma(s, w, v_set((T)-945));
    s = v_fma(s, w, v_set((T)105));
    s = v_fma(s, w, v_set((T)-15));
    s = v_fma(s, w, v_set((T)3));
    s = v_fma(s, w, v_set((T)-1));
    return v_fma(s, w, v_set((T)1));
}

/* Phi(x) away from the far tail, given e^(-x^2/2). */
static inline V AF_FN(gelu_phi_cdf)(V x, V gauss)
{
    V c = v_set(AF_K(GAUSS_CLAMP));
    V xc = v_min(v_max(x, v_neg(c)), c); /* keeps u_lo finite; gauss is 0 beyond */
    V u_hi = v_mul(x, v_set(-AF_K(INV_SQRT2_HI)));
    V u_lo = v_fma(xc, v_set(-AF_K(INV_SQRT2_LO)), v_fma(xc, v_set(-AF_K(INV_SQRT2_HI)), v_neg(u_hi)));
    V erfc_u = v_fma(v_mul(u_lo, v_set(-AF_K(TWO_OVER_SQRTPI))), gauss, v_erfc(u_hi));
    return v_mul(v_set((T)0.5), erfc_u);
}

static inline V AF_FN(gelu_forward)(V x, const VP *k)
{
    (void)k;
    V gauss = AF_FN(af_gauss)(x, v_set((T)0.5));
    V near = v_mul(x, AF_FN(gelu_phi_cdf)(x, gauss));
    V xc = v_max(x, v_set(-AF_K(GAUSS_CLAMP)));
    V far = v_neg(v_mul(v_mul(gauss, v_set(AF_K(INV_SQRT2PI))), AF_FN(gelu_series)(v_div(v_set((T)1), v_mul(xc, xc)))));
    return v_sel(v_lt(x, v_set(AF_K(GELU_ASYM))), far, near);
}

/* In the far tail gelu' ~ |x| phi(x) is larger than e^(-x^2/2) itself, so the
 * exponential is taken at half the exponent, e^(-x^2/4), and squared last. */
static inline V AF_FN(gelu_grad)(V x, const VP *k)
{
    (void)k;
    M far = v_lt(x, v_set(AF_K(GELU_ASYM)));
    V gauss = AF_FN(af_gauss)(x, v_sel(far, v_set((T)0.25), v_set((T)0.5)));
    V c = v_set(AF_K(GAUSS_CLAMP));
    V xc = v_min(v_max(x, v_neg(c)), c); /* x phi(x) = 0 * inf otherwise */
    V phi = v_mul(gauss, v_set(AF_K(INV_SQRT2PI)));
    V near = v_fma(xc, phi, AF_FN(gelu_phi_cdf)(x, gauss));
    V w = v_div(v_set((T)1), v_mul(xc, xc));
    V scale = v_mul(v_mul(v_abs(xc), v_set(AF_K(INV_SQRT2PI))), v_fnma(w, AF_FN(gelu_series)(w), v_set((T)1)));
    V tail = v_neg(v_mul(v_mul(gauss, scale), gauss));
    return v_sel(far, tail, near);
}

static inline V AF_FN(gelu_backward)(V x, V dy, const VP *k) { return v_mul(dy, AF_FN(gelu_grad)(x, k)); }
