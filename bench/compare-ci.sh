#!/usr/bin/env bash
# CI check of `./strata bench compare` in a small configuration (2,000 series, 3 minutes of data,
# one run), so the harness itself keeps working. Installs the peers from Debian's packages when
# missing, writes the report into a temporary directory (never over docs/), and fails when a
# server failed, a figure is missing, or the report, JSON or charts were not written.
# The full run is a documented command: see docs/bench-compare.md.
#
#   bench/compare-ci.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v victoria-metrics >/dev/null 2>&1 || missing+=(victoria-metrics)
if [ ${#missing[@]} -gt 0 ]; then
  echo "compare-ci: installing ${missing[*]} from Debian's packages" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

out=$(mktemp -d -t bench-compare-ci.XXXXXX)
trap 'rm -rf "$out"' EXIT
started=$SECONDS
status=0
"$root/strata" bench compare --hosts 20 --hours 0.05 --runs 1 --live-duration 20s --query-iterations 2 --query-warmup 1 \
  --settle 3s --visibility-timeout 2s --out-md "$out/benchmarks.md" --work-dir "$out/work" || status=$?
if [ "$status" -ne 0 ]; then
  echo "compare-ci: FAILED: the compare exited with $status; server logs:" >&2
  for log in "$out"/work/*.log; do [ -f "$log" ] && { echo "== $log" >&2; tail -20 "$log" >&2; }; done
  exit 1
fi
fail() { echo "compare-ci: FAILED: $*" >&2; exit 1; }
grep -q '<!-- bench-compare:begin -->' "$out/benchmarks.md" || fail "no generated section in the markdown report"
grep -q '<!-- bench-compare:end -->' "$out/benchmarks.md" || fail "the markdown report's generated section is not closed"
grep -q '"complete":true' "$out/benchmarks.json" || fail "the JSON report says the compare is incomplete"
grep -q '"missing":\[\]' "$out/benchmarks.json" || fail "the JSON report lists missing figures"
for chart in ingest query-instant query-range; do
  [ -s "$out/benchmarks/$chart.png" ] || fail "chart $chart.png was not written"
done
echo "compare-ci: passed in $((SECONDS - started)) s"
