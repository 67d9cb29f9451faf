//! Provenance: the id of the rule that read a fact, and the set of rules that
//! read an edge's evidence sentence.
//!
//! A rule id is `family.rule` (`lead.led_by`, `lexicon.country`). Built-in rules
//! name themselves with a `&'static str`; ids known only at run time (a user's
//! rule file, a graph file read back) are interned: each distinct id is kept once
//! for the life of the process, so a [`Rule`] is a copyable pointer whatever its
//! origin. Sets of rules are interned the same way ([`Rules`]): an evidence
//! sentence carries one pointer, equal sets share it, and the common case (one
//! rule, the same for thousands of sentences) costs no allocation per sentence.
//!
//! Rules compare by their text, never by address, so the order of everything
//! written is that of the ids, whatever order they were interned in.

use rustc_hash::FxHashSet as HashSet;
use std::cell::RefCell;
use std::sync::{Mutex, OnceLock};

/// The id of a rule, `family.rule`.
#[derive(Clone, Copy)]
pub struct Rule(&'static str);

impl Rule {
    /// A built-in rule's id.
    pub const fn new(id: &'static str) -> Rule {
        Rule(id)
    }

    /// The rule named `id`, which may be known only at run time: each distinct
    /// id is copied once for the life of the process.
    pub fn intern(id: &str) -> Rule {
        static IDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
        let ids = IDS.get_or_init(Default::default);
        let mut ids = ids.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&s) = ids.get(id) {
            return Rule(s);
        }
        let s: &'static str = Box::leak(id.to_string().into_boxed_str());
        ids.insert(s);
        Rule(s)
    }

    /// The id.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl From<&'static str> for Rule {
    fn from(id: &'static str) -> Rule {
        Rule(id)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        std::ptr::eq(self.0, other.0) || self.0 == other.0
    }
}

impl Eq for Rule {}

impl std::hash::Hash for Rule {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.hash(h)
    }
}

impl Ord for Rule {
    fn cmp(&self, other: &Rule) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Rule) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// A set of rules, sorted by id, without repeats: interned, so that it is one
/// pointer, equal sets are the same pointer and copying one costs nothing.
#[derive(Clone, Copy)]
pub struct Rules(&'static [Rule]);

/// The interned sets.
fn sets() -> std::sync::MutexGuard<'static, HashSet<&'static [Rule]>> {
    static SETS: OnceLock<Mutex<HashSet<&'static [Rule]>>> = OnceLock::new();
    let sets = SETS.get_or_init(Default::default);
    sets.lock().unwrap_or_else(|e| e.into_inner())
}

impl Rules {
    /// No rule.
    pub const NONE: Rules = Rules(&[]);

    /// The set of the rules in `sorted`, which is sorted and without repeats.
    fn interned(sorted: &[Rule]) -> Rules {
        if sorted.is_empty() {
            return Rules::NONE;
        }
        let mut sets = sets();
        if let Some(&s) = sets.get(sorted) {
            return Rules(s);
        }
        let s: &'static [Rule] = Box::leak(sorted.to_vec().into_boxed_slice());
        sets.insert(s);
        Rules(s)
    }

    /// The set of one rule.
    pub fn one(rule: impl Into<Rule>) -> Rules {
        Rules::interned(&[rule.into()])
    }

    /// The set of `rules`, in any order, with repeats.
    pub fn of(rules: impl IntoIterator<Item = Rule>) -> Rules {
        let mut v: Vec<Rule> = rules.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        Rules::interned(&v)
    }

    /// The set of the rules named in `names` (ids read from a file), in any
    /// order. Sets read often are found without a lock (a cache per thread).
    pub fn named<'s>(names: impl IntoIterator<Item = &'s str>) -> Rules {
        thread_local! {
            static CACHE: RefCell<(String, rustc_hash::FxHashMap<String, Rules>)> =
                RefCell::default();
        }
        CACHE.with(|c| {
            let (key, cache) = &mut *c.borrow_mut();
            // Each name after its length, so that any name reads back.
            key.clear();
            for name in names {
                key.push_str(itoa::Buffer::new().format(name.len()));
                key.push(':');
                key.push_str(name);
            }
            if key.is_empty() {
                return Rules::NONE;
            }
            if let Some(&r) = cache.get(key.as_str()) {
                return r;
            }
            let mut rules = Vec::new();
            let mut rest = key.as_str();
            while let Some((len, tail)) = rest.split_once(':') {
                let len: usize = len.parse().unwrap_or(0);
                rules.push(Rule::intern(&tail[..len]));
                rest = &tail[len..];
            }
            let r = Rules::of(rules);
            // Bounded: a file of many odd sets does not grow the cache for ever.
            if cache.len() >= 4096 {
                cache.clear();
            }
            cache.insert(key.clone(), r);
            r
        })
    }

    /// Both sets' rules.
    pub fn union(self, other: Rules) -> Rules {
        if std::ptr::eq(self.0, other.0) || other.0.is_empty() {
            return self;
        }
        if self.0.is_empty() {
            return other;
        }
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        let mut v = Vec::with_capacity(self.0.len() + other.0.len());
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => v.extend(a.next()),
                std::cmp::Ordering::Greater => v.extend(b.next()),
                std::cmp::Ordering::Equal => {
                    v.extend(a.next());
                    b.next();
                }
            }
        }
        v.extend(a);
        v.extend(b);
        if v.len() == self.0.len() {
            return self;
        }
        if v.len() == other.0.len() {
            return other;
        }
        Rules::interned(&v)
    }

    /// The rules, sorted by id.
    pub fn as_slice(self) -> &'static [Rule] {
        self.0
    }

    /// Whether there is none.
    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    /// How many.
    pub fn len(self) -> usize {
        self.0.len()
    }

    /// The rules' ids, sorted.
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.iter().map(|r| r.as_str())
    }

    /// The ids joined by `", "`.
    pub fn join(self, sep: &str) -> String {
        self.iter().collect::<Vec<_>>().join(sep)
    }
}

