//! The endemic–epidemic negative-binomial model (the `hhh4` family) and its maximum-likelihood
//! fit.
//!
//! For state `s` and period `t`:
//!
//! ```text
//! μ(s,t) = exp(α_s + γ₁·sin θ_t + γ₂·cos θ_t)      endemic: the state's own level, seasonality
//!        + φ · a(s,t)                               autoregressive: the state's recent counts
//!        + ψ · Σ_{j ∈ N(s)} a(j,t) / |N(s)|         neighbourhood: neighbours' recent counts
//! y(s,t) ~ NegBin(mean μ(s,t), size r)             Var = μ + μ²/r
//! ```
//!
//! where `a(s,t)` is a geometrically weighted average of the counts in the `max_lag` periods
//! before `t` and `θ_t` the day of the
//! year of the middle of period `t` as an angle. φ, ψ and r are estimated on the log scale so
//! the optimiser needs no bounds; the components stay additive, as in `hhh4`, so that a
//! state's forecast decomposes into "its usual level", "its own momentum" and "spill-over from
//! its neighbours".

use std::cell::RefCell;

use argmin::core::{CostFunction, Executor, Gradient, State};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use atalaya_core::gazetteer;
use chrono::{Datelike, NaiveDate};
use nalgebra::DMatrix;
use serde::Serialize;
use statrs::function::gamma::{digamma, ln_gamma};

use crate::AnalysisError;

/// The seasonal angle of a period: the day of the year of its middle, on the circle.
pub fn season_angle(start: NaiveDate, next_start: NaiveDate) -> f64 {
    let days = (next_start - start).num_days().max(1);
    let mid = start + chrono::Duration::days(days / 2);
    2.0 * std::f64::consts::PI * (f64::from(mid.ordinal0()) + 0.5) / 365.25
}

/// Row-normalised land adjacency of the 32 states in panel order: `w[s]` lists
/// `(neighbour index, 1/|N(s)|)`.
pub fn state_neighbours(states: &[String]) -> Vec<Vec<(usize, f64)>> {
    states
        .iter()
        .map(|code| {
            let nb: Vec<usize> = gazetteer::neighbours(code)
                .into_iter()
                .filter_map(|n| states.iter().position(|s| s == n))
                .collect();
            let w = if nb.is_empty() {
                0.0
            } else {
                1.0 / nb.len() as f64
            };
            nb.into_iter().map(|j| (j, w)).collect()
        })
        .collect()
}

/// What the model contains; the data decide the values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ModelSpec {
    /// How many past periods the autoregressive and neighbourhood terms reach back.
    pub max_lag: usize,
    /// Geometric decay of the lag weights, `w_k ∝ decay·(1 − decay)^(k−1)` for k = 1…max_lag
    /// (normalised to sum to one): 1 uses the last period only; smaller values average
    /// further back. `None`: chosen by the training likelihood (see `fit_select`).
    pub decay: Option<f64>,
    /// Include the sine/cosine seasonal terms in the endemic component.
    pub seasonal: bool,
    /// Include the neighbourhood component.
    pub neighbours: bool,
}

impl Default for ModelSpec {
    fn default() -> Self {
        ModelSpec {
            max_lag: 6,
            decay: None,
            seasonal: true,
            neighbours: true,
        }
    }
}

/// The candidate decays `fit_select` compares, from "last period only" to a long memory.
pub const DECAYS: [f64; 6] = [1.0, 0.7, 0.5, 0.35, 0.25, 0.15];

impl ModelSpec {
    /// The lag weights `w_1 … w_max_lag` (most recent first), summing to one.
    pub fn weights(&self) -> Vec<f64> {
        let d = self.decay.unwrap_or(1.0).clamp(1e-6, 1.0);
        let raw: Vec<f64> = (0..self.max_lag.max(1))
            .map(|k| d * (1.0 - d).powi(k as i32))
            .collect();
        let sum: f64 = raw.iter().sum();
        raw.into_iter().map(|w| w / sum).collect()
    }
}

/// The data a model is fitted on: counts `y[s][t]` with their seasonal angles and the
/// neighbourhood weights.
#[derive(Debug, Clone)]
pub struct FitData<'a> {
    pub y: &'a [Vec<f64>],
    /// Seasonal angle of each period (`season_angle`).
    pub angles: &'a [f64],
    pub neighbours: &'a [Vec<(usize, f64)>],
}

