//! `citekb extract`: one JSON line per paper, in the format the evaluation scores.

use super::{examples, Env};

#[test]
fn one_json_line_per_paper_with_datasets_and_references() {
    let env = Env::new();
    let out = env.cmd(&["extract", "--format", "jsonl", examples().to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    let nli = lines.iter().find(|l| l["source"].as_str().unwrap().ends_with("nli-transfer.md")).unwrap();
    assert_eq!(nli["format"], "markdown");
    assert!(nli["title"].as_str().unwrap().starts_with("Inference First"));
    assert!(nli["references"].as_array().unwrap().len() >= 10);
    let mnli = nli["datasets"].as_array().unwrap().iter().find(|d| d["name"] == "MultiNLI").expect("MultiNLI");
    assert_eq!(mnli["role"], "used");
    assert!(mnli["aliases"].as_array().unwrap().iter().any(|a| a == "MNLI"));
    assert!(mnli["citation"]["raw"].as_str().unwrap().starts_with("Williams, A., Nangia, N."), "{mnli}");
    // The role comes with the rule that gave it and the sentence it read.
    let why = &mnli["role_evidence"];
    assert!(!why["rule"].as_str().unwrap().is_empty(), "{mnli}");
    let sentence = why["sentence"].as_str().unwrap();
    assert!(sentence.contains("MNLI") || sentence.contains("MultiNLI"), "{mnli}");
    // Extraction writes no catalog.
    assert!(!env.db().exists());
}

#[test]
fn introduced_datasets_are_found_without_the_registry() {
    let env = Env::new();
    let out = env.cmd(&["extract", examples().join("nli-transfer.md").to_str().unwrap()]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let contra = v["datasets"].as_array().unwrap().iter().find(|d| d["name"] == "ContraNLI");
    assert_eq!(contra.map(|d| d["role"].clone()), Some(serde_json::json!("introduced")), "{v}");
}

#[test]
fn latex_cites_resolve_through_bibitems() {
    let env = Env::new();
    let tex = r"\documentclass{article}
\newcommand{\cifar}{CIFAR-10}
\title{Tiny Models}
\begin{document}
\maketitle
\section{Experiments}
We train on \cifar~\cite{kriz} and on ImageNet~\citep{deng}.
\begin{thebibliography}{9}
\bibitem{deng} J.~Deng, W.~Dong, and L.~Fei-Fei. \newblock {ImageNet}: A large-scale hierarchical image database. \newblock In CVPR, 2009.
\bibitem{kriz} A.~Krizhevsky. \newblock Learning multiple layers of features from tiny images. \newblock Tech. Rep., 2009.
\end{thebibliography}
\end{document}
";
    let p = env.write("paper.tex", tex);
    let out = env.cmd(&["extract", p.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "latex");
    assert_eq!(v["title"], "Tiny Models");
    let cite = |name: &str| {
        v["datasets"].as_array().unwrap().iter().find(|d| d["name"] == name).unwrap()["citation"]["raw"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(cite("CIFAR-10").starts_with("A. Krizhevsky."), "{v}");
    assert!(cite("ImageNet").starts_with("J. Deng"), "{v}");
}

#[test]
fn extract_then_load_equals_ingest() {
    let ingested = Env::new();
    ingested.ingest_examples();
    let loaded = Env::new();
    let records = loaded.path("records.jsonl");
    let out = loaded.cmd(&["extract", examples().to_str().unwrap()]).output().unwrap();
    let mut lines = String::from_utf8(out.stdout).unwrap();
    lines.push_str("this line is no record\n");
    std::fs::write(&records, lines).unwrap();
    let (code, out, err) = loaded.run(&["load", records.to_str().unwrap()]);
    assert_eq!(code, 2, "the bad line is reported: {out}{err}");
    assert!(out.contains("4 added") && err.contains("line 5: not JSON"), "{out}{err}");
    for report in ["usage", "citations", "datasets"] {
        assert_eq!(loaded.run(&["export", report]).1, ingested.run(&["export", report]).1, "{report}");
    }
    let evidence = |env: &Env| env.json(&["show", "paper", "1", "--format", "json"])["evidence"].clone();
    assert_eq!(evidence(&loaded), evidence(&ingested));
    // Loading again deduplicates like ingest.
    let (_, out, _) = loaded.run(&["load", records.to_str().unwrap()]);
    assert!(out.contains("0 added, 4 already"), "{out}");
}

#[test]
fn a_record_with_a_bad_field_is_refused_naming_its_line_and_field() {
    let env = Env::new();
    let out = env.cmd(&["extract", examples().join("nli-transfer.md").to_str().unwrap()]).output().unwrap();
    let good = String::from_utf8(out.stdout).unwrap();
    let mut bad: serde_json::Value = serde_json::from_str(&good).unwrap();
    bad["datasets"][1]["role"] = "usd".into();
    let records = env.write("records.jsonl", format!("{good}{bad}\n"));
    let (code, out, err) = env.run(&["load", records.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.starts_with("1 added"), "{out}");
    assert!(
        err.contains("records.jsonl, line 2: not an extraction record: datasets[1].role: unknown variant `usd`"),
        "{err}"
    );
}

#[test]
fn a_no_break_or_thin_space_before_a_name_costs_nothing() {
    let env = Env::new();
    // U+00A0 and U+2009 before names, U+202F inside one, in a text file and a TEI (`&#160;`).
    let text = "Spaces Everywhere\n\nAbstract\nWe train on\u{a0}MNIST and test on\u{2009}ImageNet.\n\n\
                1 Experiments\nWe report accuracy on the\u{a0}USPS dataset and on\u{2009}Penn\u{202f}Treebank.\n";
    let txt = env.write("in/spaces.txt", text);
    let tei = env.write(
        "in/spaces.tei.xml",
        "<?xml version=\"1.0\"?><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>\
         <title>Digits</title></titleStmt></fileDesc></teiHeader><text><body><div><head>Experiments</head>\
         <p>We train on&#160;MNIST and evaluate on&#x2009;the&#160;USPS dataset.</p></div></body></text></TEI>",
    );
    for (path, expected) in [(&txt, &["ImageNet", "MNIST", "Penn Treebank", "USPS"][..]), (&tei, &["MNIST", "USPS"])] {
        let out = env.cmd(&["extract", "--format", "jsonl", path.to_str().unwrap()]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: {err}", path.display());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut names: Vec<&str> =
            v["datasets"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
        names.sort_unstable();
        assert_eq!(names, expected, "{v}");
    }
}

#[test]
fn explain_prints_every_candidate_with_its_rule() {
    let env = Env::new();
    let paper = env.write(
        "in/words.txt",
        "Words And Data\n\n1 Experiments\nWe train on MNIST. Adult readers find the results on it clear.\n",
    );
    let run = |args: &[&str]| -> serde_json::Value {
        let out = env.cmd(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let plain = run(&["extract", paper.to_str().unwrap()]);
    assert!(plain.get("candidates").is_none(), "only asked for: {plain}");
    let explained = run(&["extract", "--explain", paper.to_str().unwrap()]);
    assert_eq!(explained["datasets"], plain["datasets"], "explaining changes no finding");
    let candidates = explained["candidates"].as_array().unwrap();
    let of = |name: &str| {
        candidates.iter().find(|c| c["candidate"] == name).unwrap_or_else(|| panic!("{name}: {explained}"))
    };
    let mnist = of("MNIST");
    assert_eq!((mnist["accepted"].as_bool(), mnist["source"].as_str()), (Some(true), Some("registry")));
    assert_eq!(mnist["start"].as_u64(), Some(42), "a byte offset into the text");
    let adult = of("Adult");
    assert_eq!(adult["accepted"].as_bool(), Some(false), "{adult}");
    assert!(adult["rule"].as_str().is_some_and(|r| !r.is_empty()), "{adult}");
}
