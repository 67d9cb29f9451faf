//! Agreements named by their shape: capitalised words ending in a head noun of
//! `data/agenda.toml` ("Visiting Forces Agreement", "12th Special Measures
//! Agreement", "Treaty on Comprehensive Strategic Partnership"), and the parties
//! a treaty's name states ("United States-Philippines Mutual Defense Treaty").

use super::super::Findings;
use super::super::pattern::Pattern;
use super::cues::CUES;
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use crate::resolve::keys;
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
pub fn run(doc: &Document, lex: &Lexicon, f: &mut Findings) {
    // The group `name` is the whole match (it follows only a word boundary):
    // the matches are found without the slower search for groups.
    // Searched sentence by sentence, and only in the sentences that hold a head
    // word (one search for the words over the whole text).
    let found = NAME.find_in_spans(&doc.text, &doc.sentences);
    let mut names: Vec<(usize, usize)> = Vec::new();
    for (_, mut a, mut b) in found {
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
        // "U.S-ROK …": an abbreviation that lost its last dot is the lexicon's name.
        let e = match lex
            .lookup(EntityKind::Agreement, name)
            .or_else(|| lex.lookup(EntityKind::Agreement, &LOST_DOT.replace_all(name, "$1.-")))
        {
            Some(l) => f.lex_entity(lex, l),
            None => {
                let key = keys::agreement(full);
                f.entity(EntityKind::Agreement, &key, full)
            }
        };
        f.mention(doc, e, a, b);
    }
    lower_case(doc, f);
    agreed_at(doc, f);
    ordinals(doc, f);
    shortened(doc, f);
    parties(doc, lex, f);
}

/// The adjective of the two Koreas together.
const INTER: &str = "inter-Korean";

/// "U.S-ROK": two initials, the second without its dot, before a hyphen.
static LOST_DOT: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\b([A-Z]\.[A-Z])-").expect("constant regex"));

/// Agreements named in lower case: a noun of agreements after modifiers that say
/// what kind ("the 1960 bilateral security treaty", "a military information-sharing
/// deal", "the last one-year agreement"); a bare "the agreement" names nothing.
static LOWER: LazyLock<Pattern> =
    LazyLock::new(|| {
        let nouns = CUES.heads.deal_nouns.join("|");
        Pattern::new(format!(
        r"\b(?P<name>(?:(?:1[89]|20)\d\d\s+)?(?:[a-z][a-z]*(?:-[a-z]+)*\s+){{1,4}}(?:{nouns}))\b"
    ))
    .needs(&CUES.heads.deal_nouns.iter().map(String::as_str).collect::<Vec<_>>())
    });

fn lower_case(doc: &Document, f: &mut Findings) {
    let heads = &CUES.heads;
    for (_, a, b) in LOWER.find_in_spans(&doc.text, &doc.sentences) {
        // Only the modifiers right before the noun: each a kind word or hyphenated.
        let words: Vec<&str> = doc.text[a..b].split_whitespace().collect();
        let Some((_, mods)) = words.split_last() else {
            continue;
        };
        let kind_word = |w: &str| w.contains('-') || heads.deal_modifiers.iter().any(|m| m == w);
        let kept = mods.iter().rev().take_while(|w| kind_word(w)).count();
        if kept == 0 {
            continue;
        }
        let year = mods
            .len()
            .checked_sub(kept + 1)
            .filter(|&i| mods[i].len() == 4 && mods[i].bytes().all(|c| c.is_ascii_digit()));
        let first = year.unwrap_or(mods.len() - kept);
        let skip: usize = words[..first].iter().map(|w| w.len() + 1).sum();
        let start = a + skip;
        // A name found already (the lexicon's "cost-sharing deal") stays.
        if f.mentions.iter().any(|m| m.start < b && start < m.end) {
            continue;
        }
        let name = &doc.text[start..b];
        let key = keys::agreement(name);
        let e = f.entity(EntityKind::Agreement, &key, name);
        f.mention(doc, e, start, b);
    }
}

/// "agreed to at the summit", "agreed upon during the talks": what comes before
/// was agreed there.
static AGREED_AT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\bagreed(?:\s+(?:to|upon))?\s+(?:at|during)\s").needs(&["agreed"])
});

/// Words that open the noun phrase before "agreed to at".
const NP_STOP: &[&str] = &[
    "the", "a", "an", "their", "its", "our", "his", "her", "this", "these", "those", "that",
];

/// Nouns of carrying out that are no part of what was agreed ("implementation of").
const CARRYING_OUT: &[&str] = &["implementation", "progress", "execution", "review"];

