/* The parallel entry points give the bits of the single-threaded call, for
 * any thread count, block and task order, and fail as the header says.
 *
 *   test_parallel <isa>
 *
 * 1. Every (op, form, dtype) of the table through actfast_apply_parallel, at
 *    sizes around the block and a large one, on this file's pthread pool
 *    with 1, 2, 3 and 7 threads, in reverse and in shuffled order, with odd
 *    blocks (a task of 1000 or 4097 elements, of 1 element or row), in place:
 *    bit for bit the serial actfast_apply's. The pool's threads run in a
 *    foreign FP mode (round toward zero, FTZ/DAZ on x86), so each task must
 *    enter the default mode itself, and give the thread its mode back. The
 *    gated units likewise through actfast_apply_gated_parallel, in place too,
 *    and the row-wise ops' _ex forms through actfast_apply_rows_parallel.
 * 2. prelu (C weights, dw from channels of one or many 16384-term segments,
 *    rounds of partial sums), rrelu (training, offset) and swish's dbeta:
 *    outputs and parameter gradients bit for bit the serial entry points'.
 * 3. Bad input: a NULL runner, the serial checks before any task (the runner
 *    is never called), runners that fail or skip tasks (ACTFAST_ERR_RUNNER,
 *    each output element either untouched or final, dbeta untouched), small
 *    calls run inline, errno and the caller's FP mode and flags kept (the
 *    workers' flags too).
 * 4. The sequential runner and, in a build with OpenMP and without
 *    ThreadSanitizer (libgomp is not instrumented), the OpenMP runner.
 *
 * On the best ISA of the CPU every runner runs; on the others (whose kernels
 * the splitting does not concern, only where a task starts) the 2-thread and
 * shuffled pools and the odd blocks. Meant to run under ThreadSanitizer too.
 * ACTFAST_TEST_SCALE scales the large sizes; below 1, a quarter of the
 * table's cases run. */
#include "harness.h"

#include <errno.h>
#include <fenv.h>
#include <pthread.h>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
/* The worker threads' own mode: FTZ and DAZ on top of round toward zero. */
static unsigned foreign_extra(void) { return 0x8040u; }
static unsigned ctl_read(void) { return _mm_getcsr() & 0xFFC0u; }
static void ctl_or(unsigned bits) { _mm_setcsr(_mm_getcsr() | bits); }
#else
static unsigned foreign_extra(void) { return 0; }
static unsigned ctl_read(void) { return 0; }
static void ctl_or(unsigned bits) { (void)bits; }
#endif

#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif
#ifndef UNDER_TSAN
#define UNDER_TSAN 0
#endif

enum { BLOCK = ACTFAST_PARALLEL_BLOCK, MAX_THREADS = 7 };

/* ---- a thread pool: the caller's own runner -------------------------------- */

typedef enum order { IN_ORDER, REVERSE, SHUFFLED } order;

typedef struct pool {
    int threads;
    order order;
    pthread_t tid[MAX_THREADS];
    pthread_mutex_t lock;
    pthread_cond_t start, finished;
    unsigned generation;
    int quit, busy;
    /* the region under way */
    size_t count;
    actfast_task task;
    void *task_ctx;
    size_t *permutation;
    atomic_size_t next;
    atomic_int mode_changed; /* a task left its thread in another FP mode, or changed its flags */
    atomic_long regions;
} pool;

static void *pool_worker(void *arg)
{
    pool *p = arg;
    fesetround(FE_TOWARDZERO);
    ctl_or(foreign_extra());
    const unsigned mine = ctl_read();
    /* the worker's own exception flags: a task must neither clear them nor
     * raise any (the pool itself does integer work only) */
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_DIVBYZERO);
    const int raised = fetestexcept(FE_ALL_EXCEPT);
    unsigned seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->generation == seen && !p->quit)
            pthread_cond_wait(&p->start, &p->lock);
        if (p->quit)
            break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        for (size_t k; (k = atomic_fetch_add(&p->next, 1)) < p->count;) {
            const size_t i = p->order == REVERSE ? p->count - 1 - k : p->order == SHUFFLED ? p->permutation[k] : k;
            p->task(p->task_ctx, i);
            if (ctl_read() != mine || fegetround() != FE_TOWARDZERO ||
                fetestexcept(FE_ALL_EXCEPT) != raised)
                atomic_store(&p->mode_changed, 1);
        }
        pthread_mutex_lock(&p->lock);
        if (--p->busy == 0)
            pthread_cond_signal(&p->finished);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static uint64_t shuffle_state = 0x243F6A8885A308D3u;

static int pool_for(void *ctx, size_t count, actfast_task task, void *task_ctx)
{
    pool *p = ctx;
    size_t *perm = NULL;
    if (p->order == SHUFFLED) {
        perm = malloc(count * sizeof *perm);
        if (!perm)
            return 1;
        for (size_t i = 0; i < count; i++)
            perm[i] = i;
        for (size_t i = count; i > 1; i--) { /* Fisher-Yates, xorshift */
            shuffle_state ^= shuffle_state << 13;
            shuffle_state ^= shuffle_state >> 7;
            shuffle_state ^= shuffle_state << 17;
            const size_t j = (size_t)(shuffle_state % i), t = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = t;
        }
    }
    pthread_mutex_lock(&p->lock);
    p->count = count;
    p->task = task;
    p->task_ctx = task_ctx;
    p->permutation = perm;
    atomic_store(&p->next, 0);
    p->busy = p->threads;
    p->generation++;
    pthread_cond_broadcast(&p->start);
    while (p->busy > 0)
        pthread_cond_wait(&p->finished, &p->lock);
    pthread_mutex_unlock(&p->lock);
    free(perm);
    atomic_fetch_add(&p->regions, 1);
    errno = EDOM; /* a runner may leave errno set: the library restores it */
    return 0;
}

static void pool_start(pool *p, int threads, order o)
{
    memset(p, 0, sizeof *p);
    p->threads = threads;
    p->order = o;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->start, NULL);
    pthread_cond_init(&p->finished, NULL);
    for (int t = 0; t < threads; t++)
        if (pthread_create(&p->tid[t], NULL, pool_worker, p) != 0) {
            perror("pthread_create");
            exit(1);
        }
}

static void pool_stop(pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->start);
    pthread_mutex_unlock(&p->lock);
    for (int t = 0; t < p->threads; t++)
        pthread_join(p->tid[t], NULL);
    CHECK(!atomic_load(&p->mode_changed), "pool of %d: a task left its worker in another FP mode or changed its flags",
          p->threads);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->start);
    pthread_cond_destroy(&p->finished);
}

