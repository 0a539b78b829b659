/* softmax: per row, e^(x_j - m) / sum_k e^(x_k - m). */
#include "record.h"
#include "reference.h"

const test_record record_softmax = {
    .rows_forward = ref_softmax_row,
    .rows_backward = ref_softmax_backward_row,
};
