//! Simulation study of the impact estimator: panels of 32 states × 21 months (10 before the
//! date, 11 from it on) with a known multiplicative effect in 3 states (or 1) and none
//! elsewhere.
//! Counts are Poisson around state levels (40–400 a month, log-uniform, like SESNSP's
//! homicides per state), a common national path, and state-specific AR(1) shocks on the log
//! scale (serial correlation, the reason inference must respect states).

use atalaya_analysis::impact::did::{estimate, DidOptions, Window};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const STATES: usize = 32;
const PRE: usize = 10;
const POST: usize = 11;
const PANELS: usize = 240;

/// Knuth's product-of-uniforms sampler; larger means are split into independent pieces
/// (a sum of Poisson variables is Poisson), which keeps e^−λ far from underflow.
fn poisson(rng: &mut ChaCha8Rng, lambda: f64) -> f64 {
    let pieces = (lambda / 25.0).ceil().max(1.0);
    let part = lambda / pieces;
    let limit = (-part).exp();
    let mut total = 0.0;
    for _ in 0..pieces as usize {
        let mut k = 0.0;
        let mut p: f64 = rng.random();
        while p > limit {
            k += 1.0;
            p *= rng.random::<f64>();
        }
        total += k;
    }
    total
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller.
    let u1: f64 = rng.random::<f64>().max(1e-300);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// log(1+counts) for one panel with state levels log-uniform in `levels`; the first
/// `treated` rows get `effect` from column PRE on.
fn panel(rng: &mut ChaCha8Rng, effect: f64, treated: usize, levels: (f64, f64)) -> Vec<Vec<f64>> {
    let t = PRE + POST;
    let mut national = vec![0.0; t];
    for j in 1..t {
        national[j] = national[j - 1] + 0.05 * normal(rng);
    }
    (0..STATES)
        .map(|u| {
            let level = (levels.0.ln() + rng.random::<f64>() * (levels.1 / levels.0).ln()).exp();
            let mut shock = 0.1 * normal(rng);
            (0..t)
                .map(|j| {
                    shock = 0.5 * shock + 0.08 * normal(rng);
                    let mult = if u < treated && j >= PRE { effect } else { 1.0 };
                    let mean = level * (national[j] + shock).exp() * mult;
                    poisson(rng, mean).ln_1p()
                })
                .collect()
        })
        .collect()
}

struct Study {
    estimates: Vec<f64>,
    covered: usize,
    rejected: usize,
}

fn study(effect: f64, treated: usize, seed: u64) -> Study {
    study_at(effect, treated, seed, (40.0, 400.0))
}

fn study_at(effect: f64, treated: usize, seed: u64, levels: (f64, f64)) -> Study {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let truth = effect.ln();
    let opts = DidOptions {
        max_assignments: 600,
        seed,
        alpha: 0.05,
    };
    let mut s = Study {
        estimates: Vec::new(),
        covered: 0,
        rejected: 0,
    };
    for i in 0..PANELS {
        let y = panel(&mut rng, effect, treated, levels);
        let r = estimate(
            &Window {
                y: &y,
                n_treated: treated,
                n_pre: PRE,
            },
            &DidOptions {
                seed: seed * 1000 + i as u64,
                ..opts
            },
        );
        let (lo, hi) = r.pooled.ci.expect("enough assignments for an interval");
        if lo <= truth && truth <= hi {
            s.covered += 1;
        }
        if r.pooled.p_value <= 0.05 {
            s.rejected += 1;
        }
        s.estimates.push(r.pooled.estimate);
    }
    s
}

fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
    (m, var.sqrt())
}

#[test]
fn a_fifty_percent_rise_in_three_states_is_recovered_and_covered() {
    let s = study(1.5, 3, 11);
    let truth = 1.5f64.ln();
    let (m, sd) = mean_sd(&s.estimates);
    let mc_se = sd / (PANELS as f64).sqrt();
    let coverage = s.covered as f64 / PANELS as f64;
    eprintln!(
        "effect +50%: mean estimate {m:.4} (truth {truth:.4}, MC se {mc_se:.4}, sd {sd:.4}), \
         coverage {coverage:.3}, power {:.3}",
        s.rejected as f64 / PANELS as f64
    );
    assert!(
        (m - truth).abs() < 3.0 * mc_se,
        "biased: mean {m} vs truth {truth} (MC se {mc_se})"
    );
    assert!(
        (0.90..=0.98).contains(&coverage),
        "coverage {coverage} outside 90–98%"
    );
}

#[test]
fn no_effect_is_rarely_called_significant() {
    let s = study(1.0, 3, 29);
    let rate = s.rejected as f64 / PANELS as f64;
    let coverage = s.covered as f64 / PANELS as f64;
    let (m, sd) = mean_sd(&s.estimates);
    eprintln!(
        "no effect: false-positive rate {rate:.3}, coverage of 0 {coverage:.3}, mean {m:.4} (sd {sd:.4})"
    );
    assert!(rate <= 0.07, "false-positive rate {rate}");
    assert!(
        (m).abs() < 3.0 * sd / (PANELS as f64).sqrt(),
        "biased under no effect: {m}"
    );
}

/// One treated state, the Sinaloa case: 32 assignments, so p-values move in steps of 1/32
/// and the test is conservative rather than anti-conservative.
#[test]
fn one_treated_state_keeps_its_coverage() {
    let s = study(1.5, 1, 47);
    let coverage = s.covered as f64 / PANELS as f64;
    let (m, sd) = mean_sd(&s.estimates);
    eprintln!(
        "one state, +50%: mean {m:.4} (sd {sd:.4}), coverage {coverage:.3}, power {:.3}",
        s.rejected as f64 / PANELS as f64
    );
    assert!((0.90..=0.99).contains(&coverage), "coverage {coverage}");
    assert!((m - 1.5f64.ln()).abs() < 3.0 * sd / (PANELS as f64).sqrt());
    let none = study(1.0, 1, 53);
    let rate = none.rejected as f64 / PANELS as f64;
    eprintln!("one state, no effect: false-positive rate {rate:.3}");
    assert!(rate <= 0.07, "false-positive rate {rate}");
}

/// Small counts (2–20 per period, like a state's weekly events from news): log(1+y)
/// understates a proportional change. The estimate is attenuated, as the methods note and
/// the command's small-count warning say; this pins down by how much.
#[test]
fn small_counts_attenuate_the_estimate() {
    let s = study_at(1.5, 3, 71, (2.0, 20.0));
    let truth = 1.5f64.ln();
    let (m, sd) = mean_sd(&s.estimates);
    let coverage = s.covered as f64 / PANELS as f64;
    eprintln!(
        "small counts, +50%: mean {m:.4} (truth {truth:.4}, sd {sd:.4}) = {:+.1}% vs +50%, coverage {coverage:.3}",
        100.0 * m.exp_m1()
    );
    assert!(
        m < truth - 3.0 * sd / (PANELS as f64).sqrt(),
        "no attenuation: {m}"
    );
    assert!(m > 0.5 * truth, "attenuated beyond half: {m}");
}
