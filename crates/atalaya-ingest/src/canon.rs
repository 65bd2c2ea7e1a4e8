//! Canonical URLs: the same page reached through tracking parameters, another case of host
//! or a fragment is one URL.

use url::Url;

/// Query parameters that only say how a reader arrived.
fn is_tracking(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || matches!(
            n.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "mc_cid"
                | "mc_eid"
                | "ocid"
                | "cmpid"
                | "smid"
                | "ref"
                | "ref_src"
                | "rss"
                | "at_medium"
                | "at_campaign"
                | "__twitter_impression"
        )
}

/// `url` without fragment, tracking parameters or a trailing `?`; scheme and host lower
/// case (as the URL standard parses them). `None` when it is not an absolute http(s) URL.
pub fn canonical_url(url: &str) -> Option<String> {
    let mut u = Url::parse(url.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return None;
    }
    u.set_fragment(None);
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(u.to_string())
}

/// `href` resolved against `base`, canonical.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    let base = Url::parse(base).ok()?;
    canonical_url(base.join(href.trim()).ok()?.as_str())
}

/// The host of an http(s) URL, for politeness (one request at a time per host).
pub fn host(url: &str) -> Option<String> {
    Url::parse(url)
        .ok()?
        .host_str()
        .map(str::to_ascii_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_and_fragments_go_the_rest_stays() {
        assert_eq!(
            canonical_url("HTTPS://Example.ORG/a/b?utm_source=rss&id=3&fbclid=x#top").as_deref(),
            Some("https://example.org/a/b?id=3")
        );
        assert_eq!(
            canonical_url("https://example.org/a?utm_medium=x").as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(canonical_url("ftp://example.org/a"), None);
        assert_eq!(canonical_url("not a url"), None);
        assert_eq!(
            resolve("https://example.org/news/", "../story?x=1").as_deref(),
            Some("https://example.org/story?x=1")
        );
    }
}
