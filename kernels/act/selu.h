/* selu(x) = l (x > 0 ? x : a expm1(x)) (a = alpha, l = lambd). a expm1(x) is a
 * double word so that l times it is rounded once; selu'(0) = l a. Every
 * product that is subnormal for a subnormal x is an af_mul_small. */
static inline V selu_forward(V x, const VP *k)
{
    V em = v_expm1_nonpos(v_min(x, v_set((T)0)));
    V a = af_mul_small(selu_alpha(k), em);
    V a_lo = af_finite_or_zero(v_fma(selu_alpha(k), em, v_neg(a)));
    /* Without a low part, a plain product: keeps the -0 of selu(-0). */
    V below = v_sel(v_eq(a_lo, v_set((T)0)), af_mul_small(selu_lambd(k), a), v_fma(selu_lambd(k), a, af_mul_small(selu_lambd(k), a_lo)));
    return v_sel(v_gt(x, v_set((T)0)), af_mul_small(selu_lambd(k), x), below);
}

/* m l a e^x with l a = c + c_lo (FMA) and e^x from af_exp_tail: rounded once,
 * even where it is subnormal. */
static inline V selu_grad_times(V x, V m, const VP *k)
{
    V c = v_mul(selu_lambd(k), selu_alpha(k));
    V c_lo = v_fma(selu_lambd(k), selu_alpha(k), v_neg(c));
    V t_lo, t = af_mul_dw(m, c, c_lo, &t_lo);
    af_exp_parts e = af_exp_tail_nonpos(v_min(x, v_set((T)0)));
    V below = af_mul_small(v_fma(t, e.e, v_mul(t_lo, e.e)), e.scale);
    return af_pass_nan(x, v_sel(v_gt(x, v_set((T)0)), v_mul(m, selu_lambd(k)), below));
}

/* For y <= 0, l a e^x = y + l a: the sum exact (TwoSum), then m times it. */
static inline V selu_grad_y_times(V y, V m, const VP *k)
{
    V c = v_mul(selu_lambd(k), selu_alpha(k));
    V c_lo = v_fma(selu_lambd(k), selu_alpha(k), v_neg(c)), err;
    V s = af_two_sum(y, c, &err);
    V below = v_fma(m, s, v_mul(m, af_finite_or_zero(v_add(err, c_lo))));
    return v_sel(v_gt(y, v_set((T)0)), v_mul(m, selu_lambd(k)), below);
}
