#!/usr/bin/env bash
# RSS per active series after ingest settles, Strata against VictoriaMetrics (and optionally
# Prometheus), at several series counts. Each server gets the same backfill (--minutes of data,
# fixed end), then idles --settle seconds; RSS is read three times during the idle and the
# median is reported.
#
#   bench/rss-compare.sh [--series-list 300000,1000000] [--minutes 10] [--settle 60]
#                        [--peers strata,victoriametrics] [--out bench-results/rss]
set -euo pipefail
STRATA_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export STRATA_ROOT
. "$STRATA_ROOT/bench/peers.sh"

series_list=300000,1000000 minutes=10 settle=60 peers=strata,victoriametrics
out="$STRATA_ROOT/bench-results/rss"
while [ $# -gt 0 ]; do
  case "$1" in
    --series-list) series_list=$2; shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --peers) peers=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
ensure_peer_packages
"$STRATA_ROOT/strata" build -q >/dev/null
mkdir -p "$out"
work=$(mktemp -d /tmp/strata-rss.XXXXXX)
trap 'stop_server; rm -rf "$work"' EXIT
end=$(( ($(date +%s) / 600) * 600 ))
hours=$(python3 -c "print($minutes / 60)")
echo "| series | peer | samples/s | RSS MB settled | KB per series |" | tee "$out/summary.md"
echo "|---|---|---|---|---|" | tee -a "$out/summary.md"
for series in ${series_list//,/ }; do
  hosts=$((series / 100))
  for peer in ${peers//,/ }; do
    dir="$work/$peer-$series"; port=17500
    "start_$peer" "$dir" $port
    "$STRATA_ROOT/strata" bench write --url "http://127.0.0.1:$port/api/v1/write" --hosts "$hosts" --hours "$hours" \
      --end "$end" --connections 4 --progress-interval 60s --json "$work/w.json" >"$work/w.txt" 2>&1 \
      || { echo "$peer $series: load generator reported failures"; tail -3 "$work/w.txt"; }
    rates=$(python3 -c "import json; print(round(json.load(open('$work/w.json'))['samplesPerSecond']))")
    readings=()
    for i in 1 2 3; do sleep $((settle / 3)); readings+=("$(rss_kb)"); done
    rss=$(printf '%s\n' "${readings[@]}" | sort -n | sed -n 2p)
    printf '| %s | %s | %s | %.0f | %.3f |\n' "$series" "$peer" "$rates" "$(echo "$rss / 1024" | bc -l)" \
      "$(echo "$rss / $series" | bc -l)" | tee -a "$out/summary.md"
    stop_server
    rm -rf "$dir"
  done
done
