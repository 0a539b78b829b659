/* The 16-bit forward and f' of the staged elementwise ops by lookup.
 *
 * A bf16 or f16 x has 65,536 values, and forward and f' are functions of x
 * alone (and of the parameters): once an op has computed enough of them,
 * its results for every input are computed once, by the same kernels and
 * the same settling of near ties, and kept; every later call looks them up.
 * The table is those kernels' own output, so a lookup gives the same bits as
 * the computation (a NaN's sign and payload aside, which the kernels
 * themselves vary with its position in a vector: actfast.h), as
 * tests/test_half_table.c checks on every input.
 *
 * Which ops: those staged through float (the wide ones of kernels/wide.h
 * and the long bodies: sigmoid, tanh, gelu, silu, softplus, ...), whose
 * 16-bit forms cost 0.5-1.7 ns per element on AVX-512; a lookup costs about
 * 0.28 (one element a cycle: two loads and a store; Zen 5, n = 4096). The
 * 16-bit kernels of the short bodies (kernels/half.h: relu, leaky_relu, ...)
 * run faster than that and keep computing; so does every backward form,
 * whose dy makes it a function of two arrays.
 *
 * When: a table costs its 65,536 elements once, and 128 KiB. It is made at
 * the call that brings the elements the op computed (per ISA, format and
 * form) to twice that, so that no sequence of calls pays more than half
 * again for it, and short or one-off uses never allocate. A table holds one
 * parameter set, the first that earns one (the defaults, usually); calls
 * with others compute. Without memory, calls compute.
 *
 * Threads: a table is published with one atomic compare-and-swap, and a
 * thread that lost the race to make it frees its own. The count of elements
 * is a relaxed load and store, not a read-modify-write (no locked
 * instruction per call): a count lost to a race only delays the table.
 * Tables live as long as the process. A build with
 * -DACTFAST_HALF_TABLES=OFF (no allocation inside a call, for real-time
 * callers) always computes. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api_internal.h"

#ifdef ACTFAST_NO_HALF_TABLES
enum { AF_HALF_TABLES = 0 };
#else
enum { AF_HALF_TABLES = 1 };
#endif
enum { AF_HALF_VALUES = 65536 };
/* Elements computed before the table is made: twice its own cost. */
#define AF_HALF_TABLE_AFTER ((size_t)2 * AF_HALF_VALUES)

typedef struct half_table {
    double p[2]; /* the parameters it holds the results for */
    uint16_t y[AF_HALF_VALUES];
} half_table;

typedef struct half_slot {
    _Atomic(half_table *) table;
    _Atomic size_t computed; /* elements computed, up to AF_HALF_TABLE_AFTER */
} half_slot;

/* Forward and f' (the forms before ACTFAST_BACKWARD). */
static half_slot slots[AF_ISA_SLOTS][AF_HALF_COUNT][ACTFAST_OP_COUNT][ACTFAST_BACKWARD];

/* The slot of a form of an op on a kernel set's ISA and a 16-bit dtype. */
static half_slot *slot_of(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype)
{
    return &slots[actfast__isa_index(k)][af_half_format(dtype)][op][form];
}

static int holds(const half_table *t, const af_params *p) { return memcmp(t->p, p->p, sizeof t->p) == 0; }

/* The results for every input, computed in place over the 65,536 bit
 * patterns; NULL without memory. */
static half_table *make_table(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                              const af_params *p)
{
    half_table *t = malloc(sizeof *t);
    if (!t)
        return NULL;
    memcpy(t->p, p->p, sizeof t->p);
    for (size_t h = 0; h < AF_HALF_VALUES; h++)
        t->y[h] = (uint16_t)h;
    af_params q = *p;
    q.stream = 0; /* read back at once */
    (void)actfast__half_compute(k, op, form, dtype, t->y, NULL, t->y, AF_HALF_VALUES, &q);
    return t;
}

const uint16_t *actfast__half_table(const af_kernel_set *k, actfast_op op, actfast_form form, actfast_dtype dtype,
                                    const af_params *p, size_t n)
{
    if (!AF_HALF_TABLES || form >= ACTFAST_BACKWARD || k->f32->half[af_half_format(dtype)][op][form] ||
        actfast_get_op_info(op)->rowwise)
        return NULL;
    half_slot *slot = slot_of(k, op, form, dtype);
    half_table *t = atomic_load_explicit(&slot->table, memory_order_acquire);
    if (t)
        return holds(t, p) ? t->y : NULL;
    const size_t computed = atomic_load_explicit(&slot->computed, memory_order_relaxed);
    if (n < AF_HALF_TABLE_AFTER - computed) {
        atomic_store_explicit(&slot->computed, computed + n, memory_order_relaxed);
        return NULL;
    }
    half_table *mine = make_table(k, op, form, dtype, p), *none = NULL;
    if (!mine)
        return NULL;
    if (atomic_compare_exchange_strong_explicit(&slot->table, &none, mine, memory_order_acq_rel,
                                                memory_order_acquire))
        return mine->y;
    free(mine);
    return holds(none, p) ? none->y : NULL;
}

int actfast__half_table_held(actfast_op op, actfast_form form, actfast_dtype dtype)
{
    actfast_status st;
    const af_kernel_set *k = af_active_kernels(&st);
    if (!k || form >= ACTFAST_BACKWARD || op >= ACTFAST_OP_COUNT || (dtype != ACTFAST_BF16 && dtype != ACTFAST_F16))
        return 0;
    return atomic_load_explicit(&slot_of(k, op, form, dtype)->table, memory_order_acquire) != NULL;
}
