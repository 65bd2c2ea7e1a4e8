//! Forecasts and alerts over HTTP, as `atalaya forecast --json` and `atalaya alerts --json`
//! compute them (`atalaya_analysis::forecast::requests`).

use atalaya_analysis::forecast::{self, requests, AlertOptions, ForecastOptions};
use atalaya_analysis::AnalysisError;
use atalaya_core::period::{parse_date, PeriodKind};
use atalaya_store::query::Measure;
use atalaya_store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::params;

/// The furthest a forecast may look ahead, in periods: beyond a year the model's
/// intervals say little, and each period costs a simulation per state.
const MAX_HORIZON: usize = 12;

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
pub struct AlertsParams {
    pub measure: Option<String>,
    pub as_of: Option<String>,
    pub period: Option<String>,
}

pub struct ForecastRequest {
    measure: Measure,
    period: PeriodKind,
    horizon: usize,
    state: Option<String>,
    as_of: Option<NaiveDate>,
}

pub struct AlertsRequest {
    measure: Measure,
    period: PeriodKind,
    as_of: Option<NaiveDate>,
}

fn as_of(v: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    v.as_deref()
        .map(|d| parse_date(d).map_err(|m| ApiError::bad(format!("as_of: {m}"))))
        .transpose()
}

pub fn forecast_request(p: &ForecastParams) -> Result<ForecastRequest, ApiError> {
    let m = params::measure(&p.measure)?;
    let horizon = match p.horizon.as_deref() {
        None => 3,
        Some(h) => {
            let n: usize = h
                .parse()
                .map_err(|_| ApiError::bad(format!("horizon: {h:?} is not a whole number")))?;
            if !(1..=MAX_HORIZON).contains(&n) {
                return Err(ApiError::bad(format!(
                    "horizon: {n} is out of range (1 to {MAX_HORIZON} periods)"
                )));
            }
            n
        }
    };
    Ok(ForecastRequest {
        period: params::period_for(&p.period, &m)?,
        measure: m,
        horizon,
        state: params::state(&p.state)?,
        as_of: as_of(&p.as_of)?,
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

fn analysis_error(e: AnalysisError) -> ApiError {
    match e {
        AnalysisError::Store(s) => ApiError::from(s),
        AnalysisError::Invalid(m) | AnalysisError::InsufficientData(m) => ApiError::bad(m),
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

pub fn run_forecast(store: &Store, r: &ForecastRequest) -> Result<ForecastAnswer, ApiError> {
    let panel =
        requests::load_panel(store, &r.measure, r.period, None, r.as_of).map_err(analysis_error)?;
    let fc = forecast::forecast(
        &panel,
        panel.periods(),
        r.horizon,
        &ForecastOptions::default(),
    )
    .map_err(analysis_error)?;
    Ok(ForecastAnswer {
        measure: measure_name(&r.measure),
        period: r.period.to_string(),
        origin: fc.origin,
        source: requests::source(store, &r.measure).map_err(analysis_error)?,
        phi: fc.fit.phi,
        phi_se: fc.fit.phi_se,
        psi: fc.fit.psi,
        psi_se: fc.fit.psi_se,
        forecasts: fc
            .forecasts
            .into_iter()
            .filter(|f| r.state.as_deref().is_none_or(|s| f.state == s))
            .collect(),
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
