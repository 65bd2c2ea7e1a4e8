//! The ingest run: sources (feeds by URL or file, folders and files of saved articles) →
//! items → articles (fetched, extracted, language detected, dated) → coded and stored once,
//! with their events pending review. A failed item is reported and the run goes on; every
//! article is stored whole with its events and figures, or not at all.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use atalaya_coder::records::{report_key, to_event};
use atalaya_core::period::iso_date;
use atalaya_store::articles::{content_hash, NewArticle};
use atalaya_store::news::{FigureReport, NEWS_FORMAT};
use atalaya_store::{Store, StoreError};
use chrono::NaiveDate;
use serde::Serialize;

use crate::extract::{self, Extracted};
use crate::feed;
use crate::fetch::Fetcher;

/// How a run behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Items published before this day are skipped.
    pub since: Option<NaiveDate>,
    /// At most this many items in all (stored, already seen or failed).
    pub limit: Option<u64>,
    /// Every HTTP request's time limit.
    pub timeout: Duration,
    /// The least time between two requests to one host.
    pub pause: Duration,
    /// Hosts fetched at once (each host still one request at a time).
    pub workers: usize,
    /// Articles per write transaction.
    pub batch: usize,
    /// The day used when neither the feed nor the page dates an item (tests fix it).
    pub today: NaiveDate,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            since: None,
            limit: None,
            timeout: Duration::from_secs(20),
            pause: Duration::from_millis(500),
            workers: 4,
            batch: 64,
            today: chrono::Local::now().date_naive(),
        }
    }
}

/// One item that failed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub item: String,
    pub error: String,
}

/// What a run did (`ingest --json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub articles_new: u64,
    pub articles_seen: u64,
    pub failed: u64,
    /// Events coded from the new articles and stored (new or merged into a stored incident).
    pub events: u64,
    /// Items skipped by `since`.
    pub skipped: u64,
    #[serde(skip)]
    pub failures: Vec<Failure>,
}

impl Summary {
    /// Nothing at all could be read: every source or item failed.
    pub fn nothing_read(&self) -> bool {
        self.articles_new + self.articles_seen + self.skipped == 0 && self.failed > 0
    }

    fn fail(&mut self, item: impl Into<String>, error: impl Into<String>) {
        self.failed += 1;
        self.failures.push(Failure {
            item: item.into(),
            error: error.into(),
        });
    }
}

/// Progress: items finished and items known so far.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// What an item holds before it is fetched or read.
#[derive(Debug, Clone)]
enum Content {
    /// A page to fetch.
    Fetch,
    /// An HTML file, or the content a feed carried.
    Html(String),
    /// A saved page or text on disk, read when its turn comes.
    File(PathBuf),
}

#[derive(Debug, Clone)]
struct Item {
    /// How failures name it: its URL or file.
    label: String,
    /// The feed, folder or file it came from.
    source: String,
    url: Option<String>,
    title: Option<String>,
    published: Option<NaiveDate>,
    content: Content,
}

/// An article ready to code.
struct Ready {
    label: String,
    source: String,
    urls: Vec<String>,
    title: String,
    body: String,
    lang: String,
    published: NaiveDate,
    /// `content_hash` of the body.
    hash: String,
}

