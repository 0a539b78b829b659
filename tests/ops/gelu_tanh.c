/* gelu_tanh(x) = x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

/* z = 2u = 2 sqrt(2/pi) (x + 0.044715 x^3), and with dz, z'(x) =
 * 2 sqrt(2/pi) (1 + 3 * 0.044715 x^2); 0.044715 is the exact decimal. */
static void gelu_tanh_z(mpfr_t z, mpfr_t dz, const mpfr_t x)
{
    num c, k, t;
    num_init(c);
    num_init(k);
    num_init(t);
    mpfr_const_pi(c, R);
    mpfr_ui_div(c, 2, c, R);
    mpfr_sqrt(c, c, R);
    mpfr_mul_2ui(c, c, 1, R);
    mpfr_set_str(k, "0.044715", 10, R);
    mpfr_sqr(t, x, R);
    mpfr_mul(t, t, k, R);
    if (dz) {
        mpfr_mul_ui(dz, t, 3, R);
        mpfr_add_ui(dz, dz, 1, R);
        mpfr_mul(dz, dz, c, R);
    }
    mpfr_add_ui(t, t, 1, R);
    mpfr_mul(t, t, x, R);
    mpfr_mul(z, t, c, R);
    mpfr_clears(c, k, t, (mpfr_ptr)0);
}

/* x sigmoid(z): 1 + tanh(u) = 2 sigmoid(2u) */
static void forward(mpfr_t out, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    gelu_tanh_z(out, NULL, x);
    ref_sigmoid(out, out);
    mpfr_mul(out, out, x, R);
}

/* sigmoid(z) + x z' sigmoid(z) sigmoid(-z) */
static void grad_terms(mpfr_t a, mpfr_t b, const mpfr_t x, const actfast_params *p)
{
    (void)p;
    num z;
    num_init(z);
    gelu_tanh_z(z, b, x);
    mpfr_mul(b, b, x, R);
    ref_sigmoid(a, z);
    mpfr_neg(z, z, R);
    ref_sigmoid(z, z);
    mpfr_mul(b, b, z, R);
    mpfr_mul(b, b, a, R);
    mpfr_clear(z);
}

TEXTBOOK_FORMULA(textbook_df, x,
                 const T k = (T)0.7978845608028654;
                 T t = tanh(k * (x + (T)0.044715 * x * x * x));
                 return (T)0.5 * (1 + t) + (T)0.5 * x * (1 - t * t) * k * (1 + 3 * (T)0.044715 * x * x);)
TEXTBOOK_ELEMENTWISE(textbook_gelu_tanh, textbook_df)

const test_record record_gelu_tanh = {
    .forward = forward,
    .grad_terms = grad_terms,
    .sweep_worst = {-0x1.6010acp+1, -0x1.cb0c74p+2},
    .textbook = &textbook,
    .gallery = {-7, 7},
};
