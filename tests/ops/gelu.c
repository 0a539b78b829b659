/* gelu(x) = x Phi(x). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    ref_normal_cdf(out, x);
    mpfr_mul(out, out, x, R);
}

/* Phi + x phi */
static void grad_terms(mpfr_t a, mpfr_t b, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    ref_normal_cdf(a, x);
    ref_normal_pdf(b, x);
    mpfr_mul(b, b, x, R);
}

TEXTBOOK_FORMULA(textbook_df, x,
                 const T inv_sqrt_2pi = (T)0.3989422804014327;
                 return (T)0.5 * (1 + erf(x / sqrt((T)2))) + x * exp(-x * x / 2) * inv_sqrt_2pi;)
TEXTBOOK_ELEMENTWISE(textbook_gelu, textbook_df)

const test_record record_gelu = {
    .forward = forward,
    .grad_terms = grad_terms,
    .sweep_worst = {-0x1.68bd54p+3, -0x1.5ad4b6p-1},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
