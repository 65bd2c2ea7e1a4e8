//! Maps of Mexico's 32 states: real polygons from an INEGI-style GeoJSON — the one given
//! with `--geo`, else INEGI's outlines simplified and compiled in ([`builtin`]) — or a tile
//! grid. Every state is a focusable `<g class="state" data-state="NN">` with an aria-label
//! and a hover title, so the dashboard and browser tests can find it.

use std::sync::OnceLock;

use serde_json::Value;

use crate::plot::{escape, Svg};

/// Tile-grid cells (column, row): a rough picture of Mexico, north-west to south-east, one
/// square per state, so small states (CDMX, Tlaxcala) are as visible as Chihuahua.
pub const TILES: [(&str, u8, u8); 32] = [
    ("02", 0, 0), // Baja California
    ("26", 1, 0), // Sonora
    ("08", 2, 0), // Chihuahua
    ("05", 3, 0), // Coahuila
    ("19", 4, 0), // Nuevo León
    ("03", 0, 1), // Baja California Sur
    ("25", 1, 1), // Sinaloa
    ("10", 2, 1), // Durango
    ("32", 3, 1), // Zacatecas
    ("24", 4, 1), // San Luis Potosí
    ("28", 5, 1), // Tamaulipas
    ("18", 1, 2), // Nayarit
    ("01", 2, 2), // Aguascalientes
    ("11", 3, 2), // Guanajuato
    ("22", 4, 2), // Querétaro
    ("13", 5, 2), // Hidalgo
    ("30", 6, 2), // Veracruz
    ("14", 1, 3), // Jalisco
    ("16", 2, 3), // Michoacán
    ("15", 3, 3), // México
    ("09", 4, 3), // Ciudad de México
    ("29", 5, 3), // Tlaxcala
    ("21", 6, 3), // Puebla
    ("27", 7, 3), // Tabasco
    ("04", 8, 3), // Campeche
    ("31", 9, 3), // Yucatán
    ("06", 1, 4), // Colima
    ("12", 2, 4), // Guerrero
    ("17", 3, 4), // Morelos
    ("20", 5, 4), // Oaxaca
    ("07", 7, 4), // Chiapas
    ("23", 9, 4), // Quintana Roo
];

/// INEGI's state outlines (Marco Geoestadístico), simplified by
/// `scripts/simplify_states.py` from `mx_states_inegi.geojson`: about 3,500 points, shared
/// borders simplified once so neighbours still meet. A product asset, not a dataset.
pub const BUILTIN_GEOJSON: &str = include_str!("../assets/mx_states_simplified.geojson");

/// What a map drawn on the built-in outlines credits (the GeoJSON's own `attribution`).
pub const BUILTIN_ATTRIBUTION: &str = "State outlines: INEGI, Marco Geoestadístico (simplified)";
const BUILTIN_ATTRIBUTION_ES: &str =
    "Límites estatales: INEGI, Marco Geoestadístico (simplificados)";

/// Outlines to draw maps on, with the credit their source asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlines {
    pub shapes: Vec<StateShape>,
    /// Printed under the map; from a GeoJSON's top-level `"attribution"` member.
    pub attribution: Option<String>,
}

impl Outlines {
    /// A FeatureCollection of states (see [`parse_geojson`]) and its `"attribution"`.
    pub fn parse(text: &str) -> Result<Outlines, String> {
        let shapes = parse_geojson(text)?;
        let attribution = serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|d| d.get("attribution")?.as_str().map(str::to_string));
        Ok(Outlines {
            shapes,
            attribution,
        })
    }

    /// The credit to print, in Spanish when asked and known.
    pub fn credit(&self, spanish: bool) -> Option<&str> {
        match self.attribution.as_deref() {
            Some(BUILTIN_ATTRIBUTION) if spanish => Some(BUILTIN_ATTRIBUTION_ES),
            other => other,
        }
    }
}

/// The compiled-in outlines, parsed once.
pub fn builtin() -> &'static Outlines {
    static OUTLINES: OnceLock<Outlines> = OnceLock::new();
    OUTLINES.get_or_init(|| {
        Outlines::parse(BUILTIN_GEOJSON).expect("the built-in outlines are valid GeoJSON")
    })
}

