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
static IDS: LazyLock<RwLock<HashMap<String, u32>>> = LazyLock::new(Default::default);

/// How many words [`IDS`] holds (read without the lock).
static COUNT: AtomicUsize = AtomicUsize::new(0);

/// The id of `word` (lower case), given it now if it has none.
pub fn intern(word: &str) -> u32 {
    if let Some(&id) = IDS.read().unwrap_or_else(|e| e.into_inner()).get(word) {
        return id;
    }
    let mut ids = IDS.write().unwrap_or_else(|e| e.into_inner());
    let n = u32::try_from(ids.len()).unwrap_or(NONE - 1);
    let id = *ids.entry(word.to_string()).or_insert(n);
    COUNT.store(ids.len(), Ordering::Release);
    id
}

/// How many words have ids (every id is below it).
pub fn count() -> usize {
    COUNT.load(Ordering::Acquire)
}

/// The id of the lower-case form of `text` ([`super::tokens::lower`]), [`NONE`]
/// when no pattern tests it. ASCII text is lowered in `buf`, not copied anew.
fn id_of(ids: &HashMap<String, u32>, text: &str, buf: &mut String) -> u32 {
    let lower: Cow<str> = if text.bytes().any(|b| b.is_ascii_uppercase()) && text.is_ascii() {
        buf.clear();
        buf.push_str(text);
        buf.make_ascii_lowercase();
        Cow::Borrowed(buf.as_str())
    } else {
        super::tokens::lower(text)
    };
    ids.get(lower.as_ref()).copied().unwrap_or(NONE)
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
    fn with(ids: &HashMap<String, u32>, tokens: &[Token<'a>], buf: &mut String) -> Words<'a> {
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
            let ids = IDS.read().unwrap_or_else(|e| e.into_inner());
            return id_of(&ids, text, &mut String::new());
        }
        id
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
