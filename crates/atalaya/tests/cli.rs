//! End-to-end tests of the `atalaya` binary: import reliability (strict, quarantine,
//! truncated archives, a killed import, idempotent re-import, revisions and deletions),
//! the ACLED round trip, zero-filled series and the command-line contract.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use atalaya_store::shared_data::file_for_test as shared_file;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// One ACLED row with the fields these tests vary; the others are fixed.
#[allow(clippy::too_many_arguments)]
fn row(
    id: &str,
    date: &str,
    et: &str,
    sub: &str,
    a1: &str,
    a2: &str,
    admin1: &str,
    fatalities: &str,
    tags: &str,
) -> String {
    let inter2 = if a2 == "National Guard" { "1" } else { "3" };
    format!(
        "{id},{date},{},1,Political violence,{et},{sub},{a1},,3,{a2},,{inter2},33,,484,Central America,Mexico,{admin1},,,,20.67,-103.35,1,El Universal,National,\"Gunmen clashed, witnesses said.\",{fatalities},{tags},1700000000",
        &date[..4.min(date.len())]
    )
}

fn fixture_rows() -> Vec<String> {
    vec![
        row(
            "MEX1",
            "2024-01-03",
            "Battles",
            "Armed clash",
            "CJNG: Jalisco New Generation Cartel",
            "Sinaloa Cartel",
            "Jalisco",
            "3",
            "",
        ),
        row(
            "MEX2",
            "2024-01-04",
            "Battles",
            "Armed clash",
            "CJNG",
            "National Guard",
            "Michoacán",
            "5",
            "",
        ),
        row(
            "MEX3",
            "2024-01-20",
            "Violence against civilians",
            "Attack",
            "Unidentified Armed Group (Mexico)",
            "Civilians (Mexico)",
            "Guanajuato",
            "6",
            "",
        ),
        row(
            "MEX4",
            "2024-02-15",
            "Strategic developments",
            "Other",
            "CJNG",
            "",
            "Jalisco",
            "0",
            "atalaya_kind=road_blockade; atalaya_measure:blockades=39; atalaya_municipality=14039",
        ),
        row(
            "MEX5",
            "2024-03-01",
            "Protests",
            "Peaceful protest",
            "Protesters (Mexico)",
            "",
            "Ciudad de México",
            "0",
            "crowd size=hundreds",
        ),
    ]
}

fn write_csv(dir: &Path, name: &str, rows: &[String]) -> PathBuf {
    let p = dir.join(name);
    let mut f = std::fs::File::create(&p).unwrap();
    writeln!(f, "{HEADER}").unwrap();
    for r in rows {
        writeln!(f, "{r}").unwrap();
    }
    p
}

