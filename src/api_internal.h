/* What src/api.c shares with the hand-written entry points of
 * ELEMENTWISE_OWN_API ops (src/prelu.c, src/rrelu.c) and of parameter
 * gradients (src/swish.c).
 *
 * Names: what one file of src/ calls in another is actfast__<name>, so that
 * the static library defines no global symbol outside the actfast_ prefix (a
 * user's af_run or af_overlap links as it should; tests/exports.cmake holds
 * the library to it). static functions and types keep the short af_. */
#ifndef ACTFAST_API_INTERNAL_H
#define ACTFAST_API_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "actfast.h"
#include "dispatch.h"
#include "fpenv.h"
#include "kernel_table.h"

/* The steps of a call before its kernel (checks, the FP mode, the
 * parameters, the ISA), inline into each typed entry point of src/api.c,
 * where op, form and dtype are constants and the switches over them fold
 * away, instead of five calls deep. A loop of calls on one float (Zen 5,
 * AVX-512, best of 8 interleaved runs) went from 16.1 to 11.7 ns per call
 * for relu, 19.2 to 13.3 for sigmoid, 20.2 to 16.3 through actfast_apply;
 * for 200 KB more code (a few hundred bytes per entry point). Of the 11.5
 * ns left at n = 0, 7 are the MXCSR read, which waits for the previous
 * call's write (fpenv.h; the README's per-call section). */
#if defined(__GNUC__) || defined(__clang__)
#define AF_INLINE_CALL inline __attribute__((always_inline))
#else
#define AF_INLINE_CALL inline
#endif

/* The elements the hand-written entry points stage on the stack at a time
 * (slopes, gathered inputs, parameter-gradient terms). */
enum { AF_CHUNK = 256 };

/* [a, a + a_bytes) and [b, b + b_bytes) share a byte. */
int actfast__overlap(const void *a, size_t a_bytes, const void *b, size_t b_bytes);
/* An array of `bytes` at p cannot exist: it runs past the end of the address
 * space, or is larger than any array can be (ACTFAST_ERR_SIZE_OVERFLOW). */
int actfast__too_large(const void *p, size_t bytes);
/* The bytes of one element. */
size_t actfast__dtype_size(actfast_dtype dtype);
/* The checks of every elementwise call on in, dy (if with_dy) and out: NULL
 * with n > 0, sizes, partial overlap. Integer work only: no floating point
 * before the call has entered the default mode. */
actfast_status actfast__check_arrays(actfast_dtype dtype, const void *in, const void *dy, void *out, size_t n,
                                     int with_dy);
/* The stream threshold plus one, saturating (SIZE_MAX is kept as SIZE_MAX,
 * and SIZE_MAX - 1, which reads back as SIZE_MAX, means never as well: no
 * array is that large); 0 until the first call chooses it (src/stream.c). */
extern _Atomic size_t actfast__stream_chosen;

static inline size_t af_stream_threshold_of(size_t chosen) { return chosen == SIZE_MAX ? SIZE_MAX : chosen - 1; }

/* 1 if the elementwise kernels are to write out (of `bytes`) with
 * non-temporal stores (src/stream.c): float or double arrays written out of
 * place, of at least the threshold's bytes. Inline: one atomic load per call
 * once the threshold is chosen. */
static inline int af_stream_output(actfast_dtype dtype, const void *in, const void *dy, const void *out, size_t bytes)
{
    if ((dtype != ACTFAST_F32 && dtype != ACTFAST_F64) || out == in || out == dy)
        return 0;
    const size_t chosen = atomic_load_explicit(&actfast__stream_chosen, memory_order_relaxed);
    return bytes >= (chosen != 0 ? af_stream_threshold_of(chosen) : actfast_stream_threshold());
}

/* A call's parameters as the caller passed them: the f32 API's floats as
 * floats, everything else as doubles. They become the doubles of af_params,
 * rounded to the arrays' type, only once the call is in the default mode
 * (under the caller's DAZ, converting a subnormal float to double gives 0,
 * and under its rounding direction 1e-50 rounds to a float other than 0). */
typedef struct af_args {
    double d[2];
    float f[2];
    int single; /* f holds them */
    size_t cols;
} af_args;

static inline af_args af_args_f32(float p0, float p1, size_t cols)
{
    af_args a = {{0, 0}, {p0, p1}, 1, cols};
    return a;
}

static inline af_args af_args_f64(double p0, double p1, size_t cols)
{
    af_args a = {{p0, p1}, {0, 0}, 0, cols};
    return a;
}

/* The 16-bit entry points take float parameters. */
#define af_args_bf16 af_args_f32
#define af_args_f16 af_args_f32

/* One form of a table op on checked arrays with validated parameters, in
 * the call's frame: the kernel set's kernel of that dtype, or for the 16-bit
 * dtypes actfast__half_run. ACTFAST_OK, or what actfast__half_run returns. */
actfast_status actfast__run_kernel(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                                   const void *in, const void *dy, void *out, size_t n, const af_params *p);
/* The 16-bit arrays staged through float, a block at a time, or looked up
 * (src/half.c): ACTFAST_OK, or ACTFAST_ERR_OUT_OF_MEMORY (a row-wise op
 * with rows too long for the stack found no memory for one; nothing has
 * been written). */
