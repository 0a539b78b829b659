/* Many cores: one call cut into tasks that a runner (the caller's thread
 * pool, OpenMP, or none) runs, with the bits of the single-threaded call.
 *
 * Why the bits cannot change: every element is computed by the kernel that
 * the single-threaded call runs, and the kernels give the same bits at every
 * position of an array (SPEC.md section 3), so where a task starts does not
 * matter; rrelu's slopes depend on the element index alone; and the sums of
 * the parameter gradients are taken in fixed segments (AF_SUM_SEGMENT terms),
 * never per task or per thread, and merged in segment order on the calling
 * thread. The single-threaded entry points go through the same bodies with
 * no runner.
 *
 * Each task enters the IEEE default FP mode itself (the runner's threads may
 * run in any mode) and leaves its thread's mode and exception flags as it
 * found them. The tasks
 * that ran are counted, so that a runner that returns 0 without running
 * every task is a failure too, and the count's release/acquire order makes
 * the tasks' partial sums visible to the calling thread whatever the runner
 * does to synchronize. */
#include <errno.h>
#include <stdatomic.h>

#include "actfast.h"
#include "api_internal.h"
#include "parallel.h"

/* ---- the runners --------------------------------------------------------- */

static int sequential_for(void *runner_ctx, size_t count, actfast_task task, void *task_ctx)
{
    (void)runner_ctx;
    for (size_t i = 0; i < count; i++)
        task(task_ctx, i);
    return 0;
}

static const actfast_runner sequential = {sequential_for, NULL, 0, 0};

const actfast_runner *actfast_runner_sequential(void) { return &sequential; }

/* actfast_runner_openmp: src/parallel_openmp.c. */

/* ---- the splitter -------------------------------------------------------- */

/* ACTFAST_PARALLEL_MIN_SPLIT = 32768 elements, two blocks: measured with the
 * bench on a 2-core AMD EPYC (Zen 3) VM shared with other jobs, in a moment
 * when no other process ran,
 *     actfast_bench --parallel --benchmark_filter='^parallel/'
 * parallel/region/openmp-2, one actfast_runner_openmp call of 2 empty tasks
 * on 2 threads, back to back (the threads spin between regions): 1.0 us
 * (a standalone loop of 20000 regions: 0.8 us at the 10th percentile, 2 us
 * at the median under load). One thread takes 0.17-0.2 ns an element of
 * relu f32 in cache, the cheapest op (sigmoid 1.1, gelu 4.3 ns). Two tasks
 * of one block and the rest: relu on 2 threads takes 16384 x 0.2 ns + 1 us
 * = 4.3 us, which one thread beats below about 21000 elements; at two full
 * blocks 2 threads take 4.3 us against 6.6 (1.5x), and every op gains from
 * there on. The compute-bound ops would gain below it too (gelu on 20000
 * elements: 67 us against 80), but little. When other processes hold the
 * cores, a region costs 10 us to 10 ms (a thread of the region waits for a
 * time slice): no threshold helps there; a caller can raise min_split or
 * use fewer threads. */

size_t actfast__split_block(const actfast_runner *runner)
{
    return runner && runner->block ? runner->block : ACTFAST_PARALLEL_BLOCK;
}

static size_t min_split(const actfast_runner *runner)
{
    return runner->min_split ? runner->min_split : ACTFAST_PARALLEL_MIN_SPLIT;
}

/* One call of parallel_for: units [base, base + count) in tasks. */
typedef struct af_region {
    af_split_body body;
    void *ctx;
    size_t base, count, per_task, tasks;
    af_sum *partials; /* of units [base, base + count), or NULL */
    atomic_size_t done;
} af_region;

static void run_task(void *arg, size_t index)
{
    af_region *r = arg;
    if (index >= r->tasks) /* not one of ours: the runner's bug, and not counted */
        return;
    const size_t begin = index * r->per_task, end = r->count - begin < r->per_task ? r->count : begin + r->per_task;
    const af_fpenv saved = af_fpenv_enter();
    r->body(r->ctx, r->base + begin, r->base + end, r->partials ? r->partials + begin : NULL);
    af_fpenv_leave(saved);
    atomic_fetch_add_explicit(&r->done, 1, memory_order_release);
}

/* Units [base, base + count): on the runner when it is worth it, else here. */
static actfast_status region(const actfast_runner *runner, size_t elements, size_t base, size_t count,
                             size_t per_task, af_split_body body, void *ctx, af_sum *partials)
{
    const size_t tasks = count / per_task + (count % per_task != 0);
    if (!runner || elements < min_split(runner) || tasks <= 1) {
        if (count > 0)
            body(ctx, base, base + count, partials);
        return ACTFAST_OK;
    }
    af_region r = {body, ctx, base, count, per_task, tasks, partials, 0};
    atomic_init(&r.done, 0);
    const int saved_errno = errno; /* the runner's library calls may set it */
    const int failed = runner->parallel_for(runner->ctx, tasks, run_task, &r);
    errno = saved_errno;
    if (failed || atomic_load_explicit(&r.done, memory_order_acquire) != tasks)
        return ACTFAST_ERR_RUNNER;
    return ACTFAST_OK;
}

actfast_status actfast__split(const actfast_runner *runner, size_t elements, size_t units, size_t units_per_task,
                              af_split_body body, void *ctx)
{
    return region(runner, elements, 0, units, units_per_task ? units_per_task : 1, body, ctx, NULL);
}

/* 512 partial sums, 8 KiB of stack: a round is 512 segments of 16384 terms
 * (8 Mi elements) at most, enough tasks for any thread count. */
enum { AF_ROUND = 512 };

