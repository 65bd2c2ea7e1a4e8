//! All writes go through a `Writer`: one transaction per imported file, with the aggregate
//! tables updated from in-memory deltas before commit. Dropping a `Writer` without
//! `commit` (an error, a panic, a killed process) leaves the database as it was.

use std::collections::{HashMap, HashSet};

use atalaya_core::actors;
use atalaya_core::period::{day_number, from_day_number, period_start, PeriodKind};
use atalaya_core::{DatePrecision, Event};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::hash::Fnv;
use crate::{Store, StoreError};

/// What one import did, as the CLI reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub read: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub deleted: u64,
    pub rejected: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

/// A leader killed, captured, extradited or escaped (the kingpin list).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intervention {
    pub uid: String,
    pub date: String,
    pub date_precision: String,
    pub event_type: String,
    pub name: String,
    pub alias: String,
    pub organization: String,
    /// The registry's canonical actor for `organization`, when it resolves.
    pub actor: Option<String>,
    pub place: String,
    pub state: Option<String>,
    pub source_url: String,
    pub note: String,
    pub origin_file: String,
    pub origin_row: u64,
}

type AggKey = (u8, i32, String, String);

pub struct Writer<'c> {
    tx: Transaction<'c>,
    import_id: i64,
    agg_kind: HashMap<AggKey, (i64, f64)>,
    agg_actor: HashMap<AggKey, (i64, f64)>,
    actors_seen: HashSet<String>,
    pub counts: Counts,
}

/// The fields of a stored event that aggregates depend on.
struct AggFacts {
    day: Option<i32>,
    precision: DatePrecision,
    state: String,
    kind: String,
    fatalities: f64,
    actors: Vec<String>,
}

impl Store {
    /// Starts an import of `file` in `format`: one write transaction, taken at once so a
    /// concurrent writer waits rather than failing half-way.
    pub fn writer(&mut self, format: &str, file: &str) -> Result<Writer<'_>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO imports (format, file, started_at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            params![format, file],
        )?;
        let import_id = tx.last_insert_rowid();
        Ok(Writer {
            tx,
            import_id,
            agg_kind: HashMap::new(),
            agg_actor: HashMap::new(),
            actors_seen: HashSet::new(),
            counts: Counts::default(),
        })
    }
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialising plain data cannot fail")
}

fn event_day(e: &Event) -> Result<Option<i32>, StoreError> {
    match &e.date {
        None => Ok(None),
        Some(d) => atalaya_core::period::parse_date(d)
            .map(|d| Some(day_number(d)))
            .map_err(|m| StoreError::Invalid(format!("event {}: {m}", e.id))),
    }
}

