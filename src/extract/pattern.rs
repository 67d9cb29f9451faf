//! Regexes that run over every document, in two forms: as written (Unicode
//! classes, word boundaries and case folding), and the same with Unicode off
//! (`(?-u)`). On ASCII text both forms match exactly the same (Unicode `\w`,
//! `\d`, `\s`, `\b` and case-insensitive letters differ from the ASCII ones only
//! in non-ASCII characters), and the ASCII form is smaller and faster, so ASCII
//! text (nearly every news article) is searched with it. Each form is compiled
//! when first needed.

use regex::{CaptureMatches, Captures, Match, Matches, Regex};
use std::sync::OnceLock;

/// A regex with an ASCII-only twin for ASCII haystacks.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    unicode: OnceLock<Regex>,
    ascii: OnceLock<Regex>,
}

impl Pattern {
    /// A pattern from its source. The source must compile with Unicode off too:
    /// no `.` or negated class, which could then match non-UTF-8 bytes.
    pub fn new(source: impl Into<String>) -> Pattern {
        Pattern {
            source: source.into(),
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }

    /// The regex to search `haystack` with (the whole haystack the search reads).
    fn on(&self, haystack: &str) -> &Regex {
        if haystack.is_ascii() {
            self.ascii.get_or_init(|| {
                Regex::new(&format!("(?-u){}", self.source)).expect("constant regex")
            })
        } else {
            self.unicode
                .get_or_init(|| Regex::new(&self.source).expect("constant regex"))
        }
    }

    /// See [`Regex::is_match`].
    pub fn is_match(&self, haystack: &str) -> bool {
        self.on(haystack).is_match(haystack)
    }

    /// See [`Regex::find`].
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.on(haystack).find(haystack)
    }

    /// See [`Regex::find_iter`].
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Matches<'r, 'h> {
        self.on(haystack).find_iter(haystack)
    }

    /// See [`Regex::captures`].
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.on(haystack).captures(haystack)
    }

    /// See [`Regex::captures_iter`].
    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> CaptureMatches<'r, 'h> {
        self.on(haystack).captures_iter(haystack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_gets_the_ascii_form_and_other_text_unicode() {
        let p = Pattern::new(r"(?i)\b\w+DAY\b");
        assert_eq!(p.find("On Monday, x").unwrap().as_str(), "Monday");
        assert!(p.ascii.get().is_some() && p.unicode.get().is_none());
        // "é" is a word character for the Unicode form: no boundary before "M".
        assert_eq!(p.find("éMonday").unwrap().as_str(), "éMonday");
        assert!(p.unicode.get().is_some());
    }
}
