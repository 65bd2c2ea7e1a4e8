//! Parquet export: one row per event, the fields of the CLI's event object (`shared/CLI.md`),
//! written with the `parquet` crate's low-level writer (no arrow). Events arrive one at a
//! time; they are buffered column by column and written as row groups of
//! [`ROW_GROUP_ROWS`] rows, so memory stays bounded whatever the number of events.
//!
//! Types: `date` is a Parquet DATE (days since 1970-01-01, null when the source gives no
//! date), `actors` a list of strings, `measures`, `sources` and `tags` JSON text (as in the
//! event object), `lat`/`lon`/`fatalities` doubles, `geo_precision` int32, `origin_row`
//! int64; everything else UTF-8 strings. Pages are snappy-compressed.

use std::io::{self, Write};
use std::sync::Arc;

use atalaya_core::Event;
use chrono::NaiveDate;
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;

/// Rows per row group: large enough for good compression and fast scans, small enough to
/// keep the buffered columns at a few tens of MB.
pub const ROW_GROUP_ROWS: usize = 65_536;

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
}
";

/// A nullable column: values for the present rows, a definition level (1 present, 0 null)
/// for every row.
struct Opt<T> {
    values: Vec<T>,
    def: Vec<i16>,
}

impl<T> Default for Opt<T> {
    fn default() -> Self {
        Opt {
            values: Vec::new(),
            def: Vec::new(),
        }
    }
}

impl<T> Opt<T> {
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

/// One row group's worth of events, column by column.
#[derive(Default)]
struct Columns {
    rows: usize,
    id: Vec<ByteArray>,
    kind: Vec<ByteArray>,
    date: Opt<i32>,
    date_precision: Vec<ByteArray>,
    state: Opt<ByteArray>,
    municipality: Opt<ByteArray>,
    lat: Opt<f64>,
    lon: Opt<f64>,
    geo_precision: Opt<i32>,
    fatalities: Vec<f64>,
    /// List elements, with definition (0 empty list, 1 element) and repetition (0 first
    /// element of a row, 1 a following one) levels.
    actors: Vec<ByteArray>,
    actors_def: Vec<i16>,
    actors_rep: Vec<i16>,
    measures: Vec<ByteArray>,
    sources: Vec<ByteArray>,
    tags: Vec<ByteArray>,
    origin_format: Vec<ByteArray>,
    origin_file: Vec<ByteArray>,
    origin_row: Vec<i64>,
    origin_source_id: Vec<ByteArray>,
}

fn text(s: &str) -> ByteArray {
    ByteArray::from(s.as_bytes().to_vec())
}

fn json<T: serde::Serialize + ?Sized>(v: &T) -> io::Result<ByteArray> {
    Ok(ByteArray::from(
        serde_json::to_vec(v).map_err(io::Error::other)?,
    ))
}

/// Days since 1970-01-01 of an ISO date.
fn epoch_day(id: &str, date: &str) -> io::Result<i32> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("event {id}: date {date:?} is not an ISO date: {e}"),
        )
    })?;
    Ok((d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32)
}

impl Columns {
    fn push(&mut self, e: &Event) -> io::Result<()> {
        let date = e.date.as_deref().map(|d| epoch_day(&e.id, d)).transpose()?;
        self.id.push(text(&e.id));
        self.kind.push(text(e.kind.as_str()));
        self.date.push(date);
        self.date_precision.push(text(e.date_precision.as_str()));
        self.state.push(e.state.as_deref().map(text));
        self.municipality.push(e.municipality.as_deref().map(text));
        self.lat.push(e.lat);
        self.lon.push(e.lon);
        self.geo_precision.push(e.geo_precision.map(i32::from));
        self.fatalities.push(e.fatalities());
        if e.actors.is_empty() {
            self.actors_def.push(0);
            self.actors_rep.push(0);
        }
        for (i, a) in e.actors.iter().enumerate() {
            self.actors.push(text(a));
            self.actors_def.push(1);
            self.actors_rep.push(i16::from(i > 0));
        }
        self.measures.push(json(&e.measures)?);
        self.sources.push(json(&e.sources)?);
        self.tags.push(json(&e.tags)?);
        self.origin_format.push(text(&e.origin.format));
        self.origin_file.push(text(&e.origin.file));
        self.origin_row
            .push(i64::try_from(e.origin.row).unwrap_or(i64::MAX));
        self.origin_source_id.push(text(&e.origin.source_id));
        self.rows += 1;
        Ok(())
    }
}

