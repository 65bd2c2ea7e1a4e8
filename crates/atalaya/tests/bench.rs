//! `atalaya bench` end to end on a small file, without the Python peers.

mod common;

use std::process::Command;

use serde_json::Value;

#[test]
fn bench_reports_the_import_the_series_and_sqlites_floor() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::run_ok([
        "--json",
        "bench",
        "--events",
        "3000",
        "--repeat",
        "1",
        "--no-peers",
        "--floor",
        "--workdir",
        dir.path().to_str().unwrap(),
    ]);
    let report: Value = serde_json::from_slice(&out).unwrap();
    let run = &report["runs"][0];
    assert_eq!(run["events"], 3000);
    assert_eq!(run["atalaya"]["import_report"]["inserted"], 3000);
    assert!(run["atalaya"]["import"]["median_s"].as_f64().unwrap() > 0.0);
    // Every week of the synthetic years × 32 states, zero-filled.
    assert!(run["atalaya"]["series_lines"].as_u64().unwrap() > 32 * 52 * 7);
    for layout in ["full", "numeric"] {
        let f = &run["sqlite_floor"][layout];
        assert_eq!(f["runs"], 1, "{layout}: {f}");
        for step in [
            "median_s",
            "store_s_median",
            "copy_s_median",
            "index_s_median",
        ] {
            assert!(f[step].as_f64().unwrap() > 0.0, "{layout} {step}: {f}");
        }
    }
    // No peer, no ratio: never a number made up from a missing measurement.
    assert!(run["duckdb"].is_null());
    assert!(run["ratios"]["import_speed_vs_duckdb"].is_null());
    assert!(run["ratios"]["floor_full_speed_vs_duckdb"].is_null());
    // The work directory holds no leftover floor database.
    assert!(!dir.path().join("floor-3000.db").exists());
}

#[test]
fn bench_floor_copies_every_event_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("s.csv");
    let src = dir.path().join("src.db");
    common::run_ok(["synth", "--events", "1500", "--out", csv.to_str().unwrap()]);
    common::run_ok([
        "--db",
        src.to_str().unwrap(),
        "import",
        "acled",
        csv.to_str().unwrap(),
    ]);
    // The first load keeps its text in blocks: the full copy carries them too.
    let source = rusqlite::Connection::open(&src).unwrap();
    let blocks: i64 = source
        .query_row("SELECT count(*) FROM event_text", [], |r| r.get(0))
        .unwrap();
    assert_eq!(blocks, 12, "1,500 events in blocks of 128");
    for layout in ["full", "numeric"] {
        let dst = dir.path().join(format!("{layout}.db"));
        let args = ["bench-floor", "--layout", layout, "--from"];
        let out = common::run_ok(
            ["--db", dst.to_str().unwrap()]
                .into_iter()
                .chain(args)
                .chain([src.to_str().unwrap()]),
        );
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["rows"], 1500);
        let table = if layout == "full" {
            "events"
        } else {
            "events_numeric"
        };
        let conn = rusqlite::Connection::open(&dst).unwrap();
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1500);
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        // The full layout has the store's event indexes, the review queue's among them.
        let want = if layout == "full" { 4 } else { 3 };
        assert_eq!(indexes, want, "{layout}");
        if layout == "full" {
            // The copy reads back as the same events, text and all.
            drop(conn);
            let events = |db: &std::path::Path| {
                common::run_ok(["--db", db.to_str().unwrap(), "--json", "events"])
            };
            let copied = events(&dst);
            assert!(copied.len() > 1500 * 100);
            assert_eq!(copied, events(&src));
        }
        // A second run into the same file is refused: the floor is a fresh database.
        let again = Command::new(env!("CARGO_BIN_EXE_atalaya"))
            .args(["--db", dst.to_str().unwrap()])
            .args(args)
            .arg(&src)
            .output()
            .unwrap();
        assert!(!again.status.success());
        let err = String::from_utf8_lossy(&again.stderr);
        assert!(err.contains("exists"), "{err}");
    }
}
