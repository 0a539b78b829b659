/* libactfast — SIMD neural-network activation functions and their gradients.
 *
 * One header, C11, usable from C++. Every entry point returns an
 * actfast_status; ACTFAST_OK is 0. What every call guarantees is in
 * docs/contract.md (installed as share/doc/actfast/contract.md); this header
 * has each function's formula, parameters and special cases.
 *
 * Arrays
 *   Any length n >= 0 and any alignment; nothing outside [p, p + n) is read or
 *   written. The output may be the same array as an input (in place); a partial
 *   overlap is refused with ACTFAST_ERR_OVERLAP. With n = 0, NULL pointers are
 *   fine. On any error nothing is written (the exceptions: ACTFAST_ERR_RUNNER
 *   of the parallel entry points, see "many cores", and their
 *   ACTFAST_ERR_OUT_OF_MEMORY, see "16-bit arrays").
 *   ACTFAST_ERR_SIZE_OVERFLOW refuses an n whose arrays no machine can hold,
 *   in place too: n * sizeof(T) past SIZE_MAX, past PTRDIFF_MAX or past 2^56
 *   bytes (the most user address space of any 64-bit architecture), or an
 *   array that would run past the end of the address space. A smaller n must
 *   describe memory the caller owns.
 *
 * Forms (T is float for _f32, double for _f64, actfast_bf16 for _bf16,
 * actfast_f16 for _f16; the parameters of the 16-bit forms are floats)
 *   actfast_<name>_<dt>(const T *x, T *y, size_t n, params...)                 y  = f(x)
 *   actfast_<name>_grad_<dt>(const T *x, T *g, size_t n, params...)            g  = f'(x)
 *   actfast_<name>_backward_<dt>(const T *x, const T *dy, T *dx, size_t n, ...) dx = dy * f'(x)
 *   actfast_<name>_backward_from_y_<dt>(const T *y, const T *dy, T *dx, ...)    dx = dy * f'(x), f' taken from y = f(x)
 *
 *   The _from_y forms are exact functions of the y they are given, but y is
 *   rounded: where f' is small and f flat (sigmoid'(x) for x > 17 in float:
 *   y rounds to 1 and 1 - y to 0) they lose what y lost. The x-based forms are
 *   accurate everywhere.
 *
 * 16-bit arrays (bfloat16 and IEEE binary16, held as their bit patterns)
 *   Every table function has _bf16 and _f16 forms, computed in float inside
 *   the call a block at a time (the halves converted on the way in and out,
 *   in one pass over memory). Forward and f' are correctly rounded for every
 *   16-bit input: the few results that lie so near a 16-bit tie that the
 *   float result cannot decide the rounding are computed again in double.
 *   Backward forms are within 1 ULP of the 16-bit type. Narrowing keeps -0
 *   and subnormal halves, rounds to nearest even, overflows to +-inf; every
 *   NaN stays a NaN. A row-wise call on rows longer than 384 stages one row in
 *   memory that it allocates, and returns ACTFAST_ERR_OUT_OF_MEMORY, having
 *   written nothing, when it cannot; a parallel call then leaves each row
 *   either as it was or final, as with ACTFAST_ERR_RUNNER.
 *   The forward and f' of the elementwise functions with long bodies (gelu,
 *   sigmoid, tanh, silu, softplus, ...) are looked up once a form has
 *   computed 131,072 elements of one type: its results for all 65,536
 *   inputs are then computed once and kept for the life of the process
 *   (128 KiB each, allocated by the call that earns them; one parameter
 *   set each, the first to earn one; without memory the calls compute).
 *   The bits are the same either way. A build with -DACTFAST_HALF_TABLES=OFF
 *   never allocates for them.
 *
 * Accuracy
 *   Every function's maximum error in ULPs of the result, forward and every
 *   gradient form, float and double, is in the table of the README and is
 *   returned by actfast_ulp_bound(); the test suite measures it against MPFR
 *   on every ISA. Near a root of f' (gelu, silu, mish) and for softmax's
 *   backward the error is measured against the size of the terms that cancel.
 *
 * Special values (the same on every ISA and at every position)
 *   NaN in gives NaN out, in every form. +-inf gives the limit. No intermediate
 *   overflows while the result is finite; results that are subnormal are
 *   computed as subnormals, not flushed. f(-0) = -0 where f(x) ~ c*x near 0.
 *   Where f' is 0 on a whole region (relu for x < 0) dx is exactly 0 whatever dy
 *   is; elsewhere an infinite dy gives the IEEE value of dy * f'(x) with f'(x)
 *   exact (+-inf; NaN at an exact root of f', and in the far exp tails where
 *   |f'(x)| < 2^-170, 2^-1440 for double), and row-wise backward the IEEE
 *   value of its formula. NaN payloads and signs may differ between ISAs
 *   (every NaN stays a NaN). A call runs with IEEE defaults (round to
 *   nearest, no FTZ/DAZ) whatever the caller's floating-point mode is, and
 *   leaves that mode, the exception flags and errno as they were: it raises
 *   no flag of its own (not even inexact; no FE_INVALID from a softmax row,
 *   no FE_OVERFLOW from an intermediate) and clears none of the caller's.
 *
 * Parameters
 *   are converted to the arrays' type and validated in that default mode, so
 *   the caller's DAZ, FTZ or rounding direction changes no status and no bit.
 *   An f32 call validates what it computes with, the parameter rounded to
 *   float: through actfast_apply, a double beta of 1e-50 is a float 0 and is
 *   refused like 0, a beta of 1e39 is a float inf. ACTFAST_ERR_INVALID_PARAMETER
 *   is returned for the values each function's comment names.
 *
 * ISA
 *   The best kernel set that the CPU and OS support is chosen on first use
 *   (thread-safe): "avx512" (F, DQ, BW, VL), "avx2" (AVX2 + FMA + F16C), "neon",
 *   "scalar". Every ISA returns the same bits for the same input (NaN
 *   payloads aside).
 *   ACTFAST_ISA=<name> in the environment acts as a first actfast_force_isa;
 *   if it names an ISA that is unknown or that this CPU cannot run, every call
 *   returns ACTFAST_ERR_UNKNOWN_ISA or ACTFAST_ERR_UNSUPPORTED_ISA until the
 *   program forces a valid one (no silent fallback).
 */
#ifndef ACTFAST_H
#define ACTFAST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Exported from a shared libactfast; everything else in it is hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define ACTFAST_API __attribute__((visibility("default")))
#else
#define ACTFAST_API
#endif

#define ACTFAST_VERSION_MAJOR 0
#define ACTFAST_VERSION_MINOR 1
#define ACTFAST_VERSION_PATCH 0

typedef enum actfast_status {
    ACTFAST_OK = 0,
    ACTFAST_ERR_NULL_POINTER = 1,      /* a NULL array with n > 0 */
    ACTFAST_ERR_OVERLAP = 2,           /* output partially overlaps an input */
    ACTFAST_ERR_INVALID_PARAMETER = 3, /* NaN parameter, beta = 0, cols = 0, ... */
    ACTFAST_ERR_SIZE_OVERFLOW = 4,     /* n (or rows * cols) elements fit no address space (see Arrays) */
    ACTFAST_ERR_UNKNOWN_ISA = 5,       /* actfast_force_isa or ACTFAST_ISA named no ISA this library has */
    ACTFAST_ERR_UNSUPPORTED_ISA = 6,   /* the named ISA exists but this CPU or OS cannot run it */
    ACTFAST_ERR_INVALID_ARGUMENT = 7,  /* generic entry: unknown op, form or dtype, or a form the op lacks */
    ACTFAST_ERR_RUNNER = 8,            /* parallel entry: the runner failed or left tasks unrun (see "many cores") */
    ACTFAST_ERR_OUT_OF_MEMORY = 9      /* 16-bit row-wise call on rows longer than 384: no memory to stage a row */
} actfast_status;

ACTFAST_API const char *actfast_status_string(actfast_status status);

/* The elements of the _bf16 and _f16 arrays: bfloat16 and IEEE binary16
 * values as their bit patterns (see "16-bit arrays"). */
typedef uint16_t actfast_bf16;
typedef uint16_t actfast_f16;

ACTFAST_API const char *actfast_version(void); /* "MAJOR.MINOR.PATCH" */

/* ---- ISA selection ------------------------------------------------------- */

