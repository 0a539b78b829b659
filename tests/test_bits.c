/* A digest of every kernel's output bits, to compare ISAs and machines.
 *
 *   test_bits <isa>
 *
 * Prints one line per (op, form, dtype) of the table, "op form dtype hash"
 * (a gated unit's backward: the hashes of da and dgate):
 * a 64-bit FNV-1a hash of the results over fixed inputs, every NaN hashed as
 * one canonical NaN (a NaN's sign and payload are not part of the contract,
 * and x86 and Arm make different default NaNs). The inputs are made from
 * integers by exact operations, and neither they nor the lengths depend on
 * ACTFAST_TEST_SCALE, so that a digest made natively on x86 and one made
 * under qemu for AArch64 compare. tests/compare_bits.cmake compares them. */
#include "harness.h"

/* Odd, so that every vector width leaves a tail. */
enum { N = 30011 };

/* xorshift64: the same sequence everywhere. */
static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Value i of a stream, by kind in turn: any bit pattern of the dtype (NaNs,
 * subnormals, huge values), a grid of step 2^-5 over [-117, 117], a value in
 * [-1024, 1024] on a grid of 2^-21 (the exp underflow regions of both dtypes),
 * one of the harness' special values. A row-wise op gets no raw bit patterns:
 * nearly every row would hold a NaN or a value near the largest finite. */
static double input(actfast_dtype dt, int rowwise, size_t i, uint64_t *s)
{
    const uint64_t r = next(s);
    switch (rowwise ? 1 + i % 3 : i % 4) {
    case 0:
        if (dt == ACTFAST_BF16)
            return af_bf16_to_float((uint16_t)r);
        if (dt == ACTFAST_F16)
            return af_f16_to_float((uint16_t)r);
        if (dt == ACTFAST_F32) {
            uint32_t u = (uint32_t)r;
            float f;
            memcpy(&f, &u, sizeof f);
            return f;
        } else {
            double d;
            memcpy(&d, &r, sizeof d);
            return d;
        }
    case 1:
        return ((double)(i / 4 % 7500) - 3750) * 0x1p-5;
    case 2:
        return (double)(int32_t)(uint32_t)r * 0x1p-21;
    default:
        return h_pool((int)(i / 4 % H_POOL), dt);
    }
}

static void fill(const h_case *c, void *p, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++)
        h_set(c->dtype, p, i, input(c->dtype, c->info->rowwise, i, &seed));
}

static uint64_t fnv1a(uint64_t h, uint64_t bits, int bytes)
{
    for (int b = 0; b < bytes; b++) {
        h ^= (bits >> (8 * b)) & 0xFF;
        h *= 0x100000001B3u;
    }
    return h;
}

static uint64_t digest(actfast_dtype dt, const void *p, size_t n)
{
    uint64_t h = 0xCBF29CE484222325u;
    for (size_t i = 0; i < n; i++) {
        if (dt == ACTFAST_BF16 || dt == ACTFAST_F16) {
            const double v = h_get(dt, p, i);
            h = fnv1a(h, isnan(v) ? 0x7FFFu : ((const uint16_t *)p)[i], 2);
        } else if (dt == ACTFAST_F32) {
            float f = ((const float *)p)[i];
            uint32_t u = 0x7FC00000u;
            if (!isnan(f))
                memcpy(&u, &f, sizeof u);
            h = fnv1a(h, u, 4);
        } else {
            double d = ((const double *)p)[i];
            uint64_t u = 0x7FF8000000000000u;
            if (!isnan(d))
                memcpy(&u, &d, sizeof u);
            h = fnv1a(h, u, 8);
        }
    }
    return h;
}

/* Room for whole rows of a row-wise op; a gated unit's gate and dgate. */
static double in[N + 64], dy[N + 64], out[N + 64], gate[N], dgate[N];

int main(int argc, char **argv)
{
    h_use_isa(argc, argv);
    H_FOR_EACH_CASE(c)
    {
        actfast_params p;
        const size_t n = h_fixed_shape(&c, N, &p);
        fill(&c, in, n, 1);
        fill(&c, dy, n, 2);
        /* backward_from_y gets what a framework saves: the forward's y. */
        if (c.form == ACTFAST_BACKWARD_FROM_Y)
            CHECK(actfast_apply(c.op, ACTFAST_FORWARD, c.dtype, in, NULL, in, n, &p) == ACTFAST_OK,
                  "%s: forward for y", c.name);
        CHECK(h_apply(&c, in, dy, out, n, &p) == ACTFAST_OK, "%s", c.name);
        printf("%s %s %s %016llx\n", c.info->name, h_form_names[c.form], h_dtype_names[c.dtype],
               (unsigned long long)digest(c.dtype, out, n));
    }
    /* The gated units: a, gate and dy from three streams; backward prints
     * da's digest and dgate's. */
    H_FOR_EACH_GATED_CASE(c)
    {
        fill(&c, in, N, 1);
        fill(&c, gate, N, 3);
        fill(&c, dy, N, 2);
        CHECK(h_apply_gated(&c, in, gate, dy, out, dgate, N) == ACTFAST_OK, "%s", c.name);
        printf("%s %s %s %016llx", c.info->name, h_form_names[c.form], h_dtype_names[c.dtype],
               (unsigned long long)digest(c.dtype, out, N));
        if (c.with_dy)
            printf(" %016llx", (unsigned long long)digest(c.dtype, dgate, N));
        printf("\n");
    }
    return atomic_load(&h_failed) != 0;
}
