//! Fitted forecasts kept for the requests that follow. The dashboard's state view asks for
//! a forecast's table (`/api/v1/forecast`) and its chart (`/api/v1/forecast.svg`) at once,
//! and every state of one measure and date shares the same fit: without this each of those
//! requests would fit the model again (seconds of work) for the same answer.
//!
//! An entry is keyed by the panel the model was fitted on (every count, period and state)
//! and the horizon, which is all a fit depends on (its simulation is seeded): an answer from
//! the cache is the one a new fit would give. A write to the store (`POST /api/v1/code`, an
//! import by the CLI) changes the panel it touches, so the next request misses and fits the
//! new data; entries nobody asks for any more leave as the least recently used.
//!
//! The answers also name their sources (the import files of the measure), which takes a
//! scan of every event; those lines are kept by measure and the store's data version
//! (`Store::data_version`), so they are recomputed after any write and only then.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use atalaya_analysis::forecast::Forecast;
use atalaya_analysis::Panel;

use crate::error::ApiError;

/// A weekly panel of all years is a few hundred kilobytes: this bounds the cache to a few MB.
pub const CAPACITY: usize = 16;

struct Entry {
    horizon: usize,
    panel: Panel,
    /// Filled once; requests for the same fit that arrive meanwhile wait for it.
    result: OnceLock<Result<Arc<Forecast>, ApiError>>,
}

pub struct FitCache {
    capacity: usize,
    /// Least recently used first.
    entries: Mutex<VecDeque<Arc<Entry>>>,
    fits: AtomicU64,
    /// (measure, data version) → source line, least recently used first.
    sources: Mutex<VecDeque<(String, i64, String)>>,
    source_scans: AtomicU64,
}

impl FitCache {
    pub fn new(capacity: usize) -> FitCache {
        FitCache {
            capacity: capacity.max(1),
            entries: Mutex::new(VecDeque::new()),
            fits: AtomicU64::new(0),
            sources: Mutex::new(VecDeque::new()),
            source_scans: AtomicU64::new(0),
        }
    }

    /// The source line of `measure` at data version `version`: the remembered one, or
    /// `scan`'s. Two requests arriving together may both scan; they get the same line.
    pub fn source(
        &self,
        measure: &str,
        version: i64,
        scan: impl FnOnce() -> Result<String, ApiError>,
    ) -> Result<String, ApiError> {
        {
            let mut sources = self.sources.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(i) = sources
                .iter()
                .position(|(m, v, _)| m == measure && *v == version)
            {
                let hit = sources.remove(i).expect("found above");
                let line = hit.2.clone();
                sources.push_back(hit);
                return Ok(line);
            }
        }
        self.source_scans.fetch_add(1, Ordering::Relaxed);
        let line = scan()?;
        let mut sources = self.sources.lock().unwrap_or_else(|p| p.into_inner());
        sources.push_back((measure.to_string(), version, line.clone()));
        if sources.len() > self.capacity {
            sources.pop_front();
        }
        Ok(line)
    }

    /// How many times a source line was computed (not remembered).
    pub fn source_scans(&self) -> u64 {
        self.source_scans.load(Ordering::Relaxed)
    }

    /// The forecast of `panel` over `horizon` periods: the cached one, or `fit`'s, run once
    /// however many requests ask for it at the same time.
    pub fn get_or_fit(
        &self,
        panel: &Panel,
        horizon: usize,
        fit: impl FnOnce(&Panel) -> Result<Forecast, ApiError>,
    ) -> Result<Arc<Forecast>, ApiError> {
        let entry = {
            let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
            let found = entries
                .iter()
                .position(|e| e.horizon == horizon && e.panel == *panel);
            match found.and_then(|i| entries.remove(i)) {
                Some(e) => {
                    entries.push_back(e.clone());
                    e
                }
                None => {
                    let e = Arc::new(Entry {
                        horizon,
                        panel: panel.clone(),
                        result: OnceLock::new(),
                    });
                    entries.push_back(e.clone());
                    if entries.len() > self.capacity {
                        entries.pop_front();
                    }
                    e
                }
            }
        };
        entry
            .result
            .get_or_init(|| {
                self.fits.fetch_add(1, Ordering::Relaxed);
                fit(&entry.panel).map(Arc::new)
            })
            .clone()
    }

