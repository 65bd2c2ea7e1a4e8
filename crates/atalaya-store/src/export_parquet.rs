//! Parquet export: one row per event, the fields of the CLI's event object (`shared/CLI.md`),
//! written with the `parquet` crate's low-level writer (no arrow). Events arrive one at a
//! time; they are buffered column by column and written as row groups of at most
//! [`ROW_GROUP_ROWS`] rows, so memory stays bounded whatever the number of events.
//!
//! Two shapes share one schema ([`SCHEMA`], version [`SCHEMA_VERSION`], documented in
//! `docs/formats/parquet.md`): a single file ([`ParquetWriter`]), and a Hive-style dataset
//! partitioned by year and/or state ([`DatasetWriter`], `year=2024/state=25/part-00000.parquet`)
//! whose files leave out the `state` column when the folders carry it.
//!
//! Types: `date` is a Parquet DATE (days since 1970-01-01, null when the source gives no
//! date), `actors` a list of strings, `measures`, `sources` and `tags` JSON text (as in the
//! event object), `lat`/`lon`/`fatalities` doubles, `geo_precision` int32, `origin_row`
//! int64; everything else UTF-8 strings; `review` is a news event's review status (null
//! for imported rows). Pages are snappy-compressed, with statistics.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use atalaya_core::period::{day_number, parse_date};
use atalaya_core::{Event, Review};
use chrono::Datelike;
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;
use parquet::schema::types::Type;

/// Rows per row group: large enough for good compression and fast scans, small enough to
/// keep the buffered columns at a few tens of MB.
pub const ROW_GROUP_ROWS: usize = 65_536;

/// The version of [`SCHEMA`], in every file's key-value metadata under [`VERSION_KEY`].
/// Bump it (and `docs/formats/parquet.md`) whenever a column is added, removed or changes
/// meaning; readers refuse files of a newer version.
pub const SCHEMA_VERSION: u32 = 1;

/// The key-value metadata key holding [`SCHEMA_VERSION`].
pub const VERSION_KEY: &str = "atalaya.schema_version";

/// The Parquet schema of the export, in the order the columns are written.
pub const SCHEMA: &str = "
message atalaya_event {
  required binary id (STRING);
  required binary kind (STRING);
  optional int32 date (DATE);
  required binary date_precision (STRING);
  optional binary state (STRING);
  optional binary municipality (STRING);
  optional double lat;
  optional double lon;
  optional int32 geo_precision;
  required double fatalities;
  required group actors (LIST) {
    repeated group list {
      required binary element (STRING);
    }
  }
  required binary measures (STRING);
  required binary sources (STRING);
  required binary tags (STRING);
  required binary origin_format (STRING);
  required binary origin_file (STRING);
  required int64 origin_row;
  required binary origin_source_id (STRING);
  optional binary review (STRING);
}
";

/// Position of `state` among the top-level fields of [`SCHEMA`].
const STATE_FIELD: usize = 4;

/// Strings of one column, one after another in a single buffer: a row group of short
/// values costs its bytes, not an allocation per value.
#[derive(Default)]
struct Strs {
    data: Vec<u8>,
    ends: Vec<usize>,
}

impl Strs {
    fn push(&mut self, s: &[u8]) {
        self.data.extend_from_slice(s);
        self.ends.push(self.data.len());
    }

    fn push_json<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.data, v).map_err(io::Error::other)?;
        self.ends.push(self.data.len());
        Ok(())
    }

    fn values(&self) -> Vec<ByteArray> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&end| {
                let v = ByteArray::from(self.data[start..end].to_vec());
                start = end;
                v
            })
            .collect()
    }

    fn bytes(&self) -> usize {
        self.data.len() + self.ends.len() * std::mem::size_of::<usize>()
    }
}

/// A nullable column: values for the present rows, a definition level (1 present, 0 null)
/// for every row.
struct Opt<T> {
    values: T,
    def: Vec<i16>,
}

impl<T: Default> Default for Opt<T> {
    fn default() -> Self {
        Opt {
            values: T::default(),
            def: Vec::new(),
        }
    }
}

