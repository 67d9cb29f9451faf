//! RDF: the graph as Turtle or N-Triples, for SPARQL stores (Oxigraph, Jena, GraphDB…).
//!
//! The vocabulary is small and ours (`ng:` = [`VOCAB`]), each term tied to a
//! standard one where one fits (schema.org, the W3C Organization ontology, SKOS,
//! Dublin Core terms, PROV-O):
//!
//! - a node is `<base + id>`, `a ng:Node, ng:<Kind>` and the standard class of its
//!   kind ([`kind_class`]); its label is `rdfs:label`, other surface forms
//!   `skos:altLabel`, its id `dcterms:identifier`, the documents naming it
//!   `schema:subjectOf`;
//! - an edge is the triple `<source> ng:<relation> <target>` (each relation `a
//!   ng:Relation`, declared with the standard property it refines, [`relation_term`]),
//!   reified as an `rdf:Statement` `<base>edge/<source>/<relation>/<target>` that
//!   carries the qualifiers (`ng:former`, `ng:acting`, `ng:date`, `ng:year`), the
//!   ids of the rules that read it (`ng:rule`, a literal each) and
//!   `ng:evidence` → one resource per sentence, `<base>doc/<name>#<start>-<end>`,
//!   with `ng:sentence`, `ng:start`, `ng:end` (byte offsets into the document's
//!   normalised text) and `prov:wasDerivedFrom` the document;
//! - a document is `<base>doc/<name>`, `a prov:Entity`, with `dcterms:identifier`
//!   (its name), `dcterms:title`, `dcterms:date`, `dcterms:source` and `ng:hash`.
//!
//! IRIs are written in full (`<…>`); characters an IRI cannot hold are
//! percent-encoded. Literals are escaped per the Turtle and N-Triples grammars. The
//! output is byte-identical for the same graph.

use crate::graph::{Evidence, Graph};
use crate::ontology::{EntityKind, Relation};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// The base IRI nodes, documents and statements are named under, unless the user
/// gives one.
pub const DEFAULT_BASE_IRI: &str = "urn:newsgraph:";

/// The namespace of newsgraph's own classes and properties (`ng:`).
pub const VOCAB: &str = "urn:newsgraph:vocab#";

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const OWL: &str = "http://www.w3.org/2002/07/owl#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const SCHEMA: &str = "https://schema.org/";
const PROV: &str = "http://www.w3.org/ns/prov#";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const ORG: &str = "http://www.w3.org/ns/org#";

/// The prefixes the Turtle output declares, in this order.
const PREFIXES: [(&str, &str); 10] = [
    ("ng", VOCAB),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("owl", OWL),
    ("skos", SKOS),
    ("schema", SCHEMA),
    ("prov", PROV),
    ("dcterms", DCTERMS),
    ("org", ORG),
];

/// Which RDF syntax to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Turtle, with prefixes and `;` between the statements about one subject.
    Turtle,
    /// N-Triples: one full triple per line.
    NTriples,
}

/// The class of our vocabulary for a kind: `ng:Person`, `ng:Office`, …
pub fn kind_local(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Office => "Office",
        EntityKind::Organization => "Organization",
        EntityKind::Country => "Country",
        EntityKind::Place => "Place",
        EntityKind::Meeting => "Meeting",
        EntityKind::Agreement => "Agreement",
        EntityKind::Topic => "Topic",
    }
}

/// The standard class a kind's nodes also get, as (namespace, local name); none for
/// agreements (schema.org has no class for treaties, declarations or plans).
pub fn kind_class(kind: EntityKind) -> Option<(&'static str, &'static str)> {
    match kind {
        EntityKind::Person => Some((SCHEMA, "Person")),
        EntityKind::Office => Some((ORG, "Post")),
        EntityKind::Organization => Some((SCHEMA, "Organization")),
        EntityKind::Country => Some((SCHEMA, "Country")),
        EntityKind::Place => Some((SCHEMA, "Place")),
        EntityKind::Meeting => Some((SCHEMA, "Event")),
        EntityKind::Agreement => None,
        EntityKind::Topic => Some((SKOS, "Concept")),
    }
}

