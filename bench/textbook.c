/* The baseline a user would write without libactfast: one scalar loop over
 * libm per form, the formulas straight from the textbook, built with plain
 * -O2 (no -ffast-math, no -march; see CMakeLists.txt).
 *
 * The formulas are written once in textbook_dtype.h, included for float and
 * double; <tgmath.h> turns exp(x) into expf(x) for float as a user would write. */
#include <stddef.h>
#include <string.h>
#include <tgmath.h>

#include "baselines.h"

typedef struct textbook_entry {
    const char *op;
    bench_kernel forms[ACTFAST_FORM_COUNT]; /* NULL: no such form */
} textbook_entry;

/* F(name) is the scalar formula; the loops apply it to every element. */
#define TEXTBOOK_LOOP(kernel, expression)                                     \
    static void kernel(const void *in_, const void *dy_, void *out_, size_t n) \
    {                                                                          \
        const T *in = in_, *dy = dy_;                                          \
        T *out = out_;                                                         \
        (void)dy;                                                              \
        for (size_t i = 0; i < n; i++)                                         \
            out[i] = expression;                                               \
    }

#define TEXTBOOK_ELEMENTWISE(name)                                    \
    TEXTBOOK_LOOP(F(name##_forward), F(name)(in[i]))                  \
    TEXTBOOK_LOOP(F(name##_grad), F(name##_d)(in[i]))                 \
    TEXTBOOK_LOOP(F(name##_backward), dy[i] * F(name##_d)(in[i]))
#define TEXTBOOK_FROM_Y(name) TEXTBOOK_LOOP(F(name##_backward_from_y), dy[i] * F(name##_d_from_y)(in[i]))

#define TEXTBOOK_ENTRY(name) {#name, {F(name##_forward), F(name##_grad), F(name##_backward), NULL}}
#define TEXTBOOK_ENTRY_FROM_Y(name) \
    {#name, {F(name##_forward), F(name##_grad), F(name##_backward), F(name##_backward_from_y)}}

#define T float
#define F(name) name##_f32
#include "textbook_dtype.h"
#undef T
#undef F

#define T double
#define F(name) name##_f64
#include "textbook_dtype.h"
#undef T
#undef F

enum { TEXTBOOK_OPS = sizeof textbook_f32 / sizeof textbook_f32[0] };
_Static_assert(sizeof textbook_f64 / sizeof textbook_f64[0] == TEXTBOOK_OPS, "one table per dtype, same ops");

bench_kernel textbook_kernel(const char *op, actfast_form form, actfast_dtype dtype)
{
    const textbook_entry *table = dtype == ACTFAST_F32 ? textbook_f32 : textbook_f64;
    for (int i = 0; i < TEXTBOOK_OPS; i++)
        if (strcmp(table[i].op, op) == 0)
            return table[i].forms[form];
    return NULL;
}
