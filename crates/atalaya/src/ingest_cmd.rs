//! `ingest`: feeds and saved articles in, coded and stored once, events pending review.

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use atalaya_ingest::Options;
use clap::Args;
use serde_json::json;

use crate::Cli;

#[derive(Args)]
pub struct IngestArgs {
    /// RSS or Atom feeds (http(s) URLs or files) and folders or files of saved articles
    /// (.html, .txt, .json with text, published, url)
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// Skip items published before this date, YYYY-MM-DD
    #[arg(long)]
    pub since: Option<String>,
    /// At most this many items in all
    #[arg(long)]
    pub limit: Option<u64>,
    /// Seconds before a request is given up
    #[arg(long, default_value_t = 20.0)]
    pub timeout: f64,
    /// Seconds between two requests to the same host
    #[arg(long, default_value_t = 0.5)]
    pub pause: f64,
}

fn seconds(name: &str, v: f64) -> Result<Duration> {
    if !(v.is_finite() && v >= 0.0) {
        anyhow::bail!("--{name}: {v} is not a number of seconds");
    }
    Ok(Duration::from_secs_f64(v))
}

pub fn run(cli: &Cli, a: &IngestArgs) -> Result<ExitCode> {
    let opts = Options {
        since: crate::parse_day("since", &a.since)?,
        limit: a.limit,
        timeout: seconds("timeout", a.timeout)?,
        pause: seconds("pause", a.pause)?,
        ..Options::default()
    };
    if opts.timeout.is_zero() {
        anyhow::bail!("--timeout: must be more than 0");
    }
    let mut store = crate::open_store(&cli.db)?;
    let bar = crate::progress::item_bar("ingest");
    let sum = atalaya_ingest::run(&mut store, &a.sources, &opts, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    let mut out = io::BufWriter::new(io::stdout().lock());
    if cli.json {
        writeln!(
            out,
            "{}",
            json!({"articles_new": sum.articles_new, "articles_seen": sum.articles_seen,
                   "failed": sum.failed, "events": sum.events, "skipped": sum.skipped})
        )?;
        for f in &sum.failures {
            writeln!(out, "{}", json!(f))?;
        }
    } else {
        writeln!(
            out,
            "{} articles new, {} already seen, {} failed{}; {} events coded, pending review (atalaya review)",
            sum.articles_new,
            sum.articles_seen,
            sum.failed,
            if sum.skipped > 0 {
                format!(", {} older than --since", sum.skipped)
            } else {
                String::new()
            },
            sum.events
        )?;
        for f in &sum.failures {
            writeln!(out, "  failed: {}: {}", f.item, f.error)?;
        }
    }
    out.flush()?;
    Ok(if sum.nothing_read() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
