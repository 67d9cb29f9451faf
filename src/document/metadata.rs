//! Metadata: a front-matter block (`---`, `title:`, `date:`, `source:`, `---`) and a
//! `# source: URL` first line, read off the start of the text; and the document's
//! date, settled from front matter, a dates file, a dateline or a default
//! (see [`Meta::settle_date`]).

use super::dateline::{self, Dateline};
use chrono::NaiveDate;

/// Metadata given by front matter or a `# source:` first line, and the
/// document's date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// `title:`
    pub title: Option<String>,
    /// The document's date: front matter's `date:` as written (ISO `YYYY-MM-DD`
    /// recommended; `June 4, 2024` is rewritten so), or as settled by
    /// [`Meta::settle_date`] (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// `source:` or `# source: URL`.
    pub source: Option<String>,
    /// The dateline at the head of the text, if any (see [`dateline`]).
    pub dateline: Option<Dateline>,
    /// Where `date` came from.
    pub date_from: Option<DateFrom>,
}

/// Where a document's date came from, by precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateFrom {
    /// Front matter's `date:`.
    FrontMatter,
    /// A dates file (`build --dates`).
    DatesFile,
    /// The dateline (its year from itself, a dates file or `--date`).
    Dateline,
    /// `build --date`, for documents nothing else dates.
    Default,
}

/// A date a dates file gives for a document: a day, or only a year (for a
/// dateline that gives month and day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GivenDate {
    /// `YYYY-MM-DD`.
    Day(NaiveDate),
    /// `YYYY`.
    Year(i32),
}

impl Meta {
    /// Settles the document's date, first found first:
    /// 1. front matter's `date:`;
    /// 2. the day a dates file gives (`given`);
    /// 3. the dateline's, when it gives its year, or when the year comes from
    ///    `given` (a year) or `default` (the month and day nearest it);
    /// 4. `default` (`build --date`).
    ///
    /// Otherwise the document stays undated: a year is never guessed. Settling
    /// again (say, with a dates file) starts over from the same facts.
    pub fn settle_date(&mut self, given: Option<GivenDate>, default: Option<NaiveDate>) {
        if self.date_from == Some(DateFrom::FrontMatter) {
            return;
        }
        let line = self.dateline;
        let (day, from) = if let Some(GivenDate::Day(d)) = given {
            (Some(d), DateFrom::DatesFile)
        } else if let Some(d) = line.and_then(|l| match (given, default) {
            (Some(GivenDate::Year(y)), _) => l.in_year(y),
            (_, Some(anchor)) => l.near(anchor),
            _ => l.day(),
        }) {
            (Some(d), DateFrom::Dateline)
        } else {
            (default, DateFrom::Default)
        };
        match day {
            Some(day) => {
                self.date = Some(day.to_string());
                self.date_from = Some(from);
            }
            // A date settled before goes; a front-matter date no one can read
            // stays as written (and dates nothing).
            None if self.date_from.is_some() => {
                self.date = None;
                self.date_from = None;
            }
            None => {}
        }
    }

    /// Marks a front-matter `date:` as such, writing a date such as
    /// `June 4, 2024` in ISO form; then settles the date as far as the text
    /// alone can (front matter, else a dateline with its year).
    fn settle_own(&mut self) {
        if let Some(d) = &self.date {
            if is_iso(d) {
                self.date_from = Some(DateFrom::FrontMatter);
            } else if let Some(day) = dateline::parse_written(d) {
                self.date = Some(day.to_string());
                self.date_from = Some(DateFrom::FrontMatter);
            }
        }
        self.settle_date(None, None);
    }
}

