//! Importers. Each format parses rows into `Item`s; this module runs the file through one
//! transaction, reports bad rows by file, line and field, and either refuses the whole file
//! (strict, the default) or stores the good rows and quarantines the bad ones.

use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::Ordering;

use atalaya_core::gazetteer::MunicipalCatalog;
use atalaya_core::Event;
use csv::{ByteRecord, StringRecord};
use serde::Serialize;

use self::lines::LineBreaks;
use crate::write::{encode_event, Counts, EncodedEvent, Intervention, Writer};
use crate::{reader, Store, StoreError};

pub mod acled;
pub mod aggregates;
pub mod kingpins;
mod lines;
pub mod municipios;
pub mod ocved;
pub mod parquet;
pub mod sesnsp;
pub mod ucdp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Acled,
    Ucdp,
    Ocved,
    Sesnsp,
    Kingpins,
    Municipios,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Acled,
        Format::Ucdp,
        Format::Ocved,
        Format::Sesnsp,
        Format::Kingpins,
        Format::Municipios,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Acled => "acled",
            Format::Ucdp => "ucdp",
            Format::Ocved => "ocved",
            Format::Sesnsp => "sesnsp",
            Format::Kingpins => "kingpins",
            Format::Municipios => "municipios",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| format!("unknown import format {s:?} (acled, ucdp, ocved, sesnsp, kingpins, municipios)"))
    }
}

/// What a parsed row holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Event(Box<Event>),
    /// ACLED deletion: remove the event with this id.
    Delete(String),
    Indicator {
        indicator: String,
        state: String,
        month: String,
        value: f64,
        source: String,
    },
    Intervention(Box<Intervention>),
    Municipality {
        code: String,
        name: String,
    },
}

/// A problem with one row, naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub field: String,
    pub message: String,
}

impl RowError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        RowError {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: line {line}: field {field}: {message}")]
    Row {
        file: String,
        line: u64,
        field: String,
        message: String,
        rejected: u64,
    },
    #[error("{file}: {message}")]
    Header { file: String, message: String },
    /// A bad row in a Parquet dataset (`import parquet`): the whole dataset is refused.
    #[error("{file}: row {row}: field {field}: {message}; nothing from this dataset was stored")]
    DatasetRow {
        file: String,
        row: u64,
        field: String,
        message: String,
    },
    #[error("{file}: cannot open: {message}")]
    Open { file: String, message: String },
    #[error("{file}: near line {line}: {message}; nothing from this file was stored")]
    Read {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}: {message}")]
    Quarantine { file: String, message: String },
    #[error("{file}: {source}")]
    Store { file: String, source: StoreError },
}

/// Column positions by header name.
pub struct Columns {
    index: HashMap<String, usize>,
    pub names: Vec<String>,
}

impl Columns {
    pub(crate) fn new(header: &ByteRecord) -> Result<Columns, String> {
        let mut names = Vec::with_capacity(header.len());
        for (i, h) in header.iter().enumerate() {
            let s = std::str::from_utf8(h)
                .map_err(|_| format!("header column {} is not valid UTF-8", i + 1))?;
            // A UTF-8 byte-order mark can precede the first column name.
            names.push(s.trim_start_matches('\u{feff}').trim().to_string());
        }
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        Ok(Columns { index, names })
    }

    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// The column's position, resolved once per file so rows read it without a name lookup.
    pub fn col(&self, name: &'static str) -> Option<Col> {
        self.index.get(name).map(|&i| Col { i, name })
    }

    /// Fails naming every missing column.
    pub fn require(&self, names: &[&str]) -> Result<(), String> {
        let missing: Vec<&str> = names.iter().copied().filter(|n| !self.has(n)).collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!("missing column(s): {}", missing.join(", ")))
        }
    }
}

/// A column found in the header: its position and its name (for error messages).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    i: usize,
    name: &'static str,
}

/// How a row's field is named: by header name (looked up per access) or by a `Col`.
pub trait Field: Copy {
    /// The field's position; `None`: the header lacks the column.
    fn index(self, cols: &Columns) -> Option<usize>;
    /// The column's name, for error messages.
    fn name(&self) -> &str;
}

impl<S: AsRef<str> + ?Sized> Field for &S {
    fn index(self, cols: &Columns) -> Option<usize> {
        cols.index.get(self.as_ref()).copied()
    }
    fn name(&self) -> &str {
        (*self).as_ref()
    }
}

