/* The 16-bit lookup tables (src/half_table.c), on one ISA:
 *
 *   test_half_table <isa>
 *
 * For every elementwise op, forward and f', bf16 and f16, over all 65,536
 * inputs: the call that earns the table (the second of 65,536 elements)
 * and every call after it give the bits that the first call computed
 * (every NaN alike); the ops whose 16-bit forms are staged through float
 * (gelu, sigmoid, tanh, silu, softplus: the heaviest) hold a table by then;
 * a call with other parameters than the table's (the first one doubled)
 * does not get the table's results, and leaves the table as it was; and
 * looked-up calls of every length up to 67 at every offset touch nothing
 * outside their arrays (guard pages), in place and not. First, threads
 * that all earn the same table at once (gelu's bf16 forward) each get the
 * computed bits; under ThreadSanitizer too. Exit 77 when the CPU cannot
 * run the ISA. */
#include "harness.h"

#include <pthread.h>

#include "guard_pages.h"

int actfast__half_table_held(actfast_op op, actfast_form form, actfast_dtype dtype);

enum { VALUES = 65536, MAX_LEN = 67, MAX_OFFSET = 16, THREADS = 4 };

static uint16_t *all_inputs(void)
{
    uint16_t *x = malloc(VALUES * sizeof *x);
    for (size_t h = 0; h < VALUES; h++)
        x[h] = (uint16_t)h;
    return x;
}

/* Results whose bits differ, every NaN alike (h_same: their signs and
 * payloads may differ with an element's position in its vector: actfast.h). */
static size_t differing(actfast_dtype dtype, const uint16_t *a, const uint16_t *b, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += !h_same(dtype, a, b, i);
    return count;
}

static int must_hold(actfast_op op)
{
    static const actfast_op heavy[] = {ACTFAST_OP_GELU, ACTFAST_OP_SIGMOID, ACTFAST_OP_TANH, ACTFAST_OP_SILU,
                                       ACTFAST_OP_SOFTPLUS};
    for (size_t i = 0; i < sizeof heavy / sizeof heavy[0]; i++)
        if (heavy[i] == op)
            return 1;
    return 0;
}

/* Another parameter set than the defaults (the first parameter doubled), or
 * 0 for an op without parameters. */
static int other_params(actfast_op op, actfast_params *p)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    *p = actfast_default_params(op);
    if (info->nparams == 0)
        return 0;
    double *first = (double *)((char *)p + info->param_offsets[0]);
    *first = *first != 0 ? 2 * *first : 0.25;
    return 1;
}

/* Lengths 0..MAX_LEN at offsets 0..MAX_OFFSET of arrays between guard
 * pages, in place and out of place: each result is the first call's. */
static void check_guarded(actfast_op op, actfast_form form, actfast_dtype dtype, const actfast_params *p,
                          const uint16_t *x, const uint16_t *want)
{
    size_t in_len, out_len;
    const size_t bytes = (MAX_LEN + MAX_OFFSET) * sizeof(uint16_t);
    unsigned char *in_mem = guarded_new(bytes, &in_len), *out_mem = guarded_new(bytes, &out_len);
    size_t wrong = 0;
    for (size_t len = 0; len <= MAX_LEN; len++)
        for (size_t off = 0; off <= MAX_OFFSET; off++) {
            /* the arrays end at the guard page */
            uint16_t *in = (uint16_t *)(in_mem + in_len) - len - off, *out = (uint16_t *)(out_mem + out_len) - len;
            const size_t first = (len * 977 + off * 131) % (VALUES - MAX_LEN); /* inputs from all over */
            snprintf(guard_where, sizeof guard_where, "%s %s n=%zu offset %zu", actfast_get_op_info(op)->name,
                     h_form_names[form], len, off);
            memcpy(in, x + first, len * sizeof *in);
            CHECK(actfast_apply(op, form, dtype, in, NULL, out, len, p) == ACTFAST_OK, "%s", guard_where);
            wrong += differing(dtype, out, want + first, len);
            CHECK(actfast_apply(op, form, dtype, in, NULL, in, len, p) == ACTFAST_OK, "%s in place", guard_where);
            wrong += differing(dtype, in, want + first, len);
        }
    CHECK(wrong == 0, "%s %s: %zu guarded results differ from the computed ones", actfast_get_op_info(op)->name,
          h_form_names[form], wrong);
    munmap(in_mem - sysconf(_SC_PAGESIZE), in_len + 2 * (size_t)sysconf(_SC_PAGESIZE));
    munmap(out_mem - sysconf(_SC_PAGESIZE), out_len + 2 * (size_t)sysconf(_SC_PAGESIZE));
}

/* ---- threads that earn one table together ------------------------------- */

static pthread_barrier_t race_start;
static const uint16_t *race_x; /* every input, twice */
static uint16_t *race_out[THREADS];

static void *race_one(void *arg)
{
    const size_t t = (size_t)(intptr_t)arg;
    const actfast_params p = actfast_default_params(ACTFAST_OP_GELU);
    pthread_barrier_wait(&race_start);
    CHECK(actfast_apply(ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_BF16, race_x, NULL, race_out[t], 2 * VALUES, &p) ==
              ACTFAST_OK,
          "thread %zu", t);
    return NULL;
}

/* One computed call of all but one input leaves the count short of the
 * table; THREADS calls of every input twice then each make one, and all but
 * one are freed. */
