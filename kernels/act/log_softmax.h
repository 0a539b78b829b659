/* log_softmax over rows: y_j = (x_j - m) - L, L = log sum_k e^(x_k - m).
 *
 * Both terms are <= 0 (x_j <= m, L >= 0), so their sum cancels nothing: y_j
 * has L's error (log1p's ~1 ulp) at worst. The sum is split as c + t: c the
 * count of entries equal to m (each e^0 = 1, exact) and t the compensated
 * sum of the others, scaled by 2^EXP_TAIL_SHIFT. The entries at m have
 * y = -L, which for a dominant entry (t << 1) is -log1p(t) ~ -t: kept apart
 * from the 1s and scaled, t keeps its relative accuracy even where its terms
 * or L itself are subnormal (a row of 1000 with one entry 100 above the
 * rest: 16 ulp at y ~ -1e-44 and 3 ulp at y ~ -1e-35 with t summed beside
 * the 1s, unscaled). L = log1p(s - 1) + s_lo/s with s + s_lo = c + t
 * (TwoSum), once per row in a broadcast vector (the same SLEEF log1p bits on
 * every ISA); below TINY, L is t itself, rounded once from its scaled
 * double word. x_j - m is a TwoSum double word. */

/* A row whose maximum is +inf: the +inf entries get -log(count), the others
 * -inf; a NaN anywhere makes the row NaN. */
static void log_softmax_row_inf(const T *x, T *y, size_t n)
{
    size_t nans, count = row_count_top(x, n, (T)INFINITY, &nans);
    T lanes[AF_LANES];
    v_store(lanes, v_log1p(v_set((T)(count - 1))));
    for (size_t j = 0; j < n; j++)
        y[j] = nans ? (T)NAN : x[j] == (T)INFINITY ? -lanes[0] : (T)-INFINITY;
}

/* log(s + s_lo) for s >= 1, as hi + *lo: t + t_lo = (s - 1) + s_lo exactly
 * (TwoSum), then log1p(t) and its first-order correction t_lo/(1 + t). */
static T log_softmax_log(T s, T s_lo, T *lo)
{
    T t = s - 1, bb = t - s;
    T t_lo = ((s - (t - bb)) + (-1 - bb)) + s_lo;
    T lanes[AF_LANES];
    v_store(lanes, v_log1p(v_set(t)));
    *lo = t_lo / (1 + t);
    return lanes[0];
}

/* The lanes [i, i + AF_ROW_WIDTH) of log_softmax_rest's sum and count,
 * into acc and *tops, and z - m's double word into d_out and lo_out
 * unless they are NULL (log_softmax_kept). A near row (row_max_near) has every z - m in
 * [BESIDE_ONE_ARG, 0] and finite, where the clamp at EXP_TAIL_MIN and the
 * zero below it are no-ops, and so is the low part's finite test; the
 * lanes past its end (-inf - m) are clamped and dropped in its last group
 * only (row_end, a constant). */
AF_SPECIALIZED void log_softmax_rest_group(const row_src *src, row_sum *acc, V *tops, size_t i, size_t n, V neg_m,
                                           V m_low, T *d_out, T *lo_out, int near, int row_end)
{
    const V zero = v_set((T)0), shift = v_set(AF_K(EXP_TAIL_SHIFT)), tail_min = v_set(AF_K(EXP_TAIL_MIN));
    for (int g = 0; g < AF_ROW_GROUP; g++) {
        const size_t j = i + (size_t)g * AF_LANES;
        V d_lo, d = softmax_shift(src, j, n, neg_m, m_low, &d_lo), e, e_lo;
        if (d_out) {
            row_store(d_out, j, n, d);
            row_store(lo_out, j, n, d_lo);
        }
        M top = v_eq(d, zero);
        if (near) {
            V a = row_end ? af_exp_clamp_nonpos(d, v_set(AF_K(BESIDE_ONE_ARG))) : v_min(d, v_set(-AF_K(TINY)));
            e = v_sel(top, zero, af_exp_times_pow2_normal(a, shift, 0));
            e_lo = softmax_exp_lo_near(e, d_lo);
            if (row_end)
                softmax_drop_past_end(&e, &e_lo, j, n);
        } else {
            e = af_exp_times_pow2_normal(af_exp_clamp_nonpos(d, tail_min), shift, 0);
            e = v_sel(top, zero, v_sel(v_le(d, tail_min), zero, e));
            e_lo = softmax_exp_lo(e, softmax_lo_for_exp(src, d, d_lo));
        }
        *tops = v_add(*tops, v_sel(top, v_set((T)1), zero));
        row_sum_add(acc, g, e);
        acc->c[g] = v_add(acc->c[g], e_lo);
    }
}

