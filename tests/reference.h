/* Exact references for every op of src/ops.def, in MPFR.
 *
 * Inputs are the exact values of the float or double that the library saw;
 * results are computed at REF_PREC bits with formulas that neither overflow
 * nor cancel at that precision, and rounded only when compared. */
#ifndef ACTFAST_TEST_REFERENCE_H
#define ACTFAST_TEST_REFERENCE_H

#include <mpfr.h>

#include "actfast.h"

#define REF_PREC 192

/* Call once: widest exponent range, so that e^-1e30 is a number, not 0. */
void ref_init(void);

/* f(x). */
void ref_forward(actfast_op op, const actfast_params *p, double x, mpfr_t out);
/* f'(x), and the size of the largest term that the formula of f' adds up
 * (|f'| itself where nothing cancels): near a root of f' the error is
 * measured against that, SPEC 4's "absolute terms". */
void ref_grad(actfast_op op, const actfast_params *p, double x, mpfr_t out, mpfr_t scale);
/* f' as the function of y = f(x) that backward_from_y uses, at this y. */
void ref_grad_from_y(actfast_op op, const actfast_params *p, double y, mpfr_t out);

/* Row-wise ops: one row of n, forward and backward_from_y (dx and the size of
 * the terms that it adds up: |y_j| (|dy_j| + |sum_k dy_k y_k|) for softmax,
 * |dy_j| + e^(y_j) |sum_k dy_k| for log_softmax). */
void ref_rows_forward(actfast_op op, const double *x, size_t n, mpfr_t *y);
void ref_rows_backward(actfast_op op, const double *y, const double *dy, size_t n, mpfr_t *dx, mpfr_t *scale);

#endif
