/* actfast_bench: the speed of every op, form, dtype and ISA of libactfast,
 * next to the libm loop a user would write, oneDNN, and memcpy.
 *
 * README
 *
 * Build (Google Benchmark: Debian's libbenchmark-dev; oneDNN is optional,
 * Debian's libdnnl-dev, and adds the baseline/onednn benchmarks when found):
 *     cmake -S . -B build && cmake --build build -j2 --target actfast_bench
 *
 * Run:
 *     ./build/bench/actfast_bench                       everything: ~3580 benchmarks of at least 0.5 s each
 *     ./build/bench/actfast_bench --quick               n = 4096 and 65536, every ISA this CPU runs,
 *                                                       --benchmark_min_time=0.02: ~2030 benchmarks, ~1.3 minutes
 *                                                       with two ISAs (each further ISA adds its own runs)
 *     ./build/bench/actfast_bench --sizes=4096,1000000  any list of sizes
 *     ./build/bench/actfast_bench --parallel[=SIZES] [--min-split=N] --benchmark_filter=^parallel/
 *                                                       the parallel entry point (bench/parallel.c) at
 *                                                       16 Mi and 64 Mi elements (or SIZES), part of the
 *                                                       default run, not of --quick or --sizes runs
 *     ./build/bench/actfast_bench --sizes=4096 --benchmark_min_time=0.001    CI smoke test, ~2 seconds
 *   (times measured on the 2-core Zen 5 VM this was written on.) Our flags
 *   (--quick, --sizes) may be mixed with any of Google Benchmark's:
 *     --benchmark_filter='^gelu/forward/f32/'    a regex over the names below
 *     --benchmark_format=json   or   --benchmark_out=run.json --benchmark_out_format=json
 *     --benchmark_repetitions=5 --benchmark_report_aggregates_only=true    mean, median, stddev and cv
 *                                                of 5 runs: read the median on a shared machine
 *     --benchmark_min_warmup_time=0.1            also run 0.1 s untimed before measuring
 *     --benchmark_min_time=0.01                  seconds per benchmark (a plain number in Google Benchmark 1.7)
 *   The exit status is nonzero when a call failed or no benchmark matched.
 *   Table and plot: python3 bench/summarize.py run.json (needs a python3 with
 *   matplotlib for the plot: Debian's /usr/bin/python3 with python3-matplotlib).
 *   Debian's libbenchmark prints "Library was built as DEBUG": that is
 *   Google Benchmark's own code, outside the timed calls.
 *
 * Names:
 *     <op>/<form>/<dtype>/<isa>/<n>                 sigmoid/forward/f32/avx512/4096 (dtype f32, f64, bf16, f16)
 *     <op>/<form>/<dtype>/<isa>/<n>/<input>         gelu/forward/f32/avx512/4096/negtail
 *     baseline/textbook/<op>/<form>/<dtype>/<n>     the libm loop of tests/ops/<op>.c (plain -O2)
 *     baseline/onednn/<op>/<form>/f32/<n>           oneDNN's eltwise or softmax primitive, one thread
 *     baseline/memcpy/<dtype>/<n>, baseline/scale2/<dtype>/<n>    the memory yardsticks (y = x, y = 2x;
 *                                                   the 16-bit types: memcpy only)
 *     parallel/<op>/forward/f32/openmp-<threads>/<n>, parallel/region/openmp-<threads>
 *                                                   actfast_apply_parallel: see bench/parallel.c
 *   Every op of src/ops.def and every form it has (actfast_get_op_info) is
 *   run through actfast_apply, so a new op needs no code here. Row-wise ops
 *   (softmax) run on rows of 1000: n / 1000 whole rows.
 *   Forms: forward (reads x, writes y), grad (x -> f'(x)), backward (x, dy ->
 *   dx) and backward_from_y (y, dy -> dx, with y the forward's output).
 *   ISAs: those of ACTFAST_PUBLIC_ISAS (cmake/isa.cmake) that this CPU runs,
 *   each forced with actfast_force_isa before its timed loop (ACTFAST_ISA in
 *   the environment is ignored).
 *
 * Inputs: x uniform in [-8, 8] and dy in [-1, 1], drawn once per size with a
 * fixed seed, outside the timing, in 64-byte aligned arrays; the output is a
 * separate array. At the smallest size only (4096 by default), forward and
 * the backward forms also run on data-dependent inputs: saturated (|x| in
 * [20, 30]), negtail (x in [-100, -20]), subnormal (every x subnormal), nan
 * (uniform with 1% NaN) and, for the elementwise ops, deeptail (where e^x
 * and gelu's e^(-x^2/2) head for the subnormals: x in [-105, -85] and
 * [-16.5, -11] in float, [-746, -700] and [-39, -36] in double); for the
 * row-wise ops, rows with every other entry at -1e4 (mask1e4) or -inf
 * (maskinf), rows whose first entry is 100 (700) above the rest (dominant),
 * and rows of x in [-110, 0] ([-760, 0]), whose outputs reach the
 * subnormals (subnormalout).
 *
 * Counters: time_per_elem (seconds per element; the console prints 153ps for
 * 0.153 ns), items_per_second (elements), bandwidth (bytes read and written
 * per second, decimal: 19.6G/s is 19.6 GB/s; forward and grad move 2n
 * elements, the backward forms 3n). Rates are over CPU time, Google
 * Benchmark's default, which on a shared machine leaves out the time other
 * processes hold the CPU.
 *
 * Measurement: the process is pinned to the CPU it starts on; each benchmark
 * makes one untimed call first (checks the status, and a baseline's output
 * against the library's; warms caches, branch
 * predictors and the vector units), then Google Benchmark's loop runs for
 * --benchmark_min_time (0.5 s by default).
 */
