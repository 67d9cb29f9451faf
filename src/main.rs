//! The `newsgraph` command line: parse, run, report.

mod cli;

/// Many small allocations freed on other threads: mimalloc keeps them cheap.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{} {err}", cli::style::err("1;31", "error:"));
            if let Some(hint) = hint(&err) {
                eprintln!("{} {hint}", cli::style::err("1;36", "hint:"));
            }
            ExitCode::from(2)
        }
    }
}

/// The next step after an error, when there is an obvious one.
fn hint(err: &newsgraph::Error) -> Option<&'static str> {
    use newsgraph::Error;
    match err {
        Error::GraphFile { .. } => Some(
            "graph files are written by `newsgraph build ARTICLES... -o FILE`; rebuild it, \
             or check the path given to --graph, --into or merge",
        ),
        Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            Some("check the path; `newsgraph build` takes files, folders, or - for standard input")
        }
        Error::Input { .. } => Some(
            "newsgraph reads UTF-8 (or UTF-16 with a BOM) text; re-encode the file, or leave it out",
        ),
        Error::Lexicon { .. } => {
            Some("lexicon files use the format of data/lexicon.toml (see the README, The lexicon)")
        }
        Error::Rules { .. } => {
            Some("rule files use the format of data/rules.toml (see the README, Rules)")
        }
        Error::Corrections { .. } => Some(
            "corrections files hold [[drop_edge]], [[merge]], [[keep_apart]], [[remove_alias]] \
             and [[rename]] tables, each with a reason (see examples/corrections.toml)",
        ),
        Error::UnknownName { .. } => Some(
            "names are labels, aliases or parts of a name; `newsgraph find PART` lists the \
             nodes whose name holds PART, `newsgraph show ID` takes a node id",
        ),
        Error::Usage(_) => Some("`newsgraph help` and `newsgraph help COMMAND` show the usage"),
        _ => None,
    }
}
