/* MPFR references (see reference.h). */
#include "reference.h"

#include <math.h>
#include <stdlib.h>

#define R MPFR_RNDN

void ref_init(void)
{
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
}

/* A scratch number at REF_PREC bits, freed by the caller. */
typedef mpfr_t num;
static void num_init(num a) { mpfr_init2(a, REF_PREC); }

/* x as a number; +-inf becomes +-2^1000000, where every function of the
 * catalog has reached its limit to far beyond double precision, so that the
 * formulas below give the limits without special cases. */
static void set_input(num a, double x)
{
    if (isinf(x)) {
        mpfr_set_si_2exp(a, x > 0 ? 1 : -1, 1000000, R);
        return;
    }
    mpfr_set_d(a, x, R);
}

/* sigmoid(x) = 1/(1 + e^-x) for x >= 0, e^x/(1 + e^x) below (no overflow). */
static void sigmoid(num out, const num x)
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
static void softplus(num out, const num z)
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
static void normal_cdf(num out, const num x)
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

static void normal_pdf(num out, const num x)
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

/* gelu_tanh's z = 2u = 2 sqrt(2/pi) (x + 0.044715 x^3), and with dz, z'(x) =
 * 2 sqrt(2/pi) (1 + 3 * 0.044715 x^2); 0.044715 is the exact decimal. */
static void gelu_tanh_z(num z, num dz, const num x)
{
    num c, k, t;
    num_init(c);
    num_init(k);
    num_init(t);
    mpfr_const_pi(c, R);
    mpfr_ui_div(c, 2, c, R);
    mpfr_sqrt(c, c, R);
    mpfr_mul_2ui(c, c, 1, R);
    mpfr_set_str(k, "0.044715", 10, R);
    mpfr_sqr(t, x, R);
    mpfr_mul(t, t, k, R);
    if (dz) {
        mpfr_mul_ui(dz, t, 3, R);
        mpfr_add_ui(dz, dz, 1, R);
        mpfr_mul(dz, dz, c, R);
    }
    mpfr_add_ui(t, t, 1, R);
    mpfr_mul(t, t, x, R);
    mpfr_mul(z, t, c, R);
    mpfr_clears(c, k, t, (mpfr_ptr)0);
}

/* x - tanh x, at enough bits that the cancellation (x^3/3 against x) leaves
 * REF_PREC of them. */
static void tanhshrink(num out, const num x)
{
    const long e = mpfr_regular_p(x) ? mpfr_get_exp(x) : 0;
    num t;
    mpfr_init2(t, REF_PREC + 8 + 3 * (e < 0 ? -e : 0));
    mpfr_tanh(t, x, R);
    mpfr_sub(t, x, t, R);
    mpfr_set(out, t, R);
    mpfr_clear(t);
}

/* 1 - tanh(a)^2 as sech(a)^2: no cancellation at large a. */
static void sech2(num out, const num a)
{
    mpfr_sech(out, a, R);
    mpfr_sqr(out, out, R);
}

/* v, with the sign of zero of a product x * 0 (0 stays 0 for NaN x too). */
static void set_zero_like(num out, const num x) { mpfr_set_zero(out, mpfr_signbit(x) ? -1 : 1); }

/* |x| > d, for the inputs here, which are doubles (or +-2^1000000 for +-inf). */
static int abs_above(const num x, double d) { return fabs(mpfr_get_d(x, R)) > d; }

/* 1 on lo < x < hi, else 0 (NaN at NaN, set by the callers). */
static void indicator(num out, const num x, double lo, double hi)
{
    mpfr_set_ui(out, mpfr_cmp_d(x, lo) > 0 && mpfr_cmp_d(x, hi) < 0, R);
}

/* out = a + b, scale = max(|a|, |b|). */
static void sum_of_terms(num out, num scale, const num a, const num b)
{
    num t;
    num_init(t);
    mpfr_abs(scale, a, R);
    mpfr_abs(t, b, R);
    mpfr_max(scale, scale, t, R);
    mpfr_add(out, a, b, R);
    mpfr_clear(t);
}

