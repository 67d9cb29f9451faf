//! Meeting series named in the text by their shape, not known to the lexicon:
//! a capitalised name ending in a meeting head noun, led by the parties it brings
//! together ("India-U.S. 2+2 Ministerial Dialogue", "Japan-Australia Foreign and
//! Defence Ministerial Consultations") or by the grouping that holds it ("AUKUS
//! Defence Ministers' Meeting"). Also the rule for generic aliases of known series
//! ("2+2", "Ministerial Dialogue"): they name the series of the document whose
//! name holds them, and a known series only when the document names its parties.

use super::super::pattern::Pattern;
use super::super::{Findings, Mention};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::EntityKind;
use crate::resolve::keys;
use regex::Regex;
use std::sync::LazyLock;

/// The head nouns that end a meeting series' name.
/// (Summits are read elsewhere: "the April 2023 summit".)
static HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Dialogue|Meeting|Consultations|Talks|Committee|Group|Forum)\b")
        .expect("constant regex")
});

/// (Speed) The head nouns as literals, to rule out first (in one pass over the
/// text) the sentences that hold none: [`HEAD`] finds nothing there.
static HEAD_WORDS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b(?:Dialogue|Meeting|Consultations|Talks|Committee|Group|Forum)\b").needs(&[
        "Dialogue",
        "Meeting",
        "Consultations",
        "Talks",
        "Committee",
        "Group",
        "Forum",
    ])
});

/// Lower-case words that may stand inside a capitalised name.
const INNER: &[&str] = &["and", "of", "on", "for"];

/// A series found by its shape.
#[derive(Clone, Debug)]
pub struct TextSeries {
    /// The series entity.
    pub entity: usize,
    /// The countries named in it (entities): they attend each instance.
    pub parties: Vec<usize>,
    /// The name without its parties, in lower case ("2+2 ministerial dialogue").
    pub body: String,
    /// Where the name starts.
    pub start: usize,
}

/// Whether a word may stand inside a series name.
fn name_word(w: &str) -> bool {
    let w = w.trim_matches(|c| c == '"' || c == '“' || c == '”');
    if INNER.contains(&w) || w == "2+2" {
        return true;
    }
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase())
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’' | '+'))
}

/// Whether a surface form is an acronym ("KIDD", "AUSMIN"): capitals only.
fn is_acronym(s: &str) -> bool {
    s.len() >= 2 && s.chars().all(|c| c.is_ascii_uppercase())
}

/// The countries (entities) named in a mention's span, in text order.
fn countries_in(f: &Findings, si: usize, start: usize, end: usize) -> Vec<Mention> {
    f.sentence_mentions(si)
        .filter(|m| m.start >= start && m.end <= end)
        .filter(|m| f.entities[m.entity].kind == EntityKind::Country)
        .copied()
        .collect()
}

/// The lexicon parties of a series entity, as labels.
fn lex_parties(f: &Findings, lex: &Lexicon, e: usize) -> Option<Vec<String>> {
    let l = f.entities[e].lex?;
    let p = &lex.entries[l].parties;
    (!p.is_empty()).then(|| p.clone())
}

fn same_parties(f: &Findings, ours: &[usize], theirs: &[String]) -> bool {
    ours.len() == theirs.len()
        && ours
            .iter()
            .all(|&c| theirs.iter().any(|t| *t == f.entities[c].label))
}

