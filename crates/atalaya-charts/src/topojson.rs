//! A TopoJSON reader for boundary files such as INEGI's municipalities: shared arcs,
//! optionally quantized and delta-encoded, referenced by index (`~i`, i.e. `-i - 1`, walks
//! arc `i` backwards). Only `Polygon` and `MultiPolygon` geometries are read, since maps
//! fill areas; the arcs stay shared so callers can find borders between areas.

use serde_json::Value;

/// One area of an object: its `id` and, per polygon, per ring, the arc references.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub id: String,
    pub polygons: Vec<Vec<Vec<i64>>>,
}

/// The decoded arcs (absolute longitude/latitude) and one object's geometries.
#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    pub arcs: Vec<Vec<(f64, f64)>>,
    pub geometries: Vec<Geometry>,
}

/// The arc index of a reference and whether it is walked backwards.
pub fn arc_index(r: i64) -> (usize, bool) {
    if r < 0 {
        ((-r - 1) as usize, true)
    } else {
        (r as usize, false)
    }
}

impl Topology {
    /// Reads the object `object` of a Topology document. The geometry id is the top-level
    /// `id` or, failing that, `properties.id`.
    pub fn parse(text: &str, object: &str) -> Result<Topology, String> {
        let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        if doc.get("type").and_then(Value::as_str) != Some("Topology") {
            return Err("not a TopoJSON Topology (\"type\" is not \"Topology\")".into());
        }
        let transform = match doc.get("transform") {
            None | Some(Value::Null) => None,
            Some(t) => Some(read_transform(t)?),
        };
        let raw_arcs = doc
            .get("arcs")
            .and_then(Value::as_array)
            .ok_or("no \"arcs\" array")?;
        let mut arcs = Vec::with_capacity(raw_arcs.len());
        for (i, arc) in raw_arcs.iter().enumerate() {
            let bad = || format!("arc {i}: positions must be arrays of two numbers");
            let positions = arc.as_array().ok_or_else(bad)?;
            let mut out = Vec::with_capacity(positions.len());
            // Quantized arcs are delta-encoded: each position is added to the previous one.
            let (mut x, mut y) = (0.0, 0.0);
            for p in positions {
                let p = p.as_array().ok_or_else(bad)?;
                let (a, b) = match (
                    p.first().and_then(Value::as_f64),
                    p.get(1).and_then(Value::as_f64),
                ) {
                    (Some(a), Some(b)) => (a, b),
                    _ => return Err(bad()),
                };
                match &transform {
                    Some(t) => {
                        x += a;
                        y += b;
                        out.push((x * t.scale.0 + t.translate.0, y * t.scale.1 + t.translate.1));
                    }
                    None => out.push((a, b)),
                }
            }
            if out.len() < 2 {
                return Err(format!("arc {i}: fewer than two positions"));
            }
            arcs.push(out);
        }
        let objects = doc
            .get("objects")
            .and_then(Value::as_object)
            .ok_or("no \"objects\"")?;
        let obj = objects.get(object).ok_or_else(|| {
            let names: Vec<&str> = objects.keys().map(String::as_str).collect();
            format!("no object {object:?} (the file has: {})", names.join(", "))
        })?;
        let list: Vec<&Value> = match obj.get("type").and_then(Value::as_str) {
            Some("GeometryCollection") => obj
                .get("geometries")
                .and_then(Value::as_array)
                .ok_or_else(|| format!("object {object:?}: no \"geometries\" array"))?
                .iter()
                .collect(),
            _ => vec![obj],
        };
        let mut geometries = Vec::with_capacity(list.len());
        for (i, g) in list.iter().enumerate() {
            let id = g
                .get("id")
                .or_else(|| g.get("properties").and_then(|p| p.get("id")))
                .and_then(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .ok_or_else(|| format!("geometry {i}: no id (property \"id\")"))?;
            let arcs_of = g.get("arcs");
            let polygons = match g.get("type").and_then(Value::as_str) {
                Some("Polygon") => vec![rings(arcs_of, &id, arcs.len())?],
                Some("MultiPolygon") => arcs_of
                    .and_then(Value::as_array)
                    .ok_or_else(|| format!("geometry {id}: MultiPolygon without arcs"))?
                    .iter()
                    .map(|p| rings(Some(p), &id, arcs.len()))
                    .collect::<Result<_, _>>()?,
                other => {
                    return Err(format!(
                        "geometry {id}: type {}, expected Polygon or MultiPolygon",
                        other.unwrap_or("missing")
                    ))
                }
            };
            geometries.push(Geometry { id, polygons });
        }
        Ok(Topology { arcs, geometries })
    }

    /// The positions of an arc reference, in walking order.
    pub fn arc_points(&self, r: i64) -> Vec<(f64, f64)> {
        let (i, rev) = arc_index(r);
        let mut pts = self.arcs[i].clone();
        if rev {
            pts.reverse();
        }
        pts
    }

    /// A geometry's polygons as closed rings of positions: each arc after the first starts
    /// where the previous ended, so its first position is dropped.
    pub fn rings(&self, g: &Geometry) -> Vec<Vec<Vec<(f64, f64)>>> {
        g.polygons
            .iter()
            .map(|poly| {
                poly.iter()
                    .map(|ring| {
                        let mut out: Vec<(f64, f64)> = Vec::new();
                        for (k, r) in ring.iter().enumerate() {
                            let pts = self.arc_points(*r);
                            out.extend(pts.into_iter().skip(usize::from(k > 0)));
                        }
                        out
                    })
                    .collect()
            })
            .collect()
    }

    /// Longitude/latitude bounds of every arc: (west, south, east, north).
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in self.arcs.iter().flatten() {
            b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
        }
        b
    }

