//! Agendas: what a meeting, or its parties, discussed or agreed. The cue phrases
//! are data (`data/agenda.toml`, see [`cues`]): a cue opens a list (or, for
//! "… on the agenda", closes one); the list is split on commas and "and" without
//! breaking names the lexicon knows; each item is a lexicon topic or agreement, a
//! named agreement, or a new topic (under a cue of discussing) or agreement (under
//! a cue of agreeing) named by the item.
//!
//! The subject is the session whose paragraph the sentence sits in, a meeting
//! named in the sentence, or the event the article reports; the parties named as
//! the grammatical subject of a cue of agreeing ("Japan and Australia
//! reaffirmed …", "The United States pledged …") agree too: both parties with the
//! meeting, one party alone (and the meeting then only discussed it).

pub mod agreed;
pub mod bonds;
pub mod conjuncts;
pub mod cues;
pub mod items;
pub mod names;
pub mod parties;

use super::Findings;
use super::tokens::lower;
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use crate::resolve::keys;
use cues::{CUES, Cue};
use items::{acceptable, clean, list_end, split_items};
use parties::{Parties, parties};
use regex::Regex;
use std::sync::LazyLock;

/// Words that only place or size a name.
const NAME_FILLER: &[&str] = &[
    "s", "the", "of", "region", "regions", "broader", "wider", "entire", "whole", "area", "areas",
    "and", "in", "around",
];

/// A clause "when …" on a date ("in 2015, when the sides approved"), up to a cue:
/// an earlier event, not the meeting's agenda.
static PAST_WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:19|20)\d\d|january|february|march|april|may|june|july|august|september|october|november|december),?\s+when\s+[^,;]*$").expect("constant regex")
});

