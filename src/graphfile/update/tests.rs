//! Tests of the in-place update: its pieces, and the property that adding
//! articles to a file gives the bytes of a full build.

use super::edges::{edge_key, place_among, renumber_evidence};
use super::nodes::{NodeHead, append_node, insert_node, last_name, splice_list};
use super::{Counts, GraphFile};
use crate::build::build_texts;
use crate::graph::Graph;
use crate::lexicon::Lexicon;
use crate::ontology::Relation;
use proptest::prelude::*;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::with_files(&[]).unwrap())
}

fn json(g: &Graph) -> Vec<u8> {
    let mut v = Vec::new();
    g.write_json(&mut v).unwrap();
    v
}

/// The file of `old` updated with `new` in place, with the file that reading it
/// whole, merging and writing gives; `None` if the update is not made in place
/// because a surname of one joins a full name of the other; `Err` if it is not
/// for another reason.
type Updated = Option<(Vec<u8>, Counts, Vec<u8>)>;

fn updated(old: &[(&str, &str)], new: &[(&str, &str)]) -> Result<Updated, String> {
    let file_bytes = json(&build_texts(old, lexicon()).unwrap());
    let file = GraphFile::open(&file_bytes).ok_or("the file does not open")?;
    let added = build_texts(new, lexicon()).unwrap();
    let mut whole = Graph::read_json(&file_bytes, std::path::Path::new("g.json")).unwrap();
    crate::resolve::merge(&mut whole, &added);
    let records = file.records().ok_or("its records do not read")?;
    let Some(update) = file.add(&records, &added) else {
        if super::nodes::surnames_join(&records, &added) {
            return Ok(None);
        }
        return Err("the update is not placed".into());
    };
    let mut out = Vec::new();
    let counts = update
        .write(&mut out)
        .unwrap()
        .ok_or("the edges are not placed")?;
    // Placed first, then written: the same bytes.
    let placed = update.place().ok_or("not placed")?;
    let mut again = Vec::new();
    update.write_placed(&placed, &mut again).unwrap();
    if again != out || placed.counts() != &counts {
        return Err("placing first gives another file".into());
    }
    Ok(Some((out, counts, json(&whole))))
}

/// Checks that updating the file of `old` with `new` in place gives the file
/// that reading it whole, merging and writing gives (`build --into` without the
/// update in place), and, if `built`, the full build of both.
fn update_is_full_write(
    old: &[(&str, &str)],
    new: &[(&str, &str)],
    built: bool,
) -> Result<(), String> {
    let Some((out, counts, whole)) = updated(old, new)? else {
        return Ok(());
    };
    if out != whole {
        return Err("the update in place differs from the whole file merged".into());
    }
    let all: Vec<(&str, &str)> = old.iter().chain(new).copied().collect();
    let full = build_texts(&all, lexicon()).unwrap();
    if built && out != json(&full) {
        let names = |t: &[(&str, &str)]| t.iter().map(|d| d.0).collect::<Vec<_>>().join(" ");
        return Err(format!(
            "[{}] into [{}] differs from the full build",
            names(new),
            names(old)
        ));
    }
    if built && counts != Counts::of(&full) {
        return Err("the counts differ".into());
    }
    Ok(())
}

/// People with the titles and shorter names articles give them (invented).
const PEOPLE: &[(&str, &str, &str)] = &[
    ("Park Jin-su", "Defense Minister", "Park"),
    ("Laura Bennett", "U.S. Secretary of Defense", "Bennett"),
    ("Kenji Sato", "Japanese Defense Minister", "Sato"),
    ("Maria Santos", "Philippine Defense Secretary", "Santos"),
    ("Park Jin-soo", "Vice Defense Minister", "Park"),
];

const CITIES: &[&str] = &["Seoul", "Washington", "Tokyo", "Manila", "Canberra"];

const ORDINALS: &[&str] = &["21st", "22nd", "23rd", "fifth", "sixth"];

