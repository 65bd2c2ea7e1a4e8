//! `atalaya impact` end to end: the Sinaloa split on the real SESNSP homicide series, the
//! CJNG strike of 2026-02-22 on the demo's events, the refusal when the data after the date
//! is too short, and the command-line contract (errors, `--svg`).

use std::path::Path;
use std::process::{Command, Output};

use atalaya_store::shared_data::file_for_test;
use serde_json::Value;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn json_ok(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--db", db.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    serde_json::from_slice(&common::run_ok(&all)).unwrap()
}

fn f(v: &Value, k: &str) -> f64 {
    v[k].as_f64()
        .unwrap_or_else(|| panic!("{k} is not a number in {v}"))
}

const SINALOA: &[&str] = &[
    "impact",
    "--actor",
    "Sinaloa Cartel",
    "--date",
    "2024-07-25",
    "--treated",
    "25",
    "--measure",
    "homicidio_doloso",
    "--period",
    "month",
    "--window",
    "10",
];

#[test]
fn sinaloa_split_on_sesnsp_homicides() {
    let Some(file) = file_for_test("stats/sesnsp_state_monthly_victims_2015_2025.csv") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    common::run_ok([
        "--db".as_ref(),
        db.as_os_str(),
        "import".as_ref(),
        "sesnsp".as_ref(),
        file.as_os_str(),
    ]);
    let svg = dir.path().join("sinaloa.svg");
    let mut args = SINALOA.to_vec();
    args.extend(["--svg", svg.to_str().unwrap()]);
    let r = json_ok(&db, &args);
    eprintln!("{r}");
    // The contract's fields.
    for k in [
        "measure",
        "period",
        "treated",
        "controls",
        "estimate_abs",
        "estimate_pct",
        "ci_low_pct",
        "ci_high_pct",
        "p_value",
        "pre_trend_p",
        "placebo_p",
        "by_period",
    ] {
        assert!(r.get(k).is_some(), "missing {k}");
    }
    assert_eq!(r["measure"], "homicidio_doloso");
    assert_eq!(r["treated"], serde_json::json!(["25"]));
    assert_eq!(r["conclusive"], true);
    // Sinaloa's neighbours are their own group, not controls.
    let controls: Vec<&str> = r["controls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(controls.len(), 27);
    for n in ["08", "10", "18", "26", "25"] {
        assert!(!controls.contains(&n), "{n} among the controls");
    }
    assert!(f(&r, "estimate_pct") >= 150.0, "{}", r["estimate_pct"]);
    assert!(f(&r, "ci_low_pct") > 50.0, "{}", r["ci_low_pct"]);
    assert!(f(&r, "ci_high_pct") > f(&r, "estimate_pct"));
    assert!(f(&r, "p_value") <= 0.05);
    assert!(f(&r, "estimate_abs") > 50.0, "{}", r["estimate_abs"]);
    assert!(f(&r, "placebo_p") > 0.05);
    // The interval on the percentage scale is exp of the interval on the log scale.
    let by = r["by_period"].as_array().unwrap();
    assert_eq!(by.len(), 21);
    assert_eq!(by[0]["offset"], -10);
    assert_eq!(by[9]["offset"], -1);
    assert_eq!(by[9]["period"], "2024-06");
    assert_eq!(by[10]["period"], "2024-07");
    assert_eq!(by[20]["period"], "2025-05");
    for b in by {
        if let (Some(lo), Some(lo_pct)) = (b["ci_low"].as_f64(), b["ci_low_pct"].as_f64()) {
            assert!((100.0 * lo.exp_m1() - lo_pct).abs() < 1e-6);
        }
    }
    // From September 2024 the war shows in every month.
    for b in &by[12..] {
        assert!(f(b, "estimate_pct") > 100.0, "{b}");
    }
    let sc = &r["synthetic_control"];
    assert!(f(sc, "estimate_pct") > 100.0, "{sc}");
    assert!(r["sources"][0]
        .as_str()
        .unwrap()
        .ends_with("sesnsp_state_monthly_victims_2015_2025.csv"));
    let doc = std::fs::read_to_string(&svg).unwrap();
    assert!(doc.starts_with("<svg") && doc.contains("stroke-dasharray"));
    assert!(doc.contains("Change in homicidio_doloso vs. controls (%)"));
    assert!(doc.contains("2024-07-25"));

    // The placebo run on its own: a year earlier, nothing.
    let mut placebo = SINALOA.to_vec();
    placebo[4] = "2023-07-25";
    let p = json_ok(&db, &placebo);
    eprintln!("placebo: {p}");
    assert!(f(&p, "p_value") > 0.05, "{}", p["p_value"]);
    assert!(f(&p, "ci_low_pct") < 0.0 && f(&p, "ci_high_pct") > 0.0);

    // Human output names the states and the interval.
    let out = run(&db, SINALOA);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("25 Sinaloa"), "{text}");
    assert!(text.contains("95% interval"));
    assert!(text.contains("Placebo       2023-07-25"));
}

