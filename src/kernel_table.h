/* What a kernel set (one per ISA) looks like to the dispatcher.
 *
 * Every kernel has the same signature, so that one table indexed by op and
 * form serves the typed API, the generic entry, the tests and the bench.
 * Kernels trust their arguments: src/api.c has validated them. */
#ifndef ACTFAST_KERNEL_TABLE_H
#define ACTFAST_KERNEL_TABLE_H

#include <stddef.h>

#include "actfast.h"

/* Parameters in the order of the op's row in ops.def; cols for row-wise ops;
 * slopes (float or double, n of them) for the slopes kernels only. */
typedef struct af_params {
    double p[2];
    size_t cols;
    const void *slopes;
} af_params;

/* in: x (or y for backward_from_y); dy: NULL for forward and grad. */
typedef void (*af_kernel_f32)(const float *in, const float *dy, float *out, size_t n, const af_params *params);
typedef void (*af_kernel_f64)(const double *in, const double *dy, double *out, size_t n, const af_params *params);

typedef struct af_kernel_set {
    const char *isa;
    af_kernel_f32 f32[ACTFAST_OP_COUNT][ACTFAST_FORM_COUNT];
    af_kernel_f64 f64[ACTFAST_OP_COUNT][ACTFAST_FORM_COUNT];
    /* leaky_relu with one slope per element, read from params->slopes:
     * prelu's channels and rrelu's training draws. Forward, grad, backward. */
    af_kernel_f32 slopes_f32[ACTFAST_BACKWARD + 1];
    af_kernel_f64 slopes_f64[ACTFAST_BACKWARD + 1];
    /* out = dy * df/dp per element, the terms of a trainable parameter's
     * gradient (swish's beta, prelu's weight), which src/ sums; NULL for ops
     * without one. */
    af_kernel_f32 param_grad_f32[ACTFAST_OP_COUNT];
    af_kernel_f64 param_grad_f64[ACTFAST_OP_COUNT];
} af_kernel_set;

/* One per compiled ISA (kernels/table.c, built once per ISA). */
extern const af_kernel_set af_kernels_scalar;       /* SLEEF purec: runs anywhere */
extern const af_kernel_set af_kernels_scalar_fma;   /* SLEEF purecfma: needs FMA */
extern const af_kernel_set af_kernels_avx2;
extern const af_kernel_set af_kernels_avx512;
extern const af_kernel_set af_kernels_neon;

#endif
