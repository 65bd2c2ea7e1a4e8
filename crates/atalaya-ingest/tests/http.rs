//! Ingest from a test HTTP server on 127.0.0.1: an RSS feed and an Atom feed of English and
//! Spanish pages written for the test — one with menus and a comment section around the
//! article, one in Latin-1, the same story under two URLs — plus a 404 item, an item that
//! times out and a malformed feed. Failures are reported per item and the run goes on; a
//! second run stores nothing new; requests carry Atalaya's User-Agent, one at a time.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use atalaya_core::Review;
use atalaya_ingest::{run, Options};
use atalaya_store::query::{EventFilter, ReviewFilter};
use atalaya_store::Store;
use chrono::NaiveDate;

const MENU: &str = r#"<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/sports">Sports</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>"#;

/// A page: menus, the article, a comment section and a footer around it.
fn page(lang: &str, title: &str, paragraphs: &[&str], extra_head: &str, comments: &str) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Diario de Prueba</title>{extra_head}</head>
<body>{MENU}
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Football scores of the week</a></li><li><a href="/y">Recipes for the weekend</a></li></ul></aside>
<main><article><h1>{title}</h1>
{body}</article></main>
<section id="comments" class="comments"><h3>Comments</h3>{comments}</section>
<footer class="footer"><p>© Diario de Prueba. All rights reserved. Contact, privacy, advertising.</p></footer>
</body></html>"#
    )
}

fn pages() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let en = page(
        "en",
        "Four police officers killed in Culiacán ambush",
        &[
            "CULIACÁN, Mexico — Gunmen killed four police officers in Culiacán, Sinaloa, on Monday, state authorities said, in the latest attack on security forces in the state.",
            "The officers were patrolling a main avenue when they were ambushed by men in two pickup trucks, the state security ministry said in a statement released in the evening.",
            "No arrests had been made by Tuesday, and the state prosecutor said an investigation had been opened into the killings.",
        ],
        r#"<meta property="article:published_time" content="2024-09-10T08:00:00-06:00">"#,
        "<div class=\"comment\"><p>Reader: last year gunmen killed nine soldiers in Tijuana, Baja California, and nothing happened.</p></div>",
    );
    let es = page(
        "es",
        "Asesinan a tres personas en Uruapan",
        &[
            "URUAPAN, Michoacán.— Hombres armados asesinaron a tres personas en Uruapan, Michoacán, el sábado, informó la fiscalía estatal en un comunicado.",
            "Las víctimas se encontraban en un domicilio de la colonia centro cuando fueron atacadas, según la fiscalía, que abrió una carpeta de investigación.",
        ],
        "",
        "",
    );
    let latin1_html = page(
        "es",
        "Enfrentamiento en Apatzingán deja seis muertos",
        &[
            "APATZINGÁN, Michoacán.— Un enfrentamiento entre el Ejército y presuntos integrantes del CJNG dejó seis muertos en Apatzingán, Michoacán, el viernes, informó la Secretaría de la Defensa Nacional.",
            "Los militares fueron agredidos cuando realizaban un patrullaje en la región de Tierra Caliente, según el comunicado oficial difundido por la tarde.",
        ],
        "",
        "",
    )
    .replace(r#"<meta charset="utf-8">"#, "");
    let (latin1, _, bad) = encoding_rs::WINDOWS_1252.encode(&latin1_html);
    assert!(!bad);
    let story = [
        "GUADALAJARA, Jalisco.— Members of the CJNG set fire to 12 vehicles to block roads in Guadalajara, Jalisco, on Tuesday after the arrest of a local leader, state officials said.",
        "Blockades were reported on at least six avenues of the metropolitan area during the morning, and public transport was suspended for several hours.",
    ];
    let a = page(
        "en",
        "Blockades in Guadalajara after arrest",
        &story,
        "",
        "",
    );
    let b = page(
        "en",
        "Blockades in Guadalajara after arrest",
        &story,
        "",
        "<p>Another reader: terrible.</p>",
    );
    vec![
        (
            "/news/culiacan.html",
            "text/html; charset=utf-8",
            en.into_bytes(),
        ),
        (
            "/noticias/uruapan.html",
            "text/html; charset=utf-8",
            es.into_bytes(),
        ),
        (
            "/noticias/apatzingan.html",
            "text/html; charset=ISO-8859-1",
            latin1.into_owned(),
        ),
        (
            "/news/blockades.html",
            "text/html; charset=utf-8",
            a.into_bytes(),
        ),
        (
            "/mirror/blockades-amp.html",
            "text/html; charset=utf-8",
            b.into_bytes(),
        ),
    ]
}

