//! People: names found by rules, not by list. A run of capitalised name words is
//! a person when a title or honorific stands before it ("Defense Secretary Pete
//! Hegseth", "Brig. Gen. Roberta Shea"), an apposition follows it ("Cho Chang-rae,
//! South Korea's deputy …", "John Noh, who performs the duties of …"), or it has the
//! shape of a Korean name or starts with a known given name. Surname-only and
//! title-only mentions resolve to the full name in the same document. Titles
//! attached to a person become offices with a `holds_office` fact.

use super::Findings;
use super::offices;
use super::tokens::Token;
use crate::document::Document;
use crate::graph::Qualifiers;
use crate::lexicon::Lexicon;
use crate::ontology::{EntityKind, Relation};
use memchr::memmem;
use rustc_hash::FxHashMap as HashMap;

const SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Whether a token can be part of a person's name.
fn name_word(t: &Token, lex: &Lexicon) -> bool {
    let s = t.text;
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || lex.is_stopword(s) {
        return false;
    }
    // Initials "J." / "J".
    if s.len() <= 2 && (s.len() == 1 || s.ends_with('.')) {
        return true;
    }
    if SUFFIXES.contains(&s) {
        return true;
    }
    if s.ends_with('.') {
        return false;
    }
    // No inner capitals except after a hyphen or apostrophe, or Mc/Mac/O'.
    let mut prev = first;
    for c in chars {
        if c.is_uppercase() && !(prev == '-' || prev == '\'') {
            return s.starts_with("Mc") || s.starts_with("Mac");
        }
        if !(c.is_alphabetic() || c == '-' || c == '\'') {
            return false;
        }
        prev = c;
    }
    true
}

fn is_initial(s: &str) -> bool {
    s.len() <= 2
        && s.chars().next().is_some_and(char::is_uppercase)
        && (s.len() == 1 || s.ends_with('.'))
}

/// The identity key of a full name: initials and suffixes dropped; Korean given
/// names folded so romanisation variants meet (Gyu-back = Kyu-back, Chang-rae = Chang Lae).
pub fn person_key(words: &[&str], lex: &Lexicon) -> String {
    let core: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !is_initial(w) && !SUFFIXES.contains(w))
        .collect();
    if core.iter().all(|w| w.is_ascii()) {
        return ascii_person_key(&core, lex);
    }
    unicode_person_key(&core, lex)
}

