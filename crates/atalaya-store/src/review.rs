//! An analyst's review of news events: accept, reject, edit (which accepts) and undo, each
//! kept in an audit log with who decided, when, and the event before and after. Decisions go
//! through the `Writer`, so the aggregates move with them in the same transaction: a news
//! event counts exactly while it is accepted.

use atalaya_core::period::{iso_date, parse_date};
use atalaya_core::{actors, gazetteer, DatePrecision, Event, EventKind, Review};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::query::{row_to_event, ReviewedEvent, EVENT_COLUMNS};
use crate::text_blocks::BlockCache;
use crate::write::Writer;
use crate::{Store, StoreError};

/// What `review edit` changes; fields left `None` keep their value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edit {
    pub kind: Option<EventKind>,
    /// An INEGI code or a state's name.
    pub state: Option<String>,
    /// `Some(None)` clears the municipality.
    pub municipality: Option<Option<String>>,
    pub date: Option<String>,
    pub actors: Option<Vec<String>>,
    /// Measures to set (`Some`) or remove (`None`).
    pub measures: Vec<(String, Option<f64>)>,
}

impl Edit {
    pub fn is_empty(&self) -> bool {
        *self == Edit::default()
    }

    /// `e` with this edit applied, checked: a known state, a municipality of that state, an
    /// ISO date, canonical actor names, finite non-negative measures.
    pub fn apply(&self, e: &Event) -> Result<Event, StoreError> {
        let bad = |m: String| StoreError::Invalid(format!("edit of {}: {m}", e.id));
        let mut out = e.clone();
        if let Some(k) = self.kind {
            out.kind = k;
        }
        if let Some(s) = &self.state {
            let st = gazetteer::state_by_name(s)
                .ok_or_else(|| bad(format!("state {s:?} is not a Mexican state")))?;
            if out.state.as_deref() != Some(st.code) {
                out.state = Some(st.code.to_string());
                // A municipality of another state no longer applies.
                if out
                    .municipality
                    .as_deref()
                    .is_some_and(|m| !m.starts_with(st.code))
                {
                    out.municipality = None;
                }
            }
        }
        if let Some(m) = &self.municipality {
            match m {
                None => out.municipality = None,
                Some(code) => {
                    let code = code.trim();
                    if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(bad(format!(
                            "municipality {code:?} is not a 5-digit INEGI code"
                        )));
                    }
                    match out.state.as_deref() {
                        Some(s) if code.starts_with(s) => {}
                        Some(s) => {
                            return Err(bad(format!(
                                "municipality {code} is not in state {s} (its code starts with {})",
                                &code[..2]
                            )))
                        }
                        None => out.state = Some(code[..2].to_string()),
                    }
                    if gazetteer::state(&code[..2]).is_none() {
                        return Err(bad(format!("municipality {code}: no state {}", &code[..2])));
                    }
                    out.municipality = Some(code.to_string());
                }
            }
        }
        if let Some(d) = &self.date {
            let day = parse_date(d).map_err(|m| bad(format!("date: {m}")))?;
            out.date = Some(iso_date(day));
            out.date_precision = DatePrecision::Day;
        }
        if let Some(a) = &self.actors {
            let mut names: Vec<String> = Vec::new();
            for n in a.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let c = actors::canonical(n);
                if !names.contains(&c) {
                    names.push(c);
                }
            }
            out.actors = names;
        }
        for (name, v) in &self.measures {
            let name = name.trim();
            if name.is_empty() {
                return Err(bad("a measure needs a name (NAME=VALUE)".into()));
            }
            match v {
                Some(v) if !v.is_finite() || *v < 0.0 => {
                    return Err(bad(format!("measure {name}: {v} is not a count")));
                }
                Some(v) => out.measures.set(name, *v),
                None => {
                    out.measures.0.remove(name);
                }
            }
        }
        Ok(out)
    }
}

/// One entry of the audit log, as `review log --json` prints it: `before` and `after` hold
/// the review status and, for edits and their undoing, the fields that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub id: i64,
    pub event: String,
    /// `accept`, `reject`, `edit` or `undo`.
    pub decision: String,
    pub by: String,
    pub at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub before: Value,
    pub after: Value,
    /// The undo that reversed this decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undone_by: Option<i64>,
}

/// The fields an analyst can change, as JSON, for the log's before/after.
fn reviewable(e: &Event) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("kind".into(), json!(e.kind));
    m.insert("date".into(), json!(e.date));
    m.insert("state".into(), json!(e.state));
    m.insert("municipality".into(), json!(e.municipality));
    m.insert("actors".into(), json!(e.actors));
    m.insert("measures".into(), json!(e.measures));
    m
}

/// `{"review": before}` and `{"review": after}`, each with the fields that differ.
fn before_after(
    before: &Event,
    before_review: &str,
    after: &Event,
    after_review: &str,
) -> (Value, Value) {
    let (b, a) = (reviewable(before), reviewable(after));
    let mut bo = Map::new();
    let mut ao = Map::new();
    bo.insert("review".into(), json!(before_review));
    ao.insert("review".into(), json!(after_review));
    for (k, v) in &b {
        if a.get(k) != Some(v) {
            bo.insert(k.clone(), v.clone());
            ao.insert(k.clone(), a[k].clone());
        }
    }
    (Value::Object(bo), Value::Object(ao))
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialising plain data cannot fail")
}

