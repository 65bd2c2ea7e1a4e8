//! `code` and `eval coder`: the news event coder on the command line.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use atalaya_coder::eval::{score_document, EvalEvent, EvalFigure, Tally};
use atalaya_coder::{code as code_text, Coded, Lang};
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

pub fn code(a: &CodeArgs) -> Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    if let Some(batch) = &a.batch {
        for d in read_docs(batch)? {
            let c = code_text(&d.text, day(&d.published)?, lang(d.lang.as_deref())?);
            writeln!(
                out,
                "{}",
                json!({"id": d.id, "events": c.events, "figures": c.figures})
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(published) = &a.published else {
        bail!("--published YYYY-MM-DD is required to code a text");
    };
    let mut text = String::new();
    match &a.file {
        Some(p) if p.as_os_str() != "-" => {
            text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
        _ => {
            io::stdin().read_to_string(&mut text)?;
        }
    }
    let c = code_text(&text, day(published)?, lang(Some(&a.lang))?);
    writeln!(out, "{}", coded_json(&c))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Scores the coder on a gold file.
pub fn eval_coder(gold: &PathBuf) -> Result<Tally> {
    let mut total = Tally::default();
    for d in read_docs(gold)? {
        let c = code_text(&d.text, day(&d.published)?, lang(d.lang.as_deref())?);
        let events: Vec<EvalEvent> = c
            .events
            .iter()
            .map(|e| EvalEvent {
                kind: e.kind.as_str().to_string(),
                date: e.date.clone(),
                state: e.state.clone(),
                actors: e.actors.clone(),
                measures: e.measures.clone(),
            })
            .collect();
        let figures: Vec<EvalFigure> = c
            .figures
            .iter()
            .map(|f| EvalFigure {
                measure: f.measure.clone(),
                value: f.value,
            })
            .collect();
        total.add(&score_document(&events, &d.events, &figures, &d.figures));
    }
    Ok(total)
}

pub fn eval(cli: &Cli, a: &EvalArgs) -> Result<ExitCode> {
    let EvalWhat::Coder { gold } = &a.what;
    let t = eval_coder(gold)?;
    let s = t.scores();
    if cli.json {
        println!(
            "{}",
            json!({
                "event_precision": s.event_precision,
                "event_recall": s.event_recall,
                "event_f1": s.event_f1,
                "actor_f1": s.actor_f1,
                "measure_accuracy": s.measure_accuracy,
                "figure_precision": s.figure_precision,
                "figure_recall": s.figure_recall,
                "figure_f1": s.figure_f1,
            })
        );
    } else {
        println!(
            "events   precision {:.3}  recall {:.3}  F1 {:.3}  ({} matched, {} coded, {} gold)",
            s.event_precision, s.event_recall, s.event_f1, t.matched, t.extracted, t.gold
        );
        println!("actors   F1 {:.3} within matched events", s.actor_f1);
        println!(
            "measures accuracy {:.3} ({} of {} gold measures)",
            s.measure_accuracy, t.measures_exact, t.measures_gold
        );
        println!(
            "figures  precision {:.3}  recall {:.3}  F1 {:.3}",
            s.figure_precision, s.figure_recall, s.figure_f1
        );
        println!();
        println!(
            "{:<18} {:>5} {:>5} {:>7} {:>9} {:>6}",
            "kind", "gold", "coded", "matched", "precision", "recall"
        );
        for (kind, [x, g, m]) in &t.per_kind {
            let (p, r) = t.kind_scores(kind);
            println!("{kind:<18} {g:>5} {x:>5} {m:>7} {p:>9.2} {r:>6.2}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
