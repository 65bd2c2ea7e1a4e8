//! `forecast`, `backtest`, `alerts` and `bench-forecast`: the endemic–epidemic model of
//! `atalaya_analysis::forecast` on the command line.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use atalaya_analysis::forecast::{
    self, backtest, model, requests, simulate_panel, AlertOptions, Fit, ForecastOptions, ModelSpec,
};
use atalaya_analysis::Panel;
use atalaya_charts::{forecast_chart, ForecastPoint};
use atalaya_core::gazetteer;
use atalaya_core::period::PeriodKind;
use atalaya_store::query::Measure;
use atalaya_store::Store;
use chrono::{Duration, NaiveDate};
use clap::Args;
use serde_json::{json, Value};

use crate::output::{num, table};
use crate::{open_store, Cli, PeriodArg};

/// Model and simulation options shared by the three commands.
#[derive(Args, Clone)]
pub struct ModelArgs {
    /// Periods the autoregressive and neighbourhood terms reach back
    #[arg(long, default_value_t = 6)]
    pub max_lag: usize,
    /// Geometric decay of the lag weights in (0, 1] (1: last period only); default: chosen by
    /// the training likelihood among 1, 0.7, 0.5, 0.35, 0.25, 0.15
    #[arg(long)]
    pub decay: Option<f64>,
    /// Leave out the neighbourhood (spread) component
    #[arg(long)]
    pub no_neighbours: bool,
    /// Leave out the seasonal terms
    #[arg(long)]
    pub no_season: bool,
    /// Simulated futures per forecast
    #[arg(long, default_value_t = 2000)]
    pub paths: usize,
    /// Seed of the simulation (the same data and seed give the same numbers)
    #[arg(long, default_value_t = 20240725)]
    pub seed: u64,
    /// The count model alone, not averaged with simple exponential smoothing per state
    #[arg(long)]
    pub no_combine: bool,
}

#[derive(Args)]
pub struct ForecastArgs {
    #[arg(long, value_enum)]
    pub period: PeriodArg,
    /// Periods ahead
    #[arg(long)]
    pub horizon: usize,
    /// events, fatalities, or an imported indicator such as homicidio_doloso
    #[arg(long, default_value = "events")]
    pub measure: String,
    /// Only this state in the output (INEGI code or name); required with --svg
    #[arg(long)]
    pub state: Option<String>,
    /// Forecast from the last complete period on or before this date (YYYY-MM-DD)
    #[arg(long)]
    pub as_of: Option<String>,
    /// First date of the training data (default: the first in the database)
    #[arg(long)]
    pub from: Option<String>,
    /// Write a chart of the state's history, forecast mean and 80% interval to this SVG file
    #[arg(long, value_name = "FILE", requires = "state")]
    pub svg: Option<PathBuf>,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Args)]
pub struct BacktestArgs {
    #[arg(long, value_enum)]
    pub period: PeriodArg,
    /// Periods ahead scored at each origin
    #[arg(long)]
    pub horizon: usize,
    /// Number of forecast origins (the last ones whose targets are all observed)
    #[arg(long)]
    pub origins: usize,
    /// events, fatalities, or an imported indicator such as homicidio_doloso
    #[arg(long, default_value = "events")]
    pub measure: String,
    /// Use data up to this date only (YYYY-MM-DD)
    #[arg(long)]
    pub to: Option<String>,
    /// First date of the data (default: the first in the database)
    #[arg(long)]
    pub from: Option<String>,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Args)]
pub struct AlertsArgs {
    /// Judge the last complete period on or before this date (default: the end of the data)
    #[arg(long)]
    pub as_of: Option<String>,
    /// events, fatalities, or an imported indicator such as homicidio_doloso (monthly: the
    /// weekly surge rule does not apply)
    #[arg(long, default_value = "events")]
    pub measure: String,
    /// Period of the model-based rule for event measures (indicators are monthly)
    #[arg(long, value_enum, default_value = "week")]
    pub period: PeriodArg,
    /// ACLED's floor: ignore states averaging fewer events per week over the previous year
    #[arg(long, default_value_t = 1.0)]
    pub min_weekly: f64,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Args)]
