//! The committed reference models against GROBID's annotated files they were trained on: a
//! check that the models in `models/` fit the features the code computes today (a feature
//! changed without retraining shows here first), and a floor under their accuracy. Held-out
//! accuracy, the figure that says how they do on papers they never saw, comes from
//! `scripts/train-reference-models.sh` (cross-validation by file) and is quoted in
//! `docs/extraction.md`.
//!
//! Needs `../shared/train/grobid`, so it is ignored without it:
//! `cargo test --release --test reference_models -- --ignored --nocapture`.

use std::path::PathBuf;

use citekb::extract::references::{fields, segment, training};

/// The models saw these files, so they should split and parse them nearly perfectly; less
/// means the code's features and the committed model disagree.
const MIN_SPLIT_F1: f64 = 0.97;
const MIN_TITLE_CLOSE: f64 = 0.95;
const MIN_FIRST_AUTHOR: f64 = 0.95;
const MIN_YEAR: f64 = 0.98;

fn grobid() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/train/grobid")
}

#[test]
#[ignore = "needs ../shared/train/grobid: GROBID's annotated reference sections"]
fn the_segmenter_splits_its_training_sections_in_every_layout() {
    let sections = training::read_section_dir(&grobid().join("reference-segmenter")).unwrap();
    let mut score = training::SplitScore::default();
    for (i, s) in sections.iter().enumerate() {
        for v in training::variants(s, i as u64) {
            score.add(&v, &segment::entries(&v.text, 0, v.text.len()));
        }
    }
    eprintln!("segmenter on its training sections, every layout: F1 {:.4}", score.f1());
    assert!(score.f1() >= MIN_SPLIT_F1, "F1 {:.4}", score.f1());
}

#[test]
#[ignore = "needs ../shared/train/grobid: GROBID's annotated citations"]
fn the_citation_model_parses_its_training_citations() {
    let files = training::read_citation_dir(&grobid().join("citation")).unwrap();
    let mut score = training::ParseScore::default();
    for c in files.iter().flat_map(|f| f.1.iter()) {
        score.add(c, &fields::parse(&c.text));
    }
    let r = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let (title, author, year) =
        (r(score.title_close, score.entries), r(score.author_right, score.authors), r(score.year_right, score.years));
    eprintln!(
        "citation model on its training citations: title_close {title:.4}, first author {author:.4}, year {year:.4}"
    );
    assert!(title >= MIN_TITLE_CLOSE && author >= MIN_FIRST_AUTHOR && year >= MIN_YEAR);
}
