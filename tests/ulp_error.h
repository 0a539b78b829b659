/* The error of a float result in ULPs, by the conventions of test_ulp.c (SPEC 4):
 * |got - ref| in ULPs of float at max(|ref|, scale), the ULP of the smallest
 * normal exponent below it; 0 or infinity for results that must be exact: NaN
 * for NaN, a float infinity where ref rounds to one, a zero (with the sign of
 * ref's, for the forward function) where ref is exactly 0. scale is ref_grad's
 * size of the terms that f' adds up, 0 elsewhere. */
#ifndef ACTFAST_TEST_ULP_ERROR_H
#define ACTFAST_TEST_ULP_ERROR_H

#include <mpfr.h>

#include "fast_reference.h"

/* How far the error from a fast reference may be from the exact one: the
 * sweep's errors and maxima are exact to this. */
#define ULP_TOL 0x1p-20

/* Exactly, from MPFR's reference. */
double ulp_error_mpfr(const mpfr_t ref, const mpfr_t scale, float got, int zero_sign_matters);

/* From a fast reference r, when r decides it: returns 1 and sets *err to an
 * upper bound on the exact error, within ULP_TOL of it and on the same side
 * of bound; returns 0 when only MPFR can say (r too close to 0, to the bound,
 * to float's overflow threshold, or too coarse). */
int ulp_error_fast(const fr_result *r, float got, int zero_sign_matters, double bound, double *err);

#endif