/// Finds series named by their shape and applies the generic-alias rule. Returns
/// the series found (for `attended` from their parties).
pub fn run(doc: &Document, lex: &Lexicon, f: &mut Findings) -> Vec<TextSeries> {
    let text = &doc.text;
    let mut found: Vec<TextSeries> = Vec::new();
    let may = HEAD_WORDS.may_match_in(text, None, &doc.sentences);
    for (si, sp) in doc.sentences.iter().enumerate() {
        if !may[si] {
            continue;
        }
        let sent = &text[sp.start..sp.end];
        let heads: Vec<(usize, usize)> = HEAD
            .find_iter(sent)
            .map(|m| (sp.start + m.start(), sp.start + m.end()))
            .collect();
        for (hs, he) in heads {
            // The name goes on: "Military Committee Meeting".
            let next = text[he..sp.end].split_whitespace().next().unwrap_or("");
            if text[he..].starts_with(' ')
                && next.starts_with(char::is_uppercase)
                && name_word(next)
            {
                continue;
            }
            // Walk back over the words of the name.
            let mut start = hs;
            for w in text[sp.start..hs]
                .split_inclusive(char::is_whitespace)
                .rev()
            {
                let word = w.trim_end();
                if word.is_empty() || !name_word(word) || word.ends_with(',') {
                    break;
                }
                start -= w.len();
            }
            if start == hs {
                continue;
            }
            // The parties: countries joined by hyphens, from the first one in the name.
            let countries = countries_in(f, si, start, hs);
            let mut parties: Vec<usize> = Vec::new();
            let mut name_start = None;
            let mut body_start = 0;
            for m in &countries {
                match name_start {
                    None => {
                        name_start = Some(m.start);
                        parties.push(m.entity);
                        body_start = m.end;
                    }
                    Some(_) if text[body_start..m.start] == *"-" => {
                        parties.push(m.entity);
                        body_start = m.end;
                    }
                    Some(_) => break,
                }
            }
            let heads_org = matches!(&text[hs..he], "Committee" | "Group");
            if parties.len() < 2 {
                // Or a grouping's acronym: "AUKUS Defence Ministers' Meeting".
                parties.clear();
                let Some((at, first)) = text[start..hs]
                    .split_whitespace()
                    .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
                    .find(|(_, w)| is_acronym(w))
                else {
                    continue;
                };
                if heads_org
                    || first.len() < 3
                    || f.starting_at(at)
                        .is_some_and(|m| f.entities[m.entity].kind == EntityKind::Country)
                {
                    continue;
                }
                name_start = Some(at);
                body_start = at + first.len();
            }
            let Some(ns) = name_start else { continue };
            let body = text[body_start..he].trim();
            // A name, not parties and a head noun alone ("U.S.-Japan Summit").
            if body.split_whitespace().count() < 2
                || !body.starts_with(|c: char| c.is_uppercase() || c == '2')
                || !countries_in(f, si, body_start, he).is_empty()
            {
                continue;
            }
            // A name known to the lexicon: the known thing, unless it is a generic
            // name of a series of other parties.
            let known: Vec<Mention> = f
                .sentence_mentions(si)
                .filter(|m| m.end == he && m.start <= body_start + 1)
                .copied()
                .collect();
            if known
                .iter()
                .any(|m| f.entities[m.entity].kind != EntityKind::Meeting || m.start <= ns)
            {
                continue;
            }
            if let Some(k) = known.first() {
                let theirs = lex_parties(f, lex, k.entity);
                if theirs.as_ref().is_none_or(|t| same_parties(f, &parties, t)) {
                    // The known series, named with its parties: one more alias.
                    f.mention(doc, k.entity, ns, he);
                    continue;
                }
            }
            // A known series of the same parties whose name holds every word of
            // this one: "U.S.-Japan-ROK Ministerial Meeting".
            if let Some(l) = same_known(lex, f, &parties, body) {
                let e = f.lex_entity(lex, l);
                f.mention(doc, e, ns, he);
                continue;
            }
            let name = &text[ns..he];
            let key = keys::series(name);
            let e = f.entity(EntityKind::Meeting, &key, name);
            f.mention(doc, e, ns, he);
            for k in &known {
                retarget(f, text, k.start, k.end, e);
            }
            // A forum is one gathering ("the CSIS Leadership Forum"), not a series
            // whose instances the text reports.
            if &text[hs..he] == "Forum" {
                continue;
            }
            f.entities[e].series = true;
            if !found.iter().any(|t| t.entity == e) {
                found.push(TextSeries {
                    entity: e,
                    parties,
                    body: body.to_lowercase(),
                    start: ns,
                });
            }
        }
    }
    // The name without its parties, later in the text: "the Foreign and Defense
    // Ministerial Meeting", "the second 2+2 Foreign and Defence Ministerial Consultations".
    for t in &found {
        let Some(first) = f.first_mention(t.entity) else {
            continue;
        };
        let name = &text[first.start..first.end];
        let Some(body) = name
            .len()
            .checked_sub(t.body.len())
            .and_then(|i| name.get(i..))
        else {
            continue;
        };
        let at: Vec<usize> = text
            .match_indices(body)
            .map(|(i, _)| i)
            .filter(|&i| {
                let end = i + body.len();
                let whole_words = !text[..i].ends_with(char::is_alphanumeric)
                    && !text[end..].starts_with(char::is_alphanumeric);
                whole_words
                    && !f
                        .mentions
                        .iter()
                        .any(|m| m.entity == t.entity && m.start <= i && m.end >= end)
            })
            .collect();
        for i in at {
            f.mention(doc, t.entity, i, i + body.len());
        }
    }
    generic_aliases(doc, lex, f, &mut found);
    found
}