#define _GNU_SOURCE /* sched_getcpu, sched_setaffinity */
#include <math.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfast.h"
#include "baselines.h"
#include "gbench.h"
#include "parallel.h"
#include "vec/half_bits.h" /* the 16-bit arrays' values (kernels/) */
#include "record.h"

_Static_assert(BENCH_ROW_LENGTH == TEXTBOOK_ROW_LENGTH, "the textbook loops are written for the bench's rows");

enum { MAX_SIZES = 32, MAX_ISAS = 8, NAME_LENGTH = 128, ALIGNMENT = 64 };

static const size_t default_sizes[] = {4096, 65536, 16777216};
static const size_t quick_sizes[] = {4096, 65536};
static const size_t parallel_sizes[] = {16777216, 67108864};
/* --quick runs each benchmark this long (overridable: later flags win). */
static char quick_min_time[] = "--benchmark_min_time=0.02";

typedef enum input_class {
    INPUT_UNIFORM,
    INPUT_SATURATED,
    INPUT_NEGTAIL,
    INPUT_SUBNORMAL,
    INPUT_NAN,
    INPUT_DEEPTAIL,
    INPUT_ROWS_MASK_1E4, /* the row classes: row-wise ops only */
    INPUT_ROWS_MASK_INF,
    INPUT_ROWS_DOMINANT,
    INPUT_ROWS_SUBNORMAL_OUT,
    INPUT_ROWS_CAUSAL, /* the _ex forms only: a causal mask in place of the additive one */
    INPUT_CLASS_COUNT
} input_class;

static const char *const input_names[INPUT_CLASS_COUNT] = {
    "uniform", "saturated", "negtail", "subnormal", "nan", "deeptail", "mask1e4", "maskinf", "dominant", "subnormalout", "causal"};

static int is_row_class(input_class input) { return input >= INPUT_ROWS_MASK_1E4; }
static const char *const form_names[ACTFAST_FORM_COUNT] = {"forward", "grad", "backward", "backward_from_y"};

static const char *const dtype_names[] = {"f32", "f64", "bf16", "f16"};
static const char *dtype_name(actfast_dtype dtype) { return dtype_names[dtype]; }
static int is_half(actfast_dtype dtype) { return dtype == ACTFAST_BF16 || dtype == ACTFAST_F16; }
static size_t element_size(actfast_dtype dtype)
{
    return dtype == ACTFAST_F64 ? sizeof(double) : dtype == ACTFAST_F32 ? sizeof(float) : sizeof(uint16_t);
}

/* ---- benchmark cases ----------------------------------------------------- */

/* The arrays of one call. */
typedef struct operands {
    const void *in; /* x, or y = f(x) for backward_from_y; a gated unit's gate */
    const void *mask; /* the _ex forms' additive mask */
    const void *dy; /* dy; a gated unit's a (and its dy, backward) */
    void *out;
    void *out2;     /* a gated unit's dgate */
    void *prepared; /* what prepare made (a oneDNN primitive), for run and release */
} operands;

typedef struct bench_case bench_case;

/* How one kind of implementation is timed. prepare (optional) runs before
 * the timed loop, release (optional) after; run is the timed call. All
 * return 0 on success. */
typedef struct implementation {
    int (*prepare)(const bench_case *c, operands *o);
    int (*run)(const bench_case *c, const operands *o);
    void (*release)(operands *o);
} implementation;

struct bench_case {
    const implementation *impl;
    const char *isa;     /* library: the ISA to force */
    bench_kernel kernel; /* textbook and memory baselines */
    actfast_op op;
    actfast_form form;
    actfast_dtype dtype;
    actfast_params params;
    size_t size; /* the n of the name: the arrays hold this many elements */
    size_t n;    /* elements per call: size, or whole rows of it for row-wise ops */
    input_class input;
    int rows_ex;        /* a row-wise op's _ex form: scaled, and masked as input says */
    int baseline_of_op; /* a baseline of op: its output is checked against the library's */
    bench_case *next;   /* every case, to free them at exit */
};