/// A sentence from template `t` about people `a` and `b`, in city `c`, with
/// ordinal `n`.
fn sentence(t: usize, a: usize, b: usize, c: usize, n: usize) -> String {
    let (a, b) = (PEOPLE[a % PEOPLE.len()], PEOPLE[b % PEOPLE.len()]);
    let (city, nth) = (CITIES[c % CITIES.len()], ORDINALS[n % ORDINALS.len()]);
    match t % 8 {
        0 => format!("{} {} met {} {} in {city} on Monday.", a.1, a.0, b.1, b.0),
        1 => format!(
            "{} {} led the delegation at the {nth} Korea-U.S. Integrated Defense Dialogue (KIDD) in {city}.",
            a.1, a.0
        ),
        2 => format!("Former {} {} attended the talks in {city}.", a.1, a.0),
        3 => format!("{} discussed extended deterrence with {}.", a.2, b.0),
        4 => format!("Acting {} {} signed the agreement in {city}.", a.1, a.0),
        5 => format!(
            "The {nth} Nuclear Consultative Group (NCG) meeting was held in {city} on March 3, 2025."
        ),
        6 => format!("{}, the {}, succeeded {}.", a.0, a.1.to_lowercase(), b.0),
        _ => format!("Minister {} and {} held the {nth} 2+2 dialogue.", a.2, b.0),
    }
}

type Article = (String, String);

/// Small articles, each named so that names sort anywhere among the others.
fn corpus() -> impl Strategy<Value = Vec<(Article, bool)>> {
    let article = (
        0u8..26,
        prop::collection::vec(
            (0..8usize, 0..5usize, 0..5usize, 0..5usize, 0..5usize),
            1..4,
        ),
        0..5usize,
    );
    prop::collection::vec((article, any::<bool>()), 2..7).prop_map(|articles| {
        articles
            .into_iter()
            .enumerate()
            .map(|(i, ((letter, sentences, city), new))| {
                let name = format!("{}{i}.txt", (b'a' + letter) as char);
                let mut text = format!("{}, May {} (Newswire) -- ", CITIES[city], i + 1);
                let body: Vec<String> = sentences
                    .into_iter()
                    .map(|(t, a, b, c, n)| sentence(t, a, b, c, n))
                    .collect();
                text.push_str(&body.join(" "));
                ((name, text), new)
            })
            .collect()
    })
}

/// The articles split into those of the file and those added.
/// Articles as `build_texts` takes them.
type Texts<'a> = Vec<(&'a str, &'a str)>;

fn split(articles: &[(Article, bool)]) -> (Texts<'_>, Texts<'_>) {
    let pick = |new: bool| {
        articles
            .iter()
            .filter(|a| a.1 == new)
            .map(|((n, t), _)| (n.as_str(), t.as_str()))
            .collect()
    };
    (pick(false), pick(true))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// `build --into`: a graph file updated in place with new articles is the
    /// file written whole from the file's graph merged with theirs, byte for
    /// byte. (Not always a full build of all the articles: a surname alone in
    /// one article is resolved to a full name in another only when both are
    /// built at once. And not made in place when merging joins a surname of one
    /// to a full name of the other.)
    #[test]
    fn an_update_in_place_is_the_full_write(articles in corpus()) {
        let (old, new) = split(&articles);
        prop_assume!(!old.is_empty() && !new.is_empty());
        prop_assert_eq!(update_is_full_write(&old, &new, false), Ok(()));
    }

    /// The same over the bundled corpus, split anywhere, its articles renamed
    /// to sort in another order.
    #[test]
    fn an_update_of_the_example_is_the_full_write(
        split in prop::collection::vec((any::<bool>(), 0u8..4), crate::corpus::EXAMPLE.len())
    ) {
        let names: Vec<String> = split
            .iter()
            .zip(crate::corpus::EXAMPLE)
            .map(|((_, p), (name, _))| format!("{}{name}", (b'w' + p) as char))
            .collect();
        let (mut old, mut new) = (Vec::new(), Vec::new());
        for (((is_new, _), name), (_, text)) in split.iter().zip(&names).zip(crate::corpus::EXAMPLE) {
            if *is_new { &mut new } else { &mut old }.push((name.as_str(), *text));
        }
        prop_assume!(!old.is_empty() && !new.is_empty());
        prop_assert_eq!(update_is_full_write(&old, &new, true), Ok(()));
    }
}

/// A surname in the file that a full name of the new articles resolves (or the
/// other way round): the update is not made in place, and the file read whole
/// joins them.
#[test]
fn a_surname_the_new_articles_resolve_is_not_updated_in_place() {
    let surname = (
        "b.txt",
        "SEOUL, May 2 (Newswire) -- Minister Okafor and Kenji Sato met.",
    );
    let full = (
        "a.txt",
        "SEOUL, May 1 (Newswire) -- Defense Minister Ada Okafor met Kenji Sato.",
    );
    let other = (
        "c.txt",
        "SEOUL, May 3 (Newswire) -- Kenji Sato met Laura Bennett.",
    );
    for (old, new) in [(surname, full), (full, surname)] {
        assert_eq!(updated(&[old], &[new]), Ok(None));
    }
    assert!(matches!(updated(&[surname], &[other]), Ok(Some(_))));
}

