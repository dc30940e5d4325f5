//! Citation exports: BibTeX that a BibTeX parser reads, one entry per canonical citation, and
//! CSL-JSON.

use super::Env;

#[test]
fn bibtex_parses_and_has_one_entry_per_work() {
    let env = Env::new();
    env.ingest_examples();
    let (code, bib, err) = env.run(&["export", "bibtex", "--all"]);
    assert_eq!(code, 0, "{err}");
    let parsed = biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{e:?}\n{bib}"));
    let (_, csv, _) = env.run(&["export", "citations"]);
    let works = csv.lines().count() - 1;
    assert_eq!(parsed.len(), works);
    let keys: Vec<String> = parsed.iter().map(|e| e.key.clone()).collect();
    assert!(keys.iter().any(|k| k.starts_with("dengImageNetLargescaleHierarchical2009")), "{keys:?}");
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "keys are unique");
}

#[test]
fn one_datasets_citations_in_bibtex_and_csl_json() {
    let env = Env::new();
    env.ingest_examples();
    let (code, bib, _) = env.run(&["export", "bibtex", "--dataset", "ImageNet"]);
    assert_eq!(code, 0);
    let parsed = biblatex::Bibliography::parse(&bib).unwrap();
    assert_eq!(parsed.len(), 2, "Deng et al. 2009 and Russakovsky et al.: {bib}");
    let csl: serde_json::Value =
        serde_json::from_str(&env.run(&["export", "csl-json", "--dataset", "ImageNet"]).1).unwrap();
    let families: Vec<&str> =
        csl.as_array().unwrap().iter().map(|i| i["author"][0]["family"].as_str().unwrap()).collect();
    assert!(families.contains(&"Deng") && families.contains(&"Russakovsky"), "{csl}");
}

#[test]
#[ignore = "needs ../shared/eval: a real corpus"]
fn a_real_corpus_exports_parseable_bibtex() {
    let gsap = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/gsap/papers");
    if !gsap.is_dir() {
        eprintln!("note: ../shared/eval is not beside the checkout; skipping");
        return;
    }
    let env = Env::new();
    assert_eq!(env.run(&["ingest", "--summary", gsap.to_str().unwrap()]).0, 0);
    let (_, bib, _) = env.run(&["export", "bibtex", "--all"]);
    let parsed = biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(parsed.len() > 1000, "{} entries", parsed.len());
}
