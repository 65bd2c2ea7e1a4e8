//! Segmentation, the first stage: the dateline ("CULIACÁN, Sin.—") and the state it names,
//! opinion pieces (which code nothing), and the clauses of the text — sentences that survive
//! abbreviations and datelines, split again at semicolons — as char spans.

use atalaya_core::gazetteer;
use atalaya_core::text::fold;

use crate::lexicon::{ABBREVIATIONS, COMMENTATORS, OPINION_OPENERS, SAID_VERBS};
use crate::places::{self, Place};
use crate::tokens::fold_char;

/// An opinion piece, told by its first word ("OPINION —", "Columna:").
pub(crate) fn opinion(chars: &[char]) -> bool {
    let mut opening = String::with_capacity(24);
    for &c in chars.iter().take(12) {
        fold_char(c, &mut opening);
    }
    OPINION_OPENERS.iter().any(|w| opening.starts_with(w))
}

/// A dateline: its chars `[start, end)` and the state it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dateline {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) state: Option<&'static str>,
}

/// The clauses to read: each sentence's span and its words, the dateline left out of its
/// sentence's words (it is quoted with it); sentences without words dropped.
pub(crate) fn clause_words(
    chars: &[char],
    dl: Option<Dateline>,
) -> Vec<((usize, usize), Vec<crate::tokens::Tok>)> {
    sentences(chars)
        .into_iter()
        .filter_map(|(s0, e)| {
            let from = match dl {
                Some(d) if s0 <= d.start && d.start < e => d.end.min(e),
                _ => s0,
            };
            if commentary(&chars[from..e]) {
                return None;
            }
            let toks = crate::tokens::tokenize(chars, from, e);
            (!toks.is_empty()).then_some(((s0, e), toks))
        })
        .collect()
}

/// A quoted comment attributed to a commentator ("\"Drones give the cartels an air force on
/// the cheap,\" said a security analyst…", "«…», dijo un investigador"): a view on events,
/// not a report of one.
fn commentary(sentence: &[char]) -> bool {
    let mut cs = sentence.iter().skip_while(|c| c.is_whitespace());
    if !matches!(cs.next(), Some('"' | '“' | '«')) {
        return false;
    }
    let rest: Vec<char> = cs.copied().collect();
    let Some(close) = rest.iter().position(|c| matches!(c, '"' | '”' | '»')) else {
        return false;
    };
    let mut after = String::new();
    for &c in &rest[close + 1..] {
        fold_char(c, &mut after);
    }
    let words: Vec<&str> = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .take(3)
        .any(|w| crate::tokens::is(w, &SAID_VERBS))
        && words
            .iter()
            .take(8)
            .any(|w| crate::tokens::is(w, &COMMENTATORS))
}

/// Whether a line ends as a sentence does (with its stop, or a quote or bracket after it).
fn ends_a_sentence(line: &[char]) -> bool {
    let mut end = line.iter().rev().skip_while(|c| c.is_whitespace());
    let mut last = end.next();
    while matches!(last, Some('"' | '”' | '’' | '\'' | ')' | '»')) {
        last = end.next();
    }
    matches!(last, Some('.' | '!' | '?' | ':'))
}