/* sum over x_k < m of 2^EXP_TAIL_SHIFT e^(x_k - m), as hi + *lo, and in
 * *count how many x_k equal m; x_k - m's double word kept in d_out and
 * lo_out unless they are NULL (log_softmax_kept). Every scaled term is normal down to
 * EXP_TAIL_MIN, below which it is 0 (constants.h), and so is the power of 2
 * that scales it (one product: af_exp_times_pow2_normal); the sum cannot
 * overflow for any row length that fits memory. */
AF_SPECIALIZED T log_softmax_rest(const row_src *src, size_t n, T m, T m_lo, T *count, T *lo, T *d_out, T *lo_out,
                                   int near)
{
    V neg_m = v_set(-m), m_low = v_set(m_lo), tops = v_set((T)0);
    row_sum acc;
    row_sum_init(&acc);
    const size_t whole = n / AF_ROW_WIDTH * AF_ROW_WIDTH;
    size_t i = 0;
    for (; i < whole; i += AF_ROW_WIDTH)
        log_softmax_rest_group(src, &acc, &tops, i, n, neg_m, m_low, d_out, lo_out, near, 0);
    if (i < n)
        log_softmax_rest_group(src, &acc, &tops, i, n, neg_m, m_low, d_out, lo_out, near, 1);
    for (int d = AF_LANES / 2; d >= 1; d /= 2) /* whole numbers: exact in any order */
        tops = v_add(tops, v_swap_lanes(tops, d));
    *count = v_first_lane(tops);
    return row_sum_total(&acc, lo);
}

/* Where a row's z - m waits between its sum's pass and its output pass,
 * as the high parts' array and *lo the low parts': a word row's z, in its
 * place; a plain row's y and kept_lo (room for n low parts, or NULL); or
 * nowhere (NULL), and the output pass forms it again. */
static inline T *log_softmax_kept(const row_src *src, T *y, T *kept_lo, T **lo)
{
    *lo = src->transform ? src->lo_out : kept_lo;
    return src->transform ? src->hi_out : kept_lo ? y : NULL;
}

/* L = l + *l_lo for a row's finite maximum m = m_hi + m_lo of its z; near
 * as log_softmax_rest's; kept_lo as log_softmax_kept's. */
AF_SPECIALIZED T log_softmax_row_log(const row_src *src, T *y, size_t n, T m, T m_lo, int near, T *kept_lo, T *l_lo)
{
    T *lo_out, *d_out = log_softmax_kept(src, y, kept_lo, &lo_out);
    T count, others_lo, others = log_softmax_rest(src, n, m, m_lo, &count, &others_lo, d_out, lo_out, near);
    T scale = AF_K(EXP_TAIL_SCALE), t = others * scale;
    if (count == 1 && t < AF_K(TINY)) {
        *l_lo = t_fma(others, scale, others_lo * scale);
        return 0;
    }
    T s = count + t, bb = s - count;
    T s_lo = ((count - (s - bb)) + (t - bb)) + t_fma(others_lo, scale, t_fma(others, scale, -t));
    return log_softmax_log(s, s_lo, l_lo);
}

/* The row's y from L = l + l_lo, the arguments as log_softmax_row_log's:
 * near makes every d_lo + r_lo finite (the lanes past the row's end are
 * not stored). */
AF_SPECIALIZED void log_softmax_row_out(const row_src *src, T *y, size_t n, T m, T m_lo, int near, T *kept_lo, T l,
                                        T l_lo)
{
    V neg_m = v_set(-m), m_low = v_set(m_lo), neg_l = v_set(-l), neg_l_lo = v_set(-l_lo);
    T *lo_in, *d_in = log_softmax_kept(src, y, kept_lo, &lo_in);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V d_lo, d;
        if (d_in) {
            d = row_load(d_in, i, n, v_set((T)0));
            d_lo = row_load(lo_in, i, n, v_set((T)0));
        } else {
            d = softmax_shift(src, i, n, neg_m, m_low, &d_lo);
        }
        V r_lo, r = af_two_sum(d, neg_l, &r_lo);
        V low = v_add(d_lo, r_lo);
        V rest = v_add(near ? low : af_finite_or_zero(low), neg_l_lo);
        row_store(y, i, n, v_add(r, rest));
    }
}

AF_SPECIALIZED void log_softmax_row_finite(const row_src *src, T *y, size_t n, T m, T m_lo, int near)
{
    T l_lo, l = log_softmax_row_log(src, y, n, m, m_lo, near, NULL, &l_lo);
    log_softmax_row_out(src, y, n, m, m_lo, near, NULL, l, l_lo);
}

