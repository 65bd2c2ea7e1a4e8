//! `atalaya territory` end to end: the JSON Lines contract, evidence on every line, overrides
//! kept apart with their source, the fragmentation and presence views, the SVG map, and bad
//! input (exit 1) and usage errors (exit 2). A small UCDP file written here drives most
//! checks; the last test runs the 2010–2012 Tamaulipas facts on the shared UCDP GED.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use atalaya_store::shared_data::file_for_test as shared_file;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

const UCDP_HEADER: &str = "id,type_of_violence,conflict_name,side_a,side_b,source_article,\
source_office,source_date,source_headline,where_prec,adm_1,adm_2,latitude,longitude,\
date_prec,date_start,best,high,low,deaths_civilians";

fn ucdp_row(id: u32, side_a: &str, side_b: &str, adm1: &str, date: &str) -> String {
    format!("{id},2,x,\"{side_a}\",\"{side_b}\",,,,,1,{adm1},,23.7,-99.1,1,{date},1,1,1,0")
}

/// Tamaulipas: three clashes of an alliance against Los Zetas and three Chapitos–Mayiza
/// clashes; Sinaloa: four Chapitos–Mayiza clashes.
fn fixture(dir: &Path) -> PathBuf {
    let mut rows = vec![UCDP_HEADER.to_string()];
    for i in 1..=3 {
        rows.push(ucdp_row(
            i,
            "Gulf Cartel, La Familia, Sinaloa Cartel",
            "Los Zetas",
            "Tamaulipas state",
            "2011-03-01",
        ));
    }
    for i in 10..=13 {
        rows.push(ucdp_row(
            i,
            "Sinaloa Cartel - Los Chapitos",
            "Sinaloa Cartel - Los Mayos",
            "Sinaloa state",
            "2021-05-01",
        ));
    }
    let path = dir.join("ged.csv");
    std::fs::write(&path, rows.join("\n") + "\n").unwrap();
    path
}

fn db_with_fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let ged = fixture(dir.path());
    common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "import",
        "ucdp",
        ged.to_str().unwrap(),
    ]);
    (dir, db)
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn line<'a>(lines: &'a [Value], state: &str, group: &str, status: &str) -> &'a Value {
    lines
        .iter()
        .find(|l| l["state"] == state && l["group"] == group && l["status"] == status)
        .unwrap_or_else(|| panic!("no {state} {group} {status} in {lines:#?}"))
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn json_lines_follow_the_contract_with_evidence() {
    let (_dir, db) = db_with_fixture();
    let out = common::run_ok(["--db", db.to_str().unwrap(), "--json", "territory"]);
    let lines = json_lines(&out);
    let lines_all = lines.clone();
    for l in &lines {
        for f in ["state", "group", "status", "with", "score", "evidence"] {
            assert!(l.get(f).is_some(), "{f} missing in {l}");
        }
        assert!(!l["evidence"].as_array().unwrap().is_empty(), "{l}");
        assert_eq!(l["derived"], true);
    }
    let al = line(&lines, "28", "Sinaloa Cartel", "alliance");
    assert_eq!(strs(&al["with"]), ["Gulf Cartel", "La Familia Michoacana"]);
    assert_eq!(strs(&al["evidence"]), ["ucdp:1", "ucdp:2", "ucdp:3"]);
    let w = line(&lines, "28", "Los Zetas", "war");
    assert_eq!(
        strs(&w["with"]),
        ["Gulf Cartel", "La Familia Michoacana", "Sinaloa Cartel"]
    );
    let ch = line(&lines, "25", "Los Chapitos", "war");
    assert_eq!(ch["faction_of"], "Sinaloa Cartel");
    assert_eq!(strs(&ch["internal"]), ["La Mayiza"]);
    assert_eq!(ch["evidence"].as_array().unwrap().len(), 4);
    // One line per (state, group, status).
    let mut keys: Vec<String> = lines
        .iter()
        .map(|l| format!("{}|{}|{}", l["state"], l["group"], l["status"]))
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);

    // Filters: a state by name, a window that leaves only 2021, a cartel with its factions.
    let out = common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "--json",
        "territory",
        "--state",
        "Sinaloa",
        "--group",
        "Cártel de Sinaloa",
    ]);
    let lines = json_lines(&out);
    assert!(lines.iter().all(|l| l["state"] == "25"));
    assert!(lines.iter().any(|l| l["group"] == "La Mayiza"));
    let out = common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "--json",
        "territory",
        "--from",
        "2021-01-01",
    ]);
    assert!(json_lines(&out).iter().all(|l| l["state"] == "25"));

    // A state asked for alone scores as in the full run: recency counts back from the
    // store's last event (2021 here), not from the state's (2011).
    let out = common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "--json",
        "territory",
        "--state",
        "28",
    ]);
    let alone = json_lines(&out);
    assert_eq!(
        line(&alone, "28", "Gulf Cartel", "alliance")["score"],
        line(&lines_all, "28", "Gulf Cartel", "alliance")["score"]
    );
    let score = line(&alone, "28", "Gulf Cartel", "alliance")["score"]
        .as_f64()
        .unwrap();
    assert!(score < 0.01, "ten years of decay: {score}");

    // The human table names the same lines.
    let out = common::run_ok(["--db", db.to_str().unwrap(), "territory", "--state", "28"]);
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("state"), "{text}");
    assert!(
        text.contains("alliance") && text.contains("ucdp:1"),
        "{text}"
    );
}