fn rss(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Diario de Prueba</title><link>{base}/</link><description>Test</description>
<item><title>Four police officers killed in Culiacán ambush</title><link>{base}/news/culiacan.html?utm_source=rss</link><pubDate>Tue, 10 Sep 2024 08:00:00 -0600</pubDate></item>
<item><title>Asesinan a tres personas en Uruapan</title><link>{base}/noticias/uruapan.html</link><pubDate>Sun, 15 Sep 2024 10:00:00 -0600</pubDate></item>
<item><title>A page that is gone</title><link>{base}/news/gone.html</link><pubDate>Sun, 15 Sep 2024 11:00:00 -0600</pubDate></item>
<item><title>A page that never answers</title><link>{base}/slow.html</link><pubDate>Sun, 15 Sep 2024 12:00:00 -0600</pubDate></item>
</channel></rss>"#
    )
}

fn atom(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Noticias de Prueba</title><id>urn:test</id><updated>2024-09-20T00:00:00Z</updated>
<entry><title>Enfrentamiento en Apatzingán deja seis muertos</title><id>urn:1</id><link rel="alternate" href="{base}/noticias/apatzingan.html"/><updated>2024-09-14T09:00:00-06:00</updated></entry>
<entry><title>Blockades in Guadalajara after arrest</title><id>urn:2</id><link rel="alternate" href="{base}/news/blockades.html"/><updated>2024-09-17T09:00:00-06:00</updated></entry>
<entry><title>Blockades in Guadalajara after arrest (mobile)</title><id>urn:3</id><link rel="alternate" href="{base}/mirror/blockades-amp.html"/><updated>2024-09-17T09:05:00-06:00</updated></entry>
</feed>"#
    )
}

struct Server {
    base: String,
    in_flight: Arc<AtomicUsize>,
    most_at_once: Arc<AtomicUsize>,
    agents: Arc<Mutex<Vec<String>>>,
}

/// Serves the feeds and pages on 127.0.0.1 until the test process ends.
fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let in_flight = Arc::new(AtomicUsize::new(0));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let agents = Arc::new(Mutex::new(Vec::new()));
    let mut routes: Vec<(String, String, Vec<u8>)> = pages()
        .into_iter()
        .map(|(p, ct, b)| (p.to_string(), ct.to_string(), b))
        .collect();
    routes.push((
        "/rss.xml".into(),
        "application/rss+xml".into(),
        rss(&base).into_bytes(),
    ));
    routes.push((
        "/atom.xml".into(),
        "application/atom+xml".into(),
        atom(&base).into_bytes(),
    ));
    routes.push((
        "/broken.xml".into(),
        "application/rss+xml".into(),
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>cut".to_vec(),
    ));
    let routes = Arc::new(routes);
    let (f, m, a) = (in_flight.clone(), most_at_once.clone(), agents.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let (routes, f, m, a) = (routes.clone(), f.clone(), m.clone(), a.clone());
            std::thread::spawn(move || {
                let now = f.fetch_add(1, Ordering::SeqCst) + 1;
                m.fetch_max(now, Ordering::SeqCst);
                // `answer` ends the count before it responds: the client may ask again as
                // soon as it has the response.
                if answer(stream, &routes, &a, &f).is_err() {
                    f.fetch_sub(1, Ordering::SeqCst);
                }
            });
        }
    });
    Server {
        base,
        in_flight,
        most_at_once,
        agents,
    }
}

fn answer(
    mut s: TcpStream,
    routes: &[(String, String, Vec<u8>)],
    agents: &Mutex<Vec<String>>,
    in_flight: &AtomicUsize,
) -> std::io::Result<()> {
    let mut r = BufReader::new(s.try_clone()?);
    let mut line = String::new();
    r.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some(v) = h
            .strip_prefix("user-agent:")
            .or_else(|| h.strip_prefix("User-Agent:"))
        {
            agents.lock().unwrap().push(v.trim().to_string());
        }
    }
    let path = path.split('?').next().unwrap_or("/");
    if path == "/slow.html" {
        // Longer than the client's timeout (1 s). The count ends well before the client
        // gives up, so its next request never overlaps this one in the count; a request
        // sent while this one is young still would.
        std::thread::sleep(Duration::from_millis(500));
        in_flight.fetch_sub(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(3500));
    } else {
        in_flight.fetch_sub(1, Ordering::SeqCst);
    }
    match routes.iter().find(|(p, _, _)| p == path) {
        Some((_, ct, body)) => {
            write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            s.write_all(body)?;
        }
        None => {
            let body = b"<html><body><h1>Not found</h1></body></html>";
            write!(
                s,
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            s.write_all(body)?;
        }
    }
    s.flush()
}

fn options() -> Options {
    Options {
        timeout: Duration::from_secs(1),
        pause: Duration::from_millis(20),
        today: NaiveDate::from_ymd_opt(2024, 9, 20).unwrap(),
        ..Options::default()
    }
}

