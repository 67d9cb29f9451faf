//! Offices: title phrases ("U.S. Secretary of Defense", "deputy defense minister for
//! policy", "Chairman of the ROK Joint Chiefs of Staff") parsed into a key that is
//! the same however the title is written: country, rank modifiers, head word,
//! domain and portfolio. A title becomes an office node when it is attached to a
//! person (see `people`), because only then is it a post somebody holds.

use super::Findings;
use super::tokens::Token;
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::EntityKind;
use std::borrow::Cow;

/// What identifies an office, however its title is written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OfficeKey {
    /// Canonical country name, when known.
    pub country: Option<String>,
    /// Rank modifiers, sorted: deputy, assistant, under, vice, senior, prime, lead …
    pub mods: Vec<String>,
    /// Head word: secretary, minister, president, chairman, leader …
    pub head: String,
    /// defense, state, foreign affairs, joint chiefs of staff …
    pub domain: String,
    /// "for …": policy, east asia, security agreements …
    pub portfolio: String,
}

const HEADS: &[&str] = &[
    "secretary",
    "minister",
    "undersecretary",
    "president",
    "chairman",
    "chair",
    "leader",
    "commander",
    "ambassador",
    "negotiator",
    "envoy",
    "director",
    "consul",
    "premier",
    "chancellor",
    "secdef",
    "dasd",
    "spokesperson",
];
/// Whether `w` is one of [`HEADS`] (asked of every word: a `match` compiles to a
/// switch on length, where `contains` compares with each head in turn).
fn is_head_word(w: &str) -> bool {
    let head = matches!(
        w,
        "secretary"
            | "minister"
            | "undersecretary"
            | "president"
            | "chairman"
            | "chair"
            | "leader"
            | "commander"
            | "ambassador"
            | "negotiator"
            | "envoy"
            | "director"
            | "consul"
            | "premier"
            | "chancellor"
            | "secdef"
            | "dasd"
            | "spokesperson"
    );
    debug_assert_eq!(head, HEADS.contains(&w));
    head
}

const MODS: &[&str] = &[
    "deputy",
    "assistant",
    "under",
    "vice",
    "senior",
    "principal",
    "prime",
    "lead",
    "chief",
    "first",
    "general",
];
const FLAGS: &[&str] = &[
    "acting", "former", "ex", "then", "new", "incoming", "outgoing",
];
const DOMAIN_WORDS: &[&str] = &[
    "defense",
    "defence",
    "war",
    "state",
    "national",
    "foreign",
    "affairs",
    "joint",
    "chiefs",
    "staff",
    "unification",
    "homeland",
    "security",
    "interior",
];
const STOP: &[&str] = &[
    "and", "or", "at", "in", "on", "to", "who", "will", "said", "says", "is", "was", "has", "have",
    "had", "led", "the", "a", "with", "from", "by", "as", "that", "which", "since", "during",
    "after", "before", "while",
];

