#!/usr/bin/env bash
# Crash consistency: imports killed with SIGKILL at a random moment, RUNS times (default
# 100), cycling through three ways of writing:
#   first   a first load into an empty database (rollback journal, bulk path), then a second
#           file through the WAL: `import acled A B`
#   later   imports into a database that already holds events (WAL): `import acled B C`
#   news    `code --batch FILE.jsonl --store` (one transaction for the batch)
# Files hold 10k to 1M synthetic events (`atalaya synth`). After each kill: `atalaya check`
# passes (integrity_check, foreign keys, every event readable, agg_* equal to a recount)
# and the database holds exactly the files whose import committed: the `imports` rows for
# the run's files are a prefix of the command's files, and the events are the base's plus
# each committed file's rows. Then a full disk: the same imports (a first load, and a later
# import through the WAL) on a tmpfs too small for them (mounted here: needs root; skipped
# with a message otherwise) must fail with a message naming the full disk, and leave a
# database that passes `atalaya check` and holds what it held before. Ends with a table and
# exits 1 on any unclean run.
#
#   scripts/crash-loop.sh [RUNS] [SEED]     env: ATALAYA_BIN (default: the debug build),
#                                           WORK (scratch folder, default: mktemp under /var/tmp)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-100}"
seed="${2:-1}"
if [ -z "${ATALAYA_BIN:-}" ]; then
    # The dev profile optimises the store and its dependencies (Cargo.toml).
    (cd "$root" && cargo build --quiet -p atalaya --bin atalaya)
    ATALAYA_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/atalaya"
fi
if [ -n "${WORK:-}" ]; then
    work="$WORK"; mkdir -p "$work"   # kept: its synthetic files serve the next run
else
    work="$(mktemp -d /var/tmp/atalaya-crash.XXXXXX)"
    trap 'rm -rf "$work"' EXIT
fi
bin="$ATALAYA_BIN"
RANDOM=$seed

sizes=(10000 100000 300000 1000000)
for i in "${!sizes[@]}"; do
    f="$work/f$i.csv"
    [ -f "$f" ] || "$bin" synth --events "${sizes[$i]}" --seed $((i + 11)) --out "$f" >/dev/null
done
# News reports for `code --batch`: varied incidents, distinct ids.
python3 - "$work/news.jsonl" <<'PY'
import json, random, sys
r = random.Random(5)
places = [("Culiacán", "Sinaloa"), ("Guadalajara", "Jalisco"), ("Uruapan", "Michoacán"),
          ("Tijuana", "Baja California"), ("Celaya", "Guanajuato"), ("Acapulco", "Guerrero")]
acts = ["Gunmen killed {n} people in {c}, {s}, on Monday, police said.",
        "Members of the CJNG set fire to {n} vehicles to block roads in {c}, {s}, on Tuesday.",
        "Soldiers clashed with gunmen in {c}, {s}, on Friday; {n} attackers were killed.",
        "Asesinan a {n} personas en {c}, {s}, informó la fiscalía el domingo."]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i in range(3000):
        c, s = r.choice(places)
        text = " ".join(r.choice(acts).format(n=r.randint(2, 30), c=c, s=s) for _ in range(3))
        out.write(json.dumps({"id": f"n{i}", "text": text, "published": f"2024-0{r.randint(1, 9)}-1{r.randint(0, 9)}", "lang": "auto"}) + "\n")
PY

# The state of a database: the run's imports that committed and the event count.
state() { # DB FILE…
    python3 - "$@" <<'PY'
import sqlite3, sys
db, files = sys.argv[1], sys.argv[2:]
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
done = {f: n for f, n in c.execute("SELECT file, inserted FROM imports")}
print(" ".join("1" if f in done else "0" for f in files), c.execute("SELECT count(*) FROM events").fetchone()[0])
PY
}

rows() { echo "${sizes[${1#f}]}"; }

# Base databases: empty, and one holding f0 (10k events) for the later imports.
"$bin" --db "$work/base-later.db" import acled "$work/f0.csv" >/dev/null
"$bin" --db "$work/base-later.db" check >/dev/null
base_later_events=$("$bin" --db "$work/base-later.db" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')

# One full run of each way, timed: the kill moments are drawn within these durations.
declare -A full_time
news_events=0
run_way() { # WAY DB → runs the command in the background, sets $pid and $files
    local way="$1" db="$2" pick=$((RANDOM % 2))
    case "$way" in
        first) files=("$work/f$pick.csv" "$work/f2.csv")
               rm -f "$db"* ;;
        later) files=("$work/f$((pick + 1)).csv" "$work/f3.csv")
               rm -f "$db"*; cp "$work/base-later.db" "$db" ;;
        news)  files=("$work/news.jsonl")
               rm -f "$db"*; cp "$work/base-later.db" "$db" ;;
    esac
    if [ "$way" = news ]; then
        "$bin" --db "$db" code --batch "$work/news.jsonl" --store --json >/dev/null 2>"$work/err" &
    else
        "$bin" --db "$db" import acled "${files[@]}" --json >/dev/null 2>"$work/err" &
    fi
    pid=$!
}

