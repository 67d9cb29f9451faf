//! Dates in text, made absolute: "Nov. 4", "July 25-26", "early May", "next week",
//! "Thursday", "the second half of the year", anchored to the document's date
//! (front matter `date:` or `--date`). Without an anchor only dates that carry
//! their year are resolved. What they are read into, [`Range`] and the day a
//! document's date gives ([`anchor`]), is the crate's shared vocabulary
//! ([`crate::dates`]).

use super::pattern::Pattern;
pub use crate::dates::{Range, anchor, parse_iso};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::cell::LazyCell;
use std::sync::LazyLock;

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const FULL_MONTH: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

static DATE: LazyLock<Pattern> = LazyLock::new(|| {
    let p = format!(
        r"(?x)
        \b(?P<md>(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:\s*-\s*(?P<d2>\d{{1,2}}))?(?:,?\s+(?P<y1>\d{{4}}))?)\b
      | \b(?P<dm>(?P<d3>\d{{1,2}})(?:\s*-\s*(?P<d4>\d{{1,2}}))?\s+(?P<m2>{FULL_MONTH})(?:,?\s+(?P<y2>\d{{4}}))?)\b
      | \b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of)[-\s](?P<m3>{FULL_MONTH})(?:\s+(?P<y3>\d{{4}}))?\b
      | \b(?P<my>(?P<m4>{FULL_MONTH})\s+(?P<y4>\d{{4}}))\b
      | \bin\s+(?P<m5>{FULL_MONTH})(?:\s+(?P<y5>\d{{4}}))?\b
      | \b(?P<wd1>{WEEKDAY})(?:\s*(?:-|to|through|and)\s*(?P<wd2>{WEEKDAY}))?\b
      | \b(?P<rel>(?:next|this|last)\s+(?:week|month|year)|yesterday|today|tomorrow
            |(?:later|earlier)\s+this\s+(?:year|month|week)
            |the\s+(?:first|second)\s+half\s+of\s+(?:the|this|next)\s+year)\b
      | \b(?P<year>(?:19|20)\d{{2}})\b
    "
    );
    // (No literals to rule sentences out first: nearly every sentence searched
    // holds a digit pair, a month or "day", and the search for them cost more
    // than it saved.)
    Pattern::new(p)
});

/// Words that put a sentence in the future ("will be held", "is set to").
static FUTURE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:will|is to|are to|is set to|are set to|scheduled|upcoming|forthcoming|plan to|plans to|expected to)\b",
    )
});

static NEXT_WEEK: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"\bnext\s+week\b"));

/// Verbs of reporting: a date right after one is the day of the report
/// ("officials said Tuesday"), not of what is reported.
static REPORTED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b(?:said|says|announced|told reporters|reported|added|stated)\s+(?:on\s+)?$")
});

/// True when `prefix` (the text before a date) ends with a verb of reporting.
pub fn after_report_verb(prefix: &str) -> bool {
    REPORTED.is_match(prefix)
}

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the sentence.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The days it means.
    pub range: Range,
    /// True for a day or days named (not a week, month, year or part of one).
    pub exact: bool,
}

fn month_number(name: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let key = name.get(..3)?.to_ascii_lowercase();
    NAMES.iter().position(|n| *n == key).map(|i| i as u32 + 1)
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn month_range(year: i32, month: u32) -> Option<Range> {
    Some(Range {
        start: NaiveDate::from_ymd_opt(year, month, 1)?,
        end: last_day(year, month)?,
    })
}

/// The year that puts `month`/`day` nearest the anchor.
fn nearest_year(anchor: NaiveDate, month: u32, day: u32) -> Option<i32> {
    (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day).map(|d| (y, d)))
        .min_by_key(|(_, d)| (*d - anchor).num_days().abs())
        .map(|(y, _)| y)
}

