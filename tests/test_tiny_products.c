/* Products whose result may be subnormal, made with integer operations
 * (v_mul_tiny, kernels/vec/): every bit, on the ISA named.
 *
 * sigmoid's backward from y is dy y, rounded once, for y below 2^-92
 * (2^-512 for double), where y - y^2 rounds to y: the kernels form it
 * without a subnormal result (no microcode assist on Intel), by one FMA
 * whose sum puts the product on the subnormals' grid, and the bits of the
 * sum. The product of the C compiler, in the default mode this test runs
 * in, is the IEEE product rounded once: the results must be its bits, for
 *   - y over [2^-149, 2^-92) (double: [2^-1074, 2^-512)), log-uniform, both
 *     signs, subnormal y among them, mixed in each vector with y in [2^-92, 1]
 *     that takes the ordinary path;
 *   - dy log-uniform over [2^-40, 2^100] of both signs, so that the products
 *     run from 0 through the subnormals past the smallest normal;
 *   - ties: an odd subnormal y and dy = +-0.5, +-1.5, +-2.5 (to even, each
 *     way); products next to the smallest normal, from below and above;
 *   - dy = +-0, +-inf, NaN and subnormal.
 * Lanes with y >= 2^-92 are checked against the scalar ISA's bits.
 *
 * usage: test_tiny_products <isa> */
#include "harness.h"

enum { COUNT = 1 << 18 };

static uint64_t state = 0x9E3779B97F4A7C15u;
static uint64_t next_bits(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}
static double uniform(void) { return (double)(next_bits() >> 11) * 0x1p-53; }
static double log_uniform(double lo_exp, double hi_exp) { return exp2(lo_exp + (hi_exp - lo_exp) * uniform()); }
static double random_sign(double v) { return next_bits() & 1 ? -v : v; }

/* y and dy for element i: tiny y on most elements, an ordinary y on every
 * fifth, the edge cases of the list above first. */
#define FILL(T, TINY_EXP, MIN_EXP, SUB_ODD, MIN_NORMAL)                                                    \
    static void fill_##T(T *y, T *dy, size_t n)                                                              \
    {                                                                                                      \
        const T edge_y[] = {SUB_ODD, SUB_ODD, SUB_ODD, SUB_ODD, (T)3 * SUB_ODD, (T)3 * SUB_ODD,           \
                            (T)0x1p-100, (T)0x1p-100, (T)0x1p-100, (T)0x1p-100, SUB_ODD, SUB_ODD,         \
                            SUB_ODD, SUB_ODD, SUB_ODD, SUB_ODD};                                          \
        const T edge_dy[] = {(T)0.5, (T)-0.5, (T)1.5, (T)-1.5, (T)2.5, (T)-0.5,                           \
                             MIN_NORMAL * (T)0x1p100 * ((T)1 - (T)0x1p-30),                               \
                             MIN_NORMAL * (T)0x1p100 * ((T)1 + (T)0x1p-30),                               \
                             MIN_NORMAL * (T)0x1p100, -MIN_NORMAL * (T)0x1p100,                           \
                             (T)0, -(T)0, (T)INFINITY, -(T)INFINITY, (T)NAN, SUB_ODD};                    \
        for (size_t i = 0; i < n; i++) {                                                                   \
            const size_t e = i % 64;                                                                       \
            if (i < 64 && e < sizeof edge_y / sizeof edge_y[0]) {                                          \
                y[i] = edge_y[e];                                                                          \
                dy[i] = edge_dy[e];                                                                        \
                continue;                                                                                  \
            }                                                                                              \
            y[i] = i % 5 == 4 ? (T)log_uniform(TINY_EXP, 0) : (T)random_sign(log_uniform(MIN_EXP, TINY_EXP)); \
            dy[i] = (T)random_sign(log_uniform(-40, 100));                                                 \
        }                                                                                                  \
    }
FILL(float, -92, -149, 0x1p-149f * 2047, 0x1p-126f)
FILL(double, -512, -1074, 0x1p-1074 * 2047, 0x1p-1022)

#define CHECK_ARRAYS(T, DTYPE, FN, TINY)                                                                   \
    static void check_##T(const char *isa)                                                                 \
    {                                                                                                      \
        T *y = malloc(COUNT * sizeof *y), *dy = malloc(COUNT * sizeof *dy);                                \
        T *dx = malloc(COUNT * sizeof *dx), *base = malloc(COUNT * sizeof *base);                          \
        CHECK(y && dy && dx && base, "allocation");                                                        \
        if (!(y && dy && dx && base))                                                                      \
            exit(1);                                                                                       \
        fill_##T(y, dy, COUNT);                                                                            \
        CHECK(actfast_force_isa("scalar") == ACTFAST_OK, "force scalar");                                  \
        CHECK(FN(y, dy, base, COUNT) == ACTFAST_OK, #FN " on scalar");                                     \
        CHECK(actfast_force_isa(isa) == ACTFAST_OK, "force %s", isa);                                      \
        CHECK(FN(y, dy, dx, COUNT) == ACTFAST_OK, #FN " on %s", isa);                                      \
        long tiny = 0, wrong = 0;                                                                          \
        for (size_t i = 0; i < COUNT; i++) {                                                               \
            const int is_tiny = y[i] != 0 && fabs((double)y[i]) < TINY;                                    \
            const T want = is_tiny ? dy[i] * y[i] : base[i];                                               \
            tiny += is_tiny;                                                                               \
            if (!h_same(DTYPE, &dx[i], &want, 0))                                                          \
                wrong += !CHECK(0, "%s %s: y = %a, dy = %a: %a, want %a (%s)", isa, #T, (double)y[i],      \
                                (double)dy[i], (double)dx[i], (double)want, is_tiny ? "dy y" : "scalar"); \
        }                                                                                                  \
        h_verdict(wrong == 0, "%s %s: %ld products dy y with y below %g, %ld other lanes: %ld wrong", isa, \
                  #T, tiny, TINY, (long)COUNT - tiny, wrong);                                              \
        free(y);                                                                                           \
        free(dy);                                                                                          \
        free(dx);                                                                                          \
        free(base);                                                                                        \
    }
CHECK_ARRAYS(float, ACTFAST_F32, actfast_sigmoid_backward_from_y_f32, 0x1p-92)
CHECK_ARRAYS(double, ACTFAST_F64, actfast_sigmoid_backward_from_y_f64, 0x1p-512)

int main(int argc, char **argv)
{
    const char *isa = h_use_isa(argc, argv);
    check_float(isa);
    check_double(isa);
    return h_finish();
}
