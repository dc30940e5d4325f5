//! Unknown names: a dataset, paper or citation the catalog does not know gets the nearest names
//! it does know, on stderr, and exit 1.

use super::{tiny_paper, Env};

/// A catalog with two small papers, one naming MNIST and one CIFAR-10.
fn catalog() -> Env {
    let env = Env::new();
    env.write("in/digits.txt", tiny_paper("Digits", "MNIST"));
    env.write("in/objects.txt", tiny_paper("Objects", "CIFAR-10"));
    assert_eq!(env.run(&["ingest", env.path("in").to_str().unwrap()]).0, 0);
    env
}

#[test]
fn a_mistyped_dataset_is_offered_the_one_meant() {
    let env = catalog();
    for args in [
        &["papers", "--dataset", "MNSIT"][..],
        &["show", "dataset", "MNSIT"],
        &["export", "bibtex", "--dataset", "MNSIT"],
        &["rename", "MNSIT", "Digits"],
        &["merge", "dataset", "MNSIT", "CIFAR-10"],
        &["alias", "add", "MNSIT", "Digits"],
        &["separate", "dataset", "CIFAR-10", "MNSIT"],
    ] {
        let curation = ["rename", "merge", "alias", "separate"].contains(&args[0]);
        let (code, _, err) = env.run(args);
        assert_eq!(code, if curation { 2 } else { 1 }, "a query finds nothing, curation is refused: {args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("citekb: no dataset is called \"MNSIT\"; did you mean \"MNIST\""), "{args:?}: {err}");
    }
    let (code, out, _) = env.run(&["papers", "--dataset", "MNSIT", "--format", "json"]);
    assert_eq!((code, out.trim()), (1, "[]"), "programs still get a well-formed empty result");
}

#[test]
fn a_name_like_none_says_where_to_look() {
    let env = catalog();
    let (code, _, err) = env.run(&["papers", "--dataset", "Qwzx Yvv"]);
    assert_eq!(code, 1);
    assert!(!err.contains("did you mean"), "{err}");
    assert!(err.contains("citekb datasets --all"), "{err}");
}

#[test]
fn a_mistyped_paper_path_is_offered_the_paths_meant() {
    let env = catalog();
    let wrong = env.path("in/digit.txt");
    for args in [&["show", "paper", wrong.to_str().unwrap()][..], &["datasets", "--paper", wrong.to_str().unwrap()]] {
        let (code, _, err) = env.run(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        let meant = env.path("in/digits.txt");
        assert!(err.contains(&format!("did you mean {}", meant.display())), "{args:?}: {err}");
    }
}

#[test]
fn citations_are_found_by_title_and_a_near_title_is_offered() {
    let env = catalog();
    let citations = env.json(&["export", "citations", "--format", "json"]);
    let mnist = citations.as_array().unwrap().iter().find(|c| c["title"].as_str().unwrap().contains("MNIST")).unwrap();
    let cifar = citations.as_array().unwrap().iter().find(|c| c["title"].as_str().unwrap().contains("CIFAR")).unwrap();
    let title = mnist["title"].as_str().unwrap();
    let (code, _, err) = env.run(&["separate", "citation", &title.to_uppercase(), &cifar["citation_id"].to_string()]);
    assert_eq!(code, 0, "an exact title, case aside, names the work: {err}");
    let (code, _, err) = env.run(&["merge", "citation", &title.replace("about", "abut"), "1"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("did you mean {} (", mnist["citation_id"])), "{err}");
    let logged = env.json(&["log", "--format", "json"]).as_array().unwrap().len();
    for args in [&["merge", "citation", "99999", "1"][..], &["merge", "citation", "1", "88888"]] {
        let (code, _, err) = env.run(args);
        assert_eq!(code, 2, "an id no work has is refused before anything is merged: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("no citation \"") && err.contains("citekb export citations"), "{err}");
        assert!(!err.contains("FOREIGN KEY"), "{err}");
    }
    for args in [&["split", "citation", "99999"][..], &["split", "dataset", "99999"]] {
        let (code, _, err) = env.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("99999 in the catalog"), "{args:?}: {err}");
    }
    assert_eq!(env.json(&["log", "--format", "json"]).as_array().unwrap().len(), logged, "nothing is logged");
}
