//! Resolution across documents: every document's entities, keyed by what identifies
//! them (lexicon entry, folded name, office key, meeting series + ordinal or date),
//! become one node per key with a stable id; facts become edges with evidence.
//! The only place where identity across the corpus is decided; the keys
//! themselves are made from the parts extraction reads in [`keys`], the labels
//! in [`labels`], the node ids in [`ids`].

use crate::document::Document;
use crate::extract::Findings;
use crate::graph::{DocumentInfo, Evidence, Graph, MentionRef};
use crate::ontology::Qualifiers;
use crate::ontology::Relation;
use crate::provenance::{Rule, Rules};
use crate::sorted::SortedVec;
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap as HashMap;

use std::sync::Arc;

pub mod ids;
pub mod keys;
pub mod labels;

pub use ids::slug;

/// Names every node from its label counts and gives it its id: `kind:slug(label)`,
/// with `-2`, `-3`, … for later nodes (in (kind, key) order) whose id is taken;
/// surnames are first joined to the one full name they stand for
/// ([`join_surnames`]).
pub fn assign_ids(g: &mut Graph) {
    assign_ids_apart(g, None);
}

/// [`assign_ids`], the pairs `corrections` keeps apart left unjoined (see
/// [`join_surnames_apart`]).
pub fn assign_ids_apart(g: &mut Graph, corrections: Option<&crate::corrections::Corrections>) {
    join_surnames_apart(g, corrections);
    g.name_nodes();
}

/// Adds every node, edge and document of `other` to `g`, then names every node
/// again as a full build of both graphs' documents would. Associative and
/// commutative for graphs of different documents (see [`Graph::conflicts`]).
pub fn merge(g: &mut Graph, other: &Graph) {
    merge_owned(g, other.clone());
}

/// Like [`merge`], taking `other` by value (no copy).
pub fn merge_owned(g: &mut Graph, other: Graph) {
    g.absorb_graph(other);
    assign_ids(g);
}

/// Builds the graph of a corpus from each document's findings.
pub fn build(docs: &[(Document, Findings)]) -> Graph {
    let mut part = Part::default();
    for (doc, f) in docs {
        part.add_document(doc, f, None);
    }
    let mut g = part.finish();
    assign_ids(&mut g);
    g
}

/// Adds one document's entities, mentions and facts to `g` (see
/// [`Part::add_document`]).
pub fn add_document(g: &mut Graph, doc: &Document, f: &Findings, hash: Option<String>) {
    let mut part = Part::of(std::mem::take(g));
    part.add_document(doc, f, hash);
    *g = part.finish();
}

/// The graph of some documents, being built: nodes are made as each document
/// comes, its facts are held and become edges together in [`Part::finish`].
///
/// One fact after another, each would look its edge up in a table as large as the
/// graph, then go to the end of its evidence list: a wait on memory per fact,
/// most of the time resolution took. Held facts are written one after the other,
/// sorted once, and each edge is made with all its evidence at once, already in
/// order.
pub struct Part {
    graph: Graph,
    /// The names of the documents added since the facts were last made edges, in
    /// the order they came (a held fact gives its document as a place here).
    docs: Vec<Arc<str>>,
    facts: Vec<Held>,
    /// The sentences held facts are read from, each once.
    sentences: Vec<Sentence>,
    /// The qualifiers of held facts, where they are not the default.
    qualifiers: Vec<Qualifiers>,
    /// The rules held facts are read by, each once (as the set of it alone).
    rules: Vec<Rules>,
    /// The place of each rule in `rules`.
    rule_of: HashMap<Rule, u32>,
    /// How many facts are held at most ([`MOST_HELD`]; less in tests).
    most_held: usize,
}

impl Default for Part {
    fn default() -> Part {
        Part {
            graph: Graph::default(),
            docs: Vec::new(),
            facts: Vec::new(),
            sentences: Vec::new(),
            qualifiers: Vec::new(),
            rules: Vec::new(),
            rule_of: HashMap::default(),
            most_held: MOST_HELD,
        }
    }
}

/// A fact held until [`Part::finish`].
struct Held {
    source: NodeIndex,
    target: NodeIndex,
    relation: Relation,
    /// The sentence's place in [`Part::sentences`].
    sentence: u32,
    /// The qualifiers' place in [`Part::qualifiers`], or [`Held::PLAIN`].
    qualifiers: u32,
    /// The rule's place in [`Part::rules`], in three bytes (which the struct
    /// has room for after `relation`).
    rule: [u8; 3],
}

