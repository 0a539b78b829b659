/* Float kernels that run in double: floats loaded as doubles, a body in
 * double arithmetic written for float arrays (<name>_float_forward and
 * <name>_float_grad_times beside the op's other bodies, compiled in the
 * double unit only), one rounding back to float.
 *
 * Where a plain formula in double is within 0.5 ulp + 2^-4 of the float
 * result, it replaces the float formula's double-word steps at a fraction
 * of their cost, though a vector holds half the lanes: gelu and
 * gelu_tanh, where x^2 is exact in double and e^x needs a polynomial of
 * 2^-37 only (af_exp_of_float), gelu's erfc one of 2^-28: 1.3x and 1.6x
 * faster than their float formulas on Zen 3 (with erfc at 2^-40; at 2^-28
 * gelu gained 1.2x more on Zen 5). Where f' has a root the double formula's
 * error is not small against f' (gelu', gelu_tanh'): the double body's f'
 * takes the lanes near it (ROOT_WINDOW). Where a float formula is already
 * lean (sigmoid, tanh, silu: one exp and one division) the double one,
 * on half the lanes, was slower (1.5x) and is not used.
 * And some float formulas cannot be monotone: softplus is max(z, 0) +
 * log1p(e^-|z|), an increasing and a decreasing term, and logsigmoid its
 * mirror. In float each term is rounded to 2^-24 of ln 2 while a step of x
 * near 0 moves the result by far less, which turned 2,362,314 consecutive
 * pairs of the 2^32 floats the wrong way round (softplus(0x1.400004p-23) <
 * softplus(0x1.400002p-23)). In double the roundings, 2^-53 each, are below
 * the step of the exact result between consecutive floats wherever a
 * rounded float result can change, and the polynomials' errors are smooth
 * in x; the exhaustive sweep confirms the order (README).
 *
 * The parameters are rounded to float first, as the float API takes them.
 *
 * Included by kernels/table.c in both dtypes: the double one defines the
 * kernels (actfast__wide_<isa>_<op>_<form>: hidden, and in the library's
 * prefix like every global of the archive), the float one puts them in its table. */

#define AF_WIDE_OPS(X)                                                                          \
    X(softplus, SOFTPLUS) X(logsigmoid, LOGSIGMOID) X(gelu, GELU) X(gelu_tanh, GELU_TANH)

#define AF_WIDE_NAME__(isa, name, form) actfast__wide_##isa##_##name##_##form
#define AF_WIDE_NAME_(isa, name, form) AF_WIDE_NAME__(isa, name, form)
#define AF_WIDE_NAME(name, form) AF_WIDE_NAME_(AF_ISA_TAG, name, form)

#define AF_WIDE_DECLARE(name, ENUM)                                                                 \
    void AF_WIDE_NAME(name, forward)(const float *, const float *, float *, size_t, const af_params *); \
    void AF_WIDE_NAME(name, grad)(const float *, const float *, float *, size_t, const af_params *); \
    void AF_WIDE_NAME(name, backward)(const float *, const float *, float *, size_t, const af_params *);
AF_WIDE_OPS(AF_WIDE_DECLARE)

#if AF_IS_F64
static inline VP af_vparams_make_float(const af_params *p)
{
    VP k = {.p0 = v_set((float)p->p[0]), .p1 = v_set((float)p->p[1])};
    return k;
}

#define AF_WIDE_DEFINE(name, ENUM)                                                                  \
    static inline V name##_float_grad(V x, const VP *k) { return name##_float_grad_times(x, v_set((T)1), k); } \
    AF_LOOP_UNARY(void AF_WIDE_NAME(name, forward), float, _f32, af_vparams_make_float,         \
                  name##_float_forward, name##_float_forward, af_never_rare, name##_float_forward, \
                  af_always_rare,                                                               \
                  AF_INTERLEAVES(name##_float_forward), AF_FIXED_PARAMS, 0)                     \
    AF_LOOP_UNARY(void AF_WIDE_NAME(name, grad), float, _f32, af_vparams_make_float,            \
                  name##_float_grad, name##_float_grad, af_never_rare, name##_float_grad,       \
                  af_always_rare,                                                               \
                  AF_INTERLEAVES(name##_float_grad_times), AF_FIXED_PARAMS, 0)                  \
    AF_LOOP_BINARY(void AF_WIDE_NAME(name, backward), float, _f32, af_vparams_make_float,       \
                   name##_float_grad_times, AF_FIXED_PARAMS, 0)
AF_WIDE_OPS(AF_WIDE_DEFINE)
#endif
