#!/usr/bin/env bash
# Measures the two figures issue 4 sets for namespaces, on the load generator's dataset:
#   1. bytes per unit of time of the aggregated namespaces against the raw one, with the policies
#      raw:2d, 1m:30d, 1h:1y (data + index bytes of the blocks after flush and compaction);
#   2. backfill ingest throughput with those two aggregated namespaces against raw only.
# Each run starts a fresh server on 127.0.0.1 for each configuration (order alternating between
# runs), backfills the same data (fixed end time), flushes, compacts and measures the blocks.
# Prints a markdown table of medians and writes the raw figures as JSON.
#
# Usage: bench/namespaces-compare.sh [--hosts N] [--hours H] [--runs R] [--port P] [--out FILE.json]
#          [--raw-policy raw:2d] [--configs "raw aggregated"] [--settle SECONDS before reading RSS]
# A history longer than the raw retention needs a longer raw policy (--raw-policy raw:31d --hours 700
# --configs aggregated): samples older than the raw namespace's retention are refused at ingest,
# and the aggregated namespaces are fed from what the raw namespace accepts.
set -euo pipefail

HOSTS=100
HOURS=24
RUNS=3
PORT=17401
OUT=bench-namespaces.json
RAW_POLICY=raw:2d
SETTLE=60
CONFIGS="raw aggregated"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --hosts) HOSTS=$2; shift 2 ;;
    --hours) HOURS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --raw-policy) RAW_POLICY=$2; shift 2 ;;
    --configs) CONFIGS=$2; shift 2 ;;
    --settle) SETTLE=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strata-ns-bench.XXXXXX")
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cat > "$WORK/raw.yaml" <<EOF
namespaces:
  - policy: $RAW_POLICY
EOF
cat > "$WORK/aggregated.yaml" <<EOF
namespaces:
  - policy: $RAW_POLICY
  - policy: 1m:30d
  - policy: 1h:1y
EOF

"$ROOT/strata" --help > /dev/null # builds once, before anything is timed
END=$(( $(date +%s) - 60 ))
INTERVAL_SECONDS=10

start_server() { # config data-dir log
  "$ROOT/strata" server --config "$1" --data-dir "$2" --listen-address 127.0.0.1 --http-port "$PORT" > "$3" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if curl -sf "http://127.0.0.1:$PORT/-/ready" > /dev/null; then return 0; fi
    sleep 0.2
  done
  echo "server did not become ready; log:" >&2; cat "$3" >&2; exit 1
}

stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

# Prints "bytes samples" of the blocks under a namespace directory.
measure() {
  python3 - "$1" <<'PY'
import json, os, sys
root = os.path.join(sys.argv[1], "blocks")
size = samples = 0
if os.path.isdir(root):
    for block in os.listdir(root):
        d = os.path.join(root, block)
        meta = os.path.join(d, "meta.json")
        if not os.path.isfile(meta):
            continue
        samples += json.load(open(meta))["stats"]["numSamples"]
        for dirpath, _, files in os.walk(d):
            size += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
print(size, samples)
PY
}

