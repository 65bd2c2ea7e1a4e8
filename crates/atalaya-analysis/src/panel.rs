//! A state × period panel of one outcome, read from the store's zero-filled series: the
//! common input of the impact study and the forecast model.

use atalaya_core::gazetteer::STATES;
use atalaya_core::period::{period_start, periods, PeriodKind};
use atalaya_core::EventKind;
use atalaya_store::query::{By, Measure, SeriesQuery};
use atalaya_store::Store;
use chrono::NaiveDate;

use crate::AnalysisError;

/// What to count, where and when.
#[derive(Debug, Clone)]
pub struct PanelQuery {
    pub period: PeriodKind,
    pub measure: Measure,
    /// Only events of this kind (event measures only).
    pub kind: Option<EventKind>,
    /// Only events naming this actor (event measures only).
    pub actor: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Counts for all 32 states over consecutive periods; `values[s][t]` is state `states[s]`
/// in period `labels[t]`. Periods with no data are zero, as in `series`.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub period: PeriodKind,
    pub states: Vec<String>,
    pub labels: Vec<String>,
    pub starts: Vec<NaiveDate>,
    pub values: Vec<Vec<f64>>,
}

impl Panel {
    /// Reads the panel. Events without a state are left out: a panel is per state.
    pub fn load(store: &Store, q: &PanelQuery) -> Result<Panel, AnalysisError> {
        if q.from > q.to {
            return Err(AnalysisError::Invalid(format!(
                "the panel starts ({}) after it ends ({})",
                q.from, q.to
            )));
        }
        let sq = SeriesQuery {
            period: q.period,
            by: Some(By::State),
            measure: q.measure.clone(),
            state: None,
            kind: q.kind,
            actor: q.actor.clone(),
            from: Some(q.from),
            to: Some(q.to),
        };
        let points = store.series(&sq)?;
        let starts_labels = periods(q.period, q.from, q.to);
        let states: Vec<String> = STATES.iter().map(|s| s.code.to_string()).collect();
        let mut values = vec![vec![0.0; starts_labels.len()]; states.len()];
        let index: std::collections::HashMap<&str, usize> = starts_labels
            .iter()
            .enumerate()
            .map(|(i, (_, l))| (l.as_str(), i))
            .collect();
        for p in &points {
            let Ok(code) = p.key.parse::<usize>() else {
                continue;
            };
            if !(1..=32).contains(&code) {
                continue;
            }
            if let Some(&t) = index.get(p.period.as_str()) {
                values[code - 1][t] = p.value;
            }
        }
        Ok(Panel {
            period: q.period,
            states,
            labels: starts_labels.iter().map(|(_, l)| l.clone()).collect(),
            starts: starts_labels.iter().map(|(d, _)| *d).collect(),
            values,
        })
    }

    /// The index of the period containing `date`, if the panel covers it.
    pub fn period_of(&self, date: NaiveDate) -> Option<usize> {
        let start = period_start(self.period, date);
        self.starts.iter().position(|s| *s == start)
    }

    /// The row of a state by INEGI code.
    pub fn state_index(&self, code: &str) -> Option<usize> {
        self.states.iter().position(|s| s == code)
    }

    pub fn periods(&self) -> usize {
        self.labels.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atalaya_core::period::parse_date;

    #[test]
    fn empty_store_gives_a_zero_panel_of_all_states() {
        let store = Store::open_in_memory().unwrap();
        let q = PanelQuery {
            period: PeriodKind::Month,
            measure: Measure::Events,
            kind: None,
            actor: None,
            from: parse_date("2024-01-15").unwrap(),
            to: parse_date("2024-03-02").unwrap(),
        };
        let p = Panel::load(&store, &q).unwrap();
        assert_eq!(p.states.len(), 32);
        assert_eq!(p.labels, vec!["2024-01", "2024-02", "2024-03"]);
        assert!(p.values.iter().flatten().all(|v| *v == 0.0));
        assert_eq!(p.period_of(parse_date("2024-02-29").unwrap()), Some(1));
        assert_eq!(p.period_of(parse_date("2024-04-01").unwrap()), None);
        assert_eq!(p.state_index("25"), Some(24));
    }

    #[test]
    fn reversed_range_is_rejected() {
        let store = Store::open_in_memory().unwrap();
        let q = PanelQuery {
            period: PeriodKind::Week,
            measure: Measure::Events,
            kind: None,
            actor: None,
            from: parse_date("2024-03-01").unwrap(),
            to: parse_date("2024-01-01").unwrap(),
        };
        assert!(matches!(
            Panel::load(&store, &q),
            Err(AnalysisError::Invalid(_))
        ));
    }
}
