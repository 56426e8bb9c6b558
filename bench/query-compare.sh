#!/usr/bin/env bash
# Side-by-side query latency of Strata, Prometheus and VictoriaMetrics on this machine, over the
# same data. Starts the three servers on 127.0.0.1 with fresh data directories, loads the same
# node_exporter-like history into each over remote write (one server at a time, fixed --end),
# waits until each holds every series and sample, then runs `strata bench query` against all of
# them with their runs interleaved. Prints the medians per query and server with the ratios
# Strata/Prometheus and the sums of medians, and appends the JSON lines to --out.
#
#   bench/query-compare.sh [--hosts 1000] [--hours 2] [--interval 15s] [--iterations 10] [--warmup 2]
#                          [--peers strata,prometheus,victoriametrics] [--out docs/benchmarks-query.jsonl]
set -euo pipefail
STRATA_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export STRATA_ROOT
. "$STRATA_ROOT/bench/peers.sh"

hosts=1000 hours=2 interval=15s iterations=10 warmup=2 peers=strata,prometheus,victoriametrics
out="$STRATA_ROOT/docs/benchmarks-query.jsonl"
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) hosts=$2; shift 2 ;;
    --hours) hours=$2; shift 2 ;;
    --interval) interval=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --peers) peers=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$interval" in
  *s) interval_s=${interval%s} ;;
  *) echo "--interval must be whole seconds like 15s [value=$interval]" >&2; exit 2 ;;
esac
case "$hours" in
  ''|*[!0-9]*) echo "--hours must be a whole number of hours [value=$hours]" >&2; exit 2 ;;
esac
series=$((hosts * 100))
steps=$((hours * 3600 / interval_s))
samples=$((series * steps))

ensure_peer_packages
"$STRATA_ROOT/strata" build -q >/dev/null
work=$(mktemp -d /tmp/strata-query-bench.XXXXXX)
pids=()
cleanup() {
  set +e # a server already stopped must not turn a good run's exit status into a failure
  # BENCH_PID too: a server whose start timed out is not in pids yet.
  for pid in "${pids[@]}" "$BENCH_PID"; do BENCH_PID=$pid; stop_server; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Queries are evaluated at whole minutes (E, and every 60 s step of the range queries); the last
# sample is 7 s before E, so samples sit at :08, :23, :38 and :53 and no window edge (E - 5m,
# E - 1h, E - 2h, ...) ever falls on one. On the grid, Prometheus 2.x's windows (closed on the
# left) would hold one sample more than Prometheus 3.x's and Strata's (open on the left), their
# rates would differ slightly, and topk would pick different series: a real but uninteresting
# difference that would hide the ones worth seeing.
end=$(( ($(date +%s) / 60) * 60 ))
last_sample=$((end - 7))
declare -A port=([strata]=17501 [prometheus]=17502 [victoriametrics]=17503)
targets=()
for peer in ${peers//,/ }; do
  dir="$work/$peer"
  case "$peer" in
    strata) start_strata "$dir" "${port[$peer]}" ;;
    prometheus) start_prometheus "$dir" "${port[$peer]}" ;;
    # Above 300k selected series VictoriaMetrics refuses a query unless told otherwise.
    victoriametrics) start_victoriametrics "$dir" "${port[$peer]}" -search.maxUniqueTimeseries $((series * 2 > 300000 ? series * 2 : 300000)) \
                       -search.maxQueryDuration 5m ;;
    *) echo "unknown peer $peer (known: strata, prometheus, victoriametrics)" >&2; exit 2 ;;
  esac
  pids+=("$BENCH_PID")
  base="http://127.0.0.1:${port[$peer]}"
  # Fail before loading minutes of data into a server that cannot answer queries.
  if ! curl -fsS -o /dev/null "$base/api/v1/query?query=vector(1)"; then
    echo "$peer at $base does not answer /api/v1/query; leave it out with --peers" >&2
    exit 1
  fi
  targets+=(--target "$peer=$base")
done

peer_version() { # Debian's victoria-metrics build prints an empty -version; the package knows
  dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown
}
versions="prometheus $(peer_version prometheus), victoria-metrics $(peer_version victoria-metrics)"
commit=$(git -C "$STRATA_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "loading $hosts hosts ($series series) x ${hours}h at $interval ($samples samples) into each of: $peers; last sample $(date -u -d "@$last_sample" +%FT%TZ), queries at $(date -u -d "@$end" +%FT%TZ)"
for peer in ${peers//,/ }; do
  started=$SECONDS
  if ! "$STRATA_ROOT/strata" bench write --url "http://127.0.0.1:${port[$peer]}/api/v1/write" --hosts "$hosts" \
      --hours "$hours" --interval "$interval" --end "$last_sample" --progress-interval 60s --json "$work/write-$peer.json" \
      >"$work/write-$peer.txt" 2>&1; then
    echo "loading $peer failed:" >&2; tail -20 "$work/write-$peer.txt" >&2; exit 1
  fi
  echo "  $peer: loaded in $((SECONDS - started)) s ($(grep -m1 throughput "$work/write-$peer.txt" | sed 's/^ *//'))"
done

# Before measuring, every target must hold every series at the last timestamp and every sample of
# node_cpu_seconds_total (32 series per host, in every request shard) over the whole history: the
# window (E - hours, E] holds all of them under Prometheus 2.x, 3.x and VictoriaMetrics
# semantics. Counting every sample of every series would need sum(count_over_time({job="node"}[..])),
# which Prometheus 2.x refuses: it drops the metric names first and finds duplicate label sets.
cpu_samples=$((hosts * 32 * steps))
if [[ ",$peers," == *,victoriametrics,* ]]; then # make buffered rows searchable now rather than within a second
  curl -fsS -o /dev/null "http://127.0.0.1:${port[victoriametrics]}/internal/force_flush"
fi
set +e
"$STRATA_ROOT/strata" bench query "${targets[@]}" --target-param victoriametrics:nocache=1 --baseline prometheus \
  --time "$end" --range 1h --step 60s --iterations "$iterations" --warmup "$warmup" \
  --await "count({job=\"node\"})=$series" --await "sum(count_over_time(node_cpu_seconds_total[${hours}h]))=$cpu_samples" \
  --json "$work/query.jsonl" --tag hosts="$hosts" --tag series="$series" --tag hours="$hours" --tag interval="$interval" \
  --tag strataCommit="$commit" --tag peers="$versions" --tag loadAverage="$(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$work/query.txt"
status=${PIPESTATUS[0]}
set -e
if [ -s "$work/query.jsonl" ]; then
  mkdir -p "$(dirname "$out")"
  cat "$work/query.jsonl" >>"$out"
  echo
  python3 "$STRATA_ROOT/bench/query-summary.py" "$work/query.jsonl"
  echo "appended $(wc -l <"$work/query.jsonl") JSON lines to $out"
fi
exit "$status"
