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
use crate::lexicon::Lexicon;
use crate::ontology::{EntityKind, OfficeKey, Qualifiers, Relation};
use crate::resolve::keys::{self, is_initial};
use memchr::memmem;
use rustc_hash::FxHashMap as HashMap;

/// Whether a token can be part of a person's name.
fn name_word(t: &Token, lex: &Lexicon) -> bool {
    let s = t.text;
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || lex.is_stopword(s) || lex.is_honorific_word(s) {
        return false;
    }
    // Initials "J." / "J".
    if s.len() <= 2 && (s.len() == 1 || s.ends_with('.')) {
        return true;
    }
    if lex.is_suffix(s) {
        return true;
    }
    if s.ends_with('.') {
        return false;
    }
    // No inner capitals except after a hyphen or apostrophe, or a surname
    // particle (McDonald, LaCamera).
    let mut prev = first;
    for (at, c) in chars.enumerate() {
        if c.is_uppercase() && !(prev == '-' || prev == '\'') {
            let head = &s[..s.char_indices().nth(at + 1).map_or(s.len(), |x| x.0)];
            return lex.names.surname_particles.iter().any(|p| p == head);
        }
        if !(c.is_alphabetic() || c == '-' || c == '\'') {
            return false;
        }
        prev = c;
    }
    true
}

/// Whether mention `m` is there and of no person.
fn not_person(f: &Findings, m: Option<super::Mention>) -> bool {
    m.is_some_and(|m| f.entities[m.entity].kind != EntityKind::Person)
}

/// A person found with the title attached to them.
struct Attachment {
    person: usize,
    title: usize,
    sentence: usize,
    /// The rule that read it.
    rule: &'static str,
}

