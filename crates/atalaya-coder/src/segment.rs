//! Segmentation, the first stage: the dateline ("CULIACÁN, Sin.—") and the state it names,
//! opinion pieces (which code nothing), and the clauses of the text — sentences that survive
//! abbreviations and datelines, split again at semicolons — as char spans.

use atalaya_core::gazetteer;
use atalaya_core::text::fold;

use crate::lexicon::ABBREVIATIONS;
use crate::places::{self, Place};
use crate::tokens::fold_char;

/// An opinion piece, told by its first word ("OPINION —", "Columna:").
pub(crate) fn opinion(chars: &[char]) -> bool {
    let mut opening = String::with_capacity(24);
    for &c in chars.iter().take(12) {
        fold_char(c, &mut opening);
    }
    [
        "opinion",
        "editorial",
        "column",
        "columna",
        "analysis",
        "analisis",
    ]
    .iter()
    .any(|w| opening.starts_with(w))
}

/// The clauses to read: each sentence's span and its words, the dateline left out of the
/// first one's words (it is quoted with it); sentences without words dropped.
pub(crate) fn clause_words(
    chars: &[char],
    skip: usize,
) -> Vec<((usize, usize), Vec<crate::tokens::Tok>)> {
    sentences(chars)
        .into_iter()
        .filter_map(|(s0, e)| {
            let toks = crate::tokens::tokenize(chars, s0.max(skip).min(e), e);
            (!toks.is_empty()).then_some(((s0, e), toks))
        })
        .collect()
}

/// Sentence spans `[start, end)` in chars.
pub(crate) fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c == ';' {
            out.push((start, i + 1));
            start = (i + 1..n).find(|&k| !chars[k].is_whitespace()).unwrap_or(n);
            i = start;
            continue;
        }
        if matches!(c, '.' | '!' | '?') {
            let mut end = i + 1;
            while end < n && matches!(chars[end], '"' | '”' | '’' | '\'' | ')') {
                end += 1;
            }
            let next = (end..n).find(|&k| !chars[k].is_whitespace());
            let boundary = end < n
                && chars[end].is_whitespace()
                && next.is_none_or(|k| {
                    chars[k].is_uppercase()
                        || chars[k].is_ascii_digit()
                        || matches!(chars[k], '"' | '“' | '¿' | '¡' | '«')
                });
            let mut ws = i;
            while ws > 0 && chars[ws - 1].is_alphabetic() {
                ws -= 1;
            }
            let word: String = chars[ws..i].iter().collect();
            let abbr = c == '.'
                && (ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                    || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
                    || (ws > 0 && chars[ws - 1] == '.'));
            if (boundary && !abbr) || end >= n {
                out.push((start, end.min(n)));
                start = next.unwrap_or(n);
                i = start;
                continue;
            }
        }
        i += 1;
    }
    if start < n && chars[start..].iter().any(|c| !c.is_whitespace()) {
        out.push((start, n));
    }
    out
}

/// The dateline ("CULIACÁN, Sin.—", "GUADALAJARA, May 2 —"): its end and the state it names.
pub(crate) fn dateline(chars: &[char]) -> Option<(usize, Option<&'static str>)> {
    let head = &chars[..chars.len().min(80)];
    let dash = head
        .iter()
        .position(|&c| c == '—' || c == '–')
        .or_else(|| {
            head.windows(3)
                .position(|w| w == [' ', '-', ' '])
                .map(|p| p + 1)
        })?;
    let prefix: String = chars[..dash].iter().collect();
    let place = prefix.split(',').next()?.trim();
    if place.is_empty() || place.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    // A bare "MÉXICO" heads news from the capital in the Mexican press.
    let f = fold(place);
    let mut state = if f == "mexico" {
        Some("09")
    } else {
        city_place(&f)
            .map(|p| p.state)
            .or_else(|| gazetteer::state_by_name(place).map(|s| s.code))
    };
    if state.is_none() {
        if let Some(rest) = prefix.split(',').nth(1) {
            state = gazetteer::state_by_name(rest.trim().trim_end_matches('.')).map(|s| s.code);
        }
    }
    Some((dash + 1, state))
}

/// The city a folded name stands for when the name alone supports its state.
fn city_place(f: &str) -> Option<Place> {
    let p = places::lookup(f);
    p.first().filter(|p| p.implies_state).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    #[test]
    fn sentences_survive_datelines_and_abbreviations() {
        let t = "CULIACÁN, Sin.— Gen. Pérez said troops arrived. A second sentence.";
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(sentences(&chars).len(), 2);
        assert_eq!(dateline(&chars).unwrap().1, Some("25"));
    }

    #[test]
    fn opinion_codes_nothing() {
        let t = "OPINION — Every time a kingpin is arrested, his lieutenants fight and killings rise in Sinaloa.";
        assert_eq!(code(t, d("2020-01-01"), Lang::Auto), Coded::default());
    }

    fn clauses(t: &str) -> Vec<String> {
        let chars: Vec<char> = t.chars().collect();
        sentences(&chars)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn clauses_end_at_semicolons_and_sentence_ends_only() {
        assert_eq!(
            clauses("Gunmen attacked a bar; six died. “Police arrived,” he said. 12 were hurt"),
            [
                "Gunmen attacked a bar;",
                "six died.",
                "“Police arrived,” he said.",
                "12 were hurt"
            ]
        );
        // An initial, an abbreviation or a lowercase word after the period ends nothing.
        assert_eq!(
            clauses("J. Pérez met Gen. Ruiz and the U.S. envoy. the end"),
            ["J. Pérez met Gen. Ruiz and the U.S. envoy. the end"]
        );
        // A quote closing after the period belongs to its sentence.
        assert_eq!(
            clauses("He said: \"They fled.\" Soldiers arrived."),
            ["He said: \"They fled.\"", "Soldiers arrived."]
        );
    }

    #[test]
    fn datelines_give_their_state_and_where_the_text_starts() {
        let dl = |t: &str| dateline(&t.chars().collect::<Vec<_>>());
        // A city that implies its state; a state's press abbreviation after the city.
        assert_eq!(dl("GUADALAJARA, May 2 — Gunmen…"), Some((20, Some("14"))));
        assert_eq!(
            dl("IGUALA, Gro., 3 de marzo.— El 1 de marzo…").unwrap().1,
            Some("12")
        );
        // A bare "MÉXICO" is the capital.
        assert_eq!(dl("MÉXICO, 5 de abril.— Miles…").unwrap().1, Some("09"));
        // A dateline is written in capitals; a dash inside running text is none.
        assert_eq!(dl("Hermosillo, Son.— Agentes detuvieron…"), None);
        assert_eq!(dl("Gunmen killed two men — police said — in Sonora."), None);
    }

    #[test]
    fn opinion_pieces_are_told_by_their_first_word() {
        let op = |t: &str| opinion(&t.chars().collect::<Vec<_>>());
        assert!(op("OPINION — Every time a kingpin falls…"));
        assert!(op("Columna: La violencia en Sinaloa"));
        assert!(op("Análisis / Los carteles"));
        assert!(!op("Gunmen killed two men in Sonora."));
    }
}
