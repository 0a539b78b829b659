/* A function run on a few threads at once, for the sweep and the check of
 * its references. Include harness.h first (the feature macros). */
#ifndef ACTFAST_TEST_PARALLEL_H
#define ACTFAST_TEST_PARALLEL_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { PARALLEL_MAX_THREADS = 64 };

typedef struct parallel_job {
    void (*fn)(void *arg, int thread);
    void *arg;
    int thread;
} parallel_job;

static inline void *parallel_start(void *job)
{
    const parallel_job *j = job;
    j->fn(j->arg, j->thread);
    return NULL;
}

/* fn(arg, t) for t = 0 .. threads - 1, t = 0 on the calling thread; returns
 * when every one has. */
static inline void parallel_run(int threads, void (*fn)(void *arg, int thread), void *arg)
{
    pthread_t ids[PARALLEL_MAX_THREADS];
    parallel_job jobs[PARALLEL_MAX_THREADS];
    for (int t = 1; t < threads; t++) {
        jobs[t] = (parallel_job){fn, arg, t};
        if (pthread_create(&ids[t], NULL, parallel_start, &jobs[t]) != 0) {
            perror("pthread_create");
            exit(2);
        }
    }
    fn(arg, 0);
    for (int t = 1; t < threads; t++)
        pthread_join(ids[t], NULL);
}

#endif
