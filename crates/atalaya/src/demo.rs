//! `atalaya demo`: a database built from synthetic events and a short built-in scenario
//! (the CJNG's answer to its leader's killing on 2026-02-22), then a look at what it holds.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use atalaya_coder::records::NEWS_FORMAT;
use atalaya_core::period::{parse_date, PeriodKind};
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::query::{By, Measure, SeriesQuery};
use atalaya_store::synth::{self, SynthConfig};
use clap::Args;
use serde_json::json;

use crate::output::{num, table};
use crate::{open_store, progress, Cli};

/// The built-in scenario: ACLED CSV with Atalaya tags, each row citing its source.
const SCENARIO: &str = include_str!("scenario/mencho_2026.csv");
/// The project's curated kingpin list (`data/kingpins/kingpins.csv`: a public source and the
/// organisation's base states per row), so the impact view has dates and treated states.
const KINGPINS: &str = include_str!("../../../data/kingpins/kingpins.csv");
/// Built-in news reports (English and Spanish paraphrases of the press reports the scenario
/// cites), coded and stored as `code --store` would: two tell one ambush, two the same
/// enforcement figures.
const REPORTS: &str = include_str!("scenario/news_2026.jsonl");
const REPORTS_NAME: &str = "built-in demo reports (news_2026.jsonl)";

#[derive(Args)]
pub struct DemoArgs {
    /// Database to (re)build; kept apart from --db so a demo never mixes with real data
    #[arg(long, default_value = "atalaya-demo.db")]
    pub demo_db: PathBuf,
    /// Synthetic events to generate
    #[arg(long, default_value_t = 50_000)]
    pub events: u64,
    /// Seed of the synthetic generator
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Then serve the dashboard on the demo database and print its URL (until Ctrl-C)
    #[arg(long)]
    pub serve: bool,
    /// Where --serve listens
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
}