pub struct BenchForecastArgs {
    /// Weeks of the synthetic panel (32 states)
    #[arg(long, default_value_t = 500)]
    pub weeks: usize,
    /// Timed fits; the median is reported
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
    /// Skip the statsmodels peer (bench/forecast_peer.py)
    #[arg(long)]
    pub no_peer: bool,
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Also write the synthetic panel (state,t,y,angle) to this CSV file
    #[arg(long, value_name = "FILE")]
    pub panel_out: Option<PathBuf>,
}

fn kind(p: PeriodArg) -> PeriodKind {
    match p {
        PeriodArg::Week => PeriodKind::Week,
        PeriodArg::Month => PeriodKind::Month,
    }
}

fn measure(s: &str) -> Measure {
    match s {
        "events" => Measure::Events,
        "fatalities" => Measure::Fatalities,
        other => Measure::Indicator(other.to_string()),
    }
}

impl ModelArgs {
    fn options(&self) -> Result<ForecastOptions> {
        if self.max_lag == 0 {
            bail!("--max-lag must be at least 1");
        }
        if let Some(d) = self.decay {
            if !(d > 0.0 && d <= 1.0) {
                bail!("--decay must lie in (0, 1], got {d}");
            }
        }
        if self.paths < 100 {
            bail!("--paths must be at least 100, got {}", self.paths);
        }
        Ok(ForecastOptions {
            spec: ModelSpec {
                max_lag: self.max_lag,
                decay: self.decay,
                seasonal: !self.no_season,
                neighbours: !self.no_neighbours,
            },
            paths: self.paths,
            seed: self.seed,
            combine: !self.no_combine,
        })
    }
}

/// Where the numbers come from: the measure and its import files.
fn source(store: &Store, m: &Measure) -> Result<String> {
    requests::source(store, m).map_err(flag_error)
}

/// The analysis names a request's field ("measure: …"); on the command line it is a flag.
fn flag_error(e: atalaya_analysis::AnalysisError) -> anyhow::Error {
    let m = e.to_string();
    if m.starts_with("measure") || m.starts_with("period") {
        anyhow::anyhow!("--{m}")
    } else {
        anyhow::anyhow!(m)
    }
}

/// The measure's panel up to the last complete period on or before `until`.
fn load_panel(
    store: &Store,
    m: &Measure,
    kind: PeriodKind,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Result<Panel> {
    requests::load_panel(store, m, kind, from, until).map_err(flag_error)
}

fn day(field: &str, s: &Option<String>) -> Result<Option<NaiveDate>> {
    crate::parse_day(field, s)
}

fn state_name(code: &str) -> &'static str {
    gazetteer::state(code).map_or("?", |s| s.name)
}

