/* e^a and e^a - 1 over the vocabulary, inline: the SLEEF calls they replace
 * cost more than their arithmetic.
 *
 * a = k ln 2 + r + r_lo: k = round(a log2 e) (magic constant), r1 = a - k LN2_HI
 * exact by FMA (k LN2_HI exact, r1 a multiple of min(ulp(a), ulp(LN2_HI)) below
 * 1/2), r = r1 - k LN2_LO rounded and r_lo its exact rounding error (r1 - r is
 * exact by Sterbenz where it matters; where not, |r| < 2^-8 and r_lo does not
 * count). The omitted k (ln 2 - LN2_HI - LN2_LO) is below 2^-36 (2^-100).
 *   e^(r + r_lo) - 1 = r + w,  w = r^2 P(r) + r_lo (1 + r)
 * with P's error 2^-30 (2^-61) relative to e^r.
 *
 * r_lo matters to e^a - 1 as a double word (af_expm1_dw_clamped) and to
 * log_softmax's f' from y (af_exp_minus_one_of). Every other e^a is rounded
 * once (af_exp_times_pow2*) and leaves it out: |r_lo| <= ulp(r)/2 <=
 * 2^-26 (2^-55) moves e^a by at most a quarter ulp before its rounding, and
 * e^r - 1 = r + r^2 P(r) is rounded once (one FMA), not twice. Over all 2^32
 * floats the ops built on it moved by 0 (sigmoid, tanh', tanhshrink) to
 * +0.27 ulp (swish at beta = 1.702, 1.53 -> 1.80 of its bound 2; elu' at
 * alpha = 0.3, 1.36 -> 1.58), each inside its bound (README), and the
 * common vector lost 4 of the reduction's operations: 1.02-1.18x for
 * sigmoid, silu and the f' of elu and selu (Zen 5, n = 4096). */

/* k = round(a log2 e) and r1 = a - k LN2_HI, exact. */
static inline V af_exp_reduce_hi(V a, V *k)
{
    V magic = v_set(AF_K(EXP_MAGIC));
    *k = v_sub(v_fma(a, v_set(AF_K(LOG2E)), magic), magic);
    return v_fnma(*k, v_set(AF_K(LN2_HI)), a);
}

static inline V af_exp_reduce(V a, V *k, V *w)
{
    V r1 = af_exp_reduce_hi(a, k);
    V r = v_fnma(*k, v_set(AF_K(LN2_LO)), r1);
    V r_lo = v_fnma(*k, v_set(AF_K(LN2_LO)), v_sub(r1, r));
    V p = af_poly(r, AF_K(EXP_POLY), AF_K(EXP_DEGREE));
    *w = v_fma(v_mul(r, r), p, v_fma(r, r_lo, r_lo));
    return r;
}

/* e^r - 1 = r + r^2 P(r) rounded once, without r_lo, for an e^a rounded once. */
static inline V af_exp_reduced_minus_one(V a, V *k)
{
    V r1 = af_exp_reduce_hi(a, k);
    V r = v_fnma(*k, v_set(AF_K(LN2_LO)), r1);
    return v_fma(v_mul(r, r), af_poly(r, AF_K(EXP_POLY), AF_K(EXP_DEGREE)), r);
}

/* A zero term (a low part or a shift that is absent) as -0: x + (-0) = x
 * for every x, -0 included, so the compiler drops the sums it enters (x + 0
 * it must keep: -0 + 0 = +0). */
static inline V af_zero_addend(void) { return v_set(-(T)0); }

/* e^r - 1 of a reduced a, with r_lo carried (carry_lo, a constant) or left
 * out (see above). log_softmax's f' from y carries it: dy - e^y S cancels,
 * and without it test_ulp's doubles reached 2.03 ulp there (bound 2). */
static inline V af_exp_minus_one_of(V a, V *k, int carry_lo)
{
    if (!carry_lo)
        return af_exp_reduced_minus_one(a, k);
    V w, r = af_exp_reduce(a, k, &w);
    return v_add(r, w);
}

