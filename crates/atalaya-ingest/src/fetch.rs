//! HTTP fetching with manners: a User-Agent naming Atalaya, a timeout on every request, and
//! one request at a time per host with a pause between two to the same host.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ureq::ResponseExt;

pub const USER_AGENT: &str = concat!(
    "Atalaya/",
    env!("CARGO_PKG_VERSION"),
    " (news reader of an open observatory of organized-crime violence)"
);

/// Pages larger than this are not news articles.
const MAX_BYTES: u64 = 16 << 20;

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it was found, after redirects.
    pub url: String,
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
}

pub struct Fetcher {
    agent: ureq::Agent,
    /// The least time between the start of two requests to one host.
    pause: Duration,
    /// Per host: held during a request, with when the last one started.
    hosts: Mutex<HashMap<String, Arc<Mutex<Option<Instant>>>>>,
}

impl Fetcher {
    pub fn new(timeout: Duration, pause: Duration) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .max_redirects(5)
            .build()
            .into();
        Fetcher {
            agent,
            pause,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// GET `url`; an error says what failed (status, timeout, connection) in words.
    pub fn get(&self, url: &str) -> Result<Page, String> {
        let host = crate::canon::host(url).ok_or_else(|| format!("not an http(s) URL: {url}"))?;
        let slot = self
            .hosts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(host)
            .or_default()
            .clone();
        // One request at a time per host: the lock is held until the body is read.
        let mut last = slot.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(t) = *last {
            let since = t.elapsed();
            if since < self.pause {
                std::thread::sleep(self.pause - since);
            }
        }
        *last = Some(Instant::now());
        let mut resp = self.agent.get(url).call().map_err(describe)?;
        let status = resp.status();
        if !status.is_success() {
            return Err(format!(
                "HTTP {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string());
        }
        let final_url = resp.get_uri().to_string();
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(MAX_BYTES)
            .read_to_vec()
            .map_err(describe)?;
        Ok(Page {
            url: final_url,
            bytes,
            content_type,
        })
    }
}

fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        ureq::Error::Io(io) => format!("connection failed: {io}"),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::BodyExceedsLimit(n) => format!("page larger than {n} bytes"),
        other => other.to_string(),
    }
}
