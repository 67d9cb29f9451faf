//! Datelines: the date a wire story or a press release gives at its head.
//!
//! Read, in one of the first lines of the text (the text is left as it is):
//! * a wire dateline: a place in capitals, an optional region, an optional agency
//!   in brackets, a date, a dash: `BUSAN, Nov. 2, 2022 (Yonhap) --`,
//!   `CANBERRA, Australia, 12 August 2023 -`, `MANILA (AP) July 9, 2024 --`;
//!   the year may be missing (`BUSAN, Nov. 2 (Yonhap) --`): the month and day are
//!   kept, and the year must come from elsewhere (see
//!   [`super::Meta::settle_date`]);
//! * a press release's date line: `Release date: 4 June 2024`,
//!   `Published: Tuesday, June 4, 2024`, `Date: 2024-06-04` (with a year).
//!
//! Nothing else is taken for a dateline: a sentence that merely starts with a
//! date ("On June 4, 2024, ...") is text, not the document's date.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// A date read from a dateline: month and day, and the year when it gives one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dateline {
    /// The year, when the dateline gives it.
    pub year: Option<i32>,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

impl Dateline {
    /// The day, in `year` when the dateline gives none.
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year.unwrap_or(year), self.month, self.day)
    }

    /// The day, when the dateline gives its year.
    pub fn day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }

    /// The day nearest `anchor` with the dateline's month and day (its own year
    /// when it gives one): a story dated Dec. 30 in an archive of Jan. 2 is
    /// from the year before.
    pub fn near(&self, anchor: NaiveDate) -> Option<NaiveDate> {
        use chrono::Datelike;
        if self.year.is_some() {
            return self.day();
        }
        (anchor.year() - 1..=anchor.year() + 1)
            .filter_map(|y| self.in_year(y))
            .min_by_key(|d| (*d - anchor).num_days().abs())
    }
}

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// A date: `Month D[, YYYY]`, `D Month[ YYYY]` or `YYYY-MM-DD`, in groups
/// `m1 d1 y1`, `d2 m2 y2`, `iso`.
fn date_pattern(year: &str) -> String {
    format!(
        r"(?:(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})\b(?:,?\s+(?P<y1>\d{{4}})\b){year}|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH})\.?(?:,?\s+(?P<y2>\d{{4}})\b){year}|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b)"
    )
}

/// A wire dateline at the start of a line.
static WIRE: LazyLock<Regex> = LazyLock::new(|| {
    let place = r"[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+)*";
    let region = r"(?:,\s+[A-Z][A-Za-z'.\-]*(?:\s+[A-Z][A-Za-z'.\-]*)*)?";
    let agency = r"(?:\s*\([^()\n]{1,40}\))?";
    Regex::new(&format!(
        r"^{place}{region}{agency}\s*,?\s*{}{agency}\s*(?:--|-|:)",
        date_pattern("?")
    ))
    .expect("dateline pattern")
});

/// A press release's date line.
static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    let key = r"(?i:release\s+date|date\s+of\s+release|date\s+released|released|publication\s+date|date\s+published|published|posted|issued|date)";
    let weekday = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?";
    Regex::new(&format!(
        r"^{key}\s*:\s*(?:on\s+)?{weekday}{}",
        date_pattern("")
    ))
    .expect("release date pattern")
});

/// How far into the text a dateline is looked for: lines and bytes.
const HEAD_LINES: usize = 4;
const HEAD_BYTES: usize = 1000;

/// The dateline among the first lines of `text`, if any.
pub fn find(text: &str) -> Option<Dateline> {
    let head = &text[..floor_boundary(text, HEAD_BYTES)];
    head.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .find_map(|line| {
            [&*WIRE, &*RELEASE]
                .iter()
                .find_map(|re| read(&re.captures(line)?))
        })
}

/// Where a dateline (wire or release style, as [`find`] reads them) that opens
/// `line` ends, or 0 when `line` does not open with one: the date in it is the
/// article's, not an event's.
pub fn end_in(line: &str) -> usize {
    [&*WIRE, &*RELEASE]
        .iter()
        .find_map(|re| re.find(line))
        .map_or(0, |m| m.end())
}

/// A date written `Month D, YYYY`, `D Month YYYY` or `YYYY-MM-DD` (with nothing
/// else around it): for front matter that does not write its date in ISO form.
pub fn parse_written(s: &str) -> Option<NaiveDate> {
    static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
        let weekday = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?";
        Regex::new(&format!(r"^{weekday}{}$", date_pattern(""))).expect("date pattern")
    });
    read(&WHOLE.captures(s.trim())?)?.day()
}