/// Fitted parameters with standard errors (from the inverse observed Fisher information;
/// φ, ψ and r by the delta method from their log scale).
#[derive(Debug, Clone, Serialize)]
pub struct Fit {
    pub spec: ModelSpec,
    /// Endemic log-level per state; `None` for a state with no counts in the training data
    /// (its endemic level is fixed at zero and not estimated).
    pub alpha: Vec<Option<f64>>,
    pub alpha_se: Vec<Option<f64>>,
    pub gamma_sin: f64,
    pub gamma_cos: f64,
    pub gamma_se: [f64; 2],
    pub phi: f64,
    pub phi_se: f64,
    pub psi: f64,
    pub psi_se: f64,
    /// Negative-binomial size (overdispersion: Var = μ + μ²/r).
    pub size: f64,
    pub size_se: f64,
    pub log_likelihood: f64,
    /// Observations the likelihood sums over (states × periods after the first `max_lag`).
    pub observations: usize,
    pub iterations: u64,
    /// `(decay, log-likelihood)` of each candidate when the decay was chosen by the fit.
    pub candidates: Vec<(f64, f64)>,
    /// The optimiser's parameter vector (α…, γ₁, γ₂, log φ, log ψ, log r): a warm start for
    /// the next fit on similar data.
    #[serde(skip)]
    pub raw: Vec<f64>,
}

/// Index layout of the parameter vector: α₁…α_S, γ₁, γ₂, log φ, log ψ, log r.
struct Layout {
    s: usize,
}

impl Layout {
    fn g1(&self) -> usize {
        self.s
    }
    fn g2(&self) -> usize {
        self.s + 1
    }
    fn phi(&self) -> usize {
        self.s + 2
    }
    fn psi(&self) -> usize {
        self.s + 3
    }
    fn r(&self) -> usize {
        self.s + 4
    }
    fn len(&self) -> usize {
        self.s + 5
    }
}

/// The precomputed design: covariates per observation, so each likelihood evaluation is a
/// single pass over flat arrays.
struct Design {
    spec: ModelSpec,
    layout: Layout,
    /// Per observation: state, count, sin, cos, own average, neighbours' average.
    state: Vec<usize>,
    y: Vec<f64>,
    sin: Vec<f64>,
    cos: Vec<f64>,
    own: Vec<f64>,
    nbr: Vec<f64>,
    /// ln Γ(y+1), constant in the parameters.
    lgy1: f64,
    /// Distinct counts and how often each occurs: the terms of the likelihood that depend on
    /// y and r only (ln Γ(y+r), ψ(y+r)) are evaluated once per distinct count, not per
    /// observation, which is most of the cost of an evaluation.
    distinct: Vec<(f64, f64)>,
    /// States without any count: their α is held fixed.
    fixed: Vec<bool>,
}

/// The lag-weighted average of `row` before period `t` (`t >= weights.len()`).
fn lagged(row: &[f64], t: usize, weights: &[f64]) -> f64 {
    weights
        .iter()
        .enumerate()
        .map(|(k, w)| w * row[t - 1 - k])
        .sum()
}

/// Lag-weighted averages of each state's and its neighbours' counts before period `t`.
pub fn covariates(
    y: &[Vec<f64>],
    neighbours: &[Vec<(usize, f64)>],
    t: usize,
    weights: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let own: Vec<f64> = y.iter().map(|row| lagged(row, t, weights)).collect();
    let nbr = neighbours
        .iter()
        .map(|nb| nb.iter().map(|&(j, w)| w * own[j]).sum())
        .collect();
    (own, nbr)
}

