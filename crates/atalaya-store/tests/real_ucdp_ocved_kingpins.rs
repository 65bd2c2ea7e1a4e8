//! The UCDP GED, OCVED 2.0 and kingpin importers on the shared real data: counts, totals,
//! the state of every UCDP row against an independent expectation, idempotent re-import,
//! and bad rows (strict and quarantined).
//!
//! Data: `$ATALAYA_DATA`, else `../shared/data` next to the workspace. Missing data fails
//! the test when `CI=true`, and skips it otherwise.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use atalaya_store::import::{Format, ImportError, ImportOptions, ImportReport};
use atalaya_store::Store;

const UCDP: &str = "events/ucdp_ged_mexico_1989_2023.csv.gz";
const OCVED: &str = "events/ocved_2.0_events_2000_2018.csv.gz";
const KINGPINS: &str = "kingpins/kingpin_events_seed.csv";
const STATES: &str = "geo/mx_states_catalog.csv";
const MUNICIPIOS: &str = "geo/mx_municipios_catalog.csv";

use atalaya_store::shared_data::file_for_test as data_file;

fn open_store(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("atalaya.db")).expect("open store")
}

fn import(store: &mut Store, format: Format, path: &Path) -> ImportReport {
    store
        .import_file(format, path, ImportOptions::default())
        .unwrap_or_else(|e| panic!("import {}: {e}", path.display()))
}

fn scalar<T: rusqlite::types::FromSql>(store: &Store, sql: &str) -> T {
    store
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Reads a (possibly gzipped) CSV independently of the importers.
fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let file = std::fs::File::open(path).unwrap();
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut csv = csv::Reader::from_reader(reader);
    let headers = csv.headers().unwrap().clone();
    csv.records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// One stored event's columns, by uid.
#[derive(Debug)]
struct Stored {
    kind: String,
    day: Option<String>,
    precision: String,
    state: Option<String>,
    municipality: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    geo: Option<i64>,
    actors: Vec<String>,
    measures: BTreeMap<String, f64>,
    sources: serde_json::Value,
}

/// The stored events of one source, read through the store (text from its blocks).
fn stored(store: &Store, format: &str) -> HashMap<String, Stored> {
    let mut out = HashMap::new();
    store
        .for_each_event(&Default::default(), |e| {
            if e.origin.format == format {
                let stored = Stored {
                    kind: e.kind.as_str().to_string(),
                    day: e.date.clone(),
                    precision: e.date_precision.as_str().to_string(),
                    state: e.state.clone(),
                    municipality: e.municipality.clone(),
                    lat: e.lat,
                    lon: e.lon,
                    geo: e.geo_precision.map(i64::from),
                    actors: e.actors.clone(),
                    measures: e.measures.0.clone(),
                    sources: serde_json::to_value(&e.sources).unwrap(),
                };
                out.insert(e.id, stored);
            }
            Ok(())
        })
        .unwrap();
    out
}

/// INEGI state code for a UCDP `adm_1`, from the states catalog file (not the gazetteer).
fn expected_states(catalog: &Path) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for r in read_csv(catalog) {
        for col in ["nom_ent_inegi", "nom_ent_ocved"] {
            m.insert(r[col].to_lowercase(), r["cve_ent"].clone());
        }
    }
    m
}

fn expected_state(names: &HashMap<String, String>, adm1: &str) -> Option<String> {
    if adm1.is_empty() {
        return None;
    }
    let base = adm1.strip_suffix(" state").unwrap_or(adm1).to_lowercase();
    Some(
        names
            .get(&base)
            .unwrap_or_else(|| panic!("no expectation for adm_1 {adm1:?}"))
            .clone(),
    )
}

