//! `atalaya check`: is the database file sound, and do the aggregate tables say what a
//! recount of the events says? The aggregates are kept in step by the writer inside each
//! import's transaction (never recomputed), so a fault there would silently skew every
//! series and map: this is the check a user runs after a crash, a full disk or a copy.

use std::collections::BTreeMap;

use atalaya_core::period::from_day_number;
use rusqlite::Connection;
use serde::Serialize;

use crate::query::{EventFilter, ReviewFilter};
use crate::write::{event_day, periods_of};
use crate::{schema, Store, StoreError};

/// One thing found wrong.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Fault {
    /// Which check found it: `integrity`, `foreign_keys`, `schema`, `events` or
    /// `aggregates`.
    pub check: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub ok: bool,
    pub faults: Vec<Fault>,
    /// Events read back and recounted.
    pub events: u64,
    /// Rows of `agg_kind`, `agg_actor` and `agg_state` compared with the recount.
    pub aggregate_rows: u64,
}

/// Mismatched aggregate rows listed per table; the rest are counted in one fault.
const LISTED: usize = 20;

/// (period kind `W`/`M`, period start as a day number, state or '', kind or actor or '').
type Key = (u8, i32, String, String);
type Counts = BTreeMap<Key, (i64, f64)>;

impl Store {
    /// Runs every check; `progress` gets (events recounted, events in the table). A
    /// check that cannot even run on this file (a damaged page fails the read) is a fault
    /// too, and the checks that would read through it are skipped.
    pub fn check(&self, progress: &mut dyn FnMut(u64, u64)) -> CheckReport {
        let mut faults = Vec::new();
        let report = |faults: Vec<Fault>, events, aggregate_rows| CheckReport {
            ok: faults.is_empty(),
            faults,
            events,
            aggregate_rows,
        };
        let failed = |check: &'static str, e: StoreError| Fault {
            check,
            message: e.to_string(),
        };
        match self.check_file() {
            Ok(found) => faults.extend(found),
            Err(e) => faults.push(failed("integrity", e)),
        }
        // Reads through a damaged file can fail or mislead: what was found says why.
        if !faults.is_empty() {
            return report(faults, 0, 0);
        }
        let (events, recounts) = match self.recount(&mut faults, progress) {
            Ok(r) => r,
            Err(e) => {
                faults.push(failed("events", e));
                return report(faults, 0, 0);
            }
        };
        // Aggregates loaded from a cluster (`import aggregates`, only into a database
        // without events) have no events here to be recounted from.
        let from_cluster = events == 0
            && self
                .conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM imports WHERE format = 'aggregates')",
                    [],
                    |r| r.get::<_, bool>(0),
                )
                .unwrap_or(false);
        let mut aggregate_rows = 0;
        for ((table, key), recount) in [
            ("agg_kind", "kind"),
            ("agg_actor", "actor"),
            ("agg_state", "''"),
        ]
        .into_iter()
        .zip(recounts)
        {
            match stored_counts(&self.conn, table, key) {
                Ok(stored) => {
                    aggregate_rows += stored.len() as u64;
                    if !from_cluster {
                        compare(table, &stored, &recount, &mut faults);
                    }
                }
                Err(e) => faults.push(failed("aggregates", e)),
            }
        }
        report(faults, events, aggregate_rows)
    }

    /// SQLite's own checks of the file, and the schema version.
    fn check_file(&self) -> Result<Vec<Fault>, StoreError> {
        let conn = &self.conn;
        let mut faults = Vec::new();
        let integrity = pragma_lines(conn, "PRAGMA integrity_check(100)")?;
        if integrity != ["ok"] {
            faults.extend(integrity.into_iter().map(|m| Fault {
                check: "integrity",
                message: m,
            }));
        }
        let mut st = conn.prepare("PRAGMA foreign_key_check")?;
        let rows = st.query_map([], |r| {
            Ok(format!(
                "{} row {} refers to a missing {} row",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?
                    .map_or("?".into(), |n| n.to_string()),
                r.get::<_, String>(2)?
            ))
        })?;
        for m in rows {
            faults.push(Fault {
                check: "foreign_keys",
                message: m?,
            });
        }
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version as usize != schema::version() {
            faults.push(Fault {
                check: "schema",
                message: format!(
                    "schema version {version}, this atalaya expects {}",
                    schema::version()
                ),
            });
        }
        Ok(faults)
    }

    /// Every event read back as the query layer reads it (text blocks included, so an
    /// unreadable event is a fault) and counted as the writer counts it: per kind, per
    /// actor, per state.
    fn recount(
        &self,
        faults: &mut Vec<Fault>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<(u64, [Counts; 3]), StoreError> {
        let total: u64 = self
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
        let (mut by_kind, mut by_actor, mut by_state) =
            (Counts::new(), Counts::new(), Counts::new());
        let mut events = 0u64;
        let mut undated: Option<String> = None;
        // Every event is read back; the aggregates count imported rows and accepted news.
        let all = EventFilter {
            review: ReviewFilter::All,
            ..EventFilter::default()
        };
        self.for_each_reviewed_event_after(&all, None, |r| {
            events += 1;
            if events.is_multiple_of(4096) {
                progress(events, total);
            }
            if !matches!(r.review, None | Some(atalaya_core::Review::Accepted)) {
                return Ok(());
            }
            let e = r.event;
            let day = match event_day(&e) {
                Ok(day) => day,
                Err(err) => {
                    undated.get_or_insert(err.to_string());
                    return Ok(());
                }
            };
            let (periods, n) = periods_of(day, e.date_precision);
            let state = e.state.clone().unwrap_or_default();
            let fatalities = e.fatalities();
            let mut actors: Vec<&String> = e.actors.iter().collect();
            actors.sort_unstable();
            actors.dedup();
            for &(code, start) in &periods[..n] {
                let add = |map: &mut Counts, key: &str| {
                    let c = map
                        .entry((code, start, state.clone(), key.to_string()))
                        .or_default();
                    c.0 += 1;
                    c.1 += fatalities;
                };
                add(&mut by_kind, e.kind.as_str());
                add(&mut by_state, "");
                for a in &actors {
                    add(&mut by_actor, a);
                }
            }
            Ok(())
        })?;
        progress(events, total);
        if let Some(m) = undated {
            faults.push(Fault {
                check: "events",
                message: m,
            });
        }
        if events != total {
            faults.push(Fault {
                check: "events",
                message: format!("{total} events stored, {events} read back"),
            });
        }
        Ok((events, [by_kind, by_actor, by_state]))
    }
}

