/* softmax over rows: y_j = e^(x_j - m) / sum_k e^(x_k - m), m the row maximum
 * (and softmin, the same of -x: softmin.h), over the machinery of rows.h.
 *
 * Accuracy: x - m is split exactly (TwoSum) and e^(d + d_lo) = e^d (1 + d_lo)
 * kept as a double word; with the compensated sum, y_j is exp's error plus one
 * rounding, for rows of any length. The sum's pass leaves e^d in y, and in
 * a near row of at most ROW_KEPT_MAX entries (most rows) e^d's low part
 * on the stack, which is all the quotient's pass reads. Other rows keep e^d
 * only, and the quotient's pass recomputes d_lo from x; in place (y = x)
 * they cannot keep e^d either, and compute it again. All three give the
 * same bits.
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

/* d + *d_lo = z_j - m for lanes [j, j + LANES), -inf beyond n: exactly for
 * the plain rows (m_lo 0); for a transform row (rows.h) d + *d_lo is the
 * four terms (z_hi - m_hi) + (z_lo - m_lo) with the low ones' sum rounded
 * (2^-48 |z - m|), d <= 0 and 0 at the maximum. */
static inline V softmax_shift(const row_src *src, size_t j, size_t n, V neg_m, V m_lo, V *d_lo)
{
    if (!src->transform)
        return af_two_sum(row_load_signed(src->x, j, n, (T)-INFINITY, src->negate), neg_m, d_lo);
    V z_lo, z = row_z(src, j, n, &z_lo), err;
    V d = af_two_sum(z, neg_m, &err);
    return af_two_sum(d, af_finite_or_zero(v_add(err, v_sub(z_lo, m_lo))), d_lo);
}

/* The d_lo that e^(d + d_lo) = e^d (1 + d_lo) takes: a word row's z_lo
 * terms can leave d_lo far below d's ulp, where e^d d_lo would be
 * subnormal, and it is dropped there (constants.h's D_LO_MIN and D_NO_LO);
 * the plain rows' d_lo, TwoSum's error of x - m, is kept. */
static inline V softmax_lo_for_exp(const row_src *src, V d, V d_lo)
{
    if (!src->transform)
        return d_lo;
    const V zero = v_set((T)0);
    d_lo = v_sel(v_lt(v_abs(d_lo), v_set(AF_K(D_LO_MIN))), zero, d_lo);
    return v_sel(v_lt(d, v_set(AF_K(D_NO_LO))), zero, d_lo);
}

/* e (1 + d_lo) = e + lo, the low part, in a near row (row_max_near), whose
 * every entry is finite (or NaN, which makes the row NaN either way): so is
 * d_lo, the exact error of x - m, and so is the product. Only the lanes past
 * the row's end, -inf - m, make it NaN; a pass that sums drops them
 * (softmax_drop_past_end), one that stores never writes them. Normal for
 * every nonzero e that softmax_exp stores (e >= 2^-58 times 2^-17,
 * 2^-1009). */
static inline V softmax_exp_lo_near(V e, V d_lo) { return af_mul_small(e, d_lo); }

/* The same in any row: none for -inf - m. */
static inline V softmax_exp_lo(V e, V d_lo) { return af_finite_or_zero(softmax_exp_lo_near(e, d_lo)); }

/* e and its low part in the lanes of [j, n), 0 past the row's end, out of
 * a near row's sum. */
static inline void softmax_drop_past_end(V *e, V *e_lo, size_t j, size_t n)
{
    M in = m_first(j < n ? n - j : 0);
    *e = v_sel(in, *e, v_set((T)0));
    *e_lo = v_sel(in, *e_lo, v_set((T)0));
}

/* e^d for d <= 0, as stored between the passes: scaled by 2^EXP_TAIL_SHIFT
 * below EXP_TAIL (softmax_scaled lanes), 0 below EXP_MIN. */
static inline V softmax_exp(V d) { return v_sel(v_lt(d, v_set(AF_K(EXP_MIN))), v_set((T)0), af_exp_tail_nonpos(d).e); }

/* The lanes that softmax_exp scaled. */
static inline M softmax_scaled(V d) { return v_lt(d, v_set(AF_K(EXP_TAIL))); }

/* The lanes [i, i + AF_ROW_WIDTH) of softmax_denominator's sum, into acc;
 * row_end (a constant) says that the row ends among them. */