impl OfficeKey {
    /// The key as a string (used in node ids).
    pub fn key_string(&self) -> String {
        let country = self.country.as_deref().unwrap_or("?");
        let mut out = String::with_capacity(
            12 + country.len()
                + self.mods.iter().map(|m| m.len() + 1).sum::<usize>()
                + self.head.len()
                + self.domain.len()
                + self.portfolio.len(),
        );
        out.push_str("office:");
        out.push_str(country);
        out.push('|');
        for (k, m) in self.mods.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(m);
        }
        out.push('|');
        out.push_str(&self.head);
        out.push('|');
        out.push_str(&self.domain);
        out.push('|');
        out.push_str(&self.portfolio);
        out
    }

    /// A readable label: "U.S. Deputy Assistant Secretary of Defense for East Asia".
    pub fn label(&self) -> String {
        // Parts joined by spaces, written into one string.
        let mut out = String::with_capacity(64);
        let mut first = true;
        let mut part = |out: &mut String| {
            if !std::mem::take(&mut first) {
                out.push(' ');
            }
        };
        if let Some(c) = &self.country {
            part(&mut out);
            out.push_str(country_prefix(c));
        }
        let order = [
            "lead",
            "senior",
            "principal",
            "first",
            "prime",
            "vice",
            "deputy",
            "under",
            "assistant",
            "chief",
        ];
        for m in order {
            if self.mods.iter().any(|x| x == m) {
                part(&mut out);
                title_case_into(&mut out, m);
            }
        }
        part(&mut out);
        if self.head == "leader" {
            out.push_str("leader");
        } else {
            title_case_into(&mut out, &self.head);
        }
        if self.mods.iter().any(|m| m == "general") && self.head == "consul" {
            part(&mut out);
            out.push_str("General");
        }
        if !self.domain.is_empty() {
            let prep = if self.domain == "foreign affairs" && self.head == "minister" {
                "for"
            } else {
                "of"
            };
            part(&mut out);
            out.push_str(prep);
            out.push(' ');
            match (self.domain.as_str(), self.country.as_deref()) {
                ("defense", Some("South Korea" | "Philippines")) => {
                    out.push_str("National Defense")
                }
                ("defense", Some("Australia")) => out.push_str("Defence"),
                ("joint chiefs of staff", _) => out.push_str("the Joint Chiefs of Staff"),
                (d, _) => title_case_into(&mut out, d),
            }
        }
        if !self.portfolio.is_empty() {
            let prep = if self.head == "consul" { "in" } else { "for" };
            part(&mut out);
            out.push_str(prep);
            out.push(' ');
            title_case_into(&mut out, &self.portfolio);
        }
        out
    }
}

fn country_prefix(c: &str) -> &str {
    match c {
        "United States" => "U.S.",
        "South Korea" => "ROK",
        "North Korea" => "North Korean",
        "Japan" => "Japanese",
        "Australia" => "Australian",
        "Philippines" => "Philippine",
        "China" => "Chinese",
        "United Kingdom" => "British",
        _ => c,
    }
}

/// `s` with each word capitalised, but for "of", "for", "and", "the" and "in",
/// appended to `out`.
fn title_case_into(out: &mut String, s: &str) {
    for (k, w) in s.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if matches!(w, "of" | "for" | "and" | "the" | "in") {
            out.push_str(w);
            continue;
        }
        // Each part of a hyphenated word: "Indo-Pacific".
        for (n, part) in w.split('-').enumerate() {
            if n > 0 {
                out.push('-');
            }
            let mut c = part.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        }
    }
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

