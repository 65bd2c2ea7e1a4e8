//! Conflict indicators on the shared real data: the state areas behind diffusion match
//! INEGI's polygons, and the indicators' ranking of the states agrees with SESNSP's
//! homicide ranking year by year (`docs/methods/indicators.md` gives the figures).

use atalaya_analysis::indicators::{self, IndicatorPeriod, STATE_AREA_KM2};
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::shared_data::file_for_test;
use atalaya_store::Store;

/// Area of a ring on the sphere (Chamberlain & Duquette 2007), km².
fn ring_km2(ring: &[serde_json::Value]) -> f64 {
    let r = 6378.137f64;
    let pt = |v: &serde_json::Value| (v[0].as_f64().unwrap(), v[1].as_f64().unwrap());
    let mut s = 0.0;
    for w in ring.windows(2) {
        let ((l1, p1), (l2, p2)) = (pt(&w[0]), pt(&w[1]));
        s += (l2 - l1).to_radians() * (2.0 + p1.to_radians().sin() + p2.to_radians().sin());
    }
    (s * r * r / 2.0).abs()
}

#[test]
fn state_areas_are_those_of_inegis_polygons() {
    let Some(path) = file_for_test("geo/mx_states_inegi.geojson") else {
        return;
    };
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for f in doc["features"].as_array().unwrap() {
        let code = f["properties"]["cve_ent"].as_str().unwrap();
        let g = &f["geometry"];
        let polys: Vec<&serde_json::Value> = if g["type"] == "Polygon" {
            vec![&g["coordinates"]]
        } else {
            g["coordinates"].as_array().unwrap().iter().collect()
        };
        let area: f64 = polys
            .iter()
            .map(|p| {
                let rings = p.as_array().unwrap();
                ring_km2(rings[0].as_array().unwrap())
                    - rings[1..]
                        .iter()
                        .map(|h| ring_km2(h.as_array().unwrap()))
                        .sum::<f64>()
            })
            .sum();
        let table = STATE_AREA_KM2.iter().find(|(c, _)| *c == code).unwrap().1;
        assert!((area - table).abs() <= 1.0, "{code}: {area} vs {table}");
    }
}

#[test]
fn yearly_ranking_agrees_with_sesnsp_homicides() {
    let (Some(ucdp), Some(ocved), Some(sesnsp)) = (
        file_for_test("events/ucdp_ged_mexico_1989_2023.csv.gz"),
        file_for_test("events/ocved_2.0_events_2000_2018.csv.gz"),
        file_for_test("stats/sesnsp_state_monthly_victims_2015_2025.csv"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("r.db")).unwrap();
    for (f, p) in [
        (Format::Ucdp, &ucdp),
        (Format::Ocved, &ocved),
        (Format::Sesnsp, &sesnsp),
    ] {
        store
            .import_file(
                f,
                p,
                ImportOptions {
                    quarantine: None,
                    progress: None,
                },
            )
            .unwrap();
    }
    let ind = indicators::compute(&store, IndicatorPeriod::Year).unwrap();
    let cmp = indicators::compare(&store, &ind, "homicidio_doloso").unwrap();
    let years: Vec<&str> = cmp.iter().map(|c| c.period.as_str()).collect();
    // SESNSP's complete years with events: 2015 … 2023 (UCDP ends in 2023, 2025 is half).
    assert_eq!(
        years,
        ["2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023"]
    );
    for c in &cmp {
        eprintln!(
            "{} score {:.3} deadliness {:.3} events {}",
            c.period,
            c.spearman_score.unwrap(),
            c.spearman_deadliness.unwrap(),
            c.events
        );
        assert_eq!(c.states, 32);
        assert!(c.spearman_score.unwrap() >= 0.6, "{c:?}");
    }
    let mean: f64 = cmp.iter().map(|c| c.spearman_score.unwrap()).sum::<f64>() / cmp.len() as f64;
    assert!(mean >= 0.75, "{mean}");
}
