//! All writes go through a `Writer`: one transaction per imported file, with the aggregate
//! tables updated from in-memory deltas before commit. Dropping a `Writer` without
//! `commit` (an error, a panic, a killed process) leaves the database as it was.

use rustc_hash::FxHashMap as HashMap;

use atalaya_core::actors;
use atalaya_core::period::{day_number, from_day_number, period_start, PeriodKind};
use atalaya_core::{DatePrecision, Event, Review};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::hash::Fnv;
use crate::raw::{RawStatement, Value};
use crate::text_blocks::{BlockWriter, TextRef};
use crate::{Store, StoreError};

mod json;

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
    /// Where the leader's organisation or faction is based (state codes), from the list's
    /// optional `base_states` column: the impact study's treated states by default.
    pub base_states: Vec<String>,
    pub source_url: String,
    pub note: String,
    pub origin_file: String,
    pub origin_row: u64,
}

/// (period code, period start, state id, kind or actor id): a row of an aggregate table.
type AggKey = (u8, i32, u32, u32);

/// (the event's periods as `periods_of` gives them, unused slot (0, 0); state id; kind or
/// actor id): what `aggregate` accumulates, one map entry per event and key rather than one
/// per period; `commit` spreads them over the periods.
type EventKey = ([(u8, i32); 2], u32, u32);

/// Strings (states, kinds, actors) as small ids while an import accumulates aggregates.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_string());
        self.ids.insert(s.to_string(), i);
        i
    }
}

pub struct Writer<'c> {
    /// The event statements, prepared on first use and held: a cached statement's lookup
    /// hashes its whole SQL text on every row. Declared before `tx` so they are finalized
    /// before it ends.
    stmts: EventStatements<'c>,
    conn: &'c Connection,
    pub(crate) tx: Transaction<'c>,
    import_id: i64,
    /// First load into an empty events table: the event indexes are dropped for the
    /// import and rebuilt (sorted, far faster than row by row) before the commit, all in
    /// the same transaction. A repeated id surfaces then as `StoreError::RepeatedId`.
    bulk: bool,
    /// This import runs with a rollback journal (see `journal_mode`); WAL is set back after
    /// the commit.
    rollback_journal: bool,
    /// A first load's text blocks (see `text_blocks`); `None` otherwise.
    blocks: Option<BlockWriter>,
    /// One batch's block slots, kept to reuse its allocation.
    refs: Vec<TextRef>,
    names: Interner,
    agg_kind: HashMap<EventKey, (i64, f64)>,
    agg_actor: HashMap<EventKey, (i64, f64)>,
    /// By name id: whether an event counted the name as an actor.
    actors_seen: Vec<bool>,
    /// One event's actor ids, kept to reuse its allocation.
    actor_ids: Vec<u32>,
    pub counts: Counts,
}

/// The fields of a stored event that aggregates depend on.
struct AggFacts<'a> {
    periods: Periods,
    state: &'a str,
    kind: &'a str,
    fatalities: f64,
    actors: &'a [String],
}

fn facts_of(enc: &EncodedEvent) -> AggFacts<'_> {
    let e = &enc.event;
    AggFacts {
        periods: enc.periods,
        state: e.state.as_deref().unwrap_or(""),
        kind: e.kind.as_str(),
        fatalities: enc.fatalities,
        actors: &e.actors,
    }
}

/// A stored event's aggregate facts, owned (read back before an update or a deletion).
pub(crate) struct StoredFacts {
    /// Whether the aggregates count it: imported rows always, news events once accepted.
    pub(crate) counted: bool,
    pub(crate) review: Option<Review>,
    day: Option<i32>,
    precision: DatePrecision,
    state: String,
    kind: String,
    fatalities: f64,
    actors: Vec<String>,
}

impl StoredFacts {
    fn facts(&self) -> AggFacts<'_> {
        AggFacts {
            periods: periods_of(self.day, self.precision),
            state: &self.state,
            kind: &self.kind,
            fatalities: self.fatalities,
            actors: &self.actors,
        }
    }
}

