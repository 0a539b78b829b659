/* The textbook formulas and their loops for one dtype: included by
 * textbook.c with T (float or double) and F(name) (name_f32 or name_f64).
 * Parameters are the library's defaults, written in as a user would
 * (leaky_relu slope 0.01, elu alpha 1, softplus beta 1 without threshold,
 * prelu's one weight 0.25, rrelu in eval mode).
 * F(op) is f(x), F(op_d) is f'(x), F(op_d_from_y) is f' from y = f(x). */

static inline T F(sigmoid)(T x) { return 1 / (1 + exp(-x)); }
static inline T F(sigmoid_d)(T x)
{
    T s = F(sigmoid)(x);
    return s * (1 - s);
}
static inline T F(sigmoid_d_from_y)(T y) { return y * (1 - y); }

static inline T F(tanh)(T x) { return tanh(x); }
static inline T F(tanh_d)(T x)
{
    T t = tanh(x);
    return 1 - t * t;
}
static inline T F(tanh_d_from_y)(T y) { return 1 - y * y; }

static inline T F(relu)(T x) { return x > 0 ? x : 0; }
static inline T F(relu_d)(T x) { return x > 0 ? 1 : 0; }
static inline T F(relu_d_from_y)(T y) { return y > 0 ? 1 : 0; }

static inline T F(leaky_relu)(T x) { return x > 0 ? x : (T)0.01 * x; }
static inline T F(leaky_relu_d)(T x) { return x > 0 ? 1 : (T)0.01; }
static inline T F(leaky_relu_d_from_y)(T y) { return y > 0 ? 1 : (T)0.01; }

static inline T F(elu)(T x) { return x > 0 ? x : expm1(x); }
static inline T F(elu_d)(T x) { return x > 0 ? 1 : exp(x); }
static inline T F(elu_d_from_y)(T y) { return y > 0 ? 1 : y + 1; }

static inline T F(gelu)(T x) { return (T)0.5 * x * (1 + erf(x / sqrt((T)2))); }
static inline T F(gelu_d)(T x)
{
    const T inv_sqrt_2pi = (T)0.3989422804014327;
    return (T)0.5 * (1 + erf(x / sqrt((T)2))) + x * exp(-x * x / 2) * inv_sqrt_2pi;
}

static inline T F(silu)(T x) { return x / (1 + exp(-x)); }
static inline T F(silu_d)(T x)
{
    T s = F(sigmoid)(x);
    return s * (1 + x * (1 - s));
}

static inline T F(mish)(T x) { return x * tanh(log1p(exp(x))); }
static inline T F(mish_d)(T x)
{
    T t = tanh(log1p(exp(x)));
    return t + x * (1 - t * t) * F(sigmoid)(x);
}

static inline T F(softplus)(T x) { return log1p(exp(x)); }
static inline T F(softplus_d)(T x) { return F(sigmoid)(x); }

static inline T F(relu6)(T x) { return x < 0 ? 0 : x > 6 ? 6 : x; }
static inline T F(relu6_d)(T x) { return x > 0 && x < 6 ? 1 : 0; }
static inline T F(relu6_d_from_y)(T y) { return F(relu6_d)(y); }

static inline T F(hardtanh)(T x) { return x < -1 ? -1 : x > 1 ? 1 : x; }
static inline T F(hardtanh_d)(T x) { return x > -1 && x < 1 ? 1 : 0; }
static inline T F(hardtanh_d_from_y)(T y) { return F(hardtanh_d)(y); }

static inline T F(hardsigmoid)(T x) { return x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + (T)0.5; }
static inline T F(hardsigmoid_d)(T x) { return x > -3 && x < 3 ? (T)1 / 6 : 0; }

static inline T F(hardswish)(T x) { return x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6; }
static inline T F(hardswish_d)(T x) { return x < -3 ? 0 : x > 3 ? 1 : (2 * x + 3) / 6; }

static inline T F(hardshrink)(T x) { return x > (T)0.5 || x < (T)-0.5 ? x : 0; }
static inline T F(hardshrink_d)(T x) { return x > (T)0.5 || x < (T)-0.5 ? 1 : 0; }

static inline T F(softshrink)(T x) { return x > (T)0.5 ? x - (T)0.5 : x < (T)-0.5 ? x + (T)0.5 : 0; }
static inline T F(softshrink_d)(T x) { return x > (T)0.5 || x < (T)-0.5 ? 1 : 0; }

static inline T F(threshold)(T x) { return x > 0 ? x : 0; }
static inline T F(threshold_d)(T x) { return x > 0 ? 1 : 0; }

static inline T F(softsign)(T x) { return x / (1 + fabs(x)); }
static inline T F(softsign_d)(T x) { return 1 / ((1 + fabs(x)) * (1 + fabs(x))); }

