//! A dates file (`build --dates FILE`): the dates of an archive's documents, for
//! articles whose text gives none.
//!
//! CSV, one document a line: its name (as the graph names it: the path under the
//! input folder, with `/`) and its date, `YYYY-MM-DD`, or `YYYY` alone for a
//! document whose dateline gives month and day. A field may be in double quotes
//! (`""` for a quote inside). Blank lines and lines starting with `#` are skipped,
//! and so is a first line `name,date` (any case, `document` for `name`). Any other
//! line that does not read, or a name given twice, is an error naming the file
//! and the line (a usage error: `newsgraph help build` describes the file).

use super::GivenDate;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// The dates a dates file gives, by document name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DatesFile {
    dates: BTreeMap<String, GivenDate>,
}

impl DatesFile {
    /// Reads the dates file at `path`.
    pub fn read(path: &Path) -> Result<DatesFile> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::Usage(format!(
                "--dates {}: not UTF-8 (byte {}); a dates file is UTF-8 CSV",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        DatesFile::parse(&text, path)
    }

    /// Parses the text of a dates file; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<DatesFile> {
        let mut dates = BTreeMap::new();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let bad = |reason: String| {
                Error::Usage(format!("--dates {}: line {n}: {reason}", path.display()))
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields = fields(line).ok_or_else(|| bad("an unclosed quote".into()))?;
            let [name, date] = fields.as_slice() else {
                return Err(bad(format!(
                    "{} field{}; write NAME,DATE (DATE as YYYY-MM-DD or YYYY)",
                    fields.len(),
                    if fields.len() == 1 { "" } else { "s" }
                )));
            };
            if dates.is_empty()
                && ["name", "document"].contains(&name.to_ascii_lowercase().as_str())
                && date.eq_ignore_ascii_case("date")
            {
                continue;
            }
            if name.is_empty() {
                return Err(bad("no document name".into()));
            }
            let given = given_date(date).ok_or_else(|| {
                bad(format!(
                    "`{date}` is not a date; write YYYY-MM-DD, or YYYY for a dateline without a year"
                ))
            })?;
            if let Some(old) = dates.insert(name.clone(), given)
                && old != given
            {
                return Err(bad(format!("{name} was given another date before")));
            }
        }
        Ok(DatesFile { dates })
    }

    /// The date given for the document `name`.
    pub fn get(&self, name: &str) -> Option<GivenDate> {
        self.dates.get(name).copied()
    }

    /// The names given, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.dates.keys().map(String::as_str)
    }

    /// How many documents it dates.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// Whether it dates no document.
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }
}

fn given_date(s: &str) -> Option<GivenDate> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().map(GivenDate::Year);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == s)
        .map(GivenDate::Day)
}

/// The comma-separated fields of a CSV line, trimmed, quotes removed; `None`
/// for an unclosed quote.
fn fields(line: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
        let mut field = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next()? {
                    '"' if chars.next_if_eq(&'"').is_some() => field.push('"'),
                    '"' => break,
                    c => field.push(c),
                }
            }
            while chars.next_if(|c| *c != ',').is_some() {}
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                field.push(c);
            }
        }
        out.push(field.trim().to_string());
        if chars.next().is_none() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_and_dates() {
        let text = "name,date\n# archive of 2024\n\na.txt,2024-03-05\n\"b, c.txt\",2019\n\
                    \"say \"\"hi\"\".md\" , 2020-02-29 \n";
        let f = DatesFile::parse(text, Path::new("d.csv")).unwrap();
        let day = |s| GivenDate::Day(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        assert_eq!(f.get("a.txt"), Some(day("2024-03-05")));
        assert_eq!(f.get("b, c.txt"), Some(GivenDate::Year(2019)));
        assert_eq!(f.get("say \"hi\".md"), Some(day("2020-02-29")));
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn a_bad_line_names_file_and_line() {
        for (text, want) in [
            (
                "a.txt,2024-03-05\nb.txt,March 5\n",
                "d.csv: line 2: `March 5` is not a date",
            ),
            ("a.txt\n", "d.csv: line 1: 1 field"),
            ("a.txt,2024-02-30\n", "line 1: `2024-02-30` is not a date"),
            ("a.txt,2024-3-5\n", "line 1: `2024-3-5`"),
            ("\"a.txt,2024-03-05\n", "line 1: an unclosed quote"),
            (
                "a.txt,2024-03-05\na.txt,2024-03-06\n",
                "line 2: a.txt was given another date",
            ),
            ("a.txt,2024-03-05,x\n", "line 1: 3 fields"),
            (",2024-03-05\n", "line 1: no document name"),
        ] {
            let e = DatesFile::parse(text, Path::new("d.csv")).unwrap_err();
            assert!(e.to_string().contains(want), "{text:?}: {e}");
        }
    }
}
