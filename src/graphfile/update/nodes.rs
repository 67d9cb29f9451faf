//! The update's nodes: the ids the merged graph gives them ([`Ids`]) and their
//! records, the file's written anew with the new articles' documents and
//! mentions put in order among its own.

use super::{Edit, Edits, Record, Records};
use crate::graph::{Graph, Node, choose_label, ids_in_order};
use crate::graphfile::records::{node_record, write_mentions};
use crate::graphfile::wire::Text;
use crate::ontology::EntityKind;
use crate::resolve::keys::{full_name_of, surname_of};
use petgraph::stable_graph::NodeIndex;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A node's record without documents and mentions, with the new node's document
/// names (each as JSON) and its mentions (a JSON object).
type Bare = (Vec<u8>, Vec<Vec<u8>>, Vec<u8>);

/// What identifies a node and names it, read from the start of its record.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NodeHead {
    pub(super) id: String,
    pub(super) kind: EntityKind,
    pub(super) label: String,
    pub(super) key: String,
    pub(super) labels: BTreeMap<String, u32>,
    #[serde(default)]
    #[allow(dead_code)]
    pub(super) label_surface: bool,
    pub(super) aliases: Vec<String>,
    /// Corrections made to the node (`build --corrections`).
    #[serde(default)]
    pub(super) corrected: Vec<String>,
}

impl NodeHead {
    /// The head of a node record: the fields before its documents.
    pub(super) fn of(line: &[u8]) -> Option<NodeHead> {
        // The first `,"docs":` outside a string is the field; one inside the
        // label counts (a label "docs") leaves a brace open, and does not parse.
        let cut = memchr::memmem::find(line, b",\"docs\":")?;
        let mut head = line[..cut].to_vec();
        head.push(b'}');
        serde_json::from_slice(&head).ok()
    }

    /// Whether naming the node again keeps its label (it does for every file
    /// `build` writes).
    pub(super) fn named(&self) -> bool {
        choose_label(&self.labels).is_none_or(|l| l == self.label)
            && !self.aliases.contains(&self.label)
    }
}

/// The ids of the merged graph's nodes, as naming it whole gives them.
pub(super) struct Ids {
    /// Each of the file's nodes, by its place: its id in the update.
    pub(super) file: Vec<String>,
    /// Each new node: its id in the update.
    pub(super) new: HashMap<NodeIndex, String>,
    /// The new node that is the same thing as the file's node at a place.
    pub(super) joined: HashMap<usize, NodeIndex>,
}

impl Ids {
    pub(super) fn of(records: &Records, new: &Graph) -> Ids {
        let heads = &records.heads;
        let by_key: HashMap<(EntityKind, &str), usize> = heads
            .iter()
            .enumerate()
            .map(|(i, h)| ((h.kind, h.key.as_str()), i))
            .collect();
        let mut joined = HashMap::default();
        // Every node by (kind, key), with the label the update gives it: a node
        // both have takes the label of their joined counts.
        let mut labels: Vec<Option<String>> = vec![None; heads.len()];
        let mut added = Vec::new();
        for ix in new.inner.node_indices() {
            let n = new.node(ix);
            match by_key.get(&(n.kind, n.key.as_str())) {
                Some(&i) => {
                    let mut counts = heads[i].labels.clone();
                    for (label, k) in &n.labels {
                        *counts.entry(label.clone()).or_insert(0) += k;
                    }
                    labels[i] = choose_label(&counts).map(str::to_string);
                    joined.insert(i, ix);
                }
                None => added.push(ix),
            }
        }
        enum Who {
            File(usize),
            New(NodeIndex),
        }
        let mut all: Vec<(EntityKind, &str, &str, Who)> = heads
            .iter()
            .zip(&labels)
            .enumerate()
            .map(|(i, (h, l))| {
                (
                    h.kind,
                    h.key.as_str(),
                    l.as_deref().unwrap_or(&h.label),
                    Who::File(i),
                )
            })
            .chain(added.iter().map(|&ix| {
                let n = new.node(ix);
                (n.kind, n.key.as_str(), n.label.as_str(), Who::New(ix))
            }))
            .collect();
        all.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let ids = ids_in_order(all.iter().map(|(kind, _, label, _)| (*kind, *label)));
        let mut file = vec![String::new(); heads.len()];
        let mut new_ids = HashMap::default();
        for ((_, _, _, who), id) in all.into_iter().zip(ids) {
            match who {
                Who::File(i) => file[i] = id,
                Who::New(ix) => {
                    new_ids.insert(ix, id);
                }
            }
        }
        for (&i, &ix) in &joined {
            new_ids.insert(ix, file[i].clone());
        }
        Ids {
            file,
            new: new_ids,
            joined,
        }
    }
}

