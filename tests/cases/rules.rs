//! Rule tables: every `tests/rules/*.toml` lists sentences written for the tests,
//! each built alone as one document with the builtin lexicon, and the facts its
//! graph must have (`expect`, `entities`) and must not have (`reject`,
//! `no_entities`). The format:
//!
//! ```toml
//! [[case]]
//! id = "led.will_lead"                  # unique within the file
//! text = """Jane Roe ... will lead the South Korean side at the 30th ..."""
//! expect = ["led|Jane Roe|30th Korea-U.S. Integrated Defense Dialogue"]
//! reject = ["attended|Jane Roe|*"]      # relation|source|target, `*` globs
//! entities = ["person|Jane Roe"]        # kind|name
//! no_entities = ["meeting|*2nd*"]
//! pending = "why it fails today"        # optional: the case must fail for now
//! note = "what the case is about"       # optional, not checked
//! ```
//!
//! A name matches a node when it equals its label or one of its aliases, compared
//! case-insensitively with dots dropped and spaces collapsed; `*` matches any run
//! of characters (so `*` alone matches every node). A fact may take a fourth field
//! of comma-separated qualifiers the edge must have: `former`, `acting`, or
//! `!former`, `!acting` for their absence (`reject = ["holds_office|*Yoon*|*|!former"]`).
//!
//! Every failing case of every file is reported in one message, with the facts the
//! case's graph does have. A case marked `pending` must fail: it tracks a known
//! wrong or missing fact, and once the fact is right the stale marker fails the test.

use newsgraph::build::build_texts;
use newsgraph::graph::Graph;
use newsgraph::lexicon::Lexicon;
use newsgraph::ontology::{EntityKind, Relation};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

/// The builtin lexicon, loaded once.
static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::builtin().expect("the builtin lexicon loads"));

/// A name as compared: lower case, no dots, single spaces, trimmed.
pub fn normalize(s: &str) -> String {
    let lowered: String = s
        .chars()
        .filter(|c| *c != '.')
        .collect::<String>()
        .to_lowercase();
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters (both
/// already normalized).
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// A node as the checks see it.
#[derive(Clone, Debug)]
pub struct NodeView {
    pub kind: String,
    pub label: String,
    /// Label and aliases, normalized.
    pub names: Vec<String>,
    /// Label and aliases as written (for checks of their shape).
    pub raw_names: Vec<String>,
}

/// An edge as the checks see it (ends are indices into the nodes).
#[derive(Clone, Debug)]
pub struct EdgeView {
    pub relation: String,
    pub source: usize,
    pub target: usize,
    pub former: bool,
    pub acting: bool,
    /// The ids of the rules that read it (empty in graphs from before provenance).
    pub rules: Vec<String>,
}

/// A graph read back from its JSON file, so the checks depend only on the format.
#[derive(Clone, Debug)]
pub struct View {
    pub nodes: Vec<NodeView>,
    pub edges: Vec<EdgeView>,
}

impl View {
    /// Reads the graph through its JSON form.
    pub fn of(g: &Graph) -> View {
        let mut bytes = Vec::new();
        g.write_json(&mut bytes).expect("a graph writes to memory");
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("graph JSON");
        View::from_json(&value)
    }

    /// Reads a graph file's JSON value.
    pub fn from_json(value: &serde_json::Value) -> View {
        let text = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
        let mut ids = std::collections::HashMap::new();
        let mut nodes = Vec::new();
        for (i, n) in value["nodes"].as_array().into_iter().flatten().enumerate() {
            ids.insert(text(n, "id"), i);
            let label = text(n, "label");
            let mut raw_names = vec![label.clone()];
            for a in n["aliases"].as_array().into_iter().flatten() {
                raw_names.push(a.as_str().unwrap_or_default().to_string());
            }
            nodes.push(NodeView {
                kind: text(n, "kind"),
                names: raw_names.iter().map(|s| normalize(s)).collect(),
                raw_names,
                label,
            });
        }
        let mut edges = Vec::new();
        for e in value["edges"].as_array().into_iter().flatten() {
            let (Some(&source), Some(&target)) =
                (ids.get(&text(e, "source")), ids.get(&text(e, "target")))
            else {
                continue;
            };
            edges.push(EdgeView {
                relation: text(e, "relation"),
                source,
                target,
                former: e["former"].as_bool().unwrap_or(false),
                acting: e["acting"].as_bool().unwrap_or(false),
                rules: e["rules"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.as_str().map(str::to_string))
                    .collect(),
            });
        }
        View { nodes, edges }
    }

    /// Whether node `i` is named by the (normalized) pattern.
    pub fn named(&self, i: usize, pattern: &str) -> bool {
        self.nodes[i].names.iter().any(|n| glob(pattern, n))
    }

    /// The edges a fact pattern matches.
    pub fn edges_matching(&self, f: &FactPattern) -> Vec<usize> {
        (0..self.edges.len())
            .filter(|&i| {
                let e = &self.edges[i];
                glob(&f.relation, &e.relation)
                    && self.named(e.source, &f.source)
                    && self.named(e.target, &f.target)
                    && f.flags.iter().all(|(flag, want)| match flag.as_str() {
                        "former" => e.former == *want,
                        _ => e.acting == *want,
                    })
            })
            .collect()
    }

    /// The nodes an entity pattern matches.
    pub fn nodes_matching(&self, p: &EntityPattern) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| glob(&p.kind, &self.nodes[i].kind) && self.named(i, &p.name))
            .collect()
    }

    /// An edge written as a fact: `relation|source label|target label[|qualifiers]`.
    pub fn fact(&self, i: usize) -> String {
        let e = &self.edges[i];
        let mut s = format!(
            "{}|{}|{}",
            e.relation, self.nodes[e.source].label, self.nodes[e.target].label
        );
        let flags: Vec<&str> = [("former", e.former), ("acting", e.acting)]
            .into_iter()
            .filter(|f| f.1)
            .map(|f| f.0)
            .collect();
        if !flags.is_empty() {
            s.push('|');
            s.push_str(&flags.join(","));
        }
        s
    }

    /// A fact followed by the rules that read it: `led|A|B (rules: lead.led_by)`.
    pub fn fact_with_rules(&self, i: usize) -> String {
        let rules = &self.edges[i].rules;
        if rules.is_empty() {
            self.fact(i)
        } else {
            format!("{} (rules: {})", self.fact(i), rules.join(", "))
        }
    }

    /// A node written as `kind|label`.
    pub fn entity(&self, i: usize) -> String {
        format!("{}|{}", self.nodes[i].kind, self.nodes[i].label)
    }
}

