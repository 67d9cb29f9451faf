//! The update's edges, sentences and documents: a new edge joins the file's of
//! the same key or goes where its key sorts; new sentences go where their
//! document sorts, and the file's after them are numbered anew.

use super::nodes::Ids;
use super::{Edit, Edits, Records};
use crate::graph::{Evidence, Graph};
use crate::graphfile::read::{ReadCite, ReadEdge};
use crate::graphfile::records::sentence_record;
use crate::graphfile::wire::Text;
use crate::graphfile::write::Numbers;
use crate::ontology::{Qualifiers, Relation};
use crate::provenance::Rules;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Write;

/// An edge's evidence: each sentence's number with the rules that read the edge
/// there.
type Cited = Vec<(u32, Rules)>;

/// The qualifiers and evidence of an edge record (the file's: its evidence
/// cites sentences by number).
fn edge_tail(line: &[u8]) -> Option<(Qualifiers, Cited)> {
    let e: ReadEdge = serde_json::from_slice(line).ok()?;
    let rules = e.rules_of().ok()?;
    let evidence = e
        .evidence
        .into_iter()
        .zip(rules)
        .map(|(cite, r)| match cite {
            ReadCite::Number(n) => Some((n, r)),
            ReadCite::Inline(_) => None,
        })
        .collect::<Option<_>>()?;
    Some((e.qualifiers, evidence))
}

/// An edge's record, its evidence put in order (a sentence cited twice, once).
fn edge_record((s, r, t): Key, q: &Qualifiers, mut evidence: Cited) -> Option<Vec<u8>> {
    let (s, t) = (std::str::from_utf8(s).ok()?, std::str::from_utf8(t).ok()?);
    evidence.sort_unstable_by_key(|e| e.0);
    evidence.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 = kept.1.union(later.1);
        }
        same
    });
    let mut buf = Vec::new();
    // (A corrected graph is not spliced: no edge here has corrections.)
    crate::graphfile::records::edge_record(&mut buf, s, r, t, q, &[], &evidence).ok()?;
    Some(buf)
}

/// An edge's (source, relation, target), the ids as bytes (they order as the
/// strings do).
pub(super) type Key<'k> = (&'k [u8], Relation, &'k [u8]);

/// An edge record's key, from its id.
pub(super) fn edge_key(line: &[u8]) -> Option<Key<'_>> {
    let rest = line.strip_prefix(b"{\"id\":\"")?;
    // Ids are slugs: no escapes, and `|` only between the three parts. (Ids are
    // short: a plain loop beats a vectorised search here.)
    let mut bars = [0; 2];
    let mut n = 0;
    for (at, &b) in rest.iter().enumerate() {
        match b {
            b'|' if n < 2 => {
                bars[n] = at;
                n += 1;
            }
            b'"' if n == 2 => {
                let relation = std::str::from_utf8(&rest[bars[0] + 1..bars[1]]).ok()?;
                return Some((
                    &rest[..bars[0]],
                    relation.parse().ok()?,
                    &rest[bars[1] + 1..at],
                ));
            }
            b'|' | b'"' | b'\\' => return None,
            _ => {}
        }
    }
    None
}

/// The document a sentence record cites.
fn sentence_doc(line: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Doc {
        doc: String,
    }
    serde_json::from_slice::<Doc>(line).ok().map(|d| d.doc)
}

/// Where the new sentences go among the file's: each new document's where its
/// name sorts among the file's documents; the file's after them move down.
pub(super) struct Sentences<'g> {
    new: &'g [&'g Evidence],
    /// The place of each new sentence among the file's.
    places: Vec<usize>,
    number: Numbers<'g>,
    /// How many the file has.
    file: usize,
}

