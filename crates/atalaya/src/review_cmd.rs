//! `review`: the queue of news events waiting for an analyst, decisions on them (each kept in
//! the audit log), and the reviewed articles as a gold file for `eval coder`.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use atalaya_core::{EventKind, Review};
use atalaya_store::review::{Decision, Edit, LogFilter};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use crate::output::{clip, num, table};
use crate::Cli;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReviewArgs {
    #[command(subcommand)]
    pub what: Option<ReviewWhat>,
    /// Which queue: pending (the default), accepted or rejected
    #[arg(long, value_enum, default_value = "pending")]
    pub status: StatusArg,
    /// At most this many events
    #[arg(long)]
    pub limit: Option<u64>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Pending,
    Accepted,
    Rejected,
}

/// Who decides: recorded with every decision.
#[derive(Args)]
pub struct ByArgs {
    /// Reviewer's name for the audit log (default: $ATALAYA_REVIEWER, else $USER)
    #[arg(long, env = "ATALAYA_REVIEWER")]
    pub by: Option<String>,
}

impl ByArgs {
    fn name(&self) -> String {
        self.by
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "cli".to_string())
    }
}

#[derive(Subcommand)]
pub enum ReviewWhat {
    /// Accept news events: they count in series, maps and analyses from now on
    Accept {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        #[command(flatten)]
        by: ByArgs,
    },
    /// Reject news events: they do not count
    Reject {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Why (kept in the audit log)
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        by: ByArgs,
    },
    /// Correct a news event's fields; an edit accepts it
    Edit {
        id: String,
        /// Event kind (armed_clash, homicide, ...)
        #[arg(long)]
        kind: Option<String>,
        /// State: INEGI code or name
        #[arg(long)]
        state: Option<String>,
        /// Municipality: 5-digit INEGI code, or `none` to clear it
        #[arg(long)]
        municipality: Option<String>,
        /// Date, YYYY-MM-DD
        #[arg(long)]
        date: Option<String>,
        /// Actors, comma-separated (canonical names or aliases); empty to clear
        #[arg(long)]
        actors: Option<String>,
        /// A measure as NAME=VALUE (fatalities=3); NAME= removes it. Repeat for several
        #[arg(long = "measure", value_name = "NAME=VALUE")]
        measures: Vec<String>,
        #[command(flatten)]
        by: ByArgs,
    },
    /// Undo the latest decision on an event (again: the one before it)
    Undo {
        id: String,
        #[command(flatten)]
        by: ByArgs,
    },
    /// The audit log of decisions, oldest first
    Log {
        /// Only this event
        #[arg(long)]
        event: Option<String>,
        /// Only decisions on or after this date, YYYY-MM-DD
        #[arg(long)]
        since: Option<String>,
        #[arg(long)]
        limit: Option<u64>,
    },
    /// Write every reviewed article as a gold file for `atalaya eval coder`
    ExportGold {
        /// Output JSON Lines file (written whole, then renamed into place)
        out: PathBuf,
        /// Only articles with a decision on or after this date, YYYY-MM-DD
        #[arg(long)]
        since: Option<String>,
    },
}

fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

pub fn run(cli: &Cli, a: &ReviewArgs) -> Result<ExitCode> {
    match &a.what {
        None => queue(cli, a),
        Some(ReviewWhat::Accept { ids, by }) => decide(cli, ids, |w, id| w.accept(id, &by.name())),
        Some(ReviewWhat::Reject { ids, reason, by }) => {
            if reason.trim().is_empty() {
                bail!("--reason: say why the events are rejected");
            }
            decide(cli, ids, |w, id| w.reject(id, &by.name(), Some(reason)))
        }
        Some(ReviewWhat::Edit {
            id,
            kind,
            state,
            municipality,
            date,
            actors,
            measures,
            by,
        }) => {
            let edit = Edit {
                kind: kind
                    .as_deref()
                    .map(|k| {
                        k.parse::<EventKind>()
                            .map_err(|m| anyhow::anyhow!("--kind: {m}"))
                    })
                    .transpose()?,
                state: state.clone(),
                municipality: municipality.as_deref().map(|m| {
                    let m = m.trim();
                    (!(m.is_empty() || m.eq_ignore_ascii_case("none"))).then(|| m.to_string())
                }),
                date: date.clone(),
                actors: actors
                    .as_deref()
                    .map(|a| a.split(',').map(|s| s.trim().to_string()).collect()),
                measures: measures
                    .iter()
                    .map(|m| parse_measure(m))
                    .collect::<Result<_>>()?,
            };
            if edit.is_empty() {
                bail!("review edit: say what to change (--kind, --state, --municipality, --date, --actors, --measure); `review accept` accepts as coded");
            }
            decide(cli, std::slice::from_ref(id), |w, id| {
                w.edit(id, &by.name(), &edit)
            })
        }
        Some(ReviewWhat::Undo { id, by }) => decide(cli, std::slice::from_ref(id), |w, id| {
            w.undo(id, &by.name()).map(Some)
        }),
        Some(ReviewWhat::Log {
            event,
            since,
            limit,
        }) => log(cli, event, since, *limit),
        Some(ReviewWhat::ExportGold { out, since }) => export_gold(cli, out, since.as_deref()),
    }
}

/// `NAME=VALUE`, or `NAME=` to remove the measure.
fn parse_measure(s: &str) -> Result<(String, Option<f64>)> {
    let Some((name, v)) = s.split_once('=') else {
        bail!("--measure {s:?}: expected NAME=VALUE (fatalities=3)");
    };
    let name = name.trim();
    if name.is_empty() {
        bail!("--measure {s:?}: no name before '='");
    }
    let v = v.trim();
    if v.is_empty() {
        return Ok((name.to_string(), None));
    }
    let n: f64 = v
        .parse()
        .map_err(|_| anyhow::anyhow!("--measure {s:?}: {v:?} is not a number"))?;
    Ok((name.to_string(), Some(n)))
}