static void test_race(const uint16_t *x, const char *isa)
{
    const actfast_params p = actfast_default_params(ACTFAST_OP_GELU);
    uint16_t *computed = malloc(VALUES * sizeof *computed), *twice = malloc(2 * VALUES * sizeof *twice);
    CHECK(actfast_apply(ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_BF16, x, NULL, computed, VALUES - 1, &p) ==
              ACTFAST_OK,
          "gelu");
    CHECK(actfast_apply(ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_BF16, x + VALUES - 1, NULL, computed + VALUES - 1,
                        1, &p) == ACTFAST_OK,
          "gelu");
    CHECK(!actfast__half_table_held(ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_BF16), "gelu: a table too early");
    memcpy(twice, x, VALUES * sizeof *twice);
    memcpy(twice + VALUES, x, VALUES * sizeof *twice);
    race_x = twice;
    pthread_t threads[THREADS];
    pthread_barrier_init(&race_start, NULL, THREADS);
    for (int t = 0; t < THREADS; t++) {
        race_out[t] = malloc(2 * VALUES * sizeof *race_out[t]);
        if (pthread_create(&threads[t], NULL, race_one, (void *)(intptr_t)t) != 0) {
            perror("pthread_create");
            exit(1);
        }
    }
    size_t wrong = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
        wrong += differing(ACTFAST_BF16, race_out[t], computed, VALUES) +
                 differing(ACTFAST_BF16, race_out[t] + VALUES, computed, VALUES);
        free(race_out[t]);
    }
    pthread_barrier_destroy(&race_start);
    const int held = actfast__half_table_held(ACTFAST_OP_GELU, ACTFAST_FORWARD, ACTFAST_BF16);
    printf("%s gelu forward bf16, %d threads at once on %s: %s, %zu of %d results differ\n",
           wrong || !held ? "FAIL" : "ok  ", THREADS, isa, held ? "looked up" : "computed", wrong,
           THREADS * 2 * VALUES);
    CHECK(wrong == 0 && held, "gelu forward bf16 from %d threads", THREADS);
    free(computed);
    free(twice);
}

/* ---- every op ------------------------------------------------------------- */

static void test_form(actfast_op op, actfast_form form, actfast_dtype dtype, const uint16_t *x)
{
    const char *name = actfast_get_op_info(op)->name, *dt = dtype == ACTFAST_BF16 ? "bf16" : "f16";
    const char *fname = h_form_names[form];
    const actfast_params defaults = actfast_default_params(op);
    uint16_t *computed = malloc(VALUES * sizeof *computed), *again = malloc(VALUES * sizeof *again);
    if (actfast_apply(op, form, dtype, x, NULL, computed, VALUES, &defaults) != ACTFAST_OK) {
        free(computed); /* an op without this form or these arrays (prelu's weights) */
        free(again);
        return;
    }
    const int raced = op == ACTFAST_OP_GELU && form == ACTFAST_FORWARD && dtype == ACTFAST_BF16; /* test_race's */
    CHECK(raced || !actfast__half_table_held(op, form, dtype), "%s %s %s: a table after one call", name, fname, dt);
    size_t wrong = 0;
    for (int call = 0; call < 2; call++) { /* the call that earns the table, and one after it */
        CHECK(actfast_apply(op, form, dtype, x, NULL, again, VALUES, &defaults) == ACTFAST_OK, "%s", name);
        wrong += differing(dtype, again, computed, VALUES);
    }
    const int held = actfast__half_table_held(op, form, dtype);
    printf("%s %s %s %s: %s, %zu of %d results differ from the first call's\n", wrong ? "FAIL" : "ok  ", name,
           fname, dt, held ? "looked up" : "computed", wrong, 2 * VALUES);
    CHECK(wrong == 0, "%s %s %s: the same bits after the table", name, fname, dt);
    CHECK(held || !must_hold(op), "%s %s %s: no table", name, fname, dt);
    actfast_params other;
    if (held && other_params(op, &other)) {
        /* not the table's results: computed for these parameters */
        CHECK(actfast_apply(op, form, dtype, x, NULL, again, VALUES, &other) == ACTFAST_OK, "%s", name);
        CHECK(differing(dtype, again, computed, VALUES) > 0, "%s %s %s: other parameters looked up", name, fname, dt);
        CHECK(actfast_apply(op, form, dtype, x, NULL, again, VALUES, &defaults) == ACTFAST_OK, "%s", name);
        CHECK(differing(dtype, again, computed, VALUES) == 0, "%s %s %s: the table after other parameters", name, fname,
              dt);
    }
    if (held)
        check_guarded(op, form, dtype, &defaults, x, computed);
    free(computed);
    free(again);
}

int main(int argc, char **argv)
{
    const char *isa = h_use_isa(argc, argv);
    guard_install_handler();
    uint16_t *x = all_inputs();
    test_race(x, isa);
    for (int o = 0; o < ACTFAST_OP_COUNT; o++) {
        const actfast_op_info *info = actfast_get_op_info((actfast_op)o);
        if (info->rowwise || info->gated)
            continue;
        for (int d = 0; d < 2; d++)
            for (int f = ACTFAST_FORWARD; f <= ACTFAST_GRAD; f++)
                test_form((actfast_op)o, (actfast_form)f, d ? ACTFAST_F16 : ACTFAST_BF16, x);
    }
    free(x);
    return h_finish();
}
