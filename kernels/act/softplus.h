/* softplus(x) = z > t ? x : sp(z)/b, z = b x (b = beta, t = threshold), with
 *   sp(z)/b = (z > 0 ? x : 0) + log1p(e^-|z|)/b,
 * which never overflows (not even b x: softplus(FLT_MAX) with b = 2 is
 * FLT_MAX) and keeps e^z's digits for z << 0. z is rounded when b != 1:
 * z = z_hi + z_lo (FMA), and to first order log1p(e^-|z|) moves by
 * z_lo (sigmoid(z) - [z > 0]) = -+z_lo e/(1 + e); without that the rounding of
 * z costs |z|/2 ulp (44 ulp at z = -88). z_lo is 0 where z is not finite
 * (x = +-inf, or b x overflows), as its FMA is not finite there either. */

typedef struct {
    V z, z_lo;
    af_exp_parts e;
    M pos;
} softplus_parts;

/* z = b x as z + z_lo; e^-|z| comes in later (AF_WITH_EXP_NONPOS). */
static inline softplus_parts softplus_split(V x, const VP *k)
{
    softplus_parts s;
    s.z = af_mul_small(softplus_beta(k), x);
    s.z_lo = v_fma(softplus_beta(k), x, v_neg(s.z));
    s.z_lo = af_finite_or_zero(s.z_lo);
    s.pos = v_gt(s.z, v_set((T)0));
    return s;
}

static inline V softplus_forward_of(V x, const VP *k, softplus_parts s, af_exp_parts e)
{
    s.e = e;
    /* e^-|z_hi + z_lo| = e (1 -+ z_lo): the low part of e, scaled like e,
     * which log1p divides by 1 + e. Where e is negligible beside 1 (the tail
     * included) log1p(e) = e, and log1p does not meet e's square. */
    V e_lo = v_mul(s.z_lo, v_sel(s.pos, v_neg(s.e.e), s.e.e));
    V log_term = v_sel(s.e.negligible, v_add(s.e.e, e_lo), af_log1p_unit(af_exp_value_beside_one(s.e), e_lo));
    V tail = af_unscale_by(s.e, v_div(log_term, softplus_beta(k)), s.e.scale);
    /* tail alone for z <= 0, not 0 + tail: with b < 0 a tail that underflows
     * is -0, the sign of the exact result, which + 0 would lose. */
    V y = v_sel(s.pos, v_add(x, tail), tail);
    return v_sel(v_gt(s.z, softplus_threshold(k)), x, y);
}

static inline V softplus_forward(V x, const VP *k)
{
    softplus_parts s = softplus_split(x, k);
    V a = v_nabs(s.z);
    return AF_WITH_EXP_NONPOS(a, softplus_forward_of, x, k, s);
}
/* a subnormal x is the first-order term (kernels/elementwise.h) */
#define softplus_forward_first_order_x 1
/* The paths of a vector whose every e^-|z| is near 1, or not
 * (kernels/elementwise.h: AF_NEAR, AF_FAR), and the test, on z = b x
 * rounded as softplus_split rounds it. The float arrays take
 * softplus_float_forward (kernels/wide.h). For doubles the forward in
 * pairs ran 1.07-1.26x faster than one vector at a time, f' and the
 * backward four at a time 1.16-1.19x (Zen 5, n = 4096, AVX2 and AVX-512);
 * in the far tail (x in [-800, -30]) the forward ran 0.94x and the rest
 * 0.93-1.04x. */
static inline V softplus_forward_near(V x, const VP *k)
{
    softplus_parts s = softplus_split(x, k);
    return softplus_forward_of(x, k, s, af_exp_near_nonpos(v_nabs(s.z)));
}
static inline V softplus_forward_far(V x, const VP *k)
{
    softplus_parts s = softplus_split(x, k);
    return softplus_forward_of(x, k, s, af_exp_tail_nonpos(v_nabs(s.z)));
}
static inline int softplus_leaves_near(V x, const VP *k) { return af_nabs_leaves_near(softplus_split(x, k).z, k); }
#define softplus_forward_leaves_far af_never_rare
#define softplus_forward_has_far 1
#define softplus_forward_leaves_near softplus_leaves_near
#define softplus_forward_has_near 1
#define softplus_forward_interleaves AF_IN_PAIRS_IN_DOUBLE

