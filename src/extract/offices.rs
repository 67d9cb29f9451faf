//! Offices: title phrases ("U.S. Secretary of Defense", "deputy defense minister for
//! policy", "Chairman of the ROK Joint Chiefs of Staff") parsed into a key that is
//! the same however the title is written: country, rank modifiers, head word,
//! domain and portfolio. A title becomes an office node when it is attached to a
//! person (see `people`), because only then is it a post somebody holds.

use super::Findings;
use super::tokens::Token;
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::{EntityKind, OfficeKey, Qualifiers, Relation};
use crate::resolve::{keys, labels};
use std::borrow::Cow;

mod readout;
use readout::{Org, next_is_org, readout_countries, shared_countries};

/// The title `key`'s country gives its own office of the key's head and domain
/// ("Minister of National Defense"), when the lexicon lists one: the office's
/// label says it so (see [`labels::office`]).
pub fn own_title<'l>(key: &OfficeKey, lex: &'l Lexicon) -> Option<&'l str> {
    let c = key.country.as_deref()?;
    lex.offices
        .iter()
        .zip(form_keys(lex))
        .find_map(|(o, keys)| {
            let k = &keys[0];
            (o.country.as_deref() == Some(c)
                && k.head == key.head
                && k.domain == key.domain
                && !k.domain.is_empty())
            .then_some(o.title.as_str())
        })
}

/// The head of `key`'s country's own title for the key's domain ("secretary" for
/// the U.S. office of defense), when the lexicon lists one.
pub fn own_head(key: &OfficeKey, lex: &Lexicon) -> Option<String> {
    if key.domain.is_empty() {
        return None;
    }
    let c = key.country.as_deref()?;
    lex.offices
        .iter()
        .zip(form_keys(lex))
        .filter(|(o, _)| o.country.as_deref() == Some(c))
        .map(|(_, keys)| &keys[0])
        .find(|k| k.domain == key.domain)
        .map(|k| k.head.clone())
}

/// The keys of every lexicon office's forms: for office `i`, its title's key
/// then its aliases' keys, in order. Parsed once per lexicon.
pub fn form_keys(lex: &Lexicon) -> &[Vec<OfficeKey>] {
    lex.office_keys.get_or_init(|| {
        lex.offices
            .iter()
            .map(|o| {
                std::iter::once(&o.title)
                    .chain(&o.aliases)
                    .map(|form| parse_title(form, lex))
                    .collect()
            })
            .collect()
    })
}

/// (Speed) For office `i` of the lexicon, each form (title, then aliases) in
/// lower case and its words as [`lexicon_countries`] normalises them. Made once
/// per lexicon.
fn form_words(lex: &Lexicon) -> &[Vec<crate::lexicon::OfficeForm>] {
    lex.office_forms.get_or_init(|| {
        lex.offices
            .iter()
            .map(|o| {
                std::iter::once(&o.title)
                    .chain(&o.aliases)
                    .map(|form| {
                        let words = form.split(' ').map(|w| norm_title_word(w, lex)).collect();
                        (form.to_lowercase(), words)
                    })
                    .collect()
            })
            .collect()
    })
}

/// A title word in lower case, as its domain synonym if it has one.
fn norm_title_word(w: &str, lex: &Lexicon) -> String {
    let w = w.to_lowercase();
    lex.titles.domain_synonyms.get(&w).cloned().unwrap_or(w)
}

/// The key of a title written alone (a lexicon form).
pub fn parse_title(title: &str, lex: &Lexicon) -> OfficeKey {
    let lw: Vec<String> = title.split(' ').map(str::to_lowercase).collect();
    parse_key(&lw, 0, &[], lex)
}

/// A title phrase found in a sentence's tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleSpan {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// The parsed key (country only when the title names it).
    pub key: OfficeKey,
    /// acting / performs the duties of.
    pub acting: bool,
    /// former / ex-.
    pub former: bool,
    /// A lower-case head alone ("the commander"): a common noun unless a readout
    /// names its body or country.
    common: bool,
}

