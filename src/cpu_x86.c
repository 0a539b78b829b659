/* x86 feature detection: CPUID says what the CPU has, XGETBV what the OS
 * saves on a context switch. An AVX-512 CPU under an OS (or hypervisor) that
 * does not enable the ZMM state must not run AVX-512 code. */
#include "cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <stdint.h>

enum {
    XCR0_SSE = 1u << 1,
    XCR0_AVX = 1u << 2,
    XCR0_OPMASK = 1u << 5,
    XCR0_ZMM_HI256 = 1u << 6,
    XCR0_HI16_ZMM = 1u << 7,
};

static uint64_t xgetbv0(void)
{
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

/* Leaf 1 ECX: FMA bit 12, OSXSAVE bit 27, AVX bit 28, F16C bit 29. */
static int os_saves_ymm(unsigned ecx1)
{
    const unsigned need = (1u << 27) | (1u << 28);
    return (ecx1 & need) == need && (xgetbv0() & (XCR0_SSE | XCR0_AVX)) == (XCR0_SSE | XCR0_AVX);
}

int actfast__cpu_has_fma(void)
{
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return 0;
    return os_saves_ymm(ecx) && (ecx & (1u << 12));
}

/* The AVX2 kernels convert binary16 with F16C's vcvtph2ps and vcvtps2ph:
 * every AVX2 CPU has it, but a hypervisor may hide it. */
static int cpu_has_f16c(void)
{
    unsigned eax, ebx, ecx, edx;
    return __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 29));
}

/* Leaf 7 EBX: AVX2 bit 5, AVX512F 16, AVX512DQ 17, AVX512BW 30, AVX512VL 31. */
static unsigned leaf7_ebx(void)
{
    unsigned eax, ebx, ecx, edx;
    if (__get_cpuid_max(0, 0) < 7)
        return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return ebx;
}

int actfast__cpu_has_avx2(void) { return actfast__cpu_has_fma() && cpu_has_f16c() && (leaf7_ebx() & (1u << 5)); }

int actfast__cpu_has_avx512(void)
{
    const unsigned need = (1u << 16) | (1u << 17) | (1u << 30) | (1u << 31);
    const uint64_t zmm_state = XCR0_OPMASK | XCR0_ZMM_HI256 | XCR0_HI16_ZMM;
    return actfast__cpu_has_avx2() && (leaf7_ebx() & need) == need && (xgetbv0() & zmm_state) == zmm_state;
}

int actfast__cpu_has_neon(void) { return 0; }

#endif
