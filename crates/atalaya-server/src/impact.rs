//! The kingpin impact study over HTTP: `atalaya impact`'s report as JSON, and its
//! event-study chart as SVG.

use atalaya_analysis::impact::{self, DidOptions, Impact, ImpactQuery, Selection, Treated};
use atalaya_analysis::AnalysisError;
use atalaya_charts::event_study::{self, Coefficient, EventStudyChart};
use atalaya_charts::state_map::{self, Cell, MapSpec, Outlines};
use atalaya_core::gazetteer;
use atalaya_core::period::PeriodKind;
use atalaya_store::Store;
use serde::Deserialize;

use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::openapi::{self, param, schema};
use crate::svg::Lang;

/// The widest window a request may ask for: two years of weeks.
const MAX_WINDOW: usize = 104;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactParams {
    pub actor: Option<String>,
    pub date: Option<String>,
    pub treated: Option<String>,
    pub measure: Option<String>,
    pub period: Option<String>,
    pub window: Option<String>,
    pub lang: Option<String>,
}

impl IntoParams for ImpactParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            openapi::query(
                "actor",
                true,
                "The group whose leader was removed (CJNG, Sinaloa Cartel, …)",
                schema::text(),
            ),
            openapi::query(
                "date",
                false,
                "The intervention's date; the latest one against the actor without it",
                schema::date(),
            ),
            openapi::query(
                "treated",
                false,
                "auto (the kingpin list's base states for the date, else the state where it happened, else the events rule); events (the states holding half of the events naming the actor in the year before); or states (INEGI codes or names) separated by commas",
                schema::state_codes(),
            ),
            param::measure(),
            param::period("week or month; official series are monthly only"),
            openapi::query(
                "window",
                false,
                "Periods before and after the intervention",
                schema::count(1, MAX_WINDOW as u64, 26),
            ),
            param::lang(),
        ]
    }
}

pub fn query(p: &ImpactParams) -> Result<(ImpactQuery, Lang), ApiError> {
    let actor = crate::params::text("actor", &p.actor)?
        .ok_or_else(|| ApiError::bad("actor: required (CJNG, Sinaloa Cartel, …)"))?;
    let date = crate::params::date("date", &p.date)?;
    let measure = crate::params::measure(&p.measure)?;
    let period = crate::params::period_for(&p.period, &measure)?;
    // Exactly the document's pattern: auto, events, or states (codes or names) separated by commas.
    let treated = match p.treated.as_deref() {
        None | Some("auto") => Treated::Auto,
        Some("events") => Treated::Events,
        Some(list) => {
            let mut codes = Vec::new();
            for s in list.split(',') {
                let st = gazetteer::STATES
                    .iter()
                    .find(|st| st.code == s || st.name == s)
                    .ok_or_else(|| {
                        ApiError::bad(format!(
                            "treated: {s:?} is not a state's two-digit code (01–32) or name; separate states by commas, or give auto"
                        ))
                    })?;
                codes.push(st.code.to_string());
            }
            Treated::States(codes)
        }
    };
    let default_window = match period {
        PeriodKind::Month => 12,
        PeriodKind::Week => 26,
    };
    let window =
        crate::params::count("window", &p.window, default_window, (1, MAX_WINDOW as u64))? as usize;
    let lang = crate::svg::lang(&p.lang)?;
    Ok((
        ImpactQuery {
            actor,
            date,
            treated,
            measure,
            kinds: Vec::new(),
            period,
            window,
            neighbours_as_controls: false,
            options: DidOptions::default(),
        },
        lang,
    ))
}

fn api_error(e: AnalysisError) -> ApiError {
    match e {
        // The request was well formed: what the store refuses (a measure no file imported)
        // and what cannot be studied are missing data.
        AnalysisError::Store(s) => crate::error::missing(s),
        AnalysisError::Invalid(m) | AnalysisError::InsufficientData(m) => ApiError::not_found(m),
    }
}

pub fn run(store: &Store, q: &ImpactQuery) -> Result<Impact, ApiError> {
    impact::run(store, q).map_err(api_error)
}

/// The states a study compares, without running it (the map's data).
pub fn select(store: &Store, q: &ImpactQuery) -> Result<Selection, ApiError> {
    impact::select(store, q).map_err(api_error)
}

/// Fills of the map's three groups (ColorBrewer OrRd ends and the lightest grey-orange).
const TREATED_FILL: &str = "#b30000";
const NEIGHBOUR_FILL: &str = "#fc8d59";
const CONTROL_FILL: &str = "#fef0d9";

