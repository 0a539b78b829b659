/* celu(x) = x > 0 ? x : a expm1(x/a) (a = alpha > 0); celu'(0) = 1. Where
 * |x/a| < TINY celu is x and celu' 1, and x is kept out of the arithmetic
 * (slow on subnormals). */

static inline M celu_tiny(V x, const VP *k) { return v_lt(v_abs(x), v_mul(v_abs(celu_alpha(k)), v_set(AF_K(TINY)))); }

/* x/a = u + *u_lo to about twice the working precision, without a division
 * per vector: u = x (1/a), faithful, and the remainder x - u a, exact by FMA,
 * times 1/a. 1/a is loop-invariant; kept finite for a subnormal a, where x/a
 * is past every clamp anyway (and 0/a stays 0). */
static inline V celu_quotient(V x, const VP *k, V *u_lo)
{
    V inv = v_min(v_div(v_set((T)1), celu_alpha(k)), v_set(AF_K(MAX_FINITE)));
    V u = v_mul(x, inv);
    *u_lo = af_finite_or_zero(v_mul(v_fnma(u, celu_alpha(k), x), inv));
    return u;
}

/* a (e^(u + u_lo) - 1) with e^(u + u_lo) - 1 = e + e_lo + (1 + e) u_lo to
 * first order, rounded once: rounding x/a, expm1 and the product each would
 * cost up to 1.75 ulp (a = 0.3). */
static inline V celu_forward(V x, const VP *k)
{
    M tiny = celu_tiny(x, k);
    V u_lo, u = celu_quotient(v_min(v_sel(tiny, v_set((T)0), x), v_set((T)0)), k, &u_lo);
    V e_lo, e = af_expm1_dw_nonpos(u, &e_lo);
    e_lo = v_fma(v_add(e, v_set((T)1)), u_lo, e_lo);
    V below = af_mul_dw_round(celu_alpha(k), e, e_lo);
    return v_sel(tiny, x, v_sel(v_gt(x, v_set((T)0)), x, below));
}
#define celu_forward_interleaves 1

/* m e^(u + u_lo) from af_exp_tail, whose condition number |u| would otherwise
 * turn the rounding of x/a into |u|/2 ulp. m e.lo needs no test: e.lo is
 * below 2^-15 e.e (u >= EXP_TAIL_MIN where e.e is not 0), so it is finite
 * for a finite m, and for an infinite m (dy) the frame keeps the result only
 * where body(x, +-MAX_FINITE) is 0, e.e = 0, where inf * 0 is NaN either
 * way (kernels/elementwise.h). */
static inline V celu_grad_times_of(V x, V m, V u_lo, af_exp_parts e)
{
    e = af_exp_with_lo(e, u_lo);
    V below = af_unscale_by(e, v_fma(m, e.e, v_mul(m, e.lo)), e.scale);
    return af_pass_nan(x, v_sel(v_gt(x, v_set((T)0)), m, below));
}

/* u + u_lo = x/a, with x below TINY (relative to a) taken as 0 in *xt. */
static inline V celu_grad_arg(V x, const VP *k, V *xt, V *u_lo)
{
    *xt = v_sel(celu_tiny(x, k), v_set((T)0), x);
    return celu_quotient(v_min(*xt, v_set((T)0)), k, u_lo);
}

static inline V celu_grad_times(V x, V m, const VP *k)
{
    V xt, u_lo, u = celu_grad_arg(x, k, &xt, &u_lo);
    return AF_WITH_EXP_NONPOS(u, celu_grad_times_of, xt, m, u_lo);
}
/* The paths of a vector whose every e^u is near 1, or not
 * (kernels/elementwise.h: AF_NEAR, AF_FAR), and the test, on u as the body
 * forms it from a. Four at a time f' ran 1.27-1.36x faster than one vector
 * at a time and the backward 1.18-1.26x (Zen 5, n = 4096, AVX2 and
 * AVX-512), 0.98-1.17x on floats in [-100, -20]; in pairs 1.08-1.16x. */
static inline V celu_grad_times_near(V x, V m, const VP *k)
{
    V xt, u_lo, u = celu_grad_arg(x, k, &xt, &u_lo);
    return celu_grad_times_of(xt, m, u_lo, af_exp_near_nonpos(u));
}
static inline V celu_grad_times_far(V x, V m, const VP *k)
{
    V xt, u_lo, u = celu_grad_arg(x, k, &xt, &u_lo);
    return celu_grad_times_of(xt, m, u_lo, af_exp_tail_nonpos(u));
}
static inline int celu_grad_times_leaves_near(V x, const VP *k)
{
    V xt, u_lo;
    return !af_exp_near_only(celu_grad_arg(x, k, &xt, &u_lo));
}
#define celu_grad_times_leaves_far af_never_rare
#define celu_grad_times_has_far 1
#define celu_grad_times_has_near 1
#define celu_grad_times_interleaves 1

/* For y <= 0 (a > 0), e^(x/a) = (y + a)/a: the sum exact, one corrected
 * division. Where |y/a| < TINY, (y + a)/a rounds to 1 and m times it to m: y
 * is taken as 0 there, as x is above, which keeps a subnormal y, and the
 * products of dy with y/a that would be subnormal, out of the arithmetic. */
static inline V celu_grad_y_times(V y, V m, const VP *k)
{
    y = v_sel(celu_tiny(y, k), v_set((T)0), y);
    V err, s = af_two_sum(y, celu_alpha(k), &err);
    V below = af_div_dw_times_any(m, s, af_finite_or_zero(err), celu_alpha(k), v_set((T)0));
    return v_sel(v_gt(y, v_set((T)0)), m, below);
}
#define celu_grad_y_times_interleaves 1
