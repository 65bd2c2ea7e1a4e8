//! Deaths told without a killing verb: phrases that state a death on their own ("shot to
//! death", "sin vida", "lost his life") and remains found or left ("They find a body",
//! "Hallan cadáver", "Human remains abandoned"). Real headlines tell most killings this way.
//! The word lists are `lexicon/{death_phrases,remains,finding}.txt` and `lexicon/deaths/`.

use std::sync::LazyLock;

use crate::lexicon::ATTACK;
use crate::lexicon::{
    self, ByFirstByte, DAYPARTS, DEATH_PHRASES, FINDING, INCIDENTS, LONE_KILLING_NOUNS,
    MASSACRE_NOUNS, NOT_INCIDENT_BEFORE, NOT_ONE_BODY, NOT_VICTIMS, NOUN_AFTER, NOUN_BEFORE,
    NOUN_VERBS, ORDER_WORDS, PLACE_UNITS, PLURAL_ATTACKS, PREMISES, QUALIFYING_NOUNS, REGION_WORDS,
    REMAINS, SPREAD, TALLY_PHRASES, TO_DEATH_VERBS, VEHICLES, VIOLENCE_LEAVES, VIOLENT_ADJECTIVES,
    VIOLENT_DAYS,
};
use crate::numbers;
use crate::tokens::is;

