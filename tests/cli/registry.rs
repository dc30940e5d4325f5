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

/// A paper that names the AMR data in its own words: "the AMR dataset", which citekb discovers
/// as "AMR", a name the seeds know only with a generic noun ("AMR corpus").
fn amr_paper() -> String {
    "A Study of Meaning Parsing Here\n\nAbstract\nWe train our parser on the AMR dataset and report Smatch on its test set.\n\n\
     1 Experiments\nThe AMR dataset holds sentences. We evaluate on the AMR test set.\n"
        .to_string()
}

#[test]
fn every_alias_is_keyed_one_way_so_a_discovered_name_finds_its_seed() {
    let env = Env::new();
    let paper = env.write("amr.txt", amr_paper());
    assert_eq!(env.run(&["ingest", paper.to_str().unwrap()]).0, 0);
    let datasets = env.json(&["datasets", "--json"]);
    let names: Vec<&str> = datasets.as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["AMR Bank"], "the seed, not a new discovered AMR beside it");
    // An alias added by hand is keyed the same way: "the Foo corpus" is Foo.
    assert_eq!(env.run(&["alias", "add", "AMR Bank", "the Sembank corpus"]).0, 0);
    let (code, out, _) = env.run(&["show", "dataset", "Sembank"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("dataset ") && out.contains("AMR Bank"), "{out}");
}

#[test]
fn a_catalog_whose_seed_aliases_were_keyed_the_old_way_is_keyed_again() {
    let env = Env::new();
    env.create_catalog();
    {
        // As a catalog of an earlier citekb holds them: seed aliases under the plain key.
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute("UPDATE dataset_aliases SET key = 'amrcorpus' WHERE alias = 'AMR corpus'", []).unwrap();
        conn.execute("DELETE FROM dataset_aliases WHERE key = 'amr'", []).unwrap();
        conn.execute("UPDATE catalog_meta SET value = 'an earlier one' WHERE key = 'seeds_fingerprint'", []).unwrap();
    }
    let paper = env.write("amr.txt", amr_paper());
    assert_eq!(env.run(&["ingest", paper.to_str().unwrap()]).0, 0);
    let datasets = env.json(&["datasets", "--json"]);
    let names: Vec<&str> = datasets.as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["AMR Bank"]);
    assert_eq!(env.run(&["show", "dataset", "AMR corpus"]).0, 0, "the old key still answers");
}
