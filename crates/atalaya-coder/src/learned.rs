//! Learned place priors: which state a municipality name stands for when a text names no
//! state and the rules cannot tell (a name several states share, or a small municipality's
//! name that is not clearly used as a place). Counted by `atalaya train-coder` on UCDP's Mexican
//! headlines (each coded by UCDP with its state, `adm_1`), held-out sets excluded, and
//! committed as `model/place_priors.tsv`: one row per name and state with the headlines
//! that name it alone and those of them in that state. A name stands for a state here only
//! on enough evidence (`MIN_HEADLINES`, `MIN_SHARE`); the rows a reviewer reads are the
//! evidence itself.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::mentions::{self, Mention};
use crate::segment;

/// Headlines that must name a place alone before its prior is used.
pub const MIN_HEADLINES: u32 = 5;
/// The share of them in one state for the name to stand for that state.
pub const MIN_SHARE: f64 = 0.8;

/// `name → (state, share)` for the names that pass both thresholds.
static PRIORS: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut best: FxHashMap<&'static str, (&'static str, u32, u32)> = FxHashMap::default();
    for (name, state, hits, total) in rows() {
        let e = best.entry(name).or_insert((state, 0, total));
        if hits > e.1 {
            *e = (state, hits, total);
        }
    }
    best.into_iter()
        .filter(|(_, (_, hits, total))| {
            *total >= MIN_HEADLINES && f64::from(*hits) >= MIN_SHARE * f64::from(*total)
        })
        .map(|(name, (state, _, _))| (name, state))
        .collect()
});

/// The committed table: `(name, state, headlines in that state, headlines naming it)`.
fn rows() -> impl Iterator<Item = (&'static str, &'static str, u32, u32)> {
    include_str!("../model/place_priors.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let n = |i: usize| f.get(i).and_then(|v| v.parse().ok()).unwrap_or(0);
            (f[0], f.get(1).copied().unwrap_or(""), n(2), n(3))
        })
}

/// The state the folded place name stands for when nothing else in the text says.
pub(crate) fn prior_state(name: &str) -> Option<&'static str> {
    PRIORS.get(name).copied()
}

/// The folded name of a mention.
fn name_of(toks: &[crate::tokens::Tok], m: &Mention) -> String {
    toks[m.at..m.at + m.len]
        .iter()
        .map(|t| t.low.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where no place in the clause gives a state, a name with a prior stands for its state:
/// that reading moves first and implies the state.
pub(crate) fn apply_priors(toks: &[crate::tokens::Tok], mentions: &mut [Mention]) {
    let strong = |m: &Mention| m.places.first().is_some_and(|p| p.implies_state);
    if mentions.iter().any(strong) {
        return;
    }
    for m in mentions.iter_mut().filter(|m| !m.places.is_empty()) {
        let Some(state) = prior_state(&name_of(toks, m)) else {
            continue;
        };
        if let Some(k) = m.places.iter().position(|p| p.state == state) {
            m.places.swap(0, k);
            m.places[0].implies_state = true;
        }
    }
}

/// For training: the place names of a text that names no state (nor a place that implies
/// one), each with the states it may stand for; empty otherwise. Read as the coder reads
/// places, before any prior.
pub fn unresolved_places(text: &str) -> Vec<(String, Vec<&'static str>)> {
    let chars: Vec<char> = text.chars().collect();
    let dl = segment::dateline(&chars, segment::body_start(&chars));
    if dl.is_some_and(|d| d.state.is_some()) {
        return Vec::new();
    }
    let mut out: Vec<(String, Vec<&'static str>)> = Vec::new();
    for (_, toks) in segment::clause_words(&chars, dl) {
        for m in mentions::unresolved_places(&toks) {
            if m.origin {
                continue;
            }
            if m.places.first().is_some_and(|p| p.implies_state) {
                return Vec::new();
            }
            {
                let mut states: Vec<&'static str> = m.places.iter().map(|p| p.state).collect();
                states.sort_unstable();
                states.dedup();
                let name = name_of(&toks, &m);
                if !out.iter().any(|(n, _)| *n == name) {
                    out.push((name, states));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_priors_table_is_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for (name, state, hits, total) in rows() {
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == ' ' || c == '-'),
                "{name:?} is not folded"
            );
            assert!(
                state.len() == 2 && ("01"..="32").contains(&state),
                "{name}: state {state:?}"
            );
            assert!(
                hits >= 1 && hits <= total,
                "{name} {state}: {hits} of {total}"
            );
            assert!(seen.insert((name, state)), "{name} {state} twice");
            // Every name in the table is a municipality's, and may be in that state.
            assert!(
                crate::places::lookup(name).iter().any(|p| p.state == state),
                "{name} is no municipality of {state}"
            );
        }
    }

    #[test]
    fn training_reads_only_texts_that_name_no_state() {
        let names = |t: &str| {
            unresolved_places(t)
                .into_iter()
                .map(|(n, _)| n)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("They kill two men in Tierra Blanca"),
            ["tierra blanca"]
        );
        assert!(names("They kill two men in Tierra Blanca, Veracruz").is_empty());
        assert!(names("They kill two men in Culiacán").is_empty());
    }
}