/// A word of a phrase, read once when the list is filed: a placeholder for a class of words
/// (`<n>`, `<weekday>`, `<daypart>`) or a pattern ("killed", "acribill*"), so that matching a
/// phrase compares no placeholder's name with the words.
#[derive(Clone, Copy)]
enum Pat {
    Number,
    Weekday,
    Daypart,
    Exact(&'static str),
    Stem(&'static str),
}

impl Pat {
    fn new(p: &'static str) -> Pat {
        match p {
            "<n>" => Pat::Number,
            "<weekday>" => Pat::Weekday,
            "<daypart>" => Pat::Daypart,
            _ => match p.strip_suffix('*') {
                Some(stem) => Pat::Stem(stem),
                None => Pat::Exact(p),
            },
        }
    }

    /// Whether word `w` fits: as `tokens::is` matches a pattern, or the word is of the
    /// class.
    fn fits(self, w: &str) -> bool {
        match self {
            Pat::Number => numbers::is_number(w),
            Pat::Weekday => crate::dates::weekday(w).is_some(),
            Pat::Daypart => is(w, &DAYPARTS),
            Pat::Exact(p) => w == p,
            // A bare "*" would match only a word starting with '*', as `tokens::is` reads
            // it; no word does.
            Pat::Stem(s) => !s.is_empty() && w.starts_with(s),
        }
    }
}

/// A phrase of a list: its line's order in the file and its words.
struct Phrase {
    order: usize,
    pats: Vec<Pat>,
}

/// The first phrase of `phrases` (in file order) whose words from the `skip`-th on fit the
/// words from `k + skip` on (the words before are known to fit): its order and length.
fn first_fitting(
    phrases: &[Phrase],
    words: &[&str],
    k: usize,
    skip: usize,
) -> Option<(usize, usize)> {
    phrases
        .iter()
        .find(|ph| {
            words.len() >= k + ph.pats.len()
                && ph.pats[skip..]
                    .iter()
                    .zip(&words[k + skip..])
                    .all(|(p, w)| p.fits(w))
        })
        .map(|ph| (ph.order, ph.pats.len()))
}

/// The phrases that open on one exact word, those whose second word is exact filed by it:
/// "en" and "in" open a score of tallies each, and a word after them was compared with
/// every one in turn.
#[derive(Default)]
struct Opening {
    by_second: rustc_hash::FxHashMap<&'static str, Vec<Phrase>>,
    /// The others (one word long, or a pattern or class second), in file order.
    rest: Vec<Phrase>,
}

impl Opening {
    fn push(&mut self, phrase: Phrase) {
        match phrase.pats.get(1) {
            Some(Pat::Exact(w)) => self.by_second.entry(w).or_default().push(phrase),
            _ => self.rest.push(phrase),
        }
    }
}

/// Phrases filed by their first word: an exact word in a map, a first pattern with a `*`
/// or `<n>` by first byte; each with its line's order, so that the first phrase of the
/// file that matches is the one taken. Each group keeps file order.
struct Phrases {
    exact: rustc_hash::FxHashMap<&'static str, Opening>,
    /// The starts of `exact`'s first words, to skip hashing the words that start none.
    starts: lexicon::TwoByteStarts,
    /// The first and last bytes of `exact`'s first words: "entre", "injured" and "dias"
    /// start as "en", "in" and "dia" do, but end otherwise.
    ends: lexicon::TwoByteStarts,
    /// Some first word of `exact` has a single byte.
    short_exact: bool,
    wild: ByFirstByte<Phrase>,
    /// Phrases that open on a number, a weekday or a part of the day: tried only on a word
    /// of that class.
    classed: [Vec<Phrase>; 3],
}

impl Phrases {
    fn new(list: &'static [&'static str]) -> Phrases {
        let mut exact: rustc_hash::FxHashMap<&'static str, Opening> = Default::default();
        let (mut starts, mut short_exact) = (lexicon::TwoByteStarts::default(), false);
        let mut ends = lexicon::TwoByteStarts::default();
        let mut wild = Vec::new();
        let mut classed: [Vec<Phrase>; 3] = Default::default();
        for (order, ph) in lexicon::phrases(list).into_iter().enumerate() {
            let first = ph[0];
            let phrase = Phrase {
                order,
                pats: ph.into_iter().map(Pat::new).collect(),
            };
            match phrase.pats[0] {
                Pat::Number => classed[0].push(phrase),
                Pat::Weekday => classed[1].push(phrase),
                Pat::Daypart => classed[2].push(phrase),
                Pat::Exact(_) if !first.starts_with('<') => {
                    match first.as_bytes() {
                        [a, b, .., z] | [a, b @ z] => {
                            starts.add(*a, *b);
                            ends.add(*a, *z);
                        }
                        _ => short_exact = true,
                    }
                    exact.entry(first).or_default().push(phrase);
                }
                _ => wild.push(phrase),
            }
        }
        Phrases {
            exact,
            starts,
            ends,
            short_exact,
            wild: ByFirstByte::new(wild, |ph: &Phrase| match ph.pats[0] {
                Pat::Exact(p) | Pat::Stem(p) if !p.is_empty() => p,
                // Any other opening is filed with the phrases tried on every word.
                _ => "<",
            }),
            classed,
        }
    }

    /// The phrases whose first word is exactly `w`.
    fn exact(&self, w: &str) -> Option<&Opening> {
        match w.as_bytes() {
            [a, b, .., z] | [a, b @ z] if !self.starts.may(*a, *b) || !self.ends.may(*a, *z) => {
                None
            }
            [_] | [] if !self.short_exact => None,
            _ => self.exact.get(w),
        }
    }
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&DEATH_PHRASES));
static TALLIES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&TALLY_PHRASES));
static VIOLENT: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&VIOLENT_DAYS));
static REMAIN_WORDS: LazyLock<lexicon::WordIndex> =
    LazyLock::new(|| lexicon::WordIndex::new(&REMAINS));
static FINDING_WORDS: LazyLock<lexicon::WordIndex> =
    LazyLock::new(|| lexicon::WordIndex::new(&FINDING));

/// The length of the first phrase of `list` that starts at word `k`; `<n>` matches a
/// number, `<weekday>` a day of the week, `<daypart>` a part of the day.
fn match_at(list: &Phrases, words: &[&str], k: usize) -> Option<usize> {
    let first = *words.get(k)?;
    // The first phrase in file order of each group that fits, then the earliest of those.
    let mut best: Option<(usize, usize)> = None;
    let mut take = |found: Option<(usize, usize)>| {
        if let Some(f) = found {
            if best.is_none_or(|b| f.0 < b.0) {
                best = Some(f);
            }
        }
    };
    // Each part of an opening keeps file order, and the earliest fitting phrase of the
    // parts is taken: the first of the opening that fits.
    if let Some(opening) = list.exact(first) {
        take(first_fitting(&opening.rest, words, k, 1));
        if let Some(same) = words.get(k + 1).and_then(|w| opening.by_second.get(w)) {
            take(first_fitting(same, words, k, 2));
        }
    }
    let (slot, any) = list.wild.candidate_groups(first);
    take(first_fitting(slot, words, k, 0));
    take(first_fitting(any, words, k, 0));
    for (c, class) in [Pat::Number, Pat::Weekday, Pat::Daypart]
        .into_iter()
        .enumerate()
    {
        if !list.classed[c].is_empty() && class.fits(first) {
            take(first_fitting(&list.classed[c], words, k, 1));
        }
    }
    best.map(|(_, len)| len)
}

