//! Forecasts and alerts over HTTP, as `atalaya forecast --json` and `atalaya alerts --json`
//! compute them (`atalaya_analysis::forecast::requests`).

use std::sync::Arc;

use atalaya_analysis::forecast::{self, requests, AlertOptions, ForecastOptions};
use atalaya_analysis::{AnalysisError, Panel};
use atalaya_charts::{forecast_chart, ForecastPoint};
use atalaya_core::period::PeriodKind;
use atalaya_store::query::Measure;
use atalaya_store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::fit_cache::FitCache;
use crate::openapi::{param, query, schema};
use crate::params;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

/// The furthest a forecast may look ahead, in periods: beyond a year the model's
/// intervals say little, and each period costs a simulation per state.
const MAX_HORIZON: usize = 12;
/// A backtest refits the model at every origin, so its cost is origins × the periods each
/// fit reads. Over HTTP both are bounded so that no request the document allows holds a
/// worker near the timeout (a weekly backtest of 12 origins on the whole UCDP history, 1,800
/// weeks, took 23 s; at most 12 origins on the last `BACKTEST_HISTORY` periods takes a
/// few): the CLI's `backtest` has neither bound.
const MAX_ORIGINS: usize = 12;
/// Periods of history a backtest over HTTP fits on: five years of weeks, ten of months.
const BACKTEST_HISTORY_WEEKS: i64 = 260;
const BACKTEST_HISTORY_MONTHS: i64 = 120;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForecastParams {
    pub period: Option<String>,
    pub horizon: Option<String>,
    pub measure: Option<String>,
    pub state: Option<String>,
    pub as_of: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BacktestParams {
    pub period: Option<String>,
    pub horizon: Option<String>,
    pub origins: Option<String>,
    pub measure: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertsParams {
    pub measure: Option<String>,
    pub as_of: Option<String>,
    pub period: Option<String>,
}

const PERIOD: &str = "week or month; official series are monthly only (week is a 404 for them), events default to week";

fn horizon_param() -> Parameter {
    query(
        "horizon",
        false,
        "Periods ahead",
        schema::count(1, MAX_HORIZON as u64, 3),
    )
}

fn as_of_param() -> Parameter {
    query(
        "as_of",
        false,
        "Use only data up to this date (YYYY-MM-DD)",
        schema::date(),
    )
}

impl IntoParams for ForecastParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            param::period(PERIOD),
            horizon_param(),
            param::measure(),
            param::state(),
            as_of_param(),
        ]
    }
}

/// `forecast.svg`'s parameters: `ForecastParams` with the state required.
pub struct ForecastChartParams;

impl IntoParams for ForecastChartParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let mut ps = ForecastParams::into_params(|| None);
        for p in &mut ps {
            if p.name == "state" {
                p.required = utoipa::openapi::Required::True;
            }
        }
        ps
    }
}

impl IntoParams for BacktestParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            param::period(PERIOD),
            horizon_param(),
            query(
                "origins",
                false,
                "Rolling forecast origins (each refits the model); the server fits on the last 260 weeks or 120 months",
                schema::count(1, MAX_ORIGINS as u64, 12),
            ),
            param::measure(),
        ]
    }
}

impl IntoParams for AlertsParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![param::measure(), as_of_param(), param::period(PERIOD)]
    }
}

#[derive(Debug)]
pub struct ForecastRequest {
    measure: Measure,
    period: PeriodKind,
    horizon: usize,
    state: Option<String>,
    as_of: Option<NaiveDate>,
}

pub struct BacktestRequest {
    measure: Measure,
    period: PeriodKind,
    horizon: usize,
    origins: usize,
}

pub struct AlertsRequest {
    pub(crate) measure: Measure,
    pub(crate) period: PeriodKind,
    pub(crate) as_of: Option<NaiveDate>,
}

fn as_of(v: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    params::date("as_of", v)
}

fn count(name: &str, v: &Option<String>, default: usize, max: usize) -> Result<usize, ApiError> {
    params::count(name, v, default as u64, (1, max as u64)).map(|n| n as usize)
}

pub fn forecast_request(p: &ForecastParams) -> Result<ForecastRequest, ApiError> {
    let m = params::measure(&p.measure)?;
    let horizon = count("horizon", &p.horizon, 3, MAX_HORIZON)?;
    Ok(ForecastRequest {
        period: params::period_for(&p.period, &m)?,
        measure: m,
        horizon,
        state: params::state(&p.state)?,
        as_of: as_of(&p.as_of)?,
    })
}

pub fn backtest_request(p: &BacktestParams) -> Result<BacktestRequest, ApiError> {
    let m = params::measure(&p.measure)?;
    Ok(BacktestRequest {
        period: params::period_for(&p.period, &m)?,
        measure: m,
        horizon: count("horizon", &p.horizon, 3, MAX_HORIZON)?,
        origins: count("origins", &p.origins, 12, MAX_ORIGINS)?,
    })
}

pub fn alerts_request(p: &AlertsParams) -> Result<AlertsRequest, ApiError> {
    let m = params::measure(&p.measure)?;
    Ok(AlertsRequest {
        period: params::period_for(&p.period, &m)?,
        measure: m,
        as_of: as_of(&p.as_of)?,
    })
}

/// The parameters were checked against the document before: what the analysis still
/// refuses is data the store does not hold (no such series, too few periods), a 404.
fn analysis_error(e: AnalysisError) -> ApiError {
    match e {
        AnalysisError::Store(s) => crate::error::missing(s),
        AnalysisError::Invalid(m) | AnalysisError::InsufficientData(m) => ApiError::not_found(m),
    }
}