    /// The arcs that separate areas of different groups (`group` of a geometry, e.g. its
    /// state) or bound only one area (the coast and the country's border): the outlines of
    /// the dissolved groups, without drawing their inner borders.
    pub fn borders<K: PartialEq>(&self, group: impl Fn(&Geometry) -> K) -> Vec<usize> {
        let mut sides: Vec<Vec<K>> = Vec::new();
        sides.resize_with(self.arcs.len(), Vec::new);
        for g in &self.geometries {
            for r in g.polygons.iter().flatten().flatten() {
                sides[arc_index(*r).0].push(group(g));
            }
        }
        sides
            .iter()
            .enumerate()
            .filter(|(_, s)| s.len() == 1 || s.iter().any(|k| *k != s[0]))
            .map(|(i, _)| i)
            .collect()
    }
}

struct Transform {
    scale: (f64, f64),
    translate: (f64, f64),
}

fn read_transform(t: &Value) -> Result<Transform, String> {
    let pair = |key: &str| -> Result<(f64, f64), String> {
        let v = t
            .get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("transform: no {key:?} pair"))?;
        match (
            v.first().and_then(Value::as_f64),
            v.get(1).and_then(Value::as_f64),
        ) {
            (Some(a), Some(b)) if a.is_finite() && b.is_finite() => Ok((a, b)),
            _ => Err(format!("transform: {key:?} must be two numbers")),
        }
    };
    Ok(Transform {
        scale: pair("scale")?,
        translate: pair("translate")?,
    })
}

