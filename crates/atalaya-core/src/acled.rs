//! The mapping between Atalaya's event kinds and ACLED's event_type / sub_event_type.
//!
//! Export writes what ACLED users expect and adds `atalaya_*` tags (in ACLED's free `tags`
//! column) for what ACLED's types cannot hold, so an exported file re-imports to the same
//! events: the exact kind, extra measures, the municipality code and a year precision.

use crate::event::{DatePrecision, EventKind};

/// ACLED's disorder_type, event_type and sub_event_type for a kind. `weapons` says whether the
/// event seized weapons (ACLED's "Disrupted weapons use").
pub fn to_acled(kind: EventKind, weapons: bool) -> (&'static str, &'static str, &'static str) {
    use EventKind::*;
    const PV: &str = "Political violence";
    const SD: &str = "Strategic developments";
    match kind {
        ArmedClash | AttackOnForces | LeaderKilled => (PV, "Battles", "Armed clash"),
        Homicide | Massacre => (PV, "Violence against civilians", "Attack"),
        Disappearance | Kidnapping => (
            PV,
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        ExplosiveAttack => (
            PV,
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        DroneAttack => (PV, "Explosions/Remote violence", "Air/drone strike"),
        Arson => (SD, "Strategic developments", "Looting/property destruction"),
        LeaderCaptured | Extradition | Arrest => (SD, "Strategic developments", "Arrests"),
        Seizure if weapons => (SD, "Strategic developments", "Disrupted weapons use"),
        Seizure | RoadBlockade | CriminalPresence | Other => {
            (SD, "Strategic developments", "Other")
        }
        Protest => ("Demonstrations", "Protests", "Peaceful protest"),
        Riot => ("Demonstrations", "Riots", "Mob violence"),
    }
}

/// What a row of ACLED data means in Atalaya's kinds, when it carries no `atalaya_kind` tag.
/// `against_forces`: actor2 is a state force; `fatalities` decides homicide vs massacre
/// (4 or more killed in one attack).
pub fn from_acled(
    event_type: &str,
    sub_event_type: &str,
    against_forces: bool,
    fatalities: f64,
    notes: &str,
) -> Result<EventKind, String> {
    use EventKind::*;
    let et = event_type.trim();
    let sub = sub_event_type.trim();
    let kind = match (et, sub) {
        ("Battles", _) if against_forces => AttackOnForces,
        ("Battles", _) => ArmedClash,
        ("Violence against civilians", "Abduction/forced disappearance") => {
            let n = notes.to_lowercase();
            if n.contains("kidnap") || n.contains("secuestr") {
                Kidnapping
            } else {
                Disappearance
            }
        }
        ("Violence against civilians", "Sexual violence") => Other,
        ("Violence against civilians", _) if fatalities >= 4.0 => Massacre,
        ("Violence against civilians", _) => Homicide,
        ("Explosions/Remote violence", "Air/drone strike") => DroneAttack,
        ("Explosions/Remote violence", _) => ExplosiveAttack,
        ("Protests", _) => Protest,
        ("Riots", _) => Riot,
        ("Strategic developments", "Arrests") => Arrest,
        ("Strategic developments", "Looting/property destruction") => Arson,
        ("Strategic developments", "Disrupted weapons use") => Seizure,
        ("Strategic developments", _) => Other,
        _ => return Err(format!("unknown ACLED event_type {et:?}")),
    };
    Ok(kind)
}

/// ACLED's time_precision code: 1 day, 2 week, 3 month. A year precision has no ACLED code;
/// it is written as 3 with an `atalaya_date_precision=year` tag.
pub fn time_precision_code(p: DatePrecision) -> u8 {
    match p {
        DatePrecision::Day => 1,
        DatePrecision::Week => 2,
        DatePrecision::Month | DatePrecision::Year => 3,
    }
}

pub fn time_precision_from_code(code: &str) -> Result<DatePrecision, String> {
    match code.trim() {
        "1" => Ok(DatePrecision::Day),
        "2" => Ok(DatePrecision::Week),
        "3" => Ok(DatePrecision::Month),
        o => Err(format!("time_precision {o:?} is not 1, 2 or 3")),
    }
}

/// ACLED actor names carry period and country qualifiers ("Military Forces of Mexico
/// (2018-2024) National Guard", "CJNG: Jalisco New Generation Cartel", "Civilians (Mexico)").
/// Returns the candidate names to try in the registry, most specific first.
pub fn actor_candidates(name: &str) -> Vec<String> {
    let mut base = String::with_capacity(name.len());
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => base.push(c),
            _ => {}
        }
    }
    let base = base.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    for force in ["National Guard", "Navy", "State Police", "Municipal Police"] {
        if base.contains(force) && base.len() > force.len() {
            out.push(force.to_string());
        }
    }
    if let Some((a, b)) = base.split_once(": ") {
        out.push(a.trim().to_string());
        out.push(b.trim().to_string());
    }
    if base.starts_with("Military Forces of Mexico") {
        out.push("Army".to_string());
    }
    if base.starts_with("Police Forces of Mexico") {
        out.push("State police".to_string());
    }
    if base.starts_with("Government of Mexico") {
        out.push("Federal government".to_string());
    }
    if base.starts_with("Unidentified") {
        out.push("Unidentified criminal group".to_string());
    }
    out.push(base);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_maps_back_to_itself_or_a_documented_neighbour() {
        for &k in EventKind::ALL {
            let (_, et, sub) = to_acled(k, k == EventKind::Seizure);
            let back = from_acled(
                et,
                sub,
                k == EventKind::AttackOnForces,
                if k == EventKind::Massacre { 5.0 } else { 1.0 },
                if k == EventKind::Kidnapping {
                    "secuestro"
                } else {
                    ""
                },
            )
            .unwrap();
            // Kinds ACLED folds together come back as their ACLED peer; the atalaya_kind tag
            // restores them exactly.
            let folded = matches!(
                k,
                EventKind::LeaderKilled
                    | EventKind::LeaderCaptured
                    | EventKind::Extradition
                    | EventKind::RoadBlockade
                    | EventKind::CriminalPresence
            );
            if !folded {
                assert_eq!(back, k, "{k}");
            }
        }
        assert!(from_acled("Meetings", "", false, 0.0, "").is_err());
    }

    #[test]
    fn acled_actor_names_yield_registry_candidates() {
        assert!(
            actor_candidates("Military Forces of Mexico (2018-2024) National Guard")
                .contains(&"National Guard".to_string())
        );
        assert!(
            actor_candidates("CJNG: Jalisco New Generation Cartel").contains(&"CJNG".to_string())
        );
        assert_eq!(
            actor_candidates("Civilians (Mexico)").last().unwrap(),
            "Civilians"
        );
    }
}
