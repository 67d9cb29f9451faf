//! newsgraph: news articles in, a knowledge graph with evidence out.
//!
//! Data flows one way: [`document`] → [`extract`] → [`resolve`] → [`graph`] →
//! [`query`] / [`export`], with the [`lexicon`] feeding extraction. Below them all,
//! the vocabulary every layer shares: [`ontology`] (kinds, relations) and
//! [`dates`] (days and ranges of days).
#![deny(missing_docs)]

pub mod build;
pub mod bytes;
pub mod corpus;
pub mod corrections;
pub mod dates;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod graphfile;
pub mod jsonl;
pub mod lexicon;
pub mod ontology;
pub mod provenance;
pub mod query;
pub mod resolve;
pub mod sorted;

pub use error::{Error, Result};
pub use ontology::{EntityKind, Relation};
