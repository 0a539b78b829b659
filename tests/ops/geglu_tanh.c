/* geglu_tanh(a, g) = a gelu_tanh(g). */
#include "record.h"

const test_record record_geglu_tanh = {
    .gate_act = &record_gelu_tanh,
    .gallery = {-7, 7},
};
