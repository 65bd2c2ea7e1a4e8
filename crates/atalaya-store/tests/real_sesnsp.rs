//! The SESNSP importer on the shared real data: both layouts, long == wide, idempotent
//! re-import, and bad rows (strict and quarantined).
//!
//! Data: `$ATALAYA_DATA`, else `../shared/data` next to the workspace. Missing data fails
//! the test when `CI=true`, and skips it otherwise.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use atalaya_store::import::{Format, ImportError, ImportOptions};
use atalaya_store::Store;

const WIDE: &str = "stats/sesnsp_state_monthly_victims_2015_2025.csv";
const LONG: &str = "stats/sesnsp_victimas_estatal_long_2015_2025.csv.bz2";
const SIX: [&str; 6] = [
    "homicidio_doloso",
    "homicidio_doloso_arma_fuego",
    "feminicidio",
    "secuestro",
    "extorsion",
    "lesiones_dolosas",
];

use atalaya_store::shared_data::file_for_test as data_file;

fn open_store(dir: &tempfile::TempDir, name: &str) -> Store {
    Store::open(&dir.path().join(name)).expect("open store")
}

fn import(store: &mut Store, path: &Path) -> atalaya_store::import::ImportReport {
    store
        .import_file(Format::Sesnsp, path, ImportOptions::default())
        .unwrap_or_else(|e| panic!("import {}: {e}", path.display()))
}

fn scalar(store: &Store, sql: &str) -> i64 {
    store
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// indicator → (state, month) → value, for the given indicators.
type Values = BTreeMap<String, BTreeMap<(String, String), f64>>;

fn values(store: &Store, indicators: &[&str]) -> Values {
    let mut out = Values::new();
    let mut st = store
        .connection()
        .prepare("SELECT indicator, state, month, value FROM indicators WHERE indicator = ?1")
        .unwrap();
    for ind in indicators {
        let rows = st
            .query_map([ind], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, f64>(3)?,
                ))
            })
            .unwrap();
        for row in rows {
            let (i, s, m, v) = row.unwrap();
            out.entry(i).or_default().insert((s, m), v);
        }
    }
    out
}