/// A sentence held facts are read from.
struct Sentence {
    /// The document's place in [`Part::docs`].
    doc: u32,
    start: usize,
    end: usize,
    /// The text, shared by every edge it is evidence for.
    text: Arc<str>,
}

impl Held {
    /// No qualifiers.
    const PLAIN: u32 = u32::MAX;

    /// The rule's place in [`Part::rules`].
    fn rule(&self) -> usize {
        let [a, b, c] = self.rule;
        u32::from_le_bytes([a, b, c, 0]) as usize
    }
}

/// Rules held at most: [`Held::rule`] has three bytes. (The rules of a build
/// are its rule files' and the few built in.)
const MOST_RULES: usize = 1 << 24;

/// How many readings the findings' facts have beyond the first of each.
fn readings(f: &Findings) -> usize {
    f.facts.iter().map(|x| x.also.len()).sum()
}

/// Facts held at most (20 bytes each, and their sentences): past this many, they
/// are made edges early, which bounds the memory they take on a corpus of any
/// size.
const MOST_HELD: usize = 1 << 21;

impl Part {
    /// A part that adds to `graph`.
    pub fn of(graph: Graph) -> Part {
        Part {
            graph,
            ..Part::default()
        }
    }

    /// Adds one document's entities (one node per kind and key), mentions and
    /// facts (edges with the sentence as evidence, once [`Part::finish`] is
    /// called), leaving nodes to be named by [`crate::resolve::assign_ids`] once every
    /// document is in. `hash` identifies the file's contents.
    pub fn add_document(&mut self, doc: &Document, f: &Findings, hash: Option<String>) {
        if self.facts.len() >= self.most_held
            || self.docs.len() >= u32::MAX as usize
            || self.sentences.len() >= u32::MAX as usize - f.facts.len() - readings(f)
            || self.rules.len() >= MOST_RULES / 2
        {
            self.make_edges();
        }
        let g = &mut self.graph;
        let name: &str = &doc.name;
        let shared: Arc<str> = Arc::from(name);
        // An entity is kept when it is mentioned or takes part in a fact.
        let mut used = vec![false; f.entities.len()];
        for m in &f.mentions {
            used[m.entity] = true;
        }
        for x in &f.facts {
            used[x.source] = true;
            used[x.target] = true;
        }
        let mut node_of: Vec<Option<NodeIndex>> = vec![None; f.entities.len()];
        for (i, e) in f.entities.iter().enumerate() {
            if e.folded_into.is_some() || !used[i] {
                continue;
            }
            let ix = g.node_by_key(e.kind, &e.key);
            let node = g.node_mut(ix);
            match node.labels.get_mut(&e.label) {
                Some(n) => *n += 1,
                None => {
                    node.labels.insert(e.label.clone(), 1);
                }
            }
            for alias in &e.aliases {
                if !node.aliases.contains(alias) {
                    node.aliases.insert(alias.clone());
                }
            }
            // A document's entities often share a node, one after the other.
            if node
                .docs
                .last()
                .is_none_or(|last| !Arc::ptr_eq(last, &shared) && **last != *name)
            {
                node.docs.insert(shared.clone());
            }
            node.series |= e.series;
            if let Some(d) = &e.date
                && node.date.as_ref().is_none_or(|old| d < old)
            {
                node.date = Some(d.clone());
            }
            if let Some(y) = e.year
                && node.year.is_none_or(|old| y < old)
            {
                node.year = Some(y);
            }
            node_of[i] = Some(ix);
        }
        for m in &f.mentions {
            if let Some(ix) = node_of[m.entity] {
                g.node_mut(ix).mentions.insert(MentionRef {
                    doc: shared.clone(),
                    start: m.start,
                    end: m.end,
                });
            }
        }
        g.documents.insert(
            name.to_string(),
            DocumentInfo {
                title: doc.meta.title.clone(),
                date: doc.meta.date.clone(),
                source: doc.meta.source.clone(),
                hash,
            },
        );
        // The document's day, for facts it reports as over.
        let day = (doc.meta.date.as_deref())
            .and_then(crate::dates::anchor)
            .map(|d| d.to_string());
        let place = self.docs.len() as u32;
        let mut sentences: HashMap<usize, u32> = HashMap::default();
        for fact in &f.facts {
            let (s, t) = (f.canonical(fact.source), f.canonical(fact.target));
            let (Some(source), Some(target)) = (node_of[s], node_of[t]) else {
                continue;
            };
            let qualifiers = if fact.qualifiers == Qualifiers::default() {
                Held::PLAIN
            } else {
                let mut q = fact.qualifiers.clone();
                if q.former {
                    // When the fact was first reported over (see `Graph::as_of`).
                    q.former_since = day.clone();
                }
                self.qualifiers.push(q);
                (self.qualifiers.len() - 1) as u32
            };
            // One held fact per rule that read it, with the sentence it read it
            // from.
            for (rule, at) in fact.readings() {
                let sentence = *sentences.entry(at).or_insert_with(|| {
                    let span = doc.sentences[at];
                    self.sentences.push(Sentence {
                        doc: place,
                        start: span.start,
                        end: span.end,
                        text: Arc::from(&doc.text[span.start..span.end]),
                    });
                    (self.sentences.len() - 1) as u32
                });
                let rule = match self.rule_of.get(&rule) {
                    Some(&r) => r,
                    // (Past the most, in one document, rules share the last
                    // place: no build runs eight million rules.)
                    None if self.rules.len() >= MOST_RULES => (MOST_RULES - 1) as u32,
                    None => {
                        self.rules.push(Rules::one(rule));
                        let r = (self.rules.len() - 1) as u32;
                        self.rule_of.insert(rule, r);
                        r
                    }
                };
                let [a, b, c, _] = rule.to_le_bytes();
                self.facts.push(Held {
                    source,
                    target,
                    relation: fact.relation,
                    sentence,
                    qualifiers,
                    rule: [a, b, c],
                });
            }
        }
        self.docs.push(shared);
    }

