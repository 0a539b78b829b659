"""What every fitting script of tools/ shares: rounding a coefficient to float
and printing it as a C hex literal of either dtype."""
import struct


def to_float(v):
    """v rounded to the nearest float (binary32), as a Python float."""
    return struct.unpack("f", struct.pack("f", float(v)))[0]


def hex_f32(v):
    mantissa, exponent = float.hex(to_float(v)).split("p")
    return mantissa.rstrip("0").rstrip(".") + "p" + exponent + "f"


def hex_f64(v):
    return float.hex(float(v))
