//! The `/api/v1/` routes. Store work runs on the blocking pool; responses are JSON, and the
//! table in `routes` is both the router and what the OpenAPI test checks the document against.

use std::str::FromStr;

use atalaya_coder::coder::{self, Lang};
use atalaya_coder::records::{report_key, to_event, NEWS_FORMAT};
use atalaya_core::gazetteer;
use atalaya_core::period::iso_date;
use atalaya_store::news::{FigureReport, LedgerFilter};
use atalaya_store::query::{EventKey, Measure};
use atalaya_store::Store;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use axum::Router;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Type};
use utoipa::{IntoParams, OpenApi as _, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::openapi::{query, ErrorBody};
use crate::params::{self, EventsParams, SeriesParams};
use crate::{forecast, impact, indicators, presence, review, svg, territory, AppState};

/// Every API route: its handler, whose `#[utoipa::path]` gives the method, path,
/// parameters and responses. To add a route, write the handler with its `#[utoipa::path]`
/// (its query type implements `IntoParams`) and add `.routes(routes!(handler))` here; the
/// router and `/api/v1/openapi.json` both come from this list. `guard` wraps the routes
/// that write (the token check).
pub(crate) fn api(
    guard: impl FnOnce(OpenApiRouter<AppState>) -> OpenApiRouter<AppState>,
) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let writes = guard(
        OpenApiRouter::new()
            .routes(routes!(code))
            .routes(routes!(review::decide)),
    );
    let (router, mut doc) = OpenApiRouter::with_openapi(crate::openapi::ApiDoc::openapi())
        .routes(routes!(stats))
        .routes(routes!(events))
        .routes(routes!(event))
        .routes(routes!(series))
        .routes(routes!(states))
        .routes(routes!(adjacency))
        .routes(routes!(geometry))
        .routes(routes!(map_svg))
        .routes(routes!(series_svg))
        .routes(routes!(kingpins))
        .routes(routes!(impact_json))
        .routes(routes!(impact_svg))
        .routes(routes!(impact_map_svg))
        .routes(routes!(indicators_json))
        .routes(routes!(indicators_svg))
        .routes(routes!(territory_json))
        .routes(routes!(territory_svg))
        .routes(routes!(presence_json))
        .routes(routes!(presence_svg))
        .routes(routes!(forecast_json))
        .routes(routes!(forecast_svg))
        .routes(routes!(backtest_json))
        .routes(routes!(alerts_json))
        .merge(writes)
        .routes(routes!(ledger))
        .routes(routes!(openapi))
        .routes(routes!(review::articles))
        .routes(routes!(review::article))
        .routes(routes!(review::queue))
        .routes(routes!(review::log))
        .routes(routes!(review::quality))
        .routes(routes!(review::feeds))
        .split_for_parts();
    crate::openapi::finish(&mut doc);
    (router, doc)
}

/// The API's router, the writing routes behind the bearer token.
pub(crate) fn routes(state: &AppState) -> Router<AppState> {
    let state = state.clone();
    api(move |writes| {
        writes.route_layer(axum::middleware::from_fn_with_state(state, require_token))
    })
    .0
}

/// Every API route as (method, path), from the generated document.
pub fn route_list() -> Vec<(String, String)> {
    let doc = api(|w| w).1;
    let mut out = Vec::new();
    for (path, item) in &doc.paths.paths {
        for (method, op) in [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("DELETE", &item.delete),
            ("PATCH", &item.patch),
        ] {
            if op.is_some() {
                out.push((method.to_string(), path.clone()));
            }
        }
    }
    out
}

/// The reviewer's name of a decision made with the single `--token`, when the request does
/// not name one.
pub(crate) const TOKEN_HOLDER: &str = "token";

