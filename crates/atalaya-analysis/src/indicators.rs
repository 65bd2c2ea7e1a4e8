//! Conflict indicators per state and period, after the four of ACLED's Conflict Index
//! adapted to Mexico's states: deadliness (fatalities), danger to civilians (events
//! targeting them), diffusion (the share of the state's area, in 100 km² hexagons, with a
//! high rate of events) and fragmentation (distinct armed groups, factions counted as
//! named). Each indicator is "high" in a state and period when it reaches the 80th
//! percentile of its non-zero values over every state and period of the data; the level
//! counts the high indicators. Formulas, thresholds and the comparison with SESNSP's
//! homicide ranking: `docs/methods/indicators.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use atalaya_core::gazetteer::{self, STATES};
use atalaya_core::{DatePrecision, Event, EventKind};
use atalaya_store::query::{EventFilter, Measure, SeriesQuery};
use atalaya_store::Store;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::territory::is_armed_group;
use crate::AnalysisError;

/// Periods the indicators are computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorPeriod {
    Month,
    Year,
}

impl IndicatorPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorPeriod::Month => "month",
            IndicatorPeriod::Year => "year",
        }
    }

    /// `YYYY-MM` or `YYYY`.
    pub fn label(self, d: NaiveDate) -> String {
        match self {
            IndicatorPeriod::Month => format!("{:04}-{:02}", d.year(), d.month()),
            IndicatorPeriod::Year => format!("{:04}", d.year()),
        }
    }

    fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            IndicatorPeriod::Month => d.with_day(1).expect("day 1"),
            IndicatorPeriod::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).expect("1 January"),
        }
    }

    fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            IndicatorPeriod::Month => start + chrono::Months::new(1),
            IndicatorPeriod::Year => start + chrono::Months::new(12),
        }
    }

    /// Events in a hexagon that make it "violent" in one period: ACLED's 10 a year, scaled
    /// to the period and rounded up (1 a month).
    pub fn diffusion_min_events(self) -> u32 {
        match self {
            IndicatorPeriod::Month => 1,
            IndicatorPeriod::Year => DIFFUSION_EVENTS_PER_YEAR,
        }
    }

    /// Whether an event dated this precisely can be placed in one period.
    fn fits(self, p: DatePrecision) -> bool {
        match self {
            IndicatorPeriod::Month => !matches!(p, DatePrecision::Year),
            IndicatorPeriod::Year => true,
        }
    }
}

impl std::str::FromStr for IndicatorPeriod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "month" => Ok(IndicatorPeriod::Month),
            "year" => Ok(IndicatorPeriod::Year),
            other => Err(format!("{other:?} is not month or year")),
        }
    }
}

/// ACLED's diffusion threshold: 10 events a year in a cell.
pub const DIFFUSION_EVENTS_PER_YEAR: u32 = 10;
/// Area of one hexagon, km² (ACLED's cells are about 10 × 10 km).
pub const HEX_AREA_KM2: f64 = 100.0;
/// An indicator is high from this percentile of its non-zero values, pooled over the data.
pub const HIGH_PERCENTILE: f64 = 0.8;

/// The state areas in km², computed from INEGI's state polygons (`mx_states_inegi.geojson`)
/// on the sphere; `tests/indicators_real.rs` recomputes them from the file.
pub const STATE_AREA_KM2: [(&str, f64); 32] = [
    ("01", 5667.0),
    ("02", 72775.0),
    ("03", 74865.0),
    ("04", 57828.0),
    ("05", 152202.0),
    ("06", 5653.0),
    ("07", 73732.0),
    ("08", 248316.0),
    ("09", 1500.0),
    ("10", 123895.0),
    ("11", 30743.0),
    ("12", 63971.0),
    ("13", 20924.0),
    ("14", 78999.0),
    ("15", 22466.0),
    ("16", 58921.0),
    ("17", 4905.0),
    ("18", 27992.0),
    ("19", 64424.0),
    ("20", 94291.0),
    ("21", 34473.0),
    ("22", 11756.0),
    ("23", 44976.0),
    ("24", 61428.0),
    ("25", 57652.0),
    ("26", 181197.0),
    ("27", 24873.0),
    ("28", 80584.0),
    ("29", 4016.0),
    ("30", 72281.0),
    ("31", 39718.0),
    ("32", 75591.0),
];

