//! The progress bar of long builds: documents, MB/s and ETA on standard error, shown
//! only when standard error is a terminal and `--quiet` is not given.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::document::Source;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

/// A progress bar over the bytes of the sources, or nothing.
pub struct Bar {
    bar: Option<ProgressBar>,
    docs: AtomicU64,
    total: u64,
}

impl Bar {
    /// A bar for reading `sources`, hidden when `quiet` or standard error is not a
    /// terminal.
    pub fn new(sources: &[Source], quiet: bool) -> Bar {
        let total = sources.len() as u64;
        if quiet || !std::io::stderr().is_terminal() {
            return Bar {
                bar: None,
                docs: AtomicU64::new(0),
                total,
            };
        }
        let bytes: u64 = sources
            .iter()
            .map(|s| match s {
                Source::File { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
                Source::Stdin => 0,
            })
            .sum();
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{bar:30} {msg} documents, {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, ETA {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Bar {
            bar: Some(bar),
            docs: AtomicU64::new(0),
            total,
        }
    }

    /// One more document of `bytes` bytes read.
    pub fn add(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            let n = self.docs.fetch_add(1, Ordering::Relaxed) + 1;
            bar.inc(bytes);
            if n.is_multiple_of(64) || n == self.total {
                bar.set_message(format!("{n}/{}", self.total));
            }
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
