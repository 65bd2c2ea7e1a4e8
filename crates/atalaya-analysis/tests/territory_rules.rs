//! Territory rules on small hand-made event sets: each status, its thresholds and evidence,
//! the sensitivity option, faction roll-up, fragmentation, overrides, and UCDP sides kept by
//! the importer.

use atalaya_analysis::territory::{
    override_cells, Cell, Override, Status, TerritoryData, TerritoryQuery, ALLIANCE_MIN_EVENTS,
    CONTROL_MIN_EVENTS, RECENCY_HALF_LIFE_DAYS, ROUTE_MIN_EVENTS, WAR_MIN_CLASHES,
    WEIGHT_ENFORCEMENT,
};
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin};
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::Store;
use chrono::NaiveDate;

fn ev(
    id: &str,
    kind: EventKind,
    date: &str,
    muni: Option<&str>,
    actors: &[&str],
    sides: Option<(&str, &str)>,
) -> Event {
    let mut tags = Vec::new();
    if let Some((a, b)) = sides {
        tags.push(format!("ucdp_side_a={a}"));
        tags.push(format!("ucdp_side_b={b}"));
    }
    Event {
        id: id.to_string(),
        kind,
        date: Some(date.to_string()),
        date_precision: DatePrecision::Day,
        state: Some(muni.map_or("28".to_string(), |m| m[..2].to_string())),
        municipality: muni.map(str::to_string),
        lat: None,
        lon: None,
        geo_precision: None,
        actors: actors.iter().map(|s| s.to_string()).collect(),
        measures: Measures::default(),
        sources: Vec::new(),
        origin: Origin::default(),
        tags,
    }
}

/// `n` clashes between two sides, ids `prefix1`…
fn clashes(prefix: &str, n: usize, a: &str, b: &str) -> Vec<Event> {
    (1..=n)
        .map(|i| {
            let actors: Vec<&str> = a.split(", ").chain(b.split(", ")).collect();
            ev(
                &format!("{prefix}{i}"),
                EventKind::ArmedClash,
                "2020-06-01",
                Some("28032"),
                &actors,
                Some((a, b)),
            )
        })
        .collect()
}

fn derive(events: &[Event], sensitivity: f64) -> Vec<Cell> {
    let q = TerritoryQuery {
        sensitivity,
        ..TerritoryQuery::default()
    };
    TerritoryData::from_events(events, &q)
        .unwrap()
        .cells(sensitivity)
        .unwrap()
}

fn get<'a>(cells: &'a [Cell], group: &str, status: Status) -> Option<&'a Cell> {
    cells
        .iter()
        .find(|c| c.group == group && c.status == status)
}

#[test]
fn war_needs_enough_clashes_and_lists_them() {
    let n = WAR_MIN_CLASHES as usize;
    let cells = derive(&clashes("c", n, "Gulf Cartel", "Los Zetas"), 1.0);
    let w = get(&cells, "Gulf Cartel", Status::War).expect("war");
    assert_eq!(w.with, vec!["Los Zetas"]);
    assert_eq!(
        w.evidence,
        (1..=n).map(|i| format!("c{i}")).collect::<Vec<_>>()
    );
    assert_eq!(w.state, "28");
    assert!(w.derived);
    assert!(get(&cells, "Los Zetas", Status::War).is_some());

    let fewer = derive(&clashes("c", n - 1, "Gulf Cartel", "Los Zetas"), 1.0);
    assert!(get(&fewer, "Gulf Cartel", Status::War).is_none());
    // A lower sensitivity asks for less evidence.
    let lenient = derive(&clashes("c", n - 1, "Gulf Cartel", "Los Zetas"), 0.5);
    assert!(get(&lenient, "Gulf Cartel", Status::War).is_some());
}

