/* prelu with one weight per channel over an (outer, channels, inner)
 * contiguous layout (NCHW: inner = H * W; NC: inner = 1; one weight:
 * channels = 1), and its weight gradient.
 *
 * Element i has channel (i / inner) % channels. The per-element slopes are
 * written into a small buffer, a chunk at a time, and the slopes kernels
 * (leaky_relu's bodies) of the active ISA run over it: one path for every
 * layout, the same bits as the single-weight table op.
 *
 * dw[c] = sum over the channel of dy x for x <= 0: the terms come from the
 * prelu param_grad kernel, gathered channel by channel in (outer, inner)
 * order and summed with compensation (src/sum.h), so the sum has the error
 * of one rounding (plus O(n eps^2)) however long the channel. A channel is
 * summed in segments of AF_SUM_SEGMENT terms, merged in order: the same bits
 * on one thread as on any number (src/parallel.h). */
#include <stdint.h>
#include <string.h>

#include "actfast.h"
#include "api_internal.h"
#include "parallel.h"
#include "sum.h"
#include "vec/half_bits.h"

#define AF_TYPED_FILE "prelu_typed.h"
#define AF_TYPED_HALVES
#include "for_each_dtype.h"
