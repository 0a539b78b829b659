/* The textbook loops that softmax and softmin share (textbook.h): out of
 * line, as one loop with the sign as its argument. */
#include "textbook.h"

/* TEXTBOOK_ROWS with the sign after n. */
#define SIGNED_ROWS(name, ...)                                                                \
    void name##_f32(const void *in_, const void *dy_, void *out_, size_t n, float sign)       \
    {                                                                                         \
        typedef float T;                                                                      \
        __VA_ARGS__                                                                           \
    }                                                                                         \
    void name##_f64(const void *in_, const void *dy_, void *out_, size_t n, double sign)      \
    {                                                                                         \
        typedef double T;                                                                     \
        __VA_ARGS__                                                                           \
    }

/* The maximum is subtracted so that exp cannot overflow. */
SIGNED_ROWS(textbook_softmax_forward, (void)dy_;
            for (size_t row = 0; row < n; row += TEXTBOOK_ROW_LENGTH) {
                const T *x = (const T *)in_ + row;
                T *y = (T *)out_ + row;
                T max = sign * x[0], sum = 0;
                for (size_t j = 1; j < TEXTBOOK_ROW_LENGTH; j++)
                    max = sign * x[j] > max ? sign * x[j] : max;
                for (size_t j = 0; j < TEXTBOOK_ROW_LENGTH; j++) {
                    y[j] = exp(sign * x[j] - max);
                    sum += y[j];
                }
                for (size_t j = 0; j < TEXTBOOK_ROW_LENGTH; j++)
                    y[j] /= sum;
            })

/* dx_j = sign y_j (dy_j - sum_k dy_k y_k). */
SIGNED_ROWS(textbook_softmax_backward_from_y,
            for (size_t row = 0; row < n; row += TEXTBOOK_ROW_LENGTH) {
                const T *y = (const T *)in_ + row, *dy = (const T *)dy_ + row;
                T *dx = (T *)out_ + row;
                T dot = 0;
                for (size_t j = 0; j < TEXTBOOK_ROW_LENGTH; j++)
                    dot += dy[j] * y[j];
                for (size_t j = 0; j < TEXTBOOK_ROW_LENGTH; j++)
                    dx[j] = sign * y[j] * (dy[j] - dot);
            })
