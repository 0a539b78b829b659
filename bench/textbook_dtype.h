/* The textbook formulas and their loops for one dtype: included by
 * textbook.c with T (float or double) and F(name) (name_f32 or name_f64).
 * Parameters are the library's defaults, written in as a user would
 * (leaky_relu slope 0.01, elu alpha 1, softplus beta 1 without threshold).
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

/* Rows of BENCH_ROW_LENGTH; the maximum is subtracted so that exp cannot overflow. */
static void F(softmax_forward)(const void *in, const void *dy, void *out, size_t n)
{
    (void)dy;
    for (size_t row = 0; row < n; row += BENCH_ROW_LENGTH) {
        const T *x = (const T *)in + row;
        T *y = (T *)out + row;
        T max = x[0], sum = 0;
        for (size_t j = 1; j < BENCH_ROW_LENGTH; j++)
            max = x[j] > max ? x[j] : max;
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++) {
            y[j] = exp(x[j] - max);
            sum += y[j];
        }
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            y[j] /= sum;
    }
}

/* dx_j = y_j (dy_j - sum_k dy_k y_k). */
static void F(softmax_backward_from_y)(const void *in, const void *dy_, void *out, size_t n)
{
    for (size_t row = 0; row < n; row += BENCH_ROW_LENGTH) {
        const T *y = (const T *)in + row, *dy = (const T *)dy_ + row;
        T *dx = (T *)out + row;
        T dot = 0;
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            dot += dy[j] * y[j];
        for (size_t j = 0; j < BENCH_ROW_LENGTH; j++)
            dx[j] = y[j] * (dy[j] - dot);
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
};
