//! Place mentions: the states, municipalities and cities a clause names (never inside an
//! actor's name, a street's or a longer proper name), and the state and municipality a
//! clause's mentions support.

use atalaya_core::gazetteer;
use atalaya_core::text::fold;

use crate::actors::actors_in;
use crate::lexicon::NOT_PLACE_BEFORE;
use crate::places::{self, Place};
use crate::tokens::{find_phrases, index_phrases, is, PhraseIndex, Tok};

/// State names (folded, split in words) to look for in running text: Spanish, English and
/// official names only (press abbreviations like "Son." are too ambiguous outside datelines).
pub(crate) fn state_names() -> &'static Vec<(Vec<String>, &'static str)> {
    static V: std::sync::OnceLock<Vec<(Vec<String>, &'static str)>> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let mut v = Vec::new();
        for s in &gazetteer::STATES {
            for n in [s.name, s.name_en, s.name_inegi] {
                let f = fold(n);
                // "Mexico" alone is the country.
                if f == "mexico" {
                    continue;
                }
                v.push((
                    f.split(' ').map(str::to_string).collect::<Vec<String>>(),
                    s.code,
                ));
            }
        }
        for (n, code) in [
            ("estado de mexico", "15"),
            ("edomex", "15"),
            ("state of mexico", "15"),
            ("mexico state", "15"),
        ] {
            v.push((
                n.split(' ').map(str::to_string).collect::<Vec<String>>(),
                code,
            ));
        }
        v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        v
    })
}

pub(crate) fn state_index() -> &'static PhraseIndex<&'static str> {
    static I: std::sync::OnceLock<PhraseIndex<&'static str>> = std::sync::OnceLock::new();
    I.get_or_init(|| {
        let mut v: Vec<_> = state_names()
            .iter()
            .map(|(w, c)| (w.clone(), *c, false))
            .collect();
        // Press abbreviations written in capitals ("BC", "NL", "CDMX"); lowercase they are
        // other words.
        for (a, c) in [
            ("bc", "02"),
            ("bcs", "03"),
            ("cdmx", "09"),
            ("nl", "19"),
            ("slp", "24"),
            ("qroo", "23"),
        ] {
            v.push((vec![a.to_string()], c, true));
        }
        index_phrases(&v)
    })
}

/// One clause of the text, analysed once: its words, the actors and places it names.
pub(crate) struct Clause {
    /// Char span of the quote (the clause as written, dateline included).
    pub(crate) span: (usize, usize),
    pub(crate) toks: Vec<Tok>,
    pub(crate) actors: Vec<&'static str>,
    pub(crate) actor_spans: Vec<(usize, usize)>,
    pub(crate) mentions: Vec<Mention>,
}

impl Clause {
    /// The clause at char `span`, its words `toks`: the actors and places it names. Under
    /// the dateline of a state (`dl_state`) "la capital" is that state's capital.
    pub(crate) fn new(span: (usize, usize), toks: Vec<Tok>, dl_state: Option<&str>) -> Clause {
        let (actors, actor_spans) = actors_in(&toks);
        let mentions = places_in(&toks, &actor_spans, dl_state.is_none_or(|s| s == "09"));
        Clause {
            span,
            toks,
            actors,
            actor_spans,
            mentions,
        }
    }
}

/// A place a clause names: a state or a municipality/city, at word `at`.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub(crate) at: usize,
    pub(crate) len: usize,
    /// The places the name may stand for (one state for a state name).
    pub(crate) places: Vec<Place>,
    /// "desde Cuernavaca", "from Tijuana": where something started, not where it happened.
    pub(crate) origin: bool,
}

/// Words that may stand before a capitalised state name without making it part of a longer
/// proper name: "in Guerrero", "northern Sinaloa" name the state; "Miguel Hidalgo" does not.
const BEFORE_A_STATE: &[&str] = &[
    "in",
    "en",
    "of",
    "de",
    "del",
    "from",
    "desde",
    "and",
    "y",
    "the",
    "el",
    "la",
    "to",
    "a",
    "at",
    "for",
    "para",
    "por",
    "near",
    "cerca",
    "across",
    "on",
    "with",
    "con",
    "between",
    "entre",
    "mexicos",
    "northern",
    "southern",
    "western",
    "eastern",
    "central",
    "north",
    "south",
    "east",
    "west",
    "norte",
    "sur",
    "state",
    "estado",
    "inside",
    "within",
    "into",
    "throughout",
];

/// Words after a name that make it a street's, a district's or a building's.
const STREET_AFTER: &[&str] = &[
    "neighborhood*",
    "neighbourhood*",
    "district*",
    "street*",
    "avenue*",
    "hospital*",
    "stadium*",
    "market*",
    "prison*",
];

/// A clause's words read for places, with the spans of the actors' names in them (a name
/// inside an actor's, such as the "Jalisco" of "Jalisco New Generation Cartel", is none).
struct PlaceScan<'a> {
    toks: &'a [Tok],
    actor_spans: &'a [(usize, usize)],
}

