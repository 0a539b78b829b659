/* rrelu's entry points for one dtype (T, DT, DTYPE): included by src/rrelu.c
 * once per dtype. */

/* Finite bounds (an infinite one makes slopes of inf or NaN), lower <= upper:
 * the same condition as rrelu's row of src/ops.def. Call in the default
 * mode, on bounds passed through af_fpenv_fence. */
static int AF_CAT(rrelu_bounds_valid_, DT)(T lower, T upper)
{
    return isfinite(lower) && isfinite(upper) && lower <= upper;
}

/* One form in training mode: the draws a chunk at a time, then the slopes kernel. */
static actfast_status AF_CAT(rrelu_train_, DT)(actfast_form form, const T *x, const T *dy, T *out, size_t n,
                                               T lower, T upper, uint64_t seed, uint64_t offset)
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
    T slopes[AF_CHUNK];
    const af_params p = {{0, 0}, 0, slopes};
    for (size_t i = 0; i < n; i += AF_CHUNK) {
        size_t len = n - i < AF_CHUNK ? n - i : AF_CHUNK;
        AF_CAT(draw_slopes_, DT)(slopes, len, offset + i, lower, upper, seed);
        call.kernels->DT->slopes[form](x + i, dy ? dy + i : NULL, out + i, len, &p);
    }
    return af_call_leave(&call, ACTFAST_OK);
}

static actfast_status AF_CAT(rrelu_run_, DT)(actfast_form form, const T *x, const T *dy, T *out, size_t n,
                                             T lower, T upper, int training, uint64_t seed, uint64_t offset)
{
    if (training)
        return AF_CAT(rrelu_train_, DT)(form, x, dy, out, n, lower, upper, seed, offset);
    const af_args a = AF_CAT(af_args_, DT)(lower, upper, 0);
    return actfast__run(ACTFAST_OP_RRELU, form, DTYPE, x, dy, out, n, &a);
}

actfast_status AF_CAT(actfast_rrelu_, DT)(const T *x, T *y, size_t n, T lower, T upper, int training, uint64_t seed,
                                          uint64_t offset)
{
    return AF_CAT(rrelu_run_, DT)(ACTFAST_FORWARD, x, NULL, y, n, lower, upper, training, seed, offset);
}

actfast_status AF_CAT(actfast_rrelu_grad_, DT)(const T *x, T *g, size_t n, T lower, T upper, int training,
                                               uint64_t seed, uint64_t offset)
{
    return AF_CAT(rrelu_run_, DT)(ACTFAST_GRAD, x, NULL, g, n, lower, upper, training, seed, offset);
}

actfast_status AF_CAT(actfast_rrelu_backward_, DT)(const T *x, const T *dy, T *dx, size_t n, T lower, T upper,
                                                   int training, uint64_t seed, uint64_t offset)
{
    return AF_CAT(rrelu_run_, DT)(ACTFAST_BACKWARD, x, dy, dx, n, lower, upper, training, seed, offset);
}

/* The draws alone. They need no kernel, but the call fails as every other
 * does while ACTFAST_ISA names an ISA that cannot be used. */
actfast_status AF_CAT(actfast_rrelu_slopes_, DT)(T *slopes, size_t n, T lower, T upper, uint64_t seed,
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
