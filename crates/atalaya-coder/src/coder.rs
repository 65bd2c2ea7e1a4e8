//! A deterministic rule-based coder of English and Spanish news: the types it returns and
//! `code()`, the pipeline. Its stages, in order: `segment` (dateline, opinion, clauses),
//! `tokens` (words), `actors` and `mentions` (what a clause names), then per clause
//! `dates`, `measures`, `figures`, `triggers`, `leaders`, `kinds` and `assemble`, all run by
//! `resolve`, which completes each clause from the ones before it and merges repeats.

use std::collections::BTreeMap;

use atalaya_core::EventKind;
use chrono::NaiveDate;
use serde::Serialize;

use crate::mentions::Clause;
use crate::resolve::Document;
use crate::segment;
use crate::tokens::detect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Auto,
    En,
    Es,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(Lang::Auto),
            "en" => Ok(Lang::En),
            "es" => Ok(Lang::Es),
            o => Err(format!("unknown language {o:?} (auto, en, es)")),
        }
    }
}

/// Character offsets `[start, end)` into the text, and the quoted sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodedEvent {
    pub kind: EventKind,
    pub date: Option<String>,
    pub state: Option<String>,
    /// 5-digit INEGI code, when the text names a municipality or city inside `state`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    pub actors: Vec<String>,
    pub measures: BTreeMap<String, f64>,
    pub span: (usize, usize),
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub measure: String,
    pub value: f64,
    pub unit: String,
    pub scope: String,
    /// The period the figure covers when the text says it: a year ("2025"), years
    /// ("2019-2024"), or months ("2025-01..2025-05" for "since January"); null otherwise.
    pub period: Option<String>,
    pub span: (usize, usize),
    pub quote: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coded {
    pub events: Vec<CodedEvent>,
    pub figures: Vec<Figure>,
}

/// Codes `text`, published on `published`, into events and figures: segment → words →
/// mentions (actors, places) per clause, then per clause in order its triggers, kinds and
/// events, resolved against what the clauses before it said.
pub fn code(text: &str, published: NaiveDate, lang: Lang) -> Coded {
    let lang = match lang {
        Lang::Auto => detect(text),
        l => l,
    };
    // At most one char per byte: one allocation, where collecting grows the vector; an
    // ASCII text (most) is widened byte by byte.
    let chars: Vec<char> = if text.is_ascii() {
        text.bytes().map(char::from).collect()
    } else {
        let mut chars = Vec::with_capacity(text.len());
        chars.extend(text.chars());
        chars
    };
    let body = segment::body_start(&chars);
    let dl = segment::dateline(&chars, body);
    let dl_state = dl.and_then(|d| d.state);
    // An opinion piece codes nothing.
    if segment::opinion(&chars) {
        return Coded::default();
    }
    let clauses: Vec<Clause> = segment::clause_words(&chars, dl)
        .into_iter()
        .map(|(span, toks)| Clause::new(span, toks, dl_state))
        .collect();
    let mut doc = Document::new(&chars, published, lang, dl_state, &clauses);
    // A dateline below the first full sentence (a deck) opens the body: what stands above
    // it is the article's head.
    doc.body_start = dl.map_or(body, |d| body.max(d.start));
    for clause in &clauses {
        doc.code_clause(clause);
    }
    doc.finish()
}

#[cfg(test)]
mod tests {
    use crate::test_util::*;

    /// The whole pipeline on one report: a dateline, a weekday, a state, a count and the quote.
    #[test]
    fn blockade_with_count_en() {
        let text = "TIJUANA, Mar 3 — Gunmen blocked roads at 12 points across Baja California on Sunday with burning cars, officials said.";
        let c = code(text, d("2021-03-03"), Lang::Auto);
        let e = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::RoadBlockade)
            .unwrap();
        assert_eq!(e.state.as_deref(), Some("02"));
        assert_eq!(e.date.as_deref(), Some("2021-02-28"));
        assert_eq!(e.measures.get("blockades"), Some(&12.0));
        assert!(e.quote.contains("12 points"));
    }
}
