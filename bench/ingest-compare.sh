#!/usr/bin/env bash
# Side-by-side ingest measurement of Strata, VictoriaMetrics and Prometheus on this machine:
# backfill throughput, server CPU, bytes on disk per sample (data and index), RSS per series.
# The same dataset (fixed --end) goes to each server in turn, one server at a time, so they do
# not share the CPU. Each figure is repeated --runs times; the summary gives medians.
#
#   bench/ingest-compare.sh [--hosts 1000] [--hours 1] [--runs 3] [--connections 4]
#                           [--peers strata,victoriametrics,prometheus] [--out bench-results/ingest]
set -euo pipefail
STRATA_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export STRATA_ROOT
. "$STRATA_ROOT/bench/peers.sh"

hosts=1000 hours=1 runs=3 connections=4 peers=strata,victoriametrics,prometheus
out="$STRATA_ROOT/bench-results/ingest"
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) hosts=$2; shift 2 ;;
    --hours) hours=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --peers) peers=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
ensure_peer_packages
"$STRATA_ROOT/strata" build -q >/dev/null
mkdir -p "$out"
work=$(mktemp -d /tmp/strata-bench.XXXXXX)
trap 'stop_server; rm -rf "$work"' EXIT
# One fixed end time, aligned to the hour, so every server gets byte-identical requests.
end=$(( ($(date +%s) / 3600) * 3600 ))
results="$out/results.jsonl"
: >"$results"

flush() { # PEER PORT: make each server persist what it holds, as compacted as it gets
  case "$1" in
    strata) curl -fsS -XPOST "http://127.0.0.1:$2/api/v1/admin/tsdb/flush" ;;
    victoriametrics) curl -fsS "http://127.0.0.1:$2/internal/force_flush" >/dev/null
                     curl -fsS "http://127.0.0.1:$2/internal/force_merge" >/dev/null || true ;;
    prometheus) ;; # the head is cut into blocks only after 3h of data; its WAL is what it stores
  esac
}

split_bytes() { # PEER DIR -> "data index other" bytes
  case "$1" in
    strata) local idx data tot
            idx=$(find "$2/blocks" -name index -type f -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}')
            data=$(find "$2/blocks" -path '*/chunks*' -type f -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}')
            tot=$(du_bytes "$2"); echo "$data $idx $((tot - data - idx))" ;;
    victoriametrics) local idx tot
            idx=$(du_bytes "$2/indexdb"); tot=$(du_bytes "$2"); echo "$((tot - idx)) $idx 0" ;;
    prometheus) echo "$(du_bytes "$2") 0 0" ;;
  esac
}

for run in $(seq 1 "$runs"); do
  for peer in ${peers//,/ }; do
    dir="$work/$peer-$run"; port=17400
    case "$peer" in
      strata) start_strata "$dir" $port ;;
      victoriametrics) start_victoriametrics "$dir" $port ;;
      prometheus) start_prometheus "$dir" $port ;;
      *) echo "unknown peer $peer" >&2; exit 2 ;;
    esac
    cpu0=$(cpu_ticks)
    "$STRATA_ROOT/strata" bench write --url "http://127.0.0.1:$port/api/v1/write" --hosts "$hosts" --hours "$hours" \
      --end "$end" --connections "$connections" --progress-interval 60s --json "$work/write.json" >"$work/write.txt" 2>&1 \
      || { echo "$peer run $run: load generator reported failures:"; tail -5 "$work/write.txt"; }
    cpu1=$(cpu_ticks)
    rss_ingest=$(rss_kb)
    flush "$peer" $port
    sleep 20 # let background merges and GC settle before reading disk and memory
    rss_settled=$(rss_kb)
    read -r data idx other < <(split_bytes "$peer" "$dir")
    python3 - "$work/write.json" "$peer" "$run" "$cpu0" "$cpu1" "$rss_ingest" "$rss_settled" "$data" "$idx" "$other" "$hosts" >>"$results" <<'PY'
import json, sys, os
w = json.load(open(sys.argv[1]))
peer, run, cpu0, cpu1, rss_i, rss_s, data, idx, other, hosts = sys.argv[2:]
tick = os.sysconf("SC_CLK_TCK")
samples = w["samples"]
print(json.dumps({
  "peer": peer, "run": int(run), "series": int(hosts) * 100, "samples": samples,
  "samplesPerSecond": w["samplesPerSecond"], "p50Ms": w["latencyMillis"]["p50"], "p99Ms": w["latencyMillis"]["p99"],
  "cpuSeconds": (int(cpu1) - int(cpu0)) / tick,
  "rssKbAfterIngest": int(rss_i), "rssKbSettled": int(rss_s),
  "dataBytes": int(data), "indexBytes": int(idx), "otherBytes": int(other)}))
PY
    stop_server
    rm -rf "$dir"
    tail -1 "$results"
  done
done
python3 "$STRATA_ROOT/bench/summarize.py" "$results" | tee "$out/summary.md"