impl<T: Copy> Opt<Vec<T>> {
    fn push(&mut self, v: Option<T>) {
        match v {
            Some(v) => {
                self.values.push(v);
                self.def.push(1);
            }
            None => self.def.push(0),
        }
    }
}

impl Opt<Strs> {
    fn push(&mut self, v: Option<&str>) {
        match v {
            Some(v) => {
                self.values.push(v.as_bytes());
                self.def.push(1);
            }
            None => self.def.push(0),
        }
    }
}

/// One row group's worth of events, column by column.
#[derive(Default)]
struct Columns {
    rows: usize,
    id: Strs,
    kind: Strs,
    date: Opt<Vec<i32>>,
    date_precision: Strs,
    state: Opt<Strs>,
    municipality: Opt<Strs>,
    lat: Opt<Vec<f64>>,
    lon: Opt<Vec<f64>>,
    geo_precision: Opt<Vec<i32>>,
    fatalities: Vec<f64>,
    /// List elements, with definition (0 empty list, 1 element) and repetition (0 first
    /// element of a row, 1 a following one) levels.
    actors: Strs,
    actors_def: Vec<i16>,
    actors_rep: Vec<i16>,
    measures: Strs,
    sources: Strs,
    tags: Strs,
    origin_format: Strs,
    origin_file: Strs,
    origin_row: Vec<i64>,
    origin_source_id: Strs,
    review: Opt<Strs>,
}

/// Days since 1970-01-01 of an event's ISO date.
fn epoch_day(id: &str, date: &str) -> io::Result<i32> {
    let d = parse_date(date).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("event {id}: date {date:?}: {e}"),
        )
    })?;
    Ok(day_number(d))
}

impl Columns {
    fn push(&mut self, e: &Event, review: Option<Review>, date: Option<i32>) -> io::Result<()> {
        self.id.push(e.id.as_bytes());
        self.kind.push(e.kind.as_str().as_bytes());
        self.date.push(date);
        self.date_precision
            .push(e.date_precision.as_str().as_bytes());
        self.state.push(e.state.as_deref());
        self.municipality.push(e.municipality.as_deref());
        self.lat.push(e.lat);
        self.lon.push(e.lon);
        self.geo_precision.push(e.geo_precision.map(i32::from));
        self.fatalities.push(e.fatalities());
        if e.actors.is_empty() {
            self.actors_def.push(0);
            self.actors_rep.push(0);
        }
        for (i, a) in e.actors.iter().enumerate() {
            self.actors.push(a.as_bytes());
            self.actors_def.push(1);
            self.actors_rep.push(i16::from(i > 0));
        }
        self.measures.push_json(&e.measures)?;
        self.sources.push_json(&e.sources)?;
        self.tags.push_json(&e.tags)?;
        self.origin_format.push(e.origin.format.as_bytes());
        self.origin_file.push(e.origin.file.as_bytes());
        self.origin_row
            .push(i64::try_from(e.origin.row).unwrap_or(i64::MAX));
        self.origin_source_id.push(e.origin.source_id.as_bytes());
        self.review.push(review.map(Review::as_str));
        self.rows += 1;
        Ok(())
    }

    /// Roughly the memory the buffered rows hold.
    fn bytes(&self) -> usize {
        let strs = [
            &self.id,
            &self.kind,
            &self.date_precision,
            &self.state.values,
            &self.municipality.values,
            &self.actors,
            &self.measures,
            &self.sources,
            &self.tags,
            &self.origin_format,
            &self.origin_file,
            &self.origin_source_id,
            &self.review.values,
        ];
        // Fixed-width values and levels: about 64 bytes a row.
        strs.iter().map(|s| s.bytes()).sum::<usize>() + self.rows * 64
    }
}

