/* What the CPU and the OS can run, asked of the hardware (no caching: these
 * are called when the ISA is chosen, not per call). */
#ifndef ACTFAST_CPU_H
#define ACTFAST_CPU_H

int actfast__cpu_has_fma(void);     /* x86: FMA3 with AVX state enabled by the OS */
int actfast__cpu_has_avx2(void);    /* AVX2 + FMA, YMM state enabled */
int actfast__cpu_has_avx512(void);  /* AVX-512 F/DQ/BW/VL, ZMM and opmask state enabled */
int actfast__cpu_has_neon(void);    /* AArch64 Advanced SIMD */

#endif
