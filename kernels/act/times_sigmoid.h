/* x sigmoid(z) and its derivative for z = z_hi + z_lo given as a double word:
 * the shared core of swish (z = beta x) and gelu_tanh (z = 2 sqrt(2/pi)
 * (x + 0.044715 x^3)). sigmoid(z)'s condition number is |z| (1 - sigmoid(z)),
 * ~|z| in the negative tail, which is why z must be carried beyond working
 * precision there: z_lo enters e^-|z| through af_exp_tail's low part.
 *
 * With e = e^-|z| <= 1: x sigmoid(z) = x/(1 + e) for z >= 0 and x e/(1 + e)
 * below; nothing overflows, nothing cancels, and the product x e is a double
 * word into one corrected quotient (af_div_dw_signed), scaled at the end
 * when e^-|z| takes af_exp_tail's shifted path (so that swish(-100.0f) =
 * -3.7e-42 is rounded once). */

/* e^-|z| for z = z_hi + z_lo, given e = e^-|z_hi|'s parts (AF_WITH_EXP_NONPOS,
 * at v_nabs(z)), and 1 + e^-|z| = *d + *d_lo exactly (outside the tail,
 * where 1 + e = 1). */
static inline af_exp_parts af_sigmoid_denominator(af_exp_parts e, V z, V z_lo, V *d, V *d_lo)
{
    M pos = v_ge(z, v_set((T)0));
    e = af_exp_with_lo(e, v_sel(pos, v_neg(z_lo), z_lo));
    V ev = af_exp_value_beside_one(e);
    *d = af_one_plus(ev, d_lo);
    /* ev rounded e.e + e.lo; its rounding error belongs in d_lo (none where
     * ev is 0 beside 1: e there would make the quotient's corrections
     * subnormal). */
    V ev_err = v_sel(e.negligible, v_set((T)0), v_add(v_sub(e.e, ev), e.lo));
    *d_lo = v_add(*d_lo, v_sel(e.tail, v_set((T)0), ev_err));
    return e;
}

/* (x + x_lo) sigmoid(z) for x given as a double word (the gated units'
 * a g: kernels/act/gated.h); has_lo 0 (x_lo unused) compiles to the plain
 * product, bit for bit. */
static inline V af_times_sigmoid_dw_of(V x, V x_lo, int has_lo, V z, V z_lo, af_exp_parts e)
{
    M pos = v_ge(z, v_set((T)0));
    V d, d_lo;
    e = af_sigmoid_denominator(e, z, z_lo, &d, &d_lo);
    /* x = -inf where e = 0 would make inf * 0; -MAX_FINITE * 0 = -0 is the
     * limit. |x e| <= |x| (e <= 1, and far less in the tail): no overflow. */
    V xf = v_min(v_max(x, v_set(-AF_K(MAX_FINITE))), v_set(AF_K(MAX_FINITE)));
    V n_lo, n = af_mul_dw_finite(xf, e.e, e.lo, &n_lo);
    if (has_lo)
        n_lo = v_fma(x_lo, e.e, n_lo);
    n = v_sel(pos, x, n);
    n_lo = v_sel(pos, has_lo ? x_lo : v_set((T)0), n_lo);
    return af_unscale_by(e, af_div_dw_signed(n, n_lo, d, d_lo), v_sel(pos, v_set((T)1), e.scale));
}

static inline V af_times_sigmoid_dw(V x, V x_lo, int has_lo, V z, V z_lo)
{
    V a = v_nabs(z);
    return AF_WITH_EXP_NONPOS(a, af_times_sigmoid_dw_of, x, x_lo, has_lo, z, z_lo);
}

static inline V af_times_sigmoid(V x, V z, V z_lo) { return af_times_sigmoid_dw(x, x, 0, z, z_lo); }

/* m d/dx [x sigmoid(z(x))] = m sigmoid(z) (1 + x z'(x) (1 - sigmoid(z))), given
 * g + g_lo = 1 + x z'(x) as a double word: (1 + e g)/d^2 for z >= 0 and
 * e (g + e)/d^2 below, d = 1 + e. In the negative tail f' ~ e^z g, so g's
 * rounding would be the result's; near the root (g + e = 0, z < 0) what
 * cancels is the rounding of e, small against the terms. */
static inline V af_times_sigmoid_grad_times_of(V g, V g_lo, V z, V z_lo, V m, af_exp_parts e)
{
    V one = v_set((T)1);
    M pos = v_ge(z, v_set((T)0));
    V d, d_lo;
    e = af_sigmoid_denominator(e, z, z_lo, &d, &d_lo);
    V ev = af_exp_value_beside_one(e);
    V dd_lo, dd = af_square_dw(d, d_lo, &dd_lo);
    /* (g + g_lo + ev) (e.e + e.lo), a double word times a double word; g
     * comes from a clamped x (swish's z, gelu_tanh's x), so every part is
     * finite (NaN for a NaN x) and needs no test */
    V s_lo, s = af_two_sum(g, ev, &s_lo);
    s_lo = v_add(s_lo, g_lo);
    V n = af_mul_small(s, e.e);
    V n_lo = v_fma(s_lo, e.e, v_fma(s, e.lo, v_fma(s, e.e, v_neg(n))));
    n = v_sel(pos, v_fma(ev, g, one), n);
    n_lo = v_sel(pos, af_mul_small(ev, g_lo), n_lo);
    return af_unscale_by(e, af_div_dw_times_finite(m, n, n_lo, dd, dd_lo), v_sel(pos, one, e.scale));
}

static inline V af_times_sigmoid_grad_times(V g, V g_lo, V z, V z_lo, V m)
{
    V a = v_nabs(z);
    return AF_WITH_EXP_NONPOS(a, af_times_sigmoid_grad_times_of, g, g_lo, z, z_lo, m);
}