void ref_forward(actfast_op op, const actfast_params *p, double xd, mpfr_t out)
{
    num x, t;
    num_init(x);
    num_init(t);
    set_input(x, xd);
    switch (op) {
    case ACTFAST_OP_SIGMOID:
        sigmoid(out, x);
        break;
    case ACTFAST_OP_TANH:
        mpfr_tanh(out, x, R);
        break;
    case ACTFAST_OP_RELU: /* relu(-0) = -0, relu(x < 0) = +0 */
        if (mpfr_sgn(x) > 0 || mpfr_zero_p(x) || mpfr_nan_p(x))
            mpfr_set(out, x, R);
        else
            mpfr_set_zero(out, 1);
        break;
    case ACTFAST_OP_LEAKY_RELU:
        if (mpfr_sgn(x) > 0)
            mpfr_set(out, x, R);
        else
            mpfr_mul_d(out, x, p->slope, R);
        break;
    case ACTFAST_OP_ELU:
        if (mpfr_sgn(x) > 0) {
            mpfr_set(out, x, R);
        } else {
            mpfr_expm1(out, x, R);
            mpfr_mul_d(out, out, p->alpha, R);
        }
        break;
    case ACTFAST_OP_GELU:
        normal_cdf(t, x);
        mpfr_mul(out, x, t, R);
        break;
    case ACTFAST_OP_SILU:
        sigmoid(t, x);
        mpfr_mul(out, x, t, R);
        break;
    case ACTFAST_OP_MISH:
        softplus(t, x);
        mpfr_tanh(t, t, R);
        mpfr_mul(out, x, t, R);
        break;
    case ACTFAST_OP_SOFTPLUS:
        mpfr_mul_d(t, x, p->beta, R); /* exact: 2 x 53 bits < REF_PREC */
        if (mpfr_cmp_d(t, p->threshold) > 0) {
            mpfr_set(out, x, R);
        } else {
            softplus(out, t);
            mpfr_div_d(out, out, p->beta, R);
        }
        break;
    case ACTFAST_OP_RELU6: /* -0 stays -0, x < 0 gives +0 */
        if (mpfr_cmp_ui(x, 6) >= 0)
            mpfr_set_ui(out, 6, R);
        else if (mpfr_sgn(x) > 0 || mpfr_zero_p(x))
            mpfr_set(out, x, R);
        else
            mpfr_set_zero(out, 1);
        break;
    case ACTFAST_OP_HARDTANH:
        if (mpfr_cmp_d(x, p->lo) < 0)
            mpfr_set_d(out, p->lo, R);
        else if (mpfr_cmp_d(x, p->hi) > 0)
            mpfr_set_d(out, p->hi, R);
        else
            mpfr_set(out, x, R);
        break;
    case ACTFAST_OP_HARDSIGMOID:
        mpfr_add_ui(out, x, 3, R);
        mpfr_div_ui(out, out, 6, R);
        if (mpfr_cmp_si(x, -3) <= 0)
            mpfr_set_zero(out, 1);
        else if (mpfr_cmp_ui(x, 3) >= 0)
            mpfr_set_ui(out, 1, R);
        break;
    case ACTFAST_OP_HARDSWISH: /* x * hardsigmoid(x) */
        if (mpfr_cmp_si(x, -3) <= 0) {
            set_zero_like(out, x);
        } else if (mpfr_cmp_ui(x, 3) >= 0) {
            mpfr_set(out, x, R);
        } else {
            mpfr_add_ui(t, x, 3, R);
            mpfr_mul(out, x, t, R);
            mpfr_div_ui(out, out, 6, R);
        }
        break;
    case ACTFAST_OP_HARDSHRINK:
        if (abs_above(x, p->lambd))
            mpfr_set(out, x, R);
        else
            mpfr_set_zero(out, 1);
        break;
    case ACTFAST_OP_SOFTSHRINK:
        if (mpfr_cmp_d(x, p->lambd) > 0)
            mpfr_sub_d(out, x, p->lambd, R);
        else if (mpfr_cmp_d(x, -p->lambd) < 0)
            mpfr_add_d(out, x, p->lambd, R);
        else
            mpfr_set_zero(out, 1);
        break;
    case ACTFAST_OP_THRESHOLD:
        if (mpfr_cmp_d(x, p->threshold) > 0)
            mpfr_set(out, x, R);
        else
            mpfr_set_d(out, p->value, R);
        break;
    case ACTFAST_OP_SOFTSIGN:
        mpfr_abs(t, x, R);
        mpfr_add_ui(t, t, 1, R);
        mpfr_div(out, x, t, R);
        break;
    case ACTFAST_OP_SELU:
        if (mpfr_sgn(x) > 0) {
            mpfr_set(out, x, R);
        } else {
            mpfr_expm1(out, x, R);
            mpfr_mul_d(out, out, p->alpha, R);
        }
        mpfr_mul_d(out, out, p->lambd, R);
        break;
    case ACTFAST_OP_CELU:
        if (mpfr_sgn(x) > 0) {
            mpfr_set(out, x, R);
        } else {
            mpfr_div_d(t, x, p->alpha, R);
            mpfr_expm1(out, t, R);
            mpfr_mul_d(out, out, p->alpha, R);
        }
        break;
    case ACTFAST_OP_LOGSIGMOID: /* -softplus(-x) */
        mpfr_neg(t, x, R);
        softplus(out, t);
        mpfr_neg(out, out, R);
        break;
    case ACTFAST_OP_SWISH: /* x sigmoid(beta x) */
        mpfr_mul_d(t, x, p->beta, R);
        sigmoid(t, t);
        mpfr_mul(out, x, t, R);
        break;
    case ACTFAST_OP_GELU_TANH: /* x sigmoid(z): 1 + tanh(u) = 2 sigmoid(2u) */
        gelu_tanh_z(t, NULL, x);
        sigmoid(t, t);
        mpfr_mul(out, x, t, R);
        break;
    case ACTFAST_OP_TANHSHRINK: /* odd: tanhshrink(-0) = -0 */
        if (mpfr_zero_p(x))
            set_zero_like(out, x);
        else
            tanhshrink(out, x);
        break;
    case ACTFAST_OP_PRELU:
        if (mpfr_sgn(x) > 0)
            mpfr_set(out, x, R);
        else
            mpfr_mul_d(out, x, p->weight, R);
        break;
    case ACTFAST_OP_RRELU: /* eval mode: slope (lower + upper)/2, exactly */
        if (mpfr_sgn(x) > 0) {
            mpfr_set(out, x, R);
        } else {
            mpfr_set_d(t, p->lower, R);
            mpfr_add_d(t, t, p->upper, R);
            mpfr_div_2ui(t, t, 1, R);
            mpfr_mul(out, x, t, R);
        }
        break;
    default:
        mpfr_set_nan(out);
        break;
    }
    if (isnan(xd))
        mpfr_set_nan(out);
    mpfr_clears(x, t, (mpfr_ptr)0);
}

