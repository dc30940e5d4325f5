//! Citation identity across styles: one work however each paper writes it, and look-alikes kept
//! apart (chapters of one book, versions of one title, an erratum), with every join and merge
//! logged and undoable.

use super::Env;

/// A paper whose reference list is `entries`, one `[n] entry` a line.
fn paper(title: &str, entries: &[&str]) -> String {
    let mut s = format!("{title}\n\nWe study glaciers.\n\nReferences\n\n");
    for (i, e) in entries.iter().enumerate() {
        s.push_str(&format!("[{}] {e}\n", i + 1));
    }
    s
}

/// (citation id, variants) of every work, from `export citations`.
fn works(env: &Env) -> Vec<(String, String)> {
    let (code, csv, err) = env.run(&["export", "citations"]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[1].to_string())).collect()
}

const APA: &str = "Okafor, N., & Lund, B. (2011). Measuring the drift of glacier tongues with low-cost sensors. Journal of Ice Studies, 12(3), 33–41.";
const TITLELESS: &str = "N. Okafor, B. Lund, Journal of Ice Studies 12 (2011) 33.";
const NOISY: &str = "Okafor, N., & Lund, B. (2011). Measuring the drfit of glacier tongues withlow-cost sensors. Journal of Ice Studies, 12(3), 33–41.";

#[test]
fn one_work_in_three_styles_is_one_citation() {
    let env = Env::new();
    env.write("a.txt", paper("Paper A", &[APA]));
    env.write("b.txt", paper("Paper B", &[TITLELESS]));
    env.write("c.txt", paper("Paper C", &[NOISY]));
    for f in ["a.txt", "b.txt", "c.txt"] {
        assert_eq!(env.run(&["ingest", env.path(f).to_str().unwrap()]).0, 0);
    }
    let w = works(&env);
    assert_eq!(w.len(), 1, "{w:?}");
    let (_, log, _) = env.run(&["log"]);
    assert_eq!(log.lines().filter(|l| l.contains(" join ")).count(), 2, "each new form is logged with its rule: {log}");
    assert!(log.contains("similar title, same first author and year"), "{log}");
}

#[test]
fn chapters_of_one_book_and_versions_of_one_title_stay_apart() {
    let env = Env::new();
    env.write(
        "a.txt",
        paper(
            "Paper A",
            &[
                "Lind, K. (2015). Sea ice in a warming century. In The Polar Handbook (pp. 101–130). Frost Press.",
                "Lind, K. (2015). Fjords and their floors. In The Polar Handbook (pp. 131–160). Frost Press.",
                "Okafor, N. (2011). Measuring the drift of glacier tongues with low-cost sensors. Journal of Ice Studies, 12, 33–41.",
                "Okafor, N. (2016). Measuring the drift of glacier tongues with low-cost sensors. Ice Letters, 3, 1–9.",
                "Okafor, N. (2012). Erratum: Measuring the drift of glacier tongues with low-cost sensors. Journal of Ice Studies, 13, 5.",
            ],
        ),
    );
    env.write(
        "b.txt",
        paper("Paper B", &["K. Lind, The Polar Handbook 101 (2015).", "K. Lind, The Polar Handbook 131 (2015)."]),
    );
    for f in ["a.txt", "b.txt"] {
        assert_eq!(env.run(&["ingest", env.path(f).to_str().unwrap()]).0, 0);
    }
    // Paper A's five entries are five works; paper B's bare entries (one number each, a volume
    // or a page) join none of them rather than a wrong one.
    let w = works(&env);
    let of_a: Vec<&(String, String)> = w.iter().filter(|(_, t)| t != "The Polar Handbook").collect();
    assert_eq!(of_a.len(), 5, "two chapters, two versions and an erratum: {w:?}");
}

#[test]
fn an_entry_like_two_works_merges_them_and_the_merge_splits() {
    let env = Env::new();
    // The title-less entry and the damaged one share nothing the rules accept; the full entry
    // is like both, so it makes them one.
    env.write("a.txt", paper("Paper A", &[TITLELESS]));
    env.write(
        "b.txt",
        paper("Paper B", &["Okafor, N. (2011). Measuring the drift of glacier tongues with low-cost sensors."]),
    );
    env.write("c.txt", paper("Paper C", &[APA]));
    for f in ["a.txt", "b.txt"] {
        assert_eq!(env.run(&["ingest", env.path(f).to_str().unwrap()]).0, 0);
    }
    assert_eq!(works(&env).len(), 2);
    assert_eq!(env.run(&["ingest", env.path("c.txt").to_str().unwrap()]).0, 0);
    let w = works(&env);
    assert_eq!(w.len(), 1, "{w:?}");
    let (_, log, _) = env.run(&["log"]);
    let merge = log.lines().find(|l| l.contains("merge")).unwrap_or_else(|| panic!("no merge logged: {log}"));
    assert!(merge.contains("citekb"), "an automatic merge: {merge}");
    let (code, check, err) = env.run(&["check"]);
    assert_eq!(code, 0, "{check}{err}");
    let merged = env
        .json(&["log", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["action"] == "merge")
        .map(|r| r["subject"].as_str().unwrap().split_whitespace().next().unwrap().to_string())
        .unwrap();
    let (code, _, err) = env.run(&["split", "citation", &merged]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(works(&env).len(), 2);
}
