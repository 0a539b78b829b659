/* tanh from SLEEF, clamped to [-1, 1] so that no rounding can overshoot. */

static inline V AF_FN(tanh_forward)(V x, const VP *k)
{
    (void)k;
    V one = v_set((T)1);
    return v_min(v_max(v_tanh(x), v_neg(one)), one);
}

/* tanh' = 1 - tanh^2 = 4e/(1 + e)^2 with e = e^-2|x|: no cancellation. Past
 * TANH_TAIL, 1 + e = 1 and 4e is formed as (2 e^-|x|)^2, so that a subnormal
 * result is rounded once instead of scaling a rounded subnormal e. */
static inline V AF_FN(tanh_grad)(V x, const VP *k)
{
    (void)k;
    V a = v_abs(x);
    M tail = v_ge(a, v_set(AF_K(TANH_TAIL)));
    V e = v_exp(v_neg(v_sel(tail, a, v_add(a, a))));
    V d = v_add(v_set((T)1), e);
    V two_e = v_add(e, e);
    V num = v_sel(tail, v_mul(two_e, two_e), v_add(two_e, two_e));
    return v_div(num, v_mul(d, d));
}

static inline V AF_FN(tanh_backward)(V x, V dy, const VP *k) { return v_mul(dy, AF_FN(tanh_grad)(x, k)); }

/* 1 - y^2 in one rounding. */
static inline V AF_FN(tanh_grad_from_y)(V y, const VP *k)
{
    (void)k;
    return v_fnma(y, y, v_set((T)1));
}

static inline V AF_FN(tanh_backward_from_y)(V y, V dy, const VP *k)
{
    return v_mul(dy, AF_FN(tanh_grad_from_y)(y, k));
}
