//! The actor registry: canonical names of groups and forces, their aliases in the spellings
//! of news text, ACLED, UCDP and OCVED, their kind and, for factions, the parent cartel.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Cartel,
    Faction,
    /// Armed self-defence or community police groups.
    Militia,
    /// Insurgent or political armed groups (EZLN, EPR).
    Rebel,
    StateForce,
    State,
    ForeignState,
    Civilians,
    Official,
    /// A group the source names only generically ("Unidentified Criminal Group").
    Unidentified,
    /// A name found in imported data that the registry does not know yet.
    Unregistered,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Cartel => "cartel",
            ActorKind::Faction => "faction",
            ActorKind::Militia => "militia",
            ActorKind::Rebel => "rebel",
            ActorKind::StateForce => "state_force",
            ActorKind::State => "state",
            ActorKind::ForeignState => "foreign_state",
            ActorKind::Civilians => "civilians",
            ActorKind::Official => "official",
            ActorKind::Unidentified => "unidentified",
            ActorKind::Unregistered => "unregistered",
        }
    }

    /// Whether the actor is a state force or authority (ACLED's inter codes 1 and 3 side).
    pub fn is_state(self) -> bool {
        matches!(
            self,
            ActorKind::StateForce | ActorKind::State | ActorKind::Official
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub name: &'static str,
    pub kind: ActorKind,
    pub parent: Option<&'static str>,
    pub aliases: &'static [&'static str],
}

macro_rules! actor {
    ($name:expr, $kind:ident, $parent:expr, [$($a:expr),* $(,)?]) => {
        Actor { name: $name, kind: ActorKind::$kind, parent: $parent, aliases: &[$($a),*] }
    };
}

