/* selu(x) = lambd (x > 0 ? x : alpha expm1(x)): lambd times elu, whose
 * references (record_elu) read the same alpha. */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    record_elu.forward(out, x, p);
    mpfr_mul_d(out, out, p->lambd, R);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    record_elu.grad(out, x, p);
    mpfr_mul_d(out, out, p->lambd, R);
}

/* y + lambd alpha = lambd alpha e^x for y <= 0 */
static void grad_from_y(mpfr_t out, const mpfr_t y, const actfast_params *p)
{
    mpfr_set_d(out, p->lambd, R);
    if (mpfr_sgn(y) <= 0) {
        mpfr_mul_d(out, out, p->alpha, R);
        mpfr_add(out, out, y, R);
    }
}

TEXTBOOK_FORMULA(textbook_f, x, return (T)1.0507009873554804934 * (x > 0 ? x : (T)1.6732632423543772848 * expm1(x));)
TEXTBOOK_FORMULA(textbook_df, x, return (T)1.0507009873554804934 * (x > 0 ? 1 : (T)1.6732632423543772848 * exp(x));)
TEXTBOOK_FORMULA(textbook_df_from_y, y,
                 return y > 0 ? (T)1.0507009873554804934 : y + (T)1.0507009873554804934 * (T)1.6732632423543772848;)
TEXTBOOK_ELEMENTWISE_FROM_Y(textbook_f, textbook_df, textbook_df_from_y)

const test_record record_selu = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad_from_y,
    .extra_params = {{" alpha=1e-30", {.alpha = 1e-30, .lambd = 1.0507009873554804934}}},
    .sweep_worst = {-0x1.44ff4cp-2, -0x1.4342dep+0},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