#[derive(Serialize)]
pub struct ForecastAnswer {
    measure: String,
    period: String,
    origin: String,
    source: String,
    /// The model's own-past and neighbour terms, with standard errors.
    phi: f64,
    phi_se: f64,
    psi: f64,
    psi_se: f64,
    forecasts: Vec<forecast::StatePeriod>,
}

fn measure_name(m: &Measure) -> String {
    match m {
        Measure::Events => "events".into(),
        Measure::Fatalities => "fatalities".into(),
        Measure::Indicator(n) => n.clone(),
    }
}

/// The request's panel and its forecast for every state; the fit comes from `cache` when
/// the same panel and horizon were fitted before (the state only picks from the answer).
/// The source line of `measure`, remembered until the store changes.
fn source(store: &Store, measure: &Measure, cache: &FitCache) -> Result<String, ApiError> {
    let version = store.data_version()?;
    cache.source(&measure_name(measure), version, || {
        requests::source(store, measure).map_err(analysis_error)
    })
}

fn fit(
    store: &Store,
    r: &ForecastRequest,
    cache: &FitCache,
) -> Result<(Panel, Arc<forecast::Forecast>), ApiError> {
    let panel =
        requests::load_panel(store, &r.measure, r.period, None, r.as_of).map_err(analysis_error)?;
    let fc = cache.get_or_fit(&panel, r.horizon, |p| {
        forecast::forecast(p, p.periods(), r.horizon, &ForecastOptions::default())
            .map_err(analysis_error)
    })?;
    Ok((panel, fc))
}

/// One state's recent history, forecast mean and 10–90% band as an SVG chart.
pub fn forecast_svg(
    store: &Store,
    r: &ForecastRequest,
    cache: &FitCache,
) -> Result<String, ApiError> {
    let Some(code) = r.state.as_deref() else {
        return Err(ApiError::bad("state: required for the chart"));
    };
    let (panel, fc) = fit(store, r, cache)?;
    let si = panel
        .state_index(code)
        .ok_or_else(|| ApiError::not_found(format!("state: {code:?} is not in the panel")))?;
    // Three years of months or two of weeks: enough to see the level and the season.
    let keep = panel.periods().min(match r.period {
        PeriodKind::Month => 36,
        PeriodKind::Week => 104,
    });
    let history: Vec<(String, f64)> = (panel.periods() - keep..panel.periods())
        .map(|t| (panel.labels[t].clone(), panel.values[si][t]))
        .collect();
    let points: Vec<ForecastPoint> = fc
        .forecasts
        .iter()
        .filter(|f| f.state == code)
        .map(|f| ForecastPoint {
            label: f.period.clone(),
            mean: f.summary.mean,
            q10: f.summary.q10,
            q90: f.summary.q90,
        })
        .collect();
    let name = atalaya_core::gazetteer::state(code).map_or(code, |s| s.name);
    let measure = measure_name(&r.measure);
    let title = format!(
        "{name}: {measure} per {}, forecast from {}",
        r.period, fc.origin
    );
    Ok(forecast_chart(&title, &measure, &history, &points))
}

pub fn run_forecast(
    store: &Store,
    r: &ForecastRequest,
    cache: &FitCache,
) -> Result<ForecastAnswer, ApiError> {
    let (_, fc) = fit(store, r, cache)?;
    Ok(ForecastAnswer {
        measure: measure_name(&r.measure),
        period: r.period.to_string(),
        origin: fc.origin.clone(),
        source: source(store, &r.measure, cache)?,
        phi: fc.fit.phi,
        phi_se: fc.fit.phi_se,
        psi: fc.fit.psi,
        psi_se: fc.fit.psi_se,
        forecasts: fc
            .forecasts
            .iter()
            .filter(|f| r.state.as_deref().is_none_or(|s| f.state == s))
            .cloned()
            .collect(),
    })
}

#[derive(Serialize)]
pub struct BacktestAnswer {
    measure: String,
    period: String,
    source: String,
    #[serde(flatten)]
    backtest: forecast::Backtest,
}

pub fn run_backtest(
    store: &Store,
    r: &BacktestRequest,
    cache: &FitCache,
) -> Result<BacktestAnswer, ApiError> {
    let (_, last) = requests::data_range(store, &r.measure).map_err(analysis_error)?;
    let days = match r.period {
        PeriodKind::Week => 7 * (BACKTEST_HISTORY_WEEKS + 1),
        PeriodKind::Month => 31 * (BACKTEST_HISTORY_MONTHS + 1),
    };
    let from = last - chrono::Duration::days(days);
    let panel = requests::load_panel(store, &r.measure, r.period, Some(from), None)
        .map_err(analysis_error)?;
    let backtest = forecast::backtest(
        &panel,
        r.horizon,
        r.origins,
        &ForecastOptions::default(),
        |_, _| {},
    )
    .map_err(analysis_error)?;
    Ok(BacktestAnswer {
        measure: measure_name(&r.measure),
        period: r.period.to_string(),
        source: source(store, &r.measure, cache)?,
        backtest,
    })
}

pub fn run_alerts(store: &Store, r: &AlertsRequest) -> Result<requests::AlertReport, ApiError> {
    requests::alerts(
        store,
        &r.measure,
        r.as_of,
        r.period,
        &AlertOptions::default(),
    )
    .map_err(analysis_error)
}
