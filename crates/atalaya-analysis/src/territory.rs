//! Territory: which armed groups control, traffic through, ally or fight in each state, derived
//! from events with the ids of the events behind every status (`docs/methods/territory.md`).
//!
//! Two levels are derived from the same events: groups as the sources name them (factions
//! separate: "Los Chapitos", "La Mayiza") and groups rolled up to their cartel ("Sinaloa
//! Cartel"). Cartel-level cells are reported for every group; faction-level cells only for
//! factions, so a state has one line per (group, status) and a war between two factions of
//! one cartel shows as such (`faction_of`, `internal`). Curated overrides are separate cells
//! marked `derived: false`, never merged into derived ones.

use std::collections::{BTreeMap, BTreeSet};

use atalaya_core::actors::{describe, ActorKind};
use atalaya_core::gazetteer;
use atalaya_core::period::parse_date;
use atalaya_core::{Event, EventKind};
use atalaya_store::query::EventFilter;
use atalaya_store::Store;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::AnalysisError;

/// Presence weight of a violent sign: clashes, attacks, killings, blockades, and violent
/// presence as OCVED codes it. The unit the other weights are read against.
pub const WEIGHT_VIOLENT: f64 = 1.0;
/// Presence weight of an arrest or seizure involving the group, or of a leader captured or
/// killed: the group is there, but these events are the state's doing, not the group's.
pub const WEIGHT_ENFORCEMENT: f64 = 0.5;
/// Presence weight of an extradition: it says where a member was held, little about where
/// the group operates.
pub const WEIGHT_EXTRADITION: f64 = 0.25;
/// An event's weight halves for every this many days it lies before the window's end.
pub const RECENCY_HALF_LIFE_DAYS: f64 = 365.0;

/// `war` from direct fights: at least this many armed clashes with the two groups on
/// opposite sides (or, where the source keeps no sides, a clash naming exactly the two).
pub const WAR_MIN_CLASHES: f64 = 3.0;
/// `war` from shared ground: at least this many municipalities where both groups committed
/// violence in the same month…
pub const WAR_MIN_CONTESTED_MUNICIPALITIES: f64 = 2.0;
/// …with at least this many violent events by each group in those municipality-months (a
/// group with a handful of reports in a large city every group hits is not a contender).
pub const WAR_MIN_EVENTS_PER_SIDE: f64 = 6.0;
/// `alliance`: at least this many events with the two groups on the same side…
pub const ALLIANCE_MIN_EVENTS: f64 = 3.0;
/// …and at most this many clashes between them per joint event (above it, the pair is at
/// `war` when it clashes often enough, and neither when it does not).
pub const ALLIANCE_MAX_CLASH_RATIO: f64 = 0.1;
/// `control`: at least this share of the state's presence score…
pub const CONTROL_MIN_SHARE: f64 = 0.5;
/// …from at least this many events…
pub const CONTROL_MIN_EVENTS: f64 = 5.0;
/// …while the groups at war with it there weigh at most this fraction of its own score.
pub const CONTROL_MAX_CONTEST: f64 = 0.5;
/// `route`: without control, at least this share of the group's score comes from trafficking
/// signs (arrests, seizures, captures, extraditions)…
pub const ROUTE_MIN_TRAFFICKING_SHARE: f64 = 0.5;
/// …from at least this many such events.
pub const ROUTE_MIN_EVENTS: f64 = 3.0;

/// A group's status in a state (`shared/CLI.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Control,
    Route,
    Alliance,
    War,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Control => "control",
            Status::Route => "route",
            Status::Alliance => "alliance",
            Status::War => "war",
        }
    }
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "control" => Ok(Status::Control),
            "route" => Ok(Status::Route),
            "alliance" => Ok(Status::Alliance),
            "war" => Ok(Status::War),
            other => Err(format!(
                "unknown status {other:?} (expected one of: control, route, alliance, war)"
            )),
        }
    }
}

