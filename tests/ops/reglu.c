/* reglu(a, g) = a relu(g). */
#include "record.h"
#include "textbook.h"

TEXTBOOK_GATED(textbook_relu)

const test_record record_reglu = {
    .gate_act = &record_relu,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