impl Writer<'_> {
    /// The news event `uid` and its status, or why it cannot be reviewed.
    fn reviewable_event(&self, uid: &str) -> Result<(Event, Review), StoreError> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE uid = ?1");
        let stored = self
            .tx
            .prepare_cached(&sql)?
            .query_row([uid], row_to_event)
            .optional()?;
        let Some(stored) = stored else {
            let into: Option<String> = self
                .tx
                .prepare_cached(
                    "SELECT target FROM merges WHERE absorbed_uid = ?1 AND undone_at IS NULL",
                )?
                .query_row([uid], |r| r.get(0))
                .optional()?;
            return Err(StoreError::Invalid(match into {
                Some(t) => {
                    format!("event {uid} was merged into {t} as another report of it: review {t}")
                }
                None => format!("no event with id {uid:?}"),
            }));
        };
        let Some(review) = stored.review else {
            return Err(StoreError::Invalid(format!(
                "event {uid} is not a news event: imported datasets are not reviewed"
            )));
        };
        Ok((
            stored.with_text(&self.tx, &mut BlockCache::with_capacity(1))?,
            review,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn log_decision(
        &mut self,
        uid: &str,
        decision: &str,
        by: &str,
        reason: Option<&str>,
        before: (&Event, Review),
        after: (&Event, Review),
    ) -> Result<Decision, StoreError> {
        if by.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a decision needs the reviewer's name".into(),
            ));
        }
        self.tx
            .prepare_cached(
                "INSERT INTO review_log (event, decision, by, at, reason, before_review, after_review,
                    before_event, after_event)
                 VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                uid,
                decision,
                by.trim(),
                reason,
                before.1.as_str(),
                after.1.as_str(),
                to_json(before.0),
                to_json(after.0)
            ])?;
        let id = self.tx.last_insert_rowid();
        let at: String = self
            .tx
            .prepare_cached("SELECT at FROM review_log WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        let (b, a) = before_after(before.0, before.1.as_str(), after.0, after.1.as_str());
        Ok(Decision {
            id,
            event: uid.to_string(),
            decision: decision.to_string(),
            by: by.trim().to_string(),
            at,
            reason: reason.map(str::to_string),
            before: b,
            after: a,
            undone_by: None,
        })
    }

    /// Accepts a news event: it counts from now on. `None` when it was already accepted.
    pub fn accept(&mut self, uid: &str, by: &str) -> Result<Option<Decision>, StoreError> {
        self.end_bulk()?;
        let (e, review) = self.reviewable_event(uid)?;
        if review == Review::Accepted {
            return Ok(None);
        }
        self.set_review(uid, Review::Accepted)?;
        self.log_decision(
            uid,
            "accept",
            by,
            None,
            (&e, review),
            (&e, Review::Accepted),
        )
        .map(Some)
    }

    /// Rejects a news event (not an event, or coded wrongly beyond an edit): it does not
    /// count. `None` when it was already rejected.
    pub fn reject(
        &mut self,
        uid: &str,
        by: &str,
        reason: Option<&str>,
    ) -> Result<Option<Decision>, StoreError> {
        self.end_bulk()?;
        let (e, review) = self.reviewable_event(uid)?;
        if review == Review::Rejected {
            return Ok(None);
        }
        self.set_review(uid, Review::Rejected)?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        self.log_decision(
            uid,
            "reject",
            by,
            reason,
            (&e, review),
            (&e, Review::Rejected),
        )
        .map(Some)
    }

    /// Corrects a news event's fields and accepts it. `None` when the edit changes nothing
    /// and the event was already accepted.
    pub fn edit(
        &mut self,
        uid: &str,
        by: &str,
        edit: &Edit,
    ) -> Result<Option<Decision>, StoreError> {
        self.end_bulk()?;
        let (e, review) = self.reviewable_event(uid)?;
        let edited = edit.apply(&e)?;
        if edited == e && review == Review::Accepted {
            return Ok(None);
        }
        // Content first (moving the aggregates only if it counts now), then the status.
        self.upsert_event(&edited)?;
        self.set_review(uid, Review::Accepted)?;
        let decision = if edited == e { "accept" } else { "edit" };
        self.log_decision(
            uid,
            decision,
            by,
            None,
            (&e, review),
            (&edited, Review::Accepted),
        )
        .map(Some)
    }

    /// Reverses the latest decision on `uid` not yet undone: the event gets back its status
    /// and fields from before it (keeping any sources added since). Repeated, it walks back
    /// through earlier decisions.
    pub fn undo(&mut self, uid: &str, by: &str) -> Result<Decision, StoreError> {
        self.end_bulk()?;
        let (current, review) = self.reviewable_event(uid)?;
        let last: Option<(i64, String, String)> = self
            .tx
            .prepare_cached(
                "SELECT id, before_review, before_event FROM review_log
                 WHERE event = ?1 AND decision != 'undo' AND undone_by IS NULL
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((entry, before_review, before_event)) = last else {
            return Err(StoreError::Invalid(format!(
                "event {uid} has no decision to undo"
            )));
        };
        let bad = |m: String| StoreError::Invalid(format!("review log entry {entry}: {m}"));
        let before_review: Review = before_review.parse().map_err(bad)?;
        let before: Event =
            serde_json::from_str(&before_event).map_err(|e| bad(format!("stored event: {e}")))?;
        let mut restored = before;
        restored.sources = current.sources.clone();
        if restored != current {
            self.upsert_event(&restored)?;
        }
        self.set_review(uid, before_review)?;
        let reason = format!("undoes decision {entry}");
        let d = self.log_decision(
            uid,
            "undo",
            by,
            Some(&reason),
            (&current, review),
            (&restored, before_review),
        )?;
        self.tx
            .prepare_cached("UPDATE review_log SET undone_by = ?2 WHERE id = ?1")?
            .execute(params![entry, d.id])?;
        Ok(d)
    }
}

