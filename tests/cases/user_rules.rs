//! `build --rules FILE`: a user's rule file adds a cue; a bad one is an error
//! that names the file, the rule and the reason.

use crate::common::{TempDir, arg, run, stderr, wire};

/// An article written for this test: the verb "helmed" is no built-in cue.
const HELMED: &str = "The 9th Korea-U.S. Integrated Defense Dialogue was held in Seoul on June 4. \
Park Min-ho helmed the 9th Korea-U.S. Integrated Defense Dialogue for the first time.\n";

/// Whether the graph has `led` from Park Min-ho to the 9th dialogue.
fn has_led(bytes: &[u8]) -> bool {
    let g = wire(bytes);
    let label = |id: &str| {
        g.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.label.clone())
            .unwrap_or_default()
    };
    g.edges.iter().any(|e| {
        e.relation.to_string() == "led"
            && label(&e.source) == "Park Min-ho"
            && label(&e.target).starts_with("9th")
    })
}

#[test]
fn a_rule_file_adds_a_cue() {
    let dir = TempDir::new("user-rules");
    let article = dir.join("a.txt");
    std::fs::write(&article, HELMED).expect("write article");
    let rules = dir.join("mine.toml");
    std::fs::write(
        &rules,
        "[words]\nlead_verbs = [\"helmed\"]\n\n\
         [[rule]]\nid = \"mine.helmed_the\"\n\
         pattern = '(?<p> @person) helmed the? (?<m> @meeting)'\nfacts = [\"led p m\"]\n",
    )
    .expect("write rules");
    let without = run(&["build", arg(&article), "-o", "-", "-q"], None);
    assert_eq!(without.status.code(), Some(0), "{}", stderr(&without));
    assert!(!has_led(&without.stdout));
    let with_rules = || {
        run(
            &[
                "build",
                arg(&article),
                "--rules",
                arg(&rules),
                "-o",
                "-",
                "-q",
            ],
            None,
        )
    };
    let with = with_rules();
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    assert!(has_led(&with.stdout));
    // A word added to a built-in list is enough too.
    std::fs::write(&rules, "[words]\nlead_verbs = [\"helmed\"]\n").expect("write rules");
    let listed = with_rules();
    assert!(has_led(&listed.stdout), "{}", stderr(&listed));
}

#[test]
fn a_bad_rule_file_names_the_file_and_the_rule() {
    let dir = TempDir::new("bad-rules");
    let article = dir.join("a.txt");
    std::fs::write(&article, HELMED).expect("write article");
    let rules = dir.join("bad.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nid = \"mine.broken\"\npattern = '(?<p> @person'\nfacts = [\"led p $meeting\"]\n",
    )
    .expect("write rules");
    let out = run(
        &["build", arg(&article), "--rules", arg(&rules), "-o", "-"],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(arg(&rules)) && err.contains("mine.broken"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
