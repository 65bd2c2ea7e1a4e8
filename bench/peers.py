#!/usr/bin/env python3
"""Peers for `atalaya bench`: DuckDB and pandas doing the work atalaya does on the same
synthetic ACLED CSV.

  DuckDB  import   read_csv of the whole file into a table of a fresh on-disk database
                   (parse + store), connection closed (checkpointed) inside the timing.
          series   count of events per ISO week x state (admin1) from that database, in a
                   fresh process, fetched into Python. Not zero-filled (atalaya's series is).
  pandas  read_csv the whole file into a DataFrame (parse only: pandas has no store),
                   event_date parsed as a date.
          groupby  count per ISO week x state on the loaded DataFrame (in memory, so this
                   excludes any reading from disk). Not zero-filled.

Every measurement runs in its own child process; its time is measured inside the child
around the operation only (interpreter start-up and `import duckdb/pandas` excluded, which
favours the peers), and its peak memory is the child's ru_maxrss (os.wait4). The wall time
of the whole child is reported too, as `process_times`.

Prints one JSON document on stdout:
  {"python": "3.11.7", "versions": {"duckdb": "...", "pandas": "..."}, "errors": {tool: why},
   "duckdb": {"import": {"times": [...], "process_times": [...], "peak_rss_bytes": [...],
                         "db_bytes": N},
              "series": {"times": [...], ..., "groups": N, "note": "..."}},
   "pandas": {"read_csv": {...}, "groupby": {..., "groups": N}}}
A tool that cannot run (package missing, run failed, not enough memory) appears in
"errors" instead; the script itself only fails on bad arguments.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

SERIES_SQL = (
    "SELECT isoyear(event_date) AS y, week(event_date) AS w, admin1, count(*) AS n "
    "FROM events GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
)


def worker(args):
    """Runs one operation and prints {"seconds": ..., ...}."""
    out = {}
    if args.worker == "duckdb_import":
        import duckdb

        t = time.perf_counter()
        con = duckdb.connect(args.db)
        con.execute("CREATE TABLE events AS SELECT * FROM read_csv(?, header = true)", [args.csv])
        con.close()
        out["seconds"] = time.perf_counter() - t
        out["db_bytes"] = os.path.getsize(args.db)
    elif args.worker == "duckdb_series":
        import duckdb

        t = time.perf_counter()
        con = duckdb.connect(args.db, read_only=True)
        rows = con.execute(SERIES_SQL).fetchall()
        con.close()
        out["seconds"] = time.perf_counter() - t
        out["groups"] = len(rows)
    elif args.worker == "pandas":
        import pandas as pd

        t = time.perf_counter()
        df = pd.read_csv(args.csv, parse_dates=["event_date"], low_memory=False)
        out["read_csv"] = time.perf_counter() - t
        t = time.perf_counter()
        iso = df["event_date"].dt.isocalendar()
        counts = df.groupby([iso["year"], iso["week"], df["admin1"]]).size()
        out["groupby"] = time.perf_counter() - t
        out["groups"] = int(len(counts))
        out["rows"] = int(len(df))
    else:
        raise SystemExit(f"unknown worker {args.worker}")
    json.dump(out, sys.stdout)


def run_child(argv):
    """Runs this script as a worker; returns (its JSON, wall seconds, peak RSS bytes)."""
    t = time.perf_counter()
    p = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__)] + argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    stdout = p.stdout.read()
    stderr = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        tail = " | ".join(stderr.decode("utf-8", "replace").strip().splitlines()[-5:])
        raise RuntimeError(f"worker {argv[1]} exited with {p.returncode}: {tail}")
    # ru_maxrss is in KiB on Linux.
    return json.loads(stdout), wall, usage.ru_maxrss * 1024


def mem_available():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def bench_duckdb(args, workdir):
    db = os.path.join(workdir, "peer-duckdb.duckdb")
    imp = {"times": [], "process_times": [], "peak_rss_bytes": []}

    def clean():
        for suffix in ("", ".wal"):
            try:
                os.remove(db + suffix)
            except FileNotFoundError:
                pass

    for _ in range(args.repeat):
        clean()
        out, wall, rss = run_child(["--worker", "duckdb_import", "--csv", args.csv, "--db", db])
        imp["times"].append(out["seconds"])
        imp["process_times"].append(wall)
        imp["peak_rss_bytes"].append(rss)
        imp["db_bytes"] = out["db_bytes"]
    series = {
        "times": [],
        "process_times": [],
        "peak_rss_bytes": [],
        "note": "count per ISO week x state, not zero-filled",
    }
    # One untimed run warms the page cache, as atalaya's warm-up does.
    run_child(["--worker", "duckdb_series", "--csv", args.csv, "--db", db])
    for _ in range(args.repeat):
        out, wall, rss = run_child(["--worker", "duckdb_series", "--csv", args.csv, "--db", db])
        series["times"].append(out["seconds"])
        series["process_times"].append(wall)
        series["peak_rss_bytes"].append(rss)
        series["groups"] = out["groups"]
    clean()
    return {"import": imp, "series": series}


def bench_pandas(args):
    size = os.path.getsize(args.csv)
    avail = mem_available()
    # An object-dtype DataFrame of this file takes about 3-4 times its size in memory;
    # refuse rather than push a shared machine into the OOM killer.
    need = size * args.pandas_memory_factor
    if avail is not None and need > 0.8 * avail:
        raise RuntimeError(
            f"skipped: the DataFrame would need about {need / 2**30:.1f} GiB, "
            f"{avail / 2**30:.1f} GiB available (--pandas-memory-factor {args.pandas_memory_factor})"
        )
    read = {"times": [], "process_times": [], "peak_rss_bytes": [], "note": "parse only, no store"}
    group = {
        "times": [],
        "process_times": [],
        "peak_rss_bytes": [],
        "note": "count per ISO week x state on the loaded DataFrame, not zero-filled",
    }
    for _ in range(args.repeat):
        out, wall, rss = run_child(["--worker", "pandas", "--csv", args.csv])
        read["times"].append(out["read_csv"])
        group["times"].append(out["groupby"])
        read["process_times"].append(wall)
        read["peak_rss_bytes"].append(rss)
        group["peak_rss_bytes"].append(rss)
        group["groups"] = out["groups"]
    return {"read_csv": read, "groupby": group}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", required=True, help="the synthetic ACLED CSV")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workdir", help="where DuckDB's database goes (default: a temporary directory)")
    ap.add_argument("--only", choices=["duckdb", "pandas"], help="run one peer only")
    ap.add_argument("--pandas-memory-factor", type=float, default=4.0)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if not os.path.isfile(args.csv):
        ap.error(f"{args.csv} is not a file")
    args.csv = os.path.abspath(args.csv)

    report = {"python": platform.python_version(), "versions": {}, "errors": {}}
    tmp = None
    workdir = args.workdir
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="atalaya-peers-")
        workdir = tmp.name
    for tool in ("duckdb", "pandas"):
        if args.only and args.only != tool:
            continue
        try:
            module = __import__(tool)
            report["versions"][tool] = module.__version__
        except Exception as e:  # noqa: BLE001 - any import failure makes the peer unavailable
            report["errors"][tool] = f"cannot import {tool}: {e} (pip install {tool})"
            continue
        try:
            report[tool] = bench_duckdb(args, workdir) if tool == "duckdb" else bench_pandas(args)
        except Exception as e:  # noqa: BLE001 - reported, not fatal
            report["errors"][tool] = str(e)
    if tmp is not None:
        tmp.cleanup()
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
