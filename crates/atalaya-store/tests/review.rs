//! Review decisions keep the aggregates exact: after any mix of accepts, rejects, edits,
//! undos, merges of repeated reports and undone merges, every aggregate table equals a
//! recount of the events that count (imported rows and accepted news events).

use std::collections::BTreeMap;

use atalaya_core::period::{day_number, parse_date, period_start, PeriodKind};
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin, Review, Source};
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::query::{EventFilter, ReviewFilter};
use atalaya_store::review::{Edit, LogFilter};
use atalaya_store::synth::{self, SynthConfig};
use atalaya_store::Store;
use rand::{Rng, SeedableRng};

type Key = (String, i64, String, String);

/// (pkind, pstart, state, kind|actor|'') → (events, fatalities) from a table.
fn table(store: &Store, sql: &str) -> BTreeMap<Key, (i64, f64)> {
    let mut st = store.connection().prepare(sql).unwrap();
    st.query_map([], |r| {
        Ok((
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
            (r.get(4)?, r.get(5)?),
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// The three aggregate tables recounted from the counted events.
fn recount(store: &Store) -> [BTreeMap<Key, (i64, f64)>; 3] {
    let mut out: [BTreeMap<Key, (i64, f64)>; 3] = Default::default();
    let events = store
        .events(&EventFilter {
            review: ReviewFilter::Counted,
            ..EventFilter::default()
        })
        .unwrap();
    for e in events {
        let Some(date) = e.date.as_deref().map(|d| parse_date(d).unwrap()) else {
            continue;
        };
        let mut periods = Vec::new();
        if matches!(e.date_precision, DatePrecision::Day | DatePrecision::Week) {
            periods.push(("W", period_start(PeriodKind::Week, date)));
        }
        if e.date_precision != DatePrecision::Year {
            periods.push(("M", period_start(PeriodKind::Month, date)));
        }
        let state = e.state.clone().unwrap_or_default();
        let mut actors = e.actors.clone();
        actors.sort();
        actors.dedup();
        for (p, start) in periods {
            let d = day_number(start) as i64;
            let mut add = |t: usize, k: String| {
                let v = out[t]
                    .entry((p.to_string(), d, state.clone(), k))
                    .or_default();
                v.0 += 1;
                v.1 += e.fatalities();
            };
            add(0, e.kind.as_str().to_string());
            add(1, String::new());
            for a in &actors {
                add(2, a.clone());
            }
        }
    }
    out
}

fn assert_exact(store: &Store, when: &str) {
    let stored = [
        table(
            store,
            "SELECT pkind, pstart, state, kind, events, fatalities FROM agg_kind",
        ),
        table(
            store,
            "SELECT pkind, pstart, state, '', events, fatalities FROM agg_state",
        ),
        table(
            store,
            "SELECT pkind, pstart, state, actor, events, fatalities FROM agg_actor",
        ),
    ];
    let want = recount(store);
    for (i, name) in ["agg_kind", "agg_state", "agg_actor"].iter().enumerate() {
        assert_eq!(
            stored[i].keys().collect::<Vec<_>>(),
            want[i].keys().collect::<Vec<_>>(),
            "{name} rows after {when}"
        );
        for (k, v) in &stored[i] {
            let w = want[i][k];
            assert_eq!(v.0, w.0, "{name} {k:?} events after {when}");
            assert!(
                (v.1 - w.1).abs() < 1e-9,
                "{name} {k:?} fatalities after {when}"
            );
        }
    }
}

/// A news event as the coder stores it: report `doc`, its `n`-th event.
fn news(
    doc: &str,
    n: u64,
    kind: EventKind,
    date: &str,
    state: &str,
    actors: &[&str],
    dead: f64,
) -> Event {
    let mut measures = Measures::default();
    if dead > 0.0 {
        measures.set("fatalities", dead);
    }
    Event {
        id: format!("news:{doc}:{n}"),
        kind,
        date: Some(date.into()),
        date_precision: DatePrecision::Day,
        state: Some(state.into()),
        municipality: None,
        lat: None,
        lon: None,
        geo_precision: None,
        actors: actors.iter().map(|s| s.to_string()).collect(),
        measures,
        sources: vec![Source {
            doc: doc.into(),
            quote: format!("what {doc} said ({n})"),
            span: Some([0, 10]),
        }],
        origin: Origin {
            format: "news".into(),
            file: doc.into(),
            row: n,
            source_id: doc.into(),
        },
        tags: vec![],
    }
}

fn store_news(store: &mut Store, events: &[Event]) {
    let mut w = store.writer("news", "reports").unwrap();
    for e in events {
        w.store_news_event(e).unwrap();
    }
    w.commit().unwrap();
}

#[test]
fn news_events_count_only_while_accepted() {
    let mut store = Store::open_in_memory().unwrap();
    let e = news(
        "a",
        0,
        EventKind::Homicide,
        "2025-03-04",
        "14",
        &["CJNG"],
        3.0,
    );
    store_news(&mut store, std::slice::from_ref(&e));
    let counted = |s: &Store| -> i64 {
        s.connection()
            .query_row(
                "SELECT coalesce(sum(events), 0) FROM agg_state WHERE pkind = 'M'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(counted(&store), 0, "a pending event does not count");
    assert_eq!(
        store.reviewed_event(&e.id).unwrap().unwrap().review,
        Some(Review::Pending)
    );
    let mut w = store.writer("news", "review").unwrap();
    let d = w.accept(&e.id, "ana").unwrap().unwrap();
    assert_eq!(
        (d.before["review"].as_str(), d.after["review"].as_str()),
        (Some("pending"), Some("accepted"))
    );
    assert!(
        w.accept(&e.id, "ana").unwrap().is_none(),
        "accepting twice changes nothing"
    );
    w.commit().unwrap();
    assert_eq!(counted(&store), 1);
    // Coding the same report again leaves the decision and the count alone.
    let mut recoded = e.clone();
    recoded.measures.set("fatalities", 9.0);
    store_news(&mut store, &[recoded]);
    assert_eq!(store.event(&e.id).unwrap().unwrap().fatalities(), 3.0);
    assert_eq!(counted(&store), 1);
    let mut w = store.writer("news", "review").unwrap();
    w.reject(&e.id, "bo", Some("a traffic accident")).unwrap();
    w.commit().unwrap();
    assert_eq!(counted(&store), 0);
    let log = store.review_log(&LogFilter::default()).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[1].by.as_str(), log[1].reason.as_deref()),
        ("bo", Some("a traffic accident"))
    );
    assert_exact(&store, "reject");
}

#[test]
fn decisions_are_refused_for_what_cannot_be_reviewed() {
    let mut store = Store::open_in_memory().unwrap();
    let mut imported = news("x", 0, EventKind::Homicide, "2025-03-04", "14", &[], 1.0);
    imported.id = "acled:MEX1".into();
    imported.origin.format = "acled".into();
    let mut w = store.writer("acled", "a.csv").unwrap();
    w.upsert_event(&imported).unwrap();
    w.commit().unwrap();
    let a = news(
        "a",
        0,
        EventKind::Homicide,
        "2025-03-04",
        "14",
        &["CJNG"],
        1.0,
    );
    let b = news(
        "b",
        0,
        EventKind::Homicide,
        "2025-03-04",
        "14",
        &["CJNG"],
        2.0,
    );
    store_news(&mut store, &[a.clone(), b.clone()]);
    let mut w = store.writer("news", "review").unwrap();
    let err =
        |r: Result<_, atalaya_store::StoreError>| r.map(|_: Option<_>| ()).unwrap_err().to_string();
    assert!(err(w.accept("acled:MEX1", "ana")).contains("imported datasets are not reviewed"));
    assert!(err(w.accept("news:nope:0", "ana")).contains("no event"));
    assert!(err(w.accept(&b.id, "ana")).contains(&format!("merged into {}", a.id)));
    assert!(err(w.accept(&a.id, " ")).contains("reviewer"));
    let bad_state = Edit {
        state: Some("Atlantis".into()),
        ..Edit::default()
    };
    assert!(err(w.edit(&a.id, "ana", &bad_state)).contains("not a Mexican state"));
    let bad_muni = Edit {
        municipality: Some(Some("25006".into())),
        ..Edit::default()
    };
    assert!(err(w.edit(&a.id, "ana", &bad_muni)).contains("not in state 14"));
    assert!(w
        .undo(&a.id, "ana")
        .unwrap_err()
        .to_string()
        .contains("no decision to undo"));
}

#[test]
fn aggregates_equal_a_recount_through_any_sequence_of_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("synth.csv");
    synth::generate_file(
        &SynthConfig {
            events: 400,
            seed: 11,
            ..SynthConfig::default()
        },
        &csv,
    )
    .unwrap();
    let mut store = Store::open(&dir.path().join("r.db")).unwrap();
    store
        .import_file(Format::Acled, &csv, ImportOptions::default())
        .unwrap();
    let kinds = [
        EventKind::Homicide,
        EventKind::ArmedClash,
        EventKind::Arrest,
    ];
    let states = ["14", "25", "16"];
    let groups = ["CJNG", "Sinaloa Cartel", "Army"];
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    // Reports, some of the same incidents (they merge into the first report's event).
    let mut reports = Vec::new();
    for d in 0..60 {
        let n = rng.random_range(0..3usize);
        let day = format!(
            "2025-0{}-{:02}",
            1 + rng.random_range(0..3),
            1 + rng.random_range(0..28)
        );
        reports.push(news(
            &format!("r{d}"),
            0,
            kinds[n],
            &day,
            states[rng.random_range(0..3)],
            &[groups[rng.random_range(0..3)]],
            rng.random_range(0..5) as f64,
        ));
    }
    store_news(&mut store, &reports);
    assert_exact(&store, "storing reports");
    let ids: Vec<String> = store
        .review_queue(Review::Pending, None)
        .unwrap()
        .into_iter()
        .map(|r| r.event.id)
        .collect();
    assert!(ids.len() > 20, "{}", ids.len());
    for (round, old) in reports.iter().take(8).enumerate() {
        let mut w = store.writer("news", "review").unwrap();
        for _ in 0..25 {
            let id = &ids[rng.random_range(0..ids.len())];
            let by = ["ana", "bo"][rng.random_range(0..2)];
            match rng.random_range(0..5) {
                0 => {
                    w.accept(id, by).unwrap();
                }
                1 => {
                    w.reject(id, by, Some("not an event")).unwrap();
                }
                2 => {
                    let edit = Edit {
                        kind: Some(kinds[rng.random_range(0..3)]),
                        state: Some(states[rng.random_range(0..3)].into()),
                        date: Some(format!("2025-04-{:02}", 1 + rng.random_range(0..28))),
                        actors: Some(vec![
                            groups[rng.random_range(0..3)].into(),
                            "Civilians".into(),
                        ]),
                        measures: vec![("fatalities".into(), Some(rng.random_range(0..9) as f64))],
                        ..Edit::default()
                    };
                    w.edit(id, by, &edit).unwrap();
                }
                _ => {
                    // Undo walks back; an event without decisions refuses.
                    let _ = w.undo(id, by);
                }
            }
        }
        w.commit().unwrap();
        assert_exact(&store, &format!("round {round}"));
        // New reports, some merging into reviewed events, and an undone merge.
        let extra = news(
            &format!("late{round}"),
            0,
            old.kind,
            old.date.as_deref().unwrap(),
            old.state.as_deref().unwrap(),
            &[old.actors[0].as_str()],
            50.0,
        );
        store_news(&mut store, &[extra]);
        assert_exact(&store, &format!("late report {round}"));
        if let Some(m) = store
            .merges()
            .unwrap()
            .into_iter()
            .find(|m| m.undone_at.is_none())
        {
            {
                let mut w = store.writer("news", "undo").unwrap();
                // Only the latest merge into a target can be undone.
                if w.undo_merge(m.id).is_ok() {
                    w.commit().unwrap();
                }
            }
            assert_exact(&store, &format!("undone merge {round}"));
        }
    }
    // Undo everything: every news event is pending again and nothing of them counts.
    for id in &ids {
        let mut w = store.writer("news", "undo all").unwrap();
        while w.undo(id, "ana").is_ok() {}
        w.commit().unwrap();
    }
    assert_exact(&store, "undoing everything");
    let counted_news: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM events WHERE review = 'accepted'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(counted_news, 0);
}

#[test]
fn a_report_of_an_accepted_incident_adds_its_source_and_keeps_the_analysts_fields() {
    let mut store = Store::open_in_memory().unwrap();
    let first = news(
        "a",
        0,
        EventKind::AttackOnForces,
        "2025-05-01",
        "14",
        &["CJNG"],
        2.0,
    );
    store_news(&mut store, std::slice::from_ref(&first));
    let mut w = store.writer("news", "review").unwrap();
    let edit = Edit {
        measures: vec![("fatalities".into(), Some(3.0))],
        ..Edit::default()
    };
    w.edit(&first.id, "ana", &edit).unwrap();
    w.commit().unwrap();
    let second = news(
        "b",
        0,
        EventKind::AttackOnForces,
        "2025-05-01",
        "14",
        &["CJNG", "Army"],
        7.0,
    );
    store_news(&mut store, &[second]);
    let e = store.reviewed_event(&first.id).unwrap().unwrap();
    assert_eq!(e.review, Some(Review::Accepted));
    assert_eq!(e.event.sources.len(), 2, "the report is another source");
    assert_eq!(e.event.fatalities(), 3.0, "the analyst's count stands");
    assert_eq!(e.event.actors, ["CJNG"]);
    assert_exact(&store, "merge into an accepted event");
    // Undoing the edit restores the coded count but keeps the new source.
    let mut w = store.writer("news", "review").unwrap();
    w.undo(&first.id, "ana").unwrap();
    w.commit().unwrap();
    let e = store.reviewed_event(&first.id).unwrap().unwrap();
    assert_eq!(
        (e.review, e.event.fatalities(), e.event.sources.len()),
        (Some(Review::Pending), 2.0, 2)
    );
    // A rejected incident takes no more reports: a new one stays its own event.
    let mut w = store.writer("news", "review").unwrap();
    w.reject(&first.id, "ana", Some("duplicate of an official report"))
        .unwrap();
    w.commit().unwrap();
    let third = news(
        "c",
        0,
        EventKind::AttackOnForces,
        "2025-05-01",
        "14",
        &["CJNG"],
        1.0,
    );
    store_news(&mut store, std::slice::from_ref(&third));
    assert!(store.reviewed_event(&third.id).unwrap().is_some());
    assert_exact(&store, "after a rejection");
}
