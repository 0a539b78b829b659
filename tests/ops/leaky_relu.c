/* leaky_relu(x) = x > 0 ? x : slope x. */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (mpfr_sgn(x) > 0)
        mpfr_set(out, x, R);
    else
        mpfr_mul_d(out, x, p->slope, R);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (mpfr_sgn(x) > 0)
        mpfr_set_ui(out, 1, R);
    else
        mpfr_set_d(out, p->slope, R);
}

static int flat(double x, const actfast_params *p) { return x <= 0 && p->slope == 0; }

TEXTBOOK_FORMULA(textbook_f, x, return x > 0 ? x : (T)0.01 * x;)
TEXTBOOK_FORMULA(textbook_df, x, return x > 0 ? 1 : (T)0.01;)
TEXTBOOK_ELEMENTWISE_FROM_Y(textbook_f, textbook_df, textbook_df)

const test_record record_leaky_relu = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad, /* piecewise linear: y is on the same piece as x */
    .flat = flat,
    .extra_params = {{" slope=0.2", {.slope = 0.2}}, {" slope=0", {.slope = 0}}},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
