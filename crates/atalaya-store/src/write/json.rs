//! The JSON columns of an event, written directly into one right-sized `String` each.
//! The bytes are exactly `serde_json::to_string`'s (the content hash covers them, and
//! stored rows must not change); going through serde cost an import several allocations
//! and a generic serializer per column per row. The tests compare both on awkward input.

use atalaya_core::{Measures, Source};

/// `serde_json::to_string` of a list of strings (actors, tags).
pub(super) fn strings(items: &[String]) -> String {
    let mut out = String::with_capacity(2 + items.iter().map(|s| s.len() + 3).sum::<usize>());
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(&mut out, s);
    }
    out.push(']');
    out
}

/// `serde_json::to_string` of an event's sources (`Source`'s derived form: `quote` left out
/// when empty, `span` when absent).
pub(super) fn sources(items: &[Source]) -> String {
    let len = items
        .iter()
        .map(|s| s.doc.len() + s.quote.len() + 48)
        .sum::<usize>();
    let mut out = String::with_capacity(2 + len);
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"doc\":");
        string(&mut out, &s.doc);
        if !s.quote.is_empty() {
            out.push_str(",\"quote\":");
            string(&mut out, &s.quote);
        }
        if let Some([a, b]) = s.span {
            out.push_str(",\"span\":[");
            unsigned(&mut out, a as u64);
            out.push(',');
            unsigned(&mut out, b as u64);
            out.push(']');
        }
        out.push('}');
    }
    out.push(']');
    out
}

/// `serde_json::to_string` of measures whose values are all whole numbers (as `Measures`
/// serialises them: integers); `None` when one is not, for serde to write.
pub(super) fn whole_measures(m: &Measures) -> Option<String> {
    let len = m.0.keys().map(|k| k.len() + 24).sum::<usize>();
    let mut out = String::with_capacity(2 + len);
    out.push('{');
    for (i, (k, &v)) in m.0.iter().enumerate() {
        // `Measures::serialize`'s test for an integer.
        if !(v.fract() == 0.0 && v.abs() < 9e15) {
            return None;
        }
        if i > 0 {
            out.push(',');
        }
        string(&mut out, k);
        out.push(':');
        let v = v as i64;
        if v < 0 {
            out.push('-');
        }
        unsigned(&mut out, v.unsigned_abs());
    }
    out.push('}');
    Some(out)
}

/// A JSON string literal with serde_json's escapes: `"` and `\`, the short forms of
/// five control characters, `\u00XX` (lowercase hex) for the other controls; everything
/// else, non-ASCII included, as it is.
fn string(out: &mut String, s: &str) {
    out.push('"');
    // Most text needs no escape: one pass without early exit (the compiler vectorises it)
    // tells, before the byte-by-byte loop below.
    let escapes = s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if !escapes {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0x08 => 'b',
            0x0c => 'f',
            0x00..=0x1f => 'u',
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices end on character boundaries.
        out.push_str(&s[start..i]);
        out.push('\\');
        out.push(short);
        if short == 'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

fn unsigned(out: &mut String, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut n = digits.len();
    loop {
        n -= 1;
        digits[n] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in &digits[n..] {
        out.push(d as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn awkward() -> Vec<String> {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("ñÁ€😀\u{7f}\u{2028}");
        vec![
            String::new(),
            all,
            "plain".into(),
            "a \"quoted\" back\\slash\nnew line".into(),
            "\u{1}\u{1f}x".into(),
        ]
    }

    #[test]
    fn strings_match_serde_json() {
        for n in 0..=3 {
            let items: Vec<String> = awkward().into_iter().take(n).collect();
            assert_eq!(strings(&items), serde_json::to_string(&items).unwrap());
        }
        let items = awkward();
        assert_eq!(strings(&items), serde_json::to_string(&items).unwrap());
    }

    #[test]
    fn sources_match_serde_json() {
        let texts = awkward();
        let mut items = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            items.push(Source {
                doc: t.clone(),
                quote: texts[(i + 1) % texts.len()].clone(),
                span: (i % 2 == 1).then_some([i, usize::MAX - i]),
            });
        }
        for n in 0..=items.len() {
            assert_eq!(
                sources(&items[..n]),
                serde_json::to_string(&items[..n]).unwrap()
            );
        }
    }

    #[test]
    fn measures_match_serde_json_or_are_left_to_it() {
        let mut m = Measures::default();
        assert_eq!(whole_measures(&m).unwrap(), "{}");
        for (k, v) in [
            ("fatalities", 0.0),
            ("injured", 12.0),
            ("odd \"key\"\n", -3.0),
            ("big", 8.9e15),
            ("negative_zero", -0.0),
            ("min", -8.99e15),
        ] {
            m.set(k, v);
            assert_eq!(
                whole_measures(&m).unwrap(),
                serde_json::to_string(&m).unwrap()
            );
        }
        for v in [1.5, 9e15, f64::NAN, f64::INFINITY] {
            let mut m = m.clone();
            m.set("x", v);
            assert_eq!(whole_measures(&m), None);
        }
    }

    #[test]
    fn unsigned_writes_every_digit() {
        for v in [0, 7, 10, 99, 12345, u64::MAX] {
            let mut s = String::new();
            unsigned(&mut s, v);
            assert_eq!(s, v.to_string());
        }
    }
}
