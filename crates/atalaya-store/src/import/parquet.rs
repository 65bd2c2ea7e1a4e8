//! `import parquet`: reads back what `export parquet` wrote — one file, or a Hive-style
//! dataset (`year=2024/state=25/part-00000.parquet`) — as the same events, in one
//! transaction for the whole dataset. Schema: `export_parquet::SCHEMA`,
//! `docs/formats/parquet.md`.
//!
//! Columns are found by name, so a dataset rewritten by another tool (Spark, pyarrow) with
//! the same columns reads too; a file whose `atalaya.schema_version` is newer than this
//! build's is refused. Partition values come from the folder names and must agree with the
//! rows (`year` with the date, `state` with a `state` column when a file has one). Before
//! anything is stored, every file's footer is read and the row count checked against the
//! dataset's `_atalaya.json`, so a partial copy is refused instead of half-imported.
//!
//! Memory: one row group (at most 65,536 events as the exporter writes them) is decoded at
//! a time, and a few batches of encoded events wait for the writer.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use atalaya_core::period::{from_day_number, iso_date};
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin, Review, Source};
use chrono::Datelike;
use parquet::basic::Type as Physical;
use parquet::column::reader::ColumnReader;
use parquet::data_type::{ByteArray, ByteArrayType, DataType, DoubleType, Int32Type, Int64Type};
use parquet::file::reader::{FileReader, RowGroupReader, SerializedFileReader};
use parquet::schema::types::ColumnDescriptor;

use super::{ImportError, ImportReport, Progress};
use crate::export_parquet::{MANIFEST, NULL_PARTITION, SCHEMA_VERSION, VERSION_KEY};
use crate::write::{encode_event, EncodedEvent};
use crate::{Store, StoreError};

/// One Parquet file of a dataset and the partition values its folders give.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFile {
    pub path: PathBuf,
    /// `(name, value)` per folder level, `None` for Hive's null folder.
    pub partitions: Vec<(String, Option<String>)>,
}

pub(super) fn header_err(file: &Path, message: impl Into<String>) -> ImportError {
    ImportError::Header {
        file: file.display().to_string(),
        message: message.into(),
    }
}

/// The Parquet files of `root` (a file, or a folder searched recursively), in path order.
/// Names starting with `_` or `.` (manifests, `_SUCCESS`, temporary files) are skipped, as
/// Spark and Hive skip them.
pub fn dataset_files(root: &Path) -> Result<Vec<DataFile>, ImportError> {
    let meta = std::fs::metadata(root).map_err(|e| ImportError::Open {
        file: root.display().to_string(),
        message: e.to_string(),
    })?;
    if meta.is_file() {
        return Ok(vec![DataFile {
            path: root.to_path_buf(),
            partitions: Vec::new(),
        }]);
    }
    let mut out = Vec::new();
    walk(root, &mut Vec::new(), &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    if out.is_empty() {
        return Err(header_err(root, "no .parquet files in this folder"));
    }
    Ok(out)
}

fn walk(
    dir: &Path,
    parts: &mut Vec<(String, Option<String>)>,
    out: &mut Vec<DataFile>,
) -> Result<(), ImportError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ImportError::Open {
        file: dir.display().to_string(),
        message: e.to_string(),
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| ImportError::Open {
            file: dir.display().to_string(),
            message: e.to_string(),
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('_') || name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            let Some((k, v)) = name.split_once('=') else {
                return Err(header_err(
                    &path,
                    "a folder of a partitioned dataset is named NAME=VALUE (year=2024, state=25)",
                ));
            };
            let v = (v != NULL_PARTITION).then(|| v.to_string());
            parts.push((k.to_string(), v));
            walk(&path, parts, out)?;
            parts.pop();
        } else if name.ends_with(".parquet") {
            out.push(DataFile {
                path,
                partitions: parts.clone(),
            });
        }
    }
    Ok(())
}

/// The leaf columns an event is read from, by position in one file.
struct Layout {
    id: usize,
    kind: usize,
    date: usize,
    date_precision: usize,
    state: Option<usize>,
    municipality: usize,
    lat: usize,
    lon: usize,
    geo_precision: usize,
    fatalities: usize,
    actors: usize,
    measures: usize,
    sources: usize,
    tags: usize,
    origin_format: usize,
    origin_file: usize,
    origin_row: usize,
    origin_source_id: usize,
    /// Absent in files written before news events were reviewed: news events then enter
    /// the review queue as pending, as coded reports do.
    review: Option<usize>,
}

