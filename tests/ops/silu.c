/* silu(x) = x sigmoid(x). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    ref_sigmoid(out, x);
    mpfr_mul(out, out, x, R);
}

/* sigmoid + x sigmoid (1 - sigmoid), with sigmoid(-x) for 1 - sigmoid */
static void grad_terms(mpfr_t a, mpfr_t b, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    ref_sigmoid(a, x);
    mpfr_neg(b, x, R);
    ref_sigmoid(b, b);
    mpfr_mul(b, b, a, R);
    mpfr_mul(b, b, x, R);
}

TEXTBOOK_ELEMENTWISE(textbook_silu, textbook_silu_d)

const test_record record_silu = {
    .forward = forward,
    .grad_terms = grad_terms,
    .sweep_worst = {-0x1.5d5522p+4, -0x1.56a04ap+3},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
