//! A reader that stops early (`atalaya events | head -1`) ends the command quietly with
//! success, not with a "Broken pipe" error.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn output_cut_short_by_the_reader_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let csv = dir.path().join("s.csv");
    common::run_ok(["synth", "--events", "3000", "--out", csv.to_str().unwrap()]);
    common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "import",
        "acled",
        csv.to_str().unwrap(),
    ]);
    for args in [
        vec!["events", "--json"],
        vec!["events"],
        vec!["series", "--period", "week", "--by", "state"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_atalaya"))
            .arg("--db")
            .arg(&db)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        // Dropping our end of the pipe is what `head` does after its lines.
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
