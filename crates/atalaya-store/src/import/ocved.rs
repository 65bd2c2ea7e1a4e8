//! OCVED 2.0, Organized Criminal Violence Event Data (Osorio & Beltrán 2020): one row per
//! day, municipality and criminal actor (main group and cell) reported present through
//! violence, with `counter` reports (`docs/formats/ocved.md`). Every row becomes a
//! `criminal_presence` event with measure `reports`.
//!
//! Rows with month 0 keep `YYYY-01-01` at year precision, rows with a day their month
//! does not have (30 February) `YYYY-MM-01` at month precision; rows without a latitude keep no
//! coordinates (never a lone longitude) but keep their municipality, and so do the few
//! rows whose coordinates fall outside Mexico (latitude and longitude swapped).

use std::collections::HashMap;

use atalaya_core::actors::canonical;
use atalaya_core::gazetteer::state;
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin, Source};
use chrono::NaiveDate;

use super::{Columns, Context, Item, Parser, Row, RowError};

const REQUIRED: [&str; 11] = [
    "date",
    "year",
    "month",
    "day",
    "state",
    "cvegeo_int",
    "counter",
    "actor_main",
    "actor_sub",
    "longitude",
    "latitude",
];

/// The document every OCVED event cites.
pub const SOURCE_DOC: &str = "OCVED 2.0 (Osorio & Beltrán 2020)";

/// `actor_sub` values that describe a role, not a group: never stored as actors.
pub const GENERIC_SUBS: [&str; 8] = [
    "Criminal",
    "Drugtrafficker",
    "Hitman",
    "Key operator",
    "Leader",
    "Unidentified Criminal Group",
    "Cartel member",
    "Individual",
];

#[derive(Default)]
pub struct OcvedParser {
    has_date_iso: bool,
    /// Event id → line, to refuse a repeated key rather than silently overwrite.
    seen: HashMap<String, u64>,
}

fn int(row: &Row, col: &str) -> Result<u32, RowError> {
    let s = row.get(col)?;
    s.parse::<u32>()
        .map_err(|_| RowError::new(col, format!("{s:?} is not a whole number")))
}

/// Whether a point lies in Mexico's bounding box (with a margin for islands and coasts).
pub fn in_mexico(lat: f64, lon: f64) -> bool {
    (14.0..=33.5).contains(&lat) && (-119.0..=-86.0).contains(&lon)
}

/// The stable id: OCVED's key (date, municipality, main actor, cell) is unique.
pub fn event_uid(date: &str, municipality: &str, main: &str, sub: &str) -> String {
    format!("ocved:{date}-{municipality}-{main}-{sub}")
}

