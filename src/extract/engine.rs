//! A small pattern engine over the tokens of a sentence and the mentions found in
//! it: the language the rules of `data/rules.toml` are written in.
//!
//! A pattern is a sequence of items separated by spaces:
//!
//! | item | matches |
//! | --- | --- |
//! | `by`, `co-chaired`, `"'s"` | that word, in any case (quotes for any text) |
//! | `[led\|headed\|chaired]` | one of the words |
//! | `$lead_verbs`, `[$lead_verbs\|met]` | one of the words of a named list (`[words]`) |
//! | `[]` | any one token |
//! | `<cap>` `<low>` `<num>` `<ord>` `<word>` `<punct>` `<any>` | a capitalised word, a lower-case word, a number, an ordinal ("3rd", "third"), a word, a punctuation mark, any token |
//! | `@person` `@office` `@organization` `@country` `@place` `@meeting` `@agreement` `@topic` | a mention of that kind (all its tokens); `@instance` and `@series` are meetings that are or are not recurring |
//! | `[@person\|<num>\|by]` | one token: a word, a class, or where a mention of the kind starts |
//! | `!x` | one token that item `x` (a word, list or class) does not match; `!@person` a token where no person mention starts |
//! | `( a b \| c )` | a group, with alternatives |
//! | `(?<= x)` `(?<! x)` | the word before (passing over capitalised words right before: titles, ranks) is (is not) matched by the one-token test `x`; nothing consumed |
//! | `(?<name> ...)` | a group whose mentions are the capture `name` (a name used twice collects both) |
//! | `x?` `x*` `x+` `x{2}` `x{0,4}` | quantifiers, greedy, after any item |
//! | `x??` `x*?` `x+?` `x{0,4}?` | the same, lazy (as few as will do) |
//!
//! Patterns compile once into a small program run by a backtracking machine
//! that remembers the (instruction, token) pairs it has tried, so a match costs
//! at most their number. The words every match must contain are derived from
//! the program and checked before it runs.

use super::tokens::Token;
use super::vocab::Words;
use crate::ontology::EntityKind;
use rustc_hash::FxHashMap as HashMap;
use scan::{Scratch, Tok, WordSet, first_of, kind_bit, mention_bits, with_scratch};
use std::borrow::Cow;

/// The longest bounded repetition (`{m,n}`) a pattern may ask for.
const MOST_REPEATS: usize = 40;

/// The most instructions a pattern may compile to (bounded repetitions are
/// copies, so nesting them multiplies).
const MOST_INSTRUCTIONS: usize = 20_000;

/// What one token (or one mention) must be.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// One of these words (lower case); empty: any token.
    Words(Vec<String>),
    /// A word with an upper-case first letter.
    Cap,
    /// A word with a lower-case first letter.
    Low,
    /// A number ("12", "2,000").
    Num,
    /// An ordinal ("3rd", "third").
    Ord,
    /// A word (letter or digit first).
    Word,
    /// A token that is no word.
    Punct,
    /// A mention of a kind.
    Mention(MentionKind),
    /// One of these words, or a token that passes one of the tests (a mention
    /// test: a mention of the kind starts at the token).
    Or(Vec<String>, Vec<Test>),
}

/// The kinds of mention a pattern can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// Any entity kind.
    Kind(EntityKind),
    /// A meeting that is one gathering (not a series).
    Instance,
    /// A recurring meeting.
    Series,
}

impl MentionKind {
    fn parse(s: &str) -> Option<MentionKind> {
        match s {
            "instance" => Some(MentionKind::Instance),
            "series" => Some(MentionKind::Series),
            _ => s.parse().ok().map(MentionKind::Kind),
        }
    }

    /// Whether a mention of an entity of `kind` (a recurring one if `series`) is one.
    pub fn accepts(self, kind: EntityKind, series: bool) -> bool {
        match self {
            MentionKind::Kind(k) => k == kind,
            MentionKind::Instance => kind == EntityKind::Meeting && !series,
            MentionKind::Series => kind == EntityKind::Meeting && series,
        }
    }
}