void ref_grad(actfast_op op, const actfast_params *p, double xd, mpfr_t out, mpfr_t scale)
{
    num x, a, b;
    num_init(x);
    num_init(a);
    num_init(b);
    set_input(x, xd);
    mpfr_set_zero(scale, 1);
    switch (op) {
    case ACTFAST_OP_SIGMOID: /* sigmoid(x) sigmoid(-x) */
        sigmoid(a, x);
        mpfr_neg(b, x, R);
        sigmoid(b, b);
        mpfr_mul(out, a, b, R);
        break;
    case ACTFAST_OP_TANH:
        sech2(out, x);
        break;
    case ACTFAST_OP_RELU:
        mpfr_set_ui(out, mpfr_sgn(x) > 0, R);
        break;
    case ACTFAST_OP_LEAKY_RELU:
        if (mpfr_sgn(x) > 0)
            mpfr_set_ui(out, 1, R);
        else
            mpfr_set_d(out, p->slope, R);
        break;
    case ACTFAST_OP_ELU:
        if (mpfr_sgn(x) > 0) {
            mpfr_set_ui(out, 1, R);
        } else {
            mpfr_exp(out, x, R);
            mpfr_mul_d(out, out, p->alpha, R);
        }
        break;
    case ACTFAST_OP_GELU: /* Phi + x phi */
        normal_cdf(a, x);
        normal_pdf(b, x);
        mpfr_mul(b, b, x, R);
        sum_of_terms(out, scale, a, b);
        break;
    case ACTFAST_OP_SILU: /* sigmoid + x sigmoid (1 - sigmoid) */
        sigmoid(a, x);
        mpfr_neg(b, x, R);
        sigmoid(b, b);
        mpfr_mul(b, b, a, R);
        mpfr_mul(b, b, x, R);
        sum_of_terms(out, scale, a, b);
        break;
    case ACTFAST_OP_MISH: /* tanh(sp) + x sech^2(sp) sigmoid */
        softplus(a, x);
        sech2(b, a);
        mpfr_tanh(a, a, R);
        mpfr_mul(b, b, x, R);
        sigmoid(out, x);
        mpfr_mul(b, b, out, R);
        sum_of_terms(out, scale, a, b);
        break;
    case ACTFAST_OP_SOFTPLUS:
        mpfr_mul_d(a, x, p->beta, R);
        if (mpfr_cmp_d(a, p->threshold) > 0)
            mpfr_set_ui(out, 1, R);
        else
            sigmoid(out, a);
        break;
    case ACTFAST_OP_RELU6:
        indicator(out, x, 0, 6);
        break;
    case ACTFAST_OP_HARDTANH:
        indicator(out, x, p->lo, p->hi);
        break;
    case ACTFAST_OP_HARDSIGMOID:
        indicator(out, x, -3, 3);
        mpfr_div_ui(out, out, 6, R);
        break;
    case ACTFAST_OP_HARDSWISH: /* 0 below -3, (2x + 3)/6 on [-3, 3), 1 from 3 */
        if (mpfr_cmp_si(x, -3) < 0) {
            mpfr_set_zero(out, 1);
        } else if (mpfr_cmp_ui(x, 3) >= 0) {
            mpfr_set_ui(out, 1, R);
        } else {
            mpfr_mul_2ui(out, x, 1, R);
            mpfr_add_ui(out, out, 3, R);
            mpfr_div_ui(out, out, 6, R);
        }
        break;
    case ACTFAST_OP_HARDSHRINK:
    case ACTFAST_OP_SOFTSHRINK:
        mpfr_set_ui(out, abs_above(x, p->lambd), R);
        break;
    case ACTFAST_OP_THRESHOLD:
        mpfr_set_ui(out, mpfr_cmp_d(x, p->threshold) > 0, R);
        break;
    case ACTFAST_OP_SOFTSIGN: /* 1/(1 + |x|)^2 */
        mpfr_abs(a, x, R);
        mpfr_add_ui(a, a, 1, R);
        mpfr_sqr(a, a, R);
        mpfr_ui_div(out, 1, a, R);
        break;
    case ACTFAST_OP_SELU:
        if (mpfr_sgn(x) > 0) {
            mpfr_set_d(out, p->lambd, R);
        } else {
            mpfr_exp(out, x, R);
            mpfr_mul_d(out, out, p->alpha, R);
            mpfr_mul_d(out, out, p->lambd, R);
        }
        break;
    case ACTFAST_OP_CELU:
        if (mpfr_sgn(x) > 0) {
            mpfr_set_ui(out, 1, R);
        } else {
            mpfr_div_d(out, x, p->alpha, R);
            mpfr_exp(out, out, R);
        }
        break;
    case ACTFAST_OP_LOGSIGMOID: /* sigmoid(-x) */
        mpfr_neg(a, x, R);
        sigmoid(out, a);
        break;
    case ACTFAST_OP_SWISH: /* sigmoid(z) + z sigmoid(z) sigmoid(-z), z = beta x */
        mpfr_mul_d(x, x, p->beta, R);
        sigmoid(a, x);
        mpfr_neg(b, x, R);
        sigmoid(b, b);
        mpfr_mul(b, b, a, R);
        mpfr_mul(b, b, x, R);
        sum_of_terms(out, scale, a, b);
        break;
    case ACTFAST_OP_GELU_TANH: /* sigmoid(z) + x z' sigmoid(z) sigmoid(-z) */
        gelu_tanh_z(a, b, x);
        mpfr_mul(b, b, x, R);
        sigmoid(out, a);
        mpfr_neg(a, a, R);
        sigmoid(a, a);
        mpfr_mul(b, b, a, R);
        mpfr_mul(b, b, out, R);
        mpfr_set(a, out, R);
        sum_of_terms(out, scale, a, b);
        break;
    case ACTFAST_OP_TANHSHRINK: /* tanh^2 */
        mpfr_tanh(out, x, R);
        mpfr_sqr(out, out, R);
        break;
    case ACTFAST_OP_PRELU:
        if (mpfr_sgn(x) > 0)
            mpfr_set_ui(out, 1, R);
        else
            mpfr_set_d(out, p->weight, R);
        break;
    case ACTFAST_OP_RRELU:
        if (mpfr_sgn(x) > 0) {
            mpfr_set_ui(out, 1, R);
        } else {
            mpfr_set_d(out, p->lower, R);
            mpfr_add_d(out, out, p->upper, R);
            mpfr_div_2ui(out, out, 1, R);
        }
        break;
    default:
        mpfr_set_nan(out);
        break;
    }
    if (isnan(xd))
        mpfr_set_nan(out);
    if (mpfr_zero_p(scale) || mpfr_nan_p(out))
        mpfr_abs(scale, out, R);
    mpfr_clears(x, a, b, (mpfr_ptr)0);
}

