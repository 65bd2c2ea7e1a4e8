//! Measures: the counts a clause gives its event — each number with the measure its unit,
//! its verb or the words after it say it counts (fatalities, injured, arrested, drugs…) —
//! and the victims a killing has without a number (one named, one found, the verb's object).

use std::sync::LazyLock;

use crate::dates::{month, weekday};
use crate::deaths;
use crate::lexicon::*;
use crate::mentions::{Clause, Mention};
use crate::numbers::{self, number_at};
use crate::tokens::{has, is, Tok};

/// The counts a triggered clause gives: its numbers' measures and, with no count of the
/// dead, the victims told without one; `(measure, value, word)` in text order. `death`: a
/// death told without a killing verb.
pub(crate) fn clause_counts(
    clause: &Clause,
    words: &[&str],
    death: Option<usize>,
    triggered: bool,
) -> Vec<(&'static str, f64, usize)> {
    let mut measures = if triggered {
        measures_in(words, &clause.toks)
    } else {
        Vec::new()
    };
    // With no count of the dead: one body found or left, or one person named as the
    // victim ("Descubren cadáver…", "They kill Juan José", "Armando is shot to death"),
    // else the killing verb's object ("Asesinan a padre e hijo").
    if !measures.iter().any(|(m, _, _)| *m == "fatalities") {
        // The remains may sit beside the words that say the death: "a lifeless body",
        // "un cuerpo sin vida".
        let victims = death
            .and_then(|p| {
                (p.saturating_sub(2)..(p + 3).min(words.len()))
                    .find(|&q| deaths::single_remains(words, q))
            })
            .or_else(|| {
                triggered.then(|| {
                    named_victim(
                        &clause.toks,
                        words,
                        &clause.actor_spans,
                        &clause.mentions,
                        death,
                    )
                })?
            })
            .map(|p| (1.0, p))
            .or_else(|| triggered.then(|| object_victims(words))?)
            .or_else(|| triggered.then(|| lone_victim(clause, words, death))?);
        if let Some((n, p)) = victims {
            measures.push(("fatalities", n, p));
            measures.sort_by_key(|m| m.2);
        }
    }
    if let Some(dead) = measures
        .iter_mut()
        .find(|m| m.0 == "fatalities" && m.1 == 1.0)
    {
        dead.1 += companions(words, dead.2);
    }
    measures
}

/// Two words that join others to a victim: "along with", "together with", "junto con",
/// "junto a".
pub(crate) fn along_with(first: &str, second: &str) -> bool {
    matches!(
        (first, second),
        ("along" | "together", "with") | ("junto", "con" | "a")
    )
}

/// A word of people: a person ("hombre", "brothers"), a joined noun ("women") or people.
fn people_word(w: &str) -> bool {
    is_in(w, &PERSON_IX)
        || is(w, &JOINED_PEOPLE)
        || is(w, &PEOPLE)
        || w.strip_suffix('s').is_some_and(|s| is_in(s, &PERSON_IX))
}

/// The people killed with a single victim told from word `from`: "was shot dead together
/// with four members of his campaign team", "along with his two sons", "junto con cuatro
/// integrantes de su equipo".
pub(crate) fn companions(words: &[&str], from: usize) -> f64 {
    let person = |w: &str| people_word(w) || is(w, &COMPANION_NOUNS);
    (from..words.len().saturating_sub(2))
        .find_map(|k| {
            if !along_with(words[k], words[k + 1]) {
                return None;
            }
            let mut q = k + 2;
            // "junto con otras dos personas", "along with two other people".
            while words.get(q).is_some_and(|w| {
                matches!(
                    *w,
                    "his" | "her" | "their" | "su" | "sus" | "the" | "otras" | "otros"
                )
            }) {
                q += 1;
            }
            let Some((n, mut j)) = number_at(words, q) else {
                return listed_companions(words, q, &person);
            };
            // "along with seven other men".
            if words
                .get(j)
                .is_some_and(|w| matches!(*w, "other" | "otros" | "otras" | "more" | "mas"))
            {
                j += 1;
            }
            let counted = words.get(j).is_some_and(|w| person(w))
                || words.get(j).is_some_and(|w| matches!(*w, "of" | "de"))
                    && words[j + 1..(j + 4).min(words.len())]
                        .iter()
                        .any(|w| person(w));
            counted.then_some(n)
        })
        .unwrap_or(0.0)
}

/// "junto con su esposa y su hijo", "along with his wife and son": each singular person
/// named, joined by "and"/"y"/"e", counts one; a plural uncounted ("his sons") counts none.
fn listed_companions(words: &[&str], from: usize, person: &dyn Fn(&str) -> bool) -> Option<f64> {
    let det = |w: &str| {
        matches!(
            w,
            "his" | "her" | "their" | "su" | "sus" | "the" | "a" | "an" | "un" | "una"
        )
    };
    let mut q = from;
    let mut n = 0.0;
    loop {
        while words.get(q).is_some_and(|w| det(w)) {
            q += 1;
        }
        let w = words.get(q)?;
        if !person(w) || w.ends_with('s') && !is_in(w, &PERSON_IX) {
            return (n > 0.0).then_some(n);
        }
        n += 1.0;
        q += 1;
        if !words
            .get(q)
            .is_some_and(|w| matches!(*w, "and" | "y" | "e"))
        {
            return Some(n);
        }
        q += 1;
    }
}

/// The victims a killing verb takes as its object when no number counts them: "Asesinan a
/// panadero", "Ejecutan a anciano", "They kill a 55-year-old man", "Asesinan a padre e hijo".
/// One singular noun is one victim; two joined by "y"/"e"/"and" are two.
fn object_victims(words: &[&str]) -> Option<(f64, usize)> {
    let kp = (0..words.len()).find(|&p| {
        is_in(words[p], &KILL_IX) && (!is(words[p], &KILL_NOUNS) || deaths::noun_as_verb(words, p))
    })?;
    let mut k = kp + 1;
    // "shoot to death a seller", "matan a balazos a un hombre".
    if words.get(k) == Some(&"to") && words.get(k + 1) == Some(&"death") {
        k += 2;
    }
    k = after_means_and_place(words, k);
    let spanish_a = matches!(words.get(k), Some(&"a") | Some(&"al"))
        && !words
            .get(k + 1)
            .is_some_and(|w| is_in(w, &PERSON_IX) || matches!(*w, "un" | "una"));
    if spanish_a {
        k += 1;
    }
    // "a la influencer", "al comerciante": a definite singular victim counts one too.
    let article = matches!(
        words.get(k),
        Some(&"a") | Some(&"an") | Some(&"un") | Some(&"una")
    ) || (spanish_a && matches!(words.get(k), Some(&"el") | Some(&"la")));
    if article {
        k += 1;
        // "Asesinan a un panadero": the personal "a", then the article.
        if words[k - 1] == "a" && matches!(words.get(k), Some(&"un") | Some(&"una")) {
            k += 1;
        }
    } else if !spanish_a && !matches!(words.get(k.wrapping_sub(1)), Some(&"a") | Some(&"al")) {
        return None;
    }
    // The head: a person noun within three words, else (after an article or the personal
    // "a") the first word if it is a singular common noun.
    let singular = |w: &str| {
        w.len() > 2
            && !w.ends_with('s')
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !matches!(
                w,
                "el" | "la" | "su" | "sus" | "los" | "las" | "del" | "the" | "his" | "her"
            )
    };
    let head = (k..(k + 3).min(words.len()))
        .find(|&q| is_in(words[q], &PERSON_IX))
        .or_else(|| {
            words
                .get(k)
                .is_some_and(|w| singular(w) && !numbers::is_number(w))
                .then_some(k)
        })?;
    // "a niño de cinco años y su padre", "a 5-year-old boy and his sister": two.
    let and = after_age(words, head + 1);
    let mut second = and + 1;
    if words.get(second).is_some_and(|w| POSSESSIVES.contains(w)) {
        second += 1;
        if words.get(second).is_some_and(|w| w.ends_with("-old")) {
            second += 1;
        }
    }
    // "a plaza boss and others": how many is not told.
    if words[head + 1..(head + 4).min(words.len())]
        .windows(2)
        .any(|w| matches!(w[0], "and" | "y") && matches!(w[1], "others" | "otros" | "otras"))
    {
        return None;
    }
    let pair = matches!(words.get(and), Some(&"y") | Some(&"e") | Some(&"and"))
        && words.get(second).is_some_and(|w| {
            !matches!(*w, "otro" | "otra" | "another")
                && (is_in(w, &PERSON_IX)
                    || (second == and + 1 && singular(w) && !numbers::is_number(w)))
        });
    // "Matan a director de seguridad de Zamora y a comandante": a second object marked by
    // its own personal "a" past the first's description.
    let second_object = words[head + 1..(head + 9).min(words.len())]
        .windows(3)
        .any(|w| {
            matches!(w[0], "y" | "e")
                && matches!(w[1], "a" | "al")
                && (is_in(w[2], &PERSON_IX)
                    || is_in(w[2], &OFFICIALS_IX)
                    || is_in(w[2], &FORCES_IX))
        });
    Some((if pair || second_object { 2.0 } else { 1.0 }, head))
}

const POSSESSIVES: &[&str] = &["his", "her", "their", "su", "sus"];

/// One victim told in the singular without a count: "Nightclub manager murdered", "They
/// execute 'El Poleso' in La Cotorra", "They find him executed", "Degollado y calcinado en
/// Romita", "Asesinan a un panadero". Not with any number, a plural victim or "others".
fn lone_victim(clause: &Clause, words: &[&str], death: Option<usize>) -> Option<(f64, usize)> {
    // "They murder young man": a noun of killing used as the verb.
    let kill = (0..words.len())
        .find(|&p| {
            is_in(words[p], &KILL_IX)
                && (!is(words[p], &KILL_NOUNS) || deaths::noun_as_verb(words, p))
        })
        .or(death)?;
    // A day of a month ("on 10 January", "el 6 de octubre de 2024") counts no one.
    let month_at = |k: usize| words.get(k).is_some_and(|x| month(x).is_some());
    let day = |k: usize| {
        crate::dates::day_of_month_at(words, k) || k > 1 && words[k - 1] == "de" && month_at(k - 2)
    };
    // "Los restos de Silvia Vargas", "the remains of Mario González": one person's.
    let toks = &clause.toks;
    let named_remains = (0..words.len()).find(|&k| {
        matches!(words[k], "restos" | "remains")
            && matches!(words.get(k + 1), Some(&"de") | Some(&"of"))
            && toks.get(k + 2).is_some_and(|t| {
                t.cap
                    && !matches!(
                        t.low.as_str(),
                        "the" | "la" | "las" | "los" | "el" | "un" | "una"
                    )
            })
    });
    let plural = words.iter().enumerate().any(|(k, w)| {
        numbers::is_number(w) && !day(k)
            || is(w, &PLURAL_VICTIMS) && named_remains != Some(k)
            || (is_in(w, &PERSON_IX) && w.ends_with('s') && w.len() > 3)
            || ["ados", "adas", "idos", "idas"]
                .iter()
                .any(|e| w.ends_with(e))
                && is_in(w, &KILL_IX)
    });
    if plural || crate::figures::running_total(words) {
        return None;
    }
    let outside_actors = |k: usize| !clause.actor_spans.iter().any(|&(a, b)| a <= k && k < b);
    // "El Poleso", "La Rana": an alias, when no group's name.
    let alias = (0..toks.len().saturating_sub(1)).find(|&k| {
        matches!(toks[k].low.as_str(), "el" | "la")
            && toks[k].cap
            && toks[k + 1].cap
            && outside_actors(k)
            && outside_actors(k + 1)
            && !clause
                .mentions
                .iter()
                .any(|m| m.at <= k + 1 && k + 1 < m.at + m.len)
    });
    let singular = named_remains
        .or(alias)
        .or_else(|| {
            (0..words.len()).find(|&k| {
                matches!(words[k], "him" | "her")
                    || is(words[k], &SINGULAR_KILLED)
                    || (is_in(words[k], &PERSON_IX) && !words[k].ends_with('s'))
            })
        })
        .or_else(|| {
            // A noun right before an English participle that ends the headline's subject:
            // "Nightclub manager murdered", "Female Executed by Gunmen".
            (kill > 0
                && words[kill].ends_with("ed")
                && !words[kill - 1].ends_with('s')
                && words[kill - 1].len() > 3
                && outside_actors(kill - 1)
                && toks.get(kill - 1).is_some_and(|t| !t.upper))
            .then(|| kill - 1)
        })?;
    // "murder father and son", "asesinan a padre e hijo": two, each in the singular.
    let pair = matches!(words.get(singular + 1), Some(&("and" | "y" | "e")))
        && words
            .get(singular + 2)
            .is_some_and(|w| is_in(w, &PERSON_IX))
        && is_in(words[singular], &PERSON_IX);
    Some((if pair { 2.0 } else { 1.0 }, singular))
}

/// The word after the means and the place a Spanish killing verb may take before its
/// object: "Matan de un balazo a niño", "asesinan a balazos a", "Asesinan en Jalisco a la
/// influencer".
pub(crate) fn after_means_and_place(words: &[&str], mut k: usize) -> usize {
    let means = |w: &str| is(w, &MEANS);
    if matches!(words.get(k), Some(&"a") | Some(&"de") | Some(&"con")) {
        let n = k + 1;
        let n = if words.get(n).is_some_and(|w| {
            matches!(*w, "un" | "una" | "varios" | "varias") || numbers::is_number(w)
        }) {
            n + 1
        } else {
            n
        };
        if words.get(n).is_some_and(|w| means(w)) {
            k = n + 1;
        }
    }
    if matches!(words.get(k), Some(&"en") | Some(&"in")) {
        if let Some(a) = (k + 2..(k + 5).min(words.len())).find(|&q| matches!(words[q], "a" | "al"))
        {
            k = a;
        }
    }
    k
}

