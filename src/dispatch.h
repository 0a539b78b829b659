/* The kernel set in use, resolved once and shared by all threads. */
#ifndef ACTFAST_DISPATCH_H
#define ACTFAST_DISPATCH_H

#include <stdatomic.h>
#include <stddef.h>

#include "kernel_table.h"

/* The active kernel set, or NULL with *status saying why none can be used
 * (ACTFAST_ISA named an unknown or unsupported ISA). */
const af_kernel_set *actfast__active_kernels(actfast_status *status);

/* Room for the kernel sets of any build (src/dispatch.c asserts it). */
enum { AF_ISA_SLOTS = 8 };

/* The position of an active kernel set among the build's, below
 * AF_ISA_SLOTS: for what is kept per ISA (src/half_table.c). */
int actfast__isa_index(const af_kernel_set *k);

/* The set every call runs on once the first call has resolved it (NULL
 * before; a set without kernels when ACTFAST_ISA names none that can run):
 * src/dispatch.c writes it. */
extern _Atomic(const af_kernel_set *) actfast__active;

/* actfast__active_kernels for the calls after the first: one atomic load
 * and a test inline, the function only for a set still to resolve or none
 * to use. */
static inline const af_kernel_set *af_active_kernels(actfast_status *status)
{
    const af_kernel_set *k = atomic_load_explicit(&actfast__active, memory_order_acquire);
    if (k != NULL && k->f32 != NULL) {
        *status = ACTFAST_OK;
        return k;
    }
    return actfast__active_kernels(status);
}

#endif
