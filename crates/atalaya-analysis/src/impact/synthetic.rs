//! Synthetic control for one treated state: non-negative donor weights summing to one that
//! track the treated state's pre-period path, with placebo-in-space inference.
//!
//! Paths are demeaned over the pre period first (the "demeaned" synthetic control), so a
//! state with far more violence than any donor can still be matched on its movements; the
//! level difference is absorbed like a state effect in the difference-in-differences.

use nalgebra::{DMatrix, DVector, SymmetricEigen};

#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticFit {
    /// Donor weights, in the donors' order.
    pub weights: Vec<f64>,
    /// Root mean squared gap before the date (log scale).
    pub pre_rmse: f64,
    /// Root mean squared gap from the date on.
    pub post_rmse: f64,
    /// Mean gap from the date on (log scale): the estimated effect.
    pub effect: f64,
    /// Gap treated − synthetic per column.
    pub gaps: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticResult {
    pub fit: SyntheticFit,
    /// Share of states (the treated one and each donor taking its place) whose estimated
    /// effect is at least the treated state's in absolute value. Not the usual ratio of post
    /// to pre RMSE: with more donors than pre periods fits are often near-perfect, and
    /// dividing by a near-zero pre-period error ranks noise.
    pub p_value: f64,
    pub placebos: usize,
}

/// Euclidean projection onto the probability simplex (sort-based).
fn project_simplex(v: &mut [f64]) {
    let mut u: Vec<f64> = v.to_vec();
    u.sort_by(|a, b| b.total_cmp(a));
    let mut cum = 0.0;
    let mut theta = 0.0;
    for (i, ui) in u.iter().enumerate() {
        cum += ui;
        let t = (cum - 1.0) / (i + 1) as f64;
        if ui - t > 0.0 {
            theta = t;
        }
    }
    for x in v.iter_mut() {
        *x = (*x - theta).max(0.0);
    }
}

fn demeaned(row: &[f64], n_pre: usize) -> Vec<f64> {
    let m = row[..n_pre].iter().sum::<f64>() / n_pre as f64;
    row.iter().map(|v| v - m).collect()
}

/// Fits weights for `treated` from `donors` (rows of the same window), matching the first
/// `n_pre` columns. Accelerated projected gradient with step 1/L, L the largest eigenvalue
/// of the donors' pre-period Gram matrix.
pub fn fit(treated: &[f64], donors: &[&[f64]], n_pre: usize) -> SyntheticFit {
    let t = treated.len();
    let nd = donors.len();
    let y = demeaned(treated, n_pre);
    let xs: Vec<Vec<f64>> = donors.iter().map(|d| demeaned(d, n_pre)).collect();
    let x = DMatrix::from_fn(n_pre, nd, |i, j| xs[j][i]);
    let yp = DVector::from_fn(n_pre, |i, _| y[i]);
    let gram = x.transpose() * &x;
    let xty = x.transpose() * &yp;
    let lmax = SymmetricEigen::new(gram.clone())
        .eigenvalues
        .iter()
        .fold(0.0f64, |a, &b| a.max(b));
    let mut w = DVector::from_element(nd, 1.0 / nd as f64);
    if lmax > 1e-12 {
        let step = 1.0 / lmax;
        let mut z = w.clone();
        let mut tk = 1.0f64;
        for _ in 0..3000 {
            let grad = &gram * &z - &xty;
            let mut next: Vec<f64> = (&z - grad * step).iter().copied().collect();
            project_simplex(&mut next);
            let next = DVector::from_vec(next);
            let tn = (1.0 + (1.0 + 4.0 * tk * tk).sqrt()) / 2.0;
            let moved = (&next - &w).norm();
            z = &next + (&next - &w) * ((tk - 1.0) / tn);
            w = next;
            tk = tn;
            if moved < 1e-12 {
                break;
            }
        }
    }
    let gaps: Vec<f64> = (0..t)
        .map(|c| y[c] - (0..nd).map(|j| w[j] * xs[j][c]).sum::<f64>())
        .collect();
    let rms = |g: &[f64]| (g.iter().map(|v| v * v).sum::<f64>() / g.len().max(1) as f64).sqrt();
    let post = &gaps[n_pre..];
    SyntheticFit {
        weights: w.iter().copied().collect(),
        pre_rmse: rms(&gaps[..n_pre]),
        post_rmse: rms(post),
        effect: post.iter().sum::<f64>() / post.len().max(1) as f64,
        gaps,
    }
}

/// The synthetic control of `rows[0]` from `rows[1..]`, and the placebo-in-space p-value:
/// each donor in turn is fitted from the other donors.
pub fn synthetic_control(rows: &[&[f64]], n_pre: usize) -> SyntheticResult {
    let fit0 = fit(rows[0], &rows[1..], n_pre);
    let r0 = fit0.effect.abs();
    let mut at_least = 1;
    for i in 1..rows.len() {
        let donors: Vec<&[f64]> = (1..rows.len())
            .filter(|&j| j != i)
            .map(|j| rows[j])
            .collect();
        if fit(rows[i], &donors, n_pre).effect.abs() >= r0 - 1e-12 {
            at_least += 1;
        }
    }
    SyntheticResult {
        fit: fit0,
        p_value: at_least as f64 / rows.len() as f64,
        placebos: rows.len() - 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplex_projection_sums_to_one_and_is_non_negative() {
        let mut v = vec![0.9, 0.8, -2.0, 0.1];
        project_simplex(&mut v);
        assert!((v.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(v.iter().all(|x| *x >= 0.0));
        assert_eq!(v[2], 0.0);
    }

    #[test]
    fn recovers_a_convex_combination_and_the_jump() {
        let a: Vec<f64> = (0..12).map(|i| (i as f64 * 0.7).sin()).collect();
        let b: Vec<f64> = (0..12).map(|i| (i as f64 * 0.3).cos()).collect();
        let c: Vec<f64> = (0..12).map(|i| ((i * i) % 5) as f64 * 0.1).collect();
        let treated: Vec<f64> = (0..12)
            .map(|i| 0.3 * a[i] + 0.7 * b[i] + 5.0 + if i >= 8 { 0.5 } else { 0.0 })
            .collect();
        let f = fit(&treated, &[&a, &b, &c], 8);
        assert!((f.weights[0] - 0.3).abs() < 0.02, "{:?}", f.weights);
        assert!((f.weights[1] - 0.7).abs() < 0.02);
        assert!(f.pre_rmse < 0.01);
        assert!((f.effect - 0.5).abs() < 0.03);
    }

    #[test]
    fn a_jump_no_donor_shows_has_the_smallest_placebo_p() {
        let donors: Vec<Vec<f64>> = (0..12)
            .map(|j| {
                (0..14)
                    .map(|i| 0.1 * (i as f64 * 0.5 + j as f64).sin() + 0.02 * ((i * j) % 3) as f64)
                    .collect()
            })
            .collect();
        let treated: Vec<f64> = (0..14)
            .map(|i| 0.5 * donors[0][i] + 0.5 * donors[1][i] + if i >= 9 { 0.5 } else { 0.0 })
            .collect();
        let mut rows: Vec<&[f64]> = vec![&treated];
        rows.extend(donors.iter().map(Vec::as_slice));
        let r = synthetic_control(&rows, 9);
        assert_eq!(r.placebos, 12);
        assert!((r.fit.effect - 0.5).abs() < 0.05, "{}", r.fit.effect);
        assert!((r.p_value - 1.0 / 13.0).abs() < 1e-12, "{}", r.p_value);
    }
}
