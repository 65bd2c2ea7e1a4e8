//! `atalaya bench-floor` (hidden; run by `bench --floor`): what SQLite alone costs to store
//! the events an import stored, with no parsing, validation, binding or aggregation.
//!
//! It copies the events of a database made by `atalaya import` into a fresh database with
//! one `INSERT … SELECT`, builds the event indexes and commits, the way a first load does
//! (indexes dropped during the copy, built sorted before the commit, WAL checkpointed when
//! the connection closes). Two layouts:
//!   full     the events table as stored, with the aggregate tables: the least any import
//!            of these rows into this schema can cost;
//!   numeric  one row per event with only its id and numeric fields (kind and state as
//!            small integers, no actors, sources, measures or origin text): the least a
//!            redesign that keeps one SQLite row per event and moves all text elsewhere
//!            could cost, before writing that text anywhere;
//!   blocks   `numeric` plus every event's text (municipality, actors, measures, sources,
//!            tags, origin) written as one deflate-compressed blob per 256 events: what
//!            such a design would pay to keep the text beside the rows. The compression
//!            time is reported apart (`compress_s`): an import would compress on its reading
//!            thread, not on the writer's. Reading the source rows is not timed;
//!   proposed `blocks` plus `event_actors` (actor, day, event), the table the actor filter
//!            would need once actors live in blocks (docs/design-narrow-events.md). Its
//!            time includes SQLite parsing each row's actors JSON, which an import would
//!            not do, so it errs high;
//!   narrow   `blocks`, but with each event's actors JSON kept in its row (so the actor
//!            filter reads it as today) and left out of the blocks.
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
    /// full (the stored rows and aggregates), numeric (id and numeric fields only), blocks
    /// (numeric plus the text deflated per 256 events), proposed (blocks plus an
    /// actor-by-day table) or narrow (blocks with the actors kept in the row)
    #[arg(long, default_value = "full")]
    pub layout: Layout,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Full,
    Numeric,
    Blocks,
    Proposed,
    Narrow,
}

/// Events per text block in the `blocks` layout.
const BLOCK_EVENTS: usize = 256;

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
/// step (copy, indexes, commit, close with its checkpoint).
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

    conn.execute_batch("BEGIN IMMEDIATE")?;
    let t = Instant::now();
    match args.layout {
        Layout::Full => {
            conn.execute_batch(
                "DROP INDEX events_uid; DROP INDEX events_day; DROP INDEX events_state_day;
                 INSERT INTO imports SELECT * FROM src.imports;
                 INSERT INTO events SELECT * FROM src.events;
                 INSERT INTO agg_kind SELECT * FROM src.agg_kind;
                 INSERT INTO agg_actor SELECT * FROM src.agg_actor;
                 INSERT INTO agg_state SELECT * FROM src.agg_state;",
            )?;
        }
        Layout::Numeric | Layout::Blocks | Layout::Proposed | Layout::Narrow => {
            let narrow = args.layout == Layout::Narrow;
            conn.execute_batch(NUMERIC_TABLE)?;
            if narrow {
                conn.execute_batch(
                    "ALTER TABLE events_numeric ADD COLUMN actors TEXT NOT NULL DEFAULT '[]'",
                )?;
            }
            // Kinds and precisions as small codes: the cost of a lookup table, not of text.
            // The only variation is one fixed column name, never input.
            conn.execute_batch(&format!(
                "INSERT INTO events_numeric
                 SELECT id, uid, length(kind), day, length(date_precision), CAST(state AS INTEGER),
                        lat, lon, geo_precision, fatalities, import_id, hash{}
                 FROM src.events;",
                if narrow { ", actors" } else { "" }
            ))?;
        }
    }
    let copy_s = t.elapsed().as_secs_f64();
    let (text_s, compress_s, text_bytes, block_bytes) = match args.layout {
        Layout::Full | Layout::Numeric => (0.0, 0.0, 0, 0),
        Layout::Blocks | Layout::Proposed | Layout::Narrow => {
            write_text_blocks(conn, args.layout != Layout::Narrow)?
        }
    };
    let t = Instant::now();
    if args.layout == Layout::Proposed {
        // In (actor, day) order, as the filter reads it; an actor named twice in one event
        // is one row.
        conn.execute_batch(
            "CREATE TABLE event_actors (
                 actor TEXT NOT NULL, day INTEGER, event INTEGER NOT NULL,
                 PRIMARY KEY (actor, day, event)
             ) WITHOUT ROWID;
             INSERT OR IGNORE INTO event_actors
                 SELECT j.value, e.day, e.id FROM src.events e, json_each(e.actors) j
                 ORDER BY 1, 2, 3;",
        )?;
    }
    let actors_s = t.elapsed().as_secs_f64();
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
    // What storing costs, without reading the blocks' source text or compressing it (an
    // import would compress on its reading thread).
    let store_s = copy_s + (text_s - compress_s) + actors_s + index_s + commit_s + close_s;
    Ok(json!({
        "store_s": store_s,
        "layout": args.layout.to_possible_value().map(|v| v.get_name().to_string()),
        "rows": rows,
        "open_s": open_s,
        "copy_s": copy_s,
        "text_s": text_s,
        "compress_s": compress_s,
        "text_bytes": text_bytes,
        "block_bytes": block_bytes,
        "actors_s": actors_s,
        "index_s": index_s,
        "commit_s": commit_s,
        "close_s": close_s,
        "total_s": total.elapsed().as_secs_f64(),
    }))
}

