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
use std::borrow::Cow;
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

    /// Whether the ASCII `text` (any case) surely lowers to no word with an id.
    fn surely_none(&self, text: &str) -> bool {
        let b = text.as_bytes();
        !b.is_empty()
            && b.len() <= SHAPED
            && b.is_ascii()
            && !self.shapes.get(shape(b)).copied().unwrap_or(true)
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
    let n = u32::try_from(vocab.len()).unwrap_or(NONE - 1);
    let id = *vocab.ids.entry(word.to_string()).or_insert(n);
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
/// when no pattern tests it. ASCII text is lowered in `buf`, not copied anew.
fn id_of(vocab: &Vocab, text: &str, buf: &mut String) -> u32 {
    if vocab.surely_none(text) {
        return NONE;
    }
    let lower: Cow<str> = if text.bytes().any(|b| b.is_ascii_uppercase()) && text.is_ascii() {
        buf.clear();
        buf.push_str(text);
        buf.make_ascii_lowercase();
        Cow::Borrowed(buf.as_str())
    } else {
        super::tokens::lower(text)
    };
    vocab.ids.get(lower.as_ref()).copied().unwrap_or(NONE)
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
        Words::with(&ids, tokens, &mut String::new())
    }

    /// `buf`: room to lower a word in, kept between calls.
    fn with(ids: &Vocab, tokens: &[Token<'a>], buf: &mut String) -> Words<'a> {
        Words {
            tokens: std::marker::PhantomData,
            ids: tokens.iter().map(|t| id_of(ids, t.text, buf)).collect(),
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
        id_of(&ids, text, &mut String::new())
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
    let mut buf = String::new();
    toks.iter()
        .map(|t| Words::with(&ids, t, &mut buf))
        .collect()
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
}
