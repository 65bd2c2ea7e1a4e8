//! The query layer analyses and views read through: events by filter, zero-filled series
//! from the aggregate tables, and what the store holds.

use atalaya_core::period::PeriodKind;
use atalaya_core::EventKind;
use chrono::NaiveDate;
use serde::Serialize;

/// What `series` groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    State,
    Kind,
    Actor,
}

/// What `series` counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measure {
    Events,
    Fatalities,
    /// An imported official monthly series ("homicidio_doloso").
    Indicator(String),
}

#[derive(Debug, Clone)]
pub struct SeriesQuery {
    pub period: PeriodKind,
    pub by: Option<By>,
    pub measure: Measure,
    pub state: Option<String>,
    pub kind: Option<EventKind>,
    pub actor: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub period: String,
    pub key: String,
    pub value: f64,
}
