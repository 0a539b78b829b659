/* The parallel entry point on large arrays: actfast_apply_parallel with the
 * OpenMP runner on 1 thread, 2 threads and, where the process may use more
 * CPUs, all of them, and the speed-up over 1 thread; and the cost of an
 * empty parallel region, which sets ACTFAST_PARALLEL_MIN_SPLIT (see
 * src/parallel.c). Registered by bench.c (--parallel; the default run).
 *
 * Names:
 *     parallel/<op>/<form>/<dtype>/openmp-<threads>/<n>    gelu/forward/f32/openmp-2/16777216
 *     parallel/region/openmp-<threads>                     one parallel_for of <threads> empty tasks
 *
 * Times and rates are wall-clock (bench.c's others are the CPU time of the
 * benchmark's thread, which leaves out the other threads' work). Counter
 * speedup: the 1-thread case's time per call over this one's (registered,
 * and so run, just before). The OpenMP threads may run on every CPU that the
 * process could use when it started: bench.c pins the main thread to one, so
 * each case lets it go for its timed loop and pins it again after. OpenMP's
 * threads wait for work by spinning a while (OMP_WAIT_POLICY, GOMP_SPINCOUNT),
 * as in an engine that calls the library over and over. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "parallel.h"

#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actfast.h"
#include "baselines.h"
#include "gbench.h"

enum { ALIGNMENT = 64, MAX_THREAD_COUNTS = 3 };

static const actfast_op ops[] = {ACTFAST_OP_GELU, ACTFAST_OP_SIGMOID, ACTFAST_OP_RELU, ACTFAST_OP_SOFTMAX};

#ifdef __linux__
static cpu_set_t all_cpus; /* the process's CPUs before bench.c pinned it */
#endif
static int cpu_count = 1;
static int failures;

static void empty_task(void *ctx, size_t index);

void bench_parallel_init(void)
{
#ifdef __linux__
    if (sched_getaffinity(0, sizeof all_cpus, &all_cpus) == 0)
        cpu_count = CPU_COUNT(&all_cpus);
#endif
    /* OpenMP's threads are made at the first region that needs them, with
     * the affinity of the thread that makes them, and kept: made here, they
     * may run on every CPU, not on the one that bench.c pins the process to
     * (where they would take turns with the main thread, a time slice each). */
    const actfast_runner *openmp = actfast_runner_openmp();
    if (openmp)
        openmp->parallel_for((void *)&cpu_count, (size_t)cpu_count, empty_task, NULL);
}

int bench_parallel_failures(void) { return failures; }

/* The main thread on every CPU of the process for a timed loop, then back
 * on the one it was pinned to. */
typedef struct affinity {
#ifdef __linux__
    cpu_set_t pinned;
    int saved;
#endif
    int unused;
} affinity;

static affinity unpin(void)
{
    affinity a = {.unused = 0};
#ifdef __linux__
    a.saved = sched_getaffinity(0, sizeof a.pinned, &a.pinned) == 0;
    if (a.saved)
        sched_setaffinity(0, sizeof all_cpus, &all_cpus);
#endif
    return a;
}

static void repin(const affinity *a)
{
#ifdef __linux__
    if (a->saved)
        sched_setaffinity(0, sizeof a->pinned, &a->pinned);
#endif
    (void)a;
}

/* ---- the arrays: one set, kept while cases of its size run --------------- */

static struct {
    actfast_dtype dtype;
    size_t size;
    void *x, *y;
} data;

static void data_free(void)
{
    free(data.x);
    free(data.y);
    data.x = data.y = NULL;
}