/// The known series of exactly these parties (countries), if one.
fn known_of_parties(lex: &Lexicon, f: &Findings, parties: &[usize]) -> Option<usize> {
    if parties.len() < 2 {
        return None;
    }
    let mut it = (0..lex.entries.len()).filter(|&l| {
        let x = &lex.entries[l];
        x.kind == EntityKind::Meeting && x.series && same_parties(f, parties, &x.parties)
    });
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// The two countries a document names most (first named first on a tie), in the
/// order it first names them; fewer when it names fewer.
fn main_parties(f: &Findings) -> Vec<usize> {
    let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // (entity, count, first)
    for m in &f.mentions {
        if f.entities[m.entity].kind != EntityKind::Country {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == m.entity) {
            Some(c) => c.1 += 1,
            None => counts.push((m.entity, 1, m.start)),
        }
    }
    counts.sort_by_key(|&(_, n, first)| (std::cmp::Reverse(n), first));
    counts.truncate(2);
    counts.sort_by_key(|&(_, _, first)| first);
    counts.into_iter().map(|c| c.0).collect()
}

/// A country's name as series names write it: a one-word name as it is
/// ("India"), else its capitals ("US", "ROK", "UK").
fn short_country(lex: &Lexicon, f: &Findings, c: usize) -> String {
    let e = &f.entities[c];
    if !e.label.contains(' ') {
        return e.label.clone();
    }
    e.lex
        .map(|l| &lex.entries[l].aliases)
        .and_then(|a| {
            a.iter()
                .filter(|x| x.len() >= 2 && x.chars().all(|ch| ch.is_ascii_uppercase()))
                .min_by_key(|x| (x.len(), (*x).clone()))
                .cloned()
        })
        .unwrap_or_else(|| e.label.clone())
}

/// The known series of these parties whose name holds every word of `body`.
fn same_known(lex: &Lexicon, f: &Findings, parties: &[usize], body: &str) -> Option<usize> {
    if parties.is_empty() {
        return None;
    }
    let words: Vec<String> = body.split_whitespace().map(str::to_lowercase).collect();
    (0..lex.entries.len()).find(|&l| {
        let x = &lex.entries[l];
        x.kind == EntityKind::Meeting && x.series && same_parties(f, parties, &x.parties) && {
            let name: Vec<String> = x.name.split_whitespace().map(str::to_lowercase).collect();
            words.iter().all(|w| name.contains(w))
        }
    })
}

/// The countries joined by hyphens right before byte `at` ("U.S.-Japan "2+2""),
/// quotes and spaces between them and `at` skipped.
fn party_prefix(f: &Findings, text: &str, si: usize, at: usize) -> Vec<usize> {
    let mut pos = text[..at]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '\''))
        .len();
    let mut out = Vec::new();
    while let Some(m) = f
        .sentence_mentions(si)
        .find(|m| m.end == pos && f.entities[m.entity].kind == EntityKind::Country)
    {
        out.push(m.entity);
        pos = m.start;
        if !text[..pos].ends_with('-') {
            break;
        }
        pos -= 1;
    }
    out
}

/// Points the mentions at `start..end` to `to`.
fn retarget(f: &mut Findings, text: &str, start: usize, end: usize, to: usize) {
    let mut moved = false;
    for m in f.mentions.iter_mut() {
        if m.start == start && m.end == end && m.entity != to {
            m.entity = to;
            moved = true;
        }
    }
    // The form is now one of `to`'s.
    let surface = text[start..end].trim();
    if moved && !surface.is_empty() {
        f.entities[to].aliases.insert(surface.to_string());
    }
}

