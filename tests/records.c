/* The registry of the test records, stamped from src/ops.def: a row without
 * its tests/ops/<name>.c is an undefined record_<name> at link time. */
#include "record.h"

const test_record *const test_records[ACTFAST_OP_COUNT] = {
#define AF_OP(name, ENUM, ...) [ACTFAST_OP_##ENUM] = &record_##name,
#include "ops.def"
#undef AF_OP
};