/* A plain row whose output pass is still to come: n = 0 for none. */
typedef struct {
    const T *x;
    T *y;
    size_t n;
    T m, l, l_lo;
    int near;
    T *kept_lo;
} log_softmax_pending;

/* A row's passes up to L (the whole row when its maximum is +inf), with
 * kept_lo as log_softmax_row_log's; its output pass is left in *out. */
static void log_softmax_row_begin(const T *x, T *y, size_t n, T *kept_lo, log_softmax_pending *out)
{
    int near;
    T m = row_max_near(x, n, 0, &near);
    out->n = 0;
    if (m == (T)INFINITY) {
        log_softmax_row_inf(x, y, n);
        return;
    }
    const row_src src = row_src_plain(x, 0);
    T l_lo, l = near ? log_softmax_row_log(&src, y, n, m, 0, 1, kept_lo, &l_lo)
                     : log_softmax_row_log(&src, y, n, m, 0, 0, kept_lo, &l_lo);
    *out = (log_softmax_pending){x, y, n, m, l, l_lo, near, kept_lo};
}

static void log_softmax_row_end(const log_softmax_pending *r)
{
    const row_src src = row_src_plain(r->x, 0);
    if (r->near)
        log_softmax_row_out(&src, r->y, r->n, r->m, 0, 1, r->kept_lo, r->l, r->l_lo);
    else
        log_softmax_row_out(&src, r->y, r->n, r->m, 0, 0, r->kept_lo, r->l, r->l_lo);
}

/* One row, both halves at once (the _ex forms' plain rows). */
static void log_softmax_row(const T *x, T *y, size_t n)
{
    _Alignas(64) T kept_lo[ROW_KEPT_MAX];
    log_softmax_pending r;
    log_softmax_row_begin(x, y, n, n <= ROW_KEPT_MAX ? kept_lo : NULL, &r);
    if (r.n)
        log_softmax_row_end(&r);
}

/* The lanes where dx = dy - e^y S rounds to dy for any y < EXP_TAIL
 * (TAIL_DY_KEPT): not where dy is 0, or a NaN enters. dy, which may be
 * subnormal, is scaled by an FMA. */
static inline M log_softmax_keeps_dy(V dy, V sum)
{
    return v_lt(v_abs(sum), af_mul_small(v_abs(dy), v_set(AF_K(TAIL_DY_KEPT))));
}

/* dx_j = dy_j - e^(y_j) sum_k dy_k, the sum compensated, e^(y_j) S in one
 * rounding with dy_j (FMA).
 *
 * No subnormals: below y = EXP_TAIL e^y heads for the subnormals, and below
 * EXP_MIN it rounds to 0 (masked entries), taken as 0. Between, the one
 * exp of every vector gives 2^EXP_TAIL_SHIFT e^y (its reduction's exponent
 * moved, as af_exp_tail does), and a vector with such a lane (rare, tested
 * per vector) takes it in an FMA with 2^EXP_TAIL_SHIFT dy (exact), and
 * scales the result back by integer operations. Where the scaled FMA could
 * overflow (|dy| or |S| past 2^34, 2^510: gradients no training makes) the
 * FMA with the value e^y takes the lane (rarer still). A vector whose tail
 * lanes all keep dy (log_softmax_keeps_dy: a confident row's, beside a dy
 * of order 1) skips the scaled FMA and its integer scaling: the same bits,
 * 1.14-1.39x for the bench's dominant, negtail and subnormalout rows (Zen
 * 5, n = 4096; the others unchanged).
 * Skipping e^y too where every lane is such (2.2-4.5x there) cost the
 * uniform and masked rows 2-8%, and is not done. */
static inline V log_softmax_backward_tail(V r, V e, V dy, V sum, M tail)
{
    if (af_every_lane_of(log_softmax_keeps_dy(dy, sum), tail))
        return v_sel(tail, dy, r);
    V zero = v_set((T)0), limit = v_set(AF_K(MAX_FINITE) * AF_K(EXP_TAIL_SCALE) * (T)0.25);
    M big = v_ge(v_sel(tail, v_max(v_abs(dy), v_abs(sum)), zero), limit);
    V dy_up = af_upscale_lanes(v_sel(big, zero, dy), tail);
    r = v_sel(tail, v_ldexp_down(v_fnma(e, sum, dy_up), (int)AF_K(EXP_TAIL_SHIFT)), r);
    if (AF_RARELY(m_any(big)))
        r = v_sel(big, v_fnma(v_ldexp_down(e, (int)AF_K(EXP_TAIL_SHIFT)), sum, dy), r);
    return r;
}

