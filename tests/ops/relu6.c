/* relu6(x) = min(max(x, 0), 6). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

/* -0 stays -0, x < 0 gives +0 */
static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    if (mpfr_cmp_ui(x, 6) >= 0)
        mpfr_set_ui(out, 6, R);
    else if (mpfr_sgn(x) > 0 || mpfr_zero_p(x))
        mpfr_set(out, x, R);
    else
        mpfr_set_zero(out, 1);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    ref_indicator(out, x, 0, 6);
}

static int flat(double x, const actfast_params *p)
{
    (void)p;
    return x <= 0 || x >= 6;
}

TEXTBOOK_FORMULA(textbook_f, x, return x < 0 ? 0 : x > 6 ? 6 : x;)
TEXTBOOK_FORMULA(textbook_df, x, return x > 0 && x < 6 ? 1 : 0;)
TEXTBOOK_ELEMENTWISE_FROM_Y(textbook_f, textbook_df, textbook_df)

const test_record record_relu6 = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad, /* piecewise linear: y is on the same piece as x */
    .flat = flat,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