    /// The graph, every fact an edge.
    pub fn finish(mut self) -> Graph {
        self.make_edges();
        self.graph
    }

    /// Makes the held facts edges: sorted by edge, then evidence in order (by
    /// document name, then place), so that each edge takes its evidence in one
    /// piece, repeats left out.
    fn make_edges(&mut self) {
        use rayon::prelude::*;
        let mut facts = std::mem::take(&mut self.facts);
        if facts.is_empty() {
            self.docs.clear();
            return;
        }
        // Each document's rank among the names (equal names, equal ranks).
        let (_, rank) = ranks(self.docs.len(), |i| &self.docs[i]);
        // The sentences in the order edges keep their evidence (document name,
        // offsets, text): a held fact's sentence becomes its place in that order
        // (equal sentences, of a document name given twice, share one).
        let sentences = std::mem::take(&mut self.sentences);
        let (by_place, place_of) = ranks(sentences.len(), |i| {
            let s = &sentences[i];
            (rank[s.doc as usize], s.start, s.end, &*s.text)
        });
        facts
            .par_iter_mut()
            .for_each(|h| h.sentence = place_of[h.sentence as usize]);
        // By edge, then sentence place: one number, compared at once.
        let key = |h: &Held| {
            (h.source.index() as u128) << 72
                | (h.relation as u128) << 64
                | (h.target.index() as u128) << 32
                | h.sentence as u128
        };
        facts.par_sort_unstable_by_key(key);
        let qualifiers = std::mem::take(&mut self.qualifiers);
        let of = |i: u32| match i {
            Held::PLAIN => Qualifiers::default(),
            i => qualifiers[i as usize].clone(),
        };
        let docs = &self.docs;
        let evidence_at = |place: u32, rules: Rules| {
            let s = &sentences[by_place[place as usize] as usize];
            Evidence {
                doc: docs[s.doc as usize].clone(),
                start: s.start,
                end: s.end,
                sentence: s.text.clone(),
                rules,
            }
        };
        let rules = &self.rules;
        for run in facts.chunk_by(|a, b| key(a) >> 32 == key(b) >> 32) {
            let (source, relation, target) = (run[0].source, run[0].relation, run[0].target);
            let mut q = Qualifiers::default();
            let mut evidence = Vec::with_capacity(run.len());
            // The facts of one sentence, one after the other: one evidence, read
            // by each of their rules.
            for same in run.chunk_by(|a, b| a.sentence == b.sentence) {
                let mut read = rules[same[0].rule()];
                for h in same {
                    q.join(of(h.qualifiers));
                    read = read.union(rules[h.rule()]);
                }
                evidence.push(evidence_at(same[0].sentence, read));
            }
            let evidence = SortedVec::from_sorted(evidence);
            self.graph
                .add_edge_sorted(source, target, relation, q, evidence);
        }
        self.docs.clear();
        // No held fact cites a rule's place any more.
        if self.rules.len() >= MOST_RULES / 2 {
            self.rules.clear();
            self.rule_of.clear();
        }
    }
}

