//! The event model shared by importers, the coder, analyses and views (`shared/CLI.md`).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize, Serializer};

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident $label:literal { $($var:ident => $s:expr),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($var),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),*];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s.trim() {
                    $($s => Ok($name::$var),)*
                    other => Err(format!(
                        "unknown {} {:?} (expected one of: {})",
                        $label, other, [$($s),*].join(", ")
                    )),
                }
            }
        }
    };
}

string_enum!(
    /// Event kinds: the coder's kinds (`shared/eval/README.md`), `criminal_presence` (OCVED),
    /// and `riot` and `other` for ACLED types with no closer kind (their sub_event_type is
    /// kept as a tag).
    EventKind "kind" {
        ArmedClash => "armed_clash",
        AttackOnForces => "attack_on_forces",
        Homicide => "homicide",
        Massacre => "massacre",
        Disappearance => "disappearance",
        Kidnapping => "kidnapping",
        RoadBlockade => "road_blockade",
        Arson => "arson",
        ExplosiveAttack => "explosive_attack",
        DroneAttack => "drone_attack",
        LeaderKilled => "leader_killed",
        LeaderCaptured => "leader_captured",
        Extradition => "extradition",
        Arrest => "arrest",
        Seizure => "seizure",
        Protest => "protest",
        CriminalPresence => "criminal_presence",
        Riot => "riot",
        Other => "other",
    }
);

string_enum!(
    /// An analyst's decision on a news event. Events coded from reports start `pending`;
    /// counts include a news event only once it is `accepted`. Imported datasets carry no
    /// review.
    Review "review status" {
        Pending => "pending",
        Accepted => "accepted",
        Rejected => "rejected",
    }
);

string_enum!(
    /// How precisely the source dates an event; `date` holds the first day of that span.
    DatePrecision "date precision" {
        Day => "day",
        Week => "week",
        Month => "month",
        Year => "year",
    }
);

/// Named counts attached to an event: `fatalities`, `injured`, `arrested`, `blockades`,
/// `reports` … Whole numbers serialise as JSON integers.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Measures(pub BTreeMap<String, f64>);

impl Measures {
    pub fn get(&self, k: &str) -> Option<f64> {
        self.0.get(k).copied()
    }
    pub fn set(&mut self, k: &str, v: f64) {
        self.0.insert(k.to_string(), v);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Measures {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            if v.fract() == 0.0 && v.abs() < 9e15 {
                m.serialize_entry(k, &(*v as i64))?;
            } else {
                m.serialize_entry(k, v)?;
            }
        }
        m.end()
    }
}

/// Where a figure came from: a document, the quote, and its character span.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub doc: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
}

/// Which import (file and row) or which coder produced an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    pub format: String,
    pub file: String,
    pub row: u64,
    pub source_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: `FORMAT:SOURCE_ID` ("ucdp:442846", "acled:MEX12345").
    pub id: String,
    pub kind: EventKind,
    /// ISO date, `None` when the source gives no usable date at all.
    pub date: Option<String>,
    pub date_precision: DatePrecision,
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Location precision on ACLED's 1–3 scale (1 = town, 2 = near/municipality, 3 = region);
    /// UCDP's where_prec is mapped onto it by the importer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_precision: Option<u8>,
    pub actors: Vec<String>,
    pub measures: Measures,
    pub sources: Vec<Source>,
    pub origin: Origin,
    /// Free labels that carry source detail a kind alone cannot (ACLED sub_event_type, tags).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Event {
    pub fn fatalities(&self) -> f64 {
        self.measures.get("fatalities").unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in EventKind::ALL {
            assert_eq!(k.as_str().parse::<EventKind>().unwrap(), *k);
        }
        assert!("battle"
            .parse::<EventKind>()
            .unwrap_err()
            .contains("armed_clash"));
    }

    #[test]
    fn whole_measures_serialise_as_integers() {
        let mut m = Measures::default();
        m.set("fatalities", 3.0);
        m.set("drugs_kg", 1.5);
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"drugs_kg":1.5,"fatalities":3}"#
        );
    }
}
