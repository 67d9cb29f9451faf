//! Regexes that run over every document, in two forms: as written (Unicode
//! classes, word boundaries and case folding), and the same with Unicode off
//! (`(?-u)`). On ASCII text both forms match exactly the same (Unicode `\w`,
//! `\d`, `\s`, `\b` and case-insensitive letters differ from the ASCII ones only
//! in non-ASCII characters), and the ASCII form is smaller and faster, so ASCII
//! text (nearly every news article) is searched with it. Each form is compiled
//! when first needed.
//!
//! A pattern may also name words that every match contains ([`Pattern::needs`]):
//! a haystack without them is answered without running the regex, which reads
//! every byte and costs far more than a search for a few literals. For a
//! case-insensitive pattern the words are looked for in the lower-case haystack,
//! and only in ASCII haystacks (in others `k` and `s` also match the Kelvin sign
//! and the long s).

use crate::document::Span;
use aho_corasick::AhoCorasick;
use aho_corasick::packed;
use regex::{CaptureMatches, Captures, Match, Matches, Regex};
use std::cell::RefCell;
use std::iter::Flatten;
use std::option::IntoIter;
use std::sync::OnceLock;

/// A regex with an ASCII-only twin for ASCII haystacks.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    unicode: OnceLock<Regex>,
    ascii: OnceLock<Regex>,
    /// Sets of literals: every match holds one literal of each set.
    needs: Vec<Literals>,
    /// Case-insensitive: the literals are lower case and looked for in the
    /// lower-case haystack.
    folded: bool,
}

/// A set of literals to look for.
#[derive(Debug)]
enum Literals {
    /// The SIMD searcher for a few literals, where the CPU has it.
    Packed(packed::Searcher),
    /// Otherwise an automaton.
    Automaton(AhoCorasick),
}

impl Literals {
    fn new(words: &[&str]) -> Literals {
        match packed::Config::new().builder().extend(words).build() {
            Some(s) => Literals::Packed(s),
            None => Literals::Automaton(AhoCorasick::new(words).expect("constant literals")),
        }
    }

    fn in_text(&self, text: &str) -> bool {
        match self {
            Literals::Packed(s) => s.find(text).is_some(),
            Literals::Automaton(ac) => ac.is_match(text),
        }
    }

    /// Where the literals occur in `text`, left to right, without overlaps.
    fn each(&self, text: &str, mut at: impl FnMut(usize, usize)) {
        match self {
            Literals::Packed(s) => s.find_iter(text).for_each(|m| at(m.start(), m.end())),
            Literals::Automaton(ac) => ac.find_iter(text).for_each(|m| at(m.start(), m.end())),
        }
    }
}

impl Pattern {
    /// A pattern from its source. The source must compile with Unicode off too:
    /// no `.` or negated class, which could then match non-UTF-8 bytes.
    pub fn new(source: impl Into<String>) -> Pattern {
        Pattern {
            source: source.into(),
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
            needs: Vec::new(),
            folded: false,
        }
    }

    /// The pattern, with the promise that every match holds one of `words`
    /// (matched exactly, case included, or in lower case when the whole source
    /// is case-insensitive: it then starts with `(?i)`, and the words must be
    /// lower case). Can be given several times: each set must then hold.
    pub fn needs(mut self, words: &[&str]) -> Pattern {
        let folded = self.source.starts_with("(?i)");
        // Flags further on could turn case folding on or off for a part.
        let rest = &self.source[if folded { 4 } else { 0 }..];
        assert!(
            !rest.contains("(?i") && !rest.contains("(?-"),
            "case flags inside a pattern with literals"
        );
        assert!(!folded || words.iter().all(|w| *w == w.to_ascii_lowercase()));
        self.folded = folded;
        self.needs.push(Literals::new(words));
        self
    }