/// Finds people and their titles.
pub fn run(doc: &Document, sentences: &[Vec<Token>], lex: &Lexicon, f: &mut Findings) {
    let partner = partner_country(f, lex.names.home_country.as_ref());
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
        // (Speed) Only a capitalised token can be a name word, so only those are
        // looked up here (the others stay false but where a title covers them);
        // `covered_at` answers for any token.
        covered.clear();
        covered.resize(toks.len(), false);
        let caps = toks.iter().enumerate().filter(|(_, t)| t.is_capitalised());
        let found = f.mentions_at(caps.clone().map(|(_, t)| t.start), None);
        for ((i, _), m) in caps.zip(found) {
            covered[i] = not_person(f, m);
        }
        // So are the words of a title ("Commander Jane Roe").
        for t in &titles {
            for c in &mut covered[t.1..t.2.min(toks.len())] {
                *c = true;
            }
        }
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
        let mut pos = 0;
        while pos < toks.len() {
            let i = pos;
            // (Speed) A word with an ASCII first byte that is no capital can
            // neither start a name nor be a surname in capitals.
            if toks[i]
                .text
                .as_bytes()
                .first()
                .is_none_or(|&b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                pos += 1;
                continue;
            }
            // A surname in capitals before a given name, as some governments
            // write names: "TANAKA Hiroshi".
            let caps_surname = !covered[i]
                && toks[i].text.len() >= 3
                && toks[i].text.chars().all(|c| c.is_ascii_uppercase())
                && !lex.is_stopword(toks[i].text)
                && lex.lookup(EntityKind::Country, toks[i].text).is_none()
                && toks
                    .get(i + 1)
                    .is_some_and(|t| lex.is_given_name(t.text) && name_word(t, lex))
                && covered.get(i + 1) == Some(&false);
            if !caps_surname
                && (covered[i]
                    || !name_word(&toks[i], lex)
                    || is_initial(toks[i].text)
                    || lex.is_suffix(toks[i].text))
            {
                pos += 1;
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
            // A leading initial is: "S Jaishankar", "J. Doe".
            let i = if i > 0
                && !covered[i - 1]
                && is_initial(toks[i - 1].text)
                && name_word(&toks[i - 1], lex)
            {
                i - 1
            } else {
                i
            };
            let words: Vec<&str> = toks[i..j].iter().map(|t| t.text).collect();
            // What stands before: a title (maybe followed by an organization and
            // honorifics, or a comma), or an honorific.
            let mut k = i;
            let mut honor = false;
            while k > 0 {
                // "Secretary General Jane Roe": the title's last word is no honorific.
                let in_title = titles.iter().any(|t| t.1 < k && k <= t.2);
                if let Some(n) = honorific_at(k - 1).filter(|_| !in_title) {
                    k -= n;
                    honor = true;
                } else if (covered[k - 1]
                    || (!toks[k - 1].is_capitalised()
                        && not_person(f, f.mention_at(toks[k - 1].start, None))))
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
            let mut also_after = Vec::new();
            // "Jane Roe MP, ...": a post-nominal of capitals is skipped.
            let mut j2 = j;
            if toks.get(j2).is_some_and(|t| {
                t.text.len() >= 2 && t.text.chars().all(|c| c.is_ascii_uppercase())
            }) && toks.get(j2 + 1).is_some_and(|t| t.text == ",")
            {
                j2 += 1;
            }
            // Not after a title before the name, nor across "and": "the U.S.
            // chairman, General A, and the ROK chairman, General B".
            if title_before.is_none()
                && toks.get(j2).is_some_and(|t| t.text == ",")
                && toks.get(j2 + 1).is_some_and(|t| t.text != "and")
            {
                let j = j2;
                let who = toks.get(j + 1).is_some_and(|t| t.text == "who");
                let reach = if who { 10 } else { 6 };
                for (n, t) in titles.iter().enumerate() {
                    if t.1 > j && t.1 <= j + reach {
                        // A title that a name follows is that name's, not this one's.
                        let gap_ok = toks[j + 1..t.1]
                            .iter()
                            .all(|g| !g.is_capitalised() || g.text == "U.S." || g.text == "US")
                            && !toks.get(t.2).is_some_and(|n| {
                                name_word(n, lex) && !covered[t.2] && !lex.is_suffix(n.text)
                            });
                        if gap_ok {
                            title_after = Some(t.0);
                            // "..., Deputy Prime Minister and Minister for Defence";
                            // one title read as the office of several bodies.
                            let mut end = t.2;
                            for u in &titles[n + 1..] {
                                if u.1 == t.1 && u.2 == t.2 {
                                    also_after.push(u.0);
                                } else if u.1 == end + 1 && toks[end].text == "and" {
                                    also_after.push(u.0);
                                    end = u.2;
                                } else {
                                    break;
                                }
                            }
                        }
                        break;
                    }
                }
            }
            // "Jane Roe took office as the new commander of ...": a title after "as"
            // across a verb phrase of lower-case words.
            let mut as_title = false;
            if title_before.is_none() && title_after.is_none() {
                for t in &titles {
                    let Some(a) = (j..t.1).rev().find(|&x| toks[x].text == "as") else {
                        continue;
                    };
                    let after_as = toks[a + 1..t.1]
                        .iter()
                        .all(|g| matches!(g.text, "the" | "its" | "their"));
                    if t.1 > j
                        && t.1 <= j + 8
                        && after_as
                        && toks[j..a]
                            .iter()
                            .all(|g| g.is_word() && !g.is_capitalised())
                    {
                        title_after = Some(t.0);
                        as_title = true;
                        break;
                    }
                }
            }
            let korean = words.len() >= 2
                && lex.is_korean_surname(words[0])
                && words[1..].iter().all(|w| {
                    !is_initial(w) && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
                });
            // "Lincoln Memorial", "Madison Square" are things, not people.
            let given = words.len() >= 2
                && lex.is_given_name(words[0])
                && words.last().is_none_or(|w| !lex.is_thing_head(w));
            // "... and his U.S. counterpart(,) Jane Roe": the same post in that country.
            let cp = {
                let c = if k >= 1 && toks[k - 1].text == "," {
                    k - 1
                } else {
                    k
                };
                (c >= 2 && toks[c - 1].text.eq_ignore_ascii_case("counterpart"))
                    .then(|| {
                        f.mention_at(toks[c - 2].start, Some(EntityKind::Country))
                            .filter(|m| m.end == toks[c - 2].end)
                            .map(|m| (f.entities[m.entity].label.clone(), c - 2, c))
                    })
                    .flatten()
            };
            let single = words.len() == 1;
            let person = if single {
                title_before.is_some() || honor
            } else {
                title_before.is_some()
                    || honor
                    || title_after.is_some()
                    || korean
                    || given
                    || cp.is_some()
            };
            if !person {
                pos = j;
                continue;
            }
            let (start, end) = (toks[i].start, toks[j - 1].end);
            let surface = &doc.text[start..end];
            let e = if single {
                let e = f.entity(EntityKind::Person, &keys::surname(surface), surface);
                surname_only.push((e, surface.to_string(), start));
                e
            } else {
                f.entity(EntityKind::Person, &keys::person(&words, lex), surface)
            };
            f.mention(doc, e, start, end);
            if honor {
                // "Brig. Gen. Roberta Shea" is also a form of her name.
                f.entities[e]
                    .aliases
                    .insert(doc.text[toks[k].start..end].to_string());
            }
            // "Jane Roe's presidency": she holds the title the term names.
            let mut term = None;
            if toks.get(j).is_some_and(|t| t.text == "'s")
                && let Some(w) = toks.get(j + 1)
                && let Some(title) = lex.titles.terms.get(&w.text.to_lowercase())
            {
                let mut key = offices::parse_title(title, lex);
                key.head = title
                    .to_lowercase()
                    .rsplit(' ')
                    .next()
                    .unwrap_or("")
                    .to_string();
                term = Some(f.title(doc, w.start, w.end, si, key));
            }
            let mut counterpart = None;
            if let Some((country, cs, ce)) = cp
                && title_before.is_none()
                && let Some(r) = attachments.iter().rev().find(|a| a.sentence == si)
            {
                let mut key = f.titles[r.title].office.clone();
                if key.country.as_ref() != Some(&country) {
                    key.country = Some(country.clone());
                    key.body = None;
                    key.org = None;
                    key.member = false;
                    // That country's own title for the post: its secretary of defense.
                    if let Some(h) = offices::own_head(&key, lex) {
                        key.head = h;
                    }
                    let (start, end) = (toks[cs].start, toks[ce - 1].end);
                    counterpart = Some(f.title(doc, start, end, si, key));
                }
            }
            let after_rule = if as_title {
                "office.as_title"
            } else {
                "office.apposition"
            };
            for (t, rule) in [
                (title_before, "office.title"),
                (title_after, after_rule),
                (counterpart, "office.counterpart"),
                (term, "office.term"),
            ]
            .into_iter()
            .filter_map(|(t, r)| Some((t?, r)))
            .chain(also_after.into_iter().map(|t| (t, "office.apposition")))
            {
                attachments.push(Attachment {
                    person: e,
                    title: t,
                    sentence: si,
                    rule,
                });
                if Some(t) == title_before {
                    let ts = f.titles[t].start;
                    f.entities[e].aliases.insert(doc.text[ts..end].to_string());
                }
            }
            pos = j;
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
                    && !keys::is_surname(&ent.key)
                    && ent.folded_into.is_none()
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
        .filter(|(_, e)| e.kind == EntityKind::Person && e.folded_into.is_none())
        .filter_map(|(i, e)| {
            let mut words = e
                .label
                .split(' ')
                .filter(|w| !is_initial(w) && !lex.is_suffix(w));
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
    // Titles attached to people become offices. A title's country comes from the
    // text: the title itself (a national qualifier, a ministry), else another title
    // of the same person that names it, else the person's name (a Korean name),
    // else the countries whose title it is (the document's partner among them
    // first), else the partner.
    let mut named: HashMap<usize, Vec<(String, String, String)>> = HashMap::default();
    for a in &attachments {
        let t = &f.titles[a.title].office;
        if let Some(c) = &t.country {
            named.entry(f.canonical(a.person)).or_default().push((
                t.head.clone(),
                t.domain.clone(),
                c.clone(),
            ));
        }
    }
    let mut mentioned: HashMap<&str, usize> = HashMap::default();
    for m in &f.mentions {
        let e = &f.entities[m.entity];
        if e.kind == EntityKind::Country {
            *mentioned.entry(e.label.as_str()).or_insert(0) += 1;
        }
    }
    let mentioned: HashMap<String, usize> = mentioned
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    // A bare title ("President") given to two people of one document, with no
    // country of its own: two countries' posts, and nothing tells which is whose.
    let bare_title = |o: &OfficeKey| {
        o.country.is_none() && o.domain.is_empty() && o.body.is_none() && o.portfolio.is_empty()
    };
    let mut bare_holders: Vec<(&OfficeKey, usize)> = Vec::new();
    for a in &attachments {
        let o = &f.titles[a.title].office;
        let p = f.canonical(a.person);
        if bare_title(o) && !bare_holders.iter().any(|(k, x)| *k == o && *x == p) {
            bare_holders.push((o, p));
        }
    }
    let shared_bare: Vec<OfficeKey> = bare_holders
        .iter()
        .filter(|(k, _)| bare_holders.iter().filter(|(j, _)| j == k).count() > 1)
        .map(|(k, _)| (*k).clone())
        .collect();
    for a in attachments {
        let person = f.canonical(a.person);
        let t = &f.titles[a.title];
        // A surname that resolved to a full name keeps a title that says which
        // office it is ("As UNC commander, Roe"), not a bare "Minister".
        let o = &t.office;
        if person != a.person
            && o.domain.is_empty()
            && o.body.is_none()
            && o.country.is_none()
            && o.portfolio.is_empty()
        {
            continue;
        }
        let mut country = t.office.country.clone();
        let mut guessed = false;
        if country.is_none() {
            let mine = named.get(&person);
            let same = mine.and_then(|v| {
                v.iter()
                    .find(|(h, d, _)| *h == t.office.head && *d == t.office.domain)
                    .map(|x| x.2.clone())
            });
            let label = &f.entities[person].label;
            let first = label.split(' ').next().unwrap_or("");
            let korean = lex.is_korean_surname(first);
            let candidates = offices::lexicon_countries(&t.office, &t.surface, lex);
            country = same
                .or_else(|| korean.then(|| lex.names.korean_country.clone()).flatten())
                .or_else(|| match candidates.len() {
                    0 => None,
                    1 => candidates.first().cloned(),
                    // Several countries use the title: the one the text names most.
                    _ => candidates
                        .iter()
                        .enumerate()
                        .max_by_key(|(n, c)| {
                            (
                                mentioned.get(c.as_str()).copied().unwrap_or(0),
                                usize::MAX - n,
                            )
                        })
                        .map(|(_, c)| c.clone()),
                })
                .or_else(|| mine.and_then(|v| v.first()).map(|x| x.2.clone()))
                .or_else(|| {
                    guessed = true;
                    if lex.names.home_heads.contains(&t.office.head) {
                        lex.names.home_country.clone()
                    } else {
                        partner.clone()
                    }
                });
        }
        if guessed && bare_title(&t.office) && partner.is_some() && shared_bare.contains(&t.office)
        {
            continue;
        }
        let q = Qualifiers {
            acting: t.acting,
            former: t.former,
            ..Default::default()
        };
        let office = offices::register(doc, f, lex, a.title, country);
        f.fact(Relation::HoldsOffice, person, office, a.sentence, q, a.rule);
    }
}

/// The country other than the United States that the document mentions most.
pub fn partner_country(f: &Findings, home: Option<&String>) -> Option<String> {
    let mut counts: Vec<(usize, usize, String)> = Vec::new();
    for m in &f.mentions {
        let e = &f.entities[m.entity];
        if e.kind != EntityKind::Country || Some(&e.label) == home {
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
            .filter(|e| e.kind == EntityKind::Person && e.folded_into.is_none())
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
}