/// Finds agenda items and the meeting (or parties) that discussed or agreed them.
/// `lower` is the text's lower-case copy, if it has one (see
/// [`super::ascii_lower_copy`]).
pub fn run(doc: &Document, lex: &Lexicon, lower: Option<&str>, f: &mut Findings) {
    names::run(doc, lex, f);
    bonds::run(doc, f);
    let cues = &*CUES;
    // Session paragraphs: a session rules from its sentence to the end of the paragraph.
    let sessions: Vec<(usize, usize)> = f
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| keys::is_session(&e.key))
        .filter_map(|(i, _)| f.first_mention(i).map(|m| (i, m.sentence)))
        .collect();
    let paragraph_end = |s: usize| -> usize {
        let mut e = s;
        while e + 1 < doc.sentences.len()
            && !doc.text[doc.sentences[e].end..doc.sentences[e + 1].start].contains('\n')
        {
            e += 1;
        }
        e
    };
    // Most sentences have no cue: their words say so, read in one pass over the
    // text.
    let may_cue = cues.pattern.may_match_in(&doc.text, lower, &doc.sentences);
    for (si, sp) in doc.sentences.iter().enumerate() {
        let sent = &doc.text[sp.start..sp.end];
        if !may_cue[si] {
            continue;
        }
        let mut caps = cues.matches(sent);
        // "sites covered by the agreement": a passive participle is no cue.
        caps.retain(|(m, _)| !sent[m.end()..].starts_with("by "));
        if caps.is_empty() {
            continue;
        }
        // The subject.
        let session = sessions
            .iter()
            .filter(|(_, s)| *s <= si && si <= paragraph_end(*s))
            .map(|(e, _)| *e)
            .next_back();
        // (Speed) Asked only when needed; the kind first, the words before after.
        let named = || {
            f.sentence_mentions(si)
                .find(|m| {
                    let x = &f.entities[m.entity];
                    x.kind == EntityKind::Meeting
                        && !x.series
                        && !keys::of_session(&x.key)
                        && !keys::of_summit(&x.key)
                        && !earlier_meeting(&doc.text[sp.start..m.start])
                })
                .map(|m| m.entity)
        };
        let meeting = session
            .or_else(|| parties::opening_meeting(doc, f, si))
            .or_else(named)
            .or(f.event);
        // Each cue's items run to the next cue.
        let starts: Vec<usize> = caps.iter().map(|(m, _)| m.start()).collect();
        for (k, &(m, cue)) in caps.iter().enumerate() {
            if cue.before {
                let head = before_items(&sent[..m.start()]);
                let from = sp.start + (head.as_ptr() as usize - sent.as_ptr() as usize);
                if meeting.is_some() {
                    for (a, b) in split_items(f, from, head) {
                        item(doc, f, meeting, &Parties::default(), si, a, b, cue);
                    }
                }
                continue;
            }
            // "did not discuss", "is not expected to take up": nothing was.
            if negated(&sent[..m.start()]) {
                continue;
            }
            // "since April 2015, when the two governments approved …": an earlier
            // event, told in a clause on its date.
            if sent[..m.start()].contains(" when ") && PAST_WHEN.is_match(&sent[..m.start()]) {
                continue;
            }
            // "as agreed to at/by …": a passive, whose agreement came before.
            if cue.relation == Relation::Agreed
                && sent[..m.start()]
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("as"))
            {
                continue;
            }
            // "we will agree on the targets", "expected to sign": not agreed yet.
            let later;
            // "… as highlighted by the signing of the treaty": a signing the
            // sentence cites as an agent, whose signatories are others.
            let cited = cue.relation == Relation::Agreed && {
                let b = sent[..m.start()].trim_end().to_lowercase();
                b.ends_with(" by the") || b.ends_with(" by")
            };
            let future = cited
                || cue.relation == Relation::Agreed && parties::prospective(&sent[..m.start()]);
            let cue = if future {
                later = Cue {
                    id: cue.id.clone(),
                    rule: cue.rule,
                    relation: Relation::Discussed,
                    clause: cue.clause,
                    before: false,
                    names_agreements: cue.names_agreements,
                };
                &later
            } else {
                cue
            };
            let until = starts.get(k + 1).copied().unwrap_or(sent.len());
            let from = sp.start + m.end();
            let full = &doc.text[from..sp.start + until.max(m.end())];
            let rest = list_end(full);
            // A cue of discussing may report a pledge ("underscored its commitment
            // to …"): its subject agreed that.
            let mut parties = if !future {
                parties(doc, lex, f, sp.start, sp.start + m.start())
            } else {
                Parties::default()
            };
            // Under a cue of discussing, a joint pledge is the meeting's; one
            // party's pledge stays its own.
            if cue.relation == Relation::Discussed && parties.joint {
                parties.named.clear();
            }
            // "The meeting comes after Seoul and Washington agreed to …": agreed
            // before, elsewhere; only the parties named as its subject agreed.
            let meeting =
                if cue.relation == Relation::Agreed && parties::agreed_before(&sent[..m.start()]) {
                    None
                } else {
                    meeting
                };
            // With no meeting, only parties named as the subject agree.
            if meeting.is_none() && parties.named.is_empty() {
                continue;
            }
            // "assessed that …", "noted that …": a clause, not a list.
            let that = doc.text[from..sp.end]
                .get(..5)
                .is_some_and(|w| w.eq_ignore_ascii_case("that "));
            if cue.clause || that {
                clause(doc, f, meeting, &parties, si, from, from + rest.len(), cue);
                continue;
            }
            // "the situation in the East China Sea, Taiwan, and the Korean
            // Peninsula": a head before a place carries over to the bare places after it.
            let mut carried: Option<String> = None;
            let mut previous: Option<(usize, usize)> = None;
            let list = split_items(f, from, rest);
            let last = list.len().saturating_sub(1);
            for (k, &(a, b)) in list.iter().enumerate() {
                // "… and to deepen cooperation, closing the dialogue": a last part
                // in "-ing" after a comma, in a list already closed by "and", is a
                // clause of the sentence ("…, and countering terrorism" is an item).
                if k == last
                    && k > 0
                    && doc.text[list[k - 1].1..a] == *", "
                    && doc.text[list[0].0..list[k - 1].1].contains(" and ")
                    && doc.text[a..b]
                        .split_whitespace()
                        .next()
                        .is_some_and(conjuncts::is_gerund)
                {
                    continue;
                }
                // "…, to Camp Humphreys, a sprawling base in Pyeongtaek": an
                // appositive describes the place before it; it is no item.
                let appositive = previous.replace((a, b)).is_some_and(|(pa, pb)| {
                    doc.text[pb..a] == *", "
                        && (doc.text[a..b].starts_with("a ") || doc.text[a..b].starts_with("an "))
                        && f.ending_at(pb).any(|m| {
                            m.start >= pa
                                && f.entities[f.canonical(m.entity)].kind == EntityKind::Place
                        })
                });
                // "…, and to advance the alliance's priorities": a purpose, no item.
                let purpose = cue.relation == Relation::Discussed
                    && a > from
                    && doc.text[a..b].trim_start().starts_with("to ");
                if appositive || purpose {
                    continue;
                }
                if let Some(head) = &carried
                    && let Some((start, end)) = bare_place(doc, f, a, b)
                {
                    let label = format!("{head} {}", &doc.text[start..end]);
                    // No mention: the place's name is no name of the topic.
                    let _ = (start, end);
                    let e = f.entity(EntityKind::Topic, &keys::topic(&label), &label);
                    state(f, meeting, &parties, si, e, cue);
                    continue;
                }
                // (Speed) The item cleaned once, for its head and for the item.
                let cleaned = (a < b).then(|| clean(&doc.text[a..b]));
                carried = place_head(doc, f, a, b, cleaned.as_ref());
                if let Some(cleaned) = cleaned {
                    item_cleaned(doc, f, meeting, &parties, si, a, b, cue, cleaned);
                }
            }
            // "issues, in particular those that bear on trade, such as A and B": the
            // examples after a clause the list ended at are items too.
            if let Some(k) = full[rest.len()..].find(" such as ") {
                let off = rest.len() + k + " such as ".len();
                let examples = list_end(&full[off..]);
                for (a, b) in split_items(f, from + off, examples) {
                    item(doc, f, meeting, &parties, si, a, b, cue);
                }
            }
        }
    }
}