impl Layout {
    fn of(file: &Path, reader: &SerializedFileReader<File>) -> Result<Layout, ImportError> {
        let meta = reader.metadata().file_metadata();
        if let Some(kv) = meta.key_value_metadata() {
            if let Some(v) = kv.iter().find(|k| k.key == VERSION_KEY) {
                let version: u32 = v.value.as_deref().unwrap_or("").parse().map_err(|_| {
                    header_err(file, format!("{VERSION_KEY} {:?} is not a number", v.value))
                })?;
                if version > SCHEMA_VERSION {
                    return Err(header_err(
                        file,
                        format!(
                            "schema version {version} is newer than this atalaya reads ({SCHEMA_VERSION}); upgrade atalaya"
                        ),
                    ));
                }
            }
        }
        let schema = meta.schema_descr();
        let find = |name: &str,
                    physical: Physical,
                    optional: bool|
         -> Result<Option<usize>, ImportError> {
            let Some(i) = (0..schema.num_columns()).find(|&i| {
                schema.column(i).path().parts().first().map(String::as_str) == Some(name)
            }) else {
                return Ok(None);
            };
            let c = schema.column(i);
            if c.physical_type() != physical {
                return Err(header_err(
                    file,
                    format!(
                        "column {name} is {}, expected {physical}",
                        c.physical_type()
                    ),
                ));
            }
            let list = name == "actors";
            if !list && (c.max_rep_level() != 0 || (!optional && c.max_def_level() != 0)) {
                return Err(header_err(
                    file,
                    format!(
                        "column {name} must be {} (not repeated)",
                        if optional {
                            "a single value"
                        } else {
                            "required"
                        }
                    ),
                ));
            }
            Ok(Some(i))
        };
        let need = |name: &str, physical: Physical, optional: bool| -> Result<usize, ImportError> {
            find(name, physical, optional)?
                .ok_or_else(|| header_err(file, format!("missing column {name}")))
        };
        use Physical::{BYTE_ARRAY, DOUBLE, INT32, INT64};
        let layout = Layout {
            id: need("id", BYTE_ARRAY, false)?,
            kind: need("kind", BYTE_ARRAY, false)?,
            date: need("date", INT32, true)?,
            date_precision: need("date_precision", BYTE_ARRAY, false)?,
            state: find("state", BYTE_ARRAY, true)?,
            municipality: need("municipality", BYTE_ARRAY, true)?,
            lat: need("lat", DOUBLE, true)?,
            lon: need("lon", DOUBLE, true)?,
            geo_precision: need("geo_precision", INT32, true)?,
            fatalities: need("fatalities", DOUBLE, false)?,
            actors: need("actors", BYTE_ARRAY, false)?,
            measures: need("measures", BYTE_ARRAY, false)?,
            sources: need("sources", BYTE_ARRAY, false)?,
            tags: need("tags", BYTE_ARRAY, false)?,
            origin_format: need("origin_format", BYTE_ARRAY, false)?,
            origin_file: need("origin_file", BYTE_ARRAY, false)?,
            origin_row: need("origin_row", INT64, false)?,
            origin_source_id: need("origin_source_id", BYTE_ARRAY, false)?,
            review: find("review", BYTE_ARRAY, true)?,
        };
        let actors = schema.column(layout.actors);
        if actors.max_rep_level() != 1 || actors.max_def_level() != 1 {
            return Err(header_err(
                file,
                "column actors must be a required list of required strings",
            ));
        }
        Ok(layout)
    }
}

/// One column of a row group: values of the present rows, and the levels.
pub(super) struct Read<T> {
    values: Vec<T>,
    def: Vec<i16>,
    rep: Vec<i16>,
    max_def: i16,
}

impl<T> Read<T> {
    /// Row `i`'s value of a single-valued column; `next` walks the present values.
    pub(super) fn at(&self, i: usize, next: &mut usize) -> Option<&T> {
        if self.max_def > 0 && self.def[i] < self.max_def {
            return None;
        }
        let v = &self.values[*next];
        *next += 1;
        Some(v)
    }
}

