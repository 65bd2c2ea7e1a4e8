//! ACLED CSV (the 2023+ column set). Kinds follow `atalaya_core::acled`; Atalaya's own
//! exports carry `atalaya_*` tags that restore what ACLED's columns cannot hold. A file
//! with `event_id_cnty` and `deleted_timestamp` columns is ACLED's deletion list.

use rustc_hash::FxHashMap as HashMap;

use atalaya_core::acled::{actor_candidates, from_acled, time_precision_from_code};
use atalaya_core::actors::{self, ActorKind};
use atalaya_core::gazetteer::state_by_name;
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin, Source};
use chrono::NaiveDate;

use super::{Col, Columns, Context, Item, Parser, Row, RowError};

/// The columns of ACLED's 2023+ export, in order.
pub const COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// Tag prefixes Atalaya writes into ACLED's `tags` column.
pub const TAG_KIND: &str = "atalaya_kind=";
pub const TAG_MUNICIPALITY: &str = "atalaya_municipality=";
pub const TAG_PRECISION: &str = "atalaya_date_precision=";
pub const TAG_MEASURE: &str = "atalaya_measure:";
pub const TAG_UNDATED: &str = "atalaya_undated";
/// How many of an event's leading actors are ACLED's first side (actor1 and its associates);
/// the rest are the second side. Kept so analyses can tell allies from opponents and the
/// export puts every actor back in its column.
pub const TAG_SIDE_A: &str = "acled_side_a=";
/// Written by the export for an event whose sides are unknown (a news or UCDP event): its
/// actor columns are a layout, not sides, so the re-import does not invent them.
pub const TAG_NO_SIDES: &str = "atalaya_no_sides";

const REQUIRED: [&str; 18] = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
];

/// The positions of the columns a data row reads, found once per file.
struct Cols {
    id: Col,
    country: Col,
    tags: Option<Col>,
    event_date: Col,
    time_precision: Col,
    fatalities: Col,
    /// actor1, assoc_actor_1, actor2, assoc_actor_2: the order actors are listed in.
    actors: [Col; 4],
    inter2: Option<Col>,
    notes: Col,
    event_type: Col,
    sub_event_type: Col,
    admin1: Col,
    admin2: Col,
    latitude: Col,
    longitude: Col,
    geo_precision: Col,
    source: Col,
}

impl Cols {
    fn new(cols: &Columns) -> Cols {
        let c = |name| cols.col(name).expect("required columns are checked first");
        Cols {
            id: c("event_id_cnty"),
            country: c("country"),
            tags: cols.col("tags"),
            event_date: c("event_date"),
            time_precision: c("time_precision"),
            fatalities: c("fatalities"),
            actors: [
                c("actor1"),
                c("assoc_actor_1"),
                c("actor2"),
                c("assoc_actor_2"),
            ],
            inter2: cols.col("inter2"),
            notes: c("notes"),
            event_type: c("event_type"),
            sub_event_type: c("sub_event_type"),
            admin1: c("admin1"),
            admin2: c("admin2"),
            latitude: c("latitude"),
            longitude: c("longitude"),
            geo_precision: c("geo_precision"),
            source: c("source"),
        }
    }
}

/// What an ACLED actor name resolves to.
struct CachedActor {
    canonical: String,
    /// The canonical actor is a state force (an attack on it is an attack on forces).
    state_force: bool,
}

/// Name lookups cached per file: a file repeats a few hundred names millions of times.
#[derive(Default)]
struct Names {
    /// ACLED actor name → index into `actors`.
    actor_ids: HashMap<String, usize>,
    actors: Vec<CachedActor>,
    /// `admin1` → INEGI state code (`None`: not a Mexican state).
    states: HashMap<String, Option<&'static str>>,
}

impl Names {
    fn actor(&mut self, name: &str) -> &CachedActor {
        let i = match self.actor_ids.get(name) {
            Some(&i) => i,
            None => {
                let canonical = acled_actor(name);
                let state_force =
                    actors::resolve(&canonical).is_some_and(|a| a.kind == ActorKind::StateForce);
                self.actors.push(CachedActor {
                    canonical,
                    state_force,
                });
                self.actor_ids
                    .insert(name.to_string(), self.actors.len() - 1);
                self.actors.len() - 1
            }
        };
        &self.actors[i]
    }

