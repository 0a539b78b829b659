/* Every op's bodies: one file per row of src/ops.def. Included once per dtype
 * section of kernels/table.c. */
#include "act/common.h"

#include "act/elu.h"
#include "act/gelu.h"
#include "act/leaky_relu.h"
#include "act/mish.h"
#include "act/relu.h"
#include "act/sigmoid.h"
#include "act/silu.h"
#include "act/softplus.h"
#include "act/tanh.h"
#include "act/softmax.h"
