//! Extraction: one document and the lexicon in, mentions and facts out.
//!
//! Each extractor finds one kind of thing (or one family of relations) and adds it
//! to the document's [`Findings`]; they run in a fixed order, each able to read
//! what earlier ones found. Identity is not decided here: each entity carries
//! the key [`crate::resolve::keys`] makes of the parts read (a name's words, an
//! office's parts, a meeting's series and date), and [`crate::resolve`] makes one
//! node of equal keys.

pub mod acronyms;
pub mod agenda;
pub mod dates;
pub mod engine;
pub mod lexical;
pub mod meetings;
pub mod offices;
pub mod pattern;
pub mod people;
pub mod relations;
pub mod rules;
pub mod tokens;
pub mod vocab;

use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::{EntityKind, OfficeKey, Qualifiers, Relation};
pub use crate::provenance::Rule;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// A thing found in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocEntity {
    /// Node kind.
    pub kind: EntityKind,
    /// Identity key: equal keys across documents are one node.
    pub key: String,
    /// Display name.
    pub label: String,
    /// Surface forms seen.
    pub aliases: BTreeSet<String>,
    /// Date of a meeting instance.
    pub date: Option<String>,
    /// A recurring meeting.
    pub series: bool,
    /// Year launched.
    pub year: Option<i32>,
    /// The lexicon entry it comes from.
    pub lex: Option<usize>,
    /// The entity this one was folded into ([`Findings::redirect`]), which took
    /// its mentions, aliases, facts and key: resolution skips it.
    pub folded_into: Option<usize>,
}

/// Where an entity is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Index into [`Findings::entities`].
    pub entity: usize,
    /// Byte range in the document text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Sentence index.
    pub sentence: usize,
}

/// A relation read from a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// The relation.
    pub relation: Relation,
    /// Source entity (index into [`Findings::entities`]).
    pub source: usize,
    /// Target entity.
    pub target: usize,
    /// The sentence that states it (the first reading's).
    pub sentence: usize,
    /// Qualifiers.
    pub qualifiers: Qualifiers,
    /// The rule that read it first (from `sentence`).
    pub rule: Rule,
    /// The other rules that read it, each once, with the sentence it first read
    /// it from, in the order found (mostly none: no allocation).
    pub also: Vec<(Rule, usize)>,
}

impl Fact {
    /// Each rule that read the fact, once, with the sentence it first read it
    /// from: the first reading, then the others in the order found.
    pub fn readings(&self) -> impl Iterator<Item = (Rule, usize)> + '_ {
        std::iter::once((self.rule, self.sentence)).chain(self.also.iter().copied())
    }
}

/// An office title found in the text, before it is known whom it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Title {
    /// Byte range of the title phrase.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Sentence index.
    pub sentence: usize,
    /// The office's parts (country filled in when attached to a person), of
    /// which [`crate::resolve::keys::office`] makes its key.
    pub office: OfficeKey,
    /// The surface form.
    pub surface: String,
    /// "acting", "performs the duties of".
    pub acting: bool,
    /// "former", "ex-".
    pub former: bool,
}

/// Everything found in one document.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    /// Entities, in order of discovery.
    pub entities: Vec<DocEntity>,
    /// Mentions.
    pub mentions: Vec<Mention>,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Office titles found.
    pub titles: Vec<Title>,
    /// The meeting instance the article reports, if any.
    pub event: Option<usize>,
    keys: HashMap<String, usize>,
    /// (start, index into `mentions`) of every mention, sorted: mentions by start
    /// offset, those with the same start in the order found. A sorted vector
    /// because lookups (per token) far outnumber insertions.
    by_start: Vec<(usize, usize)>,
    /// The longest mention so far, in bytes.
    longest: usize,
    /// Mentions by sentence, in text order, for [`Findings::in_sentence`].
    by_sentence: Vec<Vec<usize>>,
    /// Facts by (relation, source, target), for [`Findings::fact`].
    fact_index: HashMap<(Relation, usize, usize), usize>,
}