static inline T F(selu)(T x)
{
    return (T)1.0507009873554804934 * (x > 0 ? x : (T)1.6732632423543772848 * expm1(x));
}
static inline T F(selu_d)(T x)
{
    return (T)1.0507009873554804934 * (x > 0 ? 1 : (T)1.6732632423543772848 * exp(x));
}
static inline T F(selu_d_from_y)(T y)
{
    return y > 0 ? (T)1.0507009873554804934 : y + (T)1.0507009873554804934 * (T)1.6732632423543772848;
}

static inline T F(celu)(T x) { return F(elu)(x); } /* alpha = 1 */
static inline T F(celu_d)(T x) { return F(elu_d)(x); }
static inline T F(celu_d_from_y)(T y) { return F(elu_d_from_y)(y); }

static inline T F(logsigmoid)(T x) { return -log1p(exp(-x)); }
static inline T F(logsigmoid_d)(T x) { return 1 / (1 + exp(x)); }

static inline T F(swish)(T x) { return F(silu)(x); } /* beta = 1 */
static inline T F(swish_d)(T x) { return F(silu_d)(x); }

static inline T F(gelu_tanh)(T x)
{
    const T k = (T)0.7978845608028654; /* sqrt(2/pi) */
    return (T)0.5 * x * (1 + tanh(k * (x + (T)0.044715 * x * x * x)));
}
static inline T F(gelu_tanh_d)(T x)
{
    const T k = (T)0.7978845608028654;
    T t = tanh(k * (x + (T)0.044715 * x * x * x));
    return (T)0.5 * (1 + t) + (T)0.5 * x * (1 - t * t) * k * (1 + 3 * (T)0.044715 * x * x);
}

static inline T F(tanhshrink)(T x) { return x - tanh(x); }
static inline T F(tanhshrink_d)(T x)
{
    T t = tanh(x);
    return t * t;
}

static inline T F(prelu)(T x) { return x > 0 ? x : (T)0.25 * x; } /* one weight */
static inline T F(prelu_d)(T x) { return x > 0 ? 1 : (T)0.25; }

static inline T F(rrelu)(T x) { return x > 0 ? x : ((T)0.125 + (T)1 / 3) / 2 * x; } /* eval mode */
static inline T F(rrelu_d)(T x) { return x > 0 ? 1 : ((T)0.125 + (T)1 / 3) / 2; }

TEXTBOOK_ELEMENTWISE(sigmoid)
TEXTBOOK_FROM_Y(sigmoid)
TEXTBOOK_ELEMENTWISE(tanh)
TEXTBOOK_FROM_Y(tanh)
TEXTBOOK_ELEMENTWISE(relu)
TEXTBOOK_FROM_Y(relu)
TEXTBOOK_ELEMENTWISE(leaky_relu)
TEXTBOOK_FROM_Y(leaky_relu)
TEXTBOOK_ELEMENTWISE(elu)
TEXTBOOK_FROM_Y(elu)
TEXTBOOK_ELEMENTWISE(gelu)
TEXTBOOK_ELEMENTWISE(silu)
TEXTBOOK_ELEMENTWISE(mish)
TEXTBOOK_ELEMENTWISE(softplus)
TEXTBOOK_ELEMENTWISE(relu6)
TEXTBOOK_FROM_Y(relu6)
TEXTBOOK_ELEMENTWISE(hardtanh)
TEXTBOOK_FROM_Y(hardtanh)
TEXTBOOK_ELEMENTWISE(hardsigmoid)
TEXTBOOK_ELEMENTWISE(hardswish)
TEXTBOOK_ELEMENTWISE(hardshrink)
TEXTBOOK_ELEMENTWISE(softshrink)
TEXTBOOK_ELEMENTWISE(threshold)
TEXTBOOK_ELEMENTWISE(softsign)
TEXTBOOK_ELEMENTWISE(selu)
TEXTBOOK_FROM_Y(selu)
TEXTBOOK_ELEMENTWISE(celu)
TEXTBOOK_FROM_Y(celu)
TEXTBOOK_ELEMENTWISE(logsigmoid)
TEXTBOOK_ELEMENTWISE(swish)
TEXTBOOK_ELEMENTWISE(gelu_tanh)
TEXTBOOK_ELEMENTWISE(tanhshrink)
TEXTBOOK_ELEMENTWISE(prelu)
TEXTBOOK_ELEMENTWISE(rrelu)

/* Rows of BENCH_ROW_LENGTH; the maximum is subtracted so that exp cannot
 * overflow. sign = -1: softmin, the softmax of -x. */
