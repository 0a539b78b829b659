/* reglu(a, g) = a relu(g). */
#include "record.h"

const test_record record_reglu = {
    .gate_act = &record_relu,
    .gallery = {-7, 7},
};
