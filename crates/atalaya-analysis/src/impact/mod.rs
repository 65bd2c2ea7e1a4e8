//! Kingpin impact: how violence changed in the states where a group operates after its
//! leader was removed, against states where it does not. Difference-in-differences with
//! state and period effects on log(1+y), event-study coefficients, randomization inference
//! over which states are treated, a placebo date one year earlier, the neighbours as their
//! own group, and a synthetic control when one state is treated. The model and how to read
//! it: `docs/methods/impact.md`.

pub mod did;
pub mod synthetic;

use std::collections::BTreeMap;

use atalaya_core::gazetteer::{self, STATES};
use atalaya_core::period::{iso_date, next_period, parse_date, period_start, PeriodKind};
use atalaya_core::{actors, EventKind};
use atalaya_store::query::{Measure, SeriesQuery};
use atalaya_store::Store;
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;

use crate::{AnalysisError, Panel, PanelQuery};
pub use did::{DidOptions, DidResult};

/// Below these the command reports "too short to conclude" and gives no estimate: fewer
/// complete periods from the date's period on, or before it, cannot separate an effect
/// from a few unusual weeks or months.
pub const MIN_POST: usize = 4;
pub const MIN_PRE: usize = 4;
/// Fewer treatment assignments than this cannot give p < 0.05 under randomization
/// inference (the smallest attainable p-value is 1/assignments).
pub const MIN_ASSIGNMENTS: usize = 20;
/// The events rule (`--treated events`, and `auto`'s last resort): the top states holding at
/// least this share of the events naming the actor or its factions in the year before the
/// date, at most `AUTO_MAX_STATES` of them.
pub const AUTO_SHARE: f64 = 0.5;
pub const AUTO_MAX_STATES: usize = 5;
/// A treated state averaging fewer counts than this per period before the date makes the
/// log(1+y) estimate shrink toward zero; the report says so.
pub const SMALL_COUNTS: f64 = 10.0;

/// How the treated states are chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum Treated {
    /// The kingpin list's `base_states` for the date's rows, else the state where the
    /// intervention happened, else the events rule ([`TreatedRule`]).
    Auto,
    /// The events rule only.
    Events,
    /// Named by the user.
    States(Vec<String>),
}

/// Which rule chose the treated states (reported as `treated_rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatedRule {
    /// Named by the user (`--treated S,S…`).
    Given,
    /// The kingpin list's `base_states` for the rows of the date: where the organisation or
    /// faction is based.
    BaseStates,
    /// The states where the rows of the date happened (`cve_ent`), the list giving no base.
    InterventionState,
    /// The states holding half of the events naming the actor or its factions in the year
    /// before the date.
    Events,
}

