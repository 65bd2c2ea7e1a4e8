//! Dates: the day a clause says its event happened, relative to the publication date
//! ("on Friday", "ayer", "el 28 de diciembre"), or that it names no day; weekday and month
//! names in both languages.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::lexicon::{DAYPARTS, MONTH_SUBJECT_VERBS};
use crate::tokens::{is, trim_s, Tok};

/// Whether a word of `len` bytes starting with `first` may be one of `names`: most words
/// are turned away by one bit test before any comparison (these run on most words).
const fn shapes(names: &[&str]) -> [u16; 26] {
    let mut out = [0u16; 26];
    let mut i = 0;
    while i < names.len() {
        let b = names[i].as_bytes();
        out[(b[0] - b'a') as usize] |= 1 << b.len();
        i += 1;
    }
    out
}

fn may_be(table: &[u16; 26], w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&c @ b'a'..=b'z') if w.len() < 16 => table[(c - b'a') as usize] & (1 << w.len()) != 0,
        _ => false,
    }
}

const WEEKDAY_SHAPES: [u16; 26] = shapes(&[
    "monday",
    "mondays",
    "lunes",
    "tuesday",
    "tuesdays",
    "martes",
    "wednesday",
    "wednesdays",
    "miercoles",
    "thursday",
    "thursdays",
    "jueves",
    "friday",
    "fridays",
    "viernes",
    "saturday",
    "saturdays",
    "sabado",
    "sunday",
    "sundays",
    "domingo",
]);

const MONTH_SHAPES: [u16; 26] = shapes(&[
    "january",
    "jan",
    "enero",
    "february",
    "feb",
    "febrero",
    "march",
    "mar",
    "marzo",
    "april",
    "apr",
    "abril",
    "may",
    "mayo",
    "june",
    "jun",
    "junio",
    "july",
    "jul",
    "julio",
    "august",
    "aug",
    "agosto",
    "september",
    "sept",
    "septiembre",
    "october",
    "oct",
    "octubre",
    "november",
    "nov",
    "noviembre",
    "december",
    "dec",
    "diciembre",
]);

/// A weekday's name, English or Spanish (folded; English plurals too).
pub(crate) fn weekday(w: &str) -> Option<Weekday> {
    if !may_be(&WEEKDAY_SHAPES, w) {
        return None;
    }
    Some(match w {
        "monday" | "mondays" | "lunes" => Weekday::Mon,
        "tuesday" | "tuesdays" | "martes" => Weekday::Tue,
        "wednesday" | "wednesdays" | "miercoles" => Weekday::Wed,
        "thursday" | "thursdays" | "jueves" => Weekday::Thu,
        "friday" | "fridays" | "viernes" => Weekday::Fri,
        "saturday" | "saturdays" | "sabado" => Weekday::Sat,
        "sunday" | "sundays" | "domingo" => Weekday::Sun,
        _ => return None,
    })
}

/// The number at word `k` is a day of a month, not a count: "28 de marzo", "March 28",
/// "28 March".
pub(crate) fn day_of_month_at(words: &[&str], k: usize) -> bool {
    let month_at = |q: usize| words.get(q).is_some_and(|w| month(w).is_some());
    month_at(k + 1)
        || words.get(k + 1) == Some(&"de") && month_at(k + 2)
        || k > 0 && month_at(k - 1)
}

/// A month's number from its name or English abbreviation.
pub(crate) fn month(w: &str) -> Option<u32> {
    if !may_be(&MONTH_SHAPES, w) {
        return None;
    }
    Some(match w {
        "january" | "jan" | "enero" => 1,
        "february" | "feb" | "febrero" => 2,
        "march" | "mar" | "marzo" => 3,
        "april" | "apr" | "abril" => 4,
        "may" | "mayo" => 5,
        "june" | "jun" | "junio" => 6,
        "july" | "jul" | "julio" => 7,
        "august" | "aug" | "agosto" => 8,
        "september" | "sept" | "septiembre" => 9,
        "october" | "oct" | "octubre" => 10,
        "november" | "nov" | "noviembre" => 11,
        "december" | "dec" | "diciembre" => 12,
        _ => return None,
    })
}

