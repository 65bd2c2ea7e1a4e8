//! Exponential smoothing per state, the baselines a count model has to beat (Hyndman &
//! Athanasopoulos, *Forecasting: Principles and Practice*, ch. 8): simple exponential
//! smoothing (a level) and Holt's linear trend with a damped trend (Gardner & McKenzie 1985).
//! Parameters are chosen on a grid by the sum of squared one-step errors over the series, as
//! `ets` does by least squares; the states start at the first observations.

use super::predictive::Draws;

/// The smoothing rule and its parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Smoothing {
    /// Level only: `l_t = α·y_t + (1 − α)·l_{t−1}`; every horizon forecasts `l_t`.
    Simple { alpha: f64 },
    /// Level and damped trend: `l_t = α·y_t + (1 − α)(l_{t−1} + φ·b_{t−1})`,
    /// `b_t = β(l_t − l_{t−1}) + (1 − β)·φ·b_{t−1}`; h ahead: `l_t + (φ + … + φ^h)·b_t`.
    Damped { alpha: f64, beta: f64, phi: f64 },
}

const ALPHAS: [f64; 20] = [
    0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85,
    0.9, 0.95, 1.0,
];
const BETAS: [f64; 5] = [0.01, 0.05, 0.1, 0.2, 0.3];
const PHIS: [f64; 4] = [0.8, 0.9, 0.95, 0.98];

impl Smoothing {
    /// The forecasts made at the end of every period: `out[t][h − 1]` forecasts `y[t + h]`
    /// from `y[..=t]` only (the parameters are the caller's).
    pub fn forecasts(&self, y: &[f64], horizon: usize) -> Vec<Vec<f64>> {
        let mut out = Vec::with_capacity(y.len());
        let Some(&first) = y.first() else {
            return out;
        };
        let (mut level, mut trend) = (first, 0.0);
        for (t, &v) in y.iter().enumerate() {
            if t > 0 {
                match *self {
                    Smoothing::Simple { alpha } => level = alpha * v + (1.0 - alpha) * level,
                    Smoothing::Damped { alpha, beta, phi } => {
                        let prev = level;
                        level = alpha * v + (1.0 - alpha) * (prev + phi * trend);
                        trend = beta * (level - prev) + (1.0 - beta) * phi * trend;
                    }
                }
            }
            let mut f = Vec::with_capacity(horizon);
            let mut damp = 0.0;
            for h in 1..=horizon {
                match *self {
                    Smoothing::Simple { .. } => f.push(level),
                    Smoothing::Damped { phi, .. } => {
                        damp += phi.powi(h as i32);
                        f.push(level + damp * trend);
                    }
                }
            }
            out.push(f);
        }
        out
    }

    /// Sum of squared one-step errors over the series.
    fn sse(&self, y: &[f64]) -> f64 {
        let f = self.forecasts(y, 1);
        (1..y.len()).map(|t| (y[t] - f[t - 1][0]).powi(2)).sum()
    }

    /// Simple exponential smoothing with the α of least one-step squared error.
    pub fn fit_simple(y: &[f64]) -> Smoothing {
        best(ALPHAS.iter().map(|&alpha| Smoothing::Simple { alpha }), y)
    }

    /// Damped-trend Holt with the (α, β ≤ α, φ) of least one-step squared error.
    pub fn fit_damped(y: &[f64]) -> Smoothing {
        let grid = ALPHAS.iter().flat_map(|&alpha| {
            BETAS
                .iter()
                .filter(move |&&beta| beta <= alpha)
                .flat_map(move |&beta| {
                    PHIS.iter()
                        .map(move |&phi| Smoothing::Damped { alpha, beta, phi })
                })
        });
        best(grid, y)
    }
}

