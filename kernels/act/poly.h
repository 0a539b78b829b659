/* Polynomials c[0] t^degree + c[1] t^(degree - 1) + ... + c[degree], highest
 * degree first, in an evaluation order fixed here, so that every ISA rounds
 * each step alike.
 *
 * A kernel's speed is the length of its longest chain of dependent
 * instructions as much as their number: a loop's iterations overlap only as
 * far as the core's window reaches. Horner's rule is one chain of `degree`
 * FMAs; af_horner_even_odd splits it into two of half the length, and
 * af_estrin into a tree of about log2(degree) + 1 levels. */

/* The polynomial as E(t^2) + t O(t^2), its even and odd halves by Horner's
 * rule in t^2: two independent chains of degree/2 FMAs. The float kernels
 * that run in double (kernels/wide.h) call it directly: their fits (2^-37 to
 * 2^-40) leave a margin of 2^10 and more over the roundings of either order. */
static inline V af_horner_even_odd(V t, const T *c, int degree)
{
    V t2 = v_mul(t, t);
    int top_even = degree - degree % 2, top_odd = degree - 1 + degree % 2;
    V even = v_set(c[degree - top_even]), odd = v_set(c[degree - top_odd]);
    for (int j = top_even - 2; j >= 0; j -= 2)
        even = v_fma(even, t2, v_set(c[degree - j]));
    for (int j = top_odd - 2; j >= 1; j -= 2)
        odd = v_fma(odd, t2, v_set(c[degree - j]));
    return v_fma(odd, t, even);
}

/* Estrin's scheme: the pairs c + c' t, then pairs of those in t^2, t^4,
 * ..., each level one FMA deep (up to degree 31). */
static inline V af_estrin(V t, const T *c, int degree)
{
    V p[16];
    int m = 0;
    for (int i = 0; i <= degree; i += 2)
        p[m++] = i < degree ? v_fma(v_set(c[degree - i - 1]), t, v_set(c[degree - i])) : v_set(c[degree - i]);
    for (V power = t; m > 1;) {
        power = v_mul(power, power);
        int k = 0;
        for (int i = 0; i < m; i += 2, k++)
            p[k] = i + 1 < m ? v_fma(p[i + 1], power, p[i]) : p[i];
        m = k;
    }
    return p[0];
}

/* The kernels' polynomials: Horner's rule, one FMA per coefficient, up to
 * degree 7 (the float polynomials); from degree 8 (the double ones: exp's
 * 10, erfc's 23, tanhshrink's 16) Estrin's scheme. Against Horner that made
 * the double kernels built on exp and erfc 1.05-1.33x faster, 1.14x at the
 * median (AMD Zen 5, n = 4096; even and odd halves gave about half of it).
 * In every such polynomial the terms fall off fast from the constant one
 * (|t| <= 0.35 for exp, t Q below C0/5 for erfc, alternating series in
 * t <= 1 for tanhshrink and gelu's tail), so no level cancels and either
 * order's roundings are a few units of the last place of the result;
 * tools/erfc_poly.py models the order (P of erfc: 2^-53.7 relative,
 * Horner's 2^-53.9), and the tests hold every bound. Estrin forms t^2 up to
 * t^8 (degree 8 to 15) or t^16 (16 to 31), which a caller keeps normal in
 * double: |t| at least 2^-127 or 2^-63 (or 0). exp's r, erfc's t, erf's and
 * log1p's squares (2^-124 and up) and gelu's tail's 1/g^2 are; tanhshrink's
 * x^2 is raised to 2^-60. */
#define AF_POLY_ESTRIN_DEGREE 8
static inline V af_poly(V t, const T *c, int degree)
{
    if (degree >= AF_POLY_ESTRIN_DEGREE)
        return af_estrin(t, c, degree);
    V p = v_set(c[0]);
    for (int i = 1; i <= degree; i++)
        p = v_fma(p, t, v_set(c[i]));
    return p;
}
