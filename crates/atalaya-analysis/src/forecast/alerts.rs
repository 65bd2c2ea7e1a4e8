//! Alerts per state as of a period: ACLED's published hotspot rules as the baseline, and the
//! model's own rule (the observed count above the 90% predictive quantile of a forecast made
//! one period earlier).
//!
//! - *surge* (weekly data): the last week's count ≥ 2 × the mean weekly count of the previous
//!   month (the 4 weeks before it);
//! - *threat* (monthly data): the last month's count ≥ 2 × the mean monthly count of the
//!   previous 12 months;
//! - states averaging under one event per week over the previous year are ignored by every
//!   rule, as ACLED does.
//!
//! Level: `alert` when a rule fires, `severe` when the value is at least twice the rule's own
//! threshold (4 × the baseline for surge and threat, above the 99% quantile for the model).

use serde::Serialize;

use super::{fit_and_simulate, ForecastOptions};
use crate::{AnalysisError, Panel};
use atalaya_core::period::PeriodKind;

/// Weeks in a month on average, to put monthly counts on ACLED's per-week floor.
const WEEKS_PER_MONTH: f64 = 365.25 / 12.0 / 7.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    pub state: String,
    /// `surge`, `threat` or `model_q90`.
    pub rule: String,
    /// `alert` or `severe`.
    pub level: String,
    /// The count of the period judged.
    pub value: f64,
    /// What it is compared with: the previous month's weekly mean, the previous year's
    /// monthly mean, or the model's 90% predictive quantile.
    pub baseline: f64,
    /// The period judged.
    pub period: String,
    /// `value / baseline`.
    pub ratio: f64,
}

#[derive(Debug, Clone, Copy)]
pub struct AlertOptions {
    pub forecast: ForecastOptions,
    /// ACLED's floor: states averaging fewer events per week over the previous year are
    /// left out.
    pub min_weekly_mean: f64,
}

impl Default for AlertOptions {
    fn default() -> Self {
        AlertOptions {
            forecast: ForecastOptions::default(),
            min_weekly_mean: 1.0,
        }
    }
}

fn weeks_per_period(kind: PeriodKind) -> f64 {
    match kind {
        PeriodKind::Week => 1.0,
        PeriodKind::Month => WEEKS_PER_MONTH,
    }
}

/// Periods in the year before a period.
fn year_of(kind: PeriodKind) -> usize {
    match kind {
        PeriodKind::Week => 52,
        PeriodKind::Month => 12,
    }
}

/// Whether state row `row` averages at least the floor over the year before period `last`.
fn above_floor(row: &[f64], last: usize, kind: PeriodKind, floor: f64) -> bool {
    let n = year_of(kind).min(last);
    if n == 0 {
        return false;
    }
    let mean = row[last - n..last].iter().sum::<f64>() / n as f64;
    mean / weeks_per_period(kind) >= floor
}

fn ratio_alert(state: &str, rule: &str, period: &str, value: f64, baseline: f64) -> Option<Alert> {
    if value <= 0.0 || value < 2.0 * baseline {
        return None;
    }
    let ratio = if baseline > 0.0 {
        value / baseline
    } else {
        f64::INFINITY
    };
    Some(Alert {
        state: state.to_string(),
        rule: rule.to_string(),
        level: if ratio >= 4.0 { "severe" } else { "alert" }.to_string(),
        value,
        baseline,
        period: period.to_string(),
        ratio,
    })
}

fn check_last(panel: &Panel, last: usize, need: usize, rule: &str) -> Result<(), AnalysisError> {
    if last >= panel.periods() {
        return Err(AnalysisError::Invalid(format!(
            "the period judged lies outside the data ({} periods)",
            panel.periods()
        )));
    }
    if last < need {
        return Err(AnalysisError::InsufficientData(format!(
            "the {rule} rule needs {need} periods before {}, the data has {last}",
            panel.labels[last]
        )));
    }
    Ok(())
}

/// ACLED's surge rule on a weekly panel, judging week `last`.
pub fn surge(panel: &Panel, last: usize, opts: &AlertOptions) -> Result<Vec<Alert>, AnalysisError> {
    ratio_rule(panel, last, opts, PeriodKind::Week, 4, "surge")
}

/// ACLED's threat rule on a monthly panel, judging month `last`.
pub fn threat(
    panel: &Panel,
    last: usize,
    opts: &AlertOptions,
) -> Result<Vec<Alert>, AnalysisError> {
    ratio_rule(panel, last, opts, PeriodKind::Month, 12, "threat")
}

/// ACLED's two rules are one: period `last` against the mean of the `window` periods
/// before it, on weekly (surge) or monthly (threat) counts.
fn ratio_rule(
    panel: &Panel,
    last: usize,
    opts: &AlertOptions,
    period: PeriodKind,
    window: usize,
    rule: &str,
) -> Result<Vec<Alert>, AnalysisError> {
    if panel.period != period {
        let counts = match period {
            PeriodKind::Week => "weekly",
            PeriodKind::Month => "monthly",
        };
        return Err(AnalysisError::Invalid(format!(
            "the {rule} rule needs {counts} counts"
        )));
    }
    check_last(panel, last, window, rule)?;
    Ok(panel
        .states
        .iter()
        .zip(&panel.values)
        .filter(|(_, row)| above_floor(row, last, panel.period, opts.min_weekly_mean))
        .filter_map(|(code, row)| {
            let base = row[last - window..last].iter().sum::<f64>() / window as f64;
            ratio_alert(code, rule, &panel.labels[last], row[last], base)
        })
        .collect())
}

/// The model's rule: fitted on the periods before `last`, a one-period-ahead forecast of
/// `last`; states whose observed count exceeds the 90% predictive quantile are flagged.
pub fn model_q90(
    panel: &Panel,
    last: usize,
    opts: &AlertOptions,
) -> Result<Vec<Alert>, AnalysisError> {
    check_last(panel, last, 1, "model")?;
    let (_, _, draws, _) = fit_and_simulate(panel, last, 1, &opts.forecast, None)?;
    Ok(panel
        .states
        .iter()
        .zip(&panel.values)
        .zip(&draws)
        .filter(|((_, row), _)| above_floor(row, last, panel.period, opts.min_weekly_mean))
        .filter_map(|((code, row), d)| {
            let d = &d[0];
            let (value, q90, q99) = (row[last], d.quantile(0.9), d.quantile(0.99));
            (value > q90).then(|| Alert {
                state: code.clone(),
                rule: "model_q90".into(),
                level: if value > q99 { "severe" } else { "alert" }.into(),
                value,
                baseline: q90,
                period: panel.labels[last].clone(),
                ratio: if q90 > 0.0 {
                    value / q90
                } else {
                    f64::INFINITY
                },
            })
        })
        .collect())
}
