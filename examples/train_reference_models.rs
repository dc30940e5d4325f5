//! The reference models' training data and their held-out scores: reads GROBID's annotated
//! training files and writes every sequence (features and gold labels) in CRFsuite's text format
//! for the trainer (`scripts/train-crf.py`, CRFsuite through python-crfsuite), then scores models
//! trained with files held out. `scripts/train-reference-models.sh` runs the whole round.
//!
//! ```sh
//! cargo run --release --example train_reference_models -- dump ../shared/train/grobid /tmp/seqs
//! cargo run --release --example train_reference_models -- score ../shared/train/grobid /tmp/models 3
//! ```
//! `score` reads `reference-segmenter-fold{k}.crfsuite` and `citation-fold{k}.crfsuite` (trained
//! without the files whose position modulo K is k) and prints the scores on those files.

use std::path::{Path, PathBuf};

use citekb::extract::references::crf::{tag_with, Features};
use citekb::extract::references::fields;
use citekb::extract::references::segment;
use citekb::extract::references::training::{
    citation_sequence, read_citation_dir, read_section_dir, restyled, section_sequence, synthetic_sections, variants,
    CitationExample, Lcg, ParseScore, SectionExample, SplitScore, Style,
};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        die("usage: train_reference_models dump GROBID_DIR OUT_DIR [FOLDS] | score GROBID_DIR MODEL_DIR FOLDS")
    };
    let (Some(command), Some(root)) = (args.first(), args.get(1).map(PathBuf::from)) else { usage() };
    let sections = read_section_dir(&root.join("reference-segmenter")).unwrap_or_else(|e| die(&e));
    let citations = read_citation_dir(&root.join("citation")).unwrap_or_else(|e| die(&e));
    eprintln!(
        "{} sections ({} entries), {} citation files ({} citations)",
        sections.len(),
        sections.iter().map(|s| s.entries.len()).sum::<usize>(),
        citations.len(),
        citations.iter().map(|c| c.1.len()).sum::<usize>()
    );
    match (command.as_str(), args.get(2)) {
        ("dump", Some(out)) => {
            let folds: usize = args.get(3).and_then(|k| k.parse().ok()).unwrap_or(1).max(1);
            dump(&sections, &citations, Path::new(out), folds);
        }
        ("score", Some(models)) => {
            let folds: usize = args.get(3).and_then(|k| k.parse().ok()).unwrap_or_else(|| usage());
            score_segmenter(&sections, Path::new(models), folds);
            score_citations(&sections, &citations, Path::new(models), folds);
        }
        _ => usage(),
    }
}

fn die(e: &str) -> ! {
    eprintln!("train_reference_models: {e}");
    std::process::exit(2)
}

fn read_model(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| die(&format!("{}: {e}", path.display())))
}

fn score_segmenter(sections: &[SectionExample], models: &Path, folds: usize) {
    let mut by_layout = [SplitScore::default(); 6];
    for k in 0..folds {
        let path = models.join(format!("reference-segmenter-fold{k}.crfsuite"));
        if !path.exists() {
            continue;
        }
        let bytes = read_model(&path);
        let model = crfs::Model::new(&bytes).unwrap_or_else(|e| die(&e.to_string()));
        let tag = |f: &Features| tag_with(&model, f);
        for (i, s) in sections.iter().enumerate().filter(|(i, _)| i % folds == k) {
            for (j, v) in variants(s, i as u64).iter().enumerate() {
                let predicted = segment::entries_with(&v.text, 0, v.text.len(), &tag);
                by_layout[j].add(v, &predicted);
                if show_errors() && j == std::env::var("SHOW_LAYOUT").ok().and_then(|l| l.parse().ok()).unwrap_or(0) {
                    print_split_errors(v, &predicted);
                }
            }
        }
    }
    for (name, s) in
        ["as laid out", "one a line", "bulleted", "wrapped at 90", "paragraphs", "unlabelled"].iter().zip(&by_layout)
    {
        println!(
            "segmenter, {folds}-fold held out, {name:13}: F1 {:.4} ({} right of {} predicted, {} gold), exact {}/{}",
            s.f1(),
            s.right,
            s.predicted,
            s.gold,
            s.exact,
            s.sections
        );
    }
}

