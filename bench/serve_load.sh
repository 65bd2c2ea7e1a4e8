#!/usr/bin/env bash
# Load benchmark of `atalaya serve` on loopback: oha against the series and events routes of
# a database of N synthetic events, with the static /api/v1/states route as the peer
# measured in the same run (what the server costs when the store does nothing).
#
#   bench/serve_load.sh [EVENTS] [SECONDS] [RUNS]   (defaults: 1000000 events, 10 s, 3 runs)
#
# Needs oha (`cargo install oha --locked`; found on PATH or as $OHA), jq, curl and a release
# build (`cargo build --release -p atalaya`). Each route is measured twice per run:
#   rated      open loop at $RATE requests/s (default 1000): requests are sent on a fixed
#              schedule whatever the answers do, and latency counts from the scheduled send
#              time (oha --latency-correction), so a stall shows as the queue it causes
#              instead of pausing the load (no coordinated omission);
#   saturated  closed loop, 32 connections sending as fast as the server answers.
# Every run prints its own table (with the load average before each route); after the last
# run a table of medians over the runs and the verdict on "p99 < 20 ms at $RATE req/s".
# The rate limiter stays in the path, set far above the load, so its cost is counted.
# A non-2xx answer or a connection error fails the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS="${1:-1000000}"
SECS="${2:-10}"
RUNS="${3:-3}"
RATE="${RATE:-1000}"
TARGET_MS=20
TARGET="${CARGO_TARGET_DIR:-target}"
BIN="${ATALAYA_BIN:-$TARGET/release/atalaya}"
OHA="${OHA:-$(command -v oha || true)}"
[ -n "$OHA" ] && [ -x "$OHA" ] || {
    echo "oha is required: cargo install oha --locked (or set OHA=/path/to/oha)" >&2
    exit 1
}
for tool in jq curl; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "$BIN missing: cargo build --release -p atalaya" >&2; exit 1; }
WORK="${BENCH_WORKDIR:-$(mktemp -d)}"
mkdir -p "$WORK"
DB="$WORK/serve-$EVENTS.db"
if [ ! -f "$DB" ]; then
    echo "building $DB ($EVENTS synthetic events) …" >&2
    "$BIN" synth --events "$EVENTS" --seed 42 --out "$WORK/synth.csv" >/dev/null
    "$BIN" --db "$DB" import acled "$WORK/synth.csv" >/dev/null
    rm -f "$WORK/synth.csv"
fi
# Two servers on the same database: the store path (answer cache off), which every route
# is measured on, and the default server, whose series answers are kept for repeated
# requests (serve --answer-cache-mib), measured on the heaviest series and the map as the
# dashboard's users repeat them. Only one of them is under load at a time.
SERVERS=()
trap 'kill "${SERVERS[@]}" 2>/dev/null || true' EXIT
start_server() { # NAME VAR [serve flags…]: starts a server, sets VAR to its URL
    local name="$1" var="$2"
    shift 2
    "$BIN" --db "$DB" serve --addr 127.0.0.1:0 --rate-limit 1000000000 --burst 1000000000 "$@" \
        >"$WORK/$name.out" 2>"$WORK/$name.err" &
    SERVERS+=($!)
    for _ in $(seq 100); do
        grep -q "Atalaya dashboard" "$WORK/$name.out" 2>/dev/null && break
        sleep 0.1
    done
    local url
    url=$(sed -n 's/^Atalaya dashboard: \([^ ]*\).*/\1/p' "$WORK/$name.out")
    [ -n "$url" ] || { cat "$WORK/$name.err" >&2; exit 1; }
    printf -v "$var" '%s' "${url%/}"
}
start_server serve URL --answer-cache-mib 0
start_server serve-cached CACHED_URL
# A cursor half-way through the list (the events from 2023-01-01 on; every id sorts after
# "acled:"), to show that a deep page costs what the first does.
DEEP=$(printf '2023-01-01|acled:' | od -An -tx1 | tr -d ' \n')

ROUTES=(
    "states (static peer)|/api/v1/states"
    "series: one state, weekly, one year|/api/v1/series?period=week&state=14&from=2025-01-01&to=2025-12-31"
    "series: 32 states, monthly, all years|/api/v1/series?period=month&by=state"
    "map.svg: 32 states, one year (the dashboard's map)|/api/v1/map.svg?from=2025-01-01&to=2025-12-31"
    "events: one state, first page of 100|/api/v1/events?state=14&limit=100"
    "events: one kind and month, page of 100|/api/v1/events?kind=armed_clash&from=2025-06-01&to=2025-06-30&limit=100"
    "events: a page of 100 from half-way (2023-01-01)|/api/v1/events?limit=100&cursor=$DEEP"
    "series: 32 states, monthly, all years, repeated (answer cache on)|cached:/api/v1/series?period=month&by=state"
    "map.svg: 32 states, one year, repeated (answer cache on)|cached:/api/v1/map.svg?from=2025-01-01&to=2025-12-31"
)