/// One state's outline in longitude/latitude: outer rings and holes, as in GeoJSON.
#[derive(Debug, Clone, PartialEq)]
pub struct StateShape {
    pub code: String,
    pub name: Option<String>,
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

/// Reads a FeatureCollection of the 32 states. The state code is taken from the
/// `cve_ent` property (INEGI's name; also `CVE_ENT`, `state` or `code`).
pub fn parse_geojson(text: &str) -> Result<Vec<StateShape>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let features = doc
        .get("features")
        .and_then(Value::as_array)
        .ok_or("not a GeoJSON FeatureCollection: no \"features\" array")?;
    let mut out = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        let props = f.get("properties");
        let code = ["cve_ent", "CVE_ENT", "state", "code"]
            .iter()
            .find_map(|k| props.and_then(|p| p.get(*k)))
            .and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => n.as_u64().map(|n| format!("{n:02}")),
                _ => None,
            })
            .ok_or_else(|| format!("feature {i}: no state code (property cve_ent)"))?;
        let name = ["nom_ent", "NOM_ENT", "name"]
            .iter()
            .find_map(|k| props.and_then(|p| p.get(*k)))
            .and_then(Value::as_str)
            .map(str::to_string);
        let geom = f
            .get("geometry")
            .ok_or_else(|| format!("feature {i} ({code}): no geometry"))?;
        let coords = geom.get("coordinates");
        let polygons = match geom.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![rings(coords, i)?],
            Some("MultiPolygon") => coords
                .and_then(Value::as_array)
                .ok_or_else(|| format!("feature {i}: MultiPolygon without coordinates"))?
                .iter()
                .map(|p| rings(Some(p), i))
                .collect::<Result<_, _>>()?,
            other => {
                return Err(format!(
                "feature {i} ({code}): geometry type {other:?}, expected Polygon or MultiPolygon"
            ))
            }
        };
        out.push(StateShape {
            code,
            name,
            polygons,
        });
    }
    Ok(out)
}

fn rings(v: Option<&Value>, feature: usize) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let bad = || format!("feature {feature}: malformed polygon coordinates");
    v.and_then(Value::as_array)
        .ok_or_else(bad)?
        .iter()
        .map(|ring| {
            ring.as_array()
                .ok_or_else(bad)?
                .iter()
                .map(|pt| {
                    let p = pt.as_array().ok_or_else(bad)?;
                    match (
                        p.first().and_then(Value::as_f64),
                        p.get(1).and_then(Value::as_f64),
                    ) {
                        (Some(x), Some(y)) => Ok((x, y)),
                        _ => Err(bad()),
                    }
                })
                .collect()
        })
        .collect()
}

/// What to draw for one state.
#[derive(Debug, Clone)]
pub struct Cell {
    pub code: String,
    /// Short label on tiles ("Sin"), full name in the aria-label.
    pub short: String,
    pub name: String,
    pub fill: String,
    /// Hover text and screen-reader value ("Sinaloa: 1,234 events").
    pub tooltip: String,
}

/// A map: title, one cell per state, legend entries (colour, label).
pub struct MapSpec<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub cells: &'a [Cell],
    pub legend: &'a [(String, String)],
    /// Real outlines; `None` draws the tile grid.
    pub shapes: Option<&'a [StateShape]>,
    /// Credit for the outlines, printed under the map (only when outlines are drawn).
    pub attribution: Option<&'a str>,
}

const WIDTH: f64 = 760.0;
const MAP_TOP: f64 = 40.0;
const MAP_HEIGHT: f64 = 470.0;
const LEGEND_ROW: f64 = 20.0;
const TILE: f64 = 66.0;
const TILE_GAP: f64 = 4.0;
const TILE_ROWS: f64 = 5.0;
const TILE_COLS: f64 = 10.0;