/// What to derive: the window, one state or all, and how strict the thresholds are.
#[derive(Debug, Clone)]
pub struct TerritoryQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// INEGI code or name; all states when `None`.
    pub state: Option<String>,
    /// Multiplies every count threshold (clashes, joint events, municipalities, minimum
    /// events): 0.5 halves the evidence a status needs, 2 doubles it. Shares stay fixed.
    pub sensitivity: f64,
}

impl Default for TerritoryQuery {
    fn default() -> Self {
        TerritoryQuery {
            from: None,
            to: None,
            state: None,
            sensitivity: 1.0,
        }
    }
}

/// Where a curated status came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverrideSource {
    pub source: String,
    pub from: String,
    pub to: String,
    /// Line of the override file.
    pub line: u64,
}

/// One line of `territory`: a group's status in a state, with the evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub state: String,
    pub group: String,
    pub status: Status,
    /// The other groups of a `war` or `alliance` (empty for `control` and `route`).
    pub with: Vec<String>,
    /// The group's recency-weighted presence score in the state over the window.
    pub score: f64,
    /// The group's share of all armed groups' presence scores in the state (at its level).
    pub share: f64,
    /// Ids of the events that support this status.
    pub evidence: Vec<String>,
    /// The cartel a faction belongs to; cells of a faction are derived at faction level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub faction_of: Option<String>,
    /// The groups of `with` that belong to the same cartel: a war inside the cartel.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub internal: Vec<String>,
    /// `false` for a curated override, which carries its source instead of evidence.
    pub derived: bool,
    #[serde(rename = "override", skip_serializing_if = "Option::is_none")]
    pub override_source: Option<OverrideSource>,
}

/// How many armed groups are active in a state and how evenly their presence is spread, in
/// the spirit of ACLED's Conflict Index fragmentation measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fragmentation {
    pub state: String,
    pub from: String,
    pub to: String,
    /// Distinct armed groups with any presence, factions counted separately.
    pub groups: usize,
    /// 1 − Herfindahl index of the groups' presence shares (0: one group; towards 1: many
    /// groups of similar weight).
    pub fragmentation: f64,
    /// The same two figures once factions are rolled up to their cartel.
    pub cartels: usize,
    pub cartel_fragmentation: f64,
    /// Cartels with active factions, and those factions: the split behind the difference.
    pub factions: BTreeMap<String, Vec<String>>,
    /// Each group's share, largest first.
    pub shares: Vec<(String, f64)>,
    pub events: usize,
}

/// A group's presence in one state or municipality and one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Presence {
    pub year: i32,
    pub state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    pub group: String,
    /// Kind-weighted count of the year's events (no recency decay inside a year).
    pub score: f64,
    pub events: usize,
    pub evidence: Vec<String>,
}

/// A curated status reported by experts, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub state: String,
    pub group: String,
    pub status: Status,
    pub with: Vec<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub source: String,
    pub line: u64,
}

impl Override {
    /// Checks one row of an override file (`state, group, status, from, to, source`, and an
    /// optional `with`, groups separated by `;`); the error names the line and field.
    pub fn parse(
        line: u64,
        field: impl Fn(&str) -> Option<String>,
    ) -> Result<Override, AnalysisError> {
        let get = |name: &str| -> Result<String, AnalysisError> {
            let v = field(name).unwrap_or_default();
            let v = v.trim();
            if v.is_empty() {
                return Err(AnalysisError::Invalid(format!(
                    "line {line}, field {name}: empty"
                )));
            }
            Ok(v.to_string())
        };
        let bad = |name: &str, m: String| {
            AnalysisError::Invalid(format!("line {line}, field {name}: {m}"))
        };
        let state_text = get("state")?;
        let state = gazetteer::state_by_name(&state_text)
            .ok_or_else(|| bad("state", format!("{state_text:?} is not a Mexican state")))?
            .code
            .to_string();
        let group = atalaya_core::actors::canonical(&get("group")?);
        let status = get("status")?
            .parse::<Status>()
            .map_err(|m| bad("status", m))?;
        let from = parse_date(&get("from")?).map_err(|m| bad("from", m))?;
        let to = parse_date(&get("to")?).map_err(|m| bad("to", m))?;
        if to < from {
            return Err(bad("to", format!("{to} is before from {from}")));
        }
        let source = get("source")?;
        let with = field("with")
            .unwrap_or_default()
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(atalaya_core::actors::canonical)
            .collect();
        Ok(Override {
            state,
            group,
            status,
            with,
            from,
            to,
            source,
            line,
        })
    }
}

