#!/usr/bin/python3
"""Coefficients of gelu's erf on |u| <= 1/2 (kernels/act/gelu.h), pasted into
kernels/act/constants.h.

erf(u) = u (C0 + t Q(t)), t = u^2 in [0, 1/4]: C0 = 2/sqrt(pi) as HI + LO,
Q a Chebyshev fit (mpmath.chebyfit, near-minimax) of (erf(u)/u - C0)/t,
its coefficients rounded to the dtype and printed as C hex literals, highest
degree first, with the error of C0 + t Q(t) relative to erf(u)/u measured
after that rounding.

Run: /usr/bin/python3 tools/erf_poly.py   (Debian's python3-mpmath)
"""

import mpmath as mp

from dtypes import hex_f32, hex_f64, to_float

mp.mp.dps = 60
C0 = 2 / mp.sqrt(mp.pi)


def q(t):
    if t == 0:
        return -C0 / 3
    u = mp.sqrt(t)
    return (mp.erf(u) / u - C0) / t


for name, degree, rnd, hexify in (("f32", 4, to_float, hex_f32), ("f64", 9, float, hex_f64)):
    coeffs = [mp.mpf(rnd(c)) for c in mp.chebyfit(q, [0, mp.mpf(1) / 4], degree + 1)]
    c0_hi = rnd(C0)
    c0_lo = rnd(C0 - mp.mpf(c0_hi))
    err = max(abs((mp.mpf(c0_hi) + mp.mpf(c0_lo) + t * mp.polyval(coeffs, t)) / (mp.erf(mp.sqrt(t)) / mp.sqrt(t)) - 1)
              for t in mp.linspace(mp.mpf(1) / 10**30, mp.mpf(1) / 4, 2001))
    print(f"/* {name}: Q of degree {degree}, error 2^{float(mp.log(err, 2)):.1f} relative to erf(u) */")
    print(f"#define GELU_ERF_C0_HI_{name} {hexify(c0_hi)}")
    print(f"#define GELU_ERF_C0_LO_{name} {hexify(c0_lo)}")
    print(f"#define GELU_ERF_DEGREE_{name} {degree}")
    print(f"static const {'float' if name == 'f32' else 'double'} GELU_ERF_POLY_{name}[GELU_ERF_DEGREE_{name} + 1] = {{")
    print("    " + ", ".join(hexify(c) for c in coeffs) + "};")
