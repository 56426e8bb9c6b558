#!/usr/bin/env python3
"""Summarises bench/ingest-compare.sh results (JSON lines) into a markdown table of medians,
with the spread (min-max) and Strata's ratio to each peer."""
import json
import statistics
import sys
from collections import defaultdict

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by_peer = defaultdict(list)
for r in rows:
    by_peer[r["peer"]].append(r)

def per_sample(r, key):
    return r[key] / r["samples"] if r["samples"] else float("nan")

METRICS = [
    ("ingest samples/s", lambda r: r["samplesPerSecond"], "{:,.0f}", "higher"),
    ("request p99 ms", lambda r: r["p99Ms"], "{:.0f}", "lower"),
    ("server CPU s per 1M samples", lambda r: r["cpuSeconds"] / r["samples"] * 1e6, "{:.2f}", "lower"),
    ("data bytes/sample", lambda r: per_sample(r, "dataBytes"), "{:.3f}", "lower"),
    ("index bytes/sample", lambda r: per_sample(r, "indexBytes"), "{:.3f}", "lower"),
    ("total bytes/sample on disk", lambda r: (r["dataBytes"] + r["indexBytes"] + r["otherBytes"]) / r["samples"], "{:.3f}", "lower"),
    ("RSS KB per series (settled)", lambda r: r["rssKbSettled"] / r["series"], "{:.2f}", "lower"),
]

peers = [p for p in ("strata", "victoriametrics", "prometheus") if p in by_peer]
series = rows[0]["series"] if rows else 0
samples = rows[0]["samples"] if rows else 0
print(f"{series:,} series, {samples:,} samples per run; median of {min(len(v) for v in by_peer.values())} runs (min-max)\n")
header = "| figure | " + " | ".join(peers) + " | " + " | ".join(f"strata / {p}" for p in peers if p != "strata") + " |"
print(header)
print("|" + "---|" * (1 + len(peers) + len([p for p in peers if p != "strata"])))
for name, f, fmt, _ in METRICS:
    med = {}
    cells = []
    for p in peers:
        vals = [f(r) for r in by_peer[p]]
        med[p] = statistics.median(vals)
        cells.append(f"{fmt.format(med[p])} ({fmt.format(min(vals))}-{fmt.format(max(vals))})")
    ratios = []
    for p in peers:
        if p == "strata":
            continue
        ratios.append(f"{med['strata'] / med[p]:.2f}x" if "strata" in med and med[p] else "n/a")
    print(f"| {name} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
