//! Atalaya's domain: events, kinds, periods, the gazetteer of Mexican states and
//! municipalities, the actor registry, and the ACLED type mapping. Pure: no I/O.

pub mod acled;
pub mod actors;
pub mod event;
pub mod gazetteer;
pub mod period;
pub mod text;

pub use event::{DatePrecision, Event, EventKind, Measures, Origin, Review, Source};
