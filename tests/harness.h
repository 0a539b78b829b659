/* What the safety tests share: assertion counters and the closing line, the
 * ISA named on the command line, the loop over every (op, form, dtype) of the
 * table, inputs full of special values, and a bitwise comparison that treats
 * every NaN alike. Include it first: it sets the feature macros. */
#ifndef ACTFAST_TEST_HARNESS_H
#define ACTFAST_TEST_HARNESS_H

/* mmap's MAP_ANONYMOUS, pthread_barrier_t and fork under -std=c11. */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfast.h"
#include "vec/half_bits.h" /* the 16-bit arrays' values (kernels/) */

/* ---- assertions ---------------------------------------------------------- */

/* Atomic: the thread test checks from several threads at once. */
static atomic_long h_passed, h_failed;

/* Only the first failures are printed; the count says how many there were. */
#define H_MAX_REPORTS 30

#define CHECK(cond, ...) h_check((cond) != 0, __FILE__, __LINE__, __VA_ARGS__)

static inline int h_check(int ok, const char *file, int line, const char *fmt, ...)
{
    if (ok) {
        atomic_fetch_add(&h_passed, 1);
        return 1;
    }
    if (atomic_fetch_add(&h_failed, 1) < H_MAX_REPORTS) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        printf("FAIL %s:%d: %s\n", file, line, msg);
        fflush(stdout); /* a crash later must not lose it */
    }
    return 0;
}

/* A check whose line is printed, passed or not: the accuracy tests' verdicts,
 * where the measured maxima are the point. */
