//! GraphML: typed `<key>`s with meaningful ids (never `d0…`, which Gephi maps to
//! labels), a `label` on nodes and edges, a unique `id` plus an `edge_id` data value
//! on every edge (parallel edges survive NetworkX and igraph), lists, rules and
//! evidence (each sentence with the rules that read it there) as JSON text, all nodes before edges, and characters illegal in XML 1.0 dropped.

use crate::graph::Graph;
use std::io::{self, Write};

/// The attribute keys: (id, for, attr.name, attr.type).
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("g_name", "graph", "name", "string"),
    ("g_version", "graph", "version", "int"),
    ("g_documents", "graph", "documents", "string"),
    ("n_label", "node", "label", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_docs", "node", "docs", "string"),
    ("n_date", "node", "date", "string"),
    ("n_series", "node", "series", "boolean"),
    ("n_year", "node", "year", "int"),
    ("e_edge_id", "edge", "edge_id", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_relation", "edge", "relation", "string"),
    ("e_former", "edge", "former", "boolean"),
    ("e_acting", "edge", "acting", "boolean"),
    ("e_date", "edge", "date", "string"),
    ("e_year", "edge", "year", "int"),
    ("e_rules", "edge", "rules", "string"),
    ("e_evidence", "edge", "evidence", "string"),
];

/// The keys of corrections (`build --corrections`), declared only in the GraphML
/// of a corrected graph.
const CORRECTED_KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_corrected", "node", "corrected", "string"),
    ("e_corrected", "edge", "corrected", "string"),
];

/// Writes the GraphML of `graph`.
pub fn write(graph: &Graph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = io::BufWriter::new(out);
    w.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    let corrected = graph.inner.node_weights().any(|n| !n.corrected.is_empty())
        || graph.inner.edge_weights().any(|e| !e.corrected.is_empty());
    let keys = KEYS
        .iter()
        .chain(CORRECTED_KEYS.iter().filter(|_| corrected));
    for (id, what, name, ty) in keys {
        writeln!(
            w,
            "  <key id=\"{id}\" for=\"{what}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        )?;
    }
    w.write_all(b"  <graph id=\"newsgraph\" edgedefault=\"directed\">\n")?;
    let wire = crate::graph::FORMAT_VERSION;
    data(&mut w, 4, "g_name", "newsgraph")?;
    data(&mut w, 4, "g_version", &wire.to_string())?;
    data(&mut w, 4, "g_documents", &to_json(&graph.documents)?)?;
    for ix in graph.nodes_sorted() {
        let n = graph.node(ix);
        writeln!(w, "    <node id=\"{}\">", node_id(&n.id))?;
        data(&mut w, 6, "n_label", &n.label)?;
        data(&mut w, 6, "n_kind", n.kind.as_str())?;
        data(&mut w, 6, "n_aliases", &to_json(&n.aliases)?)?;
        data(&mut w, 6, "n_docs", &to_json(&n.docs)?)?;
        if let Some(d) = &n.date {
            data(&mut w, 6, "n_date", d)?;
        }
        data(
            &mut w,
            6,
            "n_series",
            if n.series { "true" } else { "false" },
        )?;
        if let Some(y) = n.year {
            data(&mut w, 6, "n_year", &y.to_string())?;
        }
        if !n.corrected.is_empty() {
            data(&mut w, 6, "n_corrected", &to_json(&n.corrected)?)?;
        }
        w.write_all(b"    </node>\n")?;
    }
    for (i, eix) in graph.edges_sorted().into_iter().enumerate() {
        let Some((s, t)) = graph.inner.edge_endpoints(eix) else {
            continue;
        };
        let e = &graph.inner[eix];
        let (s, t) = (&graph.node(s).id, &graph.node(t).id);
        writeln!(
            w,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            node_id(s),
            node_id(t)
        )?;
        data(&mut w, 6, "e_edge_id", &format!("{s}|{}|{t}", e.relation))?;
        data(&mut w, 6, "e_label", e.relation.as_str())?;
        data(&mut w, 6, "e_relation", e.relation.as_str())?;
        let q = &e.qualifiers;
        data(
            &mut w,
            6,
            "e_former",
            if q.former { "true" } else { "false" },
        )?;
        data(
            &mut w,
            6,
            "e_acting",
            if q.acting { "true" } else { "false" },
        )?;
        if let Some(d) = &q.date {
            data(&mut w, 6, "e_date", d)?;
        }
        if let Some(y) = q.year {
            data(&mut w, 6, "e_year", &y.to_string())?;
        }
        if !e.corrected.is_empty() {
            data(&mut w, 6, "e_corrected", &to_json(&e.corrected)?)?;
        }
        data(&mut w, 6, "e_rules", &to_json(&e.rules())?)?;
        let evidence: Vec<_> = e.evidence.iter().collect();
        data(&mut w, 6, "e_evidence", &to_json(&evidence)?)?;
        w.write_all(b"    </edge>\n")?;
    }
    w.write_all(b"  </graph>\n</graphml>\n")?;
    w.flush()
}

/// One `<data>` element.
fn data(w: &mut impl Write, indent: usize, key: &str, value: &str) -> io::Result<()> {
    writeln!(
        w,
        "{:indent$}<data key=\"{key}\">{}</data>",
        "",
        escape(value)
    )
}

/// Compact JSON text of a list or map.
fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> io::Result<String> {
    serde_json::to_string(v).map_err(io::Error::other)
}

/// A node id as a GraphML id, which the schema types as an XML name token. Our ids
/// (`kind:slug`) are name tokens unless a slug holds a character outside XML's
/// name characters (say `²`): such a character becomes `_xHHHH_` (ids never contain
/// `_`, so distinct ids stay distinct).
fn node_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if is_name_char(c) && c != '_' {
            out.push(c);
        } else {
            out.push_str(&format!("_x{:04X}_", c as u32));
        }
    }
    out
}

