//! Integration tests of the `newsgraph` binary and its graph files: one test binary,
//! one module per feature under `tests/cases/`.

#[path = "cases/common.rs"]
mod common;

#[path = "cases/atomic.rs"]
mod atomic;
#[path = "cases/build.rs"]
mod build;
#[path = "cases/cli.rs"]
mod cli;
#[path = "cases/corrections.rs"]
mod corrections;
#[path = "cases/dates.rs"]
mod dates;
#[path = "cases/errors.rs"]
mod errors;
#[path = "cases/evidence.rs"]
mod evidence;
#[path = "cases/example_gold.rs"]
mod example_gold;
#[path = "cases/export.rs"]
mod export;
#[path = "cases/graph_files.rs"]
mod graph_files;
#[path = "cases/incremental.rs"]
mod incremental;
#[path = "cases/inputs.rs"]
mod inputs;
#[path = "cases/jsonl.rs"]
mod jsonl;
#[path = "cases/merge_props.rs"]
mod merge_props;
#[path = "cases/output.rs"]
mod output;
#[path = "cases/props.rs"]
mod props;
#[path = "cases/provenance.rs"]
mod provenance;
#[path = "cases/query.rs"]
mod query;
#[path = "cases/rdf.rs"]
mod rdf;
#[path = "cases/readme.rs"]
mod readme;
#[path = "cases/regressions.rs"]
mod regressions;
#[path = "cases/rules.rs"]
mod rules;
#[path = "cases/shared.rs"]
mod shared;
#[path = "cases/splice.rs"]
mod splice;
#[path = "cases/stdin.rs"]
mod stdin;
#[path = "cases/structure.rs"]
mod structure;
#[path = "cases/timeline.rs"]
mod timeline;
#[path = "cases/user_rules.rs"]
mod user_rules;