/// The file schema: [`SCHEMA`], without `state` when the dataset's folders carry it.
fn file_schema(with_state: bool) -> Result<Type, ParquetError> {
    let full = parse_message_type(SCHEMA)?;
    if with_state {
        return Ok(full);
    }
    let fields = full
        .get_fields()
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != STATE_FIELD)
        .map(|(_, f)| f.clone())
        .collect();
    Type::group_type_builder(full.name())
        .with_fields(fields)
        .build()
}

/// Writes events as a Parquet file (see the module docs for the schema).
pub struct ParquetWriter<W: Write + Send> {
    file: SerializedFileWriter<W>,
    cols: Columns,
    row_group_rows: usize,
    with_state: bool,
    rows: u64,
}

fn pq(e: ParquetError) -> io::Error {
    io::Error::other(e)
}

fn required<T: parquet::data_type::DataType>(
    c: &mut SerializedColumnWriter<'_>,
    values: &[T::T],
) -> Result<(), ParquetError> {
    c.typed::<T>().write_batch(values, None, None).map(|_| ())
}

fn optional<T: parquet::data_type::DataType>(
    c: &mut SerializedColumnWriter<'_>,
    values: &[T::T],
    def: &[i16],
) -> Result<(), ParquetError> {
    c.typed::<T>()
        .write_batch(values, Some(def), None)
        .map(|_| ())
}

fn strings(c: &mut SerializedColumnWriter<'_>, s: &Strs) -> Result<(), ParquetError> {
    required::<ByteArrayType>(c, &s.values())
}

fn opt_strings(c: &mut SerializedColumnWriter<'_>, s: &Opt<Strs>) -> Result<(), ParquetError> {
    optional::<ByteArrayType>(c, &s.values.values(), &s.def)
}

impl<W: Write + Send> ParquetWriter<W> {
    pub fn new(out: W) -> io::Result<Self> {
        Self::with_row_group_rows(out, ROW_GROUP_ROWS)
    }

    /// As [`ParquetWriter::new`], with row groups of `rows` rows (at least 1).
    pub fn with_row_group_rows(out: W, rows: usize) -> io::Result<Self> {
        Self::build(out, rows, true)
    }