/// How a relation is tied to a standard property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    /// `ng:<relation> rdfs:subPropertyOf` the term.
    SubPropertyOf(&'static str, &'static str),
    /// `ng:<relation> owl:inverseOf` the term.
    InverseOf(&'static str, &'static str),
}

/// The standard property a relation refines, if one fits.
pub fn relation_term(rel: Relation) -> Option<Standard> {
    match rel {
        Relation::Attended => Some(Standard::InverseOf(SCHEMA, "attendee")),
        Relation::Discussed => Some(Standard::SubPropertyOf(SCHEMA, "about")),
        Relation::HoldsOffice => Some(Standard::SubPropertyOf(ORG, "holds")),
        Relation::PartOf => Some(Standard::SubPropertyOf(DCTERMS, "isPartOf")),
        Relation::InstanceOf => Some(Standard::SubPropertyOf(SCHEMA, "superEvent")),
        Relation::HeldIn => Some(Standard::SubPropertyOf(SCHEMA, "location")),
        Relation::Led | Relation::Succeeded | Relation::Launched | Relation::Agreed => None,
    }
}

/// Checks that `base` can prefix our IRIs: it has a scheme (`https:`, `urn:`, …) and
/// no character an IRI cannot hold (spaces, `<>"{}|\^` and backquote, controls).
pub fn check_base_iri(base: &str) -> Result<(), String> {
    let scheme_end = base.find(':').ok_or_else(|| {
        format!("base IRI `{base}` has no scheme (say `https://example.org/` or `urn:x:`)")
    })?;
    let scheme = &base[..scheme_end];
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Err(format!("base IRI `{base}` has no valid scheme before `:`"));
    }
    if let Some(c) = base.chars().find(|&c| !iri_char_ok(c) && c != '%') {
        return Err(format!(
            "base IRI `{}` holds {c:?}, which an IRI cannot (percent-encode it)",
            base.escape_debug()
        ));
    }
    Ok(())
}

/// A character an IRI may hold as it is (RFC 3987 `iunreserved`, `gen-delims` and
/// `sub-delims`; `ucschar` for the rest of Unicode).
fn iri_char_ok(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '.'
                | '_'
                | '~'
                | ':'
                | '/'
                | '?'
                | '#'
                | '['
                | ']'
                | '@'
                | '!'
                | '$'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | '+'
                | ','
                | ';'
                | '='
        )
        || is_ucschar(c)
}

/// RFC 3987 `ucschar`.
fn is_ucschar(c: char) -> bool {
    let c = c as u32;
    matches!(c, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF | 0x1_0000..=0xE_FFFD)
        && (c & 0xFFFE) != 0xFFFE
}

/// A name (node id, document name) as a piece of an IRI path: letters, digits,
/// `-._~`, the sub-delimiters, `:`, `@` and non-ASCII letters stay; everything else
/// (`/` too, unless `keep_slash`) is percent-encoded as UTF-8, `%` included, so
/// distinct names give distinct IRIs.
pub fn iri_segment(name: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let keep = match c {
            '/' => keep_slash,
            '?' | '#' | '[' | ']' => false,
            c => iri_char_ok(c),
        };
        if keep {
            out.push(c);
        } else {
            percent_encode(c, &mut out);
        }
    }
    out
}

/// Appends `c` as `%XX` escapes of its UTF-8 bytes.
fn percent_encode(c: char, out: &mut String) {
    let mut buf = [0u8; 4];
    for b in c.encode_utf8(&mut buf).bytes() {
        out.push_str(&format!("%{b:02X}"));
    }
}

/// A URL as an IRI: characters an IRI cannot hold are percent-encoded, `%` is kept
/// (it is already an escape).
fn iri_of_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if iri_char_ok(c) || c == '%' {
            out.push(c);
        } else {
            percent_encode(c, &mut out);
        }
    }
    out
}

