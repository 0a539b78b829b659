/* selu(x) = l (x > 0 ? x : a expm1(x)) (p0 = a, p1 = l). a expm1(x) is a
 * double word so that l times it is rounded once; selu'(0) = l a. Every
 * product that is subnormal for a subnormal x is an af_mul_small. */
static inline V AF_FN(selu_forward)(V x, const VP *k)
{
    V em = v_expm1_nonpos(v_min(x, v_set((T)0)));
    V a = AF_FN(af_mul_small)(k->p0, em);
    V a_lo = AF_FN(af_finite_or_zero)(v_fma(k->p0, em, v_neg(a)));
    /* Without a low part, a plain product: keeps the -0 of selu(-0). */
    V below = v_sel(v_eq(a_lo, v_set((T)0)), AF_FN(af_mul_small)(k->p1, a), v_fma(k->p1, a, AF_FN(af_mul_small)(k->p1, a_lo)));
    return v_sel(v_gt(x, v_set((T)0)), AF_FN(af_mul_small)(k->p1, x), below);
}

/* m l a e^x with l a = c + c_lo (FMA) and e^x from af_exp_tail: rounded once,
 * even where it is subnormal. */
static inline V AF_FN(selu_grad_times)(V x, V m, const VP *k)
{
    V c = v_mul(k->p1, k->p0);
    V c_lo = v_fma(k->p1, k->p0, v_neg(c));
    V t_lo, t = AF_FN(af_mul_dw)(m, c, c_lo, &t_lo);
    AF_FN(af_exp_parts) e = AF_FN(af_exp_tail_nonpos)(v_min(x, v_set((T)0)));
    V below = AF_FN(af_mul_small)(v_fma(t, e.e, v_mul(t_lo, e.e)), e.scale);
    return AF_FN(af_pass_nan)(x, v_sel(v_gt(x, v_set((T)0)), v_mul(m, k->p1), below));
}

/* For y <= 0, l a e^x = y + l a: the sum exact (TwoSum), then m times it. */
static inline V AF_FN(selu_grad_y_times)(V y, V m, const VP *k)
{
    V c = v_mul(k->p1, k->p0);
    V c_lo = v_fma(k->p1, k->p0, v_neg(c)), err;
    V s = AF_FN(af_two_sum)(y, c, &err);
    V below = v_fma(m, s, v_mul(m, AF_FN(af_finite_or_zero)(v_add(err, c_lo))));
    return v_sel(v_gt(y, v_set((T)0)), v_mul(m, k->p1), below);
}
