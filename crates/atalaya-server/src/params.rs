//! Query parameters, checked before the store sees them: each mistake is a 400 naming the
//! parameter and the value.

use atalaya_core::period::{parse_date, PeriodKind};
use atalaya_core::Review;
use atalaya_core::{gazetteer, EventKind};
use atalaya_store::query::{By, EventFilter, EventKey, Measure, ReviewFilter, SeriesQuery};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::openapi::{param, query, schema};

/// Events per page unless `limit` says otherwise, and the most one page may hold.
pub const DEFAULT_LIMIT: u64 = 100;
pub const MAX_LIMIT: u64 = 1000;
/// Dates outside these years are mistakes, and would make zero-filled series enormous.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;
/// Exactly the dates `date` accepts: real days of 1900–2100 (leap days in the leap years
/// only; 1900 and 2100 are not leap years), so a generated valid date is never refused.
pub const DATE_PATTERN: &str = concat!(
    "^(((19|20)[0-9]{2}|2100)-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)",
    "|(19(0[48]|[2468][048]|[13579][26])|20([02468][048]|[13579][26]))-02-29)$"
);

/// `GET /api/v1/events`.
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

impl IntoParams for EventsParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            param::state(),
            param::kind(),
            param::actor(),
            param::from(),
            param::to(),
            query(
                "limit",
                false,
                "Events per page",
                schema::count(1, MAX_LIMIT, DEFAULT_LIMIT),
            ),
            query(
                "cursor",
                false,
                "next_cursor of the previous page",
                schema::cursor(),
            ),
            query(
                "review",
                false,
                "By review status: pending, accepted or rejected news events; counted: imported rows \
                 and accepted news events (what series and maps count); all (the default)",
                schema::one_of(&["all", "counted", "pending", "accepted", "rejected"]),
            ),
        ]
    }
}

/// `GET /api/v1/series`.
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

/// A value that is present must not be empty (the document says `minLength: 1`). It is
/// otherwise taken as given: the document cannot say "not only spaces" in a way every
/// client agrees on, so a value of spaces is simply a value that matches nothing.
impl IntoParams for SeriesParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "period",
                true,
                "Count per ISO week or per month",
                schema::one_of(&["week", "month"]),
            ),
            query(
                "by",
                false,
                "One series per state (all 32), kind or actor; one total series without it",
                schema::one_of(&["state", "kind", "actor"]),
            ),
            param::measure(),
            param::state(),
            param::kind(),
            param::actor(),
            param::from(),
            param::to(),
        ]
    }
}

fn non_empty<'a>(name: &str, v: &'a Option<String>) -> Result<Option<&'a str>, ApiError> {
    match v.as_deref() {
        Some("") => Err(ApiError::bad(format!("{name}: empty value"))),
        other => Ok(other),
    }
}

/// `non_empty`, for parsers of their own.
pub fn non_empty_str<'a>(name: &str, v: &'a Option<String>) -> Result<Option<&'a str>, ApiError> {
    non_empty(name, v)
}

/// A state: its two-digit INEGI code or its name (`schema::state`).
pub fn state(v: &Option<String>) -> Result<Option<String>, ApiError> {
    non_empty("state", v)?
        .map(|s| {
            let bad = || {
                ApiError::bad(format!(
                    "state: {s:?} is not a Mexican state (use an INEGI code 01–32 or a name)"
                ))
            };
            // Codes are exactly two digits, as the document's pattern says ("1" is not one).
            if s.bytes().all(|b| b.is_ascii_digit()) && s.len() != 2 {
                return Err(bad());
            }
            gazetteer::state_by_name(s)
                .map(|st| st.code.to_string())
                .ok_or_else(bad)
        })
        .transpose()
}

