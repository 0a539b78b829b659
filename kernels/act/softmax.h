/* softmax over rows: y_j = e^(x_j - m) / sum_k e^(x_k - m), m the row maximum
 * (and softmin, the same of -x: softmin.h), over the machinery of rows.h.
 *
 * Accuracy: x - m is split exactly (TwoSum) and e^(d + d_lo) = e^d (1 + d_lo)
 * kept as a double word; with the compensated sum, y_j is exp's error plus one
 * rounding, for rows of any length. The sum's pass leaves e^d in y and the
 * quotient's pass recomputes only d_lo from x; in place (y = x) it cannot, and
 * computes e^d again, which gives the same bits.
 *
 * No subnormals: below d = EXP_TAIL (2^-92, 2^-966) e^d is nothing beside the
 * row maximum's 1 (n of them move the sum by n 2^-92 relative, far below its
 * double word) and leaves the sum; the first pass stores it as
 * af_exp_tail's 2^EXP_TAIL_SHIFT e^d, normal, and the quotient's pass
 * divides that and scales the quotient back by integer operations, rounded
 * once more into the subnormals where y is. Below EXP_MIN y rounds to 0,
 * stored as 0: masked entries (-inf, -1e4) cost no rescaling. The quotients
 * of the other entries stay normal: e^d >= 2^-92 over a sum below 2^34. */

/* The limit when the maximum is +inf: the +inf entries share the mass; a NaN
 * anywhere makes the row NaN. */
static void softmax_row_inf(const T *x, T *y, size_t n, int negate)
{
    const T top = negate ? (T)-INFINITY : (T)INFINITY;
    size_t nans, count = row_count_top(x, n, top, &nans);
    for (size_t j = 0; j < n; j++)
        y[j] = nans ? (T)NAN : x[j] == top ? (T)1 / (T)count : (T)0;
}

/* d + *d_lo = x_j - m exactly for lanes [j, j + LANES); -inf beyond n. */
static inline V softmax_shift(const T *x, size_t j, size_t n, V neg_m, int negate, V *d_lo)
{
    return af_two_sum(row_load_signed(x, j, n, (T)-INFINITY, negate), neg_m, d_lo);
}

/* e (1 + d_lo) = e + lo, the low part; none for -inf - m. Normal for every
 * nonzero e that softmax_exp stores (e >= 2^-58 times 2^-17, 2^-1009). */
static inline V softmax_exp_lo(V e, V d_lo) { return af_finite_or_zero(af_mul_small(e, d_lo)); }

/* e^d for d <= 0, as stored between the passes: scaled by 2^EXP_TAIL_SHIFT
 * below EXP_TAIL (softmax_scaled lanes), 0 below EXP_MIN. */
static inline V softmax_exp(V d) { return v_sel(v_lt(d, v_set(AF_K(EXP_MIN))), v_set((T)0), af_exp_tail_nonpos(d).e); }

/* The lanes that softmax_exp scaled. */
static inline M softmax_scaled(V d) { return v_lt(d, v_set(AF_K(EXP_TAIL))); }

/* sum_j e^(x_j - m) as hi + *lo, for a finite m (of -x with negate); each
 * e^(x_j - m) also stored in e_out[j] unless e_out is NULL. */
static T softmax_denominator(const T *x, size_t n, T m, int negate, T *e_out, T *lo)
{
    V neg_m = v_set(-m), d_lo;
    row_sum acc;
    row_sum_init(&acc);
    for (size_t i = 0; i < n; i += AF_ROW_WIDTH) {
        for (int g = 0; g < AF_ROW_GROUP; g++) {
            size_t j = i + (size_t)g * AF_LANES;
            V d = softmax_shift(x, j, n, neg_m, negate, &d_lo);
            V e = softmax_exp(d);
            M scaled = softmax_scaled(d);
            row_sum_add(&acc, g, v_sel(scaled, v_set((T)0), e));
            acc.c[g] = v_add(acc.c[g], v_sel(scaled, v_set((T)0), softmax_exp_lo(e, d_lo)));
            if (e_out)
                row_store(e_out, j, n, e);
        }
    }
    return row_sum_total(&acc, lo);
}