/// Actors of one row: the main group unless "Other", then the cell when it names a group
/// other than the main one.
pub fn row_actors(main: &str, sub: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !main.is_empty() && main != "Other" {
        out.push(canonical(main));
    }
    if !sub.is_empty() && !GENERIC_SUBS.iter().any(|g| g.eq_ignore_ascii_case(sub)) {
        let c = canonical(sub);
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

impl Parser for OcvedParser {
    fn header(&mut self, cols: &Columns) -> Result<(), String> {
        cols.require(&REQUIRED)?;
        self.has_date_iso = cols.has("date_iso");
        Ok(())
    }

    fn row(&mut self, row: &Row, ctx: &Context) -> Result<Vec<Item>, RowError> {
        let date_text = row.get("date")?;
        let year = int(row, "year")?;
        let month = int(row, "month")?;
        let day = int(row, "day")?;
        if date_text != format!("{year:04}{month:02}{day:02}") {
            return Err(RowError::new(
                "date",
                format!("{date_text:?} disagrees with year {year}, month {month}, day {day}"),
            ));
        }
        let (date, precision) = if month == 0 {
            // The source lost the month: the year is all we know.
            (
                NaiveDate::from_ymd_opt(year as i32, 1, 1),
                DatePrecision::Year,
            )
        } else {
            match NaiveDate::from_ymd_opt(year as i32, month, day) {
                Some(d) => (Some(d), DatePrecision::Day),
                // A day the month does not have (30 February, 32 December, day 0): the
                // month is all we know.
                None => (
                    NaiveDate::from_ymd_opt(year as i32, month, 1),
                    DatePrecision::Month,
                ),
            }
        };
        let date =
            date.ok_or_else(|| RowError::new("date", format!("{date_text:?} is not a date")))?;
        if self.has_date_iso && precision == DatePrecision::Day {
            let iso = row.get("date_iso")?;
            if !iso.is_empty() && iso != atalaya_core::period::iso_date(date) {
                return Err(RowError::new(
                    "date_iso",
                    format!("{iso:?} disagrees with date {date_text:?}"),
                ));
            }
        }

        let cvegeo = int(row, "cvegeo_int")?;
        let municipality = format!("{cvegeo:05}");
        if municipality.len() != 5 || state(&municipality[..2]).is_none() {
            return Err(RowError::new(
                "cvegeo_int",
                format!("{cvegeo} is not an INEGI municipality code"),
            ));
        }
        let state_code = municipality[..2].to_string();
        let state_col = row.get("state")?;
        if state(state_col).map(|s| s.code) != Some(state_code.as_str()) {
            return Err(RowError::new(
                "state",
                format!("{state_col:?} disagrees with municipality {municipality}"),
            ));
        }

        let reports = row
            .count("counter")?
            .ok_or_else(|| RowError::new("counter", "empty report count"))?;
        let mut measures = Measures::default();
        measures.set("reports", reports);

        // Numbers or nothing; a pair outside Mexico (the source swaps a few, losing the
        // sign) is dropped and flagged, the municipality still places the event.
        let mut coordinates_dropped = false;
        let (lat, lon) = match (row.f64("latitude")?, row.f64("longitude")?) {
            (Some(a), Some(o)) if in_mexico(a, o) => (Some(a), Some(o)),
            (Some(_), Some(_)) => {
                coordinates_dropped = true;
                (None, None)
            }
            _ => (None, None),
        };

        let main = row.get("actor_main")?;
        let sub = row.get("actor_sub")?;
        if main.is_empty() {
            return Err(RowError::new("actor_main", "empty actor"));
        }
        let id = event_uid(date_text, &municipality, main, sub);
        if let Some(first) = self.seen.get(&id) {
            return Err(RowError::new(
                "actor_sub",
                format!(
                    "repeats the key (date, cvegeo_int, actor_main, actor_sub) of line {first}"
                ),
            ));
        }
        self.seen.insert(id.clone(), row.line);

        let mut tags = vec![
            format!("ocved_actor_main={main}"),
            format!("ocved_actor_sub={sub}"),
        ];
        if coordinates_dropped {
            tags.push("ocved_coordinates_outside_mexico".to_string());
        }
        match precision {
            DatePrecision::Year => tags.push("ocved_month_unknown".to_string()),
            DatePrecision::Month => tags.push("ocved_day_invalid".to_string()),
            _ => {}
        }

        Ok(vec![Item::Event(Box::new(Event {
            id,
            kind: EventKind::CriminalPresence,
            date: Some(atalaya_core::period::iso_date(date)),
            date_precision: precision,
            state: Some(state_code),
            municipality: Some(municipality),
            lat,
            lon,
            // OCVED places each event at its municipality's reference point.
            geo_precision: lat.map(|_| 2),
            actors: row_actors(main, sub),
            measures,
            sources: vec![Source {
                doc: SOURCE_DOC.to_string(),
                quote: String::new(),
                span: None,
            }],
            origin: Origin {
                format: "ocved".into(),
                file: ctx.file.clone(),
                row: row.line,
                source_id: format!("{date_text}/{cvegeo}/{main}/{sub}"),
            },
            tags,
        }))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_skip_other_and_generic_cells() {
        assert_eq!(row_actors("Other", "Individual"), Vec::<String>::new());
        assert_eq!(
            row_actors("Other", "Los Campesinos"),
            vec!["Los Campesinos"]
        );
        assert_eq!(
            row_actors("Cartel de Sinaloa", "Cartel de Sinaloa"),
            vec!["Sinaloa Cartel"]
        );
        assert_eq!(
            row_actors("La Familia Michoacana", "Caballeros Templarios"),
            vec!["La Familia Michoacana", "Knights Templar"]
        );
        assert_eq!(
            row_actors("Unidentified Criminal Group", "Hitman"),
            vec!["Unidentified criminal group"]
        );
    }
}