/* Name of the kernel set in use: "avx512", "avx2", "neon", "scalar"; "none"
 * while ACTFAST_ISA holds an ISA that cannot be used. */
ACTFAST_API const char *actfast_active_isa(void);
/* Use exactly this kernel set from now on, in every thread; NULL or "auto"
 * goes back to automatic choice (ignoring ACTFAST_ISA). */
ACTFAST_API actfast_status actfast_force_isa(const char *name);
/* 1 if this library has the ISA and the CPU and OS can run it, else 0. */
ACTFAST_API int actfast_isa_supported(const char *name);

/* ---- non-temporal stores ------------------------------------------------- */

/* The elementwise functions that run at memory speed (relu, leaky_relu,
 * relu6, hardtanh, hardshrink, softshrink, threshold, rrelu outside
 * training, prelu through actfast_apply with one weight, hardsigmoid's
 * gradients, and sigmoid's, tanh's and elu's backward from y), on float and
 * double arrays, write an output of at least this many bytes with
 * non-temporal stores on AVX2 and AVX-512, unless it is written in place:
 * the lines go to memory without being read first and without evicting what
 * the caches hold, and the output is not cached afterwards. The bits are
 * the same either way. Default: half the last-level cache where the C
 * library reports its size, else 16 MiB. 0 streams every such output,
 * SIZE_MAX none. Thread-safe; a call that is running keeps the choice it
 * started with. */
ACTFAST_API size_t actfast_stream_threshold(void);
ACTFAST_API void actfast_set_stream_threshold(size_t bytes);

/* ---- elementwise functions ---------------------------------------------- */
/* Parameters follow n, with PyTorch's defaults given here in brackets. */

/* BEGIN GENERATED elementwise by tools/gen_header.c from src/ops.def and src/ops_doc.def: edit those, then run scripts/run header */
/* sigmoid(x) = 1 / (1 + e^-x), in [0, 1]; sigmoid(-100.0f) = 3.7e-44 (subnormal, not 0).
 * backward_from_y: f' = y * (1 - y). */
ACTFAST_API actfast_status actfast_sigmoid_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_backward_from_y_f32(const float *y, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_backward_from_y_f64(const double *y, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_backward_from_y_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);
ACTFAST_API actfast_status actfast_sigmoid_backward_from_y_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* tanh(x), in [-1, 1]. tanh'(x) = 4e/(1+e)^2 with e = exp(-2|x|): exact for large |x|.
 * backward_from_y: f' = 1 - y^2. */
ACTFAST_API actfast_status actfast_tanh_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_tanh_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_tanh_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_tanh_backward_from_y_f32(const float *y, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_tanh_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_tanh_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_tanh_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_tanh_backward_from_y_f64(const double *y, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_tanh_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_tanh_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_tanh_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_tanh_backward_from_y_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_tanh_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_tanh_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_tanh_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);
ACTFAST_API actfast_status actfast_tanh_backward_from_y_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* relu(x) = max(x, 0); relu(-0) = -0; relu'(0) = 0. */
ACTFAST_API actfast_status actfast_relu_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_relu_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_relu_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_relu_backward_from_y_f32(const float *y, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_relu_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_relu_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_relu_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_relu_backward_from_y_f64(const double *y, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_relu_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_relu_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_relu_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_relu_backward_from_y_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_relu_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_relu_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_relu_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);
ACTFAST_API actfast_status actfast_relu_backward_from_y_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* leaky_relu(x) = x > 0 ? x : slope * x  [slope = 0.01]; leaky_relu'(0) = slope.
 * slope must not be NaN; backward_from_y needs slope >= 0. */
ACTFAST_API actfast_status actfast_leaky_relu_f32(const float *x, float *y, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_grad_f32(const float *x, float *g, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_backward_f32(const float *x, const float *dy, float *dx, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_backward_from_y_f32(const float *y, const float *dy, float *dx, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_f64(const double *x, double *y, size_t n, double slope);
ACTFAST_API actfast_status actfast_leaky_relu_grad_f64(const double *x, double *g, size_t n, double slope);
ACTFAST_API actfast_status actfast_leaky_relu_backward_f64(const double *x, const double *dy, double *dx, size_t n, double slope);
ACTFAST_API actfast_status actfast_leaky_relu_backward_from_y_f64(const double *y, const double *dy, double *dx, size_t n, double slope);
ACTFAST_API actfast_status actfast_leaky_relu_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_backward_from_y_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float slope);
ACTFAST_API actfast_status actfast_leaky_relu_backward_from_y_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float slope);

/* elu(x) = x > 0 ? x : alpha * expm1(x)  [alpha = 1]; elu'(0) = alpha.
 * alpha must not be NaN; backward_from_y needs alpha >= 0 (f' = y + alpha for y <= 0). */
ACTFAST_API actfast_status actfast_elu_f32(const float *x, float *y, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_grad_f32(const float *x, float *g, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_backward_f32(const float *x, const float *dy, float *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_backward_from_y_f32(const float *y, const float *dy, float *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_f64(const double *x, double *y, size_t n, double alpha);
ACTFAST_API actfast_status actfast_elu_grad_f64(const double *x, double *g, size_t n, double alpha);
ACTFAST_API actfast_status actfast_elu_backward_f64(const double *x, const double *dy, double *dx, size_t n, double alpha);
ACTFAST_API actfast_status actfast_elu_backward_from_y_f64(const double *y, const double *dy, double *dx, size_t n, double alpha);
ACTFAST_API actfast_status actfast_elu_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_backward_from_y_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_elu_backward_from_y_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float alpha);

/* gelu(x) = x * Phi(x) = x/2 * erfc(-x/sqrt 2), the exact (erf) form; accurate in
 * the whole negative tail, down to where it underflows. */
ACTFAST_API actfast_status actfast_gelu_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_gelu_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_gelu_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_gelu_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_gelu_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_gelu_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_gelu_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_gelu_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_gelu_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_gelu_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_gelu_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_gelu_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* silu(x) = x * sigmoid(x); silu(-100.0f) = -3.7e-42 (not 0). */
ACTFAST_API actfast_status actfast_silu_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_silu_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_silu_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_silu_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_silu_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_silu_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_silu_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_silu_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_silu_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_silu_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_silu_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_silu_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* mish(x) = x * tanh(softplus(x)). */
ACTFAST_API actfast_status actfast_mish_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_mish_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_mish_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_mish_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_mish_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_mish_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_mish_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_mish_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_mish_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_mish_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_mish_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_mish_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* softplus(x) = beta*x > threshold ? x : log1p(exp(beta*x)) / beta  [beta = 1, threshold = +inf].
 * beta must be nonzero and not NaN, threshold not NaN. threshold = 20 reproduces
 * PyTorch's default (same float results; in double up to ~6e5 ULP off above 20,
 * which is why +inf is the default here). */
ACTFAST_API actfast_status actfast_softplus_f32(const float *x, float *y, size_t n, float beta, float threshold);
ACTFAST_API actfast_status actfast_softplus_grad_f32(const float *x, float *g, size_t n, float beta, float threshold);
ACTFAST_API actfast_status actfast_softplus_backward_f32(const float *x, const float *dy, float *dx, size_t n, float beta, float threshold);
ACTFAST_API actfast_status actfast_softplus_f64(const double *x, double *y, size_t n, double beta, double threshold);
ACTFAST_API actfast_status actfast_softplus_grad_f64(const double *x, double *g, size_t n, double beta, double threshold);
ACTFAST_API actfast_status actfast_softplus_backward_f64(const double *x, const double *dy, double *dx, size_t n, double beta, double threshold);
ACTFAST_API actfast_status actfast_softplus_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float beta, float threshold);
ACTFAST_API actfast_status actfast_softplus_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float beta, float threshold);
ACTFAST_API actfast_status actfast_softplus_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float beta, float threshold);
ACTFAST_API actfast_status actfast_softplus_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float beta, float threshold);
ACTFAST_API actfast_status actfast_softplus_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float beta, float threshold);
ACTFAST_API actfast_status actfast_softplus_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float beta, float threshold);

/* relu6(x) = min(max(x, 0), 6); relu6' = 0 at 0 and 6; f' from y: 1 on 0 < y < 6. */
ACTFAST_API actfast_status actfast_relu6_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_relu6_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_relu6_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_relu6_backward_from_y_f32(const float *y, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_relu6_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_relu6_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_relu6_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_relu6_backward_from_y_f64(const double *y, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_relu6_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_relu6_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_relu6_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_relu6_backward_from_y_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_relu6_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_relu6_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_relu6_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);
ACTFAST_API actfast_status actfast_relu6_backward_from_y_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* hardtanh(x) = min(max(x, lo), hi)  [lo = -1, hi = 1], lo <= hi, neither NaN;
 * hardtanh' = 0 at both bounds. */
ACTFAST_API actfast_status actfast_hardtanh_f32(const float *x, float *y, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_grad_f32(const float *x, float *g, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_backward_f32(const float *x, const float *dy, float *dx, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_backward_from_y_f32(const float *y, const float *dy, float *dx, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_f64(const double *x, double *y, size_t n, double lo, double hi);
ACTFAST_API actfast_status actfast_hardtanh_grad_f64(const double *x, double *g, size_t n, double lo, double hi);
ACTFAST_API actfast_status actfast_hardtanh_backward_f64(const double *x, const double *dy, double *dx, size_t n, double lo, double hi);
ACTFAST_API actfast_status actfast_hardtanh_backward_from_y_f64(const double *y, const double *dy, double *dx, size_t n, double lo, double hi);
ACTFAST_API actfast_status actfast_hardtanh_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_backward_from_y_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float lo, float hi);
ACTFAST_API actfast_status actfast_hardtanh_backward_from_y_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float lo, float hi);

/* hardsigmoid(x) = min(max(x + 3, 0), 6)/6, in [0, 1]; hardsigmoid'(+-3) = 0. */
ACTFAST_API actfast_status actfast_hardsigmoid_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_hardsigmoid_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* hardswish(x) = x * hardsigmoid(x): -0 for x <= -3, x for x >= 3 (hardswish(FLT_MAX) =
 * FLT_MAX); hardswish'(-3) = -1/2, hardswish'(3) = 1. */
ACTFAST_API actfast_status actfast_hardswish_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_hardswish_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_hardswish_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_hardswish_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_hardswish_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_hardswish_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_hardswish_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_hardswish_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_hardswish_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_hardswish_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_hardswish_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_hardswish_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* hardshrink(x) = |x| > lambd ? x : +0  [lambd = 0.5], lambd >= 0; 0 at +-lambd. */
ACTFAST_API actfast_status actfast_hardshrink_f32(const float *x, float *y, size_t n, float lambd);
ACTFAST_API actfast_status actfast_hardshrink_grad_f32(const float *x, float *g, size_t n, float lambd);
ACTFAST_API actfast_status actfast_hardshrink_backward_f32(const float *x, const float *dy, float *dx, size_t n, float lambd);
ACTFAST_API actfast_status actfast_hardshrink_f64(const double *x, double *y, size_t n, double lambd);
ACTFAST_API actfast_status actfast_hardshrink_grad_f64(const double *x, double *g, size_t n, double lambd);
ACTFAST_API actfast_status actfast_hardshrink_backward_f64(const double *x, const double *dy, double *dx, size_t n, double lambd);
ACTFAST_API actfast_status actfast_hardshrink_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float lambd);
ACTFAST_API actfast_status actfast_hardshrink_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float lambd);
ACTFAST_API actfast_status actfast_hardshrink_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float lambd);
ACTFAST_API actfast_status actfast_hardshrink_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float lambd);
ACTFAST_API actfast_status actfast_hardshrink_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float lambd);
ACTFAST_API actfast_status actfast_hardshrink_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float lambd);