AF_SPECIALIZED void softmax_denominator_group(const row_src *src, row_sum *acc, size_t i, size_t n, V neg_m, V m_low,
                                              T *e_out, T *lo_out, int near, int row_end)
{
    for (int g = 0; g < AF_ROW_GROUP; g++) {
        size_t j = i + (size_t)g * AF_LANES;
        V d_lo, d = softmax_shift(src, j, n, neg_m, m_low, &d_lo), e, e_lo;
        if (near) {
            e = af_exp_nonpos_above(d, v_set(AF_K(BESIDE_ONE_ARG)));
            e_lo = softmax_exp_lo_near(e, d_lo);
            if (row_end) /* the clamp gave -inf - m an e^BESIDE_ONE_ARG */
                softmax_drop_past_end(&e, &e_lo, j, n);
            row_sum_add(acc, g, e);
            acc->c[g] = v_add(acc->c[g], e_lo);
        } else {
            e = softmax_exp(d);
            M scaled = softmax_scaled(d);
            row_sum_add(acc, g, v_sel(scaled, v_set((T)0), e));
            e_lo = softmax_exp_lo(e, softmax_lo_for_exp(src, d, d_lo));
            acc->c[g] = v_add(acc->c[g], v_sel(scaled, v_set((T)0), e_lo));
        }
        if (e_out)
            row_store(e_out, j, n, e);
        if (lo_out)
            row_store(lo_out, j, n, e_lo);
        if (src->transform) {
            row_store(src->hi_out, j, n, d);
            row_store(src->lo_out, j, n, e_lo);
        }
    }
}

/* sum_j e^(z_j - m) as hi + *lo, for a finite m = m_hi + m_lo; each
 * e^(z_j - m) also stored in e_out[j] and its low part in lo_out[j] unless
 * they are NULL, and for a word row z_j - m and the low part of e^(z_j - m)
 * in place of z_j's words. A near row (row_max_near, a constant here) has
 * no lane in the tail: e is af_exp_nonpos_above's, softmax_exp's bits, and
 * nothing is scaled; the lanes past its end are dropped from the sum in its
 * last group only. */
AF_SPECIALIZED T softmax_denominator(const row_src *src, size_t n, T m, T m_lo, T *e_out, T *lo_out, T *lo, int near)
{
    V neg_m = v_set(-m), m_low = v_set(m_lo);
    row_sum acc;
    row_sum_init(&acc);
    const size_t whole = n / AF_ROW_WIDTH * AF_ROW_WIDTH;
    size_t i = 0;
    for (; i < whole; i += AF_ROW_WIDTH)
        softmax_denominator_group(src, &acc, i, n, neg_m, m_low, e_out, lo_out, near, 0);
    if (i < n)
        softmax_denominator_group(src, &acc, i, n, neg_m, m_low, e_out, lo_out, near, 1);
    return row_sum_total(&acc, lo);
}

/* The row's y for a finite maximum m = m_hi + m_lo of its z; near as
 * softmax_denominator's. kept_lo: room for a near plain row's n low parts
 * of e^d, or NULL. */
AF_SPECIALIZED void softmax_row_finite(const row_src *src, T *y, size_t n, T m, T m_lo, int near, T *kept_lo)
{
    const int e_again = src->x == y && !kept_lo; /* in place, e^d is not kept */
    T total_lo, total = softmax_denominator(src, n, m, m_lo, e_again ? NULL : y, kept_lo, &total_lo, near);
    V neg_m = v_set(-m), m_low = v_set(m_lo), s = v_set(total), s_lo = v_set(total_lo), d_lo, zero = v_set((T)0);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V d, e_lo, e;
        if (src->transform) { /* as the denominator's pass left them */
            d = row_load(src->x, i, n, zero);
            e_lo = row_load(src->lo, i, n, zero);
            e = row_load(y, i, n, zero);
        } else if (kept_lo) {
            e = row_load(y, i, n, zero);
            e_lo = row_load(kept_lo, i, n, zero);
            d = zero; /* read by far rows only, which keep no low parts */
        } else {
            d = softmax_shift(src, i, n, neg_m, m_low, &d_lo);
            e = !e_again  ? row_load(y, i, n, zero)
                : near    ? af_exp_nonpos_above(d, v_set(AF_K(BESIDE_ONE_ARG)))
                          : softmax_exp(d);
            e_lo = near ? softmax_exp_lo_near(e, d_lo) : softmax_exp_lo(e, d_lo);
        }
        /* e in [0, 1], s >= 1: finite, and af_div_dw_parts' products are fused. */
        V q = af_div_dw_finite(e, e_lo, s, s_lo);
        /* the scaled lanes but those stored as 0 */
        if (!near) {
            M scaled = softmax_scaled(v_sel(v_eq(e, zero), zero, d));
            if (AF_RARELY(m_any(scaled)))
                q = af_unscale_lanes(q, scaled);
        }
        row_store(y, i, n, q);
    }
}