/// The span of an item that is only the name of a place or country ("Taiwan",
/// "the Korean Peninsula"), with its article.
fn bare_place(doc: &Document, f: &Findings, a: usize, b: usize) -> Option<(usize, usize)> {
    let raw = &doc.text[a..b];
    let start = a + (raw.len() - raw.trim_start().len());
    let end = a + raw.trim_end_matches(['.', ',', ';', ' ']).len();
    let name_start = doc.text[start..end]
        .strip_prefix("the ")
        .map_or(start, |_| start + 4);
    f.mentions
        .iter()
        .any(|m| {
            (m.start == name_start || m.start == start)
                && m.end == end
                && matches!(
                    f.entities[f.canonical(m.entity)].kind,
                    EntityKind::Place | EntityKind::Country
                )
        })
        .then_some((start, end))
}

/// "situation in" of an item "the situation in the East China Sea": a noun and a
/// preposition before a place's name that ends the item.
/// `cleaned`: [`clean`] of the item, when done already.
fn place_head(
    doc: &Document,
    f: &Findings,
    a: usize,
    b: usize,
    cleaned: Option<&(String, usize, usize)>,
) -> Option<String> {
    let own;
    let (label, off, off_end) = match cleaned {
        Some(c) => c,
        None => {
            own = clean(&doc.text[a..b]);
            &own
        }
    };
    let (off, off_end) = (*off, *off_end);
    let end = a + off_end;
    let place = f
        .mentions
        .iter()
        .filter(|m| m.end == end && m.start >= a + off)
        .find(|m| {
            matches!(
                f.entities[f.canonical(m.entity)].kind,
                EntityKind::Place | EntityKind::Country
            )
        })?;
    let before = doc.text[a + off..place.start].trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    if before.is_empty() {
        return None;
    }
    let words: Vec<&str> = before.split(' ').collect();
    let [noun, prep] = words[..] else {
        return None;
    };
    (label.len() > before.len()
        && noun.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && matches!(prep, "in" | "on" | "at" | "around" | "across" | "along"))
    .then(|| format!("{noun} {prep}"))
}

/// The items of a sentence whose cue comes after them: from its start to the verb
/// ("Trade and energy are also expected to be on the agenda").
fn before_items(head: &str) -> &str {
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s+(?:is|are|was|were|will|would|could|should|may|might|remain|remains|be|also|likely|expected)\b.*$").expect("constant regex")
    });
    let head = match VERB.find(head) {
        Some(m) => &head[..m.start()],
        None => head,
    };
    // A leading clause ("As in past years, …") is no item.
    match head.rfind(", ") {
        Some(i) if head[..i].split_whitespace().count() <= 4 => &head[i + 2..],
        _ => head,
    }
}

