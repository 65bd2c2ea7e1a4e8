//! `train-coder`: the place priors counted from headlines, and the committed table being
//! exactly what the command writes from the shared UCDP file.

mod common;

use std::path::PathBuf;

#[test]
fn place_priors_are_counted_per_name_and_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("headlines.csv");
    let mut csv = String::from("id,adm_1,source_date,source_headline\n");
    // Tonalá is a municipality of Jalisco and of Chiapas: four headlines in Jalisco, one in
    // Chiapas; one names its state and teaches nothing; one is an evaluation headline.
    for (id, adm, text) in [
        (1, "Jalisco state", "They kill a man in Tonalá"),
        (2, "Jalisco state", "They kill two women in Tonalá"),
        (3, "Jalisco state", "Gunmen kill a trader in Tonalá"),
        (4, "Chiapas state", "They kill a farmer in Tonalá"),
        (5, "Jalisco state", "They kill a youth in Tonalá, Jalisco"),
        (6, "Jalisco state", "They kill a driver in Tonalá"),
        (7, "Jalisco state", "They kill a baker in Tonalá"),
    ] {
        csv.push_str(&format!("{id},{adm},2021-01-01,\"{text}\"\n"));
    }
    std::fs::write(&path, csv).unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"ucdp_id\": \"7\", \"text\": \"They kill a baker in Tonalá\"}\n",
    )
    .unwrap();
    let out = common::run_ok([
        "train-coder".as_ref(),
        "--file".as_ref(),
        path.as_os_str(),
        "--exclude".as_ref(),
        gold.as_os_str(),
    ]);
    let table = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = table.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(rows, ["tonala\t07\t1\t5", "tonala\t14\t4\t5"], "{table}");
}

#[test]
fn the_committed_place_priors_are_what_train_coder_writes() {
    let data = std::env::var("ATALAYA_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let ucdp = data.join("events/ucdp_mexico_headlines_labeled.csv.gz");
    let dev = data.join("../eval/ucdp-headlines-dev.jsonl");
    if !ucdp.exists() || !dev.exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "missing {}",
            ucdp.display()
        );
        eprintln!("skipped: no {}", ucdp.display());
        return;
    }
    let coder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../atalaya-coder");
    let held = coder.join("tests/data");
    let out = common::run_ok([
        "train-coder".as_ref(),
        "--file".as_ref(),
        ucdp.as_os_str(),
        "--exclude".as_ref(),
        dev.as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout.jsonl").as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout2.jsonl").as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout3.jsonl").as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout4.jsonl").as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout5.jsonl").as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout6.jsonl").as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout7.jsonl").as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout8.jsonl").as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout9.jsonl").as_os_str(),
        "--exclude".as_ref(),
        held.join("ucdp-headlines-heldout10.jsonl").as_os_str(),
    ]);
    let committed = std::fs::read_to_string(coder.join("model/place_priors.tsv")).unwrap();
    assert!(
        String::from_utf8(out).unwrap() == committed,
        "model/place_priors.tsv is not what `atalaya train-coder` writes: retrain (README in crates/atalaya-coder/tests/data)"
    );
}
