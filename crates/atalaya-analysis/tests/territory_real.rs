//! Territory on the shared real data: the facts UCDP GED codes (wars, the 2010–2012 alliance
//! against Los Zetas, the war inside the Sinaloa Cartel) and the CJNG's spread in OCVED 2.0.
//!
//! Each file is imported once per test binary into a temporary database. Missing data fails
//! under `CI=true` and skips otherwise.

use std::sync::{Mutex, OnceLock};

use atalaya_analysis::territory::{Cell, Status, TerritoryData, TerritoryQuery};
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::shared_data::file_for_test;
use atalaya_store::Store;
use chrono::NaiveDate;

const UCDP: &str = "events/ucdp_ged_mexico_1989_2023.csv.gz";
const OCVED: &str = "events/ocved_2.0_events_2000_2018.csv.gz";
const MUNICIPIOS: &str = "geo/mx_municipios_catalog.csv";

struct Db {
    _dir: tempfile::TempDir,
    store: Mutex<Store>,
}

fn imported(format: Format, rel: &str) -> Option<Db> {
    let munis = file_for_test(MUNICIPIOS)?;
    let file = file_for_test(rel)?;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("atalaya.db")).unwrap();
    store
        .import_file(Format::Municipios, &munis, ImportOptions::default())
        .unwrap();
    store
        .import_file(format, &file, ImportOptions::default())
        .unwrap_or_else(|e| panic!("import {rel}: {e}"));
    Some(Db {
        _dir: dir,
        store: Mutex::new(store),
    })
}

fn ucdp() -> Option<&'static Db> {
    static DB: OnceLock<Option<Db>> = OnceLock::new();
    DB.get_or_init(|| imported(Format::Ucdp, UCDP)).as_ref()
}

fn ocved() -> Option<&'static Db> {
    static DB: OnceLock<Option<Db>> = OnceLock::new();
    DB.get_or_init(|| imported(Format::Ocved, OCVED)).as_ref()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn query(state: &str, from: &str, to: &str) -> TerritoryQuery {
    TerritoryQuery {
        from: Some(day(from)),
        to: Some(day(to)),
        state: Some(state.to_string()),
        sensitivity: 1.0,
    }
}

fn data(db: &Db, q: &TerritoryQuery) -> TerritoryData {
    TerritoryData::load(&db.store.lock().unwrap_or_else(|e| e.into_inner()), q).unwrap()
}

fn cells(db: &Db, state: &str, from: &str, to: &str) -> Vec<Cell> {
    data(db, &query(state, from, to)).cells(1.0).unwrap()
}

fn find<'a>(cells: &'a [Cell], group: &str, status: Status) -> &'a Cell {
    cells
        .iter()
        .find(|c| c.group == group && c.status == status && c.derived)
        .unwrap_or_else(|| {
            panic!(
                "no {} line for {group}; lines: {:#?}",
                status.as_str(),
                cells
                    .iter()
                    .map(|c| (&c.group, c.status, &c.with))
                    .collect::<Vec<_>>()
            )
        })
}

fn assert_with(cells: &[Cell], group: &str, status: Status, other: &str) {
    let c = find(cells, group, status);
    assert!(
        c.with.iter().any(|w| w == other),
        "{group} {} should name {other}: {:?}",
        status.as_str(),
        c.with
    );
    assert!(!c.evidence.is_empty(), "{group}: no evidence");
    assert!(c.evidence.iter().all(|id| id.starts_with("ucdp:")));
}

#[test]
fn tamaulipas_2010_2012_gulf_and_zetas_at_war_gulf_sinaloa_familia_allied() {
    let Some(db) = ucdp() else { return };
    let c = cells(db, "28", "2010-01-01", "2012-12-31");
    assert_with(&c, "Gulf Cartel", Status::War, "Los Zetas");
    assert_with(&c, "Los Zetas", Status::War, "Gulf Cartel");
    for (g, others) in [
        ("Gulf Cartel", ["Sinaloa Cartel", "La Familia Michoacana"]),
        ("Sinaloa Cartel", ["Gulf Cartel", "La Familia Michoacana"]),
        ("La Familia Michoacana", ["Gulf Cartel", "Sinaloa Cartel"]),
    ] {
        for o in others {
            assert_with(&c, g, Status::Alliance, o);
        }
    }
    // The allies are never at war with one another there.
    let gulf_war = find(&c, "Gulf Cartel", Status::War);
    assert!(!gulf_war.with.iter().any(|w| w == "Sinaloa Cartel"));
    // The war's evidence: clashes between the two, and each one's violence in the
    // municipalities both hit.
    let store = db.store.lock().unwrap_or_else(|e| e.into_inner());
    for id in gulf_war.evidence.iter().take(20) {
        let e = store.event(id).unwrap().unwrap();
        assert!(
            e.actors
                .iter()
                .any(|a| a == "Gulf Cartel" || a == "Los Zetas"),
            "{id}"
        );
    }
}

