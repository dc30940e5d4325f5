//! The catalog's file under pressure: a full disk mid-ingest leaves a whole catalog and a clear
//! message, and a catalog the user may not write answers queries and refuses writes in words.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use super::faults::assert_whole;
use super::{tiny_paper, Env};

fn count(env: &Env, sql: &str) -> i64 {
    rusqlite::Connection::open(env.db()).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Runs citekb under `/bin/sh` after `setup` (shell commands such as `ulimit`), with `--db`,
/// through `wrapper` (a command that runs it as another user, say; empty for none).
fn citekb_under(env: &Env, setup: &str, wrapper: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("{setup}; db=$1; shift; exec {wrapper} \"$0\" --db \"$db\" \"$@\""))
        .arg(assert_cmd::cargo::cargo_bin("citekb"))
        .arg(env.db())
        .args(args)
        .env_remove("CITEKB_DB")
        .output()
        .expect("run citekb under sh");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
fn a_full_disk_mid_ingest_leaves_a_whole_catalog_a_clear_message_and_a_rerun_completes() {
    let env = Env::new();
    env.ingest_examples();
    let before = count(&env, "SELECT COUNT(*) FROM papers");
    for i in 0..300 {
        let filler = "Further results on the held-out split are reported in the appendix. ".repeat(40);
        env.write(&format!("many/p{i:03}.txt"), tiny_paper(&format!("Paper {i} {filler}"), "MNIST"));
    }
    let many = env.path("many").display().to_string();
    // The files citekb writes may grow by about 256 kB beyond what the catalog holds now: the
    // ingest runs out of room part of the way (SIGXFSZ ignored, so writes fail with EFBIG).
    let held = std::fs::metadata(env.db()).unwrap().len();
    let blocks = held / 512 + 512;
    let (code, out, err) = citekb_under(&env, &format!("trap '' XFSZ; ulimit -f {blocks}"), "", &["ingest", &many]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("the disk is full or a file size limit was reached"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_whole(&env, "after a full disk");
    let stored = count(&env, "SELECT COUNT(*) FROM papers");
    assert!(stored >= before && stored < before + 300, "{stored} papers after a full disk");
    let (code, out, err) = env.run(&["ingest", &many]);
    assert_eq!(code, 0, "rerun with room: {out}{err}");
    assert_eq!(count(&env, "SELECT COUNT(*) FROM papers"), before + 300);
    assert_whole(&env, "after the rerun");
}

/// Whether this process runs as root, whom file modes do not stop.
fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("id -u");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

#[test]
fn a_read_only_catalog_answers_queries_and_refuses_writes_in_words() {
    let env = Env::new();
    env.ingest_examples();
    let new_paper = env.write("new.txt", tiny_paper("A New Paper", "MNIST"));
    let db = env.db();
    let bytes = std::fs::read(&db).unwrap();
    let dir = env.dir.path();
    // Root may write any file: the commands then run as nobody, for whom the catalog (root's,
    // mode 0644, in root's folder) is read-only. Otherwise the file and its folder lose their
    // write bits.
    let user = if is_root() {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        "setpriv --reuid=65534 --regid=65534 --clear-groups"
    } else {
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        ""
    };
    let run = |args: &[&str]| citekb_under(&env, ":", user, args);
    let (code, out, err) = run(&["papers", "--dataset", "ImageNet", "--csv"]);
    assert_eq!(code, 0, "a query reads a read-only catalog: {err}");
    assert!(out.lines().count() > 1, "{out}");
    for args in [&["stats"][..], &["export", "usage"], &["show", "dataset", "ImageNet"]] {
        let (code, _, err) = run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let (code, _, err) = run(&["ingest", new_paper.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("read-only"), "{err}");
    let (code, _, err) = run(&["alias", "add", "ImageNet", "The Big Image Set"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("read-only"), "{err}");
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "the catalog was not modified");
}
