//! `atalaya check`: a sound database passes (exit 0), a damaged one names its faults
//! (exit 1), with `--json` for scripts.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn atalaya(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn check_json(db: &Path) -> (Option<i32>, Value) {
    let out = atalaya(db, &["--json", "check"]);
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code(), v)
}

#[test]
fn check_passes_a_sound_database_and_names_each_fault() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let csv = dir.path().join("s.csv");
    let out = atalaya(
        &db,
        &["synth", "--events", "3000", "--out", csv.to_str().unwrap()],
    );
    assert!(out.status.success());
    assert!(atalaya(&db, &["import", "acled", csv.to_str().unwrap()])
        .status
        .success());
    let (code, v) = check_json(&db);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["ok"], true);
    assert_eq!(v["faults"], serde_json::json!([]));
    assert_eq!(v["events"], 3000);
    let human = atalaya(&db, &["check"]);
    assert!(human.status.success());
    assert!(String::from_utf8_lossy(&human.stdout).contains("integrity   ok"));

    // Counts changed behind the writer's back.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("UPDATE agg_kind SET events = events * 2 WHERE state = '14'")
        .unwrap();
    drop(conn);
    let (code, v) = check_json(&db);
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["ok"], false);
    let faults = v["faults"].as_array().unwrap();
    assert!(!faults.is_empty());
    for f in faults {
        assert_eq!(f["check"], "aggregates", "{f}");
        assert!(
            f["message"].as_str().unwrap().starts_with("agg_kind"),
            "{f}"
        );
    }
    let human = atalaya(&db, &["check"]);
    assert_eq!(human.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&human.stdout).contains("[aggregates] agg_kind: "));
}

#[test]
fn check_refuses_a_missing_or_foreign_file_without_creating_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let (code, v) = check_json(&missing);
    assert_eq!(code, Some(1));
    assert_eq!(v["faults"][0]["check"], "open");
    assert!(!missing.exists());

    let foreign = dir.path().join("notes.db");
    std::fs::write(
        &foreign,
        "not a database, just some text that is long enough ".repeat(200),
    )
    .unwrap();
    let (code, v) = check_json(&foreign);
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["ok"], false);
}

#[test]
fn check_finds_a_damaged_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let csv = dir.path().join("s.csv");
    assert!(atalaya(
        &db,
        &["synth", "--events", "5000", "--out", csv.to_str().unwrap()]
    )
    .status
    .success());
    assert!(atalaya(&db, &["import", "acled", csv.to_str().unwrap()])
        .status
        .success());
    // Overwrite the middle of the file (past the schema pages) with garbage.
    let mut bytes = std::fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 20_000] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let (code, v) = check_json(&db);
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["ok"], false);
    let first = &v["faults"][0];
    assert!(
        first["check"] == "integrity" || first["check"] == "open",
        "{first}"
    );
}

#[test]
fn check_has_help() {
    let out = Command::new(BIN)
        .args(["check", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"));
}