/// An event ready to store: validated, its JSON columns and content hash computed. Importers
/// encode on their reading thread so the writing thread only talks to SQLite.
pub struct EncodedEvent {
    event: Event,
    day: Option<i32>,
    fatalities: f64,
    /// The (period code, period start) pairs the event counts in.
    periods: Periods,
    actors_json: String,
    measures_json: String,
    sources_json: String,
    tags_json: String,
    hash: i64,
    /// The review status to store a new event with, when the input carries one (a
    /// Parquet dataset does); `None`: the default of `review_on_insert`.
    review: Option<Review>,
}

impl EncodedEvent {
    pub fn id(&self) -> &str {
        &self.event.id
    }

    /// Stores the event, if it is new, with this review status (a news event reviewed
    /// elsewhere); an event already stored keeps its own.
    pub fn with_review(mut self, review: Review) -> Result<Self, StoreError> {
        if counts_on_insert(&self.event) {
            return Err(StoreError::Invalid(format!(
                "event {}: only news events are reviewed (origin format {:?})",
                self.event.id, self.event.origin.format
            )));
        }
        self.review = Some(review);
        Ok(self)
    }
}

/// Up to two periods: the event's week and month.
type Periods = ([(u8, i32); 2], usize);

/// An event counts in a period only when its date is at least that precise: a
/// month-precision event is in the monthly series, not in any week; a year-precision one
/// in neither.
pub(crate) fn periods_of(day: Option<i32>, precision: DatePrecision) -> Periods {
    let Some(day) = day else {
        return ([(0, 0); 2], 0);
    };
    let date = from_day_number(day);
    let week = (b'W', day_number(period_start(PeriodKind::Week, date)));
    let month = (b'M', day_number(period_start(PeriodKind::Month, date)));
    match precision {
        DatePrecision::Day | DatePrecision::Week => ([week, month], 2),
        DatePrecision::Month => ([month, (0, 0)], 1),
        DatePrecision::Year => ([(0, 0); 2], 0),
    }
}

/// Validates and encodes an event for `Writer::upsert_encoded`.
pub fn encode_event(e: Event) -> Result<EncodedEvent, StoreError> {
    if let Some(s) = &e.state {
        if atalaya_core::gazetteer::state(s).is_none() || s.len() != 2 {
            return Err(StoreError::Invalid(format!(
                "event {}: state {s:?} is not an INEGI code",
                e.id
            )));
        }
    }
    let day = event_day(&e)?;
    let actors_json = json::strings(&e.actors);
    let measures_json = json::whole_measures(&e.measures).unwrap_or_else(|| to_json(&e.measures));
    let sources_json = json::sources(&e.sources);
    let tags_json = json::strings(&e.tags);
    let mut h = Fnv::default();
    for part in [
        e.id.as_str(),
        e.kind.as_str(),
        e.date.as_deref().unwrap_or(""),
        e.date_precision.as_str(),
        e.state.as_deref().unwrap_or(""),
        e.municipality.as_deref().unwrap_or(""),
        &actors_json,
        &measures_json,
        &sources_json,
        &tags_json,
    ] {
        h.write(part.as_bytes());
    }
    // Coordinates by their bits: formatting floats for a hash cost more than the hash.
    for v in [e.lat, e.lon] {
        h.write(&v.map(f64::to_bits).unwrap_or(u64::MAX).to_le_bytes());
    }
    h.write(&[e.geo_precision.unwrap_or(0)]);
    let periods = periods_of(day, e.date_precision);
    Ok(EncodedEvent {
        periods,
        fatalities: e.fatalities(),
        hash: h.finish(),
        event: e,
        day,
        actors_json,
        measures_json,
        sources_json,
        tags_json,
        review: None,
    })
}

