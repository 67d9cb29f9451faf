//! Meetings: series (from the lexicon and acronym definitions), instances (from
//! ordinals: "the 14th KIDD"; from the event an article reports, keyed by its date;
//! summits and one-off talks), sessions ("At the … plenary session"), and the
//! facts that come with them: `instance_of`, `held_in`, `part_of`.

mod dated;
mod gatherings;
use dated::event_instance;
mod dating;
mod ordinal;
mod place;
mod runs;
use runs::in_runs;
mod series;
mod succession;
use super::pattern::Pattern;
use super::tokens::{Token, lower_eq};
use super::{Findings, sentence_at};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use crate::resolve::{keys, labels};
use aho_corasick::AhoCorasick;
pub use dating::date_instances;
use memchr::memmem;
use ordinal::{BETWEEN_ORDINAL_AND_SERIES, counts_a_period, counts_for_someone};
use place::{held_in_after, held_in_sentence};
use std::borrow::Cow;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

static DATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:(?P<m>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<d>\d{1,2})(?:\s*-\s*(?P<d2>\d{1,2}))?(?:,\s*(?P<y>\d{4}))?|(?P<d3>\d{1,2})(?:\s*-\s*(?P<d4>\d{1,2}))?\s+(?P<m2>January|February|March|April|May|June|July|August|September|October|November|December)(?:,?\s+(?P<y2>\d{4}))?)\b",
    )
});

static ORDINAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?P<n>\d{1,3})(?:st|nd|rd|th)\b|\b(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|inaugural)\b",
    )
});

static SESSION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?:^|\b)[Aa]t the (?P<p>(?:[a-z][a-z-]*\s+){1,8}(?:plenary session|session|working group meeting|committee meeting))\b",
    )
});

static SUMMIT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:(?:the|their|two|a|historic)\s+)*(?P<p>(?:(?:[A-Z][\w.'-]*|inter-Korean|\d{4})\s+){1,4}[Ss]ummits?)\b",
    )
});

static TALKS_WITH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:held|hold|had|have|holds|has)\s+(?:(?:his|her|their|the|first|separate|bilateral|phone|telephone|video|virtual|in-person)\s+)*(?P<k>(?:phone|telephone|video|bilateral|separate)\s+)?talks\s+with\b|\b(?P<poss>[A-Z][a-z]+)'s\s+(?:(?:first|bilateral|separate)\s+)*(?P<k2>(?:phone|telephone|bilateral)\s+)?talks\s+with\b",
    )
});

/// Words that, in a sentence, say that a meeting takes place.
const EVENT_CUES: &[&str] = &[
    "hold",
    "held",
    "holds",
    "take place",
    "took place",
    "meet",
    "met",
    "convened",
    "opened",
    "kicked off",
    "wrapped up",
    "gathered",
    "gather ",
    "hosted",
    "host ",
    "brought together",
    "convene",
    "upcoming",
    "will lead",
    "led",
    "lead",
    "head",
    "co-chaired",
    "concluded",
    "scheduled",
    "presided",
    "attended",
    "talks",
    "set to",
    "gathering",
];

/// Any of [`EVENT_CUES`], found in one pass rather than one search per cue.
static EVENT_CUE: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(EVENT_CUES).expect("constant patterns"));

/// Whether lower-case `text` holds one of [`EVENT_CUES`].
fn has_event_cue(lower: &str) -> bool {
    EVENT_CUE.is_match(lower)
}

/// A date as the text gives it, normalised: `(label, key)` e.g. ("Nov. 4", "11-04").
pub fn parse_date(
    caps: &super::pattern::Caps,
    doc_year: Option<i32>,
) -> (String, String, Option<i32>) {
    let m = caps
        .name("m")
        .or(caps.name("m2"))
        .map(|m| m.as_str())
        .unwrap_or("");
    let month = MONTHS
        .iter()
        .position(|x| x.starts_with(&m[..m.len().min(3)]))
        .map(|i| i + 1)
        .unwrap_or(0);
    let d: u32 = caps
        .name("d")
        .or(caps.name("d3"))
        .and_then(|x| x.as_str().parse().ok())
        .unwrap_or(0);
    let d2: Option<u32> = caps
        .name("d2")
        .or(caps.name("d4"))
        .and_then(|x| x.as_str().parse().ok());
    let y: Option<i32> = caps
        .name("y")
        .or(caps.name("y2"))
        .and_then(|x| x.as_str().parse().ok())
        .or(doc_year);
    let mname = MONTHS.get(month.wrapping_sub(1)).copied().unwrap_or("");
    let mut label = format!("{mname} {d}");
    let mut key = format!("{month:02}-{d:02}");
    if let Some(d2) = d2 {
        label.push_str(&format!("-{d2}"));
        key.push_str(&format!("/{d2:02}"));
    }
    if let Some(y) = y {
        label.push_str(&format!(", {y}"));
        key = format!("{y}-{key}");
    }
    (label, key, y)
}

