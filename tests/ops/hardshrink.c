/* hardshrink(x) = |x| > lambd ? x : 0. */
#include <math.h>

#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (ref_abs_above(x, p->lambd))
        mpfr_set(out, x, R);
    else
        mpfr_set_zero(out, 1);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    mpfr_set_ui(out, ref_abs_above(x, p->lambd), R);
}

static int flat(double x, const actfast_params *p) { return fabs(x) <= p->lambd; }

TEXTBOOK_FORMULA(textbook_f, x, return x > (T)0.5 || x < (T)-0.5 ? x : 0;)
TEXTBOOK_FORMULA(textbook_df, x, return x > (T)0.5 || x < (T)-0.5 ? 1 : 0;)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_hardshrink = {
    .forward = forward,
    .grad = grad,
    .flat = flat,
    .extra_params = {{" lambd=1.7", {.lambd = 1.7}}, {" lambd=0", {.lambd = 0}}},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
