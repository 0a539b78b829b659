/* rrelu's entry points for one dtype (T, DT, DTYPE; the draws in CT): included
 * by src/rrelu.c once per dtype. */

/* Finite bounds (an infinite one makes slopes of inf or NaN), lower <= upper:
 * the same condition as rrelu's row of src/ops.def. Call in the default
 * mode, on bounds passed through af_fpenv_fence. */
static int AF_CAT(rrelu_bounds_valid_, DT)(PT lower, PT upper)
{
    return isfinite(lower) && isfinite(upper) && lower <= upper;
}

/* One call in training mode, as the bodies of src/parallel.h see it. */
typedef struct AF_CAT(rrelu_job_, DT) {
    const af_kernel_set *k;
    actfast_form form;
    const T *x, *dy;
    T *out;
    PT lower, upper;
    uint64_t seed, offset;
} AF_CAT(rrelu_job_, DT);

/* Elements [begin, end): the draws a chunk at a time, then the slopes kernel. */
static void AF_CAT(rrelu_body_, DT)(void *ctx, size_t begin, size_t end, af_sum *partials)
{
    (void)partials;
    const AF_CAT(rrelu_job_, DT) *j = ctx;
    CT slopes[AF_CHUNK];
    for (size_t i = begin; i < end; i += AF_CHUNK) {
        size_t len = end - i < AF_CHUNK ? end - i : AF_CHUNK;
        AF_CAT(draw_compute_slopes_, DT)(slopes, len, j->offset + i, j->lower, j->upper, j->seed);
        actfast__run_slopes(j->k, j->form, DTYPE, j->x + i, j->dy ? j->dy + i : NULL, j->out + i, len, slopes);
    }
}

/* One form in training mode, on runner's tasks (NULL: here). */
static actfast_status AF_CAT(rrelu_train_, DT)(const actfast_runner *runner, actfast_form form, const T *x,
                                               const T *dy, T *out, size_t n, PT lower, PT upper, uint64_t seed,
                                               uint64_t offset)
{
    actfast_status st = actfast__check_arrays(DTYPE, x, dy, out, n, form == ACTFAST_BACKWARD);
    if (st != ACTFAST_OK)
        return st;
    af_call call;
    af_call_enter(&call);
    af_fpenv_fence(lower);
    af_fpenv_fence(upper);
    if (!AF_CAT(rrelu_bounds_valid_, DT)(lower, upper))
        return af_call_leave(&call, ACTFAST_ERR_INVALID_PARAMETER);
    if ((st = af_call_kernels(&call)) != ACTFAST_OK)
        return af_call_leave(&call, st);
    const AF_CAT(rrelu_job_, DT) job = {call.kernels, form, x, dy, out, lower, upper, seed, offset};
    st = actfast__split(runner, n, n, actfast__split_block(runner), AF_CAT(rrelu_body_, DT), (void *)&job);
    return af_call_leave(&call, st);
}

static actfast_status AF_CAT(rrelu_run_, DT)(const actfast_runner *runner, actfast_form form, const T *x,
                                             const T *dy, T *out, size_t n, PT lower, PT upper, int training,
                                             uint64_t seed, uint64_t offset)
{
    if (training)
        return AF_CAT(rrelu_train_, DT)(runner, form, x, dy, out, n, lower, upper, seed, offset);
    const af_args a = AF_CAT(af_args_, DT)(lower, upper, 0);
    return actfast__run_on(runner, ACTFAST_OP_RRELU, form, DTYPE, x, dy, out, n, &a);
}

actfast_status AF_CAT(actfast_rrelu_, DT)(const T *x, T *y, size_t n, PT lower, PT upper, int training, uint64_t seed,
                                          uint64_t offset)
{
    return AF_CAT(rrelu_run_, DT)(NULL, ACTFAST_FORWARD, x, NULL, y, n, lower, upper, training, seed, offset);
}

actfast_status AF_CAT(actfast_rrelu_grad_, DT)(const T *x, T *g, size_t n, PT lower, PT upper, int training,
                                               uint64_t seed, uint64_t offset)
{
    return AF_CAT(rrelu_run_, DT)(NULL, ACTFAST_GRAD, x, NULL, g, n, lower, upper, training, seed, offset);
}

actfast_status AF_CAT(actfast_rrelu_backward_, DT)(const T *x, const T *dy, T *dx, size_t n, PT lower, PT upper,
                                                   int training, uint64_t seed, uint64_t offset)
{
    return AF_CAT(rrelu_run_, DT)(NULL, ACTFAST_BACKWARD, x, dy, dx, n, lower, upper, training, seed, offset);
}

/* The draws alone. They need no kernel, but the call fails as every other
 * does while ACTFAST_ISA names an ISA that cannot be used. */
actfast_status AF_CAT(actfast_rrelu_slopes_, DT)(T *slopes, size_t n, PT lower, PT upper, uint64_t seed,
                                                 uint64_t offset)
{
    /* slopes as the one array of the call (in = out: no overlap to refuse) */
    actfast_status st = actfast__check_arrays(DTYPE, slopes, NULL, slopes, n, 0);
    if (st != ACTFAST_OK)
        return st;
    af_call call;
    af_call_enter(&call);
    af_fpenv_fence(lower);
    af_fpenv_fence(upper);
    if (!AF_CAT(rrelu_bounds_valid_, DT)(lower, upper))
        return af_call_leave(&call, ACTFAST_ERR_INVALID_PARAMETER);
    if ((st = af_call_kernels(&call)) != ACTFAST_OK)
        return af_call_leave(&call, st);
    AF_CAT(draw_slopes_, DT)(slopes, n, offset, lower, upper, seed);
    return af_call_leave(&call, ACTFAST_OK);
}

actfast_status AF_CAT(actfast_rrelu_parallel_, DT)(const actfast_runner *runner, actfast_form form, const T *x,
                                                   const T *dy, T *out, size_t n, PT lower, PT upper, int training,
                                                   uint64_t seed, uint64_t offset)
{
    actfast_status st = af_runner_valid(runner);
    if (st != ACTFAST_OK)
        return st;
    if (form != ACTFAST_FORWARD && form != ACTFAST_GRAD && form != ACTFAST_BACKWARD)
        return ACTFAST_ERR_INVALID_ARGUMENT;
    return AF_CAT(rrelu_run_, DT)(runner, form, x, form == ACTFAST_BACKWARD ? dy : NULL, out, n, lower, upper,
                                  training, seed, offset);
}
