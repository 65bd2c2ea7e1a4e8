//! Where the project's shared real data (UCDP, OCVED, SESNSP, INEGI files) is found by
//! tests and benchmarks: `$ATALAYA_DATA`, else `../shared/data` beside the workspace.

use std::path::{Path, PathBuf};

pub fn dir() -> PathBuf {
    std::env::var_os("ATALAYA_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// The shared data file `rel` for a test. Missing: under CI (`CI=true`) the test fails;
/// elsewhere it prints that it is skipped and gets `None`.
pub fn file_for_test(rel: &str) -> Option<PathBuf> {
    let path = dir().join(rel);
    if path.is_file() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{} not found: CI must have the shared data (or set ATALAYA_DATA)",
            path.display()
        );
    }
    eprintln!("skipped: {} not found", path.display());
    None
}
