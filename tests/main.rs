//! Integration tests of the `newsgraph` binary and its graph files: one test binary,
//! one module per feature under `tests/cases/`.

#[path = "cases/common.rs"]
mod common;

#[path = "cases/build.rs"]
mod build;
#[path = "cases/errors.rs"]
mod errors;
#[path = "cases/evidence.rs"]
mod evidence;
#[path = "cases/output.rs"]
mod output;
#[path = "cases/props.rs"]
mod props;
#[path = "cases/query.rs"]
mod query;
#[path = "cases/regressions.rs"]
mod regressions;
#[path = "cases/shared.rs"]
mod shared;
#[path = "cases/stdin.rs"]
mod stdin;
#[path = "cases/structure.rs"]
mod structure;