static bench_case *all_cases;
static int failures;

static int force_isa(const bench_case *c, operands *o)
{
    (void)o;
    return actfast_force_isa(c->isa) != ACTFAST_OK || strcmp(actfast_active_isa(), c->isa) != 0;
}

static int run_library(const bench_case *c, const operands *o)
{
    return actfast_apply(c->op, c->form, c->dtype, o->in, o->dy, o->out, c->n, &c->params) != ACTFAST_OK;
}

/* a gated unit: a = dy's array (and dy itself, backward), gate = in */
static int run_library_gated(const bench_case *c, const operands *o)
{
    return actfast_apply_gated(c->op, c->form, c->dtype, o->dy, o->in, o->dy, o->out, o->out2, c->n) != ACTFAST_OK;
}

/* The _ex forms as attention calls them: scale 1/sqrt(64), an additive mask
 * (finite for the uniform class, half -1e4 or half -inf for the mask
 * classes) or, for the causal class, a causal mask alone, its diagonal
 * placed so that the rows keep about half their entries. */
static actfast_rows_opts rows_ex_opts(const bench_case *c, const operands *o)
{
    const int causal = c->input == INPUT_ROWS_CAUSAL;
    const size_t cols = c->params.cols, rows = c->n / cols;
    const actfast_rows_opts opts = {0.125, causal ? NULL : o->mask, cols, causal, ((ptrdiff_t)cols - (ptrdiff_t)rows) / 2};
    return opts;
}

static int run_library_rows_ex(const bench_case *c, const operands *o)
{
    const actfast_rows_opts opts = rows_ex_opts(c, o);
    const size_t cols = c->params.cols;
    return actfast_apply_rows(c->op, c->form, c->dtype, o->in, cols, o->dy, cols, o->out, cols, c->n / cols, cols,
                              &opts) != ACTFAST_OK;
}

static int run_kernel(const bench_case *c, const operands *o)
{
    c->kernel(o->in, o->dy, o->out, c->n);
    return 0;
}

static const implementation library = {force_isa, run_library, NULL};
static const implementation library_gated = {force_isa, run_library_gated, NULL};
static const implementation library_rows_ex = {force_isa, run_library_rows_ex, NULL};

/* The library's implementation of an op, chosen once, off the timed loop. */
static const implementation *library_of(actfast_op op)
{
    return actfast_get_op_info(op)->gated ? &library_gated : &library;
}
static const implementation plain_kernel = {NULL, run_kernel, NULL};

#ifdef BENCH_HAVE_ONEDNN
static int create_onednn(const bench_case *c, operands *o)
{
    o->prepared = onednn_create(actfast_get_op_info(c->op)->name, c->form, &c->params, o->in, o->dy, o->out, c->n);
    return o->prepared == NULL;
}

static int run_onednn(const bench_case *c, const operands *o)
{
    (void)c;
    return onednn_execute(o->prepared);
}

static void destroy_onednn(operands *o) { onednn_destroy(o->prepared); }

static const implementation onednn = {create_onednn, run_onednn, destroy_onednn};
#endif

/* ---- input data ---------------------------------------------------------- */

/* The arrays of the last case run, drawn again when a case needs others:
 * once per size and dtype for the uniform inputs of the larger sizes, and
 * at the smallest, where the classes follow their uniform case, at each
 * change of class (4096 elements: microseconds, outside the timing). */
typedef struct dataset {
    actfast_dtype dtype;
    size_t size;
    input_class input;
    int rows_ex;     /* x uniform, and the class in mask */
    actfast_op y_op; /* y holds f(x) of this op (its _ex form's); ACTFAST_OP_COUNT: not computed */
    void *x, *dy, *y, *out, *out2, *mask;
} dataset;

static dataset data = {.y_op = ACTFAST_OP_COUNT};

/* splitmix64: a fixed seed gives the same inputs on every run. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static double uniform(uint64_t *state, double lo, double hi)
{
    return lo + (hi - lo) * (double)(next_random(state) >> 11) * 0x1.0p-53;
}

/* A random subnormal of the dtype, either sign (exact as a double). */
static double subnormal(uint64_t *state, actfast_dtype dtype)
{
    static const int mantissa_bits_of[] = {23, 52, 7, 10}, min_exponent_of[] = {-149, -1074, -133, -24};
    const int mantissa_bits = mantissa_bits_of[dtype], min_exponent = min_exponent_of[dtype];
    const uint64_t r = next_random(state);
    const double mantissa = (double)(1 + (r >> 1) % ((UINT64_C(1) << mantissa_bits) - 1));
    return (r & 1 ? -1 : 1) * ldexp(mantissa, min_exponent);
}