/// One instruction of a compiled pattern.
#[derive(Clone, Debug)]
enum Inst {
    /// The token at the position passes (or, negated, fails) the test; one token on.
    Token(Tok, bool),
    /// A mention of the kind starts at the position; to its end (each such
    /// mention an alternative, longest first).
    Mention(MentionKind),
    /// The token before the position passes the test (or, `true`: does not, or
    /// there is none); nothing consumed.
    Behind(Tok, bool),
    /// Go on at the first; on failure, at the second.
    Split(usize, usize),
    /// (Speed) One optional copy of a repeated one-token test (test, negated,
    /// lazy, the repetition's end): `Split` to the end and `Token` in one. Greedy:
    /// the token, one on, else the end; lazy: the end, else the token.
    Skip(Tok, bool, bool, usize),
    Jmp(usize),
    Open(u16),
    Close,
    Match,
}

/// A parsed item.
#[derive(Clone, Debug)]
enum Node {
    Test(Test, bool),
    /// A look at the token before: test, negated.
    Behind(Test, bool),
    Group(Vec<Vec<Node>>, Option<u16>),
    /// Item, least and most times, lazy (fewest first).
    Repeat(Box<Node>, usize, Option<usize>, bool),
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Program {
    insts: Vec<Inst>,
    /// Capture names, by number.
    pub names: Vec<String>,
    /// Sets of words: every match holds one word of each set (the prefilter).
    pub needs: Vec<Vec<String>>,
    /// Kinds of mention every match holds.
    pub kinds: Vec<MentionKind>,
    /// (Speed) Tests one of which the first token of every match passes, when
    /// the pattern has such a start: starts where none passes are not tried.
    first: Option<Vec<Tok>>,
    /// (Speed) When every test of `first` is a mention test: their bits
    /// ([`kind_bit`]), else 0.
    first_marks: u16,
}

/// A mention as the engine sees it: (first token, token after its end, entity,
/// kind, series).
type Span = (usize, usize, usize, EntityKind, bool);

/// A sentence as the engine sees it: its tokens, their lower-case forms, and the
/// mentions that start at each token.
pub struct Sentence<'a> {
    /// The tokens.
    pub tokens: &'a [Token<'a>],
    /// Lower-case text and word id of each token.
    pub words: Cow<'a, Words<'a>>,
    /// The mentions by first token, longest first (of equal ones, in the order
    /// given), each once.
    spans: Vec<Span>,
    /// (Speed) By token: the mention tests the mentions that start there pass
    /// ([`mention_bits`]).
    marks: Vec<u16>,
}

impl<'a> Sentence<'a> {
    /// A sentence of `tokens` with `mentions` given as (start byte, end byte,
    /// entity, kind, series).
    pub fn new(
        tokens: &'a [Token<'a>],
        mentions: impl IntoIterator<Item = (usize, usize, usize, EntityKind, bool)>,
    ) -> Sentence<'a> {
        Sentence::with_words(tokens, Cow::Owned(Words::of(tokens)), mentions)
    }

    /// (Speed) The same, with the tokens' words looked up already (once per
    /// document: [`vocab::document`]).
    pub fn with_words(
        tokens: &'a [Token<'a>],
        words: Cow<'a, Words<'a>>,
        mentions: impl IntoIterator<Item = (usize, usize, usize, EntityKind, bool)>,
    ) -> Sentence<'a> {
        debug_assert_eq!(words.len(), tokens.len());
        let mentions = mentions.into_iter();
        let mut spans: Vec<Span> = Vec::with_capacity(mentions.size_hint().0);
        let mut marks = vec![0u16; tokens.len()];
        for (start, end, entity, kind, series) in mentions {
            // The token that holds the mention's first byte, and the first token
            // after its last.
            let first = tokens.partition_point(|t| t.end <= start);
            let after = tokens.partition_point(|t| t.start < end);
            if first < tokens.len() && after > first {
                spans.push((first, after, entity, kind, series));
                marks[first] |= mention_bits(kind, series);
            }
        }
        // Stable: equal ones keep their order. Then the first of each repeat is
        // kept (repeats are next to each other but for equally long ones).
        spans.sort_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
        let mut kept = 0;
        for i in 0..spans.len() {
            let x = spans[i];
            let seen = spans[..kept]
                .iter()
                .rev()
                .take_while(|y| (y.0, y.1) == (x.0, x.1))
                .any(|y| *y == x);
            if !seen {
                spans[kept] = x;
                kept += 1;
            }
        }
        spans.truncate(kept);
        Sentence {
            tokens,
            words,
            spans,
            marks,
        }
    }

    /// The mentions that start at token `at`, longest first.
    fn starts(&self, at: usize) -> &[Span] {
        let from = self.spans.partition_point(|x| x.0 < at);
        let to = from + self.spans[from..].partition_point(|x| x.0 == at);
        &self.spans[from..to]
    }

    /// Whether any mention of `kind` is in the sentence.
    pub fn has_kind(&self, kind: MentionKind) -> bool {
        self.marks.iter().any(|m| m & kind_bit(kind) != 0)
    }
}

