//! One function per subcommand.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use atalaya_core::gazetteer;
use atalaya_store::export::{write_jsonl, AcledWriter, GeoJsonWriter};
use atalaya_store::export_parquet::{DatasetWriter, ParquetWriter, PartitionKey};
use atalaya_store::import::{ImportError, ImportOptions, ImportReport};
use atalaya_store::query::ReviewFilter;
use serde_json::json;

use crate::output::{clip, num, table};
use crate::{
    open_store, parse_format, progress, Cli, Command, ExportArgs, ExportFormat, FilterArgs,
    ImportArgs, SeriesArgs, SynthArgs, SynthFormat,
};

pub fn run(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Demo(a) => crate::demo::run(cli, a),
        Command::Import(a) => import(cli, a),
        Command::Cluster(a) => crate::cluster_cmd::run(cli, a),
        Command::BenchCluster(a) => crate::bench_cluster::run(cli, a),
        Command::Stats => stats(cli),
        Command::Events(a) => events(cli, a),
        Command::Series(a) => series(cli, a),
        Command::Export(a) => export(cli, a),
        Command::Kingpins => kingpins(cli),
        Command::Synth(a) => synth(cli, a),
        Command::Bench(a) => bench(cli, a),
        Command::BenchFloor(a) => {
            let report = crate::bench_floor::run(&cli.db, a)?;
            let mut out = stdout();
            serde_json::to_writer(&mut out, &report)?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchCoder(a) => crate::bench_coder::command(cli, a),
        Command::TrainCoder(a) => crate::train_coder::command(cli, a),
        Command::Code(a) => crate::coder_cmd::code(cli, a),
        Command::Ledger(a) => crate::coder_cmd::ledger(cli, a),
        Command::Merges(a) => crate::coder_cmd::merges(cli, a),
        Command::Eval(a) => crate::coder_cmd::eval(cli, a),
        Command::Impact(a) => crate::impact_cmd::run(cli, a),
        Command::Territory(a) => crate::territory_cmd::run(cli, a),
        Command::Indicators(a) => crate::indicators_cmd::run(cli, a),
        Command::Forecast(a) => crate::forecast_cmd::forecast_cmd(cli, a),
        Command::Backtest(a) => crate::forecast_cmd::backtest_cmd(cli, a),
        Command::Alerts(a) => crate::forecast_cmd::alerts_cmd(cli, a),
        Command::BenchForecast(a) => crate::forecast_cmd::bench_forecast(cli, a),
        Command::Serve(a) => crate::serve_cmd::serve(cli, a),
        Command::Review(a) => crate::review_cmd::run(cli, a),
        Command::Ingest(a) => crate::ingest_cmd::run(cli, a),
        Command::BenchIngest(a) => crate::bench_ingest::run(cli, a),
        Command::Check => crate::check_cmd::run(cli),
    }
}

fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Where the quarantine for input `i` of `n` goes.
fn quarantine_path(base: &Path, input: &Path, n: usize) -> PathBuf {
    if n == 1 {
        return base.to_path_buf();
    }
    let name = input
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut s = base.as_os_str().to_owned();
    s.push(format!(".{name}.csv"));
    PathBuf::from(s)
}