/* 2^j e^a for an integral j (EXP_TAIL_SHIFT, or 0 as af_zero_addend), a clamped by the
 * caller so that k + j stays in v_ldexp's domain, and kept off
 * (-TINY, TINY) but for 0 (af_zero_if_tiny, af_exp_clamp_nonpos):
 * subnormal operands are slow on some cores. */
static inline V af_exp_times_pow2(V a, V j, int carry_lo)
{
    V k, em = af_exp_minus_one_of(a, &k, carry_lo);
    return v_ldexp(v_add(v_set((T)1), em), v_add(k, j));
}

/* The same where k + j stays in the exponent range of normal numbers, as
 * for af_exp_tail's a <= 0: one product by 2^(k + j), the same bits. */
static inline V af_exp_times_pow2_normal(V a, V j, int carry_lo)
{
    V k, em = af_exp_minus_one_of(a, &k, carry_lo);
    return v_ldexp_normal(v_add(v_set((T)1), em), v_add(k, j));
}

/* |x| < TINY (constants.h): e^x rounds to 1, and every f(x) of the catalog
 * to its first-order term. */
static inline M af_is_tiny(V x) { return v_lt(v_abs(x), v_set(AF_K(TINY))); }

/* The lanes where |v| < bound; 0 is not one (a zero takes no slow path, and
 * is common, after a relu). The subnormal lanes are the vocabulary's
 * v_subnormal. */
static inline M af_below_lanes(V v, T bound)
{
    return v_lt(v_sel(v_eq(v, v_set((T)0)), v_set((T)1), v_abs(v)), v_set(bound));
}

/* The lanes where v is below EXP_TAIL_SCALE in magnitude (2^-92, 2^-512),
 * 0 excluded: the products of such a v (a probability y, say) are, or carry
 * low parts that are, subnormal; v 2^EXP_TAIL_SHIFT is normal and below 1. */
static inline M af_tiny_value_lanes(V v) { return af_below_lanes(v, AF_K(EXP_TAIL_SCALE)); }

/* v 2^EXP_TAIL_SHIFT in the lanes of m, 0 elsewhere: exact (an FMA: v may
 * be subnormal, which costs a multiply an assist on some cores that an FMA
 * does not). */
static inline V af_upscale_lanes(V v, M m)
{
    return af_mul_small(v_sel(m, v, v_set((T)0)), v_set((T)1 / AF_K(EXP_TAIL_SCALE)));
}

/* a, or 0 below TINY in magnitude: e^a rounds to 1 there as e^0 does, and a
 * kernel whose f(x) is its first-order term there keeps x out of its
 * arithmetic (subnormal operands are slow on some cores). */
static inline V af_zero_if_tiny(V a) { return v_sel(af_is_tiny(a), v_set((T)0), a); }

/* a <= 0 (or NaN) clamped to [lo, -TINY]: e^-TINY rounds to 1 exactly
 * as e^0 does (k = 0 and 1 + (r + w) = 1 - TINY rounds to 1), so one min
 * keeps subnormal operands out, and no upper clamp is needed. A NaN passes. */
static inline V af_exp_clamp_nonpos(V a, V lo) { return v_max(v_min(a, v_set(-AF_K(TINY))), lo); }

/* e^a for a in [EXP_TAIL, 0] (or NaN), a kept off (-TINY, 0) by the min of
 * af_exp_clamp_nonpos: e^a >= 2^-92 (2^-967) is normal, and so is every
 * power 2^k that scales it, so one product scales (af_exp_times_pow2_normal:
 * the same bits, and on AVX2 a third of the ldexp's instructions). */
static inline V af_exp_nonpos_normal(V a)
{
    return af_exp_times_pow2_normal(v_min(a, v_set(-AF_K(TINY))), af_zero_addend(), 0);
}

/* e^max(a, lo) for a <= 0 (or NaN) and lo >= EXP_TAIL: af_exp_clamp_nonpos's
 * clamp, the max taken first (the same values: lo <= -TINY). */
static inline V af_exp_nonpos_above(V a, V lo) { return af_exp_nonpos_normal(v_max(a, lo)); }

