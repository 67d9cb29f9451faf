//! (Speed) How the engine runs fast: token tests with their words as word ids
//! ([`vocab`]), the tests a match's first token must pass (starts where none
//! does are not tried), and the machine's scratch space kept per thread.

use super::{Event, MentionKind, Node, Test};
use crate::extract::vocab;

/// (Speed) A token test as it runs: [`Test`] with its words as sorted word ids
/// ([`vocab`]), compared as numbers.
#[derive(Clone, Debug)]
pub(super) enum Tok {
    /// Any token.
    Any,
    /// One of these words.
    Words(Box<[u32]>),
    Cap,
    Low,
    Num,
    Ord,
    Word,
    Punct,
    Mention(MentionKind),
    /// One of these words, or a token that passes one of the tests.
    Or(Box<[u32]>, Vec<Tok>),
}

impl Tok {
    pub(super) fn of(test: &Test) -> Tok {
        let ids = |words: &[String]| -> Box<[u32]> {
            let mut ids: Vec<u32> = words.iter().map(|w| vocab::intern(w)).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.into()
        };
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

/// Whether the sorted `ids` hold `id`.
pub(super) fn holds(ids: &[u32], id: u32) -> bool {
    // (Speed) A word no pattern tests is in no list.
    if id == super::super::vocab::NONE {
        false
    } else if ids.len() <= 8 {
        ids.contains(&id)
    } else {
        ids.binary_search(&id).is_ok()
    }
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
    pub(super) stack: Vec<(usize, usize, usize, Option<Event>)>,
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
