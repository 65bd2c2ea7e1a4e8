//! Where the project's shared real data (UCDP, OCVED, SESNSP, INEGI files) is found by
//! tests and benchmarks: `$ATALAYA_DATA`, else `../shared/data` beside the workspace.

use std::path::{Path, PathBuf};

pub fn dir() -> PathBuf {
    if let Some(d) = std::env::var_os("ATALAYA_DATA") {
        return PathBuf::from(d);
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if built.is_dir() {
        return built;
    }
    // A build cache shared between clones (`CARGO_TARGET_DIR`) can keep a test binary built
    // in another clone, whose compile-time path is gone: look beside the current checkout.
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            cwd.ancestors()
                .map(|a| a.join("shared/data"))
                .find(|d| d.is_dir())
        })
        .unwrap_or(built)
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
