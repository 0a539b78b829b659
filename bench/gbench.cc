// The C interface of bench/gbench.h over Google Benchmark.
#include "gbench.h"

#include <benchmark/benchmark.h>

namespace {

benchmark::State &state_of(gb_state *state) { return *reinterpret_cast<benchmark::State *>(state); }

void (*user_help)(void);

// Initialize takes a plain function pointer: ours first, then the library's.
void print_help()
{
    if (user_help)
        user_help();
    benchmark::PrintDefaultHelp();
}

} // namespace

extern "C" {

void gb_register(const char *name, gb_function function, void *arg)
{
    benchmark::RegisterBenchmark(name, [function, arg](benchmark::State &state) {
        function(reinterpret_cast<gb_state *>(&state), arg);
    });
}

void gb_register_real_time(const char *name, gb_function function, void *arg)
{
    benchmark::RegisterBenchmark(name, [function, arg](benchmark::State &state) {
        function(reinterpret_cast<gb_state *>(&state), arg);
    })->UseRealTime();
}

int gb_keep_running(gb_state *state) { return state_of(state).KeepRunning(); }

void gb_set_counter(gb_state *state, const char *name, double value, unsigned flags)
{
    int f = benchmark::Counter::kDefaults;
    if (flags & GB_COUNTER_RATE)
        f |= benchmark::Counter::kIsRate;
    if (flags & GB_COUNTER_PER_ITERATION)
        f |= benchmark::Counter::kIsIterationInvariant;
    if (flags & GB_COUNTER_INVERT)
        f |= benchmark::Counter::kInvert;
    state_of(state).counters[name] = benchmark::Counter(value, static_cast<benchmark::Counter::Flags>(f));
}

void gb_skip_with_error(gb_state *state, const char *message) { state_of(state).SkipWithError(message); }

void gb_add_context(const char *key, const char *value) { benchmark::AddCustomContext(key, value); }

int gb_run(int argc, char **argv, void (*help)(void))
{
    user_help = help;
    benchmark::Initialize(&argc, argv, print_help);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    const size_t ran = benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return ran == 0;
}

} // extern "C"