/// Appends `s` as the inside of a Turtle/N-Triples `"…"` string: `"`, `\`, line
/// feed, carriage return and tab by their escapes, other control characters (and
/// DEL) as `\uXXXX`.
pub fn escape_literal(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() && (c as u32) < 0x100 => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
}

/// An RDF term.
enum Term<'a> {
    /// A full IRI, already safe to write between `<>`.
    Iri(String),
    /// A term of a known namespace: (namespace, local name).
    Vocab(&'static str, &'static str),
    /// A plain string.
    Str(&'a str),
    /// A literal of an XSD datatype, written with `^^` (the lexical form must be valid).
    Typed(String, &'static str),
}

/// The writer of one syntax: subjects with their predicate–object pairs.
struct Out<W: Write> {
    w: W,
    syntax: Syntax,
    /// The subject of the Turtle block being written.
    open: Option<String>,
    line: String,
}

impl<W: Write> Out<W> {
    fn new(w: W, syntax: Syntax) -> Out<W> {
        Out {
            w,
            syntax,
            open: None,
            line: String::new(),
        }
    }

    /// Writes `t` into `self.line`.
    fn term(&mut self, t: &Term) {
        let l = &mut self.line;
        match (t, self.syntax) {
            (Term::Iri(iri), _) => {
                l.push('<');
                l.push_str(iri);
                l.push('>');
            }
            (Term::Vocab(ns, local), Syntax::Turtle) => {
                if let Some((p, _)) = PREFIXES.iter().find(|(_, n)| n == ns) {
                    l.push_str(p);
                    l.push(':');
                    l.push_str(local);
                } else {
                    l.push('<');
                    l.push_str(ns);
                    l.push_str(local);
                    l.push('>');
                }
            }
            (Term::Vocab(ns, local), Syntax::NTriples) => {
                l.push('<');
                l.push_str(ns);
                l.push_str(local);
                l.push('>');
            }
            (Term::Str(s), _) => {
                l.push('"');
                escape_literal(s, l);
                l.push('"');
            }
            // Turtle's shorthand for integers and booleans (our lexical forms are
            // always canonical: digits with an optional `-`, `true`).
            (Term::Typed(v, "integer" | "boolean"), Syntax::Turtle) => l.push_str(v),
            (Term::Typed(v, dt), _) => {
                l.push('"');
                escape_literal(v, l);
                l.push_str("\"^^");
                let dt = Term::Vocab(XSD, dt);
                self.term(&dt);
            }
        }
    }

    /// Writes the triple `s p o`.
    fn triple(&mut self, s: &Term, p: &Term, o: &Term) -> io::Result<()> {
        self.line.clear();
        let mut subject = String::new();
        std::mem::swap(&mut subject, &mut self.line);
        self.term(s);
        std::mem::swap(&mut subject, &mut self.line);
        match self.syntax {
            Syntax::NTriples => {
                self.line.push_str(&subject);
                self.line.push(' ');
            }
            Syntax::Turtle => {
                if self.open.as_deref() == Some(subject.as_str()) {
                    self.line.push_str(" ;\n    ");
                } else {
                    if self.open.is_some() {
                        self.line.push_str(" .\n");
                    }
                    self.line.push_str(&subject);
                    self.line.push(' ');
                    self.open = Some(subject);
                }
            }
        }
        if matches!(p, Term::Vocab(RDF, "type")) && self.syntax == Syntax::Turtle {
            self.line.push('a');
        } else {
            self.term(p);
        }
        self.line.push(' ');
        self.term(o);
        if self.syntax == Syntax::NTriples {
            self.line.push_str(" .\n");
        }
        self.w.write_all(self.line.as_bytes())
    }

    /// Ends the Turtle block being written, if any.
    fn close(&mut self) -> io::Result<()> {
        if self.open.take().is_some() {
            self.w.write_all(b" .\n")?;
        }
        Ok(())
    }

    /// Ends the subject block and leaves a blank line (Turtle only).
    fn blank(&mut self) -> io::Result<()> {
        self.close()?;
        if self.syntax == Syntax::Turtle {
            self.w.write_all(b"\n")?;
        }
        Ok(())
    }
}

const A: Term<'static> = Term::Vocab(RDF, "type");

fn ng(local: &'static str) -> Term<'static> {
    Term::Vocab(VOCAB, local)
}

fn int(n: impl ToString) -> Term<'static> {
    Term::Typed(n.to_string(), "integer")
}

/// A date as the graph gives it: `xsd:date` when it is `YYYY-MM-DD`, `xsd:gYearMonth`
/// for `YYYY-MM`, `xsd:gYear` for `YYYY`, otherwise a plain string.
fn date(d: &str) -> Term<'_> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = d.split('-').collect();
    let dt = match parts.as_slice() {
        [y, m, day] if y.len() == 4 && m.len() == 2 && day.len() == 2 => {
            (digits(y) && digits(m) && digits(day)).then_some("date")
        }
        [y, m] if y.len() == 4 && m.len() == 2 => (digits(y) && digits(m)).then_some("gYearMonth"),
        [y] if y.len() == 4 => digits(y).then_some("gYear"),
        _ => None,
    };
    match dt {
        Some(dt) => Term::Typed(d.to_string(), dt),
        None => Term::Str(d),
    }
}

