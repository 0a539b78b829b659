/* elu(x) = x > 0 ? x : a*expm1(x) (p0 = a). expm1, not exp - 1, keeps every
 * digit near 0; elu'(0) = a*e^0 = a. A NaN fails x > 0 and goes through expm1. */

static inline V AF_FN(elu_forward)(V x, const VP *k)
{
    return v_sel(v_gt(x, v_set((T)0)), x, v_mul(k->p0, v_expm1(x)));
}

static inline V AF_FN(elu_grad)(V x, const VP *k)
{
    return v_sel(v_gt(x, v_set((T)0)), v_set((T)1), v_mul(k->p0, v_exp(x)));
}

static inline V AF_FN(elu_backward)(V x, V dy, const VP *k)
{
    return v_sel(v_gt(x, v_set((T)0)), dy, v_mul(dy, v_mul(k->p0, v_exp(x))));
}

/* For y <= 0, a*e^x = y + a (one rounding of the given y). */
static inline V AF_FN(elu_grad_from_y)(V y, const VP *k)
{
    return v_sel(v_gt(y, v_set((T)0)), v_set((T)1), v_add(y, k->p0));
}

static inline V AF_FN(elu_backward_from_y)(V y, V dy, const VP *k)
{
    return v_sel(v_gt(y, v_set((T)0)), dy, v_mul(dy, v_add(y, k->p0)));
}