/// Runs one decision per id in one transaction: all are recorded, or none.
fn decide(
    cli: &Cli,
    ids: &[String],
    mut f: impl FnMut(
        &mut atalaya_store::write::Writer<'_>,
        &str,
    ) -> Result<Option<Decision>, atalaya_store::StoreError>,
) -> Result<ExitCode> {
    let mut store = crate::open_store(&cli.db)?;
    let mut w = store.writer(atalaya_store::news::NEWS_FORMAT, "review")?;
    let mut done = Vec::new();
    for id in ids {
        done.push((id, f(&mut w, id)?));
    }
    w.commit()?;
    let mut out = stdout();
    for (id, d) in &done {
        match d {
            Some(d) if cli.json => writeln!(out, "{}", json!(d))?,
            None if cli.json => writeln!(out, "{}", json!({"event": id, "decision": null}))?,
            Some(d) => writeln!(
                out,
                "{} {}: {} → {}{}",
                d.decision,
                d.event,
                d.before["review"].as_str().unwrap_or("?"),
                d.after["review"].as_str().unwrap_or("?"),
                changes(d)
            )?,
            None => writeln!(out, "{id}: nothing to change")?,
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The fields a decision changed, for people: "; state 14 → 16".
fn changes(d: &Decision) -> String {
    let mut s = String::new();
    if let Some(after) = d.after.as_object() {
        for (k, v) in after {
            if k != "review" {
                s.push_str(&format!("; {k} {} → {v}", d.before[k]));
            }
        }
    }
    s
}

fn queue(cli: &Cli, a: &ReviewArgs) -> Result<ExitCode> {
    let store = crate::open_store(&cli.db)?;
    let status = match a.status {
        StatusArg::Pending => Review::Pending,
        StatusArg::Accepted => Review::Accepted,
        StatusArg::Rejected => Review::Rejected,
    };
    let events = store.review_queue(status, a.limit)?;
    let mut out = stdout();
    if cli.json {
        for e in &events {
            serde_json::to_writer(&mut out, e)?;
            writeln!(out)?;
        }
    } else if events.is_empty() {
        writeln!(
            out,
            "no {} news events{}",
            status.as_str(),
            if status == Review::Pending {
                " (code reports with `atalaya ingest` or `atalaya code --store`)"
            } else {
                ""
            }
        )?;
    } else {
        let rows: Vec<Vec<String>> = events
            .iter()
            .map(|r| {
                let e = &r.event;
                vec![
                    e.id.clone(),
                    e.date.clone().unwrap_or_else(|| "-".into()),
                    e.kind.to_string(),
                    e.state.clone().unwrap_or_else(|| "-".into()),
                    clip(&e.actors.join(", "), 30),
                    num(e.fatalities()),
                    clip(
                        &e.sources
                            .first()
                            .map(|s| format!("{}: {}", s.doc, s.quote))
                            .unwrap_or_default(),
                        70,
                    ),
                ]
            })
            .collect();
        table(
            &mut out,
            &["id", "date", "kind", "state", "actors", "killed", "source"],
            &rows,
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn log(
    cli: &Cli,
    event: &Option<String>,
    since: &Option<String>,
    limit: Option<u64>,
) -> Result<ExitCode> {
    let store = crate::open_store(&cli.db)?;
    let since = crate::parse_day("since", since)?.map(atalaya_core::period::iso_date);
    let entries = store.review_log(&LogFilter {
        event: event.clone(),
        since,
        limit,
    })?;
    let mut out = stdout();
    if cli.json {
        for d in &entries {
            writeln!(out, "{}", json!(d))?;
        }
    } else if entries.is_empty() {
        writeln!(out, "no decisions recorded")?;
    } else {
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|d| {
                vec![
                    d.id.to_string(),
                    d.at.clone(),
                    d.by.clone(),
                    d.decision.clone(),
                    d.event.clone(),
                    format!(
                        "{} → {}{}",
                        d.before["review"].as_str().unwrap_or("?"),
                        d.after["review"].as_str().unwrap_or("?"),
                        changes(d)
                    ),
                    d.reason.clone().unwrap_or_default(),
                ]
            })
            .collect();
        table(
            &mut out,
            &["id", "at", "by", "decision", "event", "change", "reason"],
            &rows,
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn export_gold(cli: &Cli, out_path: &std::path::Path, since: Option<&str>) -> Result<ExitCode> {
    let store = crate::open_store(&cli.db)?;
    let since = since
        .map(|d| atalaya_core::period::parse_date(d).map_err(|m| anyhow::anyhow!("--since: {m}")))
        .transpose()?
        .map(atalaya_core::period::iso_date);
    let ids = store.reviewed_articles(since.as_deref())?;
    let dir = out_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("creating a file in {}", dir.display()))?;
    let mut n = 0u64;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        for id in ids {
            if let Some(doc) = store.gold_doc(id)? {
                serde_json::to_writer(&mut w, &doc)?;
                writeln!(w)?;
                n += 1;
            }
        }
        w.flush()
            .with_context(|| format!("writing {}", out_path.display()))?;
    }
    tmp.persist(out_path)
        .with_context(|| format!("writing {}", out_path.display()))?;
    let mut out = stdout();
    if cli.json {
        writeln!(
            out,
            "{}",
            json!({"out": out_path.display().to_string(), "articles": n})
        )?;
    } else {
        writeln!(
            out,
            "{n} reviewed articles written to {} (score the coder on them: atalaya eval coder {})",
            out_path.display(),
            out_path.display()
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