/// The IRIs of one export: everything is named under the base.
struct Names<'a> {
    base: &'a str,
}

impl Names<'_> {
    fn node(&self, id: &str) -> Term<'static> {
        Term::Iri(format!("{}{}", self.base, iri_segment(id, false)))
    }

    fn doc(&self, name: &str) -> String {
        format!("{}doc/{}", self.base, iri_segment(name, true))
    }

    fn edge(&self, s: &str, rel: Relation, t: &str) -> Term<'static> {
        Term::Iri(format!(
            "{}edge/{}/{}/{}",
            self.base,
            iri_segment(s, false),
            rel.as_str(),
            iri_segment(t, false)
        ))
    }

    fn evidence(&self, e: &Evidence) -> Term<'static> {
        Term::Iri(format!("{}#{}-{}", self.doc(&e.doc), e.start, e.end))
    }
}

/// Writes `graph` as RDF in `syntax`, naming things under `base` (see
/// [`check_base_iri`]; an invalid base is an [`io::ErrorKind::InvalidInput`] error).
pub fn write(graph: &Graph, syntax: Syntax, base: &str, out: &mut dyn Write) -> io::Result<()> {
    check_base_iri(base).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let mut o = Out::new(io::BufWriter::new(out), syntax);
    let names = Names { base };
    if syntax == Syntax::Turtle {
        o.w.write_all(
            b"# newsgraph: the knowledge graph as RDF (README: \"Beyond one machine\").\n",
        )?;
        for (p, ns) in PREFIXES {
            writeln!(o.w, "@prefix {p}: <{ns}> .")?;
        }
        o.w.write_all(b"\n")?;
    }
    vocabulary(&mut o)?;

    for (name, info) in &graph.documents {
        let d = Term::Iri(names.doc(name));
        o.triple(&d, &A, &Term::Vocab(PROV, "Entity"))?;
        o.triple(&d, &Term::Vocab(DCTERMS, "identifier"), &Term::Str(name))?;
        if let Some(t) = &info.title {
            o.triple(&d, &Term::Vocab(DCTERMS, "title"), &Term::Str(t))?;
        }
        if let Some(t) = &info.date {
            o.triple(&d, &Term::Vocab(DCTERMS, "date"), &date(t))?;
        }
        if let Some(s) = &info.source {
            let lower = s.to_ascii_lowercase();
            let src = if lower.starts_with("http://") || lower.starts_with("https://") {
                Term::Iri(iri_of_url(s))
            } else {
                Term::Str(s)
            };
            o.triple(&d, &Term::Vocab(DCTERMS, "source"), &src)?;
        }
        if let Some(h) = &info.hash {
            o.triple(&d, &ng("hash"), &Term::Str(h))?;
        }
    }
    o.blank()?;

    for ix in graph.nodes_sorted() {
        let n = graph.node(ix);
        let s = names.node(&n.id);
        o.triple(&s, &A, &ng("Node"))?;
        o.triple(&s, &A, &ng(kind_local(n.kind)))?;
        if let Some((ns, local)) = kind_class(n.kind) {
            o.triple(&s, &A, &Term::Vocab(ns, local))?;
        }
        o.triple(&s, &Term::Vocab(DCTERMS, "identifier"), &Term::Str(&n.id))?;
        o.triple(&s, &Term::Vocab(RDFS, "label"), &Term::Str(&n.label))?;
        for alias in &n.aliases {
            o.triple(&s, &Term::Vocab(SKOS, "altLabel"), &Term::Str(alias))?;
        }
        if let Some(d) = &n.date {
            o.triple(&s, &ng("date"), &date(d))?;
        }
        if n.series {
            o.triple(&s, &ng("series"), &Term::Typed("true".into(), "boolean"))?;
        }
        if let Some(y) = n.year {
            o.triple(&s, &ng("year"), &int(y))?;
        }
        for doc in &n.docs {
            o.triple(
                &s,
                &Term::Vocab(SCHEMA, "subjectOf"),
                &Term::Iri(names.doc(doc)),
            )?;
        }
    }
    o.blank()?;

    let mut sentences: BTreeSet<&Evidence> = BTreeSet::new();
    for eix in graph.edges_sorted() {
        let Some((s, t)) = graph.inner.edge_endpoints(eix) else {
            continue;
        };
        let e = &graph.inner[eix];
        let (s, t) = (&graph.node(s).id, &graph.node(t).id);
        let rel = ng(e.relation.as_str());
        o.triple(&names.node(s), &rel, &names.node(t))?;
        o.close()?;
        let st = names.edge(s, e.relation, t);
        o.triple(&st, &A, &Term::Vocab(RDF, "Statement"))?;
        o.triple(&st, &Term::Vocab(RDF, "subject"), &names.node(s))?;
        o.triple(&st, &Term::Vocab(RDF, "predicate"), &rel)?;
        o.triple(&st, &Term::Vocab(RDF, "object"), &names.node(t))?;
        let q = &e.qualifiers;
        if q.former {
            o.triple(&st, &ng("former"), &Term::Typed("true".into(), "boolean"))?;
        }
        if q.acting {
            o.triple(&st, &ng("acting"), &Term::Typed("true".into(), "boolean"))?;
        }
        if let Some(d) = &q.date {
            o.triple(&st, &ng("date"), &date(d))?;
        }
        if let Some(y) = q.year {
            o.triple(&st, &ng("year"), &int(y))?;
        }
        for rule in e.rules().iter() {
            o.triple(&st, &ng("rule"), &Term::Str(rule))?;
        }
        for ev in &e.evidence {
            o.triple(&st, &ng("evidence"), &names.evidence(ev))?;
            sentences.insert(ev);
        }
    }
    o.blank()?;

    for ev in sentences {
        let s = names.evidence(ev);
        o.triple(&s, &A, &ng("Evidence"))?;
        o.triple(
            &s,
            &Term::Vocab(PROV, "wasDerivedFrom"),
            &Term::Iri(names.doc(&ev.doc)),
        )?;
        o.triple(&s, &ng("sentence"), &Term::Str(&ev.sentence))?;
        o.triple(&s, &ng("start"), &int(ev.start))?;
        o.triple(&s, &ng("end"), &int(ev.end))?;
    }
    o.close()?;
    o.w.flush()
}