/* e^a - 1 = hi + *lo for a in [2 EXPM1_MIN, 0] (or NaN), |*lo| <= ulp(hi)/2,
 * to about twice the working precision: with p = 2^k (normal: k >= -52,
 * -110 in double, one product), (p - 1) + p r + p w where p - 1 = t + t_lo
 * exactly (t_lo = p - (t + 1)), t + p r = s + e exactly (Fast2Sum: t = 0 or
 * |t| >= |p r|, and p r is exact), and s + (e + t_lo + p w) normalized by
 * Fast2Sum (the tail is below |s|). a is kept off (-TINY, 0) by the caller
 * (tanh's -2|x| reaches 2 EXPM1_MIN). */
static inline V af_expm1_dw_clamped(V a, V *lo)
{
    V k, w, one = v_set((T)1);
    V r = af_exp_reduce(a, &k, &w);
    V p = v_ldexp_normal(one, k);
    V t = v_sub(p, one);
    V t_lo = v_sub(p, v_add(t, one));
    V pr = v_mul(p, r);
    V s = v_add(t, pr);
    V e = v_sub(pr, v_sub(s, t));
    V tail = v_fma(p, w, v_add(e, t_lo));
    V hi = v_add(s, tail);
    *lo = v_sub(tail, v_sub(hi, s));
    return hi;
}

/* The same for any a <= 0 (or NaN): below EXPM1_MIN e^a - 1 rounds to -1 as
 * at the bound; below TINY in magnitude it is a (a^2/2 < ulp(a)/2^8), kept
 * out of the arithmetic, which also keeps the sign of a zero. */
static inline V af_expm1_dw_nonpos(V a, V *lo)
{
    V zero = v_set((T)0);
    M tiny = v_gt(a, v_set(-AF_K(TINY)));
    V hi = af_expm1_dw_clamped(af_exp_clamp_nonpos(a, v_set(AF_K(EXPM1_MIN))), lo);
    *lo = v_sel(tiny, zero, *lo);
    return v_sel(tiny, a, hi);
}

/* ---- e^a for a <= 0, kept away from subnormals ------------------------------ */

/* e^(a + a_lo) = (e + lo) * scale, with |a_lo| << 1 the low part of a double
 * word argument. Down to EXP_TAIL scale = 1 and e = exp(a). Below it e^a heads
 * for the subnormals, where it would lose digits before a product such as
 * x e^x (still normal down to x = -91.6 in float) is formed, and where the
 * low parts of such products are subnormal already; there e = 2^S e^a
 * (S = EXP_TAIL_SHIFT), exact as the exponent of exp's own reduction is moved
 * by S, and scale = 2^-S. e^(a_lo) = 1 + a_lo is kept as the low part
 * lo = e a_lo, unrounded, for the double-word products of the callers; a
 * product c e^a formed as (c e) * scale is rounded once, at the end, even
 * when it is subnormal. Below EXP_TAIL_MIN e = 0 (constants.h says why). */
typedef struct {
    V e, lo, scale;
    M tail;
    M negligible; /* a < BESIDE_ONE_ARG: e^a is nothing beside 1 */
} af_exp_parts;

/* The parts of e^a for a clamped by the caller to [EXP_TAIL_MIN, -TINY]
 * (or 0, or NaN), with no low part: k + j lies in [-101, 0] ([-967, 0] in
 * double), where one product scales. */
static inline af_exp_parts af_exp_tail_clamped(V a)
{
    M tail = v_lt(a, v_set(AF_K(EXP_TAIL)));
    V j = v_sel(tail, v_set(AF_K(EXP_TAIL_SHIFT)), v_set((T)0));
    af_exp_parts p;
    p.e = af_exp_times_pow2_normal(a, j, 0);
    p.e = v_sel(v_le(a, v_set(AF_K(EXP_TAIL_MIN))), v_set((T)0), p.e);
    p.lo = af_zero_addend();
    p.scale = v_sel(tail, v_set(AF_K(EXP_TAIL_SCALE)), v_set((T)1));
    p.tail = tail;
    p.negligible = v_lt(a, v_set(AF_K(BESIDE_ONE_ARG)));
    return p;
}