/// The number a match of [`ORDINAL`] names. Its groups are read off the match,
/// which is cheaper than asking the regex for them: a match of `n` is digits (no
/// letters) and a suffix, a match of `w` is letters only.
fn ordinal_value(m: &str) -> u32 {
    if !m.starts_with(char::is_alphabetic) {
        let digits = m.find(char::is_alphabetic).map_or(m, |i| &m[..i]);
        return digits.parse().unwrap_or(0);
    }
    let w = m.to_lowercase();
    if w == "inaugural" {
        return 1;
    }
    ORDINAL_WORDS[..12]
        .iter()
        .position(|x| *x == w)
        .map(|i| i as u32 + 1)
        .unwrap_or(0)
}

/// The words an ordinal may be written as (see [`ORDINAL`]), in lower case.
const ORDINAL_WORDS: [&str; 13] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "inaugural",
];

/// The matches of [`ORDINAL`] in `text`, as byte ranges. `lower` is the text's
/// lower-case copy, if it has one (see [`super::ascii_lower_copy`]).
///
/// (Speed) The regex starts at nearly every byte; in ASCII text the ordinals'
/// literals are looked for instead. Both of its branches begin and end at a
/// word boundary and hold word characters only, so a match is a whole word (a
/// maximal run of `[0-9A-Za-z_]`, which is what `\w` is for ASCII text): one to
/// three digits and `st`, `nd`, `rd` or `th` in any case (more digits leave a
/// digit where the suffix must be), or one of [`ORDINAL_WORDS`] in any case.
/// Such a word holds one of [`ordinal_literals`] in the lower-case copy (its
/// last digit and suffix, or itself), and no occurrence that hides it can be
/// reported instead: the literals are word characters only, so none runs over
/// the mark before the word, and none is a prefix of another one.
fn ordinals(text: &str, lower: Option<&str>) -> Vec<std::ops::Range<usize>> {
    let Some(lower) = lower.filter(|l| l.len() == text.len()) else {
        return ORDINAL.find_iter(text).map(|m| m.range()).collect();
    };
    static LITERALS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(ordinal_literals())
            .expect("constant literals")
    });
    let b = lower.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    for m in LITERALS.find_iter(lower) {
        let (mut start, end) = (m.start(), m.end());
        if b[start].is_ascii_digit() {
            // Back over the other digits: three at most.
            while start > 0 && b[start - 1].is_ascii_digit() {
                start -= 1;
            }
            if m.start() - start >= 3 {
                continue;
            }
        }
        if (start > 0 && word(b[start - 1])) || b.get(end).is_some_and(|&c| word(c)) {
            continue;
        }
        out.push(start..end);
    }
    out
}

/// What [`ordinals`] looks for: a digit and a suffix, or an ordinal word.
fn ordinal_literals() -> Vec<String> {
    let mut out: Vec<String> = ORDINAL_WORDS.iter().map(|w| w.to_string()).collect();
    for d in '0'..='9' {
        for suffix in ["st", "nd", "rd", "th"] {
            out.push(format!("{d}{suffix}"));
        }
    }
    out
}

