//! UCDP Georeferenced Event Dataset (GED) CSV, the standard 49-column layout
//! (`docs/formats/ucdp.md`). One row is one event; `best` is the fatality estimate.
//!
//! Mapping in short: type_of_violence 1 (state-based) and 2 (non-state) → `armed_clash`;
//! 3 (one-sided, against civilians) → `homicide` below 4 deaths, `massacre` from 4.
//! date_prec 1 → day, 2–3 → week, 4 → month, 5 → year; where_prec 1 → geo 1, 2–3 → 2,
//! 4–6 → 3. Rows without `adm_1` are country-level and keep a null state. `actors` lists
//! both sides' groups; each side is also kept as written in tags `ucdp_side_a=`/`ucdp_side_b=`.

use atalaya_core::actors::split_side;
use atalaya_core::gazetteer::state_by_name;
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin, Source};
use chrono::{Datelike, NaiveDate};

use super::{Columns, Context, Item, Parser, Row, RowError};

const REQUIRED: [&str; 20] = [
    "id",
    "type_of_violence",
    "conflict_name",
    "side_a",
    "side_b",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "where_prec",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "date_prec",
    "date_start",
    "best",
    "high",
    "low",
    "deaths_civilians",
];

/// Tag prefixes that keep each side of a UCDP event as the source wrote it: actors lists
/// both sides together, and alliances (co-actors on one side) need the split.
pub const TAG_SIDE_A: &str = "ucdp_side_a=";
pub const TAG_SIDE_B: &str = "ucdp_side_b=";

#[derive(Default)]
pub struct UcdpParser {
    has_country: bool,
    has_date_end: bool,
}

/// UCDP dates: `YYYY-MM-DD`, sometimes followed by a time (`1992-09-01 00:00:00.000`).
fn parse_ucdp_date(s: &str) -> Option<NaiveDate> {
    let day = s.get(..10)?;
    atalaya_core::period::parse_date(day).ok()
}

/// UCDP's date_prec onto our precision: 1 exact day; 2 within 2–6 days and 3 within a
/// week are both a week; 4 within a month; 5 within a year.
pub fn date_precision(code: &str) -> Option<DatePrecision> {
    match code {
        "1" => Some(DatePrecision::Day),
        "2" | "3" => Some(DatePrecision::Week),
        "4" => Some(DatePrecision::Month),
        "5" => Some(DatePrecision::Year),
        _ => None,
    }
}

/// UCDP's where_prec (1 exact place … 6 country/international waters) onto ACLED's 1–3.
pub fn geo_precision(code: &str) -> Option<u8> {
    match code {
        "1" => Some(1),
        "2" | "3" => Some(2),
        "4" | "5" | "6" => Some(3),
        _ => None,
    }
}

/// The event kind for a type of violence and a best fatality estimate.
pub fn kind(type_of_violence: &str, best: f64) -> Option<EventKind> {
    match type_of_violence {
        "1" | "2" => Some(EventKind::ArmedClash),
        "3" if best < 4.0 => Some(EventKind::Homicide),
        "3" => Some(EventKind::Massacre),
        _ => None,
    }
}

impl Parser for UcdpParser {
    fn header(&mut self, cols: &Columns) -> Result<(), String> {
        cols.require(&REQUIRED)?;
        self.has_country = cols.has("country");
        self.has_date_end = cols.has("date_end");
        Ok(())
    }