static inline void h_verdict(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void h_verdict(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s ", ok ? "ok  " : "FAIL");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    atomic_fetch_add(ok ? &h_passed : &h_failed, 1);
}

/* The closing line every test prints; the exit code for main. */
static inline int h_finish(void)
{
    printf("%ld passed, %ld failed\n", atomic_load(&h_passed), atomic_load(&h_failed));
    return atomic_load(&h_failed) != 0;
}

/* ---- ISAs ---------------------------------------------------------------- */

/* Every ISA name the library can have, best first (the order of automatic
 * choice); a test forces each one the CPU runs and skips the others. */
static const char *const h_isas[] = {"avx512", "avx2", "neon", "scalar"};
enum { H_ISA_COUNT = sizeof h_isas / sizeof h_isas[0] };

/* CTest's SKIP_RETURN_CODE: an ISA this CPU cannot run is skipped, not passed. */
enum { H_SKIP = 77 };

/* Forces the ISA named by argv[1] for the whole test, or exits: 77 if the CPU
 * cannot run it, 2 if it is not an ISA name at all (a typo must not skip). */
static inline const char *h_use_isa(int argc, char **argv)
{
    int named = 0;
    for (int i = 0; argc > 1 && i < H_ISA_COUNT; i++)
        named |= strcmp(argv[1], h_isas[i]) == 0;
    if (!named) {
        fprintf(stderr, "usage: %s avx512|avx2|neon|scalar\n", argv[0]);
        exit(2);
    }
    if (!actfast_isa_supported(argv[1])) {
        printf("SKIP: this CPU cannot run ISA %s\n", argv[1]);
        exit(H_SKIP);
    }
    /* ACTFAST_TEST_STREAM: every output that may be streamed is (the
     * streaming runs of the bits and guard tests: tests/compare_bits.cmake,
     * tests/safety.cmake). */
    if (getenv("ACTFAST_TEST_STREAM"))
        actfast_set_stream_threshold(0);
    CHECK(actfast_force_isa(argv[1]) == ACTFAST_OK, "force_isa(%s)", argv[1]);
    CHECK(strcmp(actfast_active_isa(), argv[1]) == 0, "active ISA %s after forcing %s", actfast_active_isa(),
          argv[1]);
    return argv[1];
}

/* What automatic choice must pick: the best ISA the CPU runs. */
static inline const char *h_best_isa(void)
{
    for (int i = 0; i < H_ISA_COUNT; i++)
        if (actfast_isa_supported(h_isas[i]))
            return h_isas[i];
    return "none";
}

/* ACTFAST_TEST_SCALE (default 1) shrinks or grows the work of the heavy
 * loops, for sanitizers and emulators; never below `floor`. */
static inline size_t h_scaled(size_t base, size_t floor)
{
    const char *s = getenv("ACTFAST_TEST_SCALE");
    double scale = s ? strtod(s, NULL) : 1.0;
    double v = scale > 0 ? (double)base * scale : (double)base;
    return v < (double)floor ? floor : (size_t)v;
}

/* ---- the table ----------------------------------------------------------- */

static const char *const h_form_names[ACTFAST_FORM_COUNT] = {"forward", "grad", "backward", "backward_from_y"};
enum { H_DTYPE_COUNT = 4 };
static const char *const h_dtype_names[H_DTYPE_COUNT] = {"f32", "f64", "bf16", "f16"};

static inline size_t h_size(actfast_dtype dt)
{
    return dt == ACTFAST_F64 ? sizeof(double) : dt == ACTFAST_F32 ? sizeof(float) : sizeof(uint16_t);
}

/* One (op, form, dtype) the table has. */
typedef struct h_case {
    int index; /* position in the walk; -1 before the first */
    actfast_op op;
    actfast_form form;
    actfast_dtype dtype;
    const actfast_op_info *info;
    size_t size; /* sizeof the element */
    int with_dy; /* the form reads dy */
    int gated;   /* the walk of the gated units (actfast_apply_gated) */
    char name[64];
} h_case;

/* Moves c to the next (op, form, dtype) in table order; 0 after the last. */
static inline int h_next_case(h_case *c)
{
    while (++c->index < ACTFAST_OP_COUNT * ACTFAST_FORM_COUNT * H_DTYPE_COUNT) {
        c->op = (actfast_op)(c->index / (ACTFAST_FORM_COUNT * H_DTYPE_COUNT));
        c->form = (actfast_form)(c->index / H_DTYPE_COUNT % ACTFAST_FORM_COUNT);
        c->dtype = (actfast_dtype)(c->index % H_DTYPE_COUNT);
        c->info = actfast_get_op_info(c->op);
        if (!c->info->has_form[c->form] || c->info->gated != c->gated)
            continue;
        c->size = h_size(c->dtype);
        c->with_dy = c->form == ACTFAST_BACKWARD || c->form == ACTFAST_BACKWARD_FROM_Y;
        snprintf(c->name, sizeof c->name, "%s/%s/%s", c->info->name, h_form_names[c->form], h_dtype_names[c->dtype]);
        return 1;
    }
    return 0;
}

/* Every (op, form, dtype) of actfast_apply: a new op in ops.def is covered
 * without new code. The gated units, with two inputs and two outputs, have
 * their own walk: forward and backward of each, every dtype. */
#define H_FOR_EACH_CASE(c) for (h_case c = {.index = -1}; h_next_case(&c);)
#define H_FOR_EACH_GATED_CASE(c) for (h_case c = {.index = -1, .gated = 1}; h_next_case(&c);)

/* A gated case's call: forward out = y from a and gate, backward out = da
 * and dgate from a, gate and dy. */
static inline actfast_status h_apply_gated(const h_case *c, const void *a, const void *gate, const void *dy, void *out,
                                           void *dgate, size_t n)
{
    return actfast_apply_gated(c->op, c->form, c->dtype, a, gate, c->with_dy ? dy : NULL, out,
                               c->with_dy ? dgate : NULL, n);
}

/* The op's default parameters, with cols for a row-wise op. */
static inline actfast_params h_params(const h_case *c, size_t cols)
{
    actfast_params p = actfast_default_params(c->op);
    p.cols = cols;
    return p;
}

/* The field of actfast_params that holds the op's parameter i. */
static inline double *h_param_field(actfast_params *p, const actfast_op_info *info, int i)
{
    return (double *)((char *)p + info->param_offsets[i]);
}

/* A length near `want` that the op accepts: rows of 37 (odd, so rows cross
 * every vector width) for a row-wise op. Sets *p to the parameters to use. */
static inline size_t h_fixed_shape(const h_case *c, size_t want, actfast_params *p)
{
    const size_t cols = c->info->rowwise ? 37 : 0;
    *p = h_params(c, cols);
    return cols ? (want / cols + 1) * cols : want;
}

static inline actfast_status h_apply(const h_case *c, const void *in, const void *dy, void *out, size_t n,
                                     const actfast_params *p)
{
    return actfast_apply(c->op, c->form, c->dtype, in, c->with_dy ? dy : NULL, out, n, p);
}

/* ---- inputs -------------------------------------------------------------- */

/* Value k of the input pool of a dtype: ordinary values, values whose results
 * underflow to subnormals (sigmoid(-100) in float, e^-720 in double) or whose
 * intermediates overflow, and every special: +-0, +-inf, NaN of both signs,
 * subnormals, the largest finite numbers. */
enum { H_POOL = 36 };
static inline double h_pool(int k, actfast_dtype dt)
{
    static const double tinies[] = {FLT_TRUE_MIN, DBL_TRUE_MIN, 0x1p-133, 0x1p-24},
                        mins[] = {FLT_MIN, DBL_MIN, 0x1p-126, 0x1p-14}, maxes[] = {FLT_MAX, DBL_MAX, 0x1.fep127, 65504};
    const double tiny = tinies[dt], min = mins[dt], max = maxes[dt];
    static const double ordinary[] = {0.5,  -0.5,   1,    -1,     2.5, -2.5,  1e-3, -1e-3, 7,    -7,
                                      20.5, -20.5,  40,   -40,    88.7, -88.7, 100, -100,  720, -720,
                                      1e-30, -3.25};
    if (k < (int)(sizeof ordinary / sizeof ordinary[0]))
        return ordinary[k];
    const double special[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, -NAN, tiny, -3 * tiny, min / 2, -min / 4,
                              max, -max,  1e30,     -1e30};
    return special[k - (int)(sizeof ordinary / sizeof ordinary[0])];
}

/* Element i = v, rounded to the dtype (16-bit types through float). */
static inline void h_set(actfast_dtype dt, void *p, size_t i, double v)
{
    if (dt == ACTFAST_F32)
        ((float *)p)[i] = (float)v;
    else if (dt == ACTFAST_F64)
        ((double *)p)[i] = v;
    else
        ((uint16_t *)p)[i] = dt == ACTFAST_BF16 ? af_float_to_bf16((float)v) : af_float_to_f16((float)v);
}

/* n values of the pool in a pseudo-random order that depends on seed, so that
 * every special value lands at every position (vector body and tail). */
static inline void h_fill(actfast_dtype dt, void *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t h = ((uint32_t)i + seed * 0x9E3779B9u) * 2654435761u;
        h_set(dt, p, i, h_pool((int)((h >> 16) % H_POOL), dt));
    }
}