/// `text` in lower case, when it is ASCII (which lowers byte for byte, so the
/// copy's slices are its pieces' lower-case forms) and at most 1 MiB. `None`
/// otherwise: a copy of a huge file would add its whole size to the peak memory,
/// so callers lower its pieces one by one instead.
fn ascii_lower_copy(text: &str) -> Option<String> {
    const MOST: usize = 1 << 20;
    (text.len() <= MOST && text.is_ascii()).then(|| text.to_ascii_lowercase())
}

impl Findings {
    /// Empty findings with room for what a document of `doc`'s length usually
    /// holds (about one mention per 50 bytes), so that the lists seldom regrow; a
    /// long document gets the room of a 160 KiB one to start with.
    fn for_document(doc: &Document) -> Findings {
        let mentions = (doc.text.len() / 40 + 8).min(4096);
        let mut f = Findings {
            mentions: Vec::with_capacity(mentions),
            by_start: Vec::with_capacity(mentions),
            entities: Vec::with_capacity(mentions / 2),
            facts: Vec::with_capacity(mentions / 2),
            ..Findings::default()
        };
        f.keys.reserve(mentions / 2);
        f.fact_index.reserve(mentions / 2);
        f
    }

    /// The entity with `key`, created with `kind` and `label` if new.
    pub fn entity(&mut self, kind: EntityKind, key: &str, label: &str) -> usize {
        if let Some(&i) = self.keys.get(key) {
            return i;
        }
        let i = self.entities.len();
        self.entities.push(DocEntity {
            kind,
            key: key.to_string(),
            label: label.to_string(),
            aliases: BTreeSet::new(),
            date: None,
            series: false,
            year: None,
            lex: None,
            folded_into: None,
        });
        self.keys.insert(key.to_string(), i);
        i
    }

    /// The entity with `key`, if any.
    pub fn by_key(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }

    /// The entity for lexicon entry `entry`.
    pub fn lex_entity(&mut self, lex: &Lexicon, entry: usize) -> usize {
        let e = &lex.entries[entry];
        let i = self.entity(e.kind, lex.key(entry), &e.name);
        let ent = &mut self.entities[i];
        ent.lex = Some(entry);
        ent.series = e.series;
        ent.year = e.year;
        i
    }

