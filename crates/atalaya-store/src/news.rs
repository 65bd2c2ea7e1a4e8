//! Events and figures coded from news reports. A report of an incident already stored from
//! another report (same kind and state, dates within a day, actors in common) becomes a
//! second source of that event instead of a duplicate; every such merge is recorded with
//! what it changed, so it can be explained and undone. Figures (reported totals) live in
//! their own table, one entry per distinct figure with all the reports that gave it.

use std::collections::BTreeSet;

use atalaya_core::period::{day_number, parse_date};
use atalaya_core::{Event, Measures, Review, Source};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::query::{row_to_event, EVENT_COLUMNS};
use crate::text_blocks::BlockCache;
use crate::write::{Outcome, Writer};
use crate::{Store, StoreError};

/// The `origin.format` of coded events. Only such events take part in merges: an imported
/// dataset's rows are owned by their file and would be overwritten on re-import.
pub const NEWS_FORMAT: &str = "news";

/// A figure as the coder reports it, with the report it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureReport {
    pub measure: String,
    pub value: f64,
    pub unit: String,
    pub scope: String,
    /// The period the figure covers when the text says it ("2025"); `None` otherwise.
    pub period: Option<String>,
    pub doc: String,
    pub published: String,
    pub quote: String,
    pub span: [usize; 2],
}

/// What storing one coded event did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventStored {
    /// The coded event's own id.
    pub id: String,
    /// `inserted`, `unchanged` (the same report stored before), `merged` (added as a
    /// source of `into`) or `already_merged` (this report was merged before).
    pub action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub into: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merge: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What storing one figure did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureStored {
    pub figure: i64,
    /// `new`, `source_added` (the figure was known from another report) or `unchanged`.
    pub action: &'static str,
}

/// A recorded merge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merge {
    pub id: i64,
    pub target: String,
    pub absorbed: String,
    pub reason: String,
    pub merged_at: String,
    pub undone_at: Option<String>,
}

/// One ledger entry: a distinct figure and every report that gave it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerEntry {
    pub id: i64,
    pub measure: String,
    pub value: f64,
    pub unit: String,
    pub scope: String,
    pub period: Option<String>,
    pub sources: Vec<FigureSource>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureSource {
    pub doc: String,
    pub published: String,
    pub quote: String,
    pub span: [usize; 2],
}

/// Which ledger entries to list.
#[derive(Debug, Clone, Default)]
pub struct LedgerFilter {
    pub measure: Option<String>,
    pub scope: Option<String>,
}

