/* Input sets of the accuracy tests (see inputs.h). */
#include "inputs.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct builder {
    input_set set;
    size_t cap;
    actfast_dtype dtype;
} builder;

/* Rounds to the dtype, so that the reference sees exactly what the library sees. */
static void add(builder *b, double x)
{
    if (b->set.n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 4096;
        b->set.x = realloc(b->set.x, b->cap * sizeof(double));
        if (!b->set.x)
            abort();
    }
    b->set.x[b->set.n++] = b->dtype == ACTFAST_F32 ? (double)(float)x : x;
}

static void add_grid(builder *b, double lo, double hi, size_t count)
{
    for (size_t i = 0; i <= count; i++)
        add(b, lo + (hi - lo) * (double)i / (double)count);
}

static size_t scaled(size_t count, double scale)
{
    size_t n = (size_t)((double)count * scale);
    return n < 16 ? 16 : n;
}

static unsigned long long next_bits(unsigned long long *state)
{
    unsigned long long x = *state; /* xorshift64 */
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

double inputs_uniform(unsigned long long *state) { return (double)(next_bits(state) >> 11) * 0x1p-53; }

/* Every finite bit pattern is as likely as any other. */
static double random_bits(actfast_dtype dtype, unsigned long long *state)
{
    for (;;) {
        unsigned long long bits = next_bits(state);
        double x;
        if (dtype == ACTFAST_F32) {
            uint32_t w = (uint32_t)bits;
            float f;
            memcpy(&f, &w, sizeof f);
            x = f;
        } else {
            memcpy(&x, &bits, sizeof x);
        }
        if (isfinite(x))
            return x;
    }
}

static void add_specials(builder *b)
{
    const int f64 = b->dtype == ACTFAST_F64;
    const double tiny = f64 ? 0x1p-1074 : 0x1p-149;
    const double max_sub = f64 ? 0x1p-1022 - 0x1p-1074 : 0x1p-126 - 0x1p-149;
    const double min_norm = f64 ? DBL_MIN : FLT_MIN;
    const double max = f64 ? DBL_MAX : FLT_MAX;
    const double specials[] = {0.0, INFINITY, NAN, tiny, max_sub, min_norm, max, 1.0, 0.5, 2.0, 3.0, 6.0,
                               0.01, 20.0, 88.0, 89.0, 104.0, 710.0, 745.0, 1e19, 1e30, 1e300};
    for (size_t i = 0; i < 2 * (sizeof specials / sizeof specials[0]); i++)
        add(b, i % 2 ? -specials[i / 2] : specials[i / 2]);
}

input_set inputs_elementwise(actfast_dtype dtype, double scale)
{
    builder b = {{NULL, 0}, 0, dtype};
    const int f64 = dtype == ACTFAST_F64;
    add_specials(&b);
    add_grid(&b, -20, 20, scaled(40000, scale));
    add_grid(&b, -1e-3, 1e-3, scaled(4000, scale));          /* expm1, tanhshrink near 0 */
    add_grid(&b, f64 ? -40 : -15, -3, scaled(20000, scale)); /* gelu's erfc tail */
    add_grid(&b, -110, -60, scaled(10000, scale));           /* float exp underflow */
    add_grid(&b, 15, 100, scaled(4000, scale));              /* saturation */
    if (f64)
        add_grid(&b, -760, -690, scaled(10000, scale));      /* double exp underflow */
    /* Log-spaced magnitudes, subnormals to the largest finite, both signs. */
    const double lo = f64 ? -323.5 : -45.0, hi = f64 ? 308.2 : 38.5;
    const size_t per_sign = scaled(8000, scale);
    for (size_t i = 0; i <= per_sign; i++) {
        double m = pow(10.0, lo + (hi - lo) * (double)i / (double)per_sign);
        add(&b, m);
        add(&b, -m);
    }
    unsigned long long state = 0x9E3779B97F4A7C15ull;
    const size_t randoms = scaled(20000, scale);
    for (size_t i = 0; i < randoms; i++) {
        add(&b, random_bits(dtype, &state));
        add(&b, -30 + 60 * inputs_uniform(&state));
    }
    return b.set;
}

input_set inputs_sorted(actfast_dtype dtype, double scale)
{
    builder b = {{NULL, 0}, 0, dtype};
    const double max = dtype == ACTFAST_F64 ? DBL_MAX : FLT_MAX;
    add(&b, -INFINITY);
    add(&b, -max);
    const size_t decades = scaled(3000, scale);
    for (size_t i = decades; i > 0; i--) /* -1e38 .. -1e-3 */
        add(&b, -pow(10.0, -3 + 41.0 * (double)i / (double)decades));
    add_grid(&b, -1e-3, 1e-3, scaled(2000, scale));
    for (size_t i = 1; i <= decades; i++)
        add(&b, pow(10.0, -3 + 41.0 * (double)i / (double)decades));
    add(&b, max);
    add(&b, INFINITY);
    /* Then a dense pass over [-40, 40] in increasing order, its own run. */
    add_grid(&b, -40, 40, scaled(80000, scale));
    return b.set;
}

input_set inputs_around(const double *centers, size_t count, double scale)
{
    const size_t neighbours = scaled(2048, scale);
    builder b = {{NULL, 0}, 0, ACTFAST_F64};
    for (size_t i = 0; i < count; i++) {
        const double c = centers[i];
        if (c == 0 || !isfinite(c))
            continue;
        double below = c, above = c;
        add(&b, c);
        for (size_t k = 0; k < neighbours; k++) {
            add(&b, below = nextafter(below, -INFINITY));
            add(&b, above = nextafter(above, INFINITY));
        }
        for (int m = 1; m <= 52; m++) {
            add(&b, c * (1 + ldexp(1, -m)));
            add(&b, c * (1 - ldexp(1, -m)));
        }
    }
    return b.set;
}

void inputs_free(input_set *s)
{
    free(s->x);
    s->x = NULL;
    s->n = 0;
}
