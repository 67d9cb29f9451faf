//! Corrections an analyst makes to a built graph (`build --corrections FILE`):
//! drop an edge, merge two nodes, keep two nodes apart, remove an alias, rename
//! a label, each with a reason.
//!
//! The file is TOML, one array of tables per kind of correction:
//!
//! ```toml
//! [[drop_edge]]                 # a fact that is wrong
//! from = "Lloyd Austin"         # nodes are named as queries name them:
//! relation = "led"              # an id, a label or an alias
//! to = "26th KIDD"
//! reason = "He attended; the text names another head of delegation"
//!
//! [[merge]]                     # two nodes that are one thing
//! from = "Kim"                  # this node goes into …
//! into = "Kim Yong-hyun"        # … this one, whose id is kept
//! reason = "…"
//!
//! [[keep_apart]]                # two nodes resolution would join
//! nodes = ["Park", "Park Jin-su"]
//! reason = "…"
//!
//! [[remove_alias]]
//! node = "…"
//! alias = "…"
//! reason = "…"
//!
//! [[rename]]
//! node = "…"
//! label = "…"
//! reason = "…"
//! ```
//!
//! `keep_apart` acts during resolution: the only join of two different identity
//! keys that resolution makes is a surname alone joined to the one full name
//! that has it ([`crate::resolve::join_surnames`]); a pair named there stays two
//! nodes. (Mentions of one key are one node by definition, and the joins made
//! inside one article belong to extraction.) The others act on the resolved
//! graph ([`Corrections::apply`]), in this order: merges, dropped edges, removed
//! aliases, renames. Every node and edge a correction changes says so in its
//! `corrected` list (each entry naming the change and its reason).

