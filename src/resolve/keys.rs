//! Identity keys and labels: what makes two findings one node. Extraction reads
//! the parts (the words of a name; the country, head word and domain of a title;
//! a meeting's series and number or date; a topic's words) and asks here for the
//! key they make (and [`super::labels`] the label a node is shown by); equal keys, in one document or across
//! the corpus, are one node ([`super::Part::add_document`]). The encoding of a
//! key and the reading of it back ([`surname_of`], [`full_name_of`]) are both
//! here, so that nothing else depends on how a key is spelled.

use crate::lexicon::Lexicon;
use crate::ontology::{EntityKind, OfficeKey};
use std::borrow::Cow;

/// An initial: "J." or "J".
pub fn is_initial(s: &str) -> bool {
    s.len() <= 2
        && s.chars().next().is_some_and(char::is_uppercase)
        && (s.len() == 1 || s.ends_with('.'))
}

/// The identity key of a full name, from its words as written: initials and
/// suffixes dropped; the given name's usual form ("Joe" = "Joseph"); Korean given
/// names folded so romanisation variants meet (Gyu-back = Kyu-back, Chang-rae =
/// Chang Lae). `person:joe biden`, `person:yoon|sukyeol`.
pub fn person(words: &[&str], lex: &Lexicon) -> String {
    let mut core: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !is_initial(w) && !lex.is_suffix(w))
        .collect();
    // "Joe" = "Joseph"; "Llyod" = "Lloyd".
    if core.len() >= 2 && !lex.is_korean_surname(core[0]) {
        core[0] = lex.given_form(core[0]);
    }
    if core.iter().all(|w| w.is_ascii()) {
        return ascii_person(&core, lex);
    }
    unicode_person(&core, lex)
}

/// [`person`] of the words left of a name (initials and suffixes dropped).
fn unicode_person(core: &[&str], lex: &Lexicon) -> String {
    if core.len() >= 2 && lex.is_korean_surname(core[0]) {
        let given: String = core[1..].concat().to_lowercase();
        let folded: String = given
            .chars()
            .filter(|c| c.is_alphabetic())
            .map(|c| match c {
                'g' => 'k',
                'r' => 'l',
                'b' => 'p',
                'd' => 't',
                c => c,
            })
            .collect();
        return format!("person:{}|{}", core[0].to_lowercase(), folded);
    }
    format!("person:{}", core.join(" ").to_lowercase())
}

/// [`unicode_person`] when the words are ASCII: lowered byte for byte into one
/// string (ASCII lowering is Unicode lowering there).
fn ascii_person(core: &[&str], lex: &Lexicon) -> String {
    let mut key = String::with_capacity(7 + core.iter().map(|w| w.len() + 1).sum::<usize>());
    key.push_str("person:");
    let lower = |key: &mut String, w: &str| {
        key.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    };
    if core.len() >= 2 && lex.is_korean_surname(core[0]) {
        lower(&mut key, core[0]);
        key.push('|');
        for w in &core[1..] {
            key.extend(w.bytes().filter(u8::is_ascii_alphabetic).map(|b| {
                match b.to_ascii_lowercase() {
                    b'g' => 'k',
                    b'r' => 'l',
                    b'b' => 'p',
                    b'd' => 't',
                    c => char::from(c),
                }
            }));
        }
        return key;
    }
    for (n, w) in core.iter().enumerate() {
        if n > 0 {
            key.push(' ');
        }
        lower(&mut key, w);
    }
    key
}

/// The key of a person named by a surname alone ("Hegseth said"): a node of its
/// own until a full name claims it, in the document or across the corpus
/// ([`super::join_surnames`]).
pub fn surname(word: &str) -> String {
    ["surname:", word].concat()
}

/// The surname of a [`surname`] key, as written.
pub fn surname_of(key: &str) -> Option<&str> {
    key.strip_prefix("surname:")
}

/// Whether `key` is a [`surname`] key.
pub fn is_surname(key: &str) -> bool {
    surname_of(key).is_some()
}

