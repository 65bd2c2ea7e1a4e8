//! Codes every document of a JSONL file (`text`, `published`) R times on one thread and
//! prints the events coded and the seconds per pass: the coder alone, for A/B runs of two
//! builds and for profilers (`valgrind --tool=callgrind`), as in docs/benchmarks.md:
//! `cargo run --release -p atalaya-coder --example prof -- HEADLINES.jsonl 5`.
use atalaya_coder::{code, Lang};
use chrono::NaiveDate;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: prof FILE.jsonl [REPEAT]");
    let reps: usize = std::env::args()
        .nth(2)
        .map_or(1, |r| r.parse().expect("REPEAT is a whole number"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let default_day = NaiveDate::from_ymd_opt(2020, 1, 1).expect("a valid day");
    let docs: Vec<(String, NaiveDate)> = text
        .lines()
        .enumerate()
        .map(|(n, l)| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
            let day = v["published"]
                .as_str()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .unwrap_or(default_day);
            let text = v["text"]
                .as_str()
                .unwrap_or_else(|| panic!("{path}:{}: no \"text\"", n + 1));
            (text.to_string(), day)
        })
        .collect();
    let mut n = 0;
    let t = std::time::Instant::now();
    for _ in 0..reps {
        for (text, d) in &docs {
            n += code(text, *d, Lang::Auto).events.len();
        }
    }
    eprintln!(
        "{n} events, {:.3} s per pass",
        t.elapsed().as_secs_f64() / reps as f64
    );
}
