//! Query parameters, checked before the store sees them: each mistake is a 400 naming the
//! parameter and the value.

use atalaya_core::period::{parse_date, PeriodKind};
use atalaya_core::Review;
use atalaya_core::{gazetteer, EventKind};
use atalaya_store::query::{By, EventFilter, EventKey, Measure, ReviewFilter, SeriesQuery};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::error::ApiError;

/// Events per page unless `limit` says otherwise, and the most one page may hold.
pub const DEFAULT_LIMIT: u64 = 100;
pub const MAX_LIMIT: u64 = 1000;
/// Dates outside these years are mistakes, and would make zero-filled series enormous.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsParams {
    pub state: Option<String>,
    pub kind: Option<String>,
    pub actor: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
    /// all (the default), counted, pending, accepted or rejected.
    pub review: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesParams {
    pub period: Option<String>,
    pub by: Option<String>,
    pub measure: Option<String>,
    pub state: Option<String>,
    pub kind: Option<String>,
    pub actor: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

fn non_empty<'a>(name: &str, v: &'a Option<String>) -> Result<Option<&'a str>, ApiError> {
    match v.as_deref() {
        Some(s) if s.trim().is_empty() => Err(ApiError::bad(format!("{name}: empty value"))),
        other => Ok(other),
    }
}

pub fn state(v: &Option<String>) -> Result<Option<String>, ApiError> {
    non_empty("state", v)?
        .map(|s| {
            gazetteer::state_by_name(s)
                .map(|st| st.code.to_string())
                .ok_or_else(|| {
                    ApiError::bad(format!(
                        "state: {s:?} is not a Mexican state (use an INEGI code 01–32 or a name)"
                    ))
                })
        })
        .transpose()
}

fn kind(v: &Option<String>) -> Result<Option<EventKind>, ApiError> {
    non_empty("kind", v)?
        .map(|k| {
            k.parse::<EventKind>()
                .map_err(|m| ApiError::bad(format!("kind: {m}")))
        })
        .transpose()
}

fn date(name: &str, v: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    non_empty(name, v)?
        .map(|s| {
            let d = parse_date(s).map_err(|m| ApiError::bad(format!("{name}: {m}")))?;
            if !(FIRST_YEAR..=LAST_YEAR).contains(&d.year()) {
                return Err(ApiError::bad(format!(
                    "{name}: {s} is outside the years {FIRST_YEAR}–{LAST_YEAR}"
                )));
            }
            Ok(d)
        })
        .transpose()
}

pub(crate) fn range(
    from: &Option<String>,
    to: &Option<String>,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), ApiError> {
    let (f, t) = (date("from", from)?, date("to", to)?);
    if let (Some(a), Some(b)) = (f, t) {
        if a > b {
            return Err(ApiError::bad(format!(
                "from {a} is after to {b}: the range is reversed"
            )));
        }
    }
    Ok((f, t))
}

fn actor(v: &Option<String>) -> Result<Option<String>, ApiError> {
    Ok(non_empty("actor", v)?.map(str::to_string))
}

pub struct EventsQuery {
    pub filter: EventFilter,
    pub after: Option<EventKey>,
    pub limit: u64,
}

pub fn events(p: &EventsParams) -> Result<EventsQuery, ApiError> {
    let limit = match non_empty("limit", &p.limit)? {
        None => DEFAULT_LIMIT,
        Some(s) => {
            let n: u64 = s
                .trim()
                .parse()
                .map_err(|_| ApiError::bad(format!("limit: {s:?} is not a whole number")))?;
            if n == 0 || n > MAX_LIMIT {
                return Err(ApiError::bad(format!(
                    "limit: {n} is out of range; ask for 1 to {MAX_LIMIT} events per page and follow next_cursor"
                )));
            }
            n
        }
    };
    let (from, to) = range(&p.from, &p.to)?;
    let after = non_empty("cursor", &p.cursor)?
        .map(decode_cursor)
        .transpose()?;
    Ok(EventsQuery {
        filter: EventFilter {
            state: state(&p.state)?,
            kind: kind(&p.kind)?,
            actor: actor(&p.actor)?,
            from,
            to,
            // One more than the page tells whether another page follows.
            limit: Some(limit + 1),
            review: review(&p.review)?,
        },
        after,
        limit,
    })
}

/// `review`: all (the default), counted (what series and maps count), pending, accepted or
/// rejected.
pub fn review(v: &Option<String>) -> Result<ReviewFilter, ApiError> {
    Ok(match non_empty("review", v)? {
        None | Some("all") => ReviewFilter::All,
        Some("counted") => ReviewFilter::Counted,
        Some(other) => ReviewFilter::Only(
            other
                .parse::<Review>()
                .map_err(|m| ApiError::bad(format!("review: {m}, or all, or counted")))?,
        ),
    })
}