/// [`person_key`] of the words left of a name (initials and suffixes dropped).
fn unicode_person_key(core: &[&str], lex: &Lexicon) -> String {
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

/// [`unicode_person_key`] when the words are ASCII: lowered byte for byte into one
/// string (ASCII lowering is Unicode lowering there).
fn ascii_person_key(core: &[&str], lex: &Lexicon) -> String {
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

/// A person found with the title attached to them.
struct Attachment {
    person: usize,
    title: usize,
    sentence: usize,
}

/// Finds people and their titles.
pub fn run(doc: &Document, sentences: &[Vec<Token>], lex: &Lexicon, f: &mut Findings) {
    let partner = partner_country(f);
    let mut attachments: Vec<Attachment> = Vec::new();
    let mut surname_only: Vec<(usize, String, usize)> = Vec::new();
    // Titles by sentence, in the order found.
    let mut titles_of: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (ti, t) in f.titles.iter().enumerate() {
        if let Some(v) = titles_of.get_mut(t.sentence) {
            v.push(ti);
        }
    }
    // Honorifics as words, split once rather than at every token.
    let honorifics = lex.honorific_words();
    // Lists made for each sentence, kept between sentences.
    let mut titles: Vec<(usize, usize, usize)> = Vec::new();
    let mut covered: Vec<bool> = Vec::new();
    for (si, toks) in sentences.iter().enumerate() {
        let toks = toks.as_slice();
        // Tokens are in text order and don't overlap, so both their starts and
        // their ends are sorted and unique.
        let tok_at = |at: usize| toks.binary_search_by_key(&at, |t| t.start).ok();
        let tok_end = |at: usize| toks.binary_search_by_key(&at, |t| t.end).ok();
        // Titles of this sentence as token ranges.
        titles.clear();
        titles.extend(
            titles_of[si]
                .iter()
                .map(|&ti| (ti, &f.titles[ti]))
                .filter_map(|(ti, t)| Some((ti, tok_at(t.start)?, tok_end(t.end)? + 1))),
        );
        // Tokens covered by a lexicon mention are not name words.
        covered.clear();
        covered.extend(
            f.mentions_at(toks.iter().map(|t| t.start), None)
                .map(|m| m.is_some_and(|m| f.entities[m.entity].kind != EntityKind::Person)),
        );
        let honorific_at = |i: usize| -> Option<usize> {
            // Length in tokens of an honorific ending at token i (inclusive).
            // Word by word, which is the same as comparing the joined words: no
            // token holds a space.
            for h in honorifics {
                let n = h.len();
                if i + 1 >= n
                    && toks[i + 1 - n..=i]
                        .iter()
                        .map(|t| t.text)
                        .eq(h.iter().map(String::as_str))
                {
                    return Some(n);
                }
            }
            None
        };
        let mut i = 0;
        while i < toks.len() {
            if covered[i]
                || !name_word(&toks[i], lex)
                || is_initial(toks[i].text)
                || SUFFIXES.contains(&toks[i].text)
            {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() && j - i < 5 && !covered[j] && name_word(&toks[j], lex) {
                j += 1;
            }
            // Trailing initials are not part of the name.
            while j > i + 1 && is_initial(toks[j - 1].text) {
                j -= 1;
            }
            let words: Vec<&str> = toks[i..j].iter().map(|t| t.text).collect();
            // What stands before: a title (maybe followed by an organization and
            // honorifics, or a comma), or an honorific.
            let mut k = i;
            let mut honor = false;
            while k > 0 {
                if let Some(n) = honorific_at(k - 1) {
                    k -= n;
                    honor = true;
                } else if covered[k - 1]
                    && f.mention_at(toks[k - 1].start, Some(EntityKind::Organization))
                        .is_some()
                    && honor
                {
                    k -= 1;
                } else {
                    break;
                }
            }
            let mut title_before = titles.iter().find(|t| t.2 == k).map(|t| t.0);
            if title_before.is_none() && k >= 1 && toks[k - 1].text == "," {
                title_before = titles.iter().find(|t| t.2 == k - 1).map(|t| t.0);
            }
            if title_before.is_none()
                && k >= 2
                && toks[k - 2].text == "and"
                && toks[k - 1].text.chars().all(|c| c.is_ascii_uppercase())
            {
                title_before = titles.iter().find(|t| t.2 == k - 2).map(|t| t.0);
            }
            // What follows: ", who … <title>", ", <title>", ", senior advisor and <title>".
            let mut title_after = None;
            if toks.get(j).is_some_and(|t| t.text == ",") {
                let who = toks.get(j + 1).is_some_and(|t| t.text == "who");
                let reach = if who { 10 } else { 6 };
                for t in &titles {
                    if t.1 > j && t.1 <= j + reach {
                        let gap_ok = toks[j + 1..t.1]
                            .iter()
                            .all(|g| !g.is_capitalised() || g.text == "U.S." || g.text == "US");
                        if gap_ok {
                            title_after = Some(t.0);
                        }
                        break;
                    }
                }
            }
            let korean = words.len() >= 2
                && lex.is_korean_surname(words[0])
                && words[1..].iter().all(|w| {
                    !is_initial(w) && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
                });
            let given = words.len() >= 2 && lex.is_given_name(words[0]);
            let single = words.len() == 1;
            let person = if single {
                title_before.is_some() || honor
            } else {
                title_before.is_some() || honor || title_after.is_some() || korean || given
            };
            if !person {
                i = j;
                continue;
            }
            let (start, end) = (toks[i].start, toks[j - 1].end);
            let surface = &doc.text[start..end];
            let e = if single {
                let e = f.entity(EntityKind::Person, &format!("surname:{surface}"), surface);
                surname_only.push((e, surface.to_string(), start));
                e
            } else {
                f.entity(EntityKind::Person, &person_key(&words, lex), surface)
            };
            f.mention(doc, e, start, end);
            if honor {
                // "Brig. Gen. Roberta Shea" is also a form of her name.
                f.entities[e]
                    .aliases
                    .insert(doc.text[toks[k].start..end].to_string());
            }
            for t in [title_before, title_after].into_iter().flatten() {
                attachments.push(Attachment {
                    person: e,
                    title: t,
                    sentence: si,
                });
                if Some(t) == title_before {
                    let ts = f.titles[t].start;
                    f.entities[e].aliases.insert(doc.text[ts..end].to_string());
                }
            }
            i = j;
        }
    }
    // Surname-only mentions resolve to a full name of the document that contains the word.
    for (e, word, at) in surname_only {
        let full = f
            .mentions
            .iter()
            .filter(|m| {
                let ent = &f.entities[m.entity];
                ent.kind == EntityKind::Person
                    && !ent.key.starts_with("surname:")
                    && !ent.key.is_empty()
                    && doc.text[m.start..m.end]
                        .split([' ', '-'])
                        .any(|w| w == word)
            })
            .min_by_key(|m| {
                if m.start <= at {
                    at - m.start
                } else {
                    usize::MAX / 2 + m.start - at
                }
            })
            .map(|m| m.entity);
        if let Some(full) = full {
            f.redirect(e, full);
        }
    }
    // Bare surnames of the document's people: "Hegseth will …", "Shin's first call".
    let people: Vec<(usize, String)> = f
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person && !e.key.is_empty())
        .filter_map(|(i, e)| {
            let mut words = e
                .label
                .split(' ')
                .filter(|w| !is_initial(w) && !SUFFIXES.contains(w));
            let first = words.next()?;
            // Of two words or more, a Korean surname comes first, others last.
            let word = match words.next_back() {
                Some(last) if !lex.is_korean_surname(first) => last,
                _ => first,
            };
            Some((i, word.to_string()))
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for (_, w) in &people {
        *counts.entry(w.as_str()).or_insert(0) += 1;
    }
    for (e, word) in &people {
        if counts[word.as_str()] > 1 {
            continue; // two people share it: leave bare uses unresolved
        }
        // Non-overlapping occurrences left to right, as `match_indices` gives them.
        for at in memmem::find_iter(doc.text.as_bytes(), word.as_bytes()) {
            let end = at + word.len();
            let b = doc.text.as_bytes();
            if (at > 0 && (b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'-'))
                || (end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-'))
            {
                continue;
            }
            if f.mention_at(at, None).is_some() {
                continue;
            }
            f.mention(doc, *e, at, end);
        }
    }
    // Titles attached to people become offices.
    for a in attachments {
        if f.entities[a.person].key.is_empty() {
            continue;
        }
        let person = f.canonical(a.person);
        let t = &f.titles[a.title];
        let mut country = t.office.country.clone();
        if country.is_none() {
            let label = &f.entities[person].label;
            let first = label.split(' ').next().unwrap_or("");
            let korean = lex.is_korean_surname(first) && label.contains(' ');
            country = if korean {
                Some("South Korea".to_string())
            } else {
                offices::lexicon_country(&t.office, lex).or_else(|| {
                    if t.office.head == "president" {
                        Some("United States".to_string())
                    } else {
                        partner.clone()
                    }
                })
            };
        }
        let q = Qualifiers {
            acting: t.acting,
            former: t.former,
            ..Default::default()
        };
        let office = offices::register(doc, f, a.title, country);
        f.fact(
            Relation::HoldsOffice,
            person,
            office,
            a.sentence,
            q,
            "office.title",
        );
    }
}

/// The country other than the United States that the document mentions most.
pub fn partner_country(f: &Findings) -> Option<String> {
    let mut counts: Vec<(usize, usize, String)> = Vec::new();
    for m in &f.mentions {
        let e = &f.entities[m.entity];
        if e.kind != EntityKind::Country || e.label == "United States" {
            continue;
        }
        match counts.iter_mut().find(|c| c.2 == e.label) {
            Some(c) => c.0 += 1,
            None => counts.push((1, m.start, e.label.clone())),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|c| c.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Span};

    fn people(s: &str) -> Vec<String> {
        let lex = Lexicon::builtin().unwrap();
        let doc = Document {
            name: "t".into(),
            meta: Default::default(),
            text: s.to_string(),
            sentences: vec![Span {
                start: 0,
                end: s.len(),
            }],
        };
        let mut f = Findings::default();
        super::super::lexical::run(&doc, &lex, &mut f);
        let toks = super::super::tokens::sentence_tokens(&doc);
        let lower = super::super::ascii_lower_copy(&doc.text);
        offices::run(&doc, &toks, lower.as_deref(), &lex, &mut f);
        run(&doc, &toks, &lex, &mut f);
        let mut v: Vec<String> = f
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person && !e.key.is_empty())
            .map(|e| e.label.clone())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn found_by_rules() {
        let cases: &[(&str, &[&str])] = &[
            ("Defense Secretary Jane Roe arrived.", &["Jane Roe"]),
            ("Navy Adm. Carl Brandt will attend.", &["Carl Brandt"]),
            (
                "Park Min-ho, South Korea's vice defense minister, said so.",
                &["Park Min-ho"],
            ),
            (
                "Tom Okafor, who performs the duties of the assistant secretary of defense, spoke.",
                &["Tom Okafor"],
            ),
            ("Lee Jae Myung won.", &["Lee Jae Myung"]),
            ("Robert T. Hale Jr. will lead.", &["Robert T. Hale Jr."]),
            // Near misses: capitalised phrases that are no person.
            ("Strategic Budget Review Panel met in Seoul.", &[]),
            ("The Korea portion of the trip was cancelled.", &[]),
            ("Washington said it would respond.", &[]),
        ];
        for (s, want) in cases {
            assert_eq!(&people(s), want, "{s}");
        }
    }

    #[test]
    fn surnames_resolve_in_the_document() {
        let p = people(
            "Defense Minister Kang Ho-sung met reporters. Minister Kang said Kang would go.",
        );
        assert_eq!(p, ["Kang Ho-sung"]);
    }

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
                ascii_person_key(words, &lex),
                unicode_person_key(words, &lex),
                "{words:?}"
            );
        }
    }

    #[test]
    fn romanisation_variants_share_a_key() {
        let lex = Lexicon::builtin().unwrap();
        assert_eq!(
            person_key(&["Ahn", "Gyu-back"], &lex),
            person_key(&["Ahn", "Kyu-back"], &lex)
        );
        assert_eq!(
            person_key(&["Cho", "Chang", "Lae"], &lex),
            person_key(&["Cho", "Chang-rae"], &lex)
        );
        assert_eq!(
            person_key(&["Lloyd", "J.", "Austin", "III"], &lex),
            person_key(&["Lloyd", "Austin"], &lex)
        );
        assert_ne!(
            person_key(&["Kim", "Min-jun"], &lex),
            person_key(&["Kim", "Seo-yeon"], &lex)
        );
    }
}
