/* sigmoid(x) = 1/(1 + e) for x >= 0 and e/(1 + e) below, e = e^-|x| <= 1:
 * nothing overflows and nothing cancels, and sigmoid(-100.0f) = 3.7e-44 keeps
 * its subnormal value, made by af_exp_tail's integer scaling. The quotient
 * is corrected by the exact remainder n - q (1 + e) (af_div_one_plus), so
 * that the error is exp's plus one final rounding. */

/* The path of a vector whose every e^-|x| is near 1 (kernels/elementwise.h:
 * AF_NEAR). */
static inline V sigmoid_forward_near(V x, const VP *k)
{
    (void)k;
    V e = af_exp_nonpos_normal(v_nabs(x));
    return af_div_one_plus(v_sel(v_ge(x, v_set((T)0)), v_set((T)1), e), e);
}
#define sigmoid_forward_leaves_near af_nabs_leaves_near
#define sigmoid_forward_has_near 1
#define sigmoid_forward_interleaves 1

/* Past BESIDE_ONE_ARG sigmoid is 1, or e^x rounded once, from af_exp_tail
 * (no subnormal in the arithmetic). A vector with such a lane takes e^a from
 * af_exp_tail for all its lanes, the same bits where a >= BESIDE_ONE_ARG,
 * and gives the quotient 1 in the far lanes, whose results are chosen apart:
 * one exp per vector either way (a second one cost such a vector about half
 * a uniform vector's time more on Zen 3). This is that vector's path, with
 * no branch, for the groups of such vectors (kernels/elementwise.h: AF_FAR);
 * unscale_lanes is af_exp_value's scaling without its test. */
static inline V sigmoid_forward_far(V x, const VP *k)
{
    (void)k;
    M pos = v_ge(x, v_set((T)0));
    V a = v_nabs(x);
    M far = v_lt(a, v_set(AF_K(BESIDE_ONE_ARG)));
    af_exp_parts tail = af_exp_tail_nonpos(a);
    V far_value = v_sel(pos, v_set((T)1), af_unscale_lanes(v_add(tail.e, tail.lo), tail.tail));
    V e = v_sel(far, v_set((T)1), tail.e);
    return v_sel(far, far_value, af_div_one_plus(v_sel(pos, v_set((T)1), e), e));
}
#define sigmoid_forward_leaves_far af_never_rare
#define sigmoid_forward_has_far AF_IN_FLOAT

/* A vector of far lanes only (rare, tested first) needs no quotient: 1.56x
 * the uniform vector's time, not 1.91x (Zen 5, AVX-512, floats in
 * [-105, -85]). */
static inline V sigmoid_forward(V x, const VP *k)
{
    V a = v_nabs(x);
    M far = v_lt(a, v_set(AF_K(BESIDE_ONE_ARG)));
    if (!AF_RARELY(m_any(far)))
        return sigmoid_forward_near(x, k);
    if (af_every_lane(far))
        return v_sel(v_ge(x, v_set((T)0)), v_set((T)1), af_exp_value(af_exp_tail_nonpos(a)));
    return sigmoid_forward_far(x, k);
}

/* sigmoid' = sigmoid(x) sigmoid(-x) = e/(1 + e)^2, even in x: no 1 - sigmoid
 * cancellation, and m e is formed before the scale of af_exp_tail. */
static inline V sigmoid_grad_times_of(V m, af_exp_parts e)
{
    V d_lo, d = af_one_plus(af_exp_value_beside_one(e), &d_lo);
    V dd_lo, dd = af_square_dw(d, d_lo, &dd_lo);
    return af_unscale_by(e, af_div_dw_times_finite(m, e.e, e.lo, dd, dd_lo), e.scale);
}

static inline V sigmoid_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V a = v_nabs(x);
    return AF_WITH_EXP_NONPOS(a, sigmoid_grad_times_of, m);
}
/* The path of a vector whose every e^a is near 1 (kernels/elementwise.h: AF_NEAR). */
static inline V sigmoid_grad_times_near(V x, V m, const VP *k)
{
    (void)k;
    return sigmoid_grad_times_of(m, af_exp_near_nonpos(v_nabs(x)));
}
static inline V sigmoid_grad_times_far(V x, V m, const VP *k)
{
    (void)k;
    return sigmoid_grad_times_of(m, af_exp_tail_nonpos(v_nabs(x)));
}
#define sigmoid_grad_times_leaves_far af_never_rare
#define sigmoid_grad_times_has_far 1
#define sigmoid_grad_times_leaves_near af_nabs_leaves_near
#define sigmoid_grad_times_has_near 1
#define sigmoid_grad_times_interleaves AF_IN_PAIRS_IN_DOUBLE

/* y (1 - y) = y - y^2 in one rounding. Below 2^-92 (2^-512), where m y
 * heads for the subnormals, y - y^2 = y and m y is rounded once by
 * v_mul_tiny, whose result is made with integer operations (rare, tested
 * per vector). A y of 0, which sigmoid gives only past its tail, takes that
 * path too (m 0 is v_mul_tiny's m 0): the test is two instructions, not
 * af_tiny_value_lanes' four. */
static inline V sigmoid_grad_y_times(V y, V m, const VP *k)
{
    (void)k;
    M tiny = v_lt(v_abs(y), v_set(AF_K(EXP_TAIL_SCALE)));
    if (!AF_RARELY(m_any(tiny)))
        return v_mul(m, v_fnma(y, y, y));
    V rest = v_sel(tiny, v_set((T)0), y);
    return v_mul_tiny(m, v_sel(tiny, y, v_fnma(rest, rest, rest)));
}
#define sigmoid_grad_y_times_takes_infinite_m 1
#define sigmoid_grad_y_times_streams 1