/// `relation|source|target[|qualifiers]`, names normalized.
#[derive(Clone, Debug)]
pub struct FactPattern {
    pub text: String,
    pub relation: String,
    pub source: String,
    pub target: String,
    /// (`former` or `acting`, wanted value).
    pub flags: Vec<(String, bool)>,
}

impl FactPattern {
    pub fn parse(s: &str) -> Result<FactPattern, String> {
        let parts: Vec<&str> = s.split('|').collect();
        if !(3..=4).contains(&parts.len()) {
            return Err(format!(
                "fact `{s}` is not relation|source|target[|qualifiers]"
            ));
        }
        let relation = parts[0].trim();
        if relation != "*" {
            relation.parse::<Relation>()?;
        }
        let mut flags = Vec::new();
        if let Some(q) = parts.get(3) {
            for flag in q.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                let (name, want) = match flag.strip_prefix('!') {
                    Some(n) => (n, false),
                    None => (flag, true),
                };
                if name != "former" && name != "acting" {
                    return Err(format!("fact `{s}`: unknown qualifier `{flag}`"));
                }
                flags.push((name.to_string(), want));
            }
        }
        let (source, target) = (normalize(parts[1]), normalize(parts[2]));
        if source.is_empty() || target.is_empty() {
            return Err(format!("fact `{s}` has an empty name"));
        }
        Ok(FactPattern {
            text: s.to_string(),
            relation: relation.to_string(),
            source,
            target,
            flags,
        })
    }
}

/// `kind|name`, the name normalized.
#[derive(Clone, Debug)]
pub struct EntityPattern {
    pub text: String,
    pub kind: String,
    pub name: String,
}

