//! Assembly: what one clause says, read once (its states, counts, figures and filters), and
//! the event each kind it tells makes: the measures that kind takes, the order of its
//! actors, the states it happens in.

use std::collections::BTreeMap;

use atalaya_core::EventKind;

use crate::actors::is_group;
use crate::coder::Lang;
use crate::deaths;
use crate::figures::{figures_in, running_total};
use crate::lexicon::{ARRESTED_PEOPLE, CAPTION_WORDS, DEAD_BODIES, THE_DEAD};
use crate::measures::clause_counts;
use crate::mentions::{clause_state, Clause, Mention};
use crate::numbers;
use crate::tokens::{has, is, Patterns};
use crate::triggers::{hypothetical, trigger_lists};

/// A clause read for events: everything about it that earlier clauses do not change.
pub(crate) struct Reading<'c> {
    pub(crate) clause: &'c Clause,
    pub(crate) words: Vec<&'c str>,
    /// The trigger lists the clause's words are in (`triggers::trigger_lists`).
    pub(crate) trigger_lists: u32,
    /// The clause follows a semicolon: it may continue the one before.
    pub(crate) after_semicolon: bool,
    /// States named alone: `(word, words, state)`.
    pub(crate) named_pos: Vec<(usize, usize, &'static str)>,
    /// "Colima and Guanajuato", "Sonora, Sinaloa y Chihuahua": one event per listed state.
    pub(crate) state_list: Vec<&'static str>,
    /// The state the clause's own mentions support.
    pub(crate) own_state: Option<&'static str>,
    /// The first group the clause names.
    pub(crate) group_here: Option<&'static str>,
    /// A death told without a killing verb ("shot to death", "Hallan cadáver"): its word.
    pub(crate) death: Option<usize>,
    /// A killing told by a singular noun: its word and the dead it says (`lone_killing`);
    /// the document keeps it only where no event came before.
    pub(crate) lone_killing: Option<(usize, Option<f64>)>,
    /// `(measure, value, word)`: one count per measure.
    pub(crate) measures: Vec<(&'static str, f64, usize)>,
    /// Reported aggregates: `(measure, value, unit, scope)`.
    pub(crate) figures: Vec<(&'static str, f64, &'static str, &'static str)>,
    /// No trigger, or a hypothetical, denial or accident: no event.
    pub(crate) hypothetical: bool,
    /// Figures or a running total: an event needs a count of its own.
    pub(crate) aggregate: bool,
    /// The dead a risen toll counts ("the death toll rose to 12").
    pub(crate) toll: Option<f64>,
}

impl<'c> Reading<'c> {
    pub(crate) fn new(clause: &'c Clause, chars: &[char], lang: Lang) -> Self {
        let span = clause.span;
        let words: Vec<&str> = clause.toks.iter().map(|t| t.low.as_str()).collect();
        let after_semicolon =
            chars[..span.0].iter().rev().find(|c| !c.is_whitespace()) == Some(&';');
        let mentions = &clause.mentions;
        // Origins and landmarks ("an image more familiar from Tamaulipas or Michoacán")
        // are no states the event happens in.
        let named_pos: Vec<(usize, usize, &'static str)> = mentions
            .iter()
            .filter(|m| !m.origin && m.places.len() == 1 && m.places[0].municipality.is_none())
            .map(|m| (m.at, m.len, m.places[0].state))
            .collect();
        let state_list = state_list(&words, &named_pos);
        let own_state = clause_state(mentions);
        let group_here = clause.actors.iter().copied().find(|a| is_group(a));
        let death = deaths::statement(&words);
        let lone_killing = deaths::lone_killing(&words);
        let trigger_lists = trigger_lists(&words);
        // "Subió a 20 la cifra de víctimas del ataque": a toll that rose tells the attack.
        let toll = crate::resolve::toll_update(&words);
        let triggered = trigger_lists != 0 || death.is_some() || toll.is_some();
        let measures = clause_counts(clause, &words, death, triggered);
        // Figures are numbers: a clause without one has none.
        let figures = if words.iter().any(|w| numbers::is_number(w)) {
            let town_named = mentions
                .iter()
                .any(|m| !m.origin && m.places.iter().any(|p| p.municipality.is_some()));
            figures_in(&words, &clause.toks, &named_pos, town_named)
        } else {
            Vec::new()
        };
        // A body left with a threat ("Chapitos Leave Body Threatening El Ruso", "dejan
        // cuerpo con mensaje amenazante") is a killing told; the threat is the message's.
        // Asked only of a clause that reads as hypothetical (few do).
        let threat_only = || {
            death.is_some()
                && !hypothetical(
                    &words
                        .iter()
                        .copied()
                        .filter(|w| !is(w, &["threat*", "amenaz*"]))
                        .collect::<Vec<_>>(),
                    lang,
                )
        };
        // "¿Cómo murieron los niños?": a question tells nothing.
        let said = chars.get(span.0..span.1).unwrap_or_default();
        let question = said.iter().rev().find(|c| !c.is_whitespace()) == Some(&'?')
            || said.first() == Some(&'¿');
        // "Photograph: Colleagues carry the coffin…", "FOTO: …": a caption retells.
        let caption = words.first().is_some_and(|w| is(w, &CAPTION_WORDS))
            && clause.toks.first().is_some_and(|t| t.sep_after);
        // '"Two colleagues and friends of mine lost their lives."': a speaker's words
        // that place nothing retell what the report tells.
        // The quote may end in its attribution ('…be killed," a union leader told local
        // media.').
        let opens = said.first().is_some_and(|c| ['"', '“', '«'].contains(c));
        let attribution = || {
            said.iter()
                .skip(1)
                .rposition(|c| ['"', '”', '»'].contains(c))
                .map(|k| said[k + 2..].iter().filter(|c| **c == ' ').count())
        };
        let quoted = opens
            && attribution().is_some_and(|spaces| spaces <= 8)
            && clause.mentions.iter().all(|m| m.origin);
        let hypothetical = !triggered
            || question
            || part_of_the_dead(&words)
            || caption
            || quoted
            || (hypothetical(&unnamed_accidents(&clause.toks, &words), lang) && !threat_only());
        // Only a clause that tells something needs to know (most tell nothing).
        let aggregate = !figures.is_empty() || (triggered && running_total(&words));
        Reading {
            clause,
            words,
            trigger_lists,
            after_semicolon,
            named_pos,
            state_list,
            own_state,
            group_here,
            death,
            lone_killing,
            measures,
            figures,
            hypothetical,
            aggregate,
            toll,
        }
    }
}

/// "Three of the bodies were mummified", "Sólo seis de las víctimas han sido
/// identificadas": a clause about part of the dead told before tells no deed.
fn part_of_the_dead(words: &[&str]) -> bool {
    // "of the dead" near the start first (few clauses), then a number ending right before.
    (1..words.len().min(6)).any(|k| {
        matches!(words[k], "of" | "de")
            && words[k + 1..(k + 3).min(words.len())]
                .iter()
                .find(|w| !matches!(**w, "the" | "los" | "las" | "these" | "estos" | "estas"))
                .is_some_and(|w| is(w, &THE_DEAD) || is(w, &DEAD_BODIES))
            && (0..k.min(3)).any(|s| numbers::number_at(words, s).is_some_and(|(_, j)| j == k))
    })
}

/// The states named in a list ("Colima and Guanajuato", "Sonora, Sinaloa y Chihuahua").
/// The words with a word of accidents capitalised inside a sentence ("Tony Tormenta", "el
/// Cártel del Huracán") left out: a name, not a storm.
fn unnamed_accidents<'a, 'w>(
    toks: &[crate::tokens::Tok],
    words: &'a [&'w str],
) -> std::borrow::Cow<'a, [&'w str]> {
    let named = |p: usize| {
        p > 0 && toks[p].cap && crate::lexicon::is_in(words[p], &crate::lexicon::ACCIDENT_IX)
    };
    if (1..words.len()).any(named) {
        (0..words.len())
            .map(|p| if named(p) { "_" } else { words[p] })
            .collect::<Vec<_>>()
            .into()
    } else {
        words.into()
    }
}

fn state_list(words: &[&str], named_pos: &[(usize, usize, &'static str)]) -> Vec<&'static str> {
    let mut state_list: Vec<&'static str> = Vec::new();
    for w in named_pos.windows(2) {
        let gap = &words[(w[0].0 + w[0].1).min(w[1].0)..w[1].0];
        // "in Morelos, Zacatecas": a municipality named like a state, then its state.
        let town_of_next = gap.is_empty() && {
            let name = words[w[0].0..w[0].0 + w[0].1].join(" ");
            crate::places::states_named(&name).contains(&w[1].2)
        };
        if !town_of_next
            && gap
                .iter()
                .all(|x| matches!(*x, "and" | "y" | "e" | "or" | "o"))
        {
            for c in [w[0].2, w[1].2] {
                if !state_list.contains(&c) {
                    state_list.push(c);
                }
            }
        }
    }
    state_list
}

/// The clause's counts an event of `kind` takes (a seizure takes no dead, an arrest its
/// detainees).
pub(crate) fn kind_measures(
    kind: EventKind,
    measures: &[(&'static str, f64, usize)],
    words: &[&str],
) -> BTreeMap<String, f64> {
    let mut ms = BTreeMap::new();
    for (m, v, _) in measures {
        let fits = match *m {
            "fatalities" | "injured" => !matches!(
                kind,
                EventKind::Arrest
                    | EventKind::Seizure
                    | EventKind::Extradition
                    | EventKind::Protest
                    | EventKind::RoadBlockade
                    | EventKind::LeaderCaptured
                    | EventKind::Kidnapping
                    | EventKind::Disappearance
            ),
            // "extradita a dos hombres detenidos en Tijuana": those handed over.
            "arrested" => {
                kind == EventKind::Arrest
                    || kind == EventKind::Extradition && !measures.iter().any(|x| x.0 == "people")
            }
            "blockades" | "states" => kind == EventKind::RoadBlockade,
            "vehicles_burned" => kind == EventKind::RoadBlockade || kind == EventKind::Arson,
            "businesses_burned" => kind == EventKind::Arson,
            "weapons" | "pills" | "drugs_kg" => kind == EventKind::Seizure,
            "people" => {
                matches!(
                    kind,
                    EventKind::Kidnapping | EventKind::Disappearance | EventKind::Extradition
                ) || (*m == "people"
                    && kind == EventKind::Arrest
                    && !ms.contains_key("arrested")
                    && has(words, &ARRESTED_PEOPLE))
            }
            _ => false,
        };
        if fits {
            let key = if *m == "people" && kind == EventKind::Arrest {
                "arrested"
            } else if kind == EventKind::Extradition {
                "people"
            } else {
                *m
            };
            ms.entry(key.to_string()).or_insert(*v);
        }
    }
    // A list as `dyn Patterns`, not a slice, so that it is matched through its index.
    let (key, triggers): (&str, Option<&dyn Patterns>) = match kind {
        EventKind::Kidnapping => ("people", Some(&crate::lexicon::KIDNAP)),
        EventKind::Disappearance => ("people", Some(&crate::lexicon::DISAPPEAR)),
        EventKind::Arrest => ("arrested", Some(&crate::lexicon::ARREST)),
        EventKind::Extradition => ("people", None),
        _ => return ms,
    };
    // "extradited Osiel Cardenas and 14 other suspected drug traffickers", "detuvo a Juan
    // Pérez y a otras cuatro personas": the one named and the others.
    if let Some(n) = others_joined(words) {
        if ms.get(key).is_none_or(|&v| v == 1.0 || v == n - 1.0) {
            ms.insert(key.to_string(), n);
            return ms;
        }
    }
    // "fue secuestrado", "kidnapped a businessman", "su desaparición", "was arrested": one
    // person taken or held, counted as the shared rules count a lone victim.
    if let Some(triggers) = triggers {
        if !ms.contains_key(key) && one_taken(words, triggers, kind != EventKind::Disappearance) {
            // "…was kidnapped together with two businessmen": the people taken with one too.
            ms.insert(key.to_string(), 1.0 + crate::measures::companions(words, 0));
        }
    }
    ms
}

/// "X and 14 other suspected traffickers", "X y a otras cuatro personas": the others counted
/// and the one named before them, when no count comes before.
fn others_joined(words: &[&str]) -> Option<f64> {
    (3..words.len()).find_map(|k| {
        let (and_at, n) = if matches!(words[k], "other" | "others") && words[k - 2] == "and" {
            (k - 2, crate::numbers::number_at(words, k - 1)?.0)
        } else if matches!(words[k - 1], "otros" | "otras") {
            let y = if words[k - 2] == "a" { k - 3 } else { k - 2 };
            if words[y] != "y" {
                return None;
            }
            (y, crate::numbers::number_at(words, k)?.0)
        } else {
            return None;
        };
        let before = &words[and_at.saturating_sub(5)..and_at];
        (and_at > 0 && !before.iter().any(|w| crate::numbers::is_number(w))).then_some(n + 1.0)
    })
}

/// One person is the object of the deed `triggers` tell: a singular passive ("was
/// kidnapped", "fue detenido", "desapareció"), one person after the verb ("secuestraron a un
/// empresario", "arrested a man") or the deed as someone's ("su secuestro", "his arrest");
/// never beside a plural ("were", "fueron"). (A count told is the clause's own.)
fn one_taken(words: &[&str], triggers: &dyn Patterns, transitive: bool) -> bool {
    let plural = words.iter().any(|w| {
        matches!(
            *w,
            "were" | "fueron" | "han" | "have" | "they" | "ellos" | "ellas"
        )
    });
    if plural {
        return false;
    }
    (0..words.len()).any(|p| {
        if !is(words[p], triggers) {
            return false;
        }
        let prev = if p > 0 { words[p - 1] } else { "" };
        let next = words.get(p + 1).copied().unwrap_or("");
        let after = words.get(p + 2).copied().unwrap_or("");
        // English "a" before a noun; Spanish "a" before "un", "una" (not "a los
        // agresores").
        let english_a = matches!(next, "a" | "an")
            && words
                .iter()
                .any(|w| matches!(*w, "the" | "of" | "in" | "and" | "was" | "from" | "at"))
            && !numbers::is_number(after)
            && !matches!(
                after,
                "few"
                    | "number"
                    | "group"
                    | "dozen"
                    | "los"
                    | "las"
                    | "la"
                    | "el"
                    | "sus"
                    | "su"
                    | "unos"
                    | "unas"
                    | "varios"
                    | "varias"
                    | "todos"
                    | "quienes"
            );
        // "A Zetas gunman arrested in San Luis Potosí told…", "Un hombre detenido en…":
        // the one the clause opens with.
        let reduced = (2..=5).contains(&p)
            && matches!(words[0], "a" | "an" | "un" | "una")
            && !words[1..p]
                .iter()
                .any(|w| numbers::is_number(w) || matches!(*w, "and" | "y" | "of" | "de"));
        // "detuvo a uno de los presuntos agresores", "arrested one of the gunmen".
        let one_of = matches!((next, after), ("a", "uno" | "una") | ("one", "of"))
            && matches!(
                words.get(p + if next == "a" { 3 } else { 2 }),
                Some(&"de" | &"of" | &"the")
            );
        matches!(prev, "was" | "fue" | "his" | "her" | "su")
            || matches!(words[p], "desaparecio")
            || reduced
            || transitive
                && (english_a
                    || one_of
                    || next == "a" && matches!(after, "un" | "una")
                    || matches!(next, "un" | "una"))
    })
}

/// Kinds of violence whose perpetrator is a group: with none named, an earlier one.
pub(crate) fn violent(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::AttackOnForces
            | EventKind::Homicide
            | EventKind::Massacre
            | EventKind::RoadBlockade
            | EventKind::Arson
            | EventKind::Kidnapping
            | EventKind::ExplosiveAttack
            | EventKind::DroneAttack
            | EventKind::Disappearance
    )
}

/// Kinds the forces act in: they come first among the actors.
pub(crate) fn forces_act(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Arrest
            | EventKind::Seizure
            | EventKind::LeaderCaptured
            | EventKind::LeaderKilled
            | EventKind::Extradition
    )
}

/// The actors of an event of `kind`, in order: who acts first (forces in an arrest,
/// groups in an attack), the other side, then the US and civilians where the kind has them.
pub(crate) fn actor_list(
    kind: EventKind,
    found_actors: &[&'static str],
    forces: &[&'static str],
    groups: &[&'static str],
) -> Vec<String> {
    let forces_act = forces_act(kind);
    let mut acts: Vec<String> = Vec::new();
    let (first, second) = if forces_act {
        (&forces, &groups)
    } else {
        (&groups, &forces)
    };
    acts.extend(first.iter().map(|s| s.to_string()));
    if kind != EventKind::RoadBlockade && kind != EventKind::Arson {
        acts.extend(second.iter().map(|s| s.to_string()));
    }
    if kind == EventKind::Extradition {
        // Mexico extradites: its federal government hands the person over.
        if !acts.iter().any(|a| a == "Federal government") {
            acts.insert(0, "Federal government".into());
        }
        acts.push("US government".into());
    } else if forces_act && found_actors.contains(&"US government") {
        acts.push("US government".into());
    }
    if (matches!(
        kind,
        EventKind::Homicide
            | EventKind::Massacre
            | EventKind::Kidnapping
            | EventKind::Disappearance
            | EventKind::Protest
            | EventKind::ExplosiveAttack
            | EventKind::DroneAttack
    ) && forces.is_empty())
        || found_actors.contains(&"Civilians") && violent(kind)
    {
        acts.push("Civilians".into());
    }
    let mut seen = Vec::new();
    acts.retain(|a| {
        let new = !seen.contains(a);
        seen.push(a.clone());
        new
    });
    acts
}

/// The states an event of `kind` happens in, one event each; `target_states` are the
/// clause's (its list of states, or its own, inherited or the document's state).
pub(crate) fn event_states(
    kind: EventKind,
    r: &Reading,
    target_states: &[Option<&'static str>],
) -> Vec<Option<&'static str>> {
    let mentions = &r.clause.mentions;
    // "provocó protestas del gremio en todo el país", "protests across the country":
    // national, whatever town the clause names.
    let w = &r.words;
    let nationwide = w.contains(&"nationwide")
        || w.windows(3).any(|x| {
            matches!(
                x,
                ["todo", "el", "pais"]
                    | ["across", "the", "country"]
                    | ["around", "the", "country"]
            )
        });
    if kind == EventKind::Protest && nationwide {
        return vec![None];
    }
    // Extraditions happen where the text says; else they are national.
    if kind == EventKind::Extradition {
        // The plane leaves from where the text says ("from Ciudad Juárez", "en el
        // aeropuerto de Toluca"); not a state named otherwise ("a former governor of
        // Quintana Roo, was extradited").
        let words = &r.words;
        let all: Vec<Mention> = mentions
            .iter()
            .filter(|m| {
                // "dos hombres detenidos en Tijuana": where they were arrested.
                let arrested = m.at > 1 && is(words[m.at - 2], &crate::lexicon::ARREST);
                m.at > 0
                    && !arrested
                    && (matches!(words[m.at - 1], "from" | "desde" | "in" | "en" | "at")
                        || m.at > 1
                            && matches!(words[m.at - 1], "de" | "of")
                            && is(words[m.at - 2], &["airport", "aeropuerto"]))
            })
            .map(|m| Mention {
                origin: false,
                ..m.clone()
            })
            .collect();
        vec![clause_state(&all)]
    } else if r.state_list.len() >= 2
        && matches!(kind, EventKind::LeaderKilled | EventKind::LeaderCaptured)
    {
        // A leader's fall told beside a list of states ("blockades in Jalisco,
        // Michoacán y Guanajuato after the death of its leader in Tapalpa")
        // happened in one place: the one named outside the list, if any.
        let listed: Vec<usize> = r
            .named_pos
            .iter()
            .filter(|(_, _, c)| r.state_list.contains(c))
            .map(|(at, _, _)| *at)
            .collect();
        vec![mentions
            .iter()
            .filter(|m| !m.origin && !listed.contains(&m.at))
            .find_map(|m| m.places.first().filter(|p| p.implies_state))
            .map(|p| p.state)]
    } else if kind == EventKind::Protest {
        // "protests in Tijuana, … as well as in Mexico City and in Culiacán": one per state.
        let listed = listed_towns_states(r);
        if listed.len() >= 2 {
            listed.into_iter().map(Some).collect()
        } else {
            target_states.to_vec()
        }
    } else {
        target_states.to_vec()
    }
}

/// The states of places named in a list ("in Tijuana, Mexico City and Culiacán", "as well
/// as in Monterrey"), towns and cities included, each once.
fn listed_towns_states(r: &Reading) -> Vec<&'static str> {
    let places: Vec<(&Mention, &'static str)> = r
        .clause
        .mentions
        .iter()
        .filter(|m| !m.origin)
        .filter_map(|m| {
            m.places
                .first()
                .filter(|p| p.implies_state)
                .map(|p| (m, p.state))
        })
        .collect();
    let mut out: Vec<&'static str> = Vec::new();
    for w in places.windows(2) {
        let ((a, sa), (b, sb)) = (w[0], w[1]);
        let gap = &r.words[(a.at + a.len).min(b.at)..b.at];
        let joined = gap.iter().all(|x| {
            matches!(
                *x,
                "and" | "y" | "e" | "in" | "en" | "as" | "well" | "also" | "tambien"
            )
        });
        if joined {
            for st in [sa, sb] {
                if !out.contains(&st) {
                    out.push(st);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    /// Part of the dead told before ("Three of the bodies were mummified") is a detail
    /// of that killing, whatever day the report last named.
    #[test]
    fn part_of_the_dead_tells_no_deed() {
        for text in [
            "Hallan 20 cuerpos en una fosa en Taxco. Tres de los cuerpos estaban momificados.",
            "Workers began pulling bodies from the shaft on 29 May. Police had recovered 20 bodies by Monday. Three of the bodies were mummified.",
        ] {
            let c = coded(text);
            assert!(
                c.events
                    .iter()
                    .all(|e| e.measures.get("fatalities") != Some(&3.0)),
                "{text}: {:?}",
                c.events
            );
        }
    }

    #[test]
    fn one_person_taken_or_held_counts_one() {
        let people = |text: &str, kind: EventKind| {
            let c = crate::test_util::coded(text);
            c.events
                .iter()
                .find(|e| e.kind == kind)
                .and_then(|e| e.measures.get(kind_count(kind)).copied())
        };
        assert_eq!(
            people(
                "He was kidnapped from his ranch in Pedro Escobedo, Querétaro.",
                EventKind::Kidnapping
            ),
            Some(1.0)
        );
        assert_eq!(
            people(
                "An armed cell kidnaps a man from a bar in Cancún.",
                EventKind::Kidnapping
            ),
            Some(1.0)
        );
        assert_eq!(
            people(
                "Asesinan a un abogado en Tijuana; detienen a un sospechoso",
                EventKind::Arrest
            ),
            Some(1.0)
        );
        // Counts told with the arrest's noun, past a word between, or of those in custody.
        for (text, n) in [
            ("On June 10, the state prosecutor's office announced the arrest of six people in Tila.", 6.0),
            ("Su estructura quedó debilitada con la captura de 40 de sus operadores en Jalisco.", 40.0),
            ("La FGR ha detenido además a 16 policías municipales de San Fernando.", 16.0),
            ("National Guard troops raided the ranch in Durango, arresting 10 suspected gunmen and freeing two people who had been held captive there.", 10.0),
        ] {
            assert_eq!(people(text, EventKind::Arrest), Some(n), "{text}");
        }
        // Not the many, nor the victim of what they are held for, nor a verb without object.
        assert_eq!(
            people(
                "Detienen a presuntos responsables de asesinar a un hombre en Celaya",
                EventKind::Arrest
            ),
            None
        );
        assert_eq!(
            people(
                "Gunmen kidnapped the students in Iguala and they were never seen again.",
                EventKind::Kidnapping
            ),
            None
        );
        assert_eq!(
            people(
                "After students disappear in Iguala, a Mexican city tries to turn the page",
                EventKind::Disappearance
            ),
            None
        );
    }

    fn kind_count(kind: EventKind) -> &'static str {
        if kind == EventKind::Arrest {
            "arrested"
        } else {
            "people"
        }
    }

    #[test]
    fn a_leaders_fall_beside_a_list_of_states_happens_in_one_place() {
        let k = kinds_and_states(
            "El Cártel de Jalisco Nueva Generación bloqueó carreteras en Jalisco, Michoacán y Guanajuato el domingo tras la muerte de su líder, abatido el sábado en Tapalpa.",
        );
        let leaders: Vec<_> = k
            .iter()
            .filter(|(k, _)| *k == EventKind::LeaderKilled)
            .collect();
        assert_eq!(
            leaders,
            vec![&(EventKind::LeaderKilled, Some("14".into()))],
            "{k:?}"
        );
        assert_eq!(
            k.iter()
                .filter(|(k, _)| *k == EventKind::RoadBlockade)
                .count(),
            3,
            "{k:?}"
        );
    }

    #[test]
    fn each_kind_takes_its_own_measures() {
        let m = vec![
            ("fatalities", 2.0, 0),
            ("arrested", 3.0, 3),
            ("weapons", 5.0, 6),
        ];
        let got = |k: EventKind| {
            kind_measures(k, &m, &[])
                .into_iter()
                .collect::<Vec<(String, f64)>>()
        };
        assert_eq!(got(EventKind::Arrest), [("arrested".to_string(), 3.0)]);
        assert_eq!(got(EventKind::Seizure), [("weapons".to_string(), 5.0)]);
        assert_eq!(got(EventKind::Homicide), [("fatalities".to_string(), 2.0)]);
        // People counted as detained are the arrested.
        let m = vec![("people", 4.0, 0)];
        let words = ["four", "people", "were", "detained"];
        assert_eq!(
            kind_measures(EventKind::Arrest, &m, &words).get("arrested"),
            Some(&4.0)
        );
    }

    #[test]
    fn actors_are_ordered_by_who_acts() {
        let found = ["Navy", "Gulf Cartel"];
        assert_eq!(
            actor_list(EventKind::Arrest, &found, &["Navy"], &["Gulf Cartel"]),
            ["Navy", "Gulf Cartel"]
        );
        assert_eq!(
            actor_list(
                EventKind::AttackOnForces,
                &found,
                &["Navy"],
                &["Gulf Cartel"]
            ),
            ["Gulf Cartel", "Navy"]
        );
        // Mexico hands the person over to the US; a blockade has no second side.
        assert_eq!(
            actor_list(EventKind::Extradition, &[], &[], &[]),
            ["Federal government", "US government"]
        );
        assert_eq!(
            actor_list(EventKind::RoadBlockade, &found, &["Navy"], &["Gulf Cartel"]),
            ["Gulf Cartel"]
        );
        // Killings with no forces involved are against civilians.
        assert_eq!(
            actor_list(EventKind::Homicide, &[], &[], &["CJNG"]),
            ["CJNG", "Civilians"]
        );
    }

    #[test]
    fn protests_in_listed_cities_are_one_per_state() {
        let k = kinds_and_states(
            "Reporters protested in Tijuana, Mexico City and Culiacán on Tuesday.",
        );
        let states: Vec<Option<&str>> = k.iter().map(|(_, s)| s.as_deref()).collect();
        assert_eq!(states, [Some("02"), Some("09"), Some("25")], "{k:?}");
    }

    /// Protests across the country are national, whatever town the clause names.
    #[test]
    fn protests_across_the_country_have_no_state() {
        for text in [
            "En mayo, el asesinato de Javier Valdez, fundador del semanario Ríodoce, en Culiacán, provocó protestas del gremio en todo el país.",
            "Journalists protested across the country on Monday over the killing of Javier Valdez in Culiacan.",
        ] {
            let c = crate::code(text, crate::test_util::d("2017-08-23"), crate::Lang::Auto);
            let p = c
                .events
                .iter()
                .find(|e| e.kind == EventKind::Protest)
                .expect("a protest");
            assert_eq!(p.state, None, "{text}");
        }
    }
}
