/* The inputs of the accuracy tests: every float or double that a user may
 * pass, weighted towards where activations go wrong. */
#ifndef ACTFAST_TEST_INPUTS_H
#define ACTFAST_TEST_INPUTS_H

#include <stddef.h>

#include "actfast.h"

typedef struct input_set {
    double *x; /* values exactly representable in the dtype */
    size_t n;
} input_set;

/* Dense grids over [-20, 20] and the tails (the exp-underflow region below
 * -88 / -708, gelu's x < -3, expm1 near 0, saturation), log-spaced
 * magnitudes from the smallest subnormal to the largest finite value of both
 * signs, random bit patterns, random values in [-30, 30], kinks and the
 * special values of SPEC 3. `scale` (ACTFAST_TEST_SCALE) multiplies the
 * sizes of the grids and random sets. */
input_set inputs_elementwise(actfast_dtype dtype, double scale);

/* Sorted and dense from far negative to far positive: for monotonicity. */
input_set inputs_sorted(actfast_dtype dtype, double scale);

/* Doubles around each nonzero centers[i]: the 2048 nearest on both sides
 * (times scale) and c (1 +- 2^-m) for m = 1 .. 52, where a float's worst
 * case, scaled to double precision, would lie (double has too many inputs
 * to sweep). */
input_set inputs_around(const double *centers, size_t count, double scale);

void inputs_free(input_set *s);

/* A uniform double in [0, 1) from a fixed-seed generator (xorshift). */
double inputs_uniform(unsigned long long *state);

#endif