/// The word after an age told beside a person: "de cinco años", "of 12 years", "aged 40",
/// ", 35,".
fn after_age(words: &[&str], k: usize) -> usize {
    match words.get(k) {
        Some(&"de") | Some(&"of")
            if words.get(k + 1).is_some_and(|w| numbers::is_number(w))
                && words.get(k + 2).is_some_and(|w| is(w, &TIME_UNITS)) =>
        {
            let e = k + 3;
            if words.get(e) == Some(&"de") && words.get(e + 1) == Some(&"edad") {
                e + 2
            } else {
                e
            }
        }
        Some(&"aged") if words.get(k + 1).is_some_and(|w| numbers::is_number(w)) => k + 2,
        // "a child under 3 years old", "a man 40 years old".
        Some(w) if matches!(*w, "under" | "over") || numbers::is_number(w) => {
            let n = k + usize::from(!numbers::is_number(w));
            if words.get(n).is_some_and(|w| numbers::is_number(w))
                && words.get(n + 1).is_some_and(|w| is(w, &TIME_UNITS))
                && words.get(n + 2) == Some(&"old")
            {
                n + 3
            } else {
                k
            }
        }
        _ => k,
    }
}

/// A person named as the victim of the clause's killing: right after the verb ("They kill
/// Juan José", "Asesinan a 'El Macaco'") or as the subject of a passive ("Armando is shot to
/// death"). Not in a title-case headline, where every word has a capital.
fn named_victim(
    toks: &[Tok],
    words: &[&str],
    actor_spans: &[(usize, usize)],
    mentions: &[Mention],
    death: Option<usize>,
) -> Option<usize> {
    let capitals = toks.iter().filter(|t| t.cap).count();
    if toks.len() < 3 || capitals * 10 >= toks.len() * 7 {
        return None;
    }
    let kp = (0..words.len())
        .find(|&p| is_in(words[p], &KILL_IX) && !is(words[p], &KILL_NOUNS))
        .or(death)?;
    let name = |k: usize| {
        toks.get(k).is_some_and(|t| t.cap && !t.upper)
            && !actor_spans.iter().any(|&(a, b)| a <= k && k < b)
            && !mentions.iter().any(|m| m.at <= k && k < m.at + m.len)
            && weekday(words[k]).is_none()
            && month(words[k]).is_none()
    };
    let mut k = kp + 1;
    if matches!(words.get(k), Some(&"a") | Some(&"al")) {
        k += 1;
    }
    if name(k) {
        return Some(k);
    }
    let passive = kp >= 2 && matches!(words[kp - 1], "is" | "was" | "es" | "fue");
    (passive && name(kp - 2)).then(|| kp - 2)
}

/// After a victim ending at `end` and "and"/"y": the second victim ("a woman", "three
/// men"); the sum of both and the index after the second noun.
fn joined_count(words: &[&str], end: usize) -> Option<(f64, usize)> {
    if !matches!(words.get(end), Some(&"and") | Some(&"y") | Some(&"e")) {
        return None;
    }
    let k = end + 1;
    let possessive = |w: &str| matches!(w, "their" | "his" | "her" | "su" | "sus");
    // "two brothers and their friend", "un hombre y su hijo": a possessive names one more;
    // "him and his two bodyguards": or counts them.
    let (v, after) = if words.get(k).is_some_and(|w| possessive(w))
        && words.get(k + 1).is_some_and(|w| numbers::is_number(w))
    {
        number_at(words, k + 1)?
    } else if matches!(
        words.get(k),
        Some(&"a") | Some(&"an") | Some(&"un") | Some(&"una")
    ) || matches!(
        words.get(k),
        Some(&"their") | Some(&"his") | Some(&"her") | Some(&"su")
    ) && !words.get(k + 1).is_some_and(|w| numbers::is_number(w))
    {
        (1.0, k + 1)
    } else {
        number_at(words, k)?
    };
    // "three of the officers escorting him".
    let noun = (after..(after + 3).min(words.len())).find(|&q| people_word(words[q]))?;
    Some((1.0 + v, after_age(words, noun + 1)))
}

/// A number found in a sentence and the measure it counts: a unit right after it ("38
/// rifles", "2 tonnes", "70%", "$5mn"), a verb right before it ("killing seven", "detuvieron
/// a tres", "the bodies of 72"), else the first cue in the words that follow ("Eight people
/// were killed", "twelve people, ten soldiers and two officers, were wounded").
/// `toks`: the words' tokens, for the commas after them (empty when unknown).
fn measures_in(words: &[&str], toks: &[Tok]) -> Vec<(&'static str, f64, usize)> {
    let mut out: Vec<(&'static str, f64, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some((v, j, single)) = count_at(words, i) else {
            i += 1;
            continue;
        };
        let n = Count::new(words, i, j, v, single);
        // "On the morning of November 18, officials found nine men": a date set off by its
        // comma ("En febrero, 29 presuntos…" counts: the comma is before the number).
        let dated = i > 0
            && month(words[i - 1]).is_some()
            && toks.get(i - 1).is_some_and(|t| !t.sep_after)
            && toks.get(j - 1).is_some_and(|t| t.sep_after);
        // "El 18 Arrested", "Cartel Boss El 14 Found": a nickname, not a count (a capital
        // at the start of the clause is no evidence).
        // At the clause's start, a capital after the number tells the name: "El 300 Executed
        // in Morelos".
        let nickname = (i > 1 || i == 1 && toks.get(j).is_some_and(|t| t.cap))
            && toks
                .get(i - 1)
                .is_some_and(|t| t.cap && matches!(t.low.as_str(), "el" | "la"))
            // "known as "Metro 3,"", "alias el Comandante 40": a name's number after the
            // words that introduce a nickname.
            || i > 1
                && toks.get(i - 1).is_some_and(|t| t.cap)
                && (i > 2 && words[i - 3] == "known" && words[i - 2] == "as"
                    || matches!(words[i - 2], "alias" | "apodado" | "nicknamed")
                    || i > 2 && words[i - 3] == "conocido" && words[i - 2] == "como");
        // "Murrieta, 58, had said…", "Javier Arredondo, de 24, nacido en…": an age set off
        // by commas after a name.
        let after_name = |k: usize| toks.get(k).is_some_and(|t| t.cap && t.sep_after);
        let age = i > 0
            && v <= 110.0
            && (after_name(i - 1) || i > 1 && words[i - 1] == "de" && after_name(i - 2))
            && toks.get(j - 1).is_some_and(|t| t.sep_after);
        if dated || nickname || age {
            i = j;
            continue;
        }
        // "Seis de los siete jóvenes secuestrados … fueron localizados sin vida", "six of
        // the seven men kidnapped were found dead": the part counts what the clause says of
        // it (past the whole's noun and its participle); the whole is read on its own.
        if let Some(m) = partitive(words, i, j, v) {
            out.push((m, v, i, false));
            i = j;
            continue;
        }
        // "Article 19", "carretera federal 180", "a town of 6,000 people".
        if n.not_a_count() || crate::figures::named_number(words, i, j) {
            i = j;
            continue;
        }
        let after_comma = i > 0 && toks.get(i - 1).is_some_and(|t| t.sep_after);
        if let Some((m, v, weak)) = n.measure(after_comma) {
            out.push((m, v, i, weak));
        }
        i = j;
    }
    singular_victims(words, &mut out);
    goods_lists(words, &mut out);
    more_dead(words, &mut out);
    one_of_those_shot(words, &mut out);
    named_bodies(words, toks, &mut out);
    named_victims(words, toks, &mut out);
    let out = joined_parts(words, out);
    one_per_measure(out)
}

