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
        if (AF_ELEM_VALUE(w[c]) != AF_ELEM_VALUE(w[c]))
            return ACTFAST_ERR_INVALID_PARAMETER;
    return ACTFAST_OK;
}

/* s[0..len) = the weights of elements [start, start + len). */
static void AF_CAT(prelu_slopes_, DT)(CT *s, size_t start, size_t len, const T *w, size_t channels, size_t inner)
{
    size_t c = (start / inner) % channels, left = inner - start % inner;
    for (size_t j = 0; j < len; j++) {
        s[j] = AF_ELEM_VALUE(w[c]);
        if (--left == 0) {
            left = inner;
            c = c + 1 == channels ? 0 : c + 1;
        }
    }
}

/* The sum of channel c's terms dy x (x <= 0) over its elements [j0, j1) in
 * (outer, inner) order (the channel's element j is element
 * (j / inner * channels + c) * inner + j % inner), gathered a chunk at a time,
 * summed with compensation. */
static af_sum AF_CAT(prelu_dw_sum_, DT)(const af_kernel_set *k, const T *x, const T *dy, size_t c, size_t channels,
                                        size_t inner, size_t j0, size_t j1)
{
    T xs[AF_CHUNK], dys[AF_CHUNK];
    CT terms[AF_CHUNK];
    const af_params p = {.slopes = NULL};
    af_sum acc = {0, 0};
    size_t len = 0;
    for (size_t j = j0; j < j1;) {
        const size_t i = j % inner, at = (j / inner * channels + c) * inner + i;
        size_t take = inner - i < j1 - j ? inner - i : j1 - j;
        take = take < AF_CHUNK - len ? take : AF_CHUNK - len;
        memcpy(xs + len, x + at, take * sizeof(T));
        memcpy(dys + len, dy + at, take * sizeof(T));
        len += take;
        j += take;
        if (len == AF_CHUNK || j == j1) {
            actfast__run_param_grad(k, ACTFAST_OP_PRELU, DTYPE, xs, dys, terms, len, &p);
            for (size_t q = 0; q < len; q++)
                af_sum_add(&acc, terms[q]);
            len = 0;
        }
    }
    return acc;
}

/* One call, as the bodies of src/parallel.h see it. */
typedef struct AF_CAT(prelu_job_, DT) {
    const af_kernel_set *k;
    actfast_form form;
    const T *x, *dy;
    T *out;
    const T *w;
    size_t channels, inner;
    T *dw;
    size_t per_channel, segments; /* elements of a channel, AF_SUM_SEGMENT-term segments of it */
    af_sum acc;                   /* the channel being merged (multi-segment channels) */
} AF_CAT(prelu_job_, DT);

/* dw. One segment per channel: unit c is channel c, whose dw the task writes.
 * Longer channels: unit u is segment u % segments of channel u / segments,
 * merged in order by the sink. */
static void AF_CAT(prelu_dw_body_, DT)(void *ctx, size_t begin, size_t end, af_sum *partials)
{
    const AF_CAT(prelu_job_, DT) *j = ctx;
    for (size_t u = begin; u < end; u++) {
        if (j->segments <= 1) {
            const af_sum s = AF_CAT(prelu_dw_sum_, DT)(j->k, j->x, j->dy, u, j->channels, j->inner, 0, j->per_channel);
            j->dw[u] = AF_ELEM_ROUND(af_sum_value(&s));
        } else {
            const size_t c = u / j->segments, j0 = u % j->segments * AF_SUM_SEGMENT,
                         j1 = j->per_channel - j0 < AF_SUM_SEGMENT ? j->per_channel : j0 + AF_SUM_SEGMENT;
            partials[u - begin] = AF_CAT(prelu_dw_sum_, DT)(j->k, j->x, j->dy, c, j->channels, j->inner, j0, j1);
        }
    }
}

static void AF_CAT(prelu_dw_sink_, DT)(void *ctx, size_t u, const af_sum *partial)
{
    AF_CAT(prelu_job_, DT) *j = ctx;
    af_sum_merge(&j->acc, partial);
    if (u % j->segments == j->segments - 1) {
        j->dw[u / j->segments] = AF_ELEM_ROUND(af_sum_value(&j->acc));
        j->acc.s = j->acc.c = 0;
    }
}