impl Design {
    fn new(data: &FitData, spec: ModelSpec) -> Result<Design, AnalysisError> {
        let s = data.y.len();
        let t_len = data.y.first().map_or(0, |r| r.len());
        if spec.max_lag == 0 {
            return Err(AnalysisError::Invalid(
                "the model needs at least one lag".into(),
            ));
        }
        let weights = spec.weights();
        if data.y.iter().any(|r| r.len() != t_len) || data.angles.len() != t_len {
            return Err(AnalysisError::Invalid(
                "every state needs the same periods".into(),
            ));
        }
        if data.neighbours.len() != s {
            return Err(AnalysisError::Invalid(
                "neighbourhood weights do not match the states".into(),
            ));
        }
        // Fewer periods than parameters per state cannot identify α, φ and ψ apart.
        let min_periods = spec.max_lag + 8;
        if t_len < min_periods {
            return Err(AnalysisError::InsufficientData(format!(
                "the model needs at least {min_periods} periods of history, got {t_len}"
            )));
        }
        if let Some(v) = data
            .y
            .iter()
            .flatten()
            .find(|v| !v.is_finite() || **v < 0.0)
        {
            return Err(AnalysisError::Invalid(format!(
                "counts must be finite and non-negative, got {v}"
            )));
        }
        let n = s * (t_len - spec.max_lag);
        let mut d = Design {
            spec,
            layout: Layout { s },
            state: Vec::with_capacity(n),
            y: Vec::with_capacity(n),
            sin: Vec::with_capacity(n),
            cos: Vec::with_capacity(n),
            own: Vec::with_capacity(n),
            nbr: Vec::with_capacity(n),
            lgy1: 0.0,
            distinct: Vec::new(),
            fixed: data
                .y
                .iter()
                .map(|r| r[spec.max_lag..].iter().all(|v| *v == 0.0))
                .collect(),
        };
        for t in spec.max_lag..t_len {
            let (own, nbr) = covariates(data.y, data.neighbours, t, &weights);
            let (sn, cs) = data.angles[t].sin_cos();
            for si in 0..s {
                d.state.push(si);
                d.y.push(data.y[si][t]);
                d.sin.push(sn);
                d.cos.push(cs);
                d.own.push(own[si]);
                d.nbr.push(nbr[si]);
            }
        }
        d.lgy1 = d.y.iter().map(|v| ln_gamma(v + 1.0)).sum();
        let mut sorted = d.y.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        for v in sorted {
            match d.distinct.last_mut() {
                Some((last, n)) if *last == v => *n += 1.0,
                _ => d.distinct.push((v, 1.0)),
            }
        }
        Ok(d)
    }

    /// exp(α_s) per state (0 for a state held at zero) and the seasonal factor per period:
    /// the endemic mean of observation `i` is their product, with no `exp` per observation.
    fn endemic_factors(&self, p: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let s = self.layout.s;
        let ea = (0..s)
            .map(|si| if self.fixed[si] { 0.0 } else { p[si].exp() })
            .collect();
        let periods = self.y.len() / s.max(1);
        let es = (0..periods)
            .map(|t| {
                if self.spec.seasonal {
                    let i = t * s;
                    (p[self.layout.g1()] * self.sin[i] + p[self.layout.g2()] * self.cos[i]).exp()
                } else {
                    1.0
                }
            })
            .collect();
        (ea, es)
    }

    /// Negative log-likelihood and its gradient in one pass.
    fn nll_grad(&self, p: &[f64], want_grad: bool) -> (f64, Vec<f64>) {
        let l = &self.layout;
        let phi = p[l.phi()].exp();
        let psi = if self.spec.neighbours {
            p[l.psi()].exp()
        } else {
            0.0
        };
        let r = p[l.r()].exp();
        let n = self.y.len() as f64;
        let lnr = r.ln();
        // Σ_i [ln Γ(y_i + r) − ln Γ(r) + r ln r − ln Γ(y_i + 1)], grouped by distinct count.
        let mut nll = self.lgy1 + n * (ln_gamma(r) - r * lnr);
        let mut dr = n * (digamma(r) - lnr - 1.0);
        for &(v, c) in &self.distinct {
            nll -= c * ln_gamma(v + r);
            if want_grad {
                dr -= c * digamma(v + r);
            }
        }
        let mut g = vec![0.0; if want_grad { l.len() } else { 0 }];
        let (ea, es) = self.endemic_factors(p);
        for i in 0..self.y.len() {
            let y = self.y[i];
            // Observations are stored period by period, all states in each.
            let en = ea[self.state[i]] * es[i / l.s];
            let mu = (en + phi * self.own[i] + psi * self.nbr[i]).max(1e-10);
            let lrm = (r + mu).ln();
            nll -= -(r + y) * lrm + y * mu.ln();
            if want_grad {
                // d(-ℓ)/dμ, then the chain rule through each component.
                let dmu = -(y / mu - (r + y) / (r + mu));
                let si = self.state[i];
                if !self.fixed[si] {
                    g[si] += dmu * en;
                    if self.spec.seasonal {
                        g[l.g1()] += dmu * en * self.sin[i];
                        g[l.g2()] += dmu * en * self.cos[i];
                    }
                }
                g[l.phi()] += dmu * phi * self.own[i];
                if self.spec.neighbours {
                    g[l.psi()] += dmu * psi * self.nbr[i];
                }
                dr += lrm + (r + y) / (r + mu);
            }
        }
        if want_grad {
            g[l.r()] = dr * r;
        }
        (nll, g)
    }

