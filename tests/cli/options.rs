//! Every option does what its help says or is refused: queries never create a catalog, commands
//! that use none refuse `--db`, `-o` files get the umask's mode, `export usage --dataset`
//! filters, `-` stays `-`, one is singular.

use super::{tiny_paper, Env};

#[test]
fn a_query_on_a_missing_catalog_is_refused_and_creates_nothing() {
    let env = Env::new();
    let commands: &[&[&str]] = &[
        &["papers"],
        &["datasets", "--all"],
        &["show", "dataset", "MNIST"],
        &["export", "usage"],
        &["stats"],
        &["check"],
        &["log"],
        &["merge", "dataset", "MNIST", "SVHN"],
        &["registry", "export"],
    ];
    for args in commands {
        let (code, out, err) = env.run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains("no such file") && err.contains("citekb ingest"), "{args:?}: {err}");
        assert!(!env.db().exists(), "{args:?} created the catalog");
    }
    let registry = env.write("mine.csv", "name,aliases\nZebraSet-7,ZST-7\n");
    let (code, _, err) = env.run(&["registry", "import", registry.to_str().unwrap()]);
    assert_eq!(code, 0, "registry import may create the catalog: {err}");
    assert!(env.db().exists());
}

#[cfg(unix)]
#[test]
fn files_written_with_o_get_the_umasks_mode() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let p = env.write("paper.txt", tiny_paper("A paper", "MNIST"));
    assert_eq!(env.run(&["ingest", p.to_str().unwrap()]).0, 0);
    for (umask, mode) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        for export in ["usage", "bibtex"] {
            let file = env.path(&format!("{export}-{umask}.out"));
            let script = format!("umask {umask} && exec \"$0\" --db \"$1\" export {export} -o \"$2\"",);
            let status = std::process::Command::new("sh")
                .args(["-c", &script, assert_cmd::cargo::cargo_bin("citekb").to_str().unwrap()])
                .arg(env.db())
                .arg(&file)
                .status()
                .unwrap();
            assert!(status.success(), "{export} with umask {umask}");
            let written = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(written, mode, "{export} with umask {umask}: {written:o}");
        }
    }
    let registry = env.path("registry.csv");
    assert_eq!(env.run(&["registry", "export", "-o", registry.to_str().unwrap()]).0, 0);
    assert_ne!(std::fs::metadata(&registry).unwrap().permissions().mode() & 0o077, 0, "not left private");
}

#[test]
fn export_usage_keeps_only_the_dataset_asked_for_and_other_reports_refuse_it() {
    let env = Env::new();
    env.write("in/a.txt", tiny_paper("Digits", "MNIST"));
    env.write("in/b.txt", tiny_paper("Objects", "CIFAR-10"));
    assert_eq!(env.run(&["ingest", env.path("in").to_str().unwrap()]).0, 0);
    let all = env.json(&["export", "usage", "--json"]);
    let mnist = env.json(&["export", "usage", "--dataset", "mnist", "--json"]);
    let rows = mnist.as_array().unwrap();
    assert!(!rows.is_empty() && rows.len() < all.as_array().unwrap().len(), "{mnist}");
    assert!(rows.iter().all(|r| r["dataset"] == "MNIST"), "{mnist}");
    let (code, out, err) = env.run(&["export", "papers", "--dataset", "MNIST"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("--dataset applies to"), "{err}");
}

#[test]
fn standard_input_stays_a_dash_and_one_is_singular() {
    let env = Env::new();
    let out = env.cmd(&["ingest", "-"]).write_stdin(tiny_paper("From stdin", "MNIST")).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        said.contains("the catalog holds 1 paper\n") && said.starts_with("added   -  paper 1 (1 dataset,"),
        "{said}"
    );
    let (_, csv, _) = env.run(&["export", "papers"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "-", "{csv}");
    let (_, shown, _) = env.run(&["show", "dataset", "MNIST"]);
    assert!(shown.contains("cited by 1 paper\n"), "{shown}");
}

#[test]
fn db_is_refused_by_the_commands_that_use_no_catalog() {
    let env = Env::new();
    let paper = env.write("paper.txt", tiny_paper("A Paper", "MNIST"));
    let commands: &[&[&str]] = &[&["extract", paper.to_str().unwrap()], &["completions", "bash"], &["man"]];
    for args in commands {
        let out = assert_cmd::Command::cargo_bin("citekb")
            .unwrap()
            .env_remove("CITEKB_DB")
            .arg("--db")
            .arg(env.db())
            .args(*args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains("--db") && err.contains("uses no catalog"), "{args:?}: {err}");
        assert!(out.stdout.is_empty() && !env.db().exists(), "{args:?} did something");
        let (code, out, err) = env.run(args);
        assert_eq!(code, 0, "{args:?} without --db: {err}");
        assert!(!out.is_empty());
    }
}
