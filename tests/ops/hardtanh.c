/* hardtanh(x) = min(max(x, lo), hi). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (mpfr_cmp_d(x, p->lo) < 0)
        mpfr_set_d(out, p->lo, R);
    else if (mpfr_cmp_d(x, p->hi) > 0)
        mpfr_set_d(out, p->hi, R);
    else
        mpfr_set(out, x, R);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p) { ref_indicator(out, x, p->lo, p->hi); }

static int flat(double x, const actfast_params *p) { return x <= p->lo || x >= p->hi; }

TEXTBOOK_FORMULA(textbook_f, x, return x < -1 ? -1 : x > 1 ? 1 : x;)
TEXTBOOK_FORMULA(textbook_df, x, return x > -1 && x < 1 ? 1 : 0;)
TEXTBOOK_ELEMENTWISE_FROM_Y(textbook_f, textbook_df, textbook_df)

const test_record record_hardtanh = {
    .forward = forward,
    .grad = grad,
    .grad_from_y = grad, /* piecewise linear: y is on the same piece as x */
    .flat = flat,
    .extra_params = {{" lo=-2.5 hi=6", {.lo = -2.5, .hi = 6}}},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
