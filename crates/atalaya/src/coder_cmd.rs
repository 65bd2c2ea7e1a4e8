//! `code` and `eval coder`: the news event coder on the command line.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use atalaya_coder::eval::{coded_for_eval, score_document, EvalEvent, EvalFigure, Tally};
use atalaya_coder::records::{report_key, to_event, NEWS_FORMAT};
use atalaya_coder::{code as code_text, Coded, Lang};
use atalaya_core::period::iso_date;
use atalaya_store::news::{FigureReport, LedgerFilter};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Deserialize;
use serde_json::json;

use crate::Cli;

#[derive(Args)]
pub struct CodeArgs {
    /// The news text (`-` or nothing: standard input)
    pub file: Option<PathBuf>,
    /// Publication date, YYYY-MM-DD (resolves "on Friday", "ayer")
    #[arg(long)]
    pub published: Option<String>,
    /// auto, en or es
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// JSON Lines input, one `{"id","text","published","lang"}` per line
    #[arg(long, value_name = "FILE.jsonl", conflicts_with = "file")]
    pub batch: Option<PathBuf>,
    /// Save the events and figures in the database with their sources; a second report of
    /// a stored incident becomes another source of it (see `merges`)
    #[arg(long)]
    pub store: bool,
    /// Name of the report as its source (default: the file name, or "stdin")
    #[arg(long, conflicts_with = "batch")]
    pub doc: Option<String>,
}

#[derive(Args)]
pub struct LedgerArgs {
    /// Only this measure (extraditions, arrested, pills, weapons, …)
    #[arg(long)]
    pub measure: Option<String>,
    /// Only this scope: MX or a state code
    #[arg(long)]
    pub scope: Option<String>,
}

#[derive(Args)]
pub struct MergesArgs {
    /// Undo this merge: the report becomes its own event again and the event it was merged
    /// into gets back its sources and counts
    #[arg(long, value_name = "ID")]
    pub undo: Option<i64>,
}

#[derive(Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub what: EvalWhat,
}

#[derive(Subcommand)]
pub enum EvalWhat {
    /// Score the event coder on a gold file (shared/eval/README.md)
    Coder {
        /// Gold JSON Lines file
        gold: PathBuf,
    },
}

#[derive(Deserialize)]
struct Doc {
    #[serde(default)]
    id: String,
    text: String,
    published: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    events: Vec<EvalEvent>,
    #[serde(default)]
    figures: Vec<EvalFigure>,
}

fn day(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .with_context(|| format!("bad date {s:?}, expected YYYY-MM-DD"))
}

fn lang(s: Option<&str>) -> Result<Lang> {
    match s {
        None => Ok(Lang::Auto),
        Some(s) => s.parse::<Lang>().map_err(anyhow::Error::msg),
    }
}

fn coded_json(c: &Coded) -> serde_json::Value {
    json!({"events": c.events, "figures": c.figures})
}

fn read_docs(path: &PathBuf) -> Result<Vec<Doc>> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        docs.push(
            serde_json::from_str(&line)
                .with_context(|| format!("{} line {}", path.display(), n + 1))?,
        );
    }
    Ok(docs)
}

/// A report to code: its text, name and date.
pub(crate) struct Report {
    pub doc: String,
    text: String,
    published: NaiveDate,
    lang: Lang,
}

/// The reports of a JSON Lines batch (`{"id","text","published","lang"}` per line), read
/// from `file`; a report without an id is named after its line.
fn batch_reports(docs: Vec<Doc>, file: &str) -> Result<Vec<(String, Report)>> {
    docs.into_iter()
        .enumerate()
        .map(|(n, d)| {
            let name = if d.id.is_empty() {
                format!("{file}#{}", n + 1)
            } else {
                d.id.clone()
            };
            Ok((
                d.id,
                Report {
                    doc: name,
                    published: day(&d.published)
                        .with_context(|| format!("{file} line {}", n + 1))?,
                    lang: lang(d.lang.as_deref())?,
                    text: d.text,
                },
            ))
        })
        .collect()
}

/// Built-in reports in the batch format (the demo's), checked like a user's file.
pub(crate) fn builtin_reports(jsonl: &str, name: &str) -> Result<Vec<Report>> {
    let docs = jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).with_context(|| format!("{name} line {}", n + 1)))
        .collect::<Result<Vec<Doc>>>()?;
    Ok(batch_reports(docs, name)?
        .into_iter()
        .map(|(_, r)| r)
        .collect())
}

