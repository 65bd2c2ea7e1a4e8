//! Leaders: whether a clause speaks of a group's head ("cartel leader", "líder del CJNG",
//! a son of El Chapo), leaders the text presented earlier and named again ("Guzmán") or
//! known by nickname ("El Chapo"), and the names a clause presents as leaders' for later.

use crate::assemble::Reading;
use crate::dates::{month, weekday};
use crate::lexicon::*;
use crate::tokens::{has, has_seq, is, Tok};

/// A clause's cues of a leader, and the names earlier clauses presented as leaders'.
pub(crate) struct Leaders<'a> {
    toks: &'a [Tok],
    words: &'a [&'a str],
    actor_spans: &'a [(usize, usize)],
    names: &'a [String],
    /// The clause calls someone a group's leader.
    pub(crate) word: bool,
    /// Los Chapitos are the sons of El Chapo: a son captured is one of its heads.
    pub(crate) son: bool,
}

impl<'a> Leaders<'a> {
    pub(crate) fn new(r: &'a Reading<'a>, names: &'a [String]) -> Self {
        let words = &r.words[..];
        let word = has(words, &LEADER)
            && (r.group_here.is_some()
                || has(
                    words,
                    &[
                        "cartel*", "gang*", "organi*", "faction*", "faccion*", "carteles",
                        "grupo",
                    ],
                ))
            // A plaza boss ("jefe de plaza") or a local or cell leader is an arrest, not a
            // leader.
            && !has_seq(words, &["plaza"], &["boss", "bosses"])
            && !has_seq(
                words,
                &["local", "regional", "cell", "mid-level", "low-level"],
                &["leader*", "boss", "bosses", "head", "chief"],
            )
            && !has_seq(words, &["lider*", "jefe*"], &["local*", "regional*"])
            && !words
                .windows(3)
                .any(|w| is(w[0], &["jefe", "jefes"]) && w[2] == "plaza");
        let son = r.clause.actors.contains(&"Los Chapitos")
            && has_seq(words, &["sons", "son", "hijos", "hijo"], &["of", "de"]);
        Leaders {
            toks: &r.clause.toks,
            words,
            actor_spans: &r.clause.actor_spans,
            names,
            word,
            son,
        }
    }

    /// A leader the text named before ("Guzmán"), or known by nickname ("El Chapo"), at
    /// word `k`.
    fn known_at(&self, k: usize) -> bool {
        let (toks, words) = (self.toks, self.words);
        toks[k].cap
            && !self.actor_spans.iter().any(|&(a, b)| a <= k && k < b)
            && (self.names.iter().any(|n| *n == toks[k].low)
                || k > 0 && matches!(words[k - 1], "el" | "la") && is(words[k], &KNOWN_LEADERS))
    }

    /// A known leader right next to the word `p` that captures or kills.
    pub(crate) fn near(&self, p: usize) -> bool {
        let words = self.words;
        (p.saturating_sub(4)..(p + 5).min(words.len())).any(|k| k != p && self.known_at(k))
            // The subject of a passive: "Guzmán fled … and was caught by police".
            || (self.known_at(0) && p > 0 && matches!(words[p - 1], "was" | "fue" | "been"))
    }

    /// Remember who was presented as a leader: later sentences name them alone. The
    /// capitalised words of a clause that names a leader, but for actors, places, dates and
    /// words that are no names.
    pub(crate) fn new_names(&self, r: &Reading) -> Vec<String> {
        let known_leader = (0..self.toks.len()).any(|k| self.known_at(k));
        let mut new_names: Vec<String> = Vec::new();
        if self.word || known_leader {
            for (k, t) in self.toks.iter().enumerate() {
                if k > 0
                    && t.cap
                    && t.low.len() >= 4
                    && !self.actor_spans.iter().any(|&(a, b)| a <= k && k < b)
                    && !r
                        .clause
                        .mentions
                        .iter()
                        .any(|m| m.at <= k && k < m.at + m.len)
                    && weekday(&t.low).is_none()
                    && month(&t.low).is_none()
                    && !NOT_A_NAME.contains(&t.low.as_str())
                    && !self.names.contains(&t.low)
                {
                    new_names.push(t.low.clone());
                }
            }
        }
        new_names
    }
}
