/* sigmoid(x) = 1/(1 + e) for x >= 0 and e/(1 + e) below, e = e^-|x| <= 1:
 * nothing overflows and nothing cancels, so sigmoid(-100.0f) = 3.7e-44 keeps
 * its subnormal value. Error: exp's (<= 1 ulp) plus two roundings. */

static inline V AF_FN(sigmoid_forward)(V x, const VP *k)
{
    (void)k;
    V one = v_set((T)1);
    V e = v_exp(v_neg(v_abs(x)));
    return v_div(v_sel(v_ge(x, v_set((T)0)), one, e), v_add(one, e));
}

/* sigmoid' = sigmoid(x) sigmoid(-x) = e/(1 + e)^2, even in x: no 1 - sigmoid
 * cancellation, exact down to the subnormal tail. */
static inline V AF_FN(sigmoid_grad)(V x, const VP *k)
{
    (void)k;
    V e = v_exp(v_neg(v_abs(x)));
    V d = v_add(v_set((T)1), e);
    return v_div(e, v_mul(d, d));
}

static inline V AF_FN(sigmoid_backward)(V x, V dy, const VP *k) { return v_mul(dy, AF_FN(sigmoid_grad)(x, k)); }

static inline V AF_FN(sigmoid_grad_from_y)(V y, const VP *k)
{
    (void)k;
    return v_mul(y, v_sub(v_set((T)1), y));
}

static inline V AF_FN(sigmoid_backward_from_y)(V y, V dy, const VP *k)
{
    return v_mul(dy, AF_FN(sigmoid_grad_from_y)(y, k));
}