/* ---- the runners under test ------------------------------------------------- */

enum { POOLS = 6 };
static pool pools[POOLS];
static const struct {
    int threads;
    order order;
    const char *name;
} pool_kinds[POOLS] = {{1, IN_ORDER, "1 thread"},  {2, IN_ORDER, "2 threads"},   {3, IN_ORDER, "3 threads"},
                       {7, IN_ORDER, "7 threads"}, {1, REVERSE, "reverse order"}, {3, SHUFFLED, "shuffled"}};

typedef struct variant {
    actfast_runner runner;
    char name[64];
} variant;

enum { MAX_VARIANTS = 16 };
static variant variants[MAX_VARIANTS];
static int variant_count;

/* The runners for a call on n elements, all forced to split (min_split = 1):
 * every pool with the default block where that makes 2 tasks or more; odd
 * blocks (1000, 4097; 1 for tiny calls) for calls up to odd_limit, and one
 * of more than two segments of a sum where that makes 2 tasks; the default
 * min_split; the sequential runner. */
static int thorough; /* the ISA is the best: every runner; else a few */

static int make_variants(size_t n, size_t odd_limit)
{
    variant_count = 0;
    for (int k = 0; k < POOLS && n > BLOCK; k++) {
        if (!thorough && k != 1 && k != 5)
            continue;
        variant *v = &variants[variant_count++];
        v->runner = (actfast_runner){pool_for, &pools[k], 0, 1};
        snprintf(v->name, sizeof v->name, "%s", pool_kinds[k].name);
    }
    const struct {
        size_t block;
        int pool;
    } odd[] = {{1000, 2}, {4097, 5}, {1, 3}, {2 * BLOCK + 999, 3}};
    for (size_t b = 0; b < sizeof odd / sizeof odd[0]; b++) {
        if (odd[b].block > BLOCK ? n <= odd[b].block : n > odd_limit || (odd[b].block == 1 && n > 2000))
            continue;
        variant *v = &variants[variant_count++];
        v->runner = (actfast_runner){pool_for, &pools[odd[b].pool], odd[b].block, 1};
        snprintf(v->name, sizeof v->name, "%s, block %zu", pool_kinds[odd[b].pool].name, odd[b].block);
    }
    if (!thorough)
        return variant_count;
    variant *v = &variants[variant_count++];
    v->runner = (actfast_runner){pool_for, &pools[1], 0, 0};
    snprintf(v->name, sizeof v->name, "2 threads, default min_split");
    variant *s = &variants[variant_count++];
    s->runner = *actfast_runner_sequential();
    s->runner.min_split = 1;
    snprintf(s->name, sizeof s->name, "sequential runner");
    return variant_count;
}

/* Pool k, forced to split in tasks of `block` (0: the default). */
static actfast_runner on_pool(int k, size_t block) { return (actfast_runner){pool_for, &pools[k], block, 1}; }

/* ---- 1. the table ops --------------------------------------------------- */

static void *xmalloc(size_t bytes)
{
    void *p = malloc(bytes ? bytes : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static void table_ops(void)
{
    const size_t big = h_scaled(5 * BLOCK + 7, 3 * BLOCK + 1);
    const size_t sizes[] = {0, 1, 100, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 1, big};
    enum { SIZES = sizeof sizes / sizeof sizes[0] };
    double *in = xmalloc((big + 64) * sizeof(double)), *dy = xmalloc((big + 64) * sizeof(double)),
           *want = xmalloc((big + 64) * sizeof(double)), *got = xmalloc((big + 64) * sizeof(double));
    /* Under a sanitizer or an emulator (ACTFAST_TEST_SCALE < 1): every
     * fourth case of the table. */
    const int every = h_scaled(100, 1) < 100 ? 4 : 1;
    long runs = 0;
    H_FOR_EACH_CASE(c) {
        if (c.index % every != 0)
            continue;
        for (int s = 0; s < SIZES; s++) {
            actfast_params p;
            const size_t n = sizes[s] == 0 ? 0 : h_fixed_shape(&c, sizes[s], &p);
            if (sizes[s] == 0)
                p = h_params(&c, c.info->rowwise ? 37 : 0);
            h_make_inputs(&c, in, dy, n, &p, (unsigned)(c.index * 31 + s));
            CHECK(h_apply(&c, in, dy, want, n, &p) == ACTFAST_OK, "%s n=%zu: serial", c.name, n);
            make_variants(n, 3 * BLOCK + 1);
            for (int v = 0; v < variant_count; v++) {
                memset(got, 0xA5, n * c.size);
                const actfast_status st = actfast_apply_parallel(&variants[v].runner, c.op, c.form, c.dtype, in,
                                                                 c.with_dy ? dy : NULL, got, n, &p);
                if (CHECK(st == ACTFAST_OK, "%s n=%zu %s: status %d", c.name, n, variants[v].name, (int)st))
                    CHECK_SAME(&c, got, want, n, variants[v].name);
                runs++;
            }
            if (s == 6) { /* in place, over the input and over dy (3 threads, shuffled) */
                memcpy(got, in, n * c.size);
                const actfast_runner three = on_pool(2, 0), shuffled = on_pool(5, 0);
                CHECK(actfast_apply_parallel(&three, c.op, c.form, c.dtype, got, c.with_dy ? dy : NULL,
                                             got, n, &p) == ACTFAST_OK,
                      "%s in place", c.name);
                CHECK_SAME(&c, got, want, n, "in place over the input");
                if (c.with_dy) {
                    memcpy(got, dy, n * c.size);
                    CHECK(actfast_apply_parallel(&shuffled, c.op, c.form, c.dtype, in, got, got, n, &p) ==
                              ACTFAST_OK,
                          "%s in place over dy", c.name);
                    CHECK_SAME(&c, got, want, n, "in place over dy");
                }
            }
        }
    }
    printf("parallel: %ld calls of the table's ops compared with the serial ones\n", runs);
    free(in);
    free(dy);
    free(want);
    free(got);
}

/* The gated units: a, gate, dy and both outputs, every runner variant. */
static void gated_ops(void)
{
    const size_t big = h_scaled(3 * BLOCK + 5, 2 * BLOCK + 1);
    const size_t sizes[] = {0, 1, BLOCK + 1, big};
    double *a = xmalloc(big * sizeof(double)), *g = xmalloc(big * sizeof(double)), *dy = xmalloc(big * sizeof(double));
    double *want = xmalloc(big * sizeof(double)), *want2 = xmalloc(big * sizeof(double));
    double *got = xmalloc(big * sizeof(double)), *got2 = xmalloc(big * sizeof(double));
    long runs = 0;
    H_FOR_EACH_GATED_CASE(c) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            const size_t n = sizes[s];
            h_fill(c.dtype, a, n, (unsigned)(c.index * 7 + s));
            h_fill(c.dtype, g, n, (unsigned)(c.index * 7 + s + 1));
            h_fill(c.dtype, dy, n, (unsigned)(c.index * 7 + s + 2));
            CHECK(h_apply_gated(&c, a, g, dy, want, want2, n) == ACTFAST_OK, "%s n=%zu: serial", c.name, n);
            make_variants(n, 3 * BLOCK + 1);
            for (int v = 0; v < variant_count; v++) {
                memset(got, 0xA5, n * c.size);
                memset(got2, 0xA5, n * c.size);
                const actfast_status st =
                    actfast_apply_gated_parallel(&variants[v].runner, c.op, c.form, c.dtype, a, g,
                                                 c.with_dy ? dy : NULL, got, c.with_dy ? got2 : NULL, n);
                if (CHECK(st == ACTFAST_OK, "%s n=%zu %s: status %d", c.name, n, variants[v].name, (int)st)) {
                    CHECK_SAME(&c, got, want, n, variants[v].name);
                    if (c.with_dy)
                        CHECK_SAME(&c, got2, want2, n, variants[v].name);
                }
                runs++;
            }
            if (n == big) { /* in place: y over a; da over dy and dgate over gate */
                const actfast_runner three = on_pool(2, 0);
                memcpy(got, c.with_dy ? dy : a, n * c.size);
                memcpy(got2, g, n * c.size);
                CHECK(actfast_apply_gated_parallel(&three, c.op, c.form, c.dtype, c.with_dy ? a : got,
                                                   c.with_dy ? got2 : g, c.with_dy ? got : NULL, got,
                                                   c.with_dy ? got2 : NULL, n) == ACTFAST_OK,
                      "%s in place", c.name);
                CHECK_SAME(&c, got, want, n, "in place");
                if (c.with_dy)
                    CHECK_SAME(&c, got2, want2, n, "in place, dgate over gate");
            }
        }
    }
    CHECK(actfast_apply_gated_parallel(NULL, ACTFAST_OP_GLU, ACTFAST_FORWARD, ACTFAST_F32, a, g, NULL, got, NULL,
                                       1) == ACTFAST_ERR_NULL_POINTER,
          "gated: a NULL runner");
    printf("parallel: %ld calls of the gated units compared with the serial ones\n", runs);
    free(a);
    free(g);
    free(dy);
    free(want);
    free(want2);
    free(got);
    free(got2);
}

