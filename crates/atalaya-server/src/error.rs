//! Errors as the API returns them: a status and a JSON `{"error": "..."}` naming the
//! parameter or value at fault. Internal details go to the server's log, never to the client.

use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
    /// Logs the cause and tells the client only that the server failed.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        eprintln!("atalaya serve: internal error: {cause}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error; the server log has the details",
        )
    }
}

impl From<atalaya_store::StoreError> for ApiError {
    fn from(e: atalaya_store::StoreError) -> ApiError {
        match e {
            atalaya_store::StoreError::Invalid(m) => ApiError::bad(m),
            other => ApiError::internal(other),
        }
    }
}

/// A store error on a request already checked against the document: what the store still
/// refuses (an official series it does not hold) is missing data, a 404.
pub fn missing(e: atalaya_store::StoreError) -> ApiError {
    match e {
        atalaya_store::StoreError::Invalid(m) => ApiError::not_found(m),
        other => ApiError::from(other),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_error(self.status, &self.message)
    }
}

pub fn json_error(status: StatusCode, message: &str) -> Response {
    let mut r = (status, json!({ "error": message }).to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

pub async fn no_route(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no such route: {method} {}; the API is described at /api/v1/openapi.json",
        uri.path()
    ))
}
