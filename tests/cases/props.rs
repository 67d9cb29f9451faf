//! Property tests of the invariants of issue 7: no input string or byte sequence
//! makes parsing or extraction panic; every sentence and mention span lies on char
//! boundaries and slices to its text; graph files write → read → write to the same
//! bytes. The checks are the fuzz targets' (see `regressions.rs`); case counts are
//! kept small so the suite stays fast, the fuzz targets go deeper.

use super::regressions::{FUZZ_LIMITS, LEXICON, check_round_trip, parse_extract, read_graph};
use newsgraph::build::build;
use newsgraph::document::{Document, Limits};
use newsgraph::graph::{DocumentInfo, Graph, MentionRef, Node};
use newsgraph::graphfile::{WireEdge, WireGraph, WireMeta, WireSentence};
use newsgraph::ontology::Qualifiers;
use newsgraph::{EntityKind, Relation};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `n`, or `PROPTEST_CASES` from the environment for a deeper run
/// (`PROPTEST_CASES=20000 cargo test --release --test main props`).
fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n)
}

/// Pieces of news text: names, titles, acronyms in parentheses, quotes, CJK,
/// right-to-left and zero-width marks, control characters, front matter.
const FRAGMENTS: &[&str] = &[
    "Kim Yong-hyun",
    "Pete Hegseth",
    "Lloyd J. Austin III",
    "Shin Won-sik",
    "Gen. Paul LaCamera",
    "Defense Minister",
    "U.S. Secretary of Defense",
    "acting",
    "former",
    "ex-",
    "Vice Minister",
    "the Ministry of National Defense (MND)",
    "Nuclear Consultative Group (NCG)",
    "(KIDD)",
    "(SCM)",
    "the 56th Security Consultative Meeting",
    "South Korea",
    "U.S.",
    "Japan's",
    "Seoul",
    "Washington",
    "met",
    "said",
    "hosted",
    "led the delegation",
    "succeeded",
    "was replaced by",
    "launched in 2011",
    "agreed to",
    "discussed",
    "on Monday",
    "on Sept. 3, 2024",
    "extended deterrence, missile defense and cyber cooperation",
    "including",
    "a range of",
    "\"",
    "'",
    "\u{201c}",
    "\u{201d}",
    "\u{2019}s",
    "\u{2014}",
    "...",
    ". ",
    "! ",
    "? ",
    ".",
    ",",
    ";",
    ":",
    "(",
    ")",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "---\n",
    "title: x\n",
    "# source: https://example.org/a\n",
    "국방부",
    "김용현 장관",
    "会谈开始了。",
    "「好。」",
    "\u{627}\u{644}\u{648}\u{632}\u{64a}\u{631}",
    "\u{200f}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "\u{a0}",
    "\u{2028}",
    "\u{85}",
    "\u{0}",
    "\u{7}",
    "\u{b}",
    "\u{c}",
    "\u{7f}",
    "\u{301}",
    "\u{130}",
    "\u{212a}",
    "\u{1F600}",
    "\u{10348}",
    "a\u{385}",
];

/// Text made of news fragments joined by nothing, a space or a line break.
fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(FRAGMENTS),
            prop::sample::select(&["", " ", " ", " ", "\n"][..]),
        ),
        0..48,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(f, sep)| [f, sep])
            .collect::<String>()
    })
}

/// Any characters, control characters included.
fn any_chars() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..160).prop_map(String::from_iter)
}

/// Small limits, so that long-sentence cutting is exercised too.
fn limits() -> impl Strategy<Value = Limits> {
    prop_oneof![
        Just(Limits::default()),
        Just(FUZZ_LIMITS),
        (8usize..80).prop_map(|n| Limits {
            max_document_bytes: 1 << 20,
            max_sentence_bytes: n,
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    /// Any bytes: parse (Ok or Err) and extract without panic; spans check out;
    /// the graph of the document round-trips.
    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..240), limits in limits()) {
        parse_extract(&bytes, &limits);
    }

    /// Any characters, as UTF-8 and as UTF-16 with a BOM.
    #[test]
    fn any_text(text in any_chars(), limits in limits()) {
        parse_extract(text.as_bytes(), &limits);
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        parse_extract(&utf16, &limits);
    }

    /// Text built from news fragments, which reaches deep into extraction.
    #[test]
    fn news_like_text(text in news_like(), limits in limits()) {
        parse_extract(text.as_bytes(), &limits);
    }

    /// `Document::from_text` keeps the same invariants as `parse`.
    #[test]
    fn from_text(text in prop_oneof![news_like(), any_chars()]) {
        let doc = Document::from_text("p.txt", &text, &Limits::default()).expect("small text");
        super::regressions::check_sentences(&doc, &Limits::default());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(24)))]

    /// A corpus of several such documents builds into a graph that round-trips.
    #[test]
    fn corpus_graph_round_trips(texts in prop::collection::vec(news_like(), 1..4)) {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Document::parse(&format!("d{i}.txt"), t.as_bytes()).ok())
            .collect();
        check_round_trip(&build(docs, &LEXICON));
    }
}

/// Short strings with awkward characters, for labels, names and sentences.
fn wire_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
    ]
}