/// The `blocks` layout's text: every event's text fields, in id order, length-prefixed and
/// deflated per `BLOCK_EVENTS` events into `event_text`. Returns the time spent compressing
/// and inserting (not reading the source), the compression time alone, and the bytes before
/// and after compression. Without `with_actors` the actors field of each event is left
/// empty (the `narrow` layout keeps it in the row).
fn write_text_blocks(
    conn: &rusqlite::Connection,
    with_actors: bool,
) -> Result<(f64, f64, u64, u64)> {
    use std::io::Write as _;
    use std::time::Duration;

    conn.execute_batch("CREATE TABLE event_text (block INTEGER PRIMARY KEY, data BLOB NOT NULL)")?;
    let mut read = conn.prepare(
        "SELECT coalesce(municipality, ''), CASE WHEN ?1 THEN actors ELSE '' END, measures,
                sources, tags, origin_format, origin_file, origin_source_id
         FROM src.events ORDER BY id",
    )?;
    let mut insert = conn.prepare("INSERT INTO event_text (block, data) VALUES (?1, ?2)")?;
    let (mut spent, mut compressing) = (Duration::ZERO, Duration::ZERO);
    let (mut text_bytes, mut block_bytes) = (0u64, 0u64);
    let mut raw: Vec<u8> = Vec::with_capacity(BLOCK_EVENTS * 512);
    let (mut in_block, mut block) = (0usize, 0i64);
    let mut flush = |raw: &mut Vec<u8>, block: i64| -> Result<()> {
        let t = Instant::now();
        let mut z = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(raw.len() / 2),
            flate2::Compression::fast(),
        );
        z.write_all(raw)?;
        let data = z.finish()?;
        compressing += t.elapsed();
        insert.execute(rusqlite::params![block, data])?;
        spent += t.elapsed();
        text_bytes += raw.len() as u64;
        block_bytes += data.len() as u64;
        raw.clear();
        Ok(())
    };
    let mut rows = read.query([with_actors])?;
    while let Some(r) = rows.next()? {
        for i in 0..8 {
            let field = r.get_ref(i)?.as_str().unwrap_or("").as_bytes();
            raw.extend_from_slice(&(field.len() as u32).to_le_bytes());
            raw.extend_from_slice(field);
        }
        in_block += 1;
        if in_block == BLOCK_EVENTS {
            flush(&mut raw, block)?;
            block += 1;
            in_block = 0;
        }
    }
    if in_block > 0 {
        flush(&mut raw, block)?;
    }
    Ok((
        spent.as_secs_f64(),
        compressing.as_secs_f64(),
        text_bytes,
        block_bytes,
    ))
}
