//! A set kept as a sorted vector without repeats: what a node keeps of its
//! documents and mentions, and an edge of its evidence.
//!
//! A build adds a part's documents in name order, so nearly every insertion is at
//! the end: a push, where a `BTreeSet` walks its tree (for a node named in most of
//! the corpus, a walk through memory the cache no longer holds) and keeps a node
//! per few elements. Reads and writes are a slice.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;

/// A sorted, repeat-free vector with the set operations the graph uses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct SortedVec<T>(Vec<T>);

impl<T: Ord> SortedVec<T> {
    /// An empty set.
    pub const fn new() -> SortedVec<T> {
        SortedVec(Vec::new())
    }

    /// The set of `v`, which is sorted and has no repeats already (checked in
    /// debug builds only).
    pub fn from_sorted(v: Vec<T>) -> SortedVec<T> {
        debug_assert!(v.windows(2).all(|w| w[0] < w[1]), "not sorted, or repeats");
        SortedVec(v)
    }

    /// Adds `x`; false if it was there.
    pub fn insert(&mut self, x: T) -> bool {
        if self.0.last().is_none_or(|last| *last < x) {
            self.0.push(x);
            return true;
        }
        match self.0.binary_search(&x) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, x);
                true
            }
        }
    }

    /// Whether `x` is in the set.
    pub fn contains<Q: Ord + ?Sized>(&self, x: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|e| e.borrow().cmp(x)).is_ok()
    }

    /// Moves every element of `other` in (in one pass), leaving it empty.
    pub fn append(&mut self, other: &mut SortedVec<T>) {
        let add = std::mem::take(&mut other.0);
        if add.is_empty() {
            return;
        }
        if self.0.last().is_none_or(|last| *last < add[0]) {
            self.0.extend(add);
            return;
        }
        let old = std::mem::take(&mut self.0);
        self.0 = merge(old, add);
    }
}

/// The union of two sorted, repeat-free vectors, in one pass (of equal elements,
/// `a`'s is kept). Runs from one side are found by galloping and moved at once:
/// the two parts of a graph hold runs of documents each, and a node in most
/// documents has long runs of mentions from one part, then the other.
pub fn merge<T: Ord>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    merge_with(a, b, |_, _| {})
}

/// [`merge`], where `join` gives what `b`'s element adds to `a`'s equal one.
pub fn merge_with<T: Ord>(a: Vec<T>, b: Vec<T>, join: impl Fn(&mut T, &T)) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    while let (Some(x), Some(y)) = (a.as_slice().first(), b.as_slice().first()) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                let n = run_below(a.as_slice(), y);
                out.extend(a.by_ref().take(n));
            }
            std::cmp::Ordering::Greater => {
                let n = run_below(b.as_slice(), x);
                out.extend(b.by_ref().take(n));
            }
            std::cmp::Ordering::Equal => {
                let (mut x, y) = (a.next(), b.next());
                if let (Some(x), Some(y)) = (&mut x, &y) {
                    join(x, y);
                }
                out.extend(x);
            }
        }
    }
    out.extend(a);
    out.extend(b);
    out
}

/// How many of the first elements of `s` are below `bound` (at least the first
/// is): found by doubling, then bisecting.
fn run_below<T: Ord>(s: &[T], bound: &T) -> usize {
    let mut hi = 1;
    while hi < s.len() && s[hi] < *bound {
        hi *= 2;
    }
    let lo = hi / 2;
    let hi = hi.min(s.len());
    lo + s[lo..hi].partition_point(|e| e < bound)
}

impl<T: Ord> SortedVec<T> {
    /// [`SortedVec::insert`], where `join` gives what `x` adds to an equal
    /// element already there.
    pub fn insert_with(&mut self, x: T, join: impl Fn(&mut T, &T)) {
        if self.0.last().is_none_or(|last| *last < x) {
            self.0.push(x);
            return;
        }
        match self.0.binary_search(&x) {
            Ok(at) => join(&mut self.0[at], &x),
            Err(at) => self.0.insert(at, x),
        }
    }

    /// The set of `items`, where `join` gives what a repeat adds to the first of
    /// its equals (kept).
    pub fn collect_with(items: impl IntoIterator<Item = T>, join: impl Fn(&mut T, &T)) -> Self {
        let mut v: Vec<T> = items.into_iter().collect();
        v.sort();
        v.dedup_by(|later, kept| {
            let same = later == kept;
            if same {
                join(kept, later);
            }
            same
        });
        SortedVec(v)
    }

    /// [`Extend::extend`], where `join` gives what an element adds to an equal
    /// one already there.
    pub fn extend_with(&mut self, items: impl IntoIterator<Item = T>, join: impl Fn(&mut T, &T)) {
        let items = items.into_iter();
        if items.size_hint().0 <= 8 {
            for x in items {
                self.insert_with(x, &join);
            }
        } else {
            let add = SortedVec::collect_with(items, &join).0;
            if add.is_empty() {
                return;
            }
            if self.0.last().is_none_or(|last| *last < add[0]) {
                self.0.extend(add);
                return;
            }
            let old = std::mem::take(&mut self.0);
            self.0 = merge_with(old, add, join);
        }
    }
}

impl<T> Default for SortedVec<T> {
    fn default() -> SortedVec<T> {
        SortedVec(Vec::new())
    }
}

