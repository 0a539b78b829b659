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
