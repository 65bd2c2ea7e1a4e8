//! `atalaya`: the command-line interface. Thin: parses arguments, calls the store and
//! prints. Tables for people, `--json` for scripts; progress and logs on stderr.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use atalaya_core::period::{parse_date, PeriodKind};
use atalaya_core::EventKind;
use atalaya_core::Review;
use atalaya_store::import::Format;
use atalaya_store::query::{By, EventFilter, Measure, ReviewFilter, SeriesQuery};
use atalaya_store::Store;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

// The import hands rows allocated on its reading thread to its writing thread; glibc's
// allocator serialises such cross-thread frees behind a lock, mimalloc does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod bench_cluster;
mod bench_coder;
mod bench_floor;
mod bench_ingest;
mod check_cmd;
mod cluster_cmd;
mod coder_cmd;
mod commands;
mod demo;
mod forecast_cmd;
mod impact_cmd;
mod indicators_cmd;
mod ingest_cmd;
mod output;
mod progress;
mod review_cmd;
mod serve_cmd;
mod territory_cmd;
mod train_coder;

#[derive(Parser)]
#[command(
    name = "atalaya",
    version,
    about = "Atalaya: an observatory of organized-crime violence in Mexico",
    long_about = "Atalaya stores events (ACLED, UCDP GED, OCVED, news), official statistics (SESNSP) and \
                  kingpin interventions in one embedded database, and answers series, maps and analyses from it."
)]
pub struct Cli {
    /// Database file (created on first use)
    #[arg(long, global = true, env = "ATALAYA_DB", default_value = "atalaya.db")]
    pub db: PathBuf,
    /// Machine-readable output on stdout (JSON or JSON Lines)
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build a database from synthetic events plus a short built-in scenario and show what it holds
    Demo(demo::DemoArgs),
    /// Import files (plain, .gz or .bz2): acled, ucdp, ocved, sesnsp, kingpins, municipios; parquet datasets; aggregates from `cluster series`
    Import(ImportArgs),
    /// What the database holds
    Stats,
    /// List events
    Events(FilterArgs),
    /// Zero-filled counts per week or month, by state, kind or actor
    Series(SeriesArgs),
    /// Write events to a file: acled, geojson, jsonl, parquet (a file, or a partitioned dataset)
    Export(ExportArgs),
    /// List the kingpin interventions (leaders killed, captured, extradited)
    Kingpins,
    /// Write N realistic synthetic events as ACLED CSV or a Parquet dataset, reproducible from the seed
    Synth(SynthArgs),
    /// Time import and the weekly series against DuckDB and pandas on synthetic data
    Bench(bench::BenchArgs),
    /// SQLite's floor for an import: copy an imported database's events into a fresh one (run by `bench --floor`)
    #[command(hide = true)]
    BenchFloor(bench_floor::BenchFloorArgs),
    /// Time the coder on UCDP's Mexican headlines (MB/s per core) and check its states against adm_1
    BenchCoder(bench_coder::BenchCoderArgs),
    /// Count the coder's learned place priors from UCDP's headlines (writes model/place_priors.tsv)
    TrainCoder(train_coder::TrainCoderArgs),
    /// Code events and figures from a news text (or a JSON Lines batch)
    Code(coder_cmd::CodeArgs),
    /// Evaluate a component on a gold file: `eval coder GOLD.jsonl`
    Eval(coder_cmd::EvalArgs),
    /// Enforcement and official figures coded from reports, each with its sources
    Ledger(coder_cmd::LedgerArgs),
    /// Reports merged into earlier reports of the same incident; `--undo ID` reverses one
    Merges(coder_cmd::MergesArgs),
    /// Kingpin impact: difference-in-differences event study of violence after a leader's removal
    Impact(impact_cmd::ImpactArgs),
    /// Each armed group's status per state (control, route, alliance, war) with its evidence
    Territory(territory_cmd::TerritoryArgs),
    /// Conflict indicators per state and period: deadliness, danger, diffusion, fragmentation, level
    Indicators(indicators_cmd::IndicatorsArgs),
    /// Expected counts per state for the next periods (endemic–epidemic negative-binomial model)
    Forecast(forecast_cmd::ForecastArgs),
    /// Rolling-origin evaluation of the forecast model against persistence, moving average and seasonal baselines
    Backtest(forecast_cmd::BacktestArgs),
    /// Surge and threat warnings per state (ACLED's rules) and the model's 90% quantile rule
    Alerts(forecast_cmd::AlertsArgs),
    /// Time the forecast model's fit on a synthetic 32-state weekly panel against statsmodels
    BenchForecast(forecast_cmd::BenchForecastArgs),
    /// Serve the HTTP API under /api/v1/ and the dashboard at / (127.0.0.1:8080 by default)
    Serve(serve_cmd::ServeArgs),
    /// Time ingest of N saved article pages from a folder (articles per second per core)
    BenchIngest(bench_ingest::BenchIngestArgs),
    /// Fetch, extract, code and store news from RSS/Atom feeds and folders of saved articles
    Ingest(ingest_cmd::IngestArgs),
    /// The review queue of news events, and decisions on them: accept, reject, edit, undo, log, export-gold
    Review(review_cmd::ReviewArgs),
    /// Time the embedded path (import parquet + series) against the Spark job with 1 and 2 workers on synthetic datasets
    BenchCluster(bench_cluster::BenchClusterArgs),
    /// Run the heavy counts on Apache Spark over a Parquet dataset: `cluster series`
    Cluster(cluster_cmd::ClusterArgs),
    /// Check the database file's integrity and the aggregates against a recount of the events; exit 1 on any fault
    Check,
}

