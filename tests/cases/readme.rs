//! The README's tour runs as written, so the README cannot drift from the CLI.
//!
//! The convention (also stated in the README, under the tour's heading):
//! - the tour is the section of `README.md` from the heading [`TOUR`] to the next `## `;
//! - in it, every fenced block opened with ```` ```console ```` is a session: a line
//!   `$ newsgraph ARGS` is a command (ARGS split as a shell does for plain words,
//!   `"double"` and `'single'` quotes; an unquoted ` #` starts a comment), and the lines
//!   after it, up to the next command, are lines of what it prints (standard output or
//!   standard error); other fenced blocks (`toml`, `sh`) are not run;
//! - a shown line must be a whole line of the output (trailing spaces aside), in any
//!   order; `…` inside a shown line stands for any text (the pieces around it must
//!   appear in that line in order, the first at its start, the last at its end); a line
//!   that is only `…` and blank lines are skipped.
//!
//! A `toml` block in the tour shows a file of `examples/`: each of its lines must be a
//! line of `examples/rules.toml` or `examples/corrections.toml`.
//!
//! Each command runs in a scratch folder holding a copy of `examples/` (where the
//! README's reader stands in a clone), must exit 0, and every `-o FILE` it names must
//! exist afterwards and not be empty.

use crate::common::{TempDir, root, stderr};
use std::path::Path;
use std::process::{Command, Stdio};

/// The heading of the tour in `README.md`.
const TOUR: &str = "## A tour of the bundled corpus";

/// One command of the tour and the output lines the README shows under it.
#[derive(Debug)]
struct Step {
    /// The line as written, without `$ `.
    line: String,
    /// The arguments after `newsgraph`.
    args: Vec<String>,
    /// The output lines shown.
    shown: Vec<String>,
}

/// Splits a command line into words: white space separates, quotes group, an
/// unquoted `#` after white space (or at the start) ends the line.
fn words(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                out.extend(word.take());
            }
            '#' if word.is_none() => break,
            '"' | '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some(x) => w.push(x),
                        None => return Err(format!("unclosed {c} in `{line}`")),
                    }
                }
            }
            '|' | '>' | '<' | ';' | '&' | '$' | '`' | '\\' => {
                return Err(format!(
                    "`{c}` in `{line}`: the tour runs plain commands, no shell"
                ));
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(word);
    Ok(out)
}

/// The tour's commands, in order, from the text of `README.md`.
fn tour(readme: &str) -> Result<Vec<Step>, String> {
    let mut lines = readme.lines().skip_while(|l| l.trim_end() != TOUR);
    if lines.next().is_none() {
        return Err(format!("README.md has no heading `{TOUR}`"));
    }
    let mut steps: Vec<Step> = Vec::new();
    let mut fence: Option<bool> = None; // Some(is a console block) inside a fence
    for line in lines {
        if fence.is_none() && line.starts_with("## ") {
            break;
        }
        if let Some(info) = line.trim_start().strip_prefix("```") {
            fence = match fence {
                None => Some(info.trim() == "console"),
                Some(_) => None,
            };
            continue;
        }
        if fence != Some(true) {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            let mut w = words(cmd)?;
            if w.first().map(String::as_str) != Some("newsgraph") {
                return Err(format!(
                    "`$ {cmd}`: the tour's commands start with `newsgraph`"
                ));
            }
            w.remove(0);
            steps.push(Step {
                line: cmd.to_string(),
                args: w,
                shown: Vec::new(),
            });
        } else if line.trim().is_empty() || line.trim() == "…" {
            continue;
        } else if let Some(step) = steps.last_mut() {
            step.shown.push(line.trim_end().to_string());
        } else {
            return Err(format!("output line `{line}` before any command"));
        }
    }
    if fence.is_some() {
        return Err("the tour ends inside a fenced block".to_string());
    }
    Ok(steps)
}

/// The lines of the tour's ```` ```toml ```` blocks.
fn toml_lines(readme: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut fence: Option<bool> = None;
    for line in readme.lines().skip_while(|l| l.trim_end() != TOUR).skip(1) {
        if fence.is_none() && line.starts_with("## ") {
            break;
        }
        if let Some(info) = line.trim_start().strip_prefix("```") {
            fence = match fence {
                None => Some(info.trim() == "toml"),
                Some(_) => None,
            };
        } else if fence == Some(true) && !line.trim().is_empty() {
            out.push(line.trim_end());
        }
    }
    out
}

