#!/usr/bin/env python3
"""Draws docs/gallery from the tables that actfast_gallery_data writes: one PNG
per function, f and f' overlaid, and README.md, the page that shows them with
each function's definition as include/actfast.h states it.

    /usr/bin/python3 docs/gallery/plot.py DATA_DIR OUT_DIR    (scripts/run gallery runs it)

Standard library and matplotlib (Debian: python3-matplotlib) only. The PNGs
carry no version or date, so a rerun on the same data rewrites the same bytes.
"""
import argparse
import math
import pathlib
import re

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt

HEADER = pathlib.Path(__file__).resolve().parents[2] / "include" / "actfast.h"
# Between grid neighbours no function of the catalog, nor its derivative, is
# steeper than about 2 except across a jump (the smallest, hardsigmoid' at +-3,
# is 1/6 over a step of 1/64, slope 10.7): steeper than this, the line breaks.
JUMP_SLOPE = 8


def read_table(path):
    """The "# key: value" lines of one table as a dict, and its columns."""
    meta, columns = {}, None
    for line in path.read_text().splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition(":")
            meta[key] = value.strip()
        elif columns is None:
            columns = {name: [] for name in line.split(",")}
        else:
            for column, value in zip(columns.values(), line.split(",")):
                column.append(float(value))
    return meta, columns


def parameters(meta):
    """"slope = 0.01, ..." from "slope=0.01, ...": the defaults, briefly."""
    pairs = [p.split("=") for p in meta["params"].split(",") if p]
    return ", ".join(f"{name.strip()} = {float(value):g}" for name, value in pairs)


def clauses(text):
    """Splits a comment, outside brackets ("(-inf, 0]" counts as a pair), at ';',
    at '. ', and at 'x: ' once a formula (" = ") came before it ('x ? a : b' is
    part of a formula)."""
    depth, start = 0, 0
    for i, c in enumerate(text):
        depth += (c in "([") - (c in ")]")
        ends = c == ";" or (c in ".:" and text[i + 1:i + 2] in (" ", ""))
        if c == ":":
            ends = ends and text[i - 1] != " " and " = " in text[start:i]
        if depth == 0 and ends:
            yield text[start:i].strip()
            start = i + 1
    yield text[start:].strip()


def definitions(header):
    """name -> the clause of the comment above actfast_<name>_f32 that defines
    f: the first that starts with the name or gives a formula."""
    found = {}
    for body, name in re.findall(r"/\*((?:(?!\*/).)*)\*/\s*ACTFAST_API actfast_status actfast_(\w+?)_f32\(",
                                 header, re.S):
        text = " ".join(line.strip().lstrip("*").strip() for line in body.splitlines())
        text = " ".join(text.split())
        found[name] = next((c for c in clauses(text) if c.startswith(name) or " = " in c), text)
    return found


def with_breaks(x, y):
    """x and y with a NaN between neighbours across a jump, which the line skips."""
    xs, ys = [x[0]], [y[0]]
    for i in range(1, len(x)):
        if abs(y[i] - y[i - 1]) > JUMP_SLOPE * (x[i] - x[i - 1]):
            xs.append(math.nan)
            ys.append(math.nan)
        xs.append(x[i])
        ys.append(y[i])
    return xs, ys


def labels(meta):
    """Axis and legend labels: f(x) and f'(x), for a row-wise function the
    component drawn, for a gated unit y over the gate."""
    if "row" in meta:
        return r"$x_0$", r"$y_0$", r"$\partial y_0 / \partial x_0$"
    if "a" in meta:
        return r"$\mathrm{gate}$", r"$y$", r"$\partial y / \partial\,\mathrm{gate}$"
    return r"$x$", r"$f(x)$", r"$f\,'(x)$"


