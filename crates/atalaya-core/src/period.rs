//! Periods for series: ISO weeks (`2024-W09`) and months (`2024-09`).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Week,
    Month,
}

impl FromStr for PeriodKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "week" => Ok(PeriodKind::Week),
            "month" => Ok(PeriodKind::Month),
            o => Err(format!("unknown period {o:?} (expected week or month)")),
        }
    }
}

impl fmt::Display for PeriodKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
        })
    }
}

/// Parses `YYYY-MM-DD`, naming the offending text. Hand-rolled: imports parse millions of
/// dates and chrono's format-string parser dominated their profile.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("{s:?} is not a date (YYYY-MM-DD)");
    let b = s.trim().as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32)
        })
    };
    let (y, m, d) = (
        num(0..4).ok_or_else(bad)?,
        num(5..7).ok_or_else(bad)?,
        num(8..10).ok_or_else(bad)?,
    );
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(bad)
}

/// `YYYY-MM-DD`.
pub fn iso_date(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return format!("{y:04}-{m:02}-{day:02}");
    }
    // Digit by digit: importers format a date per row and `format!` costs more.
    let mut s = String::with_capacity(10);
    for (v, width) in [(y as u32, 4), (m, 2), (day, 2)] {
        if width == 2 {
            s.push('-');
        }
        for p in (0..width).rev() {
            s.push(char::from(b'0' + (v / 10u32.pow(p) % 10) as u8));
        }
    }
    s
}

/// Days since 1970-01-01, the store's integer date.
pub fn day_number(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
}

pub fn from_day_number(n: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + Duration::days(n as i64)
}

/// The first day of the period containing `d` (Monday for ISO weeks).
pub fn period_start(kind: PeriodKind, d: NaiveDate) -> NaiveDate {
    match kind {
        PeriodKind::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
        PeriodKind::Month => d.with_day(1).unwrap(),
    }
}

/// The first day of the period after the one starting at `start`.
pub fn next_period(kind: PeriodKind, start: NaiveDate) -> NaiveDate {
    match kind {
        PeriodKind::Week => start + Duration::days(7),
        PeriodKind::Month => {
            let (y, m) = if start.month() == 12 {
                (start.year() + 1, 1)
            } else {
                (start.year(), start.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1).unwrap()
        }
    }
}

/// The period label: `YYYY-Www` for weeks (ISO year), `YYYY-MM` for months.
pub fn period_label(kind: PeriodKind, d: NaiveDate) -> String {
    match kind {
        PeriodKind::Week => {
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        PeriodKind::Month => format!("{:04}-{:02}", d.year(), d.month()),
    }
}

/// Parses a period label back to its first day.
pub fn parse_period(kind: PeriodKind, s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("{s:?} is not a {kind} period");
    match kind {
        PeriodKind::Week => {
            let (y, w) = s.split_once("-W").ok_or_else(bad)?;
            let y: i32 = y.parse().map_err(|_| bad())?;
            let w: u32 = w.parse().map_err(|_| bad())?;
            NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).ok_or_else(bad)
        }
        PeriodKind::Month => {
            NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").map_err(|_| bad())
        }
    }
}

/// Every period from the one holding `from` to the one holding `to`, as (start, label).
pub fn periods(kind: PeriodKind, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
    let mut out = Vec::new();
    let mut p = period_start(kind, from);
    while p <= to {
        out.push((p, period_label(kind, p)));
        p = next_period(kind, p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn dates_parse_strictly_and_format_back() {
        assert_eq!(iso_date(d("2024-02-29")), "2024-02-29");
        assert_eq!(iso_date(d(" 0999-01-05 ")), "0999-01-05");
        for (y, m, day) in [(0, 1, 1), (9999, 12, 31), (-5, 3, 4), (10000, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, day).unwrap();
            assert_eq!(iso_date(date), format!("{y:04}-{m:02}-{day:02}"));
        }
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024/01/01",
            "2024-01-0x",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn iso_weeks_cross_years_correctly() {
        assert_eq!(period_label(PeriodKind::Week, d("2021-01-03")), "2020-W53");
        assert_eq!(period_label(PeriodKind::Week, d("2024-12-30")), "2025-W01");
        assert_eq!(
            parse_period(PeriodKind::Week, "2025-W01").unwrap(),
            d("2024-12-30")
        );
        assert_eq!(
            period_start(PeriodKind::Week, d("2024-09-01")),
            d("2024-08-26")
        );
    }

    #[test]
    fn periods_are_contiguous_and_zero_fillable() {
        let p = periods(PeriodKind::Month, d("2023-11-15"), d("2024-02-01"));
        let labels: Vec<_> = p.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(labels, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        let w = periods(PeriodKind::Week, d("2024-01-01"), d("2024-12-31"));
        assert_eq!(w.len(), 53);
        assert_eq!(
            from_day_number(day_number(d("2024-02-29"))),
            d("2024-02-29")
        );
    }
}
