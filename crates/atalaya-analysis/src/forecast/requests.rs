//! Forecasts and alerts as the CLI and the server ask for them: the panel of a measure from
//! its first data to the last complete period on or before a date, the description of its
//! sources, and the alert rules that apply to it.

use atalaya_core::period::{next_period, parse_period, period_start, PeriodKind};
use atalaya_store::query::Measure;
use atalaya_store::Store;
use chrono::{Duration, NaiveDate};

use super::{model_q90, surge, threat, Alert, AlertOptions};
use crate::{AnalysisError, Panel, PanelQuery};

/// The first and last day of data for the measure, or an error naming what is missing.
pub fn data_range(store: &Store, m: &Measure) -> Result<(NaiveDate, NaiveDate), AnalysisError> {
    match m {
        Measure::Indicator(name) => {
            let Some((lo, hi)) = store.indicator_month_range(name)? else {
                let known: Vec<String> = store.stats()?.indicators.into_keys().collect();
                return Err(AnalysisError::Invalid(format!(
                    "measure: no indicator {name:?} in the database (imported: {})",
                    if known.is_empty() {
                        "none; run `atalaya import sesnsp FILE`".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            };
            let month =
                |s: &str| parse_period(PeriodKind::Month, s).map_err(AnalysisError::Invalid);
            let last_start = month(&hi)?;
            Ok((
                month(&lo)?,
                next_period(PeriodKind::Month, last_start) - Duration::days(1),
            ))
        }
        _ => store.event_day_range()?.ok_or_else(|| {
            AnalysisError::InsufficientData("the database holds no dated events".into())
        }),
    }
}

/// The last complete period ending on or before `d`: its first day.
pub fn last_complete(kind: PeriodKind, d: NaiveDate) -> NaiveDate {
    let start = period_start(kind, d);
    if next_period(kind, start) - Duration::days(1) <= d {
        start
    } else {
        period_start(kind, start - Duration::days(1))
    }
}

/// The panel from the first day of data (or `from`) to the last complete period on or
/// before `until` (or the end of the data).
pub fn load_panel(
    store: &Store,
    m: &Measure,
    kind: PeriodKind,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Result<Panel, AnalysisError> {
    if matches!(m, Measure::Indicator(_)) && kind == PeriodKind::Week {
        return Err(AnalysisError::Invalid(
            "period week: official indicators are monthly; use month".into(),
        ));
    }
    let (first, last) = data_range(store, m)?;
    let end_day = until.map_or(last, |u| u.min(last));
    let last_start = last_complete(kind, end_day);
    let from = from.unwrap_or(first).max(first);
    if last_start < from {
        return Err(AnalysisError::InsufficientData(format!(
            "no complete {kind} of data between {from} and {end_day}"
        )));
    }
    Panel::load(
        store,
        &PanelQuery {
            period: kind,
            measure: m.clone(),
            kind: None,
            actor: None,
            from,
            to: last_start,
        },
    )
}

/// Where the numbers come from: the measure and its import files.
pub fn source(store: &Store, m: &Measure) -> Result<String, AnalysisError> {
    let files: Vec<String> = store
        .source_files(m, None, None)?
        .into_iter()
        .map(|(format, file)| format!("{format} {file}"))
        .collect();
    let what = match m {
        Measure::Events => "events".to_string(),
        Measure::Fatalities => "fatalities".to_string(),
        Measure::Indicator(n) => format!("indicator {n}"),
    };
    Ok(if files.is_empty() {
        format!("{what} (no import recorded)")
    } else {
        format!("{what} from {}", files.join(", "))
    })
}

/// The alerts as of a date, with notes on rules that do not apply and the source.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AlertReport {
    pub alerts: Vec<Alert>,
    pub notes: Vec<String>,
    pub source: String,
}

/// ACLED's threat rule on months; its surge rule on weeks when the measure has weeks (events,
/// fatalities); the model's q90 rule on `model_period` (months for an official series).
pub fn alerts(
    store: &Store,
    m: &Measure,
    as_of: Option<NaiveDate>,
    model_period: PeriodKind,
    opts: &AlertOptions,
) -> Result<AlertReport, AnalysisError> {
    let mut alerts = Vec::new();
    let mut notes = Vec::new();
    let monthly = load_panel(store, m, PeriodKind::Month, None, as_of)?;
    alerts.extend(threat(&monthly, monthly.periods() - 1, opts)?);
    if let Measure::Indicator(name) = m {
        notes.push(format!(
            "surge rule not applied: {name} is monthly and the rule compares weeks"
        ));
        alerts.extend(model_q90(&monthly, monthly.periods() - 1, opts)?);
    } else {
        let weekly = load_panel(store, m, PeriodKind::Week, None, as_of)?;
        alerts.extend(surge(&weekly, weekly.periods() - 1, opts)?);
        let panel = match model_period {
            PeriodKind::Week => &weekly,
            PeriodKind::Month => &monthly,
        };
        alerts.extend(model_q90(panel, panel.periods() - 1, opts)?);
    }
    Ok(AlertReport {
        alerts,
        notes,
        source: source(store, m)?,
    })
}