#[test]
fn ucdp_ged_imports_every_event_with_its_state_and_fatalities() {
    let (Some(path), Some(states), Some(munis)) =
        (data_file(UCDP), data_file(STATES), data_file(MUNICIPIOS))
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(&dir);
    import(&mut store, Format::Municipios, &munis);
    let report = import(&mut store, Format::Ucdp, &path);
    assert_eq!(report.counts.read, 18_957);
    assert_eq!(report.counts.inserted, 18_957);
    assert_eq!(report.counts.rejected, 0);
    assert_eq!(
        scalar::<i64>(
            &store,
            "SELECT count(*) FROM events WHERE origin_format='ucdp'"
        ),
        18_957
    );
    assert_eq!(
        scalar::<f64>(&store, "SELECT sum(fatalities) FROM events"),
        140_695.0
    );

    let events = stored(&store, "ucdp");
    let names = expected_states(&states);
    let rows = read_csv(&path);
    let mut total = 0.0;
    let mut country_level = 0;
    for r in &rows {
        let e = events
            .get(&format!("ucdp:{}", r["id"]))
            .unwrap_or_else(|| panic!("ucdp:{} not stored", r["id"]));
        assert_eq!(
            e.state,
            expected_state(&names, &r["adm_1"]),
            "state of ucdp:{} ({:?})",
            r["id"],
            r["adm_1"]
        );
        if r["adm_1"].is_empty() {
            country_level += 1;
            assert!(e.lat.is_some() && e.lon.is_some(), "ucdp:{}", r["id"]);
            if r["where_prec"].as_str() >= "5" {
                assert_eq!(e.geo, Some(3));
            }
            if r["where_prec"] == "6" {
                assert_eq!((e.lat, e.lon), (Some(23.0), Some(-102.0)));
            }
        }
        let best: f64 = r["best"].parse().unwrap();
        total += best;
        assert_eq!(e.measures["fatalities"], best);
        assert_eq!(
            e.measures["fatalities_high"],
            r["high"].parse::<f64>().unwrap()
        );
        assert_eq!(
            e.measures["fatalities_low"],
            r["low"].parse::<f64>().unwrap()
        );
        assert_eq!(
            e.measures["civilians_killed"],
            r["deaths_civilians"].parse::<f64>().unwrap()
        );
        let kind = match (r["type_of_violence"].as_str(), best < 4.0) {
            ("1" | "2", _) => "armed_clash",
            ("3", true) => "homicide",
            ("3", false) => "massacre",
            (t, _) => panic!("type {t}"),
        };
        assert_eq!(e.kind, kind, "ucdp:{}", r["id"]);
        let precision = match r["date_prec"].as_str() {
            "1" => "day",
            "2" | "3" => "week",
            "4" => "month",
            "5" => "year",
            p => panic!("date_prec {p}"),
        };
        assert_eq!(e.precision, precision);
        let start = &r["date_start"][..10];
        let day = e.day.as_deref().unwrap();
        match precision {
            "day" | "week" => assert_eq!(day, start),
            "month" => assert_eq!(day, format!("{}-01", &start[..7])),
            _ => assert_eq!(day, format!("{}-01-01", &start[..4])),
        }
        let quote = e.sources[0]["quote"].as_str().unwrap_or("");
        assert_eq!(quote, r["source_headline"]);
        assert_eq!(
            e.sources[0]["doc"].as_str().unwrap(),
            r["source_article"].trim()
        );
    }
    assert_eq!(total, 140_695.0);
    assert_eq!(country_level, 39);

    // A known row: Puerto Vallarta, November 1992, month precision.
    let e = &events["ucdp:182028"];
    assert_eq!(e.state.as_deref(), Some("14"));
    assert_eq!(e.municipality.as_deref(), Some("14067"));
    assert_eq!(e.day.as_deref(), Some("1992-11-01"));
    assert_eq!(e.precision, "month");
    assert_eq!(e.actors, ["Sinaloa Cartel", "Tijuana Cartel"]);
    // Distrito Federal is Mexico City.
    assert_eq!(events["ucdp:182027"].state.as_deref(), Some("09"));
    // Sides are split and canonicalised.
    let actor_events = |name: &str| {
        events
            .values()
            .filter(|e| e.actors.iter().any(|a| a == name))
            .count()
    };
    assert_eq!(actor_events("Sinaloa Cartel - Los Mayos"), 0);
    assert_eq!(actor_events("Jalisco Cartel New Generation"), 0);
    assert_eq!(actor_events("Government of Mexico"), 0);
    assert_eq!(actor_events("La Mayiza"), 954);
    assert_eq!(actor_events("Los Chapitos"), 954);
    assert_eq!(actor_events("CJNG"), 9_278);
    assert_eq!(actor_events("Federal government"), 96);
    let kinds: BTreeMap<&str, usize> = events.values().fold(BTreeMap::new(), |mut m, e| {
        *m.entry(e.kind.as_str()).or_default() += 1;
        m
    });
    eprintln!("ucdp kinds: {kinds:?}");
    assert_eq!(kinds["armed_clash"], 18_696 + 35);

    let again = import(&mut store, Format::Ucdp, &path);
    assert_eq!(
        (
            again.counts.inserted,
            again.counts.updated,
            again.counts.unchanged
        ),
        (0, 0, 18_957)
    );
}