pub(super) fn read_column<T: DataType>(
    rg: &dyn RowGroupReader,
    descr: &ColumnDescriptor,
    i: usize,
    rows: usize,
) -> Result<Read<T::T>, String> {
    let reader: ColumnReader = rg.get_column_reader(i).map_err(|e| e.to_string())?;
    let mut r = T::get_column_reader(reader)
        .ok_or_else(|| format!("column {} has an unexpected type", descr.path()))?;
    let (max_def, max_rep) = (descr.max_def_level(), descr.max_rep_level());
    let mut out = Read {
        values: Vec::with_capacity(rows),
        def: Vec::new(),
        rep: Vec::new(),
        max_def,
    };
    let mut got = 0;
    while got < rows {
        let def = if max_def > 0 {
            Some(&mut out.def)
        } else {
            None
        };
        let rep = if max_rep > 0 {
            Some(&mut out.rep)
        } else {
            None
        };
        let (records, _, _) = r
            .read_records(rows - got, def, rep, &mut out.values)
            .map_err(|e| e.to_string())?;
        if records == 0 {
            return Err(format!(
                "column {} ends after {got} of {rows} rows",
                descr.path()
            ));
        }
        got += records;
    }
    Ok(out)
}

/// A problem with one row of one file.
struct RowFault {
    row: u64,
    field: String,
    message: String,
}

fn fault(row: u64, field: &str, message: impl Into<String>) -> RowFault {
    RowFault {
        row,
        field: field.to_string(),
        message: message.into(),
    }
}

fn text(v: &ByteArray, row: u64, field: &str) -> Result<String, RowFault> {
    std::str::from_utf8(v.data())
        .map(str::to_string)
        .map_err(|e| {
            fault(
                row,
                field,
                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            )
        })
}

/// The partition values a file's folders give, checked against the names this format knows.
struct Partitions {
    year: Option<Option<i32>>,
    state: Option<Option<String>>,
}

impl Partitions {
    fn of(f: &DataFile) -> Result<Partitions, ImportError> {
        let mut p = Partitions {
            year: None,
            state: None,
        };
        for (k, v) in &f.partitions {
            match k.as_str() {
                "year" => {
                    let y = v
                        .as_deref()
                        .map(|v| {
                            v.parse::<i32>().map_err(|_| {
                                header_err(&f.path, format!("folder year={v}: not a year"))
                            })
                        })
                        .transpose()?;
                    p.year = Some(y);
                }
                "state" => p.state = Some(v.clone()),
                other => {
                    return Err(header_err(
                        &f.path,
                        format!("folder {other}=…: this dataset format is partitioned by year and state only"),
                    ))
                }
            }
        }
        Ok(p)
    }
}