    /// Records a mention of `entity` at `start..end` with its surface form.
    pub fn mention(&mut self, doc: &Document, entity: usize, start: usize, end: usize) {
        let sentence = sentence_at(doc, start);
        let raw = &doc.text[start..end];
        // (Speed) Most forms start and end with a visible ASCII character: nothing to trim.
        let surface = match (raw.as_bytes().first(), raw.as_bytes().last()) {
            (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => raw,
            _ => raw.trim(),
        };
        let aliases = &mut self.entities[entity].aliases;
        // Most mentions repeat a form already known: copy only new ones.
        if !surface.is_empty() && !aliases.contains(surface) {
            aliases.insert(surface.to_string());
        }
        // A mention of the entity at the same place is recorded once: look among
        // the mentions with this start. (Speed) Most come in text order: after
        // every other.
        let lo = if self.by_start.last().is_none_or(|&(s, _)| s < start) {
            self.by_start.len()
        } else {
            self.by_start.partition_point(|&(s, _)| s < start)
        };
        let mut at = lo;
        while let Some(&(s, i)) = self.by_start.get(at)
            && s == start
        {
            let m = &self.mentions[i];
            if m.entity == entity && m.end == end {
                return;
            }
            at += 1;
        }
        // Indexes only grow, so the new entry goes after every one with its start.
        self.by_start.insert(at, (start, self.mentions.len()));
        self.longest = self.longest.max(end - start);
        if self.by_sentence.len() <= sentence {
            self.by_sentence.resize_with(sentence + 1, Vec::new);
        }
        // Kept in text order (start, longest first; ties in the order found), which
        // is the order `in_sentence` gives.
        let key = |m: &Mention| (m.start, std::cmp::Reverse(m.end));
        let new = (start, std::cmp::Reverse(end));
        let list = &mut self.by_sentence[sentence];
        // (Speed) Mostly after every other; room for a few from the first.
        let pos = if list.last().is_none_or(|&i| key(&self.mentions[i]) <= new) {
            if list.is_empty() {
                list.reserve(8);
            }
            list.len()
        } else {
            list.partition_point(|&i| key(&self.mentions[i]) <= new)
        };
        list.insert(pos, self.mentions.len());
        self.mentions.push(Mention {
            entity,
            start,
            end,
            sentence,
        });
    }

    /// Records a fact, once, read by `rule` (a `family.rule` id) from
    /// `sentence`. Read again, the fact keeps its first sentence and adds the
    /// rule, if new, with the sentence it read it from.
    pub fn fact(
        &mut self,
        relation: Relation,
        source: usize,
        target: usize,
        sentence: usize,
        qualifiers: Qualifiers,
        rule: impl Into<Rule>,
    ) {
        if source == target {
            return;
        }
        let rule = rule.into();
        if let Some(&i) = self.fact_index.get(&(relation, source, target)) {
            let f = &mut self.facts[i];
            f.qualifiers.former |= qualifiers.former;
            f.qualifiers.acting |= qualifiers.acting;
            if f.rule != rule && !f.also.iter().any(|r| r.0 == rule) {
                f.also.push((rule, sentence));
            }
            return;
        }
        self.fact_index
            .insert((relation, source, target), self.facts.len());
        self.facts.push(Fact {
            relation,
            source,
            target,
            sentence,
            qualifiers,
            rule,
            also: Vec::new(),
        });
    }

    /// Records an office title found at `start..end` of sentence `sentence`
    /// (neither acting nor former); returns its index in [`Findings::titles`].
    pub fn title(
        &mut self,
        doc: &Document,
        start: usize,
        end: usize,
        sentence: usize,
        office: OfficeKey,
    ) -> usize {
        self.titles.push(Title {
            start,
            end,
            sentence,
            office,
            surface: doc.text[start..end].to_string(),
            acting: false,
            former: false,
        });
        self.titles.len() - 1
    }

    /// Whether a fact exists.
    pub fn has_fact(&self, relation: Relation, source: usize, target: usize) -> bool {
        self.facts
            .iter()
            .any(|f| f.relation == relation && f.source == source && f.target == target)
    }

    /// Mentions in sentence `s`, in text order.
    pub fn in_sentence(&self, s: usize) -> Vec<Mention> {
        self.by_sentence
            .get(s)
            .map(|ix| ix.iter().map(|&i| self.mentions[i]).collect())
            .unwrap_or_default()
    }

    /// Mentions in sentence `s`, in text order, without copying them out.
    pub fn sentence_mentions(&self, s: usize) -> impl Iterator<Item = &Mention> {
        self.by_sentence
            .get(s)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.mentions[i])
    }

    /// The first mention found that starts at byte `start`.
    pub fn starting_at(&self, start: usize) -> Option<&Mention> {
        self.starting_in(start..start + 1).next()
    }