/* softplus' = sigmoid(z) (1 + z_lo (1 - sigmoid(z))), the second factor
 * correcting the rounding of z as above; exactly 1 above the threshold.
 * 1 - sigmoid(z) only scales that correction (|z_lo| <= ulp(z)/2): it is
 * (z > 0 ? e : 1) times the 1/(1 + e) of sigmoid's quotient, which the
 * compiler shares, rather than a second division. */
static inline V softplus_grad_times_of(V m, const VP *k, softplus_parts s, af_exp_parts e)
{
    s.e = e;
    V one = v_set((T)1);
    V ev = af_exp_value_beside_one(s.e);
    V sig = af_div_one_plus_times(m, v_sel(s.pos, one, s.e.e), ev);
    V one_minus_sig = v_mul(v_sel(s.pos, ev, one), v_div(one, v_add(one, ev)));
    V g = af_unscale_by(s.e, v_fma(v_mul(sig, s.z_lo), one_minus_sig, sig), v_sel(s.pos, one, s.e.scale));
    return v_sel(v_gt(s.z, softplus_threshold(k)), m, g);
}

static inline V softplus_grad_times(V x, V m, const VP *k)
{
    softplus_parts s = softplus_split(x, k);
    V a = v_nabs(s.z);
    return AF_WITH_EXP_NONPOS(a, softplus_grad_times_of, m, k, s);
}
/* a subnormal x is the first-order term (kernels/elementwise.h) */
#define softplus_grad_times_first_order_x 1
static inline V softplus_grad_times_near(V x, V m, const VP *k)
{
    softplus_parts s = softplus_split(x, k);
    return softplus_grad_times_of(m, k, s, af_exp_near_nonpos(v_nabs(s.z)));
}
static inline V softplus_grad_times_far(V x, V m, const VP *k)
{
    softplus_parts s = softplus_split(x, k);
    return softplus_grad_times_of(m, k, s, af_exp_tail_nonpos(v_nabs(s.z)));
}
#define softplus_grad_times_leaves_far af_never_rare
#define softplus_grad_times_has_far 1
#define softplus_grad_times_leaves_near softplus_leaves_near
#define softplus_grad_times_has_near 1
#define softplus_grad_times_interleaves 1

#if AF_IS_F64
/* For float arrays (kernels/wide.h), in double: z = b x is exact (two
 * floats), so no z_lo; e^-|z| (af_exp_of_float, 2^-37.6) and log1p
 * (af_log1p_of_unit_float, 2^-32.8) err smoothly in z but where e^-|z|'s
 * reduction steps (|z| > 0.34, and there by f' 2^-37, below the steps
 * between consecutive floats' results), and the product by 1/b and the sum
 * round by 2^-53 each, below those steps near 0, where the float formula
 * ran backwards: within 0.5 + 2^-8 ulp, and monotone. All 2^32 floats:
 * README. */
static inline V softplus_float_forward(V x, const VP *k)
{
    V z = v_mul(softplus_beta(k), x);
    /* 1/b is the same for the whole array: the compiler takes it out of the loop. */
    V tail = v_mul(af_log1p_of_unit_float(af_exp_of_float(v_nabs(z))), v_div(v_set(1.0), softplus_beta(k)));
    V y = v_sel(v_gt(z, v_set(0.0)), v_add(x, tail), tail);
    return v_sel(v_gt(z, softplus_threshold(k)), x, y);
}
#define softplus_float_forward_interleaves 1

/* m sigmoid(z), exactly m above the threshold. */
static inline V softplus_float_grad_times(V x, V m, const VP *k)
{
    V z = v_mul(softplus_beta(k), x);
    return v_sel(v_gt(z, softplus_threshold(k)), m, af_sigmoid_times_of_float(m, z));
}
#define softplus_float_grad_times_takes_infinite_m 1
#define softplus_float_grad_times_interleaves 1
#endif