impl Field for Col {
    fn index(self, _: &Columns) -> Option<usize> {
        Some(self.i)
    }
    fn name(&self) -> &str {
        self.name
    }
}

/// One data row with access by column name or position.
pub struct Row<'a> {
    rec: &'a ByteRecord,
    /// The same record when all of it is valid UTF-8 (checked once, not per field read).
    text: Option<&'a StringRecord>,
    cols: &'a Columns,
    /// 1-based line number in the (decompressed) file where the row starts.
    pub line: u64,
}

impl<'a> Row<'a> {
    /// A record as read; `Err`: it is not all valid UTF-8 (its fields are then checked
    /// one by one as they are read, so only a field a parser reads can refuse the row).
    pub(crate) fn new(
        record: &'a Result<StringRecord, ByteRecord>,
        cols: &'a Columns,
        line: u64,
    ) -> Row<'a> {
        let (rec, text) = match record {
            Ok(text) => (text.as_byte_record(), Some(text)),
            Err(rec) => (rec, None),
        };
        Row {
            rec,
            text,
            cols,
            line,
        }
    }

    /// The field's text, trimmed. Fails on a missing column or invalid UTF-8.
    pub fn get(&self, col: impl Field) -> Result<&'a str, RowError> {
        let i = col
            .index(self.cols)
            .ok_or_else(|| RowError::new(col.name(), "column missing"))?;
        let text = match self.text {
            Some(text) => text.get(i).unwrap_or(""),
            None => std::str::from_utf8(self.rec.get(i).unwrap_or(b"")).map_err(|e| {
                RowError::new(
                    col.name(),
                    format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                )
            })?,
        };
        Ok(trim(text))
    }

    /// Whether the file has the column (for optional columns).
    pub fn cols_has(&self, name: &str) -> bool {
        self.cols.has(name)
    }

    /// The field, or `None` when empty.
    pub fn opt(&self, col: impl Field) -> Result<Option<&'a str>, RowError> {
        self.get(col)
            .map(|s| if s.is_empty() { None } else { Some(s) })
    }

    pub fn f64(&self, col: impl Field) -> Result<Option<f64>, RowError> {
        match self.opt(col)? {
            None => Ok(None),
            Some(s) => s
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(Some)
                .ok_or_else(|| RowError::new(col.name(), format!("{s:?} is not a number"))),
        }
    }

    /// A count: a non-negative whole number.
    pub fn count(&self, col: impl Field) -> Result<Option<f64>, RowError> {
        match self.f64(col)? {
            Some(v) if v < 0.0 || v.fract() != 0.0 => Err(RowError::new(
                col.name(),
                format!("{v} is not a non-negative whole number"),
            )),
            other => Ok(other),
        }
    }

    pub fn lat_lon(
        &self,
        lat_col: impl Field,
        lon_col: impl Field,
    ) -> Result<(Option<f64>, Option<f64>), RowError> {
        let lat = self.f64(lat_col)?;
        let lon = self.f64(lon_col)?;
        if let Some(v) = lat {
            if !(-90.0..=90.0).contains(&v) {
                return Err(RowError::new(
                    lat_col.name(),
                    format!("{v} is not a latitude"),
                ));
            }
        }
        if let Some(v) = lon {
            if !(-180.0..=180.0).contains(&v) {
                return Err(RowError::new(
                    lon_col.name(),
                    format!("{v} is not a longitude"),
                ));
            }
        }
        Ok((lat, lon))
    }

    /// The raw fields, lossily decoded, for the quarantine file.
    fn raw(&self) -> Vec<String> {
        self.rec
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect()
    }
}

/// `str::trim`, without its scan from both ends when the field starts and ends with a
/// visible ASCII character (nearly every field; whitespace is ASCII or not ASCII at all).
fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// What a format parser sees besides the row.
pub struct Context {
    /// The file name as recorded in each event's origin.
    pub file: String,
    /// The municipal catalog held by the database (may be empty).
    pub catalog: MunicipalCatalog,
}

pub trait Parser {
    /// Checks the header and picks a layout; the message names missing columns.
    fn header(&mut self, cols: &Columns) -> Result<(), String>;
    fn row(&mut self, row: &Row, ctx: &Context) -> Result<Vec<Item>, RowError>;
    /// Items only known at the end (formats that aggregate rows).
    fn finish(&mut self, _ctx: &Context) -> Result<Vec<Item>, RowError> {
        Ok(Vec::new())
    }
    /// Field delimiter.
    fn delimiter(&self) -> u8 {
        b','
    }
}

