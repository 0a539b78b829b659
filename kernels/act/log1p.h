/* log(1 + e + e_lo) rounded once up to O(eps^2), for e = 0 or e/2 normal, in
 * [0, 1] (the e^-|z| of softplus and logsigmoid), and a low part |e_lo| <=
 * 2^-10 e (af_zero_addend() for none). 1 + e = d + d_lo exactly, e_lo joins
 * d_lo (its first-order effect e_lo/(1 + e) is then carried by q_lo); above
 * sqrt 2 it is halved (k = 1), so that f + f_lo = (d + d_lo) 2^-k - 1, with
 * f exact by Sterbenz, lies in [sqrt(1/2) - 1, sqrt 2 - 1]. Then
 *   log(1 + e) = k ln 2 + 2 atanh(s) = k ln 2 + 2s + s^3 R(s^2),
 *   s = (f + f_lo)/(2 + f + f_lo),  |s| <= 0.1716,
 * s = q + q_lo as in af_div_dw_parts (one division), k ln 2 + 2q by Fast2Sum,
 * and every other term (ln 2's low part, 2 q_lo, s^3 R with R's error
 * 2^-31.6 (2^-60.7)) a hundredth of the result at most: the error is the
 * final rounding plus ~2^-6 ulp. Below TINY log(1 + e + e_lo) rounds to
 * e + e_lo, and e is kept out of the arithmetic, where e^2 would be
 * subnormal. */
static inline V af_log1p_unit(V e, V e_lo)
{
    V one = v_set((T)1), two = v_set((T)2);
    M tiny = af_is_tiny(e);
    V d_lo, d = af_one_plus(v_sel(tiny, v_set((T)0), e), &d_lo);
    d_lo = v_add(d_lo, v_sel(tiny, af_zero_addend(), e_lo));
    M halve = v_gt(d, v_set(AF_K(SQRT2)));
    V h = v_sel(halve, v_set((T)0.5), one);
    V f = v_fma(d, h, v_neg(one)); /* d h exact: the FMA rounds as d h - 1 would */
    V f_lo = v_mul(d_lo, h);
    V t = v_add(two, f);
    V t_lo = v_add(v_sub(f, v_sub(t, two)), f_lo);
    V rcp, rem, q = af_div_dw_parts(f, f_lo, t, t_lo, &rcp, &rem);
    V q_lo = v_mul(rem, rcp);
    V q2 = v_mul(q, q);
    V r = af_poly(q2, AF_K(LOG1P_POLY), AF_K(LOG1P_DEGREE));
    V k_hi = v_sel(halve, v_set(AF_K(LN2_FULL_HI)), v_set((T)0));
    V k_lo = v_sel(halve, v_set(AF_K(LN2_FULL_LO)), v_set((T)0));
    V two_q = v_add(q, q);
    V hi = v_add(k_hi, two_q);
    V rest = v_add(v_add(v_sub(k_hi, hi), two_q), v_fma(v_mul(q2, q), r, v_fma(two, q_lo, k_lo)));
    return v_sel(tiny, v_add(e, e_lo), v_add(hi, rest));
}

#if AF_IS_F64
/* log(1 + e) for e = e^-|z| in [0, 1] from af_exp_of_float (0 or a normal
 * double), for the float kernels that run in double
 * (kernels/wide.h): e Q(e), one polynomial on the whole interval
 * (LOG1P_FLOAT_POLY, 2^-32.8 relative: a float result rounds it away), a
 * smooth error in e. No reduction, no division and no tiny case: for a
 * small e, e Q(e) is e Q(0) (Q(0) = 1 - 2^-32.8, the fit's largest error
 * there), one product of a normal e. Against
 * 2 atanh(s) with s = f/(2 + f) (a division, two selects and a polynomial
 * of 2^-43.1) the forward of softplus and logsigmoid of floats ran
 * 1.24-1.33x faster (Zen 5, n = 4096, AVX2 and AVX-512). */
static inline V af_log1p_of_unit_float(V e)
{
    return v_mul(e, af_horner_even_odd(e, LOG1P_FLOAT_POLY, LOG1P_FLOAT_DEGREE));
}
#endif