void ref_grad_from_y(actfast_op op, const actfast_params *p, double yd, mpfr_t out)
{
    num y, t;
    num_init(y);
    num_init(t);
    mpfr_set_d(y, yd, R);
    switch (op) {
    case ACTFAST_OP_RELU: /* piecewise linear: y is on the same piece as x */
    case ACTFAST_OP_LEAKY_RELU:
    case ACTFAST_OP_RELU6:
    case ACTFAST_OP_HARDTANH:
        ref_grad(op, p, yd, out, t);
        break;
    case ACTFAST_OP_SIGMOID: /* y (1 - y) */
        mpfr_ui_sub(t, 1, y, R);
        mpfr_mul(out, y, t, R);
        break;
    case ACTFAST_OP_TANH: /* 1 - y^2 */
        mpfr_sqr(t, y, R);
        mpfr_ui_sub(out, 1, t, R);
        break;
    case ACTFAST_OP_ELU: /* y + alpha = alpha e^x for y <= 0 */
        if (mpfr_sgn(y) > 0)
            mpfr_set_ui(out, 1, R);
        else
            mpfr_add_d(out, y, p->alpha, R);
        break;
    case ACTFAST_OP_SELU: /* y + lambd alpha = lambd alpha e^x for y <= 0 */
        if (mpfr_sgn(y) > 0) {
            mpfr_set_d(out, p->lambd, R);
        } else {
            mpfr_set_d(t, p->lambd, R);
            mpfr_mul_d(t, t, p->alpha, R);
            mpfr_add(out, y, t, R);
        }
        break;
    case ACTFAST_OP_CELU: /* y/alpha + 1 = e^(x/alpha) for y <= 0 */
        if (mpfr_sgn(y) > 0) {
            mpfr_set_ui(out, 1, R);
        } else {
            mpfr_div_d(out, y, p->alpha, R);
            mpfr_add_ui(out, out, 1, R);
        }
        break;
    default:
        mpfr_set_nan(out);
        break;
    }
    if (mpfr_nan_p(y))
        mpfr_set_nan(out);
    mpfr_clears(y, t, (mpfr_ptr)0);
}