/// How many hexagons a state's area holds (at least one).
pub fn state_cells(code: &str) -> f64 {
    STATE_AREA_KM2
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(1.0, |(_, a)| (a / HEX_AREA_KM2).max(1.0))
}

/// The kinds that count as organised violence: clashes, attacks, killings, disappearances,
/// kidnappings, blockades and arson, a leader's killing, and OCVED's presence through
/// violence. Arrests, seizures, captures, extraditions, protests, riots and `other` do not.
pub fn is_violent(kind: EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Arrest
            | EventKind::Seizure
            | EventKind::LeaderCaptured
            | EventKind::Extradition
            | EventKind::Protest
            | EventKind::Riot
            | EventKind::Other
    )
}

/// An event targeting civilians: a homicide, massacre, disappearance or kidnapping (ACLED's
/// violence against civilians), or any event whose source counts civilians killed (UCDP).
pub fn targets_civilians(e: &Event) -> bool {
    matches!(
        e.kind,
        EventKind::Homicide
            | EventKind::Massacre
            | EventKind::Disappearance
            | EventKind::Kidnapping
    ) || e
        .measures
        .0
        .get("civilians_killed")
        .is_some_and(|v| *v > 0.0)
}

/// The hexagon (axial coordinates) of a point: pointy-top hexagons of `HEX_AREA_KM2` on an
/// equirectangular plane scaled at Mexico's middle latitude (23°N), which keeps areas within
/// a few per cent across the country.
pub fn hex_of(lat: f64, lon: f64) -> (i32, i32) {
    let k = 23f64.to_radians().cos();
    let x = lon * 111.32 * k;
    let y = lat * 110.57;
    // Side of a hexagon of that area: A = 3√3/2 · s².
    let s = (2.0 * HEX_AREA_KM2 / (3.0 * 3f64.sqrt())).sqrt();
    let q = (3f64.sqrt() / 3.0 * x - y / 3.0) / s;
    let r = (2.0 / 3.0 * y) / s;
    // Cube rounding.
    let (cx, cz) = (q, r);
    let cy = -cx - cz;
    let (mut rx, ry, mut rz) = (cx.round(), cy.round(), cz.round());
    let (dx, dy, dz) = ((rx - cx).abs(), (ry - cy).abs(), (rz - cz).abs());
    if dx > dy && dx > dz {
        rx = -ry - rz;
    } else if dy <= dz {
        rz = -rx - ry;
    }
    (rx as i32, rz as i32)
}

/// The level of a state in a period: how many of the four indicators are high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// No indicator high.
    None,
    /// One.
    Turbulent,
    /// Two.
    High,
    /// Three or four.
    Extreme,
}

impl Level {
    pub fn from_high(n: usize) -> Level {
        match n {
            0 => Level::None,
            1 => Level::Turbulent,
            2 => Level::High,
            _ => Level::Extreme,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Turbulent => "turbulent",
            Level::High => "high",
            Level::Extreme => "extreme",
        }
    }
}

/// One state in one period. The first fields are `CLI.md`'s.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub state: String,
    pub period: String,
    /// Fatalities of violent events.
    pub deadliness: f64,
    /// Violent events targeting civilians.
    pub danger: u32,
    /// Share of the state's hexagons with at least the period's threshold of violent events.
    pub diffusion: f64,
    /// Distinct armed groups named in violent events (factions as named).
    pub fragmentation: u32,
    pub level: Level,
    /// Violent events with this state and a date in the period.
    pub events: u32,
    /// The indicators at or above their threshold.
    pub high: Vec<&'static str>,
    /// Mean percentile rank of the four indicators among the 32 states in the period
    /// (0 = lowest on all, 1 = highest on all): the ranking `--compare` correlates.
    pub score: f64,
}

/// The thresholds from which an indicator is high (pooled 80th percentiles).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    pub deadliness: f64,
    pub danger: f64,
    pub diffusion: f64,
    pub fragmentation: f64,
}