    fn state_code(&mut self, admin1: &str) -> Option<&'static str> {
        if let Some(&c) = self.states.get(admin1) {
            return c;
        }
        let c = state_by_name(admin1).map(|s| s.code);
        self.states.insert(admin1.to_string(), c);
        c
    }
}

#[derive(Default)]
pub struct AcledParser {
    /// A deletion list: only the event id is read, from this column.
    deletions: Option<Col>,
    /// Set by `header` for a file of events.
    cols: Option<Cols>,
    names: Names,
}

/// Our id for an ACLED event id: Atalaya's own exports keep their `format:id` form.
pub fn event_uid(event_id_cnty: &str) -> String {
    if event_id_cnty.contains(':') {
        event_id_cnty.to_string()
    } else {
        // Not `format!`: this runs once per row and the formatting machinery costs more.
        let mut uid = String::with_capacity("acled:".len() + event_id_cnty.len());
        uid.push_str("acled:");
        uid.push_str(event_id_cnty);
        uid
    }
}

/// ACLED dates: ISO (`2023-01-15`) in current exports, `15 January 2023` in older ones.
fn parse_acled_date(s: &str) -> Option<NaiveDate> {
    atalaya_core::period::parse_date(s)
        .or_else(|_| NaiveDate::parse_from_str(s, "%d %B %Y"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%d-%B-%Y"))
        .ok()
}

/// The canonical actor for an ACLED actor name.
pub fn acled_actor(name: &str) -> String {
    for c in actor_candidates(name) {
        if let Some(a) = actors::resolve(&c) {
            return a.name.to_string();
        }
    }
    // Unknown names keep their qualifiers ("Mara 18 (Guatemala)"), all but ACLED's
    // country tag for Mexico's own groups.
    let name = name.trim();
    name.strip_suffix(" (Mexico)").unwrap_or(name).to_string()
}

fn split_actors(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|s| !s.is_empty())
}

impl Parser for AcledParser {
    fn header(&mut self, cols: &Columns) -> Result<(), String> {
        if cols.has("deleted_timestamp") && cols.has("event_id_cnty") && !cols.has("event_date") {
            self.deletions = cols.col("event_id_cnty");
            return Ok(());
        }
        cols.require(&REQUIRED)?;
        self.cols = Some(Cols::new(cols));
        Ok(())
    }

    fn row(&mut self, row: &Row, ctx: &Context) -> Result<Vec<Item>, RowError> {
        if let Some(id_col) = self.deletions {
            let id = row.get(id_col)?;
            if id.is_empty() {
                return Err(RowError::new("event_id_cnty", "empty event id"));
            }
            return Ok(vec![Item::Delete(event_uid(id))]);
        }
        let c = self.cols.as_ref().expect("header() comes before rows");
        let id = row.get(c.id)?;
        if id.is_empty() {
            return Err(RowError::new("event_id_cnty", "empty event id"));
        }
        let country = row.get(c.country)?;
        if !country.is_empty() && country != "Mexico" {
            return Err(RowError::new(
                "country",
                format!("{country:?} is not Mexico; Atalaya stores Mexico's events"),
            ));
        }
        let tags: Vec<&str> = if let Some(tags_col) = c.tags {
            row.get(tags_col)?
                .split(';')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        let tag = |prefix: &str| tags.iter().find_map(|t| t.strip_prefix(prefix));
        let undated = tags.contains(&TAG_UNDATED);

        let date_text = row.get(c.event_date)?;
        let date = if undated {
            None
        } else {
            Some(parse_acled_date(date_text).ok_or_else(|| {
                RowError::new(
                    "event_date",
                    format!("{date_text:?} is not a date (YYYY-MM-DD or 15 January 2023)"),
                )
            })?)
        };
        let mut precision = time_precision_from_code(row.get(c.time_precision)?)
            .map_err(|m| RowError::new("time_precision", m))?;
        if let Some(p) = tag(TAG_PRECISION) {
            precision = p
                .parse::<DatePrecision>()
                .map_err(|m| RowError::new("tags", m))?;
        }

        let fatalities = row.count(c.fatalities)?.unwrap_or(0.0);
        let mut measures = Measures::default();
        // ACLED always states fatalities; an explicit 0 is information, kept as such.
        measures.set("fatalities", fatalities);
        for t in &tags {
            if let Some(rest) = t.strip_prefix(TAG_MEASURE) {
                let (k, v) = rest
                    .split_once('=')
                    .ok_or_else(|| RowError::new("tags", format!("bad measure tag {t:?}")))?;
                let v: f64 = v
                    .parse()
                    .map_err(|_| RowError::new("tags", format!("bad measure value in {t:?}")))?;
                measures.set(k, v);
            }
        }

        // Order: actor1, its associates, actor2, its associates (perpetrator side first).
        let mut ordered: Vec<String> = Vec::new();
        let mut side_a = 0;
        for (n, col) in c.actors.into_iter().enumerate() {
            for a in split_actors(row.get(col)?) {
                let name = &self.names.actor(a).canonical;
                if !ordered.contains(name) {
                    ordered.push(name.clone());
                }
            }
            // After assoc_actor_1: the first side is complete.
            if n == 1 {
                side_a = ordered.len();
            }
        }
        let actor2 = row.get(c.actors[2])?;
        let inter2 = match c.inter2 {
            Some(inter2_col) => row.get(inter2_col)?,
            None => "",
        };
        let against_forces = inter2 == "1"
            || inter2.eq_ignore_ascii_case("State forces")
            || (!actor2.is_empty() && self.names.actor(actor2).state_force);

        let notes = row.get(c.notes)?;
        let kind = match tag(TAG_KIND) {
            Some(k) => k
                .parse::<EventKind>()
                .map_err(|m| RowError::new("tags", m))?,
            None => from_acled(
                row.get(c.event_type)?,
                row.get(c.sub_event_type)?,
                against_forces,
                fatalities,
                notes,
            )
            .map_err(|m| RowError::new("event_type", m))?,
        };

        let admin1 = row.get(c.admin1)?;
        let state = if admin1.is_empty() {
            None
        } else {
            Some(
                self.names
                    .state_code(admin1)
                    .ok_or_else(|| {
                        RowError::new("admin1", format!("{admin1:?} is not a Mexican state"))
                    })?
                    .to_string(),
            )
        };
        let municipality = match tag(TAG_MUNICIPALITY) {
            Some(m) => {
                if m.len() != 5
                    || !m.bytes().all(|b| b.is_ascii_digit())
                    || state.as_deref() != Some(&m[..2])
                {
                    return Err(RowError::new(
                        "tags",
                        format!("municipality {m:?} is not in state {admin1:?}"),
                    ));
                }
                Some(m.to_string())
            }
            None => match (&state, row.opt(c.admin2)?) {
                (Some(s), Some(name)) => ctx.catalog.lookup(s, name).map(|m| m.code.clone()),
                _ => None,
            },
        };
        let (lat, lon) = row.lat_lon(c.latitude, c.longitude)?;
        let geo_precision = match row.opt(c.geo_precision)? {
            None => None,
            Some(g) => Some(
                g.parse::<u8>()
                    .ok()
                    .filter(|v| (1..=3).contains(v))
                    .ok_or_else(|| {
                        RowError::new("geo_precision", format!("{g:?} is not 1, 2 or 3"))
                    })?,
            ),
        };
        let source = row.get(c.source)?;
        let sources = if source.is_empty() && notes.is_empty() {
            Vec::new()
        } else {
            vec![Source {
                doc: source.to_string(),
                quote: notes.to_string(),
                span: None,
            }]
        };
        let mut other_tags: Vec<String> = tags
            .iter()
            .filter(|t| !t.starts_with("atalaya_") && !t.starts_with(TAG_SIDE_A))
            .map(|t| t.to_string())
            .collect();
        // Recomputed from the columns, never carried: an exported file re-imports the same.
        if side_a > 0 && side_a < ordered.len() && !tags.contains(&TAG_NO_SIDES) {
            other_tags.push(format!("{TAG_SIDE_A}{side_a}"));
        }
        Ok(vec![Item::Event(Box::new(Event {
            id: event_uid(id),
            kind,
            date: date.map(atalaya_core::period::iso_date),
            date_precision: precision,
            state,
            municipality,
            lat,
            lon,
            geo_precision,
            actors: ordered,
            measures,
            sources,
            origin: Origin {
                format: "acled".into(),
                file: ctx.file.clone(),
                row: row.line,
                source_id: id.to_string(),
            },
            tags: other_tags,
        }))])
    }
}