/// Whether word `p`, a month's name that is also a word of another kind ("march", "may"),
/// names the month here: next to a number or an ordinal ("March 19th", "28 March 2019"),
/// after a word that takes a time ("in March", "since May", "early March"), or as the
/// subject of a verb of time passing ("March begins with…", "March closed with…").
pub(crate) fn month_at(words: &[&str], p: usize) -> bool {
    if month(words[p]).is_none() {
        return false;
    }
    let digits = |w: &str| w.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let prev = p.checked_sub(1).map(|i| words[i]);
    let next = words.get(p + 1).copied();
    prev.is_some_and(|w| {
        digits(w)
            || matches!(
                w,
                "in" | "of"
                    | "since"
                    | "until"
                    | "till"
                    | "through"
                    | "during"
                    | "by"
                    | "from"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "next"
                    | "this"
                    | "de"
                    | "desde"
                    | "hasta"
                    | "en"
            )
    }) || next.is_some_and(|w| digits(w) || is(w, &MONTH_SUBJECT_VERBS))
        // "February and March", "de enero a marzo": a month joined to another.
        || p >= 2
            && matches!(words[p - 1], "and" | "or" | "to" | "y" | "a" | "through")
            && month(words[p - 2]).is_some()
}

/// The last `wd` up to `published`: the day itself when it is one, unless `strict` ("last
/// Friday", "el pasado viernes").
pub(crate) fn weekday_up_to(published: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let mut d = published;
    if strict {
        d -= Duration::days(1);
    }
    while d.weekday() != wd {
        d -= Duration::days(1);
    }
    d
}

/// What a sentence says about when: a day, "no day" (a week, month or year), or nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum When {
    Day(NaiveDate),
    /// A week, a month or a year: no day.
    NoDay,
    /// The day after the last one told.
    Next,
    /// Days after the last one told ("six days later", "four days after the blast",
    /// "tres días después"), or before it ("nine days after that marines detained…").
    After(i64),
    /// Nothing: the last day told holds.
    Silent,
}

/// A day of the month written as a number, with an English ordinal's ending or not
/// ("4", "4th", "21st").
fn ordinal_day(w: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    digits.parse().ok()
}

/// A day told relative to publication or to the last day told: "this morning", "last
/// night", "ayer", "the day after", "six days later".
fn relative_day(
    words: &[&str],
    i: usize,
    published: NaiveDate,
    said: impl Fn() -> bool,
) -> Option<When> {
    let (w, prev) = (words[i], if i > 0 { words[i - 1] } else { "" });
    // "this morning", "esta madrugada": the day of publication.
    if matches!(prev, "this" | "esta") && is(w, &DAYPARTS) && !said() {
        return Some(When::Day(published));
    }
    // "last night", "anoche": the night before publication.
    if ((w == "night" && prev == "last") || w == "anoche") && !said() {
        return Some(When::Day(published - Duration::days(1)));
    }
    match w {
        "yesterday" | "ayer" => return Some(When::Day(published - Duration::days(1))),
        "anteayer" => return Some(When::Day(published - Duration::days(2))),
        "today" | "hoy" | "tonight" => return Some(When::Day(published)),
        _ => {}
    }
    if matches!(w, "later" | "despues" | "siguiente" | "next") && matches!(prev, "day" | "dia") {
        // "El hallazgo ocurrió un día después de que … fueran encontrados": what follows
        // "de que" came the day before.
        let before = words.get(i + 1) == Some(&"de") && words.get(i + 2) == Some(&"que");
        return Some(if before { When::After(-1) } else { When::Next });
    }
    // "El día 2, Cecilio Pineda … fue asesinado": a day of the publication's month.
    if prev == "dia"
        && i >= 2
        && words[i - 2] == "el"
        && !words
            .get(i + 1)
            .is_some_and(|x| *x == "de" || month(x).is_some())
    {
        if let Some(d) = w.parse::<u32>().ok().filter(|d| (1..=31).contains(d)) {
            return day_of_month_up_to(published, d).map(When::Day);
        }
    }
    // "six days later", "four days after the blast", "tres días después".
    if matches!(w, "later" | "after" | "despues") && matches!(prev, "days" | "dias") && i >= 2 {
        if let Some(n) = crate::numbers::word(words[i - 2])
            .or_else(|| words[i - 2].parse::<f64>().ok())
            .filter(|n| (2.0..=31.0).contains(n))
        {
            // "The capture happens nine days after that marines detained…": the deed
            // told after "that" came first.
            // "It came 10 days after a federal judge was shot dead": what came after is
            // the subject's; the deed told after "after" came first.
            let came = words[..i - 2].iter().any(|w| {
                matches!(
                    *w,
                    "came"
                        | "comes"
                        | "happened"
                        | "happens"
                        | "occurred"
                        | "occurs"
                        | "ocurre"
                        | "ocurrio"
                        | "sucedio"
                        | "sucede"
                )
            });
            let before = came
                || matches!(words.get(i + 1), Some(&"that") | Some(&"que"))
                || words.get(i + 1) == Some(&"de") && words.get(i + 2) == Some(&"que");
            return Some(When::After(if before { -(n as i64) } else { n as i64 }));
        }
    }
    None
}

