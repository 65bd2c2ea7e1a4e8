//! Every API route through the whole router (layers included), with good and bad input.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use atalaya_server::{route_list, router, AppState, Config};
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::synth::{self, SynthConfig};
use atalaya_store::Store;
use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789";

const KINGPINS: &str = "date,date_precision,event_type,name,alias,organization,place,cve_ent,source_url,note
2024-07-25,day,captured,Ismael Zambada García,El Mayo,Sinaloa Cartel,Santa Teresa,,https://example.org/mayo,detained in the United States
2016-01-08,day,captured,Joaquín Guzmán Loera,El Chapo,Sinaloa Cartel,Los Mochis,25,https://example.org/chapo,recaptured in Los Mochis
";

/// One database for the whole file: 3,000 synthetic events and two interventions.
fn db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("synth.csv");
        let cfg = SynthConfig {
            events: 3000,
            seed: 5,
            ..SynthConfig::default()
        };
        synth::generate_file(&cfg, &csv).unwrap();
        let kp = dir.path().join("kingpins.csv");
        std::fs::write(&kp, KINGPINS).unwrap();
        let path = dir.path().join("api.db");
        import_all(&path, &[(Format::Acled, &csv), (Format::Kingpins, &kp)]);
        (dir, path)
    })
    .1
}

fn config() -> Config {
    let mut c = Config::new(db().to_path_buf());
    c.token = Some(TOKEN.to_string());
    c.rate_per_sec = 0.0;
    c
}

fn app(c: Config) -> Router {
    router(AppState::new(c).unwrap())
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    /// An error reply: JSON with a message containing `needle`.
    fn error(&self, status: StatusCode, needle: &str) {
        assert_eq!(self.status, status, "{}", self.text);
        let ct = self.headers[header::CONTENT_TYPE].to_str().unwrap();
        assert!(ct.starts_with("application/json"), "{ct}");
        let msg = self.json()["error"].as_str().unwrap().to_string();
        assert!(msg.contains(needle), "{msg:?} should contain {needle:?}");
    }
}

fn send(app: &Router, req: Request<Body>) -> Reply {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let r = app.clone().oneshot(req).await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap();
        Reply {
            status,
            headers,
            text: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    })
}

fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap())
}

fn post_code(app: &Router, auth: Option<&str>, body: String) -> Reply {
    let mut b = Request::post("/api/v1/code").header(header::CONTENT_TYPE, "application/json");
    if let Some(a) = auth {
        b = b.header(header::AUTHORIZATION, a);
    }
    send(app, b.body(Body::from(body)).unwrap())
}

#[test]
fn the_openapi_document_lists_exactly_the_routes() {
    let app = app(config());
    let doc = get(&app, "/api/v1/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = route_list().into_iter().collect();
    assert_eq!(documented, routed);
    assert!(routed.len() >= 23, "{routed:?}");
    // And each route is really served: none falls through to the no-route answer.
    for (m, p) in &routed {
        let uri = p.replace("{id}", "x");
        let r = send(
            &app,
            Request::builder()
                .method(m.as_str())
                .uri(&uri)
                .body(Body::empty())
                .unwrap(),
        );
        assert!(!r.text.contains("no such route"), "{m} {uri}: {}", r.text);
    }
}

#[test]
fn stats_count_what_was_imported() {
    let s = get(&app(config()), "/api/v1/stats").json();
    // The generator adds the shock's events to the 3,000 asked for.
    let n = s["events"].as_u64().unwrap();
    assert!((3000..3100).contains(&n), "{n}");
    assert_eq!(s["interventions"], 2);
    let by_state: u64 = s["by_state"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_state, n);
}

#[test]
fn events_page_through_everything_with_the_cursor() {
    let app = app(config());
    let first = get(&app, "/api/v1/events").json();
    assert_eq!(first["limit"], 100);
    assert_eq!(first["events"].as_array().unwrap().len(), 100);
    let mut ids = BTreeSet::new();
    let mut dates = Vec::new();
    let mut uri = "/api/v1/events?limit=1000".to_string();
    let mut pages = 0;
    loop {
        let page = get(&app, &uri).json();
        for e in page["events"].as_array().unwrap() {
            assert!(
                ids.insert(e["id"].as_str().unwrap().to_string()),
                "repeated {e}"
            );
            dates.push(e["date"].as_str().unwrap_or("").to_string());
        }
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/v1/events?limit=1000&cursor={c}"),
            None => break,
        }
    }
    let n = get(&app, "/api/v1/stats").json()["events"]
        .as_u64()
        .unwrap() as usize;
    assert_eq!(pages, n.div_ceil(1000));
    assert_eq!(ids.len(), n);
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "pages out of date order"
    );
}

#[test]
fn event_filters_apply() {
    let app = app(config());
    let r = get(
        &app,
        "/api/v1/events?state=Jalisco&from=2021-01-01&to=2021-12-31&limit=1000",
    )
    .json();
    let evs = r["events"].as_array().unwrap();
    assert!(!evs.is_empty());
    for e in evs {
        assert_eq!(e["state"], "14");
        let d = e["date"].as_str().unwrap();
        assert!(("2021-01-01"..="2021-12-31").contains(&d), "{d}");
    }
    let one = &evs[0];
    let id = one["id"].as_str().unwrap();
    let got = get(&app, &format!("/api/v1/events/{id}")).json();
    assert_eq!(&got, one);
    get(&app, "/api/v1/events/acled:NOPE").error(StatusCode::NOT_FOUND, "acled:NOPE");
}

#[test]
fn bad_event_parameters_are_400_naming_the_parameter() {
    let app = app(config());
    for (q, needle) in [
        (
            "state=Atlantis",
            "state: \"Atlantis\" is not a Mexican state",
        ),
        ("state=33", "state"),
        ("from=2024-1-01", "from:"),
        ("from=%202024-01-01", "from:"),
        ("limit=+5", "not a whole number"),
        ("limit=05", "not a whole number"),
        ("state=1", "state"),
        ("kind=Armed_clash", "kind:"),
        ("cursor=ABCD", "cursor"),
        ("from=2024-13-01", "from:"),
        ("from=0001-01-01", "outside the years"),
        ("limit=1000000", "limit: 1000000 is out of range"),
        ("limit=0", "limit"),
        ("limit=ten", "not a whole number"),
        ("kind=picnic", "kind:"),
        ("cursor=zz", "cursor"),
        ("colour=red", "unknown field"),
        ("state=", "state: empty value"),
    ] {
        get(&app, &format!("/api/v1/events?{q}")).error(StatusCode::BAD_REQUEST, needle);
    }
}

