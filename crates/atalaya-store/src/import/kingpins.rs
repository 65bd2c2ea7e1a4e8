//! The kingpin list: captures, killings and escapes of cartel leaders, one source per row
//! (`docs/formats/kingpins.md`). Every row is an `Intervention`; rows that remove a leader
//! (killed, claimed_killed, captured, arrested_in_us, extradited) are also events of kind
//! `leader_killed`, `leader_captured` or `extradition`. Escapes and a capture followed by
//! release return a leader rather than remove one: intervention only, no event. An optional
//! `base_states` column names where the leader's organisation is based.

use std::collections::HashMap;

use atalaya_core::actors::{canonical, resolve};
use atalaya_core::gazetteer::state;
use atalaya_core::text::fold;
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin, Source};
use chrono::NaiveDate;

use super::{Columns, Context, Item, Parser, Row, RowError};
use crate::write::Intervention;

const REQUIRED: [&str; 10] = [
    "date",
    "date_precision",
    "event_type",
    "name",
    "alias",
    "organization",
    "place",
    "cve_ent",
    "source_url",
    "note",
];

/// Event types the list uses, and the event kind each one implies (`None`: no event).
pub fn event_kind(event_type: &str) -> Result<Option<EventKind>, String> {
    match event_type {
        "killed" | "claimed_killed" => Ok(Some(EventKind::LeaderKilled)),
        "captured" | "arrested_in_us" => Ok(Some(EventKind::LeaderCaptured)),
        "extradited" => Ok(Some(EventKind::Extradition)),
        "escaped" | "captured_released" => Ok(None),
        other => Err(format!(
            "{other:?} is not one of killed, claimed_killed, captured, arrested_in_us, \
             extradited, escaped, captured_released"
        )),
    }
}

/// The list's date precision onto an event's: `reported` dates are the day the removal
/// was announced, so they are kept as day precision (the intervention keeps "reported").
pub fn date_precision(p: &str) -> Option<DatePrecision> {
    match p {
        "day" | "reported" => Some(DatePrecision::Day),
        "month" => Some(DatePrecision::Month),
        "year" => Some(DatePrecision::Year),
        _ => None,
    }
}

/// Splits "Sinaloa cartel (Los Chapitos)" into the organization and its qualifier, and
/// drops a trailing " faction" ("Beltran Leyva Organization faction").
fn organization_parts(org: &str) -> (String, Option<String>) {
    let (main, qualifier) = match org.split_once('(') {
        Some((m, rest)) => (
            m.trim(),
            Some(rest.trim_end_matches(')').trim().to_string()).filter(|q| !q.is_empty()),
        ),
        None => (org.trim(), None),
    };
    let main = main.strip_suffix(" faction").unwrap_or(main).trim();
    (main.to_string(), qualifier)
}

/// The registry's canonical name for the organization, when it resolves.
pub fn organization_actor(org: &str) -> Option<String> {
    let (main, _) = organization_parts(org);
    resolve(&main)
        .or_else(|| resolve(org))
        .map(|a| a.name.to_string())
}

/// Actors of the event: the organization, then the faction named in parentheses when the
/// registry knows it as a different actor.
pub fn event_actors(org: &str) -> Vec<String> {
    let (main, qualifier) = organization_parts(org);
    let mut out = Vec::new();
    if let Some(a) = organization_actor(org) {
        out.push(a);
    } else if !main.is_empty() {
        out.push(canonical(org));
    }
    if let Some(q) = qualifier {
        if let Some(a) = resolve(&q) {
            if !out.iter().any(|o| o == a.name) {
                out.push(a.name.to_string());
            }
        }
    }
    out
}

