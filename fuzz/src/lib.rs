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
