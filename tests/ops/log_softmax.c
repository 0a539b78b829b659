/* log_softmax: per row, y_j = log softmax(x)_j. */
#include <math.h>

#include "record.h"
#include "reference.h"
#include "textbook.h"

/* (x_j - m) - log sum_k e^(x_k - m); a +inf maximum gives -log(count) at the
 * +inf entries and -inf elsewhere; NaN rows and rows of -inf are NaN. */
static void rows_forward(const double *x, size_t n, mpfr_t *y)
{
    size_t infs, nans;
    const double m = ref_row_max(x, n, &infs, &nans);
    num log_sum, t;
    num_init(log_sum);
    num_init(t);
    if (infs) {
        mpfr_set_ui(log_sum, infs, R);
        mpfr_log(log_sum, log_sum, R);
    } else { /* log1p of the sum without one maximal term (its e^0 = 1), which
                REF_PREC bits could not add to 1 when the rest is tiny */
        size_t top = 0;
        while (top < n && x[top] != m)
            top++;
        mpfr_set_zero(log_sum, 1);
        for (size_t j = 0; j < n; j++) {
            if (j == top)
                continue;
            mpfr_set_d(t, x[j], R);
            mpfr_sub_d(t, t, m, R);
            mpfr_exp(t, t, R);
            mpfr_add(log_sum, log_sum, t, R);
        }
        mpfr_log1p(log_sum, log_sum, R);
    }
    for (size_t j = 0; j < n; j++) {
        if (nans || m == -INFINITY)
            mpfr_set_nan(y[j]);
        else if (infs && x[j] == INFINITY)
            mpfr_neg(y[j], log_sum, R);
        else if (infs)
            mpfr_set_inf(y[j], -1);
        else {
            mpfr_set_d(y[j], x[j], R);
            mpfr_sub_d(y[j], y[j], m, R);
            mpfr_sub(y[j], y[j], log_sum, R);
        }
    }
    mpfr_clears(log_sum, t, (mpfr_ptr)0);
}

/* dy_j - e^(y_j) sum_k dy_k, scale |dy_j| + e^(y_j) |sum_k dy_k|. */
static void rows_backward(const double *y, const double *dy, size_t n, mpfr_t *dx, mpfr_t *scale)
{
    num sum, e;
    mpfr_init2(sum, 4 * REF_PREC);
    num_init(e);
    mpfr_set_zero(sum, 1);
    for (size_t j = 0; j < n; j++)
        mpfr_add_d(sum, sum, dy[j], R);
    for (size_t j = 0; j < n; j++) {
        mpfr_set_d(e, y[j], R);
        mpfr_exp(e, e, R);
        mpfr_mul(dx[j], e, sum, R);
        mpfr_abs(scale[j], dx[j], R);
        mpfr_add_d(scale[j], scale[j], fabs(dy[j]), R);
        mpfr_d_sub(dx[j], dy[j], dx[j], R);
    }
    mpfr_clears(sum, e, (mpfr_ptr)0);
}

/* y_j = x_j - max - log sum_k e^(x_k - max). */
TEXTBOOK_ROWS(textbook_forward, (void)dy_;
              for (size_t row = 0; row < n; row += TEXTBOOK_ROW_LENGTH) {
                  const T *x = (const T *)in_ + row;
                  T *y = (T *)out_ + row;
                  T max = x[0], sum = 0;
                  for (size_t j = 1; j < TEXTBOOK_ROW_LENGTH; j++)
                      max = x[j] > max ? x[j] : max;
                  for (size_t j = 0; j < TEXTBOOK_ROW_LENGTH; j++)
                      sum += exp(x[j] - max);
                  T log_sum = log(sum);
                  for (size_t j = 0; j < TEXTBOOK_ROW_LENGTH; j++)
                      y[j] = x[j] - max - log_sum;
              })
/* dx_j = dy_j - e^(y_j) sum_k dy_k. */
TEXTBOOK_ROWS(textbook_backward_from_y,
              for (size_t row = 0; row < n; row += TEXTBOOK_ROW_LENGTH) {
                  const T *y = (const T *)in_ + row, *dy = (const T *)dy_ + row;
                  T *dx = (T *)out_ + row;
                  T sum = 0;
                  for (size_t j = 0; j < TEXTBOOK_ROW_LENGTH; j++)
                      sum += dy[j];
                  for (size_t j = 0; j < TEXTBOOK_ROW_LENGTH; j++)
                      dx[j] = dy[j] - exp(y[j]) * sum;
              })
TEXTBOOK_ROWWISE

const test_record record_log_softmax = {
    .rows_forward = rows_forward,
    .rows_backward = rows_backward,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