#[test]
fn war_from_violence_by_both_in_the_same_municipalities() {
    let mut events = Vec::new();
    for (m, muni) in ["28032", "28022"].iter().enumerate() {
        for (g, group) in ["Grupo Norte", "Grupo Sur"].iter().enumerate() {
            for i in 0..3 {
                events.push(ev(
                    &format!("h{m}{g}{i}"),
                    EventKind::Homicide,
                    "2019-03-01",
                    Some(muni),
                    &[group],
                    None,
                ));
            }
        }
    }
    let cells = derive(&events, 1.0);
    let w = get(&cells, "Grupo Norte", Status::War).expect("war");
    assert_eq!(w.with, vec!["Grupo Sur"]);
    assert_eq!(w.evidence.len(), 12);
    // One shared municipality is not enough.
    let one: Vec<Event> = events
        .iter()
        .filter(|e| e.municipality.as_deref() == Some("28032"))
        .cloned()
        .collect();
    assert!(get(&derive(&one, 1.0), "Grupo Norte", Status::War).is_none());
    // Violence in the same place in different months is not a contest.
    let mut apart = events.clone();
    for e in apart.iter_mut().filter(|e| e.actors[0] == "Grupo Sur") {
        e.date = Some("2019-04-01".into());
    }
    assert!(get(&derive(&apart, 1.0), "Grupo Norte", Status::War).is_none());
}

#[test]
fn co_actors_on_one_side_are_allies_unless_they_clash() {
    let n = ALLIANCE_MIN_EVENTS as usize;
    let events = clashes(
        "a",
        n,
        "Gulf Cartel, La Familia, Sinaloa Cartel",
        "Los Zetas",
    );
    let cells = derive(&events, 1.0);
    let al = get(&cells, "Gulf Cartel", Status::Alliance).expect("alliance");
    assert_eq!(al.with, vec!["La Familia Michoacana", "Sinaloa Cartel"]);
    assert_eq!(al.evidence.len(), n);
    let zw = get(&cells, "Los Zetas", Status::War).expect("war");
    assert_eq!(
        zw.with,
        vec!["Gulf Cartel", "La Familia Michoacana", "Sinaloa Cartel"]
    );
    assert!(get(&cells, "Los Zetas", Status::Alliance).is_none());

    // One clash between two of the allies per three joint events: no longer allies, and
    // too few clashes for a war between them.
    let mut mixed = events.clone();
    mixed.extend(clashes("x", 1, "Gulf Cartel", "Sinaloa Cartel"));
    let cells = derive(&mixed, 1.0);
    let al = get(&cells, "Gulf Cartel", Status::Alliance).expect("alliance with LFM");
    assert_eq!(al.with, vec!["La Familia Michoacana"]);
    let w = get(&cells, "Gulf Cartel", Status::War).unwrap();
    assert!(!w.with.contains(&"Sinaloa Cartel".to_string()));
}

#[test]
fn control_is_dominance_without_contest() {
    let n = CONTROL_MIN_EVENTS as usize;
    let mut events: Vec<Event> = (0..n)
        .map(|i| {
            ev(
                &format!("k{i}"),
                EventKind::Homicide,
                "2018-05-01",
                Some("28032"),
                &["Gulf Cartel"],
                None,
            )
        })
        .collect();
    events.push(ev(
        "z1",
        EventKind::Homicide,
        "2018-05-01",
        Some("28041"),
        &["Los Zetas"],
        None,
    ));
    let cells = derive(&events, 1.0);
    let c = get(&cells, "Gulf Cartel", Status::Control).expect("control");
    assert_eq!(c.evidence.len(), n);
    assert!((c.share - n as f64 / (n + 1) as f64).abs() < 1e-9);
    assert!(get(&cells, "Los Zetas", Status::Control).is_none());

    // A rival at war with nearly the same weight contests it: no control.
    let mut contested = events.clone();
    contested.extend(clashes("c", n, "Los Zetas", "Gulf Cartel"));
    let cells = derive(&contested, 1.0);
    assert!(get(&cells, "Gulf Cartel", Status::Control).is_none());
    assert!(get(&cells, "Gulf Cartel", Status::War).is_some());
}

