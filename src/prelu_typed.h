/* prelu's entry points for one dtype (T, DT, DTYPE): included by src/prelu.c
 * once per dtype. */

/* The checks of every prelu call, beyond actfast__check_arrays: the layout,
 * and dw apart from every other array (integer work: before the FP mode). */
static actfast_status AF_CAT(prelu_check_, DT)(const T *x, const T *dy, T *out, size_t n, const T *w,
                                               size_t channels, size_t inner, int with_dy, T *dw)
{
    actfast_status st = actfast__check_arrays(DTYPE, x, dy, out, n, with_dy);
    if (st != ACTFAST_OK)
        return st;
    if (channels == 0 || inner == 0)
        return ACTFAST_ERR_INVALID_PARAMETER;
    if (channels > SIZE_MAX / inner || channels > SIZE_MAX / sizeof(T) ||
        actfast__too_large(w, channels * sizeof(T)) || actfast__too_large(dw, channels * sizeof(T)))
        return ACTFAST_ERR_SIZE_OVERFLOW;
    if (n % (channels * inner) != 0)
        return ACTFAST_ERR_INVALID_PARAMETER;
    if (n > 0 && w == NULL)
        return ACTFAST_ERR_NULL_POINTER;
    const size_t bytes = n * sizeof(T), wbytes = channels * sizeof(T);
    if (actfast__overlap(w, wbytes, out, bytes) || actfast__overlap(dw, wbytes, x, bytes) ||
        actfast__overlap(dw, wbytes, out, bytes) || actfast__overlap(dw, wbytes, w, wbytes) ||
        (with_dy && actfast__overlap(dw, wbytes, dy, bytes)))
        return ACTFAST_ERR_OVERLAP;
    return ACTFAST_OK;
}

/* No weight is NaN (compared in the default mode, inside the call's frame). */
static actfast_status AF_CAT(prelu_weights_valid_, DT)(const T *w, size_t channels)
{
    for (size_t c = 0; w && c < channels; c++)
        if (w[c] != w[c])
            return ACTFAST_ERR_INVALID_PARAMETER;
    return ACTFAST_OK;
}

/* s[0..len) = the weights of elements [start, start + len). */
static void AF_CAT(prelu_slopes_, DT)(T *s, size_t start, size_t len, const T *w, size_t channels, size_t inner)
{
    size_t c = (start / inner) % channels, left = inner - start % inner;
    for (size_t j = 0; j < len; j++) {
        s[j] = w[c];
        if (--left == 0) {
            left = inner;
            c = c + 1 == channels ? 0 : c + 1;
        }
    }
}

/* dw[c]: the channel's terms dy x (x <= 0), gathered in (outer, inner) order
 * a chunk at a time, summed with compensation. */
static T AF_CAT(prelu_dw_channel_, DT)(const af_kernel_set *k, const T *x, const T *dy, size_t n, size_t c,
                                      size_t channels, size_t inner)
{
    T xs[AF_CHUNK], dys[AF_CHUNK], terms[AF_CHUNK];
    const af_params p = {{0, 0}, 0, NULL};
    af_sum acc = {0, 0};
    size_t len = 0;
    for (size_t block = c * inner; block < n; block += channels * inner) {
        for (size_t i = 0; i < inner;) {
            size_t take = inner - i < AF_CHUNK - len ? inner - i : AF_CHUNK - len;
            memcpy(xs + len, x + block + i, take * sizeof(T));
            memcpy(dys + len, dy + block + i, take * sizeof(T));
            len += take;
            i += take;
            const int last = i == inner && block + channels * inner >= n;
            if (len == AF_CHUNK || last) {
                k->DT->param_grad[ACTFAST_OP_PRELU](xs, dys, terms, len, &p);
                for (size_t j = 0; j < len; j++)
                    af_sum_add(&acc, terms[j]);
                len = 0;
            }
        }
    }
    return (T)af_sum_value(&acc);
}

/* One form (forward, grad, backward) over [0, n), a chunk of slopes at a time. */
static actfast_status AF_CAT(prelu_run_, DT)(actfast_form form, const T *x, const T *dy, T *out, size_t n,
                                             const T *w, size_t channels, size_t inner, T *dw)
{
    actfast_status st = AF_CAT(prelu_check_, DT)(x, dy, out, n, w, channels, inner, form == ACTFAST_BACKWARD, dw);
    if (st != ACTFAST_OK)
        return st;
    af_call call;
    af_call_enter(&call);
    st = AF_CAT(prelu_weights_valid_, DT)(w, channels);
    if (st == ACTFAST_OK)
        st = af_call_kernels(&call);
    if (st != ACTFAST_OK)
        return af_call_leave(&call, st);
    /* dw first: dx may overwrite x or dy (in place). */
    for (size_t c = 0; dw && c < channels; c++)
        dw[c] = AF_CAT(prelu_dw_channel_, DT)(call.kernels, x, dy, n, c, channels, inner);
    T slopes[AF_CHUNK];
    const af_params p = {{0, 0}, 0, slopes};
    for (size_t i = 0; i < n; i += AF_CHUNK) {
        size_t len = n - i < AF_CHUNK ? n - i : AF_CHUNK;
        AF_CAT(prelu_slopes_, DT)(slopes, i, len, w, channels, inner);
        call.kernels->DT->slopes[form](x + i, dy ? dy + i : NULL, out + i, len, &p);
    }
    return af_call_leave(&call, ACTFAST_OK);
}

actfast_status AF_CAT(actfast_prelu_, DT)(const T *x, T *y, size_t n, const T *w, size_t channels, size_t inner)
{
    return AF_CAT(prelu_run_, DT)(ACTFAST_FORWARD, x, NULL, y, n, w, channels, inner, NULL);
}

actfast_status AF_CAT(actfast_prelu_grad_, DT)(const T *x, T *g, size_t n, const T *w, size_t channels,
                                               size_t inner)
{
    return AF_CAT(prelu_run_, DT)(ACTFAST_GRAD, x, NULL, g, n, w, channels, inner, NULL);
}

actfast_status AF_CAT(actfast_prelu_backward_, DT)(const T *x, const T *dy, T *dx, size_t n, const T *w,
                                                   size_t channels, size_t inner, T *dw)
{
    return AF_CAT(prelu_run_, DT)(ACTFAST_BACKWARD, x, dy, dx, n, w, channels, inner, dw);
}
