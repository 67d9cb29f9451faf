//! Query answers printed for people: one hop per line with its arrow pointing the
//! way the edge really goes, evidence sentences indented under it.

use super::{Lookup, MatchKind, NeighborsAnswer, PathAnswer, ShowAnswer, Stats};
use crate::graph::Evidence;
use crate::ontology::Relation;
use std::io::{self, Write};

/// Candidates listed in an ambiguity note before "… and N more" (the best
/// ones: strongest match, most edges, most documents; `find` lists them all).
const MAX_LISTED: usize = 5;

/// How answers are dressed: plain, or with ANSI colour for a terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Colour names, arrows and notes.
    pub color: bool,
    /// Print every evidence sentence of an edge (else the first, and how many
    /// more with the rules that read them).
    pub all_evidence: bool,
}

impl Style {
    pub(crate) fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// A node's name.
    pub(crate) fn name(&self, s: &str) -> String {
        self.paint("1", s)
    }

    /// An edge arrow.
    pub(crate) fn arrow(&self, s: &str) -> String {
        self.paint("36", s)
    }

    /// A note for the reader (ambiguity, more paths).
    pub(crate) fn note(&self, s: &str) -> String {
        self.paint("33", s)
    }

    /// A source: document name.
    pub(crate) fn source(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// Collapses runs of white space, so a sentence prints on one line.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn how(m: MatchKind) -> &'static str {
    match m {
        MatchKind::Id => "id",
        MatchKind::Label => "name",
        MatchKind::Alias => "alias",
        MatchKind::Token => "part of the name",
    }
}

/// Writes the ambiguity note for `l`, if the name matched several nodes.
pub fn write_ambiguity(l: &Lookup, out: &mut dyn Write, style: &Style) -> io::Result<()> {
    if !l.is_ambiguous() {
        return Ok(());
    }
    let head = format!(
        "\"{}\" is ambiguous: it matches {} nodes.",
        l.query,
        l.candidates.len()
    );
    writeln!(out, "{}", style.note(&head))?;
    for (i, c) in l.candidates.iter().take(MAX_LISTED).enumerate() {
        writeln!(
            out,
            "  {} {} ({}, {}) [{}]: {}",
            if i == 0 { "*" } else { " " },
            c.label,
            c.kind,
            how(c.how),
            c.id,
            c.description
        )?;
    }
    if l.candidates.len() > MAX_LISTED {
        writeln!(
            out,
            "    … and {} more; `newsgraph find {}` lists them all",
            l.candidates.len() - MAX_LISTED,
            shell_word(&l.query)
        )?;
    }
    writeln!(
        out,
        "  Answering for {}; for another, add --pick {}.",
        l.candidates[0].label, l.candidates[1].id
    )?;
    writeln!(out)
}

/// "1 node", "2 nodes": `n` and the noun `one`, plural unless `n` is 1.
pub fn count(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// `s` as one word of a shell command: quoted when it holds more than letters,
/// digits and `.-_:`.
fn shell_word(s: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || ".-_:".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `─led→` for an edge that points forward, `←led─` for one that points back.
pub fn arrow(relation: Relation, forward: bool, former: bool, acting: bool) -> String {
    let mut name = relation.to_string();
    if former {
        name.push_str(" (former)");
    }
    if acting {
        name.push_str(" (acting)");
    }
    if forward {
        format!("─{name}→")
    } else {
        format!("←{name}─")
    }
}

/// "read by rule X from:" (or "rules X, Y"), or nothing for evidence without
/// rules (a graph file older than rules).
fn read_by(ev: &Evidence) -> String {
    match ev.rules.len() {
        0 => String::new(),
        1 => format!("read by rule {} from: ", ev.rules.join(", ")),
        _ => format!("read by rules {} from: ", ev.rules.join(", ")),
    }
}

/// An edge's evidence: each sentence printed with the rules that read the edge
/// from it and its document; all of them with `style.all_evidence`, else the
/// first, and how many more (with the rules that read them).
pub(crate) fn write_evidence(
    ev: &[Evidence],
    indent: &str,
    out: &mut dyn Write,
    style: &Style,
) -> io::Result<()> {
    let shown = if style.all_evidence { ev.len() } else { 1 };
    for (k, e) in ev.iter().take(shown).enumerate() {
        writeln!(out, "{indent}{}\"{}\"", read_by(e), one_line(&e.sentence))?;
        let mut src = format!("({}", e.doc);
        let more = &ev[shown.min(ev.len())..];
        if k + 1 == shown && !more.is_empty() {
            src.push_str(&format!(
                "; {} more sentence{}",
                more.len(),
                if more.len() == 1 { "" } else { "s" }
            ));
            let rules = crate::graph::evidence_rules(more);
            if !rules.is_empty() {
                src.push_str(&format!(", read by {}", rules.join(", ")));
            }
        }
        src.push(')');
        writeln!(out, "{indent}  {}", style.source(&src))?;
    }
    Ok(())
}

impl PathAnswer {
    /// Prints the answer: ambiguity notes, then each path hop by hop.
    pub fn write_text(&self, out: &mut dyn Write, style: &Style) -> io::Result<()> {
        write_ambiguity(&self.from, out, style)?;
        write_ambiguity(&self.to, out, style)?;
        let label = |l: &Lookup| l.candidates[0].label.clone();
        if self.paths.is_empty() {
            return writeln!(
                out,
                "No path links {} and {}.",
                label(&self.from),
                label(&self.to)
            );
        }
        for (i, p) in self.paths.iter().enumerate() {
            if self.paths.len() > 1 {
                write!(out, "Path {}: ", i + 1)?;
            }
            writeln!(
                out,
                "{} → {}: {} hop{}{}",
                label(&self.from),
                label(&self.to),
                p.hops.len(),
                if p.hops.len() == 1 { "" } else { "s" },
                if p.through_country {
                    ", through a country"
                } else {
                    ""
                }
            )?;
            for h in &p.hops {
                let Some(first) = h.edges.first() else {
                    continue;
                };
                write!(
                    out,
                    "  {} {} {}",
                    style.name(&h.from_label),
                    style.arrow(&arrow(
                        first.relation,
                        first.forward,
                        first.former,
                        first.acting
                    )),
                    style.name(&h.to_label)
                )?;
                let also: Vec<String> = h.edges[1..]
                    .iter()
                    .map(|e| arrow(e.relation, e.forward, e.former, e.acting))
                    .collect();
                if !also.is_empty() {
                    write!(out, "   (also {})", also.join(" "))?;
                }
                writeln!(out)?;
                write_evidence(&first.evidence, "      ", out, style)?;
            }
            writeln!(out)?;
        }
        if self.found > self.paths.len() {
            let more = self.found - self.paths.len();
            writeln!(
                out,
                "{more} more path{} {} found{}; raise --limit (or use --all) to list them.",
                if more == 1 { "" } else { "s" },
                if more == 1 { "was" } else { "were" },
                if self.truncated {
                    " before the search stopped"
                } else {
                    ""
                }
            )?;
        }
        Ok(())
    }
}

impl ShowAnswer {
    /// Prints the node and its edges grouped by relation.
    pub fn write_text(&self, out: &mut dyn Write, style: &Style) -> io::Result<()> {
        write_ambiguity(&self.lookup, out, style)?;
        let n = &self.node;
        writeln!(out, "{} ({}) [{}]", style.name(&n.label), n.kind, n.id)?;
        if !n.aliases.is_empty() {
            writeln!(out, "  also called: {}", n.aliases.join("; "))?;
        }
        if let Some(d) = &n.date {
            writeln!(out, "  date: {d}")?;
        }
        if n.series {
            writeln!(out, "  a recurring series")?;
        }
        if let Some(y) = n.year {
            writeln!(out, "  since: {y}")?;
        }
        for c in &n.corrected {
            writeln!(out, "  corrected: {c}")?;
        }
        writeln!(
            out,
            "  in {} document{} ({} mention{}): {}",
            n.docs.len(),
            if n.docs.len() == 1 { "" } else { "s" },
            n.mentions,
            if n.mentions == 1 { "" } else { "s" },
            n.docs.join(", ")
        )?;
        for (rel, edges) in &self.edges {
            writeln!(out)?;
            writeln!(out, "{rel} ({}):", edges.len())?;
            for e in edges {
                // When it was reported (from the dates of its documents).
                let reported =
                    e.reported
                        .as_deref()
                        .map_or(String::new(), |r| match r.split_once('/') {
                            Some((first, last)) => format!(", reported {first} to {last}"),
                            None => format!(", reported {r}"),
                        });
                writeln!(
                    out,
                    "  {} {} {} ({}){reported}",
                    style.name(&n.label),
                    style.arrow(&arrow(*rel, e.outgoing, e.former, e.acting)),
                    style.name(&e.other_label),
                    e.other_kind
                )?;
                for c in &e.corrected {
                    writeln!(out, "      corrected: {c}")?;
                }
                write_evidence(&e.evidence, "      ", out, style)?;
            }
        }
        Ok(())
    }
}

impl NeighborsAnswer {
    /// Prints the nodes by distance, then the edges among them.
    pub fn write_text(&self, out: &mut dyn Write, style: &Style) -> io::Result<()> {
        write_ambiguity(&self.lookup, out, style)?;
        let label = |id: &str| {
            self.nodes
                .iter()
                .find(|n| n.id == id)
                .map_or(id.to_string(), |n| n.label.clone())
        };
        writeln!(
            out,
            "{} within {} of {}:",
            count(self.nodes.len(), "node"),
            count(self.depth, "hop"),
            self.nodes[0].label
        )?;
        for n in &self.nodes {
            writeln!(out, "  {} {} ({}) [{}]", n.distance, n.label, n.kind, n.id)?;
        }
        writeln!(out)?;
        writeln!(out, "{} among them:", count(self.edges.len(), "edge"))?;
        for e in &self.edges {
            writeln!(
                out,
                "  {} {} {}",
                label(&e.source),
                arrow(e.relation, true, e.former, false),
                label(&e.target)
            )?;
        }
        Ok(())
    }
}

impl Stats {
    /// Prints the counts, the best-connected nodes and the components.
    pub fn write_text(&self, out: &mut dyn Write, style: &Style) -> io::Result<()> {
        writeln!(
            out,
            "{}, {}, {}",
            count(self.documents, "document"),
            count(self.nodes, "node"),
            count(self.edges, "edge")
        )?;
        writeln!(out, "\nnodes per kind:")?;
        for (k, n) in &self.kinds {
            writeln!(out, "  {:<14} {n:>8}", k.as_str())?;
        }
        writeln!(out, "\nedges per relation:")?;
        for (r, n) in &self.relations {
            writeln!(out, "  {:<14} {n:>8}", r.as_str())?;
        }
        writeln!(out, "\nmost connected:")?;
        for r in &self.top {
            let label = style.name(&r.label);
            writeln!(out, "  {:>6}  {label} ({}) [{}]", r.degree, r.kind, r.id)?;
        }
        let sizes: Vec<String> = self
            .largest_components
            .iter()
            .map(|s| s.to_string())
            .collect();
        writeln!(
            out,
            "\n{} connected component{}; largest: {}",
            self.components,
            if self.components == 1 { "" } else { "s" },
            sizes.join(", ")
        )
    }
}
