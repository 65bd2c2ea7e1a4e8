//! Helpers the stages' tests share: dates, the kinds coded, one event of a kind, headlines
//! coded on a fixed day, and a single clause read as the pipeline reads it.

pub(crate) use atalaya_core::EventKind;
pub(crate) use chrono::NaiveDate;

pub(crate) use crate::coder::{code, Coded, CodedEvent, Lang};
use crate::mentions::Clause;
use crate::tokens::{tokenize, Tok};

pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) fn kinds(c: &Coded) -> Vec<&'static str> {
    c.events.iter().map(|e| e.kind.as_str()).collect()
}

/// The first event of `kind`.
pub(crate) fn event(c: &Coded, kind: EventKind) -> &CodedEvent {
    c.events
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} in {:?}", kinds(c)))
}

/// The only event of `kind`.
pub(crate) fn one(c: &Coded, kind: EventKind) -> &CodedEvent {
    let found: Vec<&CodedEvent> = c.events.iter().filter(|e| e.kind == kind).collect();
    assert_eq!(found.len(), 1, "{:?}", c.events);
    found[0]
}

/// A headline coded as published on 2023-03-20.
pub(crate) fn coded(text: &str) -> Coded {
    code(
        text,
        NaiveDate::from_ymd_opt(2023, 3, 20).unwrap(),
        Lang::Auto,
    )
}

pub(crate) fn fatalities(text: &str) -> Vec<(EventKind, Option<f64>)> {
    coded(text)
        .events
        .iter()
        .map(|e| (e.kind, e.measures.get("fatalities").copied()))
        .collect()
}

pub(crate) fn kinds_and_states(text: &str) -> Vec<(EventKind, Option<String>)> {
    coded(text)
        .events
        .into_iter()
        .map(|e| (e.kind, e.state))
        .collect()
}

/// The state of each event coded from `text`.
pub(crate) fn states(text: &str) -> Vec<Option<String>> {
    kinds_and_states(text).into_iter().map(|(_, s)| s).collect()
}

/// The words of `text`, as one clause.
pub(crate) fn toks(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    tokenize(&chars, 0, chars.len())
}

/// `text` read as one clause: its words, actors and places (no dateline).
pub(crate) fn clause(text: &str) -> Clause {
    Clause::new((0, text.chars().count()), toks(text), None)
}
