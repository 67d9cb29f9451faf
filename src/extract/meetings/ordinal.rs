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
pub(super) fn counts_a_period(after: &str) -> bool {
    let mut words = after
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';', ':']).to_lowercase());
    let mut w = words.next().unwrap_or_default();
    if matches!(
        w.as_str(),
        "meeting" | "meetings" | "session" | "round" | "gathering" | "talks" | "dialogue"
    ) {
        w = words.next().unwrap_or_default();
    }
    match w.as_str() {
        // "since its inception" counts from the first: a number.
        "since" => !words.any(|x| {
            matches!(
                x.as_str(),
                "inception" | "launch" | "creation" | "founding" | "establishment" | "start"
            )
        }),
        // "for Kim", "for the new minister"; not "for the first time", "for two days".
        "for" => !words.take(3).any(|x| {
            matches!(
                x.as_str(),
                "time" | "days" | "hours" | "weeks" | "months" | "years"
            )
        }),
        "under" | "such" => true,
        "of" => {
            let mut next = words.next().unwrap_or_default();
            if matches!(
                next.as_str(),
                "the" | "this" | "that" | "his" | "her" | "their" | "its"
            ) {
                next = words.next().unwrap_or_default();
            }
            next.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        }
        "in" => {
            let rest: Vec<String> = words.take(2).collect();
            rest.iter()
                .any(|x| matches!(x.as_str(), "years" | "months" | "decades" | "year"))
        }
        _ => false,
    }
}
