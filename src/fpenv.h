/* Every call runs in the IEEE default mode (round to nearest, subnormals
 * kept, exceptions masked) whatever mode the caller set, and gives the caller
 * back its floating-point state as it was: the mode, and the exception flags
 * too, so that a call raises none of its own (no FE_INVALID from a softmax
 * row's inf - inf, no FE_OVERFLOW from an intermediate) and clears none of
 * the caller's.
 *
 *   af_fpenv e = af_fpenv_enter();   saves the state, enters the default mode
 *   ... parameters converted and compared, kernels ...
 *   af_fpenv_leave(e);               the caller's mode and flags again
 *
 * The cost, on x86: one MXCSR read at entry (plus a write when the caller's
 * mode is not the default) and one MXCSR write at exit, which puts the
 * caller's flags back; writing is cheaper than reading again to see whether
 * a kernel raised a flag (that read waits for the kernel's last
 * instruction). The read at entry waits in turn for a write still in
 * flight: 7 ns of a call's 11.5 in a loop of calls (Zen 5), where a read
 * alone takes 0.3 ns.
 *
 * Compilers do not order arithmetic against these register accesses (GCC
 * has no FENV_ACCESS): af_fpenv_fence(x), for a float or double x, after
 * af_fpenv_enter makes a value that is still to be converted or compared (a
 * parameter) opaque, so that no conversion or comparison of it can be done
 * before the mode is entered (it costs no instruction: x stays in its
 * register); af_fpenv_leave lets no store move after it. */
#ifndef ACTFAST_FPENV_H
#define ACTFAST_FPENV_H

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define af_fpenv_fence(x) __asm__ volatile("" : "+x"(x))
#elif defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__))
#define af_fpenv_fence(x) __asm__ volatile("" : "+w"(x))
#elif defined(__GNUC__) || defined(__clang__)
#define af_fpenv_fence(x) __asm__ volatile("" : "+m"(x))
#else
#define af_fpenv_fence(x) ((void)0)
#endif
#if defined(__GNUC__) || defined(__clang__)
#define AF_FPENV_MEMORY_BARRIER() __asm__ volatile("" : : : "memory")
#else
#define AF_FPENV_MEMORY_BARRIER() ((void)0)
#endif

/* AF_FPENV_PORTABLE: the <fenv.h> version below on any architecture (to
 * test it). */
#if (defined(__x86_64__) || defined(__i386__)) && !defined(AF_FPENV_PORTABLE)
#include <xmmintrin.h>

/* MXCSR bits 0-5: the exception flags; 6: DAZ; 7-12: the exception masks;
 * 13-14: rounding; 15: FTZ. The default has every exception masked and
 * nothing else. (The x87 unit is not used: x86-64 does float and double
 * arithmetic in SSE.) */
#define AF_FP_CONTROL_MASK 0xFFC0u
#define AF_FP_DEFAULT 0x1F80u

typedef unsigned af_fpenv;

static inline af_fpenv af_fpenv_enter(void)
{
    const unsigned e = _mm_getcsr();
    if ((e & AF_FP_CONTROL_MASK) != AF_FP_DEFAULT)
        _mm_setcsr(AF_FP_DEFAULT | (e & 0x3Fu));
    AF_FPENV_MEMORY_BARRIER();
    return e;
}

static inline void af_fpenv_leave(af_fpenv e)
{
    AF_FPENV_MEMORY_BARRIER();
    _mm_setcsr(e);
}

#elif defined(__aarch64__) && !defined(AF_FPENV_PORTABLE)
#include <stdint.h>

/* FPCR: every bit is a control (rounding, FZ, DN, AH, traps); 0 is IEEE.
 * FPSR: the cumulative exception flags (and QC). */
typedef struct af_fpenv {
    uint64_t fpcr, fpsr;
} af_fpenv;

static inline af_fpenv af_fpenv_enter(void)
{
    af_fpenv e;
    __asm__ volatile("mrs %0, fpcr" : "=r"(e.fpcr));
    __asm__ volatile("mrs %0, fpsr" : "=r"(e.fpsr));
    if (e.fpcr != 0)
        __asm__ volatile("msr fpcr, %0" : : "r"((uint64_t)0));
    AF_FPENV_MEMORY_BARRIER();
    return e;
}

static inline void af_fpenv_leave(af_fpenv e)
{
    AF_FPENV_MEMORY_BARRIER();
    if (e.fpcr != 0)
        __asm__ volatile("msr fpcr, %0" : : "r"(e.fpcr));
    __asm__ volatile("msr fpsr, %0" : : "r"(e.fpsr));
}

#else
/* Elsewhere, <fenv.h>: feholdexcept saves the whole environment, clears the
 * flags and masks the traps; fesetenv puts all of it back. Flush-to-zero
 * modes outside C's environment are not seen here. */
#include <fenv.h>

typedef fenv_t af_fpenv;

static inline af_fpenv af_fpenv_enter(void)
{
    af_fpenv e;
    feholdexcept(&e);
#ifdef FE_TONEAREST
    fesetround(FE_TONEAREST);
#endif
    AF_FPENV_MEMORY_BARRIER();
    return e;
}

static inline void af_fpenv_leave(af_fpenv e)
{
    AF_FPENV_MEMORY_BARRIER();
    fesetenv(&e);
}
#endif

#endif
