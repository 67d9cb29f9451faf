//! (Speed) A pattern searched only in the runs of text between punctuation that
//! hold one of its words, and the groups of its matches at their place in the
//! text.

use super::super::pattern::{Caps, Hit, Pattern};
use memchr::memmem;

/// (Speed) A group of a match that [`in_runs`] found, at its place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Group<'t> {
    start: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
    /// Where the group starts in the text.
    pub(super) fn start(&self) -> usize {
        self.start
    }

    /// Where it ends (exclusive).
    pub(super) fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Its text.
    pub(super) fn as_str(&self) -> &'t str {
        self.text
    }
}

/// (Speed) A match that [`in_runs`] found: its groups, read in a run starting at
/// byte `at` of the text.
pub(super) struct RunCaps<'t> {
    at: usize,
    caps: Caps<'t>,
}

impl<'t> RunCaps<'t> {
    /// Group `i` (0: the whole match), if it took part in the match.
    pub(super) fn get(&self, i: usize) -> Option<Group<'t>> {
        self.caps.get(i).map(|h| self.group(h))
    }

    /// The group named `name`, if it took part in the match.
    pub(super) fn name(&self, name: &str) -> Option<Group<'t>> {
        self.caps.name(name).map(|h| self.group(h))
    }

    fn group(&self, h: Hit<'t>) -> Group<'t> {
        Group {
            start: self.at + h.start(),
            text: h.as_str(),
        }
    }
}

/// Whether byte `b` ends a run for [`in_runs`]: ASCII punctuation that is no
/// word character (not `'`, `-` or `_`, which names and patterns hold).
fn run_break(b: u8) -> bool {
    matches!(
        b,
        b'.' | b','
            | b';'
            | b':'
            | b'!'
            | b'?'
            | b'('
            | b')'
            | b'"'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'|'
            | b'<'
            | b'>'
    )
}

/// (Speed) The matches of `p` in `text` (as its `captures_iter` finds them),
/// searched only in the runs of text between two [`run_break`] bytes that hold
/// one of `needles`, instead of the whole text.
///
/// The same matches, when (as the caller must make sure) every match of `p`
/// holds one of `needles`, no match holds a break byte, and `p` looks around
/// only with `\b` (or `(?:^|\b)` before a word character): a match then lies
/// in one run; a break byte is no word character, so a word boundary at a run's
/// edge is one in the text too; and the matches of two runs cannot overlap.
pub(super) fn in_runs<'t>(p: &Pattern, text: &'t str, needles: &[&str]) -> Vec<RunCaps<'t>> {
    debug_assert!(
        needles
            .iter()
            .all(|n| !n.is_empty() && !n.bytes().any(run_break))
    );
    let b = text.as_bytes();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for n in needles {
        // The end of the last run of this needle: later ones in it are skipped.
        let mut last_end = 0;
        for at in memmem::find_iter(b, n.as_bytes()) {
            if at < last_end {
                continue;
            }
            let start = b[..at]
                .iter()
                .rposition(|&c| run_break(c))
                .map_or(0, |i| i + 1);
            let end = b[at..]
                .iter()
                .position(|&c| run_break(c))
                .map_or(b.len(), |i| at + i);
            runs.push((start, end));
            last_end = end;
        }
    }
    runs.sort_unstable();
    runs.dedup();
    runs.into_iter()
        .flat_map(|(start, end)| {
            p.captures_iter(&text[start..end])
                .map(move |caps| RunCaps { at: start, caps })
        })
        .collect()
}
