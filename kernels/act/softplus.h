/* softplus(x) = z > t ? x : sp(z)/b, z = b x (p0 = b, p1 = t), with
 *   sp(z) = max(z, 0) + log1p(e^-|z|)
 * which never overflows and keeps e^z's digits for z << 0. z is rounded when
 * b != 1: z = z_hi + z_lo (FMA), and sp(z_hi + z_lo) = sp(z_hi) + z_lo sigmoid(z_hi)
 * to first order (condition number |z| otherwise: 44 ulp at z = -88). */

typedef struct {
    V z, z_lo, e, sig, one_minus_sig;
} AF_FN(softplus_parts);

static inline AF_FN(softplus_parts) AF_FN(softplus_split)(V x, const VP *k)
{
    AF_FN(softplus_parts) s;
    V one = v_set((T)1);
    s.z = v_mul(k->p0, x);
    /* inf - inf would be NaN; an infinite z needs no correction. */
    M finite = v_le(v_abs(s.z), v_set(AF_K(MAX_FINITE)));
    s.z_lo = v_sel(finite, v_fma(k->p0, x, v_neg(s.z)), v_set((T)0));
    s.e = v_exp(v_neg(v_abs(s.z)));
    V d = v_add(one, s.e);
    M pos = v_ge(s.z, v_set((T)0));
    s.sig = v_div(v_sel(pos, one, s.e), d);
    s.one_minus_sig = v_div(v_sel(pos, s.e, one), d);
    return s;
}

static inline V AF_FN(softplus_forward)(V x, const VP *k)
{
    AF_FN(softplus_parts) s = AF_FN(softplus_split)(x, k);
    V sp = v_add(v_max(s.z, v_set((T)0)), v_fma(s.z_lo, s.sig, v_log1p(s.e)));
    return v_sel(v_gt(s.z, k->p1), x, v_div(sp, k->p0));
}

/* softplus' = sigmoid(z), corrected for z_lo by sigmoid' = sigmoid (1 - sigmoid). */
static inline V AF_FN(softplus_grad)(V x, const VP *k)
{
    AF_FN(softplus_parts) s = AF_FN(softplus_split)(x, k);
    V g = v_fma(v_mul(s.z_lo, s.sig), s.one_minus_sig, s.sig);
    return v_sel(v_gt(s.z, k->p1), v_set((T)1), g);
}

/* grad is exactly 1 above the threshold, so dy * 1 = dy there. */
static inline V AF_FN(softplus_backward)(V x, V dy, const VP *k) { return v_mul(dy, AF_FN(softplus_grad)(x, k)); }
