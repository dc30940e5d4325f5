//! Closed pipes (`citekb ... | head -1`): every command ends quietly with exit 0, and an ingest
//! stores every paper even when nobody reads its report.

use super::{run_into_closed_pipe, tiny_paper, Env};

#[test]
fn an_ingest_whose_output_goes_away_stores_every_paper() {
    let env = Env::new();
    // More papers than one batch, so that the report is written while papers are still to come.
    let papers = citekb::ingest::BATCH + 6;
    for i in 0..papers {
        env.write(&format!("in/p{i:03}.txt"), tiny_paper(&format!("Paper number {i}"), "MNIST"));
    }
    let dir = env.path("in");
    for format in ["text", "jsonl"] {
        let (code, err) =
            run_into_closed_pipe(&env, &["ingest", "--reread", "--format", format, dir.to_str().unwrap()]);
        assert_eq!((code, err.as_str()), (0, ""), "{format}");
        let stored = env.json(&["papers", "--format", "json"]);
        assert_eq!(stored.as_array().unwrap().len(), papers, "{format}");
    }
}

#[test]
fn every_command_ends_quietly_when_its_reader_goes_away() {
    let env = Env::new();
    env.ingest_examples();
    let paper = env.write("paper.txt", tiny_paper("A paper", "MNIST"));
    let paper = paper.to_str().unwrap();
    assert_eq!(env.run(&["ingest", paper]).0, 0);
    let commands: &[&[&str]] = &[
        &["papers"],
        &["papers", "--dataset", "MNIST", "--format", "csv"],
        &["datasets", "--all"],
        &["datasets", "--paper", "1", "--format", "json"],
        &["show", "paper", "1"],
        &["show", "dataset", "ImageNet", "--format", "jsonl"],
        &["export", "usage"],
        &["export", "usage", "--format", "table"],
        &["export", "papers", "--format", "tsv"],
        &["export", "citations", "--format", "jsonl"],
        &["export", "datasets"],
        &["export", "bibtex"],
        &["export", "csl-json"],
        &["registry", "export"],
        &["check"],
        &["extract", paper],
        &["--help"],
        &["export", "--help"],
    ];
    for args in commands {
        let (code, err) = run_into_closed_pipe(&env, args);
        assert_eq!((code, err.as_str()), (0, ""), "citekb {}", args.join(" "));
    }
}
