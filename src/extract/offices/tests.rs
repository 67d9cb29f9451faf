//! Tests of office titles.

use super::*;

fn keys(s: &str) -> Vec<(String, String)> {
    let lex = Lexicon::builtin().unwrap();
    let doc = crate::document::Document {
        name: "t".into(),
        meta: Default::default(),
        text: s.to_string(),
        sentences: vec![crate::document::Span {
            start: 0,
            end: s.len(),
        }],
    };
    let mut f = Findings::default();
    super::super::lexical::run(&doc, &lex, &mut f);
    let toks = super::super::tokens::sentence_tokens(&doc);
    let lower = super::super::ascii_lower_copy(&doc.text);
    run(&doc, &toks, lower.as_deref(), &lex, &mut f);
    f.titles
        .iter()
        .map(|t| (t.surface.clone(), crate::resolve::keys::office(&t.office)))
        .collect()
}

#[test]
fn the_same_office_however_written() {
    let a = keys("Deputy Minister for National Defense Policy Kim Min-su spoke.");
    let b = keys("Kim Min-su, the deputy defense minister for policy, spoke.");
    assert_eq!(a[0].1, b[0].1);
    let c = keys("He met Defense Secretary Jane Roe and Secretary of War Jane Roe.");
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].1, c[1].1);
    let d = keys(
        "the deputy assistant secretary of defense for East Asia and the Deputy Assistant Defense Secretary for East Asia John Doe",
    );
    assert_eq!(d.len(), 2, "{d:?}");
    assert_eq!(d[0].1, d[1].1);
}

#[test]
fn countries_and_flags() {
    let a = keys("Acting U.S. Secretary of Defense John Doe");
    assert_eq!(a[0].1, "office:United States||secretary|defense|");
    let b = keys("the Chairman of the ROK Joint Chiefs of Staff, General Park");
    assert_eq!(
        b[0].1, "office:South Korea||chairman|joint chiefs of staff|",
        "{b:?}"
    );
    let c = keys("South Korea's deputy defense minister for policy and key officials");
    assert_eq!(c[0].0, "South Korea's deputy defense minister for policy");
}

#[test]
fn portfolio_stops_at_a_name() {
    let a = keys("Deputy Assistant Secretary of Defense for East Asia Heino Kline led");
    assert_eq!(
        a[0].0,
        "Deputy Assistant Secretary of Defense for East Asia"
    );
    // A lower-case president is a common noun.
    assert!(keys("the president of the club").is_empty());
}
