//! A choropleth of Mexico's municipalities (one group's presence score per municipality
//! over a window), with the state outlines dissolved from the same topology drawn on top.
//!
//! Rendering 2,469 shapes per request must stay cheap and the document small, so the
//! topology is projected once into `MunicipalGeometry`: every arc is snapped to a grid of
//! tenths of a pixel (shared borders stay identical on both sides, no slivers) and each
//! area's path is kept as relative moves on that grid. A map is then string joining.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::plot::{escape, fitted_size, Svg};
use crate::state_map::{class_legend, colour_for, quantile_breaks, NO_DATA};
use crate::topojson::{arc_index, Topology};

const WIDTH: f64 = 760.0;
const MAP_TOP: f64 = 40.0;
const MAP_HEIGHT: f64 = 470.0;
const LEGEND_ROW: f64 = 20.0;
/// Grid units per pixel: coordinates are written in tenths of a pixel.
const GRID: f64 = 10.0;

/// Municipal areas projected once, ready to be filled per map.
#[derive(Debug, Clone)]
pub struct MunicipalGeometry {
    /// (5-digit INEGI code, path data), in the file's order.
    areas: Vec<(String, String)>,
    /// The dissolved state outlines (and the coast and border), one path.
    outline: String,
}

impl MunicipalGeometry {
    /// Reads a TopoJSON of municipalities (object `municipios`, `id` = 5-digit INEGI code,
    /// as INEGI's file via mxmaps) and projects it.
    pub fn parse(text: &str) -> Result<MunicipalGeometry, String> {
        MunicipalGeometry::from_topology(&Topology::parse(text, "municipios")?)
    }

    pub fn from_topology(t: &Topology) -> Result<MunicipalGeometry, String> {
        if t.geometries.is_empty() {
            return Err("no municipality in the object".into());
        }
        let mut seen = BTreeSet::new();
        for g in &t.geometries {
            let state: u32 = g.id.get(..2).and_then(|s| s.parse().ok()).unwrap_or(0);
            if g.id.len() != 5 || !g.id.bytes().all(|b| b.is_ascii_digit()) || state == 0 {
                return Err(format!(
                    "geometry id {:?} is not a 5-digit INEGI municipality code",
                    g.id
                ));
            }
            if state > 32 {
                return Err(format!(
                    "geometry id {:?}: state {state:02} does not exist (01–32)",
                    g.id
                ));
            }
            if !seen.insert(g.id.as_str()) {
                return Err(format!("geometry id {:?} appears twice", g.id));
            }
        }
        // Equirectangular with longitudes shrunk by cos(latitude) at Mexico's middle, as
        // the state map, so both maps of one dashboard look alike.
        let k = 23f64.to_radians().cos();
        let (w, s, e, n) = t.bbox();
        let pad = 10.0;
        let scale = ((WIDTH - 2.0 * pad) / ((e - w) * k)).min((MAP_HEIGHT - 2.0 * pad) / (n - s));
        let ox = (WIDTH - (e - w) * k * scale) / 2.0;
        let oy = MAP_TOP + (MAP_HEIGHT - (n - s) * scale) / 2.0;
        let arcs: Vec<Vec<(i64, i64)>> = t
            .arcs
            .iter()
            .map(|arc| {
                let mut out: Vec<(i64, i64)> = Vec::with_capacity(arc.len());
                for (i, &(lon, lat)) in arc.iter().enumerate() {
                    let p = (
                        ((ox + (lon - w) * k * scale) * GRID).round() as i64,
                        ((oy + (n - lat) * scale) * GRID).round() as i64,
                    );
                    // Points that fall on the previous grid point add nothing; the ends
                    // are kept so arcs still meet.
                    if out.last() != Some(&p) || i + 1 == arc.len() {
                        out.push(p);
                    }
                }
                out
            })
            .collect();
        let walk = |r: i64| -> Vec<(i64, i64)> {
            let (i, rev) = arc_index(r);
            let mut pts = arcs[i].clone();
            if rev {
                pts.reverse();
            }
            pts
        };
        let areas = t
            .geometries
            .iter()
            .map(|g| {
                let mut d = String::new();
                for ring in g.polygons.iter().flatten() {
                    let mut pts: Vec<(i64, i64)> = Vec::new();
                    for (j, r) in ring.iter().enumerate() {
                        pts.extend(walk(*r).into_iter().skip(usize::from(j > 0)));
                    }
                    pts.dedup();
                    // A ring that snapped to fewer than three points is too small to see.
                    if pts.len() >= 3 {
                        path_run(&mut d, &pts);
                        d.push('z');
                    }
                }
                (g.id.clone(), d)
            })
            .collect();
        let mut outline = String::new();
        for i in t.borders(|g| g.id[..2].to_string()) {
            let mut pts = arcs[i].clone();
            pts.dedup();
            // An arc that snapped onto one point draws nothing.
            if pts.len() >= 2 {
                path_run(&mut outline, &pts);
            }
        }
        Ok(MunicipalGeometry { areas, outline })
    }

