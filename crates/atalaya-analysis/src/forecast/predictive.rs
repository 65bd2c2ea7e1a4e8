//! Predictive distributions: multi-step forecasts of the fitted model by simulation (a seeded
//! ChaCha generator, so the same data and seed give the same numbers), their summaries, and
//! the scores that compare them with what happened.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma, Poisson};
use serde::Serialize;

use super::model::{covariates, Fit};

/// Draws of one state's count in one future period, sorted ascending.
#[derive(Debug, Clone, PartialEq)]
pub struct Draws(pub Vec<f64>);

impl Draws {
    /// Sorts the draws; every summary below assumes sorted draws.
    pub fn new(mut v: Vec<f64>) -> Draws {
        v.sort_by(|a, b| a.total_cmp(b));
        Draws(v)
    }

    pub fn mean(&self) -> f64 {
        self.0.iter().sum::<f64>() / self.0.len().max(1) as f64
    }

    /// The smallest draw `x` with empirical P(X ≤ x) ≥ p (the inverse empirical CDF).
    pub fn quantile(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let n = self.0.len();
        let k = ((p * n as f64).ceil() as usize).clamp(1, n);
        self.0[k - 1]
    }

    /// P(X ≥ 1).
    pub fn p_any(&self) -> f64 {
        self.p_at_least(1.0)
    }

    /// Empirical P(X ≥ y).
    pub fn p_at_least(&self, y: f64) -> f64 {
        let below = self.0.partition_point(|v| *v < y);
        (self.0.len() - below) as f64 / self.0.len().max(1) as f64
    }

    /// The continuous ranked probability score of the observation `y`:
    /// E|X − y| − ½·E|X − X′|, exact for the empirical distribution of the draws.
    pub fn crps(&self, y: f64) -> f64 {
        let n = self.0.len();
        if n == 0 {
            return f64::NAN;
        }
        let nf = n as f64;
        let abs = self.0.iter().map(|x| (x - y).abs()).sum::<f64>() / nf;
        // For sorted draws Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − n − 1)·x_(i), i = 1…n.
        let spread: f64 = self
            .0
            .iter()
            .enumerate()
            .map(|(i, x)| (2.0 * (i as f64 + 1.0) - nf - 1.0) * x)
            .sum::<f64>()
            / (nf * nf);
        abs - spread
    }

    /// The equal-weight combination with another predictive distribution by averaging
    /// quantiles (Vincentization) at 200 levels: sharper than the mixture, and its mean is
    /// the average of the two means.
    pub fn average_quantiles(&self, other: &Draws) -> Draws {
        const LEVELS: usize = 200;
        Draws::new(
            (0..LEVELS)
                .map(|i| {
                    let p = (i as f64 + 0.5) / LEVELS as f64;
                    0.5 * (self.quantile(p) + other.quantile(p))
                })
                .collect(),
        )
    }

    pub fn summary(&self) -> Summary {
        Summary {
            mean: self.mean(),
            p_any: self.p_any(),
            q10: self.quantile(0.1),
            q90: self.quantile(0.9),
        }
    }
}

/// What `forecast` reports per state and period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub mean: f64,
    pub p_any: f64,
    pub q10: f64,
    pub q90: f64,
}

/// One negative-binomial draw with mean `mu` and size `r`, as a Poisson–gamma mixture.
pub fn draw_nb(rng: &mut ChaCha8Rng, mu: f64, r: f64) -> f64 {
    if mu <= 0.0 || !mu.is_finite() {
        return 0.0;
    }
    let rate = match Gamma::new(r, mu / r) {
        Ok(g) => g.sample(rng),
        Err(_) => mu,
    };
    if rate <= 0.0 {
        return 0.0;
    }
    match Poisson::new(rate) {
        Ok(p) => p.sample(rng),
        Err(_) => rate.round(),
    }
}

/// Simulates `paths` futures of `horizon` periods after the end of `history` (counts
/// `history[s][t]`), with the seasonal angle of each future period in `angles`. Returns
/// `draws[s][h]` for horizon `h + 1`.
pub fn simulate(
    fit: &Fit,
    history: &[Vec<f64>],
    neighbours: &[Vec<(usize, f64)>],
    angles: &[f64],
    paths: usize,
    seed: u64,
) -> Vec<Vec<Draws>> {
    let s_len = history.len();
    let horizon = angles.len();
    let weights = fit.spec.weights();
    let w = weights.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = vec![vec![Vec::with_capacity(paths); horizon]; s_len];
    // Each path only needs the last `w` periods of history, then its own draws.
    let tail: Vec<Vec<f64>> = history
        .iter()
        .map(|r| r[r.len().saturating_sub(w)..].to_vec())
        .collect();
    let mut path = tail.clone();
    for _ in 0..paths {
        for (p, t) in path.iter_mut().zip(&tail) {
            p.clear();
            p.extend_from_slice(t);
        }
        for (h, &angle) in angles.iter().enumerate() {
            let t = path[0].len();
            let (own, nbr) = covariates(&path, neighbours, t, &weights);
            let mut next = Vec::with_capacity(s_len);
            for s in 0..s_len {
                let mu = fit.mean(s, angle, own[s], nbr[s]);
                next.push(draw_nb(&mut rng, mu, fit.size));
            }
            for (s, v) in next.into_iter().enumerate() {
                path[s].push(v);
                out[s][h].push(v);
            }
        }
    }
    out.into_iter()
        .map(|hs| hs.into_iter().map(Draws::new).collect())
        .collect()
}