#[test]
fn route_is_presence_mainly_through_trafficking() {
    let n = ROUTE_MIN_EVENTS as usize;
    let mut events: Vec<Event> = (0..10)
        .map(|i| {
            ev(
                &format!("k{i}"),
                EventKind::Homicide,
                "2018-05-01",
                Some("28032"),
                &["Gulf Cartel"],
                None,
            )
        })
        .collect();
    for (i, kind) in [EventKind::Seizure, EventKind::Arrest, EventKind::Seizure]
        .into_iter()
        .take(n)
        .enumerate()
    {
        events.push(ev(
            &format!("s{i}"),
            kind,
            "2018-05-02",
            Some("28027"),
            &["Sinaloa Cartel", "Army"],
            None,
        ));
    }
    events.push(ev(
        "h1",
        EventKind::Homicide,
        "2018-05-02",
        Some("28027"),
        &["Sinaloa Cartel"],
        None,
    ));
    let cells = derive(&events, 1.0);
    let r = get(&cells, "Sinaloa Cartel", Status::Route).expect("route");
    assert_eq!(r.evidence, vec!["s0", "s1", "s2"]);
    assert!(r.with.is_empty());
    // Forces are never groups.
    assert!(cells.iter().all(|c| c.group != "Army"));
    // The same presence through violence is no route.
    let violent: Vec<Event> = events
        .into_iter()
        .map(|mut e| {
            e.kind = EventKind::Homicide;
            e
        })
        .collect();
    assert!(get(&derive(&violent, 1.0), "Sinaloa Cartel", Status::Route).is_none());
}

