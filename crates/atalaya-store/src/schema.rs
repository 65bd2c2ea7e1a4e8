//! Schema and migrations. `PRAGMA user_version` holds the applied migration count; each
//! migration runs once, in order, inside one transaction with its version bump.

use rusqlite::Connection;

use crate::StoreError;

/// Ordered migrations. Append only: never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    // 1: events, actors, aggregates, indicators, interventions, catalogs, imports.
    r#"
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        format TEXT NOT NULL,
        file TEXT NOT NULL,
        started_at TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        inserted INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL,
        kind TEXT NOT NULL,
        day INTEGER,
        date_precision TEXT NOT NULL,
        state TEXT,
        municipality TEXT,
        lat REAL,
        lon REAL,
        geo_precision INTEGER,
        fatalities REAL NOT NULL DEFAULT 0,
        actors TEXT NOT NULL,
        measures TEXT NOT NULL,
        sources TEXT NOT NULL,
        tags TEXT NOT NULL,
        origin_format TEXT NOT NULL,
        origin_file TEXT NOT NULL,
        origin_row INTEGER NOT NULL,
        origin_source_id TEXT NOT NULL,
        import_id INTEGER REFERENCES imports(id),
        hash INTEGER NOT NULL
    );
    -- Named, not inline UNIQUE: a first load into an empty table builds it afterwards.
    CREATE UNIQUE INDEX events_uid ON events(uid);
    CREATE INDEX events_day ON events(day);
    CREATE INDEX events_state_day ON events(state, day);
    CREATE TABLE actors (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        parent TEXT
    ) WITHOUT ROWID;
    -- Counts per period, state and kind, kept in step with events inside each import's
    -- transaction: series are read, not computed. pkind: 'W' ISO week, 'M' month;
    -- pstart: first day of the period (days since 1970-01-01); state '' = no state.
    CREATE TABLE agg_kind (
        pkind TEXT NOT NULL,
        pstart INTEGER NOT NULL,
        state TEXT NOT NULL,
        kind TEXT NOT NULL,
        events INTEGER NOT NULL,
        fatalities REAL NOT NULL,
        PRIMARY KEY (pkind, pstart, state, kind)
    ) WITHOUT ROWID;
    CREATE TABLE agg_actor (
        pkind TEXT NOT NULL,
        pstart INTEGER NOT NULL,
        state TEXT NOT NULL,
        actor TEXT NOT NULL,
        events INTEGER NOT NULL,
        fatalities REAL NOT NULL,
        PRIMARY KEY (pkind, actor, pstart, state)
    ) WITHOUT ROWID;
    -- Official monthly series (SESNSP victims ...), one value per indicator, state, month.
    CREATE TABLE indicators (
        indicator TEXT NOT NULL,
        state TEXT NOT NULL,
        month TEXT NOT NULL,
        value REAL NOT NULL,
        source TEXT NOT NULL,
        import_id INTEGER REFERENCES imports(id),
        PRIMARY KEY (indicator, state, month)
    ) WITHOUT ROWID;
    -- Leaders killed, captured, extradited or escaped: the kingpin list.
    CREATE TABLE interventions (
        uid TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        date_precision TEXT NOT NULL,
        event_type TEXT NOT NULL,
        name TEXT NOT NULL,
        alias TEXT NOT NULL,
        organization TEXT NOT NULL,
        actor TEXT,
        place TEXT NOT NULL,
        state TEXT,
        source_url TEXT NOT NULL,
        note TEXT NOT NULL,
        origin_file TEXT NOT NULL,
        origin_row INTEGER NOT NULL,
        import_id INTEGER REFERENCES imports(id),
        hash INTEGER NOT NULL
    );
    CREATE TABLE municipalities (
        code TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        name TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
    // 2: news coding — merges of repeated reports (reversible), and reported figures with
    // their sources.
    r#"
    -- A coded report that was folded into an existing event as another source. `absorbed`
    -- keeps the report's own event, and `before_*` the target's sources, measures and actors, so
    -- an undo restores both exactly.
    CREATE TABLE merges (
        id INTEGER PRIMARY KEY,
        target TEXT NOT NULL,
        absorbed_uid TEXT NOT NULL,
        absorbed_event TEXT NOT NULL,
        before_sources TEXT NOT NULL,
        before_measures TEXT NOT NULL,
        before_actors TEXT NOT NULL,
        reason TEXT NOT NULL,
        merged_at TEXT NOT NULL,
        undone_at TEXT
    );
    CREATE INDEX merges_target ON merges(target);
    CREATE UNIQUE INDEX merges_absorbed_active ON merges(absorbed_uid) WHERE undone_at IS NULL;
    -- Reported aggregates (92 extraditions, 3.5mn pills): never mixed into event counts.
    CREATE TABLE figures (
        id INTEGER PRIMARY KEY,
        measure TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT NOT NULL,
        scope TEXT NOT NULL,
        period TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX figures_key ON figures(measure, value, unit, scope);
    CREATE TABLE figure_sources (
        figure INTEGER NOT NULL REFERENCES figures(id),
        doc TEXT NOT NULL,
        published TEXT NOT NULL,
        quote TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        import_id INTEGER REFERENCES imports(id),
        PRIMARY KEY (figure, doc, span_start)
    ) WITHOUT ROWID;
    "#,
    // 3: one state's series (the dashboard's state view) read only that state's rows; the
    // primary key orders by period first, so without this every state was scanned.
    r#"
    CREATE INDEX agg_kind_state ON agg_kind(pkind, state, pstart);
    "#,
    // 4: the same index carrying the counts. Without them the planner preferred scanning
    // every state of the range through the primary key (2.5 ms for one state's weekly year
    // on 1M events) over looking each row up from the index; covering, it reads only the
    // state's rows (0.14 ms), the query that bounds the server's series routes.
    r#"
    DROP INDEX agg_kind_state;
    CREATE INDEX agg_kind_state ON agg_kind(pkind, state, pstart, events, fatalities);
    "#,
    // 5: counts per period and state over all kinds, kept in step with agg_kind by the
    // writer. Series and maps of all kinds by state read ~19× fewer rows (32 states ×
    // all months on 1M events: 2,880 instead of 36,568).
    r#"
    CREATE TABLE agg_state (
        pkind TEXT NOT NULL,
        pstart INTEGER NOT NULL,
        state TEXT NOT NULL,
        events INTEGER NOT NULL,
        fatalities REAL NOT NULL,
        PRIMARY KEY (pkind, pstart, state)
    ) WITHOUT ROWID;
    CREATE INDEX agg_state_state ON agg_state(pkind, state, pstart, events, fatalities);
    INSERT INTO agg_state (pkind, pstart, state, events, fatalities)
        SELECT pkind, pstart, state, SUM(events), SUM(fatalities) FROM agg_kind
        GROUP BY pkind, pstart, state;
    "#,
    // 6: narrow rows for first loads. The text of a first load's events lives in deflated
    // blocks (`text_blocks.rs`); such a row has '' in measures, sources, tags and
    // origin_source_id and points at its block and slot. Rows written any other way (and
    // every row before this migration) keep their text inline with a null pointer.
    // AUTOINCREMENT: a block id is never reused, so readers may cache blocks by id.
    r#"
    CREATE TABLE event_text (
        block INTEGER PRIMARY KEY AUTOINCREMENT,
        data BLOB NOT NULL
    );
    ALTER TABLE events ADD COLUMN text_block INTEGER;
    ALTER TABLE events ADD COLUMN text_slot INTEGER;
    "#,
    // 7: review of news events, the articles they were coded from, and the audit log.
    // `review` is null for imported rows (never reviewed, always counted) and pending,
    // accepted or rejected for news events; aggregates count a news event only when
    // accepted. News events stored before this migration were counted: they are marked
    // accepted here, so the aggregates stay exact, and `Store::open` then puts them back
    // in the queue through the writer (`review::requeue_unreviewed`).
    r#"
    ALTER TABLE events ADD COLUMN review TEXT;
    UPDATE events SET review = 'accepted' WHERE origin_format = 'news';
    CREATE INDEX events_review ON events(review, id) WHERE review IS NOT NULL;
    -- One row per story. `key` is the coder's key of `text` (its events are news:KEY:N);
    -- `content_hash` is of the text with case and spacing folded: the same story fetched
    -- under another URL is found by it.
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        url TEXT,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        lang TEXT NOT NULL,
        published TEXT NOT NULL,
        source TEXT NOT NULL,
        doc TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        import_id INTEGER REFERENCES imports(id)
    );
    -- Every canonical URL a story was seen under.
    CREATE TABLE article_urls (
        url TEXT PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id)
    ) WITHOUT ROWID;
    -- Every decision on a news event: who, when, the status and the event before and after
    -- (JSON). An undo is a decision too; `undone_by` marks the entry it reversed.
    CREATE TABLE review_log (
        id INTEGER PRIMARY KEY,
        event TEXT NOT NULL,
        decision TEXT NOT NULL,
        by TEXT NOT NULL,
        at TEXT NOT NULL,
        reason TEXT,
        before_review TEXT NOT NULL,
        after_review TEXT NOT NULL,
        before_event TEXT NOT NULL,
        after_event TEXT NOT NULL,
        undone_by INTEGER
    );
    CREATE INDEX review_log_event ON review_log(event, id);
    CREATE INDEX review_log_at ON review_log(at);
    "#,
    // 8: the states where a removed leader's organisation is based (the kingpin list's
    // optional `base_states` column), comma-separated codes; '' when the row gives none.
    r#"
    ALTER TABLE interventions ADD COLUMN base_states TEXT NOT NULL DEFAULT '';
    "#,
];

