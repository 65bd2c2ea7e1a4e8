//! The dashboard's pictures, drawn on the server with `atalaya-charts` so the CLI and the
//! dashboard show the same map and charts: the state choropleth and a state's series.

use std::collections::HashMap;

use atalaya_charts::state_map::{self, Cell, MapSpec, Outlines};
use atalaya_charts::{Frame, Svg};
use atalaya_core::gazetteer;
use atalaya_core::period::PeriodKind;
use atalaya_store::query::{Measure, SeriesQuery};
use serde::Deserialize;

use crate::error::ApiError;
use crate::openapi::param;
use crate::params::{self, SeriesParams};
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
}

pub fn lang(v: &Option<String>) -> Result<Lang, ApiError> {
    Ok(match params::choice("lang", v, &["en", "es"])? {
        Some("es") => Lang::Es,
        _ => Lang::En,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapParams {
    pub measure: Option<String>,
    pub kind: Option<String>,
    pub actor: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub lang: Option<String>,
}

impl IntoParams for MapParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            param::measure(),
            param::kind(),
            param::actor(),
            param::from(),
            param::to(),
            param::lang(),
        ]
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartParams {
    pub period: Option<String>,
    pub measure: Option<String>,
    pub state: Option<String>,
    pub kind: Option<String>,
    pub actor: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub lang: Option<String>,
}

impl IntoParams for ChartParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            param::period("week (default) or month"),
            param::measure(),
            param::state(),
            param::kind(),
            param::actor(),
            param::from(),
            param::to(),
            param::lang(),
        ]
    }
}

fn measure_label(m: &Measure, lang: Lang) -> String {
    match (m, lang) {
        (Measure::Events, Lang::En) => "events".into(),
        (Measure::Events, Lang::Es) => "eventos".into(),
        (Measure::Fatalities, Lang::En) => "fatalities".into(),
        (Measure::Fatalities, Lang::Es) => "muertes".into(),
        (Measure::Indicator(n), _) => n.replace('_', " "),
    }
}

/// 12345.5 → "12,345.5" (English) or "12 345,5" (Spanish).
pub fn number(v: f64, lang: Lang) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    let int = rounded.trunc().abs() as u64;
    let frac = ((rounded.abs() - int as f64) * 10.0).round() as u64;
    let digits = int.to_string();
    let (sep, dec) = match lang {
        Lang::En => (',', '.'),
        Lang::Es => ('\u{a0}', ','),
    };
    let mut s = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            s.push(sep);
        }
        s.push(c);
    }
    if frac > 0 {
        s.push(dec);
        s.push_str(&frac.to_string());
    }
    if rounded < 0.0 {
        s.insert(0, '-');
    }
    s
}

/// The query behind the map: monthly totals per state over the range (monthly, so the
/// official indicators can be mapped too).
pub fn map_query(p: &MapParams) -> Result<(SeriesQuery, Lang), ApiError> {
    let q = params::series(&SeriesParams {
        period: Some("month".into()),
        by: Some("state".into()),
        measure: p.measure.clone(),
        state: None,
        kind: p.kind.clone(),
        actor: p.actor.clone(),
        from: p.from.clone(),
        to: p.to.clone(),
    })?;
    Ok((q, lang(&p.lang)?))
}

