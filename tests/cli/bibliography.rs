//! BibTeX and CSL-JSON worth importing: the BibTeX parses (biblatex, as reference managers read
//! it) with each entry's mandatory fields, the CSL-JSON has no null field, and by default both
//! hold the works cited for datasets.

use std::collections::BTreeSet;

use super::Env;

/// The citation ids the usage report gives for datasets.
fn dataset_citations(env: &Env) -> BTreeSet<i64> {
    let usage = env.json(&["export", "usage", "--json"]);
    usage.as_array().unwrap().iter().filter_map(|u| u["citation_id"].as_i64()).collect()
}

fn bibtex(env: &Env, args: &[&str]) -> biblatex::Bibliography {
    let (code, out, err) = env.run(&[&["export", "bibtex"], args].concat());
    assert_eq!(code, 0, "{err}");
    biblatex::Bibliography::parse(&out).unwrap_or_else(|e| panic!("the export does not parse: {e:?}\n{out}"))
}

#[test]
fn bibtex_holds_the_dataset_citations_and_every_entry_its_mandatory_fields() {
    let env = Env::new();
    env.ingest_examples();
    let cited = dataset_citations(&env);
    let entries: Vec<biblatex::Entry> = bibtex(&env, &[]).into_iter().collect();
    assert_eq!(entries.len(), cited.len(), "one entry per work cited for a dataset");
    let all: Vec<biblatex::Entry> = bibtex(&env, &["--all"]).into_iter().collect();
    let works = env.json(&["export", "citations", "--json"]).as_array().unwrap().len();
    assert_eq!(all.len(), works, "--all: every work any paper cites");
    assert!(all.len() > entries.len());
    for entry in &all {
        let has = |field: &str| entry.get(field).is_some_and(|v| !v.is_empty());
        let mandatory: &[&str] = match entry.entry_type.to_string().as_str() {
            "article" => &["journal"],
            "inproceedings" => &["booktitle"],
            _ => &[],
        };
        for field in mandatory {
            assert!(has(field), "{} lacks {field}", entry.key);
        }
        assert!(has("title") || has("author"), "{} names no work", entry.key);
    }
}

#[test]
fn csl_json_items_have_ids_types_and_no_nulls() {
    let env = Env::new();
    env.ingest_examples();
    let items = env.json(&["export", "csl-json", "--all"]);
    let keys: BTreeSet<String> = bibtex(&env, &["--all"]).into_iter().map(|e| e.key).collect();
    let mut ids = BTreeSet::new();
    for item in items.as_array().unwrap() {
        let object = item.as_object().unwrap();
        assert!(object.values().all(|v| !v.is_null()), "a null field: {item}");
        assert!(
            ["article-journal", "paper-conference", "article", "document"].contains(&item["type"].as_str().unwrap()),
            "{item}"
        );
        // CSL-JSON allows no fields beyond its variables: these are the ones citekb writes.
        for (field, value) in object {
            match field.as_str() {
                "id" | "type" | "title" | "container-title" | "DOI" | "URL" | "volume" | "page" => {
                    assert!(value.as_str().is_some_and(|v| !v.trim().is_empty()), "{item}")
                }
                "author" | "issued" => {}
                other => panic!("{other} is no CSL variable citekb writes: {item}"),
            }
        }
        for author in item.get("author").and_then(|a| a.as_array()).into_iter().flatten() {
            assert!(author["family"].as_str().is_some_and(|f| !f.is_empty()), "{item}");
            for (part, value) in author.as_object().unwrap() {
                assert!(["family", "given", "non-dropping-particle", "suffix"].contains(&part.as_str()), "{item}");
                assert!(value.as_str().is_some_and(|v| !v.is_empty()), "{item}");
            }
        }
        if let Some(issued) = item.get("issued") {
            let parts = issued["date-parts"].as_array().unwrap();
            assert!((1..=2).contains(&parts.len()), "{item}");
            assert!(parts.iter().all(|p| (1..=3).contains(&p.as_array().unwrap().len())), "{item}");
        }
        assert!(ids.insert(item["id"].as_str().unwrap().to_string()), "ids are unique: {item}");
    }
    assert_eq!(ids, keys, "CSL ids are the BibTeX keys");
    let dataset_only = env.json(&["export", "csl-json"]);
    assert_eq!(dataset_only.as_array().unwrap().len(), dataset_citations(&env).len());
}

#[test]
fn all_applies_to_the_citation_formats_only() {
    let env = Env::new();
    env.ingest_examples();
    let (code, _, err) = env.run(&["export", "usage", "--all"]);
    assert_eq!(code, 2);
    assert!(err.contains("--all applies to"), "{err}");
    assert_eq!(env.run(&["export", "bibtex", "--all", "--dataset", "ImageNet"]).0, 2, "one or the other");
}
