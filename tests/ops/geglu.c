/* geglu(a, g) = a gelu(g), erf form. */
#include "record.h"

const test_record record_geglu = {
    .gate_act = &record_gelu,
    .gallery = {-7, 7},
};
