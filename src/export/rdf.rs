//! RDF: the graph as Turtle or N-Triples, for SPARQL stores (Oxigraph, Jena, GraphDB…),
//! written with `oxrdf` terms and `oxttl` serializers.
//!
//! The vocabulary is small and ours (`ng:` = [`VOCAB`]), each term tied to a
//! standard one where one fits (schema.org, the W3C Organization ontology, SKOS,
//! Dublin Core terms, PROV-O); it is declared in `vocabulary.ttl` beside this file,
//! which heads every export:
//!
//! - a node is `<base + id>`, `a ng:Node, ng:<Kind>` and the standard class of its
//!   kind; its label is `rdfs:label`, other surface forms
//!   `skos:altLabel`, its id `dcterms:identifier`, the documents naming it
//!   `schema:subjectOf`;
//! - an edge is the triple `<source> ng:<relation> <target>` (each relation `a
//!   ng:Relation`, declared with the standard property it refines),
//!   reified as an `rdf:Statement` `<base>edge/<source>/<relation>/<target>` that
//!   carries the qualifiers (`ng:former`, `ng:acting`, `ng:date`, `ng:year`), the
//!   ids of the rules that read it (`ng:rule`, a literal each) and
//!   `ng:evidence` → one resource per sentence, `<base>doc/<name>#<start>-<end>`,
//!   with `ng:sentence`, `ng:start`, `ng:end` (byte offsets into the document's
//!   normalised text) and `prov:wasDerivedFrom` the document;
//! - a document is `<base>doc/<name>`, `a prov:Entity`, with `dcterms:identifier`
//!   (its name), `dcterms:title`, `dcterms:date`, `dcterms:source` and `ng:hash`.
//!
//! Triples are streamed in a fixed order (the vocabulary, documents, nodes, edges,
//! evidence sentences), so the output is byte-identical for the same graph. Names
//! become IRI pieces by percent-encoding ([`iri_segment`]); `oxttl` escapes literals.

use crate::graph::{Evidence, Graph};
use crate::ontology::{EntityKind, Relation};
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{
    LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, TermRef, Triple, TripleRef,
};
use oxttl::ntriples::LowLevelNTriplesSerializer;
use oxttl::turtle::LowLevelTurtleSerializer;
use oxttl::{NTriplesSerializer, TurtleParser, TurtleSerializer};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// An IRI of a known namespace, spelled at compile time: `iri!(ng "Node")`.
macro_rules! iri {
    (@ng) => { "urn:newsgraph:vocab#" };
    (@skos) => { "http://www.w3.org/2004/02/skos/core#" };
    (@schema) => { "https://schema.org/" };
    (@prov) => { "http://www.w3.org/ns/prov#" };
    (@dcterms) => { "http://purl.org/dc/terms/" };
    ($ns:ident $local:literal) => {
        NamedNodeRef::new_unchecked(concat!(iri!(@$ns), $local))
    };
}

/// The base IRI nodes, documents and statements are named under, unless the user
/// gives one.
pub const DEFAULT_BASE_IRI: &str = "urn:newsgraph:";

/// The namespace of newsgraph's own classes and properties (`ng:`).
pub const VOCAB: &str = iri!(@ng);

/// The vocabulary's classes and properties, in Turtle; its prefixes are those of
/// the Turtle output.
const VOCABULARY: &str = include_str!("vocabulary.ttl");

/// The vocabulary: its prefixes (name, IRI) and its triples in the file's order.
type Vocabulary = (Vec<(String, String)>, Vec<Triple>);

fn vocabulary() -> io::Result<Vocabulary> {
    let mut parser = TurtleParser::new().for_slice(VOCABULARY);
    let triples = parser.by_ref().collect::<Result<_, _>>();
    let prefixes = parser
        .prefixes()
        .map(|(p, ns)| (p.into(), ns.into()))
        .collect();
    Ok((prefixes, triples.map_err(io::Error::other)?))
}