    /// The mentions that start in `range`, by start (those with the same start in
    /// the order found).
    pub fn starting_in(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &Mention> {
        let from = self.by_start.partition_point(|&(s, _)| s < range.start);
        self.by_start[from..]
            .iter()
            .take_while(move |&&(s, _)| s < range.end)
            .map(|&(_, i)| &self.mentions[i])
    }

    /// The mentions that end at byte `end`, in the order found.
    pub fn ending_at(&self, end: usize) -> impl Iterator<Item = &Mention> {
        // Asked once per ordinal: a scan costs less than an index kept up to date
        // at every mention.
        self.mentions.iter().filter(move |m| m.end == end)
    }

    /// The mention that covers byte `at`, of `kind` if given, longest first (of
    /// equally long ones, the last found).
    pub fn mention_at(&self, at: usize, kind: Option<EntityKind>) -> Option<Mention> {
        let from = at.saturating_sub(self.longest);
        let lo = self.by_start.partition_point(|&(s, _)| s < from);
        self.covering(lo, at, kind)
    }

    /// [`Findings::mention_at`] for each of `ats`, which are in ascending order: one
    /// sweep over the mentions instead of a search for each. The answers come
    /// one by one, for the caller to keep in whatever form it needs.
    pub fn mentions_at(
        &self,
        ats: impl IntoIterator<Item = usize>,
        kind: Option<EntityKind>,
    ) -> impl Iterator<Item = Option<Mention>> {
        // The mentions that start at or before the current byte and end after it:
        // exactly those that cover it (rarely more than a few).
        let mut active: Vec<usize> = Vec::with_capacity(8);
        let mut next = None;
        ats.into_iter().map(move |at| {
            // Mentions that start more than `longest` bytes before the first byte cover none.
            let next = next.get_or_insert_with(|| {
                let from = at.saturating_sub(self.longest);
                self.by_start.partition_point(|&(s, _)| s < from)
            });
            while let Some(&(s, i)) = self.by_start.get(*next)
                && s <= at
            {
                active.push(i);
                *next += 1;
            }
            if active.is_empty() {
                return None;
            }
            active.retain(|&i| self.mentions[i].end > at);
            // Longest first; of equally long ones, the last found.
            active
                .iter()
                .filter(|&&i| kind.is_none_or(|k| self.entities[self.mentions[i].entity].kind == k))
                .map(|&i| (self.mentions[i].end - self.mentions[i].start, i))
                .max()
                .map(|(_, i)| self.mentions[i])
        })
    }

    /// The longest mention of `kind` that covers byte `at`, among those from
    /// `by_start[lo]` on (which must include every mention that can cover it).
    fn covering(&self, lo: usize, at: usize, kind: Option<EntityKind>) -> Option<Mention> {
        // Only mentions starting at most `longest` bytes before `at` can cover it, so
        // those are searched by start. Ties go to the mention found last, as a scan
        // of all mentions with `max_by_key` would.
        let mut best: Option<(usize, usize)> = None; // (length, index)
        for &(s, i) in &self.by_start[lo..] {
            if s > at {
                break;
            }
            let m = &self.mentions[i];
            if at >= m.end || kind.is_some_and(|k| self.entities[m.entity].kind != k) {
                continue;
            }
            let len = m.end - m.start;
            if best.is_none_or(|(bl, bi)| (len, i) > (bl, bi)) {
                best = Some((len, i));
            }
        }
        best.map(|(_, i)| self.mentions[i])
    }

    /// The first mention of `entity`.
    pub fn first_mention(&self, entity: usize) -> Option<Mention> {
        self.mentions
            .iter()
            .filter(|m| m.entity == entity)
            .min_by_key(|m| m.start)
            .copied()
    }
}

/// The index of the sentence containing byte `at` (the last one before it).
pub fn sentence_at(doc: &Document, at: usize) -> usize {
    doc.sentences
        .partition_point(|s| s.start <= at)
        .saturating_sub(1)
}

/// Extracts everything from one document.
pub fn extract(doc: &Document, lex: &Lexicon) -> Findings {
    let mut f = Findings::for_document(doc);
    let toks = tokens::sentence_tokens(doc);
    // (Speed) The tokens' lower-case forms and word ids, for every rule stage.
    let words = vocab::document(&toks);
    // One lower-case copy of the text, for every extractor that reads it so.
    let lower = ascii_lower_copy(&doc.text);
    let lower = lower.as_deref();
    use rules::Stage;
    lexical::run(doc, lex, &mut f);
    acronyms::run(doc, &toks, lex, &mut f);
    rules::run_stage(Stage::Mentions, doc, &toks, &words, lex, &mut f);
    offices::run(doc, &toks, lower, lex, &mut f);
    people::run(doc, &toks, lex, &mut f);
    rules::run_stage(Stage::Offices, doc, &toks, &words, lex, &mut f);
    meetings::run(doc, &toks, lower, lex, &mut f);
    agenda::run(doc, lex, lower, &mut f);
    rules::run_stage(Stage::Meetings, doc, &toks, &words, lex, &mut f);
    relations::run(doc, lex, &mut f);
    rules::run_stage(Stage::Relations, doc, &toks, &words, lex, &mut f);
    meetings::date_instances(doc, &mut f);
    relations::date_offices(doc, &mut f);
    f
}

impl Findings {
    /// Folds entity `from` into `to`: mentions, aliases and facts move, and its key
    /// finds `to` from now on; `from` records where it went
    /// ([`DocEntity::folded_into`]) and is skipped by resolution.
    pub fn redirect(&mut self, from: usize, to: usize) {
        if from == to {
            return;
        }
        let aliases = std::mem::take(&mut self.entities[from].aliases);
        self.entities[to].aliases.extend(aliases);
        for m in &mut self.mentions {
            if m.entity == from {
                m.entity = to;
            }
        }
        for fa in &mut self.facts {
            if fa.source == from {
                fa.source = to;
            }
            if fa.target == from {
                fa.target = to;
            }
        }
        // The first of facts that are now the same is the one found again.
        self.fact_index.clear();
        for (i, fa) in self.facts.iter().enumerate() {
            self.fact_index
                .entry((fa.relation, fa.source, fa.target))
                .or_insert(i);
        }
        let key = self.entities[from].key.clone();
        self.keys.insert(key, to);
        self.entities[from].folded_into = Some(to);
    }

