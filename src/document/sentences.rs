//! Sentence splitting: trimmed, non-empty sentences as byte ranges into a
//! document's normalised text, cut into pieces where one is too long.

use super::Span;

/// Abbreviations after which a period does not end a sentence (compared ignoring
/// ASCII case).
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    // Titles and ranks.
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "gens", "lt", "col", "maj", "capt", "sgt",
    "cpl", "pvt", "spc", "adm", "brig", "cmdr", "rep", "reps", "sen", "sens", "gov", "sec", "amb",
    "rev", "hon", "atty", "supt",
    // Places, names and companies.
    "st", "mt", "ft", "jr", "sr", "inc", "corp", "co", "ltd", "dept", "gov't", "vs", "etc",
    // Months.
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Abbreviations that only count as such before a number ("No. 2"), since "no." is
/// also a word.
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "vol"];

/// Abbreviations that never end a sentence, so a line break after them does not
/// either (hard-wrapped "Brig.\nGen. Shea").
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "gens", "lt", "col", "maj", "capt", "sgt",
    "cpl", "pvt", "spc", "adm", "brig", "cmdr", "rep", "reps", "sen", "sens", "gov", "sec", "amb",
    "rev", "hon", "atty", "supt",
];

fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Closing punctuation that stays with the sentence it ends.
fn is_closer(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b')' | b']')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// The word before byte `end` (letters, digits, `.` and `'`), at most 40 bytes long
/// (longer words are never abbreviations). Leading quotes and periods are dropped.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let mut start = end;
    for (i, c) in head.char_indices().rev() {
        if !(c.is_alphanumeric() || c == '.' || c == '\'') || end - i > 40 {
            break;
        }
        start = i;
    }
    head[start..].trim_start_matches(['.', '\''])
}

/// Whether `word` (what precedes a period) is an abbreviation, given the character
/// that follows the period and its spaces.
fn is_abbreviation(word: &str, next: char) -> bool {
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        // Dotted acronyms: U.S., D.C., U.N., e.g., a.m., Ph.D.
        let dotted = word.split('.').all(|seg| {
            !seg.is_empty() && seg.chars().count() <= 2 && seg.chars().all(char::is_alphabetic)
        });
        if dotted {
            return true;
        }
    }
    let last = word.rsplit('.').next().unwrap_or(word);
    let mut chars = last.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A single capital: an initial ("Joseph F. Dunford").
        return c.is_uppercase();
    }
    in_list(ABBREVIATIONS, last) || (next.is_ascii_digit() && in_list(NUMBER_ABBREVIATIONS, last))
}

/// Whether `c` may start a sentence after `.`/`!`/`?` and a space.
fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '\'' | '(')
        // Letters of scripts without case (Korean, Chinese, Arabic, …).
        || (c.is_alphabetic() && !c.is_lowercase())
}

/// Decides whether the terminal punctuation at `i` (running to `run_end`, closers to
/// `close_end`) ends a sentence; returns where the sentence ends.
fn punct_boundary(text: &str, i: usize, run_end: usize, close_end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let after = *b.get(close_end)?;
    let single_period = b[i] == b'.' && run_end == i + 1;
    if after == b' ' || after == b'\t' {
        let mut m = close_end;
        while m < b.len() && (b[m] == b' ' || b[m] == b'\t') {
            m += 1;
        }
        // A newline is decided by the line rules; the end needs no boundary.
        if m >= b.len() || b[m] == b'\n' {
            return None;
        }
        let next = char_at(text, m)?;
        if !starts_sentence(next) {
            return None;
        }
        // An abbreviation's period, also before the bracket that closes it:
        // "the United States (U.S.) Department of Defense".
        let closers = &text[run_end..close_end];
        if single_period
            && (closers.is_empty() || closers == ")")
            && is_abbreviation(word_before(text, i), next)
        {
            return None;
        }
        return Some(close_end);
    }
    // A missing space: "officials said.During the talks".
    if run_end != i + 1 || close_end != run_end {
        return None;
    }
    let first = char_at(text, i + 1)?;
    let second = char_at(text, i + 1 + first.len_utf8())?;
    if !(first.is_uppercase() && second.is_lowercase()) {
        return None;
    }
    let head = &text[..i];
    let mut letters = 0;
    for c in head.chars().rev() {
        if c.is_alphabetic() {
            if !c.is_lowercase() {
                return None;
            }
            letters += 1;
            if letters > 40 {
                break;
            }
        } else {
            // "example.com.Next", "3rd.The", "a/b.C…" stay whole.
            if c.is_alphanumeric() || matches!(c, '.' | '/' | '@' | ':' | '_') {
                return None;
            }
            break;
        }
    }
    (letters >= 2).then_some(i + 1)
}