/// Day `day` of the publication's month, or of the month before when that would fall more
/// than a day after publication.
pub(crate) fn day_of_month_up_to(published: NaiveDate, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(published.year(), published.month(), day);
    match this {
        Some(d) if d <= published + Duration::days(1) => Some(d),
        _ => {
            let first = NaiveDate::from_ymd_opt(published.year(), published.month(), 1)?;
            let before = first - Duration::days(1);
            NaiveDate::from_ymd_opt(before.year(), before.month(), day)
        }
    }
}

/// "Cavazos, who was kidnapped on Sunday…, was found on Wednesday": the weekday at word `i`
/// inside a relative clause (from the word returned) dates an earlier deed when another
/// weekday follows.
fn relative_weekday(toks: &[Tok], words: &[&str], i: usize) -> Option<usize> {
    let r = (i.saturating_sub(12)..i).find(|&r| {
        (matches!(words[r], "who" | "whom" | "which" | "quien" | "quienes")
            || words[r] == "que"
                && words
                    .get(r + 1)
                    .is_some_and(|w| matches!(*w, "fue" | "fueron" | "habia")))
            && !toks[r..i].iter().any(|t| t.sep_after)
    })?;
    words[i + 1..]
        .iter()
        .any(|w| weekday(trim_s(w)).is_some())
        .then_some(r)
}

/// The earlier day a relative clause gives (see `relative_weekday`), with the span of words
/// it covers: the deeds told there keep it.
pub(crate) fn relative_clause_day(
    toks: &[Tok],
    words: &[&str],
    published: NaiveDate,
) -> Option<(NaiveDate, usize, usize)> {
    (0..words.len()).find_map(|i| {
        let wd = weekday(trim_s(words[i]))?;
        let r = relative_weekday(toks, words, i)?;
        let mut d = published;
        while d.weekday() != wd {
            d -= Duration::days(1);
        }
        Some((d, r, i))
    })
}

/// The day of the month written after the weekday at word `i` ("el martes 17"); not an
/// hour ("SATURDAY 10 p.m. —", "el sábado 10 horas"; "10:30" is one word, no number).
fn day_after_weekday(words: &[&str], i: usize) -> Option<u32> {
    let hour = words
        .get(i + 2)
        .is_some_and(|w| matches!(*w, "am" | "pm" | "a" | "p" | "hrs" | "horas" | "h"));
    words
        .get(i + 1)
        .filter(|_| !hour)
        .and_then(|d| d.parse::<u32>().ok())
}

