//! Articles: the news texts events are coded from, stored once per story. A story is known
//! by every canonical URL it was seen under and by a hash of its text with case and spacing
//! folded, so the same story under a second URL is one article with two URLs.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::hash::Fnv;
use crate::query::{row_to_event, ReviewedEvent, EVENT_COLUMNS};
use crate::write::Writer;
use crate::{Store, StoreError};

/// An article to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    /// The coder's key of `text`: its events are `news:KEY:N`.
    pub key: String,
    /// `content_hash(text)`.
    pub content_hash: String,
    /// Canonical URLs it was seen under, the preferred first; empty for a text without one.
    pub urls: Vec<String>,
    pub title: String,
    pub text: String,
    /// `en`, `es`, another ISO 639-1 code, or `auto` when unknown.
    pub lang: String,
    /// `YYYY-MM-DD`.
    pub published: String,
    /// The feed, folder or file it came from.
    pub source: String,
    /// The name its events cite as their source document.
    pub doc: String,
}

/// A stored article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: i64,
    pub key: String,
    pub url: Option<String>,
    pub urls: Vec<String>,
    pub title: String,
    pub text: String,
    pub lang: String,
    pub published: String,
    pub source: String,
    pub doc: String,
    pub stored_at: String,
}

/// An article in a list: without its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub title: String,
    pub url: Option<String>,
    pub published: String,
    pub lang: String,
    pub source: String,
    /// Its events still pending review.
    pub pending: u64,
    pub events: u64,
}

/// An article's events: its own, and those of its reports merged into another article's
/// event (`merged`: the report's own id and the event it is part of).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleEvents {
    pub events: Vec<ReviewedEvent>,
    pub merged: Vec<MergedInto>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergedInto {
    /// The id the report's event would have had.
    pub report_event: String,
    pub event: ReviewedEvent,
}

/// The hash by which the same story is recognised under another URL: FNV-1a 64 of the text
/// lower-cased with every run of white space made one space, as hex.
pub fn content_hash(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.chars().flat_map(char::to_lowercase));
    }
    let mut h = Fnv::default();
    h.write(folded.as_bytes());
    format!("{:016x}", h.finish() as u64)
}

/// What storing an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ArticleStored {
    pub id: i64,
    /// False: the story was stored before (by one of its URLs or its text); any new URL
    /// was added to it.
    pub new: bool,
}

/// The `uid` range of an article's events: `news:KEY:` up to `news:KEY;` (';' follows ':').
fn event_range(key: &str) -> (String, String) {
    (format!("news:{key}:"), format!("news:{key};"))
}

impl Writer<'_> {
    /// Stores an article unless the story is known by one of its URLs, its text or its key;
    /// a known story gains the URLs it did not have.
    pub fn store_article(&mut self, a: &NewArticle) -> Result<ArticleStored, StoreError> {
        self.end_bulk()?;
        let mut known: Option<i64> = None;
        for url in &a.urls {
            known = self
                .tx
                .prepare_cached("SELECT article FROM article_urls WHERE url = ?1")?
                .query_row([url], |r| r.get(0))
                .optional()?;
            if known.is_some() {
                break;
            }
        }
        if known.is_none() {
            known = self
                .tx
                .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1 OR key = ?2")?
                .query_row(params![a.content_hash, a.key], |r| r.get(0))
                .optional()?;
        }
        let (id, new) = match known {
            Some(id) => (id, false),
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO articles (key, content_hash, url, title, text, lang, published, source,
                            doc, stored_at, import_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?10)",
                    )?
                    .execute(params![
                        a.key,
                        a.content_hash,
                        a.urls.first(),
                        a.title,
                        a.text,
                        a.lang,
                        a.published,
                        a.source,
                        a.doc,
                        self.import_id()
                    ])?;
                (self.tx.last_insert_rowid(), true)
            }
        };
        for url in &a.urls {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO article_urls (url, article) VALUES (?1, ?2)",
                )?
                .execute(params![url, id])?;
        }
        Ok(ArticleStored { id, new })
    }
}

