//! (Speed) Word ids for the rules: every word a rule pattern tests (lower
//! case) is given a number once, when the pattern compiles, and the lower-case
//! form of each token is looked up once per document. The pattern engine and
//! the rules' prefilter then compare numbers, not strings, and no stage lowers
//! a token again.
//!
//! Ids only say whether two words are equal: which number a word gets (the order
//! in which patterns compiled) changes no result.

use super::tokens::Token;
use rustc_hash::FxHashMap as HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, RwLock};

/// The id of a token whose word no pattern tests.
pub const NONE: u32 = u32::MAX;

/// Every word a compiled pattern tests, by id.
static IDS: LazyLock<RwLock<Vocab>> = LazyLock::new(Default::default);

/// The words with ids, and their shapes.
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    /// By [`shape`]: whether an ASCII word of that shape has an id. Most tokens
    /// are no rule's word, and this tells most of them so without hashing.
    shapes: Vec<bool>,
    /// (Speed) The words of `ids` again, for [`Vocab::find`]: an open-addressing
    /// table of their [`fold_hash`] and index + 1 into `words` (0: empty), its
    /// length a power of two, at most a quarter full (most look-ups miss).
    slots: Vec<(u64, u32)>,
    /// The words of `ids`: each with its id.
    words: Vec<(Box<str>, u32)>,
}

