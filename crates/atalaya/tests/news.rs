//! `code --store`, `merges` and `ledger` end to end: two reports of one incident become one
//! event with two sources, the merge can be undone, and a figure reported twice is one
//! ledger entry with two sources.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

/// Codes `text` from standard input into `db` as report `doc`; returns the JSON output.
fn code_store(db: &Path, doc: &str, published: &str, text: &str) -> Value {
    let mut child = Command::new(BIN)
        .args([
            "--db",
            db.to_str().unwrap(),
            "code",
            "--store",
            "--doc",
            doc,
        ])
        .args(["--published", published])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn lines(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--db", db.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    String::from_utf8(common::run_ok(all))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const FIRST: &str = "Gunmen of the Jalisco New Generation Cartel ambushed a National Guard \
    convoy near Tapalpa, Jalisco, on Sunday, killing 25 guardsmen, state officials said.";
const SECOND: &str = "CJNG gunmen attacked National Guard troops in Jalisco on Sunday, \
    killing at least 25 of them, the security cabinet said on Monday.";

#[test]
fn two_reports_of_one_incident_are_one_event_with_two_sources_until_undone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let a = code_store(&db, "wire-a", "2026-02-23", FIRST);
    assert_eq!(a["stored"]["events"][0]["action"], "inserted", "{a}");
    let b = code_store(&db, "wire-b", "2026-02-24", SECOND);
    let stored = &b["stored"]["events"][0];
    assert_eq!(stored["action"], "merged", "{b}");
    let target = stored["into"].as_str().unwrap().to_string();

    let events = lines(&db, &["events"]);
    assert_eq!(events.len(), 1);
    let docs: Vec<&str> = events[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["wire-a", "wire-b"]);
    assert_eq!(events[0]["id"], target.as_str());
    assert_eq!(events[0]["measures"]["fatalities"], 25);

    // Storing a report again changes nothing.
    let again = code_store(&db, "wire-b", "2026-02-24", SECOND);
    assert_eq!(again["stored"]["events"][0]["action"], "already_merged");
    assert_eq!(lines(&db, &["events"]).len(), 1);

    let merges = lines(&db, &["merges"]);
    assert_eq!(merges.len(), 1);
    assert!(merges[0]["reason"].as_str().unwrap().contains("CJNG"));
    let id = merges[0]["id"].as_i64().unwrap().to_string();
    lines(&db, &["merges", "--undo", &id]);
    let events = lines(&db, &["events"]);
    assert_eq!(events.len(), 2);
    assert!(events
        .iter()
        .all(|e| e["sources"].as_array().unwrap().len() == 1));
    let merges = lines(&db, &["merges"]);
    assert!(merges[0]["undone_at"].is_string());

    // A second undo is refused with a clear message.
    let out = Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "merges", "--undo", &id])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already undone"));
}

#[test]
fn a_figure_reported_twice_is_one_ledger_entry_with_two_sources() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    code_store(
        &db,
        "agency-en",
        "2025-12-01",
        "Since January, security forces have arrested 29,000 people, according to the security cabinet.",
    );
    code_store(
        &db,
        "agency-es",
        "2025-12-02",
        "Las autoridades han detenido a 29,000 personas desde enero, informó el gabinete de seguridad.",
    );
    code_store(
        &db,
        "fgr",
        "2025-12-03",
        "Mexico extradited 92 people to the United States in 2025, the attorney general's office said.",
    );
    let ledger = lines(&db, &["ledger"]);
    assert_eq!(ledger.len(), 2, "{ledger:?}");
    let arrests = ledger.iter().find(|e| e["measure"] == "arrested").unwrap();
    assert_eq!(arrests["value"], 29000.0);
    assert_eq!(arrests["scope"], "MX");
    assert_eq!(arrests["sources"].as_array().unwrap().len(), 2);
    assert_eq!(arrests["source"]["doc"], "agency-en");
    // Figures are never counted as events.
    assert!(lines(&db, &["events", "--kind", "arrest"]).is_empty());
    let only = lines(&db, &["ledger", "--measure", "extraditions"]);
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["value"], 92.0);
}

#[test]
fn a_batch_is_stored_in_one_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("batch.db");
    let batch = dir.path().join("batch.jsonl");
    let good = serde_json::json!({"id": "r1", "text": FIRST, "published": "2026-02-23"});
    std::fs::write(
        &batch,
        format!("{good}\n{{\"id\": \"r2\", \"text\": \"x\", \"published\": \"23/02/2026\"}}\n"),
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "code", "--store", "--batch"])
        .arg(&batch)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
    // Nothing from the batch was stored, not even the good first line.
    if db.exists() {
        assert!(lines(&db, &["events"]).is_empty());
    }
    let second = serde_json::json!({"id": "r2", "text": SECOND, "published": "2026-02-24"});
    std::fs::write(&batch, format!("{good}\n{second}\n")).unwrap();
    let out = lines(
        &db,
        &["code", "--store", "--batch", batch.to_str().unwrap()],
    );
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["id"], "r1");
    assert_eq!(out[1]["stored"]["events"][0]["action"], "merged");
}