#[test]
fn cjng_strike_in_the_demo_is_detected_in_jalisco() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    common::run_ok(["demo".as_ref(), "--demo-db".as_ref(), db.as_os_str()]);
    let r = json_ok(
        &db,
        &[
            "impact",
            "--actor",
            "CJNG",
            "--date",
            "2026-02-22",
            "--treated",
            "Jalisco",
        ],
    );
    eprintln!("{r}");
    assert_eq!(r["conclusive"], true);
    assert_eq!(r["period"], "week");
    assert_eq!(r["treated"], serde_json::json!(["14"]));
    assert!(f(&r, "estimate_pct") > 0.0);
    assert!(f(&r, "p_value") <= 0.05);
    assert!(f(&r, "placebo_p") > 0.05);
    assert_eq!(r["n_pre"], 26);
    // The demo's events end 2026-06-30: week 26 of 2026 is the last complete one.
    assert_eq!(r["window_last"], "2026-W26");
    assert!(r["neighbours_effect"]["states"]
        .as_array()
        .unwrap()
        .contains(&Value::from("16")));

    // By default the demo's kingpin list (the curated one) says where the CJNG is based.
    let d = json_ok(&db, &["impact", "--actor", "CJNG", "--date", "2026-02-22"]);
    assert_eq!(d["treated"], serde_json::json!(["14"]));
    assert_eq!(d["treated_rule"], "base_states");
    assert_eq!(d["estimate_pct"], r["estimate_pct"]);

    // `--treated events` picks the CJNG's states from its events in the year before.
    let a = json_ok(
        &db,
        &[
            "impact",
            "--actor",
            "CJNG",
            "--date",
            "2026-02-22",
            "--treated",
            "events",
        ],
    );
    assert_eq!(a["treated_rule"], "events");
    let treated = a["treated"].as_array().unwrap();
    assert!(!treated.is_empty() && treated.len() <= 5);
    assert!(treated.contains(&Value::from("14")), "{a}");
    let shares: f64 = a["auto_treated"]
        .as_array()
        .unwrap()
        .iter()
        .take(treated.len())
        .map(|s| f(s, "share"))
        .sum();
    assert!(shares >= 0.5 || treated.len() == 5);
}

#[test]
fn data_ending_weeks_after_the_date_is_too_short_to_conclude() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("short.csv");
    let db = dir.path().join("short.db");
    common::run_ok([
        "synth".as_ref(),
        "--events".as_ref(),
        "8000".as_ref(),
        "--from".as_ref(),
        "2025-01-01".as_ref(),
        "--to".as_ref(),
        "2026-03-10".as_ref(),
        "--out".as_ref(),
        csv.as_os_str(),
    ]);
    common::run_ok([
        "--db".as_ref(),
        db.as_os_str(),
        "import".as_ref(),
        "acled".as_ref(),
        csv.as_os_str(),
    ]);
    let args = [
        "impact",
        "--actor",
        "CJNG",
        "--date",
        "2026-02-22",
        "--treated",
        "14",
    ];
    let r = json_ok(&db, &args);
    assert_eq!(r["conclusive"], false);
    for k in [
        "estimate_pct",
        "ci_low_pct",
        "ci_high_pct",
        "p_value",
        "estimate_abs",
    ] {
        assert!(r[k].is_null(), "{k} should be null: {r}");
    }
    assert_eq!(r["n_post"], 3);
    let w = r["warnings"][0].as_str().unwrap();
    assert!(w.starts_with("too short to conclude"), "{w}");
    assert!(w.contains("data ends 2026-03-10"), "{w}");
    // The pre-period coefficients are still shown.
    assert!(r["by_period"].as_array().unwrap().len() >= 26);

    let out = run(&db, &args);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("TOO SHORT TO CONCLUDE"), "{text}");
    assert!(!text.contains("Change   "), "{text}");

    // Monthly: February is the only month from the date on, March is incomplete.
    let mut monthly = args.to_vec();
    monthly.extend(["--period", "month"]);
    let m = json_ok(&db, &monthly);
    assert_eq!(m["conclusive"], false);
    assert_eq!(m["n_post"], 1);

    // A date after the data: nothing to estimate or draw, still an answer (exit 0).
    let svg = dir.path().join("none.svg");
    let late = json_ok(
        &db,
        &[
            "impact",
            "--actor",
            "CJNG",
            "--date",
            "2026-06-01",
            "--treated",
            "14",
            "--svg",
            svg.to_str().unwrap(),
        ],
    );
    assert_eq!(late["conclusive"], false);
    assert_eq!(late["n_post"], 0);
    assert!(late["by_period"].as_array().unwrap().is_empty());
    assert!(!svg.exists());
}

