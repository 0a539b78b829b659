#!/usr/bin/python3
"""Coefficients of af_log1p_unit (kernels/act/log1p.h), pasted into
kernels/act/constants.h.

log(1 + f) = 2 atanh(s) = 2s + s^3 R(s^2), s = f/(2 + f), |s| <= S =
(sqrt 2 - 1)/(sqrt 2 + 1): R a Chebyshev fit (mpmath.chebyfit, near-minimax)
of (2 atanh(sqrt t)/sqrt t - 2)/t on t in [0, S^2], its coefficients rounded
to the dtype, printed as C hex literals, highest degree first, with the error
of s^3 R(s^2) relative to 2 atanh(s) measured after that rounding.

The third table, LOG1P_FLOAT, is for the float kernels that run in double
(af_log1p_of_unit_float): log(1 + e) = e Q(e) on the whole of e in [0, 1],
Q a Chebyshev fit of log(1 + e)/e of degree 11 with double coefficients,
2^-32.8 relative, what a float result needs (no reduction, no division).

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


for table, degree, rnd, hexify in (("LOG1P_POLY_f32", 3, to_float, hex_f32), ("LOG1P_POLY_f64", 8, float, hex_f64)):
    coeffs = [mp.mpf(rnd(c)) for c in mp.chebyfit(r, [0, S * S], degree + 1)]
    err = max(abs((2 * s + s**3 * mp.polyval(coeffs, s * s)) / (2 * mp.atanh(s)) - 1)
              for s in mp.linspace(S / 10**6, S, 2001))
    degree_name = table.replace("POLY", "DEGREE")
    print(f"/* R of degree {degree}, error 2^{float(mp.log(err, 2)):.1f} relative to log(1 + f) */")
    print(f"#define {degree_name} {degree}")
    print(f"AF_POLY_TABLE {'float' if rnd is to_float else 'double'} {table}[{degree_name} + 1] = {{")
    print("    " + ", ".join(hexify(c) for c in coeffs) + "};")


def q(e):
    return mp.log1p(e) / e if e != 0 else mp.mpf(1)


DEGREE = 11
coeffs = [mp.mpf(float(c)) for c in mp.chebyfit(q, [0, 1], DEGREE + 1)]
err = max(abs(mp.polyval(coeffs, e) / q(e) - 1) for e in mp.linspace(0, 1, 4001))
print(f"/* Q of degree {DEGREE}, error 2^{float(mp.log(err, 2)):.1f} relative to log(1 + e) */")
print(f"#define LOG1P_FLOAT_DEGREE {DEGREE}")
print("AF_POLY_TABLE double LOG1P_FLOAT_POLY[LOG1P_FLOAT_DEGREE + 1] = {")
print("    " + ", ".join(hex_f64(c) for c in coeffs) + "};")
