//! The pattern language on sentences written for the tests.
use super::*;
use crate::extract::tokens::tokenize;

fn lists() -> HashMap<String, Vec<String>> {
    let mut l = HashMap::default();
    l.insert(
        "lead".to_string(),
        vec!["led".to_string(), "headed".to_string()],
    );
    l
}

/// Matches of `pat` in `text`, where the words in `people` (by token index)
/// are person mentions (entity = token index) and `meetings` meetings.
fn run(pat: &str, text: &str, people: &[usize], meetings: &[(usize, usize)]) -> Vec<Found> {
    let toks = tokenize(text, 0);
    let mut m = Vec::new();
    for &p in people {
        m.push((toks[p].start, toks[p].end, p, EntityKind::Person, false));
    }
    for &(a, b) in meetings {
        m.push((toks[a].start, toks[b].end, a, EntityKind::Meeting, false));
    }
    let s = Sentence::new(&toks, m);
    Program::compile(pat, &lists()).unwrap().find_all(&s)
}

#[test]
fn words_mentions_and_captures() {
    // 0:The 1:talks 2:were 3:led 4:by 5:Kim 6:and 7:Lee 8:.
    let text = "The talks were led by Kim and Lee.";
    let f = run(
        "$lead by (?<p> @person) (and (?<p> @person))*",
        text,
        &[5, 7],
        &[],
    );
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].captures[0].iter().map(|c| c.0).collect::<Vec<_>>(),
        [5, 7]
    );
    assert_eq!((f[0].start, f[0].end), (3, 8));
    // Case does not matter; a missing word fails.
    assert_eq!(run("[LED|chaired] BY", text, &[], &[]).len(), 1);
    assert!(run("chaired by", text, &[], &[]).is_empty());
}

#[test]
fn gaps_optionals_and_classes() {
    // 0:Kim 1:, 2:the 3:defense 4:chief 5:, 6:headed 7:the 8:5th 9:Dialogue
    let text = "Kim, the defense chief, headed the 5th Dialogue";
    let pat = "(?<p> @person) []{0,5} $lead the? (?<m> @meeting)";
    let f = run(pat, text, &[0], &[(8, 9)]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].captures[1][0].0, 8);
    // The gap is bounded.
    assert!(run("@person []{0,2} $lead", text, &[0], &[]).is_empty());
    assert_eq!(run("<ord> <cap>{0,1} dialogue", text, &[], &[]).len(), 1);
    assert_eq!(run("!<punct>+ the 5th", text, &[], &[]).len(), 1);
    assert!(run("!@person headed", "Kim headed", &[0], &[]).is_empty());
    // Looks at the token before.
    assert!(run("(?<! since) @person headed", "since Kim headed", &[1], &[]).is_empty());
    assert_eq!(
        run("(?<= and) @person headed", "and Kim headed", &[1], &[]).len(),
        1
    );
    assert_eq!(
        run("(?<! since) @person headed", "Kim headed", &[0], &[]).len(),
        1
    );
    // A gap that crosses no person: the nearest one before the verb.
    let f = run(
        "(?<p> @person) ![@person|,]* headed",
        "Kim and Lee headed",
        &[0, 2],
        &[],
    );
    assert_eq!(f[0].captures[0][0].0, 2);
}

#[test]
fn alternatives_backtrack() {
    let text = "Lee co-chaired the talks with Kim";
    // Lazy gaps take the nearest person, greedy ones the farthest.
    let list = "Kim met Lee and Park";
    let f = run("met ([]{0,3}? (?<p> @person))+", list, &[0, 2, 4], &[]);
    assert_eq!(
        f[0].captures[0].iter().map(|c| c.0).collect::<Vec<_>>(),
        [2, 4]
    );
    let f = run("met ([]{0,3} (?<p> @person))+", list, &[0, 2, 4], &[]);
    assert_eq!(
        f[0].captures[0].iter().map(|c| c.0).collect::<Vec<_>>(),
        [4]
    );
    let pat = "(?<a> @person) (led | co-chaired []{0,3} with (?<b> @person))";
    let f = run(pat, text, &[0, 5], &[]);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].captures[1][0].0, 5);
}

