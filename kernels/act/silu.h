/* silu(x) = x sigmoid(x) = x/(1 + e) for x >= 0 and x e/(1 + e) below, with
 * e = e^-|x| <= 1 (no overflow, no cancellation). Below EXP_TAIL, e is taken
 * at x/2 and x e formed as (x e^(x/2)) e^(x/2): silu(-100.0f) = -3.7e-42 is
 * then rounded once, not assembled from a subnormal e. */

/* e^-|x|, or e^(x/2) in the far negative tail (where 1 + e^x = 1 anyway). */
static inline V AF_FN(silu_exp)(V x, M tail)
{
    V a = v_neg(v_abs(x));
    return v_exp(v_sel(tail, v_mul(a, v_set((T)0.5)), a));
}

static inline V AF_FN(silu_forward)(V x, const VP *k)
{
    (void)k;
    M tail = v_lt(x, v_set(AF_K(EXP_TAIL)));
    V e = AF_FN(silu_exp)(x, tail);
    V xc = v_max(x, v_set(-AF_K(MAX_FINITE))); /* -inf * 0 would be NaN */
    V xe = v_mul(xc, e);
    V num = v_sel(v_ge(x, v_set((T)0)), x, v_sel(tail, v_mul(xe, e), xe));
    return v_div(num, v_add(v_set((T)1), e));
}

/* silu' = sigmoid(x) (1 + x (1 - sigmoid(x))) = (d + x e)/d^2 for x >= 0 and
 * e ((1 + x) + e)/d^2 below, d = 1 + e. (1 + x) is exact near the root
 * x = -1.278, so what cancels there is only e's rounding. */
static inline V AF_FN(silu_grad)(V x, const VP *k)
{
    (void)k;
    V one = v_set((T)1);
    M tail = v_lt(x, v_set(AF_K(EXP_TAIL)));
    V e = AF_FN(silu_exp)(x, tail);
    V d = v_add(one, e);
    V m = v_set(AF_K(MAX_FINITE));
    V xc = v_min(v_max(x, v_neg(m)), m); /* inf * 0 would be NaN */
    V pos = v_fma(xc, e, d);
    V neg = v_mul(e, v_add(v_add(one, xc), e));
    neg = v_sel(tail, v_mul(neg, e), neg);
    return v_div(v_sel(v_ge(x, v_set((T)0)), pos, neg), v_mul(d, d));
}

static inline V AF_FN(silu_backward)(V x, V dy, const VP *k) { return v_mul(dy, AF_FN(silu_grad)(x, k)); }