/* softshrink(x) = x > lambd ? x - lambd : x < -lambd ? x + lambd : +0  [lambd = 0.5],
 * lambd >= 0; softshrink' = 0 at +-lambd. */
ACTFAST_API actfast_status actfast_softshrink_f32(const float *x, float *y, size_t n, float lambd);
ACTFAST_API actfast_status actfast_softshrink_grad_f32(const float *x, float *g, size_t n, float lambd);
ACTFAST_API actfast_status actfast_softshrink_backward_f32(const float *x, const float *dy, float *dx, size_t n, float lambd);
ACTFAST_API actfast_status actfast_softshrink_f64(const double *x, double *y, size_t n, double lambd);
ACTFAST_API actfast_status actfast_softshrink_grad_f64(const double *x, double *g, size_t n, double lambd);
ACTFAST_API actfast_status actfast_softshrink_backward_f64(const double *x, const double *dy, double *dx, size_t n, double lambd);
ACTFAST_API actfast_status actfast_softshrink_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float lambd);
ACTFAST_API actfast_status actfast_softshrink_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float lambd);
ACTFAST_API actfast_status actfast_softshrink_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float lambd);
ACTFAST_API actfast_status actfast_softshrink_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float lambd);
ACTFAST_API actfast_status actfast_softshrink_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float lambd);
ACTFAST_API actfast_status actfast_softshrink_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float lambd);

/* threshold(x) = x > threshold ? x : value (no defaults in PyTorch; the generic
 * entry's are 0, 0); neither may be NaN; threshold'(threshold) = 0. */
ACTFAST_API actfast_status actfast_threshold_f32(const float *x, float *y, size_t n, float threshold, float value);
ACTFAST_API actfast_status actfast_threshold_grad_f32(const float *x, float *g, size_t n, float threshold, float value);
ACTFAST_API actfast_status actfast_threshold_backward_f32(const float *x, const float *dy, float *dx, size_t n, float threshold, float value);
ACTFAST_API actfast_status actfast_threshold_f64(const double *x, double *y, size_t n, double threshold, double value);
ACTFAST_API actfast_status actfast_threshold_grad_f64(const double *x, double *g, size_t n, double threshold, double value);
ACTFAST_API actfast_status actfast_threshold_backward_f64(const double *x, const double *dy, double *dx, size_t n, double threshold, double value);
ACTFAST_API actfast_status actfast_threshold_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float threshold, float value);
ACTFAST_API actfast_status actfast_threshold_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float threshold, float value);
ACTFAST_API actfast_status actfast_threshold_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float threshold, float value);
ACTFAST_API actfast_status actfast_threshold_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float threshold, float value);
ACTFAST_API actfast_status actfast_threshold_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float threshold, float value);
ACTFAST_API actfast_status actfast_threshold_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float threshold, float value);

/* softsign(x) = x / (1 + |x|), in [-1, 1]; softsign(+-inf) = +-1; softsign' = 1/(1 + |x|)^2
 * without overflow (a subnormal, not 0, for |x| ~ 1e20 in float). */