    fn start(&self, y: &[Vec<f64>]) -> Vec<f64> {
        let l = &self.layout;
        let mut p = vec![0.0; l.len()];
        for (si, row) in y.iter().enumerate() {
            let m = row.iter().sum::<f64>() / row.len().max(1) as f64;
            // Start with half of each state's level endemic, the rest left to the epidemic part.
            p[si] = (0.5 * m).max(1e-3).ln();
        }
        p[l.phi()] = 0.4f64.ln();
        p[l.psi()] = if self.spec.neighbours {
            0.05f64.ln()
        } else {
            0.0
        };
        p[l.r()] = 5.0f64.ln();
        p
    }
}

/// The optimiser sees the mean negative log-likelihood per observation, so its first steps
/// are of a sensible size whatever the number and size of the counts.
/// Parameters, scaled cost and scaled gradient.
type Evaluation = (Vec<f64>, f64, Vec<f64>);

/// The line search asks for the cost and the gradient at the same points, and one pass
/// gives both: the last evaluation is kept.
struct Problem<'a> {
    design: &'a Design,
    scale: f64,
    last: RefCell<Option<Evaluation>>,
}

impl Problem<'_> {
    fn eval(&self, p: &[f64]) -> (f64, Vec<f64>) {
        if let Some((q, v, g)) = self.last.borrow().as_ref() {
            if q.as_slice() == p {
                return (*v, g.clone());
            }
        }
        let (v, mut g) = self.design.nll_grad(p, true);
        let v = if v.is_finite() {
            v * self.scale
        } else {
            f64::MAX
        };
        for x in &mut g {
            *x *= self.scale;
        }
        *self.last.borrow_mut() = Some((p.to_vec(), v, g.clone()));
        (v, g)
    }
}

impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, p: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        Ok(self.eval(p).0)
    }
}

impl Gradient for Problem<'_> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, p: &Vec<f64>) -> Result<Vec<f64>, argmin::core::Error> {
        Ok(self.eval(p).1)
    }
}

/// Fits the model by maximum likelihood (L-BFGS with the analytic gradient). Without a fixed
/// `decay`, each of [`DECAYS`] is fitted and the one with the highest likelihood on the
/// training data is kept (a profile likelihood over the lag weights, as `hhh4` does for its
/// distributed lags); all candidates are scored on the same observations.
pub fn fit(data: &FitData, spec: ModelSpec) -> Result<Fit, AnalysisError> {
    fit_from(data, spec, None)
}

/// As [`fit`], starting the optimiser from an earlier fit of the same states (the previous
/// origin of a backtest): same optimum, fewer iterations.
pub fn fit_from(data: &FitData, spec: ModelSpec, warm: Option<&Fit>) -> Result<Fit, AnalysisError> {
    if spec.decay.is_some() {
        return fit_fixed(data, spec, warm.map(|w| w.raw.as_slice()), true);
    }
    let mut best: Option<Fit> = None;
    let mut candidates = Vec::with_capacity(DECAYS.len());
    for d in DECAYS {
        // Neighbouring decays have neighbouring optima: start each from the last.
        let start = best.as_ref().or(warm).map(|b| b.raw.as_slice());
        let f = fit_fixed(
            data,
            ModelSpec {
                decay: Some(d),
                ..spec
            },
            start,
            false,
        )?;
        candidates.push((d, f.log_likelihood));
        if best
            .as_ref()
            .is_none_or(|b| f.log_likelihood > b.log_likelihood)
        {
            best = Some(f);
        }
    }
    let best = best.expect("DECAYS is not empty");
    // Standard errors only for the chosen decay, from its own optimum.
    let mut chosen = fit_fixed(data, best.spec, Some(&best.raw), true)?;
    chosen.candidates = candidates;
    Ok(chosen)
}

