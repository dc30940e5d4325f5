//! Papers as works: the same paper arriving as TEI, text and PDF is one paper, counted once,
//! with the year and identifiers its files state; `--since` keeps the papers of later years.

use super::pdf::make_pdf;
use super::Env;

const TITLE: &str = "Learning Small Models on Tiny Images";

/// A GROBID-style TEI paper with a header record.
fn tei(title: &str, surname: &str, year: u32, doi: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>\
         <title level=\"a\" type=\"main\">{title}</title></titleStmt><sourceDesc><biblStruct><analytic><author><persName>\
         <forename type=\"first\">Ada</forename><surname>{surname}</surname></persName></author></analytic><monogr>\
         <imprint><date type=\"published\" when=\"{year}-05-01\"/></imprint></monogr><idno type=\"DOI\">{doi}</idno>\
         </biblStruct></sourceDesc></fileDesc></teiHeader><text><body><div><head>Experiments</head>\
         <p>We train the model on the CIFAR-10 dataset and report the accuracy on its test set.</p></div></body></text></TEI>"
    )
}

fn text_paper(title: &str) -> String {
    format!(
        "{title}\n\nAbstract\nWe train the model on the CIFAR-10 dataset and report the accuracy on its test set.\n\n\
         1 Experiments\nThe CIFAR-10 dataset holds small images.\n"
    )
}

fn current_papers(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["papers", "--json"];
    all.extend_from_slice(args);
    env.json(&all).as_array().cloned().unwrap_or_default()
}

#[test]
fn one_paper_as_pdf_text_and_tei_is_one_paper_counted_once() {
    let env = Env::new();
    let body = ["We train the model on the CIFAR-10 dataset and report the accuracy on its test set of images."; 20];
    env.write("in/a.pdf", make_pdf(&[&[TITLE], &body]));
    env.write("in/b.txt", text_paper(TITLE));
    env.write("in/c.tei.xml", tei(TITLE, "Lovelace", 2021, "10.1000/TINY.1"));
    let (code, out, err) = env.run(&["ingest", "--format", "jsonl", env.path("in").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let events: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let versions = events.iter().filter(|e| e.get("same_work_as").is_some()).count();
    assert_eq!(versions, 2, "{out}");
    let papers = current_papers(&env, &[]);
    assert_eq!(papers.len(), 1, "{papers:?}");
    let paper = &papers[0];
    assert!(paper["source"].as_str().unwrap().ends_with("c.tei.xml"), "the TEI gives most and is current: {paper}");
    assert_eq!((paper["year"].as_i64(), paper["doi"].as_str()), (Some(2021), Some("10.1000/tiny.1")));
    let datasets = env.json(&["datasets", "--json"]);
    let cifar = datasets.as_array().unwrap().iter().find(|d| d["name"] == "CIFAR-10").expect("CIFAR-10");
    assert_eq!(cifar["papers"], 1, "counted once: {cifar}");
    // The work's other files are kept, and a rerun changes nothing.
    let (code, out, _) = env.run(&["ingest", env.path("in").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("0 added") && out.contains("the catalog holds 1 paper"), "{out}");
}

#[test]
fn a_version_with_less_to_read_stays_behind_the_current_one() {
    let env = Env::new();
    env.write("tei.xml", tei(TITLE, "Lovelace", 2021, "10.1000/tiny.1"));
    env.write("later.txt", text_paper(TITLE));
    let (code, out, err) =
        env.run(&["ingest", env.path("tei.xml").to_str().unwrap(), env.path("later.txt").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("a version of paper 1 (same title), which stays current"), "{out}");
    let papers = current_papers(&env, &[]);
    assert_eq!(papers.len(), 1);
    assert!(papers[0]["source"].as_str().unwrap().ends_with("tei.xml"));
}

#[test]
fn different_works_stay_apart_whatever_their_titles_share() {
    let env = Env::new();
    // The same title by other authors, a short title two papers share, two DOIs.
    env.write("in/a.tei.xml", tei(TITLE, "Lovelace", 2021, "10.1000/a"));
    env.write("in/b.tei.xml", tei(TITLE, "Babbage", 2021, "10.1000/b"));
    env.write("in/c.txt", text_paper("Deep Models"));
    env.write("in/d.txt", text_paper("Deep Models") + "A second paper of that name.\n");
    let (code, _, err) = env.run(&["ingest", env.path("in").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(current_papers(&env, &[]).len(), 4);
    env.write(
        "e.tei.xml",
        tei(TITLE, "Lovelace", 2015, "10.1000/e").replace("<idno type=\"DOI\">10.1000/e</idno>", ""),
    );
    let (_, out, _) = env.run(&["ingest", env.path("e.tei.xml").to_str().unwrap()]);
    assert!(!out.contains("version of") && !out.contains("same work"), "six years apart is another work: {out}");
}

#[test]
fn since_keeps_the_papers_of_later_years() {
    let env = Env::new();
    env.write("in/old.tei.xml", tei("An Older Study of Small Images", "Lovelace", 2018, "10.1000/old"));
    env.write("in/new.tei.xml", tei("A Newer Study of Small Images", "Babbage", 2022, "10.1000/new"));
    env.write("in/undated.txt", text_paper("A Study Without Any Date"));
    let (code, _, err) = env.run(&["ingest", env.path("in").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let years: Vec<Option<i64>> =
        current_papers(&env, &["--since", "2020"]).iter().map(|p| p["year"].as_i64()).collect();
    assert_eq!(years, [Some(2022)]);
    let using = current_papers(&env, &["--dataset", "CIFAR-10", "--since", "2018"]);
    assert_eq!(using.len(), 2, "{using:?}");
    let counted = |args: &[&str]| {
        let mut all = vec!["datasets", "--json"];
        all.extend_from_slice(args);
        env.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == "CIFAR-10")
            .map(|d| d["papers"].as_i64().unwrap())
    };
    assert_eq!((counted(&[]), counted(&["--since", "2020"])), (Some(3), Some(1)));
}