/// The built-in registry. The first 24 entries are `shared/eval/actors.tsv`; the rest are
/// groups that UCDP GED and OCVED name, with their spellings.
pub static ACTORS: &[Actor] = &[
    actor!(
        "CJNG",
        Cartel,
        None,
        [
            "Jalisco New Generation Cartel",
            "Cártel de Jalisco Nueva Generación",
            "Cartel Jalisco Nueva Generación",
            "CJNG",
            "Jalisco cartel",
            "cártel de Jalisco",
            "Jalisco Cartel New Generation",
            "Cartel de Jalisco Nueva Generacion",
            "Jalisco New Generation"
        ]
    ),
    actor!(
        "Sinaloa Cartel",
        Cartel,
        None,
        [
            "Sinaloa cartel",
            "Cártel de Sinaloa",
            "cártel de Sinaloa",
            "CDS",
            "Cartel del Pacifico",
            "Pacific Cartel"
        ]
    ),
    actor!(
        "Los Chapitos",
        Faction,
        Some("Sinaloa Cartel"),
        [
            "Chapitos",
            "Los Chapitos",
            "sons of El Chapo",
            "hijos de El Chapo",
            "Sinaloa Cartel - Los Chapitos"
        ]
    ),
    actor!(
        "La Mayiza",
        Faction,
        Some("Sinaloa Cartel"),
        [
            "Mayiza",
            "La Mayiza",
            "Los Mayos",
            "faction of El Mayo",
            "facción de El Mayo",
            "Sinaloa Cartel - Los Mayos"
        ]
    ),
    actor!(
        "Gulf Cartel",
        Cartel,
        None,
        ["Cártel del Golfo", "CDG", "Gulf cartel"]
    ),
    actor!(
        "Cartel del Noreste",
        Cartel,
        // Split from Los Zetas (~2014); the evaluation list files it as its own cartel.
        None,
        [
            "Cártel del Noreste",
            "CDN",
            "Northeast Cartel",
            "Los Zetas - Cártel del Noreste faction"
        ]
    ),
    actor!("Los Zetas", Cartel, None, ["Zetas", "Los Zetas"]),
    actor!(
        "La Familia Michoacana",
        Cartel,
        None,
        [
            "Familia Michoacana",
            "La Familia Michoacana",
            "LFM",
            "La Familia"
        ]
    ),
    actor!(
        "Knights Templar",
        Cartel,
        None,
        [
            "Caballeros Templarios",
            "Los Caballeros Templarios",
            "Knights Templar",
            "Templarios",
            "Templars"
        ]
    ),
    actor!(
        "Carteles Unidos",
        Cartel,
        None,
        ["Cárteles Unidos", "Carteles Unidos"]
    ),
    actor!("Los Viagras", Cartel, None, ["Los Viagras", "Viagras"]),
    actor!(
        "Beltran Leyva",
        Cartel,
        None,
        [
            "Beltrán Leyva",
            "Cártel de los Beltrán Leyva",
            "Beltran Leyva Organization",
            "BLO",
            "Beltrán Leyva Cartel"
        ]
    ),
    actor!(
        "Juarez Cartel",
        Cartel,
        None,
        ["Cártel de Juárez", "Juárez cartel", "La Línea"]
    ),
    actor!(
        "Santa Rosa de Lima Cartel",
        Cartel,
        None,
        [
            "Cártel de Santa Rosa de Lima",
            "CSRL",
            "Santa Rosa de Lima cartel"
        ]
    ),
    actor!("Guerreros Unidos", Cartel, None, ["Guerreros Unidos"]),
    actor!(
        "National Guard",
        StateForce,
        None,
        [
            "Guardia Nacional",
            "National Guard",
            "GN",
            "guardias nacionales"
        ]
    ),
    actor!(
        "Army",
        StateForce,
        None,
        [
            "Ejército",
            "Sedena",
            "SEDENA",
            "Mexican army",
            "army",
            "soldiers",
            "soldados",
            "militares",
            "Defensa",
            "Military Forces of Mexico"
        ]
    ),
    actor!(
        "Navy",
        StateForce,
        None,
        [
            "Marina",
            "Semar",
            "SEMAR",
            "Mexican navy",
            "marines",
            "marinos"
        ]
    ),
    actor!(
        "State police",
        StateForce,
        None,
        [
            "policía estatal",
            "policías estatales",
            "state police",
            "Police Forces of Mexico"
        ]
    ),
    actor!(
        "Municipal police",
        StateForce,
        None,
        [
            "policía municipal",
            "policías municipales",
            "municipal police",
            "local police"
        ]
    ),
    actor!(
        "Federal government",
        State,
        None,
        [
            "gobierno federal",
            "federal government",
            "FGR",
            "Fiscalía General de la República",
            "attorney general",
            "Security ministry",
            "Secretaría de Seguridad",
            "SSPC",
            "Government of Mexico"
        ]
    ),
    actor!(
        "US government",
        ForeignState,
        None,
        [
            "US government",
            "Estados Unidos",
            "United States",
            "Washington",
            "DEA"
        ]
    ),
    actor!(
        "Civilians",
        Civilians,
        None,
        [
            "civilians",
            "civiles",
            "residents",
            "pobladores",
            "Civilians (Mexico)"
        ]
    ),
    actor!(
        "Officials",
        Official,
        None,
        [
            "mayor",
            "alcalde",
            "presidente municipal",
            "governor",
            "gobernador",
            "official",
            "funcionario"
        ]
    ),
    // Groups named by UCDP GED and OCVED.
    actor!(
        "Tijuana Cartel",
        Cartel,
        None,
        [
            "Cártel de Tijuana",
            "Cartel de Tijuana",
            "Arellano Felix Organization",
            "Arellano Felix",
            "AFO"
        ]
    ),
    actor!(
        "Cartel Independiente de Acapulco",
        Faction,
        Some("Beltran Leyva"),
        ["CIDA"]
    ),
    actor!("Los Rojos", Faction, Some("Beltran Leyva"), []),
    actor!("Los Ardillos", Cartel, None, []),
    actor!(
        "Los Tlacos",
        Cartel,
        None,
        ["Cartel de la Sierra", "Tlacos"]
    ),
    actor!(
        "La Nueva Familia Michoacana",
        Cartel,
        None,
        ["La Nueva Familia", "Nueva Familia Michoacana"]
    ),
    actor!("Nueva Plaza Cartel", Cartel, None, ["Cártel Nueva Plaza"]),
    actor!("Caborca Cartel", Cartel, None, ["Cártel de Caborca"]),
    actor!("La Barredora", Faction, Some("Beltran Leyva"), []),
    actor!(
        "La Union de Tepito",
        Cartel,
        None,
        [
            "Unión Tepito",
            "La Unión de Tepito",
            "Union Tepito",
            "Union Tepio"
        ]
    ),
    actor!(
        "Fuerza Anti Unión",
        Cartel,
        None,
        ["Fuerza Anti Unión Tepito"]
    ),
    actor!(
        "Los Aztecas",
        Faction,
        Some("Juarez Cartel"),
        ["Barrio Azteca"]
    ),
    actor!(
        "La Barbie",
        Faction,
        Some("Beltran Leyva"),
        ["Beltrán Leyva Cartel - Valdez Villareal faction"]
    ),
    actor!("Sangre Nueva Zeta", Faction, Some("Los Zetas"), []),
    actor!("Zetas Vieja Escuela", Faction, Some("Los Zetas"), []),
    actor!("Cartel Independiente de Colima", Cartel, None, []),
    actor!("Huachicoleros", Unidentified, None, ["fuel thieves"]),
    actor!(
        "Autodefensas",
        Militia,
        None,
        [
            "Autodefensas Unidas de Michoacán",
            "autodefensas",
            "self-defense groups"
        ]
    ),
    actor!("UPOEG", Militia, None, []),
    actor!("CRAC-PF", Militia, None, []),
    actor!(
        "EZLN",
        Rebel,
        None,
        ["Zapatista Army of National Liberation"]
    ),
    actor!(
        "EPR",
        Rebel,
        None,
        [
            "Ejército Popular Revolucionario",
            "Popular Revolutionary Army"
        ]
    ),
    actor!(
        "Guadalajara Cartel",
        Cartel,
        None,
        ["Cártel de Guadalajara", "Guadalajara cartel"]
    ),
    // OCVED cells, under the cartel OCVED's actor codebook files them (names that are
    // only a person's, like "El Chapo", stay unregistered: text uses them for people).
    actor!(
        "Tijuana Cartel - El Teo",
        Faction,
        Some("Tijuana Cartel"),
        ["Faccion de El Teo", "Facción de El Teo"]
    ),
    actor!(
        "La Nueva Administracion",
        Faction,
        Some("Beltran Leyva"),
        []
    ),
    actor!("La Oficina", Faction, Some("Beltran Leyva"), []),
    actor!("Limpia Mazateca", Faction, Some("Beltran Leyva"), []),
    actor!("Los Pelones", Faction, Some("Beltran Leyva"), []),
    actor!(
        "Nuevo Cartel de la Sierra",
        Faction,
        Some("Beltran Leyva"),
        []
    ),
    actor!("Los Mata Zetas", Faction, Some("CJNG"), ["Matazetas"]),
    actor!("Artistas Asesinos", Faction, Some("Sinaloa Cartel"), []),
    actor!(
        "Los Salazar",
        Faction,
        Some("Sinaloa Cartel"),
        ["Sinaloa Cartel - Los Salazar faction"]
    ),
    actor!("Los Cuervos", Faction, Some("Gulf Cartel"), []),
    actor!("Los Escorpiones", Faction, Some("Gulf Cartel"), []),
    actor!("Los Metros", Faction, Some("Gulf Cartel"), []),
    actor!("Los Linces", Faction, Some("Gulf Cartel"), []),
    actor!("La Mano con Ojos", Faction, Some("La Barbie"), []),
    actor!("La Empresa", Faction, Some("La Familia Michoacana"), []),
    actor!("Banda del Chaparro", Faction, Some("Los Zetas"), []),
    actor!("Los Broncos", Faction, Some("Los Zetas"), []),
    actor!("Los Cotorros", Faction, Some("Los Zetas"), []),
    actor!("Los Lancheros", Faction, Some("Los Zetas"), []),
    actor!("Los Numeros", Faction, Some("Los Zetas"), []),
    actor!(
        "Unidentified criminal group",
        Unidentified,
        None,
        [
            "Unidentified Criminal Group",
            "unidentified gunmen",
            "hombres armados"
        ]
    ),
];