    /// How many municipal areas the geometry holds.
    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// The 5-digit codes of the areas.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.areas.iter().map(|a| a.0.as_str())
    }
}

/// A grid coordinate as pixels: tenths, without a trailing `.0`.
fn push_coord(d: &mut String, v: i64) {
    let (sign, a) = if v < 0 { ("-", -v) } else { ("", v) };
    if a % 10 == 0 {
        let _ = write!(d, "{sign}{}", a / 10);
    } else {
        let _ = write!(d, "{sign}{}.{}", a / 10, a % 10);
    }
}

/// `M x,y` then relative moves (`l dx,dy dx,dy…`): about half the characters of absolute
/// coordinates, and exact, since every point is on the grid.
fn path_run(d: &mut String, pts: &[(i64, i64)]) {
    let Some(&(x0, y0)) = pts.first() else {
        return;
    };
    d.push('M');
    push_coord(d, x0);
    d.push(',');
    push_coord(d, y0);
    let mut prev = (x0, y0);
    for (i, &(x, y)) in pts.iter().enumerate().skip(1) {
        let (dx, dy) = (x - prev.0, y - prev.1);
        if i == 1 {
            d.push('l');
        } else if dx >= 0 {
            d.push(' ');
        }
        push_coord(d, dx);
        d.push(',');
        push_coord(d, dy);
        prev = (x, y);
    }
}

/// One municipality's value on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaValue {
    /// 5-digit INEGI code.
    pub id: String,
    pub score: f64,
    pub events: usize,
}

/// The words of the hover titles and legend, so the map can speak Spanish or English.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// "presence" in "Guadalajara, Jalisco: presence 3.5 (4 events)".
    pub presence: &'a str,
    pub events: &'a str,
    /// Legend and title of areas without presence.
    pub none: &'a str,
    /// The first legend class, "up to 1": scores start above 0, not at it.
    pub up_to: &'a str,
    /// Footnote before the codes of municipalities with presence but no polygon.
    pub unmapped: &'a str,
}

pub const ENGLISH: Words<'static> = Words {
    presence: "presence",
    events: "events",
    none: "no presence",
    up_to: "up to",
    unmapped: "with presence but no polygon in the boundary file",
};

pub const SPANISH: Words<'static> = Words {
    presence: "presencia",
    events: "eventos",
    none: "sin presencia",
    up_to: "hasta",
    unmapped: "con presencia pero sin polígono en el archivo de límites",
};

pub struct MunicipalMapSpec<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The line under the legend naming where the numbers come from.
    pub source: &'a str,
    pub values: &'a [AreaValue],
    /// A municipality's name for its title ("Guadalajara, Jalisco"), from its code.
    pub place: &'a dyn Fn(&str) -> String,
    pub words: Words<'a>,
}