/// Renders the map as a standalone SVG document.
pub fn render(spec: &MapSpec) -> String {
    let shapes = spec.shapes.filter(|s| !s.is_empty());
    let credit = spec.attribution.filter(|_| shapes.is_some());
    let legend_h = LEGEND_ROW * spec.legend.len().div_ceil(3) as f64
        + 16.0
        + if credit.is_some() { 16.0 } else { 0.0 };
    let map_h = if shapes.is_some() {
        MAP_HEIGHT
    } else {
        TILE_ROWS * (TILE + TILE_GAP) + 30.0
    };
    let mut svg = Svg::new(WIDTH, MAP_TOP + map_h + legend_h);
    let size = crate::plot::fitted_size(spec.title, WIDTH - 32.0, 15.0);
    svg.text(
        16.0,
        24.0,
        "start",
        size,
        spec.title,
        r#"font-weight="600""#,
    );
    match shapes {
        Some(shapes) => draw_polygons(&mut svg, spec.cells, shapes),
        None => draw_tiles(&mut svg, spec.cells),
    }
    let y0 = MAP_TOP + map_h + 8.0;
    for (i, (color, label)) in spec.legend.iter().enumerate() {
        let x = 16.0 + (i % 3) as f64 * 245.0;
        let y = y0 + (i / 3) as f64 * LEGEND_ROW;
        svg.rect(
            x,
            y,
            14.0,
            14.0,
            &format!(r##"fill="{}" stroke="#666""##, escape(color)),
        );
        svg.text(x + 20.0, y + 11.5, "start", 12.0, label, "");
    }
    if let Some(credit) = credit {
        let y = y0 + LEGEND_ROW * spec.legend.len().div_ceil(3) as f64 + 10.0;
        svg.text(
            WIDTH - 16.0,
            y,
            "end",
            10.0,
            credit,
            r##"class="attribution" fill="#555""##,
        );
    }
    svg.finish(spec.title, spec.description)
}

fn open_group(svg: &mut Svg, cell: &Cell) {
    svg.raw(&format!(
        r#"<g class="state" data-state="{}" tabindex="0" role="button" aria-label="{}"><title>{}</title>"#,
        escape(&cell.code),
        escape(&cell.tooltip),
        escape(&cell.tooltip)
    ));
}

fn draw_tiles(svg: &mut Svg, cells: &[Cell]) {
    let (size, gap) = (TILE, TILE_GAP);
    let x0 = (WIDTH - TILE_COLS * (size + gap)) / 2.0;
    for &(code, col, row) in TILES.iter() {
        let Some(cell) = cells.iter().find(|c| c.code == code) else {
            continue;
        };
        let x = x0 + col as f64 * (size + gap);
        let y = MAP_TOP + 20.0 + row as f64 * (size + gap);
        open_group(svg, cell);
        svg.rect(
            x,
            y,
            size,
            size,
            &format!(r##"rx="6" fill="{}" stroke="#555""##, escape(&cell.fill)),
        );
        let ink = text_colour(&cell.fill);
        svg.text(
            x + size / 2.0,
            y + size / 2.0 + 5.0,
            "middle",
            14.0,
            &cell.short,
            &format!(r#"fill="{ink}" pointer-events="none""#),
        );
        svg.raw("</g>");
    }
}

fn draw_polygons(svg: &mut Svg, cells: &[Cell], shapes: &[StateShape]) {
    // Equirectangular with the longitude shrunk by cos(latitude) at Mexico's middle, which
    // keeps shapes recognisable at this scale without a projection library.
    let k = (23.0f64).to_radians().cos();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for s in shapes {
        for ring in s.polygons.iter().flatten() {
            for &(lon, lat) in ring {
                x0 = x0.min(lon * k);
                x1 = x1.max(lon * k);
                y0 = y0.min(lat);
                y1 = y1.max(lat);
            }
        }
    }
    let pad = 10.0;
    let scale = ((WIDTH - 2.0 * pad) / (x1 - x0)).min((MAP_HEIGHT - 2.0 * pad) / (y1 - y0));
    let ox = (WIDTH - (x1 - x0) * scale) / 2.0;
    let oy = MAP_TOP + (MAP_HEIGHT - (y1 - y0) * scale) / 2.0;
    for shape in shapes {
        let Some(cell) = cells.iter().find(|c| c.code == shape.code) else {
            continue;
        };
        let mut d = String::new();
        for ring in shape.polygons.iter().flatten() {
            for (i, &(lon, lat)) in ring.iter().enumerate() {
                let x = ox + (lon * k - x0) * scale;
                let y = oy + (y1 - lat) * scale;
                d.push_str(&format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" }));
            }
            d.push('Z');
        }
        open_group(svg, cell);
        svg.raw(&format!(
            r##"<path d="{d}" fill="{}" fill-rule="evenodd" stroke="#444" stroke-width="0.6"/>"##,
            escape(&cell.fill)
        ));
        svg.raw("</g>");
    }
}

/// Black or white text, whichever reads better on the fill (a `#rrggbb` colour).
fn text_colour(fill: &str) -> &'static str {
    let hex = fill.trim_start_matches('#');
    if hex.len() != 6 {
        return "#111";
    }
    let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as f64;
    let luminance = 0.299 * c(0) + 0.587 * c(2) + 0.114 * c(4);
    if luminance < 120.0 {
        "#fff"
    } else {
        "#111"
    }
}

/// A sequential palette (light to dark red), colour-blind safe (ColorBrewer OrRd).
pub const SEQUENTIAL: [&str; 6] = [
    "#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000",
];
/// States with no data.
pub const NO_DATA: &str = "#e8e8e8";

/// Class breaks for a choropleth: quantiles of the positive values, so one extreme state
/// does not wash out the others. Returns the upper bounds of the classes.
pub fn quantile_breaks(values: &[f64], classes: usize) -> Vec<f64> {
    let mut v: Vec<f64> = values
        .iter()
        .copied()
        .filter(|x| x.is_finite() && *x > 0.0)
        .collect();
    if v.is_empty() || classes == 0 {
        return Vec::new();
    }
    v.sort_by(f64::total_cmp);
    let mut breaks: Vec<f64> = (1..=classes)
        .map(|i| v[((i * v.len()).div_ceil(classes)).clamp(1, v.len()) - 1])
        .collect();
    breaks.dedup();
    breaks
}

/// Legend rows (colour, label) for class `breaks`: classes are (previous break, break], the
/// first starting above zero, so it reads "up to 36" rather than "0 – 36"; `up_to` is the
/// language's "up to" and `text` formats a bound.
pub fn class_legend(
    breaks: &[f64],
    up_to: &str,
    text: impl Fn(f64) -> String,
) -> Vec<(String, String)> {
    let mut lower: Option<f64> = None;
    breaks
        .iter()
        .map(|&b| {
            let label = match lower {
                None => format!("{up_to} {}", text(b)),
                Some(l) => format!("{} – {}", text(l), text(b)),
            };
            lower = Some(b);
            (colour_for(Some(b), breaks).to_string(), label)
        })
        .collect()
}

/// The colour of `value` given class breaks; zero and missing values are `NO_DATA`-light.
pub fn colour_for(value: Option<f64>, breaks: &[f64]) -> &'static str {
    match value {
        None => NO_DATA,
        Some(v) if v <= 0.0 || !v.is_finite() || breaks.is_empty() => SEQUENTIAL[0],
        Some(v) => {
            let i = breaks
                .iter()
                .position(|b| v <= *b)
                .unwrap_or(breaks.len() - 1);
            // Spread the classes over the darker part of the palette, the top class on
            // the darkest colour; the lightest colour is kept for zero.
            let last = SEQUENTIAL.len() - 1;
            if breaks.len() == 1 {
                return SEQUENTIAL[last];
            }
            let k = 1 + (i * (last - 1) + (breaks.len() - 2) / 2) / (breaks.len() - 1);
            SEQUENTIAL[k.min(last)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_classes_start_above_zero_each_in_its_colour() {
        let breaks = [2.0, 5.0, 9.0];
        let rows = class_legend(&breaks, "hasta", |v| format!("{v}"));
        let labels: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(labels, ["hasta 2", "2 – 5", "5 – 9"]);
        for (row, b) in rows.iter().zip(breaks) {
            assert_eq!(row.0, colour_for(Some(b), &breaks));
        }
        assert!(class_legend(&[], "up to", |v| v.to_string()).is_empty());
    }

    fn cells() -> Vec<Cell> {
        TILES
            .iter()
            .map(|(c, _, _)| Cell {
                code: c.to_string(),
                short: c.to_string(),
                name: format!("state {c}"),
                fill: "#fc8d59".into(),
                tooltip: format!("state {c}: 1 event"),
            })
            .collect()
    }

    #[test]
    fn tile_grid_has_32_distinct_states_and_cells() {
        let mut codes: Vec<&str> = TILES.iter().map(|t| t.0).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 32);
        let mut pos: Vec<(u8, u8)> = TILES.iter().map(|t| (t.1, t.2)).collect();
        pos.sort();
        pos.dedup();
        assert_eq!(pos.len(), 32, "two states share a tile");
        let doc = render(&MapSpec {
            title: "Events",
            description: "test",
            cells: &cells(),
            legend: &[("#fff".into(), "0".into())],
            shapes: None,
            attribution: None,
        });
        assert_eq!(doc.matches(r#"class="state""#).count(), 32);
        assert!(doc.contains(r#"data-state="25""#));
        assert!(doc.contains("aria-label=\"state 25: 1 event\""));
    }

    #[test]
    fn geojson_polygons_and_multipolygons_become_paths() {
        let gj = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"cve_ent":"25","nom_ent":"Sinaloa"},
           "geometry":{"type":"Polygon","coordinates":[[[-108,25],[-107,25],[-107,26],[-108,25]]]}},
          {"type":"Feature","properties":{"cve_ent":"03"},
           "geometry":{"type":"MultiPolygon","coordinates":[[[[-112,26],[-111,26],[-111,27],[-112,26]]],
                                                              [[[-110,24],[-109.5,24],[-109.5,24.5],[-110,24]]]]}}]}"#;
        let shapes = parse_geojson(gj).unwrap();
        assert_eq!(shapes.len(), 2);
        assert_eq!(shapes[0].name.as_deref(), Some("Sinaloa"));
        assert_eq!(shapes[1].polygons.len(), 2);
        let doc = render(&MapSpec {
            title: "t",
            description: "d",
            cells: &cells(),
            legend: &[],
            shapes: Some(&shapes),
            attribution: None,
        });
        assert_eq!(doc.matches("<path").count(), 2);
        assert!(doc.matches('Z').count() >= 3);
    }

    /// Pairs of states sharing a segment of outline.
    fn shared_borders(shapes: &[StateShape]) -> std::collections::BTreeSet<(String, String)> {
        let key = |p: (f64, f64)| (p.0.to_bits(), p.1.to_bits());
        let mut seg: std::collections::HashMap<_, Vec<&str>> = std::collections::HashMap::new();
        for s in shapes {
            for ring in s.polygons.iter().flatten() {
                for w in ring.windows(2) {
                    let (a, b) = (key(w[0]), key(w[1]));
                    seg.entry(if a < b { (a, b) } else { (b, a) })
                        .or_default()
                        .push(&s.code);
                }
            }
        }
        seg.into_values()
            .filter(|v| v.len() == 2 && v[0] != v[1])
            .map(|v| (v[0].min(v[1]).to_string(), v[0].max(v[1]).to_string()))
            .collect()
    }

    #[test]
    fn builtin_outlines_hold_the_32_states_meeting_along_their_67_borders() {
        let o = builtin();
        let mut codes: Vec<&str> = o.shapes.iter().map(|s| s.code.as_str()).collect();
        codes.sort();
        let want: Vec<String> = (1..=32).map(|i| format!("{i:02}")).collect();
        assert_eq!(codes, want);
        assert_eq!(o.attribution.as_deref(), Some(BUILTIN_ATTRIBUTION));
        assert!(o.credit(true).unwrap().starts_with("Límites"));
        // Tens of kB, not the 217 kB source.
        assert!(BUILTIN_GEOJSON.len() < 100_000, "{}", BUILTIN_GEOJSON.len());
        // A border simplified once for both states: every land border of the gazetteer is
        // still a run of identical segments, and no other pair of states touches.
        let borders = shared_borders(&o.shapes);
        let gazetteer: std::collections::BTreeSet<(String, String)> =
            atalaya_core::gazetteer::ADJACENCY
                .iter()
                .map(|(a, b)| (a.min(b).to_string(), a.max(b).to_string()))
                .collect();
        assert_eq!(borders, gazetteer);
        let doc = render(&MapSpec {
            title: "t",
            description: "d",
            cells: &cells(),
            legend: &[],
            shapes: Some(&o.shapes),
            attribution: o.credit(false),
        });
        assert_eq!(doc.matches(r#"class="state""#).count(), 32);
        assert!(doc.contains("State outlines: INEGI"));
    }

    #[test]
    fn the_tile_grid_credits_no_outlines() {
        let doc = render(&MapSpec {
            title: "t",
            description: "d",
            cells: &cells(),
            legend: &[],
            shapes: None,
            attribution: Some(BUILTIN_ATTRIBUTION),
        });
        assert!(!doc.contains("INEGI"));
    }

    #[test]
    fn malformed_geojson_names_the_feature() {
        let e = parse_geojson(r#"{"features":[{"properties":{},"geometry":{}}]}"#).unwrap_err();
        assert!(e.contains("feature 0"), "{e}");
        assert!(parse_geojson("[").unwrap_err().contains("not JSON"));
    }

    #[test]
    fn quantile_classes_and_colours() {
        let b = quantile_breaks(&[0.0, 1.0, 2.0, 3.0, 4.0, 100.0], 3);
        assert_eq!(b, vec![2.0, 4.0, 100.0]);
        assert_eq!(colour_for(Some(0.0), &b), SEQUENTIAL[0]);
        assert_eq!(colour_for(None, &b), NO_DATA);
        assert_ne!(colour_for(Some(1.0), &b), colour_for(Some(100.0), &b));
        assert_eq!(colour_for(Some(100.0), &b), SEQUENTIAL[5]);
        assert!(quantile_breaks(&[0.0, 0.0], 4).is_empty());
    }

    #[test]
    fn text_colour_contrasts_with_the_fill() {
        assert_eq!(text_colour("#b30000"), "#fff");
        assert_eq!(text_colour("#fef0d9"), "#111");
    }
}
