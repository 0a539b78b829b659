/* Fast references (see fast_reference.h): one function pair per op, stamped
 * into a table from src/ops.def, so that an elementwise op without its pair
 * does not compile.
 *
 * Error bounds are in EPS = 2^-53 (one correctly rounded operation),
 * relative, summed to first order over the operations of each formula (the
 * second-order terms are below 2^-100). Every formula has positive terms
 * only or cancels exactly (Sterbenz), except where a comment says how the
 * cancellation is paid for. FLOOR covers what double underflow loses: a
 * subnormal or vanished intermediate, at most 2^-1074 times a factor below
 * 2^128; it is 2^-751 float ULPs at the smallest exponent. */
#include "fast_reference.h"

#include <math.h>
#include <stddef.h>

#define EPS 0x1p-53
#define FLOOR 0x1p-900

/* glibc's double functions, round to nearest: exp, expm1 and log1p within
 * 1 ulp (2 EPS), tanh and erfc within a few (libm-test-ulps lists at most 2
 * and 5); each taken twice over here, for other glibc versions and
 * architectures. test_fast_reference shows how much of each bound is used. */
enum { E_EXP = 4, E_EXPM1 = 4, E_LOG1P = 4, E_TANH = 8, E_ERFC = 20 };

/* exp and erfc as glibc's, without its slow path (errno, exceptions) where
 * the result underflows to 0 anyway: e^-746 < 2^-1075, erfc(28) < 2^-1100.
 * Half of all floats lie beyond 746 in magnitude. */
static double exp0(double a) { return a < -746 ? 0 : exp(a); }
static double erfc0(double t) { return t > 28 ? 0 : erfc(t); }

static fr_result exact(double v) { return (fr_result){v, 0, 0}; }

/* v with a relative error of at most k EPS. */
static fr_result approx(double v, double k) { return (fr_result){v, k * EPS * fabs(v) + FLOOR, 0}; }

/* f' = a + b, a and b within ka and kb EPS: ref_grad's sum of two terms,
 * whose scale max(|a|, |b|) absorbs the cancellation near a root of f'. */
static fr_result terms(double a, double ka, double b, double kb)
{
    const double v = a + b;
    return (fr_result){v, ka * EPS * fabs(a) + kb * EPS * fabs(b) + EPS * fabs(v) + FLOOR, fmax(fabs(a), fabs(b))};
}

/* a + b rounded, and in *err what the rounding lost (Knuth's TwoSum). */
static double two_sum(double a, double b, double *err)
{
    const double s = a + b, bb = s - a;
    *err = (a - (s - bb)) + (b - bb);
    return s;
}

/* a + b, exact when the sum fits a double, as x - lambda does for floats of
 * nearby size: correctly rounded results (softshrink) then have their ties
 * exactly. */
static fr_result sum(double a, double b)
{
    double e;
    const double s = two_sum(a, b, &e);
    return e == 0 ? exact(s) : approx(s, 1);
}

/* a * b, exact when the product fits a double (its FMA remainder is 0). */
static fr_result product(double a, double b)
{
    const double v = a * b;
    return fma(a, b, -v) == 0 ? exact(v) : approx(v, 1);
}

/* ---- the logistic function --------------------------------------------- */

/* sigmoid(z) and sigmoid(-z) for z = zh + zl, zl below zh's last bit:
 * e = e^-|z| as exp(-|zh|) times 1 - |z|'s low part (first order), then
 * 1/(1 + e) and e/(1 + e), positive terms only. */
#define K_SIG (2 * E_EXP + 6)
static double sigmoid2(double zh, double zl, double *minus)
{
    const double low = zh >= 0 ? -zl : zl; /* -|z| = -|zh| + low */
    double e = exp0(-fabs(zh));
    e += e * low;
    const double d = 1 + e, big = 1 / d, small = e / d;
    *minus = zh >= 0 ? small : big;
    return zh >= 0 ? big : small;
}

/* ---- the ops, in the order of src/ops.def --------------------------------- */

static fr_result sigmoid_forward(double x, const actfast_params *p)
{
    (void)p;
    double minus;
    return approx(sigmoid2(x, 0, &minus), K_SIG);
}

static fr_result sigmoid_grad(double x, const actfast_params *p)
{
    (void)p;
    double minus;
    const double s = sigmoid2(x, 0, &minus);
    return approx(s * minus, 2 * K_SIG + 1);
}