pub fn map(
    q: &SeriesQuery,
    points: &[atalaya_store::query::Point],
    lang: Lang,
    outlines: &Outlines,
) -> String {
    let mut totals: HashMap<&str, f64> = HashMap::new();
    for p in points {
        *totals.entry(p.key.as_str()).or_default() += p.value;
    }
    let values: Vec<f64> = gazetteer::STATES
        .iter()
        .map(|s| totals.get(s.code).copied().unwrap_or(0.0))
        .collect();
    let breaks = state_map::quantile_breaks(&values, 5);
    let what = measure_label(&q.measure, lang);
    let cells: Vec<Cell> = gazetteer::STATES
        .iter()
        .zip(&values)
        .map(|(s, &v)| {
            let name = match lang {
                Lang::En => s.name_en,
                Lang::Es => s.name,
            };
            let mut short: String = s.svg_id.to_string();
            if let Some(first) = short.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            Cell {
                code: s.code.to_string(),
                short,
                name: name.to_string(),
                fill: state_map::colour_for(Some(v), &breaks).to_string(),
                tooltip: format!("{name}: {} {what}", number(v, lang)),
            }
        })
        .collect();
    // Zero has its own colour; the classes start above it.
    let mut legend = vec![(state_map::SEQUENTIAL[0].to_string(), "0".to_string())];
    let up_to = match lang {
        Lang::En => "up to",
        Lang::Es => "hasta",
    };
    legend.extend(state_map::class_legend(&breaks, up_to, |b| number(b, lang)));
    let span = match (q.from, q.to) {
        (Some(a), Some(b)) => format!(", {a} – {b}"),
        (Some(a), None) => format!(", {a} –"),
        (None, Some(b)) => format!(", – {b}"),
        (None, None) => String::new(),
    };
    let title = match lang {
        Lang::En => format!("{} per state{span}", capitalise(&what)),
        Lang::Es => format!("{} por estado{span}", capitalise(&what)),
    };
    let description = match lang {
        Lang::En => "Choropleth of the 32 states; darker is more. Select a state for its series and events.",
        Lang::Es => "Mapa coroplético de los 32 estados; más oscuro es más. Elija un estado para ver su serie y sus eventos.",
    };
    state_map::render(&MapSpec {
        title: &title,
        description,
        cells: &cells,
        legend: &legend,
        shapes: Some(&outlines.shapes),
        attribution: outlines.credit(lang == Lang::Es),
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn chart_query(p: &ChartParams) -> Result<(SeriesQuery, Lang), ApiError> {
    let q = params::series(&SeriesParams {
        period: Some(p.period.clone().unwrap_or_else(|| "week".into())),
        by: None,
        measure: p.measure.clone(),
        state: p.state.clone(),
        kind: p.kind.clone(),
        actor: p.actor.clone(),
        from: p.from.clone(),
        to: p.to.clone(),
    })?;
    Ok((q, lang(&p.lang)?))
}

/// A line of one series with a hover value on every period.
pub fn series_chart(q: &SeriesQuery, points: &[atalaya_store::query::Point], lang: Lang) -> String {
    let place = match q.state.as_deref().and_then(gazetteer::state) {
        Some(s) => match lang {
            Lang::En => s.name_en.to_string(),
            Lang::Es => s.name.to_string(),
        },
        None => match lang {
            Lang::En => "Mexico".to_string(),
            Lang::Es => "México".to_string(),
        },
    };
    let what = measure_label(&q.measure, lang);
    let per = match (q.period, lang) {
        (PeriodKind::Week, Lang::En) => "per week",
        (PeriodKind::Week, Lang::Es) => "por semana",
        (PeriodKind::Month, Lang::En) => "per month",
        (PeriodKind::Month, Lang::Es) => "por mes",
    };
    let title = format!("{place}: {what} {per}");
    let mut svg = Svg::new(720.0, 300.0);
    let n = points.len();
    let max = points.iter().map(|p| p.value).fold(0.0, f64::max);
    let frame = Frame::new(&svg, (0.0, (n.max(2) - 1) as f64), (0.0, max.max(1.0)));
    let step = (n / 6).max(1);
    let ticks: Vec<f64> = (0..n).step_by(step).map(|i| i as f64).collect();
    let label = |v: f64| points.get(v as usize).map(|p| p.period.clone());
    let x_title = match (q.period, lang) {
        (PeriodKind::Week, Lang::En) => "ISO week",
        (PeriodKind::Week, Lang::Es) => "semana ISO",
        (PeriodKind::Month, Lang::En) => "month",
        (PeriodKind::Month, Lang::Es) => "mes",
    };
    frame.draw_axes(&mut svg, &title, x_title, &what, &ticks, &label);
    let line: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (frame.x.px(i as f64), frame.y.px(p.value)))
        .collect();
    svg.polyline(&line, r##"stroke="#b30000" stroke-width="1.6""##);
    for (p, (x, y)) in points.iter().zip(&line) {
        svg.titled(
            &format!("{}: {}", p.period, number(p.value, lang)),
            &format!(r##"<circle cx="{x:.1}" cy="{y:.1}" r="2.2" fill="#b30000"/>"##),
        );
    }
    let total: f64 = points.iter().map(|p| p.value).sum();
    let description = match lang {
        Lang::En => format!("{n} periods, {} {what} in all", number(total, lang)),
        Lang::Es => format!("{n} periodos, {} {what} en total", number(total, lang)),
    };
    svg.finish(&title, &description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_per_language() {
        assert_eq!(number(1234567.0, Lang::En), "1,234,567");
        assert_eq!(number(1234.5, Lang::Es), "1\u{a0}234,5");
        assert_eq!(number(0.0, Lang::En), "0");
        assert_eq!(number(999.0, Lang::En), "999");
    }
}
