#!/usr/bin/python3
"""Coefficients of gelu's erfc for u >= 1/2 (kernels/act/gelu.h), pasted into
kernels/act/constants.h.

erfc(u) = e^(-u^2) P(t)/(1 + 2u),  t = (u - K)/(u + K) in [t(1/2), 1)
(the variable of Shepherd and Laframboise, 1981): P(t) = erfcx(u) (1 + 2u)
lies in [1.128, 1.232] for all u >= 1/2 and is smooth in t up to t = 1
(u = inf), so one polynomial covers the whole half line. P = C0_HI + C0_LO +
t Q(t), each coefficient fitted (mpmath.chebyfit) to what the coefficients
before it, already rounded to the dtype, left over, so that their rounding
does not add up. The error printed is that of P evaluated as the kernel does:
t from u in the dtype's arithmetic, Q as af_poly evaluates it (poly_as_kernel),
t Q rounded once and added to C0 as a double word.

The third table, GELU_FLOAT_ERFC, is for the float gelu that runs in double
(kernels/wide.h): P/2 on the whole range, as one plain polynomial in t with
double coefficients, to the 2^-28 that a float result needs (no C0 split:
P's error is far above the roundings of its evaluation in double). The
kernel forms t from a = |x| = u sqrt 2, as (a - KA)/(a + KA) with KA = K sqrt 2
rounded to double, so the fit takes K = KA/sqrt 2 exactly, and a up to
GELU_FLOAT_A_MAX.

Run: /usr/bin/python3 tools/erfc_poly.py [--float]   (Debian's python3-mpmath;
--float prints the third table only)
"""

import mpmath as mp

from dtypes import hex_f32, hex_f64, to_float

mp.mp.dps = 60


def erfcx_poly(k):
    def p(t):
        if t == 1:
            return 2 / mp.sqrt(mp.pi)
        u = k * (1 + t) / (1 - t)
        return mp.erfc(u) * mp.exp(u * u) * (1 + 2 * u)
    return p


def fit(p, lo, hi, degree, rnd):
    """C0_HI, C0_LO and Q's coefficients, highest first."""
    c = mp.chebyfit(p, [lo, hi], degree + 1)
    c0_hi = rnd(c[-1])
    return c0_hi, rnd(c[-1] - mp.mpf(c0_hi)), [rnd(x) for x in c[:-1]]


ESTRIN_DEGREE = 8  # kernels/act/poly.h's AF_POLY_ESTRIN_DEGREE


def poly_as_kernel(c, t, rnd):
    """c (highest degree first) at t as kernels/act/poly.h's af_poly
    rounds it: by FMA Horner, or from ESTRIN_DEGREE on by Estrin's scheme
    (af_estrin)."""
    degree = len(c) - 1
    if degree < ESTRIN_DEGREE:
        acc = mp.mpf(c[0])
        for x in c[1:]:
            acc = mp.mpf(rnd(acc * t + x))
        return acc
    rev = c[::-1]  # rev[i] is the coefficient of t^i
    p = [mp.mpf(rnd(rev[i + 1] * t + rev[i])) if i + 1 <= degree else mp.mpf(rev[i]) for i in range(0, degree + 1, 2)]
    power = t
    while len(p) > 1:
        power = mp.mpf(rnd(power * power))
        p = [mp.mpf(rnd(p[i + 1] * power + p[i])) if i + 1 < len(p) else p[i] for i in range(0, len(p), 2)]
    return p[0]


def kernel_error(p, k, c0_hi, c0_lo, q, rnd):
    """Largest error of P, relative, as the kernel evaluates it, over u."""
    worst = 0
    us = [mp.mpf(1) / 2 + i * mp.mpf(1) / 500 for i in range(2500)] + [mp.mpf(2) ** (e / 16) for e in range(48, 16 * 14)]
    for u in us:
        u = mp.mpf(rnd(u))
        t = mp.mpf(rnd(mp.mpf(rnd(u - k)) / mp.mpf(rnd(u + k))))
        tq = mp.mpf(rnd(poly_as_kernel(q, t, rnd) * t))
        hi = mp.mpf(rnd(c0_hi + tq))
        lo = mp.mpf(rnd(mp.mpf(rnd(c0_hi - hi)) + tq)) + mp.mpf(c0_lo)
        worst = max(worst, abs((hi + lo) / p((u - k) / (u + k)) - 1))
    return worst


def float_table():
    ka, degree, a_max = mp.mpf(float(3 * mp.sqrt(2))), 10, mp.mpf(15)
    k = ka / mp.sqrt(2)
    p = erfcx_poly(k)
    half = lambda t: p(t) / 2
    hi = (a_max - ka) / (a_max + ka)
    c = [mp.mpf(float(x)) for x in mp.chebyfit(half, [-1, hi], degree + 1)]
    err = max(abs(mp.polyval(c, t) / half(t) - 1) for t in mp.linspace(-1, hi, 4000))
    print(f"/* float in double: KA = 3 sqrt 2, a in [0, {mp.nstr(a_max, 3)}], P/2 of degree {degree},"
          f" error 2^{float(mp.log(err, 2)):.1f} relative */")
    print(f"#define GELU_FLOAT_ERFC_KA {hex_f64(ka)}")
    print(f"#define GELU_FLOAT_A_MAX {float(a_max)!r}")
    print(f"#define GELU_FLOAT_ERFC_DEGREE {degree}")
    print("AF_POLY_TABLE double GELU_FLOAT_ERFC_POLY[GELU_FLOAT_ERFC_DEGREE + 1] = {")
    print("    " + ", ".join(hex_f64(x) for x in c) + "};")


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["--float"]:
        float_table()
        sys.exit(0)
    for name, k, degree, rnd, hexify in (("f32", 2, 12, to_float, hex_f32), ("f64", mp.mpf("3.75"), 24, float, hex_f64)):
        k = mp.mpf(k)
        p = erfcx_poly(k)
        lo = (mp.mpf(1) / 2 - k) / (mp.mpf(1) / 2 + k)
        c0_hi, c0_lo, q = fit(p, lo, mp.mpf(1), degree, rnd)
        err = kernel_error(p, k, c0_hi, c0_lo, q, rnd)
        T = "float" if name == "f32" else "double"
        print(f"/* {name}: K = {mp.nstr(k, 3)}, Q of degree {degree - 1}, error 2^{float(mp.log(err, 2)):.1f} relative to P */")
        print(f"#define GELU_ERFC_K_{name} {hexify(k)}")
        print(f"#define GELU_ERFC_C0_HI_{name} {hexify(c0_hi)}")
        print(f"#define GELU_ERFC_C0_LO_{name} {hexify(c0_lo)}")
        print(f"#define GELU_ERFC_DEGREE_{name} {degree - 1}")
        print(f"static const {T} GELU_ERFC_POLY_{name}[GELU_ERFC_DEGREE_{name} + 1] = {{")
        print("    " + ", ".join(hexify(c) for c in q) + "};")
        sys.stdout.flush()
