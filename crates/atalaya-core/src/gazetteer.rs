//! Mexico's 32 states (INEGI codes, names, short forms, land adjacency) and the municipal
//! catalog. States are built in; municipalities come from a catalog the caller loads.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use crate::text::fold;

/// One federal entity. `code` is the 2-digit INEGI `cve_ent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub code: &'static str,
    /// Common Spanish name, with accents ("Michoacán").
    pub name: &'static str,
    /// INEGI's official name ("Michoacán de Ocampo").
    pub name_inegi: &'static str,
    /// English name where it differs ("Mexico City", "State of Mexico").
    pub name_en: &'static str,
    /// Short forms used by the press and by data sets (AP/press abbreviations, SESNSP,
    /// OCVED codes, elcrimen.mx codes, svg-maps ids are kept separately).
    pub aliases: &'static [&'static str],
    /// Two-letter OCVED code ("JC").
    pub abbr: &'static str,
    /// Three-letter id used by the @svg-maps/mexico map ("jal").
    pub svg_id: &'static str,
}

macro_rules! st {
    ($code:expr, $name:expr, $inegi:expr, $en:expr, $abbr:expr, $svg:expr, [$($alias:expr),* $(,)?]) => {
        State { code: $code, name: $name, name_inegi: $inegi, name_en: $en, abbr: $abbr, svg_id: $svg, aliases: &[$($alias),*] }
    };
}

