//! The vocabulary of the graph: the kinds of node and the relations between them
//! (`shared/spec/ontology.md`). Kinds are enums, never strings, everywhere below the CLI.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A named individual.
    Person,
    /// A post a person holds, named with its country or body.
    Office,
    /// A ministry, department, command, council, alliance body or news agency.
    Organization,
    /// A state.
    Country,
    /// A city, base, building or region.
    Place,
    /// A recurring dialogue (series), one gathering of it (instance), a summit, a session.
    Meeting,
    /// An agreement, declaration, sanction regime, plan or commitment.
    Agreement,
    /// A subject discussed that is not an agreement.
    Topic,
}

impl EntityKind {
    /// Every kind, in the order summaries print them.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Person,
        EntityKind::Office,
        EntityKind::Organization,
        EntityKind::Country,
        EntityKind::Place,
        EntityKind::Meeting,
        EntityKind::Agreement,
        EntityKind::Topic,
    ];

    /// The name used in files and ids.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Office => "office",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Place => "place",
            EntityKind::Meeting => "meeting",
            EntityKind::Agreement => "agreement",
            EntityKind::Topic => "topic",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown node kind `{s}`"))
    }
}

/// What identifies an office, however its title is written: the parts a title
/// is read into (`extract::offices`), which `resolve::keys` makes a key and a
/// label of.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OfficeKey {
    /// Canonical country name, when known.
    pub country: Option<String>,
    /// Rank modifiers, sorted: deputy, assistant, under, vice, senior, prime, lead …
    pub mods: Vec<String>,
    /// Head word: secretary, minister, president, chairman, leader …
    pub head: String,
    /// defense, state, foreign affairs, joint chiefs of staff …
    pub domain: String,
    /// "for …": policy, east asia, security agreements …
    pub portfolio: String,
    /// The organization the title names as its own ("USFK commander", "NATO
    /// Secretary General"): the office is that body's, labelled after it.
    pub body: Option<String>,
    /// The organization the office is part of, when the title names one.
    pub org: Option<String>,
    /// A post in `org` ("special representative ... at the State Department"),
    /// which is also part of the body's country.
    pub member: bool,
}

/// A directed relation between two nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// person → meeting: the named head of a side's delegation.
    Led,
    /// person, organization or country → meeting.
    Attended,
    /// meeting (or person, country) → topic or agreement.
    Discussed,
    /// person → person, meeting → meeting, organization → organization.
    Succeeded,
    /// person → office.
    HoldsOffice,
    /// office/organization/meeting → organization/country/meeting.
    PartOf,
    /// meeting instance → meeting series.
    InstanceOf,
    /// meeting → place.
    HeldIn,
    /// person, meeting or country → organization, meeting or agreement.
    Launched,
    /// meeting, person or country → agreement.
    Agreed,
}

impl Relation {
    /// Every relation, in the order summaries print them.
    pub const ALL: [Relation; 10] = [
        Relation::Led,
        Relation::Attended,
        Relation::Discussed,
        Relation::Succeeded,
        Relation::HoldsOffice,
        Relation::PartOf,
        Relation::InstanceOf,
        Relation::HeldIn,
        Relation::Launched,
        Relation::Agreed,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Led => "led",
            Relation::Attended => "attended",
            Relation::Discussed => "discussed",
            Relation::Succeeded => "succeeded",
            Relation::HoldsOffice => "holds_office",
            Relation::PartOf => "part_of",
            Relation::InstanceOf => "instance_of",
            Relation::HeldIn => "held_in",
            Relation::Launched => "launched",
            Relation::Agreed => "agreed",
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Relation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Relation::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown relation `{s}`"))
    }
}

/// Qualifiers an edge may carry. [`Qualifiers::NAMES`] is the one list of them:
/// the graph file's writer and reader go through [`Qualifiers::present`] and
/// [`Qualifiers::read`].
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Qualifiers {
    /// The office was held before (former, ex-, ousted, predecessor).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// The date of the first dated document that reports the fact as `former`
    /// (`YYYY-MM-DD`): before it, the fact was not yet known to be over (see
    /// `query::as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_since: Option<String>,
    /// Held in an acting capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// A date the text gives for the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A year the text gives ("launched in 2011").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// The value of a qualifier an edge has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier<'a> {
    /// A flag that is set (`former`, `acting`).
    Flag,
    /// A date (`former_since`, `date`).
    Date(&'a str),
    /// A year.
    Year(i32),
}

impl Qualifiers {
    /// The qualifiers' names, in the order of the fields (and of the graph file).
    pub const NAMES: [&'static str; 5] = ["former", "former_since", "acting", "date", "year"];

    /// The qualifiers the edge has (flags set, values given), named, in the
    /// order of [`Qualifiers::NAMES`].
    pub fn present(&self) -> impl Iterator<Item = (&'static str, Qualifier<'_>)> {
        let [former, former_since, acting, date, year] = Qualifiers::NAMES;
        [
            self.former.then_some((former, Qualifier::Flag)),
            (self.former_since.as_deref()).map(|d| (former_since, Qualifier::Date(d))),
            self.acting.then_some((acting, Qualifier::Flag)),
            (self.date.as_deref()).map(|d| (date, Qualifier::Date(d))),
            self.year.map(|y| (year, Qualifier::Year(y))),
        ]
        .into_iter()
        .flatten()
    }

    /// Reads the value of the qualifier `name` from `map` (a record being
    /// read); `Ok(false)` if no qualifier has that name (the value is left
    /// unread).
    pub fn read<'de, M: serde::de::MapAccess<'de>>(
        &mut self,
        name: &str,
        map: &mut M,
    ) -> Result<bool, M::Error> {
        let [former, former_since, acting, date, year] = Qualifiers::NAMES;
        match name {
            n if n == former => self.former = map.next_value()?,
            n if n == former_since => self.former_since = map.next_value()?,
            n if n == acting => self.acting = map.next_value()?,
            n if n == date => self.date = map.next_value()?,
            n if n == year => self.year = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Adds the qualifiers of the same fact read again: flags join, the least
    /// date and year are kept.
    pub fn join(&mut self, other: Qualifiers) {
        self.former |= other.former;
        self.former_since = least(self.former_since.take(), other.former_since);
        self.acting |= other.acting;
        self.date = least(self.date.take(), other.date);
        self.year = least(self.year, other.year);
    }
}

/// The least of two optional values, `None` only if both are.
pub(crate) fn least<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in EntityKind::ALL {
            assert_eq!(k.as_str().parse::<EntityKind>().unwrap(), k);
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{k}\""));
        }
        for r in Relation::ALL {
            assert_eq!(r.as_str().parse::<Relation>().unwrap(), r);
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{r}\""));
        }
        assert!("people".parse::<EntityKind>().is_err());
    }

    /// `present` names every qualifier set, as serde names its field.
    #[test]
    fn qualifiers_are_named_as_their_fields() {
        let q = Qualifiers {
            former: true,
            former_since: Some("2025-01-02".into()),
            acting: true,
            date: Some("2024-05".into()),
            year: Some(2011),
        };
        let names: Vec<_> = q.present().map(|(n, _)| n).collect();
        assert_eq!(names, Qualifiers::NAMES);
        let json = serde_json::to_value(&q).unwrap();
        let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        let mut sorted = Qualifiers::NAMES.map(String::from).to_vec();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(Qualifiers::default().present().count(), 0);
    }
}
