//! Triggers: whether a clause holds any word that can start an event (the cheap filter most
//! clauses stop at); the hypotheticals, denials and accidents that make a whole clause tell
//! no event; and, per trigger word, negation and attempts ("trying to capture").

use crate::coder::Lang;
use crate::lexicon::*;
use crate::tokens::{has, infinitive, is};

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

/// A clause that tells no deed: a hypothetical ("could", "podría", a Spanish "si"), a
/// denial, or an accident.
pub(crate) fn hypothetical(words: &[&str], lang: Lang) -> bool {
    // "si" is Spanish for "if" but a word in English texts ("Si" as a name is rare);
    // the other markers are unambiguous in either language.
    let conditional = lang == Lang::Es && words.contains(&"si");
    has(words, &HYPOTHETICAL) || conditional || denial(words) || has(words, &ACCIDENT)
}

/// A clause's words read for the triggers that tell a deed: not negated, not an attempt
/// or a purpose.
pub(crate) struct Deeds<'a> {
    pub(crate) words: &'a [&'a str],
    pub(crate) lang: Lang,
}

impl Deeds<'_> {
    /// A negation in the four words before word `p`.
    pub(crate) fn negated(&self, p: usize) -> bool {
        let words = self.words;
        NEGATION
            .iter()
            .any(|n| words[p.saturating_sub(4)..p].contains(n))
    }

    /// "trying to capture him", "para detenerlo", "intentaban capturarlo": an attempt or
    /// purpose, not a deed.
    pub(crate) fn attempt(&self, p: usize) -> bool {
        let words = self.words;
        (p > 0
            && (matches!(words[p - 1], "to" | "para")
                || is(words[p - 1], &["intent*", "trat*", "buscab*"])))
            || (self.lang == Lang::Es && infinitive(words[p]))
            // "para su captura", "for his capture": a purpose.
            || (p > 1
                && matches!(words[p - 2], "para" | "for" | "to")
                && matches!(words[p - 1], "su" | "sus" | "his" | "her" | "their" | "la" | "el" | "the"))
            // "dedicada al secuestro", "involved in kidnapping": what a group does,
            // not a deed.
            || (p > 1
                && matches!(words[p - 1], "al" | "a" | "to" | "in" | "of" | "del" | "de")
                && is(
                    words[p - 2],
                    &["dedicad*", "dedica", "dedicated", "involved", "accused", "acusad*", "linked", "vinculad*"],
                ))
    }

    /// The first word matching `pats` that tells a deed.
    pub(crate) fn trig(&self, pats: &[&str]) -> Option<usize> {
        (0..self.words.len())
            .find(|&p| is(self.words[p], pats) && !self.negated(p) && !self.attempt(p))
    }

    /// "an arrest warrant", "orden de aprehensión": no arrest yet.
    pub(crate) fn warrant(&self, p: usize) -> bool {
        let words = self.words;
        words.get(p + 1).is_some_and(|w| is(w, &["warrant*"]))
            || (p >= 2 && matches!(words[p - 2], "orden" | "ordenes") && words[p - 1] == "de")
    }
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
