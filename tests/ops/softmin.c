/* softmin(x) = softmax(-x), per row. */
#include <stdlib.h>

#include "record.h"
#include "reference.h"
#include "textbook.h"

static void rows_forward(const double *x, size_t n, mpfr_t *y)
{
    double *neg = malloc(n * sizeof(double));
    for (size_t j = 0; j < n; j++)
        neg[j] = -x[j];
    ref_softmax_row(neg, n, y);
    free(neg);
}

/* -(softmax's): the derivative of softmax(-x) by x */
static void rows_backward(const double *y, const double *dy, size_t n, mpfr_t *dx, mpfr_t *scale)
{
    ref_softmax_backward_row(y, dy, n, dx, scale);
    for (size_t j = 0; j < n; j++)
        mpfr_neg(dx[j], dx[j], R);
}

TEXTBOOK_ROWS(textbook_forward, TEXTBOOK(textbook_softmax_forward)(in_, dy_, out_, n, -1);)
TEXTBOOK_ROWS(textbook_backward_from_y, TEXTBOOK(textbook_softmax_backward_from_y)(in_, dy_, out_, n, -1);)
TEXTBOOK_ROWWISE

const test_record record_softmin = {
    .rows_forward = rows_forward,
    .rows_backward = rows_backward,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
