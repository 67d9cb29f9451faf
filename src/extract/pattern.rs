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
//! and not in haystacks with the Kelvin sign or the long s (which the pattern's
//! `k` and `s` also match).

use crate::document::Span;
use aho_corasick::AhoCorasick;
use aho_corasick::packed;
use regex::{CaptureMatches, Captures, Match, Matches, Regex};
use std::cell::RefCell;
use std::sync::{LazyLock, OnceLock};

/// A regex with an ASCII-only twin for ASCII haystacks.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    unicode: OnceLock<Regex>,
    /// The ASCII form (`None`: it does not compile, and only the Unicode form
    /// serves, on text that is not ASCII).
    ascii: OnceLock<Option<Regex>>,
    /// Whether text that is not ASCII may be searched through its [`Shadow`]
    /// with the ASCII form (see [`shadowable`]).
    shadow: bool,
    /// Sets of literals: every match holds one literal of each set.
    needs: Vec<Literals>,
    /// Case-insensitive: the literals are lower case and looked for in the
    /// lower-case haystack.
    folded: bool,
    /// Every literal is ASCII (see [`folds_to_ascii_alike`]).
    ascii_literals: bool,
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

    /// The first occurrence of a literal in `text` from byte `from` on (as a
    /// search for every occurrence, without overlaps, finds it next after one
    /// ending there).
    fn first_from(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let span = aho_corasick::Span {
            start: from,
            end: text.len(),
        };
        match self {
            Literals::Packed(s) => s.find_in(text, span).map(|m| (m.start(), m.end())),
            Literals::Automaton(ac) => ac
                .find(aho_corasick::Input::new(text).span(span))
                .map(|m| (m.start(), m.end())),
        }
    }
}