/// Whether the output line `real` is the shown line `shown` (`…` stands for any text).
fn fits(shown: &str, real: &str) -> bool {
    let real = real.trim_end();
    let pieces: Vec<&str> = shown.split('…').collect();
    if pieces.len() == 1 {
        return real == shown;
    }
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !real.starts_with(first) || !real.ends_with(last) || real.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &real[first.len()..real.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

/// Copies the folder `from` into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

#[test]
fn the_readme_tour_runs_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("read README.md");
    let steps = tour(&readme).unwrap_or_else(|e| panic!("{e}"));
    let dir = TempDir::new("readme-tour");
    copy_dir(&root().join("examples"), &dir.join("examples"));

    let examples: String = ["rules.toml", "corrections.toml"]
        .iter()
        .map(|f| std::fs::read_to_string(root().join("examples").join(f)).expect("read example"))
        .collect::<Vec<_>>()
        .join("\n");
    for line in toml_lines(&readme) {
        assert!(
            examples.lines().any(|l| l.trim_end() == line),
            "README tour shows a line of TOML that no example file has:\n  {line}"
        );
    }

    for step in &steps {
        let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(&step.args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .stdin(Stdio::null())
            .output()
            .expect("newsgraph runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let err = stderr(&out);
        assert!(
            out.status.success(),
            "README tour: `{}` exited with {:?}\nstderr:\n{err}",
            step.line,
            out.status
        );
        for shown in &step.shown {
            assert!(
                stdout
                    .lines()
                    .chain(err.lines())
                    .any(|real| fits(shown, real)),
                "README tour: `{}` does not print the line the README shows:\n  \
                 {shown}\nstdout:\n{stdout}\nstderr:\n{err}",
                step.line
            );
        }
        for pair in step.args.windows(2) {
            if pair[0] == "-o" && pair[1] != "-" {
                let len = std::fs::metadata(dir.join(&pair[1])).map_or(0, |m| m.len());
                assert!(len > 0, "README tour: `{}` wrote no {}", step.line, pair[1]);
            }
        }
    }

    // The tour shows every subcommand a newcomer needs, and the options it promises.
    let all: Vec<&str> = steps
        .iter()
        .flat_map(|s| s.args.iter().map(String::as_str))
        .collect();
    let commands: Vec<&str> = steps
        .iter()
        .filter_map(|s| s.args.first().map(String::as_str))
        .collect();
    for needed in [
        "build",
        "stats",
        "find",
        "show",
        "path",
        "neighbors",
        "timeline",
        "history",
        "export",
    ] {
        assert!(
            commands.contains(&needed),
            "README tour: no `newsgraph {needed}`"
        );
    }
    for needed in ["--as-of", "--corrections", "--rules", "--all-evidence"] {
        assert!(all.contains(&needed), "README tour: no {needed}");
    }
    for ext in [".dot", ".graphml", ".json", ".html"] {
        assert!(
            steps
                .iter()
                .any(|s| s.args.first().map(String::as_str) == Some("export")
                    && s.args.iter().any(|a| a.ends_with(ext))),
            "README tour: no export to {ext}"
        );
    }
    assert!(
        steps
            .iter()
            .all(|s| !s.shown.is_empty() || s.args.first().map(String::as_str) == Some("export")),
        "README tour: a query or build without output shown"
    );
}

#[test]
fn the_tour_convention_reads_commands_and_output() {
    let text = "# x\n## A tour of the bundled corpus\nprose\n```console\n\
                $ newsgraph show \"Kim Min-jun\" --graph g.json   # a comment\n\
                Kim Min-jun (person) …\n…\n\n\
                $ newsgraph stats\n12 documents, …\n```\n```toml\n$ not run\n```\n\
                ## Next\n```console\n$ newsgraph never\n```\n";
    let steps = tour(text).expect("a tour");
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0].args, ["show", "Kim Min-jun", "--graph", "g.json"]);
    assert_eq!(steps[0].shown, ["Kim Min-jun (person) …"]);
    assert_eq!(steps[1].args, ["stats"]);
    assert!(fits(
        "Kim Min-jun (person) …",
        "Kim Min-jun (person) [person:kim-min-jun]"
    ));
    assert!(fits("  a … c … e", "  a b c d e  "));
    assert!(!fits("  a … c", "  a b"));
    assert!(!fits("a", "ab"));
    assert!(!fits("ab…ba", "aba"));
    assert_eq!(toml_lines(text), ["$ not run"]);
    assert!(words("newsgraph x | head").is_err());
    assert!(tour("## A tour of the bundled corpus\n```console\n$ cargo run\n```\n").is_err());
}