/// A generic alias of a known series (no party in it, not an acronym: "2+2",
/// "Ministerial Dialogue") names the series found in the document whose name
/// holds it, else the known series when the document names all its parties,
/// else nothing.
fn generic_aliases(doc: &Document, lex: &Lexicon, f: &mut Findings, found: &mut Vec<TextSeries>) {
    let text = &doc.text;
    let is_country = |e: &crate::lexicon::Entry| e.kind == EntityKind::Country;
    // The countries the document names anywhere, inside longer names too (read
    // when first needed).
    let mut named: Option<Vec<String>> = None;
    let mut drop: Vec<(usize, usize, usize)> = Vec::new();
    let mut moves: Vec<(usize, usize, usize)> = Vec::new();
    let mut lex_moves: Vec<(usize, usize, usize)> = Vec::new(); // to a lexicon entry
    let mut own: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for m in &f.mentions {
        let e = &f.entities[m.entity];
        if e.kind != EntityKind::Meeting || !e.series || e.lex.is_none() {
            continue;
        }
        let surface = &text[m.start..m.end];
        if !is_generic(surface) || !lex.scan_where(surface, is_country).is_empty() {
            continue;
        }
        // Inside a name found by its shape: a piece of that name.
        if found.iter().any(|t| {
            f.mentions
                .iter()
                .any(|n| n.entity == t.entity && n.start <= m.start && n.end >= m.end)
        }) {
            drop.push((m.start, m.end, m.entity));
            continue;
        }
        // "a U.S.-Japan "2+2" meeting": parties named right before, not the series';
        // the series of those parties if one is known.
        let before = party_prefix(f, text, m.sentence, m.start);
        if before.len() >= 2
            && let Some(theirs) = lex_parties(f, lex, m.entity)
            && !same_parties(f, &before, &theirs)
        {
            match known_of_parties(lex, f, &before) {
                Some(l) => lex_moves.push((m.start, m.end, l)),
                None => drop.push((m.start, m.end, m.entity)),
            }
            continue;
        }
        let lower = surface.to_lowercase();
        let holder = found
            .iter()
            .filter(|t| t.body.contains(&lower))
            .min_by_key(|t| (t.start > m.start, t.start.abs_diff(m.start)))
            // The one series a document names is what its generic words refer to.
            .or(match found.as_slice() {
                [t] => Some(t),
                _ => None,
            });
        if let Some(t) = holder {
            moves.push((m.start, m.end, t.entity));
            continue;
        }
        let named = named.get_or_insert_with(|| {
            lex.scan_where(text, is_country)
                .into_iter()
                .map(|h| lex.entries[h.entry].name.clone())
                .collect()
        });
        if let Some(parties) = lex_parties(f, lex, m.entity)
            && !parties.iter().all(|p| named.contains(p))
        {
            // The format of the document's own parties: the known series of the two
            // countries it names most, else a series of theirs by that format's name.
            let main = main_parties(f);
            match (main.len(), known_of_parties(lex, f, &main)) {
                (_, Some(l)) => lex_moves.push((m.start, m.end, l)),
                (2, None) => own.push((m.start, m.end, main)),
                _ => drop.push((m.start, m.end, m.entity)),
            }
        }
    }
    for (s, e, to) in moves {
        retarget(f, text, s, e, to);
    }
    for (s, e, l) in lex_moves {
        let to = f.lex_entity(lex, l);
        retarget(f, text, s, e, to);
    }
    // A series of the document's parties named after the longest format name.
    if let Some(&(s0, e0, ref parties)) = own.iter().max_by_key(|(s, e, _)| (e - s, usize::MAX - s))
    {
        let format = text[s0..e0].to_string();
        let names: Vec<String> = parties.iter().map(|&c| short_country(lex, f, c)).collect();
        let name = format!("{} {format}", names.join("-"));
        let key = keys::series(&name);
        let e = f.entity(EntityKind::Meeting, &key, &name);
        f.entities[e].series = true;
        for &(s, en, _) in &own {
            retarget(f, text, s, en, e);
        }
        found.push(TextSeries {
            entity: e,
            parties: parties.clone(),
            body: format.to_lowercase(),
            start: s0,
        });
    }
    if !drop.is_empty() {
        forget(doc, f, |m| !drop.contains(&(m.start, m.end, m.entity)));
    }
}