    fn build(out: W, rows: usize, with_state: bool) -> io::Result<Self> {
        let row_group_rows = rows.max(1);
        let schema = Arc::new(file_schema(with_state).map_err(pq)?);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(row_group_rows))
            .set_statistics_enabled(EnabledStatistics::Page)
            .set_created_by(format!("atalaya {}", env!("CARGO_PKG_VERSION")))
            .set_key_value_metadata(Some(vec![KeyValue::new(
                VERSION_KEY.to_string(),
                SCHEMA_VERSION.to_string(),
            )]))
            .build();
        let file = SerializedFileWriter::new(out, schema, Arc::new(props)).map_err(pq)?;
        Ok(ParquetWriter {
            file,
            cols: Columns::default(),
            row_group_rows,
            with_state,
            rows: 0,
        })
    }

    /// Writes an event without a review status (an imported row).
    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        self.write_reviewed(e, None)
    }

    /// Writes an event with its review status (`None` for imported rows).
    pub fn write_reviewed(&mut self, e: &Event, review: Option<Review>) -> io::Result<()> {
        let date = e.date.as_deref().map(|d| epoch_day(&e.id, d)).transpose()?;
        self.write_dated(e, review, date)
    }

    fn write_dated(
        &mut self,
        e: &Event,
        review: Option<Review>,
        date: Option<i32>,
    ) -> io::Result<()> {
        self.cols.push(e, review, date)?;
        self.rows += 1;
        if self.cols.rows >= self.row_group_rows {
            self.flush_row_group()?;
        }
        Ok(())
    }

    /// Rows written so far (buffered or not).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Roughly the memory held by rows not yet written out.
    pub fn buffered_bytes(&self) -> usize {
        self.cols.bytes()
    }

    /// Writes the buffered rows as a row group now (a smaller one, when memory is short).
    pub fn flush_row_group(&mut self) -> io::Result<()> {
        if self.cols.rows == 0 {
            return Ok(());
        }
        let c = std::mem::take(&mut self.cols);
        let mut rg = self.file.next_row_group().map_err(pq)?;
        // Field positions of SCHEMA; `state` is skipped when the file leaves it out.
        let mut fields = (0..19).filter(|&i| self.with_state || i != STATE_FIELD);
        while let Some(mut col) = rg.next_column().map_err(pq)? {
            let i = fields.next().unwrap_or(usize::MAX);
            match i {
                0 => strings(&mut col, &c.id),
                1 => strings(&mut col, &c.kind),
                2 => optional::<Int32Type>(&mut col, &c.date.values, &c.date.def),
                3 => strings(&mut col, &c.date_precision),
                4 => opt_strings(&mut col, &c.state),
                5 => opt_strings(&mut col, &c.municipality),
                6 => optional::<DoubleType>(&mut col, &c.lat.values, &c.lat.def),
                7 => optional::<DoubleType>(&mut col, &c.lon.values, &c.lon.def),
                8 => optional::<Int32Type>(&mut col, &c.geo_precision.values, &c.geo_precision.def),
                9 => required::<DoubleType>(&mut col, &c.fatalities),
                10 => col
                    .typed::<ByteArrayType>()
                    .write_batch(&c.actors.values(), Some(&c.actors_def), Some(&c.actors_rep))
                    .map(|_| ()),
                11 => strings(&mut col, &c.measures),
                12 => strings(&mut col, &c.sources),
                13 => strings(&mut col, &c.tags),
                14 => strings(&mut col, &c.origin_format),
                15 => strings(&mut col, &c.origin_file),
                16 => required::<Int64Type>(&mut col, &c.origin_row),
                17 => strings(&mut col, &c.origin_source_id),
                18 => opt_strings(&mut col, &c.review),
                _ => Err(ParquetError::General(format!("unexpected column {i}"))),
            }
            .map_err(pq)?;
            col.close().map_err(pq)?;
        }
        rg.close().map_err(pq)?;
        Ok(())
    }

    /// Writes the last row group and the footer; an export of no events is a valid file
    /// with the schema and no rows.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush_row_group()?;
        let mut out = self.file.into_inner().map_err(pq)?;
        out.flush()?;
        Ok(out)
    }
}

/// A column a dataset is partitioned by: one folder level `NAME=VALUE` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartitionKey {
    /// The year of the event's date.
    Year,
    /// The state's INEGI code.
    State,
}

impl PartitionKey {
    pub fn as_str(self) -> &'static str {
        match self {
            PartitionKey::Year => "year",
            PartitionKey::State => "state",
        }
    }

    /// Parses `year,state` (either order, either alone) as `--partition-by` takes it.
    pub fn parse_list(s: &str) -> Result<Vec<PartitionKey>, String> {
        let mut keys = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let k = match part {
                "year" => PartitionKey::Year,
                "state" => PartitionKey::State,
                other => {
                    return Err(format!(
                        "cannot partition by {other:?}: use year, state or year,state"
                    ))
                }
            };
            if keys.contains(&k) {
                return Err(format!("{part} is named twice"));
            }
            keys.push(k);
        }
        if keys.is_empty() {
            return Err("name at least one of year, state".to_string());
        }
        Ok(keys)
    }
}

/// The folder value Hive (and Spark, DuckDB, pyarrow) read as null.
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// The dataset's description, written last as `_atalaya.json` (readers such as Spark skip
/// names starting with `_`).
pub const MANIFEST: &str = "_atalaya.json";

/// Rows per file in a dataset before the partition's next file starts: 64 row groups,
/// so a large partition still splits into files a cluster reads in parallel.
pub const FILE_ROWS: u64 = 64 * ROW_GROUP_ROWS as u64;

/// Memory for the rows buffered across a dataset's open files; past it the largest
/// buffer is written as a (smaller) row group.
pub const DATASET_BUFFER_BYTES: usize = 384 << 20;

/// What a finished dataset holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DatasetSummary {
    pub rows: u64,
    pub files: u64,
}

