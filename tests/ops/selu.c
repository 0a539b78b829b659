/* selu(x) = lambd (x > 0 ? x : alpha expm1(x)): lambd times elu, whose
 * references (record_elu) read the same alpha. */
#include "record.h"
#include "reference.h"

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

const test_record record_selu = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad_from_y,
};