    /// The entity `e` was folded into, or `e`.
    pub fn canonical(&self, mut e: usize) -> usize {
        while let Some(to) = self.entities[e].folded_into {
            e = to;
        }
        e
    }
}

#[cfg(test)]
mod tests {
    //! Relation rules on sentences written for the tests, with negatives.
    use super::*;

    /// A document over the size of one lower-case copy is lowered piece by piece:
    /// the same findings. Each example article, then the same with plain words
    /// after it past 1 MiB: the article's mentions and facts are the same.
    #[test]
    fn long_documents_give_the_same_findings_without_a_lower_case_copy() {
        let lex = Lexicon::builtin().unwrap();
        let read = |text: &str| {
            let doc = Document::parse("t.txt", text.as_bytes()).unwrap();
            let f = extract(&doc, &lex);
            let label = |e: usize| f.entities[f.canonical(e)].label.clone();
            let mentions: Vec<_> = f
                .mentions
                .iter()
                .map(|m| (m.start, m.end, label(m.entity)))
                .collect();
            let mut facts: Vec<_> = f
                .facts
                .iter()
                .map(|x| (x.relation, label(x.source), label(x.target), x.sentence))
                .collect();
            facts.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
            (doc.text.len(), mentions, facts)
        };
        for (name, text) in crate::corpus::EXAMPLE {
            let (len, mentions, facts) = read(text);
            assert!(!mentions.is_empty(), "{name}");
            let long = format!("{text}\n\n{}", "plain words again ".repeat(70_000));
            assert!(long.len() > 1 << 20);
            let (_, long_mentions, long_facts) = read(&long);
            let within = |m: &&(usize, usize, String)| m.1 <= len;
            let long_mentions: Vec<_> = long_mentions.iter().filter(within).cloned().collect();
            assert_eq!(long_mentions, mentions, "{name}");
            assert_eq!(long_facts, facts, "{name}");
        }
    }

