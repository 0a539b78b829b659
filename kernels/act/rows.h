/* The machinery of the row-wise ops (softmax, log_softmax, softmin).
 *
 * Same bits on every ISA: the sums run over AF_ROW_WIDTH logical lanes (16
 * floats, 8 doubles) whatever the vector width, element j always in lane
 * j mod AF_ROW_WIDTH, and the lanes are added in a fixed tree at the end.
 * The sums are compensated (TwoSum per addition, Knuth) and returned as a
 * double word, so that they cost no accuracy for rows of any length.
 *
 * softmin(x) = softmax(-x): every loader takes `negate`, applied after the
 * load (exact), with the fill of lanes past the row's end chosen for -x. */

#define AF_ROW_WIDTH (AF_IS_F64 ? 8 : 16)
#define AF_ROW_GROUP (AF_ROW_WIDTH / AF_LANES)

/* Up to 8 KiB of low parts on the stack (2048 floats, 1024 doubles): a row
 * that fits keeps what its last pass would otherwise recompute from x (x -
 * m's TwoSum, and in place softmax's e^d): softmax ran 1.04-1.06x faster out
 * of place and 1.4-1.6x in place (Zen 5, rows of 1000, AVX2 and AVX-512).
 * Longer rows recompute rather than take memory from the heap. */
#define ROW_KEPT_MAX (8192 / sizeof(T))

/* Lanes [i, i + LANES) of p[0..n), `fill` beyond n. */
static inline V row_load(const T *p, size_t i, size_t n, V fill)
{
    if (i + AF_LANES <= n)
        return v_load(p + i);
    if (i >= n)
        return fill;
    return v_sel(m_first(n - i), v_load_part(p + i, n - i), fill);
}

/* The same lanes of -p when negate is set (softmin), `fill` beyond n either way. */
static inline V row_load_signed(const T *p, size_t i, size_t n, T fill, int negate)
{
    V v = row_load(p, i, n, v_set(negate ? -fill : fill));
    return negate ? v_neg(v) : v;
}

static inline void row_store(T *p, size_t i, size_t n, V v)
{
    if (i + AF_LANES <= n)
        v_store(p + i, v);
    else if (i < n)
        v_store_part(p + i, v, n - i);
}

/* p[from..n) = v. */
static void row_fill(T *p, size_t from, size_t n, T v)
{
    for (size_t i = from; i < n; i += AF_LANES)
        row_store(p, i, n, v_set(v));
}

/* Where a row's z comes from: the plain rows' x, or -x for softmin
 * (negate), exact; or the double words z_hi + z_lo that row_z_store wrote
 * for an _ex row with a scale or a mask (transform). A pass that has read
 * a word row's z may write in its place what the next pass needs (hi, lo:
 * the same arrays, writable), so that no pass forms z - m twice. */
typedef struct row_src {
    const T *x, *lo;
    T *hi_out, *lo_out;
    int negate, transform;
} row_src;

static inline row_src row_src_plain(const T *x, int negate)
{
    row_src src = {x, NULL, NULL, NULL, negate, 0};
    return src;
}

static inline row_src row_src_words(T *hi, T *lo)
{
    row_src src = {hi, lo, hi, lo, 0, 1};
    return src;
}

/* z_hi + *z_lo for lanes [i, i + LANES); -inf beyond n. */
static inline V row_z(const row_src *src, size_t i, size_t n, V *z_lo)
{
    if (!src->transform) {
        *z_lo = v_set((T)0);
        return row_load_signed(src->x, i, n, (T)-INFINITY, src->negate);
    }
    *z_lo = row_load(src->lo, i, n, v_set((T)0));
    return row_load(src->x, i, n, v_set((T)-INFINITY));
}

/* An _ex row's z = s x + mask as a double word z_hi + z_lo, normalized (z_hi
 * = z rounded), formed exactly but for the terms below Z_TINY (constants.h)
 * and, for float arrays, s's own rounding to s_hi + s_lo (2^-48): x s =
 * TwoProd(x, s_hi) + x s_lo, then TwoSum with the mask. Normalized words
 * order as their values do, first by z_hi, so the row maximum m = m_hi +
 * m_lo is exact and every z - m <= 0, 0 at the maximum (softmax_shift). */
typedef struct row_scaling {
    const T *x, *mask; /* mask: NULL for none */
    T s_hi, s_lo, x_tiny;
} row_scaling;

/* s = s_hi + s_lo (s_lo 0 for doubles): below x_tiny, s x is below Z_TINY. */
static inline row_scaling row_scaling_of(const T *x, const T *mask, T s_hi, T s_lo)
{
    row_scaling a = {x, mask, s_hi, s_lo, AF_K(Z_TINY) / (s_hi < 0 ? -s_hi : s_hi)};
    return a;
}