fn parser_for(format: Format) -> Box<dyn Parser + Send> {
    match format {
        Format::Acled => Box::new(acled::AcledParser::default()),
        Format::Ucdp => Box::new(ucdp::UcdpParser::default()),
        Format::Ocved => Box::new(ocved::OcvedParser::default()),
        Format::Sesnsp => Box::new(sesnsp::SesnspParser::default()),
        Format::Kingpins => Box::new(kingpins::KingpinsParser::default()),
        Format::Municipios => Box::new(municipios::MunicipiosParser),
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    pub format: String,
    pub file: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Progress callback: (bytes of the file read, file size).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

#[derive(Default)]
pub struct ImportOptions<'a> {
    /// Store good rows and write bad ones here (CSV with the reason) instead of refusing
    /// the file.
    pub quarantine: Option<&'a mut dyn Write>,
    pub progress: Option<Progress<'a>>,
}

impl Store {
    pub fn municipal_catalog(&self) -> Result<MunicipalCatalog, StoreError> {
        let mut c = MunicipalCatalog::new();
        let mut st = self.conn.prepare("SELECT code, name FROM municipalities")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (code, name) = row?;
            c.insert(&code, &name)
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
        }
        Ok(c)
    }

    /// Imports one file in one transaction. Strict: the first bad row aborts and nothing
    /// from the file is stored. With a quarantine writer: bad rows go there, the rest is
    /// stored. An unreadable file (truncated archive, I/O error) is always refused whole.
    ///
    /// Strict imports into an empty events table take the first-load path (indexes built
    /// after the rows, see `write::Writer`); should the file repeat an event id, the import
    /// is redone row by row, where a repeat updates the earlier row.
    pub fn import_file(
        &mut self,
        format: Format,
        path: &Path,
        opts: ImportOptions,
    ) -> Result<ImportReport, ImportError> {
        let ImportOptions {
            quarantine,
            mut progress,
        } = opts;
        if quarantine.is_none() {
            let first = self.import_once(format, path, None, &mut progress, true);
            if !matches!(
                first,
                Err(ImportError::Store {
                    source: StoreError::RepeatedId,
                    ..
                })
            ) {
                return first;
            }
        }
        self.import_once(format, path, quarantine, &mut progress, false)
    }

    fn import_once(
        &mut self,
        format: Format,
        path: &Path,
        quarantine: Option<&mut dyn Write>,
        progress: &mut Option<Progress>,
        allow_bulk: bool,
    ) -> Result<ImportReport, ImportError> {
        let file = path.to_string_lossy().into_owned();
        let file_name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        let store_err = |source| ImportError::Store {
            file: file.clone(),
            source,
        };
        let opened = reader::open(path).map_err(|e| ImportError::Open {
            file: file.clone(),
            message: e.to_string(),
        })?;
        let mut parser = parser_for(format);
        let ctx = Context {
            file: file_name,
            catalog: self.municipal_catalog().map_err(store_err)?,
        };
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(parser.delimiter())
            .flexible(true)
            .has_headers(false)
            .from_reader(LineBreaks::new(opened.reader));
        let mut header = ByteRecord::new();
        let read_err = |e: csv::Error, line: u64| ImportError::Read {
            file: file.clone(),
            line,
            message: match e.kind() {
                csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
                    "the file ends early (truncated or corrupt archive)".to_string()
                }
                _ => e.to_string(),
            },
        };
        if !csv
            .read_byte_record(&mut header)
            .map_err(|e| read_err(e, 1))?
        {
            return Err(ImportError::Header {
                file,
                message: "the file is empty (no header row)".into(),
            });
        }
        let cols = Columns::new(&header).map_err(|m| ImportError::Header {
            file: file.clone(),
            message: m,
        })?;
        parser.header(&cols).map_err(|m| ImportError::Header {
            file: file.clone(),
            message: m,
        })?;
        let mut quarantine = match quarantine {
            Some(w) => {
                // Flexible: a row with the wrong field count is quarantined as it came.
                let mut q = csv::WriterBuilder::new().flexible(true).from_writer(w);
                let mut h = vec![
                    "_file".to_string(),
                    "_line".into(),
                    "_field".into(),
                    "_reason".into(),
                ];
                h.extend(cols.names.iter().cloned());
                q.write_record(&h).map_err(|e| ImportError::Quarantine {
                    file: file.clone(),
                    message: e.to_string(),
                })?;
                Some(q)
            }
            None => None,
        };
        let mut writer = self
            .writer_with(format.as_str(), &file, allow_bulk)
            .map_err(store_err)?;
        let mut last_tick = 0u64;
        // Two threads: this one writes to SQLite; a reader thread decompresses, parses and
        // encodes rows, in batches, in file order. A bounded channel keeps memory flat; if
        // the writer stops early (a strict-mode error), the reader's next send fails and it
        // stops too.
        std::thread::scope(|scope| -> Result<(), ImportError> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(4);
            // Written batches go back to the reader to be freed there: the writer is the
            // busier thread.
            let (done_tx, done_rx) = std::sync::mpsc::channel::<Vec<ParsedRow>>();
            let reader = scope.spawn({
                let (ctx, cols) = (&ctx, &cols);
                move || read_rows(&mut csv, parser.as_mut(), cols, ctx, &tx, &done_rx)
            });
            for batch in rx {
                let mut rows = match batch {
                    Batch::Rows(rows) => rows,
                    Batch::Failed(e, line) => return Err(read_err(e, line)),
                    Batch::Tail(result) => {
                        // Errors found only at the end of the file belong to no line.
                        let err = match result.map(|items| store_prepared(&mut writer, &items)) {
                            Ok(Ok(())) => continue,
                            Ok(Err(ItemError::Store(e))) => return Err(store_err(e)),
                            Ok(Err(ItemError::Row(err))) | Err(err) => err,
                        };
                        return Err(ImportError::Row {
                            file: file.clone(),
                            line: 0,
                            field: err.field,
                            message: err.message,
                            rejected: 0,
                        });
                    }
                };
                // A first load stores the leading rows that are plain new events in
                // multi-row statements; the rest go one by one.
                let mut stored = 0;
                if writer.is_bulk() {
                    let mut events = Vec::with_capacity(rows.len());
                    'rows: for row in &rows {
                        let Ok(items) = &row.result else { break };
                        let mark = events.len();
                        for item in items {
                            match item {
                                Prepared::Event(e) => events.push(&**e),
                                Prepared::Other(_) => {
                                    events.truncate(mark);
                                    break 'rows;
                                }
                            }
                        }
                        stored += 1;
                    }
                    writer.insert_new(&events).map_err(store_err)?;
                    writer.counts.read += stored as u64;
                }
                for row in rows[stored..].iter_mut() {
                    writer.counts.read += 1;
                    let result = match &row.result {
                        Err(e) => Err(e.clone()),
                        Ok(items) => match store_prepared(&mut writer, items) {
                            Err(ItemError::Store(e)) => return Err(store_err(e)),
                            Err(ItemError::Row(e)) => Err(e),
                            Ok(()) => Ok(()),
                        },
                    };
                    let Err(err) = result else { continue };
                    writer.counts.rejected += 1;
                    let Some(q) = quarantine.as_mut() else {
                        return Err(ImportError::Row {
                            file: file.clone(),
                            line: row.line,
                            field: err.field,
                            message: err.message,
                            rejected: 1,
                        });
                    };
                    let mut out = vec![file.clone(), row.line.to_string(), err.field, err.message];
                    out.append(&mut row.raw);
                    q.write_record(&out).map_err(|e| ImportError::Quarantine {
                        file: file.clone(),
                        message: e.to_string(),
                    })?;
                }
                let _ = done_tx.send(rows);
                if let Some(p) = progress.as_mut() {
                    if writer.counts.read - last_tick >= 4096 {
                        last_tick = writer.counts.read;
                        p(opened.position.load(Ordering::Relaxed), opened.size);
                    }
                }
            }
            reader.join().expect("the import reader thread panicked");
            Ok(())
        })?;
        if let Some(mut q) = quarantine {
            q.flush().map_err(|e| ImportError::Quarantine {
                file: file.clone(),
                message: e.to_string(),
            })?;
        }
        if let Some(p) = progress.as_mut() {
            p(opened.size, opened.size);
        }
        let counts = writer.commit().map_err(store_err)?;
        Ok(ImportReport {
            format: format.as_str().to_string(),
            file,
            counts,
        })
    }
}

