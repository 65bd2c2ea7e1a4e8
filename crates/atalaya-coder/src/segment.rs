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
