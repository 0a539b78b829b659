/* The OpenMP runner: built with OpenMP when CMake found it and ACTFAST_OPENMP
 * is on (the library then links libgomp or the compiler's runtime), NULL
 * otherwise, so that callers can fall back to their own or the sequential
 * runner.
 *
 * schedule(dynamic): the tasks are equal, but on a shared machine a thread
 * that loses its core would otherwise hold up the whole region with its
 * static share. */
#include <stddef.h>

#include "actfast.h"

#ifdef _OPENMP
#include <omp.h>

static int openmp_for(void *runner_ctx, size_t count, actfast_task task, void *task_ctx)
{
    const int *threads = runner_ctx;
    const int team = threads && *threads > 0 ? *threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(team)
    for (size_t i = 0; i < count; i++)
        task(task_ctx, i);
    return 0;
}

static const actfast_runner openmp = {openmp_for, NULL, 0, 0};

const actfast_runner *actfast_runner_openmp(void) { return &openmp; }

#else

const actfast_runner *actfast_runner_openmp(void) { return NULL; }

#endif