/* x_i of a class; i places the row classes' entries in their rows. */
static double draw_x(uint64_t *state, input_class input, actfast_dtype dtype, size_t i)
{
    const int f32 = dtype != ACTFAST_F64, odd = i % 2, first = i % BENCH_ROW_LENGTH == 0; /* float's ranges */
    switch (input) {
    case INPUT_DEEPTAIL: /* where e^x, and gelu's e^(-x^2/2), head for the subnormals */
        return odd ? (f32 ? uniform(state, -105, -85) : uniform(state, -746, -700))
                   : (f32 ? uniform(state, -16.5, -11) : uniform(state, -39, -36));
    case INPUT_ROWS_MASK_1E4:
        return odd ? -1e4 : uniform(state, -8, 8);
    case INPUT_ROWS_MASK_INF:
        return odd ? -INFINITY : uniform(state, -8, 8);
    case INPUT_ROWS_DOMINANT:
        return first ? (f32 ? 100 : 700) : uniform(state, -20, 20);
    case INPUT_ROWS_SUBNORMAL_OUT:
        return f32 ? uniform(state, -110, 0) : uniform(state, -760, 0);
    case INPUT_SATURATED:
        return (next_random(state) & 1 ? -1 : 1) * uniform(state, 20, 30);
    case INPUT_NEGTAIL:
        return uniform(state, -100, -20);
    case INPUT_SUBNORMAL:
        return subnormal(state, dtype);
    case INPUT_NAN:
        return uniform(state, 0, 1) < 0.01 ? NAN : uniform(state, -8, 8);
    default:
        return uniform(state, -8, 8);
    }
}

/* mask_i of an _ex form's class: finite (an ALiBi-like bias), or odd
 * entries masked by -1e4 or -inf. */
static double draw_mask(uint64_t *state, input_class input, size_t i)
{
    const double bias = uniform(state, -1, 0);
    return i % 2 == 0 ? bias : input == INPUT_ROWS_MASK_1E4 ? -1e4 : input == INPUT_ROWS_MASK_INF ? -INFINITY : bias;
}

static void store(void *array, actfast_dtype dtype, size_t i, double value)
{
    if (dtype == ACTFAST_F32)
        ((float *)array)[i] = (float)value;
    else if (dtype == ACTFAST_F64)
        ((double *)array)[i] = value;
    else
        ((uint16_t *)array)[i] = dtype == ACTFAST_BF16 ? af_float_to_bf16((float)value) : af_float_to_f16((float)value);
}

static void dataset_free(void)
{
    free(data.x);
    free(data.dy);
    free(data.y);
    free(data.out);
    free(data.out2);
    free(data.mask);
    data.x = data.dy = data.y = data.out = data.out2 = data.mask = NULL;
    data.y_op = ACTFAST_OP_COUNT;
}

