/* A call computes in the IEEE default mode whatever the caller's mode, and
 * gives the caller its mode and errno back (SPEC §3).
 *
 * For every (op, form, dtype) and every caller mode (each rounding direction,
 * alone and with flush-to-zero / denormals-are-zero or with exceptions
 * unmasked), the results must be the bits of the default mode, subnormals
 * kept, and the control register, the rounding direction and errno must be as
 * the caller set them, after successful calls and after refused ones. The
 * inputs make intermediates overflow and results underflow.
 *
 * usage: test_fpenv <isa> */
#include "harness.h"

#include <errno.h>
#include <fenv.h>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>

/* MXCSR: DAZ, the exception masks, rounding, FTZ. The six status flags below
 * them are not the caller's mode: a call may raise them. */
typedef unsigned ctl_t;
#define CTL_MASK 0xFFC0u
static ctl_t ctl_read(void) { return _mm_getcsr() & CTL_MASK; }
static void ctl_write(ctl_t v) { _mm_setcsr((_mm_getcsr() & ~CTL_MASK) | v); }
static const struct {
    const char *name;
    ctl_t set, clear;
} arch_modes[] = {
    {"", 0, 0},
    {"+FTZ+DAZ", 0x8040u, 0},
    {"+exceptions unmasked", 0, 0x1F80u}, /* a stray exception would trap */
};

#elif defined(__aarch64__)
#include <stdint.h>

