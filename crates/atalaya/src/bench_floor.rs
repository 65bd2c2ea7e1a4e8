//! `atalaya bench-floor` (hidden; run by `bench --floor`): what SQLite alone costs to store
//! the events an import stored, with no parsing, validation, binding or aggregation.
//!
//! It copies the events of a database made by `atalaya import` into a fresh database with
//! one `INSERT … SELECT`, builds the event indexes and commits, the way a first load does
//! (indexes dropped during the copy, built sorted before the commit, through a rollback
//! journal). Two layouts:
//!   full     the events as stored (narrow rows and their text blocks, or rows with their
//!            text inline where the source database has them), with the aggregate tables:
//!            the least any import of these events into this schema can cost;
//!   numeric  one row per event with only its id and numeric fields (kind and state as
//!            small integers, no actors, text or origin): the least any design that keeps
//!            one SQLite row per event could cost before it stores the text anywhere.
//!
//! (The `blocks`, `proposed` and `narrow` layouts that chose today's design were removed
//! once it was built: see docs/benchmarks.md for what they measured.)
//!
//! Same SQLite build, page size, journal and cache settings as the store.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use atalaya_store::Store;
use clap::ValueEnum as _;
use serde_json::{json, Value};

#[derive(clap::Args, Debug, Clone)]
pub struct BenchFloorArgs {
    /// Database written by `atalaya import` whose events are copied
    #[arg(long, value_name = "DB")]
    pub from: PathBuf,
    /// full (the stored rows, text blocks and aggregates) or numeric (id and numeric fields
    /// only)
    #[arg(long, default_value = "full")]
    pub layout: Layout,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Full,
    Numeric,
}

const EVENT_INDEXES_FULL: &str = "CREATE UNIQUE INDEX events_uid ON events(uid);
     CREATE INDEX events_day ON events(day);
     CREATE INDEX events_state_day ON events(state, day);";

const NUMERIC_TABLE: &str = "CREATE TABLE events_numeric (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL,
        kind INTEGER NOT NULL,
        day INTEGER,
        date_precision INTEGER NOT NULL,
        state INTEGER,
        lat REAL,
        lon REAL,
        geo_precision INTEGER,
        fatalities REAL NOT NULL,
        import_id INTEGER,
        hash INTEGER NOT NULL
    );";

const EVENT_INDEXES_NUMERIC: &str = "CREATE UNIQUE INDEX events_numeric_uid ON events_numeric(uid);
     CREATE INDEX events_numeric_day ON events_numeric(day);
     CREATE INDEX events_numeric_state_day ON events_numeric(state, day);";

/// Copies `args.from`'s events into the fresh database `db` and returns the time of each
/// step (copy, indexes, commit, close).
pub fn run(db: &Path, args: &BenchFloorArgs) -> Result<Value> {
    if !args.from.is_file() {
        bail!("{}: no such database", args.from.display());
    }
    if db.exists() {
        bail!(
            "{}: exists; the floor is measured into a fresh database",
            db.display()
        );
    }
    let total = Instant::now();
    let store = Store::open(db).with_context(|| format!("creating {}", db.display()))?;
    let conn = store.connection();
    conn.execute("ATTACH DATABASE ?1 AS src", [args.from.to_string_lossy()])
        .with_context(|| format!("attaching {}", args.from.display()))?;
    let rows: i64 = conn.query_row("SELECT count(*) FROM src.events", [], |r| r.get(0))?;
    let open_s = total.elapsed().as_secs_f64();

    // As a first load into a file nothing else has open: through a rollback journal.
    let mode: String = conn.query_row("PRAGMA main.journal_mode = DELETE", [], |r| r.get(0))?;
    if mode != "delete" {
        bail!(
            "{}: could not leave WAL for the copy ({mode})",
            db.display()
        );
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let t = Instant::now();
    match args.layout {
        Layout::Full => {
            conn.execute_batch(
                "DROP INDEX events_uid; DROP INDEX events_day; DROP INDEX events_state_day;
                 INSERT INTO imports SELECT * FROM src.imports;
                 INSERT INTO events SELECT * FROM src.events;
                 INSERT INTO event_text SELECT * FROM src.event_text;
                 INSERT INTO agg_kind SELECT * FROM src.agg_kind;
                 INSERT INTO agg_actor SELECT * FROM src.agg_actor;
                 INSERT INTO agg_state SELECT * FROM src.agg_state;",
            )?;
        }
        Layout::Numeric => {
            conn.execute_batch(NUMERIC_TABLE)?;
            // Kinds and precisions as small codes: the cost of a lookup table, not of text.
            conn.execute_batch(
                "INSERT INTO events_numeric
                 SELECT id, uid, length(kind), day, length(date_precision), CAST(state AS INTEGER),
                        lat, lon, geo_precision, fatalities, import_id, hash
                 FROM src.events;",
            )?;
        }
    }
    let copy_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    conn.execute_batch(if args.layout == Layout::Full {
        EVENT_INDEXES_FULL
    } else {
        EVENT_INDEXES_NUMERIC
    })?;
    let index_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    conn.execute_batch("COMMIT")?;
    let commit_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    drop(store);
    let close_s = t.elapsed().as_secs_f64();
    let store_s = copy_s + index_s + commit_s + close_s;
    Ok(json!({
        "store_s": store_s,
        "layout": args.layout.to_possible_value().map(|v| v.get_name().to_string()),
        "rows": rows,
        "open_s": open_s,
        "copy_s": copy_s,
        "index_s": index_s,
        "commit_s": commit_s,
        "close_s": close_s,
        "total_s": total.elapsed().as_secs_f64(),
    }))
}
