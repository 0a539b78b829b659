#!/usr/bin/env python3
"""The README's "proven on all 2^32 floats" tables, from the TSV files of
scripts/run exhaustive (tests/exhaustive.c), in any number of runs: a later
file's line for the same op, parameter set, form and ISA replaces an earlier
one's.

    tests/sweep_table.py build/exhaustive/*.tsv

Prints two Markdown tables: every op at its default parameters (forward and
f', worst over the ISAs swept), and every other parameter set of
tests/sweep_params.c that the files hold. A line says what it claims: the
points it covered (all 2^32, or every S-th float), and, next to the worst
error, whatever broke: the bound, the range, the bits against scalar; the
monotone column counts pairs of consecutive floats that ran backwards."""
import csv
import sys


def ulp(text):
    return float.fromhex(text)


def fmt_ulp(value, where):
    if value == 0:
        return "0"
    shown = f"{value:.3f}".rstrip("0").rstrip(".")
    return f"{shown} at {where.replace('-', '−')}"


def load(paths):
    rows = {}
    for path in paths:
        with open(path, newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                rows[(r["op"], r["params"], r["form"], r["isa"])] = r
    return rows


def merged(rows):
    """op, params -> form -> the worst line over the ISAs, with the ISAs and
    whether anything failed on any of them."""
    out = {}
    for (op, params, form, isa), r in rows.items():
        entry = out.setdefault((op, params), {}).setdefault(
            form, {"worst": None, "isas": [], "failed": [], "mono": None, "stride": r["stride"]})
        entry["isas"].append(isa)
        if entry["worst"] is None or ulp(r["max_ulp"]) > ulp(entry["worst"]["max_ulp"]):
            entry["worst"] = r
        for column, what in (("over", "over the bound"), ("range", "out of range"), ("diff", "not scalar's bits")):
            if r[column] not in ("0", "-"):
                entry["failed"].append(f"{r[column]} floats {what} on {isa}")
        if r["mono_checked"] == "1":
            entry["mono"] = (entry["mono"] or 0) + int(r["mono"])
        if r["stride"] != "1":
            entry["stride"] = r["stride"]
    return out


def cell(entry):
    """The worst error and where; what broke, if anything did. The bounds are
    the accuracy table's (the lines hold the bound of the build that ran)."""
    if entry is None:
        return "not run"
    w = entry["worst"]
    text = fmt_ulp(ulp(w["max_ulp"]), w["max_x"])
    if entry["failed"]:
        text += " (" + ", ".join(entry["failed"]) + ")"
    return text


def monotone(forms):
    m = forms.get("forward", {}).get("mono")
    return "—" if m is None else ("yes" if m == 0 else f"no ({m} pairs)")


def coverage(forms):
    strides = {e["stride"] for e in forms.values()}
    return ", ".join("all" if s == "1" else f"1/{s}" for s in sorted(strides))


def main(paths):
    if not paths:
        sys.exit(__doc__)
    table = merged(load(paths))
    isas = sorted({isa for (_, _, _, isa) in load(paths)})
    print(f"ISAs: {', '.join(isas)} (every other ISA's bits against scalar's)\n")
    print("| function | f(x): max ulp at | f′(x): max ulp at | monotone | floats |")
    print("|---|---|---|---|---|")
    for (op, params), forms in sorted(table.items()):
        if params == "default":
            print(f"| {op} | {cell(forms.get('forward'))} | {cell(forms.get('grad'))} | {monotone(forms)} | {coverage(forms)} |")
    extras = [(k, v) for k, v in sorted(table.items()) if k[1] != "default"]
    if extras:
        print("\n| function | parameters | f(x): max ulp at | f′(x): max ulp at | monotone | floats |")
        print("|---|---|---|---|---|---|")
        for (op, params), forms in extras:
            print(f"| {op} | {params} | {cell(forms.get('forward'))} | {cell(forms.get('grad'))} | {monotone(forms)} | {coverage(forms)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
