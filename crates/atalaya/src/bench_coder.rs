//! `atalaya bench-coder`: the coder's throughput on UCDP's Mexican headlines, and a weak
//! check of its states against UCDP's `adm_1`.
//!
//! The file's `source_headline` fields (several headlines joined by ';', and their `source_date`s likewise) are loaded into
//! memory first; then `--repeat` runs code all of them on one thread and the median wall
//! time gives MB/s per core. The weak-label check covers the headlines whose `adm_1` is
//! filled and whose text names a state (a name of `gazetteer::STATES` as a whole word,
//! accent-insensitive; the bare "México" is left out, it is mostly the country).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use atalaya_coder::{code, Coded, Lang};
use atalaya_core::gazetteer::{self, STATES};
use atalaya_core::period::parse_date;
use atalaya_core::text::fold;
use atalaya_core::EventKind;
use chrono::NaiveDate;
use serde_json::{json, Value};

#[derive(clap::Args, Debug, Clone)]
pub struct BenchCoderArgs {
    /// UCDP headlines file (CSV, plain or .gz) with `source_headline`, `source_date`, `adm_1`
    /// (default: the shared `events/ucdp_mexico_headlines_labeled.csv.gz`)
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// Timed runs over all headlines; the median is reported
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
}

pub(crate) struct Headline {
    /// UCDP's event id (`id`), when the file has the column.
    pub(crate) id: String,
    pub(crate) text: String,
    published: NaiveDate,
    pub(crate) adm_1: String,
    /// UCDP's best estimate of the deaths in the incident.
    best: Option<f64>,
}

/// The kinds ACLED files under political violence (`acled::to_acled`): what "a violent
/// event" means in the headline check. Every UCDP row is a fatal incident.
fn violent(kind: EventKind) -> bool {
    atalaya_core::acled::to_acled(kind, false).0 == "Political violence"
}

pub(crate) fn load(path: &std::path::Path) -> Result<Vec<Headline>> {
    let opened =
        atalaya_store::reader::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut rdr = csv::Reader::from_reader(opened.reader);
    let headers = rdr.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no column {name:?}", path.display()))
    };
    let (text_i, date_i, adm_i) = (col("source_headline")?, col("source_date")?, col("adm_1")?);
    let best_i = headers.iter().position(|h| h == "best");
    let id_i = headers.iter().position(|h| h == "id");
    let start_i = headers.iter().position(|h| h == "date_start");
    let mut out = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: record {}", path.display(), n + 1))?;
        // Several sources join their dates with ';' like their headlines: the first one.
        let date = rec
            .get(date_i)
            .and_then(|d| d.split(';').map(str::trim).find(|d| !d.is_empty()))
            .or_else(|| start_i.and_then(|i| rec.get(i)))
            .unwrap_or("");
        let published = parse_date(date.trim())
            .map_err(|m| anyhow::anyhow!("{}: record {}: {m}", path.display(), n + 1))?;
        out.push(Headline {
            id: id_i.and_then(|i| rec.get(i)).unwrap_or("").to_string(),
            text: rec.get(text_i).unwrap_or("").to_string(),
            published,
            adm_1: rec.get(adm_i).unwrap_or("").trim().to_string(),
            best: best_i
                .and_then(|i| rec.get(i))
                .and_then(|b| b.trim().parse().ok()),
        });
    }
    Ok(out)
}

