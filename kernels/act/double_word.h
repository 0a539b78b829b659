/* Double-word arithmetic (a value as hi + lo, to about twice the working
 * precision) and the quotients the bodies need, each rounded once up to
 * O(eps^2). A body picks the cheapest form its operands allow; the forms give
 * different bits, so each stays where a body uses it. */

/* a b, the same bits as v_mul(a, b), for products that may be subnormal: an
 * FMA with -0 (which keeps the sign of a zero product). On Zen 5 a multiply
 * with a subnormal result takes a microcode assist, about 100 cycles per
 * vector; an FMA takes none (hardswish on subnormal x: 2.1x with the multiply,
 * 1.04x with the FMA). */
static inline V af_mul_small(V a, V b) { return v_fma(a, b, v_set((T)-0.0)); }

/* A correction term that is NaN or infinite only because its inputs were
 * (inf - inf, or the residual of an overflowed product) is dropped: the main
 * term carries the result. */
static inline V af_finite_or_zero(V c) { return v_sel(v_le(v_abs(c), v_set(AF_K(MAX_FINITE))), c, v_set((T)0)); }

/* s + err = a + b exactly (Knuth's TwoSum, no ordering needed). */
static inline V af_two_sum(V a, V b, V *err)
{
    V s = v_add(a, b);
    V bb = v_sub(s, a);
    *err = v_add(v_sub(a, v_sub(s, bb)), v_sub(b, bb));
    return s;
}

/* s + err = a + b exactly, for exponent(a) >= exponent(b) (or a + b
 * exact): Dekker's Fast2Sum. */
static inline V af_fast_two_sum(V a, V b, V *err)
{
    V s = v_add(a, b);
    *err = v_sub(b, v_sub(s, a));
    return s;
}

/* 1 + e = hi + *lo exactly, for 0 <= e <= 1. */
static inline V af_one_plus(V e, V *lo) { return af_fast_two_sum(v_set((T)1), e, lo); }

/* a b = hi + *lo exactly (FMA), where a b neither overflows nor underflows. */
static inline V af_two_prod(V a, V b, V *lo)
{
    V p = af_mul_small(a, b);
    *lo = v_fma(a, b, v_neg(p));
    return p;
}

/* hi + lo rounded once; where lo is 0, hi itself, which keeps the sign of
 * a zero hi (-0 + 0 would be +0). */
static inline V af_round_dw(V hi, V lo) { return v_sel(v_eq(lo, v_set((T)0)), hi, v_add(hi, lo)); }

/* a * (b + b_lo) = hi + *lo to twice the working precision (a exact), where
 * the product does not overflow. */
static inline V af_mul_dw_finite(V a, V b, V b_lo, V *lo)
{
    V err, p = af_two_prod(a, b, &err);
    *lo = v_fma(a, b_lo, err);
    return p;
}

/* The same for any a and b: a low part that is not finite is dropped. */
static inline V af_mul_dw(V a, V b, V b_lo, V *lo)
{
    V p = af_mul_dw_finite(a, b, b_lo, lo);
    *lo = af_finite_or_zero(*lo);
    return p;
}

/* a as it enters the low-order addend a b_lo of a product a (b + b_lo),
 * |b_lo| <= 1 (or NaN): +-MAX_FINITE for an infinite a, so that the addend
 * stays finite and a b alone makes the infinite result, as it does where a
 * per-vector test drops an addend that is not finite. For a parameter a
 * the clamp is loop-invariant: the test's three instructions per vector
 * go. */
static inline V af_finite_factor(V a) { return v_min(v_max(a, v_set(-AF_K(MAX_FINITE))), v_set(AF_K(MAX_FINITE))); }

/* a (b + b_lo) rounded once (the rounding of a b_lo is O(eps^2)), without
 * the exact product: its error term underflows (and then rounds twice) where
 * a b is near the subnormals. Where b_lo is 0 the addend is -0, a plain
 * product that keeps the sign of a zero b. One FMA meets b, subnormal or
 * not. */
static inline V af_mul_dw_round(V a, V b, V b_lo)
{
    V lo = v_sel(v_eq(b_lo, v_set((T)0)), v_set((T)-0.0), v_mul(af_finite_factor(a), b_lo));
    return v_fma(a, b, lo);
}