impl TreatedRule {
    pub fn as_str(self) -> &'static str {
        match self {
            TreatedRule::Given => "given",
            TreatedRule::BaseStates => "base_states",
            TreatedRule::InterventionState => "intervention_state",
            TreatedRule::Events => "events",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ImpactQuery {
    pub actor: String,
    /// `None`: the actor's only intervention in the kingpin list.
    pub date: Option<NaiveDate>,
    pub treated: Treated,
    pub measure: Measure,
    /// Event measures only: count only these kinds (empty: all kinds).
    pub kinds: Vec<EventKind>,
    pub period: PeriodKind,
    /// Periods before and after the date's period.
    pub window: usize,
    /// Keep the treated states' neighbours among the controls (spillover ignored).
    pub neighbours_as_controls: bool,
    pub options: DidOptions,
}

#[derive(Debug, Clone, Serialize)]
pub struct InterventionRef {
    pub date: String,
    pub event_type: String,
    pub name: String,
    pub alias: String,
    pub organization: String,
    pub state: Option<String>,
    pub base_states: Vec<String>,
    pub source_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodEstimate {
    pub offset: i64,
    pub period: String,
    /// Coefficient on the log(1+y) scale, relative to offset −1.
    pub estimate: f64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// The same as percentage changes: 100·(e^x − 1).
    pub estimate_pct: f64,
    pub ci_low_pct: Option<f64>,
    pub ci_high_pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupEffect {
    pub states: Vec<String>,
    pub estimate_pct: f64,
    pub ci_low_pct: Option<f64>,
    pub ci_high_pct: Option<f64>,
    pub p_value: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Placebo {
    pub date: String,
    pub n_pre: usize,
    pub n_post: usize,
    pub estimate_pct: f64,
    pub ci_low_pct: Option<f64>,
    pub ci_high_pct: Option<f64>,
    pub p_value: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Weight {
    pub state: String,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SyntheticControl {
    pub state: String,
    /// Donors with a weight of at least 0.001, largest first.
    pub weights: Vec<Weight>,
    pub pre_rmse: f64,
    pub estimate_pct: f64,
    /// Placebo-in-space: share of states (each donor fitted from the others) whose
    /// estimated effect is at least the treated state's in absolute value.
    pub p_value: f64,
    pub placebos: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Share {
    pub state: String,
    pub events: f64,
    pub share: f64,
}

/// Mean count per state and period in a group, before and from the date.
#[derive(Debug, Clone, Serialize)]
pub struct Means {
    pub treated_pre: f64,
    pub treated_post: f64,
    pub controls_pre: f64,
    pub controls_post: f64,
}

/// The report: `CLI.md`'s fields first, then what lets a reader check them.
#[derive(Debug, Clone, Serialize)]
pub struct Impact {
    pub measure: String,
    pub period: String,
    pub treated: Vec<String>,
    pub controls: Vec<String>,
    /// Extra counts per treated state and period from the date on implied by the estimate:
    /// treated post mean × (1 − e^−β).
    pub estimate_abs: Option<f64>,
    pub estimate_pct: Option<f64>,
    pub ci_low_pct: Option<f64>,
    pub ci_high_pct: Option<f64>,
    pub p_value: Option<f64>,
    pub pre_trend_p: Option<f64>,
    pub placebo_p: Option<f64>,
    pub by_period: Vec<PeriodEstimate>,
    pub actor: String,
    pub date: String,
    /// Which rule chose `treated`, and in words why.
    pub treated_rule: TreatedRule,
    pub treated_reason: String,
    /// The kingpin-list rows of the actor on the date (several leaders can fall together).
    pub interventions: Vec<InterventionRef>,
    /// False when the data cannot support an estimate ("too short to conclude"); the
    /// estimate fields are then null and `warnings` says why.
    pub conclusive: bool,
    pub method: String,
    pub neighbours: Vec<String>,
    pub neighbours_effect: Option<GroupEffect>,
    pub placebo: Option<Placebo>,
    pub synthetic_control: Option<SyntheticControl>,
    pub auto_treated: Option<Vec<Share>>,
    pub window_first: Option<String>,
    pub window_last: Option<String>,
    pub data_first: Option<String>,
    pub data_last: Option<String>,
    pub n_pre: usize,
    pub n_post: usize,
    pub assignments: usize,
    pub exact_inference: bool,
    pub means: Option<Means>,
    pub warnings: Vec<String>,
    pub sources: Vec<String>,
}

pub const METHOD: &str = "difference-in-differences with state and period fixed effects on \
log(1+y) (OLS), event study relative to the period before the date; 95% intervals and p-values \
by randomization inference over which states are treated (test inversion)";

fn pct(x: f64) -> f64 {
    100.0 * x.exp_m1()
}

fn measure_name(m: &Measure) -> String {
    match m {
        Measure::Events => "events".into(),
        Measure::Fatalities => "fatalities".into(),
        Measure::Indicator(n) => n.clone(),
    }
}

/// Moves a period start by `n` periods.
fn shift(kind: PeriodKind, start: NaiveDate, n: i64) -> NaiveDate {
    match kind {
        PeriodKind::Week => start + Duration::days(7 * n),
        PeriodKind::Month => {
            if n >= 0 {
                start + Months::new(n as u32)
            } else {
                start - Months::new((-n) as u32)
            }
        }
    }
}

/// Number of periods from `a` to `b` (both period starts).
fn distance(kind: PeriodKind, a: NaiveDate, b: NaiveDate) -> i64 {
    match kind {
        PeriodKind::Week => (b - a).num_days() / 7,
        PeriodKind::Month => {
            (b.year() as i64 * 12 + b.month() as i64) - (a.year() as i64 * 12 + a.month() as i64)
        }
    }
}

/// The first and last complete periods of the outcome's data, with its first and last
/// dates. Event data ending a few days before a period's end still counts that period
/// (one day of grace for weeks, three for months): sparse sources rarely report every day.
struct Extent {
    first_period: NaiveDate,
    last_period: NaiveDate,
    first: String,
    last: String,
}

fn extent(store: &Store, q: &ImpactQuery) -> Result<Option<Extent>, AnalysisError> {
    match &q.measure {
        Measure::Indicator(name) => {
            // An unknown indicator is a request error; the store's message lists the known ones.
            store.series(&SeriesQuery {
                period: PeriodKind::Month,
                by: None,
                measure: q.measure.clone(),
                state: None,
                kind: None,
                actor: None,
                from: None,
                to: None,
            })?;
            let Some((lo, hi)) = store.indicator_month_range(name)? else {
                return Ok(None);
            };
            let p = |s: &str| {
                atalaya_core::period::parse_period(PeriodKind::Month, s)
                    .map_err(AnalysisError::Invalid)
            };
            Ok(Some(Extent {
                first_period: p(&lo)?,
                last_period: p(&hi)?,
                first: lo,
                last: hi,
            }))
        }
        Measure::Events | Measure::Fatalities => {
            let Some((lo, hi)) = store.event_day_range()? else {
                return Ok(None);
            };
            let grace = match q.period {
                PeriodKind::Week => 1,
                PeriodKind::Month => 3,
            };
            let first_start = period_start(q.period, lo);
            let first_period = if lo == first_start {
                first_start
            } else {
                next_period(q.period, first_start)
            };
            let last_start = period_start(q.period, hi);
            let last_day = next_period(q.period, last_start) - Duration::days(1);
            let last_period = if hi >= last_day - Duration::days(grace) {
                last_start
            } else {
                shift(q.period, last_start, -1)
            };
            Ok(Some(Extent {
                first_period,
                last_period,
                first: iso_date(lo),
                last: iso_date(hi),
            }))
        }
    }
}

/// The import files behind the outcome in the window.
fn sources(
    store: &Store,
    q: &ImpactQuery,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<String>, AnalysisError> {
    let to_end = next_period(q.period, to) - Duration::days(1);
    let files = store
        .source_files(&q.measure, Some(from), Some(to_end))?
        .into_iter()
        .map(|(_, file)| file)
        .collect();
    Ok(files)
}

fn find_intervention(
    store: &Store,
    actor: &str,
    date: Option<NaiveDate>,
) -> Result<(NaiveDate, Vec<InterventionRef>), AnalysisError> {
    let all = store.interventions()?;
    let mine: Vec<_> = all
        .iter()
        .filter(|iv| iv.actor.as_deref() == Some(actor))
        .collect();
    let to_ref = |iv: &atalaya_store::write::Intervention| InterventionRef {
        date: iv.date.clone(),
        event_type: iv.event_type.clone(),
        name: iv.name.clone(),
        alias: iv.alias.clone(),
        organization: iv.organization.clone(),
        state: iv.state.clone(),
        base_states: iv.base_states.clone(),
        source_url: iv.source_url.clone(),
    };
    match date {
        Some(d) => {
            let iso = iso_date(d);
            Ok((
                d,
                mine.iter()
                    .filter(|iv| iv.date == iso)
                    .map(|iv| to_ref(iv))
                    .collect(),
            ))
        }
        None => {
            let mut dates: Vec<&str> = mine.iter().map(|iv| iv.date.as_str()).collect();
            dates.dedup();
            match dates.len() {
                0 => Err(AnalysisError::Invalid(format!(
                    "no intervention against {actor:?} in the kingpin list: give --date \
                     (or import one with `atalaya import kingpins`)"
                ))),
                1 => {
                    let d = parse_date(dates[0]).map_err(|m| {
                        AnalysisError::Invalid(format!("kingpin list date: {m}"))
                    })?;
                    Ok((d, mine.iter().map(|iv| to_ref(iv)).collect()))
                }
                _ => Err(AnalysisError::Invalid(format!(
                    "{actor:?} has interventions on {} dates in the kingpin list; choose one with --date: {}",
                    dates.len(),
                    mine.iter()
                        .map(|iv| format!(
                            "{} ({} {}{})",
                            iv.date,
                            iv.event_type,
                            iv.name,
                            if iv.alias.is_empty() {
                                String::new()
                            } else {
                                format!(" \"{}\"", iv.alias)
                            }
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))),
            }
        }
    }
}

/// Whether an event naming `name` counts as an event of `actor`: the actor itself or one of
/// its factions, at any depth ("Los Chapitos" for "Sinaloa Cartel"). Inside a cartel's home
/// state the sources often name only the factions fighting there.
pub fn of_actor(actor: &str, name: &str) -> bool {
    name == actor || crate::territory::is_ancestor(actor, name)
}

/// Events naming `actor` or its factions per state in the year before `date`, each event
/// counted once.
fn actor_events_by_state(
    store: &Store,
    actor: &str,
    date: NaiveDate,
) -> Result<BTreeMap<String, f64>, AnalysisError> {
    let mut by_state: BTreeMap<String, f64> = BTreeMap::new();
    let filter = atalaya_store::query::EventFilter {
        from: Some(date - Duration::days(365)),
        to: Some(date - Duration::days(1)),
        ..Default::default()
    };
    store.for_each_event(&filter, |e| {
        if let Some(s) = e.state.as_deref() {
            if gazetteer::state(s).is_some() && e.actors.iter().any(|a| of_actor(actor, a)) {
                *by_state.entry(s.to_string()).or_default() += 1.0;
            }
        }
        Ok(())
    })?;
    Ok(by_state)
}

/// The actor's states in the year before `date`, largest first, until they hold
/// `AUTO_SHARE` of its events and its factions' (at most `AUTO_MAX_STATES`).
fn auto_treated(
    store: &Store,
    actor: &str,
    date: NaiveDate,
) -> Result<(Vec<String>, Vec<Share>), AnalysisError> {
    let by_state = actor_events_by_state(store, actor, date)?;
    let total: f64 = by_state.values().sum();
    if total == 0.0 {
        return Err(AnalysisError::InsufficientData(format!(
            "--treated: the kingpin list gives no base_states or state for {actor:?} on {}, \
             and no event names it or its factions with a state in the year before; name \
             the treated states with --treated",
            iso_date(date)
        )));
    }
    let mut v: Vec<(String, f64)> = by_state.into_iter().filter(|(_, n)| *n > 0.0).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen = Vec::new();
    let mut cum = 0.0;
    for (s, n) in &v {
        if cum >= AUTO_SHARE * total || chosen.len() == AUTO_MAX_STATES {
            break;
        }
        chosen.push(s.clone());
        cum += n;
    }
    let shares = v
        .iter()
        .take(10)
        .map(|(s, n)| Share {
            state: s.clone(),
            events: *n,
            share: n / total,
        })
        .collect();
    Ok((chosen, shares))
}

fn parse_states(list: &[String]) -> Result<Vec<String>, AnalysisError> {
    let mut out: Vec<String> = Vec::new();
    for s in list {
        let st = gazetteer::state_by_name(s).ok_or_else(|| {
            AnalysisError::Invalid(format!(
                "--treated: {s:?} is not a Mexican state (use a code 01–32 or a name)"
            ))
        })?;
        if !out.iter().any(|c| c == st.code) {
            out.push(st.code.to_string());
        }
    }
    if out.is_empty() {
        return Err(AnalysisError::Invalid("--treated: no state given".into()));
    }
    Ok(out)
}

fn load(
    store: &Store,
    q: &ImpactQuery,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Panel, AnalysisError> {
    let one = |kind: Option<EventKind>| {
        Panel::load(
            store,
            &PanelQuery {
                period: q.period,
                measure: q.measure.clone(),
                kind,
                actor: None,
                from,
                to,
            },
        )
    };
    if q.kinds.is_empty() {
        return one(None);
    }
    let mut panel = one(Some(q.kinds[0]))?;
    for &k in &q.kinds[1..] {
        let p = one(Some(k))?;
        for (row, add) in panel.values.iter_mut().zip(&p.values) {
            for (v, a) in row.iter_mut().zip(add) {
                *v += a;
            }
        }
    }
    Ok(panel)
}

/// Rows of `panel` for `states`, columns `cols`, on the log(1+y) scale.
fn log_rows(panel: &Panel, states: &[&String], cols: std::ops::Range<usize>) -> Vec<Vec<f64>> {
    states
        .iter()
        .map(|s| {
            let i = panel.state_index(s).expect("panel has all 32 states");
            panel.values[i][cols.clone()]
                .iter()
                .map(|v| v.ln_1p())
                .collect()
        })
        .collect()
}

fn group_effect(
    panel: &Panel,
    group: &[String],
    controls: &[String],
    cols: std::ops::Range<usize>,
    n_pre: usize,
    opts: &DidOptions,
) -> DidResult {
    let units: Vec<&String> = group.iter().chain(controls).collect();
    let y = log_rows(panel, &units, cols);
    did::estimate(
        &did::Window {
            y: &y,
            n_treated: group.len(),
            n_pre,
        },
        opts,
    )
}

fn ci_pct(ci: Option<(f64, f64)>) -> (Option<f64>, Option<f64>) {
    match ci {
        Some((lo, hi)) => (Some(pct(lo)), Some(pct(hi))),
        None => (None, None),
    }
}

/// The synthetic control of one treated state from the controls, as reported.
fn synthetic_report(
    panel: &Panel,
    treated: &String,
    controls: &[String],
    n_pre: usize,
) -> SyntheticControl {
    let units: Vec<&String> = std::iter::once(treated).chain(controls).collect();
    let y = log_rows(panel, &units, 0..panel.periods());
    let rows: Vec<&[f64]> = y.iter().map(Vec::as_slice).collect();
    let sc = synthetic::synthetic_control(&rows, n_pre);
    let mut weights: Vec<Weight> = sc
        .fit
        .weights
        .iter()
        .zip(controls)
        .filter(|(w, _)| **w >= 0.001)
        .map(|(w, s)| Weight {
            state: s.clone(),
            weight: *w,
        })
        .collect();
    weights.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    SyntheticControl {
        state: treated.clone(),
        weights,
        pre_rmse: sc.fit.pre_rmse,
        estimate_pct: pct(sc.fit.effect),
        p_value: sc.p_value,
        placebos: sc.placebos,
    }
}

/// Mean count per state and period of each group before and from the date.
fn means(panel: &Panel, treated: &[String], controls: &[String], n_pre: usize) -> Means {
    let mean_of = |group: &[String], r: std::ops::Range<usize>| -> f64 {
        let len = (group.len() * r.len()).max(1) as f64;
        group
            .iter()
            .map(|s| {
                let i = panel.state_index(s).expect("panel has all 32 states");
                panel.values[i][r.clone()].iter().sum::<f64>()
            })
            .sum::<f64>()
            / len
    };
    let t = panel.periods();
    Means {
        treated_pre: mean_of(treated, 0..n_pre),
        treated_post: mean_of(treated, n_pre..t),
        controls_pre: mean_of(controls, 0..n_pre),
        controls_post: mean_of(controls, n_pre..t),
    }
}

/// The states a study compares: which are treated, by which rule, their neighbours (their
/// own group unless `neighbours_as_controls`) and the controls.
#[derive(Debug, Clone, Serialize)]
pub struct Selection {
    /// The actor's canonical name.
    pub actor: String,
    pub date: String,
    #[serde(skip)]
    pub day: NaiveDate,
    pub interventions: Vec<InterventionRef>,
    pub treated: Vec<String>,
    pub rule: TreatedRule,
    pub reason: String,
    /// The events rule's shares (only when it chose the states).
    pub shares: Option<Vec<Share>>,
    pub neighbours: Vec<String>,
    pub controls: Vec<String>,
    pub warnings: Vec<String>,
}

fn state_list(codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| match gazetteer::state(c) {
            Some(s) => format!("{} ({c})", s.name),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Chooses the treated states: given ones; else the kingpin list's `base_states` for the
/// date's rows; else the states those rows happened in; else the events rule.
pub fn select(store: &Store, q: &ImpactQuery) -> Result<Selection, AnalysisError> {
    let mut warnings = Vec::new();
    let actor = actors::canonical(&q.actor);
    if actors::resolve(&q.actor).is_none() {
        warnings.push(format!(
            "actor {actor:?} is not in the registry: matched as written"
        ));
    }
    let (date, interventions) = find_intervention(store, &actor, q.date)?;
    let union = |f: &dyn Fn(&InterventionRef) -> Vec<String>| -> Vec<String> {
        let mut v: Vec<String> = interventions.iter().flat_map(f).collect();
        v.sort();
        v.dedup();
        v
    };
    let base = union(&|iv| iv.base_states.clone());
    let places = union(&|iv| iv.state.iter().cloned().collect());
    let listed = if interventions.is_empty() {
        format!(
            "no row of the kingpin list names {actor} on {}",
            iso_date(date)
        )
    } else {
        format!("the kingpin list's rows of {} give", iso_date(date))
    };
    let events_reason = |why: &str| {
        format!(
            "the states holding half of the events naming {actor} or its factions in the year \
             before {} ({why})",
            iso_date(date)
        )
    };
    let (treated, rule, reason, shares) = match &q.treated {
        Treated::States(list) => (
            parse_states(list)?,
            TreatedRule::Given,
            "named by the user".to_string(),
            None,
        ),
        Treated::Events => {
            let (t, s) = auto_treated(store, &actor, date)?;
            (t, TreatedRule::Events, events_reason("asked for"), Some(s))
        }
        Treated::Auto if !base.is_empty() => {
            let reason = format!(
                "where the organisation is based: {listed} base_states {}",
                state_list(&base)
            );
            (base, TreatedRule::BaseStates, reason, None)
        }
        Treated::Auto if !places.is_empty() => {
            let reason = format!(
                "where the intervention happened: {listed} no base_states, and the state {}",
                state_list(&places)
            );
            (places, TreatedRule::InterventionState, reason, None)
        }
        Treated::Auto => {
            let why = if interventions.is_empty() {
                listed
            } else {
                format!("{listed} neither base_states nor a state")
            };
            let (t, s) = auto_treated(store, &actor, date)?;
            (t, TreatedRule::Events, events_reason(&why), Some(s))
        }
    };
    let mut neighbours: Vec<String> = treated
        .iter()
        .flat_map(|t| gazetteer::neighbours(t))
        .filter(|n| !treated.iter().any(|t| t == n))
        .map(str::to_string)
        .collect();
    neighbours.sort();
    neighbours.dedup();
    let controls: Vec<String> = STATES
        .iter()
        .map(|s| s.code.to_string())
        .filter(|c| !treated.contains(c) && (q.neighbours_as_controls || !neighbours.contains(c)))
        .collect();
    if q.neighbours_as_controls {
        neighbours.clear();
    }
    if controls.is_empty() {
        return Err(AnalysisError::Invalid(
            "--treated leaves no control states".into(),
        ));
    }
    Ok(Selection {
        actor,
        date: iso_date(date),
        day: date,
        interventions,
        treated,
        rule,
        reason,
        shares,
        neighbours,
        controls,
        warnings,
    })
}

/// Runs the study.
pub fn run(store: &Store, q: &ImpactQuery) -> Result<Impact, AnalysisError> {
    if q.window == 0 {
        return Err(AnalysisError::Invalid("--window must be at least 1".into()));
    }
    if let (Measure::Indicator(_), false) = (&q.measure, q.kinds.is_empty()) {
        return Err(AnalysisError::Invalid(
            "--kind applies to event measures (events, fatalities), not to an indicator".into(),
        ));
    }
    if matches!(q.measure, Measure::Indicator(_)) && q.period != PeriodKind::Month {
        return Err(AnalysisError::Invalid(format!(
            "indicator {:?} is a monthly series; use --period month",
            measure_name(&q.measure)
        )));
    }
    let Selection {
        actor,
        day: date,
        interventions,
        treated,
        rule,
        reason,
        shares: auto_shares,
        neighbours,
        controls,
        warnings,
        ..
    } = select(store, q)?;

    let mut report = Impact {
        measure: measure_name(&q.measure),
        period: q.period.to_string(),
        treated: treated.clone(),
        controls: controls.clone(),
        estimate_abs: None,
        estimate_pct: None,
        ci_low_pct: None,
        ci_high_pct: None,
        p_value: None,
        pre_trend_p: None,
        placebo_p: None,
        by_period: Vec::new(),
        actor: actor.clone(),
        date: iso_date(date),
        treated_rule: rule,
        treated_reason: reason,
        interventions,
        conclusive: false,
        method: METHOD.into(),
        neighbours: neighbours.clone(),
        neighbours_effect: None,
        placebo: None,
        synthetic_control: None,
        auto_treated: auto_shares,
        window_first: None,
        window_last: None,
        data_first: None,
        data_last: None,
        n_pre: 0,
        n_post: 0,
        assignments: 0,
        exact_inference: false,
        means: None,
        warnings,
        sources: Vec::new(),
    };

    let Some(ext) = extent(store, q)? else {
        report.warnings.insert(
            0,
            format!(
                "too short to conclude: the database holds no {} data",
                report.measure
            ),
        );
        return Ok(report);
    };
    report.data_first = Some(ext.first.clone());
    report.data_last = Some(ext.last.clone());
    let p0 = period_start(q.period, date);
    let w = q.window as i64;
    let first = shift(q.period, p0, -w).max(ext.first_period);
    let last = shift(q.period, p0, w).min(ext.last_period);
    let n_pre = distance(q.period, first, p0).max(0) as usize;
    let n_post = (distance(q.period, p0, last) + 1).max(0) as usize;
    report.n_pre = n_pre;
    report.n_post = n_post;
    if n_pre == 0 || n_post == 0 {
        report.warnings.insert(
            0,
            format!(
                "too short to conclude: the {} data runs from {} to {}, leaving {n_pre} complete \
                 {}s before and {n_post} from the date's {} on (at least {MIN_PRE} and {MIN_POST} needed)",
                report.measure, ext.first, ext.last, q.period, q.period
            ),
        );
        return Ok(report);
    }
    let panel = load(store, q, first, last)?;
    report.window_first = panel.labels.first().cloned();
    report.window_last = panel.labels.last().cloned();
    report.sources = sources(store, q, first, last)?;
    let cols = 0..panel.periods();
    let res = group_effect(&panel, &treated, &controls, cols.clone(), n_pre, &q.options);
    report.assignments = res.assignments;
    report.exact_inference = res.exact;

    let means = means(&panel, &treated, &controls, n_pre);
    for s in &treated {
        let i = panel.state_index(s).expect("all states");
        let m = panel.values[i][..n_pre].iter().sum::<f64>() / n_pre as f64;
        if m < SMALL_COUNTS {
            let name = gazetteer::state(s).map_or("state", |st| st.name);
            report.warnings.push(format!(
                "{name} ({s}) averages {m:.1} per {} before the date: on so few counts \
                 log(1+y) understates a proportional change",
                q.period
            ));
        }
    }

    report.by_period = res
        .by_offset
        .iter()
        .map(|o| {
            let (lo, hi) = ci_pct(o.ci);
            PeriodEstimate {
                offset: o.offset,
                period: panel.labels[(o.offset + n_pre as i64) as usize].clone(),
                estimate: o.estimate,
                ci_low: o.ci.map(|c| c.0),
                ci_high: o.ci.map(|c| c.1),
                estimate_pct: pct(o.estimate),
                ci_low_pct: lo,
                ci_high_pct: hi,
            }
        })
        .collect();
    report.pre_trend_p = res.pre_trend_p;

    let mut short = Vec::new();
    if n_post < MIN_POST {
        short.push(format!(
            "only {n_post} complete {}(s) from the date's {} on (data ends {}; at least {MIN_POST} needed)",
            q.period, q.period, ext.last
        ));
    }
    if n_pre < MIN_PRE {
        short.push(format!(
            "only {n_pre} complete {}(s) before the date (data starts {}; at least {MIN_PRE} needed)",
            q.period, ext.first
        ));
    }
    if res.assignments < MIN_ASSIGNMENTS {
        short.push(format!(
            "{} treated and {} control states allow only {} treatment assignments (at least \
             {MIN_ASSIGNMENTS} needed for a 95% interval)",
            treated.len(),
            controls.len(),
            res.assignments
        ));
    }
    if !short.is_empty() {
        report
            .warnings
            .insert(0, format!("too short to conclude: {}", short.join("; ")));
        report.means = Some(means);
        return Ok(report);
    }
    if n_pre < q.window || n_post < q.window + 1 {
        report.warnings.push(format!(
            "the window is cut to the data: {n_pre} {}s before and {n_post} from the date's {} on",
            q.period, q.period
        ));
    }

    report.conclusive = true;
    let beta = res.pooled.estimate;
    report.estimate_pct = Some(pct(beta));
    (report.ci_low_pct, report.ci_high_pct) = ci_pct(res.pooled.ci);
    report.p_value = Some(res.pooled.p_value);
    report.estimate_abs = Some(means.treated_post * (1.0 - (-beta).exp()));
    report.means = Some(means);

    if !neighbours.is_empty() {
        let r = group_effect(
            &panel,
            &neighbours,
            &controls,
            cols.clone(),
            n_pre,
            &q.options,
        );
        let (lo, hi) = ci_pct(r.pooled.ci);
        report.neighbours_effect = Some(GroupEffect {
            states: neighbours.clone(),
            estimate_pct: pct(r.pooled.estimate),
            ci_low_pct: lo,
            ci_high_pct: hi,
            p_value: r.pooled.p_value,
        });
    }

    if treated.len() == 1 {
        report.synthetic_control = Some(synthetic_report(&panel, &treated[0], &controls, n_pre));
    }

    match placebo(store, q, date, &ext, &treated, &controls) {
        Ok(Some(p)) => {
            report.placebo_p = Some(p.p_value);
            report.placebo = Some(p);
        }
        Ok(None) => report.warnings.push(format!(
            "no placebo: the data before the date does not hold {MIN_PRE} + {MIN_POST} periods \
             around {}",
            iso_date(placebo_date(date))
        )),
        Err(e) => return Err(e),
    }
    Ok(report)
}

/// One year earlier; 29 February becomes the 28th.
pub fn placebo_date(date: NaiveDate) -> NaiveDate {
    date.with_year(date.year() - 1)
        .unwrap_or_else(|| date - Duration::days(366))
}

/// The same study a year before the date, its post window stopping before the real date's
/// period so the real effect cannot leak in.
fn placebo(
    store: &Store,
    q: &ImpactQuery,
    date: NaiveDate,
    ext: &Extent,
    treated: &[String],
    controls: &[String],
) -> Result<Option<Placebo>, AnalysisError> {
    let pd = placebo_date(date);
    let p0 = period_start(q.period, pd);
    let real = period_start(q.period, date);
    let w = q.window as i64;
    let first = shift(q.period, p0, -w).max(ext.first_period);
    let last = shift(q.period, p0, w)
        .min(shift(q.period, real, -1))
        .min(ext.last_period);
    let n_pre = distance(q.period, first, p0).max(0) as usize;
    let n_post = (distance(q.period, p0, last) + 1).max(0) as usize;
    if n_pre < MIN_PRE || n_post < MIN_POST {
        return Ok(None);
    }
    let panel = load(store, q, first, last)?;
    let r = group_effect(
        &panel,
        treated,
        controls,
        0..panel.periods(),
        n_pre,
        &q.options,
    );
    let (lo, hi) = ci_pct(r.pooled.ci);
    Ok(Some(Placebo {
        date: iso_date(pd),
        n_pre,
        n_post,
        estimate_pct: pct(r.pooled.estimate),
        ci_low_pct: lo,
        ci_high_pct: hi,
        p_value: r.pooled.p_value,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn periods_shift_and_count_across_years() {
        let m = PeriodKind::Month;
        assert_eq!(shift(m, d("2024-07-01"), -10), d("2023-09-01"));
        assert_eq!(shift(m, d("2024-07-01"), 10), d("2025-05-01"));
        assert_eq!(distance(m, d("2023-09-01"), d("2024-07-01")), 10);
        let w = PeriodKind::Week;
        let p0 = period_start(w, d("2026-02-22"));
        assert_eq!(p0, d("2026-02-16"));
        assert_eq!(shift(w, p0, -26), d("2025-08-18"));
        assert_eq!(distance(w, shift(w, p0, -26), p0), 26);
    }

    #[test]
    fn placebo_is_one_year_earlier_even_from_a_leap_day() {
        assert_eq!(placebo_date(d("2024-07-25")), d("2023-07-25"));
        assert_eq!(placebo_date(d("2024-02-29")), d("2023-02-28"));
    }

    #[test]
    fn percentages_are_exp_minus_one_of_the_log_effect() {
        assert!((pct(2f64.ln()) - 100.0).abs() < 1e-9);
        assert!((pct(0.5f64.ln()) + 50.0).abs() < 1e-9);
        assert_eq!(ci_pct(None), (None, None));
    }

    #[test]
    fn unknown_treated_state_is_named() {
        let e = parse_states(&["Jalisco".into(), "Atlantis".into()]).unwrap_err();
        assert!(e.to_string().contains("\"Atlantis\""));
        assert_eq!(
            parse_states(&["14".into(), "Jalisco".into(), "Sinaloa".into()]).unwrap(),
            vec!["14", "25"]
        );
    }

    #[test]
    fn an_empty_store_is_too_short_not_an_error() {
        let store = Store::open_in_memory().unwrap();
        let q = ImpactQuery {
            actor: "CJNG".into(),
            date: Some(d("2026-02-22")),
            treated: Treated::States(vec!["14".into()]),
            measure: Measure::Events,
            kinds: Vec::new(),
            period: PeriodKind::Week,
            window: 26,
            neighbours_as_controls: false,
            options: DidOptions::default(),
        };
        let r = run(&store, &q).unwrap();
        assert!(!r.conclusive);
        assert!(r.estimate_pct.is_none());
        assert!(r.warnings[0].starts_with("too short to conclude"));
        assert_eq!(r.neighbours, vec!["01", "06", "11", "16", "18", "32"]);
        assert_eq!(r.controls.len(), 25);
        // An indicator that was never imported is a request error, named.
        let q = ImpactQuery {
            measure: Measure::Indicator("homicidio_doloso".into()),
            period: PeriodKind::Month,
            ..q
        };
        let e = run(&store, &q).unwrap_err();
        assert!(e.to_string().contains("homicidio_doloso"), "{e}");
    }
}