impl Pattern {
    /// A pattern from its source. The source must compile with Unicode off too:
    /// no `.` or negated class, which could then match non-UTF-8 bytes.
    pub fn new(source: impl Into<String>) -> Pattern {
        let source = source.into();
        Pattern {
            shadow: shadowable(&source),
            source,
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
            needs: Vec::new(),
            folded: false,
            ascii_literals: true,
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
        self.ascii_literals &= words.iter().all(|w| w.is_ascii());
        self.needs.push(Literals::new(words));
        self
    }

    /// False when `haystack` lacks a literal every match holds: then nothing matches.
    fn may_match(&self, haystack: &str) -> bool {
        let may = if self.needs.is_empty() {
            true
        } else if !self.folded {
            self.needs.iter().all(|l| l.in_text(haystack))
        } else if self.lowers_alike(haystack) {
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

    /// Whether this case-insensitive pattern's literals may be looked for in
    /// `text` lowered byte for byte (see [`folds_to_ascii_alike`]).
    fn lowers_alike(&self, text: &str) -> bool {
        text.is_ascii() || self.ascii_literals && folds_to_ascii_alike(text)
    }

    /// The regex to search `haystack` with (the whole haystack the search reads).
    fn on(&self, haystack: &str) -> &Regex {
        // An ASCII form may not compile (`.` could match a byte of no character).
        if haystack.is_ascii()
            && let Some(ascii) = self.ascii_form()
        {
            return ascii;
        }
        self.unicode_form()
    }

    /// The Unicode form, compiled when first asked for.
    fn unicode_form(&self) -> &Regex {
        self.unicode
            .get_or_init(|| Regex::new(&self.source).expect("constant regex"))
    }

    /// The ASCII form, compiled when first asked for (`None`: it does not
    /// compile).
    fn ascii_form(&self) -> Option<&Regex> {
        self.ascii
            .get_or_init(|| Regex::new(&format!("(?-u){}", self.source)).ok())
            .as_ref()
    }

    /// (Speed) Runs `f` with the ASCII form and the [`Shadow`] of `haystack`, when
    /// the haystack is not ASCII and its shadow is searched instead of it (see
    /// [`Shadow`]); `None` otherwise (the haystack is searched as it is).
    fn shadowed<R>(&self, haystack: &str, f: impl FnOnce(&Regex, &Shadow) -> R) -> Option<R> {
        if haystack.is_ascii() || !self.shadow {
            return None;
        }
        let re = self.ascii_form()?;
        with_shadow(haystack, |sh| sh.map(|sh| f(re, sh)))
    }

    /// For each of `spans` of `text` (in order of their starts): false when the
    /// span surely holds no match, as [`Pattern::is_match`] on it would find by
    /// its literals. One search over the whole text, where a search per span
    /// costs more for many short spans (a document's sentences). A
    /// case-insensitive pattern searches `lower`, the text's lower-case copy (see
    /// `ascii_lower_copy`); without one, it rules nothing out.
    pub fn may_match_in(&self, text: &str, lower: Option<&str>, spans: &[Span]) -> Vec<bool> {
        let mut may = vec![true; spans.len()];
        let own;
        let text = match (self.folded, lower) {
            (false, _) => text,
            (true, Some(lower)) => lower,
            // (Speed) Text that is not ASCII, lowered here (see
            // `folds_to_ascii_alike`); a huge one is not copied.
            (true, None) if text.len() <= 1 << 20 && self.lowers_alike(text) => {
                own = text.to_ascii_lowercase();
                &own
            }
            (true, None) => return may,
        };
        let mut hit = vec![false; spans.len()];
        for set in &self.needs {
            hit.fill(false);
            // Spans before `first` end before the current occurrence.
            let mut first = 0;
            let mut from = 0;
            while let Some((a, b)) = set.first_from(text, from) {
                while spans.get(first).is_some_and(|s| s.end <= a) {
                    first += 1;
                }
                // Every span the occurrence touches: one that holds a literal
                // hidden by an overlapping occurrence reported instead is marked
                // too.
                let touched = hit[first..]
                    .iter_mut()
                    .zip(&spans[first..])
                    .take_while(|(_, s)| s.start < b)
                    .map(|(h, _)| *h = true)
                    .count();
                // (Speed) The rest of the last span touched is not searched: it is
                // marked, and an occurrence that starts there lies in no later
                // span, whose own occurrences a search from its end finds.
                from = match touched {
                    0 => b,
                    n => b.max(spans[first + n - 1].end),
                }
                .max(from + 1);
                if from >= text.len() {
                    break;
                }
            }
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
        if !self.may_match(haystack) {
            return false;
        }
        match self.shadowed(haystack, |re, sh| re.is_match(&sh.text)) {
            Some(found) => {
                debug_assert_eq!(
                    found,
                    self.unicode_form().is_match(haystack),
                    "{}",
                    self.source
                );
                found
            }
            None => self.on(haystack).is_match(haystack),
        }
    }

    /// See [`Regex::find`].
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Hit<'h>> {
        if !self.may_match(haystack) {
            return None;
        }
        match self.shadowed(haystack, |re, sh| {
            re.find(&sh.text)
                .map(|m| sh.hit(haystack, m.start(), m.end()))
        }) {
            Some(found) => {
                debug_assert_eq!(
                    found,
                    self.unicode_form().find(haystack).map(Hit::from),
                    "{}",
                    self.source
                );
                found
            }
            None => self.on(haystack).find(haystack).map(Hit::from),
        }
    }

    /// See [`Regex::find_at`]: the first match from byte `start` on (a character
    /// boundary), with the text before it seen by `\b`.
    pub fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Hit<'h>> {
        if !self.may_match(haystack) {
            return None;
        }
        match self.shadowed(haystack, |re, sh| {
            // The shadow's byte that stands for the character at `start`.
            let from = sh.at.partition_point(|&a| a < start);
            re.find_at(&sh.text, from)
                .map(|m| sh.hit(haystack, m.start(), m.end()))
        }) {
            Some(found) => {
                debug_assert_eq!(
                    found,
                    self.unicode_form().find_at(haystack, start).map(Hit::from),
                    "{}",
                    self.source
                );
                found
            }
            None => self.on(haystack).find_at(haystack, start).map(Hit::from),
        }
    }

    /// See [`Regex::find_iter`].
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Hits<'r, 'h> {
        if !self.may_match(haystack) {
            return Hits::Found(Vec::new().into_iter());
        }
        match self.shadowed(haystack, |re, sh| {
            re.find_iter(&sh.text)
                .map(|m| sh.hit(haystack, m.start(), m.end()))
                .collect::<Vec<_>>()
        }) {
            Some(found) => {
                debug_assert_eq!(
                    found,
                    self.unicode_form()
                        .find_iter(haystack)
                        .map(Hit::from)
                        .collect::<Vec<_>>(),
                    "{}",
                    self.source
                );
                Hits::Found(found.into_iter())
            }
            None => Hits::Regex(self.on(haystack).find_iter(haystack)),
        }
    }

    /// See [`Regex::captures`].
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Caps<'h>> {
        if !self.may_match(haystack) {
            return None;
        }
        match self.shadowed(haystack, |re, sh| {
            re.captures(&sh.text).map(|c| sh.caps(haystack, re, &c))
        }) {
            Some(found) => {
                debug_assert!(
                    same_groups(
                        found.as_ref(),
                        self.unicode_form()
                            .captures(haystack)
                            .map(Caps::Regex)
                            .as_ref()
                    ),
                    "{}",
                    self.source
                );
                found
            }
            None => self.on(haystack).captures(haystack).map(Caps::Regex),
        }
    }

    /// See [`Regex::captures_iter`].
    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> CapsIter<'r, 'h> {
        if !self.may_match(haystack) {
            return CapsIter::Found(Vec::new().into_iter());
        }
        match self.shadowed(haystack, |re, sh| {
            re.captures_iter(&sh.text)
                .map(|c| sh.caps(haystack, re, &c))
                .collect::<Vec<_>>()
        }) {
            Some(found) => {
                debug_assert!(
                    {
                        let want: Vec<Caps> = self
                            .unicode_form()
                            .captures_iter(haystack)
                            .map(Caps::Regex)
                            .collect();
                        found.len() == want.len()
                            && found
                                .iter()
                                .zip(&want)
                                .all(|(a, b)| same_groups(Some(a), Some(b)))
                    },
                    "{}",
                    self.source
                );
                CapsIter::Found(found.into_iter())
            }
            None => CapsIter::Regex(self.on(haystack).captures_iter(haystack)),
        }
    }
}

/// Whether two sets of groups are the same matches (for the checks of debug
/// builds).
fn same_groups(a: Option<&Caps>, b: Option<&Caps>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.len() == b.len() && (0..a.len()).all(|i| a.get(i) == b.get(i)),
        _ => false,
    }
}