#[test]
fn wars_of_2023_cjng_against_sinaloa_santa_rosa_and_carteles_unidos() {
    let Some(db) = ucdp() else { return };
    for (state, other) in [
        ("02", "Sinaloa Cartel"),
        ("32", "Sinaloa Cartel"),
        ("11", "Santa Rosa de Lima Cartel"),
        ("16", "Carteles Unidos"),
    ] {
        let d = data(db, &query(state, "2023-01-01", "2023-12-31"));
        // The facts do not hang on the thresholds: they hold from half to four times the
        // evidence the defaults ask for.
        for sensitivity in [0.5, 1.0, 4.0] {
            let c = d.cells(sensitivity).unwrap();
            assert_with(&c, "CJNG", Status::War, other);
            assert_with(&c, other, Status::War, "CJNG");
        }
    }
}

#[test]
fn chapitos_and_mayiza_at_war_inside_the_sinaloa_cartel() {
    let Some(db) = ucdp() else { return };
    for state in ["25", "26"] {
        let c = cells(db, state, "2020-01-01", "2023-12-31");
        for (g, other) in [("Los Chapitos", "La Mayiza"), ("La Mayiza", "Los Chapitos")] {
            assert_with(&c, g, Status::War, other);
            let w = find(&c, g, Status::War);
            assert_eq!(w.faction_of.as_deref(), Some("Sinaloa Cartel"), "{state}");
            assert!(w.internal.iter().any(|i| i == other), "{state}: {w:?}");
        }
        // Rolled up, the two factions are one cartel: no war of the cartel with itself.
        for cell in c.iter().filter(|c| c.group == "Sinaloa Cartel") {
            assert!(!cell.with.iter().any(|w| w == "Sinaloa Cartel"));
        }
        let d = data(db, &query(state, "2020-01-01", "2023-12-31"));
        let f = &d.fragmentation()[0];
        assert_eq!(f.state, state);
        assert_eq!(
            f.factions.get("Sinaloa Cartel"),
            Some(&vec!["La Mayiza".to_string(), "Los Chapitos".to_string()]),
            "{f:?}"
        );
        assert!(f.groups > f.cartels, "{f:?}");
        // Two factions of similar weight: each holds a quarter or more of the state's
        // presence, and splitting them raises the index well above the cartel-level one.
        for faction in ["La Mayiza", "Los Chapitos"] {
            let share = f.shares.iter().find(|(g, _)| g == faction).unwrap().1;
            assert!(share >= 0.25, "{faction}: {f:?}");
        }
        assert!(
            f.fragmentation > f.cartel_fragmentation + 0.15,
            "two factions of similar weight must show: {f:?}"
        );
    }
}

#[test]
fn cjng_presence_spreads_from_jalisco_in_ocved() {
    let Some(db) = ocved() else { return };
    let q = TerritoryQuery {
        from: Some(day("2011-01-01")),
        to: Some(day("2018-12-31")),
        ..TerritoryQuery::default()
    };
    let d = data(db, &q);
    let presence = d.presence(false, false);
    let states_in = |year: i32| -> Vec<String> {
        presence
            .iter()
            .filter(|p| p.group == "CJNG" && p.year == year && p.score > 0.0)
            .map(|p| p.state.clone())
            .collect()
    };
    let counts: Vec<(i32, usize)> = (2011..=2018).map(|y| (y, states_in(y).len())).collect();
    eprintln!("CJNG states per year (OCVED 2.0): {counts:?}");
    assert!(
        states_in(2011).contains(&"14".to_string()),
        "Jalisco in 2011"
    );
    let first = counts[0].1;
    let last = counts[counts.len() - 1].1;
    assert!(
        last >= first + 5,
        "the CJNG must be present in more states by 2018: {counts:?}"
    );
    // Municipal scores for the map carry their evidence, and spread too.
    let munis = d.presence(true, false);
    let munis_in = |year: i32| {
        munis
            .iter()
            .filter(|p| p.group == "CJNG" && p.year == year && p.score > 0.0)
            .count()
    };
    let muni_counts: Vec<(i32, usize)> = (2011..=2018).map(|y| (y, munis_in(y))).collect();
    eprintln!("CJNG municipalities per year (OCVED 2.0): {muni_counts:?}");
    assert!(munis_in(2018) > munis_in(2011), "{muni_counts:?}");
    // The 2014 dip in states is the source's, not the group's: OCVED codes far fewer
    // events naming any armed group that year than in 2013 or 2015.
    let named = |year: i32| {
        data(
            db,
            &TerritoryQuery {
                from: Some(day(&format!("{year}-01-01"))),
                to: Some(day(&format!("{year}-12-31"))),
                ..TerritoryQuery::default()
            },
        )
        .len()
    };
    let (y13, y14, y15) = (named(2013), named(2014), named(2015));
    eprintln!("events naming armed groups (OCVED 2.0): 2013 {y13}, 2014 {y14}, 2015 {y15}");
    assert!(
        (y14 as f64) < 0.7 * y13.min(y15) as f64,
        "{y13} {y14} {y15}"
    );
    let jal: Vec<_> = munis
        .iter()
        .filter(|p| p.group == "CJNG" && p.year == 2018 && p.state == "14")
        .collect();
    assert!(jal.len() >= 5, "{}", jal.len());
    for p in jal {
        let m = p.municipality.as_deref().unwrap();
        assert!(m.starts_with("14") && m.len() == 5);
        assert_eq!(p.events, p.evidence.len());
        assert!(p.evidence.iter().all(|id| id.starts_with("ocved:")));
    }
}