static int dataset_fill(const bench_case *c)
{
    dataset_free();
    const size_t bytes = (c->size * element_size(c->dtype) + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    data.x = aligned_alloc(ALIGNMENT, bytes);
    data.dy = aligned_alloc(ALIGNMENT, bytes);
    data.y = aligned_alloc(ALIGNMENT, bytes);
    data.out = aligned_alloc(ALIGNMENT, bytes);
    data.out2 = aligned_alloc(ALIGNMENT, bytes);
    data.mask = aligned_alloc(ALIGNMENT, bytes);
    if (!data.x || !data.dy || !data.y || !data.out || !data.out2 || !data.mask) {
        dataset_free();
        return 0;
    }
    uint64_t state = 0x5EED + (uint64_t)c->input;
    for (size_t i = 0; i < c->size; i++) {
        store(data.x, c->dtype, i, draw_x(&state, c->rows_ex ? INPUT_UNIFORM : c->input, c->dtype, i));
        store(data.dy, c->dtype, i, uniform(&state, -1, 1));
        store(data.mask, c->dtype, i, draw_mask(&state, c->input, i));
    }
    /* Touched now, so that no page fault lands in a timed loop. */
    memset(data.y, 0, bytes);
    memset(data.out, 0, bytes);
    memset(data.out2, 0, bytes);
    data.dtype = c->dtype;
    data.size = c->size;
    data.input = c->input;
    data.rows_ex = c->rows_ex;
    return 1;
}

/* The case's arrays, drawn or computed if the last case's do not fit. */
static int load_operands(const bench_case *c, operands *o)
{
    const int holds = data.x && data.dtype == c->dtype && data.size == c->size && data.input == c->input &&
                      data.rows_ex == c->rows_ex;
    if (!holds && !dataset_fill(c))
        return 0;
    const int from_y = c->form == ACTFAST_BACKWARD_FROM_Y;
    o->mask = data.mask;
    if (from_y && data.y_op != c->op) {
        bench_case forward = *c;
        forward.form = ACTFAST_FORWARD;
        const operands x_to_y = {.in = data.x, .mask = data.mask, .out = data.y};
        if (c->rows_ex ? run_library_rows_ex(&forward, &x_to_y) != 0
                       : actfast_apply(c->op, ACTFAST_FORWARD, c->dtype, data.x, NULL, data.y, c->n, &c->params) !=
                             ACTFAST_OK)
            return 0;
        data.y_op = c->op;
    }
    o->in = from_y ? data.y : data.x;
    o->dy = data.dy;
    o->out = data.out;
    o->out2 = data.out2;
    o->prepared = NULL;
    return 1;
}

/* ---- the benchmark function ---------------------------------------------- */

static void fail(gb_state *state, const char *message)
{
    failures++;
    gb_skip_with_error(state, message);
}

static void report_throughput(gb_state *state, const bench_case *c)
{
    const int backward = c->form == ACTFAST_BACKWARD || c->form == ACTFAST_BACKWARD_FROM_Y;
    /* a gated unit reads a and gate (and dy) and writes y (or da and dgate) */
    const int arrays = actfast_get_op_info(c->op)->gated ? (backward ? 5 : 3) : backward ? 3 : 2;
    const double elements = (double)c->n, bytes = elements * (double)(arrays * element_size(c->dtype));
    const unsigned rate = GB_COUNTER_RATE | GB_COUNTER_PER_ITERATION;
    gb_set_counter(state, "items_per_second", elements, rate);
    gb_set_counter(state, "time_per_elem", elements, rate | GB_COUNTER_INVERT);
    gb_set_counter(state, "bandwidth", bytes, rate);
}

static double element(const void *array, actfast_dtype dtype, size_t i)
{
    if (is_half(dtype))
        return dtype == ACTFAST_BF16 ? af_bf16_to_float(((const uint16_t *)array)[i])
                                     : af_f16_to_float(((const uint16_t *)array)[i]);
    return dtype == ACTFAST_F32 ? ((const float *)array)[i] : ((const double *)array)[i];
}

/* A baseline must compute the same function as the library (the same
 * parameters, the same form), or its ratio means nothing. Its accuracy is not
 * the question: 1e-3 absolute or 1e-2 relative is enough to catch a wrong
 * formula or parameter. */
static int baseline_agrees(const bench_case *c, const operands *o)
{
    void *expected = malloc(c->n * element_size(c->dtype));
    operands library_o = *o;
    library_o.out = expected;
    int agrees = expected && library_of(c->op)->run(c, &library_o) == 0;
    for (size_t i = 0; agrees && i < c->n; i++) {
        const double want = element(expected, c->dtype, i), got = element(o->out, c->dtype, i);
        agrees = (isnan(want) && isnan(got)) || fabs(got - want) <= 1e-3 + 1e-2 * fabs(want);
    }
    free(expected);
    return agrees;
}

static void run_case(gb_state *state, void *arg)
{
    const bench_case *c = arg;
    operands o;
    if (!load_operands(c, &o)) {
        fail(state, "cannot allocate the arrays or compute the forward output");
        return;
    }
    if (c->impl->prepare && c->impl->prepare(c, &o) != 0) {
        fail(state, "cannot force the ISA or create the baseline");
        return;
    }
    /* Untimed: checks that the call works, and warms caches, branch
     * predictors and the vector units before the clock starts. */
    if (c->impl->run(c, &o) != 0) {
        fail(state, "the call failed");
    } else if (c->baseline_of_op && !baseline_agrees(c, &o)) {
        fail(state, "the baseline computes another function than libactfast's");
    } else {
        while (gb_keep_running(state))
            c->impl->run(c, &o);
        report_throughput(state, c);
    }
    if (c->impl->release)
        c->impl->release(&o);
}

/* ---- registration -------------------------------------------------------- */

typedef struct isa_list {
    const char *names[MAX_ISAS];
    int count;
} isa_list;

static void add_case(const bench_case *proto, const char *name)
{
    bench_case *c = malloc(sizeof *c);
    if (!c) {
        fprintf(stderr, "actfast_bench: out of memory\n");
        exit(2);
    }
    *c = *proto;
    c->next = all_cases;
    all_cases = c;
    gb_register(name, run_case, c);
}

/* The library's default parameters; row-wise ops get rows of BENCH_ROW_LENGTH. */
static actfast_params bench_params(actfast_op op)
{
    actfast_params p = actfast_default_params(op);
    if (actfast_get_op_info(op)->rowwise)
        p.cols = BENCH_ROW_LENGTH;
    return p;
}

/* Whether the case (op, form, input) is benchmarked at all: the classes ask
 * how kernels branch, so grad (whose bodies backward shares) runs on uniform
 * x only; deeptail is elementwise, the row classes row-wise. */
static int runs_input(const actfast_op_info *info, actfast_form form, input_class input)
{
    if (input == INPUT_UNIFORM)
        return 1;
    if (form == ACTFAST_GRAD || input == INPUT_ROWS_CAUSAL)
        return 0;
    return input == INPUT_DEEPTAIL ? !info->rowwise : is_row_class(input) ? info->rowwise : 1;
}

/* An op's form on every ISA, each ISA's input classes (the first inputs of
 * input_class) right after its uniform case: a class is compared with the
 * uniform case measured a moment before it, not minutes apart. Ordered
 * class by class, the branch-free kernels (hardtanh, prelu), which run the
 * same instructions on every class, came out at up to 2.5x their uniform
 * case on a shared machine whose speed drifts over minutes; adjacent, at
 * up to 1.5x, the noise of a 0.1 us call (Zen 5, n = 4096). */
static void register_op_form(actfast_op op, actfast_form form, actfast_dtype dtype, size_t size, int inputs,
                             const isa_list *isas)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    if (!info->has_form[form])
        return;
    bench_case c = {.op = op, .form = form, .dtype = dtype, .params = bench_params(op), .size = size,
                    .n = info->rowwise ? size / BENCH_ROW_LENGTH * BENCH_ROW_LENGTH : size};
    if (c.n == 0)
        return;
    char name[NAME_LENGTH];
    const char *kind = form_names[form], *dt = dtype_name(dtype);
    c.impl = library_of(op);
    for (int i = 0; i < isas->count; i++) {
        c.isa = isas->names[i];
        for (int input = 0; input < inputs; input++) {
            if (!runs_input(info, form, (input_class)input))
                continue;
            c.input = (input_class)input;
            snprintf(name, sizeof name, "%s/%s/%s/%s/%zu%s%s", info->name, kind, dt, c.isa, size,
                     input != INPUT_UNIFORM ? "/" : "", input != INPUT_UNIFORM ? input_names[input] : "");
            add_case(&c, name);
        }
    }
    if (is_half(dtype)) /* no baseline computes in 16 bits */
        return;
    c.input = INPUT_UNIFORM;
    c.isa = NULL;
    c.baseline_of_op = 1;
    c.impl = &plain_kernel;
    c.kernel = test_records[op]->textbook->loop[dtype][form];
    if (c.kernel) {
        snprintf(name, sizeof name, "baseline/textbook/%s/%s/%s/%zu", info->name, kind, dt, size);
        add_case(&c, name);
    }
#ifdef BENCH_HAVE_ONEDNN
    if (dtype == ACTFAST_F32 && onednn_has(info->name, form)) {
        c.impl = &onednn;
        snprintf(name, sizeof name, "baseline/onednn/%s/%s/%s/%zu", info->name, kind, dt, size);
        add_case(&c, name);
    }
#endif
}