/// "Los cuerpos de los fotógrafos Guillermo Luna, Gabriel Huge y Esteban Rodríguez, así como
/// el de Irasema Becerra, fueron encontrados", "the bodies of Ana López and Juan Pérez":
/// the dead named one by one, counted when no number counts them.
fn named_bodies(words: &[&str], toks: &[Tok], out: &mut Vec<(&'static str, f64, usize, bool)>) {
    if toks.len() != words.len() {
        return;
    }
    let Some(k) = (0..words.len().saturating_sub(1)).find(|&k| {
        matches!(
            words[k],
            "cuerpos" | "bodies" | "restos" | "remains" | "cadaveres"
        ) && matches!(words[k + 1], "de" | "of")
    }) else {
        return;
    };
    // "The bodies of Arturo Hernández, leader of…, and of two other members": the one
    // named and the others counted.
    if toks.get(k + 2).is_some_and(|t| t.cap) {
        let others = (k + 4..words.len().saturating_sub(1)).find_map(|q| {
            (matches!((words[q - 2], words[q - 1]), ("and" | "y", "of" | "de"))
                && matches!(words[q + 1], "other" | "others" | "otros" | "otras"))
            .then(|| numbers::number_at(words, q))
            .flatten()
        });
        if let Some((n, _)) = others {
            out.retain(|m| m.0 != "fatalities");
            out.push(("fatalities", n + 1.0, k, false));
            return;
        }
    }
    if out.iter().any(|m| m.0 == "fatalities") {
        return;
    }
    let mut q = k + 2;
    if words
        .get(q)
        .is_some_and(|w| matches!(*w, "los" | "las" | "the"))
    {
        q += 1;
        // "los fotógrafos": the people's plural noun before their names.
        if toks.get(q).is_some_and(|t| !t.cap) {
            q += 1;
        }
    }
    let (mut names, mut in_name) = (0, false);
    while q < toks.len() {
        let t = &toks[q];
        if t.cap && !matches!(words[q], "y" | "and" | "e") {
            if !in_name {
                names += 1;
                in_name = true;
            }
            if t.sep_after {
                in_name = false;
            }
        } else if matches!(words[q], "y" | "and" | "e") && in_name {
            in_name = false;
        } else if matches!(words[q], "de" | "del") && in_name {
            // "Huge Córdova", "Luna de la Cruz": a name goes on.
        } else {
            break;
        }
        q += 1;
    }
    // "…, así como el de Irasema Becerra": one more.
    let one_more = words[q..].windows(4).take(3).any(|w| {
        (w[0] == "asi" && w[1] == "como" || w[0] == "as" && w[1] == "well")
            && matches!(w[2], "el" | "la" | "that")
            && matches!(w[3], "de" | "of")
    });
    let n = names + usize::from(one_more);
    if names >= 2 {
        out.push(("fatalities", n as f64, k, true));
    }
}

/// "shot dead Jesuit priests Javier Campos, 79, and Joaquin Mora, 80, and tour guide Pedro
/// Palma", "killed journalists Ana López and Juan Pérez": the dead a killing verb names one
/// by one, counted when no number counts them (two names at least).
fn named_victims(words: &[&str], toks: &[Tok], out: &mut Vec<(&'static str, f64, usize, bool)>) {
    if toks.len() != words.len() || out.iter().any(|m| m.0 == "fatalities") {
        return;
    }
    let Some(kill) = (0..words.len()).find(|&k| {
        words[k] == "dead" && k > 0 && words[k - 1] == "shot"
            || matches!(words[k], "killed" | "murdered" | "asesinaron" | "mataron")
    }) else {
        return;
    };
    // A headline in title case capitalises every word.
    if toks[kill].cap {
        return;
    }
    // A name: capitalised words, with "de"/"del" inside ("Luna de la Cruz").
    let mut q = kill + 1;
    if words.get(q) == Some(&"a") {
        q += 1;
    }
    let (mut names, mut in_name, mut described) = (0usize, false, 0usize);
    while q < toks.len() {
        let t = &toks[q];
        let w = words[q];
        // "Jesuit priests": a capital that describes the lowercase noun after it.
        let describes = !in_name
            && !t.sep_after
            && toks.get(q + 1).is_some_and(|n| {
                !n.cap && !matches!(n.low.as_str(), "de" | "del" | "la" | "and" | "y")
            });
        if t.cap && !t.upper && describes && described < 3 {
            described += 1;
        } else if t.cap && !t.upper {
            if !in_name {
                names += 1;
                in_name = true;
                described = 0;
            }
        } else if in_name && matches!(w, "de" | "del" | "la") {
        } else if matches!(w, "and" | "y" | "a") || numbers::is_number(w) && w.len() <= 3 {
            in_name = false;
        } else if !t.cap && described < 3 && !in_name && w.len() > 2 {
            // A word that describes the next one named: "tour guide", "periodistas".
            described += 1;
        } else {
            break;
        }
        if t.sep_after {
            in_name = false;
        }
        q += 1;
    }
    if names >= 2 {
        out.push(("fatalities", names as f64, kill, true));
    }
}

/// "Atacan a balazos a dos hombres en Guadalajara, uno muere", "Gunmen shot three men in
/// Celaya, one died": of the people shot (no word of killing before), the one who died is
/// the dead and the others are the wounded.
fn one_of_those_shot(words: &[&str], out: &mut Vec<(&'static str, f64, usize, bool)>) {
    let Some(d) = (1..words.len().saturating_sub(1)).find(|&k| {
        matches!(words[k], "uno" | "una" | "one")
            && matches!(
                words[k + 1],
                "muere" | "murio" | "fallece" | "fallecio" | "died" | "dies"
            )
    }) else {
        return;
    };
    if words[..d].iter().any(|w| is_in(w, &KILL_IX)) {
        return;
    }
    let Some(f) = out
        .iter_mut()
        .find(|m| m.0 == "fatalities" && m.2 < d && m.1 > 1.0)
    else {
        return;
    };
    let shot = f.1;
    f.1 = 1.0;
    f.3 = false;
    if !out.iter().any(|m| m.0 == "injured") {
        out.push(("injured", shot - 1.0, d, false));
    }
}

/// The measure of a part counted before its whole ("N de los M …"): the first death,
/// wound or arrest told after the whole's noun and its participle.
fn partitive(words: &[&str], i: usize, j: usize, v: f64) -> Option<&'static str> {
    if !(matches!(words.get(j), Some(&"of") | Some(&"de"))
        && matches!(words.get(j + 1), Some(&"the") | Some(&"los") | Some(&"las")))
    {
        return None;
    }
    let (whole, k) = number_at(words, j + 2)?;
    if whole <= v || i > 0 && numbers::is_number(words[i - 1]) {
        return None;
    }
    let tail = (k + 3).min(words.len());
    (tail..words.len()).find_map(|q| {
        if is_in(words[q], &KILL_IX) || deaths::death_at(words, q) {
            Some("fatalities")
        } else if is(words[q], &WOUND) {
            Some("injured")
        } else if is(words[q], &ARREST) {
            Some("arrested")
        } else {
            None
        }
    })
}

/// A word that follows a gun's calibre: ".50 caliber", "9 mm".
fn is_calibre(w: &str) -> bool {
    matches!(w, "caliber" | "calibre" | "cal" | "mm" | "milimetros")
}

/// A list of goods of one measure adds up: "an assault rifle, a pistol, two laptops" is 2
/// weapons, "dos camiones y un tráiler" 3 vehicles. Each item is a number or an article,
/// at most two describing words and the unit; the items follow one another with at most
/// two words (a model, "and") between.
fn goods_lists(words: &[&str], out: &mut Vec<(&'static str, f64, usize, bool)>) {
    if !words.iter().any(|w| is_in(w, &GOODS_IX)) {
        return;
    }
    let item = |i: usize| -> Option<(&'static str, f64, usize)> {
        let (v, j) = if matches!(words[i], "a" | "an" | "un" | "una") {
            (1.0, i + 1)
        } else {
            number_at(words, i)?
        };
        (j..(j + 4).min(words.len())).find_map(|k| {
            let m = if is(words[k], &WEAPON_UNITS) {
                "weapons"
            } else if is(words[k], &VEHICLE_UNITS) {
                "vehicles_burned"
            } else {
                return None;
            };
            // "a .50 caliber rifle": a calibre describes the item.
            (j..k)
                .all(|x| {
                    let w = words[x];
                    (!numbers::is_number(w)
                        || w.contains("-calib")
                        || words.get(x + 1).is_some_and(|n| is_calibre(n)))
                        && !is(w, &["and", "y", "e", "of", "de"])
                })
                .then_some((m, v, k + 1))
        })
    };
    let mut i = 0;
    while i < words.len() {
        let Some((m, mut sum, mut end)) = item(i) else {
            i += 1;
            continue;
        };
        let mut n = 1;
        // "38 armas, entre ellas 25 largas", "26 firearms, including four machine guns": a
        // part of the count, not more.
        let next = |end: usize| {
            (end..(end + 3).min(words.len()))
                .take_while(|&k| {
                    !matches!(
                        words[k],
                        "entre" | "including" | "among" | "incluidas" | "incluidos"
                    )
                })
                .find_map(|k| item(k).filter(|x| x.0 == m).map(|x| (x.1, x.2)))
        };
        let first = sum;
        while let Some((v, e)) = next(end) {
            sum += v;
            end = e;
            n += 1;
        }
        // "414 firearms — 288 rifles and 126 pistols": the parts of the total told first.
        if n > 2 && sum - first == first {
            sum = first;
        }
        // "prendieron fuego a una patrulla", "set fire to a bus": one vehicle burned.
        let one_within = |verbs: &[&str], back: usize| {
            n == 1
                && matches!(words[i], "a" | "an" | "un" | "una")
                && words[i.saturating_sub(back)..i]
                    .iter()
                    .any(|w| is(w, verbs))
        };
        let one = |verbs: &[&str]| one_within(verbs, 4);
        // "una camioneta incendiada", "a burned-out car": the participle after it.
        let one_burned = m == "vehicles_burned"
            && (one(&ARSON)
                || n == 1
                    && matches!(words[i], "a" | "an" | "un" | "una")
                    && words.get(end).is_some_and(|w| is(w, &ARSON)));
        // "seized a rifle", "aseguraron un arma de fuego": one weapon.
        // ("seized two armored pickup trucks and a .50-caliber Barrett sniper rifle": past
        // the goods listed before it.)
        let one_seized = m == "weapons"
            && (one(&crate::lexicon::SEIZURE)
                || i >= 1
                    && matches!(words[i - 1], "and" | "y")
                    && one_within(&crate::lexicon::SEIZURE, 9));
        if n > 1 || one_burned || one_seized {
            out.push((m, sum, i, false));
        }
        i = end;
    }
}

/// "cinco personas murieron en el lugar y una más cuando recibía atención médica", "three
/// died and two more in hospital", "tres cuerpos en los asientos y cuatro en la cajuela":
/// the dead told "more", or told by where they lay, after the dead counted add to them.
fn more_dead(words: &[&str], out: &mut [(&'static str, f64, usize, bool)]) {
    let Some(dead) = out.iter_mut().find(|m| m.0 == "fatalities") else {
        return;
    };
    let from = dead.2 + 1;
    let more = (from..words.len().saturating_sub(2)).find_map(|k| {
        if !matches!(words[k], "and" | "y") {
            return None;
        }
        let (v, j) = if matches!(words[k + 1], "una" | "uno" | "one" | "otra" | "otro") {
            (1.0, k + 2)
        } else {
            number_at(words, k + 1)?
        };
        // "y 18 más resultaron heridas", "y uno más fue detenido": others, not dead.
        let others = words[j + 1..(j + 5).min(words.len())].iter().any(|w| {
            is(w, &WOUND)
                || is(w, &ARREST)
                || matches!(
                    *w,
                    "resultaron" | "resulto" | "fue" | "fueron" | "were" | "was"
                )
        });
        // "tres cuerpos en los asientos y cuatro en la cajuela", "three bodies in the car
        // and four in the trunk": the same dead, counted by where they lay.
        let place = |k: usize| {
            words
                .get(k)
                .is_some_and(|w| matches!(*w, "en" | "in" | "inside" | "dentro" | "on"))
        };
        let placed = place(j) && place(from + 1);
        ((matches!(words.get(j), Some(&"mas") | Some(&"more")) || placed)
            && !others
            && !words[from..k].iter().any(|w| numbers::is_number(w)))
        .then_some(v)
    });
    if let Some(v) = more {
        dead.1 += v;
    }
}

/// Two counts joined before the words that say what they count are one count: "10 military
/// personnel and 19 suspected cartel gunmen had been killed" is 29, "12 mujeres y 3 niños
/// fueron asesinados" 15.
fn joined_parts(
    words: &[&str],
    mut out: Vec<(&'static str, f64, usize, bool)>,
) -> Vec<(&'static str, f64, usize, bool)> {
    out.sort_by_key(|m| m.2);
    let mut merged: Vec<(&'static str, f64, usize, bool)> = Vec::with_capacity(out.len());
    // Which of `merged` are sums of parts.
    let mut sums: Vec<bool> = Vec::with_capacity(out.len());
    for m in out {
        // A sum that already equals a count before it is complete: a breakdown.
        let complete = merged.last().is_some_and(|last| {
            sums.last() == Some(&true) && merged[..merged.len() - 1].iter().any(|x| x.1 == last.1)
        });
        if let Some(prev) = merged.last_mut().filter(|p| p.2 < m.2 && !complete) {
            let between = &words[prev.2 + 1..m.2];
            // "asesinan a seis hombres y dos mujeres": the verb's count and a second
            // part read off the words after it, joined by a noun of people and "y".
            let people_joined = between.len() == 2
                && (is_in(between[0], &PERSON_IX) || is(between[0], &JOINED_PEOPLE));
            if prev.0 == m.0
                && (prev.3 || people_joined)
                && m.3
                && between.len() <= 6
                && matches!(between.last(), Some(&"and") | Some(&"y"))
                && !between.iter().enumerate().any(|(k, w)| {
                    is_in(w, &KILL_IX) || is(w, &WOUND) || deaths::death_at(words, prev.2 + 1 + k)
                })
            {
                prev.1 += m.1;
                *sums.last_mut().expect("a sum follows its first part") = true;
                continue;
            }
        }
        merged.push(m);
        sums.push(false);
    }
    // "murieron 17 personas, 10 custodios y siete internos, y 13 más resultaron
    // lesionadas": parts that add up to a count told before them break it down.
    let breakdown = |k: usize| {
        let (_, v, at, _) = &merged[k];
        sums[k] && merged[..k].iter().any(|(_, w, a, _)| a < at && w == v)
    };
    let keep: Vec<bool> = (0..merged.len()).map(|k| !breakdown(k)).collect();
    merged
        .into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

/// The count that starts at word `i`: a number, or a stated victim with no number ("a
/// soldier", "the woman murdered", "a man and a woman", "a couple"); its value, the word
/// after it, and whether it is a stated single victim.
fn count_at(words: &[&str], i: usize) -> Option<(f64, usize, bool)> {
    // Most words open no count: past the first word, only an article or a number can
    // ("mil" opens "mil 158 víctimas").
    if i > 0
        && !matches!(
            words[i],
            "a" | "an"
                | "un"
                | "una"
                | "another"
                | "otro"
                | "otra"
                | "the"
                | "el"
                | "la"
                | "mil"
                | "him"
                | "her"
        )
        && !numbers::is_number(words[i])
    {
        return None;
    }
    // "killing him and three of the officers escorting him": the one the report is about
    // and those killed with him.
    if matches!(words[i], "him" | "her") {
        return joined_count(words, i + 1).map(|(v, j)| (v, j, false));
    }
    // A stated single victim or detainee: "a soldier was killed", "un militar murió".
    // A headline may open on its victim: "Man murdered in…", "Mujer es asesinada…".
    // Up to two words may describe the victim first: "a lifeless man", "a female taxi
    // driver", "un joven".
    let article = matches!(
        words[i],
        "a" | "an" | "un" | "una" | "another" | "otro" | "otra"
    );
    let noun_at = if article {
        (i + 1..(i + 4).min(words.len())).find(|&k| is_in(words[k], &PERSON_IX))
    } else {
        None
    };
    let single = (article
        && noun_at.is_some_and(|k| {
            words[i + 1..k]
                .iter()
                // "a balazos a mujer…": the victim's own "a" starts the count.
                .all(|w| !numbers::is_number(w) && !is(w, &["and", "y", "of", "de", "a"]))
        }))
        || (i == 0 && is_in(words[0], &PERSON_IX));
    // "the woman murdered", "la mujer asesinada": a definite victim told with its death.
    let definite = matches!(words[i], "the" | "el" | "la")
        && words.get(i + 1).is_some_and(|w| is_in(w, &PERSON_IX))
        && words
            .get(i + 2)
            .is_some_and(|w| is_in(w, &KILL_IX) || deaths::death_at(words, i + 2));
    let noun_at = if definite { Some(i + 1) } else { noun_at };
    let end = noun_at.map_or(i + 1, |k| after_age(words, k + 1));
    // "un juez federal y su esposa": an office's adjective ends no victim.
    // "a mujer policía y a su hija": nor a noun of forces after the person's.
    let end = if words.get(end).is_some_and(|w| {
        matches!(*w, "federal" | "municipal" | "estatal" | "local")
            || noun_at.is_some() && is_in(w, &FORCES_IX)
    }) {
        end + 1
    } else {
        end
    };
    // "a travel blogger from California and a German tourist": where the first is from
    // does not end the list.
    let end = if words.get(end) == Some(&"from")
        && words
            .get(end + 2)
            .is_some_and(|w| matches!(*w, "and" | "y"))
    {
        end + 2
    } else {
        end
    };
    // Two victims joined ("a man and a woman", "a woman and three men"): their sum.
    // Not the last two of a longer list ("His mother, a brother, a sister and an aunt").
    let joined = if (single || definite)
        && listed(words, i, end)
        && !(i > 0
            && (matches!(words[i - 1], "and" | "y" | "e") || is_in(words[i - 1], &PERSON_IX)))
    {
        joined_count(words, end)
    } else {
        None
    };
    let single = (single && !listed(words, i, end)) || definite;
    // "a couple", "una pareja", "a joven pareja": two people.
    let couple = matches!(words[i], "a" | "an" | "un" | "una")
        && words[i + 1..(i + 3).min(words.len())]
            .iter()
            .any(|w| is(w, &COUPLE_WORDS));
    let lone = if couple { 2.0 } else { 1.0 };
    let lone_end = if single {
        noun_at.unwrap_or(i) + 1
    } else {
        i + 1
    };
    if let Some((v, j)) = joined {
        return Some((v, j, single));
    }
    if let Some((v, j)) = number_at(words, i) {
        // Only as a verb's object ("asesinan a seis hombres y dos mujeres"): parts after
        // a count ("Doce personas, seis hombres y seis mujeres, …") break it down.
        let counting = |w: &str| {
            is(w, &COUNT_KILLED)
                || is(w, &COUNT_ARRESTED)
                || is(w, &COUNT_TAKEN)
                || is(w, &COUNT_WOUNDED)
        };
        // …or of the remains found ("the bodies of two brothers and their friend").
        let object = i > 0
            && (counting(words[i - 1])
                || i > 1
                    && (words[i - 1] == "a" && counting(words[i - 2])
                        || matches!(words[i - 1], "of" | "de") && is(words[i - 2], &REMAINS_OF)));
        // …or one more joined to the subject that opens the clause ("Three men and a woman
        // are executed"; two counted groups there add up in `joined_parts`).
        let more = if object {
            people_joined_after(words, j)
        } else if i == 0 {
            Some(people_joined_after(words, j))
                .filter(|m| *m == 1.0)
                .unwrap_or(0.0)
        } else {
            0.0
        };
        return Some((v + more, j, single));
    }
    (single || couple).then_some((lone, lone_end, single))
}

/// The people joined after those a number counts (from word `j`): one more named by a
/// possessive ("two brothers and their friend", "dos hermanos y su primo") or a second
/// group counted ("seis hombres y dos mujeres").
fn people_joined_after(words: &[&str], j: usize) -> f64 {
    let person = people_word;
    let Some(mut q) = (j..(j + 3).min(words.len())).find(|&q| person(words[q])) else {
        return 0.0;
    };
    // "police officers": the last of the people's words.
    while words.get(q + 1).is_some_and(|w| person(w)) {
        q += 1;
    }
    if !matches!(words.get(q + 1), Some(&"and") | Some(&"y")) {
        return 0.0;
    }
    let one_more = matches!(
        words.get(q + 2),
        Some(&"their") | Some(&"his") | Some(&"her") | Some(&"su")
    ) && words[(q + 3).min(words.len())..(q + 5).min(words.len())]
        .iter()
        .any(|w| is_in(w, &PERSON_IX));
    // "the bodies of 11 men and a woman": one more; but "asesinan a tres personas y un
    // menor resulta herido" starts another clause.
    // ("and a forensic expert": one word may describe the person.)
    let person_at = (q + 3..(q + 5).min(words.len())).find(|&k| is_in(words[k], &PERSON_IX));
    let another = matches!(
        words.get(q + 2),
        Some(&"a") | Some(&"an") | Some(&"un") | Some(&"una")
    ) && person_at.is_some()
        && !person_at.and_then(|k| words.get(k + 1)).is_some_and(|w| {
            matches!(
                *w,
                "resulta" | "resulto" | "fue" | "quedo" | "murio" | "was" | "is" | "died"
            )
        });
    if one_more || another {
        return 1.0;
    }
    // "seis hombres y dos mujeres", "three men and two women": a second group of people.
    number_at(words, q + 2)
        .filter(|&(_, k)| words.get(k).is_some_and(|w| person(w)))
        .map_or(0.0, |(n, _)| n)
}

/// One of a list ("a brother, a sister and an aunt"), from word `i` to `end`, is not the
/// count of the dead.
fn listed(words: &[&str], i: usize, end: usize) -> bool {
    let another = |k: usize| {
        words.get(k).is_some_and(|w| {
            matches!(
                *w,
                "a" | "an" | "un" | "una" | "another" | "otro" | "otra" | "others" | "otros"
            ) || numbers::is_number(w)
                || is_in(w, &PERSON_IX)
                // "un padre y su hijo".
                || matches!(*w, "su" | "his" | "her" | "their")
                    && words.get(k + 1).is_some_and(|x| is_in(x, &PERSON_IX))
        })
    };
    (i > 0 && matches!(words[i - 1], "and" | "y" | "e"))
        || matches!(
            words.get(end),
            Some(&"a") | Some(&"an") | Some(&"un") | Some(&"una")
        )
        || (matches!(words.get(end), Some(&"and") | Some(&"y") | Some(&"e")) && another(end + 1))
}

/// A count read in a clause, `words[i..j]`, worth `v`, and the words around it.
struct Count<'a> {
    words: &'a [&'a str],
    i: usize,
    j: usize,
    v: f64,
    /// A stated single victim ("a soldier") rather than a number.
    single: bool,
    /// Where the words before the count start: before "at least" / "al menos" and the
    /// means between a Spanish verb and its object ("asesinan a balazos a un hombre").
    b: usize,
    /// The three words after the count.
    near: &'a [&'a str],
}

impl<'a> Count<'a> {
    fn new(words: &'a [&'a str], i: usize, j: usize, v: f64, single: bool) -> Self {
        // Looking back, "at least" / "al menos" is transparent, and so is the means between
        // a Spanish verb and its object ("asesinan a balazos a un hombre").
        let mut b = i;
        if b >= 2 && words[b - 2] == "a" && is(words[b - 1], &MEANS_BEFORE_COUNT) {
            b -= 2;
        }
        if b >= 2
            && matches!(
                (words[b - 2], words[b - 1]),
                ("at", "least") | ("al", "menos") | ("lo", "menos")
            )
        {
            b -= 2;
            if b >= 1 && words[b - 1] == "por" {
                b -= 1;
            }
        }
        // "y hieren a otros 5": "otros" between the verb's "a" and its count.
        if b >= 2 && matches!(words[b - 1], "otros" | "otras") && words[b - 2] == "a" {
            b -= 1;
        }
        let near = &words[j..(j + 3).min(words.len())];
        Count {
            words,
            i,
            j,
            v,
            single,
            b,
            near,
        }
    }

    /// The `k`-th word before the count ("" before the clause).
    fn prev(&self, k: usize) -> &'a str {
        if self.b >= k {
            self.words[self.b - k]
        } else {
            ""
        }
    }

    /// Numbers that count nothing to code: vague ("more than 20", "casi 30"), a year, "one
    /// of", a breakdown of a count already given, a fraction that is no mass or large sum.
    fn not_a_count(&self) -> bool {
        let (words, i, j, v) = (self.words, self.i, self.j, self.v);
        let prev = |k: usize| self.prev(k);
        // "up to 21", "10 to 21" are vague; "set fire to 21 vehicles", "rose to 21" count.
        // "bring to 48 the number of…": a running total, no count of this event.
        let vague_to = prev(1) == "to"
            && (matches!(prev(2), "up" | "close")
                || numbers::is_number(prev(2))
                || is(prev(2), &["bring*", "brought", "rais*"]));
        let vague = (matches!(
            prev(1),
            "than" | "over" | "almost" | "nearly" | "hasta" | "casi"
        ) || vague_to)
            || (prev(1) == "de" && matches!(prev(2), "mas" | "cerca" | "menos"));
        let is_year = j == i + 1 && words[i].len() == 4 && (1900.0..=2100.0).contains(&v);
        // "On June 3", "el 3 de junio", "January 24": a day of a month.
        // ("En febrero, 29 presuntos narcotraficantes…" counts: a noun follows.)
        let day = v <= 31.0
            && (matches!(prev(1), "dia" | "day") && words.get(j).is_none_or(|w| !w.ends_with('s'))
                // "el domingo 19", not "On Saturday three men were killed".
                || weekday(prev(1)).is_some()
                    && words[i].bytes().all(|b| b.is_ascii_digit())
                    && words.get(j).is_none_or(|w| !w.ends_with('s'))
                // "January 24", not "In May, seven people were killed".
                || month(prev(1)).is_some()
                    && words[i].bytes().all(|b| b.is_ascii_digit())
                    && words
                        .get(j)
                        .is_none_or(|w| !w.ends_with('s') && !is_in(w, &PERSON_IX))
                || words.get(j).is_some_and(|w| month(w).is_some())
                || words.get(j) == Some(&"de")
                    && words.get(j + 1).is_some_and(|w| month(w).is_some()));
        let one_of = matches!(words.get(j), Some(&"of") | Some(&"de")) && v == 1.0;
        // "Forty-two of the dead were gunmen": a breakdown of a count already given.
        let breakdown = matches!(words.get(j), Some(&"of") | Some(&"de"))
            && words
                .get(j + 1)
                .is_some_and(|w| is(w, &["the", "los", "las"]))
            && words.get(j + 2).is_some_and(|w| is(w, &BREAKDOWN_NOUNS));
        let mass = words.get(j).is_some_and(|w| is(w, &MASS_UNITS));
        // "seven clandestine graves", "12 fosas": graves counted, not the dead in them.
        let graves = words[j..(j + 2).min(words.len())]
            .iter()
            .any(|w| matches!(*w, "graves" | "fosas" | "tumbas" | "pits"));
        // "a feud between two groups selling drugs": groups, not people.
        let groups = words
            .get(j)
            .is_some_and(|w| is(w, &GROUP_NOUNS) || is(w, &["faction*", "faccion*"]));
        // "a six year old girl", "12 Hour Terror", "aged 30": a span of time or an age
        // counts no one; "de tres balazos" counts shots.
        // "de 19 y 24 años": two ages.
        let time = words
            .get(j)
            .is_some_and(|w| is(w, &TIME_UNITS) || is(w, &MEANS) || is(w, &DISTANCE_UNITS))
            || matches!(words.get(j), Some(&"y") | Some(&"and"))
                && words.get(j + 1).is_some_and(|w| numbers::is_number(w))
                && words.get(j + 2).is_some_and(|w| is(w, &TIME_UNITS))
            || is(prev(1), &AGE_WORDS)
            // "his children, aged 4 and 7": the second age.
            || matches!(prev(1), "and" | "y")
                && numbers::is_number(prev(2))
                && is(prev(3), &AGE_WORDS)
            || words[i].ends_with("-year-old")
            || words[i].ends_with("-hour");
        // "surrounded by five masked men", "asesinado por dos sujetos": the count names the
        // agents of the deed, not who it befell.
        let agents = matches!(prev(1), "by" | "por");
        // "a .50 caliber rifle", "una pistola 9 mm": a gun's calibre.
        let calibre = words.get(j).is_some_and(|w| is_calibre(w));
        // "Cereso No. 3", "el penal número 2": a number that names, not counts.
        // ("No one heard…" is no label: a label is written in digits.)
        // "el cruce de la Calle 10", "kilómetro 45 de la carretera": a street's or a road's.
        let label = matches!(
            prev(1),
            "no" | "num"
                | "numero"
                | "number"
                | "nro"
                | "calle"
                | "street"
                | "avenida"
                | "avenue"
                | "km"
                | "kilometro"
                | "kilometre"
                | "kilometer"
                | "ruta"
                | "route"
                | "highway"
        ) && words[i].bytes().all(|b| b.is_ascii_digit());
        vague
            || agents
            || calibre
            || label
            || graves
            || is_year
            || day
            || one_of
            || breakdown
            || time
            || groups
            || (v.fract() != 0.0 && v < 1000.0 && !mass)
    }

    /// The measure the count counts, its value in the measure's unit, and whether it was
    /// read off the words after it (weaker than a unit or a verb next to it).
    /// `after_comma`: a comma stands before the number, so the verb before it is another
    /// clause's ("7 Killed, 5 Women + 2 Men": a breakdown).
    fn measure(&self, after_comma: bool) -> Option<(&'static str, f64, bool)> {
        if let Some((m, v)) = self.goods_unit() {
            return Some((m, v, false));
        }
        let by_verb = || {
            (!after_comma || self.passive_before_place().is_some())
                .then(|| self.verb_before())
                .flatten()
        };
        if let Some(m) = self.event_unit().or_else(by_verb) {
            return Some((m, self.v, false));
        }
        self.words_after().map(|m| (m, self.v, true))
    }

    /// A unit of goods or money right after the number ("2 tonnes", "70%", "$5mn").
    fn goods_unit(&self) -> Option<(&'static str, f64)> {
        let near = self.near;
        let first_word = near.first().copied().unwrap_or("");
        // "150 kilograms of acetaminophen used to cut it": weighed, but no drug.
        let no_drug = || {
            matches!(near.get(1), Some(&("of" | "de")))
                && near[2..near.len().min(4)].iter().any(|w| is(w, &NOT_DRUGS))
        };
        if (is(first_word, &KILO_UNITS) || is(first_word, &TONNE_UNITS)) && no_drug() {
            return None;
        }
        let m = if is(first_word, &KILO_UNITS) {
            "drugs_kg"
        } else if is(first_word, &TONNE_UNITS) {
            return Some(("drugs_kg", self.v * 1000.0));
        } else if is(first_word, &PERCENT_UNITS)
            || (first_word == "por" && near.get(1) == Some(&"ciento"))
        {
            "percent"
        } else if self.prev(1) == "$" || has(near, &DOLLAR_UNITS) {
            "usd"
        } else if has(near, &PESO_UNITS) {
            "mxn"
        } else {
            return None;
        };
        Some((m, self.v))
    }

    /// A noun right after the number that says what it counts ("15 muertos", "38 rifles",
    /// "39 points", "sixteen businesses").
    fn event_unit(&self) -> Option<&'static str> {
        // "asesinan a cuatro hombres con arma de fuego", "murder two men from car to car":
        // a unit after the people counted is no unit of the count; nor the means after
        // "con" ("asesinan a cuatro con arma de fuego").
        let near =
            match self.near.iter().position(|w| {
                is_in(w, &PERSON_IX) || is(w, &PEOPLE) || matches!(*w, "con" | "with")
            }) {
                Some(k) => &self.near[..k],
                None => self.near,
            };
        // (Each list is tried with `has` itself: through a closure taking a slice, a lexicon
        // list would be scanned whole instead of through its index.)
        let first_word = near.first().copied().unwrap_or("");
        // "seven in a motorcycle workshop", "siete en un taller de motos": a place named
        // after the count, not what it counts.
        let unplaced = match near
            .iter()
            .position(|w| matches!(*w, "in" | "en" | "at" | "inside" | "dentro" | "by" | "por"))
        {
            Some(k) => &near[..k],
            None => near,
        };
        Some(if is(first_word, &DEAD_UNITS) {
            // "15 muertos", "the toll reached 15 dead".
            "fatalities"
        } else if is(first_word, &WOUNDED_UNITS) {
            // "2 killed, 1 wounded", "3 dead 3 injured": before any verb behind it.
            "injured"
        } else if is(first_word, &["desaparecid*", "missing"])
            && matches!(self.prev(1), "y" | "and")
        {
            // "cuatro lesionadas y dos desaparecidas", "two dead and four missing": a toll's
            // missing (not "the bodies of 2 missing Colombians", the dead).
            "people"
        } else if is(
            first_word,
            &[
                "bar",
                "bars",
                "bares",
                "restaurant*",
                "cantina*",
                "farmacia*",
                "pharmac*",
                "hotel*",
                "motel*",
                "gasolinera*",
            ],
        ) {
            // "lanzaron granadas contra dos bares": premises, not victims (and only right
            // after the number: "kill six in a bar" counts the dead).
            "businesses_burned"
        } else if has(near, &PILL_UNITS) {
            "pills"
        } else if has(near, &WEAPON_UNITS) {
            "weapons"
        } else if has(&near[..near.len().min(2)], &BLOCKADE_UNITS) {
            "blockades"
        } else if has(unplaced, &BUSINESS_UNITS) {
            "businesses_burned"
        } else if has(unplaced, &VEHICLE_UNITS) {
            "vehicles_burned"
        } else if has(&near[..near.len().min(2)], &STATE_UNITS) {
            "states"
        } else if has(self.near, &HOMICIDE_UNITS) {
            // "cuatro personas por homicidio": the crime the people counted are held for.
            "homicides"
        } else if has(near, &["extradition*", "extradicion*"]) {
            "extraditions"
        } else {
            return None;
        })
    }

    /// A verb whose object a count is: killing, wounding, arresting or taking people.
    fn counting_verb(&self, w: &str) -> bool {
        is(w, &COUNT_TAKEN)
            || is(w, &COUNT_KILLED)
            || is(w, &COUNT_WOUNDED)
            || is(w, &COUNT_ARRESTED)
    }

    /// "Fueron capturados en Córdoba, Veracruz, cinco delincuentes": how far back a passive
    /// verb whose subject the count is stands, past the place told first.
    fn passive_before_place(&self) -> Option<usize> {
        self.verb_before_place()
            .filter(|&k| matches!(self.prev(k + 1), "fueron" | "fue" | "sido"))
    }

    /// How far back, past a place told between them, the verb of "… a N" stands:
    /// "detuvieron en la ciudad de Durango a cuatro".
    fn verb_before_place(&self) -> Option<usize> {
        (3..=12).find_map(|k| {
            let w = self.prev(k);
            if w.is_empty() || w == "a" || numbers::is_number(w) {
                return Some(None);
            }
            (self.counting_verb(w) && matches!(self.prev(k - 1), "en" | "in" | "at"))
                .then_some(Some(k))
        })?
    }

    /// The verb right before the number ("killing seven", "detuvieron a tres", "the bodies
    /// of 72"): what it does to them is what the number counts.
    fn verb_before(&self) -> Option<&'static str> {
        // "detuvieron … a los 27 agentes", "a sus cuatro tripulantes": the article after
        // "a" is read past.
        let sh = usize::from(matches!(self.prev(1), "los" | "las" | "sus") && self.prev(2) == "a");
        let prev = |k: usize| self.prev(k + sh);
        let before = if matches!(
            prev(1),
            "a" | "an"
                | "the"
                | "its"
                | "their"
                | "his"
                | "her"
                | "los"
                | "las"
                | "al"
                | "of"
                | "de"
                | "other"
                | "otras"
                | "otros"
                | "more"
                | "mas"
        ) {
            // Spanish puts the time between the verb and its object: "detuvieron el
            // domingo a tres", "asesinaron la noche del lunes a cinco".
            let mut k = 2;
            while prev(1) == "a"
                && k < 11
                && (is(prev(k), &VERB_OBJECT_GAP) || weekday(prev(k)).is_some())
            {
                k += 1;
            }
            // …and the place: "detuvieron en la colonia Camino Verde a cuatro".
            if prev(1) == "a" && !self.counting_verb(prev(k)) {
                k = self.verb_before_place().unwrap_or(k);
            }
            [prev(k), prev(1)]
        } else if let Some(k) = self.passive_before_place() {
            [prev(k), ""]
        } else {
            [prev(1), ""]
        };
        // "slaughters family of 5", "killed a family of four", "asesinan a familia de
        // cinco": the verb before the family counts its members.
        let before = if matches!(prev(1), "of" | "de") && matches!(prev(2), "family" | "familia") {
            let k = (3..6)
                .find(|&k| {
                    !matches!(
                        prev(k),
                        "a" | "an" | "the" | "una" | "la" | "whole" | "entire"
                    )
                })
                .unwrap_or(3);
            [prev(k), ""]
        } else {
            before
        };
        // "were killed, six people were arrested": a passive verb ends its own clause, it
        // does not take the next number as its object.
        let passive = |k: usize| {
            // Spanish puts the subject after the verb ("fue detenido un acompañante").
            matches!(prev(k), "was" | "were" | "been")
        };
        let before = if passive(if before[1].is_empty() { 2 } else { 3 }) {
            ["", ""]
        } else {
            before
        };
        if has(&before, &COUNT_TAKEN) {
            // People taken: "kidnapped five", "seized nine soldiers".
            Some("people")
        } else if has(&before, &COUNT_KILLED)
            || (is(prev(2), &REMAINS_OF) && matches!(prev(1), "of" | "de"))
            || deaths::ends_before(self.words, self.b)
        {
            Some("fatalities")
        } else if has(&before, &COUNT_WOUNDED) {
            Some("injured")
        } else if has(&before, &COUNT_ARRESTED) {
            Some("arrested")
        } else {
            None
        }
    }

    /// The first cue in the words after the count ("Eight people were killed"), else a
    /// noun of people right after it.
    fn words_after(&self) -> Option<&'static str> {
        let (words, i, j, near) = (self.words, self.i, self.j, self.near);
        let ahead = &words[j..(j + if self.single { 4 } else { 20 }).min(words.len())];
        // A death told inside the victim's own words: "a lifeless man", "a dead woman".
        let inside =
            self.single && (i..j).any(|q| is_in(words[q], &KILL_IX) || deaths::death_at(words, q));
        // "the other two alive, one of them wounded": survivors, not the wounded.
        ahead
            .iter()
            .take_while(|w| !matches!(**w, "alive" | "vivos" | "vivas" | "unharmed" | "ilesos"))
            .enumerate()
            .find_map(|(k, w)| {
                if is_in(w, &KILL_IX) || deaths::death_at(words, j + k) || inside {
                    Some("fatalities")
                } else if is(w, &WOUND) || is(w, &["resultaron-heridos"]) {
                    Some("injured")
                } else if is(w, &KIDNAP)
                    || is(w, &EXTRADITION)
                    || is(w, &HELD_WORDS)
                    || is(w, &["privad*"])
                    // "eight UP members taken by armed men".
                    || *w == "taken"
                        && words.get(j + k + 1) == Some(&"by")
                        && words
                            .get(j + k + 2)
                            .is_some_and(|x| matches!(*x, "gunmen" | "armed" | "hitmen" | "masked"))
                {
                    // "Cuatro ciudadanos estadounidenses fueron secuestrados", "29 presuntos
                    // narcotraficantes fueron extraditados".
                    Some("people")
                } else if is(w, &ARRESTED_AFTER) {
                    // "three suspects were killed in a shootout": suspects who died.
                    let died = matches!(*w, "suspects" | "sospechosos")
                        && (j + k + 1..(j + k + 4).min(words.len())).any(|q| {
                            // ("6 suspects in killing of journalist": the crime.)
                            !matches!(words[q - 1], "in" | "for" | "of" | "en" | "por" | "del")
                                && (is_in(words[q], &KILL_IX) || deaths::death_at(words, q))
                        });
                    Some(if died { "fatalities" } else { "arrested" })
                } else {
                    None
                }
            })
            .or_else(|| has(&near[..near.len().min(2)], &PEOPLE_AFTER).then_some("people"))
    }
}

