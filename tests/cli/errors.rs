//! Bad input: one clear line per bad file, nothing of it written, the batch goes on, exit 2.

use super::{big_latex_bundle, run_into_closed_pipe, tiny_paper, Env};

#[test]
fn bad_files_are_reported_and_the_batch_goes_on() {
    let env = Env::new();
    env.write("papers/a_empty.txt", "");
    env.write("papers/b_noise.txt", [0u8, 159, 146, 150, 0, 1, 2, 3]);
    env.write("papers/c_fake.pdf", "this is not a pdf");
    env.write("papers/d_latin1.txt", b"Caf\xe9 paper\n\nSome text.\n");
    env.write("papers/e_good.txt", tiny_paper("Good paper", "MNIST"));
    let dir = env.path("papers");
    let (code, out, err) = env.run(&["ingest", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("1 added") && out.contains("4 failed"), "{out}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[0].contains("a_empty.txt: empty file"), "{err}");
    assert!(lines[1].contains("b_noise.txt: binary data"), "{err}");
    assert!(lines[2].contains("c_fake.pdf: named .pdf but is not a PDF"), "{err}");
    assert!(lines[3].contains("d_latin1.txt: not valid UTF-8"), "{err}");
    let papers = env.json(&["papers", "--format", "json"]);
    assert_eq!(papers.as_array().unwrap().len(), 1);
}

#[test]
fn a_missing_path_is_an_error_line_not_a_panic() {
    let env = Env::new();
    let (code, _, err) = env.run(&["ingest", "/no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/folder: no such file or folder"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn a_catalog_that_is_not_sqlite_is_refused_with_one_line() {
    let env = Env::new();
    std::fs::write(env.db(), "not a database at all, just text that is long enough to matter").unwrap();
    let (code, _, err) = env.run(&["papers"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("catalog"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    assert_eq!(env.run(&["papers", "--format", "xml"]).0, 2);
    assert_eq!(env.run(&["frobnicate"]).0, 2);
}

#[test]
fn malformed_xml_is_one_line_and_a_good_tei_is_read() {
    let env = Env::new();
    env.write(
        "x/a_broken.tei.xml",
        "<?xml version=\"1.0\"?><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>unclosed",
    );
    env.write(
        "x/b_good.tei.xml",
        "<?xml version=\"1.0\"?><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Digits</title></titleStmt></fileDesc></teiHeader>\
         <text><body><div><head n=\"1\">Experiments</head><p>We evaluate on the MNIST dataset <ref type=\"bibr\" target=\"#b0\">(LeCun et al., 1998)</ref>.</p></div></body>\
         <back><div type=\"references\"><listBibl><biblStruct xml:id=\"b0\"><analytic><title>Gradient-based learning applied to document recognition</title>\
         <author><persName><forename>Yann</forename><surname>LeCun</surname></persName></author></analytic><monogr><title>Proc. IEEE</title>\
         <imprint><date when=\"1998\"/></imprint></monogr></biblStruct></listBibl></div></back></text></TEI>",
    );
    let (code, out, err) = env.run(&["ingest", env.path("x").to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("a_broken.tei.xml: malformed XML"), "{err}");
    let rows = env.json(&["datasets", "--paper", env.path("x/b_good.tei.xml").to_str().unwrap(), "--format", "json"]);
    assert_eq!(rows[0]["dataset"], "MNIST");
    assert!(rows[0]["reference"].as_str().unwrap().contains("Gradient-based learning"), "{rows}");
}

#[test]
fn limits_and_symlink_loops_are_one_line_each() {
    let env = Env::new();
    env.write("in/a_big.txt", super::tiny_paper("Big", "MNIST").repeat(50));
    env.write("in/b_ok.txt", super::tiny_paper("Fine", "SVHN"));
    std::os::unix::fs::symlink(env.path("in"), env.path("in/loop")).unwrap();
    let (code, out, err) = env.run(&["ingest", "--max-file-size", "2000", env.path("in").to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("a_big.txt: file is") && err.contains("over the limit of 2000"), "{err}");
    assert!(err.contains("symbolic link loop"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(out.contains("1 added"), "{out}");
}

#[test]
fn an_archive_over_the_unpacked_bound_is_refused() {
    let env = Env::new();
    let p = env.write("bomb.tar.gz", big_latex_bundle());
    let (code, _, err) = env.run(&["extract", "--max-unpacked-size", "50000", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("unpacks to more than 50000 bytes"), "{err}");
    let (code, _, _) = env.run(&["extract", p.to_str().unwrap()]);
    assert_eq!(code, 0, "under the default bound it reads");
}

#[test]
fn a_closed_pipe_ends_quietly_with_0() {
    let env = Env::new();
    env.ingest_examples();
    for args in [
        &["papers"][..],
        &["datasets", "--all", "--format", "jsonl"],
        &["export", "usage"],
        &["export", "bibtex"],
        &["alias", "add", "MNIST", "Handwritten digits"],
        &["ingest", super::examples().to_str().unwrap()],
    ] {
        assert_eq!(run_into_closed_pipe(&env, args), (0, String::new()), "{args:?}");
    }
}