/* ---- 2. the entry points with their own arguments --------------------------- */


/* Calls of the typed entry points by dtype: T_CALL(dt, name, args) is
 * actfast_<name>_<dt>(args); the 16-bit ones take float parameters. */
#define T_CALL(dt, name, ...)                                                                                 \
    ((dt) == ACTFAST_F32    ? actfast_##name##_f32(__VA_ARGS__)                                              \
     : (dt) == ACTFAST_F64  ? actfast_##name##_f64(__VA_ARGS__)                                              \
     : (dt) == ACTFAST_BF16 ? actfast_##name##_bf16(__VA_ARGS__)                                             \
                            : actfast_##name##_f16(__VA_ARGS__))

static actfast_status prelu_serial(actfast_dtype dt, actfast_form form, const void *x, const void *dy, void *out,
                                   size_t n, const void *w, size_t channels, size_t inner, void *dw)
{
    return form == ACTFAST_FORWARD ? T_CALL(dt, prelu, x, out, n, w, channels, inner)
           : form == ACTFAST_GRAD  ? T_CALL(dt, prelu_grad, x, out, n, w, channels, inner)
                                   : T_CALL(dt, prelu_backward, x, dy, out, n, w, channels, inner, dw);
}

static actfast_status prelu_parallel(const actfast_runner *r, actfast_dtype dt, actfast_form form, const void *x,
                                     const void *dy, void *out, size_t n, const void *w, size_t channels,
                                     size_t inner, void *dw)
{
    return T_CALL(dt, prelu_parallel, r, form, x, dy, out, n, w, channels, inner, dw);
}

/* x: the pool of special values one time in 7, else in [-8, 8]. */
static void fill(actfast_dtype dt, void *x, size_t n, unsigned seed, int specials)
{
    uint64_t s = 0x9E3779B97F4A7C15u * (seed + 1);
    for (size_t i = 0; i < n; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        const double u = (double)(s >> 11) * 0x1p-53;
        h_set(dt, x, i, specials && i % 7 == 3 ? h_pool((int)(s % H_POOL), dt) : u * 16 - 8);
    }
}

/* Terms that make a sum's bits depend on its order, even with compensation:
 * pairs +-a with |a| up to 2^60 (2^100 for float), shuffled, plus small
 * values. Their exact sum is the small values' sum, and the running sums are
 * up to 2^40 times larger: the rounding errors that Neumaier's compensation
 * adds up in plain floating point are large enough to show in the result, and
 * differ with the order, so that summing in any other segments than the
 * serial call's shows. Writes t[0, m), t[m] too when m is odd. */
static void ill_conditioned(actfast_dtype dt, double *t, size_t m, unsigned seed)
{
    uint64_t s = 0x2545F4914F6CDD1Du * (seed + 1);
    const int top = dt == ACTFAST_F32 ? 100 : 60;
    for (size_t k = 0; k < m; k += 2) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        const double u = (double)(s >> 11) * 0x1p-53;
        if (k / 2 % 8 == 7) { /* small, unpaired */
            t[k] = u - 0.5;
            t[k + 1] = 0.25 - u;
        } else {
            t[k] = ldexp(1 + u, (int)(s % (uint64_t)top)) * (s >> 63 ? -1 : 1);
            t[k + 1] = -t[k];
        }
    }
    for (size_t k = m; k > 1; k--) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        const size_t j = (size_t)(s % k);
        const double tmp = t[k - 1];
        t[k - 1] = t[j];
        t[j] = tmp;
    }
    for (size_t k = 0; k < m; k++) /* as the dtype holds it */
        t[k] = dt == ACTFAST_F32 ? (float)t[k] : t[k];
}