pub static STATES: [State; 32] = [
    st!(
        "01",
        "Aguascalientes",
        "Aguascalientes",
        "Aguascalientes",
        "AS",
        "agu",
        ["Ags", "Ags."]
    ),
    st!(
        "02",
        "Baja California",
        "Baja California",
        "Baja California",
        "BC",
        "bcn",
        ["B.C.", "BC", "Baja California Norte"]
    ),
    st!(
        "03",
        "Baja California Sur",
        "Baja California Sur",
        "Baja California Sur",
        "BS",
        "bcs",
        ["B.C.S.", "BCS"]
    ),
    st!(
        "04",
        "Campeche",
        "Campeche",
        "Campeche",
        "CC",
        "cam",
        ["Camp.", "Camp"]
    ),
    st!(
        "05",
        "Coahuila",
        "Coahuila de Zaragoza",
        "Coahuila",
        "CL",
        "coa",
        ["Coah.", "Coah"]
    ),
    st!("06", "Colima", "Colima", "Colima", "CM", "col", ["Col."]),
    st!(
        "07",
        "Chiapas",
        "Chiapas",
        "Chiapas",
        "CS",
        "chp",
        ["Chis.", "Chis", "Chps"]
    ),
    st!(
        "08",
        "Chihuahua",
        "Chihuahua",
        "Chihuahua",
        "CH",
        "chh",
        ["Chih.", "Chih"]
    ),
    st!(
        "09",
        "Ciudad de México",
        "Ciudad de México",
        "Mexico City",
        "DF",
        "cmx",
        [
            "CDMX",
            "CD. MX.",
            "Distrito Federal",
            "D.F.",
            "DF",
            "Mexico City",
            "Mexico D.F.",
            "México D.F.",
            "Ciudad de Mexico",
            "City of Mexico"
        ]
    ),
    st!(
        "10",
        "Durango",
        "Durango",
        "Durango",
        "DG",
        "dur",
        ["Dgo.", "Dgo"]
    ),
    st!(
        "11",
        "Guanajuato",
        "Guanajuato",
        "Guanajuato",
        "GT",
        "gua",
        ["Gto.", "Gto"]
    ),
    st!(
        "12",
        "Guerrero",
        "Guerrero",
        "Guerrero",
        "GR",
        "gro",
        ["Gro.", "Gro"]
    ),
    st!(
        "13",
        "Hidalgo",
        "Hidalgo",
        "Hidalgo",
        "HG",
        "hid",
        ["Hgo.", "Hgo"]
    ),
    st!(
        "14",
        "Jalisco",
        "Jalisco",
        "Jalisco",
        "JC",
        "jal",
        ["Jal.", "Jal"]
    ),
    st!(
        "15",
        "Estado de México",
        "México",
        "State of Mexico",
        "MC",
        "mex",
        [
            "Edomex",
            "Edo. Méx.",
            "Edo. de México",
            "Estado de Mexico",
            "Méx.",
            "Mex.",
            "Mexico State",
            "State of México",
            "México state"
        ]
    ),
    st!(
        "16",
        "Michoacán",
        "Michoacán de Ocampo",
        "Michoacan",
        "MN",
        "mic",
        ["Mich.", "Mich"]
    ),
    st!("17", "Morelos", "Morelos", "Morelos", "MS", "mor", ["Mor."]),
    st!(
        "18",
        "Nayarit",
        "Nayarit",
        "Nayarit",
        "NT",
        "nay",
        ["Nay.", "Nay"]
    ),
    st!(
        "19",
        "Nuevo León",
        "Nuevo León",
        "Nuevo Leon",
        "NL",
        "nle",
        ["N.L.", "NL"]
    ),
    st!(
        "20",
        "Oaxaca",
        "Oaxaca",
        "Oaxaca",
        "OC",
        "oax",
        ["Oax.", "Oax"]
    ),
    st!(
        "21",
        "Puebla",
        "Puebla",
        "Puebla",
        "PL",
        "pue",
        ["Pue.", "Pue"]
    ),
    st!(
        "22",
        "Querétaro",
        "Querétaro",
        "Queretaro",
        "QT",
        "que",
        ["Qro.", "Qro", "Querétaro de Arteaga"]
    ),
    st!(
        "23",
        "Quintana Roo",
        "Quintana Roo",
        "Quintana Roo",
        "QR",
        "roo",
        ["Q. Roo", "Q.R.", "QRoo"]
    ),
    st!(
        "24",
        "San Luis Potosí",
        "San Luis Potosí",
        "San Luis Potosi",
        "SP",
        "slp",
        ["S.L.P.", "SLP"]
    ),
    st!(
        "25",
        "Sinaloa",
        "Sinaloa",
        "Sinaloa",
        "SL",
        "sin",
        ["Sin.", "Sin"]
    ),
    st!("26", "Sonora", "Sonora", "Sonora", "SR", "son", ["Son."]),
    st!(
        "27",
        "Tabasco",
        "Tabasco",
        "Tabasco",
        "TC",
        "tab",
        ["Tab.", "Tab"]
    ),
    st!(
        "28",
        "Tamaulipas",
        "Tamaulipas",
        "Tamaulipas",
        "TS",
        "tam",
        ["Tamps.", "Tamps", "Tams."]
    ),
    st!(
        "29",
        "Tlaxcala",
        "Tlaxcala",
        "Tlaxcala",
        "TL",
        "tla",
        ["Tlax.", "Tlax"]
    ),
    st!(
        "30",
        "Veracruz",
        "Veracruz de Ignacio de la Llave",
        "Veracruz",
        "VZ",
        "ver",
        ["Ver.", "Ver", "Veracruz-Llave"]
    ),
    st!(
        "31",
        "Yucatán",
        "Yucatán",
        "Yucatan",
        "YN",
        "yuc",
        ["Yuc.", "Yuc"]
    ),
    st!(
        "32",
        "Zacatecas",
        "Zacatecas",
        "Zacatecas",
        "ZS",
        "zac",
        ["Zac.", "Zac"]
    ),
];