/// An item with events already encoded for the writer.
enum Prepared {
    Event(Box<EncodedEvent>),
    Other(Item),
}

/// One data row as the reader thread hands it over.
struct ParsedRow {
    line: u64,
    result: Result<Vec<Prepared>, RowError>,
    /// The raw fields, kept only for a refused row (the quarantine file needs them).
    raw: Vec<String>,
}

enum Batch {
    Rows(Vec<ParsedRow>),
    /// The file could not be read further (I/O error, truncated archive) near this line.
    Failed(csv::Error, u64),
    /// What the parser emits at the end of the file.
    Tail(Result<Vec<Prepared>, RowError>),
}

/// Small enough that the rows in flight (the channel's batches, one being filled, those
/// coming back to be freed) stay in cache: with 1,024 both threads spent more time on
/// memory, each allocation and read a likely miss.
const BATCH_ROWS: usize = 256;

fn prepare(items: Vec<Item>) -> Result<Vec<Prepared>, RowError> {
    items
        .into_iter()
        .map(|item| match item {
            Item::Event(e) => encode_event(*e)
                .map(|enc| Prepared::Event(Box::new(enc)))
                .map_err(|e| RowError::new("(row)", e.to_string())),
            other => Ok(Prepared::Other(other)),
        })
        .collect()
}