/// Every state and period of the data.
#[derive(Debug, Clone, Serialize)]
pub struct Indicators {
    pub period: IndicatorPeriod,
    pub thresholds: Thresholds,
    /// The first and last periods of the data (dated violent events with a state).
    pub first_period: Option<String>,
    pub last_period: Option<String>,
    /// Violent events read, and those left out because their date is coarser than the period.
    pub events: u64,
    pub imprecise: u64,
    /// The import files behind the events, by format.
    pub sources: Vec<String>,
    /// 32 rows per period, periods in order, states by code.
    pub rows: Vec<Row>,
}

#[derive(Default)]
struct Acc {
    deadliness: f64,
    danger: u32,
    events: u32,
    cells: HashMap<(i32, i32), u32>,
    groups: BTreeSet<String>,
}

/// The `q`-quantile (inverse empirical CDF) of the positive values; 0 when there are none.
fn positive_quantile(values: impl Iterator<Item = f64>, q: f64) -> f64 {
    let mut v: Vec<f64> = values.filter(|x| *x > 0.0).collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let i = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1;
    v[i]
}

/// Average ranks (1 = smallest), ties sharing their mean rank.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && values[idx[j + 1]] == values[idx[i]] {
            j += 1;
        }
        let r = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            out[k] = r;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation (Pearson's on average ranks); `None` when either side is
/// constant.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma).powi(2);
        sbb += (y - mb).powi(2);
    }
    (saa > 0.0 && sbb > 0.0).then(|| sab / (saa * sbb).sqrt())
}

/// Computes the indicators for every state and period of the stored events.
pub fn compute(store: &Store, period: IndicatorPeriod) -> Result<Indicators, AnalysisError> {
    let mut acc: BTreeMap<(NaiveDate, String), Acc> = BTreeMap::new();
    let (mut events, mut imprecise) = (0u64, 0u64);
    let mut files: BTreeSet<String> = BTreeSet::new();
    store.for_each_event(&EventFilter::default(), |e| {
        let (Some(state), Some(date)) = (e.state.as_deref(), e.date.as_deref()) else {
            return Ok(());
        };
        if !is_violent(e.kind) || gazetteer::state(state).is_none() {
            return Ok(());
        }
        let Ok(day) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
            return Ok(());
        };
        events += 1;
        if !period.fits(e.date_precision) {
            imprecise += 1;
            return Ok(());
        }
        files.insert(format!("{} {}", e.origin.format, e.origin.file));
        let a = acc
            .entry((period.start(day), state.to_string()))
            .or_default();
        a.events += 1;
        a.deadliness += e.measures.0.get("fatalities").copied().unwrap_or(0.0);
        if targets_civilians(&e) {
            a.danger += 1;
        }
        // Coordinates as precise as a place within a municipality; a state's centroid would
        // make one hexagon look violent.
        if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
            if e.geo_precision.is_none_or(|g| g <= 2) {
                *a.cells.entry(hex_of(lat, lon)).or_default() += 1;
            }
        }
        for g in e.actors.iter().filter(|g| is_armed_group(g)) {
            a.groups.insert(g.clone());
        }
        Ok(())
    })?;
    let starts: Vec<NaiveDate> = match (acc.keys().next(), acc.keys().next_back()) {
        (Some((first, _)), Some((last, _))) => {
            let mut v = vec![*first];
            while *v.last().expect("non-empty") < *last {
                v.push(period.next(*v.last().expect("non-empty")));
            }
            v
        }
        _ => Vec::new(),
    };
    let min_cell = period.diffusion_min_events();
    let mut rows = Vec::with_capacity(starts.len() * STATES.len());
    for &start in &starts {
        for st in STATES.iter() {
            let a = acc
                .remove(&(start, st.code.to_string()))
                .unwrap_or_default();
            let violent_cells = a.cells.values().filter(|n| **n >= min_cell).count() as f64;
            rows.push(Row {
                state: st.code.to_string(),
                period: period.label(start),
                deadliness: a.deadliness,
                danger: a.danger,
                diffusion: (violent_cells / state_cells(st.code)).min(1.0),
                fragmentation: a.groups.len() as u32,
                level: Level::None,
                events: a.events,
                high: Vec::new(),
                score: 0.0,
            });
        }
    }
    let thresholds = Thresholds {
        deadliness: positive_quantile(rows.iter().map(|r| r.deadliness), HIGH_PERCENTILE),
        danger: positive_quantile(rows.iter().map(|r| f64::from(r.danger)), HIGH_PERCENTILE),
        diffusion: positive_quantile(rows.iter().map(|r| r.diffusion), HIGH_PERCENTILE),
        fragmentation: positive_quantile(
            rows.iter().map(|r| f64::from(r.fragmentation)),
            HIGH_PERCENTILE,
        ),
    };
    for r in &mut rows {
        let values = values_of(r);
        let limits = [
            thresholds.deadliness,
            thresholds.danger,
            thresholds.diffusion,
            thresholds.fragmentation,
        ];
        r.high = NAMES
            .iter()
            .zip(values.iter().zip(limits))
            .filter(|(_, (v, t))| **v > 0.0 && *t > 0.0 && **v >= *t)
            .map(|(n, _)| *n)
            .collect();
        r.level = Level::from_high(r.high.len());
    }
    for chunk in rows.chunks_mut(STATES.len()) {
        let mut score = vec![0.0; chunk.len()];
        for i in 0..4 {
            let v: Vec<f64> = chunk.iter().map(|r| values_of(r)[i]).collect();
            let rk = ranks(&v);
            let n = chunk.len() as f64;
            for (s, r) in score.iter_mut().zip(rk) {
                *s += (r - 1.0) / (n - 1.0) / 4.0;
            }
        }
        for (r, s) in chunk.iter_mut().zip(score) {
            r.score = s;
        }
    }
    Ok(Indicators {
        period,
        thresholds,
        first_period: starts.first().map(|d| period.label(*d)),
        last_period: starts.last().map(|d| period.label(*d)),
        events,
        imprecise,
        sources: files.into_iter().collect(),
        rows,
    })
}

