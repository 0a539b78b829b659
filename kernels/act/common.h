/* Helpers shared by the kernel bodies, written once over the generic
 * vocabulary (vec/generic.h). Included once per dtype section.
 *
 * Every op's body file defines
 *   <op>_forward(x, k)              f(x)
 *   <op>_grad_times(x, m, k)        m f'(x)   (grad: m = 1; backward: m = dy)
 *   <op>_grad_y_times(y, m, k)      m f'(x) from y = f(x), for ops with from_y
 * Folding m into the formula, rather than multiplying a rounded f'(x) by it,
 * keeps dy f'(x) accurate where f'(x) alone would be subnormal. */

/* An op's parameters, broadcast once per call. */
typedef struct {
    V p0, p1;
} VP;

static inline VP AF_FN(af_vparams_make)(const af_params *p)
{
    VP k = {v_set((T)p->p[0]), v_set((T)p->p[1])};
    return k;
}

/* r, except NaN where x is NaN: for results chosen by a comparison of x,
 * which a NaN fails silently. */
static inline V AF_FN(af_pass_nan)(V x, V r) { return v_sel(v_isnan(x), x, r); }

/* a b, the same bits as v_mul(a, b), for products that may be subnormal: an
 * FMA with -0 (which keeps the sign of a zero product). On Zen 5 a multiply
 * with a subnormal result takes a microcode assist, about 100 cycles per
 * vector; an FMA takes none (hardswish on subnormal x: 2.1x with the multiply,
 * 1.04x with the FMA). */
static inline V AF_FN(af_mul_small)(V a, V b) { return v_fma(a, b, v_set((T)-0.0)); }

/* A correction term that is NaN or infinite only because its inputs were
 * (inf - inf, or the residual of an overflowed product) is dropped: the main
 * term carries the result. */
static inline V AF_FN(af_finite_or_zero)(V c) { return v_sel(v_le(v_abs(c), v_set(AF_K(MAX_FINITE))), c, v_set((T)0)); }

/* x clamped to +-1e4: past it every e^-|x| and e^(-x^2/2) of the catalog is
 * 0 in both dtypes, and the clamp keeps products like x e^x from 0 * inf.
 * af_clamp_x_below clamps from below only, for an x used where it is < 0. */
static inline V AF_FN(af_clamp_x_below)(V x) { return v_max(x, v_set((T)-1e4)); }

static inline V AF_FN(af_clamp_x)(V x) { return v_min(AF_FN(af_clamp_x_below)(x), v_set((T)1e4)); }

/* ---- double-word arithmetic: a value as hi + lo ---------------------------- */

/* s + err = a + b exactly (Knuth's TwoSum, no ordering needed). */
static inline V AF_FN(af_two_sum)(V a, V b, V *err)
{
    V s = v_add(a, b);
    V bb = v_sub(s, a);
    *err = v_add(v_sub(a, v_sub(s, bb)), v_sub(b, bb));
    return s;
}

/* s + err = a + b exactly, for exponent(a) >= exponent(b) (or a + b
 * exact): Dekker's Fast2Sum. */
static inline V AF_FN(af_fast_two_sum)(V a, V b, V *err)
{
    V s = v_add(a, b);
    *err = v_sub(b, v_sub(s, a));
    return s;
}

/* 1 + e = hi + *lo exactly, for 0 <= e <= 1. */
static inline V AF_FN(af_one_plus)(V e, V *lo) { return AF_FN(af_fast_two_sum)(v_set((T)1), e, lo); }

/* a b = hi + *lo exactly (FMA), where a b neither overflows nor underflows. */
static inline V AF_FN(af_two_prod)(V a, V b, V *lo)
{
    V p = AF_FN(af_mul_small)(a, b);
    *lo = v_fma(a, b, v_neg(p));
    return p;
}

/* a * (b + b_lo) = hi + *lo to twice the working precision (a exact), where
 * the product does not overflow. */
static inline V AF_FN(af_mul_dw_finite)(V a, V b, V b_lo, V *lo)
{
    V err, p = AF_FN(af_two_prod)(a, b, &err);
    *lo = v_fma(a, b_lo, err);
    return p;
}

/* The same for any a and b: a low part that is not finite is dropped. */
static inline V AF_FN(af_mul_dw)(V a, V b, V b_lo, V *lo)
{
    V p = AF_FN(af_mul_dw_finite)(a, b, b_lo, lo);
    *lo = AF_FN(af_finite_or_zero)(*lo);
    return p;
}

/* (d + d_lo)^2 = hi + *lo to twice the working precision. */
static inline V AF_FN(af_square_dw)(V d, V d_lo, V *lo)
{
    V sq = AF_FN(af_mul_small)(d, d);
    *lo = v_fma(v_add(d, d), d_lo, v_fma(d, d, v_neg(sq)));
    return sq;
}

