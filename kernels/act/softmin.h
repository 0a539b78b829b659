/* softmin(x) = softmax(-x), by softmax.h's rows with the negation applied at
 * each load (exact); backward from y: dx_j = y_j (sum_k dy_k y_k - dy_j). */

static void softmin_forward_kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    (void)dy;
    for (size_t r = 0; r < n; r += p->cols)
        softmax_row(in + r, out + r, p->cols, 1);
}

static void softmin_backward_from_y_kernel(const T *in, const T *dy, T *out, size_t n, const af_params *p)
{
    for (size_t r = 0; r < n; r += p->cols)
        softmax_backward_row(in + r, dy + r, out + r, p->cols, 1, NULL);
}
