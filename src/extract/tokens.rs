//! Words of a sentence with their byte offsets: the unit every rule looks at.

use std::borrow::Cow;

/// A word or punctuation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The text.
    pub text: &'a str,
    /// Byte offset in the document.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

impl<'a> Token<'a> {
    /// Starts with an upper-case letter.
    #[inline]
    pub fn is_capitalised(&self) -> bool {
        // (Speed) An ASCII first byte is the first character.
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.text.chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// Is a word (starts with a letter or digit).
    #[inline]
    pub fn is_word(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            _ => self.text.chars().next().is_some_and(char::is_alphanumeric),
        }
    }

    /// Lower-case text (borrowed when it already is).
    pub fn lower(&self) -> Cow<'a, str> {
        lower(self.text)
    }
}

/// `s.to_lowercase()`, without a copy when `s` has no upper-case letter: for ASCII
/// text (nearly every word) lowering is ASCII lowering.
pub fn lower(s: &str) -> Cow<'_, str> {
    if !s.is_ascii() {
        Cow::Owned(s.to_lowercase())
    } else if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether `s.to_lowercase() == lower` (`lower` being lower case), without
/// allocating for ASCII `s`.
pub fn lower_eq(s: &str, lower: &str) -> bool {
    if s.is_ascii() {
        s.eq_ignore_ascii_case(lower)
    } else {
        s.to_lowercase() == lower
    }
}

/// The tokens of every sentence of `doc`, computed once and shared by the
/// extractors.
pub fn sentence_tokens(doc: &crate::document::Document) -> Vec<Vec<Token<'_>>> {
    doc.sentences
        .iter()
        .map(|s| tokenize(&doc.text[s.start..s.end], s.start))
        .collect()
}

/// Splits `text` (which starts at byte `base` of the document) into tokens.
///
/// Words keep inner hyphens and apostrophes ("Chang-rae", "Korea's" is split into
/// "Korea" and "'s"), and dots of abbreviations and initials ("U.S.", "J.", "Gen.").
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    // About one token per six bytes of news text, but one per five or more in a
    // good share of sentences: room for one per four leaves nearly all without
    // regrowth.
    let mut out = Vec::with_capacity(text.len() / 4 + 2);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes are classified by table; other characters decoded.
        let (c, word) = match CLASS[usize::from(bytes[i])] {
            SPACE => {
                i += 1;
                continue;
            }
            ALNUM => {
                // (Speed) The run of ASCII letters and digits; most words end
                // there, at a byte the loop below would stop at too.
                let mut j = i + 1;
                while j < bytes.len() && CLASS[usize::from(bytes[j])] == ALNUM {
                    j += 1;
                }
                if bytes.get(j).is_none_or(|&b| {
                    b.is_ascii() && !matches!(b, b'-' | b'+' | b'/' | b'.' | b'\'')
                }) {
                    out.push(Token {
                        text: &text[i..j],
                        start: base + i,
                        end: base + j,
                    });
                    i = j;
                    continue;
                }
                (char::from(bytes[i]), true)
            }
            // (Speed) Punctuation of one byte, but for "'s" and "--" below.
            OTHER if !matches!(bytes[i], b'\'' | b'-') => {
                out.push(Token {
                    text: &text[i..i + 1],
                    start: base + i,
                    end: base + i + 1,
                });
                i += 1;
                continue;
            }
            OTHER => (char::from(bytes[i]), false),
            _ => {
                let c = char_at(text, i);
                if c.is_whitespace() {
                    i += c.len_utf8();
                    continue;
                }
                (c, c.is_alphanumeric())
            }
        };
        if word {
            let start = i;
            let mut j = i;
            while j < text.len() {
                // Runs of ASCII letters and digits, the bulk of words, at once.
                j += bytes[j..]
                    .iter()
                    .position(|&b| CLASS[usize::from(b)] != ALNUM)
                    .unwrap_or(bytes.len() - j);
                let Some(&b) = bytes.get(j) else {
                    break;
                };
                // Most words end at a space or a comma: an ASCII byte that is no
                // letter or digit ends the word unless it is one of these.
                if b.is_ascii() && !matches!(b, b'-' | b'+' | b'/' | b'.' | b'\'') {
                    break;
                }
                let d = char_at(text, j);
                if d.is_alphanumeric() {
                    j += d.len_utf8();
                } else if ((d == '-' || d == '+' || d == '/')
                    && j + 1 < text.len()
                    && char_at(text, j + 1).is_alphanumeric())
                    || (d == '.' && is_abbrev_dot(&text[start..j], &text[j + 1..]))
                    || (d == '\'' && is_inner_apostrophe(&text[j + 1..]))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            out.push(Token {
                text: &text[start..j],
                start: base + start,
                end: base + j,
            });
            i = j;
            continue;
        }
        // "'s" possessive as its own token.
        if c == '\''
            && bytes.get(i + 1) == Some(&b's')
            && !bytes.get(i + 2).is_some_and(|b| b.is_ascii_alphanumeric())
        {
            out.push(Token {
                text: &text[i..i + 2],
                start: base + i,
                end: base + i + 2,
            });
            i += 2;
            continue;
        }
        // "--" as one token.
        let len = if c == '-' && bytes.get(i + 1) == Some(&b'-') {
            2
        } else {
            c.len_utf8()
        };
        out.push(Token {
            text: &text[i..i + len],
            start: base + i,
            end: base + i + len,
        });
        i += len;
    }
    out
}

