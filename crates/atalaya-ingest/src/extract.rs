//! A page's article: title, main text (dateline and body; no menus, ads or comments) by
//! Mozilla Readability's rules (`dom_smoothie`), publication date from the page's metadata,
//! its canonical URL and language attribute; and the decoding of a page's bytes.

use chrono::NaiveDate;
use dom_smoothie::{Config, Readability, TextMode};

/// What a page holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub title: String,
    /// Paragraphs separated by blank lines.
    pub text: String,
    pub published: Option<NaiveDate>,
    /// `<link rel=canonical>` or `og:url`, as written (resolve against the page's URL).
    pub canonical: Option<String>,
    /// The page's `lang` attribute.
    pub lang: Option<String>,
}

/// Shorter than this, a page's "article" is a stub, an index or an error page.
pub const MIN_TEXT_CHARS: usize = 80;

/// The article of an HTML page (`url`: its address, to resolve relative links).
pub fn article(html: &str, url: Option<&str>) -> Result<Extracted, String> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut r = Readability::new(html, url, Some(cfg)).map_err(|e| format!("not HTML: {e}"))?;
    // Read before `parse`, which rewrites the document.
    let canonical = r
        .doc
        .select(r#"link[rel="canonical"]"#)
        .attr("href")
        .or_else(|| r.doc.select(r#"meta[property="og:url"]"#).attr("content"))
        .map(|h| h.to_string())
        .filter(|h| !h.trim().is_empty());
    let time_attr = r
        .doc
        .select("time[datetime]")
        .attr("datetime")
        .map(|t| t.to_string());
    let a = r
        .parse()
        .map_err(|e| format!("no article text found ({e})"))?;
    let text = tidy(&a.text_content);
    let n = text.chars().count();
    if n < MIN_TEXT_CHARS {
        return Err(format!(
            "no article text found (only {n} characters of text)"
        ));
    }
    let published = a
        .published_time
        .as_deref()
        .and_then(parse_day)
        .or_else(|| time_attr.as_deref().and_then(parse_day));
    Ok(Extracted {
        title: a.title.trim().to_string(),
        text,
        published,
        canonical,
        lang: a.lang.filter(|l| !l.trim().is_empty()),
    })
}

/// Lines trimmed and their spaces collapsed; runs of blank lines made one.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        let mut first = true;
        for w in words {
            if !first {
                out.push(' ');
            }
            out.push_str(w);
            first = false;
        }
    }
    out
}

/// The day of an ISO date or time ("2024-09-10", "2024-09-10T08:00:00-06:00") or an RFC
/// 2822 time ("Tue, 10 Sep 2024 08:00:00 -0600"), in the writer's own offset.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(d);
        }
    }
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|t| t.date_naive())
}

/// A page's bytes as text: the charset its `Content-Type` names, else a byte-order mark,
/// else a `<meta charset>` near the top, else UTF-8 when the bytes are UTF-8, else
/// Windows-1252 (the web's default for undeclared pages, a superset of Latin-1).
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    use encoding_rs::Encoding;
    let declared = content_type
        .and_then(charset_param)
        .and_then(|c| Encoding::for_label(c.as_bytes()));
    let enc = declared
        .or_else(|| Encoding::for_bom(bytes).map(|(e, _)| e))
        .or_else(|| meta_charset(bytes).and_then(|c| Encoding::for_label(c.as_bytes())))
        .unwrap_or(if std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            encoding_rs::WINDOWS_1252
        });
    enc.decode(bytes).0.into_owned()
}

fn charset_param(ct: &str) -> Option<String> {
    ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

/// `charset=` in the first 2 KiB (a `<meta charset>` or `http-equiv` content type).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| String::from_utf8_lossy(&rest[..end]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_from_header_meta_or_bytes() {
        let latin1 = b"<p>Michoac\xe1n</p>";
        assert!(decode(latin1, Some("text/html; charset=ISO-8859-1")).contains("Michoacán"));
        assert!(decode(latin1, None).contains("Michoacán"));
        let meta = b"<meta charset=\"iso-8859-1\"><p>Le\xf3n</p>";
        assert!(decode(meta, Some("text/html")).contains("León"));
        assert!(decode("Culiacán".as_bytes(), None).contains("Culiacán"));
    }

    #[test]
    fn dates_in_the_usual_forms() {
        let d = NaiveDate::from_ymd_opt(2024, 9, 10).unwrap();
        assert_eq!(parse_day("2024-09-10T23:30:00-06:00"), Some(d));
        assert_eq!(parse_day("Tue, 10 Sep 2024 08:00:00 -0600"), Some(d));
        assert_eq!(parse_day("yesterday"), None);
    }

    #[test]
    fn tidy_keeps_paragraphs() {
        assert_eq!(tidy("  a   b \n\n\n  c\nd  "), "a b\n\nc\nd");
    }
}
