//! Exporters: ACLED CSV (re-imports to the same events), GeoJSON points, JSON Lines.

use std::io::Write;

use atalaya_core::acled::{time_precision_code, to_acled};
use atalaya_core::actors::{self, ActorKind};
use atalaya_core::gazetteer::{self, MunicipalCatalog};
use atalaya_core::{DatePrecision, Event};
use serde_json::json;

use crate::import::acled::{
    COLUMNS, TAG_KIND, TAG_MEASURE, TAG_MUNICIPALITY, TAG_NO_SIDES, TAG_PRECISION, TAG_SIDE_A,
    TAG_UNDATED,
};

/// ACLED's inter codes: 1 state forces, 3 political militia (ACLED codes Mexican cartels
/// so), 6 protesters, 7 civilians, 8 external forces.
fn inter_code(actor: &str) -> u8 {
    match actors::describe(actor).0 {
        ActorKind::StateForce | ActorKind::State | ActorKind::Official => 1,
        ActorKind::Civilians => 7,
        ActorKind::ForeignState => 8,
        ActorKind::Rebel => 2,
        ActorKind::Militia => 4,
        _ => 3,
    }
}

/// Writes events as ACLED CSV. Fields ACLED lacks travel in `tags` (`atalaya_kind=…`,
/// `atalaya_municipality=…`, `atalaya_measure:NAME=V`, …), so an export re-imports to the
/// same events. Several sources are joined into one source/notes pair (ACLED has one).
pub struct AcledWriter<W: Write> {
    csv: csv::Writer<W>,
    catalog: MunicipalCatalog,
}

impl<W: Write> AcledWriter<W> {
    pub fn new(out: W, catalog: MunicipalCatalog) -> csv::Result<Self> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(COLUMNS)?;
        Ok(AcledWriter { csv, catalog })
    }

    pub fn write(&mut self, e: &Event) -> csv::Result<()> {
        let record = self.record(e);
        self.csv.write_record(&record)
    }

    /// The CSV fields `write` writes for `e`, in `COLUMNS` order.
    pub(crate) fn record(&self, e: &Event) -> [String; 31] {
        let weapons = e.measures.get("weapons").is_some_and(|w| w > 0.0);
        let (disorder, et, sub) = to_acled(e.kind, weapons);
        let mut tags: Vec<String> = vec![format!("{TAG_KIND}{}", e.kind)];
        if e.date_precision == DatePrecision::Year {
            tags.push(format!("{TAG_PRECISION}year"));
        }
        if e.date.is_none() {
            tags.push(TAG_UNDATED.to_string());
        }
        if let Some(m) = &e.municipality {
            tags.push(format!("{TAG_MUNICIPALITY}{m}"));
        }
        for (k, v) in &e.measures.0 {
            if k != "fatalities" {
                tags.push(format!("{TAG_MEASURE}{k}={v}"));
            }
        }
        tags.extend(e.tags.iter().cloned());
        // Each side back in its columns when the event knows them (ACLED imports), else
        // the first actor against the second with the rest as the second's associates.
        let sides = e
            .tags
            .iter()
            .find_map(|t| t.strip_prefix(TAG_SIDE_A))
            .and_then(|k| k.parse::<usize>().ok())
            .filter(|k| (1..e.actors.len()).contains(k));
        if sides.is_none() && e.actors.len() > 1 {
            tags.push(TAG_NO_SIDES.to_string());
        }
        let side_a = sides.unwrap_or(1);
        let a1 = e.actors.first().map(String::as_str).unwrap_or("");
        let assoc1 = e.actors.get(1..side_a).unwrap_or_default().join("; ");
        let a2 = e.actors.get(side_a).map(String::as_str).unwrap_or("");
        let assoc2 = e.actors.get(side_a + 1..).unwrap_or_default().join("; ");
        let i1 = if a1.is_empty() { 0 } else { inter_code(a1) };
        let i2 = if a2.is_empty() { 0 } else { inter_code(a2) };
        let interaction = if i2 == 0 {
            i1 as u32 * 10
        } else {
            (i1.min(i2) as u32) * 10 + i1.max(i2) as u32
        };
        let state = e.state.as_deref().and_then(gazetteer::state);
        let admin2 = e
            .municipality
            .as_deref()
            .and_then(|m| self.catalog.get(m))
            .map(|m| m.name.clone())
            .unwrap_or_default();
        let doc = e
            .sources
            .iter()
            .map(|s| s.doc.as_str())
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        let notes = e
            .sources
            .iter()
            .map(|s| s.quote.as_str())
            .filter(|q| !q.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        let date = e.date.clone().unwrap_or_default();
        let year = date.get(..4).unwrap_or("").to_string();
        let fat = e.fatalities();
        let civ = if e.actors.iter().any(|a| a == "Civilians") {
            "Civilian targeting"
        } else {
            ""
        };
        let fmt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        let i1s = if i1 == 0 {
            String::new()
        } else {
            i1.to_string()
        };
        let i2s = if i2 == 0 {
            String::new()
        } else {
            i2.to_string()
        };
        [
            e.id.clone(),
            date,
            year,
            time_precision_code(e.date_precision).to_string(),
            disorder.to_string(),
            et.to_string(),
            sub.to_string(),
            a1.to_string(),
            assoc1,
            i1s,
            a2.to_string(),
            assoc2,
            i2s,
            interaction.to_string(),
            civ.to_string(),
            "484".to_string(),
            "Central America".to_string(),
            "Mexico".to_string(),
            state.map(|s| s.name.to_string()).unwrap_or_default(),
            admin2,
            String::new(),
            String::new(),
            fmt(e.lat),
            fmt(e.lon),
            e.geo_precision.map(|g| g.to_string()).unwrap_or_default(),
            doc,
            String::new(),
            notes,
            if fat.fract() == 0.0 {
                format!("{}", fat as i64)
            } else {
                fat.to_string()
            },
            tags.join("; "),
            String::new(),
        ]
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.csv.flush()?;
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes events as one GeoJSON FeatureCollection of points; events without coordinates
/// are written with a null geometry (GeoJSON allows it) so nothing is dropped.
pub struct GeoJsonWriter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> GeoJsonWriter<W> {
    pub fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
        Ok(GeoJsonWriter { out, first: true })
    }

    pub fn write(&mut self, e: &Event) -> std::io::Result<()> {
        let geometry = match (e.lat, e.lon) {
            (Some(lat), Some(lon)) => json!({"type": "Point", "coordinates": [lon, lat]}),
            _ => serde_json::Value::Null,
        };
        let mut props = serde_json::to_value(e).map_err(std::io::Error::other)?;
        if let Some(o) = props.as_object_mut() {
            o.remove("lat");
            o.remove("lon");
        }
        let f = json!({"type": "Feature", "id": e.id, "geometry": geometry, "properties": props});
        if !self.first {
            self.out.write_all(b",\n")?;
        }
        self.first = false;
        serde_json::to_writer(&mut self.out, &f).map_err(std::io::Error::other)
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One event object per line, as `events --json` prints them.
pub fn write_jsonl<W: Write>(out: &mut W, e: &Event) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, e).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}