static fr_result tanh_forward(double x, const actfast_params *p)
{
    (void)p;
    return approx(tanh(x), E_TANH);
}

/* sech^2 x = 4e/(1 + e)^2, e = e^-2|x|: no 1 - tanh^2 cancellation. */
static fr_result tanh_grad(double x, const actfast_params *p)
{
    (void)p;
    const double e = exp0(-2 * fabs(x)), d = 1 + e;
    return approx(4 * e / (d * d), 2 * E_EXP + 5);
}

static fr_result relu_forward(double x, const actfast_params *p)
{
    (void)p;
    return exact(x > 0 ? x : 0.0);
}

static fr_result relu_grad(double x, const actfast_params *p)
{
    (void)p;
    return exact(x > 0);
}

/* x times a float slope: 48 bits, exact in double (and -0 for a zero slope,
 * as ref_forward's product). */
static fr_result leaky_relu_forward(double x, const actfast_params *p) { return exact(x > 0 ? x : x * p->slope); }

static fr_result leaky_relu_grad(double x, const actfast_params *p) { return exact(x > 0 ? 1 : p->slope); }

static fr_result elu_forward(double x, const actfast_params *p)
{
    return x > 0 ? exact(x) : approx(p->alpha * expm1(x), E_EXPM1 + 1);
}

static fr_result elu_grad(double x, const actfast_params *p)
{
    return x > 0 ? exact(1) : approx(p->alpha * exp0(x), E_EXP + 1);
}

/* erfc(-x/sqrt 2) = 2 Phi(x), with -x/sqrt 2 = t + tl to twice double
 * precision (the FMA remainder and the low part of 1/sqrt 2): erfc(t + tl) =
 * erfc(t) - tl (2/sqrt pi) e^(-t^2) to first order. Rounding t alone would
 * cost 2t^2 EPS in the tail (t = 10: 200 EPS). */
#define K_TWO_PHI (E_ERFC + 2)
static double two_phi(double x)
{
    const double c = 0x1.6a09e667f3bcdp-1, c_lo = -0x1.bdd3413b26456p-55; /* 1/sqrt 2 */
    const double two_over_sqrt_pi = 0x1.20dd750429b6dp+0;
    const double px = x * c, t = -px, tl = -(fma(x, c, -px) + x * c_lo);
    return erfc0(t) - tl * two_over_sqrt_pi * exp0(-t * t);
}

static fr_result gelu_forward(double x, const actfast_params *p)
{
    (void)p;
    return approx(0.5 * x * two_phi(x), K_TWO_PHI + 1);
}

/* Phi + x phi; x^2 is exact (a float squared). */
static fr_result gelu_grad(double x, const actfast_params *p)
{
    (void)p;
    const double inv_sqrt_2pi = 0x1.9884533d43651p-2;
    return terms(0.5 * two_phi(x), K_TWO_PHI, x * (exp0(-0.5 * (x * x)) * inv_sqrt_2pi), E_EXP + 3);
}

static fr_result silu_forward(double x, const actfast_params *p)
{
    (void)p;
    double minus;
    return approx(x * sigmoid2(x, 0, &minus), K_SIG + 1);
}

/* sigmoid + x sigmoid(x) sigmoid(-x) */
static fr_result silu_grad(double x, const actfast_params *p)
{
    (void)p;
    double minus;
    const double s = sigmoid2(x, 0, &minus);
    return terms(s, K_SIG, x * s * minus, 2 * K_SIG + 2);
}

/* tanh(softplus(x)) and sech^2(softplus(x)) as rational functions of
 * E = e^-|x| with positive terms only: with u = 1 + e^x,
 * tanh = (u^2 - 1)/(u^2 + 1) and sech^2 = 4u^2/(u^2 + 1)^2, which for x >= 0
 * (u = (1 + E)/E) are (1 + 2E)/D and 4E^2 (1 + E)^2/D^2 with D = 1 + 2E + 2E^2,
 * and for x < 0 (u = 1 + E) are E(2 + E)/D and 4(1 + E)^2/D^2 with
 * D = 2 + E(2 + E). No tanh, no log1p, no 1 - tanh^2. */
