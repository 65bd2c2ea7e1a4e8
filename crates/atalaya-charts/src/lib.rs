//! SVG charts shared by the CLI (`--svg`) and the dashboard. Pure string building: inputs
//! are plain numbers and labels, outputs a standalone SVG document. The only dependency is
//! serde_json, to read boundary files (GeoJSON, TopoJSON).

pub mod event_study;
pub mod forecast;
pub mod municipal_map;
pub mod plot;
pub mod scaling;
pub mod state_map;
pub mod topojson;

pub use forecast::{forecast_chart, ForecastPoint};
pub use plot::{escape, nice_ticks, Frame, LinearScale, Svg};
pub use scaling::{scaling_chart, ScalingSeries};
