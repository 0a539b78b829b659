/* log_softmax over rows: y_j = (x_j - m) - L, L = log sum_k e^(x_k - m).
 *
 * Both terms are <= 0 (x_j <= m, L >= 0), so their sum cancels nothing: y_j
 * has L's error (log1p's ~1 ulp) at worst. The sum S = s + s_lo is softmax's
 * compensated one (S >= 1); L = log1p(t) + t_lo/(1 + t) with t + t_lo =
 * (s - 1) + s_lo exactly, computed once per row in a broadcast vector (the
 * same SLEEF log1p bits on every ISA). x_j - m is a TwoSum double word. */

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

static void log_softmax_row(const T *x, T *y, size_t n)
{
    T m = row_max(x, n, 0);
    if (m == (T)INFINITY) {
        log_softmax_row_inf(x, y, n);
        return;
    }
    T s_lo, s = softmax_denominator(x, n, m, 0, NULL, &s_lo);
    T l_lo, l = log_softmax_log(s, s_lo, &l_lo);
    V neg_m = v_set(-m), neg_l = v_set(-l), neg_l_lo = v_set(-l_lo);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V d_lo, d = af_two_sum(row_load(x, i, n, v_set((T)0)), neg_m, &d_lo);
        V r_lo, r = af_two_sum(d, neg_l, &r_lo);
        V rest = v_add(af_finite_or_zero(v_add(d_lo, r_lo)), neg_l_lo);
        row_store(y, i, n, v_add(r, rest));
    }
}

/* dx_j = dy_j - e^(y_j) sum_k dy_k, the sum compensated, e^(y_j) S in one
 * rounding with dy_j (FMA). */
static void log_softmax_backward_row(const T *y, const T *dy, T *dx, size_t n)
{
    V zero = v_set((T)0);
    row_sum acc;
    row_sum_init(&acc);
    for (size_t i = 0; i < n; i += AF_ROW_WIDTH)
        for (int g = 0; g < AF_ROW_GROUP; g++)
            row_sum_add(&acc, g, row_load(dy, i + (size_t)g * AF_LANES, n, zero));
    T sum_lo, sum_hi = row_sum_total(&acc, &sum_lo);
    V sum = v_set(sum_hi + sum_lo);
    for (size_t i = 0; i < n; i += AF_LANES) {
        V e = v_exp(row_load(y, i, n, zero));
        row_store(dx, i, n, v_fnma(e, sum, row_load(dy, i, n, zero)));
    }
}

static void log_softmax_forward_kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    (void)dy;
    for (size_t r = 0; r < n; r += p->cols)
        log_softmax_row(in + r, out + r, p->cols);
}

static void log_softmax_backward_from_y_kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    for (size_t r = 0; r < n; r += p->cols)
        log_softmax_backward_row(in + r, dy + r, out + r, p->cols);
}