use crate::error::{Error, Result};
use crate::graph::{Graph, Node};
use crate::ontology::Relation;
use crate::query::lookup::{MatchKind, fold};
use crate::resolve::ids::{choose_label, plain_id};
use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// A corrections file, read and checked.
#[derive(Debug, Default)]
pub struct Corrections {
    /// The file (named in warnings).
    pub path: PathBuf,
    file: File,
    /// Whether each `keep_apart` kept a join from happening.
    apart_used: Vec<AtomicBool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    drop_edge: Vec<DropEdge>,
    #[serde(default)]
    merge: Vec<Merge>,
    #[serde(default)]
    keep_apart: Vec<KeepApart>,
    #[serde(default)]
    remove_alias: Vec<RemoveAlias>,
    #[serde(default)]
    rename: Vec<Rename>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DropEdge {
    from: String,
    relation: String,
    to: String,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Merge {
    from: String,
    into: String,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeepApart {
    nodes: [String; 2],
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RemoveAlias {
    node: String,
    alias: String,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    node: String,
    label: String,
    reason: String,
}

/// What [`Corrections::apply`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Corrections that changed the graph.
    pub applied: usize,
    /// One line per correction that matched nothing (or matched ambiguously):
    /// `FILE: KIND #N (what): why`.
    pub warnings: Vec<String>,
}

pub use crate::sorted::{join, note};

impl Corrections {
    /// Reads a corrections file; a malformed one is an error naming the file,
    /// the correction and what is wrong.
    pub fn read(path: &Path) -> Result<Corrections> {
        let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(text).map_err(|e| Error::Corrections {
            path: path.to_path_buf(),
            reason: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        })?;
        Corrections::parse(&text, path)
    }

    /// Reads corrections from TOML text; `path` names it in errors and warnings.
    pub fn parse(text: &str, path: &Path) -> Result<Corrections> {
        let bad = |reason: String| Error::Corrections {
            path: path.to_path_buf(),
            reason,
        };
        let file: File = toml::from_str(text)
            .map_err(|e| bad(e.to_string().trim_end().replace('\n', "\n  ")))?;
        let blank = |s: &str| s.trim().is_empty();
        let check = |kind: &str, i: usize, fields: &[(&str, &str)]| -> Result<()> {
            for (name, value) in fields {
                if blank(value) {
                    return Err(bad(format!("{kind} #{}: `{name}` is empty", i + 1)));
                }
            }
            Ok(())
        };
        for (i, c) in file.drop_edge.iter().enumerate() {
            check(
                "drop_edge",
                i,
                &[("from", &c.from), ("to", &c.to), ("reason", &c.reason)],
            )?;
            if c.relation.parse::<Relation>().is_err() {
                let known: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
                return Err(bad(format!(
                    "drop_edge #{}: unknown relation `{}`; the relations are {}",
                    i + 1,
                    c.relation,
                    known.join(", ")
                )));
            }
        }
        for (i, c) in file.merge.iter().enumerate() {
            check(
                "merge",
                i,
                &[("from", &c.from), ("into", &c.into), ("reason", &c.reason)],
            )?;
        }
        for (i, c) in file.keep_apart.iter().enumerate() {
            check(
                "keep_apart",
                i,
                &[
                    ("nodes", &c.nodes[0]),
                    ("nodes", &c.nodes[1]),
                    ("reason", &c.reason),
                ],
            )?;
        }
        for (i, c) in file.remove_alias.iter().enumerate() {
            check(
                "remove_alias",
                i,
                &[
                    ("node", &c.node),
                    ("alias", &c.alias),
                    ("reason", &c.reason),
                ],
            )?;
        }
        for (i, c) in file.rename.iter().enumerate() {
            check(
                "rename",
                i,
                &[
                    ("node", &c.node),
                    ("label", &c.label),
                    ("reason", &c.reason),
                ],
            )?;
        }
        Ok(Corrections {
            path: path.to_path_buf(),
            apart_used: file
                .keep_apart
                .iter()
                .map(|_| AtomicBool::new(false))
                .collect(),
            file,
        })
    }

    /// How many corrections the file holds.
    pub fn len(&self) -> usize {
        let f = &self.file;
        f.drop_edge.len()
            + f.merge.len()
            + f.keep_apart.len()
            + f.remove_alias.len()
            + f.rename.len()
    }

    /// Whether the file holds no correction.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry to record on `a` if a `keep_apart` names `a` and `b` (nodes
    /// being resolved, not yet named: matched by labels, aliases and the id
    /// their label gives); the correction is then counted as applied.
    pub fn keeps_apart(&self, a: &Node, b: &Node) -> Option<String> {
        for (c, used) in self.file.keep_apart.iter().zip(&self.apart_used) {
            let [x, y] = &c.nodes;
            let hit = (names(a, x) && names(b, y)) || (names(a, y) && names(b, x));
            if hit {
                used.store(true, Ordering::Relaxed);
                return Some(c.reason.clone());
            }
        }
        None
    }

    /// Applies the corrections that act on a resolved graph (merges, dropped
    /// edges, removed aliases, renames, in that order), names the nodes again,
    /// and reports what was applied and what matched nothing (with the
    /// `keep_apart`s that kept no join from happening).
    pub fn apply(&self, g: &mut Graph) -> Report {
        let mut report = Report::default();
        let file = self.path.display().to_string();
        let mut warn = |kind: &str, i: usize, what: String, why: String| {
            report
                .warnings
                .push(format!("{file}: {kind} #{} ({what}): {why}", i + 1));
        };
        let mut applied = 0;
        for (i, c) in self.file.merge.iter().enumerate() {
            let what = format!("{} into {}", c.from, c.into);
            let (from, into) = match (find(g, &c.from), find(g, &c.into)) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(why), _) | (_, Err(why)) => {
                    warn("merge", i, what, why);
                    continue;
                }
            };
            if from == into {
                warn("merge", i, what, "both name the same node".into());
                continue;
            }
            let (fk, ik) = (g.node(from).kind, g.node(into).kind);
            if fk != ik {
                warn(
                    "merge",
                    i,
                    what,
                    format!("a {fk} and a {ik} are not one thing; not merged"),
                );
                continue;
            }
            merge(g, from, into, &c.reason);
            applied += 1;
        }
        for (i, c) in self.file.drop_edge.iter().enumerate() {
            let what = format!("{} {} {}", c.from, c.relation, c.to);
            let relation: Relation = c.relation.parse().expect("checked when read");
            let (s, t) = match (find(g, &c.from), find(g, &c.to)) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(why), _) | (_, Err(why)) => {
                    warn("drop_edge", i, what, why);
                    continue;
                }
            };
            if g.remove_edge(s, relation, t).is_none() {
                let why = if g.edge_index(t, relation, s).is_some() {
                    format!(
                        "no such edge (there is one the other way: from {} to {})",
                        c.to, c.from
                    )
                } else {
                    "no such edge".to_string()
                };
                warn("drop_edge", i, what, why);
                continue;
            }
            let entry = format!(
                "dropped {} {relation} {}: {}",
                quoted(&g.node(s).label),
                quoted(&g.node(t).label),
                c.reason
            );
            note(&mut g.node_mut(s).corrected, entry.clone());
            note(&mut g.node_mut(t).corrected, entry);
            applied += 1;
        }
        for (i, c) in self.file.remove_alias.iter().enumerate() {
            let what = format!("{} of {}", quoted(&c.alias), c.node);
            let ix = match find(g, &c.node) {
                Ok(ix) => ix,
                Err(why) => {
                    warn("remove_alias", i, what, why);
                    continue;
                }
            };
            let key = fold(&c.alias);
            let n = g.node_mut(ix);
            if fold(&n.label) == key {
                warn(
                    "remove_alias",
                    i,
                    what,
                    "it is the node's label; rename the node instead".into(),
                );
                continue;
            }
            let gone: Vec<String> = n
                .aliases
                .iter()
                .filter(|a| fold(a) == key)
                .cloned()
                .collect();
            if gone.is_empty() {
                warn("remove_alias", i, what, "the node has no such alias".into());
                continue;
            }
            for a in &gone {
                n.aliases.remove(a);
                // A name it is given by the text stays a candidate label only
                // if it is the label.
                n.labels.remove(a);
            }
            note(
                &mut n.corrected,
                format!("alias {} removed: {}", quoted(&c.alias), c.reason),
            );
            applied += 1;
        }
        for (i, c) in self.file.rename.iter().enumerate() {
            let what = format!("{} to {}", c.node, quoted(&c.label));
            let ix = match find(g, &c.node) {
                Ok(ix) => ix,
                Err(why) => {
                    warn("rename", i, what, why);
                    continue;
                }
            };
            let n = g.node_mut(ix);
            let label = c.label.trim();
            if n.label == label {
                warn("rename", i, what, "the node has this label already".into());
                continue;
            }
            let old = n.label.clone();
            rename(n, label);
            note(
                &mut n.corrected,
                format!("renamed from {}: {}", quoted(&old), c.reason),
            );
            applied += 1;
        }
        for ((i, c), used) in self
            .file
            .keep_apart
            .iter()
            .enumerate()
            .zip(&self.apart_used)
        {
            if used.load(Ordering::Relaxed) {
                applied += 1;
            } else {
                let [a, b] = &c.nodes;
                warn(
                    "keep_apart",
                    i,
                    format!("{a} / {b}"),
                    "resolution joined no such pair (only a surname alone and the full name it \
                     would join are kept apart)"
                        .into(),
                );
            }
        }
        g.name_nodes();
        report.applied = applied;
        report
    }
}

