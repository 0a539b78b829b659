/* gelu_tanh(x) = x/2 (1 + tanh u), u = sqrt(2/pi) (x + 0.044715 x^3): with
 * 1 + tanh u = 2 sigmoid(2u) it is x sigmoid(z), z = 2u, and times_sigmoid.h
 * does the rest. For x < -3 sigmoid(z)'s condition number |z| (87 at x = -10)
 * would turn the rounding of z into tens of ulps, so z is formed as a double
 * word from double-word constants:
 *   z = C x (1 + K x^2),  C = 2 sqrt(2/pi),  K = 0.044715 (both HI + LO).
 * x is clamped to +-1e4 first (z = +-7e10 there, far past sigmoid's
 * saturation), so x^3 cannot overflow and gelu_tanh'(1e30) = 1. */

/* C x (1 + k x^2) as hi + *lo, for k = K or 3K, given x^2 = q + q_lo, x
 * clamped: every part is finite (NaN for a NaN x), and x w needs no test. */
static inline V gelu_tanh_cubic(V x, V q, V q_lo, V k_hi, V k_lo, V *lo)
{
    V kq = af_mul_small(k_hi, q);
    V kq_lo = v_fma(k_lo, q, v_fma(k_hi, q_lo, v_fma(k_hi, q, v_neg(kq))));
    V w_lo, w = af_two_sum(v_set((T)1), kq, &w_lo);
    V v_lo, v = af_mul_dw_finite(x, w, v_add(w_lo, kq_lo), &v_lo);
    V c_hi = v_set(AF_K(GELU_TANH_C_HI));
    V z = af_mul_small(c_hi, v);
    *lo = v_fma(v_set(AF_K(GELU_TANH_C_LO)), v, v_fma(c_hi, v_lo, v_fma(c_hi, v, v_neg(z))));
    return z;
}

/* z(x) = C x (1 + K x^2) as hi + *lo, x clamped. */
static inline V gelu_tanh_z(V x, V *lo)
{
    V xc = af_clamp_x(x);
    V q_lo, q = af_square_dw(xc, v_set((T)0), &q_lo);
    return gelu_tanh_cubic(xc, q, q_lo, v_set(AF_K(GELU_TANH_K_HI)), v_set(AF_K(GELU_TANH_K_LO)), lo);
}

/* factor sigmoid(z(arg)) (small_x.h) */
static inline V gelu_tanh_forward_at(V factor, V arg, const VP *k)
{
    (void)k;
    V z_lo, z = gelu_tanh_z(arg, &z_lo);
    return af_times_sigmoid(factor, z, z_lo);
}

static inline V gelu_tanh_forward(V x, const VP *k) { return af_times_small_x(x, k, gelu_tanh_forward_at, (T)0.5); }

/* g = 1 + x z'(x) as a double word: in the far negative tail f' ~ e^z g.
 * Below TINY f'(x) = 1/2 + 0.8 x rounds as f'(0) = 1/2, and m f'(x) as m/2
 * (which lies on the grid, 2^-55 of m and more from a rounding boundary):
 * x is taken as 0 there, which keeps it and its products, subnormal or
 * not, out of the arithmetic. */
static inline V gelu_tanh_grad_times(V x, V m, const VP *k)
{
    (void)k;
    V xc = af_clamp_x(af_zero_if_tiny(x));
    V q_lo, q = af_square_dw(xc, v_set((T)0), &q_lo);
    V z_lo, z = gelu_tanh_cubic(xc, q, q_lo, v_set(AF_K(GELU_TANH_K_HI)), v_set(AF_K(GELU_TANH_K_LO)), &z_lo);
    V xdz_lo, xdz = gelu_tanh_cubic(xc, q, q_lo, v_set(AF_K(GELU_TANH_K3_HI)), v_set(AF_K(GELU_TANH_K3_LO)), &xdz_lo);
    V g_lo, g = af_two_sum(v_set((T)1), xdz, &g_lo);
    return af_times_sigmoid_grad_times(g, v_add(g_lo, xdz_lo), z, z_lo, m);
}

#if AF_IS_F64
/* For float arrays (kernels/wide.h), in double: z = C x (1 + K x^2) from the
 * exact x^2 in two roundings, so that sigmoid(z) is within |z| 2^-51 of
 * itself before e^-|z| (af_exp_of_float, 2^-37.6) enters, and x sigmoid(z)
 * is x/(1 + e) for z >= 0 and x e/(1 + e) below: within 0.5 + 2^-12 ulp of
 * float. x is clamped to +-1e4 as in the float formula. */
static inline V gelu_tanh_float_z(V x, V k_hi)
{
    return v_mul(v_mul(v_set(GELU_TANH_C_HI_f64), x), v_fma(k_hi, v_mul(x, x), v_set(1.0)));
}

static inline V gelu_tanh_float_forward(V x, const VP *k)
{
    (void)k;
    V xc = af_clamp_x(x), z = gelu_tanh_float_z(xc, v_set(GELU_TANH_K_HI_f64));
    V e = af_exp_of_float(v_nabs(z));
    return v_div(v_sel(v_ge(z, v_set(0.0)), x, v_mul(xc, e)), v_add(v_set(1.0), e));
}
#define gelu_tanh_float_forward_interleaves 1

/* f' = sigmoid(z) (1 + x z' (1 - sigmoid(z))), x z' = C x (1 + 3K x^2):
 * (d + x z' e)/d^2 for z >= 0 and e (d + x z')/d^2 below, d = 1 + e; near
 * the root, where d + x z' cancels, the double body's f' (ROOT_WINDOW). */
static inline V gelu_tanh_float_grad_times(V x, V m, const VP *k)
{
    V xc = af_clamp_x(x), z = gelu_tanh_float_z(xc, v_set(GELU_TANH_K_HI_f64));
    V xdz = gelu_tanh_float_z(xc, v_set(GELU_TANH_K3_HI_f64));
    V e = af_exp_of_float(v_nabs(z)), d = v_add(v_set(1.0), e);
    V n = v_sel(v_ge(z, v_set(0.0)), v_fma(xdz, e, d), v_mul(e, v_add(d, xdz)));
    V r = v_div(v_mul(m, n), v_mul(d, d));
    return af_grad_near_root_from_double(x, m, r, GELU_TANH_GRAD_ROOT, gelu_tanh_grad_times, k);
}
#define gelu_tanh_float_grad_times_takes_infinite_m 1
#define gelu_tanh_float_grad_times_interleaves 1
#endif
