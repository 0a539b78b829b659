/* The memory yardsticks: what it costs to read n elements and write n, with
 * libc's memcpy and with the simplest arithmetic stream y = 2x. At 16 Mi
 * elements they give the bandwidth that bounds every forward form. */
#include <string.h>

#include "baselines.h"

static void memcpy_f32(const void *in, const void *dy, void *out, size_t n)
{
    (void)dy;
    memcpy(out, in, n * sizeof(float));
}

static void memcpy_f64(const void *in, const void *dy, void *out, size_t n)
{
    (void)dy;
    memcpy(out, in, n * sizeof(double));
}

static void memcpy_16(const void *in, const void *dy, void *out, size_t n)
{
    (void)dy;
    memcpy(out, in, n * 2);
}

/* restrict: the arrays of a benchmark never overlap, and it lets -O3 vectorize. */
static void scale2_f32(const void *in, const void *dy, void *out, size_t n)
{
    const float *restrict x = in;
    float *restrict y = out;
    (void)dy;
    for (size_t i = 0; i < n; i++)
        y[i] = 2 * x[i];
}

static void scale2_f64(const void *in, const void *dy, void *out, size_t n)
{
    const double *restrict x = in;
    double *restrict y = out;
    (void)dy;
    for (size_t i = 0; i < n; i++)
        y[i] = 2 * x[i];
}

bench_kernel stream_memcpy(actfast_dtype dtype)
{
    return dtype == ACTFAST_F32 ? memcpy_f32 : dtype == ACTFAST_F64 ? memcpy_f64 : memcpy_16;
}

/* NULL for the 16-bit types, which C has no arithmetic for. */
bench_kernel stream_scale2(actfast_dtype dtype)
{
    return dtype == ACTFAST_F32 ? scale2_f32 : dtype == ACTFAST_F64 ? scale2_f64 : NULL;
}