/// The `base_states` field: state codes or names separated by `;` (`25`, `Sinaloa;Durango`),
/// as sorted, distinct codes.
pub fn base_states(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let st = atalaya_core::gazetteer::state_by_name(part).ok_or_else(|| {
            format!("{part:?} is not a Mexican state (codes 01–32 or names, separated by ';')")
        })?;
        out.push(st.code.to_string());
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// `kingpin:<date>:<folded name>`, e.g. `kingpin:2024-07-25:ismael-zambada-garcia`.
pub fn uid(date: &str, name: &str) -> String {
    format!("kingpin:{date}:{}", fold(name).replace(' ', "-"))
}

#[derive(Default)]
pub struct KingpinsParser {
    seen: HashMap<String, u64>,
}

impl Parser for KingpinsParser {
    fn header(&mut self, cols: &Columns) -> Result<(), String> {
        cols.require(&REQUIRED)
    }

    fn row(&mut self, row: &Row, ctx: &Context) -> Result<Vec<Item>, RowError> {
        let date_text = row.get("date")?;
        let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d").map_err(|_| {
            RowError::new("date", format!("{date_text:?} is not a date (YYYY-MM-DD)"))
        })?;
        let prec_text = row.get("date_precision")?;
        let precision = date_precision(prec_text).ok_or_else(|| {
            RowError::new(
                "date_precision",
                format!("{prec_text:?} is not day, month, year or reported"),
            )
        })?;
        let event_type = row.get("event_type")?;
        let kind = event_kind(event_type).map_err(|m| RowError::new("event_type", m))?;
        let name = row.get("name")?;
        if fold(name).is_empty() {
            return Err(RowError::new("name", "empty name"));
        }
        let cve = row.get("cve_ent")?;
        let state_code = if cve.is_empty() {
            None
        } else {
            Some(
                state(cve)
                    .ok_or_else(|| {
                        RowError::new("cve_ent", format!("{cve:?} is not a state code 01–32"))
                    })?
                    .code
                    .to_string(),
            )
        };
        let base = match row.cols_has("base_states") {
            true => {
                base_states(row.get("base_states")?).map_err(|m| RowError::new("base_states", m))?
            }
            false => Vec::new(),
        };
        let organization = row.get("organization")?;
        let source_url = row.get("source_url")?;
        let note = row.get("note")?;
        let id = uid(date_text, name);
        if let Some(first) = self.seen.get(&id) {
            return Err(RowError::new(
                "name",
                format!("repeats the date and name of line {first}"),
            ));
        }
        self.seen.insert(id.clone(), row.line);

        let mut items = vec![Item::Intervention(Box::new(Intervention {
            uid: id.clone(),
            date: date_text.to_string(),
            date_precision: prec_text.to_string(),
            event_type: event_type.to_string(),
            name: name.to_string(),
            alias: row.get("alias")?.to_string(),
            organization: organization.to_string(),
            actor: organization_actor(organization),
            place: row.get("place")?.to_string(),
            state: state_code.clone(),
            base_states: base,
            source_url: source_url.to_string(),
            note: note.to_string(),
            origin_file: ctx.file.clone(),
            origin_row: row.line,
        }))];
        if let Some(kind) = kind {
            let mut tags = vec![format!("kingpin_event_type={event_type}")];
            if prec_text == "reported" {
                tags.push("date_reported".to_string());
            }
            items.push(Item::Event(Box::new(Event {
                id,
                kind,
                date: Some(atalaya_core::period::iso_date(date)),
                date_precision: precision,
                state: state_code,
                municipality: None,
                lat: None,
                lon: None,
                geo_precision: None,
                actors: event_actors(organization),
                measures: Measures::default(),
                sources: vec![Source {
                    doc: source_url.to_string(),
                    quote: note.to_string(),
                    span: None,
                }],
                origin: Origin {
                    format: "kingpins".into(),
                    file: ctx.file.clone(),
                    row: row.line,
                    source_id: format!("{date_text}:{name}"),
                },
                tags,
            })));
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organizations_resolve_with_their_faction() {
        assert_eq!(
            organization_actor("Sinaloa cartel").as_deref(),
            Some("Sinaloa Cartel")
        );
        assert_eq!(
            organization_actor("Tijuana cartel (Arellano Felix)").as_deref(),
            Some("Tijuana Cartel")
        );
        assert_eq!(
            organization_actor("Beltran Leyva Organization faction").as_deref(),
            Some("Beltran Leyva")
        );
        assert_eq!(organization_actor(""), None);
        assert_eq!(
            event_actors("Sinaloa cartel (La Mayiza)"),
            vec!["Sinaloa Cartel", "La Mayiza"]
        );
        assert_eq!(event_actors("CJNG (Los Cuinis)"), vec!["CJNG"]);
        assert_eq!(event_actors(""), Vec::<String>::new());
        assert_eq!(base_states("Sinaloa; 08;25").unwrap(), vec!["08", "25"]);
        assert_eq!(base_states(" ").unwrap(), Vec::<String>::new());
        assert!(base_states("25;Texas").unwrap_err().contains("\"Texas\""));
        assert_eq!(
            uid("2024-07-25", "Ismael Zambada García"),
            "kingpin:2024-07-25:ismael-zambada-garcia"
        );
    }
}
