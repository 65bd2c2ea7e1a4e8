//! `atalaya train-coder`: the coder's learned place priors, counted from UCDP's Mexican
//! headlines. For each headline that names no state, each place name several states share
//! is counted against UCDP's own state for the incident (`adm_1`); the table of counts is
//! the model (`crates/atalaya-coder/model/place_priors.tsv`), and the coder uses a name's
//! state only above its thresholds (`atalaya_coder::learned`). Deterministic: the same file
//! and exclusions give the same table, byte for byte.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use atalaya_core::gazetteer;
use serde_json::json;

#[derive(clap::Args, Debug, Clone)]
pub struct TrainCoderArgs {
    /// UCDP headlines file (CSV, plain or .gz) with `id`, `source_headline`, `adm_1`
    /// (default: the shared `events/ucdp_mexico_headlines_labeled.csv.gz`)
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// Gold files (JSON Lines with `ucdp_id`) whose headlines must not be trained on: the
    /// evaluation sets. Repeatable
    #[arg(long)]
    pub exclude: Vec<PathBuf>,
    /// Where to write the table (default: standard output)
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// The UCDP ids of the headlines in `files`.
fn excluded_ids(files: &[PathBuf]) -> Result<HashSet<String>> {
    let mut ids = HashSet::new();
    for f in files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("{}: line {}", f.display(), n + 1))?;
            let id = v["ucdp_id"].as_str().with_context(|| {
                format!("{}: line {}: no field \"ucdp_id\"", f.display(), n + 1)
            })?;
            ids.insert(id.to_string());
        }
    }
    Ok(ids)
}

/// Counts per name: headlines naming it alone, and of those, per state of UCDP's.
type Counts = BTreeMap<String, (u32, BTreeMap<&'static str, u32>)>;

pub struct Trained {
    pub table: String,
    pub headlines: usize,
    pub excluded: usize,
    pub used: usize,
    pub names: usize,
    pub confident: usize,
}

pub fn train(args: &TrainCoderArgs) -> Result<Trained> {
    let path = args.file.clone().unwrap_or_else(|| {
        atalaya_store::shared_data::dir().join("events/ucdp_mexico_headlines_labeled.csv.gz")
    });
    let headlines = crate::bench_coder::load(&path)?;
    let skip = excluded_ids(&args.exclude)?;
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut counts = Counts::new();
    let (mut excluded, mut used) = (0, 0);
    for h in &headlines {
        if skip.contains(&h.id) {
            excluded += 1;
            continue;
        }
        // Joined sources (";") tell several incidents; one headline counts once per state.
        let Some(state) = gazetteer::state_by_name(&h.adm_1).map(|s| s.code) else {
            continue;
        };
        if h.text.contains(';') || !seen.insert((h.text.as_str(), state)) {
            continue;
        }
        let places = atalaya_coder::learned::unresolved_places(&h.text);
        if places.is_empty() {
            continue;
        }
        used += 1;
        for (name, states) in places {
            let e = counts.entry(name).or_default();
            e.0 += 1;
            if let Some(s) = states.into_iter().find(|s| *s == state) {
                *e.1.entry(s).or_default() += 1;
            }
        }
    }
    let mut table = String::from(
        "# Place priors: written by `atalaya train-coder` (crates/atalaya-coder/src/learned.rs);\n\
         # do not edit by hand. In headlines that name no state, each place name the rules\n\
         # leave open (several states share it, or a small municipality not clearly named as\n\
         # a place), counted against UCDP's state for the incident (adm_1).\n\
         # name\tstate\theadlines in that state\theadlines naming it alone\n",
    );
    let mut confident = 0;
    for (name, (total, by_state)) in &counts {
        let best = by_state.values().copied().max().unwrap_or(0);
        if *total >= atalaya_coder::learned::MIN_HEADLINES
            && f64::from(best) >= atalaya_coder::learned::MIN_SHARE * f64::from(*total)
        {
            confident += 1;
        }
        for (state, hits) in by_state {
            table.push_str(&format!("{name}\t{state}\t{hits}\t{total}\n"));
        }
    }
    Ok(Trained {
        table,
        headlines: headlines.len(),
        excluded,
        used,
        names: counts.len(),
        confident,
    })
}

pub fn command(cli: &crate::Cli, args: &TrainCoderArgs) -> Result<std::process::ExitCode> {
    let t = train(args)?;
    match &args.out {
        Some(p) => {
            std::fs::write(p, &t.table).with_context(|| format!("writing {}", p.display()))?
        }
        None => std::io::stdout().lock().write_all(t.table.as_bytes())?,
    }
    let summary = json!({
        "headlines": t.headlines,
        "excluded": t.excluded,
        "trained_on": t.used,
        "names": t.names,
        "names_used": t.confident,
    });
    let mut err = std::io::stderr().lock();
    if cli.json {
        serde_json::to_writer(&mut err, &summary)?;
        writeln!(err)?;
    } else {
        writeln!(
            err,
            "{} headlines ({} excluded as evaluation sets); {} name no state but a place the rules leave open; \
             {} names counted, {} with a state the coder will use",
            t.headlines, t.excluded, t.used, t.names, t.confident
        )?;
    }
    Ok(std::process::ExitCode::SUCCESS)
}