impl<T: Ord> FromIterator<T> for SortedVec<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> SortedVec<T> {
        let mut v: Vec<T> = items.into_iter().collect();
        // Stable: of equal elements, the first is kept (as a set keeps it).
        v.sort();
        v.dedup();
        SortedVec(v)
    }
}

/// One by one when they are few (an article's evidence), else merged in one pass
/// (two parts of a graph, whose evidence for an edge between two countries may run
/// to thousands each).
impl<T: Ord> Extend<T> for SortedVec<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        let items = items.into_iter();
        if items.size_hint().0 <= 8 {
            for x in items {
                self.insert(x);
            }
        } else {
            let mut add: SortedVec<T> = items.collect();
            self.append(&mut add);
        }
    }
}

impl<T> std::ops::Deref for SortedVec<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a SortedVec<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> IntoIterator for SortedVec<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Read as a list in any order, with repeats: sorted and made unique.
impl<'de, T: Ord + Deserialize<'de>> Deserialize<'de> for SortedVec<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<T>::deserialize(d)?.into_iter().collect())
    }
}

/// Adds `entry` to a sorted list (of corrections, say), once.
pub fn note(list: &mut Vec<String>, entry: String) {
    if let Err(at) = list.binary_search(&entry) {
        list.insert(at, entry);
    }
}

/// Joins two sorted lists (of corrections, say), each entry once.
pub fn join(list: &mut Vec<String>, other: Vec<String>) {
    if list.is_empty() {
        *list = other;
        return;
    }
    for entry in other {
        note(list, entry);
    }
}

#[cfg(test)]
mod tests {
    use super::SortedVec;

    #[test]
    fn insert_keeps_order_and_no_repeats() {
        let mut s = SortedVec::new();
        for x in [5, 1, 9, 5, 3, 9, 10] {
            s.insert(x);
        }
        assert_eq!(*s, [1, 3, 5, 9, 10]);
        assert!(s.contains(&3) && !s.contains(&4));
    }

    #[test]
    fn append_merges() {
        let mut a: SortedVec<i32> = [1, 4, 7].into_iter().collect();
        let mut b: SortedVec<i32> = [2, 4, 8].into_iter().collect();
        a.append(&mut b);
        assert_eq!(*a, [1, 2, 4, 7, 8]);
        assert!(b.is_empty());
        let mut c: SortedVec<i32> = [9, 10].into_iter().collect();
        a.append(&mut c);
        assert_eq!(*a, [1, 2, 4, 7, 8, 9, 10]);
        let mut d: SortedVec<i32> = (0..20).step_by(2).collect();
        d.extend((0..20).step_by(3));
        assert_eq!(*d, [0, 2, 3, 4, 6, 8, 9, 10, 12, 14, 15, 16, 18]);
    }

    /// Galloping over runs gives the union, for runs of every length.
    #[test]
    fn merge_is_the_union() {
        let mut x: u64 = 7;
        let mut next = move || {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            x >> 33
        };
        for round in 0..300 {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let run = 1 + round % 40;
            for v in 0..(next() % 400) {
                // Runs of `run` values from one side, then the other; some in both.
                let side = (v / run as u64).is_multiple_of(2);
                if side || next().is_multiple_of(7) {
                    a.push(v);
                }
                if !side || next().is_multiple_of(7) {
                    b.push(v);
                }
            }
            let want: Vec<u64> = a
                .iter()
                .chain(&b)
                .copied()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            assert_eq!(super::merge(a, b), want);
        }
    }

    /// Equal elements meet: `join` adds what the later brings (here, a count
    /// kept beside the key, which alone orders).
    #[test]
    fn joining_adds_what_equals_bring() {
        #[derive(Debug, Clone, Copy)]
        struct K(u32, u32);
        impl PartialEq for K {
            fn eq(&self, o: &K) -> bool {
                self.0 == o.0
            }
        }
        impl Eq for K {}
        impl PartialOrd for K {
            fn partial_cmp(&self, o: &K) -> Option<std::cmp::Ordering> {
                Some(self.cmp(o))
            }
        }
        impl Ord for K {
            fn cmp(&self, o: &K) -> std::cmp::Ordering {
                self.0.cmp(&o.0)
            }
        }
        let join = |a: &mut K, b: &K| a.1 += b.1;
        let pairs = |s: &SortedVec<K>| s.iter().map(|k| (k.0, k.1)).collect::<Vec<_>>();
        let mut s = SortedVec::collect_with([K(3, 1), K(1, 1), K(3, 1)], join);
        assert_eq!(pairs(&s), [(1, 1), (3, 2)]);
        s.extend_with([K(3, 5), K(2, 1)], join);
        assert_eq!(pairs(&s), [(1, 1), (2, 1), (3, 7)]);
        // Many at once: merged in one pass.
        s.extend_with((0..20).map(|i| K(i, 10)), join);
        assert_eq!(s.len(), 20);
        assert_eq!(pairs(&s)[..4], [(0, 10), (1, 11), (2, 11), (3, 17)]);
    }

    #[test]
    fn reads_any_list() {
        let s: SortedVec<String> = serde_json::from_str(r#"["b","a","b"]"#).expect("list");
        assert_eq!(*s, ["a", "b"]);
        assert_eq!(serde_json::to_string(&s).expect("json"), r#"["a","b"]"#);
    }
}