impl Writer<'_> {
    /// Stores an event coded from a report: merged into a matching stored news event when
    /// there is one, inserted otherwise. Storing the same report again changes nothing.
    pub fn store_news_event(&mut self, e: &Event) -> Result<EventStored, StoreError> {
        self.end_bulk()?;
        self.counts.read += 1;
        let already: Option<String> = self
            .tx
            .prepare_cached(
                "SELECT target FROM merges WHERE absorbed_uid = ?1 AND undone_at IS NULL",
            )?
            .query_row([&e.id], |r| r.get(0))
            .optional()?;
        if let Some(target) = already {
            self.counts.unchanged += 1;
            return Ok(EventStored {
                id: e.id.clone(),
                action: "already_merged",
                into: Some(target),
                merge: None,
                reason: None,
            });
        }
        let stored: Option<Option<String>> = self
            .tx
            .prepare_cached("SELECT review FROM events WHERE uid = ?1")?
            .query_row([&e.id], |r| r.get(0))
            .optional()?;
        match stored {
            None => {
                if let Some((target, review, reason)) = self.merge_candidate(e)? {
                    return self.merge_into(e, target, review, reason);
                }
            }
            // An analyst decided on it: coding the report again leaves the decision alone.
            Some(Some(r)) if r != Review::Pending.as_str() => {
                self.counts.unchanged += 1;
                return Ok(EventStored {
                    id: e.id.clone(),
                    action: "unchanged",
                    into: None,
                    merge: None,
                    reason: None,
                });
            }
            Some(_) => {}
        }
        let outcome = self.upsert_event(e)?;
        Ok(EventStored {
            id: e.id.clone(),
            action: if outcome == Outcome::Inserted {
                "inserted"
            } else {
                "unchanged"
            },
            into: None,
            merge: None,
            reason: None,
        })
    }

    /// The stored news event this report describes, if any: same kind and state, dates
    /// within one day, and actors in common (or neither names any). Events of the same
    /// document never match each other: the coder already merged within a document. A
    /// rejected event is no incident to merge into: the report stays its own event.
    fn merge_candidate(
        &self,
        e: &Event,
    ) -> Result<Option<(Event, Option<Review>, String)>, StoreError> {
        let (Some(date), Some(state)) = (&e.date, &e.state) else {
            return Ok(None);
        };
        let day = day_number(parse_date(date).map_err(StoreError::Invalid)?);
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE origin_format = ?1 AND kind = ?2 AND state = ?3 AND day BETWEEN ?4 AND ?5
               AND coalesce(review, '') != 'rejected'
             ORDER BY abs(day - ?6), id"
        );
        let mut st = self.tx.prepare_cached(&sql)?;
        let mut blocks = BlockCache::with_capacity(8);
        let rows = st
            .query_map(
                params![NEWS_FORMAT, e.kind.as_str(), state, day - 1, day + 1, day],
                row_to_event,
            )?
            .map(|r| {
                r.map_err(StoreError::from).and_then(|s| {
                    let review = s.review;
                    Ok((s.with_text(&self.tx, &mut blocks)?, review))
                })
            });
        let doc_prefix = doc_prefix(&e.id);
        let mine: BTreeSet<&str> = e.actors.iter().map(String::as_str).collect();
        for row in rows {
            let (cand, review) = row?;
            if doc_prefix.is_some() && doc_prefix == self::doc_prefix(&cand.id) {
                continue;
            }
            let theirs: BTreeSet<&str> = cand.actors.iter().map(String::as_str).collect();
            let common: Vec<&str> = mine.intersection(&theirs).copied().collect();
            if common.is_empty() && !(mine.is_empty() && theirs.is_empty()) {
                continue;
            }
            let reason = format!(
                "same kind ({}) and state ({state}); dates {} and {}; {}",
                e.kind.as_str(),
                cand.date.as_deref().unwrap_or("?"),
                date,
                if common.is_empty() {
                    "neither names an actor".to_string()
                } else {
                    format!("actors in common: {}", common.join(", "))
                }
            );
            return Ok(Some((cand, review, reason)));
        }
        Ok(None)
    }

    /// Adds the report's sources and any actors it names to `target`, takes the larger count
    /// of each measure (later reports revise tolls upwards), and records the merge with what
    /// it replaced. A target an analyst has reviewed only gains the source: its fields are
    /// the analyst's.
    fn merge_into(
        &mut self,
        e: &Event,
        target: Event,
        review: Option<Review>,
        reason: String,
    ) -> Result<EventStored, StoreError> {
        let before_sources = to_json(&target.sources);
        let before_measures = to_json(&target.measures);
        let before_actors = to_json(&target.actors);
        let mut merged = target.clone();
        let reviewed = !matches!(review, None | Some(Review::Pending));
        for s in &e.sources {
            if !merged.sources.contains(s) {
                merged.sources.push(s.clone());
            }
        }
        if !reviewed {
            for a in &e.actors {
                if !merged.actors.contains(a) {
                    merged.actors.push(a.clone());
                }
            }
            for (k, v) in &e.measures.0 {
                let keep = merged.measures.get(k).is_some_and(|old| old >= *v);
                if !keep {
                    merged.measures.set(k, *v);
                }
            }
        }
        self.upsert_event(&merged)?;
        self.tx
            .prepare_cached(
                "INSERT INTO merges (target, absorbed_uid, absorbed_event, before_sources, before_measures,
                    before_actors, reason, merged_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            )?
            .execute(params![
                target.id,
                e.id,
                to_json(e),
                before_sources,
                before_measures,
                before_actors,
                reason
            ])?;
        let id = self.tx.last_insert_rowid();
        Ok(EventStored {
            id: e.id.clone(),
            action: "merged",
            into: Some(target.id),
            merge: Some(id),
            reason: Some(reason),
        })
    }

    /// Undoes a merge: the target gets back its sources and measures, and the absorbed
    /// report becomes its own event again. Only the latest active merge into a target can
    /// be undone, since later merges were made on top of it.
    pub fn undo_merge(&mut self, id: i64) -> Result<Merge, StoreError> {
        self.end_bulk()?;
        let row = self
            .tx
            .prepare_cached(
                "SELECT target, absorbed_uid, absorbed_event, before_sources, before_measures, before_actors,
                        reason, merged_at, undone_at
                 FROM merges WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            })
            .optional()?;
        let Some((
            target,
            absorbed,
            absorbed_json,
            sources,
            measures,
            actors,
            reason,
            merged_at,
            undone,
        )) = row
        else {
            return Err(StoreError::Invalid(format!("no merge with id {id}")));
        };
        if let Some(at) = undone {
            return Err(StoreError::Invalid(format!(
                "merge {id} was already undone at {at}"
            )));
        }
        let later: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT max(id) FROM merges WHERE target = ?1 AND id > ?2 AND undone_at IS NULL",
            )?
            .query_row(params![target, id], |r| r.get(0))?;
        if let Some(later) = later {
            return Err(StoreError::Invalid(format!(
                "merge {later} into {target} was made after merge {id}: undo it first"
            )));
        }
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE uid = ?1");
        let stored = self
            .tx
            .prepare_cached(&sql)?
            .query_row([&target], row_to_event)
            .optional()?
            .ok_or_else(|| {
                StoreError::Invalid(format!("merge {id}: its target {target} is gone"))
            })?;
        let reviewed = !matches!(stored.review, None | Some(Review::Pending));
        let mut current = stored.with_text(&self.tx, &mut BlockCache::with_capacity(1))?;
        let bad = |what: &str, e: serde_json::Error| {
            StoreError::Invalid(format!("merge {id}: stored {what} unreadable: {e}"))
        };
        current.sources =
            serde_json::from_str::<Vec<Source>>(&sources).map_err(|e| bad("sources", e))?;
        // A reviewed target keeps the analyst's counts and actors: only the source leaves.
        if !reviewed {
            current.measures =
                serde_json::from_str::<Measures>(&measures).map_err(|e| bad("measures", e))?;
            current.actors =
                serde_json::from_str::<Vec<String>>(&actors).map_err(|e| bad("actors", e))?;
        }
        let restored: Event = serde_json::from_str(&absorbed_json).map_err(|e| bad("report", e))?;
        self.upsert_event(&current)?;
        self.upsert_event(&restored)?;
        self.tx
            .prepare_cached(
                "UPDATE merges SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
            )?
            .execute([id])?;
        let undone_at: String =
            self.tx
                .query_row("SELECT undone_at FROM merges WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        Ok(Merge {
            id,
            target,
            absorbed,
            reason,
            merged_at,
            undone_at: Some(undone_at),
        })
    }

    /// Stores a reported figure: the same measure, value, unit and scope (and period, when
    /// both reports give one) is one ledger entry with one source per report.
    pub fn store_figure(&mut self, f: &FigureReport) -> Result<FigureStored, StoreError> {
        if !f.value.is_finite() {
            return Err(StoreError::Invalid(format!(
                "figure {} from {}: value is not a number",
                f.measure, f.doc
            )));
        }
        let period = f.period.clone().unwrap_or_default();
        // An entry with the same period, else one whose period is unknown (or, for a report
        // without a period, any): "92 extraditions" without a year is the same figure.
        let existing: Option<(i64, String)> = self
            .tx
            .prepare_cached(
                "SELECT id, period FROM figures
                 WHERE measure = ?1 AND value = ?2 AND unit = ?3 AND scope = ?4
                   AND (period = ?5 OR period = '' OR ?5 = '')
                 ORDER BY period != ?5, id LIMIT 1",
            )?
            .query_row(params![f.measure, f.value, f.unit, f.scope, period], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (figure, mut action) = match existing {
            Some((id, old_period)) => {
                if old_period.is_empty() && !period.is_empty() {
                    self.tx
                        .prepare_cached("UPDATE figures SET period = ?2 WHERE id = ?1")?
                        .execute(params![id, period])?;
                }
                (id, "source_added")
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO figures (measure, value, unit, scope, period) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![f.measure, f.value, f.unit, f.scope, period])?;
                (self.tx.last_insert_rowid(), "new")
            }
        };
        let added = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO figure_sources (figure, doc, published, quote, span_start, span_end, import_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                figure,
                f.doc,
                f.published,
                f.quote,
                f.span[0] as i64,
                f.span[1] as i64,
                self.import_id()
            ])?;
        if added == 0 {
            action = "unchanged";
        }
        Ok(FigureStored { figure, action })
    }
}