/// A clause after "agreed that": its named topics and agreements.
#[allow(clippy::too_many_arguments)]
fn clause(
    doc: &Document,
    f: &mut Findings,
    meeting: Option<usize>,
    parties: &Parties,
    si: usize,
    a: usize,
    b: usize,
    cue: &Cue,
) {
    let inside: Vec<usize> = f
        .mentions
        .iter()
        .filter(|m| m.start >= a && m.end <= b)
        .filter(|m| {
            matches!(
                f.entities[m.entity].kind,
                EntityKind::Topic | EntityKind::Agreement
            )
        })
        .map(|m| m.entity)
        .collect();
    // "concurred that the armistice and the accord contributed to peace": a
    // judgement of what was, in which the agreements are only discussed.
    let sentence_end = doc.sentences[si].end;
    if cue.relation == Relation::Agreed && agreed::assessment(&doc.text[a..sentence_end]) {
        let discussed = Cue {
            id: cue.id.clone(),
            rule: cue.rule,
            relation: Relation::Discussed,
            clause: true,
            before: false,
            names_agreements: false,
        };
        for e in inside {
            state(f, meeting, parties, si, e, &discussed);
        }
        return;
    }
    // Only the clause's subject is what was agreed: "agreed that the sanctions
    // will stay until the North takes steps towards denuclearization".
    if let Some(&e) = inside.first() {
        state(f, meeting, parties, si, e, cue);
    }
}

