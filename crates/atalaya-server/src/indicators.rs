//! Conflict indicators over HTTP: `atalaya indicators`' rows as JSON, and one period's
//! levels on the state map. The indicators of every state and period are computed in one
//! pass over the events and kept per period kind and data version (`Store::data_version`,
//! which every write moves), so the dashboard's table and map share one computation.

use std::sync::{Arc, Mutex};

use atalaya_analysis::indicators::{self, IndicatorPeriod, Indicators, Level, Row};
use atalaya_analysis::AnalysisError;
use atalaya_charts::state_map::{self, Cell, MapSpec, Outlines};
use atalaya_core::gazetteer;
use atalaya_store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::openapi::{self, param, schema};
use crate::svg::{number, Lang};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsParams {
    /// month (default) or year.
    pub period: Option<String>,
    pub state: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The map: the period containing this day (default: the last period of the data).
    pub at: Option<String>,
    pub lang: Option<String>,
}

impl IntoParams for IndicatorsParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            openapi::query(
                "period",
                false,
                "month (default) or year",
                schema::one_of(&["month", "year"]),
            ),
            param::state(),
            openapi::query(
                "from",
                false,
                "Periods from the one containing this day, YYYY-MM-DD (1900–2100)",
                schema::date(),
            ),
            openapi::query(
                "to",
                false,
                "Periods up to the one containing this day, YYYY-MM-DD (1900–2100); before `from` selects nothing",
                schema::date(),
            ),
            openapi::query(
                "at",
                false,
                "The map's period: the one containing this day (default: the last period of the data); a period without data is a 404",
                schema::date(),
            ),
            param::lang(),
        ]
    }
}

pub struct IndicatorsRequest {
    pub period: IndicatorPeriod,
    pub state: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub at: Option<NaiveDate>,
    pub lang: Lang,
}

pub fn request(p: &IndicatorsParams) -> Result<IndicatorsRequest, ApiError> {
    let period = match crate::params::choice("period", &p.period, &["month", "year"])? {
        Some("year") => IndicatorPeriod::Year,
        _ => IndicatorPeriod::Month,
    };
    let from = crate::params::date("from", &p.from)?;
    let to = crate::params::date("to", &p.to)?;
    let at = crate::params::date("at", &p.at)?;
    Ok(IndicatorsRequest {
        period,
        state: crate::params::state(&p.state)?,
        from,
        to,
        at,
        lang: crate::svg::lang(&p.lang)?,
    })
}

/// The last computation per period kind, with the data version it was made at.
#[derive(Default)]
pub struct Cache {
    entries: Mutex<Vec<(IndicatorPeriod, i64, Arc<Indicators>)>>,
}

impl Cache {
    /// The indicators of `period` for the store as it is now.
    pub fn get(&self, store: &Store, period: IndicatorPeriod) -> Result<Arc<Indicators>, ApiError> {
        let version = store.data_version()?;
        let hit = self
            .entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .find(|(p, v, _)| *p == period && *v == version)
            .map(|e| e.2.clone());
        if let Some(ind) = hit {
            return Ok(ind);
        }
        let ind = Arc::new(indicators::compute(store, period).map_err(api_error)?);
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.retain(|(p, _, _)| *p != period);
        entries.push((period, version, ind.clone()));
        Ok(ind)
    }
}

fn api_error(e: AnalysisError) -> ApiError {
    match e {
        AnalysisError::Store(s) => ApiError::from(s),
        AnalysisError::Invalid(m) | AnalysisError::InsufficientData(m) => ApiError::bad(m),
    }
}

/// What `/api/v1/indicators` answers.
#[derive(Debug, Serialize)]
pub struct Answer {
    pub period: IndicatorPeriod,
    pub thresholds: indicators::Thresholds,
    pub first_period: Option<String>,
    pub last_period: Option<String>,
    pub sources: Vec<String>,
    pub rows: Vec<Row>,
}

