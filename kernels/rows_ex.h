/* The _ex forms of the row-wise ops (include/actfast.h), one row at a time:
 * src/rows_ex.c walks the strided rows and hands each its mask row, its
 * live length (the entries before the causal mask) and a scratch row. The
 * row's first `live` entries are the plain row's computation on z
 * (kernels/act/rows.h: x or -x itself unless o->transform, else the double
 * words of s x + mask, formed once into scratch); the rest are written as
 * masked: 0, -inf for log_softmax, dx 0. softmin is softmax's row: z = -x
 * (o->negate), or mask - s x through a negated scale (src/rows_ex.c). */

/* The row's finite case, of softmax or log_softmax, specialized for word
 * rows and plain ones (AF_SPECIALIZED). */
static void rows_ex_finite(const row_src *src, T *y, size_t n, T m, T m_lo, int log)
{
    if (src->transform) {
        const row_src words = row_src_words(src->hi_out, src->lo_out);
        if (log)
            log_softmax_row_finite(&words, y, n, m, m_lo, 0);
        else
            softmax_row_finite(&words, y, n, m, m_lo, 0, NULL);
    } else {
        const row_src plain = row_src_plain(src->x, src->negate);
        if (log)
            log_softmax_row_finite(&plain, y, n, m, 0, 0);
        else
            softmax_row_finite(&plain, y, n, m, 0, 0, NULL);
    }
}

/* The row's z and its maximum m_hi + *m_lo over the first n entries: x
 * itself (-x), or with a scale or a mask the words row_z_store writes to
 * scratch (2 cols elements), computed once for the passes that follow. */
static row_src rows_ex_z(const T *x, const T *mask, size_t cols, size_t n, const af_rows_ex *o, T *scratch, T *m,
                         T *m_lo)
{
    *m_lo = 0;
    *m = (T)-INFINITY;
    if (!o->transform) {
        if (n)
            *m = row_max(x, n, o->negate);
        return row_src_plain(x, o->negate);
    }
    const row_scaling a = row_scaling_of(x, mask, (T)o->scale_hi, (T)o->scale_lo);
    if (n)
        *m = row_z_store(&a, n, scratch, scratch + cols, m_lo);
    return row_src_words(scratch, scratch + cols);
}

/* y[0..n) = z_hi, for the rare rows whose maximum is infinite: the plain
 * rows' limits then apply to y itself. */
static void rows_ex_store_z(const row_src *src, T *y, size_t n)
{
    V z_lo;
    for (size_t i = 0; i < n; i += AF_LANES)
        row_store(y, i, n, row_z(src, i, n, &z_lo));
}

/* A row whose maximum is -inf: the fill of a fully masked row, or NaN for
 * all of it if a z_j is NaN (the plain rows' rule). */
static void rows_ex_all_masked(const row_src *src, T *y, size_t n, T fill)
{
    V z_lo;
    int nan = 0;
    for (size_t i = 0; i < n; i += AF_LANES)
        nan |= m_any(v_isnan(row_z(src, i, n, &z_lo)));
    row_fill(y, 0, n, nan ? (T)NAN : fill);
}

/* A forward row of softmax (softmin) or, with log, log_softmax. */
static void rows_ex_forward(const T *x, const T *mask, T *y, size_t cols, size_t live, const af_rows_ex *o,
                            T *scratch, int log)
{
    if (o->plain) {
        if (log)
            log_softmax_row(x, y, cols);
        else
            softmax_row(x, y, cols, o->negate);
        return;
    }
    const T masked = log ? (T)-INFINITY : 0;
    T m, m_lo;
    const row_src src = rows_ex_z(x, mask, cols, live, o, scratch, &m, &m_lo);
    if (m == (T)INFINITY) {
        rows_ex_store_z(&src, y, live);
        if (log)
            log_softmax_row_inf(y, y, live);
        else
            softmax_row_inf(y, y, live, 0);
    } else if (m == (T)-INFINITY) {
        rows_ex_all_masked(&src, y, live, masked);
    } else {
        rows_ex_finite(&src, y, live, m, m_lo, log);
    }
    row_fill(y, live, cols, masked);
}

static void softmax_ex_forward_row(const T *x, const T *mask, const T *dy, T *y, size_t cols, size_t live,
                                   const af_rows_ex *o, T *scratch)
{
    (void)dy;
    rows_ex_forward(x, mask, y, cols, live, o, scratch, 0);
}

static void log_softmax_ex_forward_row(const T *x, const T *mask, const T *dy, T *y, size_t cols, size_t live,
                                       const af_rows_ex *o, T *scratch)
{
    (void)dy;
    rows_ex_forward(x, mask, y, cols, live, o, scratch, 1);
}

/* A backward row of softmax (softmin) or, with log, log_softmax: scaled
 * where transform, 0 past live. No mask: y is 0 (-inf) where it masked. */
static void rows_ex_backward(const T *y, const T *dy, T *dx, size_t cols, size_t live, const af_rows_ex *o, int log)
{
    const row_scale sc = {(T)o->scale_hi, (T)o->scale_lo};
    const row_scale *scale = o->transform ? &sc : NULL;
    if (live && log)
        log_softmax_backward_row(y, dy, dx, live, scale);
    else if (live)
        softmax_backward_row(y, dy, dx, live, o->negate, scale);
    row_fill(dx, live, cols, 0);
}

static void softmax_ex_backward_row(const T *y, const T *mask, const T *dy, T *dx, size_t cols, size_t live,
                                    const af_rows_ex *o, T *scratch)
{
    (void)mask;
    (void)scratch;
    rows_ex_backward(y, dy, dx, cols, live, o, 0);
}

static void log_softmax_ex_backward_row(const T *y, const T *mask, const T *dy, T *dx, size_t cols, size_t live,
                                        const af_rows_ex *o, T *scratch)
{
    (void)mask;
    (void)scratch;
    rows_ex_backward(y, dy, dx, cols, live, o, 1);
}

#define softmin_ex_forward_row softmax_ex_forward_row
#define softmin_ex_backward_row softmax_ex_backward_row
