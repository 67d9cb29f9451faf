//! Tests of the meeting reader.

use super::*;

#[test]
fn dates() {
    let cases = [
        ("on Nov. 4", None, "November 4", "11-04"),
        (
            "held July 25-26",
            Some(2018),
            "July 25-26, 2018",
            "2018-07-25/26",
        ),
        (
            "on October 28, 2017.",
            None,
            "October 28, 2017",
            "2017-10-28",
        ),
        (
            "on 12 August in Sydney",
            Some(2014),
            "August 12, 2014",
            "2014-08-12",
        ),
    ];
    for (s, y, label, key) in cases {
        let c = DATE.captures(s).unwrap();
        let (l, k, _) = parse_date(&c, y);
        assert_eq!((l.as_str(), k.as_str()), (label, key), "{s}");
    }
}

#[test]
fn ordinals() {
    let c = ORDINAL.find("the fourth meeting").unwrap();
    assert_eq!(ordinal_value(c.as_str()), 4);
    // The value read off the match is the one its groups give.
    for s in [
        "the 14th KIDD",
        "its 3RD round",
        "the Twelfth",
        "a 101st",
        "the 7th.",
    ] {
        let caps = ORDINAL.captures(s).unwrap();
        let by_groups = match caps.name("n") {
            Some(n) => n.as_str().parse().unwrap_or(0),
            None => ORDINAL_WORDS[..12]
                .iter()
                .position(|x| *x == caps["w"].to_lowercase())
                .map_or(0, |i| i as u32 + 1),
        };
        assert_eq!(ordinal_value(&caps[0]), by_groups, "{s}");
    }
}

#[test]
fn ordinals_read_by_words_are_the_regex_matches() {
    let by_regex = |t: &str| -> Vec<std::ops::Range<usize>> {
        ORDINAL.find_iter(t).map(|m| m.range()).collect()
    };
    for t in [
        "the 14th KIDD, its 3RD round, the Twelfth and a 101st; the 7th.",
        "1234th 12thx x1st 1st_ _1st 0th 999TH 1sT first firsts FIRST_ inaugural,Second",
        "eleventh-twelfth (ninth)tenth 2nd3rd 22nd\n33rd\t44Th sixth seventh eighth",
        "",
        "th 1 st 12 th fifth",
    ] {
        assert_eq!(
            super::ordinals(t, Some(&t.to_ascii_lowercase())),
            by_regex(t),
            "{t:?}"
        );
    }
    // Every short string over a few letters, digits and marks.
    let alphabet = [
        b'1', b'2', b's', b't', b'T', b'h', b'_', b' ', b'-', b'n', b'd', b'9',
    ];
    let mut s = Vec::new();
    for n in 0..alphabet.len().pow(5) {
        s.clear();
        let mut k = n;
        for _ in 0..5 {
            s.push(alphabet[k % alphabet.len()]);
            k /= alphabet.len();
        }
        let t = std::str::from_utf8(&s).unwrap();
        let lower = t.to_ascii_lowercase();
        assert_eq!(super::ordinals(t, Some(&lower)), by_regex(t), "{t:?}");
    }
}

#[test]
fn summit_phrases_read_off_the_match_are_the_group() {
    for s in [
        "following their January 2005 summit.",
        "the two historic  the Singapore Summit in June",
        "a U.S.-North Korea summit",
        "their the inter-Korean summits",
        "at the\u{a0}Hanoi summit", // no-break space: white space to both
        "theirs Hanoi summit",
        "The April 2023 Summit",
    ] {
        let caps = SUMMIT.captures(s).unwrap();
        let whole = caps.get(0).unwrap();
        let p = caps.name("p").unwrap();
        assert_eq!(
            whole.start() + summit_phrase_start(whole.as_str()),
            p.start(),
            "{s}"
        );
        assert_eq!(whole.end(), p.end(), "{s}");
    }
}
