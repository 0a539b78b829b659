#!/usr/bin/python3
"""Coefficients of kernels/act/exp.h, pasted into kernels/act/constants.h.

e^r = 1 + r + r^2 P(r) on the reduced range |r| <= ln2/2 (plus a margin for
the rounding of k): P is a Chebyshev fit (mpmath.chebyfit, near-minimax) of
(e^r - 1 - r)/r^2, its coefficients rounded to the dtype, printed as C hex
literals, highest degree first, with the error of 1 + r + r^2 P(r) relative
to e^r measured after that rounding.

The third table, EXP_OF_FLOAT, is for the float kernels that run in double
(kernels/wide.h): a float result needs e^r to about 2^-30, not 2^-53, and
degree 6 gives 2^-37.6 (and e^r - 1 = r + r^2 P(r) to 2^-36.4 relative).

Run: /usr/bin/python3 tools/exp_poly.py   (Debian's python3-mpmath)
"""

import mpmath as mp

from dtypes import hex_f32, hex_f64, to_float

mp.mp.dps = 60
R = mp.mpf("0.35")


def p(r):
    if r == 0:
        return mp.mpf(1) / 2
    return (mp.exp(r) - 1 - r) / r**2


for table, degree, rnd, hexify in (("EXP_POLY_f32", 5, to_float, hex_f32), ("EXP_POLY_f64", 10, float, hex_f64),
                                   ("EXP_OF_FLOAT_POLY", 6, float, hex_f64)):
    coeffs = [mp.mpf(rnd(c)) for c in mp.chebyfit(p, [-R, R], degree + 1)]
    err = max(abs((1 + r + r * r * mp.polyval(coeffs, r)) / mp.exp(r) - 1) for r in mp.linspace(-R, R, 2001))
    err_m1 = max(abs((r + r * r * mp.polyval(coeffs, r)) / mp.expm1(r) - 1) for r in mp.linspace(-R, R, 2000))
    degree_name = table.replace("POLY", "DEGREE")
    print(f"/* P of degree {degree}, error 2^{float(mp.log(err, 2)):.1f} relative to e^r"
          f" (r + r^2 P: 2^{float(mp.log(err_m1, 2)):.1f} relative to e^r - 1) */")
    print(f"#define {degree_name} {degree}")
    print(f"AF_POLY_TABLE {'float' if rnd is to_float else 'double'} {table}[{degree_name} + 1] = {{")
    print("    " + ", ".join(hexify(c) for c in coeffs) + "};")
