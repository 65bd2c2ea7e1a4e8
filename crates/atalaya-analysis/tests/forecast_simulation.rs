//! Simulation studies of the forecast model: data drawn from a known endemic–epidemic
//! process with neighbourhood spread must give back its parameters within their standard
//! errors, and the model's 80% predictive intervals must cover about 80% of new data.

use atalaya_analysis::forecast::model::{season_angle, state_neighbours};
use atalaya_analysis::forecast::{fit, simulate, simulate_panel, Fit, FitData, ModelSpec};
use atalaya_core::gazetteer::STATES;
use chrono::{Duration, NaiveDate};

fn states() -> Vec<String> {
    STATES.iter().map(|s| s.code.to_string()).collect()
}

/// Weekly seasonal angles for `n` weeks from 2015-01-05.
fn week_angles(n: usize) -> Vec<f64> {
    let start = NaiveDate::from_ymd_opt(2015, 1, 5).unwrap();
    (0..n)
        .map(|i| {
            let s = start + Duration::weeks(i as i64);
            season_angle(s, s + Duration::days(7))
        })
        .collect()
}

fn truth(spec: ModelSpec, scale: f64) -> Fit {
    // Endemic levels spread over an order of magnitude, in a scrambled order so neighbours
    // differ.
    let alpha = (0..32)
        .map(|s| (scale * (1.0 + 9.0 * ((s * 7) % 32) as f64 / 31.0)).ln())
        .collect();
    Fit::known(spec, alpha, [0.25, -0.15], 0.5, 0.15, 8.0)
}

#[test]
fn parameters_of_a_known_process_are_recovered_within_their_standard_errors() {
    let spec = ModelSpec {
        max_lag: 4,
        decay: Some(0.5),
        seasonal: true,
        neighbours: true,
    };
    let true_fit = truth(spec, 2.0);
    let nb = state_neighbours(&states());
    let burn_in = 50;
    let angles = week_angles(burn_in + 500);
    let y = simulate_panel(&true_fit, &nb, &angles, burn_in, 11);
    assert_eq!(y.len(), 32);
    assert_eq!(y[0].len(), 500);
    let est = fit(
        &FitData {
            y: &y,
            angles: &angles[burn_in..],
            neighbours: &nb,
        },
        spec,
    )
    .unwrap();
    let z = |e: f64, se: f64, t: f64| (e - t) / se;
    let checks = [
        ("phi", z(est.phi, est.phi_se, true_fit.phi)),
        ("psi", z(est.psi, est.psi_se, true_fit.psi)),
        ("size", z(est.size, est.size_se, true_fit.size)),
        (
            "gamma_sin",
            z(est.gamma_sin, est.gamma_se[0], true_fit.gamma_sin),
        ),
        (
            "gamma_cos",
            z(est.gamma_cos, est.gamma_se[1], true_fit.gamma_cos),
        ),
    ];
    eprintln!("recovery z-scores: {checks:?}");
    for (name, zv) in checks {
        assert!(zv.is_finite() && zv.abs() < 2.0, "{name}: z = {zv}");
    }
    // The standard errors are informative, not huge.
    assert!(est.phi_se < 0.05 && est.psi_se < 0.05, "{est:?}");
    // 32 state levels: about 95% should lie within two standard errors.
    let inside = (0..32)
        .filter(|&s| {
            let (a, se, t) = (
                est.alpha[s].unwrap(),
                est.alpha_se[s].unwrap(),
                true_fit.alpha[s].unwrap(),
            );
            ((a - t) / se).abs() < 2.0
        })
        .count();
    assert!(inside >= 28, "{inside} of 32 state levels within 2 se");
}

#[test]
fn the_lag_decay_is_chosen_by_likelihood() {
    let spec = ModelSpec {
        max_lag: 6,
        decay: Some(0.25),
        seasonal: false,
        neighbours: true,
    };
    let true_fit = truth(spec, 3.0);
    let nb = state_neighbours(&states());
    let angles = week_angles(30 + 300);
    let y = simulate_panel(&true_fit, &nb, &angles, 30, 5);
    let est = fit(
        &FitData {
            y: &y,
            angles: &angles[30..],
            neighbours: &nb,
        },
        ModelSpec {
            decay: None,
            ..spec
        },
    )
    .unwrap();
    // The grid is coarse: the true 0.25 or one of its neighbours, far from "last period only".
    let chosen = est.spec.decay.unwrap();
    assert!(
        [0.35, 0.25, 0.15].contains(&chosen),
        "chose {chosen}: {:?}",
        est.candidates
    );
    let ll = |d: f64| est.candidates.iter().find(|c| c.0 == d).unwrap().1;
    assert!(ll(0.25) - ll(1.0) > 50.0, "{:?}", est.candidates);
    assert_eq!(est.candidates.len(), 6);
}

#[test]
fn eighty_percent_intervals_cover_about_eighty_percent() {
    let spec = ModelSpec {
        max_lag: 3,
        decay: Some(0.5),
        seasonal: true,
        neighbours: true,
    };
    // Counts in the tens to hundreds, so the discreteness of the quantiles matters little.
    let true_fit = truth(spec, 10.0);
    let nb = state_neighbours(&states());
    let (burn_in, train, horizon) = (30, 150, 4);
    let angles = week_angles(burn_in + train + horizon);
    let (mut covered, mut total) = (0usize, 0usize);
    for rep in 0..12u64 {
        let y = simulate_panel(&true_fit, &nb, &angles, burn_in, 100 + rep);
        let hist: Vec<Vec<f64>> = y.iter().map(|r| r[..train].to_vec()).collect();
        let est = fit(
            &FitData {
                y: &hist,
                angles: &angles[burn_in..burn_in + train],
                neighbours: &nb,
            },
            spec,
        )
        .unwrap();
        let draws = simulate(&est, &hist, &nb, &angles[burn_in + train..], 1000, rep);
        for s in 0..32 {
            for h in 0..horizon {
                let obs = y[s][train + h];
                let d = &draws[s][h];
                total += 1;
                if obs >= d.quantile(0.1) && obs <= d.quantile(0.9) {
                    covered += 1;
                }
            }
        }
    }
    let coverage = covered as f64 / total as f64;
    eprintln!("80% interval coverage: {coverage:.3} of {total} forecasts");
    assert!(
        (0.75..=0.85).contains(&coverage),
        "80% intervals covered {coverage:.3} of {total}"
    );
}
