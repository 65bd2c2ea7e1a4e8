//! Ocved importer: being written; refuses every file until then.

use super::{Columns, Context, Item, Parser, Row, RowError};

#[derive(Default)]
pub struct OcvedParser;

impl Parser for OcvedParser {
    fn header(&mut self, _cols: &Columns) -> Result<(), String> {
        Err("the ocved importer is not available in this build".into())
    }

    fn row(&mut self, _row: &Row, _ctx: &Context) -> Result<Vec<Item>, RowError> {
        Err(RowError::new(
            "(row)",
            "the ocved importer is not available in this build",
        ))
    }
}
