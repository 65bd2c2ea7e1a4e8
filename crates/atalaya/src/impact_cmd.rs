//! `atalaya impact`: the kingpin impact study (see `docs/methods/impact.md`).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use atalaya_analysis::impact::{self, DidOptions, Impact, ImpactQuery, Treated};
use atalaya_charts::event_study::{self, Coefficient, EventStudyChart};
use atalaya_core::gazetteer;
use atalaya_core::period::PeriodKind;
use atalaya_store::query::Measure;
use clap::Args;

use crate::output::table;
use crate::{open_store, parse_day, Cli, PeriodArg};

#[derive(Args)]
pub struct ImpactArgs {
    /// The group whose leader was removed, by canonical name or alias (CJNG, "Sinaloa Cartel")
    #[arg(long)]
    pub actor: String,
    /// Date of the intervention, YYYY-MM-DD; may be left out when the imported kingpin list
    /// holds exactly one for the actor
    #[arg(long)]
    pub date: Option<String>,
    /// Treated states (codes or names, comma-separated); `auto`: the kingpin list's
    /// base_states for the date, else the state where it happened, else the events rule;
    /// `events`: the states holding half of the events naming the actor or its factions in
    /// the year before the date (at most 5)
    #[arg(long, default_value = "auto")]
    pub treated: String,
    /// events, fatalities, or an imported indicator such as homicidio_doloso
    #[arg(long, default_value = "events")]
    pub measure: String,
    /// Only events of these kinds (comma-separated; event measures only)
    #[arg(long)]
    pub kind: Option<String>,
    /// Period of the panel (default: month for an indicator, week for events)
    #[arg(long, value_enum)]
    pub period: Option<PeriodArg>,
    /// Periods before and after the date's period (default: 12 months or 26 weeks)
    #[arg(long)]
    pub window: Option<usize>,
    /// Keep the treated states' neighbours among the controls instead of reporting them as
    /// their own group (ignores spillover)
    #[arg(long)]
    pub neighbours_as_controls: bool,
    /// Treatment assignments for randomization inference: all of them up to this number,
    /// else this many drawn at random
    #[arg(long, default_value_t = 5000)]
    pub permutations: usize,
    /// Seed for drawing assignments when they are not all enumerated
    #[arg(long, default_value_t = 20260222)]
    pub seed: u64,
    /// Write the event-study chart (SVG) to this file
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

fn state_name(code: &str) -> String {
    gazetteer::state(code)
        .map(|s| s.name.to_string())
        .unwrap_or_else(|| code.to_string())
}

fn signed_pct(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v:+.1}%"),
        Some(_) => "unbounded".into(),
        None => "-".into(),
    }
}

fn p(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.3}")).unwrap_or_else(|| "-".into())
}

impl ImpactArgs {
    fn to_query(&self) -> Result<ImpactQuery> {
        let measure = match self.measure.as_str() {
            "events" => Measure::Events,
            "fatalities" => Measure::Fatalities,
            other => Measure::Indicator(other.to_string()),
        };
        let period = match self.period {
            Some(PeriodArg::Week) => PeriodKind::Week,
            Some(PeriodArg::Month) => PeriodKind::Month,
            None if matches!(measure, Measure::Indicator(_)) => PeriodKind::Month,
            None => PeriodKind::Week,
        };
        let kinds = match &self.kind {
            None => Vec::new(),
            Some(s) => s
                .split(',')
                .map(|k| k.trim().parse().map_err(|m| anyhow::anyhow!("--kind: {m}")))
                .collect::<Result<_>>()?,
        };
        let treated = if self.treated.trim().eq_ignore_ascii_case("auto") {
            Treated::Auto
        } else if self.treated.trim().eq_ignore_ascii_case("events") {
            Treated::Events
        } else {
            Treated::States(
                self.treated
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            )
        };
        if self.permutations < 2 {
            anyhow::bail!("--permutations must be at least 2");
        }
        Ok(ImpactQuery {
            actor: self.actor.clone(),
            date: parse_day("date", &self.date)?,
            treated,
            measure,
            kinds,
            period,
            window: self.window.unwrap_or(match period {
                PeriodKind::Month => 12,
                PeriodKind::Week => 26,
            }),
            neighbours_as_controls: self.neighbours_as_controls,
            options: DidOptions {
                max_assignments: self.permutations,
                seed: self.seed,
                alpha: 0.05,
            },
        })
    }
}