/* A row-wise op's _ex form (scaled and masked, rows_ex_opts) on uniform
 * x: unmasked, then, ISA by ISA as above, masked by the mask classes and
 * causal. */
static void register_rows_ex(actfast_op op, actfast_form form, actfast_dtype dtype, size_t size, int inputs,
                             const isa_list *isas)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    if (!info->rowwise || !info->has_form[form])
        return;
    bench_case c = {.impl = &library_rows_ex, .op = op, .form = form, .dtype = dtype, .params = bench_params(op),
                    .size = size, .n = size / BENCH_ROW_LENGTH * BENCH_ROW_LENGTH, .rows_ex = 1};
    if (c.n == 0)
        return;
    for (int i = 0; i < isas->count; i++) {
        c.isa = isas->names[i];
        for (int input = 0; input < inputs; input++) {
            const int masked =
                input == INPUT_ROWS_MASK_1E4 || input == INPUT_ROWS_MASK_INF || input == INPUT_ROWS_CAUSAL;
            if (input != INPUT_UNIFORM && !masked)
                continue;
            c.input = (input_class)input;
            char name[NAME_LENGTH];
            snprintf(name, sizeof name, "%s_ex/%s/%s/%s/%zu%s%s", info->name, form_names[form], dtype_name(dtype),
                     c.isa, size, masked ? "/" : "", masked ? input_names[input] : "");
            add_case(&c, name);
        }
    }
}

static void register_streams(actfast_dtype dtype, size_t size)
{
    const bench_case c = {.impl = &plain_kernel, .form = ACTFAST_FORWARD, .dtype = dtype, .size = size, .n = size,
                          .input = INPUT_UNIFORM};
    const struct {
        const char *name;
        bench_kernel kernel;
    } streams[] = {{"memcpy", stream_memcpy(dtype)}, {"scale2", stream_scale2(dtype)}};
    for (size_t i = 0; i < sizeof streams / sizeof streams[0]; i++) {
        if (!streams[i].kernel)
            continue;
        bench_case s = c;
        s.kernel = streams[i].kernel;
        char name[NAME_LENGTH];
        snprintf(name, sizeof name, "baseline/%s/%s/%zu", streams[i].name, dtype_name(dtype), size);
        add_case(&s, name);
    }
}

