/* Helpers shared by the kernel bodies, written once over the generic
 * vocabulary (vec/generic.h). Included once per dtype section. */

/* An op's parameters, broadcast once per call. */
typedef struct {
    V p0, p1;
} VP;

static inline VP AF_FN(af_vparams_make)(const af_params *p)
{
    VP k = {v_set((T)p->p[0]), v_set((T)p->p[1])};
    return k;
}

/* r, except NaN where x is NaN: for results chosen by a comparison of x,
 * which a NaN fails silently. */
static inline V AF_FN(af_pass_nan)(V x, V r) { return v_sel(v_isnan(x), x, r); }

/* e^(-s*x^2) for s = 1/2 or 1/4 (passed as the vector `s`). x^2 = q + q_lo
 * exactly (FMA), and e^(-s(q + q_lo)) = e^(-s q) (1 - s q_lo): without the
 * correction the rounding of x^2 costs s*x^2/2 ulp (40 ulp at x = 13).
 * x is clamped to +-GAUSS_CLAMP, where the result is 0 anyway, so that q_lo
 * stays finite. */
static inline V AF_FN(af_gauss)(V x, V s)
{
    V c = v_set(AF_K(GAUSS_CLAMP));
    V xc = v_min(v_max(x, v_neg(c)), c);
    V q = v_mul(xc, xc);
    V q_lo = v_fma(xc, xc, v_neg(q));
    V e = v_exp(v_neg(v_mul(s, q)));
    return v_fma(e, v_neg(v_mul(s, q_lo)), e);
}
