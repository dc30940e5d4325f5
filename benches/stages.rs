//! Per-stage benchmarks (divan): read, sections, references, callouts, mentions, links,
//! resolve, store, and the whole pipeline, on a paper of our own (`examples/papers`).
//! Run: cargo bench --bench stages

use citekb::extract::{self, callouts, links, mentions, references, sections};
use citekb::read::{read_bytes, Limits};
use citekb::text::Folded;
use citekb::{resolve, Catalog, Registry};
use divan::Bencher;

fn main() {
    divan::main();
}

const PAPER: &str = include_str!("../examples/papers/nli-transfer.md");

fn registry() -> &'static Registry {
    static R: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    R.get_or_init(|| Registry::builtin().expect("seeds parse"))
}

#[divan::bench]
fn read() -> citekb::Document {
    read_bytes("paper.md", PAPER.as_bytes(), &Limits::default()).unwrap()
}

#[divan::bench]
fn stage_sections() -> sections::Layout {
    sections::split(PAPER, None)
}

#[divan::bench]
fn stage_references(b: Bencher) {
    let layout = sections::split(PAPER, None);
    let (s, e) = layout.references_range().unwrap();
    b.bench(|| references::split(PAPER, s, e));
}

#[divan::bench]
fn stage_callouts(b: Bencher) {
    let layout = sections::split(PAPER, None);
    let (s, e) = layout.references_range().unwrap();
    let refs = references::split(PAPER, s, e);
    b.bench(|| callouts::find(PAPER, &layout, &refs));
}

#[divan::bench]
fn stage_mentions(b: Bencher) {
    let registry = registry();
    let layout = sections::split(PAPER, None);
    let (s, e) = layout.references_range().unwrap();
    let refs = references::split(PAPER, s, e);
    let calls = callouts::find(PAPER, &layout, &refs);
    b.bench(|| mentions::find(PAPER, &Folded::new(PAPER), &layout, &calls, &refs, registry));
}

#[divan::bench]
fn stage_links(b: Bencher) {
    let registry = registry();
    let layout = sections::split(PAPER, None);
    let (s, e) = layout.references_range().unwrap();
    let refs = references::split(PAPER, s, e);
    let calls = callouts::find(PAPER, &layout, &refs);
    let ms = mentions::find(PAPER, &Folded::new(PAPER), &layout, &calls, &refs, registry);
    b.bench(|| links::findings(PAPER, &ms, &calls, &refs, registry));
}

#[divan::bench]
fn extract_whole(b: Bencher) {
    let registry = registry();
    let doc = read();
    b.bench(|| extract::extract(&doc, registry));
}

#[divan::bench]
fn stage_resolve(b: Bencher) {
    let registry = registry();
    let doc = read();
    let x = extract::extract(&doc, registry);
    b.bench(|| resolve::resolve(&doc, &x, registry));
}

#[divan::bench(sample_count = 30)]
fn stage_store(b: Bencher) {
    let registry = registry();
    let doc = read();
    let x = extract::extract(&doc, registry);
    let resolved = resolve::resolve(&doc, &x, registry);
    let mut catalog = Catalog::open(":memory:").unwrap();
    let mut n = 0u64;
    b.bench_local(|| {
        // A new identity each time, so every iteration stores a whole paper.
        n += 1;
        let mut r = resolved.clone();
        r.paper.sha256 = format!("{n:064x}");
        r.paper.source = format!("paper-{n}.md");
        catalog.store(&r).unwrap()
    });
}

#[divan::bench]
fn registry_load() -> Registry {
    Registry::builtin().unwrap()
}