/// A name in quotes, as messages and entries show it.
fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// Whether `name` names a node being resolved: its id (or the id its label
/// gives), a label the text gives it, or an alias, compared as queries compare
/// names.
fn names(n: &Node, name: &str) -> bool {
    let name = name.trim();
    let key = fold(name);
    if key.is_empty() {
        return false;
    }
    let id = choose_label(&n.labels).map(|l| plain_id(n.kind, l));
    (!n.id.is_empty() && n.id.eq_ignore_ascii_case(name))
        || id.is_some_and(|id| id.eq_ignore_ascii_case(name))
        || fold(&n.label) == key
        || n.labels.keys().any(|l| fold(l) == key)
        || n.aliases.iter().any(|a| fold(a) == key)
}

/// The one node `name` names, as a query finds it: the best kind of match (id,
/// label, alias, then part of a name) must be one node; else why not.
fn find(g: &Graph, name: &str) -> std::result::Result<NodeIndex, String> {
    let l = match g.lookup(name) {
        Ok(l) => l,
        Err(_) => return Err(format!("no node is named {}", quoted(name))),
    };
    let best = l.candidates[0].how;
    let top: Vec<&str> = l
        .candidates
        .iter()
        .filter(|c| c.how == best)
        .map(|c| c.id.as_str())
        .collect();
    if top.len() > 1 {
        let what = match best {
            MatchKind::Id => "ids",
            MatchKind::Label => "labels",
            MatchKind::Alias => "aliases",
            MatchKind::Token => "parts of names",
        };
        return Err(format!(
            "{} is ambiguous ({what} of {}); name the node by its id",
            quoted(name),
            top.join(", ")
        ));
    }
    g.node_index(top[0])
        .ok_or_else(|| format!("no node is named {}", quoted(name)))
}