static void softmax_row(const T *x, T *y, size_t n, int negate)
{
    T m = row_max(x, n, negate);
    if (m == (T)INFINITY) {
        softmax_row_inf(x, y, n, negate);
        return;
    }
    const int in_place = x == y;
    T total_lo, total = softmax_denominator(x, n, m, negate, in_place ? NULL : y, &total_lo);
    V neg_m = v_set(-m), s = v_set(total), s_lo = v_set(total_lo), d_lo, zero = v_set((T)0);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V d = softmax_shift(x, i, n, neg_m, negate, &d_lo);
        V e = in_place ? softmax_exp(d) : row_load(y, i, n, zero);
        /* e in [0, 1], s >= 1: finite, and af_div_dw_parts' products are fused. */
        V q = af_div_dw_finite(e, softmax_exp_lo(e, d_lo), s, s_lo);
        /* the scaled lanes but those stored as 0 */
        M scaled = softmax_scaled(v_sel(v_eq(e, zero), zero, d));
        if (AF_RARELY(m_any(scaled)))
            q = af_unscale_lanes(q, scaled);
        row_store(y, i, n, q);
    }
}

/* dx_j = y_j (dy_j - sum_k dy_k y_k), negated for softmin (y = softmax(-x));
 * the dot product is compensated (exact products by FMA, TwoSum additions).
 *
 * No subnormals: the products of the y_j below EXP_TAIL_SCALE (2^-92,
 * 2^-512) would be subnormal or carry subnormal errors. They leave the dot
 * product, whose terms they move by less than 2^-92 of the largest |dy|
 * each, far below its rounding to the working precision (the error of dx is
 * counted in ulps of its largest term, README). A vector with such a lane is
 * rare, tested per vector (y = 0 is none); its dx is formed from
 * y 2^EXP_TAIL_SHIFT and rounded once into place (af_product_unscaled), the
 * one product that meets a subnormal y. */
static inline void softmax_dot_add(row_sum *acc, int g, V a, V b)
{
    V prod = v_mul(a, b);
    row_sum_add(acc, g, prod);
    acc->c[g] = v_add(acc->c[g], v_fma(a, b, v_neg(prod)));
}

static void softmax_backward_row(const T *y, const T *dy, T *dx, size_t n, int negate)
{
    V zero = v_set((T)0);
    row_sum acc;
    row_sum_init(&acc);
    for (size_t i = 0; i < n; i += AF_ROW_WIDTH) {
        for (int g = 0; g < AF_ROW_GROUP; g++) {
            size_t j = i + (size_t)g * AF_LANES;
            V a = row_load(dy, j, n, zero), b = row_load(y, j, n, zero);
            M small = af_tiny_value_lanes(b);
            if (AF_RARELY(m_any(small)))
                b = v_sel(small, zero, b);
            softmax_dot_add(&acc, g, a, b);
        }
    }
    T dot_lo, dot_hi = row_sum_total(&acc, &dot_lo);
    V dot = v_set(dot_hi + dot_lo);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V yv = row_load(y, i, n, zero), dyv = row_load(dy, i, n, zero);
        V diff = negate ? v_sub(dot, dyv) : v_sub(dyv, dot);
        M small = af_tiny_value_lanes(yv);
        V r;
        if (AF_RARELY(m_any(small)))
            r = v_sel(small, af_product_unscaled(af_upscale_lanes(yv, small), diff), v_mul(v_sel(small, zero, yv), diff));
        else
            r = v_mul(yv, diff);
        row_store(dx, i, n, r);
    }
}

static void softmax_forward_kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    (void)dy;
    for (size_t r = 0; r < n; r += p->cols)
        softmax_row(in + r, out + r, p->cols, 0);
}

static void softmax_backward_from_y_kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    for (size_t r = 0; r < n; r += p->cols)
        softmax_backward_row(in + r, dy + r, out + r, p->cols, 0);
}
