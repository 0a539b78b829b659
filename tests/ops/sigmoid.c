/* sigmoid(x) = 1/(1 + e^-x). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    ref_sigmoid(out, x);
}

/* sigmoid(x) sigmoid(-x): 1 - sigmoid(x) would cancel for large x. */
static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    num t;
    num_init(t);
    ref_sigmoid(out, x);
    mpfr_neg(t, x, R);
    ref_sigmoid(t, t);
    mpfr_mul(out, out, t, R);
    mpfr_clear(t);
}

/* y (1 - y) */
static void grad_from_y(mpfr_t out, const mpfr_t y, const actfast_params *p)
{
    (void)p;
    mpfr_ui_sub(out, 1, y, R);
    mpfr_mul(out, out, y, R);
}

TEXTBOOK_FORMULA(textbook_df, x, T s = TEXTBOOK(textbook_sigmoid)(x); return s * (1 - s);)
TEXTBOOK_FORMULA(textbook_df_from_y, y, return y * (1 - y);)
TEXTBOOK_ELEMENTWISE_FROM_Y(textbook_sigmoid, textbook_df, textbook_df_from_y)

const test_record record_sigmoid = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad_from_y,
    .sweep_worst = {-0x1.362c52p+2, 0x1.8f00eep+2},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