/// Arbitrary well-formed graph files: nodes with unique ids, edges between them.
fn wire_graph() -> impl Strategy<Value = WireGraph> {
    let node = (
        prop::sample::select(&EntityKind::ALL[..]),
        wire_text(),
        prop::collection::btree_set(wire_text(), 0..3),
        prop::collection::btree_set(wire_text(), 0..3),
        prop::collection::btree_set((wire_text(), 0usize..1000, 0usize..1000), 0..3),
        prop::option::of(wire_text()),
        any::<bool>(),
        prop::option::of(any::<i32>()),
    );
    (
        prop::collection::vec(node, 1..8),
        prop::collection::vec(
            (
                0usize..8,
                0usize..8,
                prop::sample::select(&Relation::ALL[..]),
                any::<(bool, bool)>(),
                prop::option::of(wire_text()),
                prop::option::of(any::<i32>()),
                prop::collection::vec((wire_text(), 0usize..1000, 0usize..1000, wire_text()), 0..3),
            ),
            0..12,
        ),
        prop::collection::btree_map(
            wire_text(),
            (
                prop::option::of(wire_text()),
                prop::option::of(wire_text()),
                prop::option::of(wire_text()),
            ),
            0..3,
        ),
    )
        .prop_map(|(nodes, edges, documents)| {
            let nodes: Vec<Node> = nodes
                .into_iter()
                .enumerate()
                .map(
                    |(i, (kind, label, aliases, docs, mentions, date, series, year))| {
                        let mut n = Node::new(format!("{kind}:{i}-{label}"), kind, label);
                        n.aliases = aliases;
                        n.docs = docs.into_iter().map(Into::into).collect();
                        n.mentions = mentions
                            .into_iter()
                            .map(|(doc, start, end)| MentionRef {
                                doc: doc.into(),
                                start,
                                end,
                            })
                            .collect();
                        n.date = date;
                        n.series = series;
                        n.year = year;
                        n
                    },
                )
                .collect();
            // Each (document, offsets) is one sentence, numbered as cited first.
            let mut sentences: Vec<WireSentence> = Vec::new();
            let mut number: BTreeMap<(String, usize, usize), u32> = BTreeMap::new();
            let edges = edges
                .into_iter()
                .map(|(s, t, relation, (former, acting), date, year, evidence)| {
                    let (s, t) = (&nodes[s % nodes.len()].id, &nodes[t % nodes.len()].id);
                    // Rules by the sentence's offset: some edges read by several,
                    // some sentences by other rules than others.
                    const RULES: [&[&str]; 4] = [
                        &["lead.led_by"],
                        &["attend.attended_by", "lead.led_by"],
                        &["odd.\"quoted\" \\ rule"],
                        &[],
                    ];
                    let each: Vec<Vec<String>> = evidence
                        .iter()
                        .map(|e| RULES[e.1 % 4].iter().map(|r| r.to_string()).collect())
                        .collect();
                    let rules: BTreeSet<String> = each.iter().flatten().cloned().collect();
                    WireEdge {
                        rules: rules.into_iter().collect(),
                        evidence_rules: Some(each),
                        id: format!("{s}|{relation}|{t}"),
                        key: relation.to_string(),
                        source: s.clone(),
                        target: t.clone(),
                        relation,
                        qualifiers: Qualifiers {
                            former,
                            former_since: None,
                            acting,
                            date,
                            year,
                        },
                        corrected: Vec::new(),
                        evidence: evidence
                            .into_iter()
                            .map(|(doc, start, end, text)| {
                                *number.entry((doc.clone(), start, end)).or_insert_with(|| {
                                    sentences.push(WireSentence {
                                        doc,
                                        start,
                                        end,
                                        text,
                                    });
                                    sentences.len() as u32 - 1
                                })
                            })
                            .collect(),
                    }
                })
                .collect();
            let documents: BTreeMap<String, DocumentInfo> = documents
                .into_iter()
                .map(|(k, (title, date, source))| {
                    (
                        k,
                        DocumentInfo {
                            title,
                            date,
                            source,
                            hash: None,
                        },
                    )
                })
                .collect();
            WireGraph {
                directed: true,
                multigraph: true,
                graph: WireMeta {
                    name: "newsgraph".into(),
                    version: newsgraph::graph::FORMAT_VERSION,
                    documents,
                },
                nodes,
                edges,
                sentences,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(128)))]

    /// Any well-formed graph file reads, and then writes → reads → writes the same.
    #[test]
    fn graph_file_round_trips(w in wire_graph()) {
        let bytes = serde_json::to_vec(&w).expect("serialise");
        let g = Graph::read_json(&bytes, Path::new("p.json")).expect("a well-formed graph reads");
        check_round_trip(&g);
    }

    /// Graph files cut or with a byte changed read as Ok or Err, never a panic.
    #[test]
    fn damaged_graph_files(w in wire_graph(), cut in any::<prop::sample::Index>(), flip in any::<(prop::sample::Index, u8)>()) {
        let mut bytes = serde_json::to_vec_pretty(&w).expect("serialise");
        let mut flipped = bytes.clone();
        let at = flip.0.index(flipped.len());
        flipped[at] = flip.1;
        read_graph(&flipped);
        bytes.truncate(cut.index(bytes.len() + 1));
        read_graph(&bytes);
    }
}
