//! The documentation agrees with the binary: `docs/cli.md` carries every command's `--help`, every
//! command has help and an example, and the README's tour runs as written.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use super::Env;

/// Where the generated part of `docs/cli.md` starts; everything after it is generated.
const GENERATED: &str = "## Commands\n";

/// Set to rewrite the generated part of `docs/cli.md` instead of checking it.
const WRITE_DOCS: &str = "CITEKB_WRITE_DOCS";

/// The width help is wrapped at in the docs, whatever the terminal running the tests.
const HELP_WIDTH: &str = "100";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `citekb WORDS... --help` as the binary prints it.
fn help(words: &[&str]) -> String {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("citekb"))
        .args(words)
        .arg("--help")
        .env("COLUMNS", HELP_WIDTH)
        .env_remove("CITEKB_DB")
        .output()
        .expect("run citekb");
    assert!(out.status.success(), "citekb {words:?} --help");
    String::from_utf8(out.stdout).unwrap()
}

/// The commands and their subcommands, as (words after `citekb`, the clap definition).
fn commands() -> Vec<(Vec<String>, clap::Command)> {
    let mut out = Vec::new();
    for command in citekb::cli::Cli::command().get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help")
    {
        out.push((vec![command.get_name().to_string()], command.clone()));
        for sub in command.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help") {
            out.push((vec![command.get_name().to_string(), sub.get_name().to_string()], sub.clone()));
        }
    }
    out
}

/// The generated part of `docs/cli.md`: a section per command with its help.
fn generated() -> String {
    let mut doc = format!(
        "{GENERATED}\n<!-- Generated from `citekb COMMAND --help`: edit the help in src/cli/, then run\n     {WRITE_DOCS}=1 cargo test --test cli docs -->\n"
    );
    for (words, _) in commands() {
        let level = if words.len() == 1 { "###" } else { "####" };
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        doc.push_str(&format!("\n{level} `citekb {}`\n\n```text\n{}```\n", words.join(" "), help(&words)));
    }
    doc
}

#[test]
fn every_command_has_help_and_an_example() {
    for (words, command) in commands() {
        let about = command.get_about().map(|a| a.to_string()).unwrap_or_default();
        assert!(!about.trim().is_empty(), "citekb {} has no help", words.join(" "));
        if words.len() == 1 {
            let long = command.get_long_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(long.contains("Example"), "citekb {} has no example in its help", words.join(" "));
        }
    }
}

#[test]
fn docs_cli_md_is_the_help_of_every_command() {
    let path = repo().join("docs/cli.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let start = doc.find(GENERATED).expect("docs/cli.md has a Commands section");
    let expected = generated();
    if std::env::var_os(WRITE_DOCS).is_some() {
        std::fs::write(&path, format!("{}{expected}", &doc[..start])).unwrap();
        return;
    }
    let actual = &doc[start..];
    for (words, _) in commands() {
        let heading = format!("`citekb {}`\n", words.join(" "));
        assert!(
            actual.contains(&heading),
            "docs/cli.md has no section {heading}(run {WRITE_DOCS}=1 cargo test --test cli docs)"
        );
    }
    assert!(actual == expected, "docs/cli.md differs from --help: run {WRITE_DOCS}=1 cargo test --test cli docs");
}

/// A command line's words, as a shell splits them: spaces apart, double quotes keep spaces.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, any) = (!quoted, true),
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

#[cfg(unix)]
#[test]
fn the_readme_tour_runs_as_written() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let tour = readme.split("## A short tour").nth(1).expect("README has a tour");
    let block = tour.split("```sh\n").nth(1).and_then(|b| b.split("```").next()).expect("the tour is a sh block");
    // The tour runs from the repository's top folder: its paths are the example papers.
    let env = Env::new();
    let work = env.path("work");
    std::fs::create_dir_all(&work).unwrap();
    std::os::unix::fs::symlink(repo().join("examples"), work.join("examples")).unwrap();
    let mut ran = 0;
    for line in block.lines() {
        let command = line.split(" # ").next().unwrap().trim();
        let Some(args) = command.strip_prefix("citekb ") else { continue };
        // The catalog comes from the environment, as a user's would: `--db` is no part of the tour.
        let out = assert_cmd::Command::cargo_bin("citekb")
            .unwrap()
            .env("CITEKB_DB", env.db())
            .env_remove("COLUMNS")
            .args(shell_words(args))
            .current_dir(&work)
            .output()
            .unwrap();
        assert!(out.status.success(), "{command}: {}", String::from_utf8_lossy(&out.stderr));
        ran += 1;
    }
    assert!(ran >= 8, "the tour has {ran} citekb commands");
    assert!(Path::new(&work.join("usage.csv")).exists(), "the tour's -o file is written where it says");
}

#[test]
fn shell_words_split_as_a_shell_does() {
    assert_eq!(shell_words(r#"show dataset "SQuAD v1.1"  --json"#), vec!["show", "dataset", "SQuAD v1.1", "--json"]);
}