/// The indicators' names, in the order of `values_of`.
pub const NAMES: [&str; 4] = ["deadliness", "danger", "diffusion", "fragmentation"];

fn values_of(r: &Row) -> [f64; 4] {
    [
        r.deadliness,
        f64::from(r.danger),
        r.diffusion,
        f64::from(r.fragmentation),
    ]
}

/// The rows of `state` (code or name) whose period overlaps `from`…`to`.
pub fn select(
    ind: &Indicators,
    state: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Row>, AnalysisError> {
    let code = match state {
        Some(s) => Some(
            gazetteer::state_by_name(s)
                .ok_or_else(|| {
                    AnalysisError::Invalid(format!(
                        "--state: {s:?} is not a Mexican state (use a code 01–32 or a name)"
                    ))
                })?
                .code,
        ),
        None => None,
    };
    let lo = from.map(|d| ind.period.label(d));
    let hi = to.map(|d| ind.period.label(d));
    Ok(ind
        .rows
        .iter()
        .filter(|r| code.is_none_or(|c| r.state == c))
        .filter(|r| lo.as_ref().is_none_or(|l| r.period >= *l))
        .filter(|r| hi.as_ref().is_none_or(|h| r.period <= *h))
        .cloned()
        .collect())
}

/// How a period's ranking of the states agrees with an official series' ranking.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub period: String,
    pub measure: String,
    /// Spearman's ρ between the states' `score` and the official totals.
    pub spearman_score: Option<f64>,
    /// The same with deadliness alone.
    pub spearman_deadliness: Option<f64>,
    /// States in the comparison (all 32).
    pub states: usize,
    /// Violent events behind the period's indicators.
    pub events: u64,
}

