/* geglu_tanh(a, g) = a gelu_tanh(g). */
#include "record.h"
#include "textbook.h"

TEXTBOOK_GATED(textbook_gelu_tanh)

const test_record record_geglu_tanh = {
    .gate_act = &record_gelu_tanh,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