/// A street, a neighbourhood or a place is named right before word `k`.
fn street_named(words: &[&str], k: usize) -> bool {
    words[k.saturating_sub(4)..k]
        .iter()
        .any(|w| crate::tokens::is(w, &crate::lexicon::STREET_WORDS))
}

/// The first date a clause gives: a weekday (the last one up to `published`), "yesterday",
/// "today", "the day after", a day of a month (of the year before when it would fall more
/// than a day after `published`); a week, a month or a bare year gives no day.
/// "In July, a car bomb…", "in January last year", "en enero del año pasado", "a finales
/// de enero": a month at `i`, told without a day as the sentence's time ("since taking
/// office in December" is not).
fn month_as_time(words: &[&str], i: usize) -> bool {
    let prev = if i > 0 { words[i - 1] } else { "" };
    let next = &words[i + 1..(i + 4).min(words.len())];
    month_at(words, i)
        && (i == 1 && matches!(prev, "in" | "en")
            || matches!(prev, "in" | "en" | "de")
                && (next.starts_with(&["last", "year"])
                    || next.starts_with(&["del", "ano", "pasado"])
                    || next.first() == Some(&"pasado"))
            || prev == "de"
                && i >= 2
                && matches!(words[i - 2], "finales" | "principios" | "mediados"))
}

/// "said Friday that…", "informó este martes que…": the day at word `i` is when it was
/// said, not the event's ("…, the army said on Tuesday" at a sentence's end dates what it
/// says).
fn said_on(words: &[&str], i: usize) -> bool {
    let mut k = i;
    while k > 0
        && matches!(
            words[k - 1],
            "on" | "el" | "este" | "esta" | "this" | "late" | "early"
        )
    {
        k -= 1;
    }
    k > 0
        && crate::tokens::is(words[k - 1], &crate::lexicon::REPORTING)
        && words[i + 1..(i + 3).min(words.len())]
            .iter()
            .any(|w| matches!(*w, "that" | "que"))
}

/// "SATURDAY 8:10 a.m. — … three gunmen were killed Friday": a live blog's stamp (a
/// weekday and an hour first) dates its entry only when the entry tells no day of its own.
fn stamp_before_own_day(words: &[&str]) -> bool {
    words.get(1).is_some_and(|w| w.contains(':'))
        && words
            .iter()
            .skip(2)
            .any(|w| weekday(trim_s(w)).is_some() || matches!(*w, "yesterday" | "ayer"))
}