/// Per period with both data: Spearman's ρ between the indicators' ranking of the 32 states
/// and their totals of `measure` (an imported monthly indicator, summed over the period).
pub fn compare(
    store: &Store,
    ind: &Indicators,
    measure: &str,
) -> Result<Vec<Comparison>, AnalysisError> {
    let points = store.series(&SeriesQuery {
        period: atalaya_core::period::PeriodKind::Month,
        by: Some(atalaya_store::query::By::State),
        measure: Measure::Indicator(measure.to_string()),
        state: None,
        kind: None,
        actor: None,
        from: None,
        to: None,
    })?;
    // Official totals per period and state; a period counts only when every state has all
    // of its months (a year with half its months would rank nothing real).
    let mut totals: BTreeMap<String, BTreeMap<String, (f64, u32)>> = BTreeMap::new();
    for p in points {
        let label = match ind.period {
            IndicatorPeriod::Month => p.period.clone(),
            IndicatorPeriod::Year => p.period[..4].to_string(),
        };
        let e = totals.entry(label).or_default().entry(p.key).or_default();
        e.0 += p.value;
        e.1 += 1;
    }
    let months = match ind.period {
        IndicatorPeriod::Month => 1,
        IndicatorPeriod::Year => 12,
    };
    let (lo, hi) = match store.indicator_month_range(measure)? {
        Some(r) => r,
        None => return Ok(Vec::new()),
    };
    let mut out = Vec::new();
    for chunk in ind.rows.chunks(STATES.len()) {
        let period = &chunk[0].period;
        let Some(official) = totals.get(period) else {
            continue;
        };
        // Inside the official series' range, with all months present.
        if period.as_str() < &lo[..period.len()] || period.as_str() > &hi[..period.len()] {
            continue;
        }
        let complete = chunk
            .iter()
            .all(|r| official.get(&r.state).is_some_and(|(_, n)| *n == months));
        let events: u64 = chunk.iter().map(|r| u64::from(r.events)).sum();
        if !complete || events == 0 {
            continue;
        }
        let y: Vec<f64> = chunk.iter().map(|r| official[&r.state].0).collect();
        let score: Vec<f64> = chunk.iter().map(|r| r.score).collect();
        let dead: Vec<f64> = chunk.iter().map(|r| r.deadliness).collect();
        out.push(Comparison {
            period: period.clone(),
            measure: measure.to_string(),
            spearman_score: spearman(&score, &y),
            spearman_deadliness: spearman(&dead, &y),
            states: chunk.len(),
            events,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_ties_and_spearman_is_one_for_a_monotone_pair() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
        let a = [1.0, 2.0, 3.0, 10.0];
        let b = [2.0, 4.0, 9.0, 100.0];
        assert!((spearman(&a, &b).unwrap() - 1.0).abs() < 1e-12);
        let rev: Vec<f64> = b.iter().map(|x| -x).collect();
        assert!((spearman(&a, &rev).unwrap() + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&a, &[1.0; 4]), None);
    }

    #[test]
    fn quantiles_ignore_zeros() {
        let v = [0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(positive_quantile(v.into_iter(), 0.8), 4.0);
        assert_eq!(positive_quantile([0.0, 0.0].into_iter(), 0.8), 0.0);
    }

    #[test]
    fn hexagons_are_about_ten_kilometres_across() {
        // Two points 1 km apart usually share a hexagon; 30 km apart never do.
        let a = hex_of(24.8, -107.4);
        assert_eq!(a, hex_of(24.8, -107.4));
        assert_ne!(a, hex_of(24.8 + 30.0 / 110.57, -107.4));
        // Every hexagon near a point lies within about its diameter.
        let mut seen = BTreeSet::new();
        for i in 0..100 {
            for j in 0..100 {
                seen.insert(hex_of(24.0 + i as f64 * 0.01, -107.0 + j as f64 * 0.01));
            }
        }
        // 1°×1° at 24°N ≈ 110.6 × 101.7 km ≈ 11,250 km²: about 112 hexagons of 100 km²,
        // plus those cut by the square's edges.
        assert!((100..=160).contains(&seen.len()), "{}", seen.len());
    }

    #[test]
    fn levels_count_high_indicators() {
        assert_eq!(Level::from_high(0), Level::None);
        assert_eq!(Level::from_high(1), Level::Turbulent);
        assert_eq!(Level::from_high(2), Level::High);
        assert_eq!(Level::from_high(4), Level::Extreme);
        assert_eq!(serde_json::to_value(Level::Extreme).unwrap(), "extreme");
    }

    #[test]
    fn state_areas_add_up_to_mexico() {
        let total: f64 = STATE_AREA_KM2.iter().map(|(_, a)| a).sum();
        // INEGI: 1,964,375 km² of land; polygons include some coastal water.
        assert!((1.95e6..2.0e6).contains(&total), "{total}");
        assert_eq!(state_cells("09"), 15.0);
    }
}
