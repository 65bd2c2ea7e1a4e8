//! A first load (multi-row inserts, indexes built at the end, aggregates flushed in key
//! order) stores exactly what a row-by-row import of the same file stores.

use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::synth::{self, SynthConfig};
use atalaya_store::Store;

/// Every row of `table`, rendered, in `order`.
fn dump(store: &Store, table: &str, order: &str) -> Vec<String> {
    let mut st = store
        .connection()
        .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
        .unwrap();
    let n = st.column_count();
    st.query_map([], |r| {
        (0..n)
            .map(|i| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)))
            .collect::<Result<Vec<_>, _>>()
            .map(|v| v.join("|"))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// A synthetic ACLED file of `events` events in a fresh directory.
fn synth_file(events: u64, seed: u64) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("synth.csv");
    let cfg = SynthConfig {
        events,
        seed,
        ..SynthConfig::default()
    };
    synth::generate_file(&cfg, &csv).unwrap();
    (dir, csv)
}

#[test]
fn a_first_load_stores_what_a_row_by_row_import_stores() {
    // Not a multiple of the rows per statement nor of the reader's batch.
    let (dir, csv) = synth_file(2_077, 11);

    let mut bulk = Store::open(&dir.path().join("bulk.db")).unwrap();
    let a = bulk
        .import_file(Format::Acled, &csv, ImportOptions::default())
        .unwrap();
    // A quarantine file turns the first-load path off: every row goes through the upsert.
    let mut rejected = Vec::new();
    let mut rows = Store::open(&dir.path().join("rows.db")).unwrap();
    let b = rows
        .import_file(
            Format::Acled,
            &csv,
            ImportOptions {
                quarantine: Some(&mut rejected as &mut dyn std::io::Write),
                ..ImportOptions::default()
            },
        )
        .unwrap();
    assert_eq!(a.counts, b.counts);
    assert_eq!(a.counts.inserted, 2_077);

    // The rows match but for where the text lives: a first load's rows point into the
    // blocks, the upsert's hold their text.
    let narrow = "(SELECT id, uid, kind, day, date_precision, state, municipality, lat, lon, \
                  geo_precision, fatalities, actors, origin_format, origin_file, origin_row, \
                  import_id, hash FROM events)";
    let count =
        |s: &Store, sql: &str| -> i64 { s.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    let in_blocks = "SELECT count(*) FROM events WHERE text_block IS NOT NULL AND sources = ''";
    assert_eq!(count(&bulk, in_blocks), 2_077);
    assert_eq!(count(&rows, in_blocks), 0);
    assert_eq!(count(&bulk, "SELECT count(*) FROM event_text"), 17);
    assert_eq!(count(&rows, "SELECT count(*) FROM event_text"), 0);
    // Read back, the events are the same, text and all.
    let all = Default::default();
    let events = bulk.events(&all).unwrap();
    assert_eq!(events, rows.events(&all).unwrap());
    assert!(events
        .iter()
        .all(|e| !e.sources.is_empty() && !e.origin.source_id.is_empty()));
    assert_eq!(
        bulk.event(&events[1500].id).unwrap().as_ref(),
        Some(&events[1500])
    );

    for (table, order) in [
        (narrow, "id"),
        ("agg_kind", "pkind, pstart, state, kind"),
        ("agg_actor", "pkind, actor, pstart, state"),
        ("agg_state", "pkind, pstart, state"),
        ("actors", "name"),
    ] {
        let (x, y) = (dump(&bulk, table, order), dump(&rows, table, order));
        assert!(!x.is_empty(), "{table} is empty");
        assert_eq!(x, y, "{table} differs");
    }
    let indexes = "SELECT name FROM sqlite_master WHERE tbl_name = 'events' AND type = 'index'";
    assert_eq!(
        dump(&bulk, &format!("({indexes})"), "name"),
        dump(&rows, &format!("({indexes})"), "name")
    );
}

#[test]
fn a_revised_event_leaves_its_block_and_reads_back_revised() {
    let (dir, csv) = synth_file(300, 5);
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    store
        .import_file(Format::Acled, &csv, ImportOptions::default())
        .unwrap();
    let before = store.events(&Default::default()).unwrap();

    // ACLED revises one event's notes: the re-import updates it alone.
    let text = std::fs::read_to_string(&csv).unwrap();
    let target = &before[200];
    let quote = &target.sources[0].quote;
    assert_eq!(text.matches(quote.as_str()).count(), 1, "{quote}");
    let revised = dir.path().join("revised.csv");
    std::fs::write(
        &revised,
        text.replace(quote.as_str(), "Revised: the toll rose."),
    )
    .unwrap();
    let r = store
        .import_file(Format::Acled, &revised, ImportOptions::default())
        .unwrap();
    assert_eq!((r.counts.updated, r.counts.unchanged), (1, 299));

    let after = store.events(&Default::default()).unwrap();
    for (a, b) in before.iter().zip(&after) {
        if a.id == target.id {
            assert_eq!(b.sources[0].quote, "Revised: the toll rose.");
            assert_eq!(b.origin.file, "revised.csv");
        } else {
            assert_eq!(a, b);
        }
    }
    // Its row holds the new text and no longer points into a block; the block is untouched.
    let (block, sources): (Option<i64>, String) = store
        .connection()
        .query_row(
            "SELECT text_block, sources FROM events WHERE uid = ?1",
            [&target.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(block, None);
    assert!(sources.contains("Revised"));
    // A second import of the revised file changes nothing.
    let again = store
        .import_file(Format::Acled, &revised, ImportOptions::default())
        .unwrap();
    assert_eq!((again.counts.updated, again.counts.unchanged), (0, 300));
}

#[test]
fn a_first_load_beside_an_open_reader_keeps_the_wal_and_the_reader_sees_it() {
    let (dir, csv) = synth_file(500, 3);
    let mode = |s: &Store| -> String {
        s.connection()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap()
    };

    // Alone, the first load leaves the rollback journal for its own transaction only.
    let db = dir.path().join("alone.db");
    let mut store = Store::open(&db).unwrap();
    store
        .import_file(Format::Acled, &csv, ImportOptions::default())
        .unwrap();
    assert_eq!(mode(&store), "wal");
    assert!(!dir.path().join("alone.db-journal").exists());
    assert_eq!(store.events(&Default::default()).unwrap().len(), 500);

    // With a reader holding the file open, it cannot leave WAL and loads through it; the
    // reader, which never blocked, then sees every event.
    let db = dir.path().join("shared.db");
    let reader = Store::open(&db).unwrap();
    assert!(reader.events(&Default::default()).unwrap().is_empty());
    let mut writer = Store::open(&db).unwrap();
    let r = writer
        .import_file(Format::Acled, &csv, ImportOptions::default())
        .unwrap();
    assert_eq!(r.counts.inserted, 500);
    assert_eq!(mode(&writer), "wal");
    assert_eq!(reader.events(&Default::default()).unwrap().len(), 500);
}
