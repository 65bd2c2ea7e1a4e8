//! Sesnsp importer: being written; refuses every file until then.

use super::{Columns, Context, Item, Parser, Row, RowError};

#[derive(Default)]
pub struct SesnspParser;

impl Parser for SesnspParser {
    fn header(&mut self, _cols: &Columns) -> Result<(), String> {
        Err("the sesnsp importer is not available in this build".into())
    }

    fn row(&mut self, _row: &Row, _ctx: &Context) -> Result<Vec<Item>, RowError> {
        Err(RowError::new(
            "(row)",
            "the sesnsp importer is not available in this build",
        ))
    }
}
