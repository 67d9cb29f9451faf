//! Colour on the terminal: `--color auto|always|never` (auto: only on a terminal,
//! and never when `NO_COLOR` is set), for error prefixes and query answers.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

static STDOUT: AtomicBool = AtomicBool::new(false);
static STDERR: AtomicBool = AtomicBool::new(false);

/// Decides, once, whether standard output and standard error get colour.
pub fn init(choice: Color) {
    let auto =
        |terminal: bool| terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (out, err) = match choice {
        Color::Always => (true, true),
        Color::Never => (false, false),
        Color::Auto => (
            auto(std::io::stdout().is_terminal()),
            auto(std::io::stderr().is_terminal()),
        ),
    };
    STDOUT.store(out, Ordering::Relaxed);
    STDERR.store(err, Ordering::Relaxed);
}

/// Whether standard output is coloured.
pub fn stdout() -> bool {
    STDOUT.load(Ordering::Relaxed)
}

/// `label` in `code` (an SGR code such as `1;31`) when standard error is coloured.
pub fn err(code: &str, label: &str) -> String {
    if STDERR.load(Ordering::Relaxed) {
        format!("\x1b[{code}m{label}\x1b[0m")
    } else {
        label.to_string()
    }
}