/// The 67 pairs of states that share a land border (codes, lower first).
pub static ADJACENCY: [(&str, &str); 67] = [
    ("01", "14"),
    ("01", "32"),
    ("02", "03"),
    ("02", "26"),
    ("04", "23"),
    ("04", "27"),
    ("04", "31"),
    ("05", "08"),
    ("05", "10"),
    ("05", "19"),
    ("05", "32"),
    ("06", "14"),
    ("06", "16"),
    ("07", "20"),
    ("07", "27"),
    ("07", "30"),
    ("08", "10"),
    ("08", "25"),
    ("08", "26"),
    ("09", "15"),
    ("09", "17"),
    ("10", "18"),
    ("10", "25"),
    ("10", "32"),
    ("11", "14"),
    ("11", "16"),
    ("11", "22"),
    ("11", "24"),
    ("11", "32"),
    ("12", "15"),
    ("12", "16"),
    ("12", "17"),
    ("12", "20"),
    ("12", "21"),
    ("13", "15"),
    ("13", "21"),
    ("13", "22"),
    ("13", "24"),
    ("13", "29"),
    ("13", "30"),
    ("14", "16"),
    ("14", "18"),
    ("14", "32"),
    ("15", "16"),
    ("15", "17"),
    ("15", "21"),
    ("15", "22"),
    ("15", "29"),
    ("16", "22"),
    ("17", "21"),
    ("18", "25"),
    ("18", "32"),
    ("19", "24"),
    ("19", "28"),
    ("19", "32"),
    ("20", "21"),
    ("20", "30"),
    ("21", "29"),
    ("21", "30"),
    ("22", "24"),
    ("23", "31"),
    ("24", "28"),
    ("24", "30"),
    ("24", "32"),
    ("25", "26"),
    ("27", "30"),
    ("28", "30"),
];

/// The state with this INEGI code ("14", or "1"/"01"/1-style numeric forms).
pub fn state(code: &str) -> Option<&'static State> {
    let n: usize = code.trim().parse().ok()?;
    if (1..=32).contains(&n) {
        Some(&STATES[n - 1])
    } else {
        None
    }
}

fn name_index() -> &'static HashMap<String, &'static State> {
    static INDEX: OnceLock<HashMap<String, &'static State>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = HashMap::new();
        for s in &STATES {
            for name in [s.name, s.name_inegi, s.name_en, s.abbr, s.svg_id]
                .into_iter()
                .chain(s.aliases.iter().copied())
            {
                m.insert(fold(name), s);
            }
        }
        // "México" alone means the state in SESNSP/INEGI tables; the country is never a state.
        m.insert(fold("Mexico"), &STATES[14]);
        m
    })
}

/// Resolves a state name in any common form: Spanish or English, with or without accents,
/// INEGI's official long name, press abbreviations, and the source-specific suffixes
/// ("Sinaloa state", "Estado de Jalisco"). Numeric codes resolve too.
pub fn state_by_name(name: &str) -> Option<&'static State> {
    let trimmed = name.trim();
    if !trimmed.is_empty() && trimmed.chars().all(|c| c.is_ascii_digit()) {
        return state(trimmed);
    }
    let f = fold(trimmed);
    let idx = name_index();
    if let Some(s) = idx.get(&f) {
        return Some(s);
    }
    for suffix in [" state", " estado"] {
        if let Some(base) = f.strip_suffix(suffix) {
            if let Some(s) = idx.get(base) {
                return Some(s);
            }
        }
    }
    for prefix in ["estado de ", "state of ", "edo de "] {
        if let Some(base) = f.strip_prefix(prefix) {
            if let Some(s) = idx.get(base) {
                return Some(s);
            }
        }
    }
    None
}

/// Codes of the states sharing a land border with `code`, sorted.
pub fn neighbours(code: &str) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = ADJACENCY
        .iter()
        .filter_map(|&(a, b)| {
            if a == code {
                Some(b)
            } else if b == code {
                Some(a)
            } else {
                None
            }
        })
        .collect();
    v.sort_unstable();
    v
}

/// One municipality: 5-digit INEGI code (state + municipality) and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    pub code: String,
    pub name: String,
}

/// Municipalities by code and, within a state, by folded name.
#[derive(Debug, Default, Clone)]
pub struct MunicipalCatalog {
    by_code: BTreeMap<String, Municipality>,
    by_name: HashMap<(String, String), String>,
}

/// Why a catalog row was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CatalogError {
    #[error("municipality code {0:?} is not a 5-digit INEGI code of one of the 32 states")]
    BadCode(String),
    #[error("municipality name is empty for code {0}")]
    EmptyName(String),
}