#[test]
fn wide_layout_real_file() {
    let Some(path) = data_file(WIDE) else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(&dir, "wide.db");
    let report = import(&mut store, &path);
    assert_eq!(report.counts.read, 32 * 126);
    assert_eq!(report.counts.inserted, 32 * 126 * 6);
    assert_eq!(report.counts.rejected, 0);

    let hd = "FROM indicators WHERE indicator = 'homicidio_doloso'";
    assert_eq!(
        scalar(&store, &format!("SELECT COUNT(DISTINCT state) {hd}")),
        32
    );
    assert_eq!(
        scalar(&store, &format!("SELECT COUNT(DISTINCT month) {hd}")),
        126
    );
    assert_eq!(scalar(&store, &format!("SELECT COUNT(*) {hd}")), 32 * 126);
    let (first, last): (String, String) = store
        .connection()
        .query_row(&format!("SELECT MIN(month), MAX(month) {hd}"), [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((first.as_str(), last.as_str()), ("2015-01", "2025-06"));
    assert_eq!(
        scalar(
            &store,
            &format!("SELECT CAST(SUM(value) AS INTEGER) {hd} AND month LIKE '2019-%'")
        ),
        34_723
    );
    let states: Vec<String> = {
        let mut st = store
            .connection()
            .prepare(&format!("SELECT DISTINCT state {hd} ORDER BY state"))
            .unwrap();
        let rows = st.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let expected: Vec<String> = (1..=32).map(|n| format!("{n:02}")).collect();
    assert_eq!(states, expected);

    // Sinaloa before and after the arrest of "El Mayo" Zambada (25 July 2024).
    let sinaloa = &values(&store, &["homicidio_doloso"])["homicidio_doloso"];
    let month_values = |from: &str, to: &str| -> Vec<(String, f64)> {
        sinaloa
            .iter()
            .filter(|((s, m), _)| s == "25" && m.as_str() >= from && m.as_str() <= to)
            .map(|((_, m), v)| (m.clone(), *v))
            .collect()
    };
    let before = month_values("2023-09", "2024-08");
    assert_eq!(before.len(), 12);
    for (m, v) in &before {
        assert!(*v < 60.0, "Sinaloa {m}: {v}");
    }
    let after = month_values("2024-09", "2025-06");
    assert_eq!(after.len(), 10);
    for (m, v) in &after {
        assert!(*v > 110.0, "Sinaloa {m}: {v}");
    }

    let source: String = store
        .connection()
        .query_row(
            "SELECT source FROM indicators WHERE indicator = 'feminicidio' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        source,
        "SESNSP víctimas fuero común (estatal), file sesnsp_state_monthly_victims_2015_2025.csv"
    );

    // Re-importing the same file changes nothing.
    let again = import(&mut store, &path);
    assert_eq!(
        (again.counts.inserted, again.counts.updated),
        (0, 0),
        "{again:?}"
    );
    assert_eq!(again.counts.unchanged, 32 * 126 * 6);
}

#[test]
fn long_layout_reproduces_wide() {
    let (Some(wide), Some(long)) = (data_file(WIDE), data_file(LONG)) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_store(&dir, "wide.db");
    let mut ls = open_store(&dir, "long.db");
    import(&mut ws, &wide);
    let started = std::time::Instant::now();
    let report = import(&mut ls, &long);
    eprintln!("long import: {:?}, {report:?}", started.elapsed());
    assert_eq!(report.counts.read, 927_360);
    assert_eq!(report.counts.rejected, 0);

    let w = values(&ws, &SIX);
    let l = values(&ls, &SIX);
    for ind in SIX {
        let (wv, lv) = (&w[ind], &l[ind]);
        assert_eq!(wv.len(), 32 * 126, "{ind} (wide)");
        assert_eq!(lv.len(), wv.len(), "{ind}: long has other state-months");
        for (key, v) in wv {
            assert_eq!(lv.get(key), Some(v), "{ind} {key:?}");
        }
    }

    // The other subtypes come as their own indicators.
    for extra in [
        "homicidio_culposo",
        "lesiones_culposas",
        "trata_de_personas",
    ] {
        let n = scalar(
            &ls,
            &format!("SELECT COUNT(*) FROM indicators WHERE indicator = '{extra}'"),
        );
        assert_eq!(n, 32 * 126, "{extra}");
    }
    let source: String = ls
        .connection()
        .query_row(
            "SELECT source FROM indicators WHERE indicator = 'homicidio_doloso' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        source,
        "SESNSP víctimas fuero común (estatal), file sesnsp_victimas_estatal_long_2015_2025.csv.bz2"
    );
}

/// The wide file's header and first `n` data lines.
fn wide_head(path: &Path, n: usize) -> Vec<String> {
    let f = std::fs::File::open(path).unwrap();
    BufReader::new(f)
        .lines()
        .take(n + 1)
        .map(Result::unwrap)
        .collect()
}

fn write_lines(path: &Path, lines: &[String]) {
    let mut f = std::fs::File::create(path).unwrap();
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
}

fn expect_row_error(store: &mut Store, path: &Path, want_line: u64, want_field: &str) {
    match store.import_file(Format::Sesnsp, path, ImportOptions::default()) {
        Err(ImportError::Row {
            line,
            field,
            message,
            ..
        }) => {
            assert_eq!(
                (line, field.as_str()),
                (want_line, want_field),
                "message: {message}"
            );
        }
        other => panic!("expected a row error at line {want_line} field {want_field}: {other:?}"),
    }
    assert_eq!(scalar(store, "SELECT COUNT(*) FROM indicators"), 0);
}

#[test]
fn wide_bad_rows_strict_and_quarantined() {
    let Some(path) = data_file(WIDE) else { return };
    let good = wide_head(&path, 40);
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(&dir, "bad.db");
    let small = dir.path().join("small.csv");

    // Each bad row alone, placed as data line 5 (file line 6): strict refuses the file.
    let bad_rows = [
        ("2015-13,01,Aguascalientes,7,3,0,0,2,172", "month"),
        ("2015-01,33,Aguascalientes,7,3,0,0,2,172", "cve_ent"),
        ("2015-01,01,Zacatecas,7,3,0,0,2,172", "nombre_estado"),
        (
            "2015-01,01,Aguascalientes,7,x3,0,0,2,172",
            "homicidio_doloso_arma_fuego",
        ),
        ("2015-01,01,Aguascalientes,7,3,-1,0,2,172", "feminicidio"),
        ("2015-01,01,Aguascalientes,7,3,0,0.5,2,172", "secuestro"),
    ];
    // A row with a field missing: strict only, since the framework's quarantine writer
    // (import/mod.rs) refuses records whose length differs from the header's.
    let short_row = ("2015-01,01,Aguascalientes,7,3,0,0,2", "(row)");
    // A replacement for line 5 that does not duplicate another row: state 01, 2016-01.
    for (bad, field) in bad_rows.into_iter().chain([short_row]) {
        let mut lines = good.clone();
        lines[5] = bad.replace("2015-01", "2016-01");
        write_lines(&small, &lines);
        expect_row_error(&mut store, &small, 6, field);
    }
    // A duplicate state-month.
    let mut lines = good.clone();
    lines.push(good[1].clone());
    write_lines(&small, &lines);
    expect_row_error(&mut store, &small, 42, "(row)");

    // All of them at once, with a quarantine: good rows stored, bad ones written out.
    let mut lines = good.clone();
    for (bad, _) in bad_rows {
        lines.push(bad.replace("2015-01", "2016-01"));
    }
    write_lines(&small, &lines);
    let mut buf: Vec<u8> = Vec::new();
    let report = store
        .import_file(
            Format::Sesnsp,
            &small,
            ImportOptions {
                quarantine: Some(&mut buf),
                ..Default::default()
            },
        )
        .expect("quarantined import");
    assert_eq!(report.counts.read, 40 + bad_rows.len() as u64);
    assert_eq!(report.counts.rejected, bad_rows.len() as u64);
    assert_eq!(report.counts.inserted, 40 * 6);
    assert_eq!(scalar(&store, "SELECT COUNT(*) FROM indicators"), 40 * 6);

    let mut q = csv::Reader::from_reader(buf.as_slice());
    let header: Vec<String> = q.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..4], ["_file", "_line", "_field", "_reason"]);
    let rows: Vec<csv::StringRecord> = q.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), bad_rows.len());
    for (i, (row, (_, field))) in rows.iter().zip(bad_rows).enumerate() {
        assert_eq!(&row[1], (42 + i).to_string(), "{row:?}");
        assert_eq!(&row[2], field, "{row:?}");
        assert!(!row[3].is_empty(), "no reason: {row:?}");
    }
}