/// Writes events as a Parquet file (see the module docs for the schema).
pub struct ParquetWriter<W: Write + Send> {
    file: SerializedFileWriter<W>,
    cols: Columns,
    row_group_rows: usize,
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
    col: &Opt<T::T>,
) -> Result<(), ParquetError> {
    c.typed::<T>()
        .write_batch(&col.values, Some(&col.def), None)
        .map(|_| ())
}

impl<W: Write + Send> ParquetWriter<W> {
    pub fn new(out: W) -> io::Result<Self> {
        Self::with_row_group_rows(out, ROW_GROUP_ROWS)
    }

    /// As [`ParquetWriter::new`], with row groups of `rows` rows (at least 1).
    pub fn with_row_group_rows(out: W, rows: usize) -> io::Result<Self> {
        let row_group_rows = rows.max(1);
        let schema = Arc::new(parse_message_type(SCHEMA).map_err(pq)?);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(row_group_rows))
            .set_created_by(format!("atalaya {}", env!("CARGO_PKG_VERSION")))
            .build();
        let file = SerializedFileWriter::new(out, schema, Arc::new(props)).map_err(pq)?;
        Ok(ParquetWriter {
            file,
            cols: Columns::default(),
            row_group_rows,
        })
    }

    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        self.cols.push(e)?;
        if self.cols.rows >= self.row_group_rows {
            self.flush_row_group()?;
        }
        Ok(())
    }

    fn flush_row_group(&mut self) -> io::Result<()> {
        if self.cols.rows == 0 {
            return Ok(());
        }
        let c = std::mem::take(&mut self.cols);
        let mut rg = self.file.next_row_group().map_err(pq)?;
        let mut i = 0;
        while let Some(mut col) = rg.next_column().map_err(pq)? {
            match i {
                0 => required::<ByteArrayType>(&mut col, &c.id),
                1 => required::<ByteArrayType>(&mut col, &c.kind),
                2 => optional::<Int32Type>(&mut col, &c.date),
                3 => required::<ByteArrayType>(&mut col, &c.date_precision),
                4 => optional::<ByteArrayType>(&mut col, &c.state),
                5 => optional::<ByteArrayType>(&mut col, &c.municipality),
                6 => optional::<DoubleType>(&mut col, &c.lat),
                7 => optional::<DoubleType>(&mut col, &c.lon),
                8 => optional::<Int32Type>(&mut col, &c.geo_precision),
                9 => required::<DoubleType>(&mut col, &c.fatalities),
                10 => col
                    .typed::<ByteArrayType>()
                    .write_batch(&c.actors, Some(&c.actors_def), Some(&c.actors_rep))
                    .map(|_| ()),
                11 => required::<ByteArrayType>(&mut col, &c.measures),
                12 => required::<ByteArrayType>(&mut col, &c.sources),
                13 => required::<ByteArrayType>(&mut col, &c.tags),
                14 => required::<ByteArrayType>(&mut col, &c.origin_format),
                15 => required::<ByteArrayType>(&mut col, &c.origin_file),
                16 => required::<Int64Type>(&mut col, &c.origin_row),
                17 => required::<ByteArrayType>(&mut col, &c.origin_source_id),
                _ => Err(ParquetError::General(format!("unexpected column {i}"))),
            }
            .map_err(pq)?;
            col.close().map_err(pq)?;
            i += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_parses_with_the_columns_in_write_order() {
        let t = parse_message_type(SCHEMA).unwrap();
        let names: Vec<&str> = t.get_fields().iter().map(|f| f.name()).collect();
        assert_eq!(names.len(), 18);
        assert_eq!(names[0], "id");
        assert_eq!(names[10], "actors");
        assert_eq!(names[17], "origin_source_id");
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
}
