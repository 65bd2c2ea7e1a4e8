//! Triggers: whether a clause holds any word that can start an event (the cheap filter most
//! clauses stop at), and the denials that cancel one.

use crate::lexicon::*;
use crate::tokens::{has, is};

/// Every word that can start an event (the trigger lexicons together), by first byte: a
/// clause with none of them and no number codes nothing, and most text is such clauses.
pub(crate) fn trigger_index() -> &'static [Vec<&'static str>] {
    static I: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    I.get_or_init(|| {
        let mut by_byte: Vec<Vec<&'static str>> = vec![Vec::new(); 256];
        let lists: [&[&'static str]; 17] = [
            &KILL,
            &WOUND,
            &CLASH,
            &AMBUSH,
            &ATTACK,
            &BLOCKADE,
            &ARSON,
            &EXPLOSIVE,
            &DRONE,
            &EXTRADITION,
            &ARREST,
            &SEIZURE,
            &KIDNAP,
            &DISAPPEAR,
            &PROTEST,
            &[
                "caught", "handed", "entreg*", "sent", "shot", "gunned", "perdio",
            ],
            &[
                "herido",
                "herida",
                "lesionado",
                "lesionada",
                "paradero",
                "whereabouts",
            ],
        ];
        for l in lists {
            for p in l {
                by_byte[p.as_bytes()[0] as usize].push(p);
            }
        }
        by_byte
    })
}

pub(crate) fn any_trigger(words: &[&str]) -> bool {
    let idx = trigger_index();
    words.iter().any(|w| {
        w.as_bytes()
            .first()
            .is_some_and(|&b| is(w, &idx[b as usize]))
    })
}

/// Denials: "denied", "negó", "desmintió"; a rejection only of claims or reports (a court
/// rejecting an appeal denies nothing).
pub(crate) fn denial(words: &[&str]) -> bool {
    has(
        words,
        &[
            "deny",
            "denied",
            "denies",
            "nego",
            "niega",
            "negaron",
            "desmint*",
            "desminti*",
        ],
    ) || (0..words.len()).any(|p| {
        is(words[p], &["reject*", "rechaz*"])
            && has(
                &words[p + 1..(p + 5).min(words.len())],
                &[
                    "claim*",
                    "report*",
                    "accusation*",
                    "allegation*",
                    "that",
                    "que",
                    "version*",
                    "senalamiento*",
                    "acusacion*",
                    "informacion*",
                ],
            )
    })
}
