/* softmax over rows: y_j = e^(x_j - m) / sum_k e^(x_k - m), m the row maximum.
 *
 * Same bits on every ISA: the sums run over AF_ROW_WIDTH logical lanes (16
 * floats, 8 doubles) whatever the vector width, element j always in lane
 * j mod AF_ROW_WIDTH, and the lanes are added in a fixed order at the end.
 * Accuracy: x - m is split exactly (TwoSum) and e^(d + d_lo) = e^d (1 + d_lo)
 * kept as a double word; the sum is compensated (TwoSum per addition, Knuth)
 * and kept as a double word too, so that y_j is exp's error plus one
 * rounding, for rows of any length. The exponentials are computed twice (sum,
 * then quotient) rather than stored rounded in y, which also keeps y = x
 * (in place) safe: x_j is read before y_j is written. */

#define AF_ROW_WIDTH (AF_IS_F64 ? 8 : 16)
#define AF_ROW_GROUP (AF_ROW_WIDTH / AF_LANES)

/* Lanes [i, i + LANES) of p[0..n), `fill` beyond n. */
static inline V AF_FN(row_load)(const T *p, size_t i, size_t n, V fill)
{
    if (i + AF_LANES <= n)
        return v_load(p + i);
    if (i >= n)
        return fill;
    return v_sel(m_first(n - i), v_load_part(p + i, n - i), fill);
}

static inline void AF_FN(row_store)(T *p, size_t i, size_t n, V v)
{
    if (i + AF_LANES <= n)
        v_store(p + i, v);
    else if (i < n)
        v_store_part(p + i, v, n - i);
}

/* A compensated sum over the logical lanes. */
typedef struct {
    V s[AF_ROW_GROUP], c[AF_ROW_GROUP];
} AF_FN(row_sum);

static inline void AF_FN(row_sum_init)(AF_FN(row_sum) *acc)
{
    for (int g = 0; g < AF_ROW_GROUP; g++)
        acc->s[g] = acc->c[g] = v_set((T)0);
}

static inline void AF_FN(row_sum_add)(AF_FN(row_sum) *acc, int g, V x)
{
    V err;
    acc->s[g] = AF_FN(af_two_sum)(acc->s[g], x, &err);
    acc->c[g] = v_add(acc->c[g], err);
}

/* The lanes in the order 0, 1, ..., AF_ROW_WIDTH - 1, compensated again:
 * the total as hi + *lo. */
static inline T AF_FN(row_sum_total)(const AF_FN(row_sum) *acc, T *lo)
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
    T total = hi + rest;
    *lo = rest - (total - hi);
    return total;
}

static inline T AF_FN(row_max)(const T *x, size_t n)
{
    V fill = v_set((T)-INFINITY), m = fill;
    for (size_t i = 0; i < n; i += AF_LANES)
        m = v_max(m, AF_FN(row_load)(x, i, n, fill)); /* a NaN in x never becomes m */
    T lanes[AF_LANES], best = -INFINITY;
    v_store(lanes, m);
    for (int j = 0; j < AF_LANES; j++)
        best = lanes[j] > best ? lanes[j] : best;
    return best;
}

/* The limit when the maximum is +inf: the +inf entries share the mass; a NaN
 * anywhere makes the row NaN. Rare, so plain scalar code. */
static void AF_FN(softmax_row_inf)(const T *x, T *y, size_t n)
{
    size_t count = 0, nans = 0;
    for (size_t j = 0; j < n; j++) {
        count += x[j] == (T)INFINITY;
        nans += x[j] != x[j];
    }
    for (size_t j = 0; j < n; j++)
        y[j] = nans ? (T)NAN : x[j] == (T)INFINITY ? (T)1 / (T)count : (T)0;
}

/* e^(x - m) for lanes [j, j + LANES) as e + *lo; 0 beyond n. */
static inline V AF_FN(softmax_exp)(const T *x, size_t j, size_t n, V neg_m, V *lo)
{
    V d_lo, d = AF_FN(af_two_sum)(AF_FN(row_load)(x, j, n, v_set((T)-INFINITY)), neg_m, &d_lo);
    V e = v_exp(d);
    *lo = AF_FN(af_finite_or_zero)(v_mul(e, d_lo)); /* -inf - m: no residual */
    return e;
}

static void AF_FN(softmax_row)(const T *x, T *y, size_t n)
{
    T m = AF_FN(row_max)(x, n);
    if (m == (T)INFINITY) {
        AF_FN(softmax_row_inf)(x, y, n);
        return;
    }
    V neg_m = v_set(-m), lo;
    AF_FN(row_sum) acc;
    AF_FN(row_sum_init)(&acc);
    for (size_t i = 0; i < n; i += AF_ROW_WIDTH) {
        for (int g = 0; g < AF_ROW_GROUP; g++) {
            V e = AF_FN(softmax_exp)(x, i + (size_t)g * AF_LANES, n, neg_m, &lo);
            AF_FN(row_sum_add)(&acc, g, e);
            acc.c[g] = v_add(acc.c[g], lo);
        }
    }
    T total_lo, total = AF_FN(row_sum_total)(&acc, &total_lo);
    V s = v_set(total), s_lo = v_set(total_lo);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V e = AF_FN(softmax_exp)(x, i, n, neg_m, &lo);
        AF_FN(row_store)(y, i, n, AF_FN(af_div_dw)(e, lo, s, s_lo));
    }
}

/* dx_j = y_j (dy_j - sum_k dy_k y_k); the dot product is compensated
 * (exact products by FMA, TwoSum additions). */
static void AF_FN(softmax_backward_row)(const T *y, const T *dy, T *dx, size_t n)
{
    V zero = v_set((T)0);
    AF_FN(row_sum) acc;
    AF_FN(row_sum_init)(&acc);
    for (size_t i = 0; i < n; i += AF_ROW_WIDTH) {
        for (int g = 0; g < AF_ROW_GROUP; g++) {
            size_t j = i + (size_t)g * AF_LANES;
            V a = AF_FN(row_load)(dy, j, n, zero), b = AF_FN(row_load)(y, j, n, zero);
            V prod = v_mul(a, b);
            AF_FN(row_sum_add)(&acc, g, prod);
            acc.c[g] = v_add(acc.c[g], v_fma(a, b, v_neg(prod)));
        }
    }
    T dot_lo, dot_hi = AF_FN(row_sum_total)(&acc, &dot_lo);
    V dot = v_set(dot_hi + dot_lo);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V yv = AF_FN(row_load)(y, i, n, zero), dyv = AF_FN(row_load)(dy, i, n, zero);
        AF_FN(row_store)(dx, i, n, v_mul(yv, v_sub(dyv, dot)));
    }
}

static void AF_FN(softmax_forward_kernel)(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    (void)dy;
    for (size_t r = 0; r < n; r += p->cols)
        AF_FN(softmax_row)(in + r, out + r, p->cols);
}

static void AF_FN(softmax_backward_from_y_kernel)(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    for (size_t r = 0; r < n; r += p->cols)
        AF_FN(softmax_backward_row)(in + r, dy + r, out + r, p->cols);
}
