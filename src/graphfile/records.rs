//! The graph file's records, written directly (they are most of a graph file,
//! and serde's general path costs several times more), byte for byte as serde
//! writes the [wire types](super::wire) (the tests check it), and
//! [`write_records`], which formats them on every core.

use super::layout::{OPEN_NODES, head};
use crate::graph::{DocumentInfo, Evidence, MentionRef, Node};
use crate::ontology::{Qualifier, Qualifiers, Relation};
use crate::provenance::Rules;
use crate::sorted::SortedVec;
use std::collections::BTreeMap;
use std::io::Write;

/// Writes `items` as records, one per line, comma-separated (none before the
/// first). Batches of records are formatted on every core by a thread of its own
/// while this one writes the batch before, so the output is the serial one,
/// writing overlaps formatting, and memory stays bounded by a few batches.
pub(crate) fn write_records<T: Sync, W: Write>(
    out: &mut W,
    items: &[T],
    chunk: usize,
    record: impl Fn(&T, &mut Vec<u8>) -> serde_json::Result<()> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    type Batch = serde_json::Result<Vec<Vec<u8>>>;
    let format = |batch: &[T]| -> Batch {
        batch
            .par_chunks(chunk)
            .map(|chunk| {
                let mut buf = Vec::with_capacity(chunk.len() * 256);
                for item in chunk {
                    buf.extend_from_slice(b",\n");
                    record(item, &mut buf)?;
                }
                Ok(buf)
            })
            .collect()
    };
    let mut first = true;
    let mut write = |bufs: Batch, out: &mut W| -> std::io::Result<()> {
        for buf in bufs.map_err(std::io::Error::from)? {
            // The very first record has no comma before it.
            let skip = usize::from(first);
            first = false;
            out.write_all(&buf[skip..])?;
        }
        Ok(())
    };
    // On a thread of the pool, a thread of our own that waits for the pool
    // could wait for this one (every pool thread blocked here): format and
    // write in turn instead.
    if rayon::current_thread_index().is_some() {
        for batch in items.chunks(chunk * 64) {
            write(format(batch), out)?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(2);
        let format = &format;
        scope.spawn(move || {
            for batch in items.chunks(chunk * 64) {
                // The writer stops listening after an error: stop too.
                if tx.send(format(batch)).is_err() {
                    break;
                }
            }
        });
        for bufs in rx {
            write(bufs, out)?;
        }
        Ok(())
    })
}

/// Writes the file's head and its documents, up to the opening of the nodes.
pub(crate) fn write_documents<W: Write>(
    out: &mut W,
    documents: &BTreeMap<String, DocumentInfo>,
) -> std::io::Result<()> {
    out.write_all(head().as_bytes())?;
    out.write_all(b"{")?;
    let documents: Vec<_> = documents.iter().collect();
    write_records(out, &documents, 1024, |(name, info), buf| {
        serde_json::to_writer(&mut *buf, name)?;
        buf.push(b':');
        serde_json::to_writer(buf, info)
    })?;
    out.write_all(OPEN_NODES)
}

/// A node's record, as its `Serialize` writes it, written directly: the records
/// are most of a graph file, and serde's general path costs several times more.
pub(crate) fn node_record(buf: &mut Vec<u8>, node: &Node) -> serde_json::Result<()> {
    let mut numbers = itoa::Buffer::new();
    buf.extend_from_slice(b"{\"id\":");
    write_str(buf, &node.id)?;
    buf.extend_from_slice(b",\"kind\":\"");
    buf.extend_from_slice(node.kind.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"label\":");
    write_str(buf, &node.label)?;
    buf.extend_from_slice(b",\"key\":");
    write_str(buf, &node.key)?;
    buf.extend_from_slice(b",\"labels\":{");
    for (k, (label, n)) in node.labels.iter().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        write_str(buf, label)?;
        buf.push(b':');
        buf.extend_from_slice(numbers.format(*n).as_bytes());
    }
    buf.push(b'}');
    if node.label_surface {
        buf.extend_from_slice(b",\"label_surface\":true");
    }
    buf.extend_from_slice(b",\"aliases\":");
    write_strs(buf, node.aliases.iter().map(String::as_str))?;
    if !node.corrected.is_empty() {
        buf.extend_from_slice(b",\"corrected\":");
        write_strs(buf, node.corrected.iter().map(String::as_str))?;
    }
    buf.extend_from_slice(b",\"docs\":");
    write_strs(buf, node.docs.iter().map(|d| &**d))?;
    if let Some(date) = &node.date {
        buf.extend_from_slice(b",\"date\":");
        write_str(buf, date)?;
    }
    if node.series {
        buf.extend_from_slice(b",\"series\":true");
    }
    if let Some(year) = node.year {
        buf.extend_from_slice(b",\"year\":");
        buf.extend_from_slice(numbers.format(year).as_bytes());
    }
    buf.extend_from_slice(b",\"mentions\":");
    write_mentions(buf, &node.mentions)?;
    buf.push(b'}');
    Ok(())
}