/* The +inf entries share the mass; a NaN makes the row NaN (as the library
 * documents); otherwise e^(x_j - m) / sum, which for a row of -inf is 0/0. */
static void softmax_row(const double *x, size_t n, mpfr_t *y)
{
    size_t infs = 0, nans = 0;
    double m = -INFINITY;
    for (size_t j = 0; j < n; j++) {
        infs += x[j] == INFINITY;
        nans += isnan(x[j]);
        m = x[j] > m ? x[j] : m;
    }
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

static void softmax_backward_row(const double *y, const double *dy, size_t n, mpfr_t *dx, mpfr_t *scale)
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

/* (x_j - m) - log sum_k e^(x_k - m); a +inf maximum gives -log(count) at the
 * +inf entries and -inf elsewhere; NaN rows and rows of -inf are NaN. */
static void log_softmax_row(const double *x, size_t n, mpfr_t *y)
{
    size_t infs = 0, nans = 0;
    double m = -INFINITY;
    for (size_t j = 0; j < n; j++) {
        infs += x[j] == INFINITY;
        nans += isnan(x[j]);
        m = x[j] > m ? x[j] : m;
    }
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
static void log_softmax_backward_row(const double *y, const double *dy, size_t n, mpfr_t *dx, mpfr_t *scale)
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

void ref_rows_forward(actfast_op op, const double *x, size_t n, mpfr_t *y)
{
    double *neg = NULL;
    switch (op) {
    case ACTFAST_OP_SOFTMAX:
        softmax_row(x, n, y);
        break;
    case ACTFAST_OP_LOG_SOFTMAX:
        log_softmax_row(x, n, y);
        break;
    case ACTFAST_OP_SOFTMIN: /* softmax(-x) */
        neg = malloc(n * sizeof(double));
        for (size_t j = 0; j < n; j++)
            neg[j] = -x[j];
        softmax_row(neg, n, y);
        free(neg);
        break;
    default:
        for (size_t j = 0; j < n; j++)
            mpfr_set_nan(y[j]);
        break;
    }
}

void ref_rows_backward(actfast_op op, const double *y, const double *dy, size_t n, mpfr_t *dx, mpfr_t *scale)
{
    switch (op) {
    case ACTFAST_OP_SOFTMAX:
        softmax_backward_row(y, dy, n, dx, scale);
        break;
    case ACTFAST_OP_LOG_SOFTMAX:
        log_softmax_backward_row(y, dy, n, dx, scale);
        break;
    case ACTFAST_OP_SOFTMIN: /* -(softmax's) */
        softmax_backward_row(y, dy, n, dx, scale);
        for (size_t j = 0; j < n; j++)
            mpfr_neg(dx[j], dx[j], R);
        break;
    default:
        for (size_t j = 0; j < n; j++)
            mpfr_set_nan(dx[j]);
        break;
    }
}
