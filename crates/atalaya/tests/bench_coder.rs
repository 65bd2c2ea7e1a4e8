//! `bench-coder` on a tiny UCDP-like headlines file: the report's fields and counts.

mod common;

use std::io::Write as _;

#[test]
fn bench_coder_reports_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("headlines.csv.gz");
    let csv = "id,date_start,date_end,adm_1,source_date,source_headline\n\
        1,2021-03-05,2021-03-05,Tamaulipas state,2021-03-06,Marines arrested three suspected Gulf Cartel members in Tamaulipas\n\
        2,2019-10-17,2019-10-17,Sinaloa state,2019-10-18;2019-10-19,\"Eight killed in shootout in Sinaloa;Army withdraws\"\n\
        3,2010-01-01,2010-01-01,,2010-01-02,Mexican president meets US envoy\n";
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all(csv.as_bytes()).unwrap();
    gz.finish().unwrap();

    let args = ["bench-coder", "--repeat", "1", "--json", "--file"];
    let stdout = common::run_ok(
        args.iter()
            .map(std::ffi::OsStr::new)
            .chain([path.as_os_str()]),
    );
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v["headlines"], 3, "{v}");
    assert_eq!(v["repeat"], 1);
    assert_eq!(v["threads"], 1);
    let bytes: usize = [
        "Marines arrested three suspected Gulf Cartel members in Tamaulipas",
        "Eight killed in shootout in Sinaloa;Army withdraws",
        "Mexican president meets US envoy",
    ]
    .iter()
    .map(|s| s.len())
    .sum();
    assert_eq!(v["bytes"], bytes);
    for k in [
        "seconds_median",
        "seconds_min",
        "seconds_max",
        "mb_per_s_per_core",
        "headlines_per_s",
        "ratio_to_peer",
    ] {
        assert!(v[k].as_f64().is_some_and(|x| x >= 0.0), "{k} missing: {v}");
    }
    // The peer (folding the headlines) is timed in the same run.
    assert_eq!(v["peer"]["name"], "fold", "{v}");
    assert!(
        v["peer"]["seconds_median"]
            .as_f64()
            .is_some_and(|x| x >= 0.0),
        "{v}"
    );
    // The arrest and the clash are coded; the meeting is not.
    assert_eq!(v["headlines_with_events"], 2, "{v}");
    assert!(v["events"].as_u64().unwrap() >= 2, "{v}");
    let s = &v["state_check"];
    // Two headlines have an adm_1 and name a state; "Mexican" names none.
    assert_eq!(s["eligible"], 2, "{v}");
    assert_eq!(s["adm_1_unresolved"], 0);
    assert_eq!(s["coded_with_state"], 2, "{v}");
    assert_eq!(s["agree"], 2, "{v}");
    assert_eq!(s["agreement"], 1.0);
}
