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
}