#define K_MISH_TANH (4 * E_EXP + 6)
#define K_MISH_SECH2 (8 * E_EXP + 11)
static double mish_parts(double x, double *sech2)
{
    const double E = exp0(-fabs(x)), onep = 1 + E;
    if (x >= 0) {
        const double n = 1 + 2 * E, D = n + 2 * (E * E);
        *sech2 = 4 * (E * E) * (onep * onep) / (D * D);
        return n / D;
    }
    const double n = E * (2 + E), D = 2 + n;
    *sech2 = 4 * (onep * onep) / (D * D);
    return n / D;
}

static fr_result mish_forward(double x, const actfast_params *p)
{
    (void)p;
    double sech2;
    return approx(x * mish_parts(x, &sech2), K_MISH_TANH + 1);
}

/* tanh(sp) + x sech^2(sp) sigmoid(x) */
static fr_result mish_grad(double x, const actfast_params *p)
{
    (void)p;
    double sech2, minus;
    const double t = mish_parts(x, &sech2);
    return terms(t, K_MISH_TANH, x * sech2 * sigmoid2(x, 0, &minus), K_MISH_SECH2 + K_SIG + 2);
}

/* log1p(e^z) = max(z, 0) + log1p(e^-|z|), positive terms; beta x is exact
 * (two floats), as in ref_forward. */
static fr_result softplus_forward(double x, const actfast_params *p)
{
    const double z = p->beta * x;
    if (z > p->threshold)
        return exact(x);
    return approx((fmax(z, 0) + log1p(exp0(-fabs(z)))) / p->beta, E_EXP + E_LOG1P + 2);
}

static fr_result softplus_grad(double x, const actfast_params *p)
{
    const double z = p->beta * x;
    double minus;
    return z > p->threshold ? exact(1) : approx(sigmoid2(z, 0, &minus), K_SIG);
}

static fr_result relu6_forward(double x, const actfast_params *p)
{
    (void)p;
    return exact(x >= 6 ? 6 : x > 0 ? x : 0.0);
}

static fr_result relu6_grad(double x, const actfast_params *p)
{
    (void)p;
    return exact(x > 0 && x < 6);
}

static fr_result hardtanh_forward(double x, const actfast_params *p)
{
    return exact(x < p->lo ? p->lo : x > p->hi ? p->hi : x);
}

static fr_result hardtanh_grad(double x, const actfast_params *p) { return exact(x > p->lo && x < p->hi); }

/* x + 3 is exact near the root -3 (Sterbenz). */
static fr_result hardsigmoid_forward(double x, const actfast_params *p)
{
    (void)p;
    if (x <= -3)
        return exact(0.0);
    return x >= 3 ? exact(1) : approx((x + 3) / 6, 2);
}

static fr_result hardsigmoid_grad(double x, const actfast_params *p)
{
    (void)p;
    return x > -3 && x < 3 ? approx(1.0 / 6, 1) : exact(0);
}

/* x (x + 3)/6; -0 below -3, as ref_forward's x * 0. */
static fr_result hardswish_forward(double x, const actfast_params *p)
{
    (void)p;
    if (x <= -3)
        return exact(-0.0);
    return x >= 3 ? exact(x) : approx(x * (x + 3) / 6, 3);
}

/* (2x + 3)/6, exact in 2x + 3 near the root -1.5. */
static fr_result hardswish_grad(double x, const actfast_params *p)
{
    (void)p;
    if (x < -3)
        return exact(0);
    return x >= 3 ? exact(1) : approx((2 * x + 3) / 6, 2);
}

static fr_result hardshrink_forward(double x, const actfast_params *p) { return exact(fabs(x) > p->lambd ? x : 0.0); }

static fr_result shrink_grad(double x, const actfast_params *p) { return exact(fabs(x) > p->lambd); }

static fr_result hardshrink_grad(double x, const actfast_params *p) { return shrink_grad(x, p); }

static fr_result softshrink_forward(double x, const actfast_params *p)
{
    if (x > p->lambd)
        return sum(x, -p->lambd);
    return x < -p->lambd ? sum(x, p->lambd) : exact(0.0);
}

static fr_result softshrink_grad(double x, const actfast_params *p) { return shrink_grad(x, p); }

static fr_result threshold_forward(double x, const actfast_params *p) { return exact(x > p->threshold ? x : p->value); }

static fr_result threshold_grad(double x, const actfast_params *p) { return exact(x > p->threshold); }

static fr_result softsign_forward(double x, const actfast_params *p)
{
    (void)p;
    return approx(x / (1 + fabs(x)), 2);
}

static fr_result softsign_grad(double x, const actfast_params *p)
{
    (void)p;
    const double d = 1 + fabs(x);
    return approx(1 / (d * d), 4);
}

