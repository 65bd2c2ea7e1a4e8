#!/usr/bin/env python3
"""Peer for `atalaya bench-forecast`: statsmodels' negative-binomial regression on the same
synthetic panel and the same lagged information.

atalaya's model is additive (endemic + own past + neighbours' past, identity link), which
statsmodels does not fit; the peer is the closest standard model: NB2 with a log link,
state dummies, sine/cosine seasonality and log(1 + lagged mean) of the state's and its
neighbours' last 6 weeks (weights 0.5^k, as the benchmark's truth), fitted by maximum
likelihood: a Poisson GLM (IRLS) gives the starting values, then `NegativeBinomial.fit`
(Newton) estimates coefficients and dispersion. Both steps are timed; the design is built
before the clock starts. (`NegativeBinomial.fit` from its own default start returned NaN
parameters on this panel with every method tried: newton, bfgs, lbfgs.)

Input CSV: state,t,y,angle (state 0..31 in gazetteer order). Neighbours come from the
shared state adjacency file. Prints {"median_seconds", "times", "versions", "converged",
"alpha"} on stdout.
"""

import argparse
import json
import os
import statistics
import time
import warnings

import numpy as np
import statsmodels
import statsmodels.api as sm


def adjacency(path):
    w = np.zeros((32, 32))
    with open(path) as f:
        next(f)
        for line in f:
            a, _, b, _ = line.strip().split(",")
            i, j = int(a) - 1, int(b) - 1
            w[i, j] = w[j, i] = 1.0
    return w / np.maximum(w.sum(1, keepdims=True), 1.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--adjacency",
        default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "geo", "mx_state_adjacency.csv"),
    )
    a = ap.parse_args()
    raw = np.loadtxt(a.csv, delimiter=",", skiprows=1)
    s_len = int(raw[:, 0].max()) + 1
    t_len = int(raw[:, 1].max()) + 1
    y = np.zeros((s_len, t_len))
    angle = np.zeros(t_len)
    for s, t, v, ang in raw:
        y[int(s), int(t)] = v
        angle[int(t)] = ang
    w = adjacency(a.adjacency)
    lags = 6
    k = 0.5 ** np.arange(1, lags + 1)
    k = k / k.sum()
    own = np.zeros_like(y)
    for t in range(lags, t_len):
        own[:, t] = y[:, t - lags:t][:, ::-1] @ k
    nbr = w @ own
    rows_y, rows_x = [], []
    for t in range(lags, t_len):
        for s in range(s_len):
            d = np.zeros(s_len)
            d[s] = 1.0
            rows_x.append(np.concatenate([d, [np.sin(angle[t]), np.cos(angle[t]), np.log1p(own[s, t]), np.log1p(nbr[s, t])]]))
            rows_y.append(y[s, t])
    X = np.array(rows_x)
    Y = np.array(rows_y)
    times, converged, alpha = [], None, None
    for _ in range(a.repeat):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            start = sm.GLM(Y, X, family=sm.families.Poisson()).fit().params
            res = sm.NegativeBinomial(Y, X, loglike_method="nb2").fit(
                start_params=np.append(start, 0.1), method="newton", maxiter=100, disp=0
            )
            times.append(time.perf_counter() - t0)
        converged = bool(res.mle_retvals.get("converged", False))
        alpha = float(res.params[-1])
        if not np.isfinite(alpha):
            converged = False
            alpha = None
    print(json.dumps({
        "median_seconds": statistics.median(times),
        "times": times,
        "versions": {"statsmodels": statsmodels.__version__, "numpy": np.__version__},
        "converged": converged,
        "alpha": alpha,
        "observations": int(len(Y)),
    }))


if __name__ == "__main__":
    main()
