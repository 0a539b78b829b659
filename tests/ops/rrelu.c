/* rrelu in eval mode (the generic entry's): x > 0 ? x : (lower + upper)/2 x. */
#include "record.h"
#include "reference.h"
#include "textbook.h"

/* the slope (lower + upper)/2, exactly */
static void slope(mpfr_t out, const actfast_params *p)
{
    mpfr_set_d(out, p->lower, R);
    mpfr_add_d(out, out, p->upper, R);
    mpfr_div_2ui(out, out, 1, R);
}

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_set(out, x, R);
    } else {
        slope(out, p);
        mpfr_mul(out, out, x, R);
    }
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    if (mpfr_sgn(x) > 0)
        mpfr_set_ui(out, 1, R);
    else
        slope(out, p);
}

static int flat(double x, const actfast_params *p) { return x <= 0 && p->lower == 0 && p->upper == 0; }

/* eval mode: the slope (1/8 + 1/3)/2 */
TEXTBOOK_FORMULA(textbook_f, x, return x > 0 ? x : ((T)0.125 + (T)1 / 3) / 2 * x;)
TEXTBOOK_FORMULA(textbook_df, x, return x > 0 ? 1 : ((T)0.125 + (T)1 / 3) / 2;)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_rrelu = {
    .forward = forward,
    .grad = grad,
    .flat = flat,
    .extra_params = {{" lower=0.1 upper=0.7", {.lower = 0.1, .upper = 0.7}},
                     {" lower=upper=0", {.lower = 0, .upper = 0}}},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