/* Whole segments of the sums (16384 terms, the header's) in pairs, at random
 * places, of opposite terms of up to 2^50 (2^100 for float); the segments
 * left over of small values. The segments' sums cancel pair by pair, and
 * what compensation adds up in plain floating point differs with the order
 * in which the segments are merged: a result of a merge in another order
 * than the serial call's (task completion order, thread by thread) shows. */
enum { SEGMENT = 16384 };
static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void segment_pairs(actfast_dtype dt, double *t, size_t n, unsigned seed)
{
    uint64_t s = 0x9E3779B97F4A7C15u * (seed + 7);
    const size_t whole = n / SEGMENT;
    size_t *perm = xmalloc((whole + 1) * sizeof *perm);
    for (size_t k = 0; k < whole; k++)
        perm[k] = k;
    for (size_t k = whole; k > 1; k--) {
        const size_t j = (size_t)(xorshift(&s) % k), tmp = perm[k - 1];
        perm[k - 1] = perm[j];
        perm[j] = tmp;
    }
    for (size_t i = 0; i < n; i++)
        t[i] = (double)(xorshift(&s) >> 11) * 0x1p-53 - 0.5;
    const int top = dt == ACTFAST_F32 ? 100 : 50;
    for (size_t m = 0; m + 1 < whole; m += 2) {
        double *a = t + perm[m] * SEGMENT, *b = t + perm[m + 1] * SEGMENT;
        const int e = (int)(xorshift(&s) % (uint64_t)top);
        for (size_t i = 0; i < SEGMENT; i++) {
            a[i] = ldexp(1 + (double)(xorshift(&s) >> 11) * 0x1p-53, e - (int)(xorshift(&s) % 20));
            a[i] = dt == ACTFAST_F32 ? (float)a[i] : a[i];
            b[i] = -a[i];
        }
    }
    free(perm);
}

static void prelu_layout(actfast_dtype dt, size_t outer, size_t channels, size_t inner, int all_variants)
{
    const size_t n = outer * channels * inner, sz = h_size(dt);
    void *x = xmalloc(n * sz), *dy = xmalloc(n * sz), *w = xmalloc(channels * sz), *want = xmalloc(n * sz),
         *got = xmalloc(n * sz), *dw_want = xmalloc(channels * sz), *dw_got = xmalloc(channels * sz);
    for (size_t c = 0; c < channels; c++)
        h_set(dt, w, c, 0.25 + 0.5 * (double)(c % 5));
    h_case hc = {.dtype = dt};
    /* Every form on the special values, then backward on the terms of
     * ill_conditioned, channel by channel (x = -1: the terms are -dy). */
    double *t = xmalloc((n / (channels ? channels : 1) + 1) * sizeof(double));
    for (int step = all_variants ? 0 : 3; step < 4; step++) { /* only dw for the large layouts */
        const int pass = step == 3;
        const actfast_form form = pass ? ACTFAST_BACKWARD : (actfast_form)step;
        if (step == 0) {
            fill(dt, x, n, 1, 1);
            fill(dt, dy, n, 2, 0);
        } else if (pass) {
            const size_t m = n / channels;
            for (size_t i = 0; i < n; i++)
                h_set(dt, x, i, -1);
            for (size_t c = 0; c < channels; c++) {
                ill_conditioned(dt, t, m, (unsigned)c);
                for (size_t j = 0; j < m; j++)
                    h_set(dt, dy, (j / inner * channels + c) * inner + j % inner, t[j]);
            }
        }
        snprintf(hc.name, sizeof hc.name, "prelu/%s/%s (%zu, %zu, %zu)%s", h_form_names[form], h_dtype_names[dt], outer,
                 channels, inner, pass ? " ill-conditioned" : "");
        const int backward = form == ACTFAST_BACKWARD;
        CHECK(prelu_serial(dt, form, x, dy, want, n, w, channels, inner, dw_want) == ACTFAST_OK, "%s: serial",
              hc.name);
        make_variants(n, 3 * BLOCK + 1);
        const int count = all_variants ? variant_count : 2;
        for (int v = 0; v < count; v++) {
            memset(got, 0xA5, n * sz);
            memset(dw_got, 0xA5, channels * sz);
            const actfast_status st = prelu_parallel(&variants[v].runner, dt, form, x, dy, got, n, w, channels,
                                                     inner, dw_got);
            if (!CHECK(st == ACTFAST_OK, "%s %s: status %d", hc.name, variants[v].name, (int)st))
                continue;
            CHECK_SAME(&hc, got, want, n, variants[v].name);
            if (backward)
                CHECK_SAME(&hc, dw_got, dw_want, channels, variants[v].name);
        }
        if (backward) { /* in place over dy, dw too */
            memcpy(got, dy, n * sz);
            const actfast_runner three = on_pool(2, 1000);
            CHECK(prelu_parallel(&three, dt, form, x, got, got, n, w, channels, inner, dw_got) ==
                      ACTFAST_OK,
                  "%s in place", hc.name);
            CHECK_SAME(&hc, got, want, n, "in place over dy");
            CHECK_SAME(&hc, dw_got, dw_want, channels, "dw, in place over dy");
        }
    }
    free(t);
    free(x);
    free(dy);
    free(w);
    free(want);
    free(got);
    free(dw_want);
    free(dw_got);
}

static actfast_status rrelu_serial(actfast_dtype dt, actfast_form form, const void *x, const void *dy, void *out,
                                   size_t n, int training, uint64_t offset)
{
    const uint64_t seed = 0xC0FFEE;
    return form == ACTFAST_FORWARD ? T_CALL(dt, rrelu, x, out, n, 0.125, 1.0 / 3, training, seed, offset)
           : form == ACTFAST_GRAD  ? T_CALL(dt, rrelu_grad, x, out, n, 0.125, 1.0 / 3, training, seed, offset)
                                   : T_CALL(dt, rrelu_backward, x, dy, out, n, 0.125, 1.0 / 3, training, seed, offset);
}

static actfast_status rrelu_parallel(const actfast_runner *r, actfast_dtype dt, actfast_form form, const void *x,
                                     const void *dy, void *out, size_t n, int training, uint64_t offset)
{
    const uint64_t seed = 0xC0FFEE;
    return T_CALL(dt, rrelu_parallel, r, form, x, dy, out, n, 0.125, 1.0 / 3, training, seed, offset);
}