/// The number of words of the death phrase that starts at word `k`, if one does; "shot a
/// woman to death" and "stabbed the driver to death" hold their object inside.
fn phrase_at(words: &[&str], k: usize) -> Option<usize> {
    match_at(&PHRASES, words, k).or_else(|| {
        if !is(words[k], &TO_DEATH_VERBS) {
            return None;
        }
        (k + 2..(k + 6).min(words.len().saturating_sub(1)))
            .find(|&e| words[e] == "to" && words[e + 1] == "death")
            .map(|e| e + 2 - k)
    })
}

/// Whether the remains at word `p` are one person's: a singular word ("cadáver", "body",
/// "ejecutado", not "remains" or "bodies") with no number before it.
pub(crate) fn single_remains(words: &[&str], p: usize) -> bool {
    let w = words[p];
    (lexicon::is_in(w, &REMAIN_WORDS) || matches!(w, "ejecutado" | "ejecutada"))
        && !w.ends_with('s')
        && !is(w, &NOT_ONE_BODY)
        // A count before it, but not a day of a month ("On 29 January his body was found").
        && !(p.saturating_sub(3)..p).any(|k| {
            numbers::is_number(words[k])
                && words
                    .get(k + 1)
                    .is_none_or(|x| crate::dates::month(x).is_none())
                && !(k > 0 && crate::dates::month(words[k - 1]).is_some())
        })
}

/// Where a killing told in a passive is ("the mayor … was shot dead", "fueron
/// asesinados"): the word after "was"/"were"/"fue"/"fueron".
pub(crate) fn passive_killing(words: &[&str]) -> Option<usize> {
    (1..words.len()).find(|&p| {
        matches!(
            words[p - 1],
            "was" | "were" | "fue" | "fueron" | "is" | "es" | "been" | "sido"
        ) && (lexicon::is_in(words[p], &lexicon::KILL_IX) || death_at(words, p))
    })
}

/// "En marzo de este año", "in March this year": the year at word `k` is a month's, a
/// date.
pub(crate) fn month_of(words: &[&str], k: usize) -> bool {
    matches!(words[k], "this" | "este")
        && (k >= 1 && crate::dates::month(words[k - 1]).is_some()
            || k >= 2
                && matches!(words[k - 1], "de" | "of")
                && crate::dates::month(words[k - 2]).is_some())
}

