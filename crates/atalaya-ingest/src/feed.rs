//! RSS and Atom feeds: each item's link, title, date and, when the feed carries it, its
//! full content.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// The item's page (canonical), if it links one.
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Full HTML content carried in the feed (content:encoded, Atom content).
    pub content: Option<String>,
}

/// The items of an RSS 2.0/1.0 or Atom document; `base` resolves relative links.
pub fn parse(bytes: &[u8], base: Option<&str>) -> Result<Vec<FeedItem>, String> {
    let feed =
        feed_rs::parser::parse(bytes).map_err(|e| format!("not an RSS or Atom feed: {e}"))?;
    Ok(feed
        .entries
        .into_iter()
        .map(|e| {
            // Atom: the alternate link; RSS: its only link.
            let href = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| e.links.first())
                .map(|l| l.href.clone());
            let url = href.and_then(|h| match base {
                Some(b) => crate::canon::resolve(b, &h),
                None => crate::canon::canonical_url(&h),
            });
            FeedItem {
                url,
                title: e.title.map(|t| t.content.trim().to_string()),
                published: e.published.or(e.updated).map(|t| t.date_naive()),
                content: e
                    .content
                    .and_then(|c| c.body)
                    .filter(|b| !b.trim().is_empty()),
            }
        })
        .collect())
}