# oha's JSON summary → "requests/s p50_ms p99_ms failures" (failures: non-2xx answers and
# connection errors).
measure() {
    "$OHA" --no-tui --output-format json "$@" | jq -r '
        [ .summary.requestsPerSec,
          .latencyPercentiles.p50 * 1000,
          .latencyPercentiles.p99 * 1000,
          ([.statusCodeDistribution | to_entries[] | select(.key | test("^2") | not) | .value] | add // 0)
          + ([.errorDistribution[]] | add // 0) ]
        | "\(.[0]) \(.[1]) \(.[2]) \(.[3])"'
}
load1() { cut -d' ' -f1 /proc/loadavg; }

ROWS="$WORK/serve-load-rows.tsv"
: >"$ROWS"
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT+changes"
echo "# $(date -u +%Y-%m-%d) commit $COMMIT: $EVENTS events, $SECS s per measurement, $RUNS runs, $(nproc) cores shared by oha and the server"
for run in $(seq "$RUNS"); do
    echo
    echo "## run $run of $RUNS"
    printf "| route | load | rated req/s | p50 ms | p99 ms | failures | saturated req/s | p50 ms | p99 ms |\n"
    printf "|---|---|---|---|---|---|---|---|---|\n"
    peer=""
    for r in "${ROUTES[@]}"; do
        name="${r%%|*}"
        path="${r#*|}"
        base="$URL"
        if [ "${path#cached:}" != "$path" ]; then
            path="${path#cached:}"
            base="$CACHED_URL"
        fi
        curl -sf -o /dev/null "$base$path" || { echo "$path fails" >&2; exit 1; }
        load=$(load1)
        read -r q_rps q_p50 q_p99 q_bad < <(measure -q "$RATE" --latency-correction -w -c 50 -z "${SECS}s" "$base$path")
        read -r s_rps s_p50 s_p99 s_bad < <(measure -c 32 -w -z "${SECS}s" "$base$path")
        [ -n "$peer" ] || peer="$s_rps"
        ratio=$(awk -v a="$s_rps" -v b="$peer" 'BEGIN { print a / b }')
        printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$name" "$load" "$q_rps" "$q_p50" "$q_p99" \
            "$q_bad" "$s_rps" "$s_p50" "$s_p99" "$ratio" >>"$ROWS"
        printf "| %s | %s | %.0f | %.2f | %.2f | %s | %.0f | %.2f | %.2f |\n" "$name" "$load" \
            "$q_rps" "$q_p50" "$q_p99" "$q_bad" "$s_rps" "$s_p50" "$s_p99"
        if [ "$q_bad" != 0 ] || [ "$s_bad" != 0 ]; then
            echo "$name: $q_bad rated / $s_bad saturated requests failed" >&2
            exit 1
        fi
    done
done

# Medians per route and column over the runs (the middle run, or the mean of the two middle
# ones); the verdict asks the median run to reach the rate (within 1%) with p99 under target.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
echo "## medians of $RUNS runs (× peer: saturated req/s over the static peer's in the same run)"
printf "| route | load | rated req/s | p50 ms | p99 ms | p99 < %s ms at %s req/s | saturated req/s | × peer |\n" "$TARGET_MS" "$RATE"
printf "|---|---|---|---|---|---|---|---|\n"
for r in "${ROUTES[@]}"; do
    name="${r%%|*}"
    col() { awk -F'\t' -v n="$name" -v c="$1" '$1 == n { print $c }' "$ROWS" | median; }
    load=$(col 2) q_rps=$(col 3) q_p50=$(col 4) q_p99=$(col 5) s_rps=$(col 7) ratio=$(col 10)
    verdict=$(awk -v r="$q_rps" -v p="$q_p99" -v rate="$RATE" -v t="$TARGET_MS" \
        'BEGIN { print (r >= 0.99 * rate && p < t) ? "met" : "not met" }')
    printf "| %s | %.2f | %.0f | %.2f | %.2f | %s | %.0f | %.3f |\n" "$name" "$load" "$q_rps" \
        "$q_p50" "$q_p99" "$verdict" "$s_rps" "$ratio"
done
