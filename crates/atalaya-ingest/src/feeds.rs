//! The feeds file of `serve --feeds`: a TOML list of feeds, each with a name, a URL (or a
//! feed file) and how often to poll it.
//!
//! ```toml
//! [[feed]]
//! name = "Proceso"
//! url = "https://www.proceso.com.mx/rss/"
//! interval = "30m"      # s, m or h; at least 1 minute; default 30m
//! ```

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSpec {
    pub name: String,
    pub url: String,
    pub interval: Duration,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    feed: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    url: String,
    #[serde(default)]
    interval: Option<String>,
}

/// The shortest interval: polling a newsroom more often than this is impolite.
pub const MIN_INTERVAL: Duration = Duration::from_secs(60);

/// Reads and checks a feeds file; errors name the file and the feed.
pub fn read(path: &Path) -> Result<Vec<FeedSpec>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&text, MIN_INTERVAL).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses a feeds file allowing intervals down to `min`.
pub fn parse(text: &str, min: Duration) -> Result<Vec<FeedSpec>, String> {
    let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
    if f.feed.is_empty() {
        return Err("no [[feed]] entries".into());
    }
    let mut out: Vec<FeedSpec> = Vec::new();
    for (i, e) in f.feed.into_iter().enumerate() {
        let at = format!("feed {} ({:?})", i + 1, e.name);
        if e.name.trim().is_empty() {
            return Err(format!("feed {}: name is empty", i + 1));
        }
        if out.iter().any(|o| o.name == e.name) {
            return Err(format!("{at}: the name is used twice"));
        }
        if e.url.trim().is_empty() {
            return Err(format!("{at}: url is empty"));
        }
        let interval = match e.interval.as_deref() {
            None => Duration::from_secs(30 * 60),
            Some(s) => duration(s).ok_or_else(|| {
                format!("{at}: interval {s:?} is not a duration like 90s, 15m or 2h")
            })?,
        };
        if interval < min {
            return Err(format!(
                "{at}: interval {}s is shorter than {}s",
                interval.as_secs(),
                min.as_secs()
            ));
        }
        out.push(FeedSpec {
            name: e.name,
            url: e.url.trim().to_string(),
            interval,
        });
    }
    Ok(out)
}

fn duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit())?);
    let n: u64 = n.parse().ok()?;
    let secs = match unit.trim() {
        "s" => n,
        "m" | "min" => n * 60,
        "h" => n * 3600,
        _ => return None,
    };
    Some(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_with_names_and_intervals() {
        let f = parse(
            "[[feed]]\nname = \"A\"\nurl = \"https://a.example/rss\"\ninterval = \"15m\"\n[[feed]]\nname = \"B\"\nurl = \"feeds/b.xml\"\n",
            MIN_INTERVAL,
        )
        .unwrap();
        assert_eq!(f[0].interval, Duration::from_secs(900));
        assert_eq!(f[1].interval, Duration::from_secs(1800));
        let e = parse(
            "[[feed]]\nname = \"A\"\nurl = \"x\"\ninterval = \"10s\"\n",
            MIN_INTERVAL,
        )
        .unwrap_err();
        assert!(e.contains("shorter"), "{e}");
        let e = parse(
            "[[feed]]\nname = \"A\"\nurl = \"x\"\ninterval = \"soon\"\n",
            MIN_INTERVAL,
        )
        .unwrap_err();
        assert!(e.contains("feed 1 (\"A\")"), "{e}");
        assert!(parse("", MIN_INTERVAL).unwrap_err().contains("no [[feed]]"));
    }
}
