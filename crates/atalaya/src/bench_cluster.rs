//! `bench-cluster`: the scaling benchmark of docs/benchmarks.md. For each size it writes a
//! synthetic Parquet dataset (`synth --format parquet`), then times the embedded path
//! (`import parquet` into an empty database, then `series --period week --by state`) and
//! the cluster path (`cluster series` on a Spark standalone master with 1, then 2, one-core
//! workers started here on 127.0.0.1, then `import aggregates` and the same series). Each
//! step runs as a child process of this binary; its peak memory is the sum of the resident
//! memory of the whole process tree (for the cluster: spark-submit's driver, the master,
//! the workers and their executors), sampled every 100 ms; for one process its own
//! high-water mark (VmHWM) is taken as well, and the larger reported.
//! Linux only (it reads /proc).

use std::collections::HashMap;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
use atalaya_charts::{scaling_chart, ScalingSeries};
use clap::Args;
use serde::{Deserialize, Serialize};

use crate::Cli;

#[derive(Args)]
pub struct BenchClusterArgs {
    /// Dataset sizes, comma-separated (10000000,100000000); 0 runs nothing (to draw
    /// `--chart-with` runs only)
    #[arg(long, value_delimiter = ',', default_value = "1000000")]
    pub events: Vec<u64>,
    /// Numbers of Spark workers (one core each) to run the cluster job with
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    pub workers: Vec<u32>,
    /// Memory per worker (its executor gets it less 10%)
    #[arg(long, default_value = "2g")]
    pub worker_memory: String,
    /// The embedded path only up to this many events (its database needs ~120 bytes of
    /// disk per event besides the dataset)
    #[arg(long, default_value_t = u64::MAX)]
    pub embedded_max: u64,
    /// Scratch folder (datasets, databases; emptied as it goes). A tmpfs such as /dev/shm
    /// keeps the disk out of the timings, if memory allows
    #[arg(long)]
    pub dir: PathBuf,
    /// Spark's bin folder (spark-class, spark-submit) [default: $SPARK_HOME/bin, else
    /// from PATH]
    #[arg(long)]
    pub spark_bin: Option<PathBuf>,
    /// Write the time-versus-events chart here
    #[arg(long)]
    pub svg: Option<PathBuf>,
    /// Also draw the steps of earlier runs in the chart: files of their `--json` output
    /// (one step per line), e.g. a 100M run added to a 10M one
    #[arg(long = "chart-with", value_name = "FILE")]
    pub chart_with: Vec<PathBuf>,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Keep the datasets (`DIR/events-N`), and use one already there (a complete dataset
    /// of `synth --format parquet --events N --seed S`) instead of writing it again
    #[arg(long)]
    pub keep_datasets: bool,
}

#[derive(Serialize, Deserialize, Clone)]
struct Step {
    events: u64,
    path: String,
    step: String,
    seconds: f64,
    events_per_second: f64,
    peak_rss_mib: f64,
}

/// Resident memory (KiB) of `pids` and all their descendants, and each one's VmHWM.
fn tree_rss(roots: &[u32]) -> (u64, u64) {
    let mut parent: HashMap<u32, u32> = HashMap::new();
    let mut rss: HashMap<u32, (u64, u64)> = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return (0, 0);
    };
    for e in dir.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
            continue;
        };
        let mut ppid = 0;
        let (mut now, mut hwm) = (0, 0);
        for line in status.lines() {
            let num = |l: &str| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            if line.starts_with("PPid:") {
                ppid = num(line) as u32;
            } else if line.starts_with("VmRSS:") {
                now = num(line);
            } else if line.starts_with("VmHWM:") {
                hwm = num(line);
            }
        }
        parent.insert(pid, ppid);
        rss.insert(pid, (now, hwm));
    }
    let in_tree = |mut p: u32| {
        for _ in 0..64 {
            if roots.contains(&p) {
                return true;
            }
            match parent.get(&p) {
                Some(&pp) if pp != 0 => p = pp,
                _ => return false,
            }
        }
        false
    };
    let (mut sum, mut max_hwm) = (0, 0);
    for (&pid, &(now, hwm)) in &rss {
        if in_tree(pid) {
            sum += now;
            max_hwm = max_hwm.max(hwm);
        }
    }
    (sum, max_hwm)
}

/// Runs `cmd` to the end, timing it and sampling the memory of its tree plus `others`.
fn measured(mut cmd: Command, others: &[u32], what: &str) -> Result<(f64, f64, String)> {
    let started = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {what}"))?;
    let stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut { stdout }, &mut s);
        s
    });
    let stderr = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut { stderr }, &mut s);
        s
    });
    let mut roots = vec![child.id()];
    roots.extend_from_slice(others);
    let mut peak = 0u64;
    let status = loop {
        let (sum, hwm) = tree_rss(&roots);
        peak = peak.max(sum).max(hwm);
        if let Some(s) = child.try_wait()? {
            break s;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let seconds = started.elapsed().as_secs_f64();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        bail!("{what} failed ({status}): {}", err.trim());
    }
    Ok((seconds, peak as f64 / 1024.0, out))
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A standalone master and its workers; stopped when dropped.
struct Cluster {
    procs: Vec<Child>,
    url: String,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for c in &mut self.procs {
            let _ = c.kill();
        }
        for c in &mut self.procs {
            let _ = c.wait();
        }
    }
}