actfast_status actfast__half_run(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                                 const void *in, const void *dy, void *out, size_t n, const af_params *p);
/* The 16-bit format (kernels' AF_HALF_BF16, AF_HALF_F16) of a 16-bit dtype. */
static inline int af_half_format(actfast_dtype dtype) { return dtype == ACTFAST_BF16 ? AF_HALF_BF16 : AF_HALF_F16; }
/* actfast__half_run without the lookup: the 16-bit kernels or the staging. */
actfast_status actfast__half_compute(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                                     const void *in, const void *dy, void *out, size_t n, const af_params *p);
/* The results of a staged elementwise forward or f' for every 16-bit
 * input, indexed by the input's bits, once the op has earned them
 * (src/half_table.c); NULL until then, and for every other form, op and
 * parameter set. */
const uint16_t *actfast__half_table(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                                    const af_params *p, size_t n);
/* Whether the active ISA holds that table (tests/test_half_table.c). */
int actfast__half_table_held(actfast_op op, actfast_form form, actfast_dtype dtype);

/* The slopes kernel of a form (prelu's channels, rrelu's draws) and the terms
 * dy df/dp of a parameter's gradient (swish's beta, prelu's weight), for
 * every dtype: slopes and terms are doubles for f64, floats for the others
 * (the 16-bit arrays are staged through float: src/half.c). */
void actfast__run_slopes(const af_kernel_set *k, actfast_form form, actfast_dtype dtype, const void *in,
                         const void *dy, void *out, size_t n, const void *slopes);
void actfast__run_param_grad(const af_kernel_set *k, actfast_op op, actfast_dtype dtype, const void *x,
                             const void *dy, void *terms, size_t n, const af_params *p);
/* Their 16-bit forms (src/half.c). */
void actfast__half_slopes(const af_kernel_set *k, actfast_form form, actfast_dtype dtype, const void *in,
                          const void *dy, void *out, size_t n, const float *slopes);
void actfast__half_param_grad(const af_kernel_set *k, actfast_op op, actfast_dtype dtype, const void *x,
                              const void *dy, float *terms, size_t n, const af_params *p);
/* A gated unit's form on checked arrays, in the call's frame: the kernel
 * set's kernel of that dtype, or for the 16-bit dtypes actfast__half_gated. */
void actfast__run_gated_kernel(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                               const void *a, const void *gate, const void *dy, void *out, void *dgate, size_t n);
/* A gated unit's form on 16-bit arrays (src/half.c), staged as
 * actfast__half_run stages the others. */
void actfast__half_gated(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype, const void *a,
                         const void *gate, const void *dy, void *out, void *dgate, size_t n);
/* One call of a row-wise op's _ex form (src/rows_ex.c): the arrays with
 * their leading dimensions, the options as checked, and the row kernels'
 * options for float words (o32: f32, and the 16-bit types' float staging)
 * and for double ones (o64: f64, and the 16-bit types' ties). */
typedef struct af_rows_job {
    actfast_op op;
    actfast_form form;
    actfast_dtype dtype;
    const void *in, *dy, *mask;
    void *out;
    size_t ldin, lddy, ldmask, ldout, rows, cols;
    int causal;
    ptrdiff_t causal_offset;
    af_rows_ex o32, o64;
    const af_kernel_set *kernels;
} af_rows_job;

/* The checks, the options, then every row (o NULL: none), on runner's tasks
 * when it is not NULL (src/parallel.c). */
actfast_status actfast__run_rows_ex(const actfast_runner *runner, af_rows_job *j, const actfast_rows_opts *o);
/* Rows [begin, end) of a checked call, in its frame: ACTFAST_OK, or
 * ACTFAST_ERR_OUT_OF_MEMORY (no memory for a long row's scratch or 16-bit
 * staging; nothing written). */
actfast_status actfast__rows_ex_range(const af_rows_job *j, size_t begin, size_t end);
/* Entries of row `row` before its causal mask (all cols without one). */
size_t actfast__rows_live(const af_rows_job *j, size_t row);
/* actfast__rows_ex_range for the 16-bit types (src/half.c): staged through
 * the float row kernels, near ties settled by the double ones. */
actfast_status actfast__half_rows_ex(const af_rows_job *j, size_t begin, size_t end);

/* v rounded once to the 16-bit dtype, nearest even (a sum's value as a half). */
uint16_t actfast__double_to_half(double v, actfast_dtype dtype);

/* The frame of every call once its arrays are checked: the IEEE default FP
 * mode from af_call_enter to af_call_leave, which gives the caller its mode
 * and its exception flags back; in between, parameters are converted and
 * validated, then af_call_kernels resolves the kernel set (a status other
 * than ACTFAST_OK when ACTFAST_ISA names an ISA that cannot be used). */
typedef struct af_call {
    const af_kernel_set *kernels;
    af_fpenv saved;
} af_call;

static inline void af_call_enter(af_call *c)
{
    c->kernels = NULL;
    c->saved = af_fpenv_enter();
}

static inline actfast_status af_call_kernels(af_call *c)
{
    actfast_status st = ACTFAST_OK;
    c->kernels = af_active_kernels(&st);
    return st;
}

/* Returns st, for `return af_call_leave(&call, st);`. */
static inline actfast_status af_call_leave(const af_call *c, actfast_status st)
{
    af_fpenv_leave(c->saved);
    return st;
}

#endif
