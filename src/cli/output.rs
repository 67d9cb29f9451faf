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
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        // A reader that stops early (`| head`) is not an error.
        let closed = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
        match write(&mut w).and_then(|()| w.flush()) {
            Err(e) if !closed(&e) => Err(Error::io("<stdout>", e)),
            _ => Ok(()),
        }
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
    let result = (|| {
        let file = Ahead::new(std::fs::File::create(&tmp)?, sync);
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?.file;
        if let Some(m) = &previous {
            file.set_permissions(m.permissions())?;
        }
        if sync {
            file.sync_all()?;
        }
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    // Make the rename itself durable where the platform allows it.
    if sync && let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A file being written that, when it is to be synced, asks the kernel to start
/// writing each 32 MiB to disk as soon as it is complete, so that the disk works
/// while the rest is made and the `fsync` before the rename waits for the last
/// piece only (on a graph of hundreds of megabytes, a tenth of a second or more).
/// Otherwise, and elsewhere than on Linux, a plain file.
pub struct Ahead {
    file: std::fs::File,
    /// Whether to start writing to disk as the file grows.
    ahead: bool,
    /// Bytes written.
    written: u64,
    /// Bytes handed to the kernel to write out.
    started: u64,
}

impl Ahead {
    /// Bytes between two requests.
    const STEP: u64 = 32 << 20;

    fn new(file: std::fs::File, ahead: bool) -> Ahead {
        Ahead {
            file,
            ahead,
            written: 0,
            started: 0,
        }
    }
}

impl Write for Ahead {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.ahead && self.written - self.started >= Ahead::STEP {
            #[cfg(target_os = "linux")]
            {
                use std::os::fd::AsRawFd;
                let (from, len) = (self.started, self.written - self.started);
                // SAFETY: a plain system call on a file descriptor this value owns.
                // Only a hint: its failure changes nothing (the fsync still writes
                // all).
                unsafe {
                    libc::sync_file_range(
                        self.file.as_raw_fd(),
                        from as libc::off64_t,
                        len as libc::off64_t,
                        libc::SYNC_FILE_RANGE_WRITE,
                    );
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