/// Starts `atalaya import` of 400,000 synthetic events into `db` and kills the process
/// (SIGKILL) once it has written 8 MiB of its transaction.
fn kill_an_import_midway(dir: &Path, db: &Path, seed: u64) {
    let big = dir.join("big.csv");
    let seed = seed.to_string();
    let args = [
        "synth",
        "--events",
        "400000",
        "--seed",
        &seed,
        "--out",
        big.to_str().unwrap(),
    ];
    assert!(Command::new(BIN).args(args).status().unwrap().success());
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["import", "acled", big.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let name = db.file_name().unwrap().to_string_lossy().into_owned();
    let written = || -> u64 {
        ["", "-wal", "-journal"]
            .iter()
            .map(|suffix| {
                std::fs::metadata(dir.join(format!("{name}{suffix}")))
                    .map(|m| m.len())
                    .unwrap_or(0)
            })
            .sum()
    };
    let start_size = written();
    let start = Instant::now();
    while written() < start_size + (8 << 20) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be killed"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the import never got going"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

fn atalaya(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run atalaya")
}

fn ok_json(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut full = vec!["--json"];
    full.extend_from_slice(args);
    let out = atalaya(db, &full);
    assert!(
        out.status.success(),
        "atalaya {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Fatalities in Jalisco in January 2024, as the monthly series reports them.
fn jalisco_fatalities_jan_2024(db: &Path) -> f64 {
    let args = [
        "series",
        "--period",
        "month",
        "--measure",
        "fatalities",
        "--state",
        "14",
    ];
    let range = ["--from", "2024-01-01", "--to", "2024-01-31"];
    let s = ok_json(db, &[&args[..], &range[..]].concat());
    assert_eq!(s.len(), 1);
    s[0]["value"].as_f64().unwrap()
}

fn event_count(db: &Path) -> u64 {
    ok_json(db, &["stats"])[0]["events"].as_u64().unwrap()
}

/// Events as JSON without their origin (which names the imported file and row).
fn events_without_origin(db: &Path) -> Vec<Value> {
    ok_json(db, &["events"])
        .into_iter()
        .map(|mut e| {
            e.as_object_mut().unwrap().remove("origin");
            e
        })
        .collect()
}

#[test]
fn import_reports_counts_and_reimport_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let f = write_csv(dir.path(), "a.csv", &fixture_rows());
    let r = &ok_json(&db, &["import", "acled", f.to_str().unwrap()])[0];
    assert_eq!(
        (
            r["read"].as_u64(),
            r["inserted"].as_u64(),
            r["rejected"].as_u64()
        ),
        (Some(5), Some(5), Some(0))
    );
    for key in [
        "format",
        "file",
        "read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
    ] {
        assert!(r.get(key).is_some(), "import report lacks {key}");
    }
    let r = &ok_json(&db, &["import", "acled", f.to_str().unwrap()])[0];
    assert_eq!(
        (
            r["inserted"].as_u64(),
            r["updated"].as_u64(),
            r["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(5))
    );
    assert_eq!(event_count(&db), 5);

    let ev = ok_json(&db, &["events", "--state", "14"]);
    assert_eq!(ev.len(), 2);
    assert_eq!(ev[0]["id"], "acled:MEX1");
    assert_eq!(
        ev[0]["actors"],
        serde_json::json!(["CJNG", "Sinaloa Cartel"])
    );
    assert_eq!(ev[1]["kind"], "road_blockade");
    assert_eq!(ev[1]["municipality"], "14039");
    assert_eq!(ev[1]["measures"]["blockades"], 39);
    let ev = ok_json(&db, &["events", "--kind", "attack_on_forces"]);
    assert_eq!(
        ev.len(),
        1,
        "a clash with the National Guard is an attack on forces"
    );
    assert_eq!(
        ok_json(&db, &["events", "--actor", "Jalisco New Generation Cartel"]).len(),
        3
    );
    assert_eq!(
        ok_json(&db, &["events", "--from", "2024-02-01", "--limit", "1"]).len(),
        1
    );
}

#[test]
fn revisions_update_and_deletions_remove_with_series_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut rows = fixture_rows();
    let f = write_csv(dir.path(), "v1.csv", &rows);
    ok_json(&db, &["import", "acled", f.to_str().unwrap()]);
    rows[0] = rows[0].replace(",3,,1700000000", ",7,,1700000000");
    let f2 = write_csv(dir.path(), "v2.csv", &rows);
    let r = &ok_json(&db, &["import", "acled", f2.to_str().unwrap()])[0];
    assert_eq!(
        (r["updated"].as_u64(), r["unchanged"].as_u64()),
        (Some(1), Some(4))
    );
    assert_eq!(jalisco_fatalities_jan_2024(&db), 7.0);

    let del = dir.path().join("deleted.csv");
    std::fs::write(
        &del,
        "event_id_cnty,deleted_timestamp\nMEX1,1700000001\nMEX999,1700000001\n",
    )
    .unwrap();
    let r = &ok_json(&db, &["import", "acled", del.to_str().unwrap()])[0];
    assert_eq!(r["deleted"].as_u64(), Some(1));
    assert_eq!(event_count(&db), 4);
    assert_eq!(jalisco_fatalities_jan_2024(&db), 0.0);
}

#[test]
fn strict_import_names_file_line_and_field_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let good = write_csv(dir.path(), "good.csv", &fixture_rows()[..2]);
    ok_json(&db, &["import", "acled", good.to_str().unwrap()]);
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "bad_date",
            row(
                "X1",
                "2024-13-45",
                "Battles",
                "Armed clash",
                "CJNG",
                "",
                "Jalisco",
                "1",
                "",
            ),
            "event_date",
        ),
        (
            "bad_state",
            row(
                "X2",
                "2024-01-01",
                "Battles",
                "Armed clash",
                "CJNG",
                "",
                "Texas",
                "1",
                "",
            ),
            "admin1",
        ),
        (
            "bad_fatalities",
            row(
                "X3",
                "2024-01-01",
                "Battles",
                "Armed clash",
                "CJNG",
                "",
                "Jalisco",
                "many",
                "",
            ),
            "fatalities",
        ),
        ("bad_columns", "X4,2024-01-01,2024".to_string(), "(row)"),
    ];
    for (name, bad, field) in cases {
        let mut rows = fixture_rows()[2..].to_vec();
        rows.insert(1, bad);
        let f = write_csv(dir.path(), &format!("{name}.csv"), &rows);
        let out = atalaya(&db, &["import", "acled", f.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("{name}.csv")), "{name}: {err}");
        assert!(err.contains("line 3"), "{name}: {err}");
        assert!(err.contains(&format!("field {field}")), "{name}: {err}");
        assert_eq!(
            event_count(&db),
            2,
            "{name}: nothing from a refused file is stored"
        );
    }
    // Invalid UTF-8 in a field.
    let f = dir.path().join("utf8.csv");
    let mut bytes = format!("{HEADER}\n{}\n", fixture_rows()[2]).into_bytes();
    bytes.extend_from_slice(
        row(
            "X5",
            "2024-01-01",
            "Battles",
            "Armed clash",
            "CJNG",
            "",
            "Jalisco",
            "1",
            "",
        )
        .replace("Gunmen", "Gunm\u{1}n")
        .as_bytes(),
    );
    let pos = bytes.iter().position(|&b| b == 1).unwrap();
    bytes[pos] = 0xff;
    std::fs::write(&f, &bytes).unwrap();
    let out = atalaya(&db, &["import", "acled", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 3") && err.contains("field notes") && err.contains("UTF-8"),
        "{err}"
    );
    assert_eq!(event_count(&db), 2);
}

#[test]
fn quarantine_stores_good_rows_and_writes_bad_ones_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut rows = fixture_rows();
    rows.insert(
        2,
        row(
            "X1",
            "yesterday",
            "Battles",
            "Armed clash",
            "CJNG",
            "",
            "Jalisco",
            "1",
            "",
        ),
    );
    rows.push(row(
        "X2",
        "2024-01-01",
        "Battles",
        "Armed clash",
        "CJNG",
        "",
        "Atlantis",
        "1",
        "",
    ));
    let f = write_csv(dir.path(), "mixed.csv", &rows);
    let q = dir.path().join("bad.csv");
    let r = &ok_json(
        &db,
        &[
            "import",
            "acled",
            f.to_str().unwrap(),
            "--quarantine",
            q.to_str().unwrap(),
        ],
    )[0];
    assert_eq!(
        (r["inserted"].as_u64(), r["rejected"].as_u64()),
        (Some(5), Some(2))
    );
    let mut rd = csv::Reader::from_path(&q).unwrap();
    let h = rd.headers().unwrap().clone();
    assert_eq!(
        h.iter().take(4).collect::<Vec<_>>(),
        ["_file", "_line", "_field", "_reason"]
    );
    let bad: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(bad.len(), 2);
    assert_eq!(
        (&bad[0][1], &bad[0][2], &bad[0][4]),
        ("4", "event_date", "X1")
    );
    assert!(bad[0][3].contains("yesterday"));
    assert_eq!((&bad[1][1], &bad[1][2]), ("8", "admin1"));
    // The quarantined rows, fixed, import cleanly: the file keeps the original columns.
    assert_eq!(bad[1].len(), 4 + HEADER.split(',').count());
}

#[test]
fn truncated_gzip_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let plain = dir.path().join("s.csv");
    let out = Command::new(BIN)
        .args([
            "synth",
            "--events",
            "20000",
            "--seed",
            "3",
            "--out",
            plain.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let data = std::fs::read(&plain).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&data).unwrap();
    let gz = gz.finish().unwrap();
    let f = dir.path().join("s.csv.gz");
    std::fs::write(&f, &gz[..gz.len() * 2 / 3]).unwrap();
    let q = dir.path().join("q.csv");
    let out = atalaya(
        &db,
        &[
            "import",
            "acled",
            f.to_str().unwrap(),
            "--quarantine",
            q.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("s.csv.gz") && err.contains("truncated"),
        "{err}"
    );
    assert_eq!(event_count(&db), 0);
    // The whole archive imports.
    std::fs::write(&f, &gz).unwrap();
    let r = &ok_json(&db, &["import", "acled", f.to_str().unwrap()])[0];
    assert_eq!(r["inserted"].as_u64(), Some(20000));
}

#[test]
fn a_killed_import_leaves_the_database_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let small = write_csv(dir.path(), "small.csv", &fixture_rows());
    ok_json(&db, &["import", "acled", small.to_str().unwrap()]);
    let before_stats = ok_json(&db, &["stats"]);
    let before_series = ok_json(&db, &["series", "--period", "month", "--by", "state"]);
    kill_an_import_midway(dir.path(), &db, 5);

    assert_eq!(ok_json(&db, &["stats"]), before_stats);
    assert_eq!(
        ok_json(&db, &["series", "--period", "month", "--by", "state"]),
        before_series
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn acled_export_reimports_to_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let f = write_csv(dir.path(), "a.csv", &fixture_rows());
    ok_json(&db, &["import", "acled", f.to_str().unwrap()]);
    let s = dir.path().join("s.csv");
    assert!(Command::new(BIN)
        .args([
            "synth",
            "--events",
            "3000",
            "--seed",
            "9",
            "--out",
            s.to_str().unwrap()
        ])
        .status()
        .unwrap()
        .success());
    ok_json(&db, &["import", "acled", s.to_str().unwrap()]);
    let out = dir.path().join("out.csv");
    let r = &ok_json(&db, &["export", "acled", "--out", out.to_str().unwrap()])[0];
    assert_eq!(r["rows"].as_u64(), Some(3005));
    let db2 = dir.path().join("b.db");
    ok_json(&db2, &["import", "acled", out.to_str().unwrap()]);
    assert_eq!(events_without_origin(&db2), events_without_origin(&db));
    assert_eq!(
        ok_json(&db2, &["series", "--period", "week", "--by", "kind"]),
        ok_json(&db, &["series", "--period", "week", "--by", "kind"])
    );
}

#[test]
fn real_ucdp_events_survive_the_acled_round_trip() {
    let Some(ucdp) = shared_file("events/ucdp_ged_mexico_1989_2023.csv.gz") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    ok_json(&db, &["import", "ucdp", ucdp.to_str().unwrap()]);
    let out = dir.path().join("ucdp_as_acled.csv");
    ok_json(&db, &["export", "acled", "--out", out.to_str().unwrap()]);
    let db2 = dir.path().join("b.db");
    ok_json(&db2, &["import", "acled", out.to_str().unwrap()]);
    let a = events_without_origin(&db);
    assert_eq!(a.len(), 18957);
    assert_eq!(events_without_origin(&db2), a);
}

#[test]
fn geojson_and_jsonl_exports_hold_every_selected_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let f = write_csv(dir.path(), "a.csv", &fixture_rows());
    ok_json(&db, &["import", "acled", f.to_str().unwrap()]);
    let g = dir.path().join("e.geojson");
    let r = &ok_json(
        &db,
        &[
            "export",
            "geojson",
            "--out",
            g.to_str().unwrap(),
            "--state",
            "14",
        ],
    )[0];
    assert_eq!(r["rows"].as_u64(), Some(2));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["features"][0]["geometry"]["coordinates"],
        serde_json::json!([-103.35, 20.67])
    );
    let j = dir.path().join("e.jsonl");
    ok_json(&db, &["export", "jsonl", "--out", j.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&j).unwrap().lines().count(), 5);
}

