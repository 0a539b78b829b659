/* ULP errors of float results (see ulp_error.h). */
#include "ulp_error.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "dtype_ulp.h"
#include "reference.h"

/* Float's precision and the exponent of its smallest normal, in MPFR's
 * convention (m 2^e with m in [1/2, 1), as frexp). */
enum { PRECISION = 24, EMIN = -125 };

double ulp_error_mpfr(const mpfr_t ref, const mpfr_t scale, float got, int zero_sign_matters)
{
    return ulp_error(ACTFAST_F32, ref, scale, got, zero_sign_matters);
}

/* frexp's exponent of m > 0, at least EMIN (every subnormal double is below
 * float's smallest normal), from the bits: the sweep calls it billions of times. */
static int exponent(double m)
{
    uint64_t b;
    memcpy(&b, &m, sizeof b);
    const int e = (int)(b >> 52) - 1022;
    return e > EMIN ? e : EMIN;
}

/* 2^k for the k of ULPs of float (-105 .. 149 here): exact, no libm call. */
static double two_to(int k)
{
    const uint64_t b = (uint64_t)(1023 + k) << 52;
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static double max(double a, double b) { return a > b ? a : b; }

/* One rounding, relative: what widens a bound computed in double so that it
 * stays a bound. */
#define ROUNDING 0x1p-52

int ulp_error_fast(const fr_result *r, float got, int zero_sign_matters, double bound, double *err)
{
    if (isnan(got)) {
        *err = INFINITY;
        return 1;
    }
    if (isinf(r->v)) {
        *err = got == r->v ? 0 : INFINITY;
        return 1;
    }
    const int inexact = r->err > 0;
    /* |ref| lies in [mlo, mhi], scale in [slo, shi] */
    const double a = fabs(r->v);
    const double mlo = inexact ? (a - r->err) * (1 - ROUNDING) : a, mhi = inexact ? (a + r->err) * (1 + ROUNDING) : a;
    const double slo = inexact ? (r->scale - r->err) * (1 - ROUNDING) : r->scale;
    const double shi = inexact ? (r->scale + r->err) * (1 + ROUNDING) : r->scale;
    if (mlo <= 0) {
        /* ref may be 0 exactly, or tiny with v's sign: a zero of that sign has
         * (next to) no error either way; anything else needs to know which. */
        const int zero_ok = got == 0 && (!zero_sign_matters || !signbit(got) == !signbit(r->v));
        if (!inexact) {
            *err = zero_ok ? 0 : INFINITY;
            return 1;
        }
        const double e = mhi * two_to(PRECISION - EMIN);
        if (!zero_ok || e > ULP_TOL || (e > bound) != (0 > bound))
            return 0;
        *err = e;
        return 1;
    }
    /* Whether ref rounds to a float infinity: above FLT_MAX + half an ulp. */
    const double overflow = 0x1.ffffffp127;
    if (mhi >= overflow) {
        if (mlo < overflow)
            return 0;
        *err = got == copysign(INFINITY, r->v) ? 0 : INFINITY;
        return 1;
    }
    if (isinf(got)) {
        *err = INFINITY;
        return 1;
    }
    /* |got - ref| in [dlo, dhi]: d + dd = got - v exactly (TwoSum). */
    const double g = got, d = g - r->v, gg = d + r->v, dd = (g - gg) + (-r->v - (d - gg));
    double dlo = fabs(d) - fabs(dd) - r->err, dhi = fabs(d) + fabs(dd) + r->err;
    if (inexact || dd != 0) {
        dlo *= 1 - ROUNDING;
        dhi *= 1 + ROUNDING;
    }
    const double lo = max(dlo, 0) * two_to(PRECISION - exponent(max(mhi, shi)));
    const double hi = dhi * two_to(PRECISION - exponent(max(mlo, slo)));
    if (hi - lo > ULP_TOL || (lo > bound) != (hi > bound))
        return 0;
    *err = hi;
    return 1;
}
