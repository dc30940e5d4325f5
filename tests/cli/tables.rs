//! Tables for people: they fit the width asked for (`COLUMNS`), wrapping long columns, count the
//! columns a terminal shows (CJK characters are two), never cut a number, and are whole when piped.

use unicode_width::UnicodeWidthStr;

use super::{tiny_paper, Env};

/// `citekb ARGS` with `COLUMNS` set to `width`, or unset.
fn table(env: &Env, args: &[&str], width: Option<&str>) -> String {
    let mut cmd = env.cmd(args);
    match width {
        Some(w) => cmd.env("COLUMNS", w),
        None => cmd.env_remove("COLUMNS"),
    };
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A catalog with the examples and a paper with a long CJK title.
fn catalog() -> Env {
    let env = Env::new();
    env.ingest_examples();
    let title = "大規模な画像データベースにおける階層的な物体認識と転移学習の評価について";
    let p = env.write("cjk.txt", tiny_paper(title, "MNIST"));
    assert_eq!(env.run(&["ingest", p.to_str().unwrap()]).0, 0);
    env
}

#[test]
fn tables_fit_the_width_asked_for() {
    let env = catalog();
    for (args, width) in
        [(&["datasets"][..], 100), (&["papers"], 100), (&["papers"], 60), (&["export", "usage", "--table"], 120)]
    {
        let out = table(&env, args, Some(&width.to_string()));
        for line in out.lines() {
            assert!(line.width() <= width, "{args:?} at {width}: {} columns: {line}", line.width());
        }
        assert!(out.lines().count() > 2, "{out}");
    }
}

#[test]
fn wrapped_tables_keep_every_number_and_every_word() {
    let env = catalog();
    let rows = env.json(&["datasets", "--json"]);
    let out = table(&env, &["datasets"], Some("100"));
    let words: Vec<&str> = out.split_whitespace().collect();
    for row in rows.as_array().unwrap() {
        for column in ["id", "papers", "used_by"] {
            let number = row[column].to_string();
            assert!(words.contains(&number.as_str()), "{column} {number} whole in:\n{out}");
        }
        if let Some(citation) = row["canonical_citation"].as_str() {
            for word in citation.split_whitespace() {
                assert!(out.contains(word), "{word:?} of {citation:?} in:\n{out}");
            }
        }
    }
}

#[test]
fn piped_tables_are_whole_rows_in_aligned_columns() {
    let env = catalog();
    let papers = env.json(&["papers", "--json"]);
    let out = table(&env, &["papers"], None);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), papers.as_array().unwrap().len() + 1, "a line per row and the header:\n{out}");
    // Columns start at the same display column on every line, CJK title or not.
    let start_of = |line: &str, cell: &str| line[..line.find(cell).unwrap()].width();
    let format_column = start_of(lines[0], "format");
    for (line, paper) in lines[1..].iter().zip(papers.as_array().unwrap()) {
        let title = paper["title"].as_str().unwrap();
        assert!(line.contains(title), "the whole title: {line}");
        let format = paper["format"].as_str().unwrap();
        let after_title = line.find(title).unwrap() + title.len();
        let at = line[..after_title].width() + line[after_title..].find(format).unwrap();
        assert_eq!(at, format_column, "{line}");
    }
}