/// Whether ASCII literals of a case-insensitive pattern (lower case) may be
/// looked for in `text` lowered byte for byte (`to_ascii_lowercase`): a match of
/// the Unicode form holds a literal in some case, and only two characters that
/// are not ASCII fold to ASCII letters (the Kelvin sign to `k`, the long s to
/// `s`); without them, the literal's characters in such a match are ASCII.
fn folds_to_ascii_alike(text: &str) -> bool {
    !text.contains(['\u{212A}', '\u{17F}'])
}

/// (Speed) Whether text that is not ASCII may be searched with the ASCII form of
/// `source` through its [`Shadow`]: the source is ASCII and nothing in it can
/// match the bytes that stand for other characters there (`_`, U+0001, U+000B)
/// but `\w` and `\s`: no `_`, no control character, no escape of a byte or a
/// Unicode class, no POSIX class, and no range that could hold `_` (any `-`
/// between a character up to `_` and one from `_` on counts as one).
fn shadowable(source: &str) -> bool {
    let b = source.as_bytes();
    source.is_ascii()
        && !b.iter().any(|&c| c < 0x20 || c == b'_' || c == 0x7f)
        && !["\\x", "\\u", "\\U", "\\v", "\\p", "\\P", "[:"]
            .iter()
            .any(|e| source.contains(e))
        && !b
            .windows(3)
            .any(|w| w[1] == b'-' && w[0] <= b'_' && w[2] >= b'_' && w[0] != b'\\')
}

