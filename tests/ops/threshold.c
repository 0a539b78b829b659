/* threshold(x) = x > threshold ? x : value. */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (mpfr_cmp_d(x, p->threshold) > 0)
        mpfr_set(out, x, R);
    else
        mpfr_set_d(out, p->value, R);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    mpfr_set_ui(out, mpfr_cmp_d(x, p->threshold) > 0, R);
}

static int flat(double x, const actfast_params *p) { return x <= p->threshold; }

TEXTBOOK_FORMULA(textbook_f, x, return x > 0 ? x : 0;)
TEXTBOOK_FORMULA(textbook_df, x, return x > 0 ? 1 : 0;)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_threshold = {
    .forward = forward,
    .grad = grad,
    .flat = flat,
    .extra_params = {{" threshold=0.1 value=20", {.threshold = 0.1, .value = 20}}},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
