//! Queries and reports: any alias finds a dataset, every format is well-formed, empty results too.

use super::{examples, Env};

fn sources(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect()
}

#[test]
fn papers_by_dataset_accept_any_spelling() {
    let env = Env::new();
    env.ingest_examples();
    let a = env.json(&["papers", "--dataset", "ImageNet", "--format", "json"]);
    let b = env.json(&["papers", "--dataset", "imagenet", "--format", "json"]);
    let c = env.json(&["papers", "--dataset", "ILSVRC-2012", "--format", "json"]);
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert_eq!(sources(&a), vec!["binary-nas.txt", "filter-pruning.txt", "learned-bitwidth-quantization.md"]);
    assert_eq!(
        env.json(&["papers", "--dataset", "MNLI", "--format", "json"]),
        env.json(&["papers", "--dataset", "MultiNLI", "--format", "json"])
    );
    let cifar = env.json(&["papers", "--dataset", "cifar10", "--format", "json"]);
    assert_eq!(cifar.as_array().unwrap().len(), 3, "CIFAR10, CIFAR-10 and the abstract's CIFAR: {cifar}");
}

#[test]
fn roles_tell_use_from_mention() {
    let env = Env::new();
    env.ingest_examples();
    let all = env.json(&["papers", "--dataset", "MNIST", "--format", "json"]);
    assert_eq!(all[0]["role"], "mentioned", "{all}");
    let (code, out, _) = env.run(&["papers", "--dataset", "MNIST", "--role", "used", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn a_papers_datasets_come_with_the_entry_it_cites() {
    let env = Env::new();
    env.ingest_examples();
    let path = examples().join("filter-pruning.txt");
    let rows = env.json(&["datasets", "--paper", path.to_str().unwrap(), "--format", "json"]);
    let imagenet = rows.as_array().unwrap().iter().find(|r| r["dataset"] == "ImageNet").expect("ImageNet");
    assert_eq!(imagenet["role"], "used");
    assert!(imagenet["reference"].as_str().unwrap().starts_with("Deng, J., Dong, W."), "{imagenet}");
}

#[test]
fn datasets_json_lists_id_name_and_aliases() {
    let env = Env::new();
    env.ingest_examples();
    let rows = env.json(&["datasets", "--format", "json"]);
    for r in rows.as_array().unwrap() {
        assert!(r["id"].is_i64() && r["name"].is_string() && r["aliases"].is_array(), "{r}");
    }
    let names: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert!(
        names.contains(&"CIFAR-10")
            && names.contains(&"CIFAR-100")
            && names.contains(&"SQuAD v1.1")
            && names.contains(&"SQuAD v2.0")
    );
    assert_eq!(names.iter().filter(|n| **n == "MultiNLI").count(), 1);
}

#[test]
fn usage_report_is_csv_with_the_documented_columns() {
    let env = Env::new();
    env.ingest_examples();
    let (code, out, _) = env.run(&["export", "usage"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "paper_id",
            "paper_source",
            "paper_title",
            "dataset",
            "dataset_id",
            "role",
            "mentions",
            "citation_id",
            "citation_raw",
            "citation_title",
            "citation_year"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() >= 10);
    // The two spellings of MultiNLI's citation point to one canonical citation id.
    assert!(rows.iter().any(|r| &r[3] == "ImageNet" && !r[7].is_empty()));
}

#[test]
fn reports_write_atomically_to_a_file() {
    let env = Env::new();
    env.ingest_examples();
    let out = env.path("reports/citations.csv");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let (code, stdout, _) = env.run(&["export", "citations", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("citation_id,title,authors,year,venue,doi,variants,papers\n"), "{text}");
    for report in ["datasets", "papers"] {
        let (code, out, _) = env.run(&["export", report]);
        assert_eq!(code, 0);
        csv::Reader::from_reader(out.as_bytes()).records().for_each(|r| {
            r.unwrap();
        });
    }
}

#[test]
fn empty_results_are_well_formed_in_every_format() {
    let env = Env::new();
    env.create_catalog();
    assert_eq!(env.run(&["papers", "--format", "json"]), (1, "[]\n".into(), String::new()));
    assert_eq!(env.run(&["papers", "--format", "jsonl"]).1, "");
    assert_eq!(
        env.run(&["papers", "--format", "csv"]).1,
        "paper_id,source,title,year,doi,arxiv,format,datasets,references,ingested_at\n"
    );
    assert_eq!(env.run(&["papers", "--format", "csv", "--no-headers"]).1, "");
    assert_eq!(env.run(&["export", "usage"]).1.lines().count(), 1);
    let (code, out, err) = env.run(&["papers", "--dataset", "NoSuchData", "--format", "json"]);
    assert_eq!((code, out.as_str()), (1, "[]\n"));
    assert!(err.contains("no dataset is called"), "{err}");
}

#[test]
fn show_paper_and_dataset() {
    let env = Env::new();
    env.ingest_examples();
    let (code, out, _) = env.run(&["show", "dataset", "mnli"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("dataset ") && out.contains("MultiNLI") && out.contains("canonical"), "{out}");
    let v = env.json(&["show", "paper", "1", "--format", "json"]);
    assert!(v["datasets"].as_array().unwrap().len() >= 2);
    assert!(v["evidence"][0]["sentence"].as_str().unwrap().len() > 10);
    assert_eq!(env.run(&["show", "paper", "999"]).0, 1);
}

#[test]
fn spreadsheet_formulas_are_neutralised_in_csv() {
    let env = Env::new();
    let p = env.write("evil.txt", super::tiny_paper("=HYPERLINK(\"http://x\")", "MNIST"));
    env.run(&["ingest", p.to_str().unwrap()]);
    let (_, out, _) = env.run(&["papers", "--format", "csv"]);
    assert!(out.contains("'=HYPERLINK"), "{out}");
    let (_, out, _) = env.run(&["papers", "--format", "csv", "--no-formula-guard"]);
    assert!(out.contains(",\"=HYPERLINK"), "{out}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::BufRead;
    let env = Env::new();
    for i in 0..1000 {
        env.write(&format!("many/p{i:04}.txt"), super::tiny_paper(&format!("Paper {i}"), "MNIST"));
    }
    // A line per paper, and the reader goes away after the first.
    let mut child = env.spawn(&["ingest", env.path("many").to_str().unwrap()]);
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("internal error"), "{err}");
}
