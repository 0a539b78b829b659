#!/usr/bin/env python3
"""Summarize an actfast_bench run: a Markdown table and a speed-up plot.

    ./build/bench/actfast_bench --benchmark_out=run.json --benchmark_out_format=json
    python3 bench/summarize.py run.json                  # table on stdout, plot in run_speedup.png
    python3 bench/summarize.py run.json --plot out.png
    python3 bench/summarize.py run.json --readme README.md   # and rewrite the README's speed table
    python3 bench/summarize.py run.json --no-plot        # the table only (scripts/run bench)
    python3 bench/summarize.py run.json --per-call small.json   # and ns per call of a --sizes=1,16,64 run
    python3 bench/summarize.py run.json --rounds r2.json r3.json   # cells run again: the fastest run counts

One row per op x form x dtype x size. Times are ns per element (the median
when the run has repetitions; with --rounds, the fastest of the runs that
have the cell: on a shared machine noise only adds time, and a class and its
uniform case each measured once moved up to 2x apart by it). Speed-ups are
those of the fastest ISA: over the scalar kernels, over the textbook libm loop and over oneDNN (> 1: faster
than the baseline). "% y=2x" is the fastest ISA's bandwidth as a share of the
y = 2x stream's, for sizes of 16 Mi elements and more, where both stream from
memory (the backward forms can pass 100: three streams use the memory better
than two). "worst input" is the slowest data-dependent input class against the
uniform one, over all ISAs. A second table sets the 16-bit types beside
float at 16 Mi elements (the README's half-table block too). The README's table (--readme, which replaces
what stands between the speed-table markers) is float at n = 4096, with the fastest peer and the ratio
peer / ours that ../shared/peers/compare.sh measured in the same report run (--compare: its output;
"x peer" > 1: faster than that peer). The plot shows, per op and ISA, the geometric mean
over forms and sizes of the speed-up over scalar.

Standard library and matplotlib (Debian: python3-matplotlib) only.
"""
import argparse
import collections
import json
import math
import os
import statistics
import sys

ISA_ORDER = ["scalar", "avx2", "avx512", "neon"]
FORM_ORDER = ["forward", "grad", "backward", "backward_from_y"]
MEMORY_RESIDENT = 16 * 1024 * 1024  # elements: far beyond the caches


def load(path):
    with (sys.stdin if path == "-" else open(path)) as f:
        return json.load(f)


def times_by_name(report):
    """ns per element and bandwidth (bytes/s) per benchmark name: the median
    aggregate when the run has one, else the median of the runs."""
    medians, samples = {}, collections.defaultdict(list)
    for b in report["benchmarks"]:
        if b.get("error_occurred") or "time_per_elem" not in b:
            continue
        name = b.get("run_name", b["name"])
        value = (b["time_per_elem"] * 1e9, b["bandwidth"])
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = value
        else:
            samples[name].append(value)
    result = {name: (statistics.median(t for t, _ in v), statistics.median(w for _, w in v))
              for name, v in samples.items()}
    result.update(medians)
    return result


def fastest_of(runs):
    """times_by_name's of several runs merged: each name at its fastest."""
    merged = {}
    for times in runs:
        for name, value in times.items():
            if name not in merged or value[0] < merged[name][0]:
                merged[name] = value
    return merged


def parse(times):
    """Splits the names (see the top of bench/bench.c) into lookup tables."""
    library = {}  # (op, form, dtype, size, input) -> {isa: (ns, bandwidth)}
    baseline = {}  # (kind, op, form, dtype, size) -> (ns, bandwidth); stream kinds use op = form = None
    for name, value in times.items():
        parts = name.split("/")
        if parts[0] == "baseline":
            if parts[1] in ("memcpy", "scale2"):
                baseline[(parts[1], None, None, parts[2], int(parts[3]))] = value
            else:
                kind, op, form, dtype, size = parts[1:6]
                baseline[(kind, op, form, dtype, int(size))] = value
        else:
            op, form, dtype, isa, size = parts[:5]
            input_class = parts[5] if len(parts) > 5 else "uniform"
            library.setdefault((op, form, dtype, int(size), input_class), {})[isa] = value
    return library, baseline


def ordered(values, order):
    return sorted(values, key=lambda v: (order.index(v) if v in order else len(order), v))


def ratio(numerator, denominator):
    return f"{numerator / denominator:.2f}" if numerator and denominator else ""