impl PlaceScan<'_> {
    fn inside(&self, i: usize) -> bool {
        self.actor_spans.iter().any(|&(a, b)| a <= i && i < b)
    }

    /// A name inside a capitalised run ("Barrio de la Calzada de Guadalupe") that holds or
    /// follows a street word is part of that name.
    /// "colonia Tenencia Morelos de Morelia" is a neighbourhood of Morelia: past a "de",
    /// only a street word inside the run counts.
    fn street(&self, i: usize) -> bool {
        let toks = self.toks;
        let mut k = i;
        let mut crossed = false;
        while k > 0
            && (toks[k - 1].cap
                || matches!(
                    toks[k - 1].low.as_str(),
                    "de" | "del" | "la" | "las" | "los"
                ))
        {
            k -= 1;
            crossed |= !toks[k].cap;
            if toks[k].cap && NOT_PLACE_BEFORE.contains(&toks[k].low.as_str()) {
                return true;
            }
        }
        !crossed && k > 0 && NOT_PLACE_BEFORE.contains(&toks[k - 1].low.as_str())
    }

    /// "the Guadalupe neighbourhood", "el barrio Hidalgo" (before: `street`).
    fn street_after(&self, e: usize) -> bool {
        self.toks.get(e).is_some_and(|t| is(&t.low, STREET_AFTER))
    }

    /// "desde Cuernavaca", "from Tijuana", "the border with Tabasco", "límites con
    /// Jalisco": a landmark or a starting point, not where the event is.
    fn origin(&self, i: usize) -> bool {
        let toks = self.toks;
        (i > 0 && matches!(toks[i - 1].low.as_str(), "desde" | "from"))
            || (i > 1
                && matches!(toks[i - 1].low.as_str(), "with" | "con")
                && is(
                    &toks[i - 2].low,
                    &["border*", "frontera*", "limit*", "limite*"],
                ))
    }

    /// The "Hidalgo" of "Dolores Hidalgo" or "Miguel Hidalgo" is part of a longer name.
    /// A capital at the start of a sentence is no evidence ("Suma Guerrero 30 muertos"),
    /// unless the two words are a city's name.
    fn in_name(&self, i: usize) -> bool {
        let toks = self.toks;
        i > 0
            && (i > 1 || places::is_city(&format!("{} {}", toks[0].low, toks[1].low)))
            && toks[i - 1].cap
            && !toks[i - 1].sep_after
            && !is(&toks[i - 1].low, BEFORE_A_STATE)
    }

    /// State names, marking their words `taken`.
    fn states(&self, taken: &mut [bool]) -> Vec<Mention> {
        let toks = self.toks;
        let mut found = find_phrases(toks, state_index());
        // State names are proper nouns: require a capital ("Guerrero", not "guerrero").
        found.retain(|&(i, n, _)| {
            !self.inside(i)
                && toks[i].cap
                && !self.street(i)
                && !self.street_after(i + n)
                && !self.in_name(i)
        });
        let mut out: Vec<Mention> = Vec::new();
        for (i, n, c) in &found {
            let (i, n) = (*i, *n);
            taken[i..i + n].iter_mut().for_each(|t| *t = true);
            out.push(Mention {
                at: i,
                len: n,
                places: vec![Place {
                    state: c,
                    municipality: None,
                    implies_state: true,
                }],
                origin: self.origin(i),
            });
        }
        out
    }

    /// Municipalities and cities in the words not `taken`, each by its longest name.
    fn towns(&self, taken: &mut [bool], out: &mut Vec<Mention>) {
        let toks = self.toks;
        let mut buf = String::new();
        let mut i = 0;
        while i < toks.len() {
            if taken[i] || self.inside(i) || !toks[i].cap {
                i += 1;
                continue;
            }
            // "la capital", "the capital": the country's capital, unless it is a state's.
            if toks[i].low == "zocalo" {
                out.push(Mention {
                    at: i,
                    len: 1,
                    places: vec![Place {
                        state: "09",
                        municipality: None,
                        implies_state: true,
                    }],
                    origin: false,
                });
                i += 1;
                continue;
            }
            let max = places::max_words(&toks[i].low);
            let mut step = 1;
            for n in (1..=max.min(toks.len() - i)).rev() {
                if (i..i + n).any(|k| taken[k]) {
                    continue;
                }
                buf.clear();
                for (k, t) in toks[i..i + n].iter().enumerate() {
                    if k > 0 {
                        buf.push(' ');
                    }
                    buf.push_str(&t.low);
                }
                // "Nuevo León" is a state, not the city of León.
                if i > 0 && toks[i - 1].low == "nuevo" {
                    continue;
                }
                let p = places::lookup(&buf);
                // Part of a longer proper name ("Pedro Ruiz", "Ruiz Massieu", "Tijuana
                // Cartel"): a person or an organisation, not the place.
                let name_before = i > 0
                    && toks[i - 1].cap
                    && !toks[i - 1].sep_after
                    && !taken[i - 1]
                    && (i > 1 || toks[i - 1].low.len() > 3);
                let name_after = i + n < toks.len()
                    && !toks[i + n - 1].sep_after
                    && toks[i + n].cap
                    && !taken[i + n]
                    && places::max_words(&toks[i + n].low) == 0;
                // A capital at the start of a sentence is no evidence of a name: there only
                // the cities reporters name count ("Suma Guerrero 30 muertos" sums, it is not
                // Suma, Yucatán; "Palenque en Michoacán" is a cockfight, not Palenque, Chiapas).
                let weak_start = i == 0 && !places::is_city(&buf);
                if p.is_empty() {
                    continue;
                }
                // The longest name decides: "Guadalupe y Calvo Hospital" is no Guadalupe.
                step = n;
                if !self.street(i)
                    && !self.street_after(i + n)
                    && !name_before
                    && !name_after
                    && !weak_start
                {
                    taken[i..i + n].iter_mut().for_each(|t| *t = true);
                    // A municipality no other shares its name with, named as where something
                    // happened ("in Tarimoro", "en Salvatierra"), gives its state.
                    let mut p = p;
                    if p.len() == 1 && i > 0 && matches!(toks[i - 1].low.as_str(), "in" | "en") {
                        p[0].implies_state = true;
                    }
                    out.push(Mention {
                        at: i,
                        len: n,
                        places: p,
                        origin: self.origin(i),
                    });
                }
                break;
            }
            i += step;
        }
    }

    /// "la capital" / "the capital" alone is the national capital: not with another place
    /// named, nor with an adjective ("la capital zacatecana").
    fn capital(&self, capital_is_cdmx: bool, out: &mut Vec<Mention>) {
        let toks = self.toks;
        let other_place = out.iter().any(|m| !m.origin);
        for k in 1..toks.len() {
            if capital_is_cdmx
                && !other_place
                && toks[k].low == "capital"
                && matches!(toks[k - 1].low.as_str(), "la" | "the")
                && toks.get(k + 1).is_none_or(|t| {
                    matches!(
                        t.low.as_str(),
                        "al" | "a"
                            | "y"
                            | "e"
                            | "and"
                            | "on"
                            | "in"
                            | "en"
                            | "el"
                            | "la"
                            | "for"
                            | "con"
                            | "with"
                            | "tras"
                            | "after"
                            | "during"
                            | "durante"
                            | "para"
                            | "por"
                            | "where"
                            | "donde"
                            | "que"
                            | "when"
                            | "cuando"
                            | "on-"
                    )
                })
                && !toks.get(k + 1).is_some_and(|t| {
                    matches!(t.low.as_str(), "of" | "del" | "de" | "state" | "estatal")
                })
                && !(k >= 2 && matches!(toks[k - 2].low.as_str(), "state" | "its"))
            {
                out.push(Mention {
                    at: k,
                    len: 1,
                    places: vec![Place {
                        state: "09",
                        municipality: None,
                        implies_state: true,
                    }],
                    origin: false,
                });
            }
        }
    }
}