static void rrelu_all(actfast_dtype dt)
{
    const size_t n = 3 * BLOCK + 11, sz = h_size(dt);
    void *x = xmalloc(n * sz), *dy = xmalloc(n * sz), *want = xmalloc(n * sz), *got = xmalloc(n * sz);
    fill(dt, x, n, 3, 1);
    fill(dt, dy, n, 4, 0);
    h_case hc = {.dtype = dt};
    for (int training = 0; training < 2; training++)
        for (int form = ACTFAST_FORWARD; form <= ACTFAST_BACKWARD; form++) {
            snprintf(hc.name, sizeof hc.name, "rrelu/%s/%s training=%d", h_form_names[form], h_dtype_names[dt], training);
            CHECK(rrelu_serial(dt, form, x, dy, want, n, training, 12345) == ACTFAST_OK, "%s: serial", hc.name);
            make_variants(n, n);
            for (int v = 0; v < variant_count; v++) {
                memset(got, 0xA5, n * sz);
                const actfast_status st = rrelu_parallel(&variants[v].runner, dt, form, x, dy, got, n, training,
                                                         12345);
                if (CHECK(st == ACTFAST_OK, "%s %s: status %d", hc.name, variants[v].name, (int)st))
                    CHECK_SAME(&hc, got, want, n, variants[v].name);
            }
        }
    free(x);
    free(dy);
    free(want);
    free(got);
}

static actfast_status swish_beta(const actfast_runner *r, actfast_dtype dt, const void *x, const void *dy, void *dx,
                                 size_t n, double beta, void *dbeta)
{
    return r ? T_CALL(dt, swish_backward_beta_parallel, r, x, dy, dx, n, beta, dbeta)
             : T_CALL(dt, swish_backward_beta, x, dy, dx, n, beta, dbeta);
}

/* data: 0 ill_conditioned, 1 segment_pairs. */
static void swish_size(actfast_dtype dt, size_t n, int data, int all_variants)
{
    const size_t sz = h_size(dt);
    void *x = xmalloc(n * sz), *dy = xmalloc(n * sz), *want = xmalloc(n * sz), *got = xmalloc(n * sz);
    double db_want = 0, db_got = 0;
    /* x = 1: the terms are dy times one factor, and ill_conditioned's pairs
     * cancel (dx is tested on every input with the table's ops). */
    double *t = xmalloc((n + 1) * sizeof(double));
    if (data)
        segment_pairs(dt, t, n, 11);
    else
        ill_conditioned(dt, t, n, 11);
    for (size_t i = 0; i < n; i++) {
        h_set(dt, x, i, 1);
        h_set(dt, dy, i, t[i]);
    }
    free(t);
    h_case hc = {.dtype = dt};
    snprintf(hc.name, sizeof hc.name, "swish dbeta %s n=%zu%s", h_dtype_names[dt], n, data ? " segment pairs" : "");
    CHECK(swish_beta(NULL, dt, x, dy, want, n, 1.25, &db_want) == ACTFAST_OK, "%s: serial", hc.name);
    make_variants(n, 3 * BLOCK + 1);
    const int count = all_variants ? variant_count : 2;
    for (int v = 0; v < count; v++) {
        memset(got, 0xA5, n * sz);
        memset(&db_got, 0xA5, sizeof db_got);
        const actfast_status st = swish_beta(&variants[v].runner, dt, x, dy, got, n, 1.25, &db_got);
        if (!CHECK(st == ACTFAST_OK, "%s %s: status %d", hc.name, variants[v].name, (int)st))
            continue;
        CHECK_SAME(&hc, got, want, n, variants[v].name);
        CHECK_SAME(&hc, &db_got, &db_want, 1, variants[v].name);
    }
    free(x);
    free(dy);
    free(want);
    free(got);
}

static void stateful(void)
{
    for (int d = 0; d < H_DTYPE_COUNT; d++) {
        const actfast_dtype dt = (actfast_dtype)d;
        /* dw from channels of one segment (also: a channel per element) and
         * of several, contiguous and strided */
        const size_t layouts[][3] = {{3, 5, 7}, {0, 3, 4}, {5, 2, 5000}, {1, 1, 7 * BLOCK + 3},
                                     {2 * BLOCK + 9, 3, 1}, {1, 3 * BLOCK + 5, 1}};
        for (size_t k = 0; k < sizeof layouts / sizeof layouts[0]; k++)
            prelu_layout(dt, layouts[k][0], layouts[k][1], layouts[k][2], 1);
        rrelu_all(dt);
        const size_t swish_sizes[] = {0, 5, BLOCK, BLOCK + 1, 5 * BLOCK + 77};
        for (size_t k = 0; k < sizeof swish_sizes / sizeof swish_sizes[0]; k++)
            swish_size(dt, swish_sizes[k], 0, 1);
        swish_size(dt, 6 * SEGMENT + 77, 1, 1);
        if (thorough)
            swish_size(dt, 33 * SEGMENT, 1, 1);
    }
    if (!thorough)
        return;
    /* Past the 512 partial sums of a round: dw channels of 3 segments (one of
     * them across the rounds' border), and dbeta over 513 segments. */
    prelu_layout(ACTFAST_F32, 3, 200, h_scaled(10923, 100), 0);
    swish_size(ACTFAST_F32, h_scaled(512 * SEGMENT + 5, 1000), 1, 0);
}

/* ---- 3. bad input and failing runners ------------------------------------ */

/* Runners that misbehave, counting their calls. */
static atomic_long runner_calls;

static int counting_for(void *ctx, size_t count, actfast_task task, void *task_ctx)
{
    (void)ctx;
    atomic_fetch_add(&runner_calls, 1);
    for (size_t i = 0; i < count; i++)
        task(task_ctx, i);
    return 0;
}

static int refusing_for(void *ctx, size_t count, actfast_task task, void *task_ctx)
{
    (void)ctx;
    (void)count;
    (void)task;
    (void)task_ctx;
    atomic_fetch_add(&runner_calls, 1);
    return -1;
}

static int half_failing_for(void *ctx, size_t count, actfast_task task, void *task_ctx)
{
    (void)ctx;
    atomic_fetch_add(&runner_calls, 1);
    for (size_t i = 0; i < count; i += 2)
        task(task_ctx, i);
    return 1;
}

