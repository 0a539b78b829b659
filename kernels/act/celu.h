/* celu(x) = x > 0 ? x : a expm1(x/a) (a = alpha != 0); celu'(0) = 1. Where
 * |x/a| < TINY celu is x and celu' 1, and x is kept out of the divisions
 * (slow on subnormals). */

static inline M celu_tiny(V x, const VP *k) { return v_lt(v_abs(x), v_mul(v_abs(celu_alpha(k)), v_set(AF_K(TINY)))); }

static inline V celu_forward(V x, const VP *k)
{
    M tiny = celu_tiny(x, k);
    V below = af_mul_small(celu_alpha(k), v_expm1(v_div(v_sel(tiny, v_set((T)0), x), celu_alpha(k))));
    return v_sel(tiny, x, v_sel(v_gt(x, v_set((T)0)), x, below));
}

/* m e^(x/a): x/a = u + u_lo (the remainder x - u a is exact by FMA), and e^(u + u_lo)
 * from af_exp_tail, whose condition number |u| would otherwise turn the
 * rounding of x/a into |u|/2 ulp. */
static inline V celu_grad_times(V x, V m, const VP *k)
{
    x = v_sel(celu_tiny(x, k), v_set((T)0), x);
    V u = v_div(x, celu_alpha(k));
    V u_lo = af_finite_or_zero(v_div(v_fnma(u, celu_alpha(k), x), celu_alpha(k)));
    af_exp_parts e = af_exp_tail(u, u_lo);
    V below = af_mul_small(v_fma(m, e.e, af_finite_or_zero(v_mul(m, e.lo))), e.scale);
    return af_pass_nan(x, v_sel(v_gt(x, v_set((T)0)), m, below));
}

/* For y <= 0 (a > 0), e^(x/a) = (y + a)/a: the sum exact, one corrected division. */
static inline V celu_grad_y_times(V y, V m, const VP *k)
{
    V err, s = af_two_sum(y, celu_alpha(k), &err);
    V below = af_div_dw_times_any(m, s, af_finite_or_zero(err), celu_alpha(k), v_set((T)0));
    return v_sel(v_gt(y, v_set((T)0)), m, below);
}
