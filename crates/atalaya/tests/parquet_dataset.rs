//! The partitioned Parquet dataset (`docs/formats/parquet.md`): `export parquet
//! --partition-by` and `import parquet` round-trip every event exactly, origin included
//! (synthetic, demo and hand-made events with every date precision, no date and no state,
//! news events with spans; and where the shared data is present all UCDP GED and OCVED
//! events); the layout is Hive-style with versioned files and statistics; a bad or
//! incomplete dataset is refused whole; `synth --format parquet` holds what `import acled`
//! stores from `synth`'s CSV.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use atalaya_store::shared_data::file_for_test as shared_file;
use parquet::file::reader::{FileReader, SerializedFileReader};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn atalaya(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(args)
        .output()
        .unwrap()
}

fn ok_json(db: &Path, args: &[&str]) -> Vec<Value> {
    let out = atalaya(db, args);
    assert!(
        out.status.success(),
        "atalaya {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// ACLED rows for the cases synthetic data lacks: no date, no state, year and month
/// precision, no actors, no coordinates, a fractional measure.
fn edge_rows(dir: &Path) -> PathBuf {
    let rows = [
        "EDGE1,2024-05-02,2024,1,Political violence,Battles,Armed clash,CJNG,,3,Sinaloa Cartel,,3,33,,484,Central America,Mexico,Jalisco,,,,20.67,-103.35,1,El Universal,National,\"Gunmen clashed, witnesses said.\",3,,1700000000",
        "EDGE2,2024-01-01,2024,1,Political violence,Violence against civilians,Attack,CJNG,,3,Civilians (Mexico),,7,37,,484,Central America,Mexico,,,,,,,,Reforma,National,Killed somewhere in Mexico.,1,atalaya_date_precision=year,1700000000",
        "EDGE3,,,1,Political violence,Violence against civilians,Attack,,,,,,,,,484,Central America,Mexico,Sonora,,,,,,,Proceso,National,Undated report.,2,atalaya_undated; atalaya_measure:injured=1.5,1700000000",
        "EDGE4,2023-11-01,2023,3,Political violence,Battles,Armed clash,Los Chapitos,,3,La Mayiza,,3,33,,484,Central America,Mexico,Sinaloa,,,,24.8,-107.39,2,Noroeste,Subnational,Fighting during the month.,12,,1700000000",
    ];
    let p = dir.join("edge.csv");
    let mut f = std::fs::File::create(&p).unwrap();
    writeln!(f, "{HEADER}").unwrap();
    for r in rows {
        writeln!(f, "{r}").unwrap();
    }
    p
}

/// A database with demo events (synthetic, a scenario, coded news with spans and merges),
/// the edge rows and, where present, the real UCDP and OCVED files.
fn varied_db(dir: &Path) -> PathBuf {
    let db = dir.join("a.db");
    let out = Command::new(BIN)
        .args(["demo", "--events", "3000", "--demo-db", s(&db)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ok_json(&db, &["import", "acled", s(&edge_rows(dir))]);
    // Two more coded reports, to review.
    let news = dir.join("news.jsonl");
    std::fs::write(
        &news,
        concat!(
            r#"{"id":"a","text":"Gunmen killed five people in Culiacán, Sinaloa, on Monday, state police said.","published":"2025-03-04","lang":"en"}"#,
            "\n",
            r#"{"id":"b","text":"Soldados se enfrentaron con integrantes del CJNG en Aguililla, Michoacán; murieron tres agresores.","published":"2025-04-10","lang":"es"}"#,
            "\n"
        ),
    )
    .unwrap();
    ok_json(&db, &["code", "--batch", s(&news), "--store"]);
    for (format, rel) in [
        ("ucdp", "events/ucdp_ged_mexico_1989_2023.csv.gz"),
        ("ocved", "events/ocved_2.0_events_2000_2018.csv.gz"),
    ] {
        if let Some(f) = shared_file(rel) {
            ok_json(&db, &["import", format, s(&f)]);
        }
    }
    db
}

/// Every event, whatever its review, with its review status.
fn all_events(db: &Path) -> Vec<Value> {
    ok_json(db, &["events", "--review", "all"])
}

#[test]
fn a_partitioned_export_reimports_to_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let db = varied_db(dir.path());
    let events = all_events(&db);
    assert!(events.iter().any(|e| e["date"].is_null()));
    assert!(events.iter().any(|e| e["state"].is_null()));
    assert!(events.iter().any(|e| e["sources"][0]["span"].is_array()));
    // News reviewed: one accepted, one rejected, the rest pending.
    let news: Vec<String> = events
        .iter()
        .filter(|e| e["review"] == "pending")
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert!(news.len() >= 3, "{news:?}");
    ok_json(&db, &["review", "accept", &news[0]]);
    ok_json(
        &db,
        &["review", "reject", &news[1], "--reason", "not an incident"],
    );
    let events = all_events(&db);
    let counted = events
        .iter()
        .filter(|e| e["review"].is_null() || e["review"] == "accepted")
        .count();
    assert!(counted < events.len());
    // By default the events that count, as every export.
    let ds_counted = dir.path().join("counted");
    let r = &ok_json(
        &db,
        &[
            "export",
            "parquet",
            "--partition-by",
            "year,state",
            "--out",
            s(&ds_counted),
        ],
    )[0];
    assert_eq!(r["rows"].as_u64(), Some(counted as u64));
    // With --review all, every event with its review status.
    let ds = dir.path().join("ds");
    let r = &ok_json(
        &db,
        &[
            "export",
            "parquet",
            "--partition-by",
            "year,state",
            "--review",
            "all",
            "--out",
            s(&ds),
        ],
    )[0];
    assert_eq!(r["format"], "parquet");
    assert_eq!(r["rows"].as_u64(), Some(events.len() as u64));
    assert!(r["files"].as_u64().unwrap() > 32);

    let db2 = dir.path().join("b.db");
    let imported = &ok_json(&db2, &["import", "parquet", s(&ds)])[0];
    assert_eq!(imported["format"], "parquet");
    assert_eq!(imported["inserted"].as_u64(), Some(events.len() as u64));
    assert_eq!(all_events(&db2), events);
    for args in [
        &["series", "--period", "week", "--by", "kind"][..],
        &[
            "series",
            "--period",
            "month",
            "--by",
            "actor",
            "--measure",
            "fatalities",
        ],
        &["series", "--period", "month", "--by", "state"],
    ] {
        assert_eq!(ok_json(&db2, args), ok_json(&db, args), "{args:?}");
    }
    // Again: nothing changes.
    let again = &ok_json(&db2, &["import", "parquet", s(&ds)])[0];
    assert_eq!(again["unchanged"].as_u64(), Some(events.len() as u64));
    assert_eq!(again["inserted"].as_u64(), Some(0));
}

/// Every `.parquet` file under `dir`.
fn parquet_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "parquet") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_dataset_is_hive_style_with_versioned_files_and_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    ok_json(&db, &["import", "acled", s(&edge_rows(dir.path()))]);
    let csv = dir.path().join("s.csv");
    ok_json(
        &db,
        &[
            "synth",
            "--events",
            "20000",
            "--seed",
            "4",
            "--out",
            s(&csv),
        ],
    );
    ok_json(&db, &["import", "acled", s(&csv)]);
    let ds = dir.path().join("ds");
    ok_json(
        &db,
        &[
            "export",
            "parquet",
            "--partition-by",
            "year,state",
            "--out",
            s(&ds),
        ],
    );

    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(ds.join("_atalaya.json")).unwrap()).unwrap();
    assert_eq!(manifest["schema_version"], 1);
    assert_eq!(
        manifest["partition_by"],
        serde_json::json!(["year", "state"])
    );
    assert_eq!(manifest["rows"].as_u64(), Some(20004));

    let files = parquet_files(&ds);
    assert_eq!(manifest["files"].as_u64(), Some(files.len() as u64));
    let rel: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(&ds).unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(rel.contains(&"year=2024/state=14/part-00000.parquet".to_string()));
    // Undated (EDGE3, Sonora) and stateless (EDGE2) events get Hive's null folders.
    assert!(
        rel.contains(&"year=__HIVE_DEFAULT_PARTITION__/state=26/part-00000.parquet".to_string())
    );
    assert!(
        rel.contains(&"year=2024/state=__HIVE_DEFAULT_PARTITION__/part-00000.parquet".to_string())
    );
    let mut rows = 0;
    for f in &files {
        let r = SerializedFileReader::new(std::fs::File::open(f).unwrap()).unwrap();
        let meta = r.metadata();
        let kv = meta.file_metadata().key_value_metadata().unwrap();
        assert!(kv
            .iter()
            .any(|k| k.key == "atalaya.schema_version" && k.value.as_deref() == Some("1")));
        let schema = meta.file_metadata().schema_descr();
        let names: Vec<String> = schema.columns().iter().map(|c| c.path().string()).collect();
        assert!(!names.contains(&"state".to_string()), "{f:?}: {names:?}");
        assert_eq!(names[0], "id");
        let date = names.iter().position(|n| n == "date").unwrap();
        for g in 0..meta.num_row_groups() {
            let rg = meta.row_group(g);
            assert!(rg.num_rows() <= 65_536);
            let stats = rg.column(date).statistics().expect("date statistics");
            assert!(stats.null_count_opt().is_some());
            if !rel_of(f, &ds).starts_with("year=__HIVE") {
                assert!(stats.min_bytes_opt().is_some() && stats.max_bytes_opt().is_some());
            }
            rows += rg.num_rows();
        }
    }
    assert_eq!(rows, 20004);
}

