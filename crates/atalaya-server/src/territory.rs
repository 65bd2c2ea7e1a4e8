//! Who holds which territory over HTTP: the lines of `atalaya territory --json` (derived
//! statuses with their evidence; curated overrides are a CLI file option).

use atalaya_analysis::territory::{Cell, TerritoryData, TerritoryQuery};
use atalaya_analysis::AnalysisError;
use atalaya_core::actors::canonical;
use atalaya_store::Store;
use serde::Deserialize;

use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::openapi::{param, query, schema};
use crate::params;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerritoryParams {
    pub state: Option<String>,
    pub group: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sensitivity: Option<String>,
    /// The map's language (territory.svg only).
    pub lang: Option<String>,
}

fn territory_params(group_required: bool) -> Vec<Parameter> {
    vec![
        param::state(),
        query(
            "group",
            group_required,
            "An armed group (CJNG, Sinaloa Cartel, …); its factions count as it",
            schema::text(),
        ),
        param::from(),
        param::to(),
        query(
            "sensitivity",
            false,
            "Evidence a status needs, relative to the default (1); 0.5 halves it",
            schema::number(0.0, 100.0, 1.0),
        ),
        param::lang(),
    ]
}

impl IntoParams for TerritoryParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        territory_params(false)
    }
}

/// `territory.svg`'s parameters: `TerritoryParams` with the group required.
pub struct TerritoryMapParams;

impl IntoParams for TerritoryMapParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        territory_params(true)
    }
}

pub struct Request {
    query: TerritoryQuery,
    pub group: Option<String>,
    pub lang: crate::svg::Lang,
}

pub fn request(p: &TerritoryParams) -> Result<Request, ApiError> {
    // The same checks as the events filters: state, dates and their order.
    let checked = params::events(&params::EventsParams {
        state: p.state.clone(),
        from: p.from.clone(),
        to: p.to.clone(),
        ..params::EventsParams::default()
    })?;
    // A plain decimal number in (0, 100], as the document's schema says.
    let sensitivity = match params::non_empty_str("sensitivity", &p.sensitivity)? {
        None => 1.0,
        Some(s) => match s.parse::<f64>() {
            Ok(v) if plain_number(s) && v > 0.0 && v <= 100.0 => v,
            _ => {
                return Err(ApiError::bad(format!(
                    "sensitivity: {s:?} is not a number above 0 and at most 100 (1 is the default; 0.5 halves the evidence a status needs)"
                )))
            }
        },
    };
    let group = params::text("group", &p.group)?.map(|g| canonical(&g));
    Ok(Request {
        query: TerritoryQuery {
            from: checked.filter.from,
            to: checked.filter.to,
            state: checked.filter.state,
            sensitivity,
        },
        group,
        lang: crate::svg::lang(&p.lang)?,
    })
}

/// A number as JSON writes one: `-`? digits, an optional fraction and exponent (no `inf`,
/// `NaN`, `+1` or spaces, which Rust's parser would take).
fn plain_number(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let digits = |b: &[u8]| b.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = digits(b);
    if i == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        let n = digits(&b[i + 1..]);
        if n == 0 {
            return false;
        }
        i += 1 + n;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(&b[i..]);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

pub fn run(store: &Store, r: &Request) -> Result<Vec<Cell>, ApiError> {
    // A reversed range holds no events, hence no statuses.
    if let (Some(f), Some(t)) = (r.query.from, r.query.to) {
        if f > t {
            return Ok(Vec::new());
        }
    }
    let data = match TerritoryData::load(store, &r.query) {
        Ok(d) => d,
        // No event names an armed group in the window: no status to report.
        Err(AnalysisError::InsufficientData(_)) => return Ok(Vec::new()),
        // The parameters were checked; what the analysis still refuses is a window that
        // ends before it starts once an open end is the data's (from after the last event).
        Err(AnalysisError::Invalid(_)) => return Ok(Vec::new()),
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

/// Colours of the statuses on the territory map, and of a state where the group has none.
const STATUS_COLOURS: [(&str, &str); 4] = [
    ("control", "#b30000"),
    ("war", "#6a3d9a"),
    ("route", "#fd8d3c"),
    ("alliance", "#3182bd"),
];
const NONE_COLOUR: &str = "#eeeeee";

/// One group's status per state as a map; a state with several statuses is coloured by
/// the first of control, war, route, alliance, and its label lists them all.
pub fn map(
    cells: &[Cell],
    group: &str,
    lang: crate::svg::Lang,
    outlines: &atalaya_charts::state_map::Outlines,
) -> String {
    use crate::svg::Lang;
    use atalaya_charts::state_map::{self, MapSpec};
    let word = |status: &str| -> &'static str {
        match (status, lang) {
            ("control", Lang::En) => "control",
            ("control", Lang::Es) => "control",
            ("war", Lang::En) => "war",
            ("war", Lang::Es) => "guerra",
            ("route", Lang::En) => "route",
            ("route", Lang::Es) => "ruta",
            ("alliance", Lang::En) => "alliance",
            ("alliance", Lang::Es) => "alianza",
            (_, Lang::En) => "no status",
            (_, Lang::Es) => "sin estatus",
        }
    };
    let map_cells: Vec<state_map::Cell> = atalaya_core::gazetteer::STATES
        .iter()
        .map(|s| {
            let mine: Vec<&Cell> = cells.iter().filter(|c| c.state == s.code).collect();
            let fill = STATUS_COLOURS
                .iter()
                .find(|(st, _)| mine.iter().any(|c| c.status.as_str() == *st))
                .map_or(NONE_COLOUR, |(_, colour)| colour);
            let name = match lang {
                Lang::En => s.name_en,
                Lang::Es => s.name,
            };
            let what = if mine.is_empty() {
                word("").to_string()
            } else {
                mine.iter()
                    .map(|c| {
                        if c.with.is_empty() {
                            word(c.status.as_str()).to_string()
                        } else {
                            format!("{} ({})", word(c.status.as_str()), c.with.join(", "))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
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
                tooltip: format!("{name}: {group}, {what}"),
            }
        })
        .collect();
    let mut legend: Vec<(String, String)> = STATUS_COLOURS
        .iter()
        .map(|(st, c)| (c.to_string(), word(st).to_string()))
        .collect();
    legend.push((NONE_COLOUR.to_string(), word("").to_string()));
    let (title, description) = match lang {
        Lang::En => (
            format!("{group}: status per state"),
            "Each state coloured by the group's strongest status there, from the events that name it.",
        ),
        Lang::Es => (
            format!("{group}: estatus por estado"),
            "Cada estado coloreado según el estatus más fuerte del grupo, a partir de los eventos que lo nombran.",
        ),
    };
    state_map::render(&MapSpec {
        title: &title,
        description,
        cells: &map_cells,
        legend: &legend,
        shapes: Some(&outlines.shapes),
        attribution: outlines.credit(lang == Lang::Es),
    })
}
