//! Who holds which territory over HTTP: the lines of `atalaya territory --json` (derived
//! statuses with their evidence; curated overrides are a CLI file option).

use atalaya_analysis::territory::{Cell, TerritoryData, TerritoryQuery};
use atalaya_analysis::AnalysisError;
use atalaya_core::actors::canonical;
use atalaya_store::Store;
use serde::Deserialize;

use crate::error::ApiError;
use crate::params;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerritoryParams {
    pub state: Option<String>,
    pub group: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sensitivity: Option<String>,
}

pub struct Request {
    query: TerritoryQuery,
    group: Option<String>,
}

pub fn request(p: &TerritoryParams) -> Result<Request, ApiError> {
    // The same checks as the events filters: state, dates and their order.
    let checked = params::events(&params::EventsParams {
        state: p.state.clone(),
        from: p.from.clone(),
        to: p.to.clone(),
        ..params::EventsParams::default()
    })?;
    let sensitivity = match p.sensitivity.as_deref() {
        None => 1.0,
        Some(s) => match s.parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 && v <= 100.0 => v,
            _ => {
                return Err(ApiError::bad(format!(
                    "sensitivity: {s:?} is not a number above 0 (1 is the default; 0.5 halves the evidence a status needs)"
                )))
            }
        },
    };
    let group = match p.group.as_deref().map(str::trim) {
        Some("") => return Err(ApiError::bad("group: empty value")),
        g => g.map(canonical),
    };
    Ok(Request {
        query: TerritoryQuery {
            from: checked.filter.from,
            to: checked.filter.to,
            state: checked.filter.state,
            sensitivity,
        },
        group,
    })
}

pub fn run(store: &Store, r: &Request) -> Result<Vec<Cell>, ApiError> {
    let data = match TerritoryData::load(store, &r.query) {
        Ok(d) => d,
        // No event names an armed group in the window: no status to report.
        Err(AnalysisError::InsufficientData(_)) => return Ok(Vec::new()),
        Err(AnalysisError::Invalid(m)) => return Err(ApiError::bad(m)),
        Err(AnalysisError::Store(e)) => return Err(e.into()),
    };
    let mut cells = data.cells(r.query.sensitivity).map_err(|e| match e {
        AnalysisError::Store(s) => ApiError::from(s),
        other => ApiError::bad(other.to_string()),
    })?;
    if let Some(g) = &r.group {
        cells.retain(|c| &c.group == g || c.faction_of.as_ref() == Some(g));
    }
    cells.sort_by(|x, y| {
        (x.state.as_str(), x.group.as_str()).cmp(&(y.state.as_str(), y.group.as_str()))
    });
    Ok(cells)
}
