//! Conflict indicators on small hand-made event sets: each indicator, which events count,
//! the thresholds and levels, and monthly periods leaving out year-dated events.

use atalaya_analysis::indicators::{self, IndicatorPeriod, Level};
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin};
use atalaya_store::Store;

#[allow(clippy::too_many_arguments)]
fn ev(
    id: &str,
    kind: EventKind,
    date: &str,
    state: &str,
    at: Option<(f64, f64)>,
    fatalities: f64,
    actors: &[&str],
) -> Event {
    let mut measures = Measures::default();
    if fatalities > 0.0 {
        measures.0.insert("fatalities".into(), fatalities);
    }
    Event {
        id: id.to_string(),
        kind,
        date: Some(date.to_string()),
        date_precision: DatePrecision::Day,
        state: Some(state.to_string()),
        municipality: None,
        lat: at.map(|p| p.0),
        lon: at.map(|p| p.1),
        geo_precision: at.map(|_| 1),
        actors: actors.iter().map(|s| s.to_string()).collect(),
        measures,
        sources: Vec::new(),
        origin: Origin::default(),
        tags: Vec::new(),
    }
}

fn store(events: &[Event]) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let mut w = s.writer("test", "test.csv").unwrap();
    for e in events {
        w.upsert_event(e).unwrap();
    }
    w.commit().unwrap();
    s
}

const CULIACAN: (f64, f64) = (24.80, -107.39);
const MAZATLAN: (f64, f64) = (23.24, -106.41);

/// Sinaloa, March 2024: 12 clashes in Culiacán (3 dead each, two factions and the army),
/// 2 homicides in Mazatlán, an arrest and a seizure (not violence); Jalisco: one clash.
fn events() -> Vec<Event> {
    let mut v = Vec::new();
    for i in 0..12 {
        v.push(ev(
            &format!("c{i}"),
            EventKind::ArmedClash,
            "2024-03-05",
            "25",
            Some(CULIACAN),
            3.0,
            &["Los Chapitos", "La Mayiza", "Mexican Army"],
        ));
    }
    for i in 0..2 {
        v.push(ev(
            &format!("h{i}"),
            EventKind::Homicide,
            "2024-03-20",
            "25",
            Some(MAZATLAN),
            1.0,
            &["Sinaloa Cartel"],
        ));
    }
    v.push(ev(
        "a",
        EventKind::Arrest,
        "2024-03-21",
        "25",
        Some(CULIACAN),
        0.0,
        &["Los Chapitos"],
    ));
    v.push(ev(
        "s",
        EventKind::Seizure,
        "2024-03-21",
        "25",
        Some(CULIACAN),
        0.0,
        &["CJNG"],
    ));
    v.push(ev(
        "j",
        EventKind::ArmedClash,
        "2024-03-02",
        "14",
        Some((20.67, -103.35)),
        2.0,
        &["CJNG"],
    ));
    v
}

#[test]
fn each_indicator_counts_what_it_says() {
    let s = store(&events());
    let ind = indicators::compute(&s, IndicatorPeriod::Month).unwrap();
    assert_eq!(ind.first_period.as_deref(), Some("2024-03"));
    assert_eq!(ind.last_period.as_deref(), Some("2024-03"));
    assert_eq!(ind.rows.len(), 32);
    // Arrests and seizures are not violence.
    assert_eq!(ind.events, 15);
    let sin = ind.rows.iter().find(|r| r.state == "25").unwrap();
    assert_eq!(sin.events, 14);
    assert_eq!(sin.deadliness, 38.0);
    assert_eq!(sin.danger, 2);
    // Culiacán's hexagon has 12 events (≥ 1 a month), Mazatlán's 2: two violent cells of
    // Sinaloa's 576.
    assert!(
        (sin.diffusion - 2.0 / 576.52).abs() < 1e-9,
        "{}",
        sin.diffusion
    );
    // The two factions and the cartel are three groups; the army is no armed group.
    assert_eq!(sin.fragmentation, 3);
    let jal = ind.rows.iter().find(|r| r.state == "14").unwrap();
    assert_eq!((jal.deadliness, jal.danger, jal.fragmentation), (2.0, 0, 1));
    // Sinaloa leads on all four: the top of the ranking.
    assert!((sin.score - 1.0).abs() < 1e-12, "{}", sin.score);
    let quiet = ind.rows.iter().find(|r| r.state == "01").unwrap();
    assert_eq!(quiet.level, Level::None);
    assert!(quiet.score < jal.score);
}

