//! Rolling-origin evaluation: at each origin the model is fitted on the past only and forecasts
//! 1…H periods ahead; the naive baselines forecast from the same past. Each baseline's
//! predictive distribution is its point forecast plus the empirical distribution of its own
//! past errors at that horizon in that state (known before the origin), so CRPS and Brier
//! compare distributions with distributions.

use std::collections::BTreeMap;

use atalaya_core::period::PeriodKind;
use serde::Serialize;

use super::ets::Smoothing;
use super::predictive::Draws;
use super::{fit_and_simulate, ForecastOptions};
use crate::{AnalysisError, Panel};

/// Accumulated scores of one model (overall or at one horizon).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    pub mae: f64,
    pub rmse: f64,
    pub crps: f64,
    pub brier: f64,
    /// Share of observations inside the 80% interval [q10, q90] (0.8 when calibrated).
    pub cover80: f64,
    /// Forecasts scored (states × origins, per horizon).
    pub n: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    abs: f64,
    sq: f64,
    crps: f64,
    brier: f64,
    cover: usize,
    n: usize,
}

impl Acc {
    fn add(&mut self, point: f64, draws: &Draws, y: f64) {
        self.abs += (point - y).abs();
        self.sq += (point - y).powi(2);
        self.crps += draws.crps(y);
        let any = if y >= 1.0 { 1.0 } else { 0.0 };
        self.brier += (draws.p_any() - any).powi(2);
        if draws.quantile(0.1) <= y && y <= draws.quantile(0.9) {
            self.cover += 1;
        }
        self.n += 1;
    }

    fn scores(&self) -> Scores {
        let n = self.n.max(1) as f64;
        Scores {
            mae: self.abs / n,
            rmse: (self.sq / n).sqrt(),
            crps: self.crps / n,
            brier: self.brier / n,
            cover80: self.cover as f64 / n,
            n: self.n,
        }
    }
}

/// The fitted dependence parameters at one origin, to show how stable the model is.
#[derive(Debug, Clone, Serialize)]
pub struct OriginFit {
    pub origin: String,
    pub phi: f64,
    pub psi: f64,
    pub size: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Backtest {
    pub origins: usize,
    pub horizon: usize,
    /// The last observed period of the first and last origins.
    pub first_origin: String,
    pub last_origin: String,
    pub models: BTreeMap<String, Scores>,
    /// `by_horizon[model][h - 1]`.
    pub by_horizon: BTreeMap<String, Vec<Scores>>,
    pub fits: Vec<OriginFit>,
}

/// The name of the count model scored alone when the forecast is the combination.
pub const MODEL_ALONE: &str = "hhh4";

/// A naive forecast rule: the point forecast of `y[t + h]` made at the end of period `t`,
/// or `None` when the past is too short for it.
#[derive(Debug, Clone, Copy)]
enum Baseline {
    Persistence,
    MovingAverage,
    Seasonal(usize),
    /// Simple exponential smoothing, fitted per state at each origin.
    Ses,
    /// Damped-trend Holt, fitted per state at each origin.
    Holt,
}

impl Baseline {
    fn name(&self) -> &'static str {
        match self {
            Baseline::Persistence => "persistence",
            Baseline::MovingAverage => "moving_average",
            Baseline::Seasonal(_) => "seasonal",
            Baseline::Ses => "ses",
            Baseline::Holt => "holt",
        }
    }

    /// The point forecasts made at the end of every known period: `out[u][h − 1]` forecasts
    /// `past[u + h]`. A smoothing rule is fitted once on all of `past` (what is known at the
    /// origin); its states at `u` use `past[..=u]` only.
    fn table(&self, past: &[f64], horizon: usize) -> Vec<Vec<Option<f64>>> {
        let smoothing = match self {
            Baseline::Ses => Some(Smoothing::fit_simple(past)),
            Baseline::Holt => Some(Smoothing::fit_damped(past)),
            _ => None,
        };
        match smoothing {
            Some(sm) => sm
                .forecasts(past, horizon)
                .into_iter()
                .map(|f| f.into_iter().map(|v| Some(v.max(0.0))).collect())
                .collect(),
            None => (0..past.len())
                .map(|u| (1..=horizon).map(|h| self.point(past, u, h)).collect())
                .collect(),
        }
    }

    fn point(&self, row: &[f64], t: usize, h: usize) -> Option<f64> {
        match *self {
            Baseline::Persistence => Some(row[t]),
            Baseline::MovingAverage => (t >= 2).then(|| (row[t - 2] + row[t - 1] + row[t]) / 3.0),
            Baseline::Seasonal(p) => (t + h >= p && h <= p).then(|| row[t + h - p]),
            // Fitted on `row[..=t]`: the same as `table`'s last row.
            Baseline::Ses | Baseline::Holt => self.table(&row[..=t], h)[t][h - 1],
        }
    }

    /// The predictive draws at origin `t` (last known period) for horizon `h`: the point plus
    /// each past error at horizon `h` whose target was known by `t`, floored at zero.
    #[cfg(test)]
    fn draws(&self, row: &[f64], t: usize, h: usize) -> Option<(f64, Draws)> {
        draws_from(&self.table(&row[..=t], h), &row[..=t], h)
    }
}