ACTFAST_API actfast_status actfast_softsign_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_softsign_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_softsign_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_softsign_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_softsign_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_softsign_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_softsign_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_softsign_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_softsign_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_softsign_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_softsign_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_softsign_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* selu(x) = lambd * (x > 0 ? x : alpha * expm1(x))  [alpha = 1.6732632423543772848,
 * lambd = 1.0507009873554804934]; selu'(0) = lambd * alpha. backward_from_y needs
 * alpha >= 0 and lambd > 0 (f' = y + lambd * alpha for y <= 0). */
ACTFAST_API actfast_status actfast_selu_f32(const float *x, float *y, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_grad_f32(const float *x, float *g, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_backward_f32(const float *x, const float *dy, float *dx, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_backward_from_y_f32(const float *y, const float *dy, float *dx, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_f64(const double *x, double *y, size_t n, double alpha, double lambd);
ACTFAST_API actfast_status actfast_selu_grad_f64(const double *x, double *g, size_t n, double alpha, double lambd);
ACTFAST_API actfast_status actfast_selu_backward_f64(const double *x, const double *dy, double *dx, size_t n, double alpha, double lambd);
ACTFAST_API actfast_status actfast_selu_backward_from_y_f64(const double *y, const double *dy, double *dx, size_t n, double alpha, double lambd);
ACTFAST_API actfast_status actfast_selu_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_backward_from_y_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float alpha, float lambd);
ACTFAST_API actfast_status actfast_selu_backward_from_y_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float alpha, float lambd);

/* celu(x) = x > 0 ? x : alpha * expm1(x / alpha)  [alpha = 1], alpha > 0 and finite:
 * PyTorch also takes alpha < 0, where e^(x / alpha) overflows for x << 0 and no
 * bound holds (celu(-88.7, alpha = -1) would be NaN). celu'(0) = 1; backward_from_y:
 * f' = y / alpha + 1 for y <= 0. */
ACTFAST_API actfast_status actfast_celu_f32(const float *x, float *y, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_grad_f32(const float *x, float *g, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_backward_f32(const float *x, const float *dy, float *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_backward_from_y_f32(const float *y, const float *dy, float *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_f64(const double *x, double *y, size_t n, double alpha);
ACTFAST_API actfast_status actfast_celu_grad_f64(const double *x, double *g, size_t n, double alpha);
ACTFAST_API actfast_status actfast_celu_backward_f64(const double *x, const double *dy, double *dx, size_t n, double alpha);
ACTFAST_API actfast_status actfast_celu_backward_from_y_f64(const double *y, const double *dy, double *dx, size_t n, double alpha);
ACTFAST_API actfast_status actfast_celu_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_backward_from_y_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float alpha);
ACTFAST_API actfast_status actfast_celu_backward_from_y_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float alpha);

/* logsigmoid(x) = log(sigmoid(x)) = -softplus(-x), in (-inf, 0]: x - e^x for x << 0 and
 * -e^-x for x >> 0 without cancellation; logsigmoid(+inf) = -0. */
ACTFAST_API actfast_status actfast_logsigmoid_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_logsigmoid_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* swish(x) = x * sigmoid(beta * x)  [beta = 1, trainable], beta finite; beta = 1 is silu.
 * swish(-100.0f) = -3.7e-42 (not 0). swish_backward_beta (below) also returns the
 * gradient of beta. */
ACTFAST_API actfast_status actfast_swish_f32(const float *x, float *y, size_t n, float beta);
ACTFAST_API actfast_status actfast_swish_grad_f32(const float *x, float *g, size_t n, float beta);
ACTFAST_API actfast_status actfast_swish_backward_f32(const float *x, const float *dy, float *dx, size_t n, float beta);
ACTFAST_API actfast_status actfast_swish_f64(const double *x, double *y, size_t n, double beta);
ACTFAST_API actfast_status actfast_swish_grad_f64(const double *x, double *g, size_t n, double beta);
ACTFAST_API actfast_status actfast_swish_backward_f64(const double *x, const double *dy, double *dx, size_t n, double beta);
ACTFAST_API actfast_status actfast_swish_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float beta);
ACTFAST_API actfast_status actfast_swish_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float beta);
ACTFAST_API actfast_status actfast_swish_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float beta);
ACTFAST_API actfast_status actfast_swish_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float beta);
ACTFAST_API actfast_status actfast_swish_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float beta);
ACTFAST_API actfast_status actfast_swish_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float beta);

/* gelu_tanh(x) = x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))), PyTorch's
 * gelu(approximate='tanh'), computed as x * sigmoid(2u) with 2u carried beyond working
 * precision: accurate for x << 0 too; gelu_tanh'(1e30) = 1 (no x^3 overflow). */
ACTFAST_API actfast_status actfast_gelu_tanh_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_gelu_tanh_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);

/* tanhshrink(x) = x - tanh(x), without the cancellation near 0 (x^3/3 there);
 * tanhshrink' = tanh(x)^2. */
ACTFAST_API actfast_status actfast_tanhshrink_f32(const float *x, float *y, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_grad_f32(const float *x, float *g, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_backward_f32(const float *x, const float *dy, float *dx, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_f64(const double *x, double *y, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_grad_f64(const double *x, double *g, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_backward_f64(const double *x, const double *dy, double *dx, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_f16(const actfast_f16 *x, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n);
ACTFAST_API actfast_status actfast_tanhshrink_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n);
/* END GENERATED elementwise */

/* swish_backward_beta: swish_backward that also returns the gradient of beta,
 * *dbeta = sum_i dy_i * x_i^2 * sigmoid'(beta * x_i), summed with compensation
 * (Neumaier, in double): one rounding of the exact sum of the rounded terms, for any n.
 * The 16-bit forms' terms are floats, and *dbeta their sum rounded to the type. */
ACTFAST_API actfast_status actfast_swish_backward_beta_f32(const float *x, const float *dy, float *dx, size_t n, float beta, float *dbeta);
ACTFAST_API actfast_status actfast_swish_backward_beta_f64(const double *x, const double *dy, double *dx, size_t n, double beta, double *dbeta);
ACTFAST_API actfast_status actfast_swish_backward_beta_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float beta, actfast_bf16 *dbeta);
ACTFAST_API actfast_status actfast_swish_backward_beta_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float beta, actfast_f16 *dbeta);

/* prelu(x) = x > 0 ? x : w[c] * x, c the channel of the element, over an (outer, channels,
 * inner) contiguous layout: element i has channel (i / inner) % channels (NCHW: inner = H*W;
 * (N, C): inner = 1; one shared weight: channels = 1, inner = 1). n must be a multiple of
 * channels * inner; channels, inner > 0; no weight may be NaN; prelu'(0) = w[c].
 * backward also writes dw[c] = sum over channel c of dy * x (x <= 0), summed with
 * compensation (Neumaier, in double) in (outer, inner) order, unless dw is NULL; dw may
 * not overlap any other array. To run backward with slopes kept from rrelu's training,
 * pass them as w with channels = n, inner = 1. The generic entry runs one weight
 * (actfast_params.weight, default 0.25). */
ACTFAST_API actfast_status actfast_prelu_f32(const float *x, float *y, size_t n, const float *w, size_t channels, size_t inner);
ACTFAST_API actfast_status actfast_prelu_grad_f32(const float *x, float *g, size_t n, const float *w, size_t channels, size_t inner);
ACTFAST_API actfast_status actfast_prelu_backward_f32(const float *x, const float *dy, float *dx, size_t n, const float *w, size_t channels, size_t inner, float *dw);
ACTFAST_API actfast_status actfast_prelu_f64(const double *x, double *y, size_t n, const double *w, size_t channels, size_t inner);
ACTFAST_API actfast_status actfast_prelu_grad_f64(const double *x, double *g, size_t n, const double *w, size_t channels, size_t inner);
ACTFAST_API actfast_status actfast_prelu_backward_f64(const double *x, const double *dy, double *dx, size_t n, const double *w, size_t channels, size_t inner, double *dw);
ACTFAST_API actfast_status actfast_prelu_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, const actfast_bf16 *w, size_t channels, size_t inner);
ACTFAST_API actfast_status actfast_prelu_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, const actfast_bf16 *w, size_t channels, size_t inner);
ACTFAST_API actfast_status actfast_prelu_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, const actfast_bf16 *w, size_t channels, size_t inner, actfast_bf16 *dw);
ACTFAST_API actfast_status actfast_prelu_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, const actfast_f16 *w, size_t channels, size_t inner);
ACTFAST_API actfast_status actfast_prelu_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, const actfast_f16 *w, size_t channels, size_t inner);
ACTFAST_API actfast_status actfast_prelu_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, const actfast_f16 *w, size_t channels, size_t inner, actfast_f16 *dw);

/* rrelu(x) = x > 0 ? x : s * x  [lower = 1/8, upper = 1/3], both finite, lower <= upper.
 * training = 0 (eval): s = (lower + upper)/2, rounded once. training != 0: element i draws
 * s_i from U(lower, upper) (rounded into [lower, upper]) with Philox4x32-10 keyed by seed
 * at element index offset + i: the same slopes on every ISA and for any blocking (a block
 * starting at element k of a tensor passes offset = k), so grad and backward with the
 * same seed and offset regenerate exactly the forward's slopes. actfast_rrelu_slopes
 * writes those slopes, for callers that keep them (see prelu for a backward with them); it
 * fails, as every other call does, while ACTFAST_ISA names an ISA that cannot be used.
 * The 16-bit forms draw float slopes and use them as they are; actfast_rrelu_slopes_bf16
 * and _f16 write them rounded to the type. */