/// Writes a node's mentions as its record holds them:
/// `{"doc":[[start,end],…],…}`, each document name once.
pub(crate) fn write_mentions(
    buf: &mut Vec<u8>,
    mentions: &SortedVec<MentionRef>,
) -> serde_json::Result<()> {
    let mut numbers = itoa::Buffer::new();
    buf.push(b'{');
    let mut it = mentions.iter().peekable();
    let mut first = true;
    while let Some(m) = it.next() {
        if first {
            first = false;
            write_str(buf, &m.doc)?;
            buf.extend_from_slice(b":[");
        }
        buf.push(b'[');
        buf.extend_from_slice(numbers.format(m.start).as_bytes());
        buf.push(b',');
        buf.extend_from_slice(numbers.format(m.end).as_bytes());
        buf.push(b']');
        match it.peek() {
            Some(next) if next.doc == m.doc => buf.push(b','),
            Some(next) => {
                buf.extend_from_slice(b"],");
                write_str(buf, &next.doc)?;
                buf.extend_from_slice(b":[");
            }
            None => buf.push(b']'),
        }
    }
    buf.push(b'}');
    Ok(())
}

/// A JSON array of strings.
fn write_strs<'s>(
    buf: &mut Vec<u8>,
    strs: impl Iterator<Item = &'s str>,
) -> serde_json::Result<()> {
    buf.push(b'[');
    for (k, s) in strs.enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        write_str(buf, s)?;
    }
    buf.push(b']');
    Ok(())
}

/// Whether `s` is written in JSON as it is (no quote, backslash or control
/// character). (No early exit: the loop is vectorised.)
fn plain(s: &str) -> bool {
    !s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// A JSON string: copied when it needs no escapes, else written by serde_json.
fn write_str(buf: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    if plain(s) {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
        Ok(())
    } else {
        serde_json::to_writer(buf, s)
    }
}

/// Whether the sentences of an edge were not all read by the same rules (the
/// record then says which rules read each).
pub(crate) fn uneven(evidence: &[Evidence]) -> bool {
    evidence.windows(2).any(|w| w[0].rules != w[1].rules)
}

/// An edge's record: `evidence` numbers the sentences it cites, each with the
/// rules that read the edge there; `corrected`, the corrections that changed it.
/// The edge's rules come before its evidence, which is the last field. (As
/// serde writes [`WireEdge`](super::WireEdge), written directly.)
pub(crate) fn edge_record(
    buf: &mut Vec<u8>,
    source: &str,
    relation: Relation,
    target: &str,
    q: &Qualifiers,
    corrected: &[String],
    evidence: &[(u32, Rules)],
) -> serde_json::Result<()> {
    let rules = crate::provenance::union_of(evidence.iter().map(|e| e.1));
    let uneven = evidence.windows(2).any(|w| w[0].1 != w[1].1);
    let r = relation.as_str().as_bytes();
    if plain(source) && plain(target) {
        let (s, t) = (source.as_bytes(), target.as_bytes());
        for part in [
            b"{\"id\":\"".as_slice(),
            s,
            b"|",
            r,
            b"|",
            t,
            b"\",\"key\":\"",
            r,
            b"\",\"source\":\"",
            s,
            b"\",\"target\":\"",
            t,
            b"\"",
        ] {
            buf.extend_from_slice(part);
        }
    } else {
        buf.extend_from_slice(b"{\"id\":");
        write_str(buf, &format!("{source}|{relation}|{target}"))?;
        for (name, value) in [
            (b"key".as_slice(), relation.as_str()),
            (b"source", source),
            (b"target", target),
        ] {
            buf.extend_from_slice(b",\"");
            buf.extend_from_slice(name);
            buf.extend_from_slice(b"\":");
            write_str(buf, value)?;
        }
    }
    buf.extend_from_slice(b",\"relation\":\"");
    buf.extend_from_slice(r);
    buf.push(b'"');
    let mut numbers = itoa::Buffer::new();
    for (name, value) in q.present() {
        buf.extend_from_slice(b",\"");
        buf.extend_from_slice(name.as_bytes());
        buf.extend_from_slice(b"\":");
        match value {
            Qualifier::Flag => buf.extend_from_slice(b"true"),
            Qualifier::Date(d) => write_str(buf, d)?,
            Qualifier::Year(y) => buf.extend_from_slice(numbers.format(y).as_bytes()),
        }
    }
    if !corrected.is_empty() {
        buf.extend_from_slice(b",\"corrected\":");
        write_strs(buf, corrected.iter().map(String::as_str))?;
    }
    buf.extend_from_slice(b",\"rules\":");
    write_strs(buf, rules.iter())?;
    if uneven {
        buf.extend_from_slice(b",\"evidence_rules\":[");
        for (k, (_, r)) in evidence.iter().enumerate() {
            if k > 0 {
                buf.push(b',');
            }
            write_strs(buf, r.iter())?;
        }
        buf.push(b']');
    }
    buf.extend_from_slice(b",\"evidence\":[");
    for (k, (n, _)) in evidence.iter().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(numbers.format(*n).as_bytes());
    }
    buf.extend_from_slice(b"]}");
    Ok(())
}