/// Decodes one row group into events with their review status (row numbers in `fault`s
/// count from `first_row`).
fn row_group_events(
    rg: &dyn RowGroupReader,
    layout: &Layout,
    parts: &Partitions,
    first_row: u64,
) -> Result<Vec<(Event, Option<Review>)>, RowFault> {
    let rows = rg.metadata().num_rows() as usize;
    let schema = rg.metadata().schema_descr();
    let col = |i: usize| schema.column(i);
    let bytes = |i: usize| {
        read_column::<ByteArrayType>(rg, &col(i), i, rows)
            .map_err(|m| fault(first_row, "(file)", m))
    };
    let ids = bytes(layout.id)?;
    let kinds = bytes(layout.kind)?;
    let dates = read_column::<Int32Type>(rg, &col(layout.date), layout.date, rows)
        .map_err(|m| fault(first_row, "(file)", m))?;
    let precisions = bytes(layout.date_precision)?;
    let states = layout.state.map(bytes).transpose()?;
    let munis = bytes(layout.municipality)?;
    let doubles = |i: usize| {
        read_column::<DoubleType>(rg, &col(i), i, rows).map_err(|m| fault(first_row, "(file)", m))
    };
    let lats = doubles(layout.lat)?;
    let lons = doubles(layout.lon)?;
    let geos = read_column::<Int32Type>(rg, &col(layout.geo_precision), layout.geo_precision, rows)
        .map_err(|m| fault(first_row, "(file)", m))?;
    let fats = doubles(layout.fatalities)?;
    let actors = bytes(layout.actors)?;
    let measures = bytes(layout.measures)?;
    let sources = bytes(layout.sources)?;
    let tags = bytes(layout.tags)?;
    let oformat = bytes(layout.origin_format)?;
    let ofile = bytes(layout.origin_file)?;
    let orow = read_column::<Int64Type>(rg, &col(layout.origin_row), layout.origin_row, rows)
        .map_err(|m| fault(first_row, "(file)", m))?;
    let osid = bytes(layout.origin_source_id)?;
    let reviews = layout.review.map(bytes).transpose()?;

    let mut events = Vec::with_capacity(rows);
    // Walk positions: present values of each optional column, list levels of actors.
    let (mut n_date, mut n_state, mut n_muni, mut n_lat, mut n_lon, mut n_geo) = (0, 0, 0, 0, 0, 0);
    let (mut level, mut n_actor, mut n_review) = (0usize, 0usize, 0usize);
    for i in 0..rows {
        let row = first_row + i as u64;
        let id = text(&ids.values[i], row, "id")?;
        let kind: EventKind = text(&kinds.values[i], row, "kind")?
            .parse()
            .map_err(|m: String| fault(row, "kind", m))?;
        let day = dates.at(i, &mut n_date).copied();
        let date_precision: DatePrecision = text(&precisions.values[i], row, "date_precision")?
            .parse()
            .map_err(|m: String| fault(row, "date_precision", m))?;
        let year = day.map(|d| from_day_number(d).year());
        if let Some(want) = parts.year {
            if want != year {
                return Err(fault(
                    row,
                    "date",
                    format!(
                        "the event's year ({}) is not its folder's ({})",
                        year.map_or("none".to_string(), |y| y.to_string()),
                        want.map_or("none".to_string(), |y| y.to_string()),
                    ),
                ));
            }
        }
        let column_state = match &states {
            Some(s) => s
                .at(i, &mut n_state)
                .map(|v| text(v, row, "state"))
                .transpose()?,
            None => None,
        };
        let state = match (&parts.state, column_state) {
            (Some(folder), Some(col)) if folder.as_deref() != Some(col.as_str()) => {
                return Err(fault(
                    row,
                    "state",
                    format!("{col:?} is not its folder's state ({folder:?})"),
                ))
            }
            (Some(folder), _) => folder.clone(),
            (None, col) => col,
        };
        let municipality = munis
            .at(i, &mut n_muni)
            .map(|v| text(v, row, "municipality"))
            .transpose()?;
        let lat = lats.at(i, &mut n_lat).copied();
        let lon = lons.at(i, &mut n_lon).copied();
        let geo_precision = geos
            .at(i, &mut n_geo)
            .map(|&g| {
                u8::try_from(g)
                    .map_err(|_| fault(row, "geo_precision", format!("{g} is out of range")))
            })
            .transpose()?;
        // The list's levels: a row's first level has repetition 0, the following ones 1;
        // definition 0 is an empty list.
        if level >= actors.rep.len() {
            return Err(fault(row, "actors", "the list column ends early"));
        }
        let mut list = Vec::new();
        loop {
            if actors.def[level] == actors.max_def {
                list.push(text(&actors.values[n_actor], row, "actors")?);
                n_actor += 1;
            }
            level += 1;
            if level >= actors.rep.len() || actors.rep[level] == 0 {
                break;
            }
        }
        let json = |v: &ByteArray, field: &str| -> Result<String, RowFault> { text(v, row, field) };
        let measures: Measures = serde_json::from_str(&json(&measures.values[i], "measures")?)
            .map_err(|e| fault(row, "measures", e.to_string()))?;
        let sources: Vec<Source> = serde_json::from_str(&json(&sources.values[i], "sources")?)
            .map_err(|e| fault(row, "sources", e.to_string()))?;
        let tags: Vec<String> = serde_json::from_str(&json(&tags.values[i], "tags")?)
            .map_err(|e| fault(row, "tags", e.to_string()))?;
        let fatalities = fats.values[i];
        let measured = measures.get("fatalities").unwrap_or(0.0);
        if fatalities != measured {
            return Err(fault(
                row,
                "fatalities",
                format!("{fatalities} disagrees with the row's measures ({measured})"),
            ));
        }
        let origin_row = orow.values[i];
        let review = match &reviews {
            Some(r) => r
                .at(i, &mut n_review)
                .map(|v| {
                    text(v, row, "review")?
                        .parse::<Review>()
                        .map_err(|m: String| fault(row, "review", m))
                })
                .transpose()?,
            None => None,
        };
        events.push((
            Event {
                id,
                kind,
                date: day.map(|d| iso_date(from_day_number(d))),
                date_precision,
                state,
                municipality,
                lat,
                lon,
                geo_precision,
                actors: list,
                measures,
                sources,
                origin: Origin {
                    format: text(&oformat.values[i], row, "origin_format")?,
                    file: text(&ofile.values[i], row, "origin_file")?,
                    row: u64::try_from(origin_row).map_err(|_| {
                        fault(row, "origin_row", format!("{origin_row} is negative"))
                    })?,
                    source_id: text(&osid.values[i], row, "origin_source_id")?,
                },
                tags,
            },
            review,
        ));
    }
    Ok(events)
}