#[test]
fn factions_roll_up_and_their_war_is_internal() {
    let mut events = clashes(
        "f",
        4,
        "Sinaloa Cartel - Los Chapitos",
        "Sinaloa Cartel - Los Mayos",
    );
    events.extend(clashes(
        "j",
        3,
        "Jalisco Cartel New Generation",
        "Los Chapitos",
    ));
    let cells = derive(&events, 1.0);
    let ch = get(&cells, "Los Chapitos", Status::War).expect("faction war");
    assert_eq!(ch.with, vec!["CJNG", "La Mayiza"]);
    assert_eq!(ch.internal, vec!["La Mayiza"]);
    assert_eq!(ch.faction_of.as_deref(), Some("Sinaloa Cartel"));
    let my = get(&cells, "La Mayiza", Status::War).unwrap();
    assert_eq!(my.with, vec!["Los Chapitos"]);
    assert_eq!(my.evidence.len(), 4);
    // Rolled up: the CJNG fights the Sinaloa Cartel, which is not at war with itself.
    let cj = get(&cells, "CJNG", Status::War).unwrap();
    assert_eq!(cj.with, vec!["Sinaloa Cartel"]);
    assert!(cj.faction_of.is_none());
    let sc = get(&cells, "Sinaloa Cartel", Status::War).unwrap();
    assert_eq!(sc.with, vec!["CJNG"]);
    assert_eq!(sc.evidence.len(), 3);
    // One line per (state, group, status).
    let mut keys: Vec<_> = cells
        .iter()
        .map(|c| (&c.state, &c.group, c.status))
        .collect();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

#[test]
fn fragmentation_counts_factions_and_their_concentration() {
    let events = clashes(
        "f",
        4,
        "Sinaloa Cartel - Los Chapitos",
        "Sinaloa Cartel - Los Mayos",
    );
    let d = TerritoryData::from_events(&events, &TerritoryQuery::default()).unwrap();
    let f = &d.fragmentation()[0];
    assert_eq!((f.groups, f.cartels), (2, 1));
    assert!((f.fragmentation - 0.5).abs() < 1e-12);
    assert_eq!(f.cartel_fragmentation, 0.0);
    assert_eq!(
        f.factions["Sinaloa Cartel"],
        vec!["La Mayiza".to_string(), "Los Chapitos".to_string()]
    );
}

#[test]
fn older_events_weigh_less_and_enforcement_less_than_violence() {
    let events = vec![
        ev(
            "a",
            EventKind::Homicide,
            "2019-01-01",
            Some("28032"),
            &["Grupo A"],
            None,
        ),
        ev(
            "b",
            EventKind::Homicide,
            "2020-01-01",
            Some("28032"),
            &["Grupo A"],
            None,
        ),
        ev(
            "c",
            EventKind::Seizure,
            "2020-01-01",
            Some("28032"),
            &["Grupo B"],
            None,
        ),
    ];
    let d = TerritoryData::from_events(&events, &TerritoryQuery::default()).unwrap();
    let f = &d.fragmentation()[0];
    let a_score = 1.0 + 0.5f64.powf(365.0 / RECENCY_HALF_LIFE_DAYS);
    let total = a_score + WEIGHT_ENFORCEMENT;
    let share_a = f.shares.iter().find(|(g, _)| g == "Grupo A").unwrap().1;
    assert!((share_a - a_score / total).abs() < 1e-12, "{f:?}");
    let p = d.presence(true, false);
    assert_eq!(p.len(), 3);
    assert_eq!(p[0].evidence, vec!["a"]);
}

#[test]
fn overrides_are_checked_and_kept_apart_from_derived_cells() {
    let row = |state: &str, status: &str, from: &str, to: &str| {
        let (s, st, f, t) = (
            state.to_string(),
            status.to_string(),
            from.to_string(),
            to.to_string(),
        );
        move |k: &str| -> Option<String> {
            Some(match k {
                "state" => s.clone(),
                "group" => "Cártel del Golfo".into(),
                "status" => st.clone(),
                "from" => f.clone(),
                "to" => t.clone(),
                "source" => "InSight Crime, 2012".into(),
                _ => return None,
            })
        }
    };
    let o = Override::parse(2, row("Tamaulipas", "control", "2008-01-01", "2012-12-31")).unwrap();
    assert_eq!((o.state.as_str(), o.group.as_str()), ("28", "Gulf Cartel"));
    let bad = Override::parse(3, row("Atlantis", "control", "2008-01-01", "2012-12-31"));
    assert!(bad.unwrap_err().to_string().contains("line 3, field state"));
    let bad = Override::parse(4, row("28", "rule", "2008-01-01", "2012-12-31"));
    assert!(bad.unwrap_err().to_string().contains("field status"));
    let bad = Override::parse(5, row("28", "war", "2012-01-01", "2008-12-31"));
    assert!(bad.unwrap_err().to_string().contains("field to"));

    let derived = derive(&clashes("c", 3, "Gulf Cartel", "Los Zetas"), 1.0);
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let cells = override_cells(
        std::slice::from_ref(&o),
        &derived,
        day("2010-01-01"),
        day("2010-12-31"),
        None,
    );
    assert_eq!(cells.len(), 1);
    let c = &cells[0];
    assert!(!c.derived && c.evidence.is_empty());
    assert_eq!(
        c.override_source.as_ref().unwrap().source,
        "InSight Crime, 2012"
    );
    assert_eq!(
        c.score,
        get(&derived, "Gulf Cartel", Status::War).unwrap().score
    );
    // Outside its dates, or in another state, an override says nothing.
    assert!(override_cells(
        std::slice::from_ref(&o),
        &derived,
        day("2013-01-01"),
        day("2014-01-01"),
        None
    )
    .is_empty());
    assert!(override_cells(
        &[o],
        &derived,
        day("2010-01-01"),
        day("2010-12-31"),
        Some("14")
    )
    .is_empty());
}

#[test]
fn bad_queries_are_refused() {
    let events = clashes("c", 3, "Gulf Cartel", "Los Zetas");
    let q = TerritoryQuery {
        sensitivity: 0.0,
        ..TerritoryQuery::default()
    };
    assert!(TerritoryData::from_events(&events, &q)
        .err()
        .unwrap()
        .to_string()
        .contains("--sensitivity"));
    let d = TerritoryData::from_events(&events, &TerritoryQuery::default()).unwrap();
    assert!(d.cells(-1.0).is_err());
    assert!(d.cells(f64::NAN).is_err());
    let q = TerritoryQuery {
        state: Some("Atlantis".into()),
        ..TerritoryQuery::default()
    };
    assert!(TerritoryData::from_events(&events, &q).is_err());
}

#[test]
fn the_ucdp_importer_keeps_sides_for_alliances() {
    let csv = "id,type_of_violence,conflict_name,side_a,side_b,source_article,source_office,\
source_date,source_headline,where_prec,adm_1,adm_2,latitude,longitude,date_prec,date_start,\
best,high,low,deaths_civilians\n\
1,2,x,\"Gulf Cartel, La Familia, Sinaloa Cartel\",Los Zetas,,,,,1,Tamaulipas state,,23.7,-99.1,1,2011-01-02,2,2,2,0\n\
2,2,x,\"Gulf Cartel, La Familia, Sinaloa Cartel\",Los Zetas,,,,,1,Tamaulipas state,,23.7,-99.1,1,2011-01-03,1,1,1,0\n\
3,2,x,\"Gulf Cartel, La Familia, Sinaloa Cartel\",Los Zetas,,,,,1,Tamaulipas state,,23.7,-99.1,1,2011-01-04,1,1,1,0\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ged.csv");
    std::fs::write(&path, csv).unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    store
        .import_file(Format::Ucdp, &path, ImportOptions::default())
        .unwrap();
    let e = store.event("ucdp:1").unwrap().unwrap();
    assert!(e
        .tags
        .contains(&"ucdp_side_a=Gulf Cartel, La Familia, Sinaloa Cartel".to_string()));
    assert!(e.tags.contains(&"ucdp_side_b=Los Zetas".to_string()));
    let d = TerritoryData::load(&store, &TerritoryQuery::default()).unwrap();
    let cells = d.cells(1.0).unwrap();
    let al = get(&cells, "Sinaloa Cartel", Status::Alliance).unwrap();
    assert_eq!(al.with, vec!["Gulf Cartel", "La Familia Michoacana"]);
    assert_eq!(al.evidence, vec!["ucdp:1", "ucdp:2", "ucdp:3"]);
}