fn index() -> &'static HashMap<String, &'static Actor> {
    static INDEX: OnceLock<HashMap<String, &'static Actor>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = HashMap::new();
        // Later entries never shadow earlier ones: eval's actors.tsv comes first and wins.
        for a in ACTORS {
            for n in std::iter::once(a.name).chain(a.aliases.iter().copied()) {
                m.entry(fold(n)).or_insert(a);
            }
        }
        m
    })
}

/// The registered actor a name denotes, in any known spelling.
pub fn resolve(name: &str) -> Option<&'static Actor> {
    index().get(&fold(name)).copied()
}

/// The canonical name when the registry knows `name`, the trimmed name otherwise: imports
/// keep names the registry does not know rather than dropping or guessing them.
pub fn canonical(name: &str) -> String {
    match resolve(name) {
        Some(a) => a.name.to_string(),
        None => name.trim().to_string(),
    }
}

/// Kind and parent for any name: registered actors from the registry; an unknown
/// "Parent - X faction" name (UCDP's faction convention) as a faction of a known parent.
pub fn describe(name: &str) -> (ActorKind, Option<String>) {
    if let Some(a) = resolve(name) {
        return (a.kind, a.parent.map(str::to_string));
    }
    if let Some((parent, _)) = name.split_once(" - ") {
        if let Some(p) = resolve(parent) {
            return (ActorKind::Faction, Some(p.name.to_string()));
        }
    }
    (ActorKind::Unregistered, None)
}

