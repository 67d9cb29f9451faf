//! The one writer to standard output: every answer, export, graph and script
//! printed goes through [`write`], so that a reader that stops early
//! (`newsgraph stats --format dot | head -1`) ends the run quietly, with
//! status 0, whatever the command and format.

use newsgraph::{Error, Result};
use std::io::{self, Write};

/// Writes to standard output (buffered) with `write`. A closed pipe is not an
/// error: the output ends there.
pub fn write(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let mut out = Closable {
        inner: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        closed: false,
    };
    let r = write(&mut out).and_then(|()| out.flush());
    finish(r, out.closed)
}

/// The outcome of a write to standard output: an error only when the reader
/// did not close the pipe (a writer may have wrapped the broken pipe in an
/// error of another kind).
fn finish(r: io::Result<()>, closed: bool) -> Result<()> {
    match r {
        Err(e) if !closed && e.kind() != io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}

/// A writer that remembers whether its reader went away.
struct Closable<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Closable<W> {
    fn note<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r
            && e.kind() == io::ErrorKind::BrokenPipe
        {
            self.closed = true;
        }
        r
    }
}

impl<W: Write> Write for Closable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let r = self.inner.write_all(buf);
        self.note(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe whose reader has gone.
    struct Gone;

    impl Write for Gone {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_not_an_error_even_when_a_writer_wraps_it() {
        let mut w = Closable {
            inner: Gone,
            closed: false,
        };
        // A writer that turns the failure into an error of its own kind.
        let r = w
            .write_all(b"digraph {")
            .map_err(|e| io::Error::other(format!("dot: {e}")));
        assert!(w.closed);
        assert!(finish(r, w.closed).is_ok());
        // Any other failure is one.
        let full = Err(io::Error::from(io::ErrorKind::StorageFull));
        assert!(finish(full, false).is_err());
        assert!(finish(Err(io::ErrorKind::BrokenPipe.into()), false).is_ok());
    }
}