/// The words of a full name's [`person`] key a surname can be: the first of a
/// Korean name, the first and the last of another of two words or more (once
/// each). `None` for other keys, and for a name of one word.
pub fn full_name_of(key: &str) -> Option<Vec<&str>> {
    let name = key.strip_prefix("person:")?;
    let mut words: Vec<&str> = match name.split_once('|') {
        Some((surname, _)) => vec![surname],
        None => {
            let w: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
            if w.len() < 2 {
                return None;
            }
            vec![w[0], w[w.len() - 1]]
        }
    };
    words.dedup();
    Some(words)
}

/// A post's parts completed from the lexicon once its country is known: a
/// country's post that implies its portfolio (`implied_portfolios`: the U.S.
/// under secretary of defense is the one for policy) takes it, so that both
/// writings are one office.
pub fn imply_portfolio(key: &mut OfficeKey, lex: &Lexicon) {
    if key.portfolio.is_empty()
        && key.body.is_none()
        && let Some(country) = &key.country
    {
        let short = format!(
            "{country}|{}|{}|{}",
            key.mods.join(" "),
            key.head,
            key.domain
        );
        if let Some(p) = lex.titles.implied_portfolios.get(&short) {
            key.portfolio = p.clone();
        }
    }
}

/// The identity key of an office, from its parts:
/// `office:<country>|<mods>|<head>|<domain>|<portfolio>[|<body>]`.
pub fn office(key: &OfficeKey) -> String {
    let country = key.country.as_deref().unwrap_or("?");
    let mut out = String::with_capacity(
        12 + country.len()
            + key.mods.iter().map(|m| m.len() + 1).sum::<usize>()
            + key.head.len()
            + key.domain.len()
            + key.portfolio.len(),
    );
    out.push_str("office:");
    out.push_str(country);
    out.push('|');
    for (k, m) in key.mods.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(m);
    }
    out.push('|');
    out.push_str(&key.head);
    out.push('|');
    out.push_str(&key.domain);
    out.push('|');
    out.push_str(&key.portfolio);
    if let Some(b) = &key.body {
        out.push('|');
        out.push_str(b);
    }
    out
}

/// The country field of an [`office`] key (`?` when the office's country is
/// unknown); `None` for other keys.
pub fn office_country_of(key: &str) -> Option<&str> {
    key.strip_prefix("office:")?.split('|').next()
}

/// The key of a recurring meeting (a series) by its name: lower case, dots left
/// out ("U.S.-Japan" = "US-Japan"). `meeting:kidd`.
pub fn series(name: &str) -> String {
    ["meeting:", &name.to_lowercase().replace('.', "")].concat()
}

/// The `num`th gathering of the series keyed `series` ("the 14th KIDD"):
/// `meeting:<series key>#<num>`.
pub fn ordinal(series: &str, num: &str) -> String {
    ["meeting:", series, "#", num].concat()
}

/// The gathering of the series keyed `series` held on the days `date` (ISO 8601,
/// a day or an interval): `meeting:<series key>@<date>`.
pub fn dated(series: &str, date: &str) -> String {
    ["meeting:", series, "@", date].concat()
}

/// The gathering of the series keyed `series` a document reports without a date
/// it makes absolute: one per document, `meeting:<series key>@doc:<document>`.
pub fn undated(series: &str, doc: &str) -> String {
    ["meeting:", series, "@doc:", doc].concat()
}

/// The next gathering of the series keyed `series` after the event keyed `event`,
/// when the text gives it no date ("the next round"):
/// `meeting:<series key>@after:<event key>`.
pub fn next_after(series: &str, event: &str) -> String {
    ["meeting:", series, "@after:", event].concat()
}

/// A meeting of a grouping's members (series keyed `series`) held on the days
/// `date`: `<series key>@<date>`. (Unlike [`dated`], with no second `meeting:`:
/// keys already written keep their spelling.)
pub fn members_dated(series: &str, date: &str) -> String {
    [series, "@", date].concat()
}

/// A meeting of a grouping's members (series keyed `series`) a document places
/// but does not date: `<series key>@doc:<document>:<place, lower case>`.
pub fn members_at(series: &str, doc: &str, place: &str) -> String {
    [series, "@doc:", doc, ":", place].concat()
}

/// A meeting named only in one document ("the NATO Defence Ministers meeting"):
/// `meeting:<document>:<name, lower case>`.
pub fn in_document(doc: &str, name: &str) -> String {
    ["meeting:", doc, ":", &name.to_lowercase()].concat()
}