def plot(meta, columns, path):
    x, f, df = columns["x"], columns["f"], columns["df"]
    xlabel, flabel, dflabel = labels(meta)
    fig, ax = plt.subplots(figsize=(4.8, 3.0), dpi=100)
    ax.axhline(0, color="0.75", linewidth=0.6)
    ax.axvline(0, color="0.75", linewidth=0.6)
    ax.plot(*with_breaks(x, f), color="C0", linewidth=1.8, label=flabel)
    ax.plot(*with_breaks(x, df), color="C1", linewidth=1.4, linestyle="--", label=dflabel)
    ax.set_xlim(x[0], x[-1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(f"{flabel}, {dflabel}")
    ax.grid(True, linewidth=0.4, alpha=0.5)
    title = meta["name"]
    if meta["params"]:
        title += f"   ({parameters(meta)})"
    if "row" in meta:
        title += f"   on the row {meta['row']}"
    if "a" in meta:
        title += f"   at a = {float(meta['a']):g}"
    ax.set_title(title, fontsize=9, family="monospace")
    ax.legend(loc="best", fontsize=8, framealpha=0.9)
    fig.tight_layout(pad=0.4)
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def caption(meta, definition):
    """One table cell: name, definition, defaults and, for a row-wise function
    or a gated unit, what is drawn ('|' escaped for the Markdown table)."""
    lines = [f"**`{meta['name']}`**", f"`{definition}`"]
    if meta["params"]:
        lines.append(f"defaults: {parameters(meta)}")
    if "row" in meta:
        lines.append(f"drawn: y₀ of the row {meta['row']} over x₀, and ∂y₀/∂x₀")
    if "a" in meta:
        lines.append(f"drawn: y = a·act(gate) at a = {float(meta['a']):g} over the gate, and ∂y/∂gate")
    return "<br>".join(lines).replace("|", r"\|")


def page(tables, defs, x_range):
    rows = "\n".join(f"| {caption(meta, defs[meta['name']])} | ![{meta['name']}]({meta['name']}.png) |"
                     for meta, _ in tables)
    return f"""# Gallery

Every function of libactfast (blue) and its derivative (orange, dashed), as the
library computes them: `docs/gallery/gallery_data.c` runs each op of the op
table through `actfast_apply` (a gated unit through `actfast_apply_gated`) in
double precision with the defaults of `actfast_default_params`, and
`docs/gallery/plot.py` draws the results. Both run from `scripts/run gallery`,
which rewrites this page; do not edit it by hand.

x runs over [{x_range[0]:g}, {x_range[1]:g}] in steps of 1/64, so every kink is a grid
point and the value plotted there is the library's (relu′(0) = 0, leaky_relu′(0)
= slope, ...); a jump is drawn as a gap. The generic entry runs prelu with one
weight for every element and rrelu in eval mode, with slope (lower + upper)/2.
A row-wise function is drawn as one component of the row its caption gives:
its forward, and its backward from y with dy = 1 on that component, 0 elsewhere.
A gated unit y = a * act(gate) is drawn over the gate at the a its caption gives:
its forward, and from its backward with dy = 1 the gradient dgate; at a = 1
these are act(gate) and act′(gate).

| function | f and f′ |
|---|---|
{rows}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=pathlib.Path, help="the tables of actfast_gallery_data")
    parser.add_argument("out_dir", type=pathlib.Path, help="where the PNGs and README.md go")
    args = parser.parse_args()
    plt.rcParams.update({"font.size": 8})
    tables = sorted((read_table(p) for p in args.data_dir.glob("*.csv")), key=lambda t: int(t[0]["index"]))
    if not tables:
        raise SystemExit(f"plot.py: no tables in {args.data_dir}")
    defs = definitions(HEADER.read_text())
    for meta, columns in tables:
        if meta["name"] not in defs:
            raise SystemExit(f"plot.py: no comment above actfast_{meta['name']}_f32 in {HEADER}")
        plot(meta, columns, args.out_dir / f"{meta['name']}.png")
    x = tables[0][1]["x"]
    (args.out_dir / "README.md").write_text(page(tables, defs, (x[0], x[-1])))


if __name__ == "__main__":
    main()
