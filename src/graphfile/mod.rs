//! The graph file: canonical node-link JSON (`shared/spec/formats.md`), one
//! record per line. This module owns the format; [`crate::graph`] owns the model.
//!
//! - [`wire`]: the file's types as serde reads and writes them ([`WireGraph`]).
//! - `records`: each record written directly, byte for byte as serde would.
//! - `layout`: what surrounds the records, and splitting a file into them.
//! - `write`: [`Graph::write_json`](crate::graph::Graph::write_json),
//!   [`Graph::to_wire`](crate::graph::Graph::to_wire).
//! - `read`: [`Graph::read_json`](crate::graph::Graph::read_json) and its lean
//!   form, without the nodes' mentions.
//! - [`update`]: adding articles to a file in place (`build --into`), with the
//!   bytes a full write gives.

mod layout;
mod read;
mod records;
pub mod update;
pub mod wire;
mod write;

pub use update::{Counts, GraphFile, Placed, Update};
pub use wire::{WireEdge, WireGraph, WireMeta, WireSentence};

/// The version of the graph file format this build writes and reads.
pub const FORMAT_VERSION: u32 = 6;
