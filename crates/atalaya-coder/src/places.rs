//! Municipalities and major cities: which INEGI municipality (and state) a place name in
//! running text stands for.
//!
//! `MUNICIPALITIES` (`lexicon/places/municipalities.tsv`) is generated from the shared `geo/mx_municipios_catalog.csv` (all 2,475
//! municipalities, names folded; "X de Y" names also under their short form "X" when that is
//! unique, e.g. "iguala", "tlajomulco"), with `major` set for the state capitals and the 250
//! municipalities with most events in OCVED 2.0. It is committed source: nothing is read at
//! run time. A name implies its state on its own only when it is a major municipality whose
//! name no other municipality shares, or one of the `CITIES` reporters use; any other name
//! resolves only inside a state the text already supports.

use std::sync::{LazyLock, OnceLock};

use rustc_hash::FxHashMap;

/// `(folded name, INEGI code, major)` from `lexicon/places/municipalities.tsv`.
static MUNICIPALITIES: LazyLock<Vec<(&'static str, &'static str, bool)>> = LazyLock::new(|| {
    rows(include_str!("../lexicon/places/municipalities.tsv"))
        .map(|r| (r[0], r[1], r[2] == "1"))
        .collect()
});

/// `(folded name, state, municipality)` from `lexicon/places/cities.tsv`.
static CITIES: LazyLock<Vec<(&'static str, &'static str, Option<&'static str>)>> =
    LazyLock::new(|| {
        rows(include_str!("../lexicon/places/cities.tsv"))
            .map(|r| (r[0], r[1], r.get(2).filter(|m| !m.is_empty()).copied()))
            .collect()
    });

/// `demonym → capital's INEGI code` from `lexicon/places/state_capitals.tsv`.
static DEMONYM_CAPITALS: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    rows(include_str!("../lexicon/places/state_capitals.tsv"))
        .map(|r| (r[0], r[1]))
        .collect()
});

/// The capital a state's demonym names beside "capital" ("la capital zacatecana").
pub(crate) fn demonym_capital(word: &str) -> Option<&'static str> {
    DEMONYM_CAPITALS.get(word).copied()
}

/// Names that are not taken as places on their own, from `lexicon/places/generic.txt`.
static GENERIC: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../lexicon/places/generic.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect()
});

/// The tab-separated fields of each data line (not blank, not a `#` comment).
fn rows(file: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    file.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

struct Index {
    /// Folded name → municipalities of that name (several states may share one), each with
    /// its `major` flag.
    by_name: FxHashMap<&'static str, Vec<(&'static str, bool)>>,
    /// `CITIES` by name.
    cities: FxHashMap<&'static str, (&'static str, Option<&'static str>)>,
    /// First words of all names, to skip most words with one lookup.
    first: FxHashMap<&'static str, u8>,
}

fn index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| {
        let mut by_name: FxHashMap<&'static str, Vec<(&'static str, bool)>> = FxHashMap::default();
        let mut first: FxHashMap<&'static str, u8> = FxHashMap::default();
        let names = MUNICIPALITIES
            .iter()
            .map(|(n, c, major)| (*n, *c, *major, false))
            .chain(
                CITIES
                    .iter()
                    .map(|(n, s, m)| (*n, m.unwrap_or(s), false, true)),
            );
        for (n, c, major, city) in names {
            if GENERIC.contains(&n) {
                continue;
            }
            // Cities are looked up on their own; they still start names for `max_words`.
            if !city {
                let v = by_name.entry(n).or_default();
                if !v.iter().any(|(x, _)| *x == c) {
                    v.push((c, major));
                }
            }
            let w = n.split(' ').count().min(255) as u8;
            let f = first.entry(n.split(' ').next().unwrap_or(n)).or_default();
            *f = (*f).max(w);
        }
        let cities = CITIES.iter().map(|(n, s, m)| (*n, (*s, *m))).collect();
        Index {
            by_name,
            cities,
            first,
        }
    })
}

/// A place a name stands for: its state, and its municipality when it names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub state: &'static str,
    pub municipality: Option<&'static str>,
    /// Whether the name alone supports the state (a major city or a unique major name).
    pub implies_state: bool,
}

/// The longest number of words a place name starting with `word` may have (0: none).
pub fn max_words(word: &str) -> usize {
    index().first.get(word).copied().unwrap_or(0) as usize
}

/// Whether `name` is one of the cities reporters name on their own (`CITIES`).
pub fn is_city(name: &str) -> bool {
    index().cities.contains_key(name)
}

