//! The conventions researchers expect: sqlite-utils' output shorthands, shell completions, a man
//! page, and `stats`.

use super::{tiny_paper, Env};

#[test]
fn output_shorthands_are_the_formats_they_name() {
    let env = Env::new();
    env.ingest_examples();
    for (shorthand, format) in
        [("--json", "json"), ("--csv", "csv"), ("--tsv", "tsv"), ("--nl", "jsonl"), ("--table", "table")]
    {
        for command in [&["papers"][..], &["export", "usage"], &["show", "dataset", "ImageNet"]] {
            let with_shorthand = env.run(&[command, &[shorthand]].concat());
            let with_format = env.run(&[command, &["--format", format]].concat());
            assert_eq!(with_shorthand.0, 0, "{command:?} {shorthand}: {}", with_shorthand.2);
            assert_eq!(with_shorthand, with_format, "{command:?} {shorthand}");
        }
    }
    let (_, nl, _) = env.run(&["papers", "--nl"]);
    assert!(nl.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()), "{nl}");
    let (_, table, _) = env.run(&["export", "papers", "--table"]);
    assert!(table.starts_with("paper_id  source"), "--table overrides export's CSV: {table}");
}

#[test]
fn two_formats_at_once_are_refused() {
    let env = Env::new();
    for args in [
        &["papers", "--json", "--csv"][..],
        &["papers", "--nl", "--format", "json"],
        &["export", "usage", "--table", "--tsv"],
    ] {
        let (code, out, err) = env.run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty() && err.contains("cannot be used with"), "{args:?}: {err}");
    }
}

#[test]
fn completions_cover_every_command_in_each_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, out, err) = env.run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for command in ["ingest", "papers", "datasets", "export", "stats", "completions", "man"] {
            assert!(out.contains(command), "{shell} completes {command}");
        }
        assert!(!out.contains("__pdf-text"), "{shell}: the internal command is hidden");
    }
    assert_eq!(env.run(&["completions", "tcsh"]).0, 2);
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let env = Env::new();
    let (code, out, err) = env.run(&["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(".TH citekb 1"), "{out}");
    assert!(out.contains("ingest") && out.contains("stats"), "{out}");
    let dir = env.path("man1");
    let (code, _, err) = env.run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    for page in ["citekb.1", "citekb-ingest.1", "citekb-export.1", "citekb-stats.1"] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH"), "{page}");
    }
}

/// The row of `stats --json` with this group and value.
fn stat<'a>(rows: &'a serde_json::Value, group: &str, value: &str) -> &'a serde_json::Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["group"] == group && r["value"] == value)
        .unwrap_or_else(|| panic!("no {group}/{value} in {rows}"))
}

#[test]
fn stats_count_what_the_queries_show() {
    let env = Env::new();
    env.write("in/a.txt", tiny_paper("Digits one", "MNIST"));
    env.write("in/b.txt", tiny_paper("Digits two", "MNIST"));
    let changing = env.write("in/c.txt", tiny_paper("Objects", "CIFAR-10"));
    env.write("in/d.md", "# Notes\n\nNothing here names a dataset at all, it is plain prose.\n");
    assert_eq!(env.run(&["ingest", env.path("in").to_str().unwrap()]).0, 0);
    // A changed file: its old version no longer counts.
    std::fs::write(&changing, tiny_paper("Objects", "SVHN")).unwrap();
    assert_eq!(env.run(&["ingest", changing.to_str().unwrap()]).0, 0);

    let rows = env.json(&["stats", "--json"]);
    assert_eq!(stat(&rows, "totals", "papers")["count"], 4);
    let usage = env.json(&["export", "usage", "--json"]);
    assert_eq!(stat(&rows, "totals", "usages")["count"], usage.as_array().unwrap().len());
    assert_eq!(stat(&rows, "papers by format", "text")["count"], 3);
    assert_eq!(stat(&rows, "papers by format", "markdown")["share"], 0.25);
    assert_eq!(stat(&rows, "papers by year (their own, else their newest reference's)", "2015")["count"], 3);
    assert_eq!(stat(&rows, "papers by year (their own, else their newest reference's)", "unknown")["count"], 1);
    let cited = usage.as_array().unwrap().iter().filter(|u| !u["citation_id"].is_null()).count();
    assert_eq!(stat(&rows, "citation coverage", "usages with a citation")["count"], cited);
    let top = stat(&rows, "datasets most used", "MNIST");
    assert_eq!((top["count"].as_i64(), top["share"].as_f64()), (Some(2), Some(0.5)));
    assert!(
        !rows.as_array().unwrap().iter().any(|r| r["value"] == "CIFAR-10"),
        "the superseded paper's dataset: {rows}"
    );
    let (_, top1, _) = env.run(&["stats", "--top", "1", "--csv"]);
    assert_eq!(top1.lines().filter(|l| l.starts_with("datasets most used")).count(), 1, "{top1}");
}