pub fn rows(ind: &Indicators, r: &IndicatorsRequest) -> Result<Answer, ApiError> {
    Ok(Answer {
        period: ind.period,
        thresholds: ind.thresholds,
        first_period: ind.first_period.clone(),
        last_period: ind.last_period.clone(),
        sources: ind.sources.clone(),
        rows: indicators::select(ind, r.state.as_deref(), r.from, r.to).map_err(api_error)?,
    })
}

/// Fills per level, light to dark (ColorBrewer OrRd).
pub fn level_fill(l: Level) -> &'static str {
    match l {
        Level::None => "#fef0d9",
        Level::Turbulent => "#fdbb84",
        Level::High => "#e34a33",
        Level::Extreme => "#7f0000",
    }
}

fn level_word(l: Level, lang: Lang) -> &'static str {
    match (l, lang) {
        (_, Lang::En) => l.as_str(),
        (Level::None, Lang::Es) => "ninguno",
        (Level::Turbulent, Lang::Es) => "turbulento",
        (Level::High, Lang::Es) => "alto",
        (Level::Extreme, Lang::Es) => "extremo",
    }
}

/// One period's level per state on the map; the tooltip gives the four indicators.
pub fn map(
    ind: &Indicators,
    r: &IndicatorsRequest,
    outlines: &Outlines,
) -> Result<String, ApiError> {
    let label = match (r.at, &ind.last_period) {
        (Some(d), _) => ind.period.label(d),
        (None, Some(last)) => last.clone(),
        (None, None) => {
            return Err(ApiError::not_found(
                "no dated event with a state is stored: no indicators to map",
            ))
        }
    };
    let rows: Vec<&Row> = ind.rows.iter().filter(|row| row.period == label).collect();
    if rows.is_empty() {
        return Err(ApiError::not_found(format!(
            "no indicators for {label}: the data runs from {} to {}",
            ind.first_period.as_deref().unwrap_or("-"),
            ind.last_period.as_deref().unwrap_or("-")
        )));
    }
    let lang = r.lang;
    let cells: Vec<Cell> = rows
        .iter()
        .map(|row| {
            let st = gazetteer::state(&row.state).expect("indicator rows name the 32 states");
            let name = match lang {
                Lang::En => st.name_en,
                Lang::Es => st.name,
            };
            let detail = match lang {
                Lang::En => format!(
                    "{name}: {} (deaths {}, attacks on civilians {}, violent area {}%, armed groups {})",
                    level_word(row.level, lang),
                    number(row.deadliness, lang),
                    row.danger,
                    number(100.0 * row.diffusion, lang),
                    row.fragmentation
                ),
                Lang::Es => format!(
                    "{name}: {} (muertes {}, ataques a civiles {}, área violenta {} %, grupos armados {})",
                    level_word(row.level, lang),
                    number(row.deadliness, lang),
                    row.danger,
                    number(100.0 * row.diffusion, lang),
                    row.fragmentation
                ),
            };
            Cell {
                code: row.state.clone(),
                short: st.abbr.to_string(),
                name: name.to_string(),
                fill: level_fill(row.level).to_string(),
                tooltip: detail,
            }
        })
        .collect();
    let legend: Vec<(String, String)> =
        [Level::Extreme, Level::High, Level::Turbulent, Level::None]
            .iter()
            .map(|l| (level_fill(*l).to_string(), level_word(*l, lang).to_string()))
            .collect();
    let (title, description) = match lang {
        Lang::En => (
            format!("Conflict level per state, {label}"),
            "Level: how many of deadliness, danger to civilians, diffusion and fragmentation are high (3–4 extreme, 2 high, 1 turbulent)."
                .to_string(),
        ),
        Lang::Es => (
            format!("Nivel de conflicto por estado, {label}"),
            "Nivel: cuántos de letalidad, peligro para civiles, difusión y fragmentación son altos (3–4 extremo, 2 alto, 1 turbulento)."
                .to_string(),
        ),
    };
    Ok(state_map::render(&MapSpec {
        title: &title,
        description: &description,
        cells: &cells,
        legend: &legend,
        shapes: Some(&outlines.shapes),
        attribution: outlines.credit(lang == Lang::Es),
    }))
}