/// Makes `from` part of `into`; the edges that move say so.
fn merge(g: &mut Graph, from: NodeIndex, into: NodeIndex, reason: &str) {
    let from_label = g.node(from).label.clone();
    let into_label = g.node(into).label.clone();
    let (mut moved, mut loops) = (Vec::new(), Vec::new());
    for dir in [Direction::Outgoing, Direction::Incoming] {
        for e in g.inner.edges_directed(from, dir) {
            let (s, t) = (e.source(), e.target());
            let end = |n: NodeIndex| if n == from { into } else { n };
            if end(s) != end(t) {
                moved.push((end(s), e.weight().relation, end(t)));
            } else if dir == Direction::Outgoing || s != t {
                // An edge between the two (or from the node to itself) is
                // dropped: the node would point at itself.
                let (a, b) = if s == from {
                    (&from_label, &into_label)
                } else {
                    (&into_label, &from_label)
                };
                loops.push(format!(
                    "dropped {} {} {} (one node after the merge): {reason}",
                    quoted(a),
                    e.weight().relation,
                    quoted(b)
                ));
            }
        }
    }
    g.fold_node(from, into);
    for entry in loops {
        note(&mut g.node_mut(into).corrected, entry);
    }
    let entry = format!("merged {} into this node: {reason}", quoted(&from_label));
    for (s, relation, t) in moved {
        if let Some(ix) = g.edge_index(s, relation, t) {
            note(
                &mut g.inner[ix].corrected,
                format!("moved from {} by a merge: {reason}", quoted(&from_label)),
            );
        }
    }
    note(&mut g.node_mut(into).corrected, entry);
}

