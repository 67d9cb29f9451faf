//! `build --into` on a file as build writes it copies the records the new articles
//! leave alone and writes the rest anew (`newsgraph::graphfile::update`): the result must be
//! the full build, byte for byte, however the new documents' names sort among the
//! old ones and whatever nodes the new articles rename.

use newsgraph::build::build_texts;
use newsgraph::graph::Graph;
use newsgraph::graphfile::{Counts, GraphFile};
use newsgraph::lexicon::Lexicon;

fn json(g: &Graph) -> Vec<u8> {
    let mut v = Vec::new();
    g.write_json(&mut v).unwrap();
    v
}

/// Builds `old` into a file, splices `new` into it, and checks the result against
/// the full build of both; returns the spliced file.
fn check(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<u8> {
    let lex = Lexicon::with_files(&[]).unwrap();
    let file_bytes = json(&build_texts(old, &lex).unwrap());
    let file = GraphFile::open(&file_bytes).expect("a file as build writes it opens");
    let added = build_texts(new, &lex).unwrap();
    let records = file
        .records()
        .expect("its records are as build writes them");
    let update = file
        .add(&records, &added)
        .expect("the update is spliced, not read whole");
    let mut spliced = Vec::new();
    let counts = update
        .write(&mut spliced)
        .unwrap()
        .expect("the edges and sentences are spliced");
    let all: Vec<(&str, &str)> = old.iter().chain(new).copied().collect();
    let full = build_texts(&all, &lex).unwrap();
    let names = |t: &[(&str, &str)]| t.iter().map(|d| d.0).collect::<Vec<_>>().join(" ");
    assert!(
        spliced == json(&full),
        "splicing [{}] into [{}] differs from the full build",
        names(new),
        names(old)
    );
    assert_eq!(counts, Counts::of(&full));
    // Placed first, then written: the same bytes.
    let placed = update.place().expect("placed");
    let mut written = Vec::new();
    update.write_placed(&placed, &mut written).unwrap();
    assert!(written == spliced, "placing first gives other bytes");
    assert_eq!(placed.counts(), &counts);
    spliced
}

#[test]
fn new_documents_sorting_anywhere_among_the_old() {
    let texts = newsgraph::corpus::EXAMPLE;
    // Masks from a fixed generator: new documents before, after and between the
    // old ones (their sentences then renumber the file's).
    let mut x: u32 = 12345;
    let mut masks = vec![
        0b0101_0101_0101u32,
        0b1111_0000_0000,
        0b0000_0000_1111,
        0b1000_0000_0001,
    ];
    for _ in 0..24 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        masks.push((x >> 8) & 0xfff);
    }
    for mask in masks {
        let (mut old, mut new) = (Vec::new(), Vec::new());
        for (i, t) in texts.iter().enumerate() {
            if mask & (1 << i) == 0 {
                &mut old
            } else {
                &mut new
            }
            .push(*t);
        }
        if old.is_empty() || new.is_empty() {
            continue;
        }
        check(&old, &new);
    }
}

#[test]
fn nodes_the_new_articles_rename_move_with_their_edges() {
    // The old article calls him Robert J. Hale; two new ones, Robert K. Hale: the
    // node's label, and so its id, changes, and its edges move with it.
    let old = [(
        "b.txt",
        "SEOUL, May 2 (Newswire) -- U.S. Deputy Assistant Secretary of Defense Robert J. Hale led the U.S. delegation at the 30th Korea-U.S. Integrated Defense Dialogue (KIDD) in Seoul on Thursday.",
    )];
    let new = [
        (
            "a.txt",
            "WASHINGTON, June 4 (Newswire) -- U.S. Deputy Assistant Secretary of Defense Robert K. Hale led the U.S. delegation at the 31st Korea-U.S. Integrated Defense Dialogue (KIDD) at the Pentagon on Tuesday.",
        ),
        (
            "c.txt",
            "WASHINGTON, June 5 (Newswire) -- Robert K. Hale, the U.S. deputy assistant secretary of defense, discussed extended deterrence at the talks.",
        ),
    ];
    let spliced = String::from_utf8(check(&old, &new)).unwrap();
    assert!(spliced.contains("\"id\":\"person:robert-k-hale\""));
    assert!(!spliced.contains("person:robert-j-hale"));
}

#[test]
fn a_file_laid_out_otherwise_is_read_whole() {
    let lex = Lexicon::with_files(&[]).unwrap();
    let g = build_texts(&newsgraph::corpus::EXAMPLE[..3], &lex).unwrap();
    let pretty = serde_json::to_vec_pretty(&g.to_wire()).unwrap();
    assert!(GraphFile::open(&pretty).is_none());
    assert!(GraphFile::open(&json(&g)).is_some());
}

#[test]
fn edges_that_do_not_read_are_found_while_writing() {
    // Nodes and edge keys as build writes them; the evidence of every edge is
    // not a list. The records read (only the keys of the edges are); the update
    // finds the edges out as it places them, and says so.
    let lex = Lexicon::with_files(&[]).unwrap();
    let texts = newsgraph::corpus::EXAMPLE;
    let text = String::from_utf8(json(&build_texts(&texts[..7], &lex).unwrap())).unwrap();
    let bad = text
        .replace("\"evidence\":[", "\"evidence\":{\"n\":[")
        .replace("]},\n{\"id\"", "]}},\n{\"id\"");
    let file = GraphFile::open(bad.as_bytes()).expect("opens");
    let records = file.records().expect("the keys read");
    let added = build_texts(&texts[7..], &lex).unwrap();
    let update = file.add(&records, &added).expect("the nodes are placed");
    let mut out = Vec::new();
    assert!(update.write(&mut out).unwrap().is_none());
    assert!(update.place().is_none());
    // The good file takes the same update.
    let file = GraphFile::open(text.as_bytes()).unwrap();
    let records = file.records().unwrap();
    let update = file.add(&records, &added).unwrap();
    assert!(update.write(Vec::new()).unwrap().is_some());
}

#[test]
fn evidence_lists_laid_out_otherwise_are_not_renumbered() {
    // A space in each evidence list is valid JSON (the whole read takes it), but
    // when new documents sort first every list is rewritten, and the rewrite
    // reads lists as build writes them: the update is refused, not garbled.
    let lex = Lexicon::with_files(&[]).unwrap();
    let texts = newsgraph::corpus::EXAMPLE;
    let text = String::from_utf8(json(&build_texts(&texts[5..], &lex).unwrap())).unwrap();
    let spaced = text.replace("\"evidence\":[", "\"evidence\":[ ");
    assert!(Graph::read_json(spaced.as_bytes(), std::path::Path::new("g.json")).is_ok());
    let file = GraphFile::open(spaced.as_bytes()).expect("opens");
    let records = file.records().expect("the keys read");
    let added = build_texts(&texts[..5], &lex).unwrap();
    let update = file.add(&records, &added).expect("the nodes are placed");
    assert!(update.place().is_none());
}
