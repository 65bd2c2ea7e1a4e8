//! SVG charts shared by the CLI (`--svg`) and the dashboard. Pure string building, no
//! dependencies: inputs are plain numbers and labels, outputs a standalone SVG document.

pub mod event_study;
pub mod plot;

pub use plot::{escape, nice_ticks, Frame, LinearScale, Svg};
