#!/usr/bin/env bash
# Schemathesis against `atalaya serve` on the real data in ../shared/data: every operation of
# /api/v1/openapi.json, all phases (examples, coverage, fuzzing, stateful), a fixed seed.
# Exit status is schemathesis's: non-zero on any failure.
#
#   tests/schemathesis/run.sh            the short run .ci/run does (-n 20, seed 1)
#   tests/schemathesis/run.sh long       the long run (-n 300, seeds 1, 2 and 3)
#   tests/schemathesis/run.sh serve      only the server on that data (URL and token on
#                                        stdout) until interrupted: for load tests by hand
#
# ST names the `st` program (schemathesis==4.32.5; default: `st` on PATH). ATALAYA_BIN an
# atalaya binary (default: the debug build, built if needed). ATALAYA_DATA the data folder.
# SEEDS and EXAMPLES override the mode's seeds and cases per operation.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mode="${1:-short}"
case "$mode" in
    short) seeds="${SEEDS:-1}"; examples="${EXAMPLES:-20}" ;;
    long) seeds="${SEEDS:-1 2 3}"; examples="${EXAMPLES:-300}" ;;
    serve) ;;
    *) echo "usage: $0 [short|long|serve]" >&2; exit 2 ;;
esac
st="${ST:-st}"
data="${ATALAYA_DATA:-$root/../shared/data}"
for f in events/ucdp_ged_mexico_1989_2023.csv.gz events/ocved_2.0_events_2000_2018.csv.gz \
    stats/sesnsp_state_monthly_victims_2015_2025.csv kingpins/kingpin_events_seed.csv \
    geo/mx_municipios_catalog.csv geo/mx_states_inegi.geojson geo/mx_municipios_inegi.topo.json; do
    [ -f "$data/$f" ] || { echo "schemathesis: missing $data/$f (set ATALAYA_DATA)" >&2; exit 1; }
done
if [ -z "${ATALAYA_BIN:-}" ]; then
    (cd "$root" && cargo build --quiet -p atalaya --bin atalaya)
    ATALAYA_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/atalaya"
fi

work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
db="$work/st.db"
a() { "$ATALAYA_BIN" --db "$db" "$@"; }
a import municipios "$data/geo/mx_municipios_catalog.csv" >/dev/null
a import ucdp "$data/events/ucdp_ged_mexico_1989_2023.csv.gz" >/dev/null
a import ocved "$data/events/ocved_2.0_events_2000_2018.csv.gz" >/dev/null
a import sesnsp "$data/stats/sesnsp_state_monthly_victims_2015_2025.csv" >/dev/null
a import kingpins "$data/kingpins/kingpin_events_seed.csv" >/dev/null
# News events pending review, so the review routes have something to decide on.
a code "$root/tests/schemathesis/article.txt" --published 2024-09-12 --store >/dev/null

token="schemathesis-token-$RANDOM$RANDOM"
# Limits high enough that the run is not throttled; --timeout is the default 10 s, so a
# schema-valid request that takes longer fails the run (503 is only allowed, not expected).
"$ATALAYA_BIN" --db "$db" serve --addr 127.0.0.1:0 --token "$token" \
    --rate-limit 100000 --burst 100000 \
    --geo "$data/geo/mx_states_inegi.geojson" \
    --municipal-geo "$data/geo/mx_municipios_inegi.topo.json" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
url=""
for _ in $(seq 1 100); do
    url="$(sed -n 's/^Atalaya dashboard: \([^ ]*\).*/\1/p' "$work/serve.out")"
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "schemathesis: the server did not start" >&2; exit 1; }

if [ "$mode" = serve ]; then
    echo "$url $token"
    wait "$server"
    exit
fi
# Schemathesis keeps state in its working folder: the scratch one.
cd "$work"
status=0
for seed in $seeds; do
    echo "schemathesis: seed $seed, $examples cases per operation, $url" >&2
    # --generation-database none: each run is exactly its seed's, no replay of older finds.
    "$st" run "${url}api/v1/openapi.json" --seed "$seed" -n "$examples" \
        --generation-database none --request-timeout 12 --max-response-time 10 \
        -H "Authorization: Bearer $token" --no-color || status=1
done
kill -0 "$server" 2>/dev/null || { echo "schemathesis: the server died" >&2; cat "$work/serve.err" >&2; status=1; }
exit "$status"
