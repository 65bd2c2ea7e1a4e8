//! The review routes: articles with events waiting for an analyst, one article with its
//! events, the queue and the audit log (public reads), decisions (behind the token, recorded
//! with the reviewer the token names), the coder's precision and recall on recent reviews,
//! and the state of the polled feeds.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use atalaya_coder::eval::{coded_for_eval, score_document, EvalEvent, EvalFigure, Tally};
use atalaya_core::{EventKind, Review};
use atalaya_store::review::{Edit, LogFilter};
use atalaya_store::Store;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path as UrlPath, Query, State};
use axum::response::Response;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::api::{blocking, json_body, query_error};
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

use axum::http::StatusCode;

use crate::error::ApiError;
use crate::openapi::{query, schema, ErrorBody};
use crate::AppState;

/// A reviewer: the name recorded with each decision made with this token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    pub name: String,
    pub token: String,
}

/// Who a request's bearer token names (set by `require_token`).
#[derive(Debug, Clone)]
pub(crate) struct ReviewerName(pub String);

/// Reads a reviewers file (TOML):
///
/// ```toml
/// [[reviewer]]
/// name = "Ana"
/// token = "at least sixteen characters"
/// ```
pub fn read_reviewers(path: &Path) -> Result<Vec<Reviewer>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_reviewers(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn parse_reviewers(text: &str) -> Result<Vec<Reviewer>, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        reviewer: Vec<Entry>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        name: String,
        token: String,
    }
    let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
    if f.reviewer.is_empty() {
        return Err("no [[reviewer]] entries".into());
    }
    let mut out: Vec<Reviewer> = Vec::new();
    for (i, e) in f.reviewer.into_iter().enumerate() {
        let at = format!("reviewer {} ({:?})", i + 1, e.name);
        if e.name.trim().is_empty() {
            return Err(format!("reviewer {}: name is empty", i + 1));
        }
        if e.token.len() < 16 {
            return Err(format!("{at}: token: use at least 16 characters"));
        }
        if out.iter().any(|r| r.token == e.token) {
            return Err(format!("{at}: token is another reviewer's"));
        }
        if out.iter().any(|r| r.name == e.name.trim()) {
            return Err(format!("{at}: the name is used twice"));
        }
        out.push(Reviewer {
            name: e.name.trim().to_string(),
            token: e.token,
        });
    }
    Ok(out)
}

/// The last poll of one feed (`serve --feeds`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FeedStatus {
    pub name: String,
    pub url: String,
    pub interval_seconds: u64,
    /// When the last poll ended (UTC, RFC 3339); none before the first.
    pub last_poll: Option<String>,
    pub seconds: Option<f64>,
    pub articles_new: u64,
    pub articles_seen: u64,
    pub failed: u64,
    pub events: u64,
    /// Items that failed in the last poll, or why the whole poll failed.
    pub errors: Vec<FeedError>,
}

/// One failure of a poll: the item (or the feed) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedError {
    pub item: String,
    pub error: String,
}

/// The polled feeds' statuses, shared by the poller and the route.
pub type FeedStatuses = Arc<Mutex<Vec<FeedStatus>>>;

fn limit(v: &Option<String>, default: u64, max: u64) -> Result<u64, ApiError> {
    crate::params::count("limit", v, default, (1, max))
}

fn limit_param(default: u64, max: u64) -> Parameter {
    query(
        "limit",
        false,
        "How many at most",
        schema::count(1, max, default),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticlesParams {
    /// `true` (the default): only articles with events pending; `false`: reviewed ones too.
    pending: Option<String>,
    limit: Option<String>,
}

impl IntoParams for ArticlesParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "pending",
                false,
                "true (default): only articles with events pending; false: reviewed ones too",
                schema::one_of(&["true", "false"]),
            ),
            limit_param(100, 1000),
        ]
    }
}