#[test]
fn impact_on_freshly_coded_reports_says_it_is_too_short_to_conclude() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cjng.db");
    code_store(&db, "wire-a", "2026-02-23", FIRST);
    code_store(&db, "wire-b", "2026-02-24", SECOND);
    // Only accepted news counts: an analyst accepts the coded events.
    let queue = lines(&db, &["review"]);
    let mut accept = vec!["review", "accept", "--by", "analyst"];
    accept.extend(queue.iter().map(|e| e["id"].as_str().unwrap()));
    assert!(accept.len() > 4, "{queue:?}");
    lines(&db, &accept);
    let out = lines(
        &db,
        &[
            "impact",
            "--actor",
            "CJNG",
            "--date",
            "2026-02-22",
            "--treated",
            "14",
            "--period",
            "week",
        ],
    );
    let r = &out[0];
    assert_eq!(r["conclusive"], false, "{r}");
    assert!(r["estimate_pct"].is_null());
    assert!(r["warnings"][0]
        .as_str()
        .unwrap()
        .contains("complete weeks"));
}

/// The same ambush told by an English wire and a Spanish daily: the two languages code
/// the same kind, state, day and actors, so the store keeps one event with both reports.
#[test]
fn an_english_and_a_spanish_report_of_one_ambush_are_one_event_with_two_sources() {
    const EN: &str = "Twenty-five members of the National Guard were killed on Sunday when \
        CJNG gunmen ambushed their convoy in Jalisco, the security cabinet reported.";
    const ES: &str = "Guadalajara, Jalisco, 23 de febrero. Integrantes del CJNG emboscaron el \
        domingo a elementos de la Guardia Nacional en Jalisco; murieron al menos 25 guardias \
        nacionales.";
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let en = code_store(&db, "wire-en", "2026-02-23", EN);
    assert_eq!(en["events"][0]["kind"], "attack_on_forces", "{en}");
    assert_eq!(en["stored"]["events"][0]["action"], "inserted", "{en}");
    let es = code_store(&db, "diario-es", "2026-02-23", ES);
    assert_eq!(es["events"][0]["kind"], "attack_on_forces", "{es}");
    assert_eq!(es["stored"]["events"][0]["action"], "merged", "{es}");

    let events = lines(&db, &["events"]);
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(e["kind"], "attack_on_forces");
    assert_eq!(e["state"], "14");
    assert_eq!(e["date"], "2026-02-22");
    assert_eq!(e["measures"]["fatalities"], 25);
    let docs: Vec<&str> = e["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["wire-en", "diario-es"]);
    let actors: Vec<&str> = e["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(actors, ["CJNG", "National Guard"]);
}

/// The demo codes its built-in reports like `code --store`: the English and Spanish reports
/// of the National Guard ambush are one event with two sources, and the enforcement figures
/// reported in both languages are four ledger entries with two sources each.
#[test]
fn demo_codes_its_reports_into_one_ambush_and_four_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = common::run_ok([
        "--json".as_ref(),
        "demo".as_ref(),
        "--demo-db".as_ref(),
        db.as_os_str(),
        "--events".as_ref(),
        "2000".as_ref(),
    ]);
    let v: Value = serde_json::from_slice(&out).unwrap();
    let news = &v["news"];
    assert_eq!(news["reports"], 4);
    assert_eq!(news["events_new"], 1);
    assert_eq!(news["merged"], 1);
    let ambush: Vec<&Value> = v["scenario"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "attack_on_forces")
        .collect();
    assert_eq!(ambush.len(), 1, "{ambush:?}");
    assert_eq!(ambush[0]["state"], "14");
    assert_eq!(ambush[0]["measures"]["fatalities"], 25.0);
    assert_eq!(ambush[0]["sources"].as_array().unwrap().len(), 2);
    let ledger: Vec<(String, f64, usize)> = news["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["measure"].as_str().unwrap().to_string(),
                f["value"].as_f64().unwrap(),
                f["sources"].as_array().unwrap().len(),
            )
        })
        .collect();
    let want: Vec<(String, f64, usize)> = [
        ("arrested", 29_000.0),
        ("extraditions", 92.0),
        ("pills", 3_500_000.0),
        ("weapons", 23_000.0),
    ]
    .into_iter()
    .map(|(m, v)| (m.to_string(), v, 2))
    .collect();
    assert_eq!(ledger, want);
    // The project's curated kingpin list is imported, the scenario's intervention on it, for
    // the impact view.
    let out = common::run_ok([
        "--json".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        "kingpins".as_ref(),
    ]);
    let list: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rows = include_str!("../../../data/kingpins/kingpins.csv")
        .lines()
        .count()
        - 1;
    assert_eq!(list.len(), rows);
    let mencho = list.last().unwrap();
    assert_eq!(mencho["date"], "2026-02-22");
    assert_eq!(mencho["state"], "14");
    assert_eq!(mencho["base_states"], serde_json::json!(["14"]));
}
