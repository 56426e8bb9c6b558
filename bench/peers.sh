# Sourced by the benchmark scripts: start and stop Strata and its peers on 127.0.0.1, each with a
# fresh data directory, and read their resource use. Every server listens on loopback only.
#
#   start_strata DIR PORT   start_victoriametrics DIR PORT   start_prometheus DIR PORT
#   (each takes extra server flags after PORT)
#   stop_server             rss_kb                           du_bytes DIR
#   wait_http URL SECONDS
set -u

BENCH_PID=""

ensure_peer_packages() { # installs the Debian packages of the peers when missing
  local missing=()
  command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
  command -v victoria-metrics >/dev/null 2>&1 || missing+=(victoria-metrics)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} from Debian's packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
}

wait_http() { # URL SECONDS: waits until URL answers 2xx
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ $SECONDS -ge $deadline ] && { echo "timed out waiting for $1" >&2; return 1; }
    sleep 0.2
  done
}

start_strata() { # DIR PORT [extra flags...]
  local dir=$1 port=$2; shift 2
  "$STRATA_ROOT/strata" server --data-dir "$dir" --http-port "$port" --listen-address 127.0.0.1 "$@" \
    >"$dir.log" 2>&1 &
  BENCH_PID=$!
  wait_http "http://127.0.0.1:$port/-/ready" 120
}

start_victoriametrics() { # DIR PORT [extra flags...]
  local dir=$1 port=$2; shift 2
  victoria-metrics -storageDataPath "$dir" -httpListenAddr "127.0.0.1:$port" -retentionPeriod 100y \
    -search.latencyOffset 0s "$@" >"$dir.log" 2>&1 &
  BENCH_PID=$!
  wait_http "http://127.0.0.1:$port/health" 60
}

start_prometheus() { # DIR PORT [extra flags...]
  local dir=$1 port=$2; shift 2
  mkdir -p "$dir"
  printf 'global:\n  scrape_interval: 1h\n' >"$dir.yml"
  prometheus --config.file "$dir.yml" --storage.tsdb.path "$dir" --web.listen-address "127.0.0.1:$port" \
    --web.enable-remote-write-receiver --storage.tsdb.retention.time 100y \
    --web.enable-admin-api "$@" >"$dir.log" 2>&1 &
  BENCH_PID=$!
  wait_http "http://127.0.0.1:$port/-/ready" 60
}

rss_kb() { # resident set of the running server, in KiB
  awk '/^VmRSS:/ {print $2}' "/proc/$BENCH_PID/status"
}

cpu_ticks() { # user+system clock ticks the server has used so far
  awk '{print $14 + $15}' "/proc/$BENCH_PID/stat"
}

du_bytes() { # bytes on disk below DIR
  du -s -B1 "$1" | awk '{print $1}'
}

stop_server() {
  [ -n "$BENCH_PID" ] || return 0
  kill "$BENCH_PID" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$BENCH_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$BENCH_PID" 2>/dev/null || true
  wait "$BENCH_PID" 2>/dev/null || true
  BENCH_PID=""
}
