/* swish_backward_beta for one dtype (T, DT, DTYPE): included by src/swish.c
 * once per dtype. */

actfast_status AF_CAT(actfast_swish_backward_beta_, DT)(const T *x, const T *dy, T *dx, size_t n, T beta, T *dbeta)
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
    const af_kernel_set *k = call.kernels;
    const af_params p = {{beta, 0}, 0, NULL};
    T terms[AF_CHUNK];
    af_sum acc = {0, 0};
    for (size_t i = 0; i < n; i += AF_CHUNK) {
        size_t len = n - i < AF_CHUNK ? n - i : AF_CHUNK;
        k->DT->param_grad[ACTFAST_OP_SWISH](x + i, dy + i, terms, len, &p);
        for (size_t j = 0; j < len; j++)
            af_sum_add(&acc, terms[j]);
    }
    *dbeta = (T)af_sum_value(&acc);
    if (n > 0) /* after the terms: dx may be x or dy */
        k->DT->op[ACTFAST_OP_SWISH][ACTFAST_BACKWARD](x, dy, dx, n, &p);
    return af_call_leave(&call, ACTFAST_OK);
}