/// Whether `s` is a day written as ISO (`YYYY-MM-DD`, `YYYY/MM/DD`, with anything
/// after it) or a month (`YYYY-MM`): kept as written.
fn is_iso(s: &str) -> bool {
    let s = s.trim();
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok()
        || NaiveDate::parse_from_str(day, "%Y/%m/%d").is_ok()
        || (s.get(..7))
            .is_some_and(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").is_ok())
}

/// Reads the metadata at the start of `text` and the dateline after it: the
/// metadata and the offset where the body starts.
pub(super) fn read(text: &str) -> (Meta, usize) {
    let (mut meta, start) = extract_meta(text);
    meta.dateline = dateline::find(&text[start..]);
    meta.settle_own();
    (meta, start)
}

/// Longest front-matter block looked at, in lines.
const FRONT_MATTER_MAX_LINES: usize = 200;

/// Reads front matter and a `# source:` line at the start of `text`; returns the
/// metadata and the offset where the body starts (after leading blank lines).
fn extract_meta(text: &str) -> (Meta, usize) {
    let mut meta = Meta::default();
    let mut pos = skip_blank_lines(text, 0);
    let (mut front_done, mut source_done) = (false, false);
    loop {
        if !front_done && let Some(end) = front_matter(text, pos, &mut meta) {
            front_done = true;
            pos = skip_blank_lines(text, end);
            continue;
        }
        if !source_done && let Some((value, end)) = source_line(text, pos) {
            source_done = true;
            if meta.source.is_none() {
                meta.source = value;
            }
            pos = skip_blank_lines(text, end);
            continue;
        }
        break;
    }
    (meta, pos)
}

/// The line starting at `pos` (without its `\n`) and the offset after it.
fn line_at(text: &str, pos: usize) -> (&str, usize) {
    match text[pos..].find('\n') {
        Some(n) => (&text[pos..pos + n], pos + n + 1),
        None => (&text[pos..], text.len()),
    }
}

fn skip_blank_lines(text: &str, mut pos: usize) -> usize {
    while pos < text.len() {
        let (line, next) = line_at(text, pos);
        if !line.trim().is_empty() {
            break;
        }
        pos = next;
    }
    pos
}

/// Parses a `---` … `---` block at `pos`; returns the offset after it.
fn front_matter(text: &str, pos: usize, meta: &mut Meta) -> Option<usize> {
    let (first, mut next) = line_at(text, pos);
    if first.trim_end() != "---" {
        return None;
    }
    let mut found = Meta::default();
    let mut keys = 0;
    for _ in 0..FRONT_MATTER_MAX_LINES {
        if next >= text.len() {
            return None;
        }
        let (line, after) = line_at(text, next);
        next = after;
        let trimmed = line.trim_end();
        if trimmed == "---" {
            if keys == 0 {
                return None;
            }
            merge(meta, found);
            return Some(next);
        }
        if trimmed.trim_start().is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with([' ', '\t'])
            || trimmed.starts_with("- ")
        {
            continue;
        }
        let (key, value) = trimmed.split_once(':')?;
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return None;
        }
        keys += 1;
        let slot = if key.eq_ignore_ascii_case("title") {
            &mut found.title
        } else if key.eq_ignore_ascii_case("date") {
            &mut found.date
        } else if key.eq_ignore_ascii_case("source") {
            &mut found.source
        } else {
            continue;
        };
        *slot = unquote(value);
    }
    None
}

fn merge(meta: &mut Meta, found: Meta) {
    if found.title.is_some() {
        meta.title = found.title;
    }
    if found.date.is_some() {
        meta.date = found.date;
    }
    if found.source.is_some() {
        meta.source = found.source;
    }
}

/// Trims a value and removes one pair of surrounding quotes; empty → `None`.
fn unquote(value: &str) -> Option<String> {
    let v = value.trim();
    let v = if v.len() >= 2
        && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\'')))
    {
        v[1..v.len() - 1].trim()
    } else {
        v
    };
    (!v.is_empty()).then(|| v.to_string())
}