impl<'g> Sentences<'g> {
    pub(super) fn place(new: &'g [&'g Evidence], lines: &[&[u8]]) -> Option<Sentences<'g>> {
        let mut places: Vec<usize> = Vec::with_capacity(new.len());
        let mut last: Option<(&str, usize)> = None;
        for ev in new {
            let at = match last {
                Some((doc, at)) if doc == &*ev.doc => at,
                _ => {
                    let (at, found) = place_among(lines, ev.doc.as_ref(), sentence_doc)?;
                    // The document must be new to the file.
                    if found {
                        return None;
                    }
                    last = Some((&ev.doc, at));
                    at
                }
            };
            places.push(at);
        }
        Some(Sentences {
            new,
            places,
            number: Numbers::new(new),
            file: lines.len(),
        })
    }

    /// The number in the update of the file's sentence `i`.
    pub(super) fn moved(&self, i: u32) -> u32 {
        i + self.places.partition_point(|&p| p <= i as usize) as u32
    }

    /// The number in the update of the new sentence `ev`.
    fn number(&self, ev: &Evidence) -> u32 {
        let j = self.number.of(ev) as usize;
        (self.places[j] + j) as u32
    }

    /// Whether the file's sentences move (a new one goes before one of them).
    pub(super) fn renumber(&self) -> bool {
        self.places.first().is_some_and(|&p| p < self.file)
    }

    /// The new sentences' records, where they go.
    pub(super) fn edits<'a>(&self) -> Edits<'a> {
        self.new
            .par_iter()
            .zip(&self.places)
            .map(|(ev, &at)| {
                let mut buf = Vec::new();
                sentence_record(&mut buf, ev).expect("a sentence serialises");
                (at, Edit::Insert(buf.into()))
            })
            .collect()
    }
}