/* (d + d_lo)^2 = hi + *lo to twice the working precision. */
static inline V af_square_dw(V d, V d_lo, V *lo)
{
    V sq = af_mul_small(d, d);
    *lo = v_fma(v_add(d, d), d_lo, v_fma(d, d, v_neg(sq)));
    return sq;
}

/* m (n + n_lo) / (d + d_lo), rounded once up to O(eps^2), for any d: q = n/d,
 * the exact remainder n - q d by FMA, one correction, and m applied by the
 * same FMA (none where the correction is 0, which keeps the sign of a zero q). */
static inline V af_div_dw_times_any(V m, V n, V n_lo, V d, V d_lo)
{
    V q = v_div(n, d);
    V r = v_fnma(q, d, n);
    V c = af_finite_or_zero(v_fnma(q, d_lo, v_add(r, n_lo)));
    return v_sel(v_eq(c, v_set((T)0)), v_mul(m, q), v_fma(m, q, v_mul(m, v_div(c, d))));
}

static inline V af_div_dw_any(V n, V n_lo, V d, V d_lo)
{
    return af_div_dw_times_any(v_set((T)1), n, n_lo, d, d_lo);
}

/* The same quotient with one division, for 1 <= d <= 2^64 (so that 1/d is a
 * normal number): r = 1/d and q = n r are within 2 eps of n/d, the remainder
 * *c = (n + n_lo) - q (d + d_lo) is then at most 2 eps |n| and its rounding by
 * the FMA costs eps^2 |n|, and the correction c r is about 2 eps |q| with
 * relative error 2 eps: every error is O(eps^2) relative to the result, as
 * with a rounded q. */
static inline V af_div_dw_parts(V n, V n_lo, V d, V d_lo, V *r, V *c)
{
    *r = v_div(v_set((T)1), d);
    V q = af_mul_small(n, *r);
    *c = v_fnma(q, d_lo, v_add(v_fnma(q, d, n), n_lo));
    return q;
}

/* m (q + c r) for any finite or infinite n, n_lo and d_lo: a correction that
 * is not finite is dropped, and none is applied where it is 0, which keeps
 * the sign of a zero q. */
static inline V af_div_dw_times(V m, V n, V n_lo, V d, V d_lo)
{
    V r, c, q = af_div_dw_parts(n, n_lo, d, d_lo, &r, &c);
    c = af_finite_or_zero(c);
    return v_sel(v_eq(c, v_set((T)0)), v_mul(m, q), v_fma(m, q, v_mul(m, v_mul(c, r))));
}

/* m (q + c r) unguarded, for finite operands (or NaN, from a NaN x, which
 * the result keeps) where the sign of a zero result does not matter. */
static inline V af_div_finish_times(V m, V q, V c, V r) { return v_fma(m, q, af_mul_small(m, af_mul_small(c, r))); }

/* q + c r in one rounding, likewise. */
static inline V af_div_finish(V q, V c, V r) { return v_fma(c, r, q); }

/* The quotient of af_div_dw_parts, unguarded. An n_lo of af_zero_addend()
 * costs nothing. */
static inline V af_div_dw_times_finite(V m, V n, V n_lo, V d, V d_lo)
{
    V r, c, q = af_div_dw_parts(n, n_lo, d, d_lo, &r, &c);
    return af_div_finish_times(m, q, c, r);
}

static inline V af_div_dw_finite(V n, V n_lo, V d, V d_lo)
{
    V r, c, q = af_div_dw_parts(n, n_lo, d, d_lo, &r, &c);
    return af_div_finish(q, c, r);
}

/* The same quotient n/(1 + e) for 0 <= e <= 1 without splitting 1 + e: with
 * r = 1/(1 + e) rounded, q = n r lies in [n/2, n], so n - q is exact
 * (Sterbenz) and the FMA rounds c = (n - q) - q e = n - q (1 + e) once, the
 * very remainder af_div_dw_parts forms from the split 1 + e = d + d_lo (the
 * same bits, three instructions fewer). */
