//! Writing results: to standard output for `-`, otherwise atomically to a file.

use newsgraph::{Error, Result};
use std::io::Write;
use std::path::Path;

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
///
/// A symbolic link is written through (the file it points to is replaced, the link
/// stays); a file that is replaced keeps its permissions.
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
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let file = std::fs::File::create(&tmp)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        if let Some(m) = &previous {
            file.set_permissions(m.permissions())?;
        }
        file.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    // Make the rename itself durable where the platform allows it.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
