//! Where a group is present, per year and state or municipality: the rows of
//! `atalaya territory --presence [--by-municipality] --json` (`/api/v1/territory/presence`)
//! and their maps (`/api/v1/territory/presence.svg`). The municipal map is also what the
//! CLI writes with `--municipal-geo`, so both draw the same picture.

use std::collections::BTreeMap;

use atalaya_analysis::territory::{Presence, TerritoryData, TerritoryQuery};
use atalaya_analysis::AnalysisError;
use atalaya_charts::municipal_map::{self, AreaValue, MunicipalGeometry, MunicipalMapSpec};
use atalaya_charts::state_map::{self, MapSpec, Outlines};
use atalaya_core::actors::{canonical, resolve};
use atalaya_core::gazetteer::{self, MunicipalCatalog};
use atalaya_store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::openapi::{param, query, schema};
use crate::params;
use crate::svg::Lang;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresenceParams {
    pub group: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `state` or `municipality`.
    pub by: Option<String>,
    /// `true`: factions as named instead of rolled up to their cartel.
    pub factions: Option<String>,
    /// The map's language (presence.svg only).
    pub lang: Option<String>,
}

fn presence_params(group_required: bool) -> Vec<Parameter> {
    vec![
        query(
            "group",
            group_required,
            "An armed group (CJNG, Sinaloa Cartel, …); a name neither known nor in the window is a 404",
            schema::text(),
        ),
        param::from(),
        param::to(),
        query(
            "by",
            false,
            "Rows per municipality (default) or per state",
            schema::one_of(&["municipality", "state"]),
        ),
        query(
            "factions",
            false,
            "true: factions as named instead of rolled up to their cartel",
            schema::one_of(&["false", "true"]),
        ),
        param::lang(),
    ]
}

impl IntoParams for PresenceParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        presence_params(false)
    }
}

/// `presence.svg`'s parameters: `PresenceParams` with the group required.
pub struct PresenceMapParams;

impl IntoParams for PresenceMapParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        presence_params(true)
    }
}

pub struct PresenceRequest {
    query: TerritoryQuery,
    pub group: Option<String>,
    pub by_municipality: bool,
    pub factions: bool,
    pub lang: Lang,
}

pub fn request(p: &PresenceParams) -> Result<PresenceRequest, ApiError> {
    let checked = params::events(&params::EventsParams {
        from: p.from.clone(),
        to: p.to.clone(),
        ..params::EventsParams::default()
    })?;
    let by_municipality = params::choice("by", &p.by, &["municipality", "state"])? != Some("state");
    let factions = params::choice("factions", &p.factions, &["false", "true"])? == Some("true");
    let group = params::text("group", &p.group)?.map(|g| canonical(&g));
    Ok(PresenceRequest {
        query: TerritoryQuery {
            from: checked.filter.from,
            to: checked.filter.to,
            ..TerritoryQuery::default()
        },
        group,
        by_municipality,
        factions,
        lang: crate::svg::lang(&p.lang)?,
    })
}

/// The presence rows of a window (one group's when asked), and the window itself.
#[derive(Debug, Serialize)]
pub struct PresenceReport {
    pub group: Option<String>,
    pub by: &'static str,
    /// The window, `YYYY-MM-DD`: an open end is the store's first or last event.
    pub from: Option<String>,
    pub to: Option<String>,
    pub rows: Vec<Presence>,
    #[serde(skip)]
    pub window: Option<(NaiveDate, NaiveDate)>,
}