/* Returns success, but skips the last task. */
static int lying_for(void *ctx, size_t count, actfast_task task, void *task_ctx)
{
    (void)ctx;
    atomic_fetch_add(&runner_calls, 1);
    for (size_t i = 0; i + 1 < count; i++)
        task(task_ctx, i);
    return 0;
}

/* Runs every task, and indices that are none of ours. */
static int stray_for(void *ctx, size_t count, actfast_task task, void *task_ctx)
{
    (void)ctx;
    atomic_fetch_add(&runner_calls, 1);
    for (size_t i = 0; i < count; i++)
        task(task_ctx, i);
    task(task_ctx, count);
    task(task_ctx, SIZE_MAX);
    return 0;
}

/* Every element of got is its old value or the final one. */
static size_t neither(actfast_dtype dt, const void *got, const void *old, const void *final, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += !h_same(dt, got, old, i) && !h_same(dt, got, final, i);
    return bad;
}

static void failures(void)
{
    enum { N = 5 * BLOCK + 3 };
    float *x = xmalloc(N * sizeof(float)), *dy = xmalloc(N * sizeof(float)), *want = xmalloc(N * sizeof(float)),
          *got = xmalloc(N * sizeof(float)), *old = xmalloc(N * sizeof(float));
    fill(ACTFAST_F32, x, N, 7, 1);
    fill(ACTFAST_F32, dy, N, 8, 0);
    for (size_t i = 0; i < N; i++)
        old[i] = -12345.0f;
    actfast_params p = actfast_default_params(ACTFAST_OP_GELU);
    CHECK(actfast_apply(ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, dy, want, N, &p) == ACTFAST_OK, "serial");

    /* NULL runner, NULL parallel_for: refused, n = 0 too, nothing written */
    const actfast_runner no_for = {NULL, NULL, 0, 1};
    memcpy(got, old, N * sizeof(float));
    CHECK(actfast_apply_parallel(NULL, ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_F32, x, NULL, got, N, &p) ==
              ACTFAST_ERR_NULL_POINTER,
          "NULL runner");
    CHECK(actfast_apply_parallel(NULL, ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_F32, NULL, NULL, NULL, 0, &p) ==
              ACTFAST_ERR_NULL_POINTER,
          "NULL runner, n = 0");
    CHECK(actfast_apply_parallel(&no_for, ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_F32, x, NULL, got, N, &p) ==
              ACTFAST_ERR_NULL_POINTER,
          "NULL parallel_for");
    float w = 0.25f, dw = 7, dbeta = 7;
    CHECK(actfast_prelu_parallel_f32(NULL, ACTFAST_BACKWARD, x, dy, got, N, &w, 1, 1, &dw) ==
              ACTFAST_ERR_NULL_POINTER,
          "prelu: NULL runner");
    CHECK(actfast_rrelu_parallel_f32(&no_for, ACTFAST_FORWARD, x, NULL, got, N, 0.1f, 0.3f, 1, 1, 0) ==
              ACTFAST_ERR_NULL_POINTER,
          "rrelu: NULL parallel_for");
    CHECK(actfast_swish_backward_beta_parallel_f32(NULL, x, dy, got, N, 1, &dbeta) == ACTFAST_ERR_NULL_POINTER,
          "swish: NULL runner");
    CHECK(memcmp(got, old, N * sizeof(float)) == 0 && dw == 7 && dbeta == 7, "written by a refused call");

    /* The serial checks, before any task: the runner is never called. */
    const actfast_runner counting = {counting_for, NULL, 0, 1};
    atomic_store(&runner_calls, 0);
    actfast_params bad = p;
    bad.beta = 0;
    const struct {
        const char *what;
        actfast_status status;
    } refused[] = {
        {"partial overlap", actfast_apply_parallel(&counting, ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_F32, got + 1,
                                                   NULL, got, N - 1, &p)},
        {"NULL dy", actfast_apply_parallel(&counting, ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, NULL, got,
                                           N, &p)},
        {"unknown op", actfast_apply_parallel(&counting, ACTFAST_OP_COUNT, ACTFAST_FORWARD, ACTFAST_F32, x, NULL, got,
                                              N, &p)},
        {"softplus beta = 0", actfast_apply_parallel(&counting, ACTFAST_OP_SOFTPLUS, ACTFAST_FORWARD, ACTFAST_F32, x,
                                                     NULL, got, N, &bad)},
        {"prelu: a form it lacks", actfast_prelu_parallel_f32(&counting, ACTFAST_BACKWARD_FROM_Y, x, dy, got, N, &w,
                                                              1, 1, NULL)},
        {"prelu: n not whole channels", actfast_prelu_parallel_f32(&counting, ACTFAST_FORWARD, x, NULL, got, N, &w,
                                                                   1, 2, NULL)},
        {"rrelu: lower > upper", actfast_rrelu_parallel_f32(&counting, ACTFAST_FORWARD, x, NULL, got, N, 0.5f,
                                                            0.25f, 1, 1, 0)},
        {"swish: dbeta inside x", actfast_swish_backward_beta_parallel_f32(&counting, x, dy, got, N, 1, x + 5)},
        {"swish: beta = inf", actfast_swish_backward_beta_parallel_f32(&counting, x, dy, got, N, INFINITY, &dbeta)},
    };
    const actfast_status serial[] = {
        actfast_apply(ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_F32, got + 1, NULL, got, N - 1, &p),
        actfast_apply(ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, NULL, got, N, &p),
        actfast_apply(ACTFAST_OP_COUNT, ACTFAST_FORWARD, ACTFAST_F32, x, NULL, got, N, &p),
        actfast_apply(ACTFAST_OP_SOFTPLUS, ACTFAST_FORWARD, ACTFAST_F32, x, NULL, got, N, &bad),
        ACTFAST_ERR_INVALID_ARGUMENT,
        actfast_prelu_f32(x, got, N, &w, 1, 2),
        actfast_rrelu_f32(x, got, N, 0.5f, 0.25f, 1, 1, 0),
        actfast_swish_backward_beta_f32(x, dy, got, N, 1, x + 5),
        actfast_swish_backward_beta_f32(x, dy, got, N, INFINITY, &dbeta),
    };
    for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++)
        CHECK(refused[k].status == serial[k] && serial[k] != ACTFAST_OK, "%s: status %d, the serial call's %d",
              refused[k].what, (int)refused[k].status, (int)serial[k]);
    CHECK(atomic_load(&runner_calls) == 0, "the runner ran on refused input (%ld calls)", atomic_load(&runner_calls));
    CHECK(memcmp(got, old, N * sizeof(float)) == 0 && dbeta == 7, "written by a refused call");

    /* Small calls and calls of one task run here, without the runner. */
    const actfast_runner defaults = {counting_for, NULL, 0, 0};
    CHECK(actfast_apply_parallel(&defaults, ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, dy, got,
                                 ACTFAST_PARALLEL_MIN_SPLIT - 1, &p) == ACTFAST_OK,
          "below min_split");
    const actfast_runner one_task = {counting_for, NULL, N, 1};
    CHECK(actfast_apply_parallel(&one_task, ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, dy, got, N, &p) ==
              ACTFAST_OK,
          "one task");
    CHECK(atomic_load(&runner_calls) == 0, "the runner ran for a small call (%ld calls)", atomic_load(&runner_calls));
    CHECK(actfast_apply_parallel(&defaults, ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, dy, got, N, &p) ==
              ACTFAST_OK,
          "above min_split");
    CHECK(atomic_load(&runner_calls) == (N >= ACTFAST_PARALLEL_MIN_SPLIT), "%ld runner calls above min_split",
          atomic_load(&runner_calls));

    /* Failing runners: ACTFAST_ERR_RUNNER; each element untouched or final. */
    const struct {
        const char *what;
        actfast_parallel_for fn;
        int some_run;
    } failing[] = {{"refusing", refusing_for, 0}, {"half failing", half_failing_for, 1}, {"lying", lying_for, 1}};
    for (size_t k = 0; k < sizeof failing / sizeof failing[0]; k++) {
        const actfast_runner r = {failing[k].fn, NULL, 0, 1};
        memcpy(got, old, N * sizeof(float));
        CHECK(actfast_apply_parallel(&r, ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, dy, got, N, &p) ==
                  ACTFAST_ERR_RUNNER,
              "%s runner: status", failing[k].what);
        CHECK(neither(ACTFAST_F32, got, old, want, N) == 0, "%s runner: %zu elements neither old nor final",
              failing[k].what, neither(ACTFAST_F32, got, old, want, N));
        CHECK((memcmp(got, old, N * sizeof(float)) != 0) == failing[k].some_run, "%s runner: wrote %s",
              failing[k].what, failing[k].some_run ? "nothing" : "something");
        /* swish, 3 segments: dbeta untouched; dx as above */
        enum { NS = 2 * BLOCK + 1 };
        float *dx_want = xmalloc(NS * sizeof(float)), db_want = 0;
        CHECK(actfast_swish_backward_beta_f32(x, dy, dx_want, NS, 1, &db_want) == ACTFAST_OK, "swish serial");
        memcpy(got, old, NS * sizeof(float));
        dbeta = 7;
        CHECK(actfast_swish_backward_beta_parallel_f32(&r, x, dy, got, NS, 1, &dbeta) == ACTFAST_ERR_RUNNER,
              "%s runner: swish status", failing[k].what);
        CHECK(dbeta == 7, "%s runner: dbeta written (%g)", failing[k].what, dbeta);
        CHECK(neither(ACTFAST_F32, got, old, dx_want, NS) == 0, "%s runner: swish dx neither old nor final",
              failing[k].what);
        free(dx_want);
        /* prelu: dw and dx, each element untouched or final */
        enum { C = 4, INNER = BLOCK + 5 };
        float wc[C] = {0.1f, 0.2f, 0.3f, 0.4f}, dw_want[C], dw_got[C], dw_old[C] = {-1, -1, -1, -1};
        const size_t n = (size_t)C * INNER; /* 4 channels of 2 segments */
        float *pw = xmalloc(n * sizeof(float));
        CHECK(actfast_prelu_backward_f32(x, dy, pw, n, wc, C, INNER, dw_want) == ACTFAST_OK, "prelu serial");
        memcpy(got, old, n * sizeof(float));
        memcpy(dw_got, dw_old, sizeof dw_got);
        CHECK(actfast_prelu_parallel_f32(&r, ACTFAST_BACKWARD, x, dy, got, n, wc, C, INNER, dw_got) ==
                  ACTFAST_ERR_RUNNER,
              "%s runner: prelu status", failing[k].what);
        CHECK(neither(ACTFAST_F32, dw_got, dw_old, dw_want, C) == 0, "%s runner: dw neither old nor final",
              failing[k].what);
        CHECK(neither(ACTFAST_F32, got, old, pw, n) == 0, "%s runner: prelu dx neither old nor final",
              failing[k].what);
        free(pw);
    }

    /* Indices beyond count are ignored; all tasks ran: success. */
    const actfast_runner stray = {stray_for, NULL, 0, 1};
    memcpy(got, old, N * sizeof(float));
    CHECK(actfast_apply_parallel(&stray, ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, dy, got, N, &p) ==
              ACTFAST_OK,
          "stray indices: status");
    CHECK(memcmp(got, want, N * sizeof(float)) == 0, "stray indices: result");

    /* errno, the caller's FP mode and its exception flags are kept; the
     * results are the default mode's. */
    const actfast_runner r2 = {pool_for, &pools[1], 0, 1};
    fesetround(FE_UPWARD);
    const unsigned caller = ctl_read();
    errno = ERANGE;
    memcpy(got, old, N * sizeof(float));
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_UNDERFLOW);
    /* FE_UNDERFLOW, and FE_INEXACT with it where feraiseexcept raises it by
     * arithmetic (glibc on AArch64; C leaves that to the implementation) */
    const int raised = fetestexcept(FE_ALL_EXCEPT);
    const actfast_status st =
        actfast_apply_parallel(&r2, ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, dy, got, N, &p);
    const int saved_errno = errno, round = fegetround(), flags = fetestexcept(FE_ALL_EXCEPT);
    const unsigned after = ctl_read();
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    CHECK((raised & FE_UNDERFLOW) && flags == raised, "the caller's exception flags changed: %#x -> %#x",
          (unsigned)raised, (unsigned)flags);
    CHECK(st == ACTFAST_OK && memcmp(got, want, N * sizeof(float)) == 0, "in the caller's FE_UPWARD mode");
    CHECK(saved_errno == ERANGE, "errno %d after the call, was ERANGE", saved_errno);
    CHECK(round == FE_UPWARD && after == caller, "the caller's FP mode changed: %#x -> %#x", caller, after);
    free(x);
    free(dy);
    free(want);
    free(got);
    free(old);
}