#[test]
fn bad_input_is_named_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let kp = dir.path().join("kingpins.csv");
    std::fs::write(
        &kp,
        "date,date_precision,event_type,name,alias,organization,place,cve_ent,source_url,note\n\
         2024-07-25,day,arrested_in_us,Ismael Zambada Garcia,El Mayo,Sinaloa cartel,El Paso,,https://example.org/a,\n\
         2023-01-05,day,captured,Ovidio Guzman Lopez,,Sinaloa cartel,Culiacan,25,https://example.org/b,\n",
    )
    .unwrap();
    assert!(run(&db, &["import", "kingpins", kp.to_str().unwrap()])
        .status
        .success());

    let out = run(
        &db,
        &["impact", "--actor", "Sinaloa Cartel", "--treated", "25"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--date") && err.contains("2023-01-05") && err.contains("2024-07-25"));

    let out = run(
        &db,
        &[
            "impact",
            "--actor",
            "CJNG",
            "--date",
            "2026-02-22",
            "--treated",
            "Atlantis",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"Atlantis\""));

    let out = run(&db, &["impact", "--actor", "CJNG", "--date", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date"));

    let out = run(
        &db,
        &[
            "impact",
            "--actor",
            "CJNG",
            "--date",
            "2026-02-22",
            "--treated",
            "14",
            "--measure",
            "homicidio_doloso",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("homicidio_doloso"));

    let out = run(&db, &["impact", "--actor", "CJNG", "--period", "fortnight"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&db, &["impact", "--date", "2026-02-22"]);
    assert_eq!(out.status.code(), Some(2));

    let help = run(&db, &["impact", "--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--actor",
        "--date",
        "--treated",
        "--measure",
        "--period",
        "--window",
        "--svg",
    ] {
        assert!(text.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn events_ending_before_the_date_are_too_short_even_with_a_later_kingpin_row() {
    // UCDP ends in 2023; the kingpin list's 2024 and 2026 leader events are markers, not
    // coverage, so an event study of 2024-07-25 on events must refuse to conclude.
    let (Some(ucdp), Some(kingpins)) = (
        file_for_test("events/ucdp_ged_mexico_1989_2023.csv.gz"),
        file_for_test("kingpins/kingpin_events_seed.csv"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    for (format, file) in [("ucdp", &ucdp), ("kingpins", &kingpins)] {
        common::run_ok([
            "--db".as_ref(),
            db.as_os_str(),
            "import".as_ref(),
            format.as_ref(),
            file.as_os_str(),
        ]);
    }
    let r = json_ok(
        &db,
        &[
            "impact",
            "--actor",
            "Sinaloa Cartel",
            "--date",
            "2024-07-25",
            "--treated",
            "25",
            "--period",
            "month",
        ],
    );
    assert_eq!(r["conclusive"], false, "{r}");
    assert!(r["estimate_pct"].is_null());
}

/// The project's curated kingpin list: every row imports, names a public source and the
/// states where the organisation is based, and re-importing changes nothing.
#[test]
fn the_curated_kingpin_list_gives_a_source_and_base_states_per_row() {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kingpins/kingpins.csv");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let import = |db: &Path| -> Value {
        let out = common::run_ok([
            "--json".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            "import".as_ref(),
            "kingpins".as_ref(),
            list.as_os_str(),
        ]);
        serde_json::from_slice(&out).unwrap()
    };
    let first = import(&db);
    assert_eq!(first["rejected"], 0);
    let rows: Vec<Value> = String::from_utf8(common::run_ok([
        "--json".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        "kingpins".as_ref(),
    ]))
    .unwrap()
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    assert_eq!(rows.len(), 28);
    for r in &rows {
        assert!(r["source_url"].as_str().unwrap().starts_with("http"), "{r}");
        assert!(!r["base_states"].as_array().unwrap().is_empty(), "{r}");
        assert!(
            r["actor"].is_string(),
            "organisation not in the registry: {r}"
        );
    }
    let again = import(&db);
    assert_eq!(again["inserted"], 0);
    assert_eq!(again["updated"], 0);
}
