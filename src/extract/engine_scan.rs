//! (Speed) How the engine runs fast: token tests with their words as word ids
//! ([`vocab`]), the tests a match's first token must pass (starts where none
//! does are not tried), and the machine's scratch space kept per thread.

use super::{Event, MentionKind, Node, Test};
use crate::extract::vocab;
use crate::ontology::EntityKind;

/// (Speed) A token test as it runs: [`Test`] with its words as word ids
/// ([`vocab`]), tested as bits.
#[derive(Clone, Debug)]
pub(super) enum Tok {
    /// Any token.
    Any,
    /// One of these words.
    Words(WordSet),
    Cap,
    Low,
    Num,
    Ord,
    Word,
    Punct,
    Mention(MentionKind),
    /// One of these words, or a token that passes one of the tests.
    Or(WordSet, Vec<Tok>),
}

impl Tok {
    pub(super) fn of(test: &Test) -> Tok {
        let ids = |words: &[String]| WordSet::new(words.iter().map(|w| vocab::intern(w)).collect());
        match test {
            Test::Words(w) if w.is_empty() => Tok::Any,
            Test::Words(w) => Tok::Words(ids(w)),
            Test::Cap => Tok::Cap,
            Test::Low => Tok::Low,
            Test::Num => Tok::Num,
            Test::Ord => Tok::Ord,
            Test::Word => Tok::Word,
            Test::Punct => Tok::Punct,
            Test::Mention(k) => Tok::Mention(*k),
            Test::Or(w, tests) => Tok::Or(ids(w), tests.iter().map(Tok::of).collect()),
        }
    }
}

/// (Speed) A set of word ids ([`vocab`]): sorted, and as one bit per id, so
/// that asking for a word is one bit look-up.
#[derive(Clone, Debug)]
pub(super) struct WordSet {
    /// The ids, sorted, without repeats.
    pub(super) ids: Box<[u32]>,
    /// Bit `id % 64` of word `id / 64` is set for each id.
    bits: Box<[u64]>,
}

impl WordSet {
    pub(super) fn new(mut ids: Vec<u32>) -> WordSet {
        ids.sort_unstable();
        ids.dedup();
        let mut bits = vec![0u64; ids.last().map_or(0, |&m| m as usize / 64 + 1)];
        for &id in &ids {
            bits[id as usize / 64] |= 1 << (id % 64);
        }
        WordSet {
            ids: ids.into(),
            bits: bits.into(),
        }
    }

    /// Whether the set holds `id` (never [`vocab::NONE`], the id of a word no
    /// pattern tests: it is past every set's bits).
    #[inline]
    pub(super) fn holds(&self, id: u32) -> bool {
        self.bits
            .get(id as usize / 64)
            .is_some_and(|b| b >> (id % 64) & 1 != 0)
    }
}

/// (Speed) The bit of a mention test in [`mention_bits`]: one per entity kind,
/// and one each for meeting instances and series.
pub(super) fn kind_bit(k: MentionKind) -> u16 {
    match k {
        MentionKind::Kind(kind) => 1 << (kind as u16),
        MentionKind::Instance => 1 << 8,
        MentionKind::Series => 1 << 9,
    }
}

/// (Speed) The bits of the mention tests a mention of an entity of `kind` (a
/// recurring one if `series`) passes: `kind_bit(k) & mention_bits(kind,
/// series) != 0` exactly when `k.accepts(kind, series)`.
pub(super) fn mention_bits(kind: EntityKind, series: bool) -> u16 {
    let meeting = match (kind, series) {
        (EntityKind::Meeting, false) => kind_bit(MentionKind::Instance),
        (EntityKind::Meeting, true) => kind_bit(MentionKind::Series),
        _ => 0,
    };
    kind_bit(MentionKind::Kind(kind)) | meeting
}

