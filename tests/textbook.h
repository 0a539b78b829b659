/* How a test record writes the bench's baseline of its op (record.h): the
 * scalar loop over libm that a user would write without libactfast, one per
 * form, the formula straight from the textbook with the library's default
 * parameters written in (leaky_relu's slope 0.01, elu's alpha 1, softplus'
 * beta 1 without threshold, prelu's one weight 0.25, rrelu in eval mode),
 * built with plain -O2 (no -ffast-math, no -march; see records.cmake). The
 * formulas and loops that several ops share are here and in textbook.c. */
#ifndef ACTFAST_TEST_TEXTBOOK_H
#define ACTFAST_TEST_TEXTBOOK_H

#include <stddef.h>
#include <tgmath.h>

#include "record.h"

/* A formula written once for float and double: TEXTBOOK_FORMULA(name, x,
 * statements) defines name_f32(float x) and name_f64(double x), with T the
 * type in the statements, where <tgmath.h> turns exp(x) into expf(x) for
 * float as a user would write it. TEXTBOOK(name) is name of the type T. */
#define TEXTBOOK_FORMULA(name, x, ...)                    \
    static inline float name##_f32(float x)               \
    {                                                     \
        typedef float T __attribute__((unused));          \
        __VA_ARGS__                                       \
    }                                                     \
    static inline double name##_f64(double x)             \
    {                                                     \
        typedef double T __attribute__((unused));         \
        __VA_ARGS__                                       \
    }
#define TEXTBOOK(name) _Generic((T)0, float: name##_f32, double: name##_f64)

/* Likewise the loop of a form of a row-wise op: TEXTBOOK_ROWS(name,
 * statements) defines name_f32 and name_f64 in the shape of textbook_loop. */
#define TEXTBOOK_ROWS(name, ...)                                                   \
    static void name##_f32(const void *in_, const void *dy_, void *out_, size_t n) \
    {                                                                              \
        typedef float T;                                                           \
        __VA_ARGS__                                                                \
    }                                                                              \
    static void name##_f64(const void *in_, const void *dy_, void *out_, size_t n) \
    {                                                                              \
        typedef double T;                                                          \
        __VA_ARGS__                                                                \
    }

/* An op's `static const textbook_loops textbook`: for an elementwise op, the
 * loops over its formulas f (f(x)), df (f'(x)) and df_from_y (f' from
 * y = f(x)); for a row-wise op, its TEXTBOOK_ROWS textbook_forward and
 * textbook_backward_from_y. */
#define TEXTBOOK_ELEMENTWISE(f, df)      \
    TEXTBOOK_FORMS_(f, df, float, _f32)  \
    TEXTBOOK_FORMS_(f, df, double, _f64) \
    TEXTBOOK_TABLE_(textbook_forward_f32, textbook_grad_f32, textbook_backward_f32, NULL, \
                    textbook_forward_f64, textbook_grad_f64, textbook_backward_f64, NULL)
