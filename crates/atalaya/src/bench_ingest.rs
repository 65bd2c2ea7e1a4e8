//! `bench-ingest`: ingest of saved article pages from a folder, timed. The folder path runs
//! on one thread (read, extract, detect the language, code, store), so articles per second
//! is articles per second per core.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Result};
use atalaya_ingest::Options;
use clap::Args;
use serde_json::json;

use crate::Cli;

#[derive(Args)]
pub struct BenchIngestArgs {
    /// Pages to write and ingest
    #[arg(long, default_value_t = 1000)]
    pub articles: usize,
    /// Runs; the median is reported
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

pub fn run(cli: &Cli, a: &BenchIngestArgs) -> Result<ExitCode> {
    if a.articles == 0 || a.repeat == 0 {
        bail!("--articles and --repeat must be above 0");
    }
    let dir = tempfile::tempdir()?;
    let pages = dir.path().join("pages");
    let bytes = atalaya_ingest::corpus::write_pages(&pages, a.articles, a.seed)?;
    let mut runs = Vec::new();
    let mut last = None;
    for r in 0..a.repeat {
        let db = dir.path().join(format!("run{r}.db"));
        let mut store = crate::open_store(&db)?;
        let t = Instant::now();
        let sum = atalaya_ingest::run(
            &mut store,
            &[pages.display().to_string()],
            &Options::default(),
            &mut |_, _| {},
        )?;
        let secs = t.elapsed().as_secs_f64();
        if sum.articles_new != a.articles as u64 {
            bail!(
                "run {r}: {} of {} pages stored ({} failed: {:?})",
                sum.articles_new,
                a.articles,
                sum.failed,
                sum.failures.first()
            );
        }
        runs.push(secs);
        last = Some(sum);
    }
    runs.sort_by(f64::total_cmp);
    let median = runs[runs.len() / 2];
    let per_sec = a.articles as f64 / median;
    let sum = last.expect("at least one run");
    let mut out = std::io::stdout().lock();
    if cli.json {
        writeln!(
            out,
            "{}",
            json!({"articles": a.articles, "bytes": bytes, "runs": runs, "median_seconds": median,
                   "articles_per_second_per_core": per_sec, "events": sum.events})
        )?;
    } else {
        writeln!(
            out,
            "{} pages ({:.1} MB) from a folder, one thread: median {:.2} s of {} runs = {:.0} articles/s per core ({} events coded)",
            a.articles,
            bytes as f64 / 1e6,
            median,
            runs.len(),
            per_sec,
            sum.events
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