/// Whether a named actor is an armed non-state group: cartels, factions, militias, rebels,
/// and names the registry does not know (the sources name groups, rarely anything else).
pub fn is_armed_group(name: &str) -> bool {
    matches!(
        describe(name).0,
        ActorKind::Cartel
            | ActorKind::Faction
            | ActorKind::Militia
            | ActorKind::Rebel
            | ActorKind::Unregistered
    )
}

/// The cartel at the top of a faction's chain of parents (the name itself for a cartel).
pub fn cartel_of(name: &str) -> String {
    let mut cur = name.to_string();
    // Parent chains in the registry are short; the bound guards against a cycle.
    for _ in 0..8 {
        match describe(&cur) {
            (ActorKind::Faction, Some(p)) if p != cur => cur = p,
            _ => break,
        }
    }
    cur
}

/// Whether `a` is a parent (at any depth) of `b`.
pub fn is_ancestor(a: &str, b: &str) -> bool {
    let mut cur = b.to_string();
    for _ in 0..8 {
        match describe(&cur) {
            (ActorKind::Faction, Some(p)) => {
                if p == a {
                    return true;
                }
                if p == cur {
                    return false;
                }
                cur = p;
            }
            _ => return false,
        }
    }
    false
}

/// The presence weight of a kind; `None` for kinds that say nothing about a group's presence.
pub fn kind_weight(kind: EventKind) -> Option<f64> {
    use EventKind::*;
    match kind {
        ArmedClash | AttackOnForces | Homicide | Massacre | Disappearance | Kidnapping
        | RoadBlockade | Arson | ExplosiveAttack | DroneAttack | CriminalPresence => {
            Some(WEIGHT_VIOLENT)
        }
        Arrest | Seizure | LeaderCaptured | LeaderKilled => Some(WEIGHT_ENFORCEMENT),
        Extradition => Some(WEIGHT_EXTRADITION),
        Protest | Riot | Other => None,
    }
}

fn is_trafficking(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Arrest | EventKind::Seizure | EventKind::LeaderCaptured | EventKind::Extradition
    )
}

fn is_violent(kind: EventKind) -> bool {
    kind_weight(kind) == Some(WEIGHT_VIOLENT)
}

/// Which groups an event names, and on which side when the source says.
#[derive(Debug, Clone)]
enum Sides {
    /// Two sides (UCDP): co-actors on one side are allies, across sides opponents.
    Known(Vec<String>, Vec<String>),
    /// Names without sides.
    Unknown(Vec<String>),
}

/// One event as the derivation uses it.
#[derive(Debug, Clone)]
struct Obs {
    id: String,
    kind: EventKind,
    date: NaiveDate,
    state: String,
    municipality: Option<String>,
    /// Dated to the day or week: only such events can share a month with another.
    precise: bool,
    weight: f64,
    sides: Sides,
}

fn tag<'a>(e: &'a Event, prefix: &str) -> Option<&'a str> {
    e.tags.iter().find_map(|t| t.strip_prefix(prefix))
}