impl Store {
    /// Starts an import of `file` in `format`: one write transaction, taken at once so a
    /// concurrent writer waits rather than failing half-way.
    pub fn writer(&mut self, format: &str, file: &str) -> Result<Writer<'_>, StoreError> {
        self.writer_with(format, file, false)
    }

    /// `writer`, allowing the first-load path when the events table is empty.
    pub fn writer_with(
        &mut self,
        format: &str,
        file: &str,
        allow_bulk: bool,
    ) -> Result<Writer<'_>, StoreError> {
        // A shared borrow for the whole writer, so its held statements can borrow the
        // connection too; `&mut self` still keeps any other transaction out.
        let conn = &self.conn;
        let rollback_journal = allow_bulk && no_events(conn)? && journal_mode(conn, "DELETE")?;
        if !rollback_journal {
            journal_mode(conn, "WAL")?;
        }
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        // Asked again inside the transaction: another writer may have loaded meanwhile.
        let bulk = allow_bulk && no_events(&tx)?;
        let blocks = if bulk {
            tx.execute_batch(DROP_EVENT_INDEXES)?;
            Some(BlockWriter::start(&tx)?)
        } else {
            None
        };
        tx.execute(
            "INSERT INTO imports (format, file, started_at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            params![format, file],
        )?;
        let import_id = tx.last_insert_rowid();
        Ok(Writer {
            stmts: EventStatements::default(),
            conn,
            tx,
            import_id,
            bulk,
            rollback_journal,
            blocks,
            refs: Vec::new(),
            names: Interner::default(),
            agg_kind: HashMap::default(),
            agg_actor: HashMap::default(),
            actors_seen: Vec::new(),
            actor_ids: Vec::new(),
            counts: Counts::default(),
        })
    }
}

/// The stored columns of an event, in `event_values` order.
const EVENT_COLUMNS: &str =
    "uid, kind, day, date_precision, state, municipality, lat, lon, geo_precision,
    fatalities, actors, measures, sources, tags, origin_format, origin_file, origin_row,
    origin_source_id, import_id, hash, text_block, text_slot, review";
const EVENT_VALUES: usize = 23;

/// Rows per statement of a first load's insert: one step and one statement reset per 32
/// events instead of per event.
const BULK_ROWS: usize = 32;

/// `INSERT INTO events` of `rows` events, then `tail`.
fn insert_events_sql(rows: usize, tail: &str) -> String {
    let row = |r: usize| {
        let p: Vec<String> = (1..=EVENT_VALUES)
            .map(|i| format!("?{}", r * EVENT_VALUES + i))
            .collect();
        format!("({})", p.join(", "))
    };
    let rows: Vec<String> = (0..rows).map(row).collect();
    format!(
        "INSERT INTO events ({EVENT_COLUMNS}) VALUES {}{tail}",
        rows.join(", ")
    )
}

/// The event update: ?1 = the rowid, then `event_values` without the uid.
const UPDATE_EVENT_SQL: &str =
    "UPDATE events SET kind=?2, day=?3, date_precision=?4, state=?5, municipality=?6, lat=?7, lon=?8,
        geo_precision=?9, fatalities=?10, actors=?11, measures=?12, sources=?13, tags=?14,
        origin_format=?15, origin_file=?16, origin_row=?17, origin_source_id=?18, import_id=?19, hash=?20,
        text_block=?21, text_slot=?22
     WHERE id=?1";

/// The statements `upsert_encoded` and `insert_new` run, prepared on first use.
#[derive(Default)]
struct EventStatements<'c> {
    /// First load: `BULK_ROWS` events per statement, and one.
    insert_many: Option<RawStatement<'c>>,
    insert_one: Option<RawStatement<'c>>,
    /// Otherwise: insert unless the id is stored, else update.
    insert_new_id: Option<RawStatement<'c>>,
    update: Option<RawStatement<'c>>,
}

