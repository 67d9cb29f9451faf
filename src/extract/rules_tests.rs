//! Rule files of a user, and the built-in rules. (The rule tables of
//! `tests/rules/` are checked by `tests/cases/rules.rs`.)

use super::*;
use crate::build::build_texts;
use crate::graph::Graph;

/// Lower case, no dots, single spaces.
fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace('.', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn names(g: &Graph, ix: petgraph::stable_graph::NodeIndex, want: &str) -> bool {
    let n = g.node(ix);
    let want = norm(want);
    std::iter::once(&n.label)
        .chain(&n.aliases)
        .any(|x| want == norm(x))
}

fn has(g: &Graph, fact: &str) -> bool {
    let [r, s, t] = fact.split('|').collect::<Vec<_>>()[..] else {
        panic!("bad fact {fact}");
    };
    g.edges_sorted().into_iter().any(|e| {
        let (a, b) = g.inner.edge_endpoints(e).expect("an edge");
        (r == "*" || g.inner[e].relation.to_string() == r) && names(g, a, s) && names(g, b, t)
    })
}

fn facts(g: &Graph) -> Vec<String> {
    g.edges_sorted()
        .into_iter()
        .map(|e| {
            let (a, b) = g.inner.edge_endpoints(e).expect("an edge");
            format!(
                "{}|{}|{}",
                g.inner[e].relation,
                g.node(a).label,
                g.node(b).label
            )
        })
        .collect()
}

/// A user's rule file adds a cue: the new fact is found with it, not without.
#[test]
fn a_user_rule_file_adds_a_cue() {
    let text = "The 9th Korea-U.S. Integrated Defense Dialogue was held in Seoul on June 4. \
                Park Min-ho helmed the 9th Korea-U.S. Integrated Defense Dialogue for the first time.";
    let fact = "led|Park Min-ho|9th Korea-U.S. Integrated Defense Dialogue";
    let lex = Lexicon::builtin().unwrap();
    let g = build_texts(&[("a.txt", text)], &lex).unwrap();
    assert!(!has(&g, fact), "{:?}", facts(&g));
    let dir = std::env::temp_dir().join(format!("newsgraph-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mine.toml");
    std::fs::write(
        &file,
        "[[rule]]\nid = \"mine.helmed\"\n\
         pattern = '(?<p> @person) helmed the? (?<m> @meeting)'\nfacts = [\"led p m\"]\n",
    )
    .unwrap();
    let lex = Lexicon::builtin()
        .unwrap()
        .with_rules(std::slice::from_ref(&file))
        .unwrap();
    let g = build_texts(&[("a.txt", text)], &lex).unwrap();
    assert!(has(&g, fact), "{:?}", facts(&g));
    std::fs::remove_dir_all(&dir).ok();
}

/// Errors name the file, the rule and the reason; none panics.
#[test]
fn bad_rule_files_are_errors_that_name_the_rule() {
    let cases = [
        (
            "[[rule]]\nid = \"a.b\"\npattern = '(x'\nfacts = [\"led p m\"]\n",
            "rule `a.b`: pattern",
        ),
        (
            "[[rule]]\nid = \"a.b\"\npattern = 'x'\nfacts = [\"led p m\"]\n",
            "no capture",
        ),
        (
            "[[rule]]\nid = \"a.b\"\npattern = '(?<p> x)'\nfacts = [\"boss p $meeting\"]\n",
            "unknown relation",
        ),
        (
            "[[rule]]\nid = \"ab\"\npattern = 'x'\nfacts = []\n",
            "family.name",
        ),
        (
            "[[rule]]\nid = \"lead.led_by\"\npattern = 'x'\nfacts = [\"led $event $event\"]\n",
            "also used",
        ),
        (
            "[[rule]]\nid = \"a.b\"\npattern = 'x'\nfacts = [\"led $event\"]\n",
            "relation source target",
        ),
        (
            "[[rule]]\nid = \"a.b\"\npattern = '$nolist'\nfacts = [\"led $event $event\"]\n",
            "word list",
        ),
        ("[[rule]]\nid = \"a.b\"\n", "missing field"),
    ];
    for (text, want) in cases {
        let sources = [
            (PathBuf::from("<builtin>"), BUILTIN.to_string()),
            (PathBuf::from("mine.toml"), text.to_string()),
        ];
        let Err(e) = RuleSet::from_sources(&sources) else {
            panic!("no error for {text}");
        };
        let e = e.to_string();
        assert!(e.contains("mine.toml") && e.contains(want), "{e}");
    }
}

#[test]
fn builtin_rules_compile_with_ids() {
    let set = builtin().unwrap();
    assert!(!set.rules.is_empty());
    for r in &set.rules {
        assert!(r.id.contains('.'), "{}", r.id);
    }
}
