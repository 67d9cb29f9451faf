//! Tests of [`super`]: both forms, the shadow and the literals.

use super::*;

#[test]
fn ascii_text_gets_the_ascii_form_and_other_text_unicode() {
    let p = Pattern::new(r"(?i)\b\w+DAY\b");
    assert_eq!(p.find("On Monday, x").unwrap().as_str(), "Monday");
    assert!(p.ascii.get().is_some() && p.unicode.get().is_none());
    // "é" is a word character for the Unicode form: no boundary before "M".
    assert_eq!(p.find("éMonday").unwrap().as_str(), "éMonday");
    assert!(p.unicode.get().is_some());
}

#[test]
fn literals_rule_out_text_that_is_not_ascii_unless_it_folds_to_them() {
    let p = Pattern::new(r"(?i)\btalks?\b").needs(&["talk"]);
    let spans = |t: &str| {
        t.split_inclusive(". ")
            .scan(0, |at, s| {
                let sp = Span {
                    start: *at,
                    end: *at + s.len(),
                };
                *at += s.len();
                Some(sp)
            })
            .collect::<Vec<_>>()
    };
    // Not ASCII, no lower-case copy given: the literal is still looked for.
    let text = "Zoë met Éva. The TALKS ended.";
    assert_eq!(p.may_match_in(text, None, &spans(text)), [false, true]);
    assert!(p.may_match("Zoë TALKS") && !p.may_match("Zoë walks"));
    // The Kelvin sign folds to `k`: "TAL\u{212A}S" matches, so nothing is ruled out.
    let text = "Zoë met Éva. The TAL\u{212A}S ended.";
    assert_eq!(p.may_match_in(text, None, &spans(text)), [true, true]);
    assert_eq!(p.find(text).unwrap().as_str(), "TAL\u{212A}S");
}

#[test]
fn a_pattern_whose_ascii_form_does_not_compile_searches_in_its_unicode_form() {
    // `(?-u).` could match a byte of no character: no ASCII form.
    let p = Pattern::new(r"(?i)\bsaid\b.*$");
    assert_eq!(
        p.find("the talks, he said today").unwrap().as_str(),
        "said today"
    );
    assert_eq!(p.find("the talks, é said").unwrap().as_str(), "said");
    assert!(p.find("the talks, he sad today").is_none());
}

#[test]
fn text_that_is_not_ascii_is_searched_in_its_shadow_as_the_unicode_form_would() {
    let p = Pattern::new(r"\b(?P<w>[A-Z][\w.'-]*)\s+(?P<n>\d{1,2})\b");
    assert!(p.shadow);
    // A word character, a space, punctuation: one byte each in the shadow.
    let text = "Copyright \u{24D2} Zoë\u{A0}12 \u{2014} Ann 3, Éva 45 and Bob 7";
    with_shadow(text, |sh| {
        let sh = sh.expect("a shadow");
        assert_eq!(
            sh.text,
            "Copyright _ Zo_\u{B}12 \u{1} Ann 3, _va 45 and Bob 7"
        );
    });
    let found: Vec<&str> = p.find_iter(text).map(|m| m.as_str()).collect();
    assert_eq!(found, ["Zoë\u{A0}12", "Ann 3", "Bob 7"]);
    let c = p.captures(text).expect("a match");
    assert_eq!((&c["w"], &c["n"]), ("Zoë", "12"));
    assert_eq!(c.name("w").map(|m| m.range()), Some(14..18));
    let all: Vec<String> = p.captures_iter(text).map(|c| c["w"].to_string()).collect();
    assert_eq!(all, ["Zoë", "Ann", "Bob"]);
    // No byte stands for a digit that is not ASCII, or for the Kelvin sign.
    with_shadow("Ann \u{0663}", |sh| assert!(sh.is_none()));
    with_shadow("\u{212A}elvin", |sh| assert!(sh.is_none()));
    assert_eq!(
        p.find("Ann \u{0663}").map(|m| m.as_str()),
        Some("Ann \u{0663}")
    );
    // A pattern that could match the bytes of the shadow is not shadowed.
    assert!(!shadowable(r"\bx_y"));
    assert!(!shadowable(r"[A-z]+"));
    assert!(!shadowable(r"\x01"));
    assert!(shadowable(r"(?i)\b[a-z][a-z-]*\s+inter-Korean"));
}

