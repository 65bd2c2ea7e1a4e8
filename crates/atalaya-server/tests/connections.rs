//! The accept loop's bounds over real sockets: clients that trickle their headers or send
//! nothing are dropped after the header timeout, and while they hang on, other clients are
//! served (below the connection cap at once, above it as soon as slots free up).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use atalaya_server::{serve, Config};
use atalaya_store::Store;

/// A server on an empty store in a thread of its own (it runs until the test process ends).
fn start(max_connections: usize, header_timeout: Duration) -> (tempfile::TempDir, SocketAddr) {
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("conn.db");
    Store::open(&db).unwrap();
    let mut config = Config::new(db);
    config.rate_per_sec = 0.0;
    config.max_connections = max_connections;
    config.header_timeout = header_timeout;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        serve(config, "127.0.0.1:0".parse().unwrap(), |a| {
            tx.send(a).unwrap()
        })
        .unwrap();
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    (dir, addr)
}

/// One whole request on a new connection: the status line and the time it took.
fn request(addr: SocketAddr) -> (String, Duration) {
    let t = Instant::now();
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(b"GET /api/v1/states HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).unwrap();
    let text = String::from_utf8_lossy(&answer);
    (text.lines().next().unwrap_or("").to_string(), t.elapsed())
}

/// Opens a connection that sends a request's headers one byte every `pause`, never ending
/// them; reports how long the server kept it open (until a write or read fails).
fn trickle(addr: SocketAddr, pause: Duration, stop: Arc<AtomicBool>) -> Duration {
    let t = Instant::now();
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(pause)).unwrap();
    let head = b"GET /api/v1/states HTTP/1.1\r\nHost: test\r\nX-Slow: ";
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) {
        let byte = head.get(i).copied().unwrap_or(b'a');
        if s.write_all(&[byte]).is_err() {
            break;
        }
        i += 1;
        let mut buf = [0u8; 256];
        match s.read(&mut buf) {
            // Closed (perhaps after a 408): the server let go.
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => break,
        }
    }
    t.elapsed()
}

#[test]
fn slow_clients_are_dropped_and_others_served_meanwhile() {
    let timeout = Duration::from_secs(2);
    let (_dir, addr) = start(64, timeout);
    let stop = Arc::new(AtomicBool::new(false));
    let slow: Vec<_> = (0..40)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || trickle(addr, Duration::from_millis(100), stop))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..5 {
        let (status, took) = request(addr);
        assert!(status.contains(" 200 "), "{status}");
        assert!(took < Duration::from_secs(1), "answered in {took:?}");
    }
    // Every trickling client is let go at the header timeout, not kept for ever (a
    // watchdog ends them at 15 s if the server does not).
    {
        let stop = stop.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(15));
            stop.store(true, Ordering::Relaxed);
        });
    }
    for h in slow {
        let held = h.join().unwrap();
        assert!(
            held >= timeout - Duration::from_millis(500) && held < Duration::from_secs(10),
            "a slow client was held {held:?}"
        );
    }
}

#[test]
fn past_the_cap_a_client_waits_only_until_idle_connections_time_out() {
    let timeout = Duration::from_secs(1);
    let (_dir, addr) = start(4, timeout);
    // Four connections that send nothing fill the cap.
    let idle: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(100));
    let (status, took) = request(addr);
    assert!(status.contains(" 200 "), "{status}");
    assert!(
        took >= Duration::from_millis(700) && took < Duration::from_secs(5),
        "the fifth client was answered after {took:?}"
    );
    // The idle ones were closed by the server.
    for mut s in idle {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = [0u8; 64];
        let n = s.read(&mut buf).unwrap_or(0);
        let text = String::from_utf8_lossy(&buf[..n]);
        assert!(n == 0 || text.starts_with("HTTP/1.1 408"), "{text}");
    }
}
