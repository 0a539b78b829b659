/* The errors of results of any dtype (float, double, bfloat16, binary16)
 * against MPFR, by the conventions of test_ulp.c (SPEC 4): the dtype's
 * rounding of an exact value, with its subnormals and overflow, and
 * |got - ref| in ULPs of the dtype at max(|ref|, scale). test_gated and
 * test_rows_ex share them. */
#ifndef ACTFAST_TEST_DTYPE_ULP_H
#define ACTFAST_TEST_DTYPE_ULP_H

#include <mpfr.h>

#include "actfast.h"

/* Significand bits, and MPFR's exponents (x = m 2^e, 1/2 <= m < 1) of the
 * smallest normal, the smallest subnormal and the largest finite value. */
typedef struct dtype_format {
    int precision;
    long emin_normal, emin, emax;
} dtype_format;

dtype_format format_of(actfast_dtype dt);

/* v rounded to nearest even to the dtype, with its subnormals and overflow
 * (NaN for NaN), as a double. */
double rounded(actfast_dtype dt, const mpfr_t v);

/* |got - ref| in ULPs of the dtype at max(|ref|, scale), the ULP of the
 * smallest normal exponent below it; 0 or INFINITY for results that must be
 * exact: NaN, infinities (where ref rounds to one), zeros (with their sign
 * where it matters). */
double ulp_error(actfast_dtype dt, const mpfr_t ref, const mpfr_t scale, double got, int zero_sign_matters);

#endif
