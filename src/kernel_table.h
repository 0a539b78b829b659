/* What a kernel set (one per ISA) looks like to the dispatcher.
 *
 * Every kernel has the same signature, so that one table indexed by op and
 * form serves the typed API, the generic entry, the tests and the bench.
 * Kernels trust their arguments: src/api.c has validated them. */
#ifndef ACTFAST_KERNEL_TABLE_H
#define ACTFAST_KERNEL_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "actfast.h"

/* Parameters in the order of the op's row in ops.def; cols for row-wise ops;
 * slopes (float or double, n of them) for the slopes kernels only; stream:
 * the elementwise kernels write out with non-temporal stores (src/stream.c
 * decides, kernels/elementwise.h writes); ties and tie_ulps for the 16-bit
 * kernels (af_half_kernel) only. */
typedef struct af_params {
    double p[2];
    size_t cols;
    const void *slopes;
    int stream;
    uint16_t *ties;
    unsigned tie_ulps;
} af_params;

/* in: x (or y for backward_from_y); dy: NULL for forward and grad. */
typedef void (*af_kernel_f32)(const float *in, const float *dy, float *out, size_t n, const af_params *params);
typedef void (*af_kernel_f64)(const double *in, const double *dy, double *out, size_t n, const af_params *params);

/* A gated unit's forms: forward reads a and gate and writes out = y (dy and
 * dgate unused); backward reads a, gate and dy and writes out = da and dgate. */
typedef void (*af_gated_kernel_f32)(const float *a, const float *gate, const float *dy, float *out, float *dgate,
                                    size_t n);
typedef void (*af_gated_kernel_f64)(const double *a, const double *gate, const double *dy, double *out,
                                    double *dgate, size_t n);

/* The options of the row-wise ops' _ex forms as their row kernels take them
 * (src/rows_ex.c, kernels/rows_ex.h). transform: z = s x + mask with s =
 * scale_hi + scale_lo (the double itself for double arrays; two floats for
 * the others, scale_lo 0 below 2^-60 scale_hi); otherwise z = x, or -x with
 * negate (softmin). The backward rows: dx = s times the plain backward
 * (negate for softmin) where transform, the plain backward otherwise. */
typedef struct af_rows_ex {
    double scale_hi, scale_lo;
    int transform, negate;
    int plain; /* no options at all: the plain rows, a row of -inf NaN as theirs */
} af_rows_ex;

/* One row of an _ex form: in = x (forward) or y (backward, with dy); mask
 * the row's mask or NULL; out's first `live` entries computed over the first
 * `live` of in (and mask, dy), the others written as masked. scratch: 2 cols
 * elements for a forward row with transform, unused (may be NULL) otherwise;
 * a log_softmax row with transform leaves z - m in it as double words, the
 * high parts in [0, live) and the low ones in [cols, cols + live) (src/half.c
 * settles log_softmax's ties with them). */
typedef void (*af_row_kernel_f32)(const float *in, const float *mask, const float *dy, float *out, size_t cols,
                                  size_t live, const af_rows_ex *o, float *scratch);
typedef void (*af_row_kernel_f64)(const double *in, const double *mask, const double *dy, double *out, size_t cols,
                                  size_t live, const af_rows_ex *o, double *scratch);

/* The 16-bit storage formats, in the order of actfast_dtype's ACTFAST_BF16
 * and ACTFAST_F16. */
enum { AF_HALF_BF16, AF_HALF_F16, AF_HALF_COUNT };

/* out[i] = in[i] as float, exactly. */
typedef void (*af_widen_kernel)(const uint16_t *in, float *out, size_t n);
/* out[i] = in[i] rounded to the 16-bit format (nearest even); n <= 65536.
 * Returns how many in[i] lie within `ulps` float ulps of a tie of the format
 * (kernels/vec/half_bits.h), where a float result with that error bound may
 * have rounded the wrong way, and writes their indices to near[]; with near
 * NULL, only rounds (and returns 0). */
typedef size_t (*af_narrow_kernel)(const float *in, uint16_t *out, size_t n, uint16_t *near, unsigned ulps);
/* An elementwise kernel over 16-bit arrays (kernels/half.h): each vector
 * widened, the float body, rounded to the format, with no float array in
 * between. With params->ties, also writes ties[v] for each vector v of
 * `lanes` (af_kernels_f32) elements: bit k set where out[v lanes + k]'s
 * float result lies within params->tie_ulps float ulps of a tie of the
 * format, as narrow tests. */