/// Records that `inst` is an instance of `series` (read by `rule` in sentence
/// `s`), and part of the body that holds the series when the lexicon names one
/// (the body's entity is returned).
fn instance_of(
    f: &mut Findings,
    lex: &Lexicon,
    inst: usize,
    series: usize,
    s: usize,
    rule: &'static str,
) -> Option<usize> {
    f.fact(
        Relation::InstanceOf,
        inst,
        series,
        s,
        Qualifiers::default(),
        rule,
    );
    let body = f.entities[series]
        .lex
        .and_then(|l| lex.entries[l].body.as_deref())?;
    let b = lex.find(EntityKind::Organization, body)?;
    let b = f.lex_entity(lex, b);
    f.fact(
        Relation::PartOf,
        inst,
        b,
        s,
        Qualifiers::default(),
        "lexicon.body",
    );
    Some(b)
}

/// A short name for a series: its acronym if it has one.
fn short_name(f: &Findings, series: usize) -> String {
    let e = &f.entities[series];
    e.aliases
        .iter()
        .find(|a| a.len() <= 6 && a.chars().any(|c| c.is_ascii_uppercase()) && !a.contains(' '))
        .cloned()
        .unwrap_or_else(|| e.label.clone())
}

fn series_of_mention(f: &Findings, lex: &Lexicon, m: &super::Mention) -> Option<usize> {
    let e = &f.entities[m.entity];
    if e.kind == EntityKind::Meeting && e.series {
        return Some(m.entity);
    }
    // A body that meets: "the fourth Nuclear Consultative Group" → its meeting series.
    if e.kind == EntityKind::Organization
        && let Some(li) = e.lex
    {
        let name = &lex.entries[li].name;
        return lex
            .entries
            .iter()
            .position(|x| x.body.as_deref() == Some(name) && x.series);
    }
    None
}

/// Where group `p` starts in a match of [`SUMMIT`] (it ends where the match
/// does): after the words the leading `(?:(?:the|their|two|a|historic)\s+)*`
/// takes. (Read off the match, which costs less than capturing the group.) The
/// loop takes as many of those words as it can, and must: none of them can start
/// `p`, whose words start with a capital or a digit, or are "inter-Korean".
fn summit_phrase_start(m: &str) -> usize {
    let mut rest = m;
    'strip: loop {
        for w in ["the", "their", "two", "a", "historic"] {
            if let Some(r) = rest.strip_prefix(w)
                && r.starts_with(char::is_whitespace)
            {
                rest = r.trim_start_matches(char::is_whitespace);
                continue 'strip;
            }
        }
        break;
    }
    m.len() - rest.len()
}

/// Whether "talks", white space and "with" follow each other somewhere in `text`,
/// as in every match of [`TALKS_WITH`] (`\s` is white space as [`char::is_whitespace`]
/// sees it): most texts have no such phrase and need no search.
fn talks_then_with(text: &str) -> bool {
    memmem::find_iter(text.as_bytes(), b"talks").any(|at| {
        let rest = &text[at + 5..];
        let after = rest.trim_start_matches(char::is_whitespace);
        after.len() < rest.len() && after.starts_with("with")
    })
}

/// The sentences of a document in lower case (as [`str::to_lowercase`] gives
/// them). ASCII text lowers byte for byte, so its sentences are slices of one
/// lower-case copy of the text (see [`super::ascii_lower_copy`]); other text is lowered
/// sentence by sentence.
struct Lowered<'d> {
    doc: &'d Document,
    ascii: Option<&'d str>,
}

impl Lowered<'_> {
    /// Sentence `si` in lower case.
    fn sentence(&self, si: usize) -> Cow<'_, str> {
        let sp = self.doc.sentences[si];
        match self.ascii {
            Some(lower) => Cow::Borrowed(&lower[sp.start..sp.end]),
            None => Cow::Owned(self.doc.text[sp.start..sp.end].to_lowercase()),
        }
    }
}