/// Joins each person known only by a surname (key `surname:Word`) to the one
/// person of the graph with a full name whose surname it is, across documents
/// ("Biden" in one article, "Joe Biden" in another). The surname is the first
/// word of a Korean name key (`person:yoon|sukyeol`), the first or the last word
/// of another (`person:joe biden`, `person:xi jinping`). A surname that two or
/// more full names share stays a node of its own: which one it is, the text
/// does not say.
pub fn join_surnames(g: &mut Graph) {
    join_surnames_apart(g, None);
}

/// [`join_surnames`], leaving apart the pairs `corrections` keeps apart
/// (`[[keep_apart]]`): both nodes then record the correction. This is the only
/// join of nodes of different keys that resolution makes, so the only one a
/// correction can keep from happening.
pub fn join_surnames_apart(g: &mut Graph, corrections: Option<&crate::corrections::Corrections>) {
    use crate::ontology::EntityKind;
    let mut surnames: Vec<(String, NodeIndex)> = Vec::new();
    let mut full: HashMap<String, Vec<NodeIndex>> = HashMap::default();
    for ix in g.inner.node_indices() {
        let n = &g.inner[ix];
        if n.kind != EntityKind::Person {
            continue;
        }
        if let Some(word) = keys::surname_of(&n.key) {
            surnames.push((word.to_lowercase(), ix));
            continue;
        }
        let Some(words) = keys::full_name_of(&n.key) else {
            continue;
        };
        for w in words {
            full.entry(w.to_string()).or_default().push(ix);
        }
    }
    // In key order, so that the result does not hang on node order.
    surnames.sort_by(|a, b| g.inner[a.1].key.cmp(&g.inner[b.1].key));
    for (word, ix) in surnames {
        if let Some([one]) = full.get(&word).map(Vec::as_slice) {
            let apart = corrections.and_then(|c| c.keeps_apart(&g.inner[ix], &g.inner[*one]));
            if let Some(reason) = apart {
                let label = |n: NodeIndex| {
                    ids::choose_label(&g.inner[n].labels)
                        .unwrap_or(&g.inner[n].label)
                        .to_string()
                };
                let (a, b) = (label(ix), label(*one));
                for (n, other) in [(ix, b), (*one, a)] {
                    crate::sorted::note(
                        &mut g.inner[n].corrected,
                        format!("kept apart from \"{other}\": {reason}"),
                    );
                }
                continue;
            }
            g.fold_node(ix, *one);
        }
    }
}

