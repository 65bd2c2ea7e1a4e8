//! The news event coder: English or Spanish text → events and figures, each with the span
//! and quote it came from; and the scorer for a gold file (`shared/eval/README.md`).
//! Pure: no I/O, no database.

// Long functions hide the stages of the pipeline: none over 150 lines (`clippy.toml`).
#![warn(clippy::too_many_lines)]

mod actors;
mod assemble;
pub mod coder;
mod dates;
mod deaths;
pub mod eval;
mod figures;
mod kinds;
mod leaders;
pub mod learned;
pub mod lexicon;
mod measures;
mod mentions;
mod numbers;
mod places;
pub mod records;
mod resolve;
mod segment;
#[cfg(test)]
mod test_util;
mod tokens;
mod triggers;

pub use coder::{code, Coded, CodedEvent, Figure, Lang};
