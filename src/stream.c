/* Which outputs the elementwise kernels that run at memory speed write with
 * non-temporal stores (kernels/elementwise.h, on AVX2 and AVX-512): those
 * of at least the threshold's bytes, of float or double arrays, written out
 * of place.
 *
 * Such a store sends its line to memory without reading it first and
 * leaves the caches to what was in them; the output is then not cached.
 * Worth it only where it could not have stayed there: the default is half
 * the last-level cache (input and output together fill it). In a loop of
 * relu's forward over floats (Zen 5, AVX-512, best of 10) non-temporal
 * stores were 1.18-1.26x faster at 16 Mi elements and 1.24-1.40x at 4 Mi
 * (16 MiB out, 32 MiB in all: this L3's size), and 1.19-1.29x at 1 Mi,
 * where the output would have stayed in L3 for the next call to read. In place
 * they were 0.85-0.87x (the load has brought the line in already): never
 * streamed. 16-bit arrays go through the kernels in blocks of a buffer
 * (src/half.c) that is meant to stay cached: never streamed either. */
#include <stdatomic.h>
#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

#include "actfast.h"
#include "api_internal.h"

/* Where the last-level cache's size is not known: half of a 32 MiB L3. */
#define AF_STREAM_FALLBACK_BYTES ((size_t)16 << 20)

/* The threshold as actfast__stream_chosen holds it (api_internal.h); 0
 * until the first use or actfast_set_stream_threshold chooses. */
_Atomic size_t actfast__stream_chosen;

static size_t default_threshold(void)
{
#if defined(_SC_LEVEL3_CACHE_SIZE)
    const long llc = sysconf(_SC_LEVEL3_CACHE_SIZE); /* glibc: from CPUID; 0 where unknown */
    if (llc > 0)
        return (size_t)llc / 2;
#endif
    return AF_STREAM_FALLBACK_BYTES;
}

static size_t stored(size_t bytes) { return bytes == SIZE_MAX ? SIZE_MAX : bytes + 1; }

size_t actfast_stream_threshold(void)
{
    size_t s = atomic_load_explicit(&actfast__stream_chosen, memory_order_relaxed);
    if (s == 0) {
        size_t expected = 0, mine = stored(default_threshold());
        /* A threshold set meanwhile wins over the default. */
        s = atomic_compare_exchange_strong_explicit(&actfast__stream_chosen, &expected, mine, memory_order_relaxed,
                                                    memory_order_relaxed)
                ? mine
                : expected;
    }
    return af_stream_threshold_of(s);
}

void actfast_set_stream_threshold(size_t bytes)
{
    atomic_store_explicit(&actfast__stream_chosen, stored(bytes), memory_order_relaxed);
}