/// `measure`: events (the default), fatalities, or an imported official series.
pub fn measure(v: &Option<String>) -> Result<Measure, ApiError> {
    Ok(match non_empty("measure", v)? {
        None | Some("events") => Measure::Events,
        Some("fatalities") => Measure::Fatalities,
        Some(other) => Measure::Indicator(other.to_string()),
    })
}

/// `period`: week or month; `None` when not given.
pub fn period(v: &Option<String>) -> Result<Option<PeriodKind>, ApiError> {
    match non_empty("period", v)? {
        None => Ok(None),
        Some("week") => Ok(Some(PeriodKind::Week)),
        Some("month") => Ok(Some(PeriodKind::Month)),
        Some(other) => Err(ApiError::bad(format!(
            "period: {other:?} is not week or month"
        ))),
    }
}

/// `period` for a study of `m`: official series are monthly, events default to weeks.
pub fn period_for(v: &Option<String>, m: &Measure) -> Result<PeriodKind, ApiError> {
    Ok(period(v)?.unwrap_or(match m {
        Measure::Indicator(_) => PeriodKind::Month,
        _ => PeriodKind::Week,
    }))
}

pub fn series(p: &SeriesParams) -> Result<SeriesQuery, ApiError> {
    let period =
        period(&p.period)?.ok_or_else(|| ApiError::bad("period: required (week or month)"))?;
    let by = match non_empty("by", &p.by)? {
        None => None,
        Some("state") => Some(By::State),
        Some("kind") => Some(By::Kind),
        Some("actor") => Some(By::Actor),
        Some(other) => {
            return Err(ApiError::bad(format!(
                "by: {other:?} is not state, kind or actor"
            )))
        }
    };
    let measure = measure(&p.measure)?;
    let (from, to) = range(&p.from, &p.to)?;
    Ok(SeriesQuery {
        period,
        by,
        measure,
        state: state(&p.state)?,
        kind: kind(&p.kind)?,
        actor: actor(&p.actor)?,
        from,
        to,
    })
}

/// A cursor is the hex of "DATE|ID" for the last event of a page: opaque to clients, and
/// checked on the way back in.
pub fn encode_cursor(k: &EventKey) -> String {
    let date = k.date.map(|d| d.to_string()).unwrap_or_default();
    format!("{date}|{}", k.id)
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn decode_cursor(s: &str) -> Result<EventKey, ApiError> {
    let bad = || ApiError::bad("cursor: not a cursor this API returned (use next_cursor as given)");
    if !s.len().is_multiple_of(2) || s.len() > 1024 {
        return Err(bad());
    }
    let bytes: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2).ok_or_else(bad)?, 16).map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (date, id) = text.split_once('|').ok_or_else(bad)?;
    let date = if date.is_empty() {
        None
    } else {
        Some(parse_date(date).map_err(|_| bad())?)
    };
    if id.is_empty() {
        return Err(bad());
    }
    Ok(EventKey {
        date,
        id: id.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_tampering() {
        for k in [
            EventKey {
                date: Some("2024-07-25".parse().unwrap()),
                id: "ucdp:442846".into(),
            },
            EventKey {
                date: None,
                id: "acled:MEX|1".into(),
            },
        ] {
            assert_eq!(decode_cursor(&encode_cursor(&k)).unwrap(), k);
        }
        for bad in ["zz", "abc", "7c", "323032342d31332d30317c61"] {
            assert!(decode_cursor(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn limits_and_ranges_are_checked() {
        let p = |limit: &str| EventsParams {
            limit: Some(limit.into()),
            ..EventsParams::default()
        };
        assert_eq!(events(&p("5")).unwrap().limit, 5);
        for bad in ["0", "1001", "-1", "many", "99999999999999999999999"] {
            let e = events(&p(bad)).err().unwrap();
            assert!(e.message.starts_with("limit:"), "{}", e.message);
        }
        let reversed = EventsParams {
            from: Some("2024-05-01".into()),
            to: Some("2024-01-01".into()),
            ..EventsParams::default()
        };
        assert!(events(&reversed)
            .err()
            .unwrap()
            .message
            .contains("reversed"));
        let ancient = SeriesParams {
            period: Some("week".into()),
            from: Some("0001-01-01".into()),
            ..SeriesParams::default()
        };
        assert!(series(&ancient).err().unwrap().message.starts_with("from:"));
    }
}