/// Which states a study treats, which are their neighbours (their own group) and which
/// are controls, on the state map; the title names the rule that chose them.
pub fn map(sel: &Selection, lang: Lang, outlines: &Outlines) -> String {
    let (treated, neighbour, control) = match lang {
        Lang::En => ("treated", "neighbour (own group)", "control"),
        Lang::Es => ("tratado", "vecino (grupo propio)", "control"),
    };
    let cells: Vec<Cell> = gazetteer::STATES
        .iter()
        .map(|s| {
            let name = match lang {
                Lang::En => s.name_en,
                Lang::Es => s.name,
            };
            let (fill, role) = if sel.treated.iter().any(|t| t == s.code) {
                (TREATED_FILL, treated)
            } else if sel.neighbours.iter().any(|t| t == s.code) {
                (NEIGHBOUR_FILL, neighbour)
            } else {
                (CONTROL_FILL, control)
            };
            Cell {
                code: s.code.to_string(),
                short: s.abbr.to_string(),
                name: name.to_string(),
                fill: fill.to_string(),
                tooltip: format!("{name}: {role}"),
            }
        })
        .collect();
    let mut legend = vec![(TREATED_FILL.to_string(), treated.to_string())];
    if !sel.neighbours.is_empty() {
        legend.push((NEIGHBOUR_FILL.to_string(), neighbour.to_string()));
    }
    legend.push((CONTROL_FILL.to_string(), control.to_string()));
    let title = match lang {
        Lang::En => format!(
            "{}, {}: treated states (rule: {})",
            sel.actor,
            sel.date,
            sel.rule.as_str()
        ),
        Lang::Es => format!(
            "{}, {}: estados tratados (regla: {})",
            sel.actor,
            sel.date,
            sel.rule.as_str()
        ),
    };
    state_map::render(&MapSpec {
        title: &title,
        description: &sel.reason,
        cells: &cells,
        legend: &legend,
        shapes: Some(&outlines.shapes),
        attribution: outlines.credit(lang == Lang::Es),
    })
}

/// The event-study chart, or a 400 saying why there is none to draw.
pub fn chart(r: &Impact, lang: Lang) -> Result<String, ApiError> {
    if r.by_period.is_empty() {
        return Err(ApiError::not_found(format!(
            "no event-study coefficients to draw: {}",
            r.warnings.first().map(String::as_str).unwrap_or("no data")
        )));
    }
    let who: Vec<String> = r
        .interventions
        .iter()
        .map(|iv| {
            if iv.alias.is_empty() {
                iv.name.clone()
            } else {
                format!("\"{}\"", iv.alias)
            }
        })
        .collect();
    let treated: Vec<&str> = r
        .treated
        .iter()
        .map(|c| {
            gazetteer::state(c).map_or(c.as_str(), |s| match lang {
                Lang::En => s.name_en,
                Lang::Es => s.name,
            })
        })
        .collect();
    let (title, y_title, x_title) = match lang {
        Lang::En => (
            format!(
                "{}: {} in {} vs. {} control states",
                r.actor,
                r.measure,
                treated.join(", "),
                r.controls.len()
            ),
            format!("Change in {} vs. controls (%)", r.measure),
            format!(
                "{}s from the intervention (0 = the {} containing {})",
                r.period, r.period, r.date
            ),
        ),
        Lang::Es => (
            format!(
                "{}: {} en {} frente a {} estados de control",
                r.actor,
                r.measure,
                treated.join(", "),
                r.controls.len()
            ),
            format!("Cambio en {} frente a los controles (%)", r.measure),
            format!(
                "{} desde la intervención (0 = el periodo que contiene {})",
                if r.period == "week" {
                    "Semanas"
                } else {
                    "Meses"
                },
                r.date
            ),
        ),
    };
    let chart = EventStudyChart {
        title,
        y_title,
        x_title,
        marker: if who.is_empty() {
            r.date.clone()
        } else {
            format!("{}: {}", r.date, who.join(", "))
        },
        coefficients: r
            .by_period
            .iter()
            .map(|b| Coefficient {
                offset: b.offset,
                label: b.period.clone(),
                estimate: b.estimate,
                // The reference period is zero by construction: no interval.
                ci: match (b.ci_low, b.ci_high, b.offset) {
                    (_, _, -1) => None,
                    (Some(lo), Some(hi), _) => Some((lo, hi)),
                    _ => None,
                },
            })
            .collect(),
    };
    Ok(event_study::render(&chart))
}
