/* MPFR references (see reference.h): the helpers of the test records and
 * the evaluation of a record at one input. */
#include "reference.h"

#include <math.h>

#include "record.h"

void ref_init(void)
{
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
}

/* An input as a number; +-inf becomes +-2^1000000, where every function of the
 * catalog has reached its limit to far beyond double precision, so that the
 * records' formulas give the limits without special cases. */
static void set_input(num a, double x)
{
    if (isinf(x)) {
        mpfr_set_si_2exp(a, x > 0 ? 1 : -1, 1000000, R);
        return;
    }
    mpfr_set_d(a, x, R);
}

/* sigmoid(x) = 1/(1 + e^-x) for x >= 0, e^x/(1 + e^x) below (no overflow). */
void ref_sigmoid(mpfr_t out, const mpfr_t x)
{
    const int negative = mpfr_sgn(x) < 0; /* before out, which may be x, changes */
    num e;
    num_init(e);
    mpfr_abs(e, x, R);
    mpfr_neg(e, e, R);
    mpfr_exp(e, e, R);
    mpfr_add_ui(out, e, 1, R);
    if (negative)
        mpfr_div(out, e, out, R);
    else
        mpfr_ui_div(out, 1, out, R);
    mpfr_clear(e);
}

/* softplus(z) = max(z, 0) + log1p(e^-|z|). */
void ref_softplus(mpfr_t out, const mpfr_t z)
{
    num t;
    num_init(t);
    mpfr_abs(t, z, R);
    mpfr_neg(t, t, R);
    mpfr_exp(t, t, R);
    mpfr_log1p(t, t, R);
    if (mpfr_sgn(z) > 0)
        mpfr_add(out, z, t, R);
    else
        mpfr_set(out, t, R);
    mpfr_clear(t);
}

/* Phi(x) = erfc(-x/sqrt 2)/2 and phi(x) = e^(-x^2/2)/sqrt(2 pi). */
void ref_normal_cdf(mpfr_t out, const mpfr_t x)
{
    num t;
    num_init(t);
    mpfr_sqrt_ui(t, 2, R);
    mpfr_div(out, x, t, R);
    mpfr_neg(out, out, R);
    mpfr_erfc(out, out, R);
    mpfr_div_2ui(out, out, 1, R);
    mpfr_clear(t);
}

void ref_normal_pdf(mpfr_t out, const mpfr_t x)
{
    num t;
    num_init(t);
    mpfr_sqr(out, x, R);
    mpfr_div_2ui(out, out, 1, R);
    mpfr_neg(out, out, R);
    mpfr_exp(out, out, R);
    mpfr_const_pi(t, R);
    mpfr_mul_2ui(t, t, 1, R);
    mpfr_sqrt(t, t, R);
    mpfr_div(out, out, t, R);
    mpfr_clear(t);
}

/* 1 - tanh(a)^2 as sech(a)^2: no cancellation at large a. */
void ref_sech2(mpfr_t out, const mpfr_t a)
{
    mpfr_sech(out, a, R);
    mpfr_sqr(out, out, R);
}

/* v, with the sign of zero of a product x * 0 (0 stays 0 for NaN x too). */
void ref_set_zero_like(mpfr_t out, const mpfr_t x) { mpfr_set_zero(out, mpfr_signbit(x) ? -1 : 1); }

/* |x| > d, for the inputs here, which are doubles (or +-2^1000000 for +-inf). */
int ref_abs_above(const mpfr_t x, double d) { return fabs(mpfr_get_d(x, R)) > d; }

/* 1 on lo < x < hi, else 0 (NaN at NaN, set by the callers). */
void ref_indicator(mpfr_t out, const mpfr_t x, double lo, double hi)
{
    mpfr_set_ui(out, mpfr_cmp_d(x, lo) > 0 && mpfr_cmp_d(x, hi) < 0, R);
}

void ref_forward(actfast_op op, const actfast_params *p, double xd, mpfr_t out)
{
    num x;
    num_init(x);
    set_input(x, xd);
    test_records[op]->forward(out, x, p);
    if (isnan(xd))
        mpfr_set_nan(out);
    mpfr_clear(x);
}

