/* An op's parameters as the bodies see them: broadcast once per call, in the
 * order of the op's row of src/ops.def, and read through accessors named
 * after the row (elu_alpha(k), softplus_threshold(k)), stamped here from the
 * table so that no body decodes a position. */

/* slope_neg and slope_pos: f'(-0) and f'(+0), made by the frame at the first
 * vector of a call that needs them (a subnormal x; kernels/elementwise.h). */
/* ties and tie_ulps: params->ties and ->tie_ulps, for the 16-bit kernels'
 * stores (kernels/half.h), held here so that the loop keeps them in
 * registers (read through params, they were loaded again after every
 * store). */
typedef struct {
    V p0, p1;
    V slope_neg, slope_pos;
    int slopes_made;
    uint16_t *ties;
    unsigned tie_ulps;
} VP;

static inline VP af_vparams_make(const af_params *p)
{
    VP k = {.p0 = v_set((T)p->p[0]), .p1 = v_set((T)p->p[1])};
    return k;
}

#define AF_UNWRAP(...) __VA_ARGS__
#define AF_PARAM_ACCESSORS(name, params) AF_PARAM_ACCESSORS_(name, AF_UNWRAP params)
#define AF_PARAM_ACCESSORS_(...) AF_PARAM_ACCESSORS__(__VA_ARGS__)
#define AF_PARAM_ACCESSORS__(name, count, n0, d0, n1, d1) AF_PARAM_ACCESSORS_##count(name, n0, n1)
#define AF_PARAM_ACCESSORS_0(name, n0, n1)
#define AF_PARAM_ACCESSORS_1(name, n0, n1) \
    static inline V name##_##n0(const VP *k) { return k->p0; }
#define AF_PARAM_ACCESSORS_2(name, n0, n1) \
    AF_PARAM_ACCESSORS_1(name, n0, n1)     \
    static inline V name##_##n1(const VP *k) { return k->p1; }

#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    AF_PARAM_ACCESSORS(name, params)
#include "ops.def"
#undef AF_OP
