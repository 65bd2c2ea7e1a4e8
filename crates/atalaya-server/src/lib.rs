//! The HTTP side of Atalaya: a JSON API under `/api/v1/` over one store, and the dashboard
//! at `/`, whose HTML, CSS and JavaScript are built into the binary.
//!
//! Reading is public; writing needs the bearer token given at start. Every response carries
//! security headers, every error is JSON `{"error": "..."}`, and requests are bounded in
//! body size, rate per client and time.

use std::borrow::Cow;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use atalaya_charts::state_map::{self, Outlines};
use axum::Router;

mod answer_cache;
mod api;
mod assets;
mod error;
mod fit_cache;
mod forecast;
mod impact;
mod indicators;
mod limits;
mod listen;
mod openapi;
mod params;
mod pool;
pub mod presence;
pub mod review;
mod svg;
mod territory;

pub use api::route_list;
pub use error::ApiError;
pub use review::{read_reviewers, FeedError, FeedStatus, FeedStatuses, Reviewer};
pub use svg::Lang;

/// Everything `atalaya serve` can set.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    /// Bearer token for the writing endpoints; none disables them (403).
    pub token: Option<String>,
    /// A GeoJSON FeatureCollection of the states (`cve_ent` or `state` property per
    /// feature); none: the built-in INEGI outlines.
    pub geo: Option<PathBuf>,
    /// A TopoJSON of the municipalities (object `municipios`, 5-digit INEGI `id`s) for the
    /// municipal presence map.
    pub municipal_geo: Option<PathBuf>,
    /// The one origin allowed to call the API from another site; none sends no CORS headers.
    pub cors: Option<String>,
    pub body_limit: usize,
    /// Requests per second each client may sustain; 0 turns the limit off.
    pub rate_per_sec: f64,
    /// How many requests a client may send at once before the rate applies.
    pub burst: f64,
    pub timeout: Duration,
    /// Connections open at once; past it the server stops accepting until one closes.
    pub max_connections: usize,
    /// Time a connection has to send a request's headers (also how long an idle
    /// keep-alive connection stays open).
    pub header_timeout: Duration,
    /// Requests that may query the store at once (one open connection each).
    pub readers: usize,
    /// Bytes of series and map answers kept for repeated requests (`answer_cache`); 0: none.
    pub answer_cache_bytes: usize,
    /// Reviewers' tokens and names (`serve --reviewers`): each decision records its reviewer.
    pub reviewers: Vec<Reviewer>,
    /// The polled feeds' last polls (`serve --feeds`), shown by `/api/v1/feeds`.
    pub feeds: FeedStatuses,
}

impl Config {
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            token: None,
            geo: None,
            municipal_geo: None,
            cors: None,
            body_limit: 256 * 1024,
            rate_per_sec: 50.0,
            burst: 200.0,
            timeout: Duration::from_secs(10),
            max_connections: 1000,
            header_timeout: Duration::from_secs(10),
            // SQLite reads are CPU-bound: a few more than the cores covers I/O waits.
            readers: std::thread::available_parallelism().map_or(4, |n| n.get() * 2),
            answer_cache_bytes: 32 << 20,
            reviewers: Vec::new(),
            feeds: FeedStatuses::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Shared by every request.
pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) pool: Arc<pool::Pool>,
    /// The state outlines maps are drawn on, and their GeoJSON as `/api/v1/geometry`
    /// serves it: the `--geo` file, else the built-in outlines.
    pub(crate) geometry: Cow<'static, str>,
    pub(crate) outlines: Cow<'static, Outlines>,
    pub(crate) indicators: indicators::Cache,
    pub(crate) municipal: Option<atalaya_charts::municipal_map::MunicipalGeometry>,
    pub(crate) limiter: limits::RateLimiter,
    pub(crate) fits: fit_cache::FitCache,
    pub(crate) answers: answer_cache::AnswerCache,
    pub(crate) feeds: FeedStatuses,
}

#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

