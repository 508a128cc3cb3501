#!/usr/bin/env python3
"""Builds BENCHMARKS.md's table and chart from `cairo-jit bench` reports and criterion's
cairo-vm estimates. Standard library only; the SVG is written by hand.

Usage: python3 benches/chart.py RESULTS_DIR [--criterion target/criterion] [--svg OUT.svg]

RESULTS_DIR holds one `cairo-jit bench` report per program, named PROGRAM.txt. cairo-vm's
throughput, and ours when criterion has them too (so that all three come from one run), is
criterion's median time per iteration of the group's `ENGINE` function (program load + run with
trace on) in target/criterion/PROGRAM/ENGINE/STEPS/new/; the reports give the JIT's compile
time, the run's CPU time over its wall time (CPU/wall) and the peak memory.
cairo-vm's peak memory, where present, comes from RESULTS_DIR/cairo_vm_peak.txt (lines printed by
`CAIRO_VM_PEAK=PROGRAM.json:LAYOUT cargo bench --bench engines`). Prints the markdown table.
"""

import argparse
import json
import re
from pathlib import Path

ENGINES = ["jit", "interp", "cairo-vm"]
COLORS = {"jit": "#d95f02", "interp": "#1b9e77", "cairo-vm": "#7570b3"}


def parse_report(text):
    """steps, layout, and per engine: median steps/s, peak bytes (or None)."""
    m = re.search(r"^program: .* \(layout (\S+),", text, re.M)
    layout = m.group(1) if m else "?"
    steps = int(re.search(r"^steps: (\d+)", text, re.M).group(1))
    engines = {}
    for line in text.splitlines():
        cols = line.split()
        if cols and cols[0] in ("jit", "interp") and len(cols) >= 9:
            engines[cols[0]] = {
                "rate": parse_rate(cols[1]),
                "min": parse_rate(cols[2]),
                "max": parse_rate(cols[3]),
                "cpu_wall": None if cols[4] == "-" else float(cols[4]),
                "compile_ms": None if cols[5] == "-" else float(cols[5]),
                "bytes_per_step": None if cols[8] == "-" else float(cols[8]),
            }
    return steps, layout, engines


def parse_rate(s):
    mult = {"M": 1e6, "k": 1e3}.get(s[-1], 1.0)
    return float(s[:-1] if s[-1] in "Mk" else s) * mult


def criterion_rate(criterion, name, engine, steps):
    """steps/s from criterion's median time per iteration of PROGRAM/ENGINE/STEPS, or None."""
    est = Path(criterion) / name / engine / str(steps) / "new" / "estimates.json"
    if not est.exists():
        return None
    ns = json.loads(est.read_text())["median"]["point_estimate"]
    return steps / (ns / 1e9)


def fmt_rate(r):
    if r is None:
        return "-"
    return f"{r / 1e6:.2f}M" if r >= 1e6 else f"{r / 1e3:.0f}k"


