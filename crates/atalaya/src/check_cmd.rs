//! `check`: the database file's integrity and the aggregates against a recount of the
//! events. Exit 1 on any fault, so scripts can run it after an import or a crash.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use atalaya_store::check::{CheckReport, Fault};
use atalaya_store::Store;
use indicatif::{ProgressBar, ProgressStyle};

use crate::Cli;

pub fn run(cli: &Cli) -> Result<ExitCode> {
    let report = match open(cli) {
        Ok(store) => {
            let bar = bar();
            let mut tick = |done: u64, total: u64| {
                bar.set_length(total);
                bar.set_position(done);
            };
            let report = store.check(&mut tick);
            bar.finish_and_clear();
            report
        }
        Err(message) => CheckReport {
            ok: false,
            faults: vec![Fault {
                check: "open",
                message,
            }],
            events: 0,
            aggregate_rows: 0,
        },
    };
    let mut out = std::io::stdout().lock();
    if cli.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        writeln!(out, "database    {}", cli.db.display())?;
        if report.ok {
            writeln!(out, "integrity   ok")?;
            writeln!(
                out,
                "aggregates  ok: {} rows agree with a recount of {} events",
                report.aggregate_rows, report.events
            )?;
        } else {
            writeln!(out, "{} fault(s):", report.faults.len())?;
            for f in &report.faults {
                writeln!(out, "  [{}] {}", f.check, f.message)?;
            }
        }
    }
    out.flush()?;
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Opens an existing database (a check never creates one); the message says why not.
fn open(cli: &Cli) -> Result<Store, String> {
    if !cli.db.exists() {
        return Err(format!("no database at {}", cli.db.display()));
    }
    Store::open(&cli.db).map_err(|e| format!("cannot open {}: {e}", cli.db.display()))
}

fn bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("recounting events {bar:40} {pos}/{len} ({eta})")
            .expect("static template")
            .progress_chars("=> "),
    );
    bar
}
