/* Fast references for the exhaustive sweep (tests/exhaustive.c): every
 * elementwise op of src/ops.def, forward and f', evaluated in double from
 * glibc's libm in cancellation-free forms, with a bound on their own error.
 *
 * MPFR (tests/reference.c) takes about a microsecond per input, so 2^32
 * inputs times every op, form and parameter set would take weeks; these take
 * tens of nanoseconds. Each result carries an absolute error bound, so the
 * sweep knows when the double evaluation cannot decide an input (an error
 * near the bound, a reference near 0 whose sign or exactness matters) and
 * asks MPFR there. tests/test_fast_reference.c checks every bound against
 * MPFR.
 *
 * The value they approximate is exactly ref_forward's or ref_grad's at the
 * same x and parameters, with its conventions: the sign of zero, the scale of
 * the terms that f' adds up. They take finite, nonzero x only (the sweep
 * sends NaN, +-0 and +-inf, a handful of inputs, to MPFR). */
#ifndef ACTFAST_TEST_FAST_REFERENCE_H
#define ACTFAST_TEST_FAST_REFERENCE_H

#include "actfast.h"

/* v approximates the exact value within err (absolute; the same bound holds
 * for scale). err = 0: v is the exact value, with the exact sign of zero.
 * v = +-inf: the exact value is finite but far beyond FLT_MAX (float +-inf).
 * v = 0 with err > 0: the exact value underflowed double; it has v's sign.
 * scale: the largest term that f' adds up (ref_grad's scale), 0 where
 * nothing cancels (the sweep then measures against |v|, as ref_grad does). */
typedef struct fr_result {
    double v, err, scale;
} fr_result;

typedef fr_result (*fr_fn)(double x, const actfast_params *p);

typedef struct fr_op {
    fr_fn forward, grad;
} fr_op;

/* Indexed by actfast_op; NULL for the row-wise ops (out of the sweep's scope). */
extern const fr_op fr_table[ACTFAST_OP_COUNT];

/* Call once, before any thread uses the table (it fills the series of
 * tanhshrink). */
void fr_init(void);

#endif