/// A sentence's record (written directly, as serde_json writes it).
pub(crate) fn sentence_record(buf: &mut Vec<u8>, ev: &Evidence) -> serde_json::Result<()> {
    let mut numbers = itoa::Buffer::new();
    buf.extend_from_slice(b"{\"doc\":");
    write_str(buf, &ev.doc)?;
    buf.extend_from_slice(b",\"start\":");
    buf.extend_from_slice(numbers.format(ev.start).as_bytes());
    buf.extend_from_slice(b",\"end\":");
    buf.extend_from_slice(numbers.format(ev.end).as_bytes());
    buf.extend_from_slice(b",\"text\":");
    write_str(buf, &ev.sentence)?;
    buf.push(b'}');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphfile::{WireEdge, WireSentence};
    use crate::ontology::EntityKind;
    use std::sync::Arc;

    /// A sentence's record, by serde.
    fn sentence_serde(ev: &Evidence) -> Vec<u8> {
        let wire = WireSentence {
            doc: ev.doc.to_string(),
            start: ev.start,
            end: ev.end,
            text: ev.sentence.to_string(),
        };
        serde_json::to_vec(&wire).unwrap()
    }

    /// The records written directly are serde's, byte for byte.
    #[test]
    fn direct_records_are_serdes() {
        let lex = crate::lexicon::Lexicon::with_files(&[]).unwrap();
        let mut g = crate::build::build_texts(crate::corpus::EXAMPLE, &lex).unwrap();
        // Strings that need escapes, in every kind of field.
        let mut odd = Node::new("person:a\"b", EntityKind::Person, "A \"B\"\\ \u{1}");
        odd.key = "person:a \"b\"".into();
        odd.aliases.insert("tab\there".into());
        odd.docs.insert(Arc::from("dir/\"quoted\".txt"));
        odd.mentions.insert(MentionRef {
            doc: Arc::from("dir/\"quoted\".txt"),
            start: 1,
            end: 2,
        });
        odd.date = Some("2025-01-02".into());
        odd.year = Some(-7);
        odd.series = true;
        odd.corrected = vec!["renamed from \"x\": a \"reason\"".into()];
        g.add_node(odd);
        for n in g.inner.node_weights() {
            let mut direct = Vec::new();
            node_record(&mut direct, n).unwrap();
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                serde_json::to_string(n).unwrap()
            );
        }
        for ev in g.sentences() {
            let mut direct = Vec::new();
            sentence_record(&mut direct, ev).unwrap();
            assert_eq!(direct, sentence_serde(ev));
        }
        let odd = Evidence {
            doc: Arc::from("a\\b"),
            start: 0,
            end: 9,
            sentence: Arc::from("He said \"no\".\n"),
            rules: Rules::one("odd.\"rule\""),
        };
        let mut direct = Vec::new();
        sentence_record(&mut direct, &odd).unwrap();
        assert_eq!(direct, sentence_serde(&odd));
        let q = Qualifiers {
            former: true,
            former_since: Some("2025-\\y".into()),
            acting: true,
            date: Some("2024-\"x".into()),
            year: Some(2011),
        };
        let one = |name: &str| Qualifiers {
            former: name == "former",
            former_since: (name == "former_since").then(|| "2025-01-01".into()),
            acting: name == "acting",
            date: (name == "date").then(|| "2024".into()),
            year: (name == "year").then_some(-3),
        };
        let mut each: Vec<Qualifiers> = Qualifiers::NAMES.iter().map(|n| one(n)).collect();
        each.extend([Qualifiers::default(), q]);
        for (s, t) in [("person:a", "meeting:b"), ("person:\"q\"", "x\\y")] {
            for q in &each {
                let (a, b) = (Rules::one("lead.led_by"), Rules::one("x.\"y\"\\z"));
                let corrected = ["moved \"x\": y".to_string()];
                for evidence in [vec![(1, a), (20, a.union(b)), (300, a)], vec![(7, b)]] {
                    for corrected in [&corrected[..], &[]] {
                        let mut direct = Vec::new();
                        edge_record(&mut direct, s, Relation::Led, t, q, corrected, &evidence)
                            .unwrap();
                        let rules = crate::provenance::union_of(evidence.iter().map(|e| e.1));
                        let uneven = evidence.windows(2).any(|w| w[0].1 != w[1].1);
                        let names = |r: Rules| r.iter().map(str::to_string).collect::<Vec<_>>();
                        let wire = WireEdge {
                            id: format!("{s}|led|{t}"),
                            key: "led".into(),
                            source: s.into(),
                            target: t.into(),
                            relation: Relation::Led,
                            qualifiers: q.clone(),
                            corrected: corrected.to_vec(),
                            rules: names(rules),
                            evidence_rules: uneven
                                .then(|| evidence.iter().map(|e| names(e.1)).collect()),
                            evidence: evidence.iter().map(|e| e.0).collect(),
                        };
                        assert_eq!(
                            String::from_utf8(direct).unwrap(),
                            serde_json::to_string(&wire).unwrap()
                        );
                    }
                }
            }
        }
    }
}