ACTFAST_API actfast_status actfast_rrelu_f32(const float *x, float *y, size_t n, float lower, float upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_grad_f32(const float *x, float *g, size_t n, float lower, float upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_backward_f32(const float *x, const float *dy, float *dx, size_t n, float lower, float upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_slopes_f32(float *slopes, size_t n, float lower, float upper, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_f64(const double *x, double *y, size_t n, double lower, double upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_grad_f64(const double *x, double *g, size_t n, double lower, double upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_backward_f64(const double *x, const double *dy, double *dx, size_t n, double lower, double upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_slopes_f64(double *slopes, size_t n, double lower, double upper, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t n, float lower, float upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_grad_bf16(const actfast_bf16 *x, actfast_bf16 *g, size_t n, float lower, float upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_backward_bf16(const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *dx, size_t n, float lower, float upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_slopes_bf16(actfast_bf16 *slopes, size_t n, float lower, float upper, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_f16(const actfast_f16 *x, actfast_f16 *y, size_t n, float lower, float upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_grad_f16(const actfast_f16 *x, actfast_f16 *g, size_t n, float lower, float upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_backward_f16(const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *dx, size_t n, float lower, float upper, int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_slopes_f16(actfast_f16 *slopes, size_t n, float lower, float upper, uint64_t seed, uint64_t offset);

/* ---- row-wise functions -------------------------------------------------- */
/* BEGIN GENERATED rowwise by tools/gen_header.c from src/ops.def and src/ops_doc.def: edit those, then run scripts/run header */
/* rows x cols, rows contiguous. Each row: y_j = e^(x_j - m) / sum_k e^(x_k - m),
 * m the row maximum; entries in [0, 1]. A row with a NaN is all NaN; a row whose
 * maximum is +inf shares the mass among its +inf entries; a row of -inf is NaN.
 * backward takes the saved output: dx_j = y_j * (dy_j - sum_k dy_k * y_k).
 * cols must be > 0 when rows > 0. */
ACTFAST_API actfast_status actfast_softmax_f32(const float *x, float *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmax_backward_f32(const float *y, const float *dy, float *dx, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmax_f64(const double *x, double *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmax_backward_f64(const double *y, const double *dy, double *dx, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmax_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmax_backward_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmax_f16(const actfast_f16 *x, actfast_f16 *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmax_backward_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t rows, size_t cols);

/* log_softmax: y_j = (x_j - m) - log sum_k e^(x_k - m), in (-inf, 0]; a row whose maximum
 * is +inf gives -log(count) at its +inf entries and -inf elsewhere; NaN rows are NaN.
 * backward takes the saved output: dx_j = dy_j - e^(y_j) * sum_k dy_k. */
ACTFAST_API actfast_status actfast_log_softmax_f32(const float *x, float *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_log_softmax_backward_f32(const float *y, const float *dy, float *dx, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_log_softmax_f64(const double *x, double *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_log_softmax_backward_f64(const double *y, const double *dy, double *dx, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_log_softmax_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_log_softmax_backward_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_log_softmax_f16(const actfast_f16 *x, actfast_f16 *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_log_softmax_backward_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t rows, size_t cols);

/* softmin(x) = softmax(-x), row by row, with softmax's limits for -x; backward takes
 * the saved output: dx_j = y_j * (sum_k dy_k * y_k - dy_j). */
ACTFAST_API actfast_status actfast_softmin_f32(const float *x, float *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmin_backward_f32(const float *y, const float *dy, float *dx, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmin_f64(const double *x, double *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmin_backward_f64(const double *y, const double *dy, double *dx, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmin_bf16(const actfast_bf16 *x, actfast_bf16 *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmin_backward_bf16(const actfast_bf16 *y, const actfast_bf16 *dy, actfast_bf16 *dx, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmin_f16(const actfast_f16 *x, actfast_f16 *y, size_t rows, size_t cols);
ACTFAST_API actfast_status actfast_softmin_backward_f16(const actfast_f16 *y, const actfast_f16 *dy, actfast_f16 *dx, size_t rows, size_t cols);
/* END GENERATED rowwise */

/* ---- attention rows: strided, scaled, masked ------------------------------ */
/* The row-wise functions over rows that need not be contiguous, with the scaling
 * and masking of attention: row i of an array starts ld elements after row i - 1
 * (ldx, ldy, lddy, lddx >= cols), and over each row of z = scale * x + mask
 *   softmax_ex:     y = softmax(z)
 *   log_softmax_ex: y = log_softmax(z)
 *   softmin_ex:     y = softmax(mask - scale * x) (the mask still masks).
 * z enters as the exact value of scale * x + mask, not a rounded one: a double
 * word, exact for double arrays (terms below 2^-200 dropped) and for the others
 * exact to 2^-48 |z| (the scale split into two floats, terms below 2^-40
 * dropped). The results meet the plain functions' bounds (actfast_ulp_bound)
 * for |z| <= 2^16.
 * Options (o == NULL: none, and then the plain function's bits exactly, a row of
 * -inf giving NaN as there):
 *   scale   1 for none. Must be finite with 2^-16 <= |scale| <= 2^16, else
 *           ACTFAST_ERR_INVALID_PARAMETER: a zeroed struct (scale 0) is an
 *           error, not a uniform softmax. Start from ACTFAST_ROWS_OPTS_DEFAULT.
 *   mask    NULL, or rows x cols of the arrays' type added to scale * x; -inf
 *           masks an entry. ldmask: elements between mask rows, >= cols, or 0
 *           for one mask row shared by every row.
 *   causal  1: entry j of row i is masked when j > i + causal_offset: row i
 *           keeps its first min(max(i + causal_offset + 1, 0), cols) entries.
 * Masked entries cost no exp; causally masked ones are not read at all. A fully
 * masked row (no live entry, or every live z_j = -inf) is all 0 (softmax,
 * softmin) or all -inf (log_softmax) with options, not the plain functions' NaN
 * of 0/0; NaN and +inf follow the plain functions' rules on z.
 * backward_ex takes the saved output y and gives the gradient with respect to x:
 * dx = scale * (the plain backward of y and dy), and 0 at causally masked
 * entries; the mask is not read (y is 0, or -inf, where it masked).
 * Checks, nothing written unless all pass: ld < cols for any array (ldmask 0
 * aside) is ACTFAST_ERR_INVALID_ARGUMENT; y may be x itself (same ld), dx may be
 * y or dy (same ld), and any other overlap of an output with an input, or of y
 * with the mask, is ACTFAST_ERR_OVERLAP; NULL arrays with rows * cols > 0 are
 * ACTFAST_ERR_NULL_POINTER; cols = 0 with rows > 0 is
 * ACTFAST_ERR_INVALID_PARAMETER, as for the plain functions. The 16-bit forms
 * allocate one row's staging a call (ACTFAST_ERR_OUT_OF_MEMORY). */
typedef struct actfast_rows_opts {
    double scale;            /* y = softmax(scale * x + mask); 1 = none */
    const void *mask;        /* NULL, or rows x cols of the arrays' type; -inf allowed */
    size_t ldmask;           /* elements between mask rows (0: one row for all) */
    int causal;              /* 1: entry j of row i is masked when j > i + causal_offset */
    ptrdiff_t causal_offset;
} actfast_rows_opts;

#define ACTFAST_ROWS_OPTS_DEFAULT {1.0, NULL, 0, 0, 0}

/* BEGIN GENERATED rows_ex by tools/gen_header.c from src/ops.def and src/ops_doc.def: edit those, then run scripts/run header */
ACTFAST_API actfast_status actfast_softmax_ex_f32(const float *x, size_t ldx, float *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmax_backward_ex_f32(const float *y, size_t ldy, const float *dy, size_t lddy, float *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmax_ex_f64(const double *x, size_t ldx, double *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmax_backward_ex_f64(const double *y, size_t ldy, const double *dy, size_t lddy, double *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmax_ex_bf16(const actfast_bf16 *x, size_t ldx, actfast_bf16 *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmax_backward_ex_bf16(const actfast_bf16 *y, size_t ldy, const actfast_bf16 *dy, size_t lddy, actfast_bf16 *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmax_ex_f16(const actfast_f16 *x, size_t ldx, actfast_f16 *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmax_backward_ex_f16(const actfast_f16 *y, size_t ldy, const actfast_f16 *dy, size_t lddy, actfast_f16 *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);

ACTFAST_API actfast_status actfast_log_softmax_ex_f32(const float *x, size_t ldx, float *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_log_softmax_backward_ex_f32(const float *y, size_t ldy, const float *dy, size_t lddy, float *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_log_softmax_ex_f64(const double *x, size_t ldx, double *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_log_softmax_backward_ex_f64(const double *y, size_t ldy, const double *dy, size_t lddy, double *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_log_softmax_ex_bf16(const actfast_bf16 *x, size_t ldx, actfast_bf16 *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_log_softmax_backward_ex_bf16(const actfast_bf16 *y, size_t ldy, const actfast_bf16 *dy, size_t lddy, actfast_bf16 *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_log_softmax_ex_f16(const actfast_f16 *x, size_t ldx, actfast_f16 *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_log_softmax_backward_ex_f16(const actfast_f16 *y, size_t ldy, const actfast_f16 *dy, size_t lddy, actfast_f16 *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);

ACTFAST_API actfast_status actfast_softmin_ex_f32(const float *x, size_t ldx, float *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmin_backward_ex_f32(const float *y, size_t ldy, const float *dy, size_t lddy, float *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmin_ex_f64(const double *x, size_t ldx, double *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmin_backward_ex_f64(const double *y, size_t ldy, const double *dy, size_t lddy, double *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmin_ex_bf16(const actfast_bf16 *x, size_t ldx, actfast_bf16 *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmin_backward_ex_bf16(const actfast_bf16 *y, size_t ldy, const actfast_bf16 *dy, size_t lddy, actfast_bf16 *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmin_ex_f16(const actfast_f16 *x, size_t ldx, actfast_f16 *y, size_t ldy, size_t rows, size_t cols, const actfast_rows_opts *o);
ACTFAST_API actfast_status actfast_softmin_backward_ex_f16(const actfast_f16 *y, size_t ldy, const actfast_f16 *dy, size_t lddy, actfast_f16 *dx, size_t lddx, size_t rows, size_t cols, const actfast_rows_opts *o);
/* END GENERATED rows_ex */

/* ---- gated linear units -------------------------------------------------- */
/* y = a * act(gate), elementwise over two arrays of n (SPEC 6), and the backward
 * that gives both gradients in one pass. Each output may be exactly one of the
 * inputs (y = a, da = dy, dgate = gate, ...); da and dgate must be apart
 * (ACTFAST_ERR_OVERLAP). Special values are the IEEE value of a * act(gate) with
 * act exact: glu(inf, -inf) = inf * 0 = NaN, glu(-3, inf) = -3 (and dgate = -0
 * there); dgate is 0 where act' is 0 on a region (reglu's gate <= 0), whatever
 * dy * a is. Accuracy: actfast_ulp_bound (the backward bound covers da and
 * dgate). Floats, bf16 and f16 are computed in double (a * gate and dy * a exact);
 * for doubles a * act(gate) is rounded once from the activation's double word,
 * and in dgate = dy * a * act'(gate) the product dy * a is rounded once (half an
 * ulp more than the activation's own backward). The far tails: for doubles,
 * where act(gate) or act'(gate) lies below 2^-1440 the result is 0, although an
 * |a| above 2^397 could bring the exact product into range; for the other types
 * the formulas end at e^-250, past which any finite a or dy times act rounds to 0,
 * and an infinite a or dy gives NaN there, as an infinite dy does in the far
 * tails of the elementwise backward forms. */
/* BEGIN GENERATED gated by tools/gen_header.c from src/ops.def and src/ops_doc.def: edit those, then run scripts/run header */
/* glu(a, gate) = a * sigmoid(gate): PyTorch's glu(x) with a and gate the two halves of x.
 * backward: da = dy * sigmoid(gate), dgate = dy * a * sigmoid'(gate), in one pass. */
ACTFAST_API actfast_status actfast_glu_f32(const float *a, const float *gate, float *y, size_t n);
ACTFAST_API actfast_status actfast_glu_backward_f32(const float *a, const float *gate, const float *dy, float *da, float *dgate, size_t n);
ACTFAST_API actfast_status actfast_glu_f64(const double *a, const double *gate, double *y, size_t n);
ACTFAST_API actfast_status actfast_glu_backward_f64(const double *a, const double *gate, const double *dy, double *da, double *dgate, size_t n);
ACTFAST_API actfast_status actfast_glu_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_glu_backward_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, const actfast_bf16 *dy, actfast_bf16 *da, actfast_bf16 *dgate, size_t n);
ACTFAST_API actfast_status actfast_glu_f16(const actfast_f16 *a, const actfast_f16 *gate, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_glu_backward_f16(const actfast_f16 *a, const actfast_f16 *gate, const actfast_f16 *dy, actfast_f16 *da, actfast_f16 *dgate, size_t n);

/* swiglu(a, gate) = a * silu(gate) = a * gate * sigmoid(gate) (LLaMA's feed-forward).
 * backward: da = dy * silu(gate), dgate = dy * a * silu'(gate). */
ACTFAST_API actfast_status actfast_swiglu_f32(const float *a, const float *gate, float *y, size_t n);
ACTFAST_API actfast_status actfast_swiglu_backward_f32(const float *a, const float *gate, const float *dy, float *da, float *dgate, size_t n);
ACTFAST_API actfast_status actfast_swiglu_f64(const double *a, const double *gate, double *y, size_t n);
ACTFAST_API actfast_status actfast_swiglu_backward_f64(const double *a, const double *gate, const double *dy, double *da, double *dgate, size_t n);
ACTFAST_API actfast_status actfast_swiglu_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_swiglu_backward_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, const actfast_bf16 *dy, actfast_bf16 *da, actfast_bf16 *dgate, size_t n);
ACTFAST_API actfast_status actfast_swiglu_f16(const actfast_f16 *a, const actfast_f16 *gate, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_swiglu_backward_f16(const actfast_f16 *a, const actfast_f16 *gate, const actfast_f16 *dy, actfast_f16 *da, actfast_f16 *dgate, size_t n);

/* geglu(a, gate) = a * gelu(gate), gelu with erf (T5, Gemma).
 * backward: da = dy * gelu(gate), dgate = dy * a * gelu'(gate). */
ACTFAST_API actfast_status actfast_geglu_f32(const float *a, const float *gate, float *y, size_t n);
ACTFAST_API actfast_status actfast_geglu_backward_f32(const float *a, const float *gate, const float *dy, float *da, float *dgate, size_t n);
ACTFAST_API actfast_status actfast_geglu_f64(const double *a, const double *gate, double *y, size_t n);
ACTFAST_API actfast_status actfast_geglu_backward_f64(const double *a, const double *gate, const double *dy, double *da, double *dgate, size_t n);
ACTFAST_API actfast_status actfast_geglu_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_geglu_backward_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, const actfast_bf16 *dy, actfast_bf16 *da, actfast_bf16 *dgate, size_t n);
ACTFAST_API actfast_status actfast_geglu_f16(const actfast_f16 *a, const actfast_f16 *gate, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_geglu_backward_f16(const actfast_f16 *a, const actfast_f16 *gate, const actfast_f16 *dy, actfast_f16 *da, actfast_f16 *dgate, size_t n);

/* geglu_tanh(a, gate) = a * gelu_tanh(gate), gelu's tanh approximation.
 * backward: da = dy * gelu_tanh(gate), dgate = dy * a * gelu_tanh'(gate). */
ACTFAST_API actfast_status actfast_geglu_tanh_f32(const float *a, const float *gate, float *y, size_t n);
ACTFAST_API actfast_status actfast_geglu_tanh_backward_f32(const float *a, const float *gate, const float *dy, float *da, float *dgate, size_t n);
ACTFAST_API actfast_status actfast_geglu_tanh_f64(const double *a, const double *gate, double *y, size_t n);
ACTFAST_API actfast_status actfast_geglu_tanh_backward_f64(const double *a, const double *gate, const double *dy, double *da, double *dgate, size_t n);
ACTFAST_API actfast_status actfast_geglu_tanh_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_geglu_tanh_backward_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, const actfast_bf16 *dy, actfast_bf16 *da, actfast_bf16 *dgate, size_t n);
ACTFAST_API actfast_status actfast_geglu_tanh_f16(const actfast_f16 *a, const actfast_f16 *gate, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_geglu_tanh_backward_f16(const actfast_f16 *a, const actfast_f16 *gate, const actfast_f16 *dy, actfast_f16 *da, actfast_f16 *dgate, size_t n);

/* reglu(a, gate) = a * relu(gate).
 * backward: da = dy * relu(gate), dgate = dy * a * relu'(gate) (0 for gate <= 0). */
ACTFAST_API actfast_status actfast_reglu_f32(const float *a, const float *gate, float *y, size_t n);
ACTFAST_API actfast_status actfast_reglu_backward_f32(const float *a, const float *gate, const float *dy, float *da, float *dgate, size_t n);
ACTFAST_API actfast_status actfast_reglu_f64(const double *a, const double *gate, double *y, size_t n);
ACTFAST_API actfast_status actfast_reglu_backward_f64(const double *a, const double *gate, const double *dy, double *da, double *dgate, size_t n);
ACTFAST_API actfast_status actfast_reglu_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, actfast_bf16 *y, size_t n);
ACTFAST_API actfast_status actfast_reglu_backward_bf16(const actfast_bf16 *a, const actfast_bf16 *gate, const actfast_bf16 *dy, actfast_bf16 *da, actfast_bf16 *dgate, size_t n);
ACTFAST_API actfast_status actfast_reglu_f16(const actfast_f16 *a, const actfast_f16 *gate, actfast_f16 *y, size_t n);
ACTFAST_API actfast_status actfast_reglu_backward_f16(const actfast_f16 *a, const actfast_f16 *gate, const actfast_f16 *dy, actfast_f16 *da, actfast_f16 *dgate, size_t n);
/* END GENERATED gated */

/* ---- generic, table-driven entry ---------------------------------------- */
/* For tests, benchmarks and bindings that loop over every function. */

/* BEGIN GENERATED op_enum by tools/gen_header.c from src/ops.def and src/ops_doc.def: edit those, then run scripts/run header */
typedef enum actfast_op {
    ACTFAST_OP_SIGMOID,
    ACTFAST_OP_TANH,
    ACTFAST_OP_RELU,
    ACTFAST_OP_LEAKY_RELU,
    ACTFAST_OP_ELU,
    ACTFAST_OP_GELU,
    ACTFAST_OP_SILU,
    ACTFAST_OP_MISH,
    ACTFAST_OP_SOFTPLUS,
    ACTFAST_OP_SOFTMAX,
    ACTFAST_OP_RELU6,
    ACTFAST_OP_HARDTANH,
    ACTFAST_OP_HARDSIGMOID,
    ACTFAST_OP_HARDSWISH,
    ACTFAST_OP_HARDSHRINK,
    ACTFAST_OP_SOFTSHRINK,
    ACTFAST_OP_THRESHOLD,
    ACTFAST_OP_SOFTSIGN,
    ACTFAST_OP_SELU,
    ACTFAST_OP_CELU,
    ACTFAST_OP_LOGSIGMOID,
    ACTFAST_OP_SWISH,
    ACTFAST_OP_GELU_TANH,
    ACTFAST_OP_TANHSHRINK,
    ACTFAST_OP_LOG_SOFTMAX,
    ACTFAST_OP_SOFTMIN,
    ACTFAST_OP_PRELU,
    ACTFAST_OP_RRELU,
    ACTFAST_OP_GLU,
    ACTFAST_OP_SWIGLU,
    ACTFAST_OP_GEGLU,
    ACTFAST_OP_GEGLU_TANH,
    ACTFAST_OP_REGLU,
    ACTFAST_OP_COUNT
} actfast_op;
/* END GENERATED op_enum */

typedef enum actfast_form {
    ACTFAST_FORWARD,          /* in = x,           out = y                    */
    ACTFAST_GRAD,             /* in = x,           out = f'(x)               */
    ACTFAST_BACKWARD,         /* in = x, dy,       out = dy * f'(x)          */
    ACTFAST_BACKWARD_FROM_Y,  /* in = y = f(x), dy, out = dy * f'(x)         */
    ACTFAST_FORM_COUNT
} actfast_form;

/* float, double, bfloat16 and IEEE binary16 arrays (the _f32, _f64, _bf16, _f16 forms). */
typedef enum actfast_dtype { ACTFAST_F32, ACTFAST_F64, ACTFAST_BF16, ACTFAST_F16 } actfast_dtype;

/* Every parameter of every function, by name; a function reads only its own.
 * Start from actfast_default_params(op). */
typedef struct actfast_params {
    double slope;     /* leaky_relu */
    double alpha;     /* elu, selu, celu */
    double beta;      /* softplus, swish */
    double threshold; /* softplus, threshold */
    double lambd;     /* hardshrink, softshrink (the band); selu (the scale) */
    double lo, hi;    /* hardtanh */
    double value;     /* threshold */
    double weight;    /* prelu: one weight for every element (the typed API takes C) */
    double lower, upper; /* rrelu: the slope interval; the generic entry runs eval mode */
    size_t cols;      /* row-wise functions: row length; n must be a multiple */
} actfast_params;

ACTFAST_API actfast_params actfast_default_params(actfast_op op);

/* Runs one form of one function on n elements. For row-wise functions, n =
 * rows * params->cols. dy is used by the backward forms only; in/dy/out are
 * float, double, actfast_bf16 or actfast_f16 arrays as dtype says (the
 * parameters, doubles here, are rounded to float for the 16-bit types as for
 * f32). params may be NULL for the defaults (row-wise: one row of n). */
ACTFAST_API actfast_status actfast_apply(actfast_op op, actfast_form form, actfast_dtype dtype, const void *in,
                             const void *dy, void *out, size_t n, const actfast_params *params);

/* The gated units (actfast_op_info's gated): forward with out = y (dy and dgate
 * unused, may be NULL), backward with out = da and dgate. actfast_apply refuses
 * them (ACTFAST_ERR_INVALID_ARGUMENT), as this refuses the other ops. */
ACTFAST_API actfast_status actfast_apply_gated(actfast_op op, actfast_form form, actfast_dtype dtype, const void *a,
                                               const void *gate, const void *dy, void *out, void *dgate, size_t n);

/* The row-wise functions' _ex forms (actfast_op_info's rowwise): forward with
 * in = x (dy unused, may be NULL), or ACTFAST_BACKWARD_FROM_Y with in = y and
 * dy, as actfast_<op>_ex_<dt> and actfast_<op>_backward_ex_<dt>; another form or
 * op is ACTFAST_ERR_INVALID_ARGUMENT. */
ACTFAST_API actfast_status actfast_apply_rows(actfast_op op, actfast_form form, actfast_dtype dtype, const void *in,
                                              size_t ldin, const void *dy, size_t lddy, void *out, size_t ldout,
                                              size_t rows, size_t cols, const actfast_rows_opts *o);

/* What the table knows of an op. */
typedef struct actfast_op_info {
    const char *name;          /* "sigmoid" */
    int rowwise;               /* 1 for softmax-like functions */
    int gated;                 /* 1 for the gated units: actfast_apply_gated */
    int nparams;               /* parameters after n in the typed API */
    const char *param_names[2];
    double param_defaults[2];
    size_t param_offsets[2];   /* offsetof(actfast_params, <param_names[i]>): a double */
    int has_form[ACTFAST_FORM_COUNT];
    int monotone;              /* non-decreasing in exact arithmetic */
    double range_lo, range_hi; /* bounds of f (with default parameters) */
} actfast_op_info;

/* NULL for an unknown op. */
ACTFAST_API const actfast_op_info *actfast_get_op_info(actfast_op op);
/* ACTFAST_OP_COUNT when no op has that name. */
ACTFAST_API actfast_op actfast_op_from_name(const char *name);
/* The enforced maximum error in ULPs of a form (see "Accuracy"); negative if
 * the op lacks the form. */
ACTFAST_API double actfast_ulp_bound(actfast_op op, actfast_form form, actfast_dtype dtype);

/* ---- many cores ---------------------------------------------------------- */
/* The entry points above run on the calling thread. Those below split one
 * call into tasks and hand them to a runner: the caller's thread pool
 * (XNNPACK's pthreadpool, a `#pragma omp parallel for`, TBB, ...), the
 * OpenMP runner built in, or the sequential one.
 *
 * The runner
 *   parallel_for(ctx, count, task, task_ctx) runs task(task_ctx, i) once for
 *   every i in [0, count), on any threads, in any order, at the same time or
 *   not, and returns 0 only once every task has finished; nonzero says that
 *   it could not (some tasks may have run). It is called from the calling
 *   thread, which is in the IEEE default FP mode meanwhile. Tasks never fail
 *   and never call the runner; each does about `block` elements (whole rows,
 *   whole 16384-term segments of a sum, whole channels of dw). One call may call
 *   parallel_for several times, one after the other: prelu's backward once
 *   for dw and once for dx, and the sums of dbeta and of long dw channels in
 *   rounds of up to 512 segments of 16384 terms (8 Mi elements). It is not
 *   called for work below min_split elements, nor for work of one task: those
 *   run on the calling thread.
 *
 * Splitting: tasks of `block` elements (block = 0: ACTFAST_PARALLEL_BLOCK,
 * 16384, a multiple of every ISA's vector width and of a 64-byte line); the
 * row-wise ops take block / cols whole rows a task (at least one). Calls on
 * fewer than min_split elements (0: ACTFAST_PARALLEL_MIN_SPLIT) run on the
 * calling thread, where a parallel region costs more than it gains.
 *
 * The same bits, for any runner, thread count, block and order, as the
 * single-threaded entry point: every element is computed by the kernel that
 * call runs (the kernels give the same bits at every position), rrelu's
 * slopes depend on the element index alone, and the parameter gradients
 * (prelu's dw, swish's dbeta) are sums of fixed segments of 16384 terms (of
 * each channel, for dw) merged in segment order on the calling thread; the
 * single-threaded entry points sum in the same segments.
 *
 * Checks: a NULL runner or parallel_for is ACTFAST_ERR_NULL_POINTER (even
 * with n = 0); then everything that the single-threaded entry point checks,
 * with its statuses, before any task runs. The ISA is resolved once a call:
 * every task runs the same kernel set. Each task enters the IEEE default FP
 * mode itself and gives its thread's mode and exception flags back, so the
 * runner's threads may run in any mode and see no flag raised by a task; the
 * caller's mode, flags and errno are kept as by every call.
 *
 * A failed runner: ACTFAST_ERR_RUNNER when parallel_for returns nonzero or
 * returns 0 without having run every task (they are counted); the call stops
 * there. It is the one error after which something may have been written:
 * a task that ran wrote all of its part, the others nothing, so every element
 * of the outputs (y, g or dx; prelu's dw) holds either what it held before the
 * call or its final value. *dbeta is written only once every task has run.
 * Nothing outside the outputs is written. */

#define ACTFAST_PARALLEL_BLOCK 16384
/* Two blocks: where the cheapest op (relu) gains from a second thread, with
 * the cost of an OpenMP region measured on a 2-core AMD EPYC (Zen 3): see
 * src/parallel.c. */
#define ACTFAST_PARALLEL_MIN_SPLIT 32768

/* Runs task(task_ctx, index) for every index in [0, count); returns 0 when
 * all of them have run and finished, nonzero otherwise. */
typedef void (*actfast_task)(void *task_ctx, size_t index);
typedef int (*actfast_parallel_for)(void *runner_ctx, size_t count, actfast_task task, void *task_ctx);

/* Initialize it whole: {fn, ctx} leaves block and min_split 0, the defaults. */
typedef struct actfast_runner {
    actfast_parallel_for parallel_for; /* required */
    void *ctx;                         /* its runner_ctx */
    size_t block;                      /* elements a task; 0: ACTFAST_PARALLEL_BLOCK */
    size_t min_split;                  /* smaller calls run on the calling thread; 0: ACTFAST_PARALLEL_MIN_SPLIT */
} actfast_runner;

/* The tasks one after the other, in index order, on the calling thread. */
ACTFAST_API const actfast_runner *actfast_runner_sequential(void);
/* `#pragma omp parallel for schedule(dynamic, 1)` over the tasks, with
 * OpenMP's number of threads (OMP_NUM_THREADS, omp_set_num_threads), or with
 * *(const int *)ctx threads in a copy whose ctx points to a positive int.
 * NULL when the library was built without OpenMP (ACTFAST_OPENMP=OFF, or no
 * OpenMP found). */
ACTFAST_API const actfast_runner *actfast_runner_openmp(void);

/* actfast_apply on runner's tasks. */
ACTFAST_API actfast_status actfast_apply_parallel(const actfast_runner *runner, actfast_op op, actfast_form form,
                                                  actfast_dtype dtype, const void *in, const void *dy, void *out,
                                                  size_t n, const actfast_params *params);
/* actfast_apply_gated on runner's tasks. */
ACTFAST_API actfast_status actfast_apply_gated_parallel(const actfast_runner *runner, actfast_op op,
                                                        actfast_form form, actfast_dtype dtype, const void *a,
                                                        const void *gate, const void *dy, void *out, void *dgate,
                                                        size_t n);
/* actfast_apply_rows on runner's tasks of whole rows (block / cols a task, at least one). */
ACTFAST_API actfast_status actfast_apply_rows_parallel(const actfast_runner *runner, actfast_op op, actfast_form form,
                                                       actfast_dtype dtype, const void *in, size_t ldin,
                                                       const void *dy, size_t lddy, void *out, size_t ldout,
                                                       size_t rows, size_t cols, const actfast_rows_opts *o);
/* prelu's forward, grad (dy and dw unused) or backward (dw may be NULL) with C
 * weights, as actfast_prelu_*; another form is ACTFAST_ERR_INVALID_ARGUMENT. */
ACTFAST_API actfast_status actfast_prelu_parallel_f32(const actfast_runner *runner, actfast_form form, const float *x,
                                                      const float *dy, float *out, size_t n, const float *w,
                                                      size_t channels, size_t inner, float *dw);
ACTFAST_API actfast_status actfast_prelu_parallel_f64(const actfast_runner *runner, actfast_form form, const double *x,
                                                      const double *dy, double *out, size_t n, const double *w,
                                                      size_t channels, size_t inner, double *dw);
ACTFAST_API actfast_status actfast_prelu_parallel_bf16(const actfast_runner *runner, actfast_form form,
                                                       const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *out,
                                                       size_t n, const actfast_bf16 *w, size_t channels, size_t inner,
                                                       actfast_bf16 *dw);
ACTFAST_API actfast_status actfast_prelu_parallel_f16(const actfast_runner *runner, actfast_form form,
                                                      const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *out,
                                                      size_t n, const actfast_f16 *w, size_t channels, size_t inner,
                                                      actfast_f16 *dw);
/* rrelu's forward, grad (dy unused) or backward, as actfast_rrelu_*, training
 * mode included. (actfast_rrelu_slopes splits by itself: slopes + k, with
 * offset + k, are the slopes of elements k, k + 1, ...) */
ACTFAST_API actfast_status actfast_rrelu_parallel_f32(const actfast_runner *runner, actfast_form form, const float *x,
                                                      const float *dy, float *out, size_t n, float lower, float upper,
                                                      int training, uint64_t seed, uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_parallel_f64(const actfast_runner *runner, actfast_form form,
                                                      const double *x, const double *dy, double *out, size_t n,
                                                      double lower, double upper, int training, uint64_t seed,
                                                      uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_parallel_bf16(const actfast_runner *runner, actfast_form form,
                                                       const actfast_bf16 *x, const actfast_bf16 *dy, actfast_bf16 *out,
                                                       size_t n, float lower, float upper, int training, uint64_t seed,
                                                       uint64_t offset);
ACTFAST_API actfast_status actfast_rrelu_parallel_f16(const actfast_runner *runner, actfast_form form,
                                                      const actfast_f16 *x, const actfast_f16 *dy, actfast_f16 *out,
                                                      size_t n, float lower, float upper, int training, uint64_t seed,
                                                      uint64_t offset);
/* actfast_swish_backward_beta on runner's tasks. */
ACTFAST_API actfast_status actfast_swish_backward_beta_parallel_f32(const actfast_runner *runner, const float *x,
                                                                    const float *dy, float *dx, size_t n, float beta,
                                                                    float *dbeta);
ACTFAST_API actfast_status actfast_swish_backward_beta_parallel_f64(const actfast_runner *runner, const double *x,
                                                                    const double *dy, double *dx, size_t n,
                                                                    double beta, double *dbeta);
ACTFAST_API actfast_status actfast_swish_backward_beta_parallel_bf16(const actfast_runner *runner, const actfast_bf16 *x,
                                                                     const actfast_bf16 *dy, actfast_bf16 *dx, size_t n,
                                                                     float beta, actfast_bf16 *dbeta);
ACTFAST_API actfast_status actfast_swish_backward_beta_parallel_f16(const actfast_runner *runner, const actfast_f16 *x,
                                                                    const actfast_f16 *dy, actfast_f16 *dx, size_t n,
                                                                    float beta, actfast_f16 *dbeta);

#ifdef __cplusplus
}
#endif

#endif