#[derive(Args)]
pub struct SynthArgs {
    /// Number of events
    #[arg(long)]
    pub events: u64,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output: an ACLED CSV file, or with `--format parquet` a new dataset folder
    #[arg(long)]
    pub out: PathBuf,
    /// csv: ACLED CSV; parquet: the events as `import acled` would store them, as a
    /// Hive-style dataset (docs/formats/parquet.md)
    #[arg(long, value_enum, default_value = "csv")]
    pub format: SynthFormat,
    /// With --format parquet: the folder levels (year, state, or both in either order)
    #[arg(long, value_name = "KEYS", default_value = "year,state")]
    pub partition_by: String,
    /// First day (default 2019-01-01)
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (default 2026-06-30)
    #[arg(long)]
    pub to: Option<String>,
    /// Leave out the kingpin shock (a CJNG leader removed in Jalisco on 2026-02-22)
    #[arg(long)]
    pub no_shock: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SynthFormat {
    Csv,
    Parquet,
}

#[derive(Args)]
pub struct ImportArgs {
    /// acled, ucdp, ocved, sesnsp, kingpins, municipios; parquet (a file or dataset folder
    /// written by `export parquet`); aggregates (the folder `cluster series` wrote: it
    /// replaces the aggregates of a database without events)
    pub format: String,
    /// Files to import; each is imported in its own transaction (a Parquet dataset, a
    /// folder, in one)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Store the good rows and write bad ones, with the reason, to this CSV file (with several
    /// input files, one file per input: FILE gets the input's name appended)
    #[arg(long, value_name = "FILE")]
    pub quarantine: Option<PathBuf>,
}

/// Which events: shared by `events`, `export` and `series`.
#[derive(Args, Clone, Default)]
pub struct ScopeArgs {
    /// State: INEGI code (14) or name (Jalisco)
    #[arg(long)]
    pub state: Option<String>,
    /// Event kind (armed_clash, homicide, road_blockade, ...)
    #[arg(long)]
    pub kind: Option<String>,
    /// Actor, by canonical name or alias (CJNG, "Cártel de Sinaloa")
    #[arg(long)]
    pub actor: Option<String>,
    /// First date, YYYY-MM-DD
    #[arg(long)]
    pub from: Option<String>,
    /// Last date, YYYY-MM-DD
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Args, Clone, Default)]
pub struct FilterArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// At most this many events
    #[arg(long)]
    pub limit: Option<u64>,
    /// By review status: pending, accepted or rejected (news events only), counted (imported
    /// rows and accepted news: what series and maps count) or all. `events` lists all by
    /// default, `export` what is counted
    #[arg(long, value_enum)]
    pub review: Option<ReviewArg>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReviewArg {
    Pending,
    Accepted,
    Rejected,
    Counted,
    All,
}