/// [`CLASS`] of an ASCII byte that is neither white space nor a letter or digit.
const OTHER: u8 = 0;
/// [`CLASS`] of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`CLASS`] of ASCII white space (as [`char::is_whitespace`] sees it).
const SPACE: u8 = 2;
/// [`CLASS`] of a byte of a character that is not ASCII.
const WIDE: u8 = 3;

/// What each byte is to [`tokenize`].
static CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            SPACE
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// The character at byte `i` (a char boundary) of `text`; ASCII without decoding.
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes()[i] {
        b if b.is_ascii() => char::from(b),
        _ => text[i..].chars().next().unwrap_or(' '),
    }
}

/// An apostrophe inside a word ("O'Brien"), not a possessive "'s".
fn is_inner_apostrophe(rest: &str) -> bool {
    let mut it = rest.chars();
    match (it.next(), it.next()) {
        (Some('s'), next) => next.is_some_and(char::is_alphanumeric),
        (Some(c), _) => c.is_alphabetic(),
        _ => false,
    }
}

/// A dot that belongs to the word before it: initials ("J."), dotted acronyms
/// ("U.S."), and short title abbreviations ("Gen.", "Dr.", "Nov.").
fn is_abbrev_dot(word: &str, rest: &str) -> bool {
    let next = rest.chars().next();
    // "U.S" + "." and "D.C" + "." : dotted acronyms.
    let dotted = word.len() >= 2
        && word.as_bytes().get(1) == Some(&b'.')
        && word.chars().all(|c| c == '.' || c.is_ascii_uppercase());
    if dotted {
        return true;
    }
    // An initial: one upper-case letter.
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return next.is_none_or(|n| !n.is_alphanumeric() || n.is_uppercase());
    }
    is_title_abbreviation(word) && next.is_none_or(|n| !n.is_alphanumeric())
}

/// Short title, month and company abbreviations written with a dot. (Asked at the
/// end of every sentence: a `match` switches on length instead of comparing with
/// each in turn.)
fn is_title_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Gen"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Sgt"
            | "Adm"
            | "Brig"
            | "Cmdr"
            | "Rep"
            | "Sen"
            | "Gov"
            | "Amb"
            | "Jr"
            | "Sr"
            | "St"
            | "No"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Inc"
            | "Corp"
            | "Co"
            | "Ltd"
            | "vs"
            | "Dept"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("U.S. Secretary", &["U.S.", "Secretary"]),
            (
                "Brig. Gen. Roberta Shea led",
                &["Brig.", "Gen.", "Roberta", "Shea", "led"],
            ),
            ("South Korea's deputy", &["South", "Korea", "'s", "deputy"]),
            ("Cho Chang-rae, who", &["Cho", "Chang-rae", ",", "who"]),
            (
                "Lloyd J. Austin III.",
                &["Lloyd", "J.", "Austin", "III", "."],
            ),
            (
                "the U.S.-North Korea summit",
                &["the", "U.S.-North", "Korea", "summit"],
            ),
            ("on Nov. 4.", &["on", "Nov.", "4", "."]),
            ("officials -- John", &["officials", "--", "John"]),
            ("the 2+2 talks", &["the", "2+2", "talks"]),
            ("allies' posture", &["allies", "'", "posture"]),
            // Word ends at the end, at punctuation, at a character not ASCII.
            ("Seoul", &["Seoul"]),
            ("(Seoul),", &["(", "Seoul", ")", ","]),
            ("x--y 'sx 's", &["x", "--", "y", "'", "sx", "'s"]),
            ("a -- b - c", &["a", "--", "b", "-", "c"]),
            ("Ahn’s café é", &["Ahn", "’", "s", "café", "é"]),
        ];
        for (input, want) in cases {
            assert_eq!(&words(input), want, "{input}");
        }
    }

    #[test]
    fn offsets_slice_back() {
        let s = "Ahn Gyu-back, 한국 국방부 장관, said.";
        for t in tokenize(s, 0) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }
}