#[test]
fn series_are_zero_filled_over_periods_and_states() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let f = write_csv(dir.path(), "a.csv", &fixture_rows());
    ok_json(&db, &["import", "acled", f.to_str().unwrap()]);
    let s = ok_json(&db, &["series", "--period", "week"]);
    // 2024-01-03 … 2024-03-01: ISO weeks 1 to 9, one line each, zeros included.
    assert_eq!(s.len(), 9);
    assert_eq!(s[0]["period"], "2024-W01");
    assert_eq!(
        s.iter().map(|p| p["value"].as_f64().unwrap()).sum::<f64>(),
        5.0
    );
    assert!(s.iter().any(|p| p["value"] == 0.0));
    let s = ok_json(&db, &["series", "--period", "month", "--by", "state"]);
    assert_eq!(s.len(), 3 * 32);
    let jal_jan = s
        .iter()
        .find(|p| p["period"] == "2024-01" && p["key"] == "14")
        .unwrap();
    assert_eq!(jal_jan["value"], 1.0);
    let s = ok_json(
        &db,
        &[
            "series",
            "--period",
            "month",
            "--by",
            "actor",
            "--measure",
            "fatalities",
        ],
    );
    let cjng: f64 = s
        .iter()
        .filter(|p| p["key"] == "CJNG")
        .map(|p| p["value"].as_f64().unwrap())
        .sum();
    assert_eq!(cjng, 8.0);
    let out = atalaya(
        &db,
        &[
            "series",
            "--period",
            "week",
            "--measure",
            "homicidio_doloso",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn every_subcommand_has_help_and_usage_errors_exit_2() {
    for sub in [
        "demo",
        "import",
        "stats",
        "events",
        "series",
        "export",
        "synth",
        "kingpins",
        "impact",
        "indicators",
        "forecast",
        "backtest",
    ] {
        let out = Command::new(BIN).args([sub, "--help"]).output().unwrap();
        assert!(out.status.success(), "{sub} --help");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{sub}"
        );
    }
    let out = Command::new(BIN)
        .args(["series", "--period", "fortnight"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(BIN)
        .args(["import", "nonsense", "x.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_first_load_that_repeats_an_id_updates_as_a_reimport_would() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut rows = fixture_rows();
    rows.push(rows[0].replace(",3,,1700000000", ",9,,1700000000"));
    let f = write_csv(dir.path(), "dup.csv", &rows);
    let r = &ok_json(&db, &["import", "acled", f.to_str().unwrap()])[0];
    assert_eq!(
        (
            r["read"].as_u64(),
            r["inserted"].as_u64(),
            r["updated"].as_u64()
        ),
        (Some(6), Some(5), Some(1))
    );
    let e = ok_json(&db, &["events", "--state", "14", "--limit", "1"]);
    assert_eq!(e[0]["measures"]["fatalities"], 9);
    assert_eq!(jalisco_fatalities_jan_2024(&db), 9.0);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let indexes: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // The three the first load drops and rebuilds, and the review queue's.
    assert_eq!(indexes, 4, "the event indexes are back after the import");
}

#[test]
fn a_killed_first_load_leaves_an_empty_usable_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let before = ok_json(&db, &["stats"]);
    kill_an_import_midway(dir.path(), &db, 6);
    assert_eq!(ok_json(&db, &["stats"]), before);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let indexes: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        indexes, 4,
        "the dropped indexes come back with the rollback"
    );
    drop(conn);
    // And the database takes the same file afterwards.
    let small = write_csv(dir.path(), "small.csv", &fixture_rows());
    assert_eq!(
        ok_json(&db, &["import", "acled", small.to_str().unwrap()])[0]["inserted"].as_u64(),
        Some(5)
    );
}

#[test]
fn sinaloa_homicide_series_shows_the_2024_split() {
    let Some(f) = shared_file("stats/sesnsp_state_monthly_victims_2015_2025.csv") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    ok_json(&db, &["import", "sesnsp", f.to_str().unwrap()]);
    let s = ok_json(
        &db,
        &[
            "series",
            "--period",
            "month",
            "--measure",
            "homicidio_doloso",
            "--state",
            "25",
            "--from",
            "2023-09-01",
            "--to",
            "2025-06-30",
        ],
    );
    assert_eq!(s.len(), 22);
    for p in &s {
        let (period, v) = (p["period"].as_str().unwrap(), p["value"].as_f64().unwrap());
        assert_eq!(p["key"], "25");
        if period <= "2024-08" {
            assert!(v < 60.0, "{period}: {v}");
        } else {
            assert!(v > 110.0, "{period}: {v}");
        }
    }
    // National monthly totals: 2019 sums to 34,723 victims.
    let s = ok_json(
        &db,
        &[
            "series",
            "--period",
            "month",
            "--measure",
            "homicidio_doloso",
            "--from",
            "2019-01-01",
            "--to",
            "2019-12-31",
        ],
    );
    assert_eq!(s.len(), 12);
    assert_eq!(
        s.iter().map(|p| p["value"].as_f64().unwrap()).sum::<f64>(),
        34723.0
    );
    let by_state = ok_json(
        &db,
        &[
            "series",
            "--period",
            "month",
            "--by",
            "state",
            "--measure",
            "homicidio_doloso",
        ],
    );
    assert_eq!(by_state.len(), 32 * 126);
}

#[test]
fn municipal_catalog_resolves_ucdp_municipalities() {
    let (Some(cat), Some(ucdp)) = (
        shared_file("geo/mx_municipios_catalog.csv"),
        shared_file("events/ucdp_ged_mexico_1989_2023.csv.gz"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let r = &ok_json(&db, &["import", "municipios", cat.to_str().unwrap()])[0];
    assert_eq!(r["inserted"].as_u64(), Some(2475));
    ok_json(&db, &["import", "ucdp", ucdp.to_str().unwrap()]);
    let ev = ok_json(&db, &["events", "--state", "14", "--to", "1992-12-31"]);
    let pv = ev
        .iter()
        .find(|e| e["id"] == "ucdp:182028")
        .expect("the 1992 Puerto Vallarta event");
    assert_eq!(pv["municipality"], "14067");
    let with_muni = ok_json(&db, &["events"])
        .iter()
        .filter(|e| e.get("municipality").is_some())
        .count();
    assert!(
        with_muni > 10_000,
        "only {with_muni} UCDP events resolved a municipality"
    );
}