/// Which log entries to list.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub event: Option<String>,
    /// Entries at or after this instant (`YYYY-MM-DD` or an RFC 3339 time).
    pub since: Option<String>,
    pub limit: Option<u64>,
}

impl Store {
    /// News events with status `status`, oldest first (in the order they were stored).
    pub fn review_queue(
        &self,
        status: Review,
        limit: Option<u64>,
    ) -> Result<Vec<ReviewedEvent>, StoreError> {
        let sql =
            format!("SELECT {EVENT_COLUMNS} FROM events WHERE review = ?1 ORDER BY id LIMIT ?2");
        let mut st = self.conn.prepare_cached(&sql)?;
        let limit = limit.map_or(-1, |n| n.min(i64::MAX as u64) as i64);
        let rows = st.query_map(params![status.as_str(), limit], row_to_event)?;
        let mut blocks = self.blocks.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = Vec::new();
        for r in rows {
            let stored = r?;
            let review = stored.review;
            out.push(ReviewedEvent {
                event: stored.with_text(&self.conn, &mut blocks)?,
                review,
            });
        }
        Ok(out)
    }

    /// How many news events have each status.
    pub fn review_counts(&self) -> Result<[(Review, u64); 3], StoreError> {
        let mut out = [
            (Review::Pending, 0),
            (Review::Accepted, 0),
            (Review::Rejected, 0),
        ];
        for (r, n) in &mut out {
            *n = self
                .conn
                .prepare_cached("SELECT count(*) FROM events WHERE review = ?1")?
                .query_row([r.as_str()], |row| row.get::<_, i64>(0))? as u64;
        }
        Ok(out)
    }

    /// The audit log, oldest first.
    pub fn review_log(&self, f: &LogFilter) -> Result<Vec<Decision>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, event, decision, by, at, reason, before_review, after_review, before_event,
                    after_event, undone_by
             FROM review_log
             WHERE (?1 IS NULL OR event = ?1) AND (?2 IS NULL OR at >= ?2)
             ORDER BY id LIMIT ?3",
        )?;
        let limit = f.limit.map_or(-1, |n| n.min(i64::MAX as u64) as i64);
        let mut rows = st.query(params![f.event, f.since, limit])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let bad = |m: String| StoreError::Invalid(format!("review log entry {id}: {m}"));
            let before: Event = serde_json::from_str(&r.get::<_, String>(8)?)
                .map_err(|e| bad(format!("stored event: {e}")))?;
            let after: Event = serde_json::from_str(&r.get::<_, String>(9)?)
                .map_err(|e| bad(format!("stored event: {e}")))?;
            let (b, a) = before_after(
                &before,
                &r.get::<_, String>(6)?,
                &after,
                &r.get::<_, String>(7)?,
            );
            out.push(Decision {
                id,
                event: r.get(1)?,
                decision: r.get(2)?,
                by: r.get(3)?,
                at: r.get(4)?,
                reason: r.get(5)?,
                before: b,
                after: a,
                undone_by: r.get(10)?,
            });
        }
        Ok(out)
    }
}

/// News events stored before review existed were counted; the schema upgrade marked them
/// accepted to keep the aggregates exact. Nobody reviewed them: put them in the queue,
/// through the writer so the aggregates follow.
pub(crate) fn requeue_unreviewed(store: &mut Store) -> Result<(), StoreError> {
    let uids: Vec<String> = store
        .conn
        .prepare(
            "SELECT uid FROM events WHERE review = 'accepted'
               AND NOT EXISTS (SELECT 1 FROM review_log WHERE review_log.event = events.uid)",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if uids.is_empty() {
        return Ok(());
    }
    let mut w = store.writer(crate::news::NEWS_FORMAT, "review queue (schema upgrade)")?;
    for uid in &uids {
        w.set_review(uid, Review::Pending)?;
    }
    w.commit()?;
    Ok(())
}
