#!/usr/bin/env python3
"""Summarises the JSON lines of one `strata bench query` run (bench/query-compare.sh writes them).

Prints the median latency per query and server, the ratio Strata/Prometheus per query, the sums
of medians, and whether Strata meets its two query targets: every median at most half of
Prometheus's, and the sum of its medians below VictoriaMetrics's.

    python3 bench/query-summary.py RUN.jsonl
"""
import json
import sys


def fmt(ms):
    return "-" if ms is None else (f"{ms:.2f}" if ms < 10 else f"{ms:.1f}")


def main(path):
    lines = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    if not lines:
        sys.exit(f"{path}: no JSON lines")
    targets = list(dict.fromkeys(l["target"] for l in lines))
    rows = list(dict.fromkeys((l["query"], l["kind"]) for l in lines))
    p50 = {(l["query"], l["kind"], l["target"]): l["latencyMillis"].get("p50") for l in lines}
    agree = {(l["query"], l["kind"]): l["agree"] for l in lines}
    ratio_col = "strata" in targets and "prometheus" in targets
    header = ["query", "kind"] + targets + (["strata/prom"] if ratio_col else [])
    table = []
    for q, k in rows:
        r = [q, k] + [fmt(p50.get((q, k, t))) for t in targets]
        if ratio_col:
            s, p = p50.get((q, k, "strata")), p50.get((q, k, "prometheus"))
            r.append("-" if s is None or not p else f"{s / p:.2f}x")
        if not agree[(q, k)]:
            r[1] += " MISMATCH"
        table.append(r)
    sums = {t: sum(p50.get((q, k, t)) or 0 for q, k in rows) for t in targets}
    complete = {t: all(p50.get((q, k, t)) is not None for q, k in rows) for t in targets}
    total = ["sum of medians", ""] + [fmt(sums[t]) + ("" if complete[t] else "*") for t in targets]
    if ratio_col:
        total.append(f"{sums['strata'] / sums['prometheus']:.2f}x" if sums["prometheus"] else "-")
    table.append(total)
    widths = [max(len(str(r[i])) for r in [header] + table) for i in range(len(header))]
    for r in [header] + table:
        print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    if not all(complete.values()):
        print("* some queries have no successful measurement; the sum leaves them out")
    if not all(agree.values()):
        print("MISMATCH: targets disagree on the number of series or points of some queries; their latencies are not comparable")
    tags = lines[0].get("tags", {})
    print(f"data: {tags.get('hosts', '?')} hosts, {tags.get('series', '?')} series, {tags.get('hours', '?')}h at "
          f"{tags.get('interval', '?')}; {lines[0]['iterations']} measured runs per query; load average at start "
          f"{tags.get('loadAverage', '?')}")
    if "strata" in targets:
        if "prometheus" in targets:
            met = [(q, k) for q, k in rows if p50.get((q, k, "strata")) is not None and p50.get((q, k, "prometheus"))
                   and p50[(q, k, "strata")] <= 0.5 * p50[(q, k, "prometheus")]]
            print(f"target: Strata median <= 0.5 x Prometheus's: {len(met)} of {len(rows)} queries"
                  + ("" if len(met) == len(rows) else " (missed: "
                     + ", ".join(f"{q} {k}" for q, k in rows if (q, k) not in met) + ")"))
        if "victoriametrics" in targets:
            ok = complete["strata"] and sums["strata"] < sums["victoriametrics"]
            print(f"target: sum of Strata medians < VictoriaMetrics's: {'yes' if ok else 'no'} "
                  f"({fmt(sums['strata'])} ms vs {fmt(sums['victoriametrics'])} ms)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
