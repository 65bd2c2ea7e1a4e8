//! The built-in gazetteer and actor registry against the shared reference files: the
//! INEGI state catalog, the state adjacency computed from two topologies, and the
//! evaluation set's actor list.

use std::collections::BTreeSet;

use atalaya_core::actors::{self, ActorKind};
use atalaya_core::gazetteer::{self, ADJACENCY, STATES};
use atalaya_store::shared_data::file_for_test;

fn rows(path: &std::path::Path, delimiter: u8) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn adjacency_matches_the_reference_file() {
    let Some(path) = file_for_test("geo/mx_state_adjacency.csv") else {
        return;
    };
    let reference: BTreeSet<(String, String)> = rows(&path, b',')
        .iter()
        .map(|r| {
            let (a, b) = (r[0].to_string(), r[2].to_string());
            if a < b {
                (a, b)
            } else {
                (b, a)
            }
        })
        .collect();
    let ours: BTreeSet<(String, String)> = ADJACENCY
        .iter()
        .map(|&(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(reference.len(), 67);
    assert_eq!(ours, reference);
}

#[test]
fn every_catalog_name_of_a_state_resolves_to_its_code() {
    let Some(path) = file_for_test("geo/mx_states_catalog.csv") else {
        return;
    };
    let rows = rows(&path, b',');
    assert_eq!(rows.len(), 32);
    for r in &rows {
        let code = &r[0];
        // nom_ent_inegi, nom_ent_ocved, abbr_ocved, abbr_elcrimen, svg_id
        for name in [&r[1], &r[2], &r[3], &r[4], &r[5]] {
            assert_eq!(
                gazetteer::state_by_name(name).map(|s| s.code),
                Some(code),
                "{name}"
            );
        }
        let st = gazetteer::state(code).unwrap();
        assert_eq!(st.svg_id, &r[5]);
        assert_eq!(st.abbr, &r[3]);
    }
    assert_eq!(STATES.len(), 32);
}

#[test]
fn every_eval_actor_and_alias_resolves_with_its_kind_and_parent() {
    let Some(path) = file_for_test("../eval/actors.tsv") else {
        return;
    };
    let rows = rows(&path, b'\t');
    assert!(rows.len() >= 24);
    for r in &rows {
        let (name, kind, parent) = (&r[0], &r[1], &r[2]);
        let a = actors::resolve(name).unwrap_or_else(|| panic!("{name} is not registered"));
        assert_eq!(a.name, name);
        assert_eq!(a.kind.as_str(), kind, "{name}");
        assert_eq!(a.parent.unwrap_or(""), parent, "{name}");
        for alias in r[3].split('|').filter(|s| !s.is_empty()) {
            assert_eq!(
                actors::resolve(alias).map(|x| x.name),
                Some(name),
                "alias {alias}"
            );
        }
    }
    assert_eq!(
        actors::describe("Sinaloa Cartel - Los 28 faction").0,
        ActorKind::Faction
    );
}
