/* tanh(x). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    mpfr_tanh(out, x, R);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    ref_sech2(out, x);
}

/* 1 - y^2 */
static void grad_from_y(mpfr_t out, const mpfr_t y, const actfast_params *p)
{
    (void)p;
    mpfr_sqr(out, y, R);
    mpfr_ui_sub(out, 1, out, R);
}

TEXTBOOK_FORMULA(textbook_f, x, return tanh(x);)
TEXTBOOK_FORMULA(textbook_df, x, T t = tanh(x); return 1 - t * t;)
TEXTBOOK_FORMULA(textbook_df_from_y, y, return 1 - y * y;)
TEXTBOOK_ELEMENTWISE_FROM_Y(textbook_f, textbook_df, textbook_df_from_y)

const test_record record_tanh = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad_from_y,
    .sweep_worst = {0x1.010476p-3, 0x1.8f00eep+1},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
