//! Place mentions: the states, municipalities and cities a clause names (never inside an
//! actor's name, a street's or a longer proper name), and the state and municipality a
//! clause's mentions support.

use atalaya_core::gazetteer;
use atalaya_core::text::fold;

use crate::actors::actors_in;
use crate::lexicon::{
    BEFORE_A_STATE, BORDER_WORDS, FLED_WORDS, LOCALITY_STARTS, MUNICIPALITY_WORDS, NATIVE_OF,
    NOT_PLACE_BEFORE, PREMISES_AFTER, PROTEST, SAID_AT, STATE_CAPITAL_AFTER, STREET_AFTER,
};
use crate::places::{self, Place};
use crate::tokens::{find_phrases, index_phrases, is, PhraseIndex, Tok};

/// State names (folded, split in words) to look for in running text: Spanish, English and
/// official names only (press abbreviations like "Son." are too ambiguous outside datelines).
fn state_names() -> &'static Vec<(Vec<String>, &'static str)> {
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

/// State names by their first word, with the press abbreviations that must be capitals.
fn state_index() -> &'static PhraseIndex<&'static str> {
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
        let mut mentions = places_in(&toks, &actor_spans, dl_state.is_none_or(|s| s == "09"));
        if let Some(st) = dl_state.filter(|s| *s != "09") {
            localities_of_the_dateline(&toks, st, &mut mentions);
            namesakes_of_the_dateline(st, &mut mentions);
        }
        crate::learned::apply_priors(&toks, &mut mentions);
        let (mut actors, mut actor_spans) = (actors, actor_spans);
        if let Some(p) = town_police(&toks, &mentions) {
            if !actors.iter().any(|a| {
                matches!(
                    *a,
                    "Municipal police" | "State police" | "Federal government"
                )
            }) {
                actors.push("Municipal police");
                actor_spans.push((p, p + 1));
            }
        }
        Clause {
            span,
            toks,
            actors,
            actor_spans,
            mentions,
        }
    }
}

/// A town's police ("la policía de Isla", "the police of Tepetongo", "Isla police"): the
/// municipal police, at the word `policía`.
fn town_police(toks: &[Tok], mentions: &[Mention]) -> Option<usize> {
    let town_at = |k: usize, end: bool| {
        mentions.iter().any(|m| {
            (if end { m.at + m.len == k } else { m.at == k })
                && !m.places.is_empty()
                && m.places.iter().all(|p| p.municipality.is_some())
        })
    };
    (0..toks.len()).find(|&p| {
        matches!(toks[p].low.as_str(), "policia" | "police")
            && (matches!(
                toks.get(p + 1).map(|t| t.low.as_str()),
                Some("de" | "del" | "of")
            ) && (town_at(p + 2, false)
                || toks.get(p + 2).is_some_and(|t| t.low == "the") && town_at(p + 3, false))
                || town_at(p, true))
    })
}

/// The place of state `st` among a name's places, alone and implying its state.
fn choose_state(p: &mut Vec<Place>, st: Option<&'static str>) {
    if let Some(k) = st.and_then(|st| p.iter().position(|x| x.state == st)) {
        p.swap(0, k);
        p.truncate(1);
        p[0].implies_state = true;
    }
}

/// Under a state's dateline ("Zacatecas (México), 12 sep (EFE)"), a city's name that is
/// also a municipality of that state ("Guadalupe", Nuevo León's city and Zacatecas's
/// municipality) names the dateline state's.
fn namesakes_of_the_dateline(dl_state: &str, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        let city_elsewhere = m
            .places
            .first()
            .is_some_and(|p| p.implies_state && p.state != dl_state);
        let here = m
            .places
            .iter()
            .find(|p| p.state == dl_state)
            .map(|p| p.state);
        if city_elsewhere && here.is_some() {
            choose_state(&mut m.places, here);
        }
    }
}

