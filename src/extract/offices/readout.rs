//! Titles read with what stands around them: the organization a title names
//! ("in the Ministry of External Affairs"), readouts that give a title's country or
//! bodies after a comma, a country shared by two titles joined by "and".

use super::{Findings, TitleSpan};
use crate::extract::tokens::Token;
use crate::lexicon::Lexicon;
use crate::ontology::EntityKind;

/// Whether an organization's name starts after token `at` ("in the Ministry ...").
pub(super) fn next_is_org(toks: &[Token], at: usize, f: &Findings) -> bool {
    let j = if lower_is(toks, at + 1, "the") {
        at + 2
    } else {
        at + 1
    };
    toks.get(j).is_some_and(|t| {
        f.mention_at(t.start, Some(EntityKind::Organization))
            .is_some_and(|m| m.start == t.start)
    })
}

/// An organization named in a title.
pub(super) struct Org {
    pub(super) label: String,
    pub(super) country: Option<String>,
    /// Its tokens.
    pub(super) start: usize,
    pub(super) end: usize,
    /// The domain its name gives, when `in_domain`.
    pub(super) domain: String,
    /// Named after "in" or "at".
    pub(super) member: bool,
    /// Its words are the title's domain ("Chairman of the ROK Joint Chiefs of
    /// Staff"): the office keeps its own name and is part of the body.
    pub(super) in_domain: bool,
}

impl Org {
    pub(super) fn of(e: usize, start: usize, end: usize, f: &Findings, lex: &Lexicon) -> Org {
        let ent = &f.entities[e];
        let country = ent.lex.and_then(|l| lex.entries[l].country.clone());
        let ts = &lex.title_sets;
        let mut domain = Vec::new();
        let mut in_domain = true;
        for w in ent.label.split(' ') {
            let w = w.to_lowercase();
            if ts.domain.contains(&w) {
                domain.push(lex.titles.domain_synonyms.get(&w).cloned().unwrap_or(w));
            } else if w != "of" && w != "the" && lex.lookup(EntityKind::Country, &w).is_none() {
                in_domain = false;
            }
        }
        let d = domain.join(" ");
        Org {
            label: ent.label.clone(),
            country,
            start,
            end,
            domain: lex.titles.domains.get(&d).cloned().unwrap_or(d),
            in_domain: in_domain && !domain.is_empty(),
            member: false,
        }
    }
}

/// Readouts name a title's country or body after a comma: "Deputy Prime Minister
/// and Minister for Defence, Australia"; "commander, United Nations Command (UNC),
/// Combined Forces Command and U.S. Forces Korea" (one office for each body).
pub(super) fn readout_countries(
    toks: &[Token],
    f: &Findings,
    countries: &[Option<&str>],
    lex: &Lexicon,
    out: &mut Vec<TitleSpan>,
) {
    let mut extra = Vec::new();
    let originals = out.clone();
    for k in 0..out.len() {
        let l = out[k].last;
        if toks.get(l).is_none_or(|t| t.text != ",") {
            continue;
        }
        // The mentions that follow, joined by commas and "and", each maybe with
        // its acronym in brackets.
        let mut named: Vec<(usize, EntityKind, usize)> = Vec::new();
        let mut at = l + 1;
        // "Jane Roe MP, Secretary of State for Defence, United Kingdom hosted …":
        // a title set off by commas after a name is closed by the country that
        // follows it, whatever comes next. (People are found after titles: a
        // capitalised word before the comma stands for the name.)
        let first = out[k].first;
        let apposition = first >= 2
            && toks[first - 1].text == ","
            && toks[first - 2].is_capitalised()
            && toks[first - 2].is_word();
        while let Some(mut m) = toks.get(at).and_then(|t| f.mention_at(t.start, None)) {
            // "US INDOPACOM": a country naming the body that follows.
            let next = toks.partition_point(|t| t.end <= m.end);
            if f.entities[m.entity].kind == EntityKind::Country
                && let Some(o) = toks
                    .get(next)
                    .and_then(|t| f.mention_at(t.start, Some(EntityKind::Organization)))
                && o.start == toks[next].start
            {
                m = o;
                at = next;
            }
            let kind = f.entities[m.entity].kind;
            if m.start != toks[at].start
                || !matches!(kind, EntityKind::Country | EntityKind::Organization)
            {
                break;
            }
            let mut e = toks.partition_point(|t| t.end <= m.end);
            if lower_is(toks, e, "(") && lower_is(toks, e + 2, ")") {
                e += 3;
            }
            // The mention ends the phrase: a comma, a bracket, "and" or the end follows.
            if toks
                .get(e)
                .is_some_and(|t| !matches!(t.text, "," | "(" | ")" | "and" | ";" | "."))
                && !(apposition && kind == EntityKind::Country)
            {
                break;
            }
            named.push((m.entity, kind, at));
            if kind == EntityKind::Country {
                break;
            }
            at = e + 1;
            if lower_is(toks, at, "and") {
                at += 1;
            }
        }
        for (n, &(ent, kind, at)) in named.iter().enumerate() {
            // This title and those joined to it by "and" before it.
            let mut g = k;
            loop {
                let mut t = originals[g].clone();
                if kind == EntityKind::Country {
                    if t.key.country.is_none() {
                        t.key.country = countries[at].map(str::to_string);
                    }
                } else if t.key.body.is_none() && t.key.country.is_none() {
                    let e = &f.entities[ent];
                    t.key.body = Some(e.label.clone());
                    t.key.org = Some(e.label.clone());
                    t.key.country = e.lex.and_then(|x| lex.entries[x].country.clone());
                    t.common = false;
                }
                if n == 0 {
                    out[g] = t;
                } else if t.key.body.is_some() && t.key != out[g].key {
                    extra.push(t);
                }
                if g > 0
                    && out[g - 1].last + 1 == out[g].first
                    && toks[out[g - 1].last].text == "and"
                {
                    g -= 1;
                } else {
                    break;
                }
            }
        }
    }
    out.extend(extra);
    out.sort_by_key(|t| (t.first, t.last));
}

/// "South Korea's Vice Foreign Minister Jane Roe and Vice Defense Minister John
/// Doe": a country before the first title of a pair joined by "and" is the second's.
pub(super) fn shared_countries(toks: &[Token], out: &mut [TitleSpan]) {
    for k in 1..out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        if a.key.country.is_none()
            || b.key.country.is_some()
            || b.key.body.is_some()
            || b.first < a.last
        {
            continue;
        }
        let gap = &toks[a.last..b.first];
        let names = gap.len().saturating_sub(1);
        if (1..=4).contains(&names)
            && gap.last().is_some_and(|t| t.text == "and")
            && gap[..names]
                .iter()
                .all(|t| t.is_capitalised() && t.is_word())
        {
            out[k].key.country = a.key.country.clone();
        }
    }
}

pub(super) fn lower_is(toks: &[Token], i: usize, w: &str) -> bool {
    toks.get(i).is_some_and(|t| t.text.eq_ignore_ascii_case(w))
}