/// The classes and properties of our vocabulary, tied to the standard terms.
fn vocabulary<W: Write>(o: &mut Out<W>) -> io::Result<()> {
    let class = Term::Vocab(RDFS, "Class");
    let label = Term::Vocab(RDFS, "label");
    let comment = Term::Vocab(RDFS, "comment");
    let sub_class = Term::Vocab(RDFS, "subClassOf");
    let property = Term::Vocab(RDF, "Property");
    let classes: [(&'static str, &str); 3] = [
        ("Node", "A thing in the graph."),
        (
            "Relation",
            "A relation between two nodes: the properties of this class are the graph's edges.",
        ),
        (
            "Evidence",
            "A sentence of a document that states an edge, with its byte offsets.",
        ),
    ];
    for (local, text) in classes {
        o.triple(&ng(local), &A, &class)?;
        o.triple(&ng(local), &comment, &Term::Str(text))?;
    }
    o.triple(&ng("Relation"), &sub_class, &property)?;
    o.blank()?;
    for kind in EntityKind::ALL {
        let c = ng(kind_local(kind));
        o.triple(&c, &A, &class)?;
        o.triple(&c, &label, &Term::Str(kind.as_str()))?;
        o.triple(&c, &sub_class, &ng("Node"))?;
        if let Some((ns, local)) = kind_class(kind) {
            o.triple(&c, &sub_class, &Term::Vocab(ns, local))?;
        }
    }
    o.blank()?;
    for rel in Relation::ALL {
        let p = ng(rel.as_str());
        o.triple(&p, &A, &ng("Relation"))?;
        o.triple(&p, &label, &Term::Str(rel.as_str()))?;
        match relation_term(rel) {
            Some(Standard::SubPropertyOf(ns, local)) => {
                o.triple(
                    &p,
                    &Term::Vocab(RDFS, "subPropertyOf"),
                    &Term::Vocab(ns, local),
                )?;
            }
            Some(Standard::InverseOf(ns, local)) => {
                o.triple(&p, &Term::Vocab(OWL, "inverseOf"), &Term::Vocab(ns, local))?;
            }
            None => {}
        }
    }
    o.blank()?;
    let props: [(&'static str, &str); 10] = [
        ("evidence", "A statement's evidence: a sentence stating it."),
        (
            "rule",
            "The id of a rule that read the statement from its evidence (family.rule).",
        ),
        ("sentence", "The text of an evidence sentence."),
        (
            "start",
            "Byte offset of the sentence in the document's normalised text.",
        ),
        ("end", "Byte offset one past the end of the sentence."),
        (
            "former",
            "The office or role was held before (former, ex-).",
        ),
        ("acting", "Held in an acting capacity."),
        (
            "date",
            "The date the text gives: of a meeting, or of the fact a statement reifies.",
        ),
        (
            "year",
            "The year the text gives (launched or established in).",
        ),
        ("series", "The meeting is a recurring series."),
    ];
    for (local, text) in props {
        o.triple(&ng(local), &A, &property)?;
        o.triple(&ng(local), &comment, &Term::Str(text))?;
    }
    o.triple(&ng("hash"), &A, &property)?;
    o.triple(
        &ng("hash"),
        &comment,
        &Term::Str("XXH3-128 of the document's bytes, in hex."),
    )?;
    o.triple(
        &ng("evidence"),
        &Term::Vocab(RDFS, "subPropertyOf"),
        &Term::Vocab(PROV, "wasDerivedFrom"),
    )?;
    o.blank()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;
    use crate::ontology::Qualifiers;
    use std::sync::Arc;

    fn lit(s: &str) -> String {
        let mut out = String::new();
        escape_literal(s, &mut out);
        out
    }

    #[test]
    fn literals_are_escaped() {
        let table = [
            ("plain", "plain"),
            ("say \"hi\"", "say \\\"hi\\\""),
            ("back\\slash", "back\\\\slash"),
            ("a\nb\rc\td", "a\\nb\\rc\\td"),
            ("nul\0bell\x07del\x7f", "nul\\u0000bell\\u0007del\\u007F"),
            ("c1\u{85}", "c1\\u0085"),
            ("한국 — “quotes”", "한국 — “quotes”"),
            ("\u{2028}", "\u{2028}"),
        ];
        for (input, want) in table {
            assert_eq!(lit(input), want, "{input:?}");
        }
    }

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
            "",
        ] {
            assert!(check_base_iri(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_get_their_datatype() {
        let show = |d: &str| match date(d) {
            Term::Typed(v, dt) => format!("{v}^^{dt}"),
            Term::Str(s) => s.to_string(),
            _ => unreachable!(),
        };
        assert_eq!(show("2025-01-31"), "2025-01-31^^date");
        assert_eq!(show("2025-01"), "2025-01^^gYearMonth");
        assert_eq!(show("2025"), "2025^^gYear");
        assert_eq!(show("spring 2025"), "spring 2025");
        assert_eq!(show("2025-1-31"), "2025-1-31");
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
            sentence: Arc::from("He said \"yes\"\\no.\u{1}"),
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

    #[test]
    fn hostile_names_give_well_formed_ntriples() {
        let g = hostile();
        let nt = render(&g, Syntax::NTriples);
        for line in nt.lines() {
            assert!(line.ends_with(" ."), "{line}");
            assert!(!line.contains('\t') && !line.contains('\r'), "{line:?}");
            // Every IRI between < > holds no character an IRI cannot; literals
            // (skipped) end at an unescaped quote.
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c == '"' {
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                chars.next();
                            }
                            '"' => break,
                            _ => {}
                        }
                    }
                } else if c == '<' {
                    let iri: String = chars.by_ref().take_while(|&c| c != '>').collect();
                    assert!(check_base_iri(&iri).is_ok(), "bad IRI {iri:?} in {line}");
                }
            }
        }
        assert!(nt.contains("<urn:newsgraph:person:a%22b%3Cc%3E>"));
        assert!(nt.contains("<urn:newsgraph:doc/sub%20dir/na%23me%3F.txt#3-40>"));
        assert!(nt.contains("\"A \\\"quoted\\\" \\\\ name\\n\\t<x>\""));
        assert!(nt.contains("\"He said \\\"yes\\\"\\\\no.\\u0001\""));
        assert!(nt.contains("<https://example.org/a%20b?q=1%7C2>"));
        assert!(nt.contains(
            "<urn:newsgraph:meeting:m%7C%25> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Event> ."
        ));
    }

    #[test]
    fn turtle_groups_subjects_and_uses_prefixes() {
        let g = hostile();
        let ttl = render(&g, Syntax::Turtle);
        assert!(ttl.starts_with("# newsgraph"));
        assert!(ttl.contains("@prefix ng: <urn:newsgraph:vocab#> ."));
        assert!(ttl.contains(
            "<urn:newsgraph:meeting:m%7C%25> a ng:Node ;\n    a ng:Meeting ;\n    a schema:Event ;"
        ));
        assert!(ttl.contains("ng:held_in a ng:Relation ;\n    rdfs:label \"held_in\" ;\n    rdfs:subPropertyOf schema:location ."));
        assert!(ttl.contains(
            "ng:former true ;\n    ng:date \"2024-05\"^^xsd:gYearMonth ;\n    ng:year 2011 ;"
        ));
        // The rules, sorted, a literal each, escaped.
        assert!(
            ttl.contains(
                "ng:year 2011 ;\n    ng:rule \"attend.\\\"odd\\\" <x>\" ;\n    ng:rule \"attend.attended_by\" ;"
            ),
            "{ttl}"
        );
        assert!(ttl.ends_with(" .\n"));
        // As many statements as N-Triples lines.
        let nt = render(&g, Syntax::NTriples);
        let ttl_statements = ttl.matches(" ;\n").count() + ttl.matches(" .\n").count()
            - ttl.matches("@prefix").count();
        assert_eq!(ttl_statements, nt.lines().count());
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