/* e^y, or 2^EXP_TAIL_SHIFT e^y in the *tail lanes (y in [EXP_MIN,
 * EXP_TAIL)), 0 below EXP_MIN; elsewhere e^y as af_exp_times_pow2 rounds
 * it. The exponent moved as in af_exp_tail_clamped, without its select
 * below EXP_TAIL_MIN, which no lane here reaches: through it this loop ran
 * 3-9% slower (Zen 5, n = 4096, medians of 5). A vector whose |y| are all
 * at most -EXP_TAIL (or NaN), the common one, skips the clamps and the
 * tail: the same bits, 2^k normal (one product). */
static inline V log_softmax_exp(V y, M *tail)
{
    V zero = v_set((T)0);
    *tail = m_first(0);
    if (!m_any(v_gt(v_abs(y), v_set(-AF_K(EXP_TAIL)))))
        return af_exp_times_pow2_normal(af_zero_if_tiny(y), af_zero_addend(), 1);
    M none = v_lt(y, v_set(AF_K(EXP_MIN)));
    V a = af_zero_if_tiny(v_min(v_sel(none, zero, y), v_set(AF_K(EXP_MAX))));
    *tail = v_lt(a, v_set(AF_K(EXP_TAIL)));
    return v_sel(none, zero, af_exp_times_pow2(a, v_sel(*tail, v_set(AF_K(EXP_TAIL_SHIFT)), zero), 1));
}

/* sc: the _ex rows' scale, dx = s dy_j - e^(y_j) s S with s dy_j and s S
 * each rounded once (NULL for none); where the plain dy_j - e^(y_j) S is 0
 * (a row with one entry), so is dx. */
static void log_softmax_backward_row(const T *y, const T *dy, T *dx, size_t n, const row_scale *sc)
{
    V zero = v_set((T)0);
    row_sum acc;
    row_sum_init(&acc);
    for (size_t i = 0; i < n; i += AF_ROW_WIDTH)
        for (int g = 0; g < AF_ROW_GROUP; g++)
            row_sum_add(&acc, g, row_load(dy, i + (size_t)g * AF_LANES, n, zero));
    T sum_lo, sum_hi = row_sum_total(&acc, &sum_lo);
    V sum = v_set(sum_hi + sum_lo), unscaled_sum = sum, lo = zero;
    if (sc) {
        sum = row_scaled_sum(sc, sum_hi, sum_lo, &lo);
        sum = v_add(sum, lo);
    }
    for (size_t i = 0; i < n; i += AF_LANES) {
        V yv = row_load(y, i, n, zero), dyv = row_load(dy, i, n, zero), unscaled_dy = dyv;
        if (sc) {
            dyv = row_scaled_word(sc, dyv, &lo);
            dyv = v_add(dyv, lo);
        }
        M tail;
        V e = log_softmax_exp(yv, &tail);
        V r = v_fnma(e, sum, dyv);
        if (sc)
            r = v_sel(v_eq(v_fnma(e, unscaled_sum, unscaled_dy), zero), v_mul(zero, v_set(sc->s_hi)), r);
        if (AF_RARELY(m_any(tail)))
            r = log_softmax_backward_tail(r, e, dyv, sum, tail);
        row_store(dx, i, n, r);
    }
}

/* Each row's output pass comes after the next row's first passes: it
 * waits for L, whose log1p (SLEEF's) took 23 ns in a chain (Zen 5), and
 * the next row's passes, which do not, run meanwhile. The rows' low
 * parts take turns in two buffers. */
static void log_softmax_forward_kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    (void)dy;
    const size_t cols = p->cols;
    _Alignas(64) T kept_lo[2][ROW_KEPT_MAX];
    log_softmax_pending rows[2] = {{.n = 0}, {.n = 0}};
    int turn = 0;
    for (size_t r = 0; r < n; r += cols, turn ^= 1) {
        log_softmax_row_begin(in + r, out + r, cols, cols <= ROW_KEPT_MAX ? kept_lo[turn] : NULL, &rows[turn]);
        if (rows[!turn].n)
            log_softmax_row_end(&rows[!turn]);
    }
    if (rows[!turn].n)
        log_softmax_row_end(&rows[!turn]);
}

static void log_softmax_backward_from_y_kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    for (size_t r = 0; r < n; r += p->cols)
        log_softmax_backward_row(in + r, dy + r, out + r, p->cols, NULL);
}