/// Talks that begin at byte `at` of a document ("talks with …"): a meeting of
/// that text alone, `meeting:talks:<document>:<at>`.
pub fn talks(doc: &str, at: usize) -> String {
    format!("meeting:talks:{doc}:{at}")
}

/// Whether `key` is a [`talks`] key.
pub fn is_talks(key: &str) -> bool {
    key.starts_with("meeting:talks:")
}

/// A summit by name ("the NATO summit", "the Vilnius summit"):
/// `meeting:summit:<name, lower case>`.
pub fn summit(name: &str) -> String {
    ["meeting:summit:", &name.to_lowercase()].concat()
}

/// A summit one document names by its date or its words alone:
/// `meeting:summit:<document>:<label, lower case>`.
pub fn summit_in(doc: &str, label: &str) -> String {
    ["meeting:summit:", doc, ":", &label.to_lowercase()].concat()
}

/// Whether `key` is a [`summit`] or [`summit_in`] key.
pub fn is_summit(key: &str) -> bool {
    key.starts_with("meeting:summit:")
}

/// Whether `key` is a [`summit`] key or one made from it (a dated gathering of a
/// summit).
pub fn of_summit(key: &str) -> bool {
    key.contains(":summit:")
}

/// A session of a larger meeting ("at the defense working group meeting"):
/// `meeting:session:<name, lower case>`.
pub fn session(name: &str) -> String {
    format!("meeting:session:{}", name.to_lowercase())
}

/// Whether `key` is a [`session`] key.
pub fn is_session(key: &str) -> bool {
    key.starts_with("meeting:session:")
}

/// Whether `key` is a [`session`] key or one made from it.
pub fn of_session(key: &str) -> bool {
    key.contains("session:")
}

/// A topic's identity: its content words, in any order, possessives and demonyms
/// folded ("North Korea's evolving threats" = "evolving North Korean threats").
pub fn topic(label: &str) -> String {
    format!("topic:{}", content_words(label))
}

/// A topic named by its parties and a head word ("the Korea-U.S. alliance"):
/// `topic:<the parties' keys, sorted> <head>`.
pub fn bond(mut parties: Vec<&str>, head: &str) -> String {
    parties.sort_unstable();
    format!("topic:{} {head}", parties.join(" "))
}

/// An agreement's identity, as a topic's ([`topic`]): its content words.
pub fn agreement(label: &str) -> String {
    format!("agreement:{}", content_words(label))
}

/// An agreement known by its exact name ("Resolution 2397"):
/// `agreement:<name, lower case>`.
pub fn agreement_named(name: &str) -> String {
    format!("agreement:{}", name.to_lowercase())
}

/// A place found by its shape ("Camp Humphreys"): `place:<name as written>`.
pub fn place(name: &str) -> String {
    format!("place:{name}")
}

/// A name a document defines with its acronym ("the Coastal Security Dialogue
/// (CSD)"), of the kind its head word gives: `<kind>:<name, lower case>`.
pub fn defined(kind: EntityKind, name: &str) -> String {
    format!("{kind}:{}", name.to_lowercase())
}

