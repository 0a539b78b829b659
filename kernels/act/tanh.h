/* tanh|x| = -em/(2 + em), em = e^-2|x| - 1 in [-1, 0] as a double word
 * (af_expm1_dw_clamped), and the quotient corrected, so that no cancellation
 * shows near 0 and em's error is not doubled near -1 (where d tanh/d em =
 * -2): with n = -em, r = 1/(2 + em) rounded and q = n r in [n/2, n], n - 2q
 * is exact (Sterbenz), and the remainder of n - em_lo over 2 + em + em_lo,
 * c = (n - 2q - q em) - em_lo (1 + q), is formed by two FMAs: its few eps of
 * relative error cost O(eps^2) in q + c r. Capped at 1 so that no rounding
 * can overshoot; |x| is clamped to -EXPM1_MIN (18 in float, 38 in double),
 * past which tanh rounds to 1 and so does the formula (em = -1 + 2^-52 at
 * most, 2^-110 in double). The sign of x is put back at the end. Below
 * TINY tanh x = x, kept out of the arithmetic (subnormal operands are
 * slow on some cores): |x| is raised to TINY there. */
static inline V tanh_forward(V x, const VP *k)
{
    (void)k;
    V zero = v_set((T)0), two = v_set((T)2), one = v_set((T)1), a = v_abs(x);
    M tiny = v_lt(a, v_set(AF_K(TINY)));
    a = v_min(v_max(a, v_set(AF_K(TINY))), v_set(-AF_K(EXPM1_MIN)));
    V em_lo, em = af_expm1_dw_clamped(v_mul(a, v_set((T)-2)), &em_lo);
    V n = v_neg(em);
    V r = v_div(one, v_add(two, em));
    V q = v_mul(n, r);
    V c = v_fnma(em_lo, v_add(one, q), v_fnma(q, em, v_fnma(two, q, n)));
    V t = v_min(af_div_finish(q, c, r), one);
    return v_sel(tiny, x, v_sel(v_lt(x, zero), v_neg(t), t));
}
#define tanh_forward_interleaves 1

/* tanh' = 1 - tanh^2 = 4e/(1 + e)^2 with e = e^-2|x|: no cancellation; the
 * same double-word quotient and exp tail as sigmoid'. */
static inline V tanh_grad_times_of(V m, af_exp_parts e)
{
    V d_lo, d = af_one_plus(af_exp_value_beside_one(e), &d_lo);
    V dd_lo, dd = af_square_dw(d, d_lo, &dd_lo);
    V four = v_set((T)4);
    return af_unscale_by(e, af_div_dw_times_finite(m, v_mul(four, e.e), v_mul(four, e.lo), dd, dd_lo), e.scale);
}

static inline V tanh_minus_2a(V x)
{
    V a = v_abs(x);
    return v_neg(v_add(a, a));
}

static inline V tanh_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V minus_2a = tanh_minus_2a(x);
    return AF_WITH_EXP_NONPOS(minus_2a, tanh_grad_times_of, m);
}
/* The path of a vector whose every e^a is near 1 (kernels/elementwise.h: AF_NEAR). */
static inline V tanh_grad_times_near(V x, V m, const VP *k)
{
    (void)k;
    return tanh_grad_times_of(m, af_exp_near_nonpos(tanh_minus_2a(x)));
}
static inline V tanh_grad_times_far(V x, V m, const VP *k)
{
    (void)k;
    return tanh_grad_times_of(m, af_exp_tail_nonpos(tanh_minus_2a(x)));
}
#define tanh_grad_times_leaves_far af_never_rare
#define tanh_grad_times_has_far 1
static inline int tanh_grad_times_leaves_near(V x, const VP *k)
{
    (void)k;
    return !af_exp_near_only(tanh_minus_2a(x));
}
#define tanh_grad_times_has_near 1
#define tanh_grad_times_interleaves 1

/* 1 - y^2 in one rounding. */
static inline V tanh_grad_y_times(V y, V m, const VP *k)
{
    (void)k;
    return v_mul(m, v_fnma(y, y, v_set((T)1)));
}
#define tanh_grad_y_times_takes_infinite_m 1
#define tanh_grad_y_times_streams 1