impl Default for Rules {
    fn default() -> Rules {
        Rules::NONE
    }
}

impl PartialEq for Rules {
    fn eq(&self, other: &Rules) -> bool {
        std::ptr::eq(self.0, other.0) || self.0 == other.0
    }
}

impl Eq for Rules {}

impl std::hash::Hash for Rules {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.hash(h)
    }
}

impl Ord for Rules {
    fn cmp(&self, other: &Rules) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

impl PartialOrd for Rules {
    fn partial_cmp(&self, other: &Rules) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_list().entries(self.0).finish()
    }
}

impl serde::Serialize for Rules {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for Rules {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rules, D::Error> {
        let names: Vec<std::borrow::Cow<'de, str>> = Vec::deserialize(d)?;
        Ok(Rules::named(names.iter().map(|n| &**n)))
    }
}

/// The union of the rules of `sets`.
pub fn union_of(sets: impl IntoIterator<Item = Rules>) -> Rules {
    sets.into_iter().fold(Rules::NONE, Rules::union)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_sorted_unique_and_shared() {
        let a = Rules::of([Rule::new("lead.led_by"), Rule::intern("attend.attended_by")]);
        let b = Rules::named(["lead.led_by", "attend.attended_by", "lead.led_by"]);
        let odd = Rules::named(["a:1\nb", "12:x"]);
        assert_eq!(odd.iter().collect::<Vec<_>>(), ["12:x", "a:1\nb"]);
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            ["attend.attended_by", "lead.led_by"]
        );
        assert!(std::ptr::eq(a.as_slice(), b.as_slice()));
        let c = Rules::one("lead.led_by").union(Rules::one("attend.attended_by"));
        assert_eq!(a, c);
        assert_eq!(Rules::one("x.y").union(Rules::NONE), Rules::one("x.y"));
        assert_eq!(union_of([]), Rules::NONE);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"["attend.attended_by","lead.led_by"]"#
        );
        let back: Rules = serde_json::from_str(r#"["lead.led_by","attend.attended_by"]"#).unwrap();
        assert_eq!(back, a);
    }
}
