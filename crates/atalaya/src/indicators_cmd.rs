//! `atalaya indicators`: conflict indicators per state and period (ACLED's Conflict Index
//! adapted to Mexico's states; `docs/methods/indicators.md`).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use atalaya_analysis::indicators::{self, IndicatorPeriod};
use atalaya_core::gazetteer;
use clap::{Args, ValueEnum};

use crate::output::{num, table};
use crate::{open_store, parse_day, Cli};

#[derive(Clone, Copy, ValueEnum)]
pub enum IndicatorPeriodArg {
    Month,
    Year,
}

#[derive(Args)]
pub struct IndicatorsArgs {
    /// Period of the indicators
    #[arg(long, value_enum, default_value = "month")]
    pub period: IndicatorPeriodArg,
    /// Only this state: INEGI code (25) or name (Sinaloa)
    #[arg(long)]
    pub state: Option<String>,
    /// Periods overlapping this first day (YYYY-MM-DD) and after
    #[arg(long)]
    pub from: Option<String>,
    /// Periods up to the one containing this day (YYYY-MM-DD)
    #[arg(long)]
    pub to: Option<String>,
    /// Instead of the rows: per period, Spearman's rank correlation between the indicators'
    /// ranking of the 32 states and an imported official series (e.g. homicidio_doloso)
    #[arg(long, value_name = "INDICATOR")]
    pub compare: Option<String>,
}

pub fn run(cli: &Cli, a: &IndicatorsArgs) -> Result<ExitCode> {
    let period = match a.period {
        IndicatorPeriodArg::Month => IndicatorPeriod::Month,
        IndicatorPeriodArg::Year => IndicatorPeriod::Year,
    };
    let from = parse_day("from", &a.from)?;
    let to = parse_day("to", &a.to)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            anyhow::bail!("--from {f} is after --to {t}");
        }
    }
    let store = open_store(&cli.db)?;
    let all = indicators::compute(&store, period)?;
    // Checked before any output: a bad --state is an error, not an empty answer.
    let rows = indicators::select(&all, a.state.as_deref(), from, to)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if let Some(measure) = &a.compare {
        let cmp: Vec<_> = indicators::compare(&store, &all, measure)?
            .into_iter()
            .filter(|c| {
                from.is_none_or(|d| c.period >= period.label(d))
                    && to.is_none_or(|d| c.period <= period.label(d))
            })
            .collect();
        if cli.json {
            for c in &cmp {
                serde_json::to_writer(&mut out, c)?;
                writeln!(out)?;
            }
        } else {
            let fmt = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
            let t: Vec<Vec<String>> = cmp
                .iter()
                .map(|c| {
                    vec![
                        c.period.clone(),
                        fmt(c.spearman_score),
                        fmt(c.spearman_deadliness),
                        c.events.to_string(),
                    ]
                })
                .collect();
            writeln!(
                out,
                "Spearman's rank correlation of the 32 states: indicators vs. {measure}"
            )?;
            table(&mut out, &["period", "score", "deadliness", "events"], &t)?;
            if cmp.is_empty() {
                writeln!(
                    out,
                    "no period has both events and every month of {measure} for every state"
                )?;
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if cli.json {
        for r in &rows {
            serde_json::to_writer(&mut out, r)?;
            writeln!(out)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let t: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.period.clone(),
                format!(
                    "{} {}",
                    r.state,
                    gazetteer::state(&r.state).map_or("", |s| s.name)
                ),
                num(r.deadliness),
                r.danger.to_string(),
                format!("{:.3}", r.diffusion),
                r.fragmentation.to_string(),
                r.level.as_str().to_string(),
                format!("{:.2}", r.score),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "period",
            "state",
            "deadliness",
            "danger",
            "diffusion",
            "fragmentation",
            "level",
            "score",
        ],
        &t,
    )?;
    let th = &all.thresholds;
    writeln!(
        out,
        "\nhigh from (80th percentile of non-zero values, every state and {} of {} … {}): \
         deadliness {}, danger {}, diffusion {:.3}, fragmentation {}",
        period.as_str(),
        all.first_period.as_deref().unwrap_or("-"),
        all.last_period.as_deref().unwrap_or("-"),
        num(th.deadliness),
        num(th.danger),
        th.diffusion,
        num(th.fragmentation)
    )?;
    writeln!(
        out,
        "level: extreme = 3 or 4 indicators high, high = 2, turbulent = 1, none = 0"
    )?;
    if all.imprecise > 0 {
        writeln!(
            out,
            "note: {} of {} violent events are dated only to the year and are left out of monthly indicators",
            all.imprecise, all.events
        )?;
    }
    writeln!(out, "sources: {}", all.sources.join(", "))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