    /// A fact read again keeps its first sentence and adds each new rule once,
    /// with the sentence that rule read it from.
    #[test]
    fn a_fact_read_by_two_rules_keeps_both() {
        let mut f = Findings::default();
        let a = f.entity(EntityKind::Person, "person:a", "A");
        let b = f.entity(EntityKind::Meeting, "meeting:b", "B");
        let q = Qualifiers::default;
        f.fact(Relation::Led, a, b, 2, q(), "lead.led_by");
        f.fact(Relation::Led, a, b, 5, q(), "lead.delegation_head");
        f.fact(Relation::Led, a, b, 7, q(), "lead.led_by");
        f.fact(Relation::Led, a, a, 1, q(), "lead.led_by");
        assert_eq!(f.facts.len(), 1);
        assert_eq!(f.facts[0].sentence, 2);
        let readings: Vec<(&str, usize)> = f.facts[0]
            .readings()
            .map(|(r, s)| (r.as_str(), s))
            .collect();
        assert_eq!(readings, [("lead.led_by", 2), ("lead.delegation_head", 5)]);
    }

    /// (relation, source label, target label) of every fact in `text`.
    fn facts(text: &str) -> Vec<(String, String, String)> {
        let lex = Lexicon::builtin().unwrap();
        let doc = Document::parse("t.txt", text.as_bytes()).unwrap();
        let f = extract(&doc, &lex);
        let label = |e: usize| f.entities[f.canonical(e)].label.clone();
        f.facts
            .iter()
            .map(|x| (x.relation.to_string(), label(x.source), label(x.target)))
            .collect()
    }

    fn has(v: &[(String, String, String)], r: &str, s: &str, t: &str) -> bool {
        v.iter()
            .any(|x| x.0 == r && x.1.contains(s) && x.2.contains(t))
    }

    #[test]
    fn delegation_heads_lead_and_others_attend() {
        let v = facts(
            "The Security Consultative Meeting (SCM) will be held in Seoul on Nov. 14. \
             The talks will be attended by Park Min-ho, South Korea's vice defense minister, \
             and U.S. officials -- Tom Reyes, who performs the duties of the assistant secretary of defense for Indo-Pacific security affairs, \
             and Ann Lowe, the deputy assistant secretary of defense for East Asia.",
        );
        assert!(has(&v, "led", "Park Min-ho", "SCM"), "{v:?}");
        assert!(has(&v, "led", "Tom Reyes", "SCM"), "{v:?}");
        assert!(has(&v, "attended", "Ann Lowe", "SCM"), "{v:?}");
        assert!(has(&v, "held_in", "SCM", "Seoul"), "{v:?}");
        assert!(
            has(&v, "instance_of", "SCM", "Security Consultative Meeting"),
            "{v:?}"
        );
        assert!(has(&v, "attended", "South Korea", "SCM"), "{v:?}");
    }

    #[test]
    fn no_meeting_no_led_and_negation() {
        let v = facts("Defense Minister Kang Ho-sung met Secretary of Defense Jane Roe in 2019.");
        assert!(!v.iter().any(|x| x.0 == "led"), "{v:?}");
        let v = facts(
            "The Korea-U.S. Integrated Defense Dialogue (KIDD) was held in Seoul on May 3. \
             Defense Minister Kang Ho-sung did not attend the talks.",
        );
        assert!(
            !v.iter()
                .any(|x| x.1.contains("Kang") && (x.0 == "led" || x.0 == "attended")),
            "{v:?}"
        );
    }

    #[test]
    fn offices_with_flags() {
        let lex = Lexicon::builtin().unwrap();
        let doc = Document::parse(
            "t.txt",
            b"Tom Reyes, who performs the duties of the assistant secretary of defense for Indo-Pacific security affairs, spoke. Former President Ana Cruz agreed.",
        )
        .unwrap();
        let f = extract(&doc, &lex);
        let acting = f
            .facts
            .iter()
            .find(|x| x.relation == Relation::HoldsOffice)
            .unwrap();
        assert!(acting.qualifiers.acting && !acting.qualifiers.former);
        assert_eq!(
            f.entities[acting.target].label,
            "U.S. Assistant Secretary of Defense for Indo-Pacific Security Affairs"
        );
        let former = f
            .facts
            .iter()
            .filter(|x| x.relation == Relation::HoldsOffice)
            .nth(1)
            .unwrap();
        assert!(former.qualifiers.former);
    }