#[test]
fn ocved_imports_every_row_as_criminal_presence() {
    let Some(path) = data_file(OCVED) else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(&dir);
    let report = import(&mut store, Format::Ocved, &path);
    assert_eq!(report.counts.read, 64_895);
    assert_eq!(report.counts.inserted, 64_895);
    assert_eq!(report.counts.rejected, 0);
    assert_eq!(
        scalar::<i64>(
            &store,
            "SELECT count(DISTINCT uid) FROM events WHERE kind='criminal_presence'"
        ),
        64_895
    );

    let events = stored(&store, "ocved");
    let rows = read_csv(&path);
    let mut reports = 0.0;
    let mut year_only = 0;
    let mut no_coords = 0;
    let mut bad_day = 0;
    let mut outside = 0;
    for r in &rows {
        let muni = format!("{:05}", r["cvegeo_int"].parse::<u32>().unwrap());
        let uid = format!(
            "ocved:{}-{}-{}-{}",
            r["date"], muni, r["actor_main"], r["actor_sub"]
        );
        let e = events
            .get(&uid)
            .unwrap_or_else(|| panic!("{uid} not stored"));
        assert_eq!(e.kind, "criminal_presence");
        assert_eq!(e.municipality.as_deref(), Some(muni.as_str()));
        assert_eq!(e.state.as_deref(), Some(&muni[..2]));
        let counter: f64 = r["counter"].parse().unwrap();
        reports += counter;
        assert_eq!(e.measures["reports"], counter);
        if r["month"] == "0" {
            year_only += 1;
            assert_eq!(e.precision, "year");
            assert_eq!(e.day, Some(format!("{}-01-01", r["year"])));
        } else if r["date_iso"].is_empty() {
            // A day the month does not have (30 February, 32 December, day 0).
            bad_day += 1;
            assert_eq!(e.precision, "month");
            assert_eq!(
                e.day,
                Some(format!(
                    "{}-{:02}-01",
                    r["year"],
                    r["month"].parse::<u32>().unwrap()
                ))
            );
        } else {
            assert_eq!(e.precision, "day");
            assert_eq!(e.day.as_deref(), Some(r["date_iso"].as_str()));
        }
        let lat: Option<f64> = r["latitude"].parse().ok();
        let lon: f64 = r["longitude"].parse().unwrap();
        match lat {
            None => {
                no_coords += 1;
                assert_eq!((e.lat, e.lon), (None, None), "{uid}");
            }
            // Swapped pairs (latitude 92.69, longitude 15.28) are not kept.
            Some(lat) if !(14.0..=33.5).contains(&lat) || !(-119.0..=-86.0).contains(&lon) => {
                outside += 1;
                assert_eq!((e.lat, e.lon), (None, None), "{uid}");
            }
            Some(lat) => assert_eq!((e.lat, e.lon), (Some(lat), Some(lon)), "{uid}"),
        }
        assert_eq!(e.sources[0]["doc"], "OCVED 2.0 (Osorio & Beltrán 2020)");
    }
    assert_eq!(year_only, 7);
    assert_eq!(no_coords, 2);
    assert_eq!(bad_day, 11);
    assert_eq!(outside, 7);
    let stored_reports: f64 = events
        .values()
        .filter_map(|e| e.measures.get("reports"))
        .sum();
    assert_eq!(stored_reports, reports);
    eprintln!("ocved reports: {reports}");

    let e = &events["ocved:20000105-07024-Other-Los Campesinos"];
    assert_eq!(e.actors, ["Los Campesinos"]);
    assert_eq!(e.day.as_deref(), Some("2000-01-05"));
    let named = |main: &str, sub: &str| {
        rows.iter()
            .find(|r| r["actor_main"] == main && r["actor_sub"] == sub)
            .map(|r| {
                let uid = format!(
                    "ocved:{}-{:05}-{}-{}",
                    r["date"],
                    r["cvegeo_int"].parse::<u32>().unwrap(),
                    main,
                    sub
                );
                events[&uid].actors.clone()
            })
            .unwrap()
    };
    assert_eq!(named("Other", "Individual"), Vec::<String>::new());
    assert_eq!(
        named("Cartel de Sinaloa", "Cartel de Sinaloa"),
        ["Sinaloa Cartel"]
    );
    assert_eq!(
        named("La Familia Michoacana", "Caballeros Templarios"),
        ["La Familia Michoacana", "Knights Templar"]
    );
    assert_eq!(
        named("Cartel del Golfo", "Los Metros"),
        ["Gulf Cartel", "Los Metros"]
    );
    assert_eq!(
        named("Cartel de Jalisco Nueva Generacion", "Los Mata Zetas"),
        ["CJNG", "Los Mata Zetas"]
    );
    assert_eq!(
        named("Unidentified Criminal Group", "Leader"),
        ["Unidentified criminal group"]
    );
    // Cells get their parent through the registry.
    let parent: Option<String> = scalar(
        &store,
        "SELECT parent FROM actors WHERE name = 'Los Mata Zetas'",
    );
    assert_eq!(parent.as_deref(), Some("CJNG"));

    let again = import(&mut store, Format::Ocved, &path);
    assert_eq!(
        (
            again.counts.inserted,
            again.counts.updated,
            again.counts.unchanged
        ),
        (0, 0, 64_895)
    );
}