/// The document part of a coded event id (`news:DOC:N` → `news:DOC`).
fn doc_prefix(id: &str) -> Option<&str> {
    id.strip_prefix("news:")?;
    id.rsplit_once(':').map(|(p, _)| p)
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialising plain data cannot fail")
}

impl Store {
    /// Recorded merges, newest first.
    pub fn merges(&self) -> Result<Vec<Merge>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT id, target, absorbed_uid, reason, merged_at, undone_at FROM merges ORDER BY id DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Merge {
                id: r.get(0)?,
                target: r.get(1)?,
                absorbed: r.get(2)?,
                reason: r.get(3)?,
                merged_at: r.get(4)?,
                undone_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The figures ledger, by measure, scope, period and value, each with its sources in
    /// order of publication.
    pub fn ledger(&self, f: &LedgerFilter) -> Result<Vec<LedgerEntry>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT f.id, f.measure, f.value, f.unit, f.scope, f.period,
                    s.doc, s.published, s.quote, s.span_start, s.span_end
             FROM figures f JOIN figure_sources s ON s.figure = f.id
             WHERE (?1 IS NULL OR f.measure = ?1) AND (?2 IS NULL OR f.scope = ?2)
             ORDER BY f.measure, f.scope, f.period, f.value, f.id, s.published, s.doc, s.span_start",
        )?;
        let mut out: Vec<LedgerEntry> = Vec::new();
        let mut rows = st.query(params![f.measure, f.scope])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let source = FigureSource {
                doc: r.get(6)?,
                published: r.get(7)?,
                quote: r.get(8)?,
                span: [r.get::<_, i64>(9)? as usize, r.get::<_, i64>(10)? as usize],
            };
            match out.last_mut() {
                Some(last) if last.id == id => last.sources.push(source),
                _ => {
                    let period: String = r.get(5)?;
                    out.push(LedgerEntry {
                        id,
                        measure: r.get(1)?,
                        value: r.get(2)?,
                        unit: r.get(3)?,
                        scope: r.get(4)?,
                        period: (!period.is_empty()).then_some(period),
                        sources: vec![source],
                    });
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atalaya_core::{DatePrecision, EventKind, Origin};

    fn report(doc: &str, n: u64, date: &str, actors: &[&str], killed: f64) -> Event {
        let mut measures = Measures::default();
        measures.set("fatalities", killed);
        Event {
            id: format!("news:{doc}:{n}"),
            kind: EventKind::AttackOnForces,
            date: Some(date.into()),
            date_precision: DatePrecision::Day,
            state: Some("14".into()),
            municipality: None,
            lat: None,
            lon: None,
            geo_precision: None,
            actors: actors.iter().map(|s| s.to_string()).collect(),
            measures,
            sources: vec![Source {
                doc: doc.into(),
                quote: format!("quote from {doc}"),
                span: Some([0, 10]),
            }],
            origin: Origin {
                format: NEWS_FORMAT.into(),
                file: doc.into(),
                row: n,
                source_id: doc.into(),
            },
            tags: vec![],
        }
    }

    fn store_all(store: &mut Store, events: &[Event]) -> Vec<EventStored> {
        let mut w = store.writer(NEWS_FORMAT, "test").unwrap();
        let out = events
            .iter()
            .map(|e| w.store_news_event(e).unwrap())
            .collect();
        w.commit().unwrap();
        out
    }

    /// The fatalities the stored events carry. They wait for review, so the aggregates count
    /// none of them yet (`tests/review.rs` follows them through decisions).
    fn total_fatalities(store: &Store) -> f64 {
        let agg: f64 = store
            .connection()
            .query_row(
                "SELECT coalesce(sum(fatalities), 0) FROM agg_kind",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(agg, 0.0, "pending events are not counted");
        store
            .connection()
            .query_row("SELECT coalesce(sum(fatalities), 0) FROM events", [], |r| {
                r.get(0)
            })
            .unwrap()
    }

    fn all_events(store: &Store) -> Vec<Event> {
        store
            .events(&crate::query::EventFilter {
                review: crate::query::ReviewFilter::All,
                ..Default::default()
            })
            .unwrap()
    }

    #[test]
    fn a_second_report_becomes_a_source_and_the_merge_can_be_undone() {
        let mut store = Store::open_in_memory().unwrap();
        let first = report("a", 0, "2026-02-22", &["CJNG", "National Guard"], 20.0);
        let second = report("b", 0, "2026-02-23", &["National Guard", "Army"], 25.0);
        let out = store_all(&mut store, &[first.clone(), second.clone()]);
        assert_eq!(out[0].action, "inserted");
        assert_eq!(out[1].action, "merged");
        assert_eq!(out[1].into.as_deref(), Some("news:a:0"));
        assert!(out[1].reason.as_ref().unwrap().contains("National Guard"));
        let events = all_events(&store);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].sources.len(), 2);
        assert_eq!(events[0].measures.get("fatalities"), Some(25.0));
        assert_eq!(events[0].actors, ["CJNG", "National Guard", "Army"]);
        assert_eq!(total_fatalities(&store), 25.0);

        // Storing the second report again is a no-op.
        let again = store_all(&mut store, std::slice::from_ref(&second));
        assert_eq!(again[0].action, "already_merged");
        assert_eq!(all_events(&store)[0].sources.len(), 2);

        let merge = store.merges().unwrap()[0].clone();
        let mut w = store.writer(NEWS_FORMAT, "undo").unwrap();
        let undone = w.undo_merge(merge.id).unwrap();
        w.commit().unwrap();
        assert!(undone.undone_at.is_some());
        let events = all_events(&store);
        assert_eq!(events.len(), 2);
        let a = events.iter().find(|e| e.id == "news:a:0").unwrap();
        assert_eq!(a, &first);
        assert!(events.contains(&second));
        assert_eq!(total_fatalities(&store), 45.0);

        let mut w = store.writer(NEWS_FORMAT, "undo").unwrap();
        let err = w.undo_merge(merge.id).unwrap_err().to_string();
        assert!(err.contains("already undone"), "{err}");
        assert!(w
            .undo_merge(999)
            .unwrap_err()
            .to_string()
            .contains("no merge"));
    }

    #[test]
    fn different_incidents_do_not_merge() {
        let mut store = Store::open_in_memory().unwrap();
        let base = report("a", 0, "2026-02-22", &["CJNG"], 3.0);
        let mut other_state = report("b", 0, "2026-02-22", &["CJNG"], 3.0);
        other_state.state = Some("16".into());
        let later = report("c", 0, "2026-02-25", &["CJNG"], 3.0);
        let other_actor = report("d", 0, "2026-02-22", &["Sinaloa Cartel"], 3.0);
        let mut other_kind = report("e", 0, "2026-02-22", &["CJNG"], 3.0);
        other_kind.kind = EventKind::RoadBlockade;
        let same_doc = report("a", 1, "2026-02-22", &["CJNG"], 3.0);
        let out = store_all(
            &mut store,
            &[base, other_state, later, other_actor, other_kind, same_doc],
        );
        assert!(out.iter().all(|o| o.action == "inserted"), "{out:?}");
        assert!(store.merges().unwrap().is_empty());
    }

    #[test]
    fn only_the_latest_merge_into_an_event_can_be_undone() {
        let mut store = Store::open_in_memory().unwrap();
        let reports = [
            report("a", 0, "2026-02-22", &["CJNG"], 1.0),
            report("b", 0, "2026-02-22", &["CJNG"], 2.0),
            report("c", 0, "2026-02-22", &["CJNG"], 3.0),
        ];
        store_all(&mut store, &reports);
        let merges = store.merges().unwrap();
        assert_eq!(merges.len(), 2);
        let (newest, oldest) = (merges[0].id, merges[1].id);
        let mut w = store.writer(NEWS_FORMAT, "undo").unwrap();
        let err = w.undo_merge(oldest).unwrap_err().to_string();
        assert!(err.contains("undo it first"), "{err}");
        w.undo_merge(newest).unwrap();
        w.undo_merge(oldest).unwrap();
        w.commit().unwrap();
        let events = all_events(&store);
        assert_eq!(events.len(), 3);
        assert!(events.iter().all(|e| e.sources.len() == 1));
    }

    fn figure(doc: &str, value: f64, period: Option<&str>) -> FigureReport {
        FigureReport {
            measure: "extraditions".into(),
            value,
            unit: "people".into(),
            scope: "MX".into(),
            period: period.map(str::to_string),
            doc: doc.into(),
            published: "2025-03-01".into(),
            quote: format!("{value} extraditions ({doc})"),
            span: [0, 20],
        }
    }

    #[test]
    fn the_same_figure_twice_is_one_entry_with_two_sources() {
        let mut store = Store::open_in_memory().unwrap();
        let mut w = store.writer(NEWS_FORMAT, "test").unwrap();
        assert_eq!(
            w.store_figure(&figure("a", 92.0, None)).unwrap().action,
            "new"
        );
        assert_eq!(
            w.store_figure(&figure("b", 92.0, Some("2025")))
                .unwrap()
                .action,
            "source_added"
        );
        assert_eq!(
            w.store_figure(&figure("b", 92.0, Some("2025")))
                .unwrap()
                .action,
            "unchanged"
        );
        assert_eq!(
            w.store_figure(&figure("c", 29.0, None)).unwrap().action,
            "new"
        );
        // A different year is a different figure.
        assert_eq!(
            w.store_figure(&figure("d", 92.0, Some("2019")))
                .unwrap()
                .action,
            "new"
        );
        w.commit().unwrap();
        let ledger = store.ledger(&LedgerFilter::default()).unwrap();
        assert_eq!(ledger.len(), 3);
        let e92 = ledger
            .iter()
            .find(|e| e.value == 92.0 && e.period.as_deref() == Some("2025"))
            .unwrap();
        assert_eq!(e92.sources.len(), 2);
        let only = store
            .ledger(&LedgerFilter {
                measure: Some("pills".into()),
                scope: None,
            })
            .unwrap();
        assert!(only.is_empty());
    }
}