fn weekday(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

/// The day named by `wd` relative to `anchor`: the coming one when `future`, else
/// the last one (the anchor's own day counts for both).
fn weekday_near(anchor: NaiveDate, wd: Weekday, future: bool) -> Option<NaiveDate> {
    let a = anchor.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    if future {
        anchor.checked_add_days(Days::new(((w - a).rem_euclid(7)) as u64))
    } else {
        anchor.checked_sub_days(Days::new(((a - w).rem_euclid(7)) as u64))
    }
}

fn week_of(anchor: NaiveDate, weeks: i64) -> Option<Range> {
    let monday =
        anchor.checked_sub_days(Days::new(anchor.weekday().num_days_from_monday() as u64))?;
    let start = if weeks >= 0 {
        monday.checked_add_days(Days::new(7 * weeks as u64))?
    } else {
        monday.checked_sub_days(Days::new(7 * (-weeks) as u64))?
    };
    Some(Range {
        start,
        end: start.checked_add_days(Days::new(6))?,
    })
}

fn shift_month(d: NaiveDate, by: i32) -> (i32, u32) {
    let idx = d.year() * 12 + d.month0() as i32 + by;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

/// How many units "last", "this" and "next" move from the anchor.
fn step(word: &str) -> Option<i32> {
    match word {
        "last" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    }
}

/// The groups of [`DATE`], by number.
static DATE_GROUPS: LazyLock<[usize; 22]> = LazyLock::new(|| {
    DATE.groups([
        "md", "m1", "d1", "d2", "y1", "dm", "d3", "d4", "m2", "y2", "part", "m3", "y3", "my", "m4",
        "y4", "m5", "y5", "wd1", "wd2", "rel", "year",
    ])
});

/// The byte ranges of date expressions in `sentence`, resolved or not ("next
/// month" without an anchor too).
pub fn spans(sentence: &str) -> Vec<(usize, usize)> {
    DATE.find_iter(sentence)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// Every date expression in `sentence` that can be made absolute.
pub fn find(sentence: &str, anchor: Option<NaiveDate>) -> Vec<Found> {
    // Only weekdays ask about the tense: most sentences are spared the search.
    let future = LazyCell::new(|| FUTURE.is_match(sentence));
    let mut out = Vec::new();
    let [
        md,
        m1,
        d1,
        d2,
        y1,
        dm,
        d3,
        d4,
        m2,
        y2,
        part,
        m3,
        y3,
        my,
        m4,
        y4,
        m5,
        y5,
        wd1,
        wd2,
        rel,
        year_group,
    ] = *DATE_GROUPS;
    for c in DATE.captures_iter(sentence) {
        let whole = c.get(0).expect("match");
        let int = |g: usize| c.get(g).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = |g: usize| c.get(g).and_then(|m| m.as_str().parse::<i32>().ok());
        let mut exact = false;
        let range = if c.get(md).is_some() || c.get(dm).is_some() {
            exact = true;
            (|| {
                let m = month_number(c.get(m1).or(c.get(m2))?.as_str())?;
                let d1 = int(d1).or(int(d3))?;
                let d2 = int(d2).or(int(d4)).unwrap_or(d1);
                let y = year(y1)
                    .or(year(y2))
                    .or_else(|| nearest_year(anchor?, m, d1))?;
                let start = NaiveDate::from_ymd_opt(y, m, d1)?;
                let end = NaiveDate::from_ymd_opt(y, m, d2)?;
                (start <= end).then_some(Range { start, end })
            })()
        } else if let Some(part) = c.get(part) {
            (|| {
                let m = month_number(c.get(m3)?.as_str())?;
                let y = year(y3).or_else(|| nearest_year(anchor?, m, 15))?;
                let last = last_day(y, m)?.day();
                let (a, b) = match part.as_str().split_whitespace().next()? {
                    "early" => (1, 10),
                    "mid" => (11, 20),
                    "late" => (21, last),
                    "the" | "end" if part.as_str().contains("end") => (21, last),
                    _ => (1, 10),
                };
                Some(Range {
                    start: NaiveDate::from_ymd_opt(y, m, a)?,
                    end: NaiveDate::from_ymd_opt(y, m, b)?,
                })
            })()
        } else if c.get(my).is_some() {
            month_number(c.get(m4).map_or("", |m| m.as_str()))
                .zip(year(y4))
                .and_then(|(m, y)| month_range(y, m))
        } else if let Some(m) = c.get(m5) {
            (|| {
                let m = month_number(m.as_str())?;
                // "in June 2023": the year written; "in June": the nearest.
                let y = match year(y5) {
                    Some(y) => y,
                    None => nearest_year(anchor?, m, 15)?,
                };
                month_range(y, m)
            })()
        } else if let Some(w1) = c.get(wd1) {
            exact = true;
            (|| {
                let a = anchor?;
                let reported = after_report_verb(&sentence[..w1.start()]);
                let fut = (*future || NEXT_WEEK.is_match(sentence)) && !reported;
                let wd = weekday(w1.as_str())?;
                // "next week … on Thursday": the Thursday of next week.
                let start = if fut && NEXT_WEEK.is_match(sentence) {
                    week_of(a, 1)?
                        .start
                        .checked_add_days(Days::new(wd.num_days_from_monday() as u64))?
                } else {
                    weekday_near(a, wd, fut)?
                };
                let end = match c.get(wd2) {
                    Some(w2) => {
                        let w2 = weekday(w2.as_str())?;
                        let gap = (w2.num_days_from_monday() as i64
                            - start.weekday().num_days_from_monday() as i64)
                            .rem_euclid(7);
                        start.checked_add_days(Days::new(gap as u64))?
                    }
                    None => start,
                };
                Some(Range { start, end })
            })()
        } else if let Some(rel) = c.get(rel) {
            (|| {
                let a = anchor?;
                let words: Vec<&str> = rel.as_str().split_whitespace().collect();
                match words.as_slice() {
                    ["yesterday"] => a.pred_opt().map(Range::day),
                    ["today"] => Some(Range::day(a)),
                    ["tomorrow"] => a.succ_opt().map(Range::day),
                    [w, "week"] => week_of(a, step(w)?.into()),
                    [w, "month"] => {
                        let (y, m) = shift_month(a, step(w)?);
                        month_range(y, m)
                    }
                    [w, "year"] => {
                        let y = a.year() + step(w)?;
                        Some(Range {
                            start: NaiveDate::from_ymd_opt(y, 1, 1)?,
                            end: NaiveDate::from_ymd_opt(y, 12, 31)?,
                        })
                    }
                    ["later", "this", unit] | ["earlier", "this", unit] => {
                        let end_of = match *unit {
                            "year" => NaiveDate::from_ymd_opt(a.year(), 12, 31)?,
                            "month" => last_day(a.year(), a.month())?,
                            _ => week_of(a, 0)?.end,
                        };
                        let start_of = match *unit {
                            "year" => NaiveDate::from_ymd_opt(a.year(), 1, 1)?,
                            "month" => NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?,
                            _ => week_of(a, 0)?.start,
                        };
                        Some(if words[0] == "later" {
                            Range {
                                start: a,
                                end: end_of,
                            }
                        } else {
                            Range {
                                start: start_of,
                                end: a,
                            }
                        })
                    }
                    ["the", half, "half", "of", which, "year"] => {
                        let y = a.year() + i32::from(*which == "next");
                        Some(if *half == "first" {
                            Range {
                                start: NaiveDate::from_ymd_opt(y, 1, 1)?,
                                end: NaiveDate::from_ymd_opt(y, 6, 30)?,
                            }
                        } else {
                            Range {
                                start: NaiveDate::from_ymd_opt(y, 7, 1)?,
                                end: NaiveDate::from_ymd_opt(y, 12, 31)?,
                            }
                        })
                    }
                    _ => None,
                }
            })()
        } else if c.get(year_group).is_some() {
            year(year_group).and_then(|y| {
                Some(Range {
                    start: NaiveDate::from_ymd_opt(y, 1, 1)?,
                    end: NaiveDate::from_ymd_opt(y, 12, 31)?,
                })
            })
        } else {
            None
        };
        if let Some(range) = range {
            out.push(Found {
                start: whole.start(),
                end: whole.end(),
                range,
                exact,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ISO forms of every date in `s`, anchored at `at`.
    fn isos(s: &str, at: &str) -> Vec<String> {
        find(s, anchor(at)).iter().map(|f| f.range.iso()).collect()
    }

    #[test]
    fn absolute_dates_take_the_year_nearest_the_document() {
        assert_eq!(
            isos("The talks were held July 25-26.", "2018-07-27"),
            ["2018-07-25/2018-07-26"]
        );
        assert_eq!(
            isos("They meet in Seoul on Nov. 4.", "2025-10-28"),
            ["2025-11-04"]
        );
        // A December article about "Jan. 9" means the coming January.
        assert_eq!(isos("Talks resume Jan. 9.", "2024-12-20"), ["2025-01-09"]);
        assert_eq!(
            isos("On 4 November 2019, they met.", "2025-01-01"),
            ["2019-11-04"]
        );
        // Without an anchor only dates with a year are resolved.
        assert!(isos("They meet on Nov. 4.", "").is_empty());
        assert_eq!(isos("Signed on March 3, 2021.", ""), ["2021-03-03"]);
        // "in June 2023" keeps its year, with or without an anchor.
        assert_eq!(
            isos("They last met in June 2023.", "2025-01-01"),
            ["2023-06-01/2023-06-30"]
        );
        assert_eq!(
            isos("They last met in June 2023.", ""),
            ["2023-06-01/2023-06-30"]
        );
    }

    #[test]
    fn parts_of_months_and_relative_periods() {
        assert_eq!(
            isos("the previous one, held in early May", "2025-09-08"),
            ["2025-05-01/2025-05-10"]
        );
        assert_eq!(
            isos("It will be held next week.", "2025-07-16"),
            ["2025-07-21/2025-07-27"]
        );
        assert_eq!(
            isos("in the second half of the year", "2025-03-01"),
            ["2025-07-01/2025-12-31"]
        );
        assert_eq!(
            isos("talks later this year", "2025-03-10"),
            ["2025-03-10/2025-12-31"]
        );
        assert_eq!(
            isos("a meeting in June", "2025-05-02"),
            ["2025-06-01/2025-06-30"]
        );
        assert_eq!(
            isos("launched in 2011", "2025-05-02"),
            ["2011-01-01/2011-12-31"]
        );
    }

    #[test]
    fn weekdays_follow_the_tense_and_the_report() {
        // 2025-07-16 is a Wednesday.
        assert_eq!(
            isos("The two will meet Thursday-Friday.", "2025-07-16"),
            ["2025-07-17/2025-07-18"]
        );
        assert_eq!(
            isos("The ministry said Monday.", "2025-07-16"),
            ["2025-07-14"]
        );
        assert_eq!(
            isos(
                "They meet next week, on Tuesday and Wednesday.",
                "2025-07-16"
            ),
            ["2025-07-21/2025-07-27", "2025-07-22/2025-07-23"]
        );
        // A future event, reported on a past day.
        assert_eq!(
            isos(
                "The talks will be held Thursday, the ministry said Tuesday.",
                "2025-07-16"
            ),
            ["2025-07-17", "2025-07-15"]
        );
    }

    #[test]
    fn nonsense_is_not_a_date() {
        assert!(isos("He may decide.", "2025-01-01").is_empty());
        assert!(isos("Feb. 30 is not a day.", "2025-01-01").is_empty());
        assert!(isos("the 14th session", "2025-01-01").is_empty());
    }
}