/// Folded state names, padded with spaces for whole-word search.
fn state_needles() -> Vec<String> {
    let mut v: Vec<String> = STATES
        .iter()
        .flat_map(|s| [s.name, s.name_en, s.name_inegi])
        .map(fold)
        .filter(|f| !f.is_empty() && f != "mexico")
        .map(|f| format!(" {f} "))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn names_a_state(text: &str, needles: &[String]) -> bool {
    let padded = format!(" {} ", fold(text));
    needles.iter().any(|n| padded.contains(n.as_str()))
}

/// CPU time of the calling thread in seconds (Linux `schedstat`, nanoseconds), so that
/// MB/s per core holds on a machine shared with other work; None elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Times `f` `repeat` times: wall-clock and thread CPU seconds of each run.
fn time_runs<T>(repeat: usize, mut f: impl FnMut() -> T) -> (Vec<f64>, Vec<f64>, T) {
    let (mut wall, mut cpu) = (Vec::with_capacity(repeat), Vec::with_capacity(repeat));
    let mut last = None;
    for _ in 0..repeat {
        // Free the previous run's output first: otherwise each run allocates fresh pages
        // (page faults and zeroing by the kernel) while the last output is still held.
        drop(last.take());
        let c0 = thread_cpu_seconds();
        let t = Instant::now();
        let out = std::hint::black_box(f());
        wall.push(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, thread_cpu_seconds()) {
            cpu.push(b - a);
        }
        last = Some(out);
    }
    (wall, cpu, last.expect("repeat >= 1"))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The measure on single headlines (no `;`-joined sources: one incident each):
/// the share that get a violent event; of those whose violent events carry a state, the share
/// whose states include UCDP's `adm_1` (a headline may list several states); of those with exactly one violent event that counts
/// fatalities, the share whose count equals UCDP's `best`.
fn single_headline_check(headlines: &[Headline], coded: &[Coded]) -> Value {
    let (mut n, mut violent_n, mut with_state, mut agree, mut unresolved) = (0u64, 0, 0, 0, 0);
    let (mut with_deaths, mut deaths_agree) = (0u64, 0u64);
    for (h, c) in headlines.iter().zip(coded) {
        if h.text.contains(';') || h.text.trim().is_empty() {
            continue;
        }
        n += 1;
        let v: Vec<_> = c.events.iter().filter(|e| violent(e.kind)).collect();
        if v.is_empty() {
            continue;
        }
        violent_n += 1;
        let states: Vec<&str> = v.iter().filter_map(|e| e.state.as_deref()).collect();
        if !states.is_empty() && !h.adm_1.is_empty() {
            match gazetteer::state_by_name(&h.adm_1) {
                Some(st) => {
                    with_state += 1;
                    agree += u64::from(states.contains(&st.code));
                }
                None => unresolved += 1,
            }
        }
        if let ([e], Some(best)) = (v.as_slice(), h.best) {
            if let Some(f) = e.measures.get("fatalities") {
                with_deaths += 1;
                deaths_agree += u64::from((f - best).abs() < 0.5);
            }
        }
    }
    let share = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
    json!({
        "headlines": n,
        "with_violent_event": violent_n,
        "violent_share": share(violent_n, n),
        "violent_with_state": with_state,
        "adm_1_unresolved": unresolved,
        "state_agree": agree,
        "state_agreement": share(agree, with_state),
        "one_event_with_deaths": with_deaths,
        "deaths_agree": deaths_agree,
        "deaths_agreement": share(deaths_agree, with_deaths),
    })
}

/// Runs the benchmark and returns its report.
pub fn run(args: &BenchCoderArgs) -> Result<Value> {
    if args.repeat == 0 {
        bail!("--repeat must be at least 1");
    }
    let path = args.file.clone().unwrap_or_else(|| {
        atalaya_store::shared_data::dir().join("events/ucdp_mexico_headlines_labeled.csv.gz")
    });
    let headlines = load(&path)?;
    let bytes: usize = headlines.iter().map(|h| h.text.len()).sum();

    let (mut times, mut cpu, coded) = time_runs(args.repeat, || {
        headlines
            .iter()
            .map(|h| code(&h.text, h.published, Lang::Auto))
            .collect::<Vec<Coded>>()
    });
    // A peer measured in the same run: folding every headline (lowercase, no accents), the
    // least any text coder does; the ratio says what the coder's rules cost on top of it.
    let (mut peer_times, mut peer_cpu, _) = time_runs(args.repeat, || {
        headlines.iter().map(|h| fold(&h.text).len()).sum::<usize>()
    });
    let peer_secs = median(&mut peer_times);
    let cpu_secs = (!cpu.is_empty()).then(|| median(&mut cpu));
    let peer_cpu_secs = (!peer_cpu.is_empty()).then(|| median(&mut peer_cpu));
    let (min, max) = (
        times.iter().copied().fold(f64::INFINITY, f64::min),
        times.iter().copied().fold(0.0, f64::max),
    );
    let secs = median(&mut times);

    let needles = state_needles();
    let with_events = coded.iter().filter(|c| !c.events.is_empty()).count();
    let events: usize = coded.iter().map(|c| c.events.len()).sum();
    let (mut eligible, mut unresolved, mut with_state, mut agree) = (0u64, 0u64, 0u64, 0u64);
    let (mut events_with_state, mut events_agree) = (0u64, 0u64);
    for (h, c) in headlines.iter().zip(&coded) {
        if h.adm_1.is_empty() || !names_a_state(&h.text, &needles) {
            continue;
        }
        eligible += 1;
        let Some(st) = gazetteer::state_by_name(&h.adm_1) else {
            unresolved += 1;
            continue;
        };
        let states: Vec<&str> = c.events.iter().filter_map(|e| e.state.as_deref()).collect();
        if states.is_empty() {
            continue;
        }
        with_state += 1;
        if states.contains(&st.code) {
            agree += 1;
        }
        events_with_state += states.len() as u64;
        events_agree += states.iter().filter(|s| **s == st.code).count() as u64;
    }
    let single = single_headline_check(&headlines, &coded);
    let ratio = |a: u64, b: u64| {
        if b == 0 {
            None
        } else {
            Some(a as f64 / b as f64)
        }
    };

    Ok(json!({
        "file": path.display().to_string(),
        "headlines": headlines.len(),
        "bytes": bytes,
        "repeat": args.repeat,
        "threads": 1,
        "seconds_median": secs,
        "seconds_min": min,
        "seconds_max": max,
        "mb_per_s_per_core": bytes as f64 / secs / 1e6,
        "cpu_seconds_median": cpu_secs,
        "mb_per_cpu_s": cpu_secs.map(|c| bytes as f64 / c / 1e6),
        "peer": {
            "name": "fold",
            "seconds_median": peer_secs,
            "cpu_seconds_median": peer_cpu_secs,
            "mb_per_s": bytes as f64 / peer_secs / 1e6,
        },
        "ratio_to_peer": secs / peer_secs,
        "headlines_per_s": headlines.len() as f64 / secs,
        "headlines_with_events": with_events,
        "events": events,
        "single_headlines": single,
        "state_check": {
            "eligible": eligible,
            "adm_1_unresolved": unresolved,
            "coded_with_state": with_state,
            "agree": agree,
            "agreement": ratio(agree, with_state),
            "agreement_of_eligible": ratio(agree, eligible),
            "events_with_state": events_with_state,
            "events_agree": events_agree,
            "event_agreement": ratio(events_agree, events_with_state),
        },
    }))
}

/// `atalaya bench-coder`: JSON with `--json`, else a short summary.
pub fn command(cli: &crate::Cli, args: &BenchCoderArgs) -> Result<std::process::ExitCode> {
    use std::io::Write as _;
    let report = run(args)?;
    let mut out = std::io::stdout().lock();
    if cli.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", summary(&report))?;
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The human summary.
fn summary(r: &Value) -> String {
    let s = &r["state_check"];
    let u = &r["single_headlines"];
    let pct = |v: &Value| {
        v.as_f64()
            .map_or("n/a".to_string(), |x| format!("{:.1}%", x * 100.0))
    };
    format!(
        "coded {} headlines ({} bytes) on 1 thread: median {:.3} s of {} runs, {:.2} MB/s per core, {:.0} headlines/s\n\
         thread CPU time: median {} s, {} MB per CPU second; peer (fold every headline): median {:.3} s, coder/peer {:.1}x\n\
         {} headlines coded at least one event ({} events)\n\
         state check: {} headlines with adm_1 that name a state; {} coded a state; agreement {} \
         (any event), {} of {} events ({})\n\
         single headlines: {} of {} got a violent event ({}); state = adm_1 on {} of {} ({}); \
         deaths = best on {} of {} ({})\n",
        r["headlines"],
        r["bytes"],
        r["seconds_median"].as_f64().unwrap_or(0.0),
        r["repeat"],
        r["mb_per_s_per_core"].as_f64().unwrap_or(0.0),
        r["headlines_per_s"].as_f64().unwrap_or(0.0),
        r["cpu_seconds_median"]
            .as_f64()
            .map_or("n/a".to_string(), |x| format!("{x:.3}")),
        r["mb_per_cpu_s"]
            .as_f64()
            .map_or("n/a".to_string(), |x| format!("{x:.2}")),
        r["peer"]["seconds_median"].as_f64().unwrap_or(0.0),
        r["ratio_to_peer"].as_f64().unwrap_or(0.0),
        r["headlines_with_events"],
        r["events"],
        s["eligible"],
        s["coded_with_state"],
        pct(&s["agreement"]),
        s["events_agree"],
        s["events_with_state"],
        pct(&s["event_agreement"]),
        u["with_violent_event"],
        u["headlines"],
        pct(&u["violent_share"]),
        u["state_agree"],
        u["violent_with_state"],
        pct(&u["state_agreement"]),
        u["deaths_agree"],
        u["one_event_with_deaths"],
        pct(&u["deaths_agreement"]),
    )
}