/// Codes `reports` and stores what they tell in one transaction (a failure stores nothing),
/// recording `file` as the import; returns each report's coding with what happened to it.
pub(crate) fn code_and_store<'a>(
    store: &mut atalaya_store::Store,
    file: &str,
    reports: impl IntoIterator<Item = &'a Report>,
) -> Result<(
    atalaya_store::write::Counts,
    Vec<(Coded, serde_json::Value)>,
)> {
    let mut w = store.writer(NEWS_FORMAT, file)?;
    let mut out = Vec::new();
    for r in reports {
        let c = code_text(&r.text, r.published, r.lang);
        let stored = store_report(&mut w, r, &c)?;
        out.push((c, stored));
    }
    Ok((w.commit()?, out))
}

/// How many of the stored events were merged into earlier reports, and how many figures.
pub(crate) fn merged_and_figures<'a>(
    stored: impl IntoIterator<Item = &'a serde_json::Value>,
) -> (usize, usize) {
    stored.into_iter().fold((0, 0), |(m, f), v| {
        let events = v["events"].as_array().map_or(&[][..], Vec::as_slice);
        (
            m + events.iter().filter(|e| e["action"] == "merged").count(),
            f + v["figures"].as_array().map_or(0, Vec::len),
        )
    })
}

/// Stores what was coded from `r` and says what happened to each event and figure.
fn store_report(
    w: &mut atalaya_store::write::Writer<'_>,
    r: &Report,
    c: &Coded,
) -> Result<serde_json::Value> {
    let key = report_key(&r.text);
    let published = iso_date(r.published);
    // The text itself, so its events can be reviewed beside it and exported as gold.
    w.store_article(&atalaya_store::articles::NewArticle {
        key: key.clone(),
        content_hash: atalaya_store::articles::content_hash(&r.text),
        urls: Vec::new(),
        title: String::new(),
        text: r.text.clone(),
        lang: match r.lang {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Auto => "auto",
        }
        .to_string(),
        published: published.clone(),
        source: "code".to_string(),
        doc: r.doc.clone(),
    })?;
    let mut events = Vec::new();
    for (n, e) in c.events.iter().enumerate() {
        let ev = to_event(e, &r.doc, &key, n, &published);
        events.push(
            w.store_news_event(&ev)
                .with_context(|| format!("storing event {n} of {}", r.doc))?,
        );
    }
    let mut figures = Vec::new();
    for f in &c.figures {
        let report = FigureReport {
            measure: f.measure.clone(),
            value: f.value,
            unit: f.unit.clone(),
            scope: f.scope.clone(),
            period: f.period.clone(),
            doc: r.doc.clone(),
            published: published.clone(),
            quote: f.quote.clone(),
            span: [f.span.0, f.span.1],
        };
        figures.push(w.store_figure(&report)?);
    }
    Ok(json!({"events": events, "figures": figures}))
}

