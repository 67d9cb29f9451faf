//! Writing results: to standard output for `-`, otherwise atomically to a file.

use newsgraph::{Error, Result};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether files written wait until they are on disk (`--sync`).
static SYNC: AtomicBool = AtomicBool::new(false);

/// Makes the files written from now on wait until they are on disk (`--sync`).
pub fn set_sync(sync: bool) {
    SYNC.store(sync, Ordering::Relaxed);
}

/// Writes to standard output when `path` is `-` (a closed pipe ends the output
/// quietly), otherwise to the file atomically.
pub fn write(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    if path == Path::new("-") {
        super::stdout::write(write)
    } else {
        write_atomic(path, |w| write(w))
    }
}

/// Writes a file through a temporary file in the same folder, renamed into place,
/// so a failed run leaves the previous file as it was, and no temporary file.
/// With `--sync` ([`set_sync`]) the file and the rename are on disk before this
/// returns; otherwise the disk writes them after (on a 2.7 GB graph, waiting for
/// the disk took a third of the build).
///
/// A symbolic link is written through (the file it points to is replaced, the link
/// stays); a file that is replaced keeps its permissions.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<Ahead>) -> std::io::Result<()>,
) -> Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?
        }
        _ => path.to_path_buf(),
    };
    let previous = std::fs::metadata(&target).ok();
    if previous.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(Error::Usage(format!(
            "{}: is a folder; give a file name to write to",
            path.display()
        )));
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let sync = SYNC.load(Ordering::Relaxed);
    // The temporary file goes whatever ends the write (an error, or a panic
    // unwinding through it), unless it was renamed into place.
    let mut unfinished = Unfinished(Some(&tmp));
    let result = std::thread::scope(|scope| {
        let file = std::fs::File::create(&tmp)?;
        // Renaming onto a file makes some file systems (ext4) write the new one
        // out first, on the rename's time (70 ms at 371 MB): another thread
        // starts that as the file grows. With --sync this thread does, so that
        // the fsync waits for the last piece only.
        let start = if sync {
            Start::Here
        } else if previous.is_some() {
            let (tx, rx) = std::sync::mpsc::channel();
            let out = file.try_clone()?;
            scope.spawn(move || {
                for (from, len) in rx {
                    start_writing(&out, from, len);
                }
            });
            Start::There(tx)
        } else {
            Start::No
        };
        let mut w = std::io::BufWriter::with_capacity(1 << 20, Ahead::new(file, start));
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?.file;
        if let Some(m) = &previous {
            file.set_permissions(m.permissions())?;
        }
        if sync {
            file.sync_all()?;
        }
        std::fs::rename(&tmp, &target)
    });
    result.map_err(|e| Error::io(path, e))?;
    unfinished.0 = None;
    // Make the rename itself durable where the platform allows it.
    if sync && let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A temporary file to remove when this is dropped, if still set.
struct Unfinished<'p>(Option<&'p Path>);

impl Drop for Unfinished<'_> {
    fn drop(&mut self) {
        if let Some(p) = self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// A file being written that asks the kernel to start writing each 32 MiB to
/// disk as soon as it is complete (see [`Start`]). Elsewhere than on Linux, a
/// plain file.
pub struct Ahead {
    file: std::fs::File,
    start: Start,
    /// Bytes written.
    written: u64,
    /// Bytes handed to the kernel to write out.
    started: u64,
}

/// Where the writing out of a file's pieces is started.
enum Start {
    /// Nowhere: the kernel writes the file when it will.
    No,
    /// On the writing thread: the file is to be synced, and the disk works
    /// while the rest is made.
    Here,
    /// On another thread, given each piece (offset, length): the rename will
    /// write the file out, and the writing thread need not wait for it.
    There(std::sync::mpsc::Sender<(u64, u64)>),
}

impl Ahead {
    /// Bytes between two requests.
    const STEP: u64 = 32 << 20;

    fn new(file: std::fs::File, start: Start) -> Ahead {
        Ahead {
            file,
            start,
            written: 0,
            started: 0,
        }
    }
}

impl Write for Ahead {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= Ahead::STEP {
            let (from, len) = (self.started, self.written - self.started);
            match &self.start {
                Start::No => {}
                Start::Here => start_writing(&self.file, from, len),
                Start::There(tx) => {
                    // The other thread ends only with the write.
                    let _ = tx.send((from, len));
                }
            }
            self.started = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Asks the kernel to start writing bytes `from..from + len` of `file` to disk.
/// Only a hint: its failure changes nothing (an fsync still writes all).
fn start_writing(file: &std::fs::File, from: u64, len: u64) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: a plain system call on a file descriptor `file` owns.
        unsafe {
            libc::sync_file_range(
                file.as_raw_fd(),
                from as libc::off64_t,
                len as libc::off64_t,
                libc::SYNC_FILE_RANGE_WRITE,
            );
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (file, from, len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_panics_leaves_the_old_file_and_no_temporary() {
        let dir = std::env::temp_dir().join(format!("newsgraph-panic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.json");
        std::fs::write(&target, b"old").unwrap();
        let caught = std::panic::catch_unwind(|| {
            let _ = write_atomic(&target, |w| {
                w.write_all(&[b'x'; 4 << 20])?;
                w.flush()?;
                panic!("a bug while writing");
            });
        });
        assert!(caught.is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["out.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