/* FPCR is all control. Trap enables are ignored by CPUs without trapping. */
typedef uint64_t ctl_t;
static ctl_t ctl_read(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}
static void ctl_write(ctl_t v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static const struct {
    const char *name;
    ctl_t set, clear;
} arch_modes[] = {
    {"", 0, 0},
    {"+FZ", 1u << 24, 0},
    {"+DN", 1u << 25, 0},
    {"+traps enabled", 0x9F00u, 0},
};

#else
/* Only the rounding direction is portable. */
typedef unsigned ctl_t;
static ctl_t ctl_read(void) { return 0; }
static void ctl_write(ctl_t v) { (void)v; }
static const struct {
    const char *name;
    ctl_t set, clear;
} arch_modes[] = {{"", 0, 0}};
#endif

enum { ARCH_MODES = sizeof arch_modes / sizeof arch_modes[0] };

static const struct {
    const char *name;
    int mode;
} roundings[] = {
    {"nearest", FE_TONEAREST},
#ifdef FE_TOWARDZERO
    {"toward zero", FE_TOWARDZERO},
#endif
#ifdef FE_UPWARD
    {"upward", FE_UPWARD},
#endif
#ifdef FE_DOWNWARD
    {"downward", FE_DOWNWARD},
#endif
};
enum { ROUNDINGS = sizeof roundings / sizeof roundings[0] };

enum { SHAPE = 500, MAX_N = 600, ERRNO_MARK = 12345 };

static ctl_t default_ctl;

/* Caller mode m: rounding m / ARCH_MODES, arch mode m % ARCH_MODES. */
static void enter_mode(int m)
{
    fesetround(roundings[m / ARCH_MODES].mode);
    ctl_write((ctl_read() | arch_modes[m % ARCH_MODES].set) & ~arch_modes[m % ARCH_MODES].clear);
}

static void leave_mode(void)
{
    fesetround(FE_TONEAREST);
    ctl_write(default_ctl);
}

static double in[MAX_N], dy[MAX_N], ref[MAX_N], out[MAX_N];
static long subnormal_results[2];

/* What a call made in caller mode m left of the caller's state. */
typedef struct {
    actfast_status status;
    ctl_t ctl_before, ctl;
    int rounding, err;
} after_call;

static after_call call_in_mode(int m, const h_case *c, const void *x, size_t n, const actfast_params *p)
{
    after_call a;
    errno = ERRNO_MARK;
    enter_mode(m);
    a.ctl_before = ctl_read();
    a.status = h_apply(c, x, dy, out, n, p);
    /* Read before any other code can touch the state. */
    a.ctl = ctl_read();
    a.rounding = fegetround();
    a.err = errno;
    leave_mode();
    return a;
}

static void check_state(const after_call *a, int m, const char *what, actfast_status want)
{
    const char *r = roundings[m / ARCH_MODES].name, *arch = arch_modes[m % ARCH_MODES].name;
    CHECK(a->status == want, "%s, %s%s: status %d, expected %d", what, r, arch, (int)a->status, (int)want);
    CHECK(a->ctl == a->ctl_before, "%s, %s%s: control %#llx, was %#llx", what, r, arch, (unsigned long long)a->ctl,
          (unsigned long long)a->ctl_before);
    CHECK(a->rounding == roundings[m / ARCH_MODES].mode, "%s, %s%s: rounding %d", what, r, arch, a->rounding);
    CHECK(a->err == ERRNO_MARK, "%s, %s%s: errno %d", what, r, arch, a->err);
}

static void count_subnormals(const h_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        subnormal_results[c->dtype] += c->dtype == ACTFAST_F32 ? fpclassify(((const float *)ref)[i]) == FP_SUBNORMAL
                                                               : fpclassify(ref[i]) == FP_SUBNORMAL;
}

static void check_case(const h_case *c)
{
    actfast_params p;
    const size_t n = h_fixed_shape(c, SHAPE, &p);
    h_make_inputs(c, in, dy, n, &p, (unsigned)c->index);
    CHECK(h_apply(c, in, dy, ref, n, &p) == ACTFAST_OK, "%s: default mode", c->name);
    count_subnormals(c, n);

    for (int m = 0; m < ROUNDINGS * ARCH_MODES; m++) {
        after_call a = call_in_mode(m, c, in, n, &p);
        check_state(&a, m, c->name, ACTFAST_OK);
        char what[96];
        snprintf(what, sizeof what, "%s%s", roundings[m / ARCH_MODES].name, arch_modes[m % ARCH_MODES].name);
        CHECK_SAME(c, out, ref, n, what);
        /* A refused call leaves the state alone too, and a NaN parameter
         * must not trap while the caller has exceptions unmasked. */
        a = call_in_mode(m, c, NULL, n, &p);
        check_state(&a, m, "NULL in", ACTFAST_ERR_NULL_POINTER);
        for (int k = 0; k < c->info->nparams; k++) {
            actfast_params bad = p;
            *h_param_field(&bad, c->info, k) = NAN;
            a = call_in_mode(m, c, in, n, &bad);
            check_state(&a, m, "NaN parameter", ACTFAST_ERR_INVALID_PARAMETER);
        }
    }
}

/* The ISA calls, refused or not, leave errno alone as well. */
static void check_isa_calls(const char *isa)
{
    errno = ERRNO_MARK;
    int ok = actfast_force_isa("sse9") == ACTFAST_ERR_UNKNOWN_ISA;
    ok &= actfast_force_isa(isa) == ACTFAST_OK;
    ok &= actfast_isa_supported(isa) && strcmp(actfast_active_isa(), isa) == 0;
    CHECK(ok && errno == ERRNO_MARK, "ISA calls: errno %d", errno);
}

int main(int argc, char **argv)
{
    const char *isa = h_use_isa(argc, argv);
    default_ctl = ctl_read();
    H_FOR_EACH_CASE(c)
        check_case(&c);
    check_isa_calls(isa);
    /* The inputs must reach the subnormal range, or FTZ would go unnoticed. */
    CHECK(subnormal_results[ACTFAST_F32] > 0 && subnormal_results[ACTFAST_F64] > 0,
          "subnormal results: %ld float, %ld double", subnormal_results[ACTFAST_F32],
          subnormal_results[ACTFAST_F64]);
    printf("fpenv %s: %d rounding directions x %d modes, %ld + %ld subnormal results\n", isa, ROUNDINGS, ARCH_MODES,
           subnormal_results[ACTFAST_F32], subnormal_results[ACTFAST_F64]);
    return h_finish();
}
