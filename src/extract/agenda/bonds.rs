//! Alliances and partnerships named by their parties: "the Philippines-United
//! States Alliance", "the growing U.S.-India strategic partnership", "the Strategic
//! Partnership of the Philippines and Japan". Each is a topic, one per set of
//! parties and head word however the text writes it ("U.S.-ROK Alliance" =
//! "South Korea-U.S. alliance"). The words are data (`data/agenda.toml`, `bonds`
//! and `bond_words`).

use super::super::Findings;
use super::cues::CUES;
use crate::document::Document;
use crate::ontology::EntityKind;
use crate::resolve::keys;

/// Finds the alliances and partnerships the text names by their parties.
pub fn run(doc: &Document, f: &mut Findings) {
    let heads = &CUES.heads;
    if heads.bonds.is_empty() {
        return;
    }
    let mut countries: Vec<(usize, usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| f.entities[f.canonical(m.entity)].kind == EntityKind::Country)
        .map(|m| (m.start, m.end, f.canonical(m.entity)))
        .collect();
    if countries.len() < 2 {
        return;
    }
    countries.sort_unstable();
    let at = |pos: usize| countries.iter().find(|c| c.0 == pos).copied();
    let text = &doc.text;
    let mut found: Vec<(usize, usize, Vec<usize>, String)> = Vec::new();
    for &(start, end, c) in &countries {
        // "Philippines-United States Alliance": countries joined by hyphens, then
        // the head.
        if !text[..start].ends_with('-') {
            let mut parties = vec![c];
            let mut last = end;
            while text[last..].starts_with('-')
                && let Some(next) = at(last + 1)
            {
                parties.push(next.2);
                last = next.1;
            }
            if parties.len() >= 2
                && let Some((head, b)) = head_after(text, last)
            {
                // "South Korea-U.S.", read as "the South" and "Korea": one name.
                let start = countries
                    .iter()
                    .find(|x| x.2 == c && x.1 + 1 == start && text[x.1..start] == *" ")
                    .map_or(start, |x| x.0);
                // "the Philippines": the article is no part of the bond's name.
                let start = if text[start..].starts_with("the ") {
                    start + 4
                } else {
                    start
                };
                found.push((start, b, parties, head));
            }
        }
        // "Strategic Partnership of the Philippines and Japan".
        if let Some((a, head)) = head_before(text, start)
            && let Some(rest) = text[end..].strip_prefix(" and ")
        {
            let skip = if rest.starts_with("the ") { 4 } else { 0 };
            if let Some(next) = at(end + 5 + skip).or_else(|| at(end + 5)) {
                found.push((a, next.1, vec![c, next.2], head));
            }
        }
    }
    for (a, b, mut parties, head) in found {
        // A name the lexicon knows, or a longer name around this one, rules.
        let taken = f.mentions.iter().any(|m| {
            m.start < b
                && a < m.end
                && !matches!(
                    f.entities[f.canonical(m.entity)].kind,
                    EntityKind::Country | EntityKind::Place | EntityKind::Person
                )
        });
        if taken {
            continue;
        }
        parties.sort_unstable();
        parties.dedup();
        if parties.len() < 2 {
            continue;
        }
        let names: Vec<&str> = parties
            .iter()
            .map(|&p| f.entities[p].key.as_str())
            .collect();
        let key = keys::bond(names, &head);
        let label = text[a..b].to_string();
        let e = f.entity(EntityKind::Topic, &key, &label);
        f.mention(doc, e, a, b);
    }
}

/// The head word ("alliance") after the parties ending at `at`, past words of
/// `bond_words` ("strategic"); with the end of the name. None when a capitalised
/// word follows: the bond then names something larger ("… Alliance Committee").
fn head_after(text: &str, at: usize) -> Option<(String, usize)> {
    let heads = &CUES.heads;
    let mut pos = at;
    for _ in 0..4 {
        let rest = text[pos..].strip_prefix(' ')?;
        let word = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("");
        let lower = word.to_lowercase();
        let end = pos + 1 + word.len();
        if heads.bonds.contains(&lower) {
            let after = &text[end..];
            if after
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
            {
                return None;
            }
            return Some((lower, end));
        }
        if word.is_empty() || !heads.bond_words.contains(&lower) {
            return None;
        }
        pos = end;
    }
    None
}

/// The start of a capitalised head ("Strategic Partnership of the ") right before
/// a country at `at`, and the head word.
fn head_before(text: &str, at: usize) -> Option<(usize, String)> {
    let heads = &CUES.heads;
    let before = text[..at].strip_suffix("the ").unwrap_or(&text[..at]);
    let before = before
        .strip_suffix("of ")
        .or_else(|| before.strip_suffix("between "))?;
    let before = before.strip_suffix(' ')?;
    let head = before.rsplit(' ').next()?;
    let lower = head.to_lowercase();
    if !heads.bonds.contains(&lower) || !head.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let mut a = before.len() - head.len();
    // Capitalised words of `bond_words` before it ("Special Strategic").
    loop {
        let prefix = text[..a].strip_suffix(' ')?;
        let w = prefix.rsplit(' ').next().unwrap_or("");
        if !w.is_empty()
            && w.starts_with(|c: char| c.is_uppercase())
            && heads.bond_words.contains(&w.to_lowercase())
        {
            a = prefix.len() - w.len();
        } else {
            break;
        }
    }
    Some((a, lower))
}
