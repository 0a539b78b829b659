/* What bench.c compares libactfast with: the textbook libm loops (each op's
 * test record, tests/textbook.h), the memory yardsticks (stream.c) and, when
 * CMake found it, oneDNN (onednn.c). */
#ifndef ACTFAST_BENCH_BASELINES_H
#define ACTFAST_BENCH_BASELINES_H

#include <stddef.h>

#include "actfast.h"

/* Row length of every row-wise benchmark: n elements are n / 1000 rows. */
#define BENCH_ROW_LENGTH 1000

/* In the shape of actfast_apply: in is x (y = f(x) for backward_from_y), dy
 * only for the backward forms, float or double arrays of n elements. */
typedef void (*bench_kernel)(const void *in, const void *dy, void *out, size_t n);

/* out = in, by memcpy; out = 2 * in: the cheapest read-n, write-n streams. */
bench_kernel stream_memcpy(actfast_dtype dtype);
bench_kernel stream_scale2(actfast_dtype dtype);

#ifdef BENCH_HAVE_ONEDNN
/* A oneDNN primitive bound to its arrays (float, n elements). */
typedef struct onednn_case onednn_case;

/* Call once before anything below; returns oneDNN's version and CPU ISA, for the report. */
const char *onednn_init(void);
void onednn_shutdown(void);
/* 1 if oneDNN has this form of the op named `op` (eltwise or softmax). */
int onednn_has(const char *op, actfast_form form);
/* NULL if oneDNN refuses it. params: the library's, for slope and alpha. */
onednn_case *onednn_create(const char *op, actfast_form form, const actfast_params *params, const float *in,
                           const float *dy, float *out, size_t n);
/* 0 on success. */
int onednn_execute(onednn_case *c);
void onednn_destroy(onednn_case *c);
#endif

#endif