pub fn run(cli: &Cli, a: &ImpactArgs) -> Result<ExitCode> {
    let q = a.to_query()?;
    let store = open_store(&cli.db)?;
    let r = impact::run(&store, &q)?;
    if let Some(path) = &a.svg {
        // With no coefficient at all (no period after the date) there is nothing to draw;
        // that is the "too short" answer, not an error.
        if r.by_period.is_empty() {
            eprintln!(
                "atalaya: no chart written to {}: no event-study coefficients",
                path.display()
            );
        } else {
            write_svg(&r, path)?;
            eprintln!("event-study chart written to {}", path.display());
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    if cli.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
    } else {
        human(&mut out, &r)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_svg(r: &Impact, path: &PathBuf) -> Result<()> {
    let who = if r.interventions.is_empty() {
        format!("{} leader removed", r.actor)
    } else {
        r.interventions
            .iter()
            .map(|iv| {
                let who = if iv.alias.is_empty() {
                    iv.name.clone()
                } else {
                    format!("\"{}\"", iv.alias)
                };
                // One leader: say what happened; several: names only, to fit the chart.
                if r.interventions.len() == 1 {
                    format!("{who} {}", iv.event_type.replace('_', " "))
                } else {
                    who
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let treated: Vec<String> = r.treated.iter().map(|s| state_name(s)).collect();
    let chart = EventStudyChart {
        title: format!(
            "{}: {} in {} vs. {} control states",
            r.actor,
            r.measure,
            treated.join(", "),
            r.controls.len()
        ),
        y_title: format!("Change in {} vs. controls (%)", r.measure),
        x_title: format!(
            "{}s from the intervention (0 = the {} containing {})",
            capitalised(&r.period),
            r.period,
            r.date
        ),
        marker: format!("{}: {}", r.date, who),
        coefficients: r
            .by_period
            .iter()
            .map(|b| Coefficient {
                offset: b.offset,
                label: b.period.clone(),
                estimate: b.estimate,
                ci: match (b.ci_low, b.ci_high, b.offset) {
                    (_, _, -1) => None,
                    (Some(lo), Some(hi), _) => Some((lo, hi)),
                    _ => None,
                },
            })
            .collect(),
    };
    std::fs::write(path, event_study::render(&chart))
        .with_context(|| format!("writing {}", path.display()))
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn human(out: &mut impl Write, r: &Impact) -> Result<()> {
    if r.interventions.is_empty() {
        writeln!(out, "Intervention  {} against {}", r.date, r.actor)?;
    }
    for iv in &r.interventions {
        writeln!(
            out,
            "Intervention  {} {} {}{} ({}) — {}",
            iv.date,
            iv.event_type,
            iv.name,
            if iv.alias.is_empty() {
                String::new()
            } else {
                format!(" \"{}\"", iv.alias)
            },
            iv.organization,
            iv.source_url
        )?;
    }
    writeln!(
        out,
        "Outcome       {} per state and {}",
        r.measure, r.period
    )?;
    let names = |v: &[String]| {
        v.iter()
            .map(|s| format!("{} {}", s, state_name(s)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "Treated       {}", names(&r.treated))?;
    writeln!(
        out,
        "              (rule {}: {})",
        r.treated_rule.as_str(),
        r.treated_reason
    )?;
    if let Some(shares) = &r.auto_treated {
        let s: Vec<String> = shares
            .iter()
            .take(5)
            .map(|s| format!("{} {:.0}%", state_name(&s.state), 100.0 * s.share))
            .collect();
        writeln!(
            out,
            "              (share of the events of {} and its factions in the year before: {})",
            r.actor,
            s.join(", ")
        )?;
    }
    if !r.neighbours.is_empty() {
        writeln!(
            out,
            "Neighbours    {} (left out of the controls)",
            names(&r.neighbours)
        )?;
    }
    writeln!(out, "Controls      {} states", r.controls.len())?;
    if let (Some(a), Some(b)) = (&r.window_first, &r.window_last) {
        writeln!(
            out,
            "Window        {a} … {b}: {} {}s before, {} from the date's {} on",
            r.n_pre, r.period, r.n_post, r.period
        )?;
    }
    writeln!(out)?;
    if !r.conclusive {
        writeln!(out, "TOO SHORT TO CONCLUDE: no estimate is given.")?;
        if let Some(w) = r.warnings.first() {
            writeln!(
                out,
                "{}",
                w.strip_prefix("too short to conclude: ").unwrap_or(w)
            )?;
        }
    } else {
        writeln!(
            out,
            "Change        {} (95% interval {} to {}), p = {}",
            signed_pct(r.estimate_pct),
            signed_pct(r.ci_low_pct),
            signed_pct(r.ci_high_pct),
            p(r.p_value)
        )?;
        if let (Some(abs), Some(m)) = (r.estimate_abs, &r.means) {
            writeln!(
                out,
                "              about {:.1} {} {} per treated state and {} (mean {:.1} before → {:.1} after; controls {:.1} → {:.1})",
                abs.abs(),
                if abs < 0.0 { "fewer" } else { "more" },
                r.measure,
                r.period,
                m.treated_pre,
                m.treated_post,
                m.controls_pre,
                m.controls_post,
            )?;
        }
        writeln!(
            out,
            "Inference     randomization over {} treatment assignments ({})",
            r.assignments,
            if r.exact_inference {
                "all enumerated"
            } else {
                "drawn at random"
            }
        )?;
        writeln!(
            out,
            "Pre-trends    p = {} (joint test of the coefficients before the date)",
            p(r.pre_trend_p)
        )?;
        if let Some(pl) = &r.placebo {
            writeln!(
                out,
                "Placebo       {}: {} (95% interval {} to {}), p = {:.3}",
                pl.date,
                signed_pct(Some(pl.estimate_pct)),
                signed_pct(pl.ci_low_pct),
                signed_pct(pl.ci_high_pct),
                pl.p_value
            )?;
        }
        if let Some(n) = &r.neighbours_effect {
            writeln!(
                out,
                "Neighbours    {} (95% interval {} to {}), p = {:.3}",
                signed_pct(Some(n.estimate_pct)),
                signed_pct(n.ci_low_pct),
                signed_pct(n.ci_high_pct),
                n.p_value
            )?;
        }
        if let Some(sc) = &r.synthetic_control {
            let w: Vec<String> = sc
                .weights
                .iter()
                .take(4)
                .map(|w| format!("{} {:.2}", state_name(&w.state), w.weight))
                .collect();
            writeln!(
                out,
                "Synthetic     {}, placebo-in-space p = {:.3} ({} donors; pre-period RMSE {:.3}; weights {})",
                signed_pct(Some(sc.estimate_pct)),
                sc.p_value,
                sc.placebos,
                sc.pre_rmse,
                w.join(", ")
            )?;
        }
    }
    if !r.by_period.is_empty() {
        writeln!(
            out,
            "\nEvent study (change vs. controls, relative to offset -1)"
        )?;
        let rows: Vec<Vec<String>> = r
            .by_period
            .iter()
            .map(|b| {
                vec![
                    format!("{:+}", b.offset),
                    b.period.clone(),
                    signed_pct(Some(b.estimate_pct)),
                    if b.offset == -1 {
                        "reference".into()
                    } else {
                        format!(
                            "{} to {}",
                            signed_pct(b.ci_low_pct),
                            signed_pct(b.ci_high_pct)
                        )
                    },
                ]
            })
            .collect();
        table(out, &["offset", "period", "change", "95% interval"], &rows)?;
    }
    let rest: Vec<&String> = if r.conclusive {
        r.warnings.iter().collect()
    } else {
        r.warnings.iter().skip(1).collect()
    };
    if !rest.is_empty() {
        writeln!(out)?;
        for w in rest {
            writeln!(out, "note: {w}")?;
        }
    }
    if !r.sources.is_empty() {
        writeln!(out, "\nSources: {}", r.sources.join(", "))?;
    }
    Ok(())
}