/// One count per measure: a count next to its unit or verb over one read further off,
/// then the largest (a total over its parts: "Nine members of the family — three women
/// and six children — were killed").
fn one_per_measure(out: Vec<(&'static str, f64, usize, bool)>) -> Vec<(&'static str, f64, usize)> {
    let mut best: Vec<(&'static str, f64, usize, bool)> = Vec::new();
    for m in out {
        match best.iter_mut().find(|b| b.0 == m.0) {
            Some(b) => {
                if (b.3 && !m.3) || (b.3 == m.3 && m.1 > b.1) {
                    *b = m;
                }
            }
            None => best.push(m),
        }
    }
    best.sort_by_key(|m| m.2);
    best.into_iter().map(|(m, v, i, _)| (m, v, i)).collect()
}

/// A stated single victim with no count: "was shot dead", "he died", "fue asesinado",
/// "murió", "she was seriously wounded", "otro resultó herido" count 1 (added weak, so any
/// number read for the same measure wins).
/// The words before a word of wounding say one person: "a man injured", "a woman
/// seriously injured", "otro resulta herido", "was wounded".
fn wounded_one(before: &[&str]) -> bool {
    let mut back = before
        .iter()
        .rev()
        .copied()
        .skip_while(|x| is(x, &SEVERITY_WORDS));
    match (back.next(), back.next()) {
        (Some(w), _) if is(w, &ONE_WOUNDED_BEFORE) => true,
        (Some(n), Some(a)) => {
            is_in(n, &PERSON_IX) && matches!(a, "a" | "an" | "one" | "un" | "una" | "otro")
        }
        _ => false,
    }
}

/// Every word `singular_victims` may read a victim at: the words of its lists and the
/// few it names.
static VICTIM_CUES: LazyLock<WordIndex> = LazyLock::new(|| {
    let lists: [&[&'static str]; 6] = [
        &PASSIVE_KILLED,
        &DIED_VERBS,
        &KILLED_PARTICIPLES,
        &ONE_DEAD_WORDS,
        &WOUNDED_WORDS,
        &WOUNDS_VERBS,
    ];
    let named = ["murio", "shot", "gunned", "perdio"];
    let words: Vec<&'static str> = lists.into_iter().flatten().copied().chain(named).collect();
    WordIndex::new(&words)
});

fn singular_victims(words: &[&str], out: &mut Vec<(&'static str, f64, usize, bool)>) {
    let has_measure =
        |out: &Vec<(&'static str, f64, usize, bool)>, m: &str| out.iter().any(|x| x.0 == m);
    let cues: &WordIndex = &VICTIM_CUES;
    for (p, w) in words.iter().enumerate() {
        // Every test below needs the word itself to be one of these: one lookup turns away
        // the others, instead of six lists tried on every word.
        if !is_in(w, cues) {
            continue;
        }
        let prev = if p > 0 { words[p - 1] } else { "" };
        let prev2 = if p > 1 { words[p - 2] } else { "" };
        // "has been killed", "ha sido asesinado": one person in the present perfect.
        let perfect = matches!(prev, "been" | "sido") && matches!(prev2, "has" | "ha");
        let killed = ((matches!(prev, "was" | "is" | "fue" | "es") || perfect)
            && is(
                w,
                &PASSIVE_KILLED,
            ))
            // "he died", "Man dies after…", and a headline that opens on the death: "Muere
            // hombre tras agresión", "Dies after being gunned down".
            || (is(w, &DIED_VERBS)
                && (matches!(prev, "he" | "she" | "el" | "ella")
                    || p == 0
                    || (is_in(prev, &PERSON_IX) && !prev.ends_with('s'))))
            // "a cyclist murdered", "ex wife executed": one person and the participle.
            || (is(w, &KILLED_PARTICIPLES) && is_in(prev, &PERSON_IX)
                && !prev.ends_with('s')
                // "the fourth officer killed this year" ranks a tally, it tells no killing.
                && !is(
                    prev2,
                    &RANK_WORDS,
                ))
            || (*w == "murio" && p > 0)
            || (matches!(*w, "shot" | "gunned")
                && matches!(words.get(p + 1), Some(&"dead") | Some(&"down"))
                && words[p.saturating_sub(6)..p]
                    .iter()
                    .any(|x| matches!(*x, "was" | "is" | "gets" | "got")))
            || (matches!(*w, "perdio") && words.get(p + 1) == Some(&"la"));
        // "hay un muerto", "deja una muerta", "one dead".
        let killed = killed || (matches!(prev, "un" | "una" | "one") && is(w, &ONE_DEAD_WORDS));
        let wound_word = is(w, &WOUNDED_WORDS);
        let wounded = wound_word && wounded_one(&words[..p]);
        // "Injures Child", "hieren a un candidato": one person wounded.
        let wounded = wounded
            || (is(w, &WOUNDS_VERBS)
                && words[p + 1..]
                    .iter()
                    .skip_while(|x| {
                        matches!(
                            **x,
                            "a" | "an" | "the" | "un" | "una" | "al" | "his" | "her"
                        )
                    })
                    .take(1)
                    .any(|x| is_in(x, &PERSON_IX) && !x.ends_with('s')));
        if killed && !has_measure(out, "fatalities") {
            out.push(("fatalities", 1.0, p, true));
        }
        if wounded && !has_measure(out, "injured") {
            out.push(("injured", 1.0, p, true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    /// A policewoman killed with her daughter: both counted, and the force among the dead
    /// past the means ("a balazos") and the article.
    #[test]
    fn a_policewoman_and_her_daughter_are_two_dead_of_the_forces() {
        assert_eq!(
            fatalities(
                "Matan a balazos a mujer policía y a su hija adolescente en Guadalupe, Zacatecas"
            ),
            [(EventKind::AttackOnForces, Some(2.0))]
        );
        assert_eq!(
            fatalities("Matan a una mujer policía en Guadalupe, Zacatecas"),
            [(EventKind::AttackOnForces, Some(1.0))]
        );
    }

    /// A family killed is counted by its members: "slaughters family of 5".
    #[test]
    fn people_joined_in_the_subject_that_opens_a_clause_add_up() {
        for (text, n) in [
            (
                "Three men and a woman are executed in Magdalena de Kino",
                4.0,
            ),
            ("Tres hombres y una mujer son ejecutados en Sonora", 4.0),
        ] {
            assert_eq!(fatalities(text)[0].1, Some(n), "{text}");
        }
        assert_eq!(
            kinds_and_states("Three men and a woman are executed in Magdalena de Kino")[0]
                .1
                .as_deref(),
            Some("26")
        );
    }

    /// The one a report is about and those killed with him add up: "killing him and three
    /// of the officers escorting him" is four, and an attack on the forces; "his two
    /// bodyguards" are counted too. The title "operations director" is no operation.
    #[test]
    fn him_and_those_killed_with_him_add_up() {
        for (text, kind, n) in [
            (
                "On Tuesday, gunmen ambushed the department's second-in-command, operations \
                 director Sacramento Pérez, near the U.S. Consulate, killing him and three of \
                 the officers escorting him.",
                EventKind::AttackOnForces,
                4.0,
            ),
            (
                "Gunmen killed him and his two bodyguards.",
                EventKind::Homicide,
                3.0,
            ),
            (
                "Padre y dos de sus hijos fueron asesinados",
                EventKind::Homicide,
                3.0,
            ),
        ] {
            assert_eq!(fatalities(text), [(kind, Some(n))], "{text}");
        }
        assert_eq!(
            fatalities("Gunmen killed her and fled."),
            [(EventKind::Homicide, Some(1.0))]
        );
    }

    #[test]
    fn a_second_object_with_its_own_a_is_a_second_victim() {
        assert_eq!(
            fatalities("Matan a director de seguridad de Zamora y a comandante")[0].1,
            Some(2.0)
        );
    }

    #[test]
    fn a_miner_executed_is_one_dead() {
        assert!(
            fatalities("Mining company vehicles set on fire and executed miner")
                .contains(&(EventKind::Homicide, Some(1.0)))
        );
    }

    #[test]
    fn a_nickname_opening_a_headline_counts_no_one() {
        assert!(
            fatalities("El 300 Executed in Morelos, new CJNG plaza boss in Aguascalientes")
                .iter()
                .all(|(_, f)| f.is_none_or(|f| f < 2.0))
        );
    }

    /// A number inside a nickname ("known as "Metro 3"") counts no one; the bodies of one
    /// named "and of two other members" are three; people "taken by armed men" are counted.
    #[test]
    fn a_nicknames_number_counts_no_one_and_named_bodies_add_the_others() {
        let f = fatalities(
            "Authorities confirmed Friday that one of the top leaders of the Gulf Cartel, Samuel \
             Flores Borrego, known as \"Metro 3,\" was found shot to death south of Reynosa.",
        );
        assert!(f.iter().all(|(_, f)| f.is_none_or(|f| f < 2.0)), "{f:?}");
        assert_eq!(
            fatalities(
                "The bodies of Arturo Hernández Cardona, leader of the Unidad Popular (UP) of \
                 Iguala, and of two other members of the organization, Ángel Román Ramírez and \
                 Félix Rafael Bandera Román, were found yesterday morning in Tepecoacuilco."
            ),
            [(EventKind::Homicide, Some(3.0))]
        );
        let c =
            coded("Eight members of the group were taken by armed men last Thursday in Iguala.");
        assert_eq!(kinds(&c), ["kidnapping"]);
        assert_eq!(c.events[0].measures.get("people"), Some(&8.0));
    }

    /// The dead a killing verb names one by one are counted; a cutting agent weighed is no
    /// drug.
    #[test]
    fn victims_named_one_by_one_count_and_a_cutting_agent_is_no_drug() {
        assert_eq!(
            fatalities(
                "On June 20, 2022, he entered the church of Cerocahui, in Urique, and shot dead \
                 Jesuit priests Javier Campos, 79, and Joaquin Mora, 80, and tour guide Pedro \
                 Palma, who had sought refuge there."
            ),
            [(EventKind::Homicide, Some(3.0))]
        );
        assert_eq!(
            fatalities("Gunmen killed Ana López in Veracruz and fled to Puebla."),
            [(EventKind::Homicide, Some(1.0))]
        );
        let c = coded("In February, soldiers raided a pill factory in Culiacan, arresting three people and seizing 530,000 suspected fentanyl pills, 30 kilograms of opioid powder and 150 kilograms of acetaminophen used to cut it.");
        let seizure = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::Seizure)
            .expect("a seizure");
        assert_eq!(seizure.measures.get("drugs_kg"), Some(&30.0));
    }

    #[test]
    fn a_distance_counts_no_one() {
        assert_eq!(
            fatalities(
                "Two people are murdered one block from the main garden of Santiago Maravatío"
            )[0]
            .1,
            Some(2.0)
        );
    }

    #[test]
    fn those_killed_along_with_a_victim_add_to_the_dead() {
        for (text, n) in [
            ("Rodolfo Torre Cantú was shot dead on 28 June together with four members of his campaign team near Ciudad Victoria.", 5.0),
            ("Torre Cantú was shot dead along with four of his aides near Ciudad Victoria.", 5.0),
            ("Gunmen killed a man along with his two sons in Culiacán.", 3.0),
            ("Fue asesinado junto con cuatro integrantes de su equipo en Ciudad Victoria.", 5.0),
            ("Milo Vela fue ultimado en su casa del puerto de Veracruz junto con su esposa y su hijo.", 3.0),
            ("The journalist was shot dead at his home in Veracruz along with his wife and son.", 3.0),
            ("The reporter was shot dead in Culiacán along with his sons.", 1.0),
        ] {
            assert_eq!(fatalities(text)[0].1, Some(n), "{text}");
        }
    }

    #[test]
    fn a_family_killed_counts_its_members() {
        for (text, n) in [
            (
                "Mexican gang slaughters family of 5 in resort of Acapulco",
                5.0,
            ),
            ("Asesinan a familia de cinco integrantes en Acapulco", 5.0),
            ("Gunmen killed a family of four in Culiacán on Sunday", 4.0),
        ] {
            assert_eq!(fatalities(text), [(EventKind::Massacre, Some(n))], "{text}");
        }
    }

    #[test]
    fn blocked_roads_are_counted_as_blockades() {
        for (text, lang) in [
            (
                "Gunmen blockaded 250 roads across 20 states on Sunday.",
                Lang::En,
            ),
            (
                "Hombres armados bloquearon 250 carreteras en 20 estados el domingo.",
                Lang::Es,
            ),
        ] {
            let c = code(text, d("2026-02-23"), lang);
            let e = c
                .events
                .iter()
                .find(|e| e.kind == EventKind::RoadBlockade)
                .unwrap_or_else(|| panic!("no blockade in {text}"));
            assert_eq!(e.measures.get("blockades"), Some(&250.0), "{text}");
            assert_eq!(e.measures.get("states"), Some(&20.0), "{text}");
        }
    }

    #[test]
    fn seizure_with_pills() {
        let c = code(
            "Soldiers seized 250,000 fentanyl pills and 20 rifles at a warehouse in Sinaloa.",
            d("2023-02-01"),
            Lang::En,
        );
        let e = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::Seizure)
            .unwrap();
        assert_eq!(e.measures.get("pills"), Some(&250000.0));
        assert_eq!(e.measures.get("weapons"), Some(&20.0));
        assert_eq!(e.state.as_deref(), Some("25"));
    }

    #[test]
    fn vague_and_more_than_counts_give_no_number() {
        let c = code(
            "Una veintena de hombres armados asesinaron a más de 10 personas en Guanajuato.",
            d("2020-01-01"),
            Lang::Es,
        );
        for e in &c.events {
            assert!(!e.measures.contains_key("fatalities"));
        }
    }

    #[test]
    fn a_single_victim_counts() {
        let c = code("Gunmen attacked a checkpoint in Zacatecas on Monday; a soldier was killed and a marine was wounded.", d("2021-06-08"), Lang::En);
        let e = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::AttackOnForces)
            .unwrap();
        assert_eq!(e.measures.get("fatalities"), Some(&1.0));
        assert_eq!(e.measures.get("injured"), Some(&1.0));
        let c = code(
            "Con el capo fue detenido un acompañante en Sinaloa.",
            d("2021-06-08"),
            Lang::Es,
        );
        assert_eq!(c.events[0].measures.get("arrested"), Some(&1.0));
    }

    #[test]
    fn one_victim_told_by_a_passive_or_a_body_beside_its_death() {
        for text in [
            "63-year-old man is killed with a coup de grâce in Culiacán",
            "They leave a lifeless body at a bus stop in Villanueva",
            "Dejan un cuerpo sin vida en la carretera a Tepic",
        ] {
            let c = code(text, d("2023-02-03"), Lang::Auto);
            assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0), "{text}");
        }
    }

    #[test]
    fn one_person_and_a_participle_of_killing_is_one_victim() {
        for text in [
            "They leave a toy car to a cyclist murdered in Culiacán",
            "Valentin Elizarde's ex wife executed in Sonora",
            "They shoot him in Obregón and he dies in hospital",
        ] {
            let c = code(text, d("2021-06-08"), Lang::Auto);
            assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0), "{text}");
        }
    }

    #[test]
    fn the_wounded_are_counted_beside_the_dead() {
        for (text, dead, hurt) in [
            (
                "Armed attack leaves a woman dead and a man injured",
                1.0,
                1.0,
            ),
            (
                "Armed attack leaves a man dead and a woman seriously injured",
                1.0,
                1.0,
            ),
            (
                "Tras ataque a balazos, asesinan a un hombre y otro resulta herido en Monterrey",
                1.0,
                1.0,
            ),
            ("2 killed, 1 wounded in beach shootings in Tulum", 2.0, 1.0),
            (
                "Ataque a balazos deja 2 personas muertas y una lesionada en Apatzingán",
                2.0,
                1.0,
            ),
            (
                "After a soccer game a team was fired upon, 3 dead 3 injured",
                3.0,
                3.0,
            ),
            (
                "An armed cell kills 2, injures child, and kidnaps 3 men in Mexicali",
                2.0,
                1.0,
            ),
        ] {
            let c = code(text, d("2021-06-08"), Lang::Auto);
            let e = c
                .events
                .iter()
                .find(|e| e.measures.contains_key("fatalities"))
                .unwrap_or_else(|| panic!("{text}: {c:?}"));
            assert_eq!(e.measures.get("fatalities"), Some(&dead), "{text}");
            assert_eq!(e.measures.get("injured"), Some(&hurt), "{text}");
        }
    }

    #[test]
    fn totals_parts_and_breakdowns() {
        // A total over its parts.
        let c = code(
            "Seven people — four men and three women — were killed in Guerrero on Monday.",
            d("2020-01-07"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["massacre"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&7.0));
        // A breakdown of the dead is not a second event.
        let c = code(
            "Forty people died on Friday in a gun battle in Michoacán. Thirty of the dead were gunmen.",
            d("2020-01-11"),
            Lang::En,
        );
        assert_eq!(c.events.len(), 1, "{:?}", kinds(&c));
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&40.0));
        // A passive verb does not take the next number.
        let c = code(
            "Two gunmen were killed, three people were arrested and a soldier was wounded in a raid in Sinaloa on Friday.",
            d("2020-01-11"),
            Lang::En,
        );
        assert_eq!(
            event(&c, EventKind::Arrest).measures.get("arrested"),
            Some(&3.0)
        );
        let e = event(&c, EventKind::ArmedClash);
        assert_eq!(e.measures.get("fatalities"), Some(&2.0));
        assert_eq!(e.measures.get("injured"), Some(&1.0));
        // "15 muertos" is a count next to its noun: it wins over "trece" read further off.
        let c = code(
            "Trece hombres murieron en el lugar y dos más en el hospital, con lo que el saldo llegó a 15 muertos en Salamanca.",
            d("2020-01-11"),
            Lang::Es,
        );
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&15.0));
    }

    #[test]
    fn single_named_victims_count_one() {
        let c = code(
            "Pedro Ruiz, a local reporter, was shot dead in Xalapa on Tuesday.",
            d("2020-01-09"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0));
        assert_eq!(c.events[0].municipality.as_deref(), Some("30087"));
        let c = code(
            "El periodista Juan Pérez fue asesinado el martes en Xalapa; su hermana resultó herida.",
            d("2020-01-09"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0));
        assert_eq!(c.events[0].measures.get("injured"), Some(&1.0));
    }

    #[test]
    fn armed_men_are_not_arms() {
        // "armados" and "gunmen" are people, not weapons; "privada" is private, not taken.
        let c = code(
            "Cinco hombres armados fueron detenidos en Sonora el lunes.",
            d("2019-01-22"),
            Lang::Es,
        );
        let e = event(&c, EventKind::Arrest);
        assert_eq!(e.measures.get("arrested"), Some(&5.0));
        assert!(!e.measures.contains_key("weapons"));
        let c = code(
            "Un guardia de seguridad privada fue asesinado en Sonora el lunes.",
            d("2019-01-22"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["homicide"]);
    }

    #[test]
    fn spanish_tolls_after_the_verb_count() {
        let c = code(
            "Hombres armados atacaron una fiesta en Cuernavaca, Morelos, el sábado; murieron nueve personas y otras dos resultaron heridas.",
            d("2022-09-12"),
            Lang::Es,
        );
        let e = one(&c, EventKind::Massacre);
        assert_eq!(e.measures.get("fatalities"), Some(&9.0));
        assert_eq!(e.measures.get("injured"), Some(&2.0));
        assert_eq!(e.state.as_deref(), Some("17"));
    }

    #[test]
    fn counts_of_people_taken_or_sent() {
        let c = code(
            "Cuatro ciudadanos fueron secuestrados el viernes en Reynosa, Tamaulipas.",
            d("2023-06-13"),
            Lang::Es,
        );
        assert_eq!(
            one(&c, EventKind::Kidnapping).measures.get("people"),
            Some(&4.0)
        );
        let c = code(
            "Mexico sent 12 drug traffickers to the United States on Tuesday.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(
            one(&c, EventKind::Extradition).measures.get("people"),
            Some(&12.0)
        );
        let c = code(
            "Gunmen set fire to three businesses in Uruapan, Michoacán, on Sunday.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(
            one(&c, EventKind::Arson).measures.get("businesses_burned"),
            Some(&3.0)
        );
    }

    #[test]
    fn deaths_told_without_a_killing_verb_are_killings() {
        let one = vec![(EventKind::Homicide, Some(1.0))];
        assert_eq!(fatalities("A man is shot to death in Chilpancingo"), one);
        assert_eq!(
            fatalities("They find a lifeless person in the downtown area"),
            one
        );
        assert_eq!(
            fatalities("Descubren cadáver dentro de caja en Jacona"),
            one
        );
        assert_eq!(fatalities("They take the life of a man in Tarimoro"), one);
        // Remains with no count: a killing, uncounted.
        assert_eq!(
            fatalities("Human remains abandoned in El Orito"),
            vec![(EventKind::Homicide, None)]
        );
    }

    #[test]
    fn victims_are_counted_through_descriptions_means_and_pairs() {
        let n = |n: f64, k: EventKind| vec![(k, Some(n))];
        assert_eq!(
            fatalities("Matan a balazos a un hombre en Guadalajara"),
            n(1.0, EventKind::Homicide)
        );
        assert_eq!(
            fatalities("Asesinan a balazos a pareja en Guadalajara"),
            n(2.0, EventKind::Homicide)
        );
        assert_eq!(
            fatalities("They kill a man and a woman in Iguala"),
            n(2.0, EventKind::Homicide)
        );
        assert_eq!(
            fatalities("A woman and three men are murdered in Irapuato"),
            n(4.0, EventKind::Massacre)
        );
        assert_eq!(
            fatalities("They identify the woman murdered in Culiacán"),
            n(1.0, EventKind::Homicide)
        );
    }

    #[test]
    fn a_killing_verbs_object_is_its_victim() {
        let n = |n: f64| vec![(EventKind::Homicide, Some(n))];
        assert_eq!(
            fatalities("Asesinan a panadero en Guadalupe, Zacatecas"),
            n(1.0)
        );
        assert_eq!(fatalities("Ejecutan a anciano en Acapulco"), n(1.0));
        assert_eq!(fatalities("Asesinan a padre e hijo"), n(2.0));
        assert_eq!(fatalities("They kill a 55-year-old man"), n(1.0));
        // "y otro resulta herido": the other is wounded, not a second victim.
        assert_eq!(
            fatalities("Asesinan a un hombre y otro resulta herido en Monterrey"),
            n(1.0)
        );
        // A group or a place after the verb counts nobody.
        assert_eq!(
            fatalities("Matan a balazos en Guadalajara"),
            vec![(EventKind::Homicide, None)]
        );
    }

    #[test]
    fn a_spanish_extradition_counts_its_people_past_the_destination() {
        let c = coded(
            "La Fiscalía General de la República extraditó a Estados Unidos a 29 narcotraficantes, entre ellos Rafael Caro Quintero, el jueves.",
        );
        let e: Vec<_> = c
            .events
            .iter()
            .map(|e| (e.kind, e.measures.get("people").copied()))
            .collect();
        assert_eq!(e, vec![(EventKind::Extradition, Some(29.0))]);
    }

    #[test]
    fn the_dead_told_more_add_up_but_not_others_told_more() {
        assert_eq!(
            counts("cinco personas murieron en el lugar y una más cuando recibía atención médica")
                [0],
            count("fatalities", 6.0)
        );
        assert_eq!(
            counts("17 personas murieron y 18 más resultaron heridas")[0],
            count("fatalities", 17.0)
        );
    }

    #[test]
    fn one_more_named_by_a_possessive_adds_to_a_number() {
        for (text, dead) in [
            ("gunmen killed two brothers and their friend", 3.0),
            ("asesinaron a dos hermanos y su primo", 3.0),
            // A second group of people as the verb's object adds; parts after a count
            // break it down.
            ("asesinan a seis hombres y dos mujeres", 8.0),
            (
                "doce personas seis hombres y seis mujeres fueron asesinadas",
                12.0,
            ),
            // A thing of theirs is no one more.
            ("gunmen killed two men and their car", 2.0),
        ] {
            assert_eq!(counts(text)[0], count("fatalities", dead), "{text}");
        }
    }

    /// Spanish tells the wounded after the participle: "resultaron heridos nueve
    /// militares y tres civiles", "quedan heridos cuatro".
    #[test]
    fn the_wounded_after_a_spanish_participle_count() {
        let c = coded(
            "En un enfrentamiento en Acapulco resultaron heridos nueve militares y tres civiles.",
        );
        assert_eq!(c.events[0].measures.get("injured"), Some(&12.0));
    }

    #[test]
    fn wounded_counted_after_other_people_and_a_spanish_verb() {
        assert_eq!(
            counts("matan a un hombre a balazos y hieren a otros 5"),
            [count("injured", 5.0)],
            "the victim of the verb is counted outside measures_in"
        );
    }

    #[test]
    fn to_before_a_count_is_vague_only_as_up_to_a_range_or_a_running_total() {
        assert_eq!(
            counts("they set fire to 17 buildings and to 21 vehicles"),
            [count("vehicles_burned", 21.0)]
        );
        assert!(counts("up to 21 people were killed").is_empty());
        assert!(counts("the handovers bring to 48 the number of people extradited").is_empty());
    }

    /// A count after a possessive is the verb's object: "detained its four crew members",
    /// "detuvieron a sus cuatro tripulantes".
    #[test]
    fn a_count_after_a_possessive_is_the_verbs() {
        for text in [
            "Marines detained its four crew members.",
            "Los marinos detuvieron a sus cuatro tripulantes.",
        ] {
            let c = coded(text);
            assert_eq!(c.events.len(), 1, "{text}");
            assert_eq!(c.events[0].measures.get("arrested"), Some(&4.0), "{text}");
        }
    }

    #[test]
    fn people_held_are_counted_past_a_span_of_time() {
        assert_eq!(
            counts(
                "retuvieron ayer durante más de dos horas a 10 elementos de la guardia nacional"
            ),
            [count("people", 10.0)]
        );
    }

    #[test]
    fn a_part_counts_what_the_clause_says_of_it() {
        assert_eq!(
            counts("six of the seven young men kidnapped in villanueva were found dead"),
            [count("fatalities", 6.0), count("people", 7.0)]
        );
    }

    #[test]
    fn a_list_goes_on_past_where_its_first_is_from() {
        assert_eq!(
            counts("a travel blogger from california and a german tourist were killed in tulum")[0],
            count("fatalities", 2.0)
        );
    }

    #[test]
    fn a_list_of_goods_adds_up() {
        assert_eq!(
            counts("officers seized an assault rifle, a pistol, two laptops and bundles of cash"),
            [count("weapons", 2.0)]
        );
        assert_eq!(
            counts("aseguraron dos fusiles AK-47, una pistola y una granada"),
            [count("weapons", 3.0)]
        );
        assert_eq!(
            counts("incendiaron dos camiones y un tráiler"),
            [count("vehicles_burned", 3.0)]
        );
        assert_eq!(
            counts("prendieron fuego a una patrulla de la policía estatal"),
            [count("vehicles_burned", 1.0)]
        );
        assert!(counts("llegaron a bordo de una camioneta").is_empty());
    }

    fn counts(text: &str) -> Vec<(String, f64)> {
        let t = toks(text);
        let words: Vec<&str> = t.iter().map(|t| t.low.as_str()).collect();
        measures_in(&words, &[])
            .into_iter()
            .map(|(m, v, _)| (m.to_string(), v))
            .collect()
    }

    fn count(m: &str, v: f64) -> (String, f64) {
        (m.to_string(), v)
    }

    #[test]
    fn a_count_takes_its_measure_from_its_unit_its_verb_or_the_words_after() {
        assert_eq!(
            counts("Soldiers seized 38 rifles and 2 tonnes of cocaine"),
            [count("weapons", 38.0), count("drugs_kg", 2000.0)]
        );
        assert_eq!(
            counts("Gunmen opened fire, killing seven"),
            [count("fatalities", 7.0)]
        );
        assert_eq!(
            counts("Eight people were killed and 12 were wounded"),
            [count("fatalities", 8.0), count("injured", 12.0)]
        );
        // Vague counts and years count nothing.
        assert_eq!(counts("More than 20 people were killed in 2019"), []);
    }

    #[test]
    fn a_killing_verbs_object_without_a_number() {
        assert_eq!(
            object_victims(&["asesinan", "a", "padre", "e", "hijo"]),
            Some((2.0, 2))
        );
        assert_eq!(
            object_victims(&["they", "kill", "a", "teacher"]),
            Some((1.0, 3))
        );
        assert_eq!(
            object_victims(&["matan", "a", "balazos", "en", "jalisco"]),
            None
        );
    }

    #[test]
    fn ages_and_spans_of_time_count_no_one() {
        let n = |n: f64| vec![(EventKind::Homicide, Some(n))];
        assert_eq!(
            fatalities("A man is killed and a seven year old boy is wounded in Tlaquepaque"),
            n(1.0)
        );
        assert_eq!(
            fatalities("A woman aged 30 and a baby under 2 years old were shot dead"),
            n(2.0)
        );
        assert_eq!(
            fatalities("Ejecutan a hombre de 45 años en Uruapan, Michoacán"),
            n(1.0)
        );
    }

    #[test]
    fn kin_and_aged_victims_are_counted_together() {
        let n = |n: f64| vec![(EventKind::Homicide, Some(n))];
        assert_eq!(
            fatalities("Asesinan a joven de 17 años y su madre en Celaya"),
            n(2.0)
        );
        assert_eq!(
            fatalities("Gunmen kill a 30-year-old man and his 12-year-old nephew in Sonora"),
            n(2.0)
        );
        assert_eq!(
            fatalities("Matan de tres balazos a comerciante en Zamora, Michoacán"),
            n(1.0)
        );
        assert_eq!(
            fatalities("Asesinan en Morelos a la regidora de Cuautla"),
            vec![(EventKind::AttackOnForces, Some(1.0))]
        );
    }

    #[test]
    fn a_death_told_of_one_person_counts_one() {
        let n = |n: f64| vec![(EventKind::Homicide, Some(n))];
        assert_eq!(
            fatalities("Muere joven tras ataque armado en Salamanca"),
            n(1.0)
        );
        assert_eq!(
            fatalities("Dies after being shot in a bar in Tijuana"),
            n(1.0)
        );
        assert_eq!(
            fatalities("The driver is gunned down outside his home in Culiacán"),
            n(1.0)
        );
    }

    #[test]
    fn one_victim_told_in_the_singular_counts_one() {
        let n = |n: f64| vec![(EventKind::Homicide, Some(n))];
        assert_eq!(fatalities("Taxi driver murdered in Zapopan"), n(1.0));
        assert_eq!(fatalities("They execute 'El Chuy' in Navolato"), n(1.0));
        assert_eq!(fatalities("Hallan baleado y encobijado en Zamora"), n(1.0));
        assert_eq!(fatalities("Ejecutan a un taquero en Irapuato"), n(1.0));
        // Others, remains or a running total: no single victim.
        for text in [
            "Gunmen execute a plaza boss and others in Tijuana",
            "Human remains found in Zapopan",
            "Es el tercer policía asesinado este año en Celaya",
        ] {
            assert!(
                fatalities(text).iter().all(|(_, f)| *f != Some(1.0)),
                "{text}: {:?}",
                fatalities(text)
            );
        }
    }

    #[test]
    fn parts_joined_before_their_verb_add_up() {
        let n = |n: f64| vec![(EventKind::Massacre, Some(n))];
        assert_eq!(
            fatalities("Seven men and three women were killed in Tlajomulco"),
            n(10.0)
        );
        assert_eq!(
            fatalities("Cinco hombres y dos mujeres fueron asesinados en Zamora"),
            n(7.0)
        );
        // Parts that add up to the count before them break it down.
        let c = coded("Murieron 17 personas, 10 custodios y siete internos, y 13 más resultaron heridas en Ciudad Juárez, Chihuahua.");
        assert_eq!(c.events[0].measures.get("injured"), Some(&13.0));
        // Each count with its own verb stays apart.
        assert_eq!(
            fatalities("Four were killed and 6 wounded in Zamora"),
            vec![(EventKind::Massacre, Some(4.0))]
        );
    }

    #[test]
    fn a_body_or_a_named_persons_remains_found_is_one_dead() {
        for text in [
            "El cuerpo de un hombre fue hallado el 1 de agosto en la cajuela de un auto en Coyoacán.",
            "Los restos de Silvia Vargas fueron localizados ayer en Tlalpan.",
            "The remains of Silvia Vargas were found in Tlalpan.",
        ] {
            assert_eq!(fatalities(text), [(EventKind::Homicide, Some(1.0))], "{text}");
        }
        // The accused's alleged killings are no killing told.
        let c = coded("La Marina presentó a El Kilo, presunto responsable del secuestro y asesinato de pasajeros cuyos restos han sido hallados en fosas de San Fernando.");
        assert!(!kinds(&c).contains(&"homicide"), "{:?}", kinds(&c));
    }

    #[test]
    fn a_verb_before_a_comma_counts_no_breakdown_and_two_singulars_are_two() {
        assert_eq!(
            fatalities("Gabriel Zamora, Mich: 7 Killed, 5 Women + 2 Men and More"),
            [(EventKind::Massacre, Some(7.0))]
        );
        for text in [
            "Hitmen enter Carwash and murder father and son",
            "Asesinan a padre e hijo en Celaya",
        ] {
            assert_eq!(
                fatalities(text),
                [(EventKind::Homicide, Some(2.0))],
                "{text}"
            );
        }
    }

    #[test]
    fn deaths_told_as_lives_taken_or_bodies_blanketed_and_graves_counted() {
        for (text, n) in [
            (
                "Dispute between criminal cells takes the lives of three men in Tepeaca",
                3.0,
            ),
            (
                "They find two sheltered in San Jerónimo, Guadalupe, Zacatecas",
                2.0,
            ),
            ("Woman deprived of life in Celaya", 1.0),
        ] {
            assert_eq!(fatalities(text), [(EventKind::Homicide, Some(n))], "{text}");
        }
        // Graves counted are no count of the dead in them.
        assert_eq!(
            fatalities("They find seven clandestine graves in a property in Zapopan"),
            [(EventKind::Homicide, None)]
        );
    }

    #[test]
    fn the_dead_named_one_by_one_are_counted() {
        for (text, n) in [
            ("Los cuerpos de los fotógrafos Guillermo Luna Varela, Gabriel Huge Córdova y Esteban Rodríguez, así como el de Irasema Becerra, fueron encontrados este jueves en Boca del Río.", 4.0),
            ("The bodies of Ana López and Juan Pérez were found in Celaya on Monday.", 2.0),
        ] {
            let f = fatalities(text);
            assert_eq!(f.first().and_then(|x| x.1), Some(n), "{text}: {f:?}");
        }
    }

    #[test]
    fn of_the_people_shot_the_one_who_died_is_the_dead() {
        for text in [
            "Atacan a balazos a dos hombres en Guadalajara, uno muere",
            "Gunmen shot three men in Celaya, one died",
        ] {
            let c = coded(text);
            let e = &c.events[0];
            assert_eq!(e.measures.get("fatalities"), Some(&1.0), "{text}");
            assert!(
                e.measures.get("injured").is_some_and(|&n| n >= 1.0),
                "{text}"
            );
        }
    }

    #[test]
    fn people_counted_before_goods_or_means_are_the_dead() {
        for (text, n) in [
            ("Asesinan a cuatro hombres con arma de fuego", 4.0),
            ("Asesinan a cuatro con arma de fuego", 4.0),
            ("They murder two men from car to car", 2.0),
            ("Gunmen executed two men in Celaya", 2.0),
            // A noun of killing used as the verb, with one victim.
            ("They murder young man in Celaya", 1.0),
            ("They find another man dead in Celaya", 1.0),
            ("Armed convoy murders young man", 1.0),
        ] {
            let f = fatalities(text);
            assert_eq!(f.first().and_then(|x| x.1), Some(n), "{text}: {f:?}");
        }
        // The crime people are held for counts no dead.
        assert!(
            !kinds(&coded("Detienen a cuatro personas por homicidio en Celaya"))
                .contains(&"massacre")
        );
        // Goods counted are still goods.
        let c = coded("Marines seized 40 rifles with ammunition in Culiacán");
        assert_eq!(c.events[0].measures.get("weapons"), Some(&40.0));
    }

    #[test]
    fn the_dead_after_a_weekday_and_suspects_killed_are_counted() {
        assert_eq!(
            fatalities("On Saturday three men were killed in Reynosa."),
            vec![(EventKind::Homicide, Some(3.0))]
        );
        assert_eq!(
            fatalities("In May, seven people were killed at a party in San Felipe, Guanajuato."),
            vec![(EventKind::Massacre, Some(7.0))]
        );
        assert_eq!(
            fatalities("Three suspects were killed in a shootout in Reynosa."),
            vec![(EventKind::ArmedClash, Some(3.0))]
        );
        let c = coded("Mexico arrests 6 suspects in killing of journalist in Veracruz");
        assert_eq!(c.events[0].measures.get("arrested"), Some(&6.0));
    }

    #[test]
    fn one_weapon_seized_counts_one() {
        for text in [
            "Police seized a rifle in Culiacán.",
            "Policías aseguraron un arma de fuego en Culiacán.",
        ] {
            assert_eq!(
                coded(text).events[0].measures.get("weapons"),
                Some(&1.0),
                "{text}"
            );
        }
    }

    #[test]
    fn weapons_listed_add_up_but_their_parts_do_not() {
        let w = |t: &str| coded(t).events[0].measures.get("weapons").copied();
        assert_eq!(
            w("En Celaya se aseguraron cinco armas largas, tres cortas y un lanzagranadas."),
            Some(8.0)
        );
        assert_eq!(
            w("En Celaya se aseguraron 38 armas, entre ellas 25 largas."),
            Some(38.0)
        );
        assert_eq!(
            w("Soldiers raided a house in Reynosa and found 414 firearms — 288 rifles and 126 pistols."),
            Some(414.0)
        );
        assert_eq!(
            w("Troops in Culiacán seized 26 firearms, including four mounted machine guns."),
            Some(26.0)
        );
    }

    #[test]
    fn survivors_are_not_the_wounded() {
        let c = coded(
            "Two people were found dead in Matamoros and two others alive, one of them wounded.",
        );
        assert_eq!(c.events[0].measures.get("injured"), None);
    }

    #[test]
    fn a_number_that_names_counts_no_one() {
        let c = coded("On Thursday a fight inside the prison known as Cereso No. 3 in Ciudad Juárez left two inmates dead and four wounded.");
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&2.0));
        assert_eq!(
            fatalities("No one heard the teachers: two were shot dead in Iguala"),
            vec![(EventKind::Homicide, Some(2.0))]
        );
    }

    #[test]
    fn a_day_of_a_month_counts_no_one() {
        let n = |n: f64| vec![(EventKind::Homicide, Some(n))];
        assert_eq!(
            fatalities("On June 3, a taxi driver was shot dead in Zamora"),
            n(1.0)
        );
        assert_eq!(
            fatalities("El 24 de enero, un hombre fue asesinado en Celaya"),
            n(1.0)
        );
        assert_eq!(
            fatalities("El domingo 19, un comerciante fue asesinado en Veracruz"),
            n(1.0)
        );
        let c = coded("Fueron detenidas dos hermanas, de 19 y 24 años, en Cuernavaca, Morelos.");
        assert_eq!(c.events[0].measures.get("arrested"), Some(&2.0));
        // "11 men and a woman" are twelve; a person starting a clause of its own is not one more.
        assert_eq!(
            fatalities("The bodies of 11 men and a woman were found in La Huacana, Michoacán."),
            vec![(EventKind::Massacre, Some(12.0))]
        );
        assert_eq!(
            fatalities("En Tecolutla, asesinan a tres personas y un menor resulta herido"),
            vec![(EventKind::Homicide, Some(3.0))]
        );
        // An age after a name with its "de" counts no one.
        let c =
            coded("Murió Javier Arredondo, de 24, en un enfrentamiento en Monterrey, Nuevo León.");
        assert!(
            c.events
                .iter()
                .all(|e| e.measures.get("fatalities") != Some(&24.0)),
            "{:?}",
            c.events
        );
        // The dead counted by where they lay add up.
        assert_eq!(
            fatalities("Los agentes encontraron tres cuerpos en los asientos y cuatro en la cajuela en Cuernavaca, Morelos."),
            vec![(EventKind::Massacre, Some(7.0))]
        );
        // Nor does a count of groups.
        let c = coded("The feud between two groups selling drugs led to the killing of Horacio Vite, a dealer shot dead at a bar in Tepic.");
        assert!(
            c.events
                .iter()
                .all(|e| e.measures.get("fatalities") != Some(&2.0)),
            "{:?}",
            c.events
        );
        assert!(!c.events.is_empty());
    }

    /// A count after its arresting verb and a place told between them; residents counted
    /// as victims are victims.
    #[test]
    fn a_count_after_a_place_and_residents_as_victims() {
        let first = |text: &str, measure: &str| {
            let c = code(text, d("2024-01-09"), Lang::Es);
            c.events
                .first()
                .and_then(|e| e.measures.get(measure).copied())
        };
        assert_eq!(
            first("En mayo, agentes de la Policía Federal detuvieron en la ciudad de Durango a cuatro presuntos integrantes de Los Zetas.", "arrested"),
            Some(4.0)
        );
        assert_eq!(
            first("Drones con explosivos atacaron el lunes la comunidad de El Aguaje, en Aguililla, Michoacán; dos pobladores resultaron heridos.", "injured"),
            Some(2.0)
        );
    }

    /// A gun's calibre counts no weapons: "a .50 caliber rifle", "un fusil calibre .223".
    #[test]
    fn a_calibre_is_no_count_of_weapons() {
        for (text, lang) in [
            (
                "Soldiers seized a .50 caliber rifle and arrested two men in Culiacán, Sinaloa.",
                Lang::En,
            ),
            (
                "Soldados aseguraron un fusil calibre .223 y detuvieron a dos hombres en Culiacán, Sinaloa.",
                Lang::Es,
            ),
        ] {
            let c = code(text, d("2025-08-01"), lang);
            let weapons: Vec<f64> = c
                .events
                .iter()
                .filter_map(|e| e.measures.get("weapons").copied())
                .collect();
            assert_eq!(weapons, [1.0], "{text}: {:?}", c.events);
        }
    }

    /// One taken told by a reduced relative or as "one of them", one vehicle burned told
    /// by its participle.
    #[test]
    fn one_arrested_or_burned_told_without_a_number() {
        let first = |text: &str, measure: &str| {
            let c = code(text, d("2017-03-03"), Lang::Auto);
            c.events
                .iter()
                .find_map(|e| e.measures.get(measure).copied())
        };
        assert_eq!(
            first("A Zetas gunman arrested in San Luis Potosi days later told investigators that the attackers had mistaken the SUV.", "arrested"),
            Some(1.0)
        );
        assert_eq!(
            first("En febrero de 2016, la policía ministerial del estado de Guerrero detuvo a uno de los presuntos agresores.", "arrested"),
            Some(1.0)
        );
        assert_eq!(
            first("El jueves fueron hallados cuatro cuerpos dentro de una camioneta incendiada sobre la carretera Chilapa-Tlapa, Guerrero.", "vehicles_burned"),
            Some(1.0)
        );
    }

    /// Vehicles of every kind burned add up; a vehicle in the place after a count of the
    /// dead counts no vehicles.
    #[test]
    fn vehicles_burned_and_vehicles_in_a_place() {
        let c = code(
            "Antes de huir, los atacantes prendieron fuego a dos camionetas y dos motocicletas estacionadas en la exhacienda en Salvatierra, Guanajuato.",
            d("2024-01-01"),
            Lang::Es,
        );
        assert_eq!(c.events[0].measures.get("vehicles_burned"), Some(&4.0));
        for text in [
            "Gunmen kill 5 at bus terminal in central Mexico",
            "Four Killed by Motorcycle Gunmen At a Barber Shop in Salamanca, Guanajuato",
            "Salvatierra, Guanajuato: 7 Killed In Motorcycle Shop",
        ] {
            let c = code(text, d("2020-01-01"), Lang::En);
            assert!(
                c.events.iter().any(|e| e.kind == EventKind::Massacre),
                "{text}: {:?}",
                c.events
            );
        }
    }

    /// The missing of a toll ("…y dos desaparecidas") are people; a rifle seized after
    /// other goods is one weapon.
    #[test]
    fn the_missing_of_a_toll_and_one_rifle_after_other_goods() {
        let c = code(
            "En Texcaltitlán, Estado de México, hay cuatro personas lesionadas por arma de fuego y dos desaparecidas.",
            d("2024-01-01"),
            Lang::Es,
        );
        assert_eq!(c.events[0].measures.get("people"), Some(&2.0));
        let c = code(
            "Security forces seized two armored pickup trucks and a .50-caliber Barrett sniper rifle in Caborca, Sonora.",
            d("2024-01-01"),
            Lang::En,
        );
        assert_eq!(c.events[0].measures.get("weapons"), Some(&1.0));
    }
}