/// One partition's open file.
struct PartFile {
    writer: ParquetWriter<BufWriter<File>>,
    /// The event year this partition holds (`None`: undated, or not partitioned by year).
    year: Option<i32>,
}

/// Writes events as a Hive-style partitioned dataset under a temporary folder beside the
/// destination, renamed into place by [`DatasetWriter::finish`]: a failed or interrupted
/// export leaves nothing under the destination's name.
///
/// Memory: one buffered row group per open partition, bounded by
/// [`DATASET_BUFFER_BYTES`] in all. Events in date order (as `for_each_event` and `synth`
/// give them) keep one year's partitions open at a time: a partition of an earlier year is
/// closed when a later year starts. Any order is still written correctly: an event for a
/// closed partition starts the partition's next file.
pub struct DatasetWriter {
    out: PathBuf,
    tmp: Option<tempfile::TempDir>,
    keys: Vec<PartitionKey>,
    open: HashMap<String, PartFile>,
    /// Files started per partition folder (the next file's number).
    started: HashMap<String, u64>,
    buffered: usize,
    latest_year: Option<i32>,
    rows: u64,
    files: u64,
}

impl DatasetWriter {
    /// Starts a dataset that will be `out` (which must not exist, or be an empty folder).
    pub fn create(out: &Path, keys: &[PartitionKey]) -> io::Result<DatasetWriter> {
        if out.exists() {
            let empty = out.is_dir() && std::fs::read_dir(out)?.next().is_none();
            if !empty {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{} already exists; a dataset is written to a new folder (remove it or pick another --out)",
                        out.display()
                    ),
                ));
            }
        }
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new()
            .prefix(".atalaya-dataset-")
            .tempdir_in(parent)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", parent.display())))?;
        Ok(DatasetWriter {
            out: out.to_path_buf(),
            tmp: Some(tmp),
            keys: keys.to_vec(),
            open: HashMap::new(),
            started: HashMap::new(),
            buffered: 0,
            latest_year: None,
            rows: 0,
            files: 0,
        })
    }

    fn root(&self) -> &Path {
        self.tmp.as_ref().expect("open until finish").path()
    }

    /// Writes an event without a review status (an imported row).
    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        self.write_reviewed(e, None)
    }

    /// Writes an event with its review status (`None` for imported rows).
    pub fn write_reviewed(&mut self, e: &Event, review: Option<Review>) -> io::Result<()> {
        let date = e.date.as_deref().map(|d| epoch_day(&e.id, d)).transpose()?;
        let year = date.map(|d| atalaya_core::period::from_day_number(d).year());
        let by_year = self.keys.contains(&PartitionKey::Year);
        if by_year && year > self.latest_year {
            self.latest_year = year;
            // Date order: the partitions of earlier years are complete.
            let done: Vec<String> = self
                .open
                .iter()
                .filter(|(_, p)| p.year < year)
                .map(|(k, _)| k.clone())
                .collect();
            for k in done {
                self.close(&k)?;
            }
        }
        let mut folder = String::new();
        for k in &self.keys {
            let value = match k {
                PartitionKey::Year => year.map(|y| y.to_string()),
                PartitionKey::State => e.state.clone(),
            };
            if !folder.is_empty() {
                folder.push('/');
            }
            folder.push_str(k.as_str());
            folder.push('=');
            folder.push_str(value.as_deref().unwrap_or(NULL_PARTITION));
        }
        if !self.open.contains_key(&folder) {
            self.start(&folder, if by_year { year } else { None })?;
        }
        let part = self.open.get_mut(&folder).expect("started above");
        let before = part.writer.buffered_bytes();
        part.writer.write_dated(e, review, date)?;
        let after = part.writer.buffered_bytes();
        let file_rows = part.writer.rows();
        self.buffered = (self.buffered + after).saturating_sub(before);
        self.rows += 1;
        if file_rows >= FILE_ROWS {
            self.close(&folder)?;
        }
        if self.buffered > DATASET_BUFFER_BYTES {
            self.flush_largest()?;
        }
        Ok(())
    }

    fn start(&mut self, folder: &str, year: Option<i32>) -> io::Result<()> {
        let dir = self.root().join(folder);
        std::fs::create_dir_all(&dir)?;
        let n = self.started.entry(folder.to_string()).or_insert(0);
        let path = dir.join(format!("part-{n:05}.parquet"));
        *n += 1;
        let with_state = !self.keys.contains(&PartitionKey::State);
        let file = BufWriter::with_capacity(1 << 16, File::create(&path)?);
        let writer = ParquetWriter::build(file, ROW_GROUP_ROWS, with_state)?;
        self.open
            .insert(folder.to_string(), PartFile { writer, year });
        self.files += 1;
        Ok(())
    }

    fn close(&mut self, folder: &str) -> io::Result<()> {
        if let Some(p) = self.open.remove(folder) {
            self.buffered = self.buffered.saturating_sub(p.writer.buffered_bytes());
            let mut f = p.writer.finish()?;
            f.flush()?;
        }
        Ok(())
    }

    /// Writes the largest buffer out as a row group, to stay within the memory bound.
    fn flush_largest(&mut self) -> io::Result<()> {
        let Some(p) = self
            .open
            .values_mut()
            .max_by_key(|p| p.writer.buffered_bytes())
        else {
            return Ok(());
        };
        let freed = p.writer.buffered_bytes();
        p.writer.flush_row_group()?;
        self.buffered = self.buffered.saturating_sub(freed);
        Ok(())
    }

    /// Closes every file, writes the manifest and moves the dataset to its name.
    pub fn finish(mut self) -> io::Result<DatasetSummary> {
        let folders: Vec<String> = self.open.keys().cloned().collect();
        for f in folders {
            self.close(&f)?;
        }
        let manifest = serde_json::json!({
            "schema": "atalaya_event",
            "schema_version": SCHEMA_VERSION,
            "partition_by": self.keys.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            "rows": self.rows,
            "files": self.files,
            "created_by": format!("atalaya {}", env!("CARGO_PKG_VERSION")),
        });
        let mut m = File::create(self.root().join(MANIFEST))?;
        serde_json::to_writer_pretty(&mut m, &manifest).map_err(io::Error::other)?;
        m.write_all(b"\n")?;
        drop(m);
        let tmp = self.tmp.take().expect("open until finish");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A temporary folder is created private; the dataset is as readable as any new folder.
            std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755))?;
        }
        if self.out.is_dir() {
            // Checked empty at `create`.
            std::fs::remove_dir(&self.out)?;
        }
        let path = tmp.keep();
        std::fs::rename(&path, &self.out).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("moving {} to {}: {e}", path.display(), self.out.display()),
            )
        })?;
        Ok(DatasetSummary {
            rows: self.rows,
            files: self.files,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_parses_with_the_columns_in_write_order() {
        let t = parse_message_type(SCHEMA).unwrap();
        let names: Vec<&str> = t.get_fields().iter().map(|f| f.name()).collect();
        assert_eq!(names.len(), 19);
        assert_eq!(names[0], "id");
        assert_eq!(names[STATE_FIELD], "state");
        assert_eq!(names[10], "actors");
        assert_eq!(names[17], "origin_source_id");
        assert_eq!(names[18], "review");
        let without = file_schema(false).unwrap();
        assert_eq!(without.get_fields().len(), 18);
        assert!(without.get_fields().iter().all(|f| f.name() != "state"));
    }

    fn event(i: usize) -> Event {
        let mut measures = atalaya_core::Measures::default();
        measures.set("fatalities", i as f64);
        Event {
            id: format!("test:{i}"),
            kind: atalaya_core::EventKind::Homicide,
            date: (!i.is_multiple_of(3)).then(|| format!("2024-01-{:02}", i + 1)),
            date_precision: atalaya_core::DatePrecision::Day,
            state: i.is_multiple_of(2).then(|| "14".to_string()),
            municipality: None,
            lat: Some(20.5),
            lon: None,
            geo_precision: Some(1),
            actors: (0..i % 3).map(|a| format!("actor {a}")).collect(),
            measures,
            sources: vec![],
            origin: atalaya_core::Origin::default(),
            tags: vec![],
        }
    }

    #[test]
    fn rows_split_into_row_groups_and_read_back_in_order() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        use parquet::record::{Field, ListAccessor, RowAccessor};

        let file = tempfile::tempfile().unwrap();
        let mut w = ParquetWriter::with_row_group_rows(file.try_clone().unwrap(), 4).unwrap();
        for i in 0..10 {
            w.write(&event(i)).unwrap();
        }
        w.finish().unwrap();
        let r = SerializedFileReader::new(file).unwrap();
        assert_eq!(r.metadata().num_row_groups(), 3);
        assert_eq!(r.metadata().file_metadata().num_rows(), 10);
        let kv = r.metadata().file_metadata().key_value_metadata().unwrap();
        assert!(kv
            .iter()
            .any(|k| k.key == VERSION_KEY && k.value.as_deref() == Some("1")));
        for (i, row) in r.get_row_iter(None).unwrap().enumerate() {
            let row = row.unwrap();
            assert_eq!(row.get_string(0).unwrap(), &format!("test:{i}"));
            assert_eq!(row.get_double(9).unwrap(), i as f64);
            let actors = row.get_list(10).unwrap();
            assert_eq!(actors.len(), i % 3);
            if i % 3 == 2 {
                assert_eq!(actors.get_string(1).unwrap(), "actor 1");
            }
            let (_, date) = row.get_column_iter().nth(2).unwrap();
            let want =
                (!i.is_multiple_of(3)).then(|| epoch_day("", &format!("2024-01-{:02}", i + 1)));
            match (date, want) {
                (Field::Date(d), Some(w)) => assert_eq!(*d, w.unwrap()),
                (Field::Null, None) => {}
                other => panic!("row {i}: date {other:?}"),
            }
        }
    }

    #[test]
    fn epoch_days() {
        assert_eq!(epoch_day("x", "1970-01-02").unwrap(), 1);
        assert_eq!(epoch_day("x", "1969-12-31").unwrap(), -1);
        assert!(epoch_day("x", "2020-13-01").is_err());
    }

    #[test]
    fn partition_lists_parse_and_refuse_unknown_names() {
        use PartitionKey::*;
        assert_eq!(
            PartitionKey::parse_list("year,state").unwrap(),
            [Year, State]
        );
        assert_eq!(
            PartitionKey::parse_list("state, year").unwrap(),
            [State, Year]
        );
        assert_eq!(PartitionKey::parse_list("state").unwrap(), [State]);
        assert!(PartitionKey::parse_list("year,kind").is_err());
        assert!(PartitionKey::parse_list("year,year").is_err());
        assert!(PartitionKey::parse_list("").is_err());
    }

    #[test]
    fn a_dataset_appears_only_when_finished_and_never_over_a_full_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("ds");
        let mut w =
            DatasetWriter::create(&out, &[PartitionKey::Year, PartitionKey::State]).unwrap();
        for i in 0..10 {
            w.write(&event(i)).unwrap();
        }
        assert!(!out.exists());
        let s = w.finish().unwrap();
        assert_eq!(s.rows, 10);
        // Undated (i % 3 == 0) and dated, with and without a state: four folders. The
        // events are not in date order: the undated ones with a state come before and
        // after the first dated one, which closed their partition, so it has two files.
        assert_eq!(s.files, 5);
        assert!(out
            .join(format!("year={NULL_PARTITION}/state=14/part-00001.parquet"))
            .is_file());
        assert!(out.join(MANIFEST).is_file());
        assert!(out
            .join(format!(
                "year=2024/state={NULL_PARTITION}/part-00000.parquet"
            ))
            .is_file());
        assert!(out.join("year=2024/state=14/part-00000.parquet").is_file());
        assert!(DatasetWriter::create(&out, &[PartitionKey::Year]).is_err());
        // Nothing left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
