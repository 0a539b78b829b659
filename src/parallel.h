/* One call split over a runner's tasks (src/parallel.c), and the entry
 * points of src/api.c that take a runner.
 *
 * The work of a call is a range of units [0, units): elements, rows, channels
 * or summation segments. A body does units [begin, end) on whatever thread
 * runs it; the splitter hands it whole tasks of units_per_task units, through
 * the runner, or does everything on the calling thread (runner NULL: the
 * single-threaded entry points; small work; one task). A body must give the
 * same bits for any [begin, end): the split never changes a result.
 *
 * Bodies run in the IEEE default FP mode: on a runner's thread the task
 * enters it and gives the thread its own mode back; on the calling thread the
 * caller has entered it already (af_call_enter). */
#ifndef ACTFAST_PARALLEL_H
#define ACTFAST_PARALLEL_H

#include <stddef.h>

#include "actfast.h"
#include "api_internal.h"
#include "kernel_table.h"
#include "sum.h"

/* The segments of a parameter gradient's sum (prelu's dw per channel, swish's
 * dbeta): terms [k S, (k + 1) S) are summed with compensation, and the
 * segments' sums are merged in order (af_sum_merge). Fixed, so that neither
 * the thread count nor the block changes a bit; the single-threaded entry
 * points sum the same way. */
enum { AF_SUM_SEGMENT = 16384 };

/* Does units [begin, end). partials: NULL for actfast__split; for
 * actfast__split_sum, where the sum of unit u goes (partials[u - begin]). */
typedef void (*af_split_body)(void *ctx, size_t begin, size_t end, af_sum *partials);
/* Takes unit u's sum, on the calling thread, in the order of u. */
typedef void (*af_split_sink)(void *ctx, size_t unit, const af_sum *partial);

/* The elements per task: runner->block, or ACTFAST_PARALLEL_BLOCK (runner
 * NULL or block 0). */
size_t actfast__split_block(const actfast_runner *runner);

/* body over [0, units) in tasks of units_per_task units (>= 1). elements
 * (the size of the call) decides against runner->min_split whether to split
 * at all. ACTFAST_OK, or ACTFAST_ERR_RUNNER when the runner failed or left
 * tasks unrun. */
actfast_status actfast__split(const actfast_runner *runner, size_t elements, size_t units, size_t units_per_task,
                              af_split_body body, void *ctx);

/* body over [0, units), each unit's sum to sink in unit order, in rounds of
 * at most 512 units (so that the partial sums stay on the stack): the runner
 * is called once per round. Stops at the first failed round. */
actfast_status actfast__split_sum(const actfast_runner *runner, size_t elements, size_t units,
                                  size_t units_per_task, af_split_body body, af_split_sink sink, void *ctx);

/* The table kernel of (op, form, dtype) over [0, n): runner's tasks of whole
 * blocks (whole rows for a row-wise op). Arguments checked, parameters
 * converted (p), k resolved, the calling thread in the default mode. */
actfast_status actfast__run_split(const actfast_runner *runner, const af_kernel_set *k, actfast_op op,
                                  actfast_form form, actfast_dtype dtype, const void *in, const void *dy, void *out,
                                  size_t n, const af_params *p);

/* src/api.c: one form of a table op (the checks, the parameters converted
 * to the arrays' type and validated, then the active ISA's kernel, all in
 * the IEEE default FP mode), and actfast_apply, with a runner (NULL: on the
 * calling thread). */
actfast_status actfast__run_on(const actfast_runner *runner, actfast_op op, actfast_form form, actfast_dtype dtype,
                               const void *in, const void *dy, void *out, size_t n, const af_args *args);
actfast_status actfast__apply_on(const actfast_runner *runner, actfast_op op, actfast_form form, actfast_dtype dtype,
                                 const void *in, const void *dy, void *out, size_t n, const actfast_params *params);

/* The gated units' split (src/parallel.c), and their checked call with a
 * runner (src/api.c; NULL: on the calling thread) and its generic entry. */
actfast_status actfast__run_gated_split(const actfast_runner *runner, const af_kernel_set *k, actfast_op op,
                                        actfast_form form, actfast_dtype dtype, const void *a, const void *gate,
                                        const void *dy, void *out, void *dgate, size_t n);
actfast_status actfast__run_gated_on(const actfast_runner *runner, actfast_op op, actfast_form form,
                                     actfast_dtype dtype, const void *a, const void *gate, const void *dy, void *out,
                                     void *dgate, size_t n);
actfast_status actfast__apply_gated_on(const actfast_runner *runner, actfast_op op, actfast_form form,
                                       actfast_dtype dtype, const void *a, const void *gate, const void *dy,
                                       void *out, void *dgate, size_t n);

/* The rows of a checked _ex call (src/rows_ex.c) on runner's tasks of whole
 * rows, about a block of elements each. */
actfast_status actfast__rows_ex_split(const actfast_runner *runner, const af_rows_job *j);

/* The check of every parallel entry point, before any other:
 * ACTFAST_ERR_NULL_POINTER for a NULL runner or parallel_for. */
static inline actfast_status af_runner_valid(const actfast_runner *runner)
{
    return runner && runner->parallel_for ? ACTFAST_OK : ACTFAST_ERR_NULL_POINTER;
}

#endif