#[test]
fn prefilter_words_come_from_the_pattern() {
    let p = Program::compile("(?<p> @person) (led|headed by) the? talks", &lists()).unwrap();
    assert_eq!(p.needs, vec![vec!["headed", "led"], vec!["talks"]]);
    assert_eq!(p.kinds, vec![MentionKind::Kind(EntityKind::Person)]);
}

#[test]
fn bad_patterns_are_errors() {
    for bad in [
        "(a",
        "a)",
        "[a",
        "<foo>",
        "@nobody",
        "$nolist",
        "a{5,2}",
        "(a?)*",
        "<any>",
        "((([]{0,40} x){0,40}){0,40})",
        "a | ",
        "((([]{0,40} x){0,40}){0,40})",
    ] {
        assert!(Program::compile(bad, &lists()).is_err(), "{bad}");
    }
}

/// (Speed) A repeated one-token test compiles to `Skip` instructions, a
/// repeated group to splits and tests: both find the same matches, with the
/// same captures, lazy or greedy, plain or negated, after a match or not.
#[test]
fn skips_match_as_split_repetitions_do() {
    // 0:Kim 1:said 2:the 3:talks 4:, 5:led 6:by 7:Lee 8:and 9:Park 10:, 11:went
    // 12:well 13:and 14:Kim 15:led 16:them 17:.
    let text = "Kim said the talks, led by Lee and Park, went well and Kim led them.";
    let people = [0, 7, 9, 14];
    for (fused, split) in [
        (
            "(?<p> @person) !$lead{0,6}? $lead",
            "(?<p> @person) (!$lead){0,6}? $lead",
        ),
        (
            "(?<p> @person) []{0,6} $lead",
            "(?<p> @person) ([]){0,6} $lead",
        ),
        (
            "(?<p> @person) <low>{1,3}? (?<q> @person)",
            "(?<p> @person) (<low>){1,3}? (?<q> @person)",
        ),
        (
            "$lead by? !@person{0,2} (?<p> @person)",
            "$lead (by)? (!@person){0,2} (?<p> @person)",
        ),
        (
            "(?<p> @person) [and|,]{0,2}? (?<q> @person)",
            "(?<p> @person) ([and|,]){0,2}? (?<q> @person)",
        ),
        (
            "(?<p> @person) ![led|.]{0,9} .",
            "(?<p> @person) (![led|.]){0,9} .",
        ),
    ] {
        assert_eq!(
            run(fused, text, &people, &[]),
            run(split, text, &people, &[]),
            "{fused}"
        );
    }
    // Counted as the splits and tests they stand for: the same limit.
    assert!(Program::compile("(([]{0,40} x){0,40}){0,7} y", &lists()).is_err());
    assert!(Program::compile("(([]{0,40} x){0,40}){0,5} y", &lists()).is_ok());
}

/// Mentions starting at one token are tried longest first, equally long ones
/// in the order given, a mention given twice once.
#[test]
fn mentions_at_a_token_longest_first_then_as_given() {
    let toks = tokenize("Kim Lee said", 0);
    let (kim, lee) = ((toks[0].start, toks[0].end), (toks[1].start, toks[1].end));
    let person = |(s, e): (usize, usize), ent| (s, e, ent, EntityKind::Person, false);
    let m = vec![
        person(kim, 1),
        person((kim.0, lee.1), 2),
        person(kim, 3),
        person(kim, 1),
    ];
    let s = Sentence::new(&toks, m);
    let first = |pat: &str| {
        let f = Program::compile(pat, &lists()).unwrap().find_all(&s);
        f[0].captures[0].iter().map(|c| c.0).collect::<Vec<_>>()
    };
    assert_eq!(first("(?<p> @person) said"), [2]);
    assert_eq!(first("(?<p> @person) lee"), [1]);
    assert_eq!(first("(?<p> @person) !lee"), [2]);
    assert!(s.has_kind(MentionKind::Kind(EntityKind::Person)));
    assert!(!s.has_kind(MentionKind::Instance));
}