/// Parses a `# source: URL` line at `pos`; returns the value and the offset after it.
fn source_line(text: &str, pos: usize) -> Option<(Option<String>, usize)> {
    let (line, next) = line_at(text, pos);
    let rest = line.trim().strip_prefix('#')?.trim_start();
    let head = rest.get(..6)?;
    if !head.eq_ignore_ascii_case("source") {
        return None;
    }
    let value = rest[6..].trim_start().strip_prefix(':')?;
    Some((unquote(value), next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn front_matter() {
        let input = "---\ntitle: \"Talks Resume\"\ndate: 2024-03-05 \nsource: 'https://example.org/a'\n\
                     tags:\n  - one\nauthor: X\n---\n\n\nTalks resumed. Both sides met.\n";
        let doc = Document::parse("f.md", input.as_bytes()).unwrap();
        assert_eq!(
            doc.meta,
            Meta {
                title: Some("Talks Resume".into()),
                date: Some("2024-03-05".into()),
                source: Some("https://example.org/a".into()),
                dateline: None,
                date_from: Some(DateFrom::FrontMatter),
            }
        );
        assert_eq!(doc.text, "Talks resumed. Both sides met.\n");
        assert_eq!(doc.sentence(0), "Talks resumed.");
        assert_eq!(doc.sentences[0].start, 0);

        // CRLF and typographic quotes in front matter.
        let input = "\r\n---\r\ntitle: \u{201c}A \u{2018}B\u{2019}\u{201d}\r\n---\r\nBody.";
        let doc = Document::parse("f.md", input.as_bytes()).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("A 'B'"));
        assert_eq!(doc.text, "Body.");

        // Not front matter: no closing line, or prose inside.
        let input = "---\ntitle: x\nBody without end.";
        let doc = Document::parse("f.md", input.as_bytes()).unwrap();
        assert_eq!(doc.meta, Meta::default());
        assert_eq!(doc.text, input);
        let input = "---\nJust a rule\n---\nText.";
        let doc = Document::parse("f.md", input.as_bytes()).unwrap();
        assert_eq!(doc.meta, Meta::default());
        assert_eq!(doc.text, input);
    }

    #[test]
    fn source_line() {
        let input = "\n  \n# source: https://example.org/story \nTalks Begin\nThey met.";
        let doc = Document::parse("s.txt", input.as_bytes()).unwrap();
        assert_eq!(
            doc.meta.source.as_deref(),
            Some("https://example.org/story")
        );
        assert_eq!(doc.text, "Talks Begin\nThey met.");
        assert_eq!(doc.sentence(0), "Talks Begin");
        assert_eq!(doc.sentence(1), "They met.");

        let doc = Document::parse("s.txt", b"#Source:https://a.example\n\nBody.").unwrap();
        assert_eq!(doc.meta.source.as_deref(), Some("https://a.example"));
        assert_eq!(doc.text, "Body.");

        // Front matter followed by a source line; front matter wins.
        let input = "---\nsource: https://fm.example\ndate: 2020-01-02\n---\n# source: https://line.example\nBody.";
        let doc = Document::parse("s.txt", input.as_bytes()).unwrap();
        assert_eq!(doc.meta.source.as_deref(), Some("https://fm.example"));
        assert_eq!(doc.meta.date.as_deref(), Some("2020-01-02"));
        assert_eq!(doc.text, "Body.");

        // Only the first non-empty line counts; other headings stay.
        let input = "# Sources say\nBody.\n# source: https://late.example";
        let doc = Document::parse("s.txt", input.as_bytes()).unwrap();
        assert_eq!(doc.meta.source, None);
        assert_eq!(doc.text, input);
    }

    #[test]
    fn dates_settle_by_precedence() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let parse = |t: &str| Document::parse("d.txt", t.as_bytes()).unwrap().meta;
        let wire = "BUSAN, Nov. 2, 2022 (Yonhap) -- Officials met.";
        let short = "BUSAN, Nov. 2 (Yonhap) -- Officials met.";
        let fm = |body: &str| format!("---\ndate: 2021-05-06\n---\n{body}");

        // The text alone: front matter, else a dateline with its year.
        assert_eq!(parse(&fm(wire)).date.as_deref(), Some("2021-05-06"));
        let m = parse(wire);
        assert_eq!(
            (m.date.as_deref(), m.date_from),
            (Some("2022-11-02"), Some(DateFrom::Dateline))
        );
        assert_eq!(parse(short).date, None, "no year: not guessed");
        assert_eq!(parse("Officials met.").date, None);
        let m = parse("---\ndate: June 4, 2024\n---\nText.");
        assert_eq!(m.date.as_deref(), Some("2024-06-04"));
        // A front-matter date no one can read stays as written, and gives way.
        let odd = format!("---\ndate: soon\n---\n{wire}");
        assert_eq!(parse(&odd).date.as_deref(), Some("2022-11-02"));
        let m = parse("---\ndate: soon\n---\nText.");
        assert_eq!((m.date.as_deref(), m.date_from), (Some("soon"), None));

        // Front matter > dates file > dateline > --date.
        let given = Some(GivenDate::Day(day("2020-01-02")));
        let default = Some(day("2023-12-30"));
        let settled = |t: &str, given, default| {
            let mut m = parse(t);
            m.settle_date(given, default);
            (m.date, m.date_from)
        };
        assert_eq!(
            settled(&fm(wire), given, default).0.as_deref(),
            Some("2021-05-06")
        );
        assert_eq!(
            settled(wire, given, default),
            (Some("2020-01-02".into()), Some(DateFrom::DatesFile))
        );
        assert_eq!(
            settled(wire, None, default).0.as_deref(),
            Some("2022-11-02")
        );
        // A year from the dates file, or the month and day nearest --date.
        assert_eq!(
            settled(short, Some(GivenDate::Year(2019)), default)
                .0
                .as_deref(),
            Some("2019-11-02")
        );
        assert_eq!(
            settled(short, None, default).0.as_deref(),
            Some("2023-11-02")
        );
        assert_eq!(
            settled("Officials met.", None, default),
            (Some("2023-12-30".into()), Some(DateFrom::Default))
        );
        assert_eq!(settled(short, None, None), (None, None));
    }
}
