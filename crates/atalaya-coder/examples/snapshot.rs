//! Prints the coder's full output for every document of one or more JSONL files, one JSON
//! line per document, so a refactoring can be checked byte for byte against a saved run:
//! `cargo run -p atalaya-coder --example snapshot -- A.jsonl [B.jsonl …] > snap.txt`.
//! Each line of input needs `text`; `published` (`YYYY-MM-DD`, default 2020-01-01), `lang`
//! (`en`/`es`/`auto`, default auto) and `id` are optional. A document with a stated language
//! is coded twice, with it and with detection, so both paths stay pinned.
use atalaya_coder::{code, Lang};
use chrono::NaiveDate;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    assert!(
        !paths.is_empty(),
        "usage: snapshot FILE.jsonl [FILE.jsonl …]"
    );
    let default_day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
            let published = v["published"]
                .as_str()
                .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
                .unwrap_or(default_day);
            let lang = v["lang"]
                .as_str()
                .map(|l| l.parse::<Lang>().unwrap())
                .unwrap_or(Lang::Auto);
            let body = v["text"].as_str().unwrap();
            let id = v["id"]
                .as_str()
                .map_or_else(|| format!("line {}", n + 1), str::to_string);
            let mut out = serde_json::json!({
                "file": path.rsplit('/').next().unwrap_or(path),
                "id": id,
                "coded": code(body, published, lang),
            });
            if lang != Lang::Auto {
                out["auto"] = serde_json::to_value(code(body, published, Lang::Auto)).unwrap();
            }
            println!("{out}");
        }
    }
}
