/* The test record of an op: all that the tests, the bench and the gallery
 * know of one function beyond its row of src/ops.def, side by side, as
 * Highway's math tests keep function, reference, range and bound together.
 *
 * Each op has one file, tests/ops/<name>.c, that defines
 * `const test_record record_<name>`. records.cmake compiles that file for
 * every row of src/ops.def and test_records (tests/records.c) is stamped from
 * it, so an op of the table without a record does not configure, nor link;
 * the `records` test checks that each record is complete for its row. */
#ifndef ACTFAST_TEST_RECORD_H
#define ACTFAST_TEST_RECORD_H

#include <mpfr.h>
#include <stddef.h>

#include "actfast.h"

/* A parameter set tested beside the defaults. */
typedef struct param_set {
    const char *name;      /* as the verdict lines print it: " slope=0.2" */
    actfast_params params; /* every parameter of the op */
} param_set;

enum { RECORD_EXTRA_PARAMS = 5 };

/* The bench's baseline of one form (tests/textbook.h), in the shape of
 * actfast_apply: in is x (y = f(x) for backward_from_y), dy only for the
 * backward forms, float or double arrays of n elements; a row-wise op's rows
 * are TEXTBOOK_ROW_LENGTH long, the bench's. */
typedef void (*textbook_loop)(const void *in, const void *dy, void *out, size_t n);
#define TEXTBOOK_ROW_LENGTH 1000

/* An op's baselines, by dtype and form; NULL for a form the op does not have. */
typedef struct textbook_loops {
    textbook_loop loop[2][ACTFAST_FORM_COUNT];
} textbook_loops;

typedef struct test_record {
    /* Elementwise ops: the exact references (tests/reference.h), at the
     * precision of out. x is the input exactly, +-inf as +-2^1000000;
     * reference.c makes the result NaN for a NaN input. */
    void (*forward)(mpfr_t out, const mpfr_t x, const actfast_params *p);
    /* f'(x), where its formula does not cancel; */
    void (*grad)(mpfr_t out, const mpfr_t x, const actfast_params *p);
    /* or f'(x) as a + b where the terms can cancel: the error is measured
     * against the larger term near a root of f' (SPEC 4's "absolute terms"). */
    void (*grad_terms)(mpfr_t a, mpfr_t b, const mpfr_t x, const actfast_params *p);
    /* f' as the function of y = f(x) that backward_from_y computes: exactly
     * for the ops whose row has from_y. */
    void (*grad_from_y)(mpfr_t out, const mpfr_t y, const actfast_params *p);
    /* 1 where f' is 0 on a whole region around x, so that dx must be exactly
     * 0 whatever dy is (SPEC 2); NULL if f' has no such region. */
    int (*flat)(double x, const actfast_params *p);
    /* Parameter sets tested beside the defaults, up to the first without a name. */
    param_set extra_params[RECORD_EXTRA_PARAMS];
    /* Where all 2^32 floats through forward and f' at the defaults (scripts/run
     * exhaustive) found the largest error, if above 1/2 ulp: the double
     * tests run the doubles around them (inputs_around). 0 for none. */
    double sweep_worst[2];

    /* Row-wise ops: one row of n, forward, and backward from y with the size
     * of the terms that each dx_j adds up (the scale of its error). */
    void (*rows_forward)(const double *x, size_t n, mpfr_t *y);
    void (*rows_backward)(const double *y, const double *dy, size_t n, mpfr_t *dx, mpfr_t *scale);

    /* Gated units: the record of the activation applied to the gate, whose
     * forward and grad (or grad_terms) give the references of a act(g) and
     * of dy a act'(g). NULL for the other ops. */
    const struct test_record *gate_act;

    /* Every op: the bench's baselines (a gated unit's: forward only), */
    const textbook_loops *textbook;
    /* and the x range that docs/gallery draws f and f' over; its ends are
     * multiples of the gallery's step, 1/64, so that every kink is a point
     * ([-7, 7] for every op so far: past relu6's clip at 6). */
    struct {
        double lo, hi;
    } gallery;
} test_record;

#define AF_OP(name, ...) extern const test_record record_##name;
#include "ops.def"
#undef AF_OP

/* The record of every op, indexed by actfast_op. */
extern const test_record *const test_records[ACTFAST_OP_COUNT];

#endif
