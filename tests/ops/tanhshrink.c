/* tanhshrink(x) = x - tanh(x). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

/* Odd: tanhshrink(-0) = -0. Elsewhere x - tanh x at enough bits that the
 * cancellation (x^3/3 against x) leaves REF_PREC of them. */
static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    if (mpfr_zero_p(x)) {
        ref_set_zero_like(out, x);
        return;
    }
    const long e = mpfr_regular_p(x) ? mpfr_get_exp(x) : 0;
    num t;
    mpfr_init2(t, REF_PREC + 8 + 3 * (e < 0 ? -e : 0));
    mpfr_tanh(t, x, R);
    mpfr_sub(t, x, t, R);
    mpfr_set(out, t, R);
    mpfr_clear(t);
}

/* tanh^2 */
static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    mpfr_tanh(out, x, R);
    mpfr_sqr(out, out, R);
}

TEXTBOOK_FORMULA(textbook_f, x, return x - tanh(x);)
TEXTBOOK_FORMULA(textbook_df, x, T t = tanh(x); return t * t;)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_tanhshrink = {
    .forward = forward,
    .grad = grad,
    .sweep_worst = {0x1.ff9dfcp-1, 0x1.c27c8ap-1},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
