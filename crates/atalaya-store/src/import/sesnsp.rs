//! SESNSP victims of common-jurisdiction crimes (víctimas del fuero común), state level,
//! monthly. Two layouts, told apart by the header (`docs/formats/sesnsp.md`):
//!
//! - **wide**: `month, cve_ent, nombre_estado, <indicator>…`, one row per state and month;
//!   every column other than those three is an indicator named by its header
//!   (`homicidio_doloso`, `homicidio_doloso_arma_fuego`, `feminicidio`, `secuestro`,
//!   `extorsion`, `lesiones_dolosas` in the shared file).
//! - **long**: SESNSP's own breakdown, one row per state, month, crime subtype, modality,
//!   gender and age group (`date_year_month, n_year, n_month, cve_ent, nombre_estado,
//!   bien_juridico_afectado, tipo_de_delito, subtipo_de_delito, modalidad, genero,
//!   rango_de_edad, n_victimas`). Rows are summed per indicator, state and month (see
//!   [`LONG_SUBTYPES`]) and the sums are emitted at the end of the file.
//!
//! Aggregated, the long file reproduces the wide file exactly for the six indicators.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use atalaya_core::gazetteer::{self, state_by_name};
use atalaya_core::text::fold;

use super::{Columns, Context, Item, Parser, Row, RowError};

/// The dataset named in every item's `source`.
pub const DATASET: &str = "SESNSP víctimas fuero común (estatal)";

/// Long layout: `subtipo_de_delito` (folded: lower case, no accents) → indicator. All
/// modalities, genders and age groups of the subtype are summed.
pub const LONG_SUBTYPES: &[(&str, &str)] = &[
    ("homicidio doloso", "homicidio_doloso"),
    ("feminicidio", "feminicidio"),
    ("secuestro", "secuestro"),
    ("extorsion", "extorsion"),
    ("lesiones dolosas", "lesiones_dolosas"),
    ("homicidio culposo", "homicidio_culposo"),
    ("lesiones culposas", "lesiones_culposas"),
    ("aborto", "aborto"),
    ("rapto", "rapto"),
    ("trafico de menores", "trafico_de_menores"),
    ("trata de personas", "trata_de_personas"),
    ("corrupcion de menores", "corrupcion_de_menores"),
    (
        "otros delitos que atentan contra la vida y la integridad corporal",
        "otros_delitos_vida_integridad",
    ),
    (
        "otros delitos que atentan contra la libertad personal",
        "otros_delitos_libertad_personal",
    ),
    ("otros delitos contra la sociedad", "otros_delitos_sociedad"),
];

/// Long layout: rows of subtype `homicidio doloso` with modality `con arma de fuego` also
/// count towards this indicator.
pub const FIREARM_HOMICIDE: &str = "homicidio_doloso_arma_fuego";

const WIDE_KEYS: [&str; 3] = ["month", "cve_ent", "nombre_estado"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Wide,
    Long,
}

/// What a long row's subtype adds to.
#[derive(Debug, Clone, Copy)]
struct SubtypeTarget {
    indicator: u16,
    /// Homicidio doloso: firearm rows also add to [`FIREARM_HOMICIDE`].
    firearm_split: bool,
}

pub struct SesnspParser {
    layout: Layout,
    /// Wide: the indicator columns, in header order.
    wide_columns: Vec<String>,
    /// Long: the month comes from `date_year_month` (else from `n_year` and `n_month`).
    has_date: bool,
    has_year_month: bool,
    has_name: bool,
    /// Built on the first row (it names the file).
    source: Option<String>,
    /// State names seen → their state number (None: unknown name).
    names: Memo<Option<u8>>,
    /// Long: indicator names by id.
    indicators: Vec<String>,
    /// Long: the id of [`FIREARM_HOMICIDE`] once known.
    firearm_id: Option<u16>,
    /// Long: subtype text as written → target.
    subtypes: Memo<SubtypeTarget>,
    /// Long: modality text as written → is it "con arma de fuego".
    firearm: Memo<bool>,
    /// Long: [`sum_key`] (indicator id, state, month number) → victims.
    sums: HashMap<u64, u64, BuildHasherDefault<MixHasher>>,
    /// Duplicate detection: key hash → first line. Wide: (state, month); long: the whole
    /// breakdown key.
    seen: HashMap<u128, u64, BuildHasherDefault<MixHasher>>,
}

