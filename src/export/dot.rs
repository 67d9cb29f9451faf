//! Graphviz DOT through dot-writer. dot-writer escapes nothing and writes ids raw, so
//! every id and string value is quoted and escaped here ([`quote`]); node shape and
//! colour show the kind, edge labels the relation (dashed when `former`), and a
//! legend cluster explains both.

use super::{ClusterBy, Options, kind_colors};
use crate::graph::Graph;
use crate::ontology::EntityKind;
use dot_writer::{Attributes, DotWriter, Scope};
use petgraph::stable_graph::NodeIndex;
use std::collections::BTreeMap;
use std::io;

/// Longest label drawn, in characters; longer ones are cut with `…` (the full
/// label is in the GraphML and JSON exports).
const MAX_LABEL: usize = 120;
/// Longest tooltip part (label, id, evidence sentence), in characters.
const MAX_TOOLTIP: usize = 300;
/// Labels are wrapped at spaces to lines of about this many characters.
const WRAP: usize = 28;

/// Writes the DOT of `graph`.
pub fn write(graph: &Graph, opts: &Options, out: &mut dyn io::Write) -> io::Result<()> {
    // dot-writer unwraps every write: keep the first error and report it at the end,
    // so a closed pipe or a full disk is an error, not a panic.
    let mut latch = Latch { out, error: None };
    {
        let mut w = DotWriter::from(&mut latch);
        w.set_pretty_print(true);
        let mut g = w.digraph();
        g.set("rankdir", "LR", false)
            // The default ranker fails ("trouble in init_rank") on clusters.
            .set("newrank", "true", true)
            .set("charset", "UTF-8", true)
            .set("fontname", "Helvetica", true)
            .set("labelloc", "t", true)
            .set(
                "label",
                &quote(&format!(
                    "newsgraph: {} node{}, {} edge{}",
                    graph.node_count(),
                    if graph.node_count() == 1 { "" } else { "s" },
                    graph.edge_count(),
                    if graph.edge_count() == 1 { "" } else { "s" }
                )),
                false,
            );
        g.node_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", "11", false)
            .set("style", "filled", true);
        g.edge_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", "9", false)
            .set("color", "#555555", true)
            .set("fontcolor", "#333333", true);
        legend(&mut g);
        match opts.cluster_by {
            None => {
                for ix in graph.nodes_sorted() {
                    node(&mut g, graph, ix);
                }
            }
            Some(by) => clusters(&mut g, graph, by),
        }
        for eix in graph.edges_sorted() {
            let Some((s, t)) = graph.inner.edge_endpoints(eix) else {
                continue;
            };
            let e = &graph.inner[eix];
            let mut label = e.relation.as_str().to_string();
            if e.qualifiers.acting {
                label.push_str(" (acting)");
            }
            if e.qualifiers.former {
                label.push_str(" (former)");
            }
            let (s, t) = (quote(&graph.inner[s].id), quote(&graph.inner[t].id));
            let mut attrs = g.edge(&s, &t).attributes();
            attrs.set("label", &quote(&label), false);
            if e.qualifiers.former {
                attrs.set("style", "dashed", true);
            }
            if let Some(ev) = e.evidence.first() {
                attrs.set("tooltip", &quote(&cut(&ev.sentence, MAX_TOOLTIP)), false);
            }
        }
    }
    match latch.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The nodes grouped into one cluster per kind or per (first) document.
fn clusters(g: &mut Scope<'_, '_>, graph: &Graph, by: ClusterBy) {
    let mut groups: BTreeMap<(usize, String), Vec<NodeIndex>> = BTreeMap::new();
    let mut loose = Vec::new();
    for ix in graph.nodes_sorted() {
        let n = graph.node(ix);
        let key = match by {
            ClusterBy::Kind => EntityKind::ALL
                .iter()
                .position(|k| *k == n.kind)
                .map(|i| (i, n.kind.as_str().to_string())),
            ClusterBy::Doc => n.docs.iter().next().map(|d| (0, d.to_string())),
        };
        match key {
            Some(k) => groups.entry(k).or_default().push(ix),
            None => loose.push(ix),
        }
    }
    for ((_, name), members) in &groups {
        let title = match by {
            ClusterBy::Kind => name.clone(),
            ClusterBy::Doc => match graph.documents.get(name).and_then(|d| d.title.as_ref()) {
                Some(t) => format!("{t}\n({name})"),
                None => name.clone(),
            },
        };
        let mut c = g.cluster();
        c.set("label", &quote(&title), false)
            .set("style", "rounded", true)
            .set("color", "#999999", true);
        for &ix in members {
            node(&mut c, graph, ix);
        }
    }
    for ix in loose {
        node(g, graph, ix);
    }
}

/// One node statement.
fn node(g: &mut Scope<'_, '_>, graph: &Graph, ix: NodeIndex) {
    let n = graph.node(ix);
    let (line, fill) = kind_colors(n.kind);
    let mut tooltip = format!(
        "{} ({})",
        cut(&n.label, MAX_TOOLTIP),
        cut(&n.id, MAX_TOOLTIP)
    );
    if let Some(d) = &n.date {
        tooltip.push_str(&format!(", {d}"));
    }
    let mut node = g.node_named(quote(&n.id));
    node.set("label", &quote(&display_label(&n.label)), false)
        .set("shape", shape(n.kind), false)
        .set("color", line, true)
        .set("fillcolor", fill, true)
        .set("tooltip", &quote(&tooltip), false);
}

/// The legend: one node per kind in its style, and a dashed edge for `former`.
fn legend(g: &mut Scope<'_, '_>) {
    let mut c = g.cluster();
    c.set("label", "\"legend\"", false)
        .set("style", "rounded", true)
        .set("color", "#bbbbbb", true)
        .set("fontsize", "10", false);
    for kind in EntityKind::ALL {
        let (line, fill) = kind_colors(kind);
        c.node_named(quote(&format!("legend:{kind}")))
            .set("label", &quote(kind.as_str()), false)
            .set("shape", shape(kind), false)
            .set("color", line, true)
            .set("fillcolor", fill, true);
    }
    for (id, label) in [("legend:from", "person"), ("legend:to", "office")] {
        c.node_named(quote(id))
            .set("label", &quote(label), false)
            .set("shape", "plaintext", false)
            .set("style", "", true);
    }
    c.edge(quote("legend:from"), quote("legend:to"))
        .attributes()
        .set("label", &quote("holds_office (former)"), false)
        .set("style", "dashed", true);
}

/// The Graphviz shape of a kind.
fn shape(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "ellipse",
        EntityKind::Office => "box",
        EntityKind::Organization => "component",
        EntityKind::Country => "hexagon",
        EntityKind::Place => "house",
        EntityKind::Meeting => "octagon",
        EntityKind::Agreement => "note",
        EntityKind::Topic => "parallelogram",
    }
}

