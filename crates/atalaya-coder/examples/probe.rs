//! Codes lines `YYYY-MM-DD<TAB>text` from stdin (`\n` in the text stands for a line break)
//! and prints each document's events and figures as JSON (a development aid):
//! `printf '2024-01-05\tMatan a dos en Celaya\n' | cargo run -p atalaya-coder --example probe`.
use atalaya_coder::{code, Lang};
use chrono::NaiveDate;
use std::io::Read;

fn main() {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .expect("stdin is not UTF-8 text");
    for (n, line) in s.lines().enumerate() {
        let (d, t) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("stdin line {}: expected YYYY-MM-DD<TAB>text", n + 1));
        let day = NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("stdin line {}: date {d:?}: {e}", n + 1));
        let c = code(&t.replace("\\n", "\n"), day, Lang::Auto);
        println!(
            "{}",
            serde_json::to_string_pretty(&c).expect("events serialise")
        );
    }
}
