//! Keyset pagination: pages read one after another give exactly the unpaged list.

use atalaya_core::EventKind;
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::query::{EventFilter, EventKey};
use atalaya_store::synth::{self, SynthConfig};
use atalaya_store::Store;

fn store_with_synth(dir: &std::path::Path) -> Store {
    let csv = dir.join("synth.csv");
    let cfg = SynthConfig {
        events: 3000,
        seed: 11,
        ..SynthConfig::default()
    };
    synth::generate_file(&cfg, &csv).unwrap();
    let mut store = Store::open(&dir.join("p.db")).unwrap();
    store
        .import_file(
            Format::Acled,
            &csv,
            ImportOptions {
                quarantine: None,
                progress: None,
            },
        )
        .unwrap();
    store
}

fn paged(store: &Store, f: &EventFilter, size: u64) -> Vec<String> {
    let mut out = Vec::new();
    let mut after: Option<EventKey> = None;
    loop {
        let page_filter = EventFilter {
            limit: Some(size),
            ..f.clone()
        };
        let mut page = Vec::new();
        store
            .for_each_event_after(&page_filter, after.as_ref(), |e| {
                page.push(e);
                Ok(())
            })
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(EventKey::of(last).unwrap());
        out.extend(page.iter().map(|e| e.id.clone()));
        if (page.len() as u64) < size {
            break;
        }
    }
    out
}

#[test]
fn pages_concatenate_to_the_full_list() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_synth(dir.path());
    let filters = [
        EventFilter::default(),
        EventFilter {
            state: Some("Jalisco".into()),
            ..EventFilter::default()
        },
        EventFilter {
            kind: Some(EventKind::ArmedClash),
            from: Some("2021-03-01".parse().unwrap()),
            to: Some("2023-01-31".parse().unwrap()),
            ..EventFilter::default()
        },
    ];
    for f in &filters {
        let all: Vec<String> = store.events(f).unwrap().into_iter().map(|e| e.id).collect();
        assert!(all.len() > 50, "the filter should select events: {f:?}");
        // Sizes that split days with several events between two pages.
        for size in [1, 7, 100, 5000] {
            if size == 1 && all.len() > 400 {
                continue;
            }
            assert_eq!(paged(&store, f, size), all, "page size {size}, {f:?}");
        }
    }
}

#[test]
fn an_undated_key_continues_with_the_dated_events() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_synth(dir.path());
    let all = store.events(&EventFilter::default()).unwrap();
    let key = EventKey {
        date: None,
        id: String::new(),
    };
    let mut n = 0;
    store
        .for_each_event_after(&EventFilter::default(), Some(&key), |_| {
            n += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(n, all.len());
}
