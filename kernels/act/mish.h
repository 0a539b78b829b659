/* mish(x) = x tanh(softplus(x)). With s = 1 + e^x, tanh(log s) = (s^2-1)/(s^2+1):
 *   x <  0, e = e^x:   tanh = N/D, N = e(e + 2),   D = N + 2
 *   x >= 0, e = e^-x:  tanh = N/D, N = 1 + 2e,     D = N + 2e^2
 * (the second is the first divided by e^2x), so e <= 1 and nothing overflows
 * or cancels. Below EXP_TAIL, mish = x e^x to the dtype's precision, formed as
 * (x e^(x/2)) e^(x/2) as in silu. */

static inline V AF_FN(mish_exp)(V x, M tail)
{
    V a = v_neg(v_abs(x));
    return v_exp(v_sel(tail, v_mul(a, v_set((T)0.5)), a));
}

/* N and D of the comment above. */
static inline void AF_FN(mish_ratio)(V e, M neg, V *n, V *d)
{
    V two = v_set((T)2);
    V two_e = v_add(e, e);
    *n = v_sel(neg, v_fma(e, e, two_e), v_fma(two, e, v_set((T)1)));
    *d = v_sel(neg, v_add(*n, two), v_fma(two_e, e, *n));
}

static inline V AF_FN(mish_forward)(V x, const VP *k)
{
    (void)k;
    M tail = v_lt(x, v_set(AF_K(EXP_TAIL)));
    M neg = v_lt(x, v_set((T)0));
    V e = AF_FN(mish_exp)(x, tail);
    V n, d;
    AF_FN(mish_ratio)(e, neg, &n, &d);
    V xc = v_max(x, v_set(-AF_K(MAX_FINITE))); /* -inf * 0 would be NaN */
    V far = v_mul(v_mul(xc, e), e);
    return v_sel(tail, far, v_div(v_mul(x, n), d));
}

/* mish' = tanh(sp) + x sech^2(sp) sigmoid(x) = (N D + 4 x K (1 + e)) / D^2 with
 * K = e for x < 0 and e^2 for x >= 0; in the far tail mish' = (1 + x) e^x. */
static inline V AF_FN(mish_grad)(V x, const VP *k)
{
    (void)k;
    V one = v_set((T)1);
    M tail = v_lt(x, v_set(AF_K(EXP_TAIL)));
    M neg = v_lt(x, v_set((T)0));
    V e = AF_FN(mish_exp)(x, tail);
    V n, d;
    AF_FN(mish_ratio)(e, neg, &n, &d);
    V m = v_set(AF_K(MAX_FINITE));
    V xc = v_min(v_max(x, v_neg(m)), m); /* inf * 0 would be NaN */
    V xk = v_mul(xc, v_sel(neg, e, v_mul(e, e)));
    V num = v_fma(v_mul(v_set((T)4), xk), v_add(one, e), v_mul(n, d));
    V far = v_mul(v_mul(v_add(one, xc), e), e);
    return v_sel(tail, far, v_div(num, v_mul(d, d)));
}

static inline V AF_FN(mish_backward)(V x, V dy, const VP *k) { return v_mul(dy, AF_FN(mish_grad)(x, k)); }