/// A match: its tokens, and for each capture the entities its mentions name, in
/// order (with the token span of each).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// First token.
    pub start: usize,
    /// Token after the last.
    pub end: usize,
    /// By capture number: (entity, first token, token after).
    pub captures: Vec<Vec<(usize, usize, usize)>>,
}

/// What the machine records while it runs.
#[derive(Clone, Copy, Debug)]
enum Event {
    Open(u16),
    Close,
    /// A mention matched: entity, first token, token after.
    Mention(usize, usize, usize),
}

impl Program {
    /// Compiles `source`, with `lists` the named word lists (`$name`).
    pub fn compile(source: &str, lists: &HashMap<String, Vec<String>>) -> Result<Program, String> {
        let mut p = Parser {
            src: source,
            at: 0,
            lists,
            names: Vec::new(),
        };
        let alts = p.alternatives()?;
        if p.at < p.src.len() {
            return Err(format!("unexpected `{}`", &p.src[p.at..]));
        }
        let root = Node::Group(alts, None);
        let mut insts = Vec::new();
        emit(&root, &mut insts);
        insts.push(Inst::Match);
        // Counted as before `Skip`: each is a split and a token test.
        let steps = insts.len() + insts.iter().filter(|i| matches!(i, Inst::Skip(..))).count();
        if steps > MOST_INSTRUCTIONS {
            return Err(format!(
                "the pattern is too large ({steps} steps; at most {MOST_INSTRUCTIONS}): fewer nested repetitions"
            ));
        }
        let (needs, kinds) = required(&root);
        if needs.is_empty() && kinds.is_empty() {
            return Err("the pattern must hold a word or a mention that every match has".into());
        }
        let first: Option<Vec<Tok>> = match first_of(std::slice::from_ref(&root)) {
            (Some(tests), false) => Some(tests.iter().map(Tok::of).collect()),
            // A match may be empty, or start with any token.
            _ => None,
        };
        // (Speed) Tests that are all word lists are one list: one look-up per
        // token, not one per test.
        let first = first.map(|tests| {
            if tests.len() > 1 && tests.iter().all(|t| matches!(t, Tok::Words(_))) {
                let ids: Vec<u32> = tests
                    .iter()
                    .flat_map(|t| match t {
                        Tok::Words(w) => w.ids.to_vec(),
                        _ => Vec::new(),
                    })
                    .collect();
                vec![Tok::Words(WordSet::new(ids))]
            } else {
                tests
            }
        });
        let first_marks = match &first {
            Some(tests) if tests.iter().all(|t| matches!(t, Tok::Mention(_))) => {
                tests.iter().fold(0, |bits, t| match t {
                    Tok::Mention(k) => bits | kind_bit(*k),
                    _ => bits,
                })
            }
            _ => 0,
        };
        Ok(Program {
            insts,
            names: p.names,
            needs,
            kinds,
            first,
            first_marks,
        })
    }