static void F(softmax_rows)(const T *in, T *out, size_t n, T sign)
{
    for (size_t row = 0; row < n; row += BENCH_ROW_LENGTH) {
        const T *x = in + row;
        T *y = out + row;
        T max = sign * x[0], sum = 0;
        for (size_t j = 1; j < BENCH_ROW_LENGTH; j++)
            max = sign * x[j] > max ? sign * x[j] : max;
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++) {
            y[j] = exp(sign * x[j] - max);
            sum += y[j];
        }
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            y[j] /= sum;
    }
}

/* dx_j = sign y_j (dy_j - sum_k dy_k y_k). */
static void F(softmax_rows_backward)(const T *y_, const T *dy_, T *out, size_t n, T sign)
{
    for (size_t row = 0; row < n; row += BENCH_ROW_LENGTH) {
        const T *y = y_ + row, *dy = dy_ + row;
        T *dx = out + row;
        T dot = 0;
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            dot += dy[j] * y[j];
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            dx[j] = sign * y[j] * (dy[j] - dot);
    }
}

static void F(softmax_forward)(const void *in, const void *dy, void *out, size_t n)
{
    (void)dy;
    F(softmax_rows)(in, out, n, 1);
}
static void F(softmax_backward_from_y)(const void *y, const void *dy, void *out, size_t n)
{
    F(softmax_rows_backward)(y, dy, out, n, 1);
}
static void F(softmin_forward)(const void *in, const void *dy, void *out, size_t n)
{
    (void)dy;
    F(softmax_rows)(in, out, n, -1);
}
static void F(softmin_backward_from_y)(const void *y, const void *dy, void *out, size_t n)
{
    F(softmax_rows_backward)(y, dy, out, n, -1);
}

/* y_j = x_j - max - log sum_k e^(x_k - max). */
static void F(log_softmax_forward)(const void *in_, const void *dy, void *out_, size_t n)
{
    (void)dy;
    for (size_t row = 0; row < n; row += BENCH_ROW_LENGTH) {
        const T *x = (const T *)in_ + row;
        T *y = (T *)out_ + row;
        T max = x[0], sum = 0;
        for (size_t j = 1; j < BENCH_ROW_LENGTH; j++)
            max = x[j] > max ? x[j] : max;
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            sum += exp(x[j] - max);
        T log_sum = log(sum);
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            y[j] = x[j] - max - log_sum;
    }
}

/* dx_j = dy_j - e^(y_j) sum_k dy_k. */
static void F(log_softmax_backward_from_y)(const void *y_, const void *dy_, void *out, size_t n)
{
    for (size_t row = 0; row < n; row += BENCH_ROW_LENGTH) {
        const T *y = (const T *)y_ + row, *dy = (const T *)dy_ + row;
        T *dx = (T *)out + row;
        T sum = 0;
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            sum += dy[j];
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            dx[j] = dy[j] - exp(y[j]) * sum;
    }
}

static const textbook_entry F(textbook)[] = {
    TEXTBOOK_ENTRY_FROM_Y(sigmoid),
    TEXTBOOK_ENTRY_FROM_Y(tanh),
    TEXTBOOK_ENTRY_FROM_Y(relu),
    TEXTBOOK_ENTRY_FROM_Y(leaky_relu),
    TEXTBOOK_ENTRY_FROM_Y(elu),
    TEXTBOOK_ENTRY(gelu),
    TEXTBOOK_ENTRY(silu),
    TEXTBOOK_ENTRY(mish),
    TEXTBOOK_ENTRY(softplus),
    {"softmax", {F(softmax_forward), NULL, NULL, F(softmax_backward_from_y)}},
    TEXTBOOK_ENTRY_FROM_Y(relu6),
    TEXTBOOK_ENTRY_FROM_Y(hardtanh),
    TEXTBOOK_ENTRY(hardsigmoid),
    TEXTBOOK_ENTRY(hardswish),
    TEXTBOOK_ENTRY(hardshrink),
    TEXTBOOK_ENTRY(softshrink),
    TEXTBOOK_ENTRY(threshold),
    TEXTBOOK_ENTRY(softsign),
    TEXTBOOK_ENTRY_FROM_Y(selu),
    TEXTBOOK_ENTRY_FROM_Y(celu),
    TEXTBOOK_ENTRY(logsigmoid),
    TEXTBOOK_ENTRY(swish),
    TEXTBOOK_ENTRY(gelu_tanh),
    TEXTBOOK_ENTRY(tanhshrink),
    {"log_softmax", {F(log_softmax_forward), NULL, NULL, F(log_softmax_backward_from_y)}},
    {"softmin", {F(softmin_forward), NULL, NULL, F(softmin_backward_from_y)}},
    TEXTBOOK_ENTRY(prelu),
    TEXTBOOK_ENTRY(rrelu),
};
