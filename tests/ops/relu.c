/* relu(x) = max(x, 0). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

/* relu(-0) = -0, relu(x < 0) = +0 */
static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    if (mpfr_sgn(x) > 0 || mpfr_zero_p(x) || mpfr_nan_p(x))
        mpfr_set(out, x, R);
    else
        mpfr_set_zero(out, 1);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    mpfr_set_ui(out, mpfr_sgn(x) > 0, R);
}

static int flat(double x, const actfast_params *p)
{
    (void)p;
    return x <= 0;
}

TEXTBOOK_FORMULA(textbook_df, x, return x > 0 ? 1 : 0;)
TEXTBOOK_ELEMENTWISE_FROM_Y(textbook_relu, textbook_df, textbook_df)

const test_record record_relu = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad, /* piecewise linear: y is on the same piece as x */
    .flat = flat,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
