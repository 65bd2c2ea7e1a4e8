//! The review routes through the whole router: articles and their events, decisions behind
//! a reviewer's token (each recorded with its reviewer; the single --token still works), the
//! map's counts following at once, the audit log and the coder's scores on the reviews.

use atalaya_server::{router, AppState, Config, Reviewer};
use atalaya_store::Store;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use tower::ServiceExt;

const TOKEN: &str = "single-token-0123456789";
const ANA: &str = "ana-token-0123456789";
const BO: &str = "bo-token-01234567890";

fn send(app: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let r = app.clone().oneshot(req).await.unwrap();
        let status = r.status();
        let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    })
}

fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    send(
        app,
        Request::builder().uri(uri).body(Body::empty()).unwrap(),
    )
}

fn post(app: &Router, token: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut b = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/review/decisions")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    send(app, b.body(Body::from(body.to_string())).unwrap())
}

/// A database with one coded report of three incidents, pending review.
fn setup() -> (tempfile::TempDir, Router, Router) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    Store::open(&db).unwrap();
    let app = |reviewers: bool| {
        let mut c = Config::new(db.clone());
        c.token = Some(TOKEN.into());
        c.rate_per_sec = 0.0;
        if reviewers {
            c.reviewers = vec![
                Reviewer {
                    name: "Ana".into(),
                    token: ANA.into(),
                },
                Reviewer {
                    name: "Bo".into(),
                    token: BO.into(),
                },
            ];
        }
        router(AppState::new(c).unwrap())
    };
    let (with, without) = (app(true), app(false));
    let text = "Gunmen killed four police officers in Culiacán, Sinaloa, on Monday, state authorities said. \
                In Guadalajara, Jalisco, members of the CJNG set fire to 12 vehicles to block roads on Tuesday.";
    let (s, v) = send(
        &with,
        Request::builder()
            .method(Method::POST)
            .uri("/api/v1/code")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                json!({"text": text, "published": "2024-09-12", "doc": "wire"}).to_string(),
            ))
            .unwrap(),
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    (dir, with, without)
}

fn count(app: &Router, state: &str) -> f64 {
    let (_, v) = get(
        app,
        &format!("/api/v1/series?period=month&state={state}&from=2024-09-01&to=2024-09-30"),
    );
    v["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .sum()
}

#[test]
fn reviewers_decide_and_the_counts_follow() {
    let (_dir, app, single) = setup();
    let (s, list) = get(&app, "/api/v1/review/articles");
    assert_eq!(s, StatusCode::OK);
    let a = &list["articles"][0];
    assert_eq!(
        (a["pending"].as_u64(), a["events"].as_u64()),
        (Some(2), Some(2)),
        "{list}"
    );
    let (_, art) = get(&app, &format!("/api/v1/review/articles/{}", a["id"]));
    let events = art["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert!(art["article"]["text"]
        .as_str()
        .unwrap()
        .contains("Culiacán"));
    let span = events[0]["sources"][0]["span"].clone();
    assert!(span.is_array(), "{span}");
    let (sinaloa, jalisco) = (
        events[0]["id"].as_str().unwrap(),
        events[1]["id"].as_str().unwrap(),
    );
    assert_eq!(events[0]["review"], "pending");
    assert_eq!(count(&app, "25"), 0.0);

    // No token, a wrong one, a token on a server without writers.
    assert_eq!(
        post(&app, None, json!({"event": sinaloa, "decision": "accept"})).0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post(
            &app,
            Some("wrong-token-0123456789"),
            json!({"event": sinaloa, "decision": "accept"})
        )
        .0,
        StatusCode::UNAUTHORIZED
    );
    let (s, v) = post(
        &app,
        Some(ANA),
        json!({"event": sinaloa, "decision": "maybe"}),
    );
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");

    let (s, v) = post(
        &app,
        Some(ANA),
        json!({"event": sinaloa, "decision": "accept"}),
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["decision"]["by"].as_str(), v["event"]["review"].as_str()),
        (Some("Ana"), Some("accepted"))
    );
    assert_eq!(count(&app, "25"), 1.0, "an accepted event counts at once");
    let (s, v) = post(
        &app,
        Some(BO),
        json!({"event": jalisco, "decision": "edit",
        "edit": {"state": "16", "measures": {"vehicles_burned": null, "fatalities": 2}}}),
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["event"]["state"], "16");
    assert_eq!(v["event"]["measures"], json!({"fatalities": 2}));
    assert_eq!((count(&app, "14"), count(&app, "16")), (0.0, 1.0));
    // The single token still writes; the body may name who decides.
    let (s, v) = post(
        &single,
        Some(TOKEN),
        json!({"event": jalisco, "decision": "reject", "reason": "a duplicate", "by": "Cy"}),
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(count(&app, "16"), 0.0);
    let (s, v) = post(
        &app,
        Some(ANA),
        json!({"event": jalisco, "decision": "undo"}),
    );
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["event"]["review"], "accepted");
    let (s, v) = post(
        &app,
        Some(ANA),
        json!({"event": "ucdp:1", "decision": "accept"}),
    );
    // Well formed, naming no event: 404 (the document's rule: 400 only for what it forbids).
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");

    let (_, log) = get(&app, "/api/v1/review/log");
    let who: Vec<(String, String)> = log["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["decision"].as_str().unwrap().into(),
                d["by"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        who,
        [
            ("accept", "Ana"),
            ("edit", "Bo"),
            ("reject", "Cy"),
            ("undo", "Ana")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let (_, q) = get(&app, "/api/v1/review/queue?status=accepted");
    assert_eq!(q["events"].as_array().unwrap().len(), 2);
    // Both events reviewed: the coder against the analysts' decisions (one corrected state).
    let (_, q) = get(&app, "/api/v1/review/quality?days=30");
    assert_eq!(q["articles"], 1, "{q}");
    assert_eq!(
        (
            q["events_gold"].as_u64(),
            q["events_coded"].as_u64(),
            q["events_matched"].as_u64()
        ),
        (Some(2), Some(2), Some(1)),
        "{q}"
    );
    assert_eq!(q["event_precision"], 0.5);
    let (_, f) = get(&app, "/api/v1/feeds");
    assert_eq!(f["feeds"], json!([]));
    let (s, _) = get(&app, "/review");
    assert_eq!(s, StatusCode::OK);
}