echo "[" > "$WORK/results.json"
first=1
for run in $(seq 1 "$RUNS"); do
  order=$CONFIGS
  if (( run % 2 == 0 )); then order=$(echo "$CONFIGS" | tr ' ' '\n' | tac | tr '\n' ' '); fi
  for cfg in $order; do
    data="$WORK/data-$cfg-$run"
    start_server "$WORK/$cfg.yaml" "$data" "$WORK/server-$cfg-$run.log"
    "$ROOT/strata" bench write --url "http://127.0.0.1:$PORT/api/v1/write" --hosts "$HOSTS" --hours "$HOURS" \
      --end "$END" --json "$WORK/write-$cfg-$run.json" > /dev/null 2> "$WORK/write-$cfg-$run.err"
    curl -sf -XPOST "http://127.0.0.1:$PORT/api/v1/admin/tsdb/flush" > /dev/null
    curl -sf -XPOST "http://127.0.0.1:$PORT/api/v1/admin/tsdb/compact" > /dev/null
    sleep "$SETTLE" # Shenandoah returns memory once idle; RSS then reflects what the server keeps
    rss=$(awk '/VmRSS/ {print $2 * 1024}' "/proc/$SERVER_PID/status")
    rate=$(python3 -c "import json;print(json.load(open('$WORK/write-$cfg-$run.json'))['samplesPerSecond'])")
    read -r raw_bytes raw_samples < <(measure "$data")
    read -r m_bytes m_samples < <(measure "$data/namespaces/1m")
    read -r h_bytes h_samples < <(measure "$data/namespaces/1h")
    stop_server
    [[ $first == 1 ]] || echo "," >> "$WORK/results.json"
    first=0
    echo "{\"run\":$run,\"config\":\"$cfg\",\"samplesPerSecond\":$rate,\"rssBytes\":$rss,\"raw\":[$raw_bytes,$raw_samples],\"1m\":[$m_bytes,$m_samples],\"1h\":[$h_bytes,$h_samples]}" >> "$WORK/results.json"
    echo "run $run $cfg: $rate samples/s; RSS $rss B; raw $raw_bytes B / $raw_samples; 1m $m_bytes B / $m_samples; 1h $h_bytes B / $h_samples" >&2
    rm -rf "$data"
  done
done
echo "]" >> "$WORK/results.json"
cp "$WORK/results.json" "$OUT"

python3 - "$OUT" "$INTERVAL_SECONDS" "$HOSTS" "$HOURS" <<'PY'
import json, statistics, sys
runs = json.load(open(sys.argv[1]))
interval = float(sys.argv[2])
med = statistics.median
raw_rate = [r["samplesPerSecond"] for r in runs if r["config"] == "raw"]
agg_rate = [r["samplesPerSecond"] for r in runs if r["config"] == "aggregated"]
agg = [r for r in runs if r["config"] == "aggregated"]
def per_time(r, ns, resolution):
    # bytes per hour of data at full coverage: bytes per sample times samples per hour
    b, s = r[ns]
    rb, rs = r["raw"]
    if s == 0 or rs == 0:
        return float("nan")  # no window written yet (a history shorter than a window)
    return (b / s * 3600 / resolution) / (rb / rs * 3600 / interval)
m = [per_time(r, "1m", 60) for r in agg]
h = [per_time(r, "1h", 3600) for r in agg]
print(f"Dataset: {sys.argv[3]} hosts ({int(sys.argv[3]) * 100} series), {sys.argv[4]} h backfilled at {interval:.0f} s, "
      f"{len(agg)} runs per configuration; medians (min-max).")
print()
print("| figure | measured | target |")
print("| --- | --- | --- |")
if raw_rate:
    print(f"| backfill ingest, raw only | {med(raw_rate):,.0f} samples/s ({min(raw_rate):,.0f}-{max(raw_rate):,.0f}) | |")
print(f"| backfill ingest, raw + 1m + 1h | {med(agg_rate):,.0f} samples/s ({min(agg_rate):,.0f}-{max(agg_rate):,.0f}) | |")
if raw_rate:
    print(f"| ingest with aggregation / raw only | **{med(agg_rate) / med(raw_rate):.2f}** | >= 0.70 |")
for name, vals, target in (("1m", m, "1/5 = 0.200"), ("1h", h, "1/300 = 0.00333")):
    print(f"| {name} bytes per unit time / raw's | **{med(vals):.5f}** (1/{1 / med(vals):.0f}; {min(vals):.5f}-{max(vals):.5f}) | <= {target} |")
raw_rss = [r["rssBytes"] for r in runs if r["config"] == "raw"]
agg_rss = [r["rssBytes"] for r in runs if r["config"] == "aggregated"]
if raw_rss:
    print(f"| RSS after the backfill, raw only | {med(raw_rss) / 2**20:,.0f} MiB | |")
print(f"| RSS after the backfill, raw + 1m + 1h | {med(agg_rss) / 2**20:,.0f} MiB | |")
for ns in ("raw", "1m", "1h"):
    bps = [r[ns][0] / r[ns][1] for r in agg if r[ns][1]]
    print(f"| {ns}: data + index bytes per sample | {med(bps):.3f} | |")
PY
