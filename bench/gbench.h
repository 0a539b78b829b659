/* A thin C interface to Google Benchmark (bench/gbench.cc), so that the
 * benchmarks themselves are plain C:
 *
 *   static void bench_copy(gb_state *state, void *arg)
 *   {
 *       ...set up, untimed...
 *       while (gb_keep_running(state))
 *           copy(arg);
 *       gb_set_counter(state, "items_per_second", n, GB_COUNTER_RATE | GB_COUNTER_PER_ITERATION);
 *   }
 *   gb_register("copy/4096", bench_copy, arg);
 *   return gb_run(argc, argv, print_my_flags);
 */
#ifndef ACTFAST_BENCH_GBENCH_H
#define ACTFAST_BENCH_GBENCH_H

#ifdef __cplusplus
extern "C" {
#endif

/* One run of one benchmark: benchmark::State. */
typedef struct gb_state gb_state;

typedef void (*gb_function)(gb_state *state, void *arg);

/* Counter flags, as benchmark::Counter's. */
enum {
    GB_COUNTER_RATE = 1 << 0,          /* divided by the measured time */
    GB_COUNTER_PER_ITERATION = 1 << 1, /* the value is per iteration: multiplied by the iteration count */
    GB_COUNTER_INVERT = 1 << 2         /* inverted last: a rate becomes seconds per unit */
};

/* Adds a benchmark; it runs function(state, arg). The name is copied. */
void gb_register(const char *name, gb_function function, void *arg);

/* The same, measured in wall-clock time rather than the CPU time of the
 * benchmark's thread (rates too): for code that runs on other threads. */
void gb_register_real_time(const char *name, gb_function function, void *arg);

/* Nonzero while the timed loop should go on; the clock starts at the first call. */
int gb_keep_running(gb_state *state);

/* Reported under `name` (console and JSON); set after the loop. */
void gb_set_counter(gb_state *state, const char *name, double value, unsigned flags);

/* Marks the run as failed with this message; return from the function right after. */
void gb_skip_with_error(gb_state *state, const char *message);

/* A key and value for the "context" block of the report. */
void gb_add_context(const char *key, const char *value);

/* Parses Google Benchmark's own flags (--benchmark_filter, --benchmark_format,
 * --benchmark_repetitions, ...) and runs the selected benchmarks. --help
 * prints print_help's text (may be NULL) then Google Benchmark's, and exits.
 * Returns 0, or 1 for an unrecognized argument or a filter that selects no
 * benchmark. */
int gb_run(int argc, char **argv, void (*print_help)(void));

#ifdef __cplusplus
}
#endif

#endif
