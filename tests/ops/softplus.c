/* softplus(x) = beta x > threshold ? x : log1p(e^(beta x))/beta. */
#include <math.h>

#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    mpfr_mul_d(out, x, p->beta, R); /* exact: 2 x 53 bits < REF_PREC */
    if (mpfr_cmp_d(out, p->threshold) > 0) {
        mpfr_set(out, x, R);
    } else {
        ref_softplus(out, out);
        mpfr_div_d(out, out, p->beta, R);
    }
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    mpfr_mul_d(out, x, p->beta, R);
    if (mpfr_cmp_d(out, p->threshold) > 0)
        mpfr_set_ui(out, 1, R);
    else
        ref_sigmoid(out, out);
}

TEXTBOOK_FORMULA(textbook_f, x, return log1p(exp(x));)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_sigmoid)

const test_record record_softplus = {
    .forward = forward,
    .grad = grad,
    .extra_params = {{" beta=2", {.beta = 2, .threshold = INFINITY}},
                     {" beta=0.5 threshold=20", {.beta = 0.5, .threshold = 20}}},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