/* lambd x: two floats, exact. */
static fr_result selu_forward(double x, const actfast_params *p)
{
    return x > 0 ? exact(p->lambd * x) : approx(p->lambd * (p->alpha * expm1(x)), E_EXPM1 + 2);
}

static fr_result selu_grad(double x, const actfast_params *p)
{
    return x > 0 ? exact(p->lambd) : approx(p->lambd * (p->alpha * exp0(x)), E_EXP + 2);
}

/* x/alpha as t + tl, tl from the exact remainder of the division (FMA), so
 * that exp(x/alpha) = e^t (1 + tl) to first order: for alpha < 0, t grows to
 * 88 before celu overflows float, and rounding t alone would cost t EPS. */
static double celu_t(double x, double alpha, double *tl)
{
    const double t = x / alpha;
    *tl = fma(-t, alpha, x) / alpha;
    return t;
}

static fr_result celu_forward(double x, const actfast_params *p)
{
    if (x > 0)
        return exact(x);
    double tl;
    const double t = celu_t(x, p->alpha, &tl), em = expm1(t);
    if (isinf(em)) /* alpha < 0 and t > 709: far beyond FLT_MAX */
        return exact(p->alpha * em);
    return approx(p->alpha * (em + tl * (1 + em)), E_EXPM1 + 2);
}

static fr_result celu_grad(double x, const actfast_params *p)
{
    if (x > 0)
        return exact(1);
    double tl;
    const double t = celu_t(x, p->alpha, &tl), e = exp0(t);
    return isinf(e) ? exact(e) : approx(e + e * tl, E_EXP + 2);
}

/* -softplus(-x): -log1p(e^-x) above 0, x - log1p(e^x) below; one sign each. */
static fr_result logsigmoid_forward(double x, const actfast_params *p)
{
    (void)p;
    const double l = log1p(exp0(-fabs(x)));
    return approx(x > 0 ? -l : x - l, E_EXP + E_LOG1P + 1);
}

static fr_result logsigmoid_grad(double x, const actfast_params *p)
{
    (void)p;
    double minus;
    return approx(sigmoid2(-x, 0, &minus), K_SIG);
}

/* beta x: two floats, exact. */
static fr_result swish_forward(double x, const actfast_params *p)
{
    double minus;
    return approx(x * sigmoid2(p->beta * x, 0, &minus), K_SIG + 1);
}

/* sigmoid(z) + z sigmoid(z) sigmoid(-z), z = beta x */
static fr_result swish_grad(double x, const actfast_params *p)
{
    const double z = p->beta * x;
    double minus;
    const double s = sigmoid2(z, 0, &minus);
    return terms(s, K_SIG, z * s * minus, 2 * K_SIG + 2);
}

/* z = 2 sqrt(2/pi) x (1 + k x^2), k = 0.044715 (the decimal), to twice double
 * precision: sigmoid(z)'s relative condition is |z| sigmoid(-z), up to ~100
 * where gelu_tanh underflows float. x^2 is exact (a float squared); the rest
 * is double-word products (FMA remainders) and sums (TwoSum). */
static double gelu_tanh_z(double x, double *zl)
{
    const double c = 0x1.9884533d43651p+0, c_lo = -0x1.cbc0d30ebfd15p-54; /* 2 sqrt(2/pi) */
    const double k = 0x1.6e4e26d4801f7p-5, k_lo = 0x1.441355475a31ap-59;  /* 0.044715 */
    const double x2 = x * x;
    const double q = k * x2, q_lo = fma(k, x2, -q) + k_lo * x2;
    double s_lo;
    const double s = two_sum(1, q, &s_lo);
    s_lo += q_lo;
    const double u = x * s, u_lo = fma(x, s, -u) + x * s_lo;
    const double z = c * u;
    *zl = fma(c, u, -z) + c * u_lo + c_lo * u;
    return z;
}

static fr_result gelu_tanh_forward(double x, const actfast_params *p)
{
    (void)p;
    double zl, minus;
    const double z = gelu_tanh_z(x, &zl);
    return approx(x * sigmoid2(z, zl, &minus), K_SIG + 2);
}

