//! `atalaya serve`: the HTTP API and the dashboard over one database, until stopped.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Result};
use clap::Args;
use serde_json::json;

use crate::Cli;

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on; the default answers only this machine
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token for the routes that write (POST /api/v1/code); without one they are off
    #[arg(long, env = "ATALAYA_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// State boundaries (GeoJSON FeatureCollection with cve_ent, as INEGI's) for the map;
    /// without it, INEGI's state outlines built into the binary (simplified)
    #[arg(long, value_name = "FILE")]
    pub geo: Option<PathBuf>,
    /// Municipal boundaries (TopoJSON, object municipios with 5-digit INEGI ids, as INEGI's
    /// mx_municipios_inegi.topo.json) for the municipal presence map
    #[arg(long, value_name = "FILE")]
    pub municipal_geo: Option<PathBuf>,
    /// Allow this one origin (https://example.org) to call the API from its pages
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Requests per second one client may sustain (0: no limit)
    #[arg(long, default_value_t = 50.0)]
    pub rate_limit: f64,
    /// Requests one client may send in a burst before the rate applies
    #[arg(long, default_value_t = 200)]
    pub burst: u32,
    /// Largest request body, in KiB
    #[arg(long, default_value_t = 256)]
    pub body_limit_kib: usize,
    /// Longest a request may take, in seconds
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
    /// MiB of series and map answers kept for repeated requests until the data change (0: none)
    #[arg(long, default_value_t = 32)]
    pub answer_cache_mib: usize,
    /// Reviewers (TOML: [[reviewer]] name, token): each may write with their own token, and
    /// every review decision records who made it; --token still works alongside
    #[arg(long, value_name = "FILE")]
    pub reviewers: Option<PathBuf>,
    /// Feeds to poll in the background (TOML: [[feed]] name, url, interval such as "30m");
    /// their articles are ingested as `atalaya ingest` does, and each feed's last poll and
    /// errors show on the review page
    #[arg(long, value_name = "FILE")]
    pub feeds: Option<PathBuf>,
}

impl ServeArgs {
    /// The defaults, listening on `addr`.
    pub fn local(addr: SocketAddr) -> ServeArgs {
        ServeArgs {
            addr,
            token: None,
            geo: None,
            municipal_geo: None,
            cors: None,
            rate_limit: 50.0,
            burst: 200,
            body_limit_kib: 256,
            timeout: 10,
            answer_cache_mib: 32,
            reviewers: None,
            feeds: None,
        }
    }
}

pub fn serve(cli: &Cli, a: &ServeArgs) -> Result<ExitCode> {
    if !cli.db.is_file() {
        bail!(
            "no database at {}: import data first (atalaya import …) or run `atalaya demo --serve`",
            cli.db.display()
        );
    }
    serve_db(&cli.db, a, cli.json)
}

/// Serves `db` until the process is stopped; prints the dashboard's URL once listening.
pub fn serve_db(db: &Path, a: &ServeArgs, json: bool) -> Result<ExitCode> {
    if !(a.rate_limit >= 0.0 && a.rate_limit.is_finite()) {
        bail!(
            "--rate-limit {}: give a number of requests per second, 0 or more",
            a.rate_limit
        );
    }
    if a.burst == 0 || a.body_limit_kib == 0 || a.timeout == 0 {
        bail!("--burst, --body-limit-kib and --timeout must be above 0");
    }
    let mut config = atalaya_server::Config::new(db.to_path_buf());
    config.token = a.token.clone().filter(|t| !t.is_empty());
    config.geo = a.geo.clone();
    config.municipal_geo = a.municipal_geo.clone();
    config.cors = a.cors.clone();
    config.rate_per_sec = a.rate_limit;
    config.burst = a.burst as f64;
    config.body_limit = a.body_limit_kib * 1024;
    config.timeout = Duration::from_secs(a.timeout);
    config.answer_cache_bytes = a.answer_cache_mib << 20;
    if let Some(p) = &a.reviewers {
        config.reviewers = atalaya_server::read_reviewers(p).map_err(anyhow::Error::msg)?;
    }
    if let Some(p) = &a.feeds {
        let feeds = atalaya_ingest::feeds::read(p).map_err(anyhow::Error::msg)?;
        poll_feeds(db.to_path_buf(), feeds, config.feeds.clone());
    }
    if !a.addr.ip().is_loopback() {
        eprintln!(
            "note: listening on {}, reachable from other machines; reading is public{}",
            a.addr,
            if config.token.is_some() || !config.reviewers.is_empty() {
                ""
            } else {
                " (writing is off: no token)"
            }
        );
    }
    let writes = config.token.is_some() || !config.reviewers.is_empty();
    atalaya_server::serve(config, a.addr, |bound| {
        let url = format!("http://{bound}/");
        let mut out = std::io::stdout().lock();
        let line = if json {
            json!({"url": url, "api": format!("{url}api/v1/"), "db": db, "writes": writes})
                .to_string()
        } else {
            format!("Atalaya dashboard: {url}  (API: {url}api/v1/openapi.json; Ctrl-C stops)")
        };
        // Scripts and tests wait for this line to know the server is up.
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Polls `feeds` into `db` in the background, each on its interval, for as long as the
/// process runs; every poll's counts and errors go to `statuses` (what `/api/v1/feeds` and
/// the review page show).
pub fn poll_feeds(
    db: PathBuf,
    feeds: Vec<atalaya_ingest::feeds::FeedSpec>,
    statuses: atalaya_server::FeedStatuses,
) {
    {
        let mut s = statuses.lock().unwrap_or_else(|p| p.into_inner());
        *s = feeds
            .iter()
            .map(|f| atalaya_server::FeedStatus {
                name: f.name.clone(),
                url: f.url.clone(),
                interval_seconds: f.interval.as_secs(),
                ..Default::default()
            })
            .collect();
    }
    std::thread::spawn(move || {
        let mut due: Vec<std::time::Instant> = vec![std::time::Instant::now(); feeds.len()];
        loop {
            for (i, f) in feeds.iter().enumerate() {
                if std::time::Instant::now() < due[i] {
                    continue;
                }
                let started = std::time::Instant::now();
                let result = atalaya_store::Store::open(&db)
                    .map_err(|e| e.to_string())
                    .and_then(|mut store| {
                        atalaya_ingest::run(
                            &mut store,
                            std::slice::from_ref(&f.url),
                            &atalaya_ingest::Options::default(),
                            &mut |_, _| {},
                        )
                        .map_err(|e| e.to_string())
                    });
                let mut s = statuses.lock().unwrap_or_else(|p| p.into_inner());
                let st = &mut s[i];
                st.last_poll = Some(chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string());
                st.seconds = Some(started.elapsed().as_secs_f64());
                match result {
                    Ok(sum) => {
                        st.articles_new = sum.articles_new;
                        st.articles_seen = sum.articles_seen;
                        st.failed = sum.failed;
                        st.events = sum.events;
                        st.errors = sum
                            .failures
                            .into_iter()
                            .map(|f| atalaya_server::FeedError {
                                item: f.item,
                                error: f.error,
                            })
                            .collect();
                    }
                    Err(e) => {
                        st.failed = 1;
                        st.errors = vec![atalaya_server::FeedError {
                            item: f.url.clone(),
                            error: e,
                        }];
                    }
                }
                due[i] = std::time::Instant::now() + f.interval;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
}