/// Keeps only the mentions `keep` accepts (indexes rebuilt), as recording the
/// kept ones again in their order would: a mention that repeats one kept before
/// it (same entity, start and end: [`retarget`] makes such pairs) is dropped, and
/// the entities' names stay as they are (some were taken back: "to meet with Jane
/// Roe" is no name, and recording a mention again would give it back).
///
/// (Speed) The indexes are sorted once instead of grown mention by mention: the
/// mentions by start (those with one start in the order kept), and each
/// sentence's by start, longest first (ties in the order kept), exactly the
/// orders [`Findings::mention`] keeps.
pub fn forget(doc: &Document, f: &mut Findings, mut keep: impl FnMut(&Mention) -> bool) {
    let old = std::mem::take(&mut f.mentions);
    f.by_start.clear();
    f.by_sentence.clear();
    f.longest = 0;
    // The kept mentions by start, in their order within a start.
    let mut order: Vec<usize> = (0..old.len()).filter(|&i| keep(&old[i])).collect();
    order.sort_by_key(|&i| old[i].start);
    // Of mentions alike within a start, the first kept stands.
    let mut alive = vec![false; old.len()];
    let mut g = 0;
    while g < order.len() {
        let start = old[order[g]].start;
        let h = g + order[g..]
            .iter()
            .take_while(|&&i| old[i].start == start)
            .count();
        for k in g..h {
            let m = &old[order[k]];
            if !order[g..k]
                .iter()
                .any(|&j| alive[j] && old[j].entity == m.entity && old[j].end == m.end)
            {
                alive[order[k]] = true;
            }
        }
        g = h;
    }
    // New indexes, in the order kept.
    let mut new_index = vec![usize::MAX; old.len()];
    f.mentions.reserve(order.len());
    for (i, m) in old.iter().enumerate() {
        if !alive[i] {
            continue;
        }
        new_index[i] = f.mentions.len();
        f.longest = f.longest.max(m.end - m.start);
        f.mentions.push(Mention {
            sentence: super::super::sentence_at(doc, m.start),
            ..*m
        });
    }
    f.by_start.extend(
        order
            .iter()
            .filter(|&&i| alive[i])
            .map(|&i| (old[i].start, new_index[i])),
    );
    if let Some(last) = f.mentions.iter().map(|m| m.sentence).max() {
        f.by_sentence.resize_with(last + 1, Vec::new);
    }
    for (i, m) in f.mentions.iter().enumerate() {
        f.by_sentence[m.sentence].push(i);
    }
    let mentions = &f.mentions;
    for list in &mut f.by_sentence {
        list.sort_by_key(|&i| (mentions[i].start, std::cmp::Reverse(mentions[i].end)));
    }
}

/// Words that name the format of a meeting, not one meeting series.
const FORMAT_WORDS: &[&str] = &[
    "2+2",
    "two-plus-two",
    "ministerial",
    "ministers",
    "ministers'",
    "dialogue",
    "meeting",
    "talks",
    "consultations",
    "foreign",
    "defense",
    "defence",
    "bilateral",
    "trilateral",
    "strategic",
    "and",
    "summit",
];

/// Whether a name is made of format words only ("2+2", "Ministerial Dialogue",
/// "Trilateral Ministerial Meeting"): it fits the series of any parties.
fn is_generic(surface: &str) -> bool {
    surface.split_whitespace().all(|w| {
        FORMAT_WORDS.contains(
            &w.to_lowercase()
                .trim_matches(|c| c == '"' || c == '“' || c == '”'),
        )
    })
}

/// Whether an alias is a bare reference, not a name: "the talks", "The meeting",
/// "talks", "this dialogue" (a determiner or none, then a meeting noun).
fn is_bare_reference(alias: &str) -> bool {
    if !alias.is_ascii() {
        return is_bare_reference_lowered(alias);
    }
    // (Speed) ASCII lowers byte for byte: the words are compared without a copy.
    let mut words = alias.split_whitespace();
    let Some(mut w) = words.next() else {
        return false;
    };
    if BARE_DETERMINERS.iter().any(|d| w.eq_ignore_ascii_case(d)) {
        let Some(next) = words.next() else {
            return false;
        };
        w = next;
    }
    words.next().is_none() && BARE_NOUNS.iter().any(|n| w.eq_ignore_ascii_case(n))
}

/// The determiners a bare reference may start with.
const BARE_DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "its", "their"];

/// The meeting nouns of a bare reference.
const BARE_NOUNS: &[&str] = &[
    "talks",
    "meeting",
    "meetings",
    "dialogue",
    "gathering",
    "session",
    "summit",
    "round",
    "consultations",
    "conference",
];