typedef void (*af_half_kernel)(const uint16_t *in, const uint16_t *dy, uint16_t *out, size_t n,
                               const af_params *params);

/* One ISA's kernels of one dtype: kernels/table.c, compiled once per ISA and
 * dtype, defines one of these, actfast__kernels_<isa>_<dtype>.
 *   op          every op and form of src/ops.def (NULL where the op lacks the form)
 *   slopes      leaky_relu with one slope per element, read from
 *               params->slopes: prelu's channels and rrelu's training draws;
 *               forward, grad, backward
 *   param_grad  out = dy * df/dp per element, the terms of a trainable
 *               parameter's gradient (swish's beta, prelu's weight), which
 *               src/ sums; NULL for ops without one
 *   gated       the gated units' forward and backward (kernels/gated.h),
 *               indexed by op and form; NULL elsewhere
 *   rows_ex     the row-wise ops' _ex rows (kernels/rows_ex.h), forward and
 *               backward_from_y; NULL elsewhere
 *   widen, narrow  (float only) the 16-bit arrays to and from float, by
 *               format (src/half.c stages the 16-bit calls through them)
 *   half, half_slopes  (float only) op and slopes over 16-bit arrays, by
 *               format, op and form, for the elementwise ops whose float
 *               kernels are the float bodies (NULL for the wide ones of
 *               kernels/wide.h, which src/half.c stages)
 *   lanes       (float only) the floats of a vector, 16 at most */
typedef struct af_kernels_f32 {
    af_kernel_f32 op[ACTFAST_OP_COUNT][ACTFAST_FORM_COUNT];
    af_kernel_f32 slopes[ACTFAST_BACKWARD + 1];
    af_kernel_f32 param_grad[ACTFAST_OP_COUNT];
    af_gated_kernel_f32 gated[ACTFAST_OP_COUNT][ACTFAST_FORM_COUNT];
    af_row_kernel_f32 rows_ex[ACTFAST_OP_COUNT][ACTFAST_FORM_COUNT];
    af_widen_kernel widen[AF_HALF_COUNT];
    af_narrow_kernel narrow[AF_HALF_COUNT];
    af_half_kernel half[AF_HALF_COUNT][ACTFAST_OP_COUNT][ACTFAST_FORM_COUNT];
    af_half_kernel half_slopes[AF_HALF_COUNT][ACTFAST_BACKWARD + 1];
    unsigned lanes;
} af_kernels_f32;

typedef struct af_kernels_f64 {
    af_kernel_f64 op[ACTFAST_OP_COUNT][ACTFAST_FORM_COUNT];
    af_kernel_f64 slopes[ACTFAST_BACKWARD + 1];
    af_kernel_f64 param_grad[ACTFAST_OP_COUNT];
    af_gated_kernel_f64 gated[ACTFAST_OP_COUNT][ACTFAST_FORM_COUNT];
    af_row_kernel_f64 rows_ex[ACTFAST_OP_COUNT][ACTFAST_FORM_COUNT];
} af_kernels_f64;

/* An ISA as the API sees it: its name and both dtypes' kernels (src/dispatch.c). */
typedef struct af_kernel_set {
    const char *isa;
    const af_kernels_f32 *f32;
    const af_kernels_f64 *f64;
} af_kernel_set;

/* The kernels this build compiled (cmake/isa.cmake); scalar is SLEEF's purec
 * flavour and runs anywhere, scalar_fma its purecfma one and needs FMA. The
 * tables are hidden (cmake/isa.cmake), and in the actfast__ prefix because a
 * hidden global still clashes with a user's symbol of the same name when the
 * static archive is linked (tests/exports.cmake). */
extern const af_kernels_f32 actfast__kernels_scalar_f32, actfast__kernels_scalar_fma_f32,
    actfast__kernels_avx2_f32, actfast__kernels_avx512_f32, actfast__kernels_neon_f32;
extern const af_kernels_f64 actfast__kernels_scalar_f64, actfast__kernels_scalar_fma_f64,
    actfast__kernels_avx2_f64, actfast__kernels_avx512_f64, actfast__kernels_neon_f64;

#endif