/// Under a state's dateline ("Culiacán, Sin."), a name with an article that is a
/// municipality only elsewhere ("en La Cruz", also Chihuahua's) is a locality of the
/// dateline's state, no place of another: it leaves the state to the dateline.
fn localities_of_the_dateline(toks: &[Tok], dl_state: &str, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        let article = matches!(toks[m.at].low.as_str(), "la" | "el" | "los" | "las");
        let elsewhere = m
            .places
            .iter()
            .all(|p| p.municipality.is_some() && p.state != dl_state);
        // "La Cruz, Chihuahua": its state named after it.
        let state_after = toks.get(m.at + m.len).is_some_and(|t| {
            toks[m.at + m.len - 1].sep_after
                && atalaya_core::gazetteer::state_by_name(&t.low).is_some()
        });
        if article && elsewhere && !state_after && m.len > 1 {
            let name: Vec<&str> = toks[m.at..m.at + m.len]
                .iter()
                .map(|t| t.low.as_str())
                .collect();
            if !places::is_city(&name.join(" ")) {
                m.origin = true;
            }
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

/// "the western Mexico city of Apatzingán": a Mexican city, not Mexico City.
fn a_mexican_city_of(toks: &[Tok], i: usize) -> bool {
    toks[i].low == "mexico"
        && toks.get(i + 1).is_some_and(|t| t.low == "city")
        && toks.get(i + 2).is_some_and(|t| t.low == "of")
}

/// Words that may stand capitalised before a place in a title-case headline ("Shot Dead In
/// Culiacán"): no part of a longer name.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "en", "at", "of", "de", "del", "the", "from", "near", "and", "y", "on", "to", "for",
    "with", "con", "por", "outside", "inside", "into",
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

    /// A name told as one of Mexico City's boroughs ("alcaldía Cuauhtémoc", "delegación
    /// Benito Juárez", "the Cuauhtémoc borough") is that borough, even a name too common to
    /// be a place on its own: its length in words and its code.
    fn borough_at(&self, i: usize) -> Option<(usize, &'static str)> {
        let toks = self.toks;
        let before = i > 0 && matches!(toks[i - 1].low.as_str(), "alcaldia" | "delegacion");
        (1..=3.min(toks.len() - i)).rev().find_map(|n| {
            let after = toks.get(i + n).is_some_and(|t| t.low == "borough");
            if !(before || after) || !toks[i].cap {
                return None;
            }
            let name: Vec<&str> = toks[i..i + n].iter().map(|t| t.low.as_str()).collect();
            places::borough(&name.join(" ")).map(|c| (n, c))
        })
    }

    /// A place's name that names cartels joined with another's: "the Sinaloa and Jalisco
    /// cartels", "the Juarez and Sinaloa cartels", "los cárteles de Sinaloa y Jalisco".
    fn joined_cartels(&self, i: usize, n: usize) -> bool {
        let toks = self.toks;
        // Punctuation ends the name: "Salinas Victoria, Nuevo León: Cartel del Noreste…".
        let cartel = |k: usize| {
            k > 0
                && !toks[k - 1].sep_after
                && toks.get(k).is_some_and(|t| t.low.starts_with("cartel"))
        };
        let joint = |k: usize| {
            toks.get(k)
                .is_some_and(|t| matches!(t.low.as_str(), "and" | "y"))
        };
        let name = |k: usize| toks.get(k).is_some_and(|t| t.cap);
        // Forward: "Sinaloa and Jalisco cartels"; the other name may be two words long.
        let after = i + n;
        let forward = cartel(after)
            || joint(after)
                && name(after + 1)
                && (cartel(after + 2) || name(after + 2) && cartel(after + 3));
        // Backward: "cárteles de Sinaloa y Jalisco", with either name.
        let de_cartels = |k: usize| k >= 2 && toks[k - 1].low == "de" && cartel(k - 2);
        let backward = de_cartels(i)
            || i >= 2
                && joint(i - 1)
                && (name(i - 2) && de_cartels(i - 2)
                    || i >= 3 && name(i - 3) && name(i - 2) && de_cartels(i - 3));
        forward || backward
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
        // "del monumento a Juárez al zócalo", "the monument to Juárez": a hero's name.
        let monument = k > 1
            && matches!(toks[k - 1].low.as_str(), "a" | "to")
            && matches!(
                toks[k - 2].low.as_str(),
                "monumento" | "monument" | "estatua" | "statue" | "hemiciclo"
            );
        monument || !crossed && k > 0 && NOT_PLACE_BEFORE.contains(&toks[k - 1].low.as_str())
    }

    /// "the Guadalupe neighbourhood", "el barrio Hidalgo" (before: `street`).
    /// "the municipality of Tabasco", "los municipios de Jalpa y Tabasco": a name that is a
    /// state's too names the municipality.
    fn named_a_municipality(&self, i: usize) -> bool {
        let toks = self.toks;
        // (Not "municipalities of Michoacán": the state's.)
        let called = |k: usize, plural: bool| {
            k >= 2
                && matches!(toks[k - 1].low.as_str(), "of" | "de")
                && if plural {
                    matches!(toks[k - 2].low.as_str(), "municipalities" | "municipios")
                } else {
                    matches!(toks[k - 2].low.as_str(), "municipality" | "municipio")
                }
        };
        called(i, false)
            || i > 0
                && matches!(toks[i - 1].low.as_str(), "and" | "y")
                && (i.saturating_sub(6)..i)
                    .any(|k| called(k, true) && toks[k..i - 1].iter().all(|t| t.cap || t.sep_after))
    }

    /// A capital at the start of a sentence is no evidence of a name: there only the cities
    /// reporters name count ("Suma Guerrero 30 muertos" sums, it is not Suma, Yucatán;
    /// "Palenque en Michoacán" is a cockfight, not Palenque, Chiapas), or a list item's
    /// place of `n` words, set off before its capitalised sentence ("• Temixco: Gunmen
    /// opened fire…").
    fn weak_start(&self, name: &str, n: usize) -> bool {
        let label = self.toks[n - 1].sep_after && self.toks.get(n).is_some_and(|t| t.cap);
        !(places::is_city(name) || label)
    }

    /// A name at `i..i + n` that names a street, a part of the city or a speaker: "…and
    /// killed, Méndez said" is the prosecutor Luis Joaquín Méndez, not Méndez, Tamaulipas.
    fn names_no_town(&self, i: usize, n: usize) -> bool {
        let toks = self.toks;
        let speaker = n == 1
            && toks.get(i + 1).is_some_and(|t| {
                matches!(
                    t.low.as_str(),
                    "said" | "says" | "told" | "dijo" | "added" | "wrote"
                )
            })
            && !(i > 0 && PLACE_PREPOSITIONS.contains(&toks[i - 1].low.as_str()));
        speaker || self.street(i) || self.part_of_the_city(i + n)
    }

    /// "in Tlaltenango, one of the city's old villages", "en Tlaltenango, una colonia de la
    /// capital": a part of the city told, named like a town elsewhere.
    fn part_of_the_city(&self, e: usize) -> bool {
        let toks = self.toks;
        let w = |k: usize| toks.get(e + k).map_or("", |t| t.low.as_str());
        e > 0
            && toks[e - 1].sep_after
            && (w(0) == "one" && w(1) == "of" && w(2) == "the" && w(3) == "city"
                || matches!(w(0), "a" | "an") && matches!(w(1), "neighborhood" | "neighbourhood")
                || matches!(w(0), "un" | "una")
                    && matches!(w(1), "barrio" | "colonia" | "fraccionamiento"))
    }

    fn street_after(&self, e: usize) -> bool {
        self.toks.get(e).is_some_and(|t| is(&t.low, &STREET_AFTER))
    }

    /// "desde Cuernavaca", "from Tijuana", "the border with Tabasco", "límites con
    /// Jalisco", "flown to Mexico City", "rumbo a Morelia": a landmark, a starting point or
    /// a destination, not where the event is.
    fn origin(&self, i: usize) -> bool {
        let toks = self.toks;
        // "marched to Uruapan's city hall": a march's end is where it happened.
        let marched = i > 1 && is(&toks[i - 2].low, &PROTEST);
        let destination = i > 0
            && !marched
            && (matches!(toks[i - 1].low.as_str(), "toward" | "towards" | "hacia")
                || toks[i - 1].low == "to"
                    // "at the turnoff to Luis Moya": a place on the way, not a destination.
                    && !(i > 1
                        && matches!(
                            toks[i - 2].low.as_str(),
                            "next" | "close" | "near" | "due" | "turnoff" | "turn-off" | "junction"
                        ))
                || toks[i - 1].low == "a" && i > 1 && toks[i - 2].low == "rumbo");
        // "En conferencia de prensa en la Ciudad de México", "at a news conference in
        // Mexico City": where it was said.
        let said_at = i > 0
            && matches!(toks[i - 1].low.as_str(), "in" | "en" | "la" | "el")
            && toks[i.saturating_sub(5)..i]
                .iter()
                .any(|t| is(&t.low, &SAID_AT));
        // "who had fled the Gulf coast state of Veracruz", "huyó de Guerrero": where a
        // person fled from.
        let fled = (i.saturating_sub(7)..i).any(|k| {
            is(&toks[k].low, &FLED_WORDS)
                && !toks[k + 1..i]
                    .iter()
                    .any(|t| matches!(t.low.as_str(), "in" | "en" | "to" | "a" | "hacia"))
        });
        // "a drug boss blamed for hundreds of killings in the border city of Tijuana",
        // "acusado de secuestros en Reynosa": where the charges were, not the event.
        let charged = || {
            (i.saturating_sub(10)..i).any(|k| {
                is(&toks[k].low, &crate::lexicon::CHARGE_WORDS)
                    && !toks[k..i - 1].iter().any(|t| t.sep_after)
            })
        };
        // "corresponsal del Diario de Acayucan", "La Voz de Hueyapan", "El Sol de
        // Zacatecas": a newspaper's name.
        let masthead = i >= 2
            && matches!(toks[i - 1].low.as_str(), "de" | "del")
            && toks[i - 2].cap
            && (is(&toks[i - 2].low, &crate::lexicon::MEDIA_WORDS)
                || matches!(
                    toks[i - 2].low.as_str(),
                    "voz" | "sol" | "heraldo" | "informador"
                ));
        if fled || masthead {
            return true;
        }
        // "originario de Xalapa, Veracruz", "a native of Culiacán": where a person is
        // from, not where anything happened.
        // "nacido en Todos Santos, Baja California Sur", "born in Culiacán": past the
        // names after it.
        let native = (i.saturating_sub(6).max(2)..=i).any(|k| {
            (matches!(toks[k - 1].low.as_str(), "de" | "of") && is(&toks[k - 2].low, &NATIVE_OF)
                || matches!(toks[k - 1].low.as_str(), "en" | "in")
                    && matches!(toks[k - 2].low.as_str(), "nacido" | "nacida" | "born"))
                && toks[k..i].iter().all(|t| t.cap)
        });
        // "The massacre in Torreón came the same day that gunmen killed 13 people in
        // Ciudad Juárez": the place of a deed named again to time the one the clause tells.
        let timing = || {
            i < 6
                && toks
                    .first()
                    .is_some_and(|t| matches!(t.low.as_str(), "the" | "el" | "la"))
                && toks[i + 1..(i + 8).min(toks.len())].windows(2).any(|w| {
                    matches!(
                        w[0].low.as_str(),
                        "came" | "comes" | "occurred" | "followed" | "ocurrio" | "coincidio"
                    ) && !matches!(
                        w[1].low.as_str(),
                        "under" | "to" | "from" | "back" | "out" | "into" | "in" | "en" | "at"
                    )
                })
        };
        if destination || said_at || native || charged() || timing() {
            return true;
        }
        // "Mpio. from Zihuatanejo": a machine translation of "Mpio. de", not a start.
        // "a gang from neighboring Michoacán state": a word may describe the place.
        let from = |k: usize| {
            matches!(toks[k].low.as_str(), "desde" | "from")
                && !(k > 0 && is(&toks[k - 1].low, &MUNICIPALITY_WORDS))
        };
        (i > 0 && from(i - 1))
            || (i > 1
                && matches!(
                    toks[i - 1].low.as_str(),
                    "neighboring" | "neighbouring" | "nearby" | "vecino" | "vecina"
                )
                && from(i - 2))
            || (i > 1
                && matches!(toks[i - 1].low.as_str(), "with" | "con")
                && is(&toks[i - 2].low, &BORDER_WORDS))
    }

    /// Word `i` follows a preposition of where: "in", "en", "at", or names an office's town.
    fn where_at(&self, i: usize) -> bool {
        let toks = self.toks;
        i > 0 && matches!(toks[i - 1].low.as_str(), "in" | "en" | "at")
            || i > 1
                && (office_of(&toks[i - 2].low, &toks[i - 1].low)
                    // "en el municipio de Yehualtepec", "the town of Tlalixcoyan".
                    || matches!(toks[i - 1].low.as_str(), "de" | "of")
                        && is(&toks[i - 2].low, &crate::lexicon::PLACE_NOUNS))
    }

    /// "en la Gustavo A. Madero" (la alcaldía): a name of several words (`n`) at word `i`
    /// after "en la".
    fn after_en_la(&self, i: usize, n: usize) -> bool {
        let toks = self.toks;
        n >= 2
            && i > 1
            && matches!(toks[i - 1].low.as_str(), "la" | "el")
            && matches!(toks[i - 2].low.as_str(), "en" | "in")
    }

    /// Words `i..i + n` follow a capitalised name and a comma and end the clause or a
    /// phrase: "Body found bagged in San Diego el Organal, Huaquechula".
    fn after_locality(&self, i: usize, n: usize) -> bool {
        let toks = self.toks;
        i > 1
            && toks[i - 1].sep_after
            && toks[i - 1].cap
            && (i + n == toks.len() || toks[i + n - 1].sep_after)
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
            && !is(&toks[i - 1].low, &BEFORE_A_STATE)
    }

    /// State names, marking their words `taken`.
    fn states(&self, taken: &mut [bool]) -> Vec<Mention> {
        let toks = self.toks;
        let mut found = find_phrases(toks, state_index());
        // State names are proper nouns: require a capital ("Guerrero", not "guerrero").
        // "the western Mexico state of Michoacán": the state named after it, not the
        // State of Mexico.
        let mexico_state_of = |i: usize, n: usize| {
            n == 2
                && toks[i].low == "mexico"
                && toks[i + 1].low == "state"
                && toks.get(i + 2).is_some_and(|t| t.low == "of")
        };
        found.retain(|&(i, n, _)| {
            !a_mexican_city_of(toks, i)
                && !mexico_state_of(i, n)
                && !self.inside(i)
                && toks[i].cap
                && !self.street(i)
                && !self.street_after(i + n)
                && !self.in_name(i)
                && !self.joined_cartels(i, n)
                && !self.named_a_municipality(i)
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

    /// "Matan a hombre en Comonfort", "en García": a name that is an everyday word or a
    /// hero's surname is the town when it alone follows "en"/"in" or "the municipality of" (not "en Comonfort
    /// Street", "in García Luna's case", "en Centro de Morelia").
    fn generic_town(&self, i: usize, name: &str) -> Vec<Place> {
        let toks = self.toks;
        let alone = i > 0
            && (matches!(toks[i - 1].low.as_str(), "en" | "in") || self.named_a_municipality(i))
            && !toks[i].possessive
            && toks.get(i + 1).is_none_or(|t| {
                toks[i].sep_after || !t.cap && !matches!(t.low.as_str(), "de" | "del" | "of")
            });
        // Only a name one town has: the others stay no place (nor a learned prior's).
        let p = if alone {
            places::lookup_generic(name)
        } else {
            Vec::new()
        };
        if p.len() == 1 {
            p
        } else {
            Vec::new()
        }
    }

    /// The state a press abbreviation at `k` names ("Gto", "Jal.", "Tamps"), when `p` has a
    /// place in it; only the abbreviations that are no other word.
    fn press_state_after(&self, k: usize, p: &[Place]) -> Option<&'static str> {
        const UNAMBIGUOUS: [&str; 18] = [
            "gto", "jal", "mich", "tamps", "chih", "gro", "coah", "dgo", "oax", "qro", "zac",
            "hgo", "yuc", "nay", "ags", "tlax", "chis", "edomex",
        ];
        let t = self.toks.get(k).filter(|t| t.cap)?;
        let st = UNAMBIGUOUS
            .contains(&t.low.as_str())
            .then(|| gazetteer::state_by_name(&t.low))??
            .code;
        p.iter().any(|x| x.state == st).then_some(st)
    }

    /// "Santa Clara Ocoyucan", "San Pedro Cholula": a saint's name (the `n` words at `i`)
    /// right before a municipality's is a locality of that municipality, not the town the
    /// saint's name alone would be.
    fn saint_before_town(&self, i: usize, n: usize) -> bool {
        let toks = self.toks;
        n >= 2
            && matches!(toks[i].low.as_str(), "san" | "santa" | "santo")
            && !toks[i + n - 1].sep_after
            && toks
                .get(i + n)
                .is_some_and(|t| t.cap && !places::lookup(&t.low).is_empty())
    }

    /// "San Juan Chamula": the name at `i` ends a locality named for its saint, so the
    /// capitals before it are no person's name.
    fn saint_locality(&self, i: usize) -> bool {
        let toks = self.toks;
        (i.saturating_sub(3)..i.saturating_sub(1)).any(|k| {
            matches!(toks[k].low.as_str(), "san" | "santa" | "santo")
                && toks[k..i].iter().all(|t| t.cap && !t.sep_after)
        })
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
            // "the Irapuato-Abasolo (road)": two municipalities of one state.
            if let Some(state) = road_between(&toks[i].low) {
                out.push(Mention {
                    at: i,
                    len: 1,
                    places: vec![Place {
                        state,
                        municipality: None,
                        implies_state: true,
                    }],
                    origin: false,
                });
                i += 1;
                continue;
            }
            if let Some((n, code)) = self.borough_at(i) {
                taken[i..i + n].iter_mut().for_each(|t| *t = true);
                out.push(Mention {
                    at: i,
                    len: n,
                    places: vec![Place {
                        state: "09",
                        municipality: Some(code),
                        implies_state: true,
                    }],
                    origin: self.origin(i),
                });
                i += n;
                continue;
            }
            // A name after "en"/"in" is read even when no place name starts with it: it may
            // be an everyday word that is the town there (`generic_town`).
            let after_en = i > 0 && matches!(toks[i - 1].low.as_str(), "en" | "in");
            let max = places::max_words(&toks[i].low).max(usize::from(after_en));
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
                if i > 0 && toks[i - 1].low == "nuevo" || a_mexican_city_of(toks, i) {
                    continue;
                }
                let p = places::lookup(&buf);
                let p = if p.is_empty() && n == 1 {
                    self.generic_town(i, &buf)
                } else {
                    p
                };
                // Most words name no place: test nothing else for them.
                if p.is_empty() {
                    continue;
                }
                // Part of a longer proper name ("Pedro Ruiz", "Ruiz Massieu", "Tijuana
                // Cartel"): a person or an organisation, not the place.
                // Title-case headlines capitalise prepositions: "Shot Dead In Culiacán".
                let name_before = i > 0
                    && !self.saint_locality(i)
                    && toks[i - 1].cap
                    && !toks[i - 1].sep_after
                    && !taken[i - 1]
                    && (i > 1 || toks[i - 1].low.len() > 3)
                    && !PLACE_PREPOSITIONS.contains(&toks[i - 1].low.as_str());
                // Not an article starting a sentence left unpunctuated ("in Uruapan The
                // victim…"), nor after a name of several words ("Apaseo el Grande
                // Community Hospital": the place, not a person).
                // (A city reporters name keeps its name before a capital: "in the Culiacán
                // Peasant Worker" neighbourhood.)
                // "Yuriria Gto: …", "Tlaquepaque, Jal.": the town's state told after it.
                let press = self.press_state_after(i + n, &p);
                let name_after = n == 1
                    && press.is_none()
                    && i + n < toks.len()
                    && (!places::is_city(&buf) || toks[i + n].low == "valley")
                    && !toks[i + n - 1].sep_after
                    && !toks[i + n - 1].possessive
                    && toks[i + n].cap
                    && !taken[i + n]
                    && places::max_words(&toks[i + n].low) == 0
                    // "Acapulco Massacre: …", "Tijuana Shooting": the event's place.
                    && !crate::lexicon::is_in(&toks[i + n].low, &crate::lexicon::KILL_IX)
                    && !is(&toks[i + n].low, &crate::lexicon::ATTACK)
                    // "Fierce Battle in Guamuchil Leaves Six Dead".
                    && !matches!(toks[i + n].low.as_str(), "leaves" | "leave" | "left" | "deja" | "dejan")
                    && !matches!(
                        toks[i + n].low.as_str(),
                        "the" | "a" | "an" | "el" | "la" | "los" | "las" | "un" | "una"
                    );
                // "San José del Carmen", "Colonia Lomas de Tijuana": a locality whose name
                // ends in a town's, not the town.
                let locality_name = i >= 3
                    && matches!(toks[i - 1].low.as_str(), "de" | "del")
                    && (i.saturating_sub(5)..i - 1).any(|k| {
                        toks[k].cap
                            && is(&toks[k].low, &LOCALITY_STARTS)
                            && toks[k + 1..i - 1].iter().all(|t| t.cap && !t.sep_after)
                    });
                let weak_start = i == 0 && press.is_none() && self.weak_start(&buf, n);
                // The longest name decides: "Guadalupe y Calvo Hospital" is no Guadalupe.
                step = n;
                if self.saint_before_town(i, n) {
                    break;
                }
                // "near the Culiacán Seminary", "in Iguala market": a city's building; "the
                // Guadalupe y Calvo Hospital": a town of several words' building.
                let building = toks.get(i + n).is_some_and(|t| is(&t.low, &PREMISES_AFTER));
                let city_premises = building && (n >= 2 || places::is_city(&buf));
                if !self.names_no_town(i, n)
                    && (!self.street_after(i + n) || city_premises)
                    && !name_before
                    && (!name_after || city_premises)
                    && !weak_start
                    && !locality_name
                    && !self.joined_cartels(i, n)
                {
                    taken[i..i + n].iter_mut().for_each(|t| *t = true);
                    // A municipality no other shares its name with, named as where something
                    // happened ("in Tarimoro", "en Salvatierra") or as the municipality of a
                    // locality ("San Diego el Organal, Huaquechula"), gives its state.
                    let mut p = p;
                    choose_state(&mut p, press);
                    // "the main garden of Santiago Maravatío": a name of several words
                    // after "of" names its place.
                    // ("Girlfriend of La Unión Tepito gang member": a name with an
                    // article may be a gang's).
                    let long_of = n >= 2
                        && i > 0
                        && matches!(toks[i - 1].low.as_str(), "of" | "de" | "del")
                        && !matches!(toks[i].low.as_str(), "la" | "el" | "los" | "las");
                    if p.len() == 1
                        && (self.where_at(i)
                            || self.after_locality(i, n)
                            || self.after_en_la(i, n)
                            || long_of
                            || building && n >= 2)
                    {
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

    /// "la capital zacatecana", "the Zacatecan capital": that state's capital.
    fn demonym_capital(&self, out: &mut Vec<Mention>) {
        let toks = self.toks;
        for k in 0..toks.len() {
            if toks[k].low != "capital" {
                continue;
            }
            let beside = [k.checked_sub(1), Some(k + 1)];
            let Some(code) = beside
                .into_iter()
                .flatten()
                .find_map(|j| toks.get(j).and_then(|t| places::demonym_capital(&t.low)))
            else {
                continue;
            };
            if out.iter().any(|m| m.at <= k && k < m.at + m.len) {
                continue;
            }
            out.push(Mention {
                at: k,
                len: 1,
                places: vec![Place {
                    state: &code[..2],
                    municipality: Some(code),
                    implies_state: true,
                }],
                origin: self.origin(k),
            });
        }
    }

    /// "la capital" / "the capital" alone is the national capital: not with another place
    /// named, nor with an adjective ("la capital zacatecana").
    fn capital(&self, capital_is_cdmx: bool, out: &mut Vec<Mention>) {
        let toks = self.toks;
        self.demonym_capital(out);
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
                && !toks
                    .get(k + 1)
                    .is_some_and(|t| is(&t.low, &STATE_CAPITAL_AFTER))
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
/// A hyphenated pair of municipalities of one state ("irapuato-abasolo", a road between
/// them): that state.
fn road_between(word: &str) -> Option<&'static str> {
    let (a, b) = word.split_once('-')?;
    let (a, b) = (places::states_named(a), places::states_named(b));
    let shared: Vec<&'static str> = a.iter().filter(|s| b.contains(s)).copied().collect();
    // Both ends in one state, and that the only one they share.
    match shared[..] {
        [state] => Some(state),
        _ => None,
    }
}

/// The places words name, as read before any learned prior (for training the priors).
pub(crate) fn unresolved_places(toks: &[Tok]) -> Vec<Mention> {
    let (_, actor_spans) = actors_in(toks);
    places_in(toks, &actor_spans, true)
}

fn places_in(toks: &[Tok], actor_spans: &[(usize, usize)], capital_is_cdmx: bool) -> Vec<Mention> {
    let scan = PlaceScan { toks, actor_spans };
    let mut taken = vec![false; toks.len()];
    let mut out = scan.states(&mut taken);
    scan.towns(&mut taken, &mut out);
    scan.capital(capital_is_cdmx, &mut out);
    out.sort_by_key(|m| m.at);
    // "desde Cuernavaca, Morelos", "originario de Xalapa, Veracruz": the state after an
    // origin is the origin's.
    for k in 1..out.len() {
        let (prev, m) = (&out[k - 1], &out[k]);
        if prev.origin && m.at == prev.at + prev.len && toks[m.at - 1].sep_after {
            out[k].origin = true;
        }
    }
    drop_localities_of(toks, &mut out);
    out
}

/// "en La Cruz, cabecera del municipio de Elota", "in El Pozo, in the municipality of
/// Guasave": the name before is a locality of the municipality named, not a town of the
/// same name in another state.
fn drop_localities_of(toks: &[Tok], out: &mut Vec<Mention>) {
    let municipality_of = |m: &Mention| {
        m.at >= 2
            && matches!(toks[m.at - 1].low.as_str(), "de" | "of")
            && matches!(
                toks[m.at - 2].low.as_str(),
                "municipio" | "municipality" | "mpio"
            )
            && m.places.len() == 1
    };
    let Some(k) = out.iter().position(municipality_of) else {
        return;
    };
    let (state, start) = (out[k].places[0].state, out[k].at - 2);
    out.retain(|e| {
        let end = e.at + e.len;
        let locality = end <= start
            && start - end <= 5
            && e.places
                .iter()
                .all(|p| p.municipality.is_some() && p.state != state)
            && !toks[end..start]
                .iter()
                .any(|t| matches!(t.low.as_str(), "y" | "and" | "o" | "or"));
        !locality
    });
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

/// "el alcalde de Tacámbaro", "the mayor of Tacámbaro": the words before a place that name
/// it as an office's town.
pub(crate) fn office_of(office: &str, of: &str) -> bool {
    matches!(of, "de" | "of") && crate::lexicon::is_in(office, &crate::lexicon::OFFICIALS_IX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    /// Under a Zacatecas dateline, "Guadalupe" is Zacatecas's, not Nuevo León's city.
    #[test]
    fn a_citys_namesake_in_the_datelines_state() {
        let c = code(
            "Zacatecas (México), 12 sep (EFE).- Soldados que realizaban un recorrido en la comunidad de Ermita de Guadalupe fueron agredidos a balazos desde una vivienda.",
            d("2022-09-12"),
            Lang::Es,
        );
        assert_eq!(c.events[0].state.as_deref(), Some("32"), "{:?}", c.events);
    }

    /// A newspaper's name ("corresponsal del Diario de Acayucan") places nothing; the killed
    /// "junto con otras dos personas" are three.
    #[test]
    fn a_newspapers_name_places_nothing() {
        let c = code(
            "Acayucan (México), 23 ago (EFE).- El periodista Cándido Ríos Vázquez, corresponsal del Diario de Acayucan y fundador del semanario La Voz de Hueyapan, fue asesinado a tiros la tarde del martes junto con otras dos personas en el municipio de Hueyapan de Ocampo, en el sureño estado mexicano de Veracruz.",
            d("2017-08-23"),
            Lang::Es,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].municipality.as_deref(), Some("30073"));
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&3.0));
    }

    #[test]
    fn one_event_per_listed_state_not_per_mention() {
        let c = code(
            "Blockades with burning trucks were reported on Monday in Sonora and Sinaloa.",
            d("2020-03-04"),
            Lang::En,
        );
        let mut st: Vec<_> = c.events.iter().map(|e| e.state.clone().unwrap()).collect();
        st.sort();
        assert_eq!(st, ["25", "26"]);
        // A neighbouring state named as a landmark is not a second place.
        let c = code(
            "Gunmen killed two men on Monday in Michoacán, near the border with Jalisco.",
            d("2020-03-04"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].state.as_deref(), Some("16"));
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&2.0));
        // The state inside a cartel's name is not a place.
        let c = code(
            "Jalisco New Generation Cartel gunmen ambushed soldiers in Guerrero on Monday.",
            d("2020-03-04"),
            Lang::En,
        );
        assert_eq!(c.events[0].state.as_deref(), Some("12"));
        assert_eq!(c.events[0].kind, EventKind::AttackOnForces);
        assert_eq!(c.events[0].actors[0], "CJNG");
    }

    #[test]
    fn a_borough_is_mexico_citys() {
        for t in [
            "Gunmen killed a man in the Cuauhtémoc borough on Sunday.",
            "Asesinan a un hombre en la alcaldía Cuauhtémoc el domingo.",
            "Asesinan a un hombre en la delegación Benito Juárez el domingo.",
        ] {
            let c = code(t, d("2013-08-24"), Lang::Auto);
            assert_eq!(c.events[0].state.as_deref(), Some("09"), "{t}");
            assert!(c.events[0].municipality.is_some(), "{t}");
        }
    }

    #[test]
    fn states_naming_joined_cartels_are_no_places() {
        for t in [
            "The killing of 11 people in a Chiapas village is the latest atrocity in a war between the Sinaloa and Jalisco cartels.",
            "La guerra entre los cárteles de Sinaloa y Jalisco dejó 11 muertos en Chiapas.",
        ] {
            let c = code(t, d("2024-05-20"), Lang::Auto);
            let states: Vec<_> = c.events.iter().map(|e| e.state.as_deref()).collect();
            assert_eq!(states, [Some("07")], "{t}");
        }
        // A headline's place before a colon is still a place.
        let c = code(
            "Salinas Victoria, Nuevo León: Cartel del Noreste Leaves Human Remains Inside Coolers",
            d("2022-12-21"),
            Lang::En,
        );
        assert_eq!(c.events[0].state.as_deref(), Some("19"));
        // A state named next to one alone is still a place.
        let c = code(
            "Gunmen killed 11 people in Sinaloa and Jalisco.",
            d("2024-05-20"),
            Lang::En,
        );
        assert_eq!(c.events.len(), 2);
    }

    #[test]
    fn places_as_headlines_write_them() {
        assert_eq!(road_between("irapuato-abasolo"), Some("11"));
        assert_eq!(road_between("erongaricuaro-patzcuaro"), Some("16"));
        assert_eq!(road_between("tijuana-ensenada"), Some("02"));
        assert_eq!(road_between("narco-bloqueo"), None);
        for (text, state) in [
            (
                "They shoot to death a seller on the Irapuato-Abasolo",
                Some("11"),
            ),
            (
                "Man dies after shooting attack in Uruapan The victim was shot",
                Some("16"),
            ),
            (
                "Man shot dead at Apaseo el Grande Community Hospital",
                Some("11"),
            ),
            (
                "Body found bagged in San Diego el Organal, Huaquechula",
                Some("21"),
            ),
            (
                "A minor is shot to death in El Coacoyul, Mpio. from Zihuatanejo",
                Some("12"),
            ),
            (
                "Asesinan a estudiante de Universidad de Colima dentro de su auto",
                None,
            ),
            ("Two Men Shot Dead In Culiacán", Some("25")),
            (
                "Mexicali: Chapitos Leave Body Threatening El Ruso",
                Some("02"),
            ),
        ] {
            let c = code(text, d("2021-02-03"), Lang::Auto);
            assert_eq!(c.events[0].state.as_deref(), state, "{text}");
        }
    }

    #[test]
    fn municipalities_resolve_inside_their_state_only() {
        let c = code(
            "Gunmen killed two police officers in Temixco, Morelos, on Monday.",
            d("2021-02-03"),
            Lang::En,
        );
        let e = &c.events[0];
        assert_eq!(
            (e.state.as_deref(), e.municipality.as_deref()),
            (Some("17"), Some("17018"))
        );
        // A major city implies its state.
        let c = code(
            "Soldados detuvieron a tres hombres en Culiacán el lunes.",
            d("2021-02-03"),
            Lang::Es,
        );
        let e = event(&c, EventKind::Arrest);
        assert_eq!(
            (e.state.as_deref(), e.municipality.as_deref()),
            (Some("25"), Some("25006"))
        );
        // A name several states share supports none of them: no guess.
        let c = code(
            "Soldiers arrested three men in Tierra Blanca on Monday.",
            d("2021-02-03"),
            Lang::En,
        );
        let e = event(&c, EventKind::Arrest);
        assert_eq!(
            (e.state.as_deref(), e.municipality.as_deref()),
            (None, None)
        );
        // "colonia Tenencia Morelos" is a neighbourhood of Morelia, not the state.
        let c = code(
            "Pistoleros mataron a dos hombres en la colonia Tenencia Morelos de Morelia el domingo.",
            d("2021-02-03"),
            Lang::Es,
        );
        assert_eq!(c.events[0].state.as_deref(), Some("16"));
        // Where a march came from is not where it happened.
        let c = code(
            "Miles de personas protestaron ayer en la capital tras caminar desde Cuernavaca.",
            d("2021-02-03"),
            Lang::Es,
        );
        assert_eq!(event(&c, EventKind::Protest).state.as_deref(), Some("09"));
    }

    #[test]
    fn headlines_in_the_present_and_places_in_addresses() {
        let st = |t: &str| {
            let c = code(t, d("2021-05-05"), Lang::Auto);
            let mut v: Vec<String> = c.events.iter().filter_map(|e| e.state.clone()).collect();
            v.sort();
            v.dedup();
            (kinds(&c), v)
        };
        assert_eq!(
            st("Matan a seis en una cantina de Moroleón").0,
            ["massacre"]
        );
        assert_eq!(
            st("Ejecutan a tres policías estatales en Sonora").0,
            ["attack_on_forces"]
        );
        assert_eq!(st("Detienen a dos hombres en Tijuana").0, ["arrest"]);
        assert_eq!(st("They kill two men in Celaya").0, ["homicide"]);
        // The larger unit, last, gives the state: "Juárez, Nuevo León", "El Salto, Fresnillo".
        assert_eq!(st("Asesinan a una pareja en Juárez, Nuevo León").1, ["19"]);
        assert_eq!(
            st("Three people are murdered in El Salto, Fresnillo").1,
            ["32"]
        );
        // A neighbourhood or street named after a place is not that place.
        assert_eq!(
            st("They kill a woman in the Guadalupe neighborhood of Celaya").1,
            ["11"]
        );
        // A state's name inside a longer name is not the state.
        assert_eq!(st("They kill a man in Dolores Hidalgo").1, ["11"]);
        assert_eq!(
            st("Gunmen killed a man in the Zacatecas neighborhood of Chihuahua city").1,
            ["08"]
        );
        // A capital at the start of a headline is no evidence of a place name.
        assert_eq!(st("Suma Guerrero 30 muertos").1, ["12"]);
        // States listed with a press abbreviation: one event each.
        assert_eq!(
            st("Asesinan a 23 personas en Michoacán, Guanajuato, BC y Guerrero").1,
            ["02", "11", "12", "16"]
        );
        // A landmark is not where it happened.
        assert_eq!(
            st("Six bodies found in Veracruz; they lay on the border with Tabasco").1,
            ["30"]
        );
    }

    #[test]
    fn whereabouts_unknown_and_a_state_capital() {
        let t = "IGUALA, Gro., 3 de marzo.— El 1 de marzo, hombres armados se llevaron a tres jóvenes de una fiesta; desde entonces se desconoce su paradero.";
        let c = code(t, d("2016-03-03"), Lang::Es);
        let e = event(&c, EventKind::Disappearance);
        assert_eq!(e.date.as_deref(), Some("2016-03-01"));
        assert_eq!(e.state.as_deref(), Some("12"));
        let c = code(
            "Two brothers were taken from their home in Sonora on Friday; their whereabouts are unknown.",
            d("2016-03-07"),
            Lang::En,
        );
        assert!(kinds(&c).contains(&"disappearance"), "{:?}", kinds(&c));
        // Under a state's dateline, "la capital" is that state's capital, not Mexico City.
        let t = "CHILPANCINGO, Gro., 5 de abril.— Manifestantes incendiaron ayer la sede del ayuntamiento de la capital.";
        let c = code(t, d("2016-04-05"), Lang::Es);
        assert_eq!(event(&c, EventKind::Arson).state.as_deref(), Some("12"));
        let t = "MÉXICO, 5 de abril.— Miles de manifestantes protestaron ayer en la capital.";
        let c = code(t, d("2016-04-05"), Lang::Es);
        assert_eq!(event(&c, EventKind::Protest).state.as_deref(), Some("09"));
    }

    #[test]
    fn the_larger_unit_named_last_gives_the_state() {
        let c = clause("Asesinan a una pareja en Juárez, Nuevo León");
        assert_eq!(clause_state(&c.mentions), Some("19"));
        let c = clause("Gunmen killed two police officers in Temixco, Morelos, on Monday.");
        assert_eq!(clause_state(&c.mentions), Some("17"));
        assert_eq!(clause_municipality(&c.mentions, "17"), Some("17018"));
    }

    /// A deed named again with its place to time the one the clause tells: that place is
    /// not the new deed's.
    #[test]
    fn the_place_of_a_deed_named_to_time_another_is_not_its_place() {
        for text in [
            "The attack in Torreon came the same day that gunmen killed 13 people at a party in Ciudad Juarez.",
            "La masacre en Torreón ocurrió el mismo día en que un comando mató a 13 jóvenes en Ciudad Juárez.",
        ] {
            let c = clause(text);
            let places: Vec<bool> = c.mentions.iter().map(|m| m.origin).collect();
            assert_eq!(places, [true, false], "{text}");
        }
        let c = clause("The army in Sinaloa came under fire near Culiacán.");
        assert!(c.mentions.iter().all(|m| !m.origin));
    }

    #[test]
    fn origins_are_marked_and_names_inside_actors_are_no_places() {
        let c = clause("Miles marcharon desde Cuernavaca hasta Morelia");
        let m: Vec<(usize, bool)> = c.mentions.iter().map(|m| (m.at, m.origin)).collect();
        assert_eq!(m, [(3, true), (5, false)]);
        assert_eq!(clause_state(&c.mentions), Some("16"));
        let c = clause("Jalisco New Generation Cartel gunmen attacked police in Guerrero");
        let states: Vec<&str> = c.mentions.iter().map(|m| m.places[0].state).collect();
        assert_eq!(states, ["12"]);
    }

    /// Everyday words that are short forms of a municipality ("las playas", "suma") name
    /// no place on their own.
    #[test]
    fn everyday_short_forms_name_no_place() {
        let state = |t: &str| kinds_and_states(t).into_iter().next().and_then(|(_, s)| s);
        assert_eq!(
            state(
                "ACAPULCO, Gro.— Un turista fue asesinado a balazos en la Península de las Playas."
            )
            .as_deref(),
            Some("12")
        );
    }

    #[test]
    fn a_municipality_named_as_one_or_before_its_event_gives_its_state() {
        let state = |t: &str| kinds_and_states(t).into_iter().next().and_then(|(_, s)| s);
        assert_eq!(
            state("Matan a un hombre en el municipio de Tlalixcoyan").as_deref(),
            Some("30")
        );
        assert_eq!(
            state("Hallan cadáver en la barranca de Yehualtepec").as_deref(),
            Some("21")
        );
        assert_eq!(
            state("Ataque a balazos deja 2 muertos en el centro de Cuitzeo").as_deref(),
            Some("16")
        );
        assert_eq!(
            state("Celaya Massacre: 6 People Killed at a Party").as_deref(),
            Some("11")
        );
        // Names as reporters shorten them: "Heroica Ciudad de Huajuapan de León".
        assert_eq!(state("Ejecutan a dos en Huajuapan").as_deref(), Some("20"));
        // Every state capital and the cities reporters name alone.
        for (city, st) in [("Tepic", "18"), ("Parral", "08"), ("Ciudad Acuña", "05")] {
            assert_eq!(
                state(&format!("Matan a dos en {city}")).as_deref(),
                Some(st),
                "{city}"
            );
        }
        assert_eq!(
            state("Gunmen kill a businessman in San Pedro de Garza").as_deref(),
            Some("19")
        );
    }

    #[test]
    fn a_mexican_city_of_is_no_mexico_city() {
        let c = coded(
            "Drones dropped explosives on an army patrol in the western Mexico city of Apatzingán",
        );
        assert_eq!(c.events[0].state.as_deref(), Some("16"));
    }

    #[test]
    fn a_city_before_a_capitalised_neighbourhood_is_the_city_and_the_riviera_maya_is_quintana_roo()
    {
        assert_eq!(
            clause_state(&clause("Shots kill a young man in the Culiacán Peasant Worker").mentions),
            Some("25")
        );
        assert_eq!(
            clause_state(
                &clause("Asesinan a dos hombres cerca de un hotel en la Riviera Maya").mentions
            ),
            Some("23")
        );
        // "the Juárez Valley" is a region, not the city.
        assert_eq!(
            clause_state(&clause("They find a lifeless person in the Juárez Valley").mentions),
            None
        );
    }

    #[test]
    fn a_place_before_a_headlines_verb_of_leaving_dead_is_the_place() {
        assert_eq!(
            clause_state(&clause("Fierce Battle in Guamuchil Leaves Six Dead").mentions),
            Some("25")
        );
    }

    #[test]
    fn a_town_named_like_a_state_before_its_state_is_no_list() {
        let states: Vec<Option<String>> =
            kinds_and_states("They find the body of a blanketed person in Morelos, Zacatecas")
                .into_iter()
                .map(|(_, s)| s)
                .collect();
        assert_eq!(states, [Some("32".to_string())]);
    }

    #[test]
    fn a_citys_building_and_a_long_name_after_of_give_their_state() {
        for (text, st) in [
            (
                "They locate a man shot to death near the Culiacán Seminary",
                "25",
            ),
            (
                "They execute a merchant in front of the fox in Iguala market",
                "12",
            ),
            (
                "Two people are murdered one block from the main garden of Santiago Maravatío",
                "11",
            ),
        ] {
            assert_eq!(clause_state(&clause(text).mentions), Some(st), "{text}");
        }
        // A name with an article after "of" may be a gang's.
        let c = clause("Girlfriend of La Unión Tepito gang member killed in Mexico City");
        assert_eq!(clause_state(&c.mentions), Some("09"));
    }

    #[test]
    fn a_locality_of_the_municipality_named_is_no_town_elsewhere() {
        // La Cruz is also a municipality of Chihuahua.
        let c = clause("fue privada de la libertad por hombres armados en La Cruz, cabecera del municipio de Elota.");
        assert_eq!(clause_state(&c.mentions), Some("25"));
        assert_eq!(clause_municipality(&c.mentions, "25"), Some("25008"));
        // Two places joined are both kept: the first still gives the state.
        let c = clause("ataques en Tijuana y en el municipio de Elota");
        assert_eq!(clause_state(&c.mentions), Some("02"));
    }

    #[test]
    fn a_locality_named_after_a_town_is_not_the_town() {
        let c = coded("Matan a cinco en la comunidad de San Juan del Carmen, en el municipio de Tarimoro, Guanajuato");
        assert_eq!(c.events[0].state.as_deref(), Some("11"));
        assert_eq!(c.events[0].municipality.as_deref(), Some("11039"));
        // "Lomas de Chapultepec" is a Mexico City neighbourhood, not Chapultepec, Edomex.
        let c = coded("Un ataque armado en Lomas de Chapultepec dejó dos escoltas muertos.");
        assert_ne!(c.events[0].state.as_deref(), Some("15"));
    }

    #[test]
    fn where_it_was_said_is_not_where_it_happened() {
        let c = coded("En conferencia de prensa en la Ciudad de México, el vocero detalló que fueron detenidas cuatro personas en Torreón.");
        assert_eq!(c.events[0].state.as_deref(), Some("05"));
    }

    /// A state's demonym beside "capital" names that capital, in either language.
    #[test]
    fn a_demonym_capital_is_that_states_capital() {
        for text in [
            "They execute a man in the La Toma neighborhood in the Zacatecan capital",
            "Dejan cabeza humana en colonia de la capital zacatecana",
        ] {
            let e = &coded(text).events[0];
            assert_eq!(
                (e.state.as_deref(), e.municipality.as_deref()),
                (Some("32"), Some("32056")),
                "{text}"
            );
        }
    }

    /// "the western Mexico state of Michoacán" is Michoacán, not the State of Mexico.
    #[test]
    fn a_mexico_state_of_is_the_state_named() {
        let c = coded("Gunmen burst into an illegal cockfight in the western Mexico state of Michoacán and killed 20 people.");
        assert_eq!(c.events[0].state.as_deref(), Some("16"));
        let c = coded("Gunmen killed 20 people in Mexico state on Sunday.");
        assert_eq!(c.events[0].state.as_deref(), Some("15"));
    }

    /// Where a victim is from is not where the killing happened.
    #[test]
    fn a_victims_home_is_no_place_of_the_event() {
        let c = coded("Los cuerpos de cuatro estudiantes, uno de ellos originario de Xalapa, Veracruz, fueron hallados en Huejotzingo, Puebla.");
        assert_eq!(c.events[0].state.as_deref(), Some("21"), "{:?}", c.events);
        let c = clause("Miles marcharon desde Cuernavaca, Morelos, hasta Morelia");
        assert!(c.mentions.iter().take(2).all(|m| m.origin));
        // Nor where a victim was born, past the state that follows the town.
        let c = coded("MONTERREY, N.L.— Murió Javier Arredondo, nacido en Todos Santos, Baja California Sur, en un enfrentamiento entre militares y pistoleros.");
        assert_eq!(c.events[0].state.as_deref(), Some("19"), "{:?}", c.events);
        // Nor is a car's registration.
        let c = coded("En Cuernavaca, Morelos, los agentes encontraron tres cuerpos dentro de un auto con placas de Guerrero.");
        assert_eq!(c.events[0].state.as_deref(), Some("17"), "{:?}", c.events);
    }

    /// Where someone fled from is not where the event happened.
    #[test]
    fn where_someone_fled_from_is_no_place_of_the_event() {
        let c = coded("A photojournalist who had fled the Gulf coast state of Veracruz was among five people found shot to death in a Mexico City apartment.");
        assert_eq!(c.events[0].state.as_deref(), Some("09"), "{:?}", c.events);
    }

    #[test]
    fn an_everyday_name_alone_after_en_is_the_town() {
        let st = states;
        assert_eq!(
            st("Asesinan a pareja en Comonfort"),
            [Some("11".to_string())]
        );
        // A street, a name going on, or a town's centre is not the town.
        assert_eq!(
            st("Balacera en calle Comonfort de Celaya")[0].as_deref(),
            Some("11")
        );
        assert_eq!(
            st("Matan a tiros a hombre en Centro de Morelia; agresores huyen a pie")[0].as_deref(),
            Some("16")
        );
        // Escobedo is also General Escobedo's name: no state by the name alone.
        assert_eq!(st("Matan a hombre en Escobedo"), [None]);
    }

    #[test]
    fn a_press_abbreviation_after_a_town_gives_its_state() {
        for (t, st) in [
            (
                "Yuriria Gto: Son of Deputy Attorney General Assassinated",
                "11",
            ),
            (
                "Gabriel Zamora, Mich: 7 Executed, 5 Women + 2 Men and More",
                "16",
            ),
        ] {
            assert_eq!(states(t), [Some(st.to_string())], "{t}");
        }
    }

    #[test]
    fn a_towns_police_is_the_municipal_police() {
        for text in [
            "Asesinan a jefe de la policía de Isla, Veracruz",
            "Matan al director de la policía de Tepetongo, Zacatecas",
            "Celaya police officer killed",
        ] {
            let c = coded(text);
            assert_eq!(c.events[0].actors, ["Municipal police"], "{text}");
        }
    }

    #[test]
    fn a_saints_name_before_a_municipality_is_no_other_town() {
        let st = states;
        // Not Santa Clara, Durango: a locality of Ocoyucan (in Puebla, or a namesake).
        assert_eq!(
            st("Asesinan a tiros a dos hombres en Santa Clara Ocoyucan"),
            [None]
        );
        // A municipality's own name of several words is still the municipality.
        assert_eq!(
            st("Matan a dos en San Pedro Cholula"),
            [Some("21".to_string())]
        );
        // A town of several words before one of its buildings gives its state.
        assert_eq!(
            st("A man is murdered when leaving the Guadalupe y Calvo Hospital"),
            [Some("08".to_string())]
        );
    }

    #[test]
    fn a_long_municipality_name_after_en_la_gives_its_state() {
        let c =
            crate::test_util::coded("Balacera en la Gustavo A. Madero deja un muerto y un herido");
        assert_eq!(c.events[0].municipality.as_deref(), Some("09005"));
        // States named as a comparison's origin are no states the event happens in.
        let c = crate::test_util::coded("In Mexico City, his followers set buses and cars on fire across avenues in the borough, an image more familiar from Tamaulipas or Michoacán.");
        assert!(
            c.events.iter().all(|e| e.state.as_deref() == Some("09")),
            "{:?}",
            c.events
        );
        // A region in one state gives it.
        let c = crate::test_util::coded("Sierra Tarahumara: 4 Executed w Heads Left in Coolers");
        assert_eq!(c.events[0].state.as_deref(), Some("08"));
        // A nickname's number counts no one.
        let c = crate::test_util::coded("La Plaza's El Mocho Executed & El 18 Arrested");
        assert!(c
            .events
            .iter()
            .all(|e| e.measures.get("arrested") != Some(&18.0)));
        let c = crate::test_util::coded("Degollado y calcinado en Romita");
        assert_eq!(crate::test_util::kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].state.as_deref(), Some("11"));
    }
}