/// [`is_bare_reference`] for any text: its words in lower case.
fn is_bare_reference_lowered(alias: &str) -> bool {
    let lower = alias.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.first().is_some_and(|w| BARE_DETERMINERS.contains(w)) {
        words.remove(0);
    }
    matches!(words.as_slice(), [w] if BARE_NOUNS.contains(w))
}

/// Drops bare references ("the talks", "the meeting") to meetings, once they have
/// served (people, places and dates read through them): they name nothing, so they
/// are no aliases, and every mention's form is an alias of its entity.
pub fn drop_bare_references(doc: &Document, f: &mut Findings) {
    let bare = |f: &Findings, m: &Mention| {
        f.entities[m.entity].kind == EntityKind::Meeting
            && is_bare_reference(&doc.text[m.start..m.end])
    };
    let drop: Vec<bool> = f.mentions.iter().map(|m| bare(f, m)).collect();
    if drop.contains(&true) {
        let mut i = 0;
        forget(doc, f, |_| {
            i += 1;
            !drop[i - 1]
        });
    }
    for e in f.entities.iter_mut() {
        if e.kind == EntityKind::Meeting {
            e.aliases.retain(|a| !is_bare_reference(a));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`forget`] as it was: each kept mention recorded again, names restored.
    fn forget_by_mentions(doc: &Document, f: &mut Findings, keep: impl Fn(&Mention) -> bool) {
        let old = std::mem::take(&mut f.mentions);
        f.by_start.clear();
        f.by_sentence.clear();
        f.longest = 0;
        let names: Vec<_> = f.entities.iter().map(|e| e.aliases.clone()).collect();
        for m in old {
            if keep(&m) {
                f.mention(doc, m.entity, m.start, m.end);
            }
        }
        for (e, a) in f.entities.iter_mut().zip(names) {
            e.aliases = a;
        }
    }

    #[test]
    fn forget_keeps_what_recording_again_would() {
        let text = "Roe met Doe. The KIDD met in Seoul. Then the KIDD talks ended.";
        let doc = Document::parse("t.txt", text.as_bytes()).unwrap();
        let mut f = Findings::for_document(&doc);
        let a = f.entity(EntityKind::Person, "p:roe", "Roe");
        let b = f.entity(EntityKind::Person, "p:doe", "Doe");
        let k = f.entity(EntityKind::Meeting, "m:kidd", "KIDD");
        let s = f.entity(EntityKind::Place, "l:seoul", "Seoul");
        for (e, w) in [
            (a, "Roe"),
            (b, "Doe"),
            (k, "KIDD"),
            (s, "Seoul"),
            (k, "KIDD talks"),
        ] {
            for (i, _) in text.match_indices(w) {
                f.mention(&doc, e, i, i + w.len());
            }
        }
        // Spans of two entities at one place, the longer and shorter at one start,
        // mentions out of text order.
        f.mention(&doc, b, 0, 3);
        f.mention(&doc, k, 13, 21);
        f.mention(&doc, a, 4, 7);
        // A retargeted mention now repeats another.
        retarget(&mut f, text, 0, 3, b);
        for drop_entity in [None, Some(a), Some(k), Some(usize::MAX)] {
            let keep = |m: &Mention| Some(m.entity) != drop_entity && m.start != 4;
            let mut want = f.clone();
            forget_by_mentions(&doc, &mut want, keep);
            let mut got = f.clone();
            forget(&doc, &mut got, keep);
            assert_eq!(got.mentions, want.mentions);
            assert_eq!(got.by_start, want.by_start);
            assert_eq!(got.by_sentence, want.by_sentence);
            assert_eq!(got.longest, want.longest);
            let names = |f: &Findings| {
                f.entities
                    .iter()
                    .map(|e| e.aliases.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(names(&got), names(&want));
        }
    }

    #[test]
    fn bare_references_read_without_a_copy_are_those_read_lowered() {
        for s in [
            "the talks",
            "The Meeting",
            "talks",
            "THIS dialogue",
            "the",
            "",
            "  the\u{b}summit ",
            "the the",
            "the KIDD talks",
            "a round",
            "its  consultations",
            "their conference call",
            "Talks",
        ] {
            assert_eq!(is_bare_reference(s), is_bare_reference_lowered(s), "{s:?}");
        }
        assert!(is_bare_reference("The Meeting"));
        assert!(!is_bare_reference("the KIDD talks"));
        assert!(is_bare_reference("the TAL\u{212A}S"));
    }
}
