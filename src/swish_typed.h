/* swish_backward_beta for one dtype (T, DT, DTYPE): included by src/swish.c
 * once per dtype. */

/* One call, as the bodies of src/parallel.h see it. */
typedef struct AF_CAT(swish_job_, DT) {
    const af_kernel_set *k;
    const T *x, *dy;
    T *dx;
    size_t n;
    af_params p;
    af_sum acc; /* the segments merged so far */
} AF_CAT(swish_job_, DT);

/* Segments [begin, end) of AF_SUM_SEGMENT elements: each one's dbeta terms
 * summed, then dx over all of them (after the terms: dx may be x or dy). */
static void AF_CAT(swish_body_, DT)(void *ctx, size_t begin, size_t end, af_sum *partials)
{
    const AF_CAT(swish_job_, DT) *j = ctx;
    CT terms[AF_CHUNK];
    for (size_t s = begin; s < end; s++) {
        const size_t first = s * AF_SUM_SEGMENT, last = j->n - first < AF_SUM_SEGMENT ? j->n : first + AF_SUM_SEGMENT;
        af_sum acc = {0, 0};
        for (size_t i = first; i < last; i += AF_CHUNK) {
            size_t len = last - i < AF_CHUNK ? last - i : AF_CHUNK;
            actfast__run_param_grad(j->k, ACTFAST_OP_SWISH, DTYPE, j->x + i, j->dy + i, terms, len, &j->p);
            for (size_t q = 0; q < len; q++)
                af_sum_add(&acc, terms[q]);
        }
        partials[s - begin] = acc;
    }
    const size_t from = begin * AF_SUM_SEGMENT,
                 to = j->n - from < (end - begin) * AF_SUM_SEGMENT ? j->n : end * AF_SUM_SEGMENT;
    (void)actfast__run_kernel(j->k, ACTFAST_OP_SWISH, ACTFAST_BACKWARD, DTYPE, j->x + from, j->dy + from, j->dx + from,
                              to - from, &j->p); /* elementwise: always ACTFAST_OK */
}

static void AF_CAT(swish_sink_, DT)(void *ctx, size_t segment, const af_sum *partial)
{
    (void)segment;
    af_sum_merge(&((AF_CAT(swish_job_, DT) *)ctx)->acc, partial);
}

/* On runner's tasks (NULL: here). */
static actfast_status AF_CAT(swish_beta_run_, DT)(const actfast_runner *runner, const T *x, const T *dy, T *dx,
                                                  size_t n, PT beta, T *dbeta)
{
    actfast_status st = actfast__check_arrays(DTYPE, x, dy, dx, n, 1);
    if (st != ACTFAST_OK)
        return st;
    if (dbeta == NULL)
        return ACTFAST_ERR_NULL_POINTER;
    const size_t bytes = n * sizeof(T);
    if (actfast__overlap(dbeta, sizeof(T), x, bytes) || actfast__overlap(dbeta, sizeof(T), dy, bytes) ||
        actfast__overlap(dbeta, sizeof(T), dx, bytes))
        return ACTFAST_ERR_OVERLAP;
    af_call call;
    af_call_enter(&call);
    af_fpenv_fence(beta); /* compared and converted in the default mode */
    if (!isfinite(beta))
        return af_call_leave(&call, ACTFAST_ERR_INVALID_PARAMETER);
    if ((st = af_call_kernels(&call)) != ACTFAST_OK)
        return af_call_leave(&call, st);
    AF_CAT(swish_job_, DT) job = {call.kernels, x, dy, dx, n, {.p = {beta, 0}}, {0, 0}};
    const size_t segments = n / AF_SUM_SEGMENT + (n % AF_SUM_SEGMENT != 0);
    st = actfast__split_sum(runner, n, segments, actfast__split_block(runner) / AF_SUM_SEGMENT,
                            AF_CAT(swish_body_, DT), AF_CAT(swish_sink_, DT), &job);
    if (st == ACTFAST_OK) /* only when every segment is in */
        *dbeta = AF_ELEM_ROUND(af_sum_value(&job.acc));
    return af_call_leave(&call, st);
}

actfast_status AF_CAT(actfast_swish_backward_beta_, DT)(const T *x, const T *dy, T *dx, size_t n, PT beta, T *dbeta)
{
    return AF_CAT(swish_beta_run_, DT)(NULL, x, dy, dx, n, beta, dbeta);
}

actfast_status AF_CAT(actfast_swish_backward_beta_parallel_, DT)(const actfast_runner *runner, const T *x,
                                                                 const T *dy, T *dx, size_t n, PT beta, T *dbeta)
{
    const actfast_status st = af_runner_valid(runner);
    return st != ACTFAST_OK ? st : AF_CAT(swish_beta_run_, DT)(runner, x, dy, dx, n, beta, dbeta);
}
