//! The synthetic generator: reproducible, importable, and shaped like the real data.

use std::collections::HashMap;
use std::path::Path;

use atalaya_core::actors;
use atalaya_core::gazetteer;
use atalaya_store::import::{Format, ImportOptions};
use atalaya_store::synth::{generate, Shock, SynthConfig, STATE_WEIGHTS};
use atalaya_store::Store;
use chrono::NaiveDate;

fn bytes(cfg: &SynthConfig) -> Vec<u8> {
    let mut out = Vec::new();
    let rows = generate(cfg, &mut out).unwrap();
    assert_eq!(rows, cfg.events);
    out
}

/// (date, state) of every row, read back as CSV.
fn rows(data: &[u8]) -> Vec<(String, String, String)> {
    let mut r = csv::Reader::from_reader(data);
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (d, a, t) = (col("event_date"), col("admin1"), col("tags"));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let state = gazetteer::state_by_name(&rec[a]).unwrap().code.to_string();
            (rec[d].to_string(), state, rec[t].to_string())
        })
        .collect()
}

fn count(rows: &[(String, String, String)], state: &str, from: &str, to: &str) -> usize {
    rows.iter()
        .filter(|(d, s, _)| s == state && d.as_str() >= from && d.as_str() < to)
        .count()
}

#[test]
fn same_seed_same_bytes_different_seed_different_bytes() {
    let a = bytes(&SynthConfig::new(3000, 7));
    let b = bytes(&SynthConfig::new(3000, 7));
    let c = bytes(&SynthConfig::new(3000, 8));
    assert_eq!(a, b);
    assert_ne!(a, c);
    let text = String::from_utf8(a).unwrap();
    assert_eq!(text.lines().count(), 3001);
    assert!(text.lines().nth(1).unwrap().starts_with("SYN7-1,"));
}

#[test]
fn events_are_sorted_by_date_within_the_period() {
    let cfg = SynthConfig::new(5000, 3);
    let rows = rows(&bytes(&cfg));
    assert_eq!(rows.len(), 5000);
    assert!(rows.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(rows[0].0.as_str() >= "2019-01-01");
    assert!(rows[rows.len() - 1].0.as_str() <= "2026-06-30");
}

#[test]
fn output_reimports_without_rejections() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("synth.csv");
    let cfg = SynthConfig::new(4000, 11);
    let n = generate(&cfg, std::fs::File::create(&file).unwrap()).unwrap();
    assert_eq!(n, 4000);
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    let report = store
        .import_file(Format::Acled, Path::new(&file), ImportOptions::default())
        .unwrap();
    assert_eq!(report.counts.read, 4000);
    assert_eq!(report.counts.inserted, 4000);
    assert_eq!(report.counts.rejected, 0);
    let conn = store.connection();
    let bad: i64 = conn
        .query_row(
            "SELECT count(*) FROM events WHERE state IS NULL OR CAST(state AS INTEGER) NOT BETWEEN 1 AND 32 OR length(state) != 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
    // Every actor the generator names is a registered actor.
    let data = std::fs::read(&file).unwrap();
    let mut r = csv::Reader::from_reader(&data[..]);
    let h = r.headers().unwrap().clone();
    let a1 = h.iter().position(|c| c == "actor1").unwrap();
    let a2 = h.iter().position(|c| c == "actor2").unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        for a in [&rec[a1], &rec[a2]] {
            assert!(a.is_empty() || actors::resolve(a).is_some(), "{a}");
        }
    }
}

#[test]
fn state_shares_follow_the_weights() {
    let cfg = SynthConfig {
        shock: None,
        ..SynthConfig::new(20_000, 5)
    };
    let rows = rows(&bytes(&cfg));
    let mut by_state: HashMap<String, usize> = HashMap::new();
    for (_, s, _) in &rows {
        *by_state.entry(s.clone()).or_default() += 1;
    }
    let top_weight = STATE_WEIGHTS.iter().max_by_key(|w| w.1).unwrap().0;
    let top_count = by_state.iter().max_by_key(|(_, n)| **n).unwrap().0;
    assert_eq!(top_count, top_weight, "{by_state:?}");
    // Every state has events, and the smallest weight gets far fewer than the largest.
    assert_eq!(by_state.len(), 32);
    let total: u32 = STATE_WEIGHTS.iter().map(|w| w.1).sum();
    for (code, w) in STATE_WEIGHTS {
        let expected = 20_000.0 * w as f64 / total as f64;
        let got = by_state[code] as f64;
        assert!(
            got > expected * 0.6 && got < expected * 1.6 + 15.0,
            "state {code}: {got} events, expected about {expected:.0}"
        );
    }
}

#[test]
fn the_shock_raises_violence_in_the_shock_state() {
    let with = SynthConfig::new(40_000, 9);
    let without = SynthConfig {
        shock: None,
        ..with.clone()
    };
    let rw = rows(&bytes(&with));
    let ro = rows(&bytes(&without));
    let (pre, d, post) = ("2026-01-04", "2026-02-22", "2026-04-19");
    let jal_pre = count(&rw, "14", pre, d) as f64;
    let jal_post = count(&rw, "14", d, post) as f64;
    assert!(
        jal_post > 1.5 * jal_pre,
        "Jalisco: {jal_pre} events in the 7 weeks before, {jal_post} after"
    );
    let base_post = count(&ro, "14", d, post) as f64;
    assert!(jal_post > 1.4 * base_post, "{jal_post} vs {base_post}");
    // A state the group does not operate in is not affected beyond noise.
    let tam_share_with = count(&rw, "28", d, post) as f64 / rw.len() as f64;
    let tam_share_without = count(&ro, "28", d, post) as f64 / ro.len() as f64;
    assert!(tam_share_with < tam_share_without * 1.3);
    // The first days bring blockades and arson in the shock states.
    let first_days: Vec<_> = rw
        .iter()
        .filter(|(date, s, _)| s == "14" && date.as_str() >= d && date.as_str() < "2026-02-25")
        .collect();
    let blockades = first_days
        .iter()
        .filter(|(_, _, t)| {
            t.contains("atalaya_kind=road_blockade") || t.contains("atalaya_kind=arson")
        })
        .count();
    assert!(
        blockades * 2 > first_days.len(),
        "{blockades} of {} events",
        first_days.len()
    );
    // The shock touches Jalisco fully and the group's other states partly.
    let states = Shock::default().states();
    assert!(states.contains(&("14", 1.0)));
    assert!(states.iter().all(|(c, s)| *c == "14" || *s < 1.0));
    assert!(!states.iter().any(|(c, _)| *c == "28"));
}

#[test]
fn rejects_an_inverted_period() {
    let cfg = SynthConfig {
        start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        end: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        ..SynthConfig::new(10, 1)
    };
    assert!(generate(&cfg, Vec::new()).is_err());
}