impl super::Sentence<'_> {
    /// (Speed) The common tests here, the others out of line.
    #[inline]
    pub(super) fn passes(&self, test: &Tok, at: usize) -> bool {
        match test {
            Tok::Any => true,
            Tok::Words(w) => w.holds(self.words.id(at, self.tokens[at].text)),
            Tok::Mention(k) => self.marks[at] & kind_bit(*k) != 0,
            _ => self.passes_other(test, at),
        }
    }

    #[inline(never)]
    fn passes_other(&self, test: &Tok, at: usize) -> bool {
        let t = &self.tokens[at];
        match test {
            Tok::Any => true,
            Tok::Words(w) => w.holds(self.words.id(at, t.text)),
            Tok::Cap => t.is_capitalised(),
            Tok::Low => t.text.chars().next().is_some_and(char::is_lowercase),
            Tok::Num => {
                t.text.starts_with(|c: char| c.is_ascii_digit())
                    && t.text.chars().all(|c| c.is_ascii_digit() || c == ',')
            }
            Tok::Ord => is_ordinal(&t.lower()),
            Tok::Word => t.is_word(),
            Tok::Punct => !t.is_word(),
            Tok::Mention(k) => self.marks[at] & kind_bit(*k) != 0,
            Tok::Or(w, tests) => {
                w.holds(self.words.id(at, t.text)) || tests.iter().any(|t| self.passes(t, at))
            }
        }
    }
}

/// "3rd", "21st", "third".
fn is_ordinal(w: &str) -> bool {
    const WORDS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    if WORDS.contains(&w) {
        return true;
    }
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// (Speed) The machine's scratch space, kept by each thread between searches so
/// that a search allocates and clears nothing: the visited states as stamps (a
/// state is visited when its stamp is the current one; a new search, or a new
/// start after a match, takes the next stamp instead of clearing), the stack and
/// the log.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) stamps: Vec<u32>,
    pub(super) stamp: u32,
    /// (instruction, token, log length, event to log first, whether to try
    /// a lazy `Skip`'s token first) to resume from.
    pub(super) stack: Vec<(usize, usize, usize, Option<Event>, bool)>,
    pub(super) log: Vec<Event>,
}

impl Scratch {
    /// Forgets every visited state, with room for `states` of them.
    pub(super) fn fresh(&mut self, states: usize) {
        if self.stamps.len() < states {
            self.stamps.resize(states, 0);
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.stamps.fill(0);
            self.stamp = 1;
        }
    }
}

/// Runs `f` with this thread's [`Scratch`] (a new one if it is in use).
pub(super) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
    }
    SCRATCH.with(|c| match c.try_borrow_mut() {
        Ok(mut sc) => f(&mut sc),
        Err(_) => f(&mut Scratch::default()),
    })
}

/// (Speed) The tests one of which the first token of every match of the
/// sequence `nodes` passes (`None`: any token may start a match), and whether
/// the sequence can match no token (then what follows it may start the match).
/// Look-behinds consume nothing and are passed over: they only narrow the
/// matches further.
pub(super) fn first_of(nodes: &[Node]) -> (Option<Vec<Test>>, bool) {
    let mut tests = Vec::new();
    for node in nodes {
        let (mine, empty) = match node {
            Node::Behind(..) => continue,
            Node::Test(Test::Words(w), false) if w.is_empty() => return (None, false),
            Node::Test(t, false) => (Some(vec![t.clone()]), false),
            Node::Test(_, true) => return (None, false),
            Node::Repeat(inner, min, ..) => {
                let (t, e) = first_of(std::slice::from_ref(inner));
                (t, e || *min == 0)
            }
            Node::Group(alts, _) => {
                let mut all = Vec::new();
                let mut empty = false;
                for alt in alts {
                    let (t, e) = first_of(alt);
                    let Some(t) = t else {
                        return (None, false);
                    };
                    all.extend(t);
                    empty |= e;
                }
                (Some(all), empty)
            }
        };
        let Some(mine) = mine else {
            return (None, false);
        };
        tests.extend(mine);
        if !empty {
            return (Some(tests), false);
        }
    }
    (Some(tests), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_bits_say_what_accepts_says() {
        let mut tests: Vec<MentionKind> = EntityKind::ALL.map(MentionKind::Kind).to_vec();
        tests.extend([MentionKind::Instance, MentionKind::Series]);
        for k in tests {
            for kind in EntityKind::ALL {
                for series in [false, true] {
                    let bits = kind_bit(k) & mention_bits(kind, series) != 0;
                    assert_eq!(bits, k.accepts(kind, series), "{k:?} {kind:?} {series}");
                }
            }
        }
    }

    #[test]
    fn word_sets_hold_their_ids_only() {
        let set = WordSet::new(vec![130, 3, 64, 3, 0]);
        assert_eq!(&*set.ids, [0, 3, 64, 130]);
        for id in 0..300 {
            assert_eq!(set.holds(id), [0, 3, 64, 130].contains(&id), "{id}");
        }
        assert!(!set.holds(vocab::NONE));
        assert!(!WordSet::new(Vec::new()).holds(0));
    }
}
