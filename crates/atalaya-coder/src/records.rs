//! Coded events as store events: stable ids from the report's content, the report as
//! source and origin, so `code --store` and the server's `POST /code` store the same thing.

use atalaya_core::{DatePrecision, Event, Measures, Origin, Source};

use crate::CodedEvent;

/// The `origin.format` of coded events.
pub const NEWS_FORMAT: &str = "news";

/// A key for a report's text (FNV-1a, 64 bit, hex): the same text always gets the same
/// event ids, so storing a report twice changes nothing, whatever name it is given.
pub fn report_key(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The `n`-th event coded from the report `doc` (a file name or batch id) with key `key`.
pub fn to_event(e: &CodedEvent, doc: &str, key: &str, n: usize, published: &str) -> Event {
    Event {
        id: format!("{NEWS_FORMAT}:{key}:{n}"),
        kind: e.kind,
        date: e.date.clone(),
        // A null day ("last week") is stored without a date: it counts in no period.
        date_precision: DatePrecision::Day,
        state: e.state.clone(),
        municipality: e.municipality.clone(),
        lat: None,
        lon: None,
        geo_precision: None,
        actors: e.actors.clone(),
        measures: Measures(e.measures.clone()),
        sources: vec![Source {
            doc: doc.to_string(),
            quote: e.quote.clone(),
            span: Some([e.span.0, e.span.1]),
        }],
        origin: Origin {
            format: NEWS_FORMAT.to_string(),
            file: doc.to_string(),
            row: n as u64,
            source_id: key.to_string(),
        },
        tags: vec![format!("published:{published}")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{code, Lang};
    use chrono::NaiveDate;

    #[test]
    fn ids_depend_on_the_text_not_the_name() {
        let text = "Gunmen killed four police officers in Culiacán, Sinaloa, on Monday.";
        let published = NaiveDate::from_ymd_opt(2024, 9, 10).unwrap();
        let coded = code(text, published, Lang::En);
        assert!(!coded.events.is_empty());
        let key = report_key(text);
        assert_eq!(key, report_key(text));
        assert_ne!(key, report_key("another text"));
        let a = to_event(&coded.events[0], "a.txt", &key, 0, "2024-09-10");
        let b = to_event(&coded.events[0], "b.txt", &key, 0, "2024-09-10");
        assert_eq!(a.id, b.id);
        assert_eq!(a.sources[0].doc, "a.txt");
        assert_eq!(a.origin.format, "news");
        assert_eq!(a.sources[0].quote, coded.events[0].quote);
    }
}