/// Records what the meeting and its parties did with `e`.
fn state(
    f: &mut Findings,
    meeting: Option<usize>,
    parties: &Parties,
    si: usize,
    e: usize,
    cue: &Cue,
) {
    let q = Qualifiers::default;
    let agreement = f.entities[e].kind == EntityKind::Agreement;
    if cue.relation != Relation::Agreed || !agreement {
        if let Some(meeting) = meeting
            && !f.has_fact(Relation::Agreed, meeting, e)
        {
            f.fact(Relation::Discussed, meeting, e, si, q(), cue.rule);
        }
        return;
    }
    let one_sided = !parties.joint && !parties.named.is_empty();
    for &p in &parties.named {
        f.fact(Relation::Agreed, p, e, si, q(), cue.rule);
    }
    let Some(meeting) = meeting else {
        return;
    };
    if one_sided {
        if !f.has_fact(Relation::Agreed, meeting, e) {
            f.fact(Relation::Discussed, meeting, e, si, q(), cue.rule);
        }
    } else {
        f.fact(Relation::Agreed, meeting, e, si, q(), cue.rule);
        // An agreement agreed is not also discussed.
        if let Some(i) = f
            .facts
            .iter()
            .position(|x| x.relation == Relation::Discussed && x.source == meeting && x.target == e)
        {
            // It becomes a copy of the agreed fact, which resolution folds into one.
            f.facts[i].relation = Relation::Agreed;
            f.fact_index.remove(&(Relation::Discussed, meeting, e));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn item(
    doc: &Document,
    f: &mut Findings,
    meeting: Option<usize>,
    parties: &Parties,
    si: usize,
    a: usize,
    b: usize,
    cue: &Cue,
) {
    if a >= b {
        return;
    }
    let cleaned = clean(&doc.text[a..b]);
    item_cleaned(doc, f, meeting, parties, si, a, b, cue, cleaned);
}

/// [`item`], with the item's [`clean`] done already.
#[allow(clippy::too_many_arguments)]
fn item_cleaned(
    doc: &Document,
    f: &mut Findings,
    meeting: Option<usize>,
    parties: &Parties,
    si: usize,
    a: usize,
    b: usize,
    cue: &Cue,
    cleaned: (String, usize, usize),
) {
    let raw = &doc.text[a..b];
    // Lexicon topics and agreements inside the item (its label: not in the words
    // the label drops, "… based on the leaders' agreement").
    // (Speed) The item cleaned once, for every use below.
    let (off, off_end) = (cleaned.1, cleaned.2);
    let inside: Vec<(usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| m.start >= a + off && m.end <= a + off_end.max(off))
        .filter(|m| {
            matches!(
                f.entities[m.entity].kind,
                EntityKind::Topic | EntityKind::Agreement
            )
        })
        .map(|m| (m.entity, m.start))
        .collect();
    if !inside.is_empty() {
        // "pledged to strengthen their cooperation for the transition": an aim
        // that mentions an agreement does not agree it; one whose object is the
        // agreement ("promoting a free and open Indo-Pacific") does.
        let (label, off) = (&cleaned.0, cleaned.1);
        let aim = is_aim(label)
            && !inside.iter().any(|&(_, at)| {
                let verb_end = a + off + label.split(' ').next().unwrap_or("").len();
                at >= verb_end
                    && doc.text.get(verb_end..at).is_some_and(|between| {
                        between
                            .split_whitespace()
                            .all(|w| matches!(w.to_lowercase().as_str(), "a" | "an" | "the"))
                    })
            });
        let discussed = Cue {
            id: cue.id.clone(),
            rule: cue.rule,
            relation: Relation::Discussed,
            clause: false,
            before: false,
            names_agreements: false,
        };
        for (e, _) in inside {
            state(
                f,
                meeting,
                parties,
                si,
                e,
                if aim { &discussed } else { cue },
            );
        }
        return;
    }
    // A segment that names a meeting or a person is no topic (but an agreement
    // may name one in its complement: "early conclusion of the talks").
    // Only the object of a light verb may ("report the results to the SCM" is an
    // errand, not an agreement); a series may head one ("the KIDD meetings").
    let light = cue.names_agreements && agreed::strip_light_verb(&cleaned.0).1 > 0;
    let series_head = cue.names_agreements && agreed::names_series(&cleaned.0);
    let complement = if light {
        a + agreed::complement_start(raw)
    } else {
        b
    };
    if f.mentions.iter().any(|m| {
        m.start >= a
            && m.start < complement
            && !((light || series_head) && f.entities[f.canonical(m.entity)].series)
            && m.end <= b
            && matches!(
                f.entities[f.canonical(m.entity)].kind,
                EntityKind::Meeting | EntityKind::Person
            )
    }) {
        return;
    }
    let (mut label, mut off, mut off_end) = cleaned;
    // "commitment to the defense of Japan through the full range of its
    // capabilities": the means are no part of the pledge.
    if is_pledge(&label)
        && let Some(k) = label.find(" through ")
        && off + k <= off_end
    {
        off_end = off + k;
        label.truncate(k);
    }
    // Under a cue of agreeing, the object of a light verb is what was agreed.
    let agreeing = cue.names_agreements;
    // "its own weapons programs": what a party has, not what it pledged.
    if agreeing && (agreed::aside(&doc.text[..a], raw) || label.starts_with("own ")) {
        return;
    }
    if agreeing {
        let cut = label.len() - agreed::trim_preposition(&label).len();
        if cut > 0 && off_end >= off + cut {
            off_end -= cut;
            label.truncate(label.len() - cut);
        }
        let (object, cut) = agreed::strip_light_verb(&label);
        if cut > 0
            && let Some(k) = raw[off..off_end].find(object)
        {
            off += k;
            label = object.to_string();
        }
    }
    if !(acceptable(&label) || agreeing && !is_aim(&label) && agreed::acceptable_agreement(&label))
    {
        return;
    }
    // "strengthen their cooperation", "deepen its coordination": an aim for the
    // parties' own dealings names no subject; one party's aim for itself is its
    // pledge ("Japan resolved to enhance its defenses").
    let mut own_pledge = false;
    if is_aim(&label)
        && let Some(w) = label
            .split(' ')
            .nth(1)
            .filter(|w| matches!(*w, "their" | "its" | "our" | "his" | "her"))
    {
        own_pledge = agreeing
            && cue.relation == Relation::Agreed
            && parties.named.len() == 1
            && !parties.joint
            && matches!(w, "its" | "his" | "her");
        if !own_pledge {
            return;
        }
    }
    // An item that is only a name (a country, a person, a place) is no topic.
    let start = a + off;
    let end = a + off_end;
    if f.mentions.iter().any(|m| m.start <= start && end <= m.end) {
        return;
    }
    // A name with words of place or size around it ("the broader Indo-Pacific",
    // "Japan's Ministry of Defense") is no topic.
    let mut rest = doc.text[start..end].to_string();
    let mut named = false;
    for m in f
        .mentions
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
    {
        let (ms, me) = (m.start - start, m.end - start);
        if rest.is_char_boundary(ms) && rest.is_char_boundary(me) {
            rest.replace_range(ms..me, &" ".repeat(me - ms));
            named = true;
        }
    }
    if named
        && rest
            .split(|c: char| c.is_whitespace() || c == '\'')
            .filter(|w| !w.is_empty())
            .all(|w| NAME_FILLER.contains(&w.to_lowercase().as_str()))
    {
        return;
    }
    // The head noun decides ("lasting peace on the peninsula" is a peace).
    let head = agreed::head(&label);
    // "agreed to hold talks in Seoul": a meeting, which is no agreement (but
    // "hold the EDSCG meetings regularly" agrees on a named series' schedule).
    if agreeing && CUES.heads.meeting_nouns.contains(&head) && !agreed::names_series(&label) {
        return;
    }
    let topic_head = CUES.heads.topic.contains(&items::head_word(&label))
        // The aim may be in the words the label dropped ("contribute to peace").
        || is_aim(&label)
        || is_aim(raw.trim_start_matches(|c: char| !c.is_alphanumeric()));
    let pledge = is_pledge(&label);
    let kind = if pledge
        || own_pledge
        || agreed::agreement_head(&label)
        || (cue.names_agreements && !topic_head)
    {
        EntityKind::Agreement
    } else {
        EntityKind::Topic
    };
    let key = match kind {
        EntityKind::Agreement => keys::agreement(&label),
        _ => keys::topic(&label),
    };
    // With no meeting, a new topic would stand alone.
    if meeting.is_none() && kind == EntityKind::Topic {
        return;
    }
    let e = f.entity(kind, &key, &label);
    f.mention(doc, e, start, end);
    if pledge && cue.relation != Relation::Agreed {
        let agreed = Cue {
            id: cue.id.clone(),
            rule: cue.rule,
            relation: Relation::Agreed,
            clause: false,
            before: false,
            names_agreements: true,
        };
        state(f, meeting, parties, si, e, &agreed);
    } else {
        state(f, meeting, parties, si, e, cue);
    }
}

/// "shared commitment to the region's security", "U.S. commitment to the defense of
/// Japan": a pledge noun, after at most three words, followed by "to".
///
/// "the commitment of both countries in promoting …" is one too: the pledge's
/// holders between it and its object. An aim at a pledge ("enhance both
/// countries' commitment to the alliance") is no pledge made.
fn is_pledge(label: &str) -> bool {
    if is_aim(label) {
        return false;
    }
    // (Speed) Only the first ten words are read: the pledge is among the first
    // four, its object among the six after it.
    let words: Vec<std::borrow::Cow<str>> = label.split(' ').take(10).map(lower).collect();
    let Some(p) = words
        .iter()
        .take(4)
        .position(|w| CUES.heads.pledges.iter().any(|h| h == w))
    else {
        return false;
    };
    match words.get(p + 1).map(|w| w.as_ref()) {
        Some("to") => true,
        // "commitment of both countries in promoting …", "… to strengthening …".
        Some("of") => words[p + 2..]
            .iter()
            .take(5)
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| matches!(w[0].as_ref(), "to" | "in") && conjuncts::is_gerund(w[1])),
        _ => false,
    }
}

/// "strengthening the alliance", "strengthen their coordination": an item that
/// names an aim, which is a topic.
fn is_aim(label: &str) -> bool {
    let first = lower(label.split(' ').next().unwrap_or(""));
    CUES.heads
        .aims
        .iter()
        .any(|h| first.starts_with(h.as_str()))
}

/// Whether the words before a meeting's mention place it before the one the
/// sentence reports ("following the 6th dialogue", "since the last meeting").
fn earlier_meeting(before: &str) -> bool {
    let words: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| w.to_lowercase())
        .collect();
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "following" | "after" | "since" | "before" | "previous" | "last" | "prior" | "ahead"
        )
    })
}

/// Whether the words right before a cue negate it ("did not discuss", "never
/// agreed to", "is not expected to take up").
fn negated(before: &str) -> bool {
    before.split_whitespace().rev().take(4).any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "not" | "never" | "no" | "neither" | "nor"
        ) || w.ends_with("n't")
    })
}
