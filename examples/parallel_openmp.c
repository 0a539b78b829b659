/* A large array on every core with the OpenMP runner built into libactfast:
 * gelu forward and backward, and swish's backward with the gradient of its
 * beta, each compared bit for bit with the single-threaded call. Falls back
 * to the sequential runner when the library was built without OpenMP.
 * Exits nonzero if a call fails or a bit differs. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <actfast.h>

enum { COUNT = 1 << 22 };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void)
{
    const actfast_runner *runner = actfast_runner_openmp();
    const char *name = "OpenMP";
    if (!runner) { /* built without OpenMP */
        runner = actfast_runner_sequential();
        name = "sequential (no OpenMP in this build)";
    }
    float *x = malloc(COUNT * sizeof *x), *dy = malloc(COUNT * sizeof *dy), *one = malloc(COUNT * sizeof *one),
          *many = malloc(COUNT * sizeof *many);
    if (!x || !dy || !one || !many)
        return 1;
    for (size_t i = 0; i < COUNT; i++) {
        x[i] = (float)((int)(i * 2654435761u % 2001) - 1000) / 100.0f; /* in [-10, 10] */
        dy[i] = (float)((int)(i * 40503u % 201) - 100) / 100.0f;
    }

    /* gelu forward: one thread, then the runner's threads */
    double t0 = now();
    actfast_status st = actfast_gelu_f32(x, one, COUNT);
    double t1 = now();
    if (st == ACTFAST_OK)
        st = actfast_apply_parallel(runner, ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_F32, x, NULL, many, COUNT, NULL);
    double t2 = now();
    int same = memcmp(one, many, COUNT * sizeof *one) == 0;

    /* gelu backward */
    if (st == ACTFAST_OK)
        st = actfast_gelu_backward_f32(x, dy, one, COUNT);
    if (st == ACTFAST_OK)
        st = actfast_apply_parallel(runner, ACTFAST_OP_GELU, ACTFAST_BACKWARD, ACTFAST_F32, x, dy, many, COUNT, NULL);
    same &= memcmp(one, many, COUNT * sizeof *one) == 0;

    /* swish backward and dbeta: the sum is taken in fixed segments, so the
     * threads give the single-threaded call's bits */
    float dbeta_one = 0, dbeta_many = 0;
    if (st == ACTFAST_OK)
        st = actfast_swish_backward_beta_f32(x, dy, one, COUNT, 1.5f, &dbeta_one);
    if (st == ACTFAST_OK)
        st = actfast_swish_backward_beta_parallel_f32(runner, x, dy, many, COUNT, 1.5f, &dbeta_many);
    same &= memcmp(one, many, COUNT * sizeof *one) == 0 && memcmp(&dbeta_one, &dbeta_many, sizeof dbeta_one) == 0;

    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast: %s\n", actfast_status_string(st));
        return 1;
    }
    printf("gelu on %d floats (%s): %.1f ms on one thread, %.1f ms on the %s runner\n", COUNT, actfast_active_isa(),
           1e3 * (t1 - t0), 1e3 * (t2 - t1), name);
    printf("swish dbeta = %.9g; gelu, gelu backward and swish %s the single-threaded bits\n", dbeta_many,
           same ? "match" : "DO NOT match");
    free(x);
    free(dy);
    free(one);
    free(many);
    return same ? 0 : 1;
}
