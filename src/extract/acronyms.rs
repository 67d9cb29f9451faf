//! Acronym definitions: "the Strategic Policy Dialogue (SPD)". A definition of a
//! known entity adds the long form as an alias; an unknown one becomes a new
//! entity whose kind comes from the head noun of the long form, and later bare
//! uses of the acronym in the document are mentions of it.

use super::{Findings, tokens};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::EntityKind;
use crate::resolve::keys;

const CONNECTORS: &[&str] = &["of", "and", "for", "on", "the", "de", "in"];

/// Finds definitions and adds the entities they define.
pub fn run(doc: &Document, sentences: &[Vec<tokens::Token>], lex: &Lexicon, f: &mut Findings) {
    let text = &doc.text;
    let mut defined: Vec<(String, usize)> = Vec::new();
    for toks in sentences {
        for i in 0..toks.len() {
            if toks[i].text != "(" || i + 2 >= toks.len() || toks[i + 2].text != ")" {
                continue;
            }
            let acr = toks[i + 1].text;
            // "(UN)" inside a longer known name is not a definition of its own.
            if f.mention_at(toks[i].start, None)
                .is_some_and(|m| m.start < toks[i].start && m.end > toks[i + 2].start)
            {
                continue;
            }
            let letters: String = acr.chars().filter(|c| c.is_ascii_uppercase()).collect();
            if letters.len() < 2 || acr.chars().any(|c| c.is_lowercase() && c != 's') {
                continue;
            }
            // "U.S. Forces Korea (USFK)": a known name right before the brackets
            // that the acronym also names is the long form.
            let by_acr = lex.scan(acr).into_iter().find(|h| h.end == acr.len());
            let before = by_acr.filter(|_| i > 0).and_then(|h| {
                f.ending_at(toks[i - 1].end)
                    .find(|m| f.entities[m.entity].lex == Some(h.entry))
                    .map(|m| m.entity)
            });
            if let Some(e) = before {
                f.mention(doc, e, toks[i + 1].start, toks[i + 1].end);
                continue;
            }
            // The long form: capitalised words (and connectors) right before "(".
            let mut j = i;
            while j > 0 {
                let t = &toks[j - 1];
                if (t.is_capitalised() && t.is_word()) || CONNECTORS.contains(&t.text) {
                    j -= 1;
                } else {
                    break;
                }
            }
            while j < i && CONNECTORS.contains(&toks[j].text) {
                j += 1;
            }
            if j >= i {
                continue;
            }
            // Keep the shortest tail whose initials cover the acronym.
            let initials = |a: usize| -> String {
                toks[a..i]
                    .iter()
                    .filter(|t| !CONNECTORS.contains(&t.text))
                    .flat_map(|t| t.text.split('-'))
                    // An all-capital word gives each of its letters ("US").
                    .flat_map(|w| {
                        let caps =
                            w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase() || c == '.');
                        w.chars().take(if caps { w.len() } else { 1 })
                    })
                    .filter(|c| c.is_uppercase())
                    .collect()
            };
            let mut start = j;
            for a in (j..i).rev() {
                if CONNECTORS.contains(&toks[a].text) {
                    continue;
                }
                if initials(a).len() >= letters.len() {
                    start = a;
                    break;
                }
            }
            // A word is not cut: "U.S." of "Korea-U.S. Integrated …" stays whole.
            while start > 0 && toks[start - 1].end == toks[start].start {
                start -= 1;
            }
            let (ls, le) = (toks[start].start, toks[i - 1].end);
            let long = &text[ls..le];
            // Known to the lexicon by the acronym or the long form: alias only.
            let known = lex
                .scan(long)
                .into_iter()
                .find(|h| h.start == 0 && h.end == long.len());
            if let Some(h) = known.or(by_acr) {
                let e = f.lex_entity(lex, h.entry);
                f.mention(doc, e, ls, le);
                f.mention(doc, e, toks[i + 1].start, toks[i + 1].end);
                continue;
            }
            let head = toks[i - 1].text;
            let Some(kind) = lex.kind_of_head(head) else {
                continue;
            };
            if kind == EntityKind::Organization && head.eq_ignore_ascii_case("staff") {
                continue;
            }
            let key = keys::defined(kind, long);
            let e = f.entity(kind, &key, long);
            if kind == EntityKind::Meeting {
                f.entities[e].series = true;
            }
            f.mention(doc, e, ls, le);
            f.mention(doc, e, toks[i + 1].start, toks[i + 1].end);
            defined.push((acr.to_string(), e));
        }
    }
    // Later bare uses of a defined acronym.
    for (acr, e) in defined {
        for (at, _) in text.match_indices(acr.as_str()) {
            let end = at + acr.len();
            let ok_before = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
            let ok_after = end == text.len() || !text.as_bytes()[end].is_ascii_alphanumeric();
            if ok_before && ok_after {
                f.mention(doc, e, at, end);
            }
        }
    }
}