pub(crate) fn sentence_date(toks: &[Tok], words: &[&str], published: NaiveDate) -> When {
    let said_on = |i: usize| said_on(words, i);
    // A day that names an earlier incident ("durante el ataque armado del 1 de enero", "the
    // Dec. 16 raid") dates the sentence only when no other day follows.
    let mut named_before: Option<NaiveDate> = None;
    let mut month_only = false;
    // "Seis de los siete jóvenes privados de la libertad la madrugada del domingo … fueron
    // localizados sin vida ayer miércoles": "ayer" with its weekday is the deed's day, over
    // a weekday told before it of another deed.
    if let Some(k) = (0..words.len().saturating_sub(1))
        .find(|&k| words[k] == "ayer" && weekday(trim_s(words[k + 1])).is_some() && !said_on(k))
    {
        if k > 0 && words[..k].iter().any(|w| weekday(trim_s(w)).is_some()) {
            return When::Day(published - Duration::days(1));
        }
    }
    for (i, w) in words.iter().enumerate() {
        // The word's weekday and month are read once for the tests below.
        let (t, weekday_here, month_here) = (&toks[i], weekday(trim_s(w)), month(w));
        let prev = if i > 0 { words[i - 1] } else { "" };
        let date_word = weekday_here.is_some()
            || matches!(
                *w,
                "yesterday" | "ayer" | "anteayer" | "today" | "hoy" | "tonight"
            )
            || month_here.is_some();
        // "By Wednesday afternoon, 12 people had died": the day a toll was told by, not
        // the deed's.
        if date_word && (said_on(i) || prev == "by") {
            continue;
        }
        if i == 0 && weekday_here.is_some() && stamp_before_own_day(words) {
            continue;
        }
        if let Some(wd) = weekday_here {
            // "el martes 17": the day of the month the weekday names (a month after it
            // is read below).
            let day = day_after_weekday(words, i).filter(|_| !t.sep_after);
            if let Some(day) = day.filter(|d| (1..=31).contains(d)) {
                if !words
                    .get(i + 2)
                    .is_some_and(|w| *w == "de" || month(w).is_some())
                {
                    if let Some(d) = day_of_month_up_to(published, day) {
                        return When::Day(d);
                    }
                }
                continue;
            }
            // "Sunday, May 12": the date after the weekday is the day.
            if words.get(i + 1).is_some_and(|m| month(m).is_some())
                && words
                    .get(i + 2)
                    .and_then(|d| ordinal_day(d))
                    .is_some_and(|d| (1..=31).contains(&d))
            {
                continue;
            }
            // "para mañana viernes", "next Friday": a day to come dates no deed.
            if relative_weekday(toks, words, i).is_some()
                || matches!(
                    prev,
                    "manana" | "tomorrow" | "next" | "coming" | "proximo" | "proxima"
                )
            {
                continue;
            }
            let strict = matches!(prev, "last" | "pasado");
            return When::Day(weekday_up_to(published, wd, strict));
        }
        if let Some(when) = relative_day(words, i, published, || said_on(i)) {
            return when;
        }
        // "last week", "la semana pasada", "last year", "el año pasado" ("this year" is
        // mostly a tally's span, not a deed's).
        let year = matches!(*w, "year" | "ano");
        if matches!(*w, "week" | "semana" | "month" | "mes" | "year" | "ano")
            && (matches!(prev, "last" | "pasada" | "pasado")
                || !year && matches!(prev, "this" | "esta" | "este")
                || words
                    .get(i + 1)
                    .is_some_and(|n| matches!(*n, "pasada" | "pasado")))
        {
            return When::NoDay;
        }
        if let Some(m) = month_here {
            // "May" the month is capitalised; "may" the verb is not.
            if !t.cap && w.len() <= 3 {
                continue;
            }
            // ("A principios de octubre, 18 policías": past a comma after the month written
            // out, a count; "Oct. 18" is the abbreviation's point.)
            let day_after = words
                .get(i + 1)
                .filter(|_| !(t.sep_after && w.len() >= 5))
                .and_then(|d| ordinal_day(d))
                .filter(|d| (1..=31).contains(d));
            let day_before = if i >= 2 && matches!(prev, "de") {
                words[i - 2].parse::<u32>().ok()
            } else {
                prev.parse::<u32>().ok()
            }
            .filter(|d| (1..=31).contains(d));
            // "el domingo 9 de junio 14 bolsas": the day before "de" is the date's.
            let day = if prev == "de" {
                day_before.or(day_after)
            } else {
                day_after.or(day_before)
            };
            let Some(day) = day else {
                month_only |= month_as_time(words, i);
                continue;
            };
            // "en las calles Navolato y 1 de Mayo": a street named by a date.
            if prev == "de" && day_before.is_some() && street_named(words, i - 2) {
                continue;
            }
            let year = words[i + 1..]
                .iter()
                .take(3)
                .find_map(|y| y.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)));
            // "on July 20 last year", "el 20 de julio del año pasado".
            let last_year = words[i + 1..(i + 5).min(words.len())]
                .windows(2)
                .any(|p| p == ["last", "year"] || p == ["ano", "pasado"]);
            let mut y = year.unwrap_or(published.year() - i32::from(last_year));
            let mut d = NaiveDate::from_ymd_opt(y, m, day);
            if year.is_none() && d.is_some_and(|d| d > published + Duration::days(1)) {
                y -= 1;
                d = NaiveDate::from_ymd_opt(y, m, day);
            }
            if let Some(d) = d {
                let of_a_noun = if day_before.is_some() && i >= 3 && prev == "de" {
                    words[i - 3] == "del"
                } else {
                    prev == "the"
                };
                if !of_a_noun {
                    return When::Day(d);
                }
                named_before.get_or_insert(d);
            }
        }
    }
    if let Some(d) = named_before {
        return When::Day(d);
    }
    if month_only {
        return When::NoDay;
    }
    // A bare year ("in January 2016", "en 2019") dates without a day.
    if words.iter().enumerate().any(|(i, w)| {
        w.len() == 4
            && w.parse::<i32>().is_ok_and(|y| (1900..=2100).contains(&y))
            && i > 0
            && (matches!(
                words[i - 1],
                "in" | "en" | "since" | "desde" | "de" | "of" | "during" | "durante"
            ) || month(words[i - 1]).is_some())
    }) {
        return When::NoDay;
    }
    When::Silent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;
    use crate::tokens::tokenize;

    #[test]
    fn relative_dates() {
        let p = d("2015-05-02"); // a Saturday
        let w = |s: &str| {
            let toks = tokenize(&s.chars().collect::<Vec<_>>(), 0, s.chars().count());
            let words: Vec<&str> = toks.iter().map(|t| t.low.as_str()).collect();
            sentence_date(&toks, &words, p)
        };
        assert_eq!(w("on Friday"), When::Day(d("2015-05-01")));
        assert_eq!(w("el pasado jueves"), When::Day(d("2015-04-30")));
        assert_eq!(w("ayer"), When::Day(d("2015-05-01")));
        assert_eq!(w("last week"), When::NoDay);
        assert_eq!(w("on 3 March"), When::Day(d("2015-03-03")));
        assert_eq!(w("el 28 de diciembre"), When::Day(d("2014-12-28")));
        assert_eq!(w("in 2016"), When::NoDay);
        // A day that names an earlier incident yields to the sentence's own.
        assert_eq!(
            w("murió el jueves tras el ataque armado del 1 de mayo"),
            When::Day(d("2015-04-30"))
        );
        assert_eq!(w("the May 1 raid"), When::Day(d("2015-05-01")));
        // A month and a year without a day: no day.
        assert_eq!(w("recaptured in January 2016"), When::NoDay);
        assert_eq!(w("en enero de 2016"), When::NoDay);
        // A month told as the sentence's time, without a day or a year.
        assert_eq!(
            w("In July, a car bomb killed a police officer"),
            When::NoDay
        );
        assert_eq!(
            w("asesinados en una fiesta en enero del año pasado"),
            When::NoDay
        );
        assert_eq!(w("killed in January last year"), When::NoDay);
        // A year past dates no day, and stops an earlier sentence's day from carrying.
        assert_eq!(
            w("resigned and fled to El Paso last year after gunmen killed his director"),
            When::NoDay
        );
        assert_eq!(w("asesinado el año pasado"), When::NoDay);
        assert_eq!(
            w("la semana pasada drones lanzaron explosivos"),
            When::NoDay
        );
        assert_eq!(w("more than 500 killed this year"), When::Silent);
        assert_eq!(w("salió del país a finales de enero"), When::NoDay);
        // A month inside another clause leaves the day told before.
        assert_eq!(
            w("who has sent troops since taking office in December"),
            When::Silent
        );
    }

    #[test]
    fn weekdays_the_day_after_and_sentences_without_a_date() {
        let p = d("2015-05-02"); // a Saturday
        let w = |s: &str| {
            let toks = toks(s);
            let words: Vec<&str> = toks.iter().map(|t| t.low.as_str()).collect();
            sentence_date(&toks, &words, p)
        };
        // The publication's own weekday is that day, unless "last" says the week before.
        assert_eq!(w("on Saturday"), When::Day(p));
        assert_eq!(w("last Saturday"), When::Day(d("2015-04-25")));
        assert_eq!(w("hoy"), When::Day(p));
        assert_eq!(w("el martes 17"), When::Day(d("2015-04-17")));
        // The date written after the weekday is the day ("Sunday, May 12" may be any year's).
        assert_eq!(
            w("On the evening of Sunday, April 12, gunmen"),
            When::Day(d("2015-04-12"))
        );
        assert_eq!(w("on January 4th a fight"), When::Day(d("2015-01-04")));
        assert_eq!(w("on July 20 last year"), When::Day(d("2014-07-20")));
        assert_eq!(
            w("el domingo 26 de abril 14 bolsas"),
            When::Day(d("2015-04-26"))
        );
        assert_eq!(w("was murdered last night"), When::Day(d("2015-05-01")));
        assert_eq!(w("fue asesinado anoche"), When::Day(d("2015-05-01")));
        assert_eq!(w("el viernes 1"), When::Day(d("2015-05-01")));
        // The day a toll was told by is not the deed's.
        assert_eq!(w("By Friday afternoon, 12 people had died"), When::Silent);
        // A street named by a date is no date.
        assert_eq!(w("en las calles Navolato y 1 de Mayo"), When::Silent);
        assert_eq!(w("en la colonia 20 de Noviembre"), When::Silent);
        // A live blog's stamp: the weekday and an hour, no day of the month.
        assert_eq!(
            w("FRIDAY 10:30 p.m. — Police say"),
            When::Day(d("2015-05-01"))
        );
        assert_eq!(
            w("FRIDAY 10:30 p.m. — Three gunmen were killed Thursday"),
            When::Day(d("2015-04-30"))
        );
        // A day to come dates nothing; the morning of a past day does.
        assert_eq!(
            w("Se suspenden las clases para mañana viernes"),
            w("Se suspenden las clases")
        );
        assert_eq!(
            w("will appear in court next Monday"),
            w("will appear in court")
        );
        assert_eq!(w("la mañana del viernes"), When::Day(d("2015-05-01")));
        assert_eq!(
            w("Violent Wednesday: 4 executed"),
            When::Day(d("2015-04-29"))
        );
        assert_eq!(w("el viernes 1 de mayo"), When::Day(d("2015-05-01")));
        assert_eq!(w("found this morning in Tijuana"), When::Day(p));
        assert_eq!(w("hallados esta madrugada"), When::Day(p));
        assert_eq!(w("al día siguiente"), When::Next);
        assert_eq!(w("six days later"), When::After(6));
        assert_eq!(w("Four days after the blast, soldiers"), When::After(4));
        assert_eq!(w("tres días después"), When::After(3));
        assert_eq!(w("nine days after that marines detained"), When::After(-9));
        assert_eq!(
            w("It came 10 days after a judge was shot dead"),
            When::After(-10)
        );
        assert_eq!(w("a day later"), When::Next);
        assert_eq!(
            w("ocurrió un día después de que fueran encontrados"),
            When::After(-1)
        );
        // The publication's month (2015-05-01): "el día 2" is the day before its start.
        assert_eq!(
            w("El día 1, un hombre fue asesinado"),
            When::Day(d("2015-05-01"))
        );
        assert_eq!(w("Police said it"), When::Silent);
        // "may" the verb is no month; "May" the month is.
        assert_eq!(w("violence may 3 times rise"), When::Silent);
        assert_eq!(w("on May 1"), When::Day(d("2015-05-01")));
    }

    #[test]
    fn march_the_month_is_told_from_march_the_protest() {
        let w = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        for (text, p, is_month) in [
            ("march begins with 2 violent deaths", 0, true),
            ("march 19th mayhem in monterrey", 0, true),
            ("mexico security update 28 march 2019", 4, true),
            ("killed in march in tijuana", 2, true),
            ("hundreds march against drug gang violence", 1, false),
            ("a silent march for the victims", 2, false),
            ("march for peace in mexico city", 0, false),
        ] {
            assert_eq!(month_at(&w(text), p), is_month, "{text}");
        }
    }
}