fn rings(v: Option<&Value>, id: &str, n_arcs: usize) -> Result<Vec<Vec<i64>>, String> {
    let bad = || format!("geometry {id}: malformed arcs (expected rings of arc indices)");
    v.and_then(Value::as_array)
        .ok_or_else(bad)?
        .iter()
        .map(|ring| {
            let refs = ring.as_array().ok_or_else(bad)?;
            if refs.is_empty() {
                return Err(format!("geometry {id}: empty ring"));
            }
            refs.iter()
                .map(|r| {
                    let r = r.as_i64().ok_or_else(bad)?;
                    if arc_index(r).0 >= n_arcs {
                        return Err(format!(
                            "geometry {id}: arc {r} does not exist ({n_arcs} arcs)"
                        ));
                    }
                    Ok(r)
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two unit squares side by side sharing the arc x = 1 (arc 0), the left walking it
    /// upwards and the right downwards (`~0` = -1); a third area of two separate squares.
    const PLAIN: &str = r#"{"type":"Topology",
      "objects":{"areas":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[1,0]],"properties":{"id":"01001"}},
        {"type":"Polygon","arcs":[[-1,2]],"properties":{"id":"02001"}},
        {"type":"MultiPolygon","arcs":[[[3]],[[4]]],"properties":{"id":"03001"}}]}},
      "arcs":[[[1,0],[1,1]],
              [[1,1],[0,1],[0,0],[1,0]],
              [[1,0],[2,0],[2,1],[1,1]],
              [[5,5],[6,5],[6,6],[5,5]],
              [[7,7],[8,7],[8,8],[7,7]]]}"#;

    #[test]
    fn plain_arcs_reversed_references_and_multipolygons() {
        let t = Topology::parse(PLAIN, "areas").unwrap();
        assert_eq!(t.geometries.len(), 3);
        let left = t.rings(&t.geometries[0]);
        assert_eq!(
            left,
            vec![vec![vec![
                (1.0, 1.0),
                (0.0, 1.0),
                (0.0, 0.0),
                (1.0, 0.0),
                (1.0, 1.0)
            ]]]
        );
        // ~0 walks the shared arc from (1,1) down to (1,0), then arc 2 closes the ring.
        let right = t.rings(&t.geometries[1]);
        assert_eq!(
            right[0][0],
            vec![(1.0, 1.0), (1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0)]
        );
        let multi = t.rings(&t.geometries[2]);
        assert_eq!(multi.len(), 2);
        assert_eq!(multi[1][0][0], (7.0, 7.0));
        assert_eq!(t.bbox(), (0.0, 0.0, 8.0, 8.0));
        // Grouped by state (first two digits), the shared arc 0 is a border; grouped as
        // one, it is interior and only the outer arcs remain.
        assert_eq!(t.borders(|g| g.id[..2].to_string()), vec![0, 1, 2, 3, 4]);
        assert_eq!(t.borders(|_| ()), vec![1, 2, 3, 4]);
    }

    #[test]
    fn quantized_delta_encoded_arcs_are_decoded() {
        // The same left square, quantized on a 0.5 grid from (10, 20), delta-encoded.
        let q = r#"{"type":"Topology","transform":{"scale":[0.5,0.5],"translate":[10,20]},
          "objects":{"m":{"type":"GeometryCollection","geometries":[
            {"type":"Polygon","arcs":[[0,-2]],"properties":{"id":"14039"}}]}},
          "arcs":[[[2,0],[0,2],[-2,0]],[[2,0],[-2,0],[0,2]]]}"#;
        let t = Topology::parse(q, "m").unwrap();
        assert_eq!(t.arcs[0], vec![(11.0, 20.0), (11.0, 21.0), (10.0, 21.0)]);
        let r = t.rings(&t.geometries[0]);
        assert_eq!(
            r[0][0],
            vec![
                (11.0, 20.0),
                (11.0, 21.0),
                (10.0, 21.0),
                (10.0, 20.0),
                (11.0, 20.0)
            ]
        );
        assert_eq!(t.geometries[0].id, "14039");
    }

    #[test]
    fn mistakes_are_named() {
        let e = Topology::parse(PLAIN, "states").unwrap_err();
        assert!(
            e.contains("no object \"states\"") && e.contains("areas"),
            "{e}"
        );
        let point = PLAIN.replace(
            r#"{"type":"Polygon","arcs":[[1,0]],"properties":{"id":"01001"}}"#,
            r#"{"type":"Point","coordinates":[1,2],"properties":{"id":"01001"}}"#,
        );
        let e = Topology::parse(&point, "areas").unwrap_err();
        assert!(
            e.contains("01001") && e.contains("Point") && e.contains("Polygon"),
            "{e}"
        );
        let far = PLAIN.replace("[[3]]", "[[9]]");
        let e = Topology::parse(&far, "areas").unwrap_err();
        assert!(e.contains("03001") && e.contains("arc 9"), "{e}");
        assert!(Topology::parse(r#"{"type":"FeatureCollection"}"#, "x")
            .unwrap_err()
            .contains("not a TopoJSON"));
        assert!(Topology::parse("{", "x").unwrap_err().contains("not JSON"));
        let no_id = PLAIN.replace(r#","properties":{"id":"02001"}"#, "");
        assert!(Topology::parse(&no_id, "areas")
            .unwrap_err()
            .contains("geometry 1: no id"));
    }

    #[test]
    fn inegi_municipalities() {
        let Some(path) =
            atalaya_store::shared_data::file_for_test("geo/mx_municipios_inegi.topo.json")
        else {
            return;
        };
        let Some(catalog) =
            atalaya_store::shared_data::file_for_test("geo/mx_municipios_catalog.csv")
        else {
            return;
        };
        let t = Topology::parse(&std::fs::read_to_string(path).unwrap(), "municipios").unwrap();
        assert_eq!(t.geometries.len(), 2469);
        let known: std::collections::BTreeSet<String> = std::fs::read_to_string(catalog)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect();
        assert_eq!(known.len(), 2475);
        let mut ids = std::collections::BTreeSet::new();
        for g in &t.geometries {
            assert!(
                g.id.len() == 5 && g.id.bytes().all(|b| b.is_ascii_digit()),
                "{}",
                g.id
            );
            assert!(known.contains(&g.id), "{} is not in the catalog", g.id);
            ids.insert(g.id.clone());
        }
        assert_eq!(ids.len(), 2469, "an id repeats");
        // Inside Mexico's extent: 118.4°W–86.7°W, 14.5°N–32.7°N.
        let (w, s, e, n) = t.bbox();
        assert!(
            w > -118.5 && e < -86.5 && s > 14.4 && n < 32.8,
            "{w} {s} {e} {n}"
        );
        // Dissolved by state: fewer arcs than all, more than the country's outline alone.
        let states = t.borders(|g| g.id[..2].to_string());
        let country = t.borders(|_| ());
        assert!(country.len() < states.len() && states.len() < t.arcs.len());
    }
}