fn fit_fixed(
    data: &FitData,
    spec: ModelSpec,
    warm: Option<&[f64]>,
    with_se: bool,
) -> Result<Fit, AnalysisError> {
    let design = Design::new(data, spec)?;
    let l = &design.layout;
    let mut start = design.start(data.y);
    if let Some(w) = warm.filter(|w| w.len() == start.len() && w.iter().all(|v| v.is_finite())) {
        start.copy_from_slice(w);
    }
    // Candidates of the decay profile only need to be ranked; the chosen one is refined.
    let tol = if with_se { 1e-7 } else { 1e-5 };
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
        .with_tolerance_grad(tol)
        .and_then(|s| s.with_tolerance_cost(1e-11))
        .map_err(|e| AnalysisError::Invalid(format!("optimiser settings: {e}")))?;
    let res = Executor::new(
        Problem {
            design: &design,
            scale: 1.0 / design.y.len() as f64,
            last: RefCell::new(None),
        },
        solver,
    )
    .configure(|st| st.param(start).max_iters(1000))
    .run()
    .map_err(|e| AnalysisError::InsufficientData(format!("the fit did not converge: {e}")))?;
    let state = res.state();
    let p = state
        .get_best_param()
        .cloned()
        .ok_or_else(|| AnalysisError::InsufficientData("the fit found no parameters".into()))?;
    let iterations = state.get_iter();
    let (nll, _) = design.nll_grad(&p, false);
    if !nll.is_finite() {
        return Err(AnalysisError::InsufficientData(
            "the likelihood is not finite at the fitted parameters".into(),
        ));
    }
    let cov = if with_se {
        covariance(&design, &p)
    } else {
        None
    };
    let se = |i: usize| cov.as_ref().map_or(f64::NAN, |c| c[(i, i)].max(0.0).sqrt());
    let phi = p[l.phi()].exp();
    let psi = if spec.neighbours {
        p[l.psi()].exp()
    } else {
        0.0
    };
    let size = p[l.r()].exp();
    Ok(Fit {
        spec,
        alpha: (0..l.s)
            .map(|s| (!design.fixed[s]).then_some(p[s]))
            .collect(),
        alpha_se: (0..l.s)
            .map(|s| (!design.fixed[s]).then(|| se(s)))
            .collect(),
        gamma_sin: if spec.seasonal { p[l.g1()] } else { 0.0 },
        gamma_cos: if spec.seasonal { p[l.g2()] } else { 0.0 },
        gamma_se: if spec.seasonal {
            [se(l.g1()), se(l.g2())]
        } else {
            [0.0, 0.0]
        },
        phi,
        phi_se: phi * se(l.phi()),
        psi,
        psi_se: if spec.neighbours {
            psi * se(l.psi())
        } else {
            0.0
        },
        size,
        size_se: size * se(l.r()),
        log_likelihood: -nll,
        observations: design.y.len(),
        iterations,
        candidates: Vec::new(),
        raw: p,
    })
}

/// The inverse of the observed information (the Hessian of −ℓ, by central differences of
/// the analytic gradient) over the parameters the model actually estimates; `None` when it
/// is singular.
fn covariance(design: &Design, p: &[f64]) -> Option<DMatrix<f64>> {
    let l = &design.layout;
    let active: Vec<usize> = (0..l.len())
        .filter(|&i| {
            if i < l.s {
                !design.fixed[i]
            } else if i == l.g1() || i == l.g2() {
                design.spec.seasonal
            } else if i == l.psi() {
                design.spec.neighbours
            } else {
                true
            }
        })
        .collect();
    let k = active.len();
    let mut h = DMatrix::<f64>::zeros(k, k);
    let mut q = p.to_vec();
    for (a, &i) in active.iter().enumerate() {
        let step = 1e-5 * p[i].abs().max(1.0);
        q[i] = p[i] + step;
        let (_, gp) = design.nll_grad(&q, true);
        q[i] = p[i] - step;
        let (_, gm) = design.nll_grad(&q, true);
        q[i] = p[i];
        for (b, &j) in active.iter().enumerate() {
            h[(a, b)] = (gp[j] - gm[j]) / (2.0 * step);
        }
    }
    let sym = (&h + h.transpose()) * 0.5;
    let inv = sym.try_inverse()?;
    let mut full = DMatrix::<f64>::from_element(l.len(), l.len(), f64::NAN);
    for (a, &i) in active.iter().enumerate() {
        for (b, &j) in active.iter().enumerate() {
            full[(i, j)] = inv[(a, b)];
        }
    }
    Some(full)
}