/// Country mentions of a sentence: by token index, the canonical country name.
fn country_tokens<'f>(toks: &[Token], f: &'f Findings) -> Vec<Option<&'f str>> {
    let found = f.mentions_at(toks.iter().map(|t| t.start), Some(EntityKind::Country));
    toks.iter()
        .zip(found)
        .map(|(t, men)| {
            men.filter(|men| men.start <= t.start && t.end <= men.end)
                .map(|men| f.entities[men.entity].label.as_str())
        })
        .collect()
}

/// Whether token `i` is (part of) a country mention.
fn is_country(countries: &[Option<&str>], i: usize) -> bool {
    countries.get(i).is_some_and(Option::is_some)
}

/// (Speed) The words that may head a title: by first byte, a bit for each
/// length (the last bit: 63 bytes or more) of the title heads and one-word
/// office aliases (lower case). A word whose first byte and length no such word
/// has is neither, which tells nearly every word without hashing it. Made once
/// per document.
struct HeadFilter {
    /// By ASCII first byte (a word with another first byte may be one).
    lengths: [u64; 128],
    /// A non-ASCII alias, whose lower-case form is not worked out: no word is
    /// ruled out.
    all: bool,
}

impl HeadFilter {
    fn of(lex: &Lexicon) -> HeadFilter {
        let mut filter = HeadFilter {
            lengths: [0; 128],
            all: false,
        };
        for h in &lex.title_sets.heads {
            match h.as_bytes().first() {
                Some(&b) => filter.add(b, h.len()),
                None => filter.all = true,
            }
        }
        // `Lexicon::is_office_word`'s words: the one-word aliases, lower case.
        for a in lex.offices.iter().flat_map(|o| &o.aliases) {
            if a.contains(' ') {
                continue;
            }
            if let Some(&b) = a.as_bytes().first()
                && a.is_ascii()
            {
                // ASCII lowering keeps the length.
                filter.add(b.to_ascii_lowercase(), a.len());
            } else {
                filter.all = true;
            }
        }
        filter
    }

    fn add(&mut self, first: u8, len: usize) {
        match self.lengths.get_mut(usize::from(first)) {
            Some(l) => *l |= 1 << len.min(63),
            None => self.all = true,
        }
    }

    /// Whether `w` may be a head or an office word (false: surely neither).
    fn may(&self, w: &str) -> bool {
        let b = w.as_bytes();
        self.all
            || b.first().is_none_or(|&f| {
                self.lengths
                    .get(usize::from(f))
                    .is_none_or(|l| l & (1 << b.len().min(63)) != 0)
            })
    }
}

/// Finds the title phrases of a sentence; `lower` holds its tokens in lower case.
pub fn find_titles(toks: &[Token], lower: &[&str], f: &Findings, lex: &Lexicon) -> Vec<TitleSpan> {
    find_titles_with(toks, lower, f, lex, &HeadFilter::of(lex))
}

