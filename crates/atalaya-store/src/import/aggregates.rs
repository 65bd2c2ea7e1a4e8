//! `import aggregates DIR`: the aggregates the cluster job (`cluster/series.py`, SQL in
//! `cluster/aggregates.sql`) computed over a Parquet dataset, loaded into the aggregate
//! tables that `series`, the map, `impact`, `forecast` and `alerts` read.
//!
//! The job's output is `agg_kind/*.parquet`, `agg_actor/*.parquet` and the manifest
//! `_atalaya.json`, written last (docs/formats/parquet.md, "Aggregates"). The tables are
//! replaced whole in one transaction, and only in a database that holds no events: its
//! events would no longer add up to its aggregates.

use std::collections::HashMap;
use std::path::Path;

use atalaya_core::period::{day_number, from_day_number, period_start, PeriodKind};
use atalaya_core::{actors, gazetteer, EventKind};
use parquet::basic::Type as Physical;
use parquet::data_type::{ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::reader::FileReader;
use rusqlite::params;

use super::parquet::{dataset_files, header_err, open_reader, read_column};
use super::{ImportError, ImportReport};
use crate::export_parquet::MANIFEST;
use crate::write::Counts;
use crate::{Store, StoreError};

/// The version of the aggregates' layout this build reads (the job's `AGGREGATES_VERSION`).
pub const AGGREGATES_VERSION: u64 = 1;

/// (pkind, pstart, state or '', kind or actor) → (events, fatalities).
type Table = HashMap<(String, i32, String, String), (i64, f64)>;

/// A bad row: the file, the row counted from 1 within it, the field.
fn row_err(file: &Path, row: u64, field: &str, message: impl Into<String>) -> ImportError {
    ImportError::DatasetRow {
        file: file.display().to_string(),
        row,
        field: field.to_string(),
        message: message.into(),
    }
}

/// Reads one table's files (`key` is `kind` or `actor`).
fn read_table(dir: &Path, key: &str) -> Result<Table, ImportError> {
    let mut table = Table::new();
    for f in dataset_files(dir)? {
        let path = &f.path;
        if !f.partitions.is_empty() {
            return Err(header_err(
                path,
                "aggregates are not partitioned into folders",
            ));
        }
        let reader = open_reader(path)?;
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        let col = |name: &str, physical: Physical| -> Result<usize, ImportError> {
            let i = (0..schema.num_columns())
                .find(|&i| schema.column(i).path().string() == name)
                .ok_or_else(|| header_err(path, format!("no column {name}")))?;
            if schema.column(i).physical_type() != physical {
                return Err(header_err(path, format!("column {name} is not {physical}")));
            }
            Ok(i)
        };
        let cols = [
            col("period", Physical::BYTE_ARRAY)?,
            col("start", Physical::INT32)?,
            col("state", Physical::BYTE_ARRAY)?,
            col(key, Physical::BYTE_ARRAY)?,
            col("events", Physical::INT64)?,
            col("fatalities", Physical::DOUBLE)?,
        ];
        let mut first = 1u64;
        for g in 0..reader.num_row_groups() {
            let rg = reader
                .get_row_group(g)
                .map_err(|e| header_err(path, e.to_string()))?;
            let n = rg.metadata().num_rows() as usize;
            let bad = |e: String| header_err(path, format!("row group {g}: {e}"));
            let d = |i: usize| schema.column(cols[i]);
            let period =
                read_column::<ByteArrayType>(rg.as_ref(), &d(0), cols[0], n).map_err(bad)?;
            let start = read_column::<Int32Type>(rg.as_ref(), &d(1), cols[1], n).map_err(bad)?;
            let state =
                read_column::<ByteArrayType>(rg.as_ref(), &d(2), cols[2], n).map_err(bad)?;
            let name = read_column::<ByteArrayType>(rg.as_ref(), &d(3), cols[3], n).map_err(bad)?;
            let events = read_column::<Int64Type>(rg.as_ref(), &d(4), cols[4], n).map_err(bad)?;
            let fat = read_column::<DoubleType>(rg.as_ref(), &d(5), cols[5], n).map_err(bad)?;
            let mut next = [0usize; 6];
            for i in 0..n {
                let row = first + i as u64;
                let err = |field: &str, m: String| row_err(path, row, field, m);
                let utf8 = |field: &str, v: Option<&parquet::data_type::ByteArray>| {
                    v.map(|v| {
                        std::str::from_utf8(v.data())
                            .map(str::to_string)
                            .map_err(|_| err(field, "invalid UTF-8".into()))
                    })
                    .transpose()
                };
                let p = utf8("period", period.at(i, &mut next[0]))?;
                let pkind = match p.as_deref() {
                    Some("week") => PeriodKind::Week,
                    Some("month") => PeriodKind::Month,
                    other => return Err(err("period", format!("{other:?} is not week or month"))),
                };
                let s = *start
                    .at(i, &mut next[1])
                    .ok_or_else(|| err("start", "missing".into()))?;
                let date = from_day_number(s);
                if period_start(pkind, date) != date {
                    return Err(err(
                        "start",
                        format!("{date} is not the first day of its {}", p.unwrap()),
                    ));
                }
                let st = utf8("state", state.at(i, &mut next[2]))?.unwrap_or_default();
                if !st.is_empty() && (st.len() != 2 || gazetteer::state(&st).is_none()) {
                    return Err(err("state", format!("{st:?} is not an INEGI state code")));
                }
                let k = utf8(key, name.at(i, &mut next[3]))?
                    .filter(|k| !k.is_empty())
                    .ok_or_else(|| err(key, "missing".into()))?;
                if key == "kind" {
                    k.parse::<EventKind>().map_err(|m| err(key, m))?;
                }
                let ev = *events
                    .at(i, &mut next[4])
                    .ok_or_else(|| err("events", "missing".into()))?;
                if ev < 1 {
                    return Err(err(
                        "events",
                        format!("{ev}: a row counts at least one event"),
                    ));
                }
                let f = fat.at(i, &mut next[5]).copied().unwrap_or(0.0);
                if !f.is_finite() || f < 0.0 {
                    return Err(err("fatalities", format!("{f} is not a count")));
                }
                let code = if pkind == PeriodKind::Week { "W" } else { "M" };
                if table
                    .insert((code.to_string(), day_number(date), st, k), (ev, f))
                    .is_some()
                {
                    return Err(err(key, "this period, state and key came before".into()));
                }
            }
            first += n as u64;
        }
    }
    Ok(table)
}

/// The rows stored now in `table` (key column `key`).
fn stored(store: &Store, table: &str, key: &str) -> Result<Table, StoreError> {
    let mut st = store.conn.prepare(&format!(
        "SELECT pkind, pstart, state, {key}, events, fatalities FROM {table}"
    ))?;
    let rows = st.query_map([], |r| {
        Ok((
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
            (r.get(4)?, r.get(5)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Counts the change from `old` to `new` into `c`.
fn diff(old: &Table, new: &Table, c: &mut Counts) {
    for (k, v) in new {
        c.read += 1;
        match old.get(k) {
            None => c.inserted += 1,
            Some(o) if o == v => c.unchanged += 1,
            Some(_) => c.updated += 1,
        }
    }
    c.deleted += old.keys().filter(|k| !new.contains_key(*k)).count() as u64;
}

impl Store {
    /// Replaces the aggregate tables with those the cluster job wrote under `root`, in one
    /// transaction. Refused when the database holds events, when the manifest is missing
    /// (an unfinished job) or does not match the files, or on any bad row.
    pub fn import_aggregates(&mut self, root: &Path) -> Result<ImportReport, ImportError> {
        let file = root.display().to_string();
        let manifest_path = root.join(MANIFEST);
        let text = std::fs::read_to_string(&manifest_path).map_err(|e| ImportError::Open {
            file: manifest_path.display().to_string(),
            message: format!("{e} (the job writes it last: without it the output is incomplete)"),
        })?;
        let manifest: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| header_err(&manifest_path, format!("not JSON: {e}")))?;
        let version = manifest["aggregates_version"].as_u64().ok_or_else(|| {
            header_err(
                &manifest_path,
                "no aggregates_version: not written by cluster series",
            )
        })?;
        if version > AGGREGATES_VERSION {
            return Err(header_err(
                &manifest_path,
                format!("aggregates version {version} is newer than this atalaya reads ({AGGREGATES_VERSION})"),
            ));
        }
        let kind = read_table(&root.join("agg_kind"), "kind")?;
        let actor = read_table(&root.join("agg_actor"), "actor")?;
        for (name, t) in [("agg_kind", &kind), ("agg_actor", &actor)] {
            let want = manifest["tables"][name].as_u64();
            if want != Some(t.len() as u64) {
                return Err(header_err(
                    &manifest_path,
                    format!(
                        "{name}: the manifest says {want:?} rows, the files hold {} (a partial copy?)",
                        t.len()
                    ),
                ));
            }
        }
        let store_err = |source| ImportError::Store {
            file: file.clone(),
            source,
        };
        let events: i64 = self
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .map_err(|e| store_err(e.into()))?;
        if events > 0 {
            return Err(store_err(StoreError::Invalid(format!(
                "this database holds {events} events: aggregates from a cluster go into a database \
                 without events (its events would no longer add up to them); use another --db"
            ))));
        }
        let mut counts = Counts::default();
        diff(
            &stored(self, "agg_kind", "kind").map_err(store_err)?,
            &kind,
            &mut counts,
        );
        diff(
            &stored(self, "agg_actor", "actor").map_err(store_err)?,
            &actor,
            &mut counts,
        );
        self.replace_aggregates(&file, &kind, &actor, &counts)
            .map_err(store_err)?;
        Ok(ImportReport {
            format: "aggregates".to_string(),
            file,
            counts,
        })
    }

    fn replace_aggregates(
        &mut self,
        file: &str,
        kind: &Table,
        actor: &Table,
        c: &Counts,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute_batch("DELETE FROM agg_kind; DELETE FROM agg_actor; DELETE FROM agg_state;")?;
        for (table, key, rows) in [("agg_kind", "kind", kind), ("agg_actor", "actor", actor)] {
            let mut ins = tx.prepare(&format!(
                "INSERT INTO {table} (pkind, pstart, state, {key}, events, fatalities) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ))?;
            for ((p, s, st, k), (n, f)) in rows {
                ins.execute(params![p, s, st, k, n, f])?;
            }
        }
        tx.execute_batch(
            "INSERT INTO agg_state (pkind, pstart, state, events, fatalities)
             SELECT pkind, pstart, state, SUM(events), SUM(fatalities) FROM agg_kind
             GROUP BY pkind, pstart, state;",
        )?;
        {
            let mut ins = tx
                .prepare("INSERT OR IGNORE INTO actors (name, kind, parent) VALUES (?1, ?2, ?3)")?;
            let mut names: Vec<&String> = actor.keys().map(|k| &k.3).collect();
            names.sort_unstable();
            names.dedup();
            for a in names {
                let (k, parent) = actors::describe(a);
                ins.execute(params![a, k.as_str(), parent])?;
            }
        }
        tx.execute(
            "INSERT INTO imports (format, file, started_at, read, inserted, updated, unchanged, deleted, rejected)
             VALUES ('aggregates', ?1, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?2, ?3, ?4, ?5, ?6, 0)",
            params![
                file,
                c.read as i64,
                c.inserted as i64,
                c.updated as i64,
                c.unchanged as i64,
                c.deleted as i64
            ],
        )?;
        tx.commit()?;
        Ok(())
    }
}