impl Fit {
    /// A model with known parameters (no standard errors): the truth of a simulation study.
    pub fn known(
        spec: ModelSpec,
        alpha: Vec<f64>,
        gamma: [f64; 2],
        phi: f64,
        psi: f64,
        size: f64,
    ) -> Fit {
        let s = alpha.len();
        let mut raw = alpha.clone();
        raw.extend([gamma[0], gamma[1], phi.ln(), psi.ln(), size.ln()]);
        Fit {
            spec: ModelSpec {
                decay: Some(spec.decay.unwrap_or(1.0)),
                ..spec
            },
            alpha: alpha.into_iter().map(Some).collect(),
            alpha_se: vec![None; s],
            gamma_sin: gamma[0],
            gamma_cos: gamma[1],
            gamma_se: [f64::NAN; 2],
            phi,
            phi_se: f64::NAN,
            psi,
            psi_se: f64::NAN,
            size,
            size_se: f64::NAN,
            log_likelihood: f64::NAN,
            observations: 0,
            iterations: 0,
            candidates: Vec::new(),
            raw,
        }
    }

    /// The endemic mean of state `s` in a period with seasonal angle `angle`.
    pub fn endemic(&self, s: usize, angle: f64) -> f64 {
        match self.alpha[s] {
            None => 0.0,
            Some(a) => (a + self.gamma_sin * angle.sin() + self.gamma_cos * angle.cos()).exp(),
        }
    }

    /// The conditional mean given the window averages of the state and its neighbours.
    pub fn mean(&self, s: usize, angle: f64, own: f64, nbr: f64) -> f64 {
        self.endemic(s, angle) + self.phi * own + self.psi * nbr
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Toy = (Vec<Vec<f64>>, Vec<f64>, Vec<Vec<(usize, f64)>>);

    fn toy() -> Toy {
        let y = vec![
            (0..20).map(|t| f64::from(t % 5 + 3)).collect(),
            (0..20).map(|t| f64::from((t * 7) % 11)).collect(),
            vec![0.0; 20],
        ];
        let angles = (0..20).map(|t| f64::from(t) * 0.5).collect();
        let nb = vec![vec![(1, 1.0)], vec![(0, 0.5), (2, 0.5)], vec![(1, 1.0)]];
        (y, angles, nb)
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let (y, angles, nb) = toy();
        let data = FitData {
            y: &y,
            angles: &angles,
            neighbours: &nb,
        };
        let d = Design::new(&data, ModelSpec::default()).unwrap();
        let p: Vec<f64> = vec![0.7, 1.1, -2.0, 0.2, -0.3, -0.6, -1.5, 1.3];
        let (_, g) = d.nll_grad(&p, true);
        for i in 0..p.len() {
            let mut a = p.clone();
            let mut b = p.clone();
            a[i] += 1e-6;
            b[i] -= 1e-6;
            let num = (d.nll_grad(&a, false).0 - d.nll_grad(&b, false).0) / 2e-6;
            assert!(
                (num - g[i]).abs() < 1e-4 * (1.0 + num.abs()),
                "parameter {i}: analytic {} numeric {num}",
                g[i]
            );
        }
        // The all-zero state's α is not a free parameter.
        assert_eq!(g[2], 0.0);
    }

    #[test]
    fn too_short_or_negative_data_is_refused() {
        let (y, angles, nb) = toy();
        let short: Vec<Vec<f64>> = y.iter().map(|r| r[..5].to_vec()).collect();
        let data = FitData {
            y: &short,
            angles: &angles[..5],
            neighbours: &nb,
        };
        assert!(matches!(
            fit(&data, ModelSpec::default()),
            Err(AnalysisError::InsufficientData(_))
        ));
        let mut bad = y.clone();
        bad[0][3] = -1.0;
        let data = FitData {
            y: &bad,
            angles: &angles,
            neighbours: &nb,
        };
        assert!(matches!(
            fit(&data, ModelSpec::default()),
            Err(AnalysisError::Invalid(_))
        ));
    }
}
