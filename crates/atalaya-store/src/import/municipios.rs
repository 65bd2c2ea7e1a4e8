//! The municipal catalog (`mx_municipios_catalog.csv`: cvegeo, cve_ent, cve_mun, nom_mun).
//! Once imported, other importers resolve municipality names within a state through it.

use atalaya_core::gazetteer::MunicipalCatalog;

use super::{Columns, Context, Item, Parser, Row, RowError};

pub struct MunicipiosParser;

impl Parser for MunicipiosParser {
    fn header(&mut self, cols: &Columns) -> Result<(), String> {
        cols.require(&["cvegeo", "nom_mun"])
    }

    fn row(&mut self, row: &Row, _ctx: &Context) -> Result<Vec<Item>, RowError> {
        let code = row.get("cvegeo")?;
        let name = row.get("nom_mun")?;
        // The catalog's own checks (5 digits, a real state, a name) name the problem.
        MunicipalCatalog::new().insert(code, name).map_err(|e| {
            let field = if name.is_empty() { "nom_mun" } else { "cvegeo" };
            RowError::new(field, e.to_string())
        })?;
        Ok(vec![Item::Municipality {
            code: code.to_string(),
            name: name.to_string(),
        }])
    }
}