/// Whether the clause counts killings over a period or a spread: a phrase of
/// `tally_phrases.txt`, incidents told as several ("in different malicious acts", "Dejan
/// ataques a tiros 3 muertos"), violence as what leaves the dead ("Violencia en Tijuana
/// deja 3 muertos"), or a violent day whose dead no killing verb counts ("Violent
/// Thursday leaves 7 victims").
pub(crate) fn tally_cue(words: &[&str]) -> bool {
    // The first count of the dead: "Two armed attacks in Salamanca … 7 killed" counts the
    // attacks first.
    let counts_attacks = |n: usize| {
        words[n + 1..(n + 3).min(words.len())]
            .iter()
            .any(|w| is(w, &PLURAL_ATTACKS))
    };
    let first_number =
        (0..words.len()).find(|&n| numbers::is_number(words[n]) && !counts_attacks(n));
    let several = |k: usize| {
        // Attacks in the plural before the count are what left the dead; after it
        // ("2 killed in beach shootings") they may be one incident's shots.
        is(words[k], &PLURAL_ATTACKS) && first_number.is_some_and(|n| k < n)
            // "Five men executed in armed attacks": several attacks named as such, before
            // or after the count ("in beach shootings" may be one incident's shots).
            || words[k] == "attacks" && k > 0 && words[k - 1] == "armed"
            || words[k] == "ataques" && words.get(k + 1).is_some_and(|w| *w == "armados")
            || is(words[k], &SPREAD)
                && words[k + 1..(k + 4).min(words.len())]
                    .iter()
                    .any(|w| is(w, &INCIDENTS))
    };
    // Read once: it turns away every violent day of the clause.
    let verb_counts = first_number.is_some_and(|n| {
        words[n.saturating_sub(4)..n]
            .iter()
            .any(|w| lexicon::is_in(w, &lexicon::KILL_IX) && !w.ends_with("ed"))
    });
    let violence_leaves = |k: usize| {
        matches!(words[k], "violence" | "violencia")
            && words[k + 1..(k + 5).min(words.len())]
                .iter()
                .any(|w| is(w, &VIOLENCE_LEAVES))
    };
    // "Mexico's third mass killing in less than a week": the span counts a series of
    // incidents, not this one's dead.
    let series = |k: usize| {
        words[k.saturating_sub(4)..k]
            .iter()
            .any(|w| is(w, &lexicon::TALLY_ORDINALS))
    };
    // "Violent Valentine's Sunday in Fresnillo": a violent day named with a word between.
    let violent_named_day = |k: usize| {
        is(words[k], &VIOLENT_ADJECTIVES)
            && words[k + 1..(k + 3).min(words.len())]
                .iter()
                .any(|w| crate::dates::weekday(w).is_some() || is(w, &DAYPARTS))
    };
    let units = words.iter().any(|w| is(w, &PLACE_UNITS)) && !words.iter().any(|w| is(w, &ATTACK));
    (0..words.len()).any(|k| {
        match_at(&TALLIES, words, k).is_some()
            && !series(k)
            && !lexicon::superlative_before(words, k, 7)
            && !month_of(words, k)
            || several(k)
            || violence_leaves(k)
            || !verb_counts && (match_at(&VIOLENT, words, k).is_some() || violent_named_day(k))
            || units && several_units(words, k)
            || two_days(words, k)
    }) || !words.is_empty() && regional(words)
}

/// "6 die in southern Chihuahua", "11 killed in violence in northeast Mexico", "4 die in
/// Sinaloa state": a count of the
/// dead that opens the clause, told dying in a region with no attack told, is a tally.
fn regional(words: &[&str]) -> bool {
    numbers::is_number(words[0])
        && words
            .get(1)
            .is_some_and(|w| matches!(*w, "die" | "dead" | "killed" | "muertos" | "mueren"))
        && (3..words.len()).any(|k| {
            words[k - 1] == "in"
                && (is(words[k], &REGION_WORDS)
                    // "4 die in Sinaloa state": a whole state, closing the clause.
                    || k + 2 == words.len() && matches!(words[k + 1], "state" | "estado"))
        })
        && no_attack_told(words)
}

/// No attack, ambush, clash, shooting or premises is told: the dead are counted, not an
/// incident's.
fn no_attack_told(words: &[&str]) -> bool {
    !words.iter().any(|w| {
        is(w, &ATTACK)
            || is(w, &lexicon::AMBUSH)
            || is(w, &lexicon::CLASH)
            || is(w, &lexicon::SHOOTING_WORDS)
            || is(w, &PREMISES)
    })
}

/// "19 Executed in Guanajuato, 3 Children Among Them", "15 Murdered in Mexico": five or more
/// dead opening the clause, told in a whole state or the country (`no_town`: no town
/// named), with no attack told: a tally.
pub(crate) fn statewide(words: &[&str], killed: f64, no_town: bool) -> bool {
    killed >= 5.0
        && no_town
        && words.len() > 3
        && numbers::number_at(words, 0).is_some_and(|(n, _)| n == killed)
        && matches!(
            words[1],
            "executed" | "murdered" | "killed" | "dead" | "ejecutados" | "asesinados" | "muertos"
        )
        && matches!(words[2], "in" | "en")
        && no_attack_told(words)
}

/// "They killed 13 people during Friday and Saturday", "entre sábado y domingo": the dead of
/// two days are a tally.
fn two_days(words: &[&str], k: usize) -> bool {
    crate::dates::weekday(words[k]).is_some()
        && words.get(k + 1).is_some_and(|w| matches!(*w, "and" | "y"))
        && words
            .get(k + 2)
            .is_some_and(|w| crate::dates::weekday(w).is_some())
}