/// Whether naming the merged graph joins a person known by a surname alone to
/// a full name (see [`crate::resolve::join_surnames`]): one of the file and
/// the new articles has the surname, and together they have one full name for
/// it. The file's nodes would then be named again otherwise than by their
/// label counts, which the update does not do.
pub(super) fn surnames_join(records: &Records, new: &Graph) -> bool {
    let person = |kind: EntityKind| kind == EntityKind::Person;
    let file = records.heads.iter().filter(|h| person(h.kind));
    let new_nodes = new.inner.node_weights().filter(|n| person(n.kind));
    let keys: Vec<&str> = file
        .map(|h| h.key.as_str())
        .chain(new_nodes.map(|n| n.key.as_str()))
        .collect();
    let surnames: rustc_hash::FxHashSet<String> = keys
        .iter()
        .filter_map(|k| surname_of(k))
        .map(str::to_lowercase)
        .collect();
    if surnames.is_empty() {
        return false;
    }
    // The full names of each surname, each key once (both may have it).
    let mut full: HashMap<&str, rustc_hash::FxHashSet<&str>> = HashMap::default();
    for key in &keys {
        for w in full_name_of(key).unwrap_or_default() {
            if surnames.contains(w) {
                full.entry(w).or_default().insert(key);
            }
        }
    }
    full.values().any(|keys| keys.len() == 1)
}

/// The node records the update writes: those both have (and the file's whose id
/// changes: a label the new articles outvote, or an id a new node with an
/// earlier key takes) anew in place of the file's, or where their id sorts; the
/// new ones where theirs does. With the nodes of each kind.
pub(super) fn node_edits<'a>(
    records: &Records<'a>,
    new: &Graph,
    ids: &Ids,
) -> Option<(Edits<'a>, BTreeMap<EntityKind, usize>)> {
    let heads = &records.heads;
    let place = |id: &str| heads.partition_point(|h| h.id.as_str() < id);
    let changed: Vec<usize> = (0..heads.len())
        .filter(|&i| ids.joined.contains_key(&i) || ids.file[i] != heads[i].id)
        .collect();
    let rewritten = changed
        .par_iter()
        .map(|&i| {
            let twin = ids.joined.get(&i).map(|&ix| new.node(ix));
            let line = records.layout.nodes[i];
            Some((i, join_node(line, &heads[i], twin, &ids.file[i])?))
        })
        .collect::<Option<Vec<_>>>()?;
    let mut edits = Vec::new();
    let mut inserts: Vec<(&str, Record)> = Vec::new();
    for (i, record) in rewritten {
        if ids.file[i] == heads[i].id {
            edits.push((i, Edit::Replace(record)));
        } else {
            edits.push((i, Edit::Delete));
            inserts.push((&ids.file[i], record));
        }
    }
    let mut kinds: BTreeMap<EntityKind, usize> = BTreeMap::new();
    for kind in heads.iter().map(|h| h.kind) {
        *kinds.entry(kind).or_insert(0) += 1;
    }
    let joined: rustc_hash::FxHashSet<NodeIndex> = ids.joined.values().copied().collect();
    let added: Vec<NodeIndex> = new
        .inner
        .node_indices()
        .filter(|ix| !joined.contains(ix))
        .collect();
    for &ix in &added {
        *kinds.entry(new.node(ix).kind).or_insert(0) += 1;
    }
    inserts.par_extend(added.par_iter().map(|ix| {
        let id = ids.new[ix].as_str();
        let mut node = new.node(*ix).clone();
        node.id = id.to_string();
        (id, to_record(&node).into())
    }));
    // Those inserted at one place go in the order of their ids.
    inserts.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    edits.extend(
        inserts
            .into_iter()
            .map(|(id, record)| (place(id), Edit::Insert(record))),
    );
    Some((edits, kinds))
}