pub fn forecast_cmd(cli: &Cli, a: &ForecastArgs) -> Result<ExitCode> {
    let opts = a.model.options()?;
    if a.horizon == 0 {
        bail!("--horizon must be at least 1");
    }
    let state = a
        .state
        .as_deref()
        .map(|s| {
            gazetteer::state_by_name(s)
                .map(|st| st.code)
                .with_context(|| format!("--state: unknown state {s:?}"))
        })
        .transpose()?;
    let store = open_store(&cli.db)?;
    let m = measure(&a.measure);
    let k = kind(a.period);
    let panel = load_panel(
        &store,
        &m,
        k,
        day("from", &a.from)?,
        day("as-of", &a.as_of)?,
    )?;
    let src = source(&store, &m)?;
    eprintln!(
        "forecast: fitting {} states × {} {}s ({} … {})",
        panel.states.len(),
        panel.periods(),
        k,
        panel.labels[0],
        panel.labels[panel.periods() - 1]
    );
    let fc = forecast::forecast(&panel, panel.periods(), a.horizon, &opts)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let rows: Vec<_> = fc
        .forecasts
        .iter()
        .filter(|f| state.is_none_or(|s| f.state == s))
        .collect();
    if let (Some(path), Some(code)) = (&a.svg, state) {
        let si = panel.state_index(code).context("state not in panel")?;
        let keep = panel.periods().min(match k {
            PeriodKind::Month => 36,
            PeriodKind::Week => 104,
        });
        let history: Vec<(String, f64)> = (panel.periods() - keep..panel.periods())
            .map(|t| (panel.labels[t].clone(), panel.values[si][t]))
            .collect();
        let points: Vec<ForecastPoint> = rows
            .iter()
            .map(|f| ForecastPoint {
                label: f.period.clone(),
                mean: f.summary.mean,
                q10: f.summary.q10,
                q90: f.summary.q90,
            })
            .collect();
        let title = format!(
            "{}: {} per {k}, forecast from {}",
            state_name(code),
            a.measure,
            fc.origin
        );
        std::fs::write(path, forecast_chart(&title, &a.measure, &history, &points))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("forecast: chart written to {}", path.display());
    }
    let mut out = BufWriter::new(io::stdout().lock());
    if cli.json {
        for f in &rows {
            let line = json!({
                "state": f.state, "period": f.period, "mean": f.summary.mean,
                "p_any": f.summary.p_any, "q10": f.summary.q10, "q90": f.summary.q90,
                "horizon": f.horizon, "origin": fc.origin, "measure": a.measure,
                "source": src,
            });
            writeln!(out, "{line}")?;
        }
    } else {
        let table_rows: Vec<Vec<String>> = rows
            .iter()
            .map(|f| {
                vec![
                    f.state.clone(),
                    state_name(&f.state).to_string(),
                    f.period.clone(),
                    format!("{:.1}", f.summary.mean),
                    format!("{:.2}", f.summary.p_any),
                    num(f.summary.q10),
                    num(f.summary.q90),
                ]
            })
            .collect();
        table(
            &mut out,
            &["state", "name", "period", "mean", "P(≥1)", "q10", "q90"],
            &table_rows,
        )?;
        let f = &fc.fit;
        writeln!(
            out,
            "\nmodel fitted on {} … {}: own past φ = {:.3} (se {:.3}), neighbours ψ = {:.3} (se {:.3}), \
             lag decay {}, NB size {:.1}",
            panel.labels[0],
            fc.origin,
            f.phi,
            f.phi_se,
            f.psi,
            f.psi_se,
            f.spec.decay.map_or("-".into(), |d| format!("{d}")),
            f.size
        )?;
        if opts.combine {
            writeln!(
                out,
                "mean and interval: the model averaged with simple exponential smoothing per state \
                 (--no-combine for the model alone)"
            )?;
        }
        writeln!(out, "source: {src}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn backtest_cmd(cli: &Cli, a: &BacktestArgs) -> Result<ExitCode> {
    let opts = a.model.options()?;
    if a.horizon == 0 || a.origins == 0 {
        bail!("--horizon and --origins must be at least 1");
    }
    let store = open_store(&cli.db)?;
    let m = measure(&a.measure);
    let k = kind(a.period);
    let panel = load_panel(&store, &m, k, day("from", &a.from)?, day("to", &a.to)?)?;
    let src = source(&store, &m)?;
    let b = backtest(&panel, a.horizon, a.origins, &opts, |i, n| {
        if i < n {
            eprintln!("backtest: origin {}/{n}", i + 1);
        }
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut out = BufWriter::new(io::stdout().lock());
    if cli.json {
        let models: serde_json::Map<String, Value> = b
            .models
            .iter()
            .map(|(n, s)| {
                (
                    n.clone(),
                    json!({"mae": s.mae, "rmse": s.rmse, "crps": s.crps, "brier": s.brier, "cover80": s.cover80, "n": s.n}),
                )
            })
            .collect();
        let by_h: serde_json::Map<String, Value> = b
            .by_horizon
            .iter()
            .map(|(n, v)| {
                (
                    n.clone(),
                    Value::Array(
                        v.iter()
                            .enumerate()
                            .map(|(h, s)| json!({"horizon": h + 1, "mae": s.mae, "rmse": s.rmse, "crps": s.crps, "brier": s.brier, "cover80": s.cover80, "n": s.n}))
                            .collect(),
                    ),
                )
            })
            .collect();
        let doc = json!({
            "origins": b.origins, "models": models, "by_horizon": by_h,
            "horizon": b.horizon, "period": k.to_string(), "measure": a.measure,
            "first_origin": b.first_origin, "last_origin": b.last_origin,
            "fits": b.fits, "source": src,
        });
        writeln!(out, "{doc}")?;
    } else {
        let pers = b.models.get("persistence").map(|s| (s.mae, s.crps));
        let rows: Vec<Vec<String>> = b
            .models
            .iter()
            .map(|(n, s)| {
                vec![
                    n.clone(),
                    format!("{:.2}", s.mae),
                    pers.map_or("-".into(), |p| {
                        format!("{:+.1}%", 100.0 * (s.mae / p.0 - 1.0))
                    }),
                    format!("{:.2}", s.rmse),
                    format!("{:.2}", s.crps),
                    pers.map_or("-".into(), |p| {
                        format!("{:+.1}%", 100.0 * (s.crps / p.1 - 1.0))
                    }),
                    format!("{:.4}", s.brier),
                    format!("{:.1}%", 100.0 * s.cover80),
                ]
            })
            .collect();
        writeln!(
            out,
            "{} origins ({} … {}), horizons 1–{}, {} states, {}s",
            b.origins,
            b.first_origin,
            b.last_origin,
            b.horizon,
            panel.states.len(),
            k
        )?;
        table(
            &mut out,
            &[
                "model",
                "MAE",
                "vs persistence",
                "RMSE",
                "CRPS",
                "vs persistence",
                "Brier",
                "80% cover",
            ],
            &rows,
        )?;
        writeln!(out, "\nby horizon (MAE / CRPS):")?;
        let mut hrows = Vec::new();
        for (n, v) in &b.by_horizon {
            let mut r = vec![n.clone()];
            r.extend(v.iter().map(|s| format!("{:.2} / {:.2}", s.mae, s.crps)));
            hrows.push(r);
        }
        let mut header = vec!["model".to_string()];
        header.extend((1..=b.horizon).map(|h| format!("h={h}")));
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        table(&mut out, &header, &hrows)?;
        writeln!(out, "source: {src}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn alerts_cmd(cli: &Cli, a: &AlertsArgs) -> Result<ExitCode> {
    let opts = AlertOptions {
        forecast: a.model.options()?,
        min_weekly_mean: a.min_weekly,
    };
    if !(a.min_weekly >= 0.0 && a.min_weekly.is_finite()) {
        bail!(
            "--min-weekly must be a non-negative number, got {}",
            a.min_weekly
        );
    }
    let store = open_store(&cli.db)?;
    let m = measure(&a.measure);
    let as_of = day("as-of", &a.as_of)?;
    let src = source(&store, &m)?;
    let model_period = match a.period {
        PeriodArg::Week => PeriodKind::Week,
        PeriodArg::Month => PeriodKind::Month,
    };
    let report = requests::alerts(&store, &m, as_of, model_period, &opts).map_err(flag_error)?;
    let (alerts, notes) = (report.alerts, report.notes);
    for n in &notes {
        eprintln!("alerts: {n}");
    }
    let mut out = BufWriter::new(io::stdout().lock());
    if cli.json {
        for al in &alerts {
            let line = json!({
                "state": al.state, "rule": al.rule, "level": al.level, "value": al.value,
                "baseline": al.baseline, "period": al.period,
                "ratio": if al.ratio.is_finite() { json!(al.ratio) } else { Value::Null },
                "measure": a.measure, "source": src,
            });
            writeln!(out, "{line}")?;
        }
    } else {
        let rows: Vec<Vec<String>> = alerts
            .iter()
            .map(|al| {
                vec![
                    al.state.clone(),
                    state_name(&al.state).to_string(),
                    al.rule.clone(),
                    al.level.clone(),
                    al.period.clone(),
                    num(al.value),
                    format!("{:.1}", al.baseline),
                    if al.ratio.is_finite() {
                        format!("{:.2}", al.ratio)
                    } else {
                        "-".into()
                    },
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                "state", "name", "rule", "level", "period", "value", "baseline", "ratio",
            ],
            &rows,
        )?;
        if alerts.is_empty() {
            writeln!(out, "(no state meets a rule)")?;
        }
        for n in &notes {
            writeln!(out, "note: {n}")?;
        }
        writeln!(out, "source: {src}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The synthetic truth of the benchmark: weekly counts of 32 states with the scale of
/// event data (endemic levels 1–30 a week), self-excitation and neighbourhood spread.
pub fn bench_truth() -> (Fit, Vec<Vec<(usize, f64)>>) {
    let states: Vec<String> = gazetteer::STATES
        .iter()
        .map(|s| s.code.to_string())
        .collect();
    let alpha: Vec<f64> = (0..32)
        .map(|s| (1.0 + 29.0 * ((s * 7) % 32) as f64 / 31.0).ln())
        .collect();
    let spec = ModelSpec {
        max_lag: 6,
        decay: Some(0.5),
        seasonal: true,
        neighbours: true,
    };
    (
        Fit::known(spec, alpha, [0.2, -0.1], 0.5, 0.15, 8.0),
        model::state_neighbours(&states),
    )
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn peer_script() -> PathBuf {
    if let Some(p) = std::env::var_os("ATALAYA_BENCH_FORECAST_PEER") {
        return PathBuf::from(p);
    }
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bench/forecast_peer.py"
    ))
}

fn run_peer(script: &Path, csv: &Path, repeat: usize) -> Result<Value> {
    if !script.is_file() {
        bail!(
            "{} not found (set ATALAYA_BENCH_FORECAST_PEER)",
            script.display()
        );
    }
    let python = std::env::var_os("ATALAYA_BENCH_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Process::new(&python)
        .arg(script)
        .arg("--csv")
        .arg(csv)
        .arg("--repeat")
        .arg(repeat.to_string())
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .with_context(|| format!("running {}", Path::new(&python).display()))?;
    if !out.status.success() {
        bail!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .rev()
                .take(5)
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    serde_json::from_slice(&out.stdout)
        .with_context(|| format!("{} printed no JSON report", script.display()))
}

pub fn bench_forecast(cli: &Cli, a: &BenchForecastArgs) -> Result<ExitCode> {
    if a.weeks < 60 || a.repeat == 0 {
        bail!("--weeks must be at least 60 and --repeat at least 1");
    }
    let (truth, neighbours) = bench_truth();
    let start = NaiveDate::from_ymd_opt(2015, 1, 5).expect("valid date");
    let burn_in = 100;
    let starts: Vec<NaiveDate> = (0..burn_in + a.weeks)
        .map(|i| start + Duration::weeks(i as i64))
        .collect();
    let angles: Vec<f64> = starts
        .iter()
        .map(|&s| model::season_angle(s, s + Duration::days(7)))
        .collect();
    let y = simulate_panel(&truth, &neighbours, &angles, burn_in, a.seed);
    let fit_angles = &angles[burn_in..];
    let data = forecast::FitData {
        y: &y,
        angles: fit_angles,
        neighbours: &neighbours,
    };
    let mut times_fixed = Vec::with_capacity(a.repeat);
    let mut times_select = Vec::with_capacity(a.repeat);
    let mut fixed = None;
    let mut selected = None;
    for i in 0..a.repeat {
        eprintln!("bench-forecast: run {}/{}", i + 1, a.repeat);
        let t = Instant::now();
        let f = forecast::fit(&data, truth.spec).map_err(|e| anyhow::anyhow!("{e}"))?;
        times_fixed.push(t.elapsed().as_secs_f64());
        fixed = Some(f);
        let t = Instant::now();
        let f = forecast::fit(
            &data,
            ModelSpec {
                decay: None,
                ..truth.spec
            },
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        times_select.push(t.elapsed().as_secs_f64());
        selected = Some(f);
    }
    let fixed = fixed.expect("repeat >= 1");
    let selected = selected.expect("repeat >= 1");
    let z = |est: f64, se: f64, true_v: f64| (est - true_v) / se;
    let check = json!({
        "phi": {"true": truth.phi, "estimate": fixed.phi, "se": fixed.phi_se, "z": z(fixed.phi, fixed.phi_se, truth.phi)},
        "psi": {"true": truth.psi, "estimate": fixed.psi, "se": fixed.psi_se, "z": z(fixed.psi, fixed.psi_se, truth.psi)},
        "size": {"true": truth.size, "estimate": fixed.size, "se": fixed.size_se, "z": z(fixed.size, fixed.size_se, truth.size)},
        "selected_decay": selected.spec.decay,
    });
    let write_panel = |path: &Path| -> Result<()> {
        let mut w = BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        writeln!(w, "state,t,y,angle")?;
        for (s, row) in y.iter().enumerate() {
            for (t, v) in row.iter().enumerate() {
                writeln!(w, "{s},{t},{v},{}", fit_angles[t])?;
            }
        }
        w.flush()?;
        Ok(())
    };
    if let Some(p) = &a.panel_out {
        write_panel(p)?;
    }
    let mut peer = Value::Null;
    if !a.no_peer {
        let dir = tempfile::tempdir()?;
        let csv_path = dir.path().join("panel.csv");
        write_panel(&csv_path)?;
        eprintln!("bench-forecast: statsmodels peer");
        peer = match run_peer(&peer_script(), &csv_path, a.repeat) {
            Ok(v) => v,
            Err(e) => json!({"error": format!("{e:#}")}),
        };
    }
    let fixed_median = median(&mut times_fixed);
    let select_median = median(&mut times_select);
    let peer_median = peer.get("median_seconds").and_then(Value::as_f64);
    let doc = json!({
        "states": 32, "weeks": a.weeks, "observations": fixed.observations, "repeat": a.repeat,
        "fit_fixed_decay": {"median_seconds": fixed_median, "times": times_fixed, "iterations": fixed.iterations},
        "fit_select_decay": {"median_seconds": select_median, "times": times_select, "candidates": selected.candidates.len()},
        "check": check,
        "peer": peer,
        "peer_over_fixed": peer_median.map(|p| p / fixed_median),
        "peer_over_select": peer_median.map(|p| p / select_median),
    });
    let mut out = BufWriter::new(io::stdout().lock());
    if cli.json {
        writeln!(out, "{doc}")?;
    } else {
        writeln!(
            out,
            "32 states × {} weeks ({} observations), median of {} runs",
            a.weeks, fixed.observations, a.repeat
        )?;
        let mut rows = vec![
            vec![
                "atalaya fit, decay fixed".into(),
                format!("{:.3}", fixed_median),
                "1.00".into(),
            ],
            vec![
                format!(
                    "atalaya fit, decay chosen among {}",
                    selected.candidates.len()
                ),
                format!("{:.3}", select_median),
                format!("{:.2}", select_median / fixed_median),
            ],
        ];
        if let Some(p) = peer_median {
            rows.push(vec![
                "statsmodels NegativeBinomial (log-linear, same lags)".into(),
                format!("{p:.3}"),
                format!("{:.2}", p / fixed_median),
            ]);
        } else if !a.no_peer {
            rows.push(vec![
                format!(
                    "peer: {}",
                    peer.get("error")
                        .and_then(Value::as_str)
                        .unwrap_or("no result")
                ),
                "-".into(),
                "-".into(),
            ]);
        }
        table(&mut out, &["fit", "median s", "× atalaya fixed"], &rows)?;
        writeln!(
            out,
            "recovery: φ {:.3} (true {}, se {:.3}), ψ {:.3} (true {}, se {:.3}), size {:.2} (true {}, se {:.2})",
            fixed.phi, truth.phi, fixed.phi_se, fixed.psi, truth.psi, fixed.psi_se, fixed.size,
            truth.size, fixed.size_se
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
