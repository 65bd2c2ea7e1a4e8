//! `atalaya serve` and `atalaya demo --serve` as a user runs them: a real process on a
//! loopback port, asked over HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

/// Kills the server when the test ends, whether it passed or not.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads the server's stdout up to the line with its URL.
fn url_of(server: &mut Server) -> String {
    let out = server.0.stdout.take().unwrap();
    for line in BufReader::new(out).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("Atalaya dashboard: ") {
            return rest.split_whitespace().next().unwrap().to_string();
        }
    }
    panic!("the server ended without printing its URL");
}

fn http_get(url: &str, path: &str) -> (u16, String) {
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut s = TcpStream::connect(&host).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

#[test]
fn demo_serve_builds_the_demo_then_serves_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let child = Command::new(BIN)
        .args([
            "demo",
            "--events",
            "2000",
            "--serve",
            "--addr",
            "127.0.0.1:0",
        ])
        .arg("--demo-db")
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let url = url_of(&mut server);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let (status, body) = http_get(&url, "/api/v1/stats");
    assert_eq!(status, 200, "{body}");
    let stats: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(stats["events"].as_u64().unwrap() > 2000, "{stats}");
    let (status, page) = http_get(&url, "/");
    assert_eq!(status, 200);
    assert!(page.contains("Atalaya"));
    let (status, body) = http_get(&url, "/api/v1/events?state=Atlantis");
    assert_eq!(status, 400);
    assert!(body.contains("Atlantis"));
}

#[test]
fn serve_refuses_a_missing_database_and_bad_options() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&missing)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database at"));
    assert!(!missing.exists(), "serve must not create a database");

    let db = dir.path().join("x.db");
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["stats"])
        .output()
        .unwrap();
    assert!(out.status.success());
    for (args, needle) in [
        (vec!["--cors", "*"], "--cors"),
        (vec!["--token", "short"], "--token"),
        (vec!["--geo", "/nonexistent.geojson"], "--geo"),
    ] {
        let out = Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    let out = Command::new(BIN)
        .args(["serve", "--addr", "not-an-address"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(BIN)
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--token") && help.contains("ATALAYA_TOKEN"),
        "{help}"
    );
}