/// The record of the file's node `line` (whose head is `head`), joined with
/// `new` (the same thing in the new articles) and given `id`: its documents and
/// mentions are copied as bytes, the new ones put in order among them.
fn join_node<'a>(
    line: &'a [u8],
    head: &NodeHead,
    new: Option<&Node>,
    id: &str,
) -> Option<Record<'a>> {
    append_node(line, head, new, id).or_else(|| insert_node(line, head, new, id).map(Record::from))
}

/// The node's record without documents and mentions (`"docs":[]`,
/// `"mentions":{}}`): the file's node with `new` joined, given `id`; with the
/// new node's document names (each as JSON) and mentions (a JSON object).
fn bare_node(
    head: &NodeHead,
    (date, series, year): (Option<String>, bool, Option<i32>),
    new: Option<&Node>,
    id: &str,
) -> Option<Bare> {
    let mut node = Node::new(head.id.clone(), head.kind, head.label.clone());
    node.key = head.key.clone();
    node.labels = head.labels.clone();
    node.label_surface = head.label_surface;
    node.aliases = head.aliases.iter().cloned().collect();
    node.corrected = head.corrected.clone();
    node.date = date;
    node.series = series;
    node.year = year;
    let (mut docs, mut mentions) = (Vec::new(), b"{}".to_vec());
    if let Some(new) = new {
        let mut new = new.clone();
        for doc in std::mem::take(&mut new.docs).iter() {
            docs.push(serde_json::to_vec(&**doc).ok()?);
        }
        mentions.clear();
        write_mentions(&mut mentions, &std::mem::take(&mut new.mentions)).ok()?;
        node.absorb(new);
    }
    node.id = id.to_string();
    Some((to_record(&node), docs, mentions))
}

/// [`join_node`] when every new document sorts after the file node's: the new
/// names and mentions go at the end of its lists, whose ends are found without
/// parsing them. `None` if they do not (or the record holds what
/// this reading does not expect).
pub(super) fn append_node<'a>(
    line: &'a [u8],
    head: &NodeHead,
    new: Option<&Node>,
    id: &str,
) -> Option<Record<'a>> {
    // `,"docs":[` … `]`, then the optional date, series and year, then the
    // mentions, the last field. Read forwards: the lists are long, the rest short.
    let docs = memchr::memmem::find(line, b",\"docs\":[")? + b",\"docs\":[".len();
    let docs_end = if line.get(docs) == Some(&b']') {
        docs
    } else {
        // The names' closing quote, unless it is escaped (then the general way).
        let quote = docs + memchr::memmem::find(&line[docs..], b"\"],\"")?;
        if line[quote - 1] == b'\\' {
            return None;
        }
        quote + 1
    };
    let old_docs = &line[docs..docs_end];
    let mut rest = &line[docs_end + 1..];
    let mut date = None;
    if let Some(r) = rest.strip_prefix(b",\"date\":\"") {
        let close = memchr::memchr2(b'"', b'\\', r)?;
        if r[close] != b'"' {
            return None;
        }
        date = Some(std::str::from_utf8(&r[..close]).ok()?.to_string());
        rest = &r[close + 1..];
    }
    let series = match rest.strip_prefix(b",\"series\":true") {
        Some(r) => {
            rest = r;
            true
        }
        None => false,
    };
    let mut year = None;
    if let Some(r) = rest.strip_prefix(b",\"year\":") {
        let end = r.iter().position(|&b| b == b',')?;
        year = Some(std::str::from_utf8(&r[..end]).ok()?.parse().ok()?);
        rest = &r[end..];
    }
    let old_mentions = rest.strip_prefix(b",\"mentions\":{")?.strip_suffix(b"}}")?;
    let (bare, new_docs, new_mentions) = bare_node(head, (date, series, year), new, id)?;
    let new_mentions = new_mentions.strip_prefix(b"{")?.strip_suffix(b"}")?;
    // The last name of each list must sort before the first new one.
    if let Some(first) = new_docs.first() {
        let first: Text = serde_json::from_slice(first).ok()?;
        if last_name(old_docs)?.is_some_and(|last| last >= first.0.as_ref()) {
            return None;
        }
    }
    if !new_mentions.is_empty() {
        let close = memchr::memchr(b':', new_mentions)?;
        let first: Text = serde_json::from_slice(&new_mentions[..close]).ok()?;
        // The values are numbers: the last quote ends the last key.
        let end = memchr::memrchr(b'"', old_mentions).map_or(0, |e| e + 1);
        if last_name(&old_mentions[..end])?.is_some_and(|last| last >= first.0.as_ref()) {
            return None;
        }
    }
    let open = memchr::memmem::find(&bare, b",\"docs\":[]")? + b",\"docs\":".len();
    let between = bare[open + 2..].strip_suffix(b"\"mentions\":{}}")?;
    let mut head = bare[..open].to_vec();
    head.push(b'[');
    let mut middle = Vec::new();
    for doc in &new_docs {
        if !old_docs.is_empty() || !middle.is_empty() {
            middle.push(b',');
        }
        middle.extend_from_slice(doc);
    }
    middle.push(b']');
    middle.extend_from_slice(between);
    middle.extend_from_slice(b"\"mentions\":{");
    let mut tail = Vec::new();
    if !old_mentions.is_empty() && !new_mentions.is_empty() {
        tail.push(b',');
    }
    tail.extend_from_slice(new_mentions);
    tail.extend_from_slice(b"}}");
    Some(Record(vec![
        Cow::Owned(head),
        Cow::Borrowed(old_docs),
        Cow::Owned(middle),
        Cow::Borrowed(old_mentions),
        Cow::Owned(tail),
    ]))
}