void ref_grad(actfast_op op, const actfast_params *p, double xd, mpfr_t out, mpfr_t scale)
{
    const test_record *r = test_records[op];
    num x;
    num_init(x);
    set_input(x, xd);
    if (r->grad_terms) {
        num a, b;
        num_init(a);
        num_init(b);
        r->grad_terms(a, b, x, p);
        mpfr_add(out, a, b, R);
        mpfr_abs(a, a, R);
        mpfr_abs(b, b, R);
        mpfr_max(scale, a, b, R);
        mpfr_clears(a, b, (mpfr_ptr)0);
    } else {
        r->grad(out, x, p);
        mpfr_set_zero(scale, 1);
    }
    if (isnan(xd))
        mpfr_set_nan(out);
    if (mpfr_zero_p(scale) || mpfr_nan_p(out))
        mpfr_abs(scale, out, R);
    mpfr_clear(x);
}

void ref_grad_from_y(actfast_op op, const actfast_params *p, double yd, mpfr_t out)
{
    num y;
    num_init(y);
    set_input(y, yd);
    test_records[op]->grad_from_y(out, y, p);
    if (isnan(yd))
        mpfr_set_nan(out);
    mpfr_clear(y);
}

double ref_row_max(const double *x, size_t n, size_t *infs, size_t *nans)
{
    double m = -INFINITY;
    *infs = *nans = 0;
    for (size_t j = 0; j < n; j++) {
        *infs += x[j] == INFINITY;
        *nans += isnan(x[j]);
        m = x[j] > m ? x[j] : m;
    }
    return m;
}

/* The +inf entries share the mass; a NaN makes the row NaN (as the library
 * documents); otherwise e^(x_j - m) / sum, which for a row of -inf is 0/0. */
void ref_softmax_row(const double *x, size_t n, mpfr_t *y)
{
    size_t infs, nans;
    const double m = ref_row_max(x, n, &infs, &nans);
    if (nans || m == -INFINITY) {
        for (size_t j = 0; j < n; j++)
            mpfr_set_nan(y[j]);
        return;
    }
    if (infs) {
        for (size_t j = 0; j < n; j++)
            mpfr_set_d(y[j], x[j] == INFINITY ? 1.0 / (double)infs : 0.0, R);
        return;
    }
    num sum, t;
    num_init(sum);
    num_init(t);
    mpfr_set_zero(sum, 1);
    for (size_t j = 0; j < n; j++) {
        mpfr_set_d(t, x[j], R);
        mpfr_sub_d(t, t, m, R);
        mpfr_exp(y[j], t, R);
        mpfr_add(sum, sum, y[j], R);
    }
    for (size_t j = 0; j < n; j++)
        mpfr_div(y[j], y[j], sum, R);
    mpfr_clears(sum, t, (mpfr_ptr)0);
}

void ref_softmax_backward_row(const double *y, const double *dy, size_t n, mpfr_t *dx, mpfr_t *scale)
{
    num dot, t;
    mpfr_init2(dot, 4 * REF_PREC); /* the products are exact; their sum nearly */
    num_init(t);
    mpfr_set_zero(dot, 1);
    for (size_t j = 0; j < n; j++) {
        mpfr_set_d(t, y[j], R);
        mpfr_mul_d(t, t, dy[j], R);
        mpfr_add(dot, dot, t, R);
    }
    for (size_t j = 0; j < n; j++) {
        mpfr_set_d(t, dy[j], R);
        mpfr_sub(dx[j], t, dot, R);
        mpfr_mul_d(dx[j], dx[j], y[j], R);
        mpfr_abs(t, t, R);
        mpfr_abs(scale[j], dot, R);
        mpfr_add(scale[j], scale[j], t, R);
        mpfr_mul_d(scale[j], scale[j], fabs(y[j]), R);
    }
    mpfr_clears(dot, t, (mpfr_ptr)0);
}