/// XML 1.0 (fifth edition) `NameChar`.
fn is_name_char(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '-' | '.' | '0'..='9' | '\u{B7}'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{203F}'..='\u{2040}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// Text for an element or attribute: `& < > "` escaped, characters illegal in
/// XML 1.0 dropped (controls other than tab, newline and carriage return; lone
/// surrogates cannot occur in a `str`; U+FFFE and U+FFFF).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // A raw CR would be read back as LF.
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Evidence, Node};
    use crate::ontology::Qualifiers;
    use crate::ontology::{EntityKind, Relation};

    #[test]
    fn escaping() {
        let table = [
            ("plain", "plain"),
            ("a & b", "a &amp; b"),
            ("<tag attr=\"x\">", "&lt;tag attr=&quot;x&quot;&gt;"),
            ("v\u{B}tab\u{0}", "vtab"),
            ("bell\u{7}\u{1F}", "bell"),
            ("keep\tand\nlines", "keep\tand\nlines"),
            ("cr\r", "cr&#13;"),
            ("nonchar\u{FFFE}\u{FFFF}", "nonchar"),
            ("국방부 \u{200B}\u{200F}", "국방부 \u{200B}\u{200F}"),
        ];
        for (input, want) in table {
            assert_eq!(escape(input), want, "{input:?}");
        }
    }

    #[test]
    fn escaped_text_is_legal_xml_and_reads_back() {
        let alphabet: Vec<char> =
            "ab &<>\"'\n\r\t\u{0}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{85}국\u{200B}\u{FFFE}\u{FFFF}é;#"
                .chars()
                .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..400 {
            let s: String = (0..len % 60)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect();
            let e = escape(&s);
            assert!(
                !e.chars().any(|c| (c < ' ' && c != '\t' && c != '\n')
                    || matches!(c, '<' | '>' | '"' | '\u{FFFE}' | '\u{FFFF}')),
                "{e:?}"
            );
            let back = e
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#13;", "\r")
                .replace("&amp;", "&");
            let want: String = s
                .chars()
                .filter(|&c| {
                    (c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
                        && c != '\u{FFFE}'
                        && c != '\u{FFFF}'
                })
                .collect();
            assert_eq!(back, want, "{s:?}");
        }
    }

    #[test]
    fn node_ids_are_name_tokens() {
        assert_eq!(node_id("person:pete-hegseth"), "person:pete-hegseth");
        assert_eq!(node_id("office:국방부"), "office:국방부");
        assert_eq!(node_id("topic:x²"), "topic:x_x00B2_");
    }

    #[test]
    fn parallel_edges_get_unique_ids_and_nodes_come_first() {
        let mut g = Graph::new();
        let a = g.add_node(Node::new("person:a", EntityKind::Person, "A \u{B}<&>"));
        let b = g.add_node(Node::new("meeting:b", EntityKind::Meeting, "B"));
        let ev = Evidence {
            doc: "d.txt".into(),
            start: 0,
            end: 1,
            sentence: "A \"led\" B.".into(),
            rules: crate::provenance::Rules::named(["lead.\"odd\" <x>&", "lead.led_by"]),
        };
        g.add_edge(a, b, Relation::Led, Qualifiers::default(), [ev]);
        g.add_edge(a, b, Relation::Attended, Qualifiers::default(), []);
        let mut out = Vec::new();
        write(&g, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("<edge id=\"e0\" source=\"person:a\" target=\"meeting:b\">"));
        assert!(text.contains("<edge id=\"e1\" source=\"person:a\" target=\"meeting:b\">"));
        assert!(text.contains("<data key=\"n_label\">A &lt;&amp;&gt;</data>"));
        assert!(text.contains("<data key=\"e_edge_id\">person:a|attended|meeting:b</data>"));
        assert!(text.contains("&quot;sentence&quot;:&quot;A \\&quot;led\\&quot; B.&quot;"));
        // The edge's rules, declared and escaped, and each sentence's.
        assert!(text.contains(
            "<key id=\"e_rules\" for=\"edge\" attr.name=\"rules\" attr.type=\"string\"/>"
        ));
        let rules = "[&quot;lead.\\&quot;odd\\&quot; &lt;x&gt;&amp;&quot;,&quot;lead.led_by&quot;]";
        assert!(
            text.contains(&format!("<data key=\"e_rules\">{rules}</data>")),
            "{text}"
        );
        assert!(
            text.contains(&format!("&quot;rules&quot;:{rules}}}]</data>")),
            "{text}"
        );
        assert!(text.contains("<data key=\"e_rules\">[]</data>"), "{text}");
        assert!(!text.contains('\u{B}'));
        let last_node = text.rfind("<node ").unwrap();
        let first_edge = text.find("<edge ").unwrap();
        assert!(last_node < first_edge);
        assert!(!text.contains("\"d0\""));
    }
}
