/* hardsigmoid(x) = min(max(x + 3, 0), 6)/6. */
#include <math.h>

#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    mpfr_add_ui(out, x, 3, R);
    mpfr_div_ui(out, out, 6, R);
    if (mpfr_cmp_si(x, -3) <= 0)
        mpfr_set_zero(out, 1);
    else if (mpfr_cmp_ui(x, 3) >= 0)
        mpfr_set_ui(out, 1, R);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    ref_indicator(out, x, -3, 3);
    mpfr_div_ui(out, out, 6, R);
}

static int flat(double x, const actfast_params *p)
{
    (void)p;
    return fabs(x) >= 3;
}

TEXTBOOK_FORMULA(textbook_f, x, return x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + (T)0.5;)
TEXTBOOK_FORMULA(textbook_df, x, return x > -3 && x < 3 ? (T)1 / 6 : 0;)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_hardsigmoid = {
    .forward = forward,
    .grad = grad,
    .flat = flat,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