/* m (n + n_lo) / (d + d_lo), rounded once up to O(eps^2), for any d: q = n/d,
 * the exact remainder n - q d by FMA, one correction, and m applied by the
 * same FMA (none where the correction is 0, which keeps the sign of a zero q). */
static inline V AF_FN(af_div_dw_times_any)(V m, V n, V n_lo, V d, V d_lo)
{
    V q = v_div(n, d);
    V r = v_fnma(q, d, n);
    V c = AF_FN(af_finite_or_zero)(v_fnma(q, d_lo, v_add(r, n_lo)));
    return v_sel(v_eq(c, v_set((T)0)), v_mul(m, q), v_fma(m, q, v_mul(m, v_div(c, d))));
}

static inline V AF_FN(af_div_dw_any)(V n, V n_lo, V d, V d_lo)
{
    return AF_FN(af_div_dw_times_any)(v_set((T)1), n, n_lo, d, d_lo);
}

/* The same quotient with one division, for 1 <= d <= 2^64 (so that 1/d is a
 * normal number): r = 1/d and q = n r are within 2 eps of n/d, the remainder
 * *c = (n + n_lo) - q (d + d_lo) is then at most 2 eps |n| and its rounding by
 * the FMA costs eps^2 |n|, and the correction c r is about 2 eps |q| with
 * relative error 2 eps: every error is O(eps^2) relative to the result, as
 * with a rounded q. */
static inline V AF_FN(af_div_dw_parts)(V n, V n_lo, V d, V d_lo, V *r, V *c)
{
    *r = v_div(v_set((T)1), d);
    V q = AF_FN(af_mul_small)(n, *r);
    *c = v_fnma(q, d_lo, v_add(v_fnma(q, d, n), n_lo));
    return q;
}

/* m (q + c r) for any finite or infinite n, n_lo and d_lo: a correction that
 * is not finite is dropped, and none is applied where it is 0, which keeps
 * the sign of a zero q. */
static inline V AF_FN(af_div_dw_times)(V m, V n, V n_lo, V d, V d_lo)
{
    V r, c, q = AF_FN(af_div_dw_parts)(n, n_lo, d, d_lo, &r, &c);
    c = AF_FN(af_finite_or_zero)(c);
    return v_sel(v_eq(c, v_set((T)0)), v_mul(m, q), v_fma(m, q, v_mul(m, v_mul(c, r))));
}

static inline V AF_FN(af_div_dw)(V n, V n_lo, V d, V d_lo)
{
    return AF_FN(af_div_dw_times)(v_set((T)1), n, n_lo, d, d_lo);
}

/* m (q + c r) unguarded, for finite operands (or NaN, from a NaN x, which
 * the result keeps) where the sign of a zero result does not matter. */
static inline V AF_FN(af_div_finish_times)(V m, V q, V c, V r) { return v_fma(m, q, AF_FN(af_mul_small)(m, AF_FN(af_mul_small)(c, r))); }

/* q + c r in one rounding, likewise. */
static inline V AF_FN(af_div_finish)(V q, V c, V r) { return v_fma(c, r, q); }

/* The quotient of af_div_dw_parts, unguarded. An n_lo of af_zero_addend()
 * costs nothing. */
static inline V AF_FN(af_div_dw_times_finite)(V m, V n, V n_lo, V d, V d_lo)
{
    V r, c, q = AF_FN(af_div_dw_parts)(n, n_lo, d, d_lo, &r, &c);
    return AF_FN(af_div_finish_times)(m, q, c, r);
}

static inline V AF_FN(af_div_dw_finite)(V n, V n_lo, V d, V d_lo)
{
    V r, c, q = AF_FN(af_div_dw_parts)(n, n_lo, d, d_lo, &r, &c);
    return AF_FN(af_div_finish)(q, c, r);
}

/* The same quotient n/(1 + e) for 0 <= e <= 1 without splitting 1 + e: with
 * r = 1/(1 + e) rounded, q = n r lies in [n/2, n], so n - q is exact
 * (Sterbenz) and the FMA rounds c = (n - q) - q e = n - q (1 + e) once, the
 * very remainder af_div_dw_parts forms from the split 1 + e = d + d_lo (the
 * same bits, three instructions fewer). */
static inline V AF_FN(af_div_one_plus_parts)(V n, V e, V *r, V *c)
{
    *r = v_div(v_set((T)1), v_add(v_set((T)1), e));
    V q = AF_FN(af_mul_small)(n, *r);
    *c = v_fnma(q, e, v_sub(n, q));
    return q;
}

static inline V AF_FN(af_div_one_plus_times)(V m, V n, V e)
{
    V r, c, q = AF_FN(af_div_one_plus_parts)(n, e, &r, &c);
    return AF_FN(af_div_finish_times)(m, q, c, r);
}

