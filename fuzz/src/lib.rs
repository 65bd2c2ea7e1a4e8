//! What each fuzz target runs: the input goes through the same code as a user's file, page
//! or request would, and besides not panicking each target checks a promise the code makes.
//! The `replay` binary runs saved inputs through these functions on stable Rust.

use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;

use atalaya_store::import::{Format, ImportError, ImportOptions};
use atalaya_store::Store;
use chrono::NaiveDate;

/// Imports built on one store are reset after this many, to keep memory flat.
const IMPORTS_PER_STORE: u32 = 5_000;

struct ImportBench {
    store: Store,
    path: PathBuf,
    runs: u32,
}

thread_local! {
    static IMPORT: RefCell<Option<ImportBench>> = const { RefCell::new(None) };
}

fn events(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count events")
}

/// Physical lines as an editor shows them (LF, CRLF and lone CR each end one).
fn physical_lines(data: &[u8]) -> u64 {
    let mut n = 1;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'\n' => n += 1,
            b'\r' if data.get(i + 1) != Some(&b'\n') => n += 1,
            _ => {}
        }
        i += 1;
    }
    n
}

/// `atalaya import FORMAT` on `data` as a plain file. An odd-length input goes strict
/// (a refused file must leave the store exactly as it was), an even one with a quarantine
/// file (every row is parsed). A refused row's line must be a line of the file.
pub fn import(format: Format, data: &[u8]) {
    IMPORT.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|b| b.runs >= IMPORTS_PER_STORE) {
            let path = std::env::temp_dir().join(format!(
                "atalaya-fuzz-{}-{}.csv",
                std::process::id(),
                format.as_str()
            ));
            *cell = Some(ImportBench {
                store: Store::open_in_memory().expect("in-memory store"),
                path,
                runs: 0,
            });
        }
        let bench = cell.as_mut().expect("set above");
        bench.runs += 1;
        std::fs::File::create(&bench.path)
            .and_then(|mut f| f.write_all(data))
            .expect("write the input file");
        let before = events(&bench.store);
        let lines = physical_lines(data);
        let strict = data.len() % 2 == 1;
        let mut quarantined = Vec::new();
        let opts = ImportOptions {
            quarantine: (!strict).then_some(&mut quarantined as &mut dyn Write),
            progress: None,
        };
        let result = bench.store.import_file(format, &bench.path, opts);
        match &result {
            Err(ImportError::Row { line, .. }) | Err(ImportError::Read { line, .. }) => {
                assert!(
                    *line <= lines,
                    "line {line} of a {lines}-line file: {result:?}"
                );
            }
            _ => {}
        }
        if result.is_err() {
            assert_eq!(
                events(&bench.store),
                before,
                "a refused file changed the store: {result:?}"
            );
        }
    });
}

/// The news coder on any text, in each language mode.
pub fn coder(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let day = NaiveDate::from_ymd_opt(2024, 9, 12).expect("a day");
    let lang = match data.first().map(|b| b % 3) {
        Some(0) => atalaya_coder::Lang::En,
        Some(1) => atalaya_coder::Lang::Es,
        _ => atalaya_coder::Lang::Auto,
    };
    let coded = atalaya_coder::code(&text, day, lang);
    // Spans are character offsets into the text.
    let chars = text.chars().count();
    let spans = coded.events.iter().map(|e| e.span);
    for (a, b) in spans.chain(coded.figures.iter().map(|f| f.span)) {
        assert!(a <= b && b <= chars, "span {a}..{b} of {chars} characters");
    }
}

/// An RSS/Atom feed, as `atalaya ingest` reads one.
pub fn feed(data: &[u8]) {
    if let Ok(items) = atalaya_ingest::feed::parse(data, Some("https://example.org/feed")) {
        for item in items {
            if let Some(url) = &item.url {
                let _ = atalaya_ingest::canon::canonical_url(url);
            }
        }
    }
}

/// A saved or fetched page: decoding by the declared charset, then article extraction and
/// the published date.
pub fn extract(data: &[u8]) {
    let ct = match data.first().map(|b| b % 4) {
        Some(0) => Some("text/html; charset=windows-1252"),
        Some(1) => Some("text/html; charset=utf-8"),
        Some(2) => None,
        _ => Some("text/html; charset=iso-8859-1"),
    };
    let html = atalaya_ingest::extract::decode(data, ct);
    if let Ok(a) = atalaya_ingest::extract::article(&html, Some("https://example.org/a/1")) {
        let _ = atalaya_ingest::extract::tidy(&a.text);
    }
    let _ = atalaya_ingest::extract::parse_day(&html);
}