#[test]
fn a_document_the_file_has_is_not_added() {
    let texts = &crate::corpus::EXAMPLE[..3];
    let file_bytes = json(&build_texts(texts, lexicon()).unwrap());
    let file = GraphFile::open(&file_bytes).unwrap();
    assert_eq!(file.hashes().count(), 3);
    let again = build_texts(&texts[1..2], lexicon()).unwrap();
    assert_eq!(file.conflicts(&again.documents), [texts[1].0]);
    let records = file.records().unwrap();
    assert!(file.add(&records, &again).is_none());
}

#[test]
fn edge_keys_are_read_from_ids() {
    let line = br#"{"id":"person:a|led|meeting:b-2","key":"led","evidence":[1]}"#;
    let (s, r, t) = edge_key(line).unwrap();
    assert_eq!(
        (s, r, t),
        (&b"person:a"[..], Relation::Led, &b"meeting:b-2"[..])
    );
    for bad in [
        &br#"{"id":"person:a|led","key":"led"}"#[..],
        br#"{"id":"person:a|nope|b","key":"x"}"#,
        br#"{"id":"a\"b|led|c"}"#,
        br#"{"key":"led","id":"a|led|b"}"#,
    ] {
        assert_eq!(edge_key(bad), None, "{}", String::from_utf8_lossy(bad));
    }
}

#[test]
fn evidence_is_numbered_anew() {
    let line = br#"{"id":"a|led|b","rules":["x.y"],"evidence":[0,4,9]}"#;
    let out = renumber_evidence(line, &|i| i + u32::from(i >= 4) * 10).unwrap();
    assert_eq!(
        out,
        br#"{"id":"a|led|b","rules":["x.y"],"evidence":[0,14,19]}"#
    );
    assert!(renumber_evidence(br#"{"id":"a","evidence":[x]}"#, &|i| i).is_none());
    assert!(renumber_evidence(br#"{"id":"a","other":[1]}"#, &|i| i).is_none());
}

#[test]
fn lists_take_their_new_items_in_place() {
    let base = br#"["a","c","e"]"#;
    let items: Vec<&[u8]> = vec![&base[1..4], &base[5..8], &base[9..12]];
    let mut out = Vec::new();
    splice_list(
        &mut out,
        base,
        &items,
        &[(1, b"\"b\""), (3, b"\"f\"")],
        b'[',
        b']',
    );
    assert_eq!(out, br#"["a","b","c","e","f"]"#);
    out.clear();
    splice_list(&mut out, base, &[], &[(0, b"\"z\"")], b'[', b']');
    assert_eq!(out, br#"["z"]"#);
    assert_eq!(last_name(br#""a","bc""#), Some(Some("bc")));
    assert_eq!(last_name(b""), Some(None));
    assert_eq!(last_name(br#""a","b\"c""#), None);
    let lines: Vec<&[u8]> = vec![b"b", b"d", b"f"];
    let read = |l: &[u8]| Some(String::from_utf8(l.to_vec()).unwrap());
    assert_eq!(place_among(&lines, "d", read), Some((1, true)));
    assert_eq!(place_among(&lines, "e", read), Some((2, false)));
    assert_eq!(place_among(&lines, "a", |_| None), None);
}

/// A node's record joined by appending to its lists and by reading them whole
/// are the same bytes.
#[test]
fn appending_to_a_node_is_inserting() {
    let g = build_texts(&crate::corpus::EXAMPLE[..4], lexicon()).unwrap();
    let later = build_texts(&crate::corpus::EXAMPLE[4..], lexicon()).unwrap();
    let mut joined = 0;
    for ix in g.nodes_sorted() {
        let node = g.node(ix);
        let mut line = Vec::new();
        crate::graphfile::records::node_record(&mut line, node).unwrap();
        let head = NodeHead::of(&line).expect("a node's head reads");
        let twin = later
            .inner
            .node_indices()
            .map(|j| later.node(j))
            .find(|n| n.kind == node.kind && n.key == node.key);
        let Some(appended) = append_node(&line, &head, twin, "x:y") else {
            continue;
        };
        let appended: Vec<u8> = appended.0.concat();
        let inserted = insert_node(&line, &head, twin, "x:y").unwrap();
        assert_eq!(String::from_utf8(appended), String::from_utf8(inserted));
        joined += usize::from(twin.is_some());
    }
    assert!(joined > 3, "only {joined} nodes joined");
}