/* ---- 4. the built-in runners ---------------------------------------------- */

static void builtin_runners(void)
{
    const actfast_runner *omp = actfast_runner_openmp();
    printf("parallel: OpenMP runner %s\n", !omp ? "not built" : UNDER_TSAN ? "not run under ThreadSanitizer" : "on");
    if (!omp || UNDER_TSAN)
        return;
    enum { N = 3 * BLOCK + 1 };
    double *in = xmalloc(N * sizeof(double)), *dy = xmalloc(N * sizeof(double)), *want = xmalloc(N * sizeof(double)),
           *got = xmalloc(N * sizeof(double));
    int threads[] = {2, 3, 0};
    H_FOR_EACH_CASE(c) {
        if (c.index % 7 != 0) /* a sample: the splitting itself is tested above */
            continue;
        actfast_params p;
        const size_t n = h_fixed_shape(&c, N - 40, &p);
        h_make_inputs(&c, in, dy, n, &p, (unsigned)c.index);
        CHECK(h_apply(&c, in, dy, want, n, &p) == ACTFAST_OK, "%s: serial", c.name);
        for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
            actfast_runner r = *omp;
            r.ctx = threads[t] ? &threads[t] : NULL;
            r.min_split = 1;
            memset(got, 0xA5, n * c.size);
            if (CHECK(actfast_apply_parallel(&r, c.op, c.form, c.dtype, in, c.with_dy ? dy : NULL, got, n, &p) ==
                          ACTFAST_OK,
                      "%s: OpenMP status", c.name)) {
                char what[32];
                snprintf(what, sizeof what, "OpenMP, %d threads", threads[t]);
                CHECK_SAME(&c, got, want, n, what);
            }
        }
    }
    /* swish's dbeta: 4 segments */
    float *x = (float *)in, *d = (float *)dy, *dx = (float *)got, *dx_serial = (float *)want, db = 0, db_serial = 0;
    fill(ACTFAST_F32, x, N, 9, 0);
    fill(ACTFAST_F32, d, N, 10, 0);
    actfast_runner r = *omp;
    r.min_split = 1;
    CHECK(actfast_swish_backward_beta_f32(x, d, dx_serial, N, 1, &db_serial) == ACTFAST_OK, "swish serial");
    CHECK(actfast_swish_backward_beta_parallel_f32(&r, x, d, dx, N, 1, &db) == ACTFAST_OK &&
              memcmp(dx, dx_serial, N * sizeof(float)) == 0 && memcmp(&db, &db_serial, sizeof db) == 0,
          "swish dbeta on the OpenMP runner");
    free(in);
    free(dy);
    free(want);
    free(got);
}

