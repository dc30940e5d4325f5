//! Closed pipes (`citekb ... | head -1`): every command ends quietly with exit 0, and an ingest
//! stores every paper even when nobody reads its report.

use std::process::Stdio;

use super::{tiny_paper, uses_no_catalog, Env};

/// Runs `citekb --db <catalog> ARGS...` with a standard output whose reader has already gone, as
/// after `head -1` read its line; returns (exit code, stderr).
fn run_into_closed_pipe(env: &Env, args: &[&str]) -> (i32, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("citekb"));
    cmd.env_remove("RUST_BACKTRACE").env_remove("CITEKB_DB");
    if !uses_no_catalog(args) {
        cmd.arg("--db").arg(env.db());
    }
    cmd.args(args);
    let out = cmd.stdout(writer).stderr(Stdio::piped()).output().expect("run citekb");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

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
