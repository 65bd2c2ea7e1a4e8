//! The per-state totals (`agg_state`) stay the kind aggregates (`agg_kind`) summed over
//! kinds through inserts, updates that move events between states, kinds and periods, and
//! deletions.

use atalaya_core::EventKind;
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::query::EventFilter;
use atalaya_store::synth::{self, SynthConfig};
use atalaya_store::Store;

type Row = (String, i64, String, i64, f64);

fn rows(store: &Store, sql: &str) -> Vec<Row> {
    let mut st = store.connection().prepare(sql).unwrap();
    st.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn assert_state_totals_match(store: &Store) {
    let state = rows(
        store,
        "SELECT pkind, pstart, state, events, fatalities FROM agg_state ORDER BY 1, 2, 3",
    );
    let kinds = rows(
        store,
        "SELECT pkind, pstart, state, SUM(events), SUM(fatalities) FROM agg_kind
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    );
    assert!(!state.is_empty());
    assert_eq!(state.len(), kinds.len());
    for (a, b) in state.iter().zip(&kinds) {
        assert_eq!((&a.0, a.1, &a.2, a.3), (&b.0, b.1, &b.2, b.3));
        assert!((a.4 - b.4).abs() < 1e-9, "{a:?} vs {b:?}");
    }
}

#[test]
fn per_state_totals_follow_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("synth.csv");
    let cfg = SynthConfig {
        events: 2000,
        seed: 3,
        ..SynthConfig::default()
    };
    synth::generate_file(&cfg, &csv).unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    store
        .import_file(Format::Acled, &csv, ImportOptions::default())
        .unwrap();
    assert_state_totals_match(&store);

    let some = store
        .events(&EventFilter {
            limit: Some(60),
            ..EventFilter::default()
        })
        .unwrap();
    let mut w = store.writer("test", "edits").unwrap();
    for (i, e) in some.iter().enumerate() {
        match i % 3 {
            0 => {
                assert!(w.delete_event(&e.id).unwrap());
            }
            1 => {
                let mut moved = e.clone();
                moved.state = Some(
                    if e.state.as_deref() == Some("14") {
                        "25"
                    } else {
                        "14"
                    }
                    .into(),
                );
                moved.kind = EventKind::ArmedClash;
                moved.date = Some("2025-03-03".into());
                w.upsert_event(&moved).unwrap();
            }
            _ => {}
        }
    }
    w.commit().unwrap();
    assert_state_totals_match(&store);
    // A re-import restores the moved events (the deleted ones come back as inserts).
    store
        .import_file(Format::Acled, &csv, ImportOptions::default())
        .unwrap();
    assert_state_totals_match(&store);
}
