/* leaky_relu(x) = x > 0 ? x : s*x (p0 = s); leaky_relu'(0) = s. */

static inline V AF_FN(leaky_relu_forward)(V x, const VP *k)
{
    return v_sel(v_gt(x, v_set((T)0)), x, v_mul(k->p0, x));
}

static inline V AF_FN(leaky_relu_grad)(V x, const VP *k)
{
    return AF_FN(af_pass_nan)(x, v_sel(v_gt(x, v_set((T)0)), v_set((T)1), k->p0));
}

static inline V AF_FN(leaky_relu_backward)(V x, V dy, const VP *k)
{
    return AF_FN(af_pass_nan)(x, v_sel(v_gt(x, v_set((T)0)), dy, v_mul(dy, k->p0)));
}

/* With s >= 0 (checked by the API), y > 0 exactly where x > 0. */
static inline V AF_FN(leaky_relu_grad_from_y)(V y, const VP *k) { return AF_FN(leaky_relu_grad)(y, k); }
static inline V AF_FN(leaky_relu_backward_from_y)(V y, V dy, const VP *k)
{
    return AF_FN(leaky_relu_backward)(y, dy, k);
}