static inline V AF_FN(af_div_one_plus)(V n, V e)
{
    V r, c, q = AF_FN(af_div_one_plus_parts)(n, e, &r, &c);
    return AF_FN(af_div_finish)(q, c, r);
}

/* The same quotient for an n that may be +-0 or +-inf, such as the x of
 * x sigmoid(x), with n_lo finite where n is (+0 where n is 0), at the cost of
 * two instructions rather than af_div_dw's five: the negated remainder
 * c = q (d + d_lo) - (n + n_lo) is exactly +0 where n is +-0, and q - c r
 * keeps the sign of q (q + c r would not: -0 + 0 = +0); a NaN c, from an
 * infinite n (inf - inf, or the NaN n_lo of an infinite product), is
 * dropped, and the result is q = n/d. */
static inline V AF_FN(af_div_signed_finish)(V q, V c, V r)
{
    return v_fnma(v_sel(v_isnan(c), v_set((T)0), c), r, q);
}

static inline V AF_FN(af_div_dw_signed)(V n, V n_lo, V d, V d_lo)
{
    V r = v_div(v_set((T)1), d);
    V q = AF_FN(af_mul_small)(n, r);
    return AF_FN(af_div_signed_finish)(q, v_fma(q, d_lo, v_sub(v_fma(q, d, v_neg(n)), n_lo)), r);
}

/* The same over 1 + e, 0 <= e <= 1, unsplit as in af_div_one_plus: the
 * negated remainder is (q - n) + q e - n_lo, q - n exact, and +0 where n is
 * +-0 (x - x = +0). */
static inline V AF_FN(af_div_one_plus_signed)(V n, V n_lo, V e)
{
    V r = v_div(v_set((T)1), v_add(v_set((T)1), e));
    V q = AF_FN(af_mul_small)(n, r);
    return AF_FN(af_div_signed_finish)(q, v_sub(v_fma(q, e, v_sub(q, n)), n_lo), r);
}

/* m (n + n_lo)/6, rounded once up to O(eps^2), as a product by 1/6 = SIXTH_HI
 * + SIXTH_LO: (n + n_lo)/6 = q + q_lo with q = n SIXTH_HI and its exact error
 * by FMA, the terms of SIXTH_LO and n_lo (eps^2 of q) in q_lo; no division. */
static inline V AF_FN(af_sixth_times)(V m, V n, V n_lo)
{
    V hi = v_set(AF_K(SIXTH_HI));
    V q = AF_FN(af_mul_small)(n, hi);
    V q_lo = v_add(v_fma(n, hi, v_neg(q)), v_fma(n, v_set(AF_K(SIXTH_LO)), AF_FN(af_mul_small)(n_lo, hi)));
    return v_fma(m, q, AF_FN(af_mul_small)(m, q_lo));
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
} AF_FN(af_exp_parts);

/* The parts of e^a for a clamped by the caller (to [EXP_TAIL_MIN, EXP_MAX], off
 * (-TINY, TINY) but for 0), with no low part. */
static inline AF_FN(af_exp_parts) AF_FN(af_exp_tail_clamped)(V a)
{
    M tail = v_lt(a, v_set(AF_K(EXP_TAIL)));
    AF_FN(af_exp_parts) p;
    p.e = AF_FN(af_exp_times_pow2)(a, v_sel(tail, v_set(AF_K(EXP_TAIL_SHIFT)), v_set((T)0)));
    p.e = v_sel(v_le(a, v_set(AF_K(EXP_TAIL_MIN))), v_set((T)0), p.e);
    p.lo = AF_FN(af_zero_addend)();
    p.scale = v_sel(tail, v_set(AF_K(EXP_TAIL_SCALE)), v_set((T)1));
    p.tail = tail;
    return p;
}

/* The low part e a_lo of e^(a + a_lo) = e (1 + a_lo). */
static inline AF_FN(af_exp_parts) AF_FN(af_exp_with_lo)(AF_FN(af_exp_parts) p, V a_lo)
{
    p.lo = AF_FN(af_finite_or_zero)(v_mul(p.e, a_lo));
    return p;
}

/* e^a for a <= 0 (or NaN), a exact: the e^-|x| of most callers. */
static inline AF_FN(af_exp_parts) AF_FN(af_exp_tail_nonpos)(V a)
{
    return AF_FN(af_exp_tail_clamped)(AF_FN(af_exp_clamp_nonpos)(a, v_set(AF_K(EXP_TAIL_MIN))));
}

/* e^(a + a_lo) for a <= 0 (or NaN). */
static inline AF_FN(af_exp_parts) AF_FN(af_exp_tail_nonpos_dw)(V a, V a_lo)
{
    return AF_FN(af_exp_with_lo)(AF_FN(af_exp_tail_nonpos)(a), a_lo);
}