fn groups_of(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if is_armed_group(&n) && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// The armed groups of an event and their sides. UCDP and ACLED keep their sides in tags; an OCVED row
/// names a group and possibly one of its cells, which the codebook files under that group,
/// so it counts for the main group only.
fn sides_of(e: &Event) -> Sides {
    use atalaya_store::import::ucdp::{TAG_SIDE_A, TAG_SIDE_B};
    if let (Some(a), Some(b)) = (tag(e, TAG_SIDE_A), tag(e, TAG_SIDE_B)) {
        let split = |s: &str| groups_of(atalaya_core::actors::split_side(s));
        return Sides::Known(split(a), split(b));
    }
    // ACLED: the first K actors are actor1 and its associates, the rest the other side.
    if let Some(k) = tag(e, atalaya_store::import::acled::TAG_SIDE_A)
        .and_then(|k| k.parse::<usize>().ok())
        .filter(|k| (1..e.actors.len()).contains(k))
    {
        let (a, b) = e.actors.split_at(k);
        return Sides::Known(groups_of(a.iter().cloned()), groups_of(b.iter().cloned()));
    }
    let groups = groups_of(e.actors.iter().cloned());
    if tag(e, "ocved_actor_main=").is_some() {
        return Sides::Unknown(groups.into_iter().take(1).collect());
    }
    Sides::Unknown(groups)
}

impl Obs {
    fn from_event(e: &Event) -> Option<Obs> {
        let weight = kind_weight(e.kind)?;
        let date = parse_date(e.date.as_deref()?).ok()?;
        let state = e.state.clone()?;
        let sides = sides_of(e);
        let any = match &sides {
            Sides::Known(a, b) => !a.is_empty() || !b.is_empty(),
            Sides::Unknown(g) => !g.is_empty(),
        };
        any.then(|| Obs {
            id: e.id.clone(),
            kind: e.kind,
            date,
            state,
            municipality: e.municipality.clone(),
            precise: matches!(
                e.date_precision,
                atalaya_core::DatePrecision::Day | atalaya_core::DatePrecision::Week
            ),
            weight,
            sides,
        })
    }

    /// The event's groups at a level, deduplicated.
    fn groups(&self, level: Level) -> Vec<String> {
        let all: Vec<&String> = match &self.sides {
            Sides::Known(a, b) => a.iter().chain(b.iter()).collect(),
            Sides::Unknown(g) => g.iter().collect(),
        };
        let mut out: Vec<String> = Vec::new();
        for g in all {
            let g = level.name(g);
            if !out.contains(&g) {
                out.push(g);
            }
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Named,
    Cartel,
}

impl Level {
    fn name(self, g: &str) -> String {
        match self {
            Level::Named => g.to_string(),
            Level::Cartel => cartel_of(g),
        }
    }
}

/// Count thresholds after the sensitivity multiplier.
#[derive(Debug, Clone, Copy)]
struct Thresholds {
    war_clashes: f64,
    war_municipalities: f64,
    war_events_per_side: f64,
    alliance_events: f64,
    control_events: f64,
    route_events: f64,
}

impl Thresholds {
    fn new(s: f64) -> Thresholds {
        Thresholds {
            war_clashes: WAR_MIN_CLASHES * s,
            war_municipalities: WAR_MIN_CONTESTED_MUNICIPALITIES * s,
            war_events_per_side: WAR_MIN_EVENTS_PER_SIDE * s,
            alliance_events: ALLIANCE_MIN_EVENTS * s,
            control_events: CONTROL_MIN_EVENTS * s,
            route_events: ROUTE_MIN_EVENTS * s,
        }
    }
}

#[derive(Default)]
struct GroupStat {
    score: f64,
    trafficking_score: f64,
    events: Vec<usize>,
    trafficking: Vec<usize>,
}

/// A municipality and a month (year, month).
type Place = (String, i32, u32);

#[derive(Default)]
struct PairStat {
    clashes: Vec<usize>,
    joint: Vec<usize>,
    /// Contested (municipality, year, month) cells and both groups' violent events there.
    contested: BTreeMap<Place, (Vec<usize>, Vec<usize>)>,
}

impl PairStat {
    fn is_alliance(&self, t: &Thresholds) -> bool {
        self.joint.len() as f64 >= t.alliance_events
            && self.clashes.len() as f64 <= ALLIANCE_MAX_CLASH_RATIO * self.joint.len() as f64
    }

    /// Municipalities contested, and the fewer of the two groups' violent events there.
    fn contest(&self) -> (usize, usize) {
        let munis: BTreeSet<&String> = self.contested.keys().map(|(m, _, _)| m).collect();
        let a: usize = self.contested.values().map(|(a, _)| a.len()).sum();
        let b: usize = self.contested.values().map(|(_, b)| b.len()).sum();
        (munis.len(), a.min(b))
    }

    fn shares_ground(&self, t: &Thresholds) -> bool {
        let (munis, per_side) = self.contest();
        munis as f64 >= t.war_municipalities && per_side as f64 >= t.war_events_per_side
    }

    fn is_war(&self, t: &Thresholds) -> bool {
        !self.is_alliance(t)
            && (self.clashes.len() as f64 >= t.war_clashes || self.shares_ground(t))
    }

    /// The clashes, plus both groups' violence in the contested places when that ground
    /// alone meets its own rule (otherwise it would only dilute the clashes).
    fn war_evidence(&self, t: &Thresholds) -> Vec<usize> {
        let mut v = self.clashes.clone();
        if self.shares_ground(t) {
            for (a, b) in self.contested.values() {
                v.extend(a);
                v.extend(b);
            }
        }
        v
    }
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// One state's statistics at one level.
struct StateStats {
    groups: BTreeMap<String, GroupStat>,
    pairs: BTreeMap<(String, String), PairStat>,
    total: f64,
}

fn recency(date: NaiveDate, end: NaiveDate) -> f64 {
    let days = (end - date).num_days().max(0) as f64;
    0.5f64.powf(days / RECENCY_HALF_LIFE_DAYS)
}

fn state_stats(obs: &[Obs], idx: &[usize], level: Level, end: NaiveDate) -> StateStats {
    let mut groups: BTreeMap<String, GroupStat> = BTreeMap::new();
    let mut pairs: BTreeMap<(String, String), PairStat> = BTreeMap::new();
    // (municipality, year, month) → group → its violent events there.
    let mut cells: BTreeMap<Place, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    let mut total = 0.0;
    for &i in idx {
        let o = &obs[i];
        let w = o.weight * recency(o.date, end);
        let gs = o.groups(level);
        for g in &gs {
            let st = groups.entry(g.clone()).or_default();
            st.score += w;
            st.events.push(i);
            if is_trafficking(o.kind) {
                st.trafficking_score += w;
                st.trafficking.push(i);
            }
            total += w;
            if is_violent(o.kind) && o.precise {
                if let Some(m) = &o.municipality {
                    cells
                        .entry((m.clone(), o.date.year(), o.date.month()))
                        .or_default()
                        .entry(g.clone())
                        .or_default()
                        .push(i);
                }
            }
        }
        let dedup = |v: &[String]| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for g in v {
                let g = level.name(g);
                if !out.contains(&g) {
                    out.push(g);
                }
            }
            out
        };
        match &o.sides {
            Sides::Known(a, b) => {
                let (a, b) = (dedup(a), dedup(b));
                if o.kind == EventKind::ArmedClash {
                    for x in &a {
                        for y in &b {
                            if x != y {
                                pairs.entry(ordered(x, y)).or_default().clashes.push(i);
                            }
                        }
                    }
                }
                for side in [&a, &b] {
                    for (k, x) in side.iter().enumerate() {
                        for y in &side[k + 1..] {
                            pairs.entry(ordered(x, y)).or_default().joint.push(i);
                        }
                    }
                }
            }
            Sides::Unknown(_) => {
                if o.kind == EventKind::ArmedClash && gs.len() == 2 {
                    pairs
                        .entry(ordered(&gs[0], &gs[1]))
                        .or_default()
                        .clashes
                        .push(i);
                }
            }
        }
    }
    for (cell, by_group) in cells {
        let names: Vec<&String> = by_group.keys().collect();
        for (k, x) in names.iter().enumerate() {
            for y in &names[k + 1..] {
                // A cartel's name and its faction's name in one place are one organisation
                // seen at two resolutions, not two groups sharing ground.
                if is_ancestor(x, y) || is_ancestor(y, x) {
                    continue;
                }
                let (p, q) = ordered(x, y);
                pairs
                    .entry((p.clone(), q.clone()))
                    .or_default()
                    .contested
                    .insert(cell.clone(), (by_group[&p].clone(), by_group[&q].clone()));
            }
        }
    }
    StateStats {
        groups,
        pairs,
        total,
    }
}

/// The derived cells of one state at one level; `keep` picks which groups to report.
fn state_cells(
    obs: &[Obs],
    state: &str,
    st: &StateStats,
    t: &Thresholds,
    level: Level,
    keep: impl Fn(&str) -> bool,
) -> Vec<Cell> {
    let ids = |mut v: Vec<usize>| -> Vec<String> {
        v.sort_unstable();
        v.dedup();
        v.into_iter().map(|i| obs[i].id.clone()).collect()
    };
    let mut out = Vec::new();
    for (g, gs) in &st.groups {
        if !keep(g) {
            continue;
        }
        let share = if st.total > 0.0 {
            gs.score / st.total
        } else {
            0.0
        };
        let faction_of = match level {
            Level::Named => {
                let c = cartel_of(g);
                (c != *g).then_some(c)
            }
            Level::Cartel => None,
        };
        let parent = cartel_of(g);
        let cell = |status: Status, with: Vec<String>, evidence: Vec<usize>| {
            let internal = with
                .iter()
                .filter(|w| level == Level::Named && cartel_of(w) == parent)
                .cloned()
                .collect();
            Cell {
                state: state.to_string(),
                group: g.clone(),
                status,
                with,
                score: gs.score,
                share,
                evidence: ids(evidence),
                faction_of: faction_of.clone(),
                internal,
                derived: true,
                override_source: None,
            }
        };
        let mut enemies = Vec::new();
        let mut war_ev = Vec::new();
        let mut allies = Vec::new();
        let mut ally_ev = Vec::new();
        for ((a, b), p) in &st.pairs {
            let other = if a == g {
                b
            } else if b == g {
                a
            } else {
                continue;
            };
            if p.is_war(t) {
                enemies.push(other.clone());
                war_ev.extend(p.war_evidence(t));
            } else if p.is_alliance(t) {
                allies.push(other.clone());
                ally_ev.extend(p.joint.iter().copied());
            }
        }
        let contest: f64 = enemies
            .iter()
            .filter_map(|e| st.groups.get(e))
            .map(|e| e.score)
            .sum::<f64>()
            / gs.score.max(f64::MIN_POSITIVE);
        if share >= CONTROL_MIN_SHARE
            && gs.events.len() as f64 >= t.control_events
            && contest <= CONTROL_MAX_CONTEST
        {
            out.push(cell(Status::Control, Vec::new(), gs.events.clone()));
        } else if share < CONTROL_MIN_SHARE
            && gs.trafficking.len() as f64 >= t.route_events
            && gs.trafficking_score >= ROUTE_MIN_TRAFFICKING_SHARE * gs.score
        {
            out.push(cell(Status::Route, Vec::new(), gs.trafficking.clone()));
        }
        if !allies.is_empty() {
            out.push(cell(Status::Alliance, allies, ally_ev));
        }
        if !enemies.is_empty() {
            out.push(cell(Status::War, enemies, war_ev));
        }
    }
    out
}

fn check_sensitivity(s: f64) -> Result<(), AnalysisError> {
    if s.is_finite() && s > 0.0 {
        Ok(())
    } else {
        Err(AnalysisError::Invalid(format!(
            "--sensitivity: {s} is not a positive number"
        )))
    }
}

/// Year, state, municipality and group of a presence row.
type PresenceKey = (i32, String, Option<String>, String);

/// The derivation's input: the events of the window, as the derivation reads them.
pub struct TerritoryData {
    obs: Vec<Obs>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl TerritoryData {
    /// Reads the window's events from the store; an open end is the store's first or last
    /// event date.
    pub fn load(store: &Store, q: &TerritoryQuery) -> Result<TerritoryData, AnalysisError> {
        let state = match &q.state {
            Some(s) => Some(
                gazetteer::state_by_name(s)
                    .ok_or_else(|| {
                        AnalysisError::Invalid(format!(
                            "--state: {s:?} is not a Mexican state (use a code 01–32 or a name)"
                        ))
                    })?
                    .code
                    .to_string(),
            ),
            None => None,
        };
        // An open window ends at the store's first and last dated events, whatever the state
        // filter: recency then decays from the same day for every state, so one state's
        // scores do not change when it is asked for alone.
        let range = store.event_day_range()?;
        let q = TerritoryQuery {
            from: q.from.or(range.map(|r| r.0)),
            to: q.to.or(range.map(|r| r.1)),
            ..q.clone()
        };
        let f = EventFilter {
            state,
            from: q.from,
            to: q.to,
            ..EventFilter::default()
        };
        let events = store.events(&f)?;
        TerritoryData::from_events(&events, &q)
    }

    /// The same from events in memory (tests, pipelines); an open end is the first or last
    /// date among the events that name an armed group.
    pub fn from_events(
        events: &[Event],
        q: &TerritoryQuery,
    ) -> Result<TerritoryData, AnalysisError> {
        check_sensitivity(q.sensitivity)?;
        if let (Some(f), Some(t)) = (q.from, q.to) {
            if f > t {
                return Err(AnalysisError::Invalid(format!(
                    "--from {f} is after --to {t}"
                )));
            }
        }
        let state = match &q.state {
            Some(s) => Some(
                gazetteer::state_by_name(s)
                    .ok_or_else(|| {
                        AnalysisError::Invalid(format!("--state: {s:?} is not a Mexican state"))
                    })?
                    .code,
            ),
            None => None,
        };
        let obs: Vec<Obs> = events
            .iter()
            .filter_map(Obs::from_event)
            .filter(|o| state.is_none_or(|s| o.state == s))
            .filter(|o| q.from.is_none_or(|f| o.date >= f) && q.to.is_none_or(|t| o.date <= t))
            .collect();
        let from = q
            .from
            .or_else(|| obs.iter().map(|o| o.date).min())
            .ok_or_else(|| {
                AnalysisError::InsufficientData(
                    "no events naming an armed group in the window".into(),
                )
            })?;
        let to =
            q.to.or_else(|| obs.iter().map(|o| o.date).max())
                .unwrap_or(from);
        Ok(TerritoryData { obs, from, to })
    }

    pub fn len(&self) -> usize {
        self.obs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.obs.is_empty()
    }

    fn by_state(&self) -> BTreeMap<&str, Vec<usize>> {
        let mut m: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, o) in self.obs.iter().enumerate() {
            m.entry(o.state.as_str()).or_default().push(i);
        }
        m
    }

    /// The derived cells, by state, group and status: every group at cartel level, and every
    /// faction at faction level. `sensitivity` as in `TerritoryQuery`.
    pub fn cells(&self, sensitivity: f64) -> Result<Vec<Cell>, AnalysisError> {
        check_sensitivity(sensitivity)?;
        let t = Thresholds::new(sensitivity);
        let mut out = Vec::new();
        for (state, idx) in self.by_state() {
            let cartel = state_stats(&self.obs, &idx, Level::Cartel, self.to);
            out.extend(state_cells(
                &self.obs,
                state,
                &cartel,
                &t,
                Level::Cartel,
                |_| true,
            ));
            let named = state_stats(&self.obs, &idx, Level::Named, self.to);
            out.extend(state_cells(
                &self.obs,
                state,
                &named,
                &t,
                Level::Named,
                |g| cartel_of(g) != g,
            ));
        }
        out.sort_by(|a, b| (&a.state, &a.group, a.status).cmp(&(&b.state, &b.group, b.status)));
        Ok(out)
    }

    /// Fragmentation of every state with events in the window.
    pub fn fragmentation(&self) -> Vec<Fragmentation> {
        let mut out = Vec::new();
        for (state, idx) in self.by_state() {
            let named = state_stats(&self.obs, &idx, Level::Named, self.to);
            let cartel = state_stats(&self.obs, &idx, Level::Cartel, self.to);
            let hhi = |st: &StateStats| -> (usize, f64) {
                let n = st.groups.values().filter(|g| g.score > 0.0).count();
                if st.total <= 0.0 {
                    return (n, 0.0);
                }
                let h: f64 = st
                    .groups
                    .values()
                    .map(|g| (g.score / st.total).powi(2))
                    .sum();
                (n, 1.0 - h)
            };
            let (groups, fragmentation) = hhi(&named);
            let (cartels, cartel_fragmentation) = hhi(&cartel);
            let mut factions: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for g in named.groups.keys() {
                let c = cartel_of(g);
                if c != *g {
                    factions.entry(c).or_default().push(g.clone());
                }
            }
            let mut shares: Vec<(String, f64)> = named
                .groups
                .iter()
                .map(|(g, s)| {
                    (
                        g.clone(),
                        if named.total > 0.0 {
                            s.score / named.total
                        } else {
                            0.0
                        },
                    )
                })
                .collect();
            shares.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            out.push(Fragmentation {
                state: state.to_string(),
                from: self.from.to_string(),
                to: self.to.to_string(),
                groups,
                fragmentation,
                cartels,
                cartel_fragmentation,
                factions,
                shares,
                events: idx.len(),
            });
        }
        out
    }

    /// Presence per year and state (or municipality), groups rolled up to their cartel unless
    /// `factions` is set. Events without a municipality are left out of the municipal view.
    pub fn presence(&self, by_municipality: bool, factions: bool) -> Vec<Presence> {
        let level = if factions {
            Level::Named
        } else {
            Level::Cartel
        };
        let mut m: BTreeMap<PresenceKey, (f64, Vec<usize>)> = BTreeMap::new();
        for (i, o) in self.obs.iter().enumerate() {
            let muni = if by_municipality {
                match &o.municipality {
                    Some(mu) => Some(mu.clone()),
                    None => continue,
                }
            } else {
                None
            };
            for g in o.groups(level) {
                let e = m
                    .entry((o.date.year(), o.state.clone(), muni.clone(), g))
                    .or_default();
                e.0 += o.weight;
                e.1.push(i);
            }
        }
        m.into_iter()
            .map(
                |((year, state, municipality, group), (score, idx))| Presence {
                    year,
                    state,
                    municipality,
                    group,
                    score,
                    events: idx.len(),
                    evidence: idx.into_iter().map(|i| self.obs[i].id.clone()).collect(),
                },
            )
            .collect()
    }
}

/// The override cells for a window and an optional state: every override whose dates
/// overlap the window, as its own line (`derived: false`) with its source.
/// `score` and `share` are the group's derived presence in that state (0 when the events never
/// name it there), so an override can be read against what the events show.
pub fn override_cells(
    overrides: &[Override],
    derived: &[Cell],
    from: NaiveDate,
    to: NaiveDate,
    state: Option<&str>,
) -> Vec<Cell> {
    overrides
        .iter()
        .filter(|o| o.from <= to && o.to >= from)
        .filter(|o| state.is_none_or(|s| o.state == s))
        .map(|o| {
            let c = cartel_of(&o.group);
            let (score, share) = derived
                .iter()
                .find(|d| d.derived && d.state == o.state && d.group == o.group)
                .map_or((0.0, 0.0), |d| (d.score, d.share));
            Cell {
                state: o.state.clone(),
                group: o.group.clone(),
                status: o.status,
                with: o.with.clone(),
                score,
                share,
                evidence: Vec::new(),
                faction_of: (c != o.group).then_some(c),
                internal: Vec::new(),
                derived: false,
                override_source: Some(OverrideSource {
                    source: o.source.clone(),
                    from: o.from.to_string(),
                    to: o.to.to_string(),
                    line: o.line,
                }),
            }
        })
        .collect()
}