/* The low part e a_lo of e^(a + a_lo) = e (1 + a_lo), for a finite a_lo
 * (every caller's is: the exact error of a product or a sum of finite,
 * clamped operands, or a low part already tested), or a NaN one from a NaN
 * x, whose result is NaN anyway. e is at most 1 (2^EXP_TAIL_SHIFT e^a < 1
 * in the tail), so the product is finite and needs no test. */
static inline af_exp_parts af_exp_with_lo(af_exp_parts p, V a_lo)
{
    p.lo = v_mul(p.e, a_lo);
    return p;
}

/* e^a for a <= 0 (or NaN), a exact: the e^-|x| of most callers. */
static inline af_exp_parts af_exp_tail_nonpos(V a)
{
    return af_exp_tail_clamped(af_exp_clamp_nonpos(a, v_set(AF_K(EXP_TAIL_MIN))));
}

/* ---- the common vector: no lane in the tail ----------------------------------
 * A vector of a <= 0 with no lane below BESIDE_ONE_ARG (every vector of
 * most arrays; tested per vector by af_exp_near_only) has af_exp_tail's
 * parts without its tail: none of its lanes is in the tail or negligible,
 * there is no low part, the scale is 1, and e is af_exp_nonpos_above's, the
 * same bits. A body written over af_exp_parts and handed these
 * (AF_WITH_EXP_NONPOS) loses the tail's selects and scaling at compile
 * time: 10-20% of silu's forward (Zen 5, n = 4096, every ISA). */
static inline int af_exp_near_only(V a) { return !m_any(v_lt(a, v_set(AF_K(BESIDE_ONE_ARG)))); }

/* The test of a body's near path (kernels/elementwise.h: AF_NEAR) for the
 * two common a: -|x| (sigmoid, silu', mish', logsigmoid; softplus and swish
 * at their z) and min(x, 0) (elu', selu'). */
static inline int af_nabs_leaves_near(V x, const VP *k)
{
    (void)k;
    return !af_exp_near_only(v_nabs(x));
}
static inline int af_negative_part_leaves_near(V x, const VP *k)
{
    (void)k;
    return !af_exp_near_only(v_min(x, v_set((T)0)));
}

/* Such a vector's e^a is af_exp_nonpos_normal's, without the lower clamp
 * at BESIDE_ONE_ARG, which no lane reaches (a NaN, which the test lets
 * through, passes either way): one instruction fewer per vector. */
static inline af_exp_parts af_exp_near_nonpos(V a)
{
    af_exp_parts p;
    p.e = af_exp_nonpos_normal(a);
    p.lo = af_zero_addend();
    p.scale = v_set((T)1);
    p.tail = m_first(0);
    p.negligible = m_first(0);
    return p;
}

/* body(..., e) for e the parts of e^a, a <= 0 (or NaN), a variable. The
 * tail's branch is not marked rare (AF_RARELY): laid out cold, a vector of
 * tail inputs ran 1.2-1.5x slower than through the unsplit body (Zen 5,
 * silu' and tanh' on x in [-105, -85]), at no gain for the common one. */
#define AF_WITH_EXP_NONPOS(a, body, ...)                                                        \
    (!af_exp_near_only(a) ? body(__VA_ARGS__, af_exp_tail_nonpos(a)) : body(__VA_ARGS__, af_exp_near_nonpos(a)))

/* v 2^-EXP_TAIL_SHIFT in the lanes of m, v elsewhere: integer operations,
 * rounded as the product by EXP_TAIL_SCALE would be (v_ldexp_down). */
static inline V af_unscale_lanes(V v, M m) { return v_sel(m, v_ldexp_down(v, (int)AF_K(EXP_TAIL_SHIFT)), v); }

/* v times a scale of e's (e.scale, or 1 in some lanes: EXP_TAIL_SCALE =
 * 2^-EXP_TAIL_SHIFT in the tail, 1 elsewhere), rounded once as that product
 * would be: by integer operations in the tail (v_ldexp_down), where the
 * result may be subnormal and the product would take a microcode assist on
 * Intel. A vector with no lane in e's tail costs a test, which near parts
 * (af_exp_near_nonpos) fold away. */
static inline V af_unscale_by(af_exp_parts e, V v, V scale)
{
    return AF_RARELY(m_any(e.tail)) ? af_unscale_lanes(v, v_lt(scale, v_set((T)1))) : v;
}