#[test]
fn the_acled_importer_keeps_sides_and_the_export_puts_them_back() {
    let header = atalaya_store::import::acled::COLUMNS.join(",");
    let row = |id: &str, day: &str| {
        format!(
            "{id},{day},2011,1,Political violence,Battles,Armed clash,Gulf Cartel,Sinaloa Cartel; La Familia Michoacana,3,\
             Los Zetas,,3,33,,484,Central America,Mexico,Tamaulipas,,,,23.7,-99.1,1,El Universal,National,\
             Gunmen clashed.,2,,1700000000"
        )
    };
    let csv = format!(
        "{header}\n{}\n{}\n{}\n",
        row("MEX1", "2011-01-02"),
        row("MEX2", "2011-01-03"),
        row("MEX3", "2011-01-04")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acled.csv");
    std::fs::write(&path, csv).unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    store
        .import_file(Format::Acled, &path, ImportOptions::default())
        .unwrap();
    let e = store.event("acled:MEX1").unwrap().unwrap();
    assert_eq!(
        e.actors,
        [
            "Gulf Cartel",
            "Sinaloa Cartel",
            "La Familia Michoacana",
            "Los Zetas"
        ]
    );
    assert!(
        e.tags.contains(&"acled_side_a=3".to_string()),
        "{:?}",
        e.tags
    );
    let cells = TerritoryData::load(&store, &TerritoryQuery::default())
        .unwrap()
        .cells(1.0)
        .unwrap();
    let al = get(&cells, "Gulf Cartel", Status::Alliance).expect("alliance");
    assert_eq!(al.with, vec!["La Familia Michoacana", "Sinaloa Cartel"]);
    let war = get(&cells, "Los Zetas", Status::War).expect("war");
    assert_eq!(war.with.len(), 3);

    // The export puts each actor back in its column, and re-imports to the same event.
    let mut w = atalaya_store::export::AcledWriter::new(Vec::new(), Default::default()).unwrap();
    w.write(&e).unwrap();
    let out = String::from_utf8(w.finish().unwrap()).unwrap();
    let mut rd = csv::Reader::from_reader(out.as_bytes());
    let rec = rd.records().next().unwrap().unwrap();
    let col = |name: &str| {
        let i = atalaya_store::import::acled::COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap();
        rec[i].to_string()
    };
    assert_eq!(col("actor1"), "Gulf Cartel");
    assert_eq!(
        col("assoc_actor_1"),
        "Sinaloa Cartel; La Familia Michoacana"
    );
    assert_eq!(col("actor2"), "Los Zetas");
    assert_eq!(col("assoc_actor_2"), "");
    let again = dir.path().join("again.csv");
    std::fs::write(&again, &out).unwrap();
    let mut store2 = Store::open(&dir.path().join("b.db")).unwrap();
    store2
        .import_file(Format::Acled, &again, ImportOptions::default())
        .unwrap();
    let e2 = store2.event("acled:MEX1").unwrap().unwrap();
    assert_eq!(e2.actors, e.actors);
    assert_eq!(e2.tags, e.tags);
}