/// [`find_titles`] with the document's [`HeadFilter`].
fn find_titles_with(
    toks: &[Token],
    lower: &[&str],
    f: &Findings,
    lex: &Lexicon,
    heads: &HeadFilter,
) -> Vec<TitleSpan> {
    let ts = &lex.title_sets;
    // (Speed) The countries' tokens are looked up at the first head: most
    // sentences have none.
    let mut country_cell: Option<Vec<Option<&str>>> = None;
    let mut out: Vec<TitleSpan> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // (Speed) Most words are no head by their first byte and length.
        if !heads.may(lower[i]) && !lower[i].starts_with("ex-") {
            i += 1;
            continue;
        }
        let w = strip_ex(lower[i]);
        // (Speed) `is_head`: `heads.contains` behind a test of the first byte.
        let is_head = (heads.may(w) && ts.is_head(w))
            || (heads.may(lower[i]) && lex.is_office_word(lower[i]));
        if !is_head || !toks[i].is_word() {
            i += 1;
            continue;
        }
        let countries: &[Option<&str>] =
            country_cell.get_or_insert_with(|| country_tokens(toks, f));
        let mut first = i;
        while first > 0 {
            let p = strip_ex(lower[first - 1]);
            let in_org = f
                .mention_at(toks[first - 1].start, Some(EntityKind::Organization))
                .is_some_and(|m| m.start <= toks[first - 1].start);
            if in_org {
                break;
            }
            if ts.mods.contains(p)
                || ts.flags.contains(p)
                || (ts.domain.contains(p) && !matches!(p, "state" | "staff" | "chiefs" | "joint"))
                || is_country(countries, first - 1)
                || (p == "'s" && first >= 2 && is_country(countries, first - 2))
            {
                first -= 1;
            } else {
                break;
            }
        }
        // An organization right before the title ("USFK commander", "Department of
        // National Defense Senior Undersecretary") is the body whose office it is.
        // "US Forces Korea (USFK) Commander": the acronym in brackets is skipped.
        let mut org: Option<Org> = None;
        let before = if first >= 3 && lower[first - 1] == ")" && lower[first - 3] == "(" {
            first - 3
        } else {
            first
        };
        if before > 0
            && let Some(m) = f.mention_at(toks[before - 1].start, Some(EntityKind::Organization))
            && m.end == toks[before - 1].end
        {
            let s = toks.partition_point(|t| t.start < m.start);
            org = Some(Org::of(m.entity, s, first, f, lex));
            first = s;
        }
        let mut last = i + 1;
        if ts.general_after.contains(w) && lower.get(last).is_some_and(|x| *x == "general") {
            last += 1;
            if w == "consul"
                && lower.get(last).is_some_and(|x| *x == "in")
                && toks.get(last + 1).is_some_and(|t| t.is_capitalised())
            {
                last += 2;
            }
        }
        // "of Defense", "of the ROK Joint Chiefs of Staff", "for Foreign Affairs",
        // "of U.S. Forces Korea", "to South Korea".
        while let Some(&p) = lower.get(last) {
            if p == "(" && lower.get(last + 2).is_some_and(|x| *x == ")") {
                last += 3;
                continue;
            }
            if p == "of"
                || p == "for"
                || (p == "to" && w == "ambassador")
                || ((p == "in" || p == "at") && org.is_none() && next_is_org(toks, last, f))
            {
                let mut j = last + 1;
                if lower.get(j) == Some(&"the") {
                    j += 1;
                }
                if org.is_none()
                    && (p == "of" || p == "in" || p == "at")
                    && let Some(t) = toks.get(j)
                    && let Some(m) = f.mention_at(t.start, Some(EntityKind::Organization))
                    && m.start == t.start
                {
                    let e = toks.partition_point(|t| t.end <= m.end);
                    org = Some(Org::of(m.entity, last, e, f, lex));
                    // "lead negotiator at the State Department": a title with its
                    // country is the body's member, not the body's own office.
                    if p != "of"
                        && let Some(o) = org.as_mut()
                    {
                        o.member = true;
                    }
                    last = e;
                    continue;
                }
                let mut j = last + 1;
                let mut taken = 0;
                while j < toks.len() && taken < 6 {
                    let x = lower[j];
                    let t = &toks[j];
                    let ok = ts.domain.contains(x)
                        || is_country(countries, j)
                        // "Director of J5": a staff directorate's code.
                        || (p == "of" && taken == 0 && is_staff_code(t.text))
                        || (x == "the" && taken == 0)
                        || (x == "of"
                            && taken > 0
                            && lower.get(j + 1).is_some_and(|n| ts.domain.contains(*n)))
                        || (p == "for" && is_portfolio_word(t, x, f, lex))
                        || (p == "for"
                            && x == "and"
                            && taken > 0
                            && lower
                                .get(j + 1)
                                .is_some_and(|n| lex.title_sets.portfolio.contains(*n)));
                    if !ok {
                        break;
                    }
                    j += 1;
                    taken += 1;
                }
                if taken == 0 || (taken == 1 && lower[last + 1] == "the") {
                    break;
                }
                last = j;
                continue;
            }
            break;
        }
        // The organization's words are not the title's: they give its body, or
        // its domain ("of the ROK Joint Chiefs of Staff").
        let words: Vec<&str> = (first..last)
            .map(|k| match &org {
                Some(o) if (o.start..o.end).contains(&k) => "",
                _ => lower[k],
            })
            .collect();
        let mut key = parse_key(&words, first, countries, lex);
        if let Some(o) = org.as_ref().filter(|o| o.in_domain)
            && key.domain.is_empty()
        {
            key.domain = o.domain.clone();
        }
        key.head = lex
            .titles
            .head_synonyms
            .get(w)
            .cloned()
            .unwrap_or_else(|| w.to_string());
        if w == "undersecretary" && !key.mods.iter().any(|m| m == "under") {
            key.mods.push("under".into());
            key.mods.sort();
        }
        // Lexicon abbreviations: "SecDef", "DASD". (The comparison first: it
        // fails at once on a length that differs, as for nearly every alias.)
        // (Speed) A one-word alias equal to the token but for ASCII case has
        // the token's lower-case form: only an office word can be one.
        let office_word = lex.is_office_word(lower[i]);
        for (o, keys) in lex
            .offices
            .iter()
            .zip(form_keys(lex))
            .filter(|_| office_word)
        {
            if o.aliases
                .iter()
                .any(|a| a.eq_ignore_ascii_case(toks[i].text) && !a.contains(' '))
            {
                let k = keys[0].clone();
                key.mods = k.mods;
                key.head = k.head;
                key.domain = k.domain;
                if key.country.is_none() {
                    key.country = o.country.clone();
                }
            }
        }
        if let Some(o) = &org {
            let named_country = key.country.is_some();
            if key.country.is_none() {
                key.country = o.country.clone();
            }
            if o.in_domain {
                key.org = Some(o.label.clone());
            } else if o.member
                && (named_country || !key.portfolio.is_empty())
                && o.label.split(' ').any(|w| {
                    lex.titles
                        .department_words
                        .iter()
                        .any(|d| d.eq_ignore_ascii_case(w))
                })
            {
                key.org = Some(o.label.clone());
                key.member = true;
            } else {
                key.body = Some(o.label.clone());
                key.org = Some(o.label.clone());
            }
        }
        let flag = |set: &rustc_hash::FxHashSet<String>| {
            lower[first..last]
                .iter()
                .any(|w| set.contains(*w) || w.starts_with("ex-"))
        };
        let acting = lower[first..last].contains(&"acting")
            || (first >= 3 && lower[first - 1] == "of" && lower[first - 2] == "duties")
            || (first >= 4 && lower[first - 1] == "the" && lower[first - 3] == "duties");
        let former = flag(&ts.former);
        // A lower-case "president" or "commander" with nothing around it is a
        // common noun.
        let common = (ts.common_heads.contains(w) || w == "commander")
            && !toks[i].is_capitalised()
            && key.country.is_none()
            && key.body.is_none()
            && key.mods.iter().all(|m| lex.titles.common_mods.contains(m))
            && key.domain.is_empty();
        out.push(TitleSpan {
            first,
            last,
            key,
            acting,
            former,
            common,
        });
        i = last.max(i + 1);
    }
    if let Some(countries) = &country_cell {
        readout_countries(toks, f, countries, lex, &mut out);
    }
    shared_countries(toks, &mut out);
    out.retain(|t| !t.common || t.key.body.is_some() || t.key.country.is_some());
    out
}