#[utoipa::path(get, path = "/api/v1/review/articles", params(ArticlesParams), responses((status = 200, description = "Articles without their text", body = ref("#/components/schemas/ReviewArticlesAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody)))]
pub(crate) async fn articles(
    State(s): State<AppState>,
    q: Result<Query<ArticlesParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let pending = match p.pending.as_deref() {
        None | Some("true") => true,
        Some("false") => false,
        Some(o) => {
            return Err(ApiError::bad(format!(
                "pending: {o:?} is not true or false"
            )))
        }
    };
    let n = limit(&p.limit, 100, 1000)?;
    blocking(&s, move |store| {
        Ok(json!({ "articles": store.articles_for_review(pending, n)? }))
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/review/articles/{id}", params(("id" = i64, Path, description = "The article id")), responses((status = 200, description = "The article and its events", body = ref("#/components/schemas/ReviewArticleAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No such article", body = ErrorBody)))]
pub(crate) async fn article(
    State(s): State<AppState>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad(format!("article id {id:?} is not a number")))?;
    blocking(&s, move |store| {
        let a = store
            .article(id)?
            .ok_or_else(|| ApiError::not_found(format!("no article {id}")))?;
        let ev = store.article_events(&a.key)?;
        Ok(json!({ "article": a, "events": ev.events, "merged": ev.merged }))
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QueueParams {
    status: Option<String>,
    limit: Option<String>,
}

impl IntoParams for QueueParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "status",
                false,
                "pending (default), accepted or rejected",
                schema::one_of(&["pending", "accepted", "rejected"]),
            ),
            limit_param(100, 1000),
        ]
    }
}

#[utoipa::path(get, path = "/api/v1/review/queue", params(QueueParams), responses((status = 200, description = "Events with their review", body = ref("#/components/schemas/ReviewQueueAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody)))]
pub(crate) async fn queue(
    State(s): State<AppState>,
    q: Result<Query<QueueParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let status =
        match crate::params::choice("status", &p.status, &["pending", "accepted", "rejected"])? {
            None => Review::Pending,
            Some(x) => x
                .parse::<Review>()
                .map_err(|m| ApiError::bad(format!("status: {m}")))?,
        };
    let n = limit(&p.limit, 100, 1000)?;
    blocking(&s, move |store| {
        Ok(json!({ "events": store.review_queue(status, Some(n))? }))
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LogParams {
    event: Option<String>,
    since: Option<String>,
    limit: Option<String>,
}

impl IntoParams for LogParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query("event", false, "One event's decisions", schema::text()),
            query(
                "since",
                false,
                "Decisions on or after this day",
                schema::date(),
            ),
            limit_param(1000, 10_000),
        ]
    }
}

#[utoipa::path(get, path = "/api/v1/review/log", params(LogParams), responses((status = 200, description = "Decisions", body = ref("#/components/schemas/ReviewLogAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody)))]
pub(crate) async fn log(
    State(s): State<AppState>,
    q: Result<Query<LogParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let since = crate::params::date("since", &p.since)?.map(atalaya_core::period::iso_date);
    let n = limit(&p.limit, 1000, 10_000)?;
    blocking(&s, move |store| {
        let f = LogFilter {
            event: crate::params::text("event", &p.event)?,
            since,
            limit: Some(n),
        };
        Ok(json!({ "decisions": store.review_log(&f)? }))
    })
    .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EditBody {
    kind: Option<String>,
    state: Option<String>,
    /// A 5-digit code, or "" to clear it.
    municipality: Option<String>,
    date: Option<String>,
    actors: Option<Vec<String>>,
    /// Values to set; null removes the measure.
    #[serde(default)]
    measures: BTreeMap<String, Option<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionRequest {
    event: String,
    /// accept, reject, edit or undo.
    decision: String,
    reason: Option<String>,
    edit: Option<EditBody>,
    /// The reviewer's name, with the single `--token` only (a reviewer's token names its
    /// holder).
    by: Option<String>,
}

/// One decision on a news event; the aggregates change in the same transaction, so an
/// accepted event counts on the map at once.
#[utoipa::path(post, path = "/api/v1/review/decisions", request_body(content = ref("#/components/schemas/DecisionRequest"), content_type = "application/json"), security(("bearer" = [])), responses((status = 200, description = "The decision (null when nothing changed) and the event as it is now", body = ref("#/components/schemas/ReviewDecisionsAnswer")), (status = 400, description = "Bad body, or the event cannot be reviewed (imported, merged into another, unknown); the message says why", body = ErrorBody), (status = 401, description = "No or a wrong bearer token", body = ErrorBody), (status = 403, description = "Writing is turned off (no --token or reviewers)", body = ErrorBody), (status = 404, description = "No event has this id", body = ErrorBody), (status = 409, description = "The event cannot take this decision now (imported, merged into another, nothing to undo, an edit that does not fit it); the message says why", body = ErrorBody), (status = 415, description = "The body is not declared as application/json", body = ErrorBody), (status = 422, description = "The JSON does not have the body's fields and types", body = ErrorBody)))]
pub(crate) async fn decide(
    State(s): State<AppState>,
    Extension(who): Extension<ReviewerName>,
    body: Result<Json<DecisionRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(req) =
        body.map_err(|r| ApiError::new(r.status(), format!("body: {}", r.body_text())))?;
    let by = match (&who.0, req.by.as_deref().map(str::trim)) {
        // The single --token: the body may name who decides.
        (n, Some(b)) if n == crate::api::TOKEN_HOLDER && !b.is_empty() => b.to_string(),
        (n, _) => n.clone(),
    };
    let edit = match (&req.decision[..], req.edit) {
        ("edit", Some(e)) => Some(Edit {
            // Exactly the document's enum (no trimming).
            kind: e
                .kind
                .map(|k| {
                    EventKind::ALL
                        .iter()
                        .copied()
                        .find(|x| x.as_str() == k)
                        .ok_or_else(|| {
                            ApiError::bad(format!("edit.kind: {k:?} is not an event kind"))
                        })
                })
                .transpose()?,
            state: e.state,
            municipality: e
                .municipality
                .map(|m| (!m.trim().is_empty()).then(|| m.trim().to_string())),
            date: e.date,
            actors: e.actors,
            measures: e.measures.into_iter().collect(),
        }),
        ("edit", None) => return Err(ApiError::bad("edit: required for an edit")),
        ("accept" | "reject" | "undo", None) => None,
        ("accept" | "reject" | "undo", Some(_)) => {
            return Err(ApiError::bad("edit: only for decision edit"))
        }
        (other, _) => {
            return Err(ApiError::bad(format!(
                "decision: {other:?} is not accept, reject, edit or undo"
            )))
        }
    };
    let db = s.0.config.db.clone();
    let bytes = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, ApiError> {
        // Writing is rare: a connection of its own, so the readers' pool stays read-only.
        let mut store = Store::open(&db)?;
        let mut w = store.writer(atalaya_store::news::NEWS_FORMAT, "review")?;
        let d = match req.decision.as_str() {
            "accept" => w.accept(&req.event, &by),
            "reject" => w.reject(&req.event, &by, req.reason.as_deref()),
            "undo" => w.undo(&req.event, &by).map(Some),
            _ => w.edit(&req.event, &by, edit.as_ref().expect("checked above")),
        }
        .map_err(decision_error)?;
        w.commit()?;
        let event = store.reviewed_event(&req.event)?;
        serde_json::to_vec(&json!({ "decision": d, "event": event })).map_err(ApiError::internal)
    })
    .await
    .map_err(ApiError::internal)??;
    Ok(json_body(bytes))
}

/// A well-formed decision the store refuses: an unknown event is a 404; one that cannot take
/// this decision now (imported, merged into another, nothing to undo, an edit that does not
/// fit the event) a 409, since the event's state and not the request's form is at fault.
fn decision_error(e: atalaya_store::StoreError) -> ApiError {
    match e {
        atalaya_store::StoreError::Invalid(m) if m.starts_with("no event with id") => {
            ApiError::not_found(m)
        }
        atalaya_store::StoreError::Invalid(m) => ApiError::new(StatusCode::CONFLICT, m),
        other => ApiError::from(other),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QualityParams {
    days: Option<String>,
}

impl IntoParams for QualityParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![query(
            "days",
            false,
            "Articles reviewed in the last N days",
            schema::count(1, 3660, 30),
        )]
    }
}

/// The coder scored on the articles reviewed in the last `days` (30 by default): what
/// `review export-gold --since` then `eval coder` would print.
#[utoipa::path(get, path = "/api/v1/review/quality", params(QualityParams), responses((status = 200, description = "Event precision and recall", body = ref("#/components/schemas/ReviewQualityAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody)))]
pub(crate) async fn quality(
    State(s): State<AppState>,
    q: Result<Query<QualityParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let days = crate::params::count("days", &p.days, 30, (1, 3660))?;
    let since = chrono::Utc::now().date_naive() - chrono::Duration::days(days as i64);
    let since = atalaya_core::period::iso_date(since);
    blocking(&s, move |store| {
        let (articles, t) = score_reviews(store, Some(&since))?;
        let sc = t.scores();
        Ok(json!({
            "since": since, "days": days, "articles": articles,
            "events_gold": t.gold, "events_coded": t.extracted, "events_matched": t.matched,
            "event_precision": sc.event_precision, "event_recall": sc.event_recall,
            "event_f1": sc.event_f1,
        }))
    })
    .await
}

/// The coder run again on every article reviewed since `since`, scored against the
/// analysts' decisions.
pub fn score_reviews(store: &Store, since: Option<&str>) -> Result<(u64, Tally), ApiError> {
    let mut total = Tally::default();
    let mut n = 0;
    for id in store.reviewed_articles(since)? {
        let Some(doc) = store.gold_doc(id)? else {
            continue;
        };
        let gold: Vec<EvalEvent> =
            serde_json::from_value(json!(doc.events)).map_err(ApiError::internal)?;
        let figures: Vec<EvalFigure> =
            serde_json::from_value(json!(doc.figures)).map_err(ApiError::internal)?;
        let published =
            atalaya_core::period::parse_date(&doc.published).map_err(ApiError::internal)?;
        let lang = doc
            .lang
            .parse::<atalaya_coder::Lang>()
            .unwrap_or(atalaya_coder::Lang::Auto);
        let coded = atalaya_coder::code(&doc.text, published, lang);
        let (events, xf) = coded_for_eval(&coded);
        total.add(&score_document(&events, &gold, &xf, &figures));
        n += 1;
    }
    Ok((n, total))
}

#[utoipa::path(get, path = "/api/v1/feeds", responses((status = 200, description = "Feeds", body = ref("#/components/schemas/FeedsAnswer"))))]
pub(crate) async fn feeds(State(s): State<AppState>) -> Result<Response, ApiError> {
    let list = s.0.feeds.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let bytes = serde_json::to_vec(&json!({ "feeds": list })).map_err(ApiError::internal)?;
    Ok(json_body(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviewers_files_are_checked() {
        let r = parse_reviewers(
            "[[reviewer]]\nname = \"Ana\"\ntoken = \"ana-token-0123456789\"\n[[reviewer]]\nname = \"Bo\"\ntoken = \"bo-token-0123456789x\"\n",
        )
        .unwrap();
        assert_eq!(r[1].name, "Bo");
        assert!(
            parse_reviewers("[[reviewer]]\nname = \"A\"\ntoken = \"short\"\n")
                .unwrap_err()
                .contains("16 characters")
        );
        assert!(parse_reviewers(
            "[[reviewer]]\nname = \"A\"\ntoken = \"same-token-0123456789\"\n[[reviewer]]\nname = \"B\"\ntoken = \"same-token-0123456789\"\n"
        )
        .unwrap_err()
        .contains("another reviewer's"));
    }
}