#[test]
fn a_haystack_without_the_literals_is_not_searched() {
    let p = Pattern::new(r"\b(?:was|is)\s+founded\b").needs(&["founded"]);
    assert!(p.is_match("It was founded in 1990."));
    assert!(!p.is_match("It was launched."));
    let q = Pattern::new(r"\bfounded\b").needs(&["founded"]);
    assert!(q.find("nothing here").is_none());
    assert_eq!(q.find_iter("founded, founded").count(), 2);
    assert_eq!(q.captures_iter("unfounded").count(), 0);
    // Case-insensitive: the literals are looked for in lower case.
    let r = Pattern::new(r"(?i)\bfounded\b").needs(&["founded"]);
    assert!(r.is_match("FOUNDED in 1990"));
    assert!(!r.is_match("launched in 1990"));
    // Not ASCII: the regex decides (U+017F is a long s).
    assert!(!r.is_match("é launched"));
    let s = Pattern::new(r"(?i)\bsaid\b").needs(&["said"]);
    assert!(s.is_match("é \u{17F}aid"));
}

#[test]
fn spans_without_the_literals_are_ruled_out() {
    let p = Pattern::new(r"(?i)\b(?:talks on|discussed)\s").needs(&["talk", "discuss"]);
    let text = "They met. They DISCUSSED trade. Talks on it. Nothing.";
    let spans: Vec<Span> = [(0, 9), (10, 31), (32, 44), (45, 53)]
        .iter()
        .map(|&(start, end)| Span { start, end })
        .collect();
    let may = |text: &str, spans: &[Span]| {
        p.may_match_in(text, super::super::ascii_lower_copy(text).as_deref(), spans)
    };
    assert_eq!(may(text, &spans), [false, true, true, false]);
    // An occurrence across two spans marks both.
    let spans = [Span { start: 0, end: 8 }, Span { start: 8, end: 12 }];
    assert_eq!(may("xx discussed", &spans), [true, true]);
    // Text that is not ASCII is lowered byte for byte for the look-up, unless
    // it has a character that folds to an ASCII letter (the long s here).
    assert_eq!(may("é", &[Span { start: 0, end: 2 }]), [false]);
    assert_eq!(
        may("é di\u{17F}cussed", &[Span { start: 0, end: 14 }]),
        [true]
    );
}

#[test]
fn every_span_that_holds_a_literal_may_match() {
    // Texts over a small alphabet, cut into spans at each '.', with literals that
    // overlap one another: every span holding a literal whole must be marked.
    let literals = ["ab", "bab", "abb", "b.a"];
    // Beyond the packed searcher's few literals, an automaton searches.
    let many: Vec<String> = (0..80).map(|k| format!("zq{k}z")).collect();
    let mut more: Vec<&str> = literals.to_vec();
    more.extend(many.iter().map(String::as_str));
    let few = Pattern::new(r"(?:ab|bab|abb|b\.a)").needs(&literals);
    let all = Pattern::new(r"(?:ab|bab|abb|b\.a)").needs(&more);
    assert!(matches!(few.needs[0], Literals::Packed(_)));
    assert!(matches!(all.needs[0], Literals::Automaton(_)));
    let mut seed = 7u64;
    for k in 0..6000 {
        let p = if k % 2 == 0 { &few } else { &all };
        let len = 1 + (seed % 23) as usize;
        let text: String = (0..len)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ['a', 'b', '.', ' '][(seed >> 33) as usize % 4]
            })
            .collect();
        let mut spans = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '.' {
                spans.push(Span { start, end: i + 1 });
                start = i + 1;
            }
        }
        if start < text.len() {
            spans.push(Span {
                start,
                end: text.len(),
            });
        }
        let may = p.may_match_in(&text, None, &spans);
        for (sp, may) in spans.iter().zip(may) {
            let holds = literals.iter().any(|l| text[sp.start..sp.end].contains(l));
            assert!(may || !holds, "{text:?} {sp:?}");
        }
    }
}