    /// How many times the model has been fitted (not answered from the cache).
    pub fn fits(&self) -> u64 {
        self.fits.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atalaya_analysis::forecast::{self, ForecastOptions};
    use atalaya_core::period::PeriodKind;
    use chrono::NaiveDate;

    /// 32 states × 30 months of counts with a seasonal swing.
    fn panel(bump: f64) -> Panel {
        let starts: Vec<NaiveDate> = (0..30)
            .map(|t| NaiveDate::from_ymd_opt(2022 + t / 12, (t % 12) as u32 + 1, 1).unwrap())
            .collect();
        Panel {
            period: PeriodKind::Month,
            states: atalaya_core::gazetteer::STATES
                .iter()
                .map(|s| s.code.to_string())
                .collect(),
            labels: starts
                .iter()
                .map(|d| d.format("%Y-%m").to_string())
                .collect(),
            values: (0..32)
                .map(|s| {
                    (0..30)
                        .map(|t| {
                            (5 + s % 7 + (t % 12) / 3) as f64 + if s == 0 { bump } else { 0.0 }
                        })
                        .collect()
                })
                .collect(),
            starts,
        }
    }

    fn fit(p: &Panel) -> Result<Forecast, ApiError> {
        let opts = ForecastOptions {
            paths: 200,
            ..ForecastOptions::default()
        };
        forecast::forecast(p, p.periods(), 2, &opts).map_err(|e| ApiError::bad(e.to_string()))
    }

    #[test]
    fn a_source_line_is_computed_once_per_measure_and_data_version() {
        let cache = FitCache::new(2);
        let line = |s: &str| {
            let s = s.to_string();
            move || Ok(s)
        };
        assert_eq!(cache.source("events", 3, line("a")).unwrap(), "a");
        assert_eq!(cache.source("events", 3, line("b")).unwrap(), "a");
        assert_eq!(cache.source_scans(), 1);
        // A write moves the version: the line is computed again.
        assert_eq!(cache.source("events", 4, line("c")).unwrap(), "c");
        assert_eq!(cache.source("fatalities", 4, line("d")).unwrap(), "d");
        assert_eq!(cache.source_scans(), 3);
        // Capacity 2: the oldest entry (events at 3) has left.
        assert_eq!(cache.source("events", 3, line("e")).unwrap(), "e");
        // A failed scan is not remembered.
        assert!(cache
            .source("homicidio_doloso", 4, || Err(ApiError::bad("no")))
            .is_err());
        assert_eq!(cache.source("homicidio_doloso", 4, line("f")).unwrap(), "f");
    }

    #[test]
    fn the_same_panel_is_fitted_once_and_answers_the_same() {
        let cache = FitCache::new(4);
        let a = cache.get_or_fit(&panel(0.0), 2, fit).unwrap();
        let b = cache.get_or_fit(&panel(0.0), 2, fit).unwrap();
        assert_eq!(cache.fits(), 1);
        assert!(Arc::ptr_eq(&a, &b));
        // What the cache answers is what a fit of its own gives.
        let fresh = fit(&panel(0.0)).unwrap();
        assert_eq!(a.forecasts, fresh.forecasts);
        assert_eq!(a.fit.phi, fresh.fit.phi);
    }

    #[test]
    fn changed_counts_or_another_horizon_fit_again() {
        let cache = FitCache::new(4);
        cache.get_or_fit(&panel(0.0), 2, fit).unwrap();
        // One more event in one state and month: new data, a new fit.
        let changed = cache.get_or_fit(&panel(1.0), 2, fit).unwrap();
        assert_eq!(cache.fits(), 2);
        assert_eq!(changed.forecasts, fit(&panel(1.0)).unwrap().forecasts);
        cache.get_or_fit(&panel(0.0), 3, fit).unwrap();
        assert_eq!(cache.fits(), 3);
    }

    #[test]
    fn the_least_recently_used_fit_leaves_first() {
        let cache = FitCache::new(2);
        let count = |_: &Panel| -> Result<Forecast, ApiError> { Err(ApiError::bad("not fitted")) };
        cache.get_or_fit(&panel(0.0), 1, count).unwrap_err();
        cache.get_or_fit(&panel(1.0), 1, count).unwrap_err();
        // Using the first again makes the second the oldest; a third entry evicts it.
        cache.get_or_fit(&panel(0.0), 1, count).unwrap_err();
        cache.get_or_fit(&panel(2.0), 1, count).unwrap_err();
        assert_eq!(cache.fits(), 3);
        cache.get_or_fit(&panel(0.0), 1, count).unwrap_err();
        assert_eq!(cache.fits(), 3);
        cache.get_or_fit(&panel(1.0), 1, count).unwrap_err();
        assert_eq!(cache.fits(), 4);
    }

    #[test]
    fn requests_at_the_same_time_share_one_fit() {
        let cache = FitCache::new(4);
        let p = panel(0.0);
        let barrier = std::sync::Barrier::new(4);
        let answers: Vec<Arc<Forecast>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        cache.get_or_fit(&p, 2, fit).unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(cache.fits(), 1);
        assert!(answers.iter().all(|a| Arc::ptr_eq(a, &answers[0])));
    }
}
