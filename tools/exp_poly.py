#!/usr/bin/python3
"""Coefficients of kernels/act/exp.h, pasted into kernels/act/constants.h.

e^r = 1 + r + r^2 P(r) on the reduced range |r| <= ln2/2 (plus a margin for
the rounding of k): P is a Chebyshev fit (mpmath.chebyfit, near-minimax) of
(e^r - 1 - r)/r^2, its coefficients rounded to the dtype, printed as C hex
literals, highest degree first, with the error of 1 + r + r^2 P(r) relative
to e^r measured after that rounding.

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


for name, degree, rnd, hexify in (("f32", 5, to_float, hex_f32), ("f64", 10, float, hex_f64)):
    coeffs = [mp.mpf(rnd(c)) for c in mp.chebyfit(p, [-R, R], degree + 1)]
    err = max(abs((1 + r + r * r * mp.polyval(coeffs, r)) / mp.exp(r) - 1) for r in mp.linspace(-R, R, 2001))
    print(f"/* {name}: P of degree {degree}, error 2^{float(mp.log(err, 2)):.1f} relative to e^r */")
    print(f"#define EXP_DEGREE_{name} {degree}")
    print(f"static const {'float' if name == 'f32' else 'double'} EXP_POLY_{name}[EXP_DEGREE_{name} + 1] = {{")
    print("    " + ", ".join(hexify(c) for c in coeffs) + "};")
