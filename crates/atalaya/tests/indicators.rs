//! `atalaya indicators` as scripts call it: the contract's fields per state and period,
//! the filters, the comparison with an official series, and errors.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn lines(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--db", db.to_str().unwrap(), "--json", "indicators"];
    all.extend_from_slice(args);
    String::from_utf8(common::run_ok(&all))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn indicators_per_state_and_period_on_synthetic_events() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("s.csv");
    let db = dir.path().join("s.db");
    let (c, d) = (csv.to_str().unwrap(), db.to_str().unwrap());
    common::run_ok(["synth", "--events", "4000", "--seed", "3", "--out", c]);
    common::run_ok(["--db", d, "import", "acled", c]);

    let year = lines(
        &db,
        &[
            "--period",
            "year",
            "--from",
            "2024-06-01",
            "--to",
            "2024-06-01",
        ],
    );
    assert_eq!(year.len(), 32);
    for r in &year {
        for k in [
            "state",
            "period",
            "deadliness",
            "danger",
            "diffusion",
            "fragmentation",
            "level",
        ] {
            assert!(r.get(k).is_some(), "missing {k} in {r}");
        }
        assert_eq!(r["period"], "2024");
        let level = r["level"].as_str().unwrap();
        assert!(
            ["extreme", "high", "turbulent", "none"].contains(&level),
            "{level}"
        );
        let d = r["diffusion"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&d));
    }
    assert!(year.iter().any(|r| r["deadliness"].as_f64().unwrap() > 0.0));
    assert!(year.iter().any(|r| r["level"] != "none"));

    let jal = lines(
        &db,
        &[
            "--state",
            "Jalisco",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
        ],
    );
    assert_eq!(jal.len(), 12);
    assert!(jal.iter().all(|r| r["state"] == "14"));
    assert_eq!(jal[0]["period"], "2024-01");

    // The human table names the thresholds and the rule of the levels.
    let out = Command::new(BIN)
        .args(["--db", d, "indicators", "--period", "year", "--state", "14"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("14 Jalisco"), "{text}");
    assert!(text.contains("high from (80th percentile"), "{text}");

    // Bad input: exit 1 naming the field; usage errors exit 2.
    for (args, code, needle) in [
        (vec!["--state", "Atlantis"], 1, "Atlantis"),
        (vec!["--compare", "homicidio_doloso"], 1, "homicidio_doloso"),
        (vec!["--from", "2024-02-30"], 1, "--from"),
        (vec!["--period", "week"], 2, "week"),
    ] {
        let out = Command::new(BIN)
            .args(["--db", d, "indicators"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
