/* Accurate sums of many terms, in portable C: the same bits on every ISA (the
 * terms themselves come from the kernels, which agree bit for bit).
 *
 * Neumaier's compensated summation in double: each addition's rounding error
 * (TwoSum, exact) is kept in c and added at the end, so the error is that of
 * a sum in twice the precision, |error| <= eps |sum| + O(n eps^2) sum |t_i|,
 * instead of n eps sum |t_i| for a plain loop: long channels lose no digits.
 * float terms are exact in double, so their sum is rounded ~once. */
#ifndef ACTFAST_SUM_H
#define ACTFAST_SUM_H

#include <math.h>

typedef struct af_sum {
    double s, c;
} af_sum;

static inline void af_sum_add(af_sum *a, double t)
{
    double s = a->s + t, bb = s - a->s;
    a->c += (a->s - (s - bb)) + (t - bb);
    a->s = s;
}

/* b's sum added to a's: a sum of segments summed apart (src/parallel.h),
 * merged in a fixed order, so that the result does not depend on which
 * thread summed which segment. */
static inline void af_sum_merge(af_sum *a, const af_sum *b)
{
    af_sum_add(a, b->s);
    a->c += b->c;
}

/* Once s is infinite or NaN, the compensation (inf - inf) means nothing. */
static inline double af_sum_value(const af_sum *a) { return isfinite(a->s) ? a->s + a->c : a->s; }

#endif
