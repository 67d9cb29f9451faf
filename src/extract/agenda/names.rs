//! Agreements named by their shape: capitalised words ending in a head noun of
//! `data/agenda.toml` ("Visiting Forces Agreement", "12th Special Measures
//! Agreement", "Treaty on Comprehensive Strategic Partnership"), and the parties
//! a treaty's name states ("United States-Philippines Mutual Defense Treaty").

use super::super::Findings;
use super::super::pattern::Pattern;
use super::cues::CUES;
use crate::document::Document;
use crate::graph::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use std::sync::LazyLock;

/// A capitalised name ending in a head, or a head followed by "of/on/for" and a
/// capitalised name.
static NAME: LazyLock<Pattern> = LazyLock::new(|| {
    let heads = CUES.heads.agreement.join("|");
    let word = r"(?:[A-Z0-9][A-Za-z0-9]*(?:[.-]+[A-Za-z0-9]+)*\.?)";
    let joiner = r"(?:(?:of|on|for|and|the|to|in)\s+(?:the\s+)?)";
    Pattern::new(format!(
        r"\b(?P<name>(?:\d{{1,3}}(?:st|nd|rd|th)\s+)?(?:{word}\s+{joiner}?){{1,6}}(?:{heads})\b(?:\s+(?:on|of|for)\s+(?:the\s+)?(?:{word}\s+{joiner}?){{0,5}}{word})?|(?:{heads})\s+(?:on|of|for)\s+(?:the\s+)?(?:{word}\s+{joiner}?){{0,5}}{word})"
    ))
    .needs(&CUES.heads.agreement.iter().map(String::as_str).collect::<Vec<_>>())
});

/// Leading words that are no part of a name.
const NOT_NAME: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "Under", "During", "In", "At", "On", "For",
    "By", "With", "From", "And", "Its", "Their", "His", "Her", "Our", "Both", "Each", "After",
    "Before", "As", "Also", "Of", "To", "Signing", "Joint",
];

/// Finds agreements named by their shape, and the parties of treaties named with
/// them.
pub fn run(doc: &Document, f: &mut Findings) {
    // The group `name` is the whole match (it follows only a word boundary):
    // the matches are found without the slower search for groups.
    // Searched sentence by sentence, and only in the sentences that hold a head
    // word (one search for the words over the whole text).
    let may = NAME.may_match_in(&doc.text, None, &doc.sentences);
    let found: Vec<(usize, usize)> = doc
        .sentences
        .iter()
        .zip(may)
        .filter(|(_, may)| *may)
        .flat_map(|(sp, _)| {
            NAME.find_iter(&doc.text[sp.start..sp.end])
                .map(move |m| (sp.start + m.start(), sp.start + m.end()))
        })
        .collect();
    let mut names: Vec<(usize, usize)> = Vec::new();
    for (mut a, mut b) in found {
        // A sentence's full stop is no part of the name ("… Alliance."); an
        // abbreviation's is ("… the U.S.").
        if doc.text[a..b].ends_with('.')
            && !doc.text[a..b - 1]
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.contains('.'))
        {
            b -= 1;
        }
        // "the SMA and the Convention on …": the name starts after a known
        // agreement the match ran over.
        if let Some(end) = f
            .mentions
            .iter()
            .filter(|m| a <= m.start && m.end < b)
            .filter(|m| f.entities[m.entity].kind == EntityKind::Agreement)
            .map(|m| m.end)
            .max()
        {
            a = end;
            a += doc.text[a..b].len() - doc.text[a..b].trim_start().len();
        }
        // Leading function words and capitalised sentence openers go.
        loop {
            let s = &doc.text[a..b];
            let first = s.split_whitespace().next().unwrap_or("");
            if (NOT_NAME.contains(&first) || first.starts_with(char::is_lowercase))
                && s.len() > first.len()
            {
                a += first.len();
                a += doc.text[a..b].len() - doc.text[a..b].trim_start().len();
            } else {
                break;
            }
        }
        let name = &doc.text[a..b];
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        // A lexicon agreement here already names it; a meeting, person or
        // organization over it is another thing ("Joint Plan Committee").
        let taken = f.mentions.iter().any(|m| {
            m.start < b
                && a < m.end
                && (f.entities[m.entity].kind == EntityKind::Agreement
                    || (m.start <= a
                        && b <= m.end
                        && f.entities[m.entity].kind != EntityKind::Country))
        });
        if taken {
            continue;
        }
        names.push((a, b));
    }
    // "the Defense Vision" after (or before) "the Defense Vision of the Alliance":
    // the short name is the long one's, when the long one only adds its complement.
    let texts: Vec<&str> = names.iter().map(|&(a, b)| &doc.text[a..b]).collect();
    for (k, &(a, b)) in names.iter().enumerate() {
        let name = texts[k];
        let full = texts
            .iter()
            .filter(|t| {
                t.strip_prefix(name).is_some_and(|rest| {
                    [" of ", " on ", " for "]
                        .iter()
                        .any(|p| rest.starts_with(p))
                })
            })
            .min_by_key(|t| t.len())
            .copied()
            .unwrap_or(name);
        let key = format!("agreement:{}", super::items::content_key(full));
        let e = f.entity(EntityKind::Agreement, &key, full);
        f.mention(doc, e, a, b);
    }
    ordinals(doc, f);
    parties(doc, f);
}