/* sigmoid(z) + x z' sigmoid(z) sigmoid(-z), z' = 2 sqrt(2/pi) (1 + 3k x^2). */
static fr_result gelu_tanh_grad(double x, const actfast_params *p)
{
    (void)p;
    double zl, minus;
    const double z = gelu_tanh_z(x, &zl), s = sigmoid2(z, zl, &minus);
    const double dz = 0x1.9884533d43651p+0 * (1 + 3 * 0x1.6e4e26d4801f7p-5 * (x * x));
    return terms(s, K_SIG + 1, x * dz * s * minus, 2 * K_SIG + 8);
}

/* x - tanh x = x^3 sum_k p_k x^2k: the Taylor series, filled by fr_init. */
enum { TANHSHRINK_TERMS = 46 };
static double tanhshrink_p[TANHSHRINK_TERMS];

void fr_init(void)
{
    /* tanh x = sum_n t_n x^(2n+1); tanh' = 1 - tanh^2 gives
     * t_n = -(sum_{i+j=n-1} t_i t_j)/(2n + 1), whose products share one sign:
     * no cancellation, each t_n within a few EPS. p_k = -t_(k+1). */
    double t[TANHSHRINK_TERMS + 1];
    t[0] = 1;
    for (int n = 1; n <= TANHSHRINK_TERMS; n++) {
        double s = 0;
        for (int i = 0; i < n; i++)
            s += t[i] * t[n - 1 - i];
        t[n] = -s / (2 * n + 1);
    }
    for (int k = 0; k < TANHSHRINK_TERMS; k++)
        tanhshrink_p[k] = -t[k + 1];
}

/* Below |x| = 1 the series, as many terms as w = x^2 needs: |p_k/p_0| <=
 * 0.41^k and w < 2^(1 - e) for e = -ilogb(w), so terms from
 * k = 58/(e + 0.286) on add less than 2^-58. Above, x - tanh x cancels at
 * most by a factor 4.2 (at 1), which the bound carries as tanh's error. */
static fr_result tanhshrink_forward(double x, const actfast_params *p)
{
    (void)p;
    if (fabs(x) >= 1) {
        const double t = tanh(x), v = x - t;
        return (fr_result){v, E_TANH * EPS * fabs(t) + EPS * fabs(v) + FLOOR, 0};
    }
    const double w = x * x;
    const int needed = (int)(58.0 / (-ilogb(w) + 0.286)) + 1;
    const int n = needed < TANHSHRINK_TERMS ? needed : TANHSHRINK_TERMS;
    double s = tanhshrink_p[n - 1];
    for (int k = n - 2; k >= 0; k--)
        s = tanhshrink_p[k] + w * s;
    return approx(x * w * s, 14);
}

static fr_result tanhshrink_grad(double x, const actfast_params *p)
{
    (void)p;
    const double t = tanh(x);
    return approx(t * t, 2 * E_TANH + 1);
}

static fr_result prelu_forward(double x, const actfast_params *p) { return exact(x > 0 ? x : x * p->weight); }

static fr_result prelu_grad(double x, const actfast_params *p) { return exact(x > 0 ? 1 : p->weight); }

/* eval mode: the slope (lower + upper)/2, exact in ref_forward; exact here
 * too when the sum and the product fit a double. */
static fr_result rrelu_slope(const actfast_params *p)
{
    fr_result s = sum(p->lower, p->upper);
    s.v *= 0.5;
    s.err *= 0.5;
    return s;
}

static fr_result rrelu_forward(double x, const actfast_params *p)
{
    if (x > 0)
        return exact(x);
    const fr_result s = rrelu_slope(p), v = product(x, s.v);
    return s.err == 0 ? v : approx(v.v, 3);
}

static fr_result rrelu_grad(double x, const actfast_params *p) { return x > 0 ? exact(1) : rrelu_slope(p); }

/* ---- the table ------------------------------------------------------------ */

#define FR_ELEMENTWISE(name)                                                                                           \
    {                                                                                                                  \
        name##_forward, name##_grad                                                                                    \
    }
#define FR_ELEMENTWISE_OWN_API(name) FR_ELEMENTWISE(name)
#define FR_ROWWISE(name)                                                                                               \
    {                                                                                                                  \
        NULL, NULL                                                                                                     \
    }
/* the exhaustive sweep runs one-argument functions; a gated unit's
 * activation is swept as its own op */
#define FR_GATED(name) FR_ROWWISE(name)

const fr_op fr_table[ACTFAST_OP_COUNT] = {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64)                   \
    [ACTFAST_OP_##ENUM] = FR_##kind(name),
#include "ops.def"
#undef AF_OP
};
