/* A caller's own thread pool as libactfast's runner: the shape of XNNPACK's
 * pthreadpool or of an engine's "parallel for". Four threads take task
 * indices from a shared counter; parallel_for returns once all are done.
 * prelu's backward with per-channel weights and their gradient dw over an
 * NCHW tensor, compared bit for bit with the single-threaded call. Exits
 * nonzero if a call fails or a bit differs. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <actfast.h>

/* ---- the pool ---------------------------------------------------------- */

enum { THREADS = 4 };

typedef struct pool {
    pthread_t threads[THREADS];
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    unsigned round; /* bumped for each parallel_for */
    int busy, quit;
    size_t count;
    actfast_task task;
    void *task_ctx;
    atomic_size_t next;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    unsigned seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->round == seen && !p->quit)
            pthread_cond_wait(&p->work, &p->lock);
        if (p->quit)
            break;
        seen = p->round;
        pthread_mutex_unlock(&p->lock);
        for (size_t i; (i = atomic_fetch_add(&p->next, 1)) < p->count;)
            p->task(p->task_ctx, i);
        pthread_mutex_lock(&p->lock);
        if (--p->busy == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* actfast_parallel_for: every task once, then return 0. */
static int pool_parallel_for(void *ctx, size_t count, actfast_task task, void *task_ctx)
{
    pool *p = ctx;
    pthread_mutex_lock(&p->lock);
    p->count = count;
    p->task = task;
    p->task_ctx = task_ctx;
    atomic_store(&p->next, 0);
    p->busy = THREADS;
    p->round++;
    pthread_cond_broadcast(&p->work);
    while (p->busy > 0)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

static int pool_start(pool *p)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    for (int t = 0; t < THREADS; t++)
        if (pthread_create(&p->threads[t], NULL, worker, p) != 0)
            return 0;
    return 1;
}

static void pool_stop(pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int t = 0; t < THREADS; t++)
        pthread_join(p->threads[t], NULL);
}

/* ---- the library on it ------------------------------------------------- */

enum { N = 8, C = 16, HW = 56 * 56 };

int main(void)
{
    const size_t count = (size_t)N * C * HW;
    float *x = malloc(count * sizeof *x), *dy = malloc(count * sizeof *dy), *one = malloc(count * sizeof *one),
          *many = malloc(count * sizeof *many), w[C], dw_one[C], dw_many[C];
    pool p;
    if (!x || !dy || !one || !many || !pool_start(&p))
        return 1;
    for (size_t i = 0; i < count; i++) {
        x[i] = (float)((int)(i * 2654435761u % 2001) - 1000) / 100.0f;
        dy[i] = (float)((int)(i * 40503u % 201) - 100) / 1000.0f;
    }
    for (int c = 0; c < C; c++)
        w[c] = 0.01f * (float)(c + 1);

    /* The runner: our pool, with the library's default block and threshold. */
    const actfast_runner runner = {pool_parallel_for, &p, 0, 0};
    actfast_status st = actfast_prelu_backward_f32(x, dy, one, count, w, C, HW, dw_one);
    if (st == ACTFAST_OK)
        st = actfast_prelu_parallel_f32(&runner, ACTFAST_BACKWARD, x, dy, many, count, w, C, HW, dw_many);
    pool_stop(&p);
    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast: %s\n", actfast_status_string(st));
        return 1;
    }
    const int same = memcmp(one, many, count * sizeof *one) == 0 && memcmp(dw_one, dw_many, sizeof dw_one) == 0;
    printf("prelu backward over (%d, %d, %d) on %d threads of our pool: dw[0] = %.9g, dw[%d] = %.9g; "
           "dx and dw %s the single-threaded bits\n",
           N, C, HW, THREADS, dw_many[0], C - 1, dw_many[C - 1], same ? "match" : "DO NOT match");
    free(x);
    free(dy);
    free(one);
    free(many);
    return same ? 0 : 1;
}