/* Size by size and dtype by dtype (register_op_form orders what is inside). */
static void register_all(const size_t *sizes, int nsizes, const isa_list *isas)
{
    size_t smallest = sizes[0];
    for (int s = 1; s < nsizes; s++)
        smallest = sizes[s] < smallest ? sizes[s] : smallest;
    for (int s = 0; s < nsizes; s++) {
        /* The data-dependent inputs only at the smallest size: they ask how
         * the kernels branch, not how memory streams. */
        for (int dt = 0; dt < 4; dt++) {
            /* the 16-bit types: uniform inputs (their kernels are float's) */
            const actfast_dtype dtype = (actfast_dtype)dt;
            const int inputs = sizes[s] == smallest && !is_half(dtype) ? INPUT_CLASS_COUNT : 1;
            register_streams(dtype, sizes[s]);
            for (int op = 0; op < ACTFAST_OP_COUNT; op++)
                for (int form = 0; form < ACTFAST_FORM_COUNT; form++)
                    register_op_form((actfast_op)op, (actfast_form)form, dtype, sizes[s], inputs, isas);
            for (int op = 0; op < ACTFAST_OP_COUNT; op++)
                for (int form = 0; form < ACTFAST_FORM_COUNT; form++)
                    register_rows_ex((actfast_op)op, (actfast_form)form, dtype, sizes[s], inputs, isas);
        }
    }
}

/* ---- setup --------------------------------------------------------------- */

/* The ISAs of this build (BENCH_ISAS: ACTFAST_PUBLIC_ISAS of cmake/isa.cmake)
 * that this CPU runs, --quick or not: a quick run on an AVX-512 machine
 * shows AVX2 too. */
static isa_list runnable_isas(void)
{
    static char built[] = BENCH_ISAS;
    /* Automatic choice, ignoring ACTFAST_ISA: keeps an unusable ACTFAST_ISA
     * from failing the forward calls that make the y of backward_from_y,
     * which run before a case forces its ISA. */
    actfast_force_isa(NULL);
    isa_list list = {.count = 0};
    for (char *name = strtok(built, ","); name && list.count < MAX_ISAS; name = strtok(NULL, ","))
        if (actfast_isa_supported(name))
            list.names[list.count++] = name;
    return list;
}

/* Keeps the scheduler from moving the process (and its warm caches) between
 * cores mid-benchmark. Returns the CPU, or -1. */
static int pin_to_current_cpu(void)
{
#ifdef __linux__
    const int cpu = sched_getcpu();
    if (cpu < 0)
        return -1;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0 ? cpu : -1;
#else
    return -1;
#endif
}

typedef struct options {
    size_t sizes[MAX_SIZES];
    int nsizes; /* 0: the default list */
    int quick;
    int parallel; /* -1: unset (on in the default run only) */
    size_t parallel_sizes[MAX_SIZES];
    int nparallel_sizes; /* 0: parallel_sizes */
    size_t min_split;
} options;

static void print_sizes(const size_t *sizes, size_t count)
{
    for (size_t i = 0; i < count; i++)
        printf("%s%zu", i ? "," : "", sizes[i]);
}

static void print_help(void)
{
    printf("actfast_bench [--quick] [--sizes=N,N,...] [Google Benchmark flags]\n  --quick          n = ");
    print_sizes(quick_sizes, sizeof quick_sizes / sizeof *quick_sizes);
    printf(", every ISA this CPU runs, %s\n  --sizes=N,...    the sizes to run (default ", quick_min_time);
    print_sizes(default_sizes, sizeof default_sizes / sizeof *default_sizes);
    printf(")\n  --parallel[=N,...] actfast_apply_parallel, OpenMP runner, 1, 2 and all CPUs, n = ");
    print_sizes(parallel_sizes, sizeof parallel_sizes / sizeof *parallel_sizes);
    printf("\n                   (part of the default run; of --quick and --sizes runs only if asked)\n"
           "  --min-split=N    the runner's min_split in the parallel benchmarks (default: the library's)\n");
    printf("  Names: <op>/<form>/<dtype>/<isa>/<n>[/<input>], baseline/..., parallel/...; see the top of "
           "bench/bench.c.\n\n");
}

static int parse_sizes(const char *list, size_t *sizes, int *nsizes)
{
    *nsizes = 0;
    for (const char *p = list; *p;) {
        char *end;
        const unsigned long long n = strtoull(p, &end, 10);
        if (end == p || n == 0 || n > SIZE_MAX / sizeof(double) || *nsizes == MAX_SIZES ||
            (*end != ',' && *end != '\0'))
            return 0;
        sizes[(*nsizes)++] = (size_t)n;
        p = *end == ',' ? end + 1 : end;
    }
    return *nsizes > 0;
}