impl Writer<'_> {
    pub fn import_id(&self) -> i64 {
        self.import_id
    }

    /// Inserts the event, or updates the stored event with the same id when its content
    /// differs; identical content is left untouched.
    pub fn upsert_event(&mut self, e: &Event) -> Result<Outcome, StoreError> {
        if let Some(s) = &e.state {
            if atalaya_core::gazetteer::state(s).is_none() || s.len() != 2 {
                return Err(StoreError::Invalid(format!(
                    "event {}: state {s:?} is not an INEGI code",
                    e.id
                )));
            }
        }
        let day = event_day(e)?;
        let actors_json = to_json(&e.actors);
        let measures_json = to_json(&e.measures);
        let sources_json = to_json(&e.sources);
        let tags_json = to_json(&e.tags);
        let mut h = Fnv::default();
        for part in [
            e.id.as_str(),
            e.kind.as_str(),
            e.date.as_deref().unwrap_or(""),
            e.date_precision.as_str(),
            e.state.as_deref().unwrap_or(""),
            e.municipality.as_deref().unwrap_or(""),
            &e.lat.map(|v| v.to_string()).unwrap_or_default(),
            &e.lon.map(|v| v.to_string()).unwrap_or_default(),
            &e.geo_precision.map(|v| v.to_string()).unwrap_or_default(),
            &actors_json,
            &measures_json,
            &sources_json,
            &tags_json,
        ] {
            h.write(part.as_bytes());
        }
        let hash = h.finish();
        let fatalities = e.fatalities();
        let inserted = self.tx.prepare_cached(
            "INSERT INTO events (uid, kind, day, date_precision, state, municipality, lat, lon, geo_precision,
                fatalities, actors, measures, sources, tags, origin_format, origin_file, origin_row,
                origin_source_id, import_id, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
             ON CONFLICT(uid) DO NOTHING",
        )?
        .execute(params![
            e.id,
            e.kind.as_str(),
            day,
            e.date_precision.as_str(),
            e.state,
            e.municipality,
            e.lat,
            e.lon,
            e.geo_precision,
            fatalities,
            actors_json,
            measures_json,
            sources_json,
            tags_json,
            e.origin.format,
            e.origin.file,
            e.origin.row as i64,
            e.origin.source_id,
            self.import_id,
            hash
        ])?;
        let new_facts = AggFacts {
            day,
            precision: e.date_precision,
            state: e.state.clone().unwrap_or_default(),
            kind: e.kind.as_str().to_string(),
            fatalities,
            actors: e.actors.clone(),
        };
        if inserted == 1 {
            self.aggregate(&new_facts, 1);
            self.counts.inserted += 1;
            return Ok(Outcome::Inserted);
        }
        let (id, old_hash, old) = self.stored_facts(&e.id)?.ok_or_else(|| {
            StoreError::Invalid(format!("event {} vanished during its own upsert", e.id))
        })?;
        if old_hash == hash {
            self.counts.unchanged += 1;
            return Ok(Outcome::Unchanged);
        }
        self.tx
            .prepare_cached(
                "UPDATE events SET kind=?2, day=?3, date_precision=?4, state=?5, municipality=?6, lat=?7, lon=?8,
                    geo_precision=?9, fatalities=?10, actors=?11, measures=?12, sources=?13, tags=?14,
                    origin_format=?15, origin_file=?16, origin_row=?17, origin_source_id=?18, import_id=?19, hash=?20
                 WHERE id=?1",
            )?
            .execute(params![
                id,
                e.kind.as_str(),
                day,
                e.date_precision.as_str(),
                e.state,
                e.municipality,
                e.lat,
                e.lon,
                e.geo_precision,
                fatalities,
                actors_json,
                measures_json,
                sources_json,
                tags_json,
                e.origin.format,
                e.origin.file,
                e.origin.row as i64,
                e.origin.source_id,
                self.import_id,
                hash
            ])?;
        self.aggregate(&old, -1);
        self.aggregate(&new_facts, 1);
        self.counts.updated += 1;
        Ok(Outcome::Updated)
    }

    fn stored_facts(&self, uid: &str) -> Result<Option<(i64, i64, AggFacts)>, StoreError> {
        let row = self
            .tx
            .prepare_cached(
                "SELECT id, hash, day, date_precision, state, kind, fatalities, actors FROM events WHERE uid = ?1",
            )?
            .query_row([uid], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i32>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, f64>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })
            .optional()?;
        let Some((id, hash, day, prec, state, kind, fatalities, actors)) = row else {
            return Ok(None);
        };
        let precision = prec.parse().map_err(StoreError::Invalid)?;
        let actors: Vec<String> = serde_json::from_str(&actors)
            .map_err(|e| StoreError::Invalid(format!("stored actors of {uid}: {e}")))?;
        Ok(Some((
            id,
            hash,
            AggFacts {
                day,
                precision,
                state: state.unwrap_or_default(),
                kind,
                fatalities,
                actors,
            },
        )))
    }

    /// Removes an event (ACLED publishes deletions). Returns whether it existed.
    pub fn delete_event(&mut self, uid: &str) -> Result<bool, StoreError> {
        let Some((id, _, old)) = self.stored_facts(uid)? else {
            return Ok(false);
        };
        self.tx
            .prepare_cached("DELETE FROM events WHERE id = ?1")?
            .execute([id])?;
        self.aggregate(&old, -1);
        self.counts.deleted += 1;
        Ok(true)
    }

    /// Adds `sign` × the event's contribution to the weekly and monthly aggregates. An event
    /// counts in a period only when its date is at least that precise: a month-precision
    /// event is in the monthly series, not in any week; a year-precision one in neither.
    fn aggregate(&mut self, f: &AggFacts, sign: i64) {
        let Some(day) = f.day else { return };
        let date = from_day_number(day);
        let periods: &[(u8, PeriodKind)] = match f.precision {
            DatePrecision::Day | DatePrecision::Week => {
                &[(b'W', PeriodKind::Week), (b'M', PeriodKind::Month)]
            }
            DatePrecision::Month => &[(b'M', PeriodKind::Month)],
            DatePrecision::Year => &[],
        };
        for &(code, pk) in periods {
            let pstart = day_number(period_start(pk, date));
            let e = self
                .agg_kind
                .entry((code, pstart, f.state.clone(), f.kind.clone()))
                .or_default();
            e.0 += sign;
            e.1 += sign as f64 * f.fatalities;
            let mut seen: Vec<&str> = Vec::with_capacity(f.actors.len());
            for a in &f.actors {
                if seen.contains(&a.as_str()) {
                    continue;
                }
                seen.push(a);
                let e = self
                    .agg_actor
                    .entry((code, pstart, f.state.clone(), a.clone()))
                    .or_default();
                e.0 += sign;
                e.1 += sign as f64 * f.fatalities;
            }
        }
        if sign > 0 {
            for a in &f.actors {
                if !self.actors_seen.contains(a) {
                    self.actors_seen.insert(a.clone());
                }
            }
        }
    }

    /// Stores one value of an official monthly series (`month` is `YYYY-MM`).
    pub fn upsert_indicator(
        &mut self,
        indicator: &str,
        state: &str,
        month: &str,
        value: f64,
        source: &str,
    ) -> Result<Outcome, StoreError> {
        let old: Option<(f64, String)> = self
            .tx
            .prepare_cached(
                "SELECT value, source FROM indicators WHERE indicator=?1 AND state=?2 AND month=?3",
            )?
            .query_row(params![indicator, state, month], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let outcome = match old {
            Some((v, s)) if v == value && s == source => {
                self.counts.unchanged += 1;
                return Ok(Outcome::Unchanged);
            }
            Some(_) => Outcome::Updated,
            None => Outcome::Inserted,
        };
        self.tx
            .prepare_cached(
                "INSERT INTO indicators (indicator, state, month, value, source, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(indicator, state, month) DO UPDATE SET value=excluded.value, source=excluded.source, import_id=excluded.import_id",
            )?
            .execute(params![indicator, state, month, value, source, self.import_id])?;
        match outcome {
            Outcome::Inserted => self.counts.inserted += 1,
            _ => self.counts.updated += 1,
        }
        Ok(outcome)
    }

    pub fn upsert_intervention(&mut self, iv: &Intervention) -> Result<Outcome, StoreError> {
        let mut h = Fnv::default();
        for part in [
            &iv.date,
            &iv.date_precision,
            &iv.event_type,
            &iv.name,
            &iv.alias,
            &iv.organization,
            iv.actor.as_deref().unwrap_or(""),
            &iv.place,
            iv.state.as_deref().unwrap_or(""),
            &iv.source_url,
            &iv.note,
        ] {
            h.write(part.as_bytes());
        }
        let hash = h.finish();
        let old: Option<i64> = self
            .tx
            .prepare_cached("SELECT hash FROM interventions WHERE uid = ?1")?
            .query_row([&iv.uid], |r| r.get(0))
            .optional()?;
        if old == Some(hash) {
            self.counts.unchanged += 1;
            return Ok(Outcome::Unchanged);
        }
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO interventions (uid, date, date_precision, event_type, name, alias, organization,
                    actor, place, state, source_url, note, origin_file, origin_row, import_id, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                iv.uid,
                iv.date,
                iv.date_precision,
                iv.event_type,
                iv.name,
                iv.alias,
                iv.organization,
                iv.actor,
                iv.place,
                iv.state,
                iv.source_url,
                iv.note,
                iv.origin_file,
                iv.origin_row as i64,
                self.import_id,
                hash
            ])?;
        if old.is_some() {
            self.counts.updated += 1;
            Ok(Outcome::Updated)
        } else {
            self.counts.inserted += 1;
            Ok(Outcome::Inserted)
        }
    }

    /// Adds or renames a municipality in the catalog the importers resolve names with.
    pub fn upsert_municipality(&mut self, code: &str, name: &str) -> Result<Outcome, StoreError> {
        let old: Option<String> = self
            .tx
            .prepare_cached("SELECT name FROM municipalities WHERE code = ?1")?
            .query_row([code], |r| r.get(0))
            .optional()?;
        if old.as_deref() == Some(name) {
            self.counts.unchanged += 1;
            return Ok(Outcome::Unchanged);
        }
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO municipalities (code, state, name) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![code, &code[..2], name])?;
        if old.is_some() {
            self.counts.updated += 1;
            Ok(Outcome::Updated)
        } else {
            self.counts.inserted += 1;
            Ok(Outcome::Inserted)
        }
    }

    /// Flushes aggregates and the actor registry, records the import's counts, commits.
    pub fn commit(mut self) -> Result<Counts, StoreError> {
        {
            let mut up = self.tx.prepare_cached(
                "INSERT INTO agg_kind (pkind, pstart, state, kind, events, fatalities) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO UPDATE SET events = events + excluded.events, fatalities = fatalities + excluded.fatalities",
            )?;
            for ((code, pstart, state, kind), (n, f)) in self.agg_kind.drain() {
                if n != 0 || f != 0.0 {
                    up.execute(params![
                        (code as char).to_string(),
                        pstart,
                        state,
                        kind,
                        n,
                        f
                    ])?;
                }
            }
            let mut up = self.tx.prepare_cached(
                "INSERT INTO agg_actor (pkind, pstart, state, actor, events, fatalities) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO UPDATE SET events = events + excluded.events, fatalities = fatalities + excluded.fatalities",
            )?;
            for ((code, pstart, state, actor), (n, f)) in self.agg_actor.drain() {
                if n != 0 || f != 0.0 {
                    up.execute(params![
                        (code as char).to_string(),
                        pstart,
                        state,
                        actor,
                        n,
                        f
                    ])?;
                }
            }
            self.tx.execute_batch(
                "DELETE FROM agg_kind WHERE events = 0; DELETE FROM agg_actor WHERE events = 0;",
            )?;
            let mut ins = self.tx.prepare_cached(
                "INSERT OR IGNORE INTO actors (name, kind, parent) VALUES (?1, ?2, ?3)",
            )?;
            for a in &self.actors_seen {
                let (kind, parent) = actors::describe(a);
                ins.execute(params![a, kind.as_str(), parent])?;
            }
            let c = &self.counts;
            self.tx.execute(
                "UPDATE imports SET read=?2, inserted=?3, updated=?4, unchanged=?5, deleted=?6, rejected=?7 WHERE id=?1",
                params![
                    self.import_id,
                    c.read as i64,
                    c.inserted as i64,
                    c.updated as i64,
                    c.unchanged as i64,
                    c.deleted as i64,
                    c.rejected as i64
                ],
            )?;
        }
        self.tx.commit()?;
        Ok(self.counts)
    }
}