    /// The capture number of `name`.
    pub fn capture(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Every match in the sentence, left to right, not overlapping.
    pub fn find_all(&self, s: &Sentence) -> Vec<Found> {
        let mut out = Vec::new();
        with_scratch(|sc| {
            sc.fresh(self.insts.len() * (s.tokens.len() + 1));
            let mut at = 0;
            while at < s.tokens.len() {
                if !self.may_start(s, at) {
                    at += 1;
                    continue;
                }
                match self.run(s, at, sc) {
                    Some(found) => {
                        at = found.end.max(at + 1);
                        // States on the path of a match did not fail.
                        sc.fresh(0);
                        out.push(found);
                    }
                    None => at += 1,
                }
            }
        });
        out
    }

    /// Whether the pattern matches anywhere in the sentence.
    pub fn is_match(&self, s: &Sentence) -> bool {
        with_scratch(|sc| {
            sc.fresh(self.insts.len() * (s.tokens.len() + 1));
            (0..s.tokens.len()).any(|at| self.may_start(s, at) && self.run(s, at, sc).is_some())
        })
    }

    /// (Speed) Whether a match may start at token `at`: false only when the
    /// pattern's first token must pass one of `first` and passes none (a start
    /// that [`Program::run`] would fail at once).
    fn may_start(&self, s: &Sentence, at: usize) -> bool {
        if self.first_marks != 0 {
            return s.marks[at] & self.first_marks != 0;
        }
        match &self.first {
            Some(tests) => tests.iter().any(|t| s.passes(t, at)),
            None => true,
        }
    }

    /// The preferred match starting at token `start`. Visited states are kept
    /// between starts (in `sc`): a state that failed from one start fails from
    /// any.
    fn run(&self, s: &Sentence, start: usize, sc: &mut Scratch) -> Option<Found> {
        let n = s.tokens.len();
        let width = n + 1;
        let Scratch {
            stamps,
            stamp,
            stack,
            log,
        } = sc;
        let stamp = *stamp;
        // (instruction, token, log length, event to log first) to resume from.
        stack.clear();
        stack.push((0, start, 0, None, false));
        log.clear();
        while let Some((mut pc, mut pos, len, event, token)) = stack.pop() {
            log.truncate(len);
            log.extend(event);
            // A lazy `Skip`'s token, tried after its end failed (no other way
            // leads to it: no stamp of its own is needed).
            if token {
                let Inst::Skip(t, neg, ..) = &self.insts[pc] else {
                    continue;
                };
                if pos < n && s.passes(t, pos) != *neg {
                    pc += 1;
                    pos += 1;
                } else {
                    continue;
                }
            }
            loop {
                let seen = &mut stamps[pc * width + pos];
                if *seen == stamp {
                    break;
                }
                *seen = stamp;
                match &self.insts[pc] {
                    Inst::Token(t, neg) => {
                        if pos < n && s.passes(t, pos) != *neg {
                            pc += 1;
                            pos += 1;
                        } else {
                            break;
                        }
                    }
                    Inst::Mention(k) => {
                        // (Speed) Most tokens start no mention of the kind.
                        if s.marks.get(pos).is_none_or(|m| m & kind_bit(*k) == 0) {
                            break;
                        }
                        let list = s.starts(pos);
                        let ok = |x: &&Span| k.accepts(x.3, x.4);
                        let Some(i) = list.iter().position(|x| ok(&x)) else {
                            break;
                        };
                        let (_, end, e, _, _) = list[i];
                        // The shorter ones are tried after the longest fails.
                        for &(_, end2, e2, _, _) in list[i + 1..].iter().rev().filter(ok) {
                            let ev = Event::Mention(e2, pos, end2);
                            stack.push((pc + 1, end2, log.len(), Some(ev), false));
                        }
                        log.push(Event::Mention(e, pos, end));
                        pc += 1;
                        pos = end;
                    }
                    Inst::Behind(t, neg) => {
                        // The word before the name: capitalised words (titles,
                        // ranks) right before the position are passed over.
                        let mut before = pos;
                        while before > 0 && s.tokens[before - 1].is_capitalised() {
                            before -= 1;
                        }
                        let passes = before > 0 && s.passes(t, before - 1);
                        if passes == *neg {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::Split(a, b) => {
                        stack.push((*b, pos, log.len(), None, false));
                        pc = *a;
                    }
                    Inst::Skip(t, neg, lazy, end) => {
                        if *lazy {
                            stack.push((pc, pos, log.len(), None, true));
                            pc = *end;
                        } else if pos < n && s.passes(t, pos) != *neg {
                            stack.push((*end, pos, log.len(), None, false));
                            pc += 1;
                            pos += 1;
                        } else {
                            pc = *end;
                        }
                    }
                    Inst::Jmp(a) => pc = *a,
                    Inst::Open(k) => {
                        log.push(Event::Open(*k));
                        pc += 1;
                    }
                    Inst::Close => {
                        log.push(Event::Close);
                        pc += 1;
                    }
                    Inst::Match => return Some(self.found(start, pos, log)),
                }
            }
        }
        None
    }

    fn found(&self, start: usize, end: usize, log: &[Event]) -> Found {
        let mut captures = vec![Vec::new(); self.names.len()];
        let mut open: Vec<u16> = Vec::new();
        for ev in log {
            match *ev {
                Event::Open(k) => open.push(k),
                Event::Close => {
                    open.pop();
                }
                Event::Mention(e, a, b) => {
                    for &k in &open {
                        captures[usize::from(k)].push((e, a, b));
                    }
                }
            }
        }
        Found {
            start,
            end,
            captures,
        }
    }
}

/// Writes the instructions of `node`.
fn emit(node: &Node, out: &mut Vec<Inst>) {
    match node {
        Node::Test(Test::Mention(k), false) => out.push(Inst::Mention(*k)),
        Node::Test(t, neg) => out.push(Inst::Token(Tok::of(t), *neg)),
        Node::Behind(t, neg) => out.push(Inst::Behind(Tok::of(t), *neg)),
        Node::Group(alts, cap) => {
            if let Some(k) = cap {
                out.push(Inst::Open(*k));
            }
            // Split to each alternative in turn; each jumps to the end.
            let mut jumps = Vec::new();
            for (i, alt) in alts.iter().enumerate() {
                let split = (i + 1 < alts.len()).then(|| {
                    out.push(Inst::Split(out.len() + 1, 0));
                    out.len() - 1
                });
                for n in alt {
                    emit(n, out);
                }
                if let Some(split) = split {
                    jumps.push(out.len());
                    out.push(Inst::Jmp(0));
                    let next = out.len();
                    if let Inst::Split(_, b) = &mut out[split] {
                        *b = next;
                    }
                }
            }
            let end = out.len();
            for j in jumps {
                out[j] = Inst::Jmp(end);
            }
            if cap.is_some() {
                out.push(Inst::Close);
            }
        }
        Node::Repeat(inner, min, max, lazy) => {
            // A split tries its first branch first: one more copy, or (lazy) none.
            let split = |more: usize, done: usize| {
                if *lazy {
                    Inst::Split(done, more)
                } else {
                    Inst::Split(more, done)
                }
            };
            for _ in 0..*min {
                emit(inner, out);
            }
            match max {
                // (Speed) Copies of a one-token test: one instruction each.
                Some(max)
                    if matches!(&**inner, Node::Test(t, neg)
                        if *neg || !matches!(t, Test::Mention(_))) =>
                {
                    let Node::Test(t, neg) = &**inner else {
                        return;
                    };
                    let tok = Tok::of(t);
                    let end = out.len() + (*max - *min);
                    for _ in *min..*max {
                        out.push(Inst::Skip(tok.clone(), *neg, *lazy, end));
                    }
                }
                Some(max) => {
                    // Each optional copy: try it, else skip to the end.
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(out.len());
                        out.push(Inst::Split(out.len() + 1, 0));
                        emit(inner, out);
                    }
                    let end = out.len();
                    for s in splits {
                        out[s] = split(s + 1, end);
                    }
                }
                None => {
                    // A loop: try once more, else go on.
                    let top = out.len();
                    out.push(Inst::Split(top + 1, 0));
                    emit(inner, out);
                    out.push(Inst::Jmp(top));
                    out[top] = split(top + 1, out.len());
                }
            }
        }
    }
}

/// The word sets and mention kinds every match of `node` holds.
fn required(node: &Node) -> (Vec<Vec<String>>, Vec<MentionKind>) {
    match node {
        Node::Test(Test::Words(w), false) if !w.is_empty() => (vec![w.clone()], Vec::new()),
        Node::Test(Test::Mention(k), false) => (Vec::new(), vec![*k]),
        Node::Test(..) | Node::Behind(..) => (Vec::new(), Vec::new()),
        Node::Repeat(inner, min, ..) if *min > 0 => required(inner),
        Node::Repeat(..) => (Vec::new(), Vec::new()),
        Node::Group(alts, _) => {
            let each: Vec<_> = alts
                .iter()
                .map(|alt| {
                    let (mut needs, mut kinds) = (Vec::new(), Vec::new());
                    for n in alt {
                        let (a, b) = required(n);
                        needs.extend(a);
                        kinds.extend(b);
                    }
                    (needs, kinds)
                })
                .collect();
            if let [one] = &each[..] {
                return one.clone();
            }
            // Of several alternatives, one word of any alternative's first set
            // (when each has one), and the kinds all share.
            let needs = if each.iter().all(|(n, _)| !n.is_empty()) {
                let mut words: Vec<String> = each.iter().flat_map(|(n, _)| n[0].clone()).collect();
                words.sort();
                words.dedup();
                vec![words]
            } else {
                Vec::new()
            };
            let kinds = each[0]
                .1
                .iter()
                .copied()
                .filter(|k| each.iter().all(|(_, ks)| ks.contains(k)))
                .collect();
            (needs, kinds)
        }
    }
}

struct Parser<'s, 'l> {
    src: &'s str,
    at: usize,
    lists: &'l HashMap<String, Vec<String>>,
    names: Vec<String>,
}

impl Parser<'_, '_> {
    fn rest(&self) -> &str {
        &self.src[self.at..]
    }

    fn skip_space(&mut self) {
        let r = self.rest();
        self.at += r.len() - r.trim_start().len();
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.at += s.len();
            true
        } else {
            false
        }
    }

    /// Alternatives separated by `|`, up to `)` or the end.
    fn alternatives(&mut self) -> Result<Vec<Vec<Node>>, String> {
        let mut alts = vec![Vec::new()];
        loop {
            self.skip_space();
            if self.rest().is_empty() || self.rest().starts_with(')') {
                break;
            }
            if self.eat("|") {
                alts.push(Vec::new());
                continue;
            }
            let item = self.item()?;
            let item = self.quantifier(item)?;
            alts.last_mut().expect("one alternative").push(item);
        }
        if alts.iter().any(Vec::is_empty) {
            return Err("an empty alternative".into());
        }
        Ok(alts)
    }

    fn item(&mut self) -> Result<Node, String> {
        for (open, neg) in [("(?<!", true), ("(?<=", false)] {
            if self.eat(open) {
                self.skip_space();
                let inner_neg = self.eat("!");
                let test = self.test()?;
                self.skip_space();
                if inner_neg || !self.eat(")") {
                    return Err(format!("`{open}` takes one token test and `)`"));
                }
                return Ok(Node::Behind(test, neg));
            }
        }
        if self.eat("(") {
            let cap = if self.eat("?<") {
                let end = self.rest().find('>').ok_or("a capture name without `>`")?;
                let name = self.rest()[..end].to_string();
                if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    return Err(format!("bad capture name `{name}`"));
                }
                self.at += end + 1;
                let k = match self.names.iter().position(|n| *n == name) {
                    Some(k) => k,
                    None => {
                        self.names.push(name);
                        self.names.len() - 1
                    }
                };
                Some(u16::try_from(k).map_err(|_| "too many captures")?)
            } else {
                None
            };
            let alts = self.alternatives()?;
            if !self.eat(")") {
                return Err("a `(` without `)`".into());
            }
            return Ok(Node::Group(alts, cap));
        }
        let neg = self.eat("!");
        let test = self.test()?;
        Ok(Node::Test(test, neg))
    }

