//! The `newsgraph` command line: parse, run, report.

mod cli;

/// Many small allocations freed on other threads: mimalloc keeps them cheap.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_e` of the mimalloc 3
/// that libmimalloc-sys 0.1.49 builds (the crate names no constant for it;
/// Cargo.toml pins that version).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // A run of newsgraph is short and goes through large buffers (a graph file read
    // in full). By default mimalloc gives freed memory back to the system after
    // 10 ms and takes it back, zeroed by the kernel, when it needs it again; and it
    // asks for transparent huge pages, which the kernel may first have to compact
    // memory for. On this project's 2-core machine the two took up to a second of
    // system time out of a two-second query on a large graph. Keep freed memory for
    // reuse, and use ordinary pages; all goes back when the process ends.
    // SAFETY: sets a plain integer option, and a flag of this process; no pointers.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        #[cfg(target_os = "linux")]
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
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
