/* The parallel entry point's benchmarks (bench/parallel.c), for bench.c. */
#ifndef ACTFAST_BENCH_PARALLEL_H
#define ACTFAST_BENCH_PARALLEL_H

#include <stddef.h>

/* Call first in main, before the process is pinned to a CPU: the CPUs that
 * the OpenMP threads may use. */
void bench_parallel_init(void);
/* parallel/... at each size: gelu, sigmoid, relu, softmax forward f32 on
 * 1, 2 and all CPUs, and parallel/region/...; min_split is the runner's (0:
 * the library's threshold). Nothing without an OpenMP runner. */
void bench_register_parallel(const size_t *sizes, int nsizes, size_t min_split);
/* The cases that could not run. */
int bench_parallel_failures(void);
void bench_parallel_free(void);

#endif