    /// One token test.
    fn test(&mut self) -> Result<Test, String> {
        if self.eat("[") {
            let end = self.rest().find(']').ok_or("a `[` without `]`")?;
            let inner = self.rest()[..end].to_string();
            self.at += end + 1;
            let mut words = Vec::new();
            let mut tests = Vec::new();
            for w in inner.split('|').map(str::trim).filter(|w| !w.is_empty()) {
                if let Some(class) = w.strip_prefix('<').and_then(|c| c.strip_suffix('>')) {
                    tests.push(class_test(class)?);
                } else if let Some(kind) = w.strip_prefix('@') {
                    tests.push(mention_test(kind)?);
                } else {
                    words.extend(self.words(w)?);
                }
            }
            if tests.is_empty() {
                return Ok(Test::Words(words));
            }
            return Ok(Test::Or(words, tests));
        }
        if self.eat("<") {
            let end = self.rest().find('>').ok_or("a `<` without `>`")?;
            let class = self.rest()[..end].to_string();
            self.at += end + 1;
            return class_test(&class);
        }
        if self.eat("@") {
            let w = self.bare();
            return mention_test(&w);
        }
        if self.eat("\"") {
            let end = self.rest().find('"').ok_or("a `\"` without its pair")?;
            let w = self.rest()[..end].to_lowercase();
            self.at += end + 1;
            if w.is_empty() {
                return Err("an empty quoted word".into());
            }
            return Ok(Test::Words(vec![w]));
        }
        let w = self.bare();
        if w.is_empty() {
            let c = self.rest().chars().next().unwrap_or(' ');
            return Err(format!("unexpected `{c}`"));
        }
        Ok(Test::Words(self.words(&w)?))
    }