/// The content words of a label, sorted.
pub fn content_words(label: &str) -> String {
    const STOP: &[&str] = &[
        "the", "of", "a", "an", "and", "on", "in", "to", "for", "with", "its", "their",
    ];
    // (Speed) A word already in lower case is not copied.
    let mut words: Vec<Cow<str>> = label
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| {
            let w = w
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches(['\'', '’']);
            if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
        .map(|w| match w.strip_suffix("ean") {
            Some(s) => Cow::Owned(format!("{s}ea")),
            None => w,
        })
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_ref()))
        .collect();
    words.sort();
    words.dedup();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_keys_are_the_unicode_ones() {
        let lex = Lexicon::builtin().unwrap();
        let names: &[&[&str]] = &[
            &["Ahn", "Gyu-back"],
            &["Cho", "Chang", "Lae"],
            &["Lloyd", "Austin"],
            &["Pete", "Hegseth"],
            &["Kim", "Min-jun"],
            &["O'Brien"],
            &["McDonald", "Roe-Smith", "Jr"],
        ];
        for words in names {
            assert_eq!(
                ascii_person(words, &lex),
                unicode_person(words, &lex),
                "{words:?}"
            );
        }
    }

    #[test]
    fn romanisation_variants_share_a_key() {
        let lex = Lexicon::builtin().unwrap();
        assert_eq!(
            person(&["Ahn", "Gyu-back"], &lex),
            person(&["Ahn", "Kyu-back"], &lex)
        );
        assert_eq!(
            person(&["Cho", "Chang", "Lae"], &lex),
            person(&["Cho", "Chang-rae"], &lex)
        );
        assert_eq!(
            person(&["Lloyd", "J.", "Austin", "III"], &lex),
            person(&["Lloyd", "Austin"], &lex)
        );
        assert_ne!(
            person(&["Kim", "Min-jun"], &lex),
            person(&["Kim", "Seo-yeon"], &lex)
        );
    }

    /// A key read back gives the words it was made of.
    #[test]
    fn surnames_read_back_from_keys() {
        let lex = Lexicon::builtin().unwrap();
        assert_eq!(surname_of(&surname("Quillon")), Some("Quillon"));
        assert!(!is_surname(&person(&["Marta", "Quillon"], &lex)));
        let full = person(&["Marta", "Quillon"], &lex);
        assert_eq!(full_name_of(&full), Some(vec!["marta", "quillon"]));
        let korean = person(&["Baek", "Jin-soo"], &lex);
        assert_eq!(full_name_of(&korean), Some(vec!["baek"]));
        assert_eq!(full_name_of(&person(&["Madonna"], &lex)), None);
        assert_eq!(full_name_of(&surname("Quillon")), None);
    }

    /// An office's key from its parts.
    #[test]
    fn office_keys_and_labels() {
        let key = OfficeKey {
            country: Some("United States".into()),
            mods: vec!["assistant".into(), "deputy".into()],
            head: "secretary".into(),
            domain: "defense".into(),
            portfolio: "east asia".into(),
            ..OfficeKey::default()
        };
        assert_eq!(
            office(&key),
            "office:United States|assistant deputy|secretary|defense|east asia"
        );
        let body = OfficeKey {
            head: "commander".into(),
            body: Some("U.S. Forces Korea".into()),
            ..OfficeKey::default()
        };
        assert_eq!(office(&body), "office:?||commander|||U.S. Forces Korea");
        assert_eq!(office_country_of(&office(&key)), Some("United States"));
        assert_eq!(office_country_of(&office(&body)), Some("?"));
        assert_eq!(office_country_of("person:x"), None);
    }

    /// Meeting keys from their parts: a gathering's key holds its series' key.
    #[test]
    fn meeting_keys() {
        let kidd = series("K.-U.S. Defense Dialogue");
        assert_eq!(kidd, "meeting:k-us defense dialogue");
        assert_eq!(
            ordinal(&kidd, "14"),
            "meeting:meeting:k-us defense dialogue#14"
        );
        let may = dated(&kidd, "2025-05-05/2025-05-11");
        assert!(may.ends_with("@2025-05-05/2025-05-11") && may.contains(&kidd));
        assert_ne!(undated(&kidd, "a.txt"), undated(&kidd, "b.txt"));
        assert!(is_talks(&talks("a.txt", 120)) && !is_summit(&talks("a.txt", 120)));
        assert!(is_summit(&summit("NATO")) && is_summit(&summit_in("a.txt", "June 2025 summit")));
        assert!(of_summit(&dated(&summit("NATO"), "2025-06-24")));
        assert!(is_session(&session("plenary session")));
    }

    /// Topics and agreements are their content words.
    #[test]
    fn topics_are_their_content_words() {
        assert_eq!(
            topic("North Korea's evolving threats"),
            topic("evolving North Korean threats")
        );
        assert_ne!(topic("the alliance"), agreement("the alliance"));
        assert_eq!(
            bond(vec!["country:b", "country:a"], "alliance"),
            "topic:country:a country:b alliance"
        );
        assert_eq!(
            defined(EntityKind::Meeting, "Coastal Dialogue"),
            "meeting:coastal dialogue"
        );
    }
}
