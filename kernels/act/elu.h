/* elu(x) = x > 0 ? x : a expm1(x) (a = alpha). expm1, not exp - 1, keeps every
 * digit near 0; elu'(0) = a e^0 = a. A NaN fails x > 0 and goes through expm1.
 * a times expm1's double word, rounded once: rounding expm1 first would let
 * its half ulp grow to nearly a whole one where a moves the product to the
 * top of a binade (1.58 ulp at a = 1.7 in the float sweep). */

static inline V elu_forward(V x, const VP *k)
{
    V e_lo, e = af_expm1_dw_nonpos(v_min(x, v_set((T)0)), &e_lo);
    return v_sel(v_gt(x, v_set((T)0)), x, af_mul_dw_round(elu_alpha(k), e, e_lo));
}
#define elu_forward_interleaves 1

/* m a e^x, with e^x from af_exp_tail so that a subnormal result is rounded once. */
static inline V elu_grad_times_of(V x, V m, const VP *k, af_exp_parts e)
{
    V ma = v_mul(m, elu_alpha(k));
    V below = af_unscale_by(e, v_mul(ma, e.e), e.scale);
    return af_pass_nan(x, v_sel(v_gt(x, v_set((T)0)), m, below));
}

static inline V elu_grad_times(V x, V m, const VP *k)
{
    V a = v_min(x, v_set((T)0));
    return AF_WITH_EXP_NONPOS(a, elu_grad_times_of, x, m, k);
}
/* The path of a vector whose every e^a is near 1 (kernels/elementwise.h: AF_NEAR). */
static inline V elu_grad_times_near(V x, V m, const VP *k)
{
    return elu_grad_times_of(x, m, k, af_exp_near_nonpos(v_min(x, v_set((T)0))));
}
static inline V elu_grad_times_far(V x, V m, const VP *k)
{
    return elu_grad_times_of(x, m, k, af_exp_tail_nonpos(v_min(x, v_set((T)0))));
}
#define elu_grad_times_leaves_far af_never_rare
#define elu_grad_times_has_far 1
#define elu_grad_times_leaves_near af_negative_part_leaves_near
#define elu_grad_times_has_near 1
#define elu_grad_times_interleaves AF_IN_FLOAT

/* For y <= 0, a e^x = y + a (one rounding of the given y). */
static inline V elu_grad_y_times(V y, V m, const VP *k)
{
    return v_sel(v_gt(y, v_set((T)0)), m, v_mul(m, v_add(y, elu_alpha(k))));
}
#define elu_grad_y_times_takes_infinite_m 1
#define elu_grad_y_times_streams 1