/// The reader thread: every record of the file, parsed and encoded, sent in batches.
fn read_rows<R: std::io::Read>(
    csv: &mut csv::Reader<LineBreaks<R>>,
    parser: &mut (dyn Parser + Send),
    cols: &Columns,
    ctx: &Context,
    tx: &std::sync::mpsc::SyncSender<Batch>,
    done: &std::sync::mpsc::Receiver<Vec<ParsedRow>>,
) {
    let mut rec = ByteRecord::new();
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    loop {
        let start = csv.position().byte();
        match csv.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                if !batch.is_empty() {
                    let _ = tx.send(Batch::Rows(std::mem::take(&mut batch)));
                }
                let line = 1 + csv.get_mut().before(start);
                let _ = tx.send(Batch::Failed(e, line));
                return;
            }
        }
        let end = csv.position().byte();
        let line = csv.get_mut().record_start(start, end, &rec);
        // One UTF-8 check of the whole record (a fast ASCII scan for most), not one per field.
        let record = StringRecord::from_byte_record(rec).map_err(|e| e.into_byte_record());
        let row = Row::new(&record, cols, line);
        let result = if row.rec.len() != cols.names.len() {
            Err(RowError::new(
                "(row)",
                format!(
                    "has {} fields, the header has {}",
                    row.rec.len(),
                    cols.names.len()
                ),
            ))
        } else {
            parser.row(&row, ctx).and_then(prepare)
        };
        let raw = if result.is_err() {
            row.raw()
        } else {
            Vec::new()
        };
        batch.push(ParsedRow { line, result, raw });
        // The record's buffers serve the next row.
        rec = match record {
            Ok(text) => text.into_byte_record(),
            Err(rec) => rec,
        };
        if batch.len() == BATCH_ROWS {
            // Free what the writer has finished with: batches come back one per batch sent,
            // so looking once per batch keeps memory as flat as looking per row.
            while done.try_recv().is_ok() {}
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ROWS));
            if tx.send(Batch::Rows(full)).is_err() {
                return;
            }
        }
    }
    if !batch.is_empty() && tx.send(Batch::Rows(batch)).is_err() {
        return;
    }
    let _ = tx.send(Batch::Tail(parser.finish(ctx).and_then(prepare)));
}

/// A row the data refuses (quarantinable) or a store failure (aborts the import).
enum ItemError {
    Row(RowError),
    Store(StoreError),
}

impl From<RowError> for ItemError {
    fn from(e: RowError) -> Self {
        ItemError::Row(e)
    }
}