/// States named in a clause (gazetteer names, never inside an actor's name such as the
/// "Jalisco" of "Jalisco New Generation Cartel"), and municipalities and cities named,
/// in text order. `capital_is_cdmx`: "la capital" is Mexico City (no state's dateline).
pub(crate) fn places_in(
    toks: &[Tok],
    actor_spans: &[(usize, usize)],
    capital_is_cdmx: bool,
) -> Vec<Mention> {
    let scan = PlaceScan { toks, actor_spans };
    let mut taken = vec![false; toks.len()];
    let mut out = scan.states(&mut taken);
    scan.towns(&mut taken, &mut out);
    scan.capital(capital_is_cdmx, &mut out);
    out.sort_by_key(|m| m.at);
    out
}

/// The state a clause's mentions support, first by position; origins and landmarks do not
/// count. In "El Salto, Fresnillo" or "Juárez, Nuevo León" the larger unit comes last and
/// gives the state.
pub(crate) fn clause_state(mentions: &[Mention]) -> Option<&'static str> {
    let strong = |m: &Mention| m.places.first().is_some_and(|p| p.implies_state);
    let ms: Vec<&Mention> = mentions.iter().filter(|m| !m.origin).collect();
    for (k, m) in ms.iter().enumerate() {
        if let Some(next) = ms.get(k + 1).filter(|n| n.at == m.at + m.len) {
            if strong(next) {
                return Some(next.places[0].state);
            }
        }
        if strong(m) {
            return Some(m.places[0].state);
        }
    }
    None
}

/// The municipality a clause names inside `state`.
pub(crate) fn clause_municipality(mentions: &[Mention], state: &str) -> Option<&'static str> {
    mentions
        .iter()
        .filter(|m| !m.origin)
        .find_map(|m| {
            m.places
                .iter()
                .find(|p| p.state == state && p.municipality.is_some())
        })
        .and_then(|p| p.municipality)
}