/// (Speed) A text that is not ASCII as the ASCII form of a pattern can search it
/// in place of the Unicode form (whose lazy DFA gives up at the first non-ASCII
/// byte of a text, when the pattern has a word boundary, for engines that are
/// many times slower): each character is one byte, ASCII as it is, any other
/// by the byte that every part of a [`shadowable`] pattern takes for it as the
/// Unicode form takes the character: a word character (Unicode `\w`) is `_`, a
/// space (Unicode `\s`) U+000B, any other U+0001. The ASCII form then matches
/// in the shadow exactly what the Unicode form matches in the text, character
/// for character. Texts with a character that no byte stands for (a digit that
/// is not ASCII, the Kelvin sign and the long s, which case folding makes `k`
/// and `s`) have no shadow.
pub struct Shadow {
    /// The text shadowed.
    original: String,
    /// The shadow.
    text: String,
    /// By byte of the shadow (and its end): the byte of the text it stands for.
    at: Vec<usize>,
}

impl Shadow {
    /// The shadow of `text`, if it has one.
    fn of(text: &str, sh: &mut Shadow) -> bool {
        static WORD: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\w$").expect("constant regex"));
        static SPACE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s$").expect("constant regex"));
        static DIGIT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\d$").expect("constant regex"));
        sh.original.clear();
        sh.text.clear();
        sh.at.clear();
        let mut buf = [0u8; 4];
        for (i, c) in text.char_indices() {
            let b = if c.is_ascii() {
                c as u8
            } else {
                if matches!(c, '\u{212A}' | '\u{17F}') {
                    return false;
                }
                let one: &str = c.encode_utf8(&mut buf);
                if DIGIT.is_match(one) {
                    return false;
                } else if WORD.is_match(one) {
                    b'_'
                } else if SPACE.is_match(one) {
                    0x0b
                } else {
                    0x01
                }
            };
            sh.text.push(char::from(b));
            sh.at.push(i);
        }
        sh.at.push(text.len());
        sh.original.push_str(text);
        true
    }

    /// The match at `start..end` of the shadow, in `haystack` (the text shadowed).
    fn hit<'h>(&self, haystack: &'h str, start: usize, end: usize) -> Hit<'h> {
        let (a, b) = (self.at[start], self.at[end]);
        Hit {
            start: a,
            end: b,
            text: &haystack[a..b],
        }
    }

    /// The groups of a match in the shadow, in `haystack`.
    fn caps<'h>(&self, haystack: &'h str, re: &Regex, c: &Captures) -> Caps<'h> {
        Caps::Found {
            groups: c
                .iter()
                .map(|m| m.map(|m| self.hit(haystack, m.start(), m.end())))
                .collect(),
            names: re.capture_names().map(|n| n.map(str::to_owned)).collect(),
        }
    }
}

/// Runs `f` with the [`Shadow`] of `text` (`None`: it has none), kept by the
/// thread for the next searches of the same text (a document's text is searched
/// by many patterns, and so is each sentence, in turns).
fn with_shadow<R>(text: &str, f: impl FnOnce(Option<&Shadow>) -> R) -> R {
    /// How many texts a thread keeps the shadows of.
    const KEPT: usize = 4;
    thread_local! {
        /// The texts shadowed last, the most recent first: each shadow, and
        /// whether the text has one.
        static LAST: RefCell<Vec<(Shadow, bool)>> = const { RefCell::new(Vec::new()) };
    }
    LAST.with(|cell| {
        let Ok(mut last) = cell.try_borrow_mut() else {
            let mut sh = Shadow {
                original: String::new(),
                text: String::new(),
                at: Vec::new(),
            };
            let ok = Shadow::of(text, &mut sh);
            return f(ok.then_some(&sh));
        };
        match last.iter().position(|(sh, _)| sh.original == text) {
            Some(i) => last[..=i].rotate_right(1),
            None => {
                // The least recent one's buffers are reused.
                let mut entry = if last.len() < KEPT {
                    let empty = Shadow {
                        original: String::new(),
                        text: String::new(),
                        at: Vec::new(),
                    };
                    (empty, false)
                } else {
                    last.pop().expect("a kept shadow")
                };
                let (sh, ok) = &mut entry;
                *ok = Shadow::of(text, sh);
                if !*ok {
                    // Remembered as having none.
                    sh.original.clear();
                    sh.original.push_str(text);
                    sh.at.clear();
                }
                last.insert(0, entry);
            }
        }
        let (sh, ok) = &last[0];
        f(ok.then_some(sh))
    })
}

