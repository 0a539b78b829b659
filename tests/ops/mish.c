/* mish(x) = x tanh(softplus(x)). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    ref_softplus(out, x);
    mpfr_tanh(out, out, R);
    mpfr_mul(out, out, x, R);
}

/* tanh(sp) + x sech^2(sp) sigmoid, sp = softplus(x) */
static void grad_terms(mpfr_t a, mpfr_t b, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    num s;
    num_init(s);
    ref_softplus(a, x);
    ref_sech2(b, a);
    mpfr_tanh(a, a, R);
    mpfr_mul(b, b, x, R);
    ref_sigmoid(s, x);
    mpfr_mul(b, b, s, R);
    mpfr_clear(s);
}

TEXTBOOK_FORMULA(textbook_f, x, return x * tanh(log1p(exp(x)));)
TEXTBOOK_FORMULA(textbook_df, x,
                 T t = tanh(log1p(exp(x)));
                 return t + x * (1 - t * t) * TEXTBOOK(textbook_sigmoid)(x);)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_mish = {
    .forward = forward,
    .grad_terms = grad_terms,
    .sweep_worst = {-0x1.643752p+6, -0x1.417a4ep-2},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
