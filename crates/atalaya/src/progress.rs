//! Progress bars on stderr, drawn only when stderr is a terminal (quiet when piped).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A byte-based bar for reading a file, or a hidden one when stderr is not a terminal.
pub fn file_bar(label: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:30!} {bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        )
        .expect("static template")
        .progress_chars("=> "),
    );
    bar.set_message(label.to_string());
    bar
}

/// A bar counting rows (events written or generated) out of `total` when it is known,
/// or hidden when stderr is not a terminal. Ticking it per row is cheap.
pub fn rows_bar(label: &str, total: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(n) => (
            ProgressBar::new(n),
            "{msg:30!} {bar:40} {human_pos}/{human_len} rows ({per_sec}, {eta})",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{msg:30!} {spinner} {human_pos} rows ({per_sec})",
        ),
    };
    bar.set_style(
        ProgressStyle::with_template(template)
            .expect("static template")
            .progress_chars("=> "),
    );
    bar.set_message(label.to_string());
    bar
}

/// A bar counting items (articles), or a hidden one when stderr is not a terminal.
pub fn item_bar(label: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg:20!} {bar:40} {pos}/{len} ({per_sec}, {eta})")
            .expect("static template")
            .progress_chars("=> "),
    );
    bar.set_message(label.to_string());
    bar
}
