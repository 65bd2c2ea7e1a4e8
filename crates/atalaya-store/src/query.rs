//! The query layer analyses and views read through: events by filter, zero-filled series
//! from the aggregate tables, and what the store holds.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use atalaya_core::gazetteer;
use atalaya_core::period::{
    day_number, from_day_number, next_period, parse_period, period_start, periods, PeriodKind,
};
use atalaya_core::{DatePrecision, Event, EventKind, Origin, Review};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::Serialize;

use crate::text_blocks::{BlockCache, TextRef};
use crate::write::Intervention;
use crate::{Store, StoreError};

/// What `series` groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    State,
    Kind,
    Actor,
}

/// What `series` counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measure {
    Events,
    Fatalities,
    /// An imported official monthly series ("homicidio_doloso").
    Indicator(String),
}

#[derive(Debug, Clone)]
pub struct SeriesQuery {
    pub period: PeriodKind,
    pub by: Option<By>,
    pub measure: Measure,
    pub state: Option<String>,
    pub kind: Option<EventKind>,
    pub actor: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub period: String,
    pub key: String,
    pub value: f64,
}

/// Filters for `events` and `export`.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub state: Option<String>,
    pub kind: Option<EventKind>,
    pub actor: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub limit: Option<u64>,
    /// Which events by review status. The default, `Counted`, is what counts and analyses
    /// read: imported rows and accepted news events.
    pub review: ReviewFilter,
}

/// Events by review status (news events carry one; imported rows never do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReviewFilter {
    /// What the aggregates count: imported rows and accepted news events.
    #[default]
    Counted,
    /// Every event, whatever its review.
    All,
    /// News events with this status.
    Only(Review),
}

/// The SQL condition of events the aggregates count (see `write::counted`).
pub const COUNTED_SQL: &str = "(review IS NULL OR review = 'accepted')";

/// An event with its review status (`None` for imported rows), as `events --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewedEvent {
    #[serde(flatten)]
    pub event: Event,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// What the store holds.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub events: u64,
    pub by_kind: BTreeMap<String, u64>,
    pub by_state: BTreeMap<String, u64>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub fatalities: f64,
    pub undated: u64,
    pub indicators: BTreeMap<String, IndicatorStats>,
    pub interventions: u64,
    pub actors: u64,
    pub municipalities: u64,
    pub imports: u64,
    pub schema_version: usize,
    /// News events by review status (pending, accepted, rejected).
    pub review: BTreeMap<String, u64>,
    /// Stored articles (`ingest`, `code --store`).
    pub articles: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorStats {
    pub values: u64,
    pub states: u64,
    pub first_month: String,
    pub last_month: String,
    pub total: f64,
}

/// SQL text is assembled only from these fixed fragments; every value is a bound parameter.
struct Where {
    clauses: Vec<&'static str>,
    params: Vec<Value>,
}

impl Where {
    fn new() -> Self {
        Where {
            clauses: Vec::new(),
            params: Vec::new(),
        }
    }
    fn add(&mut self, clause: &'static str, v: impl Into<Value>) {
        self.clauses.push(clause);
        self.params.push(v.into());
    }
    /// A condition without parameters.
    fn add_fixed(&mut self, clause: &'static str) {
        self.clauses.push(clause);
    }
    fn add_many(&mut self, clause: &'static str, vs: Vec<Value>) {
        self.clauses.push(clause);
        self.params.extend(vs);
    }
    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

fn resolve_actor(a: &str) -> String {
    atalaya_core::actors::canonical(a)
}

fn validate_state(s: &str) -> Result<String, StoreError> {
    gazetteer::state_by_name(s)
        .map(|st| st.code.to_string())
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "{s:?} is not a Mexican state (use a code 01–32 or a name)"
            ))
        })
}

/// An event read from its row (`EVENT_COLUMNS`), with its text still in its block when
/// the row points at one: `with_text` completes it.
pub(crate) struct StoredEvent {
    event: Event,
    text: Option<TextRef>,
    pub(crate) review: Option<Review>,
}