impl AppState {
    /// Checks the database opens, the boundary file is a FeatureCollection of states and the
    /// municipal one a TopoJSON of municipalities.
    pub fn new(config: Config) -> Result<AppState, ServerError> {
        let pool = pool::Pool::new(config.db.clone(), config.readers)
            .map_err(|e| ServerError::Config(format!("{}: {e}", config.db.display())))?;
        let pool = Arc::new(pool);
        let (geometry, outlines) = match &config.geo {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .map_err(|e| ServerError::Config(format!("--geo {}: {e}", p.display())))?;
                let bad = |m: String| ServerError::Config(format!("--geo {}: {m}", p.display()));
                api::check_geometry(&text).map_err(bad)?;
                let outlines = Outlines::parse(&text).map_err(bad)?;
                (Cow::Owned(text), Cow::Owned(outlines))
            }
            None => (
                Cow::Borrowed(state_map::BUILTIN_GEOJSON),
                Cow::Borrowed(state_map::builtin()),
            ),
        };
        let municipal = match &config.municipal_geo {
            Some(p) => {
                let bad = |m: String| {
                    ServerError::Config(format!("--municipal-geo {}: {m}", p.display()))
                };
                let text = std::fs::read_to_string(p).map_err(|e| bad(e.to_string()))?;
                Some(atalaya_charts::municipal_map::MunicipalGeometry::parse(&text).map_err(bad)?)
            }
            None => None,
        };
        if let Some(t) = &config.token {
            if t.len() < 16 {
                return Err(ServerError::Config(
                    "--token: use at least 16 characters".to_string(),
                ));
            }
        }
        let limiter = limits::RateLimiter::new(config.rate_per_sec, config.burst);
        let answers = answer_cache::AnswerCache::new(config.answer_cache_bytes);
        let feeds = config.feeds.clone();
        if let Some(t) = &config.token {
            if config.reviewers.iter().any(|r| &r.token == t) {
                return Err(ServerError::Config(
                    "--token is also a reviewer's token: give each its own".to_string(),
                ));
            }
        }
        Ok(AppState(Arc::new(Inner {
            config,
            pool,
            geometry,
            outlines,
            indicators: indicators::Cache::default(),
            municipal,
            limiter,
            fits: fit_cache::FitCache::new(fit_cache::CAPACITY),
            answers,
            feeds,
        })))
    }

    /// How many times the forecast model has been fitted since start; requests answered
    /// from an earlier fit of the same data do not count.
    pub fn forecast_fits(&self) -> u64 {
        self.0.fits.fits()
    }

    /// How many times a forecast answer's sources were looked up in the events rather than
    /// remembered for the same data.
    pub fn forecast_source_scans(&self) -> u64 {
        self.0.fits.source_scans()
    }

    /// How many series and map answers were built from the store rather than sent from the
    /// cache.
    pub fn answers_built(&self) -> u64 {
        self.0.answers.built()
    }
}

/// The whole application: API, dashboard, and the layers around them.
pub fn router(state: AppState) -> Router {
    let app = api::routes(&state)
        .merge(assets::routes())
        .fallback(error::no_route)
        .layer(axum::extract::DefaultBodyLimit::max(
            state.0.config.body_limit,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits::timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits::rate_limit,
        ));
    let app = match &state.0.config.cors {
        Some(origin) => app.layer(limits::cors(origin)),
        None => app,
    };
    app.layer(axum::middleware::from_fn(limits::headers_and_json_errors))
        .with_state(state)
}

/// Binds `addr` and serves until the process ends. `ready` is told the bound address (port
/// 0 picks a free one).
pub fn serve(
    config: Config,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    if let Some(origin) = &config.cors {
        limits::check_origin(origin).map_err(ServerError::Config)?;
    }
    let state = AppState::new(config)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| ServerError::Config(format!("cannot listen on {addr}: {e}")))?;
        ready(listener.local_addr()?);
        let (max, header_timeout) = (
            state.0.config.max_connections,
            state.0.config.header_timeout,
        );
        listen::run(listener, router(state), max, header_timeout).await?;
        Ok(())
    })
}