fn kind(v: &Option<String>) -> Result<Option<EventKind>, ApiError> {
    non_empty("kind", v)?
        .map(|k| {
            EventKind::ALL
                .iter()
                .copied()
                .find(|e| e.as_str() == k)
                .ok_or_else(|| {
                    ApiError::bad(format!(
                        "kind: {k:?} is not an event kind ({})",
                        EventKind::ALL
                            .iter()
                            .map(|e| e.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
        })
        .transpose()
}

/// A date `YYYY-MM-DD` between 1900 and 2100, exactly as `DATE_PATTERN` says: dates outside
/// these years are mistakes, and would make zero-filled series enormous.
pub fn date(name: &str, v: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    non_empty(name, v)?
        .map(|s| {
            if s.trim() != s {
                return Err(ApiError::bad(format!(
                    "{name}: {s:?} is not a date (YYYY-MM-DD)"
                )));
            }
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

/// `from` and `to`. A reversed range is a range with nothing in it, not a mistake the
/// document could describe: it selects nothing.
fn range(
    from: &Option<String>,
    to: &Option<String>,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), ApiError> {
    Ok((date("from", from)?, date("to", to)?))
}

fn actor(v: &Option<String>) -> Result<Option<String>, ApiError> {
    Ok(non_empty("actor", v)?.map(|a| a.trim().to_string()))
}

/// A free-text value (`schema::text`): present means not empty; matched trimmed.
pub fn text(name: &str, v: &Option<String>) -> Result<Option<String>, ApiError> {
    Ok(non_empty(name, v)?.map(|a| a.trim().to_string()))
}

/// A whole number in `min..=max` written plainly (`schema::count`): digits only, no sign,
/// no leading zeros, no spaces.
pub fn count(
    name: &str,
    v: &Option<String>,
    default: u64,
    (min, max): (u64, u64),
) -> Result<u64, ApiError> {
    let Some(s) = non_empty(name, v)? else {
        return Ok(default);
    };
    let n: u64 = s
        .parse()
        .ok()
        .filter(|n: &u64| n.to_string() == s)
        .ok_or_else(|| ApiError::bad(format!("{name}: {s:?} is not a whole number")))?;
    if !(min..=max).contains(&n) {
        return Err(ApiError::bad(format!(
            "{name}: {n} is out of range ({min} to {max})"
        )));
    }
    Ok(n)
}

/// One of a fixed set of words (`schema::one_of`).
pub fn choice<'a>(
    name: &str,
    v: &'a Option<String>,
    allowed: &[&str],
) -> Result<Option<&'a str>, ApiError> {
    match non_empty(name, v)? {
        None => Ok(None),
        Some(s) if allowed.contains(&s) => Ok(Some(s)),
        Some(s) => Err(ApiError::bad(format!(
            "{name}: {s:?} is not {}",
            allowed.join(" or ")
        ))),
    }
}

pub struct EventsQuery {
    pub filter: EventFilter,
    pub after: Option<EventKey>,
    pub limit: u64,
}

pub fn events(p: &EventsParams) -> Result<EventsQuery, ApiError> {
    let limit = count("limit", &p.limit, DEFAULT_LIMIT, (1, MAX_LIMIT))?;
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
/// rejected; exactly these words (`schema::one_of`).
pub fn review(v: &Option<String>) -> Result<ReviewFilter, ApiError> {
    Ok(
        match choice(
            "review",
            v,
            &["all", "counted", "pending", "accepted", "rejected"],
        )? {
            None | Some("all") => ReviewFilter::All,
            Some("counted") => ReviewFilter::Counted,
            Some(other) => ReviewFilter::Only(
                other
                    .parse::<Review>()
                    .map_err(|m| ApiError::bad(format!("review: {m}, or all, or counted")))?,
            ),
        },
    )
}

/// `measure`: events (the default), fatalities, or an imported official series (an
/// unknown series is a 404 from the store layer, not a malformed request).
pub fn measure(v: &Option<String>) -> Result<Measure, ApiError> {
    Ok(match non_empty("measure", v)? {
        None | Some("events") => Measure::Events,
        Some("fatalities") => Measure::Fatalities,
        Some(other) => Measure::Indicator(other.to_string()),
    })
}

/// `period`: week or month; `None` when not given.
pub fn period(v: &Option<String>) -> Result<Option<PeriodKind>, ApiError> {
    Ok(match choice("period", v, &["week", "month"])? {
        None => None,
        Some("week") => Some(PeriodKind::Week),
        Some(_) => Some(PeriodKind::Month),
    })
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
    let by = match choice("by", &p.by, &["state", "kind", "actor"])? {
        None => None,
        Some("state") => Some(By::State),
        Some("kind") => Some(By::Kind),
        Some(_) => Some(By::Actor),
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
    // Malformed (not lowercase hex pairs, as the document's pattern says): 400. Well formed
    // but not a position this API hands out: 404, like any reference to nothing.
    if !s.len().is_multiple_of(2)
        || s.len() > MAX_CURSOR
        || !s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(ApiError::bad(
            "cursor: not a cursor this API returned (use next_cursor as given)",
        ));
    }
    let gone =
        || ApiError::not_found("cursor: no position this API returned (use next_cursor as given)");
    let bytes: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|_| gone()))
        .collect::<Result<_, _>>()?;
    let text = String::from_utf8(bytes).map_err(|_| gone())?;
    let (date, id) = text.split_once('|').ok_or_else(gone)?;
    let date = if date.is_empty() {
        None
    } else {
        Some(parse_date(date).map_err(|_| gone())?)
    };
    if id.is_empty() {
        return Err(gone());
    }
    Ok(EventKey {
        date,
        id: id.to_string(),
    })
}

/// The longest cursor accepted (hex of a date and an event id).
pub const MAX_CURSOR: usize = 1024;

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
        for bad in ["+5", "05", " 5", "5 ", "5.0"] {
            assert!(events(&p(bad)).is_err(), "{bad}");
        }
        let ancient = SeriesParams {
            period: Some("week".into()),
            from: Some("0001-01-01".into()),
            ..SeriesParams::default()
        };
        assert!(series(&ancient).err().unwrap().message.starts_with("from:"));
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;

    /// `DATE_PATTERN` and `date` agree on every day from 1899 to 2101 and on near misses.
    #[test]
    fn the_date_pattern_is_exactly_what_date_accepts() {
        // The pattern, checked without a regex engine: rebuild its verdict from its parts.
        let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let mut d = NaiveDate::from_ymd_opt(1899, 12, 25).unwrap();
        let end = NaiveDate::from_ymd_opt(2101, 1, 5).unwrap();
        while d <= end {
            let s = d.to_string();
            let ok = date("from", &Some(s.clone())).is_ok();
            assert_eq!(ok, (1900..=2100).contains(&d.year()), "{s}");
            d = d.succ_opt().unwrap();
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2100-02-29",
            "2024-02-30",
            "2024-04-31",
            "2024-13-01",
            "2024-1-01",
            " 2024-01-01",
        ] {
            assert!(date("from", &Some(bad.into())).is_err(), "{bad}");
        }
        assert!(leap(2000) && !leap(1900) && !leap(2100));
        assert!(DATE_PATTERN.contains("19(0[48]|[2468][048]|[13579][26])"));
    }
}
