/* c[0] t^degree + c[1] t^(degree - 1) + ... + c[degree] by Horner's rule, one
 * FMA per coefficient: the evaluation order the fits of tools/ were checked
 * with, so that every ISA rounds each step alike. */
static inline V af_horner(V t, const T *c, int degree)
{
    V p = v_set(c[0]);
    for (int i = 1; i <= degree; i++)
        p = v_fma(p, t, v_set(c[i]));
    return p;
}

/* The same polynomial as E(t^2) + t O(t^2), its even and odd halves by
 * Horner's rule in t^2: two independent chains of degree/2 FMAs where
 * Horner has one of degree. For the float kernels that run in double
 * (kernels/wide.h), whose speed is the length of that chain (a loop's
 * iterations overlap only as far as the core's window reaches), and whose
 * fits leave a margin of 2^10 and more over the roundings of either order. */
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