/// Gives `n` the label `label`: every name the texts give it stays a surface
/// form (an alias), and the new label is the one its counts choose.
fn rename(n: &mut Node, label: &str) {
    let total: u32 = n.labels.values().sum::<u32>().max(1);
    let old: Vec<String> = std::mem::take(&mut n.labels).into_keys().collect();
    if n.label_surface {
        n.aliases.insert(n.label.clone());
        n.label_surface = false;
    }
    for l in old {
        if l != label {
            n.aliases.insert(l);
        }
    }
    n.labels.insert(label.to_string(), total);
    n.aliases.remove(label);
    n.label = label.to_string();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Corrections> {
        Corrections::parse(text, Path::new("fix.toml"))
    }

    #[test]
    fn a_file_reads_and_counts() {
        let c = parse(
            r#"
[[drop_edge]]
from = "A"
relation = "led"
to = "B"
reason = "r"
[[merge]]
from = "A"
into = "B"
reason = "r"
[[keep_apart]]
nodes = ["A", "B"]
reason = "r"
[[remove_alias]]
node = "A"
alias = "x"
reason = "r"
[[rename]]
node = "A"
label = "Z"
reason = "r"
"#,
        )
        .unwrap();
        assert_eq!(c.len(), 5);
        assert!(parse("").unwrap().is_empty());
    }

    /// A graph of people and a meeting, built by hand.
    fn graph() -> Graph {
        use crate::ontology::EntityKind;
        let mut g = Graph::new();
        let mut add = |id: &str, kind, label: &str, aliases: &[&str]| {
            let mut n = Node::new(id, kind, label);
            n.aliases = aliases.iter().map(|a| a.to_string()).collect();
            g.add_node(n)
        };
        let a = add("person:ann-lee", EntityKind::Person, "Ann Lee", &["Lee"]);
        let b = add(
            "person:anne-lee",
            EntityKind::Person,
            "Anne Lee",
            &["A. Lee"],
        );
        let c = add("person:bo-kim", EntityKind::Person, "Bo Kim", &["Lee"]);
        let m = add("meeting:forum", EntityKind::Meeting, "Forum", &[]);
        let q = crate::ontology::Qualifiers::default;
        g.add_edge(a, m, Relation::Led, q(), []);
        g.add_edge(b, m, Relation::Attended, q(), []);
        g.add_edge(b, a, Relation::Succeeded, q(), []);
        g.add_edge(c, m, Relation::Attended, q(), []);
        g.name_nodes();
        g
    }

    #[test]
    fn merge_rename_and_alias_on_a_graph() {
        let mut g = graph();
        let c = parse(
            r#"
[[merge]]
from = "Anne Lee"
into = "person:ann-lee"
reason = "one person"
[[merge]]
from = "Forum"
into = "Bo Kim"
reason = "nonsense"
[[remove_alias]]
node = "Ann Lee"
alias = "a lee"
reason = "an initial"
[[remove_alias]]
node = "Lee"
alias = "Lee"
reason = "ambiguous"
[[rename]]
node = "ann lee"
label = " Ann B. Lee "
reason = "full name"
"#,
        )
        .unwrap();
        let r = c.apply(&mut g);
        assert_eq!(r.applied, 3, "{r:?}");
        assert_eq!(r.warnings.len(), 2, "{r:?}");
        assert!(
            r.warnings[0].starts_with(
                "fix.toml: merge #2 (Forum into Bo Kim): a meeting and a person are not one thing"
            ),
            "{r:?}"
        );
        assert!(
            r.warnings[1].contains("remove_alias #2") && r.warnings[1].contains("is ambiguous"),
            "{r:?}"
        );
        assert_eq!(g.node_count(), 3);
        let ix = g.node_index("person:ann-b-lee").expect("renamed");
        let n = g.node(ix);
        assert_eq!(n.label, "Ann B. Lee");
        assert!(n.aliases.contains("Ann Lee") && n.aliases.contains("Anne Lee"));
        assert!(!n.aliases.contains("A. Lee"));
        assert_eq!(
            n.corrected,
            [
                "alias \"a lee\" removed: an initial",
                "dropped \"Anne Lee\" succeeded \"Ann Lee\" (one node after the merge): one person",
                "merged \"Anne Lee\" into this node: one person",
                "renamed from \"Ann Lee\": full name",
            ]
        );
        // The moved edge says so; the one it joined nothing with.
        let m = g.node_index("meeting:forum").unwrap();
        let e = g.edge_index(ix, Relation::Attended, m).expect("moved");
        assert_eq!(
            g.inner[e].corrected,
            ["moved from \"Anne Lee\" by a merge: one person"]
        );
        let led = g.edge_index(ix, Relation::Led, m).expect("kept");
        assert!(g.inner[led].corrected.is_empty());
        assert_eq!(g.edge_count(), 3);
    }

    #[test]
    fn malformed_files_name_the_file_and_the_fault() {
        for (text, says) in [
            (
                "[[drop_edge]]\nfrom = \"A\"\nrelation = \"led\"\nto = \"B\"\n",
                "reason",
            ),
            (
                "[[drop_edge]]\nfrom = \"A\"\nrelation = \"lead\"\nto = \"B\"\nreason = \"r\"\n",
                "unknown relation `lead`",
            ),
            (
                "[[merge]]\nfrom = \"A\"\ninto = \"B\"\nreason = \" \"\n",
                "merge #1: `reason` is empty",
            ),
            (
                "[[rename]]\nnode = \"A\"\nlabel = \"B\"\nreason = \"r\"\ncolour = 1\n",
                "colour",
            ),
            ("[[dorp_edge]]\n", "dorp_edge"),
            (
                "[[keep_apart]]\nnodes = [\"A\"]\nreason = \"r\"\n",
                "expected an array of length 2",
            ),
            ("[[merge]\n", "fix.toml"),
        ] {
            let e = parse(text).err().unwrap_or_else(|| panic!("{text} reads"));
            let e = e.to_string();
            assert!(e.contains("fix.toml"), "{e}");
            assert!(e.contains(says), "{text}: {e}");
        }
    }
}