fn rel_of(f: &Path, root: &Path) -> String {
    f.strip_prefix(root).unwrap().to_string_lossy().into_owned()
}

fn event_count(db: &Path) -> u64 {
    ok_json(db, &["stats"])[0]["events"].as_u64().unwrap()
}

#[test]
fn a_bad_or_incomplete_dataset_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let ds = dir.path().join("ds");
    let db = dir.path().join("x.db");
    ok_json(
        &db,
        &[
            "synth",
            "--events",
            "5000",
            "--seed",
            "8",
            "--format",
            "parquet",
            "--out",
            s(&ds),
        ],
    );

    // A file moved under another year's folder (in a copy without the manifest): its rows
    // contradict the folder.
    let bad = dir.path().join("bad");
    copy_dir(&ds, &bad);
    std::fs::remove_file(bad.join("_atalaya.json")).unwrap();
    std::fs::rename(
        bad.join("year=2024/state=14/part-00000.parquet"),
        bad.join("year=2023/state=14/part-00001.parquet"),
    )
    .unwrap();
    let out = atalaya(&db, &["import", "parquet", s(&bad)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("year=2023/state=14/part-00001.parquet: row 1: field date: the event's year (2024) is not its folder's (2023)"),
        "{err}"
    );
    assert!(
        err.contains("nothing from this dataset was stored"),
        "{err}"
    );
    assert_eq!(event_count(&db), 0);

    // A file missing (a partial copy): the manifest's counts do not add up.
    let partial = dir.path().join("partial");
    copy_dir(&ds, &partial);
    std::fs::remove_file(partial.join("year=2021/state=11/part-00000.parquet")).unwrap();
    let out = atalaya(&db, &["import", "parquet", s(&partial)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("_atalaya.json: the dataset is incomplete or altered"),
        "{err}"
    );
    assert_eq!(event_count(&db), 0);

    // Not Parquet at all.
    let junk = dir.path().join("junk");
    std::fs::create_dir_all(junk.join("year=2024")).unwrap();
    std::fs::write(junk.join("year=2024/part-0.parquet"), b"not parquet").unwrap();
    let out = atalaya(&db, &["import", "parquet", s(&junk)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("part-0.parquet: not a readable Parquet file"));

    // The intact dataset imports.
    ok_json(&db, &["import", "parquet", s(&ds)]);
    assert_eq!(event_count(&db), 5000);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// An event without its origin's file name (the CSV's name, or the dataset's).
fn without_origin_file(mut e: Value) -> Value {
    e["origin"]["file"] = Value::Null;
    e
}

#[test]
fn synth_parquet_holds_what_import_acled_stores_from_synth_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let csv = dir.path().join("s.csv");
    ok_json(
        &a,
        &[
            "synth",
            "--events",
            "4000",
            "--seed",
            "12",
            "--out",
            s(&csv),
        ],
    );
    ok_json(&a, &["import", "acled", s(&csv)]);
    let ds = dir.path().join("s");
    let r = &ok_json(
        &b,
        &[
            "synth",
            "--events",
            "4000",
            "--seed",
            "12",
            "--format",
            "parquet",
            "--out",
            s(&ds),
        ],
    )[0];
    assert_eq!(r["rows"].as_u64(), Some(4000));
    assert_eq!(r["files"].as_u64(), Some(parquet_files(&ds).len() as u64));
    ok_json(&b, &["import", "parquet", s(&ds)]);
    let ea: Vec<Value> = all_events(&a)
        .into_iter()
        .map(without_origin_file)
        .collect();
    let eb: Vec<Value> = all_events(&b)
        .into_iter()
        .map(without_origin_file)
        .collect();
    assert_eq!(ea.len(), 4000);
    assert_eq!(ea, eb);
}

#[test]
fn partitioning_options_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let out = dir.path().join("o");
    for args in [
        &[
            "export",
            "acled",
            "--partition-by",
            "year",
            "--out",
            s(&out),
        ][..],
        &[
            "export",
            "parquet",
            "--partition-by",
            "year,kind",
            "--out",
            s(&out),
        ],
        &[
            "synth",
            "--events",
            "10",
            "--format",
            "parquet",
            "--partition-by",
            "month",
            "--out",
            s(&out),
        ],
    ] {
        let o = atalaya(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
    // An existing, non-empty destination is never overwritten.
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), b"mine").unwrap();
    let o = atalaya(
        &db,
        &[
            "synth",
            "--events",
            "10",
            "--format",
            "parquet",
            "--out",
            s(&out),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    assert_eq!(std::fs::read(out.join("keep.txt")).unwrap(), b"mine");
    // Partitioned by state only (the year stays in the date), or by state then year: the
    // same events.
    let by_state = dir.path().join("by_state");
    ok_json(
        &db,
        &[
            "synth",
            "--events",
            "3000",
            "--format",
            "parquet",
            "--partition-by",
            "state",
            "--out",
            s(&by_state),
        ],
    );
    assert!(by_state.join("state=14/part-00000.parquet").is_file());
    ok_json(&db, &["import", "parquet", s(&by_state)]);
    assert_eq!(event_count(&db), 3000);
    let state_year = dir.path().join("state_year");
    ok_json(
        &db,
        &[
            "export",
            "parquet",
            "--partition-by",
            "state,year",
            "--out",
            s(&state_year),
        ],
    );
    assert!(state_year
        .join("state=14/year=2024/part-00000.parquet")
        .is_file());
    let db2 = dir.path().join("b.db");
    ok_json(&db2, &["import", "parquet", s(&state_year)]);
    assert_eq!(all_events(&db2), all_events(&db));
}
