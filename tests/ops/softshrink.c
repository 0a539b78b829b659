/* softshrink(x) = x > lambd ? x - lambd : x < -lambd ? x + lambd : 0. */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (mpfr_cmp_d(x, p->lambd) > 0)
        mpfr_sub_d(out, x, p->lambd, R);
    else if (mpfr_cmp_d(x, -p->lambd) < 0)
        mpfr_add_d(out, x, p->lambd, R);
    else
        mpfr_set_zero(out, 1);
}

/* f' and its flat band are hardshrink's: 1 outside [-lambd, lambd], 0 inside. */
static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p) { record_hardshrink.grad(out, x, p); }

static int flat(double x, const actfast_params *p) { return record_hardshrink.flat(x, p); }

TEXTBOOK_FORMULA(textbook_f, x, return x > (T)0.5 ? x - (T)0.5 : x < (T)-0.5 ? x + (T)0.5 : 0;)
TEXTBOOK_FORMULA(textbook_df, x, return x > (T)0.5 || x < (T)-0.5 ? 1 : 0;)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_softshrink = {
    .forward = forward,
    .grad = grad,
    .flat = flat,
    .extra_params = {{" lambd=1.7", {.lambd = 1.7}}, {" lambd=0", {.lambd = 0}}},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