/// A score as people read it: at most two decimals, no trailing zeros.
fn score_text(v: f64) -> String {
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Renders the map as a standalone SVG document: one `<path data-cvegeo>` per
/// municipality with a `<title>`, the state outlines, a legend and the source.
pub fn render(geom: &MunicipalGeometry, spec: &MunicipalMapSpec) -> String {
    let by_id: BTreeMap<&str, &AreaValue> =
        spec.values.iter().map(|v| (v.id.as_str(), v)).collect();
    let mapped: BTreeSet<&str> = geom.ids().collect();
    let scores: Vec<f64> = spec
        .values
        .iter()
        .filter(|v| mapped.contains(v.id.as_str()))
        .map(|v| v.score)
        .collect();
    let breaks = quantile_breaks(&scores, 5);
    let mut legend = class_legend(&breaks, spec.words.up_to, score_text);
    legend.push((NO_DATA.to_string(), spec.words.none.to_string()));
    let unmapped: Vec<&str> = spec
        .values
        .iter()
        .map(|v| v.id.as_str())
        .filter(|id| !mapped.contains(id))
        .collect();
    let legend_h = LEGEND_ROW * legend.len().div_ceil(3) as f64 + 12.0;
    let notes = 1 + usize::from(!unmapped.is_empty());
    let height = MAP_TOP + MAP_HEIGHT + legend_h + 18.0 * notes as f64 + 8.0;
    let mut svg = Svg::new(WIDTH, height);
    svg.text(
        16.0,
        24.0,
        "start",
        fitted_size(spec.title, WIDTH - 32.0, 15.0),
        spec.title,
        r#"font-weight="600""#,
    );
    let mut body = String::with_capacity(geom.areas.len() * 400);
    body.push_str(r##"<g class="municipalities" stroke="#fff" stroke-width="0.2" stroke-linejoin="round" fill-rule="evenodd">"##);
    body.push('\n');
    for (id, d) in &geom.areas {
        let place = (spec.place)(id);
        let (fill, title) = match by_id.get(id.as_str()) {
            Some(v) => (
                colour_for(Some(v.score), &breaks),
                format!(
                    "{place}: {} {} ({} {})",
                    spec.words.presence,
                    score_text(v.score),
                    v.events,
                    spec.words.events
                ),
            ),
            None => (NO_DATA, format!("{place}: {}", spec.words.none)),
        };
        let _ = writeln!(
            body,
            r#"<path data-cvegeo="{id}" fill="{fill}" d="{d}"><title>{}</title></path>"#,
            escape(&title)
        );
    }
    body.push_str("</g>\n");
    let _ = writeln!(
        body,
        r##"<path class="state-outlines" d="{}" fill="none" stroke="#333" stroke-width="0.7" stroke-linejoin="round" pointer-events="none"/>"##,
        geom.outline
    );
    svg.raw(&body);
    let y0 = MAP_TOP + MAP_HEIGHT + 8.0;
    for (i, (colour, label)) in legend.iter().enumerate() {
        let x = 16.0 + (i % 3) as f64 * 245.0;
        let y = y0 + (i / 3) as f64 * LEGEND_ROW;
        svg.rect(
            x,
            y,
            14.0,
            14.0,
            &format!(r##"fill="{}" stroke="#666""##, escape(colour)),
        );
        svg.text(x + 20.0, y + 11.5, "start", 12.0, label, "");
    }
    let mut y = y0 + legend_h + 6.0;
    svg.text(16.0, y, "start", 11.0, spec.source, r##"fill="#444""##);
    if !unmapped.is_empty() {
        y += 18.0;
        let note = format!(
            "{} {}: {}",
            unmapped.len(),
            spec.words.unmapped,
            unmapped.join(", ")
        );
        svg.text(16.0, y, "start", 11.0, &note, r##"fill="#444""##);
    }
    svg.finish(spec.title, spec.description)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two municipalities of state 01 and one of state 02 in a row of unit squares.
    const ROW: &str = r#"{"type":"Topology","objects":{"municipios":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0,1]],"properties":{"id":"01001"}},
        {"type":"Polygon","arcs":[[4,2,3,-1]],"properties":{"id":"01002"}},
        {"type":"MultiPolygon","arcs":[[[2,5]],[[6]]],"properties":{"id":"02001"}}]}},
      "arcs":[[[-101,20],[-101,21]],
              [[-101,21],[-102,21],[-102,20],[-101,20]],
              [[-100,20],[-100,21]],
              [[-100,21],[-101,21]],
              [[-101,20],[-100,20]],
              [[-100,21],[-99,21],[-99,20],[-100,20]],
              [[-98,20],[-97.5,20],[-97.5,20.5],[-98,20]]]}"#;

    fn place(id: &str) -> String {
        format!("municipality {id}")
    }

    fn spec<'a>(
        values: &'a [AreaValue],
        place: &'a dyn Fn(&str) -> String,
    ) -> MunicipalMapSpec<'a> {
        MunicipalMapSpec {
            title: "CJNG: presence by municipality, 2018",
            description: "test",
            source: "Source: OCVED 2.0 events",
            values,
            place,
            words: ENGLISH,
        }
    }

    #[test]
    fn one_path_per_municipality_with_fill_title_and_outlines() {
        let g = MunicipalGeometry::parse(ROW).unwrap();
        assert_eq!(g.len(), 3);
        let values = vec![
            AreaValue {
                id: "01002".into(),
                score: 4.0,
                events: 3,
            },
            AreaValue {
                id: "02001".into(),
                score: 1.0,
                events: 1,
            },
            AreaValue {
                id: "09999".into(),
                score: 2.0,
                events: 2,
            },
        ];
        let doc = render(&g, &spec(&values, &place));
        assert_eq!(doc.matches("<path data-cvegeo=").count(), 3);
        assert!(
            doc.contains(r##"data-cvegeo="01001" fill="#e8e8e8""##),
            "{doc}"
        );
        assert!(doc.contains("<title>municipality 01002: presence 4 (3 events)</title>"));
        assert!(doc.contains("<title>municipality 01001: no presence</title>"));
        let fill = |id: &str| {
            let at = doc.find(&format!(r#"data-cvegeo="{id}" fill=""#)).unwrap();
            doc[at + 26..at + 33].to_string()
        };
        assert_ne!(fill("01002"), fill("02001"));
        assert_ne!(fill("01002"), NO_DATA);
        // The multipolygon's two parts are two closed runs in one path.
        let multi = doc.split(r#"data-cvegeo="02001""#).nth(1).unwrap();
        let d = multi
            .split("d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(d.matches('M').count(), 2);
        assert_eq!(d.matches('z').count(), 2);
        // The border 01001|01002 is inside state 01: not an outline; 01002|02001 is.
        let outline = doc.split(r#"class="state-outlines" d=""#).nth(1).unwrap();
        let outline = outline.split('"').next().unwrap();
        assert_eq!(outline.matches('M').count(), 6, "{outline}");
        assert!(doc.contains("1 with presence but no polygon in the boundary file: 09999"));
        assert!(doc.contains("Source: OCVED 2.0 events"));
        assert!(doc.contains("no presence"));
        // Scores start above 0: the first class is "up to", not "0–".
        assert!(doc.contains(">up to 1<"), "{doc}");
        assert!(!doc.contains(">0 –"), "{doc}");
    }

    #[test]
    fn shared_borders_are_identical_on_both_sides() {
        let g = MunicipalGeometry::parse(ROW).unwrap();
        // Decode each path's absolute grid points and check the shared edge x = -101
        // (between 01001 and 01002) has the same two ends in both.
        let points = |d: &str| -> Vec<(i64, i64)> {
            let mut out = Vec::new();
            for run in d.split('M').filter(|r| !r.is_empty()) {
                // Numbers start at a sign or after a separator; all but the first pair
                // are moves from the previous point.
                let mut nums: Vec<f64> = Vec::new();
                let mut cur = String::new();
                for c in run.chars() {
                    if c == '-' || c == ',' || c == ' ' || c == 'l' || c == 'z' {
                        if !cur.is_empty() {
                            nums.push(cur.parse().unwrap());
                        }
                        cur = if c == '-' { "-".into() } else { String::new() };
                    } else {
                        cur.push(c);
                    }
                }
                let (mut x, mut y) = (0.0, 0.0);
                for pair in nums.chunks(2) {
                    x += pair[0];
                    y += pair[1];
                    out.push(((x * 10.0f64).round() as i64, (y * 10.0f64).round() as i64));
                }
            }
            out
        };
        let a = points(&g.areas[0].1);
        let b = points(&g.areas[1].1);
        let sa: BTreeSet<_> = a.iter().collect();
        let sb: BTreeSet<_> = b.iter().collect();
        assert_eq!(sa.intersection(&sb).count(), 2, "{a:?} {b:?}");
        // The ring closes where it started.
        assert_eq!(a.first(), a.last());
    }

    #[test]
    fn bad_ids_are_refused_with_the_id() {
        let e = MunicipalGeometry::parse(&ROW.replace("02001", "2001")).unwrap_err();
        assert!(e.contains("\"2001\""), "{e}");
        let e = MunicipalGeometry::parse(&ROW.replace("02001", "40001")).unwrap_err();
        assert!(e.contains("state 40"), "{e}");
        let e = MunicipalGeometry::parse(&ROW.replace("02001", "01001")).unwrap_err();
        assert!(e.contains("twice"), "{e}");
        let e = MunicipalGeometry::parse(&ROW.replace("municipios", "estados")).unwrap_err();
        assert!(e.contains("no object \"municipios\""), "{e}");
    }

    #[test]
    fn the_inegi_map_stays_small() {
        let Some(path) =
            atalaya_store::shared_data::file_for_test("geo/mx_municipios_inegi.topo.json")
        else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let g = MunicipalGeometry::parse(&text).unwrap();
        assert_eq!(g.len(), 2469);
        let values: Vec<AreaValue> = g
            .ids()
            .step_by(3)
            .enumerate()
            .map(|(i, id)| AreaValue {
                id: id.to_string(),
                score: 1.0 + (i % 17) as f64,
                events: 1 + i % 5,
            })
            .collect();
        let names = |id: &str| format!("Municipio de prueba {id}, Estado de prueba");
        let doc = render(&g, &spec(&values, &names));
        assert_eq!(doc.matches("<path data-cvegeo=").count(), 2469);
        assert!(doc.len() < 1_500_000, "{} bytes", doc.len());
        let fills: BTreeSet<&str> = doc.split(r#"" fill=""#).skip(1).map(|s| &s[..7]).collect();
        assert!(fills.len() >= 4, "{fills:?}");
    }
}
