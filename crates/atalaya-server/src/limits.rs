//! What protects the server and its users: a per-client token bucket, a time limit per
//! request, CORS only for the configured origin, security headers on every response, and
//! JSON bodies for the errors the framework itself produces (404, 405, 413).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::cors::CorsLayer;

use crate::error::json_error;
use crate::AppState;

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Beyond this many clients, buckets that have refilled are forgotten.
const MAX_CLIENTS: usize = 10_000;

pub struct RateLimiter {
    rate: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl RateLimiter {
    pub fn new(rate: f64, burst: f64) -> RateLimiter {
        RateLimiter {
            rate,
            burst: burst.max(1.0),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `ip` at `now`; on refusal, the seconds until one is back.
    pub fn take(&self, ip: IpAddr, now: Instant) -> Result<(), f64> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&ip) {
            let (rate, burst) = (self.rate, self.burst);
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let b = buckets.entry(ip).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
        b.tokens = (b.tokens + elapsed * self.rate).min(self.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err((1.0 - b.tokens) / self.rate)
        }
    }
}

pub async fn rate_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Requests that did not come through a socket (tests calling the router) share one key.
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    match state.0.limiter.take(ip, Instant::now()) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            let mut r = json_error(
                StatusCode::TOO_MANY_REQUESTS,
                &format!(
                    "too many requests: at most {} per second from one client; retry in {:.1} s",
                    state.0.config.rate_per_sec, wait
                ),
            );
            let secs = wait.ceil().max(1.0) as u64;
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            r
        }
    }
}

/// Runs the request as its own task so that a panic becomes a JSON 500 (never a dropped
/// connection or a trace), and bounds its time.
pub async fn timeout(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let limit = state.0.config.timeout;
    let mut task = tokio::spawn(next.run(req));
    match tokio::time::timeout(limit, &mut task).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            crate::error::ApiError::internal(format!("request handler failed: {e}")).into_response()
        }
        Err(_) => {
            task.abort();
            json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                &format!(
                    "the request took longer than {} s; narrow it (a state, a shorter date range)",
                    limit.as_secs_f64()
                ),
            )
        }
    }
}

pub fn check_origin(origin: &str) -> Result<(), String> {
    let ok = (origin.starts_with("http://") || origin.starts_with("https://"))
        && !origin.ends_with('/')
        && HeaderValue::from_str(origin).is_ok()
        && origin != "http://"
        && origin != "https://";
    if ok {
        Ok(())
    } else {
        Err(format!(
            "--cors {origin:?}: give one origin such as https://example.org (scheme and host, no path)"
        ))
    }
}

pub fn cors(origin: &str) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(HeaderValue::from_str(origin).expect("checked by check_origin"))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
}

/// The dashboard loads only its own script, style and data; nothing may frame it.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub async fn headers_and_json_errors(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let is_json = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if r.status().as_u16() >= 400 && !is_json {
        let status = r.status();
        let body = std::mem::replace(r.body_mut(), Body::empty());
        let text = axum::body::to_bytes(body, 4096)
            .await
            .map(|b| String::from_utf8_lossy(&b).trim().to_string())
            .unwrap_or_default();
        let message = match (status, text.is_empty()) {
            (StatusCode::METHOD_NOT_ALLOWED, _) => "method not allowed on this route".to_string(),
            (StatusCode::PAYLOAD_TOO_LARGE, _) => "the request body is too large".to_string(),
            (_, false) => text,
            (_, true) => status
                .canonical_reason()
                .unwrap_or("request failed")
                .to_lowercase(),
        };
        let allow = r.headers().get(header::ALLOW).cloned();
        r = json_error(status, &message);
        if let Some(a) = allow {
            r.headers_mut().insert(header::ALLOW, a);
        }
    }
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_empties_then_refills_at_the_rate() {
        let l = RateLimiter::new(10.0, 3.0);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.take(ip, t0).is_ok());
        }
        let wait = l.take(ip, t0).unwrap_err();
        assert!((wait - 0.1).abs() < 1e-9, "{wait}");
        // Another client has its own bucket.
        assert!(l.take(other, t0).is_ok());
        // 0.25 s later two tokens are back, not three.
        let t1 = t0 + Duration::from_millis(250);
        assert!(l.take(ip, t1).is_ok());
        assert!(l.take(ip, t1).is_ok());
        assert!(l.take(ip, t1).is_err());
    }

    #[test]
    fn a_zero_rate_never_refuses() {
        let l = RateLimiter::new(0.0, 1.0);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let t = Instant::now();
        for _ in 0..100 {
            assert!(l.take(ip, t).is_ok());
        }
    }

    #[test]
    fn origins_are_checked() {
        assert!(check_origin("https://example.org").is_ok());
        assert!(check_origin("http://localhost:3000").is_ok());
        assert!(check_origin("*").is_err());
        assert!(check_origin("https://example.org/").is_err());
        assert!(check_origin("example.org").is_err());
    }
}

#[cfg(test)]
mod guard_tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    fn call(app: Router, uri: &str) -> (StatusCode, String) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let r = app
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = r.status();
            let b = axum::body::to_bytes(r.into_body(), 4096).await.unwrap();
            (status, String::from_utf8(b.to_vec()).unwrap())
        })
    }

    fn guarded(state: AppState, route: Router<AppState>) -> Router {
        route
            .layer(axum::middleware::from_fn_with_state(state.clone(), timeout))
            .layer(axum::middleware::from_fn(headers_and_json_errors))
            .with_state(state)
    }

    #[test]
    fn a_panicking_handler_answers_500_json_without_details() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(crate::Config::new(dir.path().join("p.db"))).unwrap();
        let app = guarded(
            state,
            Router::new().route(
                "/boom",
                get(|| async {
                    if std::hint::black_box(true) {
                        panic!("secret detail");
                    }
                    "unreachable"
                }),
            ),
        );
        let (status, body) = call(app, "/boom");
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(body.starts_with(r#"{"error":"internal error"#), "{body}");
        assert!(!body.contains("secret"), "{body}");
    }

    #[test]
    fn a_request_over_the_time_limit_answers_503() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = crate::Config::new(dir.path().join("t.db"));
        config.timeout = std::time::Duration::from_millis(20);
        let state = AppState::new(config).unwrap();
        let app = guarded(
            state,
            Router::new()
                .route(
                    "/slow",
                    get(|| async {
                        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
                        "late"
                    }),
                )
                .route("/quick", get(|| async { "ok" })),
        );
        let (status, body) = call(app.clone(), "/slow");
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(body.contains("longer than 0.02 s"), "{body}");
        assert_eq!(call(app, "/quick"), (StatusCode::OK, "ok".to_string()));
    }
}