/// The predictive draws at the last period of `past` for horizon `h`, from a baseline's
/// table of point forecasts: the point plus each past error at horizon `h` whose target is
/// known, floored at zero.
fn draws_from(table: &[Vec<Option<f64>>], past: &[f64], h: usize) -> Option<(f64, Draws)> {
    let t = past.len() - 1;
    let point = table[t][h - 1]?;
    let errors: Vec<f64> = (0..=t.saturating_sub(h))
        .filter(|&u| u + h <= t)
        .filter_map(|u| table[u][h - 1].map(|p| past[u + h] - p))
        .collect();
    let draws = if errors.is_empty() {
        vec![point]
    } else {
        errors.iter().map(|e| (point + e).max(0.0)).collect()
    };
    Some((point, Draws::new(draws)))
}

/// The seasonal lag of a period kind (a year).
pub fn seasonal_lag(kind: PeriodKind) -> usize {
    match kind {
        PeriodKind::Week => 52,
        PeriodKind::Month => 12,
    }
}

/// Runs the backtest on the last `origins` origins of the panel whose `horizon` targets are
/// all observed: the last origin ends `horizon` periods before the panel does.
pub fn backtest(
    panel: &Panel,
    horizon: usize,
    origins: usize,
    opts: &ForecastOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<Backtest, AnalysisError> {
    let t_len = panel.periods();
    if horizon == 0 || origins == 0 {
        return Err(AnalysisError::Invalid(
            "--horizon and --origins must be at least 1".into(),
        ));
    }
    let needed = horizon + origins;
    if t_len < needed + 12 {
        return Err(AnalysisError::InsufficientData(format!(
            "{origins} origins with horizon {horizon} need at least {} periods, the data has {t_len}",
            needed + 12
        )));
    }
    let first_end = t_len - horizon - origins + 1;
    let lag = seasonal_lag(panel.period);
    let mut baselines = vec![
        Baseline::Persistence,
        Baseline::MovingAverage,
        Baseline::Ses,
        Baseline::Holt,
    ];
    // A seasonal naive forecast needs a year before the first origin to exist at all.
    if first_end > lag {
        baselines.push(Baseline::Seasonal(lag));
    }
    let mut names = vec!["atalaya"];
    names.extend(baselines.iter().map(|b| b.name()));
    // "atalaya" scores the forecast as delivered; when that is the combination, the count
    // model alone is scored too.
    let model_alone = opts.combine.then(|| {
        names.push(MODEL_ALONE);
        names.len() - 1
    });
    let mut overall = vec![Acc::default(); names.len()];
    let mut by_h = vec![vec![Acc::default(); horizon]; names.len()];
    let mut fits = Vec::with_capacity(origins);
    let mut warm: Option<super::Fit> = None;
    for (k, end) in (first_end..first_end + origins).enumerate() {
        progress(k, origins);
        let (fit, _, draws, means) = fit_and_simulate(panel, end, horizon, opts, warm.as_ref())?;
        let (mut cdraws, mut cmeans) = (draws.clone(), means.clone());
        if opts.combine {
            super::combine_with_smoothing(panel, end, &mut cdraws, &mut cmeans);
        }
        fits.push(OriginFit {
            origin: panel.labels[end - 1].clone(),
            phi: fit.phi,
            psi: fit.psi,
            size: fit.size,
        });
        warm = Some(fit);
        let t = end - 1;
        for (s, row) in panel.values.iter().enumerate() {
            // Only the past up to the origin is visible to the baselines.
            let past = &row[..=t];
            let tables: Vec<_> = baselines.iter().map(|b| b.table(past, horizon)).collect();
            for h in 1..=horizon {
                let y = row[t + h];
                let d = &cdraws[s][h - 1];
                let mean = cmeans[s][h - 1];
                overall[0].add(mean, d, y);
                by_h[0][h - 1].add(mean, d, y);
                if let Some(m) = model_alone {
                    overall[m].add(means[s][h - 1], &draws[s][h - 1], y);
                    by_h[m][h - 1].add(means[s][h - 1], &draws[s][h - 1], y);
                }
                for (b, table) in tables.iter().enumerate() {
                    if let Some((point, bd)) = draws_from(table, past, h) {
                        overall[b + 1].add(point, &bd, y);
                        by_h[b + 1][h - 1].add(point, &bd, y);
                    }
                }
            }
        }
    }
    progress(origins, origins);
    Ok(Backtest {
        origins,
        horizon,
        first_origin: panel.labels[first_end - 1].clone(),
        last_origin: panel.labels[first_end + origins - 2].clone(),
        models: names
            .iter()
            .zip(&overall)
            .map(|(n, a)| (n.to_string(), a.scores()))
            .collect(),
        by_horizon: names
            .iter()
            .zip(&by_h)
            .map(|(n, v)| (n.to_string(), v.iter().map(Acc::scores).collect()))
            .collect(),
        fits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_points_and_error_draws_use_only_the_past() {
        let row = [1.0, 2.0, 4.0, 8.0, 16.0];
        assert_eq!(Baseline::Persistence.point(&row, 4, 1), Some(16.0));
        assert_eq!(Baseline::MovingAverage.point(&row, 4, 2), Some(28.0 / 3.0));
        assert_eq!(Baseline::MovingAverage.point(&row, 1, 1), None);
        assert_eq!(Baseline::Seasonal(3).point(&row, 4, 1), Some(4.0));
        assert_eq!(Baseline::Seasonal(3).point(&row, 1, 1), None);
        // Persistence at horizon 2 from t = 4: past errors y[u+2] − y[u] for u + 2 ≤ 4.
        let (p, d) = Baseline::Persistence.draws(&row, 4, 2).unwrap();
        assert_eq!(p, 16.0);
        assert_eq!(d.0, vec![19.0, 22.0, 28.0]);
    }
}