impl StoredEvent {
    /// The whole event, its text read from `blocks` when it is not in the row.
    pub(crate) fn with_text(
        self,
        conn: &rusqlite::Connection,
        blocks: &mut BlockCache,
    ) -> Result<Event, StoreError> {
        let StoredEvent {
            mut event, text, ..
        } = self;
        let Some(r) = text else {
            return Ok(event);
        };
        blocks.with_fields(conn, r, |[measures, sources, tags, source_id]| {
            let bad = |what: &str, e: serde_json::Error| {
                StoreError::Invalid(format!(
                    "event {}: stored {what} unreadable (text block {}, slot {}): {e}",
                    event.id, r.block, r.slot
                ))
            };
            event.measures = serde_json::from_str(measures).map_err(|e| bad("measures", e))?;
            event.sources = serde_json::from_str(sources).map_err(|e| bad("sources", e))?;
            event.tags = serde_json::from_str(tags).map_err(|e| bad("tags", e))?;
            event.origin.source_id = source_id.to_string();
            Ok(())
        })?;
        Ok(event)
    }
}

pub(crate) fn row_to_event(r: &rusqlite::Row) -> rusqlite::Result<StoredEvent> {
    let json_col = |i: usize| -> rusqlite::Result<String> { r.get::<_, String>(i) };
    let bad = |i: usize, e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    };
    let kind: String = r.get(1)?;
    let precision: String = r.get(3)?;
    let text = match (r.get::<_, Option<i64>>(17)?, r.get::<_, Option<i64>>(18)?) {
        (Some(block), Some(slot)) => Some(TextRef {
            block,
            slot: u32::try_from(slot).map_err(|e| bad(18, e.to_string()))?,
        }),
        _ => None,
    };
    // A row whose text is in a block holds '' in those columns: `with_text` fills them.
    let in_row = text.is_none();
    let event = Event {
        id: r.get(0)?,
        kind: kind.parse().map_err(|e| bad(1, e))?,
        date: r
            .get::<_, Option<i32>>(2)?
            .map(|d| atalaya_core::period::iso_date(from_day_number(d))),
        date_precision: precision.parse().map_err(|e| bad(3, e))?,
        state: r.get(4)?,
        municipality: r.get(5)?,
        lat: r.get(6)?,
        lon: r.get(7)?,
        geo_precision: r.get(8)?,
        actors: serde_json::from_str(&json_col(9)?).map_err(|e| bad(9, e.to_string()))?,
        measures: row_json(r, 10, in_row)?,
        sources: row_json(r, 11, in_row)?,
        tags: row_json(r, 12, in_row)?,
        origin: Origin {
            format: r.get(13)?,
            file: r.get(14)?,
            row: r.get::<_, i64>(15)? as u64,
            source_id: if in_row { r.get(16)? } else { String::new() },
        },
    };
    let review = r
        .get::<_, Option<String>>(19)?
        .map(|s| s.parse::<Review>().map_err(|e| bad(19, e)))
        .transpose()?;
    Ok(StoredEvent {
        event,
        text,
        review,
    })
}

/// Column `i` parsed as JSON when the row holds its text, else the empty value.
fn row_json<T: serde::de::DeserializeOwned + Default>(
    r: &rusqlite::Row,
    i: usize,
    in_row: bool,
) -> rusqlite::Result<T> {
    if !in_row {
        return Ok(T::default());
    }
    serde_json::from_str(&r.get::<_, String>(i)?).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

pub(crate) const EVENT_COLUMNS: &str =
    "uid, kind, day, date_precision, state, municipality, lat, lon, geo_precision, actors, \
     measures, sources, tags, origin_format, origin_file, origin_row, origin_source_id, \
     text_block, text_slot, review";

fn pkind_code(p: PeriodKind) -> &'static str {
    match p {
        PeriodKind::Week => "W",
        PeriodKind::Month => "M",
    }
}

/// Where a page of events ends, in the `for_each_event` order (date, then id); the next page
/// starts after it. Undated events sort first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventKey {
    pub date: Option<NaiveDate>,
    pub id: String,
}

impl EventKey {
    pub fn of(e: &Event) -> Result<EventKey, StoreError> {
        let date = e
            .date
            .as_deref()
            .map(atalaya_core::period::parse_date)
            .transpose()
            .map_err(StoreError::Invalid)?;
        Ok(EventKey {
            date,
            id: e.id.clone(),
        })
    }
}