impl MunicipalCatalog {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a municipality; `code` is the 5-digit `cvegeo` ("14039").
    pub fn insert(&mut self, code: &str, name: &str) -> Result<(), CatalogError> {
        let code = code.trim();
        if code.len() != 5
            || !code.bytes().all(|b| b.is_ascii_digit())
            || state(&code[..2]).is_none()
        {
            return Err(CatalogError::BadCode(code.to_string()));
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(CatalogError::EmptyName(code.to_string()));
        }
        self.by_name
            .insert((code[..2].to_string(), fold(name)), code.to_string());
        self.by_code.insert(
            code.to_string(),
            Municipality {
                code: code.to_string(),
                name: name.to_string(),
            },
        );
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    pub fn get(&self, code: &str) -> Option<&Municipality> {
        self.by_code.get(code)
    }

    /// The municipality called `name` in state `state_code`; names repeat across states
    /// (there are many "Benito Juárez"), so the state is required.
    pub fn lookup(&self, state_code: &str, name: &str) -> Option<&Municipality> {
        let mut f = fold(name);
        for suffix in [" municipality", " municipio"] {
            if let Some(base) = f.strip_suffix(suffix) {
                f = base.to_string();
            }
        }
        for prefix in ["municipio de ", "municipality of "] {
            if let Some(base) = f.strip_prefix(prefix) {
                f = base.to_string();
            }
        }
        let code = self.by_name.get(&(state_code.to_string(), f))?;
        self.by_code.get(code)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Municipality> {
        self.by_code.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_resolves_by_each_of_its_names() {
        for s in &STATES {
            for n in [s.code, s.name, s.name_inegi, s.name_en, s.abbr] {
                assert_eq!(state_by_name(n).map(|x| x.code), Some(s.code), "{n}");
            }
            for n in s.aliases {
                assert_eq!(state_by_name(n).map(|x| x.code), Some(s.code), "{n}");
            }
        }
    }

    #[test]
    fn common_forms_resolve() {
        let cases = [
            ("CDMX", "09"),
            ("Mexico City", "09"),
            ("Distrito Federal", "09"),
            ("Ciudad de México", "09"),
            ("Edomex", "15"),
            ("Estado de México", "15"),
            ("México state", "15"),
            ("NL", "19"),
            ("Sin.", "25"),
            ("Gto.", "11"),
            ("Jal.", "14"),
            ("Mich.", "16"),
            ("Tamps.", "28"),
            ("Sinaloa state", "25"),
            ("Michoacán state", "16"),
            ("MICHOACAN DE OCAMPO", "16"),
            ("Nuevo Leon", "19"),
            ("San Luis Potosi state", "24"),
            ("Estado de Jalisco", "14"),
            ("Veracruz de Ignacio de la Llave", "30"),
            ("Coahuila de Zaragoza", "05"),
            ("7", "07"),
        ];
        for (n, c) in cases {
            assert_eq!(state_by_name(n).map(|x| x.code), Some(c), "{n}");
        }
        assert!(state_by_name("Texas").is_none());
        assert!(state_by_name("").is_none());
        assert!(state_by_name("33").is_none());
    }

    #[test]
    fn adjacency_is_symmetric_sorted_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for &(a, b) in &ADJACENCY {
            assert!(a < b && state(a).is_some() && state(b).is_some());
            assert!(seen.insert((a, b)), "duplicate pair {a}-{b}");
        }
        assert_eq!(neighbours("14"), vec!["01", "06", "11", "16", "18", "32"]);
        assert_eq!(neighbours("25"), vec!["08", "10", "18", "26"]);
    }

    #[test]
    fn municipal_lookup_needs_the_state() {
        let mut c = MunicipalCatalog::new();
        c.insert("14039", "Guadalajara").unwrap();
        c.insert("23005", "Benito Juárez").unwrap();
        c.insert("09014", "Benito Juárez").unwrap();
        assert_eq!(c.lookup("14", "guadalajara").unwrap().code, "14039");
        assert_eq!(
            c.lookup("23", "Benito Juarez municipality").unwrap().code,
            "23005"
        );
        assert_eq!(c.lookup("09", "Benito Juárez").unwrap().code, "09014");
        assert!(c.lookup("25", "Guadalajara").is_none());
        assert_eq!(
            c.insert("99001", "X"),
            Err(CatalogError::BadCode("99001".into()))
        );
        assert_eq!(
            c.insert("1403", "X"),
            Err(CatalogError::BadCode("1403".into()))
        );
    }
}
