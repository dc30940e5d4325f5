//! Ingest into the catalog: identity by content, re-ingest, changed files, --db and CITEKB_DB.

use super::{examples, tiny_paper, Env};

#[test]
fn ingest_reports_a_line_per_paper_and_a_summary() {
    let env = Env::new();
    let (code, out, err) = env.run(&["ingest", examples().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().filter(|l| l.starts_with("added")).count(), 4, "{out}");
    assert!(out.contains("the catalog holds 4 papers"), "{out}");
}

#[test]
fn ingest_reports_json_lines_for_programs() {
    let env = Env::new();
    let good = env.write("in/a.txt", tiny_paper("A paper", "MNIST"));
    env.write("in/b.txt", "");
    let (code, out, err) = env.run(&["ingest", "--format", "jsonl", env.path("in").to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (2, ""), "failures are events too");
    let events: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(events.len(), 3, "{out}");
    assert_eq!(events[0]["event"], "failed");
    assert_eq!(events[0]["kind"], "unreadable");
    assert!(events[0]["error"].as_str().unwrap().ends_with("b.txt: empty file"), "{out}");
    assert_eq!(events[1]["event"], "added");
    assert_eq!(events[1]["source"], good.to_str().unwrap());
    assert_eq!(
        events[2],
        serde_json::json!({"event": "summary", "inputs": 2, "added": 1, "replaced": 0, "same": 0, "failed": 1, "papers": 1})
    );
}

#[test]
fn reingest_is_a_no_op_that_says_so() {
    let env = Env::new();
    env.ingest_examples();
    let (code, out, _) = env.run(&["ingest", examples().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().filter(|l| l.starts_with("same")).count(), 4, "{out}");
    assert!(out.contains("0 added") && out.contains("holds 4 papers"), "{out}");
}

#[test]
fn identical_content_at_two_paths_is_one_paper() {
    let env = Env::new();
    let a = env.write("a/paper.txt", tiny_paper("A paper", "MNIST"));
    let b = env.write("b/copy.txt", tiny_paper("A paper", "MNIST"));
    let (code, out, _) = env.run(&["ingest", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("identical content to"), "{out}");
    assert!(out.contains("holds 1 paper\n"), "{out}");
    // Either path finds the paper.
    let rows = env.json(&["datasets", "--paper", b.to_str().unwrap(), "--format", "json"]);
    assert_eq!(rows[0]["dataset"], "MNIST");
}

#[test]
fn a_changed_file_replaces_its_old_version_in_queries() {
    let env = Env::new();
    let p = env.write("paper.txt", tiny_paper("A paper", "MNIST"));
    env.run(&["ingest", p.to_str().unwrap()]);
    std::fs::write(&p, tiny_paper("A paper", "SVHN")).unwrap();
    let (code, out, _) = env.run(&["ingest", p.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("replaces paper 1: the file changed"), "{out}");
    let papers = env.json(&["papers", "--format", "json"]);
    assert_eq!(papers.as_array().unwrap().len(), 1, "{papers}");
    let (code, _, _) = env.run(&["papers", "--dataset", "MNIST"]);
    assert_eq!(code, 1, "the old version no longer counts");
    let (code, out, _) = env.run(&["papers", "--dataset", "SVHN", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.contains("paper.txt"));
}

#[test]
fn standard_input_is_one_paper() {
    let env = Env::new();
    let (code, out, err) = env
        .cmd(&["ingest", "-"])
        .write_stdin(tiny_paper("From stdin", "CIFAR-10"))
        .output()
        .map(|o| {
            (
                o.status.code().unwrap(),
                String::from_utf8_lossy(&o.stdout).into_owned(),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        })
        .unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added   -"), "{out}");
}

#[test]
fn db_is_global_and_falls_back_to_the_environment() {
    let env = Env::new();
    let p = env.write("paper.txt", tiny_paper("A paper", "MNIST"));
    // --db after the subcommand
    let mut c = assert_cmd::Command::cargo_bin("citekb").unwrap();
    c.env_remove("CITEKB_DB").args(["ingest", p.to_str().unwrap(), "--db"]).arg(env.db()).assert().success();
    // CITEKB_DB when there is no --db
    let mut c = assert_cmd::Command::cargo_bin("citekb").unwrap();
    let out = c.env("CITEKB_DB", env.db()).args(["papers", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
}

#[test]
fn a_fresh_catalog_is_migrated_and_seeded() {
    let env = Env::new();
    let p = env.write("paper.txt", tiny_paper("A paper", "MNIST"));
    assert_eq!(env.run(&["ingest", p.to_str().unwrap()]).0, 0);
    let all = env.json(&["datasets", "--all", "--format", "json"]);
    let rows = all.as_array().unwrap();
    assert!(rows.len() >= 300, "{} datasets", rows.len());
    let mnli = rows.iter().find(|d| d["name"] == "MultiNLI").expect("MultiNLI is seeded");
    assert!(mnli["aliases"].as_array().unwrap().iter().any(|a| a == "MNLI"));
}