/// A match: where it is in the haystack, and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit<'h> {
    start: usize,
    end: usize,
    text: &'h str,
}

impl<'h> Hit<'h> {
    /// Where the match starts (a byte of the haystack).
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where it ends (exclusive).
    pub fn end(&self) -> usize {
        self.end
    }

    /// Its text.
    pub fn as_str(&self) -> &'h str {
        self.text
    }

    /// Its byte range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl<'h> From<Match<'h>> for Hit<'h> {
    fn from(m: Match<'h>) -> Hit<'h> {
        Hit {
            start: m.start(),
            end: m.end(),
            text: m.as_str(),
        }
    }
}

/// The groups of a match (see [`Captures`]).
#[derive(Debug)]
pub enum Caps<'h> {
    /// As the regex found them in the haystack.
    Regex(Captures<'h>),
    /// Found in a [`Shadow`]: each group's match in the haystack, and the group
    /// names by number.
    Found {
        /// Each group's match, by number.
        groups: Vec<Option<Hit<'h>>>,
        /// Each group's name, by number.
        names: Vec<Option<String>>,
    },
}

impl<'h> Caps<'h> {
    /// Group `i` (0: the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Hit<'h>> {
        match self {
            Caps::Regex(c) => c.get(i).map(Hit::from),
            Caps::Found { groups, .. } => groups.get(i).copied().flatten(),
        }
    }

    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Hit<'h>> {
        match self {
            Caps::Regex(c) => c.name(name).map(Hit::from),
            Caps::Found { groups, names } => names
                .iter()
                .position(|n| n.as_deref() == Some(name))
                .and_then(|i| groups.get(i).copied().flatten()),
        }
    }

    /// The number of groups (the whole match included).
    pub fn len(&self) -> usize {
        match self {
            Caps::Regex(c) => c.len(),
            Caps::Found { groups, .. } => groups.len(),
        }
    }

    /// Whether there is no group (never: the whole match is one).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::ops::Index<usize> for Caps<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.text)
            .expect("a group that took part in the match")
    }
}

impl std::ops::Index<&str> for Caps<'_> {
    type Output = str;
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .map(|m| m.text)
            .expect("a group that took part in the match")
    }
}

/// The matches of [`Pattern::find_iter`].
pub enum Hits<'r, 'h> {
    /// Found by the regex as the caller takes them.
    Regex(Matches<'r, 'h>),
    /// Found already (in a [`Shadow`]).
    Found(std::vec::IntoIter<Hit<'h>>),
}

impl<'h> Iterator for Hits<'_, 'h> {
    type Item = Hit<'h>;
    fn next(&mut self) -> Option<Hit<'h>> {
        match self {
            Hits::Regex(m) => m.next().map(Hit::from),
            Hits::Found(v) => v.next(),
        }
    }
}

/// The matches of [`Pattern::captures_iter`].
pub enum CapsIter<'r, 'h> {
    /// Found by the regex as the caller takes them.
    Regex(CaptureMatches<'r, 'h>),
    /// Found already (in a [`Shadow`]).
    Found(std::vec::IntoIter<Caps<'h>>),
}

impl<'h> Iterator for CapsIter<'_, 'h> {
    type Item = Caps<'h>;
    fn next(&mut self) -> Option<Caps<'h>> {
        match self {
            CapsIter::Regex(m) => m.next().map(Caps::Regex),
            CapsIter::Found(v) => v.next(),
        }
    }
}

#[cfg(test)]
#[path = "pattern_tests.rs"]
mod tests;