impl Default for SesnspParser {
    fn default() -> Self {
        SesnspParser {
            layout: Layout::Wide,
            wide_columns: Vec::new(),
            has_date: false,
            has_year_month: false,
            has_name: false,
            source: None,
            names: Memo::default(),
            indicators: Vec::new(),
            firearm_id: None,
            subtypes: Memo::default(),
            firearm: Memo::default(),
            sums: HashMap::default(),
            seen: HashMap::default(),
        }
    }
}

/// The long layout's columns that identify a row (with state and month).
const LONG_BREAKDOWN: [&str; 4] = ["subtipo_de_delito", "modalidad", "genero", "rango_de_edad"];

fn is_indicator_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && s.as_bytes()[0].is_ascii_lowercase()
}

/// A snake_case ASCII name for a subtype not in [`LONG_SUBTYPES`].
fn slug(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `YYYY-MM` (or a `YYYY-MM-DD` date, whose month is taken) → year * 12 + month - 1.
/// Checked byte by byte: a field may hold any UTF-8, and slicing it as text where a
/// character does not start would panic.
pub fn parse_month(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if !(b.len() == 7 || b.len() == 10) || b[4] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = num(0..4)?;
    let month = num(5..7)?;
    if !(1900..=2999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    if b.len() == 10 {
        if b[7] != b'-' {
            return None;
        }
        chrono::NaiveDate::from_ymd_opt(year as i32, month, num(8..10)?)?;
    }
    Some(year * 12 + month - 1)
}

fn month_text(m: u32) -> String {
    format!("{:04}-{:02}", m / 12, m % 12 + 1)
}

fn state_text(n: u8) -> String {
    format!("{n:02}")
}

/// Two independent 64-bit FNV-1a hashes of the parts (a 128-bit key for duplicate checks).
fn key_hash(parts: &[&[u8]]) -> u128 {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for p in parts {
        for &c in p.iter().chain(std::iter::once(&0xffu8)) {
            a = (a ^ c as u64).wrapping_mul(0x0100_0000_01b3);
            b = (b ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3 ^ 0x5bd1_e995);
        }
    }
    ((a as u128) << 64) | b as u128
}

/// A string → value cache that answers a repeat of the last key without hashing (rows
/// come grouped, so nearly every lookup is a repeat) and never allocates on a hit.
struct Memo<V: Copy> {
    last_key: String,
    last: Option<V>,
    map: HashMap<String, V>,
}

impl<V: Copy> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            last_key: String::new(),
            last: None,
            map: HashMap::new(),
        }
    }
}

impl<V: Copy> Memo<V> {
    fn get(&mut self, key: &str) -> Option<V> {
        if let Some(v) = self.last {
            if self.last_key == key {
                return Some(v);
            }
        }
        let v = *self.map.get(key)?;
        self.last_key.clear();
        self.last_key.push_str(key);
        self.last = Some(v);
        Some(v)
    }

    fn insert(&mut self, key: &str, v: V) {
        self.map.insert(key.to_string(), v);
    }
}

/// A cheap hasher for keys that are already well mixed or small packed integers.
#[derive(Default)]
struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        let x = self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        x ^ (x >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
    fn write_u128(&mut self, n: u128) {
        self.0 ^= n as u64 ^ (n >> 64) as u64;
    }
}

/// (indicator id, state number, month number) packed into one integer.
fn sum_key(indicator: u16, state: u8, month: u32) -> u64 {
    (indicator as u64) << 48 | (state as u64) << 32 | month as u64
}

