//! Loading a graph for a command: a graph file (mapped, or standard input for `-`),
//! and the graph as of a day.

use newsgraph::Result;
use newsgraph::bytes::Bytes;
use newsgraph::graph::Graph;
use std::io::Write;
use std::path::Path;

/// Reads a graph JSON file, or standard input for `-`.
pub fn read_graph(path: &Path) -> Result<Graph> {
    with_bytes(path, |b| Graph::read_json(b, path))
}

/// Reads a graph for a query: without the nodes' mention lists, which no query
/// but `show` (a count) uses.
pub fn read_graph_lean(path: &Path) -> Result<Graph> {
    with_bytes(path, |b| Graph::read_json_lean(b, path))
}

/// Runs `f` on the bytes of `path` (standard input for `-`), mapped from the
/// file where it can be ([`Bytes`]).
fn with_bytes(path: &Path, f: impl FnOnce(&[u8]) -> Result<Graph>) -> Result<Graph> {
    f(&Bytes::open(path)?)
}

/// `g` as of `day` (see [`Graph::as_of`]), telling on standard error how many
/// facts were left out for want of a date.
pub fn dated(g: &Graph, day: chrono::NaiveDate) -> Graph {
    let a = g.as_of_counted(day);
    if a.undated_facts > 0 {
        let _ = writeln!(
            std::io::stderr(),
            "note: --as-of {day}: left out {} fact{} from {} undated document{}",
            a.undated_facts,
            if a.undated_facts == 1 { "" } else { "s" },
            a.undated_docs,
            if a.undated_docs == 1 { "" } else { "s" },
        );
    }
    a.graph
}