#[test]
fn series_are_zero_filled_and_checked() {
    let app = app(config());
    let r = get(
        &app,
        "/api/v1/series?period=week&state=25&from=2022-01-03&to=2023-01-01",
    )
    .json();
    let points = r["points"].as_array().unwrap();
    assert_eq!(points.len(), 52);
    assert!(points.iter().all(|p| p["key"] == "25"));
    let total: f64 = get(&app, "/api/v1/series?period=month&by=state").json()["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .sum();
    let s = get(&app, "/api/v1/stats").json();
    assert_eq!(
        total,
        (s["events"].as_u64().unwrap() - s["undated"].as_u64().unwrap()) as f64
    );
    for (q, needle) in [
        ("", "period: required"),
        ("period=day", "period: \"day\""),
        ("period=week&by=colour", "by:"),
        ("period=week&state=Atlantis", "state"),
    ] {
        get(&app, &format!("/api/v1/series?{q}")).error(StatusCode::BAD_REQUEST, needle);
    }
    // Well formed, but nothing the store holds: 404.
    get(
        &app,
        "/api/v1/series?period=month&measure=robo_de_bicicletas",
    )
    .error(StatusCode::NOT_FOUND, "robo_de_bicicletas");
    // One actor's events split by kind (the aggregates by actor hold no kinds).
    let by_kind = get(
        &app,
        "/api/v1/series?period=month&by=kind&actor=CJNG&state=14",
    );
    assert_eq!(by_kind.status, StatusCode::OK, "{}", by_kind.text);
}

#[test]
fn the_gazetteer_routes() {
    let app = app(config());
    let s = get(&app, "/api/v1/states").json();
    let states = s["states"].as_array().unwrap();
    assert_eq!(states.len(), 32);
    assert_eq!(states[24]["name"], "Sinaloa");
    let n: Vec<&str> = states[24]["neighbours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(n, ["08", "10", "18", "26"]);
    let a = get(&app, "/api/v1/adjacency").json();
    assert_eq!(a["pairs"].as_array().unwrap().len(), 67);
}

fn square_states(dir: &Path, leave_out: Option<&str>) -> PathBuf {
    let features: Vec<Value> = (1..=32)
        .map(|i| format!("{i:02}"))
        .filter(|c| Some(c.as_str()) != leave_out)
        .enumerate()
        .map(|(i, code)| {
            let (x, y) = (-117.0 + (i % 8) as f64 * 3.0, 15.0 + (i / 8) as f64 * 3.0);
            serde_json::json!({"type": "Feature", "properties": {"cve_ent": code},
                "geometry": {"type": "Polygon", "coordinates": [[[x, y], [x + 2.0, y], [x + 2.0, y + 2.0], [x, y]]]}})
        })
        .collect();
    let p = dir.join(format!("squares-{}.geojson", leave_out.unwrap_or("all")));
    std::fs::write(
        &p,
        serde_json::json!({"type": "FeatureCollection", "features": features}).to_string(),
    )
    .unwrap();
    p
}

#[test]
fn geometry_is_the_given_file_else_the_built_in_outlines() {
    let g = get(&app(config()), "/api/v1/geometry").json();
    assert_eq!(g["features"].as_array().unwrap().len(), 32);
    assert_eq!(
        g["attribution"],
        atalaya_charts::state_map::BUILTIN_ATTRIBUTION
    );
    let dir = tempfile::tempdir().unwrap();
    let mut c = config();
    c.geo = Some(square_states(dir.path(), None));
    let g = get(&app(c), "/api/v1/geometry").json();
    assert_eq!(g["features"].as_array().unwrap().len(), 32);
    let mut c = config();
    c.geo = Some(square_states(dir.path(), Some("09")));
    let e = AppState::new(c).err().unwrap().to_string();
    assert!(e.contains("no shape for states 09"), "{e}");
}

#[test]
fn the_real_inegi_boundaries_load() {
    let Some(geo) = atalaya_store::shared_data::file_for_test("geo/mx_states_inegi.geojson") else {
        return;
    };
    let mut c = config();
    c.geo = Some(geo);
    let g = get(&app(c), "/api/v1/geometry").json();
    assert_eq!(g["features"].as_array().unwrap().len(), 32);
}

#[test]
fn kingpins_list_the_interventions_by_date() {
    let k = get(&app(config()), "/api/v1/kingpins").json();
    let list = k["interventions"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["date"], "2016-01-08");
    assert_eq!(list[1]["alias"], "El Mayo");
}

#[test]
fn coding_needs_the_token() {
    let app = app(config());
    let body = serde_json::json!({
        "text": "CULIACAN, Mexico (AP) — Gunmen killed five police officers in Culiacán, Sinaloa, on Monday.",
        "published": "2024-09-10",
        "lang": "en",
        "store": false,
    })
    .to_string();
    let r = post_code(&app, None, body.clone());
    r.error(StatusCode::UNAUTHORIZED, "Bearer");
    assert_eq!(r.headers[header::WWW_AUTHENTICATE], "Bearer");
    post_code(&app, Some("Bearer not-the-token"), body.clone())
        .error(StatusCode::UNAUTHORIZED, "wrong");
    let ok = post_code(&app, Some(&format!("Bearer {TOKEN}")), body.clone());
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    let v = ok.json();
    assert_eq!(v["stored"], Value::Null);
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty(), "{v}");
    assert_eq!(events[0]["state"], "25");
    // A server started without a token does not write at all.
    let mut c = config();
    c.token = None;
    post_code(&self::app(c), Some(&format!("Bearer {TOKEN}")), body)
        .error(StatusCode::FORBIDDEN, "--token");
}

#[test]
fn coding_checks_its_body() {
    let app = app(config());
    let auth = format!("Bearer {TOKEN}");
    let huge =
        serde_json::json!({"text": "a".repeat(300_000), "published": "2024-01-01"}).to_string();
    post_code(&app, Some(&auth), huge).error(StatusCode::PAYLOAD_TOO_LARGE, "");
    post_code(&app, Some(&auth), "{not json".into()).error(StatusCode::BAD_REQUEST, "body:");
    post_code(
        &app,
        Some(&auth),
        r#"{"text": "x", "published": "yesterday"}"#.into(),
    )
    .error(StatusCode::BAD_REQUEST, "published:");
    post_code(
        &app,
        Some(&auth),
        r#"{"text": "x", "published": "2024-01-01", "lang": "fr"}"#.into(),
    )
    .error(StatusCode::BAD_REQUEST, "lang:");
    post_code(
        &app,
        Some(&auth),
        r#"{"text": "", "published": "2024-01-01"}"#.into(),
    )
    .error(StatusCode::BAD_REQUEST, "text: empty");
    // A text of spaces is a text, with nothing in it to code.
    let r = post_code(
        &app,
        Some(&auth),
        r#"{"text": "  ", "published": "2024-01-01", "store": false}"#.into(),
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["events"], serde_json::json!([]));
}

#[test]
fn unknown_routes_and_methods_are_json_errors() {
    let app = app(config());
    get(&app, "/api/v1/nothing").error(StatusCode::NOT_FOUND, "no such route: GET /api/v1/nothing");
    send(
        &app,
        Request::post("/api/v1/stats").body(Body::empty()).unwrap(),
    )
    .error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
}

#[test]
fn every_response_carries_security_headers_and_no_cors_by_default() {
    let app = app(config());
    for uri in ["/", "/api/v1/stats", "/api/v1/nothing"] {
        let r = get(&app, uri);
        assert!(r.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'"));
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(r.headers[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(r.headers[header::REFERRER_POLICY], "no-referrer");
        assert!(r.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    }
}

#[test]
fn cors_answers_only_the_configured_origin() {
    let mut c = config();
    c.cors = Some("https://observatorio.example".into());
    let app = app(c);
    let pre = send(
        &app,
        Request::builder()
            .method(Method::OPTIONS)
            .uri("/api/v1/stats")
            .header(header::ORIGIN, "https://observatorio.example")
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(
        pre.headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .unwrap_or_else(|| panic!("{:?} {:?}", pre.status, pre.headers)),
        "https://observatorio.example"
    );
    let other = send(
        &app,
        Request::get("/api/v1/stats")
            .header(header::ORIGIN, "https://elsewhere.example")
            .body(Body::empty())
            .unwrap(),
    );
    // The browser refuses the answer: the allowed origin named is not the caller's.
    assert_eq!(
        other.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://observatorio.example"
    );
}

#[test]
fn a_client_over_its_rate_gets_429() {
    let mut c = config();
    // One token per 100 s: however slow the machine, none comes back during the test.
    c.rate_per_sec = 0.01;
    c.burst = 2.0;
    let app = app(c);
    assert_eq!(get(&app, "/api/v1/states").status, StatusCode::OK);
    assert_eq!(get(&app, "/api/v1/states").status, StatusCode::OK);
    let r = get(&app, "/api/v1/states");
    r.error(StatusCode::TOO_MANY_REQUESTS, "too many requests");
    assert_eq!(r.headers[header::RETRY_AFTER], "100");
}

#[test]
fn the_dashboard_is_served_from_the_binary() {
    let app = app(config());
    let page = get(&app, "/");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(page.text.contains("/assets/app.js"));
    assert!(get(&app, "/assets/app.js").text.contains("/api/v1/series"));
    assert_eq!(get(&app, "/assets/app.css").status, StatusCode::OK);
}

#[test]
fn the_map_has_every_state_coloured_and_labelled() {
    let app = app(config());
    let r = get(
        &app,
        "/api/v1/map.svg?from=2022-01-01&to=2022-12-31&lang=es",
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.headers[header::CONTENT_TYPE], "image/svg+xml");
    assert_eq!(r.text.matches(r#"class="state""#).count(), 32);
    assert!(r.text.contains(r#"data-state="25""#));
    assert!(
        r.text
            .contains("Eventos por estado, 2022-01-01 – 2022-12-31"),
        "{}",
        &r.text[..400]
    );
    // Real outlines when a boundary file was loaded: one path per state.
    let dir = tempfile::tempdir().unwrap();
    let mut c = config();
    c.geo = Some(square_states(dir.path(), None));
    let shaped = get(&self::app(c), "/api/v1/map.svg").text;
    assert_eq!(shaped.matches("<path").count(), 32);
    for (q, needle) in [("lang=fr", "lang:"), ("state=25", "unknown field")] {
        get(&app, &format!("/api/v1/map.svg?{q}")).error(StatusCode::BAD_REQUEST, needle);
    }
}

#[test]
fn a_state_chart_names_the_state_and_each_period() {
    let app = app(config());
    let r = get(
        &app,
        "/api/v1/series.svg?state=25&from=2022-01-03&to=2023-01-01",
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.text.contains("Sinaloa: events per week"));
    assert_eq!(r.text.matches("<circle").count(), 52);
    get(&app, "/api/v1/series.svg?state=Narnia").error(StatusCode::BAD_REQUEST, "state:");
    get(&app, "/api/v1/series.svg?period=year").error(StatusCode::BAD_REQUEST, "period:");
}

#[test]
fn coded_reports_are_stored_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Config::new(dir.path().join("news.db"));
    c.token = Some(TOKEN.into());
    c.rate_per_sec = 0.0;
    let app = app(c);
    let auth = format!("Bearer {TOKEN}");
    let body = serde_json::json!({
        "text": "CULIACAN, Mexico (AP) — Gunmen killed five police officers in Culiacán, Sinaloa, on Monday. \
                 Since January, security forces have arrested 29,000 people, according to the security cabinet.",
        "published": "2024-09-10",
        "doc": "ap-2024-09-10.txt",
    })
    .to_string();
    let first = post_code(&app, Some(&auth), body.clone()).json();
    let stored = first["stored"]["events"].as_array().unwrap();
    assert!(!stored.is_empty(), "{first}");
    assert!(stored.iter().all(|e| e["action"] == "inserted"), "{first}");
    // The same report again changes nothing.
    let again = post_code(&app, Some(&auth), body).json();
    assert!(
        again["stored"]["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["action"] == "unchanged"),
        "{again}"
    );
    let events = get(&app, "/api/v1/events?state=Sinaloa").json();
    let e = &events["events"][0];
    assert_eq!(e["origin"]["format"], "news");
    assert_eq!(e["sources"][0]["doc"], "ap-2024-09-10.txt");
    assert!(e["sources"][0]["quote"]
        .as_str()
        .unwrap()
        .contains("police officers"));
    let ledger = get(&app, "/api/v1/ledger").json();
    let entries = ledger["entries"].as_array().unwrap();
    assert_eq!(
        entries.len(),
        first["figures"].as_array().unwrap().len(),
        "{ledger}"
    );
    assert!(!entries.is_empty(), "{first}");
    assert_eq!(entries[0]["measure"], "arrested");
    assert_eq!(entries[0]["value"], 29000.0);
    assert_eq!(entries[0]["source"]["doc"], "ap-2024-09-10.txt");
    get(&app, "/api/v1/ledger?scope=Atlantis").error(StatusCode::BAD_REQUEST, "scope:");
    get(&app, "/api/v1/ledger?scope=mx").json();
}

#[test]
fn the_impact_study_and_its_chart() {
    let app = app(config());
    let r = get(
        &app,
        "/api/v1/impact?actor=CJNG&date=2026-02-22&treated=Jalisco&period=month&window=6",
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    assert_eq!(v["treated"], serde_json::json!(["14"]));
    assert_eq!(v["period"], "month");
    assert_eq!(
        v["controls"].as_array().unwrap().len() + 1 + v["neighbours"].as_array().unwrap().len(),
        32
    );
    assert!(!v["by_period"].as_array().unwrap().is_empty());
    let svg = get(
        &app,
        "/api/v1/impact.svg?actor=CJNG&date=2026-02-22&treated=14&period=month&window=6&lang=es",
    );
    assert_eq!(svg.status, StatusCode::OK, "{}", svg.text);
    assert!(
        svg.text.contains("CJNG: events en Jalisco frente a"),
        "{}",
        &svg.text[..600]
    );
    for (q, needle) in [
        ("date=2026-02-22", "actor: required"),
        ("actor=CJNG&date=2026-02-30", "date:"),
        ("actor=CJNG&date=2026-02-22&treated=Atlantis", "treated:"),
        ("actor=CJNG&date=2026-02-22&window=1000", "window: 1000"),
        ("actor=CJNG&date=2026-02-22&period=day", "period:"),
    ] {
        get(&app, &format!("/api/v1/impact?{q}")).error(StatusCode::BAD_REQUEST, needle);
    }
    // A measure the document allows but no file imported is missing data, as in `series`.
    for route in ["impact", "impact.svg"] {
        get(
            &app,
            &format!("/api/v1/{route}?actor=CJNG&date=2026-02-22&measure=secuestros"),
        )
        .error(StatusCode::NOT_FOUND, "no measure \"secuestros\"");
    }
    // The states it compares, on the map: the one treated, its neighbours, the controls.
    let map = get(
        &app,
        "/api/v1/impact/map.svg?actor=CJNG&date=2026-02-22&treated=Jalisco",
    );
    assert_eq!(map.status, StatusCode::OK, "{}", map.text);
    assert_eq!(map.text.matches(r#"class="state""#).count(), 32);
    assert!(map.text.contains(r#"aria-label="Jalisco: treated""#));
    assert!(map
        .text
        .contains(r#"aria-label="Colima: neighbour (own group)""#));
    assert!(map.text.contains(r#"aria-label="Sonora: control""#));
    assert!(map
        .text
        .contains("CJNG, 2026-02-22: treated states (rule: given)"));
    assert!(map.text.contains("State outlines: INEGI"));
    get(&app, "/api/v1/impact/map.svg?actor=CJNG&treated=Atlantis")
        .error(StatusCode::BAD_REQUEST, "treated:");
}

#[test]
fn conflict_indicators_and_their_map() {
    let app = app(config());
    let r = get(
        &app,
        "/api/v1/indicators?period=year&from=2024-03-01&to=2024-03-01",
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    assert_eq!(v["period"], "year");
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 32);
    assert!(rows.iter().all(|r| r["period"] == "2024"));
    assert!(v["thresholds"]["deadliness"].as_f64().unwrap() > 0.0);
    assert!(rows.iter().any(|r| r["level"] != "none"));
    let one = get(
        &app,
        "/api/v1/indicators?state=Jalisco&from=2024-01-01&to=2024-03-31",
    )
    .json();
    assert_eq!(one["rows"].as_array().unwrap().len(), 3);
    let svg = get(
        &app,
        "/api/v1/indicators.svg?period=year&at=2024-03-01&lang=es",
    );
    assert_eq!(svg.status, StatusCode::OK, "{}", svg.text);
    assert_eq!(svg.text.matches(r#"class="state""#).count(), 32);
    assert!(svg.text.contains("Nivel de conflicto por estado, 2024"));
    assert!(svg.text.contains("Límites estatales: INEGI"));
    for (q, status, needle) in [
        ("period=week", StatusCode::BAD_REQUEST, "period:"),
        ("state=Atlantis", StatusCode::BAD_REQUEST, "state:"),
        ("at=2024-13-01", StatusCode::BAD_REQUEST, "at:"),
        (
            "period=year&at=1950-01-01",
            StatusCode::NOT_FOUND,
            "no indicators for 1950",
        ),
    ] {
        get(&app, &format!("/api/v1/indicators.svg?{q}")).error(status, needle);
    }
}

/// The dashboard's default study of El Mayo's arrest — what the kingpin row's button asks
/// for, on the homicide measure — on SESNSP's real series with the project's curated list:
/// it treats Sinaloa, where the list says the organisation is based, and finds the
/// increase the split of the cartel brought, its whole 95% interval above zero.
#[test]
fn the_dashboards_default_study_of_2024_07_25_treats_sinaloa_and_finds_an_increase() {
    let Some(sesnsp) = atalaya_store::shared_data::file_for_test(
        "stats/sesnsp_state_monthly_victims_2015_2025.csv",
    ) else {
        return;
    };
    let kingpins = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kingpins/kingpins.csv");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("real.db");
    import_all(
        &db,
        &[(Format::Sesnsp, &sesnsp), (Format::Kingpins, &kingpins)],
    );
    let mut c = Config::new(db);
    c.rate_per_sec = 0.0;
    let app = app(c);
    let list = get(&app, "/api/v1/kingpins").json();
    let mayo = list["interventions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["date"] == "2024-07-25" && i["alias"] == "El Mayo")
        .expect("El Mayo's arrest is in the curated list");
    let q = format!(
        "actor={}&date=2024-07-25&measure=homicidio_doloso",
        mayo["actor"].as_str().unwrap().replace(' ', "%20")
    );
    let r = get(&app, &format!("/api/v1/impact?{q}")).json();
    eprintln!(
        "{} {} {} {}",
        r["treated"], r["estimate_pct"], r["ci_low_pct"], r["ci_high_pct"]
    );
    assert_eq!(r["treated"], serde_json::json!(["25"]));
    assert_eq!(r["treated_rule"], "base_states");
    assert_eq!(r["conclusive"], true);
    let (est, lo) = (
        r["estimate_pct"].as_f64().unwrap(),
        r["ci_low_pct"].as_f64().unwrap(),
    );
    assert!(est > 0.0 && lo > 0.0, "{est} ({lo} …)");
    let map = get(&app, &format!("/api/v1/impact/map.svg?{q}"));
    assert!(map.text.contains(r#"aria-label="Sinaloa: treated""#));
    assert!(map.text.contains("(rule: base_states)"));
}

#[test]
fn territory_lists_statuses_with_evidence() {
    let app = app(config());
    let r = get(&app, "/api/v1/territory?from=2024-01-01&to=2025-12-31");
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let cells = r.json()["cells"].as_array().unwrap().clone();
    assert!(!cells.is_empty(), "the synthetic events name armed groups");
    for c in &cells {
        assert!(["control", "route", "alliance", "war"].contains(&c["status"].as_str().unwrap()));
        assert!(c["derived"] == true);
    }
    let one = get(
        &app,
        "/api/v1/territory?from=2024-01-01&to=2025-12-31&state=Jalisco",
    )
    .json();
    assert!(one["cells"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["state"] == "14"));
    for (q, needle) in [
        ("state=Atlantis", "state:"),
        ("sensitivity=0", "sensitivity:"),
        ("sensitivity=inf", "sensitivity:"),
        ("sensitivity=+1", "sensitivity:"),
        ("sensitivity=abc", "sensitivity:"),
        ("group=", "group: empty"),
    ] {
        get(&app, &format!("/api/v1/territory?{q}")).error(StatusCode::BAD_REQUEST, needle);
    }
}

#[test]
fn the_territory_map_colours_one_groups_states() {
    let app = app(config());
    let cells = get(&app, "/api/v1/territory?from=2024-01-01&to=2025-12-31").json();
    let group = cells["cells"][0]["group"].as_str().unwrap().to_string();
    let r = get(
        &app,
        &format!(
            "/api/v1/territory.svg?from=2024-01-01&to=2025-12-31&group={}",
            group.replace(' ', "%20")
        ),
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.text.matches(r#"class="state""#).count(), 32);
    assert!(r.text.contains(&format!("{group}: status per state")));
    assert!(
        r.text.contains(r##"fill="#b30000""##)
            || r.text.contains(r##"fill="#6a3d9a""##)
            || r.text.contains(r##"fill="#fd8d3c""##)
            || r.text.contains(r##"fill="#3182bd""##)
    );
    get(&app, "/api/v1/territory.svg").error(StatusCode::BAD_REQUEST, "group: required");
}

#[test]
fn forecasts_give_each_state_a_predictive_distribution() {
    let app = app(config());
    let r = get(&app, "/api/v1/forecast?period=month&horizon=2");
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    assert_eq!(v["measure"], "events");
    assert_eq!(v["period"], "month");
    assert!(v["source"].as_str().unwrap().contains("synth.csv"));
    let fc = v["forecasts"].as_array().unwrap();
    assert_eq!(fc.len(), 64);
    for f in fc {
        let (q10, mean, q90) = (
            f["q10"].as_f64().unwrap(),
            f["mean"].as_f64().unwrap(),
            f["q90"].as_f64().unwrap(),
        );
        assert!(q10 <= mean.ceil() && mean <= q90.max(mean), "{f}");
        assert!((0.0..=1.0).contains(&f["p_any"].as_f64().unwrap()));
    }
    let one = get(&app, "/api/v1/forecast?period=week&horizon=3&state=Jalisco").json();
    let fc = one["forecasts"].as_array().unwrap();
    assert_eq!(fc.len(), 3);
    assert!(fc.iter().all(|f| f["state"] == "14"));
    for (q, needle) in [
        ("horizon=0", "horizon: 0"),
        ("horizon=500", "horizon: 500"),
        ("horizon=two", "horizon:"),
        ("period=day", "period:"),
        ("state=Atlantis", "state:"),
        ("as_of=2026-13-01", "as_of:"),
        ("colour=red", "query:"),
    ] {
        get(&app, &format!("/api/v1/forecast?{q}")).error(StatusCode::BAD_REQUEST, needle);
    }
    for (q, needle) in [
        ("measure=robo_de_nubes", "no indicator"),
        ("as_of=1990-01-01", "no complete"),
    ] {
        get(&app, &format!("/api/v1/forecast?{q}")).error(StatusCode::NOT_FOUND, needle);
    }
}

#[test]
fn alerts_apply_acleds_rules_and_the_models() {
    let app = app(config());
    let r = get(&app, "/api/v1/alerts?as_of=2026-03-31");
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    assert!(v["notes"].as_array().unwrap().is_empty());
    assert!(v["source"].as_str().unwrap().starts_with("events from"));
    for a in v["alerts"].as_array().unwrap() {
        assert!(
            ["surge", "threat", "model_q90"].contains(&a["rule"].as_str().unwrap()),
            "{a}"
        );
        assert!(
            a["value"].as_f64().unwrap() >= a["baseline"].as_f64().unwrap(),
            "{a}"
        );
    }
    for (q, needle) in [
        ("as_of=yesterday", "as_of:"),
        ("period=year", "period:"),
        ("measure=", "measure: empty"),
    ] {
        get(&app, &format!("/api/v1/alerts?{q}")).error(StatusCode::BAD_REQUEST, needle);
    }
}

#[test]
fn backtests_score_the_model_against_the_baselines() {
    let app = app(config());
    let r = get(&app, "/api/v1/backtest?period=month&horizon=2&origins=3");
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    assert_eq!(v["origins"], 3);
    assert_eq!(v["horizon"], 2);
    for model in ["atalaya", "persistence", "moving_average"] {
        let s = &v["models"][model];
        for k in ["mae", "rmse", "crps", "brier"] {
            assert!(s[k].as_f64().unwrap() >= 0.0, "{model} {k}: {s}");
        }
        assert_eq!(v["by_horizon"][model].as_array().unwrap().len(), 2);
    }
    assert!(v["source"].as_str().unwrap().contains("synth.csv"));
    for (q, needle) in [
        ("origins=0", "origins: 0"),
        ("origins=1000", "origins: 1000"),
        ("horizon=x", "horizon:"),
        ("period=day", "period:"),
    ] {
        get(&app, &format!("/api/v1/backtest?{q}")).error(StatusCode::BAD_REQUEST, needle);
    }
}

#[test]
fn a_states_forecast_chart() {
    let app = app(config());
    let r = get(&app, "/api/v1/forecast.svg?state=14&period=month&horizon=3");
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.text.starts_with("<svg"));
    assert!(
        r.text.contains("Jalisco: events per month, forecast from"),
        "{}",
        &r.text[..400]
    );
    get(&app, "/api/v1/forecast.svg?period=month")
        .error(StatusCode::BAD_REQUEST, "state: required");
}

const OCVED: &str = "date,date_iso,year,month,day,state,cvegeo_int,counter,actor_main,actor_sub,longitude,latitude
20170310,2017-03-10,2017,3,10,14,14039,1,Cartel de Jalisco Nueva Generacion,Cartel de Jalisco Nueva Generacion,-103.35,20.67
20180115,2018-01-15,2018,1,15,14,14039,1,Cartel de Jalisco Nueva Generacion,Cartel de Jalisco Nueva Generacion,-103.35,20.67
20180220,2018-02-20,2018,2,20,14,14039,1,Cartel de Jalisco Nueva Generacion,Cartel de Jalisco Nueva Generacion,-103.35,20.67
20180401,2018-04-01,2018,4,1,14,14001,1,Cartel de Jalisco Nueva Generacion,Cartel de Jalisco Nueva Generacion,-102.9,20.8
20180505,2018-05-05,2018,5,5,16,16001,1,Cartel de Jalisco Nueva Generacion,Cartel de Jalisco Nueva Generacion,-101.5,19.2
20180606,2018-06-06,2018,6,6,25,25001,1,Cartel de Sinaloa,Cartel de Sinaloa,-108.0,25.0
";

const MUNICIPIOS: &str = "cvegeo,cve_ent,cve_mun,nom_mun,in_topojson
14039,14,039,Guadalajara,True
14001,14,001,Acatic,True
16001,16,001,Acuitzio,True
";

/// Four square municipalities: two of Jalisco side by side, one of Michoacán, one of Sinaloa.
const MUNICIPAL_TOPO: &str = r#"{"type":"Topology","objects":{"municipios":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","arcs":[[0]],"properties":{"id":"14039"}},
  {"type":"Polygon","arcs":[[1]],"properties":{"id":"14001"}},
  {"type":"Polygon","arcs":[[2]],"properties":{"id":"16001"}},
  {"type":"Polygon","arcs":[[3]],"properties":{"id":"25001"}}]}},
  "arcs":[[[-104,20],[-103,20],[-103,21],[-104,21],[-104,20]],
          [[-103,20],[-102,20],[-102,21],[-103,21],[-103,20]],
          [[-102,19],[-101,19],[-101,20],[-102,20],[-102,19]],
          [[-108,25],[-107,25],[-107,26],[-108,26],[-108,25]]]}"#;

/// A database of a few OCVED events with municipalities (and the names of three of them),
/// and the boundary file of those municipalities.
fn presence_files() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static FILES: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let ocved = dir.path().join("ocved.csv");
        std::fs::write(&ocved, OCVED).unwrap();
        let municipios = dir.path().join("municipios.csv");
        std::fs::write(&municipios, MUNICIPIOS).unwrap();
        let topo = dir.path().join("municipios.topo.json");
        std::fs::write(&topo, MUNICIPAL_TOPO).unwrap();
        let db = dir.path().join("presence.db");
        import_all(
            &db,
            &[(Format::Municipios, &municipios), (Format::Ocved, &ocved)],
        );
        (dir, db, topo)
    })
}

fn presence_app(with_municipal_geo: bool) -> Router {
    let (_, db, topo) = presence_files();
    let mut c = Config::new(db.clone());
    c.rate_per_sec = 0.0;
    if with_municipal_geo {
        c.municipal_geo = Some(topo.clone());
    }
    app(c)
}

#[test]
fn presence_rows_per_municipality_and_state_with_their_evidence() {
    let app = presence_app(false);
    let r = get(
        &app,
        "/api/v1/territory/presence?group=Cartel%20de%20Jalisco%20Nueva%20Generacion&from=2018-01-01&to=2018-12-31",
    )
    .json();
    assert_eq!(r["group"], "CJNG");
    assert_eq!(r["by"], "municipality");
    assert_eq!(
        (r["from"].as_str(), r["to"].as_str()),
        (Some("2018-01-01"), Some("2018-12-31"))
    );
    let rows = r["rows"].as_array().unwrap();
    let munis: Vec<&str> = rows
        .iter()
        .map(|p| p["municipality"].as_str().unwrap())
        .collect();
    assert_eq!(munis, vec!["14001", "14039", "16001"]);
    let gdl = &rows[1];
    assert_eq!(
        (gdl["year"].as_i64(), gdl["events"].as_u64()),
        (Some(2018), Some(2))
    );
    let evidence: Vec<&str> = gdl["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(evidence.len(), 2);
    assert!(
        evidence
            .iter()
            .all(|e| e.starts_with("ocved:2018") && e.contains("-14039-")),
        "{evidence:?}"
    );
    // Per state: Jalisco's two municipalities add up; no group filter lists Sinaloa's too.
    let s = get(
        &app,
        "/api/v1/territory/presence?by=state&from=2017-01-01&to=2018-12-31",
    )
    .json();
    let rows = s["rows"].as_array().unwrap();
    assert!(rows.iter().all(|p| p.get("municipality").is_none()));
    let jal_2018 = rows
        .iter()
        .find(|p| p["state"] == "14" && p["year"] == 2018 && p["group"] == "CJNG")
        .unwrap();
    assert_eq!(jal_2018["events"], 3);
    assert!(rows
        .iter()
        .any(|p| p["state"] == "25" && p["group"] == "Sinaloa Cartel"));
    assert!(rows.iter().any(|p| p["state"] == "14" && p["year"] == 2017));
}

#[test]
fn bad_presence_parameters_are_400_naming_the_parameter() {
    let app = presence_app(true);
    // Well formed but naming nothing: 404.
    get(&app, "/api/v1/territory/presence?group=Los%20Inventados").error(
        StatusCode::NOT_FOUND,
        "group: \"Los Inventados\" is not a known armed group",
    );
    for (q, needle) in [
        ("group=CJNG&by=county", "by: \"county\""),
        ("group=CJNG&factions=maybe", "factions"),
        ("group=", "group: empty"),
        ("group=CJNG&colour=red", "colour"),
    ] {
        get(&app, &format!("/api/v1/territory/presence?{q}"))
            .error(StatusCode::BAD_REQUEST, needle);
        get(&app, &format!("/api/v1/territory/presence.svg?{q}"))
            .error(StatusCode::BAD_REQUEST, needle);
    }
    get(&app, "/api/v1/territory/presence.svg?from=2018-01-01")
        .error(StatusCode::BAD_REQUEST, "group: required");
    get(&app, "/api/v1/territory/presence.svg?group=CJNG&lang=fr")
        .error(StatusCode::BAD_REQUEST, "lang");
}

#[test]
fn the_municipal_presence_map_needs_municipal_boundaries() {
    let q = "/api/v1/territory/presence.svg?group=CJNG&from=2018-01-01&to=2018-12-31";
    get(&presence_app(false), q).error(StatusCode::NOT_FOUND, "--municipal-geo");
    // The state map needs no municipal boundaries.
    let s = get(&presence_app(false), &format!("{q}&by=state"));
    assert_eq!(s.status, StatusCode::OK, "{}", s.text);
    assert_eq!(s.text.matches(r#"class="state""#).count(), 32);
    assert!(s
        .text
        .contains("CJNG: presence by state, 2018-01-01 … 2018-12-31"));
    assert!(
        s.text.contains("Jalisco: presence 3 (3 events; "),
        "{}",
        s.text
    );

    let r = get(&presence_app(true), q);
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.headers[header::CONTENT_TYPE], "image/svg+xml");
    assert_eq!(r.text.matches("<path data-cvegeo=").count(), 4);
    assert!(r.text.contains(
        "CJNG: presence by municipality, 2018-01-01 … 2018-12-31 (3 municipalities; source: ocved)"
    ));
    assert!(
        r.text
            .contains("<title>Guadalajara, Jalisco: presence 2 (2 events)</title>"),
        "{}",
        r.text
    );
    // Sinaloa's municipality has no CJNG presence, and no name in the catalog.
    assert!(r
        .text
        .contains("<title>municipality 25001, Sinaloa: no presence</title>"));
    assert!(r.text.contains(r##"data-cvegeo="25001" fill="#e8e8e8""##));
    assert!(r.text.contains("Source: events from ocved (4)"));
    let es = get(&presence_app(true), &format!("{q}&lang=es")).text;
    assert!(es.contains("CJNG: presencia por municipio"));
    assert!(es.contains("Guadalajara, Jalisco: presencia 2 (2 eventos)"));
    // A window without events maps nobody's presence rather than failing.
    let empty = get(
        &presence_app(true),
        "/api/v1/territory/presence.svg?group=CJNG&from=2010-01-01&to=2010-12-31",
    );
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.text);
    assert_eq!(
        empty.text.matches(r##"fill="#e8e8e8""##).count(),
        5,
        "4 areas and the legend"
    );
}

#[test]
fn a_bad_municipal_boundary_file_stops_the_server_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("states.topo.json");
    std::fs::write(&bad, MUNICIPAL_TOPO.replace("municipios", "estados")).unwrap();
    let mut c = config();
    c.municipal_geo = Some(bad);
    let e = AppState::new(c).err().unwrap().to_string();
    assert!(
        e.contains("--municipal-geo") && e.contains("no object \"municipios\""),
        "{e}"
    );
}

#[test]
fn the_real_municipal_boundaries_load() {
    let Some(topo) = atalaya_store::shared_data::file_for_test("geo/mx_municipios_inegi.topo.json")
    else {
        return;
    };
    let (_, db, _) = presence_files();
    let mut c = Config::new(db.clone());
    c.municipal_geo = Some(topo);
    let r = get(
        &app(c),
        "/api/v1/territory/presence.svg?group=CJNG&from=2018-01-01&to=2018-12-31",
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.text.matches("<path data-cvegeo=").count(), 2469);
    assert!(r
        .text
        .contains("<title>Guadalajara, Jalisco: presence 2 (2 events)</title>"));
}

/// Imports `files` in order into the database at `db` (created if missing).
fn import_all(db: &Path, files: &[(Format, &PathBuf)]) {
    let mut store = Store::open(db).unwrap();
    for (format, file) in files {
        store
            .import_file(
                *format,
                file,
                ImportOptions {
                    quarantine: None,
                    progress: None,
                },
            )
            .unwrap();
    }
}

/// A server with the writing routes on, over a copy of the test database in `dir` (for tests
/// that write), with no rate limit; also the copy's path.
/// Accepts every news event waiting for review, as an analyst would: only accepted news
/// events count.
fn accept_pending(db: &Path) {
    let mut store = Store::open(db).unwrap();
    let queue = store
        .review_queue(atalaya_core::Review::Pending, None)
        .unwrap();
    assert!(!queue.is_empty());
    let mut w = store.writer("news", "review").unwrap();
    for r in queue {
        w.accept(&r.event.id, "analyst").unwrap();
    }
    w.commit().unwrap();
}

fn writable_app(dir: &Path) -> (AppState, Router, PathBuf) {
    let path = dir.join("writable.db");
    Store::open(db())
        .unwrap()
        .connection()
        .execute("VACUUM INTO ?1", [path.to_str().unwrap()])
        .unwrap();
    let mut c = Config::new(path.clone());
    c.token = Some(TOKEN.into());
    c.rate_per_sec = 0.0;
    let state = AppState::new(c).unwrap();
    let app = router(state.clone());
    (state, app, path)
}

#[test]
fn a_forecast_and_its_chart_share_one_fit_until_the_data_change() {
    let dir = tempfile::tempdir().unwrap();
    let (state, app, path) = writable_app(dir.path());
    let q = "state=25&measure=events&period=month&horizon=4&as_of=2025-12-31";
    let table = get(&app, &format!("/api/v1/forecast?{q}"));
    assert_eq!(table.status, StatusCode::OK, "{}", table.text);
    assert_eq!(state.forecast_fits(), 1);
    let chart = get(&app, &format!("/api/v1/forecast.svg?{q}"));
    assert_eq!(chart.status, StatusCode::OK, "{}", chart.text);
    // Another state of the same measure and date reads the same fit; another horizon does not.
    get(
        &app,
        "/api/v1/forecast?state=14&period=month&horizon=4&as_of=2025-12-31",
    )
    .json();
    assert_eq!(state.forecast_fits(), 1);
    get(
        &app,
        "/api/v1/forecast?period=month&horizon=2&as_of=2025-12-31",
    )
    .json();
    assert_eq!(state.forecast_fits(), 2);
    // Three answers named their sources; the events were scanned for them once.
    assert_eq!(state.forecast_source_scans(), 1);
    // The same forecast asked again is the kept answer, byte for byte.
    let built = state.answers_built();
    let fq = "/api/v1/forecast?period=month&horizon=2&as_of=2025-12-31";
    assert_eq!(get(&app, fq).text, get(&app, fq).text);
    assert_eq!(state.answers_built(), built);
    let v = table.json();
    assert_eq!(v["forecasts"].as_array().unwrap().len(), 4);

    // A stored report adds an event in Sinaloa in September 2024: the next forecast fits the
    // new counts, and the one after it is served from that fit.
    let body = serde_json::json!({
        "text": "CULIACAN, Mexico (AP) — Gunmen killed five police officers in Culiacán, Sinaloa, on Monday.",
        "published": "2024-09-10",
        "doc": "ap-2024-09-10.txt",
    })
    .to_string();
    let stored = post_code(&app, Some(&format!("Bearer {TOKEN}")), body).json();
    assert_eq!(
        stored["stored"]["events"][0]["action"], "inserted",
        "{stored}"
    );
    accept_pending(&path);
    let after = get(&app, &format!("/api/v1/forecast?{q}")).json();
    assert_eq!(state.forecast_fits(), 3);
    get(&app, &format!("/api/v1/forecast.svg?{q}"));
    assert_eq!(state.forecast_fits(), 3);
    assert_ne!(after["phi"], v["phi"], "the new event should move the fit");
    // The write moved the data version: the sources were looked up again, and name the report.
    assert_eq!(state.forecast_source_scans(), 2);
    let source = after["source"].as_str().unwrap();
    assert!(source.contains("ap-2024-09-10.txt"), "{source}");
    assert!(!v["source"].as_str().unwrap().contains("ap-2024-09-10.txt"));
}

#[test]
fn a_repeated_series_is_sent_from_the_cache_until_the_data_change() {
    let dir = tempfile::tempdir().unwrap();
    let (state, app, path) = writable_app(dir.path());
    let q = "/api/v1/series?period=month&state=25&from=2024-09-01&to=2024-09-30";
    let first = get(&app, q);
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    // The same question in other words is the same answer, built once.
    let again = get(
        &app,
        "/api/v1/series?to=2024-09-30&from=2024-09-01&state=Sinaloa&period=month",
    );
    assert_eq!(again.text, first.text);
    assert_eq!(state.answers_built(), 1);
    let before = first.json()["points"][0]["value"].as_f64().unwrap();
    // The map too: kept apart from the series, and by language.
    let map = "/api/v1/map.svg?from=2024-09-01&to=2024-09-30";
    let m1 = get(&app, map);
    assert_eq!(m1.status, StatusCode::OK, "{}", m1.text);
    assert_eq!(get(&app, map).text, m1.text);
    assert_eq!(state.answers_built(), 2);
    let es = get(&app, &format!("{map}&lang=es"));
    assert_ne!(es.text, m1.text);
    assert_eq!(state.answers_built(), 3);

    // A stored report adds an event in Sinaloa in September 2024: the next answer is built
    // from the store and counts it.
    let body = serde_json::json!({
        "text": "CULIACAN, Mexico (AP) — Gunmen killed five police officers in Culiacán, Sinaloa, on Monday.",
        "published": "2024-09-10",
        "doc": "ap-2024-09-10.txt",
    })
    .to_string();
    let stored = post_code(&app, Some(&format!("Bearer {TOKEN}")), body);
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.text);
    accept_pending(&path);
    let after = get(&app, q).json();
    assert_eq!(state.answers_built(), 4);
    assert_eq!(after["points"][0]["value"].as_f64().unwrap(), before + 1.0);
    let m2 = get(&app, map);
    assert_eq!(state.answers_built(), 5);
    assert_ne!(m2.text, m1.text, "the map counts the new event");

    // With the cache off, every request reads the store.
    let mut off = Config::new(path);
    off.rate_per_sec = 0.0;
    off.answer_cache_bytes = 0;
    let state = AppState::new(off).unwrap();
    let app = router(state.clone());
    get(&app, q);
    get(&app, q);
    assert_eq!(state.answers_built(), 2);
}

#[test]
fn stats_and_alerts_are_sent_from_the_cache_until_the_data_change() {
    let dir = tempfile::tempdir().unwrap();
    let (state, app, path) = writable_app(dir.path());
    let stats = get(&app, "/api/v1/stats");
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.text);
    assert_eq!(get(&app, "/api/v1/stats").text, stats.text);
    assert_eq!(state.answers_built(), 1);
    let alerts = get(&app, "/api/v1/alerts");
    assert_eq!(alerts.status, StatusCode::OK, "{}", alerts.text);
    assert_eq!(get(&app, "/api/v1/alerts").text, alerts.text);
    assert_eq!(state.answers_built(), 2);
    // A stored and accepted report moves the data version: both are built again.
    let body = serde_json::json!({
        "text": "CULIACAN, Mexico (AP) — Gunmen killed five police officers in Culiacán, Sinaloa, on Monday.",
        "published": "2024-09-10",
        "doc": "ap-2024-09-10.txt",
    })
    .to_string();
    let stored = post_code(&app, Some(&format!("Bearer {TOKEN}")), body);
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.text);
    accept_pending(&path);
    let after = get(&app, "/api/v1/stats").json();
    assert_eq!(
        after["events"].as_i64().unwrap(),
        stats.json()["events"].as_i64().unwrap() + 1
    );
    get(&app, "/api/v1/alerts");
    assert_eq!(state.answers_built(), 4);
}

#[test]
fn a_reversed_range_selects_nothing() {
    let app = app(config());
    let page = get(&app, "/api/v1/events?from=2024-05-01&to=2024-01-01").json();
    assert_eq!(page["events"], serde_json::json!([]));
    let r = get(
        &app,
        "/api/v1/series?period=week&from=2024-02-01&to=2023-02-01",
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = get(&app, "/api/v1/map.svg?from=2023-01-01&to=2022-01-01");
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = get(&app, "/api/v1/territory?from=2025-01-01&to=2024-01-01");
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // An open end is the data's: a start after the last event selects nothing too.
    for uri in [
        "/api/v1/territory?from=2099-01-01",
        "/api/v1/territory/presence?from=2099-01-01",
    ] {
        let r = get(&app, uri);
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text);
    }
}

#[test]
fn the_document_describes_the_parsers_limits() {
    let doc = get(&app(config()), "/api/v1/openapi.json").json();
    let param = |path: &str, name: &str| -> Value {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{path} {name}"))
            .clone()
    };
    assert_eq!(
        param("/api/v1/events", "limit")["schema"]["maximum"],
        1000.0
    );
    assert_eq!(param("/api/v1/series", "period")["required"], true);
    assert_eq!(param("/api/v1/impact", "actor")["required"], true);
    assert_eq!(param("/api/v1/territory.svg", "group")["required"], true);
    assert_eq!(param("/api/v1/territory", "group")["required"], false);
    assert_eq!(param("/api/v1/forecast.svg", "state")["required"], true);
    // Every operation lists the layers' answers.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for status in ["429", "503"] {
                assert!(
                    op["responses"].get(status).is_some(),
                    "{method} {path} {status}"
                );
            }
            // A body the handler needs is a required body.
            if let Some(body) = op.get("requestBody") {
                assert_eq!(body["required"], true, "{method} {path}");
            }
        }
    }
    assert!(doc["components"]["schemas"]["Event"].is_object());
}
