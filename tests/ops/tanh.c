/* tanh(x). */
#include "record.h"
#include "reference.h"

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

const test_record record_tanh = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad_from_y,
};
