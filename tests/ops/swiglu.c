/* swiglu(a, g) = a silu(g). */
#include "record.h"

const test_record record_swiglu = {
    .gate_act = &record_silu,
    .gallery = {-7, 7},
};