/// The classes a kind's nodes are members of: `ng:Node`, the kind's class (`ng:`
/// and its name capitalised: `ng:Person`) and the classes that refines in the
/// vocabulary (`schema:Person`).
fn kind_classes(vocab: &[Triple]) -> BTreeMap<EntityKind, Vec<NamedNode>> {
    let node = iri!(ng "Node");
    let classes = |kind: EntityKind| {
        let (first, rest) = kind.as_str().split_at(1);
        let class = NamedNode::new_unchecked(format!("{VOCAB}{}{rest}", first.to_uppercase()));
        let refined = vocab.iter().filter_map(|t| match (&t.subject, &t.object) {
            (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o))
                if *s == class && t.predicate == rdfs::SUB_CLASS_OF && *o != node =>
            {
                Some(o.clone())
            }
            _ => None,
        });
        let mut all = vec![node.into_owned(), class.clone()];
        all.extend(refined);
        all
    };
    EntityKind::ALL
        .into_iter()
        .map(|k| (k, classes(k)))
        .collect()
}

/// Which RDF syntax to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Turtle, with prefixes and `;` between the statements about one subject.
    Turtle,
    /// N-Triples: one full triple per line.
    NTriples,
}

/// `ng:<relation>`.
fn relation_iri(rel: Relation) -> NamedNode {
    NamedNode::new_unchecked(format!("{VOCAB}{}", rel.as_str()))
}

/// Checks that `base` can prefix our IRIs: it is an absolute IRI, and so are the
/// IRIs made from it (`<base>doc/NAME#START-END`).
pub fn check_base_iri(base: &str) -> Result<(), String> {
    NamedNodeRef::new(base)
        .and_then(|_| NamedNode::new(format!("{base}doc/a#0-1")))
        .map(|_| ())
        .map_err(|e| {
            format!(
                "base IRI `{}` cannot prefix IRIs: {e} (give an IRI with a scheme, such as \
                 `https://example.org/kg/` or `urn:x:`, and percent-encode what an IRI cannot hold)",
                base.escape_debug()
            )
        })
}

/// A character an IRI may hold as it is (RFC 3987 `iunreserved`, `gen-delims` and
/// `sub-delims`; `ucschar` for the rest of Unicode).
fn iri_char_ok(c: char) -> bool {
    let u = c as u32;
    c.is_ascii_alphanumeric()
        || "-._~:/?#[]@!$&'()*+,;=".contains(c)
        || (matches!(u, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF | 0x1_0000..=0xE_FFFD)
            && (u & 0xFFFE) != 0xFFFE)
}

/// A name (node id, document name) as a piece of an IRI path: letters, digits,
/// `-._~`, the sub-delimiters, `:`, `@` and non-ASCII letters stay; everything else
/// (`/` too, unless `keep_slash`) is percent-encoded as UTF-8, `%` included, so
/// distinct names give distinct IRIs.
pub fn iri_segment(name: &str, keep_slash: bool) -> String {
    encode(name, |c| match c {
        '/' => keep_slash,
        '?' | '#' | '[' | ']' => false,
        c => iri_char_ok(c),
    })
}

/// `s` with every character `keep` refuses written as `%XX` escapes of its UTF-8 bytes.
fn encode(s: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if keep(c) {
            out.push(c);
        } else {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A date as the graph gives it: `xsd:date` when it is `YYYY-MM-DD`, `xsd:gYearMonth`
/// for `YYYY-MM`, `xsd:gYear` for `YYYY`, otherwise a plain string.
fn date(d: &str) -> LiteralRef<'_> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = d.split('-').collect();
    let datatype = match parts.as_slice() {
        [y, m, day] if digits(y, 4) && digits(m, 2) && digits(day, 2) => xsd::DATE,
        [y, m] if digits(y, 4) && digits(m, 2) => xsd::G_YEAR_MONTH,
        [y] if digits(y, 4) => xsd::G_YEAR,
        _ => return LiteralRef::new_simple_literal(d),
    };
    LiteralRef::new_typed_literal(d, datatype)
}

/// `true`, an `xsd:boolean`.
fn yes() -> LiteralRef<'static> {
    LiteralRef::new_typed_literal("true", xsd::BOOLEAN)
}

/// The serializer of one syntax, writing to `w`.
struct Out<W: Write> {
    w: W,
    syntax: Serializer,
}