#define TEXTBOOK_ELEMENTWISE_FROM_Y(f, df, df_from_y)                                    \
    TEXTBOOK_FORMS_(f, df, float, _f32)                                                  \
    TEXTBOOK_FORMS_(f, df, double, _f64)                                                 \
    TEXTBOOK_LOOP_(textbook_backward_from_y_f32, float, dy[i] * df_from_y##_f32(in[i]))  \
    TEXTBOOK_LOOP_(textbook_backward_from_y_f64, double, dy[i] * df_from_y##_f64(in[i])) \
    TEXTBOOK_TABLE_(textbook_forward_f32, textbook_grad_f32, textbook_backward_f32,      \
                    textbook_backward_from_y_f32, textbook_forward_f64, textbook_grad_f64, \
                    textbook_backward_f64, textbook_backward_from_y_f64)
/* A gated unit y = a act(gate), forward only (the backward has two
 * outputs): in = gate, dy = a, the bench's operands. */
#define TEXTBOOK_GATED(act)                                                             \
    TEXTBOOK_LOOP_(textbook_forward_f32, float, dy[i] * act##_f32(in[i]))              \
    TEXTBOOK_LOOP_(textbook_forward_f64, double, dy[i] * act##_f64(in[i]))             \
    TEXTBOOK_TABLE_(textbook_forward_f32, NULL, NULL, NULL, textbook_forward_f64, NULL, NULL, NULL)
#define TEXTBOOK_ROWWISE                                                            \
    TEXTBOOK_TABLE_(textbook_forward_f32, NULL, NULL, textbook_backward_from_y_f32, \
                    textbook_forward_f64, NULL, NULL, textbook_backward_from_y_f64)

#define TEXTBOOK_LOOP_(kernel, T, expression)                                  \
    static void kernel(const void *in_, const void *dy_, void *out_, size_t n) \
    {                                                                          \
        const T *in = in_, *dy = dy_;                                          \
        T *out = out_;                                                         \
        (void)dy;                                                              \
        for (size_t i = 0; i < n; i++)                                         \
            out[i] = expression;                                               \
    }
#define TEXTBOOK_FORMS_(f, df, T, sfx)                      \
    TEXTBOOK_LOOP_(textbook_forward##sfx, T, f##sfx(in[i])) \
    TEXTBOOK_LOOP_(textbook_grad##sfx, T, df##sfx(in[i]))   \
    TEXTBOOK_LOOP_(textbook_backward##sfx, T, dy[i] * df##sfx(in[i]))
#define TEXTBOOK_TABLE_(f32_forward, f32_grad, f32_backward, f32_from_y, f64_forward, f64_grad, f64_backward, \
                        f64_from_y)                                                                            \
    static const textbook_loops textbook = {                                                                   \
        {{f32_forward, f32_grad, f32_backward, f32_from_y}, {f64_forward, f64_grad, f64_backward, f64_from_y}}};

/* ---- what several ops share ----------------------------------------------- */

TEXTBOOK_FORMULA(textbook_sigmoid, x, return 1 / (1 + exp(-x));)

TEXTBOOK_FORMULA(textbook_elu, x, return x > 0 ? x : expm1(x);)
TEXTBOOK_FORMULA(textbook_elu_d, x, return x > 0 ? 1 : exp(x);)
TEXTBOOK_FORMULA(textbook_elu_d_from_y, y, return y > 0 ? 1 : y + 1;)

TEXTBOOK_FORMULA(textbook_silu, x, return x / (1 + exp(-x));)

TEXTBOOK_FORMULA(textbook_silu_d, x, T s = TEXTBOOK(textbook_sigmoid)(x); return s * (1 + x * (1 - s));)

TEXTBOOK_FORMULA(textbook_relu, x, return x > 0 ? x : 0;)
TEXTBOOK_FORMULA(textbook_gelu, x, return (T)0.5 * x * (1 + erf(x / sqrt((T)2)));)
TEXTBOOK_FORMULA(textbook_gelu_tanh, x,
                 const T k = (T)0.7978845608028654; /* sqrt(2/pi) */
                 return (T)0.5 * x * (1 + tanh(k * (x + (T)0.044715 * x * x * x)));)

/* The loops of softmax (sign 1) and softmin (sign -1: the softmax of -x), in
 * textbook.c: the forward and the backward from y, in the shape of
 * textbook_loop with the sign after n. */
void textbook_softmax_forward_f32(const void *in, const void *dy, void *out, size_t n, float sign);
void textbook_softmax_forward_f64(const void *in, const void *dy, void *out, size_t n, double sign);
void textbook_softmax_backward_from_y_f32(const void *in, const void *dy, void *out, size_t n, float sign);
void textbook_softmax_backward_from_y_f64(const void *in, const void *dy, void *out, size_t n, double sign);

#endif