fn score_citations(sections: &[SectionExample], files: &[(String, Vec<CitationExample>)], models: &Path, folds: usize) {
    let mut score = ParseScore::default();
    let mut by_style = [ParseScore::default(); Style::ALL.len()];
    for k in 0..folds {
        let path = models.join(format!("citation-fold{k}.crfsuite"));
        if !path.exists() {
            continue;
        }
        let bytes = read_model(&path);
        let model = crfs::Model::new(&bytes).unwrap_or_else(|e| die(&e.to_string()));
        let tag = |f: &Features| tag_with(&model, f);
        let held_out =
            files.iter().enumerate().filter(|(i, (name, _))| fold_of_citation_file(*i, name, sections, folds) == k);
        for c in held_out.flat_map(|x| x.1 .1.iter()) {
            let parsed = fields::assemble(&c.text, &fields::label_with(&c.text, &tag));
            let before = (score.entries, score.title_close);
            score.add(c, &parsed);
            if show_errors() && score.entries > before.0 && score.title_close == before.1 {
                println!("TITLE\t{}\t{:?}", c.text, parsed.title);
            }
            // The same entry in every other style (written from its fields; the model saw each
            // training entry in one style at random).
            for (j, style) in Style::ALL.iter().enumerate() {
                if let Some(r) = restyled(c, *style, &mut Lcg::new(j as u64)) {
                    let parsed = fields::assemble(&r.text, &fields::label_with(&r.text, &tag));
                    by_style[j].add(&r, &parsed);
                }
            }
        }
    }
    let r = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    println!(
        "citation, {folds}-fold held out: title_close {:.4} ({} titled), first author {:.4}, year {:.4}",
        r(score.title_close, score.entries),
        score.entries,
        r(score.author_right, score.authors),
        r(score.year_right, score.years),
    );
    for (style, s) in Style::ALL.iter().zip(&by_style) {
        println!(
            "citation, {folds}-fold held out, written {:10}: title_close {:.4} ({}), first author {:.4}, year {:.4}",
            format!("{style:?}"),
            r(s.title_close, s.entries),
            s.entries,
            r(s.author_right, s.authors),
            r(s.year_right, s.years)
        );
    }
}

/// Writes every sequence in CRFsuite's text format, one file a training file, in a folder a
/// cross-validation fold (`fold{k}/`): a section file's fold is its position modulo K, and a
/// citation file of the same paper is in the same fold, so no paper is seen while held out.
fn dump(sections: &[SectionExample], citations: &[(String, Vec<CitationExample>)], dir: &Path, folds: usize) {
    use std::io::Write;
    let write = |path: PathBuf, seqs: Vec<(Features, Vec<&'static str>)>| {
        std::fs::create_dir_all(path.parent().expect("folder")).unwrap_or_else(|e| die(&e.to_string()));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap_or_else(|e| die(&e.to_string())));
        for (f, labels) in seqs {
            for (item, label) in f.items.iter().zip(labels) {
                write!(w, "{label}").unwrap();
                for a in item {
                    write!(w, "\t{}", a.name.replace('\\', "\\\\").replace(':', "\\:")).unwrap();
                }
                writeln!(w).unwrap();
            }
            writeln!(w).unwrap();
        }
    };
    for (i, s) in sections.iter().enumerate() {
        let path = dir.join(format!("segmenter/fold{}/{i:04}.txt", i % folds));
        write(path, variants(s, i as u64).iter().map(section_sequence).collect());
    }
    for (i, (name, c)) in citations.iter().enumerate() {
        let fold = citation_fold(name, sections, folds).unwrap_or(i % folds);
        // Each citation as annotated, and once more in another style written from its fields.
        let mut rng = Lcg::new(i as u64);
        let mut seqs: Vec<(Features, Vec<&'static str>)> = c.iter().map(citation_sequence).collect();
        for ex in c {
            let style = Style::ALL[rng.next_u64() as usize % Style::ALL.len()];
            if let Some(r) = restyled(ex, style, &mut rng) {
                seqs.push(citation_sequence(&r));
            }
        }
        write(dir.join(format!("citation/fold{fold}/{i:04}.txt")), seqs);
        let synthetic = synthetic_sections(name, c, i as u64);
        write(dir.join(format!("segmenter/fold{fold}/c{i:04}.txt")), synthetic.iter().map(section_sequence).collect());
    }
}

/// The fold of the section file of the same paper as a citation file, where there is one.
fn citation_fold(citation_file: &str, sections: &[SectionExample], folds: usize) -> Option<usize> {
    sections
        .iter()
        .position(|s| {
            let stem = s.name.trim_end_matches(".tei.xml");
            citation_file.starts_with(&format!("{stem}."))
        })
        .map(|i| i % folds)
}

/// The fold of citation file `i` (by name, as `dump` assigns it).
fn fold_of_citation_file(i: usize, name: &str, sections: &[SectionExample], folds: usize) -> usize {
    citation_fold(name, sections, folds).unwrap_or(i % folds)
}

fn show_errors() -> bool {
    std::env::var_os("SHOW_ERRORS").is_some()
}

/// Entries that were split wrong: gold entries not predicted, and predictions that are no entry.
fn print_split_errors(ex: &SectionExample, predicted: &[(usize, usize)]) {
    use citekb::extract::references::training::entry_key;
    let gold: Vec<String> = ex.entries.iter().map(|&(s, e)| entry_key(&ex.text[s..e])).collect();
    let pred: Vec<String> = predicted.iter().map(|&(s, e)| entry_key(&ex.text[s..e])).collect();
    for (k, &(s, e)) in gold.iter().zip(&ex.entries) {
        if !pred.contains(k) {
            println!("MISS\t{}\t{:?}", ex.name, &ex.text[s..e]);
        }
    }
    for (k, &(s, e)) in pred.iter().zip(predicted) {
        if !gold.contains(k) {
            println!("WRONG\t{}\t{:?}", ex.name, &ex.text[s..e]);
        }
    }
}
