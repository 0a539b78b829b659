/* The kernel set in use, resolved once and shared by all threads. */
#ifndef ACTFAST_DISPATCH_H
#define ACTFAST_DISPATCH_H

#include "kernel_table.h"

/* The active kernel set, or NULL with *status saying why none can be used
 * (ACTFAST_ISA named an unknown or unsupported ISA). */
const af_kernel_set *actfast__active_kernels(actfast_status *status);

#endif
