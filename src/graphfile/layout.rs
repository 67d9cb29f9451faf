//! The graph file's layout: what `build` writes around the records (a head,
//! then the documents, nodes, edges and sentences, one record per line), and
//! how a file is split back into its records ([`Layout::of`]).

use super::FORMAT_VERSION;

/// A graph file as [`crate::graph::Graph::write_json`] lays it out: the documents, then one
/// record per line in each part (each line without its comma).
pub(crate) struct Layout<'a> {
    /// The documents object, `{` to `}`.
    pub documents: Vec<u8>,
    /// The documents' records (`"name":{…}`).
    pub document_lines: Vec<&'a [u8]>,
    pub nodes: Vec<&'a [u8]>,
    pub edges: Vec<&'a [u8]>,
    pub sentences: Vec<&'a [u8]>,
}

/// What comes before the documents' records.
pub(crate) fn head() -> String {
    format!(
        "{{\"directed\":true,\"multigraph\":true,\n\"graph\":{{\"name\":\"newsgraph\",\"version\":{FORMAT_VERSION},\"documents\":"
    )
}

/// What ends the documents and opens the nodes.
pub(crate) const OPEN_NODES: &[u8] = b"\n}},\n\"nodes\":[";
/// What ends the nodes and opens the edges.
pub(crate) const OPEN_EDGES: &[u8] = b"\n],\n\"edges\":[";
/// What ends the edges and opens the sentences.
pub(crate) const OPEN_SENTENCES: &[u8] = b"\n],\n\"sentences\":[";
/// What ends the file.
pub(crate) const END: &[u8] = b"\n]}\n";

impl<'a> Layout<'a> {
    /// The parts of `bytes`; `None` if it is laid out otherwise (an older
    /// version, or reformatted).
    pub fn of(bytes: &'a [u8]) -> Option<Layout<'a>> {
        let head = head();
        let rest = bytes.strip_prefix(head.as_bytes())?;
        // Lines with their offsets in `bytes`.
        let mut at = head.len();
        let mut lines = memchr::memchr_iter(b'\n', rest)
            .chain(std::iter::once(rest.len()))
            .map(move |end| {
                let start = at;
                at = head.len() + end + 1;
                (start, &bytes[start..head.len() + end])
            });
        // The records of a part (each line, less its comma), up to the line that
        // closes it, and where that line starts.
        fn part<'a>(
            lines: &mut impl Iterator<Item = (usize, &'a [u8])>,
            close: &[u8],
        ) -> Option<(Vec<&'a [u8]>, usize)> {
            let mut records = Vec::new();
            loop {
                let (at, line) = lines.next()?;
                if line == close {
                    return Some((records, at));
                }
                records.push(line.strip_suffix(b",").unwrap_or(line));
            }
        }
        let (docs_at, first) = lines.next()?;
        if first != b"{" {
            return None;
        }
        let (document_lines, docs_end) = part(&mut lines, b"}},")?;
        let mut documents = bytes[docs_at..docs_end].to_vec();
        documents.push(b'}');
        let (nothing, _) = part(&mut lines, b"\"nodes\":[")?;
        if !nothing.is_empty() {
            return None;
        }
        let (nodes, _) = part(&mut lines, b"],")?;
        let (nothing, _) = part(&mut lines, b"\"edges\":[")?;
        if !nothing.is_empty() {
            return None;
        }
        let (edges, _) = part(&mut lines, b"],")?;
        let (nothing, _) = part(&mut lines, b"\"sentences\":[")?;
        if !nothing.is_empty() {
            return None;
        }
        let (sentences, _) = part(&mut lines, b"]}")?;
        if !lines.all(|(_, l)| l.iter().all(u8::is_ascii_whitespace)) {
            return None;
        }
        Some(Layout {
            documents,
            document_lines,
            nodes,
            edges,
            sentences,
        })
    }
}