/// A staff directorate's code: a capital and a digit or two ("J5", "G3").
fn is_staff_code(w: &str) -> bool {
    let b = w.as_bytes();
    (2..=3).contains(&b.len()) && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// `w` without its leading "ex-"s (what `trim_start_matches("ex-")` gives, without
/// building a substring searcher per word).
fn strip_ex(mut w: &str) -> &str {
    while let Some(rest) = w.strip_prefix("ex-") {
        w = rest;
    }
    w
}

fn is_portfolio_word(t: &Token, x: &str, f: &Findings, lex: &Lexicon) -> bool {
    if lex.title_sets.stop.contains(x) || !t.is_word() {
        return false;
    }
    if !t.is_capitalised() {
        return true;
    }
    if lex.title_sets.portfolio.contains(x) {
        return true;
    }
    if let Some(m) = f.mention_at(t.start, Some(EntityKind::Place)) {
        return m.start <= t.start;
    }
    if let Some(m) = f.mention_at(t.start, Some(EntityKind::Country)) {
        return m.start <= t.start;
    }
    false
}

/// Parses title words (lower case) into a key; `toks` and `offset` let country
/// tokens be recognised.
fn parse_key<S: AsRef<str>>(
    lower: &[S],
    offset: usize,
    countries: &[Option<&str>],
    lex: &Lexicon,
) -> OfficeKey {
    let ts = &lex.title_sets;
    let mut key = OfficeKey::default();
    let mut words: Vec<&str> = Vec::new();
    let mut paren = false;
    let mut after_to = false;
    let mut head_seen = false;
    for (k, w) in lower.iter().enumerate() {
        let w = w.as_ref();
        if w.is_empty() {
            continue;
        }
        head_seen |= ts.heads.contains(w) || lex.titles.head_synonyms.contains_key(w);
        if let Some(c) = countries.get(offset + k).copied().flatten() {
            // "Ambassador to South Korea", "for North Korea Policy": the country
            // is the portfolio.
            if after_to && words.last() != Some(&"of") {
                words.push(w);
                continue;
            }
            // "Minister for Foreign Affairs of Japan": a country ending the title.
            let ends = (k + 1..lower.len()).all(|x| {
                lower[x].as_ref().is_empty()
                    || countries.get(offset + x).copied().flatten().is_some()
            });
            if words.last() == Some(&"of") && head_seen && ends {
                words.pop();
            }
            if key.country.is_none() {
                key.country = Some(c.to_string());
            }
            continue;
        }
        let w = strip_ex(w);
        match w {
            "(" => paren = true,
            ")" => paren = false,
            _ if paren => {}
            "'s" | "the" => {}
            w if ts.flags.contains(w) => {}
            "undersecretary" => {
                words.push("under");
                words.push("secretary");
            }
            // A country inside an organization's name ("ROK Joint Chiefs of Staff").
            w if !after_to
                && w.len() > 2
                && lex.lookup(EntityKind::Country, w).is_some()
                && !ts.domain.contains(w) =>
            {
                if key.country.is_none() {
                    key.country = lex
                        .lookup(EntityKind::Country, w)
                        .map(|i| lex.entries[i].name.clone());
                }
            }
            "to" => {
                after_to = true;
                words.push("for");
            }
            "for" if head_seen => {
                after_to = true;
                words.push("for");
            }
            w => words.push(
                lex.titles
                    .domain_synonyms
                    .get(w)
                    .map(String::as_str)
                    .unwrap_or(w),
            ),
        }
    }
    // Split at the head.
    let hpos = words
        .iter()
        .position(|w| ts.heads.contains(*w) || lex.titles.head_synonyms.contains_key(*w))
        .unwrap_or(words.len());
    let mut domain: Vec<&str> = Vec::new();
    for w in &words[..hpos] {
        if ts.mods.contains(*w) {
            key.mods.push(w.to_string());
        } else if ts.domain.contains(*w) || *w == "department" || *w == "of" {
            domain.push(w);
        }
    }
    if hpos < words.len() {
        key.head = words[hpos].to_string();
    }
    let mut rest = &words[(hpos + 1).min(words.len())..];
    if ts.general_after.contains(&key.head) && rest.first() == Some(&"general") {
        key.mods.push("general".into());
        rest = &rest[1..];
    }
    let mut portfolio: Vec<String> = Vec::new();
    let mut mode = "";
    for w in rest {
        match *w {
            "of" | "for" | "in" if mode.is_empty() || mode == "of" => {
                mode = if *w == "in" { "for" } else { w }
            }
            w if mode == "of" => domain.push(w),
            w if mode == "for" => {
                // "Minister for Defence" is of defense; a negotiator "for defense
                // cost-sharing talks" has a portfolio.
                if portfolio.is_empty()
                    && ts.domain.contains(w)
                    && w != "security"
                    && matches!(key.head.as_str(), "minister" | "secretary")
                {
                    domain.push(w);
                } else {
                    portfolio.push(w.to_string());
                }
            }
            _ => {}
        }
    }
    let d = domain
        .into_iter()
        .filter(|w| *w != "department" && *w != "of")
        .collect::<Vec<_>>()
        .join(" ");
    key.domain = lex.titles.domains.get(&d).cloned().unwrap_or(d);
    while portfolio
        .last()
        .is_some_and(|w| matches!(w.as_str(), "of" | "for" | "to" | "in" | "and"))
    {
        portfolio.pop();
    }
    key.portfolio = portfolio.join(" ");
    key.mods.sort();
    key.mods.dedup();
    key
}

/// Records the title phrases of every sentence in `f.titles`. `lower_text` is
/// the text's lower-case copy, if it has one (see `ascii_lower_copy`): its
/// tokens' lower-case forms are slices of it.
pub fn run(
    doc: &Document,
    sentences: &[Vec<Token>],
    lower_text: Option<&str>,
    lex: &Lexicon,
    f: &mut Findings,
) {
    // The lower-case tokens of ASCII text, in one list kept between sentences.
    let mut ascii_lower: Vec<&str> = Vec::new();
    let heads = HeadFilter::of(lex);
    for (si, toks) in sentences.iter().enumerate() {
        let toks = toks.as_slice();
        let lowered: Vec<Cow<str>>;
        let other_lower: Vec<&str>;
        let lower: &[&str] = match lower_text {
            Some(lt) => {
                ascii_lower.clear();
                ascii_lower.extend(toks.iter().map(|t| &lt[t.start..t.end]));
                &ascii_lower
            }
            None => {
                lowered = toks.iter().map(|t| t.lower()).collect();
                other_lower = lowered.iter().map(|w| w.as_ref()).collect();
                &other_lower
            }
        };
        for t in find_titles_with(toks, lower, f, lex, &heads) {
            let (start, end) = (toks[t.first].start, toks[t.last - 1].end);
            let i = f.title(doc, start, end, si, t.key);
            f.titles[i].acting = t.acting;
            f.titles[i].former = t.former;
        }
    }
}

/// The countries whose office a title may name, from the lexicon's office list, in
/// the list's order: those with the title's head and domain (rank modifiers don't
/// change the country: a deputy assistant secretary of defense serves where the
/// secretary of defense does). When some of their forms hold every word of the
/// title, only those: "National Defense Secretary" is not the U.S. title.
pub fn lexicon_countries(key: &OfficeKey, surface: &str, lex: &Lexicon) -> Vec<String> {
    if key.head.is_empty() || key.domain.is_empty() {
        return Vec::new();
    }
    // (Speed) No form of the title's head and domain: no country, and the
    // title's words need not be made.
    let of_title = |k: &OfficeKey| k.head == key.head && k.domain == key.domain;
    let any = lex
        .offices
        .iter()
        .zip(form_keys(lex))
        .zip(form_words(lex))
        .any(|((o, keys), forms)| {
            o.country.is_some() && forms.iter().zip(keys).any(|(_, k)| of_title(k))
        });
    if !any {
        return Vec::new();
    }
    let ts = &lex.title_sets;
    let norm = |w: &str| norm_title_word(w, lex);
    let words: Vec<String> = surface
        .split([' ', '-'])
        .map(norm)
        .filter(|w| {
            ts.domain.contains(w)
                || ts.heads.contains(w)
                || lex.titles.head_synonyms.contains_key(w)
        })
        .collect();
    // The title as written, without flags, modifiers and countries.
    let bare: Vec<String> = surface
        .split(' ')
        .map(str::to_lowercase)
        .filter(|w| {
            !ts.flags.contains(w)
                && !ts.mods.contains(w)
                && lex.lookup(EntityKind::Country, w).is_none()
                && !w.ends_with("'s")
        })
        .collect();
    let mut exact = Vec::new();
    let mut all = Vec::new();
    let mut covering = Vec::new();
    // (Speed) The forms' lower case and words are made once per lexicon.
    for ((o, keys), forms) in lex.offices.iter().zip(form_keys(lex)).zip(form_words(lex)) {
        let Some(c) = &o.country else { continue };
        for ((lower, fw), k) in forms.iter().zip(keys) {
            if !of_title(k) {
                continue;
            }
            if !all.contains(c) {
                all.push(c.clone());
            }
            if lower.split(' ').eq(bare.iter().map(String::as_str)) && !exact.contains(c) {
                exact.push(c.clone());
            }
            if words.iter().all(|w| fw.contains(w)) && !covering.contains(c) {
                covering.push(c.clone());
            }
        }
    }
    if !exact.is_empty() {
        exact
    } else if covering.is_empty() {
        all
    } else {
        covering
    }
}

/// Creates (or finds) the office node for title `t`, with `country` decided.
pub fn register(
    doc: &Document,
    f: &mut Findings,
    lex: &Lexicon,
    t: usize,
    country: Option<String>,
) -> usize {
    let mut key = f.titles[t].office.clone();
    if key.country.is_none() {
        key.country = country;
    }
    keys::imply_portfolio(&mut key, lex);
    let id = keys::office(&key);
    // The label is only needed for a new office.
    let e = match f.by_key(&id) {
        Some(e) => e,
        None => {
            let label = labels::office(&key, own_title(&key, lex), lex);
            f.entity(EntityKind::Office, &id, &label)
        }
    };
    let (s, en) = (f.titles[t].start, f.titles[t].end);
    let surface = f.titles[t].surface.clone();
    // "his U.S. counterpart", "Roe's presidency" name the post but are no title
    // of it: no mention, no alias.
    let lower = surface.to_lowercase();
    let counterpart = lower.ends_with("counterpart");
    if !counterpart && !lex.titles.terms.contains_key(&lower) {
        f.mention(doc, e, s, en);
    }
    // Also the form without flags ("Acting …", "former …") as an alias.
    let bare = strip_flags(&surface);
    if bare != surface && !bare.is_empty() {
        f.entities[e].aliases.insert(bare);
    }
    // The office is part of the body its title names, or of the country it names.
    let named = &f.titles[t].office;
    let (org, member) = (named.org.clone(), named.member);
    let named_country = named.country.clone();
    let sentence = f.titles[t].sentence;
    let body = org.as_ref().and_then(|o| {
        lex.find(EntityKind::Organization, o)
            .map(|i| f.lex_entity(lex, i))
            .or_else(|| {
                f.entities
                    .iter()
                    .position(|x| x.kind == EntityKind::Organization && x.label == *o)
            })
    });
    let country = named_country
        .as_ref()
        .filter(|_| (org.is_none() || member) && !counterpart)
        .and_then(|c| lex.find(EntityKind::Country, c))
        .map(|i| f.lex_entity(lex, i));
    for (w, rule) in [(body, "office.body"), (country, "office.country")] {
        if let Some(w) = w {
            f.fact(
                Relation::PartOf,
                e,
                w,
                sentence,
                Qualifiers::default(),
                rule,
            );
        }
    }
    e
}

fn strip_flags(s: &str) -> String {
    let mut out = s.trim();
    loop {
        let lower = out.to_lowercase();
        let mut changed = false;
        for p in ["acting ", "former ", "ex-", "then-", "new ", "the "] {
            if lower.starts_with(p) {
                out = out[p.len()..].trim_start();
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    out.to_string()
}

#[cfg(test)]
mod tests;