impl Store {
    /// The article stored under this canonical URL, if any.
    pub fn article_by_url(&self, url: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT article FROM article_urls WHERE url = ?1")?
            .query_row([url], |r| r.get(0))
            .optional()?)
    }

    /// The article with this content hash (`content_hash`), if any.
    pub fn article_by_hash(&self, hash: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?)
    }

    pub fn article(&self, id: i64) -> Result<Option<Article>, StoreError> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT id, key, url, title, text, lang, published, source, doc, stored_at
                 FROM articles WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(Article {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    url: r.get(2)?,
                    urls: Vec::new(),
                    title: r.get(3)?,
                    text: r.get(4)?,
                    lang: r.get(5)?,
                    published: r.get(6)?,
                    source: r.get(7)?,
                    doc: r.get(8)?,
                    stored_at: r.get(9)?,
                })
            })
            .optional()?;
        let Some(mut a) = row else { return Ok(None) };
        a.urls = self
            .conn
            .prepare_cached("SELECT url FROM article_urls WHERE article = ?1 ORDER BY url")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(Some(a))
    }

    /// The article whose events are `news:KEY:N`.
    pub fn article_by_key(&self, key: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// An article's events with their review status, in coding order, and the events its
    /// reports were merged into.
    pub fn article_events(&self, key: &str) -> Result<ArticleEvents, StoreError> {
        let (lo, hi) = event_range(key);
        let sql =
            format!("SELECT {EVENT_COLUMNS} FROM events WHERE uid >= ?1 AND uid < ?2 ORDER BY origin_row, uid");
        let mut events = Vec::new();
        {
            let mut st = self.conn.prepare_cached(&sql)?;
            let rows = st.query_map(params![lo, hi], row_to_event)?;
            let mut blocks = self.blocks.lock().unwrap_or_else(|p| p.into_inner());
            for r in rows {
                let stored = r?;
                let review = stored.review;
                events.push(ReviewedEvent {
                    event: stored.with_text(&self.conn, &mut blocks)?,
                    review,
                });
            }
        }
        let merges: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT absorbed_uid, target FROM merges
                 WHERE absorbed_uid >= ?1 AND absorbed_uid < ?2 AND undone_at IS NULL ORDER BY absorbed_uid",
            )?
            .query_map(params![lo, hi], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut merged = Vec::new();
        for (report_event, target) in merges {
            if let Some(event) = self.reviewed_event(&target)? {
                merged.push(MergedInto {
                    report_event,
                    event,
                });
            }
        }
        Ok(ArticleEvents { events, merged })
    }

    /// Articles with events, those with events pending review first (oldest first), then
    /// the reviewed ones (newest first); at most `limit`.
    pub fn articles_for_review(
        &self,
        pending_only: bool,
        limit: u64,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        // An event id is news:KEY:N; its article is the one with that key.
        let mut st = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.url, a.published, a.lang, a.source,
                    sum(e.review = 'pending'), count(*), min(e.id)
             FROM events e
             JOIN articles a ON a.key = substr(e.uid, 6, instr(substr(e.uid, 6), ':') - 1)
             WHERE e.review IS NOT NULL AND e.uid LIKE 'news:%'
             GROUP BY a.id
             HAVING ?1 = 0 OR sum(e.review = 'pending') > 0
             ORDER BY sum(e.review = 'pending') = 0, CASE WHEN sum(e.review = 'pending') > 0 THEN min(e.id) ELSE -a.id END
             LIMIT ?2",
        )?;
        let rows = st.query_map(
            params![pending_only as i64, limit.min(i64::MAX as u64) as i64],
            |r| {
                Ok(ArticleSummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    published: r.get(3)?,
                    lang: r.get(4)?,
                    source: r.get(5)?,
                    pending: r.get::<_, i64>(6)? as u64,
                    events: r.get::<_, i64>(7)? as u64,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Articles with at least one decision logged on their events (own or merged into)
    /// since `since` (`YYYY-MM-DD`; all when `None`), and none of their events pending: the
    /// reviewed articles `review export-gold` writes.
    pub fn reviewed_articles(&self, since: Option<&str>) -> Result<Vec<i64>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT a.id FROM review_log l
             JOIN articles a ON a.key = substr(l.event, 6, instr(substr(l.event, 6), ':') - 1)
             WHERE l.event LIKE 'news:%' AND (?1 IS NULL OR l.at >= ?1)
             UNION
             SELECT DISTINCT a.id FROM review_log l
             JOIN merges m ON m.target = l.event AND m.undone_at IS NULL
             JOIN articles a ON a.key = substr(m.absorbed_uid, 6, instr(substr(m.absorbed_uid, 6), ':') - 1)
             WHERE (?1 IS NULL OR l.at >= ?1)
             ORDER BY 1",
        )?;
        let ids: Vec<i64> = st
            .query_map(params![since], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for id in ids {
            let Some(a) = self.article(id)? else { continue };
            let ev = self.article_events(&a.key)?;
            let pending = ev
                .events
                .iter()
                .chain(ev.merged.iter().map(|m| &m.event))
                .any(|e| e.review == Some(atalaya_core::Review::Pending));
            if !pending {
                out.push(id);
            }
        }
        Ok(out)
    }
}

/// A reviewed article in the schema of the coder's gold files (`shared/eval/README.md`):
/// its events as the analysts accepted or edited them. Figures are not reviewed: they are
/// the coder's, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldDoc {
    pub id: String,
    pub lang: String,
    pub published: String,
    pub text: String,
    pub events: Vec<GoldEvent>,
    pub figures: Vec<GoldFigure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldEvent {
    pub kind: atalaya_core::EventKind,
    pub date: Option<String>,
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    pub actors: Vec<String>,
    pub measures: atalaya_core::Measures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldFigure {
    pub measure: String,
    pub value: f64,
    pub unit: String,
    pub scope: String,
}

impl Store {
    /// The gold document of a reviewed article (see `reviewed_articles`).
    pub fn gold_doc(&self, id: i64) -> Result<Option<GoldDoc>, StoreError> {
        let Some(a) = self.article(id)? else {
            return Ok(None);
        };
        let ev = self.article_events(&a.key)?;
        let mut seen = std::collections::BTreeSet::new();
        let mut events = Vec::new();
        for r in ev.events.iter().chain(ev.merged.iter().map(|m| &m.event)) {
            if r.review != Some(atalaya_core::Review::Accepted) || !seen.insert(&r.event.id) {
                continue;
            }
            let e = &r.event;
            events.push(GoldEvent {
                kind: e.kind,
                date: e.date.clone(),
                state: e.state.clone(),
                municipality: e.municipality.clone(),
                actors: e.actors.clone(),
                measures: e.measures.clone(),
            });
        }
        let figures = self
            .conn
            .prepare_cached(
                "SELECT f.measure, f.value, f.unit, f.scope FROM figure_sources s JOIN figures f ON f.id = s.figure
                 WHERE s.doc = ?1 AND s.published = ?2 ORDER BY s.span_start",
            )?
            .query_map(params![a.doc, a.published], |r| {
                Ok(GoldFigure {
                    measure: r.get(0)?,
                    value: r.get(1)?,
                    unit: r.get(2)?,
                    scope: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(GoldDoc {
            id: format!("article-{}", a.id),
            lang: a.lang,
            published: a.published,
            text: a.text,
            events,
            figures,
            url: a.url,
        }))
    }
}
