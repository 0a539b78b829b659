/* tanh from SLEEF, clamped to [-1, 1] so that no rounding can overshoot. */

static inline V AF_FN(tanh_forward)(V x, const VP *k)
{
    (void)k;
    V one = v_set((T)1);
    return v_min(v_max(v_tanh(x), v_neg(one)), one);
}

/* tanh' = 1 - tanh^2 = 4e/(1 + e)^2 with e = e^-2|x|: no cancellation; the
 * same double-word quotient and exp tail as sigmoid'. */
static inline V AF_FN(tanh_grad_times)(V x, V m, const VP *k)
{
    (void)k;
    V a = v_abs(x);
    AF_FN(af_exp_parts) e = AF_FN(af_exp_tail)(v_neg(v_add(a, a)), v_set((T)0));
    V d_lo, d = AF_FN(af_one_plus)(AF_FN(af_exp_value)(e), &d_lo);
    V dd_lo, dd = AF_FN(af_square_dw)(d, d_lo, &dd_lo);
    V four = v_set((T)4);
    return v_mul(AF_FN(af_div_dw_times)(m, v_mul(four, e.e), v_mul(four, e.lo), dd, dd_lo), e.scale);
}

/* 1 - y^2 in one rounding. */
static inline V AF_FN(tanh_grad_y_times)(V y, V m, const VP *k)
{
    (void)k;
    return v_mul(m, v_fnma(y, y, v_set((T)1)));
}