#[test]
fn overrides_are_separate_lines_with_their_source() {
    let (dir, db) = db_with_fixture();
    let csv = dir.path().join("overrides.csv");
    std::fs::write(
        &csv,
        "state,group,status,from,to,source\n\
         Tamaulipas,Cártel del Golfo,control,2008-01-01,2012-12-31,\"InSight Crime, Gulf Cartel profile\"\n\
         14,CJNG,control,2015-01-01,2020-12-31,Expert panel\n",
    )
    .unwrap();
    let out = common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "--json",
        "territory",
        "--overrides",
        csv.to_str().unwrap(),
    ]);
    let lines = json_lines(&out);
    let o: Vec<&Value> = lines.iter().filter(|l| l["derived"] == false).collect();
    // Both overlap the events' window (2011-03-01 … 2021-05-01), so both show, even the
    // CJNG's in a state the events never mention.
    assert_eq!(o.len(), 2, "{o:#?}");
    let gulf = o.iter().find(|l| l["group"] == "Gulf Cartel").unwrap();
    assert_eq!(gulf["status"], "control");
    assert_eq!(
        gulf["override"]["source"],
        "InSight Crime, Gulf Cartel profile"
    );
    assert_eq!(gulf["override"]["line"], 2);
    assert!(gulf["evidence"].as_array().unwrap().is_empty());
    // The derived lines are untouched beside it.
    assert!(lines
        .iter()
        .any(|l| l["group"] == "Gulf Cartel" && l["status"] == "alliance" && l["derived"] == true));

    std::fs::write(
        &csv,
        "state,group,status,from,to,source\nTamaulipas,Gulf Cartel,rules,2008-01-01,2012-12-31,x\n",
    )
    .unwrap();
    let out = run(&db, &["territory", "--overrides", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2, field status"), "{err}");
    assert!(err.contains("overrides.csv"), "{err}");
}

#[test]
fn fragmentation_and_presence_views() {
    let (_dir, db) = db_with_fixture();
    let out = common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "--json",
        "territory",
        "--fragmentation",
        "--state",
        "25",
    ]);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let f = &lines[0];
    assert_eq!(f["groups"], 2);
    assert_eq!(f["cartels"], 1);
    assert!((f["fragmentation"].as_f64().unwrap() - 0.5).abs() < 1e-9);
    assert_eq!(
        strs(&f["factions"]["Sinaloa Cartel"]),
        ["La Mayiza", "Los Chapitos"]
    );
    let out = common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "--json",
        "territory",
        "--fragmentation",
        "--yearly",
    ]);
    let years: Vec<(String, String)> = json_lines(&out)
        .iter()
        .map(|l| (l["state"].to_string(), l["from"].to_string()))
        .collect();
    assert_eq!(years.len(), 2, "{years:?}");

    let out = common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "--json",
        "territory",
        "--presence",
        "--factions",
        "--group",
        "Los Chapitos",
    ]);
    let p = json_lines(&out);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0]["year"], 2021);
    assert_eq!(p[0]["events"], 4);
    assert_eq!(p[0]["evidence"].as_array().unwrap().len(), 4);
}

#[test]
fn svg_map_of_one_group() {
    let (dir, db) = db_with_fixture();
    let svg = dir.path().join("zetas.svg");
    common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "territory",
        "--group",
        "Zetas",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    let doc = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(doc.matches(r#"class="state""#).count(), 32);
    assert!(doc.contains("Tamaulipas: war with Gulf Cartel"), "{doc}");
    assert!(doc.contains("#D55E00"));
    // Presence: a choropleth of the group's score per state.
    let psvg = dir.path().join("chapitos.svg");
    common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "territory",
        "--presence",
        "--factions",
        "--group",
        "Los Chapitos",
        "--svg",
        psvg.to_str().unwrap(),
    ]);
    let doc = std::fs::read_to_string(&psvg).unwrap();
    assert_eq!(doc.matches(r#"class="state""#).count(), 32);
    assert!(
        doc.contains("Sinaloa: presence 4 (4 events; 2021: 4)"),
        "{doc}"
    );
    assert!(doc.contains("Tamaulipas: no presence"));
    if let Some(geo) = shared_file("geo/mx_states_inegi.geojson") {
        let svg2 = dir.path().join("zetas_geo.svg");
        common::run_ok([
            "--db",
            db.to_str().unwrap(),
            "territory",
            "--group",
            "Los Zetas",
            "--svg",
            svg2.to_str().unwrap(),
            "--geojson",
            geo.to_str().unwrap(),
        ]);
        let doc = std::fs::read_to_string(&svg2).unwrap();
        assert!(doc.matches("<path").count() >= 32);
    }
}

#[test]
fn bad_input_and_usage_errors() {
    let (_dir, db) = db_with_fixture();
    let out = run(&db, &["territory", "--sensitivity", "0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--sensitivity"));
    let out = run(&db, &["territory", "--state", "Atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Atlantis"));
    let out = run(&db, &["territory", "--from", "2011-13-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from"));
    // --svg needs --group; --by-municipality needs --presence.
    assert_eq!(
        run(&db, &["territory", "--svg", "x.svg"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&db, &["territory", "--by-municipality"]).status.code(),
        Some(2)
    );
    let help = common::run_ok(["territory", "--help"]);
    assert!(String::from_utf8_lossy(&help).contains("--sensitivity"));
}

#[test]
fn tamaulipas_2010_2012_on_ucdp_ged() {
    let Some(ged) = shared_file("events/ucdp_ged_mexico_1989_2023.csv.gz") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "import",
        "ucdp",
        ged.to_str().unwrap(),
    ]);
    let out = common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "--json",
        "territory",
        "--state",
        "28",
        "--from",
        "2010-01-01",
        "--to",
        "2012-12-31",
    ]);
    let lines = json_lines(&out);
    assert!(strs(&line(&lines, "28", "Gulf Cartel", "war")["with"]).contains(&"Los Zetas"));
    let al = line(&lines, "28", "Gulf Cartel", "alliance");
    assert_eq!(
        strs(&al["with"]),
        ["La Familia Michoacana", "Sinaloa Cartel"]
    );
    assert!(al["evidence"].as_array().unwrap().len() >= 200);
}

