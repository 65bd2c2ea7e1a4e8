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

#[test]
fn a_first_load_stores_what_a_row_by_row_import_stores() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("synth.csv");
    // Not a multiple of the rows per statement nor of the reader's batch.
    let cfg = SynthConfig {
        events: 2_077,
        seed: 11,
        ..SynthConfig::default()
    };
    synth::generate_file(&cfg, &csv).unwrap();

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

    for (table, order) in [
        ("events", "id"),
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