impl EntityPattern {
    pub fn parse(s: &str) -> Result<EntityPattern, String> {
        let Some((kind, name)) = s.split_once('|') else {
            return Err(format!("entity `{s}` is not kind|name"));
        };
        let kind = kind.trim();
        if kind != "*" {
            kind.parse::<EntityKind>()?;
        }
        let name = normalize(name);
        if name.is_empty() || name.contains('|') {
            return Err(format!("entity `{s}` is not kind|name"));
        }
        Ok(EntityPattern {
            text: s.to_string(),
            kind: kind.to_string(),
            name,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    #[serde(default)]
    case: Vec<RawCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    id: String,
    text: String,
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default)]
    reject: Vec<String>,
    #[serde(default)]
    entities: Vec<String>,
    #[serde(default)]
    no_entities: Vec<String>,
    pending: Option<String>,
    /// What the case is about (for the reader; not checked).
    #[allow(dead_code)]
    note: Option<String>,
}

/// One case, its patterns parsed.
pub struct Case {
    pub id: String,
    pub text: String,
    pub expect: Vec<FactPattern>,
    pub reject: Vec<FactPattern>,
    pub entities: Vec<EntityPattern>,
    pub no_entities: Vec<EntityPattern>,
    pub pending: Option<String>,
}

/// Parses a table; any unknown key, duplicate or empty id, bad pattern, or case
/// that checks nothing is an error.
pub fn parse_table(src: &str) -> Result<Vec<Case>, String> {
    let file: TableFile = toml::from_str(src).map_err(|e| e.to_string())?;
    let mut seen = BTreeSet::new();
    let mut cases = Vec::new();
    for raw in file.case {
        let id = raw.id.trim().to_string();
        if id.is_empty() {
            return Err("a case has an empty id".into());
        }
        if !seen.insert(id.clone()) {
            return Err(format!("duplicate case id `{id}`"));
        }
        let facts = |v: &[String]| {
            v.iter()
                .map(|s| FactPattern::parse(s))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("case `{id}`: {e}"))
        };
        let ents = |v: &[String]| {
            v.iter()
                .map(|s| EntityPattern::parse(s))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("case `{id}`: {e}"))
        };
        let case = Case {
            expect: facts(&raw.expect)?,
            reject: facts(&raw.reject)?,
            entities: ents(&raw.entities)?,
            no_entities: ents(&raw.no_entities)?,
            pending: raw.pending,
            text: raw.text,
            id: id.clone(),
        };
        if case.expect.len() + case.reject.len() + case.entities.len() + case.no_entities.len() == 0
        {
            return Err(format!("case `{id}` checks nothing"));
        }
        if case.pending.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err(format!("case `{id}`: `pending` needs a reason"));
        }
        cases.push(case);
    }
    Ok(cases)
}

/// What is wrong with a graph for a case: one line per check that fails (empty
/// when the case passes).
pub fn check_case(case: &Case, view: &View) -> Vec<String> {
    let mut problems = Vec::new();
    for f in &case.expect {
        if view.edges_matching(f).is_empty() {
            problems.push(format!("missing fact {}", f.text));
        }
    }
    for f in &case.reject {
        let hits = view.edges_matching(f);
        if !hits.is_empty() {
            let found: Vec<String> = hits.iter().map(|&i| view.fact_with_rules(i)).collect();
            problems.push(format!(
                "rejected fact {} found: {}",
                f.text,
                found.join("; ")
            ));
        }
    }
    for p in &case.entities {
        if view.nodes_matching(p).is_empty() {
            problems.push(format!("missing entity {}", p.text));
        }
    }
    for p in &case.no_entities {
        let hits = view.nodes_matching(p);
        if !hits.is_empty() {
            let found: Vec<String> = hits.iter().map(|&i| view.entity(i)).collect();
            problems.push(format!(
                "rejected entity {} found: {}",
                p.text,
                found.join("; ")
            ));
        }
    }
    problems
}

/// The outcome of a table.
#[derive(Default, Debug)]
pub struct Report {
    /// Cases that fail (and are not pending), or pending cases that pass.
    pub failures: Vec<String>,
    /// Pending cases that fail, as expected.
    pub pending: Vec<String>,
    /// Number of cases run.
    pub cases: usize,
}

/// Builds and checks every case of a table (`name` is the file name shown).
pub fn run_table(name: &str, src: &str) -> Report {
    let cases = match parse_table(src) {
        Ok(c) => c,
        Err(e) => {
            return Report {
                failures: vec![format!("{name}: malformed table: {e}")],
                ..Report::default()
            };
        }
    };
    // One case after another, on this thread: a build waits on the rayon pool,
    // and run from inside a pool worker it can wait forever.
    let outcomes: Vec<(Option<String>, Option<String>)> = cases
        .iter()
        .map(|case| {
            let problems = match build_texts(&[("case.txt", case.text.as_str())], &LEXICON) {
                Ok(g) => {
                    let view = View::of(&g);
                    let p = check_case(case, &view);
                    if p.is_empty() {
                        p
                    } else {
                        let mut p = p;
                        let mut facts: Vec<String> = (0..view.edges.len())
                            .map(|i| view.fact_with_rules(i))
                            .collect();
                        facts.sort();
                        let mut ents: Vec<String> =
                            (0..view.nodes.len()).map(|i| view.entity(i)).collect();
                        ents.sort();
                        p.push(format!("facts found: [{}]", facts.join("; ")));
                        p.push(format!("entities found: [{}]", ents.join("; ")));
                        p
                    }
                }
                Err(e) => vec![format!("the text does not build: {e}")],
            };
            let head = format!("{name} [{}]", case.id);
            match (&case.pending, problems.is_empty()) {
                (None, true) => (None, None),
                (None, false) => (
                    Some(format!("{head}\n    {}", problems.join("\n    "))),
                    None,
                ),
                (Some(why), false) => (None, Some(format!("{head} (pending: {why})"))),
                (Some(why), true) => (
                    Some(format!(
                        "{head}: passes but is marked pending ({why}): remove the marker"
                    )),
                    None,
                ),
            }
        })
        .collect();
    let mut report = Report {
        cases: cases.len(),
        ..Report::default()
    };
    for (failure, pending) in outcomes {
        report.failures.extend(failure);
        report.pending.extend(pending);
    }
    report
}