static inline V af_div_one_plus_parts(V n, V e, V *r, V *c)
{
    *r = v_div(v_set((T)1), v_add(v_set((T)1), e));
    V q = af_mul_small(n, *r);
    *c = v_fnma(q, e, v_sub(n, q));
    return q;
}

static inline V af_div_one_plus_times(V m, V n, V e)
{
    V r, c, q = af_div_one_plus_parts(n, e, &r, &c);
    return af_div_finish_times(m, q, c, r);
}

static inline V af_div_one_plus(V n, V e)
{
    V r, c, q = af_div_one_plus_parts(n, e, &r, &c);
    return af_div_finish(q, c, r);
}

/* The same quotient for an n that may be +-0 or +-inf, such as the x of
 * x sigmoid(x), with n_lo finite where n is (+0 where n is 0), at the cost of
 * two instructions rather than af_div_dw_times' five: the negated remainder
 * c = q (d + d_lo) - (n + n_lo) is exactly +0 where n is +-0, and q - c r
 * keeps the sign of q (q + c r would not: -0 + 0 = +0); a NaN c, from an
 * infinite n (inf - inf, or the NaN n_lo of an infinite product), is
 * dropped, and the result is q = n/d. */
static inline V af_div_signed_finish(V q, V c, V r)
{
    return v_fnma(v_sel(v_isnan(c), v_set((T)0), c), r, q);
}

static inline V af_div_dw_signed(V n, V n_lo, V d, V d_lo)
{
    V r = v_div(v_set((T)1), d);
    V q = af_mul_small(n, r);
    return af_div_signed_finish(q, v_fma(q, d_lo, v_sub(v_fma(q, d, v_neg(n)), n_lo)), r);
}

/* The same over 1 + e, 0 <= e <= 1, unsplit as in af_div_one_plus: the
 * negated remainder is (q - n) + q e - n_lo, q - n exact, and +0 where n is
 * +-0 (x - x = +0). */
static inline V af_div_one_plus_signed(V n, V n_lo, V e)
{
    V r = v_div(v_set((T)1), v_add(v_set((T)1), e));
    V q = af_mul_small(n, r);
    return af_div_signed_finish(q, v_sub(v_fma(q, e, v_sub(q, n)), n_lo), r);
}

/* s = a + 3 and its error *e = (3 - s) + a, exact without TwoSum's
 * ordering steps for any a in (-6, 6): where |a| < 2, 3 has the larger
 * exponent (Fast2Sum); where a <= -2, s is exact (Sterbenz) and 3 - s = -a;
 * where a >= 2, 3 - s is a multiple of s's ulp below s in magnitude, and
 * the error a multiple of a's ulp below half of s's: both representable. */
static inline V af_sum_three(V a, V *e)
{
    V three = v_set((T)3);
    V s = v_add(a, three);
    *e = v_add(v_sub(three, s), a);
    return s;
}

/* (n + n_lo)/6 rounded once up to O(eps^2): the FMA takes n SIXTH_HI
 * exactly, and the terms of SIXTH_LO and n_lo (eps^2 of the result) into
 * its one rounding. */
static inline V af_sixth(V n, V n_lo)
{
    V hi = v_set(AF_K(SIXTH_HI));
    return v_fma(n, hi, v_fma(n, v_set(AF_K(SIXTH_LO)), af_mul_small(n_lo, hi)));
}

/* m (n + n_lo)/6, rounded once up to O(eps^2), as a product by 1/6 = SIXTH_HI
 * + SIXTH_LO: (n + n_lo)/6 = q + q_lo with q = n SIXTH_HI and its exact error
 * by FMA, the terms of SIXTH_LO and n_lo (eps^2 of q) in q_lo; no division. */
static inline V af_sixth_times(V m, V n, V n_lo)
{
    V hi = v_set(AF_K(SIXTH_HI));
    V q = af_mul_small(n, hi);
    V q_lo = v_add(v_fma(n, hi, v_neg(q)), v_fma(n, v_set(AF_K(SIXTH_LO)), af_mul_small(n_lo, hi)));
    return v_fma(m, q, af_mul_small(m, q_lo));
}
