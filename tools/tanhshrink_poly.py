#!/usr/bin/python3
"""Coefficients of kernels/act/tanhshrink.h, pasted into kernels/act/constants.h.

On |x| < 1, (x - tanh x)/x^3 = 1/3 + t Q(t) with t = x^2. 1/3 is kept exact
as a double word (HI + LO), and Q is a Chebyshev fit (mpmath.chebyfit,
near-minimax) of h(t) = ((sqrt t - tanh sqrt t)/sqrt(t)^3 - 1/3)/t over
[0, 1], printed as C hex literals, highest degree first, with the fit's
error relative to 1/3 + t h(t). The singularity nearest [0, 1] is
t = -pi^2/4 (tanh's pole at i pi/2), which limits the fit to ~3.5 bits per
degree: degree 7 for float, 16 for double.

Run: /usr/bin/python3 tools/tanhshrink_poly.py   (Debian's python3-mpmath)
"""

import mpmath as mp

from dtypes import hex_f32, hex_f64, to_float

mp.mp.dps = 60
THIRD = mp.mpf(1) / 3


def h(t):
    if t == 0:
        return mp.mpf(-2) / 15
    x = mp.sqrt(t)
    return ((x - mp.tanh(x)) / x**3 - THIRD) / t


for name, degree, rnd, hexify in (("f32", 7, to_float, hex_f32), ("f64", 16, float, hex_f64)):
    coeffs, err = mp.chebyfit(h, [0, 1], degree + 1, error=True)
    g1 = THIRD + h(1)
    third_hi = rnd(THIRD)
    third_lo = rnd(THIRD - mp.mpf(third_hi))
    print(f"/* {name}: Q of degree {degree}, error 2^{float(mp.log(err / g1, 2)):.1f} relative to the result */")
    print(f"#define TANHSHRINK_THIRD_HI_{name} {hexify(third_hi)}")
    print(f"#define TANHSHRINK_THIRD_LO_{name} {hexify(third_lo)}")
    print(f"#define TANHSHRINK_DEGREE_{name} {degree}")
    print(f"static const {'float' if name == 'f32' else 'double'} TANHSHRINK_POLY_{name}[TANHSHRINK_DEGREE_{name} + 1] = {{")
    print("    " + ", ".join(hexify(c) for c in coeffs) + "};")
