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
/// returns; otherwise the disk writes them when it will.
///
/// A symbolic link is written through (the file it points to is replaced, the link
/// stays); a file that is replaced keeps its permissions, and a new one gets the
/// permissions of a file created the usual way.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
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
    let sync = SYNC.load(Ordering::Relaxed);
    let result = (|| {
        // The temporary file goes whatever ends the write (an error, or a panic
        // unwinding through it), unless it was renamed into place.
        let tmp = temporary_in(dir)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file().try_clone()?);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        if let Some(m) = &previous {
            file.set_permissions(m.permissions())?;
        }
        if sync {
            file.sync_all()?;
        }
        tmp.persist(&target).map(drop).map_err(|e| e.error)
    })();
    result.map_err(|e| Error::io(path, e))?;
    // Make the rename itself durable where the platform allows it.
    if sync && let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// An empty temporary file in `dir`, deleted when dropped. On Unix it is made
/// with the mode a file created the usual way has (0666 less the umask), not
/// `tempfile`'s private 0600.
fn temporary_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsgraph-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
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