/// `s` cut to `max` characters, with `…` when cut.
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A label as drawn: cut to [`MAX_LABEL`] characters and wrapped at spaces.
fn display_label(label: &str) -> String {
    let cut = cut(label, MAX_LABEL);
    let mut out = String::new();
    for (i, text) in cut.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut line = 0usize;
        for word in text.split(' ') {
            let len = word.chars().count();
            if line > 0 && line + 1 + len > WRAP {
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(word);
            line += len;
        }
    }
    out
}

/// Graphviz refuses a quoted string longer than 16384 bytes; longer ones are written
/// as pieces joined by DOT's `+` concatenation.
const MAX_PIECE: usize = 8000;

/// `s` as a DOT double-quoted string: `"` and `\` escaped, newlines as `\n`, other
/// control characters dropped (Graphviz reads them as garbage or ends the line);
/// long strings in pieces (`"…" + "…"`), never cut inside an escape or a character.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut piece = 0usize;
    for c in s.chars() {
        if piece >= MAX_PIECE {
            out.push_str("\" + \"");
            piece = 0;
        }
        let before = out.len();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
        piece += out.len() - before;
    }
    out.push('"');
    out
}

/// A writer that keeps the first error and swallows everything after it.
struct Latch<'a> {
    out: &'a mut dyn io::Write,
    error: Option<io::Error>,
}

