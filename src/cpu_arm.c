/* AArch64 feature detection through the kernel's hardware capabilities. */
#include "cpu.h"

#if defined(__aarch64__)
#include <sys/auxv.h>

#ifndef HWCAP_ASIMD
#define HWCAP_ASIMD (1 << 1)
#endif

int actfast__cpu_has_neon(void) { return (getauxval(AT_HWCAP) & HWCAP_ASIMD) != 0; }

/* Every AArch64 core has FMA; the x86 extensions exist nowhere here. */
int actfast__cpu_has_fma(void) { return 1; }
int actfast__cpu_has_avx2(void) { return 0; }
int actfast__cpu_has_avx512(void) { return 0; }

#endif