/// `slot`'s statement, prepared from `sql()` the first time.
fn held<'s, 'c>(
    slot: &'s mut Option<RawStatement<'c>>,
    conn: &'c Connection,
    sql: impl FnOnce() -> String,
) -> Result<&'s mut RawStatement<'c>, rusqlite::Error> {
    if slot.is_none() {
        *slot = Some(RawStatement::prepare(conn, &sql())?);
    }
    Ok(slot.as_mut().expect("prepared just above"))
}

fn no_events(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM events)", [], |r| r.get(0))
}

/// Sets the journal mode outside any transaction and says whether it took. A first load
/// into an empty events table runs with a rollback journal instead of the WAL: in WAL mode
/// every page is written twice (the log, then the checkpoint into the database), while a
/// rollback journal keeps only the original content of pages that existed before the
/// transaction (for a first load, a few root pages) and the new pages are written once.
/// Killed midway, the hot journal is rolled back by the next connection that opens the
/// file, as the WAL's uncommitted frames are ignored. Leaving WAL needs the file to
/// itself: while another connection has it open the switch fails at once (no busy wait)
/// and the load keeps the WAL. Readers that arrive during a rollback-journal load wait for
/// it (their busy timeout); every other write, and the store after the commit, uses WAL.
fn journal_mode(conn: &Connection, mode: &str) -> Result<bool, StoreError> {
    conn.busy_timeout(std::time::Duration::ZERO)?;
    // The mode is one of two fixed words, never input.
    let set = conn.query_row(&format!("PRAGMA main.journal_mode = {mode}"), [], |r| {
        r.get::<_, String>(0)
    });
    conn.busy_timeout(crate::BUSY_TIMEOUT)?;
    match set {
        Ok(now) => Ok(now.eq_ignore_ascii_case(mode)),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::DatabaseBusy =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// The stored columns of an event, in `EVENT_COLUMNS` order: its text in the row, or
/// (`text` given) in a block.
fn event_values(
    enc: &EncodedEvent,
    import_id: i64,
    text: Option<TextRef>,
) -> [Value<'_>; EVENT_VALUES] {
    let e = &enc.event;
    let real = |v: Option<f64>| v.map_or(Value::Null, Value::Real);
    let inline = |s| inline_text(text, s);
    [
        Value::Text(&e.id),
        Value::Text(e.kind.as_str()),
        enc.day.map_or(Value::Null, |d| Value::Int(d.into())),
        Value::Text(e.date_precision.as_str()),
        e.state.as_deref().into(),
        e.municipality.as_deref().into(),
        real(e.lat),
        real(e.lon),
        e.geo_precision
            .map_or(Value::Null, |g| Value::Int(g.into())),
        Value::Real(enc.fatalities),
        Value::Text(&enc.actors_json),
        Value::Text(inline(&enc.measures_json)),
        Value::Text(inline(&enc.sources_json)),
        Value::Text(inline(&enc.tags_json)),
        Value::Text(&e.origin.format),
        Value::Text(&e.origin.file),
        Value::Int(e.origin.row as i64),
        Value::Text(inline(&e.origin.source_id)),
        Value::Int(import_id),
        Value::Int(enc.hash),
        text.map_or(Value::Null, |t| Value::Int(t.block)),
        text.map_or(Value::Null, |t| Value::Int(t.slot.into())),
        // News events enter the review queue; an update never changes the status.
        review_on_insert(enc).map_or(Value::Null, |r| Value::Text(r.as_str())),
    ]
}

/// The review status of a new event: the one its input carries, else pending for a news
/// event and none for an imported row.
fn review_on_insert(enc: &EncodedEvent) -> Option<Review> {
    enc.review
        .or_else(|| (!counts_on_insert(&enc.event)).then_some(Review::Pending))
}

/// Whether a new event counts at once: imported rows do, news events wait for review.
fn counts_on_insert(e: &Event) -> bool {
    e.origin.format != crate::news::NEWS_FORMAT
}

/// Whether a stored event with this review status counts.
pub(crate) fn counted(review: Option<Review>) -> bool {
    matches!(review, None | Some(Review::Accepted))
}

/// `s`, or '' when the event's text goes to a block.
fn inline_text(text: Option<TextRef>, s: &str) -> &str {
    if text.is_some() {
        ""
    } else {
        s
    }
}

const DROP_EVENT_INDEXES: &str =
    "DROP INDEX events_uid; DROP INDEX events_day; DROP INDEX events_state_day;";
const CREATE_EVENT_INDEXES: &str = "CREATE UNIQUE INDEX events_uid ON events(uid);
     CREATE INDEX events_day ON events(day);
     CREATE INDEX events_state_day ON events(state, day);";

/// Per-event deltas spread over their periods: the aggregate tables' rows.
fn by_period(deltas: impl Iterator<Item = (EventKey, (i64, f64))>) -> HashMap<AggKey, (i64, f64)> {
    let mut rows: HashMap<AggKey, (i64, f64)> = HashMap::default();
    for ((periods, state, k), (n, f)) in deltas {
        for (code, pstart) in periods {
            if code != 0 {
                let e = rows.entry((code, pstart, state, k)).or_default();
                e.0 += n;
                e.1 += f;
            }
        }
    }
    rows
}

/// Each name's position in sorted order, so keys can be sorted as the tables' text columns
/// compare without comparing strings.
fn name_ranks(names: &[String]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.sort_unstable_by_key(|&i| &names[i as usize]);
    let mut rank = vec![0; names.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}

/// The non-zero deltas, sorted by `order`: written in primary-key order, each B-tree insert
/// lands beside the previous one instead of on a random page (a first load writes hundreds
/// of thousands of aggregate rows).
fn sorted_deltas<K: Ord>(
    deltas: impl Iterator<Item = (AggKey, (i64, f64))>,
    order: impl Fn(&AggKey) -> K,
) -> Vec<(AggKey, (i64, f64))> {
    let mut rows: Vec<_> = deltas.filter(|&(_, (n, f))| n != 0 || f != 0.0).collect();
    rows.sort_unstable_by_key(|(k, _)| order(k));
    rows
}

/// Adds aggregate deltas into `table` (`agg_kind` or `agg_actor`, whose key column is
/// `key`), in the order `order` gives. Both names are fixed by the caller, never input.
fn flush_aggregates<K: Ord>(
    tx: &Transaction,
    table: &'static str,
    key: &'static str,
    deltas: impl Iterator<Item = (AggKey, (i64, f64))>,
    order: impl Fn(&AggKey) -> K,
    names: &[String],
) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO {table} (pkind, pstart, state, {key}, events, fatalities) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT DO UPDATE SET events = events + excluded.events, fatalities = fatalities + excluded.fatalities"
    );
    let mut up = tx.prepare_cached(&sql)?;
    for ((code, pstart, state, k), (n, f)) in sorted_deltas(deltas, order) {
        up.execute(params![
            period_code(&code),
            pstart,
            names[state as usize],
            names[k as usize],
            n,
            f
        ])?;
    }
    Ok(())
}

/// Adds per-state deltas (the kind slot of the key unused) into `agg_state`.
fn flush_state_aggregates(
    tx: &Transaction,
    deltas: impl Iterator<Item = (AggKey, (i64, f64))>,
    rank: &[u32],
    names: &[String],
) -> Result<(), StoreError> {
    let mut up = tx.prepare_cached(
        "INSERT INTO agg_state (pkind, pstart, state, events, fatalities) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO UPDATE SET events = events + excluded.events, fatalities = fatalities + excluded.fatalities",
    )?;
    let order = |&(code, pstart, state, _): &AggKey| (code, pstart, rank[state as usize]);
    for ((code, pstart, state, _), (n, f)) in sorted_deltas(deltas, order) {
        up.execute(params![
            period_code(&code),
            pstart,
            names[state as usize],
            n,
            f
        ])?;
    }
    Ok(())
}

/// The stored period code (`W`, `M`) of a key's code byte.
fn period_code(code: &u8) -> &str {
    std::str::from_utf8(std::slice::from_ref(code)).expect("period codes are ASCII")
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialising plain data cannot fail")
}

pub(crate) fn event_day(e: &Event) -> Result<Option<i32>, StoreError> {
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
        self.upsert_encoded(&encode_event(e.clone())?)
    }

    /// `upsert_event` for an event already encoded (see `encode_event`).
    pub fn upsert_encoded(&mut self, enc: &EncodedEvent) -> Result<Outcome, StoreError> {
        if self.bulk {
            self.insert_new(&[enc])?;
            return Ok(Outcome::Inserted);
        }
        let e = &enc.event;
        let values = event_values(enc, self.import_id, None);
        let new_facts = facts_of(enc);
        let inserted = held(&mut self.stmts.insert_new_id, self.conn, || {
            insert_events_sql(1, " ON CONFLICT(uid) DO NOTHING")
        })?
        .execute(values)?;
        if inserted == 1 {
            if counted(review_on_insert(enc)) {
                self.aggregate(&new_facts, 1);
            }
            self.counts.inserted += 1;
            return Ok(Outcome::Inserted);
        }
        let (id, old_hash, old) = self.stored_facts(&e.id)?.ok_or_else(|| {
            StoreError::Invalid(format!("event {} vanished during its own upsert", e.id))
        })?;
        if old_hash == enc.hash {
            self.counts.unchanged += 1;
            return Ok(Outcome::Unchanged);
        }
        held(&mut self.stmts.update, self.conn, || {
            UPDATE_EVENT_SQL.to_string()
        })?
        .execute(
            std::iter::once(Value::Int(id))
                .chain(values.into_iter().skip(1).take(EVENT_VALUES - 2)),
        )?;
        if old.counted {
            self.aggregate(&old.facts(), -1);
            self.aggregate(&new_facts, 1);
        }
        self.counts.updated += 1;
        Ok(Outcome::Updated)
    }

    /// Whether this is a first load (see `writer_with`), where `insert_new` applies.
    pub fn is_bulk(&self) -> bool {
        self.bulk
    }

    /// First load only: inserts events known to be new, `BULK_ROWS` per statement.
    pub fn insert_new(&mut self, events: &[&EncodedEvent]) -> Result<(), StoreError> {
        if !self.bulk {
            return Err(StoreError::Invalid(
                "insert_new outside a first load".to_string(),
            ));
        }
        let import_id = self.import_id;
        let blocks = self
            .blocks
            .as_mut()
            .expect("a first load has a block writer");
        let mut refs = std::mem::take(&mut self.refs);
        refs.clear();
        for enc in events {
            refs.push(blocks.push(
                &self.tx,
                [
                    &enc.measures_json,
                    &enc.sources_json,
                    &enc.tags_json,
                    &enc.event.origin.source_id,
                ],
            )?);
        }
        let mut chunks = events.chunks_exact(BULK_ROWS);
        let mut ref_chunks = refs.chunks_exact(BULK_ROWS);
        for (chunk, rs) in (&mut chunks).zip(&mut ref_chunks) {
            held(&mut self.stmts.insert_many, self.conn, || {
                insert_events_sql(BULK_ROWS, "")
            })?
            .execute(
                chunk
                    .iter()
                    .zip(rs)
                    .flat_map(|(enc, r)| event_values(enc, import_id, Some(*r))),
            )?;
        }
        for (enc, r) in chunks.remainder().iter().zip(ref_chunks.remainder()) {
            held(&mut self.stmts.insert_one, self.conn, || {
                insert_events_sql(1, "")
            })?
            .execute(event_values(enc, import_id, Some(*r)))?;
        }
        self.refs = refs;
        for enc in events {
            if counted(review_on_insert(enc)) {
                self.aggregate(&facts_of(enc), 1);
            }
        }
        self.counts.inserted += events.len() as u64;
        Ok(())
    }

    pub(crate) fn stored_facts(
        &self,
        uid: &str,
    ) -> Result<Option<(i64, i64, StoredFacts)>, StoreError> {
        let row = self
            .tx
            .prepare_cached(
                "SELECT id, hash, day, date_precision, state, kind, fatalities, actors, review FROM events WHERE uid = ?1",
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
                    r.get::<_, Option<String>>(8)?,
                ))
            })
            .optional()?;
        let Some((id, hash, day, prec, state, kind, fatalities, actors, review)) = row else {
            return Ok(None);
        };
        let review = review
            .map(|r| r.parse::<Review>())
            .transpose()
            .map_err(|e| StoreError::Invalid(format!("stored review of {uid}: {e}")))?;
        let precision = prec.parse().map_err(StoreError::Invalid)?;
        let actors: Vec<String> = serde_json::from_str(&actors)
            .map_err(|e| StoreError::Invalid(format!("stored actors of {uid}: {e}")))?;
        Ok(Some((
            id,
            hash,
            StoredFacts {
                counted: counted(review),
                review,
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
        // Lookups by id need the index: leave the first-load path.
        self.end_bulk()?;
        let Some((id, _, old)) = self.stored_facts(uid)? else {
            return Ok(false);
        };
        self.tx
            .prepare_cached("DELETE FROM events WHERE id = ?1")?
            .execute([id])?;
        if old.counted {
            self.aggregate(&old.facts(), -1);
        }
        self.counts.deleted += 1;
        Ok(true)
    }

    /// Sets a news event's review status, moving it into or out of the aggregates when
    /// that changes whether it counts. Returns the status it had.
    pub(crate) fn set_review(
        &mut self,
        uid: &str,
        review: Review,
    ) -> Result<Option<Review>, StoreError> {
        self.end_bulk()?;
        let (id, _, old) = self
            .stored_facts(uid)?
            .ok_or_else(|| StoreError::Invalid(format!("no event with id {uid:?}")))?;
        if old.review.is_none() {
            return Err(StoreError::Invalid(format!(
                "event {uid} is not a news event: imported datasets are not reviewed"
            )));
        }
        let now = counted(Some(review));
        if now != old.counted {
            self.aggregate(&old.facts(), if now { 1 } else { -1 });
        }
        self.tx
            .prepare_cached("UPDATE events SET review = ?2 WHERE id = ?1")?
            .execute(params![id, review.as_str()])?;
        Ok(old.review)
    }

    /// Adds `sign` × the event's contribution to the weekly and monthly aggregates (the
    /// periods `periods_of` chose).
    fn aggregate(&mut self, f: &AggFacts, sign: i64) {
        let (periods, n) = f.periods;
        if n == 0 {
            return;
        }
        let state = self.names.id(f.state);
        let kind = self.names.id(f.kind);
        let mut actors = std::mem::take(&mut self.actor_ids);
        actors.clear();
        actors.extend(f.actors.iter().map(|a| self.names.id(a)));
        actors.sort_unstable();
        actors.dedup();
        let fatalities = sign as f64 * f.fatalities;
        let e = self.agg_kind.entry((periods, state, kind)).or_default();
        e.0 += sign;
        e.1 += fatalities;
        for &a in &actors {
            let e = self.agg_actor.entry((periods, state, a)).or_default();
            e.0 += sign;
            e.1 += fatalities;
        }
        if sign > 0 {
            self.actors_seen.resize(self.names.names.len(), false);
            for &a in &actors {
                self.actors_seen[a as usize] = true;
            }
        }
        self.actor_ids = actors;
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
        if old
            .as_ref()
            .is_some_and(|(v, s)| *v == value && s == source)
        {
            self.counts.unchanged += 1;
            return Ok(Outcome::Unchanged);
        }
        self.tx
            .prepare_cached(
                "INSERT INTO indicators (indicator, state, month, value, source, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(indicator, state, month) DO UPDATE SET value=excluded.value, source=excluded.source, import_id=excluded.import_id",
            )?
            .execute(params![indicator, state, month, value, source, self.import_id])?;
        Ok(self.count_write(old.is_some()))
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
        // Only when given, so rows stored before the column existed keep their hash and a
        // re-import of a list without it changes nothing.
        if !iv.base_states.is_empty() {
            h.write(b"\x1fbase_states=");
            h.write(iv.base_states.join(",").as_bytes());
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
                    actor, place, state, source_url, note, origin_file, origin_row, import_id, hash,
                    base_states)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
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
                hash,
                iv.base_states.join(",")
            ])?;
        Ok(self.count_write(old.is_some()))
    }

    /// Counts a written row: an update when a row was there before, else an insert.
    fn count_write(&mut self, existed: bool) -> Outcome {
        if existed {
            self.counts.updated += 1;
            Outcome::Updated
        } else {
            self.counts.inserted += 1;
            Outcome::Inserted
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
        Ok(self.count_write(old.is_some()))
    }

    /// Rebuilds the event indexes dropped for a first load.
    pub(crate) fn end_bulk(&mut self) -> Result<(), StoreError> {
        if !self.bulk {
            return Ok(());
        }
        self.bulk = false;
        self.stmts.insert_many = None;
        self.stmts.insert_one = None;
        if let Some(mut blocks) = self.blocks.take() {
            blocks.flush(&self.tx)?;
        }
        match self.tx.execute_batch(CREATE_EVENT_INDEXES) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Err(StoreError::RepeatedId)
            }
            other => Ok(other?),
        }
    }

    /// Flushes aggregates and the actor registry, records the import's counts, commits.
    pub fn commit(mut self) -> Result<Counts, StoreError> {
        self.end_bulk()?;
        {
            let names = &self.names.names;
            let agg_kind = by_period(self.agg_kind.drain());
            let agg_actor = by_period(self.agg_actor.drain());
            // agg_state is agg_kind summed over kinds: the same deltas, keyed without kind.
            let mut by_state: HashMap<AggKey, (i64, f64)> = HashMap::default();
            for (&(code, pstart, state, _), &(n, f)) in &agg_kind {
                let e = by_state.entry((code, pstart, state, 0)).or_default();
                e.0 += n;
                e.1 += f;
            }
            // Each table's primary-key order: agg_state (pkind, pstart, state), agg_kind
            // (pkind, pstart, state, kind), agg_actor (pkind, actor, pstart, state).
            let rank = name_ranks(names);
            let r = |i: u32| rank[i as usize];
            flush_state_aggregates(&self.tx, by_state.into_iter(), &rank, names)?;
            flush_aggregates(
                &self.tx,
                "agg_kind",
                "kind",
                agg_kind.into_iter(),
                |&(c, p, s, k)| (c, p, r(s), r(k)),
                names,
            )?;
            flush_aggregates(
                &self.tx,
                "agg_actor",
                "actor",
                agg_actor.into_iter(),
                |&(c, p, s, a)| (c, r(a), p, r(s)),
                names,
            )?;
            self.tx.execute_batch(
                "DELETE FROM agg_kind WHERE events = 0; DELETE FROM agg_actor WHERE events = 0;
                 DELETE FROM agg_state WHERE events = 0;",
            )?;
            let mut ins = self.tx.prepare_cached(
                "INSERT OR IGNORE INTO actors (name, kind, parent) VALUES (?1, ?2, ?3)",
            )?;
            for (a, _) in names
                .iter()
                .zip(&self.actors_seen)
                .filter(|(_, &seen)| seen)
            {
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
        if self.rollback_journal {
            // The import is committed whatever this says; a store that stays in rollback
            // mode is set back to WAL by the next writer or the next open.
            let _ = journal_mode(self.conn, "WAL");
        }
        Ok(self.counts)
    }
}
