//! Days and spans of days: the date vocabulary every layer shares. A
//! document's `date:`, a meeting's date, an office's `since`, `--as-of`: each is
//! a day ([`anchor`]) or a [`Range`] of days, written in ISO 8601. Reading dates
//! out of text ("July 25-26", "next week") is extraction's
//! (`extract::dates`); this module only holds what they are read into.

use chrono::NaiveDate;

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Range {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Range {
    /// The range of one day.
    pub fn day(d: NaiveDate) -> Range {
        Range { start: d, end: d }
    }

    /// ISO 8601: `2025-11-04`, or the interval `2025-07-25/2025-07-26`.
    pub fn iso(&self) -> String {
        if self.start == self.end {
            self.start.to_string()
        } else {
            format!("{}/{}", self.start, self.end)
        }
    }

    /// True when the range holds `day`.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// The anchor a document's `date:` gives: `YYYY-MM-DD` (also `YYYY/MM/DD`), or the
/// first day of `YYYY-MM`.
pub fn anchor(date: &str) -> Option<NaiveDate> {
    let d = date.trim();
    let d = d.get(..10).unwrap_or(d);
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(d, "%Y/%m/%d"))
        .ok()
        .or_else(|| NaiveDate::parse_from_str(&format!("{}-01", d.get(..7)?), "%Y-%m-%d").ok())
}

/// Parses an ISO day or interval written by [`Range::iso`], or a bare `YYYY-MM-DD`.
pub fn parse_iso(s: &str) -> Option<Range> {
    match s.split_once('/') {
        Some((a, b)) => Some(Range {
            start: NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?,
            end: NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()?,
        }),
        None => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(Range::day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn anchors_and_iso_ranges() {
        assert_eq!(anchor("2024-03-05"), Some(d("2024-03-05")));
        assert_eq!(anchor("2024/03/05"), Some(d("2024-03-05")));
        assert_eq!(anchor("2024-03"), Some(d("2024-03-01")));
        assert_eq!(anchor("not a date"), None);
        assert_eq!(
            parse_iso("2025-07-25/2025-07-26").unwrap().iso(),
            "2025-07-25/2025-07-26"
        );
        assert_eq!(parse_iso("2025-07-25"), Some(Range::day(d("2025-07-25"))));
        assert!(parse_iso("2025-07-25/soon").is_none());
        let r = parse_iso("2025-07-25/2025-07-26").unwrap();
        assert!(r.contains(d("2025-07-26")) && !r.contains(d("2025-07-27")));
    }
}
