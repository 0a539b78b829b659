/* celu(x) = x > 0 ? x : alpha expm1(x/alpha). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_set(out, x, R);
    } else {
        mpfr_div_d(out, x, p->alpha, R);
        mpfr_expm1(out, out, R);
        mpfr_mul_d(out, out, p->alpha, R);
    }
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_set_ui(out, 1, R);
    } else {
        mpfr_div_d(out, x, p->alpha, R);
        mpfr_exp(out, out, R);
    }
}

/* y/alpha + 1 = e^(x/alpha) for y <= 0 */
static void grad_from_y(mpfr_t out, const mpfr_t y, const actfast_params *p)
{
    if (mpfr_sgn(y) > 0) {
        mpfr_set_ui(out, 1, R);
    } else {
        mpfr_div_d(out, y, p->alpha, R);
        mpfr_add_ui(out, out, 1, R);
    }
}

/* alpha = 1: elu's formulas */
TEXTBOOK_ELEMENTWISE_FROM_Y(textbook_elu, textbook_elu_d, textbook_elu_d_from_y)

const test_record record_celu = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad_from_y,
    .extra_params = {{" alpha=0.3", {.alpha = 0.3}}, {" alpha=2", {.alpha = 2}}, {" alpha=1e-30", {.alpha = 1e-30}}},
    .sweep_worst = {-0x1.174c5ap-2, -0x1.783ee2p+2},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