/* e^(a + a_lo) for any a. */
static inline AF_FN(af_exp_parts) AF_FN(af_exp_tail)(V a, V a_lo)
{
    V ac = v_min(v_max(a, v_set(AF_K(EXP_TAIL_MIN))), v_set(AF_K(EXP_MAX)));
    return AF_FN(af_exp_with_lo)(AF_FN(af_exp_tail_clamped)(AF_FN(af_zero_if_tiny)(ac)), a_lo);
}

/* The value e^a itself, rounded (subnormal or 0 in the tail, where only
 * 1 + e^a = 1 needs it). */
static inline V AF_FN(af_exp_value)(AF_FN(af_exp_parts) p) { return AF_FN(af_mul_small)(v_add(p.e, p.lo), p.scale); }

/* e^(-x^2/2) as af_exp_tail parts. x^2 = q + q_lo exactly (FMA), and
 * e^(-(q + q_lo)/2) = e^(-q/2) (1 - q_lo/2): without the correction the
 * rounding of x^2 costs x^2/4 ulp (40 ulp at x = 13). */
static inline AF_FN(af_exp_parts) AF_FN(af_gauss)(V x)
{
    V half = v_set((T)0.5);
    V xc = AF_FN(af_clamp_x)(x);
    V q = v_mul(xc, xc);
    V q_lo = v_fma(xc, xc, v_neg(q));
    return AF_FN(af_exp_tail_nonpos_dw)(v_neg(v_mul(half, q)), v_neg(v_mul(half, q_lo)));
}

/* ---- log(1 + e) for e in [0, 1] ------------------------------------------- */

/* log(1 + e + e_lo) rounded once up to O(eps^2), for e = 0 or e/2 normal, in
 * [0, 1] (the e^-|z| of softplus and logsigmoid), and a low part |e_lo| <=
 * 2^-10 e (af_zero_addend() for none). 1 + e = d + d_lo exactly, e_lo joins
 * d_lo (its first-order effect e_lo/(1 + e) is then carried by q_lo); above
 * sqrt 2 it is halved (k = 1), so that f + f_lo = (d + d_lo) 2^-k - 1, with
 * f exact by Sterbenz, lies in [sqrt(1/2) - 1, sqrt 2 - 1]. Then
 *   log(1 + e) = k ln 2 + 2 atanh(s) = k ln 2 + 2s + s^3 R(s^2),
 *   s = (f + f_lo)/(2 + f + f_lo),  |s| <= 0.1716,
 * s = q + q_lo as in af_div_dw_parts (one division), k ln 2 + 2q by Fast2Sum,
 * and every other term (ln 2's low part, 2 q_lo, s^3 R with R's error
 * 2^-31.6 (2^-60.7)) a hundredth of the result at most: the error is the
 * final rounding plus ~2^-6 ulp. Below TINY log(1 + e + e_lo) rounds to
 * e + e_lo, and e is kept out of the arithmetic, where e^2 would be
 * subnormal. */
static inline V AF_FN(af_log1p_unit)(V e, V e_lo)
{
    V one = v_set((T)1), two = v_set((T)2);
    M tiny = AF_FN(af_is_tiny)(e);
    V d_lo, d = AF_FN(af_one_plus)(v_sel(tiny, v_set((T)0), e), &d_lo);
    d_lo = v_add(d_lo, v_sel(tiny, AF_FN(af_zero_addend)(), e_lo));
    M halve = v_gt(d, v_set(AF_K(SQRT2)));
    V h = v_sel(halve, v_set((T)0.5), one);
    V f = v_fma(d, h, v_neg(one)); /* d h exact: the FMA rounds as d h - 1 would */
    V f_lo = v_mul(d_lo, h);
    V t = v_add(two, f);
    V t_lo = v_add(v_sub(f, v_sub(t, two)), f_lo);
    V rcp, rem, q = AF_FN(af_div_dw_parts)(f, f_lo, t, t_lo, &rcp, &rem);
    V q_lo = v_mul(rem, rcp);
    V q2 = v_mul(q, q);
    const T *c = AF_K(LOG1P_POLY);
    V r = v_set(c[0]);
    for (int i = 1; i <= AF_K(LOG1P_DEGREE); i++)
        r = v_fma(r, q2, v_set(c[i]));
    V k_hi = v_sel(halve, v_set(AF_K(LN2_FULL_HI)), v_set((T)0));
    V k_lo = v_sel(halve, v_set(AF_K(LN2_FULL_LO)), v_set((T)0));
    V two_q = v_add(q, q);
    V hi = v_add(k_hi, two_q);
    V rest = v_add(v_add(v_sub(k_hi, hi), two_q), v_fma(v_mul(q2, q), r, v_fma(two, q_lo, k_lo)));
    return v_sel(tiny, v_add(e, e_lo), v_add(hi, rest));
}
