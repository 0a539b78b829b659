/* mish(x) = x tanh(softplus(x)). With s = 1 + e^x, tanh(log s) = (s^2-1)/(s^2+1):
 *   x <  0, e = e^x:   tanh = e r, r = (e + 2)/D,  D = e(e + 2) + 2
 *   x >= 0, e = e^-x:  tanh = N/D, N = 1 + 2e,     D = N + 2e^2
 * (the second is the first divided by e^2x), so e <= 1 and nothing overflows
 * or cancels. Sums and products are carried as double words into one
 * corrected quotient; e^x comes from af_exp_tail, so x e^x r is rounded once
 * even where it is subnormal. */

typedef struct {
    V e, ev, n, n_lo, d, d_lo, scale;
    M neg;
    af_exp_parts exp;
} mish_parts;

/* e (scaled in the tail, for the products with x), ev its value where it
 * meets 2 and 1 (0 below e^BESIDE_ONE_ARG, where it would be subnormal
 * further on), the numerator (e + 2 or 1 + 2e) and the denominator D as
 * double words. */
static inline mish_parts mish_split(V x, af_exp_parts e)
{
    mish_parts s;
    s.exp = e;
    V ev = af_exp_value_beside_one(e);
    s.ev = ev;
    V two = v_set((T)2), err;
    s.neg = v_lt(x, v_set((T)0));
    s.e = v_sel(s.neg, e.e, ev);
    s.scale = v_sel(s.neg, e.scale, v_set((T)1));
    /* x < 0: n = e + 2, D = e n + 2.  x >= 0: n = 1 + 2e, D = n + 2 e e
     * (the products at most 3: no overflow). Every sum is a Fast2Sum: e, 2e,
     * e n <= 3 and 2 e e have no larger exponent than 2, 1 and n (or the sum
     * is exact, as 1 + 2 at e = 1). */
    V two_e = v_add(ev, ev);
    s.n = af_fast_two_sum(v_sel(s.neg, two, v_set((T)1)), v_sel(s.neg, ev, two_e), &s.n_lo);
    /* 2 e e is nothing beside N where e^2 < e^BESIDE_ONE_ARG, and its low
     * part would be subnormal: taken as 0 there. */
    V e_again = v_sel(v_gt(x, v_set(AF_K(BESIDE_ONE_ARG) * (T)-0.5)), v_set((T)0), ev);
    V p_lo, p = af_mul_dw_finite(v_sel(s.neg, ev, two_e), v_sel(s.neg, s.n, e_again),
                                        v_sel(s.neg, s.n_lo, v_set((T)0)), &p_lo);
    V base = v_sel(s.neg, two, s.n), base_lo = v_sel(s.neg, v_set((T)0), s.n_lo);
    s.d = af_fast_two_sum(base, p, &err);
    s.d_lo = v_add(err, v_add(p_lo, base_lo));
    return s;
}

static inline V mish_forward_of(V x, af_exp_parts e)
{
    mish_parts s = mish_split(x, e);
    /* x < 0: (x e) n / D, scaled;  x >= 0: x n / D (x = +inf: num_lo is NaN,
     * and af_div_dw_signed drops it). */
    V xe_lo, xe = af_two_prod(af_clamp_x_below(x), s.e, &xe_lo);
    V a = v_sel(s.neg, xe, x), a_lo = v_sel(s.neg, xe_lo, v_set((T)0));
    V num = af_mul_small(a, s.n);
    V num_lo = v_fma(a, s.n_lo, v_fma(a_lo, s.n, v_fma(a, s.n, v_neg(num))));
    return af_unscale_by(s.exp, af_div_dw_signed(num, num_lo, s.d, s.d_lo), s.scale);
}

/* factor tanh(softplus(arg)) (small_x.h): at arg = 0, e = 1 and both
 * branches give factor 3/5. */
static inline V mish_forward_at(V factor, V arg, const VP *k)
{
    (void)k;
    V a = v_nabs(arg);
    return AF_WITH_EXP_NONPOS(a, mish_forward_of, factor);
}

static inline V mish_forward(V x, const VP *k) { return af_times_small_x(x, k, mish_forward_at, (T)3 / (T)5); }
/* The path of a vector with no tiny lane and every e^-|x| near 1
 * (kernels/elementwise.h: AF_NEAR). */
static inline V mish_forward_near(V x, const VP *k)
{
    (void)k;
    return mish_forward_of(x, af_exp_near_nonpos(v_nabs(x)));
}
/* The path of a vector with no tiny lane (kernels/elementwise.h: AF_FAR). */
static inline V mish_forward_far(V x, const VP *k)
{
    (void)k;
    return mish_forward_of(x, af_exp_tail_nonpos(v_nabs(x)));
}
#define mish_forward_leaves_far af_small_x_leaves
#define mish_forward_has_far 1
#define mish_forward_leaves_near af_small_x_leaves_near
#define mish_forward_has_near 1
#define mish_forward_interleaves AF_IN_FLOAT

/* mish' = tanh(sp) + x sech^2(sp) sigmoid(x), over a common denominator:
 *   x <  0: e Q / D^2,  Q = 4(1 + x) + e((6 + 4x) + e(4 + e))
 *   x >= 0: Q / D^2,    Q = 1 + e(4 + e((6 + 4x) + e(4 + 4x)))
 * The root x = -1.19 is where 4(1 + x) and the e terms cancel; 1 + x is
 * exact there. */
static inline V mish_grad_times_of(V x, V m, af_exp_parts e)
{
    mish_parts s = mish_split(x, e);
    V xc = af_clamp_x(x);
    V one = v_set((T)1), four = v_set((T)4);
    V ev = s.ev;
    V six_4x = v_fma(four, xc, v_set((T)6));
    V four_4x = v_fma(four, xc, four);
    V q_neg = v_fma(ev, v_fma(ev, v_add(four, ev), six_4x), v_mul(four, v_add(one, xc)));
    V q_pos = v_fma(ev, v_fma(ev, v_fma(ev, four_4x, six_4x), four), one);
    V n_lo, n = af_two_prod(v_sel(s.neg, q_neg, q_pos), v_sel(s.neg, s.e, one), &n_lo);
    V dd_lo, dd = af_square_dw(s.d, s.d_lo, &dd_lo);
    return af_unscale_by(s.exp, af_div_dw_times_finite(m, n, n_lo, dd, dd_lo), s.scale);
}

static inline V mish_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V a = v_nabs(x);
    return AF_WITH_EXP_NONPOS(a, mish_grad_times_of, x, m);
}
/* The path of a vector whose every e^a is near 1 (kernels/elementwise.h: AF_NEAR). */
static inline V mish_grad_times_near(V x, V m, const VP *k)
{
    (void)k;
    return mish_grad_times_of(x, m, af_exp_near_nonpos(v_nabs(x)));
}
static inline V mish_grad_times_far(V x, V m, const VP *k)
{
    (void)k;
    return mish_grad_times_of(x, m, af_exp_tail_nonpos(v_nabs(x)));
}
#define mish_grad_times_leaves_far af_never_rare
#define mish_grad_times_has_far 1
#define mish_grad_times_leaves_near af_nabs_leaves_near
#define mish_grad_times_has_near 1
#define mish_grad_times_interleaves AF_IN_PAIRS_IN_DOUBLE
/* a subnormal x is the first-order term (kernels/elementwise.h) */
#define mish_grad_times_first_order_x 1
