//! `review` end to end: the queue, decisions and their log, and the loop back to the coder —
//! `review export-gold` writes the reviewed articles so `eval coder` scores the coder on the
//! analysts' decisions.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn code_store(db: &Path, doc: &str, published: &str, text: &str) {
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
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
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

fn fails(db: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const REPORT: &str = "Gunmen killed four police officers in Culiacán, Sinaloa, on Monday, state authorities said. \
    In Guadalajara, Jalisco, members of the CJNG set fire to 12 vehicles to block roads on Tuesday.";
const OTHER: &str = "Soldiers arrested five suspected members of the Familia Michoacana in Apatzingán, Michoacán, on Wednesday.";

fn sept(db: &Path, state: &str) -> f64 {
    lines(
        db,
        &[
            "series",
            "--period",
            "month",
            "--state",
            state,
            "--from",
            "2024-09-01",
            "--to",
            "2024-09-30",
        ],
    )[0]["value"]
        .as_f64()
        .unwrap()
}

#[test]
fn decisions_count_and_export_gold_scores_the_coder_on_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    code_store(&db, "wire", "2024-09-12", REPORT);
    code_store(&db, "other", "2024-09-12", OTHER);
    let queue = lines(&db, &["review"]);
    assert_eq!(queue.len(), 3, "{queue:?}");
    assert!(queue.iter().all(|e| e["review"] == "pending"));
    let id = |i: usize| queue[i]["id"].as_str().unwrap().to_string();
    assert_eq!(queue[0]["state"], "25");
    assert_eq!(queue[1]["state"], "14");
    assert_eq!(sept(&db, "25"), 0.0, "pending events do not count");
    // events lists them all by default and filters by status.
    assert_eq!(lines(&db, &["events", "--review", "pending"]).len(), 3);
    assert_eq!(lines(&db, &["events", "--review", "counted"]).len(), 0);

    let d = lines(&db, &["review", "accept", &id(0), "--by", "ana"]);
    assert_eq!(
        (d[0]["decision"].as_str(), d[0]["by"].as_str()),
        (Some("accept"), Some("ana"))
    );
    assert_eq!(sept(&db, "25"), 1.0);
    lines(
        &db,
        &[
            "review",
            "edit",
            &id(1),
            "--state",
            "16",
            "--measure",
            "vehicles_burned=",
            "--by",
            "bo",
        ],
    );
    assert_eq!((sept(&db, "14"), sept(&db, "16")), (0.0, 1.0));
    // The other article stays pending: it is not reviewed yet, so it is not exported.
    let out = dir.path().join("gold.jsonl");
    let r = lines(&db, &["review", "export-gold", out.to_str().unwrap()]);
    assert_eq!(r[0]["articles"], 1);
    let gold: Vec<Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(gold[0]["text"], REPORT);
    assert_eq!(gold[0]["published"], "2024-09-12");
    let states: Vec<&str> = gold[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["25", "16"]);
    // The coder agrees with one of the two decisions: the accepted event; the edited one moved
    // to another state, so the coder's Jalisco event misses it.
    let s = &lines(&db, &["eval", "coder", out.to_str().unwrap()])[0];
    assert_eq!(
        (s["event_precision"].as_f64(), s["event_recall"].as_f64()),
        (Some(0.5), Some(0.5)),
        "{s}"
    );

    // Rejecting the second article's event reviews it: the gold says it has no event.
    lines(
        &db,
        &[
            "review",
            "reject",
            &id(2),
            "--reason",
            "a routine arrest",
            "--by",
            "ana",
        ],
    );
    lines(&db, &["review", "export-gold", out.to_str().unwrap()]);
    let s = &lines(&db, &["eval", "coder", out.to_str().unwrap()])[0];
    assert_eq!(
        (s["event_precision"].as_f64(), s["event_recall"].as_f64()),
        (Some(1.0 / 3.0), Some(0.5)),
        "{s}"
    );

    // Undo: the edited event is pending again, in its coded state, and counts nowhere.
    let u = lines(&db, &["review", "undo", &id(1), "--by", "ana"]);
    assert_eq!(u[0]["after"]["state"], "14");
    assert_eq!(u[0]["after"]["review"], "pending");
    assert_eq!((sept(&db, "14"), sept(&db, "16")), (0.0, 0.0));
    assert!(fails(&db, &["review", "undo", &id(1)]).contains("no decision to undo"));
    let log = lines(&db, &["review", "log"]);
    let kinds: Vec<&str> = log
        .iter()
        .map(|d| d["decision"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["accept", "edit", "reject", "undo"]);
    assert_eq!(log[2]["reason"], "a routine arrest");
    assert_eq!(log[1]["before"]["state"], "14");
    assert_eq!(log[1]["after"]["state"], "16");
    assert_eq!(log[3]["undone_by"], Value::Null);
    assert_eq!(log[1]["undone_by"], log[3]["id"]);
    assert_eq!(lines(&db, &["review", "--status", "accepted"]).len(), 1);

    // Bad input: an unknown event, an imported one, an edit that says nothing.
    assert!(fails(&db, &["review", "accept", "news:nope:0"]).contains("no event"));
    assert!(fails(&db, &["review", "edit", &id(0)]).contains("say what to change"));
    assert!(
        fails(&db, &["review", "edit", &id(0), "--measure", "fatalities"]).contains("NAME=VALUE")
    );
}

#[test]
fn ingest_a_folder_then_review_what_it_coded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("i.db");
    let pages = dir.path().join("pages");
    atalaya_ingest::corpus::write_pages(&pages, 8, 1).unwrap();
    std::fs::write(pages.join("bad.json"), "{").unwrap();
    let out = lines(&db, &["ingest", pages.to_str().unwrap()]);
    assert_eq!(out[0]["articles_new"], 8, "{out:?}");
    assert_eq!(out[0]["failed"], 1);
    assert!(out[1]["item"].as_str().unwrap().ends_with("bad.json"));
    let again = lines(&db, &["ingest", pages.to_str().unwrap()]);
    assert_eq!(
        (
            again[0]["articles_new"].as_u64(),
            again[0]["articles_seen"].as_u64()
        ),
        (Some(0), Some(8))
    );
    let queue = lines(&db, &["review"]);
    // Every stored event waits for review (some reports merged into an earlier one).
    assert!(!queue.is_empty());
    assert_eq!(queue.len(), lines(&db, &["events"]).len());
    // Nothing readable at all: exit 1.
    assert!(fails(
        &db,
        &["ingest", dir.path().join("nowhere").to_str().unwrap()]
    )
    .contains(""));
    let b = lines(&db, &["bench-ingest", "--articles", "20", "--repeat", "1"]);
    assert!(
        b[0]["articles_per_second_per_core"].as_f64().unwrap() > 0.0,
        "{b:?}"
    );
}