def table(library, baseline):
    isas = ordered({isa for by_isa in library.values() for isa in by_isa}, ISA_ORDER)
    uniform_keys = [k for k in library if k[4] == "uniform"]
    op_order = list(dict.fromkeys(k[0] for k in sorted(uniform_keys, key=lambda k: k[3])))
    rows = sorted(uniform_keys, key=lambda k: (op_order.index(k[0]), FORM_ORDER.index(k[1]), k[2], k[3]))
    header = (["op", "form", "dtype", "n"] + [f"{isa} ns/el" for isa in isas] +
              ["best", "x scalar", "x textbook", "x oneDNN", "% y=2x", "worst input"])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key in rows:
        op, form, dtype, size, _ = key
        by_isa = library[key]
        best = min(by_isa, key=lambda isa: by_isa[isa][0])
        best_ns, best_bandwidth = by_isa[best]
        textbook = baseline.get(("textbook", op, form, dtype, size), (None, None))[0]
        onednn = baseline.get(("onednn", op, form, dtype, size), (None, None))[0]
        stream = baseline.get(("scale2", None, None, dtype, size), (None, None))[1]
        share = f"{100 * best_bandwidth / stream:.0f}" if stream and size >= MEMORY_RESIDENT else ""
        cells = [op, form, dtype, str(size)]
        cells += [f"{by_isa[isa][0]:.3f}" if isa in by_isa else "" for isa in isas]
        cells += [best, ratio(by_isa.get("scalar", (None,))[0], best_ns), ratio(textbook, best_ns),
                  ratio(onednn, best_ns), share, worst_input(library, key)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# compare.sh's "bwd" is dy f'(x), or the backward from y where PyTorch saves y
COMPARE_FROM_Y = {"sigmoid", "tanh", "softmax", "log_softmax"}


def load_compare(path, dtype="f32", size=4096):
    """{(op, form): (peer, peer ns per element, ratio)} at one dtype and size,
    and the verdict line, from the output of ../shared/peers/compare.sh: one
    run of the peer harness with libactfast in it, so that each ratio (peer
    time over ours, > 1: libactfast faster) is measured side by side."""
    cells, verdict = {}, ""
    with open(path) as f:
        for line in f:
            fields = line.split()
            if line.startswith("compare:"):
                verdict = line.strip()
            elif len(fields) == 9 and fields[2] == dtype and fields[3] == str(size):
                op, direction = fields[0], fields[1]
                form = "forward" if direction == "fwd" else \
                    "backward_from_y" if op in COMPARE_FROM_Y else "backward"
                cells[(op, form)] = (fields[6], float(fields[7]), float(fields[8]))
    return cells, verdict


def readme_table(library, baseline, peers, dtype="f32", size=4096):
    """One row per op x form at one dtype and size: the ISAs, AVX2 against
    AVX-512, the baselines, the fastest peer and the slowest input class."""
    keys = [k for k in library if k[2] == dtype and k[3] == size and k[4] == "uniform"]
    op_order = list(dict.fromkeys(k[0] for k in sorted(library, key=lambda k: k[3])))
    keys.sort(key=lambda k: (op_order.index(k[0]), FORM_ORDER.index(k[1])))
    header = ["function", "form", "scalar", "avx2", "avx512", "avx2 / avx512", "× textbook", "× oneDNN",
              "fastest peer (ns)", "× peer", "slowest input class"]
    lines = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 3) + "---|"]
    for key in keys:
        op, form = key[0], key[1]
        by_isa = library[key]
        best_ns = min(ns for ns, _ in by_isa.values())
        textbook = baseline.get(("textbook", op, form, dtype, size), (None, None))[0]
        onednn = baseline.get(("onednn", op, form, dtype, size), (None, None))[0]
        peer = peers.get((op, form))
        avx2, avx512 = by_isa.get("avx2", (None,))[0], by_isa.get("avx512", (None,))[0]
        worst = worst_input(library, key)
        if worst:
            value, where = worst.split(" ")
            worst = f"{value}× ({where.replace('/', ' on ')})"
        cells = [op, form] + [f"{by_isa[isa][0]:.3f}" if isa in by_isa else "" for isa in ("scalar", "avx2", "avx512")]
        cells += [ratio(avx2, avx512), ratio(textbook, best_ns), ratio(onednn, best_ns),
                  f"{peer[0]} ({peer[1]:.3f})" if peer else "", f"{peer[2]:.2f}" if peer else "", worst or "—"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def half_table(library, baseline, size=MEMORY_RESIDENT):
    """One row per op x form: the fastest ISA's ns per element for float and
    the 16-bit types at size (16 Mi: from memory), and float's time over
    theirs (> 1: the 16-bit form is faster)."""
    keys = [k for k in library if k[2] == "f32" and k[3] == size and k[4] == "uniform"
            and (k[0], k[1], "bf16", size, "uniform") in library]
    if not keys:
        return ""
    op_order = list(dict.fromkeys(k[0] for k in sorted(library, key=lambda k: k[3])))
    keys.sort(key=lambda k: (op_order.index(k[0]), FORM_ORDER.index(k[1])))
    best = lambda key: min((ns for ns, _ in library.get(key, {}).values()), default=None)
    memcpy = {dt: baseline.get(("memcpy", None, None, dt, size), (None, None))[0] for dt in ("f32", "bf16")}
    header = ["function", "form", "f32 ns/el", "bf16 ns/el", "f16 ns/el", "f32 / bf16", "f32 / f16"]
    lines = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    if memcpy["f32"] and memcpy["bf16"]:
        lines.append(f"| memcpy | | {memcpy['f32']:.3f} | {memcpy['bf16']:.3f} | | {ratio(memcpy['f32'], memcpy['bf16'])} | |")
    for op, form, _, _, _ in keys:
        f32, bf16, f16 = (best((op, form, dt, size, "uniform")) for dt in ("f32", "bf16", "f16"))
        cells = [op, form] + [f"{v:.3f}" if v else "" for v in (f32, bf16, f16)] + [ratio(f32, bf16), ratio(f32, f16)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


PER_CALL_SIZES = (1, 16, 64)


def per_call_table(library, baseline, dtype="f32"):
    """ns per call (time per element times n) at the small sizes of a
    --sizes=1,16,64 run: per op and form, each ISA and the textbook loop.
    At n = 1 it is the cost before the first element: the entry's checks,
    the floating-point state (SPEC 3) and the dispatch."""
    keys = sorted({k[:2] for k in library if k[2] == dtype and k[3] in PER_CALL_SIZES and k[4] == "uniform"},
                  key=lambda k: (k[0], FORM_ORDER.index(k[1])))
    if not keys:
        return ""
    isas = ordered({isa for k, by_isa in library.items() if k[3] in PER_CALL_SIZES for isa in by_isa}, ISA_ORDER)
    header = ["function", "form", "n"] + isas + ["textbook"]
    lines = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    for op, form in keys:
        for n in PER_CALL_SIZES:
            by_isa = library.get((op, form, dtype, n, "uniform"), {})
            textbook = baseline.get(("textbook", op, form, dtype, n), (None, None))[0]
            cells = [op, form, str(n)] + [f"{by_isa[isa][0] * n:.1f}" if isa in by_isa else "" for isa in isas]
            cells.append(f"{textbook * n:.1f}" if textbook else "")
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def replace_block(path, marker, text):
    """Replaces the lines between <!-- marker:begin --> and <!-- marker:end --> in path."""
    with open(path) as f:
        content = f.read()
    begin, end = f"<!-- {marker}:begin -->\n", f"<!-- {marker}:end -->"
    if begin not in content or end not in content:
        sys.exit(f"summarize.py: no {begin.strip()} ... {end} block in {path}")
    head, rest = content.split(begin, 1)
    with open(path, "w") as f:
        f.write(head + begin + text + "\n" + end + rest.split(end, 1)[1])


def worst_input(library, uniform_key):
    """The slowest input class against uniform, e.g. "2.41 negtail/avx2"."""
    uniform = library[uniform_key]
    worst = None
    for key, by_isa in library.items():
        if key[:4] != uniform_key[:4] or key[4] == "uniform":
            continue
        for isa, (ns, _) in by_isa.items():
            if isa in uniform and (worst is None or ns / uniform[isa][0] > worst[0]):
                worst = (ns / uniform[isa][0], key[4], isa)
    return f"{worst[0]:.2f} {worst[1]}/{worst[2]}" if worst else ""


def speedups_over_scalar(library):
    """{dtype: {op: {isa: geometric mean of scalar / isa}}} over forms and sizes, uniform inputs."""
    logs = collections.defaultdict(lambda: collections.defaultdict(lambda: collections.defaultdict(list)))
    for (op, _, dtype, _, input_class), by_isa in library.items():
        if input_class != "uniform" or "scalar" not in by_isa:
            continue
        for isa, (ns, _) in by_isa.items():
            if isa != "scalar":
                logs[dtype][op][isa].append(math.log(by_isa["scalar"][0] / ns))
    return {dtype: {op: {isa: math.exp(statistics.mean(v)) for isa, v in by_isa.items()}
                    for op, by_isa in by_op.items()}
            for dtype, by_op in logs.items()}


def plot(library, path):
    try:
        import matplotlib
        matplotlib.use("Agg")  # files only, no display
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"summarize.py: no matplotlib in {sys.executable} (Debian: python3-matplotlib "
              "for /usr/bin/python3), no plot", file=sys.stderr)
        return
    speedups = speedups_over_scalar(library)
    dtypes = sorted(speedups)
    if not dtypes:
        print("summarize.py: no ISA besides scalar in this run, no plot", file=sys.stderr)
        return
    # Horizontal bars, one row per op and one panel per dtype side by side:
    # the op names read as they are (28 names under vertical bars overlap).
    ops = list(dict.fromkeys(op for dtype in dtypes for op in speedups[dtype]))
    isas = ordered({isa for dtype in dtypes for by_isa in speedups[dtype].values() for isa in by_isa}, ISA_ORDER)
    height = 0.8 / len(isas)
    fig, axes = plt.subplots(1, len(dtypes), figsize=(5.5 * len(dtypes) + 1.5, 0.34 * len(ops) + 1.6),
                             squeeze=False, sharey=True)
    for ax, dtype in zip(axes[0], dtypes):
        for i, isa in enumerate(isas):
            # Top to bottom in table order; within an op, the ISAs in ISA_ORDER.
            ys = [j + (i - (len(isas) - 1) / 2) * height for j in range(len(ops))]
            bars = ax.barh(ys, [speedups[dtype].get(op, {}).get(isa, 0) for op in ops], height, label=isa)
            ax.bar_label(bars, fmt="%.1f", fontsize=7, padding=2)
        ax.axvline(1, color="grey", linewidth=0.8)
        ax.set_yticks(range(len(ops)), ops)
        ax.set_ylim(len(ops) - 0.5, -0.5)  # first op at the top
        ax.set_xlabel("speed-up over scalar")
        ax.set_title(f"{dtype}: geometric mean over forms and sizes", fontsize=10)
        ax.margins(x=0.12)  # room for the labels at the ends of the longest bars
        ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    print(f"summarize.py: plot in {path}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", help="Google Benchmark JSON of actfast_bench ('-': stdin)")
    parser.add_argument("--plot", help="PNG to write (default: <json>_speedup.png)")
    parser.add_argument("--no-plot", action="store_true", help="the table only")
    parser.add_argument("--readme", metavar="FILE", help="also rewrite FILE's f32 n = 4096 table between its speed-table markers")
    parser.add_argument("--compare", metavar="FILE", help="compare.sh's output of the same report run: the README "
                        "table's fastest peer and ratio columns (left empty without it)")
    parser.add_argument("--rounds", metavar="JSON", nargs="+", default=[], help="more runs of some of the cells "
                        "(the report's: n = 4096 with its input classes): each cell at its fastest over all runs")
    parser.add_argument("--per-call", metavar="JSON", help="a run at --sizes=1,16,64: the ns per call of its ops "
                        "(with --readme, between the README's per-call-table markers too)")
    args = parser.parse_args()
    report = load(args.json)
    library, baseline = parse(fastest_of([times_by_name(report)] + [times_by_name(load(r)) for r in args.rounds]))
    context = report.get("context", {})
    machine = (f"actfast {context.get('actfast_version', '?')}, {context.get('date', '')}, "
               f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, "
               f"oneDNN: {context.get('onednn', '?')}")
    if args.readme:
        peers, verdict = load_compare(args.compare) if args.compare else ({}, "")
        note = f"<!-- {machine} -->\n" + (f"<!-- {verdict} (f32 and f64, n = 4096 and 65536) -->\n" if verdict else "")
        replace_block(args.readme, "speed-table", note + readme_table(library, baseline, peers))
        halves = half_table(library, baseline)
        if halves:
            replace_block(args.readme, "half-table", f"<!-- {machine} -->\n" + halves)
    per_call = ""
    if args.per_call:
        per_call = per_call_table(*parse(times_by_name(load(args.per_call))))
        if args.readme:
            replace_block(args.readme, "per-call-table", f"<!-- {machine} -->\n" + per_call)
    print(f"{machine}. Times in ns per element.\n")
    print(table(library, baseline))
    if per_call:
        print("\nFloat arrays, ns per call at small n:\n")
        print(per_call)
    halves = half_table(library, baseline)
    if halves:
        print(f"\n16-bit arrays against float at n = {MEMORY_RESIDENT} (the fastest ISA of each):\n")
        print(halves)
    if not args.no_plot:
        stem = "speedup" if args.json == "-" else os.path.splitext(args.json)[0]
        plot(library, args.plot or f"{stem}_speedup.png")


if __name__ == "__main__":
    main()