/* The form over elements [begin, end), a chunk of slopes at a time. */
static void AF_CAT(prelu_body_, DT)(void *ctx, size_t begin, size_t end, af_sum *partials)
{
    (void)partials;
    const AF_CAT(prelu_job_, DT) *j = ctx;
    CT slopes[AF_CHUNK];
    for (size_t i = begin; i < end; i += AF_CHUNK) {
        size_t len = end - i < AF_CHUNK ? end - i : AF_CHUNK;
        AF_CAT(prelu_slopes_, DT)(slopes, i, len, j->w, j->channels, j->inner);
        actfast__run_slopes(j->k, j->form, DTYPE, j->x + i, j->dy ? j->dy + i : NULL, j->out + i, len, slopes);
    }
}

/* One form (forward, grad, backward) over [0, n), on runner's tasks (NULL:
 * here). */
static actfast_status AF_CAT(prelu_run_, DT)(const actfast_runner *runner, actfast_form form, const T *x, const T *dy,
                                             T *out, size_t n, const T *w, size_t channels, size_t inner, T *dw)
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
    const size_t per_channel = n / channels, block = actfast__split_block(runner);
    AF_CAT(prelu_job_, DT) job = {call.kernels, form, x, dy, out, w, channels, inner, dw, per_channel,
                                  per_channel / AF_SUM_SEGMENT + (per_channel % AF_SUM_SEGMENT != 0), {0, 0}};
    /* dw first, all of it: dx may overwrite x or dy (in place). */
    if (dw && job.segments <= 1)
        st = actfast__split(runner, n, channels, block / (per_channel ? per_channel : 1), AF_CAT(prelu_dw_body_, DT),
                            &job);
    else if (dw)
        st = actfast__split_sum(runner, n, channels * job.segments, block / AF_SUM_SEGMENT,
                                AF_CAT(prelu_dw_body_, DT), AF_CAT(prelu_dw_sink_, DT), &job);
    if (st == ACTFAST_OK)
        st = actfast__split(runner, n, n, block, AF_CAT(prelu_body_, DT), &job);
    return af_call_leave(&call, st);
}

actfast_status AF_CAT(actfast_prelu_, DT)(const T *x, T *y, size_t n, const T *w, size_t channels, size_t inner)
{
    return AF_CAT(prelu_run_, DT)(NULL, ACTFAST_FORWARD, x, NULL, y, n, w, channels, inner, NULL);
}

actfast_status AF_CAT(actfast_prelu_grad_, DT)(const T *x, T *g, size_t n, const T *w, size_t channels,
                                               size_t inner)
{
    return AF_CAT(prelu_run_, DT)(NULL, ACTFAST_GRAD, x, NULL, g, n, w, channels, inner, NULL);
}

actfast_status AF_CAT(actfast_prelu_backward_, DT)(const T *x, const T *dy, T *dx, size_t n, const T *w,
                                                   size_t channels, size_t inner, T *dw)
{
    return AF_CAT(prelu_run_, DT)(NULL, ACTFAST_BACKWARD, x, dy, dx, n, w, channels, inner, dw);
}

actfast_status AF_CAT(actfast_prelu_parallel_, DT)(const actfast_runner *runner, actfast_form form, const T *x,
                                                   const T *dy, T *out, size_t n, const T *w, size_t channels,
                                                   size_t inner, T *dw)
{
    actfast_status st = af_runner_valid(runner);
    if (st != ACTFAST_OK)
        return st;
    if (form != ACTFAST_FORWARD && form != ACTFAST_GRAD && form != ACTFAST_BACKWARD)
        return ACTFAST_ERR_INVALID_ARGUMENT;
    const int backward = form == ACTFAST_BACKWARD;
    return AF_CAT(prelu_run_, DT)(runner, form, x, backward ? dy : NULL, out, n, w, channels, inner,
                                  backward ? dw : NULL);
}
