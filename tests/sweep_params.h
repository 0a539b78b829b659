/* The parameter sets of the exhaustive sweep (tests/exhaustive.c) and of the
 * check of its fast references (tests/test_fast_reference.c): every op's
 * defaults, and a few others per parameterized op, on both sides of 1 and
 * negative where the op accepts it. */
#ifndef ACTFAST_TEST_SWEEP_PARAMS_H
#define ACTFAST_TEST_SWEEP_PARAMS_H

#include "actfast.h"

typedef struct sweep_params {
    char name[64];    /* "default", or every parameter: "beta=0.5 threshold=inf" */
    actfast_params p; /* rounded to float, as the f32 kernels see them and the references must */
    int is_default;
    int monotone; /* f is non-decreasing at these parameters (the table's flag holds for the defaults) */
} sweep_params;

enum { SWEEP_MAX_SETS = 8 };

/* Fills sets (SWEEP_MAX_SETS of them at most), the defaults first; returns
 * how many. */
int sweep_param_sets(actfast_op op, sweep_params *sets);

#endif