/// Finds the title phrases of a sentence; `lower` holds its tokens in lower case.
pub fn find_titles(toks: &[Token], lower: &[&str], f: &Findings, lex: &Lexicon) -> Vec<TitleSpan> {
    let countries = country_tokens(toks, f);
    let mut out: Vec<TitleSpan> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = strip_ex(lower[i]);
        let is_head = is_head_word(w) || lex.is_office_word(lower[i]);
        // "general" is a head only after "consul"; "president" of a company is not filtered.
        if !is_head || !toks[i].is_word() {
            i += 1;
            continue;
        }
        // Lower-case "president"/"leader" without a modifier is a common noun.
        let mut first = i;
        while first > 0 {
            let p = lower[first - 1];
            if MODS.contains(&p)
                || FLAGS.contains(&p)
                || p == "foreign"
                || p == "affairs"
                || p == "defense"
                || p == "defence"
                || p == "national"
                || p == "war"
                || is_country(&countries, first - 1)
                || (p == "'s" && first >= 2 && is_country(&countries, first - 2))
            {
                first -= 1;
            } else {
                break;
            }
        }
        // "Department of National Defense Senior Undersecretary": a ministry before the
        // title gives its country.
        let mut org_country = None;
        if first > 0
            && let Some(m) = f.mention_at(toks[first - 1].start, Some(EntityKind::Organization))
            && m.end == toks[first - 1].end
            && let Some(c) = f.entities[m.entity]
                .lex
                .and_then(|l| lex.entries[l].country.clone())
        {
            org_country = Some(c);
            while first > 0 && toks[first - 1].start >= m.start {
                first -= 1;
            }
        }
        let mut last = i + 1;
        if w == "consul" && lower.get(last).is_some_and(|x| *x == "general") {
            last += 1;
            if lower.get(last).is_some_and(|x| *x == "in")
                && toks.get(last + 1).is_some_and(|t| t.is_capitalised())
            {
                last += 2;
            }
        }
        // "of Defense", "of the ROK Joint Chiefs of Staff", "for Foreign Affairs".
        while let Some(&p) = lower.get(last) {
            if p == "(" && lower.get(last + 2).is_some_and(|x| *x == ")") {
                last += 3;
                continue;
            }
            if p == "of" || p == "for" {
                let mut j = last + 1;
                let mut taken = 0;
                while j < toks.len() && taken < 6 {
                    let x = lower[j];
                    let t = &toks[j];
                    let ok = DOMAIN_WORDS.contains(&x)
                        || is_country(&countries, j)
                        || (x == "the" && taken == 0)
                        || (x == "of"
                            && taken > 0
                            && lower.get(j + 1).is_some_and(|n| DOMAIN_WORDS.contains(n)))
                        || (p == "for" && is_portfolio_word(t, x, f));
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
        let mut key = parse_key(&lower[first..last], first, &countries);
        if key.country.is_none() {
            key.country = org_country;
        }
        key.head = match w {
            "undersecretary" => "secretary".into(),
            "chair" => "chairman".into(),
            "premier" => "minister".into(),
            other => other.to_string(),
        };
        if w == "undersecretary" && !key.mods.iter().any(|m| m == "under") {
            key.mods.push("under".into());
            key.mods.sort();
        }
        // Lexicon abbreviations: "SecDef", "DASD". (The comparison first: it
        // fails at once on a length that differs, as for nearly every alias.)
        for o in &lex.offices {
            if o.aliases
                .iter()
                .any(|a| a.eq_ignore_ascii_case(toks[i].text) && !a.contains(' '))
            {
                let lw: Vec<String> = o.title.split(' ').map(str::to_lowercase).collect();
                let k = parse_key(&lw, 0, &[]);
                key.mods = k.mods;
                key.head = k.head;
                key.domain = k.domain;
                if key.country.is_none() {
                    key.country = o.country.clone();
                }
            }
        }
        let flag = |x: &str| {
            lower[first..last]
                .iter()
                .any(|w| *w == x || w.starts_with("ex-"))
        };
        let acting = flag("acting")
            || (first >= 3 && lower[first - 1] == "of" && lower[first - 2] == "duties")
            || (first >= 4 && lower[first - 1] == "the" && lower[first - 3] == "duties");
        let former = flag("former") || flag("ex");
        if (w == "president" || w == "leader" || w == "director" || w == "chairman")
            && !toks[i].is_capitalised()
            && key.country.is_none()
            && key.mods.is_empty()
            && key.domain.is_empty()
        {
            i = last;
            continue;
        }
        out.push(TitleSpan {
            first,
            last,
            key,
            acting,
            former,
        });
        i = last.max(i + 1);
    }
    out
}

/// `w` without its leading "ex-"s (what `trim_start_matches("ex-")` gives, without
/// building a substring searcher per word).
fn strip_ex(mut w: &str) -> &str {
    while let Some(rest) = w.strip_prefix("ex-") {
        w = rest;
    }
    w
}

fn is_portfolio_word(t: &Token, x: &str, f: &Findings) -> bool {
    const CAP_OK: &[&str] = &[
        "policy",
        "security",
        "affairs",
        "asia",
        "east",
        "pacific",
        "indo-pacific",
        "national",
        "defense",
        "defence",
        "international",
        "political",
        "military",
        "strategy",
        "plans",
        "acquisition",
        "cooperation",
        "nuclear",
        "deterrence",
        "cyber",
        "space",
        "northeast",
        "southeast",
        "south",
        "central",
        "foreign",
        "global",
        "regional",
        "operations",
        "agreements",
        "negotiations",
        "intelligence",
        "personnel",
        "readiness",
        "logistics",
        "resource",
        "management",
        "planning",
        "korea",
        "japan",
        "china",
        "korean",
        "europe",
        "western",
        "hemisphere",
        "middle",
    ];
    if STOP.contains(&x) || !t.is_word() {
        return false;
    }
    if !t.is_capitalised() {
        return true;
    }
    if CAP_OK.contains(&x) {
        return true;
    }
    if let Some(m) = f.mention_at(t.start, Some(EntityKind::Place)) {
        return m.start <= t.start;
    }
    false
}

/// Parses title words (lower case) into a key; `toks` and `offset` let country
/// tokens be recognised.
fn parse_key<S: AsRef<str>>(lower: &[S], offset: usize, countries: &[Option<&str>]) -> OfficeKey {
    let mut key = OfficeKey::default();
    let mut words: Vec<&str> = Vec::new();
    let mut paren = false;
    for (k, w) in lower.iter().enumerate() {
        if let Some(c) = countries.get(offset + k).copied().flatten() {
            if key.country.is_none() {
                key.country = Some(c.to_string());
            }
            continue;
        }
        let w = strip_ex(w.as_ref());
        match w {
            "(" => paren = true,
            ")" => paren = false,
            _ if paren => {}
            "'s" | "the" => {}
            w if FLAGS.contains(&w) => {}
            "undersecretary" => {
                words.push("under");
                words.push("secretary");
            }
            "defence" | "war" => words.push("defense"),
            w => words.push(w),
        }
    }
    // Split at the head.
    let hpos = words
        .iter()
        .position(|w| HEADS.contains(w))
        .unwrap_or(words.len());
    let mut domain: Vec<&str> = Vec::new();
    for w in &words[..hpos] {
        if MODS.contains(w) {
            key.mods.push(w.to_string());
        } else if DOMAIN_WORDS.contains(w) || *w == "department" || *w == "of" {
            domain.push(w);
        }
    }
    if hpos < words.len() {
        key.head = words[hpos].to_string();
    }
    let mut rest = &words[(hpos + 1).min(words.len())..];
    if key.head == "consul" && rest.first() == Some(&"general") {
        key.mods.push("general".into());
        rest = &rest[1..];
    }
    let mut portfolio: Vec<&str> = Vec::new();
    let mut mode = "";
    for w in rest {
        match *w {
            "of" | "for" | "in" if mode.is_empty() || mode == "of" => {
                mode = if *w == "in" { "for" } else { w }
            }
            w if mode == "of" => domain.push(w),
            w if mode == "for" => {
                if portfolio.is_empty() && DOMAIN_WORDS.contains(&w) && w != "security" {
                    domain.push(w);
                } else {
                    portfolio.push(w);
                }
            }
            _ => {}
        }
    }
    let mut d = domain
        .into_iter()
        .filter(|w| *w != "department" && *w != "of")
        .collect::<Vec<_>>()
        .join(" ");
    d = match d.as_str() {
        "national defense" | "national" => "defense".into(),
        "foreign" => "foreign affairs".into(),
        "joint chiefs staff" | "joint chiefs" => "joint chiefs of staff".into(),
        _ => d,
    };
    key.domain = d;
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
        for t in find_titles(toks, lower, f, lex) {
            let (start, end) = (toks[t.first].start, toks[t.last - 1].end);
            f.titles.push(super::Title {
                start,
                end,
                sentence: si,
                office: t.key,
                surface: doc.text[start..end].to_string(),
                acting: t.acting,
                former: t.former,
            });
        }
    }
}

/// The default country of a title from the lexicon's office list.
pub fn lexicon_country(key: &OfficeKey, lex: &Lexicon) -> Option<String> {
    for o in &lex.offices {
        let Some(c) = &o.country else { continue };
        for form in std::iter::once(&o.title).chain(&o.aliases) {
            let lw: Vec<String> = form.split(' ').map(str::to_lowercase).collect();
            let k = parse_key(&lw, 0, &[]);
            // Rank modifiers don't change the country: a deputy assistant secretary of
            // defense serves where the secretary of defense does.
            if k.head == key.head
                && k.domain == key.domain
                && !k.head.is_empty()
                && !k.domain.is_empty()
            {
                return Some(c.clone());
            }
        }
    }
    None
}

/// Creates (or finds) the office node for title `t`, with `country` decided.
pub fn register(doc: &Document, f: &mut Findings, t: usize, country: Option<String>) -> usize {
    let mut key = f.titles[t].office.clone();
    if key.country.is_none() {
        key.country = country;
    }
    let id = key.key_string();
    // The label is only needed for a new office.
    let e = match f.by_key(&id) {
        Some(e) => e,
        None => f.entity(EntityKind::Office, &id, &key.label()),
    };
    let (s, en) = (f.titles[t].start, f.titles[t].end);
    f.mention(doc, e, s, en);
    // Also the form without flags ("Acting …", "former …") as an alias.
    let surface = f.titles[t].surface.clone();
    let bare = strip_flags(&surface);
    if bare != surface && !bare.is_empty() {
        f.entities[e].aliases.insert(bare);
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
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<(String, String)> {
        let lex = Lexicon::builtin().unwrap();
        let doc = crate::document::Document {
            name: "t".into(),
            meta: Default::default(),
            text: s.to_string(),
            sentences: vec![crate::document::Span {
                start: 0,
                end: s.len(),
            }],
        };
        let mut f = Findings::default();
        super::super::lexical::run(&doc, &lex, &mut f);
        let toks = super::super::tokens::sentence_tokens(&doc);
        let lower = super::super::ascii_lower_copy(&doc.text);
        run(&doc, &toks, lower.as_deref(), &lex, &mut f);
        f.titles
            .iter()
            .map(|t| (t.surface.clone(), t.office.key_string()))
            .collect()
    }

    #[test]
    fn the_same_office_however_written() {
        let a = keys("Deputy Minister for National Defense Policy Kim Min-su spoke.");
        let b = keys("Kim Min-su, the deputy defense minister for policy, spoke.");
        assert_eq!(a[0].1, b[0].1);
        let c = keys("He met Defense Secretary Jane Roe and Secretary of War Jane Roe.");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].1, c[1].1);
        let d = keys(
            "the deputy assistant secretary of defense for East Asia and the Deputy Assistant Defense Secretary for East Asia John Doe",
        );
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].1, d[1].1);
    }

    #[test]
    fn countries_and_flags() {
        let a = keys("Acting U.S. Secretary of Defense John Doe");
        assert_eq!(a[0].1, "office:United States||secretary|defense|");
        let b = keys("the Chairman of the ROK Joint Chiefs of Staff, General Park");
        assert_eq!(
            b[0].1, "office:South Korea||chairman|joint chiefs of staff|",
            "{b:?}"
        );
        let c = keys("South Korea's deputy defense minister for policy and key officials");
        assert_eq!(c[0].0, "South Korea's deputy defense minister for policy");
    }

    #[test]
    fn portfolio_stops_at_a_name() {
        let a = keys("Deputy Assistant Secretary of Defense for East Asia Heino Kline led");
        assert_eq!(
            a[0].0,
            "Deputy Assistant Secretary of Defense for East Asia"
        );
        // A lower-case president is a common noun.
        assert!(keys("the president of the club").is_empty());
    }
}