    #[test]
    fn succession_and_launch() {
        let v = facts(
            "Defense Secretary Jane Roe arrived in Seoul. Her predecessor, Mark Hill, had canceled the trip. \
             The Nuclear Consultative Group was launched by President Kang Ho-sung and President Ann Lowe.",
        );
        assert!(has(&v, "succeeded", "Jane Roe", "Mark Hill"), "{v:?}");
        assert!(
            has(&v, "holds_office", "Mark Hill", "Secretary of Defense"),
            "{v:?}"
        );
        assert!(
            has(&v, "launched", "Kang Ho-sung", "Nuclear Consultative Group"),
            "{v:?}"
        );
        assert!(
            has(&v, "launched", "Ann Lowe", "Nuclear Consultative Group"),
            "{v:?}"
        );
        assert!(!has(&v, "launched", "Korea", "Nuclear"), "{v:?}");
    }

    /// The date of each meeting labelled `label` in `text` (front matter included).
    fn meeting_dates(text: &str) -> Vec<(String, Option<String>)> {
        let lex = Lexicon::builtin().unwrap();
        let doc = Document::parse("t.txt", text.as_bytes()).unwrap();
        let f = extract(&doc, &lex);
        f.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Meeting && !e.series && e.folded_into.is_none())
            .map(|e| (e.label.clone(), e.date.clone()))
            .collect()
    }