impl Store {
    /// Streams the events matching `f`, ordered by date then id, to `each`.
    pub fn for_each_event(
        &self,
        f: &EventFilter,
        each: impl FnMut(Event) -> std::io::Result<()>,
    ) -> Result<u64, StoreError> {
        self.for_each_event_after(f, None, each)
    }

    /// `for_each_event` from just after `after` (keyset pagination: each page costs the
    /// same however deep it is, and rows inserted meanwhile never shift a page).
    pub fn for_each_event_after(
        &self,
        f: &EventFilter,
        after: Option<&EventKey>,
        mut each: impl FnMut(Event) -> std::io::Result<()>,
    ) -> Result<u64, StoreError> {
        self.for_each_reviewed_event_after(f, after, |r| each(r.event))
    }

    /// `for_each_event_after` with each event's review status.
    pub fn for_each_reviewed_event_after(
        &self,
        f: &EventFilter,
        after: Option<&EventKey>,
        mut each: impl FnMut(ReviewedEvent) -> std::io::Result<()>,
    ) -> Result<u64, StoreError> {
        let mut w = Where::new();
        match after {
            // The range on day alone lets the day indexes seek; the OR settles ties.
            Some(EventKey { date: Some(d), id }) => {
                let day = day_number(*d) as i64;
                w.add_many(
                    "day >= ? AND (day > ? OR uid > ?)",
                    vec![day.into(), day.into(), id.clone().into()],
                );
            }
            Some(EventKey { date: None, id }) => {
                w.add("(day IS NOT NULL OR uid > ?)", id.clone());
            }
            None => {}
        }
        if let Some(s) = &f.state {
            w.add("state = ?", validate_state(s)?);
        }
        if let Some(k) = f.kind {
            w.add("kind = ?", k.as_str().to_string());
        }
        if let Some(a) = &f.actor {
            w.add(
                "EXISTS (SELECT 1 FROM json_each(events.actors) WHERE json_each.value = ?)",
                resolve_actor(a),
            );
        }
        if let Some(d) = f.from {
            w.add("day >= ?", day_number(d) as i64);
        }
        if let Some(d) = f.to {
            w.add("day <= ?", day_number(d) as i64);
        }
        match f.review {
            ReviewFilter::All => {}
            ReviewFilter::Counted => w.add_fixed(COUNTED_SQL),
            ReviewFilter::Only(r) => w.add("review = ?", r.as_str().to_string()),
        }
        let mut sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events{} ORDER BY day, uid",
            w.sql()
        );
        if let Some(n) = f.limit {
            sql.push_str(" LIMIT ?");
            w.params.push(Value::Integer(n.min(i64::MAX as u64) as i64));
        }
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(w.params.iter()))?;
        let mut blocks = self.blocks.lock().unwrap_or_else(|p| p.into_inner());
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let stored = row_to_event(r)?;
            let review = stored.review;
            let event = stored.with_text(&self.conn, &mut blocks)?;
            each(ReviewedEvent { event, review }).map_err(|e| StoreError::Io {
                path: "(output)".into(),
                source: e,
            })?;
            n += 1;
        }
        Ok(n)
    }

    pub fn events(&self, f: &EventFilter) -> Result<Vec<Event>, StoreError> {
        let mut v = Vec::new();
        self.for_each_event(f, |e| {
            v.push(e);
            Ok(())
        })?;
        Ok(v)
    }

    pub fn event(&self, id: &str) -> Result<Option<Event>, StoreError> {
        Ok(self.reviewed_event(id)?.map(|r| r.event))
    }

    /// One event with its review status, whatever that is.
    pub fn reviewed_event(&self, id: &str) -> Result<Option<ReviewedEvent>, StoreError> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE uid = ?1");
        let Some(stored) = self.conn.query_row(&sql, [id], row_to_event).optional()? else {
            return Ok(None);
        };
        let review = stored.review;
        let mut blocks = self.blocks.lock().unwrap_or_else(|p| p.into_inner());
        let event = stored.with_text(&self.conn, &mut blocks)?;
        Ok(Some(ReviewedEvent { event, review }))
    }

    /// Zero-filled counts per period. Series cover whole periods: `from`/`to` select the
    /// periods that contain them. Events count in a period only when dated at least that
    /// precisely (see `write::Writer`); events without a state appear under key `unknown`.
    pub fn series(&self, q: &SeriesQuery) -> Result<Vec<Point>, StoreError> {
        let state = q.state.as_deref().map(validate_state).transpose()?;
        let raw: Vec<(i32, String, f64)> = match &q.measure {
            Measure::Indicator(name) => self.indicator_rows(q, name, state.as_deref())?,
            Measure::Events | Measure::Fatalities => self.aggregate_rows(q, state.as_deref())?,
        };
        let (from, to) = match (q.from, q.to) {
            (Some(a), Some(b)) => (a, b),
            _ => {
                let Some(lo) = raw.iter().map(|r| r.0).min() else {
                    return Ok(Vec::new());
                };
                let hi = raw.iter().map(|r| r.0).max().unwrap_or(lo);
                (
                    q.from.unwrap_or(from_day_number(lo)),
                    q.to.unwrap_or(from_day_number(hi)),
                )
            }
        };
        let fixed_key = state.clone().unwrap_or_else(|| "all".to_string());
        let mut keys: BTreeSet<String> = BTreeSet::new();
        match q.by {
            Some(By::State) => match &state {
                Some(s) => {
                    keys.insert(s.clone());
                }
                None => keys.extend(gazetteer::STATES.iter().map(|s| s.code.to_string())),
            },
            Some(By::Kind) => {
                if let Some(k) = q.kind {
                    keys.insert(k.as_str().to_string());
                }
            }
            Some(By::Actor) => {
                if let Some(a) = &q.actor {
                    keys.insert(resolve_actor(a));
                }
            }
            None => {
                keys.insert(fixed_key.clone());
            }
        }
        let mut values: HashMap<(i32, String), f64> = HashMap::new();
        for (p, key, v) in raw {
            let key = if q.by.is_none() {
                fixed_key.clone()
            } else {
                key
            };
            keys.insert(key.clone());
            *values.entry((p, key)).or_default() += v;
        }
        let mut out = Vec::new();
        for (start, label) in periods(q.period, from, to) {
            let d = day_number(start);
            for k in &keys {
                let value = values.get(&(d, k.clone())).copied().unwrap_or(0.0);
                out.push(Point {
                    period: label.clone(),
                    key: k.clone(),
                    value,
                });
            }
        }
        Ok(out)
    }

    fn aggregate_rows(
        &self,
        q: &SeriesQuery,
        state: Option<&str>,
    ) -> Result<Vec<(i32, String, f64)>, StoreError> {
        // agg_actor has no kind column: kinds (filtered or grouped by) together with actors
        // (filtered or grouped by) need the events.
        let kinds = q.kind.is_some() || q.by == Some(By::Kind);
        if kinds && (q.actor.is_some() || q.by == Some(By::Actor)) {
            return self.rows_from_events(q, state);
        }
        let (sql, w) = aggregate_sql(q, state);
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(w.params.iter()), |r| {
            Ok((
                r.get::<_, i32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (p, k, v) = row?;
            let k = if k.is_empty() && q.by == Some(By::State) {
                "unknown".to_string()
            } else {
                k
            };
            out.push((p, k, v));
        }
        Ok(out)
    }

    /// The slow path for filter combinations the aggregates do not cover.
    fn rows_from_events(
        &self,
        q: &SeriesQuery,
        state: Option<&str>,
    ) -> Result<Vec<(i32, String, f64)>, StoreError> {
        let f = EventFilter {
            state: state.map(str::to_string),
            kind: q.kind,
            actor: q.actor.clone(),
            from: q.from.map(|d| period_start(q.period, d)),
            to: q.to.map(|d| {
                next_period(q.period, period_start(q.period, d)) - chrono::Duration::days(1)
            }),
            limit: None,
            review: ReviewFilter::Counted,
        };
        let only_actor = q.actor.as_deref().map(resolve_actor);
        let mut out = Vec::new();
        self.for_each_event(&f, |e| {
            let (Some(date), prec) = (e.date.as_deref(), e.date_precision) else {
                return Ok(());
            };
            let fine_enough = match q.period {
                PeriodKind::Week => matches!(prec, DatePrecision::Day | DatePrecision::Week),
                PeriodKind::Month => prec != DatePrecision::Year,
            };
            if !fine_enough {
                return Ok(());
            }
            let d = atalaya_core::period::parse_date(date).map_err(std::io::Error::other)?;
            let p = day_number(period_start(q.period, d));
            let v = if q.measure == Measure::Fatalities {
                e.fatalities()
            } else {
                1.0
            };
            let keys: Vec<String> = match q.by {
                // With an actor filter, only that actor's series (as from `agg_actor`), not
                // those of the other actors of its events.
                Some(By::Actor) => match &only_actor {
                    Some(a) => vec![a.clone()],
                    None => {
                        let mut a = e.actors.clone();
                        a.dedup();
                        a
                    }
                },
                Some(By::State) => vec![e.state.clone().unwrap_or_else(|| "unknown".into())],
                Some(By::Kind) => vec![e.kind.as_str().to_string()],
                None => vec![String::new()],
            };
            for k in keys {
                out.push((p, k, v));
            }
            Ok(())
        })?;
        Ok(out)
    }

    fn indicator_rows(
        &self,
        q: &SeriesQuery,
        name: &str,
        state: Option<&str>,
    ) -> Result<Vec<(i32, String, f64)>, StoreError> {
        if q.period != PeriodKind::Month {
            return Err(StoreError::Invalid(format!(
                "indicator {name:?} is a monthly series; use --period month"
            )));
        }
        if matches!(q.by, Some(By::Kind) | Some(By::Actor)) || q.kind.is_some() || q.actor.is_some()
        {
            return Err(StoreError::Invalid(format!(
                "indicator {name:?} is counted per state and month only: it has no kinds or actors"
            )));
        }
        let known: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM indicators WHERE indicator = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !known {
            let names: Vec<String> = self
                .conn
                .prepare("SELECT DISTINCT indicator FROM indicators ORDER BY 1")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            return Err(StoreError::Invalid(format!(
                "no measure {name:?}: use events, fatalities or an imported indicator ({})",
                if names.is_empty() {
                    "none imported; see `atalaya import sesnsp`".to_string()
                } else {
                    names.join(", ")
                }
            )));
        }
        let mut w = Where::new();
        w.add("indicator = ?", name.to_string());
        if let Some(s) = state {
            w.add("state = ?", s.to_string());
        }
        if let Some(d) = q.from {
            w.add("month >= ?", d.format("%Y-%m").to_string());
        }
        if let Some(d) = q.to {
            w.add("month <= ?", d.format("%Y-%m").to_string());
        }
        let sql = format!("SELECT month, state, value FROM indicators{}", w.sql());
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(w.params.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (month, state, v) = row?;
            let start = parse_period(PeriodKind::Month, &month).map_err(StoreError::Invalid)?;
            out.push((day_number(start), state, v));
        }
        Ok(out)
    }

    pub fn stats(&self) -> Result<Stats, StoreError> {
        let c = &self.conn;
        let (events, fatalities, undated, first, last): (i64, f64, i64, Option<i32>, Option<i32>) = c.query_row(
            "SELECT COUNT(*), COALESCE(SUM(fatalities), 0), COUNT(*) - COUNT(day), MIN(day), MAX(day) FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let group = |sql: &str| -> Result<BTreeMap<String, u64>, StoreError> {
            let mut st = c.prepare(sql)?;
            let rows = st.query_map([], |r| {
                Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
            })?;
            let mut m = BTreeMap::new();
            for row in rows {
                let (k, n) = row?;
                m.insert(k.unwrap_or_else(|| "unknown".into()), n as u64);
            }
            Ok(m)
        };
        let by_kind = group("SELECT kind, COUNT(*) FROM events GROUP BY kind")?;
        let by_state = group("SELECT state, COUNT(*) FROM events GROUP BY state")?;
        let mut indicators = BTreeMap::new();
        let mut st = c.prepare(
            "SELECT indicator, COUNT(*), COUNT(DISTINCT state), MIN(month), MAX(month), SUM(value)
             FROM indicators GROUP BY indicator",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                IndicatorStats {
                    values: r.get::<_, i64>(1)? as u64,
                    states: r.get::<_, i64>(2)? as u64,
                    first_month: r.get(3)?,
                    last_month: r.get(4)?,
                    total: r.get(5)?,
                },
            ))
        })?;
        for row in rows {
            let (k, v) = row?;
            indicators.insert(k, v);
        }
        let count = |sql: &str| -> Result<u64, StoreError> {
            Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let fmt = |d: Option<i32>| d.map(|d| atalaya_core::period::iso_date(from_day_number(d)));
        Ok(Stats {
            events: events as u64,
            by_kind,
            by_state,
            first_date: fmt(first),
            last_date: fmt(last),
            fatalities,
            undated: undated as u64,
            indicators,
            interventions: count("SELECT COUNT(*) FROM interventions")?,
            actors: count("SELECT COUNT(*) FROM actors")?,
            municipalities: count("SELECT COUNT(*) FROM municipalities")?,
            imports: count("SELECT COUNT(*) FROM imports")?,
            schema_version: crate::schema::version(),
            review: group(
                "SELECT review, COUNT(*) FROM events WHERE review IS NOT NULL GROUP BY review",
            )?,
            articles: count("SELECT COUNT(*) FROM articles")?,
        })
    }

    /// The first and last days that event sources cover: dated events, leaving out the
    /// kingpin list's leader events, which mark a few days and say nothing about coverage
    /// (UCDP ending in 2023 must not look like data until a 2026 arrest).
    pub fn event_day_range(&self) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
        let (lo, hi): (Option<i32>, Option<i32>) = self.conn.query_row(
            "SELECT MIN(day), MAX(day) FROM events WHERE day IS NOT NULL AND origin_format != 'kingpins'
             AND (review IS NULL OR review = 'accepted')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(lo
            .zip(hi)
            .map(|(a, b)| (from_day_number(a), from_day_number(b))))
    }

    /// The first and last months (`YYYY-MM`) of an official series.
    pub fn indicator_month_range(
        &self,
        indicator: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        let (lo, hi): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT MIN(month), MAX(month) FROM indicators WHERE indicator = ?1",
            [indicator],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(lo.zip(hi))
    }

    /// A number that grows with every write: each write (an import, stored news, an undone
    /// merge) goes through a `Writer`, which records itself in `imports`. Answers derived
    /// from the store can be kept until it moves.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM imports")?
            .query_row([], |r| r.get(0))?)
    }

    /// The imports behind a measure between two days (inclusive; open ends allowed), as
    /// (format, file): for an indicator, the files its months in the range came from; for
    /// events and fatalities, the files of the events dated in the range.
    pub fn source_files(
        &self,
        measure: &Measure,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let files = match measure {
            Measure::Indicator(name) => {
                let month = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m").to_string());
                let mut st = self.conn.prepare_cached(
                    "SELECT DISTINCT imports.format, imports.file FROM indicators JOIN imports ON imports.id = indicators.import_id
                     WHERE indicator = ?1 AND (?2 IS NULL OR month >= ?2) AND (?3 IS NULL OR month <= ?3)
                     ORDER BY 1",
                )?;
                let rows = st.query_map(params![name, month(from), month(to)], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
                rows.collect::<Result<_, _>>()?
            }
            Measure::Events | Measure::Fatalities => {
                let day = |d: Option<NaiveDate>| d.map(day_number);
                let mut st = self.conn.prepare_cached(
                    "SELECT DISTINCT origin_format, origin_file FROM events
                     WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)
                       AND (review IS NULL OR review = 'accepted') ORDER BY 1, 2",
                )?;
                let rows =
                    st.query_map(params![day(from), day(to)], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()?
            }
        };
        Ok(files)
    }

    /// The kingpin list as stored, ordered by date.
    pub fn interventions(&self) -> Result<Vec<Intervention>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT uid, date, date_precision, event_type, name, alias, organization, actor, place, state,
                    source_url, note, origin_file, origin_row, base_states
             FROM interventions ORDER BY date, uid",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Intervention {
                uid: r.get(0)?,
                date: r.get(1)?,
                date_precision: r.get(2)?,
                event_type: r.get(3)?,
                name: r.get(4)?,
                alias: r.get(5)?,
                organization: r.get(6)?,
                actor: r.get(7)?,
                place: r.get(8)?,
                state: r.get(9)?,
                source_url: r.get(10)?,
                note: r.get(11)?,
                origin_file: r.get(12)?,
                origin_row: r.get::<_, i64>(13)? as u64,
                base_states: r
                    .get::<_, String>(14)?
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The aggregate query of `series` (rows of period, key and sum) and its parameters.
fn aggregate_sql(q: &SeriesQuery, state: Option<&str>) -> (String, Where) {
    let value_col = if q.measure == Measure::Fatalities {
        "fatalities"
    } else {
        "events"
    };
    let use_actor_table = q.actor.is_some() || q.by == Some(By::Actor);
    let key_col = match q.by {
        Some(By::State) => "state",
        Some(By::Kind) => "kind",
        Some(By::Actor) => "actor",
        None => "''",
    };
    // Without a kind or actor, the per-state totals hold the same sums in fewer rows.
    let all_kinds = q.kind.is_none() && matches!(q.by, None | Some(By::State));
    let table = if use_actor_table {
        "agg_actor"
    } else if all_kinds {
        "agg_state"
    } else {
        "agg_kind"
    };
    let mut w = Where::new();
    w.add("pkind = ?", pkind_code(q.period).to_string());
    if let Some(s) = state {
        w.add("state = ?", s.to_string());
    }
    if let Some(k) = q.kind {
        w.add("kind = ?", k.as_str().to_string());
    }
    if let Some(a) = &q.actor {
        w.add("actor = ?", resolve_actor(a));
    }
    if let Some(d) = q.from {
        w.add("pstart >= ?", day_number(period_start(q.period, d)) as i64);
    }
    if let Some(d) = q.to {
        w.add("pstart <= ?", day_number(period_start(q.period, d)) as i64);
    }
    // Grouping by a constant as well would make SQLite sort the rows in a temporary
    // B-tree instead of reading them in the index's order.
    let group = if q.by.is_none() {
        "pstart".to_string()
    } else {
        format!("pstart, {key_col}")
    };
    let sql = format!(
        "SELECT pstart, {key_col}, SUM({value_col}) FROM {table}{} GROUP BY {group}",
        w.sql()
    );
    (sql, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use atalaya_core::{Measures, Origin};

    /// One state's series (the dashboard's state view, the busiest series route) must read
    /// only that state's rows, in order, from a covering index: a plan through the primary
    /// key scans all 32 states (18× slower on 1M events). Neither database has planner
    /// statistics, so the plan here is the plan there.
    #[test]
    fn one_states_series_reads_its_rows_from_a_covering_index_in_order() {
        let store = Store::open_in_memory().unwrap();
        let d = |s: &str| Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        for (by, kind, index) in [
            (None, None, "agg_state_state"),
            (Some(By::State), None, "agg_state_state"),
            (None, Some(EventKind::ArmedClash), "agg_kind_state"),
        ] {
            let q = SeriesQuery {
                period: PeriodKind::Week,
                by,
                measure: Measure::Events,
                state: Some("14".into()),
                kind,
                actor: None,
                from: d("2025-01-01"),
                to: d("2025-12-31"),
            };
            let (sql, w) = super::aggregate_sql(&q, Some("14"));
            let mut st = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let plan: Vec<String> = st
                .query_map(params_from_iter(w.params.iter()), |r| r.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let want = format!("COVERING INDEX {index} (pkind=? AND state=?");
            assert!(
                plan.iter().any(|p| p.contains(&want)),
                "{by:?} {kind:?}: {plan:?}"
            );
            assert!(
                !plan.iter().any(|p| p.contains("TEMP B-TREE")),
                "{by:?} {kind:?}: {plan:?}"
            );
        }
    }

    #[test]
    fn ranges_and_sources_of_a_measure() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.event_day_range().unwrap(), None);
        assert_eq!(
            store.indicator_month_range("homicidio_doloso").unwrap(),
            None
        );
        let mut w = store.writer("sesnsp", "victims.csv").unwrap();
        for month in ["2024-01", "2024-02", "2024-03"] {
            w.upsert_indicator("homicidio_doloso", "25", month, 40.0, "SESNSP")
                .unwrap();
        }
        w.commit().unwrap();
        let mut w = store.writer("acled", "acled.csv").unwrap();
        for (n, date) in ["2024-02-10", "2024-05-01"].iter().enumerate() {
            w.upsert_event(&Event {
                id: format!("acled:{n}"),
                kind: EventKind::Homicide,
                date: Some(date.to_string()),
                date_precision: DatePrecision::Day,
                state: Some("25".into()),
                municipality: None,
                lat: None,
                lon: None,
                geo_precision: None,
                actors: vec![],
                measures: Measures::default(),
                sources: vec![],
                origin: Origin {
                    format: "acled".into(),
                    file: format!("acled-{n}.csv"),
                    row: 1,
                    source_id: n.to_string(),
                },
                tags: vec![],
            })
            .unwrap();
        }
        w.commit().unwrap();
        let d = |s: &str| atalaya_core::period::parse_date(s).unwrap();
        assert_eq!(
            store.event_day_range().unwrap(),
            Some((d("2024-02-10"), d("2024-05-01")))
        );
        assert_eq!(
            store.indicator_month_range("homicidio_doloso").unwrap(),
            Some(("2024-01".into(), "2024-03".into()))
        );
        let ind = Measure::Indicator("homicidio_doloso".into());
        assert_eq!(
            store.source_files(&ind, None, None).unwrap(),
            vec![("sesnsp".to_string(), "victims.csv".to_string())]
        );
        assert!(store
            .source_files(&ind, Some(d("2024-04-01")), None)
            .unwrap()
            .is_empty());
        assert_eq!(
            store
                .source_files(&Measure::Events, Some(d("2024-03-01")), None)
                .unwrap(),
            vec![("acled".to_string(), "acled-1.csv".to_string())]
        );
        assert_eq!(
            store
                .source_files(&Measure::Fatalities, None, None)
                .unwrap()
                .len(),
            2
        );
    }

    /// Every grouping with every filter combination gives from the aggregates what a recount
    /// of the events gives (an actor with `by=kind` once asked `agg_actor` for a kind column).
    #[test]
    fn every_series_shape_agrees_with_a_recount_of_the_events() {
        let mut store = Store::open_in_memory().unwrap();
        let mut w = store.writer("acled", "mixed.csv").unwrap();
        let kinds = [
            EventKind::Homicide,
            EventKind::ArmedClash,
            EventKind::Arrest,
        ];
        for n in 0..30u32 {
            let mut measures = Measures::default();
            measures.set("fatalities", f64::from(n % 4));
            w.upsert_event(&Event {
                id: format!("acled:{n}"),
                kind: kinds[n as usize % 3],
                date: Some(format!("2024-0{}-{:02}", 1 + n % 3, 1 + n % 27)),
                date_precision: DatePrecision::Day,
                state: Some(["14", "25"][n as usize % 2].into()),
                municipality: None,
                lat: None,
                lon: None,
                geo_precision: None,
                actors: [
                    vec!["CJNG".to_string()],
                    vec!["Sinaloa Cartel".into(), "CJNG".into()],
                    vec![],
                ][n as usize % 3 / 2 + n as usize % 2]
                    .clone(),
                measures,
                sources: vec![],
                origin: Origin {
                    format: "acled".into(),
                    file: "mixed.csv".into(),
                    row: u64::from(n) + 2,
                    source_id: n.to_string(),
                },
                tags: vec![],
            })
            .unwrap();
        }
        w.commit().unwrap();
        let sums = |rows: Vec<(i32, String, f64)>| {
            let mut m = std::collections::BTreeMap::new();
            for (p, k, v) in rows {
                *m.entry((p, k)).or_insert(0.0) += v;
            }
            m
        };
        for period in [PeriodKind::Week, PeriodKind::Month] {
            for by in [None, Some(By::State), Some(By::Kind), Some(By::Actor)] {
                for measure in [Measure::Events, Measure::Fatalities] {
                    for kind in [None, Some(EventKind::Homicide)] {
                        for actor in [None, Some("CJNG".to_string())] {
                            for state in [None, Some("14")] {
                                let q = SeriesQuery {
                                    period,
                                    by,
                                    measure: measure.clone(),
                                    state: state.map(str::to_string),
                                    kind,
                                    actor: actor.clone(),
                                    from: None,
                                    to: None,
                                };
                                let got = store.aggregate_rows(&q, state).unwrap();
                                let want = store.rows_from_events(&q, state).unwrap();
                                assert_eq!(sums(got), sums(want), "{q:?}");
                                store.series(&q).unwrap();
                            }
                        }
                    }
                }
            }
        }
    }
}
