//! Which states a kingpin study treats: the kingpin list's base states first, then where the
//! intervention happened, then the events of the actor *and its factions*; states named by
//! the user override all three, and the report says which rule chose them.

use atalaya_analysis::impact::{self, DidOptions, ImpactQuery, Treated, TreatedRule};
use atalaya_core::period::PeriodKind;
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin};
use atalaya_store::query::Measure;
use atalaya_store::write::Intervention;
use atalaya_store::Store;

fn event(id: usize, state: &str, date: &str, actors: &[&str]) -> Event {
    Event {
        id: format!("t:{id}"),
        kind: EventKind::ArmedClash,
        date: Some(date.to_string()),
        date_precision: DatePrecision::Day,
        state: Some(state.to_string()),
        municipality: None,
        lat: None,
        lon: None,
        geo_precision: None,
        actors: actors.iter().map(|s| s.to_string()).collect(),
        measures: Measures::default(),
        sources: Vec::new(),
        origin: Origin::default(),
        tags: Vec::new(),
    }
}

fn intervention(name: &str, state: Option<&str>, base: &[&str]) -> Intervention {
    Intervention {
        uid: format!("kingpin:2024-07-25:{name}"),
        date: "2024-07-25".into(),
        date_precision: "day".into(),
        event_type: "arrested_in_us".into(),
        name: name.into(),
        alias: String::new(),
        organization: "Sinaloa cartel".into(),
        actor: Some("Sinaloa Cartel".into()),
        place: String::new(),
        state: state.map(str::to_string),
        base_states: base.iter().map(|s| s.to_string()).collect(),
        source_url: "https://example.org".into(),
        note: String::new(),
        origin_file: "test.csv".into(),
        origin_row: 2,
    }
}

/// In the year before 2024-07-25, Baja California's events name the cartel (30), while
/// Sinaloa's name its factions (25 Los Chapitos, 20 La Mayiza, 5 both) and the cartel twice.
/// Chihuahua has 10 of the cartel's; Jalisco 40 of another group's.
fn store(interventions: &[Intervention]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut w = store.writer("test", "test").unwrap();
    let mut id = 0;
    let mut add = |w: &mut atalaya_store::write::Writer, n: usize, state: &str, actors: &[&str]| {
        for _ in 0..n {
            id += 1;
            w.upsert_event(&event(id, state, "2024-03-01", actors))
                .unwrap();
        }
    };
    add(&mut w, 30, "02", &["Sinaloa Cartel", "CJNG"]);
    add(&mut w, 25, "25", &["Los Chapitos"]);
    add(&mut w, 20, "25", &["La Mayiza", "Sinaloa Police"]);
    add(&mut w, 5, "25", &["Los Chapitos", "La Mayiza"]);
    add(&mut w, 2, "25", &["Sinaloa Cartel"]);
    add(&mut w, 10, "08", &["Sinaloa Cartel"]);
    add(&mut w, 40, "14", &["CJNG"]);
    for iv in interventions {
        w.upsert_intervention(iv).unwrap();
    }
    w.commit().unwrap();
    store
}

fn query(treated: Treated) -> ImpactQuery {
    ImpactQuery {
        actor: "Sinaloa Cartel".into(),
        date: Some(atalaya_core::period::parse_date("2024-07-25").unwrap()),
        treated,
        measure: Measure::Events,
        kinds: Vec::new(),
        period: PeriodKind::Week,
        window: 26,
        neighbours_as_controls: false,
        options: DidOptions::default(),
    }
}

#[test]
fn the_events_rule_counts_the_factions_of_the_actor() {
    let s = store(&[intervention("mayo", None, &[])]);
    let sel = impact::select(&s, &query(Treated::Auto)).unwrap();
    assert_eq!(sel.rule, TreatedRule::Events);
    // Sinaloa: 52 events (25 + 20 + 5 + 2, each counted once), Baja California 30: Sinaloa
    // alone holds more than half of the 92.
    assert_eq!(sel.treated, vec!["25"]);
    let shares = sel.shares.unwrap();
    assert_eq!(shares[0].state, "25");
    assert_eq!(shares[0].events, 52.0);
    assert_eq!(shares[1].state, "02");
    assert_eq!(shares[1].events, 30.0);
    assert!(
        shares.iter().all(|s| s.state != "14"),
        "CJNG's own events do not count"
    );
    assert!(sel.reason.contains("factions"), "{}", sel.reason);
    assert!(
        sel.reason.contains("neither base_states nor a state"),
        "{}",
        sel.reason
    );
    // Asked for directly, the same rule.
    let ev = impact::select(&s, &query(Treated::Events)).unwrap();
    assert_eq!(
        (ev.rule, ev.treated),
        (TreatedRule::Events, vec!["25".to_string()])
    );
}

#[test]
fn base_states_come_first_then_the_place_of_the_intervention() {
    // Both rows of the date give base states: their union.
    let s = store(&[
        intervention("mayo", Some("09"), &["25"]),
        intervention("joaquin", None, &["08", "25"]),
    ]);
    let sel = impact::select(&s, &query(Treated::Auto)).unwrap();
    assert_eq!(sel.rule, TreatedRule::BaseStates);
    assert_eq!(sel.treated, vec!["08", "25"]);
    assert!(sel.shares.is_none());
    assert!(sel.reason.contains("Sinaloa (25)"), "{}", sel.reason);
    // Neighbours of either treated state are their own group, not controls.
    for n in ["10", "18", "26", "05"] {
        assert!(sel.neighbours.iter().any(|x| x == n), "{n}");
        assert!(!sel.controls.iter().any(|x| x == n), "{n}");
    }

    // No base states: where it happened.
    let s = store(&[intervention("mayo", Some("09"), &[])]);
    let sel = impact::select(&s, &query(Treated::Auto)).unwrap();
    assert_eq!(sel.rule, TreatedRule::InterventionState);
    assert_eq!(sel.treated, vec!["09"]);

    // The user's states override the list.
    let s = store(&[intervention("mayo", Some("09"), &["25"])]);
    let sel = impact::select(&s, &query(Treated::States(vec!["Jalisco".into()]))).unwrap();
    assert_eq!(sel.rule, TreatedRule::Given);
    assert_eq!(sel.treated, vec!["14"]);
}

#[test]
fn the_report_names_the_rule() {
    let s = store(&[intervention("mayo", None, &["25"])]);
    let r = impact::run(&s, &query(Treated::Auto)).unwrap();
    assert_eq!(r.treated, vec!["25"]);
    assert_eq!(r.treated_rule, TreatedRule::BaseStates);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["treated_rule"], "base_states");
    assert!(v["treated_reason"]
        .as_str()
        .unwrap()
        .contains("base_states"));
    assert_eq!(
        v["interventions"][0]["base_states"],
        serde_json::json!(["25"])
    );
}

#[test]
fn without_a_list_row_or_events_the_user_is_asked_for_states() {
    let s = store(&[]);
    let mut q = query(Treated::Auto);
    q.actor = "Gulf Cartel".into();
    let e = impact::select(&s, &q).unwrap_err().to_string();
    assert!(e.contains("--treated"), "{e}");
}