pub(crate) fn json_body(bytes: impl IntoResponse) -> Response {
    let mut r = bytes.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// Runs store work off the async threads and serialises there too.
pub(crate) async fn blocking<T: serde::Serialize>(
    s: &AppState,
    f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    let bytes =
        s.0.pool
            .run(move |store| serde_json::to_vec(&f(store)?).map_err(ApiError::internal))
            .await?;
    Ok(json_body(bytes))
}

/// `f`'s answer as JSON, kept in the answer cache under `key` until the data change: for
/// answers that depend only on the request and the data and cost more than sending a copy.
async fn kept_json<T: serde::Serialize>(
    s: &AppState,
    key: String,
    f: impl FnOnce(&Store, &crate::Inner) -> Result<T, ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    let inner = s.0.clone();
    let bytes =
        s.0.pool
            .run(move |store| {
                let version = store.data_version()?;
                inner.answers.get_or_build(key, version, || {
                    serde_json::to_vec(&f(store, &inner)?).map_err(ApiError::internal)
                })
            })
            .await?;
    Ok(json_body(bytes))
}

pub(crate) fn query_error(r: QueryRejection) -> ApiError {
    ApiError::bad(format!("query: {}", r.body_text()))
}

#[utoipa::path(get, path = "/api/v1/stats", responses((status = 200, description = "Counts by kind and state, date range, indicators", body = ref("#/components/schemas/Stats"))))]
async fn stats(State(s): State<AppState>) -> Result<Response, ApiError> {
    // Counting a million events takes a second: the answer is kept until the data change.
    kept_json(&s, "stats".to_string(), |store, _| Ok(store.stats()?)).await
}

#[utoipa::path(get, path = "/api/v1/events", params(params::EventsParams), responses((status = 200, description = "A page of events", body = ref("#/components/schemas/EventsAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "The cursor is well formed but names no position this API returned", body = ErrorBody)))]
async fn events(
    State(s): State<AppState>,
    q: Result<Query<EventsParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let q = params::events(&p)?;
    blocking(&s, move |store| {
        let mut page = Vec::with_capacity(q.limit as usize + 1);
        store.for_each_reviewed_event_after(&q.filter, q.after.as_ref(), |e| {
            page.push(e);
            Ok(())
        })?;
        let next = if page.len() as u64 > q.limit {
            page.truncate(q.limit as usize);
            let last = page
                .last()
                .ok_or_else(|| ApiError::internal("empty page"))?;
            Some(params::encode_cursor(&EventKey::of(&last.event)?))
        } else {
            None
        };
        Ok(EventsPage {
            events: page,
            next_cursor: next,
            limit: q.limit,
        })
    })
    .await
}

// The answers of the busiest routes are written straight from these structs: going through
// `json!` built a `serde_json::Value` tree of every event first (a map allocation per field),
// which cost more than the query. Same fields and values; keys in declaration order.
#[derive(Serialize)]
struct EventsPage {
    events: Vec<atalaya_store::query::ReviewedEvent>,
    next_cursor: Option<String>,
    limit: u64,
}

#[derive(Serialize)]
struct SeriesAnswer {
    period: Option<String>,
    measure: String,
    points: Vec<atalaya_store::query::Point>,
}

#[utoipa::path(get, path = "/api/v1/events/{id}", params(("id" = String, Path, description = "The event id (ucdp:442846)")), responses((status = 200, description = "The event", body = ref("#/components/schemas/Event")), (status = 404, description = "No event has this id", body = ErrorBody)))]
async fn event(State(s): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    blocking(&s, move |store| {
        store
            .reviewed_event(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no event with id {id:?}")))
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/series", params(params::SeriesParams), responses((status = 200, description = "The series", body = ref("#/components/schemas/SeriesAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No official series of that name is imported", body = ErrorBody)))]
async fn series(
    State(s): State<AppState>,
    q: Result<Query<SeriesParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let q = params::series(&p)?;
    // The parsed request: the same question asked with its parameters in another order or
    // spelling (state=Sinaloa, state=25) shares one kept answer.
    let key = format!("{q:?} {:?}", p.period);
    let inner = s.0.clone();
    let bytes =
        s.0.pool
            .run(move |store| {
                let version = store.data_version()?;
                inner.answers.get_or_build(key, version, || {
                    let points = store.series(&q).map_err(crate::error::missing)?;
                    let measure = match &q.measure {
                        Measure::Events => "events".to_string(),
                        Measure::Fatalities => "fatalities".to_string(),
                        Measure::Indicator(n) => n.clone(),
                    };
                    serde_json::to_vec(&SeriesAnswer {
                        period: p.period,
                        measure,
                        points,
                    })
                    .map_err(ApiError::internal)
                })
            })
            .await?;
    Ok(json_body(bytes))
}

#[utoipa::path(get, path = "/api/v1/states", responses((status = 200, description = "The states", body = ref("#/components/schemas/StatesAnswer"))))]
async fn states() -> Response {
    let states: Vec<_> = gazetteer::STATES
        .iter()
        .map(|s| {
            json!({
                "code": s.code,
                "name": s.name,
                "name_inegi": s.name_inegi,
                "name_en": s.name_en,
                "abbr": s.abbr,
                "neighbours": gazetteer::neighbours(s.code),
            })
        })
        .collect();
    Json(json!({ "states": states })).into_response()
}

#[utoipa::path(get, path = "/api/v1/adjacency", responses((status = 200, description = "Pairs of INEGI codes", body = ref("#/components/schemas/AdjacencyAnswer"))))]
async fn adjacency() -> Response {
    let pairs: Vec<[&str; 2]> = gazetteer::ADJACENCY.iter().map(|&(a, b)| [a, b]).collect();
    Json(json!({ "pairs": pairs })).into_response()
}

#[utoipa::path(get, path = "/api/v1/geometry", responses((status = 200, description = "A GeoJSON FeatureCollection, one feature per state (cve_ent): the --geo file, else the built-in outlines", body = ref("#/components/schemas/GeometryAnswer"))))]
/// The state outlines the maps are drawn on: the `--geo` file, else the built-in ones.
async fn geometry(State(s): State<AppState>) -> Response {
    json_body(s.0.geometry.as_bytes().to_vec())
}

fn svg_body(text: impl IntoResponse) -> Response {
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    r
}

#[utoipa::path(get, path = "/api/v1/map.svg", params(svg::MapParams), responses((status = 200, description = "The choropleth of the 32 states", body = String, content_type = "image/svg+xml"), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No official series of that name is imported", body = ErrorBody)))]
async fn map_svg(
    State(s): State<AppState>,
    q: Result<Query<svg::MapParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let (q, lang) = svg::map_query(&p)?;
    // The dashboard's first view: every visitor asks for the same map.
    let key = format!("map.svg {q:?} {lang:?}");
    let inner = s.0.clone();
    let bytes =
        s.0.pool
            .run(move |store| {
                let version = store.data_version()?;
                inner.answers.get_or_build(key, version, || {
                    let series = store.series(&q).map_err(crate::error::missing)?;
                    Ok::<_, ApiError>(svg::map(&q, &series, lang, &inner.outlines).into_bytes())
                })
            })
            .await?;
    Ok(svg_body(bytes))
}

#[utoipa::path(get, path = "/api/v1/series.svg", params(svg::ChartParams), responses((status = 200, description = "The series as a line chart", body = String, content_type = "image/svg+xml"), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No official series of that name is imported", body = ErrorBody)))]
async fn series_svg(
    State(s): State<AppState>,
    q: Result<Query<svg::ChartParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let (q, lang) = svg::chart_query(&p)?;
    let text =
        s.0.pool
            .run(move |store| {
                let points = store.series(&q).map_err(crate::error::missing)?;
                Ok(svg::series_chart(&q, &points, lang))
            })
            .await?;
    Ok(svg_body(text))
}

#[utoipa::path(get, path = "/api/v1/kingpins", responses((status = 200, description = "The interventions, by date", body = ref("#/components/schemas/KingpinsAnswer"))))]
async fn kingpins(State(s): State<AppState>) -> Result<Response, ApiError> {
    blocking(&s, |store| {
        Ok(json!({ "interventions": store.interventions()? }))
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/forecast", params(forecast::ForecastParams), responses((status = 200, description = "The model's terms and each state's predictive distribution", body = ref("#/components/schemas/ForecastAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No such series, or too little data to fit (the message says which)", body = ErrorBody)))]
async fn forecast_json(
    State(s): State<AppState>,
    q: Result<Query<forecast::ForecastParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = forecast::forecast_request(&p)?;
    // Even with the fit kept, an answer takes a tenth of a second on a million events (the
    // panel is read and the intervals drawn); it depends only on the request and the data,
    // so it is kept until they change.
    kept_json(&s, format!("forecast {r:?}"), move |store, inner| {
        forecast::run_forecast(store, &r, &inner.fits)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/forecast.svg", params(forecast::ForecastChartParams), responses((status = 200, description = "One state's history and forecast", body = String, content_type = "image/svg+xml"), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No such series, the state not in it, or too little data (the message says which)", body = ErrorBody)))]
async fn forecast_svg(
    State(s): State<AppState>,
    q: Result<Query<forecast::ForecastParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = forecast::forecast_request(&p)?;
    let inner = s.0.clone();
    let text =
        s.0.pool
            .run(move |store| forecast::forecast_svg(store, &r, &inner.fits))
            .await?;
    Ok(svg_body(text))
}

#[utoipa::path(get, path = "/api/v1/backtest", params(forecast::BacktestParams), responses((status = 200, description = "Scores per model, overall and per horizon", body = ref("#/components/schemas/BacktestAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No such series, or too few periods for the origins asked (the message says which)", body = ErrorBody)))]
async fn backtest_json(
    State(s): State<AppState>,
    q: Result<Query<forecast::BacktestParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = forecast::backtest_request(&p)?;
    let inner = s.0.clone();
    blocking(&s, move |store| {
        forecast::run_backtest(store, &r, &inner.fits)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/alerts", params(forecast::AlertsParams), responses((status = 200, description = "The alerts, notes on rules that do not apply, and the source", body = ref("#/components/schemas/AlertsAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No such series, or no complete period of data before as_of", body = ErrorBody)))]
async fn alerts_json(
    State(s): State<AppState>,
    q: Result<Query<forecast::AlertsParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = forecast::alerts_request(&p)?;
    // The rules read whole panels (a second and more on a million events); the answer
    // depends only on the request and the data, so it is kept until they change.
    let key = format!("alerts {:?} {:?} {:?}", r.measure, r.period, r.as_of);
    kept_json(&s, key, move |store, _| forecast::run_alerts(store, &r)).await
}

#[utoipa::path(get, path = "/api/v1/impact", params(impact::ImpactParams), responses((status = 200, description = "The report: estimates, intervals, placebo, neighbours, warnings", body = ref("#/components/schemas/ImpactAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No intervention or no data to study it with (the message says which)", body = ErrorBody)))]
async fn impact_json(
    State(s): State<AppState>,
    q: Result<Query<impact::ImpactParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let (q, _) = impact::query(&p)?;
    blocking(&s, move |store| impact::run(store, &q)).await
}

#[utoipa::path(get, path = "/api/v1/impact.svg", params(impact::ImpactParams), responses((status = 200, description = "The event-study chart", body = String, content_type = "image/svg+xml"), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No intervention, or no coefficients to draw (the message says why)", body = ErrorBody)))]
async fn impact_svg(
    State(s): State<AppState>,
    q: Result<Query<impact::ImpactParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let (q, lang) = impact::query(&p)?;
    let text =
        s.0.pool
            .run(move |store| impact::chart(&impact::run(store, &q)?, lang))
            .await?;
    Ok(svg_body(text))
}

#[utoipa::path(get, path = "/api/v1/impact/map.svg", params(impact::ImpactParams), responses((status = 200, description = "The treated states, their neighbours and the controls on the map", body = String, content_type = "image/svg+xml"), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No intervention or no data to study it with (the message says which)", body = ErrorBody)))]
/// The states a study treats, their neighbours and the controls, on the map.
async fn impact_map_svg(
    State(s): State<AppState>,
    q: Result<Query<impact::ImpactParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let (q, lang) = impact::query(&p)?;
    let inner = s.0.clone();
    let text =
        s.0.pool
            .run(move |store| {
                Ok(impact::map(
                    &impact::select(store, &q)?,
                    lang,
                    &inner.outlines,
                ))
            })
            .await?;
    Ok(svg_body(text))
}

#[utoipa::path(get, path = "/api/v1/indicators", params(indicators::IndicatorsParams), responses((status = 200, description = "Conflict indicators per state and period, with the thresholds from which each is high", body = ref("#/components/schemas/IndicatorsAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody)))]
/// The conflict indicators of `atalaya indicators`, filtered by state and range.
async fn indicators_json(
    State(s): State<AppState>,
    q: Result<Query<indicators::IndicatorsParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = indicators::request(&p)?;
    let inner = s.0.clone();
    blocking(&s, move |store| {
        indicators::rows(&*inner.indicators.get(store, r.period)?, &r)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/indicators.svg", params(indicators::IndicatorsParams), responses((status = 200, description = "One period's conflict level per state on the map", body = String, content_type = "image/svg+xml"), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No indicators for that period (the message gives the data's periods)", body = ErrorBody)))]
/// One period's conflict level per state on the map.
async fn indicators_svg(
    State(s): State<AppState>,
    q: Result<Query<indicators::IndicatorsParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = indicators::request(&p)?;
    let inner = s.0.clone();
    let text =
        s.0.pool
            .run(move |store| {
                indicators::map(
                    &*inner.indicators.get(store, r.period)?,
                    &r,
                    &inner.outlines,
                )
            })
            .await?;
    Ok(svg_body(text))
}

#[utoipa::path(get, path = "/api/v1/territory", params(territory::TerritoryParams), responses((status = 200, description = "The statuses", body = ref("#/components/schemas/TerritoryAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody)))]
async fn territory_json(
    State(s): State<AppState>,
    q: Result<Query<territory::TerritoryParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = territory::request(&p)?;
    blocking(&s, move |store| {
        Ok(json!({ "cells": territory::run(store, &r)? }))
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/territory.svg", params(territory::TerritoryMapParams), responses((status = 200, description = "One group's statuses on the state map", body = String, content_type = "image/svg+xml"), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody)))]
async fn territory_svg(
    State(s): State<AppState>,
    q: Result<Query<territory::TerritoryParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = territory::request(&p)?;
    let Some(group) = r.group.clone() else {
        return Err(ApiError::bad(
            "group: required for the map (CJNG, Sinaloa Cartel, …)",
        ));
    };
    let inner = s.0.clone();
    let text =
        s.0.pool
            .run(move |store| {
                let cells = territory::run(store, &r)?;
                Ok(territory::map(&cells, &group, r.lang, &inner.outlines))
            })
            .await?;
    Ok(svg_body(text))
}

#[utoipa::path(get, path = "/api/v1/territory/presence", params(presence::PresenceParams), responses((status = 200, description = "The window and its presence rows", body = ref("#/components/schemas/TerritoryPresenceAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "The group is neither known nor named by any event in the window", body = ErrorBody)))]
async fn presence_json(
    State(s): State<AppState>,
    q: Result<Query<presence::PresenceParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = presence::request(&p)?;
    blocking(&s, move |store| presence::run(store, &r)).await
}

/// One group's presence map: per municipality (needs `--municipal-geo`) or per state.
#[utoipa::path(get, path = "/api/v1/territory/presence.svg", params(presence::PresenceMapParams), responses((status = 200, description = "One group's presence map", body = String, content_type = "image/svg+xml"), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody), (status = 404, description = "No municipal boundaries loaded (--municipal-geo), or nothing to map (the message says which)", body = ErrorBody)))]
async fn presence_svg(
    State(s): State<AppState>,
    q: Result<Query<presence::PresenceParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let r = presence::request(&p)?;
    let Some(group) = r.group.clone() else {
        return Err(ApiError::bad(
            "group: required for the map (CJNG, Sinaloa Cartel, …)",
        ));
    };
    if r.by_municipality && s.0.municipal.is_none() {
        return Err(ApiError::not_found(
            "no municipal boundaries loaded; start the server with --municipal-geo FILE (a TopoJSON of the municipalities, object municipios, as INEGI's mx_municipios_inegi.topo.json), or ask by=state",
        ));
    }
    let inner = s.0.clone();
    let text = s
        .0
        .pool
        .run(move |store| {
            let report = presence::run(store, &r)?;
            let Some((from, to)) = report.window else {
                return Err(ApiError::not_found(
                    "no event in the store names an armed group: nothing to map",
                ));
            };
            Ok(match &inner.municipal {
                Some(geom) if r.by_municipality => presence::municipal_svg(
                    geom,
                    &report.rows,
                    &group,
                    (from, to),
                    &store.municipal_catalog()?,
                    r.lang,
                ),
                _ => presence::state_svg(&report.rows, &group, (from, to), &inner.outlines, r.lang),
            })
        })
        .await?;
    Ok(svg_body(text))
}

#[utoipa::path(get, path = "/api/v1/openapi.json", responses((status = 200, description = "This document (OpenAPI 3.1)", body = ref("#/components/schemas/OpenapiJsonAnswer"))))]
async fn openapi() -> Response {
    json_body(crate::openapi::json())
}

/// The writing routes: the bearer token given at start or a reviewer's (`--reviewers`),
/// compared in constant time; the request carries the name of whom it names.
async fn require_token(
    State(s): State<AppState>,
    headers: HeaderMap,
    mut req: Request,
    next: Next,
) -> Response {
    let cfg = &s.0.config;
    if cfg.token.is_none() && cfg.reviewers.is_empty() {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "writing is turned off: start the server with --token (or ATALAYA_TOKEN) or --reviewers FILE",
        )
        .into_response();
    }
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let who = given.and_then(|t| {
        // Every token is compared, so the time taken does not tell which one matched.
        let mut found = None;
        if let Some(expected) = &cfg.token {
            if same(t.as_bytes(), expected.as_bytes()) {
                found = Some(TOKEN_HOLDER.to_string());
            }
        }
        for r in &cfg.reviewers {
            if same(t.as_bytes(), r.token.as_bytes()) {
                found = Some(r.name.clone());
            }
        }
        found
    });
    match given {
        Some(_) if who.is_some() => {
            let name = who.expect("checked by the guard");
            req.extensions_mut().insert(review::ReviewerName(name));
            next.run(req).await
        }
        Some(_) => {
            ApiError::new(StatusCode::UNAUTHORIZED, "the bearer token is wrong").into_response()
        }
        None => {
            let mut r = ApiError::new(
                StatusCode::UNAUTHORIZED,
                "this route writes: send Authorization: Bearer TOKEN",
            )
            .into_response();
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            r
        }
    }
}

/// Equal tokens, in a time that depends only on the lengths: every byte is compared, and
/// `black_box` keeps the optimiser from stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    let diff = a
        .iter()
        .zip(b)
        .fold(0u8, |acc, (x, y)| acc | std::hint::black_box(x ^ y));
    a.len() == b.len() && std::hint::black_box(diff) == 0
}

/// A news report to code (and store).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CodeRequest {
    /// The report's text; a text of spaces codes to nothing.
    #[schema(min_length = 1)]
    text: String,
    /// The report's publication date, YYYY-MM-DD (1900–2100): relative dates count from it.
    #[schema(schema_with = crate::openapi::schema::date)]
    published: String,
    /// The report's language; auto (the default) detects English or Spanish.
    #[schema(schema_with = code_lang_schema)]
    lang: Option<String>,
    /// The report's name, kept as its events' source document (default api:PUBLISHED).
    #[schema(min_length = 1)]
    doc: Option<String>,
    /// false codes without storing (default true).
    store: Option<bool>,
}

/// The language, or null (taken as absent, as serde reads it).
fn code_lang_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some([
            serde_json::json!("auto"),
            serde_json::json!("en"),
            serde_json::json!("es"),
            serde_json::Value::Null,
        ]))
        .into()
}

/// Codes one news text and, unless `store` is false, stores its events and figures as
/// `atalaya code --store` does (a repeated report merges into the stored incident).
#[utoipa::path(post, path = "/api/v1/code", request_body = CodeRequest, security(("bearer" = [])), responses((status = 200, description = "Coded events and figures, each with its quote and span", body = ref("#/components/schemas/CodeAnswer")), (status = 400, description = "A body field the document does not allow, or malformed JSON", body = ErrorBody), (status = 401, description = "No or a wrong bearer token", body = ErrorBody), (status = 403, description = "Writing is turned off (no --token)", body = ErrorBody), (status = 415, description = "The body is not declared as application/json", body = ErrorBody), (status = 422, description = "The JSON does not have the body's fields and types", body = ErrorBody)))]
async fn code(
    State(s): State<AppState>,
    body: Result<Json<CodeRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(req) =
        body.map_err(|r| ApiError::new(r.status(), format!("body: {}", r.body_text())))?;
    if req.text.is_empty() {
        return Err(ApiError::bad("text: empty"));
    }
    let published = params::date("published", &Some(req.published.clone()))?
        .ok_or_else(|| ApiError::bad("published: empty value"))?;
    let lang = match params::choice("lang", &req.lang, &["auto", "en", "es"])? {
        None => Lang::Auto,
        Some(l) => Lang::from_str(l).map_err(|m| ApiError::bad(format!("lang: {m}")))?,
    };
    let doc = match params::text("doc", &req.doc)? {
        Some(d) => d,
        None => format!("api:{}", published),
    };
    let db = s.0.config.db.clone();
    let bytes = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, ApiError> {
        let coded = coder::code(&req.text, published, lang);
        let stored = if req.store.unwrap_or(true) {
            // Writing is rare: a connection of its own, so the readers' pool stays read-only.
            let mut store = Store::open(&db)?;
            let lang = match lang {
                Lang::En => "en",
                Lang::Es => "es",
                Lang::Auto => "auto",
            };
            let stored = store_report(
                &mut store,
                &doc,
                &req.text,
                (&iso_date(published), lang),
                &coded,
            )?;
            Some(stored)
        } else {
            None
        };
        serde_json::to_vec(&json!({
            "events": coded.events,
            "figures": coded.figures,
            "stored": stored,
        }))
        .map_err(ApiError::internal)
    })
    .await
    .map_err(ApiError::internal)??;
    Ok(json_body(bytes))
}

fn store_report(
    store: &mut Store,
    doc: &str,
    text: &str,
    (published, lang): (&str, &str),
    coded: &atalaya_coder::Coded,
) -> Result<serde_json::Value, ApiError> {
    let key = report_key(text);
    let mut w = store.writer(NEWS_FORMAT, doc)?;
    // The text itself, so its events can be reviewed beside it (as `code --store` does).
    w.store_article(&atalaya_store::articles::NewArticle {
        key: key.clone(),
        content_hash: atalaya_store::articles::content_hash(text),
        urls: Vec::new(),
        title: String::new(),
        text: text.to_string(),
        lang: lang.to_string(),
        published: published.to_string(),
        source: "api".to_string(),
        doc: doc.to_string(),
    })?;
    let mut events = Vec::new();
    for (n, e) in coded.events.iter().enumerate() {
        events.push(w.store_news_event(&to_event(e, doc, &key, n, published))?);
    }
    let mut figures = Vec::new();
    for f in &coded.figures {
        figures.push(w.store_figure(&FigureReport {
            measure: f.measure.clone(),
            value: f.value,
            unit: f.unit.clone(),
            scope: f.scope.clone(),
            period: None,
            doc: doc.to_string(),
            published: published.to_string(),
            quote: f.quote.clone(),
            span: [f.span.0, f.span.1],
        })?);
    }
    w.commit()?;
    Ok(json!({ "events": events, "figures": figures }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerParams {
    measure: Option<String>,
    scope: Option<String>,
}

impl IntoParams for LedgerParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "measure",
                false,
                "A figure's measure (extraditions, arrests, …)",
                crate::openapi::schema::text(),
            ),
            query(
                "scope",
                false,
                "MX (national figures) or a state",
                AnyOfBuilder::new()
                    .item(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .enum_values(Some(["MX"])),
                    )
                    .item(crate::openapi::schema::state())
                    .into(),
            ),
        ]
    }
}

/// The enforcement and official figures coded from reports, each with every source that
/// gave it (the lines of `atalaya ledger --json`).
#[utoipa::path(get, path = "/api/v1/ledger", params(LedgerParams), responses((status = 200, description = "The ledger", body = ref("#/components/schemas/LedgerAnswer")), (status = 400, description = "A parameter the document does not allow; the message names it", body = ErrorBody)))]
async fn ledger(
    State(s): State<AppState>,
    q: Result<Query<LedgerParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(query_error)?;
    let scope = match p.scope.as_deref() {
        Some("MX") => Some("MX".to_string()),
        _ => params::state(&p.scope).map_err(|_| {
            ApiError::bad(format!(
                "scope: {:?} is not MX nor a Mexican state",
                p.scope.as_deref().unwrap_or_default()
            ))
        })?,
    };
    let measure = params::text("measure", &p.measure)?;
    blocking(&s, move |store| {
        let entries: Vec<_> = store
            .ledger(&LedgerFilter { measure, scope })?
            .into_iter()
            .map(|e| {
                json!({"measure": e.measure, "value": e.value, "unit": e.unit, "scope": e.scope,
                       "period": e.period, "source": e.sources.first(), "sources": e.sources})
            })
            .collect();
        Ok(json!({ "entries": entries }))
    })
    .await
}

/// A boundary file must be a FeatureCollection whose features each name one state by
/// `cve_ent` or `state` (INEGI code) and carry a Polygon or MultiPolygon, covering all 32.
pub fn check_geometry(text: &str) -> Result<(), String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if v.get("type").and_then(|t| t.as_str()) != Some("FeatureCollection") {
        return Err("not a GeoJSON FeatureCollection".into());
    }
    let features = v
        .get("features")
        .and_then(|f| f.as_array())
        .ok_or("no features array")?;
    let mut seen = std::collections::BTreeSet::new();
    for (i, f) in features.iter().enumerate() {
        let props = f.get("properties");
        let code = ["cve_ent", "state"]
            .iter()
            .find_map(|k| props.and_then(|p| p.get(*k)).and_then(|c| c.as_str()))
            .ok_or_else(|| format!("feature {i}: no cve_ent or state property"))?;
        let st = gazetteer::state(code)
            .filter(|s| s.code == code)
            .ok_or_else(|| format!("feature {i}: {code:?} is not a state code 01–32"))?;
        let gtype = f
            .get("geometry")
            .and_then(|g| g.get("type"))
            .and_then(|t| t.as_str());
        if !matches!(gtype, Some("Polygon") | Some("MultiPolygon")) {
            return Err(format!(
                "feature {i} ({}): geometry is not a Polygon or MultiPolygon",
                st.code
            ));
        }
        seen.insert(st.code);
    }
    let missing: Vec<&str> = gazetteer::STATES
        .iter()
        .map(|s| s.code)
        .filter(|c| !seen.contains(c))
        .collect();
    if !missing.is_empty() {
        return Err(format!("no shape for states {}", missing.join(", ")));
    }
    Ok(())
}

#[cfg(test)]
mod token_tests {
    use super::same;

    #[test]
    fn tokens_match_only_when_every_byte_and_the_length_agree() {
        let t = b"0123456789abcdef";
        assert!(same(t, b"0123456789abcdef"));
        assert!(!same(t, b"0123456789abcdeX"));
        assert!(!same(t, b"X123456789abcdef"));
        assert!(!same(t, b"0123456789abcde"));
        assert!(!same(t, b"0123456789abcdef0"));
        assert!(!same(t, b""));
    }
}
