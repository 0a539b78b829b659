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

#include <stddef.h>

#include "actfast.h"
#include "dispatch.h"
#include "fpenv.h"
#include "kernel_table.h"

/* The elements the hand-written entry points stage on the stack at a time
 * (slopes, gathered inputs, parameter-gradient terms). */
enum { AF_CHUNK = 256 };

/* [a, a + a_bytes) and [b, b + b_bytes) share a byte. */
int actfast__overlap(const void *a, size_t a_bytes, const void *b, size_t b_bytes);
/* [p, p + bytes) runs past the end of the address space. */
int actfast__wraps(const void *p, size_t bytes);
/* The checks of every elementwise call on in, dy (if with_dy) and out: NULL
 * with n > 0, sizes, partial overlap. */
actfast_status actfast__check_arrays(actfast_dtype dtype, const void *in, const void *dy, void *out, size_t n,
                                     int with_dy);
/* One form of a table op: checks, then the active ISA's kernel in the IEEE
 * default FP mode. */
actfast_status actfast__run(actfast_op op, actfast_form form, actfast_dtype dtype, const void *in, const void *dy,
                            void *out, size_t n, const af_params *p);

/* The frame of every call once its arguments are checked: the active kernel
 * set, and the IEEE default FP mode until af_call_end gives the caller its
 * own back. af_call_begin returns a status other than ACTFAST_OK (and needs
 * no end) when no ISA can be used. */
typedef struct af_call {
    const af_kernel_set *kernels;
    af_fpenv saved;
    int changed;
} af_call;

static inline actfast_status af_call_begin(af_call *c)
{
    actfast_status st = ACTFAST_OK;
    c->saved = 0;
    c->changed = 0;
    c->kernels = actfast__active_kernels(&st);
    if (!c->kernels)
        return st;
    c->changed = af_fpenv_enter(&c->saved);
    return ACTFAST_OK;
}

static inline void af_call_end(const af_call *c) { af_fpenv_leave(c->changed, c->saved); }

#endif