/// The edge records the update writes: a new edge joins the file's edge of the
/// same key, or goes where its key sorts; the file's edges of renamed nodes move
/// to where their new key sorts. With the edges of each relation.
pub(super) fn edge_edits<'a>(
    records: &Records<'a>,
    new: &Graph,
    ids: &Ids,
    sentences: &Sentences,
) -> Option<(Edits<'a>, BTreeMap<Relation, usize>)> {
    let (lines, keys) = (&records.layout.edges, &records.keys);
    let mut relations = records.relations.clone();
    let new_name: HashMap<&[u8], &[u8]> = (0..records.heads.len())
        .filter(|&i| ids.file[i] != records.heads[i].id)
        .map(|i| (records.heads[i].id.as_bytes(), ids.file[i].as_bytes()))
        .collect();
    let mut moving: HashMap<Key, (usize, Qualifiers, Cited)> = if new_name.is_empty() {
        HashMap::default()
    } else {
        let name = |id| new_name.get(id).copied().unwrap_or(id);
        // Mostly a few nodes: comparing beats hashing every edge's ends.
        let old_ids: Vec<&[u8]> = new_name.keys().copied().collect();
        let renamed = |id: &[u8]| {
            if old_ids.len() <= 16 {
                old_ids.contains(&id)
            } else {
                new_name.contains_key(id)
            }
        };
        keys.par_iter()
            .enumerate()
            .filter(|(_, (s, _, t))| renamed(s) || renamed(t))
            .map(|(at, &(s, r, t))| {
                let (q, evidence) = edge_tail(lines[at])?;
                let evidence = evidence
                    .into_iter()
                    .map(|(i, r)| (sentences.moved(i), r))
                    .collect();
                Some(((name(s), r, name(t)), (at, q, evidence)))
            })
            .collect::<Option<_>>()?
    };
    let leaving: rustc_hash::FxHashSet<usize> = moving.values().map(|m| m.0).collect();
    let mut joins = Vec::new();
    for e in new.inner.edge_references() {
        let w = e.weight();
        let (s, t) = (&ids.new[&e.source()], &ids.new[&e.target()]);
        let key = (s.as_bytes(), w.relation, t.as_bytes());
        let evidence: Cited = w
            .evidence
            .iter()
            .map(|ev| (sentences.number(ev), ev.rules))
            .collect();
        match moving.get_mut(&key) {
            Some((_, q, moving_evidence)) => {
                q.join(w.qualifiers.clone());
                moving_evidence.extend(evidence);
            }
            None => joins.push((key, w.qualifiers.clone(), evidence)),
        }
    }
    enum Joined<'k> {
        File(usize, Vec<u8>),
        New(Key<'k>, usize, Qualifiers, Cited),
    }
    let joins = joins
        .into_par_iter()
        .map(|(key, mut q, mut evidence)| {
            let at = keys.partition_point(|k| *k < key);
            Some(if keys.get(at) == Some(&key) && !leaving.contains(&at) {
                let (old_q, old_evidence) = edge_tail(lines[at])?;
                q.join(old_q);
                evidence.extend(
                    old_evidence
                        .into_iter()
                        .map(|(i, r)| (sentences.moved(i), r)),
                );
                Joined::File(at, edge_record(key, &q, evidence)?)
            } else {
                Joined::New(key, at, q, evidence)
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let mut edits: Vec<(usize, Edit)> = Vec::new();
    let mut inserts: Vec<(Key, usize, Qualifiers, Cited)> = Vec::new();
    for j in joins {
        match j {
            Joined::File(at, record) => edits.push((at, Edit::Replace(record.into()))),
            Joined::New(key, at, q, evidence) => {
                *relations.entry(key.1).or_insert(0) += 1;
                inserts.push((key, at, q, evidence));
            }
        }
    }
    for (key, (at, q, evidence)) in moving.drain() {
        edits.push((at, Edit::Delete));
        let place = keys.partition_point(|k| *k < key);
        inserts.push((key, place, q, evidence));
    }
    // Those inserted at one place go in the order of their keys.
    inserts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    edits.par_extend(
        inserts
            .into_par_iter()
            .map(|(key, at, q, evidence)| {
                edge_record(key, &q, evidence).map(|r| (at, Edit::Insert(r.into())))
            })
            .collect::<Option<Vec<_>>>()?,
    );
    Some((edits, relations))
}

/// The new documents' records, where their names sort among the file's.
pub(super) fn document_edits<'a>(lines: &[&[u8]], new: &Graph) -> Option<Edits<'a>> {
    let name_of = |l: &[u8]| {
        let mut de = serde_json::Deserializer::from_slice(l);
        Text::deserialize(&mut de).ok().map(|t| t.0.into_owned())
    };
    new.documents
        .iter()
        .map(|(name, info)| {
            let (at, found) = place_among(lines, name.as_str(), name_of)?;
            // A document the file has too is not for this update.
            if found {
                return None;
            }
            let mut record = serde_json::to_vec(name).ok()?;
            record.push(b':');
            serde_json::to_writer(&mut record, info).ok()?;
            Some((at, Edit::Insert(record.into())))
        })
        .collect()
}

/// Where `key` sorts among `lines` (in order of what `read` reads from each),
/// and whether the line there has it; `None` if a line read on the way does not
/// parse.
pub(super) fn place_among(
    lines: &[&[u8]],
    key: &str,
    read: impl Fn(&[u8]) -> Option<String>,
) -> Option<(usize, bool)> {
    let mut failed = false;
    let at = lines.partition_point(|l| match read(l) {
        Some(k) => k.as_str() < key,
        None => {
            failed = true;
            false
        }
    });
    if failed {
        return None;
    }
    let found = lines
        .get(at)
        .is_some_and(|l| read(l).as_deref() == Some(key));
    Some((at, found))
}

/// An edge record with its evidence numbered anew: evidence is its last field.
pub(super) fn renumber_evidence(line: &[u8], moved: &impl Fn(u32) -> u32) -> Option<Vec<u8>> {
    let open = memchr::memrchr(b'[', line)?;
    let numbers = line[open + 1..].strip_suffix(b"]}")?;
    if !line[..open].ends_with(b",\"evidence\":") {
        return None;
    }
    let mut out = Vec::with_capacity(line.len() + 8);
    out.extend_from_slice(&line[..=open]);
    for (k, n) in numbers.split(|&b| b == b',').enumerate() {
        let n: u32 = std::str::from_utf8(n).ok()?.parse().ok()?;
        if k > 0 {
            out.push(b',');
        }
        write!(out, "{}", moved(n)).ok()?;
    }
    out.extend_from_slice(b"]}");
    Some(out)
}
