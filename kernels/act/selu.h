/* selu(x) = l (x > 0 ? x : a expm1(x)) (a = alpha, l = lambd), selu'(0) =
 * l a. l a and expm1 are double words, so that their product is rounded
 * once. Every product that is subnormal for a subnormal x is an af_mul_small. */

/* l a = c + *c_lo exactly (FMA); a c_lo that is not finite (l a overflows)
 * is dropped. */
static inline V selu_lambd_alpha(const VP *k, V *c_lo)
{
    V c = v_mul(selu_lambd(k), selu_alpha(k));
    *c_lo = af_finite_or_zero(v_fma(selu_lambd(k), selu_alpha(k), v_neg(c)));
    return c;
}

/* l a (em + em_lo) = c em + (c em_lo + c_lo em), rounded once, em + em_lo =
 * e^x - 1, with c kept finite in the addend (af_finite_factor); where em
 * is 0, a plain product, which keeps the sign of selu(-0). */
static inline V selu_forward_of(V x, V em, V em_lo, const VP *k)
{
    V c_lo, c = selu_lambd_alpha(k, &c_lo);
    V with_lo = v_fma(c, em, v_fma(af_finite_factor(c), em_lo, v_mul(c_lo, em)));
    V below = v_sel(v_eq(em, v_set((T)0)), af_mul_small(c, em), with_lo);
    return v_sel(v_gt(x, v_set((T)0)), af_mul_small(selu_lambd(k), x), below);
}

/* The path of a vector with no small lane (kernels/elementwise.h: AF_NEAR). */
static inline V selu_forward_near(V x, const VP *k)
{
    V em_lo, em = af_expm1_dw_nonpos(v_min(x, v_set((T)0)), &em_lo);
    return selu_forward_of(x, em, em_lo, k);
}
#define selu_forward_leaves_near af_tiny_value_leaves
#define selu_forward_has_near 1
#define selu_forward_interleaves 1

/* For small x (small_x.h) e^x - 1 is x (af_expm1_dw_nonpos), so the factor
 * (X = 2^EXP_TAIL_SHIFT x, or +-1) stands for both x and e^x - 1: c_lo x and
 * the products would be subnormal from x = 2^-101 (2^-969) on. A vector of
 * such lanes only (all of them subnormal, say) skips e^x - 1: 0.75-1.1x the
 * uniform vector's time, not 1.7-1.9x (Zen 5, AVX2 and AVX-512). */
static inline V selu_forward(V x, const VP *k)
{
    V zero = v_set((T)0), em_lo, em;
    M small = af_tiny_value_lanes(x);
    if (!AF_RARELY(m_any(small)))
        return selu_forward_near(x, k);
    M subnormal = v_subnormal(x), scaled = af_scaled_lanes(x, subnormal);
    V factor = af_small_x_factor(x, subnormal, scaled);
    if (af_every_lane(small)) {
        em = v_min(factor, zero);
        em_lo = zero;
    } else {
        em = af_expm1_dw_nonpos(v_min(v_sel(small, zero, x), zero), &em_lo);
        em = v_sel(small, v_min(factor, zero), em);
    }
    return af_small_x_result(x, selu_forward_of(factor, em, em_lo, k), subnormal, scaled);
}

/* m l a e^x with l a = c + c_lo and e^x from af_exp_tail: rounded once,
 * even where it is subnormal. */
static inline V selu_grad_times_of(V x, V m, const VP *k, af_exp_parts e)
{
    V c_lo, c = selu_lambd_alpha(k, &c_lo);
    V t_lo, t = af_mul_dw(m, c, c_lo, &t_lo);
    V below = af_unscale_by(e, v_fma(t, e.e, v_mul(t_lo, e.e)), e.scale);
    return af_pass_nan(x, v_sel(v_gt(x, v_set((T)0)), v_mul(m, selu_lambd(k)), below));
}

static inline V selu_grad_times(V x, V m, const VP *k)
{
    V a = v_min(x, v_set((T)0));
    return AF_WITH_EXP_NONPOS(a, selu_grad_times_of, x, m, k);
}
/* The path of a vector whose every e^a is near 1 (kernels/elementwise.h: AF_NEAR). */
static inline V selu_grad_times_near(V x, V m, const VP *k)
{
    return selu_grad_times_of(x, m, k, af_exp_near_nonpos(v_min(x, v_set((T)0))));
}
static inline V selu_grad_times_far(V x, V m, const VP *k)
{
    return selu_grad_times_of(x, m, k, af_exp_tail_nonpos(v_min(x, v_set((T)0))));
}
#define selu_grad_times_leaves_far af_never_rare
#define selu_grad_times_has_far 1
#define selu_grad_times_leaves_near af_negative_part_leaves_near
#define selu_grad_times_has_near 1
#define selu_grad_times_interleaves AF_IN_PAIRS_IN_DOUBLE

/* For y <= 0, l a e^x = y + l a: the sum exact (TwoSum), then m times it.
 * Where |y| is below TINY^2 |l a| (2^-60, 2^-120 of it), y + l a is l a far
 * below its rounding: y is taken as 0 there, which keeps a subnormal y out
 * of the arithmetic (as celu's from y does). The frame's first-order term
 * would take f' at y = -2^-40 (2^-100), which is no y of selu's where l a
 * is that small (1e-30: off by 1e25 ulp). */
static inline V selu_grad_y_times(V y, V m, const VP *k)
{
    V err, c_lo, c = selu_lambd_alpha(k, &c_lo);
    V near_zero = v_mul(v_abs(c), v_set(AF_K(TINY) * AF_K(TINY)));
    V s = af_two_sum(v_sel(v_lt(v_abs(y), near_zero), v_set((T)0), y), c, &err);
    V below = v_fma(m, s, v_mul(m, af_finite_or_zero(v_add(err, c_lo))));
    return v_sel(v_gt(y, v_set((T)0)), v_mul(m, selu_lambd(k)), below);
}
#define selu_grad_y_times_interleaves 1