/// "the implementation of trilateral lines of effort agreed to at the summit": the
/// noun phrase before the participle names an agreement ("trilateral lines of
/// effort"), unless an agreement is named there already or the participle follows
/// "as" ("progress, as agreed to at the summit").
fn agreed_at(doc: &Document, f: &mut Findings) {
    for (sent_start, at, _) in AGREED_AT.find_in_spans(&doc.text, &doc.sentences) {
        let before = doc.text[sent_start..at].trim_end();
        let end = sent_start + before.len();
        if before.ends_with(',') || before.ends_with(" as") {
            continue;
        }
        // Back to a determiner, a comma or the sentence start.
        let mut start = end;
        for w in before.rsplit(' ') {
            if w.is_empty() || w.ends_with(',') || NP_STOP.contains(&w.to_lowercase().as_str()) {
                break;
            }
            start = start.saturating_sub(w.len() + 1);
        }
        let start = start.max(sent_start);
        let mut name = doc.text[start..end].trim_start();
        let mut a = end - name.len();
        let first = name.split(' ').next().unwrap_or("");
        if CARRYING_OUT.contains(&first.to_lowercase().as_str())
            && let Some(rest) = name[first.len()..]
                .strip_prefix(" of ")
                .or_else(|| name[first.len()..].strip_prefix(" in "))
                .or_else(|| name[first.len()..].strip_prefix(" on "))
        {
            a += name.len() - rest.len();
            name = rest;
        }
        let words = name.split_whitespace().count();
        if !(2..=8).contains(&words)
            || name
                .split_whitespace()
                .any(|w| super::items::CLAUSE_VERBS.contains(&w.to_lowercase().as_str()))
            || f.mentions.iter().any(|m| {
                m.start < end && a < m.end && f.entities[m.entity].kind != EntityKind::Topic
            })
        {
            continue;
        }
        let key = keys::agreement(name);
        let e = f.entity(EntityKind::Agreement, &key, name);
        f.mention(doc, e, a, end);
    }
}

/// A name that ends a longer agreement's name in the same text ("the Special
/// Measures Agreement" after "the 12th Special Measures Agreement", "the Mutual
/// Defense Treaty" after "the 1951 United States-Philippines Mutual Defense Treaty")
/// or starts it ("the Defense Vision" of "the Defense Vision of the Alliance") is
/// that agreement, when only one is longer.
fn shortened(doc: &Document, f: &mut Findings) {
    let heads = &CUES.heads.agreement;
    let forms: Vec<(usize, String)> = f
        .mentions
        .iter()
        .filter(|m| f.entities[m.entity].kind == EntityKind::Agreement)
        .map(|m| {
            (
                f.canonical(m.entity),
                doc.text[m.start..m.end].to_lowercase(),
            )
        })
        .collect();
    let mut moves = Vec::new();
    for (e, short) in &forms {
        let last = short.rsplit(' ').next().unwrap_or("");
        if !short.contains(' ') || !heads.iter().any(|h| h.eq_ignore_ascii_case(last)) {
            continue;
        }
        let mut longer: Vec<usize> = forms
            .iter()
            .filter(|(o, long)| {
                o != e
                    && long.len() > short.len()
                    && (long.ends_with(&format!(" {short}"))
                        || long.starts_with(&format!("{short} ")))
            })
            .map(|(o, _)| *o)
            .collect();
        longer.sort_unstable();
        longer.dedup();
        if let [to] = longer[..] {
            moves.push((*e, to));
        }
    }
    moves.sort_unstable();
    moves.dedup();
    for (from, to) in moves {
        let (from, to) = (f.canonical(from), f.canonical(to));
        // Only one way: a name that is itself shortened further is left alone.
        // A lexicon agreement keeps its identity across texts.
        if from != to && f.entities[from].folded_into.is_none() && f.entities[from].lex.is_none() {
            f.redirect(from, to);
        }
    }
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
        let key = keys::agreement_named(name);
        let e = f.entity(EntityKind::Agreement, &key, name);
        f.mention(doc, e, a, b);
    }
}

/// "United States-Philippines Mutual Defense Treaty": the countries joined by a
/// hyphen right before (or at the start of) an agreement's name agreed it.
fn parties(doc: &Document, lex: &Lexicon, f: &mut Findings) {
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
            && before.rsplit(' ').next().is_some_and(|w| {
                w.contains('-')
                    && (w.starts_with(|c: char| c.is_uppercase()) || w.eq_ignore_ascii_case(INTER))
            }) {
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
        // The parts of the hyphenated word the lexicon knows as countries ("U.S-ROK"
        // with a lost dot); "inter-Korean" names both Koreas.
        let word = text.split(' ').next().unwrap_or("");
        let named: Vec<String> = if word.eq_ignore_ascii_case(INTER) {
            vec!["South Korea".into(), "North Korea".into()]
        } else if word.contains('-') && word.starts_with(|c: char| c.is_uppercase()) {
            word.split('-').map(str::to_string).collect()
        } else {
            Vec::new()
        };
        for part in &named {
            if let Some(l) = lex
                .lookup(EntityKind::Country, part)
                .or_else(|| lex.lookup(EntityKind::Country, &format!("{part}.")))
            {
                let c = f.lex_entity(lex, l);
                distinct.push(f.canonical(c));
            }
        }
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