    #[test]
    fn meetings_take_the_date_their_sentences_give() {
        let v = meeting_dates(
            "---\ndate: 2019-07-30\n---\n\
             The two defense ministries concluded the 16th Korea-U.S. Integrated Defense Dialogue, \
             officials said Tuesday. Park Min-ho led the talks, which were held July 25-26. \
             They also prepared the 51st Security Consultative Meeting, set for late October.",
        );
        let date = |l: &str| {
            v.iter()
                .find(|(x, _)| x.contains(l))
                .and_then(|x| x.1.clone())
        };
        // Not the day of the report (Tuesday), not the other meeting's month.
        assert_eq!(
            date("16th").as_deref(),
            Some("2019-07-25/2019-07-26"),
            "{v:?}"
        );
        assert_eq!(
            date("51st").as_deref(),
            Some("2019-10-21/2019-10-31"),
            "{v:?}"
        );
        // Without the document's date, a date without a year is not made up.
        let v =
            meeting_dates("The 16th Korea-U.S. Integrated Defense Dialogue was held July 25-26.");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].1, None, "{v:?}");
    }

    #[test]
    fn a_dated_event_is_named_after_its_month_not_its_document() {
        let dated = meeting_dates(
            "---\ndate: 2025-05-01\n---\n\
             South Korea and the United States will hold the Korea-U.S. Integrated Defense \
             Dialogue (KIDD) in Washington next week, officials said Thursday.",
        );
        assert!(
            // <ACRONYM> <Month Year> (<city>), as ../shared/gold names instances.
            dated.iter().any(|(l, d)| l == "KIDD May 2025 (Washington)"
                && d.as_deref() == Some("2025-05-05/2025-05-11")),
            "{dated:?}"
        );
        let undated = meeting_dates(
            "South Korea and the United States will hold the Korea-U.S. Integrated Defense \
             Dialogue (KIDD) in Washington next week, officials said Thursday.",
        );
        assert!(
            // Never after its file: its place stands in for the date.
            undated.iter().any(|(l, _)| l == "KIDD (Washington)"),
            "{undated:?}"
        );
    }

    #[test]
    fn taking_office_dates_the_holding() {
        let lex = Lexicon::builtin().unwrap();
        let date_of = |text: &str, who: &str| -> Option<String> {
            let doc = Document::parse("t.txt", text.as_bytes()).unwrap();
            let f = extract(&doc, &lex);
            f.facts
                .iter()
                .filter(|x| x.relation == Relation::HoldsOffice)
                .find(|x| f.entities[f.canonical(x.source)].label.contains(who))
                .and_then(|x| x.qualifiers.date.clone())
        };
        let text = "---\ndate: 2024-10-25\n---\n\
                    Defense Minister Han Jae-min, who took office in early September, \
                    met Secretary of Defense Jane Roe in Seoul.";
        assert_eq!(
            date_of(text, "Han Jae-min").as_deref(),
            Some("2024-09-01/2024-09-10")
        );
        // The date belongs to the person named before the cue, not to the other.
        assert_eq!(date_of(text, "Jane Roe"), None);
        // Past tense: "in January" of an October article is the January before.
        let text = "---\ndate: 2024-10-25\n---\n\
                    Secretary of Defense Jane Roe, who took office in January, arrived in Seoul.";
        assert_eq!(
            date_of(text, "Jane Roe").as_deref(),
            Some("2024-01-01/2024-01-31")
        );
    }

    #[test]
    fn launch_with_a_year_between_verb_and_agents() {
        let v = facts(
            "The Nuclear Consultative Group was established in 2023 by President Kang Ho-sung \
             and President Ann Lowe.",
        );
        assert!(
            has(&v, "launched", "Ann Lowe", "Nuclear Consultative Group"),
            "{v:?}"
        );
    }

    #[test]
    fn succession_needs_the_name_right_after_the_verb() {
        // The name after "succeeded" is not a known person; the minister named
        // later in another clause is not the predecessor.
        let v = facts(
            "Defense Minister Han Jae-min met Secretary of Defense Jane Roe in Seoul. \
             Roe, who succeeded an interim chief in 2023, accepted Han's invitation.",
        );
        assert!(!has(&v, "succeeded", "Jane Roe", "Han Jae-min"), "{v:?}");
        let v = facts(
            "Defense Minister Han Jae-min met Secretary of Defense Jane Roe in Seoul. \
             Roe succeeded former Defense Secretary Mark Hill last year.",
        );
        assert!(has(&v, "succeeded", "Jane Roe", "Mark Hill"), "{v:?}");
    }

    #[test]
    fn agenda_lists_split_without_breaking_names() {
        let v = facts(
            "The Korea-U.S. Integrated Defense Dialogue (KIDD) will take place in Seoul on June 2. \
             Participants will touch on a range of issues, including coastal surveillance cooperation, \
             maintenance, repair and overhaul, and other matters.",
        );
        assert!(
            has(&v, "discussed", "KIDD", "coastal surveillance cooperation"),
            "{v:?}"
        );
        assert!(
            has(&v, "discussed", "KIDD", "shipbuilding and MRO"),
            "{v:?}"
        );
        // The last item is no topic.
        assert!(!v.iter().any(|x| x.2.contains("matters")), "{v:?}");
        assert!(!v.iter().any(|x| x.2 == "repair"), "{v:?}");
    }

    #[test]
    fn acronym_definitions_make_entities() {
        let lex = Lexicon::builtin().unwrap();
        let doc = Document::parse(
            "t.txt",
            b"Officials met at the Coastal Security Dialogue (CSD) in Manila. The CSD will meet again.",
        )
        .unwrap();
        let f = extract(&doc, &lex);
        let e = f
            .entities
            .iter()
            .position(|e| e.label == "Coastal Security Dialogue")
            .unwrap();
        assert_eq!(f.entities[e].kind, EntityKind::Meeting);
        assert_eq!(f.mentions.iter().filter(|m| m.entity == e).count(), 3);
    }
}