/* z_hi + *z_lo for lanes [i, i + LANES), i < n; -inf beyond n. A z_lo
 * beside an infinite or NaN z_hi means nothing (its readers drop it). */
static inline V row_z_scaled(const row_scaling *a, size_t i, size_t n, V *z_lo)
{
    const V zero = v_set((T)0);
    V x = row_load(a->x, i, n, zero);
    x = v_sel(v_lt(v_abs(x), v_set(a->x_tiny)), zero, x);
    V s = v_set(a->s_hi), p = v_mul(x, s);
    V lo = v_fma(x, s, v_neg(p));
#if !AF_IS_F64
    lo = v_add(lo, v_mul(v_sel(v_ge(v_abs(p), v_set(AF_K(Z_LO_TERM))), x, zero), v_set(a->s_lo)));
#endif
    V z = p;
    if (a->mask) {
        V mask = row_load(a->mask, i, n, zero), err;
        mask = v_sel(v_lt(v_abs(mask), v_set(AF_K(Z_TINY))), zero, mask);
        z = af_two_sum(p, mask, &err);
        lo = v_add(lo, err);
    }
    /* inf - inf of an infinite term, or an overflowed product's residual:
     * z_hi alone is the IEEE value */
    V hi = af_two_sum(z, af_finite_or_zero(lo), z_lo);
    if (i + AF_LANES > n)
        hi = v_sel(m_first(n - i), hi, v_set((T)-INFINITY));
    return hi;
}

/* Writes the first n z of an _ex row to hi[] and lo[] (once, for the passes
 * that follow: row_src_words) and returns their maximum m_hi + *m_lo: the
 * largest z_lo among the largest z_hi. A NaN never becomes m. */
static T row_z_store(const row_scaling *a, size_t n, T *hi_out, T *lo_out, T *m_lo)
{
    V hi = v_set((T)-INFINITY), lo = v_set((T)0);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V z_lo, z = row_z_scaled(a, i, n, &z_lo);
        z_lo = af_finite_or_zero(z_lo);
        row_store(hi_out, i, n, z);
        row_store(lo_out, i, n, z_lo);
        M above = v_gt(z, hi), level = v_eq(z, hi);
        lo = v_sel(above, z_lo, v_sel(level, v_max(lo, z_lo), lo));
        hi = v_sel(above, z, hi);
    }
    T his[AF_LANES], los[AF_LANES], best = -INFINITY, best_lo = 0;
    v_store(his, hi);
    v_store(los, lo);
    for (int j = 0; j < AF_LANES; j++) {
        if (his[j] > best || (his[j] == best && los[j] > best_lo))
            best_lo = los[j];
        best = his[j] > best ? his[j] : best;
    }
    *m_lo = best_lo;
    return best;
}

/* The scale of an _ex row's backward, s = s_hi + s_lo (s_lo 0 for doubles,
 * and 0 where below 2^-60 s_hi: src/rows_ex.c). */
typedef struct row_scale {
    T s_hi, s_lo;
} row_scale;

/* s v as a double word hi + *lo per lane, exact but for the float's v s_lo
 * rounding (2^-48 relative): TwoProd(v, s_hi) + v s_lo. Where |s v| is below
 * LO_TERM_MIN the low part is 0, so that it stays normal (the residual is
 * above 2^-48 |s v|, v s_lo above 2^-60 of it). The same v gives the same
 * bits in every lane, a broadcast one too: the softmax backward's exact 0
 * at dy = dot rests on it. */
static inline V row_scaled_word(const row_scale *sc, V v, V *lo)
{
    const V zero = v_set((T)0), s = v_set(sc->s_hi), hi = v_mul(v, s);
    const M big = v_ge(v_abs(hi), v_set(AF_K(LO_TERM_MIN)));
    const V v_big = v_sel(big, v, zero);
    V residual = v_fma(v_big, s, v_neg(v_sel(big, hi, zero)));
#if !AF_IS_F64
    residual = v_add(residual, v_mul(v_big, v_set(sc->s_lo)));
#endif
    *lo = af_finite_or_zero(residual);
    return hi;
}

/* s (hi + lo) for a row's sum hi + lo (broadcast), as a double word: hi's
 * word (row_scaled_word, the same bits a lane's s v gets for v = hi) and
 * s_hi lo added to its low part. */
static inline V row_scaled_sum(const row_scale *sc, T hi, T lo, V *out_lo)
{
    V w = row_scaled_word(sc, v_set(hi), out_lo);
    *out_lo = v_add(*out_lo, v_mul(v_set(sc->s_hi), v_set(lo)));
    return w;
}

/* A compensated sum over the logical lanes. */
typedef struct {
    V s[AF_ROW_GROUP], c[AF_ROW_GROUP];
} row_sum;

