//! `atalaya export parquet`: every event's fields round-trip through the Parquet file (read
//! back with the `parquet` crate's row reader and compared with `events --json`), filters
//! apply, and an empty selection still writes a valid file.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Days, NaiveDate};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, ListAccessor};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn run(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "atalaya {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A database of 5000 synthetic events, imported through the CLI.
fn synth_db(dir: &Path) -> PathBuf {
    let csv = dir.join("synth.csv");
    let db = dir.join("db.sqlite");
    run(&[
        "synth",
        "--events",
        "5000",
        "--seed",
        "3",
        "--out",
        csv.to_str().unwrap(),
    ]);
    run(&[
        "--db",
        db.to_str().unwrap(),
        "import",
        "acled",
        csv.to_str().unwrap(),
    ]);
    db
}

fn export(db: &Path, out: &Path, filters: &[&str]) -> Value {
    let mut args = vec![
        "--db",
        db.to_str().unwrap(),
        "--json",
        "export",
        "parquet",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(filters);
    serde_json::from_str(run(&args).trim()).unwrap()
}

fn field_json(f: &Field) -> Value {
    match f {
        Field::Null => Value::Null,
        Field::Str(s) => json!(s),
        Field::Int(i) => json!(i),
        Field::Long(i) => json!(i),
        Field::Double(x) => json!(x),
        Field::Date(d) => {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
            let day = if *d >= 0 {
                epoch.checked_add_days(Days::new(*d as u64))
            } else {
                epoch.checked_sub_days(Days::new(d.unsigned_abs() as u64))
            };
            json!(day.unwrap().format("%Y-%m-%d").to_string())
        }
        Field::ListInternal(l) => Value::Array(
            (0..l.len())
                .map(|i| json!(l.get_string(i).unwrap()))
                .collect(),
        ),
        other => panic!("unexpected Parquet field {other:?}"),
    }
}

/// The rows of a Parquet file as JSON objects keyed by column name.
fn read_parquet(path: &Path) -> (Vec<String>, Vec<serde_json::Map<String, Value>>) {
    let reader = SerializedFileReader::new(File::open(path).unwrap()).unwrap();
    let meta = reader.metadata().file_metadata();
    let columns: Vec<String> = meta
        .schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let n = meta.num_rows();
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| {
            r.unwrap()
                .get_column_iter()
                .map(|(name, f)| (name.clone(), field_json(f)))
                .collect::<serde_json::Map<_, _>>()
        })
        .collect();
    assert_eq!(rows.len() as i64, n, "footer row count");
    (columns, rows)
}

/// What the Parquet row of an `events --json` object must hold.
fn expected_row(e: &Value) -> serde_json::Map<String, Value> {
    let or_null = |k: &str| e.get(k).cloned().unwrap_or(Value::Null);
    let fatalities = e["measures"]
        .get("fatalities")
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    let mut m = serde_json::Map::new();
    m.insert("id".into(), e["id"].clone());
    m.insert("kind".into(), e["kind"].clone());
    m.insert("date".into(), or_null("date"));
    m.insert("date_precision".into(), e["date_precision"].clone());
    m.insert("state".into(), or_null("state"));
    m.insert("municipality".into(), or_null("municipality"));
    m.insert("lat".into(), or_null("lat"));
    m.insert("lon".into(), or_null("lon"));
    m.insert("geo_precision".into(), or_null("geo_precision"));
    m.insert("fatalities".into(), json!(fatalities));
    m.insert("actors".into(), e["actors"].clone());
    m.insert("measures".into(), e["measures"].clone());
    m.insert("sources".into(), e["sources"].clone());
    m.insert("tags".into(), e.get("tags").cloned().unwrap_or(json!([])));
    m.insert("origin_format".into(), e["origin"]["format"].clone());
    m.insert("origin_file".into(), e["origin"]["file"].clone());
    m.insert("origin_row".into(), e["origin"]["row"].clone());
    m.insert("origin_source_id".into(), e["origin"]["source_id"].clone());
    m.insert("review".into(), or_null("review"));
    m
}

