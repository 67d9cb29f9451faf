//! Criterion benchmarks: extraction of one document, resolving a corpus into a
//! graph, and merging graphs. (The path query and exporter benchmarks belong to the
//! `query` and `export` modules.)

use criterion::{Criterion, criterion_group, criterion_main};
use newsgraph::build::build_texts;
use newsgraph::corpus::EXAMPLE;
use newsgraph::document::Document;
use newsgraph::extract;
use newsgraph::lexicon::Lexicon;
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let lex = Lexicon::builtin().expect("builtin lexicon");
    let (name, text) = EXAMPLE[0];
    c.bench_function("parse one document", |b| {
        b.iter(|| Document::parse(name, black_box(text.as_bytes())))
    });
    let doc = Document::parse(name, text.as_bytes()).expect("example parses");
    c.bench_function("extract one document", |b| {
        b.iter(|| extract::extract(black_box(&doc), &lex))
    });
    c.bench_function("build the example corpus", |b| {
        b.iter(|| build_texts(black_box(EXAMPLE), &lex))
    });
    let (left, right) = EXAMPLE.split_at(EXAMPLE.len() / 2);
    let a = build_texts(left, &lex).expect("example parses");
    let b2 = build_texts(right, &lex).expect("example parses");
    c.bench_function("merge two halves of the example graph", |b| {
        b.iter(|| {
            let mut m = a.clone();
            newsgraph::resolve::merge(&mut m, black_box(&b2));
            m
        })
    });
    let g = build_texts(EXAMPLE, &lex).expect("example parses");
    c.bench_function("write the example graph as JSON", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            g.write_json(&mut out).expect("write to memory");
            out
        })
    });
}

criterion_group!(build, benches);
criterion_main!(build);