/// The string that ends `list` (which ends with a string's closing quote, or is
/// empty): `Some(None)` if empty; `None` if it holds an escape.
pub(super) fn last_name(list: &[u8]) -> Option<Option<&str>> {
    let Some(inner) = list.strip_suffix(b"\"") else {
        return list.is_empty().then_some(None);
    };
    let open = memchr::memrchr(b'"', inner)?;
    let name = &inner[open + 1..];
    if name.contains(&b'\\') || (open > 0 && inner[open - 1] != b',') {
        return None;
    }
    Some(Some(std::str::from_utf8(name).ok()?))
}

/// [`join_node`] in general: the record's lists are read, and the new names and
/// mentions put in order among them.
pub(super) fn insert_node(
    line: &[u8],
    head: &NodeHead,
    new: Option<&Node>,
    id: &str,
) -> Option<Vec<u8>> {
    #[derive(Deserialize)]
    struct Body<'a> {
        #[serde(borrow)]
        docs: Vec<&'a RawValue>,
        #[serde(default)]
        date: Option<String>,
        #[serde(default)]
        series: bool,
        #[serde(default)]
        year: Option<i32>,
        #[serde(borrow)]
        mentions: Entries<'a>,
    }
    let body: Body = serde_json::from_slice(line).ok()?;
    let qualities = (body.date, body.series, body.year);
    let (bare, docs, mentions) = bare_node(head, qualities, new, id)?;
    let open = memchr::memmem::find(&bare, b",\"docs\":[]")? + b",\"docs\":".len();
    let between = bare[open + 2..].strip_suffix(b"\"mentions\":{}}")?;
    let mut out = Vec::with_capacity(line.len() + 1024);
    out.extend_from_slice(&bare[..open]);
    // Document names, sorted.
    let old_docs = body.docs;
    let mut inserts = Vec::with_capacity(docs.len());
    for doc in &docs {
        let name: Text = serde_json::from_slice(doc).ok()?;
        let mut failed = false;
        let at = old_docs.partition_point(|d| match serde_json::from_str::<Text>(d.get()) {
            Ok(d) => d.0 < name.0,
            Err(_) => {
                failed = true;
                false
            }
        });
        if failed {
            return None;
        }
        inserts.push((at, doc.as_slice()));
    }
    let spans: Vec<&[u8]> = old_docs.iter().map(|d| d.get().as_bytes()).collect();
    splice_list(&mut out, line, &spans, &inserts, b'[', b']');
    out.extend_from_slice(between);
    out.extend_from_slice(b"\"mentions\":");
    // Mentions by document, sorted by its name. The object is the record's
    // last field.
    let first = memchr::memmem::rfind(line, b",\"mentions\":{")? + b",\"mentions\":{".len();
    let spans = body.mentions.spans(line, first)?;
    let new_entries: Entries = serde_json::from_slice(&mentions).ok()?;
    let new_spans = new_entries.spans(&mentions, 1)?;
    let old_keys = &body.mentions.0;
    let inserts: Vec<(usize, &[u8])> = new_entries
        .0
        .iter()
        .zip(&new_spans)
        .map(|((k, _), span)| (old_keys.partition_point(|(o, _)| o < k), *span))
        .collect();
    splice_list(&mut out, line, &spans, &inserts, b'{', b'}');
    out.push(b'}');
    Some(out)
}

