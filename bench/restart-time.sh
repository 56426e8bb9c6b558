#!/usr/bin/env bash
# Restart time of Strata with --hours of data for --hosts*100 series in its WAL: backfill, kill -9
# (so nothing is flushed at shutdown), start again, and time until /-/ready answers 200.
# Repeats the restart --runs times on the same data and prints each time and the median.
#
#   bench/restart-time.sh [--hosts 1000] [--hours 2] [--runs 3]
set -euo pipefail
STRATA_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export STRATA_ROOT
. "$STRATA_ROOT/bench/peers.sh"
hosts=1000 hours=2 runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) hosts=$2; shift 2 ;;
    --hours) hours=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
"$STRATA_ROOT/strata" build -q >/dev/null
work=$(mktemp -d /tmp/strata-restart.XXXXXX)
trap 'stop_server; rm -rf "$work"' EXIT
dir="$work/strata"; port=17600
start_strata "$dir" $port
"$STRATA_ROOT/strata" bench write --url "http://127.0.0.1:$port/api/v1/write" --hosts "$hosts" --hours "$hours" \
  --progress-interval 60s | grep -E "samples |throughput"
kill -9 "$BENCH_PID"; wait "$BENCH_PID" 2>/dev/null || true
echo "WAL: $(du -sh "$dir/wal" | cut -f1), blocks: $(du -sh "$dir/blocks" 2>/dev/null | cut -f1)"
times=()
for run in $(seq 1 "$runs"); do
  t0=$(date +%s.%N)
  start_strata "$dir" $port
  t1=$(date +%s.%N)
  secs=$(echo "$t1 - $t0" | bc -l)
  series=$(curl -fsS "http://127.0.0.1:$port/api/v1/status/tsdb" | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['headStats']['numSeries'])")
  printf 'restart %d: ready in %.2f s with %s head series\n' "$run" "$secs" "$series"
  times+=("$secs")
  kill -9 "$BENCH_PID"; wait "$BENCH_PID" 2>/dev/null || true
done
printf 'median restart: %.2f s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