static void softmax_row(const T *x, T *y, size_t n, int negate)
{
    int near;
    T m = row_max_near(x, n, negate, &near);
    if (m == (T)INFINITY) {
        softmax_row_inf(x, y, n, negate);
        return;
    }
    const row_src src = row_src_plain(x, negate);
    if (near) {
        _Alignas(64) T kept_lo[ROW_KEPT_MAX];
        softmax_row_finite(&src, y, n, m, 0, 1, n <= ROW_KEPT_MAX ? kept_lo : NULL);
    } else {
        softmax_row_finite(&src, y, n, m, 0, 0, NULL);
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
 * rare, tested per vector (y = 0 is none); its dx is y (dy_j - dot)
 * rounded once by v_mul_tiny, whose result is made with integer operations
 * and whose one product with y is the one that meets a subnormal y. */
static inline void softmax_dot_add(row_sum *acc, int g, V a, V b)
{
    V prod = v_mul(a, b);
    row_sum_add(acc, g, prod);
    acc->c[g] = v_add(acc->c[g], v_fma(a, b, v_neg(prod)));
}

/* s (dy_j - dot) as a double word, s = +-1 (the plain rows, softmin's
 * negated) or an _ex row's scale: sdy and sdy_lo the lane's s dy, sdot and
 * sdot_lo the row's s dot. The two are formed by the same operations, so
 * that dy_j = dot (a row with one y_j = 1) gives exactly 0, as it must. */
static inline V softmax_diff(V sdy, V sdy_lo, V sdot, V sdot_lo, V *lo)
{
    V err, d = af_two_sum(sdy, v_neg(sdot), &err);
    *lo = af_finite_or_zero(v_add(err, v_sub(sdy_lo, sdot_lo)));
    return d;
}

/* dx_j = s y_j (dy_j - dot), s = -1 for softmin (negate), times the _ex
 * rows' scale sc (NULL for none), given s dot = sdot + sdot_lo: the second
 * pass of softmax_backward_row. dy_j - dot is kept as a double word and
 * the product rounded once: its two roundings before the product were up
 * to 2.2 ulps of dx (a difference just above a power of 2, a product just
 * below one). A row with no y_j below EXP_TAIL_SCALE but 0 (tiny 0, a
 * constant here: the dot product's pass saw none) skips the test per
 * vector. */
AF_SPECIALIZED void softmax_backward_apply(const T *y, const T *dy, T *dx, size_t n, int negate, const row_scale *sc,
                                           const row_scale *s, V sdot, V sdot_lo, int tiny)
{
    V zero = v_set((T)0);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V yv = row_load(y, i, n, zero), dyv = row_load(dy, i, n, zero), sdy_lo = zero;
        V sdy = sc ? row_scaled_word(s, dyv, &sdy_lo) : negate ? v_neg(dyv) : dyv;
        V diff_lo, diff = softmax_diff(sdy, sdy_lo, sdot, sdot_lo, &diff_lo);
        M small = tiny ? af_tiny_value_lanes(yv) : m_first(0);
        V y_big = v_sel(small, zero, yv);
        V r = v_fma(y_big, diff, af_mul_small(y_big, diff_lo));
        if (AF_RARELY(m_any(small)))
            r = v_sel(small, v_mul_tiny(v_add(diff, diff_lo), v_sel(small, yv, zero)), r);
        row_store(dx, i, n, r);
    }
}

/* The row's dx: the compensated dot product, then softmax_backward_apply. */
static void softmax_backward_row(const T *y, const T *dy, T *dx, size_t n, int negate, const row_scale *sc)
{
    V zero = v_set((T)0);
    row_sum acc;
    row_sum_init(&acc);
    int tiny = 0;
    for (size_t i = 0; i < n; i += AF_ROW_WIDTH) {
        for (int g = 0; g < AF_ROW_GROUP; g++) {
            size_t j = i + (size_t)g * AF_LANES;
            V a = row_load(dy, j, n, zero), b = row_load(y, j, n, zero);
            M small = af_tiny_value_lanes(b);
            if (AF_RARELY(m_any(small))) {
                b = v_sel(small, zero, b);
                tiny = 1;
            }
            softmax_dot_add(&acc, g, a, b);
        }
    }
    T dot_lo, dot_hi = row_sum_total(&acc, &dot_lo);
    const T sign = negate ? (T)-1 : (T)1;
    const row_scale s = {sc ? sign * sc->s_hi : sign, sc ? sign * sc->s_lo : 0};
    V sdot_lo, sdot;
    if (sc) {
        sdot = row_scaled_sum(&s, dot_hi, dot_lo, &sdot_lo);
    } else {
        sdot = v_set(sign * dot_hi);
        sdot_lo = v_set(sign * dot_lo);
    }
    if (tiny)
        softmax_backward_apply(y, dy, dx, n, negate, sc, &s, sdot, sdot_lo, 1);
    else
        softmax_backward_apply(y, dy, dx, n, negate, sc, &s, sdot, sdot_lo, 0);
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
        softmax_backward_row(in + r, dy + r, out + r, p->cols, 0, NULL);
}
