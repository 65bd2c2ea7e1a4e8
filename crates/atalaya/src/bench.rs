//! `atalaya bench`: measures the import and the weekly series on synthetic files of N
//! events, against DuckDB and pandas doing the same work (`bench/peers.py`).
//!
//! Every measured operation runs in a child process, so its wall time includes what a user
//! waits for (start-up, opening the database, writing the output) and its peak memory
//! (VmHWM, read from `/proc/<pid>/status` while it runs) is its own. Each measurement is
//! repeated `--repeat` times and reported as the median, with the minimum and maximum.
//! `docs/benchmarks.md` explains the method and the ratios.

use std::io::{IsTerminal, Read as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
use atalaya_store::synth::{self, SynthConfig};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Value};

#[derive(clap::Args, Debug, Clone)]
pub struct BenchArgs {
    /// Numbers of synthetic events to measure (repeat the option or separate with commas)
    #[arg(long = "events", value_delimiter = ',', default_value = "1000000")]
    pub events: Vec<u64>,
    /// Runs of each measurement; medians are reported
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Where the synthetic files and databases go (default: a fresh temporary directory,
    /// removed at the end)
    #[arg(long, value_name = "DIR")]
    pub workdir: Option<PathBuf>,
    /// Skip the DuckDB and pandas peers
    #[arg(long)]
    pub no_peers: bool,
    /// Fail when a peer (python3, duckdb, pandas) is unavailable instead of reporting it
    #[arg(long, conflicts_with = "no_peers")]
    pub require_peers: bool,
    /// Seed of the synthetic generator
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Keep the synthetic files and databases
    #[arg(long)]
    pub keep: bool,
    /// Also measure SQLite's floor: the imported events copied into a fresh database by one
    /// `INSERT … SELECT` plus the index builds: as stored, and numeric fields only
    #[arg(long)]
    pub floor: bool,
}

/// Runs the benchmark and returns its report (the caller prints it).
pub fn run(args: &BenchArgs) -> Result<Value> {
    if args.events.is_empty() || args.events.contains(&0) {
        bail!("--events needs one or more positive counts");
    }
    if args.repeat == 0 {
        bail!("--repeat must be at least 1");
    }
    let exe = atalaya_exe()?;
    let (workdir, temporary) = match &args.workdir {
        Some(d) => {
            std::fs::create_dir_all(d)
                .with_context(|| format!("creating the work directory {}", d.display()))?;
            (d.clone(), false)
        }
        None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let d =
                std::env::temp_dir().join(format!("atalaya-bench-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&d)
                .with_context(|| format!("creating the work directory {}", d.display()))?;
            (d, true)
        }
    };
    let result = run_in(args, &exe, &workdir);
    if temporary && !args.keep {
        let _ = std::fs::remove_dir_all(&workdir);
    }
    let mut report = result?;
    if args.keep || !temporary {
        report["workdir"] = json!(workdir);
    }
    Ok(report)
}

fn run_in(args: &BenchArgs, exe: &Path, workdir: &Path) -> Result<Value> {
    let r = args.repeat;
    // generate, R imports, a warm-up, R series, the peers, done.
    let steps_per_n =
        3 + 2 * r as u64 + u64::from(!args.no_peers) + if args.floor { 2 * r as u64 } else { 0 };
    let progress = Progress::new(steps_per_n * args.events.len() as u64);
    let peers_script = if args.no_peers {
        None
    } else {
        Some(peers_path())
    };
    let mut peers_info = json!({"enabled": !args.no_peers});
    let mut runs = Vec::new();
    for &n in &args.events {
        let csv = workdir.join(format!("synth-{n}.csv"));
        let db = workdir.join(format!("bench-{n}.db"));

        progress.step(&format!("{n}: generating"));
        let cfg = SynthConfig::new(n, args.seed);
        let t = Instant::now();
        let rows = synth::generate_file(&cfg, &csv)
            .with_context(|| format!("writing {}", csv.display()))?;
        let synth_s = t.elapsed().as_secs_f64();
        let csv_bytes = std::fs::metadata(&csv)?.len();

        let mut imports = Vec::new();
        let mut import_report = Value::Null;
        for i in 0..r {
            progress.step(&format!("{n}: atalaya import {}/{r}", i + 1));
            remove_db(&db);
            let m = measure(
                Command::new(exe)
                    .arg("--db")
                    .arg(&db)
                    .args(["import", "acled"])
                    .arg(&csv)
                    .arg("--json"),
                true,
            )
            .context("atalaya import")?;
            import_report = check_import(&m.stdout, rows)?;
            imports.push(m);
        }
        let db_bytes = db_size(&db);
        let floor = if args.floor {
            measure_floor(exe, &db, workdir, n, r, &progress)?
        } else {
            Value::Null
        };

        // One untimed run checks the output and warms the page cache, as for the peers.
        progress.step(&format!("{n}: atalaya series (warm-up)"));
        let series_cmd = |c: &mut Command| {
            c.arg("--db")
                .arg(&db)
                .args(["series", "--period", "week", "--by", "state", "--json"]);
        };
        let mut warm = Command::new(exe);
        series_cmd(&mut warm);
        let warm = measure(&mut warm, true).context("atalaya series")?;
        let series_lines = warm.stdout.lines().filter(|l| !l.trim().is_empty()).count();
        let mut series = Vec::new();
        for i in 0..r {
            progress.step(&format!("{n}: atalaya series {}/{r}", i + 1));
            let mut c = Command::new(exe);
            series_cmd(&mut c);
            series.push(measure(&mut c, false).context("atalaya series")?);
        }
        let atalaya = json!({
            "import": stats(&imports, Some(rows)),
            "import_report": import_report,
            "series": stats(&series, None),
            "series_lines": series_lines,
            "db_bytes": db_bytes,
        });

        let mut peers = Value::Null;
        if let Some(script) = &peers_script {
            progress.step(&format!("{n}: DuckDB and pandas"));
            match run_peers(script, &csv, r, workdir) {
                Ok(p) => {
                    for tool in ["duckdb", "pandas"] {
                        if let Some(v) = p["versions"].get(tool) {
                            peers_info[tool] = v.clone();
                        }
                        if let Some(e) = p["errors"].get(tool) {
                            if args.require_peers {
                                bail!("peer {tool} is unavailable: {e}");
                            }
                            peers_info[format!("{tool}_error")] = e.clone();
                        }
                    }
                    peers_info["python"] = p["python"].clone();
                    peers = p;
                }
                Err(e) => {
                    if args.require_peers {
                        return Err(e.context("peers unavailable"));
                    }
                    peers_info["available"] = json!(false);
                    peers_info["reason"] = json!(format!("{e:#}"));
                }
            }
        }
        let duckdb = peer_stats(
            &peers,
            "duckdb",
            &[("import", Some(rows)), ("series", None)],
        );
        let pandas = peer_stats(
            &peers,
            "pandas",
            &[("read_csv", Some(rows)), ("groupby", None)],
        );
        let ratio = |a: &Value, b: &Value| match (a["median_s"].as_f64(), b["median_s"].as_f64()) {
            (Some(x), Some(y)) if x > 0.0 && y > 0.0 => json!(x / y),
            _ => Value::Null,
        };
        // A floor's storing time (`store_s`), shaped like a summary for `ratio`.
        let floor_store = |layout: &str| json!({"median_s": floor[layout]["store_s_median"]});
        let ratios = json!({
            // Speed ratios: above 1, atalaya is faster.
            "import_speed_vs_duckdb": ratio(&duckdb["import"], &atalaya["import"]),
            "import_speed_vs_pandas_read_csv": ratio(&pandas["read_csv"], &atalaya["import"]),
            // Time ratios: below 1, atalaya is faster.
            "series_time_vs_duckdb": ratio(&atalaya["series"], &duckdb["series"]),
            "series_time_vs_pandas_groupby": ratio(&atalaya["series"], &pandas["groupby"]),
            // What SQLite alone would allow (storing time only): above 0.5, the import
            // target is within reach of a store that writes these rows.
            "floor_full_speed_vs_duckdb": ratio(&duckdb["import"], &floor_store("full")),
            "floor_numeric_speed_vs_duckdb": ratio(&duckdb["import"], &floor_store("numeric")),
        });
        progress.step(&format!("{n}: done"));
        if !args.keep {
            let _ = std::fs::remove_file(&csv);
            remove_db(&db);
        }
        runs.push(json!({
            "events": n,
            "synth": {
                "seconds": synth_s,
                "rows_per_s": rows as f64 / synth_s,
                "csv_bytes": csv_bytes,
                "seed": args.seed,
            },
            "atalaya": atalaya,
            "sqlite_floor": floor,
            "duckdb": duckdb,
            "pandas": pandas,
            "ratios": ratios,
        }));
    }
    progress.finish();
    if !args.no_peers && peers_info.get("available").is_none() {
        peers_info["available"] = json!(true);
    }
    Ok(json!({
        "atalaya_version": env!("CARGO_PKG_VERSION"),
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "exe": exe,
        "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "repeat": r,
        "peers": peers_info,
        "runs": runs,
    }))
}

/// `bench-floor` R times per layout on the imported database `db`: the child's wall time
/// (summarised like an import) and the median of each step it reports.
fn measure_floor(
    exe: &Path,
    db: &Path,
    workdir: &Path,
    n: u64,
    r: usize,
    progress: &Progress,
) -> Result<Value> {
    let target = workdir.join(format!("floor-{n}.db"));
    let mut out = json!({});
    for layout in ["full", "numeric"] {
        let mut runs = Vec::new();
        let mut steps: Vec<Value> = Vec::new();
        for i in 0..r {
            progress.step(&format!("{n}: SQLite floor, {layout} {}/{r}", i + 1));
            remove_db(&target);
            let m = measure(
                Command::new(exe)
                    .arg("--db")
                    .arg(&target)
                    .args(["--json", "bench-floor", "--layout", layout, "--from"])
                    .arg(db),
                true,
            )
            .with_context(|| format!("atalaya bench-floor --layout {layout}"))?;
            steps.push(
                serde_json::from_str(m.stdout.trim())
                    .with_context(|| format!("bench-floor printed {:?}", m.stdout))?,
            );
            runs.push(m);
        }
        remove_db(&target);
        let mut s = stats(&runs, Some(n));
        for step in ["store_s", "copy_s", "index_s", "commit_s", "close_s"] {
            let v: Vec<f64> = steps.iter().filter_map(|x| x[step].as_f64()).collect();
            if !v.is_empty() {
                s[format!("{step}_median")] = json!(median(&v));
            }
        }
        out[layout] = s;
    }
    Ok(out)
}

/// One measured child run.
struct Measured {
    seconds: f64,
    /// Peak resident memory in bytes (VmHWM), when /proc could be read.
    peak_rss: Option<u64>,
    stdout: String,
}

/// Runs `cmd` to completion, timing it and polling its peak memory every 20 ms. With
/// `capture`, stdout is returned; otherwise it goes to /dev/null. A failed run is an error
/// carrying the child's stderr.
fn measure(cmd: &mut Command, capture: bool) -> Result<Measured> {
    cmd.stdin(Stdio::null())
        .stdout(if capture {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("starting {:?}", cmd.get_program()))?;
    let pid = child.id();
    let done = Arc::new(AtomicBool::new(false));
    let poller = {
        let done = done.clone();
        std::thread::spawn(move || {
            let path = format!("/proc/{pid}/status");
            let mut peak: Option<u64> = None;
            loop {
                if let Some(v) = read_peak_kib(&path) {
                    peak = Some(peak.map_or(v, |p| p.max(v)));
                }
                if done.load(Ordering::Relaxed) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            peak.map(|k| k * 1024)
        })
    };
    // Drain stderr on its own thread so a chatty child never blocks on a full pipe.
    let mut stderr = child.stderr.take().expect("piped stderr");
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let mut stdout = String::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_string(&mut stdout)?;
    }
    let status = child.wait()?;
    let seconds = start.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    let peak_rss = poller.join().unwrap_or(None);
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        let tail: String = err
            .lines()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n");
        bail!(
            "{:?} failed ({status}):\n{tail}",
            cmd.get_args().collect::<Vec<_>>()
        );
    }
    Ok(Measured {
        seconds,
        peak_rss,
        stdout,
    })
}

/// VmHWM (peak resident set), or VmRSS when the kernel gives no peak, in KiB.
fn read_peak_kib(path: &str) -> Option<u64> {
    let status = std::fs::read_to_string(path).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
    };
    field("VmHWM:").or_else(|| field("VmRSS:"))
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let m = s.len() / 2;
    if s.len() % 2 == 1 {
        s[m]
    } else {
        (s[m - 1] + s[m]) / 2.0
    }
}

/// Median, min and max of times (and rows/s when `rows` is given) plus the median peak RSS.
fn summarize(times: &[f64], peaks: &[u64], rows: Option<u64>) -> Value {
    let med = median(times);
    let mut v = json!({
        "median_s": med,
        "min_s": times.iter().copied().fold(f64::INFINITY, f64::min),
        "max_s": times.iter().copied().fold(0.0, f64::max),
        "runs": times.len(),
    });
    if let Some(n) = rows {
        v["rows_per_s"] = json!(n as f64 / med);
    }
    if !peaks.is_empty() {
        let p: Vec<f64> = peaks.iter().map(|&b| b as f64).collect();
        v["peak_rss_mb"] = json!(median(&p) / 1_048_576.0);
    }
    v
}

fn stats(runs: &[Measured], rows: Option<u64>) -> Value {
    let times: Vec<f64> = runs.iter().map(|m| m.seconds).collect();
    let peaks: Vec<u64> = runs.iter().filter_map(|m| m.peak_rss).collect();
    summarize(&times, &peaks, rows)
}

/// Summaries of one peer's measurements from peers.py's raw times, or null when the peer
/// did not run.
fn peer_stats(peers: &Value, tool: &str, ops: &[(&str, Option<u64>)]) -> Value {
    let Some(t) = peers.get(tool).filter(|t| t.is_object()) else {
        return Value::Null;
    };
    let mut out = json!({});
    for (op, rows) in ops {
        let m = &t[*op];
        let times: Vec<f64> = m["times"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        if times.is_empty() {
            out[*op] = Value::Null;
            continue;
        }
        let peaks: Vec<u64> = m["peak_rss_bytes"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        let mut s = summarize(&times, &peaks, *rows);
        if let Some(p) = m["process_times"].as_array() {
            let p: Vec<f64> = p.iter().filter_map(Value::as_f64).collect();
            if !p.is_empty() {
                s["process_median_s"] = json!(median(&p));
            }
        }
        for extra in ["db_bytes", "groups", "note"] {
            if let Some(v) = m.get(extra) {
                s[extra] = v.clone();
            }
        }
        out[*op] = s;
    }
    out
}

/// Checks the import's JSON line: every row stored, none rejected.
fn check_import(stdout: &str, rows: u64) -> Result<Value> {
    let line = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .context("atalaya import printed no report")?;
    let v: Value = serde_json::from_str(line)
        .with_context(|| format!("atalaya import printed {line:?}, not a JSON report"))?;
    let get = |k: &str| v[k].as_u64().unwrap_or(0);
    if get("rejected") > 0 || get("read") != rows {
        bail!("atalaya import did not store the whole synthetic file: {line}");
    }
    Ok(v)
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

fn db_size(db: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .map(|suffix| {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            std::fs::metadata(PathBuf::from(p))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .sum()
}

/// The atalaya executable to measure: `ATALAYA_BENCH_EXE`, else this very program.
fn atalaya_exe() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("ATALAYA_BENCH_EXE") {
        return Ok(PathBuf::from(p));
    }
    std::env::current_exe().context("locating the atalaya executable")
}

/// `bench/peers.py`: `ATALAYA_BENCH_PEERS`, else found above the executable or the current
/// directory (a checkout), else the path of the source tree this binary was built from.
fn peers_path() -> PathBuf {
    if let Some(p) = std::env::var_os("ATALAYA_BENCH_PEERS") {
        return PathBuf::from(p);
    }
    let starts = [
        std::env::current_exe()
            .ok()
            .and_then(|e| e.parent().map(Path::to_path_buf)),
        std::env::current_dir().ok(),
    ];
    for start in starts.into_iter().flatten() {
        for dir in start.ancestors() {
            let p = dir.join("bench").join("peers.py");
            if p.is_file() {
                return p;
            }
        }
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/peers.py"))
}

/// Runs peers.py and returns its JSON report. Errors when python3 or the script cannot
/// run at all; a missing package is reported inside the JSON (`errors`).
fn run_peers(script: &Path, csv: &Path, repeat: usize, workdir: &Path) -> Result<Value> {
    if !script.is_file() {
        bail!("{} not found (set ATALAYA_BENCH_PEERS)", script.display());
    }
    let python = std::env::var_os("ATALAYA_BENCH_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(&python)
        .arg(script)
        .arg("--csv")
        .arg(csv)
        .arg("--repeat")
        .arg(repeat.to_string())
        .arg("--workdir")
        .arg(workdir)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .with_context(|| format!("running {}", Path::new(&python).display()))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!(
            "{} failed ({}): {}",
            script.display(),
            out.status,
            err.lines().rev().take(10).collect::<Vec<_>>().join(" | ")
        );
    }
    serde_json::from_slice(&out.stdout)
        .with_context(|| format!("{} printed no JSON report", script.display()))
}

/// A progress bar on a terminal; plain log lines on stderr otherwise.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(steps: u64) -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = ProgressBar::new(steps);
        bar.set_style(
            ProgressStyle::with_template("{elapsed_precise} {bar:30} {pos}/{len} {msg}")
                .expect("static template")
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar: Some(bar) }
    }

    fn step(&self, msg: &str) {
        match &self.bar {
            Some(b) => {
                b.set_message(msg.to_string());
                b.inc(1);
            }
            None => eprintln!("bench: {msg}"),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