/// Splits a UCDP side ("Gulf Cartel, La Familia, Sinaloa Cartel") into canonical names.
pub fn split_side(side: &str) -> Vec<String> {
    side.split(", ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(canonical)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eval_actor_file_entries_resolve_to_their_canonical_name() {
        // Mirrors shared/eval/actors.tsv; the store tests check the file itself.
        for (alias, name) in [
            ("Jalisco New Generation Cartel", "CJNG"),
            ("Cártel de Jalisco Nueva Generación", "CJNG"),
            ("Cartel de Jalisco Nueva Generacion", "CJNG"),
            ("Jalisco Cartel New Generation", "CJNG"),
            ("hijos de El Chapo", "Los Chapitos"),
            ("Sinaloa Cartel - Los Mayos", "La Mayiza"),
            ("Cartel del Golfo", "Gulf Cartel"),
            ("Los Zetas", "Los Zetas"),
            ("sedena", "Army"),
            ("Government of Mexico", "Federal government"),
            ("La Linea", "Juarez Cartel"),
        ] {
            assert_eq!(resolve(alias).map(|a| a.name), Some(name), "{alias}");
        }
    }

    #[test]
    fn unknown_names_are_kept_and_ucdp_factions_get_their_parent() {
        assert_eq!(canonical("  Los Mudos "), "Los Mudos");
        assert_eq!(describe("Los Mudos"), (ActorKind::Unregistered, None));
        assert_eq!(
            describe("Sinaloa Cartel - Los 28 faction"),
            (ActorKind::Faction, Some("Sinaloa Cartel".into()))
        );
        assert_eq!(
            describe("Los Chapitos"),
            (ActorKind::Faction, Some("Sinaloa Cartel".into()))
        );
        assert_eq!(
            split_side("Gulf Cartel, La Familia, Sinaloa Cartel"),
            vec!["Gulf Cartel", "La Familia Michoacana", "Sinaloa Cartel"]
        );
    }
}