/// "13 killed in gang battles in two Mexican states", "en varios municipios": the dead are
/// counted over several states or towns, so over several incidents; but an attack told in
/// several towns ("attacked police stations in at least eight towns") is one coordinated
/// attack.
fn several_units(words: &[&str], k: usize) -> bool {
    (is(words[k], &SPREAD)
        || numbers::is_number(words[k])
            && numbers::number_at(words, k).is_some_and(|(n, _)| n >= 2.0))
        && words[k + 1..(k + 3).min(words.len())]
            .iter()
            .any(|w| is(w, &PLACE_UNITS))
}

/// Word `k` names remains: a body, bones, "charred", but not "charred vehicles" or
/// "vehículos calcinados".
/// People found hanging from a bridge are bodies too: "found nine men hanging from a
/// bridge", "hallan a siete hombres colgados de un puente".
fn remains_at(words: &[&str], k: usize) -> bool {
    // "vehículos calcinados": the Spanish adjective after the vehicle.
    lexicon::is_in(words[k], &REMAIN_WORDS)
        && !words
            .get(k + 1)
            .is_some_and(|w| is(w, &VEHICLES) || is(w, &PREMISES))
        && !(k > 0 && is(words[k - 1], &VEHICLES))
        // The words after first: they are rare, people are not.
        || words.get(k + 1).is_some_and(|w| {
            matches!(*w, "hanging" | "hanged" | "colgado" | "colgada" | "colgados" | "colgadas")
        }) && words
            .get(k + 2)
            .is_some_and(|w| matches!(*w, "from" | "de" | "del" | "en"))
            && (lexicon::is_in(words[k], &lexicon::PERSON_IX) || is(words[k], &lexicon::PEOPLE))
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
        // "Her body has not been found", "su cuerpo no ha sido localizado": none found.
        let found = (0..words.len()).any(|k| {
            lexicon::is_in(words[k], &FINDING_WORDS)
                && !words[k.saturating_sub(3)..k]
                    .iter()
                    .any(|w| is(w, &lexicon::NEGATION))
        });
        (0..words.len()).find(|&k| found && remains_at(words, k))
    })
}

/// A word that is a noun of killing and a verb ("murder", "massacre") used as the verb:
/// after a subject pronoun ("They murder…") or before its object ("Hitmen … murder father
/// and son", "murder two men"), not before "victims" or "case".
pub(crate) fn noun_as_verb(words: &[&str], p: usize) -> bool {
    if !is(words[p], &NOUN_VERBS) {
        return false;
    }
    let year = |w: &str| w.len() == 4 && w.starts_with(['1', '2']);
    let object = words.get(p + 1).is_some_and(|w| {
        ((numbers::is_number(w) && !year(w))
            || matches!(*w, "a" | "an" | "his" | "her" | "their")
            || lexicon::is_in(w, &crate::lexicon::PERSON_IX))
            && !is(w, &NOT_VICTIMS)
    });
    (p > 0 && matches!(words[p - 1], "they" | "who" | "that")) || object
}

