//! Labels: how a node is named for a reader, from the parts extraction reads.
//! An office after its country's own wording ("U.S. Secretary of Defense"); a
//! meeting's gathering after its series and its number, month or place ("14th
//! KIDD", "KIDD May 2025 (Washington)"). The label a node keeps is the one most
//! documents give ([`super::ids::choose_label`]).

use crate::lexicon::Lexicon;
use crate::ontology::OfficeKey;
use chrono::NaiveDate;

/// A readable label for an office: "U.S. Deputy Assistant Secretary of Defense
/// for East Asia"; a body's office is named after the body: "U.S. Forces Korea
/// Commander". `own` is the country's own wording of its office of that head and
/// domain ("Minister of National Defense"), when the lexicon lists one.
pub fn office(key: &OfficeKey, own: Option<&str>, lex: &Lexicon) -> String {
    let mut out = String::with_capacity(64);
    let mut first = true;
    let mut part = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push(' ');
        }
    };
    if let Some(b) = &key.body {
        part(&mut out);
        out.push_str(b);
    } else if let Some(c) = &key.country {
        part(&mut out);
        out.push_str(lex.country_adjective(c));
    }
    for m in &lex.titles.mods {
        if key.mods.iter().any(|x| x == m)
            && !(m == "general" && lex.title_sets.general_after.contains(&key.head))
        {
            part(&mut out);
            title_case_into(&mut out, m);
        }
    }
    part(&mut out);
    if let (Some(own), None) = (own, &key.body) {
        out.push_str(own);
    } else {
        if key.head == "leader" {
            out.push_str("leader");
        } else {
            title_case_into(&mut out, &key.head);
        }
        if key.mods.iter().any(|m| m == "general")
            && lex.title_sets.general_after.contains(&key.head)
        {
            out.push_str(" General");
        }
        if !key.domain.is_empty() {
            let prep = if key.domain == "foreign affairs" && key.head == "minister" {
                "for"
            } else {
                "of"
            };
            out.push(' ');
            out.push_str(prep);
            out.push(' ');
            match key.domain.as_str() {
                "joint chiefs of staff" => out.push_str("the Joint Chiefs of Staff"),
                d => title_case_into(&mut out, d),
            }
        }
    }
    if !key.portfolio.is_empty() {
        let prep = if key.head == "consul" {
            "in"
        } else if key.head == "ambassador" {
            "to"
        } else {
            "for"
        };
        out.push(' ');
        out.push_str(prep);
        out.push(' ');
        title_case_into(&mut out, &key.portfolio);
    }
    out
}

/// What the label of a gathering with no date says in place of one, until its
/// place or date is known: a gathering is never named after its file.
pub const UNDATED: &str = "(date not given)";

/// The surname in a person's label, as meeting labels use it ("Yoon-Austin talks"):
/// the first word of a Korean name, else the last word.
pub fn surname_in<'a>(label: &'a str, lex: &Lexicon) -> &'a str {
    let first = label.split(' ').next().unwrap_or("");
    if lex.is_korean_surname(first) {
        first
    } else {
        label.rsplit(' ').next().unwrap_or("")
    }
}

/// The English ordinal suffix of `n`: 1st, 2nd, 3rd, 11th, 22nd.
pub fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// The `n`th gathering of the series named `name` (`num` is `n` in digits):
/// "14th KIDD".
pub fn ordinal(num: &str, n: u32, name: &str) -> String {
    [num, ordinal_suffix(n), " ", name].concat()
}

/// A month as labels write it: "May 2025".
pub fn month(day: NaiveDate) -> String {
    day.format("%B %Y").to_string()
}

/// A gathering of the series named `name` at the time `when` says ("May 2025",
/// "2025", "July 25-26"): "KIDD May 2025".
pub fn dated(name: &str, when: &str) -> String {
    [name, " ", when].concat()
}

/// A gathering of the series named `name` in the month of `day`: "KIDD May 2025".
pub fn in_month(name: &str, day: NaiveDate) -> String {
    format!("{name} {}", day.format("%B %Y"))
}

/// A gathering of the series named `name` with no date yet: "KIDD (date not
/// given)".
pub fn undated(name: &str) -> String {
    [name, " ", UNDATED].concat()
}

/// The series' name of an [`undated`] label.
pub fn undated_stem(label: &str) -> Option<&str> {
    label.strip_suffix(UNDATED)?.strip_suffix(' ')
}

/// A gathering's label with its place: "KIDD May 2025 (Washington)".
pub fn at_place(label: &str, city: &str) -> String {
    format!("{label} ({city})")
}

/// The next gathering of the series named `name`, undated: "SCC next round".
pub fn next_round(name: &str) -> String {
    [name, " next round"].concat()
}

/// A summit a document names by its month alone: "August 2023 summit".
pub fn summit_in_month(day: NaiveDate) -> String {
    [&month(day), " summit"].concat()
}

/// `s` with each word capitalised, but for "of", "for", "and", "the" and "in",
/// appended to `out`.
fn title_case_into(out: &mut String, s: &str) {
    for (k, w) in s.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if matches!(w, "of" | "for" | "and" | "the" | "in") {
            out.push_str(w);
            continue;
        }
        // Each part of a hyphenated word: "Indo-Pacific".
        for (n, part) in w.split('-').enumerate() {
            if n > 0 {
                out.push('-');
            }
            let mut c = part.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A meeting label takes a Korean name's first word and another name's last.
    #[test]
    fn surnames_in_labels() {
        let lex = Lexicon::builtin().unwrap();
        assert_eq!(surname_in("Kim Yong-hyun", &lex), "Kim");
        assert_eq!(surname_in("Lloyd J. Austin", &lex), "Austin");
        assert_eq!(surname_in("Madonna", &lex), "Madonna");
    }

    /// An office's label from its parts.
    #[test]
    fn office_labels() {
        let lex = Lexicon::builtin().unwrap();
        let key = OfficeKey {
            country: Some("United States".into()),
            mods: vec!["assistant".into(), "deputy".into()],
            head: "secretary".into(),
            domain: "defense".into(),
            portfolio: "east asia".into(),
            ..OfficeKey::default()
        };
        assert_eq!(
            office(&key, None, &lex),
            "U.S. Deputy Assistant Secretary of Defense for East Asia"
        );
        let body = OfficeKey {
            head: "commander".into(),
            body: Some("U.S. Forces Korea".into()),
            ..OfficeKey::default()
        };
        assert_eq!(office(&body, None, &lex), "U.S. Forces Korea Commander");
    }

    #[test]
    fn meeting_labels() {
        let day = NaiveDate::from_ymd_opt(2025, 5, 5).unwrap();
        assert_eq!(ordinal("14", 14, "KIDD"), "14th KIDD");
        assert_eq!(ordinal("42", 42, "SCM"), "42nd SCM");
        assert_eq!(ordinal("13", 13, "SCM"), "13th SCM");
        assert_eq!(
            at_place(&in_month("KIDD", day), "Washington"),
            "KIDD May 2025 (Washington)"
        );
        assert_eq!(undated_stem(&undated("KIDD")), Some("KIDD"));
        assert_eq!(undated_stem("KIDD May 2025"), None);
        assert_eq!(dated("KIDD", "2025"), "KIDD 2025");
        assert_eq!(summit_in_month(day), "May 2025 summit");
    }
}
