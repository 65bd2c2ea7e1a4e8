//! Shared by the CLI test files: running the built `atalaya` binary.

use std::ffi::OsStr;
use std::process::Command;

/// Runs `atalaya ARGS…`, fails the test with its stderr unless it succeeds, returns stdout.
pub fn run_ok<I, S>(args: I) -> Vec<u8>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_atalaya"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