/// Applies every pending migration; returns the version the database had before.
pub fn migrate(conn: &mut Connection) -> Result<usize, StoreError> {
    migrate_to(conn, MIGRATIONS.len())
}

/// The migration that added review state (see `review::requeue_unreviewed`).
pub(crate) const REVIEW_VERSION: usize = 7;

/// Applies the migrations up to `target` (all of them outside tests).
fn migrate_to(conn: &mut Connection, target: usize) -> Result<usize, StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current as usize > MIGRATIONS.len() {
        return Err(StoreError::Schema(format!(
            "database schema version {current} is newer than this atalaya ({}); upgrade atalaya",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target)
        .skip(current as usize)
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        // user_version cannot be bound as a parameter; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(current as usize)
}

pub fn version() -> usize {
    MIGRATIONS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_stored_before_text_blocks_read_back_unchanged() {
        let mut conn = Connection::open_in_memory().unwrap();
        // A database as it was before migration 6: the event's text in its row.
        migrate_to(&mut conn, 5).unwrap();
        conn.execute_batch(
            r#"INSERT INTO events (uid, kind, day, date_precision, state, municipality, lat, lon,
                   geo_precision, fatalities, actors, measures, sources, tags, origin_format,
                   origin_file, origin_row, origin_source_id, import_id, hash)
               VALUES ('acled:MEX1', 'homicide', 19000, 'day', '14', NULL, 20.6, -103.3, 1, 2,
                   '["CJNG"]', '{"fatalities":2}', '[{"doc":"Proceso","quote":"Two killed."}]',
                   '["x"]', 'acled', 'old.csv', 2, 'MEX1', NULL, 7)"#,
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let store = crate::Store {
            conn,
            path: ":memory:".into(),
            blocks: Default::default(),
        };
        let e = store.event("acled:MEX1").unwrap().unwrap();
        assert_eq!(e.measures.get("fatalities"), Some(2.0));
        assert_eq!(e.sources[0].quote, "Two killed.");
        assert_eq!(e.tags, ["x"]);
        assert_eq!(
            (e.origin.file.as_str(), e.origin.source_id.as_str()),
            ("old.csv", "MEX1")
        );
        assert_eq!(store.events(&Default::default()).unwrap(), [e]);
    }
    #[test]
    fn news_events_stored_before_review_wait_for_it_and_leave_the_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrate_to(&mut conn, 6).unwrap();
            // A counted news event and the aggregate rows it made, as version 6 stored them.
            conn.execute_batch(
                r#"INSERT INTO events (uid, kind, day, date_precision, state, municipality, lat, lon,
                       geo_precision, fatalities, actors, measures, sources, tags, origin_format,
                       origin_file, origin_row, origin_source_id, import_id, hash)
                   VALUES ('news:abc:0', 'homicide', 20000, 'day', '14', NULL, NULL, NULL, NULL, 2,
                       '["CJNG"]', '{"fatalities":2}', '[]', '[]', 'news', 'a.txt', 0, 'abc', NULL, 1);
                   INSERT INTO agg_kind VALUES ('W', 19996, '14', 'homicide', 1, 2), ('M', 19997, '14', 'homicide', 1, 2);
                   INSERT INTO agg_state VALUES ('W', 19996, '14', 1, 2), ('M', 19997, '14', 1, 2);
                   INSERT INTO agg_actor VALUES ('W', 19996, '14', 'CJNG', 1, 2), ('M', 19997, '14', 'CJNG', 1, 2);"#,
            )
            .unwrap();
        }
        let store = crate::Store::open(&path).unwrap();
        let e = store.reviewed_event("news:abc:0").unwrap().unwrap();
        assert_eq!(e.review, Some(atalaya_core::Review::Pending));
        for t in ["agg_kind", "agg_state", "agg_actor"] {
            let n: i64 = store
                .connection()
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0, "{t}");
        }
    }
}