    /// False when `haystack` lacks a literal every match holds: then nothing matches.
    fn may_match(&self, haystack: &str) -> bool {
        let may = if self.needs.is_empty() {
            true
        } else if !self.folded {
            self.needs.iter().all(|l| l.in_text(haystack))
        } else if haystack.is_ascii() {
            thread_local! {
                /// The lower-case haystack, in a buffer kept between calls.
                static LOWER: RefCell<String> = const { RefCell::new(String::new()) };
            }
            LOWER.with_borrow_mut(|lower| {
                lower.clear();
                lower.push_str(haystack);
                lower.make_ascii_lowercase();
                self.needs.iter().all(|l| l.in_text(lower))
            })
        } else {
            true
        };
        debug_assert!(
            may || !self.on(haystack).is_match(haystack),
            "{}",
            self.source
        );
        may
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

    /// For each of `spans` of `text` (in order of their starts): false when the
    /// span surely holds no match, as [`Pattern::is_match`] on it would find by
    /// its literals. One search over the whole text, where a search per span
    /// costs more for many short spans (a document's sentences). A
    /// case-insensitive pattern searches `lower`, the text's lower-case copy (see
    /// `ascii_lower_copy`); without one, it rules nothing out.
    pub fn may_match_in(&self, text: &str, lower: Option<&str>, spans: &[Span]) -> Vec<bool> {
        let mut may = vec![true; spans.len()];
        let text = match (self.folded, lower) {
            (false, _) => text,
            (true, Some(lower)) => lower,
            (true, None) => return may,
        };
        let mut hit = vec![false; spans.len()];
        for set in &self.needs {
            hit.fill(false);
            // Spans before `first` end before the current occurrence.
            let mut first = 0;
            set.each(text, |a, b| {
                while spans.get(first).is_some_and(|s| s.end <= a) {
                    first += 1;
                }
                // Every span the occurrence touches: one that holds a literal
                // hidden by an overlapping occurrence reported instead is marked
                // too.
                for (h, _) in hit[first..]
                    .iter_mut()
                    .zip(&spans[first..])
                    .take_while(|(_, s)| s.start < b)
                {
                    *h = true;
                }
            });
            for (m, h) in may.iter_mut().zip(&hit) {
                *m &= *h;
            }
        }
        may
    }

    /// The matches in the sentences `spans` of `text` that may hold one (see
    /// [`Pattern::may_match_in`], without a lower-case copy), each as (its
    /// sentence's start, match start, match end) in `text`, in order.
    pub fn find_in_spans(&self, text: &str, spans: &[Span]) -> Vec<(usize, usize, usize)> {
        let may = self.may_match_in(text, None, spans);
        spans
            .iter()
            .zip(may)
            .filter(|(_, may)| *may)
            .flat_map(|(sp, _)| {
                self.find_iter(&text[sp.start..sp.end])
                    .map(move |m| (sp.start, sp.start + m.start(), sp.start + m.end()))
            })
            .collect()
    }

    /// The numbers of the groups named `names`, for [`Captures::get`]: cheaper
    /// than looking a group up by its name at every match. (Both forms number
    /// their groups alike: `(?-u)` opens no group.)
    pub fn groups<const N: usize>(&self, names: [&str; N]) -> [usize; N] {
        let re = self.on("");
        names.map(|n| {
            re.capture_names()
                .position(|x| x == Some(n))
                .expect("a group of the pattern")
        })
    }

    /// See [`Regex::is_match`].
    pub fn is_match(&self, haystack: &str) -> bool {
        self.may_match(haystack) && self.on(haystack).is_match(haystack)
    }

    /// See [`Regex::find`].
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        if !self.may_match(haystack) {
            return None;
        }
        self.on(haystack).find(haystack)
    }

    /// See [`Regex::find_iter`].
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Flatten<IntoIter<Matches<'r, 'h>>> {
        self.may_match(haystack)
            .then(|| self.on(haystack).find_iter(haystack))
            .into_iter()
            .flatten()
    }

    /// See [`Regex::captures`].
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        if !self.may_match(haystack) {
            return None;
        }
        self.on(haystack).captures(haystack)
    }

    /// See [`Regex::captures_iter`].
    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> Flatten<IntoIter<CaptureMatches<'r, 'h>>> {
        self.may_match(haystack)
            .then(|| self.on(haystack).captures_iter(haystack))
            .into_iter()
            .flatten()
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

    #[test]
    fn a_haystack_without_the_literals_is_not_searched() {
        let p = Pattern::new(r"\b(?:was|is)\s+founded\b").needs(&["founded"]);
        assert!(p.is_match("It was founded in 1990."));
        assert!(!p.is_match("It was launched."));
        let q = Pattern::new(r"\bfounded\b").needs(&["founded"]);
        assert!(q.find("nothing here").is_none());
        assert_eq!(q.find_iter("founded, founded").count(), 2);
        assert_eq!(q.captures_iter("unfounded").count(), 0);
        // Case-insensitive: the literals are looked for in lower case.
        let r = Pattern::new(r"(?i)\bfounded\b").needs(&["founded"]);
        assert!(r.is_match("FOUNDED in 1990"));
        assert!(!r.is_match("launched in 1990"));
        // Not ASCII: the regex decides (U+017F is a long s).
        assert!(!r.is_match("é launched"));
        let s = Pattern::new(r"(?i)\bsaid\b").needs(&["said"]);
        assert!(s.is_match("é \u{17F}aid"));
    }

    #[test]
    fn spans_without_the_literals_are_ruled_out() {
        let p = Pattern::new(r"(?i)\b(?:talks on|discussed)\s").needs(&["talk", "discuss"]);
        let text = "They met. They DISCUSSED trade. Talks on it. Nothing.";
        let spans: Vec<Span> = [(0, 9), (10, 31), (32, 44), (45, 53)]
            .iter()
            .map(|&(start, end)| Span { start, end })
            .collect();
        let may = |text: &str, spans: &[Span]| {
            p.may_match_in(text, super::super::ascii_lower_copy(text).as_deref(), spans)
        };
        assert_eq!(may(text, &spans), [false, true, true, false]);
        // An occurrence across two spans marks both.
        let spans = [Span { start: 0, end: 8 }, Span { start: 8, end: 12 }];
        assert_eq!(may("xx discussed", &spans), [true, true]);
        // Text that is not ASCII rules nothing out.
        assert_eq!(may("é", &[Span { start: 0, end: 2 }]), [true]);
    }
}
