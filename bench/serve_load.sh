#!/usr/bin/env bash
# Load benchmark of `atalaya serve` on loopback: wrk against the series and events routes
# of a database of N synthetic events, with the static /api/v1/states route as the peer
# measured in the same run (what the server costs when the store does nothing).
#
#   bench/serve_load.sh [EVENTS] [SECONDS]      (defaults: 1000000 events, 15 s per run)
#
# Needs wrk (Debian package `wrk`) and a release build (`cargo build --release -p atalaya`).
# Each route is measured twice: saturated (32 connections, as fast as the server answers)
# and paced (22 connections, each waiting 20 ms between requests: about 1,000 requests/s
# when answers take 2 ms).
# The rate limiter stays in the path, set far above the load, so its cost is counted.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS="${1:-1000000}"
SECS="${2:-15}"
TARGET="${CARGO_TARGET_DIR:-target}"
BIN="${ATALAYA_BIN:-$TARGET/release/atalaya}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "$BIN missing: cargo build --release -p atalaya" >&2; exit 1; }
WORK="${BENCH_WORKDIR:-$(mktemp -d)}"
DB="$WORK/serve-$EVENTS.db"
if [ ! -f "$DB" ]; then
    echo "building $DB ($EVENTS synthetic events) …" >&2
    "$BIN" synth --events "$EVENTS" --seed 42 --out "$WORK/synth.csv" >/dev/null
    "$BIN" --db "$DB" import acled "$WORK/synth.csv" >/dev/null
    rm -f "$WORK/synth.csv"
fi
"$BIN" --db "$DB" serve --addr 127.0.0.1:0 --rate-limit 1000000000 --burst 1000000000 \
    >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q "Atalaya dashboard" "$WORK/serve.out" 2>/dev/null && break
    sleep 0.1
done
URL=$(sed -n 's/^Atalaya dashboard: \([^ ]*\).*/\1/p' "$WORK/serve.out")
[ -n "$URL" ] || { cat "$WORK/serve.err" >&2; exit 1; }
URL="${URL%/}"
# A cursor half-way through the list (the events from 2023-01-01 on; every id sorts after
# "acled:"), to show that a deep page costs what the first does.
DEEP=$(printf '2023-01-01|acled:' | od -An -tx1 | tr -d ' \n')
cat >"$WORK/pace.lua" <<'LUA'
function delay()
  return 20
end
LUA

ROUTES=(
    "states (static peer)|/api/v1/states"
    "series: one state, weekly, one year|/api/v1/series?period=week&state=14&from=2025-01-01&to=2025-12-31"
    "series: 32 states, monthly, all years|/api/v1/series?period=month&by=state"
    "map.svg: 32 states, one year (the dashboard's map)|/api/v1/map.svg?from=2025-01-01&to=2025-12-31"
    "events: one state, first page of 100|/api/v1/events?state=14&limit=100"
    "events: one kind and month, page of 100|/api/v1/events?kind=armed_clash&from=2025-06-01&to=2025-06-30&limit=100"
    "events: a page of 100 from half-way (2023-01-01)|/api/v1/events?limit=100&cursor=$DEEP"
)

# wrk's summary → "requests/s p50_ms p99_ms non2xx"
measure() {
    local out
    out=$(wrk "$@" 2>&1)
    local rps p50 p99 bad
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${bad:-0}"
}
to_ms() {
    case "$1" in
        *us) awk -v v="${1%us}" 'BEGIN {printf "%.3f", v / 1000}' ;;
        *ms) awk -v v="${1%ms}" 'BEGIN {printf "%.3f", v}' ;;
        *s) awk -v v="${1%s}" 'BEGIN {printf "%.3f", v * 1000}' ;;
    esac
}

echo "# $EVENTS events, $SECS s per run, $(nproc) cores shared by wrk and the server"
printf "| route | saturated req/s | p50 ms | p99 ms | paced req/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|---|\n"
for r in "${ROUTES[@]}"; do
    name="${r%%|*}"
    path="${r#*|}"
    curl -sf -o /dev/null "$URL$path" || { echo "$path fails" >&2; exit 1; }
    read -r s_rps s_p50 s_p99 s_bad < <(measure -t2 -c32 -d"${SECS}s" --latency "$URL$path")
    read -r p_rps p_p50 p_p99 p_bad < <(measure -t2 -c22 -d"${SECS}s" --latency -s "$WORK/pace.lua" "$URL$path")
    if [ "$s_bad" != 0 ] || [ "$p_bad" != 0 ]; then
        echo "$name: $s_bad / $p_bad non-2xx answers" >&2
        exit 1
    fi
    printf "| %s | %.0f | %s | %s | %.0f | %s | %s |\n" "$name" "$s_rps" "$s_p50" "$s_p99" "$p_rps" "$p_p50" "$p_p99"
done
