//! `cluster series`: runs the aggregation job (`cluster/series.py` with the SQL of
//! `cluster/aggregates.sql`, both compiled into the binary) on Apache Spark through
//! `spark-submit`. Spark stays an external engine: nothing of it is linked in.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use crate::Cli;

/// The job and its SQL, as shipped in the repository's `cluster/` folder.
pub const JOB: &str = include_str!("../../../cluster/series.py");
pub const SQL: &str = include_str!("../../../cluster/aggregates.sql");

#[derive(Args)]
pub struct ClusterArgs {
    #[command(subcommand)]
    pub command: ClusterCommand,
}

#[derive(Subcommand)]
pub enum ClusterCommand {
    /// Compute the aggregates of `series` and the map (per state × week/month × kind, and
    /// per actor) on Apache Spark over a Parquet dataset; load them with `import aggregates`
    Series(SeriesArgs),
}

#[derive(Args)]
pub struct SeriesArgs {
    /// Spark master URL: spark://HOST:7077, yarn, k8s://https://HOST:PORT, local[N]
    #[arg(long)]
    pub master: String,
    /// The Parquet dataset (`export parquet --partition-by`, `synth --format parquet`): a
    /// folder every executor can read, or a URL Spark reads (s3a://bucket/events)
    #[arg(long)]
    pub source: String,
    /// Where the aggregates go (a new folder, or a URL); `import aggregates` reads it
    #[arg(long)]
    pub out: String,
    /// The spark-submit to run [default: $SPARK_HOME/bin/spark-submit, else spark-submit
    /// on PATH]
    #[arg(long, env = "ATALAYA_SPARK_SUBMIT", value_name = "PATH")]
    pub spark_submit: Option<PathBuf>,
    /// A Spark setting passed on as `--conf KEY=VALUE` (repeatable): executor memory,
    /// object store credentials, ...
    #[arg(long = "conf", value_name = "KEY=VALUE")]
    pub conf: Vec<String>,
}

pub fn run(cli: &Cli, a: &ClusterArgs) -> Result<ExitCode> {
    match &a.command {
        ClusterCommand::Series(s) => series(cli, s),
    }
}

/// A path without a URL scheme is local: made absolute, since Spark resolves it elsewhere.
fn local(s: &str) -> Option<PathBuf> {
    if s.contains("://") {
        return None;
    }
    let p = Path::new(s);
    Some(if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map_or(p.to_path_buf(), |d| d.join(p))
    })
}

fn spark_submit(a: &SeriesArgs) -> PathBuf {
    if let Some(p) = &a.spark_submit {
        return p.clone();
    }
    if let Some(home) = std::env::var_os("SPARK_HOME") {
        let p = Path::new(&home).join("bin/spark-submit");
        if p.is_file() {
            return p;
        }
    }
    PathBuf::from("spark-submit")
}

fn series(cli: &Cli, a: &SeriesArgs) -> Result<ExitCode> {
    let source = match local(&a.source) {
        Some(p) => {
            if !p.join(atalaya_store::export_parquet::MANIFEST).is_file() {
                bail!(
                    "--source {}: not a dataset written by atalaya (no {}); write one with \
                     `export parquet --partition-by year,state` or `synth --format parquet`",
                    p.display(),
                    atalaya_store::export_parquet::MANIFEST
                );
            }
            p.display().to_string()
        }
        None => a.source.clone(),
    };
    let out = match local(&a.out) {
        Some(p) => {
            if p.exists() {
                bail!("--out {}: already exists; name a new folder", p.display());
            }
            p.display().to_string()
        }
        None => a.out.clone(),
    };
    for c in &a.conf {
        if !c.contains('=') {
            bail!("--conf {c}: expected KEY=VALUE");
        }
    }
    let dir = tempfile::tempdir().context("creating a folder for the job")?;
    let job = dir.path().join("series.py");
    let sql = dir.path().join("aggregates.sql");
    std::fs::write(&job, JOB).context("writing the job file")?;
    std::fs::write(&sql, SQL).context("writing the job's SQL")?;
    let log_path = dir.path().join("spark.log");
    let log = std::fs::File::create(&log_path).context("creating the job's log")?;

    let submit = spark_submit(a);
    let mut cmd = Command::new(&submit);
    cmd.arg("--master")
        .arg(&a.master)
        .args(["--name", "atalaya cluster series"])
        .args(["--conf", "spark.ui.showConsoleProgress=false"]);
    for c in &a.conf {
        cmd.arg("--conf").arg(c);
    }
    cmd.arg(&job)
        .arg("--source")
        .arg(&source)
        .arg("--out")
        .arg(&out)
        .arg("--sql")
        .arg(&sql)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log);
    let started = Instant::now();
    let bar = crate::progress::rows_bar("spark: cluster series", None);
    bar.enable_steady_tick(Duration::from_millis(250));
    let child = cmd.spawn().with_context(|| {
        format!(
            "running {} (install Spark, e.g. `pip install pyspark`, or give --spark-submit)",
            submit.display()
        )
    })?;
    let output = child
        .wait_with_output()
        .context("waiting for spark-submit")?;
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary: Option<Value> = stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str(l).ok());
    let summary = match (output.status.success(), summary) {
        (true, Some(s)) => s,
        (ok, _) => {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!("spark-submit's last lines:");
            for l in tail.into_iter().rev() {
                eprintln!("  {l}");
            }
            if ok {
                bail!("the Spark job ended without its summary line");
            }
            bail!("the Spark job failed ({})", output.status);
        }
    };
    let rows = summary["rows"].as_u64().unwrap_or(0);
    let mut w = std::io::stdout().lock();
    if cli.json {
        serde_json::to_writer(
            &mut w,
            &json!({
                "master": a.master,
                "rows": rows,
                "seconds": seconds,
                "out": out,
                "tables": summary["tables"],
            }),
        )?;
        writeln!(w)?;
    } else {
        writeln!(
            w,
            "wrote {rows} aggregate rows to {out} on {} in {seconds:.1} s; load them with `atalaya import aggregates {out}`",
            a.master
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
