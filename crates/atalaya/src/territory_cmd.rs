//! `territory`: each armed group's status per state with its evidence, the fragmentation
//! indicator, presence by state or municipality and year, curated overrides, and an SVG map
//! of one group's statuses (`docs/methods/territory.md`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use atalaya_analysis::territory::{
    override_cells, Cell, Override, Status, TerritoryData, TerritoryQuery,
};
use atalaya_charts::municipal_map::MunicipalGeometry;
use atalaya_charts::state_map::{self, MapSpec};
use atalaya_core::actors::canonical;
use atalaya_core::gazetteer;
use chrono::{Datelike, NaiveDate};
use clap::Args;

use crate::output::{clip, num, table};
use crate::{open_store, parse_day, Cli};

#[derive(Args)]
pub struct TerritoryArgs {
    /// State: INEGI code (14) or name (Jalisco)
    #[arg(long)]
    pub state: Option<String>,
    /// First date, YYYY-MM-DD (default: the first event)
    #[arg(long)]
    pub from: Option<String>,
    /// Last date, YYYY-MM-DD (default: the last event); recency weights count back from it
    #[arg(long)]
    pub to: Option<String>,
    /// Only this group's lines (canonical name or alias); a cartel's factions are included
    #[arg(long)]
    pub group: Option<String>,
    /// Multiplies every count threshold: below 1 a status needs less evidence, above 1 more
    #[arg(long, default_value_t = 1.0)]
    pub sensitivity: f64,
    /// Curated statuses, CSV with columns state, group, status, from, to, source (and an
    /// optional `with`, groups separated by `;`); shown as overrides, never merged
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,
    /// Write a map of the --group's status in each state (with --presence: its presence
    /// score per state over the window) to this SVG file
    #[arg(long, value_name = "FILE", requires = "group")]
    pub svg: Option<PathBuf>,
    /// State outlines (GeoJSON FeatureCollection with `cve_ent`) for --svg; the built-in INEGI
    /// outlines otherwise
    #[arg(long, value_name = "FILE", requires = "svg")]
    pub geojson: Option<PathBuf>,
    /// With --presence --by-municipality --svg: draw the map per municipality on these
    /// boundaries (TopoJSON, object `municipios` with 5-digit INEGI ids, as INEGI's
    /// mx_municipios_inegi.topo.json) instead of per state
    #[arg(long, value_name = "TOPOJSON", requires_all = ["svg", "by_municipality"])]
    pub municipal_geo: Option<PathBuf>,
    /// Print the fragmentation indicator per state instead of statuses
    #[arg(long, conflicts_with_all = ["presence", "svg", "overrides"])]
    pub fragmentation: bool,
    /// Print presence scores per year and state instead of statuses
    #[arg(long, conflicts_with = "overrides")]
    pub presence: bool,
    /// With --presence: per municipality rather than per state
    #[arg(long, requires = "presence")]
    pub by_municipality: bool,
    /// With --presence: factions as named instead of rolled up to their cartel
    #[arg(long, requires = "presence")]
    pub factions: bool,
    /// With --fragmentation: one line per state and calendar year of the window
    #[arg(long, requires = "fragmentation")]
    pub yearly: bool,
}

fn state_name(code: &str) -> &'static str {
    gazetteer::state(code).map_or("?", |s| s.name)
}

/// Reads and checks the override file; a bad row names its line and field.
fn read_overrides(path: &PathBuf) -> Result<Vec<Override>> {
    let mut rdr = csv::Reader::from_path(path)
        .with_context(|| format!("reading overrides {}", path.display()))?;
    let headers = rdr
        .headers()
        .with_context(|| format!("reading overrides {}", path.display()))?
        .clone();
    for need in ["state", "group", "status", "from", "to", "source"] {
        if !headers.iter().any(|h| h.trim() == need) {
            bail!("{}: missing column {need:?}", path.display());
        }
    }
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.with_context(|| format!("{}: line {line}", path.display()))?;
        let field = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim() == name)
                .and_then(|k| rec.get(k))
                .map(str::to_string)
        };
        out.push(
            Override::parse(line, field).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        );
    }
    Ok(out)
}