#[test]
fn levels_count_the_indicators_at_their_pooled_80th_percentile() {
    let s = store(&events());
    let ind = indicators::compute(&s, IndicatorPeriod::Month).unwrap();
    // Two non-zero state-months per indicator (Sinaloa and Jalisco, or Sinaloa alone):
    // the 80th percentile of two values is the larger, Sinaloa's.
    assert_eq!(ind.thresholds.deadliness, 38.0);
    assert_eq!(ind.thresholds.danger, 2.0);
    assert_eq!(ind.thresholds.fragmentation, 3.0);
    let sin = ind.rows.iter().find(|r| r.state == "25").unwrap();
    assert_eq!(
        sin.high,
        vec!["deadliness", "danger", "diffusion", "fragmentation"]
    );
    assert_eq!(sin.level, Level::Extreme);
    let jal = ind.rows.iter().find(|r| r.state == "14").unwrap();
    assert_eq!(jal.level, Level::None);
}

#[test]
fn months_leave_out_events_dated_only_to_the_year_and_years_keep_them() {
    let mut v = events();
    let mut y = ev(
        "y",
        EventKind::ArmedClash,
        "2023-01-01",
        "25",
        None,
        5.0,
        &["CJNG"],
    );
    y.date_precision = DatePrecision::Year;
    v.push(y);
    let s = store(&v);
    let m = indicators::compute(&s, IndicatorPeriod::Month).unwrap();
    assert_eq!(m.imprecise, 1);
    assert_eq!(m.first_period.as_deref(), Some("2024-03"));
    let y = indicators::compute(&s, IndicatorPeriod::Year).unwrap();
    assert_eq!(y.imprecise, 0);
    assert_eq!(y.first_period.as_deref(), Some("2023"));
    let sin23 = y
        .rows
        .iter()
        .find(|r| r.state == "25" && r.period == "2023")
        .unwrap();
    assert_eq!(sin23.deadliness, 5.0);
    // A year needs 10 events in a hexagon: Culiacán's 12 make it violent, Mazatlán's 2 not.
    let sin24 = y
        .rows
        .iter()
        .find(|r| r.state == "25" && r.period == "2024")
        .unwrap();
    assert!((sin24.diffusion - 1.0 / 576.52).abs() < 1e-9);
}

#[test]
fn selection_by_state_and_range_and_bad_states() {
    let s = store(&events());
    let ind = indicators::compute(&s, IndicatorPeriod::Month).unwrap();
    let rows = indicators::select(&ind, Some("Sinaloa"), None, None).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].state, "25");
    let d = |s: &str| atalaya_core::period::parse_date(s).unwrap();
    assert!(indicators::select(&ind, None, Some(d("2024-04-01")), None)
        .unwrap()
        .is_empty());
    assert_eq!(
        indicators::select(&ind, None, Some(d("2024-03-31")), Some(d("2024-03-31")))
            .unwrap()
            .len(),
        32
    );
    let e = indicators::select(&ind, Some("Atlantis"), None, None).unwrap_err();
    assert!(e.to_string().contains("\"Atlantis\""));
    // The JSON row starts with CLI.md's fields.
    let v = serde_json::to_value(&rows[0]).unwrap();
    for k in [
        "state",
        "period",
        "deadliness",
        "danger",
        "diffusion",
        "fragmentation",
        "level",
    ] {
        assert!(v.get(k).is_some(), "{k}");
    }
    assert_eq!(v["level"], "extreme");
}

#[test]
fn an_empty_store_has_no_periods() {
    let s = Store::open_in_memory().unwrap();
    let ind = indicators::compute(&s, IndicatorPeriod::Year).unwrap();
    assert!(ind.rows.is_empty());
    assert_eq!(ind.first_period, None);
}