/// Numbers compare as f64 (JSON keeps 3 and 3.0 apart); the JSON text columns are parsed.
fn normalise(mut row: serde_json::Map<String, Value>) -> serde_json::Map<String, Value> {
    for k in ["measures", "sources", "tags"] {
        if let Some(Value::String(s)) = row.get(k) {
            let v: Value = serde_json::from_str(s).unwrap();
            row.insert(k.into(), v);
        }
    }
    for k in ["lat", "lon", "fatalities"] {
        if let Some(x) = row.get(k).and_then(Value::as_f64) {
            row.insert(k.into(), json!(x));
        }
    }
    row
}

#[test]
fn parquet_export_round_trips_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = synth_db(dir.path());
    let dbs = db.to_str().unwrap();
    let stats: Value = serde_json::from_str(run(&["--db", dbs, "--json", "stats"]).trim()).unwrap();
    let total = stats["events"].as_u64().unwrap();
    assert_eq!(total, 5000);

    let out = dir.path().join("events.parquet");
    let summary = export(&db, &out, &[]);
    assert_eq!(summary["format"], "parquet");
    assert_eq!(summary["rows"].as_u64(), Some(total));
    assert_eq!(summary["out"], out.to_str().unwrap());

    let (columns, rows) = read_parquet(&out);
    assert_eq!(
        columns,
        [
            "id",
            "kind",
            "date",
            "date_precision",
            "state",
            "municipality",
            "lat",
            "lon",
            "geo_precision",
            "fatalities",
            "actors",
            "measures",
            "sources",
            "tags",
            "origin_format",
            "origin_file",
            "origin_row",
            "origin_source_id",
            "review",
        ]
    );
    assert_eq!(rows.len() as u64, total);

    let events = json_lines(&run(&["--db", dbs, "--json", "events"]));
    assert_eq!(events.len() as u64, total);
    let by_id: HashMap<String, serde_json::Map<String, Value>> = rows
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), normalise(r)))
        .collect();
    assert_eq!(by_id.len() as u64, total, "ids are unique");
    let (mut with_actors, mut with_sources, mut with_coords) = (0, 0, 0);
    for e in &events {
        let id = e["id"].as_str().unwrap();
        let got = by_id
            .get(id)
            .unwrap_or_else(|| panic!("{id} missing from the Parquet file"));
        assert_eq!(got, &normalise(expected_row(e)), "event {id}");
        with_actors += usize::from(e["actors"].as_array().unwrap().len() > 1);
        with_sources += usize::from(!e["sources"].as_array().unwrap().is_empty());
        with_coords += usize::from(e["lat"].is_number());
    }
    // The comparison above covered lists with several actors, sources and coordinates.
    assert!(with_actors > 100 && with_sources > 100 && with_coords > 100);
}

#[test]
fn parquet_export_applies_filters_and_writes_empty_selections() {
    let dir = tempfile::tempdir().unwrap();
    let db = synth_db(dir.path());
    let dbs = db.to_str().unwrap();

    let out = dir.path().join("jalisco.parquet");
    let summary = export(&db, &out, &["--state", "14"]);
    let jalisco = json_lines(&run(&["--db", dbs, "--json", "events", "--state", "14"]));
    let wanted: Vec<String> = jalisco
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!wanted.is_empty());
    assert_eq!(summary["rows"].as_u64(), Some(wanted.len() as u64));
    let (_, rows) = read_parquet(&out);
    let got: Vec<String> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, wanted, "the same events, in the same order");
    assert!(jalisco[0]["state"].is_string());
    assert!(rows.iter().all(|r| r["state"] == jalisco[0]["state"]));

    let empty = dir.path().join("empty.parquet");
    let summary = export(&db, &empty, &["--from", "2100-01-01"]);
    assert_eq!(summary["rows"].as_u64(), Some(0));
    let (columns, rows) = read_parquet(&empty);
    assert_eq!(columns.len(), 19);
    assert!(rows.is_empty());
}
