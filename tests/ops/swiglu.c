/* swiglu(a, g) = a silu(g). */
#include "record.h"
#include "textbook.h"

TEXTBOOK_GATED(textbook_silu)

const test_record record_swiglu = {
    .gate_act = &record_silu,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
