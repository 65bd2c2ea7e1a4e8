//! Figures: reported aggregates rather than incidents — totals over a period, shares,
//! bounties, running tallies — each with its scope and the period it covers.

use chrono::{Datelike, NaiveDate};

use crate::dates::month;
use crate::lexicon::*;
use crate::numbers::number_at;
use crate::tokens::{has, has_seq, is, Patterns, Tok};

/// A running total ("suman ya 50 detenidos", "so far this year") is no event; an event
/// told in the same sentence needs a count of its own.
pub(crate) fn running_total(words: &[&str]) -> bool {
    // Read for every clause that tells a deed: the lists by first byte.
    static ORDINALS: std::sync::LazyLock<WordIndex> =
        std::sync::LazyLock::new(|| WordIndex::new(&TALLY_ORDINALS));
    static RUNNING: std::sync::LazyLock<WordIndex> =
        std::sync::LazyLock::new(|| WordIndex::new(&RUNNING_TOTAL_VERBS));
    // "the fifth officer killed this year", "el quinto agente asesinado este año".
    // "the 37th extradition this year" too.
    let numbered = |w: &&str| {
        w.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && ["st", "nd", "rd", "th"].iter().any(|e| w.ends_with(e))
    };
    let ordinal_tally = (words.iter().any(|w| is_in(w, &ORDINALS)) || words.iter().any(numbered))
        && has(words, &TALLY_PERIODS);
    ordinal_tally
        || words.iter().any(|w| is_in(w, &RUNNING))
        || has_seq(words, &["so"], &["far"])
        || has_seq(words, &["to"], &["date"])
}

/// The period a sentence's figures cover, when it says: "between 2009 and 2014",
/// "2019-2024", "de 2006 a 2012" → years; "in 2009", "cerró 2018", "this year", "last
/// year" → a year; "since January", "desde 2006" → months up to the publication month.
pub(crate) fn figure_period(words: &[&str], published: NaiveDate) -> Option<String> {
    let year = |w: &str| w.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y));
    let (py, pm) = (published.year(), published.month());
    // Days without their year are the last such span up to publication.
    if let Some(((m1, y1), (m2, y2))) = date_span(words) {
        let y2 = y2.unwrap_or(if m2 > pm { py - 1 } else { py });
        let y1 = y1.unwrap_or(if m1 > m2 { y2 - 1 } else { y2 });
        return Some(format!("{y1}-{m1:02}..{y2}-{m2:02}"));
    }
    for (i, w) in words.iter().enumerate() {
        // "2019-2024" is one word.
        if let Some((a, b)) = w.split_once('-') {
            if let (Some(a), Some(b)) = (year(a), year(b)) {
                if a < b {
                    return Some(format!("{a}-{b}"));
                }
            }
        }
        let Some(y) = year(w) else { continue };
        let prev = if i > 0 { words[i - 1] } else { "" };
        let next2 = words.get(i + 1..(i + 3).min(words.len())).unwrap_or(&[]);
        if matches!(prev, "between" | "entre" | "from" | "de" | "desde")
            && next2.len() == 2
            && matches!(next2[0], "and" | "y" | "to" | "a" | "al")
        {
            if let Some(b) = year(next2[1]).filter(|b| *b > y) {
                return Some(format!("{y}-{b}"));
            }
        }
        if matches!(prev, "since" | "desde") {
            return Some(format!("{y}-01..{py}-{pm:02}"));
        }
        if is(prev, &YEAR_BEFORE) {
            return Some(y.to_string());
        }
    }
    for (i, w) in words.iter().enumerate() {
        let prev = if i > 0 { words[i - 1] } else { "" };
        if matches!(prev, "since" | "desde") {
            if let Some(m) = month(w) {
                let y = if m > pm { py - 1 } else { py };
                return Some(format!("{y}-{m:02}..{py}-{pm:02}"));
            }
        }
        let next = words.get(i + 1).copied().unwrap_or("");
        // "this year", "este año", "en lo que va del año", "so far this year".
        if (matches!(prev, "this") && *w == "year")
            || (*w == "este" && next == "ano")
            || (matches!(prev, "del" | "el") && *w == "ano" && i >= 2 && words[i - 2] == "va")
        {
            return Some(py.to_string());
        }
        if (prev == "last" && *w == "year") || (*w == "ano" && next == "pasado") {
            return Some((py - 1).to_string());
        }
    }
    None
}

/// A day written as a date at `j` ("1 de octubre de 2024", "Oct. 1", "24 febrero"): its
/// end, day, month and year if told.
fn date_at(words: &[&str], j: usize) -> Option<(usize, u32, u32, Option<i32>)> {
    let day = |w: &str| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let at = |i: usize| words.get(i).copied().unwrap_or("");
    let (end, d, m) = if let (Some(d), "de") = (day(at(j)), at(j + 1)) {
        (j + 3, d, month(at(j + 2))?)
    } else if let Some(d) = day(at(j)) {
        (j + 2, d, month(at(j + 1))?)
    } else if let Some(d) = day(at(j + 1)) {
        (j + 2, d, month(at(j))?)
    } else {
        return None;
    };
    let year = |w: &str| w.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y));
    Some(if at(end) == "de" && year(at(end + 1)).is_some() {
        (end + 2, d, m, year(at(end + 1)))
    } else if let Some(y) = year(at(end)) {
        (end + 1, d, m, Some(y))
    } else {
        (end, d, m, None)
    })
}

/// A span of weeks between two days: "del 1 de octubre al 24 de febrero", "from Oct. 1 to
/// Feb. 24": the months and years told at its start and end (a first day without its own
/// month takes the second's). A few days ("entre el 9 y el 14 de mayo") are an incident's.
#[allow(clippy::type_complexity)]
fn date_span(words: &[&str]) -> Option<((u32, Option<i32>), (u32, Option<i32>))> {
    let day = |w: &str| w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    let the = |k: usize| {
        if words.get(k) == Some(&"el") {
            k + 1
        } else {
            k
        }
    };
    (0..words.len()).find_map(|k| {
        if !matches!(words[k], "del" | "entre" | "from" | "between" | "desde") {
            return None;
        }
        let j = the(k + 1);
        let first = date_at(words, j);
        let end = match first {
            Some((e, ..)) => e,
            None if day(words.get(j)?) => j + 1,
            None => return None,
        };
        let link = *words.get(end)?;
        if !matches!(
            link,
            "al" | "a" | "y" | "to" | "and" | "through" | "until" | "hasta"
        ) {
            return None;
        }
        let (_, d2, m2, y2) = date_at(words, the(end + 1))?;
        let (d1, m1, y1) = match first {
            Some((_, d, m, y)) => (d, m, y),
            None => (words[j].parse().unwrap_or(0), m2, y2),
        };
        let y1 = y1.or(y2);
        let mut months = (y2.unwrap_or(0) - y1.unwrap_or(0)) * 12 + m2 as i32 - m1 as i32;
        // "from Oct. 1 to Feb. 24": across the new year.
        if y1.is_none() && months < 0 {
            months += 12;
        }
        (months * 30 + d2 as i32 - d1 as i32 >= 14).then_some(((m1, y1), (m2, y2)))
    })
}

