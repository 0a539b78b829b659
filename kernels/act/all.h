/* Every op's bodies: one file per row of src/ops.def, over the helpers
 * included first. Included by kernels/table.c, once per dtype and ISA. (The
 * gated units' bodies use the elementwise frame too: kernels/gated.h
 * includes them.)
 *
 * Every op's body file defines
 *   <op>_forward(x, k)              f(x)
 *   <op>_grad_times(x, m, k)        m f'(x)   (grad: m = 1; backward: m = dy)
 *   <op>_grad_y_times(y, m, k)      m f'(x) from y = f(x), for ops with from_y
 * Folding m into the formula, rather than multiplying a rounded f'(x) by it,
 * keeps dy f'(x) accurate where f'(x) alone would be subnormal. */
#include "act/params.h"
#include "act/guards.h"
#include "act/poly.h"
#include "act/double_word.h"
#include "act/exp.h"
#include "act/log1p.h"
#include "act/small_x.h"
/* Shared by swish and gelu_tanh. */
#include "act/times_sigmoid.h"

#include "act/celu.h"
#include "act/elu.h"
#include "act/gelu.h"
#include "act/gelu_tanh.h"
#include "act/hardshrink.h"
#include "act/hardsigmoid.h"
#include "act/hardswish.h"
#include "act/hardtanh.h"
#include "act/leaky_relu.h"
#include "act/logsigmoid.h"
#include "act/mish.h"
#include "act/prelu.h"
#include "act/relu.h"
#include "act/relu6.h"
#include "act/rrelu.h"
#include "act/selu.h"
#include "act/sigmoid.h"
#include "act/silu.h"
#include "act/softplus.h"
#include "act/softshrink.h"
#include "act/softsign.h"
#include "act/swish.h"
#include "act/tanh.h"
#include "act/tanhshrink.h"
#include "act/threshold.h"
/* The row-wise ops, over rows.h. */
#include "act/rows.h"
#include "act/softmax.h"
#include "act/log_softmax.h"
#include "act/softmin.h"
