/* softsign(x) = x/(1 + |x|). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    mpfr_abs(out, x, R);
    mpfr_add_ui(out, out, 1, R);
    mpfr_div(out, x, out, R);
}

/* 1/(1 + |x|)^2 */
static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    mpfr_abs(out, x, R);
    mpfr_add_ui(out, out, 1, R);
    mpfr_sqr(out, out, R);
    mpfr_ui_div(out, 1, out, R);
}

TEXTBOOK_FORMULA(textbook_f, x, return x / (1 + fabs(x));)
TEXTBOOK_FORMULA(textbook_df, x, return 1 / ((1 + fabs(x)) * (1 + fabs(x)));)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_softsign = {
    .forward = forward,
    .grad = grad,
    .sweep_worst = {0, 0x1.6b644ap+61},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
