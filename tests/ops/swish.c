/* swish(x) = x sigmoid(beta x). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    mpfr_mul_d(out, x, p->beta, R);
    ref_sigmoid(out, out);
    mpfr_mul(out, out, x, R);
}

/* sigmoid(z) + z sigmoid(z) sigmoid(-z), z = beta x */
static void grad_terms(mpfr_t a, mpfr_t b, const mpfr_t x, const actfast_params *p)
{
    num z;
    num_init(z);
    mpfr_mul_d(z, x, p->beta, R);
    ref_sigmoid(a, z);
    mpfr_neg(b, z, R);
    ref_sigmoid(b, b);
    mpfr_mul(b, b, a, R);
    mpfr_mul(b, b, z, R);
    mpfr_clear(z);
}

/* beta = 1: silu's formulas */
TEXTBOOK_ELEMENTWISE(textbook_silu, textbook_silu_d)

const test_record record_swish = {
    .forward = forward,
    .grad_terms = grad_terms,
    .extra_params = {{" beta=1.702", {.beta = 1.702}},
                     {" beta=-0.5", {.beta = -0.5}},
                     {" beta=0", {.beta = 0}},
                     {" beta=1e-3", {.beta = 1e-3}},
                     {" beta=1e30", {.beta = 1e30}}},
    .sweep_worst = {-0x1.5d5522p+4, -0x1.6706b6p+6},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
