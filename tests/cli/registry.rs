//! Registry import (Papers-with-Code JSON Lines, citekb CSV) and export.

use super::{tiny_paper, Env};

#[test]
fn a_pwc_import_teaches_new_names_and_exports_round_trip() {
    let env = Env::new();
    let pwc = env.write(
        "pwc.jsonl",
        r#"{"id": "ZebraSet-7", "variants": ["ZebraSet-7", "ZST-7", "ZebraSet-7 - 5-shot"], "title": "ZebraSet: stripes at scale"}
{"id": "CIFAR-10", "variants": ["CIFAR-10", "CIFAR-10 (Conditional)", "CIFAR10 benchmark"], "title": ""}
"#,
    );
    let (code, out, err) = env.run(&["registry", "import", pwc.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 new dataset, 1 already known"), "{out}");
    assert!(err.contains("2 leaderboard or qualified variants"), "{err}");
    // A paper ingested afterwards finds the imported dataset by its variant.
    let p = env.write("p.txt", tiny_paper("Stripes", "ZST-7"));
    env.run(&["ingest", p.to_str().unwrap()]);
    let rows = env.json(&["papers", "--dataset", "ZebraSet-7", "--format", "json"]);
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");

    let exported = env.path("registry.csv");
    assert_eq!(env.run(&["registry", "export", "-o", exported.to_str().unwrap()]).0, 0);
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text
        .starts_with("name,aliases,family,version,needs_context,intro_title,intro_author,intro_year,domain,origin\n"));
    assert!(text.contains("ZebraSet-7,ZST-7,,,,ZebraSet: stripes at scale,,,,import"), "{text}");
    // citekb's own CSV imports back into a new catalog.
    let other = Env::new();
    let (code, out, _) = other.run(&["registry", "import", exported.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("1 new dataset,"), "{out}");
    let all = other.json(&["datasets", "--all", "--format", "json"]);
    assert!(all.as_array().unwrap().iter().any(|d| d["name"] == "ZebraSet-7"));
}