    fn row(&mut self, row: &Row, ctx: &Context) -> Result<Vec<Item>, RowError> {
        let id = row.get("id")?;
        if id.is_empty() {
            return Err(RowError::new("id", "empty event id"));
        }
        if self.has_country {
            let country = row.get("country")?;
            if !country.is_empty() && country != "Mexico" {
                return Err(RowError::new(
                    "country",
                    format!("{country:?} is not Mexico; Atalaya stores Mexico's events"),
                ));
            }
        }

        let best = row
            .count("best")?
            .ok_or_else(|| RowError::new("best", "empty fatality estimate"))?;
        let mut measures = Measures::default();
        measures.set("fatalities", best);
        for (col, name) in [
            ("high", "fatalities_high"),
            ("low", "fatalities_low"),
            ("deaths_civilians", "civilians_killed"),
        ] {
            if let Some(v) = row.count(col)? {
                measures.set(name, v);
            }
        }

        let tov = row.get("type_of_violence")?;
        let kind = kind(tov, best).ok_or_else(|| {
            RowError::new("type_of_violence", format!("{tov:?} is not 1, 2 or 3"))
        })?;

        let start_text = row.get("date_start")?;
        let start = parse_ucdp_date(start_text).ok_or_else(|| {
            RowError::new(
                "date_start",
                format!("{start_text:?} is not a date (YYYY-MM-DD)"),
            )
        })?;
        let prec_text = row.get("date_prec")?;
        let precision = date_precision(prec_text).ok_or_else(|| {
            RowError::new("date_prec", format!("{prec_text:?} is not 1, 2, 3, 4 or 5"))
        })?;
        // Our date is the first day of the span the precision names.
        let date = match precision {
            DatePrecision::Day | DatePrecision::Week => start,
            DatePrecision::Month => start.with_day(1).unwrap_or(start),
            DatePrecision::Year => NaiveDate::from_ymd_opt(start.year(), 1, 1).unwrap_or(start),
        };
        let end_text = if self.has_date_end {
            row.get("date_end")?
        } else {
            ""
        };
        if !end_text.is_empty() {
            let end = parse_ucdp_date(end_text).ok_or_else(|| {
                RowError::new(
                    "date_end",
                    format!("{end_text:?} is not a date (YYYY-MM-DD)"),
                )
            })?;
            if end < start {
                return Err(RowError::new(
                    "date_end",
                    format!("{end_text} is before date_start {start_text}"),
                ));
            }
        }

        let adm1 = row.get("adm_1")?;
        let state = if adm1.is_empty() {
            None
        } else {
            Some(
                state_by_name(adm1)
                    .ok_or_else(|| {
                        RowError::new("adm_1", format!("{adm1:?} is not a Mexican state"))
                    })?
                    .code
                    .to_string(),
            )
        };
        let municipality = match (&state, row.opt("adm_2")?) {
            (Some(s), Some(name)) => ctx.catalog.lookup(s, name).map(|m| m.code.clone()),
            _ => None,
        };
        let (lat, lon) = row.lat_lon("latitude", "longitude")?;
        let (lat, lon) = match (lat, lon) {
            (Some(a), Some(o)) => (Some(a), Some(o)),
            _ => (None, None),
        };
        let where_prec = row.get("where_prec")?;
        let geo = geo_precision(where_prec)
            .ok_or_else(|| RowError::new("where_prec", format!("{where_prec:?} is not 1 to 6")))?;

        let mut actors: Vec<String> = Vec::new();
        for col in ["side_a", "side_b"] {
            for a in split_side(row.get(col)?) {
                if !actors.contains(&a) {
                    actors.push(a);
                }
            }
        }

        let article = row.get("source_article")?;
        let doc = if !article.is_empty() {
            article.to_string()
        } else {
            [row.get("source_office")?, row.get("source_date")?]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let headline = row.get("source_headline")?;
        let sources = if doc.is_empty() && headline.is_empty() {
            Vec::new()
        } else {
            vec![Source {
                doc,
                quote: headline.to_string(),
                span: None,
            }]
        };

        let mut tags = vec![
            format!("ucdp_type={tov}"),
            format!("ucdp_date_prec={prec_text}"),
            format!("ucdp_where_prec={where_prec}"),
        ];
        if precision != DatePrecision::Day {
            tags.push(format!(
                "ucdp_dates={start}/{}",
                if end_text.is_empty() {
                    start_text
                } else {
                    end_text.get(..10).unwrap_or(end_text)
                }
            ));
        }
        if state.is_none() {
            tags.push("country_level".to_string());
        }
        for (col, prefix) in [("side_a", TAG_SIDE_A), ("side_b", TAG_SIDE_B)] {
            let side = row.get(col)?;
            if !side.is_empty() {
                tags.push(format!("{prefix}{side}"));
            }
        }
        let conflict = row.get("conflict_name")?;
        if !conflict.is_empty() {
            tags.push(format!("conflict={conflict}"));
        }

        Ok(vec![Item::Event(Box::new(Event {
            id: format!("ucdp:{id}"),
            kind,
            date: Some(atalaya_core::period::iso_date(date)),
            date_precision: precision,
            state,
            municipality,
            lat,
            lon,
            geo_precision: Some(geo),
            actors,
            measures,
            sources,
            origin: Origin {
                format: "ucdp".into(),
                file: ctx.file.clone(),
                row: row.line,
                source_id: id.to_string(),
            },
            tags,
        }))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_onto_our_scales() {
        assert_eq!(date_precision("3"), Some(DatePrecision::Week));
        assert_eq!(date_precision("5"), Some(DatePrecision::Year));
        assert_eq!(date_precision("6"), None);
        assert_eq!(geo_precision("3"), Some(2));
        assert_eq!(geo_precision("6"), Some(3));
        assert_eq!(kind("3", 3.0), Some(EventKind::Homicide));
        assert_eq!(kind("3", 4.0), Some(EventKind::Massacre));
        assert_eq!(kind("1", 9.0), Some(EventKind::ArmedClash));
        assert_eq!(kind("4", 1.0), None);
        assert_eq!(
            parse_ucdp_date("1992-09-01 00:00:00.000"),
            NaiveDate::from_ymd_opt(1992, 9, 1)
        );
    }
}