pub fn import(cli: &Cli, a: &ImportArgs) -> Result<ExitCode> {
    if a.format == "parquet" {
        return import_parquet(cli, a);
    }
    if a.format == "aggregates" {
        return import_aggregates(cli, a);
    }
    let format = parse_format(&a.format)?;
    let mut store = open_store(&cli.db)?;
    let mut out = stdout();
    let mut failed = false;
    for path in &a.files {
        let bar = progress::file_bar(
            &path
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        let mut tick = |pos: u64, size: u64| {
            bar.set_length(size);
            bar.set_position(pos);
        };
        let mut qfile =
            match &a.quarantine {
                Some(q) => {
                    let qp = quarantine_path(q, path, a.files.len());
                    Some((
                        BufWriter::new(File::create(&qp).with_context(|| {
                            format!("creating quarantine file {}", qp.display())
                        })?),
                        qp,
                    ))
                }
                None => None,
            };
        let opts = ImportOptions {
            quarantine: qfile.as_mut().map(|(w, _)| w as &mut dyn Write),
            progress: Some(&mut tick),
        };
        let result = store.import_file(format, path, opts);
        bar.finish_and_clear();
        if let Some((mut w, qp)) = qfile {
            w.flush()
                .with_context(|| format!("writing quarantine file {}", qp.display()))?;
        }
        match result {
            Ok(r) => {
                if cli.json {
                    serde_json::to_writer(&mut out, &r)?;
                    writeln!(out)?;
                } else {
                    let c = &r.counts;
                    writeln!(
                        out,
                        "{}: {} rows read, {} inserted, {} updated, {} unchanged, {} deleted, {} rejected",
                        r.file, c.read, c.inserted, c.updated, c.unchanged, c.deleted, c.rejected
                    )?;
                    if c.rejected > 0 {
                        if let Some(q) = &a.quarantine {
                            writeln!(
                                out,
                                "  rejected rows and reasons: {}",
                                quarantine_path(q, path, a.files.len()).display()
                            )?;
                        }
                    }
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("atalaya: {e}");
                if let ImportError::Row { .. } = e {
                    eprintln!("  nothing from this file was stored; fix the row or use --quarantine FILE to store the rest");
                }
                if cli.json {
                    let file = path.to_string_lossy();
                    serde_json::to_writer(
                        &mut out,
                        &json!({"format": format.as_str(), "file": file, "error": e.to_string()}),
                    )?;
                    writeln!(out)?;
                }
            }
        }
        out.flush()?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `import parquet PATH…`: each file or dataset folder in one transaction.
fn import_parquet(cli: &Cli, a: &ImportArgs) -> Result<ExitCode> {
    if a.quarantine.is_some() {
        usage_error("import parquet has no --quarantine: a dataset is stored whole or not at all");
    }
    let mut store = open_store(&cli.db)?;
    let mut out = stdout();
    let mut failed = false;
    for path in &a.files {
        let bar = progress::file_bar(&path.to_string_lossy());
        let mut tick = |pos: u64, size: u64| {
            bar.set_length(size);
            bar.set_position(pos);
        };
        let result = store.import_parquet(path, Some(&mut tick));
        bar.finish_and_clear();
        report_import(cli, &mut out, "parquet", path, result, &mut failed)?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `import aggregates DIR…`: the output of `cluster series`, replacing the aggregate tables.
fn import_aggregates(cli: &Cli, a: &ImportArgs) -> Result<ExitCode> {
    if a.quarantine.is_some() {
        usage_error(
            "import aggregates has no --quarantine: aggregates are stored whole or not at all",
        );
    }
    if a.files.len() != 1 {
        usage_error("import aggregates takes one folder: each import replaces the aggregates");
    }
    let mut store = open_store(&cli.db)?;
    let mut out = stdout();
    let mut failed = false;
    let path = &a.files[0];
    let result = store.import_aggregates(path);
    report_import(cli, &mut out, "aggregates", path, result, &mut failed)?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints one import's counts (or its error, exit 1 later) as `import` does.
fn report_import(
    cli: &Cli,
    out: &mut impl Write,
    format: &str,
    path: &Path,
    result: Result<ImportReport, ImportError>,
    failed: &mut bool,
) -> Result<()> {
    match result {
        Ok(r) => {
            if cli.json {
                serde_json::to_writer(&mut *out, &r)?;
                writeln!(out)?;
            } else {
                let c = &r.counts;
                writeln!(
                    out,
                    "{}: {} rows read, {} inserted, {} updated, {} unchanged, {} deleted, {} rejected",
                    r.file, c.read, c.inserted, c.updated, c.unchanged, c.deleted, c.rejected
                )?;
            }
        }
        Err(e) => {
            *failed = true;
            eprintln!("atalaya: {e}");
            if cli.json {
                serde_json::to_writer(
                    &mut *out,
                    &json!({"format": format, "file": path.to_string_lossy(), "error": e.to_string()}),
                )?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

pub fn stats(cli: &Cli) -> Result<ExitCode> {
    let store = open_store(&cli.db)?;
    let s = store.stats()?;
    let mut out = stdout();
    if cli.json {
        serde_json::to_writer(&mut out, &s)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "database      {}", cli.db.display())?;
    writeln!(out, "events        {}  ({} undated)", s.events, s.undated)?;
    writeln!(out, "fatalities    {}", num(s.fatalities))?;
    writeln!(
        out,
        "dates         {} … {}",
        s.first_date.as_deref().unwrap_or("-"),
        s.last_date.as_deref().unwrap_or("-")
    )?;
    writeln!(out, "actors        {}", s.actors)?;
    writeln!(out, "interventions {}", s.interventions)?;
    writeln!(out, "municipalities {}", s.municipalities)?;
    writeln!(out, "imports       {}", s.imports)?;
    if !s.by_kind.is_empty() {
        writeln!(out, "\nevents by kind")?;
        let mut rows: Vec<_> = s.by_kind.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1));
        table(
            &mut out,
            &["kind", "events"],
            &rows
                .iter()
                .map(|(k, n)| vec![k.to_string(), n.to_string()])
                .collect::<Vec<_>>(),
        )?;
    }
    if !s.by_state.is_empty() {
        writeln!(out, "\nevents by state")?;
        let rows: Vec<Vec<String>> = s
            .by_state
            .iter()
            .map(|(k, n)| {
                let name = gazetteer::state(k)
                    .map(|st| st.name)
                    .unwrap_or("(no state)");
                vec![k.clone(), name.to_string(), n.to_string()]
            })
            .collect();
        table(&mut out, &["state", "name", "events"], &rows)?;
    }
    if !s.indicators.is_empty() {
        writeln!(out, "\nofficial indicators")?;
        let rows: Vec<Vec<String>> = s
            .indicators
            .iter()
            .map(|(k, v)| {
                vec![
                    k.clone(),
                    v.values.to_string(),
                    v.states.to_string(),
                    format!("{} … {}", v.first_month, v.last_month),
                    num(v.total),
                ]
            })
            .collect();
        table(
            &mut out,
            &["indicator", "values", "states", "months", "total"],
            &rows,
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn events(cli: &Cli, a: &FilterArgs) -> Result<ExitCode> {
    let store = open_store(&cli.db)?;
    let f = a.to_filter(ReviewFilter::All)?;
    let mut out = stdout();
    if cli.json {
        store.for_each_reviewed_event_after(&f, None, |e| {
            serde_json::to_writer(&mut out, &e).map_err(io::Error::from)?;
            out.write_all(b"\n")
        })?;
    } else {
        // A table is for reading: without --limit it shows the first rows and says so.
        let mut f = f;
        let shown_limit = f.limit.is_none().then_some(HUMAN_EVENT_LIMIT);
        if shown_limit.is_some() {
            f.limit = Some(HUMAN_EVENT_LIMIT + 1);
        }
        let mut rows = Vec::new();
        store.for_each_reviewed_event_after(&f, None, |r| {
            let e = &r.event;
            let source = e
                .sources
                .first()
                .map(|s| {
                    if s.quote.is_empty() {
                        s.doc.clone()
                    } else {
                        s.quote.clone()
                    }
                })
                .unwrap_or_default();
            rows.push(vec![
                e.id.clone(),
                e.date.clone().unwrap_or_else(|| "-".into()),
                e.kind.to_string(),
                e.state.clone().unwrap_or_else(|| "-".into()),
                clip(&e.actors.join(", "), 40),
                num(e.fatalities()),
                r.review.map_or("-", |v| v.as_str()).to_string(),
                clip(&source, 60),
            ]);
            Ok(())
        })?;
        let more = shown_limit.is_some_and(|n| rows.len() as u64 > n);
        if more {
            rows.truncate(HUMAN_EVENT_LIMIT as usize);
        }
        table(
            &mut out,
            &[
                "id", "date", "kind", "state", "actors", "killed", "review", "source",
            ],
            &rows,
        )?;
        if more {
            writeln!(
                out,
                "(first {HUMAN_EVENT_LIMIT} events; --limit N for more, --json for all of them with their sources)"
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

const HUMAN_EVENT_LIMIT: u64 = 100;

pub fn series(cli: &Cli, a: &SeriesArgs) -> Result<ExitCode> {
    let store = open_store(&cli.db)?;
    let points = store.series(&a.to_query()?)?;
    let mut out = stdout();
    if cli.json {
        for p in &points {
            serde_json::to_writer(&mut out, p)?;
            writeln!(out)?;
        }
    } else {
        let rows: Vec<Vec<String>> = points
            .iter()
            .map(|p| vec![p.period.clone(), p.key.clone(), num(p.value)])
            .collect();
        table(&mut out, &["period", "key", &a.measure], &rows)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to `out` through a temporary file in the same directory, renamed when complete,
/// so a failed or interrupted export never leaves a half-written file under the name.
pub fn export(cli: &Cli, a: &ExportArgs) -> Result<ExitCode> {
    if let Some(keys) = &a.partition_by {
        if a.format != ExportFormat::Parquet {
            usage_error("--partition-by applies to export parquet only");
        }
        return export_dataset(cli, a, keys);
    }
    let store = open_store(&cli.db)?;
    let f = a.filter.to_filter(ReviewFilter::Counted)?;
    let tmp = temp_beside(&a.out)?;
    let w = BufWriter::new(tmp.reopen()?);
    let rows = match a.format {
        ExportFormat::Acled => {
            let mut wr = AcledWriter::new(w, store.municipal_catalog()?)?;
            let n = store.for_each_event(&f, |e| wr.write(&e).map_err(io::Error::other))?;
            wr.finish()?;
            n
        }
        ExportFormat::Geojson => {
            let mut wr = GeoJsonWriter::new(w)?;
            let n = store.for_each_event(&f, |e| wr.write(&e))?;
            wr.finish()?;
            n
        }
        ExportFormat::Jsonl => {
            let mut w = w;
            let n = store.for_each_event(&f, |e| write_jsonl(&mut w, &e))?;
            w.flush()?;
            n
        }
        ExportFormat::Parquet => {
            let mut wr = ParquetWriter::new(w)?;
            let n = store.for_each_reviewed_event_after(&f, None, |r| {
                wr.write_reviewed(&r.event, r.review)
            })?;
            wr.finish()?;
            n
        }
    };
    persist(tmp, &a.out)?;
    let format = match a.format {
        ExportFormat::Acled => "acled",
        ExportFormat::Geojson => "geojson",
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Parquet => "parquet",
    };
    let mut out = stdout();
    if cli.json {
        serde_json::to_writer(
            &mut out,
            &json!({"format": format, "out": a.out, "rows": rows}),
        )?;
        writeln!(out)?;
    } else {
        writeln!(out, "wrote {rows} events to {} ({format})", a.out.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Exits with a usage error (status 2), as clap does for its own.
fn usage_error(msg: &str) -> ! {
    use clap::CommandFactory;
    Cli::command()
        .error(clap::error::ErrorKind::ArgumentConflict, msg)
        .exit()
}

fn partition_keys(keys: &str) -> Vec<PartitionKey> {
    PartitionKey::parse_list(keys).unwrap_or_else(|m| usage_error(&format!("--partition-by: {m}")))
}

/// `export parquet --partition-by`: a Hive-style dataset, renamed into place when complete.
fn export_dataset(cli: &Cli, a: &ExportArgs, keys: &str) -> Result<ExitCode> {
    let keys = partition_keys(keys);
    let store = open_store(&cli.db)?;
    let f = a.filter.to_filter(ReviewFilter::Counted)?;
    let mut ds = DatasetWriter::create(&a.out, &keys)?;
    let bar = progress::rows_bar("export parquet", None);
    let mut n = 0u64;
    store.for_each_reviewed_event_after(&f, None, |r| {
        n += 1;
        if n.is_multiple_of(4096) {
            bar.set_position(n);
        }
        ds.write_reviewed(&r.event, r.review)
    })?;
    let summary = ds
        .finish()
        .with_context(|| format!("writing {}", a.out.display()))?;
    bar.finish_and_clear();
    let mut out = stdout();
    if cli.json {
        serde_json::to_writer(
            &mut out,
            &json!({"format": "parquet", "out": a.out, "rows": summary.rows, "files": summary.files}),
        )?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "wrote {} events to {} ({} Parquet files)",
            summary.rows,
            a.out.display(),
            summary.files
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn kingpins(cli: &Cli) -> Result<ExitCode> {
    let store = open_store(&cli.db)?;
    let list = store.interventions()?;
    let mut out = stdout();
    if cli.json {
        for iv in &list {
            serde_json::to_writer(&mut out, iv)?;
            writeln!(out)?;
        }
    } else {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|iv| {
                vec![
                    iv.date.clone(),
                    iv.event_type.clone(),
                    iv.name.clone(),
                    iv.alias.clone(),
                    iv.actor.clone().unwrap_or_else(|| iv.organization.clone()),
                    iv.state.clone().unwrap_or_else(|| "-".into()),
                    clip(&iv.source_url, 50),
                ]
            })
            .collect();
        table(
            &mut out,
            &["date", "event", "name", "alias", "group", "state", "source"],
            &rows,
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn synth(cli: &Cli, a: &SynthArgs) -> Result<ExitCode> {
    let mut cfg = atalaya_store::synth::SynthConfig::new(a.events, a.seed);
    if let Some(d) = crate::parse_day("from", &a.from)? {
        cfg.start = d;
    }
    if let Some(d) = crate::parse_day("to", &a.to)? {
        cfg.end = d;
    }
    if a.no_shock {
        cfg.shock = None;
    }
    if a.format == SynthFormat::Parquet {
        return synth_parquet(cli, a, &cfg);
    }
    let tmp = temp_beside(&a.out)?;
    let rows = atalaya_store::synth::generate(&cfg, tmp.reopen()?)
        .with_context(|| format!("writing {}", a.out.display()))?;
    persist(tmp, &a.out)?;
    let mut out = stdout();
    if cli.json {
        serde_json::to_writer(&mut out, &json!({"out": a.out, "rows": rows}))?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "wrote {rows} synthetic events to {} (seed {})",
            a.out.display(),
            a.seed
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `synth --format parquet`: the events as `import acled` would store them, streamed into
/// a partitioned dataset (date order keeps one year's partitions open at a time).
fn synth_parquet(
    cli: &Cli,
    a: &SynthArgs,
    cfg: &atalaya_store::synth::SynthConfig,
) -> Result<ExitCode> {
    let keys = partition_keys(&a.partition_by);
    let label = a
        .out
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "synth".to_string());
    let mut ds = DatasetWriter::create(&a.out, &keys)?;
    let bar = progress::rows_bar("synth", Some(cfg.events));
    let mut n = 0u64;
    atalaya_store::synth::generate_events(cfg, &label, |e| {
        n += 1;
        if n.is_multiple_of(4096) {
            bar.set_position(n);
        }
        ds.write(&e)
    })
    .with_context(|| format!("writing {}", a.out.display()))?;
    let summary = ds
        .finish()
        .with_context(|| format!("writing {}", a.out.display()))?;
    bar.finish_and_clear();
    let mut out = stdout();
    if cli.json {
        serde_json::to_writer(
            &mut out,
            &json!({"out": a.out, "rows": summary.rows, "files": summary.files}),
        )?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "wrote {} synthetic events to {} ({} Parquet files, seed {})",
            summary.rows,
            a.out.display(),
            summary.files,
            a.seed
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A temporary file in `out`'s directory, so the final rename stays on one file system.
fn temp_beside(out: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("creating a file in {}", dir.display()))
}

/// Moves a completed temporary file to its name, readable as any new file would be (a
/// temporary file is created private).
fn persist(tmp: tempfile::NamedTempFile, out: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(out)
        .with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}

pub fn bench(cli: &Cli, a: &crate::bench::BenchArgs) -> Result<ExitCode> {
    let report = crate::bench::run(a)?;
    let mut out = stdout();
    if cli.json {
        serde_json::to_writer(&mut out, &report)?;
    } else {
        serde_json::to_writer_pretty(&mut out, &report)?;
    }
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}
