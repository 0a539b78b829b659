/* hardswish(x) = x hardsigmoid(x). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    if (mpfr_cmp_si(x, -3) <= 0) {
        ref_set_zero_like(out, x);
    } else if (mpfr_cmp_ui(x, 3) >= 0) {
        mpfr_set(out, x, R);
    } else {
        mpfr_add_ui(out, x, 3, R);
        mpfr_mul(out, out, x, R);
        mpfr_div_ui(out, out, 6, R);
    }
}

/* 0 below -3, (2x + 3)/6 on [-3, 3), 1 from 3 */
static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    if (mpfr_cmp_si(x, -3) < 0) {
        mpfr_set_zero(out, 1);
    } else if (mpfr_cmp_ui(x, 3) >= 0) {
        mpfr_set_ui(out, 1, R);
    } else {
        mpfr_mul_2ui(out, x, 1, R);
        mpfr_add_ui(out, out, 3, R);
        mpfr_div_ui(out, out, 6, R);
    }
}

static int flat(double x, const actfast_params *p)
{
    (void)p;
    return x < -3;
}

TEXTBOOK_FORMULA(textbook_f, x, return x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6;)
TEXTBOOK_FORMULA(textbook_df, x, return x < -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6;)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_hardswish = {
    .forward = forward,
    .grad = grad,
    .flat = flat,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
