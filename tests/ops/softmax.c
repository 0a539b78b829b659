/* softmax: per row, e^(x_j - m) / sum_k e^(x_k - m). */
#include "record.h"
#include "reference.h"
#include "textbook.h"

TEXTBOOK_ROWS(textbook_forward, TEXTBOOK(textbook_softmax_forward)(in_, dy_, out_, n, 1);)
TEXTBOOK_ROWS(textbook_backward_from_y, TEXTBOOK(textbook_softmax_backward_from_y)(in_, dy_, out_, n, 1);)
TEXTBOOK_ROWWISE

const test_record record_softmax = {
    .rows_forward = ref_softmax_row,
    .rows_backward = ref_softmax_backward_row,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
