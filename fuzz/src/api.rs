//! The API's query and body parsing, through the whole router (axum's extractors, the
//! parameter parsers, the store's queries) on a small synthetic store.

use std::cell::RefCell;

use atalaya_server::{router, AppState, Config};
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::Store;
use axum::body::Body;
use axum::http::{header, Method, Request};
use axum::Router;
use tower::ServiceExt;

const TOKEN: &str = "fuzz-token-0123456789";

/// Routes whose answers are quick queries, so the fuzzer spends its time on parsing; the
/// analyses (maps, territory, alerts, forecasts) are left to schemathesis, whose cases each
/// can take.
const GET: &[&str] = &[
    "/api/v1/stats",
    "/api/v1/events",
    "/api/v1/events/",
    "/api/v1/series",
    "/api/v1/states",
    "/api/v1/kingpins",
    "/api/v1/ledger",
    "/api/v1/review/articles",
    "/api/v1/review/articles/",
    "/api/v1/review/queue",
    "/api/v1/review/log",
    "/api/v1/feeds",
];

struct Bench {
    _dir: tempfile::TempDir,
    app: Router,
    rt: tokio::runtime::Runtime,
}

thread_local! {
    static BENCH: RefCell<Option<Bench>> = const { RefCell::new(None) };
}

fn bench() -> Bench {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("fuzz.db");
    let csv = dir.path().join("synth.csv");
    let cfg = atalaya_store::synth::SynthConfig {
        events: 300,
        seed: 7,
        ..Default::default()
    };
    atalaya_store::synth::generate_file(&cfg, &csv).expect("synthetic events");
    Store::open(&db)
        .expect("store")
        .import_file(Format::Acled, &csv, ImportOptions::default())
        .expect("import synthetic events");
    let mut config = Config::new(db);
    config.token = Some(TOKEN.into());
    config.rate_per_sec = 0.0;
    let app = router(AppState::new(config).expect("server state"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    Bench { _dir: dir, app, rt }
}

/// Percent-encodes what a URI may not hold, keeping the query's own syntax (`&`, `=`, `%`,
/// `+`) so the parsers see both well-formed and broken escapes.
fn uri_part(bytes: &[u8], keep: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// First byte: the route (the last choice is POST /api/v1/review/decisions, the rest of the
/// input its body); the rest: the query string, or the path segment for `/{id}` routes.
/// No input may make the server fail (5xx) or answer 200 with a body that is not its type.
pub fn api(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let choice = pick as usize % (GET.len() + 1);
    let req = if choice == GET.len() {
        Request::builder()
            .method(Method::POST)
            .uri("/api/v1/review/decisions")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::from(rest.to_vec()))
    } else {
        let route = GET[choice];
        let uri = if route.ends_with('/') {
            format!("{route}{}", uri_part(rest, b""))
        } else {
            format!("{route}?{}", uri_part(rest, b"&=%+"))
        };
        Request::builder().uri(uri).body(Body::empty())
    };
    let req = req.expect("an encoded URI is valid");
    BENCH.with(|cell| {
        let mut cell = cell.borrow_mut();
        let b = cell.get_or_insert_with(bench);
        let (status, ct, body) = b.rt.block_on(async {
            let r = b.app.clone().oneshot(req).await.expect("infallible");
            let status = r.status();
            let ct = r
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            let body = axum::body::to_bytes(r.into_body(), usize::MAX)
                .await
                .expect("body");
            (status, ct, body)
        });
        assert!(
            !status.is_server_error(),
            "{status} on choice {choice}: {}",
            String::from_utf8_lossy(&body)
        );
        if ct.starts_with("application/json") {
            serde_json::from_slice::<serde_json::Value>(&body).expect("JSON answers parse");
        }
    });
}