/// The lines `[start, end)` of the text, blank ones left out.
fn lines(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars
        .iter()
        .enumerate()
        .chain(std::iter::once((chars.len(), &'\n')))
    {
        if c == '\n' {
            if chars[start..i].iter().any(|c| !c.is_whitespace()) {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    out
}

/// Where the body of an article starts: after its headline, deck and byline, the lines
/// before the first that ends as a sentence does (0 when the text is one line or starts
/// with its body).
pub(crate) fn body_start(chars: &[char]) -> usize {
    // Most texts are one paragraph or one headline.
    if !chars.contains(&'\n') {
        return 0;
    }
    let ls = lines(chars);
    if ls.len() < 2 {
        return 0;
    }
    // A byline ("By …", "Por …", "Reporting from …") among the first lines ends the head:
    // a deck above it is a full sentence of the head, not the lead.
    let after_byline = ls
        .iter()
        .take(8)
        .position(|&(s, e)| byline(&chars[s..e]))
        .map_or(0, |k| k + 1);
    ls.iter()
        .skip(after_byline)
        .find(|&&(s, e)| ends_a_sentence(&chars[s..e]) || dateline_at(chars, s).is_some())
        .map_or(0, |&(s, _)| s)
}

/// A byline: "By Natalia Reyes and James Whitcomb", "Por Rosario Bareño", "Reporting from
/// Mexico City".
fn byline(line: &[char]) -> bool {
    let text: String = line.iter().collect();
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    let named = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    words.len() <= 12
        && !text.ends_with('.')
        && (matches!(words.first(), Some(&"By") | Some(&"Por")) && named(1)
            || text.starts_with("Reporting from"))
}

/// A semicolon inside a list of places ("marcharon en Culiacán, Sinaloa; Guadalajara,
/// Jalisco; Xalapa, Veracruz…"): the item before or after it is a few capitalised names.
fn place_list_item(chars: &[char], start: usize, at: usize) -> bool {
    let names_only = |span: &[char]| {
        let text: String = span.iter().collect();
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        (1..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "y" | "and")
            })
    };
    // The item before runs back to the last semicolon kept inside this clause; the one
    // after, to the next semicolon.
    let before_from = chars[start..at]
        .iter()
        .rposition(|c| *c == ';')
        .map_or(start, |k| start + k + 1);
    let next_end = (at + 1..chars.len())
        .find(|&k| matches!(chars[k], ';' | '.' | '\n'))
        .unwrap_or(chars.len());
    let before_item = before_from > start && names_only(&chars[before_from..at]);
    let after_item = chars.get(next_end) == Some(&';') && names_only(&chars[at + 1..next_end]);
    before_item || after_item
}

/// Sentence spans `[start, end)` in chars.
pub(crate) fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        // A line break ends a headline, a byline or a paragraph; a line wrapped inside a
        // sentence goes on in lower case.
        if c == '\n' {
            let next = (i..n).find(|&k| !chars[k].is_whitespace());
            let blank = chars[i + 1..next.unwrap_or(n)].contains(&'\n');
            let breaks = next.is_none_or(|k| {
                blank || !chars[k].is_lowercase() || ends_a_sentence(&chars[start..i])
            });
            if breaks {
                if chars[start..i].iter().any(|c| !c.is_whitespace()) {
                    out.push((start, i));
                }
                start = next.unwrap_or(n);
                i = start;
                continue;
            }
        }
        // "El jueves, cuatro policías fueron asesinados…, y hoy unos 90 agentes
        // protestaron": a second day told after a comma starts a clause of its own.
        // "…la amenaza de los explosivos: el 27 de mayo, seis militares murieron": a day
        // told after a colon starts the deed the words before it introduce.
        if (c == ','
            && (another_day(chars, i + 1)
                || another_deed(chars, start, i)
                || a_wave_after(chars, i + 1)))
            || (c == ':' && day_after_colon(chars, i + 1))
        {
            out.push((start, i + 1));
            start = (i + 1..n).find(|&k| !chars[k].is_whitespace()).unwrap_or(n);
            i = start;
            continue;
        }
        if c == ';' && !place_list_item(chars, start, i) {
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

/// After a colon at `at`: a day of the month ("el 27 de mayo", "on May 27") or of the
/// week ("el domingo", "on Sunday"), which opens a deed of its own.
fn day_after_colon(chars: &[char], at: usize) -> bool {
    let words = first_words(chars, at);
    let day = |w: &str| crate::dates::weekday(w).is_some();
    let month = |w: &str| crate::dates::month(w).is_some();
    let number = |w: &String| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty();
    match words.as_slice() {
        [a, b, ..] if matches!(a.as_str(), "el" | "on") => {
            day(b)
                || number(b) && words.get(2).is_some_and(|m| month(m) || m == "de")
                || month(b) && words.get(2).is_some_and(number)
        }
        _ => false,
    }
}

/// The first three words after `at`, folded; a number is a word of its digits.
fn first_words(chars: &[char], at: usize) -> Vec<String> {
    first_n_words(chars, at, 3)
}

/// The first `n` words after `at`, folded.
fn first_n_words(chars: &[char], at: usize, n: usize) -> Vec<String> {
    let mut k = at;
    let mut words: Vec<String> = Vec::with_capacity(n);
    while words.len() < n && k < chars.len() {
        while k < chars.len() && chars[k] == ' ' {
            k += 1;
        }
        let mut w = String::new();
        while k < chars.len() && chars[k].is_alphanumeric() {
            crate::tokens::fold_char(chars[k], &mut w);
            k += 1;
        }
        if w.is_empty() {
            break;
        }
        words.push(w);
    }
    words
}

/// After a comma at `at`: "and"/"y" and a day of its own ("y hoy", "and on Tuesday", "y el
/// sábado").
fn another_day(chars: &[char], at: usize) -> bool {
    let mut k = at;
    while k < chars.len() && chars[k] == ' ' {
        k += 1;
    }
    if !matches!(chars.get(k), Some('y' | 'a' | 'w' | 'm')) {
        return false;
    }
    let words = first_words(chars, k);
    let day = |w: &str| crate::dates::weekday(w).is_some();
    match words.as_slice() {
        [c, d, ..] if matches!(c.as_str(), "y" | "and" | "while" | "mientras") => {
            matches!(d.as_str(), "hoy" | "ayer" | "today" | "yesterday")
                || day(d)
                // "y la noche del domingo 20 de julio", "y el 5 de julio".
                || d == "la"
                    && words
                        .get(2)
                        .is_some_and(|x| matches!(x.as_str(), "noche" | "madrugada" | "tarde" | "manana"))
                || words
                    .get(2)
                    .is_some_and(|x| matches!(d.as_str(), "el" | "on" | "last") && day(x))
        }
        _ => false,
    }
}

/// After a comma at `at`: the incident told placed in a wave ("…on Saturday, part of a wave
/// of killings that left at least 27 people dead", "amid a spate of", "en medio de una ola
/// de"): the wave's toll is its own clause, not the incident's count.
fn a_wave_after(chars: &[char], at: usize) -> bool {
    let next = (at..chars.len()).find(|&k| chars[k] != ' ');
    if !next.is_some_and(|k| matches!(chars[k], 'p' | 'a' | 'e' | 'i')) {
        return false;
    }
    let words = first_n_words(chars, at, 5);
    let wave = |w: &String| {
        matches!(
            w.as_str(),
            "wave" | "spate" | "string" | "series" | "ola" | "serie"
        )
    };
    matches!(
        words.first().map(String::as_str),
        Some("part" | "amid" | "parte" | "en")
    ) && (words.first().is_some_and(|w| w != "en") || words.get(1).is_some_and(|w| w == "medio"))
        && words[1..].iter().any(wave)
}

/// After a comma at `at`: "and"/"y" and a subject of its own that tells another deed, the
/// words before it telling one ("their founder Nazario Moreno was killed in March 2014, and
/// their leader … was captured by federal police in Morelia"): each deed keeps its own day
/// and place.
fn another_deed(chars: &[char], start: usize, at: usize) -> bool {
    // Most commas are followed by neither word: read no further.
    let next = (at + 1..chars.len()).find(|&k| chars[k] != ' ');
    if !next.is_some_and(|k| matches!(chars[k], 'a' | 'y')) {
        return false;
    }
    let words = first_words(chars, at + 1);
    // A subject of its own: a determiner or a count ("…, and nine died in a shootout").
    let subject = match words.as_slice() {
        [c, d, ..] => {
            matches!(c.as_str(), "and" | "y")
                && (matches!(
                    d.as_str(),
                    "their"
                        | "his"
                        | "her"
                        | "its"
                        | "the"
                        | "su"
                        | "sus"
                        | "el"
                        | "la"
                        | "los"
                        | "las"
                ) || crate::numbers::is_number(d)
                    // "and nine died": a count that dies or is killed at once (not "four
                    // more died", the toll told).
                    && words.get(2).is_some_and(|v| {
                        matches!(v.as_str(), "died" | "were" | "murieron" | "fueron" | "mueren")
                    })
                    // "…, y también fueron capturados cinco delincuentes": a passive with a
                    // subject of its own after it.
                    || matches!(d.as_str(), "tambien" | "also")
                        && words.get(2).is_some_and(|v| {
                            matches!(v.as_str(), "fueron" | "fue" | "were" | "was" | "se")
                        }))
        }
        _ => false,
    };
    if !subject {
        return false;
    }
    let end = (at + 1..chars.len())
        .find(|&k| matches!(chars[k], '.' | ';' | '\n'))
        .unwrap_or(chars.len());
    let deed = |from: usize, to: usize| {
        let toks = crate::tokens::tokenize(chars, from, to);
        let words: Vec<&str> = toks.iter().map(|t| t.low.as_str()).collect();
        crate::triggers::any_trigger(&words)
    };
    deed(at + 1, end) && deed(start, at)
}

/// The dateline ("CULIACÁN, Sin.—", "GUADALAJARA, May 2 —", "CULIACÁN, Mexico (AP) —",
/// "Ciudad Juárez, Chih.-"), at the start of the text or of the first paragraph of an
/// article's body (after its headline and byline).
/// `body`: where the article's body starts (`body_start`); a deck or a byline may stand
/// between it and the dateline, so the next few lines are tried too.
pub(crate) fn dateline(chars: &[char], body: usize) -> Option<Dateline> {
    dateline_at(chars, 0).or_else(|| {
        if body == 0 {
            return None;
        }
        lines(chars)
            .into_iter()
            .filter(|&(s, _)| s >= body)
            .take(4)
            .find_map(|(s, _)| {
                let s = (s..chars.len()).find(|&k| !chars[k].is_whitespace())?;
                dateline_at(chars, s)
            })
    })
}

/// The dateline that starts at char `start`, if one does.
fn dateline_at(chars: &[char], start: usize) -> Option<Dateline> {
    // A dateline opens on its city's capital.
    if !chars.get(start).is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    let head = &chars[start..chars.len().min(start + 80)];
    let head = &head[..head.iter().position(|&c| c == '\n').unwrap_or(head.len())];
    // "N+ | Culiacán, Sin. | 31 de agosto de 2022", "Staff Mural | Guadalajara, Jal. |
    // Martes…": a byline whose part between bars is a city and its state.
    // One scan for the first dash or bar, and the first hyphen set off as a dash (" - ",
    // ".- "): most heads have neither.
    let (mut first_mark, mut first_hyphen) = (None, None);
    for (k, &c) in head.iter().enumerate() {
        if c == '—' || c == '–' || c == '|' {
            first_mark = Some(k);
            break;
        }
        if c == '-'
            && first_hyphen.is_none()
            && k > 0
            && matches!(head[k - 1], ' ' | '.')
            && head.get(k + 1) == Some(&' ')
        {
            first_hyphen = Some(k);
        }
    }
    if first_mark.is_some_and(|b| head[b] == '|' && head[b + 1..].contains(&'|')) {
        // The parts between bars, by char offsets; the text after the place's part (a date)
        // is read on.
        let bars: Vec<usize> = (0..head.len()).filter(|&k| head[k] == '|').collect();
        let parts = std::iter::once(0)
            .chain(bars.iter().map(|b| b + 1))
            .zip(bars.iter().copied().chain(std::iter::once(head.len())));
        for (a, b) in parts {
            let part: String = head[a..b].iter().collect();
            let Some((city, st)) = part.trim().split_once(',') else {
                continue;
            };
            if city.trim().is_empty() || city.split_whitespace().count() > 4 {
                continue;
            }
            if let Some(st) = gazetteer::state_by_name(st.trim().trim_end_matches('.')) {
                return Some(Dateline {
                    start,
                    end: start + (b + 1).min(head.len()),
                    state: Some(st.code),
                });
            }
        }
    }
    let dash = first_mark.or(first_hyphen).or_else(|| {
        // "Monterrey, N.L. (10 julio 2011).-" on a line of its own.
        head.ends_with(&['.', '-']).then(|| head.len() - 1)
    })?;
    let prefix: String = head[..dash].iter().collect();
    // The wire's name: "(AP)", "(Reuters)", "(EFE)".
    let wire = matches!((prefix.find('('), prefix.rfind(')')), (Some(a), Some(b)) if a < b);
    let prefix = match (prefix.find('('), prefix.rfind(')')) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &prefix[..a], &prefix[b + 1..]),
        _ => prefix,
    };
    let place = prefix.split(',').next()?.trim();
    // "CULIACÁN, Mexico (AP)": after a city, Mexico is the country, not the state.
    let rest_state = || {
        prefix
            .split(',')
            .nth(1)
            .map(|rest| rest.trim().trim_end_matches('.'))
            .filter(|rest| !matches!(fold(rest).as_str(), "mexico"))
            .and_then(gazetteer::state_by_name)
    };
    // A dateline's city is written in capitals, or followed by its state's abbreviation or
    // the wire's name ("Mexico City, Sep 13 (Notimex).-").
    if place.is_empty()
        || place.split_whitespace().count() > 4
        || place.chars().any(|c| c.is_lowercase()) && !wire && rest_state().is_none()
    {
        return None;
    }
    let end = start + dash + 1;
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
        state = rest_state().map(|s| s.code);
    }
    Some(Dateline { start, end, state })
}

