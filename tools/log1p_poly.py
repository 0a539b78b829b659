#!/usr/bin/python3
"""Coefficients of af_log1p_unit (kernels/act/log1p.h), pasted into
kernels/act/constants.h.

log(1 + f) = 2 atanh(s) = 2s + s^3 R(s^2), s = f/(2 + f), |s| <= S =
(sqrt 2 - 1)/(sqrt 2 + 1): R a Chebyshev fit (mpmath.chebyfit, near-minimax)
of (2 atanh(sqrt t)/sqrt t - 2)/t on t in [0, S^2], its coefficients rounded
to the dtype, printed as C hex literals, highest degree first, with the error
of s^3 R(s^2) relative to 2 atanh(s) measured after that rounding.

Run: /usr/bin/python3 tools/log1p_poly.py   (Debian's python3-mpmath)
"""

import mpmath as mp

from dtypes import hex_f32, hex_f64, to_float

mp.mp.dps = 60
S = (mp.sqrt(2) - 1) / (mp.sqrt(2) + 1) * mp.mpf("1.0001")


def r(t):
    if t == 0:
        return mp.mpf(2) / 3
    s = mp.sqrt(t)
    return (2 * mp.atanh(s) / s - 2) / t


for name, degree, rnd, hexify in (("f32", 3, to_float, hex_f32), ("f64", 8, float, hex_f64)):
    coeffs = [mp.mpf(rnd(c)) for c in mp.chebyfit(r, [0, S * S], degree + 1)]
    err = max(abs((2 * s + s**3 * mp.polyval(coeffs, s * s)) / (2 * mp.atanh(s)) - 1)
              for s in mp.linspace(S / 10**6, S, 2001))
    print(f"/* {name}: R of degree {degree}, error 2^{float(mp.log(err, 2)):.1f} relative to log(1 + f) */")
    print(f"#define LOG1P_DEGREE_{name} {degree}")
    print(f"static const {'float' if name == 'f32' else 'double'} LOG1P_POLY_{name}[LOG1P_DEGREE_{name} + 1] = {{")
    print("    " + ", ".join(hexify(c) for c in coeffs) + "};")
