/* Runtime ISA dispatch.
 *
 * The ISAs this build has, best first. The first use resolves the choice
 * (ACTFAST_ISA, else the best the CPU runs) and publishes it with one atomic
 * store; every call after that is one atomic load. actfast_force_isa stores
 * over it at any time; a call already running finishes on the set it loaded. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "actfast.h"
#include "cpu.h"
#include "dispatch.h"

typedef struct af_isa {
    af_kernel_set kernels;
    int (*supported)(void);
} af_isa;

static int always(void) { return 1; }

#define AF_ISA_KERNELS(name, isa) {name, &actfast__kernels_##isa##_f32, &actfast__kernels_##isa##_f64}

static const af_isa isas[] = {
#if defined(__x86_64__)
    {AF_ISA_KERNELS("avx512", avx512), actfast__cpu_has_avx512},
    {AF_ISA_KERNELS("avx2", avx2), actfast__cpu_has_avx2},
#if defined(AF_NEON_SIMDE)
    /* The NEON kernels through SIMDe (a test build, cmake/isa.cmake): x86
     * code built with -mfma. */
    {AF_ISA_KERNELS("neon", neon), actfast__cpu_has_fma},
#endif
    /* The same bits as AVX2/AVX-512 need SLEEF's FMA flavour; a CPU without
     * FMA gets the portable one. */
    {AF_ISA_KERNELS("scalar", scalar_fma), actfast__cpu_has_fma},
    {AF_ISA_KERNELS("scalar", scalar), always},
#elif defined(__aarch64__)
    {AF_ISA_KERNELS("neon", neon), actfast__cpu_has_neon},
    {AF_ISA_KERNELS("scalar", scalar_fma), always},
#else
    {AF_ISA_KERNELS("scalar", scalar), always},
#endif
};
enum { ISA_COUNT = sizeof isas / sizeof isas[0] };
_Static_assert((int)ISA_COUNT <= (int)AF_ISA_SLOTS, "AF_ISA_SLOTS holds every kernel set");

/* What ACTFAST_ISA resolves to when it names nothing usable: no kernels. */
static const af_kernel_set unknown_isa = {.isa = "none"};
static const af_kernel_set unsupported_isa = {.isa = "none"};

_Atomic(const af_kernel_set *) actfast__active;

/* Every ISA name of the library, whatever this build's architecture: one
 * that this build or CPU cannot run is unsupported, not unknown. */
static const char *const names[] = {"avx512", "avx2", "neon", "scalar"};

static int known(const char *name)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

/* The first supported entry named `name` (NULL: any), else NULL. */
static const af_kernel_set *find(const char *name)
{
    for (int i = 0; i < ISA_COUNT; i++)
        if ((name == NULL || strcmp(isas[i].kernels.isa, name) == 0) && isas[i].supported())
            return &isas[i].kernels;
    return NULL;
}

static int is_auto(const char *name) { return name == NULL || *name == '\0' || strcmp(name, "auto") == 0; }

static const af_kernel_set *resolve_first(void)
{
    const char *env = getenv("ACTFAST_ISA");
    if (is_auto(env))
        return find(NULL);
    if (!known(env))
        return &unknown_isa;
    const af_kernel_set *k = find(env);
    return k ? k : &unsupported_isa;
}

static const af_kernel_set *current(void)
{
    const af_kernel_set *k = atomic_load_explicit(&actfast__active, memory_order_acquire);
    if (k)
        return k;
    const af_kernel_set *expected = NULL, *mine = resolve_first();
    /* Whoever stores first wins, so that every thread sees one choice. */
    if (atomic_compare_exchange_strong_explicit(&actfast__active, &expected, mine, memory_order_acq_rel,
                                                memory_order_acquire))
        return mine;
    return expected;
}

const af_kernel_set *actfast__active_kernels(actfast_status *status)
{
    const af_kernel_set *k = current();
    if (k == &unknown_isa) {
        *status = ACTFAST_ERR_UNKNOWN_ISA;
        return NULL;
    }
    if (k == &unsupported_isa) {
        *status = ACTFAST_ERR_UNSUPPORTED_ISA;
        return NULL;
    }
    *status = ACTFAST_OK;
    return k;
}

const char *actfast_active_isa(void) { return current()->isa; }

actfast_status actfast_force_isa(const char *name)
{
    const af_kernel_set *k;
    if (is_auto(name)) {
        k = find(NULL);
    } else {
        if (!known(name))
            return ACTFAST_ERR_UNKNOWN_ISA;
        k = find(name);
        if (!k)
            return ACTFAST_ERR_UNSUPPORTED_ISA;
    }
    atomic_store_explicit(&actfast__active, k, memory_order_release);
    return ACTFAST_OK;
}

int actfast__isa_index(const af_kernel_set *k) { return (int)((const af_isa *)(const void *)k - isas); }

int actfast_isa_supported(const char *name) { return name != NULL && find(name) != NULL; }