impl SesnspParser {
    fn source(&mut self, ctx: &Context) -> String {
        self.source
            .get_or_insert_with(|| format!("{DATASET}, file {}", ctx.file))
            .clone()
    }

    /// `cve_ent` (1..32, with or without the leading zero) checked against
    /// `nombre_estado` when the file has it.
    fn state(&mut self, row: &Row) -> Result<u8, RowError> {
        let code = row.get("cve_ent")?;
        let n = digits(code)
            .filter(|n| (1..=32).contains(n))
            .ok_or_else(|| {
                RowError::new(
                    "cve_ent",
                    format!("{code:?} is not a state code (01 to 32)"),
                )
            })? as u8;
        if self.has_name {
            let name = row.get("nombre_estado")?;
            let resolved = match self.names.get(name) {
                Some(r) => r,
                None => {
                    let r = state_by_name(name).and_then(|s| s.code.parse::<u8>().ok());
                    self.names.insert(name, r);
                    r
                }
            };
            match resolved {
                None => {
                    return Err(RowError::new(
                        "nombre_estado",
                        format!("{name:?} is not a state name"),
                    ))
                }
                Some(m) if m != n => {
                    let want = gazetteer::state(code).map(|s| s.name).unwrap_or("?");
                    return Err(RowError::new(
                        "nombre_estado",
                        format!("{name:?} does not match cve_ent {n:02} ({want})"),
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(n)
    }

    fn check_duplicate(&mut self, key: u128, line: u64, what: &str) -> Result<(), RowError> {
        match self.seen.entry(key) {
            Entry::Occupied(e) => Err(RowError::new(
                "(row)",
                format!("duplicate {what}: line {} has the same", e.get()),
            )),
            Entry::Vacant(e) => {
                e.insert(line);
                Ok(())
            }
        }
    }

    fn indicator_id(&mut self, name: &str) -> u16 {
        match self.indicators.iter().position(|n| n == name) {
            Some(i) => i as u16,
            None => {
                self.indicators.push(name.to_string());
                (self.indicators.len() - 1) as u16
            }
        }
    }

    fn subtype(&mut self, text: &str) -> Result<SubtypeTarget, RowError> {
        if let Some(t) = self.subtypes.get(text) {
            return Ok(t);
        }
        let folded = fold(text);
        if folded.is_empty() {
            return Err(RowError::new("subtipo_de_delito", "empty"));
        }
        let name = LONG_SUBTYPES
            .iter()
            .find(|(s, _)| *s == folded)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| slug(&folded));
        if name.is_empty() {
            return Err(RowError::new(
                "subtipo_de_delito",
                format!("{text:?} has no letters or digits"),
            ));
        }
        let target = SubtypeTarget {
            firearm_split: name == "homicidio_doloso",
            indicator: self.indicator_id(&name),
        };
        self.subtypes.insert(text, target);
        Ok(target)
    }

    fn is_firearm(&mut self, modality: &str) -> bool {
        if let Some(f) = self.firearm.get(modality) {
            return f;
        }
        let f = fold(modality) == "con arma de fuego";
        self.firearm.insert(modality, f);
        f
    }

    fn long_month(&self, row: &Row) -> Result<u32, RowError> {
        let from_parts = if self.has_year_month {
            let y = row.get("n_year")?;
            let m = row.get("n_month")?;
            let year = digits(y)
                .filter(|y| (1900..=2999).contains(y))
                .ok_or_else(|| RowError::new("n_year", format!("{y:?} is not a year")))?;
            let month = digits(m)
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| RowError::new("n_month", format!("{m:?} is not a month")))?;
            Some(year * 12 + month - 1)
        } else {
            None
        };
        if !self.has_date {
            return from_parts.ok_or_else(|| RowError::new("n_year", "no month"));
        }
        let d = row.get("date_year_month")?;
        let month = parse_month(d).ok_or_else(|| {
            RowError::new(
                "date_year_month",
                format!("{d:?} is not a month (YYYY-MM or YYYY-MM-DD)"),
            )
        })?;
        if let Some(p) = from_parts {
            if p != month {
                return Err(RowError::new(
                    "n_month",
                    format!(
                        "n_year/n_month say {} but date_year_month is {d:?}",
                        month_text(p)
                    ),
                ));
            }
        }
        Ok(month)
    }

    fn wide_row(&mut self, row: &Row, ctx: &Context) -> Result<Vec<Item>, RowError> {
        let m = row.get("month")?;
        let month = parse_month(m)
            .ok_or_else(|| RowError::new("month", format!("{m:?} is not a month (YYYY-MM)")))?;
        let state = self.state(row)?;
        let mut values = Vec::with_capacity(self.wide_columns.len());
        for col in &self.wide_columns {
            let v = row
                .count(col)?
                .ok_or_else(|| RowError::new(col, "empty (a count is required)"))?;
            values.push(v);
        }
        let key = key_hash(&[&[state], &month.to_le_bytes()]);
        self.check_duplicate(key, row.line, "state and month")?;
        let source = self.source(ctx);
        let (state, month) = (state_text(state), month_text(month));
        Ok(self
            .wide_columns
            .iter()
            .zip(values)
            .map(|(col, value)| Item::Indicator {
                indicator: col.clone(),
                state: state.clone(),
                month: month.clone(),
                value,
                source: source.clone(),
            })
            .collect())
    }

    fn long_row(&mut self, row: &Row) -> Result<Vec<Item>, RowError> {
        let month = self.long_month(row)?;
        let state = self.state(row)?;
        let subtype = row.get("subtipo_de_delito")?;
        let target = self.subtype(subtype)?;
        let modality = row.get("modalidad")?;
        let firearm = target.firearm_split && self.is_firearm(modality);
        let victims = row
            .count("n_victimas")?
            .ok_or_else(|| RowError::new("n_victimas", "empty (a count is required)"))?
            as u64;
        let gender = row.get("genero")?;
        let age = row.get("rango_de_edad")?;
        let key = key_hash(&[
            &[state],
            &month.to_le_bytes(),
            subtype.as_bytes(),
            modality.as_bytes(),
            gender.as_bytes(),
            age.as_bytes(),
        ]);
        self.check_duplicate(
            key,
            row.line,
            "state, month, subtipo_de_delito, modalidad, genero and rango_de_edad",
        )?;
        *self
            .sums
            .entry(sum_key(target.indicator, state, month))
            .or_insert(0) += victims;
        if target.firearm_split {
            let id = match self.firearm_id {
                Some(id) => id,
                None => {
                    let id = self.indicator_id(FIREARM_HOMICIDE);
                    self.firearm_id = Some(id);
                    id
                }
            };
            // Every month with homicide rows gets a (possibly zero) firearm value.
            *self.sums.entry(sum_key(id, state, month)).or_insert(0) +=
                if firearm { victims } else { 0 };
        }
        Ok(Vec::new())
    }
}

impl Parser for SesnspParser {
    fn header(&mut self, cols: &Columns) -> Result<(), String> {
        if cols.has("n_victimas") || cols.has("subtipo_de_delito") {
            self.layout = Layout::Long;
            let mut required = vec!["cve_ent", "n_victimas"];
            required.extend(LONG_BREAKDOWN);
            cols.require(&required)
                .map_err(|m| format!("SESNSP long layout: {m}"))?;
            self.has_date = cols.has("date_year_month");
            self.has_year_month = cols.has("n_year") && cols.has("n_month");
            if !self.has_date && !self.has_year_month {
                return Err(
                    "SESNSP long layout: missing column(s): date_year_month (or n_year and n_month)"
                        .into(),
                );
            }
            self.has_name = cols.has("nombre_estado");
            return Ok(());
        }
        if cols.has("month") || cols.has("cve_ent") {
            self.layout = Layout::Wide;
            cols.require(&WIDE_KEYS[..2])
                .map_err(|m| format!("SESNSP wide layout: {m}"))?;
            self.has_name = cols.has("nombre_estado");
            let mut indicators = Vec::new();
            for name in &cols.names {
                if WIDE_KEYS.contains(&name.as_str()) {
                    continue;
                }
                if !is_indicator_name(name) {
                    return Err(format!(
                        "SESNSP wide layout: column {name:?} is not an indicator name (snake_case: a-z, 0-9, _)"
                    ));
                }
                if indicators.contains(name) {
                    return Err(format!("SESNSP wide layout: column {name:?} appears twice"));
                }
                indicators.push(name.clone());
            }
            if indicators.is_empty() {
                return Err(
                    "SESNSP wide layout: no indicator columns (such as homicidio_doloso)".into(),
                );
            }
            self.wide_columns = indicators;
            return Ok(());
        }
        Err("not a SESNSP file: expected the wide layout (month, cve_ent, nombre_estado, homicidio_doloso, …) or the long one (date_year_month, cve_ent, subtipo_de_delito, modalidad, genero, rango_de_edad, n_victimas, …)".into())
    }

    fn row(&mut self, row: &Row, ctx: &Context) -> Result<Vec<Item>, RowError> {
        match self.layout {
            Layout::Wide => self.wide_row(row, ctx),
            Layout::Long => self.long_row(row),
        }
    }

    fn finish(&mut self, ctx: &Context) -> Result<Vec<Item>, RowError> {
        if self.layout != Layout::Long {
            return Ok(Vec::new());
        }
        let source = self.source(ctx);
        let mut keys: Vec<((u16, u8, u32), u64)> = self
            .sums
            .drain()
            .map(|(k, v)| (((k >> 48) as u16, (k >> 32) as u8, k as u32), v))
            .collect();
        keys.sort_unstable_by(|a, b| {
            let (ia, sa, ma) = a.0;
            let (ib, sb, mb) = b.0;
            (&self.indicators[ia as usize], sa, ma).cmp(&(&self.indicators[ib as usize], sb, mb))
        });
        Ok(keys
            .into_iter()
            .map(|((id, state, month), value)| Item::Indicator {
                indicator: self.indicators[id as usize].clone(),
                state: state_text(state),
                month: month_text(month),
                value: value as f64,
                source: source.clone(),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(parse_month("2015-01"), Some(2015 * 12));
        assert_eq!(parse_month("2015-12-15"), Some(2015 * 12 + 11));
        assert_eq!(month_text(2015 * 12 + 11), "2015-12");
        for bad in [
            "2015-13",
            "2015-00",
            "15-01",
            "2015/01",
            "2015-02-30",
            "abcd-01",
            "",
            // A character across the month's bytes (it panicked: found by fuzzing).
            "2024-1é-0",
            "2024-é-01",
            "2024-01-é",
        ] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
    }

    #[test]
    fn sesnsp_state_names_resolve() {
        for (name, code) in [
            ("Coahuila de Zaragoza", "05"),
            ("Coahuila", "05"),
            ("Veracruz de Ignacio de la Llave", "30"),
            ("Veracruz", "30"),
            ("Michoacán de Ocampo", "16"),
            ("Michoacán", "16"),
            ("Ciudad de México", "09"),
            ("Estado de México", "15"),
            ("México", "15"),
            ("Querétaro", "22"),
            ("Yucatán", "31"),
        ] {
            assert_eq!(state_by_name(name).map(|s| s.code), Some(code), "{name}");
        }
    }

    #[test]
    fn subtype_names() {
        for (folded, name) in LONG_SUBTYPES {
            assert!(is_indicator_name(name), "{name}");
            assert_eq!(fold(folded), *folded);
        }
        assert_eq!(slug("robo a casa habitacion"), "robo_a_casa_habitacion");
        assert_eq!(slug("  otros (delitos) "), "otros_delitos");
    }
}