/* The row-wise ops' _ex forms through actfast_apply_rows_parallel: strided
 * rows (ld = cols + 4, the gaps compared too) with a scale, a mask and a
 * causal mask, every runner variant, against actfast_apply_rows. */
static void rows_ex_ops(void)
{
    enum { COLS = 37, LD = COLS + 4 };
    const size_t row_counts[] = {1, BLOCK / COLS + 3, h_scaled(3 * BLOCK / COLS + 5, 2 * BLOCK / COLS + 1)};
    const size_t most = row_counts[2] * LD;
    double *x = xmalloc(most * sizeof(double)), *dy = xmalloc(most * sizeof(double));
    double *mask = xmalloc(most * sizeof(double)), *want = xmalloc(most * sizeof(double));
    double *got = xmalloc(most * sizeof(double));
    long runs = 0;
    H_FOR_EACH_CASE(c) {
        if (!c.info->rowwise)
            continue;
        for (size_t r = 0; r < sizeof row_counts / sizeof row_counts[0]; r++) {
            const size_t rows = row_counts[r], n = rows * LD;
            h_fill(c.dtype, x, n, (unsigned)(c.index * 5 + r));
            h_fill(c.dtype, dy, n, (unsigned)(c.index * 5 + r + 1));
            h_fill(c.dtype, mask, n, (unsigned)(c.index * 5 + r + 2));
            const actfast_rows_opts o = {0.3, c.with_dy ? NULL : mask, LD, 1, 20};
            memset(want, 0x5A, n * c.size);
            CHECK(actfast_apply_rows(c.op, c.form, c.dtype, x, LD, dy, LD, want, LD, rows, COLS, &o) == ACTFAST_OK,
                  "%s %zu rows: serial", c.name, rows);
            make_variants(rows * COLS, 3 * BLOCK + 1);
            for (int v = 0; v < variant_count; v++) {
                memset(got, 0x5A, n * c.size);
                const actfast_status st = actfast_apply_rows_parallel(&variants[v].runner, c.op, c.form, c.dtype, x,
                                                                      LD, dy, LD, got, LD, rows, COLS, &o);
                if (CHECK(st == ACTFAST_OK, "%s %zu rows %s: status %d", c.name, rows, variants[v].name, (int)st))
                    CHECK_SAME(&c, got, want, n, variants[v].name);
                runs++;
            }
        }
    }
    const actfast_rows_opts none = ACTFAST_ROWS_OPTS_DEFAULT;
    CHECK(actfast_apply_rows_parallel(NULL, ACTFAST_OP_SOFTMAX, ACTFAST_FORWARD, ACTFAST_F32, x, COLS, NULL, 0, got,
                                      COLS, 1, COLS, &none) == ACTFAST_ERR_NULL_POINTER,
          "rows_ex: a NULL runner");
    printf("parallel: %ld calls of the _ex rows compared with the serial ones\n", runs);
    free(x);
    free(dy);
    free(mask);
    free(want);
    free(got);
}

int main(int argc, char **argv)
{
    thorough = strcmp(h_use_isa(argc, argv), h_best_isa()) == 0;
    for (int k = 0; k < POOLS; k++)
        pool_start(&pools[k], pool_kinds[k].threads, pool_kinds[k].order);
    table_ops();
    gated_ops();
    rows_ex_ops();
    stateful();
    failures();
    builtin_runners();
    for (int k = 0; k < POOLS; k++)
        pool_stop(&pools[k]);
    printf("parallel: %ld regions on the pools\n",
           atomic_load(&pools[0].regions) + atomic_load(&pools[1].regions) + atomic_load(&pools[2].regions) +
               atomic_load(&pools[3].regions) + atomic_load(&pools[4].regions) + atomic_load(&pools[5].regions));
    return h_finish();
}