/* Takes our flags out of argv (Google Benchmark rejects flags it does not
 * know) and returns the new argc, or -1 for a bad value. */
static int parse_options(int argc, char **argv, options *opt)
{
    int kept = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            opt->quick = 1;
        } else if (strncmp(argv[i], "--sizes=", 8) == 0) {
            if (!parse_sizes(argv[i] + 8, opt->sizes, &opt->nsizes)) {
                fprintf(stderr, "actfast_bench: --sizes wants positive integers separated by commas: %s\n", argv[i]);
                return -1;
            }
        } else if (strcmp(argv[i], "--parallel") == 0) {
            opt->parallel = 1;
        } else if (strncmp(argv[i], "--parallel=", 11) == 0) {
            opt->parallel = 1;
            if (!parse_sizes(argv[i] + 11, opt->parallel_sizes, &opt->nparallel_sizes)) {
                fprintf(stderr, "actfast_bench: --parallel= wants positive integers separated by commas: %s\n",
                        argv[i]);
                return -1;
            }
        } else if (strncmp(argv[i], "--min-split=", 12) == 0) {
            char *end;
            opt->min_split = (size_t)strtoull(argv[i] + 12, &end, 10);
            if (end == argv[i] + 12 || *end != '\0') {
                fprintf(stderr, "actfast_bench: --min-split wants an integer: %s\n", argv[i]);
                return -1;
            }
        } else {
            argv[kept++] = argv[i];
        }
    }
    argv[kept] = NULL;
    return kept;
}

/* argv for Google Benchmark: --quick's minimum time goes first so that a
 * --benchmark_min_time of the user's overrides it. */
static char **benchmark_argv(int argc, char **argv, int quick, int *gb_argc)
{
    char **out = malloc((size_t)(argc + 2) * sizeof *out);
    if (!out)
        return NULL;
    int k = 0;
    out[k++] = argv[0];
    if (quick)
        out[k++] = quick_min_time;
    for (int i = 1; i < argc; i++)
        out[k++] = argv[i];
    out[k] = NULL;
    *gb_argc = k;
    return out;
}

/* What the report's context block says about this run. */
static void add_context(int pinned_cpu, const isa_list *isas)
{
    char cpu[16], names[MAX_ISAS * 16] = "";
    snprintf(cpu, sizeof cpu, "%d", pinned_cpu);
    gb_add_context("actfast_pinned_cpu", pinned_cpu >= 0 ? cpu : "not pinned");
    gb_add_context("actfast_version", actfast_version());
    for (int i = 0; i < isas->count; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? "," : "", isas->names[i]);
    gb_add_context("actfast_isas", names);
#ifdef BENCH_HAVE_ONEDNN
    gb_add_context("onednn", onednn_init());
#else
    gb_add_context("onednn", "not built");
#endif
}

int main(int argc, char **argv)
{
    options opt = {.nsizes = 0, .parallel = -1};
    argc = parse_options(argc, argv, &opt);
    if (argc < 0)
        return 2;
    if (opt.parallel < 0)
        opt.parallel = !opt.quick && opt.nsizes == 0;
    if (opt.nparallel_sizes == 0) {
        opt.nparallel_sizes = (int)(sizeof parallel_sizes / sizeof *parallel_sizes);
        memcpy(opt.parallel_sizes, parallel_sizes, sizeof parallel_sizes);
    }
    bench_parallel_init(); /* before pinning: the CPUs of the parallel benchmarks */
    if (opt.nsizes == 0) {
        const size_t *sizes = opt.quick ? quick_sizes : default_sizes;
        opt.nsizes = opt.quick ? (int)(sizeof quick_sizes / sizeof *quick_sizes)
                               : (int)(sizeof default_sizes / sizeof *default_sizes);
        memcpy(opt.sizes, sizes, (size_t)opt.nsizes * sizeof *sizes);
    }
    const int cpu = pin_to_current_cpu();
    const isa_list isas = runnable_isas();
    add_context(cpu, &isas);
    register_all(opt.sizes, opt.nsizes, &isas);
    if (opt.parallel)
        bench_register_parallel(opt.parallel_sizes, opt.nparallel_sizes, opt.min_split);

    int gb_argc;
    char **gb_argv = benchmark_argv(argc, argv, opt.quick, &gb_argc);
    const int status = gb_argv ? gb_run(gb_argc, gb_argv, print_help) : 2;

    free(gb_argv);
    dataset_free();
    failures += bench_parallel_failures();
    bench_parallel_free();
    while (all_cases) {
        bench_case *next = all_cases->next;
        free(all_cases);
        all_cases = next;
    }
#ifdef BENCH_HAVE_ONEDNN
    onednn_shutdown();
#endif
    return status ? status : failures > 0;
}