/// The exact predictive means `mean[s][h]`: the conditional mean is linear in past counts, so
/// iterating it on expected values gives E[y(t+h)] without simulation noise.
pub fn expected(
    fit: &Fit,
    history: &[Vec<f64>],
    neighbours: &[Vec<(usize, f64)>],
    angles: &[f64],
) -> Vec<Vec<f64>> {
    let weights = fit.spec.weights();
    let w = weights.len();
    let mut path: Vec<Vec<f64>> = history
        .iter()
        .map(|r| r[r.len().saturating_sub(w)..].to_vec())
        .collect();
    let mut out = vec![Vec::with_capacity(angles.len()); history.len()];
    for &angle in angles {
        let t = path[0].len();
        let (own, nbr) = covariates(&path, neighbours, t, &weights);
        for s in 0..history.len() {
            let mu = fit.mean(s, angle, own[s], nbr[s]);
            out[s].push(mu);
            path[s].push(mu);
        }
    }
    out
}

/// A panel drawn from the model with known parameters: `angles` gives the seasonal angle of
/// every period, the first `burn_in` of which are simulated and dropped so the process starts
/// from its own stationary behaviour. For simulation studies and the fit benchmark.
pub fn simulate_panel(
    fit: &Fit,
    neighbours: &[Vec<(usize, f64)>],
    angles: &[f64],
    burn_in: usize,
    seed: u64,
) -> Vec<Vec<f64>> {
    let weights = fit.spec.weights();
    let w = weights.len();
    let s_len = fit.alpha.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut y: Vec<Vec<f64>> = (0..s_len)
        .map(|s| {
            vec![
                fit.endemic(s, angles.first().copied().unwrap_or(0.0))
                    .round();
                w
            ]
        })
        .collect();
    for &angle in angles {
        let t = y[0].len();
        let (own, nbr) = covariates(&y, neighbours, t, &weights);
        for s in 0..s_len {
            let v = draw_nb(&mut rng, fit.mean(s, angle, own[s], nbr[s]), fit.size);
            y[s].push(v);
        }
    }
    y.into_iter().map(|r| r[w + burn_in..].to_vec()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averaging_quantiles_shifts_halfway_and_keeps_the_narrower_spread_in_between() {
        let a = Draws::new((0..1000).map(f64::from).collect());
        let b = Draws::new((0..1000).map(|v| 100.0 + f64::from(v) / 10.0).collect());
        let c = a.average_quantiles(&b);
        assert_eq!(c.0.len(), 200);
        assert!(
            (c.mean() - 0.5 * (a.mean() + b.mean())).abs() < 1.0,
            "{}",
            c.mean()
        );
        let width = |d: &Draws| d.quantile(0.9) - d.quantile(0.1);
        assert!((width(&c) - 0.5 * (width(&a) + width(&b))).abs() < 6.0);
        for (p, q) in [(0.1, 0.9), (0.25, 0.75)] {
            assert!(c.quantile(p) <= c.quantile(q));
        }
    }

    #[test]
    fn summaries_of_known_draws() {
        let d = Draws::new(vec![3.0, 0.0, 1.0, 2.0, 4.0, 0.0, 5.0, 6.0, 7.0, 8.0]);
        assert_eq!(d.mean(), 3.6);
        assert_eq!(d.quantile(0.1), 0.0);
        assert_eq!(d.quantile(0.9), 7.0);
        assert_eq!(d.p_any(), 0.8);
        assert_eq!(d.p_at_least(7.0), 0.2);
    }

    #[test]
    fn crps_of_a_point_mass_is_the_absolute_error_and_of_a_spread_less() {
        let point = Draws::new(vec![5.0; 4]);
        assert!((point.crps(8.0) - 3.0).abs() < 1e-12);
        // Two equally likely values 0 and 10, observation 5: E|X−y| = 5, E|X−X'| = 5.
        let two = Draws::new(vec![0.0, 10.0]);
        assert!((two.crps(5.0) - 2.5).abs() < 1e-12);
    }

    #[test]
    fn negative_binomial_draws_have_the_right_mean_and_variance() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let (mu, r) = (40.0, 4.0);
        let v: Vec<f64> = (0..40_000).map(|_| draw_nb(&mut rng, mu, r)).collect();
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64;
        assert!((m - mu).abs() < 0.5, "mean {m}");
        let want = mu + mu * mu / r;
        assert!((var / want - 1.0).abs() < 0.05, "variance {var} vs {want}");
    }
}
