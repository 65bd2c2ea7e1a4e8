//! Runs saved fuzz inputs through the targets' code on stable Rust (no libFuzzer):
//! `replay TARGET FILE_OR_DIR…`. A panic is a failure, as under the fuzzer.
//! `replay pages DIR N` writes N synthetic news pages (seeds for `extract`).

use atalaya_store::import::Format;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(target) = args.next() else {
        eprintln!("usage: replay TARGET FILE_OR_DIR…");
        std::process::exit(2);
    };
    if target == "pages" {
        let (Some(dir), Some(n)) = (args.next(), args.next().and_then(|n| n.parse().ok())) else {
            eprintln!("usage: replay pages DIR N");
            std::process::exit(2);
        };
        atalaya_ingest::corpus::write_pages(std::path::Path::new(&dir), n, 1)
            .unwrap_or_else(|e| panic!("{dir}: {e}"));
        return;
    }
    let run: fn(&[u8]) = match target.as_str() {
        "import_acled" => |d| atalaya_fuzz::import(Format::Acled, d),
        "import_ucdp" => |d| atalaya_fuzz::import(Format::Ucdp, d),
        "import_ocved" => |d| atalaya_fuzz::import(Format::Ocved, d),
        "import_sesnsp" => |d| atalaya_fuzz::import(Format::Sesnsp, d),
        "import_kingpins" => |d| atalaya_fuzz::import(Format::Kingpins, d),
        "import_municipios" => |d| atalaya_fuzz::import(Format::Municipios, d),
        "coder" => atalaya_fuzz::coder,
        "feed" => atalaya_fuzz::feed,
        "extract" => atalaya_fuzz::extract,
        "api" => atalaya_fuzz::api,
        "numbers_dates" => atalaya_fuzz::numbers_dates,
        "geo" => atalaya_fuzz::geo,
        other => {
            eprintln!("replay: unknown target {other}");
            std::process::exit(2);
        }
    };
    let mut n = 0u64;
    for arg in args {
        let path = std::path::PathBuf::from(arg);
        let mut files: Vec<_> = if path.is_dir() {
            std::fs::read_dir(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .map(|e| e.expect("dir entry").path())
                .filter(|p| p.is_file())
                .collect()
        } else {
            vec![path]
        };
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                eprintln!("replay {target}: {} fails (above)", f.display());
                std::process::exit(1);
            }
            n += 1;
        }
    }
    println!("{target}: {n} inputs replayed, no failure");
}