static int data_load(actfast_dtype dtype, size_t size)
{
    if (data.x && data.dtype == dtype && data.size == size)
        return 1;
    data_free();
    const size_t esize = dtype == ACTFAST_F32 ? sizeof(float) : sizeof(double),
                 bytes = (size * esize + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    data.x = aligned_alloc(ALIGNMENT, bytes);
    data.y = aligned_alloc(ALIGNMENT, bytes);
    if (!data.x || !data.y) {
        data_free();
        return 0;
    }
    uint64_t state = 0x5EED;
    for (size_t i = 0; i < size; i++) { /* uniform in [-8, 8], as bench.c's */
        uint64_t z = (state += 0x9E3779B97F4A7C15u);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        const double v = -8 + 16 * (double)((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
        if (dtype == ACTFAST_F32)
            ((float *)data.x)[i] = (float)v;
        else
            ((double *)data.x)[i] = v;
    }
    memset(data.y, 0, bytes); /* touched: no page fault in a timed loop */
    data.dtype = dtype;
    data.size = size;
    return 1;
}

/* ---- the cases ----------------------------------------------------------- */

typedef struct par_case {
    actfast_op op;
    actfast_form form;
    actfast_dtype dtype;
    actfast_params params;
    size_t size, n;
    int threads;
    actfast_runner runner;
    const struct par_case *one_thread; /* the 1-thread case of the same call, or NULL */
    double seconds_per_call;           /* measured */
    struct par_case *next;
} par_case;

static par_case *cases;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void run_call(gb_state *state, void *arg)
{
    par_case *c = arg;
    if (!data_load(c->dtype, c->size)) {
        failures++;
        gb_skip_with_error(state, "cannot allocate the arrays");
        return;
    }
    c->runner.ctx = &c->threads;
    const affinity a = unpin();
    /* Untimed: checks the call, starts OpenMP's threads, warms the caches. */
    if (actfast_apply_parallel(&c->runner, c->op, c->form, c->dtype, data.x, NULL, data.y, c->n, &c->params) !=
        ACTFAST_OK) {
        repin(&a);
        failures++;
        gb_skip_with_error(state, "the call failed");
        return;
    }
    long iterations = 0;
    double start = 0;
    while (gb_keep_running(state)) {
        if (iterations++ == 0)
            start = now();
        actfast_apply_parallel(&c->runner, c->op, c->form, c->dtype, data.x, NULL, data.y, c->n, &c->params);
    }
    const double elapsed = now() - start;
    repin(&a);
    c->seconds_per_call = iterations > 0 ? elapsed / (double)iterations : 0;
    const double elements = (double)c->n,
                 bytes = 2 * elements * (double)(c->dtype == ACTFAST_F32 ? sizeof(float) : sizeof(double));
    const unsigned rate = GB_COUNTER_RATE | GB_COUNTER_PER_ITERATION;
    gb_set_counter(state, "items_per_second", elements, rate);
    gb_set_counter(state, "time_per_elem", elements, rate | GB_COUNTER_INVERT);
    gb_set_counter(state, "bandwidth", bytes, rate);
    if (c->one_thread && c->one_thread->seconds_per_call > 0 && c->seconds_per_call > 0)
        gb_set_counter(state, "speedup", c->one_thread->seconds_per_call / c->seconds_per_call, 0);
}

static void empty_task(void *ctx, size_t index)
{
    (void)ctx;
    (void)index;
}

/* One parallel_for of `threads` empty tasks: what splitting costs. */
static void run_region(gb_state *state, void *arg)
{
    par_case *c = arg;
    c->runner.ctx = &c->threads;
    const affinity a = unpin();
    c->runner.parallel_for(c->runner.ctx, (size_t)c->threads, empty_task, NULL);
    while (gb_keep_running(state))
        c->runner.parallel_for(c->runner.ctx, (size_t)c->threads, empty_task, NULL);
    repin(&a);
}

static par_case *add(const par_case *proto)
{
    par_case *c = malloc(sizeof *c);
    if (!c) {
        fprintf(stderr, "actfast_bench: out of memory\n");
        exit(2);
    }
    *c = *proto;
    c->next = cases;
    cases = c;
    return c;
}

/* min_split: the runner's (0: the library's threshold; 1: always split). */
void bench_register_parallel(const size_t *sizes, int nsizes, size_t min_split)
{
    const actfast_runner *openmp = actfast_runner_openmp();
    if (!openmp) {
        printf("actfast_bench: libactfast has no OpenMP runner (ACTFAST_OPENMP=OFF or no OpenMP): "
               "no parallel benchmarks\n");
        return;
    }
    int threads[MAX_THREAD_COUNTS] = {1, 2, cpu_count}, counts = cpu_count > 2 ? 3 : 2;
    char name[128];
    for (int t = 0; t < counts; t++) {
        par_case c = {.threads = threads[t], .runner = *openmp};
        snprintf(name, sizeof name, "parallel/region/openmp-%d", threads[t]);
        gb_register_real_time(name, run_region, add(&c));
    }
    for (int s = 0; s < nsizes; s++)
        for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
            const actfast_op_info *info = actfast_get_op_info(ops[k]);
            par_case c = {.op = ops[k], .form = ACTFAST_FORWARD, .dtype = ACTFAST_F32,
                          .params = actfast_default_params(ops[k]), .size = sizes[s], .runner = *openmp};
            c.runner.min_split = min_split;
            c.n = sizes[s];
            if (info->rowwise) {
                c.params.cols = BENCH_ROW_LENGTH;
                c.n = sizes[s] / BENCH_ROW_LENGTH * BENCH_ROW_LENGTH;
            }
            if (c.n == 0)
                continue;
            const par_case *one = NULL;
            for (int t = 0; t < counts; t++) {
                c.threads = threads[t];
                c.one_thread = one;
                par_case *added = add(&c);
                if (t == 0)
                    one = added;
                snprintf(name, sizeof name, "parallel/%s/forward/f32/openmp-%d/%zu", info->name, threads[t],
                         sizes[s]);
                gb_register_real_time(name, run_call, added);
            }
        }
}

void bench_parallel_free(void)
{
    data_free();
    while (cases) {
        par_case *next = cases->next;
        free(cases);
        cases = next;
    }
}
