//! When an ordinal before a series' name is the meeting's number ("the 25th
//! KIDD", "the fifth round of the SMA talks") and when it counts something else
//! ("the second KIDD of the year", "his first SCM", "the first AUSMIN since …").

/// Words that may stand between an ordinal and the series it numbers: "the fifth
/// round of", "the fourth meeting of their".
pub(super) const BETWEEN_ORDINAL_AND_SERIES: &[&str] = &[
    "and",
    "round",
    "rounds",
    "of",
    "the",
    "their",
    "its",
    "meeting",
    "meetings",
    "session",
    "edition",
    "iteration",
    "for",
];

/// Whether the text before an ordinal ends with a possessive that makes it count
/// someone's meetings: "his first NCG meeting".
pub(super) fn counts_for_someone(before: &str) -> bool {
    let w = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    matches!(w.to_lowercase().as_str(), "his" | "her" | "my" | "your")
}

/// Whether the text right after "<ordinal> <series>" makes the ordinal count
/// meetings of a period or of a person: an optional head noun ("meeting",
/// "session", "round"), then "of the year"/"of his term" (a lower-case noun
/// after "of"), "for <someone>", "since", "under", "such", "in <n> years".
/// `lower_after` is `after` in lower case, if the text has a lower-case copy
/// (ASCII text).
pub(super) fn counts_a_period(after: &str, lower_after: Option<&str>) -> bool {
    // (Speed) `tokens::lower` is `to_lowercase` that copies only words with an
    // upper-case letter: "since" reads on to the end of the text.
    // `read`: where the words read so far end.
    let mut read = 0;
    let mut words = after.split_whitespace().map(|w| {
        read = w.as_ptr() as usize - after.as_ptr() as usize + w.len();
        crate::extract::tokens::lower(w.trim_end_matches([',', '.', ';', ':']))
    });
    let mut w = words.next().unwrap_or_default();
    if matches!(
        w.as_ref(),
        "meeting" | "meetings" | "session" | "round" | "gathering" | "talks" | "dialogue"
    ) {
        w = words.next().unwrap_or_default();
    }
    match w.as_ref() {
        // "since its inception" counts from the first: a number.
        "since" => {
            drop(words);
            let lower_rest = lower_after
                .filter(|l| l.len() == after.len())
                .map(|l| &l[read..]);
            !since_start_after(&after[read..], lower_rest)
        }
        // "for Kim", "for the new minister"; not "for the first time", "for two days".
        "for" => !words.take(3).any(|x| {
            matches!(
                x.as_ref(),
                "time" | "days" | "hours" | "weeks" | "months" | "years"
            )
        }),
        "under" | "such" => true,
        "of" => {
            let mut next = words.next().unwrap_or_default();
            if matches!(
                next.as_ref(),
                "the" | "this" | "that" | "his" | "her" | "their" | "its"
            ) {
                next = words.next().unwrap_or_default();
            }
            next.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        }
        "in" => {
            let rest: Vec<_> = words.take(2).collect();
            rest.iter()
                .any(|x| matches!(x.as_ref(), "years" | "months" | "decades" | "year"))
        }
        _ => false,
    }
}

/// Whether a word of `rest` (split at white space, without trailing `,.;:`, in
/// lower case) is "inception", "launch", "creation", "founding",
/// "establishment" or "start". `lower_rest` is `rest` in lower case, if the
/// text has a lower-case copy (ASCII text, lowered byte for byte).
///
/// (Speed) "since" reads on to the end of the text: one search for the six words
/// (ASCII case folded), each found one a word if white space (or either end)
/// bounds it, past any trailing `,.;:`. Exactly the words the split finds: a word
/// with a character that is not ASCII lowers to no ASCII word without a `k`. In
/// the lower-case copy the words are looked for as they are: the same
/// occurrences, found faster.
fn since_start_after(rest: &str, lower_rest: Option<&str>) -> bool {
    const START_WORDS: [&str; 6] = [
        "inception",
        "launch",
        "creation",
        "founding",
        "establishment",
        "start",
    ];
    static WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(START_WORDS)
            .expect("constant words")
    });
    static LOWER_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(START_WORDS)
                .expect("constant words")
        });
    let word = |m: aho_corasick::Match| {
        let before = rest[..m.start()].chars().next_back();
        let after = rest[m.end()..].trim_start_matches([',', '.', ';', ':']);
        before.is_none_or(char::is_whitespace)
            && after.chars().next().is_none_or(char::is_whitespace)
    };
    match lower_rest.filter(|l| l.len() == rest.len()) {
        Some(lower) => LOWER_WORDS.find_iter(lower).any(word),
        None => WORDS.find_iter(rest).any(word),
    }
}

#[cfg(test)]
mod tests {
    /// The words as the split reads them, one by one.
    fn by_words(rest: &str) -> bool {
        rest.split_whitespace().any(|w| {
            matches!(
                w.trim_end_matches([',', '.', ';', ':'])
                    .to_lowercase()
                    .as_str(),
                "inception" | "launch" | "creation" | "founding" | "establishment" | "start"
            )
        })
    }

    #[test]
    fn the_search_finds_the_words_the_split_does() {
        for rest in [
            " its inception.",
            " the START,. of",
            " a restart of",
            " inceptions and",
            " launch,x here",
            " its\u{a0}founding",
            " ſtart now",
            " the creation:;",
            " establishment",
            " 2019 and the launch’s",
            "",
            " é start é",
        ] {
            assert_eq!(
                super::since_start_after(rest, None),
                by_words(rest),
                "{rest:?}"
            );
            if rest.is_ascii() {
                let lower = rest.to_ascii_lowercase();
                assert_eq!(
                    super::since_start_after(rest, Some(&lower)),
                    by_words(rest),
                    "{rest:?}"
                );
            }
        }
    }
}
