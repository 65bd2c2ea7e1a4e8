//! The dashboard: one HTML page, one stylesheet and one script, built into the binary so
//! the server runs offline from a single file. The page draws itself from the API.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::AppState;

const INDEX: &str = include_str!("assets/index.html");
const CSS: &str = include_str!("assets/app.css");
const JS: &str = include_str!("assets/app.js");
const REVIEW: &str = include_str!("assets/review.html");
const REVIEW_JS: &str = include_str!("assets/review.js");
const REVIEW_CSS: &str = include_str!("assets/review.css");

fn asset(body: &'static str, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // The assets change only with the binary; revalidating each load costs nothing locally.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/",
            get(|| async { asset(INDEX, "text/html; charset=utf-8") }),
        )
        .route(
            "/assets/app.css",
            get(|| async { asset(CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/assets/app.js",
            get(|| async { asset(JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/review",
            get(|| async { asset(REVIEW, "text/html; charset=utf-8") }),
        )
        .route(
            "/assets/review.js",
            get(|| async { asset(REVIEW_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/assets/review.css",
            get(|| async { asset(REVIEW_CSS, "text/css; charset=utf-8") }),
        )
}