/* The inputs of a form: x, or for backward_from_y the forward's output on x
 * (what a framework saves), and dy. Both buffers hold n elements; the forward
 * runs on the ISA in use. */
static inline void h_make_inputs(const h_case *c, void *in, void *dy, size_t n, const actfast_params *p,
                                 unsigned seed)
{
    h_fill(c->dtype, in, n, seed);
    h_fill(c->dtype, dy, n, seed + 1);
    if (c->form == ACTFAST_BACKWARD_FROM_Y)
        CHECK(actfast_apply(c->op, ACTFAST_FORWARD, c->dtype, in, NULL, in, n, p) == ACTFAST_OK,
              "%s: forward for y", c->name);
}

/* ---- comparison ---------------------------------------------------------- */

/* Element i of a and b has the same bits, or both are NaN of any payload. */
static inline double h_get(actfast_dtype dt, const void *p, size_t i);
static inline int h_same(actfast_dtype dt, const void *a, const void *b, size_t i)
{
    if (dt == ACTFAST_BF16 || dt == ACTFAST_F16)
        return ((const uint16_t *)a)[i] == ((const uint16_t *)b)[i] || (isnan(h_get(dt, a, i)) && isnan(h_get(dt, b, i)));
    if (dt == ACTFAST_F32) {
        float x = ((const float *)a)[i], y = ((const float *)b)[i];
        return memcmp(&x, &y, sizeof x) == 0 || (isnan(x) && isnan(y));
    }
    double x = ((const double *)a)[i], y = ((const double *)b)[i];
    return memcmp(&x, &y, sizeof x) == 0 || (isnan(x) && isnan(y));
}

/* Index of the first element that differs, n if none. */
static inline size_t h_mismatch(actfast_dtype dt, const void *a, const void *b, size_t n)
{
    size_t i = 0;
    while (i < n && h_same(dt, a, b, i))
        i++;
    return i;
}

/* Element i as a double, for messages. */
static inline double h_get(actfast_dtype dt, const void *p, size_t i)
{
    switch (dt) {
    case ACTFAST_F32:
        return ((const float *)p)[i];
    case ACTFAST_BF16:
        return af_bf16_to_float(((const uint16_t *)p)[i]);
    case ACTFAST_F16:
        return af_f16_to_float(((const uint16_t *)p)[i]);
    default:
        return ((const double *)p)[i];
    }
}

/* One check that got equals want on n elements, saying where not. */
#define CHECK_SAME(c, got, want, n, what) h_check_same(c, got, want, n, what, __FILE__, __LINE__)

static inline void h_check_same(const h_case *c, const void *got, const void *want, size_t n, const char *what,
                                const char *file, int line)
{
    size_t i = h_mismatch(c->dtype, got, want, n);
    h_check(i == n, file, line, "%s n=%zu %s: [%zu] = %a, expected %a", c->name, n, what, i,
            i < n ? h_get(c->dtype, got, i) : 0, i < n ? h_get(c->dtype, want, i) : 0);
}

#endif
