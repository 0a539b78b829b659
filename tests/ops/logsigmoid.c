/* logsigmoid(x) = log sigmoid(x). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

/* -softplus(-x) */
static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    mpfr_neg(out, x, R);
    ref_softplus(out, out);
    mpfr_neg(out, out, R);
}

/* sigmoid(-x) */
static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    mpfr_neg(out, x, R);
    ref_sigmoid(out, out);
}

TEXTBOOK_FORMULA(textbook_f, x, return -log1p(exp(-x));)
TEXTBOOK_FORMULA(textbook_df, x, return 1 / (1 + exp(x));)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_logsigmoid = {
    .forward = forward,
    .grad = grad,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
