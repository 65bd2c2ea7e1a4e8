//! SVG charts shared by the CLI (`--svg`) and the dashboard. Pure string building, no
//! dependencies: inputs are plain numbers and labels, outputs a standalone SVG document.

pub mod forecast;
pub mod plot;

pub use forecast::{forecast_chart, ForecastPoint};
pub use plot::{escape, nice_ticks, Frame, LinearScale, Svg};