pub fn run(store: &Store, r: &PresenceRequest) -> Result<PresenceReport, ApiError> {
    let by = if r.by_municipality {
        "municipality"
    } else {
        "state"
    };
    // A reversed range holds no events: like a window where none names a group.
    let mut reversed = matches!((r.query.from, r.query.to), (Some(f), Some(t)) if f > t);
    let loaded = if reversed {
        Err(AnalysisError::InsufficientData(
            "the range is reversed".into(),
        ))
    } else {
        // The parameters were checked; what the analysis still refuses is a window that
        // ends before it starts once an open end is the data's (from after the last event).
        TerritoryData::load(store, &r.query).map_err(|e| match e {
            AnalysisError::Invalid(m) => {
                reversed = true;
                AnalysisError::InsufficientData(m)
            }
            other => other,
        })
    };
    let data = match loaded {
        Ok(d) => d,
        // No event names an armed group in the window.
        Err(AnalysisError::InsufficientData(_)) => {
            check_group(r.group.as_deref(), &[])?;
            return Ok(PresenceReport {
                group: r.group.clone(),
                by,
                from: r.query.from.map(|d| d.to_string()),
                to: r.query.to.map(|d| d.to_string()),
                rows: Vec::new(),
                window: r.query.from.zip(r.query.to).filter(|_| !reversed),
            });
        }
        Err(AnalysisError::Invalid(m)) => return Err(ApiError::bad(m)),
        Err(AnalysisError::Store(e)) => return Err(e.into()),
    };
    let mut rows = data.presence(r.by_municipality, r.factions);
    check_group(r.group.as_deref(), &rows)?;
    if let Some(g) = &r.group {
        rows.retain(|p| &p.group == g);
    }
    Ok(PresenceReport {
        group: r.group.clone(),
        by,
        from: Some(data.from.to_string()),
        to: Some(data.to.to_string()),
        rows,
        window: Some((data.from, data.to)),
    })
}

/// A group the registry does not know and no event of the window names is a mistake (a
/// typo would otherwise look like a group present nowhere).
fn check_group(group: Option<&str>, rows: &[Presence]) -> Result<(), ApiError> {
    match group {
        Some(g) if resolve(g).is_none() && !rows.iter().any(|p| p.group == g) => {
            Err(ApiError::not_found(format!(
                "group: {g:?} is not a known armed group and no event in the window names it \
                 (try CJNG, Sinaloa Cartel, Gulf Cartel, Los Zetas…)"
            )))
        }
        _ => Ok(()),
    }
}

/// "Guadalajara, Jalisco" from a 5-digit code; the code when the catalog lacks it.
pub fn place_name(code: &str, catalog: &MunicipalCatalog, lang: Lang) -> String {
    let state = code
        .get(..2)
        .and_then(gazetteer::state)
        .map(|s| match lang {
            Lang::En => s.name_en,
            Lang::Es => s.name,
        })
        .unwrap_or("?");
    match catalog.get(code) {
        Some(m) => format!("{}, {state}", m.name),
        None => match lang {
            Lang::En => format!("municipality {code}, {state}"),
            Lang::Es => format!("municipio {code}, {state}"),
        },
    }
}

/// The formats of the evidence events (`ocved:…` ids), each with how many events it gave.
fn source_formats(rows: &[&Presence]) -> BTreeMap<String, usize> {
    let mut formats: BTreeMap<String, usize> = BTreeMap::new();
    for p in rows {
        for id in &p.evidence {
            *formats
                .entry(id.split_once(':').map_or("?", |(f, _)| f).to_string())
                .or_default() += 1;
        }
    }
    formats
}

/// Where the numbers come from, under the legend: the formats and their event counts.
fn sources_line(rows: &[&Presence], lang: Lang) -> String {
    let list = source_formats(rows)
        .iter()
        .map(|(f, n)| format!("{f} ({n})"))
        .collect::<Vec<_>>()
        .join(", ");
    match (lang, list.is_empty()) {
        (Lang::En, false) => format!(
            "Source: events from {list}; presence = kind-weighted count of events naming the group, by Atalaya (territory --presence)."
        ),
        (Lang::Es, false) => format!(
            "Fuente: eventos de {list}; presencia = conteo ponderado por tipo de los eventos que nombran al grupo, por Atalaya (territory --presence)."
        ),
        (Lang::En, true) => "No event names the group in this window.".into(),
        (Lang::Es, true) => "Ningún evento nombra al grupo en este periodo.".into(),
    }
}

