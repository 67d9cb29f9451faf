//! Arbitrary bytes → `Graph::read_json`: Ok or Err, never a panic; when Ok, the
//! graph writes, reads back and writes again to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::graph::Graph;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(graph) = Graph::read_json(data, Path::new("fuzz.json")) else {
        return;
    };
    let mut first = Vec::new();
    graph.write_json(&mut first).expect("write to memory");
    let back = Graph::read_json(&first, Path::new("fuzz.json"))
        .unwrap_or_else(|e| panic!("a written graph must read back: {e}"));
    let mut second = Vec::new();
    back.write_json(&mut second).expect("write to memory");
    assert!(first == second, "write → read → write differs");
});