/// Simple exponential smoothing fitted on `past`: its forecasts `1…horizon` periods after the
/// last one, each with the empirical distribution of its own past errors at that horizon
/// (the point plus each error, floored at zero), as the backtest's baselines.
pub fn ses_predictive(past: &[f64], horizon: usize) -> Vec<(f64, Draws)> {
    let f = Smoothing::fit_simple(past).forecasts(past, horizon);
    let Some(t) = past.len().checked_sub(1) else {
        return Vec::new();
    };
    (1..=horizon)
        .map(|h| {
            let point = f[t][h - 1].max(0.0);
            let draws: Vec<f64> = (0..=t)
                .filter(|&u| u + h <= t)
                .map(|u| (point + past[u + h] - f[u][h - 1].max(0.0)).max(0.0))
                .collect();
            let draws = if draws.is_empty() { vec![point] } else { draws };
            (point, Draws::new(draws))
        })
        .collect()
}

fn best(grid: impl Iterator<Item = Smoothing>, y: &[f64]) -> Smoothing {
    grid.map(|s| (s.sse(y), s))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s)
        .expect("the grid is not empty")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_smoothing_follows_its_recursion_and_picks_alpha_one_on_a_random_walk() {
        let s = Smoothing::Simple { alpha: 0.5 };
        let f = s.forecasts(&[10.0, 20.0, 0.0], 2);
        assert_eq!(f, vec![vec![10.0, 10.0], vec![15.0, 15.0], vec![7.5, 7.5]]);
        // A series that only steps: the last value is the best one-step forecast.
        let walk = [5.0, 5.0, 9.0, 9.0, 9.0, 2.0, 2.0, 2.0, 14.0, 14.0];
        assert_eq!(
            Smoothing::fit_simple(&walk),
            Smoothing::Simple { alpha: 1.0 }
        );
        // Noise around a constant: a small α averages it out.
        let noisy = [10.0, 11.0, 9.0, 11.0, 9.0, 11.0, 9.0, 11.0, 9.0, 10.0];
        let Smoothing::Simple { alpha } = Smoothing::fit_simple(&noisy) else {
            unreachable!()
        };
        assert!(alpha <= 0.1, "alpha {alpha}");
    }

    #[test]
    fn smoothing_predictive_draws_are_the_point_plus_past_errors_at_each_horizon() {
        let y = [10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0];
        let p = ses_predictive(&y, 2);
        assert_eq!(p.len(), 2);
        let Smoothing::Simple { alpha } = Smoothing::fit_simple(&y) else {
            unreachable!()
        };
        let f = Smoothing::Simple { alpha }.forecasts(&y, 2);
        for (h, (point, draws)) in p.iter().enumerate() {
            assert_eq!(*point, f[7][h]);
            // One error per origin u with u + h + 1 ≤ 7.
            assert_eq!(draws.0.len(), 8 - (h + 1));
            assert!(draws.0.iter().all(|d| *d >= 0.0));
        }
        // A count that fell to zero: the point is floored, and so is every draw.
        let fall = [50.0, 40.0, 20.0, 5.0, 0.0, 0.0];
        assert!(ses_predictive(&fall, 3)
            .iter()
            .all(|(p, d)| *p >= 0.0 && d.0.iter().all(|v| *v >= 0.0)));
    }

    #[test]
    fn damped_trend_extrapolates_a_line_and_flattens() {
        let line: Vec<f64> = (0..30).map(|t| 3.0 * t as f64).collect();
        let s = Smoothing::fit_damped(&line);
        let Smoothing::Damped { phi, .. } = s else {
            unreachable!()
        };
        let f = &s.forecasts(&line, 3)[29];
        // Rising, by less than the undamped 3 a period, and by less each step.
        assert!(f[0] > 87.0 && f[0] < 90.0 + 1e-9, "{f:?}");
        assert!(
            f[2] > f[1] && f[2] - f[1] < f[1] - f[0] && f[1] - f[0] < 3.0,
            "{f:?}"
        );
        assert!(phi >= 0.95, "phi {phi}");
        // Beats the level-only rule on a trend.
        let simple = Smoothing::fit_simple(&line);
        assert!(s.sse(&line) < simple.sse(&line));
    }
}