enum Serializer {
    Turtle(Box<LowLevelTurtleSerializer>),
    NTriples(LowLevelNTriplesSerializer),
}

impl<W: Write> Out<W> {
    fn triple<'a>(
        &mut self,
        s: impl Into<NamedNodeRef<'a>>,
        p: impl Into<NamedNodeRef<'a>>,
        o: impl Into<TermRef<'a>>,
    ) -> io::Result<()> {
        self.put(TripleRef::new(s.into(), p, o))
    }

    fn put(&mut self, t: TripleRef<'_>) -> io::Result<()> {
        match &mut self.syntax {
            Serializer::Turtle(ser) => ser.serialize_triple(t, &mut self.w),
            Serializer::NTriples(ser) => ser.serialize_triple(t, &mut self.w),
        }
    }

    /// `s p "text"`.
    fn text<'a>(
        &mut self,
        s: impl Into<NamedNodeRef<'a>>,
        p: NamedNodeRef<'a>,
        text: &'a str,
    ) -> io::Result<()> {
        self.triple(s, p, LiteralRef::new_simple_literal(text))
    }

    /// `s p n` (an `xsd:integer`).
    fn int<'a>(
        &mut self,
        s: impl Into<NamedNodeRef<'a>>,
        p: NamedNodeRef<'a>,
        n: impl ToString,
    ) -> io::Result<()> {
        let (s, n) = (s.into(), n.to_string());
        self.put(TripleRef::new(
            s,
            p,
            LiteralRef::new_typed_literal(&n, xsd::INTEGER),
        ))
    }
}

/// The IRIs of one export: everything is named under the base.
struct Names<'a> {
    base: &'a str,
}

impl Names<'_> {
    fn node(&self, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{}", self.base, iri_segment(id, false)))
    }

    fn doc(&self, name: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}doc/{}", self.base, iri_segment(name, true)))
    }

    fn edge(&self, s: &str, rel: Relation, t: &str) -> NamedNode {
        NamedNode::new_unchecked(format!(
            "{}edge/{}/{}/{}",
            self.base,
            iri_segment(s, false),
            rel.as_str(),
            iri_segment(t, false)
        ))
    }

    fn evidence(&self, e: &Evidence) -> NamedNode {
        NamedNode::new_unchecked(format!(
            "{}#{}-{}",
            self.doc(&e.doc).as_str(),
            e.start,
            e.end
        ))
    }
}