/// The entries of a JSON object in order, each key (borrowed where it needs no
/// unescaping) with its value.
pub(super) struct Pairs<'a, V>(pub(super) Vec<(Cow<'a, str>, V)>);

/// The entries of a JSON object, each key with its value's bytes.
type Entries<'a> = Pairs<'a, &'a RawValue>;

impl<'de: 'a, 'a, V: Deserialize<'de>> Deserialize<'de> for Pairs<'a, V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a, V>(std::marker::PhantomData<(&'a (), V)>);
        impl<'de: 'a, 'a, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<'a, V> {
            type Value = Pairs<'a, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<Self::Value, M::Error> {
                let mut v = Vec::new();
                while let Some(Text(k)) = m.next_key()? {
                    v.push((k, m.next_value()?));
                }
                Ok(Pairs(v))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

impl Entries<'_> {
    /// The bytes of each entry (`"key":value`) of the compact object read from
    /// `base`, whose first entry starts at `first`: each runs from after the
    /// comma that ends the one before to the end of its value.
    fn spans<'b>(&self, base: &'b [u8], first: usize) -> Option<Vec<&'b [u8]>> {
        let offset = |s: &str| (s.as_ptr() as usize).checked_sub(base.as_ptr() as usize);
        let mut start = first;
        let mut spans = Vec::with_capacity(self.0.len());
        for (_, value) in &self.0 {
            let end = offset(value.get())? + value.get().len();
            if base.get(start) != Some(&b'"') || end > base.len() {
                return None;
            }
            spans.push(&base[start..end]);
            start = end + 1;
        }
        Some(spans)
    }
}

/// Writes a compact JSON list (`open` … `close`) of the items `items` (slices
/// of `base`, in order, one comma apart) with `inserts` (each before the item at
/// its place, in order) among them: runs of items are copied as one slice.
pub(super) fn splice_list(
    out: &mut Vec<u8>,
    base: &[u8],
    items: &[&[u8]],
    inserts: &[(usize, &[u8])],
    open: u8,
    close: u8,
) {
    let offset = |s: &[u8]| s.as_ptr() as usize - base.as_ptr() as usize;
    let run = |from: usize, to: usize| {
        let (first, last) = (items[from], items[to - 1]);
        &base[offset(first)..offset(last) + last.len()]
    };
    out.push(open);
    let mut first = true;
    let mut push = |out: &mut Vec<u8>, bytes: &[u8]| {
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(bytes);
    };
    let mut at = 0;
    for &(place, bytes) in inserts {
        if place > at {
            push(out, run(at, place));
            at = place;
        }
        push(out, bytes);
    }
    if at < items.len() {
        push(out, run(at, items.len()));
    }
    out.push(close);
}

/// A node's record.
fn to_record(node: &Node) -> Vec<u8> {
    let mut buf = Vec::new();
    node_record(&mut buf, node).expect("a node serialises");
    buf
}
