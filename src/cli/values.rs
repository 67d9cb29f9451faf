//! Options that take one of a few names (a relation, a node kind, a format):
//! parsed so that a bad value is refused with the list of the valid ones, and
//! shells complete them.

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use newsgraph::ontology::{EntityKind, Relation};
use std::ffi::OsStr;

/// A value of `names`, read by `parse` (which may take more spellings, such as
/// plurals).
#[derive(Clone)]
pub struct OneOf<T> {
    names: fn() -> Vec<&'static str>,
    parse: fn(&str) -> Result<T, String>,
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for OneOf<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        (self.parse)(&text).map_err(|_| {
            let mut e = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
            let arg = arg.map_or_else(|| "...".to_string(), ToString::to_string);
            e.insert(ContextKind::InvalidArg, ContextValue::String(arg));
            e.insert(ContextKind::InvalidValue, ContextValue::String(text.into()));
            let valid = (self.names)().into_iter().map(String::from).collect();
            e.insert(ContextKind::ValidValue, ContextValue::Strings(valid));
            e
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.names)().into_iter().map(PossibleValue::new)))
    }
}

/// A relation (`--via`).
pub fn relation() -> OneOf<Relation> {
    OneOf {
        names: || Relation::ALL.iter().map(|r| r.as_str()).collect(),
        parse: |s| s.parse(),
    }
}

/// A node kind (`--avoid`, `find --kind`: plurals too).
pub fn kind() -> OneOf<EntityKind> {
    OneOf {
        names: || EntityKind::ALL.iter().map(|k| k.as_str()).collect(),
        parse: newsgraph::query::find::parse_kind,
    }
}

/// An export format (`export --format`).
pub fn export_format() -> OneOf<newsgraph::export::Format> {
    use newsgraph::export::Format;
    OneOf {
        names: || Format::ALL.iter().map(|f| f.as_str()).collect(),
        parse: |s| s.parse(),
    }
}

/// How DOT clusters (`export --cluster-by`).
pub fn cluster_by() -> OneOf<newsgraph::export::ClusterBy> {
    use newsgraph::export::ClusterBy;
    OneOf {
        names: || {
            [ClusterBy::Kind, ClusterBy::Doc]
                .map(ClusterBy::as_str)
                .into()
        },
        parse: |s| s.parse(),
    }
}