/// Whether the newline at `i` ends the sentence.
fn newline_ends(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let mut m = i + 1;
    while m < b.len() && (b[m] == b' ' || b[m] == b'\t') {
        m += 1;
    }
    if m >= b.len() || b[m] == b'\n' {
        return true;
    }
    let Some(next) = char_at(text, m) else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    // A line ending in a title or an initial continues on the next line.
    let mut e = i;
    while e > 0 && (b[e - 1] == b' ' || b[e - 1] == b'\t') {
        e -= 1;
    }
    if next.is_alphabetic() && e > 0 && b[e - 1] == b'.' {
        let word = word_before(text, e - 1);
        let mut chars = word.chars();
        let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        if initial || in_list(TITLES, word) {
            return false;
        }
    }
    true
}

/// The bytes [`split`] looks at: line ends, terminal punctuation, and the
/// first bytes of full-width terminal punctuation.
static MAY_END: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xe3] = true;
    t[0xef] = true;
    t
};

/// Splits `text` into trimmed, non-empty sentences of at most `max` bytes.
pub(super) fn split(text: &str, max: usize) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 100 + 1);
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // Most bytes end no sentence: skip to the next that may.
        if !MAY_END[usize::from(b[i])] {
            i += 1;
            while i < b.len() && !MAY_END[usize::from(b[i])] {
                i += 1;
            }
            continue;
        }
        match b[i] {
            b'\n' => {
                if newline_ends(text, i) {
                    push_sentence(&mut out, text, start, i, max);
                    start = i + 1;
                }
                i += 1;
            }
            b'.' | b'!' | b'?' => {
                let mut j = i + 1;
                while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
                    j += 1;
                }
                let run_end = j;
                while j < b.len() && is_closer(b[j]) {
                    j += 1;
                }
                if let Some(end) = punct_boundary(text, i, run_end, j) {
                    push_sentence(&mut out, text, start, end, max);
                    start = end;
                }
                i = j;
            }
            0xe3 | 0xef => {
                // Full-width 。！？ end a sentence without a following space.
                let rest = &text.as_bytes()[i..];
                let terminal = ["。", "！", "？"]
                    .iter()
                    .find(|t| rest.starts_with(t.as_bytes()));
                if let Some(t) = terminal {
                    let mut j = i + t.len();
                    loop {
                        if j < b.len() && is_closer(b[j]) {
                            j += 1;
                        } else if let Some(c @ ('」' | '』' | '）')) = char_at(text, j) {
                            j += c.len_utf8();
                        } else {
                            break;
                        }
                    }
                    push_sentence(&mut out, text, start, j, max);
                    start = j;
                    i = j;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    push_sentence(&mut out, text, start, b.len(), max);
    out
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Trims `[start, end)` and pushes it, cut into pieces of at most `max` bytes.
fn push_sentence(out: &mut Vec<Span>, text: &str, start: usize, end: usize, max: usize) {
    let b = text.as_bytes();
    let (mut start, mut end) = (start, end);
    while start < end && is_space(b[start]) {
        start += 1;
    }
    while end > start && is_space(b[end - 1]) {
        end -= 1;
    }
    while start < end {
        if end - start <= max {
            out.push(Span { start, end });
            return;
        }
        // Cut at the last whitespace in the second half of the allowed length, or
        // in the middle of a word if there is none.
        let limit = floor_char_boundary(text, start + max);
        let low = start + max / 2;
        let (piece_end, next) = match (low..=limit).rev().find(|&k| is_space(b[k])) {
            Some(k) => (k, k + 1),
            None => (limit, limit),
        };
        let mut piece_end = piece_end;
        while piece_end > start && is_space(b[piece_end - 1]) {
            piece_end -= 1;
        }
        if piece_end > start {
            out.push(Span {
                start,
                end: piece_end,
            });
        }
        start = next;
        while start < end && is_space(b[start]) {
            start += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check_spans, check_table};
    use super::super::{Document, Limits};

    #[test]
    fn basic_punctuation() {
        check_table(&[
            ("", &[]),
            ("   \n\n\t \n", &[]),
            ("One sentence.", &["One sentence."]),
            ("No final stop", &["No final stop"]),
            (
                "First one. Second one! Third one? Fourth.",
                &["First one.", "Second one!", "Third one?", "Fourth."],
            ),
            ("It rose. 2024 was hard.", &["It rose.", "2024 was hard."]),
            ("Wait... Then it came.", &["Wait...", "Then it came."]),
            ("Really?! Yes.", &["Really?!", "Yes."]),
            ("it fell. then it rose.", &["it fell. then it rose."]),
            (
                "It cost 3.5 million. Then more.",
                &["It cost 3.5 million.", "Then more."],
            ),
            (
                "See (the annex). (It is long.)",
                &["See (the annex).", "(It is long.)"],
            ),
        ]);
    }

    #[test]
    fn abbreviations() {
        check_table(&[
            (
                "The U.S. Secretary of State arrived. She spoke.",
                &["The U.S. Secretary of State arrived.", "She spoke."],
            ),
            (
                "Talks with the U.S. Officials declined to comment.",
                &["Talks with the U.S. Officials declined to comment."],
            ),
            (
                "The U.N. Security Council and the U.K. Parliament met.",
                &["The U.N. Security Council and the U.K. Parliament met."],
            ),
            (
                "The United States (U.S.) Department of Defense met. It spoke.",
                &[
                    "The United States (U.S.) Department of Defense met.",
                    "It spoke.",
                ],
            ),
            (
                "The vote is on Nov. 4 this year. It matters.",
                &["The vote is on Nov. 4 this year.", "It matters."],
            ),
            (
                "It began on Sept. 11 and ended Jan. 3. Nobody noticed.",
                &["It began on Sept. 11 and ended Jan. 3.", "Nobody noticed."],
            ),
            (
                "Brig. Gen. Roberta Shea spoke. Lt. Col. Amy Ng listened.",
                &[
                    "Brig. Gen. Roberta Shea spoke.",
                    "Lt. Col. Amy Ng listened.",
                ],
            ),
            (
                "Dr. Kim met Mr. Lee and Mrs. Park.",
                &["Dr. Kim met Mr. Lee and Mrs. Park."],
            ),
            (
                "Sen. Ames and Rep. Bo met Gov. Cy and Amb. Dee.",
                &["Sen. Ames and Rep. Bo met Gov. Cy and Amb. Dee."],
            ),
            (
                "John F. Smith said so. He left.",
                &["John F. Smith said so.", "He left."],
            ),
            (
                "Gen. Joseph F. Dunford and Lloyd J. Austin III met.",
                &["Gen. Joseph F. Dunford and Lloyd J. Austin III met."],
            ),
            (
                "He was in Washington, D.C. on Monday. Then he left.",
                &["He was in Washington, D.C. on Monday.", "Then he left."],
            ),
            (
                "Acme Corp. Chairman Bo Li and Zeta Inc. Chief Al Wu met.",
                &["Acme Corp. Chairman Bo Li and Zeta Inc. Chief Al Wu met."],
            ),
            (
                "He lives on St. Mark Street.",
                &["He lives on St. Mark Street."],
            ),
            (
                "Reds vs. Blues etc. Then lunch.",
                &["Reds vs. Blues etc. Then lunch."],
            ),
            (
                "The Gov't. Office said so.",
                &["The Gov't. Office said so."],
            ),
            ("He ranked No. 1 again.", &["He ranked No. 1 again."]),
            (
                "The answer was no. Then he left.",
                &["The answer was no.", "Then he left."],
            ),
            ("Use tools, e.g. Hammers.", &["Use tools, e.g. Hammers."]),
            (
                "It ended at 5 p.m. Friday.",
                &["It ended at 5 p.m. Friday."],
            ),
            ("Read 'Mr. Lee' today.", &["Read 'Mr. Lee' today."]),
            (
                "He visited nytimes.com. Then he left.",
                &["He visited nytimes.com.", "Then he left."],
            ),
        ]);
    }

    #[test]
    fn missing_space() {
        check_table(&[
            (
                "Officials said.During the talks, nothing moved.",
                &["Officials said.", "During the talks, nothing moved."],
            ),
            (
                "The U.S.-North Korea talks began.",
                &["The U.S.-North Korea talks began."],
            ),
            ("Some e.g.Something here.", &["Some e.g.Something here."]),
            ("Growth was 3.5 percent.", &["Growth was 3.5 percent."]),
            (
                "Visit www.example.Com now.",
                &["Visit www.example.Com now."],
            ),
            ("A quick one.ABC follows.", &["A quick one.ABC follows."]),
            ("He won!Then he left.", &["He won!", "Then he left."]),
        ]);
    }

    #[test]
    fn quotes() {
        check_table(&[
            (
                "\"We support it. We stand by it,\" the official said.",
                &["\"We support it.", "We stand by it,\" the official said."],
            ),
            (
                "He said \"Go home.\" Then he left.",
                &["He said \"Go home.\"", "Then he left."],
            ),
            (
                "She left. \"It is over,\" she said.",
                &["She left.", "\"It is over,\" she said."],
            ),
            (
                "He used 'the plan.' Officials agreed.",
                &["He used 'the plan.'", "Officials agreed."],
            ),
            (
                "\u{201c}We support it. We stand by it,\u{201d} the official said.",
                &["\"We support it.", "We stand by it,\" the official said."],
            ),
        ]);
    }

    #[test]
    fn newlines() {
        check_table(&[
            (
                "Headline About Talks\nThe talks began today. They ended.",
                &[
                    "Headline About Talks",
                    "The talks began today.",
                    "They ended.",
                ],
            ),
            (
                "The talks began today and\ncontinued into the night.",
                &["The talks began today and\ncontinued into the night."],
            ),
            (
                "First paragraph\n\nsecond paragraph",
                &["First paragraph", "second paragraph"],
            ),
            (
                "First paragraph\n  \t\nsecond",
                &["First paragraph", "second"],
            ),
            (
                "Key points:\n- first item\n- second item\n* third",
                &["Key points:", "- first item", "- second item", "* third"],
            ),
            ("# Markdown title\nBody.", &["# Markdown title", "Body."]),
            (
                "Said Brig.\nGen. Shea today.",
                &["Said Brig.\nGen. Shea today."],
            ),
            ("John F.\nSmith spoke.", &["John F.\nSmith spoke."]),
            ("It ended.\nNext line.", &["It ended.", "Next line."]),
        ]);
    }

    #[test]
    fn spans_slice_exactly() {
        let input = "\u{feff}\u{201c}Caf\u{e9} \u{2014} na\u{ef}ve,\u{201d} said Dr.\u{a0}\u{c9}lodie. \
                     \u{c9}t\u{e9} came\u{2026} \u{bf}Qu\u{e9}? S\u{ed}.";
        let doc = Document::parse("s.txt", input.as_bytes()).unwrap();
        check_spans(&doc);
        let got: Vec<&str> = (0..doc.sentences.len()).map(|i| doc.sentence(i)).collect();
        assert_eq!(
            got,
            [
                "\"Caf\u{e9} -- na\u{ef}ve,\" said Dr. \u{c9}lodie.",
                "\u{c9}t\u{e9} came... \u{bf}Qu\u{e9}?",
                "S\u{ed}."
            ]
        );
        for (i, s) in doc.sentences.iter().enumerate() {
            assert_eq!(doc.sentence_index_at(s.start), Some(i));
            assert_eq!(doc.sentence_index_at(s.end - 1), Some(i));
        }
        let gap = doc.sentences[0].end;
        assert_eq!(doc.sentence_index_at(gap), None);
        assert_eq!(doc.sentence_index_at(doc.text.len()), None);
    }

    #[test]
    fn korean_and_cjk() {
        check_table(&[
            (
                "\u{d55c}\u{ad6d}\u{c5b4} \u{bb38}\u{c7a5}\u{c785}\u{b2c8}\u{b2e4}. \u{b2e4}\u{c74c} \u{bb38}\u{c7a5}.",
                &[
                    "\u{d55c}\u{ad6d}\u{c5b4} \u{bb38}\u{c7a5}\u{c785}\u{b2c8}\u{b2e4}.",
                    "\u{b2e4}\u{c74c} \u{bb38}\u{c7a5}.",
                ],
            ),
            (
                "会谈开始了。双方同意！结束了吗？",
                &["会谈开始了。", "双方同意！", "结束了吗？"],
            ),
            (
                "他说：「好。」然后离开。",
                &["他说：「好。」", "然后离开。"],
            ),
        ]);
        // Arbitrary multi-byte text with punctuation everywhere must not panic.
        let junk = "é.É.ü!Ü?한.국 어.\u{301}.A.한\n.\n\u{10348}.\u{10348} x.\u{1F600}";
        let doc = Document::parse("k.txt", junk.as_bytes()).unwrap();
        check_spans(&doc);
    }

    #[test]
    fn long_sentences_are_cut() {
        let limits = Limits {
            max_document_bytes: 1 << 20,
            max_sentence_bytes: 20,
        };
        let input = "aaaa bbbb cccc dddd eeee ffff gggg hhhh. Short one.";
        let doc = Document::parse_with("l.txt", input.as_bytes(), &limits).unwrap();
        check_spans(&doc);
        let got: Vec<&str> = (0..doc.sentences.len()).map(|i| doc.sentence(i)).collect();
        assert_eq!(
            got,
            ["aaaa bbbb cccc dddd", "eeee ffff gggg hhhh.", "Short one."]
        );
        // No whitespace at all: cut on character boundaries.
        let input = "\u{d55c}".repeat(30);
        let doc = Document::parse_with("l.txt", input.as_bytes(), &limits).unwrap();
        check_spans(&doc);
        assert!(doc.sentences.iter().all(|s| s.end - s.start <= 20));
        let joined: String = (0..doc.sentences.len()).map(|i| doc.sentence(i)).collect();
        assert_eq!(joined, input);
    }
}
