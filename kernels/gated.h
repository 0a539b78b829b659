/* The loops of the gated linear units (kernels/act/gated.h): forward
 * y = a act(g), backward da = dy act(g) and dgate = dy a act'(g) in one pass.
 * Whole vectors, then one partial vector (never a read or write past n);
 * every input of a vector is loaded before its outputs are stored, so that
 * an output may be one of the inputs (in place).
 *
 * The double unit defines them twice: over double arrays, and over float
 * arrays in double (v_load_f32: a g and dy a exact, the units' float
 * formulas, one rounding to float), as actfast__gated_<isa>_<op>_<form> for
 * the float table; the float unit stamps none. */

#define AF_GATED_NAME__(isa, name, form) actfast__gated_##isa##_##name##_##form
#define AF_GATED_NAME_(isa, name, form) AF_GATED_NAME__(isa, name, form)
#define AF_GATED_NAME(name, form) AF_GATED_NAME_(AF_ISA_TAG, name, form)

#define AF_GATED_DECLARE(name)                                                                  \
    void AF_GATED_NAME(name, forward)(const float *, const float *, const float *, float *, float *, size_t); \
    void AF_GATED_NAME(name, backward)(const float *, const float *, const float *, float *, float *, size_t);
#define AF_OP(name, ENUM, kind, ...) AF_GATED_DECLARE_##kind(name)
#define AF_GATED_DECLARE_ELEMENTWISE(name)
#define AF_GATED_DECLARE_ELEMENTWISE_OWN_API(name)
#define AF_GATED_DECLARE_ROWWISE(name)
#define AF_GATED_DECLARE_GATED(name) AF_GATED_DECLARE(name)
#include "ops.def"
#undef AF_OP

#if AF_IS_F64
/* dy a act'(g) (AF_BACKWARD_VALUE's frame). Where dy a overflows and the
 * result need not, a vector with such a lane (rare) takes dy 2^-64 there and
 * scales back by 2^64, exact: the result is at least 2^-50 wherever act' is
 * not 0. dy a is rounded once, the half ulp that the double backward
 * bounds of src/ops.def add to the activation's own (the float arrays'
 * bodies form dy a themselves, exactly, but for reglu's, which is this one
 * and exact too). */
static inline V af_gated_gate_grad(V a, V g, V dy, const VP *k, V (*grad_times)(V, V, const VP *),
                                   int takes_infinite_m, int first_order_x)
{
    V m = v_mul(dy, a);
    V r = af_backward_value(g, m, k, grad_times, takes_infinite_m, first_order_x);
    M over = v_eq(v_abs(m), v_set((T)INFINITY));
    if (!AF_RARELY(m_any(over)))
        return r;
    V scaled_m = v_mul(v_mul(dy, v_set((T)0x1p-64)), a);
    V scaled = af_backward_value(g, scaled_m, k, grad_times, takes_infinite_m, first_order_x);
    return v_sel(over, v_mul(scaled, v_set((T)0x1p64)), r);
}
#define AF_GATED_GATE_GRAD(a, g, dy, grad_times, k)                                             \
    af_gated_gate_grad(a, g, dy, k, grad_times, AF_TAKES_INFINITE_M(grad_times), AF_FIRST_ORDER_X(grad_times))

/* A unit's backward as its forward with dy in a's place (da) and its
 * activation's backward at m = dy a (dgate): unit##_gated_backward(a, g,
 * dy, k, &dgate) returns da. The units' float formulas share e^-|g| and the
 * quotient between the two instead (kernels/act/glu.h, ...). */
