//! Deaths told without a killing verb: phrases that state a death on their own ("shot to
//! death", "sin vida", "lost his life") and remains found or left ("They find a body",
//! "Hallan cadáver", "Human remains abandoned"). Real headlines tell most killings this way.
//! The word lists are `lexicon/{death_phrases,remains,finding}.txt`.

use std::sync::LazyLock;

use crate::lexicon::{
    self, ByFirstByte, DEATH_PHRASES, FINDING, PREMISES, REMAINS, TALLY_PHRASES, VEHICLES,
};
use crate::numbers;
use crate::tokens::is;

type Phrases = ByFirstByte<Vec<&'static str>>;

static PHRASES: LazyLock<Phrases> =
    LazyLock::new(|| ByFirstByte::new(lexicon::phrases(&DEATH_PHRASES), |p| p[0]));
static TALLIES: LazyLock<Phrases> =
    LazyLock::new(|| ByFirstByte::new(lexicon::phrases(&TALLY_PHRASES), |p| p[0]));
static REMAIN_WORDS: LazyLock<ByFirstByte<&'static str>> =
    LazyLock::new(|| ByFirstByte::new(REMAINS.iter().copied(), |p| p));
static FINDING_WORDS: LazyLock<ByFirstByte<&'static str>> =
    LazyLock::new(|| ByFirstByte::new(FINDING.iter().copied(), |p| p));

/// The length of the first phrase of `list` that starts at word `k`; `<n>` matches a number.
fn match_at(list: &Phrases, words: &[&str], k: usize) -> Option<usize> {
    let first = words.get(k)?;
    list.candidates(first)
        .find(|ph| {
            words.len() >= k + ph.len()
                && ph.iter().zip(&words[k..]).all(|(p, w)| {
                    if *p == "<n>" {
                        numbers::is_number(w)
                    } else {
                        is(w, &[p])
                    }
                })
        })
        .map(Vec::len)
}

/// The number of words of the death phrase that starts at word `k`, if one does.
fn phrase_at(words: &[&str], k: usize) -> Option<usize> {
    match_at(&PHRASES, words, k)
}

/// Whether the remains at word `p` are one person's: a singular word ("cadáver", "body",
/// "ejecutado", not "remains" or "bodies") with no number before it.
pub(crate) fn single_remains(words: &[&str], p: usize) -> bool {
    let w = words[p];
    (lexicon::is_in(w, &REMAIN_WORDS) || matches!(w, "ejecutado" | "ejecutada"))
        && !w.ends_with('s')
        && !matches!(w, "fosa" | "fosas" | "limbs" | "bones")
        && !words[p.saturating_sub(3)..p]
            .iter()
            .any(|w| numbers::is_number(w))
}

/// Whether the clause counts killings over a period or a spread (`tally_phrases.txt`).
pub(crate) fn tally_cue(words: &[&str]) -> bool {
    (0..words.len()).any(|k| match_at(&TALLIES, words, k).is_some())
}

/// Word `k` names remains: a body, bones, "charred", but not "charred vehicles".
fn remains_at(words: &[&str], k: usize) -> bool {
    lexicon::is_in(words[k], &REMAIN_WORDS)
        && !words
            .get(k + 1)
            .is_some_and(|w| is(w, &VEHICLES) || is(w, &PREMISES))
}

/// Whether a death is told at word `k`: a death phrase starts there, or it names remains.
pub(crate) fn death_at(words: &[&str], k: usize) -> bool {
    phrase_at(words, k).is_some() || remains_at(words, k)
}

/// Whether a death phrase ends right before word `b`, or one word before it ("take the life
/// of a man", "privan de la vida a un hombre"): the count at `b` is of the dead.
pub(crate) fn ends_before(words: &[&str], b: usize) -> bool {
    (b.saturating_sub(7)..b).any(|k| phrase_at(words, k).is_some_and(|n| k + n + 1 >= b))
}

/// Where the clause tells a death without a verb of `kill.txt`: the first death phrase, or
/// the first remains word when the clause also finds or leaves them.
pub(crate) fn statement(words: &[&str]) -> Option<usize> {
    let phrase = (0..words.len()).find(|&k| phrase_at(words, k).is_some());
    phrase.or_else(|| {
        let found = words.iter().any(|w| lexicon::is_in(w, &FINDING_WORDS));
        (0..words.len()).find(|&k| found && remains_at(words, k))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    fn statement_in(s: &str) -> Option<usize> {
        let w = words(s);
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        statement(&w)
    }

    #[test]
    fn phrases_and_found_remains_tell_a_death() {
        assert_eq!(
            statement_in("a man is shot to death in chilpancingo"),
            Some(3)
        );
        assert_eq!(statement_in("encuentran a dos personas sin vida"), Some(4));
        assert_eq!(statement_in("they find a body in the river"), Some(3));
        assert_eq!(statement_in("hallan cadaver en hacienda arriba"), Some(1));
        assert_eq!(statement_in("human remains abandoned in el orito"), Some(1));
    }

    #[test]
    fn remains_need_a_finding_and_vehicles_are_not_remains() {
        assert_eq!(statement_in("the body of the report"), None);
        assert_eq!(
            statement_in("they found charred vehicles on the road"),
            None
        );
        assert_eq!(statement_in("the man was shot in the leg"), None);
    }
}