pub fn run(cli: &Cli, a: &DemoArgs) -> Result<ExitCode> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = a.demo_db.clone().into_os_string();
        p.push(suffix);
        let p = PathBuf::from(p);
        if p.exists() {
            std::fs::remove_file(&p)
                .with_context(|| format!("removing old demo database {}", p.display()))?;
        }
    }
    let dir = tempfile::tempdir()?;
    let synth_path = dir.path().join("synth.csv");
    let cfg = SynthConfig {
        events: a.events,
        seed: a.seed,
        ..SynthConfig::default()
    };
    eprintln!(
        "generating {} synthetic events (seed {}) …",
        a.events, a.seed
    );
    let rows = synth::generate(
        &cfg,
        std::io::BufWriter::new(std::fs::File::create(&synth_path)?),
    )?;
    let scenario_path = dir.path().join("scenario_mencho_2026.csv");
    std::fs::write(&scenario_path, SCENARIO)?;
    let kingpins_path = dir.path().join("kingpins.csv");
    std::fs::write(&kingpins_path, KINGPINS)?;

    let mut store = open_store(&a.demo_db)?;
    let mut imports = Vec::new();
    for (format, path) in [
        (Format::Acled, &synth_path),
        (Format::Acled, &scenario_path),
        (Format::Kingpins, &kingpins_path),
    ] {
        let bar = progress::file_bar(&path.file_name().unwrap_or_default().to_string_lossy());
        let mut tick = |pos: u64, size: u64| {
            bar.set_length(size);
            bar.set_position(pos);
        };
        let r = store.import_file(
            format,
            path,
            ImportOptions {
                quarantine: None,
                progress: Some(&mut tick),
            },
        )?;
        bar.finish_and_clear();
        imports.push(r);
    }
    let reports = crate::coder_cmd::builtin_reports(REPORTS, REPORTS_NAME)?;
    let (news_counts, coded) =
        crate::coder_cmd::code_and_store(&mut store, REPORTS_NAME, &reports)?;
    let (merged, figures) = crate::coder_cmd::merged_and_figures(coded.iter().map(|(_, s)| s));
    let ledger = store.ledger(&Default::default())?;
    let stats = store.stats()?;
    let shock = parse_date("2026-02-22").map_err(anyhow::Error::msg)?;
    let weekly = store.series(&SeriesQuery {
        period: PeriodKind::Week,
        by: None,
        measure: Measure::Events,
        state: Some("14".into()),
        kind: None,
        actor: None,
        from: Some(shock - chrono::Duration::weeks(6)),
        to: Some(shock + chrono::Duration::weeks(6)),
    })?;
    let by_state = store.series(&SeriesQuery {
        period: PeriodKind::Week,
        by: Some(By::State),
        measure: Measure::Events,
        state: None,
        kind: None,
        actor: None,
        from: Some(shock),
        to: Some(shock + chrono::Duration::days(27)),
    })?;
    let scenario = store.events(&atalaya_store::query::EventFilter {
        from: Some(shock),
        to: Some(shock),
        // The news reports wait for review: list them too.
        review: atalaya_store::query::ReviewFilter::All,
        ..Default::default()
    })?;
    let scenario: Vec<_> = scenario
        .into_iter()
        .filter(|e| e.id.starts_with("scenario:") || e.origin.format == NEWS_FORMAT)
        .collect();

    let mut out = std::io::stdout().lock();
    if cli.json {
        serde_json::to_writer(
            &mut out,
            &json!({"db": a.demo_db, "synthetic_rows": rows, "imports": imports, "stats": stats,
                    "jalisco_weekly": weekly, "scenario": scenario,
                    "news": {"reports": reports.len(), "events_new": news_counts.inserted,
                             "merged": merged, "figures": figures, "ledger": ledger}}),
        )?;
        writeln!(out)?;
        drop(out);
        return finish(cli, a);
    }
    writeln!(
        out,
        "Demo database {} built from {rows} synthetic events (seed {}) and the built-in scenario.",
        a.demo_db.display(),
        a.seed
    )?;
    writeln!(
        out,
        "Synthetic events are generated, not real: use them to try the tool, never to cite.\n"
    )?;
    writeln!(
        out,
        "{} events, {} killed, {} … {}",
        stats.events,
        num(stats.fatalities),
        stats.first_date.as_deref().unwrap_or("-"),
        stats.last_date.as_deref().unwrap_or("-")
    )?;
    writeln!(
        out,
        "\nScenario: the CJNG's answer to its leader's killing, 2026-02-22 (with sources)"
    )?;
    let rows: Vec<Vec<String>> = scenario
        .iter()
        .map(|e| {
            let m = e
                .measures
                .0
                .iter()
                .filter(|(_, v)| **v > 0.0)
                .map(|(k, v)| format!("{k}={}", num(*v)))
                .collect::<Vec<_>>()
                .join(" ");
            vec![
                e.kind.to_string(),
                e.state.clone().unwrap_or_else(|| "national".into()),
                m,
                e.sources.first().map(|s| s.doc.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    table(&mut out, &["kind", "state", "measures", "source"], &rows)?;
    writeln!(
        out,
        "\n{} built-in news reports (English and Spanish paraphrases written for the demo), coded and stored:\n\
         {} new events; {merged} merged into an earlier report's event as another source; {figures} figures reported, {} ledger entries",
        reports.len(),
        news_counts.inserted,
        ledger.len(),
    )?;
    writeln!(
        out,
        "\nLedger of reported figures (never counted as events)"
    )?;
    let rows: Vec<Vec<String>> = ledger
        .iter()
        .map(|f| {
            vec![
                f.measure.clone(),
                num(f.value),
                f.unit.clone(),
                f.scope.clone(),
                f.sources.len().to_string(),
            ]
        })
        .collect();
    table(
        &mut out,
        &["measure", "value", "unit", "scope", "sources"],
        &rows,
    )?;
    writeln!(out, "\nJalisco (14), events per ISO week around 2026-02-22")?;
    let rows: Vec<Vec<String>> = weekly
        .iter()
        .map(|p| {
            vec![
                p.period.clone(),
                num(p.value),
                "#".repeat((p.value / 2.0).ceil() as usize),
            ]
        })
        .collect();
    table(&mut out, &["week", "events", ""], &rows)?;
    let mut totals: std::collections::BTreeMap<&str, f64> = Default::default();
    for p in &by_state {
        *totals.entry(p.key.as_str()).or_default() += p.value;
    }
    let mut top: Vec<_> = totals.into_iter().collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    writeln!(
        out,
        "\nStates with most events in the four ISO weeks from 2026-02-22"
    )?;
    let rows: Vec<Vec<String>> = top
        .iter()
        .take(8)
        .map(|(k, v)| {
            let name = atalaya_core::gazetteer::state(k)
                .map(|s| s.name)
                .unwrap_or("-");
            vec![k.to_string(), name.to_string(), num(*v)]
        })
        .collect();
    table(&mut out, &["state", "name", "events"], &rows)?;
    writeln!(
        out,
        "\nNext: atalaya --db {db} series --period week --state 14 --from 2026-01-01\n      \
         atalaya --db {db} impact --actor CJNG --date 2026-02-22",
        db = a.demo_db.display()
    )?;
    drop(out);
    finish(cli, a)
}

fn finish(cli: &Cli, a: &DemoArgs) -> Result<ExitCode> {
    if a.serve {
        return crate::serve_cmd::serve_db(
            &a.demo_db,
            &crate::serve_cmd::ServeArgs::local(a.addr),
            cli.json,
        );
    }
    Ok(ExitCode::SUCCESS)
}