/// A killing told by a singular noun ("Another murder in a shopping plaza", "Se registra
/// doble homicidio en un bar", "Homicide by knife in…"): its word and the dead it says, when
/// it says ("doble" 2; a massacre or a multihomicidio says none). The document decides
/// whether it is news: only a text that has told no event before it.
pub(crate) fn lone_killing(words: &[&str]) -> Option<(usize, Option<f64>)> {
    let p = words.iter().position(|w| is(w, &LONE_KILLING_NOUNS))?;
    let prev = p.checked_sub(1).map(|i| words[i]);
    // "accused of murder", "tasa de homicidio", "for murder", "2 murders": not one incident.
    if prev.is_some_and(|w| numbers::is_number(w) || is(w, &NOT_INCIDENT_BEFORE)) {
        return None;
    }
    // A noun that qualifies another: "homicide rate", "murder trial", "execution of a
    // warrant", "ejecución de una orden".
    let after = &words[p + 1..(p + 4).min(words.len())];
    if after.first().is_some_and(|w| is(w, &QUALIFYING_NOUNS))
        || is(words[p], &["execution", "ejecucion"]) && after.iter().any(|w| is(w, &ORDER_WORDS))
    {
        return None;
    }
    // English "murder" and "massacre" are verbs too: "They murder father and son".
    if matches!(words[p], "murder" | "massacre")
        && !prev.is_none_or(|w| is(w, &NOUN_BEFORE))
        && !after.first().is_none_or(|w| is(w, &NOUN_AFTER))
    {
        return None;
    }
    // "la ejecución de dos personas": the count that follows; "the murder of rivals",
    // "asesinato de varios choferes": victims, uncounted.
    let of_count = match after {
        [of, rest @ ..] if matches!(*of, "of" | "de") => {
            let victim = rest.iter().find(|w| {
                !matches!(
                    **w,
                    "the" | "a" | "an" | "el" | "la" | "los" | "las" | "un" | "una" | "su" | "sus"
                )
            });
            victim.map(|n| {
                numbers::word(n)
                    .or_else(|| numbers::digits(n))
                    .ok_or(n.ends_with('s'))
            })
        }
        _ => None,
    };
    let dead = match prev {
        _ if is(words[p], &MASSACRE_NOUNS) => None,
        Some("multiple" | "multiples" | "varios") => None,
        _ if matches!(of_count, Some(Ok(_))) => of_count.and_then(Result::ok),
        _ if matches!(of_count, Some(Err(true))) => None,
        Some("doble" | "double") => Some(2.0),
        Some("triple") => Some(3.0),
        _ => Some(1.0),
    };
    Some((p, dead))
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
        assert_eq!(
            statement_in("they shot a woman to death in cajeme"),
            Some(1)
        );
        assert_eq!(statement_in("he arrives dead at the hospital"), Some(1));
        assert_eq!(statement_in("they take his life with bullets"), Some(1));
        assert_eq!(statement_in("they find a body in the river"), Some(3));
        assert_eq!(statement_in("hallan cadaver en hacienda arriba"), Some(1));
        assert_eq!(statement_in("human remains abandoned in el orito"), Some(1));
        assert_eq!(
            statement_in("cuelgan el cuerpo de un hombre en puente peatonal de fresnillo"),
            Some(2)
        );
        assert!(statement_in("violence claimed the lives of three police officers").is_some());
        assert!(statement_in("la balacera cobro la vida de dos jovenes").is_some());
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

    #[test]
    fn one_killing_told_by_its_noun() {
        let lone = |s: &str| {
            let w = words(s);
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            lone_killing(&w).map(|(_, n)| n)
        };
        assert_eq!(lone("another murder in a shopping plaza"), Some(Some(1.0)));
        assert_eq!(
            lone("se registra doble homicidio en un bar de celaya"),
            Some(Some(2.0))
        );
        assert_eq!(lone("the acosta family massacre"), Some(None));
        assert_eq!(lone("mexico's homicide rate falls"), None);
        assert_eq!(lone("arrested for murder in tijuana"), None);
        assert_eq!(lone("la ejecucion de una orden de aprehension"), None);
        assert_eq!(lone("executions 2010"), None);
        assert_eq!(lone("investigating us teen's death as homicide"), None);
        assert_eq!(lone("por la ejecucion de dos personas"), Some(Some(2.0)));
        assert_eq!(lone("they murder father and son"), None);
        assert_eq!(lone("armed men murder taxi driver"), None);
        assert_eq!(lone("a double murder is recorded"), Some(Some(2.0)));
        assert_eq!(
            lone("reportan ejecucion de cortadores de limon"),
            Some(None)
        );
        assert_eq!(
            lone("homicide of food delivery man in cajeme"),
            Some(Some(1.0))
        );
    }

    #[test]
    fn people_found_hanging_from_a_bridge_are_dead_but_a_banner_is_not() {
        let c = crate::test_util::coded("On the morning of November 18, officials found nine men hanging from a bridge at the turnoff to Luis Moya, Zacatecas.");
        assert_eq!(crate::test_util::kinds(&c), ["massacre"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&9.0));
        assert_eq!(c.events[0].municipality.as_deref(), Some("32025"));
        let c = crate::test_util::coded("A narco banner hanging from a bridge in Culiacán.");
        assert!(c.events.is_empty());
    }

    #[test]
    fn a_day_of_a_month_before_one_body_is_no_count() {
        let c = crate::test_util::coded(
            "On 29 January his body was found in a pond in Ocampo, Michoacán.",
        );
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0));
        // Nor does it make a lone victim plural.
        let c = crate::test_util::coded("A third journalist, José Luis Gamboa, the editor of an online news site, was found stabbed to death in Veracruz on 10 January.");
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0));
    }
}