impl Cluster {
    fn start(bin: &Path, workers: u32, memory: &str, dir: &Path) -> Result<Cluster> {
        let (port, ui) = (free_port()?, free_port()?);
        let spawn = |args: Vec<String>, name: &str| -> Result<Child> {
            let log = std::fs::File::create(dir.join(format!("{name}.log")))?;
            Command::new(bin.join("spark-class"))
                .args(args)
                .env("SPARK_LOCAL_IP", "127.0.0.1")
                .env("SPARK_LOG_DIR", dir)
                .stdin(Stdio::null())
                .stdout(log.try_clone()?)
                .stderr(log)
                .spawn()
                .context("starting spark-class")
        };
        let url = format!("spark://127.0.0.1:{port}");
        let mut c = Cluster {
            procs: Vec::new(),
            url: url.clone(),
        };
        c.procs.push(spawn(
            [
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--webui-port",
                &ui.to_string(),
            ]
            .map(String::from)
            .to_vec(),
            "master",
        )?);
        for w in 1..=workers {
            let work = dir.join(format!("worker{w}"));
            c.procs.push(spawn(
                [
                    "org.apache.spark.deploy.worker.Worker",
                    "--host",
                    "127.0.0.1",
                    "--cores",
                    "1",
                    "--memory",
                    memory,
                    "--webui-port",
                    &free_port()?.to_string(),
                    "--work-dir",
                    &work.display().to_string(),
                    &url,
                ]
                .map(String::from)
                .to_vec(),
                &format!("worker{w}"),
            )?);
        }
        let deadline = Instant::now() + Duration::from_secs(180);
        while alive_workers(ui) != Some(workers as u64) {
            for p in &mut c.procs {
                if let Some(s) = p.try_wait()? {
                    bail!("a Spark process exited ({s}); logs in {}", dir.display());
                }
            }
            if Instant::now() > deadline {
                bail!("the Spark workers did not register within 180 s");
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        Ok(c)
    }

    fn pids(&self) -> Vec<u32> {
        self.procs.iter().map(Child::id).collect()
    }
}

fn alive_workers(ui: u16) -> Option<u64> {
    use std::io::Read;
    let mut c = std::net::TcpStream::connect(("127.0.0.1", ui)).ok()?;
    c.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(c, "GET /json/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut body = String::new();
    c.read_to_string(&mut body).ok()?;
    let v: serde_json::Value = serde_json::from_str(body.split("\r\n\r\n").nth(1)?).ok()?;
    v["aliveworkers"].as_u64()
}

fn spark_bin(a: &BenchClusterArgs) -> Result<PathBuf> {
    let has = |d: &Path| d.join("spark-class").is_file() && d.join("spark-submit").is_file();
    if let Some(b) = &a.spark_bin {
        if has(b) {
            return Ok(b.clone());
        }
        bail!(
            "--spark-bin {}: no spark-class and spark-submit there",
            b.display()
        );
    }
    if let Some(home) = std::env::var_os("SPARK_HOME") {
        let b = Path::new(&home).join("bin");
        if has(&b) {
            return Ok(b);
        }
    }
    std::env::var_os("PATH")
        .and_then(|p| std::env::split_paths(&p).find(|d| has(d)))
        .context(
            "Spark not found: pip install pyspark (cluster/requirements.txt), or give --spark-bin",
        )
}

fn rm(p: &Path) {
    let _ = if p.is_dir() {
        std::fs::remove_dir_all(p)
    } else {
        std::fs::remove_file(p)
    };
}

pub fn run(cli: &Cli, a: &BenchClusterArgs) -> Result<ExitCode> {
    let bin = spark_bin(a)?;
    let exe = std::env::current_exe().context("finding the atalaya binary")?;
    std::fs::create_dir_all(&a.dir).with_context(|| format!("creating {}", a.dir.display()))?;
    let me = |args: &[&str]| {
        let mut c = Command::new(&exe);
        c.args(args);
        c
    };
    let s = |p: &Path| p.display().to_string();
    let mut steps: Vec<Step> = Vec::new();
    let mut report = |st: Step| -> Result<()> {
        let mut out = std::io::stdout().lock();
        if cli.json {
            serde_json::to_writer(&mut out, &st)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{:>11} events  {:<22} {:<18} {:>8.1} s  {:>10.0} events/s  {:>7.0} MiB",
                st.events, st.path, st.step, st.seconds, st.events_per_second, st.peak_rss_mib
            )?;
        }
        out.flush()?;
        steps.push(st);
        Ok(())
    };
    let step = |events: u64, path: &str, name: &str, (seconds, mib, _): (f64, f64, String)| Step {
        events,
        path: path.to_string(),
        step: name.to_string(),
        seconds,
        events_per_second: events as f64 / seconds,
        peak_rss_mib: mib,
    };
    for &n in a.events.iter().filter(|&&n| n > 0) {
        let ds = a.dir.join(format!("events-{n}"));
        let ns = n.to_string();
        let seed = a.seed.to_string();
        let reuse = a.keep_datasets && ds.join(atalaya_store::export_parquet::MANIFEST).is_file();
        if !reuse {
            rm(&ds);
            let r = measured(
                me(&[
                    "synth",
                    "--format",
                    "parquet",
                    "--events",
                    &ns,
                    "--seed",
                    &seed,
                    "--out",
                    &s(&ds),
                ]),
                &[],
                "synth",
            )?;
            report(step(n, "dataset", "synth parquet", r))?;
        }

        if n <= a.embedded_max {
            let db = a.dir.join(format!("embedded-{n}.db"));
            rm(&db);
            let r = measured(
                me(&["--db", &s(&db), "import", "parquet", &s(&ds)]),
                &[],
                "import parquet",
            )?;
            let (import_secs, import_mib) = (r.0, r.1);
            report(step(n, "embedded", "import parquet", r))?;
            let r = measured(
                me(&[
                    "--db",
                    &s(&db),
                    "--json",
                    "series",
                    "--period",
                    "week",
                    "--by",
                    "state",
                ]),
                &[],
                "series",
            )?;
            let series_secs = r.0;
            let mib = r.1.max(import_mib);
            report(step(n, "embedded", "series", r))?;
            report(step(
                n,
                "embedded",
                "total",
                (import_secs + series_secs, mib, String::new()),
            ))?;
            for suffix in ["", "-wal", "-shm", "-journal"] {
                rm(Path::new(&format!("{}{suffix}", s(&db))));
            }
        }

        for &w in &a.workers {
            let logs = a.dir.join(format!("spark-{n}-{w}"));
            rm(&logs);
            std::fs::create_dir_all(&logs)?;
            let agg = a.dir.join(format!("aggregates-{n}-{w}"));
            rm(&agg);
            let path = format!("spark, {w} worker{}", if w == 1 { "" } else { "s" });
            let cluster = Cluster::start(&bin, w, &a.worker_memory, &logs)?;
            // Executors take the worker's memory less a margin for Spark's own overhead.
            let mem_mib = parse_mib(&a.worker_memory).unwrap_or(1024) * 9 / 10;
            let conf = format!("spark.executor.memory={mem_mib}m");
            let r = measured(
                me(&[
                    "--json",
                    "cluster",
                    "series",
                    "--master",
                    &cluster.url,
                    "--source",
                    &s(&ds),
                    "--out",
                    &s(&agg),
                    "--spark-submit",
                    &s(&bin.join("spark-submit")),
                    "--conf",
                    &conf,
                ]),
                &cluster.pids(),
                "cluster series",
            )?;
            drop(cluster);
            let job_secs = r.0;
            let job_mib = r.1;
            report(step(n, &path, "cluster series", r))?;
            let db = a.dir.join(format!("cluster-{n}-{w}.db"));
            rm(&db);
            let r1 = measured(
                me(&["--db", &s(&db), "import", "aggregates", &s(&agg)]),
                &[],
                "import aggregates",
            )?;
            let r2 = measured(
                me(&[
                    "--db",
                    &s(&db),
                    "--json",
                    "series",
                    "--period",
                    "week",
                    "--by",
                    "state",
                ]),
                &[],
                "series",
            )?;
            let rest = r1.0 + r2.0;
            let job_mib = job_mib.max(r1.1).max(r2.1);
            report(step(
                n,
                &path,
                "total",
                (job_secs + rest, job_mib, String::new()),
            ))?;
            rm(&agg);
            rm(&logs);
            for suffix in ["", "-wal", "-shm", "-journal"] {
                rm(Path::new(&format!("{}{suffix}", s(&db))));
            }
        }
        if !a.keep_datasets {
            rm(&ds);
        }
    }

    if let Some(svg) = &a.svg {
        for f in &a.chart_with {
            let text =
                std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let st: Step = serde_json::from_str(line).with_context(|| {
                    format!("{}: not a bench-cluster step: {line}", f.display())
                })?;
                steps.push(st);
            }
        }
        steps.sort_by_key(|st| st.events);
        let mut by_path: Vec<ScalingSeries> = Vec::new();
        for st in steps.iter().filter(|st| st.step == "total") {
            match by_path.iter_mut().find(|p| p.label == st.path) {
                Some(p) => p.points.push((st.events as f64, st.seconds)),
                None => by_path.push(ScalingSeries {
                    label: st.path.clone(),
                    points: vec![(st.events as f64, st.seconds)],
                }),
            }
        }
        let doc = scaling_chart(
            "Weekly series per state: embedded (import + series) vs Spark (job + load), 2-core machine",
            &by_path,
        );
        std::fs::write(svg, doc).with_context(|| format!("writing {}", svg.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_mib(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    let (num, mult) = if let Some(n) = s.strip_suffix('g') {
        (n, 1024)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 1)
    } else {
        (s.as_str(), 1)
    };
    num.parse::<u64>().ok().map(|v| v * mult)
}
