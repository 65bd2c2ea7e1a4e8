#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (nightly toolchain; the product itself builds on stable).
#
#   scripts/fuzz.sh seed              corpora in fuzz/corpus/ from ../shared/data (not committed)
#   scripts/fuzz.sh run [RUNS] [T…]   each target (or the named ones) for RUNS executions
#                                     (default 1000000; FUZZ_SECONDS caps the time of each,
#                                     FUZZ_MAX_LEN the input size, default 65536),
#                                     one at a time under nice (FUZZ_SANITIZER: address,
#                                     the default, or none for speed); a summary
#                                     table at the end; exit 1 if any target found a crash
#   scripts/fuzz.sh replay            saved crash inputs (fuzz/regressions/), the committed seeds
#                                     (fuzz/seeds/) and, when present, the corpora through the
#                                     same code on stable (CI does this)
#
# A crash is saved by libFuzzer in fuzz/artifacts/TARGET/; once fixed, copy the input into
# fuzz/regressions/TARGET/ so replay keeps it fixed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"
targets=(import_acled import_ucdp import_ocved import_sesnsp import_kingpins import_municipios
    coder numbers_dates geo feed extract api)
data="${ATALAYA_DATA:-$root/../shared/data}"
# Stable builds (synth, replay) share the product's target folder; nightly fuzz builds
# may go elsewhere (FUZZ_TARGET_DIR).
stable_target="${CARGO_TARGET_DIR:-$root/target}"
fuzz_target="${FUZZ_TARGET_DIR:-$stable_target}"
replay() { # ARGS… : the replay binary, built on stable
    CARGO_TARGET_DIR="$stable_target" cargo build --quiet --no-default-features --bin replay
    "$stable_target/debug/replay" "$@"
}

split_rows='
import csv, io, sys
dest, rows, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
text = sys.stdin.buffer.read().decode("utf-8", "replace")
records = list(csv.reader(io.StringIO(text, newline="")))
header, body = records[0], records[1:]
step = max(1, len(body) // n)
for i in range(n):
    chunk = body[i * step : i * step + rows]
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\r\n" if i % 2 else "\n")
    w.writerow(header)
    w.writerows(chunk)
    open(f"{dest}/seed-{i:03}.csv", "w", encoding="utf-8", newline="").write(out.getvalue())
'
# PIECES files of ROWS rows each (with the header), spread through a (compressed) CSV file;
# every other one with CRLF row ends.
pieces() { # FILE DEST ROWS PIECES
    local file="$1" dest="$2" rows="$3" n="$4"
    mkdir -p "$dest"
    local cat=cat
    case "$file" in *.gz) cat="gzip -dc" ;; *.bz2) cat="bzip2 -dc" ;; esac
    $cat "$file" | python3 -c "$split_rows" "$dest" "$rows" "$n"
}