/// The city a folded name stands for when the name alone supports its state.
fn city_place(f: &str) -> Option<Place> {
    let p = places::lookup(f);
    // A town of one state only ("SALINA CRUZ, Mexico (AP)") is as plain as a known city.
    p.first()
        .filter(|x| x.implies_state || p.iter().all(|y| y.state == x.state))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    /// A town of one state heads its dateline, and "Mexico" after it is the country.
    #[test]
    fn a_town_then_the_country_is_the_towns_state() {
        let chars: Vec<char> = "SALINA CRUZ, Mexico (AP) — A vessel was seized."
            .chars()
            .collect();
        assert_eq!(dateline(&chars, 0).unwrap().state, Some("20"));
    }

    #[test]
    fn sentences_survive_datelines_and_abbreviations() {
        let t = "CULIACÁN, Sin.— Gen. Pérez said troops arrived. A second sentence.";
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(sentences(&chars).len(), 2);
        assert_eq!(dateline(&chars, 0).unwrap().state, Some("25"));
    }

    /// A quoted comment by an analyst codes nothing; a quoted report by an official does.
    #[test]
    fn an_analysts_quoted_comment_codes_nothing() {
        for t in [
            "\"Drones give the cartels an air force on the cheap,\" said a security analyst in Mexico City who studies the region.",
            "\"It is a message to the state about what an arrest will cost,\" said a security researcher based in Guadalajara.",
            "«Cada detención desata una guerra», dijo un investigador de la UNAM.",
        ] {
            assert_eq!(code(t, d("2022-08-12"), Lang::Auto), Coded::default(), "{t}");
        }
        let t = "\"Gunmen killed two police officers in Celaya,\" said the state prosecutor.";
        assert_eq!(code(t, d("2022-08-12"), Lang::Auto).events.len(), 1);
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
    fn a_second_day_after_a_comma_starts_a_clause() {
        assert_eq!(
            clauses("El jueves, cuatro policías fueron asesinados, y hoy 90 agentes protestaron."),
            [
                "El jueves, cuatro policías fueron asesinados,",
                "y hoy 90 agentes protestaron."
            ]
        );
        assert_eq!(
            clauses("El 5 de julio, dos agentes fueron asesinados, y la noche del domingo un agente murió.")
                .len(),
            2
        );
        assert_eq!(
            clauses("Gunmen killed two men, and police said nothing."),
            ["Gunmen killed two men, and police said nothing."]
        );
    }

    #[test]
    fn a_day_after_a_colon_starts_a_clause() {
        assert_eq!(
            clauses("La región vive la amenaza de los explosivos: el 27 de mayo, seis militares murieron."),
            ["La región vive la amenaza de los explosivos:", "el 27 de mayo, seis militares murieron."]
        );
        assert_eq!(
            clauses("Threats grew: on Sunday two men were shot.").len(),
            2
        );
        // A colon before a quote or a list opens no day of its own.
        assert_eq!(
            clauses("He warned: \"they could attack on Sunday.\"").len(),
            1
        );
        assert_eq!(clauses("Entre ellos: el alcalde de Tepic.").len(), 1);
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
        let dl = |t: &str| {
            let c: Vec<char> = t.chars().collect();
            dateline(&c, body_start(&c)).map(|d| (d.end, d.state))
        };
        // A city that implies its state; a state's press abbreviation after the city.
        assert_eq!(dl("GUADALAJARA, May 2 — Gunmen…"), Some((20, Some("14"))));
        assert_eq!(
            dl("IGUALA, Gro., 3 de marzo.— El 1 de marzo…").unwrap().1,
            Some("12")
        );
        // A bare "MÉXICO" is the capital.
        assert_eq!(dl("MÉXICO, 5 de abril.— Miles…").unwrap().1, Some("09"));
        // A dateline is written in capitals, or its city is followed by its state's
        // abbreviation (the regional press); a dash inside running text is none.
        assert_eq!(
            dl("Hermosillo, Son.— Agentes detuvieron…").map(|d| d.1),
            Some(Some("26"))
        );
        // The regional press's place, date and time line: "Querétaro, Qro. | 10/11/2024".
        assert_eq!(
            dl("Ataque en bar\n\nQuerétaro, Qro. | 10/11/2024 | 11:20\n\nDiez personas murieron…")
                .map(|d| d.1),
            Some(Some("22"))
        );
        assert_eq!(
            dl("Suman 20 muertos\n\nEl Norte\nMonterrey, N.L. (10 julio 2011).-\n\nCon la muerte…")
                .map(|d| d.1),
            Some(Some("19"))
        );
        assert_eq!(dl("Gunmen killed two men — police said — in Sonora."), None);
        assert_eq!(
            dl("Police in Tijuana, officials said — two men died."),
            None
        );
    }

    /// A semicolon between places of a list keeps the list in one clause; one between
    /// deeds still ends a clause.
    #[test]
    fn semicolons_inside_a_list_of_places_do_not_split() {
        let clauses = |t: &str| sentences(&t.chars().collect::<Vec<_>>()).len();
        assert_eq!(
            clauses("Madres marcharon en Culiacán, Sinaloa; Guadalajara, Jalisco; Xalapa, Veracruz; y Hermosillo, Sonora."),
            1
        );
        assert_eq!(
            clauses("Gunmen killed three men in Culiacán; five more were wounded."),
            2
        );
    }

    #[test]
    fn a_bylines_place_between_bars_is_the_dateline() {
        let t: Vec<char> = "Asesinan a madre buscadora\n\nN+ | Culiacán, Sin. | 31 de agosto de 2022, 14:20 h\n\nRosario fue privada de la libertad en La Cruz."
            .chars()
            .collect();
        let dl = dateline(&t, body_start(&t)).expect("a dateline");
        assert_eq!(dl.state, Some("25"));
        let rest: String = t[dl.end..].iter().collect();
        assert!(rest.trim_start().starts_with("31 de agosto"), "{rest}");
    }

    #[test]
    fn opinion_pieces_are_told_by_their_first_word() {
        let op = |t: &str| opinion(&t.chars().collect::<Vec<_>>());
        assert!(op("OPINION — Every time a kingpin falls…"));
        assert!(op("Columna: La violencia en Sinaloa"));
        assert!(!op("Gunmen killed two men in Sonora."));
        // An analysis reports what happened: its events are coded.
        assert!(!op("Analysis | Two versions of one night in Sinaloa"));
        assert!(!op("Análisis: cuatro días, cuatro estados"));
    }

    #[test]
    fn an_articles_headline_byline_and_wire_dateline() {
        let t = "Gunmen kill 5 in Uruapan\n\nBy A. Reporter\n\nURUAPAN, Mexico (AP) — Gunmen killed five men on Sunday.\nPolice arrived\nlater that night.";
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(
            clauses(t),
            [
                "Gunmen kill 5 in Uruapan",
                "By A. Reporter",
                "URUAPAN, Mexico (AP) — Gunmen killed five men on Sunday.",
                // A line wrapped inside a sentence goes on.
                "Police arrived\nlater that night."
            ]
        );
        let body = body_start(&chars);
        assert_eq!(chars[body..].iter().take(7).collect::<String>(), "URUAPAN");
        let dl = dateline(&chars, body).unwrap();
        assert_eq!((dl.start, dl.state), (body, Some("16")));
        // Regional press: the city in lower case, then its state's abbreviation.
        let t: Vec<char> = "Ciudad Juárez, Chih.- Agentes detuvieron a dos hombres."
            .chars()
            .collect();
        assert_eq!(dateline(&t, 0).unwrap().state, Some("08"));
        // A wire's name marks a dateline written in lower case.
        let t: Vec<char> =
            "Mexico City, Sep 13 (Notimex).- Marines captured a Gulf Cartel boss in Tampico."
                .chars()
                .collect();
        assert_eq!(dateline(&t, 0).unwrap().state, Some("09"));
    }
}