mod api;
pub use api::api;

/// Dates, periods and numbers as the importers, the API and the coder read them. A date or
/// period that parses prints back to the same day; a month is 1–12; the coder's counts
/// (digits, words and scales in both languages) and dates relative to publication stay
/// finite, non-negative and valid days.
pub fn numbers_dates(data: &[u8]) {
    use atalaya_core::period::{self, PeriodKind};
    let text = String::from_utf8_lossy(&data[..data.len().min(256)]);
    let s = text.as_ref();
    if let Ok(d) = period::parse_date(s) {
        assert_eq!(
            period::iso_date(d),
            s.trim(),
            "date {s:?} prints back differently"
        );
    }
    for kind in [PeriodKind::Week, PeriodKind::Month] {
        if let Ok(d) = period::parse_period(kind, s) {
            assert_eq!(
                period::period_start(kind, d),
                d,
                "{kind} {s:?} starts a period"
            );
            if (1..=9999).contains(&chrono::Datelike::year(&d)) {
                let label = period::period_label(kind, d);
                assert_eq!(
                    period::parse_period(kind, &label),
                    Ok(d),
                    "{kind} {s:?} prints as {label:?}, which reads back differently"
                );
            }
        }
    }
    // year * 12 + month - 1, of a year the importer accepts.
    if let Some(m) = atalaya_store::import::sesnsp::parse_month(s) {
        assert!((1900..=2999).contains(&(m / 12)), "month {m} from {s:?}");
        assert!(
            s.starts_with(&format!("{:04}-{:02}", m / 12, m % 12 + 1)),
            "{m} from {s:?}"
        );
    }
    let _ = atalaya_store::import::ucdp::date_precision(s);
    let _ = atalaya_store::import::kingpins::date_precision(s);
    let day = NaiveDate::from_ymd_opt(2024, 9, 12).expect("a day");
    for (text, lang) in [
        (
            format!("{s} personas fueron asesinadas en Culiacán, Sinaloa."),
            atalaya_coder::Lang::Es,
        ),
        (
            format!("{s} people were killed in Culiacán, Sinaloa."),
            atalaya_coder::Lang::En,
        ),
    ] {
        let coded = atalaya_coder::code(&text, day, lang);
        for e in &coded.events {
            for (name, v) in &e.measures {
                assert!(
                    v.is_finite() && *v >= 0.0,
                    "measure {name} = {v} from {text:?}"
                );
            }
            if let Some(d) = &e.date {
                assert!(period::parse_date(d).is_ok(), "date {d:?} from {text:?}");
            }
        }
        for f in &coded.figures {
            assert!(
                f.value.is_finite(),
                "figure {} = {} from {text:?}",
                f.measure,
                f.value
            );
        }
    }
}

/// Boundary files as `serve --geo` and `--municipal-geo` read them: a GeoJSON
/// FeatureCollection of states (first byte even) drawn as the state map, or a TopoJSON
/// (odd) read as any object's areas and as the municipal map. Refused files are errors,
/// never panics, and what is read draws.
pub fn geo(data: &[u8]) {
    use atalaya_charts::{municipal_map, state_map, topojson::Topology};
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if pick % 2 == 0 {
        if let Ok(outlines) = state_map::Outlines::parse(text) {
            let _ = state_map::render(&state_map::MapSpec {
                title: "t",
                description: "d",
                cells: &[],
                legend: &[],
                shapes: Some(&outlines.shapes),
                attribution: outlines.credit(false),
            });
        }
        return;
    }
    for object in ["municipios", "states"] {
        if let Ok(t) = Topology::parse(text, object) {
            for g in &t.geometries {
                let _ = t.rings(g);
            }
            let _ = t.bbox();
            let _ = t.borders(|g| g.id.get(..2).map(str::to_string));
        }
    }
    if let Ok(geom) = municipal_map::MunicipalGeometry::parse(text) {
        let values: Vec<municipal_map::AreaValue> = geom
            .ids()
            .take(3)
            .map(|id| municipal_map::AreaValue {
                id: id.to_string(),
                score: 1.5,
                events: 2,
            })
            .collect();
        let _ = municipal_map::render(
            &geom,
            &municipal_map::MunicipalMapSpec {
                title: "t",
                description: "d",
                source: "s",
                values: &values,
                place: &|id| id.to_string(),
                words: municipal_map::ENGLISH,
            },
        );
    }
}
