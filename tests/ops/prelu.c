/* prelu(x) = x > 0 ? x : weight x, with one weight (the generic entry's):
 * leaky_relu with that weight as its slope. */
#include "record.h"
#include "reference.h"
#include "textbook.h"

static actfast_params as_leaky_relu(const actfast_params *p) { return (actfast_params){.slope = p->weight}; }

static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    const actfast_params leaky = as_leaky_relu(p);
    record_leaky_relu.forward(out, x, &leaky);
}

static void grad(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    const actfast_params leaky = as_leaky_relu(p);
    record_leaky_relu.grad(out, x, &leaky);
}

static int flat(double x, const actfast_params *p)
{
    const actfast_params leaky = as_leaky_relu(p);
    return record_leaky_relu.flat(x, &leaky);
}

/* one weight, 0.25 */
TEXTBOOK_FORMULA(textbook_f, x, return x > 0 ? x : (T)0.25 * x;)
TEXTBOOK_FORMULA(textbook_df, x, return x > 0 ? 1 : (T)0.25;)
TEXTBOOK_ELEMENTWISE(textbook_f, textbook_df)

const test_record record_prelu = {
    .forward = forward,
    .grad = grad,
    .flat = flat,
    .extra_params = {{" weight=-0.3", {.weight = -0.3}}, {" weight=0", {.weight = 0}}},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