/// Every table under `tests/rules/`, in name order.
fn tables() -> Vec<(String, String)> {
    let dir = super::common::root().join("tests").join("rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/rules exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = Path::new("tests/rules").join(p.file_name().expect("a file name"));
            let src = std::fs::read_to_string(p).expect("a rule table reads");
            (name.display().to_string(), src)
        })
        .collect()
}

/// Every case of every rule table gives the facts it expects and none it rejects.
#[test]
fn rule_tables() {
    let tables = tables();
    assert!(!tables.is_empty(), "no table under tests/rules");
    let (mut failures, mut pending, mut cases) = (Vec::new(), Vec::new(), 0);
    for (name, src) in &tables {
        let r = run_table(name, src);
        failures.extend(r.failures);
        pending.extend(r.pending);
        cases += r.cases;
    }
    if !pending.is_empty() {
        eprintln!("{} pending case(s), failing as expected:", pending.len());
        for p in &pending {
            eprintln!("  {p}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} rule case(s) in {} table(s) fail:\n{}",
        failures.len(),
        tables.len(),
        failures.join("\n")
    );
}

/// The harness itself: malformed tables are refused, names and globs match as
/// documented, and a pending case that passes is a failure.
#[test]
fn rule_harness_checks_itself() {
    let refused = |src: &str, why: &str| {
        let e = parse_table(src).err();
        assert!(
            e.as_deref().is_some_and(|e| e.contains(why)),
            "{src:?} gives {e:?}, wanted an error about {why:?}"
        );
    };
    refused(
        "[[case]]\nid = \"a\"\ntext = \"x\"\nexpects = [\"led|a|b\"]\n",
        "expects",
    );
    refused("[[cases]]\nid = \"a\"\ntext = \"x\"\n", "cases");
    refused(
        "[[case]]\nid = \"a\"\ntext = \"x\"\nreject = [\"led|*|*\"]\n\
         [[case]]\nid = \"a\"\ntext = \"y\"\nreject = [\"led|*|*\"]\n",
        "duplicate",
    );
    refused("[[case]]\nid = \"a\"\ntext = \"x\"\n", "checks nothing");
    refused(
        "[[case]]\nid = \"a\"\ntext = \"x\"\nexpect = [\"lead|a|b\"]\n",
        "lead",
    );
    refused(
        "[[case]]\nid = \"a\"\ntext = \"x\"\nexpect = [\"led|a\"]\n",
        "led|a",
    );
    refused(
        "[[case]]\nid = \"a\"\ntext = \"x\"\nentities = [\"people|a\"]\n",
        "people",
    );
    refused(
        "[[case]]\nid = \"a\"\ntext = \"x\"\nexpect = [\"led|a|b|late\"]\n",
        "late",
    );

    assert_eq!(normalize("  U.S.  Forces\tKorea "), "us forces korea");
    assert!(glob("*", "anything"));
    assert!(glob("2nd*", "2nd kidd"));
    assert!(glob("*kidd*", "the 2nd kidd meeting"));
    assert!(!glob("*kidd", "kidd meeting"));
    assert!(glob("a*b*c", "aXbYbc"));

    let text = "[[case]]\nid = \"x\"\ntext = \"Nothing happens here.\"\n";
    let r = run_table("t", &format!("{text}expect = [\"led|*|*\"]\n"));
    assert_eq!((r.failures.len(), r.pending.len()), (1, 0), "{r:?}");
    assert!(r.failures[0].contains("missing fact led|*|*"), "{r:?}");
    let r = run_table(
        "t",
        &format!("{text}expect = [\"led|*|*\"]\npending = \"p\"\n"),
    );
    assert_eq!((r.failures.len(), r.pending.len()), (0, 1), "{r:?}");
    let r = run_table(
        "t",
        &format!("{text}reject = [\"led|*|*\"]\npending = \"p\"\n"),
    );
    assert_eq!((r.failures.len(), r.pending.len()), (1, 0), "{r:?}");
    assert!(r.failures[0].contains("remove the marker"), "{r:?}");
}