/// The items `0..n` in the order of `key`, and each item's rank in that order
/// (items with equal keys share the first one's rank).
fn ranks<K: Ord + Send>(n: usize, key: impl Fn(usize) -> K + Sync) -> (Vec<u32>, Vec<u32>) {
    use rayon::prelude::*;
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.par_sort_unstable_by_key(|&i| key(i as usize));
    let mut rank = vec![0u32; n];
    for (k, &i) in order.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| order[p] as usize);
        rank[i as usize] = match prev {
            Some(p) if key(p) == key(i as usize) => rank[p],
            _ => k as u32,
        };
    }
    (order, rank)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    /// The example corpus, extracted.
    fn example() -> Vec<(Document, Findings)> {
        let lex = Lexicon::builtin().expect("built-in lexicon");
        crate::corpus::EXAMPLE
            .iter()
            .map(|(name, text)| {
                let doc = Document::parse(name, text.as_bytes()).expect("example parses");
                let f = crate::extract::extract(&doc, &lex);
                (doc, f)
            })
            .collect()
    }

    fn json(g: &Graph) -> String {
        let mut out = Vec::new();
        g.write_json(&mut out).expect("written to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    /// Two documents of one name, whose sentences differ at the same offsets: the
    /// edge they state keeps both sentences, as one document at a time gives.
    #[test]
    fn same_name_other_text_keeps_both_sentences() {
        let lex = Lexicon::builtin().expect("built-in lexicon");
        let docs: Vec<(Document, Findings)> = ["Seoul", "Busan"]
            .iter()
            .map(|city| {
                let text = format!(
                    "Lloyd Austin attended the 56th Security Consultative Meeting in {city}."
                );
                let doc = Document::parse("a.txt", text.as_bytes()).expect("parses");
                let f = crate::extract::extract(&doc, &lex);
                (doc, f)
            })
            .collect();
        let held = build(&docs);
        let mut g = Graph::new();
        for (doc, f) in &docs {
            add_document(&mut g, doc, f, None);
        }
        assign_ids(&mut g);
        assert_eq!(json(&held), json(&g));
        let texts: Vec<&str> = held
            .inner
            .edge_weights()
            .find(|e| e.relation == Relation::InstanceOf)
            .expect("an instance_of edge")
            .evidence
            .iter()
            .map(|ev| &*ev.sentence)
            .collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts.iter().any(|t| t.ends_with("Busan.")), "{texts:?}");
        assert!(texts.iter().any(|t| t.ends_with("Seoul.")), "{texts:?}");
    }

    #[test]
    fn a_held_fact_is_20_bytes() {
        assert_eq!(std::mem::size_of::<Held>(), 20);
    }

    #[test]
    fn facts_made_edges_early_or_out_of_order_give_the_same_graph() {
        let docs = example();
        let whole = json(&build(&docs));
        assert!(whole.contains("\"evidence\":["), "the example has edges");
        for most in [1, 40, 400, MOST_HELD] {
            let mut part = Part {
                most_held: most,
                ..Part::default()
            };
            for (doc, f) in docs.iter().rev() {
                part.add_document(doc, f, None);
            }
            let mut g = part.finish();
            assign_ids(&mut g);
            assert_eq!(json(&g), whole, "facts made edges every {most}");
        }
        // One document at a time, through the graph.
        let mut g = Graph::new();
        for (doc, f) in &docs {
            add_document(&mut g, doc, f, None);
        }
        assign_ids(&mut g);
        assert_eq!(json(&g), whole);
    }

    /// Texts read as documents `0.txt`, `1.txt` …, each with its findings.
    fn read(texts: &[&str]) -> Vec<(Document, Findings)> {
        let lex = Lexicon::builtin().expect("built-in lexicon");
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let doc = Document::parse(&format!("{i}.txt"), text.as_bytes()).expect("parses");
                let f = crate::extract::extract(&doc, &lex);
                (doc, f)
            })
            .collect()
    }

    /// The people of a corpus of texts, by label.
    fn people(texts: &[&str]) -> Vec<String> {
        let g = build(&read(texts));
        let mut v: Vec<String> = g
            .inner
            .node_weights()
            .filter(|n| n.kind == crate::ontology::EntityKind::Person)
            .map(|n| n.label.clone())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_surname_joins_the_one_full_name_of_another_document() {
        let texts = [
            "President Marta Quillon opened the annual security forum in Canberra.",
            "The forum heard from President Quillon on Tuesday.",
        ];
        assert_eq!(people(&texts), ["Marta Quillon"]);
        // Whichever document comes first.
        let texts = [texts[1], texts[0]];
        assert_eq!(people(&texts), ["Marta Quillon"]);
        // A Korean name gives its surname first.
        let texts = [
            "Minister Baek Jin-soo spoke at the defense forum in Seoul.",
            "Minister Baek spoke again later.",
        ];
        assert_eq!(people(&texts), ["Baek Jin-soo"]);
    }

    #[test]
    fn a_surname_two_full_names_share_stays_apart() {
        let texts = [
            "President Marta Quillon opened the annual security forum in Canberra.",
            "Senator Paul Quillon attended the forum too.",
            "The forum heard from President Quillon on Tuesday.",
        ];
        assert_eq!(people(&texts), ["Marta Quillon", "Paul Quillon", "Quillon"]);
        // And a query for the surname says so.
        let l = build(&read(&texts)).lookup("Quillon").expect("found");
        assert!(l.is_ambiguous());
        assert_eq!(l.candidates.len(), 3);
        // A word that only begins a surname is no surname.
        let texts = [
            "President Marta Quillonez opened the annual security forum in Canberra.",
            "The forum heard from President Quillon on Tuesday.",
        ];
        assert_eq!(people(&texts), ["Marta Quillonez", "Quillon"]);
    }
}