/* The value e^a itself, rounded (subnormal or 0 in the tail, where only
 * 1 + e^a = 1 needs it). */
static inline V af_exp_value(af_exp_parts p) { return af_unscale_by(p, v_add(p.e, p.lo), p.scale); }

/* e^a where it meets 1 (1 + e^a, g + e^a for g of order 1): 0 below
 * BESIDE_ONE_ARG (the tail included), where it is far below any rounding of
 * such a sum and would bring subnormals into the arithmetic (its square, its
 * products with quotients of its size). */
static inline V af_exp_value_beside_one(af_exp_parts p) { return v_sel(p.negligible, v_set((T)0), v_add(p.e, p.lo)); }

/* -x^2/2 = a + *a_lo, the argument of e^(-x^2/2): x^2 = q + q_lo exactly
 * (FMA), and e^(-(q + q_lo)/2) = e^(-q/2) (1 - q_lo/2) (af_exp_with_lo):
 * without the correction the rounding of x^2 costs x^2/4 ulp (40 ulp at
 * x = 13). */
static inline V af_gauss_arg(V x, V *a_lo)
{
    V half = v_set((T)0.5);
    V xc = af_clamp_x(x);
    V q = v_mul(xc, xc);
    *a_lo = v_neg(v_mul(half, v_fma(xc, xc, v_neg(q))));
    return v_neg(v_mul(half, q));
}

#if AF_IS_F64
/* e^a = 2^k (1 + em) for the float kernels that run in double
 * (kernels/wide.h), em = r + r^2 P(r) (EXP_OF_FLOAT_POLY) with r = a - k ln 2
 * by one FMA (ln 2 rounded to double, LN2_FULL_HI): for a in
 * [EXP_OF_FLOAT_MIN, EXP_OF_FLOAT_MAX], |k| <= 361 and the error of ln 2 in
 * double moves r by 2^-45.5 at most. A float result needs e^a to about
 * 2^-30, not 2^-53: em is within 2^-36.4 of e^r - 1 (relative), e^a within
 * 2^-37.6 of itself, so that a result formed from it in a few more double
 * roundings is within 0.5 + 2^-12 ulp of float. The error moves f by about
 * f' 2^-37 where k steps, below the step of f between neighbouring floats
 * (f' ulp(x), ulp(x) >= 2^-25 where k != 0): no decrease between neighbours
 * comes from it. a is clamped to EXP_OF_FLOAT_MAX, and e^a is 0 below
 * EXP_OF_FLOAT_MIN (a NaN passes): past there every float result built from
 * e^a rounds to 0, and an exact 0 makes dy f' NaN for an infinite dy, as in
 * the other far tails (SPEC 3). */
static inline V af_exp_of_float(V a)
{
    V lo = v_set(EXP_OF_FLOAT_MIN), ac = v_min(v_max(a, lo), v_set(EXP_OF_FLOAT_MAX));
    V magic = v_set(AF_K(EXP_MAGIC));
    V k = v_sub(v_fma(ac, v_set(AF_K(LOG2E)), magic), magic);
    V r = v_fnma(k, v_set(AF_K(LN2_FULL_HI)), ac);
    V em = v_fma(v_mul(r, r), af_horner_even_odd(r, EXP_OF_FLOAT_POLY, EXP_OF_FLOAT_DEGREE), r);
    return v_sel(v_lt(a, lo), v_set(0.0), v_ldexp_normal(v_add(v_set(1.0), em), k));
}

/* m sigmoid(z) = m (z > 0 ? 1 : e)/(1 + e), e = e^-|z|, for the same
 * kernels (softplus' f', logsigmoid's at -x): m times a number that is 0
 * only past z = -250, so an infinite m gives IEEE's +-inf, and NaN there as
 * in the other far tails. */
static inline V af_sigmoid_times_of_float(V m, V z)
{
    V e = af_exp_of_float(v_nabs(z));
    return v_div(v_mul(m, v_sel(v_gt(z, v_set(0.0)), v_set(1.0), e)), v_add(v_set(1.0), e));
}
#endif
