/* geglu(a, g) = a gelu(g), erf form. */
#include "record.h"
#include "textbook.h"

TEXTBOOK_GATED(textbook_gelu)

const test_record record_geglu = {
    .gate_act = &record_gelu,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