pub fn run(cli: &Cli, a: &TerritoryArgs) -> Result<ExitCode> {
    let q = TerritoryQuery {
        from: parse_day("from", &a.from)?,
        to: parse_day("to", &a.to)?,
        state: a.state.clone(),
        sensitivity: a.sensitivity,
    };
    let overrides = match &a.overrides {
        Some(p) => read_overrides(p)?,
        None => Vec::new(),
    };
    let group = a.group.as_deref().map(canonical);
    let store = open_store(&cli.db)?;
    let data = TerritoryData::load(&store, &q)?;
    eprintln!(
        "territory: {} events naming armed groups, {} … {}",
        data.len(),
        data.from,
        data.to
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if a.fragmentation {
        fragmentation(cli, a, &q, &data, &store, &mut out)?;
    } else if a.presence {
        presence(cli, a, &data, &store, group.as_deref(), &mut out)?;
    } else {
        let mut cells = data.cells(a.sensitivity)?;
        let state = q
            .state
            .as_deref()
            .and_then(gazetteer::state_by_name)
            .map(|s| s.code);
        let extra = override_cells(&overrides, &cells, data.from, data.to, state);
        cells.extend(extra);
        cells.sort_by(|x, y| {
            (&x.state, &x.group, x.status, !x.derived)
                .cmp(&(&y.state, &y.group, y.status, !y.derived))
        });
        if let Some(g) = &group {
            cells.retain(|c| c.group == *g || c.faction_of.as_deref() == Some(g.as_str()));
        }
        if let (Some(path), Some(g)) = (&a.svg, &group) {
            write_map(path, a.geojson.as_ref(), g, &cells, &data)?;
            eprintln!("territory: map written to {}", path.display());
        }
        if cli.json {
            for c in &cells {
                serde_json::to_writer(&mut out, c)?;
                writeln!(out)?;
            }
        } else {
            let rows: Vec<Vec<String>> = cells
                .iter()
                .map(|c| {
                    let group = match &c.faction_of {
                        Some(p) => format!("{} ({p})", c.group),
                        None => c.group.clone(),
                    };
                    let with = c
                        .with
                        .iter()
                        .map(|w| {
                            if c.internal.contains(w) {
                                format!("{w} [internal]")
                            } else {
                                w.clone()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    let basis = match &c.override_source {
                        Some(o) => format!("override: {} ({} … {})", o.source, o.from, o.to),
                        None => {
                            let first: Vec<&str> =
                                c.evidence.iter().take(2).map(String::as_str).collect();
                            format!("{} events: {}", c.evidence.len(), first.join(" "))
                        }
                    };
                    vec![
                        format!("{} {}", c.state, state_name(&c.state)),
                        clip(&group, 40),
                        c.status.as_str().to_string(),
                        clip(&with, 50),
                        format!("{:.1}", c.score),
                        format!("{:.0}%", 100.0 * c.share),
                        clip(&basis, 60),
                    ]
                })
                .collect();
            table(
                &mut out,
                &[
                    "state", "group", "status", "with", "score", "share", "basis",
                ],
                &rows,
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn fragmentation(
    cli: &Cli,
    a: &TerritoryArgs,
    q: &TerritoryQuery,
    data: &TerritoryData,
    store: &atalaya_store::Store,
    out: &mut impl Write,
) -> Result<()> {
    let mut rows = Vec::new();
    if a.yearly {
        for year in data.from.year()..=data.to.year() {
            let from = NaiveDate::from_ymd_opt(year, 1, 1)
                .unwrap_or(data.from)
                .max(data.from);
            let to = NaiveDate::from_ymd_opt(year, 12, 31)
                .unwrap_or(data.to)
                .min(data.to);
            let yq = TerritoryQuery {
                from: Some(from),
                to: Some(to),
                ..q.clone()
            };
            match TerritoryData::load(store, &yq) {
                Ok(d) => rows.extend(d.fragmentation()),
                // A year without events naming a group has no fragmentation to report.
                Err(atalaya_analysis::AnalysisError::InsufficientData(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
    } else {
        rows = data.fragmentation();
    }
    if cli.json {
        for f in &rows {
            serde_json::to_writer(&mut *out, f)?;
            writeln!(out)?;
        }
        return Ok(());
    }
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|f| {
            let factions = f
                .factions
                .iter()
                .map(|(c, fs)| format!("{c}: {}", fs.join(" / ")))
                .collect::<Vec<_>>()
                .join("; ");
            let top = f
                .shares
                .iter()
                .take(3)
                .map(|(g, s)| format!("{g} {:.0}%", 100.0 * s))
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                format!("{} {}", f.state, state_name(&f.state)),
                format!("{} … {}", f.from, f.to),
                f.groups.to_string(),
                format!("{:.2}", f.fragmentation),
                f.cartels.to_string(),
                format!("{:.2}", f.cartel_fragmentation),
                f.events.to_string(),
                clip(&factions, 50),
                clip(&top, 60),
            ]
        })
        .collect();
    table(
        out,
        &[
            "state",
            "window",
            "groups",
            "1-HHI",
            "cartels",
            "1-HHI cartels",
            "events",
            "factions",
            "largest shares",
        ],
        &table_rows,
    )?;
    Ok(())
}

fn presence(
    cli: &Cli,
    a: &TerritoryArgs,
    data: &TerritoryData,
    store: &atalaya_store::Store,
    group: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    let mut rows = data.presence(a.by_municipality, a.factions);
    if let Some(g) = group {
        rows.retain(|p| p.group == g);
        if let (Some(path), Some(geo)) = (&a.svg, &a.municipal_geo) {
            write_municipal_map(path, geo, g, &rows, data, store)?;
            eprintln!("territory: municipal map written to {}", path.display());
        } else if let Some(path) = &a.svg {
            // The state map: municipal rows add up to their state's.
            let by_state = data.presence(false, a.factions);
            write_presence_map(path, a.geojson.as_ref(), g, &by_state, data)?;
            eprintln!("territory: map written to {}", path.display());
        }
    }
    if cli.json {
        for p in &rows {
            serde_json::to_writer(&mut *out, p)?;
            writeln!(out)?;
        }
        return Ok(());
    }
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|p| {
            vec![
                p.year.to_string(),
                format!("{} {}", p.state, state_name(&p.state)),
                p.municipality.clone().unwrap_or_default(),
                clip(&p.group, 40),
                num((p.score * 100.0).round() / 100.0),
                p.events.to_string(),
            ]
        })
        .collect();
    table(
        out,
        &["year", "state", "municipality", "group", "score", "events"],
        &table_rows,
    )?;
    Ok(())
}

/// One group's presence per municipality over the window, on INEGI's municipal boundaries
/// (the same map as the server's `/api/v1/territory/presence.svg`).
fn write_municipal_map(
    path: &PathBuf,
    geo: &PathBuf,
    group: &str,
    rows: &[atalaya_analysis::territory::Presence],
    data: &TerritoryData,
    store: &atalaya_store::Store,
) -> Result<()> {
    let text = std::fs::read_to_string(geo)
        .with_context(|| format!("reading --municipal-geo {}", geo.display()))?;
    let geom = MunicipalGeometry::parse(&text)
        .map_err(|m| anyhow::anyhow!("--municipal-geo {}: {m}", geo.display()))?;
    let svg = atalaya_server::presence::municipal_svg(
        &geom,
        rows,
        group,
        (data.from, data.to),
        &store.municipal_catalog()?,
        atalaya_server::Lang::En,
    );
    std::fs::write(path, svg).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// The `--geojson` outlines, else the built-in INEGI ones.
fn read_outlines(geojson: Option<&PathBuf>) -> Result<Cow<'static, state_map::Outlines>> {
    match geojson {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("reading GeoJSON {}", p.display()))?;
            Ok(Cow::Owned(
                state_map::Outlines::parse(&text)
                    .map_err(|m| anyhow::anyhow!("{}: {m}", p.display()))?,
            ))
        }
        None => Ok(Cow::Borrowed(state_map::builtin())),
    }
}

/// A choropleth of one group's presence score per state over the window, quantile classes
/// (the same map as the server's `/api/v1/territory/presence.svg?by=state`).
fn write_presence_map(
    path: &PathBuf,
    geojson: Option<&PathBuf>,
    group: &str,
    rows: &[atalaya_analysis::territory::Presence],
    data: &TerritoryData,
) -> Result<()> {
    let outlines = read_outlines(geojson)?;
    let svg = atalaya_server::presence::state_svg(
        rows,
        group,
        (data.from, data.to),
        &outlines,
        atalaya_server::Lang::En,
    );
    std::fs::write(path, svg).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Status colours (Okabe–Ito, safe for colour-blind readers).
fn status_colour(s: Status) -> &'static str {
    match s {
        Status::War => "#D55E00",
        Status::Control => "#0072B2",
        Status::Route => "#E69F00",
        Status::Alliance => "#009E73",
    }
}

/// The status a state's fill shows when a group has several there: fighting first, then
/// dominance, then trafficking, then alliances. The tooltip lists them all.
const FILL_ORDER: [Status; 4] = [
    Status::War,
    Status::Control,
    Status::Route,
    Status::Alliance,
];

fn write_map(
    path: &PathBuf,
    geojson: Option<&PathBuf>,
    group: &str,
    cells: &[Cell],
    data: &TerritoryData,
) -> Result<()> {
    let outlines = read_outlines(geojson)?;
    let mut by_state: BTreeMap<&str, Vec<&Cell>> = BTreeMap::new();
    for c in cells.iter().filter(|c| c.group == group) {
        by_state.entry(c.state.as_str()).or_default().push(c);
    }
    let map_cells: Vec<state_map::Cell> = gazetteer::STATES
        .iter()
        .map(|st| {
            let here = by_state.get(st.code).cloned().unwrap_or_default();
            let fill = FILL_ORDER
                .iter()
                .find(|s| here.iter().any(|c| c.status == **s))
                .map_or(state_map::NO_DATA, |s| status_colour(*s));
            let detail = if here.is_empty() {
                "no status".to_string()
            } else {
                here.iter()
                    .map(|c| {
                        let with = if c.with.is_empty() {
                            String::new()
                        } else {
                            format!(" with {}", c.with.join(", "))
                        };
                        match &c.override_source {
                            Some(o) => {
                                format!("{}{with} (override: {})", c.status.as_str(), o.source)
                            }
                            None => {
                                format!("{}{with} ({} events)", c.status.as_str(), c.evidence.len())
                            }
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            state_map::Cell {
                code: st.code.to_string(),
                short: st.abbr.to_string(),
                name: st.name.to_string(),
                fill: fill.to_string(),
                tooltip: format!("{}: {detail}", st.name),
            }
        })
        .collect();
    let mut legend: Vec<(String, String)> = FILL_ORDER
        .iter()
        .map(|s| (status_colour(*s).to_string(), s.as_str().to_string()))
        .collect();
    legend.push((state_map::NO_DATA.to_string(), "no status".to_string()));
    let title = format!("{group}: status by state, {} … {}", data.from, data.to);
    let description = format!(
        "Territorial status of {group} in each Mexican state, derived by Atalaya from events \
         (each status lists its evidence events; overrides are marked with their source)."
    );
    let svg = state_map::render(&MapSpec {
        title: &title,
        description: &description,
        cells: &map_cells,
        legend: &legend,
        shapes: Some(&outlines.shapes),
        attribution: outlines.credit(false),
    });
    std::fs::write(path, svg).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