/// Events per batch handed from the reading thread to the writing one (see `BATCH_ROWS`
/// in the CSV driver: small batches keep both threads in cache).
const BATCH_EVENTS: usize = 256;

/// A file ready to read: its partition values and size.
struct Planned {
    file: DataFile,
    parts: Partitions,
    bytes: u64,
}

type Sent = Result<(Vec<EncodedEvent>, u64), ImportError>;

pub(super) fn open_reader(path: &Path) -> Result<SerializedFileReader<File>, ImportError> {
    let f = File::open(path).map_err(|e| ImportError::Open {
        file: path.display().to_string(),
        message: e.to_string(),
    })?;
    SerializedFileReader::new(f)
        .map_err(|e| header_err(path, format!("not a readable Parquet file: {e}")))
}

/// Checks every file's footer (schema, partitions) and the manifest's counts before
/// anything is stored.
fn plan(root: &Path) -> Result<Vec<Planned>, ImportError> {
    let files = dataset_files(root)?;
    let mut out = Vec::with_capacity(files.len());
    let mut rows = 0u64;
    for file in files {
        let reader = open_reader(&file.path)?;
        let layout = Layout::of(&file.path, &reader)?;
        let parts = Partitions::of(&file)?;
        if layout.state.is_none() && parts.state.is_none() {
            return Err(header_err(
                &file.path,
                "missing column state (and no state=… folder above the file)",
            ));
        }
        rows += reader.metadata().file_metadata().num_rows() as u64;
        let bytes = std::fs::metadata(&file.path).map(|m| m.len()).unwrap_or(0);
        out.push(Planned { file, parts, bytes });
    }
    let manifest = root.join(MANIFEST);
    if root.is_dir() && manifest.is_file() {
        let text = std::fs::read_to_string(&manifest).map_err(|e| ImportError::Open {
            file: manifest.display().to_string(),
            message: e.to_string(),
        })?;
        let m: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| header_err(&manifest, format!("not JSON: {e}")))?;
        if let Some(v) = m["schema_version"].as_u64() {
            if v > SCHEMA_VERSION as u64 {
                return Err(header_err(
                    &manifest,
                    format!("schema version {v} is newer than this atalaya reads ({SCHEMA_VERSION}); upgrade atalaya"),
                ));
            }
        }
        let (want_rows, want_files) = (m["rows"].as_u64(), m["files"].as_u64());
        if want_rows.is_some_and(|n| n != rows) || want_files.is_some_and(|n| n != out.len() as u64)
        {
            return Err(header_err(
                &manifest,
                format!(
                    "the dataset is incomplete or altered: its manifest lists {} rows in {} files, the folder holds {rows} rows in {} files",
                    want_rows.unwrap_or(0),
                    want_files.unwrap_or(0),
                    out.len()
                ),
            ));
        }
    }
    Ok(out)
}

