//! CLI tests: each drives the built `citekb` binary on the example papers or on small fixtures
//! written here, against a catalog in a temporary folder.

mod bad_input;
mod bibliography;
mod catalog;
mod citations;
mod conventions;
mod curation;
mod docs;
mod errors;
mod extract;
mod faults;
mod fixtures;
mod identity;
mod options;
mod pdf;
mod pipes;
mod queries;
mod registry;
mod reliability;
mod storage;
mod suggestions;
mod tables;
mod upgrades;
mod views;
mod works;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The example papers that ship with the repository.
pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/papers")
}

/// A temporary folder with a catalog path inside it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Default for Env {
    fn default() -> Self {
        Env::new()
    }
}

impl Env {
    pub fn new() -> Env {
        Env { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("catalog.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, content).unwrap();
        p
    }

    /// Creates the catalog, migrated, seeded and empty: queries refuse a catalog that is not there.
    pub fn create_catalog(&self) {
        citekb::Catalog::open(self.db().to_str().unwrap()).expect("a new catalog");
    }

    /// `citekb --db <catalog> ARGS...` (without `--db` for the commands that use no catalog,
    /// which refuse it), tables unwrapped (no `COLUMNS` from the caller's shell).
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("citekb").expect("binary");
        c.env_remove("RUST_BACKTRACE").env_remove("CITEKB_DB").env_remove("COLUMNS");
        if !uses_no_catalog(args) {
            c.arg("--db").arg(self.db());
        }
        c.args(args);
        c
    }

    /// Starts `citekb --db <catalog> ARGS...` without waiting, output piped.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        let db = if uses_no_catalog(args) { vec![] } else { vec!["--db".into(), self.db()] };
        std::process::Command::new(assert_cmd::cargo::cargo_bin("citekb"))
            .env_remove("RUST_BACKTRACE")
            .env_remove("CITEKB_DB")
            .args(db)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start citekb")
    }

    /// Runs and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd(args).output().expect("run citekb");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    pub fn ingest_examples(&self) {
        let (code, _, err) = self.run(&["ingest", examples().to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let (_, out, err) = self.run(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}{err}"))
    }
}

/// A short paper in the style of the examples, with one dataset and its citation.
pub fn tiny_paper(title: &str, dataset: &str) -> String {
    format!(
        "{title}\n\nAbstract\nWe evaluate a small model on {dataset} [1].\n\n1 Experiments\n\
         We train and test on the {dataset} dataset [1] and report accuracy.\n\nReferences\n\n\
         [1] A. Author. A dataset paper about {dataset}. In Proceedings, 2015.\n"
    )
}

/// An arXiv-style source bundle (`.tar.gz`) whose one `.tex` file unpacks to over 100 kB.
pub fn big_latex_bundle() -> Vec<u8> {
    use std::io::Write;
    let mut tar = tar::Builder::new(Vec::new());
    let body = format!("\\documentclass{{article}}\\begin{{document}}{}\\end{{document}}", "x".repeat(100_000));
    let mut header = tar::Header::new_gnu();
    header.set_size(body.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    tar.append_data(&mut header, "main.tex", body.as_bytes()).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&tar.into_inner().unwrap()).unwrap();
    gz.finish().unwrap()
}

/// Whether these arguments name a command that opens no catalog and so refuses `--db`.
fn uses_no_catalog(args: &[&str]) -> bool {
    matches!(args.first(), Some(&"extract" | &"completions" | &"man"))
}

/// Runs `citekb --db <catalog> ARGS...` with a standard output whose reader has already gone, as
/// after `head -1` read its line; returns (exit code, stderr).
pub fn run_into_closed_pipe(env: &Env, args: &[&str]) -> (i32, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("citekb"));
    cmd.env_remove("RUST_BACKTRACE").env_remove("CITEKB_DB");
    if !uses_no_catalog(args) {
        cmd.arg("--db").arg(env.db());
    }
    cmd.args(args);
    let out = cmd.stdout(writer).stderr(std::process::Stdio::piped()).output().expect("run citekb");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}