    /// A word or `$list`, lower case.
    fn words(&self, w: &str) -> Result<Vec<String>, String> {
        match w.strip_prefix('$') {
            Some(name) => self
                .lists
                .get(name)
                .map(|l| l.iter().map(|x| x.to_lowercase()).collect())
                .ok_or_else(|| format!("unknown word list `${name}`")),
            None => Ok(vec![w.to_lowercase()]),
        }
    }

    /// A bare word: up to a space or a character of the syntax.
    fn bare(&mut self) -> String {
        let end = self
            .rest()
            .find(|c: char| c.is_whitespace() || "()[]|?*+{}<>\"!@".contains(c))
            .unwrap_or(self.rest().len());
        let w = self.rest()[..end].to_string();
        self.at += end;
        w
    }

    fn quantifier(&mut self, node: Node) -> Result<Node, String> {
        let (min, max) = if self.eat("?") {
            (0, Some(1))
        } else if self.eat("*") {
            (0, None)
        } else if self.eat("+") {
            (1, None)
        } else if self.eat("{") {
            let end = self.rest().find('}').ok_or("a `{` without `}`")?;
            let inner = self.rest()[..end].to_string();
            self.at += end + 1;
            let num = |s: &str| {
                s.trim()
                    .parse::<usize>()
                    .map_err(|_| format!("bad repetition `{{{inner}}}`"))
            };
            let (min, max) = match inner.split_once(',') {
                Some((a, b)) => (num(a)?, num(b)?),
                None => (num(&inner)?, num(&inner)?),
            };
            if min > max || max > MOST_REPEATS {
                return Err(format!("bad repetition `{{{inner}}}`"));
            }
            (min, Some(max))
        } else {
            return Ok(node);
        };
        if max.is_none() && can_be_empty(&node) {
            return Err("a repeated item that can match nothing".into());
        }
        let lazy = self.eat("?");
        Ok(Node::Repeat(Box::new(node), min, max, lazy))
    }
}

/// The test of a class `<class>`.
fn class_test(class: &str) -> Result<Test, String> {
    match class {
        "cap" => Ok(Test::Cap),
        "low" => Ok(Test::Low),
        "num" => Ok(Test::Num),
        "ord" => Ok(Test::Ord),
        "word" => Ok(Test::Word),
        "punct" => Ok(Test::Punct),
        "any" => Ok(Test::Words(Vec::new())),
        _ => Err(format!("unknown class `<{class}>`")),
    }
}

/// The test of a mention `@kind`.
fn mention_test(kind: &str) -> Result<Test, String> {
    MentionKind::parse(kind)
        .map(Test::Mention)
        .ok_or_else(|| format!("unknown mention kind `@{kind}`"))
}

/// Whether `node` can match no token.
fn can_be_empty(node: &Node) -> bool {
    match node {
        Node::Test(..) => false,
        Node::Behind(..) => true,
        Node::Repeat(inner, min, ..) => *min == 0 || can_be_empty(inner),
        Node::Group(alts, _) => alts.iter().any(|a| a.iter().all(can_be_empty)),
    }
}

/// (Speed) Token tests as word ids, the first-token prefilter and the
/// scratch space.
#[path = "engine_scan.rs"]
mod scan;

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