/// "the 11th Special Measures Agreement": a numbered agreement is its own thing,
/// apart from the series of agreements its bare name stands for.
fn ordinals(doc: &Document, f: &mut Findings) {
    let numbered: Vec<(usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| f.entities[m.entity].kind == EntityKind::Agreement)
        .filter_map(|m| {
            let before = doc.text[..m.start].strip_suffix(' ')?;
            let word = before.rsplit(' ').next()?;
            let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &word[digits.len()..];
            (!digits.is_empty()
                && digits.len() <= 3
                && digits.bytes().all(|b| b.is_ascii_digit())
                && matches!(suffix, "st" | "nd" | "rd" | "th"))
            .then(|| (m.start - 1 - word.len(), m.end))
        })
        .collect();
    for (a, b) in numbered {
        let name = &doc.text[a..b];
        let key = format!("agreement:{}", name.to_lowercase());
        let e = f.entity(EntityKind::Agreement, &key, name);
        f.mention(doc, e, a, b);
    }
}

/// "United States-Philippines Mutual Defense Treaty": the countries joined by a
/// hyphen right before (or at the start of) an agreement's name agreed it.
fn parties(doc: &Document, f: &mut Findings) {
    let agreements: Vec<(usize, usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| f.entities[m.entity].kind == EntityKind::Agreement)
        .map(|m| (m.entity, m.start, m.end))
        .collect();
    for (e, start, end) in agreements {
        // The word before the name, when it is joined to it ("U.S.-ROK").
        let before = doc.text[..start].trim_end_matches(' ');
        let from = if before.len() < start
            && before.contains('-')
            && before
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.contains('-') && w.starts_with(|c: char| c.is_uppercase()))
        {
            before.len() - before.rsplit(' ').next().map_or(0, str::len)
        } else {
            start
        };
        // "United States-Philippines …": a country the word cuts into.
        let from = f
            .mentions
            .iter()
            .filter(|m| m.start < from && from < m.end)
            .filter(|m| f.entities[m.entity].kind == EntityKind::Country)
            .map(|m| m.start)
            .min()
            .unwrap_or(from);
        // Countries in the name's complement are not its parties: "Defense Vision
        // of the U.S.-ROK Alliance" names the alliance's.
        let head_end = [" of ", " on ", " for "]
            .iter()
            .filter_map(|p| doc.text[start..end].find(p))
            .min()
            .map_or(end, |i| start + i);
        let text = &doc.text[from..head_end];
        let si = super::super::sentence_at(doc, start);
        // "… Agreement between Australia and the United States".
        let after = &doc.text[end..];
        if let Some(rest) = after.strip_prefix(" between ") {
            let a = end + 9;
            let mut b = a + rest.find([',', '.', ';']).unwrap_or(rest.len()).min(80);
            while !doc.text.is_char_boundary(b) {
                b -= 1;
            }
            let mut between: Vec<usize> = f
                .mentions
                .iter()
                .filter(|m| m.start >= a && m.end <= b)
                .filter(|m| f.entities[m.entity].kind == EntityKind::Country)
                .map(|m| f.canonical(m.entity))
                .collect();
            between.sort_unstable();
            between.dedup();
            if between.len() >= 2 && doc.text[a..b].contains(" and ") {
                for c in between {
                    f.fact(
                        Relation::Agreed,
                        c,
                        e,
                        si,
                        Qualifiers::default(),
                        "agenda.treaty_parties",
                    );
                }
            }
        }
        // The countries in that span: two or more, each followed by a hyphen or
        // preceded by one.
        let countries: Vec<(usize, usize)> = f
            .mentions
            .iter()
            .filter(|m| m.start >= from && m.end <= head_end)
            .filter(|m| f.entities[m.entity].kind == EntityKind::Country)
            .filter(|m| doc.text[m.end..].starts_with('-') || doc.text[..m.start].ends_with('-'))
            .map(|m| (f.canonical(m.entity), m.start))
            .collect();
        let mut distinct: Vec<usize> = countries.iter().map(|c| c.0).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 2 || !text.contains('-') {
            continue;
        }
        for c in distinct {
            f.fact(
                Relation::Agreed,
                c,
                e,
                si,
                Qualifiers::default(),
                "agenda.treaty_parties",
            );
        }
    }
}
