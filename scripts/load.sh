#!/usr/bin/env bash
# Load and slow clients against `atalaya serve` on N synthetic events (default 1,000,000):
#   1. SECONDS (default 60) of mixed routes (the dashboard's: stats, events pages and
#      filters, one event, series by state/kind, the map, a series chart, states, kingpins,
#      forecast, alerts, indicators) at about RATE requests/s (default 1000) with wrk: C
#      connections each pausing 1000*C/RATE ms after every answer; the server's RSS is read
#      every second. Prints wrk's counts (any non-2xx answer or socket error is an error),
#      the rate reached and RSS at start, end and peak.
#   2. scripts/abuse.py slow: 500 clients sending headers a byte a second while another
#      client is served.
# The per-client rate limit is set far above the load (every request comes from 127.0.0.1).
#
#   scripts/load.sh [EVENTS] [SECONDS]    env: ATALAYA_BIN (default: the debug build),
#                                         WORK (kept, the database is reused), RATE, C
# Needs wrk (Debian: apt-get install wrk), python3 and curl.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
events="${1:-1000000}"
secs="${2:-60}"
rate="${RATE:-1000}"
conns="${C:-20}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
if [ -z "${ATALAYA_BIN:-}" ]; then
    (cd "$root" && cargo build --quiet -p atalaya --bin atalaya)
    ATALAYA_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/atalaya"
fi
bin="$ATALAYA_BIN"
work="${WORK:-/var/tmp/atalaya-load}"
mkdir -p "$work"
db="$work/load-$events.db"
if [ ! -f "$db" ]; then
    echo "load: building $db ($events synthetic events) …" >&2
    "$bin" synth --events "$events" --seed 42 --out "$work/synth.csv" >/dev/null
    "$bin" --db "$db.tmp" import acled "$work/synth.csv" >/dev/null
    mv "$db.tmp" "$db"
    rm -f "$work/synth.csv"
fi

server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; true' EXIT
"$bin" --db "$db" serve --addr 127.0.0.1:0 --rate-limit 1000000000 --burst 1000000000 \
    >"$work/serve.out" 2>"$work/serve.err" &
server=$!
url=""
for _ in $(seq 100); do
    url="$(sed -n 's/^Atalaya dashboard: \([^ ]*\).*/\1/p' "$work/serve.out")"
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.err" >&2; exit 1; }
url="${url%/}"
id="$(curl -sf "$url/api/v1/events?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"][0]["id"])')"

# The routes, each as often as it appears.
cat >"$work/mixed.lua" <<EOF
local paths = {
  "/api/v1/stats",
  "/api/v1/events?limit=50",
  "/api/v1/events?state=25&kind=armed_clash&limit=20",
  "/api/v1/events?from=2023-01-01&to=2023-03-31&limit=100",
  "/api/v1/events/$id",
  "/api/v1/series?period=month&by=state",
  "/api/v1/series?period=week&by=kind&state=14",
  "/api/v1/series?period=month&by=state&measure=fatalities&from=2022-01-01",
  "/api/v1/map.svg?from=2023-01-01&to=2023-12-31",
  "/api/v1/series.svg?period=month&state=25",
  "/api/v1/states",
  "/api/v1/kingpins",
  "/api/v1/forecast?period=month&horizon=3&state=25",
  "/api/v1/alerts",
  "/api/v1/indicators?period=year&state=25",
  "/api/v1/events?actor=CJNG&limit=20",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
delay = function()
  return $(( 1000 * conns / rate ))
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"seconds":%.1f,"non_2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f}\n',
    summary.requests, summary.duration / 1e6, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
EOF
# Warm-up: the first forecast fit and indicators computation, outside the measurement.
for p in "/api/v1/forecast?period=month&horizon=3&state=25" "/api/v1/alerts" "/api/v1/indicators?period=year&state=25"; do
    curl -sf -o /dev/null "$url$p" || { echo "load: $p failed" >&2; exit 1; }
done
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
rss_start=$(rss)
rss_peak=$rss_start
(
    while kill -0 "$server" 2>/dev/null; do rss; sleep 1; done
) >"$work/rss.log" &
sampler=$!
wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s "$work/mixed.lua" "$url" >"$work/wrk.out"
kill "$sampler" 2>/dev/null || true
rss_end=$(rss)
rss_peak=$(sort -n "$work/rss.log" | tail -1)
result="$(tail -1 "$work/wrk.out")"
echo "load: $events events, $secs s, $conns connections, ${rate}/s asked" >&2
python3 - "$result" "$rss_start" "$rss_end" "$rss_peak" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
r["rate"] = round(r["requests"] / r["seconds"], 1)
r["errors"] = r["non_2xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"]
r["rss_start_mib"], r["rss_end_mib"], r["rss_peak_mib"] = (round(int(v) / 1024, 1) for v in sys.argv[2:5])
print(json.dumps(r))
PY
echo "load: 500 slow clients" >&2
python3 "$root/scripts/abuse.py" slow "$url" 500 40
