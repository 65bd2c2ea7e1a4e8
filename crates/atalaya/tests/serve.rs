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

/// Serves one article page to every request, on a loopback port, for the feed test.
fn article_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let body = "<html><head><title>Ataque en Celaya</title></head><body><article>\
                <h1>Ataque en Celaya</h1><p>CELAYA, Gto.— Hombres armados asesinaron a cinco \
                personas en un bar de Celaya, Guanajuato, la noche del sábado, informó la \
                Fiscalía del estado.</p></article></body></html>";
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://{addr}")
}

#[test]
fn serve_polls_its_feeds_and_reports_each_poll() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    // A database to serve: one stored report.
    let made = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["code", "--store", "--published", "2024-03-10", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .and_then(|mut c| {
            c.stdin
                .take()
                .unwrap()
                .write_all(b"Soldados detuvieron a tres hombres en Culiac\xc3\xa1n el lunes.")?;
            c.wait()
        })
        .unwrap();
    assert!(made.success());
    let site = article_server();
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>\
             <item><title>Ataque en Celaya</title><link>{site}/celaya</link>\
             <pubDate>Sun, 10 Mar 2024 08:00:00 GMT</pubDate></item></channel></rss>"
        ),
    )
    .unwrap();
    let feeds = dir.path().join("feeds.toml");
    std::fs::write(
        &feeds,
        format!(
            "[[feed]]\nname = \"Local\"\nurl = {:?}\ninterval = \"1h\"\n\n\
             [[feed]]\nname = \"Gone\"\nurl = {:?}\n",
            feed.display().to_string(),
            dir.path().join("missing.xml").display().to_string()
        ),
    )
    .unwrap();
    let child = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["serve", "--addr", "127.0.0.1:0", "--feeds"])
        .arg(&feeds)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let url = url_of(&mut server);
    // Both feeds are polled at start; wait for their first polls to end.
    let mut feeds_now = serde_json::Value::Null;
    for _ in 0..100 {
        let (status, body) = http_get(&url, "/api/v1/feeds");
        assert_eq!(status, 200, "{body}");
        feeds_now = serde_json::from_str(&body).unwrap();
        let done = feeds_now["feeds"]
            .as_array()
            .is_some_and(|f| f.len() == 2 && f.iter().all(|f| !f["last_poll"].is_null()));
        if done {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let f = &feeds_now["feeds"];
    assert_eq!(f[0]["name"], "Local", "{feeds_now}");
    assert_eq!(f[0]["articles_new"], 1, "{feeds_now}");
    assert!(f[0]["events"].as_u64().unwrap() >= 1, "{feeds_now}");
    assert_eq!(f[0]["errors"], serde_json::json!([]), "{feeds_now}");
    assert_eq!(f[0]["interval_seconds"], 3600);
    // The missing feed's poll failed, and says why.
    assert_eq!(f[1]["name"], "Gone");
    assert!(!f[1]["last_poll"].is_null(), "{feeds_now}");
    let failure = &f[1]["errors"][0];
    assert!(
        failure["item"]
            .as_str()
            .unwrap_or("")
            .ends_with("missing.xml"),
        "{feeds_now}"
    );
    assert!(
        failure["error"]
            .as_str()
            .unwrap_or("")
            .contains("No such file"),
        "{feeds_now}"
    );
    // The polled article's events wait for review.
    let (status, body) = http_get(&url, "/api/v1/review/queue");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Celaya"), "{body}");
}
