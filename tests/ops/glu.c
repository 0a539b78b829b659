/* glu(a, g) = a sigmoid(g). */
#include "record.h"
#include "textbook.h"

TEXTBOOK_GATED(textbook_sigmoid)

const test_record record_glu = {
    .gate_act = &record_sigmoid,
    .textbook = &textbook,
    .gallery = {-7, 7},
};