#[test]
fn feeds_from_a_test_server_are_ingested_once_with_failures_per_item() {
    let srv = serve();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("i.db")).unwrap();
    let sources = vec![
        format!("{}/rss.xml", srv.base),
        format!("{}/atom.xml", srv.base),
        format!("{}/broken.xml", srv.base),
    ];
    let sum = run(&mut store, &sources, &options(), &mut |_, _| {}).unwrap();
    let failed: Vec<(String, String)> = sum
        .failures
        .iter()
        .map(|f| (f.item.clone(), f.error.clone()))
        .collect();
    assert_eq!(sum.articles_new, 4, "{sum:?}");
    assert_eq!(
        sum.articles_seen, 1,
        "the mirror of the blockades story: {sum:?}"
    );
    assert_eq!(sum.failed, 3, "{failed:?}");
    let find = |needle: &str| {
        failed
            .iter()
            .find(|(i, _)| i.contains(needle))
            .unwrap_or_else(|| panic!("no failure for {needle}: {failed:?}"))
            .1
            .clone()
    };
    assert!(find("gone.html").contains("404"), "{failed:?}");
    assert!(find("slow.html").contains("timed out"), "{failed:?}");
    assert!(
        find("broken.xml").contains("not an RSS or Atom feed"),
        "{failed:?}"
    );
    assert!(sum.events >= 4, "{sum:?}");

    // Politeness: one request at a time to the one host, each naming Atalaya.
    assert_eq!(srv.most_at_once.load(Ordering::SeqCst), 1);
    let agents = srv.agents.lock().unwrap().clone();
    assert!(!agents.is_empty());
    assert!(
        agents.iter().all(|a| a.starts_with("Atalaya/")),
        "{agents:?}"
    );

    // Every coded event waits for review; none counts yet.
    let all = store
        .events(&EventFilter {
            review: ReviewFilter::All,
            ..EventFilter::default()
        })
        .unwrap();
    assert!(store.review_queue(Review::Pending, None).unwrap().len() == all.len());
    let counted: i64 = store
        .connection()
        .query_row("SELECT coalesce(sum(events), 0) FROM agg_state", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(counted, 0);
    let states: Vec<&str> = all.iter().filter_map(|e| e.state.as_deref()).collect();
    assert!(states.contains(&"25"), "Culiacán: {states:?}");
    assert!(states.contains(&"16"), "Uruapan and Apatzingán: {states:?}");
    assert!(states.contains(&"14"), "Guadalajara: {states:?}");
    // The reader's comment about Tijuana is not part of the article.
    assert!(!states.contains(&"02"), "a comment was coded: {all:?}");

    // The Latin-1 page was read as Spanish text with its accents.
    let key = |title: &str| -> i64 {
        store
            .connection()
            .query_row("SELECT id FROM articles WHERE title = ?1", [title], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let apatz = store
        .article(key("Enfrentamiento en Apatzingán deja seis muertos"))
        .unwrap()
        .unwrap();
    assert!(
        apatz.text.contains("APATZINGÁN, Michoacán"),
        "{}",
        apatz.text
    );
    assert_eq!(
        (apatz.lang.as_str(), apatz.published.as_str()),
        ("es", "2024-09-14")
    );
    // The article's text has no menu, sidebar, comments or footer.
    let culiacan = store
        .article(key("Four police officers killed in Culiacán ambush"))
        .unwrap()
        .unwrap();
    for junk in [
        "Politics",
        "Football scores",
        "Tijuana",
        "All rights reserved",
    ] {
        assert!(
            !culiacan.text.contains(junk),
            "{junk:?} in {}",
            culiacan.text
        );
    }
    assert!(culiacan
        .text
        .contains("CULIACÁN, Mexico — Gunmen killed four police officers"));
    assert_eq!(culiacan.lang, "en");
    assert_eq!(
        culiacan.url.as_deref(),
        Some(format!("{}/news/culiacan.html", srv.base).as_str())
    );
    // The same story under two URLs: one article with both.
    let blockades = store
        .article(key("Blockades in Guadalajara after arrest"))
        .unwrap()
        .unwrap();
    assert_eq!(blockades.urls.len(), 2, "{:?}", blockades.urls);

    // A second run stores nothing new and fetches no known page again.
    let requests_before = srv.agents.lock().unwrap().len();
    let again = run(&mut store, &sources, &options(), &mut |_, _| {}).unwrap();
    assert_eq!((again.articles_new, again.events), (0, 0), "{again:?}");
    assert_eq!(again.articles_seen, 5, "{again:?}");
    assert_eq!(again.failed, 3, "{again:?}");
    let requests = srv.agents.lock().unwrap().len() - requests_before;
    // The three feeds and the two failing items only.
    assert_eq!(requests, 5);
    let articles: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(articles, 4);
    assert_eq!(srv.in_flight.load(Ordering::SeqCst), 0);
}

#[test]
fn since_and_limit_choose_the_items() {
    let srv = serve();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    let sources = vec![format!("{}/rss.xml", srv.base)];
    let opts = Options {
        since: NaiveDate::from_ymd_opt(2024, 9, 12),
        limit: Some(1),
        ..options()
    };
    let sum = run(&mut store, &sources, &opts, &mut |_, _| {}).unwrap();
    // Culiacán (Sept 10) is older; of the rest only the first (Uruapan) is taken.
    assert_eq!(
        (sum.skipped, sum.articles_new, sum.failed),
        (1, 1, 0),
        "{sum:?}"
    );
}