impl ReviewArg {
    pub fn filter(self) -> ReviewFilter {
        match self {
            ReviewArg::Pending => ReviewFilter::Only(Review::Pending),
            ReviewArg::Accepted => ReviewFilter::Only(Review::Accepted),
            ReviewArg::Rejected => ReviewFilter::Only(Review::Rejected),
            ReviewArg::Counted => ReviewFilter::Counted,
            ReviewArg::All => ReviewFilter::All,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PeriodArg {
    Week,
    Month,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ByArg {
    State,
    Kind,
    Actor,
}

#[derive(Args)]
pub struct SeriesArgs {
    #[arg(long, value_enum)]
    pub period: PeriodArg,
    #[arg(long, value_enum)]
    pub by: Option<ByArg>,
    /// events, fatalities, or an imported indicator such as homicidio_doloso
    #[arg(long, default_value = "events")]
    pub measure: String,
    #[command(flatten)]
    pub scope: ScopeArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Acled,
    Geojson,
    Jsonl,
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// Output file (a new folder with --partition-by); written under a temporary name
    /// first and renamed when complete
    #[arg(long)]
    pub out: PathBuf,
    /// Parquet only: write a Hive-style dataset with these folder levels (year, state, or
    /// year,state), one or more files per folder (docs/formats/parquet.md)
    #[arg(long, value_name = "KEYS")]
    pub partition_by: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn parse_day(field: &str, s: &Option<String>) -> Result<Option<NaiveDate>> {
    s.as_deref()
        .map(|d| parse_date(d).map_err(|m| anyhow::anyhow!("--{field}: {m}")))
        .transpose()
}

pub fn parse_kind(s: &Option<String>) -> Result<Option<EventKind>> {
    s.as_deref()
        .map(|k| {
            k.parse::<EventKind>()
                .map_err(|m| anyhow::anyhow!("--kind: {m}"))
        })
        .transpose()
}

impl FilterArgs {
    /// The filter, with `review` when `--review` is not given.
    pub fn to_filter(&self, review: ReviewFilter) -> Result<EventFilter> {
        Ok(EventFilter {
            review: self.review.map_or(review, ReviewArg::filter),
            state: self.scope.state.clone(),
            kind: parse_kind(&self.scope.kind)?,
            actor: self.scope.actor.clone(),
            from: parse_day("from", &self.scope.from)?,
            to: parse_day("to", &self.scope.to)?,
            limit: self.limit,
        })
    }
}

impl SeriesArgs {
    pub fn to_query(&self) -> Result<SeriesQuery> {
        Ok(SeriesQuery {
            period: match self.period {
                PeriodArg::Week => PeriodKind::Week,
                PeriodArg::Month => PeriodKind::Month,
            },
            by: self.by.map(|b| match b {
                ByArg::State => By::State,
                ByArg::Kind => By::Kind,
                ByArg::Actor => By::Actor,
            }),
            measure: match self.measure.as_str() {
                "events" => Measure::Events,
                "fatalities" => Measure::Fatalities,
                other => Measure::Indicator(other.to_string()),
            },
            state: self.scope.state.clone(),
            kind: parse_kind(&self.scope.kind)?,
            actor: self.scope.actor.clone(),
            from: parse_day("from", &self.scope.from)?,
            to: parse_day("to", &self.scope.to)?,
        })
    }
}

pub fn open_store(path: &Path) -> Result<Store> {
    Store::open(path).with_context(|| format!("opening database {}", path.display()))
}

pub fn parse_format(s: &str) -> Result<Format> {
    match s.parse::<Format>() {
        Ok(f) => Ok(f),
        Err(m) => bail!(m),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(&cli) {
        Ok(code) => code,
        // A reader that stopped early (`| head`) is not a failure of ours: stop quietly.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("atalaya: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|ce| {
                matches!(ce.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}