#[test]
fn kingpins_import_as_interventions_and_removal_events() {
    let Some(path) = data_file(KINGPINS) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(&dir);
    let rows = read_csv(&path);
    assert_eq!(rows.len(), 43);
    let removals = rows
        .iter()
        .filter(|r| {
            matches!(
                r["event_type"].as_str(),
                "killed" | "captured" | "arrested_in_us" | "claimed_killed"
            )
        })
        .count();
    let report = import(&mut store, Format::Kingpins, &path);
    assert_eq!(report.counts.read, 43);
    assert_eq!(report.counts.inserted, 43 + removals as u64);
    assert_eq!(
        scalar::<i64>(&store, "SELECT count(*) FROM interventions"),
        43
    );
    assert_eq!(
        scalar::<i64>(&store, "SELECT count(*) FROM events"),
        removals as i64
    );
    eprintln!("kingpins: 43 interventions, {removals} events");

    let mencho = "kingpin:2026-02-22:nemesio-oseguera-cervantes";
    let (actor, state): (Option<String>, Option<String>) = store
        .connection()
        .query_row(
            "SELECT actor, state FROM interventions WHERE uid = ?1",
            [mencho],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(actor.as_deref(), Some("CJNG"));
    assert_eq!(state.as_deref(), Some("14"));
    let events = stored(&store, "kingpins");
    let e = &events[mencho];
    assert_eq!(e.kind, "leader_killed");
    assert_eq!(e.state.as_deref(), Some("14"));
    assert_eq!(e.actors, ["CJNG"]);
    assert_eq!(e.day.as_deref(), Some("2026-02-22"));
    assert_eq!(e.precision, "day");
    assert!(e.sources[0]["doc"]
        .as_str()
        .unwrap()
        .starts_with("https://www.aljazeera.com/"));
    assert!(e.sources[0]["quote"]
        .as_str()
        .unwrap()
        .contains("wounded on Sunday"));

    let mayo = "kingpin:2024-07-25:ismael-zambada-garcia";
    let e = &events[mayo];
    assert_eq!(e.kind, "leader_captured");
    assert_eq!(e.state, None);
    assert_eq!(e.actors, ["Sinaloa Cartel", "La Mayiza"]);
    let (actor, prec): (Option<String>, String) = store
        .connection()
        .query_row(
            "SELECT actor, date_precision FROM interventions WHERE uid = ?1",
            [mayo],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(actor.as_deref(), Some("Sinaloa Cartel"));
    assert_eq!(prec, "day");
    // Escapes are interventions only.
    assert!(!events.contains_key("kingpin:2015-07-11:joaquin-guzman-loera"));
    let escaped: String = scalar(
        &store,
        "SELECT event_type FROM interventions WHERE uid = 'kingpin:2015-07-11:joaquin-guzman-loera'",
    );
    assert_eq!(escaped, "escaped");
    // "reported" dates stay "reported" on the intervention, day precision on the event.
    let e = &events["kingpin:2010-09-12:sergio-villarreal-barragan"];
    assert_eq!(e.precision, "day");
    assert_eq!(e.state.as_deref(), Some("21"));
    assert_eq!(
        scalar::<String>(
            &store,
            "SELECT date_precision FROM interventions WHERE uid = 'kingpin:2010-09-12:sergio-villarreal-barragan'"
        ),
        "reported"
    );
    assert_eq!(
        events["kingpin:1985-01-01:rafael-caro-quintero"].precision,
        "year"
    );

    let again = import(&mut store, Format::Kingpins, &path);
    assert_eq!(
        (
            again.counts.inserted,
            again.counts.updated,
            again.counts.unchanged
        ),
        (0, 0, 43 + removals as u64)
    );
}

/// The real UCDP header and its first `n` single-line rows, with row `bad` (0-based)
/// changed by `edit`; returns the CSV and the bad row's line number.
fn ucdp_sample(
    path: &Path,
    n: usize,
    bad: usize,
    edit: &dyn Fn(&mut Vec<String>, &csv::StringRecord),
) -> (Vec<u8>, u64) {
    let file = std::fs::File::open(path).unwrap();
    let mut rd = csv::Reader::from_reader(flate2::read::MultiGzDecoder::new(file));
    let headers = rd.headers().unwrap().clone();
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    let mut written = 0;
    for rec in rd.records() {
        let rec = rec.unwrap();
        if rec.iter().any(|f| f.contains('\n') || f.contains('\r')) {
            continue;
        }
        let mut fields: Vec<String> = rec.iter().map(str::to_string).collect();
        if written == bad {
            edit(&mut fields, &headers);
        }
        out.write_record(&fields).unwrap();
        written += 1;
        if written == n {
            break;
        }
    }
    (out.into_inner().unwrap(), bad as u64 + 2)
}

fn set(fields: &mut [String], headers: &csv::StringRecord, col: &str, value: &str) {
    let i = headers.iter().position(|h| h == col).unwrap();
    fields[i] = value.to_string();
}

#[test]
fn a_bad_ucdp_row_refuses_the_file_or_goes_to_quarantine() {
    let Some(path) = data_file(UCDP) else { return };
    for (col, value) in [("best", "many"), ("adm_1", "Atlantis state")] {
        let dir = tempfile::tempdir().unwrap();
        let (bytes, line) = ucdp_sample(&path, 40, 7, &|f, h| set(f, h, col, value));
        let sample = dir.path().join("ged_sample.csv");
        std::fs::write(&sample, bytes).unwrap();
        let mut store = open_store(&dir);

        let err = store
            .import_file(Format::Ucdp, &sample, ImportOptions::default())
            .expect_err("strict import must refuse the file");
        match &err {
            ImportError::Row { line: l, field, .. } => {
                assert_eq!(*l, line, "{err}");
                assert_eq!(field, col, "{err}");
            }
            other => panic!("expected a row error, got {other}"),
        }
        let message = err.to_string();
        assert!(message.contains(&format!("line {line}")), "{message}");
        assert!(message.contains(col), "{message}");
        assert_eq!(scalar::<i64>(&store, "SELECT count(*) FROM events"), 0);

        let mut quarantine: Vec<u8> = Vec::new();
        let report = store
            .import_file(
                Format::Ucdp,
                &sample,
                ImportOptions {
                    quarantine: Some(&mut quarantine),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(report.counts.read, 40);
        assert_eq!(report.counts.inserted, 39);
        assert_eq!(report.counts.rejected, 1);
        assert_eq!(scalar::<i64>(&store, "SELECT count(*) FROM events"), 39);
        let q = String::from_utf8(quarantine).unwrap();
        let mut qr = csv::Reader::from_reader(q.as_bytes());
        let recs: Vec<csv::StringRecord> = qr.records().map(Result::unwrap).collect();
        assert_eq!(recs.len(), 1, "{q}");
        assert_eq!(&recs[0][1], line.to_string().as_str());
        assert_eq!(&recs[0][2], col);
        assert!(recs[0].iter().any(|f| f == value), "{q}");
    }
}

#[test]
fn bad_ocved_and_kingpin_rows_name_their_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(&dir);
    let ocved = dir.path().join("ocved.csv");
    std::fs::write(
        &ocved,
        "date,date_iso,year,month,day,state,cvegeo_int,counter,actor_main,actor_sub,longitude,latitude\n\
         20000105,2000-01-05,2000,1,5,7,7024,1,Other,Los Campesinos,-92.2575,16.6575\n\
         20000105,2000-01-05,2000,1,5,8,7059,1,Other,Los Campesinos,-92.09,16.90\n",
    )
    .unwrap();
    match store.import_file(Format::Ocved, &ocved, ImportOptions::default()) {
        Err(ImportError::Row { line, field, .. }) => {
            assert_eq!((line, field.as_str()), (3, "state"))
        }
        other => panic!("expected a row error, got {other:?}"),
    }
    let kp = dir.path().join("kingpins.csv");
    std::fs::write(
        &kp,
        "date,date_precision,event_type,name,alias,organization,place,cve_ent,source_url,note\n\
         2026-02-22,day,vanished,Someone,,CJNG,Tapalpa,14,https://example.org,\n",
    )
    .unwrap();
    match store.import_file(Format::Kingpins, &kp, ImportOptions::default()) {
        Err(ImportError::Row { line, field, .. }) => {
            assert_eq!((line, field.as_str()), (2, "event_type"))
        }
        other => panic!("expected a row error, got {other:?}"),
    }
    assert_eq!(scalar::<i64>(&store, "SELECT count(*) FROM events"), 0);
    assert_eq!(
        scalar::<i64>(&store, "SELECT count(*) FROM interventions"),
        0
    );
}

/// The real UCDP file, whose `source_original` and other quoted fields hold line breaks,
/// rewritten with LF and with CRLF row ends (what Excel and Python's csv module write) and
/// one bad latitude: the error names the physical line a text editor shows for the row.
#[test]
fn ucdp_bad_rows_are_reported_at_their_physical_line_with_lf_and_crlf() {
    let Some(path) = data_file(UCDP) else { return };
    let mut rd = csv::Reader::from_reader(flate2::read::MultiGzDecoder::new(
        std::fs::File::open(&path).unwrap(),
    ));
    let headers = rd.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let lat = headers.iter().position(|h| h == "latitude").unwrap();
    // A row well after many multi-line ones.
    let bad = 5_155;
    let multi = rows[..bad]
        .iter()
        .filter(|r| r.iter().any(|f| f.contains('\n')))
        .count();
    assert!(
        multi > 100,
        "only {multi} multi-line rows before the bad one"
    );
    for (terminator, crlf) in [
        (csv::Terminator::Any(b'\n'), false),
        (csv::Terminator::CRLF, true),
    ] {
        let mut out = csv::WriterBuilder::new()
            .terminator(terminator)
            .from_writer(Vec::new());
        out.write_record(&headers).unwrap();
        let mut line = 0;
        for (i, row) in rows.iter().enumerate() {
            if i == bad {
                out.flush().unwrap();
                // Lines as an editor counts them: a \r\n is one break.
                let text = out.get_ref();
                line = 1 + text.iter().filter(|&&b| b == b'\n').count() as u64;
                let mut fields: Vec<&str> = row.iter().collect();
                fields[lat] = "31.4x77";
                out.write_record(&fields).unwrap();
            } else {
                out.write_record(row).unwrap();
            }
        }
        let bytes = out.into_inner().unwrap();
        assert_eq!(
            bytes.windows(2).filter(|w| w == b"\r\n").count() > rows.len(),
            crlf
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ged.csv");
        std::fs::write(&file, &bytes).unwrap();
        let mut store = open_store(&dir);
        match store.import_file(Format::Ucdp, &file, ImportOptions::default()) {
            Err(ImportError::Row { line: l, field, .. }) => {
                assert_eq!((l, field.as_str()), (line, "latitude"), "{terminator:?}")
            }
            other => panic!("expected a row error, got {other:?}"),
        }
    }
}
