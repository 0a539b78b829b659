/* Exact references in MPFR: the helpers that the test records of tests/ops/
 * share, and the evaluation of an op's record at the float or double that
 * the library saw.
 *
 * Results are computed at REF_PREC bits with formulas that neither overflow
 * nor cancel at that precision, and rounded only when compared. */
#ifndef ACTFAST_TEST_REFERENCE_H
#define ACTFAST_TEST_REFERENCE_H

#include <mpfr.h>

#include "actfast.h"

#define REF_PREC 192

/* Every reference rounds to nearest. */
#define R MPFR_RNDN

/* A scratch number at REF_PREC bits, cleared by the caller. */
typedef mpfr_t num;
static inline void num_init(num a) { mpfr_init2(a, REF_PREC); }

/* ---- the evaluation of an op's record (tests/record.h) -------------------- */

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

/* ---- helpers of the records ------------------------------------------------ */

/* sigmoid(x), without overflow on either side; out may be x. */
void ref_sigmoid(mpfr_t out, const mpfr_t x);
/* softplus(z) = log(1 + e^z), without overflow or cancellation. */
void ref_softplus(mpfr_t out, const mpfr_t z);
/* Phi(x) and phi(x), the standard normal CDF and density. */
void ref_normal_cdf(mpfr_t out, const mpfr_t x);
void ref_normal_pdf(mpfr_t out, const mpfr_t x);
/* 1 - tanh(a)^2, without cancellation at large a; out may be a. */
void ref_sech2(mpfr_t out, const mpfr_t a);
/* A zero with the sign of the product x * 0 (a zero for NaN x too). */
void ref_set_zero_like(mpfr_t out, const mpfr_t x);
/* |x| > d, for the inputs here, which are doubles (or +-2^1000000 for +-inf). */
int ref_abs_above(const mpfr_t x, double d);
/* 1 on lo < x < hi, else 0 (NaN at NaN, set by the callers). */
void ref_indicator(mpfr_t out, const mpfr_t x, double lo, double hi);

/* The maximum of a row, with how many of its entries are +inf and NaN. */
double ref_row_max(const double *x, size_t n, size_t *infs, size_t *nans);
/* softmax of one row, and its backward from y, dx_j = y_j (dy_j - sum_k dy_k
 * y_k) with the scale |y_j| (|dy_j| + |sum_k dy_k y_k|) (softmin's are their
 * mirror). */
void ref_softmax_row(const double *x, size_t n, mpfr_t *y);
void ref_softmax_backward_row(const double *y, const double *dy, size_t n, mpfr_t *dx, mpfr_t *scale);

#endif