fn pragma_lines(conn: &Connection, sql: &str) -> Result<Vec<String>, StoreError> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn stored_counts(conn: &Connection, table: &str, key: &str) -> Result<Counts, StoreError> {
    // Table and column names are this module's own constants.
    let mut st = conn.prepare(&format!(
        "SELECT pkind, pstart, state, {key}, events, fatalities FROM {table}"
    ))?;
    let rows = st.query_map([], |r| {
        let pkind: String = r.get(0)?;
        Ok((
            (
                pkind.bytes().next().unwrap_or(b'?'),
                r.get::<_, i32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ),
            (r.get::<_, i64>(4)?, r.get::<_, f64>(5)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Sums of the same fatalities in another order differ in the last bits.
fn same_fatalities(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

fn compare(table: &'static str, stored: &Counts, recount: &Counts, faults: &mut Vec<Fault>) {
    let zero = (0, 0.0);
    let mut wrong = 0usize;
    let keys = stored
        .keys()
        .chain(recount.keys().filter(|k| !stored.contains_key(*k)));
    for key in keys {
        let s = stored.get(key).unwrap_or(&zero);
        let r = recount.get(key).unwrap_or(&zero);
        if s.0 == r.0 && same_fatalities(s.1, r.1) {
            continue;
        }
        wrong += 1;
        if wrong > LISTED {
            continue;
        }
        let (code, start, state, what) = key;
        let period = if *code == b'W' { "week" } else { "month" };
        let mut at = format!("{period} of {}", from_day_number(*start));
        at.push_str(&format!(
            ", state {}",
            if state.is_empty() { "(none)" } else { state }
        ));
        if !what.is_empty() {
            at.push_str(&format!(", {what}"));
        }
        faults.push(Fault {
            check: "aggregates",
            message: format!(
                "{table}: {at}: stored {} events, {} fatalities; the events say {} and {}",
                s.0, s.1, r.0, r.1
            ),
        });
    }
    if wrong > LISTED {
        faults.push(Fault {
            check: "aggregates",
            message: format!("{table}: {} more rows disagree", wrong - LISTED),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Format, ImportOptions};
    use crate::synth::{self, SynthConfig};

    fn checked(store: &Store) -> CheckReport {
        store.check(&mut |_, _| {})
    }

    #[test]
    fn a_sound_database_passes_and_damaged_aggregates_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("synth.csv");
        let cfg = SynthConfig {
            events: 1500,
            seed: 9,
            ..SynthConfig::default()
        };
        synth::generate_file(&cfg, &csv).unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        let empty = checked(&store);
        assert!(empty.ok, "{:?}", empty.faults);
        store
            .import_file(Format::Acled, &csv, ImportOptions::default())
            .unwrap();
        let report = checked(&store);
        assert!(report.ok, "{:?}", report.faults);
        assert_eq!(report.events, 1500);
        assert!(report.aggregate_rows > 1000);

        // One count off by one, one fatality total changed, one row that no event backs.
        store
            .conn
            .execute_batch(
                "UPDATE agg_kind SET events = events + 1
                   WHERE (pkind, pstart, state, kind) =
                     (SELECT pkind, pstart, state, kind FROM agg_kind LIMIT 1);
                 UPDATE agg_actor SET fatalities = fatalities + 2
                   WHERE (pkind, actor, pstart, state) =
                     (SELECT pkind, actor, pstart, state FROM agg_actor LIMIT 1);
                 INSERT INTO agg_state VALUES ('M', 0, '14', 3, 0);",
            )
            .unwrap();
        let report = checked(&store);
        assert!(!report.ok);
        let tables: Vec<&str> = report
            .faults
            .iter()
            .map(|f| {
                assert_eq!(f.check, "aggregates");
                f.message.split(':').next().unwrap()
            })
            .collect();
        assert_eq!(
            tables,
            ["agg_kind", "agg_actor", "agg_state"],
            "{:?}",
            report.faults
        );
        assert!(
            report.faults[2]
                .message
                .starts_with("agg_state: month of 1970-01-01, state 14: stored 3 events"),
            "{}",
            report.faults[2].message
        );
    }

    #[test]
    fn many_wrong_rows_are_summarised() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("synth.csv");
        synth::generate_file(
            &SynthConfig {
                events: 800,
                seed: 2,
                ..SynthConfig::default()
            },
            &csv,
        )
        .unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        store
            .import_file(Format::Acled, &csv, ImportOptions::default())
            .unwrap();
        let rows: u64 = store
            .conn
            .query_row("SELECT count(*) FROM agg_state", [], |r| r.get(0))
            .unwrap();
        store.conn.execute_batch("DELETE FROM agg_state").unwrap();
        let report = checked(&store);
        assert_eq!(report.faults.len(), LISTED + 1);
        assert_eq!(
            report.faults[LISTED].message,
            format!("agg_state: {} more rows disagree", rows - LISTED as u64)
        );
    }
}
