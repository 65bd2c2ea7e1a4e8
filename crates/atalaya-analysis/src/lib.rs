//! Analyses that read the store's aggregates and return plain results: the kingpin impact
//! study, forecasts with their backtests and alerts, territory and conflict indicators. No file parsing and no
//! output formats here: the CLI and the server render what these functions return.

pub mod forecast;
pub mod impact;
pub mod indicators;
pub mod panel;
pub mod territory;

pub use panel::{Panel, PanelQuery};

/// Why an analysis could not run.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error(transparent)]
    Store(#[from] atalaya_store::StoreError),
    /// The request itself is wrong (unknown state, empty window, …).
    #[error("{0}")]
    Invalid(String),
    /// The data cannot support the analysis (too few periods after the date, no events…).
    #[error("{0}")]
    InsufficientData(String),
}