for way in first later news; do
    start=$(date +%s%N)
    run_way "$way" "$work/t.db"
    wait "$pid" || { echo "crash-loop: the $way run failed:" >&2; cat "$work/err" >&2; exit 1; }
    full_time[$way]=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ "$way" = news ]; then
        news_events=$(state "$work/t.db" "${files[@]}" | awk '{print $NF}')
    fi
    echo "crash-loop: a full '$way' run takes ${full_time[$way]} ms" >&2
done

declare -A clean total
summary() {
    printf '%-6s %5s %6s  %s\n' way runs clean "full run (ms)"
    for way in first later news; do
        printf '%-6s %5s %6s  %s\n' "$way" "${total[$way]:-0}" "${clean[$way]:-0}" "${full_time[$way]}"
    done
}
bad=0
for i in $(seq 1 "$runs"); do
    ways=(first later news)
    way="${ways[$(( (i - 1) % 3 ))]}"
    db="$work/run.db"
    run_way "$way" "$db"
    # A moment within the run (and now and then just after it ends).
    ms=$(( RANDOM * 32768 + RANDOM ))
    ms=$(( ms % (full_time[$way] * 11 / 10 + 1) ))
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    total[$way]=$(( ${total[$way]:-0} + 1 ))
    fault=""
    if ! out=$("$bin" --db "$db" check --json 2>&1); then
        fault="check: $out"
    else
        read -r -a st <<<"$(state "$db" "${files[@]}")"
        events="${st[-1]}"
        flags="${st[*]:0:${#files[@]}}"
        case "$way" in
            news)
                if [ "$flags" = 1 ]; then want=$news_events; else want=$base_later_events; fi ;;
            *)
                if [ "$way" = first ]; then want=0; else want=$base_later_events; fi
                prev=1
                for k in "${!files[@]}"; do
                    f="${st[$k]}"
                    [ "$f" = 1 ] && [ "$prev" = 0 ] && fault="imports not a prefix: $flags"
                    [ "$f" = 1 ] && want=$(( want + $(rows "$(basename "${files[$k]}" .csv)") ))
                    prev=$f
                done ;;
        esac
        [ -z "$fault" ] && [ "$events" != "$want" ] && fault="$events events, expected $want (committed: $flags)"
    fi
    if [ -n "$fault" ]; then
        bad=$((bad + 1))
        echo "run $i ($way, killed at ${ms} ms): UNCLEAN: $fault" >&2
        cp "$db" "$work/unclean-$i.db" 2>/dev/null || true
    else
        clean[$way]=$(( ${clean[$way]:-0} + 1 ))
        echo "run $i ($way, killed at ${ms} ms): clean (committed: ${flags:-?}, ${events:-?} events)" >&2
    fi
done

# A full disk: a tmpfs with room for the base database and little more.
disk_runs=0
disk_clean=0
full_disk() { # WAY: first | later
    local way="$1" mnt="$work/full" size_kib
    mkdir -p "$mnt"
    size_kib=$(( $(du -k "$work/base-later.db" | cut -f1) + 2048 ))
    if ! mount -t tmpfs -o "size=${size_kib}k" tmpfs "$mnt" 2>/dev/null; then
        echo "full disk ($way): skipped (cannot mount a tmpfs: run as root)" >&2
        return
    fi
    disk_runs=$((disk_runs + 1))
    local db="$mnt/full.db" want=0 fault="" out events
    if [ "$way" = later ]; then cp "$work/base-later.db" "$db"; want=$base_later_events; fi
    if "$bin" --db "$db" import acled "$work/f2.csv" --json >/dev/null 2>"$work/err"; then
        fault="the import succeeded on a ${size_kib} KiB disk"
    elif ! grep -qiE "disk is full|no space" "$work/err"; then
        fault="unclear error: $(head -c 300 "$work/err")"
    elif ! out=$("$bin" --db "$db" check --json 2>&1); then
        fault="check: $out"
    else
        events=$(state "$db" "$work/f2.csv" | awk '{print $NF}')
        [ "$events" = "$want" ] || fault="$events events after the failed import, expected $want"
    fi
    umount "$mnt"
    if [ -n "$fault" ]; then
        echo "full disk ($way, ${size_kib} KiB): UNCLEAN: $fault" >&2
    else
        disk_clean=$((disk_clean + 1))
        echo "full disk ($way, ${size_kib} KiB): clean: $(head -c 200 "$work/err" | tr '\n' ' ')" >&2
    fi
}
full_disk first
full_disk later

summary
printf '%-6s %5s %6s\n' full "$disk_runs" "$disk_clean"
echo "$((runs - bad))/$runs clean; full disk $disk_clean/$disk_runs clean"
[ "$bad" = 0 ] && [ "$disk_clean" = "$disk_runs" ]