/// Ingests `sources` into `store`.
pub fn run(
    store: &mut Store,
    sources: &[String],
    opts: &Options,
    progress: Progress,
) -> Result<Summary, StoreError> {
    let fetcher = Fetcher::new(opts.timeout, opts.pause);
    let mut sum = Summary::default();
    let mut items = Vec::new();
    for s in sources {
        match expand(&fetcher, s, opts) {
            Ok(mut found) => items.append(&mut found),
            Err(e) => sum.fail(s.clone(), e),
        }
    }
    // Dated items outside the window go before anything is fetched.
    items.retain(|it| {
        let keep = !matches!((opts.since, it.published), (Some(s), Some(p)) if p < s);
        if !keep {
            sum.skipped += 1;
        }
        keep
    });
    if let Some(n) = opts.limit {
        items.truncate(n as usize);
    }
    let total = items.len() as u64;
    let mut done = 0u64;
    progress(0, total);
    // An item URL listed twice (by two feeds) is fetched once.
    let mut seen_urls: HashSet<String> = HashSet::new();
    let mut batch: Vec<Ready> = Vec::new();
    // Items whose page is known need no fetch.
    let mut to_prepare = Vec::new();
    for it in items {
        if let Some(u) = &it.url {
            if seen_urls.contains(u) || store.article_by_url(u)?.is_some() {
                sum.articles_seen += 1;
                done += 1;
                progress(done, total);
                continue;
            }
            seen_urls.insert(u.clone());
        }
        to_prepare.push(it);
    }
    let handle = |res: Result<Ready, Failure>,
                  store: &mut Store,
                  sum: &mut Summary,
                  batch: &mut Vec<Ready>|
     -> Result<(), StoreError> {
        match res {
            Err(f) => sum.fail(f.item, f.error),
            Ok(r) if opts.since.is_some_and(|s| r.published < s) => sum.skipped += 1,
            Ok(r) => {
                // The same story under another URL: in this batch, or stored before.
                if let Some(b) = batch
                    .iter_mut()
                    .find(|b| b.hash == r.hash || r.urls.iter().any(|u| b.urls.contains(u)))
                {
                    sum.articles_seen += 1;
                    for u in r.urls {
                        push_new(&mut b.urls, u);
                    }
                    return Ok(());
                }
                let mut known = store.article_by_hash(&r.hash)?.is_some();
                for u in &r.urls {
                    known = known || store.article_by_url(u)?.is_some();
                }
                if known {
                    sum.articles_seen += 1;
                    add_urls(store, &r)?;
                } else {
                    batch.push(r);
                    if batch.len() >= opts.batch {
                        store_batch(store, std::mem::take(batch), sum)?;
                    }
                }
            }
        }
        Ok(())
    };
    let by_host = group_by_host(to_prepare);
    let workers = opts.workers.max(1).min(by_host.len().max(1));
    if by_host.len() <= 1 && by_host.first().is_none_or(|g| g.0.is_none()) {
        // Files, or nothing to fetch: one thread, in order.
        for (_, group) in by_host {
            for it in group {
                let r = prepare(&fetcher, it, opts);
                handle(r, store, &mut sum, &mut batch)?;
                done += 1;
                progress(done, total);
            }
        }
    } else {
        // Hosts in parallel, each host's items one after another (politeness).
        let (tx, rx) = mpsc::channel::<Result<Ready, Failure>>();
        let queue = std::sync::Mutex::new(by_host);
        std::thread::scope(|scope| -> Result<(), StoreError> {
            for _ in 0..workers {
                let tx = tx.clone();
                let queue = &queue;
                let fetcher = &fetcher;
                scope.spawn(move || loop {
                    let next = queue.lock().unwrap_or_else(|p| p.into_inner()).pop();
                    let Some((_, group)) = next else { break };
                    for it in group {
                        if tx.send(prepare(fetcher, it, opts)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(tx);
            for r in rx {
                handle(r, store, &mut sum, &mut batch)?;
                done += 1;
                progress(done, total);
            }
            Ok(())
        })?;
    }
    if !batch.is_empty() {
        store_batch(store, batch, &mut sum)?;
    }
    Ok(sum)
}

/// Remembers a known story's new URLs (one small transaction).
fn add_urls(store: &mut Store, r: &Ready) -> Result<(), StoreError> {
    if r.urls.is_empty() {
        return Ok(());
    }
    let mut w = store.writer(NEWS_FORMAT, &r.source)?;
    w.store_article(&article_of(r))?;
    w.commit()?;
    Ok(())
}

fn article_of(r: &Ready) -> NewArticle {
    let text = coded_text(r);
    NewArticle {
        key: report_key(&text),
        content_hash: r.hash.clone(),
        urls: r.urls.clone(),
        title: r.title.clone(),
        text,
        lang: r.lang.clone(),
        published: iso_date(r.published),
        source: r.source.clone(),
        doc: r.urls.first().cloned().unwrap_or_else(|| r.label.clone()),
    }
}

/// What the coder reads: the title, then the body.
fn coded_text(r: &Ready) -> String {
    if r.title.is_empty() || r.body.starts_with(&r.title) {
        r.body.clone()
    } else {
        format!("{}\n\n{}", r.title, r.body)
    }
}

/// Codes and stores articles in one transaction: each with its events and figures.
fn store_batch(store: &mut Store, batch: Vec<Ready>, sum: &mut Summary) -> Result<(), StoreError> {
    let source = batch[0].source.clone();
    let mut w = store.writer(NEWS_FORMAT, &source)?;
    let mut new = 0;
    let mut events = 0;
    let mut seen = 0;
    for r in &batch {
        let a = article_of(r);
        let stored = w.store_article(&a)?;
        if !stored.new {
            seen += 1;
            continue;
        }
        new += 1;
        let Some(lang) = crate::lang::coder_lang(&a.lang) else {
            // The coder reads English and Spanish only: the article is kept, uncoded.
            continue;
        };
        let coded = atalaya_coder::code(&a.text, r.published, lang);
        for (n, e) in coded.events.iter().enumerate() {
            let ev = to_event(e, &a.doc, &a.key, n, &a.published);
            let s = w.store_news_event(&ev)?;
            if matches!(s.action, "inserted" | "merged") {
                events += 1;
            }
        }
        for f in &coded.figures {
            w.store_figure(&FigureReport {
                measure: f.measure.clone(),
                value: f.value,
                unit: f.unit.clone(),
                scope: f.scope.clone(),
                period: f.period.clone(),
                doc: a.doc.clone(),
                published: a.published.clone(),
                quote: f.quote.clone(),
                span: [f.span.0, f.span.1],
            })?;
        }
    }
    w.commit()?;
    sum.articles_new += new;
    sum.articles_seen += seen;
    sum.events += events;
    Ok(())
}

/// Items grouped by host (files under `None`), in order.
fn group_by_host(items: Vec<Item>) -> Vec<(Option<String>, Vec<Item>)> {
    let mut groups: Vec<(Option<String>, Vec<Item>)> = Vec::new();
    for it in items {
        let host = match it.content {
            Content::Fetch => it.url.as_deref().and_then(crate::canon::host),
            _ => None,
        };
        match groups.iter_mut().find(|g| g.0 == host) {
            Some(g) => g.1.push(it),
            None => groups.push((host, vec![it])),
        }
    }
    // Workers pop from the end: the first host first.
    groups.reverse();
    groups
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// A source's items: a feed (URL or file) lists them; a folder holds saved articles; a
/// file is one saved article unless it is a feed.
fn expand(fetcher: &Fetcher, source: &str, opts: &Options) -> Result<Vec<Item>, String> {
    if is_url(source) {
        let page = fetcher.get(source)?;
        return feed_items(&page.bytes, source, Some(&page.url));
    }
    let path = Path::new(source);
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        let mut files = Vec::new();
        walk(path, &mut files).map_err(|e| format!("cannot list: {e}"))?;
        files.sort();
        return Ok(files
            .into_iter()
            .filter(|f| article_ext(f).is_some())
            .map(|f| file_item(&f, source))
            .collect());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if looks_like_feed(&bytes) {
        return feed_items(&bytes, source, None);
    }
    if article_ext(path).is_none() {
        return Err("not a feed, nor an .html, .txt or .json article".into());
    }
    let _ = opts;
    Ok(vec![file_item(path, source)])
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        if e.file_type()?.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

fn article_ext(p: &Path) -> Option<&'static str> {
    match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "html" | "htm" => Some("html"),
        "txt" => Some("txt"),
        "json" => Some("json"),
        _ => None,
    }
}

fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
}

fn file_item(path: &Path, source: &str) -> Item {
    Item {
        label: path.display().to_string(),
        source: source.to_string(),
        url: None,
        title: None,
        published: None,
        content: Content::File(path.to_path_buf()),
    }
}

fn feed_items(bytes: &[u8], source: &str, base: Option<&str>) -> Result<Vec<Item>, String> {
    let items = feed::parse(bytes, base)?;
    Ok(items
        .into_iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let label = f
                .url
                .clone()
                .unwrap_or_else(|| format!("{source} item {}", i + 1));
            let content = match (&f.url, f.content) {
                (Some(_), _) => Content::Fetch,
                (None, Some(html)) => Content::Html(html),
                (None, None) => return None,
            };
            Some(Item {
                label,
                source: source.to_string(),
                url: f.url,
                title: f.title,
                published: f.published,
                content,
            })
        })
        .collect())
}

/// Fetches or reads an item and extracts its article.
fn prepare(fetcher: &Fetcher, it: Item, opts: &Options) -> Result<Ready, Failure> {
    let fail = |e: String| Failure {
        item: it.label.clone(),
        error: e,
    };
    let mut urls: Vec<String> = it.url.iter().cloned().collect();
    let (ex, fallback_day) = match &it.content {
        Content::Fetch => {
            let url = it.url.as_deref().expect("a fetched item has a URL");
            let page = fetcher.get(url).map_err(fail)?;
            if let Some(ct) = &page.content_type {
                let ct = ct.to_ascii_lowercase();
                if !(ct.contains("html") || ct.starts_with("text/")) {
                    return Err(fail(format!("not an HTML page ({ct})")));
                }
            }
            if let Some(u) = crate::canon::canonical_url(&page.url) {
                push_new(&mut urls, u);
            }
            let html = extract::decode(&page.bytes, page.content_type.as_deref());
            (
                extract::article(&html, Some(&page.url)).map_err(fail)?,
                opts.today,
            )
        }
        Content::Html(html) => (
            extract::article(html, it.url.as_deref()).map_err(fail)?,
            opts.today,
        ),
        Content::File(p) => read_file(p, &mut urls).map_err(fail)?,
    };
    if let Some(c) = &ex.canonical {
        let base = urls.first().cloned();
        let canon = match base {
            Some(b) => crate::canon::resolve(&b, c),
            None => crate::canon::canonical_url(c),
        };
        if let Some(c) = canon {
            // The page's own canonical URL is the article's address.
            urls.retain(|u| u != &c);
            urls.insert(0, c);
        }
    }
    let title = it
        .title
        .clone()
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| ex.title.clone());
    let lang = crate::lang::detect(&ex.text, ex.lang.as_deref());
    Ok(Ready {
        label: it.label.clone(),
        source: it.source.clone(),
        urls,
        title,
        hash: content_hash(&ex.text),
        body: ex.text,
        lang,
        published: it.published.or(ex.published).unwrap_or(fallback_day),
    })
}

fn push_new(urls: &mut Vec<String>, u: String) {
    if !urls.contains(&u) {
        urls.push(u);
    }
}

/// A saved article: `.html` (extracted), `.txt` (first line the title), or `.json` with
/// `text`, `published` and `url` (and optionally `title`, `lang`). Undated files take the
/// day they were last modified.
fn read_file(p: &Path, urls: &mut Vec<String>) -> Result<(Extracted, NaiveDate), String> {
    let bytes = std::fs::read(p).map_err(|e| format!("cannot read: {e}"))?;
    let modified = std::fs::metadata(p)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match article_ext(p) {
        Some("html") => {
            let html = extract::decode(&bytes, None);
            Ok((extract::article(&html, None)?, modified))
        }
        Some("txt") => {
            let text = extract::decode(&bytes, None);
            let text = extract::tidy(&text);
            if text.chars().count() < extract::MIN_TEXT_CHARS {
                return Err("too short to be an article".into());
            }
            let title = text.lines().next().unwrap_or("").to_string();
            Ok((
                Extracted {
                    title,
                    text,
                    published: None,
                    canonical: None,
                    lang: None,
                },
                modified,
            ))
        }
        Some("json") => {
            #[derive(serde::Deserialize)]
            struct Saved {
                text: String,
                #[serde(default)]
                published: Option<String>,
                #[serde(default)]
                url: Option<String>,
                #[serde(default)]
                title: Option<String>,
                #[serde(default)]
                lang: Option<String>,
            }
            let s: Saved = serde_json::from_slice(&bytes).map_err(|e| {
                format!("not an article object {{\"text\",\"published\",\"url\"}}: {e}")
            })?;
            let published = match s.published.as_deref() {
                None => None,
                Some(d) => Some(
                    extract::parse_day(d)
                        .ok_or_else(|| format!("field published: {d:?} is not a date"))?,
                ),
            };
            if let Some(u) = s.url.as_deref() {
                let c = crate::canon::canonical_url(u)
                    .ok_or_else(|| format!("field url: {u:?} is not an http(s) URL"))?;
                push_new(urls, c);
            }
            let text = extract::tidy(&s.text);
            if text.chars().count() < extract::MIN_TEXT_CHARS {
                return Err("field text: too short to be an article".into());
            }
            Ok((
                Extracted {
                    title: s.title.unwrap_or_default(),
                    text,
                    published,
                    canonical: None,
                    lang: s.lang,
                },
                modified,
            ))
        }
        _ => Err("not an .html, .txt or .json article".into()),
    }
}