/// Reported aggregates in a sentence: totals over a period, shares, bounties. Each number is
/// read with the nearest cue word around it; `(measure, value, unit, scope)`.
pub(crate) fn figures_in(
    words: &[&str],
    toks: &[Tok],
    states: &[(usize, usize, &'static str)],
    town_named: bool,
) -> Vec<(&'static str, f64, &'static str, &'static str)> {
    let cues = FigureCues::read(words, town_named);
    if !cues.any() {
        return Vec::new();
    }
    // A number with no cue of its own continues the last figure ("3 mil 290 … de un total
    // nacional de 33 mil 341"; "104,850 firearms …, 73,684 — about 70 per cent — …").
    let mut last_measure: Option<&str> = None;
    let mut last_bounty_end: Option<usize> = None;
    let scope = states.first().map_or("MX", |s| s.2);
    // "detained 47 people in Jalisco and 15 in Michoacán": the state told right after a
    // number is its scope.
    let state_after = |j: usize| {
        states
            .iter()
            .find(|&&(at, _, _)| at > j && at <= j + 3 && matches!(words[at - 1], "in" | "en"))
            .map(|s| s.2)
    };
    let mut out = Vec::new();
    // The end of the last number a tally verb counts: "suma 746 detenidos, más de 700
    // armas y 11 mil 861 kilos de droga asegurados" — the items listed after it are the
    // tally's too.
    let mut tally_end: Option<usize> = None;
    let mut i = 0;
    while i < words.len() {
        let Some((v, j)) = number_at(words, i).or_else(|| running_ordinal(words, i)) else {
            i += 1;
            continue;
        };
        // "one of the lowest totals", "uno de los más violentos": a comparison.
        if matches!(words[i], "one" | "uno" | "una")
            && words.get(j).is_some_and(|w| matches!(*w, "of" | "de"))
        {
            i = j;
            continue;
        }
        // "3.5 por ciento": the "ciento" of a share counts nothing.
        if i >= 1
            && matches!(
                (words[i - 1], words[i]),
                ("por", "ciento") | ("per", "cent")
            )
        {
            i = j;
            continue;
        }
        let is_year = is_year(words, i, j, v);
        // "112 people under 18", "menores de 18 años": an age limit.
        let vague = i >= 1
            && matches!(
                words[i - 1],
                "than" | "over" | "almost" | "nearly" | "casi" | "under"
            )
            || i >= 2 && words[i - 1] == "de" && matches!(words[i - 2], "menores" | "mayores")
            || (i >= 2 && words[i - 1] == "de" && words[i - 2] == "mas");
        // "Con estas siete víctimas, suman 87": the dead already told, pointed at.
        let pointed = i >= 1
            && matches!(
                words[i - 1],
                "these" | "those" | "estas" | "estos" | "esas" | "esos"
            );
        // "in the first four months of 2024": a span of time; "three times the figure": a
        // multiple.
        let span = words
            .get(j)
            .is_some_and(|w| is(w, &TIME_UNITS) || matches!(*w, "times" | "veces"));
        // "García Luna, 51, was arrested": an age set off by commas after a name.
        let age = i > 0
            && v <= 110.0
            && toks.get(i - 1).is_some_and(|t| t.cap && t.sep_after)
            && toks.get(j - 1).is_some_and(|t| t.sep_after);
        // "From Oct. 1 to Feb. 24", "9 May", "1 de octubre": a day.
        let listed = tally_end.is_some_and(|e| {
            i >= e
                && i - e <= 6
                && (words[e..i]
                    .iter()
                    .any(|w| matches!(*w, "y" | "and" | "ademas"))
                    || toks[e - 1..i].iter().any(|t| t.sep_after))
        });
        let tallied = cues.tallied(i) || listed;
        if tallied {
            tally_end = Some(j);
        }
        let day = v <= 31.0
            && (i >= 1 && crate::dates::month_at(words, i - 1)
                || words.get(j).is_some_and(|w| month(w).is_some())
                || words.get(j) == Some(&"de")
                    && words.get(j + 1).is_some_and(|w| month(w).is_some()));
        if is_year
            || day
            || age
            || vague
            || pointed
            || span
            || one_incident(words, j)
            // "across the two states": states counted, not people.
            || words.get(j).is_some_and(|w| matches!(*w, "states" | "estados"))
            || rate(words, i, j)
            || named_number(words, i, j)
            || !(cues.figure_at(i) || listed)
        {
            i = j;
            continue;
        }
        let best =
            nearest_cue(words, toks, i, j, !town_named).or(last_measure.map(|m| (usize::MAX, m)));
        // An item of a tally's list names what it counts ("11 mil 861 kilos de droga"; "80
        // mil cartuchos" counts none of the measures).
        let own_cue = best.is_some_and(|(d, _)| d <= 2);
        if listed && !cues.figure_at(i) && !own_cue {
            i = j;
            continue;
        }
        let measure = best.map(|(_, m)| m);
        if let Some((m, v, u)) = figure(words, (i, j), v, measure, &cues, tallied) {
            // "30 million pesos (some 2.3 million dollars)", "60 million pesos, about $3.8
            // million", "30 million pesos ($2.2 million)": a bounty in the other currency
            // hedged or right after one is its conversion.
            let conversion = m == "bounty"
                && out
                    .last()
                    .is_some_and(|f: &(&str, f64, &str, &str)| f.0 == "bounty" && f.2 != u)
                && (words[i.saturating_sub(3)..i].iter().any(|w| {
                    matches!(
                        *w,
                        "some"
                            | "about"
                            | "around"
                            | "roughly"
                            | "approximately"
                            | "unos"
                            | "alrededor"
                            | "aproximadamente"
                            | "equivalent"
                            | "equivalentes"
                    )
                }) || last_bounty_end.is_some_and(|e| i <= e + 3));
            if conversion {
                i = j;
                continue;
            }
            if m == "bounty" {
                last_bounty_end = Some(j);
            }
            last_measure = measure;
            let scope = if national(words, i, j) || m == "bounty" {
                "MX"
            } else {
                state_after(j).unwrap_or(scope)
            };
            out.push((m, v, u, scope));
        }
        i = j;
    }
    out
}

/// What makes a clause's numbers figures rather than an incident's counts.
/// The number `v` at `words[i..j]` is a year ("in 2024"), not a count.
pub(crate) fn is_year(words: &[&str], i: usize, j: usize, v: f64) -> bool {
    j == i + 1 && words[i].len() == 4 && (1900.0..=2100.0).contains(&v)
}

/// "López's was the 37th extradition to the United States this year": an ordinal right
/// before what it ranks counts those so far.
fn running_ordinal(words: &[&str], i: usize) -> Option<(f64, usize)> {
    let w = words[i];
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    let next = words.get(i + 1)?;
    (is(next, &EXTRADITION) || is(next, &HOMICIDE_CUES))
        .then(|| digits.parse().ok().map(|v| (v, i + 1)))
        .flatten()
}

struct FigureCues {
    /// A reward offered ("a bounty", "ofrece … por información").
    bounty: bool,
    /// A total over a period ("so far", "since 2006", "under Sheinbaum", "en 2019").
    period: bool,
    /// A share ("70%", "por ciento").
    share: bool,
    /// Where a tally word stands ("Suman siete los policías consignados").
    tally_at: Vec<usize>,
    /// People displaced are told ("desplazados", "fled"): no event kind counts them, so
    /// their count is a figure on its own.
    displaced: bool,
}

impl FigureCues {
    /// `town_named`: "last year" dates an incident in a town, not a period's total.
    fn read(words: &[&str], town_named: bool) -> Self {
        let bounty = has(words, &BOUNTY_WORDS)
            || (has(words, &["offer*", "ofrec*"]) && has(words, &BOUNTY_OBJECTS));
        // "in one of the deadliest clashes since Sheinbaum took office": a comparison, the
        // clause tells its own deed.
        let compared_since = |k: usize| {
            matches!(words[k], "since" | "desde") && crate::lexicon::superlative_before(words, k, 7)
        };
        // "explosivos lanzados desde drones", "disparos desde una camioneta": from where,
        // not since when (a time follows within a few words when it is a period).
        let from_where = |k: usize| {
            words[k] == "desde"
                && words.get(k + 1) != Some(&"que")
                && !words[k + 1..(k + 5).min(words.len())].iter().any(|w| {
                    crate::numbers::is_number(w)
                        || month(w).is_some()
                        || crate::dates::weekday(w).is_some()
                        || is(w, &TIME_UNITS)
                        || is(w, &PERIOD_WORDS)
                        || is(w, &PRESIDENTS)
                        || matches!(
                            *w,
                            "hace"
                                | "entonces"
                                | "inicio"
                                | "principios"
                                | "comienzo"
                                | "finales"
                                | "ayer"
                                | "anoche"
                                | "hoy"
                                | "llegada"
                        )
                })
        };
        // "25 businesses were burned across the two states", "en ambos estados": a count
        // over several states, a total.
        let across_states = words.windows(4).any(|w| {
            matches!(w[0], "across" | "en" | "in")
                && (matches!(w[1], "both" | "ambos") && matches!(w[2], "states" | "estados")
                    || matches!(w[1], "the" | "los")
                        && crate::numbers::is_number(w[2])
                        && matches!(w[3], "states" | "estados"))
        });
        let period = across_states
            || (0..words.len())
                .any(|k| is(words[k], &PERIOD_WORDS) && !compared_since(k) && !from_where(k))
            || has_seq(words, &["so"], &["far"])
            || words
                .windows(3)
                .any(|w| w[0] == "according" && w[1] == "to" && is(w[2], &ACCORDING_TO_NOUNS))
            // "seized under Sheinbaum", "in his term": a government's total.
            || has_seq(words, &["under"], &PRESIDENTS)
            || has_seq(words, &["his", "her", "this"], &["term", "government"])
            // "en lo que va del año", "this year", "between January and November".
            || has_seq(words, &["que"], &["va"])
            || (1..words.len()).any(|k| {
                matches!(words[k - 1], "this" | "este")
                    && matches!(words[k], "year" | "ano")
                    && !crate::lexicon::superlative_before(words, k - 1, 7)
                    && !crate::deaths::month_of(words, k - 1)
            })
            || !town_named
                && (has_seq(words, &["last"], &["year"]) || has_seq(words, &["ano"], &["pasado"]))
            || words.windows(2).any(|p| {
                matches!(p[0], "between" | "entre" | "from" | "desde" | "since")
                    && month(p[1]).is_some()
            })
            // "Del 1 de octubre de 2024 al 24 de febrero de 2025", "from Oct. 1 to Feb.
            // 24": a span of days, a period's total.
            || date_span(words).is_some()
            // "Since Sunday afternoon, security forces have detained 47 people", "desde el
            // domingo": a running count.
            || words.windows(3).any(|p| {
                p[0] == "since" && crate::dates::weekday(p[1]).is_some()
                    || p[0] == "desde" && p[1] == "el" && crate::dates::weekday(p[2]).is_some()
            })
            || words.windows(2).any(|p| {
            is(p[0], &PERIOD_YEAR_BEFORE) && p[1].len() == 4
                && p[1]
                    .parse::<u32>()
                    .is_ok_and(|y| (1900..=2100).contains(&y))
        });
        // "el mayor envío … desde el 19 de enero de 2007, cuando México extraditó a 15
        // personas", "the deadliest since July 2011, when about 50 gunmen attacked": the
        // deed of the day compared with, told, not a total since then.
        let since_when = (0..words.len()).any(|k| {
            matches!(words[k], "since" | "desde")
                && words[k + 1..(k + 8).min(words.len())]
                    .iter()
                    .any(|w| month(w).is_some())
                && (k + 1..(k + 10).min(words.len())).any(|q| {
                    matches!(words[q], "when" | "cuando")
                        // ("…desde diciembre de 2010, cuando comenzó la administración":
                        // the start of a term, a period.)
                        && crate::triggers::any_trigger(&words[q + 1..(q + 6).min(words.len())])
                })
        });
        // "había reportado 3 mil 15 detenidos", "se han asegurado mil 262 armas de fuego":
        // arrests, guns or the missing by the thousand are no one operation's, a balance.
        // Read from the cue words, which few clauses have.
        let thousands_held = || {
            let big = |s: usize, end: Option<usize>| {
                number_at(words, s).is_some_and(|(v, j)| v >= 1000.0 && end.is_none_or(|e| e == j))
            };
            (0..words.len()).any(|k| {
                let arrest = is(words[k], &ARREST_CUES);
                (arrest || is(words[k], &WEAPON_CUES))
                    && ((k.saturating_sub(4)..k).any(|s| big(s, Some(k)))
                        || arrest
                            && (big(k + 1, None)
                                || words.get(k + 1) == Some(&"a") && big(k + 2, None)))
                    // "22,322 people are listed as missing nationwide": the missing by
                    // the thousand are a registry's.
                    || is(words[k], &DISAPPEARED_CUES)
                        && (k.saturating_sub(6)..k).any(|s| big(s, None))
            })
        };
        // (Only a clause with a number of four digits or a word of thousands can hold
        // thousands.)
        let big_number = || {
            words.iter().any(|w| {
                w.len() >= 4 && w.as_bytes()[0].is_ascii_digit()
                    || matches!(*w, "mil" | "thousand" | "million" | "millones" | "millon")
            })
        };
        let period = period && !since_when || big_number() && thousands_held();
        let share = has(words, &PERCENT_UNITS)
            || has_seq(words, &["por"], &["ciento"])
            || has_seq(words, &["per"], &["cent"]);
        // "Suman siete los policías consignados": the number right after the tally word.
        let tally_at: Vec<usize> = (0..words.len())
            .filter(|&p| is(words[p], &TALLY_VERBS))
            .collect();
        let displaced = has(words, &DISPLACED_CUES);
        FigureCues {
            bounty,
            period,
            share,
            tally_at,
            displaced,
        }
    }

    fn any(&self) -> bool {
        self.bounty || self.period || self.share || !self.tally_at.is_empty() || self.displaced
    }

    /// The number at word `i` comes right after a tally word.
    fn tallied(&self, i: usize) -> bool {
        self.tally_at.iter().any(|&p| p < i && i <= p + 2)
    }

    /// A number at word `i` may be a figure.
    fn figure_at(&self, i: usize) -> bool {
        self.bounty || self.period || self.share || self.tallied(i) || self.displaced
    }
}

/// "fueron las entidades con menos homicidios dolosos", "the states with the most murders":
/// places ranked by their totals, a table's items, not incidents.
pub(crate) fn ranking(words: &[&str]) -> bool {
    words.windows(3).any(|w| {
        matches!(
            w[0],
            "entidades" | "estados" | "states" | "municipios" | "municipalities"
        ) && matches!(w[1], "con" | "with")
            && matches!(
                w[2],
                "menos" | "mas" | "most" | "fewest" | "more" | "fewer" | "the"
            )
    })
}

/// The cue word nearest the number `words[i..j]` and its distance: what the number counts.
/// `killings`: the dead of a killing verb count as homicides (a clause naming no town).
fn nearest_cue(
    words: &[&str],
    toks: &[Tok],
    i: usize,
    j: usize,
    killings: bool,
) -> Option<(usize, &'static str)> {
    let lo = i.saturating_sub(10);
    // "bring to 48 the number of people Mexico has extradited": what the number counts is
    // told after "the number of".
    let number_of = words
        .get(j + 1)
        .is_some_and(|w| matches!(*w, "number" | "numero" | "cifra"))
        && words.get(j + 2).is_some_and(|w| matches!(*w, "of" | "de"));
    let hi = (j + if number_of { 9 } else { 6 }).min(words.len());
    // Lists as `dyn Patterns`, not slices, so that each is matched through its index.
    let none: [&str; 0] = [];
    let killed: &dyn Patterns = if killings { &KILLED_CUES } else { &none };
    let cues: [(&dyn Patterns, &'static str); 9] = [
        (killed, "homicides"),
        (&EXTRADITION, "extraditions"),
        (&HOMICIDE_CUES, "homicides"),
        (&DISAPPEARED_CUES, "disappeared"),
        (&DISPLACED_CUES, "displaced"),
        (&ARREST_CUES, "arrested"),
        (&PILL_CUES, "pills"),
        (&WEAPON_CUES, "weapons"),
        (&DRUG_CUES, "drugs_kg"),
    ];
    // People sent or handed to the United States are extradited ("has sent 55 cartel
    // figures to the United States this year").
    // Only in the perfect, a balance: "sent 29 … on Tuesday" is one transfer.
    let to_us = || {
        (has_seq(words, &["united"], &["states"]) || has_seq(words, &["estados"], &["unidos"]))
            && has(words, &["has", "have", "ha", "han"])
    };
    // A cue across a comma belongs to the neighbouring item of a list: "han detenido a
    // 29,000 personas, extraditado a 92" — it counts only when no nearer one does.
    let separated = |k: usize| {
        let (a, b) = if k < i { (k, i) } else { (j - 1, k) };
        toks[a..b].iter().any(|t| t.sep_after)
    };
    let mut best: Option<(usize, &'static str)> = None;
    for (k, w) in words.iter().enumerate().take(hi).skip(lo) {
        let sent = is(w, &SENT_VERBS) && to_us();
        for (pats, m) in &cues {
            if is(w, pats) || (sent && *m == "extraditions") {
                let d = if k < i { i - k } else { k.saturating_sub(j) }
                    + if separated(k) { 100 } else { 0 };
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, m));
                }
            }
        }
    }
    best
}

/// The figure the number `v` at `words[i..j]` gives, counting `measure` (its nearest cue):
/// `(measure, value, unit)`. Money is a bounty or nothing; shares count weapons from the US.
/// `tallied`: a tally verb counts the number.
fn figure(
    words: &[&str],
    (i, j): (usize, usize),
    v: f64,
    measure: Option<&'static str>,
    cues: &FigureCues,
    tallied: bool,
) -> Option<(&'static str, f64, &'static str)> {
    let after = &words[j..(j + 9).min(words.len())];
    // "one of Mexico's ten most violent states", "los 10 más violentos": a rank.
    if after.first() == Some(&"most")
        || after.first() == Some(&"mas") && after.get(1).is_some_and(|w| w.starts_with("violent"))
    {
        return None;
    }
    let money_usd =
        (i >= 1 && words[i - 1] == "$") || has(&after[..after.len().min(3)], &DOLLAR_UNITS);
    let money_mxn = has(&after[..after.len().min(3)], &PESO_UNITS);
    let percent = after.first().is_some_and(|w| is(w, &PERCENT_UNITS))
        || (matches!(after.first(), Some(&"por") | Some(&"per"))
            && matches!(after.get(1), Some(&"ciento") | Some(&"cent")));
    // A share's origin may be told at the clause's end ("80 per cent of the 23,000
    // weapons seized … came from the United States"); the base of a share ("of the
    // 23,000") is the total, not what came from the US.
    let origin_words = if percent { &words[j..] } else { after };
    let base_of_share = i >= 2
        && matches!(
            (words[i - 2], words[i - 1]),
            ("of", "the") | ("de", "los") | ("de", "las")
        );
    let from_us =
        !base_of_share && has(origin_words, &ORIGIN_WORDS) && has(origin_words, &US_WORDS);
    let tonnes = after.first().is_some_and(|w| is(w, &TONNE_UNITS));
    if (money_usd || money_mxn) && cues.bounty {
        Some(("bounty", v, if money_usd { "USD" } else { "MXN" }))
    } else if money_usd || money_mxn {
        None
    } else {
        match measure {
            Some("weapons") if from_us && percent => Some(("weapons_from_us", v, "percent")),
            Some("weapons") if from_us => Some(("weapons_from_us", v, "weapons")),
            Some("weapons") if !percent => Some(("weapons", v, "weapons")),
            // A mass is the unit right after its number ("500 kilos"): a cue further off
            // belongs to another number ("65 kilometers", "100,000 residents … 500 kilos").
            Some("drugs_kg") if !percent && unit_after(after) => {
                Some(("drugs_kg", if tonnes { v * 1000.0 } else { v }, "kg"))
            }
            Some("pills") if !percent => Some(("pills", v, "pills")),
            // "at least 280 people have been displaced", "2,000 people fled": a crowd
            // displaced (a handful fleeing is part of an incident).
            // "Most of the village's roughly 1,000 inhabitants fled": the whole, not those
            // who left.
            Some("displaced")
                if !percent
                    && v >= 20.0
                    && !words[i.saturating_sub(5)..i]
                        .iter()
                        .any(|w| matches!(*w, "most" | "half" | "mayoria" | "mitad")) =>
            {
                Some(("displaced", v, "people"))
            }
            Some(m) if !percent && (cues.period || cues.share || tallied) => Some((
                match m {
                    "extraditions" => "extraditions",
                    "homicides" => "homicides",
                    "disappeared" => "disappeared",
                    "displaced" => "displaced",
                    _ => "arrested",
                },
                v,
                "people",
            )),
            _ => None,
        }
    }
}

/// The count ending at word `j` is of one incident: "five people killed in a running
/// gunbattle", "cinco muertos en un enfrentamiento" (a period named elsewhere in the clause
/// dates something else: "crowned in a pageant this year").
pub(crate) fn one_incident(words: &[&str], j: usize) -> bool {
    let after = &words[j..(j + 7).min(words.len())];
    let incident = |x: &str| {
        is(x, &crate::lexicon::CLASH)
            || is(x, &crate::lexicon::ATTACK)
            || is(x, &crate::lexicon::AMBUSH)
            || matches!(x, "ataque" | "attack" | "masacre" | "massacre" | "incendio")
    };
    // "Suman 13 cuerpos en noria de Mina": the dead of one site, found over days.
    let site = |x: &str| {
        matches!(
            x,
            "noria" | "fosa" | "pozo" | "well" | "mine" | "mina" | "grave" | "pit" | "bar"
        )
    };
    after.windows(2).enumerate().any(|(k, w)| {
        matches!(w[0], "in" | "en" | "during" | "durante")
            && matches!(w[1], "a" | "an" | "un" | "una")
            && after[k + 2..].iter().take(2).any(|x| incident(x))
    }) || after
        .windows(2)
        .take(2)
        .any(|w| matches!(w[0], "en" | "in" | "at") && site(w[1]))
        || after.windows(2).any(|w| {
            // "Suman 16 muertos por riña y motín en penal": the toll of one fight.
            matches!(w[0], "por" | "tras")
                && (is(w[1], &crate::lexicon::PRISON_FIGHTS) || incident(w[1]))
                && !w[1].ends_with('s')
        })
}

/// A number in a rate ("1.5 per 100,000 residents", "29 por cada 100 mil habitantes"):
/// neither side counts anything.
pub(crate) fn rate(words: &[&str], i: usize, j: usize) -> bool {
    // "91 asesinatos diarios", "about 85 a day", "al día".
    let per_at = |k: usize| match words.get(k) {
        Some(&"per") => words.get(k + 1).is_some_and(|w| *w != "cent"),
        Some(&"por") => words
            .get(k + 1)
            .is_some_and(|w| matches!(*w, "cada" | "dia")),
        Some(&"cada" | &"daily" | &"diarios" | &"diarias") => true,
        Some(&"al") => words.get(k + 1) == Some(&"dia"),
        Some(&"a") => words.get(k + 1) == Some(&"day"),
        _ => false,
    };
    (j..j + 3).any(per_at) || (i >= 1 && per_at(i - 1)) || (i >= 2 && per_at(i - 2))
}

/// A number that names or measures something else: "Article 19", "carretera federal 180",
/// "home to 2.3m people", "100 mil habitantes".
pub(crate) fn named_number(words: &[&str], i: usize, j: usize) -> bool {
    let before = |k: usize| i >= k && is(words[i - k], &NUMBER_NAMES);
    before(1)
        || (i >= 2
            && matches!(
                (words[i - 2], words[i - 1]),
                ("home", "to") | ("population", "of")
            ))
        // "a town of 6,000 residents" (but "dos pobladores resultaron heridos" are people).
        || words.get(j).is_some_and(|w| is(w, &INHABITANTS))
            && (population_of(words, i)
                || i >= 1 && matches!(words[i - 1], "of" | "de" | "about" | "unos"))
        // "a municipality of about 24,000 people", "un pueblo de 3 mil personas".
        || words.get(j).is_some_and(|w| matches!(*w, "people" | "personas"))
            && population_of(words, i)
}

/// "a municipality of (about) 24,000", "un pueblo de (unos) 3 mil": a settlement's size.
fn population_of(words: &[&str], i: usize) -> bool {
    let approx = |k: usize| {
        matches!(
            words[k],
            "about" | "some" | "around" | "nearly" | "unos" | "unas" | "casi" | "cerca"
        )
    };
    let of = if i >= 1 && approx(i - 1) {
        i.checked_sub(2)
    } else {
        i.checked_sub(1)
    };
    of.is_some_and(|k| {
        matches!(words[k], "of" | "de") && k >= 1 && is(words[k - 1], &SETTLEMENT_NOUNS)
    })
}

/// A mass unit right after a number, or after "metric" ("2 metric tons").
fn unit_after(after: &[&str]) -> bool {
    let at = usize::from(after.first() == Some(&"metric"));
    after.get(at).is_some_and(|w| is(w, &DRUG_CUES))
}

/// A national total named as such is national even when a state is named.
fn national(words: &[&str], i: usize, j: usize) -> bool {
    let lo = i.saturating_sub(10);
    let hi = (j + 6).min(words.len());
    has(&words[lo..hi], &NATIONAL_WORDS)
        && (words[lo..i]
            .iter()
            .rev()
            .take(4)
            .any(|w| is(w, &NATIONAL_WORDS) || *w == "total")
            // "22,322 people are listed as missing nationwide", "en todo el país".
            || words[j..hi].contains(&"nationwide")
            || has_seq(&words[j..hi], &["todo"], &["el"]) && words[j..hi].contains(&"pais"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    #[test]
    fn figures_bounty_and_total() {
        let c = code(
            "The US offers a reward of $5mn for the capture of the cartel leader.",
            d("2020-01-01"),
            Lang::En,
        );
        assert_eq!(c.figures.len(), 1);
        assert_eq!(
            (
                c.figures[0].measure.as_str(),
                c.figures[0].value,
                c.figures[0].unit.as_str()
            ),
            ("bounty", 5e6, "USD")
        );
        assert!(c.events.is_empty());
    }

    #[test]
    fn a_list_of_figures_keeps_each_cue_with_its_number() {
        let figs = |text: &str| {
            let c = code(text, d("2026-02-24"), Lang::Auto);
            c.figures
                .iter()
                .map(|f| (f.measure.clone(), f.value))
                .collect::<Vec<_>>()
        };
        let want = [
            ("arrested".to_string(), 29_000.0),
            ("extraditions".to_string(), 92.0),
        ];
        for text in [
            "Las autoridades han detenido a 29,000 personas, extraditado a 92 sospechosos a Estados Unidos y asegurado 23,000 armas desde enero.",
            "Since January, authorities have arrested 29,000 people, extradited 92 suspects to the United States and seized 23,000 weapons.",
            "Since January there were 29,000 arrests, 92 extraditions and 23,000 weapons seized.",
        ] {
            let got = figs(text);
            assert_eq!(got[..2], want, "{text}");
            assert_eq!(got[2], ("weapons".to_string(), 23_000.0), "{text}");
        }
    }

    #[test]
    fn spanish_figures() {
        let c = code(
            "El gobierno ofrecía una recompensa de hasta 20 millones de pesos por su captura.",
            d("2020-01-01"),
            Lang::Es,
        );
        assert_eq!(c.figures.len(), 1);
        assert_eq!(
            (c.figures[0].value, c.figures[0].unit.as_str()),
            (2e7, "MXN")
        );
        let c = code(
            "Sonora cerró 2019 con 1 mil 250 víctimas de homicidio doloso.",
            d("2020-01-01"),
            Lang::Es,
        );
        assert_eq!(c.figures.len(), 1);
        assert_eq!(
            (
                c.figures[0].measure.as_str(),
                c.figures[0].value,
                c.figures[0].scope.as_str()
            ),
            ("homicides", 1250.0, "26")
        );
        assert!(c.events.is_empty());
    }

    #[test]
    fn the_dead_pointed_at_are_no_figure() {
        let c = coded(
            "Con estas siete víctimas, suman 87 ejecuciones en Morelos en lo que va del año.",
        );
        let f: Vec<f64> = c.figures.iter().map(|f| f.value).collect();
        assert_eq!(f, [87.0]);
    }

    #[test]
    fn the_dead_of_one_fight_are_no_tally_beside_a_period() {
        let c = code(
            "CULIACAN, Mexico (AP) — A young woman crowned Woman of Sinaloa in a beauty pageant this year was among five people killed in a running gunbattle between soldiers and suspected drug traffickers in Sinaloa state.",
            d("2012-11-27"),
            Lang::En,
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
        assert_eq!(kinds(&c), ["armed_clash"]);
    }

    #[test]
    fn a_span_of_months_is_no_figure() {
        let c = coded(
            "Chiapas recorded 571 murders in 2023, and 299 in the first four months of 2024.",
        );
        let f: Vec<f64> = c.figures.iter().map(|f| f.value).collect();
        assert_eq!(f, [571.0, 299.0]);
    }

    #[test]
    fn running_totals_and_continued_figures() {
        // A tally is a figure, not an event.
        let c = code(
            "Suman 12 los policías detenidos por el caso en Guerrero.",
            d("2020-01-09"),
            Lang::Es,
        );
        assert!(c.events.is_empty(), "{:?}", kinds(&c));
        assert_eq!(c.figures.len(), 1);
        assert_eq!(
            (c.figures[0].measure.as_str(), c.figures[0].value),
            ("arrested", 12.0)
        );
        let c = code(
            "Por el caso suman ya más de 50 detenidos.",
            d("2020-01-09"),
            Lang::Es,
        );
        assert!(c.events.is_empty() && c.figures.is_empty());
        // A number with no cue continues the last figure, and a national total is national.
        let c = code(
            "Sinaloa recorded 1,500 homicides in 2023, of a national total of 29,675.",
            d("2024-01-09"),
            Lang::En,
        );
        let f: Vec<_> = c
            .figures
            .iter()
            .map(|f| {
                (
                    f.measure.as_str(),
                    f.value,
                    f.scope.as_str(),
                    f.period.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            f,
            [
                ("homicides", 1500.0, "25", Some("2023")),
                ("homicides", 29675.0, "MX", Some("2023"))
            ]
        );
    }

    #[test]
    fn figure_periods() {
        let p = |t: &str, published: &str| {
            let c = code(t, d(published), Lang::Auto);
            assert_eq!(c.figures.len(), 1, "{t}");
            c.figures[0].period.clone()
        };
        assert_eq!(
            p(
                "Since January, 1,200 people have been arrested in Sinaloa, officials said.",
                "2025-05-10"
            ),
            Some("2025-01..2025-05".to_string())
        );
        assert_eq!(
            p("Desde enero suman 340 detenidos en Sinaloa.", "2025-03-02"),
            Some("2025-01..2025-03".to_string())
        );
        assert_eq!(
            p(
                "Of 104,850 firearms seized between 2009 and 2014, most were rifles.",
                "2016-01-22"
            ),
            Some("2009-2014".to_string())
        );
        assert_eq!(
            p(
                "Mexico extradited 66 people to the United States in 2019.",
                "2020-01-10"
            ),
            Some("2019".to_string())
        );
        assert_eq!(
            p(
                "The US offers a reward of $5mn for the capture of the cartel leader.",
                "2020-01-10"
            ),
            None
        );
    }

    #[test]
    fn a_governments_seizure_total_and_its_share_are_figures() {
        let c = coded(
            "About 80 per cent of the 23,000 weapons seized under Sheinbaum came from the United States, officials said.",
        );
        assert_eq!(c.events, vec![], "{:?}", c.events);
        let f: Vec<_> = c
            .figures
            .iter()
            .map(|f| (f.measure.as_str(), f.value, f.unit.as_str()))
            .collect();
        assert!(f.contains(&("weapons", 23000.0, "weapons")), "{f:?}");
        assert!(f.contains(&("weapons_from_us", 80.0, "percent")), "{f:?}");
    }

    #[test]
    fn transfers_to_the_united_states_over_a_period_are_a_balance() {
        for text in [
            "Mexico has sent 55 cartel figures to the United States this year.",
            "En lo que va del año, México ha extraditado a 55 personas a Estados Unidos.",
        ] {
            let c = code(text, d("2026-02-23"), Lang::Auto);
            assert!(c.events.is_empty(), "{text}: {:?}", c.events);
            let f: Vec<_> = c
                .figures
                .iter()
                .map(|f| (f.measure.as_str(), f.value, f.period.as_deref()))
                .collect();
            assert_eq!(f, vec![("extraditions", 55.0, Some("2026"))], "{text}");
        }
        // One transfer on a day stays an event, a later "this year" notwithstanding.
        let c = code(
            "Mexico sent 29 alleged drug traffickers to the United States on Tuesday, the second such transfer this year.",
            d("2025-01-14"),
            Lang::En,
        );
        assert_eq!(c.events[0].kind.as_str(), "extradition");
    }

    #[test]
    fn counts_over_a_period_or_a_spread_are_tallies() {
        for text in [
            "They kill two men in 45 minutes",
            "They murder four in different events",
            "Asesinan a dos en tan solo 15 minutos",
        ] {
            let c = coded(text);
            assert!(c.events.is_empty(), "{text}: {:?}", c.events);
            assert_eq!(c.figures.len(), 1, "{text}");
            assert_eq!(c.figures[0].measure, "homicides");
        }
        // Killings counted by their noun: several incidents.
        let c = coded("Six homicides were reported during this Saturday in Celaya, Guanajuato.");
        assert!(c.events.is_empty(), "{:?}", c.events);
        let f: Vec<_> = c
            .figures
            .iter()
            .map(|f| (f.measure.as_str(), f.value, f.scope.as_str()))
            .collect();
        assert_eq!(f, vec![("homicides", 6.0, "11")]);
        // A killing referred to, not told.
        assert!(coded(
            "The killing will also put the spotlight on the government's security strategy."
        )
        .events
        .is_empty());
        // A toll update is no tally: "dos más" died of the same attack.
        let c = coded(
            "Hombres armados atacaron un bar en Celaya y mataron a 13 personas; murieron dos más en el hospital.",
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
    }

    #[test]
    fn an_ordinal_tally_is_no_new_event() {
        let c = code(
            "Gunmen shot dead a police officer in Celaya, Guanajuato, on Sunday. He was the fourth officer killed in the city this year.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
    }

    fn words_of(t: &[Tok]) -> Vec<&str> {
        t.iter().map(|t| t.low.as_str()).collect()
    }

    #[test]
    fn periods_are_years_spans_or_months_up_to_publication() {
        let per = |text: &str| {
            let t = toks(text);
            figure_period(&words_of(&t), d("2025-05-10"))
        };
        assert_eq!(per("between 2009 and 2014").as_deref(), Some("2009-2014"));
        assert_eq!(per("in 2019-2024").as_deref(), Some("2019-2024"));
        assert_eq!(per("in 2009").as_deref(), Some("2009"));
        assert_eq!(per("since March").as_deref(), Some("2025-03..2025-05"));
        assert_eq!(per("since November").as_deref(), Some("2024-11..2025-05"));
        assert_eq!(per("desde 2006").as_deref(), Some("2006-01..2025-05"));
        assert_eq!(per("last year").as_deref(), Some("2024"));
        assert_eq!(per("en lo que va de este año").as_deref(), Some("2025"));
        assert_eq!(per("on Monday"), None);
        assert_eq!(
            per("del 1 de octubre de 2024 al 24 de febrero de 2025").as_deref(),
            Some("2024-10..2025-02")
        );
        assert_eq!(
            per("from Oct. 1 to Feb. 24").as_deref(),
            Some("2024-10..2025-02")
        );
        assert_eq!(per("entre el 9 y el 14 de mayo"), None);
        assert_eq!(per("la noche del 1 de octubre"), None);
    }

    /// A span between two days ("Del 1 de octubre de 2024 al 24 de febrero de 2025", "from
    /// Oct. 1 to Feb. 24") makes a government's counts a balance, and its days count
    /// nothing.
    #[test]
    fn a_span_between_two_days_is_a_balance() {
        for text in [
            "Del 1 de octubre de 2024 al 24 de febrero de 2025, las instituciones detuvieron a 13 mil 139 personas y aseguraron 6 mil 582 armas de fuego.",
            "From Oct. 1 to Feb. 24, security forces arrested 13,139 people and seized 6,582 guns.",
        ] {
            let c = code(text, d("2025-02-26"), Lang::Auto);
            assert!(c.events.is_empty(), "{text}: {:?}", c.events);
            let got: Vec<_> = c.figures.iter().map(|f| (f.measure.as_str(), f.value)).collect();
            assert_eq!(got, [("arrested", 13139.0), ("weapons", 6582.0)], "{text}");
            assert_eq!(c.figures[0].period.as_deref(), Some("2024-10..2025-02"));
        }
    }

    /// People forced to flee are displaced, counted beside the fighting that drove them out.
    #[test]
    fn people_forced_to_flee_are_displaced_beside_the_fight() {
        let c = code(
            "In Michoacan, officials said two days of gunbattles between drug gangs had forced about 700 people to flee their villages.",
            d("2011-05-26"),
            Lang::Auto,
        );
        let got: Vec<_> = c
            .figures
            .iter()
            .map(|f| (f.measure.as_str(), f.value))
            .collect();
        assert_eq!(got, [("displaced", 700.0)]);
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
    }

    /// "one of the deadliest clashes since Sheinbaum took office": a comparison, no period.
    #[test]
    fn a_superlative_since_is_no_period() {
        let c = code(
            "Soldiers killed 17 gunmen who attacked an army base in Guerrero on Thursday, in one of the deadliest clashes since President Claudia Sheinbaum took office.",
            d("2024-10-25"),
            Lang::Auto,
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
    }

    /// "En marzo de este año": a month of this year dates a deed, no period.
    #[test]
    fn a_month_of_this_year_is_a_date() {
        let c = code(
            "En marzo de este año, un motín en el penal de Cadereyta dejó cuatro internos muertos.",
            d("2017-10-11"),
            Lang::Auto,
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
    }

    /// "Suman 16 muertos por riña en penal": the toll of one fight, no tally.
    #[test]
    fn a_toll_summed_for_one_fight_is_no_figure() {
        let c = code(
            "Suman 16 muertos por riña en penal de Cadereyta",
            d("2017-10-11"),
            Lang::Auto,
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
    }

    /// Arrests or guns by the thousand are a balance, whatever the verb.
    #[test]
    fn thousands_held_are_a_balance() {
        for text in [
            "El informe anterior había reportado 4 mil 210 detenidos y 35 toneladas de droga.",
            "In Sonora, authorities have seized 1,450 firearms.",
        ] {
            let c = code(text, d("2025-03-01"), Lang::Auto);
            assert!(c.events.is_empty(), "{text}: {:?}", c.events);
            assert!(!c.figures.is_empty(), "{text}");
        }
    }

    /// The items listed after a tally verb's number are its too, when each names what it
    /// counts; a multiple ("three times the figure") counts nothing.
    #[test]
    fn a_tally_counts_the_items_listed_after_it() {
        let c = code(
            "En su primer mes, el operativo suma 310 detenidos, más de 90 armas de fuego y 1,200 kilos de droga asegurados, además de 400 cartuchos y 52 vehículos.",
            d("2025-03-01"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
        let got: Vec<_> = c
            .figures
            .iter()
            .map(|f| (f.measure.as_str(), f.value))
            .collect();
        assert_eq!(got, [("arrested", 310.0), ("drugs_kg", 1200.0)]);
        let c = code(
            "Sinaloa recorded 1,827 homicides in the last 12 months, roughly three times the figure for the previous year.",
            d("2025-09-08"),
            Lang::Auto,
        );
        let got: Vec<_> = c.figures.iter().map(|f| f.value).collect();
        assert_eq!(got, [1827.0]);
    }

    /// "bring to 48 the number of people Mexico has extradited": the count is told after
    /// "the number of".
    #[test]
    fn a_number_of_is_counted_by_what_follows() {
        let c = code(
            "The handovers bring to 48 the number of people Mexico has extradited to the United States so far this year.",
            d("2015-10-01"),
            Lang::Auto,
        );
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        assert_eq!(
            (c.figures[0].measure.as_str(), c.figures[0].value),
            ("extraditions", 48.0)
        );
    }

    /// "the 37th extradition this year" counts the extraditions so far; "the 5th floor"
    /// counts nothing.
    #[test]
    fn a_running_ordinal_is_a_figure() {
        let c = code(
            "López's was the 37th extradition to the United States this year, according to the attorney general's office.",
            d("2018-07-06"),
            Lang::Auto,
        );
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        assert_eq!(
            (c.figures[0].measure.as_str(), c.figures[0].value),
            ("extraditions", 37.0)
        );
        let c = code(
            "He lived on the 5th floor this year.",
            d("2018-07-06"),
            Lang::Auto,
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
    }

    /// A registry that lists people as missing gives a figure with no period told; the
    /// missing by the thousand, told in the passive, too, national when "nationwide".
    #[test]
    fn a_registry_listing_the_missing_is_a_figure() {
        let c = code(
            "The federal government says 22,322 people are listed as missing nationwide, more than 5,000 of them in Tamaulipas.",
            d("2014-10-23"),
            Lang::Auto,
        );
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        assert_eq!(
            (
                c.figures[0].measure.as_str(),
                c.figures[0].value,
                c.figures[0].scope.as_str()
            ),
            ("disappeared", 22322.0, "MX")
        );
        let c = code(
            "State prosecutors now list 1,808 people as missing in Coahuila.",
            d("2016-04-18"),
            Lang::Auto,
        );
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        assert_eq!(
            (c.figures[0].measure.as_str(), c.figures[0].value),
            ("disappeared", 1808.0)
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
    }

    /// A figure "in the state" is the state the document is about.
    #[test]
    fn a_figure_in_the_state_takes_the_documents_state() {
        let c = code(
            "Gunmen killed three men in Reynosa, Tamaulipas on Monday. The national missing persons registry lists 11,083 people as missing in the state overall.",
            d("2021-10-14"),
            Lang::Auto,
        );
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        assert_eq!(c.figures[0].scope, "28");
    }

    /// Guns "bought in the United States" came from there.
    #[test]
    fn guns_bought_in_the_us_are_weapons_from_the_us() {
        let c = code(
            "Of the 19,600 guns seized in Mexico in 2022 and submitted to the ATF for tracing, about 68 percent had been bought in the United States, according to ATF data.",
            d("2024-01-26"),
            Lang::Auto,
        );
        assert!(
            c.figures
                .iter()
                .any(|f| f.measure == "weapons_from_us" && f.value == 68.0),
            "{:?}",
            c.figures
        );
    }

    /// After a clause of figures, a clause that tells no deed goes on counting: each number
    /// in the state named before it, or the country's.
    #[test]
    fn a_clause_after_figures_goes_on_counting() {
        // Every figure of `text` counts `measure`: their values and scopes.
        let counted = |text: &str, day: &str, measure: &str| -> Vec<(f64, String)> {
            let c = code(text, d(day), Lang::Auto);
            assert!(
                c.figures.iter().all(|f| f.measure == measure),
                "{:?}",
                c.figures
            );
            c.figures.into_iter().map(|f| (f.value, f.scope)).collect()
        };
        let pairs = |v: &[(f64, &str)]| -> Vec<(f64, String)> {
            v.iter().map(|(x, s)| (*x, s.to_string())).collect()
        };
        assert_eq!(
            counted(
                "Mexico recorded 30,057 homicide victims in 2024, according to the SESNSP. Guanajuato again had the most victims, with 3,151, followed by the State of Mexico with 2,258. Mexico as a whole recorded 33,359 the year before.",
                "2025-01-21",
                "homicides"
            ),
            pairs(&[(30057.0, "MX"), (3151.0, "11"), (2258.0, "15"), (33359.0, "MX")])
        );
        let got: Vec<f64> = counted(
            "Con su envío suman 14 personas extraditadas a Estados Unidos en lo que va de 2010. En todo 2009 la cifra fue de 107.",
            "2010-02-19",
            "extraditions",
        )
        .into_iter()
        .map(|(v, _)| v)
        .collect();
        assert_eq!(got, [14.0, 107.0]);
        // A clause or two between do not break the count.
        assert_eq!(
            counted(
                "Mexico recorded 30,057 homicide victims in 2024. The figure fell for a second year. Officials credited the new strategy. Guanajuato again had the most victims, with 3,151.",
                "2025-01-21",
                "homicides"
            ),
            pairs(&[(30057.0, "MX"), (3151.0, "11")])
        );
        // States with numbers in prose are a table even beside a word of killing.
        assert_eq!(
            counted(
                "Mexico recorded 33,359 homicide victims in 2021. Campeche (96 victims), Baja California Sur (51) and Aguascalientes (85) also suffered a fraction of the killings of their neighbours.",
                "2022-03-17",
                "homicides"
            ),
            pairs(&[(33359.0, "MX"), (96.0, "04"), (51.0, "03"), (85.0, "01")])
        );
        // A clause that tells a deed does not go on counting.
        let c = code(
            "Mexico recorded 30,057 homicide victims in 2024. In Celaya, gunmen killed 12 people at a bar.",
            d("2025-01-21"),
            Lang::Auto,
        );
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
    }

    /// A crowd displaced is a figure; the whole a part of which fled is not.
    #[test]
    fn people_displaced_are_a_figure() {
        for (t, v) in [
            ("El Frayba ha documentado el desplazamiento forzado de al menos 2.500 personas en la zona desde mayo.", 2500.0),
            ("About 2,000 Tsotsil people fled Pantelhó and neighbouring Chenalhó in July, according to a human rights centre.", 2000.0),
            ("The state government then organized the evacuation of 4,187 people by truck and bus to shelters.", 4187.0),
        ] {
            let c = code(t, d("2024-06-14"), Lang::Auto);
            assert_eq!(c.figures.len(), 1, "{t}: {:?}", c.figures);
            assert_eq!((c.figures[0].measure.as_str(), c.figures[0].value), ("displaced", v), "{t}");
        }
        let c = code(
            "Most of the village's roughly 1,000 inhabitants fled into the hills.",
            d("2024-05-20"),
            Lang::Auto,
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
    }

    #[test]
    fn running_totals_are_told_by_tally_words() {
        let total = |text: &str| running_total(&words_of(&toks(text)));
        assert!(total("Suman ya 50 detenidos"));
        assert!(total("So far this year 30 officers have died"));
        assert!(total("the fifth officer killed this year"));
        assert!(!total("Police arrested five men on Monday"));
    }

    #[test]
    fn the_deed_a_record_is_compared_with_is_told() {
        let c = code(
            "Es el mayor envío de narcotraficantes a Estados Unidos desde el 19 de enero de 2007, cuando México extraditó a 15 personas.",
            d("2025-02-28"),
            Lang::Auto,
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
        assert_eq!(c.events[0].date.as_deref(), Some("2007-01-19"));
        // The start of a term is a period's start.
        let c = code(
            "Suman al menos 10 periodistas asesinados en Veracruz desde diciembre de 2010, cuando comenzó la administración del gobernador.",
            d("2012-04-30"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
    }

    #[test]
    fn a_count_a_state_recorded_is_a_figure() {
        let c = code(
            "Sinaloa recorded 143 murder victims in September, according to official data.",
            d("2024-10-23"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
        assert_eq!(c.figures[0].value, 143.0);
        assert_eq!(c.figures[0].measure, "homicides");
        // A rank among states is no count.
        let c = code(
            "Guerrero recorded 1,279 homicide victims between January and September, making it one of Mexico's ten most violent states.",
            d("2023-10-24"),
            Lang::Auto,
        );
        let values: Vec<f64> = c.figures.iter().map(|f| f.value).collect();
        assert_eq!(values, [1279.0]);
        // A ranking of states by their totals gives figures, not a massacre.
        let c = code(
            "En 2023 se registraron 29 mil 675 víctimas de homicidio doloso en el país. Guanajuato encabezó la lista con 3 mil 104. Le siguieron Baja California, con 2 mil 529, y Chihuahua, con 2 mil 77. Michoacán sumó mil 360. Morelos, mil 174. En el otro extremo, Baja California Sur, con 27 víctimas, y Yucatán, con 34, fueron las entidades con menos homicidios dolosos.",
            d("2024-01-21"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
        let last: Vec<(f64, &str)> = c
            .figures
            .iter()
            .rev()
            .take(2)
            .map(|f| (f.value, f.scope.as_str()))
            .collect();
        assert_eq!(last, [(34.0, "31"), (27.0, "03")]);
    }

    #[test]
    fn a_bounty_converted_to_the_other_currency_is_one_bounty() {
        for text in [
            "The Mexican government had offered 30 million pesos ($2.2 million) for information leading to his capture, and the U.S. offered $5 million.",
            "La PGR ofrecía una recompensa de 30 millones de pesos (unos 2.3 millones de dólares) por su captura, y Estados Unidos, 5 millones de dólares.",
        ] {
            let c = code(text, d("2015-07-14"), Lang::Auto);
            let figs: Vec<(f64, &str)> =
                c.figures.iter().map(|f| (f.value, f.unit.as_str())).collect();
            assert_eq!(figs, [(30_000_000.0, "MXN"), (5_000_000.0, "USD")], "{text}");
        }
    }

    #[test]
    fn a_table_in_prose_compares_its_counts_and_a_share_or_a_rate_is_no_count() {
        let text = "México cerró 2021 con 33 mil 359 víctimas de homicidio doloso, 3.5 por ciento menos que las 34 mil 569 de 2020. \
            El promedio se mantuvo por encima de 91 asesinatos diarios. \
            Zacatecas pasó de mil 65 víctimas en 2020 a mil 625 en 2021, un alza superior a 50 por ciento. \
            Sonora sumó mil 930, contra mil 585 del año anterior. \
            Morelos registró mil 165, frente a 923 en 2020. \
            Zacatecas casi se duplicó: de 286 a 552. \
            Michoacán, con mil 449, que en 2015 había registrado 952. \
            En el otro extremo, Baja California Sur, con 51, y Aguascalientes, con 85, fueron las entidades con menos homicidios dolosos.";
        let c = code(text, d("2022-01-21"), Lang::Es);
        let figs: Vec<(f64, &str)> = c
            .figures
            .iter()
            .map(|f| (f.value, f.scope.as_str()))
            .collect();
        assert_eq!(
            figs,
            [
                (33359.0, "MX"),
                (34569.0, "MX"),
                (1065.0, "32"),
                (1625.0, "32"),
                (1930.0, "26"),
                (1585.0, "26"),
                (1165.0, "17"),
                (923.0, "17"),
                (286.0, "32"),
                (552.0, "32"),
                (1449.0, "16"),
                (952.0, "16"),
                (51.0, "03"),
                (85.0, "01")
            ]
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
    }

    #[test]
    fn people_detained_since_a_day_are_a_figure_for_the_state_told_after_each_count() {
        let c = code(
            "Since Sunday afternoon, security forces have detained 47 people in Jalisco and 15 in Michoacán, he told reporters.",
            d("2026-02-24"),
            Lang::En,
        );
        let figs: Vec<(&str, f64, &str)> = c
            .figures
            .iter()
            .map(|f| (f.measure.as_str(), f.value, f.scope.as_str()))
            .collect();
        assert_eq!(figs, [("arrested", 47.0, "14"), ("arrested", 15.0, "16")]);
        assert!(c.events.is_empty(), "{:?}", c.events);
        // "one of" compares; it counts no one.
        let c = code(
            "Coahuila recorded 233 homicide victims from January through October, one of the lowest totals among the states on the U.S. border.",
            d("2023-11-20"),
            Lang::En,
        );
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        // An age limit counts no one.
        let c = code(
            "Colima's state police detained 112 people under 18 last year.",
            d("2023-01-10"),
            Lang::En,
        );
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        assert_eq!(c.figures[0].value, 112.0);
    }

    /// Only a unit right after a number makes it a mass, and a rate counts nothing.
    #[test]
    fn masses_need_their_unit_and_rates_are_no_counts() {
        let figs = |text: &str| {
            code(text, d("2019-12-02"), Lang::Auto)
                .figures
                .iter()
                .map(|f| (f.measure.clone(), f.value))
                .collect::<Vec<_>>()
        };
        let town = "A town of about 6,000 people some 40 miles (65 kilometers) from the border, \
                    where in 2012 131 inmates escaped.";
        assert!(figs(town).is_empty(), "{:?}", figs(town));
        assert_eq!(
            figs("The state has recorded 43 homicides this year, about 1.5 per 100,000 residents, and police seized 500 kilos."),
            [("homicides".to_string(), 43.0), ("drugs_kg".to_string(), 500.0)]
        );
        assert_eq!(
            figs("En 2019 hubo 29 homicidios por cada 100 mil habitantes y 3 mil 200 asesinatos."),
            [("homicides".to_string(), 3200.0)]
        );
    }

    /// The dead of a killing verb over a period are a figure where no town is named;
    /// with a town, the year dates an incident. Names and populations count nothing.
    #[test]
    fn killings_over_a_period_names_and_populations() {
        let figs = |text: &str| {
            code(text, d("2023-05-15"), Lang::Auto)
                .figures
                .iter()
                .map(|f| (f.measure.clone(), f.value))
                .collect::<Vec<_>>()
        };
        let c = code(
            "According to Global Witness, 14 environmental defenders were killed in Mexico in 2018.",
            d("2020-02-03"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
        assert_eq!(c.figures[0].value, 14.0);
        let c = code(
            "Last year, state prosecutors arrested five former municipal police officers in Torreón.",
            d("2016-04-18"),
            Lang::Auto,
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(
            figs("Según la organización Artículo 19, en 2022 fueron asesinados 12 periodistas en el país."),
            [("homicides".to_string(), 12.0)]
        );
        assert_eq!(
            figs("The state, home to 2.3m people, recorded 42 homicide victims last year."),
            [("homicides".to_string(), 42.0)]
        );
        let c = code(
            "Huitzilac, a municipality of about 24,000 people, recorded five homicides in February and March combined, according to local officials.",
            d("2024-05-13"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "a month is no march: {:?}", c.events);
        let values: Vec<f64> = c.figures.iter().map(|f| f.value).collect();
        assert_eq!(values, [5.0]);
    }

    /// The dead of one attack or one site counted up ("Suman 28 muertos por ataque e
    /// incendio en bar", "Suman 13 cuerpos en noria") are that incident's, no tally.
    #[test]
    fn the_toll_of_one_attack_or_site_is_no_tally() {
        for text in [
            "Suman 28 muertos por ataque e incendio en bar de Coatzacoalcos",
            "Suman 13 cuerpos en noria de Mina",
        ] {
            let c = crate::code(text, crate::test_util::d("2019-08-29"), crate::Lang::Es);
            assert!(c.figures.is_empty(), "{text}: {:?}", c.figures);
            assert!(!c.events.is_empty(), "{text}");
        }
    }

    /// Counts across several states are totals; the states counted are no figure.
    #[test]
    fn counts_across_the_states_are_totals() {
        let c = crate::code(
            "Officials said 25 businesses were burned across the two states and 16 suspects were detained.",
            crate::test_util::d("2022-08-13"),
            crate::Lang::En,
        );
        let figs: Vec<_> = c
            .figures
            .iter()
            .map(|f| (f.measure.as_str(), f.value))
            .collect();
        assert_eq!(figs, [("arrested", 16.0)]);
        assert!(
            c.events.iter().all(|e| e.kind.as_str() != "arrest"),
            "{:?}",
            c.events
        );
    }
}