/// Writes `graph` as RDF in `syntax`, naming things under `base` (see
/// [`check_base_iri`]; an invalid base is an [`io::ErrorKind::InvalidInput`] error).
pub fn write(graph: &Graph, syntax: Syntax, base: &str, out: &mut dyn Write) -> io::Result<()> {
    check_base_iri(base).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let (prefixes, vocab) = vocabulary()?;
    let mut w = io::BufWriter::new(out);
    let syntax = match syntax {
        Syntax::Turtle => {
            w.write_all(
                b"# newsgraph: the knowledge graph as RDF (README: \"Beyond one machine\").\n",
            )?;
            let mut ser = TurtleSerializer::new();
            for (prefix, ns) in prefixes {
                ser = ser.with_prefix(prefix, ns).map_err(io::Error::other)?;
            }
            Serializer::Turtle(Box::new(ser.low_level()))
        }
        Syntax::NTriples => Serializer::NTriples(NTriplesSerializer::new().low_level()),
    };
    let mut o = Out { w, syntax };
    let names = Names { base };
    for t in &vocab {
        o.put(t.as_ref())?;
    }
    let kinds = kind_classes(&vocab);

    for (name, info) in &graph.documents {
        let d = &names.doc(name);
        o.triple(d, rdf::TYPE, iri!(prov "Entity"))?;
        o.text(d, iri!(dcterms "identifier"), name)?;
        if let Some(t) = &info.title {
            o.text(d, iri!(dcterms "title"), t)?;
        }
        if let Some(t) = &info.date {
            o.triple(d, iri!(dcterms "date"), date(t))?;
        }
        if let Some(s) = &info.source {
            let lower = s.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                let url = NamedNode::new_unchecked(encode(s, |c| iri_char_ok(c) || c == '%'));
                o.triple(d, iri!(dcterms "source"), &url)?;
            } else {
                o.text(d, iri!(dcterms "source"), s)?;
            }
        }
        if let Some(h) = &info.hash {
            o.text(d, iri!(ng "hash"), h)?;
        }
    }

    for ix in graph.nodes_sorted() {
        let n = graph.node(ix);
        let s = &names.node(&n.id);
        for class in kinds.get(&n.kind).into_iter().flatten() {
            o.triple(s, rdf::TYPE, class)?;
        }
        o.text(s, iri!(dcterms "identifier"), &n.id)?;
        o.text(s, rdfs::LABEL, &n.label)?;
        for alias in &n.aliases {
            o.text(s, iri!(skos "altLabel"), alias)?;
        }
        if let Some(d) = &n.date {
            o.triple(s, iri!(ng "date"), date(d))?;
        }
        if n.series {
            o.triple(s, iri!(ng "series"), yes())?;
        }
        if let Some(y) = n.year {
            o.int(s, iri!(ng "year"), y)?;
        }
        for doc in &n.docs {
            o.triple(s, iri!(schema "subjectOf"), &names.doc(doc))?;
        }
    }

    let mut sentences: BTreeSet<&Evidence> = BTreeSet::new();
    for eix in graph.edges_sorted() {
        let Some((s, t)) = graph.inner.edge_endpoints(eix) else {
            continue;
        };
        let e = &graph.inner[eix];
        let (s, t) = (&graph.node(s).id, &graph.node(t).id);
        let (subject, object, rel) = (&names.node(s), &names.node(t), &relation_iri(e.relation));
        o.triple(subject, rel, object)?;
        let st = &names.edge(s, e.relation, t);
        o.triple(st, rdf::TYPE, rdf::STATEMENT)?;
        o.triple(st, rdf::SUBJECT, subject)?;
        o.triple(st, rdf::PREDICATE, rel)?;
        o.triple(st, rdf::OBJECT, object)?;
        let q = &e.qualifiers;
        if q.former {
            o.triple(st, iri!(ng "former"), yes())?;
        }
        if q.acting {
            o.triple(st, iri!(ng "acting"), yes())?;
        }
        if let Some(d) = &q.date {
            o.triple(st, iri!(ng "date"), date(d))?;
        }
        if let Some(y) = q.year {
            o.int(st, iri!(ng "year"), y)?;
        }
        for rule in e.rules().iter() {
            o.text(st, iri!(ng "rule"), rule)?;
        }
        for ev in &e.evidence {
            o.triple(st, iri!(ng "evidence"), &names.evidence(ev))?;
            sentences.insert(ev);
        }
    }

    for ev in sentences {
        let s = &names.evidence(ev);
        o.triple(s, rdf::TYPE, iri!(ng "Evidence"))?;
        o.triple(s, iri!(prov "wasDerivedFrom"), &names.doc(&ev.doc))?;
        o.text(s, iri!(ng "sentence"), &ev.sentence)?;
        o.int(s, iri!(ng "start"), ev.start)?;
        o.int(s, iri!(ng "end"), ev.end)?;
    }
    if let Serializer::Turtle(ser) = &mut o.syntax {
        ser.finish(&mut o.w)?;
    }
    o.w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;
    use crate::ontology::Qualifiers;
    use oxttl::NTriplesParser;
    use std::sync::Arc;

    #[test]
    fn names_become_iri_pieces() {
        let table = [
            ("person:yoon-suk-yeol", false, "person:yoon-suk-yeol"),
            ("dir/a b.txt", true, "dir/a%20b.txt"),
            ("dir/a b.txt", false, "dir%2Fa%20b.txt"),
            ("100%#?x", true, "100%25%23%3Fx"),
            ("<>\"{}|^`\\", true, "%3C%3E%22%7B%7D%7C%5E%60%5C"),
            ("서울.txt", true, "서울.txt"),
            ("tab\tnl\n", true, "tab%09nl%0A"),
            ("\u{FFFF}\u{E000}", true, "%EF%BF%BF%EE%80%80"),
        ];
        for (name, slash, want) in table {
            assert_eq!(iri_segment(name, slash), want, "{name:?}");
        }
    }

    #[test]
    fn base_iris_are_checked() {
        for ok in ["urn:newsgraph:", "https://example.org/kg/", "http://x/%20/"] {
            assert!(check_base_iri(ok).is_ok(), "{ok}");
        }
        for bad in [
            "no-scheme",
            "1http://x/",
            "https://x/a b/",
            "https://x/<",
            "https://x/#a#",
            "http://x/%zz/",
            "",
        ] {
            assert!(check_base_iri(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_get_their_datatype() {
        let show = |d: &str| date(d).to_string();
        let xsd = "http://www.w3.org/2001/XMLSchema#";
        assert_eq!(show("2025-01-31"), format!("\"2025-01-31\"^^<{xsd}date>"));
        assert_eq!(show("2025-01"), format!("\"2025-01\"^^<{xsd}gYearMonth>"));
        assert_eq!(show("2025"), format!("\"2025\"^^<{xsd}gYear>"));
        assert_eq!(show("spring 2025"), "\"spring 2025\"");
        assert_eq!(show("2025-1-31"), "\"2025-1-31\"");
    }

    #[test]
    fn the_vocabulary_declares_every_kind_and_relation() {
        let (prefixes, vocab) = vocabulary().expect("vocabulary.ttl parses");
        assert!(prefixes.contains(&("ng".into(), VOCAB.into())));
        assert!(prefixes.iter().any(|(p, _)| p == "xsd"));
        let has = |s: &str, p: NamedNodeRef, o: TermRef| {
            vocab
                .iter()
                .any(|t| t.as_ref() == TripleRef::new(NamedNodeRef::new_unchecked(s), p, o))
        };
        let kinds = kind_classes(&vocab);
        for kind in EntityKind::ALL {
            let class = kinds[&kind][1].as_str();
            let label = LiteralRef::new_simple_literal(kind.as_str());
            assert!(has(class, rdfs::LABEL, label.into()), "{class}");
            assert!(
                has(class, rdfs::SUB_CLASS_OF, iri!(ng "Node").into()),
                "{class}"
            );
        }
        assert_eq!(
            kinds[&EntityKind::Office][2].as_str(),
            "http://www.w3.org/ns/org#Post"
        );
        assert_eq!(kinds[&EntityKind::Agreement].len(), 2);
        for rel in Relation::ALL {
            let p = relation_iri(rel);
            let label = LiteralRef::new_simple_literal(rel.as_str());
            assert!(
                has(p.as_str(), rdf::TYPE, iri!(ng "Relation").into()),
                "{p}"
            );
            assert!(has(p.as_str(), rdfs::LABEL, label.into()), "{p}");
        }
    }

    /// A graph whose names and texts hold every character that breaks writers.
    fn hostile() -> Graph {
        let mut g = Graph::new();
        let mut a = Node::new(
            "person:a\"b<c>",
            EntityKind::Person,
            "A \"quoted\" \\ name\n\t<x>",
        );
        a.aliases.insert("alias with \r and \0 and }{".into());
        a.docs.insert("sub dir/na#me?.txt".into());
        a.date = Some("2024-05-06".into());
        let b = Node::new("meeting:m|%", EntityKind::Meeting, "M");
        let (a, b) = (g.add_node(a), g.add_node(b));
        let ev = Evidence {
            doc: "sub dir/na#me?.txt".into(),
            start: 3,
            end: 40,
            sentence: Arc::from("He said \"yes\"\\no.\u{1}\u{85}"),
            rules: crate::provenance::Rules::named(["attend.\"odd\" <x>", "attend.attended_by"]),
        };
        let q = Qualifiers {
            former: true,
            acting: false,
            date: Some("2024-05".into()),
            year: Some(2011),
            ..Qualifiers::default()
        };
        g.add_edge(a, b, Relation::Attended, q, [ev]);
        g.documents.insert(
            "sub dir/na#me?.txt".into(),
            crate::graph::DocumentInfo {
                title: Some("T \"x\"".into()),
                date: Some("2024-05-06".into()),
                source: Some("https://example.org/a b?q=1|2".into()),
                hash: Some("00ff".into()),
            },
        );
        g
    }

    fn render(g: &Graph, syntax: Syntax) -> String {
        let mut out = Vec::new();
        write(g, syntax, DEFAULT_BASE_IRI, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The triples of N-Triples, each as its N-Triples line, sorted.
    fn lines(triples: impl IntoIterator<Item = Triple>) -> Vec<String> {
        let mut out: Vec<String> = triples.into_iter().map(|t| format!("{t} .")).collect();
        out.sort();
        out
    }

    #[test]
    fn hostile_names_parse_back_the_same_from_both_syntaxes() {
        let g = hostile();
        let nt = render(&g, Syntax::NTriples);
        let ttl = render(&g, Syntax::Turtle);
        let from_nt = NTriplesParser::new()
            .for_slice(&nt)
            .collect::<Result<Vec<_>, _>>();
        let from_ttl = TurtleParser::new()
            .for_slice(&ttl)
            .collect::<Result<Vec<_>, _>>();
        let (from_nt, from_ttl) = (
            from_nt.expect("N-Triples parse"),
            from_ttl.expect("Turtle parses"),
        );
        assert_eq!(from_nt.len(), nt.lines().count());
        let all = lines(from_nt);
        assert_eq!(all, lines(from_ttl));
        let has = |line: &str| assert!(all.iter().any(|l| l == line), "missing {line}\n{nt}");
        let node = "<urn:newsgraph:person:a%22b%3Cc%3E>";
        has(&format!(
            "{node} <http://www.w3.org/2000/01/rdf-schema#label> \"A \\\"quoted\\\" \\\\ name\\n\\t<x>\" ."
        ));
        has(&format!(
            "{node} <urn:newsgraph:vocab#attended> <urn:newsgraph:meeting:m%7C%25> ."
        ));
        has(&format!(
            "{node} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> ."
        ));
        let ev = "<urn:newsgraph:doc/sub%20dir/na%23me%3F.txt#3-40>";
        has(&format!(
            "{ev} <urn:newsgraph:vocab#sentence> \"He said \\\"yes\\\"\\\\no.\\u0001\u{85}\" ."
        ));
        has(&format!(
            "{ev} <urn:newsgraph:vocab#start> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> ."
        ));
        has(
            "<urn:newsgraph:doc/sub%20dir/na%23me%3F.txt> <http://purl.org/dc/terms/source> <https://example.org/a%20b?q=1%7C2> .",
        );
        let st = "<urn:newsgraph:edge/person:a%22b%3Cc%3E/attended/meeting:m%7C%25>";
        has(&format!(
            "{st} <urn:newsgraph:vocab#rule> \"attend.\\\"odd\\\" <x>\" ."
        ));
        has(&format!(
            "{st} <urn:newsgraph:vocab#date> \"2024-05\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> ."
        ));
        has(&format!(
            "{st} <urn:newsgraph:vocab#former> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> ."
        ));
        // Turtle: prefixes, grouped subjects, the shorthand for integers and booleans.
        assert!(ttl.starts_with("# newsgraph"));
        assert!(ttl.contains("@prefix ng: <urn:newsgraph:vocab#> ."));
        assert!(
            ttl.contains(" a ng:Node , ng:Meeting , schema:Event ;"),
            "{ttl}"
        );
        assert!(
            ttl.contains("ng:former true ;") && ttl.contains("ng:year 2011 ;"),
            "{ttl}"
        );
    }

    #[test]
    fn output_is_deterministic_and_the_base_is_used() {
        let g = hostile();
        for syntax in [Syntax::Turtle, Syntax::NTriples] {
            assert_eq!(render(&g, syntax), render(&g, syntax));
        }
        let mut out = Vec::new();
        write(&g, Syntax::NTriples, "https://example.org/kg/", &mut out).unwrap();
        let nt = String::from_utf8(out).unwrap();
        assert!(nt.contains("<https://example.org/kg/meeting:m%7C%25>"));
        assert!(!nt.contains("urn:newsgraph:person"));
        let err = write(&g, Syntax::Turtle, "not a base", &mut Vec::new()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }
}