#[test]
fn long_bad_rows_strict_and_quarantined() {
    let Some(path) = data_file(LONG) else { return };
    // The first 30 data lines (Aguascalientes, homicidio doloso con arma de fuego).
    let reader = BufReader::new(bzip2::read::BzDecoder::new(
        std::fs::File::open(&path).unwrap(),
    ));
    let good: Vec<String> = reader.lines().take(31).map(Result::unwrap).collect();
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(&dir, "long-bad.db");
    let small = dir.path().join("small_long.csv");

    let base = "2016-01-15,2016,01,01,Aguascalientes,La vida y la Integridad corporal,Homicidio,Homicidio doloso,Con arma de fuego,Hombre,Adultos (18 y más),4";
    let bad_rows = [
        (base.replace("2016-01-15", "2016-13-15"), "date_year_month"),
        (base.replace(",2016,01,", ",2016,02,"), "n_month"),
        (
            base.replace(",01,Aguascalientes", ",40,Aguascalientes"),
            "cve_ent",
        ),
        (base.replace("Aguascalientes", "Atlantis"), "nombre_estado"),
        (base.replace(",4", ",cuatro"), "n_victimas"),
        (base.replace(",4", ",-4"), "n_victimas"),
    ];
    // Strict only (see wide_bad_rows_strict_and_quarantined).
    let short_row = (base.replace(",Hombre", ""), "(row)");
    for (bad, field) in bad_rows.iter().chain([&short_row]) {
        let mut lines = good.clone();
        lines.push(bad.clone());
        write_lines(&small, &lines);
        expect_row_error(&mut store, &small, 32, field);
    }

    let mut lines = good.clone();
    lines.push(base.to_string());
    for (bad, _) in &bad_rows {
        lines.push(bad.clone());
    }
    lines.push(base.to_string()); // a duplicate of the good row above
    write_lines(&small, &lines);
    let mut buf: Vec<u8> = Vec::new();
    let report = store
        .import_file(
            Format::Sesnsp,
            &small,
            ImportOptions {
                quarantine: Some(&mut buf),
                ..Default::default()
            },
        )
        .expect("quarantined import");
    assert_eq!(report.counts.rejected, bad_rows.len() as u64 + 1);
    let q = String::from_utf8(buf).unwrap();
    assert_eq!(q.lines().count(), 1 + bad_rows.len() + 1, "{q}");
    assert!(q.contains("duplicate"), "{q}");
    // The good rows are summed: 2016-01 has the one row with 4 victims.
    let v = scalar(
        &store,
        "SELECT CAST(value AS INTEGER) FROM indicators WHERE indicator = 'homicidio_doloso_arma_fuego' AND state = '01' AND month = '2016-01'",
    );
    assert_eq!(v, 4);
    let v = scalar(
        &store,
        "SELECT CAST(value AS INTEGER) FROM indicators WHERE indicator = 'homicidio_doloso' AND state = '01' AND month = '2016-01'",
    );
    assert_eq!(v, 4);
}
