//! The Parquet event schema is a published format (`docs/formats/parquet.md`): this pins
//! version 1 column by column, and checks the documentation shows the schema the code
//! writes. Changing a column without a new version fails here.

use std::path::Path;

use atalaya_store::export_parquet::{SCHEMA, SCHEMA_VERSION, VERSION_KEY};
use parquet::basic::{ConvertedType, Repetition, Type as Physical};
use parquet::schema::parser::parse_message_type;
use parquet::schema::types::SchemaDescriptor;

/// Version 1, leaf by leaf: (path, physical type, converted type, repetition of the leaf,
/// definition and repetition levels).
fn version_1() -> Vec<(&'static str, Physical, ConvertedType, Repetition, i16, i16)> {
    use ConvertedType as C;
    use Physical as P;
    const O: Repetition = Repetition::OPTIONAL;
    const Q: Repetition = Repetition::REQUIRED;
    vec![
        ("id", P::BYTE_ARRAY, C::UTF8, Q, 0, 0),
        ("kind", P::BYTE_ARRAY, C::UTF8, Q, 0, 0),
        ("date", P::INT32, C::DATE, O, 1, 0),
        ("date_precision", P::BYTE_ARRAY, C::UTF8, Q, 0, 0),
        ("state", P::BYTE_ARRAY, C::UTF8, O, 1, 0),
        ("municipality", P::BYTE_ARRAY, C::UTF8, O, 1, 0),
        ("lat", P::DOUBLE, C::NONE, O, 1, 0),
        ("lon", P::DOUBLE, C::NONE, O, 1, 0),
        ("geo_precision", P::INT32, C::NONE, O, 1, 0),
        ("fatalities", P::DOUBLE, C::NONE, Q, 0, 0),
        ("actors.list.element", P::BYTE_ARRAY, C::UTF8, Q, 1, 1),
        ("measures", P::BYTE_ARRAY, C::UTF8, Q, 0, 0),
        ("sources", P::BYTE_ARRAY, C::UTF8, Q, 0, 0),
        ("tags", P::BYTE_ARRAY, C::UTF8, Q, 0, 0),
        ("origin_format", P::BYTE_ARRAY, C::UTF8, Q, 0, 0),
        ("origin_file", P::BYTE_ARRAY, C::UTF8, Q, 0, 0),
        ("origin_row", P::INT64, C::NONE, Q, 0, 0),
        ("origin_source_id", P::BYTE_ARRAY, C::UTF8, Q, 0, 0),
        ("review", P::BYTE_ARRAY, C::UTF8, O, 1, 0),
    ]
}

#[test]
fn the_schema_is_version_1_column_by_column() {
    assert_eq!(
        SCHEMA_VERSION, 1,
        "a new schema version: pin it here beside version 1 and document it"
    );
    assert_eq!(VERSION_KEY, "atalaya.schema_version");
    let descr = SchemaDescriptor::new(std::sync::Arc::new(parse_message_type(SCHEMA).unwrap()));
    let got: Vec<_> = descr
        .columns()
        .iter()
        .map(|c| {
            (
                c.path().string(),
                c.physical_type(),
                c.converted_type(),
                c.self_type().get_basic_info().repetition(),
                c.max_def_level(),
                c.max_rep_level(),
            )
        })
        .collect();
    let want: Vec<_> = version_1()
        .into_iter()
        .map(|(p, t, c, r, d, rep)| (p.to_string(), t, c, r, d, rep))
        .collect();
    assert_eq!(got, want);
}

/// The text between the "## Schema" heading's code fence and its end, whitespace-normalised.
fn documented_schema(doc: &str) -> String {
    let start = doc
        .find("## Schema (version 1)")
        .expect("docs/formats/parquet.md has a \"## Schema (version 1)\" section");
    let rest = &doc[start..];
    let open = rest.find("```text\n").expect("a ```text block") + "```text\n".len();
    let close = rest[open..].find("```").expect("the block closes") + open;
    normalise(&rest[open..close])
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_documentation_shows_the_schema_written() {
    // The manifest folder at run time: a test binary built in another checkout (a shared
    // target folder) carries that checkout's path.
    let manifest =
        std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into());
    let doc_path = Path::new(&manifest).join("../../docs/formats/parquet.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap();
    assert_eq!(documented_schema(&doc), normalise(SCHEMA));
    assert!(doc.contains("atalaya.schema_version = 1"));
}