fn store_prepared(w: &mut Writer, items: &[Prepared]) -> Result<(), ItemError> {
    let invalid = |e: StoreError| match e {
        StoreError::Invalid(m) => ItemError::Row(RowError::new("(row)", m)),
        other => ItemError::Store(other),
    };
    for item in items {
        match item {
            Prepared::Event(e) => {
                w.upsert_encoded(e).map_err(invalid)?;
            }
            Prepared::Other(Item::Event(e)) => {
                w.upsert_event(e).map_err(invalid)?;
            }
            Prepared::Other(Item::Delete(uid)) => {
                w.delete_event(uid).map_err(invalid)?;
            }
            Prepared::Other(Item::Indicator {
                indicator,
                state,
                month,
                value,
                source,
            }) => {
                w.upsert_indicator(indicator, state, month, *value, source)
                    .map_err(invalid)?;
            }
            Prepared::Other(Item::Intervention(iv)) => {
                w.upsert_intervention(iv).map_err(invalid)?;
            }
            Prepared::Other(Item::Municipality { code, name }) => {
                w.upsert_municipality(code, name).map_err(invalid)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&[u8]]) -> Result<StringRecord, ByteRecord> {
        StringRecord::from_byte_record(ByteRecord::from(fields.to_vec()))
            .map_err(|e| e.into_byte_record())
    }

    #[test]
    fn fields_read_by_name_or_position_trimmed_and_checked_for_utf8() {
        let cols = Columns::new(&ByteRecord::from(vec!["a", "b", "c"])).unwrap();
        let b = cols.col("b").unwrap();
        assert!(cols.col("d").is_none());
        let valid = record(&[b" x ", b"\xc2\xa0y\t", b"z"]);
        let row = Row::new(&valid, &cols, 2);
        assert_eq!(row.get("a").unwrap(), "x");
        assert_eq!(row.get(b).unwrap(), "y");
        assert_eq!(row.get("c").unwrap(), "z");
        assert_eq!(
            row.get("d").unwrap_err(),
            RowError::new("d", "column missing")
        );
        // Invalid UTF-8 refuses only the field that holds it, naming the byte.
        let invalid = record(&[b"ok ", b"ab\xffc", b""]);
        assert!(invalid.is_err());
        let row = Row::new(&invalid, &cols, 3);
        assert_eq!(row.get("a").unwrap(), "ok");
        assert_eq!(row.opt("c").unwrap(), None);
        assert_eq!(
            row.get(b).unwrap_err(),
            RowError::new("b", "invalid UTF-8 at byte 2")
        );
    }

    /// Imports `bytes` as a municipal catalog, strictly; the refused row's line and field.
    fn refused_at(bytes: &[u8], name: &str) -> (u64, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        match store.import_file(Format::Municipios, &path, ImportOptions::default()) {
            Err(ImportError::Row { line, field, .. }) => (line, field),
            other => panic!("expected a row error, got {other:?}"),
        }
    }

    #[test]
    fn bad_rows_are_reported_at_their_physical_line() {
        let lf = "cvegeo,nom_mun\n01001,Aguascalientes\n01002,Asientos\n0100x,Calvillo\n";
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        for (bytes, why) in [(lf.to_string(), "LF"), (crlf, "CRLF"), (cr, "CR")] {
            assert_eq!(
                refused_at(bytes.as_bytes(), "m.csv"),
                (4, "cvegeo".to_string()),
                "{why}"
            );
        }
        // Quoted names with line breaks before the bad row, and a bad row that spans lines:
        // reported at its first line (8), with CRLF rows and CRLF inside the quotes.
        let multi = "cvegeo,nom_mun\r\n01001,\"Aguas\r\ncalientes\"\r\n\r\n01002,\"A\nsien\ntos\"\r\n0100x,\"Cal\r\nvillo\"\r\n";
        assert_eq!(refused_at(multi.as_bytes(), "m.csv").0, 8);
        // Compressed, as most downloads come.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(multi.as_bytes()).unwrap();
        assert_eq!(refused_at(&gz.finish().unwrap(), "m.csv.gz").0, 8);

        // The quarantine file names the same line.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.csv");
        std::fs::write(&path, multi).unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        let mut q = Vec::new();
        store
            .import_file(
                Format::Municipios,
                &path,
                ImportOptions {
                    quarantine: Some(&mut q),
                    ..Default::default()
                },
            )
            .unwrap();
        let mut rd = csv::Reader::from_reader(q.as_slice());
        let recs: Vec<StringRecord> = rd.records().map(Result::unwrap).collect();
        assert_eq!(recs.len(), 1);
        assert_eq!((&recs[0][1], &recs[0][2]), ("8", "cvegeo"));
    }

    #[test]
    fn trim_matches_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{b}a\u{b}",
            "\u{a0}a\u{3000}",
            "a\u{85}",
            "ab",
            "a b",
            "\t\n",
            "é",
            " é ",
            "\u{7f}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