case "${1:-}" in
seed)
    [ -d "$data" ] || { echo "fuzz: no data folder $data (set ATALAYA_DATA)" >&2; exit 1; }
    rm -rf corpus && mkdir -p corpus
    pieces "$data/events/ucdp_ged_mexico_1989_2023.csv.gz" corpus/import_ucdp 5 40
    pieces "$data/events/ocved_2.0_events_2000_2018.csv.gz" corpus/import_ocved 5 40
    pieces "$data/stats/sesnsp_state_monthly_victims_2015_2025.csv" corpus/import_sesnsp 5 20
    pieces "$data/stats/sesnsp_victimas_estatal_long_2015_2025.csv.bz2" corpus/import_sesnsp_long 5 20
    for f in corpus/import_sesnsp_long/*; do mv "$f" "corpus/import_sesnsp/long-$(basename "$f")"; done
    rmdir corpus/import_sesnsp_long
    pieces "$data/kingpins/kingpin_events_seed.csv" corpus/import_kingpins 5 10
    pieces "$data/geo/mx_municipios_catalog.csv" corpus/import_municipios 5 20
    # ACLED: the synthetic generator writes ACLED's columns.
    (cd "$root" && CARGO_TARGET_DIR="$stable_target" cargo run --quiet -p atalaya -- synth --events 400 --seed 3 --out "$root/fuzz/corpus/acled.csv" >/dev/null)
    pieces corpus/acled.csv corpus/import_acled 5 40 && rm corpus/acled.csv
    mkdir -p corpus/coder
    python3 - "$data/../eval" corpus/coder <<'PY'
import json, pathlib, sys
src, dest = pathlib.Path(sys.argv[1]), sys.argv[2]
i = 0
for f in ("dev.jsonl", "ucdp-headlines-dev.jsonl"):
    for line in (src / f).read_text(encoding="utf-8").splitlines()[:60]:
        # The first byte picks the language mode (see fuzz/src/lib.rs).
        open(f"{dest}/seed-{i:03}", "w", encoding="utf-8").write("a" + json.loads(line)["text"])
        i += 1
PY
    mkdir -p corpus/feed && cp seeds/feed/* corpus/feed/
    mkdir -p corpus/numbers_dates && cp seeds/numbers_dates/* corpus/numbers_dates/
    # Boundary files: the first byte picks GeoJSON (even) or TopoJSON (odd).
    mkdir -p corpus/geo
    { printf '\x00'; cat "$root/crates/atalaya-charts/assets/mx_states_simplified.geojson"; } > corpus/geo/builtin.geojson
    python3 - "$data/geo" corpus/geo <<'PY'
import json, sys
src, dest = sys.argv[1], sys.argv[2]
# A few states of INEGI's GeoJSON, coordinates rounded.
gj = json.load(open(f"{src}/mx_states_inegi.geojson", encoding="utf-8"))
def rnd(c):
    return [rnd(x) for x in c] if isinstance(c[0], list) else [round(c[0], 2), round(c[1], 2)]
for i, codes in enumerate([("06",), ("01", "14", "18"), ("09", "15", "17")]):
    feats = []
    for f in gj["features"]:
        p = f["properties"]
        code = next((str(p[k]) for k in ("cve_ent", "CVE_ENT", "CVEGEO", "state", "code") if k in p), None)
        if code in codes:
            g = f["geometry"]
            feats.append({"type": "Feature", "properties": {"cve_ent": code},
                          "geometry": {"type": g["type"], "coordinates": rnd(g["coordinates"])}})
    doc = {"type": "FeatureCollection", "attribution": "INEGI", "features": feats}
    open(f"{dest}/states-{i}.geojson", "wb").write(b"\x00" + json.dumps(doc).encode())
# The municipalities of a few states of INEGI's TopoJSON, with only the arcs they use.
topo = json.load(open(f"{src}/mx_municipios_inegi.topo.json", encoding="utf-8"))
geoms = topo["objects"]["municipios"]["geometries"]
for i, state in enumerate(["06", "03", "22"]):
    mine = [g for g in geoms if g["properties"]["id"].startswith(state)]
    used = {}
    def ref(r):
        j = r if r >= 0 else -r - 1
        k = used.setdefault(j, len(used))
        return k if r >= 0 else -k - 1
    def walk(a):
        return [walk(x) for x in a] if isinstance(a, list) else ref(a)
    out = [dict(g, arcs=walk(g["arcs"])) for g in mine]
    arcs = [None] * len(used)
    for j, k in used.items():
        arcs[k] = topo["arcs"][j]
    for name in ("municipios", "states"):
        doc = {"type": "Topology", "transform": topo["transform"], "arcs": arcs,
               "objects": {name: {"type": "GeometryCollection", "geometries": out}}}
        data = json.dumps(doc, separators=(",", ":")).encode()
        if len(data) < 65000:
            open(f"{dest}/{name}-{state}.topojson", "wb").write(b"\x01" + data)
PY
    replay pages corpus/extract 30
    mkdir -p corpus/api
    printf '\x01state=25&kind=homicide&from=2020-01-01&limit=5' > corpus/api/events
    printf '\x03period=month&by=state&measure=events&state=14' > corpus/api/series
    printf '\x02acled:SYN7-1' > corpus/api/event
    printf '\x09status=pending&limit=10' > corpus/api/queue
    printf '\x0c{"event":"acled:SYN7-1","decision":"edit","edit":{"state":"25","measures":{"fatalities":2}}}' > corpus/api/decision
    for t in "${targets[@]}"; do echo "$t: $(ls "corpus/$t" | wc -l) seeds"; done
    ;;
run)
    runs="${2:-1000000}"
    shift $(( $# >= 2 ? 2 : 1 ))
    [ $# -gt 0 ] && targets=("$@")
    for t in "${targets[@]}"; do [ -d "corpus/$t" ] || { echo "fuzz: no corpus/$t: run '$0 seed' first" >&2; exit 1; }; done
    export CARGO_TARGET_DIR="$fuzz_target"
    san="${FUZZ_SANITIZER:-address}"
    # Target by target: `replay` has no fuzzer runtime, and without a sanitizer's runtime
    # nothing would define the coverage hooks it was compiled with.
    for t in "${targets[@]}"; do nice cargo +nightly fuzz build -O -a -s "$san" "$t"; done
    summary=()
    status=0
    for t in "${targets[@]}"; do
        log="$(mktemp)"
        start=$SECONDS
        # -detect_leaks=0: the targets keep a store across inputs on purpose, which
        # LeakSanitizer reports as leaks. FUZZ_SECONDS caps each target's time.
        if nice cargo +nightly fuzz run -O -a -s "$san" "$t" "corpus/$t" -- -runs="$runs" -max_len="${FUZZ_MAX_LEN:-65536}" \
            -timeout=30 -detect_leaks=0 -max_total_time="${FUZZ_SECONDS:-0}" \
            -print_final_stats=1 >"$log" 2>&1; then
            result=ok
        else
            result="CRASH (see fuzz/artifacts/$t/)"
            status=1
            tail -40 "$log" >&2
        fi
        done_runs="$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$log" | tail -1)"
        cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2 || true)"
        summary+=("$(printf '%-18s %12s %6ss %8s  %s' "$t" "${done_runs:-?}" "$((SECONDS - start))" "${cov:-?}" "$result")")
        echo "${summary[-1]}" >&2
        rm -f "$log"
    done
    printf '%-18s %12s %7s %8s  %s\n' target executions time coverage result
    printf '%s\n' "${summary[@]}"
    exit $status
    ;;
replay)
    for t in "${targets[@]}"; do
        dirs=()
        [ -d "regressions/$t" ] && dirs+=("regressions/$t")
        [ -d "seeds/$t" ] && dirs+=("seeds/$t")
        [ -d "corpus/$t" ] && dirs+=("corpus/$t")
        [ ${#dirs[@]} -gt 0 ] || continue
        replay "$t" "${dirs[@]}"
    done
    ;;
*)
    sed -n '2,13p' "$0" >&2
    exit 2
    ;;
esac