pub fn code(cli: &Cli, a: &CodeArgs) -> Result<ExitCode> {
    let reports: Vec<(String, Report)> = if let Some(batch) = &a.batch {
        batch_reports(read_docs(batch)?, &batch.display().to_string())?
    } else {
        let Some(published) = &a.published else {
            bail!("--published YYYY-MM-DD is required to code a text");
        };
        let mut text = String::new();
        let doc = match &a.file {
            Some(p) if p.as_os_str() != "-" => {
                text = std::fs::read_to_string(p)
                    .with_context(|| format!("reading {}", p.display()))?;
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.display().to_string())
            }
            _ => {
                io::stdin().read_to_string(&mut text)?;
                "stdin".to_string()
            }
        };
        vec![(
            String::new(),
            Report {
                doc: a.doc.clone().unwrap_or(doc),
                text,
                published: day(published)?,
                lang: lang(Some(&a.lang))?,
            },
        )]
    };
    let (coded, stored): (Vec<Coded>, Vec<Option<serde_json::Value>>) = if a.store {
        let mut store = crate::open_store(&cli.db)?;
        let file = a
            .batch
            .as_ref()
            .map(|b| b.display().to_string())
            .unwrap_or_else(|| reports[0].1.doc.clone());
        let (counts, out) = code_and_store(&mut store, &file, reports.iter().map(|(_, r)| r))?;
        let (merged, figures) = merged_and_figures(out.iter().map(|(_, s)| s));
        eprintln!(
            "stored in {}: {} events new, {merged} merged into earlier reports, {} unchanged; {figures} figures",
            cli.db.display(),
            counts.inserted,
            counts.unchanged,
        );
        out.into_iter().map(|(c, s)| (c, Some(s))).unzip()
    } else {
        reports
            .iter()
            .map(|(_, r)| (code_text(&r.text, r.published, r.lang), None))
            .unzip()
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (((id, _), c), s) in reports.iter().zip(&coded).zip(stored) {
        let mut v = coded_json(c);
        if a.batch.is_some() {
            v["id"] = json!(id);
        }
        if let Some(s) = s {
            v["stored"] = s;
        }
        writeln!(out, "{v}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn ledger(cli: &Cli, a: &LedgerArgs) -> Result<ExitCode> {
    let store = crate::open_store(&cli.db)?;
    let scope = match &a.scope {
        Some(s) if s.eq_ignore_ascii_case("mx") => Some("MX".to_string()),
        Some(s) => Some(
            atalaya_core::gazetteer::state_by_name(s)
                .map(|st| st.code.to_string())
                .with_context(|| format!("--scope {s:?}: not MX nor a Mexican state"))?,
        ),
        None => None,
    };
    let entries = store.ledger(&LedgerFilter {
        measure: a.measure.clone(),
        scope,
    })?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if cli.json {
        for e in &entries {
            writeln!(
                out,
                "{}",
                json!({"measure": e.measure, "value": e.value, "unit": e.unit, "scope": e.scope,
                       "period": e.period, "source": e.sources.first(), "sources": e.sources})
            )?;
        }
    } else if entries.is_empty() {
        writeln!(
            out,
            "no figures stored (code reports with `atalaya code --store`)"
        )?;
    } else {
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                let first = &e.sources[0];
                vec![
                    e.measure.clone(),
                    crate::output::num(e.value),
                    e.unit.clone(),
                    e.scope.clone(),
                    e.period.clone().unwrap_or_else(|| "-".into()),
                    e.sources.len().to_string(),
                    format!(
                        "{} ({}): {}",
                        first.doc,
                        first.published,
                        crate::output::clip(&first.quote, 60)
                    ),
                ]
            })
            .collect();
        crate::output::table(
            &mut out,
            &[
                "measure",
                "value",
                "unit",
                "scope",
                "period",
                "sources",
                "first source",
            ],
            &rows,
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn merges(cli: &Cli, a: &MergesArgs) -> Result<ExitCode> {
    let mut store = crate::open_store(&cli.db)?;
    if let Some(id) = a.undo {
        let mut w = store.writer(NEWS_FORMAT, &format!("undo merge {id}"))?;
        let m = w.undo_merge(id)?;
        w.commit()?;
        if cli.json {
            writeln!(io::stdout(), "{}", json!(m))?;
        } else {
            writeln!(
                io::stdout(),
                "undid merge {}: {} is its own event again; {} has its earlier sources back",
                m.id,
                m.absorbed,
                m.target
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let merges = store.merges()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if cli.json {
        for m in &merges {
            writeln!(out, "{}", json!(m))?;
        }
    } else if merges.is_empty() {
        writeln!(out, "no merges recorded")?;
    } else {
        let rows: Vec<Vec<String>> = merges
            .iter()
            .map(|m| {
                vec![
                    m.id.to_string(),
                    m.target.clone(),
                    m.absorbed.clone(),
                    m.merged_at.clone(),
                    m.undone_at.clone().unwrap_or_else(|| "-".into()),
                    m.reason.clone(),
                ]
            })
            .collect();
        crate::output::table(
            &mut out,
            &["id", "into", "report", "merged", "undone", "why"],
            &rows,
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Scores the coder on a gold file: in all, and per document language (`lang`, else "?").
pub fn eval_coder_by_lang(gold: &PathBuf) -> Result<(Tally, BTreeMap<String, Tally>)> {
    let mut total = Tally::default();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    for d in read_docs(gold)? {
        let c = code_text(&d.text, day(&d.published)?, lang(d.lang.as_deref())?);
        let (events, figures) = coded_for_eval(&c);
        let t = score_document(&events, &d.events, &figures, &d.figures);
        total.add(&t);
        by_lang
            .entry(d.lang.clone().unwrap_or_else(|| "?".into()))
            .or_default()
            .add(&t);
    }
    Ok((total, by_lang))
}

pub fn eval(cli: &Cli, a: &EvalArgs) -> Result<ExitCode> {
    let EvalWhat::Coder { gold } = &a.what;
    let (t, by_lang) = eval_coder_by_lang(gold)?;
    let s = t.scores();
    let lang_scores = |t: &Tally| {
        let s = t.scores();
        json!({
            "events_gold": t.gold,
            "event_precision": s.event_precision,
            "event_recall": s.event_recall,
            "event_f1": s.event_f1,
            "measure_accuracy": s.measure_accuracy,
            "figure_f1": s.figure_f1,
        })
    };
    let confusion: Vec<_> = t
        .confusion
        .iter()
        .map(|((g, x), n)| json!({"gold": g, "coded": x, "count": n}))
        .collect();
    let mut out = io::stdout().lock();
    if cli.json {
        writeln!(
            out,
            "{}",
            json!({
                "event_precision": s.event_precision,
                "event_recall": s.event_recall,
                "event_f1": s.event_f1,
                "actor_f1": s.actor_f1,
                "measure_accuracy": s.measure_accuracy,
                "municipality_accuracy": s.municipality_accuracy,
                "figure_precision": s.figure_precision,
                "figure_recall": s.figure_recall,
                "figure_f1": s.figure_f1,
                "per_kind": t.per_kind.keys().map(|k| {
                    let (p, r) = t.kind_scores(k);
                    let [x, g, m] = t.per_kind[k];
                    (k.clone(), json!({"gold": g, "coded": x, "matched": m, "precision": p, "recall": r}))
                }).collect::<serde_json::Map<_, _>>(),
                "by_lang": by_lang.iter().map(|(l, t)| (l.clone(), lang_scores(t))).collect::<serde_json::Map<_, _>>(),
                "confusion": confusion,
            })
        )?;
    } else {
        writeln!(
            out,
            "events   precision {:.3}  recall {:.3}  F1 {:.3}  ({} matched, {} coded, {} gold)",
            s.event_precision, s.event_recall, s.event_f1, t.matched, t.extracted, t.gold
        )?;
        writeln!(out, "actors   F1 {:.3} within matched events", s.actor_f1)?;
        writeln!(
            out,
            "measures accuracy {:.3} ({} of {} gold measures)",
            s.measure_accuracy, t.measures_exact, t.measures_gold
        )?;
        writeln!(
            out,
            "municipalities accuracy {:.3} ({} of {} matched events whose gold names one)",
            s.municipality_accuracy, t.municipalities_exact, t.municipalities_gold
        )?;
        writeln!(
            out,
            "figures  precision {:.3}  recall {:.3}  F1 {:.3}",
            s.figure_precision, s.figure_recall, s.figure_f1
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "{:<18} {:>5} {:>5} {:>7} {:>9} {:>6}",
            "kind", "gold", "coded", "matched", "precision", "recall"
        )?;
        for (kind, [x, g, m]) in &t.per_kind {
            let (p, r) = t.kind_scores(kind);
            writeln!(out, "{kind:<18} {g:>5} {x:>5} {m:>7} {p:>9.2} {r:>6.2}")?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{:<8} {:>9} {:>6} {:>6} {:>9}",
            "language", "precision", "recall", "F1", "measures"
        )?;
        for (l, lt) in &by_lang {
            let ls = lt.scores();
            writeln!(
                out,
                "{l:<8} {:>9.3} {:>6.3} {:>6.3} {:>9.3}",
                ls.event_precision, ls.event_recall, ls.event_f1, ls.measure_accuracy
            )?;
        }
        writeln!(out)?;
        if t.confusion.is_empty() {
            writeln!(
                out,
                "kind confusions: none (no missed event was coded as another kind in its place)"
            )?;
        } else {
            writeln!(
                out,
                "kind confusions (gold → coded in the same state and days):"
            )?;
            for ((g, x), n) in &t.confusion {
                writeln!(out, "  {g} → {x}: {n}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