def table(rows):
    out = [
        "| program | layout | steps | jit steps/s | interp steps/s | cairo-vm steps/s "
        "| jit/interp | jit/cairo-vm | JIT compile ms | jit CPU/wall "
        "| peak bytes/step jit | interp | cairo-vm |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, steps, layout, e in rows:
        jit, interp, cvm = e.get("jit", {}), e.get("interp", {}), e.get("cairo-vm", {})
        jr, ir, cr = jit.get("rate"), interp.get("rate"), cvm.get("rate")
        ratio = lambda a, b: f"{a / b:.2f}x" if a and b else "-"  # noqa: E731
        bps = lambda d: f"{d['bytes_per_step']:.0f}" if d.get("bytes_per_step") else "-"  # noqa: E731
        comp = f"{jit['compile_ms']:.1f}" if jit.get("compile_ms") is not None else "-"
        out.append(
            f"| {name} | {layout} | {steps:,} | {fmt_rate(jr)} | {fmt_rate(ir)} | {fmt_rate(cr)} "
            f"| {ratio(jr, ir)} | {ratio(jr, cr)} | {comp} | {jit.get('cpu_wall') or '-'} "
            f"| {bps(jit)} | {bps(interp)} | {bps(cvm)} |"
        )
    return "\n".join(out)


def svg(rows):
    """Grouped horizontal bars: steps/s per engine per program (linear scale, millions)."""
    bar_h, gap, left, right, top = 12, 10, 150, 90, 40
    engines = [en for en in ENGINES if any(en in e for _, _, _, e in rows)]
    group_h = bar_h * len(engines) + gap
    width = 760
    height = top + group_h * len(rows) + 40
    vmax = max(e[en]["rate"] for _, _, _, e in rows for en in engines if en in e)
    scale = (width - left - right) / vmax
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">'
        "Throughput (steps/s, median; higher is better)</text>",
    ]
    for i, en in enumerate(engines):
        x = left + i * 110
        parts.append(f'<rect x="{x}" y="24" width="10" height="10" fill="{COLORS[en]}"/>')
        parts.append(f'<text x="{x + 14}" y="33">{en}</text>')
    # grid lines every 2M, 1M or 0.5M steps/s, by the maximum
    step = 2e6 if vmax > 10e6 else (1e6 if vmax > 3e6 else 5e5)
    t = 0.0
    while t <= vmax:
        x = left + t * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 30}" stroke="#ddd"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 16}" text-anchor="middle">{t / 1e6:g}M</text>')
        t += step
    for gi, (name, _, _, e) in enumerate(rows):
        y0 = top + gi * group_h
        parts.append(
            f'<text x="{left - 6}" y="{y0 + bar_h * len(engines) / 2 + 4:.1f}" '
            f'text-anchor="end">{name}</text>'
        )
        for i, en in enumerate(engines):
            if en not in e:
                continue
            r = e[en]["rate"]
            y = y0 + i * bar_h
            parts.append(
                f'<rect x="{left}" y="{y}" width="{r * scale:.1f}" height="{bar_h - 2}" '
                f'fill="{COLORS[en]}"/>'
            )
            parts.append(f'<text x="{left + r * scale + 4:.1f}" y="{y + bar_h - 3}">{fmt_rate(r)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--criterion", default="target/criterion")
    ap.add_argument("--svg")
    ap.add_argument("--order", nargs="*")
    args = ap.parse_args()
    files = sorted(f for f in Path(args.results).glob("*.txt") if f.stem != "cairo_vm_peak")
    by_name = {f.stem: f for f in files}
    names = args.order or [f.stem for f in files]
    # cairo-vm's peak RSS per program (CAIRO_VM_PEAK runs of benches/engines.rs), if recorded.
    peaks = {}
    peak_file = Path(args.results) / "cairo_vm_peak.txt"
    if peak_file.exists():
        for line in peak_file.read_text().splitlines():
            m = re.match(r"cairo-vm .*/(\w+)\.json: \d+ steps, peak RSS (\d+) bytes", line)
            if m:
                peaks[m.group(1)] = int(m.group(2))
    rows = []
    sources = set()
    for name in names:
        if name not in by_name:
            continue
        steps, layout, engines = parse_report(by_name[name].read_text())
        # Throughput of all three engines from one criterion run when it has them (side by
        # side, the same load); otherwise ours from the `cairo-jit bench` report.
        rates = {en: criterion_rate(args.criterion, name, en, steps) for en in ENGINES}
        if rates["jit"] and rates["interp"]:
            for en in ("jit", "interp"):
                engines[en]["rate"] = rates[en]
            sources.add("criterion")
        else:
            sources.add("report")
        cr = rates["cairo-vm"]
        if cr is not None:
            engines["cairo-vm"] = {"rate": cr}
            if name in peaks:
                engines["cairo-vm"]["bytes_per_step"] = peaks[name] / steps
        rows.append((name, steps, layout, engines))
    print(table(rows))
    print(f"\n(jit/interp steps/s from: {', '.join(sorted(sources))})")
    if args.svg:
        Path(args.svg).write_text(svg(rows))


if __name__ == "__main__":
    main()
