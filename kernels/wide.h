/* Float kernels that run in double: floats loaded as doubles, a double
 * body, one rounding back to float. Two kinds.
 *
 * AF_WIDE_OPS run the op's own double bodies, for the ops whose float
 * formula cannot be monotone: softplus is max(z, 0) + log1p(e^-|z|), an
 * increasing and a decreasing term, and logsigmoid its mirror. In float each
 * term is rounded to 2^-24 of ln 2 while a step of x near 0 moves the result
 * by far less, which turned 2,362,314 consecutive pairs of the 2^32 floats
 * the wrong way round (softplus(0x1.400004p-23) < softplus(0x1.400002p-23)).
 * In double the body's error (a few 2^-53) is below the step of the exact
 * result between consecutive floats wherever a rounded float result can
 * change, so the float results are monotone, and within 0.5 ulp + 2^-28 of
 * the exact value.
 *
 * AF_WIDE_FLOAT_OPS run bodies written for float arrays, <name>_float_forward
 * and <name>_float_grad_times beside the op's others (double arithmetic,
 * compiled in the double unit only): where the plain formula in double, a
 * few roundings of 2^-53, already is within 0.5 ulp + 2^-28 of a float
 * result, it replaces the float formula's double-word steps at a fraction
 * of their cost (hardswish forward: 45 instructions per 8 floats on AVX2 in
 * float, 2 x 9 in double).
 *
 * The parameters are rounded to float first, as the float API takes them.
 *
 * Included by kernels/table.c in both dtypes: the double one defines the
 * kernels (actfast__wide_<isa>_<op>_<form>: hidden, and in the library's
 * prefix like every global of the archive), the float one puts them in its table. */

#define AF_WIDE_OPS(X) X(softplus, SOFTPLUS) X(logsigmoid, LOGSIGMOID)
#define AF_WIDE_FLOAT_OPS(X) X(hardswish, HARDSWISH)
#define AF_WIDE_ALL_OPS(X) AF_WIDE_OPS(X) AF_WIDE_FLOAT_OPS(X)

#define AF_WIDE_NAME__(isa, name, form) actfast__wide_##isa##_##name##_##form
#define AF_WIDE_NAME_(isa, name, form) AF_WIDE_NAME__(isa, name, form)
#define AF_WIDE_NAME(name, form) AF_WIDE_NAME_(AF_ISA_TAG, name, form)

#define AF_WIDE_DECLARE(name, ENUM)                                                                 \
    void AF_WIDE_NAME(name, forward)(const float *, const float *, float *, size_t, const af_params *); \
    void AF_WIDE_NAME(name, grad)(const float *, const float *, float *, size_t, const af_params *); \
    void AF_WIDE_NAME(name, backward)(const float *, const float *, float *, size_t, const af_params *);
AF_WIDE_ALL_OPS(AF_WIDE_DECLARE)

#if AF_IS_F64
static inline VP af_vparams_make_float(const af_params *p)
{
    VP k = {v_set((float)p->p[0]), v_set((float)p->p[1])};
    return k;
}

/* The kernels of name over the bodies body##_forward, _grad, _grad_times. */
#define AF_WIDE_DEFINE_OVER(name, body)                                                             \
    AF_LOOP_UNARY(void AF_WIDE_NAME(name, forward), float, _f32, af_vparams_make_float,         \
                  body##_forward, AF_FIXED_PARAMS)                                              \
    AF_LOOP_UNARY(void AF_WIDE_NAME(name, grad), float, _f32, af_vparams_make_float,            \
                  body##_grad, AF_FIXED_PARAMS)                                                 \
    AF_LOOP_BINARY(void AF_WIDE_NAME(name, backward), float, _f32, af_vparams_make_float,       \
                   body##_grad_times, AF_FIXED_PARAMS)
#define AF_WIDE_DEFINE(name, ENUM) AF_WIDE_DEFINE_OVER(name, name)
AF_WIDE_OPS(AF_WIDE_DEFINE)

#define AF_WIDE_DEFINE_FLOAT(name, ENUM)                                                            \
    static inline V name##_float_grad(V x, const VP *k) { return name##_float_grad_times(x, v_set((T)1), k); } \
    AF_WIDE_DEFINE_OVER(name, name##_float)
AF_WIDE_FLOAT_OPS(AF_WIDE_DEFINE_FLOAT)
#endif