/// The CJNG's presence per municipality in 2018 on OCVED 2.0, drawn on INEGI's 2,469
/// municipal boundaries: one shape each, several classes, names from the catalog, the
/// source named, and the same numbers as the JSON lines.
#[test]
fn municipal_presence_map_on_ocved() {
    let (Some(ocved), Some(catalog), Some(topo)) = (
        shared_file("events/ocved_2.0_events_2000_2018.csv.gz"),
        shared_file("geo/mx_municipios_catalog.csv"),
        shared_file("geo/mx_municipios_inegi.topo.json"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    for (format, file) in [("municipios", &catalog), ("ocved", &ocved)] {
        common::run_ok([
            "--db",
            db.to_str().unwrap(),
            "import",
            format,
            file.to_str().unwrap(),
        ]);
    }
    let svg = dir.path().join("cjng-2018.svg");
    let out = common::run_ok([
        "--db",
        db.to_str().unwrap(),
        "--json",
        "territory",
        "--presence",
        "--by-municipality",
        "--group",
        "CJNG",
        "--from",
        "2018-01-01",
        "--to",
        "2018-12-31",
        "--svg",
        svg.to_str().unwrap(),
        "--municipal-geo",
        topo.to_str().unwrap(),
    ]);
    let rows = json_lines(&out);
    let doc = std::fs::read_to_string(&svg).unwrap();
    assert!(doc.len() < 1_500_000, "{} bytes", doc.len());
    assert_eq!(doc.matches("<path data-cvegeo=").count(), 2469);
    let fills: std::collections::BTreeSet<&str> = doc
        .split("<path data-cvegeo=")
        .skip(1)
        .map(|p| {
            p.split("fill=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    assert!(fills.len() >= 3, "{fills:?}");
    assert!(doc.contains(&format!(
        "CJNG: presence by municipality, 2018-01-01 … 2018-12-31 ({} municipalities; source: ocved)",
        rows.len()
    )));
    let gdl = rows
        .iter()
        .find(|r| r["municipality"] == "14039")
        .expect("CJNG in Guadalajara in 2018");
    let score = gdl["score"].as_f64().unwrap();
    let title = format!(
        "<title>Guadalajara, Jalisco: presence {} ({} events)</title>",
        format!("{:.2}", score)
            .trim_end_matches('0')
            .trim_end_matches('.'),
        gdl["events"]
    );
    assert!(doc.contains(&title), "{title}");
    assert!(doc.contains("Source: events from ocved ("));
}

#[test]
fn municipal_map_errors() {
    let (_dir, db) = db_with_fixture();
    // --municipal-geo belongs to the municipal presence map.
    for args in [
        &["territory", "--municipal-geo", "m.json"][..],
        &[
            "territory",
            "--presence",
            "--group",
            "CJNG",
            "--svg",
            "x.svg",
            "--municipal-geo",
            "m.json",
        ][..],
    ] {
        assert_eq!(run(&db, args).status.code(), Some(2), "{args:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("states.json");
    std::fs::write(&bad, r#"{"type":"FeatureCollection","features":[]}"#).unwrap();
    let out = run(
        &db,
        &[
            "territory",
            "--presence",
            "--by-municipality",
            "--group",
            "Los Zetas",
            "--svg",
            dir.path().join("m.svg").to_str().unwrap(),
            "--municipal-geo",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--municipal-geo") && err.contains("not a TopoJSON"),
        "{err}"
    );
    let help = String::from_utf8_lossy(&common::run_ok(["territory", "--help"])).to_string();
    assert!(help.contains("--municipal-geo"));
}