impl io::Write for Latch<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(buf)
        {
            self.error = Some(e);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.error.is_none()
            && let Err(e) = self.out.flush()
        {
            self.error = Some(e);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Evidence, Node};
    use crate::ontology::Qualifiers;
    use crate::ontology::Relation;

    #[test]
    fn quoting() {
        let table = [
            ("plain", "\"plain\""),
            ("Moon Jae-in", "\"Moon Jae-in\""),
            ("Kim \"the boss\"", "\"Kim \\\"the boss\\\"\""),
            ("a\\b", "\"a\\\\b\""),
            ("\\N", "\"\\\\N\""),
            ("two\nlines", "\"two\\nlines\""),
            ("cr\r\n", "\"cr\\n\""),
            ("bell\u{7}", "\"bell\""),
            ("tab\there", "\"tab here\""),
            ("국방부", "\"국방부\""),
            ("<b>&amp;</b>", "\"<b>&amp;</b>\""),
            ("", "\"\""),
        ];
        for (input, want) in table {
            assert_eq!(quote(input), want, "{input:?}");
        }
    }

    #[test]
    fn long_strings_are_split_into_pieces() {
        let long = "a\"é".repeat(5000);
        let q = quote(&long);
        let pieces: Vec<&str> = q.split("\" + \"").collect();
        assert!(pieces.len() > 1);
        for p in &pieces {
            assert!(p.len() <= MAX_PIECE + 8, "{}", p.len());
            assert!(!p.ends_with('\\') || p.ends_with("\\\\"));
        }
        assert_eq!(pieces.concat().replace("\\\"", "\""), format!("\"{long}\""));
    }

    /// Strings from a hostile alphabet, from a fixed seed.
    fn random_strings() -> Vec<String> {
        let alphabet: Vec<char> =
            "ab \"\\\n\r\t\u{0}\u{7}\u{B}\u{1F}\u{7F}<>&+;{}[]=-국방\u{200B}\u{202E}\u{FEFF}é"
                .chars()
                .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        (0..500)
            .map(|i| {
                let len = if i % 50 == 0 { 9000 } else { i % 40 };
                (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        alphabet[(state % alphabet.len() as u64) as usize]
                    })
                    .collect()
            })
            .collect()
    }

    /// Reads back a DOT double-quoted string (with `+` pieces) as Graphviz does.
    fn unquote(q: &str) -> String {
        let inner = q
            .strip_prefix('"')
            .and_then(|q| q.strip_suffix('"'))
            .unwrap();
        let mut out = String::new();
        for piece in inner.split("\" + \"") {
            let mut chars = piece.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some('n') => out.push('\n'),
                        Some(c) => out.push(c),
                        None => panic!("piece ends in a lone backslash: {piece:?}"),
                    },
                    '"' => panic!("unescaped quote in {q:?}"),
                    c => out.push(c),
                }
            }
        }
        out
    }

    #[test]
    fn quoting_round_trips_on_random_strings() {
        for s in random_strings() {
            let q = quote(&s);
            let want: String = s
                .chars()
                .filter_map(|c| match c {
                    '\t' => Some(' '),
                    '\n' => Some('\n'),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect();
            assert_eq!(unquote(&q), want, "{s:?}");
            assert!(!q.chars().any(|c| c.is_control()), "{q:?}");
        }
    }

    #[test]
    fn labels_wrap_and_cut() {
        assert_eq!(display_label("Pete Hegseth"), "Pete Hegseth");
        assert_eq!(
            display_label("Korea-U.S. Integrated Defense Dialogue"),
            "Korea-U.S. Integrated\nDefense Dialogue"
        );
        let long = "x".repeat(500);
        let shown = display_label(&long);
        assert_eq!(shown.chars().count(), MAX_LABEL + 1);
        assert!(shown.ends_with('…'));
    }

    fn hostile_graph() -> Graph {
        let mut g = Graph::new();
        let a = g.add_node(Node::new(
            "person:node",
            EntityKind::Person,
            "Kim \"the boss\" \\ <b>&</b>\nstrict",
        ));
        let b = g.add_node(Node::new(
            "office:strict",
            EntityKind::Office,
            "국방부 장관",
        ));
        let ev = Evidence {
            doc: "a.txt".into(),
            start: 0,
            end: 3,
            sentence: "He said \"no\".".into(),
            rules: crate::provenance::Rules::one("test.dot"),
        };
        let former = Qualifiers {
            former: true,
            ..Qualifiers::default()
        };
        g.add_edge(a, b, Relation::HoldsOffice, former, [ev]);
        g.add_edge(b, a, Relation::Succeeded, Qualifiers::default(), []);
        g
    }

    #[test]
    fn ids_and_values_are_quoted() {
        let g = hostile_graph();
        for cluster_by in [None, Some(ClusterBy::Kind), Some(ClusterBy::Doc)] {
            let mut out = Vec::new();
            let opts = Options {
                cluster_by,
                ..Options::default()
            };
            write(&g, &opts, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(text.starts_with("digraph {"), "{text}");
            assert!(
                text.contains("\"person:node\" -> \"office:strict\""),
                "{text}"
            );
            assert!(
                text.contains(
                    "tooltip=\"Kim \\\"the boss\\\" \\\\ <b>&</b>\\nstrict (person:node)\""
                ),
                "{text}"
            );
            assert!(text.contains("style=\"dashed\""), "{text}");
            assert!(text.contains("\"국방부 장관\""), "{text}");
            // Every quote outside an escape is balanced on every line.
            for line in text.lines() {
                let unescaped = line.replace("\\\\", "").replace("\\\"", "");
                assert_eq!(unescaped.matches('"').count() % 2, 0, "{line}");
            }
        }
    }

    #[test]
    fn write_errors_are_returned_not_panics() {
        struct Full;
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let err = write(&hostile_graph(), &Options::default(), &mut Full).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }
}
