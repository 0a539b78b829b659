/* The machinery of the row-wise ops (softmax, log_softmax, softmin).
 *
 * Same bits on every ISA: the sums run over AF_ROW_WIDTH logical lanes (16
 * floats, 8 doubles) whatever the vector width, element j always in lane
 * j mod AF_ROW_WIDTH, and the lanes are added in a fixed order at the end.
 * The sums are compensated (TwoSum per addition, Knuth) and returned as a
 * double word, so that they cost no accuracy for rows of any length.
 *
 * softmin(x) = softmax(-x): every loader takes `negate`, applied after the
 * load (exact), with the fill of lanes past the row's end chosen for -x. */

#define AF_ROW_WIDTH (AF_IS_F64 ? 8 : 16)
#define AF_ROW_GROUP (AF_ROW_WIDTH / AF_LANES)

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

/* The lanes in the order 0, 1, ..., AF_ROW_WIDTH - 1, compensated again:
 * the total as hi + *lo. */
static inline T row_sum_total(const row_sum *acc, T *lo)
{
    T s[AF_ROW_WIDTH], c[AF_ROW_WIDTH];
    for (int g = 0; g < AF_ROW_GROUP; g++) {
        v_store(s + g * AF_LANES, acc->s[g]);
        v_store(c + g * AF_LANES, acc->c[g]);
    }
    T hi = s[0], rest = c[0];
    for (int j = 1; j < AF_ROW_WIDTH; j++) {
        T sum = hi + s[j], bb = sum - hi;
        rest += (hi - (sum - bb)) + (s[j] - bb) + c[j];
        hi = sum;
    }
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

/* max_j x_j (of -x_j with negate). */
static inline T row_max(const T *x, size_t n, int negate)
{
    V m = v_set((T)-INFINITY);
    for (size_t i = 0; i < n; i += AF_LANES) /* a NaN in x never becomes m */
        m = v_max(m, row_load_signed(x, i, n, (T)-INFINITY, negate));
    T lanes[AF_LANES], best = -INFINITY;
    v_store(lanes, m);
    for (int j = 0; j < AF_LANES; j++)
        best = lanes[j] > best ? lanes[j] : best;
    return best;
}
