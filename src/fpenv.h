/* Run every kernel in the IEEE default mode (round to nearest, subnormals
 * kept, exceptions masked) whatever mode the caller set, and give the caller
 * its mode back. Costs one register read when the caller is in the default
 * mode already, which is the common case. */
#ifndef ACTFAST_FPENV_H
#define ACTFAST_FPENV_H

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>

/* MXCSR bits 6 (DAZ), 7-12 (exception masks), 13-14 (rounding), 15 (FTZ);
 * the default has every exception masked and nothing else. */
#define AF_FP_CONTROL_MASK 0xFFC0u
#define AF_FP_DEFAULT 0x1F80u

typedef unsigned af_fpenv;
static inline af_fpenv af_fpenv_read(void) { return _mm_getcsr(); }
static inline void af_fpenv_write(af_fpenv e) { _mm_setcsr(e); }
static inline af_fpenv af_fpenv_default_from(af_fpenv e) { return AF_FP_DEFAULT | (e & 0x3Fu); }

#elif defined(__aarch64__)
#include <stdint.h>

/* FPCR: every bit is a control (rounding, FZ, DN, AH, traps); 0 is IEEE. */
#define AF_FP_CONTROL_MASK UINT64_MAX
#define AF_FP_DEFAULT 0u

typedef uint64_t af_fpenv;
static inline af_fpenv af_fpenv_read(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}
static inline void af_fpenv_write(af_fpenv e) { __asm__ volatile("msr fpcr, %0" : : "r"(e)); }
static inline af_fpenv af_fpenv_default_from(af_fpenv e)
{
    (void)e;
    return AF_FP_DEFAULT;
}

#else
typedef unsigned af_fpenv;
#define AF_FP_CONTROL_MASK 0u
#define AF_FP_DEFAULT 0u
static inline af_fpenv af_fpenv_read(void) { return 0; }
static inline void af_fpenv_write(af_fpenv e) { (void)e; }
static inline af_fpenv af_fpenv_default_from(af_fpenv e) { return e; }
#endif

/* Returns 1 (and the caller's mode in *saved) if the mode had to change. */
static inline int af_fpenv_enter(af_fpenv *saved)
{
    af_fpenv e = af_fpenv_read();
    if ((e & AF_FP_CONTROL_MASK) == AF_FP_DEFAULT)
        return 0;
    *saved = e;
    af_fpenv_write(af_fpenv_default_from(e));
    return 1;
}

static inline void af_fpenv_leave(int changed, af_fpenv saved)
{
    if (changed)
        af_fpenv_write(saved);
}

#endif
