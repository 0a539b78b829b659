/* glu(a, g) = a sigmoid(g). */
#include "record.h"

const test_record record_glu = {
    .gate_act = &record_sigmoid,
    .gallery = {-7, 7},
};