fn read(c: &regex::Captures) -> Option<Dateline> {
    if let Some(iso) = c.name("iso") {
        let d = NaiveDate::parse_from_str(iso.as_str(), "%Y-%m-%d").ok()?;
        use chrono::Datelike;
        return Some(Dateline {
            year: Some(d.year()),
            month: d.month(),
            day: d.day(),
        });
    }
    let (m, d, y) = match c.name("m1") {
        Some(m) => (m, c.name("d1")?, c.name("y1")),
        None => (c.name("m2")?, c.name("d2")?, c.name("y2")),
    };
    let line = Dateline {
        year: match y {
            Some(y) => Some(y.as_str().parse().ok()?),
            None => None,
        },
        month: month_number(m.as_str())?,
        day: d.as_str().parse().ok()?,
    };
    // A day the month has (in a leap year, when no year is given).
    line.in_year(line.year.unwrap_or(2000))?;
    Some(line)
}

fn month_number(name: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let key = name.get(..3)?.to_ascii_lowercase();
    NAMES.iter().position(|n| *n == key).map(|i| i as u32 + 1)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(year: Option<i32>, month: u32, day: u32) -> Option<Dateline> {
        Some(Dateline { year, month, day })
    }

    #[test]
    fn wire_datelines() {
        let table = [
            (
                "BUSAN, Nov. 2, 2022 (Yonhap) -- Officials met.",
                line(Some(2022), 11, 2),
            ),
            (
                "NEW DELHI, March 14, 2020 -- The talks began.",
                line(Some(2020), 3, 14),
            ),
            (
                "MANILA (AP) July 9, 2024 -- Talks began.",
                line(Some(2024), 7, 9),
            ),
            ("MANILA (AP) -- July 9, 2024: nothing.", None),
            (
                "CANBERRA, Australia, 12 August 2023 - Ministers met.",
                line(Some(2023), 8, 12),
            ),
            (
                "BUSAN, Nov. 2 (Yonhap) -- Officials met.",
                line(None, 11, 2),
            ),
            (
                "CAMP HUMPHREYS, South Korea, Sept. 5 -- Troops drilled.",
                line(None, 9, 5),
            ),
            // A title line first, then the dateline.
            (
                "Allies Meet Again\n\nBUSAN, Nov. 2, 2022 -- Officials met.",
                line(Some(2022), 11, 2),
            ),
            // Not datelines.
            ("On Nov. 2, 2022, officials met in Busan.", None),
            ("Busan, Nov. 2, 2022 -- lower-case place.", None),
            ("BUSAN, Feb. 30, 2022 -- no such day.", None),
            ("BUSAN, Nov. 2, 2022 officials met without a dash.", None),
            (
                "Officials met.\nThey talked.\nAgain.\nMore.\nBUSAN, Nov. 2, 2022 -- too late.",
                None,
            ),
        ];
        for (text, want) in table {
            assert_eq!(find(text), want, "{text:?}");
        }
    }

    #[test]
    fn release_dates() {
        let table = [
            (
                "Release date: 4 June 2024\nThe ministry said.",
                line(Some(2024), 6, 4),
            ),
            (
                "Media Release\nPublished: Tuesday, June 4, 2024\nText.",
                line(Some(2024), 6, 4),
            ),
            ("DATE: 2024-06-04\nText.", line(Some(2024), 6, 4)),
            // A year is needed; a sentence is not a date line.
            ("Release date: June 4\nText.", None),
            ("Released on June 4, 2024, the report said.", None),
        ];
        for (text, want) in table {
            assert_eq!(find(text), want, "{text:?}");
        }
    }

    #[test]
    fn years_come_from_an_anchor_when_missing() {
        let dec = Dateline {
            year: None,
            month: 12,
            day: 30,
        };
        let jan = NaiveDate::from_ymd_opt(2025, 1, 2).unwrap();
        assert_eq!(dec.near(jan), NaiveDate::from_ymd_opt(2024, 12, 30));
        assert_eq!(dec.in_year(2025), NaiveDate::from_ymd_opt(2025, 12, 30));
        assert_eq!(dec.day(), None);
        assert_eq!(
            parse_written("June 4, 2024"),
            NaiveDate::from_ymd_opt(2024, 6, 4)
        );
        assert_eq!(parse_written("June 4"), None);
    }
}