#define AF_GATED_COMPOSED_BACKWARD(unit)                                                        \
    static inline V unit##_gated_backward(V a, V g, V dy, const VP *k, V *dgate)                \
    {                                                                                           \
        *dgate = AF_GATED_GATE_GRAD(a, g, dy, unit##_gate_grad_times, k);                       \
        return unit##_gated_forward(dy, g, k);                                                  \
    }

/* The units' bodies, over the activations' and the elementwise frame. */
#include "act/gated.h"
#include "act/geglu.h"
#include "act/geglu_tanh.h"
#include "act/glu.h"
#include "act/reglu.h"
#include "act/swiglu.h"

/* The units have no parameters. */
static inline VP af_gated_vparams(void)
{
    const af_params none = {.slopes = NULL};
    return af_vparams_make(&none);
}

/* head(a, gate, dy, out, dgate, n): forward writes out = y (dy and dgate
 * unused), backward out = da and dgate. interleaves is AF_INTERLEAVES's
 * (kernels/elementwise.h) for the unit's float bodies, which say so with
 * #define <name>_float_gated_interleaves 1: the whole vectors go in groups
 * of four, every input of a group loaded before its first store, compiled
 * with GCC's scheduler on, which interleaves the four bodies. Those short
 * formulas in double ran 1.07-1.18x faster so (glu, swiglu, geglu_tanh;
 * reglu's 1.05-1.19x but its backward on AVX2, 0.98x; Zen 5, n = 4096, AVX2
 * and AVX-512), and 1.09-1.40x on gates in [-100, -20]. geglu's, whose
 * body branches between gelu's regimes, ran 1.02-1.11x but 0.86-0.94x on
 * those gates (AVX2), and the double arrays' bodies, double words into
 * corrected quotients, 0.92-1.03x: they keep one vector at a time. */
#define AF_GATED_GROUP(interleaves) ((interleaves) ? (interleaves) : 1)

#define AF_LOOP_GATED_FORWARD(head, S, io, name, interleaves)                                   \
    AF_INTERLEAVED(interleaves) head(const S *a, const S *gate, const S *dy, S *out, S *dgate, size_t n) \
    {                                                                                           \
        const VP k = af_gated_vparams();                                                        \
        const size_t group = AF_GATED_GROUP(interleaves);                                       \
        size_t i = 0;                                                                           \
        (void)dy;                                                                               \
        (void)dgate;                                                                            \
        for (; i + group * AF_LANES <= n; i += group * AF_LANES) {                              \
            V a_[4], g_[4], y_[4];                                                              \
            for (size_t u = 0; u < group; u++) {                                                \
                a_[u] = v_load##io(a + i + u * AF_LANES);                                       \
                g_[u] = v_load##io(gate + i + u * AF_LANES);                                    \
            }                                                                                   \
            for (size_t u = 0; u < group; u++)                                                  \
                y_[u] = name##_gated_forward(a_[u], g_[u], &k);                                 \
            for (size_t u = 0; u < group; u++)                                                  \
                v_store##io(out + i + u * AF_LANES, y_[u]);                                     \
        }                                                                                       \
        for (; i + AF_LANES <= n; i += AF_LANES)                                                \
            v_store##io(out + i, name##_gated_forward(v_load##io(a + i), v_load##io(gate + i), &k)); \
        if (i < n) {                                                                            \
            V y = name##_gated_forward(v_load_part##io(a + i, n - i), v_load_part##io(gate + i, n - i), &k); \
            v_store_part##io(out + i, y, n - i);                                                \
        }                                                                                       \
    }

#define AF_GATED_BACKWARD_STEP(name, av, gv, dv, da, dg)                                        \
    V dg, da = name##_gated_backward(av, gv, dv, &k, &dg)

#define AF_LOOP_GATED_BACKWARD(head, S, io, name, interleaves)                                  \
    AF_INTERLEAVED(interleaves) head(const S *a, const S *gate, const S *dy, S *out, S *dgate, size_t n) \
    {                                                                                           \
        const VP k = af_gated_vparams();                                                        \
        const size_t group = AF_GATED_GROUP(interleaves);                                       \
        size_t i = 0;                                                                           \
        for (; i + group * AF_LANES <= n; i += group * AF_LANES) {                              \
            V a_[4], g_[4], d_[4], da_[4], dg_[4];                                              \
            for (size_t u = 0; u < group; u++) {                                                \
                a_[u] = v_load##io(a + i + u * AF_LANES);                                       \
                g_[u] = v_load##io(gate + i + u * AF_LANES);                                    \
                d_[u] = v_load##io(dy + i + u * AF_LANES);                                      \
            }                                                                                   \
            for (size_t u = 0; u < group; u++)                                                  \
                da_[u] = name##_gated_backward(a_[u], g_[u], d_[u], &k, &dg_[u]);               \
            for (size_t u = 0; u < group; u++) {                                                \
                v_store##io(out + i + u * AF_LANES, da_[u]);                                    \
                v_store##io(dgate + i + u * AF_LANES, dg_[u]);                                  \
            }                                                                                   \
        }                                                                                       \
        for (; i + AF_LANES <= n; i += AF_LANES) {                                              \
            V av = v_load##io(a + i), gv = v_load##io(gate + i), dv = v_load##io(dy + i);       \
            AF_GATED_BACKWARD_STEP(name, av, gv, dv, da, dg);                                   \
            v_store##io(out + i, da);                                                           \
            v_store##io(dgate + i, dg);                                                         \
        }                                                                                       \
        if (i < n) {                                                                            \
            const size_t len = n - i;                                                           \
            V av = v_load_part##io(a + i, len), gv = v_load_part##io(gate + i, len);            \
            V dv = v_load_part##io(dy + i, len);                                                \
            AF_GATED_BACKWARD_STEP(name, av, gv, dv, da, dg);                                   \
            v_store_part##io(out + i, da, len);                                                 \
            v_store_part##io(dgate + i, dg, len);                                               \
        }                                                                                       \
    }

/* The float arrays' kernels run the units' float formulas: name##_float. */
#define AF_GATED_DEFINE(name)                                                                   \
    AF_LOOP_GATED_FORWARD(static void name##_gated_forward_kernel, T, , name, 0)                \
    AF_LOOP_GATED_BACKWARD(static void name##_gated_backward_kernel, T, , name, 0)              \
    AF_LOOP_GATED_FORWARD(void AF_GATED_NAME(name, forward), float, _f32, name##_float, AF_INTERLEAVES(name##_float_gated)) \
    AF_LOOP_GATED_BACKWARD(void AF_GATED_NAME(name, backward), float, _f32, name##_float, AF_INTERLEAVES(name##_float_gated))
#define AF_OP(name, ENUM, kind, ...) AF_GATED_DEFINE_##kind(name)
#define AF_GATED_DEFINE_ELEMENTWISE(name)
#define AF_GATED_DEFINE_ELEMENTWISE_OWN_API(name)
#define AF_GATED_DEFINE_ROWWISE(name)
#define AF_GATED_DEFINE_GATED(name) AF_GATED_DEFINE(name)
#include "ops.def"
#undef AF_OP
#endif
