//! Curation: merges, splits, aliases, renames and "different" decisions, and that they survive
//! re-reading the papers.

use super::{examples, Env};

fn dataset_names(env: &Env) -> Vec<String> {
    let rows = env.json(&["datasets", "--format", "json"]);
    rows.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_merge_survives_reread_and_a_split_undoes_it() {
    let env = Env::new();
    env.ingest_examples();
    assert!(dataset_names(&env).contains(&"ContraNLI".to_string()));
    let (code, out, err) = env.run(&["merge", "dataset", "ContraNLI", "SNLI"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("undo with: citekb split dataset"), "{out}");
    assert!(!dataset_names(&env).contains(&"ContraNLI".to_string()));
    let rows = env.json(&["papers", "--dataset", "ContraNLI", "--format", "json"]);
    assert_eq!(rows[0]["dataset"], "SNLI", "the old name finds the merged dataset: {rows}");

    // Reading the papers again applies the merge to them as to new ones.
    let (code, out, _) = env.run(&["ingest", "--reread", examples().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().filter(|l| l.starts_with("reread")).count(), 4, "{out}");
    assert!(!dataset_names(&env).contains(&"ContraNLI".to_string()), "still merged after re-reading");
    let nli =
        env.json(&["datasets", "--paper", examples().join("nli-transfer.md").to_str().unwrap(), "--format", "json"]);
    assert!(nli.as_array().unwrap().iter().all(|r| r["dataset"] != "ContraNLI"), "{nli}");

    let log = env.json(&["log", "--format", "json"]);
    let merge = log.as_array().unwrap().iter().find(|r| r["action"] == "merge").expect("the merge is logged");
    assert_eq!(merge["by"], "person");
    let id: i64 = merge["subject"].as_str().unwrap().split_whitespace().next().unwrap().parse().unwrap();
    assert_eq!(env.run(&["split", "dataset", &id.to_string()]).0, 0);
    // The split puts the merge back where it was (before the re-read nothing came back to
    // ContraNLI, so a re-read after the split brings it back).
    env.run(&["ingest", "--reread", examples().to_str().unwrap()]);
    assert!(dataset_names(&env).contains(&"ContraNLI".to_string()));
}

#[test]
fn aliases_and_renames_are_found_and_conflicts_refused() {
    let env = Env::new();
    env.ingest_examples();
    assert_eq!(env.run(&["alias", "add", "CIFAR-10", "Tiny Images Ten"]).0, 0);
    let rows = env.json(&["papers", "--dataset", "tiny images ten", "--format", "json"]);
    assert_eq!(rows.as_array().unwrap().len(), 3);
    let (code, _, err) = env.run(&["alias", "add", "CIFAR-10", "CIFAR-100"]);
    assert_eq!(code, 2);
    assert!(err.contains("already names CIFAR-100"), "{err}");

    assert_eq!(env.run(&["rename", "ImageNet", "ImageNet (ILSVRC-2012)"]).0, 0);
    assert!(dataset_names(&env).contains(&"ImageNet (ILSVRC-2012)".to_string()));
    assert_eq!(env.json(&["papers", "--dataset", "ImageNet", "--format", "json"]).as_array().unwrap().len(), 3);
}

#[test]
fn different_datasets_are_never_merged() {
    let env = Env::new();
    env.ingest_examples();
    assert_eq!(env.run(&["separate", "dataset", "SNLI", "MultiNLI"]).0, 0);
    let (code, _, err) = env.run(&["merge", "dataset", "SNLI", "MultiNLI"]);
    assert_eq!(code, 2);
    assert!(err.contains("decided to be different"), "{err}");
}

#[test]
fn citations_merge_and_split() {
    let env = Env::new();
    env.ingest_examples();
    let usage = |env: &Env| -> Vec<(String, String)> {
        let (_, out, _) = env.run(&["export", "usage"]);
        let mut r = csv::Reader::from_reader(out.as_bytes());
        r.records().map(|x| x.unwrap()).map(|x| (x[3].to_string(), x[7].to_string())).collect()
    };
    let before = usage(&env);
    // The examples cite CIFAR-10 three ways, all one work; ImageNet as two works.
    let cited = |d: &str| {
        let mut c: Vec<String> = before.iter().filter(|(x, _)| x == d).map(|(_, c)| c.clone()).collect();
        c.sort();
        c.dedup();
        c
    };
    assert_eq!(cited("CIFAR-10").len(), 1, "{before:?}");
    let imagenet = cited("ImageNet");
    assert_eq!(imagenet.len(), 2, "{before:?}");
    let (a, b) = (imagenet[0].clone(), imagenet[1].clone());
    assert_eq!(env.run(&["merge", "citation", &a, &b]).0, 0);
    let after = usage(&env);
    assert!(after.iter().filter(|(d, _)| d == "ImageNet").all(|(_, c)| c == &b), "{after:?}");
    assert_eq!(env.run(&["split", "citation", &a]).0, 0);
    assert_eq!(usage(&env), before);
}

/// The ids of the merge's subject and object, from the log.
fn last_merge(env: &Env) -> (String, String) {
    let log = env.json(&["log", "--format", "json"]);
    let merge = log.as_array().unwrap().iter().find(|r| r["action"] == "merge").expect("the merge is logged");
    let id = |v: &serde_json::Value| v.as_str().unwrap().split_whitespace().next().unwrap().to_string();
    (id(&merge["subject"]), id(&merge["object"]))
}

fn check_clean(env: &Env, args: &[&str]) {
    let (code, out, err) = env.run(args);
    assert_eq!(code, 0, "{args:?}:\n{out}{err}");
}

#[test]
fn a_citation_merge_survives_check_and_repair_and_its_split_restores_the_state() {
    let env = Env::new();
    env.ingest_examples();
    let (_, before, _) = env.run(&["export", "usage"]);
    let works = env.json(&["export", "citations", "--format", "json"]);
    let ids: Vec<String> = works.as_array().unwrap().iter().map(|c| c["citation_id"].to_string()).take(2).collect();
    assert_eq!(env.run(&["merge", "citation", &ids[0], &ids[1]]).0, 0);
    check_clean(&env, &["check"]);
    check_clean(&env, &["check", "--repair"]);
    let (code, _, err) = env.run(&["split", "citation", &ids[0]]);
    assert_eq!(code, 0, "the split still has what it needs: {err}");
    assert_eq!(env.run(&["export", "usage"]).1, before);
    check_clean(&env, &["check"]);
}

#[test]
fn a_dataset_merge_survives_check_and_repair_and_its_split_restores_the_state() {
    let env = Env::new();
    env.ingest_examples();
    let (_, before, _) = env.run(&["export", "usage"]);
    assert_eq!(env.run(&["merge", "dataset", "ContraNLI", "SNLI"]).0, 0);
    check_clean(&env, &["check"]);
    check_clean(&env, &["check", "--repair"]);
    let (from, _) = last_merge(&env);
    let (code, _, err) = env.run(&["split", "dataset", &from]);
    assert_eq!(code, 0, "the split still has what it needs: {err}");
    assert_eq!(env.run(&["export", "usage"]).1, before);
    assert!(dataset_names(&env).contains(&"ContraNLI".to_string()));
    check_clean(&env, &["check"]);
}