/// The states of every municipality named `name`, everyday words and surnames included
/// (for names that can only be places, such as the two ends of a road).
pub fn states_named(name: &str) -> Vec<&'static str> {
    // By name, built once: a scan of every municipality per name had cost 0.8% of the
    // headline benchmark.
    static BY_NAME: LazyLock<FxHashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
        let mut m: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
        let states = MUNICIPALITIES
            .iter()
            .map(|(n, c, _)| (*n, &c[..2]))
            .chain(CITIES.iter().map(|(n, s, _)| (*n, *s)));
        for (n, st) in states {
            m.entry(n).or_default().push(st);
        }
        for v in m.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        m
    });
    BY_NAME.get(name).cloned().unwrap_or_default()
}

/// What the folded name `name` may stand for: every municipality of that name.
/// The Mexico City borough (alcaldía) named `name`, generic names included.
pub fn borough(name: &str) -> Option<&'static str> {
    MUNICIPALITIES
        .iter()
        .find(|(n, c, _)| *n == name && c.starts_with("09"))
        .map(|(_, c, _)| *c)
}

pub fn lookup(name: &str) -> Vec<Place> {
    let codes = index().by_name.get(name);
    if let Some((s, m)) = index().cities.get(name) {
        // The city reporters mean by the name, then its namesakes elsewhere (which a
        // state named next to it can select: "Juárez, Nuevo León").
        let mut out = vec![Place {
            state: s,
            municipality: *m,
            implies_state: true,
        }];
        for (c, _) in codes.into_iter().flatten() {
            if Some(*c) != *m && !c.starts_with(s) {
                out.push(Place {
                    state: &c[..2],
                    municipality: Some(c),
                    implies_state: false,
                });
            }
        }
        return out;
    }
    let Some(codes) = codes else {
        return Vec::new();
    };
    let unique = codes.len() == 1;
    codes
        .iter()
        .map(|(c, major)| Place {
            state: &c[..2],
            municipality: Some(c),
            implies_state: unique && *major,
        })
        .collect()
}

/// The municipalities named `name` when it is one of the everyday words or surnames left
/// out of `lookup` ("Comonfort", "García"): none of them implies its state by the name.
/// "Escobedo" is also General Escobedo's short name, "Madero" Ciudad Madero's.
pub fn lookup_generic(name: &str) -> Vec<Place> {
    static BY_NAME: LazyLock<FxHashMap<&'static str, Vec<Place>>> = LazyLock::new(|| {
        let mut m: FxHashMap<&'static str, Vec<Place>> = FxHashMap::default();
        for (n, c, _) in MUNICIPALITIES.iter() {
            let short = ["general ", "ciudad ", "villa "]
                .iter()
                .find_map(|p| n.strip_prefix(p))
                .filter(|s| GENERIC.contains(s));
            for key in [Some(*n).filter(|n| GENERIC.contains(n)), short]
                .into_iter()
                .flatten()
            {
                m.entry(key).or_default().push(Place {
                    state: &c[..2],
                    municipality: Some(c),
                    implies_state: false,
                });
            }
        }
        m
    });
    BY_NAME.get(name).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cities_and_municipalities() {
        let p = lookup("culiacan");
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].state, p[0].municipality), ("25", Some("25006")));
        assert!(p[0].implies_state);
        // The Juárez reporters mean is Ciudad Juárez; its namesakes stay reachable.
        let p = lookup("juarez");
        assert_eq!(p[0].municipality, Some("08037"));
        assert!(p
            .iter()
            .any(|p| p.municipality == Some("19031") && !p.implies_state));
        // Reporters' names for cities whose municipality is called otherwise.
        assert_eq!(lookup("los mochis")[0].municipality, Some("25001"));
        assert_eq!(lookup("ciudad juarez")[0].municipality, Some("08037"));
        // A small municipality resolves, but only inside a state the text supports.
        let p = lookup("temixco");
        assert_eq!(p[0].municipality, Some("17018"));
        // Names shared by several states imply none of them.
        let p = lookup("tierra blanca");
        assert!(p.len() >= 2 && p.iter().all(|p| !p.implies_state));
        // A short form two municipalities' names begin with names both; an everyday one
        // ("Rincón", "San Luis") names none.
        let p = lookup("cadereyta");
        assert!(p.len() == 2 && p.iter().all(|p| !p.implies_state), "{p:?}");
        assert!(lookup("rincon").is_empty() && lookup("san luis").is_empty());
        // Surnames and everyday words are not places.
        assert!(lookup("hidalgo").is_empty() && lookup("centro").is_empty());
        assert_eq!(max_words("san"), 6.max(max_words("san")));
        assert_eq!(max_words("the"), 0);
    }
}