static inline void row_sum_init(row_sum *acc)
{
    for (int g = 0; g < AF_ROW_GROUP; g++)
        acc->s[g] = acc->c[g] = v_set((T)0);
}

static inline void row_sum_add(row_sum *acc, int g, V x)
{
    V err;
    acc->s[g] = af_two_sum(acc->s[g], x, &err);
    acc->c[g] = v_add(acc->c[g], err);
}

/* (*s, *c) += (s2, c2): two partial sums of a horizontal tree, TwoSum's
 * error into the compensation. */
static inline void row_sum_pair(V *s, V *c, V s2, V c2)
{
    V err;
    *s = af_two_sum(*s, s2, &err);
    *c = v_add(v_add(*c, c2), err);
}

/* The logical lanes added in a tree, compensated again: lane j with lane
 * j + AF_ROW_WIDTH/2, then with j + AF_ROW_WIDTH/4, ..., with j + 1; the
 * groups first, then within a vector, so that every ISA adds the same pairs
 * (a pass in lane order, a chain of AF_ROW_WIDTH dependent additions at
 * the end of every row, made rows of 64 floats up to 1.5 times slower).
 * The total as hi + *lo. */
static inline T row_sum_total(row_sum *acc, T *lo)
{
    for (int h = AF_ROW_GROUP / 2; h >= 1; h /= 2)
        for (int g = 0; g < h; g++)
            row_sum_pair(&acc->s[g], &acc->c[g], acc->s[g + h], acc->c[g + h]);
    V s = acc->s[0], c = acc->c[0];
    for (int d = AF_LANES / 2; d >= 1; d /= 2)
        row_sum_pair(&s, &c, v_swap_lanes(s, d), v_swap_lanes(c, d));
    T hi = v_first_lane(s), rest = v_first_lane(c);
    /* An infinite or NaN hi is already the IEEE sum of the terms; rest is
     * then the compensation's inf - inf and means nothing (a row with one
     * infinite dy is not a row of NaN, SPEC 3). */
    if (!isfinite(hi)) {
        *lo = 0;
        return hi;
    }
    T total = hi + rest;
    *lo = rest - (total - hi);
    return total;
}

/* How many x_j equal top (an infinity), and in *nans how many are NaN: the
 * limit of a row whose maximum is infinite depends on these counts alone.
 * Rare, so plain scalar code. */
static size_t row_count_top(const T *x, size_t n, T top, size_t *nans)
{
    size_t count = 0;
    *nans = 0;
    for (size_t j = 0; j < n; j++) {
        count += x[j] == top;
        *nans += x[j] != x[j];
    }
    return count;
}

/* The largest lane of m, none of them NaN: the lowest such lane on ties
 * (max(-0, +0) keeps its first operand), as a pass in lane order would. */
static inline T row_lanes_max(V m)
{
    for (int d = AF_LANES / 2; d >= 1; d /= 2)
        m = v_max(m, v_swap_lanes(m, d));
    return v_first_lane(m);
}

/* max_j x_j (of -x_j with negate). */
static inline T row_max(const T *x, size_t n, int negate)
{
    V m = v_set((T)-INFINITY);
    for (size_t i = 0; i < n; i += AF_LANES) /* a NaN in x never becomes m */
        m = v_max(m, row_load_signed(x, i, n, (T)-INFINITY, negate));
    return row_lanes_max(m);
}

/* The maximum as row_max, and in *near whether every z - m of the row is at
 * least BESIDE_ONE_ARG (a row with no -inf, no mask and no entry 39 below
 * its maximum, 340 in double: most rows), where e^(z - m) needs no tail
 * (af_exp_near_only) and every z - m and its TwoSum error are finite (a NaN
 * entry, which max and min pass over, makes them NaN and the row NaN, as it
 * must). One min per vector more. */
static inline T row_max_near(const T *x, size_t n, int negate, int *near)
{
    V m = v_set((T)-INFINITY), low = v_set((T)INFINITY);
    size_t i = 0;
    for (; i + AF_LANES <= n; i += AF_LANES) {
        V v = row_load_signed(x, i, n, (T)-INFINITY, negate);
        m = v_max(m, v);
        low = v_min(low, v);
    }
    if (i < n) {
        m = v_max(m, row_load_signed(x, i, n, (T)-INFINITY, negate));
        low = v_min(low, row_load_signed(x, i, n, (T)INFINITY, negate));
    }
    T best = row_lanes_max(m);
    for (int d = AF_LANES / 2; d >= 1; d /= 2)
        low = v_min(low, v_swap_lanes(low, d));
    *near = v_first_lane(low) - best >= AF_K(BESIDE_ONE_ARG);
    return best;
}