actfast_status actfast__split_sum(const actfast_runner *runner, size_t elements, size_t units,
                                  size_t units_per_task, af_split_body body, af_split_sink sink, void *ctx)
{
    af_sum partials[AF_ROUND];
    size_t per_task = units_per_task == 0 ? 1 : units_per_task > AF_ROUND ? AF_ROUND : units_per_task;
    const size_t round = AF_ROUND / per_task * per_task; /* whole tasks */
    for (size_t base = 0; base < units; base += round) {
        const size_t count = units - base < round ? units - base : round;
        const actfast_status st = region(runner, elements, base, count, per_task, body, ctx, partials);
        if (st != ACTFAST_OK)
            return st;
        for (size_t k = 0; k < count; k++)
            sink(ctx, base + k, &partials[k]);
    }
    return ACTFAST_OK;
}

/* ---- the table ops ------------------------------------------------------- */

typedef struct af_kernel_job {
    const af_kernel_set *k;
    actfast_op op;
    actfast_form form;
    actfast_dtype dtype;
    const char *in, *dy;
    char *out;
    const af_params *p;
    size_t unit; /* elements per unit: 1, or a row */
    atomic_int failure; /* a task's status other than ACTFAST_OK (16-bit rows: no memory) */
} af_kernel_job;

static void kernel_body(void *ctx, size_t begin, size_t end, af_sum *partials)
{
    (void)partials;
    af_kernel_job *j = ctx;
    const size_t at = begin * j->unit * actfast__dtype_size(j->dtype), len = (end - begin) * j->unit;
    const actfast_status st = actfast__run_kernel(j->k, j->op, j->form, j->dtype, j->in + at, j->dy ? j->dy + at : NULL,
                                                  j->out + at, len, j->p);
    if (st != ACTFAST_OK)
        atomic_store_explicit(&j->failure, (int)st, memory_order_relaxed);
}

actfast_status actfast__run_split(const actfast_runner *runner, const af_kernel_set *k, actfast_op op,
                                  actfast_form form, actfast_dtype dtype, const void *in, const void *dy, void *out,
                                  size_t n, const af_params *p)
{
    const int with_dy = form == ACTFAST_BACKWARD || form == ACTFAST_BACKWARD_FROM_Y;
    const size_t unit = actfast_get_op_info(op)->rowwise ? p->cols : 1, block = actfast__split_block(runner);
    af_kernel_job job = {k, op, form, dtype, in, with_dy ? dy : NULL, out, p, unit, ACTFAST_OK};
    const actfast_status st = actfast__split(runner, n, n / unit, block / unit, kernel_body, &job);
    return st != ACTFAST_OK ? st : (actfast_status)atomic_load(&job.failure);
}

/* ---- the gated units ---------------------------------------------------- */

typedef struct af_gated_job {
    const af_kernel_set *k;
    actfast_op op;
    actfast_form form;
    actfast_dtype dtype;
    const char *a, *gate, *dy;
    char *out, *dgate;
} af_gated_job;

static void gated_body(void *ctx, size_t begin, size_t end, af_sum *partials)
{
    (void)partials;
    const af_gated_job *j = ctx;
    const size_t at = begin * actfast__dtype_size(j->dtype);
    actfast__run_gated_kernel(j->k, j->op, j->form, j->dtype, j->a + at, j->gate + at, j->dy ? j->dy + at : NULL,
                              j->out + at, j->dgate ? j->dgate + at : NULL, end - begin);
}

actfast_status actfast__run_gated_split(const actfast_runner *runner, const af_kernel_set *k, actfast_op op,
                                        actfast_form form, actfast_dtype dtype, const void *a, const void *gate,
                                        const void *dy, void *out, void *dgate, size_t n)
{
    const int backward = form == ACTFAST_BACKWARD;
    af_gated_job job = {k, op, form, dtype, a, gate, backward ? dy : NULL, out, backward ? dgate : NULL};
    return actfast__split(runner, n, n, actfast__split_block(runner), gated_body, &job);
}

/* ---- the row-wise ops' _ex forms ----------------------------------------- */

typedef struct af_rows_split {
    const af_rows_job *j;
    atomic_int failure; /* a task's status other than ACTFAST_OK (no memory) */
} af_rows_split;

static void rows_ex_body(void *ctx, size_t begin, size_t end, af_sum *partials)
{
    (void)partials;
    af_rows_split *s = ctx;
    const actfast_status st = actfast__rows_ex_range(s->j, begin, end);
    if (st != ACTFAST_OK)
        atomic_store_explicit(&s->failure, (int)st, memory_order_relaxed);
}

actfast_status actfast__rows_ex_split(const actfast_runner *runner, const af_rows_job *j)
{
    af_rows_split split = {j, ACTFAST_OK};
    const size_t per_task = actfast__split_block(runner) / j->cols;
    const actfast_status st = actfast__split(runner, j->rows * j->cols, j->rows, per_task, rows_ex_body, &split);
    return st != ACTFAST_OK ? st : (actfast_status)atomic_load(&split.failure);
}

actfast_status actfast_apply_gated_parallel(const actfast_runner *runner, actfast_op op, actfast_form form,
                                            actfast_dtype dtype, const void *a, const void *gate, const void *dy,
                                            void *out, void *dgate, size_t n)
{
    const actfast_status st = af_runner_valid(runner);
    return st != ACTFAST_OK ? st : actfast__apply_gated_on(runner, op, form, dtype, a, gate, dy, out, dgate, n);
}

actfast_status actfast_apply_parallel(const actfast_runner *runner, actfast_op op, actfast_form form,
                                      actfast_dtype dtype, const void *in, const void *dy, void *out, size_t n,
                                      const actfast_params *params)
{
    const actfast_status st = af_runner_valid(runner);
    return st != ACTFAST_OK ? st : actfast__apply_on(runner, op, form, dtype, in, dy, out, n, params);
}
