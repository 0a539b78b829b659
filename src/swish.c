/* swish's trainable beta: dbeta = sum_i dy_i x_i^2 sigmoid'(beta x_i), the
 * terms from the active ISA's swish param_grad kernel (each within a few ulp),
 * summed with compensation (src/sum.h) in segments of AF_SUM_SEGMENT terms
 * merged in order (the same bits on any number of threads: src/parallel.h),
 * and dx as the table's backward. */
#include <math.h>

#include "actfast.h"
#include "api_internal.h"
#include "parallel.h"
#include "sum.h"
#include "vec/half_bits.h"

#define AF_TYPED_FILE "swish_typed.h"
#define AF_TYPED_HALVES
#include "for_each_dtype.h"