/// The reading thread: every file's row groups, decoded, checked and encoded, in batches.
fn read_dataset(plan: &[Planned], tx: &SyncSender<Sent>) {
    let mut done = 0u64;
    for p in plan {
        let path = &p.file.path;
        let result = (|| -> Result<(), ImportError> {
            let reader = open_reader(path)?;
            let layout = Layout::of(path, &reader)?;
            let mut first_row = 1u64;
            let groups = reader.num_row_groups();
            for g in 0..groups {
                let rg = reader
                    .get_row_group(g)
                    .map_err(|e| header_err(path, format!("row group {g}: {e}")))?;
                let n = rg.metadata().num_rows() as u64;
                let row_err = |f: RowFault| ImportError::DatasetRow {
                    file: path.display().to_string(),
                    row: f.row,
                    field: f.field,
                    message: f.message,
                };
                let events =
                    row_group_events(&*rg, &layout, &p.parts, first_row).map_err(row_err)?;
                let mut batch = Vec::with_capacity(BATCH_EVENTS);
                let last = events.len();
                for (i, (e, review)) in events.into_iter().enumerate() {
                    let row = first_row + i as u64;
                    let enc = encode_event(e)
                        .and_then(|enc| match review {
                            Some(r) => enc.with_review(r),
                            None => Ok(enc),
                        })
                        .map_err(|e| {
                            row_err(fault(
                                row,
                                "(row)",
                                match e {
                                    StoreError::Invalid(m) => m,
                                    other => other.to_string(),
                                },
                            ))
                        })?;
                    batch.push(enc);
                    if batch.len() == BATCH_EVENTS || i + 1 == last {
                        // Progress moves by row group: a share of the file's bytes.
                        let at = done + p.bytes * (g as u64) / groups.max(1) as u64;
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_EVENTS));
                        if tx.send(Ok((full, at))).is_err() {
                            return Ok(());
                        }
                    }
                }
                first_row += n;
            }
            Ok(())
        })();
        if let Err(e) = result {
            let _ = tx.send(Err(e));
            return;
        }
        done += p.bytes;
    }
}

impl Store {
    /// Imports a Parquet file or dataset written by `export parquet` (or `synth --format
    /// parquet`) in one transaction: any bad file or row refuses the whole dataset. Into
    /// an empty store this is a first load (see `write::Writer`); should the dataset repeat
    /// an event id, it is redone row by row, where a repeat updates the earlier row.
    pub fn import_parquet(
        &mut self,
        root: &Path,
        mut progress: Option<Progress>,
    ) -> Result<ImportReport, ImportError> {
        let plan = plan(root)?;
        let first = self.import_parquet_once(root, &plan, &mut progress, true);
        if !matches!(
            first,
            Err(ImportError::Store {
                source: StoreError::RepeatedId,
                ..
            })
        ) {
            return first;
        }
        self.import_parquet_once(root, &plan, &mut progress, false)
    }

    fn import_parquet_once(
        &mut self,
        root: &Path,
        plan: &[Planned],
        progress: &mut Option<Progress>,
        allow_bulk: bool,
    ) -> Result<ImportReport, ImportError> {
        let file = root.display().to_string();
        let store_err = |source| ImportError::Store {
            file: file.clone(),
            source,
        };
        let total: u64 = plan.iter().map(|p| p.bytes).sum();
        let mut writer = self
            .writer_with("parquet", &file, allow_bulk)
            .map_err(store_err)?;
        std::thread::scope(|scope| -> Result<(), ImportError> {
            let (tx, rx): (SyncSender<Sent>, Receiver<Sent>) = sync_channel(16);
            let reader = scope.spawn(move || read_dataset(plan, &tx));
            let mut last_tick = 0u64;
            for sent in rx {
                let (batch, at) = sent?;
                if writer.is_bulk() {
                    let refs: Vec<&EncodedEvent> = batch.iter().collect();
                    writer.insert_new(&refs).map_err(store_err)?;
                    writer.counts.read += batch.len() as u64;
                } else {
                    for enc in &batch {
                        writer.counts.read += 1;
                        writer.upsert_encoded(enc).map_err(store_err)?;
                    }
                }
                if let Some(p) = progress.as_mut() {
                    if writer.counts.read - last_tick >= 65_536 {
                        last_tick = writer.counts.read;
                        p(at, total);
                    }
                }
            }
            reader.join().expect("the Parquet reader thread panicked");
            Ok(())
        })?;
        if let Some(p) = progress.as_mut() {
            p(total, total);
        }
        let counts = writer.commit().map_err(store_err)?;
        Ok(ImportReport {
            format: "parquet".to_string(),
            file,
            counts,
        })
    }
}
