//! `newsgraph export`: write a graph file, or the example corpus's graph, in another
//! format.

use super::{build, output};
use newsgraph::export::{self, ClusterBy, Format, Options};
use newsgraph::graph::Graph;
use newsgraph::{Error, Result};
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    graph: Option<&Path>,
    format: Option<Format>,
    output: Option<&Path>,
    cluster_by: Option<ClusterBy>,
    base_iri: Option<String>,
    as_of: Option<chrono::NaiveDate>,
) -> Result<ExitCode> {
    let out = output.unwrap_or(Path::new("-"));
    let format = match (format, output) {
        (Some(f), _) => f,
        (None, Some(p)) => build::output_format(p)?,
        (None, None) => {
            return Err(Error::Usage(
                "give --format (json, dot, graphml, cytoscape, graphology, html, turtle, ntriples) or -o FILE".into(),
            ));
        }
    };
    if cluster_by.is_some() && format != Format::Dot {
        return Err(Error::Usage(format!(
            "--cluster-by applies to --format dot, not {format}"
        )));
    }
    if let Some(base) = &base_iri {
        if !matches!(format, Format::Turtle | Format::Ntriples) {
            return Err(Error::Usage(format!(
                "--base-iri applies to --format turtle and ntriples, not {format}"
            )));
        }
        export::rdf::check_base_iri(base).map_err(Error::Usage)?;
    }
    let g = match graph {
        Some(p) => read_graph(p)?,
        None => build::example_graph()?,
    };
    let g = match as_of {
        Some(day) => super::query::dated(&g, day),
        None => g,
    };
    let opts = Options {
        cluster_by,
        base_iri,
    };
    output::write(out, |w| export::write(&g, format, &opts, w))?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a graph JSON file, or standard input for `-`.
pub fn read_graph(path: &Path) -> Result<Graph> {
    with_bytes(path, |b| Graph::read_json(b, path))
}

/// Reads a graph for a query: without the nodes' mention lists, which no query
/// but `show` (a count) uses.
pub fn read_graph_lean(path: &Path) -> Result<Graph> {
    with_bytes(path, |b| Graph::read_json_lean(b, path))
}

/// Runs `f` on the bytes of `path` (standard input for `-`). A file is mapped
/// into memory rather than copied: graph files are large, and newsgraph replaces
/// them by renaming a new file into place, never by writing into the old one.
fn with_bytes(path: &Path, f: impl FnOnce(&[u8]) -> Result<Graph>) -> Result<Graph> {
    f(&graph_bytes(path)?)
}

/// A graph file's bytes: mapped if it is a regular file, read otherwise.
pub enum Bytes {
    /// Read into memory.
    Read(Vec<u8>),
    /// Mapped, with the file.
    Mapped(memmap2::Mmap, std::fs::File),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Read(v) => v,
            Bytes::Mapped(m, _) => m,
        }
    }
}

impl Bytes {
    /// Lets the kernel drop the mapped pages now (they would be read again from
    /// the file if touched). Unmapping a large file takes time (a tenth of a
    /// second at 367 MB): `build --into` does it while the new file is synced,
    /// rather than at exit.
    pub fn release(&self) {
        if let Bytes::Mapped(map, _) = self {
            // SAFETY: the mapping is of a file opened read-only; dropping its
            // pages loses nothing (a later read maps them again from the file).
            let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
        }
    }

    /// Maps all the pages of a mapped file at once (one system call, where
    /// touching each 64 KiB would fault: 30 against 50 ms at 367 MB). Only a hint.
    pub fn populate(&self) {
        #[cfg(target_os = "linux")]
        if let Bytes::Mapped(map, _) = self {
            let _ = map.advise(memmap2::Advice::PopulateRead);
        }
    }

    /// Drops the pages of bytes `from..to` from the mapping and from the page
    /// cache (whole pages only), for a file about to be replaced: its pages
    /// would otherwise be freed when it is gone, at the end of the run, on the
    /// run's time (0.09 s at 367 MB). Only a hint; read files are left alone.
    pub fn forget(&self, from: usize, to: usize) {
        #[cfg(target_os = "linux")]
        if let Bytes::Mapped(map, file) = self {
            use std::os::fd::AsRawFd;
            // SAFETY: a plain system call.
            let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) })
                .unwrap_or(4096)
                .max(1);
            let (from, to) = (from.div_ceil(page) * page, to.min(map.len()) / page * page);
            if from >= to {
                return;
            }
            // SAFETY: as for `release`; the range is within the mapping.
            let _ = unsafe {
                map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
            };
            // SAFETY: a plain system call on a file descriptor this value owns.
            unsafe {
                libc::posix_fadvise(
                    file.as_raw_fd(),
                    from as libc::off_t,
                    (to - from) as libc::off_t,
                    libc::POSIX_FADV_DONTNEED,
                );
            }
        }
    }
}

/// The bytes of the graph file at `path` (`-`: standard input).
pub fn graph_bytes(path: &Path) -> Result<Bytes> {
    if path == Path::new("-") {
        let mut v = Vec::new();
        std::io::stdin()
            .read_to_end(&mut v)
            .map_err(|e| Error::io("<stdin>", e))?;
        return Ok(Bytes::Read(v));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.len() == 0 || !meta.is_file() {
        // Empty files and non-files (pipes, devices, folders) are read, not mapped.
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        return Ok(Bytes::Read(bytes));
    }
    // SAFETY: the map is only read; newsgraph never writes into an existing graph
    // file (it renames a new one into place), so the bytes do not change under us
    // unless another program rewrites the file in place.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(path, e))?;
    Ok(Bytes::Mapped(map, file))
}
