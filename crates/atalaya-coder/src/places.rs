//! Municipalities and major cities: which INEGI municipality (and state) a place name in
//! running text stands for.
//!
//! `MUNICIPALITIES` is generated from the shared `geo/mx_municipios_catalog.csv` (all 2,475
//! municipalities, names folded; "X de Y" names also under their short form "X" when that is
//! unique, e.g. "iguala", "tlajomulco"), with `major` set for the state capitals and the 250
//! municipalities with most events in OCVED 2.0. It is committed source: nothing is read at
//! run time. A name implies its state on its own only when it is a major municipality whose
//! name no other municipality shares, or one of the `CITIES` reporters use; any other name
//! resolves only inside a state the text already supports.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// City names that differ from their municipality's name, and major cities whose
/// municipality name is shared with smaller ones elsewhere: `(folded name, state, municipality)`.
const CITIES: &[(&str, &str, Option<&str>)] = &[
    ("mexico city", "09", None),
    ("ciudad de mexico", "09", None),
    ("cdmx", "09", None),
    ("ciudad juarez", "08", Some("08037")),
    ("juarez", "08", Some("08037")),
    ("los mochis", "25", Some("25001")),
    ("ciudad obregon", "26", Some("26018")),
    ("cancun", "23", Some("23005")),
    ("playa del carmen", "23", Some("23008")),
    ("chetumal", "23", Some("23004")),
    ("ciudad victoria", "28", Some("28041")),
    ("tlaquepaque", "14", Some("14098")),
    ("villahermosa", "27", Some("27004")),
    ("ciudad del carmen", "04", Some("04003")),
    ("oaxaca city", "20", Some("20067")),
    ("tuxtla", "07", Some("07101")),
    ("acapulco", "12", Some("12001")),
    ("iguala", "12", Some("12035")),
    ("ecatepec", "15", Some("15033")),
    ("poza rica", "30", Some("30131")),
    ("guadalupe", "19", Some("19026")),
    ("lazaro cardenas", "16", Some("16052")),
    ("matamoros", "28", Some("28022")),
    ("san fernando", "28", Some("28035")),
    ("nogales", "26", Some("26043")),
    ("cuautla", "17", Some("17006")),
    ("leon", "11", Some("11020")),
    ("culiacan", "25", Some("25006")),
    ("dolores hidalgo", "11", Some("11014")),
    ("miguel hidalgo", "09", Some("09016")),
    ("mazatlan", "25", Some("25012")),
    ("navolato", "25", Some("25018")),
    ("guadalajara", "14", Some("14039")),
    ("zapopan", "14", Some("14120")),
    ("tlajomulco", "14", Some("14097")),
    ("puerto vallarta", "14", Some("14067")),
    ("tijuana", "02", Some("02004")),
    ("mexicali", "02", Some("02002")),
    ("ensenada", "02", Some("02001")),
    ("tecate", "02", Some("02003")),
    ("monterrey", "19", Some("19039")),
    ("apodaca", "19", Some("19006")),
    ("san nicolas de los garza", "19", Some("19046")),
    ("chilpancingo", "12", Some("12029")),
    ("zihuatanejo", "12", Some("12038")),
    ("reynosa", "28", Some("28032")),
    ("nuevo laredo", "28", Some("28027")),
    ("tampico", "28", Some("28038")),
    ("morelia", "16", Some("16053")),
    ("apatzingan", "16", Some("16006")),
    ("uruapan", "16", Some("16102")),
    ("zamora", "16", Some("16108")),
    ("aguililla", "16", Some("16002")),
    ("tulum", "23", Some("23009")),
    ("celaya", "11", Some("11007")),
    ("irapuato", "11", Some("11017")),
    ("salamanca", "11", Some("11027")),
    ("cuernavaca", "17", Some("17007")),
    ("hermosillo", "26", Some("26030")),
    ("cajeme", "26", Some("26018")),
    ("caborca", "26", Some("26017")),
    ("fresnillo", "32", Some("32010")),
    ("coatzacoalcos", "30", Some("30039")),
    ("xalapa", "30", Some("30087")),
    ("cordoba", "30", Some("30044")),
    ("toluca", "15", Some("15106")),
    ("nezahualcoyotl", "15", Some("15058")),
    ("piedras negras", "05", Some("05025")),
    ("torreon", "05", Some("05035")),
    ("saltillo", "05", Some("05030")),
    ("manzanillo", "06", Some("06007")),
];

/// Municipality names that are also everyday words, surnames of national heroes or street
/// names: in running text they name a person or a street far more often than the place.
const GENERIC: &[&str] = &[
    "centro",
    "lopez",
    "garcia",
    "santiago",
    "buenavista",
    "la compania",
    "casas",
    "hidalgo",
    "morelos",
    "guerrero",
    "allende",
    "zaragoza",
    "escobedo",
    "independencia",
    "progreso",
    "reforma",
    "libres",
    "obregon",
    "madero",
    "carranza",
    "aldama",
    "abasolo",
    "jimenez",
    "ocampo",
    "mina",
    "rayon",
    "galeana",
    "bravo",
    "arteaga",
    "cuauhtemoc",
    "colon",
    "victoria",
    "benito juarez",
    "emiliano zapata",
    "miguel aleman",
    "comonfort",
    "la paz",
    "nacional",
    "union",
    "la reforma",
    "libertad",
    "general",
    "san pedro",
    "san juan",
    "san jose",
    "san miguel",
    "santa maria",
    "san martin",
    "san antonio",
    "san lucas",
    "tepic",
    "durango",
    "zacatecas",
    "campeche",
    "colima",
    "tlaxcala",
    "queretaro",
    "puebla",
    "aguascalientes",
    "chihuahua",
    "oaxaca",
    "mexico",
    "tabasco",
    "yucatan",
    "sonora",
];

include!("municipalities.rs");

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

/// What the folded name `name` may stand for: every municipality of that name.
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
        // Surnames and everyday words are not places.
        assert!(lookup("hidalgo").is_empty() && lookup("centro").is_empty());
        assert_eq!(max_words("san"), 6.max(max_words("san")));
        assert_eq!(max_words("the"), 0);
    }
}
