//! Forecasts per state with an endemic–epidemic negative-binomial model, their rolling-origin
//! backtest against naive baselines, and alerts (ACLED's hotspot rules and the model's own
//! predictive quantiles). See `docs/methods/forecast.md`.
//!
//! Everything works on a [`Panel`] (32 states × consecutive periods of one outcome) and the
//! index where the known past ends, so a backtest fits exactly what a forecast at that date
//! would have seen.

pub mod alerts;
pub mod backtest;
pub mod ets;
pub mod model;
pub mod predictive;
pub mod requests;

use atalaya_core::period::{next_period, period_label, PeriodKind};
use chrono::NaiveDate;
use serde::Serialize;

pub use alerts::{model_q90, surge, threat, Alert, AlertOptions};
pub use backtest::{backtest, Backtest, Scores};
pub use model::{fit, Fit, FitData, ModelSpec};
pub use predictive::{simulate, simulate_panel, Draws, Summary};

use crate::{AnalysisError, Panel};

/// How forecasts are made: the model and the simulation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ForecastOptions {
    pub spec: ModelSpec,
    /// Simulated futures per forecast.
    pub paths: usize,
    pub seed: u64,
    /// Deliver the count model averaged with simple exponential smoothing per state (means
    /// and quantiles averaged), the specification chosen on backtest origins before 2022.
    pub combine: bool,
}

impl Default for ForecastOptions {
    fn default() -> Self {
        ForecastOptions {
            spec: ModelSpec::default(),
            paths: 2000,
            seed: 20240725,
            combine: true,
        }
    }
}

/// One state's predictive distribution for one future period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatePeriod {
    pub state: String,
    pub period: String,
    #[serde(skip)]
    pub start: NaiveDate,
    /// Periods ahead of the last observed one (1 = the next period).
    pub horizon: usize,
    #[serde(flatten)]
    pub summary: Summary,
}

/// A fitted model and its forecasts.
#[derive(Debug, Clone, Serialize)]
pub struct Forecast {
    pub fit: Fit,
    /// The last period the model saw.
    pub origin: String,
    pub forecasts: Vec<StatePeriod>,
}

/// The seasonal angle of every panel period.
pub fn panel_angles(panel: &Panel) -> Vec<f64> {
    panel
        .starts
        .iter()
        .map(|&s| model::season_angle(s, next_period(panel.period, s)))
        .collect()
}

/// The `horizon` periods after the one starting at `last`: (start, label, angle).
pub fn future_periods(kind: PeriodKind, last: NaiveDate, horizon: usize) -> Vec<FuturePeriod> {
    let mut out = Vec::with_capacity(horizon);
    let mut p = last;
    for _ in 0..horizon {
        p = next_period(kind, p);
        let angle = model::season_angle(p, next_period(kind, p));
        out.push((p, period_label(kind, p), angle));
    }
    out
}

/// A future period: first day, label, seasonal angle.
pub type FuturePeriod = (NaiveDate, String, f64);

/// A fit, the future periods it forecasts, the draws `draws[s][h]` and the exact means
/// `means[s][h]`.
pub type Simulated = (Fit, Vec<FuturePeriod>, Vec<Vec<Draws>>, Vec<Vec<f64>>);

/// Fits on the panel's periods `..end` and returns the draws (`draws[s][h]`) for the
/// `horizon` periods after.
pub fn fit_and_simulate(
    panel: &Panel,
    end: usize,
    horizon: usize,
    opts: &ForecastOptions,
    warm: Option<&Fit>,
) -> Result<Simulated, AnalysisError> {
    if end == 0 || end > panel.periods() {
        return Err(AnalysisError::Invalid(format!(
            "the forecast origin must lie inside the panel's {} periods",
            panel.periods()
        )));
    }
    if horizon == 0 {
        return Err(AnalysisError::Invalid(
            "the horizon must be at least one period".into(),
        ));
    }
    let history: Vec<Vec<f64>> = panel.values.iter().map(|r| r[..end].to_vec()).collect();
    let angles = panel_angles(panel);
    let neighbours = model::state_neighbours(&panel.states);
    let fitted = model::fit_from(
        &FitData {
            y: &history,
            angles: &angles[..end],
            neighbours: &neighbours,
        },
        opts.spec,
        warm,
    )?;
    let future = future_periods(panel.period, panel.starts[end - 1], horizon);
    let fut_angles: Vec<f64> = future.iter().map(|f| f.2).collect();
    let draws = simulate(
        &fitted,
        &history,
        &neighbours,
        &fut_angles,
        opts.paths,
        opts.seed,
    );
    let means = predictive::expected(&fitted, &history, &neighbours, &fut_angles);
    Ok((fitted, future, draws, means))
}

/// Replaces the model's means and draws (`[s][h]`) by their average with simple exponential
/// smoothing fitted per state on the panel's periods `..end` (see `ets::ses_predictive`).
pub fn combine_with_smoothing(
    panel: &Panel,
    end: usize,
    draws: &mut [Vec<Draws>],
    means: &mut [Vec<f64>],
) {
    for (s, row) in panel.values.iter().enumerate() {
        let horizon = means[s].len();
        for (h, (point, sd)) in ets::ses_predictive(&row[..end], horizon)
            .into_iter()
            .enumerate()
        {
            means[s][h] = 0.5 * (means[s][h] + point);
            // Counts are whole: so are the combination's quantiles and P(≥ 1).
            let combined = draws[s][h].average_quantiles(&sd);
            draws[s][h] = Draws::new(combined.0.iter().map(|v| v.round()).collect());
        }
    }
}

/// Forecasts every state for the `horizon` periods after the panel's period `end - 1`.
pub fn forecast(
    panel: &Panel,
    end: usize,
    horizon: usize,
    opts: &ForecastOptions,
) -> Result<Forecast, AnalysisError> {
    let (fit, future, mut draws, mut means) = fit_and_simulate(panel, end, horizon, opts, None)?;
    if opts.combine {
        combine_with_smoothing(panel, end, &mut draws, &mut means);
    }
    let mut forecasts = Vec::with_capacity(panel.states.len() * horizon);
    for (s, code) in panel.states.iter().enumerate() {
        for (h, (start, label, _)) in future.iter().enumerate() {
            forecasts.push(StatePeriod {
                state: code.clone(),
                period: label.clone(),
                start: *start,
                horizon: h + 1,
                summary: Summary {
                    mean: means[s][h],
                    ..draws[s][h].summary()
                },
            });
        }
    }
    Ok(Forecast {
        fit,
        origin: panel.labels[end - 1].clone(),
        forecasts,
    })
}
