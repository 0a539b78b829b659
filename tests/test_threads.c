/* Dispatch is thread-safe.
 *
 * 1. The first use resolves the ISA: THREADS threads released by one barrier
 *    make their first library call together, in a fresh (forked) process, a
 *    few times over. All must succeed, agree on the ISA and compute the same
 *    bits.
 * 2. One thread forces every ISA the CPU runs, and "auto", in a loop while the
 *    others compute every (op, form, dtype); every ISA returns the same bits
 *    (actfast.h), so every result must equal the reference whichever set the
 *    call loaded. That promise is itself checked first, ISA against ISA.
 *
 * Meant to run under ThreadSanitizer too. ACTFAST_TEST_SCALE scales the
 * number of rounds and iterations. */
#include "harness.h"

#include <pthread.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

enum { THREADS = 8 };

static void start_all(pthread_t *threads, int count, void *(*fn)(void *))
{
    for (int t = 0; t < count; t++)
        if (pthread_create(&threads[t], NULL, fn, (void *)(intptr_t)t) != 0) {
            perror("pthread_create");
            exit(1);
        }
}

static void join_all(pthread_t *threads, int count)
{
    for (int t = 0; t < count; t++)
        pthread_join(threads[t], NULL);
}

/* ---- 1. the first call -------------------------------------------------- */

enum { RACE_N = 1000 };
static float race_x[RACE_N], race_y[THREADS][RACE_N];
static const char *race_isa[THREADS];
static actfast_status race_status[THREADS];
static pthread_barrier_t barrier;

static void *race_thread(void *arg)
{
    const int t = (int)(intptr_t)arg;
    pthread_barrier_wait(&barrier);
    /* Half the threads resolve the ISA through a computation, half through
     * a question. */
    if (t % 2)
        race_isa[t] = actfast_active_isa();
    race_status[t] = actfast_gelu_f32(race_x, race_y[t], RACE_N);
    if (t % 2 == 0)
        race_isa[t] = actfast_active_isa();
    return NULL;
}

static void race(void)
{
    pthread_t threads[THREADS];
    h_fill(ACTFAST_F32, race_x, RACE_N, 7);
    pthread_barrier_init(&barrier, NULL, THREADS);
    start_all(threads, THREADS, race_thread);
    join_all(threads, THREADS);
    pthread_barrier_destroy(&barrier);
    for (int t = 0; t < THREADS; t++) {
        CHECK(race_status[t] == ACTFAST_OK, "thread %d: first call status %d", t, (int)race_status[t]);
        CHECK(strcmp(race_isa[t], race_isa[0]) == 0, "thread %d saw ISA %s, thread 0 %s", t, race_isa[t],
              race_isa[0]);
        CHECK(h_mismatch(ACTFAST_F32, race_y[t], race_y[0], RACE_N) == RACE_N, "thread %d: other bits", t);
    }
    CHECK(strcmp(race_isa[0], h_best_isa()) == 0, "first use chose %s, best is %s", race_isa[0], h_best_isa());
}

/* Each round in a child that has not called the library yet. */
static void race_rounds(int rounds)
{
    for (int r = 0; r < rounds; r++) {
        fflush(stdout); /* or the child would print the parent's buffer again */
        pid_t pid = fork();
        if (pid == 0) {
            race();
            fflush(stdout);
            _exit(atomic_load(&h_failed) != 0);
        }
        int status = 0;
        CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "race round %d failed (wait status %#x)", r, status);
    }
}

/* ---- 2. forcing while computing ----------------------------------------- */

enum { SHAPE = 300, MAX_N = 400, MAX_JOBS = ACTFAST_OP_COUNT * ACTFAST_FORM_COUNT * H_DTYPE_COUNT };

typedef struct job {
    h_case c;
    actfast_params p;
    size_t n;
    double in[MAX_N], dy[MAX_N], ref[MAX_N];
} job;

static job jobs[MAX_JOBS];
static int job_count;
static const char *forced[H_ISA_COUNT + 1]; /* the ISAs the CPU runs, then "auto" */
static int forced_count;
static atomic_int stop;
static atomic_long forces, failed_forces;
static int iterations;

/* Inputs, and a reference that every ISA must reproduce bit for bit. */
static void prepare(void)
{
    for (int i = 0; i < H_ISA_COUNT; i++)
        if (actfast_isa_supported(h_isas[i]))
            forced[forced_count++] = h_isas[i];
        else
            printf("threads: ISA %s skipped: this CPU cannot run it\n", h_isas[i]);
    forced[forced_count++] = "auto";

    H_FOR_EACH_CASE(c) {
        job *j = &jobs[job_count++];
        j->c = c;
        j->n = h_fixed_shape(&c, SHAPE, &j->p);
        actfast_force_isa(forced[0]);
        h_make_inputs(&c, j->in, j->dy, j->n, &j->p, (unsigned)c.index);
        CHECK(h_apply(&c, j->in, j->dy, j->ref, j->n, &j->p) == ACTFAST_OK, "%s on %s", c.name, forced[0]);
        for (int i = 1; i + 1 < forced_count; i++) {
            double out[MAX_N];
            actfast_force_isa(forced[i]);
            CHECK(h_apply(&c, j->in, j->dy, out, j->n, &j->p) == ACTFAST_OK, "%s on %s", c.name, forced[i]);
            char what[64];
            snprintf(what, sizeof what, "%s vs %s", forced[i], forced[0]);
            CHECK_SAME(&c, out, j->ref, j->n, what);
        }
    }
}

static void *forcer(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop))
        for (int i = 0; i < forced_count; i++) {
            if (actfast_force_isa(forced[i]) != ACTFAST_OK)
                atomic_fetch_add(&failed_forces, 1);
            atomic_fetch_add(&forces, 1);
        }
    return NULL;
}

static void *worker(void *arg)
{
    const int t = (int)(intptr_t)arg;
    double out[MAX_N];
    for (int it = 0; it < iterations; it++)
        for (int k = 0; k < job_count; k++) {
            /* Threads walk the jobs from different starting points, so that
             * different kernels run at the same time. */
            const job *j = &jobs[(k + t * 7) % job_count];
            actfast_status st = h_apply(&j->c, j->in, j->dy, out, j->n, &j->p);
            if (CHECK(st == ACTFAST_OK, "worker %d: %s status %d", t, j->c.name, (int)st))
                CHECK_SAME(&j->c, out, j->ref, j->n, "while forcing");
        }
    return NULL;
}

static void force_while_computing(void)
{
    pthread_t force_thread, workers[THREADS - 1];
    start_all(&force_thread, 1, forcer);
    while (atomic_load(&forces) < forced_count) /* the forcing is under way before any worker starts */
        sched_yield();
    start_all(workers, THREADS - 1, worker);
    join_all(workers, THREADS - 1);
    atomic_store(&stop, 1);
    join_all(&force_thread, 1);
    CHECK(atomic_load(&failed_forces) == 0, "%ld of %ld forces failed", atomic_load(&failed_forces),
          atomic_load(&forces));
    printf("threads: %d workers x %d iterations x %d cases while %ld forces of", THREADS - 1, iterations, job_count,
           atomic_load(&forces));
    for (int i = 0; i < forced_count; i++)
        printf(" %s", forced[i]);
    printf("\n");
}

int main(void)
{
    const int rounds = (int)h_scaled(16, 2);
    race_rounds(rounds);
    printf("threads: %d rounds of %d threads making their first call together\n", rounds, THREADS);
    iterations = (int)h_scaled(100, 2);
    prepare();
    force_while_computing();
    return h_finish();
}
