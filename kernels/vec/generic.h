/* The dtype-generic vocabulary that kernels/act/ is written in: V (vector),
 * M (mask), T (element), v_* and m_* operations and AF_K(constant). Each maps
 * onto vf_/mf_ (float) or vd_/md_ (double) of the ISA header in use, as chosen
 * by dtype_f32.h or dtype_f64.h: a kernel translation unit is compiled once
 * per ISA and per dtype (cmake/isa.cmake), so the bodies carry plain names
 * (sigmoid_forward) that a profile or a grep finds. */
#ifndef ACTFAST_VEC_GENERIC_H
#define ACTFAST_VEC_GENERIC_H

#define AF_CAT_(a, b) a##b
#define AF_CAT(a, b) AF_CAT_(a, b)

#define V AF_VT
#define M AF_MT
#define T AF_T
#define AF_K(name) AF_CAT(name, AF_SUFFIX)

/* A branch the common path does not take (a vector with a lane in a tail):
 * laid out off the fall-through path. */
#if defined(__GNUC__) || defined(__clang__)
#define AF_RARELY(c) __builtin_expect(!!(c), 0)
#else
#define AF_RARELY(c) (c)
#endif

/* A body inlined into each caller, so that a caller's constant argument
 * (the row source of a plain row: kernels/act/rows.h) takes the branches on
 * it out of the loops. */
#if defined(__GNUC__) || defined(__clang__)
#define AF_SPECIALIZED static inline __attribute__((always_inline))
#else
#define AF_SPECIALIZED static inline
#endif

#define v_load AF_CAT(AF_VP, load)
#define v_store AF_CAT(AF_VP, store)
#define v_load_part AF_CAT(AF_VP, load_part)
#define v_store_part AF_CAT(AF_VP, store_part)
/* Floats in and out of double vectors: in the double dtype only. */
#define v_load_f32 AF_CAT(AF_VP, load_f32)
#define v_store_f32 AF_CAT(AF_VP, store_f32)
#define v_load_part_f32 AF_CAT(AF_VP, load_part_f32)
#define v_store_part_f32 AF_CAT(AF_VP, store_part_f32)
/* An ISA whose compiler folds a load into a later select defines
 * v_keep_load to stop it (vec_avx512.h); elsewhere it is nothing. */
#ifndef v_keep_load
#define v_keep_load(v) ((void)0)
#endif
/* Non-temporal stores where the ISA has them (AF_HAS_STREAM, for
 * kernels/elementwise.h's AF_STREAMS); elsewhere plain stores, which those
 * loops never reach there. */
#ifndef AF_HAS_STREAM
#define AF_HAS_STREAM 0
#define v_stream v_store
static inline void af_stream_fence(void) {}
#else
#define v_stream AF_CAT(AF_VP, stream)
#endif
#define v_set AF_CAT(AF_VP, set)
#define v_add AF_CAT(AF_VP, add)
#define v_sub AF_CAT(AF_VP, sub)
#define v_mul AF_CAT(AF_VP, mul)
#define v_div AF_CAT(AF_VP, div)
#define v_fma AF_CAT(AF_VP, fma)
#define v_fnma AF_CAT(AF_VP, fnma)
#define v_neg AF_CAT(AF_VP, neg)
#define v_abs AF_CAT(AF_VP, abs)
#define v_nabs AF_CAT(AF_VP, nabs)
#define v_max AF_CAT(AF_VP, max)
#define v_min AF_CAT(AF_VP, min)
#define v_lt AF_CAT(AF_VP, lt)
#define v_le AF_CAT(AF_VP, le)
#define v_gt AF_CAT(AF_VP, gt)
#define v_ge AF_CAT(AF_VP, ge)
#define v_eq AF_CAT(AF_VP, eq)
#define v_isnan AF_CAT(AF_VP, isnan)
#define v_subnormal AF_CAT(AF_VP, subnormal)
#define v_subnormal_or_inf AF_CAT(AF_VP, subnormal_or_inf)
#define v_sel AF_CAT(AF_VP, sel)
#define v_swap_lanes AF_CAT(AF_VP, swap_lanes)
#define v_first_lane AF_CAT(AF_VP, first_lane)
#define v_ldexp AF_CAT(AF_VP, ldexp)
#define v_ldexp_normal AF_CAT(AF_VP, ldexp_normal)
#define v_ldexp_down AF_CAT(AF_VP, ldexp_down)
#define v_mul_tiny AF_CAT(AF_VP, mul_tiny)
#define v_log1p AF_CAT(AF_VP, log1p)
#define m_first AF_CAT(AF_MP, first)
#define m_any AF_CAT(AF_MP, any)

#endif