/// Finds meetings and their facts. `lower` is the text's lower-case copy, if it
/// has one (see [`super::ascii_lower_copy`]).
pub fn run(
    doc: &Document,
    sentences: &[Vec<Token>],
    lower: Option<&str>,
    lex: &Lexicon,
    f: &mut Findings,
) {
    let text = &doc.text;
    let lowered = Lowered { doc, ascii: lower };
    let doc_year: Option<i32> = doc
        .meta
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    let q = Qualifiers::default;

    // 0. Series named by their shape; generic aliases of known series.
    let text_series = series::run(doc, lex, f);

    // 1. Ordinal instances: "the 14th Korea-U.S. Integrated Defense Dialogue".
    let mut instances: Vec<(usize, usize)> = Vec::new(); // (instance, series)
    let mut numbered: Vec<(usize, usize, u32)> = Vec::new(); // (instance, series, number)
    for whole in ordinals(text, lower) {
        let n = ordinal_value(&text[whole.clone()]);
        if n == 0 || counts_for_someone(&text[..whole.start]) {
            continue;
        }
        // The series must start within a few words after the ordinal.
        let after = whole.end;
        let limit = (after + 90).min(text.len());
        let window_end = text[after..]
            .bytes()
            .take(limit - after)
            .position(|b| b == b'\n')
            .map_or(limit, |i| after + i);
        let mut found = None;
        for m in f.starting_in(after..window_end) {
            if let Some(series) = series_of_mention(f, lex, m) {
                let between = &text[after..m.start];
                let ok = between.split_whitespace().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c == '(')
                        || BETWEEN_ORDINAL_AND_SERIES.contains(&w)
                });
                if ok && found.is_none_or(|(s, _, _): (usize, usize, usize)| m.start < s) {
                    found = Some((m.start, m.end, series));
                }
            }
        }
        let Some((_, mut end, series_or_lex)) = found else {
            continue;
        };
        let series = if f
            .entities
            .get(series_or_lex)
            .is_some_and(|e| e.series && e.kind == EntityKind::Meeting)
            && f.ending_at(end).any(|m| m.entity == series_or_lex)
        {
            series_or_lex
        } else {
            f.lex_entity(lex, series_or_lex)
        };
        // A series named in brackets ("… Ministerial Meeting (2+2)") takes its closing bracket.
        let mut lo = end.saturating_sub(80);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        if text[lo..end]
            .rfind('(')
            .is_some_and(|o| !text[lo + o..end].contains(')'))
            && text[end..].starts_with([')', '"', '”'])
        {
            end += text[end..].find(')').map_or(0, |i| i + 1);
        }
        // "(NCG)" after the name, "Meeting" after a body.
        let rest = &text[end..];
        if let Some(r) = rest
            .strip_prefix(" (")
            .and_then(|r| r.find(')').map(|i| i + 3))
            && r < 12
        {
            end += r;
        }
        // "the second KIDD of the year", "the first AUSMIN since …", "the first NCG
        // session for Kim": the ordinal counts meetings of a period or of a person,
        // it is not the meeting's number.
        let lower_after = lower.filter(|l| l.len() == text.len()).map(|l| &l[end..]);
        if counts_a_period(&text[end..], lower_after) {
            continue;
        }
        // "14th KIDD" and the like, joined from their parts (cheaper than `format!`).
        let mut digits = itoa::Buffer::new();
        let num = digits.format(n);
        let label = labels::ordinal(num, n, &f.entities[series].label);
        let key = keys::ordinal(&f.entities[series].key, num);
        let inst = f.entity(EntityKind::Meeting, &key, &label);
        let short = labels::ordinal(num, n, &short_name(f, series));
        f.entities[inst].aliases.insert(short);
        f.mention(doc, inst, whole.start, end);
        let s = sentence_at(doc, whole.start);
        if let Some(b) = instance_of(f, lex, inst, series, s, "meeting.instance_ordinal") {
            f.fact(Relation::PartOf, series, b, s, q(), "lexicon.body");
        }
        // "the 30th KIDD in Seoul".
        held_in_after(doc, f, inst, end);
        instances.push((inst, series));
        numbered.push((inst, series, n));
    }
    // Consecutive numbers of one series: the later succeeded the earlier.
    for &(a, sa, na) in &numbered {
        for &(b, sb, nb) in &numbered {
            if sa == sb && na == nb + 1 {
                let s = f.first_mention(a).map(|m| m.sentence).unwrap_or(0);
                f.fact(
                    Relation::Succeeded,
                    a,
                    b,
                    s,
                    q(),
                    "meeting.succeeded_number",
                );
            }
        }
    }

    // 1b. Dated instances: "the Trilateral Ministerial Meeting on June 2, 2024 in Singapore".
    for (inst, series) in dated::run(doc, lex, f, doc_year) {
        if !instances.iter().any(|&(i, _)| i == inst) {
            instances.push((inst, series));
        }
    }

    // 1c. Meetings of a grouping's members: "AUKUS Defence Ministers met in London".
    for pair in gatherings::members_met(doc, f) {
        if !instances.contains(&pair) {
            instances.push(pair);
        }
    }

    // The parties named in a series' name attend each of its instances.
    for &(inst, series) in &instances {
        // Only an instance whose own mention names them ("the 8th Japan-Australia …",
        // not "the seventh 2+2"); the reported event gets them below.
        let named = f.mentions.iter().any(|m| {
            m.entity == inst
                && f.mentions.iter().any(|c| {
                    c.start >= m.start
                        && c.end <= m.end
                        && f.entities[c.entity].kind == EntityKind::Country
                })
        });
        if !named {
            continue;
        }
        if let Some(t) = text_series.iter().find(|t| t.entity == series) {
            let s = f.first_mention(inst).map(|m| m.sentence).unwrap_or(0);
            for &c in &t.parties {
                f.fact(
                    Relation::Attended,
                    c,
                    inst,
                    s,
                    q(),
                    "meeting.attended_parties",
                );
            }
        }
    }

    // 2. Summits: "the April 2023 summit", "the U.S.-North Korea summit in Singapore".
    // Every match holds "ummit": a text without it needs no regex search.
    let summits = if text.contains("ummit") {
        SUMMIT.find_iter(text).collect()
    } else {
        Vec::new()
    };
    for m in summits {
        let phrase = &m.as_str()[summit_phrase_start(m.as_str())..];
        // A name does not run over a line break ("… in The Hague.\nThe 2025 … summit").
        let phrase = phrase.rsplit('\n').next().unwrap_or(phrase);
        let p_end = m.end();
        let first = phrase.split_whitespace().next().unwrap_or("");
        if matches!(
            first,
            "The" | "A" | "This" | "That" | "At" | "During" | "In"
        ) && phrase.split_whitespace().count() == 2
        {
            continue;
        }
        let phrase = phrase
            .trim_start_matches("The ")
            .trim_start_matches("During the ")
            .trim_start_matches("At the ");
        let start = p_end - phrase.len();
        let norm = phrase
            .trim_end_matches('s')
            .trim_end_matches("Summit")
            .trim_end_matches("summit")
            .trim();
        if norm.is_empty() {
            continue;
        }
        let label = [norm, " summit"].concat();
        let key = keys::summit(norm);
        let e = f.entity(EntityKind::Meeting, &key, &label);
        f.mention(doc, e, start, p_end);
        // "… summit in Singapore", "… summits in Panmunjom".
        held_in_after(doc, f, e, p_end);
        // "the Camp David summit": a summit named after its place.
        let named_place = f
            .starting_in(start..p_end)
            .find(|m| m.end <= p_end && f.entities[m.entity].kind == EntityKind::Place)
            .map(|m| (m.entity, m.sentence));
        if let Some((place, si)) = named_place {
            f.fact(Relation::HeldIn, e, place, si, q(), "meeting.held_in_name");
        } else if let Some(end) = gatherings::place_right_after(doc, f, p_end) {
            // "the U.S.-Japan-ROK summits at Phnom Penh": the name with its place.
            f.mention(doc, e, start, end);
        }
        // "the NATO summit": held by the body its name carries.
        let body = f
            .starting_in(start..p_end)
            .find(|m| m.end <= p_end && f.entities[m.entity].kind == EntityKind::Organization)
            .map(|m| (m.entity, m.sentence));
        if let Some((b, si)) = body {
            f.fact(Relation::PartOf, e, b, si, q(), "meeting.part_of_name");
        }
    }
    gatherings::body_meetings(doc, f);
    gatherings::month_summits(doc, f);
    gatherings::group_summits(doc, f);

    // 3. Sessions of the reported event: "At the deterrence strategy committee plenary session".
    let mut sessions: Vec<(usize, usize)> = Vec::new(); // (entity, sentence)
    for c in SESSION.captures_iter(text) {
        let p = c.name("p").expect("group");
        let s = sentence_at(doc, p.start());
        let key = keys::session(p.as_str());
        let e = f.entity(EntityKind::Meeting, &key, p.as_str());
        f.mention(doc, e, p.start(), p.end());
        sessions.push((e, s));
    }

    // 4. One-off talks: "X held phone talks with Y".
    let mut oneoff: Vec<(usize, usize)> = Vec::new();
    let mut unnamed: Vec<(String, usize, usize, usize)> = Vec::new(); // (kind, start, end, sentence)
    // (Speed) Every match holds "talks", and no mark but '\'' and '-'.
    let talks = if talks_then_with(text) {
        in_runs(&TALKS_WITH, text, &["talks"])
    } else {
        Vec::new()
    };
    for c in talks {
        let whole = c.get(0).expect("match");
        let s = sentence_at(doc, whole.start());
        // Talks held for a named meeting are that meeting.
        if f.sentence_mentions(s).any(|m| {
            let e = &f.entities[m.entity];
            e.kind == EntityKind::Meeting && e.series
        }) {
            continue;
        }
        let kind = c
            .name("k")
            .or(c.name("k2"))
            .map(|k| k.as_str().trim())
            .unwrap_or("");
        // The two sides: the possessor or the person before the verb, and the
        // person after "with".
        let sp = doc.sentences[s];
        let person_in = |f: &Findings, a: usize, b: usize, last: bool| {
            let it = f
                .mentions
                .iter()
                .filter(|m| m.start >= a && m.end <= b)
                .filter(|m| f.entities[f.canonical(m.entity)].kind == EntityKind::Person);
            if last {
                it.max_by_key(|m| m.start)
            } else {
                it.min_by_key(|m| m.start)
            }
            .map(|m| f.canonical(m.entity))
        };
        let host = match c.name("poss") {
            Some(p) => person_in(f, p.start(), p.end(), false),
            None => person_in(f, sp.start, whole.start(), true),
        };
        let guest = person_in(f, whole.end(), sp.end, false);
        let talks_at = whole
            .as_str()
            .find("talks")
            .map(|i| whole.start() + i)
            .unwrap_or(whole.start());
        let kstart = c
            .name("k")
            .or(c.name("k2"))
            .map(|k| k.start())
            .unwrap_or(talks_at);
        // Talks of nobody named ("the minister held phone talks with his counterpart")
        // are the talks of that kind the text names elsewhere, if any (read below).
        if host.is_none() && guest.is_none() {
            unnamed.push((kind.to_string(), kstart, talks_at + 5, s));
            continue;
        }
        let surname =
            |f: &Findings, p: usize| labels::surname_in(&f.entities[p].label, lex).to_string();
        let what = if kind.is_empty() {
            "talks".to_string()
        } else {
            format!("{kind} talks")
        };
        let label = match (host, guest) {
            (Some(h), Some(g)) => format!("{}-{} {what}", surname(f, h), surname(f, g)),
            _ => what,
        };
        let key = keys::talks(&doc.name, whole.start());
        let e = f.entity(EntityKind::Meeting, &key, &label);
        for p in [host, guest].into_iter().flatten() {
            f.fact(Relation::Led, p, e, s, q(), "lead.talks_with");
        }
        f.mention(doc, e, kstart, talks_at + 5);
        oneoff.push((e, s));
    }
    oneoff.extend(gatherings::held_meetings(doc, lex, f));
    gatherings::due_to_meet(doc, lex, f);
    gatherings::purpose_meetings(doc, f);
    for (kind, start, end, s) in unnamed {
        let same = oneoff.iter().map(|&(e, _)| e).find(|&e| {
            let l = &f.entities[e].label;
            kind.is_empty() || l.ends_with(&[" ", kind.as_str(), " talks"].concat())
        });
        if let Some(e) = same {
            f.mention(doc, e, start, end);
            oneoff.push((e, s));
        }
    }

    // 5. The event the article reports: the first meeting named in a sentence that
    // says a meeting takes place.
    let mut event: Option<usize> = None;
    'find: for si in 0..doc.sentences.len() {
        if !has_event_cue(&lowered.sentence(si)) {
            continue;
        }
        for m in f.in_sentence(si) {
            let e = &f.entities[m.entity];
            if e.kind != EntityKind::Meeting || keys::of_session(&e.key) || keys::of_summit(&e.key)
            {
                continue;
            }
            if let Some(&(inst, _)) = instances.iter().find(|(i, _)| *i == m.entity) {
                event = Some(inst);
                break 'find;
            }
            if oneoff.iter().any(|(o, _)| *o == m.entity) {
                event = Some(m.entity);
                break 'find;
            }
            if e.series {
                // An ordinal instance of this series elsewhere in the text is the event.
                // An instance named by this very mention ("… for the annual SCM" with
                // a time), else a numbered instance of the series elsewhere.
                let here = instances.iter().find(|&&(i, s)| {
                    s == m.entity
                        && f.starting_in(m.start..m.start + 1)
                            .any(|x| x.entity == i && x.end == m.end)
                });
                if let Some(&(inst, _)) = here {
                    event = Some(inst);
                } else if let Some(&(inst, _, _)) = numbered.iter().find(|(_, s, _)| *s == m.entity)
                {
                    event = Some(inst);
                } else {
                    event = Some(event_instance(doc, lex, f, m.entity, doc_year));
                }
                break 'find;
            }
        }
    }
    f.event = event;
    gatherings::drop_orgs_inside_names(doc, f);
    let Some(ev) = event else { return };

    // The event's references: "the talks", "the meeting", "the dialogue".
    for toks in sentences {
        for w in toks.windows(2) {
            // (Speed) An ASCII word is compared without a call (`lower_eq` does the
            // same).
            let (t, heads) = (w[1].text, ["talks", "meeting", "dialogue", "gathering"]);
            if matches!(w[0].text, "the" | "The")
                && if t.is_ascii() {
                    heads.iter().any(|h| t.eq_ignore_ascii_case(h))
                } else {
                    heads.iter().any(|h| lower_eq(t, h))
                }
            {
                f.mention(doc, ev, w[0].start, w[1].end);
            }
        }
    }
    // Series mentions count as references to the event when no ordinal instance is in play.
    let ev_series = f
        .facts
        .iter()
        .find(|x| x.relation == Relation::InstanceOf && x.source == ev)
        .map(|x| x.target);
    if let Some(series) = ev_series {
        succession::run(doc, f, ev, series);
        // The parties named in a found series' name attend the event too.
        if let Some(t) = text_series.iter().find(|t| t.entity == series) {
            let s = f.first_mention(ev).map_or(0, |m| m.sentence);
            for &c in &t.parties {
                f.fact(
                    Relation::Attended,
                    c,
                    ev,
                    s,
                    q(),
                    "meeting.attended_parties",
                );
            }
        }
    }
    // held_in: the event's place.
    for si in 0..doc.sentences.len() {
        let refers = f
            .sentence_mentions(si)
            .any(|m| m.entity == ev || Some(m.entity) == ev_series)
            || {
                let lower = lowered.sentence(si);
                lower.contains(" talks ") && (lower.contains(" hold ") || lower.contains(" held "))
            };
        if !refers {
            continue;
        }
        held_in_sentence(doc, &lowered, lex, f, ev, ev_series, si);
    }
    // The lead tells of the reported gathering without naming it: "Officials of
    // both countries gathered Wednesday in Seoul …".
    let placed = |f: &Findings| {
        f.facts
            .iter()
            .any(|x| x.relation == Relation::HeldIn && x.source == ev)
    };
    for si in 0..doc.sentences.len().min(2) {
        if placed(f) {
            break;
        }
        let other = f.sentence_mentions(si).any(|m| {
            f.entities[m.entity].kind == EntityKind::Meeting
                && m.entity != ev
                && Some(m.entity) != ev_series
        });
        // A sentence, not a headline (which ends without a stop).
        let sp = doc.sentences[si];
        let stop = doc.text[sp.start..sp.end]
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '\''))
            .ends_with(['.', '!', '?']);
        if !other && stop {
            held_in_sentence(doc, &lowered, lex, f, ev, ev_series, si);
        }
    }
    for (sess, _) in &sessions {
        f.fact(
            Relation::PartOf,
            *sess,
            ev,
            f.first_mention(*sess).map(|m| m.sentence).unwrap_or(0),
            q(),
            "meeting.part_of_session",
        );
    }
}

#[cfg(test)]
mod tests;