/// One group's presence per municipality over a window (its years added up), as a map.
/// `rows` are municipal presence rows; other groups' rows are ignored.
pub fn municipal_svg(
    geom: &MunicipalGeometry,
    rows: &[Presence],
    group: &str,
    window: (NaiveDate, NaiveDate),
    catalog: &MunicipalCatalog,
    lang: Lang,
) -> String {
    let mine: Vec<&Presence> = rows
        .iter()
        .filter(|p| p.group == group && p.municipality.is_some())
        .collect();
    let mut totals: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for p in &mine {
        if let Some(m) = &p.municipality {
            let t = totals.entry(m.as_str()).or_default();
            t.0 += p.score;
            t.1 += p.events;
        }
    }
    let values: Vec<AreaValue> = totals
        .into_iter()
        .map(|(id, (score, events))| AreaValue {
            id: id.to_string(),
            score,
            events,
        })
        .collect();
    let formats = source_formats(&mine)
        .into_keys()
        .collect::<Vec<_>>()
        .join(", ");
    let (title, description, words) = match lang {
        Lang::En => (
            format!(
                "{group}: presence by municipality, {} … {} ({} municipalities; source: {})",
                window.0,
                window.1,
                values.len(),
                if formats.is_empty() { "no events" } else { &formats }
            ),
            format!(
                "Each municipality coloured by the presence score of {group} (kind-weighted count of the events naming it), in quantile classes; grey: no event names it there."
            ),
            municipal_map::ENGLISH,
        ),
        Lang::Es => (
            format!(
                "{group}: presencia por municipio, {} … {} ({} municipios; fuente: {})",
                window.0,
                window.1,
                values.len(),
                if formats.is_empty() { "sin eventos" } else { &formats }
            ),
            format!(
                "Cada municipio coloreado según la presencia de {group} (conteo ponderado por tipo de los eventos que lo nombran), en clases por cuantiles; gris: ningún evento lo nombra ahí."
            ),
            municipal_map::SPANISH,
        ),
    };
    let source = sources_line(&mine, lang);
    let place = |code: &str| place_name(code, catalog, lang);
    municipal_map::render(
        geom,
        &MunicipalMapSpec {
            title: &title,
            description: &description,
            source: &source,
            values: &values,
            place: &place,
            words,
        },
    )
}

/// One group's presence per state over a window, on the state map.
pub fn state_svg(
    rows: &[Presence],
    group: &str,
    window: (NaiveDate, NaiveDate),
    outlines: &Outlines,
    lang: Lang,
) -> String {
    let mine: Vec<&Presence> = rows.iter().filter(|p| p.group == group).collect();
    let score_text = |v: f64| crate::svg::number((v * 100.0).round() / 100.0, lang);
    // Per state: score, events and the score of each year, for the tooltip.
    let mut totals: BTreeMap<&str, (f64, usize, BTreeMap<i32, f64>)> = BTreeMap::new();
    for p in &mine {
        let t = totals.entry(p.state.as_str()).or_default();
        t.0 += p.score;
        t.1 += p.events;
        *t.2.entry(p.year).or_default() += p.score;
    }
    let values: Vec<f64> = totals.values().map(|t| t.0).collect();
    let breaks = state_map::quantile_breaks(&values, 5);
    let words = match lang {
        Lang::En => municipal_map::ENGLISH,
        Lang::Es => municipal_map::SPANISH,
    };
    let cells: Vec<state_map::Cell> = gazetteer::STATES
        .iter()
        .map(|s| {
            let name = match lang {
                Lang::En => s.name_en,
                Lang::Es => s.name,
            };
            let (fill, tooltip) = match totals.get(s.code) {
                Some((score, events, years)) => (
                    state_map::colour_for(Some(*score), &breaks),
                    format!(
                        "{name}: {} {} ({events} {}; {})",
                        words.presence,
                        score_text(*score),
                        words.events,
                        years
                            .iter()
                            .map(|(y, v)| format!("{y}: {}", score_text(*v)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
                None => (state_map::NO_DATA, format!("{name}: {}", words.none)),
            };
            let mut short = s.svg_id.to_string();
            if let Some(first) = short.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            state_map::Cell {
                code: s.code.to_string(),
                short,
                name: name.to_string(),
                fill: fill.to_string(),
                tooltip,
            }
        })
        .collect();
    let mut legend = state_map::class_legend(&breaks, words.up_to, |b| {
        crate::svg::number((b * 10.0).round() / 10.0, lang)
    });
    legend.push((state_map::NO_DATA.to_string(), words.none.to_string()));
    let title = match lang {
        Lang::En => format!("{group}: presence by state, {} … {}", window.0, window.1),
        Lang::Es => format!("{group}: presencia por estado, {} … {}", window.0, window.1),
    };
    let description = sources_line(&mine, lang);
    state_map::render(&MapSpec {
        title: &title,
        description: &description,
        cells: &cells,
        legend: &legend,
        shapes: Some(&outlines.shapes),
        attribution: outlines.credit(lang == Lang::Es),
    })
}