/// The hash of `w` lowered by [`u8::to_ascii_lowercase`], lowered as it is read.
fn fold_hash(w: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in w {
        h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Words of at most this many bytes have a [`shape`].
const SHAPED: usize = 15;

/// The shape of ASCII lower-case `w` of 1 to [`SHAPED`] bytes: its length and
/// its first and last bytes (a letter, or any other byte).
fn shape(w: &[u8]) -> usize {
    let class = |b: u8| match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'A'..=b'Z' => usize::from(b - b'A'),
        _ => 26,
    };
    (w.len() * 27 + class(w[0])) * 27 + class(w[w.len() - 1])
}

impl Vocab {
    fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether ASCII `b` (any case) surely lowers to no word with an id.
    fn surely_none(&self, b: &[u8]) -> bool {
        !b.is_empty() && b.len() <= SHAPED && !self.shapes.get(shape(b)).copied().unwrap_or(true)
    }

    /// The first slot to look for a word of hash `h` in.
    fn home(&self, h: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    /// Adds `word` (not yet in `words`) with id `id` to `words` and `slots`.
    fn add(&mut self, word: &str, id: u32) {
        self.words.push((word.into(), id));
        if self.words.len() * 4 > self.slots.len() {
            // Twice the room, every word placed anew.
            self.slots = vec![(0, 0); (self.slots.len() * 2).max(64)];
            for k in 0..self.words.len() {
                self.place(k);
            }
        } else {
            self.place(self.words.len() - 1);
        }
    }

    /// Puts `words[k]` in the first free slot from its home.
    fn place(&mut self, k: usize) {
        let mask = self.slots.len() - 1;
        let h = fold_hash(self.words[k].0.as_bytes());
        let mut at = self.home(h);
        while self.slots[at].1 != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (h, (k + 1) as u32);
    }

    /// The id of the word that `w` lowered by [`u8::to_ascii_lowercase`] is,
    /// [`NONE`] if none: the look-up of `ids` without a lowered copy of `w`.
    fn find(&self, w: &[u8]) -> u32 {
        if self.slots.is_empty() {
            return NONE;
        }
        let h = fold_hash(w);
        let mask = self.slots.len() - 1;
        let mut at = self.home(h);
        loop {
            let (sh, k) = self.slots[at];
            if k == 0 {
                return NONE;
            }
            let (word, id) = &self.words[k as usize - 1];
            if sh == h
                && word.len() == w.len()
                && word
                    .bytes()
                    .zip(w)
                    .all(|(a, b)| a == b.to_ascii_lowercase())
            {
                return *id;
            }
            at = (at + 1) & mask;
        }
    }
}

/// How many words [`IDS`] holds (read without the lock).
static COUNT: AtomicUsize = AtomicUsize::new(0);

/// The id of `word` (lower case), given it now if it has none.
pub fn intern(word: &str) -> u32 {
    if let Some(&id) = IDS.read().unwrap_or_else(|e| e.into_inner()).ids.get(word) {
        return id;
    }
    let mut vocab = IDS.write().unwrap_or_else(|e| e.into_inner());
    if let Some(&id) = vocab.ids.get(word) {
        return id;
    }
    let id = u32::try_from(vocab.len()).unwrap_or(NONE - 1);
    vocab.ids.insert(word.to_string(), id);
    vocab.add(word, id);
    if vocab.shapes.is_empty() {
        vocab.shapes = vec![false; (SHAPED + 1) * 27 * 27];
    }
    let b = word.as_bytes();
    if !b.is_empty() && b.len() <= SHAPED && b.is_ascii() {
        vocab.shapes[shape(b)] = true;
    }
    COUNT.store(vocab.len(), Ordering::Release);
    id
}

/// How many words have ids (every id is below it).
pub fn count() -> usize {
    COUNT.load(Ordering::Acquire)
}

/// The id of the lower-case form of `text` ([`super::tokens::lower`]), [`NONE`]
/// when no pattern tests it. ASCII text, whose lower-case form is its ASCII
/// lowering, is looked up as it is, not lowered in a copy.
fn id_of(vocab: &Vocab, text: &str) -> u32 {
    let b = text.as_bytes();
    if b.is_ascii() {
        if vocab.surely_none(b) {
            return NONE;
        }
        vocab.find(b)
    } else {
        // Lowered, it has no ASCII upper-case letter: `find` lowers none.
        vocab.find(text.to_lowercase().as_bytes())
    }
}

/// The word ids of a sentence's tokens (of their lower-case text).
#[derive(Clone, Debug, Default)]
pub struct Words<'a> {
    /// The tokens the ids are of.
    tokens: std::marker::PhantomData<&'a str>,
    /// Word id of each token's lower-case text, or [`NONE`].
    ids: Vec<u32>,
    /// How many words had ids when these were looked up.
    known: usize,
}

impl<'a> Words<'a> {
    /// The words of `tokens`.
    pub fn of(tokens: &[Token<'a>]) -> Words<'a> {
        let ids = IDS.read().unwrap_or_else(|e| e.into_inner());
        Words::with(&ids, tokens)
    }

    fn with(ids: &Vocab, tokens: &[Token<'a>]) -> Words<'a> {
        Words {
            tokens: std::marker::PhantomData,
            ids: tokens.iter().map(|t| id_of(ids, t.text)).collect(),
            known: ids.len(),
        }
    }

    /// The word id of token `at`, whose text is `text`. A word given an id after
    /// these were looked up (a pattern compiled later) is looked up now.
    #[inline]
    pub fn id(&self, at: usize, text: &str) -> u32 {
        let id = self.ids[at];
        if id == NONE && self.known < count() {
            return Self::late_id(text);
        }
        id
    }

    /// (Speed) [`Words::id`]'s rare path, kept out of its callers.
    #[cold]
    #[inline(never)]
    fn late_id(text: &str) -> u32 {
        let ids = IDS.read().unwrap_or_else(|e| e.into_inner());
        id_of(&ids, text)
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is no token.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The words of every sentence of a document (tokens by sentence), looked up
/// once for every rule stage.
pub fn document<'a>(toks: &[Vec<Token<'a>>]) -> Vec<Words<'a>> {
    let ids = IDS.read().unwrap_or_else(|e| e.into_inner());
    toks.iter().map(|t| Words::with(&ids, t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    #[test]
    fn tokens_get_the_ids_of_their_lower_case_words() {
        let words = ["convened", "’", "co-chaired", "x"];
        let ids: Vec<u32> = words.iter().map(|w| intern(w)).collect();
        let toks = tokenize("CONVENED Convened convene’s Co-Chaired X xx", 0);
        let w = Words::of(&toks);
        let got: Vec<u32> = (0..toks.len()).map(|i| w.id(i, toks[i].text)).collect();
        // Other tests may give other words ids ("convene", "s", "xx"): those
        // tokens get whatever id their lower-case word has.
        let vocab = IDS.read().unwrap_or_else(|e| e.into_inner());
        let any = |t: &str| vocab.ids.get(&t.to_lowercase()).copied().unwrap_or(NONE);
        let want = [
            ids[0],
            ids[0],
            any("convene"),
            ids[1],
            any("s"),
            ids[2],
            ids[3],
            any("xx"),
        ];
        assert_eq!(got, want, "{toks:?}");
    }

    #[test]
    fn find_is_the_look_up_of_the_lower_case_form() {
        let mut words: Vec<String> = ["the", "of", "straße", "Mixed", "k", "é", "co-chaired", "’s"]
            .map(String::from)
            .to_vec();
        // Enough to make the table grow a few times.
        words.extend((0..300).map(|i| format!("w{i}")));
        let mut v = Vocab::default();
        for (i, w) in words.iter().enumerate() {
            let id = u32::try_from(i).unwrap();
            v.ids.insert(w.clone(), id);
            v.add(w, id);
        }
        let texts = [
            "the",
            "The",
            "THE",
            "tHe",
            "th",
            "thee",
            "of",
            "OF",
            "Of",
            "STRASSE",
            "Straße",
            "STRAßE",
            "straße",
            "Mixed",
            "mixed",
            "MIXED",
            "k",
            "K",
            "\u{212a}",
            "é",
            "É",
            "e",
            "Co-Chaired",
            "’S",
            "’s",
            "'s",
            "w0",
            "W17",
            "w299",
            "w300",
            "",
            "x",
        ];
        for t in texts
            .iter()
            .map(|t| t.to_string())
            .chain(words.iter().cloned())
        {
            let want = v
                .ids
                .get(crate::extract::tokens::lower(&t).as_ref())
                .copied()
                .unwrap_or(NONE);
            assert_eq!(id_of(&v, &t), want, "{t:?}");
        }
    }
}
